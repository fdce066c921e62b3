//! Contract deadlines: when each contract can end, by when notice must be
//! given, by when the decision to switch must be taken so that the
//! migration finishes when the contract does, and which of these decisions
//! are really open.
//!
//! Definitions (`docs/methodology.md#contract-deadlines-and-the-eu-data-act-check`), for an as-of date A:
//!
//! - **term ends**, **exit days** and **notice deadlines**: see
//!   [`crate::model::terms`] (an exit day is the end of the `notice_to`
//!   period holding a term end; the notice deadline counts back from it).
//! - `term_end`: the end of the current term (the term holding A).
//! - `next_exit`: renewing: the first exit day whose notice deadline is on
//!   or after A; otherwise `end` if it is on or after A.
//! - `decision_deadline` (the start-by date): `next_exit` - ceil(P80 of the
//!   contract's exit plan) days, or the notice deadline if earlier. The
//!   exit plan is the plan of leaving the contract: each covered in-use
//!   system by the contract's exit kind (replace, rehost, resupport ...).
//! - `feasible_exit`: the first exit day from `next_exit` on whose start-by
//!   date is not before A and whose notice deadline, if any, has not passed.
//! - `status`: `ended` (ended before A), `mandated` (covers only mandated
//!   systems: nothing to choose), `renewed` (a current decision to renew),
//!   `leaving` (a current decision to leave), else `overdue` (the start-by
//!   date for `next_exit` has passed: the next exit is no longer
//!   reachable), `due` (start-by on or before A + horizon, the next
//!   review), `ok`.
//! - a decision is **current** when it was taken in the current term (on
//!   or after its first day) and not after A;
//! - `decision_due`: no current decision to renew or leave, the status is
//!   `overdue` or `due`, and `act_by` (the start-by date of the earliest
//!   reachable exit, or A when none is reachable) falls on or before the
//!   next review.
//!
//! The EU Data Act findings of cloud contracts ([`super::data_act`]) are
//! attached to their contracts.

use super::data_act::{self, Finding};
use super::exit_kind::{self, StepKind};
use super::exit_plan::{self, PlanOptions, Step};
use crate::graph::Graph;
use crate::model::{
    Contract, ContractId, ContractKind, Duration, ExitKind, Intent, NoticeTo, SystemId,
};
use chrono::{Days, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

pub use crate::model::terms::{next_term_end, notice_deadline};

/// Options of [`deadlines`].
#[derive(Clone, Debug, PartialEq)]
pub struct DeadlineOptions {
    pub as_of: NaiveDate,
    /// The next review is this far from the as-of date: decisions whose
    /// start-by date falls before it are due.
    pub horizon: Duration,
    /// Options of the exit plans whose P80 gives the migration time.
    pub plan: PlanOptions,
}

/// Where a contract stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The contract ended before the as-of date (without renewal, or left
    /// as decided). Called `expired` in earlier versions.
    Ended,
    /// It covers only mandated systems: there is nothing to choose.
    Mandated,
    /// Renewed on purpose: a current decision to renew.
    Renewed,
    /// Being left: a current decision to leave.
    Leaving,
    /// The start-by date for the next exit has passed: the next exit is no
    /// longer reachable (see `feasible_exit`).
    Overdue,
    /// The start-by date falls before the next review.
    Due,
    /// Nothing to decide before the next review.
    Ok,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ended => "ended",
            Status::Mandated => "mandated",
            Status::Renewed => "renewed",
            Status::Leaving => "leaving",
            Status::Overdue => "overdue",
            Status::Due => "due",
            Status::Ok => "ok",
        }
    }
}

/// A recorded decision, as the deadlines see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecisionView {
    pub intent: Intent,
    pub decided: NaiveDate,
    pub by: Option<String>,
    pub reason: Option<String>,
    /// Taken in the current term and not after the as-of date: it counts.
    pub current: bool,
}

/// One step of a contract's exit plan: a system and how it is left.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepView {
    pub system: String,
    pub kind: StepKind,
}

/// The deadlines of one contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractDeadline {
    pub id: String,
    pub name: Option<String>,
    pub vendor: String,
    pub vendor_name: String,
    pub kind: ContractKind,
    pub annual_cost: Option<f64>,
    /// The covered in-use systems that are left (their exit plan sets the
    /// migration time), sorted.
    pub systems: Vec<String>,
    /// Covered in-use systems that are mandated (kept), sorted.
    pub mandated: Vec<String>,
    /// How leaving the contract is done: the heaviest kind of its steps
    /// (`None` when it covers no system that could be left).
    pub exit_kind: Option<ExitKind>,
    /// Each system of the exit plan with its step kind.
    pub steps: Vec<StepView>,
    pub notice: Duration,
    pub notice_to: NoticeTo,
    pub renewal: Option<Duration>,
    /// Notice the provider must give, if agreed.
    pub provider_notice: Option<Duration>,
    /// True when the provider can end the contract sooner (its notice)
    /// than the organisation can leave it (the P80 of the exit plan).
    pub provider_notice_shorter: bool,
    /// The end of the current term (for an ended contract, the day it ended).
    pub term_end: Option<NaiveDate>,
    pub next_exit: Option<NaiveDate>,
    pub notice_deadline: Option<NaiveDate>,
    /// The start-by date of `next_exit`.
    pub decision_deadline: Option<NaiveDate>,
    pub feasible_exit: Option<NaiveDate>,
    /// The start-by date of `feasible_exit` (when it differs from
    /// `next_exit`, the date to act on after a missed decision).
    pub feasible_decision_deadline: Option<NaiveDate>,
    pub status: Status,
    /// The recorded decision, if any (current or not).
    pub decision: Option<DecisionView>,
    /// True when this contract needs a decision before the next review.
    pub decision_due: bool,
    /// The date to act by: the start-by date of the earliest reachable exit
    /// (for a contract being left: its notice deadline or start-by date,
    /// whichever comes first); the as-of date when no exit is reachable;
    /// none for contracts that ended, are mandated or renewed on purpose.
    pub act_by: Option<NaiveDate>,
    /// For a contract renewed on purpose: it runs at least until this day.
    pub renewed_until: Option<NaiveDate>,
    /// For an ended contract: the day it ended.
    pub ended_on: Option<NaiveDate>,
    pub days_to_decision: Option<i64>,
    /// P80 of the exit plan of `systems`, in days.
    pub p80_days: f64,
    /// `p80_days` rounded up: what is subtracted from dates.
    pub migration_days: i64,
    /// EU Data Act findings of this contract.
    pub data_act: Vec<Finding>,
}

/// The deadlines report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deadlines {
    pub as_of: NaiveDate,
    pub horizon: Duration,
    /// as_of + horizon: the next review; start-by dates up to this day are due.
    pub horizon_end: Option<NaiveDate>,
    /// Sorted by the date to act by (none last), then id.
    pub contracts: Vec<ContractDeadline>,
    /// Every Data Act finding, in contract order.
    pub data_act: Vec<Finding>,
}

impl Deadlines {
    /// The contracts that need a decision before the next review.
    pub fn open_decisions(&self) -> impl Iterator<Item = &ContractDeadline> {
        self.contracts.iter().filter(|c| c.decision_due)
    }
}

fn minus_days(d: NaiveDate, n: u64) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(n))
}

/// A number of days as whole days, rounded up. Values within a millionth of a
/// day of a whole number count as that number, so that float noise in a sum
/// of means never adds a day.
pub fn whole_days(x: f64) -> i64 {
    if x <= 0.0 {
        return 0;
    }
    (x - 1e-6).ceil().max(0.0) as i64
}

/// The dates of one contract for an as-of date and a migration time in whole days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dates {
    pub term_end: Option<NaiveDate>,
    pub next_exit: Option<NaiveDate>,
    pub notice_deadline: Option<NaiveDate>,
    pub decision_deadline: Option<NaiveDate>,
    pub feasible_exit: Option<NaiveDate>,
    /// The decision deadline for `feasible_exit`: its exit day - migration
    /// days, or its notice deadline if earlier.
    pub feasible_decision: Option<NaiveDate>,
}

/// exit day - days, or the notice deadline if earlier.
fn decision_for(x: NaiveDate, days: u64, nd: Option<NaiveDate>) -> Option<NaiveDate> {
    match (minus_days(x, days), nd) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Computes the dates of a contract (pure calendar arithmetic).
pub fn contract_dates(c: &Contract, as_of: NaiveDate, migration_days: i64) -> Dates {
    let days = migration_days.max(0) as u64;
    let start_ok = |x: NaiveDate| minus_days(x, days).is_some_and(|d| d >= as_of);
    let term_end = c.current_term(as_of).map(|t| t.end);
    if c.renewal.filter(|r| !r.is_zero()).is_none() {
        let live = (c.end >= as_of).then_some(c.end);
        let feasible = live.filter(|&x| start_ok(x));
        return Dates {
            term_end: live,
            next_exit: live,
            notice_deadline: None,
            decision_deadline: live.and_then(|x| minus_days(x, days)),
            feasible_exit: feasible,
            feasible_decision: feasible.and_then(|x| minus_days(x, days)),
        };
    }
    // The exit day and notice deadline of a term end; a term end without
    // them (beyond the calendar) ends both searches.
    let dates_of = |t: NaiveDate| match (c.exit_day(t), c.notice_deadline_for(t)) {
        (Some(x), Some(nd)) => Some((x, nd)),
        _ => None,
    };
    // The first term whose notice can still be given, then the first from
    // there on whose start-by date has not passed: both conditions only
    // turn from false to true along the terms, so the searches jump.
    let next = c
        .first_term_end(0, |t| dates_of(t).is_none_or(|(_, nd)| nd >= as_of))
        .and_then(|(k, t)| Some((k, dates_of(t)?)));
    let next_exit = next.map(|(_, (x, _))| x);
    let feasible = next.and_then(|(k, _)| {
        let (_, t) = c.first_term_end(k, |t| dates_of(t).is_none_or(|(x, _)| start_ok(x)))?;
        dates_of(t)
    });
    let nd = next_exit.and_then(|x| notice_deadline(x, c.notice));
    Dates {
        term_end,
        next_exit,
        notice_deadline: nd,
        decision_deadline: next_exit.and_then(|x| decision_for(x, days, nd)),
        feasible_exit: feasible.map(|f| f.0),
        feasible_decision: feasible.and_then(|(x, nd)| decision_for(x, days, Some(nd))),
    }
}

/// The status of a contract from its dates, without decisions or mandates:
/// `ended`, `overdue`, `due` or `ok`.
pub fn status(d: &Dates, as_of: NaiveDate, horizon_end: Option<NaiveDate>) -> Status {
    match (d.next_exit, d.decision_deadline) {
        (None, _) | (_, None) => Status::Ended,
        (Some(_), Some(dd)) if dd < as_of => Status::Overdue,
        (Some(_), Some(dd)) if horizon_end.is_none_or(|h| dd <= h) => Status::Due,
        _ => Status::Ok,
    }
}

/// The intent of the contract's decision when it counts on `as_of` (taken
/// in the current term, not after `as_of`).
pub fn current_intent(c: &Contract, as_of: NaiveDate) -> Option<crate::model::Intent> {
    decision_view(c, as_of)
        .filter(|d| d.current)
        .map(|d| d.intent)
}

/// The decision of a contract as seen on `as_of`.
fn decision_view(c: &Contract, as_of: NaiveDate) -> Option<DecisionView> {
    let d = c.decision.as_ref()?;
    let term_start = c.current_term(as_of).and_then(|t| t.start);
    let current = d.decided <= as_of && term_start.is_none_or(|s| d.decided >= s);
    Some(DecisionView {
        intent: d.intent,
        decided: d.decided,
        by: d.by.clone(),
        reason: d.reason.clone(),
        current,
    })
}

/// Everything about one contract except the Data Act findings.
fn contract_deadline(
    g: &Graph,
    id: ContractId,
    steps: &[Step],
    p80: f64,
    as_of: NaiveDate,
    horizon_end: Option<NaiveDate>,
) -> ContractDeadline {
    let m = g.model();
    let c = m.contract(id);
    let migration = whole_days(p80);
    let d = contract_dates(c, as_of, migration);
    let decision = decision_view(c, as_of);
    let mut mandated: Vec<String> = c
        .covers
        .iter()
        .map(|&s| m.system(s))
        .filter(|s| s.in_use() && s.is_mandated())
        .map(|s| s.id.clone())
        .collect();
    mandated.sort();
    mandated.dedup();
    let ended_on = c.ended_before(as_of);
    let current = |i: Intent| {
        decision
            .as_ref()
            .is_some_and(|x| x.current && x.intent == i)
    };
    let st = if ended_on.is_some() {
        Status::Ended
    } else if steps.is_empty() && !mandated.is_empty() {
        Status::Mandated
    } else if current(Intent::Renew) {
        Status::Renewed
    } else if current(Intent::Exit) {
        Status::Leaving
    } else {
        status(&d, as_of, horizon_end)
    };
    let act_by = match st {
        Status::Due | Status::Ok => d.decision_deadline,
        Status::Overdue => Some(d.feasible_decision.unwrap_or(as_of)),
        Status::Leaving => match (d.notice_deadline, d.decision_deadline) {
            (Some(a), Some(b)) => Some(a.min(b).max(as_of)),
            (a, b) => a.or(b).map(|x| x.max(as_of)),
        },
        _ => None,
    };
    let decision_due = matches!(st, Status::Overdue | Status::Due)
        && act_by.is_some_and(|a| horizon_end.is_none_or(|h| a <= h));
    let renewed_until = (st == Status::Renewed)
        .then(|| {
            let t = d.term_end?;
            let r = c.renewal.filter(|r| !r.is_zero())?;
            c.exit_day(next_term_end(t, r)?)
        })
        .flatten();
    let mut systems: Vec<String> = steps
        .iter()
        .map(|st| m.system(st.system).id.clone())
        .collect();
    systems.sort();
    let exit_kind = steps
        .iter()
        .filter_map(|st| match st.kind {
            StepKind::Replace => Some(ExitKind::Replace),
            StepKind::Rehost => Some(ExitKind::Rehost),
            StepKind::Resupport => Some(ExitKind::Resupport),
            StepKind::Insource => Some(ExitKind::Insource),
            StepKind::Decommission => None,
        })
        .max_by_key(|k| exit_kind::weight(*k));
    let live = st != Status::Ended;
    ContractDeadline {
        id: c.id.clone(),
        name: c.name.clone(),
        vendor: m.vendor(c.vendor).id.clone(),
        vendor_name: m.vendor(c.vendor).name.clone(),
        kind: c.kind,
        annual_cost: c.annual_cost,
        systems,
        mandated,
        exit_kind,
        steps: steps
            .iter()
            .map(|st| StepView {
                system: m.system(st.system).id.clone(),
                kind: st.kind,
            })
            .collect(),
        notice: c.notice,
        notice_to: c.notice_to,
        renewal: c.renewal,
        provider_notice: c.provider_notice,
        provider_notice_shorter: live
            && c.provider_notice
                .is_some_and(|p| p.as_days() < migration as f64),
        term_end: if live { d.term_end } else { ended_on },
        next_exit: d.next_exit.filter(|_| live),
        notice_deadline: d.notice_deadline.filter(|_| live),
        decision_deadline: d.decision_deadline.filter(|_| live),
        feasible_exit: d.feasible_exit.filter(|_| live),
        feasible_decision_deadline: d.feasible_decision.filter(|_| live),
        status: st,
        decision,
        decision_due,
        act_by,
        renewed_until,
        ended_on,
        days_to_decision: act_by.map(|a| (a - as_of).num_days()),
        p80_days: p80,
        migration_days: migration,
        data_act: Vec::new(),
    }
}

/// The deadlines of every contract.
pub fn deadlines(g: &Graph, opts: &DeadlineOptions) -> Deadlines {
    let m = g.model();
    let as_of = opts.as_of;
    let horizon_end = opts.horizon.add_to(as_of);
    let findings = data_act::findings(m);
    // The findings of each contract, in the order of `findings`: one pass
    // instead of a scan of all findings per contract (quadratic at scale).
    let mut findings_of: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &findings {
        findings_of.entry(f.contract.as_str()).or_default().push(f);
    }
    let plan_opts = PlanOptions {
        as_of: Some(as_of),
        ..opts.plan.clone()
    };
    // The steps of leaving each contract; contracts with the same steps
    // share one plan.
    let steps_of: Vec<Vec<Step>> = m
        .contract_ids()
        .map(|c| exit_plan::contract_steps(g, c, &plan_opts))
        .collect();
    let key = |steps: &[Step]| -> Vec<(SystemId, StepKind, Option<ContractId>)> {
        steps.iter().map(|s| (s.system, s.kind, s.via)).collect()
    };
    let mut unique: BTreeMap<Vec<(SystemId, StepKind, Option<ContractId>)>, usize> =
        BTreeMap::new();
    let mut plans: Vec<&Vec<Step>> = Vec::new();
    for steps in steps_of.iter().filter(|s| !s.is_empty()) {
        // Steps of one contract carry its id: plans of equal systems and
        // kinds are equal whatever the contract, so the key leaves it out.
        let k: Vec<_> = key(steps)
            .into_iter()
            .map(|(a, b, _)| (a, b, None))
            .collect();
        if let std::collections::btree_map::Entry::Vacant(e) = unique.entry(k) {
            e.insert(plans.len());
            plans.push(steps);
        }
    }
    // The plans on both cores: each is computed on its own (its Monte Carlo
    // runs seeded as in `exit`), so the result does not depend on the split.
    // Each worker has its own precedence memory, sized to the landscape once.
    let p80s: Vec<f64> = plans
        .par_iter()
        .map_init(
            || exit_plan::Precedence::new(g),
            |prec, steps| exit_plan::steps_p80(g, steps, &plan_opts, prec),
        )
        .collect();
    let mut out = Vec::with_capacity(m.contracts.len());
    for (c, steps) in m.contract_ids().zip(&steps_of) {
        let k: Vec<_> = key(steps)
            .into_iter()
            .map(|(a, b, _)| (a, b, None))
            .collect();
        let p80 = unique.get(&k).map_or(0.0, |&i| p80s[i]);
        let mut d = contract_deadline(g, c, steps, p80, as_of, horizon_end);
        d.data_act = findings_of
            .get(m.contract(c).id.as_str())
            .map(|l| l.iter().map(|f| (*f).clone()).collect())
            .unwrap_or_default();
        out.push(d);
    }
    out.sort_by(|a, b| match (a.act_by, b.act_by) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a
            .status
            .cmp(&b.status)
            .reverse()
            .then_with(|| a.id.cmp(&b.id)),
    });
    Deadlines {
        as_of,
        horizon: opts.horizon,
        horizon_end,
        contracts: out,
        data_act: findings,
    }
}

#[cfg(test)]
mod tests;
