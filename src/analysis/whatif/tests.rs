//! What-if invariants on the example model.

use super::*;
use crate::model::{Limits, load, load_str};
use std::path::Path;

fn example() -> Graph {
    let m = load(Path::new("examples/musterstadt.toml"))
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    let mut g = Graph::build(m);
    g.set_review_date(as_of());
    g
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn sid(g: &Graph, id: &str) -> SystemId {
    g.model().system_id(id).unwrap()
}

#[test]
fn replacing_a_system_by_itself_changes_nothing() {
    let g = example();
    let s = sid(&g, "m365");
    let w = whatif(&g, &[Request::Replace { system: s, by: s }], as_of());
    assert_eq!(w.before, w.after);
    assert_eq!(w.moves[0].cautions, vec![Caution::Itself]);
    assert_eq!(w.totals.one_off_cost, 0.0);
    assert_eq!(w.totals.running_cost_change, 0.0);
}

#[test]
fn the_us_office_suite_replaced_by_open_source_never_makes_the_us_scenario_worse() {
    let g = example();
    let w = whatif(
        &g,
        &[Request::Replace {
            system: sid(&g, "m365"),
            by: sid(&g, "opendesk"),
        }],
        as_of(),
    );
    let us = |m: &Metrics| {
        m.scenarios
            .iter()
            .find(|s| s.scenario == "us-sanctions")
            .map(|s| (s.services_down, s.weight))
            .unwrap()
    };
    assert!(us(&w.after) <= us(&w.before));
    assert!(w.after.untrusted_share <= w.before.untrusted_share);
    assert!(w.after.risk.total < w.before.risk.total);
    assert!(
        w.moves[0].cautions.is_empty(),
        "opendesk is a listed alternative"
    );
    // The jurisdiction lock-in factor of the replacement is not above the old one's.
    let after_g = target_graph(
        &g,
        &resolve(
            &g,
            &[Request::Replace {
                system: sid(&g, "m365"),
                by: sid(&g, "opendesk"),
            }],
        )
        .0,
        as_of(),
    );
    let factor = |g: &Graph, id: &str| {
        crate::analysis::lockin::hotspots(g, false)
            .systems
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| {
                s.factors
                    .iter()
                    .find(|f| f.name == crate::analysis::lockin::FactorName::Jurisdiction)
                    .map(|f| f.points)
            })
            .unwrap_or(0.0)
    };
    assert!(factor(&after_g, "opendesk") <= factor(&g, "m365"));
}

#[test]
fn dropping_microsoft_moves_what_has_an_alternative_and_names_what_stays() {
    let g = example();
    let ms = g.model().vendor_id("microsoft").unwrap();
    let w = whatif(&g, &[Request::DropVendor(ms)], as_of());
    let moved: Vec<&str> = w.moves.iter().map(|m| m.system.as_str()).collect();
    assert!(moved.contains(&"m365") && moved.contains(&"active-directory"));
    assert!(
        w.unmoved
            .iter()
            .any(|u| u.system == "windows-clients" && u.reason == Unmovable::NoAlternative)
    );
    let us = |m: &Metrics| {
        m.scenarios
            .iter()
            .find(|s| s.scenario == "us-sanctions")
            .unwrap()
            .services_down
    };
    assert!(us(&w.after) < us(&w.before));
    assert!(w.totals.running_cost_change < 0.0);
    assert!(w.totals.elapsed_p80_days >= w.moves.iter().map(|m| m.p80_days).fold(0.0, f64::max));
}

#[test]
fn the_target_state_toml_validates_and_gives_the_same_after_numbers() {
    let g = example();
    let m = g.model();
    let reqs = [
        Request::DropVendor(m.vendor_id("microsoft").unwrap()),
        Request::Replace {
            system: sid(&g, "vsphere"),
            by: sid(&g, "proxmox-ve"),
        },
        Request::Rehost {
            system: sid(&g, "finanzwesen"),
            operator: crate::model::Party::Own,
        },
    ];
    let w = whatif(&g, &reqs, as_of());
    let (moves, _) = resolve(&g, &reqs);
    let after = crate::model::edit::apply(m, &moves);
    let text = std::fs::read_to_string("examples/musterstadt.toml").unwrap();
    let toml = crate::interop::target::target_toml(m, &after, &text).unwrap();
    let again = load_str(
        "target.toml",
        Path::new("examples/target.toml"),
        &toml,
        &Limits::default(),
    )
    .unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    let mut g2 = Graph::build(again);
    g2.set_review_date(as_of());
    assert_eq!(crate::analysis::metrics::metrics(&g2, as_of()), w.after);
}

#[test]
fn elapsed_lays_moves_on_teams_longest_first() {
    assert_eq!(elapsed(vec![10.0, 10.0, 10.0], 2), 20.0);
    assert_eq!(elapsed(vec![30.0, 10.0, 10.0, 10.0], 2), 30.0);
    assert_eq!(elapsed(vec![], 3), 0.0);
}
