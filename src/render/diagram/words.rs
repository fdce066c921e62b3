//! German and English words and number formats of the diagrams.
//!
//! Every text a diagram shows is written at its use site as a German and
//! an English pair (`w.t("Legende", "Legend")`), so that both languages stay
//! side by side and no key can go missing. Numbers follow the language:
//! German `1.234.567` and `12,5 %`, English `1,234,567` and `12.5 %`.

use crate::model::{Lang, Layer};
use chrono::NaiveDate;

/// The words of one language.
#[derive(Clone, Copy, Debug)]
pub struct Words(pub Lang);

impl Words {
    /// The German or the English text.
    pub fn t(self, de: &'static str, en: &'static str) -> &'static str {
        match self.0 {
            Lang::De => de,
            Lang::En => en,
        }
    }

    /// The German or the English of a formatted text.
    pub fn s(self, de: String, en: String) -> String {
        match self.0 {
            Lang::De => de,
            Lang::En => en,
        }
    }

    /// An integer with thousands separators.
    pub fn int(self, n: i64) -> String {
        let s = crate::render::text::group(n);
        match self.0 {
            Lang::De => s.replace(',', "."),
            Lang::En => s,
        }
    }

    /// A number with one decimal.
    pub fn dec1(self, x: f64) -> String {
        let s = format!("{x:.1}");
        match self.0 {
            Lang::De => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// A share (0..1) as a percentage with one decimal: `21.0 %`.
    pub fn pct(self, share: f64) -> String {
        format!("{} %", self.dec1(share * 100.0))
    }

    /// Money in whole units with the currency: `1.234 EUR`.
    pub fn money(self, x: f64, currency: &str) -> String {
        format!("{} {currency}", self.int(x.round() as i64))
    }

    /// A date: `01.12.2026` or `2026-12-01`.
    pub fn date(self, d: NaiveDate) -> String {
        match self.0 {
            Lang::De => d.format("%d.%m.%Y").to_string(),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Short month names, January first.
    pub fn months(self) -> [&'static str; 12] {
        match self.0 {
            Lang::De => [
                "Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez",
            ],
            Lang::En => [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
        }
    }

    /// `1 System` / `3 Systeme`.
    pub fn systems(self, n: usize) -> String {
        match (self.0, n) {
            (Lang::De, 1) => "1 System".into(),
            (Lang::De, n) => format!("{} Systeme", self.int(n as i64)),
            (Lang::En, 1) => "1 system".into(),
            (Lang::En, n) => format!("{} systems", self.int(n as i64)),
        }
    }

    /// `1 Dienst` / `3 Dienste`.
    pub fn services(self, n: usize) -> String {
        match (self.0, n) {
            (Lang::De, 1) => "1 Dienst".into(),
            (Lang::De, n) => format!("{} Dienste", self.int(n as i64)),
            (Lang::En, 1) => "1 service".into(),
            (Lang::En, n) => format!("{} services", self.int(n as i64)),
        }
    }

    /// `1 Anbieter` / `3 Anbieter`.
    pub fn vendors(self, n: usize) -> String {
        match (self.0, n) {
            (Lang::De, n) => format!("{} Anbieter", self.int(n as i64)),
            (Lang::En, 1) => "1 vendor".into(),
            (Lang::En, n) => format!("{} vendors", self.int(n as i64)),
        }
    }

    /// The name of an architectural layer.
    pub fn layer(self, l: Layer) -> &'static str {
        match l {
            Layer::Infrastructure => self.t("Infrastruktur", "Infrastructure"),
            Layer::Platform => self.t("Plattform", "Platform"),
            Layer::Application => self.t("Anwendung", "Application"),
            Layer::Data => self.t("Daten", "Data"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_language() {
        let de = Words(Lang::De);
        let en = Words(Lang::En);
        assert_eq!(de.int(1_957_600), "1.957.600");
        assert_eq!(en.int(1_957_600), "1,957,600");
        assert_eq!(de.pct(0.2104), "21,0 %");
        assert_eq!(en.pct(0.2104), "21.0 %");
        assert_eq!(de.money(1234.4, "EUR"), "1.234 EUR");
        assert_eq!(de.systems(1), "1 System");
        assert_eq!(en.systems(2), "2 systems");
    }
}
