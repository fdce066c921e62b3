//! Spreadsheet cells: neutralised against formula injection (OWASP, "CSV
//! Injection"). Quoting (RFC 4180) is the `csv` crate's job; cells keep
//! the exact string otherwise (CSV is a data format).

use std::borrow::Cow;

/// Neutralises one cell against formula injection (see the module docs).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `-?digits(.digits)?`: a number a spreadsheet reads as a number.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_an_apostrophe() {
        assert_eq!(neutralise("=1+2"), "'=1+2");
        assert_eq!(neutralise("+49 30 123"), "'+49 30 123");
        assert_eq!(neutralise("-cmd"), "'-cmd");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("m365"), "m365");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn plain_numbers_stay_numbers() {
        assert_eq!(neutralise("-12.5"), "-12.5");
        assert_eq!(neutralise("-3"), "-3");
        assert_eq!(neutralise("-"), "'-");
        assert_eq!(neutralise("-1."), "'-1.");
        assert_eq!(neutralise("-1e5"), "'-1e5");
        assert_eq!(neutralise("-1+2"), "'-1+2");
    }
}
