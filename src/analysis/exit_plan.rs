//! The exit plan for a target (a vendor with the vendors it controls, a
//! jurisdiction, or a list of systems): which systems to switch, in which
//! order, how long it takes and what it costs.
//!
//! The method (`docs/methodology.md#exit-plan-order-critical-path-schedule-and-monte-carlo`):
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
//!    Where the total's distribution is known in closed form (one task, or
//!    tasks without precedence that all run at once) the quantiles are
//!    computed exactly instead.
//!    Each run `i` draws from its own ChaCha8 stream (`seed`, stream `i`), so
//!    the result does not depend on how rayon splits the runs.
//! 6. **Money**: the total switch cost, the annual cost of the contracts all
//!    of whose systems are switched, and the payback time.

use super::exit_kind::{self, KindBasis, KindChoice, StepKind};
use super::switch::{self, Figures, pert_mean};
use crate::graph::Graph;
use crate::model::{ContractId, Country, Layer, Model, Region, SystemId, VendorId};
use chrono::NaiveDate;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma};
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap};

/// What to leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A vendor and every vendor it controls.
    Vendor(VendorId),
    /// Every vendor whose exposure includes the country (or any EU member for `EU`).
    Jurisdiction(Region),
    /// Named systems.
    Systems(Vec<SystemId>),
    /// The in-use systems a contract covers, left as the contract says.
    Contract(ContractId),
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
    /// The review date: contracts that ended before it are not left again
    /// and save nothing. `None`: every contract counts as running.
    pub as_of: Option<NaiveDate>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            runs: DEFAULT_RUNS,
            seed: DEFAULT_SEED,
            parallel: None,
            as_of: None,
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
    /// What the step does: replace, rehost, resupport, insource or decommission.
    pub kind: StepKind,
    /// The rule that gave the kind.
    pub basis: KindBasis,
    /// The contract whose kind applies, when the system is in the plan
    /// through a contract with the party left.
    pub via: Option<String>,
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

/// A mandated system the plan keeps.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MandatedSystem {
    pub id: String,
    pub name: String,
    /// Why it is mandated (`mandated` of the system).
    pub reason: String,
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
    /// Systems of the target that are prescribed (mandated): kept, not in
    /// the plan.
    pub mandated: Vec<MandatedSystem>,
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
    /// True when P50 / P80 / P95 are exact quantiles (one task, or tasks
    /// without precedence that all run at once), false for Monte Carlo.
    pub exact_percentiles: bool,
    /// Monte Carlo runs made: at most `--runs`, fewer when the percentiles
    /// were precise enough earlier ([`monte_carlo`]); `--runs` when they
    /// are exact.
    pub runs: u32,
    pub seed: u64,
    /// Tasks in schedule order (start day, then id).
    pub tasks: Vec<Task>,
    pub total_cost: f64,
    pub contracts_left_behind: Vec<ContractLeft>,
    /// Contracts that cover switched systems but stay (they also cover
    /// systems that stay, or a covered system only moves and keeps its
    /// maker's contract), sorted ids.
    pub contracts_partly_affected: Vec<String>,
    pub annual_cost_left_behind: f64,
    /// Total cost / annual cost left behind; `None` without savings.
    pub payback_years: Option<f64>,
}

/// The vendors a target covers, sorted (for a contract: its vendor and the
/// vendors of its group).
pub fn target_vendors(g: &Graph, target: &Target) -> Vec<VendorId> {
    match target {
        Target::Vendor(v) => g.controlled(*v),
        Target::Jurisdiction(Region::Country(c)) => g.vendors_exposed_to(&[*c]),
        Target::Jurisdiction(Region::Eu) => {
            let eu: Vec<Country> = Country::eu_members().collect();
            g.vendors_exposed_to(&eu)
        }
        Target::Systems(_) => Vec::new(),
        Target::Contract(c) => g.controlled(g.top_parent(g.model().contract(*c).vendor)),
    }
}

/// One step of an exit plan: a system and how it is left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub system: SystemId,
    pub kind: StepKind,
    pub basis: KindBasis,
    /// The contract whose kind applies.
    pub via: Option<ContractId>,
}

/// The steps of a target, and what it leaves out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Steps {
    /// Sorted by system id.
    pub steps: Vec<Step>,
    /// Named systems that are not in use.
    pub skipped: Vec<SystemId>,
    /// Systems of the target that are mandated, sorted by id.
    pub mandated: Vec<SystemId>,
}

/// The steps of a target (`docs/methodology.md#exit-plans-that-follow-practice`):
///
/// 1. the in-use systems the target concerns: a vendor or jurisdiction
///    target every system its vendors make or run, and every system one of
///    their running contracts covers; a contract its covered systems;
///    named systems themselves;
/// 2. mandated systems are kept (listed, not switched);
/// 3. each step's kind follows [`exit_kind`](super::exit_kind);
/// 4. a platform or infrastructure system that the party left runs, that
///    holds no data, that something depends on, that no service needs
///    directly, and all of whose in-use dependents leave in the same plan
///    (by replace, rehost or insource) only connects to the party left (its
///    network link, its terminal servers, its gateways): it is
///    decommissioned after them.
pub fn target_steps(g: &Graph, target: &Target, as_of: Option<NaiveDate>) -> Steps {
    let m = g.model();
    let running = |c: ContractId| as_of.is_none_or(|d| m.contract(c).running_on(d));
    let vendors = target_vendors(g, target);
    let mut mark = vec![false; m.vendors.len()];
    for v in &vendors {
        mark[v.index()] = true;
    }
    let left = |v: VendorId| mark[v.index()];
    let mut candidates: Vec<(SystemId, KindChoice, Option<ContractId>)> = Vec::new();
    let mut skipped = Vec::new();
    match target {
        Target::Systems(v) => {
            let mut v = v.clone();
            v.sort_unstable();
            v.dedup();
            for s in v {
                if m.system(s).in_use() {
                    candidates.push((s, exit_kind::for_named(g, s), None));
                } else {
                    skipped.push(s);
                }
            }
        }
        Target::Contract(c) => {
            let mut v = m.contract(*c).covers.clone();
            v.sort_unstable();
            v.dedup();
            for s in v.into_iter().filter(|s| m.system(*s).in_use()) {
                candidates.push((s, exit_kind::for_contract(g, *c, s), Some(*c)));
            }
        }
        Target::Vendor(_) | Target::Jurisdiction(_) => {
            let mut touched = vec![false; m.systems.len()];
            for s in g.systems_of(&vendors) {
                touched[s.index()] = true;
            }
            for (i, con) in m.contracts.iter().enumerate() {
                if left(con.vendor) && running(ContractId(i as u32)) {
                    for s in &con.covers {
                        touched[s.index()] = true;
                    }
                }
            }
            for s in m.system_ids() {
                if touched[s.index()]
                    && m.system(s).in_use()
                    && let Some((k, via)) = exit_kind::for_vendors(g, s, left, running)
                {
                    candidates.push((s, k, via));
                }
            }
        }
    }
    let (mandated, kept): (Vec<_>, Vec<_>) = candidates
        .into_iter()
        .partition(|(s, ..)| m.system(*s).is_mandated());
    let mut steps: Vec<Step> = kept
        .into_iter()
        .map(|(system, k, via)| Step {
            system,
            kind: k.kind.into(),
            basis: k.basis,
            via,
        })
        .collect();
    if !matches!(target, Target::Systems(_)) {
        decommission_connectors(g, &mut steps, &left);
    }
    let by_id = |a: &SystemId, b: &SystemId| m.system(*a).id.cmp(&m.system(*b).id);
    steps.sort_by(|a, b| by_id(&a.system, &b.system));
    skipped.sort_by(by_id);
    let mut mandated: Vec<SystemId> = mandated.into_iter().map(|(s, ..)| s).collect();
    mandated.sort_by(by_id);
    Steps {
        steps,
        skipped,
        mandated,
    }
}

/// Turns the steps of systems that only connect to the party left into
/// decommission steps (rule 4 of [`target_steps`]).
fn decommission_connectors(g: &Graph, steps: &mut [Step], left: &impl Fn(VendorId) -> bool) {
    let m = g.model();
    let mut leaving = vec![false; m.systems.len()];
    for st in steps.iter() {
        if matches!(
            st.kind,
            StepKind::Replace | StepKind::Rehost | StepKind::Insource
        ) {
            leaving[st.system.index()] = true;
        }
    }
    for st in steps.iter_mut() {
        let s = st.system;
        let sys = m.system(s);
        let connector = matches!(sys.layer, Layer::Infrastructure | Layer::Platform)
            && sys.operator.vendor().is_some_and(left)
            && g.needed_by(s).is_empty()
            && sys.data.as_ref().is_none_or(|d| d.volume_gb <= 0.0);
        if !connector || st.kind == StepKind::Resupport {
            continue;
        }
        let mut dependents = g
            .dependents(s)
            .iter()
            .filter(|&&d| d != s && m.system(d).in_use())
            .peekable();
        if dependents.peek().is_some() && dependents.all(|d| leaving[d.index()]) {
            st.kind = StepKind::Decommission;
        }
    }
}

/// The in-use systems of a target (sorted by id) and the named ones not in
/// use: the systems of [`target_steps`] without their kinds.
pub fn target_systems(g: &Graph, target: &Target) -> (Vec<SystemId>, Vec<SystemId>) {
    let st = target_steps(g, target, None);
    (st.steps.iter().map(|s| s.system).collect(), st.skipped)
}

fn target_label(m: &Model, target: &Target) -> (String, String) {
    match target {
        Target::Vendor(v) => (
            format!("vendor:{}", m.vendor(*v).id),
            m.vendor(*v).name.clone(),
        ),
        Target::Jurisdiction(r) => (format!("jurisdiction:{r}"), format!("jurisdiction {r}")),
        Target::Contract(c) => (
            format!("contract:{}", m.contract(*c).id),
            m.contract(*c)
                .name
                .clone()
                .unwrap_or_else(|| m.contract(*c).id.clone()),
        ),
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
    /// Task at each priority rank (0 = first: longest remaining path, then
    /// smallest id).
    pub by_rank: Vec<usize>,
    /// Longest path from each task (expected durations), itself included.
    pub remaining: Vec<f64>,
    /// A topological order (smallest index first among ready tasks).
    pub topo: Vec<usize>,
    /// Predecessor counts by rank.
    rank_indeg: Vec<u32>,
    /// Successors by rank, as ranks (compressed rows: `rank_succ_start[r]..[r + 1]`).
    rank_succ: Vec<u32>,
    rank_succ_start: Vec<usize>,
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
            let best = succ[i].iter().map(|&b| remaining[b]).fold(0.0f64, f64::max);
            remaining[i] = expected[i] + best;
        }
        let mut by_rank: Vec<usize> = (0..n).collect();
        by_rank.sort_by(|&a, &b| key(remaining[b]).cmp(&key(remaining[a])).then(a.cmp(&b)));
        let mut rank = vec![0u32; n];
        for (r, &t) in by_rank.iter().enumerate() {
            rank[t] = r as u32;
        }
        let rank_indeg: Vec<u32> = by_rank.iter().map(|&t| indeg[t]).collect();
        let mut rank_succ = Vec::with_capacity(edges.len());
        let mut rank_succ_start = Vec::with_capacity(n + 1);
        for &t in &by_rank {
            rank_succ_start.push(rank_succ.len());
            rank_succ.extend(succ[t].iter().map(|&b| rank[b]));
        }
        rank_succ_start.push(rank_succ.len());
        TaskGraph {
            est,
            expected,
            succ,
            indeg,
            by_rank,
            remaining,
            topo,
            rank_indeg,
            rank_succ,
            rank_succ_start,
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
    ///
    /// Works on priority ranks: the ready set is a [`RankSet`] (take the
    /// smallest rank), the running set a short list for small capacities and
    /// a heap for large ones. Tasks that end at the same moment all finish
    /// before any new task starts; the order in which they finish does not
    /// matter, because the ready set is ordered by rank alone.
    pub(crate) fn schedule(
        &self,
        dur: &[f64],
        capacity: usize,
        scratch: &mut Scratch,
        mut starts: Option<&mut Vec<f64>>,
    ) -> f64 {
        let n = self.len();
        let cap = capacity.max(1);
        let Scratch {
            deg,
            ready,
            running,
            heap,
            ..
        } = scratch;
        deg.clear();
        deg.extend_from_slice(&self.rank_indeg);
        ready.reset(n);
        running.clear();
        heap.clear();
        for (r, &d) in self.rank_indeg.iter().enumerate() {
            if d == 0 {
                ready.insert(r as u32);
            }
        }
        if let Some(s) = starts.as_deref_mut() {
            s.clear();
            s.resize(n, 0.0);
        }
        let small = cap <= SMALL_CAPACITY;
        let mut time = 0.0f64;
        let mut done = 0usize;
        let release = |r: u32, deg: &mut Vec<u32>, ready: &mut RankSet| {
            let r = r as usize;
            for &b in &self.rank_succ[self.rank_succ_start[r]..self.rank_succ_start[r + 1]] {
                deg[b as usize] -= 1;
                if deg[b as usize] == 0 {
                    ready.insert(b);
                }
            }
        };
        while done < n {
            let mut in_flight = if small { running.len() } else { heap.len() };
            while in_flight < cap {
                let Some(r) = ready.pop_min() else {
                    break;
                };
                let t = self.by_rank[r as usize];
                if let Some(s) = starts.as_deref_mut() {
                    s[t] = time;
                }
                let finish = time + dur[t];
                if small {
                    running.push((finish, r));
                } else {
                    heap.push(Reverse(Running { finish, rank: r }));
                }
                in_flight += 1;
            }
            if small {
                // Durations are finite and non-negative: a plain minimum is exact.
                let next = running.iter().fold(f64::INFINITY, |a, x| a.min(x.0));
                if running.is_empty() {
                    // Nothing runs and nothing is ready: cannot happen on a DAG.
                    break;
                }
                time = next;
                let mut i = 0;
                while i < running.len() {
                    if running[i].0 <= time {
                        let (_, r) = running.swap_remove(i);
                        release(r, deg, ready);
                        done += 1;
                    } else {
                        i += 1;
                    }
                }
            } else {
                let Some(Reverse(first)) = heap.pop() else {
                    break;
                };
                time = first.finish;
                release(first.rank, deg, ready);
                done += 1;
                while let Some(Reverse(next)) = heap.peek() {
                    if next.finish > time {
                        break;
                    }
                    let r = next.rank;
                    heap.pop();
                    release(r, deg, ready);
                    done += 1;
                }
            }
        }
        time
    }

    /// The total of the schedule for given durations: with one slot the
    /// sum of the durations (list scheduling never leaves a single slot idle
    /// while tasks remain: some task always has all its predecessors done);
    /// with a slot per task the longest path; otherwise [`Self::schedule`].
    pub(crate) fn total(&self, dur: &[f64], capacity: usize, scratch: &mut Scratch) -> f64 {
        let n = self.len();
        if capacity <= 1 {
            dur.iter().sum()
        } else if capacity >= n {
            // Longest path: tasks in topological order, finish = start + duration.
            let finish = &mut scratch.finish;
            finish.clear();
            finish.resize(n, 0.0);
            let mut total = 0.0f64;
            for &t in &self.topo {
                let f = finish[t] + dur[t];
                total = total.max(f);
                for &b in &self.succ[t] {
                    if finish[b] < f {
                        finish[b] = f;
                    }
                }
            }
            total
        } else {
            self.schedule(dur, capacity, scratch, None)
        }
    }

    /// The `q` quantile of the total, computed exactly where its
    /// distribution is known in closed form: no task (0), one task (its PERT
    /// quantile), or several tasks without precedence that all run at once
    /// (`capacity` at least the number of tasks). The total is then the
    /// largest of independent PERT durations, P(T <= t) = F_1(t) ... F_n(t),
    /// and its quantile lies between the largest of the tasks' `q`
    /// quantiles (no product exceeds any of its factors) and the largest of
    /// their `q^(1/n)` quantiles (where every factor is at least q^(1/n));
    /// bisection in that bracket to a millionth of a day. `None` otherwise:
    /// precedence or limited capacity, for Monte Carlo.
    pub(crate) fn exact_quantile(&self, capacity: usize, q: f64) -> Option<f64> {
        let n = self.len();
        match n {
            0 => return Some(0.0),
            1 => {
                let e = self.est[0];
                return Some(switch::pert_quantile(e[0], e[1], e[2], q));
            }
            _ if capacity < n || self.succ.iter().any(|s| !s.is_empty()) => return None,
            _ => {}
        }
        let q = q.clamp(0.0, 1.0);
        let qn = q.powf(1.0 / n as f64);
        let quantile_max = |level: f64| {
            self.est
                .iter()
                .map(|e| switch::pert_quantile(e[0], e[1], e[2], level))
                .fold(f64::NEG_INFINITY, f64::max)
        };
        let cdf = |t: f64| {
            self.est
                .iter()
                .map(|e| switch::pert_cdf(e[0], e[1], e[2], t))
                .product::<f64>()
        };
        let mut lo = quantile_max(q);
        let mut hi = quantile_max(qn).max(lo);
        if cdf(lo) >= q {
            return Some(lo);
        }
        // Invariant: cdf(lo) < q <= cdf(hi).
        while hi - lo > 1e-6 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if cdf(mid) >= q {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }

    /// Monte Carlo totals of `runs` runs, sorted ascending.
    ///
    /// A PERT duration is o + (p - o) X with X ~ Beta(alpha, beta), drawn
    /// exactly as X = G1 / (G1 + G2) with G1 ~ Gamma(alpha, 1) and
    /// G2 ~ Gamma(beta, 1) (Marsaglia-Tsang; alpha, beta >= 1 for PERT),
    /// which is several times faster than a direct Beta sampler.
    #[cfg(test)]
    pub(crate) fn simulate(&self, capacity: usize, runs: u32, seed: u64) -> Vec<f64> {
        let mut totals = self.simulate_unsorted(capacity, runs, seed);
        totals.sort_by(f64::total_cmp);
        totals
    }

    /// The `q` percentile of [`Self::simulate`]'s totals (nearest rank), by
    /// selection instead of a full sort: the value at a rank of a total
    /// order is the same either way.
    pub(crate) fn simulate_percentile(&self, capacity: usize, runs: u32, seed: u64, q: f64) -> f64 {
        let mut totals = self.simulate_unsorted(capacity, runs, seed);
        let n = totals.len();
        if n == 0 {
            return 0.0;
        }
        let pos = ((q * n as f64).ceil() as usize).clamp(1, n);
        *totals.select_nth_unstable_by(pos - 1, f64::total_cmp).1
    }

    /// The totals of [`Self::simulate`] in run order.
    fn simulate_unsorted(&self, capacity: usize, runs: u32, seed: u64) -> Vec<f64> {
        self.simulate_range(capacity, 0..runs, seed)
    }

    /// The totals of runs `range` (run i draws from stream i), in run order.
    fn simulate_range(&self, capacity: usize, range: std::ops::Range<u32>, seed: u64) -> Vec<f64> {
        let dists: Vec<Option<(Gamma<f64>, Gamma<f64>)>> = self
            .est
            .iter()
            .map(|e| {
                let (a, b) = switch::pert_shape(e[0], e[1], e[2])?;
                Some((Gamma::new(a, 1.0).ok()?, Gamma::new(b, 1.0).ok()?))
            })
            .collect();
        // Cloning a seeded generator gives the same state as seeding anew
        // (nothing has been drawn from it yet), without the key set-up per run.
        let seeded = ChaCha8Rng::seed_from_u64(seed);
        range
            .into_par_iter()
            .map_init(
                || (Scratch::default(), vec![0.0f64; self.len()]),
                |(scratch, dur), i| {
                    let mut rng = seeded.clone();
                    rng.set_stream(u64::from(i));
                    for (t, d) in dists.iter().enumerate() {
                        let e = &self.est[t];
                        dur[t] = match d {
                            Some((ga, gb)) => {
                                let x = ga.sample(&mut rng);
                                let y = gb.sample(&mut rng);
                                let u = if x + y > 0.0 { x / (x + y) } else { 0.5 };
                                e[0] + (e[2] - e[0]) * u
                            }
                            None => e[0],
                        };
                    }
                    self.total(dur, capacity, scratch)
                },
            )
            .collect()
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
    finish: Vec<f64>,
    ready: RankSet,
    /// Running tasks (finish, rank) when the capacity is small.
    running: Vec<(f64, u32)>,
    /// Running tasks when the capacity is large.
    heap: BinaryHeap<Reverse<Running>>,
}

/// Up to this capacity the running tasks are kept in a short list
/// (a linear scan beats a heap); above it in a heap.
const SMALL_CAPACITY: usize = 16;

/// The ready tasks as a set of priority ranks with "take the smallest" in
/// O(log64 n): a bitset with one summary level per 64 words. The scheduler
/// takes and adds a task per step, so this replaces a binary heap in the
/// hot loop of the Monte Carlo simulation.
#[derive(Debug, Default)]
pub(crate) struct RankSet {
    /// levels[0] has a bit per rank; levels[i + 1] a bit per word of levels[i].
    levels: Vec<Vec<u64>>,
    len: usize,
}

impl RankSet {
    /// Empties the set and sizes it for ranks below `n`.
    fn reset(&mut self, n: usize) {
        let mut sizes = Vec::new();
        let mut words = n.div_ceil(64).max(1);
        loop {
            sizes.push(words);
            if words == 1 {
                break;
            }
            words = words.div_ceil(64);
        }
        self.levels.resize_with(sizes.len(), Vec::new);
        for (level, &w) in self.levels.iter_mut().zip(&sizes) {
            level.clear();
            level.resize(w, 0);
        }
        self.len = 0;
    }

    fn insert(&mut self, rank: u32) {
        let mut i = rank as usize;
        for level in self.levels.iter_mut() {
            let (w, b) = (i / 64, i % 64);
            let was_empty = level[w] == 0;
            level[w] |= 1 << b;
            if !was_empty {
                break;
            }
            i = w;
        }
        self.len += 1;
    }

    /// Removes and returns the smallest rank.
    fn pop_min(&mut self) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        let top = self.levels.len() - 1;
        let mut i = 0usize;
        for level in (0..=top).rev() {
            let word = self.levels[level][i];
            i = i * 64 + word.trailing_zeros() as usize;
        }
        let rank = i;
        for level in self.levels.iter_mut() {
            let (w, b) = (i / 64, i % 64);
            level[w] &= !(1u64 << b);
            if level[w] != 0 {
                break;
            }
            i = w;
        }
        self.len -= 1;
        Some(rank as u32)
    }
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

/// Reusable memory of the precedence search: each system's position in the
/// plan and the visit stamps of the searches. Sized to the landscape once,
/// so that many small plans (one per contract in `deadlines`) cost what
/// they touch, not the landscape's size each.
pub(crate) struct Precedence {
    /// Position in the plan, `u32::MAX` for systems not in it (restored after each plan).
    pos: Vec<u32>,
    /// The mark of the search that last visited each system.
    stamp: Vec<u32>,
    /// The first mark the next plan may use; marks are never reused before
    /// the stamps are cleared, so no stale stamp can match.
    next: u32,
}

impl Precedence {
    pub(crate) fn new(g: &Graph) -> Precedence {
        let n = g.model().systems.len();
        Precedence {
            pos: vec![u32::MAX; n],
            stamp: vec![0; n],
            next: 1,
        }
    }

    /// Precedence edges among the systems (indices into `systems`): (t, s)
    /// when s depends on t through hard dependencies via any systems. The
    /// search from s stops at the first switched system on each chain; the
    /// chains beyond it are that system's own edges, so the order is the same.
    fn edges(&mut self, g: &Graph, systems: &[SystemId]) -> Vec<(usize, usize)> {
        let n = systems.len();
        if u64::from(self.next) + n as u64 >= u64::from(u32::MAX) {
            self.stamp.fill(0);
            self.next = 1;
        }
        let base = self.next;
        self.next += n as u32;
        for (i, s) in systems.iter().enumerate() {
            self.pos[s.index()] = i as u32;
        }
        let mut edges = Vec::new();
        let mut stack = Vec::new();
        for (i, &s) in systems.iter().enumerate() {
            let mark = base + i as u32;
            self.stamp[s.index()] = mark;
            stack.clear();
            stack.push(s);
            while let Some(x) = stack.pop() {
                for &d in g.hard_deps(x) {
                    if self.stamp[d.index()] == mark {
                        continue;
                    }
                    self.stamp[d.index()] = mark;
                    if self.pos[d.index()] != u32::MAX {
                        edges.push((self.pos[d.index()] as usize, i));
                    } else {
                        stack.push(d);
                    }
                }
            }
            // A chain back to s itself through unswitched systems does not order s.
        }
        for s in systems {
            self.pos[s.index()] = u32::MAX;
        }
        edges
    }
}

/// Builds the exit plan for a target.
pub fn plan(g: &Graph, target: &Target, opts: &PlanOptions) -> ExitPlan {
    let steps = target_steps(g, target, opts.as_of.or(g.review_date()));
    // The plan reports the figures of each estimate, not its factors: the
    // numbers without the texts (a large plan estimates thousands of systems).
    let estimates: Vec<Figures> = steps
        .steps
        .iter()
        .map(|st| switch::figures(g, st.system, st.kind))
        .collect();
    plan_with(g, target, opts, &steps, &estimates)
}

/// The P80 of the exit plan of a contract: the same number as
/// `plan(g, &Target::Contract(c), opts).p80_days`, without building the
/// report, and with the precedence memory of the caller (`deadlines` asks
/// for one plan per contract). Plans with the same steps are the same: the
/// steps are returned as the key.
pub(crate) fn contract_steps(g: &Graph, c: ContractId, opts: &PlanOptions) -> Vec<Step> {
    target_steps(g, &Target::Contract(c), opts.as_of.or(g.review_date())).steps
}

/// The P80 of a plan made of `steps` (see [`contract_steps`]).
pub(crate) fn steps_p80(
    g: &Graph,
    steps: &[Step],
    opts: &PlanOptions,
    prec: &mut Precedence,
) -> f64 {
    if steps.is_empty() {
        return 0.0;
    }
    // The durations of `switch::estimate_step` without its texts.
    let days: Vec<[f64; 3]> = steps
        .iter()
        .map(|st| switch::days(g, st.system, st.kind))
        .collect();
    let tg = Tasks::new(g, steps, &days, prec).graph;
    let capacity = capacity(g, opts);
    match tg.exact_quantile(capacity as usize, 0.8) {
        Some(x) => x,
        None => tg.simulate_percentile(capacity as usize, opts.runs.max(1), opts.seed, 0.8),
    }
}

/// Precedence between two steps of a plan, when step `s` depends on step
/// `t` (`docs/methodology.md#exit-plans-that-follow-practice`): `Some(true)`
/// t first, `Some(false)` s first, `None` no order.
///
/// - what only connects to the party left is decommissioned after what
///   depends on it;
/// - what moves unchanged (rehost, insource) moves after the platforms it
///   needs have been replaced or moved ("the new platform is ready first");
/// - a replacement brings its own platform: it waits for nothing it used
///   to depend on, and the old system runs until it is live;
/// - a resupport changes a contract, nothing moves: no order.
pub fn order(t: StepKind, s: StepKind) -> Option<bool> {
    use StepKind::*;
    match (t, s) {
        (Decommission, Replace | Rehost | Insource | Decommission) => Some(false),
        (Replace | Rehost | Insource, Rehost | Insource) => Some(true),
        _ => None,
    }
}

/// The tasks of a plan: precedence cycles joined, the resupport steps of one
/// contract joined, in id order.
struct Tasks {
    /// Per task: its members (indices into the plan's steps, ascending).
    comps: Vec<Vec<usize>>,
    /// Per step of the plan: its task.
    task_of: Vec<usize>,
    graph: TaskGraph,
}

impl Tasks {
    /// `days`: each step's optimistic, likely and pessimistic days.
    fn new(g: &Graph, steps: &[Step], days: &[[f64; 3]], prec: &mut Precedence) -> Tasks {
        let n = steps.len();
        let systems: Vec<SystemId> = steps.iter().map(|st| st.system).collect();
        let edges: Vec<(usize, usize)> = prec
            .edges(g, &systems)
            .into_iter()
            .filter_map(|(t, s)| {
                order(steps[t].kind, steps[s].kind).map(|first| if first { (t, s) } else { (s, t) })
            })
            .collect();

        // Strongly connected components: each becomes one task. Resupport
        // steps have no edges; those of one contract (or of no contract)
        // become one task: one change of provider, hand-over per system.
        let mut resupport: BTreeMap<Option<ContractId>, Vec<usize>> = BTreeMap::new();
        let mut comps: Vec<Vec<usize>> = Vec::new();
        for v in crate::graph::scc::components(n, edges.iter().copied()) {
            if let [i] = v[..]
                && steps[i].kind == StepKind::Resupport
            {
                resupport.entry(steps[i].via).or_default().push(i);
                continue;
            }
            comps.push(v);
        }
        for (_, mut v) in resupport {
            v.sort_unstable();
            comps.push(v);
        }
        // Members are ascending and steps are sorted by id, so the first
        // member is the smallest id; tasks sort by their first member.
        comps.sort_by_key(|c| c[0]);
        let mut task_of = vec![0usize; n];
        for (t, c) in comps.iter().enumerate() {
            for &i in c {
                task_of[i] = t;
            }
        }
        let shared = {
            let c = &g.model().defaults.switch.coefficients;
            let l = c.resupport_days;
            [
                l * c.optimistic_factor.min(1.0),
                l,
                l * c.pessimistic_factor.max(1.0),
            ]
        };
        let est: Vec<[f64; 3]> = comps
            .iter()
            .map(|c| {
                let mut e = c.iter().fold([0.0; 3], |a, &i| {
                    let e = &days[i];
                    [a[0] + e[0], a[1] + e[1], a[2] + e[2]]
                });
                // A joint resupport changes the provider once: the shared
                // part of every member but one is not repeated.
                let extra = c
                    .iter()
                    .filter(|&&i| {
                        steps[i].kind == StepKind::Resupport
                            && !switch::given_for(g.model(), steps[i].system, steps[i].kind)
                    })
                    .count()
                    .saturating_sub(1) as f64;
                for k in 0..3 {
                    e[k] = (e[k] - extra * shared[k]).max(0.0);
                }
                e
            })
            .collect();
        let task_edges: Vec<(usize, usize)> = edges
            .iter()
            .map(|&(a, b)| (task_of[a], task_of[b]))
            .filter(|(a, b)| a != b)
            .collect();
        Tasks {
            comps,
            task_of,
            graph: TaskGraph::new(est, &task_edges),
        }
    }
}

/// The number of switches at once: `--parallel`, else the organisation's.
fn capacity(g: &Graph, opts: &PlanOptions) -> u32 {
    opts.parallel
        .unwrap_or(g.model().organisation.parallel_migrations)
        .max(1)
}

/// P50, P80 and P95 of the total: exact where the distribution is known
/// in closed form ([`TaskGraph::exact_quantile`]), else Monte Carlo in
/// rounds ([`monte_carlo`]). Returns the percentiles, whether they are
/// exact, and the Monte Carlo runs made.
fn percentiles(tg: &TaskGraph, capacity: u32, opts: &PlanOptions) -> (f64, f64, f64, bool, u32) {
    let capacity = capacity as usize;
    let exact = (
        tg.exact_quantile(capacity, 0.5),
        tg.exact_quantile(capacity, 0.8),
        tg.exact_quantile(capacity, 0.95),
    );
    if let (Some(p50), Some(p80), Some(p95)) = exact {
        return (p50, p80, p95, true, opts.runs.max(1));
    }
    let (totals, runs) = monte_carlo(tg, capacity, opts.runs.max(1), opts.seed);
    (
        percentile(&totals, 0.5),
        percentile(&totals, 0.8),
        percentile(&totals, 0.95),
        false,
        runs,
    )
}

/// Runs of the first Monte Carlo round.
pub const FIRST_ROUND: u32 = 1_000;

/// The precision at which the Monte Carlo stops early: the 95 % confidence
/// interval of each of P50, P80 and P95 is at most this share of it on
/// either side (or half a day).
pub const STOP_PRECISION: f64 = 0.001;

/// The Monte Carlo totals (sorted) and the runs made. Runs go in rounds:
/// [`FIRST_ROUND`] runs, then twice as many in all, and so on up to
/// `runs`. After each round the distribution-free 95 % confidence interval
/// of P50, P80 and P95 is read off the sorted totals ([`margin`]); when each
/// half-width is within [`STOP_PRECISION`] of its percentile (or half a
/// day), the percentiles are known well enough and the simulation stops.
/// Run i always draws from stream i, so stopping after n runs gives the
/// first n totals of a longer simulation, and the result depends only on
/// the seed and `runs`. Small plans, whose totals spread widely, run all
/// `runs`; plans of thousands of tasks, whose totals are narrow, stop
/// after a round or two.
pub(crate) fn monte_carlo(
    tg: &TaskGraph,
    capacity: usize,
    runs: u32,
    seed: u64,
) -> (Vec<f64>, u32) {
    let mut done = runs.min(FIRST_ROUND);
    let mut totals = tg.simulate_range(capacity, 0..done, seed);
    loop {
        let mut sorted = totals.clone();
        sorted.sort_by(f64::total_cmp);
        let precise = [0.5, 0.8, 0.95].iter().all(|&q| {
            let p = percentile(&sorted, q);
            margin(&sorted, q) <= (STOP_PRECISION * p.abs()).max(0.5)
        });
        if done >= runs || precise {
            return (sorted, done);
        }
        let next = done.saturating_mul(2).min(runs);
        totals.extend(tg.simulate_range(capacity, done..next, seed));
        done = next;
    }
}

/// Half the width of the distribution-free 95 % confidence interval of the
/// `q` quantile of sorted values: the values at the ranks
/// n q -/+ 1.96 sqrt(n q (1 - q)) (the binomial count of values below the
/// quantile, in its normal approximation).
pub fn margin(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n == 0 {
        return 0.0;
    }
    let nf = n as f64;
    let spread = 1.96 * (nf * q * (1.0 - q)).sqrt();
    let lo = ((nf * q - spread).floor() as usize).clamp(1, n);
    let hi = ((nf * q + spread).ceil() as usize).clamp(1, n);
    (sorted[hi - 1] - sorted[lo - 1]) / 2.0
}

fn plan_with(
    g: &Graph,
    target: &Target,
    opts: &PlanOptions,
    st: &Steps,
    estimates: &[Figures],
) -> ExitPlan {
    let m = g.model();
    let steps = &st.steps;
    let systems: Vec<SystemId> = steps.iter().map(|x| x.system).collect();
    let systems = &systems[..];
    let skipped = &st.skipped[..];
    let Tasks {
        comps,
        task_of,
        graph: tg,
    } = Tasks::new(
        g,
        steps,
        &estimates
            .iter()
            .map(|e| [e.optimistic_days, e.likely_days, e.pessimistic_days])
            .collect::<Vec<_>>(),
        &mut Precedence::new(g),
    );
    let task_ids: Vec<String> = comps
        .iter()
        .map(|c| {
            c.iter()
                .map(|&i| m.system(systems[i]).id.as_str())
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect();

    let capacity = capacity(g, opts);
    let (crit, expected_days) = tg.critical_path();
    let mut scratch = Scratch::default();
    let mut starts = Vec::new();
    let scheduled = tg.schedule(
        &tg.expected,
        capacity as usize,
        &mut scratch,
        Some(&mut starts),
    );

    let (p50, p80, p95, exact_percentiles, runs) = percentiles(&tg, capacity, opts);

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
                kind: steps[i].kind,
                basis: steps[i].basis,
                via: steps[i].via.map(|c| m.contract(c).id.clone()),
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

    // Contracts: left behind when every covered system leaves with the
    // plan: the contract is with a party the plan leaves, or each covered
    // system is replaced or switched off. A system that only moves keeps
    // its maker's contracts (rehosting SAP keeps SAP's support).
    let mut step_of: Vec<Option<StepKind>> = vec![None; m.systems.len()];
    for st in steps {
        step_of[st.system.index()] = Some(st.kind);
    }
    let target_set: Vec<VendorId> = match target {
        Target::Systems(_) => Vec::new(),
        _ => target_vendors(g, target),
    };
    let mut left = Vec::new();
    let mut partly = Vec::new();
    let review_date = opts.as_of.or(g.review_date());
    for c in &m.contracts {
        if review_date.is_some_and(|d| !c.running_on(d)) {
            continue;
        }
        let hit = c
            .covers
            .iter()
            .filter(|s| step_of[s.index()].is_some())
            .count();
        if hit == 0 {
            continue;
        }
        let with_party_left = target_set.binary_search(&c.vendor).is_ok();
        let all_gone = c.covers.iter().all(|s| {
            matches!(
                step_of[s.index()],
                Some(StepKind::Replace | StepKind::Decommission)
            )
        });
        if hit == c.covers.len() && (with_party_left || all_gone) {
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
        mandated: st
            .mandated
            .iter()
            .map(|&s| {
                let sys = m.system(s);
                MandatedSystem {
                    id: sys.id.clone(),
                    name: sys.name.clone(),
                    reason: sys.mandated.clone().unwrap_or_default(),
                }
            })
            .collect(),
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
        exact_percentiles,
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
