//! Failure propagation: which systems and services go down, from which day,
//! and why, when vendors, jurisdictions or systems are cut off.
//!
//! This is the engine under the cut-off simulation (`simulate`), the vendor
//! single points of failure of the hotspots, and `--each-vendor`. The rules
//! (docs/methodology.md, "Cut-off simulation"):
//!
//! - cutting a vendor cuts the vendors it controls (its `parent` descendants);
//!   cutting a jurisdiction cuts every vendor whose exposure contains it;
//! - an in-use system goes down at hour 0 when it is cut itself or its
//!   operator is cut; when only its vendor is cut it keeps running
//!   unsupported, and goes down when its `licence_check` runs out if the
//!   vendor is not back by then (a withdrawal never is; an outage is back
//!   after its duration);
//! - a system whose replacement (a fallback or a switch, started at hour 0
//!   of the scenario) is ready before it would stop never stops (its
//!   dependents keep running on the replacement);
//! - it goes down on the earliest day any hard dependency goes down (plain
//!   `depends_on` entries, interfaces with `hard = true`), and on the day the
//!   last member of an `any` group goes down;
//! - services go down by the same rules over `needs`.
//!
//! Only in-use systems take part: a dependency on a candidate or retired
//! system is ignored (validation warns about it), and an `any` group is
//! judged on its in-use members only.
//!
//! Times are hours from the cut (`f64`: every duration is a whole number of
//! half hours, so they are exact); `Down::day` is the day number (hour 0 to
//! 23 is day 0).
//!
//! The propagation is Dijkstra's algorithm generalised to AND/OR
//! dependencies (Knuth 1977, "A generalization of Dijkstra's algorithm"):
//! systems are settled in order of their down time, a hard dependent gets the
//! same time, an `any` group falls with its last member. Each system is
//! settled once, so the cost is O((V + E) log V), and cycles terminate. The
//! engine only touches what a cut reaches, so `--each-vendor` costs the sum
//! of the blast radii, not vendors x (V + E).

use crate::graph::Graph;
use crate::model::{
    Country, Cut, CutKind, Dependency, Party, Region, ScenarioCut, ServiceId, SystemId, VendorId,
};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What was cut, as the user named it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Origin {
    Vendor(String),
    Jurisdiction(String),
    System(String),
}

impl Origin {
    /// `vendor:microsoft`, `jurisdiction:US`, `system:m365`.
    pub fn label(&self) -> String {
        match self {
            Origin::Vendor(v) => format!("vendor:{v}"),
            Origin::Jurisdiction(c) => format!("jurisdiction:{c}"),
            Origin::System(s) => format!("system:{s}"),
        }
    }
}

/// Per vendor: the in-use systems it makes or operates, ascending. Only
/// these can be seeded by a cut of that vendor alone, so single-vendor cuts
/// (`--each-vendor`, the single points of failure of `paths`) seed from
/// them instead of passing over the whole landscape.
pub fn systems_by_vendor(g: &Graph) -> Vec<Vec<SystemId>> {
    let m = g.model();
    let mut out = vec![Vec::new(); m.vendors.len()];
    for s in m.system_ids() {
        let sys = m.system(s);
        if !sys.in_use() {
            continue;
        }
        for p in [sys.vendor, sys.operator] {
            if let Party::Vendor(v) = p {
                let l: &mut Vec<SystemId> = &mut out[v.index()];
                if l.last() != Some(&s) {
                    l.push(s);
                }
            }
        }
    }
    out
}

/// How a vendor or system is cut: the kind, and the hour from which it is
/// available again (`f64::INFINITY` for a withdrawal; for a loss, when it
/// can be rebuilt).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    pub kind: CutKind,
    pub until: f64,
}

impl Term {
    /// Stops for good.
    pub const WITHDRAWAL: Term = Term {
        kind: CutKind::Withdrawal,
        until: f64::INFINITY,
    };
    /// Destroyed, can be rebuilt at once.
    pub const LOSS: Term = Term {
        kind: CutKind::Loss,
        until: 0.0,
    };

    /// The term of a cut of a scenario.
    pub fn of(c: &ScenarioCut) -> Term {
        let hours = c.duration.map_or(0.0, |d| d.as_hours());
        match c.kind {
            CutKind::Withdrawal => Term::WITHDRAWAL,
            kind => Term { kind, until: hours },
        }
    }

    /// The worse of two terms that reach the same thing: the more severe
    /// kind (outage, loss, withdrawal) and the later end. Monotone: a
    /// second cut never makes a term better.
    pub fn worse(self, other: Term) -> Term {
        Term {
            kind: self.kind.max(other.kind),
            until: self.until.max(other.until),
        }
    }

    /// Whether it is gone for good or its data is destroyed.
    pub fn lost(self) -> bool {
        self.kind != CutKind::Outage
    }
}

/// The cuts resolved to vendors and systems.
#[derive(Clone, Debug)]
pub struct CutSet {
    /// Per vendor: the origin that cut it, if cut.
    pub vendors: Vec<Option<Origin>>,
    /// Per system: cut directly by a `system:` cut.
    pub systems: Vec<bool>,
    /// Per vendor: how it is cut (read where `vendors` is set; a vendor
    /// set without a term is withdrawn).
    pub vendor_terms: Vec<Term>,
    /// Per system: how it is cut (read where `systems` is set).
    pub system_terms: Vec<Term>,
}

impl CutSet {
    /// Resolves cuts with their default kinds (a vendor or jurisdiction is
    /// withdrawn, a system lost): vendors take their controlled vendors
    /// along, jurisdictions every vendor exposed to them. The first cut
    /// that reaches a vendor is its origin.
    pub fn resolve(g: &Graph, cuts: &[Cut]) -> CutSet {
        let cuts: Vec<ScenarioCut> = cuts
            .iter()
            .map(|c| ScenarioCut::new(c.clone(), None, None))
            .collect();
        CutSet::resolve_terms(g, &cuts)
    }

    /// Resolves the cuts of a scenario, each with its kind and duration.
    /// A vendor or system reached by several cuts takes the worse term of
    /// them ([`Term::worse`]).
    pub fn resolve_terms(g: &Graph, cuts: &[ScenarioCut]) -> CutSet {
        let m = g.model();
        let mut set = CutSet {
            vendors: vec![None; m.vendors.len()],
            systems: vec![false; m.systems.len()],
            vendor_terms: vec![Term::WITHDRAWAL; m.vendors.len()],
            system_terms: vec![Term::LOSS; m.systems.len()],
        };
        let hit = |set: &mut CutSet, x: VendorId, origin: &Origin, term: Term| {
            let i = x.index();
            if set.vendors[i].is_none() {
                set.vendors[i] = Some(origin.clone());
                set.vendor_terms[i] = term;
            } else {
                set.vendor_terms[i] = set.vendor_terms[i].worse(term);
            }
        };
        for c in cuts {
            let term = Term::of(c);
            match &c.target {
                Cut::Vendor(v) => {
                    let origin = Origin::Vendor(m.vendor(*v).id.clone());
                    for x in g.controlled(*v) {
                        hit(&mut set, x, &origin, term);
                    }
                }
                Cut::Jurisdiction(r) => {
                    let countries: Vec<Country> = match r {
                        Region::Country(c) => vec![*c],
                        Region::Eu => Country::eu_members().collect(),
                    };
                    let origin = Origin::Jurisdiction(r.to_string());
                    for x in g.vendors_exposed_to(&countries) {
                        hit(&mut set, x, &origin, term);
                    }
                }
                Cut::System(s) => {
                    let i = s.index();
                    set.system_terms[i] = if set.systems[i] {
                        set.system_terms[i].worse(term)
                    } else {
                        term
                    };
                    set.systems[i] = true;
                }
            }
        }
        set
    }

    /// How a vendor is cut, if it is.
    pub fn vendor_term(&self, v: VendorId) -> Option<Term> {
        self.vendors[v.index()]
            .is_some()
            .then(|| self.vendor_terms[v.index()])
    }

    /// How a party is cut, if it is (the organisation itself never is).
    pub fn party_term(&self, p: Party) -> Option<Term> {
        match p {
            Party::Vendor(v) => self.vendor_term(v),
            Party::Own => None,
        }
    }

    /// How a system is cut directly, if it is.
    pub fn system_term(&self, s: SystemId) -> Option<Term> {
        self.systems[s.index()].then(|| self.system_terms[s.index()])
    }

    /// Whether a vendor is cut.
    pub fn vendor_cut(&self, v: VendorId) -> bool {
        self.vendors[v.index()].is_some()
    }

    /// Whether a party (vendor or the organisation itself) is cut.
    pub fn party_cut(&self, p: Party) -> bool {
        matches!(p, Party::Vendor(v) if self.vendor_cut(v))
    }

    /// The cut vendors, sorted by id order of the model.
    pub fn cut_vendors(&self) -> Vec<VendorId> {
        (0..self.vendors.len() as u32)
            .map(VendorId)
            .filter(|v| self.vendor_cut(*v))
            .collect()
    }
}

/// Why a system or service went down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cause {
    /// The system was cut itself.
    Cut(Origin),
    /// Its operator was cut (day 0).
    Operator(VendorId, Origin),
    /// Its vendor was cut and its licence check ran out.
    LicenceCheck(VendorId, Origin),
    /// A hard dependency (or the last member of an `any` group) went down.
    Dependency(SystemId),
}

/// One system or service that goes down.
#[derive(Clone, Debug, PartialEq)]
pub struct Down<T> {
    pub id: T,
    /// The day number it stops on (hours 0 to 23 are day 0).
    pub day: u32,
    /// The hour it stops, from the cut.
    pub at: f64,
    pub cause: Cause,
}

/// The result of one propagation: only what goes down, sorted by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    pub systems: Vec<Down<SystemId>>,
    pub services: Vec<Down<ServiceId>>,
    /// Systems that would have stopped at the given hour but whose
    /// replacement was ready by then (only with replacement times), by id.
    pub replaced: Vec<Down<SystemId>>,
}

impl Outcome {
    /// The down entry of a system, if it goes down.
    pub fn system(&self, s: SystemId) -> Option<&Down<SystemId>> {
        self.systems
            .binary_search_by_key(&s, |d| d.id)
            .ok()
            .map(|i| &self.systems[i])
    }

    /// The down entry of a service, if it goes down.
    pub fn service(&self, s: ServiceId) -> Option<&Down<ServiceId>> {
        self.services
            .binary_search_by_key(&s, |d| d.id)
            .ok()
            .map(|i| &self.services[i])
    }

    /// The cause chain of a system: itself, then each dependency that brought
    /// it down, ending with the cut (e.g. `["okewo", "m365", "vendor:microsoft"]`).
    pub fn chain(&self, g: &Graph, s: SystemId) -> Vec<String> {
        let m = g.model();
        let mut out = vec![m.system(s).id.clone()];
        let mut cur = s;
        // A cause chain never repeats a system; the bound guards against a bug.
        for _ in 0..=m.systems.len() {
            let Some(d) = self.system(cur) else { break };
            match &d.cause {
                Cause::Dependency(t) => {
                    out.push(m.system(*t).id.clone());
                    cur = *t;
                }
                Cause::Cut(o) | Cause::Operator(_, o) | Cause::LicenceCheck(_, o) => {
                    if let Cause::Operator(v, o) | Cause::LicenceCheck(v, o) = &d.cause {
                        let vid = &m.vendor(*v).id;
                        if o.label() != format!("vendor:{vid}") {
                            out.push(format!("vendor:{vid}"));
                        }
                    }
                    out.push(o.label());
                    break;
                }
            }
        }
        out
    }

    /// The cause chain of a service: the service, then the chain of the system that took it down.
    pub fn service_chain(&self, g: &Graph, s: ServiceId) -> Vec<String> {
        let m = g.model();
        let mut out = vec![m.service(s).id.clone()];
        if let Some(Down {
            cause: Cause::Dependency(t),
            ..
        }) = self.service(s)
        {
            out.extend(self.chain(g, *t));
        }
        out
    }
}

/// Precomputed reverse adjacency of in-use systems, reusable across many cuts.
pub struct Engine<'g> {
    g: &'g Graph,
    in_use: Vec<bool>,
    /// CSR: systems that hard-depend on each system.
    hard_start: Vec<u32>,
    hard_rev: Vec<u32>,
    /// CSR: (dependent, global group index) of `any` groups containing each system.
    any_start: Vec<u32>,
    any_rev: Vec<(u32, u32)>,
    /// In-use member count of each global group.
    group_size: Vec<u32>,
}

/// Reusable scratch memory of an engine run.
pub struct Scratch {
    day: Vec<f64>,
    cause: Vec<Option<Cause>>,
    settled: Vec<bool>,
    fallen: Vec<u32>,
    touched: Vec<u32>,
    touched_groups: Vec<u32>,
}

const NEVER: f64 = f64::INFINITY;

/// A seed of a propagation: a system, the hour it stops, why.
pub type Seed = (SystemId, f64, Cause);

/// The day number of an hour (hours 0 to 23 are day 0).
pub fn day_of(hours: f64) -> u32 {
    (hours / 24.0).floor().clamp(0.0, u32::MAX as f64) as u32
}

/// Heap key of a non-negative time (`f64` bits order like the numbers).
fn key(x: f64) -> u64 {
    x.max(0.0).to_bits()
}

impl<'g> Engine<'g> {
    pub fn new(g: &'g Graph) -> Engine<'g> {
        let m = g.model();
        let n = m.systems.len();
        let in_use: Vec<bool> = m.systems.iter().map(|s| s.in_use()).collect();
        let mut hard_pairs: Vec<(u32, u32)> = Vec::new();
        let mut any_pairs: Vec<(u32, (u32, u32))> = Vec::new();
        let mut group_size = Vec::new();
        for x in 0..n {
            if !in_use[x] {
                continue;
            }
            let xs = SystemId(x as u32);
            for t in g.hard_deps(xs) {
                if in_use[t.index()] {
                    hard_pairs.push((t.0, x as u32));
                }
            }
            for group in g.any_groups(xs) {
                let members: Vec<&SystemId> = group.iter().filter(|t| in_use[t.index()]).collect();
                if members.is_empty() {
                    continue;
                }
                let gid = group_size.len() as u32;
                group_size.push(members.len() as u32);
                for t in members {
                    any_pairs.push((t.0, (x as u32, gid)));
                }
            }
        }
        let (hard_start, hard_rev) = csr(n, hard_pairs);
        let (any_start, any_rev) = csr(n, any_pairs);
        Engine {
            g,
            in_use,
            hard_start,
            hard_rev,
            any_start,
            any_rev,
            group_size,
        }
    }

    pub fn graph(&self) -> &'g Graph {
        self.g
    }

    /// Fresh scratch memory for [`Engine::run`].
    pub fn scratch(&self) -> Scratch {
        let n = self.in_use.len();
        Scratch {
            day: vec![NEVER; n],
            cause: vec![None; n],
            settled: vec![false; n],
            fallen: vec![0; self.group_size.len()],
            touched: Vec::new(),
            touched_groups: Vec::new(),
        }
    }

    /// The initial down days a cut set causes, before propagation (day
    /// numbers; [`Engine::seeds_at`] has the hours).
    pub fn seeds(&self, cuts: &CutSet) -> Vec<(SystemId, u32, Cause)> {
        self.seeds_at(cuts, self.g.model().system_ids())
            .into_iter()
            .map(|(s, at, c)| (s, day_of(at), c))
            .collect()
    }

    /// The hours at which the given systems stop by the cuts themselves,
    /// before propagation. Every system a cut can seed is cut itself or has
    /// a cut vendor or operator, so a caller that knows those systems (the
    /// single-vendor cuts of `--each-vendor`) avoids a pass over the whole
    /// landscape. Pass each system once.
    ///
    /// A system whose vendor alone is cut stops when its licence check runs
    /// out, unless the vendor is back by then (an outage shorter than the
    /// check); without a licence check it keeps running unsupported.
    pub fn seeds_at(
        &self,
        cuts: &CutSet,
        systems: impl IntoIterator<Item = SystemId>,
    ) -> Vec<Seed> {
        let m = self.g.model();
        let mut out = Vec::new();
        for id in systems {
            let i = id.index();
            if !self.in_use[i] {
                continue;
            }
            let s = m.system(id);
            if cuts.systems[i] {
                out.push((id, 0.0, Cause::Cut(Origin::System(s.id.clone()))));
            } else if let Party::Vendor(op) = s.operator
                && let Some(o) = &cuts.vendors[op.index()]
            {
                out.push((id, 0.0, Cause::Operator(op, o.clone())));
            } else if let Party::Vendor(v) = s.vendor
                && let Some(o) = &cuts.vendors[v.index()]
                && let Some(check) = s.licence_check
                && cuts.vendor_terms[v.index()].until > check.as_hours()
            {
                out.push((id, check.as_hours(), Cause::LicenceCheck(v, o.clone())));
            }
        }
        out
    }

    /// The same as [`Engine::seeds_at`] for every system.
    pub fn all_seeds_at(&self, cuts: &CutSet) -> Vec<Seed> {
        self.seeds_at(cuts, self.g.model().system_ids())
    }

    /// Propagates a cut set through the graph.
    pub fn cut(&self, cuts: &CutSet) -> Outcome {
        let mut scratch = self.scratch();
        self.run_at(&self.all_seeds_at(cuts), None, &mut scratch)
    }

    /// What cutting `group` together takes down, all with the one `origin`
    /// (a vendor and the vendors it controls): the same outcome as
    /// `cut(&CutSet::resolve(g, &[Cut::Vendor(v)]))`, seeded only from
    /// `systems` (every in-use system a vendor of the group makes or
    /// operates, ascending, e.g. from [`systems_by_vendor`]) and with the
    /// caller's memory. `set` must have no vendor cut; it is left so.
    pub fn cut_group(
        &self,
        set: &mut CutSet,
        scratch: &mut Scratch,
        group: &[VendorId],
        origin: &Origin,
        systems: impl IntoIterator<Item = SystemId>,
    ) -> Outcome {
        for v in group {
            set.vendors[v.index()] = Some(origin.clone());
        }
        let seeds = self.seeds_at(set, systems);
        let out = if seeds.is_empty() {
            Outcome::default()
        } else {
            self.run_at(&seeds, None, scratch)
        };
        for v in group {
            set.vendors[v.index()] = None;
        }
        out
    }

    /// Propagates initial down days (day numbers: day `d` is hour `24 d`).
    /// `scratch` must come from [`Engine::scratch`] and is left clean for
    /// the next run.
    pub fn run(&self, seeds: &[(SystemId, u32, Cause)], sc: &mut Scratch) -> Outcome {
        let seeds: Vec<Seed> = seeds
            .iter()
            .map(|(s, d, c)| (*s, f64::from(*d) * 24.0, c.clone()))
            .collect();
        self.run_at(&seeds, None, sc)
    }

    /// Propagates initial down hours. With `replaced` (per system the hour
    /// its replacement is ready, `f64::INFINITY` for none), a system that
    /// would stop at or after its replacement is ready does not stop: it is
    /// listed in [`Outcome::replaced`] and takes nothing down. `scratch`
    /// must come from [`Engine::scratch`] and is left clean for the next run.
    pub fn run_at(&self, seeds: &[Seed], replaced: Option<&[f64]>, sc: &mut Scratch) -> Outcome {
        let mut heap = BinaryHeap::new();
        for (s, at, cause) in seeds {
            let i = s.index();
            if !self.in_use[i] {
                continue;
            }
            if *at < sc.day[i] {
                if sc.day[i] == NEVER {
                    sc.touched.push(i as u32);
                }
                sc.day[i] = *at;
                sc.cause[i] = Some(cause.clone());
                heap.push(Reverse((key(*at), i as u32)));
            }
        }
        let mut swapped: Vec<u32> = Vec::new();
        while let Some(Reverse((k, i))) = heap.pop() {
            let i = i as usize;
            if sc.settled[i] || key(sc.day[i]) != k {
                continue;
            }
            sc.settled[i] = true;
            let day = sc.day[i];
            // Its replacement is ready before it stops: it never stops.
            if replaced.is_some_and(|r| r[i] <= day) {
                swapped.push(i as u32);
                continue;
            }
            let me = SystemId(i as u32);
            let offer = |x: usize, sc: &mut Scratch, heap: &mut BinaryHeap<Reverse<(u64, u32)>>| {
                if !sc.settled[x] && day < sc.day[x] {
                    if sc.day[x] == NEVER {
                        sc.touched.push(x as u32);
                    }
                    sc.day[x] = day;
                    sc.cause[x] = Some(Cause::Dependency(me));
                    heap.push(Reverse((key(day), x as u32)));
                }
            };
            for k in self.hard_start[i]..self.hard_start[i + 1] {
                offer(self.hard_rev[k as usize] as usize, sc, &mut heap);
            }
            for k in self.any_start[i]..self.any_start[i + 1] {
                let (x, gid) = self.any_rev[k as usize];
                if sc.fallen[gid as usize] == 0 {
                    sc.touched_groups.push(gid);
                }
                sc.fallen[gid as usize] += 1;
                // Settled in time order, so the last member falls at the latest time.
                if sc.fallen[gid as usize] == self.group_size[gid as usize] {
                    offer(x as usize, sc, &mut heap);
                }
            }
        }
        swapped.sort_unstable();

        let mut touched = std::mem::take(&mut sc.touched);
        touched.sort_unstable();
        let mut systems = Vec::with_capacity(touched.len());
        let mut replaced_out = Vec::new();
        for &i in &touched {
            let i = i as usize;
            if let Some(cause) = sc.cause[i].take() {
                let d = Down {
                    id: SystemId(i as u32),
                    day: day_of(sc.day[i]),
                    at: sc.day[i],
                    cause,
                };
                if swapped.binary_search(&(i as u32)).is_ok() {
                    replaced_out.push(d);
                } else {
                    systems.push(d);
                }
            }
            sc.day[i] = NEVER;
            sc.settled[i] = false;
        }
        for gid in sc.touched_groups.drain(..) {
            sc.fallen[gid as usize] = 0;
        }
        touched.clear();
        sc.touched = touched;

        let services = self.services_down(&systems);
        Outcome {
            systems,
            services,
            replaced: replaced_out,
        }
    }

    /// Services go down by the same rules over `needs`.
    fn services_down(&self, systems: &[Down<SystemId>]) -> Vec<Down<ServiceId>> {
        let m = self.g.model();
        let at_of = |s: SystemId| -> f64 {
            if !self.in_use[s.index()] {
                return NEVER;
            }
            systems
                .binary_search_by_key(&s, |d| d.id)
                .map(|k| systems[k].at)
                .unwrap_or(NEVER)
        };
        // Only services that need a down system can go down.
        let mut candidates: Vec<ServiceId> = systems
            .iter()
            .flat_map(|d| self.g.needed_by(d.id).iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut out = Vec::new();
        for sv in candidates {
            let mut best: Option<(f64, SystemId)> = None;
            let mut consider = |day: f64, s: SystemId| {
                if day != NEVER && best.is_none_or(|(d, b)| day < d || (day == d && s < b)) {
                    best = Some((day, s));
                }
            };
            for d in &m.service(sv).needs {
                match d {
                    Dependency::One(t) => consider(at_of(*t), *t),
                    Dependency::Any(ts) => {
                        let live: Vec<SystemId> = ts
                            .iter()
                            .copied()
                            .filter(|t| self.in_use[t.index()])
                            .collect();
                        if live.is_empty() {
                            continue;
                        }
                        // The group falls with its last member.
                        let mut last: Option<(f64, SystemId)> = None;
                        for t in live {
                            let day = at_of(t);
                            if last.is_none_or(|(d, s)| day > d || (day == d && t < s)) {
                                last = Some((day, t));
                            }
                        }
                        if let Some((day, t)) = last {
                            consider(day, t);
                        }
                    }
                }
            }
            if let Some((at, s)) = best {
                out.push(Down {
                    id: sv,
                    day: day_of(at),
                    at,
                    cause: Cause::Dependency(s),
                });
            }
        }
        out
    }
}

/// Compressed sparse rows from (row, value) pairs; values sorted within a
/// row, without duplicates.
///
/// A counting sort by row, O(n + pairs) instead of sorting all pairs: the
/// engine pushes its pairs in ascending order of their values within each
/// row (it walks the systems in order, and each system's lists are
/// sorted), so placing them stably by row gives every row sorted, and equal
/// pairs end up next to each other, where they are dropped.
fn csr<T: Copy + Ord>(n: usize, pairs: Vec<(u32, T)>) -> (Vec<u32>, Vec<T>) {
    let mut start = vec![0u32; n + 1];
    for (r, _) in &pairs {
        start[*r as usize + 1] += 1;
    }
    for i in 0..n {
        start[i + 1] += start[i];
    }
    let Some(&(_, first)) = pairs.first() else {
        return (start, Vec::new());
    };
    let mut next = start.clone();
    let mut values = vec![first; pairs.len()];
    for (r, v) in pairs {
        values[next[r as usize] as usize] = v;
        next[r as usize] += 1;
    }
    // Drop repeated values within each row, compacting in place.
    let mut out = 0usize;
    let mut begin = 0usize;
    for r in 0..n {
        let end = start[r + 1] as usize;
        let row_start = out;
        for k in begin..end {
            if out == row_start || values[out - 1] != values[k] {
                values[out] = values[k];
                out += 1;
            }
        }
        debug_assert!(values[row_start..out].windows(2).all(|w| w[0] < w[1]));
        begin = end;
        start[r + 1] = out as u32;
    }
    values.truncate(out);
    (start, values)
}

pub mod single;

#[cfg(test)]
mod tests;
