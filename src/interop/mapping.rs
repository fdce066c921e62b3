//! Column maps: which spreadsheet column fills which model key, given on
//! the command line (`--map vendor="Anwendung - Hersteller"`) or in a
//! mapping file kept next to the export it describes:
//!
//! ```toml
//! [systems]                        # systems | vendors | contracts | services | interfaces
//! name = "Standard Name"           # a header, or a list: the first one present is used
//! vendor = ["Manufacturer Name", "Hersteller"]
//! ignore = ["Internal No."]        # columns to leave out without a report line
//!
//! [values.status]                  # words of a column, mapped onto model values
//! "Approved w/Exception" = "in-use"
//! ```
//!
//! Headers are matched exactly, then folded (case, spaces and punctuation
//! do not matter). Keys and values are checked when the file is read, with
//! the line and column of a mistake.

use super::csv_import::columns::{C, Field, If, S, Svc, V};
use super::words;
use std::collections::BTreeMap;
use toml::de::{DeTable, DeValue};

/// The kinds of spreadsheet a column map applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKind {
    Systems,
    Vendors,
    Contracts,
    Services,
    Interfaces,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [
        FileKind::Systems,
        FileKind::Vendors,
        FileKind::Contracts,
        FileKind::Services,
        FileKind::Interfaces,
    ];

    /// The table name in a mapping file.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Systems => "systems",
            FileKind::Vendors => "vendors",
            FileKind::Contracts => "contracts",
            FileKind::Services => "services",
            FileKind::Interfaces => "interfaces",
        }
    }

    /// The model keys a column of this kind of file can fill.
    pub fn keys(self) -> Vec<&'static str> {
        match self {
            FileKind::Systems => S::keys(),
            FileKind::Vendors => V::keys(),
            FileKind::Contracts => C::keys(),
            FileKind::Services => Svc::keys(),
            FileKind::Interfaces => If::keys(),
        }
    }
}

/// Where a mapping came from, for messages and the dry run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapSource {
    /// `--map` on the command line.
    Option,
    /// The mapping file.
    File,
}

/// One mapped field: its model key and the headers that may hold it.
#[derive(Clone, Debug)]
pub struct FieldMap {
    pub key: &'static str,
    pub headers: Vec<String>,
    pub source: MapSource,
}

/// The column map of one kind of file.
#[derive(Clone, Debug, Default)]
pub struct FileMap {
    pub fields: Vec<FieldMap>,
    /// Headers to leave out without a `not mapped` line.
    pub ignore: Vec<String>,
}

/// Column maps of all kinds of file, and words mapped onto model values.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    files: BTreeMap<FileKind, FileMap>,
    /// Model key -> (folded word, model value).
    values: BTreeMap<&'static str, Vec<(String, String)>>,
}

/// Keys whose cell words a `[values.KEY]` table may map, with the parser
/// that checks the model value they are mapped onto.
/// Whether a model value is one a key accepts.
type Accepts = fn(&str) -> bool;

const VALUE_KEYS: &[(&str, Accepts)] = &[
    ("status", |v| words::status(v).is_some()),
    ("criticality", |v| words::criticality(v).is_some()),
    ("layer", |v| words::layer(v).is_some()),
    ("licence", |v| words::licence(v).is_some()),
    ("customisation", |v| words::customisation(v).is_some()),
    ("deployment", |v| words::deployment(v).is_some()),
    ("open_source", |v| words::yes_no(v).is_some()),
    ("kind", |v| words::contract_kind(v).is_some()),
    ("open", |v| words::yes_no(v).is_some()),
    ("hard", |v| words::yes_no(v).is_some()),
];

/// A mistake in a column map: where it is (line and column, 1-based, in a
/// mapping file) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for MapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

fn did_you_mean(bad: &str, known: &[&str]) -> String {
    let best = known
        .iter()
        .map(|k| (strsim::jaro_winkler(&bad.to_lowercase(), k), *k))
        .filter(|(s, _)| *s > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, k)) => format!("did you mean `{k}`? "),
        None => String::new(),
    }
}

/// The model key of `key` for a kind of file, or a message.
fn field_key(kind: FileKind, key: &str) -> Result<&'static str, String> {
    let f = words::fold(key);
    kind.keys()
        .into_iter()
        .find(|k| words::fold(k) == f)
        .ok_or_else(|| {
            format!(
                "`{key}` is not a column of a {} file; {}it can be one of {}",
                kind.as_str(),
                did_you_mean(key, &kind.keys()),
                kind.keys()
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
}

impl Mapping {
    /// The column map of a kind of file, if any.
    pub fn file(&self, kind: FileKind) -> Option<&FileMap> {
        self.files.get(&kind)
    }

    /// Whether nothing is mapped.
    pub fn is_empty(&self) -> bool {
        self.files
            .values()
            .all(|f| f.fields.is_empty() && f.ignore.is_empty())
            && self.values.is_empty()
    }

    /// The model value a cell word is mapped onto, or the cell itself.
    pub fn value<'a>(&'a self, key: &str, cell: &'a str) -> &'a str {
        let f = words::fold(cell);
        self.values
            .iter()
            .find(|(k, _)| **k == key)
            .and_then(|(_, ws)| ws.iter().find(|(w, _)| *w == f))
            .map(|(_, v)| v.as_str())
            .unwrap_or(cell)
    }

    /// Adds `FIELD=HEADER` from the command line; it wins over the mapping
    /// file for the same field. `FIELD` may be `ignore`.
    pub fn add_option(&mut self, kind: FileKind, arg: &str) -> Result<(), MapError> {
        let err = |message: String| MapError {
            line: None,
            column: None,
            message,
        };
        let Some((field, header)) = arg.split_once('=') else {
            return Err(err(format!(
                "--map `{arg}`: write FIELD=HEADER, e.g. --map name=\"Standard Name\""
            )));
        };
        let header = header.trim().trim_matches('"').to_string();
        if header.is_empty() {
            return Err(err(format!("--map `{arg}`: the header is empty")));
        }
        let file = self.files.entry(kind).or_default();
        if words::fold(field) == "ignore" {
            file.ignore.push(header);
            return Ok(());
        }
        let key = field_key(kind, field.trim()).map_err(|m| err(format!("--map {m}")))?;
        file.fields.retain(|f| f.key != key);
        file.fields.push(FieldMap {
            key,
            headers: vec![header],
            source: MapSource::Option,
        });
        Ok(())
    }

    /// Reads a mapping file.
    pub fn parse(text: &str) -> Result<Mapping, MapError> {
        let at = |pos: usize, message: String| {
            let pos = pos.min(text.len());
            let before = &text[..pos];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            MapError {
                line: Some(line),
                column: Some(column),
                message,
            }
        };
        let root = DeTable::parse(text).map_err(|e| {
            at(
                e.span().map(|s| s.start).unwrap_or(0),
                format!("invalid TOML: {}", e.message().trim()),
            )
        })?;
        let mut m = Mapping::default();
        for (k, v) in root.get_ref() {
            let name = k.get_ref().as_ref();
            let kind = FileKind::ALL.iter().find(|f| f.as_str() == name).copied();
            let DeValue::Table(t) = v.get_ref() else {
                return Err(at(
                    k.span().start,
                    format!("`{name}` must be a table, written [{name}]"),
                ));
            };
            if name == "values" {
                for (fk, fv) in t {
                    let field = fk.get_ref().as_ref();
                    let Some((key, check)) = VALUE_KEYS
                        .iter()
                        .find(|(vk, _)| words::fold(vk) == words::fold(field))
                    else {
                        let keys: Vec<&str> = VALUE_KEYS.iter().map(|(k, _)| *k).collect();
                        return Err(at(
                            fk.span().start,
                            format!(
                                "[values.{field}]: {}words can be mapped for {}",
                                did_you_mean(field, &keys),
                                keys.iter()
                                    .map(|k| format!("`{k}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        ));
                    };
                    let DeValue::Table(words_table) = fv.get_ref() else {
                        return Err(at(
                            fk.span().start,
                            format!("`values.{field}` must be a table of \"word\" = \"value\""),
                        ));
                    };
                    let list = m.values.entry(key).or_default();
                    for (w, target) in words_table {
                        let DeValue::String(t) = target.get_ref() else {
                            return Err(at(
                                target.span().start,
                                format!("the value of `{}` must be a string", w.get_ref()),
                            ));
                        };
                        if !check(t) {
                            return Err(at(
                                target.span().start,
                                format!(
                                    "`{t}` is not a value of `{key}`; docs/interop.md lists them"
                                ),
                            ));
                        }
                        list.push((words::fold(w.get_ref()), t.to_string()));
                    }
                }
                continue;
            }
            let Some(kind) = kind else {
                let mut known: Vec<&str> = FileKind::ALL.iter().map(|f| f.as_str()).collect();
                known.push("values");
                return Err(at(
                    k.span().start,
                    format!(
                        "unknown table `[{name}]`; {}a mapping file has {}",
                        did_you_mean(name, &known),
                        known
                            .iter()
                            .map(|k| format!("[{k}]"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            };
            let file = m.files.entry(kind).or_default();
            for (fk, fv) in t {
                let field = fk.get_ref().as_ref();
                let headers: Vec<String> = match fv.get_ref() {
                    DeValue::String(s) => vec![s.to_string()],
                    DeValue::Array(items) => {
                        let mut out = Vec::new();
                        for i in items {
                            match i.get_ref() {
                                DeValue::String(s) => out.push(s.to_string()),
                                _ => {
                                    return Err(at(
                                        i.span().start,
                                        "a header must be a string".into(),
                                    ));
                                }
                            }
                        }
                        out
                    }
                    _ => {
                        return Err(at(
                            fv.span().start,
                            format!("`{field}` must be a header (a string) or a list of headers"),
                        ));
                    }
                };
                if words::fold(field) == "ignore" {
                    file.ignore.extend(headers);
                    continue;
                }
                let key = field_key(kind, field).map_err(|msg| at(fk.span().start, msg))?;
                if headers.is_empty() {
                    return Err(at(fv.span().start, format!("`{field}` names no header")));
                }
                file.fields.push(FieldMap {
                    key,
                    headers,
                    source: MapSource::File,
                });
            }
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_file_names_columns_and_values() {
        let m = Mapping::parse(
            r#"
[systems]
name = "Standard Name"
vendor = ["Manufacturer Name", "Hersteller"]
ignore = ["Internal No."]

[values.status]
"Approved w/Exception" = "in-use"
"#,
        )
        .unwrap();
        let f = m.file(FileKind::Systems).unwrap();
        assert_eq!(f.fields[0].key, "name");
        assert_eq!(f.fields[1].headers, ["Manufacturer Name", "Hersteller"]);
        assert_eq!(f.ignore, ["Internal No."]);
        assert_eq!(m.value("status", "approved W/Exception"), "in-use");
        assert_eq!(m.value("status", "other"), "other");
        assert_eq!(
            m.value("criticality", "Approved w/Exception"),
            "Approved w/Exception"
        );
    }

    #[test]
    fn mistakes_are_located_and_explained() {
        let e = Mapping::parse("[systems]\nvendr = \"Hersteller\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
        assert!(e.message.contains("did you mean `vendor`?"), "{e}");
        let e = Mapping::parse("[values.status]\nx = \"gone\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(5)));
        assert!(
            e.message.contains("`gone` is not a value of `status`"),
            "{e}"
        );
        let e = Mapping::parse("[sytems]\n").unwrap_err();
        assert!(e.message.contains("did you mean `systems`?"), "{e}");
        let e = Mapping::parse("[systems\n").unwrap_err();
        assert!(e.message.starts_with("invalid TOML"), "{e}");
    }

    #[test]
    fn the_command_line_wins_over_the_file() {
        let mut m = Mapping::parse("[systems]\nname = \"A\"\n").unwrap();
        m.add_option(FileKind::Systems, "name=\"B\"").unwrap();
        m.add_option(FileKind::Systems, "ignore=C").unwrap();
        let f = m.file(FileKind::Systems).unwrap();
        assert_eq!(f.fields.len(), 1);
        assert_eq!(f.fields[0].headers, ["B"]);
        assert_eq!(f.fields[0].source, MapSource::Option);
        assert_eq!(f.ignore, ["C"]);
        let e = m.add_option(FileKind::Services, "outage=MTA").unwrap_err();
        assert!(e.message.contains("not a column of a services file"), "{e}");
        assert!(m.add_option(FileKind::Systems, "name").is_err());
    }
}

#[cfg(test)]
mod props {
    use super::*;

    proptest::proptest! {
        /// Any text as a mapping file is read or refused with a place, never a panic.
        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,80}|\\[systems\\]\n\\PC{0,40}|\\[values\\.status\\]\n\\PC{0,40}") {
            if let Err(e) = Mapping::parse(&text) {
                proptest::prop_assert!(!e.message.is_empty());
            }
        }
    }
}
