//! Markdown text: the review's `report.md` and the diff's Markdown.
//!
//! A name from the model can neither add markup nor break a table row.

/// Escapes a text for Markdown: first [`super::clean`] (one line, no
/// control characters, overrides shown), then `\ ` * _ [ ] < > | ~ & # !`
/// get a backslash (CommonMark lets any ASCII punctuation be escaped), and
/// a leading `-`, `+` or `1.` is escaped so that text cannot start a list.
pub fn text(s: &str) -> String {
    let s = super::clean(s);
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // `12. text` at the start would be an ordered list (`12.5` would not).
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    let b = out.as_bytes();
    if digits > 0
        && matches!(b.get(digits), Some(b'.' | b')'))
        && b.get(digits + 1).is_none_or(|c| c.is_ascii_whitespace())
    {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_table_breakers_are_escaped() {
        assert_eq!(text("a|b"), "a\\|b");
        assert_eq!(text("<script>"), "\\<script\\>");
        assert_eq!(text("**x** [l](u)"), "\\*\\*x\\*\\* \\[l\\](u)");
        assert_eq!(text("a\nb"), "a b");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("12. x"), "12\\. x");
        assert_eq!(text("a-b 1.5"), "a-b 1.5");
        assert_eq!(text("838.100 €"), "838.100 €");
        assert_eq!(text("3) x"), "3\\) x");
        assert_eq!(text("&lt;"), "\\&lt;");
    }
}
