//! Spend and concentration: where the annual licence, subscription and
//! service money goes (domain brief, point 7: "public money flowing to third
//! countries").
//!
//! - Spend per vendor group: each contract's `annual_cost` counts for the
//!   top of its vendor's ownership chain (a German subsidiary's contract
//!   counts for its US parent).
//! - Spend per jurisdiction: the country of that top parent.
//! - Untrusted share: the share of spend on contracts whose vendor's exposure
//!   (own country and every parent's) contains a country outside the trusted
//!   set.
//! - Herfindahl-Hirschman index (HHI) of spend across vendor groups: the sum
//!   of the squared percentage shares, 0 to 10,000, with the bands of the
//!   competition authorities: below 1,000 unconcentrated, 1,000 to 1,800
//!   moderately concentrated, above 1,800 highly concentrated (US DOJ/FTC
//!   Horizontal Merger Guidelines 1992, section 1.51; the 2023 Merger
//!   Guidelines again call markets above 1,800 highly concentrated).
//! - The same per system category. A contract covering several systems is
//!   split equally across the systems it covers (each system once), and each
//!   part counts for the category of that system. Equal splitting is the only
//!   rule that needs no figure the model does not have; the method section
//!   says so.
//!
//! Contracts without `annual_cost` are listed, not guessed. Shares are
//! fractions rounded to four decimals, money to whole units, HHI to one
//! decimal; the band is taken from the rounded HHI so that what is shown and
//! the band always agree.

use crate::graph::Graph;
use crate::model::{ContractId, Country, VendorId};
use serde::Serialize;
use std::collections::BTreeMap;

/// Concentration band of an HHI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Band {
    /// No spend recorded: nothing to measure.
    #[serde(rename = "no spend")]
    NoSpend,
    /// HHI below 1,000.
    #[serde(rename = "unconcentrated")]
    Unconcentrated,
    /// HHI from 1,000 to 1,800 inclusive.
    #[serde(rename = "moderately concentrated")]
    Moderate,
    /// HHI above 1,800.
    #[serde(rename = "highly concentrated")]
    High,
}

impl Band {
    /// The band of an HHI value (0..10,000).
    pub fn of(hhi: f64, any_spend: bool) -> Band {
        if !any_spend {
            Band::NoSpend
        } else if hhi < 1000.0 {
            Band::Unconcentrated
        } else if hhi <= 1800.0 {
            Band::Moderate
        } else {
            Band::High
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::NoSpend => "no spend",
            Band::Unconcentrated => "unconcentrated",
            Band::Moderate => "moderately concentrated",
            Band::High => "highly concentrated",
        }
    }
}

/// Spend of one vendor group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupSpend {
    /// Id of the top parent.
    pub vendor: String,
    pub name: String,
    /// Country of the top parent.
    pub country: Country,
    pub annual_cost: f64,
    /// Fraction of the total (0..1, four decimals).
    pub share: f64,
    /// Whether the group's exposure leaves the trusted set.
    pub untrusted: bool,
    /// The contracts counted, in model order.
    pub contracts: Vec<String>,
}

/// Spend per jurisdiction of the top parents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountrySpend {
    pub country: Country,
    pub annual_cost: f64,
    pub share: f64,
    pub trusted: bool,
}

/// Spend and concentration within one system category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CategorySpend {
    pub category: String,
    pub annual_cost: f64,
    /// Fraction of the total spend.
    pub share: f64,
    pub hhi: f64,
    pub band: Band,
    /// Per vendor group within the category; `share` is within the category.
    pub by_group: Vec<GroupShare>,
}

/// A vendor group's part of a category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupShare {
    pub vendor: String,
    pub annual_cost: f64,
    pub share: f64,
}

/// The spend and concentration report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Concentration {
    pub currency: String,
    /// Total annual cost of all contracts with a cost.
    pub total: f64,
    pub hhi: f64,
    pub band: Band,
    /// Sorted by cost, largest first, then id.
    pub by_group: Vec<GroupSpend>,
    /// Sorted by cost, largest first, then country.
    pub by_jurisdiction: Vec<CountrySpend>,
    /// Fraction of spend whose vendor is exposed outside the trusted set.
    pub untrusted_share: f64,
    pub untrusted_cost: f64,
    /// Sorted by cost, largest first, then category.
    pub by_category: Vec<CategorySpend>,
    /// Contracts without `annual_cost` (not counted).
    pub contracts_without_cost: Vec<String>,
}

/// Rounds a share to four decimals.
pub fn round_share(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Rounds money to whole units (the unit of the model's currency).
pub fn round_money(x: f64) -> f64 {
    x.round()
}

/// HHI of costs: sum of squared percentage shares, rounded to one decimal.
pub fn hhi(costs: &[f64]) -> f64 {
    let total: f64 = costs.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let h: f64 = costs
        .iter()
        .map(|c| {
            let pct = c * 100.0 / total;
            pct * pct
        })
        .sum();
    (h * 10.0).round() / 10.0
}

fn share(part: f64, total: f64) -> f64 {
    if total > 0.0 {
        round_share(part / total)
    } else {
        0.0
    }
}

/// Annual cost per vendor group (top parent), in vendor order; groups without cost omitted.
pub fn group_costs(g: &Graph) -> BTreeMap<VendorId, (f64, Vec<ContractId>)> {
    let m = g.model();
    let mut out: BTreeMap<VendorId, (f64, Vec<ContractId>)> = BTreeMap::new();
    for c in m.contract_ids().filter(|&c| g.contract_running(c)) {
        let contract = m.contract(c);
        if let Some(cost) = contract.annual_cost {
            let e = out.entry(g.top_parent(contract.vendor)).or_default();
            e.0 += cost;
            e.1.push(c);
        }
    }
    out
}

/// The spend and concentration report of a model.
pub fn concentration(g: &Graph) -> Concentration {
    let m = g.model();
    let trusted = &m.organisation.trusted;
    let groups = group_costs(g);
    let total: f64 = groups.values().map(|(c, _)| c).sum();
    let any = total > 0.0;

    let mut by_group: Vec<GroupSpend> = groups
        .iter()
        .map(|(v, (cost, contracts))| {
            let vendor = m.vendor(*v);
            GroupSpend {
                vendor: vendor.id.clone(),
                name: vendor.name.clone(),
                country: vendor.country,
                annual_cost: round_money(*cost),
                share: share(*cost, total),
                untrusted: contracts
                    .iter()
                    .any(|c| g.vendor_untrusted(m.contract(*c).vendor)),
                contracts: contracts
                    .iter()
                    .map(|c| m.contract(*c).id.clone())
                    .collect(),
            }
        })
        .collect();
    by_group.sort_by(|a, b| {
        b.annual_cost
            .total_cmp(&a.annual_cost)
            .then_with(|| a.vendor.cmp(&b.vendor))
    });
    let costs: Vec<f64> = groups.values().map(|(c, _)| *c).collect();
    let h = hhi(&costs);

    let mut per_country: BTreeMap<Country, f64> = BTreeMap::new();
    for (v, (cost, _)) in &groups {
        *per_country.entry(m.vendor(*v).country).or_default() += cost;
    }
    let mut by_jurisdiction: Vec<CountrySpend> = per_country
        .into_iter()
        .map(|(c, cost)| CountrySpend {
            country: c,
            annual_cost: round_money(cost),
            share: share(cost, total),
            trusted: trusted.contains(c),
        })
        .collect();
    by_jurisdiction.sort_by(|a, b| {
        b.annual_cost
            .total_cmp(&a.annual_cost)
            .then_with(|| a.country.cmp(&b.country))
    });

    let mut untrusted_cost = 0.0;
    let mut without = Vec::new();
    // category -> group -> cost
    let mut per_category: BTreeMap<String, BTreeMap<VendorId, f64>> = BTreeMap::new();
    for c in m.contract_ids().filter(|&c| g.contract_running(c)) {
        let contract = m.contract(c);
        let Some(cost) = contract.annual_cost else {
            without.push(contract.id.clone());
            continue;
        };
        if g.vendor_untrusted(contract.vendor) {
            untrusted_cost += cost;
        }
        let mut covered = contract.covers.clone();
        covered.sort_unstable();
        covered.dedup();
        let group = g.top_parent(contract.vendor);
        if covered.is_empty() {
            *per_category
                .entry("(no system)".to_string())
                .or_default()
                .entry(group)
                .or_default() += cost;
            continue;
        }
        let part = cost / covered.len() as f64;
        for s in covered {
            *per_category
                .entry(m.system(s).category.clone())
                .or_default()
                .entry(group)
                .or_default() += part;
        }
    }
    let mut by_category: Vec<CategorySpend> = per_category
        .into_iter()
        .map(|(category, groups)| {
            let cat_total: f64 = groups.values().sum();
            let costs: Vec<f64> = groups.values().copied().collect();
            let h = hhi(&costs);
            let mut by_group: Vec<GroupShare> = groups
                .iter()
                .map(|(v, cost)| GroupShare {
                    vendor: m.vendor(*v).id.clone(),
                    annual_cost: round_money(*cost),
                    share: share(*cost, cat_total),
                })
                .collect();
            by_group.sort_by(|a, b| {
                b.annual_cost
                    .total_cmp(&a.annual_cost)
                    .then_with(|| a.vendor.cmp(&b.vendor))
            });
            CategorySpend {
                category,
                annual_cost: round_money(cat_total),
                share: share(cat_total, total),
                hhi: h,
                band: Band::of(h, cat_total > 0.0),
                by_group,
            }
        })
        .collect();
    by_category.sort_by(|a, b| {
        b.annual_cost
            .total_cmp(&a.annual_cost)
            .then_with(|| a.category.cmp(&b.category))
    });

    Concentration {
        currency: m.organisation.currency.clone(),
        total: round_money(total),
        hhi: h,
        band: Band::of(h, any),
        by_group,
        by_jurisdiction,
        untrusted_share: share(untrusted_cost, total),
        untrusted_cost: round_money(untrusted_cost),
        by_category,
        contracts_without_cost: without,
    }
}

/// Fraction of total spend (unrounded) that goes to a vendor group.
pub fn group_share(g: &Graph, top: VendorId) -> f64 {
    share_of(&group_costs(g), top)
}

/// [`group_share`] from the result of [`group_costs`], for callers that ask
/// for many groups (computing the costs once).
pub fn share_of(groups: &BTreeMap<VendorId, (f64, Vec<ContractId>)>, top: VendorId) -> f64 {
    share_in(groups, total_of(groups), top)
}

/// The total annual cost of [`group_costs`] (summed in group order).
pub fn total_of(groups: &BTreeMap<VendorId, (f64, Vec<ContractId>)>) -> f64 {
    groups.values().map(|(c, _)| c).sum()
}

/// [`share_of`] with the total of [`total_of`] computed once by the caller.
pub fn share_in(
    groups: &BTreeMap<VendorId, (f64, Vec<ContractId>)>,
    total: f64,
    top: VendorId,
) -> f64 {
    if total <= 0.0 {
        return 0.0;
    }
    groups.get(&top).map(|(c, _)| c / total).unwrap_or(0.0)
}

#[cfg(test)]
mod tests;
