//! What a simulation finds beside the outage itself: backups that can no
//! longer be restored, stranded data, the contracts to invoke, and price
//! shocks (docs/methodology.md, "Backups", "Stranded data", "Contracts at
//! risk", "Money").

use super::recovery::{self, BackupLoss, Cuts};
use crate::analysis::deadlines;
use crate::analysis::exit_plan::{self, PlanOptions, Target};
use crate::analysis::propagate::{CutSet, Outcome, Term};
use crate::graph::Graph;
use crate::model::{
    Contact, Contract, ContractKind, CutKind, Duration, Party, PriceShock, Sensitivity, SystemId,
    VendorId,
};
use chrono::NaiveDate;
use serde::Serialize;

/// A system whose backup can no longer be restored in the scenario (a
/// critical finding even when no service stops).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BackupFinding {
    pub system: String,
    pub name: String,
    /// The volume of its data, GB (0 when none is given).
    pub volume_gb: f64,
    pub sensitivity: Option<Sensitivity>,
    /// Why, with the party or system that causes it.
    #[serde(flatten)]
    pub loss: BackupLoss,
    /// From this hour (when the backup system stops; else 0).
    pub from_hours: f64,
}

/// Why data is stranded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StrandedReason {
    /// The operator holding the data is lost or withdrawn, and no backup is
    /// held by a party that is not.
    OperatorCut,
    /// Backups in the format of a withdrawn vendor's software.
    BackupFormat,
}

/// Data out of reach.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stranded {
    pub system: String,
    pub name: String,
    pub volume_gb: f64,
    pub sensitivity: Sensitivity,
    pub reason: StrandedReason,
    /// Who holds the data: the cut operator, or the organisation (`self`)
    /// for backups it cannot read.
    pub operator: String,
    /// Who holds a backup (a cut vendor), or `None` when no backup is declared.
    pub backup: Option<String>,
    /// The withdrawn vendor whose software the backups need.
    pub format_vendor: Option<String>,
}

/// Why a contract is at risk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RiskReason {
    /// The contract's vendor (or a company above it) is cut.
    VendorCut,
    /// It covers systems that stop, are replaced or run without support.
    CoversAffected { systems: Vec<String> },
}

/// A running contract the scenario puts at risk, with the clauses a planner
/// invokes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractAtRisk {
    pub contract: String,
    pub name: Option<String>,
    pub vendor: String,
    pub vendor_name: String,
    pub kind: ContractKind,
    /// `None` when the model gives no `annual_cost`.
    pub annual_cost: Option<f64>,
    pub reasons: Vec<RiskReason>,
    /// The end of the current term on the as-of date.
    pub term_end: Option<NaiveDate>,
    /// The next end of term that notice can still reach (the contract's
    /// end when it does not renew).
    pub next_exit: Option<NaiveDate>,
    pub notice: Duration,
    /// The last day to give notice for the next reachable exit.
    pub notice_by: Option<NaiveDate>,
    pub renewal: Option<Duration>,
    pub data_retrieval: Option<Duration>,
    /// The contract's contact, else its vendor's.
    pub contact: Option<Contact>,
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

/// How leaving a shocked vendor is costed.
pub const SWITCH_COST_METHOD: &str =
    "total switch cost of the exit plan of the vendor (exit_plan::plan)";

/// Look-ups the findings need, built once per landscape, so that a run
/// costs what its cuts reach (`--each-vendor` runs one per vendor).
pub struct Index {
    /// Per vendor: the in-use systems it makes or operates.
    pub systems_of: Vec<Vec<SystemId>>,
    /// Per vendor: the in-use systems whose backup it holds.
    pub held_by: Vec<Vec<SystemId>>,
    /// Per system: the in-use systems it takes the backups of.
    pub backs_up: Vec<Vec<SystemId>>,
    /// Per system: whether it holds backups (category `backup`, or named
    /// as a `backup_system`).
    pub is_backup: Vec<bool>,
    /// Per vendor: its contracts (indices).
    pub contracts_of: Vec<Vec<usize>>,
}

impl Index {
    pub fn new(g: &Graph) -> Index {
        let m = g.model();
        let mut held_by = vec![Vec::new(); m.vendors.len()];
        let mut backs_up = vec![Vec::new(); m.systems.len()];
        let mut is_backup = vec![false; m.systems.len()];
        for s in m.system_ids() {
            let sys = m.system(s);
            if sys.category == "backup" {
                is_backup[s.index()] = true;
            }
            if !sys.in_use() {
                continue;
            }
            if let Some(Party::Vendor(v)) = sys.data.as_ref().and_then(|d| d.backup) {
                held_by[v.index()].push(s);
            }
            if let Some(b) = sys.recovery.backup_system {
                backs_up[b.index()].push(s);
                is_backup[b.index()] = true;
            }
        }
        let mut contracts_of = vec![Vec::new(); m.vendors.len()];
        for (i, c) in m.contracts.iter().enumerate() {
            contracts_of[c.vendor.index()].push(i);
        }
        Index {
            systems_of: crate::analysis::propagate::systems_by_vendor(g),
            held_by,
            backs_up,
            is_backup,
            contracts_of,
        }
    }

    /// The systems a cut can reach directly: those the cut vendors make or
    /// operate, the systems cut themselves, and what goes down; sorted.
    fn reached(&self, set: &CutSet, cut_vendors: &[VendorId], o: &Outcome) -> Vec<SystemId> {
        let mut out: Vec<SystemId> = cut_vendors
            .iter()
            .flat_map(|v| self.systems_of[v.index()].iter().copied())
            .chain(o.systems.iter().map(|d| d.id))
            .chain(
                (0..set.systems.len() as u32)
                    .map(SystemId)
                    .filter(|s| set.systems[s.index()]),
            )
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn sensitivity_rank(s: Option<Sensitivity>) -> u8 {
    match s {
        None => 0,
        Some(Sensitivity::Low) => 1,
        Some(Sensitivity::Normal) => 2,
        Some(Sensitivity::High) => 3,
        Some(Sensitivity::Critical) => 4,
    }
}

/// Every in-use system with a declared backup whose backup cannot be
/// restored under the cuts: its holder lost or withdrawn, its backup
/// system lost, made by a withdrawn vendor, or down and never back as
/// itself (`same`: per down system of `o`, the hour it is back as itself).
pub fn backups(
    g: &Graph,
    ix: &Index,
    cuts: &Cuts<'_>,
    cut_vendors: &[VendorId],
    o: &Outcome,
    same: &[f64],
) -> Vec<BackupFinding> {
    let m = g.model();
    let mut out = Vec::new();
    // Only systems whose holder is cut or whose backup system the cut
    // reaches can lose their backup.
    let mut candidates: Vec<SystemId> = cut_vendors
        .iter()
        .flat_map(|v| ix.held_by[v.index()].iter().copied())
        .chain(
            ix.reached(cuts.set, cut_vendors, o)
                .into_iter()
                .flat_map(|b| ix.backs_up[b.index()].iter().copied()),
        )
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    for s in candidates {
        let sys = m.system(s);
        let holder = sys.data.as_ref().and_then(|d| d.backup);
        let bsys = sys.recovery.backup_system;
        let mut loss: Option<(BackupLoss, f64)> = None;
        if let Some(h) = holder
            && cuts.set.party_term(h).is_some_and(Term::lost)
        {
            loss = Some((
                BackupLoss::HolderCut {
                    holder: m.party_id(h).to_string(),
                },
                0.0,
            ));
        }
        if loss.is_none()
            && let Some(b) = bsys
            && b != s
        {
            if let Some(l) = recovery::loss_of_backups(g, cuts, b) {
                loss = Some((l, 0.0));
            } else if let Ok(k) = o.systems.binary_search_by_key(&b, |d| d.id)
                && same[k].is_infinite()
            {
                loss = Some((
                    BackupLoss::BackupSystemDown {
                        system: m.system(b).id.clone(),
                    },
                    o.systems[k].at,
                ));
            }
        }
        if let Some((loss, from)) = loss {
            out.push(BackupFinding {
                system: sys.id.clone(),
                name: sys.name.clone(),
                volume_gb: sys.data.as_ref().map_or(0.0, |d| d.volume_gb),
                sensitivity: sys.data.as_ref().map(|d| d.sensitivity),
                loss,
                from_hours: from,
            });
        }
    }
    out.sort_by(|a, b| {
        sensitivity_rank(b.sensitivity)
            .cmp(&sensitivity_rank(a.sensitivity))
            .then(b.volume_gb.total_cmp(&a.volume_gb))
            .then(a.system.cmp(&b.system))
    });
    out
}

/// Data out of reach: a down system whose operator is lost or withdrawn
/// (an outage gives the data back) without a backup held by a party that
/// is not; and the data of a backup system (its backups) whose maker is
/// withdrawn, since only that vendor's software reads them.
pub fn stranded(
    g: &Graph,
    ix: &Index,
    set: &CutSet,
    cut_vendors: &[VendorId],
    o: &Outcome,
) -> Vec<Stranded> {
    let m = g.model();
    let mut out = Vec::new();
    for d in &o.systems {
        let sys = m.system(d.id);
        let Party::Vendor(op) = sys.operator else {
            continue;
        };
        let Some(data) = sys.data.as_ref() else {
            continue;
        };
        if !set.vendor_term(op).is_some_and(Term::lost) {
            continue;
        }
        if let Some(b) = data.backup
            && !set.party_term(b).is_some_and(Term::lost)
        {
            continue;
        }
        out.push(Stranded {
            system: sys.id.clone(),
            name: sys.name.clone(),
            volume_gb: data.volume_gb,
            sensitivity: data.sensitivity,
            reason: StrandedReason::OperatorCut,
            operator: m.vendor(op).id.clone(),
            backup: data.backup.map(|b| m.party_id(b).to_string()),
            format_vendor: None,
        });
    }
    let holders: Vec<SystemId> = cut_vendors
        .iter()
        .flat_map(|v| ix.systems_of[v.index()].iter().copied())
        .filter(|s| ix.is_backup[s.index()])
        .collect();
    let mut holders = holders;
    holders.sort_unstable();
    holders.dedup();
    for b in holders {
        let sys = m.system(b);
        let (Party::Vendor(v), Some(data)) = (sys.vendor, sys.data.as_ref()) else {
            continue;
        };
        if out.iter().any(|x| x.system == sys.id)
            || set
                .vendor_term(v)
                .is_none_or(|t| t.kind != CutKind::Withdrawal)
        {
            continue;
        }
        out.push(Stranded {
            system: sys.id.clone(),
            name: sys.name.clone(),
            volume_gb: data.volume_gb,
            sensitivity: data.sensitivity,
            reason: StrandedReason::BackupFormat,
            operator: m.party_id(sys.operator).to_string(),
            backup: data.backup.map(|b| m.party_id(b).to_string()),
            format_vendor: Some(m.vendor(v).id.clone()),
        });
    }
    out.sort_by(|a, b| {
        sensitivity_rank(Some(b.sensitivity))
            .cmp(&sensitivity_rank(Some(a.sensitivity)))
            .then(b.volume_gb.total_cmp(&a.volume_gb))
            .then(a.system.cmp(&b.system))
    });
    out
}

/// A contract runs on `as_of` when its term has not ended or it renews itself.
pub fn running(c: &Contract, as_of: NaiveDate) -> bool {
    c.end >= as_of || c.renewal.is_some()
}

/// The running contracts at risk: with a cut vendor (a cut reaches its
/// vendor, so subsidiaries count), or covering an affected system (one that
/// stops, is replaced or runs without support: resellers and distributors
/// count), by cost (highest first), then id. `affected` is sorted.
pub fn contracts(
    g: &Graph,
    ix: &Index,
    set: &CutSet,
    cut_vendors: &[VendorId],
    affected: &[SystemId],
    as_of: NaiveDate,
) -> Vec<ContractAtRisk> {
    let m = g.model();
    let mut out: Vec<ContractAtRisk> = Vec::new();
    // Only contracts of cut vendors or covering affected systems can be at
    // risk: collect them without a pass over every contract per cut.
    let mut candidates: Vec<usize> = affected
        .iter()
        .flat_map(|s| g.contracts_of(*s).iter().map(|c| c.index()))
        .chain(
            cut_vendors
                .iter()
                .flat_map(|v| ix.contracts_of[v.index()].iter().copied()),
        )
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    for i in candidates {
        let c = &m.contracts[i];
        if !running(c, as_of) {
            continue;
        }
        let mut reasons = Vec::new();
        if set.vendor_cut(c.vendor) {
            reasons.push(RiskReason::VendorCut);
        }
        let covered: Vec<String> = c
            .covers
            .iter()
            .filter(|s| affected.binary_search(s).is_ok())
            .map(|s| m.system(*s).id.clone())
            .collect();
        if !covered.is_empty() {
            reasons.push(RiskReason::CoversAffected { systems: covered });
        }
        if reasons.is_empty() {
            continue;
        }
        let dates = deadlines::contract_dates(c, as_of, 0);
        out.push(ContractAtRisk {
            contract: c.id.clone(),
            name: c.name.clone(),
            vendor: m.vendor(c.vendor).id.clone(),
            vendor_name: m.vendor(c.vendor).name.clone(),
            kind: c.kind,
            annual_cost: c.annual_cost,
            reasons,
            term_end: dates.term_end,
            next_exit: dates.next_exit,
            notice: c.notice,
            notice_by: dates.notice_deadline,
            renewal: c.renewal,
            data_retrieval: c.data_retrieval,
            contact: c
                .contact
                .clone()
                .or_else(|| m.vendor(c.vendor).contact.clone()),
        });
    }
    super::sort_unique(&mut out, |a, b| {
        b.annual_cost
            .unwrap_or(-1.0)
            .total_cmp(&a.annual_cost.unwrap_or(-1.0))
            .then(a.contract.cmp(&b.contract))
    });
    out
}

/// The effect of each price shock, in the order given.
pub fn price_shocks(g: &Graph, prices: &[PriceShock], as_of: NaiveDate) -> PriceShockReport {
    let m = g.model();
    // Each running contract takes the factor of the nearest priced vendor
    // up its vendor's ownership chain: a shock for a group applies to
    // its subsidiaries unless they have their own (no contract counts
    // twice). The first shock of a vendor named twice applies.
    let shock_of = |c: &Contract| -> Option<usize> {
        g.ownership_chain(c.vendor)
            .find_map(|v| prices.iter().position(|p| p.vendor == v))
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
            payback_years: (added > 0.0 && without_cost.is_empty()).then(|| switch_cost / added),
            systems_without_switch_cost: without_cost,
            switch_cost,
            switch_cost_method: SWITCH_COST_METHOD.to_string(),
        });
    }
    PriceShockReport {
        added_annual_cost: vendors
            .iter()
            .map(|v| v.added_annual_cost)
            .fold(0.0, |a, b| a + b),
        vendors,
    }
}
