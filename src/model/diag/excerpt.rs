//! The source excerpt under a diagnostic: a window around each place, not
//! whole lines.
//!
//! codespan prints every line a label touches in full. A model whose
//! 100 KB line holds 10,000 errors would then print that line 10,000 times
//! (a gigabyte of terminal output), and a diagnostic on an included file
//! would echo whatever that line holds. [`Excerpt`] is a codespan
//! [`Files`] view that holds, per diagnostic, only a window of each
//! labelled line: at most [`BEFORE`] characters before the place, the place
//! itself up to [`LABEL`] characters, and [`AFTER`] characters after it,
//! with `…` where the line was cut. Line and column numbers stay those of
//! the real file, so the locus (`file:line:column`) is unchanged.
//!
//! Labels are clipped to their first line: the places exitgraph reports are
//! keys, values and table headers, and a multi-line string is shown by its
//! first line.

use super::Diagnostic;
use crate::model::source::{FileId, SourceMap, Span};
use codespan_reporting::files::{Error, Files};
use std::ops::Range;

/// Characters shown before a place.
pub const BEFORE: usize = 40;
/// Characters of the place itself shown (a longer place is cut).
pub const LABEL: usize = 80;
/// Characters shown after a place.
pub const AFTER: usize = 40;

/// One shown line: its real index, number and window.
struct Line {
    file: FileId,
    /// 0-based index of the line in its file.
    index: usize,
    /// Where the shown line lies in [`Excerpt::text`] (with any `…`).
    range: Range<usize>,
    /// Where the window's own text starts in [`Excerpt::text`] (after a `…`).
    body: usize,
    /// The 1-based column of the window's first character in the real line.
    first_column: usize,
    /// The window's start in the real file (bytes).
    real_start: usize,
}

/// The windows of one diagnostic, as a codespan file set.
pub struct Excerpt {
    /// All windows, each on its own line.
    text: String,
    lines: Vec<Line>,
    /// The names of the files shown.
    names: Vec<(FileId, String)>,
}

/// Counts characters fast: every byte that does not continue a UTF-8
/// sequence starts one.
fn chars(s: &[u8]) -> usize {
    s.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The byte offset `n` characters before `at` in `text`, not before `floor`.
fn back(text: &str, at: usize, n: usize, floor: usize) -> usize {
    text[floor..at]
        .char_indices()
        .rev()
        .take(n)
        .last()
        .map_or(at, |(i, _)| floor + i)
}

/// The byte offset `n` characters after `at` in `text`, not after `ceil`.
fn forward(text: &str, at: usize, n: usize, ceil: usize) -> usize {
    text[at..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| at + i)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl Excerpt {
    /// The windows a diagnostic needs, and the diagnostic in codespan form
    /// with its labels moved into them.
    pub fn build(
        d: &Diagnostic,
        sources: &SourceMap,
    ) -> (Excerpt, codespan_reporting::diagnostic::Diagnostic<FileId>) {
        use codespan_reporting::diagnostic::{Diagnostic as D, Label};
        let mut ex = Excerpt {
            text: String::new(),
            lines: Vec::new(),
            names: Vec::new(),
        };
        // The places, clipped to their first line and to LABEL characters.
        let mut places: Vec<(bool, Span, &str)> = Vec::new();
        if let Some((span, label)) = &d.primary {
            places.push((true, *span, label));
        }
        for (span, label) in &d.secondary {
            places.push((false, *span, label));
        }
        let mut wanted: Vec<(FileId, usize, usize, usize)> = Vec::new();
        let mut clipped: Vec<(bool, FileId, Range<usize>, &str)> = Vec::new();
        for (primary, span, label) in places {
            let Some(f) = sources.file(span.file) else {
                continue;
            };
            if !ex.names.iter().any(|(id, _)| *id == span.file) {
                ex.names.push((span.file, f.name.clone()));
            }
            let start = floor_boundary(&f.text, span.start as usize);
            let line = f.line_of(start);
            let line_end = f.line_end(line);
            let end = floor_boundary(&f.text, (span.end as usize).clamp(start, line_end));
            let end = if chars(&f.text.as_bytes()[start..end]) > LABEL {
                forward(&f.text, start, LABEL, end)
            } else {
                end
            };
            wanted.push((span.file, line, start, end));
            clipped.push((primary, span.file, start..end, label));
        }
        // One window per line, covering every place on it.
        wanted.sort_unstable();
        let mut windows: Vec<(FileId, usize, usize, usize)> = Vec::new();
        for (file, line, start, end) in wanted {
            match windows.last_mut() {
                Some(w) if w.0 == file && w.1 == line => {
                    w.2 = w.2.min(start);
                    w.3 = w.3.max(end);
                }
                _ => windows.push((file, line, start, end)),
            }
        }
        // A single line between two shown ones is shown too (codespan prints
        // it rather than a break), from its start.
        let mut gaps = Vec::new();
        for w in windows.windows(2) {
            if w[0].0 == w[1].0 && w[1].1 == w[0].1 + 2 {
                if let Some(f) = sources.file(w[0].0) {
                    let s = f.line_start(w[0].1 + 1);
                    gaps.push((w[0].0, w[0].1 + 1, s, s));
                }
            }
        }
        windows.extend(gaps);
        windows.sort_unstable();
        for (file, index, start, end) in windows {
            let Some(f) = sources.file(file) else {
                continue;
            };
            let line_start = f.line_start(index);
            let line_end = f.line_end(index);
            let ws = back(&f.text, start, BEFORE, line_start);
            let we = forward(&f.text, end, AFTER, line_end);
            let begin = ex.text.len();
            if ws > line_start {
                ex.text.push('…');
            }
            let body = ex.text.len();
            ex.text.push_str(&f.text[ws..we]);
            if we < line_end {
                ex.text.push('…');
            }
            let range = begin..ex.text.len();
            ex.text.push('\n');
            ex.lines.push(Line {
                file,
                index,
                range,
                body,
                first_column: f.column_of(ws),
                real_start: ws,
            });
        }
        let mut labels = Vec::new();
        for (primary, file, range, label) in clipped {
            let Some(k) = ex.lines.iter().position(|l| {
                l.file == file
                    && l.real_start <= range.start
                    && l.body + (range.end - l.real_start) <= l.range.end
            }) else {
                continue;
            };
            let l = &ex.lines[k];
            let at = l.body + (range.start - l.real_start);
            let to = l.body + (range.end - l.real_start);
            let mk = if primary {
                Label::primary
            } else {
                Label::secondary
            };
            labels.push(mk(file, at..to).with_message(label));
        }
        let base = match d.severity {
            super::Severity::Error => D::error(),
            super::Severity::Warning => D::warning(),
        };
        let mut cs = base
            .with_code(d.code.as_str())
            .with_message(&d.message)
            .with_labels(labels);
        if let Some(h) = &d.help {
            cs = cs.with_notes(vec![format!("help: {h}")]);
        }
        (ex, cs)
    }

    /// Rewrites the shown text and the file names (for the terminal: see
    /// `cli::render_diagnostics`). The text must keep its byte length, so
    /// that every place still fits; a rewrite that does not is ignored.
    pub fn map(
        &mut self,
        text: impl FnOnce(&str) -> std::borrow::Cow<'_, str>,
        name: impl Fn(&str) -> String,
    ) {
        let new = text(&self.text).into_owned();
        if new.len() == self.text.len() {
            self.text = new;
        }
        for (_, n) in &mut self.names {
            *n = name(n);
        }
    }

    /// The window of file `id` that holds byte `i` of [`Excerpt::text`].
    fn at(&self, id: FileId, i: usize) -> Result<&Line, Error> {
        self.lines
            .iter()
            .find(|l| l.file == id && l.range.start <= i && i <= l.range.end)
            .ok_or(Error::IndexTooLarge { given: i, max: i })
    }
}

/// The ids are the real files' ids and the line indices the real ones, so
/// codespan groups and numbers the places as it would on the whole file;
/// only the text under each line is the window.
impl<'a> Files<'a> for Excerpt {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, Error> {
        self.names
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, n)| n.as_str())
            .ok_or(Error::FileMissing)
    }

    fn source(&'a self, _id: FileId) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, Error> {
        Ok(self.at(id, byte_index)?.index)
    }

    fn column_number(
        &'a self,
        id: FileId,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let l = self.at(id, byte_index)?;
        let within = byte_index.clamp(l.body, l.range.end);
        Ok(l.first_column + chars(&self.text.as_bytes()[l.body..within]))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, Error> {
        self.lines
            .iter()
            .find(|l| l.file == id && l.index == line_index)
            .map(|l| l.range.clone())
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: line_index,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diag::Code;
    use std::path::Path;

    fn render(text: &str, d: &Diagnostic) -> String {
        let mut m = SourceMap::new();
        let id = m.add("t.toml".into(), Path::new("t.toml"), text.into());
        let d = Diagnostic {
            primary: d
                .primary
                .as_ref()
                .map(|(s, l)| (Span { file: id, ..*s }, l.clone())),
            ..d.clone()
        };
        let (ex, cs) = Excerpt::build(&d, &m);
        codespan_reporting::term::emit_into_string(
            &codespan_reporting::term::Config::default(),
            &ex,
            &cs,
        )
        .unwrap()
    }

    /// A place in a 100 KB line is shown with a window around it, with the
    /// real line and column.
    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_place() {
        let line = format!("x = \"{}SECRET{}\"", "a".repeat(50_000), "b".repeat(50_000));
        let text = format!("[organisation]\n{line}\n");
        let at = text.find("SECRET").unwrap();
        let d = Diagnostic::error(Code::InvalidValue, "bad")
            .at(Span::new(FileId(0), at..at + 6), "here");
        let out = render(&text, &d);
        assert!(out.len() < 600, "{} bytes: {out}", out.len());
        assert!(out.contains("t.toml:2:50006"), "{out}");
        assert!(
            out.contains(&format!("…{}SECRET{}…", "a".repeat(40), "b".repeat(40))),
            "{out}"
        );
        assert!(out.contains("^^^^^^ here"), "{out}");
    }

    /// A short line is shown whole, exactly as codespan would.
    #[test]
    fn a_short_line_is_shown_whole() {
        let text = "[organisation]\nname = 5\n";
        let d =
            Diagnostic::error(Code::WrongType, "bad").at(Span::new(FileId(0), 22..23), "a number");
        let out = render(text, &d);
        assert!(out.contains("2 │ name = 5\n"), "{out}");
        assert!(out.contains("t.toml:2:8"), "{out}");
    }

    /// A label spanning a huge string shows its first characters only.
    #[test]
    fn a_long_place_is_cut() {
        let text = format!("x = \"{}\"\n", "é".repeat(100_000));
        let d = Diagnostic::error(Code::TooLarge, "long")
            .at(Span::new(FileId(0), 4..text.len() - 1), "this string");
        let out = render(&text, &d);
        assert!(out.len() < 1_000, "{} bytes", out.len());
        // The place (the quote and 79 characters) and 40 more.
        assert!(
            out.contains(&format!("x = \"{}…", "é".repeat(119))),
            "{out}"
        );
    }
}
