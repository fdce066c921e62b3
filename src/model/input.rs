//! The one reader of every file exitgraph reads: the model and its
//! includes, import sources and mapping files, the `review.json` files of
//! `diff`, `review --baseline` and `progress --since`.
//!
//! - Only regular files are read. A directory, a device (`/dev/zero`), a
//!   FIFO or a socket is refused before it is opened (opening a FIFO
//!   would wait for a writer), and again after it is opened, in case the
//!   path was replaced in between.
//! - The size limit (`--max-file-size`) counts the bytes actually read:
//!   at most one byte past the limit is read, whatever size the file
//!   system reports (`/proc/self/maps` reports 0 bytes).
//!
//! The messages say what is wrong without the file's name; callers put
//! the name in front.

use std::io::Read;
use std::path::Path;

/// Why a file is not one to read, if it is not.
fn not_regular(m: &std::fs::Metadata) -> Option<&'static str> {
    if m.is_file() {
        None
    } else if m.is_dir() {
        Some("it is a directory, not a file")
    } else {
        Some("it is not a regular file (a device, FIFO or socket); give a file")
    }
}

/// Opens a file without waiting: a FIFO swapped in after the check must
/// not block the process.
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    o.open(path)
}

/// The message of a file over the limit.
pub fn too_large(n: u64, max: u64) -> String {
    format!("the file has {n} bytes, more than the limit of {max} (raise it with --max-file-size)")
}

/// Reads a regular file, at most `max` bytes of it.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if let Some(why) = not_regular(&meta) {
        return Err(why.into());
    }
    let file = open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if let Some(why) = not_regular(&meta) {
        return Err(why.into());
    }
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    // The reported size may be wrong (0 for files in /proc): count what
    // is read, and stop one byte past the limit.
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > max {
        return Err(format!(
            "more than {max} bytes could be read, the limit (raise it with --max-file-size)"
        ));
    }
    Ok(bytes)
}

/// [`read_bounded`], as UTF-8 text.
pub fn read_text(path: &Path, max: u64) -> Result<String, String> {
    let bytes = read_bounded(path, max)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the file is not UTF-8 (first bad byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "12345").unwrap();
        assert_eq!(read_bounded(&p, 5).unwrap(), b"12345");
        assert_eq!(
            read_bounded(&p, 4).unwrap_err(),
            "the file has 5 bytes, more than the limit of 4 (raise it with --max-file-size)"
        );
        assert_eq!(
            read_bounded(dir.path(), 5).unwrap_err(),
            "it is a directory, not a file"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn refuses_devices_and_counts_the_bytes_read() {
        assert!(
            read_bounded(Path::new("/dev/zero"), 10)
                .unwrap_err()
                .contains("not a regular file")
        );
        // Reports 0 bytes, holds more than 10.
        assert!(
            read_bounded(Path::new("/proc/self/maps"), 10)
                .unwrap_err()
                .contains("more than 10 bytes could be read")
        );
    }
}
