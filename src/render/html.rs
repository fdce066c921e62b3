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
use std::collections::BTreeMap;

const TEMPLATE: &str = include_str!("templates/review.html");

/// Renders the document as HTML.
pub fn render(doc: &Document) -> Result<String, minijinja::Error> {
    render_with(doc, None)
}

/// Renders the document for printing to PDF: the table of contents shows
/// the page on which each section starts (`pages`, by section id).
pub fn render_print(
    doc: &Document,
    pages: &BTreeMap<String, u32>,
) -> Result<String, minijinja::Error> {
    render_with(doc, Some(pages))
}

fn render_with(
    doc: &Document,
    pages: Option<&BTreeMap<String, u32>>,
) -> Result<String, minijinja::Error> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.add_filter("landscape", |svg: String| landscape(&svg));
    // Every text keeps an amount with its unit on one line.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(text) if !value.is_safe() => {
            minijinja::escape_formatter(out, state, &minijinja::Value::from(glue_units(text)))
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    env.add_template("review.html", TEMPLATE)?;
    env.get_template("review.html")?
        .render(minijinja::context! {
            doc => minijinja::value::Serde(doc),
            print => pages.is_some(),
            pages => minijinja::value::Serde(pages.cloned().unwrap_or_default()),
        })
}

/// A text with a no-break space (U+00A0) between an amount and its unit, so
/// that a line never breaks inside "1.957.600 €", "35 %" or "EUR 1,957,600".
fn glue_units(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let glued = *c == ' '
            && ((before.is_some_and(|b| b.is_ascii_digit()) && matches!(after, Some('€' | '%')))
                || (after.is_some_and(|a| a.is_ascii_digit())
                    && i >= 3
                    && chars[i - 3..i] == ['E', 'U', 'R']));
        out.push(if glued { '\u{a0}' } else { *c });
    }
    out
}

/// Whether a figure prints on a landscape page: when it prints larger
/// there, that is when its drawing (read from the SVG's `viewBox`) scaled
/// to fit 269 mm by 160 mm (a landscape page, leaving room for the caption)
/// is larger than scaled to fit 182 mm by 230 mm (a portrait page).
fn landscape(svg: &str) -> bool {
    let Some(start) = svg.find("viewBox=\"") else {
        return false;
    };
    let rest = &svg[start + 9..];
    let Some(end) = rest.find('"') else {
        return false;
    };
    let v: Vec<f64> = rest[..end]
        .split([' ', ','])
        .filter(|x| !x.is_empty())
        .filter_map(|x| x.parse().ok())
        .collect();
    match v.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => {
            let portrait = (182.0 / w).min(230.0 / h);
            let landscape = (269.0 / w).min(160.0 / h);
            landscape > portrait
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{glue_units, landscape};

    #[test]
    fn amounts_stay_with_their_unit() {
        assert_eq!(
            glue_units("kostet 1.957.600 € und 35 % davon, EUR 1,957,600 or 4.4%"),
            "kostet 1.957.600\u{a0}€ und 35\u{a0}% davon, EUR\u{a0}1,957,600 or 4.4%"
        );
        assert_eq!(glue_units("5 Euro, € 5, EURO 5"), "5 Euro, € 5, EURO 5");
    }

    #[test]
    fn wide_drawings_print_in_landscape() {
        assert!(landscape(r#"<svg viewBox="0 0 1080 493">"#));
        // 993 x 672: 0.183 mm per unit on a portrait page, 0.238 on a landscape one.
        assert!(landscape(r#"<svg viewBox="0 0 993 672">"#));
        // Square: 0.26 portrait, 0.229 landscape.
        assert!(!landscape(r#"<svg viewBox="0 0 700 700">"#));
        // 818 x 706: 0.2225 portrait, 0.2266 landscape (a little larger).
        assert!(landscape(r#"<svg viewBox="0 0 818 706">"#));
        assert!(!landscape(r#"<svg viewBox="0 0 700 900">"#));
        assert!(!landscape(r#"<svg viewBox="0 0 100 0">"#));
        assert!(!landscape("<svg>"));
    }
}
