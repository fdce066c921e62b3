//! The fully resolved model as JSON: defaults applied (layer, operator,
//! region, notice, interface openness ...), references written as ids of
//! entities that exist, contract ends computed from `term`, and for every
//! vendor and system the exposure along the ownership chain (the countries
//! whose law reaches it, domain brief point 6).
//!
//! The shape is stable and documented in `docs/interop.md`; `format` and
//! `version` name it. Entities come in file order; every list that is a set
//! is sorted. `line` is the line of the entity's table in its file.

use crate::graph::Graph;
use crate::model::defaults::ParamValue;
use crate::model::{
    Alternative, Contract, ContractKind, Country, Criticality, Customisation, Cut, Dependency,
    Duration, Layer, Licence, Model, Region, Sensitivity, Span, Status, SystemId,
};
use chrono::NaiveDate;
use serde::Serialize;

/// Name of the JSON shape.
pub const FORMAT: &str = "exitgraph-resolved-model";
/// Version of the JSON shape; raised on incompatible changes.
pub const VERSION: u32 = 2;

#[derive(Serialize)]
pub struct Resolved<'a> {
    pub format: &'static str,
    pub version: u32,
    pub organisation: Organisation<'a>,
    pub defaults: Defaults,
    pub vendors: Vec<Vendor<'a>>,
    pub systems: Vec<System<'a>>,
    pub interfaces: Vec<Interface<'a>>,
    pub formats: Vec<Format<'a>>,
    pub contracts: Vec<ContractJ<'a>>,
    pub services: Vec<Service<'a>>,
    pub scenarios: Vec<Scenario<'a>>,
}

#[derive(Serialize)]
pub struct Organisation<'a> {
    pub name: &'a str,
    pub home: Country,
    /// Every trusted country, `EU` expanded to its members, home included.
    pub trusted: Vec<Country>,
    pub as_of: Option<NaiveDate>,
    pub staff: Option<u64>,
    pub parallel_migrations: u32,
    pub switch_target: Duration,
    pub it_competence: Option<u8>,
    pub currency: &'a str,
    pub language: Option<&'static str>,
}

#[derive(Serialize)]
pub struct Defaults {
    pub switch: Vec<ParamValue>,
    pub lockin: Vec<ParamValue>,
}

#[derive(Serialize)]
pub struct Vendor<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub country: Country,
    pub parent: Option<&'a str>,
    pub description: Option<&'a str>,
    /// A stand-in left by an import: its country is assumed.
    pub placeholder: bool,
    /// The top of the vendor's ownership chain (its group); the chain
    /// itself is the `parent` links, named once per vendor.
    pub top_parent: &'a str,
    /// Countries whose law reaches the vendor (own and parents'), sorted.
    pub exposure: Vec<Country>,
    /// Whether the exposure holds a country outside the trusted set.
    pub untrusted: bool,
    pub line: Option<usize>,
}

/// A `depends_on` or `needs` entry.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Dep<'a> {
    One(&'a str),
    Any { any: Vec<&'a str> },
}

#[derive(Serialize)]
pub struct DataJ<'a> {
    pub classes: &'a [String],
    pub sensitivity: Sensitivity,
    pub volume_gb: f64,
    pub backup: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Estimates {
    pub optimistic: Duration,
    pub likely: Duration,
    pub pessimistic: Duration,
}

#[derive(Serialize)]
pub struct SwitchJ {
    pub estimates: Option<Estimates>,
    pub cost: Option<f64>,
}

#[derive(Serialize)]
pub struct System<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub category: &'a str,
    pub layer: Layer,
    pub vendor: &'a str,
    pub operator: &'a str,
    pub region: Region,
    pub licence: Licence,
    pub criticality: Criticality,
    pub users: u64,
    pub status: Status,
    pub customisation: Customisation,
    pub data: Option<DataJ<'a>>,
    pub formats: Vec<&'a str>,
    /// `null`: not documented; `[]`: explicitly no export.
    pub exports: Option<Vec<&'a str>>,
    pub depends_on: Vec<Dep<'a>>,
    pub alternatives: Vec<String>,
    pub exit_plan: Option<&'a str>,
    pub licence_check: Option<Duration>,
    pub switch: SwitchJ,
    /// Countries whose law reaches the vendor or the operator, sorted.
    pub exposure: Vec<Country>,
    /// The part of `exposure` outside the trusted set.
    pub untrusted_exposure: Vec<Country>,
    /// Contracts covering the system.
    pub contracts: Vec<&'a str>,
    /// Systems relying on this one directly (any kind of dependency), sorted.
    pub dependents: Vec<&'a str>,
    /// Services needing this system directly, sorted.
    pub needed_by: Vec<&'a str>,
    pub line: Option<usize>,
}

#[derive(Serialize)]
pub struct Interface<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub from: &'a str,
    pub to: &'a str,
    pub protocol: Option<&'a str>,
    pub format: Option<&'a str>,
    pub open: bool,
    pub hard: bool,
    pub line: Option<usize>,
}

#[derive(Serialize)]
pub struct Format<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub open: bool,
    pub standard: Option<&'a str>,
    pub description: Option<&'a str>,
    pub line: Option<usize>,
}

#[derive(Serialize)]
pub struct ContractJ<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub vendor: &'a str,
    pub covers: Vec<&'a str>,
    pub kind: ContractKind,
    pub start: Option<NaiveDate>,
    /// Last day of the current term (given, or `start` + `term` - 1 day).
    pub end: NaiveDate,
    pub notice: Duration,
    pub renewal: Option<Duration>,
    pub annual_cost: Option<f64>,
    pub data_retrieval: Option<Duration>,
    pub switching_charge: Option<f64>,
    pub line: Option<usize>,
}

#[derive(Serialize)]
pub struct Service<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub criticality: Criticality,
    pub max_outage: Option<Duration>,
    pub users: u64,
    pub needs: Vec<Dep<'a>>,
    pub line: Option<usize>,
}

#[derive(Serialize)]
pub struct Price<'a> {
    pub vendor: &'a str,
    pub factor: f64,
}

#[derive(Serialize)]
pub struct Scenario<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub description: Option<&'a str>,
    /// `vendor:ID`, `jurisdiction:CC` or `system:ID`.
    pub cut: Vec<String>,
    pub price: Vec<Price<'a>>,
    pub line: Option<usize>,
}

fn line(m: &Model, s: Span) -> Option<usize> {
    m.locate(s).map(|l| l.line)
}

fn deps<'a>(m: &'a Model, list: &'a [Dependency]) -> Vec<Dep<'a>> {
    list.iter()
        .map(|d| match d {
            Dependency::One(s) => Dep::One(&m.system(*s).id),
            Dependency::Any(v) => Dep::Any {
                any: v.iter().map(|s| m.system(*s).id.as_str()).collect(),
            },
        })
        .collect()
}

fn sorted_ids<'a>(m: &'a Model, ids: &[SystemId]) -> Vec<&'a str> {
    let mut v: Vec<&str> = ids.iter().map(|s| m.system(*s).id.as_str()).collect();
    v.sort_unstable();
    v
}

fn contract<'a>(m: &'a Model, c: &'a Contract) -> ContractJ<'a> {
    ContractJ {
        id: &c.id,
        name: c.name.as_deref(),
        description: c.description.as_deref(),
        vendor: &m.vendor(c.vendor).id,
        covers: c.covers.iter().map(|s| m.system(*s).id.as_str()).collect(),
        kind: c.kind,
        start: c.start,
        end: c.end,
        notice: c.notice,
        renewal: c.renewal,
        annual_cost: c.annual_cost,
        data_retrieval: c.data_retrieval,
        switching_charge: c.switching_charge,
        line: line(m, c.span),
    }
}

/// The resolved model as serialisable data.
pub fn resolve(g: &Graph) -> Resolved<'_> {
    let m = g.model();
    let o = &m.organisation;
    let trusted = &o.trusted;
    Resolved {
        format: FORMAT,
        version: VERSION,
        organisation: Organisation {
            name: &o.name,
            home: o.home,
            trusted: trusted.iter().collect(),
            as_of: o.as_of,
            staff: o.staff,
            parallel_migrations: o.parallel_migrations,
            switch_target: o.switch_target,
            it_competence: o.it_competence,
            currency: &o.currency,
            language: o.language.map(|l| l.as_str()),
        },
        defaults: Defaults {
            switch: m.defaults.switch.values(),
            lockin: m.defaults.lockin.values(),
        },
        vendors: m
            .vendor_ids()
            .map(|v| {
                let x = m.vendor(v);
                Vendor {
                    id: &x.id,
                    name: &x.name,
                    country: x.country,
                    parent: x.parent.map(|p| m.vendor(p).id.as_str()),
                    description: x.description.as_deref(),
                    placeholder: x.placeholder,
                    top_parent: &m.vendor(g.top_parent(v)).id,
                    exposure: g.exposure(v).to_vec(),
                    untrusted: g.vendor_untrusted(v),
                    line: line(m, x.span),
                }
            })
            .collect(),
        systems: m
            .system_ids()
            .map(|s| {
                let x = m.system(s);
                let mut contracts: Vec<&str> = g
                    .contracts_of(s)
                    .iter()
                    .map(|c| m.contract(*c).id.as_str())
                    .collect();
                contracts.sort_unstable();
                let mut needed_by: Vec<&str> = g
                    .needed_by(s)
                    .iter()
                    .map(|v| m.service(*v).id.as_str())
                    .collect();
                needed_by.sort_unstable();
                let mut untrusted: Vec<Country> = g.untrusted_exposure(x.vendor);
                untrusted.extend(g.untrusted_exposure(x.operator));
                untrusted.sort_unstable();
                untrusted.dedup();
                System {
                    id: &x.id,
                    name: &x.name,
                    description: x.description.as_deref(),
                    category: &x.category,
                    layer: x.layer,
                    vendor: m.party_id(x.vendor),
                    operator: m.party_id(x.operator),
                    region: x.region,
                    licence: x.licence,
                    criticality: x.criticality,
                    users: x.users,
                    status: x.status,
                    customisation: x.customisation,
                    data: x.data.as_ref().map(|d| DataJ {
                        classes: &d.classes,
                        sensitivity: d.sensitivity,
                        volume_gb: d.volume_gb,
                        backup: d.backup.map(|p| m.party_id(p)),
                    }),
                    formats: x.formats.iter().map(|f| m.format(*f).id.as_str()).collect(),
                    exports: x
                        .exports
                        .as_ref()
                        .map(|e| e.iter().map(|f| m.format(*f).id.as_str()).collect()),
                    depends_on: deps(m, &x.depends_on),
                    alternatives: x
                        .alternatives
                        .iter()
                        .map(|a| match a {
                            Alternative::System(s) => m.system(*s).id.clone(),
                            Alternative::Catalog(c) => format!("catalog:{c}"),
                        })
                        .collect(),
                    exit_plan: x.exit_plan.as_deref(),
                    licence_check: x.licence_check,
                    switch: SwitchJ {
                        estimates: x.switch.estimates.map(|[o, l, p]| Estimates {
                            optimistic: o,
                            likely: l,
                            pessimistic: p,
                        }),
                        cost: x.switch.cost,
                    },
                    exposure: g.system_exposure(s),
                    untrusted_exposure: untrusted,
                    contracts,
                    dependents: sorted_ids(m, g.dependents(s)),
                    needed_by,
                    line: line(m, x.span),
                }
            })
            .collect(),
        interfaces: m
            .interfaces
            .iter()
            .map(|i| Interface {
                id: &i.id,
                name: i.name.as_deref(),
                description: i.description.as_deref(),
                from: &m.system(i.from).id,
                to: &m.system(i.to).id,
                protocol: i.protocol.as_deref(),
                format: i.format.map(|f| m.format(f).id.as_str()),
                open: i.open,
                hard: i.hard,
                line: line(m, i.span),
            })
            .collect(),
        formats: m
            .formats
            .iter()
            .map(|f| Format {
                id: &f.id,
                name: &f.name,
                open: f.open,
                standard: f.standard.as_deref(),
                description: f.description.as_deref(),
                line: line(m, f.span),
            })
            .collect(),
        contracts: m.contracts.iter().map(|c| contract(m, c)).collect(),
        services: m
            .services
            .iter()
            .map(|s| Service {
                id: &s.id,
                name: &s.name,
                description: s.description.as_deref(),
                criticality: s.criticality,
                max_outage: s.max_outage,
                users: s.users,
                needs: deps(m, &s.needs),
                line: line(m, s.span),
            })
            .collect(),
        scenarios: m
            .scenarios
            .iter()
            .map(|s| Scenario {
                id: &s.id,
                name: &s.name,
                description: s.description.as_deref(),
                cut: s
                    .cuts
                    .iter()
                    .map(|c| match &c.target {
                        Cut::Vendor(v) => format!("vendor:{}", m.vendor(*v).id),
                        Cut::Jurisdiction(r) => format!("jurisdiction:{r}"),
                        Cut::System(x) => format!("system:{}", m.system(*x).id),
                    })
                    .collect(),
                price: s
                    .prices
                    .iter()
                    .map(|p| Price {
                        vendor: &m.vendor(p.vendor).id,
                        factor: p.factor,
                    })
                    .collect(),
                line: line(m, s.span),
            })
            .collect(),
    }
}

/// The resolved model as pretty-printed JSON with a final newline.
pub fn render(g: &Graph) -> String {
    let mut s = serde_json::to_string_pretty(&resolve(g))
        .unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()));
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use crate::interop::test_graph as graph;

    #[test]
    fn defaults_and_exposure_are_resolved() {
        let g = graph(
            r#"[organisation]
name = "T \"quoted\""
home = "DE"
trusted = ["EU"]
[[vendor]]
id = "ms"
name = "MS"
country = "US"
[[vendor]]
id = "ms-ie"
name = "MS IE"
country = "IE"
parent = "ms"
[[system]]
id = "a"
name = "A"
operator = "ms-ie"
[[contract]]
id = "c"
vendor = "ms-ie"
covers = ["a"]
kind = "cloud"
start = 2025-01-01
term = "1y"
"#,
        );
        let v: serde_json::Value = serde_json::from_str(&super::render(&g)).unwrap();
        assert_eq!(v["organisation"]["name"], "T \"quoted\"");
        assert_eq!(v["organisation"]["trusted"].as_array().unwrap().len(), 27);
        let a = &v["systems"][0];
        assert_eq!(a["layer"], "application");
        assert_eq!(a["vendor"], "self");
        assert_eq!(a["region"], "IE");
        assert_eq!(a["exposure"], serde_json::json!(["DE", "IE", "US"]));
        assert_eq!(a["untrusted_exposure"], serde_json::json!(["US"]));
        assert_eq!(a["contracts"], serde_json::json!(["c"]));
        assert_eq!(v["contracts"][0]["end"], "2025-12-31");
        assert_eq!(v["contracts"][0]["notice"], "0d");
        assert_eq!(v["vendors"][1]["parent"], "ms");
        assert_eq!(v["vendors"][1]["top_parent"], "ms");
        assert!(v["vendors"][1].get("ownership_chain").is_none());
        assert_eq!(a["line"], 14);
    }
}
