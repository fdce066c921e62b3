//! The headline metrics of a landscape, in one record: what the what-if
//! cards compare before and after a move and what the multi-year plan
//! shows year by year. Each figure comes from the analysis that owns it
//! (sovereignty, simulate, lockin, spend); `risk` combines them as
//! documented in docs/methodology.md ("The risk measure").

use crate::analysis::lockin::{self, round1};
use crate::analysis::simulate::{Simulator, Spec, State};
use crate::analysis::sovereignty::{self, DimensionKey};
use crate::analysis::spend;
use crate::graph::Graph;
use chrono::NaiveDate;
use serde::Serialize;

/// How many vendors of `--each-vendor` and hotspots the metrics name.
pub const TOP: usize = 5;
/// How many hotspots count towards the risk measure.
pub const RISK_HOTSPOTS: usize = 10;

/// One dimension's score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimensionScore {
    pub key: DimensionKey,
    /// 1..5.
    pub score: u8,
}

/// What one scenario of the model does.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioMetric {
    pub scenario: String,
    pub name: Option<String>,
    pub services_down: usize,
    /// Services of criticality critical or high among them.
    pub critical_services_down: usize,
    /// Sum of the criticality weights of the services down (critical 4 ... low 1).
    pub weight: u32,
    /// The longest restore of a service down, in days (`None`: none down,
    /// or none with a known way back).
    pub longest_restore_days: Option<f64>,
    /// Services down with no known way back.
    pub no_way_back: usize,
}

/// One vendor of the single-vendor cuts.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorMetric {
    pub vendor: String,
    pub name: String,
    /// Sum of the criticality weights of the services its cut takes down.
    pub score: u32,
    pub services_down: usize,
}

/// One hotspot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotMetric {
    pub system: String,
    pub name: String,
    /// Lock-in score x impact (0..100).
    pub hotspot: f64,
}

/// The parts of the risk measure (docs/methodology.md, "The risk measure").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Risk {
    /// Sum of the parts.
    pub total: f64,
    /// Criticality-weighted services down, summed over the model's scenarios.
    pub scenarios: f64,
    /// Criticality-weighted services down, summed over the five single-vendor
    /// cuts that hurt most.
    pub single_vendor: f64,
    /// One point per ten per cent of spend outside the trusted jurisdictions.
    pub jurisdiction: f64,
    /// The ten largest hotspots, one point per ten hotspot points.
    pub lockin: f64,
}

/// The headline metrics of a landscape on a date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// The sovereignty self-check's total (5..25).
    pub sovereignty: u8,
    pub sovereignty_dimensions: Vec<DimensionScore>,
    /// Every scenario of the model, in model order.
    pub scenarios: Vec<ScenarioMetric>,
    /// The scenario with the highest weight (then more services down, then
    /// model order); `None` when no scenario takes a service down.
    pub worst_scenario: Option<ScenarioMetric>,
    /// The five single-vendor cuts that hurt most (`simulate --each-vendor`).
    pub each_vendor_top: Vec<VendorMetric>,
    /// Critical or high services that some single vendor group can stop.
    pub critical_services_single_vendor: usize,
    /// Vendor groups whose cut alone stops a critical or high service.
    pub single_points_of_failure: usize,
    pub currency: String,
    /// Yearly cost of the running contracts.
    pub spend_total: f64,
    /// The part paid to vendors exposed outside the trusted jurisdictions.
    pub untrusted_spend: f64,
    /// Its share (0..1, four decimals).
    pub untrusted_share: f64,
    /// Herfindahl-Hirschman index of spend by vendor group (0..10,000).
    pub hhi: f64,
    pub top_hotspots: Vec<HotspotMetric>,
    pub risk: Risk,
}

/// Computes the metrics of `g` on `as_of`.
pub fn metrics(g: &Graph, as_of: NaiveDate) -> Metrics {
    let m = g.model();
    let sov = sovereignty::check(g);
    let sim = Simulator::new(g);
    let scenarios: Vec<ScenarioMetric> = m
        .scenario_ids()
        .map(|id| {
            let r = sim.simulate(&Spec::scenario(g, id), as_of);
            let down: Vec<_> = r
                .services
                .iter()
                .filter(|s| s.state == State::Down)
                .collect();
            ScenarioMetric {
                scenario: r.scenario.clone(),
                name: r.name.clone(),
                services_down: down.len(),
                critical_services_down: down
                    .iter()
                    .filter(|s| lockin::is_critical_service(s.criticality))
                    .count(),
                weight: down.iter().map(|s| s.criticality.weight()).sum(),
                longest_restore_days: down
                    .iter()
                    .filter_map(|s| s.restore_days)
                    .fold(None, |a: Option<f64>, d| Some(a.map_or(d, |a| a.max(d)))),
                no_way_back: down.iter().filter(|s| s.restore_days.is_none()).count(),
            }
        })
        .collect();
    let mut worst: Option<&ScenarioMetric> = None;
    for s in scenarios.iter().filter(|s| s.weight > 0) {
        if worst.is_none_or(|w| (s.weight, s.services_down) > (w.weight, w.services_down)) {
            worst = Some(s);
        }
    }
    let worst_scenario = worst.cloned();
    let each = sim.each_vendor(as_of);
    let each_vendor_top: Vec<VendorMetric> = each
        .vendors
        .iter()
        .filter(|v| v.score > 0)
        .take(TOP)
        .map(|v| VendorMetric {
            vendor: v.vendor.clone(),
            name: v.name.clone(),
            score: v.score,
            services_down: v.services_down.len(),
        })
        .collect();
    let h = lockin::hotspots(g, false);
    let mut single: Vec<&str> = h
        .vendors
        .iter()
        .flat_map(|v| v.single_point_for.iter().map(String::as_str))
        .collect();
    single.sort_unstable();
    single.dedup();
    let spof = h
        .vendors
        .iter()
        .filter(|v| !v.single_point_for.is_empty())
        .count();
    let c = &h.concentration;
    let top_hotspots: Vec<HotspotMetric> = h
        .systems
        .iter()
        .take(TOP)
        .map(|s| HotspotMetric {
            system: s.id.clone(),
            name: s.name.clone(),
            hotspot: s.hotspot,
        })
        .collect();
    let risk = {
        let scen: f64 = scenarios.iter().map(|s| f64::from(s.weight)).sum();
        let single_vendor: f64 = each_vendor_top.iter().map(|v| f64::from(v.score)).sum();
        let jurisdiction = round1(c.untrusted_share * 10.0);
        let lock: f64 = round1(
            h.systems
                .iter()
                .take(RISK_HOTSPOTS)
                .map(|s| s.hotspot)
                .sum::<f64>()
                / 10.0,
        );
        // `+ 0.0`: a sum of nothing is -0.0 in Rust; the report says 0.
        Risk {
            total: round1(scen + single_vendor + jurisdiction + lock) + 0.0,
            scenarios: scen + 0.0,
            single_vendor: single_vendor + 0.0,
            jurisdiction: jurisdiction + 0.0,
            lockin: lock + 0.0,
        }
    };
    Metrics {
        sovereignty: sov.total,
        sovereignty_dimensions: sov
            .dimensions
            .iter()
            .map(|d| DimensionScore {
                key: d.key,
                score: d.score,
            })
            .collect(),
        scenarios,
        worst_scenario,
        each_vendor_top,
        critical_services_single_vendor: single.len(),
        single_points_of_failure: spof,
        currency: c.currency.clone(),
        spend_total: spend::round_money(c.total),
        untrusted_spend: spend::round_money(c.untrusted_cost),
        untrusted_share: c.untrusted_share,
        hhi: c.hhi,
        top_hotspots,
        risk,
    }
}

#[cfg(test)]
mod tests;
