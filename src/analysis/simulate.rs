//! The cut-off, recovery and price-shock simulation for emergency planners
//! (`exitgraph simulate`): what stops when vendors, jurisdictions or
//! systems are cut off (an outage, a loss, a withdrawal), from which hour,
//! how each system comes back (restart, restore from backup, fallback,
//! strategic switch) and in which order, what the services do meanwhile,
//! which data and backups are lost, which contracts to invoke, and what it
//! costs.
//!
//! The failure propagation is [`super::propagate`]; the way back is
//! [`recovery`] (docs/methodology.md, "Cut-off and price-shock simulation"
//! and "Recovery"):
//!
//! - a system's replacement (its fallback or its best alternative) starts
//!   at hour 0 of the scenario; a system whose replacement is ready before
//!   it would stop never stops (state `replaced`);
//! - every down system is back on the earliest of its four paths (restart,
//!   backup, fallback, switch); a service is back when everything it needs
//!   is back, and its workaround (emergency operation) is reported beside;
//! - the restart order lists the down systems by the hour they are back;
//! - backups are first-class: a cut that takes a backup's holder, its backup
//!   system or the vendor whose format it is in makes "restore ability
//!   lost" a finding, even when no service stops;
//! - cause chains are kept as one link per system (its parent), so the
//!   report is linear in the model; [`Report::chain`] follows them;
//! - `--each-vendor`: the single-vendor cut of every vendor, ranked by the
//!   criticality-weighted services it takes down, in parallel with rayon and
//!   with results identical to a sequential run.
//!
//! Nothing here mutates the model: a simulation is a function of the graph,
//! the cuts and the as-of date. Times are hours from the moment of the cut;
//! fields named `_hours` hold exact hours, `_days` fields days.

mod findings;
pub mod recovery;
mod solve;

pub use findings::{
    BackupFinding, ContractAtRisk, PriceShockReport, RiskReason, Stranded, StrandedReason,
    VendorShock,
};
pub use recovery::{BackupLoss, Facts, Source, Wait, facts};

use super::propagate::{self, Cause, CutSet, Engine, Origin, Outcome, Scratch, Term};
use super::switch;
use crate::graph::Graph;
use crate::model::{
    Alternative, Country, Criticality, Cut, CutKind, Duration, Party, PriceShock, Region,
    ScenarioCut, ScenarioId, ServiceId, SystemId, VendorId,
};
use chrono::NaiveDate;
use rayon::prelude::*;
use recovery::{Back, Cuts, Option80, Via};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What to simulate: a scenario of the model, or cuts and price shocks given
/// on the command line.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// The scenario id, or `ad-hoc` for cuts given on the command line.
    pub id: String,
    pub name: Option<String>,
    pub cuts: Vec<ScenarioCut>,
    pub prices: Vec<PriceShock>,
}

/// The id of a simulation of command-line cuts.
pub const AD_HOC: &str = "ad-hoc";

/// Why a kind and a duration cannot be given to a cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermError {
    /// A withdrawal is for good: it has no duration.
    WithdrawalWithDuration,
    /// An outage ends: it needs a duration.
    OutageWithoutDuration,
}

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
    pub fn ad_hoc(cuts: Vec<ScenarioCut>, prices: Vec<PriceShock>) -> Spec {
        Spec {
            id: AD_HOC.to_string(),
            name: None,
            cuts,
            prices,
        }
    }

    /// The same cuts with the kind and/or duration given on the command
    /// line (`--as`, `--for`) instead of their own.
    pub fn with_terms(
        mut self,
        kind: Option<CutKind>,
        duration: Option<Duration>,
    ) -> Result<Spec, TermError> {
        if kind.is_none() && duration.is_none() {
            return Ok(self);
        }
        for c in &mut self.cuts {
            let d = duration.or(if kind.is_some() { None } else { c.duration });
            let k = kind.or(if duration.is_some() {
                None
            } else {
                Some(c.kind)
            });
            *c = ScenarioCut::new(c.target.clone(), k, d);
            check_term(c)?;
        }
        Ok(self)
    }
}

/// Whether a cut's kind and duration fit together.
pub fn check_term(c: &ScenarioCut) -> Result<(), TermError> {
    match (c.kind, c.duration) {
        (CutKind::Withdrawal, Some(_)) => Err(TermError::WithdrawalWithDuration),
        (CutKind::Outage, None) => Err(TermError::OutageWithoutDuration),
        _ => Ok(()),
    }
}

/// The state of a system or service that is not simply up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// It stops, from `down_at_hours`.
    Down,
    /// A system that would stop, but its fallback or alternative (started
    /// at hour 0) is ready before: it never stops, its dependents run on.
    Replaced,
    /// Its vendor is cut (a system), or it needs such a system (a service):
    /// it keeps running, without updates or support.
    Unsupported,
    /// A soft interface leads to a down system, or a member of an `any`
    /// group it relies on is down while another keeps it running (a system);
    /// it needs a degraded or replaced system or lost a member of an `any`
    /// group (a service).
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

/// How a down system comes back (or a replaced one is replaced).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum RestoreBy {
    /// It restarts when its cut is over and what it needs is back.
    Restart { waits_for: Option<Wait> },
    /// It is rebuilt from its backup (with `backup_system`'s software).
    Backup {
        backup_system: Option<String>,
        waits_for: Option<Wait>,
    },
    /// Its emergency stop-gap (a system id or `catalog:ID`), set up from hour 0.
    Fallback {
        fallback: String,
        waits_for: Option<Wait>,
    },
    /// The strategic switch to this alternative (a system id or
    /// `catalog:ID`) at the P80 of its estimate, from hour 0;
    /// `estimate_given`: the durations are given in the model.
    Switch {
        alternative: String,
        estimate_given: bool,
        waits_for: Option<Wait>,
    },
}

impl RestoreBy {
    /// What the path waits for, if anything.
    pub fn waits_for(&self) -> Option<&Wait> {
        match self {
            RestoreBy::Restart { waits_for }
            | RestoreBy::Backup { waits_for, .. }
            | RestoreBy::Fallback { waits_for, .. }
            | RestoreBy::Switch { waits_for, .. } => waits_for.as_ref(),
        }
    }

    /// The kind of path.
    pub fn path(&self) -> Path {
        match self {
            RestoreBy::Restart { .. } => Path::Restart,
            RestoreBy::Backup { .. } => Path::Backup,
            RestoreBy::Fallback { .. } => Path::Fallback,
            RestoreBy::Switch { .. } => Path::Switch,
        }
    }
}

/// The four ways back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Path {
    Restart,
    Backup,
    Fallback,
    Switch,
}

/// One system that is not simply up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemResult {
    pub id: String,
    pub name: String,
    pub criticality: Criticality,
    pub state: State,
    /// The day number it stops on (hours 0 to 23 are day 0); `None` when it
    /// keeps running.
    pub down_from_day: Option<u32>,
    /// The hour it stops; `None` when it keeps running.
    pub down_at_hours: Option<f64>,
    /// The next link of its cause chain: the system that brought it into its
    /// state, `vendor:ID` (its cut operator, vendor or licence), or the cut
    /// itself (`system:ID`). [`Report::chain`] follows the links.
    pub cause: String,
    /// The hour it is back for good (a replaced system: its replacement is
    /// ready); `None` when it is up or no way back is known.
    pub back_at_hours: Option<f64>,
    /// Hours from `down_at_hours` to `back_at_hours`.
    pub restore_hours: Option<f64>,
    /// The same in days, rounded to 0.1.
    pub restore_days: Option<f64>,
    /// How it comes back (a replaced system: how it is replaced).
    pub restore_by: Option<RestoreBy>,
    /// The recent data lost, hours: its RPO when restored from a backup;
    /// when it restarts on a virtualisation or storage platform that is
    /// restored from a backup (it is restored with it), the platform's.
    pub data_loss_hours: Option<f64>,
    /// The platform whose restore from backup it shares its data loss with
    /// (a system id); `None` when the loss is its own or there is none.
    pub data_loss_with: Option<String>,
    /// A replaced system: the hour it stops itself, after its replacement is ready.
    pub stops_at_hours: Option<f64>,
    /// The strategic switch of a down system (its available alternative
    /// ready first, from hour 0), also when another path brings it back
    /// sooner: the plan beyond the stop-gap.
    pub strategic_switch: Option<StrategicSwitch>,
}

/// The strategic switch of a system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StrategicSwitch {
    /// A system id or `catalog:ID`.
    pub alternative: String,
    pub estimate_given: bool,
    /// The hour the switch is done (P80, from hour 0).
    pub ready_at_hours: f64,
}

/// What a service does while it is down (its workaround).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EmergencyOperation {
    pub text: String,
    /// From this hour (the service's stop plus the workaround's `from`).
    pub from_hours: f64,
    /// Until this hour (the service is back); `None` when no way back is known.
    pub until_hours: Option<f64>,
    /// The share of normal capacity, when known.
    pub capacity: Option<f64>,
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
    pub down_at_hours: Option<f64>,
    /// The next link of its cause chain: the needed system that explains its state.
    pub cause: String,
    pub back_at_hours: Option<f64>,
    /// Hours from `down_at_hours` to `back_at_hours`; `None` when it is not
    /// down or no way back is known.
    pub restore_hours: Option<f64>,
    /// The same in days, rounded to 0.1.
    pub restore_days: Option<f64>,
    /// `max_outage` in days and hours, when given.
    pub max_outage_days: Option<f64>,
    pub max_outage_hours: Option<f64>,
    /// `rto` in hours, when given.
    pub rto_hours: Option<f64>,
    /// `rpo` in hours, when given.
    pub rpo_hours: Option<f64>,
    /// Down, and the restore exceeds `max_outage` or is unknown.
    pub breach: bool,
    /// Down, `rto` given, and the restore exceeds it or is unknown.
    pub rto_missed: bool,
    /// The largest data loss of a needed system restored from backup, hours.
    pub data_loss_hours: Option<f64>,
    /// `rpo` given and exceeded by `data_loss_hours`.
    pub rpo_breach: bool,
    /// Its workaround while it is down, when it has one and it starts before
    /// the service is back.
    pub emergency_operation: Option<EmergencyOperation>,
}

/// One step of the restart order (Wiederanlaufplan).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RestartStep {
    /// 1 = first back.
    pub step: usize,
    pub system: String,
    pub name: String,
    pub criticality: Criticality,
    pub path: Path,
    /// When the work can start: restart or restore once what it waits for
    /// is back; a fallback or switch starts at hour 0.
    pub start_hours: f64,
    /// When it is back.
    pub end_hours: f64,
    pub waits_for: Option<Wait>,
    /// The figures of its path that are documented defaults, not given in
    /// the model (they still need a restore test).
    pub defaults: Vec<Figure>,
}

/// A recovery figure of a system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// `restart` of `[system.recovery]`.
    Restart,
    /// `restore`.
    Restore,
    /// `rpo`.
    Rpo,
    /// `setup` of the fallback.
    Setup,
    /// The switch estimate (parametric, not given).
    SwitchEstimate,
}

/// A vendor cut by the simulation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CutVendor {
    pub id: String,
    pub name: String,
    /// The cut that reached it (`jurisdiction:US`, `vendor:broadcom`).
    pub origin: String,
    pub kind: CutKind,
    /// The hour it is available again; `None` after a withdrawal.
    pub back_at_hours: Option<f64>,
    pub contact: Option<crate::model::Contact>,
}

/// A cut of the simulation as given, with its kind and duration.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CutTerm {
    /// `vendor:ID`, `jurisdiction:CC` or `system:ID`.
    pub cut: String,
    pub kind: CutKind,
    pub duration_hours: Option<f64>,
}

/// Counts for the headline of a report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub services_total: usize,
    pub services_down: usize,
    pub services_breached: usize,
    pub services_rto_missed: usize,
    pub services_rpo_breached: usize,
    pub services_in_emergency_operation: usize,
    pub services_unsupported: usize,
    pub services_degraded: usize,
    pub systems_down: usize,
    pub systems_replaced: usize,
    pub systems_unsupported: usize,
    pub systems_degraded: usize,
    /// Systems that can no longer be restored from their backup.
    pub restore_ability_lost: usize,
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
    /// The same cuts with their kind and duration.
    pub cut_terms: Vec<CutTerm>,
    /// Every vendor the cuts reach, in model order.
    pub cut_vendors: Vec<CutVendor>,
    pub summary: Summary,
    /// Services that are not up, most critical first, then by state, down
    /// hour and id.
    pub services: Vec<ServiceResult>,
    /// Systems that are not up: down (by down hour), replaced, unsupported,
    /// degraded; then by criticality and id.
    pub systems: Vec<SystemResult>,
    /// The down systems in the order they are back.
    pub restart_order: Vec<RestartStep>,
    /// Systems whose backup can no longer be restored, most sensitive data
    /// first, then by volume, then id.
    pub restore_ability_lost: Vec<BackupFinding>,
    /// Most sensitive first, then by volume (largest first), then id.
    pub stranded_data: Vec<Stranded>,
    pub stranded_volume_gb: f64,
    /// Sum of the annual cost of the contracts at risk.
    pub annual_cost_at_risk: f64,
    /// Running contracts with a cut vendor or covering an affected system,
    /// by cost (highest first), then id.
    pub contracts_at_risk: Vec<ContractAtRisk>,
    pub price_shock: PriceShockReport,
}

impl Report {
    /// The cause chain of a system or service of the report, reconstructed
    /// from the links: the element, then each link, ending with the cut as
    /// given (`["okewo", "m365", "vendor:microsoft-ireland",
    /// "jurisdiction:US"]`). At most `max` links after the element; the
    /// second value counts the links left out.
    pub fn chain(&self, id: &str, max: usize) -> (Vec<String>, usize) {
        let systems: BTreeMap<&str, &SystemResult> =
            self.systems.iter().map(|s| (s.id.as_str(), s)).collect();
        let vendors: BTreeMap<&str, &str> = self
            .cut_vendors
            .iter()
            .map(|v| (v.id.as_str(), v.origin.as_str()))
            .collect();
        self.chain_with(&systems, &vendors, id, max)
    }

    /// [`Report::chain`] with the look-ups built once by the caller.
    pub fn chain_with(
        &self,
        systems: &BTreeMap<&str, &SystemResult>,
        vendors: &BTreeMap<&str, &str>,
        id: &str,
        max: usize,
    ) -> (Vec<String>, usize) {
        let first = self
            .services
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.cause.as_str())
            .or_else(|| systems.get(id).map(|s| s.cause.as_str()));
        let mut out = vec![id.to_string()];
        let mut left_out = 0usize;
        let mut push = |out: &mut Vec<String>, link: &str| {
            if out.len() <= max {
                out.push(link.to_string());
            } else {
                left_out += 1;
            }
        };
        let mut next = first;
        // Links never repeat a system; the bound guards against a defect.
        for _ in 0..=self.systems.len() + 2 {
            let Some(link) = next.filter(|l| !l.is_empty()) else {
                break;
            };
            push(&mut out, link);
            if let Some(v) = link.strip_prefix("vendor:") {
                if let Some(origin) = vendors.get(v).filter(|o| **o != link) {
                    push(&mut out, origin);
                }
                break;
            }
            if link.contains(':') {
                break;
            }
            next = systems.get(link).map(|s| s.cause.as_str());
        }
        (out, left_out)
    }
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
    /// Systems whose backup it makes impossible to restore.
    pub restore_ability_lost: usize,
    /// The first day a service stops, if any.
    pub first_service_down_day: Option<u32>,
    pub stranded_volume_gb: f64,
    /// Running contracts with the vendor or covering a system it affects.
    pub annual_cost_at_risk: f64,
}

/// The single-vendor cut of every vendor, ranked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EachVendor {
    pub as_of: NaiveDate,
    /// The kind of each cut (withdrawal unless `--as` says otherwise).
    pub kind: CutKind,
    pub duration_hours: Option<f64>,
    pub weights: Weights,
    /// Every vendor, ranked: score, breaches, systems down (all descending), then id.
    pub vendors: Vec<VendorImpact>,
}

/// A prepared landscape: the propagation engine and the per-system and
/// per-vendor tables every simulation shares. Build once, simulate many times.
pub struct Simulator<'g> {
    g: &'g Graph,
    engine: Engine<'g>,
    /// Per system, computed when the system first goes down: its
    /// alternatives with the P80 switch duration to each. Lazy because an
    /// estimate is not free and most systems never go down; `OnceLock`
    /// because `--each-vendor` fills it from several threads (the value is
    /// a pure function of the model, so the filling order does not matter).
    alternatives: Vec<OnceLock<Vec<Option80>>>,
    /// Look-ups of the findings (systems per vendor, backups, contracts
    /// per vendor); built on first use.
    index: OnceLock<findings::Index>,
    /// Per lower-case vendor name: the vendors with that name (catalogue
    /// matching); built on first use.
    vendor_names: OnceLock<BTreeMap<String, Vec<VendorId>>>,
    /// Per system: its dependency cycle ([`recovery::cycles`]); built on
    /// first use.
    cycles: OnceLock<Vec<u32>>,
}

/// Reusable memory of one run: engine scratch and per-system tables that
/// are reset after each run (so a run costs what the cut reaches).
pub(crate) struct Memory {
    scratch: Scratch,
    /// Position of each system in the outcome's systems (`u32::MAX`: not down).
    pos: Vec<u32>,
    /// The hour each system's replacement is ready (`INFINITY`: none).
    replaced: Vec<f64>,
}

/// Everything one run computes before it becomes a report.
pub(crate) struct Core {
    pub o: Outcome,
    pub r: recovery::Recovery,
    /// Per replaced system (parallel to `o.replaced`): how, and when ready.
    pub replacements: Vec<(Via, f64)>,
}

impl<'g> Simulator<'g> {
    pub fn new(g: &'g Graph) -> Simulator<'g> {
        let m = g.model();
        let alternatives = (0..m.systems.len()).map(|_| OnceLock::new()).collect();
        Simulator {
            g,
            engine: Engine::new(g),
            alternatives,
            index: OnceLock::new(),
            vendor_names: OnceLock::new(),
            cycles: OnceLock::new(),
        }
    }

    fn index(&self) -> &findings::Index {
        self.index.get_or_init(|| findings::Index::new(self.g))
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

    /// The alternatives of a system with the P80 switch duration to each:
    /// the alternative's own estimate when the model gives one, else
    /// `[system.switch]` or the parametric estimate.
    fn alternatives_of(&self, s: SystemId) -> Vec<Option80> {
        self.alternatives[s.index()]
            .get_or_init(|| {
                let g = self.g;
                let sys = g.model().system(s);
                if !sys.in_use() {
                    return Vec::new();
                }
                sys.alternatives
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        let own = sys
                            .alternative_switch
                            .get(i)
                            .and_then(|x| x.as_ref())
                            .and_then(|x| x.estimates);
                        let (p80_days, given) = match own {
                            Some([o, l, p]) => (
                                switch::pert_quantile(o.as_days(), l.as_days(), p.as_days(), 0.8),
                                true,
                            ),
                            None => switch::switch_to_p80(g, s, a),
                        };
                        Option80 {
                            alternative: a.clone(),
                            p80_hours: p80_days * 24.0,
                            given,
                        }
                    })
                    .collect()
            })
            .clone()
    }

    fn memory(&self) -> Memory {
        let n = self.g.model().systems.len();
        Memory {
            scratch: self.engine.scratch(),
            pos: vec![u32::MAX; n],
            replaced: vec![f64::INFINITY; n],
        }
    }

    /// One run: the raw propagation, the replacements ready in time, the
    /// final propagation and the recovery. `mem` is left clean.
    fn core(
        &self,
        set: &CutSet,
        countries: &[Country],
        seeds: &[propagate::Seed],
        mem: &mut Memory,
    ) -> Core {
        let g = self.g;
        let cuts = Cuts {
            set,
            countries,
            names: self.vendor_names(),
        };
        let options = |s: SystemId| self.alternatives_of(s);
        let raw = self.engine.run_at(seeds, None, &mut mem.scratch);
        for (k, d) in raw.systems.iter().enumerate() {
            mem.pos[d.id.index()] = k as u32;
        }
        let ready = recovery::replacement_hours(g, &cuts, &raw, &mem.pos, &options);
        for d in &raw.systems {
            mem.pos[d.id.index()] = u32::MAX;
        }
        for (s, at) in &ready {
            mem.replaced[s.index()] = *at;
        }
        let o = self
            .engine
            .run_at(seeds, Some(&mem.replaced), &mut mem.scratch);
        let replacements = o
            .replaced
            .iter()
            .map(|d| self.replacement(&cuts, d.id, mem.replaced[d.id.index()]))
            .collect();
        for (s, _) in &ready {
            mem.replaced[s.index()] = f64::INFINITY;
        }
        for (k, d) in o.systems.iter().enumerate() {
            mem.pos[d.id.index()] = k as u32;
        }
        let cycles = self.cycles.get_or_init(|| recovery::cycles(g));
        let r = recovery::recover(g, &cuts, &o, &mem.pos, cycles, &options);
        for d in &o.systems {
            mem.pos[d.id.index()] = u32::MAX;
        }
        Core { o, r, replacements }
    }

    /// How a replaced system is replaced: the fallback or alternative whose
    /// time is `ready`.
    fn replacement(&self, cuts: &Cuts<'_>, s: SystemId, ready: f64) -> (Via, f64) {
        let g = self.g;
        if let Some(f) = &g.model().system(s).recovery.fallback
            && let Some(from) = recovery::usable(g, cuts, f)
        {
            let setup = recovery::facts(g, s)
                .setup_hours
                .unwrap_or(recovery::DEFAULT_SETUP_HOURS);
            if from.max(setup) == ready {
                return (Via::Fallback, ready);
            }
        }
        for (i, o) in self.alternatives_of(s).iter().enumerate() {
            if let Some(from) = recovery::usable(g, cuts, &o.alternative)
                && from.max(o.p80_hours) == ready
            {
                return (Via::Switch(i), ready);
            }
        }
        (Via::Unknown, ready)
    }

    /// Simulates one scenario.
    pub fn simulate(&self, spec: &Spec, as_of: NaiveDate) -> Report {
        let g = self.g;
        let m = g.model();
        let set = CutSet::resolve_terms(g, &spec.cuts);
        let countries = cut_countries(&spec.cuts);
        let mut mem = self.memory();
        let seeds = self.engine.all_seeds_at(&set);
        let core = self.core(&set, &countries, &seeds, &mut mem);
        let cuts = Cuts {
            set: &set,
            countries: &countries,
            names: self.vendor_names(),
        };
        let (o, r) = (&core.o, &core.r);
        let classes = self.classify(&set, o);

        // Systems, and beside them their typed ids (`ids[k]` is the
        // system of `systems[k]`), so that nothing is looked up by its id.
        let mut systems = Vec::new();
        let mut ids = Vec::new();
        for (k, d) in o.systems.iter().enumerate() {
            systems.push(self.down_system(d, &r.systems[k]));
            ids.push(d.id);
        }
        for (d, (via, ready)) in o.replaced.iter().zip(&core.replacements) {
            let sys = m.system(d.id);
            ids.push(d.id);
            systems.push(SystemResult {
                id: sys.id.clone(),
                name: sys.name.clone(),
                criticality: sys.criticality,
                state: State::Replaced,
                down_from_day: None,
                down_at_hours: None,
                cause: link(g, &d.cause),
                back_at_hours: Some(*ready),
                restore_hours: None,
                restore_days: None,
                restore_by: self.restore_by(d.id, *via, None),
                data_loss_hours: None,
                data_loss_with: None,
                stops_at_hours: Some(d.at),
                strategic_switch: None,
            });
        }
        for s in m.system_ids() {
            let sys = m.system(s);
            let (state, cause) = match classes[s.index()] {
                Some(State::Unsupported) => match sys.vendor {
                    Party::Vendor(v) => (State::Unsupported, format!("vendor:{}", m.vendor(v).id)),
                    Party::Own => continue,
                },
                // A soft dependency or a member of an `any` group is down (the
                // group keeps it up); the one that fell first (then by id)
                // explains it.
                Some(State::Degraded) => match g
                    .soft_deps(s)
                    .iter()
                    .chain(g.any_groups(s).iter().flatten())
                    .filter_map(|t| o.system(*t).map(|d| (key(d.at), *t)))
                    .min()
                {
                    Some((_, t)) => (State::Degraded, m.system(t).id.clone()),
                    None => continue,
                },
                _ => continue,
            };
            ids.push(s);
            systems.push(SystemResult {
                id: sys.id.clone(),
                name: sys.name.clone(),
                criticality: sys.criticality,
                state,
                down_from_day: None,
                down_at_hours: None,
                cause,
                back_at_hours: None,
                restore_hours: None,
                restore_days: None,
                restore_by: None,
                data_loss_hours: None,
                data_loss_with: None,
                stops_at_hours: None,
                strategic_switch: None,
            });
        }
        inherit_data_loss(g, &mut systems, &ids);
        let order = order_unique(&systems, |a, b| {
            (
                a.state,
                a.down_at_hours.map(key),
                Reverse(a.criticality.weight()),
                &a.id,
            )
                .cmp(&(
                    b.state,
                    b.down_at_hours.map(key),
                    Reverse(b.criticality.weight()),
                    &b.id,
                ))
        });
        permute(&mut systems, &order);
        permute(&mut ids, &order);
        // The position of each system in `systems` (u32::MAX: up).
        let mut pos = vec![u32::MAX; m.systems.len()];
        for (k, s) in ids.iter().enumerate() {
            pos[s.index()] = k as u32;
        }

        // Services.
        let loss_of = |t: SystemId| {
            systems
                .get(pos[t.index()] as usize)
                .and_then(|s| s.data_loss_hours)
        };
        let mut services = Vec::new();
        for sv in m.service_ids() {
            let (state, down, cause, back) =
                if let Ok(k) = o.services.binary_search_by_key(&sv, |d| d.id) {
                    let d = &o.services[k];
                    (State::Down, Some(d.at), link(g, &d.cause), r.services[k])
                } else {
                    match self.service_state(sv, |t| classes[t.index()]) {
                        Some((state, s)) => (state, None, m.system(s).id.clone(), f64::INFINITY),
                        None => continue,
                    }
                };
            services.push(self.service_result(sv, state, down, cause, back, loss_of));
        }
        sort_unique(&mut services, |a, b| {
            (
                Reverse(a.criticality.weight()),
                a.state,
                a.down_at_hours.map(key),
                &a.id,
            )
                .cmp(&(
                    Reverse(b.criticality.weight()),
                    b.state,
                    b.down_at_hours.map(key),
                    &b.id,
                ))
        });

        let restart_order = restart_order(g, o, &r.systems, &systems, &pos);
        let cut_vendors = set.cut_vendors();
        let ix = self.index();
        let restore_ability_lost = findings::backups(g, ix, &cuts, &cut_vendors, o, &r.same);
        let stranded_data = findings::stranded(g, ix, &set, &cut_vendors, o);
        let stranded_volume_gb = total(stranded_data.iter().map(|s| s.volume_gb));
        let mut affected: Vec<SystemId> = systems
            .iter()
            .zip(&ids)
            .filter(|(s, _)| s.state != State::Degraded)
            .map(|(_, id)| *id)
            .collect();
        affected.sort_unstable();
        let contracts_at_risk = findings::contracts(g, ix, &set, &cut_vendors, &affected, as_of);
        let annual_cost_at_risk = total(contracts_at_risk.iter().filter_map(|c| c.annual_cost));
        let price_shock = findings::price_shocks(g, &spec.prices, as_of);

        let count = |st: State| systems.iter().filter(|s| s.state == st).count();
        let count_sv = |st: State| services.iter().filter(|s| s.state == st).count();
        let summary = Summary {
            services_total: m.services.len(),
            services_down: count_sv(State::Down),
            services_breached: services.iter().filter(|s| s.breach).count(),
            services_rto_missed: services.iter().filter(|s| s.rto_missed).count(),
            services_rpo_breached: services.iter().filter(|s| s.rpo_breach).count(),
            services_in_emergency_operation: services
                .iter()
                .filter(|s| s.emergency_operation.is_some())
                .count(),
            services_unsupported: count_sv(State::Unsupported),
            services_degraded: count_sv(State::Degraded),
            systems_down: count(State::Down),
            systems_replaced: count(State::Replaced),
            systems_unsupported: count(State::Unsupported),
            systems_degraded: count(State::Degraded),
            restore_ability_lost: restore_ability_lost.len(),
        };
        Report {
            scenario: spec.id.clone(),
            name: spec.name.clone(),
            as_of,
            cuts: spec.cuts.iter().map(|c| cut_label(g, &c.target)).collect(),
            cut_terms: spec
                .cuts
                .iter()
                .map(|c| CutTerm {
                    cut: cut_label(g, &c.target),
                    kind: c.kind,
                    duration_hours: c.duration.map(|d| d.as_hours()),
                })
                .collect(),
            cut_vendors: m
                .vendor_ids()
                .filter_map(|v| {
                    set.vendors[v.index()].as_ref().map(|o| {
                        let term = set.vendor_terms[v.index()];
                        CutVendor {
                            id: m.vendor(v).id.clone(),
                            name: m.vendor(v).name.clone(),
                            origin: o.label(),
                            kind: term.kind,
                            back_at_hours: term.until.is_finite().then_some(term.until),
                            contact: m.vendor(v).contact.clone(),
                        }
                    })
                })
                .collect(),
            summary,
            services,
            systems,
            restart_order,
            restore_ability_lost,
            stranded_data,
            stranded_volume_gb,
            annual_cost_at_risk,
            contracts_at_risk,
            price_shock,
        }
    }

    /// A down system as report data.
    fn down_system(&self, d: &propagate::Down<SystemId>, back: &Back) -> SystemResult {
        let g = self.g;
        let sys = g.model().system(d.id);
        let at = back.at.is_finite().then_some(back.at);
        let restore = at.map(|b| (b - d.at).max(0.0));
        let data_loss = match back.via {
            Via::Backup => recovery::facts(g, d.id).rpo_hours,
            _ => None,
        };
        SystemResult {
            id: sys.id.clone(),
            name: sys.name.clone(),
            criticality: sys.criticality,
            state: State::Down,
            down_from_day: Some(d.day),
            down_at_hours: Some(d.at),
            cause: link(g, &d.cause),
            back_at_hours: at,
            restore_hours: restore,
            restore_days: restore.map(|h| round1(h / 24.0)),
            restore_by: self.restore_by(d.id, back.via, back.wait.clone()),
            data_loss_hours: data_loss,
            data_loss_with: None,
            stops_at_hours: None,
            strategic_switch: back.switch.and_then(|(i, at)| {
                let o = self.alternatives_of(d.id);
                let opt = o.get(i)?;
                Some(StrategicSwitch {
                    alternative: alternative_label(g, &opt.alternative),
                    estimate_given: opt.given,
                    ready_at_hours: at,
                })
            }),
        }
    }

    /// The path of a system as report data.
    fn restore_by(&self, s: SystemId, via: Via, waits_for: Option<Wait>) -> Option<RestoreBy> {
        let g = self.g;
        let m = g.model();
        let sys = m.system(s);
        match via {
            Via::Unknown => None,
            Via::Restart => Some(RestoreBy::Restart { waits_for }),
            Via::Backup => Some(RestoreBy::Backup {
                backup_system: sys.recovery.backup_system.map(|b| m.system(b).id.clone()),
                waits_for,
            }),
            Via::Fallback => Some(RestoreBy::Fallback {
                fallback: sys
                    .recovery
                    .fallback
                    .as_ref()
                    .map(|a| alternative_label(g, a))
                    .unwrap_or_default(),
                waits_for,
            }),
            Via::Switch(i) => {
                let o = self.alternatives_of(s);
                let opt = o.get(i)?;
                Some(RestoreBy::Switch {
                    alternative: alternative_label(g, &opt.alternative),
                    estimate_given: opt.given,
                    waits_for,
                })
            }
        }
    }

    /// A service as report data.
    fn service_result(
        &self,
        sv: ServiceId,
        state: State,
        down: Option<f64>,
        cause: String,
        back: f64,
        loss_of: impl Fn(SystemId) -> Option<f64>,
    ) -> ServiceResult {
        let g = self.g;
        let m = g.model();
        let svc = m.service(sv);
        let is_down = state == State::Down;
        let back_at = (is_down && back.is_finite()).then_some(back);
        let restore = match (down, back_at) {
            (Some(d), Some(b)) => Some((b - d).max(0.0)),
            _ => None,
        };
        let max_h = svc.max_outage.map(|d| d.as_hours());
        let rto_h = svc.rto.map(|d| d.as_hours());
        let breach = is_down
            && match (restore, max_h) {
                (None, _) => true,
                (Some(x), Some(max)) => x > max,
                (Some(_), None) => false,
            };
        let rto_missed = is_down && rto_h.is_some_and(|rto| restore.is_none_or(|x| x > rto));
        let data_loss = if is_down {
            svc.needs
                .iter()
                .flat_map(|d| d.members())
                .filter_map(|t| loss_of(*t))
                .reduce(f64::max)
        } else {
            None
        };
        let rpo_h = svc.rpo.map(|d| d.as_hours());
        let rpo_breach = matches!((data_loss, rpo_h), (Some(l), Some(r)) if l > r);
        let emergency_operation = match (&svc.workaround, down) {
            (Some(w), Some(d)) if is_down => {
                let from = d + w.from.as_hours();
                back_at
                    .is_none_or(|b| from < b)
                    .then(|| EmergencyOperation {
                        text: w.text.clone(),
                        from_hours: from,
                        until_hours: back_at,
                        capacity: w.capacity,
                    })
            }
            _ => None,
        };
        ServiceResult {
            id: svc.id.clone(),
            name: svc.name.clone(),
            criticality: svc.criticality,
            users: svc.users,
            state,
            down_from_day: down.map(propagate::day_of),
            down_at_hours: down,
            cause,
            back_at_hours: back_at,
            restore_hours: restore,
            restore_days: restore.map(|h| round1(h / 24.0)),
            max_outage_days: svc.max_outage.map(|d| d.as_days()),
            max_outage_hours: max_h,
            rto_hours: rto_h,
            rpo_hours: rpo_h,
            breach,
            rto_missed,
            data_loss_hours: data_loss,
            rpo_breach,
            emergency_operation,
        }
    }

    /// The state of every in-use system that is not up: down or replaced
    /// by the outcome; else unsupported when its vendor is cut; else
    /// degraded when a soft dependency or a member of an `any` group it
    /// relies on is down.
    fn classify(&self, set: &CutSet, o: &Outcome) -> Vec<Option<State>> {
        let g = self.g;
        let m = g.model();
        let mut out: Vec<Option<State>> = vec![None; m.systems.len()];
        for d in &o.systems {
            out[d.id.index()] = Some(State::Down);
        }
        for d in &o.replaced {
            out[d.id.index()] = Some(State::Replaced);
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

    /// The states of a scenario without the report (no recovery, findings
    /// or money): every system and service that is not up, in id order.
    /// The same states as [`Simulator::simulate`]; what the networkx
    /// comparison (`benches/networkx`) computes, for the benchmark of the
    /// same work.
    pub fn states(&self, spec: &Spec) -> States {
        let g = self.g;
        let m = g.model();
        let set = CutSet::resolve_terms(g, &spec.cuts);
        let countries = cut_countries(&spec.cuts);
        let mut mem = self.memory();
        let seeds = self.engine.all_seeds_at(&set);
        let cuts = Cuts {
            set: &set,
            countries: &countries,
            names: self.vendor_names(),
        };
        let options = |s: SystemId| self.alternatives_of(s);
        let raw = self.engine.run_at(&seeds, None, &mut mem.scratch);
        for (k, d) in raw.systems.iter().enumerate() {
            mem.pos[d.id.index()] = k as u32;
        }
        for (s, at) in recovery::replacement_hours(g, &cuts, &raw, &mem.pos, &options) {
            mem.replaced[s.index()] = at;
        }
        let o = self
            .engine
            .run_at(&seeds, Some(&mem.replaced), &mut mem.scratch);
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
    /// systems it needs (`state_of`): the most severe of them, a down or
    /// replaced system (that did not take the service down) degrading it;
    /// with the system that decides it.
    fn service_state(
        &self,
        sv: ServiceId,
        state_of: impl Fn(SystemId) -> Option<State>,
    ) -> Option<(State, SystemId)> {
        let m = self.g.model();
        let mut best: Option<(State, SystemId)> = None;
        for t in m.service(sv).needs.iter().flat_map(|d| d.members()) {
            let st = match state_of(*t) {
                Some(State::Down | State::Replaced) => State::Degraded,
                Some(s) => s,
                None => continue,
            };
            if best.is_none_or(|(b, _)| st < b) {
                best = Some((st, *t));
            }
        }
        best
    }

    /// The single-vendor cut of every vendor, withdrawn, ranked (see
    /// [`EachVendor`]). Runs on the rayon pool; the result does not depend
    /// on the number of threads.
    pub fn each_vendor(&self, as_of: NaiveDate) -> EachVendor {
        self.each_vendor_as(as_of, Term::WITHDRAWAL)
    }

    /// [`Simulator::each_vendor`] with every vendor cut by the same term
    /// (`--as outage --for 3d`).
    pub fn each_vendor_as(&self, as_of: NaiveDate, term: Term) -> EachVendor {
        let m = self.g.model();
        let vendors: Vec<VendorId> = m.vendor_ids().collect();
        let threads = rayon::current_num_threads().max(1);
        let chunk = (vendors.len() / (threads * 8)).max(1);
        let mut rows: Vec<VendorImpact> = vendors
            .par_chunks(chunk)
            .map(|chunk| {
                let mut w = Worker {
                    mem: self.memory(),
                    set: CutSet::resolve(self.g, &[]),
                };
                chunk
                    .iter()
                    .map(|v| self.impact(*v, term, &mut w, as_of))
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
            kind: term.kind,
            duration_hours: (term.kind != CutKind::Withdrawal).then_some(term.until),
            weights: Weights::of_criticality(),
            vendors: rows,
        }
    }

    /// The single-vendor cut of one vendor, with reusable memory.
    fn impact(&self, v: VendorId, term: Term, w: &mut Worker, as_of: NaiveDate) -> VendorImpact {
        let g = self.g;
        let m = g.model();
        let controlled = g.controlled(v);
        let ix = self.index();
        let mut touched: Vec<SystemId> = controlled
            .iter()
            .flat_map(|x| ix.systems_of[x.index()].iter().copied())
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let origin = Origin::Vendor(m.vendor(v).id.clone());
        for x in &controlled {
            w.set.vendors[x.index()] = Some(origin.clone());
            w.set.vendor_terms[x.index()] = term;
        }
        // Only systems the controlled vendors make or operate can be seeded.
        let seeds = self.engine.seeds_at(&w.set, touched.iter().copied());
        let core = self.core(&w.set, &[], &seeds, &mut w.mem);
        let (o, r) = (&core.o, &core.r);
        let mut services: Vec<(Criticality, &str, bool)> = o
            .services
            .iter()
            .enumerate()
            .map(|(k, d)| {
                let svc = m.service(d.id);
                let back = r.services[k];
                let breach = match (back.is_finite(), svc.max_outage) {
                    (false, _) => true,
                    (true, Some(max)) => (back - d.at).max(0.0) > max.as_hours(),
                    (true, None) => false,
                };
                (svc.criticality, svc.id.as_str(), breach)
            })
            .collect();
        services.sort_by(|a, b| (Reverse(a.0.weight()), a.1).cmp(&(Reverse(b.0.weight()), b.1)));
        let stranded_volume_gb = total(
            findings::stranded(g, ix, &w.set, &controlled, o)
                .iter()
                .map(|s| s.volume_gb),
        );
        let cuts = Cuts {
            set: &w.set,
            countries: &[],
            names: self.vendor_names(),
        };
        let restore_ability_lost = findings::backups(g, ix, &cuts, &controlled, o, &r.same).len();
        let unsupported: Vec<SystemId> = touched
            .iter()
            .copied()
            .filter(|s| {
                o.system(*s).is_none()
                    && o.replaced.binary_search_by_key(s, |d| d.id).is_err()
                    && matches!(m.system(*s).vendor, Party::Vendor(x) if w.set.vendor_cut(x))
            })
            .collect();
        let mut affected: Vec<SystemId> = o
            .systems
            .iter()
            .chain(&o.replaced)
            .map(|d| d.id)
            .chain(unsupported.iter().copied())
            .collect();
        affected.sort_unstable();
        affected.dedup();
        let annual_cost_at_risk = total(
            findings::contracts(g, ix, &w.set, &controlled, &affected, as_of)
                .iter()
                .filter_map(|c| c.annual_cost),
        );
        for x in &controlled {
            w.set.vendors[x.index()] = None;
            w.set.vendor_terms[x.index()] = Term::WITHDRAWAL;
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
            systems_unsupported: unsupported.len(),
            restore_ability_lost,
            first_service_down_day: o.services.iter().map(|d| d.day).min(),
            stranded_volume_gb,
            annual_cost_at_risk,
        }
    }
}

/// Per-thread memory of `--each-vendor`: run memory and a cut set that is
/// set for one vendor's controlled set and cleared after.
struct Worker {
    mem: Memory,
    set: CutSet,
}

/// The down systems in the order they are back: by the hour, then the
/// hour the work starts, then criticality and id.
fn restart_order(
    g: &Graph,
    o: &Outcome,
    backs: &[Back],
    systems: &[SystemResult],
    pos: &[u32],
) -> Vec<RestartStep> {
    let m = g.model();
    let mut steps: Vec<RestartStep> = o
        .systems
        .iter()
        .zip(backs)
        .filter_map(|(d, back)| {
            let sys = m.system(d.id);
            let by = systems
                .get(pos[d.id.index()] as usize)?
                .restore_by
                .as_ref()?;
            let f = recovery::facts(g, d.id);
            let mut defaults = Vec::new();
            let mut default = |given: Source, fig: Figure| {
                if given == Source::Default {
                    defaults.push(fig);
                }
            };
            match by {
                RestoreBy::Restart { .. } => default(f.restart_source, Figure::Restart),
                RestoreBy::Backup { .. } => {
                    default(f.restore_source, Figure::Restore);
                    default(f.rpo_source, Figure::Rpo);
                }
                RestoreBy::Fallback { .. } => default(f.setup_source, Figure::Setup),
                RestoreBy::Switch { estimate_given, .. } => {
                    if !estimate_given {
                        defaults.push(Figure::SwitchEstimate);
                    }
                }
            }
            back.at.is_finite().then(|| RestartStep {
                step: 0,
                system: sys.id.clone(),
                name: sys.name.clone(),
                criticality: sys.criticality,
                path: by.path(),
                start_hours: back.start.max(0.0),
                end_hours: back.at,
                waits_for: by.waits_for().cloned(),
                defaults,
            })
        })
        .collect();
    steps.sort_by(|a, b| {
        (
            key(a.end_hours),
            key(a.start_hours),
            Reverse(a.criticality.weight()),
            &a.system,
        )
            .cmp(&(
                key(b.end_hours),
                key(b.start_hours),
                Reverse(b.criticality.weight()),
                &b.system,
            ))
    });
    for (i, s) in steps.iter_mut().enumerate() {
        s.step = i + 1;
    }
    steps
}

/// Whether a system hosts what runs on it (their disks are its data): a
/// virtualisation or storage platform.
fn is_host(category: &str) -> bool {
    matches!(category, "virtualisation" | "storage")
}

/// Data loss follows the hosting: a down system that restarts on a
/// virtualisation or storage platform it hard-depends on, after the
/// platform was restored from a backup, comes back with the platform's
/// restored state and loses the same recent data (the platform's, or its
/// own when larger). Platforms on platforms pass it on. Systems are taken
/// in the order they are back, so a platform is settled before what runs
/// on it (it restarts only after the platform is back).
fn inherit_data_loss(g: &Graph, systems: &mut [SystemResult], ids: &[SystemId]) {
    let m = g.model();
    let mut pos = vec![usize::MAX; m.systems.len()];
    for (i, s) in ids.iter().enumerate() {
        pos[s.index()] = i;
    }
    let mut order: Vec<usize> = (0..systems.len())
        .filter(|&i| systems[i].state == State::Down && systems[i].back_at_hours.is_some())
        .collect();
    order.sort_by_key(|&i| (systems[i].back_at_hours.map(key), i));
    for i in order {
        if !matches!(systems[i].restore_by, Some(RestoreBy::Restart { .. })) {
            continue;
        }
        let s = ids[i];
        let mut best: Option<(f64, &str)> = None;
        for t in g.hard_deps(s) {
            let host = m.system(*t);
            if !is_host(&host.category) {
                continue;
            }
            let j = pos[t.index()];
            if j == usize::MAX {
                continue;
            }
            if let Some(h) = systems[j].data_loss_hours
                && best.is_none_or(|(b, _)| h > b)
            {
                best = Some((h, host.id.as_str()));
            }
        }
        if let Some((h, host)) = best
            && systems[i].data_loss_hours.is_none_or(|own| h > own)
        {
            let host = host.to_string();
            systems[i].data_loss_hours = Some(h);
            systems[i].data_loss_with = Some(host);
        }
    }
}

/// The next link of a cause: a system id, `vendor:ID`, or the cut itself.
fn link(g: &Graph, c: &Cause) -> String {
    let m = g.model();
    match c {
        Cause::Dependency(t) => m.system(*t).id.clone(),
        Cause::Cut(o) => o.label(),
        Cause::Operator(v, _) | Cause::LicenceCheck(v, _) => format!("vendor:{}", m.vendor(*v).id),
    }
}

/// Heap and sort key of a non-negative time (`f64` bits order like the numbers).
fn key(x: f64) -> u64 {
    x.max(0.0).to_bits()
}

/// A sum that is `0.0`, not `-0.0`, when empty (std's `f64` sum starts at `-0.0`).
fn total(it: impl Iterator<Item = f64>) -> f64 {
    it.fold(0.0, |a, b| a + b)
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The countries of the jurisdiction cuts, sorted.
fn cut_countries(cuts: &[ScenarioCut]) -> Vec<Country> {
    let mut out: Vec<Country> = cuts
        .iter()
        .flat_map(|c| match &c.target {
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

/// Sorts `v` by `cmp`, which must tell every two elements apart (its
/// last key is an id): the same order as a stable sort, but the elements,
/// a few hundred bytes each, are moved once instead of at every step, and
/// only their positions are sorted.
pub(crate) fn sort_unique<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let order = order_unique(v, cmp);
    permute(v, &order);
}

/// The positions of `v` in the order of `cmp` (see [`sort_unique`]).
fn order_unique<T>(v: &[T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| cmp(&v[a as usize], &v[b as usize]));
    order
}

/// Puts `v` in `order` (a permutation of its positions).
fn permute<T>(v: &mut Vec<T>, order: &[u32]) {
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i as usize).and_then(Option::take)),
    );
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
