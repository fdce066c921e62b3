//! Durations as architects write them (`30d`, `6w`, `6mo`, `2y`, `6 months`, `P1Y2M`).
//!
//! A duration keeps its calendar components, because the two places that use
//! durations need different arithmetic: contract dates move by calendar months
//! (31 January + 1 month = 28/29 February), while switch-time estimates are
//! plain numbers of days (`mo` = 30.4375 days, `y` = 365.25 days, the mean
//! Gregorian month and year). See `docs/methodology.md`, "Durations".

use chrono::{Days, Months, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;

/// Days in a mean Gregorian year.
pub const DAYS_PER_YEAR: f64 = 365.25;
/// Days in a mean Gregorian month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// A duration with calendar components. Components are non-negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    pub years: u32,
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
}

/// Why a duration could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DurationError(pub String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Upper bound for a single component, so that arithmetic can never overflow
/// and absurd inputs (`99999999y`) are refused with a message.
const MAX_COMPONENT: u32 = 10_000;

impl Duration {
    pub const ZERO: Duration = Duration {
        years: 0,
        months: 0,
        weeks: 0,
        days: 0,
    };

    pub fn days(d: u32) -> Self {
        Duration {
            days: d,
            ..Self::ZERO
        }
    }

    pub fn months(m: u32) -> Self {
        Duration {
            months: m,
            ..Self::ZERO
        }
    }

    pub fn years(y: u32) -> Self {
        Duration {
            years: y,
            ..Self::ZERO
        }
    }

    pub fn is_zero(&self) -> bool {
        *self == Self::ZERO
    }

    /// The length in days, with `mo` = 30.4375 and `y` = 365.25 days.
    pub fn as_days(&self) -> f64 {
        self.years as f64 * DAYS_PER_YEAR
            + self.months as f64 * DAYS_PER_MONTH
            + self.weeks as f64 * 7.0
            + self.days as f64
    }

    /// Total calendar months (years count 12).
    fn total_months(&self) -> u32 {
        self.years * 12 + self.months
    }

    /// Total plain days (weeks count 7).
    fn total_days(&self) -> u64 {
        self.weeks as u64 * 7 + self.days as u64
    }

    /// `date + self` in calendar arithmetic: months first (clamped to the last
    /// day of the month), then days. `None` only beyond chrono's date range.
    pub fn add_to(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_add_months(Months::new(self.total_months()))?
            .checked_add_days(Days::new(self.total_days()))
    }

    /// `date - self` in calendar arithmetic: months first (clamped), then days.
    pub fn sub_from(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_sub_months(Months::new(self.total_months()))?
            .checked_sub_days(Days::new(self.total_days()))
    }

    /// Parses `30d`, `6w`, `6mo`, `2y`, `6 months`, `1y 6mo`, or ISO 8601 `P1Y2M3W4D`.
    pub fn parse(text: &str) -> Result<Duration, DurationError> {
        let s = text.trim();
        if s.is_empty() {
            return Err(DurationError("the duration is empty".into()));
        }
        if let Some(rest) = s.strip_prefix('P').or_else(|| s.strip_prefix('p')) {
            return parse_iso(rest, text);
        }
        parse_units(s, text)
    }
}

fn hint() -> &'static str {
    "write durations like `30d`, `6w`, `6mo`, `2y`, `6 months` or ISO 8601 `P6M`"
}

fn add_component(d: &mut Duration, n: u32, unit: &str, text: &str) -> Result<(), DurationError> {
    if n > MAX_COMPONENT {
        return Err(DurationError(format!(
            "`{text}` is too long: each part of a duration may be at most {MAX_COMPONENT}"
        )));
    }
    let slot = match unit {
        "d" | "day" | "days" | "D" => &mut d.days,
        "w" | "wk" | "week" | "weeks" | "W" => &mut d.weeks,
        "mo" | "month" | "months" | "M" => &mut d.months,
        "y" | "yr" | "year" | "years" | "Y" => &mut d.years,
        "" if text.contains(['.', ',']) => {
            return Err(DurationError(format!(
                "`{text}` has a decimal number, which durations do not support (write `18mo` for 1.5 years); {}",
                hint()
            )));
        }
        "" => {
            return Err(DurationError(format!(
                "`{text}` has a number without a unit; {}",
                hint()
            )));
        }
        other => {
            let suggestion = if other.eq_ignore_ascii_case("m") {
                " (`m` is ambiguous: write `mo` for months)"
            } else {
                ""
            };
            return Err(DurationError(format!(
                "`{other}` in `{text}` is not a duration unit{suggestion}; {}",
                hint()
            )));
        }
    };
    *slot = slot.saturating_add(n).min(MAX_COMPONENT);
    Ok(())
}

fn parse_units(s: &str, text: &str) -> Result<Duration, DurationError> {
    let mut d = Duration::ZERO;
    let mut chars = s.char_indices().peekable();
    let mut seen = false;
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if !c.is_ascii_digit() {
            let why = if c == '.' || c == ',' {
                "has a decimal number, which durations do not support (write `18mo` for 1.5 years)"
            } else {
                "is not a duration"
            };
            return Err(DurationError(format!("`{text}` {why}; {}", hint())));
        }
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_ascii_digit() {
                end = i + 1;
                chars.next();
            } else {
                break;
            }
        }
        let n: u32 = s[start..end].parse().map_err(|_| {
            DurationError(format!(
                "`{text}` is too long: each part of a duration may be at most {MAX_COMPONENT}"
            ))
        })?;
        while let Some(&(_, c)) = chars.peek() {
            if c == ' ' {
                chars.next();
            } else {
                break;
            }
        }
        let ustart = chars.peek().map(|&(i, _)| i).unwrap_or(s.len());
        let mut uend = ustart;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphabetic() {
                uend = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let unit = s[ustart..uend].to_lowercase();
        // Single letters keep their case-insensitive meaning except `m`.
        add_component(&mut d, n, &unit, text)?;
        seen = true;
    }
    if !seen {
        return Err(DurationError(format!(
            "`{text}` is not a duration; {}",
            hint()
        )));
    }
    Ok(d)
}

fn parse_iso(rest: &str, text: &str) -> Result<Duration, DurationError> {
    let mut d = Duration::ZERO;
    let mut num = String::new();
    let mut seen = false;
    let mut order = 0; // Y M W D must appear in this order
    for c in rest.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let (unit, rank) = match c.to_ascii_uppercase() {
            'Y' => ("y", 1),
            'M' => ("mo", 2),
            'W' => ("w", 3),
            'D' => ("d", 4),
            'T' => {
                return Err(DurationError(format!(
                    "`{text}` has a time part (T...); only years, months, weeks and days are supported"
                )));
            }
            _ => {
                return Err(DurationError(format!(
                    "`{text}` is not an ISO 8601 duration; {}",
                    hint()
                )));
            }
        };
        if num.is_empty() || rank <= order {
            return Err(DurationError(format!(
                "`{text}` is not an ISO 8601 duration; {}",
                hint()
            )));
        }
        order = rank;
        let n: u32 = num.parse().map_err(|_| {
            DurationError(format!(
                "`{text}` is too long: each part of a duration may be at most {MAX_COMPONENT}"
            ))
        })?;
        add_component(&mut d, n, unit, text)?;
        num.clear();
        seen = true;
    }
    if !num.is_empty() || !seen {
        return Err(DurationError(format!(
            "`{text}` is not an ISO 8601 duration; {}",
            hint()
        )));
    }
    Ok(d)
}

impl fmt::Display for Duration {
    /// Short form, e.g. `1y 6mo`, `30d`, `0d` for zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.years > 0 {
            parts.push(format!("{}y", self.years));
        }
        if self.months > 0 {
            parts.push(format!("{}mo", self.months));
        }
        if self.weeks > 0 {
            parts.push(format!("{}w", self.weeks));
        }
        if self.days > 0 {
            parts.push(format!("{}d", self.days));
        }
        if parts.is_empty() {
            f.write_str("0d")
        } else {
            f.write_str(&parts.join(" "))
        }
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Duration {
        Duration::parse(s).unwrap()
    }

    fn date(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn short_long_and_iso_forms_agree() {
        assert_eq!(d("6mo"), Duration::months(6));
        assert_eq!(d("6 months"), Duration::months(6));
        assert_eq!(d("1 month"), Duration::months(1));
        assert_eq!(d("P6M"), Duration::months(6));
        assert_eq!(d("30d"), Duration::days(30));
        assert_eq!(d("P30D"), Duration::days(30));
        assert_eq!(d("2y"), Duration::years(2));
        assert_eq!(
            d("P1Y2M"),
            Duration {
                years: 1,
                months: 2,
                ..Duration::ZERO
            }
        );
        assert_eq!(
            d("1y 6mo"),
            Duration {
                years: 1,
                months: 6,
                ..Duration::ZERO
            }
        );
        assert_eq!(d("6w").weeks, 6);
        assert_eq!(d("0d"), Duration::ZERO);
    }

    #[test]
    fn bad_durations_are_refused_with_a_reason() {
        for bad in [
            "",
            "6",
            "6m",
            "six months",
            "P",
            "P6",
            "PT5H",
            "mo",
            "6x",
            "P1M1Y",
            "-3d",
        ] {
            assert!(Duration::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(Duration::parse("6m").unwrap_err().0.contains("`mo`"));
        assert!(Duration::parse("99999999999y").is_err());
        assert!(Duration::parse("20000y").is_err());
    }

    #[test]
    fn days_use_mean_gregorian_month_and_year() {
        assert_eq!(d("1mo").as_days(), 30.4375);
        assert_eq!(d("1y").as_days(), 365.25);
        assert_eq!(d("2w").as_days(), 14.0);
        assert_eq!(d("6mo").as_days(), 182.625);
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(d("1mo").add_to(date(2027, 1, 31)), Some(date(2027, 2, 28)));
        assert_eq!(d("1mo").add_to(date(2028, 1, 31)), Some(date(2028, 2, 29)));
        assert_eq!(d("1y").add_to(date(2028, 2, 29)), Some(date(2029, 2, 28)));
        assert_eq!(d("6mo").sub_from(date(2027, 7, 1)), Some(date(2027, 1, 1)));
        assert_eq!(
            d("1mo").sub_from(date(2027, 3, 31)),
            Some(date(2027, 2, 28))
        );
    }

    #[test]
    fn display_round_trips() {
        for s in ["6mo", "30d", "1y 6mo", "2w", "0d", "1y 2mo 3w 4d"] {
            assert_eq!(d(s).to_string(), s);
            assert_eq!(d(&d(s).to_string()), d(s));
        }
    }
}
