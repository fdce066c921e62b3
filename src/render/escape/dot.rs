//! Graphviz DOT strings and HTML-like labels.
//!
//! graphviz-rust prints ids and attribute values exactly as given: it
//! neither quotes nor escapes. Every id and value of the DOT text therefore
//! goes through [`quote`]; ids are always quoted, so a name containing `"`,
//! `\`, a newline, `<`, `{` or `|` can never end a string, start an HTML
//! label or (with `shape=box`, never `record`) become a record field.

/// The one DOT escape helper: a double-quoted DOT string for any id or
/// attribute value. Cleans the text ([`super::clean_lines`]), escapes `\` and `"`, writes
/// a newline as Graphviz's centred line break `\n`, and writes `&` as
/// `&amp;` (Graphviz passes anything that looks like an entity, such as
/// `&nbsp;`, into its SVG unchanged, which would break the XML; `&amp;` is
/// shown as `&` in every output format).
pub fn quote(s: &str) -> String {
    let s = super::clean_lines(s);
    let mut out = String::with_capacity(s.len().min(MAX_QUOTED) + 2);
    out.push('"');
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let piece: &str = match c {
            '\\' => "\\\\",
            '"' => "\\\"",
            '\n' => "\\n",
            '&' => "&amp;",
            c => c.encode_utf8(&mut buf),
        };
        // Graphviz refuses quoted strings longer than 16,384 bytes.
        if out.len() + piece.len() > MAX_QUOTED {
            out.push('…');
            break;
        }
        out.push_str(piece);
    }
    out.push('"');
    out
}

/// The longest quoted DOT string written, in bytes, ellipsis and quotes
/// included (Graphviz's scanner stops at 16,384).
const MAX_QUOTED: usize = 16_000;

/// Text for Graphviz HTML-like labels: XML-escaped, cleaned, one line.
pub fn html_text(s: &str) -> String {
    let mut out = String::new();
    for c in super::clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_quotes_backslashes_newlines_and_ampersands() {
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quote("x\ny"), r#""x\ny""#);
        assert_eq!(quote("AT&T &nbsp;"), r#""AT&amp;T &amp;nbsp;""#);
        assert_eq!(quote("<b>{x|y}</b>"), r#""<b>{x|y}</b>""#);
    }

    #[test]
    fn model_text_is_cleaned_first() {
        assert_eq!(quote("a\u{0}b\u{1b}[31mc\td\r\n"), "\"ab[31mc d\\n\"");
        assert_eq!(quote("x\u{202E}y\u{200F}"), "\"x[U+202E]y\u{200F}\"");
    }

    #[test]
    fn html_text_escapes_markup() {
        assert_eq!(
            html_text("<script>\"&'\n"),
            "&lt;script&gt;&quot;&amp;&#39; "
        );
    }
}
