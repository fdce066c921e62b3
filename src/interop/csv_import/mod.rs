//! Import of an inventory spreadsheet saved as CSV.
//!
//! One row per system; optional second and third files list vendors and
//! contracts ([`import`]). Headers may be German, English or Dutch, as
//! CMDB and portfolio exports write them (`Hersteller`, `Manufacturer
//! Name`, `aanbieder`, `Anwendung - Hersteller` ...; see [`columns`]), or
//! be named by a column map ([`crate::interop::mapping`]); values too
//! (`kritisch`/`critical`, `Phase-Out`, `ja`/`yes`). The file may be UTF-8 with or without byte-order mark, or
//! Windows-1252 as Excel writes it on German systems (detected as "not valid
//! UTF-8"); the separator is `,`, `;` or tab, whichever the header line
//! uses most outside quotes.
//!
//! Missing ids are made from names ([`super::words::slug`]); vendors that
//! the vendor list does not name become stubs with a placeholder country
//! and a `TODO` description. Every row that could not be read, every column
//! and value that was not mapped, and every such assumption is a note in
//! the report, with the file and line.

pub mod columns;
mod systems;
pub(crate) mod table;

pub use table::{ColumnUse, FileColumns, How};

use super::emit::{
    Draft, DraftFormat, DraftOrganisation, DraftService, DraftSystem, DraftVendor, IdPool,
};
use super::mapping::Mapping;
use super::words::{self, fold};
use super::{ImportError, Imported, NoteKind, Report};
use crate::model::{Country, Region};
use std::collections::BTreeMap;
use table::Table;

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
    /// Column maps and value words given by the user.
    pub mapping: Mapping,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            organisation: "Imported landscape".into(),
            home: Country::parse("DE").unwrap_or_else(|_| unreachable!("DE is valid")),
            stub_country: default_stub_country(),
            mapping: Mapping::default(),
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

/// Text of the unknown vendor's description.
pub const UNKNOWN_VENDOR_DESCRIPTION: &str =
    "TODO: placeholder for systems imported without a vendor; name their real vendors";

/// Vendors known to an import: from a vendor list, stubs, and the
/// placeholder for systems without a vendor.
pub(crate) struct Vendors {
    pub(crate) drafts: Vec<DraftVendor>,
    keys: BTreeMap<String, usize>,
    pub(crate) ids: IdPool,
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

    pub(crate) fn add(&mut self, v: DraftVendor) -> usize {
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
pub(crate) struct Formats {
    pub(crate) drafts: Vec<DraftFormat>,
    pub(crate) ids: IdPool,
    keys: BTreeMap<String, String>,
}

impl Formats {
    /// A registry that knows the formats of an existing model: entries
    /// naming them by id or name resolve to them, new ids avoid theirs.
    pub(crate) fn knowing<'a>(existing: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = Formats::default();
        for (id, name) in existing {
            f.ids.take(id);
            f.keys.insert(fold(id), id.to_string());
            f.keys.entry(fold(name)).or_insert_with(|| id.to_string());
        }
        f
    }
}

impl Formats {
    pub(crate) fn resolve(
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
    let mut columns = Vec::new();
    let mut vreg = Vendors::new(opts.stub_country);
    if let Some(v) = vendors {
        columns.push(systems::read_vendors(&v, &mut vreg, opts, &mut report)?);
    }
    let (draft_systems, formats, cols) =
        systems::read_systems(&systems, &mut vreg, opts, &mut report)?;
    columns.insert(0, cols);
    vreg.report_unknown(systems.name, &mut report);
    let draft_contracts = match contracts {
        Some(c) => {
            let (d, cols) =
                systems::read_contracts(&c, &draft_systems, &mut vreg, opts, &mut report)?;
            columns.push(cols);
            d
        }
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
    let mut imported = super::finish(&draft, report)?;
    imported.columns = columns;
    Ok(imported)
}

pub(crate) fn no_column<F>(t: &Table<F>, field: &str, what: &str) -> ImportError {
    ImportError::Unreadable {
        file: t.file.clone(),
        message: format!(
            "no {what} column among the headers {}; name it with --map {field}=\"HEADER\" (docs/interop.md lists the headers the import knows)",
            t.headers
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Ids of the rows of one file: a valid given id, else one made from the
/// given id or the name; the name, else the id. A file without an id
/// column gets one report line for all the ids made from names.
pub(crate) struct RowIds {
    has_id_column: bool,
    made: usize,
    /// Given ids that were not valid: how many, and the first (line, given, written).
    rewritten: usize,
    first_rewritten: Option<(u64, String, String)>,
}

impl RowIds {
    pub(crate) fn new(has_id_column: bool) -> Self {
        RowIds {
            has_id_column,
            made: 0,
            rewritten: 0,
            first_rewritten: None,
        }
    }

    /// The id and name of a row; `None` (reported) skips the row.
    pub(crate) fn take(
        &mut self,
        pool: &mut IdPool,
        file: &str,
        line: u64,
        given_id: Option<&str>,
        name: Option<&str>,
        report: &mut Report,
    ) -> Option<(String, String)> {
        let want = match (given_id, name) {
            (Some(g), _) if crate::model::validate::is_valid_id(g) => g.to_string(),
            (Some(g), _) => match words::slug(g) {
                Some(s) => {
                    self.rewritten += 1;
                    self.first_rewritten
                        .get_or_insert_with(|| (line, g.to_string(), s.clone()));
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
                    if self.has_id_column {
                        report.push(
                            NoteKind::Assumed,
                            file,
                            Some(line),
                            format!("no id: `{s}` made from the name"),
                        );
                    } else {
                        self.made += 1;
                    }
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

    /// One report line for the ids rewritten, one for the ids made from
    /// names in a file without ids.
    pub(crate) fn flush(&self, file: &str, report: &mut Report) {
        if let Some((line, given, written)) = &self.first_rewritten {
            let more = match self.rewritten {
                1 => String::new(),
                n => format!(" (and {} more rows like it)", n - 1),
            };
            report.push(
                NoteKind::Assumed,
                file,
                Some(*line),
                format!(
                    "id `{given}` is not a valid id (lower-case a-z, 0-9, -): written as `{written}`{more}"
                ),
            );
        }
        if self.made > 0 {
            report.push(
                NoteKind::Assumed,
                file,
                None,
                format!(
                    "no id column: the ids of {} row{} were made from the names (lower case, `ä` as `ae`, other characters as `-`)",
                    self.made,
                    if self.made == 1 { "" } else { "s" }
                ),
            );
        }
    }
}

/// The systems of an import by id and by folded id or name, for the
/// references of other rows (`depends_on`, `alternatives`, `covers`): one
/// map look-up per reference instead of a scan of all rows.
pub(crate) struct SystemKeys {
    exact: BTreeMap<String, usize>,
    folded: BTreeMap<String, usize>,
}

impl SystemKeys {
    pub(crate) fn new(systems: &[DraftSystem]) -> Self {
        let mut k = SystemKeys {
            exact: BTreeMap::new(),
            folded: BTreeMap::new(),
        };
        for (i, s) in systems.iter().enumerate() {
            k.exact.entry(s.id.clone()).or_insert(i);
            k.folded.entry(fold(&s.id)).or_insert(i);
            k.folded.entry(fold(&s.name)).or_insert(i);
        }
        k
    }

    /// The row an entry names: the system with this id, else the first
    /// whose id or name matches it folded.
    pub(crate) fn get(&self, entry: &str) -> Option<usize> {
        self.exact
            .get(entry)
            .or_else(|| self.folded.get(&fold(entry)))
            .copied()
    }
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
        assert!(nm.contains(&"s.csv:1: not mapped: column 4 `Farbe` is not a known column; its 1 value(s) were not imported (--map FIELD=\"Farbe\" reads it)".to_string()));
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
