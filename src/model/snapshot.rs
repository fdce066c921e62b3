//! Snapshots of validated models: parse once, read many times.
//!
//! Parsing and validating a large model takes seconds (docs/performance.md),
//! and a user runs many commands on the same model. After a successful load
//! the validated [`Model`] is written to a binary snapshot in a cache
//! folder; the next command on the same model reads the snapshot instead
//! of parsing the TOML, when, and only when, all of this still holds:
//!
//! - the snapshot was written by this build of exitgraph (same version,
//!   same executable), for the same model path named the same way and the
//!   same limits (`--max-*`, `--allow-include-outside`);
//! - every file of the model (the main file and every include) has the same
//!   bytes (BLAKE3 hash of its text), is still the same real file, and is
//!   still allowed as an include; every include pattern still names the
//!   same files (a new file matching `fv/*.toml` is noticed);
//! - the snapshot is whole: its header, its length and the BLAKE3 checksum
//!   of its body agree, and the body decodes (postcard) without error and
//!   without bytes left over;
//! - every id and every place (span) in the decoded model points into the
//!   model and its files;
//! - on Unix, the snapshot belongs to the user running exitgraph and no one
//!   else may write to it.
//!
//! Anything else, and the model is parsed as if there were no snapshot:
//! silently, with a note under `--verbose`. The file texts are not stored
//! (they are read to be hashed anyway), so diagnostics and warnings, kept
//! with their places, print exactly as after a parse.
//!
//! Snapshots live in `$XDG_CACHE_HOME/exitgraph` (else `~/.cache/exitgraph`),
//! one per model path (a new version replaces the old one), at most
//! [`MAX_SNAPSHOTS`] in all; `--cache-dir` moves them and `--no-cache` turns
//! them off. They are written atomically (a temporary file renamed into
//! place), readable and writable by their owner only.

use super::load::{self, Expansion};
use super::{Alternative, Cut, Limits, Party};
use super::{Counts, Dependency, LoadFailure, Model, SourceMap, Span};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The first bytes of every snapshot.
const MAGIC: &[u8; 16] = b"exitgraph-snap\r\n";

/// The layout of the snapshot file and of its body; raised whenever either
/// changes (the build check catches it too, this names it).
const FORMAT: u32 = 1;

/// Most snapshots kept in one cache folder; the oldest go first.
pub const MAX_SNAPSHOTS: usize = 32;

/// Where snapshots are kept, or that they are not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// No snapshots: every load parses.
    pub fn off() -> Cache {
        Cache { dir: None }
    }

    /// Snapshots in this folder.
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: Some(dir.into()),
        }
    }

    /// `$XDG_CACHE_HOME/exitgraph`, else `$HOME/.cache/exitgraph`; off when
    /// neither variable holds an absolute path.
    pub fn default_location() -> Cache {
        let absolute = |v: Option<std::ffi::OsString>| {
            v.map(PathBuf::from)
                .filter(|p| p.is_absolute() && !p.as_os_str().is_empty())
        };
        let base = absolute(std::env::var_os("XDG_CACHE_HOME"))
            .or_else(|| absolute(std::env::var_os("HOME")).map(|h| h.join(".cache")));
        Cache {
            dir: base.map(|b| b.join("exitgraph")),
        }
    }

    /// The folder, when snapshots are on.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}

/// Loads a model through its snapshot when one is valid, else parses it
/// and writes a snapshot for the next time. Returns the result and notes
/// on what happened with the snapshot (for `--verbose`). The result is the
/// same with and without a snapshot.
pub fn load(
    path: &Path,
    limits: &Limits,
    cache: &Cache,
) -> (Result<Model, LoadFailure>, Vec<String>) {
    let mut notes = Vec::new();
    let Some(dir) = cache.dir() else {
        return (super::load_with(path, limits), notes);
    };
    let key = match Key::of(path, limits) {
        Ok(k) => k,
        Err(why) => {
            notes.push(format!("no snapshot: {why}"));
            return (super::load_with(path, limits), notes);
        }
    };
    let file = dir.join(&key.file_name);
    match read(&file, &key, path, limits) {
        Ok(model) => {
            notes.push(format!("read the model from {}", file.display()));
            return (Ok(model), notes);
        }
        Err(Miss::Absent) => notes.push("no snapshot of this model yet: parsing it".into()),
        Err(Miss::Unusable(why)) => notes.push(format!(
            "snapshot {} not used: {why}; parsing the model",
            file.display()
        )),
    }
    let (result, expanded) = super::load_traced(path, limits);
    if let Ok(model) = &result {
        match write(dir, &file, &key, model, &expanded) {
            Ok(()) => notes.push(format!("wrote the snapshot {}", file.display())),
            Err(why) => notes.push(format!("no snapshot written: {why}")),
        }
    }
    (result, notes)
}

/// What a snapshot must match.
struct Key {
    /// The model path as named, its real path and the limits.
    model: [u8; 32],
    /// This executable (size and modification time).
    build: [u8; 32],
    /// The snapshot's file name: one per model path and limits, whatever
    /// the build, so that a new build replaces the old snapshot.
    file_name: String,
}

impl Key {
    fn of(path: &Path, limits: &Limits) -> Result<Key, String> {
        let name = path
            .to_str()
            .ok_or("the model path is not UTF-8")?
            .to_string();
        let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
        if !meta.is_file() {
            return Err("the model is not a regular file".into());
        }
        let real = path.canonicalize().map_err(|e| e.to_string())?;
        let mut h = blake3::Hasher::new();
        for part in [
            name.as_bytes(),
            real.as_os_str().as_encoded_bytes(),
            format!("{limits:?}").as_bytes(),
        ] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
        let model = *h.finalize().as_bytes();
        Ok(Key {
            model,
            build: build_id().ok_or("this executable cannot be identified")?,
            file_name: format!("{}.snap", hex(&model[..16])),
        })
    }
}

/// This build: the version, the size and modification time of the running
/// executable. A rebuilt tool (same version, other code) reads no
/// snapshot of its predecessor.
fn build_id() -> Option<[u8; 32]> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let mut h = blake3::Hasher::new();
    h.update(&FORMAT.to_le_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&meta.len().to_le_bytes());
    h.update(&mtime.to_le_bytes());
    Some(*h.finalize().as_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One file of the model as it was read.
#[derive(Debug, Serialize, Deserialize)]
struct FileEntry {
    /// As shown in messages (the path as named or as an include resolved it).
    name: String,
    /// The real path.
    path: PathBuf,
    /// BLAKE3 of the text (after a byte-order mark).
    hash: [u8; 32],
}

/// The files of a parsed model, with the hashes of their texts.
fn file_entries(model: &Model) -> Vec<FileEntry> {
    model
        .sources
        .files()
        .map(|(_, f)| FileEntry {
            name: f.name.clone(),
            path: f.path.clone(),
            hash: *blake3::hash(f.text.as_bytes()).as_bytes(),
        })
        .collect()
}

/// The body as written (borrowing the model).
#[derive(Serialize)]
struct BodyOut<'a> {
    files: Vec<FileEntry>,
    expanded: &'a [Expansion],
    model: &'a Model,
}

/// The body as read; the same fields in the same order as [`BodyOut`].
#[derive(Deserialize)]
struct Body {
    files: Vec<FileEntry>,
    /// Read through [`decode_files`]; here only passed over.
    #[allow(dead_code)]
    expanded: Vec<Expansion>,
    model: Model,
}

/// Why no snapshot was used.
enum Miss {
    Absent,
    Unusable(String),
}

impl From<String> for Miss {
    fn from(why: String) -> Miss {
        Miss::Unusable(why)
    }
}

/// The fixed part of the header: magic, format, version length.
const FIXED: usize = 16 + 4 + 2;

fn header(key: &Key, body: &[u8]) -> Vec<u8> {
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let mut out = Vec::with_capacity(FIXED + version.len() + 32 * 3 + 8);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&(version.len() as u16).to_le_bytes());
    out.extend_from_slice(version);
    out.extend_from_slice(&key.build);
    out.extend_from_slice(&key.model);
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(blake3::hash(body).as_bytes());
    out
}

/// A header as read.
struct Header<'b> {
    version: &'b [u8],
    build: &'b [u8],
    model: &'b [u8],
    body_hash: &'b [u8],
    body: &'b [u8],
}

/// Splits a snapshot into header and body; checks the magic, the format,
/// the length and the body's checksum.
fn split(bytes: &[u8]) -> Result<Header<'_>, String> {
    let truncated = || "it is truncated".to_string();
    let mut at = 0usize;
    let mut take = |n: usize| -> Result<&[u8], String> {
        let part = bytes.get(at..at + n).ok_or_else(truncated)?;
        at += n;
        Ok(part)
    };
    if take(16)? != MAGIC {
        return Err("it is not an exitgraph snapshot".into());
    }
    let format = u32::from_le_bytes(take(4)?.try_into().map_err(|_| truncated())?);
    if format != FORMAT {
        return Err(format!("it has layout {format}, this build reads {FORMAT}"));
    }
    let n = u16::from_le_bytes(take(2)?.try_into().map_err(|_| truncated())?) as usize;
    let version = take(n)?;
    let build = take(32)?;
    let model = take(32)?;
    let len = u64::from_le_bytes(take(8)?.try_into().map_err(|_| truncated())?);
    let body_hash = take(32)?;
    let body = &bytes[at..];
    if (body.len() as u64) < len {
        return Err(truncated());
    }
    if body.len() as u64 > len {
        return Err("it has bytes past its end".into());
    }
    Ok(Header {
        version,
        build,
        model,
        body_hash,
        body,
    })
}

/// Decodes a body: postcard, nothing left over.
fn decode(body: &[u8]) -> Result<Body, String> {
    match postcard::take_from_bytes::<Body>(body) {
        Ok((b, [])) => Ok(b),
        Ok(_) => Err("its body has bytes past its end".into()),
        Err(e) => Err(format!("its body cannot be decoded ({e})")),
    }
}

/// A snapshot larger than this many times `--max-file-size` is not read
/// (the model is parsed instead).
const SNAPSHOT_FACTOR: u64 = 4;

fn read(file: &Path, key: &Key, path: &Path, limits: &Limits) -> Result<Model, Miss> {
    let f = match std::fs::File::open(file) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Miss::Absent),
        Err(e) => return Err(Miss::Unusable(e.to_string())),
    };
    let meta = f.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err(Miss::Unusable("it is not a regular file".into()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.uid() != rustix::process::geteuid().as_raw() {
            return Err(Miss::Unusable("it belongs to another user".into()));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(Miss::Unusable("others may write to it".into()));
        }
    }
    // Bounded like every input: a snapshot holds less than the model's
    // text, which is at most one --max-file-size per file.
    let cap = limits.max_file_bytes.saturating_mul(SNAPSHOT_FACTOR);
    if meta.len() > cap {
        return Err(Miss::Unusable(format!(
            "it has {} bytes, more than {SNAPSHOT_FACTOR} times --max-file-size",
            meta.len()
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(meta.len())
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    let h = split(&bytes)?;
    if h.version != env!("CARGO_PKG_VERSION").as_bytes() {
        return Err(Miss::Unusable(format!(
            "it was written by exitgraph {}",
            String::from_utf8_lossy(h.version)
        )));
    }
    if h.build != key.build {
        return Err(Miss::Unusable(
            "it was written by another build of exitgraph".into(),
        ));
    }
    if h.model != key.model {
        return Err(Miss::Unusable(
            "it was written for another path or other limits".into(),
        ));
    }
    if blake3::hash(h.body).as_bytes() != h.body_hash {
        return Err(Miss::Unusable("it is damaged (checksum)".into()));
    }
    // Decoding the body and reading the files again take about as long
    // each: one on each core.
    let (body, files) = rayon::join(
        || decode(h.body),
        || {
            decode_files(h.body)
                .and_then(|(files, expanded)| verify(&files, &expanded, path, limits))
        },
    );
    let (body, sources) = (body?, files?);
    let mut model = body.model;
    model.sources = sources;
    check(&model)?;
    Ok(model)
}

/// Decodes only the start of a body: the files and include expansions.
fn decode_files(body: &[u8]) -> Result<(Vec<FileEntry>, Vec<Expansion>), String> {
    postcard::take_from_bytes::<(Vec<FileEntry>, Vec<Expansion>)>(body)
        .map(|(head, _)| head)
        .map_err(|e| format!("its body cannot be decoded ({e})"))
}

/// Reads the model's files again and checks that they are the files the
/// snapshot was made of; returns them as the model's sources.
fn verify(
    files: &[FileEntry],
    expanded: &[Expansion],
    path: &Path,
    limits: &Limits,
) -> Result<SourceMap, String> {
    let main = files.first().ok_or("it lists no file")?;
    if Some(main.name.as_str()) != path.to_str() {
        return Err("it was written for another path".into());
    }
    for e in expanded {
        if e.again().as_ref() != Some(&e.paths) {
            return Err(format!(
                "the include `{}` names other files now",
                e.full.display()
            ));
        }
    }
    let root = load::root_of(&main.name);
    let mut sources = SourceMap::new();
    for (i, f) in files.iter().enumerate() {
        let named = Path::new(&f.name);
        let real = named
            .canonicalize()
            .map_err(|e| format!("`{}`: {e}", f.name))?;
        if real != f.path {
            return Err(format!("`{}` is another file now", f.name));
        }
        let include = i > 0;
        if include {
            if let Some(why) = load::refuse(&real, root.as_deref(), limits.allow_include_outside) {
                return Err(format!("`{}` cannot be included: {why}", f.name));
            }
        }
        let text = load::read_text(named, limits.max_file_bytes)
            .map_err(|e| format!("`{}`: {e}", f.name))?;
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        if blake3::hash(text.as_bytes()).as_bytes() != &f.hash {
            return Err(format!("`{}` has changed", f.name));
        }
        sources.add(f.name.clone(), &f.path, text);
    }
    Ok(sources)
}

/// Writes the snapshot of a freshly parsed model, atomically.
fn write(
    dir: &Path,
    file: &Path,
    key: &Key,
    model: &Model,
    expanded: &[Expansion],
) -> Result<(), String> {
    let files = file_entries(model);
    let body = postcard::to_stdvec(&BodyOut {
        files,
        expanded,
        model,
    })
    .map_err(|e| format!("the model cannot be encoded ({e})"))?;
    create_private_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".snap-")
        .tempfile_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    use std::io::Write;
    tmp.write_all(&header(key, &body))
        .and_then(|()| tmp.write_all(&body))
        .and_then(|()| tmp.flush())
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    tmp.persist(file)
        .map_err(|e| format!("cannot write {}: {}", file.display(), e.error))?;
    prune(dir);
    Ok(())
}

/// Creates the cache folder (and its parents), readable by its owner only.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Keeps the newest [`MAX_SNAPSHOTS`] snapshots of a folder, and removes
/// temporary files left by an interrupted write more than an hour ago.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut snaps = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Ok(meta) = e.metadata() else { continue };
        let Ok(mtime) = meta.modified() else { continue };
        if name.starts_with(".snap-") {
            if now
                .duration_since(mtime)
                .is_ok_and(|age| age.as_secs() > 3600)
            {
                let _ = std::fs::remove_file(e.path());
            }
        } else if name.ends_with(".snap") && meta.is_file() {
            snaps.push((mtime, e.path()));
        }
    }
    if snaps.len() > MAX_SNAPSHOTS {
        snaps.sort();
        let extra = snaps.len() - MAX_SNAPSHOTS;
        for (_, p) in snaps.into_iter().take(extra) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Checks that every id and every place of a decoded model points into it:
/// a snapshot that passed its checksum but was made by hand must not make
/// an analysis index out of bounds.
fn check(m: &Model) -> Result<(), String> {
    let n = m.counts();
    let c = Checker {
        n,
        sources: &m.sources,
    };
    c.span(m.organisation.span)?;
    macro_rules! index_matches {
        ($($field:ident),*) => {$(
            if m.index.$field.len() != m.$field.len() {
                return Err(format!("its {} index does not match", stringify!($field)));
            }
            for (i, e) in m.$field.iter().enumerate() {
                if m.index.$field.get(&e.id) != Some(&(i as u32)) {
                    return Err(format!("its {} index does not match", stringify!($field)));
                }
                c.span(e.span)?;
            }
        )*};
    }
    index_matches!(
        vendors, systems, interfaces, formats, contracts, services, scenarios
    );
    for v in &m.vendors {
        if let Some(p) = v.parent {
            c.id(p.index(), n.vendors)?;
        }
    }
    // Parent chains end (validation refuses cycles; analyses follow them).
    for v in &m.vendors {
        let mut cur = v.parent;
        let mut steps = 0;
        while let Some(p) = cur {
            steps += 1;
            if steps > m.vendors.len() {
                return Err("its vendor parents loop".into());
            }
            cur = m.vendors[p.index()].parent;
        }
    }
    for s in &m.systems {
        c.party(s.vendor)?;
        c.party(s.operator)?;
        if let Some(d) = &s.data {
            if let Some(b) = d.backup {
                c.party(b)?;
            }
        }
        for f in s.formats.iter().chain(s.exports.iter().flatten()) {
            c.id(f.index(), n.formats)?;
        }
        c.dependencies(&s.depends_on)?;
        for a in &s.alternatives {
            if let Alternative::System(t) = a {
                c.id(t.index(), n.systems)?;
            }
        }
        if let Some(sp) = s.category_span {
            c.span(sp)?;
        }
        if let Some(b) = s.recovery.backup_system {
            c.id(b.index(), n.systems)?;
        }
        if let Some(Alternative::System(t)) = &s.recovery.fallback {
            c.id(t.index(), n.systems)?;
        }
    }
    for i in &m.interfaces {
        c.id(i.from.index(), n.systems)?;
        c.id(i.to.index(), n.systems)?;
        if let Some(f) = i.format {
            c.id(f.index(), n.formats)?;
        }
    }
    for k in &m.contracts {
        c.id(k.vendor.index(), n.vendors)?;
        for s in &k.covers {
            c.id(s.index(), n.systems)?;
        }
        if let Some(d) = &k.decision {
            c.span(d.span)?;
        }
        if let Some(sp) = k.notice_span {
            c.span(sp)?;
        }
    }
    for s in &m.services {
        c.dependencies(&s.needs)?;
    }
    for s in &m.scenarios {
        for cut in &s.cuts {
            match &cut.target {
                Cut::Vendor(v) => c.id(v.index(), n.vendors)?,
                Cut::System(t) => c.id(t.index(), n.systems)?,
                Cut::Jurisdiction(_) => {}
            }
        }
        for p in &s.prices {
            c.id(p.vendor.index(), n.vendors)?;
        }
    }
    for d in &m.warnings {
        if let Some((sp, _)) = &d.primary {
            c.span(*sp)?;
        }
        for (sp, _) in &d.secondary {
            c.span(*sp)?;
        }
    }
    Ok(())
}

struct Checker<'a> {
    n: Counts,
    sources: &'a SourceMap,
}

impl Checker<'_> {
    fn id(&self, i: usize, len: usize) -> Result<(), String> {
        if i < len {
            Ok(())
        } else {
            Err("it refers to an entity it does not have".into())
        }
    }

    fn party(&self, p: Party) -> Result<(), String> {
        match p {
            Party::Own => Ok(()),
            Party::Vendor(v) => self.id(v.index(), self.n.vendors),
        }
    }

    fn dependencies(&self, deps: &[Dependency]) -> Result<(), String> {
        for d in deps {
            if d.members().is_empty() {
                return Err("it has an empty `any` group".into());
            }
            for s in d.members() {
                self.id(s.index(), self.n.systems)?;
            }
        }
        Ok(())
    }

    fn span(&self, s: Span) -> Result<(), String> {
        let ok = self.sources.file(s.file).is_some_and(|f| {
            s.start <= s.end
                && (s.end as usize) <= f.text.len()
                && f.text.is_char_boundary(s.start as usize)
                && f.text.is_char_boundary(s.end as usize)
        });
        if ok {
            Ok(())
        } else {
            Err("it points at a place its files do not have".into())
        }
    }
}

/// Reads snapshot bytes as [`load`] does, but without the checks that
/// need the disk (owner, build, model key, the files themselves): each
/// listed file gets `text` as its text. For the fuzz target and the tests
/// of damaged snapshots: whatever the bytes, an error or a checked model,
/// never a panic. With `trust_checksum` the body's checksum is not
/// compared, so that the decoder and the checks see arbitrary bodies.
pub fn read_bytes(bytes: &[u8], text: &str, trust_checksum: bool) -> Result<Model, String> {
    let h = split(bytes)?;
    if !trust_checksum && blake3::hash(h.body).as_bytes() != h.body_hash {
        return Err("it is damaged (checksum)".into());
    }
    let body = decode(h.body)?;
    let mut sources = SourceMap::new();
    for f in &body.files {
        sources.add(f.name.clone(), &f.path, text.to_string());
    }
    let mut model = body.model;
    model.sources = sources;
    check(&model)?;
    Ok(model)
}

/// The bytes of a snapshot of `model` as [`load`] writes them, with an
/// empty key (for the fuzz target's seeds and the tests).
pub fn to_bytes(model: &Model) -> Result<Vec<u8>, String> {
    let files = file_entries(model);
    let body = postcard::to_stdvec(&BodyOut {
        files,
        expanded: &[],
        model,
    })
    .map_err(|e| e.to_string())?;
    let key = Key {
        model: [0; 32],
        build: [0; 32],
        file_name: String::new(),
    };
    let mut out = header(&key, &body);
    out.extend_from_slice(&body);
    Ok(out)
}

#[cfg(test)]
mod tests;
