//! Critical dependency paths: the chains from a service down to the
//! systems, vendors and controlling companies it rests on, with the single
//! points of failure marked.
//!
//! The chains are a tree: the service's `needs`, each system's dependencies
//! (hard, `any` groups, soft interfaces), and for each system the company
//! that makes it and the one that operates it, each with its ownership chain
//! up to the controlling company. A system reached a second time is shown
//! without its subtree (`repeated`), which also ends cycles. Only in-use
//! systems take part, as in the cut-off simulation.
//!
//! A single point of failure is something whose loss *alone* takes the
//! service down, as the propagation engine decides (so `any` groups count:
//! one member of a redundant pair is not a single point):
//!
//! - a system is one when cutting only that system takes the service down;
//!   the candidates are the service's transitive in-use dependencies;
//! - a vendor is one when cutting only that vendor (with the companies it
//!   controls, as in `simulate`) takes the service down at any day; the
//!   candidates are the makers and operators of those systems and every
//!   company above them in their ownership chains. The day says when (a
//!   vendor that only makes a system takes it down when its licence check
//!   runs out).

use crate::analysis::propagate::{self, Cause, CutSet, Engine, Origin, Outcome, Scratch};
use crate::graph::Graph;
use crate::model::{Country, Criticality, Dependency, Party, ServiceId, SystemId, VendorId};
use serde::Serialize;

/// What a node of the tree is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    System,
    /// An `any` group: one member suffices.
    Any,
    Vendor,
    /// The organisation itself (operator `self`).
    Organisation,
}

/// One node of a dependency tree.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathNode {
    pub kind: NodeKind,
    /// System or vendor id; `any` for groups; `self` for the organisation.
    pub id: String,
    pub name: String,
    /// How the parent relies on it: `needs`, `depends on`, `one of`,
    /// `soft (degrades only)`, `made by`, `operated by`, `controlled by`.
    pub relation: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
    /// Its loss alone takes the service down.
    pub single_point: bool,
    /// Already shown above in this tree; its subtree is not repeated.
    pub repeated: bool,
    pub children: Vec<PathNode>,
}

/// A system whose loss alone takes the service down.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpofSystem {
    pub id: String,
    pub name: String,
}

/// A vendor whose loss alone takes the service down.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpofVendor {
    pub id: String,
    pub name: String,
    pub country: Country,
    /// Day on which the service goes down after the cut.
    pub day: u32,
    /// Why: the cause chain of the service (`service, system, ..., vendor:id`).
    pub chain: Vec<String>,
}

/// The chains and single points of failure of one service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServicePaths {
    pub service: String,
    pub name: String,
    pub criticality: Criticality,
    /// Sorted by id.
    pub single_point_systems: Vec<SpofSystem>,
    /// Sorted by day, then id.
    pub single_point_vendors: Vec<SpofVendor>,
    /// The service's `needs`, each with its subtree.
    pub tree: Vec<PathNode>,
}

/// The paths report: one entry per service asked for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathsReport {
    pub services: Vec<ServicePaths>,
}

/// The critical services (criticality critical or high), in model order.
pub fn critical_services(g: &Graph) -> Vec<ServiceId> {
    let m = g.model();
    m.service_ids()
        .filter(|s| crate::analysis::lockin::is_critical_service(m.service(*s).criticality))
        .collect()
}

/// Every in-use system a service rests on, directly or indirectly, sorted.
pub fn service_closure(g: &Graph, sv: ServiceId) -> Vec<SystemId> {
    let m = g.model();
    let mut seen = vec![false; m.systems.len()];
    let mut stack: Vec<SystemId> = m
        .service(sv)
        .needs
        .iter()
        .flat_map(|d| d.members().iter().copied())
        .collect();
    let mut out = Vec::new();
    while let Some(x) = stack.pop() {
        if seen[x.index()] || !m.system(x).in_use() {
            continue;
        }
        seen[x.index()] = true;
        out.push(x);
        stack.extend(g.all_deps(x));
    }
    out.sort_unstable();
    out
}

/// A vendor whose cut alone takes a service down: the day, and the cause chain.
pub type VendorSpof = (VendorId, u32, Vec<String>);

/// What single cuts take down, computed once per system or vendor and
/// shared across services: a report on every critical service cuts each
/// system and vendor once, not once per service.
pub struct Cuts<'e, 'g> {
    g: &'g Graph,
    engine: &'e Engine<'g>,
    scratch: Scratch,
    /// Per system: the services that go down when it alone is cut (sorted).
    systems: Vec<Option<Vec<ServiceId>>>,
    /// Per vendor: the outcome of cutting it (with the companies it controls).
    vendors: Vec<Option<Outcome>>,
    /// Per vendor: the in-use systems it makes or operates.
    systems_of: Vec<Vec<SystemId>>,
    /// The cut of one vendor at a time: set before its run, cleared after.
    set: CutSet,
}

impl<'e, 'g> Cuts<'e, 'g> {
    pub fn new(g: &'g Graph, engine: &'e Engine<'g>) -> Cuts<'e, 'g> {
        let m = g.model();
        Cuts {
            g,
            engine,
            scratch: engine.scratch(),
            systems: vec![None; m.systems.len()],
            vendors: vec![None; m.vendors.len()],
            systems_of: propagate::systems_by_vendor(g),
            set: CutSet::resolve(g, &[]),
        }
    }

    fn system(&mut self, x: SystemId) -> &[ServiceId] {
        let (g, engine) = (self.g, self.engine);
        let scratch = &mut self.scratch;
        self.systems[x.index()].get_or_insert_with(|| {
            let id = g.model().system(x).id.clone();
            let out = engine.run(&[(x, 0, Cause::Cut(Origin::System(id)))], scratch);
            out.services.iter().map(|d| d.id).collect()
        })
    }

    /// The outcome of cutting `v` with the vendors it controls: the same as
    /// `engine.cut(&CutSet::resolve(g, &[Cut::Vendor(v)]))`, seeded only from
    /// the systems those vendors make or operate, with reused memory (a
    /// report on every service cuts thousands of vendors).
    fn vendor(&mut self, v: VendorId) -> &Outcome {
        let (g, engine) = (self.g, self.engine);
        let (set, scratch, systems_of) = (&mut self.set, &mut self.scratch, &self.systems_of);
        self.vendors[v.index()].get_or_insert_with(|| {
            let controlled = g.controlled(v);
            let origin = Origin::Vendor(g.model().vendor(v).id.clone());
            let mut touched: Vec<SystemId> = controlled
                .iter()
                .flat_map(|x| systems_of[x.index()].iter().copied())
                .collect();
            touched.sort_unstable();
            touched.dedup();
            engine.cut_group(set, scratch, &controlled, &origin, touched)
        })
    }

    /// Systems and vendors whose loss alone takes the service down.
    pub fn single_points(&mut self, sv: ServiceId) -> (Vec<SystemId>, Vec<VendorSpof>) {
        let g = self.g;
        let m = g.model();
        let closure = service_closure(g, sv);
        let mut systems = Vec::new();
        for &x in &closure {
            if self.system(x).binary_search(&sv).is_ok() {
                systems.push(x);
            }
        }
        let mut candidates: Vec<VendorId> = Vec::new();
        for &x in &closure {
            let sys = m.system(x);
            for p in [sys.vendor, sys.operator] {
                if let Party::Vendor(v) = p {
                    candidates.extend_from_slice(g.ownership_chain(v));
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut vendors = Vec::new();
        for v in candidates {
            let out = self.vendor(v);
            if let Some(d) = out.service(sv) {
                vendors.push((v, d.day, out.service_chain(g, sv)));
            }
        }
        vendors.sort_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| m.vendor(a.0).id.cmp(&m.vendor(b.0).id))
        });
        (systems, vendors)
    }
}

struct Builder<'a> {
    g: &'a Graph,
    seen: Vec<bool>,
    spof_systems: &'a [SystemId],
    spof_vendors: &'a [VendorId],
}

impl Builder<'_> {
    fn vendor_node(&self, v: VendorId, relation: &'static str) -> PathNode {
        let m = self.g.model();
        let chain = self.g.ownership_chain(v);
        // Build from the top down so that each company holds its controller.
        let mut node: Option<PathNode> = None;
        for (i, x) in chain.iter().enumerate().rev() {
            let vendor = m.vendor(*x);
            node = Some(PathNode {
                kind: NodeKind::Vendor,
                id: vendor.id.clone(),
                name: vendor.name.clone(),
                relation: if i == 0 { relation } else { "controlled by" },
                country: Some(vendor.country),
                single_point: self.spof_vendors.contains(x),
                repeated: false,
                children: node.into_iter().collect(),
            });
        }
        // A chain always holds the vendor itself.
        node.unwrap_or_else(|| PathNode {
            kind: NodeKind::Vendor,
            id: m.vendor(v).id.clone(),
            name: m.vendor(v).name.clone(),
            relation,
            country: Some(m.vendor(v).country),
            single_point: self.spof_vendors.contains(&v),
            repeated: false,
            children: Vec::new(),
        })
    }

    fn party_node(&self, p: Party, relation: &'static str) -> PathNode {
        match p {
            Party::Vendor(v) => self.vendor_node(v, relation),
            Party::Own => {
                let org = &self.g.model().organisation;
                PathNode {
                    kind: NodeKind::Organisation,
                    id: "self".into(),
                    name: org.name.clone(),
                    relation,
                    country: Some(org.home),
                    single_point: false,
                    repeated: false,
                    children: Vec::new(),
                }
            }
        }
    }

    fn system_node(&mut self, s: SystemId, relation: &'static str) -> PathNode {
        let m = self.g.model();
        let sys = m.system(s);
        let mut node = PathNode {
            kind: NodeKind::System,
            id: sys.id.clone(),
            name: sys.name.clone(),
            relation,
            country: None,
            single_point: self.spof_systems.contains(&s),
            repeated: self.seen[s.index()],
            children: Vec::new(),
        };
        if node.repeated {
            return node;
        }
        self.seen[s.index()] = true;
        for &t in self.g.hard_deps(s) {
            if m.system(t).in_use() {
                let child = self.system_node(t, "depends on");
                node.children.push(child);
            }
        }
        for group in self.g.any_groups(s) {
            let members: Vec<SystemId> = group
                .iter()
                .copied()
                .filter(|t| m.system(*t).in_use())
                .collect();
            if let Some(child) = self.any_node(&members) {
                node.children.push(child);
            }
        }
        for &t in self.g.soft_deps(s) {
            if m.system(t).in_use() {
                let child = self.system_node(t, "soft (degrades only)");
                node.children.push(child);
            }
        }
        node.children.push(self.party_node(sys.vendor, "made by"));
        node.children
            .push(self.party_node(sys.operator, "operated by"));
        node
    }

    fn any_node(&mut self, members: &[SystemId]) -> Option<PathNode> {
        match members {
            [] => None,
            // A group with a single in-use member is a plain dependency.
            [one] => Some(self.system_node(*one, "depends on")),
            _ => {
                let children = members
                    .iter()
                    .map(|t| self.system_node(*t, "one of"))
                    .collect();
                Some(PathNode {
                    kind: NodeKind::Any,
                    id: "any".into(),
                    name: "one of these suffices".into(),
                    relation: "depends on",
                    country: None,
                    single_point: false,
                    repeated: false,
                    children,
                })
            }
        }
    }
}

/// The chains and single points of failure of one service.
pub fn service_paths(g: &Graph, cuts: &mut Cuts<'_, '_>, sv: ServiceId) -> ServicePaths {
    let m = g.model();
    let (spof_systems, spof_vendors) = cuts.single_points(sv);
    let vendor_ids: Vec<VendorId> = spof_vendors.iter().map(|(v, _, _)| *v).collect();
    let mut b = Builder {
        g,
        seen: vec![false; m.systems.len()],
        spof_systems: &spof_systems,
        spof_vendors: &vendor_ids,
    };
    let service = m.service(sv);
    let mut single_point_systems: Vec<SpofSystem> = spof_systems
        .iter()
        .map(|s| SpofSystem {
            id: m.system(*s).id.clone(),
            name: m.system(*s).name.clone(),
        })
        .collect();
    single_point_systems.sort_by(|a, b| a.id.cmp(&b.id));
    let mut tree = Vec::new();
    for d in &service.needs {
        match d {
            Dependency::One(t) => {
                if m.system(*t).in_use() {
                    tree.push(b.system_node(*t, "needs"));
                }
            }
            Dependency::Any(ts) => {
                let members: Vec<SystemId> = ts
                    .iter()
                    .copied()
                    .filter(|t| m.system(*t).in_use())
                    .collect();
                if let Some(mut n) = b.any_node(&members) {
                    n.relation = "needs";
                    tree.push(n);
                }
            }
        }
    }
    ServicePaths {
        service: service.id.clone(),
        name: service.name.clone(),
        criticality: service.criticality,
        single_point_systems,
        single_point_vendors: spof_vendors
            .into_iter()
            .map(|(v, day, chain)| SpofVendor {
                id: m.vendor(v).id.clone(),
                name: m.vendor(v).name.clone(),
                country: m.vendor(v).country,
                day,
                chain,
            })
            .collect(),
        tree,
    }
}

/// The paths of the given services, in the order given.
pub fn paths(g: &Graph, services: &[ServiceId]) -> PathsReport {
    let engine = Engine::new(g);
    let mut cuts = Cuts::new(g, &engine);
    PathsReport {
        services: services
            .iter()
            .map(|s| service_paths(g, &mut cuts, *s))
            .collect(),
    }
}

#[cfg(test)]
mod tests;
