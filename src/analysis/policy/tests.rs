//! Each rule on one small model whose numbers are checked by hand.
//!
//! `crm` (US vendor and operator, region US, criticality high, switch 1 month
//! o = m = p, no alternative, one cloud contract with 3 months' notice and no
//! data retrieval period) scores:
//! interfaces 0.8 (the service `tax` relies on it: 0.5 x 1 / (1 + 5) x 10),
//! alternatives 10, switch_time 0.8 (30.44 / (4 x 182.6) x 20), contract
//! terms 5.0 ((3/6 notice + 0 renewal + 1 no retrieval) / 3 x 10),
//! jurisdiction 20, licence 5, criticality 5 (the critical service) = 46.6.
//! Its contract ends 2026-06-30 without renewal; the exit plan's P80 is
//! 30.4375 days, 31 whole days, so the decision deadline is 2026-05-30, 149
//! days after the as-of date 2026-01-01.
//! Sovereignty: data 1 (nothing to count), technology 5 (1 of 1 core system
//! within 6 months), competence 1 (0 of 1 operated in-house), standards 1
//! (nothing to count), governance 1 (no exit plan): total 9.

use super::*;
use crate::model::policy::Setting;
use crate::model::{Limits, load_str};
use chrono::NaiveDate;
use std::path::Path;

const MODEL: &str = r#"[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
switch_target = "6mo"
as_of = 2026-01-01

[[vendor]]
id = "us"
name = "US Corp"
country = "US"
[[vendor]]
id = "de"
name = "DE GmbH"
country = "DE"

[[system]]
id = "crm"
name = "CRM"
vendor = "us"
operator = "us"
region = "US"
criticality = "high"
[system.switch]
optimistic = "1mo"
likely = "1mo"
pessimistic = "1mo"

[[system]]
id = "files"
name = "Files"
vendor = "de"
licence = "open-source"
exit_plan = "wiki/files"
[system.switch]
optimistic = "1mo"
likely = "1mo"
pessimistic = "1mo"

[[contract]]
id = "crm-cloud"
vendor = "us"
kind = "cloud"
covers = ["crm"]
end = 2026-06-30
notice = "3mo"
annual_cost = 1000

[[service]]
id = "tax"
name = "Tax"
criticality = "critical"
needs = ["crm"]
"#;

fn graph() -> Graph {
    let m = load_str("t.toml", Path::new("t.toml"), MODEL, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

fn opts() -> PolicyOptions {
    PolicyOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        plan: PlanOptions::default(),
    }
}

fn run(p: Policy) -> PolicyReport {
    evaluate(&graph(), &p, &opts())
}

fn messages(r: &PolicyReport) -> Vec<(Rule, String, serde_json::Value)> {
    r.failures
        .iter()
        .map(|f| {
            let why = serde_json::to_value(&f.why).unwrap();
            (f.rule, f.element.clone(), why)
        })
        .collect()
}

#[test]
fn the_hand_checked_score_is_46_6() {
    let s = lockin::scores(&graph(), Status::InUse);
    assert_eq!(s[0].id, "crm");
    assert_eq!(s[0].score, 46.6);
    assert_eq!(s[1].score, 13.3);
}

#[test]
fn max_lockin_fails_strictly_above_the_limit() {
    let r = run(Policy {
        max_lockin: Some(Setting::flag(46.5)),
        ..Policy::default()
    });
    assert_eq!(
        messages(&r),
        [(
            Rule::MaxLockin,
            "crm".to_string(),
            serde_json::json!({
                "kind": "lockin_above",
                "score": 46.6,
                "limit": 46.5,
                "largest": [
                    {"name": "jurisdiction", "points": 20.0, "max": 20.0},
                    {"name": "alternatives", "points": 10.0, "max": 10.0},
                    {"name": "contract_terms", "points": 5.0, "max": 10.0}
                ]
            })
        )]
    );
    assert_eq!(r.rules[0].checked, 2);
    assert_eq!(r.rules[0].failed, 1);
    assert_eq!(r.rules[0].source, RuleSource::CommandLine);
    let pass = run(Policy {
        max_lockin: Some(Setting::flag(46.6)),
        ..Policy::default()
    });
    assert!(pass.passed());
}

#[test]
fn max_days_to_decision_fails_within_the_limit() {
    let r = run(Policy {
        max_days_to_decision: Some(Setting::flag(149)),
        ..Policy::default()
    });
    assert_eq!(
        messages(&r),
        [(
            Rule::MaxDaysToDecision,
            "crm-cloud".to_string(),
            serde_json::json!({
                "kind": "decision_due",
                "deadline": "2026-05-30",
                "days": 149,
                "limit": 149,
                "as_of": "2026-01-01",
                "status": "due"
            })
        )]
    );
    let pass = run(Policy {
        max_days_to_decision: Some(Setting::flag(148)),
        ..Policy::default()
    });
    assert!(pass.passed());
    assert_eq!(pass.rules[0].checked, 1);
}

/// A contract that ends before a switch could finish needs a decision
/// today (extend it or plan a bridge): it fails any limit.
#[test]
fn an_unreachable_exit_fails_any_limit_today() {
    let g = graph();
    let late = PolicyOptions {
        as_of: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        ..opts()
    };
    let r = evaluate(
        &g,
        &Policy {
            max_days_to_decision: Some(Setting::flag(0)),
            ..Policy::default()
        },
        &late,
    );
    assert_eq!(r.failures.len(), 1);
    let Why::DecisionDue { deadline, days, .. } = &r.failures[0].why else {
        panic!("{:?}", r.failures[0].why)
    };
    // No exit is reachable before the contract ends: act today.
    assert_eq!(*deadline, NaiveDate::from_ymd_opt(2026, 6, 1));
    assert_eq!(*days, 0);
}

#[test]
fn single_vendor_names_the_vendor_that_stops_the_service() {
    let r = run(Policy {
        no_single_vendor_for_critical: Some(Setting::flag(true)),
        ..Policy::default()
    });
    assert_eq!(
        messages(&r),
        [(
            Rule::NoSingleVendorForCritical,
            "tax".to_string(),
            serde_json::json!({
                "kind": "single_vendor",
                "criticality": "critical",
                "vendors": [{"vendor": "us", "country": "US", "day": 0}]
            })
        )]
    );
    let f = &r.failures[0];
    assert_eq!(
        (f.file.as_deref(), f.line, f.column),
        (Some("t.toml"), Some(49), Some(1))
    );
    // Switched off: no rule, no failure.
    let off = run(Policy {
        no_single_vendor_for_critical: Some(Setting::flag(false)),
        ..Policy::default()
    });
    assert!(off.rules.is_empty() && off.passed());
}

#[test]
fn data_act_fails_once_per_finding() {
    let r = run(Policy {
        data_act: Some(Setting::flag(true)),
        ..Policy::default()
    });
    let codes: Vec<(String, Option<usize>)> = r
        .failures
        .iter()
        .map(|f| (f.element.clone(), f.line))
        .collect();
    // The notice finding points at `notice = "3mo"` (line 46), the retrieval
    // finding at the contract's header (line 40).
    assert_eq!(
        codes,
        [
            ("crm-cloud".to_string(), Some(46)),
            ("crm-cloud".to_string(), Some(40))
        ]
    );
    assert_eq!(
        serde_json::to_value(&r.failures[0].why).unwrap(),
        serde_json::json!({
            "kind": "data_act",
            "issue": {"kind": "notice_too_long", "notice": "3mo"},
            "article": "Art. 25(2)(d)",
            "code": "data-act-notice"
        })
    );
    assert_eq!(r.rules[0].checked, 1);
}

#[test]
fn min_sovereignty_compares_the_total() {
    let r = run(Policy {
        min_sovereignty: Some(Setting::flag(10)),
        ..Policy::default()
    });
    assert_eq!(
        messages(&r),
        [(
            Rule::MinSovereignty,
            "T".to_string(),
            serde_json::json!({
                "kind": "sovereignty_below",
                "total": 9,
                "level": "critically_dependent",
                "min": 10,
                "weakest": [["data", 1], ["competence", 1], ["standards", 1], ["governance", 1]]
            })
        )]
    );
    // Set on the command line: no place to point at.
    assert_eq!(r.failures[0].line, None);
    assert!(
        run(Policy {
            min_sovereignty: Some(Setting::flag(9)),
            ..Policy::default()
        })
        .passed()
    );
}

#[test]
fn exit_plan_for_core_ignores_systems_that_are_not_core() {
    let r = run(Policy {
        exit_plan_for_core: Some(Setting::flag(true)),
        ..Policy::default()
    });
    // `files` (medium) has a plan anyway; `crm` (high) has none.
    assert_eq!(r.failures.len(), 1);
    assert_eq!(r.failures[0].element, "crm");
    assert_eq!(r.failures[0].line, Some(17));
    assert_eq!(r.rules[0].checked, 1);
}

#[test]
fn failures_are_ordered_by_rule() {
    let r = run(Policy {
        max_lockin: Some(Setting::flag(10.0)),
        exit_plan_for_core: Some(Setting::flag(true)),
        data_act: Some(Setting::flag(true)),
        ..Policy::default()
    });
    let order: Vec<(Rule, &str)> = r
        .failures
        .iter()
        .map(|f| (f.rule, f.element.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (Rule::MaxLockin, "crm"),
            (Rule::MaxLockin, "files"),
            (Rule::DataAct, "crm-cloud"),
            (Rule::DataAct, "crm-cloud"),
            (Rule::ExitPlanForCore, "crm"),
        ]
    );
    let json = serde_json::to_value(&r.failures[1]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "rule": "max_lockin",
            "kind": "system",
            "element": "files",
            "why": {
                "kind": "lockin_above",
                "score": 13.3,
                "limit": 10.0,
                "largest": [
                    {"name": "alternatives", "points": 10.0, "max": 10.0},
                    {"name": "criticality", "points": 2.5, "max": 5.0},
                    {"name": "switch_time", "points": 0.8, "max": 20.0}
                ]
            },
            "file": "t.toml",
            "line": 29,
            "column": 1
        })
    );
}
