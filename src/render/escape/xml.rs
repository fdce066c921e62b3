//! XML text: SVG diagrams and charts.

/// Text for XML (SVG): cleaned ([`super::clean_lines`]) and escaped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in super::clean_lines(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_drops_controls_and_shows_overrides() {
        assert_eq!(
            text("<script>&\"'\u{0}\u{202E}"),
            "&lt;script&gt;&amp;&quot;&#39;[U+202E]"
        );
        assert_eq!(text("\u{FFFF}"), "\u{FFFD}");
    }
}
