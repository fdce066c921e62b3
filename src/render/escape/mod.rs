//! Escaping of text from the model for each output format, under one rule.
//!
//! # The rule
//!
//! Every text that comes from the model (names, descriptions, notes, ids)
//! and is shown to a person passes [`clean`] (one line) or [`clean_lines`]
//! (where the format holds line breaks: DOT labels, calendar
//! descriptions, whole terminal outputs) before the format's own escaping:
//!
//! - **control characters** (C0 such as ESC, CR, BEL; DEL; C1 such as
//!   U+009B) are removed, so that no escape sequence (cursor movement,
//!   erase line, window title, OSC 8 links, hidden text) reaches a terminal
//!   and no bare CR reaches a calendar; tabs, line breaks and the Unicode
//!   line and paragraph separators become a space ([`clean`]) or a line
//!   break ([`clean_lines`]; CR LF and a lone CR count as one break);
//! - **direction-override characters** (the bidirectional embeddings,
//!   overrides and isolates U+202A to U+202E and U+2066 to U+2069) are
//!   shown as a visible `[U+202E]`: the text around them keeps its order,
//!   and a reader sees that the name holds one. Right-to-left *marks*
//!   (U+200E, U+200F, U+061C) stay: they only affect the text they are in;
//! - the non-characters U+FFFE and U+FFFF (which XML forbids) become the
//!   replacement character U+FFFD.
//!
//! Data formats keep the exact string: JSON (serde escapes control
//! characters) and the cells of CSV files (quoted by the `csv` crate and
//! neutralised against formulas, [`csv::neutralise`]).
//!
//! # One module per target format
//!
//! - [`terminal`]: terminal text (every printer of the command line);
//! - [`markdown`]: Markdown text and table cells;
//! - [`xml`]: SVG and HTML-like text;
//! - [`dot`]: Graphviz DOT strings;
//! - [`ics`]: iCalendar TEXT values (RFC 5545);
//! - [`csv`]: spreadsheet cells.
//!
//! HTML is escaped by minijinja's auto-escaping (the review template) on
//! top of [`clean`], which the review document applies to every model text.

pub mod csv;
pub mod dot;
pub mod ics;
pub mod markdown;
pub mod terminal;
pub mod xml;

/// Whether `c` is a bidirectional embedding, override or isolate.
pub fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` must not reach a person's screen as it is: a control
/// character or a direction override.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_direction_override(c)
}

fn push_visible(out: &mut String, c: char) {
    out.push_str(&format!("[U+{:04X}]", c as u32));
}

fn apply(s: &str, line_break: char) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push(line_break);
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push(line_break),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c if is_direction_override(c) => push_visible(&mut out, c),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A text from the model made safe to show on one line (see the rule).
pub fn clean(s: &str) -> String {
    apply(s, ' ')
}

/// As [`clean`], keeping line breaks as `\n`.
pub fn clean_lines(s: &str) -> String {
    apply(s, '\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_breaks_become_spaces_and_overrides_show() {
        assert_eq!(clean("a\nb\tc"), "a b c");
        assert_eq!(clean("a\u{0}b\u{1b}[31mc\r\n"), "ab[31mc ");
        assert_eq!(clean("x\u{9b}2Jy\u{7f}"), "x2Jy");
        assert_eq!(clean("abc\u{202E}fed"), "abc[U+202E]fed");
        assert_eq!(clean("x\u{2066}y\u{200F}"), "x[U+2066]y\u{200F}");
        assert_eq!(clean("\u{FFFE}ok"), "\u{FFFD}ok");
        assert_eq!(clean("Bürgerbüro <b> & \"x\""), "Bürgerbüro <b> & \"x\"");
    }

    #[test]
    fn clean_lines_keeps_one_break_per_line_end() {
        assert_eq!(clean_lines("a\r\nb\rc\nd\u{2028}e"), "a\nb\nc\nd\ne");
        assert_eq!(
            clean_lines("\u{1b}]8;;http://x\u{7}link"),
            "]8;;http://xlink"
        );
    }
}
