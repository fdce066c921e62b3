//! What-if option cards: a target state built from moves (replace a system
//! by an alternative, rehost it with another operator, drop a vendor
//! group), its headline metrics before and after, and what the moves cost
//! and take (docs/methodology.md, "What-if option cards").

use crate::analysis::exit_kind::StepKind;
use crate::analysis::lockin::round1;
use crate::analysis::metrics::{self, Metrics};
use crate::analysis::switch::{self, pert_quantile};
use crate::graph::Graph;
use crate::model::edit::{self, Move};
use crate::model::{Alternative, Model, Party, SystemId, VendorId};
use chrono::NaiveDate;
use serde::Serialize;

/// What the user asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    Replace {
        system: SystemId,
        by: SystemId,
    },
    Rehost {
        system: SystemId,
        operator: Party,
    },
    /// Every in-use system made or run by the vendor or a company it
    /// controls moves to its best alternative outside them.
    DropVendor(VendorId),
}

/// How a system moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    Replace,
    Rehost,
    /// A contract ends (a decided exit that moves no system to another).
    EndContract,
}

/// Something the user should know about a requested move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Caution {
    /// The replacement is not among the alternatives the model records.
    NotListed,
    /// The system is mandated: the organisation cannot choose to leave it.
    Mandated,
    /// The replacement is the system itself: nothing changes.
    Itself,
    /// The replacement is retired in the model (it is brought back).
    Retired,
}

/// Why a system of a dropped vendor group does not move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmovable {
    Mandated,
    /// No alternative of the model lies outside the vendor group.
    NoAlternative,
}

/// One move of the card.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoveCard {
    pub kind: MoveKind,
    pub system: String,
    pub name: String,
    /// The replacement system, or the new operator (`self` for in-house).
    pub to: String,
    pub to_name: String,
    pub optimistic_days: f64,
    pub likely_days: f64,
    pub pessimistic_days: f64,
    /// Median and 80th percentile of the PERT distribution.
    pub p50_days: f64,
    pub p80_days: f64,
    pub one_off_cost: f64,
    /// True when the durations (cost) were given in the model.
    pub given: bool,
    pub cost_given: bool,
    pub cautions: Vec<Caution>,
}

/// A system of a dropped vendor group that stays.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unmoved {
    pub system: String,
    pub name: String,
    pub reason: Unmovable,
}

/// Cost and time of all moves together.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    pub one_off_cost: f64,
    /// Yearly spend after minus before (negative: saved). Contracts of a
    /// replacement that the model does not record are not in it.
    pub running_cost_change: f64,
    /// Moves at once (`[organisation] parallel_migrations`).
    pub parallel_migrations: u32,
    /// The moves' P50 (P80) durations laid on that many teams, longest
    /// first: the elapsed days until the last one ends.
    pub elapsed_p50_days: f64,
    pub elapsed_p80_days: f64,
}

/// The option card.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhatIf {
    pub as_of: NaiveDate,
    pub moves: Vec<MoveCard>,
    pub unmoved: Vec<Unmoved>,
    pub totals: Totals,
    pub before: Metrics,
    pub after: Metrics,
}

/// The best alternative of `s` for a move: a system of the model, not
/// retired, not `s`, accepted by `ok`; the one with the shortest P80
/// switch, then the first listed.
pub fn best_alternative(g: &Graph, s: SystemId, ok: impl Fn(SystemId) -> bool) -> Option<SystemId> {
    let m = g.model();
    let mut best: Option<(f64, SystemId)> = None;
    for a in &m.system(s).alternatives {
        let Alternative::System(t) = a else { continue };
        if *t == s || m.system(*t).status == crate::model::Status::Retired || !ok(*t) {
            continue;
        }
        let (p80, _) = switch::switch_to_p80(g, s, a);
        if best.is_none_or(|(b, _)| p80 < b) {
            best = Some((p80, *t));
        }
    }
    best.map(|(_, t)| t)
}

/// The moves of the requests, in order, and the systems a dropped vendor
/// group keeps.
pub fn resolve(g: &Graph, requests: &[Request]) -> (Vec<Move>, Vec<Unmoved>) {
    let m = g.model();
    let mut moves = Vec::new();
    let mut unmoved = Vec::new();
    for r in requests {
        match *r {
            Request::Replace { system, by } => moves.push(Move::Replace { system, by }),
            Request::Rehost { system, operator } => moves.push(Move::Rehost { system, operator }),
            Request::DropVendor(v) => {
                let group = g.controlled(v);
                let of_group = |p: Party| p.vendor().is_some_and(|x| group.contains(&x));
                for s in m.system_ids() {
                    let sys = m.system(s);
                    if !sys.in_use() || !(of_group(sys.vendor) || of_group(sys.operator)) {
                        continue;
                    }
                    if moves.iter().any(|mv: &Move| mv.system() == s) {
                        continue;
                    }
                    if sys.mandated.is_some() {
                        unmoved.push(Unmoved {
                            system: sys.id.clone(),
                            name: sys.name.clone(),
                            reason: Unmovable::Mandated,
                        });
                        continue;
                    }
                    let outside = |t: SystemId| {
                        let a = m.system(t);
                        !of_group(a.vendor) && !of_group(a.operator)
                    };
                    match best_alternative(g, s, outside) {
                        Some(by) => moves.push(Move::Replace { system: s, by }),
                        None => unmoved.push(Unmoved {
                            system: sys.id.clone(),
                            name: sys.name.clone(),
                            reason: Unmovable::NoAlternative,
                        }),
                    }
                }
            }
        }
    }
    (moves, unmoved)
}

/// The card of one move, with its estimate on the landscape before.
pub fn card(g: &Graph, mv: &Move) -> MoveCard {
    let m = g.model();
    let s = mv.system();
    let sys = m.system(s);
    let (kind, to, to_name, est, mut cautions) = match *mv {
        Move::Replace { by, .. } => {
            let mut c = Vec::new();
            if by == s {
                c.push(Caution::Itself);
            } else if !edit::is_listed_alternative(m, s, by) {
                c.push(Caution::NotListed);
            }
            if m.system(by).status == crate::model::Status::Retired && by != s {
                c.push(Caution::Retired);
            }
            let f = switch::estimate_switch_to(g, s, &Alternative::System(by));
            let t = m.system(by);
            let figs = [f.optimistic_days, f.likely_days, f.pessimistic_days, f.cost];
            (
                MoveKind::Replace,
                t.id.clone(),
                t.name.clone(),
                (figs, f.given, f.cost_given),
                c,
            )
        }
        Move::Rehost { operator, .. } => {
            let f = switch::figures(g, s, StepKind::Rehost);
            let (id, name) = party_label(m, operator);
            (
                MoveKind::Rehost,
                id,
                name,
                (
                    [f.optimistic_days, f.likely_days, f.pessimistic_days, f.cost],
                    f.given,
                    f.cost_given,
                ),
                Vec::new(),
            )
        }
        Move::EndContract { contract, .. } => {
            let p = contract_exit(g, contract);
            let c = m.contract(contract);
            (
                MoveKind::EndContract,
                c.id.clone(),
                c.name.clone().unwrap_or_else(|| c.id.clone()),
                ([p.0, p.1, p.2, p.3], p.4, p.5),
                Vec::new(),
            )
        }
    };
    if sys.mandated.is_some() {
        cautions.push(Caution::Mandated);
    }
    let ([o, l, p, cost], given, cost_given) = est;
    let itself = cautions.contains(&Caution::Itself);
    let z = |x: f64| if itself { 0.0 } else { x };
    let name = match *mv {
        Move::EndContract { .. } => to_name.clone(),
        _ => sys.name.clone(),
    };
    MoveCard {
        kind,
        system: sys.id.clone(),
        name,
        to,
        to_name,
        optimistic_days: z(o),
        likely_days: z(l),
        pessimistic_days: z(p),
        p50_days: z(round1(pert_quantile(o, l, p, 0.5))),
        p80_days: z(round1(pert_quantile(o, l, p, 0.8))),
        one_off_cost: z(crate::analysis::spend::round_money(cost)),
        given,
        cost_given,
        cautions,
    }
}

/// Optimistic, likely, pessimistic days, cost and whether durations and
/// cost were given, of leaving a contract: the longest step of its exit
/// plan by P80 and the sum of the steps' costs.
pub fn contract_exit(g: &Graph, c: crate::model::ContractId) -> (f64, f64, f64, f64, bool, bool) {
    let steps = crate::analysis::exit_plan::target_steps(
        g,
        &crate::analysis::exit_plan::Target::Contract(c),
        g.review_date(),
    );
    let mut out = (0.0, 0.0, 0.0, 0.0, true, true);
    let mut longest = f64::NEG_INFINITY;
    for st in &steps.steps {
        let f = switch::figures(g, st.system, st.kind);
        out.3 += f.cost;
        out.4 &= f.given;
        out.5 &= f.cost_given;
        if f.p80_days > longest {
            longest = f.p80_days;
            (out.0, out.1, out.2) = (f.optimistic_days, f.likely_days, f.pessimistic_days);
        }
    }
    if steps.steps.is_empty() {
        out.4 = false;
        out.5 = false;
    }
    out
}

/// The id and name of an operator.
pub fn party_label(m: &Model, p: Party) -> (String, String) {
    match p {
        Party::Own => ("self".to_string(), m.organisation.name.clone()),
        Party::Vendor(v) => (m.vendor(v).id.clone(), m.vendor(v).name.clone()),
    }
}

/// The elapsed days of durations laid on `teams` teams, longest first
/// (each goes to the team that is free first).
pub fn elapsed(mut days: Vec<f64>, teams: u32) -> f64 {
    days.sort_by(|a, b| b.total_cmp(a));
    let mut free = vec![0.0_f64; teams.max(1) as usize];
    for d in days {
        let i = (0..free.len())
            .min_by(|&a, &b| free[a].total_cmp(&free[b]))
            .unwrap_or(0);
        free[i] += d;
    }
    round1(free.into_iter().fold(0.0, f64::max))
}

/// The target state of the moves.
pub fn target_graph(g: &Graph, moves: &[Move], as_of: NaiveDate) -> Graph {
    let mut after = Graph::build(edit::apply(g.model(), moves));
    after.set_review_date(as_of);
    after
}

/// The option card of the requests on `as_of`.
pub fn whatif(g: &Graph, requests: &[Request], as_of: NaiveDate) -> WhatIf {
    let (moves, unmoved) = resolve(g, requests);
    let cards: Vec<MoveCard> = moves.iter().map(|mv| card(g, mv)).collect();
    let after_g = target_graph(g, &moves, as_of);
    let before = metrics::metrics(g, as_of);
    let after = metrics::metrics(&after_g, as_of);
    let teams = g.model().organisation.parallel_migrations;
    let totals = Totals {
        one_off_cost: crate::analysis::spend::round_money(
            cards.iter().map(|c| c.one_off_cost).sum(),
        ),
        running_cost_change: crate::analysis::spend::round_money(
            after.spend_total - before.spend_total,
        ),
        parallel_migrations: teams,
        elapsed_p50_days: elapsed(cards.iter().map(|c| c.p50_days).collect(), teams),
        elapsed_p80_days: elapsed(cards.iter().map(|c| c.p80_days).collect(), teams),
    };
    WhatIf {
        as_of,
        moves: cards,
        unmoved,
        totals,
        before,
        after,
    }
}

#[cfg(test)]
mod tests;
