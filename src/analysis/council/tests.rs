//! The first page's rules on the review test model (see `review/tests.rs`):
//! every system switches in exactly 30 days.

use super::*;
use crate::analysis::review::{ReviewOptions, review};
use crate::graph::Graph;
use crate::model::{Lang, Limits, load_str};
use std::path::Path;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const SWITCH: &str =
    "switch = { optimistic = \"30d\", likely = \"30d\", pessimistic = \"30d\", cost = 5000 }";

/// A US group running system a (critical service s1), a German vendor
/// running b and c; three contracts: k-due (US subsidiary, ends
/// 2027-06-30), k-ok (ends 2028-12-31), k-over (ends 2026-12-15, too soon
/// for any switch).
fn model() -> Graph {
    let text = format!(
        "[organisation]
name = \"T\"
home = \"DE\"
trusted = [\"EU\"]
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
[[contract]]
id = \"k-due\"
name = \"Due contract\"
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
[[scenario]]
id = \"cut-us\"
name = \"US cut off\"
cut = [\"jurisdiction:US\"]
"
    );
    let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

fn the_review() -> Review {
    let g = model();
    let opts = ReviewOptions {
        runs: 50,
        ..ReviewOptions::new(date(2026, 12, 1), Lang::De)
    };
    review(&g, &opts)
}

#[test]
fn recommendations_are_ordered_by_date_with_role_and_money() {
    // k-over ends 2026-12-15, before a switch could finish: extend or
    // bridge, at once, by procurement. The US group gets an exit strategy
    // (untrusted), which takes in k-due (its subsidiary's contract):
    // decided by the council by k-due's start-by date 2027-05-31 (end
    // minus 30 days); one-off 5,000 (one system), and k-due's 1,000 a
    // year fall away. The worst scenario (US cut off) breaches s1 (no way
    // back): an emergency plan by the next review.
    let r = the_review();
    type Row<'a> = (
        usize,
        Role,
        NaiveDate,
        bool,
        Option<f64>,
        Option<f64>,
        &'a str,
    );
    let got: Vec<Row> = r
        .council
        .recommendations
        .iter()
        .map(|x| {
            (
                x.number,
                x.role,
                x.decide_by,
                x.at_once,
                x.one_off_cost,
                x.annual_cost,
                x.subject.order().1,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                1,
                Role::Procurement,
                date(2026, 12, 1),
                true,
                None,
                Some(500.0),
                "k-over"
            ),
            (
                2,
                Role::Council,
                date(2027, 5, 31),
                false,
                Some(5000.0),
                Some(1000.0),
                "usa"
            ),
            (
                3,
                Role::EmergencyPlanning,
                date(2027, 12, 1),
                false,
                None,
                None,
                "cut-us"
            ),
        ]
    );
    match &r.council.recommendations[0].subject {
        Subject::ContractDecision {
            action, exit_on, ..
        } => {
            assert_eq!((*action, *exit_on), (ContractAction::ExtendOrBridge, None));
        }
        other => panic!("{other:?}"),
    }
    match &r.council.recommendations[1].subject {
        Subject::ExitStrategy {
            contracts, systems, ..
        } => assert_eq!(
            (contracts.as_slice(), *systems),
            (&["Due contract".to_string()][..], 1)
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(r.council.more_contract_decisions, 0);
    assert_eq!(r.council.one_off_total, 5000.0);
}

#[test]
fn findings_name_dependence_risks_the_worst_case_decisions_and_cost() {
    let r = the_review();
    let kinds: Vec<&str> = r
        .council
        .findings
        .iter()
        .map(|f| match f {
            Finding::Dependence { .. } => "dependence",
            Finding::LargestRisks { .. } => "risks",
            Finding::WorstScenario { .. } => "worst",
            Finding::NoWorstScenario { .. } => "no-worst",
            Finding::DecisionsDue { .. } => "decisions",
            Finding::ExitCost { .. } => "cost",
        })
        .collect();
    assert_eq!(kinds, ["dependence", "risks", "worst", "decisions", "cost"]);
    // The US cut stops s1 on the review date, with no way back (no
    // alternative recorded): no known outage length.
    match &r.council.findings[2] {
        Finding::WorstScenario {
            services_down,
            services_total,
            first_down,
            longest_outage_days,
            without_way_back,
            ..
        } => assert_eq!(
            (
                *services_down,
                *services_total,
                *first_down,
                *longest_outage_days,
                *without_way_back
            ),
            (1, 2, Some(date(2026, 12, 1)), None, 1)
        ),
        other => panic!("{other:?}"),
    }
    match &r.council.findings[3] {
        Finding::DecisionsDue {
            contracts,
            overdue,
            annual_cost,
            first_act_by,
            ..
        } => assert_eq!(
            (*contracts, *overdue, *annual_cost, *first_act_by),
            (2, 1, 1500.0, Some(date(2026, 12, 1)))
        ),
        other => panic!("{other:?}"),
    }
}
