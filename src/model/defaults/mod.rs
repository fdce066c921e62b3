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

pub use lockin::LockinWeights;
pub use switch::SwitchParams;

/// All overridable coefficients of a model.
#[derive(Clone, Debug, Default)]
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
        #[derive(Clone, Debug, PartialEq)]
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
                        p.$field = v.value;
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
