//! The multi-year plan: which moves, in which quarter, within the team's
//! capacity and the yearly budget, so that contract windows are met
//! (docs/methodology.md, "The multi-year plan").
//!
//! The planner is a documented greedy heuristic:
//!
//! 1. **Forced moves** first: contracts the organisation decided to leave
//!    (`[contract.decision] intent = "exit"`, current), in model order.
//! 2. **Candidates**: every in-use system that is not mandated, not covered
//!    by a contract renewed on purpose and not moved by a forced move, with
//!    at least one alternative system in the model; each is replaced by its
//!    alternative with the shortest P80 switch.
//! 3. **Choice**: the candidate with the largest gain per euro of one-off
//!    cost (gain: the risk reduction, or the sovereignty points, or the
//!    critical services freed from single vendors, by `goal`), evaluated on
//!    the target state with every move chosen so far (lazy re-evaluation:
//!    a stored gain is recomputed before it is trusted). Candidates beyond
//!    [`EVALUATED`] are pre-ranked by lock-in hotspot x criticality per
//!    euro and only the best are evaluated.
//! 4. **Schedule**: each chosen move starts in the earliest quarter in
//!    which the team has room (parallel moves, staff-months), the budget
//!    of every calendar year it spends in has room (its cost spread over
//!    its days), and the moves whose replacement its replacement needs are
//!    done; it lasts its P80 days and must end within the horizon. A move
//!    that cannot be placed is listed with the reason.
//!
//! The plan is deterministic: ties fall to model order.

use crate::analysis::deadlines;
use crate::analysis::exit_kind::StepKind;
use crate::analysis::metrics::{self, Metrics};
use crate::analysis::spend::round_money;
use crate::analysis::whatif;
use crate::graph::Graph;
use crate::model::duration::DAYS_PER_MONTH;
use crate::model::edit::Move;
use crate::model::{
    Alternative, ContractId, Duration, Intent, PlanGoal, PlanSettings, SystemId, plan_start,
};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many candidates are evaluated on the full metrics at most.
pub const EVALUATED: usize = 40;

/// The plan's first and last day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Horizon {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Why a move is in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The organisation decided to leave the contract.
    DecidedExit,
    /// The largest risk reduction per euro among the candidates left.
    RiskPerEuro,
    /// The most sovereignty points per euro towards the target score.
    SovereigntyPerEuro,
    /// The most critical services freed from single vendors per euro.
    SingleVendorPerEuro,
}

/// What held a move back from an earlier quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Constraint {
    /// The team runs as many moves as it can.
    Capacity,
    /// The year's budget has no room for its cost.
    Budget,
    /// It waits for a move its replacement needs.
    Precedence,
    /// It would not end within the horizon.
    Horizon,
}

/// What the move changes, measured when it was chosen (after minus before
/// on the target state with the moves chosen before it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gain {
    pub risk: f64,
    pub sovereignty: i32,
    /// Services down in the worst scenario of the landscape before the plan.
    pub worst_scenario_services_down: i64,
    pub critical_services_single_vendor: i64,
}

/// Why the move is where it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Why {
    pub reason: Reason,
    /// Position in the order of choice (1 = first chosen).
    pub chosen: usize,
    pub gain: Gain,
    /// The earliest quarter start it could have had with unlimited team
    /// and money, when it starts later, and what held it back.
    pub deferred_from: Option<NaiveDate>,
    pub deferred_by: Option<Constraint>,
    /// The day it must start to end by `window_end` (P80).
    pub start_by: Option<NaiveDate>,
}

/// One move of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlannedMove {
    /// The system that moves (for an ended contract: its first system).
    pub system: String,
    pub name: String,
    /// The replacement, the new operator, or the contract that ends.
    pub to: String,
    pub to_name: String,
    pub kind: StepKind,
    /// The contract that ends with the move, if one does.
    pub contract: Option<String>,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    /// `2027-Q2`: the quarter it starts in.
    pub quarter: String,
    pub p50_days: f64,
    pub p80_days: f64,
    pub one_off_cost: f64,
    /// Yearly spend after the move minus before (negative: saved).
    pub running_cost_change: f64,
    /// The first exit day of the contract the move leaves that can still
    /// be reached (notice given on the plan's first day), if it leaves one.
    pub window_end: Option<NaiveDate>,
    /// The exit day the contract really has after the move (later than
    /// `window_end` when the move ends after it).
    pub contract_end: Option<NaiveDate>,
    /// Money for the terms the contract runs past `window_end` because the
    /// move ends later (yearly cost x years).
    pub extra_renewal_cost: f64,
    /// Ids of the systems whose moves must end before this one starts.
    pub after: Vec<String>,
    pub why: Why,
}

/// Why a move is not in the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnplacedReason {
    /// Its cost does not fit the budget of the years it would run in.
    Budget,
    /// The team has no room for it before the horizon ends.
    Capacity,
    /// It would not end within the horizon.
    Horizon,
    /// It reduces nothing the goal measures.
    NoGain,
    /// The goal was reached without it.
    GoalReached,
    /// Pre-ranked below the candidates evaluated in full.
    NotEvaluated,
    /// The system is mandated.
    Mandated,
    /// A contract covering it was renewed on purpose.
    RenewedOnPurpose,
    /// The decided exit of a contract has no alternative system to go to.
    NoAlternative,
}

/// A move that is not in the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unplaced {
    pub system: String,
    pub name: String,
    pub reason: UnplacedReason,
    /// The contract behind the reason (renewed on purpose, decided exit).
    pub contract: Option<String>,
    pub one_off_cost: Option<f64>,
}

/// One calendar year of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanYear {
    pub year: i32,
    /// Moves that start (finish) in the year, by system id.
    pub started: Vec<String>,
    pub finished: Vec<String>,
    /// One-off cost of the moves spent in the year (spread over their days).
    pub one_off_cost: f64,
    /// The budget of the year (`None`: no budget given).
    pub budget: Option<f64>,
    /// Staff-months the moves take in the year (one person per running move).
    pub team_load: f64,
    /// Extra renewal money falling in the year.
    pub extra_renewal_cost: f64,
    /// The landscape at the end of the year (every move finished by then).
    pub metrics: Metrics,
}

/// One quarter of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanQuarter {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Moves running in the quarter.
    pub running: usize,
    pub staff_months: f64,
    pub one_off_cost: f64,
}

/// What limits the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Limits {
    pub parallel_migrations: u32,
    pub staff_months: Option<f64>,
    /// Year and amount; empty: no budget limit.
    pub budget: Vec<(i32, f64)>,
}

/// Sums of the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    pub one_off_cost: f64,
    pub running_cost_change: f64,
    pub extra_renewal_cost: f64,
}

/// The multi-year plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub as_of: NaiveDate,
    pub goal: PlanGoal,
    pub target_score: Option<u8>,
    /// False when the goal (a score, or no single vendor) is not reached.
    pub goal_reached: bool,
    pub horizon: Horizon,
    pub limits: Limits,
    /// In order of start, then system id.
    pub moves: Vec<PlannedMove>,
    pub years: Vec<PlanYear>,
    pub quarters: Vec<PlanQuarter>,
    pub unplaced: Vec<Unplaced>,
    pub totals: Totals,
    pub before: Metrics,
    pub after: Metrics,
    /// Candidates considered, and how many were evaluated on the metrics.
    pub candidates: usize,
    pub evaluated: usize,
}

/// The settings of a model without `[plan]`.
pub fn default_settings() -> PlanSettings {
    PlanSettings {
        start: None,
        horizon: Duration::years(3),
        parallel_migrations: None,
        staff_months: None,
        budget: None,
        goal: PlanGoal::Risk,
        target_score: None,
        span: crate::model::Span::default(),
    }
}

/// A move the planner may make, with its figures on the landscape before.
#[derive(Clone, Debug)]
struct Candidate {
    mv: Move,
    card: whatif::MoveCard,
    kind: StepKind,
    /// Contracts it leaves: they cover no other in-use system.
    leaves: Vec<ContractId>,
    /// Candidate indices whose moves bring a system its replacement needs.
    needs: Vec<usize>,
    proxy: f64,
}

struct Placed {
    cand: usize,
    start: NaiveDate,
    finish: NaiveDate,
    why: Why,
}

/// The calendar: quarters and the resources used in them.
struct Calendar {
    quarters: Vec<(NaiveDate, NaiveDate)>,
    end: NaiveDate,
    parallel: u32,
    staff: Option<f64>,
    budget: Option<BTreeMap<i32, f64>>,
    running: Vec<u32>,
    staff_used: Vec<f64>,
    spent: BTreeMap<i32, f64>,
}

fn days_between(a: NaiveDate, b: NaiveDate) -> f64 {
    (b - a).num_days() as f64
}

/// Days of `[a, b)` inside `[s, e]`.
fn overlap(a: NaiveDate, b: NaiveDate, s: NaiveDate, e: NaiveDate) -> f64 {
    let lo = a.max(s);
    let hi = b.min(e.succ_opt().unwrap_or(e));
    days_between(lo, hi).max(0.0)
}

fn year_span(y: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
    )
}

impl Calendar {
    fn new(start: NaiveDate, end: NaiveDate, parallel: u32, s: &PlanSettings) -> Calendar {
        let mut quarters = Vec::new();
        let mut q = start;
        while q <= end {
            let next = Duration::months(3).add_to(q).unwrap_or(end);
            let last = next.pred_opt().unwrap_or(next).min(end);
            quarters.push((q, last));
            if next <= q {
                break;
            }
            q = next;
        }
        let n = quarters.len();
        Calendar {
            quarters,
            end,
            parallel: parallel.max(1),
            staff: s.staff_months,
            budget: s.budget.as_ref().map(|b| b.iter().copied().collect()),
            running: vec![0; n],
            staff_used: vec![0.0; n],
            spent: BTreeMap::new(),
        }
    }

    /// The finish of a move of `days` starting on `start`: the day its
    /// last day ends (whole days, at least one).
    fn finish(start: NaiveDate, days: f64) -> NaiveDate {
        let d = days.ceil().max(1.0) as i64;
        start + chrono::Duration::days(d - 1)
    }

    /// The money a move spends per calendar year.
    fn spend(start: NaiveDate, finish: NaiveDate, cost: f64) -> BTreeMap<i32, f64> {
        let stop = finish.succ_opt().unwrap_or(finish);
        let total = days_between(start, stop).max(1.0);
        let mut out = BTreeMap::new();
        for y in start.year()..=finish.year() {
            let (a, b) = year_span(y);
            let d = overlap(start, stop, a, b);
            if d > 0.0 {
                out.insert(y, cost * d / total);
            }
        }
        out
    }

    /// Whether the move fits in quarter `q`; `None` when it does, else
    /// the constraint that fails.
    fn fits(&self, q: usize, days: f64, cost: f64) -> Result<(NaiveDate, NaiveDate), Constraint> {
        let start = self.quarters[q].0;
        let finish = Calendar::finish(start, days);
        if finish > self.end {
            return Err(Constraint::Horizon);
        }
        let stop = finish.succ_opt().unwrap_or(finish);
        for (i, &(a, b)) in self.quarters.iter().enumerate().skip(q) {
            if a > finish {
                break;
            }
            if self.running[i] >= self.parallel {
                return Err(Constraint::Capacity);
            }
            if let Some(cap) = self.staff {
                let months = overlap(start, stop, a, b) / DAYS_PER_MONTH;
                if self.staff_used[i] + months > cap + 1e-9 {
                    return Err(Constraint::Capacity);
                }
            }
        }
        if let Some(budget) = &self.budget {
            for (y, amount) in Calendar::spend(start, finish, cost) {
                let have = budget.get(&y).copied().unwrap_or(0.0);
                let used = self.spent.get(&y).copied().unwrap_or(0.0);
                if used + amount > have + 0.005 {
                    return Err(Constraint::Budget);
                }
            }
        }
        Ok((start, finish))
    }

    fn book(&mut self, start: NaiveDate, finish: NaiveDate, cost: f64) {
        let stop = finish.succ_opt().unwrap_or(finish);
        for (i, &(a, b)) in self.quarters.iter().enumerate() {
            let d = overlap(start, stop, a, b);
            if d > 0.0 {
                self.running[i] += 1;
                self.staff_used[i] += d / DAYS_PER_MONTH;
            }
        }
        for (y, amount) in Calendar::spend(start, finish, cost) {
            *self.spent.entry(y).or_insert(0.0) += amount;
        }
    }
}

/// `2027-Q2`.
pub fn quarter_label(d: NaiveDate) -> String {
    format!("{}-Q{}", d.year(), d.month0() / 3 + 1)
}

/// The goal's measure of a landscape: larger is better.
fn goal_value(goal: PlanGoal, m: &Metrics) -> f64 {
    match goal {
        PlanGoal::Risk => -m.risk.total,
        PlanGoal::Sovereignty => f64::from(m.sovereignty),
        PlanGoal::NoSingleVendor => -(m.critical_services_single_vendor as f64),
    }
}

fn reached(goal: PlanGoal, target: Option<u8>, m: &Metrics) -> bool {
    match goal {
        PlanGoal::Risk => false,
        PlanGoal::Sovereignty => target.is_some_and(|t| m.sovereignty >= t),
        PlanGoal::NoSingleVendor => m.critical_services_single_vendor == 0,
    }
}

/// The contracts `s` alone keeps (in use) among those covering it.
fn contracts_left(g: &Graph, s: SystemId) -> Vec<ContractId> {
    let m = g.model();
    g.contracts_of(s)
        .iter()
        .copied()
        .filter(|&c| {
            g.contract_running(c)
                && m.contract(c)
                    .covers
                    .iter()
                    .all(|&x| x == s || !m.system(x).in_use())
        })
        .collect()
}

/// Exit day of `c` reached by a move ending on `finish`, with notice given
/// from `from` on: the first term end whose exit day is on or after the
/// day after `finish` and whose notice deadline is not before `from`.
fn exit_after(g: &Graph, c: ContractId, from: NaiveDate, finish: NaiveDate) -> Option<NaiveDate> {
    let k = g.model().contract(c);
    if k.renewal.filter(|r| !r.is_zero()).is_none() {
        return (k.end >= from).then_some(k.end.max(finish));
    }
    // Both conditions only turn from false to true along the terms.
    let (_, t) = k.first_term_end(0, |t| {
        k.notice_deadline_for(t).is_some_and(|nd| nd >= from)
            && k.exit_day(t).is_some_and(|x| x >= finish)
    })?;
    k.exit_day(t)
}

struct Planner<'g> {
    g: &'g Graph,
    as_of: NaiveDate,
    goal: PlanGoal,
    target: Option<u8>,
    cands: Vec<Candidate>,
}

impl Planner<'_> {
    fn moves_of(&self, chosen: &[usize]) -> Vec<Move> {
        chosen.iter().map(|&i| self.cands[i].mv).collect()
    }

    fn metrics_of(&self, chosen: &[usize]) -> Metrics {
        if chosen.is_empty() {
            return metrics::metrics(self.g, self.as_of);
        }
        let after = whatif::target_graph(self.g, &self.moves_of(chosen), self.as_of);
        metrics::metrics(&after, self.as_of)
    }
}

/// The plan of `g` on `as_of`.
pub fn plan(g: &Graph, as_of: NaiveDate, settings: &PlanSettings) -> Plan {
    let m = g.model();
    let start = settings.start.unwrap_or_else(|| plan_start(as_of));
    let end = settings
        .horizon
        .add_to(start)
        .and_then(|e| e.pred_opt())
        .unwrap_or(start);
    let parallel = settings
        .parallel_migrations
        .unwrap_or(m.organisation.parallel_migrations);
    let mut cal = Calendar::new(start, end, parallel, settings);
    let mut unplaced: Vec<Unplaced> = Vec::new();

    // Forced moves: decided exits.
    let mut cands: Vec<Candidate> = Vec::new();
    let mut taken: Vec<SystemId> = Vec::new();
    for c in m.contract_ids() {
        let k = m.contract(c);
        if !g.contract_running(c) || deadlines::current_intent(k, as_of) != Some(Intent::Exit) {
            continue;
        }
        let steps = crate::analysis::exit_plan::target_steps(
            g,
            &crate::analysis::exit_plan::Target::Contract(c),
            Some(as_of),
        );
        let replace: Vec<_> = steps
            .steps
            .iter()
            .filter(|s| s.kind == StepKind::Replace)
            .collect();
        if !steps.steps.is_empty() && replace.len() == steps.steps.len() {
            for st in replace {
                match whatif::best_alternative(g, st.system, |_| true) {
                    Some(by) => {
                        cands.push(candidate(
                            g,
                            Move::Replace {
                                system: st.system,
                                by,
                            },
                        ));
                        taken.push(st.system);
                    }
                    None => unplaced.push(Unplaced {
                        system: m.system(st.system).id.clone(),
                        name: m.system(st.system).name.clone(),
                        reason: UnplacedReason::NoAlternative,
                        contract: Some(k.id.clone()),
                        one_off_cost: None,
                    }),
                }
            }
        } else if let Some(first) = steps.steps.first() {
            cands.push(candidate(
                g,
                Move::EndContract {
                    contract: c,
                    first: first.system,
                },
            ));
        }
    }
    let forced = cands.len();

    // Candidates.
    for s in m.system_ids() {
        let sys = m.system(s);
        if !sys.in_use() || taken.contains(&s) {
            continue;
        }
        let has_alt = sys.alternatives.iter().any(|a| match a {
            Alternative::System(t) => *t != s,
            Alternative::Catalog(_) => false,
        });
        if !has_alt {
            continue;
        }
        if sys.is_mandated() {
            unplaced.push(Unplaced {
                system: sys.id.clone(),
                name: sys.name.clone(),
                reason: UnplacedReason::Mandated,
                contract: None,
                one_off_cost: None,
            });
            continue;
        }
        if let Some(&c) = g.contracts_of(s).iter().find(|&&c| {
            g.contract_running(c)
                && deadlines::current_intent(m.contract(c), as_of) == Some(Intent::Renew)
        }) {
            unplaced.push(Unplaced {
                system: sys.id.clone(),
                name: sys.name.clone(),
                reason: UnplacedReason::RenewedOnPurpose,
                contract: Some(m.contract(c).id.clone()),
                one_off_cost: None,
            });
            continue;
        }
        if let Some(by) = whatif::best_alternative(g, s, |_| true) {
            cands.push(candidate(g, Move::Replace { system: s, by }));
        }
    }
    // Precedence: a replacement that (transitively) needs the replacement
    // brought by another move waits for it.
    let brings: Vec<Option<SystemId>> = cands
        .iter()
        .map(|c| match c.mv {
            Move::Replace { by, .. } if !m.system(by).in_use() => Some(by),
            _ => None,
        })
        .collect();
    for i in 0..cands.len() {
        if let Move::Replace { by, .. } = cands[i].mv {
            let deps = g.transitive_dependencies(by);
            cands[i].needs = (0..cands.len())
                .filter(|&j| j != i && brings[j].is_some_and(|b| deps.contains(&b)))
                .collect();
        }
    }
    // Pre-ranking.
    let hot = crate::analysis::lockin::hotspots(g, false);
    let hotspot: BTreeMap<&str, f64> = hot
        .systems
        .iter()
        .map(|h| (h.id.as_str(), h.hotspot))
        .collect();
    for c in cands.iter_mut() {
        let s = m.system(c.mv.system());
        c.proxy = hotspot.get(s.id.as_str()).copied().unwrap_or(0.0)
            * f64::from(s.criticality.weight())
            / c.card.one_off_cost.max(1.0);
    }
    let mut free: Vec<usize> = (forced..cands.len()).collect();
    free.sort_by(|&a, &b| cands[b].proxy.total_cmp(&cands[a].proxy).then(a.cmp(&b)));
    let evaluated = free.len().min(EVALUATED);
    for &i in &free[evaluated..] {
        let s = m.system(cands[i].mv.system());
        unplaced.push(Unplaced {
            system: s.id.clone(),
            name: s.name.clone(),
            reason: UnplacedReason::NotEvaluated,
            contract: None,
            one_off_cost: Some(cands[i].card.one_off_cost),
        });
    }
    free.truncate(evaluated);

    let planner = Planner {
        g,
        as_of,
        goal: settings.goal,
        target: settings.target_score,
        cands,
    };
    let before = planner.metrics_of(&[]);
    let worst_id = before.worst_scenario.as_ref().map(|w| w.scenario.clone());
    let worst_down = |x: &Metrics| -> i64 {
        worst_id
            .as_ref()
            .and_then(|id| x.scenarios.iter().find(|s| &s.scenario == id))
            .map_or(0, |s| s.services_down as i64)
    };
    let gain = |a: &Metrics, b: &Metrics| Gain {
        risk: crate::analysis::lockin::round1(a.risk.total - b.risk.total),
        sovereignty: i32::from(b.sovereignty) - i32::from(a.sovereignty),
        worst_scenario_services_down: worst_down(a) - worst_down(b),
        critical_services_single_vendor: a.critical_services_single_vendor as i64
            - b.critical_services_single_vendor as i64,
    };

    let mut chosen: Vec<usize> = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    let mut current = before.clone();

    // Place one candidate; Err(constraint) when it fits nowhere.
    let place = |cal: &mut Calendar,
                 placed: &[Placed],
                 c: &Candidate|
     -> Result<
        (NaiveDate, NaiveDate, Option<NaiveDate>, Option<Constraint>),
        Constraint,
    > {
        let ready = c
            .needs
            .iter()
            .filter_map(|&j| placed.iter().find(|p| p.cand == j))
            .map(|p| p.finish.succ_opt().unwrap_or(p.finish))
            .max();
        let first = ready.map_or(0, |d| {
            // The first quarter starting on or after `d`.
            cal.quarters
                .iter()
                .position(|&(a, _)| a >= d)
                .unwrap_or(cal.quarters.len())
        });
        let mut err_first: Option<Constraint> = None;
        for q in first..cal.quarters.len() {
            match cal.fits(q, c.card.p80_days, c.card.one_off_cost) {
                Ok((s, f)) => {
                    cal.book(s, f, c.card.one_off_cost);
                    let held = if q == 0 {
                        None
                    } else if q == first {
                        Some(Constraint::Precedence)
                    } else {
                        err_first
                    };
                    return Ok((s, f, (q > 0).then(|| cal.quarters[0].0), held));
                }
                Err(Constraint::Horizon) => return Err(err_first.unwrap_or(Constraint::Horizon)),
                Err(e) => {
                    if err_first.is_none() {
                        err_first = Some(e);
                    }
                }
            }
        }
        Err(err_first.unwrap_or(Constraint::Horizon))
    };

    // Forced moves, in model order.
    for i in 0..forced {
        let mut next = chosen.clone();
        next.push(i);
        let after = planner.metrics_of(&next);
        match place(&mut cal, &placed, &planner.cands[i]) {
            Ok((s, f, from, by)) => {
                placed.push(Placed {
                    cand: i,
                    start: s,
                    finish: f,
                    why: Why {
                        reason: Reason::DecidedExit,
                        chosen: chosen.len() + 1,
                        gain: gain(&current, &after),
                        deferred_from: from,
                        deferred_by: by,
                        start_by: None,
                    },
                });
                chosen.push(i);
                current = after;
            }
            Err(e) => unplaced.push(unplaced_of(m, &planner.cands[i], e)),
        }
    }

    // Greedy choice with lazy re-evaluation.
    let reason = match settings.goal {
        PlanGoal::Risk => Reason::RiskPerEuro,
        PlanGoal::Sovereignty => Reason::SovereigntyPerEuro,
        PlanGoal::NoSingleVendor => Reason::SingleVendorPerEuro,
    };
    // (ratio, gain value, metrics after, evaluated against |chosen|)
    // The first evaluation of every candidate is independent of the others:
    // they run side by side (collected in order, so the result is the same).
    let mut scored: Vec<(usize, f64, f64, Metrics, usize)> = {
        use rayon::prelude::*;
        free.par_iter()
            .map(|&i| {
                let mut next = chosen.clone();
                next.push(i);
                let after = planner.metrics_of(&next);
                let gv = goal_value(planner.goal, &after) - goal_value(planner.goal, &current);
                let ratio = gv / planner.cands[i].card.one_off_cost.max(1.0);
                (i, ratio, gv, after, chosen.len())
            })
            .collect()
    };
    loop {
        if reached(planner.goal, planner.target, &current) {
            for (i, ..) in scored.drain(..) {
                unplaced.push(unplaced_of(m, &planner.cands[i], UnplacedKind::GoalReached));
            }
            break;
        }
        // Best by ratio, then model order of the candidate.
        let Some(pos) = (0..scored.len()).max_by(|&a, &b| {
            scored[a]
                .1
                .total_cmp(&scored[b].1)
                .then(scored[b].0.cmp(&scored[a].0))
        }) else {
            break;
        };
        if scored[pos].4 != chosen.len() {
            // Stale: evaluate against the moves chosen since.
            let i = scored[pos].0;
            let mut next = chosen.clone();
            next.push(i);
            let after = planner.metrics_of(&next);
            let gv = goal_value(planner.goal, &after) - goal_value(planner.goal, &current);
            scored[pos] = (
                i,
                gv / planner.cands[i].card.one_off_cost.max(1.0),
                gv,
                after,
                chosen.len(),
            );
            continue;
        }
        let (i, _, gv, after, _) = scored.swap_remove(pos);
        if gv <= 1e-9 {
            unplaced.push(unplaced_of(m, &planner.cands[i], UnplacedKind::NoGain));
            continue;
        }
        match place(&mut cal, &placed, &planner.cands[i]) {
            Ok((s, f, from, by)) => {
                placed.push(Placed {
                    cand: i,
                    start: s,
                    finish: f,
                    why: Why {
                        reason,
                        chosen: chosen.len() + 1,
                        gain: gain(&current, &after),
                        deferred_from: from,
                        deferred_by: by,
                        start_by: None,
                    },
                });
                chosen.push(i);
                current = after;
            }
            Err(e) => unplaced.push(unplaced_of(m, &planner.cands[i], e)),
        }
    }
    let goal_reached = match settings.goal {
        PlanGoal::Risk => true,
        _ => reached(settings.goal, settings.target_score, &current),
    };

    // The moves, with windows and running cost.
    let spend_now = crate::analysis::spend::concentration(g).total;
    let mut moves: Vec<PlannedMove> = Vec::new();
    let mut extra_by_year: BTreeMap<i32, f64> = BTreeMap::new();
    for p in &placed {
        let c = &planner.cands[p.cand];
        let mut window_end = None;
        let mut contract_end = None;
        let mut extra = 0.0;
        let mut contract = None;
        for &k in &c.leaves {
            let first = exit_after(g, k, start, start);
            let real = exit_after(g, k, start, p.finish);
            let cost = m.contract(k).annual_cost.unwrap_or(0.0);
            if let (Some(a), Some(b)) = (first, real)
                && b > a
            {
                let x = cost * days_between(a, b) / 365.25;
                extra += x;
                *extra_by_year.entry(a.year()).or_insert(0.0) += x;
            }
            if window_end.is_none() {
                window_end = first;
                contract_end = real;
                contract = Some(m.contract(k).id.clone());
            }
        }
        let alone = whatif::target_graph(g, &[c.mv], as_of);
        let running = round_money(crate::analysis::spend::concentration(&alone).total - spend_now);
        let mut why = p.why.clone();
        why.start_by = window_end
            .map(|w| w - chrono::Duration::days((c.card.p80_days.ceil() as i64 - 1).max(0)));
        moves.push(PlannedMove {
            system: c.card.system.clone(),
            name: c.card.name.clone(),
            to: c.card.to.clone(),
            to_name: c.card.to_name.clone(),
            kind: c.kind,
            contract: match c.mv {
                Move::EndContract { contract: k, .. } => Some(m.contract(k).id.clone()),
                _ => contract,
            },
            start: p.start,
            finish: p.finish,
            quarter: quarter_label(p.start),
            p50_days: c.card.p50_days,
            p80_days: c.card.p80_days,
            one_off_cost: c.card.one_off_cost,
            running_cost_change: running,
            window_end,
            contract_end,
            extra_renewal_cost: round_money(extra),
            after: c
                .needs
                .iter()
                .filter(|&&j| placed.iter().any(|q| q.cand == j))
                .map(|&j| planner.cands[j].card.system.clone())
                .collect(),
            why,
        });
    }
    moves.sort_by(|a, b| a.start.cmp(&b.start).then(a.system.cmp(&b.system)));

    // Years: the state at the end of each.
    let year_metrics: Vec<Metrics> = {
        use rayon::prelude::*;
        (start.year()..=end.year())
            .collect::<Vec<i32>>()
            .par_iter()
            .map(|&y| {
                let b = year_span(y).1.min(end);
                let done: Vec<usize> = placed
                    .iter()
                    .filter(|p| p.finish <= b)
                    .map(|p| p.cand)
                    .collect();
                planner.metrics_of(&done)
            })
            .collect()
    };
    let mut years = Vec::new();
    for (y, metrics) in (start.year()..=end.year()).zip(year_metrics) {
        let (a, b) = year_span(y);
        let b = b.min(end);
        let mut cost = 0.0;
        let mut load = 0.0;
        for p in &placed {
            let c = &planner.cands[p.cand];
            cost += Calendar::spend(p.start, p.finish, c.card.one_off_cost)
                .get(&y)
                .copied()
                .unwrap_or(0.0);
            load +=
                overlap(p.start, p.finish.succ_opt().unwrap_or(p.finish), a, b) / DAYS_PER_MONTH;
        }
        years.push(PlanYear {
            year: y,
            started: ids(&moves, |mv| mv.start.year() == y),
            finished: ids(&moves, |mv| mv.finish.year() == y),
            one_off_cost: round_money(cost),
            budget: cal
                .budget
                .as_ref()
                .map(|bd| bd.get(&y).copied().unwrap_or(0.0)),
            team_load: crate::analysis::lockin::round1(load),
            extra_renewal_cost: round_money(extra_by_year.get(&y).copied().unwrap_or(0.0)),
            metrics,
        });
    }
    let quarters = cal
        .quarters
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| PlanQuarter {
            label: quarter_label(a),
            start: a,
            end: b,
            running: cal.running[i] as usize,
            staff_months: crate::analysis::lockin::round1(cal.staff_used[i]),
            one_off_cost: round_money(
                placed
                    .iter()
                    .map(|p| {
                        let c = &planner.cands[p.cand];
                        let stop = p.finish.succ_opt().unwrap_or(p.finish);
                        c.card.one_off_cost * overlap(p.start, stop, a, b)
                            / days_between(p.start, stop).max(1.0)
                    })
                    .sum(),
            ),
        })
        .collect();
    let after = current;
    let totals = Totals {
        one_off_cost: round_money(moves.iter().map(|m| m.one_off_cost).sum()),
        running_cost_change: round_money(after.spend_total - before.spend_total),
        extra_renewal_cost: round_money(moves.iter().map(|m| m.extra_renewal_cost).sum()),
    };
    unplaced.sort_by(|a, b| a.system.cmp(&b.system));
    Plan {
        as_of,
        goal: settings.goal,
        target_score: settings.target_score,
        goal_reached,
        horizon: Horizon { start, end },
        limits: Limits {
            parallel_migrations: parallel.max(1),
            staff_months: settings.staff_months,
            budget: settings.budget.clone().unwrap_or_default(),
        },
        moves,
        years,
        quarters,
        unplaced,
        totals,
        before,
        after,
        candidates: planner.cands.len(),
        evaluated: forced + evaluated,
    }
}

/// The edits of the moves of `p` that finish by `day` (for the target
/// state of a year).
pub fn moves_done_by(g: &Graph, p: &Plan, day: NaiveDate) -> Vec<Move> {
    let m = g.model();
    p.moves
        .iter()
        .filter(|mv| mv.finish <= day)
        .filter_map(|mv| {
            let s = m.system_id(&mv.system)?;
            match mv.kind {
                _ if mv.contract.is_some() && m.system_id(&mv.to).is_none() => {
                    let c = m.contract_id(mv.contract.as_deref()?)?;
                    Some(Move::EndContract {
                        contract: c,
                        first: s,
                    })
                }
                StepKind::Replace => Some(Move::Replace {
                    system: s,
                    by: m.system_id(&mv.to)?,
                }),
                _ => None,
            }
        })
        .collect()
}

fn ids(moves: &[PlannedMove], f: impl Fn(&PlannedMove) -> bool) -> Vec<String> {
    moves
        .iter()
        .filter(|m| f(m))
        .map(|m| m.system.clone())
        .collect()
}

/// A reason for leaving a candidate out.
enum UnplacedKind {
    NoGain,
    GoalReached,
}

impl From<Constraint> for UnplacedReason {
    fn from(c: Constraint) -> UnplacedReason {
        match c {
            Constraint::Capacity | Constraint::Precedence => UnplacedReason::Capacity,
            Constraint::Budget => UnplacedReason::Budget,
            Constraint::Horizon => UnplacedReason::Horizon,
        }
    }
}

impl From<UnplacedKind> for UnplacedReason {
    fn from(k: UnplacedKind) -> UnplacedReason {
        match k {
            UnplacedKind::NoGain => UnplacedReason::NoGain,
            UnplacedKind::GoalReached => UnplacedReason::GoalReached,
        }
    }
}

fn unplaced_of(m: &crate::model::Model, c: &Candidate, r: impl Into<UnplacedReason>) -> Unplaced {
    let s = m.system(c.mv.system());
    Unplaced {
        system: c.card.system.clone(),
        name: if matches!(c.mv, Move::EndContract { .. }) {
            c.card.name.clone()
        } else {
            s.name.clone()
        },
        reason: r.into(),
        contract: match c.mv {
            Move::EndContract { contract, .. } => Some(m.contract(contract).id.clone()),
            _ => None,
        },
        one_off_cost: Some(c.card.one_off_cost),
    }
}

fn candidate(g: &Graph, mv: Move) -> Candidate {
    let card = whatif::card(g, &mv);
    let (kind, leaves) = match mv {
        Move::Replace { system, .. } => (StepKind::Replace, contracts_left(g, system)),
        Move::Rehost { system, .. } => (StepKind::Rehost, contracts_left(g, system)),
        Move::EndContract { contract, .. } => {
            let steps = crate::analysis::exit_plan::target_steps(
                g,
                &crate::analysis::exit_plan::Target::Contract(contract),
                g.review_date(),
            );
            (
                steps.steps.first().map_or(StepKind::Resupport, |s| s.kind),
                vec![contract],
            )
        }
    };
    Candidate {
        mv,
        card,
        kind,
        leaves,
        needs: Vec::new(),
        proxy: 0.0,
    }
}

#[cfg(test)]
mod tests;
