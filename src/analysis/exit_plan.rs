//! The exit plan for a target (a vendor with the vendors it controls, a
//! jurisdiction, or a list of systems): which systems to switch, in which
//! order, how long it takes and what it costs.
//!
//! The method (`docs/methodology/exit-plan.md`):
//!
//! 1. **Systems**: the in-use systems whose vendor or operator is one of the
//!    target vendors (for a vendor: itself and every vendor it controls; for
//!    a jurisdiction: every vendor whose exposure includes it), or the named
//!    in-use systems.
//! 2. **Precedence**: system t finishes before system s starts when both are
//!    switched and s depends on t through a chain of hard dependencies (plain
//!    `depends_on` entries and hard interfaces) through any systems; `any`
//!    groups do not order. Systems on a precedence cycle form one joint task
//!    whose three estimates are the sums of theirs.
//! 3. **Critical path**: the longest path by PERT mean; ties by task id.
//! 4. **Schedule**: list scheduling with at most `parallel_migrations`
//!    switches at once; a free slot takes the ready task with the longest
//!    remaining path (its own expected duration plus the longest chain after
//!    it), ties by id.
//! 5. **Monte Carlo**: the same schedule with each task's duration drawn from
//!    its PERT distribution; P50 / P80 / P95 of the total over `runs` runs.
//!    Each run `i` draws from its own ChaCha8 stream (`seed`, stream `i`), so
//!    the result does not depend on how rayon splits the runs.
//! 6. **Money**: the total switch cost, the annual cost of the contracts all
//!    of whose systems are switched, and the payback time.

use super::switch::{self, Estimate, pert_mean, pert_quantile};
use crate::graph::Graph;
use crate::model::{Country, Model, Region, SystemId, VendorId};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Pert};
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// What to leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A vendor and every vendor it controls.
    Vendor(VendorId),
    /// Every vendor whose exposure includes the country (or any EU member for `EU`).
    Jurisdiction(Region),
    /// Named systems.
    Systems(Vec<SystemId>),
}

/// The fixed default seed of the simulation.
pub const DEFAULT_SEED: u64 = 20_250_912;
/// The default number of Monte Carlo runs.
pub const DEFAULT_RUNS: u32 = 10_000;

/// Options of [`plan`].
#[derive(Clone, Debug, PartialEq)]
pub struct PlanOptions {
    /// Monte Carlo runs (at least 1).
    pub runs: u32,
    pub seed: u64,
    /// Switches at once; `None`: the organisation's `parallel_migrations`.
    pub parallel: Option<u32>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            runs: DEFAULT_RUNS,
            seed: DEFAULT_SEED,
            parallel: None,
        }
    }
}

/// One system of the plan with its estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanSystem {
    pub id: String,
    pub name: String,
    /// The vendor's id (`self` for in-house).
    pub vendor: String,
    pub optimistic_days: f64,
    pub likely_days: f64,
    pub pessimistic_days: f64,
    pub expected_days: f64,
    pub p80_days: f64,
    pub cost: f64,
    /// Durations given in the model (else estimated).
    pub given: bool,
    pub cost_given: bool,
    /// The task the system belongs to.
    pub task: String,
}

/// One task of the schedule: a system, or the systems of a precedence cycle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Task {
    /// The member ids joined by `+`.
    pub id: String,
    pub members: Vec<String>,
    pub optimistic_days: f64,
    pub likely_days: f64,
    pub pessimistic_days: f64,
    pub expected_days: f64,
    /// Expected duration plus the longest chain after it (the priority).
    pub remaining_days: f64,
    pub start_day: f64,
    pub finish_day: f64,
    /// Tasks that must finish first.
    pub after: Vec<String>,
    pub critical: bool,
}

/// A contract whose systems are all switched.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractLeft {
    pub id: String,
    pub vendor: String,
    pub annual_cost: Option<f64>,
}

/// The exit plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExitPlan {
    /// `vendor:ID`, `jurisdiction:CC` or `systems:a,b`.
    pub target: String,
    /// A readable name of the target.
    pub target_name: String,
    /// The vendors the target covers (sorted ids; empty for `systems`).
    pub vendors: Vec<String>,
    /// The systems to switch, sorted by id.
    pub systems: Vec<PlanSystem>,
    /// Named systems left out because they are not in use.
    pub skipped: Vec<String>,
    /// Tasks with more than one member (precedence cycles).
    pub joint_tasks: Vec<Vec<String>>,
    /// System ids along the critical path, in order.
    pub critical_path: Vec<String>,
    /// Length of the critical path (sum of PERT means).
    pub expected_days: f64,
    pub parallel_migrations: u32,
    /// Total of the capacity-limited schedule with expected durations.
    pub scheduled_days: f64,
    pub p50_days: f64,
    pub p80_days: f64,
    pub p95_days: f64,
    pub runs: u32,
    pub seed: u64,
    /// Tasks in schedule order (start day, then id).
    pub tasks: Vec<Task>,
    pub total_cost: f64,
    pub contracts_left_behind: Vec<ContractLeft>,
    /// Contracts covering some but not all switched systems (sorted ids).
    pub contracts_partly_affected: Vec<String>,
    pub annual_cost_left_behind: f64,
    /// Total cost / annual cost left behind; `None` without savings.
    pub payback_years: Option<f64>,
}

/// The vendors a target covers, sorted.
pub fn target_vendors(g: &Graph, target: &Target) -> Vec<VendorId> {
    match target {
        Target::Vendor(v) => g.controlled(*v),
        Target::Jurisdiction(Region::Country(c)) => g.vendors_exposed_to(&[*c]),
        Target::Jurisdiction(Region::Eu) => {
            let eu: Vec<Country> = Country::eu_members().collect();
            g.vendors_exposed_to(&eu)
        }
        Target::Systems(_) => Vec::new(),
    }
}

/// The in-use systems of a target (sorted by id) and the named ones not in use.
pub fn target_systems(g: &Graph, target: &Target) -> (Vec<SystemId>, Vec<SystemId>) {
    let m = g.model();
    let mut all = match target {
        Target::Systems(v) => v.clone(),
        _ => g.systems_of(&target_vendors(g, target)),
    };
    all.sort_unstable();
    all.dedup();
    let (mut used, mut skipped): (Vec<SystemId>, Vec<SystemId>) =
        all.into_iter().partition(|s| m.system(*s).in_use());
    if !matches!(target, Target::Systems(_)) {
        skipped.clear();
    }
    let by_id = |a: &SystemId, b: &SystemId| m.system(*a).id.cmp(&m.system(*b).id);
    used.sort_by(by_id);
    skipped.sort_by(by_id);
    (used, skipped)
}

fn target_label(m: &Model, target: &Target) -> (String, String) {
    match target {
        Target::Vendor(v) => (
            format!("vendor:{}", m.vendor(*v).id),
            m.vendor(*v).name.clone(),
        ),
        Target::Jurisdiction(r) => (format!("jurisdiction:{r}"), format!("jurisdiction {r}")),
        Target::Systems(v) => {
            let mut ids: Vec<&str> = v.iter().map(|s| m.system(*s).id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            (
                format!("systems:{}", ids.join(",")),
                format!(
                    "{} named system{}",
                    ids.len(),
                    if ids.len() == 1 { "" } else { "s" }
                ),
            )
        }
    }
}

/// A duration key for ties: values within a millionth of a day are equal.
fn key(x: f64) -> i64 {
    (x * 1e6).round() as i64
}

/// The task graph: durations, successors and priorities, ready to schedule.
#[derive(Clone, Debug)]
pub(crate) struct TaskGraph {
    /// Per task: (optimistic, likely, pessimistic) days.
    pub est: Vec<[f64; 3]>,
    pub expected: Vec<f64>,
    /// Successors per task (sorted, unique).
    pub succ: Vec<Vec<usize>>,
    /// Number of predecessors per task.
    pub indeg: Vec<u32>,
    /// Priority rank per task (0 = first): remaining path desc, then id.
    pub rank: Vec<u32>,
    /// Task at each rank.
    pub by_rank: Vec<usize>,
    /// Longest path from each task (expected durations), itself included.
    pub remaining: Vec<f64>,
}

impl TaskGraph {
    /// Builds the graph from estimates and edges; tasks are already in id order,
    /// so a lower index is a smaller id.
    pub(crate) fn new(est: Vec<[f64; 3]>, edges: &[(usize, usize)]) -> TaskGraph {
        let n = est.len();
        let expected: Vec<f64> = est.iter().map(|e| pert_mean(e[0], e[1], e[2])).collect();
        let mut succ = vec![Vec::new(); n];
        for &(a, b) in edges {
            if a != b {
                succ[a].push(b);
            }
        }
        let mut indeg = vec![0u32; n];
        for s in succ.iter_mut() {
            s.sort_unstable();
            s.dedup();
            for &b in s.iter() {
                indeg[b] += 1;
            }
        }
        // Topological order (Kahn, smallest index first), then remaining paths backwards.
        let mut deg = indeg.clone();
        let mut heap: BinaryHeap<Reverse<usize>> =
            (0..n).filter(|&i| deg[i] == 0).map(Reverse).collect();
        let mut topo = Vec::with_capacity(n);
        while let Some(Reverse(i)) = heap.pop() {
            topo.push(i);
            for &b in &succ[i] {
                deg[b] -= 1;
                if deg[b] == 0 {
                    heap.push(Reverse(b));
                }
            }
        }
        let mut remaining = expected.clone();
        for &i in topo.iter().rev() {
            let best = succ[i]
                .iter()
                .map(|&b| remaining[b])
                .fold(0.0f64, f64::max);
            remaining[i] = expected[i] + best;
        }
        let mut by_rank: Vec<usize> = (0..n).collect();
        by_rank.sort_by(|&a, &b| key(remaining[b]).cmp(&key(remaining[a])).then(a.cmp(&b)));
        let mut rank = vec![0u32; n];
        for (r, &t) in by_rank.iter().enumerate() {
            rank[t] = r as u32;
        }
        TaskGraph {
            est,
            expected,
            succ,
            indeg,
            rank,
            by_rank,
            remaining,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.est.len()
    }

    /// The critical path (task indices) and its length.
    pub(crate) fn critical_path(&self) -> (Vec<usize>, f64) {
        let n = self.len();
        let starts = (0..n).filter(|&i| self.indeg[i] == 0);
        let Some(mut cur) = starts.min_by(|&a, &b| {
            key(self.remaining[b])
                .cmp(&key(self.remaining[a]))
                .then(a.cmp(&b))
        }) else {
            return (Vec::new(), 0.0);
        };
        let length = self.remaining[cur];
        let mut path = vec![cur];
        while let Some(&next) = self.succ[cur].iter().min_by(|&&a, &&b| {
            key(self.remaining[b])
                .cmp(&key(self.remaining[a]))
                .then(a.cmp(&b))
        }) {
            path.push(next);
            cur = next;
        }
        (path, length)
    }

    /// List scheduling of the tasks with the given durations and capacity.
    /// Returns the total; fills `starts` when given.
    pub(crate) fn schedule(
        &self,
        dur: &[f64],
        capacity: usize,
        scratch: &mut Scratch,
        mut starts: Option<&mut Vec<f64>>,
    ) -> f64 {
        let n = self.len();
        let cap = capacity.max(1);
        scratch.deg.clear();
        scratch.deg.extend_from_slice(&self.indeg);
        scratch.ready.clear();
        scratch.running.clear();
        for i in 0..n {
            if self.indeg[i] == 0 {
                scratch.ready.push(Reverse(self.rank[i]));
            }
        }
        if let Some(s) = starts.as_deref_mut() {
            s.clear();
            s.resize(n, 0.0);
        }
        let mut time = 0.0f64;
        let mut done = 0usize;
        while done < n {
            while scratch.running.len() < cap {
                let Some(Reverse(r)) = scratch.ready.pop() else {
                    break;
                };
                let t = self.by_rank[r as usize];
                if let Some(s) = starts.as_deref_mut() {
                    s[t] = time;
                }
                scratch.running.push(Reverse(Running {
                    finish: time + dur[t],
                    rank: r,
                }));
            }
            let Some(Reverse(first)) = scratch.running.pop() else {
                // Nothing runs and nothing is ready: cannot happen on a DAG.
                break;
            };
            time = first.finish;
            let finish = |r: u32, scratch: &mut Scratch| {
                let t = self.by_rank[r as usize];
                for &b in &self.succ[t] {
                    scratch.deg[b] -= 1;
                    if scratch.deg[b] == 0 {
                        scratch.ready.push(Reverse(self.rank[b]));
                    }
                }
            };
            finish(first.rank, scratch);
            done += 1;
            while let Some(Reverse(next)) = scratch.running.peek() {
                if next.finish > time {
                    break;
                }
                let r = next.rank;
                scratch.running.pop();
                finish(r, scratch);
                done += 1;
            }
        }
        time
    }

    /// Monte Carlo totals of `runs` runs, sorted ascending.
    pub(crate) fn simulate(&self, capacity: usize, runs: u32, seed: u64) -> Vec<f64> {
        let dists: Vec<Option<Pert<f64>>> = self
            .est
            .iter()
            .map(|e| {
                if e[2] > e[0] {
                    Pert::new(e[0], e[2]).with_mode(e[1].clamp(e[0], e[2])).ok()
                } else {
                    None
                }
            })
            .collect();
        let mut totals: Vec<f64> = (0..runs)
            .into_par_iter()
            .map_init(
                || (Scratch::default(), vec![0.0f64; self.len()]),
                |(scratch, dur), i| {
                    let mut rng = ChaCha8Rng::seed_from_u64(seed);
                    rng.set_stream(u64::from(i));
                    for (t, d) in dists.iter().enumerate() {
                        dur[t] = match d {
                            Some(p) => p.sample(&mut rng),
                            None => self.est[t][0],
                        };
                    }
                    self.schedule(dur, capacity, scratch, None)
                },
            )
            .collect();
        totals.sort_by(f64::total_cmp);
        totals
    }
}

/// A running task in the scheduler's heap: earliest finish first, then rank.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Running {
    finish: f64,
    rank: u32,
}

impl Eq for Running {}

impl Ord for Running {
    fn cmp(&self, other: &Self) -> Ordering {
        self.finish
            .total_cmp(&other.finish)
            .then(self.rank.cmp(&other.rank))
    }
}

impl PartialOrd for Running {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Reusable buffers of the scheduler.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    deg: Vec<u32>,
    ready: BinaryHeap<Reverse<u32>>,
    running: BinaryHeap<Reverse<Running>>,
}

/// The nearest-rank percentile of sorted values: the value at position
/// ceil(q x n) (1-based).
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let n = sorted.len();
    let pos = ((q * n as f64).ceil() as usize).clamp(1, n);
    sorted[pos - 1]
}

/// Precedence edges among the systems (indices into `systems`): (t, s) when
/// s depends on t through hard dependencies via any systems. The search from
/// s stops at the first switched system on each chain; the chains beyond it
/// are that system's own edges, so the order is the same.
fn precedence(g: &Graph, systems: &[SystemId]) -> Vec<(usize, usize)> {
    let n_all = g.model().systems.len();
    let mut pos = vec![usize::MAX; n_all];
    for (i, s) in systems.iter().enumerate() {
        pos[s.index()] = i;
    }
    let mut stamp = vec![u32::MAX; n_all];
    let mut edges = Vec::new();
    let mut stack = Vec::new();
    for (i, &s) in systems.iter().enumerate() {
        let mark = i as u32;
        stamp[s.index()] = mark;
        stack.clear();
        stack.push(s);
        while let Some(x) = stack.pop() {
            for &d in g.hard_deps(x) {
                if stamp[d.index()] == mark {
                    continue;
                }
                stamp[d.index()] = mark;
                if pos[d.index()] != usize::MAX {
                    edges.push((pos[d.index()], i));
                } else {
                    stack.push(d);
                }
            }
        }
        // A chain back to s itself through unswitched systems does not order s.
    }
    edges
}

/// Builds the exit plan for a target.
pub fn plan(g: &Graph, target: &Target, opts: &PlanOptions) -> ExitPlan {
    let m = g.model();
    let (systems, skipped) = target_systems(g, target);
    let estimates: Vec<Estimate> = systems.iter().map(|&s| switch::estimate(g, s)).collect();
    plan_with(g, target, opts, &systems, &skipped, &estimates, m)
}

fn plan_with(
    g: &Graph,
    target: &Target,
    opts: &PlanOptions,
    systems: &[SystemId],
    skipped: &[SystemId],
    estimates: &[Estimate],
    m: &Model,
) -> ExitPlan {
    let n = systems.len();
    let edges = precedence(g, systems);

    // Strongly connected components: each becomes one task.
    let mut pg = petgraph::graph::DiGraph::<usize, ()>::with_capacity(n, edges.len());
    let nodes: Vec<_> = (0..n).map(|i| pg.add_node(i)).collect();
    for &(a, b) in &edges {
        pg.add_edge(nodes[a], nodes[b], ());
    }
    let mut comps: Vec<Vec<usize>> = petgraph::algo::tarjan_scc(&pg)
        .into_iter()
        .map(|c| {
            let mut v: Vec<usize> = c.into_iter().map(|x| pg[x]).collect();
            v.sort_unstable();
            v
        })
        .collect();
    // Systems are sorted by id, so the first member is the smallest id; tasks
    // sort by their first member.
    comps.sort_by_key(|c| c[0]);
    let mut task_of = vec![0usize; n];
    for (t, c) in comps.iter().enumerate() {
        for &i in c {
            task_of[i] = t;
        }
    }
    let task_ids: Vec<String> = comps
        .iter()
        .map(|c| {
            c.iter()
                .map(|&i| m.system(systems[i]).id.as_str())
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();
    let est: Vec<[f64; 3]> = comps
        .iter()
        .map(|c| {
            c.iter().fold([0.0; 3], |a, &i| {
                let e = &estimates[i];
                [
                    a[0] + e.optimistic_days,
                    a[1] + e.likely_days,
                    a[2] + e.pessimistic_days,
                ]
            })
        })
        .collect();
    let task_edges: Vec<(usize, usize)> = edges
        .iter()
        .map(|&(a, b)| (task_of[a], task_of[b]))
        .filter(|(a, b)| a != b)
        .collect();
    let tg = TaskGraph::new(est, &task_edges);

    let capacity = opts
        .parallel
        .unwrap_or(m.organisation.parallel_migrations)
        .max(1);
    let (crit, expected_days) = tg.critical_path();
    let mut scratch = Scratch::default();
    let mut starts = Vec::new();
    let scheduled = tg.schedule(
        &tg.expected,
        capacity as usize,
        &mut scratch,
        Some(&mut starts),
    );

    let runs = opts.runs.max(1);
    let (p50, p80, p95) = match tg.len() {
        0 => (0.0, 0.0, 0.0),
        // One task: the exact quantiles of its PERT distribution.
        1 => {
            let e = tg.est[0];
            (
                pert_quantile(e[0], e[1], e[2], 0.5),
                pert_quantile(e[0], e[1], e[2], 0.8),
                pert_quantile(e[0], e[1], e[2], 0.95),
            )
        }
        _ => {
            let totals = tg.simulate(capacity as usize, runs, opts.seed);
            (
                percentile(&totals, 0.5),
                percentile(&totals, 0.8),
                percentile(&totals, 0.95),
            )
        }
    };

    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); tg.len()];
    for (a, s) in tg.succ.iter().enumerate() {
        for &b in s {
            preds[b].push(a);
        }
    }
    let on_crit: Vec<bool> = {
        let mut v = vec![false; tg.len()];
        for &t in &crit {
            v[t] = true;
        }
        v
    };
    let mut tasks: Vec<Task> = (0..tg.len())
        .map(|t| Task {
            id: task_ids[t].clone(),
            members: comps[t]
                .iter()
                .map(|&i| m.system(systems[i]).id.clone())
                .collect(),
            optimistic_days: tg.est[t][0],
            likely_days: tg.est[t][1],
            pessimistic_days: tg.est[t][2],
            expected_days: tg.expected[t],
            remaining_days: tg.remaining[t],
            start_day: starts[t],
            finish_day: starts[t] + tg.expected[t],
            after: preds[t].iter().map(|&p| task_ids[p].clone()).collect(),
            critical: on_crit[t],
        })
        .collect();
    tasks.sort_by(|a, b| {
        a.start_day
            .total_cmp(&b.start_day)
            .then_with(|| a.id.cmp(&b.id))
    });

    let plan_systems: Vec<PlanSystem> = systems
        .iter()
        .zip(estimates)
        .enumerate()
        .map(|(i, (&s, e))| {
            let sys = m.system(s);
            PlanSystem {
                id: sys.id.clone(),
                name: sys.name.clone(),
                vendor: m.party_id(sys.vendor).to_string(),
                optimistic_days: e.optimistic_days,
                likely_days: e.likely_days,
                pessimistic_days: e.pessimistic_days,
                expected_days: e.expected_days,
                p80_days: e.p80_days,
                cost: e.cost,
                given: e.given,
                cost_given: e.cost_given,
                task: task_ids[task_of[i]].clone(),
            }
        })
        .collect();

    // Contracts: left behind when every covered system is switched.
    let mut switched = vec![false; m.systems.len()];
    for s in systems {
        switched[s.index()] = true;
    }
    let mut left = Vec::new();
    let mut partly = Vec::new();
    for c in &m.contracts {
        let hit = c.covers.iter().filter(|s| switched[s.index()]).count();
        if hit == 0 {
            continue;
        }
        if hit == c.covers.len() {
            left.push(ContractLeft {
                id: c.id.clone(),
                vendor: m.vendor(c.vendor).id.clone(),
                annual_cost: c.annual_cost,
            });
        } else {
            partly.push(c.id.clone());
        }
    }
    left.sort_by(|a, b| a.id.cmp(&b.id));
    partly.sort();
    let annual: f64 = left.iter().filter_map(|c| c.annual_cost).sum();
    let total_cost: f64 = estimates.iter().map(|e| e.cost).sum();

    let (target_str, target_name) = target_label(m, target);
    let mut vendors: Vec<String> = target_vendors(g, target)
        .into_iter()
        .map(|v| m.vendor(v).id.clone())
        .collect();
    vendors.sort();
    ExitPlan {
        target: target_str,
        target_name,
        vendors,
        systems: plan_systems,
        skipped: skipped.iter().map(|s| m.system(*s).id.clone()).collect(),
        joint_tasks: comps
            .iter()
            .filter(|c| c.len() > 1)
            .map(|c| c.iter().map(|&i| m.system(systems[i]).id.clone()).collect())
            .collect(),
        critical_path: crit
            .iter()
            .flat_map(|&t| comps[t].iter().map(|&i| m.system(systems[i]).id.clone()))
            .collect(),
        expected_days,
        parallel_migrations: capacity,
        scheduled_days: scheduled,
        p50_days: p50,
        p80_days: p80,
        p95_days: p95,
        runs,
        seed: opts.seed,
        tasks,
        total_cost,
        contracts_left_behind: left,
        contracts_partly_affected: partly,
        annual_cost_left_behind: annual,
        payback_years: if annual > 0.0 {
            Some(total_cost / annual)
        } else {
            None
        },
    }
}

#[cfg(test)]
mod tests;
