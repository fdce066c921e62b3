//! Getting landscapes in and out: imports from spreadsheets (CSV) and the
//! ArchiMate Open Exchange Format, exports to GraphML, CycloneDX 1.6, Mermaid
//! and JSON.
//!
//! Imports build a [`emit::Draft`] (the model as plain data, references as
//! ids), write it as commented TOML with [`emit::emit`], and check that the
//! text validates with [`crate::model::load_str`] before handing it back. An
//! import never loses information silently: every row it could not read,
//! every column, element, relation or property it did not map, and every
//! assumption it made (a generated id, a vendor stub, a default) is a
//! [`Note`] in the [`Imported::report`].
//!
//! Exports are renderers over the validated model and its [`crate::graph::Graph`]:
//! they only format, and escape every string from the model for their
//! target format (XML, JSON, Mermaid). Output is deterministic: entities in
//! file order, sets sorted by id.
//!
//! The mapping rules (column names in German and English, value words,
//! ArchiMate element and relation types) are documented in `docs/interop.md`.

pub mod archimate;
pub mod csv_import;
pub mod emit;
pub mod export_cyclonedx;
pub mod export_graphml;
pub mod export_json;
pub mod export_mermaid;
pub mod mapping;
pub mod merge;
pub mod target;
pub mod words;

use serde::Serialize;
use std::fmt;

/// What kind of thing an import note reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// A row or element that was not read at all.
    Skipped,
    /// A column, value, element, relation or property that was not mapped.
    NotMapped,
    /// A vendor stub created for an unknown vendor; it needs completing.
    Stub,
    /// A value the import chose: a generated id, a default, a placeholder.
    Assumed,
    /// A key added to an entity of the model merged into.
    Merged,
    /// A value that differs from the model merged into: the model's was kept.
    Conflict,
    /// How the input was read (encoding, separator).
    Info,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::Skipped => "skipped",
            NoteKind::NotMapped => "not mapped",
            NoteKind::Stub => "stub",
            NoteKind::Assumed => "assumed",
            NoteKind::Merged => "merged",
            NoteKind::Conflict => "conflict",
            NoteKind::Info => "info",
        }
    }
}

/// One thing the user should know about an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    pub kind: NoteKind,
    /// The input file (as named by the caller).
    pub file: String,
    /// 1-based line in that file, where known.
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(
                f,
                "{}:{l}: {}: {}",
                self.file,
                self.kind.as_str(),
                self.message
            ),
            None => write!(f, "{}: {}: {}", self.file, self.kind.as_str(), self.message),
        }
    }
}

/// Notes collected while importing, in the order they were found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub notes: Vec<Note>,
}

impl Report {
    pub(crate) fn push(
        &mut self,
        kind: NoteKind,
        file: &str,
        line: Option<u64>,
        message: impl Into<String>,
    ) {
        self.notes.push(Note {
            kind,
            file: file.to_string(),
            line,
            message: message.into(),
        });
    }

    /// The notes of one kind.
    pub fn of(&self, kind: NoteKind) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(move |n| n.kind == kind)
    }

    /// Number of notes per kind, in [`NoteKind`] order.
    pub fn counts(&self) -> Vec<(NoteKind, usize)> {
        let mut out: Vec<(NoteKind, usize)> = Vec::new();
        for k in [
            NoteKind::Skipped,
            NoteKind::NotMapped,
            NoteKind::Stub,
            NoteKind::Assumed,
            NoteKind::Merged,
            NoteKind::Conflict,
            NoteKind::Info,
        ] {
            let n = self.of(k).count();
            if n > 0 {
                out.push((k, n));
            }
        }
        out
    }
}

/// The result of an import: a model that validates, and what the import noted.
#[derive(Debug)]
pub struct Imported {
    /// The model as TOML text; `crate::model::load_str` accepts it.
    pub toml: String,
    pub report: Report,
    /// Entities written, per kind.
    pub counts: crate::model::Counts,
    /// How each spreadsheet's columns were read (empty for ArchiMate).
    pub columns: Vec<csv_import::FileColumns>,
    /// What a merge into an existing model did (`None` for a new model).
    pub merged: Option<merge::Merged>,
}

/// Why an import failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The input cannot be read at all (not CSV, not XML, no header ...).
    #[error("{file}: {message}")]
    Unreadable { file: String, message: String },
    /// A column map does not fit the file (a header it names is missing).
    #[error("{file}: {message}")]
    Map { file: String, message: String },
    /// The generated model does not validate. This is a defect of the
    /// importer (it must only write valid models); the diagnostics say why.
    #[error("the imported model does not validate: {0}")]
    Invalid(String),
}

/// The longest string an import writes, in bytes: the model's limit
/// ([`crate::model::Limits`], `max_string_bytes`).
pub fn max_string_bytes() -> usize {
    crate::model::Limits::default().max_string_bytes
}

/// Cuts `s` to [`max_string_bytes`] at a character boundary; returns its
/// length before when it was cut.
pub(crate) fn cut_to_limit(s: &mut String) -> Option<usize> {
    let max = max_string_bytes();
    if s.len() <= max {
        return None;
    }
    let len = s.len();
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    Some(len)
}

/// Breaks every loop of vendor parents: vendors are visited in order, each
/// following its parent chain; a parent link that leads back into the chain
/// being followed closes a loop and is dropped (the first such link met in
/// this order, so the result does not depend on anything but the input).
/// Returns (vendor index, dropped parent id, the loop's ids from that vendor on).
pub(crate) fn break_parent_loops(
    vendors: &mut [emit::DraftVendor],
) -> Vec<(usize, String, Vec<String>)> {
    let index: std::collections::BTreeMap<String, usize> = vendors
        .iter()
        .enumerate()
        .map(|(i, v)| (v.id.clone(), i))
        .collect();
    // 0: not seen, 1: on the chain being followed, 2: done (no loop above).
    let mut state = vec![0u8; vendors.len()];
    let mut dropped = Vec::new();
    for start in 0..vendors.len() {
        let mut chain = Vec::new();
        let mut at = start;
        while state[at] == 0 {
            state[at] = 1;
            chain.push(at);
            let Some(&p) = vendors[at].parent.as_ref().and_then(|p| index.get(p)) else {
                break;
            };
            if state[p] == 1 {
                let from = chain.iter().position(|&x| x == p).unwrap_or(0);
                let ids: Vec<String> = chain[from..]
                    .iter()
                    .map(|&x| vendors[x].id.clone())
                    .collect();
                let parent = vendors[at].parent.take().unwrap_or_default();
                dropped.push((at, parent, ids));
                break;
            }
            at = p;
        }
        for x in chain {
            state[x] = 2;
        }
    }
    dropped
}

/// Validates an emitted draft and packs the result.
pub(crate) fn finish(draft: &emit::Draft, report: Report) -> Result<Imported, ImportError> {
    let toml = emit::emit(draft);
    match crate::model::load_str(
        "imported.toml",
        std::path::Path::new("imported.toml"),
        &toml,
        &crate::model::Limits::default(),
    ) {
        Ok(m) => Ok(Imported {
            counts: m.counts(),
            toml,
            report,
            columns: Vec::new(),
            merged: None,
        }),
        Err(f) => {
            let msgs: Vec<String> = f
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.message.clone())
                .collect();
            Err(ImportError::Invalid(msgs.join("; ")))
        }
    }
}

/// Builds a graph from an inline model, for the exporters' tests.
#[cfg(test)]
pub(crate) fn test_graph(toml: &str) -> crate::graph::Graph {
    let m = crate::model::load_str(
        "test.toml",
        std::path::Path::new("test.toml"),
        toml,
        &crate::model::Limits::default(),
    )
    .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    crate::graph::Graph::build(m)
}
