//! The cut-off and price-shock simulation for emergency planners: which
//! systems and services stop when vendors, jurisdictions or systems are cut
//! off, from which day, for how long, which data is stranded, and what it
//! costs (`exitgraph simulate`).
//!
//! The failure propagation itself is [`super::propagate`]; this module turns
//! its outcome into the planner's report (docs/methodology.md#cut-off-and-price-shock-simulation-exitgraph-simulate):
//!
//! - per system a state: `down` (it has a down day), else `unsupported` (its
//!   vendor is cut, it keeps running without updates or support), else
//!   `degraded` (a soft interface, `hard = false`, leads to a down system, or
//!   an `any` group it relies on lost a member but not all);
//! - a restore estimate per down system: the day it is back is the earlier of
//!   switching it to its best available alternative (P80 switch duration,
//!   counted from the day it goes down) and the day the dependencies that
//!   took it down are all back; none known: unknown;
//! - per service the same states over `needs`, the restore estimate, and a
//!   breach when the restore exceeds `max_outage` or is unknown;
//! - stranded data, the annual contract cost with cut vendors, and price
//!   shocks with the switch cost and payback time of leaving the vendor;
//! - `--each-vendor`: the single-vendor cut of every vendor, ranked by the
//!   criticality-weighted services it takes down, in parallel with rayon and
//!   with results identical to a sequential run.
//!
//! Nothing here mutates the model: a simulation is a function of the graph,
//! the cuts and the as-of date.

use super::exit_plan::{self, PlanOptions, Target};
use super::propagate::{self, Cause, CutSet, Engine, Origin, Outcome, Scratch};
use super::switch;
use crate::catalog::Catalog;
use crate::graph::Graph;
use crate::model::{
    Alternative, ContractKind, Country, Criticality, Cut, Dependency, Party, PriceShock, Region,
    ScenarioId, Sensitivity, ServiceId, SystemId, VendorId,
};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::sync::OnceLock;

/// What to simulate: a scenario of the model, or cuts and price shocks given
/// on the command line.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// The scenario id, or `ad-hoc` for cuts given on the command line.
    pub id: String,
    pub name: Option<String>,
    pub cuts: Vec<Cut>,
    pub prices: Vec<PriceShock>,
}

/// The id of a simulation of command-line cuts.
pub const AD_HOC: &str = "ad-hoc";

impl Spec {
    /// A `[[scenario]]` of the model.
    pub fn scenario(g: &Graph, s: ScenarioId) -> Spec {
        let sc = g.model().scenario(s);
        Spec {
            id: sc.id.clone(),
            name: Some(sc.name.clone()),
            cuts: sc.cuts.clone(),
            prices: sc.prices.clone(),
        }
    }

    /// Cuts and price shocks given on the command line.
    pub fn ad_hoc(cuts: Vec<Cut>, prices: Vec<PriceShock>) -> Spec {
        Spec {
            id: AD_HOC.to_string(),
            name: None,
            cuts,
            prices,
        }
    }
}

/// The state of a system or service that is not simply up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// It stops, from `down_from_day`.
    Down,
    /// Its vendor is cut (a system), or it needs such a system (a service):
    /// it keeps running, without updates or support.
    Unsupported,
    /// A soft interface leads to a down system, or a member of an `any`
    /// group it relies on is down while another keeps it running (a system);
    /// it needs a degraded system or lost a member of an `any` group (a service).
    Degraded,
}

/// The states of a scenario without the report ([`Simulator::states`]).
#[derive(Clone, Debug, PartialEq)]
pub struct States {
    /// Every system that is not up, in id order.
    pub systems: Vec<(SystemId, State)>,
    /// Every service that is not up, in id order.
    pub services: Vec<(ServiceId, State)>,
}

/// How a down system comes back.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "by", rename_all = "lowercase")]
pub enum RestoreBy {
    /// Switching it to this alternative (a system id or `catalog:ID`);
    /// `estimate_given`: the switch durations are given in the model (else
    /// the parametric estimate).
    Switch {
        alternative: String,
        estimate_given: bool,
    },
    /// When this dependency is back (restored or replaced).
    Dependency { system: String },
}

/// One system that is not simply up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemResult {
    pub id: String,
    pub name: String,
    pub criticality: Criticality,
    pub state: State,
    /// The day it stops (0 = at once); `None` when it keeps running.
    pub down_from_day: Option<u32>,
    /// The system, then each system that brought it into its state, ending
    /// with the cut (`["okewo", "m365", "vendor:microsoft"]`).
    pub cause: Vec<String>,
    /// Days from `down_from_day` until it is back (rounded to 0.1); `None`
    /// when it is not down, or no way back is known.
    pub restore_days: Option<f64>,
    /// How it comes back, when known.
    pub restore_by: Option<RestoreBy>,
}

/// One business service that is not simply up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceResult {
    pub id: String,
    pub name: String,
    pub criticality: Criticality,
    pub users: u64,
    pub state: State,
    pub down_from_day: Option<u32>,
    /// The service, then the systems that brought it into its state, ending with the cut.
    pub cause: Vec<String>,
    /// Days from `down_from_day` until it is back (rounded to 0.1); `None`
    /// when it is not down or no way back is known.
    pub restore_days: Option<f64>,
    /// `max_outage` of the service in days, when given.
    pub max_outage_days: Option<f64>,
    /// Down, and the restore estimate exceeds `max_outage` or is unknown.
    pub breach: bool,
}

/// Data of a down system whose operator is cut and whose backup is not held
/// by an uncut party.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stranded {
    pub system: String,
    pub name: String,
    pub volume_gb: f64,
    pub sensitivity: Sensitivity,
    /// The cut operator that holds the data.
    pub operator: String,
    /// Who holds the backup (a cut vendor), or `None` when no backup is declared.
    pub backup: Option<String>,
}

/// A vendor cut by the simulation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CutVendor {
    pub id: String,
    pub name: String,
    /// The cut that reached it (`jurisdiction:US`, `vendor:broadcom`).
    pub origin: String,
}

/// A running contract with a cut vendor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractAtRisk {
    pub contract: String,
    pub vendor: String,
    pub kind: ContractKind,
    /// `None` when the model gives no `annual_cost`.
    pub annual_cost: Option<f64>,
}

/// The effect of one price shock.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorShock {
    pub vendor: String,
    pub name: String,
    /// New price as a multiple of the old (11.0 = +1,000 %).
    pub factor: f64,
    /// Running contracts with the vendor or a vendor it controls.
    pub contracts: Vec<String>,
    /// Contracts among them without `annual_cost` (not in the sums).
    pub contracts_without_cost: Vec<String>,
    /// Their annual cost today.
    pub annual_cost: f64,
    /// `annual_cost * (factor - 1)`.
    pub added_annual_cost: f64,
    /// The in-use systems that leaving the vendor means switching (its exit
    /// plan: the systems it or a vendor it controls makes or operates), by id.
    pub systems: Vec<String>,
    /// Systems among them without a switch cost, given or estimated (counted as 0).
    pub systems_without_switch_cost: Vec<String>,
    /// One-off cost of leaving the vendor.
    pub switch_cost: f64,
    /// How `switch_cost` was computed.
    pub switch_cost_method: String,
    /// P80 duration of leaving the vendor (the exit plan's Monte Carlo, with
    /// the organisation's `parallel_migrations`), days.
    pub exit_p80_days: f64,
    /// `switch_cost / added_annual_cost` in years; `None` when the price
    /// does not rise or a system has no switch cost.
    pub payback_years: Option<f64>,
}

/// All price shocks of a simulation.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PriceShockReport {
    pub vendors: Vec<VendorShock>,
    /// Sum of the added annual cost over the shocked vendors.
    pub added_annual_cost: f64,
}

/// Counts for the headline of a report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub services_total: usize,
    pub services_down: usize,
    pub services_breached: usize,
    pub services_unsupported: usize,
    pub services_degraded: usize,
    pub systems_down: usize,
    pub systems_unsupported: usize,
    pub systems_degraded: usize,
}

/// The result of one simulation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The scenario id, or `ad-hoc`.
    pub scenario: String,
    pub name: Option<String>,
    /// The day contracts are judged running on.
    pub as_of: NaiveDate,
    /// The cuts as given (`vendor:hsh`, `jurisdiction:US`, `system:m365`).
    pub cuts: Vec<String>,
    /// Every vendor the cuts reach, in model order.
    pub cut_vendors: Vec<CutVendor>,
    pub summary: Summary,
    /// Services that are not up, most critical first, then by down day, then id.
    pub services: Vec<ServiceResult>,
    /// Systems that are not up: down (by down day), unsupported, degraded; then by id.
    pub systems: Vec<SystemResult>,
    /// Most sensitive first, then by volume (largest first), then id.
    pub stranded_data: Vec<Stranded>,
    pub stranded_volume_gb: f64,
    /// Sum of the annual cost of running contracts with cut vendors.
    pub annual_cost_at_risk: f64,
    /// Those contracts, by cost (highest first), then id.
    pub contracts_at_risk: Vec<ContractAtRisk>,
    pub price_shock: PriceShockReport,
}

/// The weights of `--each-vendor` (criticality of a service taken down).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Weights {
    pub critical: u32,
    pub high: u32,
    pub medium: u32,
    pub low: u32,
}

impl Weights {
    /// [`Criticality::weight`]: critical 4, high 3, medium 2, low 1.
    pub fn of_criticality() -> Weights {
        Weights {
            critical: Criticality::Critical.weight(),
            high: Criticality::High.weight(),
            medium: Criticality::Medium.weight(),
            low: Criticality::Low.weight(),
        }
    }
}

/// What the single-vendor cut of one vendor does.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorImpact {
    /// 1 = the vendor whose cut hurts most.
    pub rank: usize,
    pub vendor: String,
    pub name: String,
    /// The top of its ownership chain (the vendor group).
    pub group: String,
    /// The vendors cut with it (itself and its subsidiaries), by id.
    pub controlled: Vec<String>,
    /// Sum of the criticality weights of the services it takes down.
    pub score: u32,
    /// Services it takes down, most critical first, then id.
    pub services_down: Vec<String>,
    pub critical_services_down: usize,
    /// Services it takes down whose restore exceeds `max_outage` or is unknown.
    pub breaches: Vec<String>,
    pub systems_down: usize,
    /// Systems it leaves running without vendor support.
    pub systems_unsupported: usize,
    /// The first day a service stops, if any.
    pub first_service_down_day: Option<u32>,
    pub stranded_volume_gb: f64,
    pub annual_cost_at_risk: f64,
}

/// The single-vendor cut of every vendor, ranked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EachVendor {
    pub as_of: NaiveDate,
    pub weights: Weights,
    /// Every vendor, ranked: score, breaches, systems down (all descending), then id.
    pub vendors: Vec<VendorImpact>,
}

/// How leaving a shocked vendor is costed.
pub const SWITCH_COST_METHOD: &str =
    "total switch cost of the exit plan of the vendor (exit_plan::plan)";

/// A prepared landscape: the propagation engine and the per-system and
/// per-vendor tables every simulation shares. Build once, simulate many times.
pub struct Simulator<'g> {
    g: &'g Graph,
    engine: Engine<'g>,
    /// Per system, computed when the system first goes down: its
    /// alternatives with the P80 switch duration to each (days) and whether
    /// the durations were given in the model. Lazy because an estimate is
    /// not free and most systems never go down; `OnceLock` because
    /// `--each-vendor` fills it from several threads (the value is a pure
    /// function of the model, so the filling order does not matter).
    alternatives: Vec<OnceLock<Vec<(Alternative, f64, bool)>>>,
    /// Per vendor: in-use systems it makes or operates (sorted); built on
    /// first use (`--each-vendor`).
    systems_of: OnceLock<Vec<Vec<SystemId>>>,
    /// Per lower-case vendor name: the vendors with that name (catalogue
    /// matching); built on first use.
    vendor_names: OnceLock<BTreeMap<String, Vec<VendorId>>>,
}

/// A cut set with the countries of its jurisdiction cuts.
struct Cuts<'a> {
    set: &'a CutSet,
    /// Sorted countries cut as jurisdictions (catalogue alternatives).
    countries: &'a [Country],
}

/// How a down system is back, before rounding.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Via {
    Unknown,
    /// Index into the system's alternatives.
    Switch(usize),
    Dependency(SystemId),
}

/// Restore estimates of one outcome, parallel to `outcome.systems` and
/// `outcome.services`: the day each is back (`f64::INFINITY`: unknown).
struct Restores {
    systems: Vec<(f64, Via)>,
    services: Vec<f64>,
}

impl<'g> Simulator<'g> {
    pub fn new(g: &'g Graph) -> Simulator<'g> {
        let m = g.model();
        let alternatives = (0..m.systems.len()).map(|_| OnceLock::new()).collect();
        Simulator {
            g,
            engine: Engine::new(g),
            alternatives,
            systems_of: OnceLock::new(),
            vendor_names: OnceLock::new(),
        }
    }

    fn systems_of(&self, v: VendorId) -> &[SystemId] {
        &self
            .systems_of
            .get_or_init(|| propagate::systems_by_vendor(self.g))[v.index()]
    }

    fn vendor_names(&self) -> &BTreeMap<String, Vec<VendorId>> {
        self.vendor_names.get_or_init(|| {
            let m = self.g.model();
            let mut names: BTreeMap<String, Vec<VendorId>> = BTreeMap::new();
            for v in m.vendor_ids() {
                names
                    .entry(m.vendor(v).name.to_lowercase())
                    .or_default()
                    .push(v);
            }
            names
        })
    }

    pub fn graph(&self) -> &'g Graph {
        self.g
    }

    /// The alternatives of a system with the P80 switch duration to each.
    fn alternatives_of(&self, s: SystemId) -> &[(Alternative, f64, bool)] {
        self.alternatives[s.index()].get_or_init(|| {
            let g = self.g;
            let sys = g.model().system(s);
            if !sys.in_use() {
                return Vec::new();
            }
            sys.alternatives
                .iter()
                .map(|a| {
                    // The numbers of `estimate_switch_to` without its texts.
                    let (p80, given) = switch::switch_to_p80(g, s, a);
                    (a.clone(), p80, given)
                })
                .collect()
        })
    }

    /// Simulates one scenario.
    pub fn simulate(&self, spec: &Spec, as_of: NaiveDate) -> Report {
        let g = self.g;
        let m = g.model();
        let set = CutSet::resolve(g, &spec.cuts);
        let countries = cut_countries(&spec.cuts);
        let cuts = Cuts {
            set: &set,
            countries: &countries,
        };
        let o = self.engine.cut(&set);
        let mut pos = vec![NOT_DOWN; m.systems.len()];
        let r = self.restores(&cuts, &o, &mut pos);

        // Systems.
        let mut systems = Vec::new();
        for (k, d) in o.systems.iter().enumerate() {
            let (up, via) = r.systems[k];
            let sys = m.system(d.id);
            systems.push(SystemResult {
                id: sys.id.clone(),
                name: sys.name.clone(),
                criticality: sys.criticality,
                state: State::Down,
                down_from_day: Some(d.day),
                cause: o.chain(g, d.id),
                restore_days: restore_days(up, d.day),
                restore_by: match via {
                    Via::Unknown => None,
                    Via::Switch(i) => {
                        let (alt, _, given) = &self.alternatives_of(d.id)[i];
                        Some(RestoreBy::Switch {
                            alternative: alternative_label(g, alt),
                            estimate_given: *given,
                        })
                    }
                    Via::Dependency(t) => Some(RestoreBy::Dependency {
                        system: m.system(t).id.clone(),
                    }),
                },
            });
        }
        let mut states: Vec<Option<(State, Vec<String>)>> = vec![None; m.systems.len()];
        for d in &o.systems {
            states[d.id.index()] = Some((State::Down, Vec::new()));
        }
        let classes = self.classify(&set, &o);
        for s in m.system_ids() {
            let sys = m.system(s);
            let state = match classes[s.index()] {
                Some(State::Unsupported) => match sys.vendor {
                    Party::Vendor(v) => set.vendors[v.index()]
                        .as_ref()
                        .map(|origin| (State::Unsupported, vendor_chain(g, &sys.id, v, origin))),
                    Party::Own => None,
                },
                // A soft dependency or a member of an `any` group is down (the
                // group keeps it up); the one that fell first (then by id)
                // explains it.
                Some(State::Degraded) => g
                    .soft_deps(s)
                    .iter()
                    .chain(g.any_groups(s).iter().flatten())
                    .filter_map(|t| o.system(*t).map(|d| (d.day, *t)))
                    .min()
                    .map(|(_, t)| {
                        let mut chain = vec![sys.id.clone()];
                        chain.extend(o.chain(g, t));
                        (State::Degraded, chain)
                    }),
                _ => None,
            };
            if let Some((state, cause)) = state {
                systems.push(SystemResult {
                    id: sys.id.clone(),
                    name: sys.name.clone(),
                    criticality: sys.criticality,
                    state,
                    down_from_day: None,
                    cause: cause.clone(),
                    restore_days: None,
                    restore_by: None,
                });
                states[s.index()] = Some((state, cause));
            }
        }
        systems.sort_by(|a, b| {
            (
                a.state,
                a.down_from_day,
                Reverse(a.criticality.weight()),
                &a.id,
            )
                .cmp(&(
                    b.state,
                    b.down_from_day,
                    Reverse(b.criticality.weight()),
                    &b.id,
                ))
        });

        // Services.
        let mut services = Vec::new();
        for sv in m.service_ids() {
            let svc = m.service(sv);
            let max_outage_days = svc.max_outage.map(|d| d.as_days());
            let (state, down_from_day, cause, restore) =
                if let Ok(k) = o.services.binary_search_by_key(&sv, |d| d.id) {
                    let day = o.services[k].day;
                    let restore = restore_days(r.services[k], day);
                    (State::Down, Some(day), o.service_chain(g, sv), restore)
                } else {
                    match self.service_state(sv, |t| states[t.index()].as_ref().map(|x| x.0)) {
                        Some((state, s)) => {
                            let mut chain = vec![svc.id.clone()];
                            match &states[s.index()] {
                                Some((State::Down, _)) => chain.extend(o.chain(g, s)),
                                Some((_, c)) => chain.extend(c.iter().cloned()),
                                None => {}
                            }
                            (state, None, chain, None)
                        }
                        None => continue,
                    }
                };
            let breach = state == State::Down
                && match (restore, max_outage_days) {
                    (None, _) => true,
                    (Some(r), Some(max)) => r > max,
                    (Some(_), None) => false,
                };
            services.push(ServiceResult {
                id: svc.id.clone(),
                name: svc.name.clone(),
                criticality: svc.criticality,
                users: svc.users,
                state,
                down_from_day,
                cause,
                restore_days: restore,
                max_outage_days,
                breach,
            });
        }
        services.sort_by(|a, b| {
            (
                Reverse(a.criticality.weight()),
                a.state,
                a.down_from_day,
                &a.id,
            )
                .cmp(&(
                    Reverse(b.criticality.weight()),
                    b.state,
                    b.down_from_day,
                    &b.id,
                ))
        });

        // Stranded data.
        let mut stranded_data = Vec::new();
        for d in &o.systems {
            if let Some((sys, data, op)) = self.stranded(d.id, &set) {
                stranded_data.push(Stranded {
                    system: sys.id.clone(),
                    name: sys.name.clone(),
                    volume_gb: data.volume_gb,
                    sensitivity: data.sensitivity,
                    operator: m.vendor(op).id.clone(),
                    backup: data.backup.map(|b| m.party_id(b).to_string()),
                });
            }
        }
        stranded_data.sort_by(|a, b| {
            sensitivity_rank(b.sensitivity)
                .cmp(&sensitivity_rank(a.sensitivity))
                .then(b.volume_gb.total_cmp(&a.volume_gb))
                .then(a.system.cmp(&b.system))
        });
        let stranded_volume_gb = total(stranded_data.iter().map(|s| s.volume_gb));

        // Money.
        let mut contracts_at_risk: Vec<ContractAtRisk> = m
            .contracts
            .iter()
            .filter(|c| set.vendor_cut(c.vendor) && running(c, as_of))
            .map(|c| ContractAtRisk {
                contract: c.id.clone(),
                vendor: m.vendor(c.vendor).id.clone(),
                kind: c.kind,
                annual_cost: c.annual_cost,
            })
            .collect();
        contracts_at_risk.sort_by(|a, b| {
            b.annual_cost
                .unwrap_or(-1.0)
                .total_cmp(&a.annual_cost.unwrap_or(-1.0))
                .then(a.contract.cmp(&b.contract))
        });
        let annual_cost_at_risk = total(contracts_at_risk.iter().filter_map(|c| c.annual_cost));
        let price_shock = self.price_shocks(&spec.prices, as_of);

        let count = |l: &[SystemResult], st: State| l.iter().filter(|s| s.state == st).count();
        let count_sv = |st: State| services.iter().filter(|s| s.state == st).count();
        let summary = Summary {
            services_total: m.services.len(),
            services_down: count_sv(State::Down),
            services_breached: services.iter().filter(|s| s.breach).count(),
            services_unsupported: count_sv(State::Unsupported),
            services_degraded: count_sv(State::Degraded),
            systems_down: count(&systems, State::Down),
            systems_unsupported: count(&systems, State::Unsupported),
            systems_degraded: count(&systems, State::Degraded),
        };
        Report {
            scenario: spec.id.clone(),
            name: spec.name.clone(),
            as_of,
            cuts: spec.cuts.iter().map(|c| cut_label(g, c)).collect(),
            cut_vendors: m
                .vendor_ids()
                .filter_map(|v| {
                    set.vendors[v.index()].as_ref().map(|o| CutVendor {
                        id: m.vendor(v).id.clone(),
                        name: m.vendor(v).name.clone(),
                        origin: o.label(),
                    })
                })
                .collect(),
            summary,
            services,
            systems,
            stranded_data,
            stranded_volume_gb,
            annual_cost_at_risk,
            contracts_at_risk,
            price_shock,
        }
    }

    /// The state of a service that is not down, and the system that explains
    /// it: unsupported when it needs an unsupported system, else degraded
    /// when it needs a degraded system or a down member of an `any` group.
    /// The state of every in-use system that is not up, by the rules of
    /// the report: down when the propagation takes it down; else
    /// unsupported when its vendor is cut; else degraded when a soft
    /// dependency or a member of an `any` group it relies on is down.
    fn classify(&self, set: &CutSet, o: &Outcome) -> Vec<Option<State>> {
        let g = self.g;
        let m = g.model();
        let mut out: Vec<Option<State>> = vec![None; m.systems.len()];
        for d in &o.systems {
            out[d.id.index()] = Some(State::Down);
        }
        for s in m.system_ids() {
            let sys = m.system(s);
            if !sys.in_use() || out[s.index()].is_some() {
                continue;
            }
            if matches!(sys.vendor, Party::Vendor(v) if set.vendor_cut(v)) {
                out[s.index()] = Some(State::Unsupported);
            } else if g
                .soft_deps(s)
                .iter()
                .chain(g.any_groups(s).iter().flatten())
                .any(|t| out[t.index()] == Some(State::Down))
            {
                out[s.index()] = Some(State::Degraded);
            }
        }
        out
    }

    /// The states of a scenario without the report (no cause chains,
    /// restore estimates, stranded data or money): every system and
    /// service that is not up, in id order. The same states as
    /// [`Simulator::simulate`]; what the networkx comparison
    /// (`benches/networkx`) computes, for the benchmark of the same work.
    pub fn states(&self, spec: &Spec) -> States {
        let g = self.g;
        let m = g.model();
        let set = CutSet::resolve(g, &spec.cuts);
        let o = self.engine.cut(&set);
        let classes = self.classify(&set, &o);
        let systems: Vec<(SystemId, State)> = m
            .system_ids()
            .filter_map(|s| classes[s.index()].map(|st| (s, st)))
            .collect();
        let services = m
            .service_ids()
            .filter_map(|sv| {
                if o.services.binary_search_by_key(&sv, |d| d.id).is_ok() {
                    return Some((sv, State::Down));
                }
                self.service_state(sv, |t| classes[t.index()])
                    .map(|(st, _)| (sv, st))
            })
            .collect();
        States { systems, services }
    }

    /// The state of a service that is not down, from the states of the
    /// systems it needs (`state_of`): the most severe of them, a down
    /// system (that did not take the service down) degrading it; with the
    /// system that decides it.
    fn service_state(
        &self,
        sv: ServiceId,
        state_of: impl Fn(SystemId) -> Option<State>,
    ) -> Option<(State, SystemId)> {
        let m = self.g.model();
        let mut best: Option<(State, SystemId)> = None;
        for t in m.service(sv).needs.iter().flat_map(|d| d.members()) {
            let st = match state_of(*t) {
                Some(State::Down) => State::Degraded,
                Some(s) => s,
                None => continue,
            };
            if best.is_none_or(|(b, _)| st < b) {
                best = Some((st, *t));
            }
        }
        best
    }

    /// The data of a down system stranded with its cut operator, if any.
    fn stranded(
        &self,
        s: SystemId,
        set: &CutSet,
    ) -> Option<(&'g crate::model::System, &'g crate::model::Data, VendorId)> {
        let sys = self.g.model().system(s);
        let Party::Vendor(op) = sys.operator else {
            return None;
        };
        let data = sys.data.as_ref()?;
        if !set.vendor_cut(op) {
            return None;
        }
        match data.backup {
            Some(b) if !set.party_cut(b) => None,
            _ => Some((sys, data, op)),
        }
    }

    /// The effect of each price shock, in the order given.
    fn price_shocks(&self, prices: &[PriceShock], as_of: NaiveDate) -> PriceShockReport {
        let g = self.g;
        let m = g.model();
        // Each running contract takes the factor of the nearest priced vendor
        // up its vendor's ownership chain: a shock for a group applies to
        // its subsidiaries unless they have their own (no contract counts
        // twice). The first shock of a vendor named twice applies.
        let shock_of = |c: &crate::model::Contract| -> Option<usize> {
            g.ownership_chain(c.vendor)
                .iter()
                .find_map(|v| prices.iter().position(|p| p.vendor == *v))
        };
        let mut vendors = Vec::new();
        for (k, p) in prices.iter().enumerate() {
            if prices[..k].iter().any(|q| q.vendor == p.vendor) {
                continue;
            }
            let mut contracts = Vec::new();
            let mut contracts_without_cost = Vec::new();
            let mut annual_cost = 0.0;
            for c in &m.contracts {
                if shock_of(c) != Some(k) || !running(c, as_of) {
                    continue;
                }
                contracts.push(c.id.clone());
                match c.annual_cost {
                    Some(x) => annual_cost += x,
                    None => contracts_without_cost.push(c.id.clone()),
                }
            }
            // Leaving the vendor is its exit plan: every in-use system it or
            // a vendor it controls makes or operates.
            let plan = exit_plan::plan(g, &Target::Vendor(p.vendor), &PlanOptions::default());
            // No cost given and none estimated: the switch cost is a lower
            // bound, and no payback time is claimed.
            let without_cost: Vec<String> = plan
                .systems
                .iter()
                .filter(|s| !s.cost_given && s.cost == 0.0)
                .map(|s| s.id.clone())
                .collect();
            let switch_cost = plan.total_cost;
            let added = annual_cost * (p.factor - 1.0);
            vendors.push(VendorShock {
                vendor: m.vendor(p.vendor).id.clone(),
                name: m.vendor(p.vendor).name.clone(),
                factor: p.factor,
                contracts,
                contracts_without_cost,
                annual_cost,
                added_annual_cost: added,
                systems: plan.systems.iter().map(|s| s.id.clone()).collect(),
                exit_p80_days: plan.p80_days,
                payback_years: (added > 0.0 && without_cost.is_empty())
                    .then(|| switch_cost / added),
                systems_without_switch_cost: without_cost,
                switch_cost,
                switch_cost_method: SWITCH_COST_METHOD.to_string(),
            });
        }
        PriceShockReport {
            added_annual_cost: total(vendors.iter().map(|v| v.added_annual_cost)),
            vendors,
        }
    }

    /// Whether an alternative can replace a down system under these cuts.
    fn available(&self, cuts: &Cuts<'_>, pos: &[u32], alt: &Alternative) -> bool {
        let m = self.g.model();
        match alt {
            Alternative::System(t) => {
                let sys = m.system(*t);
                if cuts.set.systems[t.index()]
                    || cuts.set.party_cut(sys.vendor)
                    || cuts.set.party_cut(sys.operator)
                    || pos[t.index()] != NOT_DOWN
                {
                    return false;
                }
                if sys.in_use() {
                    return true;
                }
                // A candidate needs its in-use dependencies.
                let down = |x: &SystemId| pos[x.index()] != NOT_DOWN;
                let live = |x: &&SystemId| m.system(**x).in_use();
                !self.g.hard_deps(*t).iter().any(down)
                    && !self.g.any_groups(*t).iter().any(|grp| {
                        grp.iter().filter(live).count() > 0 && grp.iter().filter(live).all(down)
                    })
            }
            Alternative::Catalog(id) => {
                let Some(e) = Catalog::builtin().get(id) else {
                    return false;
                };
                let in_cut_country = Country::parse(&e.country)
                    .is_ok_and(|c| cuts.countries.binary_search(&c).is_ok());
                let vendor_cut = self
                    .vendor_names()
                    .get(&e.vendor.to_lowercase())
                    .is_some_and(|vs| vs.iter().any(|v| cuts.set.vendor_cut(*v)));
                !in_cut_country && !vendor_cut
            }
        }
    }

    /// The day each down system and service is back.
    ///
    /// A down system is back on the earlier of (a) its down day plus the P80
    /// switch duration of its best available alternative and (b), unless it
    /// was cut itself, the day its down requirements are all back: each down
    /// hard dependency, and each `any` group whose in-use members are all
    /// down (a group is back with its first member). This is a bottleneck
    /// path problem over AND/OR requirements; settling systems in decreasing
    /// order of their day (a mirrored Knuth-Dijkstra) gives the least
    /// solution grounded in the cut systems, so a cycle of systems that went
    /// down together comes back together and the run terminates.
    ///
    /// `pos` maps system indices to positions in `o.systems`; it must be all
    /// [`NOT_DOWN`] on entry and is left so.
    fn restores(&self, cuts: &Cuts<'_>, o: &Outcome, pos: &mut [u32]) -> Restores {
        let g = self.g;
        let m = g.model();
        let n = o.systems.len();
        for (k, d) in o.systems.iter().enumerate() {
            pos[d.id.index()] = k as u32;
        }
        let at = |pos: &[u32], s: SystemId| match pos[s.index()] {
            NOT_DOWN => None,
            k => Some(k as usize),
        };
        let mut switch_day = Vec::with_capacity(n);
        let mut value = vec![f64::NEG_INFINITY; n];
        let mut via = vec![Via::Unknown; n];
        let mut settled = vec![false; n];
        let mut heap: BinaryHeap<(u64, Reverse<usize>)> = BinaryHeap::new();
        // Counters of settled members per `any` group of each down system.
        let mut group_start = Vec::with_capacity(n + 1);
        let mut total = 0usize;
        for (k, d) in o.systems.iter().enumerate() {
            group_start.push(total);
            total += g.any_groups(d.id).len();
            let mut best: Option<(f64, usize)> = None;
            for (i, (alt, p80, _)) in self.alternatives_of(d.id).iter().enumerate() {
                if best.is_none_or(|(b, _)| *p80 < b) && self.available(cuts, pos, alt) {
                    best = Some((*p80, i));
                }
            }
            let sw = match best {
                Some((p80, i)) => (f64::from(d.day) + p80, Via::Switch(i)),
                None => (f64::INFINITY, Via::Unknown),
            };
            switch_day.push(sw);
            if !matches!(d.cause, Cause::Dependency(_)) {
                (value[k], via[k]) = sw;
                heap.push((key(sw.0), Reverse(k)));
            }
        }
        group_start.push(total);
        let mut fallen = vec![0u32; total];
        while let Some((kv, Reverse(k))) = heap.pop() {
            if settled[k] || kv != key(value[k]) {
                continue;
            }
            settled[k] = true;
            let v = value[k];
            let me = o.systems[k].id;
            for &x in g.dependents(me) {
                let Some(kx) = at(pos, x) else { continue };
                if settled[kx] || !matches!(o.systems[kx].cause, Cause::Dependency(_)) {
                    continue;
                }
                let mut offered = g.hard_deps(x).binary_search(&me).is_ok();
                for (gi, grp) in g.any_groups(x).iter().enumerate() {
                    if grp.contains(&me) {
                        let c = &mut fallen[group_start[kx] + gi];
                        *c += 1;
                        let live = grp.iter().filter(|t| m.system(**t).in_use()).count();
                        // Settled in decreasing order: the last member is the first back.
                        if *c as usize == live {
                            offered = true;
                        }
                    }
                }
                if !offered {
                    continue;
                }
                let (sw, sw_via) = switch_day[kx];
                let cand = if v < sw {
                    (v, Via::Dependency(me))
                } else {
                    (sw, sw_via)
                };
                if cand.0 > value[kx] {
                    (value[kx], via[kx]) = cand;
                    heap.push((key(cand.0), Reverse(kx)));
                }
            }
        }
        let systems: Vec<(f64, Via)> = value.into_iter().zip(via).collect();

        let day_back = |t: SystemId| -> Option<f64> { at(pos, t).map(|k| systems[k].0) };
        let services = o
            .services
            .iter()
            .map(|d| {
                let mut back = f64::NEG_INFINITY;
                for need in &m.service(d.id).needs {
                    let b = match need {
                        Dependency::One(t) => day_back(*t),
                        Dependency::Any(ts) => {
                            let live: Vec<Option<f64>> = ts
                                .iter()
                                .filter(|t| m.system(**t).in_use())
                                .map(|t| day_back(*t))
                                .collect();
                            if live.is_empty() || live.iter().any(Option::is_none) {
                                None
                            } else {
                                live.into_iter().flatten().reduce(f64::min)
                            }
                        }
                    };
                    if let Some(b) = b {
                        back = back.max(b);
                    }
                }
                back
            })
            .collect();
        for d in &o.systems {
            pos[d.id.index()] = NOT_DOWN;
        }
        Restores { systems, services }
    }

    /// The single-vendor cut of every vendor, ranked (see [`EachVendor`]).
    /// Runs on the rayon pool; the result does not depend on the number of
    /// threads.
    pub fn each_vendor(&self, as_of: NaiveDate) -> EachVendor {
        let m = self.g.model();
        let mut contract_cost = vec![0.0; m.vendors.len()];
        for c in &m.contracts {
            if running(c, as_of) {
                contract_cost[c.vendor.index()] += c.annual_cost.unwrap_or(0.0);
            }
        }
        let vendors: Vec<VendorId> = m.vendor_ids().collect();
        let threads = rayon::current_num_threads().max(1);
        let chunk = (vendors.len() / (threads * 8)).max(1);
        let mut rows: Vec<VendorImpact> = vendors
            .par_chunks(chunk)
            .map(|chunk| {
                let mut w = Worker {
                    scratch: self.engine.scratch(),
                    set: CutSet::resolve(self.g, &[]),
                    pos: vec![NOT_DOWN; m.systems.len()],
                };
                chunk
                    .iter()
                    .map(|v| self.impact(*v, &mut w, &contract_cost))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect();
        rows.sort_by(|a, b| {
            (
                Reverse(a.score),
                Reverse(a.breaches.len()),
                Reverse(a.systems_down),
                &a.vendor,
            )
                .cmp(&(
                    Reverse(b.score),
                    Reverse(b.breaches.len()),
                    Reverse(b.systems_down),
                    &b.vendor,
                ))
        });
        for (i, r) in rows.iter_mut().enumerate() {
            r.rank = i + 1;
        }
        EachVendor {
            as_of,
            weights: Weights::of_criticality(),
            vendors: rows,
        }
    }

    /// The single-vendor cut of one vendor, with reusable memory.
    fn impact(&self, v: VendorId, w: &mut Worker, contract_cost: &[f64]) -> VendorImpact {
        let g = self.g;
        let m = g.model();
        let controlled = g.controlled(v);
        let mut touched: Vec<SystemId> = controlled
            .iter()
            .flat_map(|x| self.systems_of(*x).iter().copied())
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let origin = Origin::Vendor(m.vendor(v).id.clone());
        for x in &controlled {
            w.set.vendors[x.index()] = Some(origin.clone());
        }
        // Only systems the controlled vendors make or operate can be seeded;
        // a vendor with none takes nothing down and skips the engine.
        let seeds = self.engine.seeds_among(&w.set, touched.iter().copied());
        let o = if seeds.is_empty() {
            Outcome::default()
        } else {
            self.engine.run(&seeds, &mut w.scratch)
        };
        let cuts = Cuts {
            set: &w.set,
            countries: &[],
        };
        let r = self.restores(&cuts, &o, &mut w.pos);
        let mut services: Vec<(Criticality, &str, bool)> = o
            .services
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let svc = m.service(d.id);
                let breach = match (restore_days(r.services[k], d.day), svc.max_outage) {
                    (None, _) => true,
                    (Some(x), Some(max)) => x > max.as_days(),
                    (Some(_), None) => false,
                };
                (svc.criticality, svc.id.as_str(), breach)
            })
            .collect();
        services.sort_by(|a, b| (Reverse(a.0.weight()), a.1).cmp(&(Reverse(b.0.weight()), b.1)));
        let stranded_volume_gb = total(
            o.systems
                .iter()
                .filter_map(|d| self.stranded(d.id, &w.set))
                .map(|(_, data, _)| data.volume_gb),
        );
        let systems_unsupported = touched
            .iter()
            .filter(|s| {
                o.system(**s).is_none()
                    && matches!(m.system(**s).vendor, Party::Vendor(x) if w.set.vendor_cut(x))
            })
            .count();
        for x in &controlled {
            w.set.vendors[x.index()] = None;
        }
        VendorImpact {
            rank: 0,
            vendor: m.vendor(v).id.clone(),
            name: m.vendor(v).name.clone(),
            group: m.vendor(g.top_parent(v)).id.clone(),
            controlled: {
                let mut c: Vec<String> =
                    controlled.iter().map(|x| m.vendor(*x).id.clone()).collect();
                c.sort();
                c
            },
            score: services.iter().map(|s| s.0.weight()).sum(),
            critical_services_down: services
                .iter()
                .filter(|s| s.0 == Criticality::Critical)
                .count(),
            breaches: services
                .iter()
                .filter(|s| s.2)
                .map(|s| s.1.to_string())
                .collect(),
            services_down: services.iter().map(|s| s.1.to_string()).collect(),
            systems_down: o.systems.len(),
            systems_unsupported,
            first_service_down_day: o.services.iter().map(|d| d.day).min(),
            stranded_volume_gb,
            annual_cost_at_risk: total(controlled.iter().map(|x| contract_cost[x.index()])),
        }
    }
}

/// Per-thread memory of `--each-vendor`: engine scratch and a cut set that
/// is set for one vendor's controlled set and cleared after.
struct Worker {
    scratch: Scratch,
    set: CutSet,
    /// Positions of down systems for [`Simulator::restores`].
    pos: Vec<u32>,
}

/// `pos` entry of a system that is not down.
const NOT_DOWN: u32 = u32::MAX;

/// Heap key of a non-negative day (`f64` bits order like the numbers).
fn key(x: f64) -> u64 {
    x.max(0.0).to_bits()
}

/// Days from the down day until back, rounded to 0.1; `None` when unknown.
fn restore_days(back: f64, down: u32) -> Option<f64> {
    if back.is_finite() {
        Some(round1((back - f64::from(down)).max(0.0)))
    } else {
        None
    }
}

/// A sum that is `0.0`, not `-0.0`, when empty (std's `f64` sum starts at `-0.0`).
fn total(it: impl Iterator<Item = f64>) -> f64 {
    it.fold(0.0, |a, b| a + b)
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A contract runs on `as_of` when its term has not ended or it renews itself.
fn running(c: &crate::model::Contract, as_of: NaiveDate) -> bool {
    c.end >= as_of || c.renewal.is_some()
}

fn sensitivity_rank(s: Sensitivity) -> u8 {
    match s {
        Sensitivity::Low => 0,
        Sensitivity::Normal => 1,
        Sensitivity::High => 2,
        Sensitivity::Critical => 3,
    }
}

/// The countries of the jurisdiction cuts, sorted.
fn cut_countries(cuts: &[Cut]) -> Vec<Country> {
    let mut out: Vec<Country> = cuts
        .iter()
        .flat_map(|c| match c {
            Cut::Jurisdiction(Region::Country(x)) => vec![*x],
            Cut::Jurisdiction(Region::Eu) => Country::eu_members().collect(),
            _ => Vec::new(),
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// `vendor:ID`, `jurisdiction:CC`, `system:ID`.
pub fn cut_label(g: &Graph, c: &Cut) -> String {
    let m = g.model();
    match c {
        Cut::Vendor(v) => format!("vendor:{}", m.vendor(*v).id),
        Cut::Jurisdiction(r) => format!("jurisdiction:{r}"),
        Cut::System(s) => format!("system:{}", m.system(*s).id),
    }
}

fn alternative_label(g: &Graph, a: &Alternative) -> String {
    match a {
        Alternative::System(t) => g.model().system(*t).id.clone(),
        Alternative::Catalog(id) => format!("catalog:{id}"),
    }
}

/// The cause of an unsupported system: itself, its vendor, the cut.
fn vendor_chain(g: &Graph, id: &str, v: VendorId, origin: &Origin) -> Vec<String> {
    let vendor = format!("vendor:{}", g.model().vendor(v).id);
    let mut out = vec![id.to_string()];
    if origin.label() != vendor {
        out.push(vendor);
    }
    out.push(origin.label());
    out
}

#[cfg(test)]
mod tests;
