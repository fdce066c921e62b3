//! Benchmarks of loading and of every analysis on generated landscapes of
//! 1,000, 10,000 and 100,000 systems (divan).
//!
//! ```text
//! cargo bench --bench analyses                                  # all sizes
//! EXITGRAPH_BENCH_SIZES=1000,10000 cargo bench --bench analyses  # fewer sizes
//! cargo bench --bench analyses -- each_vendor                   # one benchmark
//! cargo bench --bench analyses -- --test                        # each once (smoke)
//! ```
//!
//! The workloads are in `workloads.rs` (shared with `tests/bench_smoke.rs`,
//! which runs each once at 1,000 systems in `cargo test`). Landscapes are
//! generated and loaded once per size before the first benchmark that needs
//! them; that setup is not measured. Slow benchmarks take few samples
//! (`max_time`), so a full run at 100,000 systems takes about ten minutes
//! on the 2-core machine. Figures and their reading: `docs/performance.md`.

#[path = "workloads.rs"]
mod workloads;

#[path = "networkx/dependents.rs"]
mod dependents;

use divan::{Bencher, black_box};
use exitgraph::analysis::exit_plan::DEFAULT_RUNS;
use workloads::{fixture, sizes};

fn main() {
    divan::main();
}

/// Sample settings: at most 20 samples and about 20 s per benchmark and
/// size, one iteration per sample (every workload takes milliseconds or more).
const SAMPLES: u32 = 20;
const MAX_TIME: u64 = 20;

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn load_validate(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::load_validate(black_box(&f.text)));
}

/// The model is not `Clone`: each sample loads it again (setup, not
/// measured), so this benchmark takes fewer samples.
#[divan::bench(args = sizes(), sample_count = 5, sample_size = 1, max_time = MAX_TIME)]
fn graph_build(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher
        .with_inputs(|| workloads::load_validate(&f.text))
        .bench_local_values(workloads::graph_build);
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn hotspots(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::hotspots(black_box(f)));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn deadlines(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::deadlines(black_box(f), DEFAULT_RUNS));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn exit_plan_monte_carlo(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::exit_plan(black_box(f), DEFAULT_RUNS));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn simulate_scenario(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::simulate(black_box(f)));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn each_vendor(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::each_vendor(black_box(f)));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn paths(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::paths(black_box(f)));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn sovereignty(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::sovereignty(black_box(f)));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn review(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::review(black_box(f), DEFAULT_RUNS));
}

/// Few samples: at 10,000 systems one plan takes about 25 s.
#[divan::bench(args = sizes(), sample_count = 3, sample_size = 1, max_time = MAX_TIME)]
fn plan(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::plan(black_box(f)));
}

// ---- the exitgraph side of the networkx comparison (benches/networkx) ----

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn networkx_side_propagation(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::propagation(black_box(f)));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn networkx_side_simulation(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::simulation_states(black_box(f)));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn networkx_side_critical_path(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| workloads::critical_path(black_box(f)));
}

#[divan::bench(args = sizes(), sample_count = SAMPLES, sample_size = 1, max_time = MAX_TIME)]
fn networkx_side_dependents(bencher: Bencher, n: usize) {
    let f = fixture(n);
    bencher.bench(|| dependents::dependents(black_box(&f.graph)));
}
