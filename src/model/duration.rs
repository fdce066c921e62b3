//! Durations as architects write them (`4h`, `30d`, `6w`, `6mo`, `2y`,
//! `6 months`, `P1Y2M`, `PT4H`, `P1DT12H`).
//!
//! A duration keeps its calendar components, because the two places that use
//! durations need different arithmetic: contract dates move by calendar months
//! (31 January + 1 month = 28/29 February), while switch-time estimates,
//! outages and recovery times are plain lengths of time (`h` = 1/24 day,
//! `mo` = 30.4375 days, `y` = 365.25 days, the mean Gregorian month and
//! year). See `docs/methodology.md`, "Durations".

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Days in a mean Gregorian year.
pub const DAYS_PER_YEAR: f64 = 365.25;
/// Days in a mean Gregorian month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;
/// Hours in a day.
pub const HOURS_PER_DAY: f64 = 24.0;

/// A duration with calendar components. Components are non-negative.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Duration {
    pub years: u32,
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
    pub hours: u32,
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
        hours: 0,
    };

    pub fn hours(h: u32) -> Self {
        Duration {
            hours: h,
            ..Self::ZERO
        }
    }

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

    /// The length in days, with `h` = 1/24, `mo` = 30.4375 and `y` = 365.25 days.
    pub fn as_days(&self) -> f64 {
        self.years as f64 * DAYS_PER_YEAR
            + self.months as f64 * DAYS_PER_MONTH
            + self.weeks as f64 * 7.0
            + self.days as f64
            + self.hours as f64 / HOURS_PER_DAY
    }

    /// The length in hours. Every duration is a whole number of half hours
    /// (a mean month is 730.5 hours), so the value is exact.
    pub fn as_hours(&self) -> f64 {
        (self.years as f64 * DAYS_PER_YEAR
            + self.months as f64 * DAYS_PER_MONTH
            + self.weeks as f64 * 7.0
            + self.days as f64)
            * HOURS_PER_DAY
            + self.hours as f64
    }

    /// Total calendar months (years count 12).
    pub(crate) fn total_months(&self) -> u32 {
        self.years * 12 + self.months
    }

    /// Total plain days (weeks count 7, hours are rounded up to whole days).
    pub(crate) fn total_days(&self) -> u64 {
        self.weeks as u64 * 7 + self.days as u64 + (self.hours as u64).div_ceil(24)
    }

    /// `date + self` in calendar arithmetic: months first (clamped to the last
    /// day of the month), then days; hours count as whole days, rounded up
    /// (a date has no time of day). `None` only beyond chrono's date range.
    pub fn add_to(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_add_months(Months::new(self.total_months()))?
            .checked_add_days(Days::new(self.total_days()))
    }

    /// `date - self` in calendar arithmetic: months first (clamped), then days.
    pub fn sub_from(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_sub_months(Months::new(self.total_months()))?
            .checked_sub_days(Days::new(self.total_days()))
    }

    /// Parses `4h`, `30d`, `6w`, `6mo`, `2y`, `6 months`, `1y 6mo`, `1d 12h`,
    /// or ISO 8601 `P1Y2M3W4D`, `PT4H`, `P1DT12H`.
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
    "write durations like `4h`, `30d`, `6w`, `6mo`, `2y`, `6 months` or ISO 8601 `P6M`, `PT4H`"
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
        "h" | "hr" | "hour" | "hours" | "H" => &mut d.hours,
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
            } else if ["min", "mins", "minute", "minutes"].contains(&other) {
                " (minutes are not supported: durations count whole hours at most)"
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
    let bad = || DurationError(format!("`{text}` is not an ISO 8601 duration; {}", hint()));
    let mut d = Duration::ZERO;
    let mut num = String::new();
    let mut seen = false;
    let mut time = false;
    let mut order = 0; // Y M W D, then T and H, must appear in this order
    for c in rest.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let up = c.to_ascii_uppercase();
        if up == 'T' {
            if time || !num.is_empty() {
                return Err(bad());
            }
            time = true;
            continue;
        }
        let (unit, rank) = match (time, up) {
            (false, 'Y') => ("y", 1),
            (false, 'M') => ("mo", 2),
            (false, 'W') => ("w", 3),
            (false, 'D') => ("d", 4),
            (true, 'H') => ("h", 5),
            (true, 'M' | 'S') => {
                return Err(DurationError(format!(
                    "`{text}` has minutes or seconds; durations count whole hours at most (`PT4H`)"
                )));
            }
            _ => return Err(bad()),
        };
        if num.is_empty() || rank <= order {
            return Err(bad());
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
    // `PT` without a time part, or `P1DT`, is not a duration.
    if !num.is_empty() || !seen || (time && order < 5) {
        return Err(bad());
    }
    Ok(d)
}

impl fmt::Display for Duration {
    /// Short form, e.g. `1y 6mo`, `30d`, `1d 12h`, `0d` for zero.
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
        if self.hours > 0 {
            parts.push(format!("{}h", self.hours));
        }
        if parts.is_empty() {
            f.write_str("0d")
        } else {
            f.write_str(&parts.join(" "))
        }
    }
}

/// In text formats (JSON) a duration is its text (`1y 6mo`); in binary
/// formats (model snapshots) its five components.
impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            (self.years, self.months, self.weeks, self.days, self.hours).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
            Duration::parse(&text).map_err(|e| serde::de::Error::custom(e.0))
        } else {
            let (years, months, weeks, days, hours) = Deserialize::deserialize(d)?;
            Ok(Duration {
                years,
                months,
                weeks,
                days,
                hours,
            })
        }
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
            "PT",
            "P1DT",
            "PT5M",
            "PT5H30M",
            "P1H",
            "5 minutes",
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
    fn hours_in_every_form() {
        assert_eq!(d("4h"), Duration::hours(4));
        assert_eq!(d("36 hours"), Duration::hours(36));
        assert_eq!(d("1 hour"), Duration::hours(1));
        assert_eq!(d("PT4H"), Duration::hours(4));
        assert_eq!(
            d("P1DT12H"),
            Duration {
                days: 1,
                hours: 12,
                ..Duration::ZERO
            }
        );
        assert_eq!(d("1d 12h"), d("P1DT12H"));
        assert_eq!(d("4h").as_days(), 4.0 / 24.0);
        assert_eq!(d("P1DT12H").as_hours(), 36.0);
        assert_eq!(d("1mo").as_hours(), 730.5);
        assert_eq!(
            d("1y 6mo 2w 3d 5h").as_hours(),
            d("1y 6mo 2w 3d 5h").as_days() * 24.0
        );
        assert!(
            Duration::parse("5 minutes")
                .unwrap_err()
                .0
                .contains("whole hours")
        );
        assert!(
            Duration::parse("PT30M")
                .unwrap_err()
                .0
                .contains("whole hours")
        );
    }

    #[test]
    fn calendar_arithmetic_rounds_hours_up_to_days() {
        assert_eq!(d("4h").add_to(date(2027, 1, 31)), Some(date(2027, 2, 1)));
        assert_eq!(d("24h").add_to(date(2027, 1, 31)), Some(date(2027, 2, 1)));
        assert_eq!(d("25h").add_to(date(2027, 1, 31)), Some(date(2027, 2, 2)));
        assert_eq!(
            d("1d 1h").sub_from(date(2027, 2, 2)),
            Some(date(2027, 1, 31))
        );
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
        for s in [
            "6mo",
            "30d",
            "1y 6mo",
            "2w",
            "0d",
            "1y 2mo 3w 4d",
            "4h",
            "1d 12h",
        ] {
            assert_eq!(d(s).to_string(), s);
            assert_eq!(d(&d(s).to_string()), d(s));
        }
    }
}
