//! The `[policy]` table: rules a landscape must satisfy, checked in CI by
//! `exitgraph check --policy` (evaluation: `analysis::policy`).
//!
//! ```toml
//! [policy]
//! max_days_to_decision = 90          # a contract decision due within 90 days (or overdue) fails
//! max_lockin = 60                    # an in-use system scoring above 60 fails
//! no_single_vendor_for_critical = true
//! data_act = true                    # any EU Data Act finding fails
//! min_sovereignty = 12               # a sovereignty total below 12 fails
//! exit_plan_for_core = true          # a core system without `exit_plan` fails
//! ```
//!
//! Reading follows the rest of the loader: [`read`] checks types and
//! unknown keys through a `decode::Table`, [`validate`] checks ranges, and
//! every rule keeps the span of its value so that a failure of a
//! model-level rule (the sovereignty total) can point at the line that set
//! it. Rules given on the command line have no span and replace the
//! model's ([`Policy::merge`]). `[policy]` belongs in the main model file,
//! like `[defaults]`.

use super::decode::{Ctx, Table};
use super::diag::{Code, Diagnostic};
use super::source::{Sp, Span};
use serde::Serialize;

/// The longest `max_days_to_decision` accepted: 100 years.
pub const MAX_DAYS: u64 = 36_500;

/// One rule of the policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    MaxDaysToDecision,
    MaxLockin,
    NoSingleVendorForCritical,
    DataAct,
    MinSovereignty,
    ExitPlanForCore,
}

impl Rule {
    /// Every rule, in the order of the documentation and of the output.
    pub const ALL: [Rule; 6] = [
        Rule::MaxDaysToDecision,
        Rule::MaxLockin,
        Rule::NoSingleVendorForCritical,
        Rule::DataAct,
        Rule::MinSovereignty,
        Rule::ExitPlanForCore,
    ];

    /// The key in `[policy]` (and, with `-` for `_`, the command-line flag).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::MaxDaysToDecision => "max_days_to_decision",
            Rule::MaxLockin => "max_lockin",
            Rule::NoSingleVendorForCritical => "no_single_vendor_for_critical",
            Rule::DataAct => "data_act",
            Rule::MinSovereignty => "min_sovereignty",
            Rule::ExitPlanForCore => "exit_plan_for_core",
        }
    }

    /// What the rule demands, in one sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Rule::MaxDaysToDecision => {
                "no contract's decision deadline is overdue or within this many days"
            }
            Rule::MaxLockin => "no in-use system has a lock-in score above this value",
            Rule::NoSingleVendorForCritical => {
                "no critical or high service stops when one vendor alone is cut"
            }
            Rule::DataAct => "no cloud contract has an EU Data Act finding",
            Rule::MinSovereignty => "the sovereignty self-check totals at least this value",
            Rule::ExitPlanForCore => {
                "every core system (in use, critical or high) has an `exit_plan`"
            }
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The value of a rule and where it was set (`None`: on the command line).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, serde::Deserialize)]
pub struct Setting<T> {
    pub value: T,
    pub span: Option<Span>,
}

impl<T> Setting<T> {
    /// A setting given on the command line.
    pub fn flag(value: T) -> Self {
        Setting { value, span: None }
    }
}

/// The validated `[policy]`: `None` means the rule is not set. A boolean
/// rule set to `false` is kept (it overrides, and says "off").
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Policy {
    pub max_days_to_decision: Option<Setting<u32>>,
    pub max_lockin: Option<Setting<f64>>,
    pub no_single_vendor_for_critical: Option<Setting<bool>>,
    pub data_act: Option<Setting<bool>>,
    pub min_sovereignty: Option<Setting<u8>>,
    pub exit_plan_for_core: Option<Setting<bool>>,
}

impl Policy {
    /// The rules that are on, in [`Rule::ALL`] order.
    pub fn active(&self) -> Vec<Rule> {
        let on = |b: &Option<Setting<bool>>| b.is_some_and(|s| s.value);
        Rule::ALL
            .into_iter()
            .filter(|r| match r {
                Rule::MaxDaysToDecision => self.max_days_to_decision.is_some(),
                Rule::MaxLockin => self.max_lockin.is_some(),
                Rule::NoSingleVendorForCritical => on(&self.no_single_vendor_for_critical),
                Rule::DataAct => on(&self.data_act),
                Rule::MinSovereignty => self.min_sovereignty.is_some(),
                Rule::ExitPlanForCore => on(&self.exit_plan_for_core),
            })
            .collect()
    }

    /// Where a rule was set, if in the model.
    pub fn span(&self, rule: Rule) -> Option<Span> {
        match rule {
            Rule::MaxDaysToDecision => self.max_days_to_decision.and_then(|s| s.span),
            Rule::MaxLockin => self.max_lockin.and_then(|s| s.span),
            Rule::NoSingleVendorForCritical => {
                self.no_single_vendor_for_critical.and_then(|s| s.span)
            }
            Rule::DataAct => self.data_act.and_then(|s| s.span),
            Rule::MinSovereignty => self.min_sovereignty.and_then(|s| s.span),
            Rule::ExitPlanForCore => self.exit_plan_for_core.and_then(|s| s.span),
        }
    }

    /// This policy with every rule that `over` sets replaced by `over`'s.
    pub fn merge(&self, over: &Policy) -> Policy {
        Policy {
            max_days_to_decision: over.max_days_to_decision.or(self.max_days_to_decision),
            max_lockin: over.max_lockin.or(self.max_lockin),
            no_single_vendor_for_critical: over
                .no_single_vendor_for_critical
                .or(self.no_single_vendor_for_critical),
            data_act: over.data_act.or(self.data_act),
            min_sovereignty: over.min_sovereignty.or(self.min_sovereignty),
            exit_plan_for_core: over.exit_plan_for_core.or(self.exit_plan_for_core),
        }
    }
}

/// `[policy]` as written, with spans.
#[derive(Debug, Default)]
pub(crate) struct RawPolicy {
    pub max_days_to_decision: Option<Sp<u64>>,
    pub max_lockin: Option<Sp<f64>>,
    pub no_single_vendor_for_critical: Option<Sp<bool>>,
    pub data_act: Option<Sp<bool>>,
    pub min_sovereignty: Option<Sp<u64>>,
    pub exit_plan_for_core: Option<Sp<bool>>,
}

/// Reads the `[policy]` table (types and unknown keys).
pub(crate) fn read(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawPolicy {
    let p = RawPolicy {
        max_days_to_decision: t.uint(cx, "max_days_to_decision"),
        max_lockin: t.number(cx, "max_lockin"),
        no_single_vendor_for_critical: t.bool(cx, "no_single_vendor_for_critical"),
        data_act: t.bool(cx, "data_act"),
        min_sovereignty: t.uint(cx, "min_sovereignty"),
        exit_plan_for_core: t.bool(cx, "exit_plan_for_core"),
    };
    t.finish(cx);
    p
}

/// Checks the ranges of the rules and returns the validated policy.
pub(crate) fn validate(raw: Option<&RawPolicy>, diags: &mut Vec<Diagnostic>) -> Policy {
    let Some(raw) = raw else {
        return Policy::default();
    };
    let flag = |b: &Option<Sp<bool>>| {
        b.as_ref().map(|s| Setting {
            value: s.value,
            span: Some(s.span),
        })
    };
    let mut out_of_range = |key: &str, span: Span, range: &str, label: &str| {
        diags.push(
            Diagnostic::error(
                Code::InvalidNumber,
                format!("`{key}` of [policy] must be {range}"),
            )
            .at(span, label.to_string()),
        );
    };
    let max_days_to_decision = match &raw.max_days_to_decision {
        Some(d) if d.value > MAX_DAYS => {
            out_of_range(
                "max_days_to_decision",
                d.span,
                "between 0 and 36500 days",
                "a number of days, e.g. 90",
            );
            None
        }
        Some(d) => Some(Setting {
            value: d.value as u32,
            span: Some(d.span),
        }),
        None => None,
    };
    let max_lockin = match &raw.max_lockin {
        Some(x) if x.value > 100.0 => {
            out_of_range(
                "max_lockin",
                x.span,
                "between 0 and 100",
                "lock-in scores run from 0 to 100",
            );
            None
        }
        Some(x) => Some(Setting {
            value: x.value,
            span: Some(x.span),
        }),
        None => None,
    };
    let min_sovereignty = match &raw.min_sovereignty {
        Some(x) if !(5..=25).contains(&x.value) => {
            out_of_range(
                "min_sovereignty",
                x.span,
                "between 5 and 25",
                "the self-check totals five scores of 1 to 5",
            );
            None
        }
        Some(x) => Some(Setting {
            value: x.value as u8,
            span: Some(x.span),
        }),
        None => None,
    };
    Policy {
        max_days_to_decision,
        max_lockin,
        no_single_vendor_for_critical: flag(&raw.no_single_vendor_for_critical),
        data_act: flag(&raw.data_act),
        min_sovereignty,
        exit_plan_for_core: flag(&raw.exit_plan_for_core),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Limits, load_str};
    use std::path::Path;

    fn load(policy: &str) -> Result<crate::model::Model, crate::model::LoadFailure> {
        let text = format!("[organisation]\nname = \"T\"\nhome = \"DE\"\n\n[policy]\n{policy}\n");
        load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
    }

    #[test]
    fn reads_every_rule_with_its_value() {
        let m = load(
            "max_days_to_decision = 90\nmax_lockin = 60.5\nno_single_vendor_for_critical = true\ndata_act = false\nmin_sovereignty = 12\nexit_plan_for_core = true",
        )
        .unwrap();
        let p = &m.policy;
        assert_eq!(p.max_days_to_decision.map(|s| s.value), Some(90));
        assert_eq!(p.max_lockin.map(|s| s.value), Some(60.5));
        assert_eq!(p.min_sovereignty.map(|s| s.value), Some(12));
        assert_eq!(p.data_act.map(|s| s.value), Some(false));
        // `data_act = false` is set but off.
        assert_eq!(
            p.active(),
            [
                Rule::MaxDaysToDecision,
                Rule::MaxLockin,
                Rule::NoSingleVendorForCritical,
                Rule::MinSovereignty,
                Rule::ExitPlanForCore
            ]
        );
        let loc = m.locate(p.span(Rule::MaxLockin).unwrap()).unwrap();
        assert_eq!((loc.line, loc.column), (7, 14));
    }

    #[test]
    fn a_model_without_policy_has_no_rules() {
        let text = "[organisation]\nname = \"T\"\nhome = \"DE\"\n";
        let m = load_str("t.toml", Path::new("t.toml"), text, &Limits::default()).unwrap();
        assert!(m.policy.active().is_empty());
        assert_eq!(m.policy, Policy::default());
    }

    #[test]
    fn out_of_range_values_and_unknown_keys_are_errors() {
        let f = load("max_lockin = 120\nmin_sovereignty = 30\nmax_lockn = 3").unwrap_err();
        let codes: Vec<(Code, String)> = f
            .diagnostics
            .iter()
            .map(|d| (d.code, d.message.clone()))
            .collect();
        assert_eq!(
            codes,
            [
                (
                    Code::InvalidNumber,
                    "`max_lockin` of [policy] must be between 0 and 100".to_string()
                ),
                (
                    Code::InvalidNumber,
                    "`min_sovereignty` of [policy] must be between 5 and 25".to_string()
                ),
                (
                    Code::UnknownKey,
                    "[policy] has no key `max_lockn`".to_string()
                ),
            ]
        );
        let unknown = &f.diagnostics[2];
        assert_eq!(
            unknown.primary.as_ref().map(|(_, l)| l.as_str()),
            Some("did you mean `max_lockin`?")
        );
    }

    #[test]
    fn wrong_types_are_errors() {
        let f = load("data_act = \"yes\"").unwrap_err();
        assert_eq!(f.diagnostics[0].code, Code::WrongType);
        assert_eq!(
            f.diagnostics[0].message,
            "`data_act` of [policy] must be true or false, found a string"
        );
    }

    #[test]
    fn command_line_settings_replace_the_model_s() {
        let m = load("max_lockin = 60\ndata_act = true").unwrap();
        let over = Policy {
            max_lockin: Some(Setting::flag(40.0)),
            data_act: Some(Setting::flag(false)),
            min_sovereignty: Some(Setting::flag(10)),
            ..Policy::default()
        };
        let p = m.policy.merge(&over);
        assert_eq!(p.max_lockin, Some(Setting::flag(40.0)));
        assert_eq!(p.active(), [Rule::MaxLockin, Rule::MinSovereignty]);
    }
}
