//! The number, money, percentage, date and duration formats of each
//! language: the one formatter every output uses (report, terminal tables,
//! charts, diagrams, calendar).
//!
//! | what | German | English |
//! |---|---|---|
//! | whole number | `1.957.600` | `1,957,600` |
//! | decimal | `2.756,4` | `2,756.4` |
//! | money (EUR) | `1.957.600 €` | `EUR 1,957,600` |
//! | money (other) | `950 CHF` | `CHF 950` |
//! | share | `35 %`, `4,4 %` | `35%`, `4.4%` |
//! | date | `01.12.2026` | `1 Dec 2026` |
//! | duration | `6 Monate`, `2,7 Jahre` | `6 months`, `2.7 years` |
//!
//! English money puts the ISO code first (`EUR 1,957,600`, the EU
//! Interinstitutional Style Guide's form), so that every currency reads the
//! same way and no `€` sign is mistaken for another currency's sign.
//!
//! **One rounding rule:** a number is rounded half away from zero at the
//! precision it is shown with, on its decimal digits (2784.5 shows as
//! `2.785` everywhere, never `2.784` in one place and `2.785` in another).
//! Thousands are always grouped, also in four-digit numbers (`1.429`).
//! Negative numbers carry a real minus sign (`−1.234`), and a value that
//! rounds to zero never shows as `−0`.

use super::Tr;
use crate::model::{Duration, Lang};
use chrono::{Datelike, NaiveDate};

/// An integer type the formatter accepts as a count.
pub trait Whole: Copy {
    fn whole(self) -> i128;
}

macro_rules! whole {
    ($($t:ty),*) => {$(
        impl Whole for $t {
            fn whole(self) -> i128 {
                self as i128
            }
        }
    )*};
}
whole!(u8, u16, u32, u64, usize, i32, i64);

/// Short month names, January first.
const MONTHS_DE: [&str; 12] = [
    "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `x` rounded half away from zero to `decimals` places, as an integer of
/// that many places (`round_scaled(2.75, 1) == 28`), decided on the
/// shortest decimal form of `x` so that `278.45` (stored as 278.4499…)
/// rounds up as a reader expects. Saturates at ±10^30.
fn round_scaled(x: f64, decimals: usize) -> i128 {
    if !x.is_finite() {
        return 0;
    }
    let text = format!("{}", x.abs());
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f),
        None => (text.as_str(), ""),
    };
    // Floats beyond 1e30 are not amounts anyone reads; keep them finite.
    let Ok(int) = int.parse::<i128>() else {
        return if x < 0.0 {
            -10i128.pow(30)
        } else {
            10i128.pow(30)
        };
    };
    let int = int.min(10i128.pow(30));
    let mut scaled = int;
    let digits: Vec<u8> = frac.bytes().map(|b| b - b'0').collect();
    for i in 0..decimals {
        scaled = scaled * 10 + i128::from(digits.get(i).copied().unwrap_or(0));
    }
    if digits.get(decimals).is_some_and(|d| *d >= 5) {
        scaled += 1;
    }
    if x < 0.0 { -scaled } else { scaled }
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

impl Tr {
    /// The thousands separator and the decimal mark.
    fn marks(self) -> (char, char) {
        match self.lang {
            Lang::De => ('.', ','),
            Lang::En => (',', '.'),
        }
    }

    /// A number with `decimals` decimals and thousands separators.
    pub fn num(self, x: f64, decimals: usize) -> String {
        let scaled = round_scaled(x, decimals);
        let (thousands, point) = self.marks();
        let digits = scaled.unsigned_abs().to_string();
        let digits = format!("{digits:0>width$}", width = decimals + 1);
        let (int, frac) = digits.split_at(digits.len() - decimals);
        let mut out = group(int, thousands);
        if decimals > 0 {
            out.push(point);
            out.push_str(frac);
        }
        if scaled < 0 { format!("−{out}") } else { out }
    }

    /// A whole number with thousands separators: `1.429` / `1,429`.
    pub fn int(self, n: impl Whole) -> String {
        let n = n.whole();
        let (thousands, _) = self.marks();
        let out = group(&n.unsigned_abs().to_string(), thousands);
        if n < 0 { format!("−{out}") } else { out }
    }

    /// A number with one decimal (scores, points): `53,0` / `53.0`.
    pub fn dec1(self, x: f64) -> String {
        self.num(x, 1)
    }

    /// A number with at most one decimal, without a trailing `,0`.
    pub fn num1(self, x: f64) -> String {
        let scaled = round_scaled(x, 1);
        if scaled % 10 == 0 {
            self.num(x, 0)
        } else {
            self.num(x, 1)
        }
    }

    /// Money in whole units: `1.957.600 €` / `EUR 1,957,600`; other
    /// currencies by their code (`950 CHF` / `CHF 950`).
    pub fn money(self, x: f64, currency: &str) -> String {
        let n = self.num(x, 0);
        match (self.lang, currency) {
            (Lang::De, "EUR") => format!("{n} €"),
            (Lang::De, c) => format!("{n} {c}"),
            (Lang::En, c) => format!("{c} {n}"),
        }
    }

    /// An estimate of money said with "etwa" / "about": rounded to three
    /// significant digits (`11.933.501` → `11.900.000 €`), so that the
    /// figure does not claim a precision the estimate does not have.
    pub fn money_about(self, x: f64, currency: &str) -> String {
        let rounded = if x.is_finite() && x.abs() >= 1000.0 {
            let unit = 10f64.powi(x.abs().log10().floor() as i32 - 2);
            (x / unit).round() * unit
        } else {
            x
        };
        self.money(rounded, currency)
    }

    /// A share (0..1) as a percentage: whole percent, one decimal below
    /// 10 % when it is not whole (`35 %`, `4,4 %`, `0,5 %` / `35%`, `4.4%`).
    pub fn pct(self, share: f64) -> String {
        let p = share * 100.0;
        let tenth = round_scaled(p, 1);
        let text = if tenth != 0 && tenth.abs() < 100 && tenth % 10 != 0 {
            self.num(p, 1)
        } else {
            self.num(p, 0)
        };
        match self.lang {
            Lang::De => format!("{text} %"),
            Lang::En => format!("{text}%"),
        }
    }

    /// A percentage with a fixed number of decimals, for tables that show
    /// the stored digits (`33,21 %` / `33.21%`).
    pub fn pct_fixed(self, share: f64, decimals: usize) -> String {
        let text = self.num(share * 100.0, decimals);
        match self.lang {
            Lang::De => format!("{text} %"),
            Lang::En => format!("{text}%"),
        }
    }

    /// A signed change: `+3`, `−1,5`, `±0`.
    pub fn signed(self, x: f64, decimals: usize) -> String {
        let scaled = round_scaled(x, decimals);
        let text = self.num(x.abs(), decimals);
        match scaled.signum() {
            1 => format!("+{text}"),
            -1 => format!("−{text}"),
            _ => format!("±{text}"),
        }
    }

    /// A date: `01.12.2026` / `1 Dec 2026` (the terminal: `2026-12-01`).
    pub fn date(self, d: NaiveDate) -> String {
        if self.iso_dates {
            return d.format("%Y-%m-%d").to_string();
        }
        match self.lang {
            Lang::De => d.format("%d.%m.%Y").to_string(),
            Lang::En => format!(
                "{} {} {}",
                d.day(),
                MONTHS_EN[d.month0() as usize],
                d.year()
            ),
        }
    }

    /// An optional date; `–` when absent.
    pub fn odate(self, d: Option<NaiveDate>) -> String {
        d.map(|d| self.date(d)).unwrap_or_else(|| "–".into())
    }

    /// Short month names, January first (chart axes).
    pub fn months(self) -> [&'static str; 12] {
        match self.lang {
            Lang::De => MONTHS_DE,
            Lang::En => MONTHS_EN,
        }
    }

    /// A number with its unit, singular when it shows as 1.
    pub(crate) fn unit(
        self,
        n: f64,
        one_de: &str,
        many_de: &str,
        one_en: &str,
        many_en: &str,
    ) -> String {
        let text = self.num1(n);
        let one = round_scaled(n, 1) == 10;
        let word = match (self.lang, one) {
            (Lang::De, true) => one_de,
            (Lang::De, false) => many_de,
            (Lang::En, true) => one_en,
            (Lang::En, false) => many_en,
        };
        format!("{text} {word}")
    }

    /// A number of days as a reader thinks of it: hours below two days,
    /// days below 60, months below two years, else years (`36 Stunden`,
    /// `45 Tage`, `10 Monate`, `4,3 Jahre`).
    pub fn span(self, days: f64) -> String {
        let days = days.max(0.0);
        if days < 2.0 {
            self.unit((days * 24.0).ceil(), "Stunde", "Stunden", "hour", "hours")
        } else if days < 60.0 {
            self.unit(days.ceil(), "Tag", "Tage", "day", "days")
        } else if days < 730.5 {
            let months = days / crate::model::duration::DAYS_PER_MONTH;
            let m = if months >= 10.0 {
                months.round()
            } else {
                months
            };
            self.unit(m, "Monat", "Monate", "month", "months")
        } else {
            self.unit(
                days / crate::model::duration::DAYS_PER_YEAR,
                "Jahr",
                "Jahre",
                "year",
                "years",
            )
        }
    }

    /// As [`Tr::span`], in the German dative after "nach" / "after":
    /// `4 Monaten`, `2,7 Jahren`, `1 Jahr`.
    pub fn span_dative(self, days: f64) -> String {
        let text = self.span(days);
        if self.lang == Lang::En {
            return text;
        }
        for (nom, dat) in [
            (" Tage", " Tagen"),
            (" Monate", " Monaten"),
            (" Jahre", " Jahren"),
        ] {
            if let Some(head) = text.strip_suffix(nom) {
                return format!("{head}{dat}");
            }
        }
        text
    }

    /// Whole days: `30 Tage` / `30 days`.
    pub fn days(self, days: f64) -> String {
        self.unit(days.round(), "Tag", "Tage", "day", "days")
    }

    /// Months with at most one decimal: `4,7 Monate` / `4.7 months`.
    pub fn months_of(self, days: f64) -> String {
        self.unit(
            days / crate::model::duration::DAYS_PER_MONTH,
            "Monat",
            "Monate",
            "month",
            "months",
        )
    }

    /// A calendar duration: `3 Monate`, `1 Jahr 6 Monate`.
    pub fn duration(self, d: Duration) -> String {
        let mut parts = Vec::new();
        let mut push = |n: u32, one_de: &str, many_de: &str, one_en: &str, many_en: &str| {
            if n > 0 {
                parts.push(self.unit(f64::from(n), one_de, many_de, one_en, many_en));
            }
        };
        push(d.years, "Jahr", "Jahre", "year", "years");
        push(d.months, "Monat", "Monate", "month", "months");
        push(d.weeks, "Woche", "Wochen", "week", "weeks");
        push(d.days, "Tag", "Tage", "day", "days");
        push(d.hours, "Stunde", "Stunden", "hour", "hours");
        if parts.is_empty() {
            self.pick("0 Tage", "0 days").to_string()
        } else {
            parts.join(" ")
        }
    }

    /// A calendar duration in the German dative (`mehr als 2 Monaten`).
    pub fn duration_dative(self, d: Duration) -> String {
        let text = self.duration(d);
        if self.lang == Lang::En {
            return text;
        }
        text.split(' ')
            .map(|w| match w {
                "Tage" => "Tagen",
                "Monate" => "Monaten",
                "Jahre" => "Jahren",
                w => w,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A count with its noun: `1 Dienst`, `8 Dienste`.
    pub fn count(
        self,
        n: impl Whole,
        one_de: &str,
        many_de: &str,
        one_en: &str,
        many_en: &str,
    ) -> String {
        let one = n.whole() == 1;
        let word = match (self.lang, one) {
            (Lang::De, true) => one_de,
            (Lang::De, false) => many_de,
            (Lang::En, true) => one_en,
            (Lang::En, false) => many_en,
        };
        format!("{} {word}", self.int(n))
    }

    /// `1 System` / `3 Systeme`.
    pub fn systems(self, n: impl Whole) -> String {
        self.count(n, "System", "Systeme", "system", "systems")
    }

    /// `1 Dienst` / `3 Dienste`.
    pub fn services(self, n: impl Whole) -> String {
        self.count(n, "Dienst", "Dienste", "service", "services")
    }

    /// `1 Anbieter` / `3 vendors`.
    pub fn vendors(self, n: impl Whole) -> String {
        self.count(n, "Anbieter", "Anbieter", "vendor", "vendors")
    }

    /// Items joined as prose: `A, B und C` / `A, B and C`.
    pub fn and_list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.pick("und", "and")),
        }
    }

    /// A text in the language's quotation marks: `„x“` / `“x”`.
    pub fn quote(self, s: &str) -> String {
        match self.lang {
            Lang::De => format!("„{s}“"),
            Lang::En => format!("“{s}”"),
        }
    }

    /// A sentence ending: adds a full stop unless the text already ends
    /// with one (`Broadcom Inc.` stays `Broadcom Inc.`, not `Inc..`).
    pub fn stop(self, s: &str) -> String {
        if s.ends_with(['.', '!', '?', '…']) {
            s.to_string()
        } else {
            format!("{s}.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: Tr = Tr::DE;
    const EN: Tr = Tr::EN;

    #[test]
    fn numbers_money_and_percent_follow_each_language() {
        assert_eq!(DE.money(1_957_600.0, "EUR"), "1.957.600 €");
        assert_eq!(EN.money(1_957_600.0, "EUR"), "EUR 1,957,600");
        assert_eq!(DE.money(950.0, "CHF"), "950 CHF");
        assert_eq!(EN.money(950.0, "CHF"), "CHF 950");
        assert_eq!(DE.money_about(11_933_501.0, "EUR"), "11.900.000 €");
        assert_eq!(EN.money_about(1_004_020.0, "EUR"), "EUR 1,000,000");
        assert_eq!(DE.money_about(47_050.0, "EUR"), "47.100 €");
        assert_eq!(DE.money_about(950.0, "EUR"), "950 €");
        assert_eq!(DE.num(2756.4, 1), "2.756,4");
        assert_eq!(EN.num(-1234.5, 1), "−1,234.5");
        assert_eq!(DE.num(-0.01, 0), "0");
        assert_eq!(DE.int(1429usize), "1.429");
        assert_eq!(EN.int(-1000i64), "−1,000");
        assert_eq!(DE.pct(0.3494), "35 %");
        assert_eq!(EN.pct(0.3494), "35%");
        assert_eq!(DE.pct(0.0049), "0,5 %");
        assert_eq!(DE.pct(0.05), "5 %");
        assert_eq!(DE.pct(0.0996), "10 %");
        assert_eq!(DE.pct_fixed(0.3321, 2), "33,21 %");
        assert_eq!(DE.signed(-1.5, 1), "−1,5");
        assert_eq!(EN.signed(3.0, 0), "+3");
        assert_eq!(EN.signed(0.01, 0), "±0");
    }

    #[test]
    fn one_rounding_rule_half_away_from_zero_on_the_decimal_digits() {
        // HHI 2784.5 is 2.785 in text, tables and charts alike.
        assert_eq!(DE.num(2784.5, 0), "2.785");
        assert_eq!(DE.int(2785i64), "2.785");
        assert_eq!(EN.num(278.45, 1), "278.5");
        assert_eq!(EN.num(-0.5, 0), "−1");
        assert_eq!(EN.num(0.25, 1), "0.3");
        assert!(EN.num(1e300, 0).len() > 30);
        assert_eq!(EN.num(f64::NAN, 1), "0.0");
        assert_eq!(DE.num1(2.96), "3");
        assert_eq!(DE.num1(2.94), "2,9");
    }

    #[test]
    fn dates_and_durations_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(DE.date(d), "01.12.2026");
        assert_eq!(EN.date(d), "1 Dec 2026");
        assert_eq!(DE.duration(Duration::months(3)), "3 Monate");
        assert_eq!(EN.duration(Duration::months(1)), "1 month");
        assert_eq!(DE.duration_dative(Duration::months(2)), "2 Monaten");
        assert_eq!(DE.span(30.0), "30 Tage");
        assert_eq!(DE.span(1.0), "24 Stunden");
        assert_eq!(EN.span(4.0 / 24.0), "4 hours");
        assert_eq!(EN.span(1.0 / 24.0), "1 hour");
        assert_eq!(DE.span(2.0), "2 Tage");
        assert_eq!(DE.duration(Duration::hours(1)), "1 Stunde");
        assert_eq!(EN.duration(Duration::hours(36)), "36 hours");
        assert_eq!(DE.span(305.0), "10 Monate");
        assert_eq!(DE.span(143.0), "4,7 Monate");
        assert_eq!(EN.span(1555.0), "4.3 years");
        assert_eq!(DE.span_dative(120.0), "3,9 Monaten");
        assert_eq!(DE.span_dative(365.25), "12 Monaten");
        assert_eq!(DE.span_dative(1000.0), "2,7 Jahren");
        assert_eq!(DE.span_dative(1.0), "24 Stunden");
        assert_eq!(DE.span_dative(5.0), "5 Tagen");
    }

    #[test]
    fn lists_counts_quotes_and_full_stops() {
        let items = ["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(DE.and_list(&items), "A, B und C");
        assert_eq!(EN.and_list(&items[..1]), "A");
        assert_eq!(DE.services(1usize), "1 Dienst");
        assert_eq!(EN.services(8usize), "8 services");
        assert_eq!(DE.vendors(1usize), "1 Anbieter");
        assert_eq!(EN.systems(1_000usize), "1,000 systems");
        assert_eq!(DE.quote("x"), "„x“");
        assert_eq!(EN.stop("Broadcom Inc."), "Broadcom Inc.");
        assert_eq!(EN.stop("Broadcom"), "Broadcom.");
    }
}
