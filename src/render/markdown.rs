//! The review report in Markdown (`report.md`), for a wiki or a repository.
//!
//! The layout is `templates/review.md`, compiled in with `include_str!`.
//! Every value the template prints is escaped by
//! [`escape::markdown::text`] (a custom
//! auto-escape mode of minijinja, so no value can forget it): Markdown
//! punctuation and HTML are backslash-escaped, line breaks become spaces, so
//! a name from the model can neither add markup nor break a table row.

use crate::render::escape;
use crate::render::page::Document;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

const TEMPLATE: &str = include_str!("templates/review.md");

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
            write!(out, "{}", escape::markdown::text(&value.to_string()))
                .map_err(minijinja::Error::from)
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
