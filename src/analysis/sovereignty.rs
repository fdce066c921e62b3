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
//! Bands: below 20 % -> 1, below 40 % -> 2, below 60 % -> 3, below 80 % -> 4,
//! else 5; exactly 20 % is 2. The band is computed on the counts in integer
//! arithmetic (`1 + 5k / n`, at most 5), so no rounding can move an edge.
//! A dimension with nothing to count scores 1: sovereignty that the model
//! does not show is not assumed. Levels: 5..10 critically dependent, 11..18
//! hybrid, 19..25 sovereign on course.

use crate::analysis::lockin::{chain_text, months_text};
use crate::analysis::switch;
use crate::graph::Graph;
use crate::model::{Criticality, Party, Sensitivity, SystemId};
use serde::Serialize;

/// Something that pulls a dimension down.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pull {
    /// `system` or `interface`.
    pub kind: &'static str,
    pub id: String,
    pub reason: String,
}

/// One dimension of the check.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dimension {
    /// `data`, `technology`, `competence`, `standards`, `governance`.
    pub key: &'static str,
    pub name: &'static str,
    /// Fraction 0..1 (four decimals).
    pub share: f64,
    /// 1..5.
    pub score: u8,
    /// How the share was obtained, in one sentence.
    pub basis: String,
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
    /// `critically dependent`, `hybrid` or `sovereign on course`.
    pub level: &'static str,
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
pub fn level(total: u8) -> &'static str {
    match total {
        0..=10 => "critically dependent",
        11..=18 => "hybrid",
        _ => "sovereign on course",
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
    key: &'static str,
    name: &'static str,
    met: usize,
    of: usize,
    basis: String,
    pulled_down_by: Vec<Pull>,
) -> Dimension {
    Dimension {
        key,
        name,
        share: share(met, of),
        score: band(met, of),
        basis,
        met,
        of,
        pulled_down_by,
    }
}

fn pct(met: usize, of: usize) -> String {
    if of == 0 {
        "0 %".into()
    } else {
        format!("{:.0} %", met as f64 * 100.0 / of as f64)
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
    let (base, what) = if sensitive.is_empty() {
        (
            with_data,
            "in-use systems with data (none holds data of sensitivity high or critical)",
        )
    } else {
        (
            sensitive,
            "in-use systems holding data of sensitivity high or critical",
        )
    };
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
            reasons.push(format!("runs in {} (not trusted)", sys.region));
        }
        if let (false, Party::Vendor(v)) = (bad.is_empty(), sys.operator) {
            reasons.push(format!("operated by {}", chain_text(g, v)));
        }
        pulls.push(Pull {
            kind: "system",
            id: sys.id.clone(),
            reason: reasons.join("; "),
        });
    }
    let n = base.len();
    let basis = if n == 0 {
        "no in-use system records data; the dimension cannot be shown and scores 1".to_string()
    } else {
        format!(
            "{met} of {n} {what} run in a trusted region under an operator free of untrusted jurisdictions ({})",
            pct(met, n)
        )
    };
    dimension("data", "Data sovereignty", met, n, basis, pulls)
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
                kind: "system",
                id: m.system(s).id.clone(),
                reason: format!(
                    "P80 switch time {:.1} months ({}) exceeds the target of {}",
                    p80_days / crate::model::duration::DAYS_PER_MONTH,
                    if given {
                        "given in the model"
                    } else {
                        "parametric estimate"
                    },
                    months_text(target_days)
                ),
            });
        }
    }
    let n = core.len();
    let basis = if n == 0 {
        "no core system (in use, critical or high); the dimension scores 1".to_string()
    } else {
        format!(
            "{met} of {n} core systems can be replaced within {} (switch_target) at the 80th percentile ({})",
            months_text(target_days),
            pct(met, n)
        )
    };
    dimension(
        "technology",
        "Technological independence",
        met,
        n,
        basis,
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
        let computed = if n == 0 {
            String::new()
        } else {
            format!(
                "; the share of core systems operated in-house would be {} ({own} of {n}, score {})",
                pct(own, n),
                band(own, n)
            )
        };
        return Dimension {
            key: "competence",
            name: "Internal IT competence",
            share: (c as f64 - 1.0) / 5.0,
            score: c,
            basis: format!(
                "declared: [organisation] it_competence = {c} (self-assessment; the share shown is the lower edge of its band){computed}"
            ),
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
                    kind: "system",
                    id: sys.id.clone(),
                    reason: format!("operated by {}", m.vendor(v).name),
                }),
            }
        })
        .collect();
    let basis = if n == 0 {
        "no it_competence declared and no core system; the dimension scores 1".to_string()
    } else {
        format!(
            "computed (no it_competence declared): {own} of {n} core systems are operated by the organisation itself ({})",
            pct(own, n)
        )
    };
    dimension("competence", "Internal IT competence", own, n, basis, pulls)
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
            let via = it
                .protocol
                .as_deref()
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            pulls.push(Pull {
                kind: "interface",
                id: it.id.clone(),
                reason: format!(
                    "proprietary interface from {} to {}{via}",
                    m.system(it.from).id,
                    m.system(it.to).id
                ),
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
                closed.push(m.format(*f).id.as_str());
            }
        }
        if !closed.is_empty() {
            pulls.push(Pull {
                kind: "system",
                id: sys.id.clone(),
                reason: format!("stores its data in closed format {}", closed.join(", ")),
            });
        }
    }
    let basis = if of == 0 {
        "no interface between in-use systems and no stored format recorded; the dimension scores 1"
            .to_string()
    } else {
        format!(
            "{met} of {of} are open: {interfaces} interfaces between in-use systems and {pairs} (system, stored format) pairs ({})",
            pct(met, of)
        )
    };
    dimension(
        "standards",
        "Open standards and interfaces",
        met,
        of,
        basis,
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
            missing.push("no exit plan");
        }
        if sys.alternatives.is_empty() {
            missing.push("no alternative");
        }
        if sys.exports.as_ref().is_none_or(|e| e.is_empty()) {
            missing.push(if sys.exports.is_none() {
                "export not documented"
            } else {
                "no export"
            });
        }
        if missing.is_empty() {
            met += 1;
        } else {
            pulls.push(Pull {
                kind: "system",
                id: sys.id.clone(),
                reason: missing.join(", "),
            });
        }
    }
    let n = core.len();
    let basis = if n == 0 {
        "no core system (in use, critical or high); the dimension scores 1".to_string()
    } else {
        format!(
            "{met} of {n} core systems have an exit plan, an alternative and an export format ({})",
            pct(met, n)
        )
    };
    dimension(
        "governance",
        "Governance and exit strategy",
        met,
        n,
        basis,
        pulls,
    )
}

/// The sovereignty check of a model.
pub fn check(g: &Graph) -> SovereigntyReport {
    let core = core_systems(g);
    let dimensions = vec![
        data(g),
        technology(g, &core),
        competence(g, &core),
        standards(g),
        governance(g, &core),
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
