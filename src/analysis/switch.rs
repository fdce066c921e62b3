//! Switch-time and switch-cost estimates per system (PROVISIONAL: the
//! parametric model is being built; the signatures are stable).
//!
//! Given estimates (`[system.switch]`) are used as they are; otherwise a
//! parametric model estimates optimistic, likely and pessimistic durations.

use crate::graph::Graph;
use crate::model::SystemId;
use serde::Serialize;

/// One part of an estimate, for explanations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Factor {
    pub name: String,
    /// Contribution to the likely duration, in days.
    pub days: f64,
    pub detail: String,
}

/// The switch estimate of one system (leaving it for an alternative).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    pub system: String,
    pub optimistic_days: f64,
    pub likely_days: f64,
    pub pessimistic_days: f64,
    /// PERT mean (o + 4m + p) / 6.
    pub expected_days: f64,
    /// 80th percentile of the PERT distribution.
    pub p80_days: f64,
    pub cost: f64,
    /// True when the durations were given in the model.
    pub given: bool,
    pub factors: Vec<Factor>,
}

/// PERT mean of three estimates.
pub fn pert_mean(o: f64, m: f64, p: f64) -> f64 {
    (o + 4.0 * m + p) / 6.0
}

/// The estimate for one system.
pub fn estimate(g: &Graph, s: SystemId) -> Estimate {
    let m = g.model();
    let sys = m.system(s);
    let params = &m.defaults.switch;
    let (o, l, p, given) = match &sys.switch.estimates {
        Some([o, l, p]) => (o.as_days(), l.as_days(), p.as_days(), true),
        None => {
            let l = params.base_days;
            (
                l * params.optimistic_factor,
                l,
                l * params.pessimistic_factor,
                false,
            )
        }
    };
    let expected = pert_mean(o, l, p);
    let sd = (p - o) / 6.0;
    Estimate {
        system: sys.id.clone(),
        optimistic_days: o,
        likely_days: l,
        pessimistic_days: p,
        expected_days: expected,
        p80_days: (expected + 0.8416 * sd).clamp(o, p),
        cost: sys.switch.cost.unwrap_or(0.0),
        given,
        factors: Vec::new(),
    }
}

/// Estimates of every system, indexed by system index.
pub fn estimate_all(g: &Graph) -> Vec<Estimate> {
    g.model().system_ids().map(|s| estimate(g, s)).collect()
}
