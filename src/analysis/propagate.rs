//! Failure propagation: which systems and services go down, from which day,
//! and why, when vendors, jurisdictions or systems are cut off.
//!
//! This is the engine under the cut-off simulation (`simulate`), the vendor
//! single points of failure of the hotspots, and `--each-vendor`. The rules
//! (docs/methodology.md, "Cut-off simulation"):
//!
//! - cutting a vendor cuts the vendors it controls (its `parent` descendants);
//!   cutting a jurisdiction cuts every vendor whose exposure contains it;
//! - an in-use system goes down on day 0 when it is cut itself or its
//!   operator is cut; when only its vendor is cut it keeps running
//!   unsupported, and goes down on day `licence_check` (rounded up to whole
//!   days) if it has one;
//! - it goes down on the earliest day any hard dependency goes down (plain
//!   `depends_on` entries, interfaces with `hard = true`), and on the day the
//!   last member of an `any` group goes down;
//! - services go down by the same rules over `needs`.
//!
//! Only in-use systems take part: a dependency on a candidate or retired
//! system is ignored (validation warns about it), and an `any` group is
//! judged on its in-use members only.
//!
//! The propagation is Dijkstra's algorithm generalised to AND/OR
//! dependencies (Knuth 1977, "A generalization of Dijkstra's algorithm"):
//! systems are settled in order of their down day, a hard dependent gets the
//! same day, an `any` group falls with its last member. Each system is
//! settled once, so the cost is O((V + E) log V), and cycles terminate. The
//! engine only touches what a cut reaches, so `--each-vendor` costs the sum
//! of the blast radii, not vendors x (V + E).

use crate::graph::Graph;
use crate::model::{Country, Cut, Dependency, Party, Region, ServiceId, SystemId, VendorId};
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

/// The cuts resolved to vendors and systems.
#[derive(Clone, Debug)]
pub struct CutSet {
    /// Per vendor: the origin that cut it, if cut.
    pub vendors: Vec<Option<Origin>>,
    /// Per system: cut directly by a `system:` cut.
    pub systems: Vec<bool>,
}

impl CutSet {
    /// Resolves cuts: vendors take their controlled vendors along,
    /// jurisdictions every vendor exposed to them. The first cut that reaches
    /// a vendor is its origin.
    pub fn resolve(g: &Graph, cuts: &[Cut]) -> CutSet {
        let m = g.model();
        let mut vendors = vec![None; m.vendors.len()];
        let mut systems = vec![false; m.systems.len()];
        for c in cuts {
            match c {
                Cut::Vendor(v) => {
                    let origin = Origin::Vendor(m.vendor(*v).id.clone());
                    for x in g.controlled(*v) {
                        vendors[x.index()].get_or_insert_with(|| origin.clone());
                    }
                }
                Cut::Jurisdiction(r) => {
                    let countries: Vec<Country> = match r {
                        Region::Country(c) => vec![*c],
                        Region::Eu => Country::eu_members().collect(),
                    };
                    let origin = Origin::Jurisdiction(r.to_string());
                    for x in g.vendors_exposed_to(&countries) {
                        vendors[x.index()].get_or_insert_with(|| origin.clone());
                    }
                }
                Cut::System(s) => systems[s.index()] = true,
            }
        }
        CutSet { vendors, systems }
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Down<T> {
    pub id: T,
    pub day: u32,
    pub cause: Cause,
}

/// The result of one propagation: only what goes down, sorted by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub systems: Vec<Down<SystemId>>,
    pub services: Vec<Down<ServiceId>>,
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
    day: Vec<u32>,
    cause: Vec<Option<Cause>>,
    settled: Vec<bool>,
    fallen: Vec<u32>,
    touched: Vec<u32>,
    touched_groups: Vec<u32>,
}

const NEVER: u32 = u32::MAX;

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

    /// The initial down days a cut set causes, before propagation.
    pub fn seeds(&self, cuts: &CutSet) -> Vec<(SystemId, u32, Cause)> {
        self.seeds_among(cuts, self.g.model().system_ids())
    }

    /// The initial down days of the given systems only, by the same rules as
    /// [`Engine::seeds`]. Every system a cut can seed is cut itself or has a
    /// cut vendor or operator, so a caller that knows those systems (the
    /// single-vendor cuts of `--each-vendor`) avoids a pass over the whole
    /// landscape. Pass each system once.
    pub fn seeds_among(
        &self,
        cuts: &CutSet,
        systems: impl IntoIterator<Item = SystemId>,
    ) -> Vec<(SystemId, u32, Cause)> {
        let m = self.g.model();
        let mut out = Vec::new();
        for id in systems {
            let i = id.index();
            if !self.in_use[i] {
                continue;
            }
            let s = m.system(id);
            if cuts.systems[i] {
                out.push((id, 0, Cause::Cut(Origin::System(s.id.clone()))));
            } else if let Party::Vendor(op) = s.operator
                && let Some(o) = &cuts.vendors[op.index()]
            {
                out.push((id, 0, Cause::Operator(op, o.clone())));
            } else if let Party::Vendor(v) = s.vendor
                && let Some(o) = &cuts.vendors[v.index()]
                && let Some(check) = s.licence_check
            {
                out.push((
                    id,
                    check.as_days().ceil() as u32,
                    Cause::LicenceCheck(v, o.clone()),
                ));
            }
        }
        out
    }

    /// Propagates a cut set through the graph.
    pub fn cut(&self, cuts: &CutSet) -> Outcome {
        let mut scratch = self.scratch();
        self.run(&self.seeds(cuts), &mut scratch)
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
        let seeds = self.seeds_among(set, systems);
        let out = if seeds.is_empty() {
            Outcome::default()
        } else {
            self.run(&seeds, scratch)
        };
        for v in group {
            set.vendors[v.index()] = None;
        }
        out
    }

    /// Propagates initial down days. `scratch` must come from [`Engine::scratch`]
    /// and is left clean for the next run.
    pub fn run(&self, seeds: &[(SystemId, u32, Cause)], sc: &mut Scratch) -> Outcome {
        let mut heap = BinaryHeap::new();
        for (s, day, cause) in seeds {
            let i = s.index();
            if !self.in_use[i] {
                continue;
            }
            if *day < sc.day[i] {
                if sc.day[i] == NEVER {
                    sc.touched.push(i as u32);
                }
                sc.day[i] = *day;
                sc.cause[i] = Some(cause.clone());
                heap.push(Reverse((*day, i as u32)));
            }
        }
        while let Some(Reverse((day, i))) = heap.pop() {
            let i = i as usize;
            if sc.settled[i] || sc.day[i] != day {
                continue;
            }
            sc.settled[i] = true;
            let me = SystemId(i as u32);
            let offer = |x: usize, sc: &mut Scratch, heap: &mut BinaryHeap<Reverse<(u32, u32)>>| {
                if !sc.settled[x] && day < sc.day[x] {
                    if sc.day[x] == NEVER {
                        sc.touched.push(x as u32);
                    }
                    sc.day[x] = day;
                    sc.cause[x] = Some(Cause::Dependency(me));
                    heap.push(Reverse((day, x as u32)));
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
                // Settled in day order, so the last member falls on the latest day.
                if sc.fallen[gid as usize] == self.group_size[gid as usize] {
                    offer(x as usize, sc, &mut heap);
                }
            }
        }

        let mut touched = std::mem::take(&mut sc.touched);
        touched.sort_unstable();
        let mut systems = Vec::with_capacity(touched.len());
        for &i in &touched {
            let i = i as usize;
            if let Some(cause) = sc.cause[i].take() {
                systems.push(Down {
                    id: SystemId(i as u32),
                    day: sc.day[i],
                    cause,
                });
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
        Outcome { systems, services }
    }

    /// Services go down by the same rules over `needs`.
    fn services_down(&self, systems: &[Down<SystemId>]) -> Vec<Down<ServiceId>> {
        let m = self.g.model();
        let day_of = |s: SystemId| -> u32 {
            if !self.in_use[s.index()] {
                return NEVER;
            }
            systems
                .binary_search_by_key(&s, |d| d.id)
                .map(|k| systems[k].day)
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
            let mut best: Option<(u32, SystemId)> = None;
            let mut consider = |day: u32, s: SystemId| {
                if day != NEVER && best.is_none_or(|(d, b)| day < d || (day == d && s < b)) {
                    best = Some((day, s));
                }
            };
            for d in &m.service(sv).needs {
                match d {
                    Dependency::One(t) => consider(day_of(*t), *t),
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
                        let mut last: Option<(u32, SystemId)> = None;
                        for t in live {
                            let day = day_of(t);
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
            if let Some((day, s)) = best {
                out.push(Down {
                    id: sv,
                    day,
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

#[cfg(test)]
mod tests;
