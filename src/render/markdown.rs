//! The review report in Markdown (`report.md`), for a wiki or a repository.
//!
//! The layout is `templates/review.md`, compiled in with `include_str!`.
//! Every value the template prints is escaped by [`escape`] (a custom
//! auto-escape mode of minijinja, so no value can forget it): Markdown
//! punctuation and HTML are backslash-escaped, line breaks become spaces, so
//! a name from the model can neither add markup nor break a table row.

use crate::render::page::Document;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

const TEMPLATE: &str = include_str!("templates/review.md");

/// Escapes a text for Markdown: `\ ` * _ [ ] < > | ~ & # !` get a backslash
/// (CommonMark lets any ASCII punctuation be escaped), control characters
/// become spaces, and a leading `-`, `+` or `1.` is escaped so that text
/// cannot start a list.
pub fn escape(s: &str) -> String {
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
            c if c.is_control() => out.push(' '),
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

/// Renders the document as Markdown.
pub fn render(doc: &Document) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::Custom("markdown".into()));
    env.set_formatter(|out, state, value: &Value| {
        let markdown =
            matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "markdown");
        if value.is_safe() || !markdown {
            write!(out, "{value}").map_err(minijinja::Error::from)
        } else if value.is_none() || value.is_undefined() {
            Ok(())
        } else {
            write!(out, "{}", escape(&value.to_string())).map_err(minijinja::Error::from)
        }
    });
    env.add_template("review.md", TEMPLATE)?;
    let mut text = env
        .get_template("review.md")?
        .render(minijinja::context! { doc => minijinja::value::Serde(doc) })?;
    // Templates leave runs of blank lines between blocks: keep one.
    while text.contains("\n\n\n") {
        text = text.replace("\n\n\n", "\n\n");
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_table_breakers_are_escaped() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("**x** [l](u)"), "\\*\\*x\\*\\* \\[l\\](u)");
        assert_eq!(escape("a\nb"), "a b");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("12. x"), "12\\. x");
        assert_eq!(escape("a-b 1.5"), "a-b 1.5");
        assert_eq!(escape("838.100 €"), "838.100 €");
        assert_eq!(escape("3) x"), "3\\) x");
        assert_eq!(escape("&lt;"), "\\&lt;");
    }
}
