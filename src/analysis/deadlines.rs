//! Contract deadlines: when each contract can end, by when notice must be
//! given, and by when the decision to switch must be taken so that the
//! migration finishes when the contract does.
//!
//! Definitions (`docs/methodology.md#contract-deadlines-and-the-eu-data-act-check`), for an as-of date A:
//!
//! - **term ends**: the first is `end` (validation computes it from `start` +
//!   `term` - 1 day when needed); with `renewal`, each next term end is
//!   (previous end + 1 day + renewal) - 1 day, in calendar months and years
//!   clamped to the month's last day.
//! - **notice deadline** of a term ending on T (renewing contracts only):
//!   (T + 1 day - notice) - 1 day, the last day notice can still be given.
//! - `term_end`: the first term end on or after A.
//! - `next_exit`: renewing: the first term end whose notice deadline is on or
//!   after A; otherwise `end` if it is on or after A. `None`: expired.
//! - `decision_deadline`: `next_exit` - ceil(P80 of the exit plan of the
//!   contract's in-use systems) days, or the notice deadline if earlier.
//! - `feasible_exit`: the first term end from `next_exit` on with term end -
//!   ceil(P80) not before A and its notice deadline, if any, not passed.
//! - `status`: expired / overdue (decision before A) / due (decision on or
//!   before A + horizon) / ok; `days_to_decision` = decision - A.
//!
//! The EU Data Act findings of cloud contracts ([`super::data_act`]) are
//! attached to their contracts.

use super::data_act::{self, Finding};
use super::exit_plan::{self, PlanOptions};
use crate::graph::Graph;
use crate::model::{Contract, ContractKind, Duration, SystemId};
use chrono::{Days, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The longest search through renewals, in terms (a `1d` renewal from 1900
/// to 2100 needs about 73,000).
const MAX_TERMS: usize = 200_000;

/// Options of [`deadlines`].
#[derive(Clone, Debug, PartialEq)]
pub struct DeadlineOptions {
    pub as_of: NaiveDate,
    /// Decisions due within this period from the as-of date are `due`.
    pub horizon: Duration,
    /// Options of the exit plans whose P80 gives the migration time.
    pub plan: PlanOptions,
}

/// Where a contract stands on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// No exit left: the contract has ended.
    Expired,
    /// The decision deadline has passed.
    Overdue,
    /// The decision deadline falls within the horizon.
    Due,
    Ok,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Expired => "expired",
            Status::Overdue => "overdue",
            Status::Due => "due",
            Status::Ok => "ok",
        }
    }
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
    /// The covered systems that are in use (their exit plan sets the migration time).
    pub systems: Vec<String>,
    pub notice: Duration,
    pub renewal: Option<Duration>,
    pub term_end: Option<NaiveDate>,
    pub next_exit: Option<NaiveDate>,
    pub notice_deadline: Option<NaiveDate>,
    pub decision_deadline: Option<NaiveDate>,
    pub feasible_exit: Option<NaiveDate>,
    /// The decision deadline for `feasible_exit` (when it differs from
    /// `next_exit`, the date to act on after an overdue decision).
    pub feasible_decision_deadline: Option<NaiveDate>,
    pub status: Status,
    pub days_to_decision: Option<i64>,
    /// P80 of the exit plan of `systems`, in days.
    pub p80_days: f64,
    /// `p80_days` rounded up: what is subtracted from dates.
    pub migration_days: i64,
    /// One sentence on what the dates mean for this contract.
    pub note: String,
    /// EU Data Act findings of this contract.
    pub data_act: Vec<Finding>,
}

/// The deadlines report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deadlines {
    pub as_of: NaiveDate,
    pub horizon: Duration,
    /// as_of + horizon: decisions up to this day are `due`.
    pub horizon_end: Option<NaiveDate>,
    /// Sorted by decision deadline (none last), then id.
    pub contracts: Vec<ContractDeadline>,
    /// Every Data Act finding, in contract order.
    pub data_act: Vec<Finding>,
}

fn plus_days(d: NaiveDate, n: u64) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(n))
}

fn minus_days(d: NaiveDate, n: u64) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(n))
}

/// The term end after `t`: (t + 1 day + renewal) - 1 day.
pub fn next_term_end(t: NaiveDate, renewal: Duration) -> Option<NaiveDate> {
    minus_days(renewal.add_to(plus_days(t, 1)?)?, 1)
}

/// The notice deadline of a term ending on `t`: (t + 1 day - notice) - 1 day.
pub fn notice_deadline(t: NaiveDate, notice: Duration) -> Option<NaiveDate> {
    minus_days(notice.sub_from(plus_days(t, 1)?)?, 1)
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
    /// The decision deadline for `feasible_exit`: its term end - migration
    /// days, or its notice deadline if earlier.
    pub feasible_decision: Option<NaiveDate>,
}

/// term end - days, or the notice deadline if earlier.
fn decision_for(t: NaiveDate, days: u64, nd: Option<NaiveDate>) -> Option<NaiveDate> {
    match (minus_days(t, days), nd) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Computes the dates of a contract (pure calendar arithmetic).
pub fn contract_dates(
    end: NaiveDate,
    notice: Duration,
    renewal: Option<Duration>,
    as_of: NaiveDate,
    migration_days: i64,
) -> Dates {
    let days = migration_days.max(0) as u64;
    let start_ok = |t: NaiveDate| minus_days(t, days).is_some_and(|d| d >= as_of);
    let Some(renewal) = renewal.filter(|r| !r.is_zero()) else {
        let live = (end >= as_of).then_some(end);
        let feasible = live.filter(|&t| start_ok(t));
        return Dates {
            term_end: live,
            next_exit: live,
            notice_deadline: None,
            decision_deadline: live.and_then(|t| minus_days(t, days)),
            feasible_exit: feasible,
            feasible_decision: feasible.and_then(|t| minus_days(t, days)),
        };
    };
    let mut term_end = None;
    let mut next_exit = None;
    let mut feasible = None;
    let mut t = Some(end);
    for _ in 0..MAX_TERMS {
        let Some(cur) = t else { break };
        if term_end.is_none() && cur >= as_of {
            term_end = Some(cur);
        }
        let nd = notice_deadline(cur, notice);
        if next_exit.is_none() && nd.is_some_and(|d| d >= as_of) {
            next_exit = Some(cur);
        }
        if next_exit.is_some() && start_ok(cur) {
            feasible = Some(cur);
            break;
        }
        t = next_term_end(cur, renewal);
    }
    let nd = next_exit.and_then(|t| notice_deadline(t, notice));
    Dates {
        term_end,
        next_exit,
        notice_deadline: nd,
        decision_deadline: next_exit.and_then(|t| decision_for(t, days, nd)),
        feasible_exit: feasible,
        feasible_decision: feasible.and_then(|t| decision_for(t, days, notice_deadline(t, notice))),
    }
}

/// The status of a contract from its dates.
pub fn status(d: &Dates, as_of: NaiveDate, horizon_end: Option<NaiveDate>) -> Status {
    match (d.next_exit, d.decision_deadline) {
        (None, _) | (_, None) => Status::Expired,
        (Some(_), Some(dd)) if dd < as_of => Status::Overdue,
        (Some(_), Some(dd)) if horizon_end.is_none_or(|h| dd <= h) => Status::Due,
        _ => Status::Ok,
    }
}

fn note(c: &Contract, d: &Dates, st: Status, migration: i64) -> String {
    let fmt = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_default();
    let took = if migration >= 365 {
        format!(
            "P80: {migration} days, {:.1} years",
            migration as f64 / 365.25
        )
    } else {
        format!("P80: {migration} days")
    };
    match st {
        Status::Expired => format!("ended on {}; nothing to decide", c.end),
        Status::Overdue => {
            let why = if d.notice_deadline.is_some() && d.decision_deadline == d.notice_deadline {
                format!(
                    "notice to leave on {} was due by {}",
                    fmt(d.next_exit),
                    fmt(d.notice_deadline)
                )
            } else {
                format!(
                    "a switch ({took}) had to start by {} to leave on {}",
                    fmt(d.decision_deadline),
                    fmt(d.next_exit)
                )
            };
            match d.feasible_exit {
                Some(f) => format!(
                    "{why}; earliest exit still reachable: {f} (start the switch by {})",
                    fmt(d.feasible_decision)
                ),
                None if c.renewal.is_none() => format!(
                    "{why}; the contract ends without renewal before a switch could finish: extend it or plan a bridge"
                ),
                None => format!("{why}; no later term end could be found"),
            }
        }
        Status::Due | Status::Ok => {
            let mut s = format!(
                "start the switch ({took}) by {} to leave on {}",
                fmt(d.decision_deadline),
                fmt(d.next_exit)
            );
            if let Some(nd) = d.notice_deadline {
                s.push_str(&format!("; give notice by {nd}"));
            }
            s
        }
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
    // The systems each contract covers (in use, sorted, unique); contracts
    // covering the same systems share one plan.
    let covered_of: Vec<Vec<SystemId>> = m
        .contracts
        .iter()
        .map(|c| {
            let mut covered: Vec<SystemId> = c
                .covers
                .iter()
                .copied()
                .filter(|s| m.system(*s).in_use())
                .collect();
            covered.sort_unstable();
            covered.dedup();
            covered
        })
        .collect();
    let plans: Vec<&Vec<SystemId>> = covered_of
        .iter()
        .filter(|c| !c.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    // The plans on both cores: each is computed on its own (its Monte Carlo
    // runs seeded as in `exit`), so the result does not depend on the split.
    // Each worker has its own precedence memory, sized to the landscape once.
    let p80s: Vec<f64> = plans
        .par_iter()
        .map_init(
            || exit_plan::Precedence::new(g),
            |prec, covered| exit_plan::systems_p80(g, covered, &opts.plan, prec),
        )
        .collect();
    let p80_of: BTreeMap<&Vec<SystemId>, f64> = plans.into_iter().zip(p80s).collect();
    let mut out = Vec::with_capacity(m.contracts.len());
    for (c, covered) in m.contracts.iter().zip(&covered_of) {
        let p80 = p80_of.get(covered).copied().unwrap_or(0.0);
        let migration = whole_days(p80);
        let d = contract_dates(c.end, c.notice, c.renewal, as_of, migration);
        let st = status(&d, as_of, horizon_end);
        let mut systems: Vec<String> = covered.iter().map(|s| m.system(*s).id.clone()).collect();
        systems.sort();
        out.push(ContractDeadline {
            id: c.id.clone(),
            name: c.name.clone(),
            vendor: m.vendor(c.vendor).id.clone(),
            vendor_name: m.vendor(c.vendor).name.clone(),
            kind: c.kind,
            annual_cost: c.annual_cost,
            systems,
            notice: c.notice,
            renewal: c.renewal,
            term_end: d.term_end,
            next_exit: d.next_exit,
            notice_deadline: d.notice_deadline,
            decision_deadline: d.decision_deadline,
            feasible_exit: d.feasible_exit,
            feasible_decision_deadline: d.feasible_decision,
            status: st,
            days_to_decision: d
                .decision_deadline
                .filter(|_| st != Status::Expired)
                .map(|dd| (dd - as_of).num_days()),
            p80_days: p80,
            migration_days: migration,
            note: note(c, &d, st, migration),
            data_act: findings_of
                .get(c.id.as_str())
                .map(|l| l.iter().map(|f| (*f).clone()).collect())
                .unwrap_or_default(),
        });
    }
    out.sort_by(|a, b| match (a.decision_deadline, b.decision_deadline) {
        (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.id.cmp(&b.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.id.cmp(&b.id),
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
