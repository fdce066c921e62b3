//! The source files a model was read from, and positions in them.
//!
//! Every validated entity keeps a [`Span`] so that a finding made late (a
//! cycle, a missed deadline) still points at the TOML that caused it.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Index of a file in a [`SourceMap`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct FileId(pub(crate) u32);

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: Range<usize>) -> Span {
        Span {
            file,
            start: range.start.min(u32::MAX as usize) as u32,
            end: range.end.min(u32::MAX as usize) as u32,
        }
    }

    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A value together with where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

/// A file and its text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or as resolved from an include), for messages.
    pub name: String,
    /// The canonical path, for include-cycle detection.
    pub path: PathBuf,
    pub text: String,
    /// Where each line starts (32 bits: a model file has at most 4 GiB).
    line_starts: Vec<u32>,
    /// Per line: whether it is plain ASCII, so that a column is a byte
    /// difference (10,000 places on one 100 KB line stay linear).
    line_ascii: Vec<bool>,
}

impl SourceFile {
    /// The 0-based index of the line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    /// Where line `index` starts (the end of the text past the last line).
    pub fn line_start(&self, index: usize) -> usize {
        self.line_starts
            .get(index)
            .map_or(self.text.len(), |&s| s as usize)
    }

    /// The 1-based column (in characters) of byte `offset` on its line.
    pub fn column_of(&self, offset: usize) -> usize {
        let mut off = offset.min(self.text.len());
        while !self.text.is_char_boundary(off) {
            off -= 1;
        }
        let line = self.line_of(off);
        let start = self.line_start(line).min(off);
        if self.line_ascii.get(line).copied().unwrap_or(false) {
            return off - start + 1;
        }
        // The bytes that start a character are the character count.
        self.text.as_bytes()[start..off]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count()
            + 1
    }

    /// Where line `index` ends, before its `\n` (and a `\r` before that).
    pub fn line_end(&self, index: usize) -> usize {
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |&s| s as usize - 1);
        let start = self.line_start(index).min(end);
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }
}

/// A 1-based line and column (columns count Unicode scalar values).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// All files of one model.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, name: String, path: &Path, text: String) -> FileId {
        // A text past 4 GiB is refused as too large before any position
        // in it is looked up; its line starts are clamped, never wrong.
        let line_starts: Vec<u32> = std::iter::once(0)
            .chain(
                text.match_indices('\n')
                    .map(|(i, _)| (i + 1).min(u32::MAX as usize) as u32),
            )
            .collect();
        let line_ascii = (0..line_starts.len())
            .map(|i| {
                let start = (line_starts[i] as usize).min(text.len());
                let end = line_starts
                    .get(i + 1)
                    .map_or(text.len(), |&s| s as usize)
                    .max(start);
                text.as_bytes()[start..end].is_ascii()
            })
            .collect();
        self.files.push(SourceFile {
            name,
            path: path.to_path_buf(),
            text,
            line_starts,
            line_ascii,
        });
        FileId((self.files.len() - 1) as u32)
    }

    pub fn file(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Line and column of the start of a span.
    pub fn locate(&self, span: Span) -> Option<Location> {
        let f = self.file(span.file)?;
        let offset = (span.start as usize).min(f.text.len());
        Some(Location {
            file: f.name.clone(),
            line: f.line_of(offset) + 1,
            column: f.column_of(offset),
        })
    }
}

impl<'a> codespan_reporting::files::Files<'a> for SourceMap {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.file(id)
            .map(|f| f.name.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.file(id)
            .map(|f| f.text.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let f = self
            .file(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(f.line_starts.partition_point(|&s| s as usize <= byte_index) - 1)
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let f = self
            .file(id)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        let start = *f.line_starts.get(line_index).ok_or(
            codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: f.line_starts.len() - 1,
            },
        )?;
        let end = f
            .line_starts
            .get(line_index + 1)
            .map_or(f.text.len(), |&s| s as usize);
        Ok(start as usize..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters_from_one() {
        let mut m = SourceMap::new();
        let id = m.add("a.toml".into(), Path::new("a.toml"), "ab\nüx = 1\n".into());
        let loc = m.locate(Span::new(id, 0..1)).unwrap();
        assert_eq!((loc.line, loc.column), (1, 1));
        // 'x' is after the two-byte 'ü': byte 5, character column 2.
        let loc = m.locate(Span::new(id, 5..6)).unwrap();
        assert_eq!((loc.line, loc.column), (2, 2));
    }
}
