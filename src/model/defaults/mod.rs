//! Coefficients of the analyses that a model may override in `[defaults.*]`.
//!
//! Each group is a flat table of named numbers with a documented default
//! (`docs/methodology.md` gives the source of each). The [`params!`] macro
//! generates the struct, its defaults, the reader that rejects unknown keys,
//! and the list of every value used, which the review prints in its method
//! section.

pub mod lockin;
pub mod switch;

use super::decode::{Ctx, Table};
use super::diag::{Code, Diagnostic};
use super::source::Sp;

pub use lockin::LockinWeights;
pub use switch::SwitchParams;

/// All overridable coefficients of a model.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Defaults {
    pub switch: SwitchParams,
    pub lockin: LockinWeights,
}

/// One coefficient as used, for the method section of reports.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ParamValue {
    pub key: &'static str,
    pub value: f64,
    pub default: f64,
    pub meaning: &'static str,
}

/// Generates a coefficient struct: fields, defaults, reader and listing.
#[macro_export]
macro_rules! params {
    ($(#[$doc:meta])* $name:ident { $( $(#[$fdoc:meta])* $field:ident : $default:expr => $meaning:literal ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            $( $(#[$fdoc])* pub $field: f64, )*
        }

        impl Default for $name {
            fn default() -> Self {
                $name { $( $field: $default, )* }
            }
        }

        impl $name {
            /// Every key this table accepts.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field),)*];

            /// Reads overrides from a table; unknown keys are reported.
            pub fn read(
                cx: &mut $crate::model::decode::Ctx<'_>,
                mut t: $crate::model::decode::Table<'_, '_>,
            ) -> Self {
                let mut p = Self::default();
                $(
                    if let Some(v) = t.number(cx, stringify!($field)) {
                        if $crate::model::defaults::in_bounds(cx, t.what(), stringify!($field), &v) {
                            p.$field = v.value;
                        }
                    }
                )*
                t.finish(cx);
                p
            }

            /// Every value in use, with its default and meaning.
            pub fn values(&self) -> Vec<$crate::model::defaults::ParamValue> {
                let d = Self::default();
                vec![$(
                    $crate::model::defaults::ParamValue {
                        key: stringify!($field),
                        value: self.$field,
                        default: d.$field,
                        meaning: $meaning,
                    },
                )*]
            }
        }
    };
}

/// The largest value of any coefficient.
pub const MAX_COEFFICIENT: f64 = 1_000_000.0;

/// The smallest positive value of a coefficient that divides (a wave size,
/// a unit, a curve constant); 0 keeps the default where the doc says so.
pub const MIN_DIVISOR: f64 = 0.001;

/// Curve constants of the lock-in score that divide: 0 means the default
/// (docs/methodology.md); a positive value below [`MIN_DIVISOR`] would
/// make a quotient overflow.
const DIVISORS: &[&str] = &[
    "volume_full_gb",
    "integrations_half",
    "dependents_half",
    "switch_full_ratio",
    "notice_full_months",
    "vendor_spend_full_share",
];

/// Checks a coefficient against the documented bounds (docs/model.md,
/// `[defaults.switch]` and `[defaults.lockin]`): at most
/// [`MAX_COEFFICIENT`]; `users_per_wave` at least 1, `data_gb_unit` at
/// least [`MIN_DIVISOR`], the lock-in curve constants 0 or at least
/// [`MIN_DIVISOR`]. Reports an `invalid-number` error and returns false
/// (the default is kept) when it is out of bounds.
pub fn in_bounds(cx: &mut Ctx<'_>, table: &str, key: &str, v: &Sp<f64>) -> bool {
    let x = v.value;
    let need = if x > MAX_COEFFICIENT {
        Some("at most 1,000,000")
    } else if key == "users_per_wave" && x < 1.0 {
        Some("at least 1 (users trained in one wave)")
    } else if key == "data_gb_unit" && x < MIN_DIVISOR {
        Some("at least 0.001 (it divides the data volume)")
    } else if DIVISORS.contains(&key) && x > 0.0 && x < MIN_DIVISOR {
        Some("0 (the default) or at least 0.001 (it divides)")
    } else {
        None
    };
    match need {
        Some(need) => {
            cx.push(
                Diagnostic::error(
                    Code::InvalidNumber,
                    format!("`{key}` of {table} must be {need}"),
                )
                .at(v.span, "out of range")
                .help("docs/methodology.md gives every coefficient's default and meaning"),
            );
            false
        }
        None => true,
    }
}

/// Reads the `[defaults]` table.
pub(crate) fn read(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> Defaults {
    let mut d = Defaults::default();
    if let Some(s) = t.sub(cx, "switch", "[defaults.switch]") {
        d.switch = SwitchParams::read(cx, s);
    }
    if let Some(s) = t.sub(cx, "lockin", "[defaults.lockin]") {
        d.lockin = LockinWeights::read(cx, s);
    }
    t.finish(cx);
    d
}
