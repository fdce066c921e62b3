//! Reading model files from disk, following `include` globs.
//!
//! Each file is parsed with recovery, so every syntax error of a file is
//! reported, and read into the shared [`RawModel`]. Includes are resolved
//! relative to the including file, in sorted order (so the model does not
//! depend on directory listing order); a file reached twice is read once;
//! a file that includes itself through a chain is an `include-cycle` error.
//!
//! Includes are confined (docs/security.md): a model is often written by
//! others and checked in CI, where an include of `/home/ci/.ssh/id_rsa` or
//! `../../secrets.env` would echo a line of that file in a diagnostic. An
//! included file must be a regular file whose real path (symlinks
//! resolved) lies in the directory tree of the main model file, unless
//! [`Limits::allow_include_outside`] says otherwise. Glob patterns are
//! expanded by a walk that does not follow symlinked directories (so link
//! loops cannot make it run forever) and that stops after
//! [`MAX_WALK_ENTRIES`] directory entries; a model reads at most
//! [`MAX_INCLUDE_FILES`] files. The size limit counts the bytes actually
//! read (`/proc/self/pagemap` reports a size of 0 and yields gigabytes).

use super::decode::Ctx;
use super::diag::{Code, Diagnostic};
use super::raw::{self, RawModel};
use super::source::{FileId, SourceMap, Sp, Span};
use std::path::{Path, PathBuf};
use toml::de::DeTable;

mod split;

/// Limits against hostile or accidental huge inputs.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest model file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most entities (of all kinds together) accepted.
    pub max_entities: usize,
    /// Deepest include nesting accepted.
    pub max_include_depth: usize,
    /// Longest string value accepted, in bytes.
    pub max_string_bytes: usize,
    /// Whether includes may lie outside the main model file's directory
    /// tree (`--allow-include-outside`).
    pub allow_include_outside: bool,
}

/// Most files one model may consist of (the main file and its includes).
pub const MAX_INCLUDE_FILES: usize = 10_000;

/// Most directory entries one include pattern may look at.
pub const MAX_WALK_ENTRIES: usize = 100_000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_entities: 2_000_000,
            max_include_depth: 16,
            max_string_bytes: 64 * 1024,
            allow_include_outside: false,
        }
    }
}

pub(crate) struct Loader<'l> {
    pub limits: &'l Limits,
    pub sources: SourceMap,
    pub diags: Vec<Diagnostic>,
    pub raw: RawModel,
    /// Every include as expanded, in the order it was met (a snapshot of
    /// the model is valid only while each expands to the same files).
    pub expanded: Vec<Expansion>,
    /// The real directory of the main model file: includes must lie below it.
    root: Option<PathBuf>,
}

/// The files one include pattern named when the model was read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Expansion {
    /// The pattern joined to the including file's directory.
    pub full: PathBuf,
    pub is_glob: bool,
    /// The matching paths, sorted.
    pub paths: Vec<PathBuf>,
}

impl Expansion {
    /// Expands the pattern again: `None` when the walk fails now.
    pub fn again(&self) -> Option<Vec<PathBuf>> {
        let mut paths = expand(&self.full, self.is_glob).ok()?;
        paths.sort();
        Some(paths)
    }
}

impl<'l> Loader<'l> {
    pub fn new(limits: &'l Limits) -> Self {
        Loader {
            limits,
            sources: SourceMap::new(),
            diags: Vec::new(),
            raw: RawModel::default(),
            expanded: Vec::new(),
            root: None,
        }
    }

    /// Loads the main file from disk, then its includes.
    pub fn load_path(&mut self, path: &Path) {
        let name = path.display().to_string();
        match self.read_text(path) {
            Ok(text) => {
                let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
                self.load_text(name, &canonical, text, true, &mut vec![canonical.clone()]);
            }
            Err(msg) => self.diags.push(
                Diagnostic::error(Code::FileRead, format!("cannot read `{name}`: {msg}")).help(
                    "check the path; models are TOML files such as `examples/musterstadt.toml`",
                ),
            ),
        }
    }

    /// Loads a model given as text (main file). Includes resolve relative to `path`'s directory.
    pub fn load_text(
        &mut self,
        name: String,
        path: &Path,
        text: String,
        is_main: bool,
        stack: &mut Vec<PathBuf>,
    ) {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        if is_main {
            self.root = root_of(&name);
        }
        let file = FileId(self.sources.len() as u32);
        let includes = self.parse_and_read(file, &text, is_main);
        self.sources.add(name, path, text);
        if stack.len() > self.limits.max_include_depth {
            if let Some(first) = includes.first() {
                self.diags.push(
                    Diagnostic::error(
                        Code::IncludeInvalid,
                        format!(
                            "includes are nested more than {} levels deep",
                            self.limits.max_include_depth
                        ),
                    )
                    .at(first.span, "this include is too deep")
                    .help("flatten the include structure"),
                );
            }
            return;
        }
        // Resolve includes relative to the including file as the user named
        // it, so that messages show paths like `fv/meldewesen.toml`, not
        // machine-specific absolute paths; cycles are detected on canonical paths.
        let name = self
            .sources
            .file(file)
            .map(|f| f.name.clone())
            .unwrap_or_default();
        let dir = Path::new(&name)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for pattern in includes {
            self.include(&dir, &pattern, stack);
        }
    }

    fn include(&mut self, dir: &Path, pattern: &Sp<String>, stack: &mut Vec<PathBuf>) {
        let full = dir.join(&pattern.value);
        let full_str = full.to_string_lossy().to_string();
        let is_glob = pattern.value.contains(['*', '?', '[']);
        let mut paths = match expand(&full, is_glob) {
            Ok(paths) => paths,
            Err(why) => {
                self.diags.push(
                    Diagnostic::error(
                        Code::IncludeNotFound,
                        format!("`{}` is not a valid include pattern", pattern.value),
                    )
                    .at(pattern.span, why),
                );
                return;
            }
        };
        paths.sort();
        self.expanded.push(Expansion {
            full: full.clone(),
            is_glob,
            paths: paths.clone(),
        });
        if paths.is_empty() {
            let d = if is_glob {
                Diagnostic::warning(
                    Code::IncludeEmpty,
                    format!("include pattern `{}` matches no file", pattern.value),
                )
                .at(pattern.span, "no file matches")
            } else {
                Diagnostic::error(
                    Code::IncludeNotFound,
                    format!("included file `{}` does not exist", pattern.value),
                )
                .at(pattern.span, format!("looked for {full_str}"))
                .help("paths are relative to the including file")
            };
            self.diags.push(d);
            return;
        }
        for p in paths {
            let canonical = match p.canonicalize() {
                Ok(c) => c,
                Err(e) => {
                    if !is_glob {
                        self.diags.push(
                            Diagnostic::error(
                                Code::IncludeNotFound,
                                format!("included file `{}` cannot be opened: {e}", p.display()),
                            )
                            .at(pattern.span, "included here"),
                        );
                    }
                    continue;
                }
            };
            if let Some(why) = self.refuse(&canonical) {
                self.diags.push(
                    Diagnostic::error(
                        Code::IncludeInvalid,
                        format!("`{}` cannot be included: {why}", p.display()),
                    )
                    .at(pattern.span, "included here")
                    .help(
                        "keep included files in the main model file's folder or below it; \
                         `--allow-include-outside` lifts the folder rule",
                    ),
                );
                continue;
            }
            if stack.contains(&canonical) {
                let chain: Vec<String> = stack
                    .iter()
                    .chain(std::iter::once(&canonical))
                    .map(|s| {
                        s.file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_default()
                    })
                    .collect();
                self.diags.push(
                    Diagnostic::error(
                        Code::IncludeCycle,
                        format!("files include each other in a loop: {}", chain.join(" -> ")),
                    )
                    .at(pattern.span, "this include closes the loop")
                    .help("remove one of the includes of the loop"),
                );
                continue;
            }
            if self.sources.files().any(|(_, f)| f.path == canonical) {
                continue; // already read through another include
            }
            if self.sources.len() >= MAX_INCLUDE_FILES {
                self.diags.push(
                    Diagnostic::error(
                        Code::TooLarge,
                        format!("the model would have more than {MAX_INCLUDE_FILES} files"),
                    )
                    .at(pattern.span, "this include goes past the limit")
                    .help("merge small files, or narrow the pattern"),
                );
                return;
            }
            match self.read_text(&p) {
                Ok(text) => {
                    stack.push(canonical.clone());
                    self.load_text(p.display().to_string(), &canonical, text, false, stack);
                    stack.pop();
                }
                Err(msg) => self.diags.push(
                    Diagnostic::error(
                        Code::FileRead,
                        format!("cannot read included file `{}`: {msg}", p.display()),
                    )
                    .at(pattern.span, "included here"),
                ),
            }
        }
    }

    /// Why a real path may not be included, if it may not.
    fn refuse(&self, canonical: &Path) -> Option<String> {
        refuse(
            canonical,
            self.root.as_deref(),
            self.limits.allow_include_outside,
        )
    }

    /// Reads a file as UTF-8, at most `max_file_bytes` of it.
    fn read_text(&self, path: &Path) -> Result<String, String> {
        read_text(path, self.limits.max_file_bytes)
    }
}

/// The real folder of the main model file named `name`: includes must lie below it.
pub(crate) fn root_of(name: &str) -> Option<PathBuf> {
    Path::new(name)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .canonicalize()
        .ok()
}

/// Why a real path may not be included, if it may not: it must be a
/// regular file below `root` (the real folder of the main model file)
/// unless includes outside are allowed.
pub(crate) fn refuse(canonical: &Path, root: Option<&Path>, allow_outside: bool) -> Option<String> {
    match std::fs::metadata(canonical) {
        Ok(m) if m.is_file() => {}
        Ok(m) if m.is_dir() => return Some("it is a directory".into()),
        Ok(_) => return Some("it is not a regular file (a device, pipe or socket)".into()),
        Err(e) => return Some(e.to_string()),
    }
    if allow_outside {
        return None;
    }
    match root {
        Some(root) if canonical.starts_with(root) => None,
        Some(root) => Some(format!(
            "it lies outside the folder of the main model file (`{}`)",
            root.display()
        )),
        None => Some("the folder of the main model file cannot be resolved".into()),
    }
}

/// Reads a file as UTF-8, at most `max` bytes of it, through the one
/// reader of input files ([`super::input`]): regular files only, the
/// limit counted on the bytes read.
pub(crate) fn read_text(path: &Path, max: u64) -> Result<String, String> {
    super::input::read_text(path, max)
}

impl Loader<'_> {
    /// Parses one file and reads it into the raw model; returns its include patterns.
    fn parse_and_read(&mut self, file: FileId, text: &str, is_main: bool) -> Vec<Sp<String>> {
        // Positions are kept in 32 bits: 4 GiB per file at most, whatever
        // `--max-file-size` says.
        let max = self.limits.max_file_bytes.min(u64::from(u32::MAX));
        if text.len() as u64 > max {
            self.diags.push(Diagnostic::error(
                Code::TooLarge,
                format!(
                    "the model text has {} bytes, more than the limit of {max}",
                    text.len(),
                ),
            ));
            return Vec::new();
        }
        if let Some(parts) = split::parts(text) {
            if let Some(includes) = self.read_parts(file, text, &parts, is_main) {
                return includes;
            }
            // A part has a syntax error: parse the whole file, so that the
            // diagnostics are exactly those of the TOML parser.
        }
        let (root, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            for e in errors {
                let span = e
                    .span()
                    .map(|r| Span::new(file, r))
                    .unwrap_or(Span::new(file, 0..0));
                let message = e.message().trim().to_string();
                self.diags.push(
                    Diagnostic::error(Code::TomlSyntax, format!("invalid TOML: {message}"))
                        .at(span, "here")
                        .help(
                            "see https://toml.io for the syntax; strings need quotes, dates do not",
                        ),
                );
            }
            return Vec::new();
        }
        let range = root.span();
        let mut cx = Ctx {
            file,
            diags: &mut self.diags,
            text,
            offset: 0,
        };
        check_string_lengths(&mut cx, root.get_ref(), self.limits.max_string_bytes);
        raw::read_file(&mut cx, root.get_ref(), range, is_main, &mut self.raw)
    }
}

/// What one part of a file gave: its entities, findings and includes.
type Part = (RawModel, Vec<Diagnostic>, Vec<Sp<String>>);

impl Loader<'_> {
    /// Parses and reads the parts of a file in parallel and appends them in
    /// file order (so the result does not depend on the thread schedule).
    /// `None` when a part has a TOML syntax error; nothing is kept then.
    fn read_parts(
        &mut self,
        file: FileId,
        text: &str,
        parts: &[std::ops::Range<usize>],
        is_main: bool,
    ) -> Option<Vec<Sp<String>>> {
        use rayon::prelude::*;
        let max = self.limits.max_string_bytes;
        let read: Vec<Option<Part>> = parts
            .par_iter()
            .map(|r| {
                let part = &text[r.clone()];
                let (root, errors) = DeTable::parse_recoverable(part);
                if !errors.is_empty() {
                    return None;
                }
                let mut diags = Vec::new();
                let mut raw = RawModel::default();
                let mut cx = Ctx {
                    file,
                    diags: &mut diags,
                    text: part,
                    offset: r.start,
                };
                check_string_lengths(&mut cx, root.get_ref(), max);
                let includes =
                    raw::read_file(&mut cx, root.get_ref(), root.span(), is_main, &mut raw);
                Some((raw, diags, includes))
            })
            .collect();
        if read.iter().any(Option::is_none) {
            return None;
        }
        let mut includes = Vec::new();
        for (raw, diags, inc) in read.into_iter().flatten() {
            self.raw.append(raw);
            self.diags.extend(diags);
            includes.extend(inc);
        }
        Some(includes)
    }
}

/// The files an include names: the path itself when it has no wildcards,
/// else the files (or links to files) the pattern matches, found by a walk
/// from the pattern's first directory with wildcards that does not follow
/// symlinked directories. Hidden files match only when the pattern names
/// the dot; `*` does not cross a `/`, `**` does.
fn expand(full: &Path, is_glob: bool) -> Result<Vec<PathBuf>, String> {
    if !is_glob {
        return Ok(if std::fs::symlink_metadata(full).is_ok() {
            vec![full.to_path_buf()]
        } else {
            Vec::new()
        });
    }
    let text = full.to_string_lossy();
    let pattern = glob::Pattern::new(&text).map_err(|e| e.msg.to_string())?;
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    // The directories before the first component with a wildcard.
    let mut base = PathBuf::new();
    let mut rest = Vec::new();
    for c in full.components() {
        let s = c.as_os_str().to_string_lossy();
        if rest.is_empty() && !s.contains(['*', '?', '[']) {
            base.push(c);
        } else {
            rest.push(s.into_owned());
        }
    }
    // Without `**`, nothing deeper than the pattern's own components matches.
    let max_depth = if rest.iter().any(|s| s.contains("**")) {
        usize::MAX
    } else {
        rest.len()
    };
    // A pattern relative to the current directory matches paths without `./`.
    let here = base.as_os_str().is_empty();
    let start = if here { PathBuf::from(".") } else { base };
    let mut out = Vec::new();
    let mut seen = 0usize;
    let mut stack = vec![(start, 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            seen += 1;
            if seen > MAX_WALK_ENTRIES {
                return Err(format!(
                    "the pattern looks at more than {MAX_WALK_ENTRIES} directory entries; narrow it"
                ));
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let path = match path.strip_prefix(".") {
                Ok(p) if here => p.to_path_buf(),
                _ => path,
            };
            if kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                continue; // a symlinked directory: neither followed nor a file
            }
            if kind.is_dir() {
                // A real directory (a symlinked one is not followed).
                if depth + 1 < max_depth {
                    stack.push((path, depth + 1));
                }
            } else if depth < max_depth && pattern.matches_path_with(&path, options) {
                out.push(path);
                if out.len() > MAX_INCLUDE_FILES {
                    return Err(format!(
                        "the pattern matches more than {MAX_INCLUDE_FILES} files"
                    ));
                }
            }
        }
    }
    Ok(out)
}

/// Refuses overlong strings (names of 10,000 characters are fine; megabytes are not).
fn check_string_lengths(cx: &mut Ctx<'_>, table: &DeTable<'_>, max: usize) {
    fn walk(cx: &mut Ctx<'_>, v: &toml::Spanned<toml::de::DeValue<'_>>, max: usize) {
        use toml::de::DeValue;
        match v.get_ref() {
            DeValue::String(s) if s.len() > max => cx.push(
                Diagnostic::error(
                    Code::TooLarge,
                    format!(
                        "a string of {} bytes is longer than the limit of {max}",
                        s.len()
                    ),
                )
                .at(
                    cx.span(v.span().start..v.span().start + 1),
                    "this string is too long",
                )
                .help("shorten it, or raise the limit with --max-string-length"),
            ),
            DeValue::Array(items) => items.iter().for_each(|i| walk(cx, i, max)),
            DeValue::Table(t) => t.iter().for_each(|(_, i)| walk(cx, i, max)),
            _ => {}
        }
    }
    table.iter().for_each(|(_, v)| walk(cx, v, max));
}
