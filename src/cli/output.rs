//! Writing output files safely: atomically, and never over the input.
//!
//! Every file is written to a temporary file in the target directory and
//! renamed into place, so an interrupted run never leaves a half-written
//! file and never destroys the previous version.

use super::CliError;
use crate::model::SourceMap;
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically (temporary file, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
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
    // The temporary file's own name is left out of messages: the user
    // never asked for it.
    let mut tmp = tempfile::Builder::new()
        .prefix(".exitgraph-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| {
            CliError::io(format!(
                "cannot write into `{}`: {}",
                dir.display(),
                std::io::Error::from(e.kind())
            ))
        })?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.flush())
        .map_err(|e| CliError::io(format!("cannot write `{}`: {e}", path.display())))?;
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
    tmp.persist(path)
        .map_err(|e| CliError::io(format!("cannot write `{}`: {}", path.display(), e.error)))?;
    Ok(())
}

/// Refuses an output file that exists, unless `force` is given.
pub fn refuse_existing(path: &Path, force: bool) -> Result<(), CliError> {
    if !force && path.exists() {
        return Err(CliError::usage_help(
            format!("`{}` already exists", path.display()),
            "choose another path, or pass --force to overwrite it",
        ));
    }
    Ok(())
}

/// Refuses an output path that is one of the model's input files.
pub fn refuse_input(path: &Path, sources: &SourceMap) -> Result<(), CliError> {
    let target = path.canonicalize().ok();
    for (_, f) in sources.files() {
        let same = match &target {
            Some(t) => *t == f.path,
            None => false,
        };
        if same {
            return Err(CliError::usage_help(
                format!(
                    "`{}` is an input file of the model; exitgraph never overwrites its input",
                    path.display()
                ),
                "choose another output path",
            ));
        }
    }
    Ok(())
}
