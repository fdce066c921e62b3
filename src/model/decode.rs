//! Reading a spanned TOML tree into raw model values, collecting every problem.
//!
//! `toml`'s serde path stops at the first error. Architects fixing a model want
//! every problem at once, so the loader parses to `toml::de::DeTable` (which
//! keeps a span on every key and value) and reads each table through a
//! [`Table`] that records type errors, missing keys and unknown keys as
//! diagnostics and carries on. Only type-level checks happen here; references
//! and cross-entity rules are checked in `validate`.

use super::country::{Country, Region};
use super::diag::{Code, Diagnostic, did_you_mean};
use super::duration::Duration;
use super::source::{FileId, Sp, Span};
use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The largest number a model may hold (money, data volumes, factors,
/// coefficients: 10^12). Sums and products of such numbers over the
/// largest model the limits allow stay far below `f64::MAX`, so no analysis
/// meets an infinity (which JSON would write as `null`).
pub const MAX_NUMBER: f64 = 1e12;

/// Collects diagnostics for one file.
pub struct Ctx<'d> {
    pub file: FileId,
    pub diags: &'d mut Vec<Diagnostic>,
    /// The text being read (the file, or the chunk of it that was parsed),
    /// to narrow table spans to their header line.
    pub text: &'d str,
    /// Where `text` starts in the file: parser spans are relative to `text`.
    pub offset: usize,
}

impl Ctx<'_> {
    pub fn span(&self, r: std::ops::Range<usize>) -> Span {
        Span::new(self.file, r.start + self.offset..r.end + self.offset)
    }

    /// The span narrowed to its first line (a table header), so that a
    /// "missing key" label does not underline a whole table.
    pub fn head(&self, r: std::ops::Range<usize>) -> Span {
        let text = self.text.get(r.clone()).unwrap_or("");
        let end = text.find('\n').map(|i| r.start + i).unwrap_or(r.end);
        let end = if end > r.start { end } else { r.end };
        self.span(r.start..end)
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }
}

/// The TOML type name of a value, for messages.
pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// A table being read: tracks which keys the schema knows.
pub struct Table<'a, 'i> {
    table: &'a DeTable<'i>,
    range: std::ops::Range<usize>,
    /// What this table is, for messages ("system `m365`", "[organisation]").
    what: String,
    known: Vec<&'static str>,
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(
        table: &'a DeTable<'i>,
        range: std::ops::Range<usize>,
        what: impl Into<String>,
    ) -> Self {
        Table {
            table,
            range,
            what: what.into(),
            known: Vec::new(),
        }
    }

    /// Reads a value as a table, reporting a wrong type.
    pub fn from_value(
        cx: &mut Ctx<'_>,
        v: &'a Spanned<DeValue<'i>>,
        what: impl Into<String>,
    ) -> Option<Self> {
        let what = what.into();
        match v.get_ref() {
            DeValue::Table(t) => Some(Table::new(t, v.span(), what)),
            other => {
                cx.push(
                    Diagnostic::error(
                        Code::WrongType,
                        format!("{what} must be a table, found {}", type_name(other)),
                    )
                    .at(cx.span(v.span()), "expected a table here"),
                );
                None
            }
        }
    }

    pub fn span(&self, cx: &Ctx<'_>) -> Span {
        cx.span(self.range.clone())
    }

    pub fn head(&self, cx: &Ctx<'_>) -> Span {
        cx.head(self.range.clone())
    }

    pub fn what(&self) -> &str {
        &self.what
    }

    pub fn set_what(&mut self, what: impl Into<String>) {
        self.what = what.into();
    }

    /// Looks a key up and marks it as known to the schema.
    pub fn get(&mut self, key: &'static str) -> Option<&'a Spanned<DeValue<'i>>> {
        if !self.known.contains(&key) {
            self.known.push(key);
        }
        self.table.get(key)
    }

    /// Reports a missing required key.
    pub fn missing(&self, cx: &mut Ctx<'_>, key: &str, example: &str) {
        cx.push(
            Diagnostic::error(Code::MissingKey, format!("{} has no `{key}`", self.what))
                .at(self.head(cx), format!("`{key}` is required here"))
                .help(format!("add a line like `{key} = {example}`")),
        );
    }

    fn wrong(
        &self,
        cx: &mut Ctx<'_>,
        key: &str,
        v: &Spanned<DeValue<'_>>,
        expected: &str,
        help: Option<String>,
    ) {
        let mut d = Diagnostic::error(
            Code::WrongType,
            format!(
                "`{key}` of {} must be {expected}, found {}",
                self.what,
                type_name(v.get_ref())
            ),
        )
        .at(cx.span(v.span()), format!("expected {expected}"));
        if let Some(h) = help {
            d = d.help(h);
        }
        cx.push(d);
    }

    pub fn str(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<String>> {
        let v = self.get(key)?;
        read_str(cx, v).or_else(|| {
            self.wrong(cx, key, v, "a string", None);
            None
        })
    }

    pub fn req_str(
        &mut self,
        cx: &mut Ctx<'_>,
        key: &'static str,
        example: &str,
    ) -> Option<Sp<String>> {
        let present = self.table.contains_key(key);
        let r = self.str(cx, key);
        if !present {
            self.missing(cx, key, example);
        }
        r
    }

    pub fn bool(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<bool>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Sp::new(*b, cx.span(v.span()))),
            _ => {
                self.wrong(cx, key, v, "true or false", None);
                None
            }
        }
    }

    /// A non-negative whole number.
    pub fn uint(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<u64>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) if n >= 0 => Some(Sp::new(n as u64, cx.span(v.span()))),
                _ => {
                    cx.push(
                        Diagnostic::error(
                            Code::InvalidNumber,
                            format!("`{key}` of {} must not be negative", self.what),
                        )
                        .at(cx.span(v.span()), "a number of 0 or more is expected"),
                    );
                    None
                }
            },
            _ => {
                self.wrong(cx, key, v, "a whole number", None);
                None
            }
        }
    }

    /// A number from 0 to [`MAX_NUMBER`] (integer or float), e.g. money or gigabytes.
    pub fn number(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<f64>> {
        let v = self.get(key)?;
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            DeValue::String(s) => {
                let help = s
                    .trim()
                    .replace(['.', ' '], "")
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .map(|n| format!("write the number without quotes, e.g. `{key} = {n}`"));
                self.wrong(cx, key, v, "a number", help);
                return None;
            }
            _ => {
                self.wrong(cx, key, v, "a number", None);
                return None;
            }
        };
        match n {
            Some(n) if (0.0..=MAX_NUMBER).contains(&n) => Some(Sp::new(n, cx.span(v.span()))),
            _ => {
                cx.push(
                    Diagnostic::error(
                        Code::InvalidNumber,
                        format!(
                            "`{key}` of {} must be a number from 0 to 1,000,000,000,000 (10^12)",
                            self.what
                        ),
                    )
                    .at(cx.span(v.span()), "out of range")
                    .help("numbers above 10^12 are refused: no landscape needs them, and sums of them could overflow"),
                );
                None
            }
        }
    }

    pub fn date(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<NaiveDate>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(dt) => {
                let span = cx.span(v.span());
                match (dt.date, dt.time, dt.offset) {
                    (Some(d), None, None) => {
                        match NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32) {
                            Some(nd) => Some(Sp::new(nd, span)),
                            None => {
                                cx.push(
                                    Diagnostic::error(
                                        Code::InvalidDate,
                                        format!(
                                            "`{key}` of {}: {dt} is not a day of the calendar",
                                            self.what
                                        ),
                                    )
                                    .at(span, "no such day"),
                                );
                                None
                            }
                        }
                    }
                    _ => {
                        cx.push(
                            Diagnostic::error(
                                Code::InvalidDate,
                                format!(
                                    "`{key}` of {} must be a plain date, found `{dt}`",
                                    self.what
                                ),
                            )
                            .at(span, "a date without time is expected")
                            .help("write a date like `2027-06-30`"),
                        );
                        None
                    }
                }
            }
            DeValue::String(s) => {
                let help = if NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() {
                    format!("TOML dates are written without quotes: `{key} = {s}`")
                } else if let Ok(d) = NaiveDate::parse_from_str(s, "%d.%m.%Y") {
                    format!("write the date as `{key} = {}`", d.format("%Y-%m-%d"))
                } else {
                    "write a date like `2027-06-30` (without quotes)".to_string()
                };
                self.wrong(cx, key, v, "a date", Some(help));
                None
            }
            _ => {
                self.wrong(
                    cx,
                    key,
                    v,
                    "a date",
                    Some("write a date like `2027-06-30`".into()),
                );
                None
            }
        }
    }

    pub fn duration(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<Duration>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::String(s) => match Duration::parse(s) {
                Ok(d) => Some(Sp::new(d, cx.span(v.span()))),
                Err(e) => {
                    cx.push(
                        Diagnostic::error(
                            Code::InvalidDuration,
                            format!("`{key}` of {} is not a duration", self.what),
                        )
                        .at(cx.span(v.span()), e.0),
                    );
                    None
                }
            },
            DeValue::Integer(i) => {
                self.wrong(
                    cx,
                    key,
                    v,
                    "a duration string",
                    Some(format!(
                        "give the unit, e.g. `{key} = \"{}d\"` or `\"{}mo\"`",
                        i.as_str(),
                        i.as_str()
                    )),
                );
                None
            }
            _ => {
                self.wrong(
                    cx,
                    key,
                    v,
                    "a duration string",
                    Some("write durations like `\"6mo\"`, `\"30d\"`, `\"2y\"`".into()),
                );
                None
            }
        }
    }

    pub fn country(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<Country>> {
        let s = self.str(cx, key)?;
        match Country::parse(&s.value) {
            Ok(c) => Some(Sp::new(c, s.span)),
            Err(e) => {
                cx.push(
                    Diagnostic::error(
                        Code::InvalidCountry,
                        format!("`{key}` of {} is not a country code", self.what),
                    )
                    .at(s.span, e),
                );
                None
            }
        }
    }

    pub fn region(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<Region>> {
        let s = self.str(cx, key)?;
        region_of(cx, &s, key, &self.what)
    }

    /// One of a fixed set of words.
    pub fn word<T: Copy>(
        &mut self,
        cx: &mut Ctx<'_>,
        key: &'static str,
        words: &[(&'static str, T)],
    ) -> Option<Sp<T>> {
        let s = self.str(cx, key)?;
        read_word(cx, &s, key, &self.what, words)
    }

    /// A list of strings.
    pub fn str_list(&mut self, cx: &mut Ctx<'_>, key: &'static str) -> Option<Sp<Vec<Sp<String>>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            if let DeValue::String(s) = v.get_ref() {
                let help = format!("write a list, even of one: `{key} = [\"{s}\"]`");
                self.wrong(cx, key, v, "a list of strings", Some(help));
            } else {
                self.wrong(cx, key, v, "a list of strings", None);
            }
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            match read_str(cx, item) {
                Some(s) => out.push(s),
                None => cx.push(
                    Diagnostic::error(
                        Code::WrongType,
                        format!(
                            "`{key}` of {} must list strings, found {}",
                            self.what,
                            type_name(item.get_ref())
                        ),
                    )
                    .at(cx.span(item.span()), "expected a string"),
                ),
            }
        }
        Some(Sp::new(out, cx.span(v.span())))
    }

    /// A list of values, each given to `f`.
    pub fn list(
        &mut self,
        cx: &mut Ctx<'_>,
        key: &'static str,
        expected: &str,
    ) -> Option<(Span, &'a [Spanned<DeValue<'i>>])> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Array(items) => Some((cx.span(v.span()), &items[..])),
            _ => {
                self.wrong(cx, key, v, expected, None);
                None
            }
        }
    }

    /// A sub-table.
    pub fn sub(
        &mut self,
        cx: &mut Ctx<'_>,
        key: &'static str,
        what: impl Into<String>,
    ) -> Option<Table<'a, 'i>> {
        let v = self.get(key)?;
        Table::from_value(cx, v, what)
    }

    /// Keys not yet looked up, with their spans.
    pub fn unread_keys(&self, cx: &Ctx<'_>) -> Vec<(String, Span)> {
        self.table
            .iter()
            .filter(|(k, _)| !self.known.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (k.get_ref().to_string(), cx.span(k.span())))
            .collect()
    }

    /// Reports every key that the schema does not know.
    pub fn finish(self, cx: &mut Ctx<'_>) {
        for (k, v) in self.table.iter() {
            let key: &str = k.get_ref();
            if self.known.contains(&key) {
                continue;
            }
            let mut expected: Vec<&str> = self.known.clone();
            expected.sort_unstable();
            let mut d = Diagnostic::error(
                Code::UnknownKey,
                format!("{} has no key `{key}`", self.what),
            );
            let span = cx.span(k.span());
            let _ = v;
            d = match did_you_mean(key, self.known.iter().copied()) {
                Some(s) => d.at(span, format!("did you mean `{s}`?")),
                None => d.at(span, "unknown key"),
            };
            d = d.help(format!("known keys: {}", expected.join(", ")));
            cx.push(d);
        }
    }
}

pub fn read_str(cx: &Ctx<'_>, v: &Spanned<DeValue<'_>>) -> Option<Sp<String>> {
    match v.get_ref() {
        DeValue::String(s) => Some(Sp::new(s.to_string(), cx.span(v.span()))),
        _ => None,
    }
}

pub fn region_of(cx: &mut Ctx<'_>, s: &Sp<String>, key: &str, what: &str) -> Option<Sp<Region>> {
    match Region::parse(&s.value) {
        Ok(r) => Some(Sp::new(r, s.span)),
        Err(e) => {
            cx.push(
                Diagnostic::error(
                    Code::InvalidCountry,
                    format!("`{key}` of {what} is not a country code or \"EU\""),
                )
                .at(s.span, e),
            );
            None
        }
    }
}

pub fn read_word<T: Copy>(
    cx: &mut Ctx<'_>,
    s: &Sp<String>,
    key: &str,
    what: &str,
    words: &[(&'static str, T)],
) -> Option<Sp<T>> {
    if let Some((_, t)) = words.iter().find(|(w, _)| *w == s.value) {
        return Some(Sp::new(*t, s.span));
    }
    let names: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    let lower = s.value.to_lowercase();
    let label = match names.iter().find(|w| **w == lower) {
        Some(w) => format!("did you mean `{w}`? (values are lower case)"),
        None => match did_you_mean(&s.value, names.iter().copied()) {
            Some(w) => format!("did you mean `{w}`?"),
            None => "not an allowed value".to_string(),
        },
    };
    cx.push(
        Diagnostic::error(
            Code::InvalidValue,
            format!("`{key}` of {what} cannot be `{}`", s.value),
        )
        .at(s.span, label)
        .help(format!("allowed values: {}", names.join(", "))),
    );
    None
}
