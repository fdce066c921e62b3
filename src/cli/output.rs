//! Writing output files safely: atomically, and never over the input.
//!
//! Every file is written to a temporary file in the target directory and
//! renamed into place, so an interrupted run never leaves a half-written
//! file and never destroys the previous version.
//!
//! What `-o PATH` (and `--ics PATH`) does depends on what PATH is now
//! (docs/security.md, "What it writes"):
//!
//! - nothing, or a regular file: the atomic replacement above;
//! - a symlink: the file it points to is replaced atomically, the link
//!   stays (a dangling link is refused);
//! - a device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe): a
//!   plain write through it, since it cannot be replaced and must not be
//!   turned into a regular file;
//! - a directory or a socket: refused.
//!
//! Before that, [`check_output`] applies the one rule of every command
//! that writes: never onto an input, never over an existing file without
//! `--force`.

use super::CliError;
use crate::model::SourceMap;
use std::io::{self, Write};
use std::path::Path;

/// Writes `bytes` to `path`: atomically for a (new) regular file, through
/// a symlink to its target, and as a plain write into a device or FIFO.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes what `write` produces to `path`, by the rules of
/// [`write_atomic`], without holding the whole file in memory: `write`
/// gets a buffered writer into the temporary file (or the device). When it
/// returns an error, the temporary file is removed and a file already at
/// `path` stays as it was. The temporary file is also removed when the
/// process is interrupted (SIGINT, SIGTERM) while it is written.
pub fn write_atomic_with<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, CliError> {
    let shown = path.display();
    if let Ok(m) = std::fs::symlink_metadata(path)
        && m.file_type().is_symlink()
    {
        // The link stays; what it points to is written. The canonical path
        // has no links left, so this recursion ends at once.
        return match path.canonicalize() {
            Ok(target) => write_atomic_with(&target, write),
            Err(e) => Err(CliError::io(format!(
                "cannot write `{shown}`: it is a symlink to nothing that can be written ({e})"
            ))),
        };
    }
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
        && !m.is_dir()
    {
        return write_through(path, &m, write);
    }
    replace(path, write)
}

/// A plain write into a device or FIFO (not a socket).
fn write_through<T>(
    path: &Path,
    m: &std::fs::Metadata,
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, CliError> {
    let shown = path.display();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if m.file_type().is_socket() {
            return Err(CliError::io(format!(
                "cannot write `{shown}`: it is a socket; give a file name"
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = m;
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| CliError::io(format!("cannot write `{shown}`: {e}")))?;
    let mut w = io::BufWriter::with_capacity(BUFFER, f);
    write(&mut w)
        .and_then(|t| w.flush().map(|_| t))
        .map_err(|e| CliError::io(format!("cannot write `{shown}`: {e}")))
}

/// The buffer between a streamed output and its file.
const BUFFER: usize = 256 * 1024;

/// The atomic replacement of a regular file (or the creation of a new one).
fn replace<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, CliError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if path.is_dir() {
        return Err(CliError::io(format!(
            "`{}` is a directory; give a file name",
            path.display()
        )));
    }
    if !dir.is_dir() {
        return Err(CliError::io(format!(
            "cannot write `{}`: the directory `{}` does not exist",
            path.display(),
            dir.display()
        )));
    }
    undo_on_interrupt();
    // Created and listed in one step, so that no interruption falls
    // between the two. The temporary file's own name is left out of
    // messages: the user never asked for it.
    let mut list = pending();
    let tmp = tempfile::Builder::new()
        .prefix(".exitgraph-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            CliError::io(format!(
                "cannot write into `{}`: {}",
                dir.display(),
                io::Error::from(e.kind())
            ))
        })?;
    let undo = Undo::RemoveFile(tmp.path().to_path_buf());
    list.push(undo.clone());
    drop(list);
    let result = fill(path, tmp, write);
    // Persisted or removed: either way the temporary name is gone.
    pending().retain(|u| *u != undo);
    result
}

/// Writes into the temporary file and renames it to `path`; on an error
/// the temporary file is removed (dropped).
fn fill<T>(
    path: &Path,
    mut tmp: tempfile::NamedTempFile,
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> Result<T, CliError> {
    let err = |e: io::Error| CliError::io(format!("cannot write `{}`: {e}", path.display()));
    let value = {
        let mut w = io::BufWriter::with_capacity(BUFFER, tmp.as_file_mut());
        let value = write(&mut w).map_err(err)?;
        w.flush().map_err(err)?;
        value
    };
    // tempfile creates files readable by the owner only; an output is a
    // normal file: keep the permissions of the file it replaces, else 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(mode));
    }
    // Under the lock: an interruption does not remove the file it names
    // once it has its final name.
    let _step = pending();
    tmp.persist(path)
        .map_err(|e| CliError::io(format!("cannot write `{}`: {}", path.display(), e.error)))?;
    Ok(value)
}

/// The files a command reads, onto which it never writes: the model and
/// its includes, an import source, a mapping file, a baseline. A path is
/// the same file as an input when its real path (links resolved) is the
/// input's, or, on Unix, when it is the same file on the same device
/// (a hard link).
#[derive(Debug, Default)]
pub struct Inputs {
    files: Vec<Input>,
}

#[derive(Debug)]
struct Input {
    shown: String,
    real: Option<std::path::PathBuf>,
    id: Option<(u64, u64)>,
}

/// The device and inode of a file, where the platform has them.
fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

impl Inputs {
    /// No inputs (`init`, `schema`).
    pub fn none() -> Inputs {
        Inputs::default()
    }

    /// Every file of a loaded model.
    pub fn of_model(sources: &SourceMap) -> Inputs {
        let mut i = Inputs::default();
        for (_, f) in sources.files() {
            i.add(&f.path);
        }
        i
    }

    /// One more input file.
    pub fn add(&mut self, path: &Path) {
        self.files.push(Input {
            shown: path.display().to_string(),
            real: path.canonicalize().ok(),
            id: identity(path),
        });
    }

    /// With one more input file.
    pub fn with(mut self, path: &Path) -> Inputs {
        self.add(path);
        self
    }

    /// The input that `path` is, if it is one.
    fn same_as(&self, path: &Path) -> Option<&str> {
        let real = path.canonicalize().ok();
        let id = identity(path);
        self.files
            .iter()
            .find(|f| (real.is_some() && f.real == real) || (id.is_some() && f.id == id))
            .map(|f| f.shown.as_str())
    }

    /// The first input that lies in the directory `dir` or below it.
    pub fn within(&self, dir: &Path) -> Option<&str> {
        let dir = dir.canonicalize().ok()?;
        self.files
            .iter()
            .find(|f| f.real.as_ref().is_some_and(|r| r.starts_with(&dir)))
            .map(|f| f.shown.as_str())
    }
}

/// The one rule for every file a command writes (`-o`, `--output`,
/// `--ics`, `--gantt`, the files of `--target-states`, `--handbook` and
/// `progress --out`, `init PATH`), checked before the file is written:
///
/// - a path that is one of the command's inputs is refused, even with
///   `--force`;
/// - an existing regular file (also behind a symlink) is refused unless
///   `--force` is given;
/// - a device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is
///   written through without `--force`: nothing is replaced.
pub fn check_output(path: &Path, force: bool, inputs: &Inputs) -> Result<(), CliError> {
    if let Some(input) = inputs.same_as(path) {
        return Err(CliError::usage_help(
            format!(
                "`{}` is an input file of this command (`{input}`); exitgraph never writes onto its input, not even with --force",
                path.display()
            ),
            "choose another output path",
        ));
    }
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    if regular && !force {
        return Err(CliError::usage_help(
            format!("`{}` already exists", path.display()),
            "choose another path, or pass --force to overwrite it",
        ));
    }
    Ok(())
}

/// [`check_output`], then [`write_atomic`].
pub fn write_output(
    path: &Path,
    bytes: &[u8],
    force: bool,
    inputs: &Inputs,
) -> Result<(), CliError> {
    check_output(path, force, inputs)?;
    write_atomic(path, bytes)
}

/// What to undo when the process is interrupted while it writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Undo {
    /// Remove a temporary directory (a half-written review).
    Remove(std::path::PathBuf),
    /// Remove a temporary file (a half-written output file).
    RemoveFile(std::path::PathBuf),
    /// Move a directory that was set aside back into place.
    Restore {
        from: std::path::PathBuf,
        to: std::path::PathBuf,
    },
}

/// The undo list. Whoever changes the file system in a step that an
/// interruption must not split holds this lock, and so does the signal
/// thread while it undoes: an interruption waits for the step to end.
static PENDING: std::sync::Mutex<Vec<Undo>> = std::sync::Mutex::new(Vec::new());

/// Locks the undo list (a poisoned lock is still usable: the list is data).
pub(crate) fn pending() -> std::sync::MutexGuard<'static, Vec<Undo>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Makes SIGINT and SIGTERM undo what [`pending`] lists, then end the
/// process as the signal would have (exit status 130 or 143 in a shell).
/// Installed once, by the first write of a file or directory.
pub(crate) fn undo_on_interrupt() {
    #[cfg(unix)]
    {
        static INSTALLED: std::sync::OnceLock<()> = std::sync::OnceLock::new();
        INSTALLED.get_or_init(|| {
            use signal_hook::consts::{SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    let mut list = pending();
                    undo(&mut list);
                    // The lock stays held: nothing else writes until the end.
                    let _ = signal_hook::low_level::emulate_default_handler(sig);
                    std::process::exit(128 + sig);
                }
            });
        });
    }
}

/// Carries out the undo list, newest first, and empties it.
pub(crate) fn undo(list: &mut Vec<Undo>) {
    while let Some(u) = list.pop() {
        match u {
            Undo::Remove(p) => {
                let _ = std::fs::remove_dir_all(p);
            }
            Undo::RemoveFile(p) => {
                let _ = std::fs::remove_file(p);
            }
            Undo::Restore { from, to } => {
                let _ = std::fs::rename(from, to);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in a directory, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// A stream that fails halfway leaves the previous file as it was and
    /// no temporary file behind.
    #[test]
    fn a_failed_stream_keeps_the_old_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old\n").unwrap();
        let r: Result<(), CliError> = write_atomic_with(&path, |w| {
            w.write_all(&vec![b'x'; 1 << 20])?;
            Err(io::Error::other("the renderer failed"))
        });
        match r {
            Err(CliError::Io { message }) => {
                assert!(message.contains("the renderer failed"), "{message}");
                assert!(message.contains("out.json"), "{message}");
            }
            other => panic!("expected an I/O error, got {other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
        assert_eq!(names(dir.path()), ["out.json"]);
        assert!(listed_in(dir.path()).is_empty());
    }

    /// While a file is streamed, its temporary file is on the undo list
    /// (an interruption removes it); afterwards the file has the streamed
    /// bytes, the permissions of a normal file, and the list is clean.
    #[test]
    fn a_streamed_file_is_listed_for_undo_while_it_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cal.ics");
        let n = write_atomic_with(&path, |w| {
            let listed = listed_in(dir.path());
            assert_eq!(listed.len(), 1, "the temporary file is listed once");
            assert!(listed[0].is_file());
            for i in 0..100_000u32 {
                writeln!(w, "line {i}")?;
            }
            Ok(100_000)
        })
        .unwrap();
        assert_eq!(n, 100_000);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 100_000);
        assert!(text.ends_with("line 99999\n"));
        assert_eq!(names(dir.path()), ["cal.ics"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        assert!(listed_in(dir.path()).is_empty());
    }

    /// The temporary files of `dir` on the undo list.
    fn listed_in(dir: &Path) -> Vec<std::path::PathBuf> {
        pending()
            .iter()
            .filter_map(|u| match u {
                Undo::RemoveFile(p) if p.parent() == Some(dir) => Some(p.clone()),
                _ => None,
            })
            .collect()
    }

    /// Undoing an interrupted write removes the temporary file.
    #[test]
    fn undo_removes_a_listed_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join(".exitgraph-x.tmp");
        std::fs::write(&tmp, "half").unwrap();
        let mut list = vec![Undo::RemoveFile(tmp.clone())];
        undo(&mut list);
        assert!(list.is_empty());
        assert!(!tmp.exists());
    }
}
