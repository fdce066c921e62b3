//! The one translation layer: every word and every number format of every
//! output (review, terminal tables, charts, diagrams, calendar), in German
//! and English.
//!
//! The report is written for a council member, the CIO and emergency
//! planners, most of whom read German (domain brief): German is the default
//! ([`Lang::De`]), English the alternative. [`Tr`] is the translator of one
//! language; everything that turns data into words takes one. It holds
//!
//! - the number, money, percentage, date and duration formats of each
//!   language, with one rounding rule (`format.rs`, which has the table);
//! - the words of the model's and the analyses' enums (`vocab.rs`), each
//!   matched exhaustively, so a new variant cannot render as a wrong word;
//! - the fixed labels of the report (`labels.rs`, [`Tr::l`]).
//!
//! Sentences are written where they are used, German and English side by
//! side, through [`say!`]: it evaluates only the branch of the chosen
//! language, so the other language is never formatted.
//!
//! # Adding words
//!
//! - **A new label** (a heading, a column head): add `(key, German,
//!   English)` to `LABELS` in `labels.rs`, in key order, and call
//!   `tr.l("key")`; the test `labels_are_sorted_unique_and_complete` checks it.
//! - **A new enum from an analysis** (a status, a kind, a reason): derive
//!   `Serialize` with `#[serde(rename_all = "snake_case")]` in the analysis,
//!   then add `pub fn NAME(self, x: Enum) -> &'static str` (or `String` when
//!   the variant carries numbers) to `vocab.rs` with one `match` arm per
//!   variant, no `_ =>` arm, each arm `self.pick("Deutsch", "English")` or a
//!   [`say!`] of two `format!`s. Number parts go through the formatter
//!   (`self.int`, `self.money`, `self.date`, ...), never through `format!`
//!   of the raw number.
//! - **A sentence**: `say!(tr, format!("… {} …", tr.int(n)), format!("… {} …", tr.int(n)))`.
//!
//! One term per concept: the German word list of the report is in
//! `docs/review.md` ("Word list"); use those words.

mod contracts;
mod format;
mod labels;
mod reasons;
mod recovery;
mod vocab;

pub use format::Whole;

use crate::model::Lang;
use labels::{LABELS, MEANINGS_DE};

/// The German or the English of a text, evaluating only the chosen one:
/// `say!(tr, format!("{n} Dienste"), format!("{n} services"))`.
macro_rules! say {
    ($tr:expr, $de:expr, $en:expr $(,)?) => {
        match $crate::render::i18n::Tr::lang($tr) {
            $crate::model::Lang::De => $de,
            $crate::model::Lang::En => $en,
        }
    };
}
pub(crate) use say;

/// The translator of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    lang: Lang,
    /// Dates as `2026-12-01` (the terminal) instead of the language's form.
    iso_dates: bool,
}

impl Tr {
    /// German.
    pub const DE: Tr = Tr::new(Lang::De);
    /// English.
    pub const EN: Tr = Tr::new(Lang::En);
    /// The terminal: English, with ISO dates (`2026-12-01`, which sorts
    /// and searches well in a terminal and in CI logs).
    pub const TERMINAL: Tr = Tr {
        lang: Lang::En,
        iso_dates: true,
    };

    /// The translator of a language.
    pub const fn new(lang: Lang) -> Tr {
        Tr {
            lang,
            iso_dates: false,
        }
    }

    /// The language.
    pub fn lang(self) -> Lang {
        self.lang
    }

    fn de(self) -> bool {
        self.lang == Lang::De
    }

    /// Picks the German or the English text.
    pub fn pick<'a>(self, de: &'a str, en: &'a str) -> &'a str {
        if self.de() { de } else { en }
    }

    /// A fixed label. An unknown key is a defect of the report code: tests
    /// fail on it (debug builds); a release build shows the key.
    pub fn l(self, key: &'static str) -> &'static str {
        match LABELS.binary_search_by(|(k, _, _)| k.cmp(&key)) {
            Ok(i) => {
                let (_, de, en) = LABELS[i];
                if self.de() { de } else { en }
            }
            Err(_) => {
                debug_assert!(false, "no label `{key}`");
                key
            }
        }
    }

    /// The meaning of a coefficient; `en` is the English meaning that comes
    /// with the value.
    pub fn meaning(self, key: &str, en: &'static str) -> &'static str {
        if !self.de() {
            return en;
        }
        MEANINGS_DE
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, de)| *de)
            .unwrap_or(en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: Tr = Tr::DE;
    const EN: Tr = Tr::EN;

    #[test]
    fn labels_are_sorted_unique_and_complete_in_both_languages() {
        for w in LABELS.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
        for (k, de, en) in LABELS {
            assert!(!de.is_empty() && !en.is_empty(), "{k}");
        }
        assert_eq!(DE.l("title"), "Wechselbereitschaftsprüfung");
        assert_eq!(EN.l("title"), "Switch-readiness review");
    }

    #[test]
    fn every_coefficient_has_a_german_meaning() {
        use crate::model::defaults::{LockinWeights, switch::SwitchCoefficients};
        for key in LockinWeights::KEYS.iter().chain(SwitchCoefficients::KEYS) {
            assert!(
                MEANINGS_DE.iter().any(|(k, _)| k == key),
                "no German meaning of `{key}`"
            );
        }
    }

    #[test]
    fn articles_use_the_german_citation() {
        assert_eq!(DE.article("Art. 25(2)(d)"), "Art. 25 Abs. 2 lit. d");
        assert_eq!(DE.article("Art. 29(1)"), "Art. 29 Abs. 1");
        assert_eq!(EN.article("Art. 29(1)"), "Art. 29(1)");
    }
}
