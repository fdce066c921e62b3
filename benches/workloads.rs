//! The workloads of the benchmarks, shared by the harness (`benches/analyses.rs`,
//! `cargo bench`) and the smoke test (`tests/bench_smoke.rs`, which runs each
//! workload once at 1,000 systems inside `cargo test`).
//!
//! Every workload runs on a landscape made by [`exitgraph::generate`] with seed
//! 1, so the benchmarks need no file and measure the same input everywhere.
//! A workload is one call of the library, the same call the CLI makes, with
//! the CLI's defaults (10,000 Monte Carlo runs, 12-month horizon, the
//! model's as-of date); it returns the report so that the harness can keep
//! the optimiser from discarding the work. `docs/performance.md` lists the
//! figures and how to reproduce them.

#![allow(dead_code)]

use chrono::NaiveDate;
use exitgraph::analysis::{
    deadlines, exit_plan, lockin, paths, propagate, review, simulate, sovereignty,
};
use exitgraph::generate::{GenOptions, generate};
use exitgraph::graph::Graph;
use exitgraph::model::{self, Cut, Duration, Lang, Limits, Model, Party, ScenarioId, VendorId};
use std::path::Path;
use std::sync::{Mutex, OnceLock};

/// The seed of every benchmark landscape.
pub const SEED: u64 = 1;

/// The sizes benchmarked by default.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// Size of the exit plan the Monte Carlo benchmark aims at (issue 7: "10,000
/// runs on an exit plan of 2,000 systems").
pub const PLAN_TARGET: usize = 2_000;

/// The scenario simulated: the largest cut of every generated landscape.
pub const SCENARIO: &str = "us-sanctions";

/// The sizes to benchmark: `EXITGRAPH_BENCH_SIZES=1000,10000` narrows them
/// (e.g. for a quick run); default 1,000, 10,000 and 100,000.
pub fn sizes() -> Vec<usize> {
    match std::env::var("EXITGRAPH_BENCH_SIZES") {
        Ok(s) if !s.trim().is_empty() => s
            .split(',')
            .filter_map(|x| x.trim().replace('_', "").parse().ok())
            .collect(),
        _ => SIZES.to_vec(),
    }
}

/// A generated landscape, loaded, with the choices the workloads need.
pub struct Fixture {
    pub systems: usize,
    /// The model TOML.
    pub text: String,
    pub graph: Graph,
    pub as_of: NaiveDate,
    /// The vendor whose exit plan is closest to [`PLAN_TARGET`] systems.
    pub exit_vendor: VendorId,
    /// Its number of systems (the plan's size).
    pub exit_systems: usize,
    pub scenario: ScenarioId,
    /// The vendor cut by the `largest-vendor-cut` scenario (the largest
    /// vendor group): the exit plan of the networkx comparison.
    pub largest_vendor: VendorId,
}

/// The fixture of a size, built on first use and kept for the process
/// (generating and loading 100,000 systems takes seconds).
pub fn fixture(systems: usize) -> &'static Fixture {
    static CACHE: OnceLock<Mutex<Vec<&'static Fixture>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(f) = cache.iter().find(|f| f.systems == systems) {
        return f;
    }
    let f: &'static Fixture = Box::leak(Box::new(build_fixture(systems)));
    cache.push(f);
    f
}

fn build_fixture(systems: usize) -> Fixture {
    let text = generate(&GenOptions::new(systems, SEED)).expect("generator options are valid");
    let graph = Graph::build(load_validate(&text));
    let m = graph.model();
    let as_of = m
        .organisation
        .as_of
        .expect("generated models have an as-of date");
    let (exit_vendor, exit_systems) = vendor_near(&graph, PLAN_TARGET);
    let scenario = m
        .scenario_id(SCENARIO)
        .expect("generated models have the us-sanctions scenario");
    let largest_vendor = m
        .scenario_id("largest-vendor-cut")
        .and_then(|s| match m.scenario(s).cuts.first().map(|c| &c.target) {
            Some(Cut::Vendor(v)) => Some(*v),
            _ => None,
        })
        .expect("generated models have the largest-vendor-cut scenario");
    eprintln!(
        "fixture: {systems} systems (seed {SEED}); exit plan of `{}`: {exit_systems} systems; largest vendor `{}`",
        m.vendor(exit_vendor).id,
        m.vendor(largest_vendor).id
    );
    Fixture {
        systems,
        text,
        graph,
        as_of,
        exit_vendor,
        exit_systems,
        scenario,
        largest_vendor,
    }
}

/// The vendor whose exit plan (the in-use systems it or a vendor it controls
/// makes or operates) is closest to `target` systems; ties by vendor order.
/// One pass over the systems: each system counts once for every vendor up
/// the ownership chains of its vendor and operator.
pub fn vendor_near(g: &Graph, target: usize) -> (VendorId, usize) {
    let m = g.model();
    let mut count = vec![0usize; m.vendors.len()];
    let mut seen: Vec<VendorId> = Vec::new();
    for s in &m.systems {
        if !s.in_use() {
            continue;
        }
        seen.clear();
        for p in [s.vendor, s.operator] {
            if let Party::Vendor(v) = p {
                seen.extend(g.ownership_chain(v));
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for v in &seen {
            count[v.index()] += 1;
        }
    }
    m.vendor_ids()
        .map(|v| (v, count[v.index()]))
        .min_by_key(|&(v, c)| (c.abs_diff(target), v))
        .expect("generated models have vendors")
}

/// Load and validate: TOML text to a validated model (the CLI reads the
/// file first; reading 66 MB from the page cache is not measured here).
pub fn load_validate(text: &str) -> Model {
    model::load_str(
        "bench.toml",
        Path::new("bench.toml"),
        text,
        &Limits::default(),
    )
    .expect("generated models validate")
}

/// Graph build from a validated model.
pub fn graph_build(model: Model) -> Graph {
    Graph::build(model)
}

/// `exitgraph hotspots`: lock-in scores, impacts, vendor aggregates, spend.
pub fn hotspots(f: &Fixture) -> lockin::HotspotsReport {
    lockin::hotspots(&f.graph, false)
}

/// `exitgraph deadlines`: every contract's dates, with the P80 of the exit
/// plan of its systems (`runs` Monte Carlo runs per distinct set of systems;
/// the CLI's default and the benchmark's is 10,000).
pub fn deadlines(f: &Fixture, runs: u32) -> deadlines::Deadlines {
    deadlines::deadlines(
        &f.graph,
        &deadlines::DeadlineOptions {
            as_of: f.as_of,
            horizon: Duration::months(12),
            plan: exit_plan::PlanOptions {
                runs,
                ..exit_plan::PlanOptions::default()
            },
        },
    )
}

/// `exitgraph exit --vendor V`: the exit plan of [`Fixture::exit_vendor`]
/// with `runs` Monte Carlo runs (the CLI's default and the benchmark's: 10,000).
pub fn exit_plan(f: &Fixture, runs: u32) -> exit_plan::ExitPlan {
    exit_plan::plan(
        &f.graph,
        &exit_plan::Target::Vendor(f.exit_vendor),
        &exit_plan::PlanOptions {
            runs,
            ..exit_plan::PlanOptions::default()
        },
    )
}

/// `exitgraph simulate --scenario us-sanctions`, preparation included.
pub fn simulate(f: &Fixture) -> simulate::Report {
    let sim = simulate::Simulator::new(&f.graph);
    sim.simulate(&simulate::Spec::scenario(&f.graph, f.scenario), f.as_of)
}

/// `exitgraph simulate --each-vendor`, preparation included.
pub fn each_vendor(f: &Fixture) -> simulate::EachVendor {
    simulate::Simulator::new(&f.graph).each_vendor(f.as_of)
}

/// `exitgraph paths`: the dependency chains and single points of failure
/// (systems and vendors) of every critical service.
pub fn paths(f: &Fixture) -> paths::PathsReport {
    paths::paths(&f.graph, &paths::critical_services(&f.graph))
}

/// `exitgraph score`: the sovereignty self-check.
pub fn sovereignty(f: &Fixture) -> sovereignty::SovereigntyReport {
    sovereignty::check(&f.graph)
}

/// `exitgraph review`'s analysis without rendering (`review::review`):
/// hotspots, sovereignty, deadlines, the snapshot, every scenario and the
/// exit plans of the top vendor groups, with `runs` Monte Carlo runs per
/// plan (the CLI's default and the benchmark's: 10,000).
pub fn review(f: &Fixture, runs: u32) -> review::Review {
    let lang = f.graph.model().organisation.language.unwrap_or(Lang::De);
    review::review(
        &f.graph,
        &review::ReviewOptions {
            runs,
            ..review::ReviewOptions::new(f.as_of, lang)
        },
    )
}

// ---- the exitgraph side of the networkx comparison (benches/networkx) ----

/// The propagation of the `us-sanctions` cut alone: the engine's
/// preparation, the cut resolved and every system's and service's down day
/// (and cause), without the report (no states, restores, chains, money).
pub fn propagation(f: &Fixture) -> propagate::Outcome {
    let g = &f.graph;
    let engine = propagate::Engine::new(g);
    let cuts = propagate::CutSet::resolve_terms(g, &g.model().scenario(f.scenario).cuts);
    engine.cut(&cuts)
}

/// The cut-off simulation of the `us-sanctions` cut as the networkx side
/// computes it: the simulator's preparation, the propagation and the state
/// of every system and service (`Simulator::states`, the same states as the
/// report), without cause chains, restores, stranded data or money.
pub fn simulation_states(f: &Fixture) -> simulate::States {
    let sim = simulate::Simulator::new(&f.graph);
    sim.states(&simulate::Spec::scenario(&f.graph, f.scenario))
}

/// The exit plan of the largest vendor group with a single Monte Carlo run:
/// switch estimates, precedence, joint tasks, critical path and schedule
/// (what the networkx side computes, and more).
pub fn critical_path(f: &Fixture) -> exit_plan::ExitPlan {
    exit_plan::plan(
        &f.graph,
        &exit_plan::Target::Vendor(f.largest_vendor),
        &exit_plan::PlanOptions {
            runs: 1,
            ..exit_plan::PlanOptions::default()
        },
    )
}

/// The multi-year plan with the default settings (three years, the
/// organisation's parallel migrations, no budget, goal risk).
pub fn plan(f: &Fixture) -> exitgraph::analysis::plan::Plan {
    exitgraph::analysis::plan::plan(
        &f.graph,
        f.as_of,
        &exitgraph::analysis::plan::default_settings(),
    )
}
