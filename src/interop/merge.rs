//! Services and interfaces from a spreadsheet, merged into an existing
//! model: a business impact analysis (service, criticality, maximum
//! outage, users, the systems it needs) or an interface list (from, to,
//! protocol, format, open, hard).
//!
//! The result is the text of the model's main file with the changes
//! applied; the caller writes it elsewhere (the input is never modified).
//! A row that names a service or interface the model does not have is
//! appended as a new table. A row that names one it has (same id, or same
//! name; for interfaces also the same `from`, `to` and protocol) only
//! fills keys the model leaves out, in place, keeping the file's layout
//! and comments (`toml_edit`); a value that differs from the model's is a
//! `conflict` in the report and the model's value is kept. Entities
//! defined in an included file are not changed; what the spreadsheet
//! would add to them is reported.

use super::csv_import::columns::{Field, If, Svc};
use super::csv_import::table::{Table, Unknowns, parse_cell, read_table};
use super::csv_import::{CsvInput, CsvOptions, Formats, no_column};
use super::emit::{DraftInterface, DraftService, IdPool, emit_tables};
use super::mapping::FileKind;
use super::words::{self, fold};
use super::{ImportError, Imported, NoteKind, Report};
use crate::model::source::FileId;
use crate::model::{Dependency, Limits, Model, Span};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use toml_edit::{DocumentMut, Item, Table as EditTable, value};

/// The model a spreadsheet is merged into.
pub struct Target<'a> {
    /// The validated model.
    pub model: &'a Model,
    /// The main file's name (for messages) and path (includes resolve
    /// relative to it when the result is validated).
    pub name: &'a str,
    pub path: &'a Path,
    /// The text of the main file.
    pub text: &'a str,
}

/// What a merge did, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Merged {
    /// New tables appended.
    pub added: usize,
    /// Existing entities given keys they left out.
    pub completed: usize,
    /// Rows that matched an existing entity and changed nothing.
    pub unchanged: usize,
    /// Values that differ from the model's (the model's were kept).
    pub conflicts: usize,
}

/// An existing entity matched by a row: what to compare and fill.
struct Existing<'a> {
    kind: &'static str,
    id: &'a str,
    span: Span,
}

/// Compares and fills the keys of one existing entity.
struct Filler<'r> {
    report: &'r mut Report,
    file: &'r str,
    line: u64,
    merged: &'r mut Merged,
    filled: bool,
    conflicted: bool,
}

impl Filler<'_> {
    /// One key: `model` is the model's value as written in its terms
    /// (`None` when the table leaves the key out), `sheet` the spreadsheet's.
    fn key(
        &mut self,
        e: &Existing<'_>,
        table: Option<&mut EditTable>,
        key: &str,
        model: Option<String>,
        sheet: Option<(String, Item)>,
    ) {
        let Some((shown, item)) = sheet else {
            return;
        };
        match (model, table) {
            (Some(m), _) if m == shown => {}
            (Some(m), _) => {
                self.conflicted = true;
                self.merged.conflicts += 1;
                self.report.push(
                    NoteKind::Conflict,
                    self.file,
                    Some(self.line),
                    format!(
                        "{} `{}`: the model has `{key} = {m}`, the spreadsheet `{shown}`; the model's value was kept",
                        e.kind, e.id
                    ),
                );
            }
            (None, Some(t)) => {
                t.insert(key, item);
                self.filled = true;
                self.report.push(
                    NoteKind::Merged,
                    self.file,
                    Some(self.line),
                    format!("{} `{}`: `{key} = {shown}` added", e.kind, e.id),
                );
            }
            (None, None) => {
                self.conflicted = true;
                self.merged.conflicts += 1;
                self.report.push(
                    NoteKind::Conflict,
                    self.file,
                    Some(self.line),
                    format!(
                        "{} `{}` is not a `[[{}]]` table of the main file, which is all this import changes: add `{key} = {shown}` by hand",
                        e.kind, e.id, e.kind
                    ),
                );
            }
        }
    }
}

/// The `[[kind]]` table with `id` in the main file, when it is one.
fn table_of<'d>(
    doc: &'d mut DocumentMut,
    kind: &str,
    e: &Existing<'_>,
) -> Option<&'d mut EditTable> {
    if e.span.file != FileId::default() {
        return None;
    }
    doc.get_mut(kind)?
        .as_array_of_tables_mut()?
        .iter_mut()
        .find(|t| t.get("id").and_then(|v| v.as_str()) == Some(e.id))
}

fn quoted(s: &str) -> String {
    super::emit::toml_string(s)
}

fn list_text(ids: &[String]) -> String {
    format!(
        "[{}]",
        ids.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", ")
    )
}

fn list_item(ids: &[String]) -> Item {
    let mut a = toml_edit::Array::new();
    for i in ids {
        a.push(i.as_str());
    }
    value(a)
}

/// The first index of each key, in model order.
fn first_of(keys: impl Iterator<Item = (String, usize)>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (k, i) in keys {
        map.entry(k).or_insert(i);
    }
    map
}

/// The model's systems, services and interfaces by the keys a row may name
/// them by, built once per merge: each row costs a look-up, not a scan of
/// the model, so a merge grows with its rows, not with rows times model.
struct Index<'m> {
    m: &'m Model,
    system_id: HashMap<&'m str, usize>,
    /// Folded id or folded name: the first system with either.
    system_folded: HashMap<String, usize>,
    service_folded_id: HashMap<String, usize>,
    service_folded_name: HashMap<String, usize>,
    service_id: HashMap<&'m str, usize>,
    interface_folded_id: HashMap<String, usize>,
    /// (from id, to id, folded protocol).
    interface_ends: HashMap<(&'m str, &'m str, Option<String>), usize>,
}

impl<'m> Index<'m> {
    fn new(m: &'m Model) -> Index<'m> {
        let mut system_id = HashMap::new();
        for (i, s) in m.systems.iter().enumerate() {
            system_id.entry(s.id.as_str()).or_insert(i);
        }
        let mut service_id = HashMap::new();
        for (i, s) in m.services.iter().enumerate() {
            service_id.entry(s.id.as_str()).or_insert(i);
        }
        let mut interface_ends = HashMap::new();
        for (k, x) in m.interfaces.iter().enumerate() {
            interface_ends
                .entry((
                    m.system(x.from).id.as_str(),
                    m.system(x.to).id.as_str(),
                    x.protocol.as_deref().map(fold),
                ))
                .or_insert(k);
        }
        Index {
            m,
            system_id,
            system_folded: first_of(
                m.systems
                    .iter()
                    .enumerate()
                    .flat_map(|(i, s)| [(fold(&s.id), i), (fold(&s.name), i)]),
            ),
            service_folded_id: first_of(
                m.services.iter().enumerate().map(|(i, s)| (fold(&s.id), i)),
            ),
            service_folded_name: first_of(
                m.services
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (fold(&s.name), i)),
            ),
            service_id,
            interface_folded_id: first_of(
                m.interfaces
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (fold(&x.id), i)),
            ),
            interface_ends,
        }
    }

    /// A system of the model by id, folded id or folded name.
    fn system(&self, entry: &str) -> Option<String> {
        self.system_id
            .get(entry)
            .or_else(|| self.system_folded.get(&fold(entry)))
            .map(|i| self.m.systems[*i].id.clone())
    }
}

fn parse_main(target: &Target<'_>) -> Result<DocumentMut, ImportError> {
    target
        .text
        .parse::<DocumentMut>()
        .map_err(|e| ImportError::Unreadable {
            file: target.name.to_string(),
            message: format!("cannot be edited as TOML: {e}"),
        })
}

/// Applies the changes: the edited main file plus the new tables; checks
/// that the result validates.
fn finish(
    target: &Target<'_>,
    doc: DocumentMut,
    appended: String,
    report: Report,
    columns: super::csv_import::FileColumns,
    merged: Merged,
    limits: &Limits,
) -> Result<Imported, ImportError> {
    let mut text = doc.to_string();
    if !appended.is_empty() {
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&appended);
    }
    match crate::model::load_str(target.name, target.path, &text, limits) {
        Ok(m) => Ok(Imported {
            counts: m.counts(),
            toml: text,
            report,
            columns: vec![columns],
            merged: Some(merged),
        }),
        Err(f) => Err(ImportError::Invalid(
            f.diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
        )),
    }
}

fn header(input: &CsvInput<'_>, what: &str) -> Vec<String> {
    vec![format!(
        "{what} added by exitgraph {} from {}",
        env!("CARGO_PKG_VERSION"),
        input.name
    )]
}

/// Merges a services spreadsheet into a model.
pub fn services(
    input: CsvInput<'_>,
    target: &Target<'_>,
    opts: &CsvOptions,
    limits: &Limits,
) -> Result<Imported, ImportError> {
    let m = target.model;
    let mut report = Report::default();
    let t: Table<Svc> = read_table(&input, opts.mapping.file(FileKind::Services), &mut report)?;
    if !t.has(Svc::Name) && !t.has(Svc::Id) {
        return Err(no_column(&t, "name", "`name` (service) or `id`"));
    }
    let file = t.file.clone();
    let values = &opts.mapping;
    let mut doc = parse_main(target)?;
    let mut unknown = Unknowns::default();
    let mut merged = Merged::default();
    let mut pool = IdPool::reserving(&m.services.iter().map(|s| s.id.as_str()).collect::<Vec<_>>());
    let mut new: Vec<DraftService> = Vec::new();
    let mut made_ids = 0usize;
    let index = Index::new(m);
    for row in &t.rows {
        let line = row.line;
        let given = t.get(row, Svc::Id);
        let name = t.get(row, Svc::Name);
        let criticality = parse_cell(
            &t,
            row,
            Svc::Criticality,
            values,
            &mut unknown,
            "kritisch/critical, hoch/high, mittel/medium, niedrig/low; Schutzbedarf sehr hoch/hoch/normal",
            words::criticality,
        );
        let max_outage = parse_cell(
            &t,
            row,
            Svc::MaxOutage,
            values,
            &mut unknown,
            "a duration such as `4 Stunden`, `2 Tage`, `1 Woche`, `3d`",
            |s| words::duration(s).ok(),
        );
        let users = parse_cell(
            &t,
            row,
            Svc::Users,
            values,
            &mut unknown,
            "a whole number",
            words::count,
        );
        let description = t.get(row, Svc::Description).map(str::to_string);
        // The systems it needs, by id or name.
        let mut needs: Vec<String> = Vec::new();
        for e in t.get(row, Svc::Needs).map(words::list).unwrap_or_default() {
            match index.system(&e) {
                Some(id) if !needs.contains(&id) => needs.push(id),
                Some(_) => {}
                None => report.push(
                    NoteKind::NotMapped,
                    &file,
                    Some(line),
                    format!(
                        "`{e}` in column `{}` matches no system of the model; left out",
                        t.header(Svc::Needs)
                    ),
                ),
            }
        }
        // The service of the model this row names: by id, then by name.
        let service = |i: &usize| &m.services[*i];
        let by_id = given.and_then(|g| index.service_folded_id.get(&fold(g)).map(service));
        let by_name = name.and_then(|n| index.service_folded_name.get(&fold(n)).map(service));
        let by_slug = name
            .and_then(words::slug)
            .and_then(|sl| index.service_id.get(sl.as_str()).map(service));
        if let Some(s) = by_id.or(by_name).or(by_slug) {
            let e = Existing {
                kind: "service",
                id: &s.id,
                span: s.span,
            };
            let mut table = table_of(&mut doc, "service", &e);
            let mut f = Filler {
                report: &mut report,
                file: &file,
                line,
                merged: &mut merged,
                filled: false,
                conflicted: false,
            };
            let present =
                |t: &Option<&mut EditTable>, k: &str| t.as_ref().is_none_or(|t| t.contains_key(k));
            if let Some(n) = name
                && fold(n) != fold(&s.name)
            {
                f.key(
                    &e,
                    None,
                    "name",
                    Some(quoted(&s.name)),
                    Some((quoted(n), value(n))),
                );
            }
            let model_desc = s
                .description
                .as_deref()
                .map(quoted)
                .filter(|_| present(&table, "description"));
            f.key(
                &e,
                table.as_deref_mut(),
                "description",
                model_desc,
                description.as_deref().map(|d| (quoted(d), value(d))),
            );
            let model_crit =
                Some(quoted(s.criticality.as_str())).filter(|_| present(&table, "criticality"));
            f.key(
                &e,
                table.as_deref_mut(),
                "criticality",
                model_crit,
                criticality.map(|c| (quoted(c.as_str()), value(c.as_str()))),
            );
            let model_out = s
                .max_outage
                .map(|d| quoted(&d.to_string()))
                .filter(|_| present(&table, "max_outage"));
            f.key(
                &e,
                table.as_deref_mut(),
                "max_outage",
                model_out,
                max_outage.map(|d| (quoted(&d.to_string()), value(d.to_string()))),
            );
            let model_users = Some(s.users.to_string()).filter(|_| present(&table, "users"));
            f.key(
                &e,
                table.as_deref_mut(),
                "users",
                model_users,
                users.map(|u| (u.to_string(), value(u.min(i64::MAX as u64) as i64))),
            );
            let model_needs: Vec<String> = s
                .needs
                .iter()
                .map(|d| match d {
                    Dependency::One(x) => quoted(&m.system(*x).id),
                    Dependency::Any(xs) => format!(
                        "{{ any = {} }}",
                        list_text(
                            &xs.iter()
                                .map(|x| m.system(*x).id.clone())
                                .collect::<Vec<_>>()
                        )
                    ),
                })
                .collect();
            let model_needs_text = format!("[{}]", model_needs.join(", "));
            let same_set = {
                let mut a: Vec<String> = needs.iter().map(|n| quoted(n)).collect();
                let mut b = model_needs.clone();
                a.sort();
                b.sort();
                a == b
            };
            let model_needs_shown = if same_set {
                list_text(&needs)
            } else {
                model_needs_text
            };
            let model_needs_shown = Some(model_needs_shown).filter(|_| present(&table, "needs"));
            f.key(
                &e,
                table,
                "needs",
                model_needs_shown,
                Some(&needs)
                    .filter(|n| !n.is_empty())
                    .map(|n| (list_text(n), list_item(n))),
            );
            let (filled, conflicted) = (f.filled, f.conflicted);
            if filled {
                merged.completed += 1;
            } else if !conflicted {
                merged.unchanged += 1;
            }
            continue;
        }
        // A new service.
        let want = match (given, name) {
            (Some(g), _) if crate::model::validate::is_valid_id(g) => g.to_string(),
            (Some(g), _) => match words::slug(g) {
                Some(s) => s,
                None => {
                    report.push(
                        NoteKind::Skipped,
                        &file,
                        Some(line),
                        format!("row skipped: id `{g}` has no letters or digits"),
                    );
                    continue;
                }
            },
            (None, Some(n)) => match words::slug(n) {
                Some(s) => {
                    made_ids += 1;
                    s
                }
                None => {
                    report.push(
                        NoteKind::Skipped,
                        &file,
                        Some(line),
                        format!("row skipped: the name `{n}` has no letters or digits"),
                    );
                    continue;
                }
            },
            (None, None) => {
                report.push(
                    NoteKind::Skipped,
                    &file,
                    Some(line),
                    "row skipped: it has neither an id nor a name",
                );
                continue;
            }
        };
        let id = pool.take(&want);
        if id != want {
            report.push(
                NoteKind::Assumed,
                &file,
                Some(line),
                format!("id `{want}` is taken by an earlier row: written as `{id}`"),
            );
        }
        merged.added += 1;
        new.push(DraftService {
            name: name.map(str::to_string).unwrap_or_else(|| id.clone()),
            id,
            description,
            criticality,
            max_outage,
            users,
            needs,
            comment: Some(format!("{file}, line {line}")),
        });
    }
    unknown.flush(&file, &mut report);
    if made_ids > 0 {
        report.push(
            NoteKind::Assumed,
            &file,
            None,
            format!(
                "the ids of {made_ids} new service{} were made from their names",
                if made_ids == 1 { "" } else { "s" }
            ),
        );
    }
    let appended = if new.is_empty() {
        String::new()
    } else {
        emit_tables(&header(&input, "Services"), &[], &[], &new)
    };
    finish(target, doc, appended, report, t.columns, merged, limits)
}

/// Merges an interfaces spreadsheet into a model.
pub fn interfaces(
    input: CsvInput<'_>,
    target: &Target<'_>,
    opts: &CsvOptions,
    limits: &Limits,
) -> Result<Imported, ImportError> {
    let m = target.model;
    let mut report = Report::default();
    let t: Table<If> = read_table(&input, opts.mapping.file(FileKind::Interfaces), &mut report)?;
    for f in [If::From, If::To] {
        if !t.has(f) {
            return Err(no_column(&t, f.key(), &format!("`{}`", f.key())));
        }
    }
    let file = t.file.clone();
    let values = &opts.mapping;
    let mut doc = parse_main(target)?;
    let mut unknown = Unknowns::default();
    let mut merged = Merged::default();
    let mut formats = Formats::knowing(m.formats.iter().map(|f| (f.id.as_str(), f.name.as_str())));
    let mut pool = IdPool::reserving(
        &m.interfaces
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>(),
    );
    let mut new: Vec<DraftInterface> = Vec::new();
    let mut made_ids = 0usize;
    let index = Index::new(m);
    for row in &t.rows {
        let line = row.line;
        let ends: Vec<Option<String>> = [If::From, If::To]
            .into_iter()
            .map(|f| {
                let cell = t.get(row, f)?;
                let hit = index.system(cell);
                if hit.is_none() {
                    report.push(
                        NoteKind::Skipped,
                        &file,
                        Some(line),
                        format!("interface row skipped: `{cell}` in column `{}` matches no system of the model", t.header(f)),
                    );
                }
                hit
            })
            .collect();
        let (Some(from), Some(to)) = (ends[0].clone(), ends[1].clone()) else {
            if t.get(row, If::From).is_none() || t.get(row, If::To).is_none() {
                report.push(
                    NoteKind::Skipped,
                    &file,
                    Some(line),
                    "interface row skipped: it needs both `from` and `to`",
                );
            }
            continue;
        };
        if from == to {
            report.push(
                NoteKind::Skipped,
                &file,
                Some(line),
                format!("interface row skipped: `{from}` cannot have an interface to itself"),
            );
            continue;
        }
        let name = t.get(row, If::Name).map(str::to_string);
        let description = t.get(row, If::Description).map(str::to_string);
        let protocol = t.get(row, If::Protocol).map(str::to_string);
        let format = t
            .get(row, If::Format)
            .and_then(|c| formats.resolve(c, &file, line, &mut report));
        let open = parse_cell(
            &t,
            row,
            If::Open,
            values,
            &mut unknown,
            "ja/yes or nein/no",
            words::yes_no,
        );
        let hard = parse_cell(
            &t,
            row,
            If::Hard,
            values,
            &mut unknown,
            "ja/yes or nein/no",
            words::yes_no,
        );
        let given = t.get(row, If::Id);
        let interface = |i: &usize| &m.interfaces[*i];
        let by_id = given.and_then(|g| index.interface_folded_id.get(&fold(g)).map(interface));
        let same_ends = index
            .interface_ends
            .get(&(from.as_str(), to.as_str(), protocol.as_deref().map(fold)))
            .map(interface);
        if let Some(i) = by_id.or(same_ends) {
            let e = Existing {
                kind: "interface",
                id: &i.id,
                span: i.span,
            };
            let mut table = table_of(&mut doc, "interface", &e);
            let present =
                |t: &Option<&mut EditTable>, k: &str| t.as_ref().is_none_or(|t| t.contains_key(k));
            let mut f = Filler {
                report: &mut report,
                file: &file,
                line,
                merged: &mut merged,
                filled: false,
                conflicted: false,
            };
            let (mf, mt) = (&m.system(i.from).id, &m.system(i.to).id);
            if *mf != from {
                f.key(
                    &e,
                    None,
                    "from",
                    Some(quoted(mf)),
                    Some((quoted(&from), value(from.as_str()))),
                );
            }
            if *mt != to {
                f.key(
                    &e,
                    None,
                    "to",
                    Some(quoted(mt)),
                    Some((quoted(&to), value(to.as_str()))),
                );
            }
            let text = |k: &str,
                        model: Option<&str>,
                        sheet: &Option<String>,
                        t: &Option<&mut EditTable>| {
                (
                    model.map(quoted).filter(|_| present(t, k)),
                    sheet.as_deref().map(|s| (quoted(s), value(s))),
                )
            };
            let (a, b) = text("name", i.name.as_deref(), &name, &table);
            f.key(&e, table.as_deref_mut(), "name", a, b);
            let (a, b) = text(
                "description",
                i.description.as_deref(),
                &description,
                &table,
            );
            f.key(&e, table.as_deref_mut(), "description", a, b);
            let (a, b) = text("protocol", i.protocol.as_deref(), &protocol, &table);
            f.key(&e, table.as_deref_mut(), "protocol", a, b);
            let model_format = i.format.map(|x| m.format(x).id.clone());
            let (a, b) = text("format", model_format.as_deref(), &format, &table);
            f.key(&e, table.as_deref_mut(), "format", a, b);
            let model_open = Some(i.open.to_string()).filter(|_| present(&table, "open"));
            f.key(
                &e,
                table.as_deref_mut(),
                "open",
                model_open,
                open.map(|o| (o.to_string(), value(o))),
            );
            let model_hard = Some(i.hard.to_string()).filter(|_| present(&table, "hard"));
            f.key(
                &e,
                table,
                "hard",
                model_hard,
                hard.map(|h| (h.to_string(), value(h))),
            );
            let (filled, conflicted) = (f.filled, f.conflicted);
            if filled {
                merged.completed += 1;
            } else if !conflicted {
                merged.unchanged += 1;
            }
            continue;
        }
        let want = match given {
            Some(g) if crate::model::validate::is_valid_id(g) => g.to_string(),
            _ => given
                .and_then(words::slug)
                .or_else(|| name.as_deref().and_then(words::slug))
                .unwrap_or_else(|| format!("{from}-to-{to}")),
        };
        let id = pool.take(&want);
        match given {
            None => made_ids += 1,
            Some(g) if g != id => report.push(
                NoteKind::Assumed,
                &file,
                Some(line),
                format!("id `{g}` written as `{id}` (not a valid id, or taken)"),
            ),
            Some(_) => {}
        }
        merged.added += 1;
        new.push(DraftInterface {
            id,
            name,
            description,
            from,
            to,
            protocol,
            format,
            open,
            hard,
            comment: Some(format!("{file}, line {line}")),
        });
    }
    unknown.flush(&file, &mut report);
    if made_ids > 0 {
        report.push(
            NoteKind::Assumed,
            &file,
            None,
            format!(
                "the ids of {made_ids} new interface{} were made from their names (or from `from` and `to`)",
                if made_ids == 1 { "" } else { "s" }
            ),
        );
    }
    let appended = if new.is_empty() && formats.drafts.is_empty() {
        String::new()
    } else {
        emit_tables(&header(&input, "Interfaces"), &formats.drafts, &new, &[])
    };
    finish(target, doc, appended, report, t.columns, merged, limits)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = "[organisation]\nname = \"T\"\nhome = \"DE\"\n\n\
        [[system]]\nid = \"a\"\nname = \"Alpha\"\n\n\
        [[system]]\nid = \"b\"\nname = \"Beta\"\n\n\
        [[service]]\nid = \"s\"\nname = \"Service\"\nneeds = [\"a\"]\n";

    fn merged(kind: &str, csv_text: &str) -> Result<Imported, ImportError> {
        let path = Path::new("m.toml");
        let model = crate::model::load_str("m.toml", path, MODEL, &Limits::default())
            .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
        let target = Target {
            model: &model,
            name: "m.toml",
            path,
            text: MODEL,
        };
        let input = CsvInput {
            name: "x.csv",
            bytes: csv_text.as_bytes(),
        };
        let opts = CsvOptions::default();
        match kind {
            "services" => services(input, &target, &opts, &Limits::default()),
            _ => interfaces(input, &target, &opts, &Limits::default()),
        }
    }

    fn row(cells: &[&str]) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(cells).unwrap();
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    /// A row naming an existing service by name completes it; one that
    /// disagrees is a conflict; the original text stays a prefix.
    #[test]
    fn existing_services_are_completed_never_overwritten() {
        let text = format!(
            "{}{}",
            row(&["name", "criticality", "max_outage", "needs"]),
            row(&["service", "hoch", "8h", "Beta"])
        );
        let i = merged("services", &text).unwrap();
        assert!(i.toml.starts_with("[organisation]\nname = \"T\""));
        let notes: Vec<String> = i.report.notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(
            notes[1..],
            [
                "x.csv:2: merged: service `s`: `criticality = \"high\"` added",
                "x.csv:2: merged: service `s`: `max_outage = \"8h\"` added",
                "x.csv:2: conflict: service `s`: the model has `needs = [\"a\"]`, the spreadsheet `[\"b\"]`; the model's value was kept",
            ]
        );
        assert_eq!(
            i.merged,
            Some(Merged {
                added: 0,
                completed: 1,
                unchanged: 0,
                conflicts: 1
            })
        );
    }

    proptest::proptest! {
        /// Whatever the cells hold, a merge ends in a model that validates
        /// (or a refusal of the file), never in an invalid model.
        #[test]
        fn any_cells_merge_into_a_valid_model(
            name in "\\PC{0,20}",
            crit in "\\PC{0,8}",
            outage in "\\PC{0,8}",
            needs in "\\PC{0,12}",
            from in "(Alpha|Beta|a|b|\\PC{0,6})",
            to in "(Alpha|Beta|a|b|\\PC{0,6})",
            flag in "\\PC{0,5}",
        ) {
            let s = format!(
                "{}{}{}",
                row(&["name", "criticality", "max_outage", "needs"]),
                row(&[name.as_str(), crit.as_str(), outage.as_str(), needs.as_str()]),
                row(&["Service", "low", "", "a; Beta"])
            );
            match merged("services", &s) {
                Ok(_) | Err(ImportError::Unreadable { .. }) => {}
                Err(e) => proptest::prop_assert!(false, "{e}"),
            }
            let s = format!(
                "{}{}",
                row(&["name", "from", "to", "protocol", "open", "hard"]),
                row(&[name.as_str(), from.as_str(), to.as_str(), needs.as_str(), flag.as_str(), flag.as_str()])
            );
            match merged("interfaces", &s) {
                Ok(_) | Err(ImportError::Unreadable { .. }) => {}
                Err(e) => proptest::prop_assert!(false, "{e}"),
            }
        }
    }
}
