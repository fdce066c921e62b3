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
            .from_writer(Vec::new());
        for record in std::iter::once(&self.header).chain(self.rows.iter()) {
            let cells: Vec<Cow<'_, str>> = (0..width)
                .map(|i| neutralise(record.get(i).map(String::as_str).unwrap_or("")))
                .collect();
            // Writing into a Vec cannot fail for I/O reasons, and every
            // record has the same width.
            if w.write_record(cells.iter().map(|c| c.as_bytes())).is_err() {
                break;
            }
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
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
