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
//! The tree is a flat list in pre-order, each node with its depth, built
//! with an explicit stack: a chain of 100,000 systems is a tree 100,000
//! levels deep, which neither a recursive builder nor a nested JSON value
//! (nor the JSON readers of its consumers) survives.
//!
//! A tree lists at most [`TREE_MAX`] nodes and a service at most
//! [`TREE_MAX`] single-point systems; the rest are counted
//! (`tree_omitted`, `single_point_systems_omitted`). Without the cap a
//! dense landscape of a few thousand systems gives every critical service
//! a tree of the whole landscape, and the report grows with services x
//! systems (gigabytes); with it, the report grows with the services.
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

use crate::analysis::propagate::single::SingleCuts;
use crate::analysis::propagate::{self, CutSet, Engine, Origin, Outcome, Scratch};
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

/// One node of a dependency tree. The tree is a list in pre-order: a node's
/// children are the nodes after it one level deeper, up to the next node at
/// its own depth or above.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PathNode {
    /// Levels below the service: 0 for the service's `needs`.
    pub depth: u32,
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

/// Nodes listed in a service's tree, and single-point systems listed per
/// service, at most: far above the trees of real and generated landscapes
/// (a generated landscape of 20,000 systems has trees of at most 343 nodes).
pub const TREE_MAX: usize = 1_000;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The chains and single points of failure of one service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServicePaths {
    pub service: String,
    pub name: String,
    pub criticality: Criticality,
    /// Sorted by id; the first [`TREE_MAX`].
    pub single_point_systems: Vec<SpofSystem>,
    /// Single-point systems beyond the first [`TREE_MAX`], not listed.
    #[serde(skip_serializing_if = "is_zero")]
    pub single_point_systems_omitted: usize,
    /// Sorted by day, then id.
    pub single_point_vendors: Vec<SpofVendor>,
    /// The service's `needs`, each followed by its subtree, in pre-order;
    /// the first [`TREE_MAX`] nodes.
    pub tree: Vec<PathNode>,
    /// Nodes of the tree beyond the first [`TREE_MAX`], not listed.
    #[serde(skip_serializing_if = "is_zero")]
    pub tree_omitted: usize,
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
    /// Per system: the services that go down when it alone is cut.
    systems: SingleCuts,
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
        let mut scratch = engine.scratch();
        let systems = SingleCuts::new(engine, &mut scratch);
        Cuts {
            g,
            engine,
            scratch,
            systems,
            vendors: vec![None; m.vendors.len()],
            systems_of: propagate::systems_by_vendor(g),
            set: CutSet::resolve(g, &[]),
        }
    }

    fn system(&self, x: SystemId) -> &[ServiceId] {
        self.systems.services(x)
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
                    candidates.extend(g.ownership_chain(v));
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

/// A node still to be written, on the builder's stack.
enum Todo {
    System(SystemId, &'static str, u32),
    /// The in-use members of an `any` group.
    Any(Vec<SystemId>, &'static str, u32),
    Party(Party, &'static str, u32),
}

struct Builder<'a> {
    g: &'a Graph,
    seen: Vec<bool>,
    /// Sorted.
    spof_systems: &'a [SystemId],
    /// Sorted.
    spof_vendors: &'a [VendorId],
    out: Vec<PathNode>,
    /// Nodes not listed because the tree is full ([`TREE_MAX`]).
    omitted: usize,
    stack: Vec<Todo>,
}

impl Builder<'_> {
    /// Lists a node, or counts it once the tree is full.
    fn push(&mut self, node: PathNode) {
        if self.out.len() < TREE_MAX {
            self.out.push(node);
        } else {
            self.omitted += 1;
        }
    }

    /// Writes the subtree of `root` in pre-order, without recursion.
    fn walk(&mut self, root: Todo) {
        self.stack.push(root);
        while let Some(todo) = self.stack.pop() {
            match todo {
                Todo::System(s, relation, depth) => self.system(s, relation, depth),
                Todo::Any(members, relation, depth) => self.any(members, relation, depth),
                Todo::Party(p, relation, depth) => self.party(p, relation, depth),
            }
        }
    }

    fn system(&mut self, s: SystemId, relation: &'static str, depth: u32) {
        let m = self.g.model();
        let sys = m.system(s);
        let repeated = self.seen[s.index()];
        self.push(PathNode {
            depth,
            kind: NodeKind::System,
            id: sys.id.clone(),
            name: sys.name.clone(),
            relation,
            country: None,
            single_point: self.spof_systems.binary_search(&s).is_ok(),
            repeated,
        });
        if repeated {
            return;
        }
        self.seen[s.index()] = true;
        // Children in the order they are shown, pushed in reverse so that
        // the first is taken first.
        let d = depth + 1;
        let mut children = Vec::new();
        for &t in self.g.hard_deps(s) {
            if m.system(t).in_use() {
                children.push(Todo::System(t, "depends on", d));
            }
        }
        for group in self.g.any_groups(s) {
            let members: Vec<SystemId> = group
                .iter()
                .copied()
                .filter(|t| m.system(*t).in_use())
                .collect();
            if !members.is_empty() {
                children.push(Todo::Any(members, "depends on", d));
            }
        }
        for &t in self.g.soft_deps(s) {
            if m.system(t).in_use() {
                children.push(Todo::System(t, "soft (degrades only)", d));
            }
        }
        children.push(Todo::Party(sys.vendor, "made by", d));
        children.push(Todo::Party(sys.operator, "operated by", d));
        self.stack.extend(children.into_iter().rev());
    }

    fn any(&mut self, members: Vec<SystemId>, relation: &'static str, depth: u32) {
        // A group with a single in-use member is a plain dependency.
        if let [one] = members[..] {
            self.stack.push(Todo::System(one, relation, depth));
            return;
        }
        self.push(PathNode {
            depth,
            kind: NodeKind::Any,
            id: "any".into(),
            name: "one of these suffices".into(),
            relation,
            country: None,
            single_point: false,
            repeated: false,
        });
        self.stack.extend(
            members
                .into_iter()
                .rev()
                .map(|t| Todo::System(t, "one of", depth + 1)),
        );
    }

    /// A company and the companies above it, each one level deeper.
    fn party(&mut self, p: Party, relation: &'static str, depth: u32) {
        let m = self.g.model();
        match p {
            Party::Vendor(v) => {
                for (i, x) in self.g.ownership_chain(v).enumerate() {
                    let vendor = m.vendor(x);
                    self.push(PathNode {
                        depth: depth.saturating_add(i as u32),
                        kind: NodeKind::Vendor,
                        id: vendor.id.clone(),
                        name: vendor.name.clone(),
                        relation: if i == 0 { relation } else { "controlled by" },
                        country: Some(vendor.country),
                        single_point: self.spof_vendors.binary_search(&x).is_ok(),
                        repeated: false,
                    });
                }
            }
            Party::Own => {
                let org = &m.organisation;
                self.push(PathNode {
                    depth,
                    kind: NodeKind::Organisation,
                    id: "self".into(),
                    name: org.name.clone(),
                    relation,
                    country: Some(org.home),
                    single_point: false,
                    repeated: false,
                });
            }
        }
    }
}

/// The chains and single points of failure of one service.
pub fn service_paths(g: &Graph, cuts: &mut Cuts<'_, '_>, sv: ServiceId) -> ServicePaths {
    let m = g.model();
    let (spof_systems, spof_vendors) = cuts.single_points(sv);
    // Sorted for look-up: a chain has as many single points as systems.
    let mut vendor_ids: Vec<VendorId> = spof_vendors.iter().map(|(v, _, _)| *v).collect();
    vendor_ids.sort_unstable();
    debug_assert!(spof_systems.is_sorted());
    let mut b = Builder {
        g,
        seen: vec![false; m.systems.len()],
        spof_systems: &spof_systems,
        spof_vendors: &vendor_ids,
        out: Vec::new(),
        omitted: 0,
        stack: Vec::new(),
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
    let single_point_systems_omitted = single_point_systems.len().saturating_sub(TREE_MAX);
    single_point_systems.truncate(TREE_MAX);
    for d in &service.needs {
        let members: Vec<SystemId> = d
            .members()
            .iter()
            .copied()
            .filter(|t| m.system(*t).in_use())
            .collect();
        match (d, members.is_empty()) {
            (_, true) => {}
            (Dependency::One(t), false) => b.walk(Todo::System(*t, "needs", 0)),
            (Dependency::Any(_), false) => b.walk(Todo::Any(members, "needs", 0)),
        }
    }
    let (tree, tree_omitted) = (b.out, b.omitted);
    ServicePaths {
        service: service.id.clone(),
        name: service.name.clone(),
        criticality: service.criticality,
        single_point_systems,
        single_point_systems_omitted,
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
        tree_omitted,
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
