//! Shortcuts of the English formatter for the terminal tables, which are
//! in English: `1,234,567`. They are [`Tr::TERMINAL`]'s formats (one rounding
//! rule, one grouping); new code calls [`Tr`] directly.

use crate::render::i18n::Tr;

/// Money with thousands separators and no decimals: `1,234,567`.
pub fn money(x: f64) -> String {
    Tr::TERMINAL.num(x, 0)
}

/// An integer with thousands separators.
pub fn group(n: i64) -> String {
    Tr::TERMINAL.int(n)
}

/// Word-wraps `text` to `width` columns (counted in characters): the first
/// line starts with `first`, the following ones with `rest`; every line
/// ends with a newline. A word longer than a line stands on its own line.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut len = first.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if !empty && len + 1 + w > width {
            out.push_str(&line);
            out.push('\n');
            line = rest.to_string();
            len = rest.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            len += 1;
        }
        line.push_str(word);
        len += w;
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(money(1234567.4), "1,234,567");
        assert_eq!(group(-1000), "−1,000");
        assert_eq!(group(999), "999");
        assert_eq!(money(0.0), "0");
    }

    #[test]
    fn wraps_words_with_indents() {
        assert_eq!(wrap("aa bb cc dd", 8, "- ", "  "), "- aa bb\n  cc dd\n");
        assert_eq!(
            wrap("averyveryverylongword x", 6, "", ""),
            "averyveryverylongword\nx\n"
        );
        assert_eq!(wrap("", 10, "> ", ""), "> \n");
    }
}
