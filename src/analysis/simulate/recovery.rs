//! How and when every system that a cut takes down comes back
//! (docs/methodology.md, "Recovery").
//!
//! For each down system four paths back are formed, and the earliest wins:
//!
//! - **restart**: the cut ends (an outage), and the system restarts after
//!   everything it hard-depends on is back, taking its restart time;
//! - **backup**: it is rebuilt from a backup, taking its restore time,
//!   where the backup is held by a party that is not lost and is readable
//!   without a withdrawn vendor's software (its backup system is back as
//!   itself);
//! - **fallback**: its emergency stop-gap, set up from hour 0 of the
//!   scenario;
//! - **switch**: the strategic switch to its best available alternative, at
//!   the P80 of the switch estimate, also from hour 0.
//!
//! A system whose own vendor is away when its licence check runs out needs
//! the vendor back to restart or be restored (never, after a withdrawal),
//! however early its dependencies return.
//!
//! The times are the least solution of one system of equations, solved by
//! Knuth's algorithm ([`super::solve`]); the members of a dependency cycle
//! come back together. Everything here is monotone: a further cut, a
//! longer outage or a missing backup only removes paths or raises the
//! times they start from, so no system or service comes back earlier.

use super::solve::{Solution, Solver};
use crate::analysis::propagate::{CutSet, Outcome, Term};
use crate::catalog::Catalog;
use crate::graph::Graph;
use crate::model::{Alternative, Country, Dependency, Layer, Party, SystemId, VendorId};
use serde::Serialize;
use std::collections::BTreeMap;

/// Hours in a day.
const H: f64 = 24.0;

/// Restore throughput of the defaults: gigabytes per hour.
pub const RESTORE_GB_PER_HOUR: f64 = 500.0;
/// Recovery point of the defaults when a backup is declared: a daily backup.
pub const DEFAULT_RPO_HOURS: f64 = 24.0;
/// Setup time of a fallback when none is given: one week.
pub const DEFAULT_SETUP_HOURS: f64 = 7.0 * H;

/// The restart time (hours) of a system without `restart`, by category,
/// else by layer (docs/methodology.md, "Recovery defaults").
pub fn default_restart_hours(category: &str, layer: Layer) -> f64 {
    match category {
        "virtualisation" | "storage" => 4.0,
        "network" | "security" | "identity" => 2.0,
        "os" | "database" | "backup" | "telephony" => 2.0,
        _ => match layer {
            Layer::Infrastructure => 4.0,
            Layer::Platform | Layer::Data => 2.0,
            Layer::Application => 1.0,
        },
    }
}

/// The rebuild time (hours) before the data of a lost system is copied
/// back, by category, else by layer.
pub fn default_rebuild_hours(category: &str, layer: Layer) -> f64 {
    match category {
        "virtualisation" | "storage" | "network" | "security" => H,
        "os" => 2.0 * H,
        _ => match layer {
            Layer::Infrastructure => H,
            Layer::Platform | Layer::Data | Layer::Application => 8.0,
        },
    }
}

/// Where a recovery figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Written in the model.
    Given,
    /// A documented default.
    Default,
}

/// The recovery figures of one system, in hours, with their sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Facts {
    pub restart_hours: f64,
    pub restart_source: Source,
    /// Rebuild from a backup: given, or the rebuild time plus the data
    /// volume at [`RESTORE_GB_PER_HOUR`].
    pub restore_hours: f64,
    pub restore_source: Source,
    /// Data lost when restored; `None` when no backup is declared.
    pub rpo_hours: Option<f64>,
    pub rpo_source: Source,
    /// Setup of the fallback; `None` without a fallback.
    pub setup_hours: Option<f64>,
    pub setup_source: Source,
}

/// The recovery figures of a system, given or by default.
pub fn facts(g: &Graph, s: SystemId) -> Facts {
    let sys = g.model().system(s);
    let r = &sys.recovery;
    let src = |given: bool| {
        if given {
            Source::Given
        } else {
            Source::Default
        }
    };
    let volume = sys.data.as_ref().map_or(0.0, |d| d.volume_gb);
    let backed_up =
        r.backup_system.is_some() || sys.data.as_ref().is_some_and(|d| d.backup.is_some());
    Facts {
        restart_hours: r.restart.map_or_else(
            || default_restart_hours(&sys.category, sys.layer),
            |d| d.as_hours(),
        ),
        restart_source: src(r.restart.is_some()),
        restore_hours: r.restore.map_or_else(
            || default_rebuild_hours(&sys.category, sys.layer) + volume / RESTORE_GB_PER_HOUR,
            |d| d.as_hours(),
        ),
        restore_source: src(r.restore.is_some()),
        rpo_hours: match r.rpo {
            Some(d) => Some(d.as_hours()),
            None => backed_up.then_some(DEFAULT_RPO_HOURS),
        },
        rpo_source: src(r.rpo.is_some()),
        setup_hours: r
            .fallback
            .as_ref()
            .map(|_| r.setup.map_or(DEFAULT_SETUP_HOURS, |d| d.as_hours())),
        setup_source: src(r.setup.is_some()),
    }
}

/// What a recovery path waits for: the requirement back last, or the end
/// of a cut (the outage over, the vendor back, the backup holder back).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Wait {
    /// A system it needs (or the backup system) coming back.
    System(String),
    /// A vendor coming back: its operator, its maker (the licence), or the
    /// holder of its backup.
    Vendor(String),
    /// Its own cut ending (`system:ID`).
    Cut(String),
}

/// How a down system comes back, before it becomes report data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Via {
    Unknown,
    Restart,
    Backup,
    Fallback,
    /// Index into the system's alternatives.
    Switch(usize),
}

/// One down system's way back.
#[derive(Clone, Debug, PartialEq)]
pub struct Back {
    /// The hour it is back for good (`f64::INFINITY`: no way back).
    pub at: f64,
    pub via: Via,
    /// When the work can start (restart, restore), or hour 0 (fallback, switch).
    pub start: f64,
    pub wait: Option<Wait>,
    /// The strategic switch: the available alternative ready first (index
    /// into the alternatives) and the hour it is ready, also when another
    /// path is faster.
    pub switch: Option<(usize, f64)>,
}

/// An alternative with its P80 switch duration (hours) and whether its
/// estimate is given in the model.
#[derive(Clone, Debug)]
pub struct Option80 {
    pub alternative: Alternative,
    pub p80_hours: f64,
    pub given: bool,
}

/// The cut set with what the recovery needs beside it.
pub struct Cuts<'a> {
    pub set: &'a CutSet,
    /// Sorted countries cut as jurisdictions (catalogue entries).
    pub countries: &'a [Country],
    /// Per lower-case vendor name: the vendors with that name.
    pub names: &'a BTreeMap<String, Vec<VendorId>>,
}

/// Nonterminals of one system's equations.
#[derive(Clone, Copy, Debug)]
struct Slot {
    /// Back for good, any path.
    back: u32,
    /// Back as itself (restart or restore).
    same: u32,
    /// A cycle member back on its own paths, ignoring the cycle.
    own: u32,
}

/// What a production stands for.
#[derive(Clone, Debug)]
enum Tag {
    /// `back <- same`.
    Same,
    /// With what the cuts alone make it wait for.
    Restart(Option<Wait>),
    Restore(Option<Wait>),
    Fallback,
    Switch(usize),
    /// A cycle's members back together; `same <- cycle`.
    Cycle,
    /// Helper productions (groups, cycle members).
    Helper,
}

/// The recovery of one outcome.
pub struct Recovery {
    /// Parallel to `outcome.systems`.
    pub systems: Vec<Back>,
    /// Parallel to `outcome.services`: the hour each is back.
    pub services: Vec<f64>,
    /// Parallel to `outcome.systems`: the hour each is back as itself
    /// (restart or restore), for the readability of backups.
    pub same: Vec<f64>,
}

/// A requirement of a system: what it needs back to run.
enum Need {
    /// Never down: no wait.
    Up,
    /// A down system.
    Down(usize),
    /// An `any` group whose in-use members are all down.
    Group(Vec<usize>),
}

/// The requirements of a system that are down (hard dependencies, `any`
/// groups with every in-use member down).
fn needs(g: &Graph, s: SystemId, pos: &[u32]) -> Vec<Need> {
    let m = g.model();
    let at = |t: SystemId| match pos[t.index()] {
        u32::MAX => None,
        k => Some(k as usize),
    };
    let mut out = Vec::new();
    for t in g.hard_deps(s) {
        if m.system(*t).in_use()
            && let Some(k) = at(*t)
        {
            out.push(Need::Down(k));
        }
    }
    for grp in g.any_groups(s) {
        let live: Vec<SystemId> = grp
            .iter()
            .copied()
            .filter(|t| m.system(*t).in_use())
            .collect();
        if live.is_empty() {
            continue;
        }
        let ks: Vec<usize> = live.iter().filter_map(|t| at(*t)).collect();
        if ks.len() == live.len() {
            out.push(Need::Group(ks));
        } else {
            out.push(Need::Up);
        }
    }
    out
}

/// [`needs`] with the in-use systems each requirement stands for (the
/// dependency, or the members of the group), including requirements that
/// are up.
fn needs_with_members(g: &Graph, s: SystemId, pos: &[u32]) -> Vec<(Need, Vec<SystemId>)> {
    let m = g.model();
    let at = |t: SystemId| match pos[t.index()] {
        u32::MAX => None,
        k => Some(k as usize),
    };
    let mut out = Vec::new();
    for t in g.hard_deps(s) {
        if m.system(*t).in_use() {
            let need = at(*t).map_or(Need::Up, Need::Down);
            out.push((need, vec![*t]));
        }
    }
    for grp in g.any_groups(s) {
        let live: Vec<SystemId> = grp
            .iter()
            .copied()
            .filter(|t| m.system(*t).in_use())
            .collect();
        if live.is_empty() {
            continue;
        }
        let ks: Vec<usize> = live.iter().filter_map(|t| at(*t)).collect();
        let need = if ks.len() == live.len() {
            Need::Group(ks)
        } else {
            Need::Up
        };
        out.push((need, live));
    }
    out
}

/// How the platform of a system is cut: the system itself or its
/// operator, the worse of both, and what to wait for (the operator's return,
/// or the system's own cut ending). `None`: neither is cut.
fn platform(set: &CutSet, g: &Graph, s: SystemId) -> Option<(Term, Wait)> {
    let m = g.model();
    let sys = m.system(s);
    let own = set
        .system_term(s)
        .map(|t| (t, Wait::Cut(format!("system:{}", sys.id))));
    let op = match sys.operator {
        Party::Vendor(v) => set
            .vendor_term(v)
            .map(|t| (t, Wait::Vendor(m.vendor(v).id.clone()))),
        Party::Own => None,
    };
    match (own, op) {
        (Some(a), Some(b)) => {
            let wait = if b.0.until >= a.0.until { b.1 } else { a.1 };
            Some((a.0.worse(b.0), wait))
        }
        (a, b) => a.or(b),
    }
}

/// The hour from which its maker's licence lets it run again: the vendor's
/// return when the licence check runs out before it (never after a
/// withdrawal); 0 when the licence does not hold it back.
fn licence(set: &CutSet, g: &Graph, s: SystemId) -> (f64, Option<VendorId>) {
    let sys = g.model().system(s);
    if let Party::Vendor(v) = sys.vendor
        && let Some(term) = set.vendor_term(v)
        && let Some(check) = sys.licence_check
        && term.until > check.as_hours()
    {
        return (term.until, Some(v));
    }
    (0.0, None)
}

/// Whether an alternative or fallback can be used at all under the cuts,
/// and the hour its maker and operator allow it (after an outage of theirs).
pub fn usable(g: &Graph, cuts: &Cuts<'_>, alt: &Alternative) -> Option<f64> {
    let m = g.model();
    match alt {
        Alternative::System(t) => {
            let sys = m.system(*t);
            let mut from = 0.0f64;
            for p in [sys.vendor, sys.operator] {
                if let Some(term) = cuts.set.party_term(p) {
                    if term.lost() {
                        return None;
                    }
                    from = from.max(term.until);
                }
            }
            if let Some(term) = cuts.set.system_term(*t) {
                if term.lost() {
                    return None;
                }
                from = from.max(term.until);
            }
            Some(from)
        }
        Alternative::Catalog(id) => {
            let e = Catalog::builtin().get(id)?;
            let in_cut_country =
                Country::parse(&e.country).is_ok_and(|c| cuts.countries.binary_search(&c).is_ok());
            let vendor_cut = cuts
                .names
                .get(&e.vendor.to_lowercase())
                .is_some_and(|vs| vs.iter().any(|v| cuts.set.vendor_cut(*v)));
            (!in_cut_country && !vendor_cut).then_some(0.0)
        }
    }
}

/// What an alternative or fallback needs: itself when in use, else its
/// in-use requirements (a candidate is set up on what it depends on).
fn alt_needs(g: &Graph, alt: &Alternative, pos: &[u32]) -> Vec<Need> {
    match alt {
        Alternative::Catalog(_) => Vec::new(),
        Alternative::System(t) => {
            let sys = g.model().system(*t);
            if sys.in_use() {
                match pos[t.index()] {
                    u32::MAX => Vec::new(),
                    k => vec![Need::Down(k as usize)],
                }
            } else {
                needs(g, *t, pos)
            }
        }
    }
}

/// The hour each system of `raw` could be replaced (its fallback set up,
/// or its best alternative switched to), counted from hour 0, using only
/// replacements that nothing in `raw` takes down; systems without one are
/// left out. A system whose replacement is ready before it would stop never
/// stops.
pub fn replacement_hours(
    g: &Graph,
    cuts: &Cuts<'_>,
    raw: &Outcome,
    pos: &[u32],
    options: &dyn Fn(SystemId) -> Vec<Option80>,
) -> Vec<(SystemId, f64)> {
    let m = g.model();
    let mut out = Vec::new();
    let clear = |alt: &Alternative| alt_needs(g, alt, pos).iter().all(|n| matches!(n, Need::Up));
    for d in &raw.systems {
        let s = d.id;
        let mut best = f64::INFINITY;
        if let Some(f) = &m.system(s).recovery.fallback
            && let Some(from) = usable(g, cuts, f)
            && clear(f)
        {
            let setup = facts(g, s).setup_hours.unwrap_or(DEFAULT_SETUP_HOURS);
            best = best.min(from.max(setup));
        }
        for o in options(s) {
            if let Some(from) = usable(g, cuts, &o.alternative)
                && clear(&o.alternative)
            {
                best = best.min(from.max(o.p80_hours));
            }
        }
        if best.is_finite() {
            out.push((s, best));
        }
    }
    out
}

/// The dependency cycles of the landscape: per system, the number of the
/// strongly connected component it belongs to over the hard dependencies
/// and `any` members of in-use systems, `u32::MAX` for a system in no
/// cycle. Computed once per landscape (so the grouping is the same in every
/// scenario, which keeps the recovery monotone), iteratively (Tarjan; no
/// recursion, whatever the depth).
pub fn cycles(g: &Graph) -> Vec<u32> {
    let m = g.model();
    let n = m.systems.len();
    let in_use: Vec<bool> = m.systems.iter().map(|s| s.in_use()).collect();
    let edges = |v: usize| -> Vec<usize> {
        if !in_use[v] {
            return Vec::new();
        }
        let s = SystemId(v as u32);
        g.hard_deps(s)
            .iter()
            .chain(g.any_groups(s).iter().flatten())
            .map(|t| t.index())
            .filter(|t| in_use[*t])
            .collect()
    };
    const NONE: u32 = u32::MAX;
    let mut index = vec![NONE; n];
    let mut low = vec![0u32; n];
    let mut on = vec![false; n];
    let mut comp = vec![NONE; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0u32;
    let mut ncomp = 0u32;
    for root in 0..n {
        if index[root] != NONE || !in_use[root] {
            continue;
        }
        // (node, its edges, next edge to look at)
        let mut call: Vec<(usize, Vec<usize>, usize)> = vec![(root, edges(root), 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on[root] = true;
        while let Some(top) = call.last_mut() {
            let v = top.0;
            if top.2 < top.1.len() {
                let w = top.1[top.2];
                top.2 += 1;
                if index[w] == NONE {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on[w] = true;
                    call.push((w, edges(w), 0));
                } else if on[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(u) = call.last() {
                    low[u.0] = low[u.0].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut members = Vec::new();
                    while let Some(w) = stack.pop() {
                        on[w] = false;
                        members.push(w);
                        if w == v {
                            break;
                        }
                    }
                    if members.len() > 1 {
                        for w in members {
                            comp[w] = ncomp;
                        }
                        ncomp += 1;
                    }
                }
            }
        }
    }
    comp
}

/// The inputs of one system's equations that do not depend on others.
struct Own {
    /// The platform is back (restart): infinite when lost or gone.
    restart_base: f64,
    restart_why: Option<Wait>,
    /// The platform can be rebuilt on (restore): infinite when gone.
    rebuild_base: f64,
    rebuild_why: Option<Wait>,
    /// The backup is usable: `None` when it cannot be restored at all.
    backup: Option<(f64, Option<Wait>, Option<usize>)>,
}

/// The recovery of an outcome: the hour each down system and service is
/// back, and how. `pos` maps system indices to positions in `o.systems`
/// (`u32::MAX` when not down).
pub fn recover(
    g: &Graph,
    cuts: &Cuts<'_>,
    o: &Outcome,
    pos: &[u32],
    cycle_of: &[u32],
    options: &dyn Fn(SystemId) -> Vec<Option80>,
) -> Recovery {
    let m = g.model();
    let n = o.systems.len();
    let mut b = Builder {
        solver: Solver::new(0),
        tags: Vec::new(),
        slots: Vec::with_capacity(n),
        switches: Vec::new(),
    };
    for _ in 0..n {
        let slot = Slot {
            back: b.solver.unknown(),
            same: b.solver.unknown(),
            own: b.solver.unknown(),
        };
        b.slots.push(slot);
    }
    // The down members of each dependency cycle, which come back together.
    let comp: Vec<u32> = o.systems.iter().map(|d| cycle_of[d.id.index()]).collect();
    let mut members: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (k, c) in comp.iter().enumerate() {
        if *c != u32::MAX {
            members.entry(*c).or_default().push(k);
        }
    }
    let intra = |s: SystemId, k: usize| comp[k] != u32::MAX && cycle_of[s.index()] == comp[k];
    let vendor_wait = |v: Option<VendorId>| v.map(|v| Wait::Vendor(m.vendor(v).id.clone()));
    for (k, d) in o.systems.iter().enumerate() {
        let s = d.id;
        let sys = m.system(s);
        let f = facts(g, s);
        let slot = b.slots[k];
        // Ties go to the production added first: back as itself.
        b.add(slot.back, 0.0, 0.0, &[slot.same], Tag::Same);
        let cyclic = comp[k] != u32::MAX;
        // Requirements: outside the system's cycle only (a cycle restarts
        // together; an `any` group with a member in it is back with it).
        let mut req: Vec<u32> = Vec::new();
        for (need, group) in needs_with_members(g, s, pos) {
            if group.iter().any(|t| intra(*t, k)) {
                continue;
            }
            match need {
                Need::Up => {}
                Need::Down(j) => req.push(b.slots[j].back),
                Need::Group(ks) => req.push(b.group(&ks)),
            }
        }
        let own = own_terms(g, cuts, pos, s);
        let (lic, lic_v) = licence(cuts.set, g, s);
        let target = if cyclic { slot.own } else { slot.same };
        // (a) restart after the cut ends and the requirements are back.
        let (base, why) = later(
            (own.restart_base, own.restart_why.clone()),
            (lic, vendor_wait(lic_v)),
        );
        b.add(target, base, f.restart_hours, &req, Tag::Restart(why));
        // (b) restore from a usable backup.
        if let Some((ready, bwhy, bsys)) = own.backup {
            let (base, why) = later(
                later(
                    (own.rebuild_base, own.rebuild_why.clone()),
                    (lic, vendor_wait(lic_v)),
                ),
                (ready, bwhy),
            );
            let mut args = req.clone();
            if let Some(j) = bsys {
                args.push(b.slots[j].same);
            }
            b.add(target, base, f.restore_hours, &args, Tag::Restore(why));
        }
        // (c) the fallback, from hour 0.
        if let Some(fb) = &sys.recovery.fallback
            && let Some(from) = usable(g, cuts, fb)
        {
            let args = b.needs(alt_needs(g, fb, pos));
            let setup = f.setup_hours.unwrap_or(DEFAULT_SETUP_HOURS);
            b.add(slot.back, from.max(setup), 0.0, &args, Tag::Fallback);
        }
        // (d) the strategic switch to an available alternative, from hour 0.
        for (i, opt) in options(s).iter().enumerate() {
            if let Some(from) = usable(g, cuts, &opt.alternative) {
                let args = b.needs(alt_needs(g, &opt.alternative, pos));
                b.add(
                    slot.back,
                    from.max(opt.p80_hours),
                    0.0,
                    &args,
                    Tag::Switch(i),
                );
                if let Some(p) = b.tags.len().checked_sub(1) {
                    b.switches.push((k, i, p as u32));
                }
            }
        }
    }
    // A cycle is back as itself when its slowest down member is.
    for ks in members.values() {
        let all: Vec<u32> = ks.iter().map(|k| b.slots[*k].own).collect();
        let u = b.solver.unknown();
        b.add(u, 0.0, 0.0, &all, Tag::Helper);
        for k in ks {
            let same = b.slots[*k].same;
            b.add(same, 0.0, 0.0, &[u], Tag::Cycle);
        }
    }
    let sol = b.solver.solve();
    // Which system each unknown belongs to (helpers: none).
    let mut owner = vec![u32::MAX; sol.value.len()];
    for (k, slot) in b.slots.iter().enumerate() {
        for u in [slot.back, slot.same, slot.own] {
            owner[u as usize] = k as u32;
        }
    }
    // The strategic switch of each system: its switch ready first.
    let mut switch: Vec<Option<(usize, f64)>> = vec![None; n];
    for &(k, i, p) in &b.switches {
        let (base, _) = b.solver.base_add(p);
        let at = b
            .solver
            .args_of(p)
            .iter()
            .map(|a| sol.value[*a as usize])
            .fold(base, f64::max);
        if at.is_finite() && switch[k].is_none_or(|(_, t)| at < t) {
            switch[k] = Some((i, at));
        }
    }
    let systems = (0..n)
        .map(|k| Back {
            switch: switch[k],
            ..describe(g, o, &b, &sol, &owner, k)
        })
        .collect();
    let same = (0..n)
        .map(|k| sol.value[b.slots[k].same as usize])
        .collect();
    let back = |t: SystemId| -> Option<f64> {
        match pos[t.index()] {
            u32::MAX => None,
            k => Some(sol.value[b.slots[k as usize].back as usize]),
        }
    };
    let services = o
        .services
        .iter()
        .map(|d| {
            let mut at = 0.0f64;
            for need in &m.service(d.id).needs {
                let b = match need {
                    Dependency::One(t) => back(*t).filter(|_| m.system(*t).in_use()),
                    Dependency::Any(ts) => {
                        let live: Vec<Option<f64>> = ts
                            .iter()
                            .filter(|t| m.system(**t).in_use())
                            .map(|t| back(*t))
                            .collect();
                        if live.is_empty() || live.iter().any(Option::is_none) {
                            None
                        } else {
                            live.into_iter().flatten().reduce(f64::min)
                        }
                    }
                };
                if let Some(b) = b {
                    at = at.max(b);
                }
            }
            at
        })
        .collect();
    Recovery {
        systems,
        services,
        same,
    }
}

/// The equations under construction, with what each production stands for.
struct Builder {
    solver: Solver,
    tags: Vec<Tag>,
    slots: Vec<Slot>,
    /// (down system, alternative, production) of every switch.
    switches: Vec<(usize, usize, u32)>,
}

impl Builder {
    fn add(&mut self, target: u32, base: f64, plus: f64, args: &[u32], tag: Tag) {
        if let Some(p) = self.solver.prod(target, base, plus, args) {
            debug_assert_eq!(p as usize, self.tags.len());
            self.tags.push(tag);
        }
    }

    /// An `any` group: back with its first member.
    fn group(&mut self, ks: &[usize]) -> u32 {
        let u = self.solver.unknown();
        for k in ks {
            let back = self.slots[*k].back;
            self.add(u, 0.0, 0.0, &[back], Tag::Helper);
        }
        u
    }

    /// The unknowns a list of requirements waits for.
    fn needs(&mut self, needs: Vec<Need>) -> Vec<u32> {
        let mut args = Vec::new();
        for need in needs {
            match need {
                Need::Up => {}
                Need::Down(j) => args.push(self.slots[j].back),
                Need::Group(ks) => args.push(self.group(&ks)),
            }
        }
        args
    }
}

/// The later of two (time, reason) pairs; the first on a tie.
fn later(a: (f64, Option<Wait>), b: (f64, Option<Wait>)) -> (f64, Option<Wait>) {
    if b.0 > a.0 { b } else { a }
}

/// The parts of a system's recovery that come from the cuts alone.
fn own_terms(g: &Graph, cuts: &Cuts<'_>, pos: &[u32], s: SystemId) -> Own {
    let (restart_base, restart_why, rebuild_base, rebuild_why) = match platform(cuts.set, g, s) {
        None => (0.0, None, 0.0, None),
        Some((term, wait)) => {
            let restart = if term.lost() {
                f64::INFINITY
            } else {
                term.until
            };
            // A cut that ends at once makes nothing wait.
            let why = (term.until > 0.0).then_some(wait);
            (restart, why.clone(), term.until, why)
        }
    };
    Own {
        restart_base,
        restart_why,
        rebuild_base,
        rebuild_why,
        backup: backup_ready(g, cuts, pos, s),
    }
}

/// Whether a system can be rebuilt, and from when: one with a backup
/// needs its holder not lost (an outage of the holder delays it) and its
/// backup system neither lost nor made by a withdrawn vendor (its software
/// reads the backups); one without data and without a declared backup is
/// reinstalled; one with data but no backup cannot be rebuilt. Returns the
/// hour the holder allows it, why, and the position of a down backup
/// system (whose return as itself the restore waits for).
pub fn backup_ready(
    g: &Graph,
    cuts: &Cuts<'_>,
    pos: &[u32],
    s: SystemId,
) -> Option<(f64, Option<Wait>, Option<usize>)> {
    let m = g.model();
    let sys = m.system(s);
    let holder = sys.data.as_ref().and_then(|d| d.backup);
    let bsys = sys.recovery.backup_system;
    if holder.is_none() && bsys.is_none() {
        return sys.data.is_none().then_some((0.0, None, None));
    }
    let mut from = (0.0, None);
    if let Some(h) = holder
        && let Some(term) = cuts.set.party_term(h)
    {
        if term.lost() {
            return None;
        }
        from = (term.until, Some(Wait::Vendor(m.party_id(h).to_string())));
    }
    let mut wait_for = None;
    if let Some(b) = bsys {
        if b == s || loss_of_backups(g, cuts, b).is_some() {
            return None;
        }
        if pos[b.index()] != u32::MAX {
            wait_for = Some(pos[b.index()] as usize);
        }
    }
    Some((from.0, from.1, wait_for))
}

/// Why the backups held by backup system `b` cannot be read at all under
/// the cuts: its maker withdrawn (the format needs its software), or the
/// system itself lost or gone (directly or with its operator).
pub fn loss_of_backups(g: &Graph, cuts: &Cuts<'_>, b: SystemId) -> Option<BackupLoss> {
    let m = g.model();
    let sys = m.system(b);
    if let Party::Vendor(v) = sys.vendor
        && cuts
            .set
            .vendor_term(v)
            .is_some_and(|t| t.kind == crate::model::CutKind::Withdrawal)
    {
        return Some(BackupLoss::FormatVendorWithdrawn {
            vendor: m.vendor(v).id.clone(),
        });
    }
    let lost = cuts.set.system_term(b).is_some_and(Term::lost)
        || cuts.set.party_term(sys.operator).is_some_and(Term::lost);
    lost.then(|| BackupLoss::BackupSystemLost {
        system: sys.id.clone(),
    })
}

/// Why a system can no longer be restored from its backup.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum BackupLoss {
    /// The party holding the backup is lost or withdrawn.
    HolderCut { holder: String },
    /// The backups are in the format of a withdrawn vendor's software.
    FormatVendorWithdrawn { vendor: String },
    /// The backup system (and the backups in it) is lost.
    BackupSystemLost { system: String },
    /// The backup system is down and never comes back as itself.
    BackupSystemDown { system: String },
}

/// One down system's way back, from the solution.
fn describe(g: &Graph, o: &Outcome, b: &Builder, sol: &Solution, owner: &[u32], k: usize) -> Back {
    let m = g.model();
    let slot = b.slots[k];
    let at = sol.value[slot.back as usize];
    let unknown = Back {
        at,
        via: Via::Unknown,
        start: at,
        wait: None,
        switch: None,
    };
    let Some(p) = sol.by[slot.back as usize].filter(|_| at.is_finite()) else {
        return unknown;
    };
    // The latest argument of a production when it decides the value, as
    // the system it belongs to (through group and cycle helpers).
    let critical = |p: u32| -> Option<Wait> {
        let (base, _) = b.solver.base_add(p);
        let latest = |p: u32| {
            b.solver
                .args_of(p)
                .iter()
                .copied()
                .max_by(|x, y| sol.value[*x as usize].total_cmp(&sol.value[*y as usize]))
        };
        let mut u = latest(p)?;
        if sol.value[u as usize] <= base {
            return None;
        }
        for _ in 0..3 {
            let j = owner[u as usize];
            if j != u32::MAX {
                return Some(Wait::System(m.system(o.systems[j as usize].id).id.clone()));
            }
            u = latest(sol.by[u as usize]?)?;
        }
        None
    };
    let path = |p: u32| -> (Via, Option<Wait>) {
        match &b.tags[p as usize] {
            Tag::Restart(why) => (Via::Restart, critical(p).or_else(|| why.clone())),
            Tag::Restore(why) => (Via::Backup, critical(p).or_else(|| why.clone())),
            Tag::Fallback => (Via::Fallback, critical(p)),
            Tag::Switch(i) => (Via::Switch(*i), critical(p)),
            Tag::Same | Tag::Cycle | Tag::Helper => (Via::Unknown, None),
        }
    };
    match &b.tags[p as usize] {
        Tag::Same => {
            let Some(q) = sol.by[slot.same as usize] else {
                return unknown;
            };
            if let Tag::Cycle = b.tags[q as usize] {
                // Its own path, waiting for the slowest member of its cycle.
                let Some(r) = sol.by[slot.own as usize] else {
                    return unknown;
                };
                let (via, wait) = path(r);
                let me = &m.system(o.systems[k].id).id;
                let wait = match critical(q) {
                    Some(Wait::System(id)) if &id != me => Some(Wait::System(id)),
                    _ => wait,
                };
                Back {
                    at,
                    via,
                    start: at - b.solver.base_add(r).1,
                    wait,
                    switch: None,
                }
            } else {
                let (via, wait) = path(q);
                Back {
                    at,
                    via,
                    start: at - b.solver.base_add(q).1,
                    wait,
                    switch: None,
                }
            }
        }
        _ => {
            let (via, wait) = path(p);
            Back {
                at,
                via,
                start: 0.0,
                wait,
                switch: None,
            }
        }
    }
}
