//! The review report as one self-contained HTML file (`index.html`).
//!
//! The layout is `templates/review.html`, compiled in with `include_str!`
//! and rendered by minijinja with HTML auto-escaping (chosen by the
//! template's `.html` name): every text of the [`Document`] is escaped, so a
//! name like `<script>` from the model shows as text. The only value not
//! escaped is a figure's SVG, which the diagram module has already escaped
//! (`|safe` in the template). The file needs nothing else: the CSS is
//! inline, there are no scripts, fonts or links to other hosts, and the
//! print styles lay it out on A4 with each section on a new page.

use crate::render::page::Document;
use minijinja::{Environment, UndefinedBehavior};

const TEMPLATE: &str = include_str!("templates/review.html");

/// Renders the document as HTML.
pub fn render(doc: &Document) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_template("review.html", TEMPLATE)?;
    env.get_template("review.html")?
        .render(minijinja::context! { doc => minijinja::value::Serde(doc) })
}
