//! Reading one spreadsheet: its encoding and separator, which column is
//! which field (the column map, the vocabulary, the vocabulary after a
//! prefix such as `Anwendung - `), and the rows. Also what the dry run
//! shows ([`FileColumns`]) and the collection of values not understood,
//! reported once per distinct value with its count ([`Unknowns`]).

use super::columns::Field;
use super::{decode, sniff_separator};
use crate::interop::mapping::{FileMap, MapSource};
use crate::interop::words::fold;
use crate::interop::{ImportError, NoteKind, Report};
use serde::Serialize;

/// How the dry run describes one file.
#[derive(Clone, Debug, Serialize)]
pub struct FileColumns {
    pub file: String,
    pub encoding: String,
    pub separator: String,
    pub rows: usize,
    pub columns: Vec<ColumnUse>,
}

/// One column of a file: its header, the field it fills (if any), how
/// that was decided, and how many non-empty values it holds.
#[derive(Clone, Debug, Serialize)]
pub struct ColumnUse {
    /// 1-based.
    pub index: usize,
    pub header: String,
    /// The model key filled, or `None`.
    pub field: Option<&'static str>,
    pub how: How,
    pub values: usize,
}

/// Why a column was read as it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum How {
    /// `--map` on the command line.
    Option,
    /// The mapping file.
    MappingFile,
    /// The built-in vocabulary knows the header.
    Vocabulary,
    /// The vocabulary knows the part after a prefix (`Anwendung - Hersteller`).
    AfterPrefix { prefix: String },
    /// Left out because the column map says so.
    Ignored,
    /// A second column of a field already read from an earlier column.
    Second { first: usize },
    /// Not a known header.
    Unknown,
}

/// A read CSV file: which column is which field, and the rows.
pub(crate) struct Table<F> {
    pub file: String,
    pub headers: Vec<String>,
    pub fields: Vec<Option<F>>,
    pub rows: Vec<Row>,
    pub columns: FileColumns,
}

pub(crate) struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

impl<F: Field> Table<F> {
    pub fn has(&self, f: F) -> bool {
        self.fields.contains(&Some(f))
    }

    /// The trimmed, non-empty cell of a field in a row.
    pub fn get<'r>(&self, row: &'r Row, f: F) -> Option<&'r str> {
        let i = self.fields.iter().position(|x| *x == Some(f))?;
        row.cells.get(i).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    /// The header text of a field, for messages.
    pub fn header(&self, f: F) -> &str {
        self.fields
            .iter()
            .position(|x| *x == Some(f))
            .and_then(|i| self.headers.get(i))
            .map(String::as_str)
            .unwrap_or("?")
    }
}

/// Separators between a prefix and the header proper, as CMDB exports
/// write them (`Anwendung - Hersteller`, `Allgemein: Titel`).
const PREFIX_SEPARATORS: [&str; 5] = [" - ", " – ", " — ", ": ", " > "];

/// The field the vocabulary knows for a header.
pub(crate) fn vocabulary<F: Field>(header: &str) -> Option<F> {
    let f = fold(header);
    if f.is_empty() {
        return None;
    }
    F::ALL
        .iter()
        .find(|(_, _, names)| names.iter().any(|n| fold(n) == f))
        .map(|(k, _, _)| *k)
}

/// The field of the part after a prefix, and the prefix.
fn after_prefix<F: Field>(header: &str) -> Option<(F, String)> {
    let (i, sep) = PREFIX_SEPARATORS
        .iter()
        .filter_map(|s| header.rfind(s).map(|i| (i, *s)))
        .max_by_key(|(i, _)| *i)?;
    let (prefix, rest) = (&header[..i], &header[i + sep.len()..]);
    vocabulary::<F>(rest).map(|f| (f, prefix.trim().to_string()))
}

/// Finds the column of a mapped header: exactly, then folded.
fn find_header(headers: &[String], want: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| h == want.trim())
        .or_else(|| headers.iter().position(|h| fold(h) == fold(want)))
}

pub(crate) fn read_table<F: Field>(
    input: &super::CsvInput<'_>,
    map: Option<&FileMap>,
    report: &mut Report,
) -> Result<Table<F>, ImportError> {
    let file = input.name;
    let (text, encoding) = decode(input.bytes);
    let sep = sniff_separator(&text);
    let separator = if sep == b'\t' {
        "tab".to_string()
    } else {
        (sep as char).to_string()
    };
    report.push(
        NoteKind::Info,
        file,
        None,
        format!("read as {encoding}, separator `{separator}`"),
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

    let n = headers.len();
    let mut fields: Vec<Option<F>> = vec![None; n];
    let mut how: Vec<How> = vec![How::Unknown; n];
    // 1. The column map.
    if let Some(map) = map {
        for fm in &map.fields {
            let Some(field) = F::of_key(fm.key) else {
                continue;
            };
            let hit = fm.headers.iter().find_map(|h| find_header(&headers, h));
            match hit {
                Some(i) if fields[i].is_some_and(|g| g != field) => {
                    return Err(ImportError::Map {
                        file: file.to_string(),
                        message: format!(
                            "column {} `{}` is mapped to both `{}` and `{}`",
                            i + 1,
                            headers[i],
                            fields[i].map(|g| g.key()).unwrap_or("?"),
                            fm.key
                        ),
                    });
                }
                Some(i) => {
                    // A field read from a mapped column is read from no other.
                    for (j, f) in fields.iter_mut().enumerate() {
                        if *f == Some(field) && j != i {
                            *f = None;
                            how[j] = How::Unknown;
                        }
                    }
                    fields[i] = Some(field);
                    how[i] = match fm.source {
                        MapSource::Option => How::Option,
                        MapSource::File => How::MappingFile,
                    };
                }
                None if fm.source == MapSource::Option => {
                    return Err(ImportError::Map {
                        file: file.to_string(),
                        message: format!(
                            "--map {}=\"{}\": no column has this header; the headers are {}",
                            fm.key,
                            fm.headers.join("\", \""),
                            headers
                                .iter()
                                .map(|h| format!("`{h}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
                None => report.push(
                    NoteKind::Info,
                    file,
                    Some(1),
                    format!(
                        "the mapping file names {} for `{}`, but no column has that header; the built-in vocabulary applies",
                        fm.headers
                            .iter()
                            .map(|h| format!("`{h}`"))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        fm.key
                    ),
                ),
            }
        }
        for ig in &map.ignore {
            if let Some(i) = find_header(&headers, ig)
                && fields[i].is_none()
            {
                how[i] = How::Ignored;
            }
        }
    }
    // 2. The vocabulary, whole headers first, then after a prefix.
    let taken = |fields: &[Option<F>], f: F| fields.iter().position(|x| *x == Some(f));
    for i in 0..n {
        if how[i] != How::Unknown {
            continue;
        }
        if let Some(f) = vocabulary::<F>(&headers[i]) {
            match taken(&fields, f) {
                Some(first) => how[i] = How::Second { first: first + 1 },
                None => {
                    fields[i] = Some(f);
                    how[i] = How::Vocabulary;
                }
            }
        }
    }
    for i in 0..n {
        if how[i] != How::Unknown {
            continue;
        }
        if let Some((f, prefix)) = after_prefix::<F>(&headers[i]) {
            match taken(&fields, f) {
                Some(first) => how[i] = How::Second { first: first + 1 },
                None => {
                    fields[i] = Some(f);
                    how[i] = How::AfterPrefix { prefix };
                }
            }
        }
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
                let mut cells: Vec<String> = r.iter().map(str::to_string).collect();
                // A cell longer than a model string may be is cut (at a
                // character boundary), so that the model still validates.
                for (i, c) in cells.iter_mut().enumerate().take(n) {
                    if let Some(len) = super::super::cut_to_limit(c) {
                        report.push(
                            NoteKind::NotMapped,
                            file,
                            Some(line),
                            format!(
                                "the cell of column {} `{}` is {len} bytes long, more than a model string may hold: cut to its first {} bytes, the rest not imported",
                                i + 1,
                                headers.get(i).map(String::as_str).unwrap_or("?"),
                                c.len()
                            ),
                        );
                    }
                }
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let extra: Vec<&str> = cells
                    .iter()
                    .skip(n)
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
    let values = |i: usize| {
        rows.iter()
            .filter(|r| r.cells.get(i).is_some_and(|c| !c.trim().is_empty()))
            .count()
    };
    let name = |i: usize| {
        if headers[i].is_empty() {
            format!("column {} (no header)", i + 1)
        } else {
            format!("column {} `{}`", i + 1, headers[i])
        }
    };
    let mut columns = Vec::with_capacity(n);
    for i in 0..n {
        let v = values(i);
        match &how[i] {
            How::Unknown => report.push(
                NoteKind::NotMapped,
                file,
                Some(1),
                format!(
                    "{} is not a known column; its {v} value(s) were not imported (--map FIELD=\"{}\" reads it)",
                    name(i),
                    headers[i]
                ),
            ),
            How::Second { first } => report.push(
                NoteKind::NotMapped,
                file,
                Some(1),
                format!(
                    "{} is a second `{}` column (the first is column {first}); its {v} value(s) were not imported",
                    name(i),
                    fields[first - 1].map(|f| f.key()).unwrap_or("?")
                ),
            ),
            How::AfterPrefix { prefix } => report.push(
                NoteKind::Assumed,
                file,
                Some(1),
                format!(
                    "{} read as `{}` (the header after the prefix `{prefix}`)",
                    name(i),
                    fields[i].map(|f| f.key()).unwrap_or("?")
                ),
            ),
            How::Ignored => report.push(
                NoteKind::Info,
                file,
                Some(1),
                format!("{} left out, as the column map says ({v} values)", name(i)),
            ),
            How::Option | How::MappingFile | How::Vocabulary => {}
        }
        columns.push(ColumnUse {
            index: i + 1,
            header: headers[i].clone(),
            field: fields[i].map(|f| f.key()),
            how: how[i].clone(),
            values: v,
        });
    }
    Ok(Table {
        file: file.to_string(),
        columns: FileColumns {
            file: file.to_string(),
            encoding: encoding.to_string(),
            separator,
            rows: rows.len(),
            columns,
        },
        headers,
        fields,
        rows,
    })
}

/// Values not understood, collected per column and distinct value, so that
/// a value repeated in a thousand rows is one report line with its count.
#[derive(Default)]
pub(crate) struct Unknowns {
    /// Header, value, hint, first line, count; in first-seen order.
    entries: Vec<(String, String, String, u64, usize)>,
    index: std::collections::BTreeMap<(String, String), usize>,
}

impl Unknowns {
    pub fn add(&mut self, header: &str, value: &str, hint: &str, line: u64) {
        let key = (header.to_string(), value.to_string());
        match self.index.get(&key) {
            Some(&i) => self.entries[i].4 += 1,
            None => {
                self.index.insert(key, self.entries.len());
                self.entries.push((
                    header.to_string(),
                    value.to_string(),
                    hint.to_string(),
                    line,
                    1,
                ));
            }
        }
    }

    /// One report line per distinct value, at the line of its first row.
    pub fn flush(self, file: &str, report: &mut Report) {
        for (header, value, hint, line, n) in self.entries {
            let rows = if n == 1 {
                String::new()
            } else {
                format!(" in {n} rows")
            };
            report.push(
                NoteKind::NotMapped,
                file,
                Some(line),
                format!(
                    "value `{value}` of column `{header}` not understood ({hint}); left out{rows}"
                ),
            );
        }
    }
}

/// Parses an optional cell with `parse`, after the column map's value
/// words for `key`; collects a value it does not understand.
#[allow(clippy::too_many_arguments)]
pub(crate) fn parse_cell<F: Field, T>(
    t: &Table<F>,
    row: &Row,
    f: F,
    values: &crate::interop::mapping::Mapping,
    unknown: &mut Unknowns,
    hint: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Option<T> {
    let v = t.get(row, f)?;
    let r = parse(values.value(f.key(), v));
    if r.is_none() {
        unknown.add(t.header(f), v, hint, row.line);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::super::columns::S;
    use super::*;

    #[test]
    fn prefixed_headers_are_read_after_the_prefix() {
        assert_eq!(
            after_prefix::<S>("Anwendung - Hersteller"),
            Some((S::Vendor, "Anwendung".to_string()))
        );
        assert_eq!(
            after_prefix::<S>("Allgemein: Objekttitel"),
            Some((S::Name, "Allgemein".to_string()))
        );
        assert_eq!(after_prefix::<S>("Anwendung - Farbe"), None);
        assert_eq!(vocabulary::<S>("Application_Name"), Some(S::Name));
        assert_eq!(vocabulary::<S>("Lifecycle_Stage"), Some(S::Status));
        assert_eq!(vocabulary::<S>("hostingJurisdictie"), Some(S::Region));
        assert_eq!(vocabulary::<S>(""), None);
    }
}
