//! iCalendar TEXT values (RFC 5545, section 3.3.11).
//!
//! TEXT may not hold control characters other than a tab (`CONTROL` is
//! excluded from `TSAFE-CHAR`); a line break is written as `\n`. Parsers
//! that end lines at a bare CR (e.g. vobject) would read the rest of a name
//! as new properties. [`text`] cleans the value ([`super::clean_lines`]:
//! every control character removed, CR LF and a lone CR made one `\n`,
//! direction overrides shown); the `icalendar` crate then escapes `\`, `;`,
//! `,` and the line breaks.

/// A model text for an iCalendar TEXT value, before the crate's escaping.
pub fn text(s: &str) -> String {
    super::clean_lines(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_control_character_survives() {
        assert_eq!(
            text("A\rDTSTART:1\r\nB\u{1b}[2J\u{0}"),
            "A\nDTSTART:1\nB[2J"
        );
    }
}
