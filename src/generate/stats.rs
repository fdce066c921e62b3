//! Statistics of a model, to show that a generated landscape has the shape
//! it claims (`generate --stats`) and to compare sizes in the benchmarks.
//!
//! Computed from the validated [`Model`], not from the generator's own
//! bookkeeping, so the figures are what the loader actually sees. Works on
//! any model, generated or written by hand.

use crate::model::{ContractKind, Dependency, Layer, Licence, Model, Party, Status, VendorId};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Systems per layer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LayerCounts {
    pub infrastructure: usize,
    pub platform: usize,
    pub data: usize,
    pub application: usize,
}

/// Systems per status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub in_use: usize,
    pub candidate: usize,
    pub retired: usize,
}

/// The shape of a landscape.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    pub systems: usize,
    pub layers: LayerCounts,
    pub status: StatusCounts,
    pub open_source_systems: usize,
    pub systems_with_data: usize,
    /// Total declared data volume, in GB.
    pub data_volume_gb: f64,

    pub vendors: usize,
    /// Vendors without a parent: each heads a group of companies.
    pub vendor_groups: usize,
    /// Vendors with a parent.
    pub subsidiaries: usize,
    /// Companies in the longest ownership chain (1 = no parent).
    pub longest_ownership_chain: usize,
    /// Groups with a company in another country than their head.
    pub groups_across_countries: usize,
    pub vendors_per_country: BTreeMap<String, usize>,
    /// Groups (by top parent) that make at least one system.
    pub supplying_groups: usize,
    /// Share of vendor-made systems that the largest group makes.
    pub largest_group_share: f64,
    /// Share of vendor-made systems that the ten largest groups make.
    pub top10_groups_share: f64,
    /// Supplying groups that make exactly one system.
    pub groups_with_one_system: usize,

    /// Entries of `depends_on` (plain and `any`).
    pub dependency_entries: usize,
    pub any_groups: usize,
    /// `any` groups / dependency entries.
    pub any_share: f64,
    pub interfaces: usize,
    pub hard_interfaces: usize,
    pub open_interfaces: usize,
    /// System-to-system edges (every `depends_on` member and every interface) per system.
    pub edges_per_system: f64,
    /// Share of system-to-system edges that point to a lower layer, or
    /// within a layer to a system written earlier (infrastructure <
    /// platform < data < application).
    pub downward_share: f64,
    /// Strongly connected components of two or more systems.
    pub cycles: usize,
    pub systems_in_cycles: usize,

    pub formats: usize,
    pub open_formats: usize,
    pub contracts: usize,
    pub contracts_by_kind: BTreeMap<String, usize>,
    /// Cloud contracts with at least one EU Data Act finding.
    pub cloud_contracts_with_data_act_findings: usize,
    pub annual_cost_total: f64,
    pub annual_cost_median: f64,
    pub annual_cost_max: f64,
    pub services: usize,
    /// Services whose `needs` contain an `any` group.
    pub services_with_any: usize,
    pub scenarios: usize,
    /// Entries of `alternatives` over all systems.
    pub alternatives: usize,
    /// All entities (systems, vendors, interfaces, formats, contracts, services, scenarios).
    pub entities: usize,
    pub entities_per_system: f64,
}

fn layer_rank(l: Layer) -> u8 {
    match l {
        Layer::Infrastructure => 0,
        Layer::Platform => 1,
        Layer::Data => 2,
        Layer::Application => 3,
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The statistics of a model.
pub fn stats(m: &Model) -> Stats {
    let n = m.systems.len();
    let mut layers = LayerCounts::default();
    let mut status = StatusCounts::default();
    for s in &m.systems {
        match s.layer {
            Layer::Infrastructure => layers.infrastructure += 1,
            Layer::Platform => layers.platform += 1,
            Layer::Data => layers.data += 1,
            Layer::Application => layers.application += 1,
        }
        match s.status {
            Status::InUse => status.in_use += 1,
            Status::Candidate => status.candidate += 1,
            Status::Retired => status.retired += 1,
        }
    }

    // Ownership: top parent and chain length of every vendor.
    let top_and_depth = |v: VendorId| {
        let mut cur = v;
        let mut depth = 1;
        // Parent loops are rejected by validation; the bound is a safeguard.
        while let Some(p) = m.vendor(cur).parent {
            if depth > m.vendors.len() {
                break;
            }
            cur = p;
            depth += 1;
        }
        (cur, depth)
    };
    let mut countries: BTreeMap<String, usize> = BTreeMap::new();
    let mut group_countries: BTreeMap<VendorId, BTreeSet<String>> = BTreeMap::new();
    let mut longest = 0;
    let mut tops = vec![VendorId(0); m.vendors.len()];
    for v in m.vendor_ids() {
        let c = m.vendor(v).country.to_string();
        *countries.entry(c.clone()).or_default() += 1;
        let (top, depth) = top_and_depth(v);
        tops[v.index()] = top;
        longest = longest.max(depth);
        group_countries.entry(top).or_default().insert(c);
    }
    let mut made: BTreeMap<VendorId, usize> = BTreeMap::new();
    let mut vendor_made = 0;
    for s in &m.systems {
        if let Party::Vendor(v) = s.vendor {
            *made.entry(tops[v.index()]).or_default() += 1;
            vendor_made += 1;
        }
    }
    let mut sizes: Vec<usize> = made.values().copied().collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));

    // Edges between systems.
    let mut entries = 0;
    let mut any = 0;
    let mut edges = 0;
    let mut down = 0;
    let is_down = |from: usize, to: usize| {
        let (a, b) = (
            layer_rank(m.systems[from].layer),
            layer_rank(m.systems[to].layer),
        );
        b < a || (b == a && to < from)
    };
    let mut g = petgraph::graph::DiGraph::<(), ()>::with_capacity(n, n * 3);
    for _ in 0..n {
        g.add_node(());
    }
    let node = petgraph::graph::NodeIndex::new;
    for (i, s) in m.systems.iter().enumerate() {
        for d in &s.depends_on {
            entries += 1;
            if matches!(d, Dependency::Any(_)) {
                any += 1;
            }
            for t in d.members() {
                edges += 1;
                down += usize::from(is_down(i, t.index()));
                g.add_edge(node(i), node(t.index()), ());
            }
        }
    }
    for it in &m.interfaces {
        edges += 1;
        down += usize::from(is_down(it.from.index(), it.to.index()));
        g.add_edge(node(it.from.index()), node(it.to.index()), ());
    }
    let sccs: Vec<usize> = petgraph::algo::kosaraju_scc(&g)
        .into_iter()
        .map(|c| c.len())
        .filter(|&l| l > 1)
        .collect();

    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut costs: Vec<f64> = Vec::new();
    for c in &m.contracts {
        *by_kind.entry(c.kind.to_string()).or_default() += 1;
        if let Some(a) = c.annual_cost {
            costs.push(a);
        }
    }
    costs.sort_unstable_by(f64::total_cmp);
    let median = match costs.len() {
        0 => 0.0,
        l if l % 2 == 1 => costs[l / 2],
        l => (costs[l / 2 - 1] + costs[l / 2]) / 2.0,
    };
    let flagged: BTreeSet<String> = crate::analysis::data_act::findings(m)
        .into_iter()
        .map(|f| f.contract)
        .collect();
    let cloud_flagged = m
        .contracts
        .iter()
        .filter(|c| c.kind == ContractKind::Cloud && flagged.contains(&c.id))
        .count();

    let counts = m.counts();
    Stats {
        systems: n,
        layers,
        status,
        open_source_systems: m
            .systems
            .iter()
            .filter(|s| s.licence == Licence::OpenSource)
            .count(),
        systems_with_data: m.systems.iter().filter(|s| s.data.is_some()).count(),
        data_volume_gb: m
            .systems
            .iter()
            .filter_map(|s| s.data.as_ref())
            .map(|d| d.volume_gb)
            .sum(),
        vendors: m.vendors.len(),
        vendor_groups: m.vendors.iter().filter(|v| v.parent.is_none()).count(),
        subsidiaries: m.vendors.iter().filter(|v| v.parent.is_some()).count(),
        longest_ownership_chain: longest,
        groups_across_countries: group_countries.values().filter(|c| c.len() > 1).count(),
        vendors_per_country: countries,
        supplying_groups: sizes.len(),
        largest_group_share: ratio(sizes.first().copied().unwrap_or(0), vendor_made),
        top10_groups_share: ratio(sizes.iter().take(10).sum(), vendor_made),
        groups_with_one_system: sizes.iter().filter(|&&s| s == 1).count(),
        dependency_entries: entries,
        any_groups: any,
        any_share: ratio(any, entries),
        interfaces: m.interfaces.len(),
        hard_interfaces: m.interfaces.iter().filter(|i| i.hard).count(),
        open_interfaces: m.interfaces.iter().filter(|i| i.open).count(),
        edges_per_system: ratio(edges, n),
        downward_share: ratio(down, edges),
        cycles: sccs.len(),
        systems_in_cycles: sccs.iter().sum(),
        formats: m.formats.len(),
        open_formats: m.formats.iter().filter(|f| f.open).count(),
        contracts: m.contracts.len(),
        contracts_by_kind: by_kind,
        cloud_contracts_with_data_act_findings: cloud_flagged,
        annual_cost_total: costs.iter().sum(),
        annual_cost_median: median,
        annual_cost_max: costs.last().copied().unwrap_or(0.0),
        services: m.services.len(),
        services_with_any: m
            .services
            .iter()
            .filter(|s| s.needs.iter().any(|d| matches!(d, Dependency::Any(_))))
            .count(),
        scenarios: m.scenarios.len(),
        alternatives: m.systems.iter().map(|s| s.alternatives.len()).sum(),
        entities: counts.total(),
        entities_per_system: ratio(counts.total(), n),
    }
}

fn pct(x: f64) -> String {
    format!("{:.1} %", x * 100.0)
}

fn map(m: &BTreeMap<String, usize>) -> String {
    m.iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.layers;
        let s = &self.status;
        writeln!(
            f,
            "systems        {:>9}  (infrastructure {}, platform {}, data {}, application {})",
            self.systems, l.infrastructure, l.platform, l.data, l.application
        )?;
        writeln!(
            f,
            "  status                  in use {}, candidate {}, retired {}; open source {}; with data {} ({:.0} GB)",
            s.in_use,
            s.candidate,
            s.retired,
            self.open_source_systems,
            self.systems_with_data,
            self.data_volume_gb
        )?;
        writeln!(
            f,
            "vendors        {:>9}  ({} groups, {} subsidiaries, longest chain {}, {} groups across countries)",
            self.vendors,
            self.vendor_groups,
            self.subsidiaries,
            self.longest_ownership_chain,
            self.groups_across_countries
        )?;
        writeln!(
            f,
            "  countries               {}",
            map(&self.vendors_per_country)
        )?;
        writeln!(
            f,
            "  size distribution       {} supplying groups; largest makes {} of vendor-made systems, top 10 {}; {} groups make one system",
            self.supplying_groups,
            pct(self.largest_group_share),
            pct(self.top10_groups_share),
            self.groups_with_one_system
        )?;
        writeln!(
            f,
            "dependencies   {:>9}  entries, {} `any` groups ({})",
            self.dependency_entries,
            self.any_groups,
            pct(self.any_share)
        )?;
        writeln!(
            f,
            "interfaces     {:>9}  ({} hard, {} open)",
            self.interfaces, self.hard_interfaces, self.open_interfaces
        )?;
        writeln!(
            f,
            "  edges per system        {:.2}; pointing down {}; {} cycles with {} systems",
            self.edges_per_system,
            pct(self.downward_share),
            self.cycles,
            self.systems_in_cycles
        )?;
        writeln!(
            f,
            "formats        {:>9}  ({} open)",
            self.formats, self.open_formats
        )?;
        writeln!(
            f,
            "contracts      {:>9}  ({}); {} cloud contracts with Data Act findings",
            self.contracts,
            map(&self.contracts_by_kind),
            self.cloud_contracts_with_data_act_findings
        )?;
        writeln!(
            f,
            "  annual cost             total {:.0}, median {:.0}, max {:.0}",
            self.annual_cost_total, self.annual_cost_median, self.annual_cost_max
        )?;
        writeln!(
            f,
            "services       {:>9}  ({} with an `any` group)",
            self.services, self.services_with_any
        )?;
        writeln!(f, "scenarios      {:>9}", self.scenarios)?;
        writeln!(f, "alternatives   {:>9}", self.alternatives)?;
        writeln!(
            f,
            "entities       {:>9}  ({:.2} per system)",
            self.entities, self.entities_per_system
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Limits, load_str};
    use std::path::Path;

    /// Three vendors (US head, IE and DE companies below it, the DE one via
    /// the IE one) and a German vendor; four systems in three layers.
    const MODEL: &str = r#"
[organisation]
name = "T"
home = "DE"
as_of = 2026-12-01

[[vendor]]
id = "big"
name = "Big Inc."
country = "US"
[[vendor]]
id = "big-ie"
name = "Big Ireland"
country = "IE"
parent = "big"
[[vendor]]
id = "big-de"
name = "Big Deutschland"
country = "DE"
parent = "big-ie"
[[vendor]]
id = "small"
name = "Small GmbH"
country = "DE"

[[format]]
id = "csv"
name = "CSV"
open = true
[[format]]
id = "blob"
name = "Blob"
open = false

[[system]]
id = "net-a"
name = "Uplink A"
layer = "infrastructure"
vendor = "small"
operator = "small"
[[system]]
id = "net-b"
name = "Uplink B"
layer = "infrastructure"
vendor = "big"
[[system]]
id = "db"
name = "Database"
layer = "data"
vendor = "big-de"
licence = "open-source"
depends_on = [{ any = ["net-a", "net-b"] }]
data = { classes = ["x"], volume_gb = 2.5 }
[[system]]
id = "app"
name = "App"
vendor = "big"
status = "candidate"
depends_on = ["db", "net-a"]
alternatives = ["catalog:libreoffice"]

[[interface]]
id = "back"
from = "db"
to = "app"
format = "csv"
hard = false

[[contract]]
id = "c1"
vendor = "small"
covers = ["net-a"]
kind = "cloud"
end = 2027-06-30
notice = "3mo"
annual_cost = 1000
data_retrieval = "30d"
[[contract]]
id = "c2"
vendor = "big-de"
covers = ["db", "net-b"]
kind = "licence"
end = 2027-12-31
annual_cost = 3000
[[contract]]
id = "c3"
vendor = "big-de"
covers = ["db"]
kind = "support"
end = 2027-12-31
annual_cost = 500

[[service]]
id = "s"
name = "S"
needs = [{ any = ["app", "db"] }]
"#;

    fn model() -> Model {
        load_str("t.toml", Path::new("t.toml"), MODEL, &Limits::default())
            .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics))
    }

    #[test]
    fn counts_layers_status_and_ownership() {
        let s = stats(&model());
        assert_eq!(s.systems, 4);
        assert_eq!(
            s.layers,
            LayerCounts {
                infrastructure: 2,
                platform: 0,
                data: 1,
                application: 1
            }
        );
        assert_eq!(s.status.candidate, 1);
        assert_eq!(s.open_source_systems, 1);
        assert_eq!(s.data_volume_gb, 2.5);
        // Two heads (big, small); big-de -> big-ie -> big is three companies.
        assert_eq!((s.vendor_groups, s.subsidiaries), (2, 2));
        assert_eq!(s.longest_ownership_chain, 3);
        assert_eq!(s.groups_across_countries, 1);
        assert_eq!(s.vendors_per_country["DE"], 2);
    }

    #[test]
    fn size_distribution_counts_systems_by_top_parent() {
        let s = stats(&model());
        // big's group makes net-b, db (via big-de) and app: 3 of 4.
        assert_eq!(s.supplying_groups, 2);
        assert_eq!(s.largest_group_share, 0.75);
        assert_eq!(s.top10_groups_share, 1.0);
        assert_eq!(s.groups_with_one_system, 1);
    }

    #[test]
    fn edges_any_groups_direction_and_cycles() {
        let s = stats(&model());
        // Entries: db's any group, app's "db" and "net-a": 3, one of them `any`.
        assert_eq!((s.dependency_entries, s.any_groups), (3, 1));
        assert_eq!(s.any_share, 1.0 / 3.0);
        // Edges: net-a, net-b (from db), db, net-a (from app), interface db -> app: 5.
        assert_eq!(s.edges_per_system, 5.0 / 4.0);
        // Only the interface points up (data -> application).
        assert_eq!(s.downward_share, 4.0 / 5.0);
        assert_eq!((s.cycles, s.systems_in_cycles), (1, 2));
        assert_eq!(
            (s.interfaces, s.hard_interfaces, s.open_interfaces),
            (1, 0, 1)
        );
    }

    #[test]
    fn contracts_costs_and_the_rest() {
        let s = stats(&model());
        assert_eq!(s.contracts, 3);
        assert_eq!(s.contracts_by_kind["licence"], 1);
        // c1: notice 3 months is longer than the Data Act's two.
        assert_eq!(s.cloud_contracts_with_data_act_findings, 1);
        assert_eq!(s.annual_cost_total, 4500.0);
        assert_eq!(s.annual_cost_median, 1000.0);
        assert_eq!(s.annual_cost_max, 3000.0);
        assert_eq!((s.services, s.services_with_any), (1, 1));
        assert_eq!(s.alternatives, 1);
        assert_eq!((s.formats, s.open_formats), (2, 1));
        // 4 systems + 4 vendors + 1 interface + 2 formats + 3 contracts + 1 service.
        assert_eq!(s.entities, 15);
    }
}
