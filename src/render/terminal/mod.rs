//! Terminal output of the command line: tables and sentences in English,
//! one module per command (`check`, `hotspots`, `explain`, `exit`,
//! `deadlines`, `score`, `catalog`; `diff` is in `render::diff`).
//!
//! Each renderer takes a report and returns the text; the command line
//! prints it through `Ctx::print`, which cleans model text for the terminal
//! (`render::escape::terminal`). Numbers, money and dates come from the
//! terminal formatter ([`Tr::TERMINAL`]): English numbers and words
//! (`1,957,600`, `33.21%`) with ISO dates (`2026-12-01`), which sort and
//! search well in a terminal and a CI log.

pub mod catalog;
pub mod check;
pub mod deadlines;
pub mod exit;
pub mod explain;
pub mod hotspots;
pub mod score;

use crate::render::i18n::Tr;
use chrono::NaiveDate;
use comfy_table::{Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};

/// The formatter of the terminal: English, ISO dates.
pub const EN: Tr = Tr::TERMINAL;

/// Rules above and below the table and under the header; no row rules.
const STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

/// A terminal table in the house style: horizontal rules, no colour,
/// wrapped to 100 columns so that output does not depend on the terminal.
pub fn new_table<S: ToString>(header: impl IntoIterator<Item = S>) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(100)
        .set_header(header.into_iter().map(|h| Cell::new(h.to_string())));
    t
}

/// A table of short cells that must not wrap (ids and numbers): as wide as
/// its content.
pub fn wide_table<S: ToString>(header: impl IntoIterator<Item = S>) -> Table {
    let mut t = new_table(header);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t
}

/// Right-aligns the given columns.
pub fn right(t: &mut Table, cols: &[usize]) {
    for &c in cols {
        if let Some(col) = t.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// A right-aligned cell for numbers.
pub fn num(text: impl ToString) -> Cell {
    Cell::new(text.to_string()).set_alignment(CellAlignment::Right)
}

/// A share (fraction) as a percentage with the digits of the JSON:
/// 0.3321 -> `33.21%`.
pub fn pct(share: f64) -> String {
    EN.pct_fixed(share, 2)
}

/// One decimal, as in the JSON.
pub fn d1(x: f64) -> String {
    EN.num(x, 1)
}

/// Money in whole units with thousands separators (the currency is in the
/// column head): `1,957,600`.
pub fn money(x: f64) -> String {
    EN.num(x, 0)
}

/// A whole number with thousands separators.
pub fn int(n: impl crate::render::i18n::Whole) -> String {
    EN.int(n)
}

/// An ISO date, `-` when absent.
pub fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| EN.date(d)).unwrap_or_else(|| "-".into())
}

/// `n thing` / `n things`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", int(n), if n == 1 { one } else { many })
}
