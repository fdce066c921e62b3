//! The typed landscape graph over petgraph, and the structural queries every
//! analysis shares.
//!
//! Nodes are systems, vendors, interfaces, formats, contracts and services;
//! edges say how they relate ([`EdgeKind`]). petgraph's indices stay private:
//! callers use the model's typed ids. Besides the petgraph graph (used for
//! traversal in general form and for DOT export), the graph keeps compact
//! per-system adjacency lists for the hot paths of the analyses (cut-off
//! simulation, exit-plan precedence), so that they run in O(V + E).
//!
//! A vendor's *exposure* is the set of countries whose law reaches it: its
//! own country plus those of its parent chain (a German subsidiary of a US
//! company is exposed to US law, domain brief point 6).

use crate::model::{
    ContractId, Country, Dependency, FormatId, InterfaceId, Model, Party, ServiceId, SystemId,
    VendorId,
};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

/// A node of the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Node {
    System(SystemId),
    Vendor(VendorId),
    Interface(InterfaceId),
    Format(FormatId),
    Contract(ContractId),
    Service(ServiceId),
}

/// How two nodes relate. Edges point from the dependent to what it relies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// system -> vendor that makes or licenses it
    SuppliedBy,
    /// system -> vendor that operates it
    OperatedBy,
    /// system -> vendor that holds its backup
    BackedUpBy,
    /// system -> system, a plain `depends_on` entry (hard)
    DependsOn,
    /// system -> system, member of `any` group number `group` of the system
    DependsOnAny { group: u32 },
    /// system -> interface it uses
    InterfaceFrom,
    /// interface -> system it reaches; `hard` copies the interface's flag
    InterfaceTo { hard: bool },
    /// interface -> format it carries
    Carries,
    /// system -> format its data lives in
    Stores,
    /// system -> format it can export to
    Exports,
    /// contract -> system it covers
    Covers,
    /// contract -> vendor it is with
    ContractWith,
    /// vendor -> controlling company
    OwnedBy,
    /// service -> system, a plain `needs` entry
    Needs,
    /// service -> system, member of `any` group number `group` of the service
    NeedsAny { group: u32 },
    /// system -> system named as its alternative
    AlternativeTo,
}

/// One dependency of a system, as analyses see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// A plain `depends_on` entry.
    Plain(SystemId),
    /// An interface to `to`; `hard = false` means the dependent only degrades.
    Interface {
        id: InterfaceId,
        to: SystemId,
        hard: bool,
    },
}

/// The landscape graph. Owns the model.
pub struct Graph {
    model: Model,
    g: DiGraph<Node, EdgeKind>,
    system_nodes: Vec<NodeIndex>,
    vendor_nodes: Vec<NodeIndex>,
    service_nodes: Vec<NodeIndex>,
    /// Hard single dependencies per system: plain entries and hard interfaces (deduplicated, sorted).
    hard: Vec<Vec<SystemId>>,
    /// Soft dependencies per system: interfaces with `hard = false` (sorted, deduplicated).
    soft: Vec<Vec<SystemId>>,
    /// `any` groups per system.
    any: Vec<Vec<Vec<SystemId>>>,
    /// Reverse of hard, soft and any: the systems that rely on each system (sorted).
    dependents: Vec<Vec<SystemId>>,
    /// Services that need each system directly (sorted).
    needed_by: Vec<Vec<ServiceId>>,
    /// Per vendor: the vendors it controls directly.
    children: Vec<Vec<VendorId>>,
    /// Per vendor: sorted exposure countries.
    exposure: Vec<Vec<Country>>,
    /// Per vendor: the top of its ownership chain. Chains themselves are
    /// walked through `parent` on demand ([`Graph::ownership_chain`]): a
    /// list per vendor costs the square of the depth on a long chain.
    tops: Vec<VendorId>,
    /// Per system: contracts covering it.
    contracts_of: Vec<Vec<ContractId>>,
    /// Per system: the interfaces that start or end at it, in model order,
    /// each once. Kept so that per-system questions (switch estimates,
    /// `links`) need not scan every interface of the model: at 100,000
    /// systems that scan made `--each-vendor` and `deadlines` quadratic.
    interfaces_of: Vec<Vec<InterfaceId>>,
    /// The day contracts are judged running on (see [`Graph::review_date`]).
    review_date: Option<chrono::NaiveDate>,
}

impl Graph {
    /// Builds the graph of a validated model.
    pub fn build(model: Model) -> Graph {
        let m = &model;
        let n_nodes = m.systems.len()
            + m.vendors.len()
            + m.interfaces.len()
            + m.formats.len()
            + m.contracts.len()
            + m.services.len();
        let mut g = DiGraph::with_capacity(n_nodes, n_nodes * 3);
        let system_nodes: Vec<NodeIndex> = m
            .system_ids()
            .map(|s| g.add_node(Node::System(s)))
            .collect();
        let vendor_nodes: Vec<NodeIndex> = m
            .vendor_ids()
            .map(|v| g.add_node(Node::Vendor(v)))
            .collect();
        let interface_nodes: Vec<NodeIndex> = m
            .interface_ids()
            .map(|i| g.add_node(Node::Interface(i)))
            .collect();
        let format_nodes: Vec<NodeIndex> = m
            .format_ids()
            .map(|f| g.add_node(Node::Format(f)))
            .collect();
        let contract_nodes: Vec<NodeIndex> = m
            .contract_ids()
            .map(|c| g.add_node(Node::Contract(c)))
            .collect();
        let service_nodes: Vec<NodeIndex> = m
            .service_ids()
            .map(|s| g.add_node(Node::Service(s)))
            .collect();

        let n = m.systems.len();
        let mut hard = vec![Vec::new(); n];
        let mut soft = vec![Vec::new(); n];
        let mut any = vec![Vec::new(); n];
        for (v, vendor) in m.vendors.iter().enumerate() {
            if let Some(p) = vendor.parent {
                g.add_edge(vendor_nodes[v], vendor_nodes[p.index()], EdgeKind::OwnedBy);
            }
        }
        for (i, s) in m.systems.iter().enumerate() {
            let me = system_nodes[i];
            if let Party::Vendor(v) = s.vendor {
                g.add_edge(me, vendor_nodes[v.index()], EdgeKind::SuppliedBy);
            }
            if let Party::Vendor(v) = s.operator {
                g.add_edge(me, vendor_nodes[v.index()], EdgeKind::OperatedBy);
            }
            if let Some(Party::Vendor(v)) = s.data.as_ref().and_then(|d| d.backup) {
                g.add_edge(me, vendor_nodes[v.index()], EdgeKind::BackedUpBy);
            }
            let mut group = 0u32;
            for d in &s.depends_on {
                match d {
                    Dependency::One(t) => {
                        g.add_edge(me, system_nodes[t.index()], EdgeKind::DependsOn);
                        hard[i].push(*t);
                    }
                    Dependency::Any(ts) => {
                        for t in ts {
                            g.add_edge(
                                me,
                                system_nodes[t.index()],
                                EdgeKind::DependsOnAny { group },
                            );
                        }
                        any[i].push(ts.clone());
                        group += 1;
                    }
                }
            }
            for f in &s.formats {
                g.add_edge(me, format_nodes[f.index()], EdgeKind::Stores);
            }
            for f in s.exports.iter().flatten() {
                g.add_edge(me, format_nodes[f.index()], EdgeKind::Exports);
            }
            for a in &s.alternatives {
                if let crate::model::Alternative::System(t) = a {
                    g.add_edge(me, system_nodes[t.index()], EdgeKind::AlternativeTo);
                }
            }
        }
        let mut interfaces_of = vec![Vec::new(); n];
        for (k, it) in m.interfaces.iter().enumerate() {
            let node = interface_nodes[k];
            interfaces_of[it.from.index()].push(InterfaceId(k as u32));
            if it.to != it.from {
                interfaces_of[it.to.index()].push(InterfaceId(k as u32));
            }
            g.add_edge(system_nodes[it.from.index()], node, EdgeKind::InterfaceFrom);
            g.add_edge(
                node,
                system_nodes[it.to.index()],
                EdgeKind::InterfaceTo { hard: it.hard },
            );
            if let Some(f) = it.format {
                g.add_edge(node, format_nodes[f.index()], EdgeKind::Carries);
            }
            if it.hard {
                hard[it.from.index()].push(it.to);
            } else {
                soft[it.from.index()].push(it.to);
            }
        }
        let mut contracts_of = vec![Vec::new(); n];
        for (k, c) in m.contracts.iter().enumerate() {
            g.add_edge(
                contract_nodes[k],
                vendor_nodes[c.vendor.index()],
                EdgeKind::ContractWith,
            );
            for s in &c.covers {
                g.add_edge(contract_nodes[k], system_nodes[s.index()], EdgeKind::Covers);
                contracts_of[s.index()].push(ContractId(k as u32));
            }
        }
        let mut needed_by = vec![Vec::new(); n];
        for (k, sv) in m.services.iter().enumerate() {
            let mut group = 0u32;
            for d in &sv.needs {
                match d {
                    Dependency::One(t) => {
                        g.add_edge(service_nodes[k], system_nodes[t.index()], EdgeKind::Needs);
                    }
                    Dependency::Any(ts) => {
                        for t in ts {
                            g.add_edge(
                                service_nodes[k],
                                system_nodes[t.index()],
                                EdgeKind::NeedsAny { group },
                            );
                        }
                        group += 1;
                    }
                }
                for t in d.members() {
                    needed_by[t.index()].push(ServiceId(k as u32));
                }
            }
        }
        for l in hard.iter_mut().chain(soft.iter_mut()) {
            l.sort_unstable();
            l.dedup();
        }
        // A soft interface to a system that is also a hard dependency adds nothing.
        for i in 0..n {
            let h = std::mem::take(&mut hard[i]);
            soft[i].retain(|t| h.binary_search(t).is_err());
            hard[i] = h;
        }
        let mut dependents = vec![Vec::new(); n];
        for i in 0..n {
            let me = SystemId(i as u32);
            for t in hard[i]
                .iter()
                .chain(soft[i].iter())
                .chain(any[i].iter().flatten())
            {
                dependents[t.index()].push(me);
            }
        }
        for l in dependents.iter_mut() {
            l.sort_unstable();
            l.dedup();
        }
        for l in needed_by.iter_mut() {
            l.sort_unstable();
            l.dedup();
        }

        // Ownership: children, chains and exposure.
        let nv = m.vendors.len();
        let mut children = vec![Vec::new(); nv];
        for (v, vendor) in m.vendors.iter().enumerate() {
            if let Some(p) = vendor.parent {
                children[p.index()].push(VendorId(v as u32));
            }
        }
        let (tops, exposure) = resolve_ownership(m);

        Graph {
            g,
            system_nodes,
            vendor_nodes,
            service_nodes,
            hard,
            soft,
            any,
            dependents,
            needed_by,
            children,
            exposure,
            tops,
            contracts_of,
            interfaces_of,
            review_date: model.organisation.as_of,
            model,
        }
    }

    /// The review date: the day on which analyses judge whether a contract
    /// still runs (an ended contract counts in no spend, savings or risk).
    /// The model's `as_of` unless a command set another one; `None`: every
    /// contract counts as running.
    pub fn review_date(&self) -> Option<chrono::NaiveDate> {
        self.review_date
    }

    /// Sets the review date (the `--as-of` of a command).
    pub fn set_review_date(&mut self, day: chrono::NaiveDate) {
        self.review_date = Some(day);
    }

    /// Whether a contract still runs on the review date.
    pub fn contract_running(&self, c: ContractId) -> bool {
        self.review_date
            .is_none_or(|d| self.model.contract(c).running_on(d))
    }

    /// The end of a contract's current term on the review date (its first
    /// term's end without a review date): what every output shows as the
    /// contract's end.
    pub fn current_term_end(&self, c: ContractId) -> chrono::NaiveDate {
        let contract = self.model.contract(c);
        match self.review_date {
            Some(d) => contract.current_term_end(d),
            None => contract.end,
        }
    }

    /// The validated model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Gives the model back.
    pub fn into_model(self) -> Model {
        self.model
    }

    /// Number of nodes and edges of the typed graph.
    pub fn size(&self) -> (usize, usize) {
        (self.g.node_count(), self.g.edge_count())
    }

    /// Every edge as (from, kind, to), in insertion order.
    pub fn edges(&self) -> impl Iterator<Item = (Node, EdgeKind, Node)> + '_ {
        self.g
            .edge_references()
            .map(|e| (self.g[e.source()], *e.weight(), self.g[e.target()]))
    }

    /// Outgoing edges of a system node.
    pub fn system_edges(&self, s: SystemId) -> impl Iterator<Item = (EdgeKind, Node)> + '_ {
        self.g
            .edges(self.system_nodes[s.index()])
            .map(|e| (*e.weight(), self.g[e.target()]))
    }

    /// Outgoing edges of a vendor node.
    pub fn vendor_edges(&self, v: VendorId) -> impl Iterator<Item = (EdgeKind, Node)> + '_ {
        self.g
            .edges(self.vendor_nodes[v.index()])
            .map(|e| (*e.weight(), self.g[e.target()]))
    }

    /// Outgoing edges of a service node.
    pub fn service_edges(&self, s: ServiceId) -> impl Iterator<Item = (EdgeKind, Node)> + '_ {
        self.g
            .edges(self.service_nodes[s.index()])
            .map(|e| (*e.weight(), self.g[e.target()]))
    }

    // ---- dependencies between systems ----

    /// Hard single dependencies of a system: plain `depends_on` entries and
    /// interfaces with `hard = true` (sorted, without duplicates).
    pub fn hard_deps(&self, s: SystemId) -> &[SystemId] {
        &self.hard[s.index()]
    }

    /// Soft dependencies: targets of interfaces with `hard = false` that are
    /// not also hard dependencies.
    pub fn soft_deps(&self, s: SystemId) -> &[SystemId] {
        &self.soft[s.index()]
    }

    /// `any` groups of a system: it needs at least one member of each.
    pub fn any_groups(&self, s: SystemId) -> &[Vec<SystemId>] {
        &self.any[s.index()]
    }

    /// Every system this one relies on directly (hard, soft and any groups).
    pub fn all_deps(&self, s: SystemId) -> Vec<SystemId> {
        let mut v: Vec<SystemId> = self.hard[s.index()]
            .iter()
            .chain(self.soft[s.index()].iter())
            .chain(self.any[s.index()].iter().flatten())
            .copied()
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Each dependency link of a system, with the interface when there is one.
    pub fn links(&self, s: SystemId) -> Vec<Link> {
        let sys = self.model.system(s);
        let mut out: Vec<Link> = sys
            .depends_on
            .iter()
            .filter_map(|d| match d {
                Dependency::One(t) => Some(Link::Plain(*t)),
                Dependency::Any(_) => None,
            })
            .collect();
        for &id in &self.interfaces_of[s.index()] {
            let it = self.model.interface(id);
            if it.from == s {
                out.push(Link::Interface {
                    id,
                    to: it.to,
                    hard: it.hard,
                });
            }
        }
        out
    }

    /// The interfaces that start or end at a system, in model order, each once.
    pub fn interfaces_of(&self, s: SystemId) -> &[InterfaceId] {
        &self.interfaces_of[s.index()]
    }

    /// Systems that rely on this one directly (through any kind of dependency).
    pub fn dependents(&self, s: SystemId) -> &[SystemId] {
        &self.dependents[s.index()]
    }

    /// Services that name this system in `needs` (directly).
    pub fn needed_by(&self, s: SystemId) -> &[ServiceId] {
        &self.needed_by[s.index()]
    }

    /// Every system that relies on `s` directly or indirectly (not `s` itself
    /// unless it is on a cycle), sorted, and every service that needs one of
    /// them or `s`, sorted.
    pub fn transitive_dependents(&self, s: SystemId) -> (Vec<SystemId>, Vec<ServiceId>) {
        let n = self.model.systems.len();
        let mut seen = vec![false; n];
        let mut stack = vec![s];
        let mut systems = Vec::new();
        while let Some(x) = stack.pop() {
            for &d in &self.dependents[x.index()] {
                if !seen[d.index()] {
                    seen[d.index()] = true;
                    systems.push(d);
                    stack.push(d);
                }
            }
        }
        let mut services: Vec<ServiceId> = std::iter::once(s)
            .chain(systems.iter().copied())
            .flat_map(|x| self.needed_by[x.index()].iter().copied())
            .collect();
        systems.sort_unstable();
        services.sort_unstable();
        services.dedup();
        (systems, services)
    }

    /// Every system `s` relies on directly or indirectly, sorted.
    pub fn transitive_dependencies(&self, s: SystemId) -> Vec<SystemId> {
        let n = self.model.systems.len();
        let mut seen = vec![false; n];
        let mut stack = vec![s];
        let mut out = Vec::new();
        while let Some(x) = stack.pop() {
            for d in self.all_deps(x) {
                if !seen[d.index()] {
                    seen[d.index()] = true;
                    out.push(d);
                    stack.push(d);
                }
            }
        }
        out.sort_unstable();
        out
    }

    // ---- vendors and ownership ----

    /// The vendors a vendor controls directly.
    pub fn children(&self, v: VendorId) -> &[VendorId] {
        &self.children[v.index()]
    }

    /// A vendor and every vendor it controls, directly or through subsidiaries (sorted).
    pub fn controlled(&self, v: VendorId) -> Vec<VendorId> {
        let mut out = vec![v];
        let mut i = 0;
        while i < out.len() {
            out.extend_from_slice(&self.children[out[i].index()]);
            i += 1;
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The vendor, its parent, its parent's parent, ... up to the top,
    /// walked through `parent` (each step O(1)).
    pub fn ownership_chain(&self, v: VendorId) -> OwnershipChain<'_> {
        OwnershipChain {
            model: &self.model,
            next: Some(v),
            left: self.model.vendors.len(),
        }
    }

    /// The top of a vendor's ownership chain (the vendor group).
    pub fn top_parent(&self, v: VendorId) -> VendorId {
        self.tops[v.index()]
    }

    /// The countries whose law reaches a vendor (own and parent chain), sorted.
    pub fn exposure(&self, v: VendorId) -> &[Country] {
        &self.exposure[v.index()]
    }

    /// Whether a vendor's exposure contains a country outside the trusted set.
    pub fn vendor_untrusted(&self, v: VendorId) -> bool {
        let t = &self.model.organisation.trusted;
        self.exposure[v.index()].iter().any(|c| !t.contains(*c))
    }

    /// The exposure of a party; the organisation itself is exposed to its home country.
    pub fn party_exposure(&self, p: Party) -> Vec<Country> {
        match p {
            Party::Own => vec![self.model.organisation.home],
            Party::Vendor(v) => self.exposure[v.index()].clone(),
        }
    }

    /// The untrusted countries in a party's exposure, sorted.
    pub fn untrusted_exposure(&self, p: Party) -> Vec<Country> {
        let t = &self.model.organisation.trusted;
        self.party_exposure(p)
            .into_iter()
            .filter(|c| !t.contains(*c))
            .collect()
    }

    /// Union of the exposure of a system's vendor and operator, sorted.
    pub fn system_exposure(&self, s: SystemId) -> Vec<Country> {
        let sys = self.model.system(s);
        let mut v = self.party_exposure(sys.vendor);
        v.extend(self.party_exposure(sys.operator));
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Systems whose vendor or operator is one of `vendors` (sorted ids), in-use or not.
    pub fn systems_of(&self, vendors: &[VendorId]) -> Vec<SystemId> {
        let mut mark = vec![false; self.model.vendors.len()];
        for v in vendors {
            mark[v.index()] = true;
        }
        let hit = |p: Party| matches!(p, Party::Vendor(v) if mark[v.index()]);
        self.model
            .system_ids()
            .filter(|&s| {
                let sys = self.model.system(s);
                hit(sys.vendor) || hit(sys.operator)
            })
            .collect()
    }

    /// Vendors whose exposure contains one of the countries (sorted).
    pub fn vendors_exposed_to(&self, countries: &[Country]) -> Vec<VendorId> {
        self.model
            .vendor_ids()
            .filter(|v| {
                self.exposure[v.index()]
                    .iter()
                    .any(|c| countries.contains(c))
            })
            .collect()
    }

    /// Contracts covering a system.
    pub fn contracts_of(&self, s: SystemId) -> &[ContractId] {
        &self.contracts_of[s.index()]
    }
}

pub mod scc;

#[cfg(test)]
mod tests;

/// The ownership chain of a vendor, from the vendor up to the top of its
/// group ([`Graph::ownership_chain`]).
#[derive(Clone)]
pub struct OwnershipChain<'g> {
    model: &'g Model,
    next: Option<VendorId>,
    /// Validation guarantees acyclic chains; the bound is a second guard so
    /// that a bug can never loop forever.
    left: usize,
}

impl Iterator for OwnershipChain<'_> {
    type Item = VendorId;

    fn next(&mut self) -> Option<VendorId> {
        let v = self.next?;
        self.left = self.left.checked_sub(1)?;
        self.next = self.model.vendor(v).parent;
        Some(v)
    }
}

/// Per vendor: the top of its ownership chain and its exposure (the sorted
/// countries of the chain), each resolved once from its parent's, so that
/// a chain of n vendors costs O(n x countries), not O(n^2).
fn resolve_ownership(m: &Model) -> (Vec<VendorId>, Vec<Vec<Country>>) {
    let nv = m.vendors.len();
    let mut tops: Vec<Option<VendorId>> = vec![None; nv];
    let mut exposure: Vec<Vec<Country>> = vec![Vec::new(); nv];
    let mut path: Vec<usize> = Vec::new();
    for start in 0..nv {
        // Climb to the first resolved vendor (or the top), then resolve
        // downwards. The bound guards against a loop validation missed.
        let mut cur = Some(start);
        while let Some(v) = cur {
            if tops[v].is_some() || path.len() > nv {
                break;
            }
            path.push(v);
            cur = m.vendors[v].parent.map(|p| p.index());
        }
        while let Some(v) = path.pop() {
            let country = m.vendors[v].country;
            let (top, mut ex) = match m.vendors[v].parent.map(|p| p.index()) {
                Some(p) if tops[p].is_some() => (tops[p], exposure[p].clone()),
                _ => (Some(VendorId(v as u32)), Vec::new()),
            };
            if let Err(i) = ex.binary_search(&country) {
                ex.insert(i, country);
            }
            tops[v] = top;
            exposure[v] = ex;
        }
    }
    let tops = tops
        .into_iter()
        .enumerate()
        .map(|(v, t)| t.unwrap_or(VendorId(v as u32)))
        .collect();
    (tops, exposure)
}
