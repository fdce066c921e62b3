//! Analyses: one module per question, each a pure function from the graph
//! (and options such as the as-of date or a seed) to a `Serialize` report.
//! Analyses never print, read files or exit.

pub mod council;
pub mod data_act;
pub mod deadlines;
pub mod diff;
pub mod exit_kind;
pub mod exit_plan;
pub mod explain;
pub mod lockin;
pub mod metrics;
pub mod paths;
pub mod plan;
pub mod policy;
pub mod progress;
pub mod propagate;
pub mod review;
pub mod seal;
pub mod simulate;
pub mod sovereignty;
pub mod spend;
pub mod switch;
pub mod whatif;

/// Runs every analysis once on a graph and discards the results: used by
/// the fuzz target and property tests to show that no valid model makes an
/// analysis panic. Monte Carlo runs are kept few so that it stays fast.
pub fn exercise(g: &crate::graph::Graph) {
    use crate::model::{Cut, Duration};
    let m = g.model();
    let as_of = m
        .organisation
        .as_of
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default());
    let plan = exit_plan::PlanOptions {
        runs: 20,
        ..exit_plan::PlanOptions::default()
    };
    let _ = switch::estimate_all(g);
    let _ = data_act::findings(m);
    let _ = lockin::hotspots(g, false);
    let _ = lockin::hotspots(g, true);
    let _ = spend::concentration(g);
    let _ = sovereignty::check(g);
    let _ = seal::seal_all(g);
    let _ = paths::paths(g, &paths::critical_services(g));
    for s in m.system_ids() {
        let _ = explain::explain(g, explain::Subject::System(s));
    }
    for v in m.vendor_ids() {
        let _ = explain::explain(g, explain::Subject::Vendor(v));
        let _ = exit_plan::plan(g, &exit_plan::Target::Vendor(v), &plan);
    }
    for c in m.contract_ids() {
        let _ = explain::explain(g, explain::Subject::Contract(c));
    }
    for s in m.service_ids() {
        let _ = explain::explain(g, explain::Subject::Service(s));
    }
    let _ = deadlines::deadlines(
        g,
        &deadlines::DeadlineOptions {
            as_of,
            horizon: Duration::months(12),
            plan: plan.clone(),
        },
    );
    let _ = policy::evaluate(
        g,
        &m.policy,
        &policy::PolicyOptions {
            as_of,
            plan: plan.clone(),
        },
    );
    let mut snap = diff::SnapshotOptions::new(as_of);
    snap.plan = plan;
    let s = diff::snapshot(g, &snap);
    let _ = diff::diff(&s, &s);
    let sim = simulate::Simulator::new(g);
    for sc in m.scenario_ids() {
        let _ = sim.simulate(&simulate::Spec::scenario(g, sc), as_of);
    }
    let _ = sim.each_vendor(as_of);
    let engine = propagate::Engine::new(g);
    let mut scratch = engine.scratch();
    for v in m.vendor_ids() {
        let cuts = propagate::CutSet::resolve(g, &[Cut::Vendor(v)]);
        let outcome = engine.run(&engine.seeds(&cuts), &mut scratch);
        for d in &outcome.systems {
            let _ = outcome.chain(g, d.id);
        }
    }
}
