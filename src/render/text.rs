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
}
