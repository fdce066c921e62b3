//! The sovereignty self-check: the five dimensions of the domain brief, each
//! a share mapped to 1..5, total 5..25 and a level.
//!
//! The dimensions, exactly as the issue defines them (core systems are the
//! in-use systems of criticality `critical` or `high`):
//!
//! 1. Data sovereignty: of the in-use systems holding data of sensitivity
//!    `high` or `critical` (all in-use systems with data when there are
//!    none), the share whose `region` is trusted and whose operator's
//!    exposure contains no untrusted country.
//! 2. Technological independence: of the core systems, the share whose P80
//!    switch duration is within `switch_target`.
//! 3. Internal IT competence: `[organisation] it_competence` when declared
//!    (its share is shown as the lower edge of its band, (c - 1) / 5); else
//!    the share of core systems operated by the organisation itself.
//! 4. Open standards and interfaces: of all interfaces between in-use
//!    systems plus all (system, stored format) pairs of in-use systems, the
//!    share that is open.
//! 5. Governance and exit strategy: of the core systems, the share with an
//!    `exit_plan`, at least one alternative and at least one export format.
//!
//! Dimensions 2 and 5 measure what the organisation can choose: they leave
//! out mandated systems (`mandated`), which it cannot replace.
//!
//! Bands: below 20 % -> 1, below 40 % -> 2, below 60 % -> 3, below 80 % -> 4,
//! else 5; exactly 20 % is 2. The band is computed on the counts in integer
//! arithmetic (`1 + 5k / n`, at most 5), so no rounding can move an edge.
//! A dimension with nothing to count scores 1: sovereignty that the model
//! does not show is not assumed. Levels: 5..10 critically dependent, 11..18
//! hybrid, 19..25 sovereign on course.

use crate::analysis::lockin::{ChainLink, chain};
use crate::analysis::switch;
use crate::graph::Graph;
use crate::model::{Criticality, Party, Region, Sensitivity, SystemId};
use serde::Serialize;

/// What pulls a dimension down: a system or an interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PullKind {
    System,
    Interface,
}

/// Why something pulls a dimension down.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PullReason {
    /// Data: runs in a region that is not trusted.
    RunsOutsideTrusted { region: Region },
    /// Data: operated by a vendor whose chain reaches outside the trusted set.
    OperatedFromOutside { operator: Vec<ChainLink> },
    /// Technology: the P80 switch time exceeds the switch target.
    SwitchTooLong {
        p80_days: f64,
        given: bool,
        target_days: f64,
    },
    /// Competence: operated by a vendor, not in-house.
    OperatedByVendor { vendor: String },
    /// Standards: a proprietary interface between two in-use systems.
    ProprietaryInterface {
        from: String,
        to: String,
        protocol: Option<String>,
    },
    /// Standards: stores its data in closed formats.
    ClosedFormats { formats: Vec<String> },
    /// Governance: no exit plan recorded.
    NoExitPlan,
    /// Governance: no alternative recorded.
    NoAlternative,
    /// Governance: `exports` not given.
    ExportNotDocumented,
    /// Governance: `exports = []`.
    NoExport,
}

/// The core systems the organisation can choose: [`core_systems`] without
/// the mandated ones.
pub fn chosen_core_systems(g: &Graph) -> Vec<SystemId> {
    let m = g.model();
    core_systems(g)
        .into_iter()
        .filter(|s| !m.system(*s).is_mandated())
        .collect()
}

/// Something that pulls a dimension down.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pull {
    pub kind: PullKind,
    pub id: String,
    pub reasons: Vec<PullReason>,
}

/// The five dimensions of the self-check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DimensionKey {
    /// Data sovereignty.
    Data,
    /// Technological independence.
    Technology,
    /// Internal IT competence.
    Competence,
    /// Open standards and interfaces.
    Standards,
    /// Governance and exit strategy.
    Governance,
}

impl DimensionKey {
    /// The five, in the order of the domain brief.
    pub const ALL: [DimensionKey; 5] = [
        DimensionKey::Data,
        DimensionKey::Technology,
        DimensionKey::Competence,
        DimensionKey::Standards,
        DimensionKey::Governance,
    ];

    /// The key as serialised (`data`, `technology`, ...).
    pub fn key(self) -> &'static str {
        match self {
            DimensionKey::Data => "data",
            DimensionKey::Technology => "technology",
            DimensionKey::Competence => "competence",
            DimensionKey::Standards => "standards",
            DimensionKey::Governance => "governance",
        }
    }

    /// The dimension of a key.
    pub fn from_key(key: &str) -> Option<DimensionKey> {
        DimensionKey::ALL.into_iter().find(|d| d.key() == key)
    }

    /// The name stored in the snapshot of `review.json` (a stable
    /// identifier of that file format, as earlier versions wrote it; the
    /// renderers translate the key).
    pub fn snapshot_name(self) -> &'static str {
        match self {
            DimensionKey::Data => "Data sovereignty",
            DimensionKey::Technology => "Technological independence",
            DimensionKey::Competence => "Internal IT competence",
            DimensionKey::Standards => "Open standards and interfaces",
            DimensionKey::Governance => "Governance and exit strategy",
        }
    }
}

/// The level of a total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 5 to 10 points.
    CriticallyDependent,
    /// 11 to 18 points.
    Hybrid,
    /// 19 to 25 points.
    SovereignOnCourse,
}

impl Level {
    /// The level stored in the snapshot of `review.json` (a stable
    /// identifier of that file format, as earlier versions wrote it).
    pub fn snapshot_name(self) -> &'static str {
        match self {
            Level::CriticallyDependent => "critically dependent",
            Level::Hybrid => "hybrid",
            Level::SovereignOnCourse => "sovereign on course",
        }
    }

    /// The level of a snapshot name.
    pub fn from_snapshot_name(name: &str) -> Option<Level> {
        [
            Level::CriticallyDependent,
            Level::Hybrid,
            Level::SovereignOnCourse,
        ]
        .into_iter()
        .find(|l| l.snapshot_name() == name)
    }
}

/// How a dimension's share was obtained.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Basis {
    /// Nothing to count: the dimension scores 1.
    NothingToCount,
    /// Data: `met` of `of` systems with data run in a trusted region under
    /// a trusted operator; `sensitive`: counted over the systems holding
    /// data of sensitivity high or critical (else over all with data).
    Data { sensitive: bool },
    /// Technology: core systems replaceable within the switch target.
    Technology { target_days: f64 },
    /// Competence declared as `it_competence`; `own` of `of` core systems
    /// are operated in-house (what the computed share would be).
    Declared { value: u8, own: usize },
    /// Competence computed: core systems operated in-house.
    InHouse,
    /// Standards: open interfaces and (system, stored format) pairs.
    Standards { interfaces: usize, pairs: usize },
    /// Governance: core systems with an exit plan, an alternative and an export.
    Governance,
}

/// One dimension of the check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dimension {
    pub key: DimensionKey,
    /// Fraction 0..1 (four decimals).
    pub share: f64,
    /// 1..5.
    pub score: u8,
    /// How the share was obtained.
    pub basis: Basis,
    /// What was counted as meeting the criterion, and out of how many.
    pub met: usize,
    pub of: usize,
    /// What pulls the dimension down, in model order.
    pub pulled_down_by: Vec<Pull>,
}

/// The result of the check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SovereigntyReport {
    /// The five dimensions in the order of the domain brief.
    pub dimensions: Vec<Dimension>,
    /// 5..25.
    pub total: u8,
    pub level: Level,
}

/// The band of `met` out of `of`: 1 + floor(5 met / of), at most 5; 1 when
/// there is nothing to count.
pub fn band(met: usize, of: usize) -> u8 {
    if of == 0 {
        return 1;
    }
    (1 + (5 * met.min(of)) / of).min(5) as u8
}

/// The level of a total.
pub fn level(total: u8) -> Level {
    match total {
        0..=10 => Level::CriticallyDependent,
        11..=18 => Level::Hybrid,
        _ => Level::SovereignOnCourse,
    }
}

fn share(met: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        ((met as f64 / of as f64) * 10_000.0).round() / 10_000.0
    }
}

/// Core systems: in use, criticality critical or high; model order.
pub fn core_systems(g: &Graph) -> Vec<SystemId> {
    let m = g.model();
    m.system_ids()
        .filter(|s| {
            let sys = m.system(*s);
            sys.in_use() && sys.criticality.weight() >= Criticality::High.weight()
        })
        .collect()
}

fn dimension(
    key: DimensionKey,
    met: usize,
    of: usize,
    basis: Basis,
    pulled_down_by: Vec<Pull>,
) -> Dimension {
    let basis = if of == 0 {
        Basis::NothingToCount
    } else {
        basis
    };
    Dimension {
        key,
        share: share(met, of),
        score: band(met, of),
        basis,
        met,
        of,
        pulled_down_by,
    }
}

fn data(g: &Graph) -> Dimension {
    let m = g.model();
    let trusted = &m.organisation.trusted;
    let with_data: Vec<SystemId> = m
        .system_ids()
        .filter(|s| m.system(*s).in_use() && m.system(*s).data.is_some())
        .collect();
    let sensitive: Vec<SystemId> = with_data
        .iter()
        .copied()
        .filter(|s| {
            m.system(*s)
                .data
                .as_ref()
                .is_some_and(|d| matches!(d.sensitivity, Sensitivity::High | Sensitivity::Critical))
        })
        .collect();
    let sensitive_only = !sensitive.is_empty();
    let base = if sensitive_only { sensitive } else { with_data };
    let mut pulls = Vec::new();
    let mut met = 0;
    for &s in &base {
        let sys = m.system(s);
        let region_ok = trusted.trusts_region(sys.region);
        let bad = g.untrusted_exposure(sys.operator);
        if region_ok && bad.is_empty() {
            met += 1;
            continue;
        }
        let mut reasons = Vec::new();
        if !region_ok {
            reasons.push(PullReason::RunsOutsideTrusted { region: sys.region });
        }
        if let (false, Party::Vendor(v)) = (bad.is_empty(), sys.operator) {
            reasons.push(PullReason::OperatedFromOutside {
                operator: chain(g, v),
            });
        }
        pulls.push(Pull {
            kind: PullKind::System,
            id: sys.id.clone(),
            reasons,
        });
    }
    let n = base.len();
    let basis = Basis::Data {
        sensitive: sensitive_only,
    };
    dimension(DimensionKey::Data, met, n, basis, pulls)
}

fn technology(g: &Graph, core: &[SystemId]) -> Dimension {
    let m = g.model();
    let target_days = m.organisation.switch_target.as_days();
    let mut met = 0;
    let mut pulls = Vec::new();
    for &s in core {
        // The numbers of `switch::estimate` without its texts.
        let (p80_days, given) = switch::p80(g, s);
        if p80_days <= target_days {
            met += 1;
        } else {
            pulls.push(Pull {
                kind: PullKind::System,
                id: m.system(s).id.clone(),
                reasons: vec![PullReason::SwitchTooLong {
                    p80_days,
                    given,
                    target_days,
                }],
            });
        }
    }
    let n = core.len();
    dimension(
        DimensionKey::Technology,
        met,
        n,
        Basis::Technology { target_days },
        pulls,
    )
}

fn competence(g: &Graph, core: &[SystemId]) -> Dimension {
    let m = g.model();
    let own = core
        .iter()
        .filter(|s| m.system(**s).operator == Party::Own)
        .count();
    let n = core.len();
    if let Some(c) = m.organisation.it_competence {
        let c = c.clamp(1, 5);
        return Dimension {
            key: DimensionKey::Competence,
            share: (c as f64 - 1.0) / 5.0,
            score: c,
            basis: Basis::Declared { value: c, own },
            met: own,
            of: n,
            pulled_down_by: Vec::new(),
        };
    }
    let pulls = core
        .iter()
        .filter_map(|s| {
            let sys = m.system(*s);
            match sys.operator {
                Party::Own => None,
                Party::Vendor(v) => Some(Pull {
                    kind: PullKind::System,
                    id: sys.id.clone(),
                    reasons: vec![PullReason::OperatedByVendor {
                        vendor: m.vendor(v).name.clone(),
                    }],
                }),
            }
        })
        .collect();
    dimension(DimensionKey::Competence, own, n, Basis::InHouse, pulls)
}

fn standards(g: &Graph) -> Dimension {
    let m = g.model();
    let mut met = 0;
    let mut of = 0;
    let mut pulls = Vec::new();
    let mut interfaces = 0;
    for it in &m.interfaces {
        if !(m.system(it.from).in_use() && m.system(it.to).in_use()) {
            continue;
        }
        of += 1;
        interfaces += 1;
        if it.open {
            met += 1;
        } else {
            pulls.push(Pull {
                kind: PullKind::Interface,
                id: it.id.clone(),
                reasons: vec![PullReason::ProprietaryInterface {
                    from: m.system(it.from).id.clone(),
                    to: m.system(it.to).id.clone(),
                    protocol: it.protocol.clone(),
                }],
            });
        }
    }
    let mut pairs = 0;
    for sys in m.systems.iter().filter(|s| s.in_use()) {
        let mut closed = Vec::new();
        for f in &sys.formats {
            of += 1;
            pairs += 1;
            if m.format(*f).open {
                met += 1;
            } else {
                closed.push(m.format(*f).id.clone());
            }
        }
        if !closed.is_empty() {
            pulls.push(Pull {
                kind: PullKind::System,
                id: sys.id.clone(),
                reasons: vec![PullReason::ClosedFormats { formats: closed }],
            });
        }
    }
    dimension(
        DimensionKey::Standards,
        met,
        of,
        Basis::Standards { interfaces, pairs },
        pulls,
    )
}

fn governance(g: &Graph, core: &[SystemId]) -> Dimension {
    let m = g.model();
    let mut met = 0;
    let mut pulls = Vec::new();
    for &s in core {
        let sys = m.system(s);
        let mut missing = Vec::new();
        if sys.exit_plan.is_none() {
            missing.push(PullReason::NoExitPlan);
        }
        if sys.alternatives.is_empty() {
            missing.push(PullReason::NoAlternative);
        }
        if sys.exports.as_ref().is_none_or(|e| e.is_empty()) {
            missing.push(if sys.exports.is_none() {
                PullReason::ExportNotDocumented
            } else {
                PullReason::NoExport
            });
        }
        if missing.is_empty() {
            met += 1;
        } else {
            pulls.push(Pull {
                kind: PullKind::System,
                id: sys.id.clone(),
                reasons: missing,
            });
        }
    }
    dimension(
        DimensionKey::Governance,
        met,
        core.len(),
        Basis::Governance,
        pulls,
    )
}

/// The sovereignty check of a model.
pub fn check(g: &Graph) -> SovereigntyReport {
    let core = core_systems(g);
    let chosen = chosen_core_systems(g);
    let dimensions = vec![
        data(g),
        technology(g, &chosen),
        competence(g, &core),
        standards(g),
        governance(g, &chosen),
    ];
    let total: u8 = dimensions.iter().map(|d| d.score).sum();
    SovereigntyReport {
        dimensions,
        total,
        level: level(total),
    }
}

#[cfg(test)]
mod tests;
