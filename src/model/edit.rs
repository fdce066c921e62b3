//! Target-state models: the landscape after moves (`whatif`, `plan`).
//!
//! A move is applied to a copy of the validated model; the rules are those
//! of docs/methodology.md ("Target states"):
//!
//! - **replace** `S` by `A`: `S` is retired and `A` is in use, with at least
//!   the users and criticality of `S` and, when it records none, the data
//!   of `S` (the data moves with the users) and what `S` depends on (a
//!   replacement the model gives no platform runs where `S` ran). Every `depends_on`, service
//!   `needs` and interface that names `S` names `A` instead (an entry that
//!   would name `A` twice, or `A` itself, is dropped); `A` no longer
//!   depends on `S`. Contracts cover `S` no more; a contract that then
//!   covers nothing has ended and is removed. A contract that still covers
//!   other systems keeps its whole cost (the model gives no split). A
//!   `backup_system` or `fallback` that named `S` names `A`, and a
//!   scenario that cuts `S` (a fire, ransomware) cuts `A`.
//! - **end a contract**: the contract is removed (its systems stay; who
//!   supports or runs them next is not known to the model).
//! - **rehost** `S` to an operator: `S` is run by the new operator (a
//!   vendor, or the organisation itself) and runs where that operator does;
//!   contracts with the old operator that are not with the maker cover `S`
//!   no more (and end when they cover nothing).
//!
//! Nothing else changes: alternatives, formats and the other scenario
//! cuts stay as written, so the same scenarios can be compared before and
//! after.

use super::{Alternative, ContractId, Dependency, Model, Party, Region, Status, SystemId};
use std::collections::HashMap;

/// One move of a target state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Move {
    /// The system is replaced by another system of the model.
    Replace { system: SystemId, by: SystemId },
    /// The system is run by another operator (`Party::Own`: in-house).
    Rehost { system: SystemId, operator: Party },
    /// The contract ends (ids of the model the moves were made for).
    EndContract {
        contract: ContractId,
        first: SystemId,
    },
}

impl Move {
    /// The system that moves.
    pub fn system(&self) -> SystemId {
        match *self {
            Move::Replace { system, .. } | Move::Rehost { system, .. } => system,
            Move::EndContract { first, .. } => first,
        }
    }
}

/// Whether `by` is one of the alternatives the model records for `system`.
pub fn is_listed_alternative(m: &Model, system: SystemId, by: SystemId) -> bool {
    m.system(system)
        .alternatives
        .contains(&Alternative::System(by))
}

/// The model after the moves, applied in order.
pub fn apply(m: &Model, moves: &[Move]) -> Model {
    let mut out = m.clone();
    // Measures name contracts by typed id; removed contracts shift them.
    let measure_contracts: Vec<Vec<String>> = m
        .measures
        .iter()
        .map(|x| {
            x.contracts
                .iter()
                .map(|&c| m.contract(c).id.clone())
                .collect()
        })
        .collect();
    for mv in moves {
        match *mv {
            Move::Replace { system, by } => replace(&mut out, system, by),
            Move::Rehost { system, operator } => rehost(&mut out, system, operator),
            Move::EndContract { contract, .. } => {
                let id = &m.contract(contract).id;
                out.contracts.retain(|c| &c.id != id);
                reindex(&mut out);
            }
        }
    }
    for (x, ids) in out.measures.iter_mut().zip(measure_contracts) {
        x.contracts = ids
            .iter()
            .filter_map(|id| out.index.contracts.get(id).map(|&i| ContractId(i)))
            .collect();
    }
    out
}

fn replace(m: &mut Model, old: SystemId, by: SystemId) {
    if old == by {
        return;
    }
    let o = m.systems[old.index()].clone();
    {
        let a = &mut m.systems[by.index()];
        a.status = Status::InUse;
        a.users = a.users.max(o.users);
        if o.criticality.weight() > a.criticality.weight() {
            a.criticality = o.criticality;
        }
        if a.data.is_none() {
            a.data = o.data.clone();
        }
        // A replacement the model gives no platform runs where the old
        // system ran.
        if a.depends_on.is_empty() {
            a.depends_on = o.depends_on.clone();
        }
    }
    m.systems[old.index()].status = Status::Retired;
    for (i, sys) in m.systems.iter_mut().enumerate() {
        if i == old.index() {
            continue;
        }
        let own = if i == by.index() { Some(by) } else { None };
        sys.depends_on = repoint(&sys.depends_on, old, by, own);
    }
    for (i, sys) in m.systems.iter_mut().enumerate() {
        // Backups and fallbacks that named the old system name its replacement.
        if sys.recovery.backup_system == Some(old) {
            sys.recovery.backup_system = Some(by);
        }
        if sys.recovery.fallback == Some(Alternative::System(old)) && i != by.index() {
            sys.recovery.fallback = Some(Alternative::System(by));
        }
    }
    for sv in &mut m.services {
        sv.needs = repoint(&sv.needs, old, by, None);
    }
    // A scenario that hits the old system (a fire, ransomware) hits what
    // now runs in its place.
    for sc in &mut m.scenarios {
        for c in &mut sc.cuts {
            if c.target == super::Cut::System(old) {
                c.target = super::Cut::System(by);
            }
        }
    }
    for it in &mut m.interfaces {
        if it.from == old {
            it.from = by;
        }
        if it.to == old {
            it.to = by;
        }
    }
    m.interfaces.retain(|it| it.from != it.to);
    leave_contracts(m, old, |_| true);
    reindex(m);
}

fn rehost(m: &mut Model, s: SystemId, operator: Party) {
    let before = m.systems[s.index()].operator;
    if before == operator {
        return;
    }
    let region = match operator {
        Party::Vendor(v) => Region::Country(m.vendors[v.index()].country),
        Party::Own => Region::Country(m.organisation.home),
    };
    let maker = m.systems[s.index()].vendor.vendor();
    {
        let sys = &mut m.systems[s.index()];
        sys.operator = operator;
        sys.region = region;
    }
    if let Party::Vendor(old) = before {
        leave_contracts(m, s, |c| c.vendor == old && Some(c.vendor) != maker);
    }
    reindex(m);
}

/// Takes `s` out of the contracts `which` selects; a contract left
/// covering nothing is removed.
fn leave_contracts(m: &mut Model, s: SystemId, which: impl Fn(&super::Contract) -> bool) {
    m.contracts.retain_mut(|c| {
        if !c.covers.contains(&s) || !which(c) {
            return true;
        }
        c.covers.retain(|x| *x != s);
        !c.covers.is_empty()
    });
}

/// `deps` with `old` named `by`; entries naming `own` (the system the list
/// belongs to) or `old` when `by` is the owner are dropped, as are repeats.
fn repoint(
    deps: &[Dependency],
    old: SystemId,
    by: SystemId,
    own: Option<SystemId>,
) -> Vec<Dependency> {
    let map = |x: SystemId| if x == old { by } else { x };
    let mut out: Vec<Dependency> = Vec::with_capacity(deps.len());
    let mut singles: Vec<SystemId> = Vec::new();
    for d in deps {
        match d {
            Dependency::One(x) => {
                let x = map(*x);
                if Some(x) == own || singles.contains(&x) {
                    continue;
                }
                singles.push(x);
                out.push(Dependency::One(x));
            }
            Dependency::Any(g) => {
                let mut members: Vec<SystemId> = Vec::with_capacity(g.len());
                for x in g.iter().map(|x| map(*x)) {
                    if !members.contains(&x) {
                        members.push(x);
                    }
                }
                if own.is_some_and(|o| members.contains(&o)) {
                    // The system itself is one of the ways: the group is met.
                    continue;
                }
                match members.len() {
                    0 => {}
                    1 => {
                        if !singles.contains(&members[0]) {
                            singles.push(members[0]);
                            out.push(Dependency::One(members[0]));
                        }
                    }
                    _ => out.push(Dependency::Any(members)),
                }
            }
        }
    }
    out
}

/// Rebuilds the id look-ups after contracts or interfaces were removed.
fn reindex(m: &mut Model) {
    fn table<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, u32> {
        items
            .iter()
            .enumerate()
            .map(|(i, x)| (id(x).to_string(), i as u32))
            .collect()
    }
    m.index.contracts = table(&m.contracts, |c| &c.id);
    m.index.interfaces = table(&m.interfaces, |i| &i.id);
}

#[cfg(test)]
mod tests;
