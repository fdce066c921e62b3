//! The lock-in score of a system (0 to 100), the hotspot ranking, and the
//! vendor aggregate.
//!
//! A system's score is the sum of eight factors, each with its points and a
//! sentence that says where the points come from (docs/methodology.md#lock-in-score-hotspots-and-the-vendor-aggregate
//! gives every formula and default):
//!
//! | factor | fraction of its weight |
//! |---|---|
//! | data_portability | 0.5 export (none 1, closed only 0.7, undocumented 0.5, open 0) + 0.3 share of closed stored formats (undocumented 0.5) + 0.2 volume (log10 of GB against `volume_full_gb`) |
//! | interfaces | 0.5 x/(x + `integrations_half`) with x = open interfaces + 2 x proprietary ones, + 0.5 y/(y + `dependents_half`) with y = direct dependents + 0.5 x indirect ones (systems and services) |
//! | alternatives | 1 none known, 0.5 only alternatives exposed outside the trusted set, 0 a trusted one |
//! | switch_time | P80 switch time / (`switch_full_ratio` x `switch_target`), at most 1 |
//! | contract_terms | mean of notice / `notice_full_months` (at most 1), auto-renewal (1/0), data retrieval of cloud and hosting contracts (none 1, under 30 days 0.5) |
//! | jurisdiction | 0.5 operator, 0.3 vendor exposed outside the trusted set, 0.2 region not trusted |
//! | licence | 1 proprietary, 0 open source |
//! | criticality | highest criticality weight of the system and of the services resting on it, / 4 |
//!
//! Points are rounded to one decimal and the score is the sum of the rounded
//! points, so the factors shown always add up to the score shown.
//!
//! Every factor is monotone in the direction the issue demands (closing a
//! format, removing the last export, adding a dependent, lengthening the
//! notice, or moving the vendor under an untrusted parent never lowers the
//! score; adding a trusted alternative never raises it): the fractions only
//! use counts, maxima and "any" tests that move one way. The property tests
//! in `lockin/props.rs` check each direction on random models.
//!
//! Impact (hotspots): each part, the system's own use and each service that
//! fails when the system alone is cut (the propagation engine decides; soft
//! and redundant dependents are listed but keep running, so they do not
//! count), hits `(criticality / 4) x min(1, log10(10 + users) / log10(10 + 100,000))`.
//! Parts combine like independent chances: impact = 1 - product(1 - part),
//! so it stays within 0..1 and grows with each
//! service. Hotspot = score x (floor + (1 - floor) x impact), floor 0.5 by
//! default (`impact_floor`): lock-in is weighted by impact, and a system
//! nothing rests on keeps half its score, because its lock-in still costs
//! at the exit (stranded data, licences) even when no service stops.

use crate::analysis::propagate::{Cause, CutSet, Engine, Origin, Outcome, Scratch};
use crate::analysis::{spend, switch};
use crate::catalog::Catalog;
use crate::graph::Graph;
use crate::model::defaults::LockinWeights;
use crate::model::{
    Alternative, ContractId, ContractKind, Criticality, Party, ServiceId, Status, SystemId,
    VendorId,
};
use serde::Serialize;
use std::cell::{OnceCell, RefCell};

mod reach;
mod reason;
use crate::analysis::propagate::single::SingleCuts;
use reach::Reach;
pub use reason::{
    AlternativeTrust, ChainLink, Export, FactorName, ImpactHow, NoticeTerm, Reason, RetrievalTerm,
    Stored,
};
use std::collections::BTreeMap;

/// Users at which the user part of an impact is full (a large city's citizens).
pub const IMPACT_USERS_FULL: f64 = 100_000.0;

/// Rounds to one decimal.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Rounds to three decimals.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// One part of a score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Factor {
    pub name: FactorName,
    /// Points, rounded to one decimal; the points of a score add up to it.
    pub points: f64,
    /// The most points this factor can give (its scaled weight).
    pub max: f64,
    /// Why: the facts and numbers behind the points.
    pub reason: Reason,
}

/// The lock-in score of one system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemScore {
    pub id: String,
    pub name: String,
    pub category: String,
    pub status: Status,
    /// 0..100, one decimal: the sum of the factors' points.
    pub score: f64,
    pub factors: Vec<Factor>,
}

/// One part of an impact: the system's own use, or a service resting on it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImpactPart {
    /// The service, or `None` for the system's own users.
    pub service: Option<String>,
    pub criticality: Criticality,
    pub users: u64,
    /// Own use, fails if cut, or degrades only (listed, not counted).
    pub how: ImpactHow,
    /// The part's hit, 0..1, three decimals.
    pub value: f64,
}

/// How much rests on a system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Impact {
    /// 0..1, three decimals.
    pub value: f64,
    /// Own use first, then services by id.
    pub parts: Vec<ImpactPart>,
}

/// A ranked system of the hotspots report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotSystem {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub category: String,
    pub score: f64,
    pub impact: f64,
    /// score x (floor + (1 - floor) x impact), one decimal; floor 0.5 by default.
    pub hotspot: f64,
    pub factors: Vec<Factor>,
    pub impact_parts: Vec<ImpactPart>,
}

/// The aggregate of one vendor group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorAggregate {
    /// The top parent's id.
    pub id: String,
    pub name: String,
    pub country: crate::model::Country,
    /// 0..100: the sum of the factors' points.
    pub score: f64,
    pub factors: Vec<Factor>,
    /// Fraction of annual spend (0..1, four decimals).
    pub spend_share: f64,
    pub annual_cost: f64,
    /// Critical services (criticality critical or high) that fail when this
    /// vendor group alone is cut, at any day; sorted by id.
    pub single_point_for: Vec<String>,
    /// The earliest day after the cut on which one of those services fails
    /// (later than 0 when the vendor only makes the systems and their
    /// licence check runs out).
    pub single_point_day: Option<u32>,
    /// The day each of `single_point_for` fails, in the same order.
    pub single_point_days: Vec<u32>,
    /// Its most locked-in in-use system.
    pub top_system: Option<String>,
    /// Its in-use systems (made or operated by a company of the group), sorted by id.
    pub systems: Vec<String>,
}

/// The hotspots report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotsReport {
    /// In-use systems by hotspot (score x impact), largest first.
    pub systems: Vec<HotspotSystem>,
    /// Vendor groups by score, largest first.
    pub vendors: Vec<VendorAggregate>,
    pub concentration: spend::Concentration,
    /// The impact floor used: hotspot = score x (floor + (1 - floor) x impact).
    pub impact_floor: f64,
    /// Candidate systems scored on the same criteria (when asked for), by
    /// category, then score (lowest first), then id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<Vec<SystemScore>>,
}

/// Whether a service counts as critical for single points of failure:
/// criticality `critical` or `high` (the same threshold as core systems).
pub fn is_critical_service(c: Criticality) -> bool {
    c.weight() >= Criticality::High.weight()
}

/// Scores systems; holds what many scores share (engine, interface lists).
pub struct Scorer<'g> {
    g: &'g Graph,
    engine: Engine<'g>,
    scratch: Scratch,
    w: LockinWeights,
    scale: f64,
    /// Per system: interfaces touching it, as (other end, open).
    touching: Vec<Vec<(SystemId, bool)>>,
    /// Visited marks of [`Scorer::dependents`], all false between calls, so
    /// that a call costs what it reaches, not the size of the landscape.
    seen: RefCell<Vec<bool>>,
    /// The last result of [`Scorer::dependents`]: one score and impact ask
    /// for the same system's dependents four times in a row.
    last_dependents: RefCell<Option<(SystemId, Dependents)>>,
    /// What the vendor aggregates share, built on their first use.
    groups: OnceCell<GroupTables>,
    /// Reusable cut set and scratch of the vendor-group cuts.
    group_cut: RefCell<Option<(CutSet, Scratch)>>,
    /// What rests on every in-use system, built on the first score.
    reach: OnceCell<Reach>,
    /// What every system's cut alone takes down, when the caller scores
    /// them all ([`Scorer::with_single_cuts`]).
    single: Option<SingleCuts>,
}

/// Direct and indirect in-use dependents of a system.
type Dependents = (Vec<SystemId>, Vec<SystemId>);

/// Tables every vendor aggregate reads: built once instead of once per
/// vendor group (per group they made the hotspots quadratic in size).
struct GroupTables {
    /// [`spend::group_costs`].
    costs: BTreeMap<VendorId, (f64, Vec<ContractId>)>,
    /// [`spend::total_of`] the costs.
    total_cost: f64,
    /// Per vendor: the in-use systems it makes or operates, sorted.
    systems_of: Vec<Vec<SystemId>>,
    /// Number of critical services ([`is_critical_service`]).
    critical: usize,
}

impl<'g> Scorer<'g> {
    pub fn new(g: &'g Graph) -> Scorer<'g> {
        let m = g.model();
        let engine = Engine::new(g);
        let scratch = engine.scratch();
        let mut touching = vec![Vec::new(); m.systems.len()];
        for it in &m.interfaces {
            if it.from == it.to {
                continue;
            }
            touching[it.from.index()].push((it.to, it.open));
            touching[it.to.index()].push((it.from, it.open));
        }
        let w = m.defaults.lockin.clone();
        let scale = w.factor_scale();
        Scorer {
            g,
            engine,
            scratch,
            w,
            scale,
            touching,
            seen: RefCell::new(vec![false; m.systems.len()]),
            last_dependents: RefCell::new(None),
            groups: OnceCell::new(),
            group_cut: RefCell::new(None),
            reach: OnceCell::new(),
            single: None,
        }
    }

    /// Computes what each system's cut alone takes down for all systems at
    /// once ([`SingleCuts`]), for a caller that asks the impact of every
    /// system: one engine run per system is quadratic on a chain.
    pub fn with_single_cuts(mut self) -> Scorer<'g> {
        self.single = Some(SingleCuts::new(&self.engine, &mut self.scratch));
        self
    }

    fn reach(&self) -> &Reach {
        self.reach.get_or_init(|| Reach::new(self.g))
    }

    /// The number of in-use systems relying on `s` directly, and of those
    /// relying on it only indirectly: the lengths of [`Scorer::dependents`].
    fn dependent_counts(&self, s: SystemId) -> (usize, usize) {
        if !self.in_use(s) {
            let (direct, indirect) = self.dependents(s);
            return (direct.len(), indirect.len());
        }
        let direct = self
            .g
            .dependents(s)
            .iter()
            .filter(|d| self.in_use(**d) && **d != s)
            .count();
        (direct, self.reach().dependents(s) - direct)
    }

    fn group_tables(&self) -> &GroupTables {
        self.groups.get_or_init(|| {
            let m = self.g.model();
            let mut systems_of: Vec<Vec<SystemId>> = vec![Vec::new(); m.vendors.len()];
            for s in m.system_ids() {
                let sys = m.system(s);
                if !sys.in_use() {
                    continue;
                }
                for p in [sys.vendor, sys.operator] {
                    if let Party::Vendor(v) = p {
                        let l = &mut systems_of[v.index()];
                        if l.last() != Some(&s) {
                            l.push(s);
                        }
                    }
                }
            }
            let costs = spend::group_costs(self.g);
            GroupTables {
                total_cost: spend::total_of(&costs),
                costs,
                systems_of,
                critical: m
                    .services
                    .iter()
                    .filter(|s| is_critical_service(s.criticality))
                    .count(),
            }
        })
    }

    /// What cutting a vendor group takes down: the same as
    /// `engine().cut(&CutSet::resolve(g, &[Cut::Vendor(top)]))`, with the
    /// seeds taken from the group's own systems (`systems`: every in-use
    /// system a vendor of `group` makes or operates) and memory reused.
    fn cut_group(&self, top: VendorId, group: &[VendorId], systems: &[SystemId]) -> Outcome {
        let mut slot = self.group_cut.borrow_mut();
        let (set, scratch) =
            slot.get_or_insert_with(|| (CutSet::resolve(self.g, &[]), self.engine.scratch()));
        let origin = Origin::Vendor(self.g.model().vendor(top).id.clone());
        self.engine
            .cut_group(set, scratch, group, &origin, systems.iter().copied())
    }

    pub fn graph(&self) -> &'g Graph {
        self.g
    }

    fn in_use(&self, s: SystemId) -> bool {
        self.g.model().system(s).in_use()
    }

    /// In-use systems that rely on `s` directly, and those that rely on it
    /// only indirectly (through other in-use systems), both sorted.
    pub fn dependents(&self, s: SystemId) -> (Vec<SystemId>, Vec<SystemId>) {
        if let Some((last, found)) = &*self.last_dependents.borrow()
            && *last == s
        {
            return found.clone();
        }
        let mut seen = self.seen.borrow_mut();
        seen[s.index()] = true;
        let direct: Vec<SystemId> = self
            .g
            .dependents(s)
            .iter()
            .copied()
            .filter(|d| self.in_use(*d) && *d != s)
            .collect();
        for d in &direct {
            seen[d.index()] = true;
        }
        let mut stack = direct.clone();
        let mut indirect = Vec::new();
        while let Some(x) = stack.pop() {
            for &d in self.g.dependents(x) {
                if !seen[d.index()] && self.in_use(d) {
                    seen[d.index()] = true;
                    indirect.push(d);
                    stack.push(d);
                }
            }
        }
        indirect.sort_unstable();
        // Leave the marks clean for the next call.
        for x in std::iter::once(&s).chain(&direct).chain(&indirect) {
            seen[x.index()] = false;
        }
        *self.last_dependents.borrow_mut() = Some((s, (direct.clone(), indirect.clone())));
        (direct, indirect)
    }

    /// Services that need `s` directly, and those that need one of its
    /// in-use dependents but not `s` itself, both sorted.
    pub fn services(&self, s: SystemId) -> (Vec<ServiceId>, Vec<ServiceId>) {
        let own: Vec<ServiceId> = self.g.needed_by(s).to_vec();
        if self.in_use(s) {
            // Everything resting on `s` (its own services among them).
            let via = self
                .reach()
                .services(s)
                .iter()
                .copied()
                .filter(|sv| own.binary_search(sv).is_err())
                .collect();
            return (own, via);
        }
        let (direct, indirect) = self.dependents(s);
        let mut via: Vec<ServiceId> = direct
            .iter()
            .chain(indirect.iter())
            .flat_map(|d| self.g.needed_by(*d).iter().copied())
            .filter(|sv| own.binary_search(sv).is_err())
            .collect();
        via.sort_unstable();
        via.dedup();
        (own, via)
    }

    /// Services that go down (at any day) when `s` alone is cut.
    pub fn fails_if_cut(&mut self, s: SystemId) -> Vec<ServiceId> {
        if !self.in_use(s) {
            return Vec::new();
        }
        let id = self.g.model().system(s).id.clone();
        let out = self
            .engine
            .run(&[(s, 0, Cause::Cut(Origin::System(id)))], &mut self.scratch);
        out.services.iter().map(|d| d.id).collect()
    }

    /// Systems that go down (at any day) when `s` alone is cut, without `s`.
    pub fn systems_down_if_cut(&mut self, s: SystemId) -> Vec<SystemId> {
        if !self.in_use(s) {
            return Vec::new();
        }
        let id = self.g.model().system(s).id.clone();
        let out = self
            .engine
            .run(&[(s, 0, Cause::Cut(Origin::System(id)))], &mut self.scratch);
        out.systems
            .iter()
            .map(|d| d.id)
            .filter(|x| *x != s)
            .collect()
    }

    /// The propagation engine, for callers that cut vendors.
    pub fn engine(&self) -> &Engine<'g> {
        &self.engine
    }

    /// The lock-in score of a system (any status).
    pub fn score(&self, s: SystemId) -> SystemScore {
        let sys = self.g.model().system(s);
        let fractions = [
            self.data_portability(s),
            self.interfaces(s),
            self.alternatives(s),
            self.switch_time(s),
            self.contract_terms(s),
            self.jurisdiction(s),
            self.licence(s),
            self.criticality(s),
        ];
        let weights = self.w.factor_weights();
        let factors: Vec<Factor> = weights
            .iter()
            .zip(FactorName::SYSTEM)
            .zip(fractions)
            .map(|(((_, w), name), (fraction, reason))| {
                let max = round1(w * self.scale);
                Factor {
                    name,
                    points: round1(w * self.scale * fraction.clamp(0.0, 1.0)),
                    max,
                    reason,
                }
            })
            .collect();
        let score = round1(factors.iter().map(|f| f.points).sum());
        SystemScore {
            id: sys.id.clone(),
            name: sys.name.clone(),
            category: sys.category.clone(),
            status: sys.status,
            score,
            factors,
        }
    }

    /// How much rests on an in-use system (0 for others).
    pub fn impact(&mut self, s: SystemId) -> Impact {
        let m = self.g.model();
        let sys = m.system(s);
        if !sys.in_use() {
            return Impact {
                value: 0.0,
                parts: Vec::new(),
            };
        }
        let fails = match &self.single {
            Some(t) => t.services(s).to_vec(),
            None => self.fails_if_cut(s),
        };
        let (own, via) = self.services(s);
        let mut all: Vec<ServiceId> = own.into_iter().chain(via).collect();
        all.sort_unstable();
        all.dedup();
        let mut parts = vec![ImpactPart {
            service: None,
            criticality: sys.criticality,
            users: sys.users,
            how: ImpactHow::OwnUse,
            value: round3(hit(sys.criticality, sys.users)),
        }];
        for sv in all {
            let service = m.service(sv);
            let alone = fails.binary_search(&sv).is_ok();
            parts.push(ImpactPart {
                service: Some(service.id.clone()),
                criticality: service.criticality,
                users: service.users,
                how: if alone {
                    ImpactHow::FailsIfCut
                } else {
                    ImpactHow::DegradesOnly
                },
                value: if alone {
                    round3(hit(service.criticality, service.users))
                } else {
                    0.0
                },
            });
        }
        // Combined from the rounded parts, so that a reader can redo it.
        let miss: f64 = parts.iter().map(|p| 1.0 - p.value).product();
        Impact {
            value: round3(1.0 - miss),
            parts,
        }
    }

    // ---- the eight factors: each returns (fraction 0..1, reason) ----

    fn data_portability(&self, s: SystemId) -> (f64, Reason) {
        let m = self.g.model();
        let sys = m.system(s);
        if sys.data.is_none() && sys.formats.is_empty() && sys.exports.is_none() {
            return (0.0, Reason::NoDataRecorded);
        }
        let ids = |fs: &[crate::model::FormatId]| -> Vec<String> {
            fs.iter().map(|f| m.format(*f).id.clone()).collect()
        };
        let (export_part, export) = match &sys.exports {
            None => (0.5, Export::NotDocumented),
            Some(list) if list.is_empty() => (1.0, Export::None),
            Some(list) => {
                let open: Vec<_> = list.iter().copied().filter(|f| m.format(*f).open).collect();
                if open.is_empty() {
                    (0.7, Export::ClosedOnly { formats: ids(list) })
                } else {
                    (
                        0.0,
                        Export::Open {
                            formats: ids(&open),
                        },
                    )
                }
            }
        };
        let (stored_part, stored) = if sys.formats.is_empty() {
            (0.5, Stored::NotDocumented)
        } else {
            let closed: Vec<_> = sys
                .formats
                .iter()
                .copied()
                .filter(|f| !m.format(*f).open)
                .collect();
            let n = sys.formats.len();
            let stored = if closed.is_empty() {
                Stored::Open {
                    formats: ids(&sys.formats),
                }
            } else {
                Stored::Closed {
                    closed: ids(&closed),
                    of: n,
                }
            };
            (closed.len() as f64 / n as f64, stored)
        };
        let gb = sys.data.as_ref().map(|d| d.volume_gb).unwrap_or(0.0);
        let full = LockinWeights::positive(
            self.w.volume_full_gb,
            LockinWeights::default().volume_full_gb,
        );
        let volume = if gb > 1.0 && full > 1.0 {
            (gb.log10() / full.log10()).min(1.0)
        } else {
            0.0
        };
        let fraction = 0.5 * export_part + 0.3 * stored_part + 0.2 * volume;
        (
            fraction,
            Reason::DataPortability {
                export,
                stored,
                volume_gb: sys.data.as_ref().map(|d| d.volume_gb),
            },
        )
    }

    fn interfaces(&self, s: SystemId) -> (f64, Reason) {
        let m = self.g.model();
        let mut open = 0u32;
        let mut closed = 0u32;
        for (other, is_open) in &self.touching[s.index()] {
            if m.system(*other).status == Status::Retired {
                continue;
            }
            if *is_open {
                open += 1;
            } else {
                closed += 1;
            }
        }
        let (direct, indirect) = self.dependent_counts(s);
        let (own, via) = self.services(s);
        let x = open as f64 + 2.0 * closed as f64;
        let y = (direct + own.len()) as f64 + 0.5 * (indirect + via.len()) as f64;
        let d = LockinWeights::default();
        let hi = LockinWeights::positive(self.w.integrations_half, d.integrations_half);
        let hd = LockinWeights::positive(self.w.dependents_half, d.dependents_half);
        let fraction = 0.5 * x / (x + hi) + 0.5 * y / (y + hd);
        (
            fraction,
            Reason::Interfaces {
                interfaces: open + closed,
                proprietary: closed,
                direct_systems: direct,
                direct_services: own.len(),
                indirect_systems: indirect,
                indirect_services: via.len(),
            },
        )
    }

    /// Whether an alternative is free of untrusted jurisdictions, and why not.
    pub fn alternative_trust(&self, a: &Alternative) -> AlternativeTrust {
        let m = self.g.model();
        let trusted = &m.organisation.trusted;
        match a {
            Alternative::System(t) => {
                let sys = m.system(*t);
                let mut bad = self.g.untrusted_exposure(sys.vendor);
                bad.extend(self.g.untrusted_exposure(sys.operator));
                bad.sort_unstable();
                bad.dedup();
                let region_ok = trusted.trusts_region(sys.region);
                AlternativeTrust {
                    id: sys.id.clone(),
                    trusted: bad.is_empty() && region_ok,
                    untrusted_region: (!region_ok).then_some(sys.region),
                    outside: bad,
                    known: true,
                }
            }
            Alternative::Catalog(id) => match Catalog::builtin().get(id) {
                Some(e) => {
                    let country = crate::model::Country::parse(&e.country).ok();
                    let ok = country.map(|c| trusted.contains(c)).unwrap_or(false);
                    AlternativeTrust {
                        id: format!("catalog:{id}"),
                        trusted: ok,
                        outside: if ok {
                            Vec::new()
                        } else {
                            country.into_iter().collect()
                        },
                        untrusted_region: None,
                        known: true,
                    }
                }
                None => AlternativeTrust {
                    id: format!("catalog:{id}"),
                    trusted: false,
                    outside: Vec::new(),
                    untrusted_region: None,
                    known: false,
                },
            },
        }
    }

    fn alternatives(&self, s: SystemId) -> (f64, Reason) {
        let sys = self.g.model().system(s);
        if sys.alternatives.is_empty() {
            let catalogue: Vec<String> = catalogue_suggestions(self.g, s)
                .iter()
                .map(|e| e.id.clone())
                .collect();
            return (
                1.0,
                Reason::NoAlternative {
                    category: sys.category.clone(),
                    catalogue,
                },
            );
        }
        let (good, bad): (Vec<_>, Vec<_>) = sys
            .alternatives
            .iter()
            .map(|a| self.alternative_trust(a))
            .partition(|t| t.trusted);
        if good.is_empty() {
            (0.5, Reason::OnlyUntrustedAlternatives { alternatives: bad })
        } else {
            (0.0, Reason::TrustedAlternative { alternatives: good })
        }
    }

    fn switch_time(&self, s: SystemId) -> (f64, Reason) {
        let m = self.g.model();
        // The numbers of `switch::estimate` without its texts (one per system).
        let (p80_days, given) = switch::p80(self.g, s);
        let target = m.organisation.switch_target.as_days();
        let full = LockinWeights::positive(
            self.w.switch_full_ratio,
            LockinWeights::default().switch_full_ratio,
        );
        let ratio = if target > 0.0 {
            p80_days / target
        } else if p80_days > 0.0 {
            f64::INFINITY
        } else {
            0.0
        };
        let fraction = (ratio / full).min(1.0);
        (
            fraction,
            Reason::SwitchTime {
                p80_days,
                given,
                target_days: target,
                full_ratio: full,
            },
        )
    }

    fn contract_terms(&self, s: SystemId) -> (f64, Reason) {
        let m = self.g.model();
        let contracts: Vec<_> = self
            .g
            .contracts_of(s)
            .iter()
            .copied()
            .filter(|&c| self.g.contract_running(c))
            .collect();
        if contracts.is_empty() {
            return (0.0, Reason::NoContract);
        }
        let full_days = LockinWeights::positive(
            self.w.notice_full_months,
            LockinWeights::default().notice_full_months,
        ) * crate::model::duration::DAYS_PER_MONTH;
        let mut notice: Option<(f64, NoticeTerm)> = None;
        let mut renewal: Option<String> = None;
        let mut retrieval: (f64, Option<RetrievalTerm>) = (0.0, None);
        for c in contracts {
            let c = m.contract(c);
            let n = (c.notice.as_days() / full_days).min(1.0);
            if notice.as_ref().is_none_or(|(best, _)| n > *best) {
                notice = Some((
                    n,
                    NoticeTerm {
                        contract: c.id.clone(),
                        notice: c.notice,
                    },
                ));
            }
            if c.renewal.is_some() && renewal.is_none() {
                renewal = Some(c.id.clone());
            }
            if matches!(c.kind, ContractKind::Cloud | ContractKind::Hosting) {
                let r = match c.data_retrieval {
                    None => 1.0,
                    Some(d) if d.as_days() < crate::analysis::data_act::MIN_RETRIEVAL_DAYS => 0.5,
                    Some(_) => 0.0,
                };
                if r > retrieval.0 {
                    retrieval = (
                        r,
                        Some(RetrievalTerm {
                            contract: c.id.clone(),
                            period: c.data_retrieval,
                        }),
                    );
                }
            }
        }
        let renew = if renewal.is_some() { 1.0 } else { 0.0 };
        let (n, notice) = match notice {
            Some(n) => n,
            None => return (0.0, Reason::NoContract),
        };
        let fraction = (n + renew + retrieval.0) / 3.0;
        (
            fraction,
            Reason::ContractTerms {
                notice,
                renews: renewal,
                retrieval: retrieval.1,
            },
        )
    }

    fn jurisdiction(&self, s: SystemId) -> (f64, Reason) {
        let m = self.g.model();
        let sys = m.system(s);
        let op = self.g.untrusted_exposure(sys.operator);
        let ven = self.g.untrusted_exposure(sys.vendor);
        let region_ok = m.organisation.trusted.trusts_region(sys.region);
        let fraction = 0.5 * (!op.is_empty()) as u8 as f64
            + 0.3 * (!ven.is_empty()) as u8 as f64
            + 0.2 * (!region_ok) as u8 as f64;
        let chain = |p: Party| match p {
            Party::Own => None,
            Party::Vendor(v) => Some(chain(self.g, v)),
        };
        (
            fraction,
            Reason::Jurisdiction {
                operator: chain(sys.operator),
                operator_outside: op,
                vendor: chain(sys.vendor),
                vendor_outside: ven,
                region: sys.region,
                region_trusted: region_ok,
            },
        )
    }

    fn licence(&self, s: SystemId) -> (f64, Reason) {
        let sys = self.g.model().system(s);
        match sys.licence {
            crate::model::Licence::Proprietary => (1.0, Reason::Licence { open_source: false }),
            crate::model::Licence::OpenSource => (0.0, Reason::Licence { open_source: true }),
        }
    }

    fn criticality(&self, s: SystemId) -> (f64, Reason) {
        let m = self.g.model();
        let sys = m.system(s);
        let (own, via) = self.services(s);
        let mut best: (Criticality, Option<String>) = (sys.criticality, None);
        for sv in own.iter().chain(via.iter()) {
            let service = m.service(*sv);
            if service.criticality.weight() > best.0.weight() {
                best = (service.criticality, Some(service.id.clone()));
            }
        }
        (
            best.0.weight() as f64 / 4.0,
            Reason::Criticality {
                criticality: best.0,
                service: best.1,
                services: own.len() + via.len(),
            },
        )
    }
}

/// The impact floor, within 0..1 (a value outside counts as the nearest end).
pub fn impact_floor(w: &LockinWeights) -> f64 {
    if w.impact_floor.is_nan() {
        LockinWeights::default().impact_floor
    } else {
        w.impact_floor.clamp(0.0, 1.0)
    }
}

/// The hit of one impact part before the soft/redundant discount.
fn hit(c: Criticality, users: u64) -> f64 {
    let u = ((10.0 + users as f64).log10() / (10.0 + IMPACT_USERS_FULL).log10()).min(1.0);
    c.weight() as f64 / 4.0 * u
}

/// Catalogue entries for the system's category that could replace it: not
/// the product itself (same id or maker, the same name or a name the
/// system's name contains, as in "www.example.de (TYPO3)") and not already
/// named as an alternative; sorted by id.
pub fn catalogue_suggestions(g: &Graph, s: SystemId) -> Vec<&'static crate::catalog::Entry> {
    let m = g.model();
    let sys = m.system(s);
    let maker = match sys.vendor {
        Party::Vendor(v) => Some(m.vendor(v).name.as_str()),
        Party::Own => None,
    };
    Catalog::builtin()
        .for_category(&sys.category)
        .into_iter()
        .filter(|e| {
            e.id != sys.id
                && e.name != sys.name
                && !sys.name.to_lowercase().contains(&e.name.to_lowercase())
                && Some(e.vendor.as_str()) != maker
                && !sys
                    .alternatives
                    .iter()
                    .any(|a| matches!(a, Alternative::Catalog(c) if *c == e.id))
        })
        .collect()
}

/// The ownership chain of a vendor: the vendor, then each company that
/// controls the one before.
pub fn chain(g: &Graph, v: VendorId) -> Vec<ChainLink> {
    let m = g.model();
    g.ownership_chain(v)
        .map(|x| {
            let vendor = m.vendor(x);
            ChainLink {
                id: vendor.id.clone(),
                name: vendor.name.clone(),
                country: vendor.country,
            }
        })
        .collect()
}

/// Lock-in scores of the systems with a status, in model order.
pub fn scores(g: &Graph, status: Status) -> Vec<SystemScore> {
    let scorer = Scorer::new(g);
    g.model()
        .system_ids()
        .filter(|s| g.model().system(*s).status == status)
        .map(|s| scorer.score(s))
        .collect()
}

/// The vendor groups that matter: tops of every vendor that makes or
/// operates an in-use system or holds a contract; sorted by id order.
fn vendor_groups(g: &Graph) -> Vec<VendorId> {
    let m = g.model();
    let mut tops: Vec<VendorId> = Vec::new();
    for s in &m.systems {
        if !s.in_use() {
            continue;
        }
        for p in [s.vendor, s.operator] {
            if let Some(v) = p.vendor() {
                tops.push(g.top_parent(v));
            }
        }
    }
    for c in &m.contracts {
        tops.push(g.top_parent(c.vendor));
    }
    tops.sort_unstable();
    tops.dedup();
    tops
}

/// The aggregate of one vendor group (its top parent), given the scores of
/// in-use systems (indexed by system index).
pub fn vendor_aggregate(
    scorer: &Scorer<'_>,
    top: VendorId,
    system_scores: &[Option<f64>],
) -> VendorAggregate {
    let g = scorer.graph();
    let m = g.model();
    let tables = scorer.group_tables();
    let group = g.controlled(top);
    // The in-use systems of the group's vendors (what `g.systems_of(&group)`
    // filtered to in-use gives), from the per-vendor table.
    let mut systems: Vec<SystemId> = group
        .iter()
        .flat_map(|v| tables.systems_of[v.index()].iter().copied())
        .collect();
    systems.sort_unstable();
    systems.dedup();
    let mut best: Option<(f64, SystemId)> = None;
    for s in &systems {
        if let Some(sc) = system_scores[s.index()]
            && best.is_none_or(|(b, _)| sc > b)
        {
            best = Some((sc, *s));
        }
    }
    let share = spend::share_in(&tables.costs, tables.total_cost, top);
    let cost = tables.costs.get(&top).map(|(c, _)| *c).unwrap_or(0.0);
    let outcome = scorer.cut_group(top, &group, &systems);
    let critical = tables.critical;
    let spof_down: Vec<&crate::analysis::propagate::Down<ServiceId>> = outcome
        .services
        .iter()
        .filter(|d| is_critical_service(m.service(d.id).criticality))
        .collect();
    let single_point_day = spof_down.iter().map(|d| d.day).min();
    let mut spof_days: Vec<(String, u32)> = spof_down
        .iter()
        .map(|d| (m.service(d.id).id.clone(), d.day))
        .collect();
    spof_days.sort();
    let (spof, single_point_days): (Vec<String>, Vec<u32>) = spof_days.into_iter().unzip();

    let w = &m.defaults.lockin;
    let ([ws, wp, wf], scale) = w.vendor_weights();
    let full = LockinWeights::positive(
        w.vendor_spend_full_share,
        LockinWeights::default().vendor_spend_full_share,
    );
    let sys_fraction = best.map(|(b, _)| b / 100.0).unwrap_or(0.0);
    let spend_fraction = (share / full).min(1.0);
    let spof_fraction = if critical == 0 {
        0.0
    } else {
        spof.len() as f64 / critical as f64
    };
    let factors = vec![
        Factor {
            name: FactorName::Systems,
            points: round1(ws * scale * sys_fraction),
            max: round1(ws * scale),
            reason: Reason::MostLockedIn {
                system: best.map(|(_, s)| m.system(s).id.clone()),
                score: best.map(|(b, _)| b).unwrap_or(0.0),
                systems: systems.len(),
            },
        },
        Factor {
            name: FactorName::Spend,
            points: round1(wp * scale * spend_fraction),
            max: round1(wp * scale),
            reason: Reason::SpendShare {
                share: spend::round_share(share),
                full_share: full,
            },
        },
        Factor {
            name: FactorName::SinglePointOfFailure,
            points: round1(wf * scale * spof_fraction),
            max: round1(wf * scale),
            reason: Reason::SinglePoints {
                services: spof.len(),
                critical,
            },
        },
    ];
    let vendor = m.vendor(top);
    let mut system_ids: Vec<String> = systems.iter().map(|s| m.system(*s).id.clone()).collect();
    system_ids.sort();
    VendorAggregate {
        id: vendor.id.clone(),
        name: vendor.name.clone(),
        country: vendor.country,
        score: round1(factors.iter().map(|f| f.points).sum()),
        factors,
        spend_share: spend::round_share(share),
        annual_cost: spend::round_money(cost),
        single_point_for: spof,
        single_point_day,
        single_point_days,
        top_system: best.map(|(_, s)| m.system(s).id.clone()),
        systems: system_ids,
    }
}

/// The full hotspots report. `candidates` adds the candidate systems' scores.
pub fn hotspots(g: &Graph, candidates: bool) -> HotspotsReport {
    let m = g.model();
    let mut scorer = Scorer::new(g).with_single_cuts();
    let mut system_scores: Vec<Option<f64>> = vec![None; m.systems.len()];
    let mut systems: Vec<HotspotSystem> = Vec::new();
    let floor = impact_floor(&m.defaults.lockin);
    for s in m.system_ids() {
        if !m.system(s).in_use() {
            continue;
        }
        let sc = scorer.score(s);
        let impact = scorer.impact(s);
        system_scores[s.index()] = Some(sc.score);
        systems.push(HotspotSystem {
            rank: 0,
            id: sc.id,
            name: sc.name,
            category: sc.category,
            score: sc.score,
            impact: impact.value,
            hotspot: round1(sc.score * (floor + (1.0 - floor) * impact.value)),
            factors: sc.factors,
            impact_parts: impact.parts,
        });
    }
    systems.sort_by(|a, b| {
        b.hotspot
            .total_cmp(&a.hotspot)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| a.id.cmp(&b.id))
    });
    for (i, s) in systems.iter_mut().enumerate() {
        s.rank = i + 1;
    }
    let mut vendors: Vec<VendorAggregate> = vendor_groups(g)
        .into_iter()
        .map(|v| vendor_aggregate(&scorer, v, &system_scores))
        .collect();
    vendors.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.spend_share.total_cmp(&a.spend_share))
            .then_with(|| a.id.cmp(&b.id))
    });
    let candidates = candidates.then(|| {
        let mut c: Vec<SystemScore> = m
            .system_ids()
            .filter(|s| m.system(*s).status == Status::Candidate)
            .map(|s| scorer.score(s))
            .collect();
        c.sort_by(|a, b| {
            a.category
                .cmp(&b.category)
                .then_with(|| a.score.total_cmp(&b.score))
                .then_with(|| a.id.cmp(&b.id))
        });
        c
    });
    HotspotsReport {
        systems,
        vendors,
        concentration: spend::concentration(g),
        impact_floor: floor,
        candidates,
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod props;
