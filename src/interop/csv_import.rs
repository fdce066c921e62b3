//! Import of an inventory spreadsheet saved as CSV.
//!
//! One row per system; optional second and third files list vendors and
//! contracts. Headers may be German or English (`Hersteller`/`vendor`,
//! `Kritikalität`/`criticality` ...), values too (`kritisch`/`critical`,
//! `ja`/`yes`). The file may be UTF-8 with or without byte-order mark, or
//! Windows-1252 as Excel writes it on German systems (detected as "not valid
//! UTF-8"); the separator is `,`, `;` or tab, whichever the header line
//! uses most outside quotes.
//!
//! Missing ids are made from names ([`super::words::slug`]); vendors that
//! the vendor list does not name become stubs with a placeholder country
//! and a `TODO` description. Every row that could not be read, every column
//! and value that was not mapped, and every such assumption is a note in
//! the report, with the file and line.

use super::emit::{
    Draft, DraftContract, DraftFormat, DraftOrganisation, DraftService, DraftSystem, DraftVendor,
    IdPool,
};
use super::words::{self, fold};
use super::{ImportError, Imported, NoteKind, Report};
use crate::catalog::Catalog;
use crate::model::{ContractKind, Country, Licence, Region};
use std::collections::BTreeMap;

/// One CSV file: its name for messages and its raw bytes.
#[derive(Clone, Copy, Debug)]
pub struct CsvInput<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// Choices the import cannot read from the spreadsheet.
#[derive(Clone, Debug)]
pub struct CsvOptions {
    /// `[organisation] name` of the written model.
    pub organisation: String,
    /// `[organisation] home`.
    pub home: Country,
    /// Country written for vendor stubs until someone completes them.
    pub stub_country: Country,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            organisation: "Imported landscape".into(),
            home: Country::parse("DE").unwrap_or_else(|_| unreachable!("DE is valid")),
            stub_country: default_stub_country(),
        }
    }
}

/// The placeholder country of vendor stubs: `US`. An unknown jurisdiction
/// is treated as not trusted, so that a stub never hides a risk; the report
/// and the stub's description say that it must be completed.
pub fn default_stub_country() -> Country {
    Country::parse("US").unwrap_or_else(|_| unreachable!("US is valid"))
}

/// Text of a stub vendor's description.
pub const STUB_DESCRIPTION: &str = "TODO: stub created by import; complete country and parent";

/// Decodes spreadsheet bytes: UTF-8 (a byte-order mark is dropped), or
/// Windows-1252 when the bytes are not valid UTF-8. Returns the text and
/// the name of the encoding used.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(s) => (
            s.to_string(),
            if bom {
                "UTF-8 with byte-order mark"
            } else {
                "UTF-8"
            },
        ),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The separator of the header line: `,`, `;` or tab, whichever occurs
/// most often outside double quotes; `,` on a tie or when none occurs.
pub fn sniff_separator(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut comma, mut semi, mut tab) = (0, 0, 0);
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

/// A column of the systems file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum S {
    Id,
    Name,
    Description,
    Category,
    Layer,
    Vendor,
    Operator,
    Region,
    Licence,
    OpenSource,
    Criticality,
    Users,
    Status,
    Customisation,
    Formats,
    Exports,
    DependsOn,
    Alternatives,
    ExitPlan,
}

/// Headers accepted for each column of the systems file (compared folded).
const SYSTEM_COLUMNS: &[(S, &[&str])] = &[
    (
        S::Id,
        &["id", "kennung", "kürzel", "key", "schlüssel", "system id"],
    ),
    (
        S::Name,
        &[
            "name",
            "bezeichnung",
            "systemname",
            "system",
            "anwendung",
            "produkt",
            "product",
        ],
    ),
    (
        S::Description,
        &[
            "description",
            "beschreibung",
            "bemerkung",
            "bemerkungen",
            "notes",
            "notizen",
            "kommentar",
            "comment",
        ],
    ),
    (
        S::Category,
        &["category", "kategorie", "bereich", "type", "typ"],
    ),
    (S::Layer, &["layer", "schicht", "ebene"]),
    (
        S::Vendor,
        &[
            "vendor",
            "hersteller",
            "manufacturer",
            "anbieter",
            "lieferant",
            "supplier",
        ],
    ),
    (
        S::Operator,
        &[
            "operator",
            "betreiber",
            "betrieb",
            "betrieben von",
            "operated by",
        ],
    ),
    (
        S::Region,
        &[
            "region",
            "standort",
            "location",
            "hosting location",
            "hostingort",
            "serverstandort",
            "datenstandort",
        ],
    ),
    (
        S::Licence,
        &["licence", "license", "lizenz", "lizenzmodell", "lizenzart"],
    ),
    (S::OpenSource, &["open source", "quelloffen", "oss"]),
    (
        S::Criticality,
        &["criticality", "kritikalität", "relevanz", "bedeutung"],
    ),
    (
        S::Users,
        &[
            "users",
            "nutzer",
            "benutzer",
            "anwender",
            "anzahl nutzer",
            "nutzerzahl",
            "user count",
        ],
    ),
    (S::Status, &["status", "zustand"]),
    (
        S::Customisation,
        &[
            "customisation",
            "customization",
            "anpassung",
            "anpassungsgrad",
            "customizing",
        ],
    ),
    (
        S::Formats,
        &["formats", "formate", "datenformate", "data formats"],
    ),
    (
        S::Exports,
        &["exports", "export", "exportformate", "export formats"],
    ),
    (
        S::DependsOn,
        &[
            "depends_on",
            "depends on",
            "dependencies",
            "abhängig von",
            "abhängigkeiten",
            "hängt ab von",
            "benötigt",
        ],
    ),
    (S::Alternatives, &["alternatives", "alternativen"]),
    (
        S::ExitPlan,
        &[
            "exit_plan",
            "exit plan",
            "ausstiegsplan",
            "exit-strategie",
            "exit strategy",
        ],
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum V {
    Id,
    Name,
    Country,
    Parent,
    Description,
}

const VENDOR_COLUMNS: &[(V, &[&str])] = &[
    (V::Id, &["id", "kennung", "kürzel", "key"]),
    (
        V::Name,
        &[
            "name",
            "bezeichnung",
            "firma",
            "unternehmen",
            "company",
            "anbieter",
            "hersteller",
            "vendor",
        ],
    ),
    (
        V::Country,
        &[
            "country",
            "land",
            "sitz",
            "sitzland",
            "staat",
            "jurisdiction",
            "rechtsraum",
        ],
    ),
    (
        V::Parent,
        &[
            "parent",
            "mutter",
            "muttergesellschaft",
            "mutterkonzern",
            "konzern",
            "parent company",
            "gehört zu",
        ],
    ),
    (
        V::Description,
        &[
            "description",
            "beschreibung",
            "bemerkung",
            "notes",
            "kommentar",
        ],
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum C {
    Id,
    Name,
    Description,
    Vendor,
    Covers,
    Kind,
    Start,
    End,
    Term,
    Notice,
    Renewal,
    AnnualCost,
    DataRetrieval,
    SwitchingCharge,
}

const CONTRACT_COLUMNS: &[(C, &[&str])] = &[
    (C::Id, &["id", "kennung", "vertragsnummer", "contract id"]),
    (C::Name, &["name", "bezeichnung", "vertrag", "contract"]),
    (
        C::Description,
        &[
            "description",
            "beschreibung",
            "bemerkung",
            "notes",
            "kommentar",
        ],
    ),
    (
        C::Vendor,
        &[
            "vendor",
            "anbieter",
            "vertragspartner",
            "hersteller",
            "lieferant",
            "supplier",
        ],
    ),
    (
        C::Covers,
        &[
            "covers", "systeme", "systems", "system", "betrifft", "umfasst",
        ],
    ),
    (C::Kind, &["kind", "art", "vertragsart", "type", "typ"]),
    (
        C::Start,
        &[
            "start",
            "beginn",
            "vertragsbeginn",
            "laufzeitbeginn",
            "begin",
        ],
    ),
    (
        C::End,
        &[
            "end",
            "ende",
            "vertragsende",
            "laufzeitende",
            "laufzeit bis",
            "bis",
        ],
    ),
    (C::Term, &["term", "laufzeit"]),
    (C::Notice, &["notice", "kündigungsfrist", "notice period"]),
    (
        C::Renewal,
        &["renewal", "verlängerung", "automatische verlängerung"],
    ),
    (
        C::AnnualCost,
        &[
            "annual_cost",
            "annual cost",
            "jahreskosten",
            "kosten pro jahr",
            "kosten/jahr",
            "kosten",
            "cost",
            "costs",
        ],
    ),
    (
        C::DataRetrieval,
        &[
            "data_retrieval",
            "data retrieval",
            "datenrückgabe",
            "datenherausgabe",
        ],
    ),
    (
        C::SwitchingCharge,
        &[
            "switching_charge",
            "switching charge",
            "wechselgebühr",
            "wechselkosten",
        ],
    ),
];

/// A read CSV file: which column is which field, and the rows.
struct Table<F> {
    file: String,
    headers: Vec<String>,
    fields: Vec<Option<F>>,
    rows: Vec<Row>,
}

struct Row {
    line: u64,
    cells: Vec<String>,
}

impl<F: Copy + PartialEq> Table<F> {
    fn has(&self, f: F) -> bool {
        self.fields.contains(&Some(f))
    }

    /// The trimmed, non-empty cell of a field in a row.
    fn get<'r>(&self, row: &'r Row, f: F) -> Option<&'r str> {
        let i = self.fields.iter().position(|x| *x == Some(f))?;
        row.cells.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// The header text of a field, for messages.
    fn header(&self, f: F) -> &str {
        self.fields
            .iter()
            .position(|x| *x == Some(f))
            .and_then(|i| self.headers.get(i))
            .map(String::as_str)
            .unwrap_or("?")
    }
}

fn read_table<F: Copy + PartialEq>(
    input: &CsvInput<'_>,
    columns: &[(F, &[&str])],
    report: &mut Report,
) -> Result<Table<F>, ImportError> {
    let file = input.name;
    let (text, encoding) = decode(input.bytes);
    let sep = sniff_separator(&text);
    report.push(
        NoteKind::Info,
        file,
        None,
        format!(
            "read as {encoding}, separator `{}`",
            if sep == b'\t' {
                "tab".to_string()
            } else {
                (sep as char).to_string()
            }
        ),
    );
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return Err(ImportError::Unreadable {
                file: file.to_string(),
                message: format!("cannot read the header line: {e}"),
            });
        }
    };
    if headers.iter().all(|h| h.is_empty()) {
        return Err(ImportError::Unreadable {
            file: file.to_string(),
            message: "the file has no header line".into(),
        });
    }
    let mut fields: Vec<Option<F>> = Vec::with_capacity(headers.len());
    for h in &headers {
        let f = fold(h);
        let hit = columns
            .iter()
            .find(|(_, names)| names.iter().any(|n| fold(n) == f))
            .map(|(k, _)| *k);
        // A second column for the same field is not mapped (the first wins).
        fields.push(hit.filter(|k| !fields.contains(&Some(*k))));
    }
    // Lines are counted from byte offsets: the csv crate's own line
    // numbers are one short in files with CRLF line ends (as Excel writes).
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    // A record's position may point at the line break before it (CRLF):
    // skip line breaks to reach its first byte.
    let raw = text.as_bytes();
    let line_of = |byte: u64| {
        let mut b = byte as usize;
        while b < raw.len() && (raw[b] == b'\r' || raw[b] == b'\n') {
            b += 1;
        }
        newlines.partition_point(|&i| i < b) as u64 + 1
    };
    let mut rows = Vec::new();
    for rec in rdr.records() {
        match rec {
            Err(e) => {
                let line = e.position().map(|p| line_of(p.byte()));
                report.push(NoteKind::Skipped, file, line, format!("row not read: {e}"));
            }
            Ok(r) => {
                let line = r.position().map(|p| line_of(p.byte())).unwrap_or(0);
                let cells: Vec<String> = r.iter().map(str::to_string).collect();
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let extra: Vec<&str> = cells
                    .iter()
                    .skip(headers.len())
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect();
                if !extra.is_empty() {
                    report.push(
                        NoteKind::NotMapped,
                        file,
                        Some(line),
                        format!(
                            "{} value(s) beyond the last column not imported: {}",
                            extra.len(),
                            extra
                                .iter()
                                .map(|s| format!("`{s}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
                rows.push(Row { line, cells });
            }
        }
    }
    for (i, h) in headers.iter().enumerate() {
        if fields[i].is_some() {
            continue;
        }
        let n = rows
            .iter()
            .filter(|r| r.cells.get(i).is_some_and(|c| !c.trim().is_empty()))
            .count();
        let what = if h.is_empty() {
            format!("column {} (no header)", i + 1)
        } else {
            format!("column {} `{h}`", i + 1)
        };
        report.push(
            NoteKind::NotMapped,
            file,
            Some(1),
            format!("{what} is not a known column (or a second one of the same kind); its {n} value(s) were not imported"),
        );
    }
    Ok(Table {
        file: file.to_string(),
        headers,
        fields,
        rows,
    })
}

/// Text of the unknown vendor's description.
pub const UNKNOWN_VENDOR_DESCRIPTION: &str =
    "TODO: placeholder for systems imported without a vendor; name their real vendors";

/// Vendors known to an import: from a vendor list, stubs, and the
/// placeholder for systems without a vendor.
pub(crate) struct Vendors {
    pub(crate) drafts: Vec<DraftVendor>,
    keys: BTreeMap<String, usize>,
    ids: IdPool,
    stub_country: Country,
    /// The placeholder vendor of systems without one, and how many use it.
    unknown: Option<(usize, usize)>,
}

impl Vendors {
    pub(crate) fn new(stub_country: Country) -> Self {
        Vendors {
            drafts: Vec::new(),
            keys: BTreeMap::new(),
            ids: IdPool::reserving(&["self"]),
            stub_country,
            unknown: None,
        }
    }

    /// The placeholder vendor of a system imported without a vendor,
    /// created on first use. An unknown vendor is treated like a vendor
    /// name missing from the vendor list: a placeholder with the stub
    /// country, so that it counts as untrusted instead of as in-house.
    pub(crate) fn unknown(&mut self) -> String {
        match &mut self.unknown {
            Some((i, n)) => {
                *n += 1;
                self.drafts[*i].id.clone()
            }
            None => {
                let id = self.ids.take("unknown-vendor");
                let i = self.drafts.len();
                // Not added to `keys`: a cell naming "Unknown vendor" is a stub of its own.
                self.drafts.push(DraftVendor {
                    id: id.clone(),
                    name: "Unknown vendor".into(),
                    country: self.stub_country,
                    parent: None,
                    description: Some(UNKNOWN_VENDOR_DESCRIPTION.into()),
                    placeholder: true,
                    comment: Some(format!(
                        "TODO: placeholder for systems imported without a vendor; country {} is assumed",
                        self.stub_country
                    )),
                });
                self.unknown = Some((i, 1));
                id
            }
        }
    }

    /// Reports how many systems got the placeholder vendor (one line).
    pub(crate) fn report_unknown(&self, file: &str, report: &mut Report) {
        if let Some((i, n)) = self.unknown {
            report.push(
                NoteKind::Stub,
                file,
                None,
                format!(
                    "{n} system{} without a vendor: written with the placeholder vendor `{}` (country {} assumed); name the real vendors",
                    if n == 1 { "" } else { "s" },
                    self.drafts[i].id,
                    self.stub_country
                ),
            );
        }
    }

    fn find(&self, cell: &str) -> Option<usize> {
        self.keys.get(&fold(cell)).copied()
    }

    fn add(&mut self, v: DraftVendor) -> usize {
        let i = self.drafts.len();
        self.keys.entry(fold(&v.id)).or_insert(i);
        self.keys.entry(fold(&v.name)).or_insert(i);
        self.drafts.push(v);
        i
    }

    /// The vendor id for a cell: `self`, a listed vendor, or a new stub.
    pub(crate) fn resolve(
        &mut self,
        cell: &str,
        file: &str,
        line: u64,
        report: &mut Report,
    ) -> Option<String> {
        if words::is_self(cell) {
            return Some("self".into());
        }
        if let Some(i) = self.find(cell) {
            return Some(self.drafts[i].id.clone());
        }
        let Some(base) = words::slug(cell) else {
            report.push(
                NoteKind::NotMapped,
                file,
                Some(line),
                format!("vendor `{cell}` has no letters or digits to make an id from; left out"),
            );
            return None;
        };
        let id = self.ids.take(&base);
        report.push(
            NoteKind::Stub,
            file,
            Some(line),
            format!(
                "vendor `{cell}` is not in the vendor list: created stub `{id}` with placeholder country {}; complete its country and parent",
                self.stub_country
            ),
        );
        self.add(DraftVendor {
            id: id.clone(),
            name: cell.to_string(),
            country: self.stub_country,
            parent: None,
            description: Some(STUB_DESCRIPTION.into()),
            placeholder: true,
            comment: Some(format!(
                "TODO: stub for `{cell}` ({file}, line {line}); country {} is a placeholder",
                self.stub_country
            )),
        });
        Some(id)
    }
}

/// Formats met in `formats` / `exports` cells, in first-seen order.
#[derive(Default)]
struct Formats {
    drafts: Vec<DraftFormat>,
    ids: IdPool,
    keys: BTreeMap<String, String>,
}

impl Formats {
    fn resolve(
        &mut self,
        entry: &str,
        file: &str,
        line: u64,
        report: &mut Report,
    ) -> Option<String> {
        let key = fold(entry);
        if let Some(id) = self.keys.get(&key) {
            return Some(id.clone());
        }
        let (id, draft) = if let Some((id, name, open, standard)) = words::known_format(entry) {
            if let Some(d) = self.drafts.iter().find(|d| d.id == id) {
                let id = d.id.clone();
                self.keys.insert(key, id.clone());
                return Some(id);
            }
            let id = self.ids.take(id);
            (
                id.clone(),
                DraftFormat {
                    id,
                    name: name.into(),
                    open,
                    standard: standard.map(str::to_string),
                    comment: None,
                },
            )
        } else {
            let id = self.ids.take(&words::slug(entry)?);
            report.push(
                NoteKind::Assumed,
                file,
                Some(line),
                format!("format `{entry}` is not known: written as `{id}` with `open = false`; set `open = true` if a standards body maintains it"),
            );
            (
                id.clone(),
                DraftFormat {
                    id,
                    name: entry.to_string(),
                    open: false,
                    standard: None,
                    comment: Some(format!("TODO: check `open` ({file}, line {line})")),
                },
            )
        };
        self.keys.insert(key, id.clone());
        self.drafts.push(draft);
        Some(id)
    }
}

/// Imports a systems CSV and the optional vendor and contract lists.
pub fn import(
    systems: CsvInput<'_>,
    vendors: Option<CsvInput<'_>>,
    contracts: Option<CsvInput<'_>>,
    opts: &CsvOptions,
) -> Result<Imported, ImportError> {
    let mut report = Report::default();
    let mut vreg = Vendors::new(opts.stub_country);
    if let Some(v) = vendors {
        read_vendors(&v, &mut vreg, &mut report)?;
    }
    let (draft_systems, formats) = read_systems(&systems, &mut vreg, &mut report)?;
    vreg.report_unknown(systems.name, &mut report);
    let draft_contracts = match contracts {
        Some(c) => read_contracts(&c, &draft_systems, &mut vreg, &mut report)?,
        None => Vec::new(),
    };
    report.push(
        NoteKind::Assumed,
        systems.name,
        None,
        format!(
            "[organisation] written with name `{}`, home {} and trusted [\"EU\"]; adjust them",
            opts.organisation, opts.home
        ),
    );
    let mut header = vec![format!(
        "Imported by exitgraph {} from {}",
        env!("CARGO_PKG_VERSION"),
        systems.name
    )];
    if let Some(v) = vendors {
        header.push(format!("  vendors from {}", v.name));
    }
    if let Some(c) = contracts {
        header.push(format!("  contracts from {}", c.name));
    }
    header.push("Lines marked TODO need completing; `exitgraph check` validates the file.".into());
    let draft = Draft {
        header,
        organisation: DraftOrganisation {
            name: opts.organisation.clone(),
            home: opts.home,
            trusted: vec![Region::Eu],
            as_of: None,
        },
        vendors: vreg.drafts,
        formats: formats.drafts,
        systems: draft_systems,
        contracts: draft_contracts,
        services: Vec::<DraftService>::new(),
    };
    super::finish(&draft, report)
}

fn read_vendors(
    input: &CsvInput<'_>,
    vreg: &mut Vendors,
    report: &mut Report,
) -> Result<(), ImportError> {
    let t = read_table(input, VENDOR_COLUMNS, report)?;
    if !t.has(V::Name) && !t.has(V::Id) {
        return Err(no_column(&t, "`name` or `id`"));
    }
    let mut parents: Vec<(usize, String, u64)> = Vec::new();
    for row in &t.rows {
        let line = row.line;
        let given_id = t.get(row, V::Id);
        let name = t.get(row, V::Name);
        let Some((id, name)) = id_and_name(&t.file, line, given_id, name, &mut vreg.ids, report)
        else {
            continue;
        };
        let mut placeholder = true;
        let country = match t.get(row, V::Country) {
            Some(c) => match words::country(c) {
                Some(c) => {
                    placeholder = false;
                    c
                }
                None => {
                    report.push(
                        NoteKind::Assumed,
                        &t.file,
                        Some(line),
                        format!("country `{c}` of vendor `{id}` not understood: placeholder {} written; correct it", vreg.stub_country),
                    );
                    vreg.stub_country
                }
            },
            None => {
                report.push(
                    NoteKind::Assumed,
                    &t.file,
                    Some(line),
                    format!(
                        "vendor `{id}` has no country: placeholder {} written; complete it",
                        vreg.stub_country
                    ),
                );
                vreg.stub_country
            }
        };
        let i = vreg.add(DraftVendor {
            id,
            name,
            country,
            parent: None,
            description: t.get(row, V::Description).map(str::to_string),
            placeholder,
            comment: Some(if placeholder {
                format!(
                    "{}, line {line}; TODO: country {} is a placeholder",
                    t.file, vreg.stub_country
                )
            } else {
                format!("{}, line {line}", t.file)
            }),
        });
        if let Some(p) = t.get(row, V::Parent) {
            parents.push((i, p.to_string(), line));
        }
    }
    // Parents may name vendors listed further down, so they resolve last.
    for (i, p, line) in parents {
        let pid = vreg.resolve(&p, &t.file, line, report);
        match pid {
            Some(pid) if pid == "self" || pid == vreg.drafts[i].id => report.push(
                NoteKind::NotMapped,
                &t.file,
                Some(line),
                format!(
                    "parent `{p}` of vendor `{}` left out: a vendor cannot own itself",
                    vreg.drafts[i].id
                ),
            ),
            Some(pid) => vreg.drafts[i].parent = Some(pid),
            None => report.push(
                NoteKind::NotMapped,
                &t.file,
                Some(line),
                format!(
                    "parent `{p}` of vendor `{}` left out: no usable name",
                    vreg.drafts[i].id
                ),
            ),
        }
    }
    Ok(())
}

fn no_column<F>(t: &Table<F>, what: &str) -> ImportError {
    ImportError::Unreadable {
        file: t.file.clone(),
        message: format!(
            "no {what} column among the headers {}; docs/interop.md lists the accepted headers",
            t.headers
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The id and name of a row: a valid given id, else one made from the
/// given id or the name; the name, else the id. `None` skips the row.
fn id_and_name(
    file: &str,
    line: u64,
    given_id: Option<&str>,
    name: Option<&str>,
    pool: &mut IdPool,
    report: &mut Report,
) -> Option<(String, String)> {
    let want = match (given_id, name) {
        (Some(g), _) if crate::model::validate::is_valid_id(g) => g.to_string(),
        (Some(g), _) => match words::slug(g) {
            Some(s) => {
                report.push(
                    NoteKind::Assumed,
                    file,
                    Some(line),
                    format!(
                        "id `{g}` is not a valid id (lower-case a-z, 0-9, -): written as `{s}`"
                    ),
                );
                s
            }
            None => {
                report.push(
                    NoteKind::Skipped,
                    file,
                    Some(line),
                    format!("row skipped: id `{g}` has no letters or digits"),
                );
                return None;
            }
        },
        (None, Some(n)) => match words::slug(n) {
            Some(s) => {
                report.push(
                    NoteKind::Assumed,
                    file,
                    Some(line),
                    format!("no id: `{s}` made from the name"),
                );
                s
            }
            None => {
                report.push(
                    NoteKind::Skipped,
                    file,
                    Some(line),
                    format!("row skipped: no id, and the name `{n}` has no letters or digits"),
                );
                return None;
            }
        },
        (None, None) => {
            report.push(
                NoteKind::Skipped,
                file,
                Some(line),
                "row skipped: it has neither an id nor a name",
            );
            return None;
        }
    };
    let id = pool.take(&want);
    if id != want {
        report.push(
            NoteKind::Assumed,
            file,
            Some(line),
            format!("id `{want}` is taken by an earlier row: written as `{id}`"),
        );
    }
    let name = match name {
        Some(n) => n.to_string(),
        None => {
            report.push(
                NoteKind::Assumed,
                file,
                Some(line),
                format!("no name: the id `{id}` is used as name"),
            );
            id.clone()
        }
    };
    Some((id, name))
}

/// Reports a value of a column that was not understood.
fn not_understood(
    report: &mut Report,
    file: &str,
    line: u64,
    column: &str,
    value: &str,
    hint: &str,
) {
    report.push(
        NoteKind::NotMapped,
        file,
        Some(line),
        format!("value `{value}` of column `{column}` not understood ({hint}); left out"),
    );
}

/// Parses an optional cell with `parse`; reports a value it does not understand.
fn parse_cell<F: Copy + PartialEq, T>(
    t: &Table<F>,
    row: &Row,
    f: F,
    report: &mut Report,
    hint: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let v = t.get(row, f)?;
    let r = parse(v);
    if r.is_none() {
        not_understood(report, &t.file, row.line, t.header(f), v, hint);
    }
    r
}

/// Looks a system up by id, folded id or folded name.
fn system_key(systems: &[DraftSystem], entry: &str) -> Option<usize> {
    systems.iter().position(|s| s.id == entry).or_else(|| {
        let f = fold(entry);
        systems
            .iter()
            .position(|s| fold(&s.id) == f || fold(&s.name) == f)
    })
}

fn read_systems(
    input: &CsvInput<'_>,
    vreg: &mut Vendors,
    report: &mut Report,
) -> Result<(Vec<DraftSystem>, Formats), ImportError> {
    let t = read_table(input, SYSTEM_COLUMNS, report)?;
    if !t.has(S::Name) && !t.has(S::Id) {
        return Err(no_column(&t, "`name` or `id`"));
    }
    let file = t.file.clone();
    let mut pool = IdPool::default();
    let mut formats = Formats::default();
    let mut out: Vec<DraftSystem> = Vec::new();
    // Dependencies and alternatives name other rows: resolved after all rows.
    let mut later: Vec<(usize, u64, Vec<String>, Vec<String>)> = Vec::new();
    for row in &t.rows {
        let line = row.line;
        let Some((id, name)) = id_and_name(
            &file,
            line,
            t.get(row, S::Id),
            t.get(row, S::Name),
            &mut pool,
            report,
        ) else {
            continue;
        };
        let mut s = DraftSystem {
            id,
            name,
            comment: Some(format!("{file}, line {line}")),
            ..Default::default()
        };
        s.description = t.get(row, S::Description).map(str::to_string);
        s.category = t.get(row, S::Category).map(words::category);
        s.exit_plan = t.get(row, S::ExitPlan).map(str::to_string);
        s.layer = parse_cell(
            &t,
            row,
            S::Layer,
            report,
            "Infrastruktur/infrastructure, Plattform/platform, Anwendung/application, Daten/data",
            words::layer,
        );
        s.criticality = parse_cell(
            &t,
            row,
            S::Criticality,
            report,
            "kritisch/critical, hoch/high, mittel/medium, niedrig/low",
            words::criticality,
        );
        s.status = parse_cell(
            &t,
            row,
            S::Status,
            report,
            "in Betrieb/in use, Kandidat/candidate, abgeschaltet/retired",
            words::status,
        );
        s.customisation = parse_cell(
            &t,
            row,
            S::Customisation,
            report,
            "keine/none, gering/low, mittel/medium, hoch/high",
            words::customisation,
        );
        s.users = parse_cell(&t, row, S::Users, report, "a whole number", words::count);
        s.region = parse_cell(
            &t,
            row,
            S::Region,
            report,
            "a country code or name, or EU",
            words::region,
        );
        s.licence = parse_cell(
            &t,
            row,
            S::Licence,
            report,
            "Open Source, proprietär/proprietary",
            words::licence,
        );
        if let Some(open) = parse_cell(
            &t,
            row,
            S::OpenSource,
            report,
            "ja/yes or nein/no",
            words::yes_no,
        ) {
            let l = if open {
                Licence::OpenSource
            } else {
                Licence::Proprietary
            };
            match s.licence {
                Some(given) if given != l => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "column `{}` contradicts column `{}`; the licence column was kept",
                        t.header(S::OpenSource),
                        t.header(S::Licence)
                    ),
                ),
                _ => s.licence = Some(l),
            }
        }
        if let Some(v) = t.get(row, S::Vendor) {
            s.vendor = vreg.resolve(v, &file, line, report);
        }
        if s.vendor.is_none() {
            s.vendor = Some(vreg.unknown());
        }
        if let Some(v) = t.get(row, S::Operator) {
            s.operator = vreg.resolve(v, &file, line, report);
        }
        if let Some(cell) = t.get(row, S::Formats) {
            for e in words::list(cell) {
                if let Some(id) = formats.resolve(&e, &file, line, report)
                    && !s.formats.contains(&id)
                {
                    s.formats.push(id);
                }
            }
        }
        if let Some(cell) = t.get(row, S::Exports) {
            let mut ex = Vec::new();
            let none = matches!(words::yes_no(cell), Some(false))
                || ["keine", "none", "kein export", "no export"]
                    .iter()
                    .any(|w| fold(w) == fold(cell));
            if !none {
                for e in words::list(cell) {
                    if let Some(id) = formats.resolve(&e, &file, line, report)
                        && !ex.contains(&id)
                    {
                        ex.push(id);
                    }
                }
            }
            s.exports = Some(ex);
        }
        let deps = t
            .get(row, S::DependsOn)
            .map(words::list)
            .unwrap_or_default();
        let alts = t
            .get(row, S::Alternatives)
            .map(words::list)
            .unwrap_or_default();
        out.push(s);
        if !deps.is_empty() || !alts.is_empty() {
            later.push((out.len() - 1, line, deps, alts));
        }
    }
    for (i, line, deps, alts) in later {
        for d in deps {
            match system_key(&out, &d) {
                Some(j) if j == i => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "`{}` cannot depend on itself; entry `{d}` left out",
                        out[i].id
                    ),
                ),
                Some(j) => {
                    let id = out[j].id.clone();
                    if !out[i].depends_on.contains(&id) {
                        out[i].depends_on.push(id);
                    }
                }
                None => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "dependency `{d}` of `{}` matches no system id or name; left out",
                        out[i].id
                    ),
                ),
            }
        }
        for a in alts {
            let entry = if let Some(c) = a.strip_prefix("catalog:") {
                Catalog::builtin()
                    .get(c.trim())
                    .map(|e| format!("catalog:{}", e.id))
            } else {
                match system_key(&out, &a) {
                    Some(j) if j != i => Some(out[j].id.clone()),
                    _ => None,
                }
            };
            match entry {
                Some(e) => {
                    if !out[i].alternatives.contains(&e) {
                        out[i].alternatives.push(e);
                    }
                }
                None => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!("alternative `{a}` of `{}` is neither another row nor a catalogue entry (`catalog:ID`); left out", out[i].id),
                ),
            }
        }
    }
    Ok((out, formats))
}

fn read_contracts(
    input: &CsvInput<'_>,
    systems: &[DraftSystem],
    vreg: &mut Vendors,
    report: &mut Report,
) -> Result<Vec<DraftContract>, ImportError> {
    let t = read_table(input, CONTRACT_COLUMNS, report)?;
    if !t.has(C::Vendor) {
        return Err(no_column(&t, "`vendor`"));
    }
    let file = t.file.clone();
    let mut pool = IdPool::default();
    let mut out = Vec::new();
    for row in &t.rows {
        let line = row.line;
        let Some(vcell) = t.get(row, C::Vendor) else {
            report.push(
                NoteKind::Skipped,
                &file,
                Some(line),
                "contract skipped: no vendor",
            );
            continue;
        };
        let name = t.get(row, C::Name);
        // Without id or name, the id is made from the vendor.
        let fallback = format!("{vcell} contract");
        let naming = name.or(if t.get(row, C::Id).is_none() {
            Some(fallback.as_str())
        } else {
            None
        });
        let Some((id, _)) = id_and_name(&file, line, t.get(row, C::Id), naming, &mut pool, report)
        else {
            continue;
        };
        let vendor = match vreg.resolve(vcell, &file, line, report) {
            Some(v) if v != "self" => v,
            _ => {
                report.push(
                    NoteKind::Skipped,
                    &file,
                    Some(line),
                    format!("contract `{id}` skipped: vendor `{vcell}` is not a vendor"),
                );
                continue;
            }
        };
        let mut covers = Vec::new();
        for e in t.get(row, C::Covers).map(words::list).unwrap_or_default() {
            match system_key(systems, &e) {
                Some(j) => {
                    if !covers.contains(&systems[j].id) {
                        covers.push(systems[j].id.clone());
                    }
                }
                None => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "`{e}` in `{}` of contract `{id}` matches no system; left out",
                        t.header(C::Covers)
                    ),
                ),
            }
        }
        let kind = match parse_cell(
            &t,
            row,
            C::Kind,
            report,
            "Lizenz/licence, Abo/subscription, Cloud, Wartung/support, Hosting",
            words::contract_kind,
        ) {
            Some(k) => k,
            None => {
                report.push(
                    NoteKind::Assumed,
                    &file,
                    Some(line),
                    format!("contract `{id}` has no usable kind: `licence` written; correct it"),
                );
                ContractKind::Licence
            }
        };
        let dur = |f: C, report: &mut Report| {
            parse_cell(
                &t,
                row,
                f,
                report,
                "a duration such as `3 Monate`, `1 Jahr`, `6mo`",
                |s| words::duration(s).ok(),
            )
        };
        let start = parse_cell(
            &t,
            row,
            C::Start,
            report,
            "a date 2027-06-30 or 30.06.2027",
            words::date,
        );
        let mut end = parse_cell(
            &t,
            row,
            C::End,
            report,
            "a date 2027-06-30 or 30.06.2027",
            words::date,
        );
        let mut term = dur(C::Term, report);
        let notice = dur(C::Notice, report);
        let mut renewal = dur(C::Renewal, report);
        let data_retrieval = dur(C::DataRetrieval, report);
        let annual_cost = parse_cell(
            &t,
            row,
            C::AnnualCost,
            report,
            "an amount such as 45.000,00",
            words::number,
        );
        let switching_charge = parse_cell(
            &t,
            row,
            C::SwitchingCharge,
            report,
            "an amount such as 45.000,00",
            words::number,
        );
        if term.is_some_and(|d| d.is_zero()) {
            report.push(
                NoteKind::NotMapped,
                &file,
                Some(line),
                format!("term of contract `{id}` is zero; left out"),
            );
            term = None;
        }
        if end.is_some() && term.is_some() {
            report.push(NoteKind::NotMapped, &file, Some(line), format!("contract `{id}` has both an end and a term: the end was kept, the term left out"));
            term = None;
        }
        if term.is_some() && start.is_none() {
            report.push(
                NoteKind::NotMapped,
                &file,
                Some(line),
                format!("term of contract `{id}` left out: it needs a start date"),
            );
            term = None;
        }
        if renewal.is_some_and(|d| d.is_zero()) {
            report.push(
                NoteKind::NotMapped,
                &file,
                Some(line),
                format!("renewal of contract `{id}` is zero; left out"),
            );
            renewal = None;
        }
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            report.push(
                NoteKind::NotMapped,
                &file,
                Some(line),
                format!("end {e} of contract `{id}` is before its start {s}; the end was left out"),
            );
            end = None;
        }
        if end.is_none() && term.is_none() {
            report.push(
                NoteKind::Skipped,
                &file,
                Some(line),
                format!("contract `{id}` skipped: it has no end date (give `end`, or `start` and `term`)"),
            );
            continue;
        }
        out.push(DraftContract {
            id,
            name: name.map(str::to_string),
            description: t.get(row, C::Description).map(str::to_string),
            vendor,
            covers,
            kind,
            start,
            end,
            term,
            notice,
            renewal,
            annual_cost,
            data_retrieval,
            switching_charge,
            comment: Some(format!("{file}, line {line}")),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn imp(sys: &str) -> Imported {
        import(
            CsvInput {
                name: "s.csv",
                bytes: sys.as_bytes(),
            },
            None,
            None,
            &CsvOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn notes(i: &Imported, k: NoteKind) -> Vec<String> {
        i.report.of(k).map(|n| n.to_string()).collect()
    }

    #[test]
    fn separator_is_the_most_frequent_outside_quotes() {
        assert_eq!(sniff_separator("a;b;c\n1,2;3"), b';');
        assert_eq!(sniff_separator("\"a;b\",c,d"), b',');
        assert_eq!(sniff_separator("a\tb\tc"), b'\t');
        assert_eq!(sniff_separator("single"), b',');
    }

    #[test]
    fn windows_1252_is_detected_by_invalid_utf8() {
        let (t, enc) = decode(b"Kritikalit\xe4t;Gr\xf6\xdfe");
        assert_eq!(enc, "Windows-1252");
        assert_eq!(t, "Kritikalität;Größe");
        let (t, enc) = decode("\u{feff}ID,Name".as_bytes());
        assert_eq!(enc, "UTF-8 with byte-order mark");
        assert_eq!(t, "ID,Name");
    }

    #[test]
    fn ids_come_from_names_and_duplicates_get_a_counter() {
        let i = imp("Name,Kritikalität\nBürgerbüro,kritisch\nBürgerbüro,hoch\n");
        assert!(i.toml.contains("id = \"buergerbuero\""), "{}", i.toml);
        assert!(i.toml.contains("id = \"buergerbuero-2\""));
        assert_eq!(i.counts.systems, 2);
        let a = notes(&i, NoteKind::Assumed);
        assert!(a.iter().any(|n| n == "s.csv:3: assumed: id `buergerbuero` is taken by an earlier row: written as `buergerbuero-2`"), "{a:#?}");
    }

    #[test]
    fn unreadable_rows_and_unknown_values_are_reported_with_lines() {
        let i = imp(
            "id,name,criticality,Farbe,depends_on\na,A,egal,blau,zz\n,,,,\n,,high,,\nb,B,low,,a\n",
        );
        let nm = notes(&i, NoteKind::NotMapped);
        assert!(nm.contains(&"s.csv:2: not mapped: value `egal` of column `criticality` not understood (kritisch/critical, hoch/high, mittel/medium, niedrig/low); left out".to_string()), "{nm:#?}");
        assert!(nm.contains(&"s.csv:1: not mapped: column 4 `Farbe` is not a known column (or a second one of the same kind); its 1 value(s) were not imported".to_string()));
        assert!(nm.contains(&"s.csv:2: not mapped: dependency `zz` of `a` matches no system id or name; left out".to_string()));
        let sk = notes(&i, NoteKind::Skipped);
        assert_eq!(
            sk,
            vec!["s.csv:4: skipped: row skipped: it has neither an id nor a name".to_string()]
        );
        assert!(i.toml.contains("depends_on = [\"a\"]"));
    }

    #[test]
    fn unknown_vendors_become_flagged_stubs() {
        let i = imp("name,vendor,operator\nMail,Acme GmbH,selbst\n");
        assert!(i.toml.contains("id = \"acme-gmbh\""));
        assert!(i.toml.contains(STUB_DESCRIPTION));
        assert!(i.toml.contains("country = \"US\""));
        assert!(i.toml.contains("operator = \"self\""));
        assert_eq!(notes(&i, NoteKind::Stub).len(), 1);
    }

    /// A system without a vendor is not in-house: it gets one placeholder
    /// vendor with the stub country, reported once with the count.
    #[test]
    fn systems_without_a_vendor_get_the_placeholder_vendor() {
        let i = imp("name,vendor\nA,\nB,selbst\nC,\n");
        let m =
            crate::model::load_str("t", std::path::Path::new("t"), &i.toml, &Default::default())
                .unwrap();
        let a = m.system(m.system_id("a").unwrap());
        let b = m.system(m.system_id("b").unwrap());
        assert_eq!(m.party_id(a.vendor), "unknown-vendor");
        assert_eq!(m.party_id(b.vendor), "self");
        let v = m.vendor(m.vendor_id("unknown-vendor").unwrap());
        assert!(v.placeholder);
        assert_eq!(v.country.as_str(), "US");
        assert_eq!(
            notes(&i, NoteKind::Stub),
            vec!["s.csv: stub: 2 systems without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors".to_string()]
        );
        assert!(
            m.warnings
                .iter()
                .any(|d| d.code == crate::model::Code::PlaceholderVendor
                    && d.message.contains("`unknown-vendor`")
                    && d.message.contains("(2 systems, 0 contracts name it)")),
            "{:#?}",
            m.warnings
        );
    }

    proptest::proptest! {
        /// Whatever a cell holds, the import writes a model that loads,
        /// with the name as written (trimmed) or the row reported.
        #[test]
        fn any_cell_text_gives_a_valid_model(name in "\\PC{0,30}", vendor in "\\PC{0,20}", dep in "\\PC{0,10}") {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["name", "vendor", "depends_on", "criticality"]).unwrap();
            w.write_record([name.as_str(), vendor.as_str(), dep.as_str(), "hoch"]).unwrap();
            w.write_record(["Zweites System", "", name.as_str(), "low"]).unwrap();
            let bytes = w.into_inner().unwrap();
            let i = import(CsvInput { name: "p.csv", bytes: &bytes }, None, None, &CsvOptions::default())
                .map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            let m = crate::model::load_str("t", std::path::Path::new("t"), &i.toml, &Default::default())
                .map_err(|f| proptest::test_runner::TestCaseError::fail(format!("{:?}", f.diagnostics)))?;
            let t = name.trim();
            if words::slug(t).is_some() {
                proptest::prop_assert_eq!(&m.systems[0].name, t);
            }
        }
    }

    #[test]
    fn a_file_without_name_or_id_column_is_refused() {
        let e = import(
            CsvInput {
                name: "x.csv",
                bytes: b"foo,bar\n1,2\n",
            },
            None,
            None,
            &CsvOptions::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("no `name` or `id` column"), "{e}");
    }
}
