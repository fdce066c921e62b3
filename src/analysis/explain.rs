//! Everything the tool knows and concludes about one system, vendor,
//! contract or service, gathered from the other analyses so that each
//! number can be traced to its reason.
//!
//! - system: its facts, lock-in score with every factor, impact and hotspot
//!   rank, dependencies and dependents, what fails if it alone is cut, the
//!   exposure chain of vendor and operator ("operated by Microsoft Ireland
//!   Operations Ltd (IE) -> controlled by Microsoft Corporation (US)"), the
//!   switch estimate, its contracts, interfaces, alternatives (and catalogue
//!   suggestions when none is recorded), the indicative SEAL level and the
//!   sovereignty dimensions it pulls down;
//! - vendor: ownership chain and exposure, the companies it controls, the
//!   systems it makes, operates or backs up, its contracts, the vendor
//!   group's aggregate and spend, and what a cut of it takes down;
//! - contract: terms, cost and share of spend, covered systems with their
//!   scores, Data Act findings;
//! - service: its needs, the systems it rests on, single points of failure
//!   and the dependency tree.
//!
//! Contract deadlines are computed by another analysis (for a review date);
//! every explanation has a `deadlines` slot that [`with_deadlines`] fills
//! from it (the command line does; it stays absent otherwise).

use crate::analysis::deadlines::{ContractDeadline, Deadlines};
use crate::analysis::lockin::{
    self, AlternativeTrust, ChainLink, Impact, Scorer, SystemScore, VendorAggregate, chain,
};
use crate::analysis::paths::{self, ServicePaths};
use crate::analysis::propagate::CutSet;
use crate::analysis::seal::{self, Seal};
use crate::analysis::sovereignty;
use crate::analysis::switch::{self, Estimate};
use crate::analysis::{data_act, spend};
use crate::graph::Graph;
use crate::model::{
    ContractId, Country, Criticality, Cut, EntityKind, Model, Party, ServiceId, SystemId, VendorId,
};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// What an explanation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    System(SystemId),
    Vendor(VendorId),
    Contract(ContractId),
    Service(ServiceId),
}

/// Why an id given by the user could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// No entity of a supported kind has this id; a close id if any.
    Unknown {
        id: String,
        suggestion: Option<String>,
    },
    /// Several kinds have this id: the user must write `kind:ID`.
    Ambiguous { id: String, kinds: Vec<EntityKind> },
    /// The id names an interface, format or scenario, which `explain` does not cover.
    Unsupported { id: String, kind: EntityKind },
    /// `kind:` is not one of system, vendor, contract, service.
    BadKind { kind: String },
    /// `kind:ID` where the kind has no such id.
    UnknownOfKind {
        kind: EntityKind,
        id: String,
        suggestion: Option<String>,
    },
}

const KINDS: [EntityKind; 4] = [
    EntityKind::System,
    EntityKind::Vendor,
    EntityKind::Contract,
    EntityKind::Service,
];

fn subject_of(m: &Model, kind: EntityKind, id: &str) -> Option<Subject> {
    match kind {
        EntityKind::System => m.system_id(id).map(Subject::System),
        EntityKind::Vendor => m.vendor_id(id).map(Subject::Vendor),
        EntityKind::Contract => m.contract_id(id).map(Subject::Contract),
        EntityKind::Service => m.service_id(id).map(Subject::Service),
        _ => None,
    }
}

/// Resolves `ID` or `kind:ID` (kind one of system, vendor, contract, service).
pub fn resolve(m: &Model, arg: &str) -> Result<Subject, ResolveError> {
    if let Some((k, id)) = arg.split_once(':') {
        let Some(kind) = KINDS.into_iter().find(|x| x.as_str() == k) else {
            return Err(ResolveError::BadKind {
                kind: k.to_string(),
            });
        };
        return subject_of(m, kind, id).ok_or_else(|| ResolveError::UnknownOfKind {
            kind,
            id: id.to_string(),
            suggestion: m.suggest(kind, id),
        });
    }
    let kinds = m.kinds_of(arg);
    let supported: Vec<EntityKind> = kinds
        .iter()
        .copied()
        .filter(|k| KINDS.contains(k))
        .collect();
    match supported.as_slice() {
        [one] => subject_of(m, *one, arg).ok_or_else(|| ResolveError::Unknown {
            id: arg.to_string(),
            suggestion: None,
        }),
        [] => match kinds.first() {
            Some(k) => Err(ResolveError::Unsupported {
                id: arg.to_string(),
                kind: *k,
            }),
            None => Err(ResolveError::Unknown {
                id: arg.to_string(),
                suggestion: KINDS.into_iter().find_map(|k| m.suggest(k, arg)),
            }),
        },
        many => Err(ResolveError::Ambiguous {
            id: arg.to_string(),
            kinds: many.to_vec(),
        }),
    }
}

/// A vendor or the organisation, with its chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartyInfo {
    /// Vendor id, or `self`.
    pub id: String,
    pub name: String,
    /// The vendor, then each company that controls the one before;
    /// `None` for the organisation itself.
    pub chain: Option<Vec<ChainLink>>,
    /// Countries whose law reaches it, sorted.
    pub exposure: Vec<Country>,
    /// Those outside the trusted set.
    pub untrusted: Vec<Country>,
}

fn party_info(g: &Graph, p: Party) -> PartyInfo {
    let m = g.model();
    PartyInfo {
        id: m.party_id(p).to_string(),
        name: m.party_name(p).to_string(),
        chain: match p {
            Party::Own => None,
            Party::Vendor(v) => Some(chain(g, v)),
        },
        exposure: g.party_exposure(p),
        untrusted: g.untrusted_exposure(p),
    }
}

/// A format and whether it is open.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FormatRef {
    pub id: String,
    pub open: bool,
}

/// A contract in a list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractRef {
    pub id: String,
    pub vendor: String,
    pub kind: String,
    pub end: NaiveDate,
    pub notice: String,
    pub renewal: Option<String>,
    pub annual_cost: Option<f64>,
}

fn contract_ref(g: &Graph, c: ContractId) -> ContractRef {
    let m = g.model();
    let end = g.current_term_end(c);
    let c = m.contract(c);
    ContractRef {
        id: c.id.clone(),
        vendor: m.vendor(c.vendor).id.clone(),
        kind: c.kind.to_string(),
        end,
        notice: c.notice.to_string(),
        renewal: c.renewal.map(|d| d.to_string()),
        annual_cost: c.annual_cost,
    }
}

/// An interface seen from one of its systems.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InterfaceRef {
    pub id: String,
    pub direction: Direction,
    pub other: String,
    pub protocol: Option<String>,
    pub format: Option<String>,
    pub open: bool,
    pub hard: bool,
}

/// Which way an interface points, seen from the system explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// This system needs the other.
    Out,
    /// The other needs this system.
    In,
}

/// A catalogue entry suggested for a system without alternatives.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Suggestion {
    pub id: String,
    pub name: String,
    pub vendor: String,
    pub country: String,
    pub licence: String,
}

impl From<&crate::catalog::Entry> for Suggestion {
    fn from(e: &crate::catalog::Entry) -> Suggestion {
        Suggestion {
            id: e.id.clone(),
            name: e.name.clone(),
            vendor: e.vendor.clone(),
            country: e.country.clone(),
            licence: e.licence.clone(),
        }
    }
}

/// Direct and `any` dependencies of a system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dependencies {
    pub hard: Vec<String>,
    pub any: Vec<Vec<String>>,
    pub soft: Vec<String>,
    /// Every system it rests on, directly or indirectly.
    pub transitive: Vec<String>,
}

/// What relies on a system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dependents {
    pub systems: Vec<String>,
    pub indirect_systems: Vec<String>,
    pub services: Vec<String>,
    pub indirect_services: Vec<String>,
}

/// The hotspot position of an in-use system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotPosition {
    pub rank: usize,
    pub of: usize,
    pub hotspot: f64,
}

/// A sovereignty dimension this system pulls down.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PullRef {
    pub dimension: sovereignty::DimensionKey,
    pub reasons: Vec<sovereignty::PullReason>,
}

/// Everything about a system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemExplanation {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub category: String,
    pub layer: String,
    pub status: String,
    pub licence: String,
    pub criticality: Criticality,
    pub users: u64,
    pub customisation: String,
    pub region: String,
    pub vendor: PartyInfo,
    pub operator: PartyInfo,
    pub exit_plan: Option<String>,
    pub data_classes: Vec<String>,
    pub sensitivity: Option<String>,
    pub volume_gb: Option<f64>,
    pub backup: Option<String>,
    pub formats: Vec<FormatRef>,
    /// `None`: exports not documented.
    pub exports: Option<Vec<FormatRef>>,
    pub score: SystemScore,
    pub impact: Impact,
    pub hotspot: Option<HotspotPosition>,
    pub dependencies: Dependencies,
    pub dependents: Dependents,
    /// Services that go down when this system alone is cut.
    pub single_point_for: Vec<String>,
    /// Systems that go down with it.
    pub takes_down: Vec<String>,
    pub switch: Estimate,
    pub contracts: Vec<ContractRef>,
    pub interfaces: Vec<InterfaceRef>,
    pub alternatives: Vec<AlternativeTrust>,
    /// Catalogue entries for its category, when no alternative is recorded.
    pub suggestions: Vec<Suggestion>,
    pub seal: Seal,
    pub sovereignty: Vec<PullRef>,
    /// Filled by the command line from the deadlines analysis, when available.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<Vec<ContractDeadline>>,
}

/// What a cut of a vendor (with the companies it controls) takes down.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CutEffect {
    /// Systems down, with the day.
    pub systems: Vec<(String, u32)>,
    /// Services down, with the day.
    pub services: Vec<(String, u32)>,
}

/// Everything about a vendor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorExplanation {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub country: Country,
    pub chain: Vec<ChainLink>,
    pub exposure: Vec<Country>,
    pub untrusted: Vec<Country>,
    /// Companies it controls directly or indirectly (without itself).
    pub controls: Vec<String>,
    /// The top of its chain.
    pub group: String,
    pub group_aggregate: VendorAggregate,
    pub makes: Vec<String>,
    pub operates: Vec<String>,
    pub backs_up: Vec<String>,
    pub contracts: Vec<ContractRef>,
    /// Annual cost of its own contracts (not the group's).
    pub annual_cost: f64,
    pub if_cut: CutEffect,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<Vec<ContractDeadline>>,
}

/// A covered system with its score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoveredSystem {
    pub id: String,
    pub name: String,
    pub score: f64,
}

/// Everything about a contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractExplanation {
    pub id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub vendor: PartyInfo,
    /// licence, subscription, cloud, support or hosting (`kind` names the
    /// explanation's kind in JSON).
    pub contract_kind: String,
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
    pub notice: String,
    pub renewal: Option<String>,
    pub annual_cost: Option<f64>,
    /// Fraction of the model's total annual spend (four decimals).
    pub spend_share: Option<f64>,
    pub data_retrieval: Option<String>,
    pub switching_charge: Option<f64>,
    pub covers: Vec<CoveredSystem>,
    /// Data Act findings (cloud contracts).
    pub data_act: Vec<data_act::Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<Vec<ContractDeadline>>,
}

/// Everything about a service.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceExplanation {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub criticality: Criticality,
    pub max_outage: Option<String>,
    pub users: u64,
    /// Each `needs` entry: one system, or several of which one suffices.
    pub needs: Vec<Vec<String>>,
    /// Every in-use system it rests on.
    pub rests_on: Vec<String>,
    pub paths: ServicePaths,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<Vec<ContractDeadline>>,
}

/// An explanation of any kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Explanation {
    System(Box<SystemExplanation>),
    Vendor(Box<VendorExplanation>),
    Contract(Box<ContractExplanation>),
    Service(Box<ServiceExplanation>),
}

impl Explanation {
    /// The slot for deadlines, filled by [`with_deadlines`].
    pub fn deadlines_mut(&mut self) -> &mut Option<Vec<ContractDeadline>> {
        match self {
            Explanation::System(x) => &mut x.deadlines,
            Explanation::Vendor(x) => &mut x.deadlines,
            Explanation::Contract(x) => &mut x.deadlines,
            Explanation::Service(x) => &mut x.deadlines,
        }
    }
}

/// Fills the deadlines slot from the deadlines analysis (`d`, computed by
/// the caller for the review date): for a system the contracts covering it,
/// for a vendor its own contracts, for a contract itself, for a service the
/// contracts covering any system it rests on. In the order of `d` (decision
/// deadline first).
pub fn with_deadlines(g: &Graph, e: &mut Explanation, d: &Deadlines) {
    let m = g.model();
    let wanted: BTreeSet<&str> = match &*e {
        Explanation::System(x) => x.contracts.iter().map(|c| c.id.as_str()).collect(),
        Explanation::Vendor(x) => x.contracts.iter().map(|c| c.id.as_str()).collect(),
        Explanation::Contract(x) => [x.id.as_str()].into_iter().collect(),
        Explanation::Service(x) => {
            let rests: BTreeSet<&str> = x.rests_on.iter().map(String::as_str).collect();
            m.contracts
                .iter()
                .filter(|c| {
                    c.covers
                        .iter()
                        .any(|s| rests.contains(m.system(*s).id.as_str()))
                })
                .map(|c| c.id.as_str())
                .collect()
        }
    };
    let rows: Vec<ContractDeadline> = d
        .contracts
        .iter()
        .filter(|c| wanted.contains(c.id.as_str()))
        .cloned()
        .collect();
    *e.deadlines_mut() = Some(rows);
}

fn ids(m: &Model, v: &[SystemId]) -> Vec<String> {
    let mut out: Vec<String> = v.iter().map(|s| m.system(*s).id.clone()).collect();
    out.sort();
    out
}

fn service_ids(m: &Model, v: &[ServiceId]) -> Vec<String> {
    let mut out: Vec<String> = v.iter().map(|s| m.service(*s).id.clone()).collect();
    out.sort();
    out
}

/// Explains a subject.
pub fn explain(g: &Graph, subject: Subject) -> Explanation {
    match subject {
        Subject::System(s) => Explanation::System(Box::new(system(g, s))),
        Subject::Vendor(v) => Explanation::Vendor(Box::new(vendor(g, v))),
        Subject::Contract(c) => Explanation::Contract(Box::new(contract(g, c))),
        Subject::Service(s) => Explanation::Service(Box::new(service(g, s))),
    }
}

fn format_refs(m: &Model, fs: &[crate::model::FormatId]) -> Vec<FormatRef> {
    fs.iter()
        .map(|f| FormatRef {
            id: m.format(*f).id.clone(),
            open: m.format(*f).open,
        })
        .collect()
}

fn system(g: &Graph, s: SystemId) -> SystemExplanation {
    let m = g.model();
    let sys = m.system(s);
    let mut scorer = Scorer::new(g);
    let score = scorer.score(s);
    let impact = scorer.impact(s);
    let hotspot = if sys.in_use() {
        let report = lockin::hotspots(g, false);
        let of = report.systems.len();
        report
            .systems
            .into_iter()
            .find(|h| h.id == sys.id)
            .map(|h| HotspotPosition {
                rank: h.rank,
                of,
                hotspot: h.hotspot,
            })
    } else {
        None
    };
    let (direct, indirect) = scorer.dependents(s);
    let (own, via) = scorer.services(s);
    let fails = scorer.fails_if_cut(s);
    let down = scorer.systems_down_if_cut(s);
    let interfaces = m
        .interfaces
        .iter()
        .filter(|it| it.from == s || it.to == s)
        .map(|it| {
            let out = it.from == s;
            InterfaceRef {
                id: it.id.clone(),
                direction: if out { Direction::Out } else { Direction::In },
                other: m.system(if out { it.to } else { it.from }).id.clone(),
                protocol: it.protocol.clone(),
                format: it.format.map(|f| m.format(f).id.clone()),
                open: it.open,
                hard: it.hard,
            }
        })
        .collect();
    let alternatives = sys
        .alternatives
        .iter()
        .map(|a| scorer.alternative_trust(a))
        .collect();
    let suggestions = if sys.alternatives.is_empty() {
        lockin::catalogue_suggestions(g, s)
            .into_iter()
            .map(Suggestion::from)
            .collect()
    } else {
        Vec::new()
    };
    let sov = sovereignty::check(g);
    let sovereignty = sov
        .dimensions
        .iter()
        .flat_map(|d| {
            d.pulled_down_by
                .iter()
                .filter(|p| p.kind == sovereignty::PullKind::System && p.id == sys.id)
                .map(|p| PullRef {
                    dimension: d.key,
                    reasons: p.reasons.clone(),
                })
        })
        .collect();
    let data = sys.data.as_ref();
    SystemExplanation {
        id: sys.id.clone(),
        name: sys.name.clone(),
        description: sys.description.clone(),
        category: sys.category.clone(),
        layer: sys.layer.to_string(),
        status: sys.status.to_string(),
        licence: sys.licence.to_string(),
        criticality: sys.criticality,
        users: sys.users,
        customisation: sys.customisation.to_string(),
        region: sys.region.to_string(),
        vendor: party_info(g, sys.vendor),
        operator: party_info(g, sys.operator),
        exit_plan: sys.exit_plan.clone(),
        data_classes: data.map(|d| d.classes.clone()).unwrap_or_default(),
        sensitivity: data.map(|d| d.sensitivity.to_string()),
        volume_gb: data.map(|d| d.volume_gb),
        backup: data
            .and_then(|d| d.backup)
            .map(|p| m.party_id(p).to_string()),
        formats: format_refs(m, &sys.formats),
        exports: sys.exports.as_ref().map(|e| format_refs(m, e)),
        score,
        impact,
        hotspot,
        dependencies: Dependencies {
            hard: ids(m, g.hard_deps(s)),
            any: g.any_groups(s).iter().map(|grp| ids(m, grp)).collect(),
            soft: ids(m, g.soft_deps(s)),
            transitive: ids(m, &g.transitive_dependencies(s)),
        },
        dependents: Dependents {
            systems: ids(m, &direct),
            indirect_systems: ids(m, &indirect),
            services: service_ids(m, &own),
            indirect_services: service_ids(m, &via),
        },
        single_point_for: service_ids(m, &fails),
        takes_down: ids(m, &down),
        switch: switch::estimate(g, s),
        contracts: g
            .contracts_of(s)
            .iter()
            .map(|c| contract_ref(g, *c))
            .collect(),
        interfaces,
        alternatives,
        suggestions,
        seal: seal::seal(g, s),
        sovereignty,
        deadlines: None,
    }
}

fn vendor(g: &Graph, v: VendorId) -> VendorExplanation {
    let m = g.model();
    let vendor = m.vendor(v);
    let scorer = Scorer::new(g);
    let top = g.top_parent(v);
    let system_scores: Vec<Option<f64>> = m
        .system_ids()
        .map(|s| m.system(s).in_use().then(|| scorer.score(s).score))
        .collect();
    let group_aggregate = lockin::vendor_aggregate(&scorer, top, &system_scores);
    let mut makes = Vec::new();
    let mut operates = Vec::new();
    let mut backs_up = Vec::new();
    for (i, sys) in m.systems.iter().enumerate() {
        let id = SystemId(i as u32);
        if sys.vendor == Party::Vendor(v) {
            makes.push(id);
        }
        if sys.operator == Party::Vendor(v) {
            operates.push(id);
        }
        if sys.data.as_ref().and_then(|d| d.backup) == Some(Party::Vendor(v)) {
            backs_up.push(id);
        }
    }
    let contracts: Vec<ContractId> = m
        .contract_ids()
        .filter(|c| m.contract(*c).vendor == v)
        .collect();
    let annual_cost = contracts
        .iter()
        .filter_map(|c| m.contract(*c).annual_cost)
        .sum();
    let out = scorer.engine().cut(&CutSet::resolve(g, &[Cut::Vendor(v)]));
    let mut controls: Vec<String> = g
        .controlled(v)
        .into_iter()
        .filter(|x| *x != v)
        .map(|x| m.vendor(x).id.clone())
        .collect();
    controls.sort();
    let mut systems_down: Vec<(String, u32)> = out
        .systems
        .iter()
        .map(|d| (m.system(d.id).id.clone(), d.day))
        .collect();
    systems_down.sort();
    let mut services_down: Vec<(String, u32)> = out
        .services
        .iter()
        .map(|d| (m.service(d.id).id.clone(), d.day))
        .collect();
    services_down.sort();
    VendorExplanation {
        id: vendor.id.clone(),
        name: vendor.name.clone(),
        description: vendor.description.clone(),
        country: vendor.country,
        chain: chain(g, v),
        exposure: g.exposure(v).to_vec(),
        untrusted: g.untrusted_exposure(Party::Vendor(v)),
        controls,
        group: m.vendor(top).id.clone(),
        group_aggregate,
        makes: ids(m, &makes),
        operates: ids(m, &operates),
        backs_up: ids(m, &backs_up),
        contracts: contracts.iter().map(|c| contract_ref(g, *c)).collect(),
        annual_cost: spend::round_money(annual_cost),
        if_cut: CutEffect {
            systems: systems_down,
            services: services_down,
        },
        deadlines: None,
    }
}

fn contract(g: &Graph, c: ContractId) -> ContractExplanation {
    let m = g.model();
    let contract = m.contract(c);
    let scorer = Scorer::new(g);
    let total: f64 = m.contracts.iter().filter_map(|c| c.annual_cost).sum();
    let covers = contract
        .covers
        .iter()
        .map(|s| CoveredSystem {
            id: m.system(*s).id.clone(),
            name: m.system(*s).name.clone(),
            score: scorer.score(*s).score,
        })
        .collect();
    let data_act = data_act::findings(m)
        .into_iter()
        .filter(|f| f.contract == contract.id)
        .collect();
    ContractExplanation {
        id: contract.id.clone(),
        name: contract.name.clone(),
        description: contract.description.clone(),
        vendor: party_info(g, Party::Vendor(contract.vendor)),
        contract_kind: contract.kind.to_string(),
        start: contract.start,
        end: g.current_term_end(c),
        notice: contract.notice.to_string(),
        renewal: contract.renewal.map(|d| d.to_string()),
        annual_cost: contract.annual_cost,
        spend_share: contract
            .annual_cost
            .filter(|_| total > 0.0)
            .map(|x| spend::round_share(x / total)),
        data_retrieval: contract.data_retrieval.map(|d| d.to_string()),
        switching_charge: contract.switching_charge,
        covers,
        data_act,
        deadlines: None,
    }
}

fn service(g: &Graph, s: ServiceId) -> ServiceExplanation {
    let m = g.model();
    let service = m.service(s);
    let engine = crate::analysis::propagate::Engine::new(g);
    ServiceExplanation {
        id: service.id.clone(),
        name: service.name.clone(),
        description: service.description.clone(),
        criticality: service.criticality,
        max_outage: service.max_outage.map(|d| d.to_string()),
        users: service.users,
        needs: service
            .needs
            .iter()
            .map(|d| {
                d.members()
                    .iter()
                    .map(|x| m.system(*x).id.clone())
                    .collect()
            })
            .collect(),
        rests_on: ids(m, &paths::service_closure(g, s)),
        paths: paths::service_paths(g, &mut paths::Cuts::new(g, &engine), s),
        deadlines: None,
    }
}

#[cfg(test)]
mod tests;
