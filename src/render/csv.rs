//! CSV output that is safe to open in a spreadsheet.
//!
//! Quoting and escaping are left to the `csv` crate (RFC 4180). On top of
//! that, every text cell is neutralised against formula injection (OWASP,
//! "CSV Injection"): a cell that begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return would be read as a formula by Excel, LibreOffice Calc and
//! Google Sheets, so it gets a leading apostrophe (`'=cmd|...` is shown as
//! text). Plain numbers (`-12.5`, `3`, `0.25`) are left alone because a
//! spreadsheet reads them as numbers, never as formulas, and the reports'
//! numbers must stay numbers. Model ids cannot start with these characters,
//! but names, descriptions and free text from a model can.
//!
//! Other renderers (the review's CSV tables) reuse [`Table`] and [`neutralise`].

use crate::analysis::lockin::HotspotsReport;
pub use crate::render::escape::csv::neutralise;
use std::borrow::Cow;

/// A number for a CSV cell: integers without a decimal point, others as
/// Rust prints them (shortest round-trip form), so the CSV shows the same
/// digits as the JSON.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A table written as CSV: a header row, then rows of cells.
#[derive(Clone, Debug, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Table {
        Table {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells are written empty, extra cells are kept.
    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// The CSV text, every cell neutralised, lines ending in `\n`.
    pub fn to_csv(&self) -> String {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.write_csv(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Writes the CSV text of [`Table::to_csv`] into `out`, row by row.
    pub fn write_csv<W: std::io::Write>(&self, out: W) -> std::io::Result<()> {
        let width = self
            .rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(self.header.len()))
            .max()
            .unwrap_or(0);
        let mut w = csv::WriterBuilder::new()
            .flexible(false)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        for record in std::iter::once(&self.header).chain(self.rows.iter()) {
            let cells: Vec<Cow<'_, str>> = (0..width)
                .map(|i| neutralise(record.get(i).map(String::as_str).unwrap_or("")))
                .collect();
            // Every record has the same width: an error is one of I/O.
            w.write_record(cells.iter().map(|c| c.as_bytes()))?;
        }
        w.flush()
    }
}

/// The tables of the hotspots report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HotspotsTable {
    /// Systems with score, impact, hotspot and factor points (candidates appended).
    Systems,
    /// Vendor groups with score, spend share and single points of failure.
    Vendors,
    /// Annual spend per vendor group.
    Groups,
    /// Annual spend per jurisdiction of the top parent.
    Jurisdictions,
    /// Spend and HHI per system category.
    Categories,
}

/// A table of the hotspots report as CSV (`exitgraph hotspots --format csv`;
/// the review's `hotspots.csv` is [`HotspotsTable::Systems`]). Numbers
/// carry the JSON's digits ([`number`]), so a spreadsheet reads them as
/// numbers in every locale.
pub fn hotspots(r: &HotspotsReport, part: HotspotsTable) -> String {
    hotspots_table(r, part).to_csv()
}

/// [`hotspots`] written into `out`.
pub fn write_hotspots<W: std::io::Write>(
    out: W,
    r: &HotspotsReport,
    part: HotspotsTable,
) -> std::io::Result<()> {
    hotspots_table(r, part).write_csv(out)
}

/// A table of the hotspots report.
fn hotspots_table(r: &HotspotsReport, part: HotspotsTable) -> Table {
    match part {
        HotspotsTable::Systems => {
            let factor_names: Vec<String> = r
                .systems
                .first()
                .map(|s| &s.factors)
                .or_else(|| {
                    r.candidates
                        .as_ref()
                        .and_then(|c| c.first())
                        .map(|s| &s.factors)
                })
                .map(|fs| fs.iter().map(|f| f.name.key().to_string()).collect())
                .unwrap_or_default();
            let mut t = Table::new(
                [
                    "rank", "id", "name", "status", "category", "score", "impact", "hotspot",
                ]
                .into_iter()
                .map(String::from)
                .chain(factor_names),
            );
            for s in &r.systems {
                let mut row = vec![
                    s.rank.to_string(),
                    s.id.clone(),
                    s.name.clone(),
                    "in-use".to_string(),
                    s.category.clone(),
                    number(s.score),
                    number(s.impact),
                    number(s.hotspot),
                ];
                row.extend(s.factors.iter().map(|f| number(f.points)));
                t.row(row);
            }
            for s in r.candidates.iter().flatten() {
                let mut row = vec![
                    String::new(),
                    s.id.clone(),
                    s.name.clone(),
                    s.status.to_string(),
                    s.category.clone(),
                    number(s.score),
                    String::new(),
                    String::new(),
                ];
                row.extend(s.factors.iter().map(|f| number(f.points)));
                t.row(row);
            }
            t
        }
        HotspotsTable::Vendors => {
            let mut t = Table::new([
                "id",
                "name",
                "country",
                "score",
                "spend_share",
                "annual_cost",
                "single_point_for",
                "systems",
            ]);
            for v in &r.vendors {
                t.row([
                    v.id.clone(),
                    v.name.clone(),
                    v.country.to_string(),
                    number(v.score),
                    number(v.spend_share),
                    number(v.annual_cost),
                    v.single_point_for.join(" "),
                    v.systems.join(" "),
                ]);
            }
            t
        }
        HotspotsTable::Groups => {
            let mut t = Table::new([
                "vendor",
                "name",
                "country",
                "annual_cost",
                "share",
                "untrusted",
            ]);
            for gsp in &r.concentration.by_group {
                t.row([
                    gsp.vendor.clone(),
                    gsp.name.clone(),
                    gsp.country.to_string(),
                    number(gsp.annual_cost),
                    number(gsp.share),
                    gsp.untrusted.to_string(),
                ]);
            }
            t
        }
        HotspotsTable::Jurisdictions => {
            let mut t = Table::new(["country", "annual_cost", "share", "trusted"]);
            for j in &r.concentration.by_jurisdiction {
                t.row([
                    j.country.to_string(),
                    number(j.annual_cost),
                    number(j.share),
                    j.trusted.to_string(),
                ]);
            }
            t
        }
        HotspotsTable::Categories => {
            let mut t = Table::new([
                "category",
                "annual_cost",
                "share",
                "hhi",
                "band",
                "largest_group",
                "largest_share",
            ]);
            for c in &r.concentration.by_category {
                let first = c.by_group.first();
                t.row([
                    c.category.clone(),
                    number(c.annual_cost),
                    number(c.share),
                    number(c.hhi),
                    c.band.as_str().to_string(),
                    first.map(|g| g.vendor.clone()).unwrap_or_default(),
                    first.map(|g| number(g.share)).unwrap_or_default(),
                ]);
            }
            t
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_quotes_and_neutralises() {
        let mut t = Table::new(["id", "name", "score"]);
        t.row(["a", "=HYPERLINK(\"x\")", "12.5"]);
        t.row(["b", "Müller, \"Bau\"", "-1"]);
        t.row(["c"]);
        assert_eq!(
            t.to_csv(),
            "id,name,score\na,\"'=HYPERLINK(\"\"x\"\")\",12.5\nb,\"Müller, \"\"Bau\"\"\",-1\nc,,\n"
        );
    }

    #[test]
    fn numbers_print_like_json() {
        assert_eq!(number(528000.0), "528000");
        assert_eq!(number(0.3321), "0.3321");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(
            number(0.1 + 0.2),
            serde_json::to_string(&(0.1 + 0.2)).unwrap()
        );
    }
}
