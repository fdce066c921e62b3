//! The review's own rules on a small model, each number checked by hand.
//!
//! Every system switches in exactly 30 days (all three estimates 30 days),
//! so every exit plan's P80 is 30 days and each decision deadline is the
//! contract's end minus 30 days.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const SWITCH: &str = "switch = { optimistic = \"30d\", likely = \"30d\", pessimistic = \"30d\" }";

fn model(trusted: &str, scenarios: &str) -> Graph {
    let text = format!(
        "[organisation]
name = \"T\"
home = \"DE\"
trusted = {trusted}
[[vendor]]
id = \"usa\"
name = \"US Parent\"
country = \"US\"
[[vendor]]
id = \"us-de\"
name = \"German subsidiary\"
country = \"DE\"
parent = \"usa\"
[[vendor]]
id = \"de\"
name = \"German vendor\"
country = \"DE\"
[[system]]
id = \"a\"
name = \"A\"
vendor = \"usa\"
operator = \"us-de\"
criticality = \"high\"
{SWITCH}
[[system]]
id = \"b\"
name = \"B\"
vendor = \"de\"
operator = \"de\"
criticality = \"medium\"
{SWITCH}
[[system]]
id = \"c\"
name = \"C\"
vendor = \"de\"
operator = \"de\"
criticality = \"low\"
{SWITCH}
[[service]]
id = \"s1\"
name = \"S1\"
criticality = \"critical\"
max_outage = \"1d\"
needs = [\"a\"]
[[service]]
id = \"s2\"
name = \"S2\"
criticality = \"medium\"
max_outage = \"1d\"
needs = [\"b\"]
[[service]]
id = \"s3\"
name = \"S3\"
criticality = \"low\"
max_outage = \"1d\"
needs = [\"c\"]
[[contract]]
id = \"k-due\"
vendor = \"us-de\"
covers = [\"a\"]
kind = \"subscription\"
end = 2027-06-30
notice = \"1mo\"
annual_cost = 1000
[[contract]]
id = \"k-ok\"
vendor = \"de\"
covers = [\"b\"]
kind = \"licence\"
end = 2028-12-31
notice = \"1mo\"
annual_cost = 3000
[[contract]]
id = \"k-over\"
vendor = \"de\"
covers = [\"c\"]
kind = \"support\"
end = 2026-12-15
notice = \"1mo\"
annual_cost = 500
{scenarios}"
    );
    let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

const SCENARIOS: &str = "[[scenario]]
id = \"cut-de\"
name = \"German vendor gone\"
cut = [\"vendor:de\"]
[[scenario]]
id = \"prices\"
name = \"Prices double\"
price = [{ vendor = \"de\", factor = 2.0 }]
[[scenario]]
id = \"cut-us\"
name = \"US cut off\"
cut = [\"jurisdiction:US\"]
[[scenario]]
id = \"cut-a\"
name = \"A gone\"
cut = [\"system:a\"]
";

fn options() -> ReviewOptions {
    ReviewOptions {
        runs: 50,
        ..ReviewOptions::new(as_of(), Lang::De)
    }
}

#[test]
fn scenario_weight_sums_the_criticality_of_services_down() {
    // cut-de takes b and c (run by the vendor) and so s2 (medium, 2) and s3
    // (low, 1) down: 3; the price-only
    // scenario stops nothing: 0; cutting the US or system a takes s1
    // (critical, 4) down: 4.
    let g = model("[\"EU\"]", SCENARIOS);
    let r = review(&g, &options());
    let weights: Vec<(&str, u32, bool)> = r
        .scenarios
        .iter()
        .map(|s| (s.report.scenario.as_str(), s.weight, s.cuts_off))
        .collect();
    assert_eq!(
        weights,
        [
            ("cut-de", 3, true),
            ("prices", 0, false),
            ("cut-us", 4, true),
            ("cut-a", 4, true)
        ]
    );
}

#[test]
fn the_worst_scenario_has_the_highest_weight_and_ties_go_to_model_order() {
    // cut-us and cut-a both weigh 4, breach 1 service (no alternative: no
    // way back) and stop it on day 0: the earlier in the model wins.
    let g = model("[\"EU\"]", SCENARIOS);
    let r = review(&g, &options());
    let w = r.summary.worst_scenario.expect("a worst scenario");
    assert_eq!(w.scenario, "cut-us");
    assert_eq!(w.weight, 4);
    assert_eq!(
        (w.services_down, w.services_total, w.services_breached),
        (1, 3, 1)
    );
    assert_eq!(w.critical_services_down, 1);
    assert_eq!(w.first_down_day, Some(0));
    assert_eq!(r.summary.cutoff_scenarios, 3);
}

#[test]
fn no_worst_scenario_when_no_scenario_stops_a_service() {
    let only_prices = "[[scenario]]
id = \"prices\"
name = \"Prices double\"
price = [{ vendor = \"de\", factor = 2.0 }]
";
    let g = model("[\"EU\"]", only_prices);
    let r = review(&g, &options());
    assert_eq!(r.summary.worst_scenario, None);
    assert_eq!(r.summary.cutoff_scenarios, 0);
    assert_eq!(r.scenarios.len(), 1);
}

#[test]
fn decisions_are_the_overdue_and_due_contracts_with_the_date_to_act_on() {
    // k-over is a support contract: leaving it is a resupport (30 + 2 days
    // likely, P80 rounded up 41 days). It ends 2026-12-15 without renewal:
    // decide by 2026-11-04, past, so no exit is reachable: act now (the
    // as-of date).
    // k-due: 2027-06-30 - 30 days = 2027-05-31, within 12 months: due.
    // k-ok: 2028-12-01 is after the next review (2027-12-01): not listed.
    let g = model("[\"EU\"]", "");
    let r = review(&g, &options());
    let d = &r.summary.decisions;
    assert_eq!(d.horizon_end, Some(date(2027, 12, 1)));
    assert_eq!((d.overdue, d.due), (1, 1));
    assert_eq!(d.annual_cost, 1500.0);
    let rows: Vec<(&str, Status, Option<NaiveDate>, Option<NaiveDate>)> = d
        .contracts
        .iter()
        .map(|c| (c.contract.as_str(), c.status, c.decision_deadline, c.act_by))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "k-over",
                Status::Overdue,
                Some(date(2026, 11, 4)),
                Some(date(2026, 12, 1))
            ),
            (
                "k-due",
                Status::Due,
                Some(date(2027, 5, 31)),
                Some(date(2027, 5, 31))
            ),
        ]
    );
    assert_eq!(r.next_review, Some(date(2027, 12, 1)));
}

#[test]
fn spend_brief_counts_the_subsidiary_for_its_us_parent() {
    // 4,500 a year: 3,500 to the German vendor, 1,000 to the German
    // subsidiary of the US parent (counted for the US group, untrusted).
    // HHI = (3500/4500)^2 + (1000/4500)^2 in percent points = 6049.4 + 493.8.
    let g = model("[\"EU\"]", "");
    let r = review(&g, &options());
    let s = &r.summary.spend;
    assert_eq!(s.total, 4500.0);
    assert_eq!(s.untrusted_cost, 1000.0);
    assert_eq!(s.untrusted_share, 0.2222);
    assert_eq!(s.untrusted_countries, [Country::parse("US").unwrap()]);
    assert_eq!(s.hhi, 6543.2);
    assert_eq!(s.band, spend::Band::High);
    let largest = s.largest.as_ref().unwrap();
    assert_eq!((largest.vendor.as_str(), largest.share), ("de", 0.7778));
}

#[test]
fn exit_plans_go_to_the_top_ranked_groups_with_systems_in_use() {
    let agg = |id: &str, systems: &[&str]| lockin::VendorAggregate {
        id: id.into(),
        name: id.into(),
        country: Country::parse("DE").unwrap(),
        score: 0.0,
        factors: Vec::new(),
        spend_share: 0.0,
        annual_cost: 0.0,
        single_point_for: Vec::new(),
        single_point_day: None,
        single_point_days: Vec::new(),
        top_system: None,
        systems: systems.iter().map(|s| s.to_string()).collect(),
    };
    let ranked = [
        agg("only-contract", &[]),
        agg("first", &["a"]),
        agg("second", &["b"]),
        agg("third", &["c"]),
    ];
    let ids: Vec<&str> = exit_plan_groups(&ranked, 2)
        .iter()
        .map(|v| v.id.as_str())
        .collect();
    assert_eq!(ids, ["first", "second"]);
}

#[test]
fn each_exit_plan_leaves_the_whole_vendor_group() {
    // Both groups have one in-use system; the US group's plan switches `a`
    // (made by the parent, run by the subsidiary) in its 30 days.
    let g = model("[\"EU\"]", "");
    let r = review(&g, &options());
    assert_eq!(r.exit_plans.len(), 2);
    let us = r.exit_plans.iter().find(|e| e.vendor == "usa").unwrap();
    assert!(us.untrusted);
    let systems: Vec<&str> = us.plan.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(systems, ["a"]);
    assert_eq!(us.plan.p80_days, 30.0);
    let de = r.exit_plans.iter().find(|e| e.vendor == "de").unwrap();
    assert!(!de.untrusted);
    let systems: Vec<&str> = de.plan.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(systems, ["b", "c"]);
}

#[test]
fn trusted_jurisdictions_are_shown_as_written() {
    assert_eq!(
        trusted_display(&model("[\"EU\", \"CH\"]", "")),
        ["EU", "CH"]
    );
    assert_eq!(trusted_display(&model("[]", "")), ["DE"]);
}

#[test]
fn counts_and_method_record_what_was_used() {
    let g = model("[\"EU\"]", SCENARIOS);
    let r = review(&g, &options());
    assert_eq!(r.counts.in_use, 3);
    assert_eq!(r.counts.core_systems, 1);
    assert_eq!(r.counts.critical_services, 1);
    assert_eq!(r.counts.annual_cost, 4500.0);
    assert_eq!(r.method.runs, 50);
    assert_eq!(r.method.seed, exit_plan::DEFAULT_SEED);
    assert_eq!(r.method.horizon, Duration::months(12));
    assert_eq!(
        r.method.lockin.len(),
        crate::model::defaults::LockinWeights::KEYS.len()
    );
    assert!(r.method.switch.iter().any(|p| p.key == "cost_per_day"));
    assert_eq!(r.method.data_act.min_retrieval_days, 30.0);
}

#[test]
fn the_review_is_deterministic_and_compares_with_its_own_snapshot() {
    let g = model("[\"EU\"]", SCENARIOS);
    let a = serde_json::to_string(&review(&g, &options())).unwrap();
    let first = review(&g, &options());
    assert_eq!(a, serde_json::to_string(&first).unwrap());
    let again = review(
        &g,
        &ReviewOptions {
            baseline: Some(first.snapshot.clone()),
            ..options()
        },
    );
    let changes = again.changes.expect("a comparison");
    assert!(changes.unchanged);
    assert_eq!(changes.old.as_of, as_of());
}
