//! Terminal text: what the command line prints.
//!
//! Every printer of the command line hands its whole human-readable output
//! to [`text`] (through `Ctx::print`), so that no text from the model can
//! carry an escape sequence or a direction override to the terminal,
//! whichever table or sentence it ends up in. The renderers of terminal
//! output never write control characters themselves (no colours on
//! standard output), so the pass changes nothing but model text. JSON and
//! CSV are printed as they are (data formats keep the exact string).

/// A terminal output made safe (see [`super::clean_lines`]).
pub fn text(s: &str) -> String {
    super::clean_lines(s)
}

/// Source text for a diagnostic excerpt, with the same byte length (so the
/// spans still point at the same places): every control character other
/// than a line break or a tab becomes a space, and every direction
/// override becomes U+FFFD (three bytes, as the override).
pub fn same_length(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| super::is_unsafe(c) && !matches!(c, '\n' | '\t'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push('\r'),
            c if c.is_control() => {
                for _ in 0..c.len_utf8() {
                    out.push(' ');
                }
            }
            c if super::is_direction_override(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_do_not_survive() {
        let hostile =
            "A\u{1b}[2K\u{1b}[1A\u{1b}]0;title\u{7}\u{1b}]8;;https://x\u{1b}\\B\u{202E}C\n";
        let t = text(hostile);
        assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
        assert!(t.ends_with("B[U+202E]C\n"), "{t:?}");
    }

    #[test]
    fn same_length_keeps_offsets() {
        let s = "a\u{1b}b\u{9b}c\u{202E}d\r\ne\rf";
        let t = same_length(s);
        assert_eq!(t.len(), s.len());
        assert_eq!(t, "a b  c\u{FFFD}d\r\ne f");
    }
}
