//! Splitting a large model file into parts that parse independently.
//!
//! `toml` parses a document in three passes that all stay in memory (all
//! tokens, all events, then the tree), so a 66 MB file (100,000 systems)
//! peaks at 1.7 GB and its tree is only freed at the end. A model file is
//! a sequence of top-level `[[kind]]` entries, and a document cut before
//! such a header parses into the same entries as the whole. Parsing the
//! parts one by one (or in parallel) keeps the memory of one part at a time
//! and lets both cores work.
//!
//! The split is only done when it is certainly equivalent: the scanner
//! follows strings, multi-line strings, comments and brackets, and gives up
//! (returns `None`, so the whole file is parsed as before) on anything
//! unusual: a quoted or spaced table name, a table header after an entry
//! that is not a sub-table of that entry (`[organisation]` after
//! `[[system]]`), an unclosed string or bracket, or a file too small to be
//! worth it.

use std::ops::Range;

/// The top-level arrays of tables of the model.
const KINDS: [&str; 7] = [
    "vendor",
    "system",
    "interface",
    "format",
    "contract",
    "service",
    "scenario",
];

/// Smallest part worth parsing on its own.
const PART_BYTES: usize = 256 * 1024;

/// Byte ranges of the parts of `text`, in order and covering it, or `None`
/// when the file should be parsed whole.
pub(crate) fn parts(text: &str) -> Option<Vec<Range<usize>>> {
    if text.len() < 2 * PART_BYTES {
        return None;
    }
    let starts = entry_starts(text)?;
    let mut out = Vec::new();
    let mut begin = 0;
    for s in starts {
        if s - begin >= PART_BYTES {
            out.push(begin..s);
            begin = s;
        }
    }
    out.push(begin..text.len());
    (out.len() > 1).then_some(out)
}

/// The offsets of every line that starts a top-level `[[kind]]` entry.
fn entry_starts(text: &str) -> Option<Vec<usize>> {
    let b = text.as_bytes();
    let mut starts = Vec::new();
    // Inside a multi-line string: its quote byte.
    let mut multi: Option<u8> = None;
    // Depth of open `[` and `{` of values.
    let mut depth: i64 = 0;
    // The kind of the entry being read, once one started.
    let mut current: Option<&str> = None;
    let mut line_start = 0;
    while line_start < b.len() {
        let line_end = b[line_start..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(b.len(), |p| line_start + p);
        let line = &b[line_start..line_end];
        let mut i = 0;
        if multi.is_none() && depth == 0 {
            while i < line.len() && (line[i] == b' ' || line[i] == b'\t') {
                i += 1;
            }
            if line.get(i) == Some(&b'[') {
                let (name, array) = header(&line[i..])?;
                if array && KINDS.contains(&name) {
                    starts.push(line_start);
                    current = Some(KINDS[KINDS.iter().position(|k| *k == name)?]);
                } else if current.is_none()
                    && KINDS.iter().any(|k| starts_with_key(name.as_bytes(), k))
                {
                    return None;
                } else if let Some(k) = current {
                    let sub = name.len() > k.len()
                        && name.starts_with(k)
                        && name.as_bytes()[k.len()] == b'.';
                    if !sub {
                        return None;
                    }
                }
                line_start = line_end + 1;
                continue;
            }
            if current.is_none() && KINDS.iter().any(|k| starts_with_key(&line[i..], k)) {
                // `system = [...]` or `[system.x]` before the entries would
                // clash with them; let the parser judge the whole file.
                return None;
            }
        }
        scan(line, i, &mut multi, &mut depth)?;
        line_start = line_end + 1;
    }
    (multi.is_none() && depth == 0).then_some(starts)
}

/// Whether `s` starts with the key `key` (followed by `=`, `.`, a space or the end).
fn starts_with_key(s: &[u8], key: &str) -> bool {
    s.starts_with(key.as_bytes())
        && matches!(s.get(key.len()), None | Some(b'=' | b'.' | b' ' | b'\t'))
}

/// The name of a table header line and whether it is `[[...]]`; `None` for
/// anything but plain dotted bare keys.
fn header(line: &[u8]) -> Option<(&str, bool)> {
    let array = line.starts_with(b"[[");
    let open = if array { 2 } else { 1 };
    let close = if array { &b"]]"[..] } else { &b"]"[..] };
    let end = line.windows(close.len()).position(|w| w == close)?;
    let name = std::str::from_utf8(line.get(open..end)?).ok()?.trim();
    let bare = !name.is_empty()
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'.');
    let rest = &line[end + close.len()..];
    let rest_ok = rest
        .iter()
        .position(|&c| c != b' ' && c != b'\t' && c != b'\r')
        .is_none_or(|p| rest[p] == b'#');
    (bare && rest_ok).then_some((name, array))
}

/// Follows strings, comments and brackets through one line.
fn scan(line: &[u8], mut i: usize, multi: &mut Option<u8>, depth: &mut i64) -> Option<()> {
    while i < line.len() {
        let c = line[i];
        if let Some(q) = *multi {
            if q == b'"' && c == b'\\' {
                i += 2;
                continue;
            }
            if line[i..].starts_with(&[q, q, q]) {
                // Up to two more quotes belong to the string's content.
                i += 3;
                let mut extra = 0;
                while extra < 2 && line.get(i) == Some(&q) {
                    i += 1;
                    extra += 1;
                }
                *multi = None;
                continue;
            }
            i += 1;
            continue;
        }
        match c {
            b'#' => return Some(()),
            b'"' | b'\'' => {
                if line[i..].starts_with(&[c, c, c]) {
                    *multi = Some(c);
                    i += 3;
                    continue;
                }
                // A one-line string ends on this line.
                i += 1;
                loop {
                    let &d = line.get(i)?;
                    if c == b'"' && d == b'\\' {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    if d == c {
                        break;
                    }
                }
            }
            b'[' | b'{' => {
                *depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                *depth -= 1;
                if *depth < 0 {
                    return None;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(t: &str) -> Option<Vec<usize>> {
        entry_starts(t)
    }

    #[test]
    fn entries_start_at_their_headers() {
        let t = "[organisation]\nname = \"x\"\n[[system]]\nid = \"a\"\n[system.switch]\ncost = 1\n[[vendor]]\nid = \"v\"\n";
        assert_eq!(starts(t), Some(vec![26, 71]));
    }

    #[test]
    fn headers_inside_strings_and_arrays_are_not_entries() {
        let t = "[[system]]\nd = \"\"\"\n[[system]]\n\"\"\"\nx = [\n  \"[[vendor]]\",\n]\ny = '[[a]]' # [[b]]\n";
        assert_eq!(starts(t), Some(vec![0]));
        let t = "[[system]]\nd = '''\n[[system]]\n'''\n";
        assert_eq!(starts(t), Some(vec![0]));
        let t = "[[system]]\nd = \"a \\\" [[vendor]]\"\n";
        assert_eq!(starts(t), Some(vec![0]));
    }

    #[test]
    fn unusual_files_are_parsed_whole() {
        // A table after an entry that is not its sub-table.
        assert_eq!(starts("[[system]]\nid = \"a\"\n[organisation]\n"), None);
        // Quoted table names and unclosed strings or brackets.
        assert_eq!(starts("[[\"system\"]]\n"), None);
        assert_eq!(starts("[[system]]\nd = \"\"\"\nopen\n"), None);
        assert_eq!(starts("[[system]]\nx = [1,\n"), None);
        // Root keys or tables named like an entry kind before the entries.
        assert_eq!(starts("system = [{ id = \"a\" }]\n[[system]]\n"), None);
        assert_eq!(starts("[system.x]\n[[system]]\n"), None);
        assert_eq!(
            starts("[organisation]\nsystems = 1\n[[system]]\n"),
            Some(vec![27])
        );
    }

    #[test]
    fn small_files_are_not_split_and_parts_cover_large_ones() {
        assert_eq!(parts("[[system]]\nid = \"a\"\n"), None);
        let mut t = String::from("[organisation]\nname = \"x\"\n");
        for i in 0..40_000 {
            t.push_str(&format!("[[system]]\nid = \"s{i}\"\nname = \"S\"\n"));
        }
        let p = parts(&t).expect("split");
        assert!(p.len() > 1);
        assert_eq!(p[0].start, 0);
        assert_eq!(p.last().map(|r| r.end), Some(t.len()));
        for w in p.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(t[w[1].start..].starts_with("[[system]]"));
        }
    }
}
