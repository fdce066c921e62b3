//! Smoke run of the benchmarks: every workload of `benches/analyses.rs` runs
//! once on the generated 1,000-system landscape, so that `cargo test` (and
//! CI) proves the benchmarks work without paying for them. No timing is
//! asserted; the checks tie each report to the landscape it came from. The
//! 10,000 and 100,000-system runs belong to `cargo bench` only.

#[path = "../benches/workloads.rs"]
mod workloads;

use exitgraph::model::Status;
use workloads::fixture;

const N: usize = 1_000;
/// Monte Carlo runs: the benchmarks take 10,000; a debug build needs fewer.
const RUNS: u32 = 200;

#[test]
fn load_and_graph_build_give_the_generated_landscape() {
    let f = fixture(N);
    let model = workloads::load_validate(&f.text);
    assert_eq!(model.systems.len(), N);
    let g = workloads::graph_build(model);
    assert_eq!(g.size(), f.graph.size());
}

#[test]
fn hotspots_rank_every_in_use_system() {
    let f = fixture(N);
    let m = f.graph.model();
    let r = workloads::hotspots(f);
    let in_use = m.systems.iter().filter(|s| s.in_use()).count();
    assert_eq!(r.systems.len(), in_use);
    assert_eq!(r.systems[0].rank, 1);
}

#[test]
fn deadlines_cover_every_contract() {
    let f = fixture(N);
    let r = workloads::deadlines(f, RUNS);
    assert_eq!(r.contracts.len(), f.graph.model().contracts.len());
}

#[test]
fn the_exit_plan_has_the_size_the_fixture_chose() {
    let f = fixture(N);
    let plan = workloads::exit_plan(f, RUNS);
    assert_eq!(plan.systems.len(), f.exit_systems);
    assert!(f.exit_systems > 1, "a plan worth a Monte Carlo run");
    assert_eq!(plan.runs, RUNS);
    assert!(plan.p50_days <= plan.p80_days && plan.p80_days <= plan.p95_days);
    // Every system of the plan is in use.
    let m = f.graph.model();
    for s in &plan.systems {
        let id = m.system_id(&s.id).expect("plan systems are in the model");
        assert_ne!(m.system(id).status, Status::Retired);
    }
}

#[test]
fn the_scenario_cuts_vendors_and_takes_systems_down() {
    let f = fixture(N);
    let r = workloads::simulate(f);
    assert_eq!(r.scenario, workloads::SCENARIO);
    assert!(!r.cut_vendors.is_empty());
    assert!(r.summary.systems_down > 0);
}

#[test]
fn each_vendor_ranks_every_vendor() {
    let f = fixture(N);
    let r = workloads::each_vendor(f);
    assert_eq!(r.vendors.len(), f.graph.model().vendors.len());
    assert!(r.vendors.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn the_networkx_side_workloads_run() {
    let f = fixture(N);
    let o = workloads::propagation(f);
    let sim = workloads::simulate(f);
    // The propagation alone finds the same down systems as the full simulation.
    assert_eq!(o.systems.len(), sim.summary.systems_down);
    // The states alone are those of the report.
    let st = workloads::simulation_states(f);
    assert_eq!(st.systems.len(), sim.systems.len());
    assert_eq!(st.services.len(), sim.services.len());
    let plan = workloads::critical_path(f);
    assert_eq!(plan.runs, 1);
    assert!(!plan.critical_path.is_empty());
}

#[test]
fn paths_and_the_sovereignty_check_run() {
    let f = fixture(N);
    let p = workloads::paths(f);
    assert!(!p.services.is_empty());
    let s = workloads::sovereignty(f);
    assert_eq!(s.dimensions.len(), 5);
}

#[test]
fn the_review_covers_every_scenario() {
    let f = fixture(N);
    let r = workloads::review(f, RUNS);
    let json = serde_json::to_value(&r).unwrap_or_default();
    assert_eq!(
        json["scenarios"].as_array().map(Vec::len),
        Some(f.graph.model().scenarios.len())
    );
}

#[test]
fn the_plan_keeps_its_limits() {
    let f = fixture(N);
    let p = workloads::plan(f);
    let parallel = f.graph.model().organisation.parallel_migrations as usize;
    assert!(p.quarters.iter().all(|q| q.running <= parallel));
    assert!(p.after.risk.total <= p.before.risk.total);
}
