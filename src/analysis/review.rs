//! The annual switch-readiness review (German: *Wechselbereitschaftsprüfung*):
//! every analysis the report shows, computed once, as one `Serialize` value.
//!
//! [`review`] runs the analyses the CIO hands to the council and keeps their
//! results: the sovereignty self-check (`sovereignty`), the lock-in hotspots
//! with the vendor groups and spend concentration (`lockin`, `spend`), the
//! contract deadlines with the EU Data Act findings (`deadlines`,
//! `data_act`), exit plans for the top vendor groups (`exit_plan`), the
//! cut-off simulation of every scenario of the model (`simulate`), the
//! snapshot that next year's review compares with, and the comparison with
//! last year's snapshot when one is given (`diff`). On top of these it
//! derives the management summary with three documented rules
//! (`docs/methodology.md#the-switch-readiness-review`):
//!
//! - **Decisions before the next review**: the contracts whose decision
//!   deadline has passed (`overdue`) or falls within `horizon` (12 months,
//!   the time to the next annual review) of the as-of date (`due`).
//! - **Exit plans**: for the `exit_plans` (3) vendor groups with the highest
//!   vendor lock-in score (ties: higher spend share, then id) that make or
//!   operate at least one in-use system; the plan leaves the group's top
//!   company and every company it controls.
//! - **Worst cut-off scenario**: of the scenarios that cut something off
//!   (price-only scenarios stop nothing), the one with the highest sum of
//!   criticality weights (critical 4, high 3, medium 2, low 1) over the
//!   services it takes down; ties: more breached services, then the earlier
//!   first service down, then the scenario's position in the model. A
//!   scenario that takes no service down is never the worst.
//!
//! Nothing here reads files, prints or renders: the result is the same for
//! the same graph and options (Monte Carlo with the given seed), which is
//! also why the benchmarks time this function as "the whole review without
//! rendering". `render::page` turns it into the texts of the report.

use crate::analysis::council::{self, CouncilBrief};
use crate::analysis::deadlines::{self, ContractDeadline, DeadlineOptions, Deadlines, Status};
use crate::analysis::diff::{self, Diff, Snapshot, SnapshotOptions};
use crate::analysis::exit_plan::{self, ExitPlan, PlanOptions, Target};
use crate::analysis::lockin::{self, FactorName, HotspotsReport};
use crate::analysis::simulate::{self, Simulator, Spec, State};
use crate::analysis::sovereignty::{self, DimensionKey, Level, SovereigntyReport};
use crate::analysis::spend;
use crate::analysis::{data_act, explain, paths};
use crate::graph::Graph;
use crate::model::defaults::ParamValue;
use crate::model::defaults::switch::CategoryParams;
use crate::model::{
    Country, Criticality, Duration, ExitKind, Intent, Lang, Status as SystemStatus,
};
use chrono::NaiveDate;
use serde::Serialize;

/// The version of the `review.json` layout; a reader can refuse others.
pub const REVIEW_VERSION: u32 = 1;
/// Hotspots shown in the hotspots section by default.
pub const DEFAULT_TOP: usize = 10;
/// Hotspots named in the management summary.
pub const SUMMARY_HOTSPOTS: usize = 5;
/// Vendor groups that get an exit plan by default.
pub const DEFAULT_EXIT_PLANS: usize = 3;
/// Most decisions listed by name in the management summary (the contracts
/// section lists all).
pub const SUMMARY_DECISIONS: usize = 8;

/// Options of [`review`].
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewOptions {
    /// The review date ("today" of every deadline).
    pub as_of: NaiveDate,
    /// The language the report is written in (recorded in the result).
    pub lang: Lang,
    /// Seed of every Monte Carlo simulation (exit plans, migration times).
    pub seed: u64,
    /// Monte Carlo runs per plan.
    pub runs: u32,
    /// Decisions due within this period need one before the next review.
    pub horizon: Duration,
    /// Hotspots shown in the hotspots section (and kept in the snapshot).
    pub top: usize,
    /// Vendor groups that get an exit plan.
    pub exit_plans: usize,
    /// Last year's snapshot, to compare with.
    pub baseline: Option<Snapshot>,
    /// Last year's recommended decisions (from its `review.json`).
    pub past: Vec<crate::analysis::progress::PastRecommendation>,
}

impl ReviewOptions {
    /// The defaults: 10,000 runs with the fixed seed, a 12-month horizon,
    /// the top 10 hotspots, exit plans for 3 vendor groups, no baseline.
    pub fn new(as_of: NaiveDate, lang: Lang) -> ReviewOptions {
        ReviewOptions {
            as_of,
            lang,
            seed: exit_plan::DEFAULT_SEED,
            runs: exit_plan::DEFAULT_RUNS,
            horizon: Duration::months(12),
            top: DEFAULT_TOP,
            exit_plans: DEFAULT_EXIT_PLANS,
            baseline: None,
            past: Vec::new(),
        }
    }

    fn plan(&self) -> PlanOptions {
        PlanOptions {
            runs: self.runs.max(1),
            seed: self.seed,
            parallel: None,
            as_of: Some(self.as_of),
        }
    }
}

/// The program that made the review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// The organisation as the report introduces it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OrganisationInfo {
    pub name: String,
    pub description: Option<String>,
    pub home: Country,
    /// The trusted jurisdictions as written: `EU` when every member state is
    /// trusted, then the other trusted countries.
    pub trusted: Vec<String>,
    pub currency: String,
    pub staff: Option<u64>,
    pub switch_target: Duration,
    pub parallel_migrations: u32,
    pub it_competence: Option<u8>,
}

/// How big the landscape is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReviewCounts {
    pub systems: usize,
    pub in_use: usize,
    pub candidates: usize,
    pub retired: usize,
    /// In use with criticality critical or high.
    pub core_systems: usize,
    pub vendors: usize,
    /// Vendor groups that make or operate an in-use system or hold a contract.
    pub vendor_groups: usize,
    pub interfaces: usize,
    pub formats: usize,
    pub contracts: usize,
    /// Sum of the contracts' annual cost (contracts without one count 0).
    pub annual_cost: f64,
    pub services: usize,
    /// Services of criticality critical or high.
    pub critical_services: usize,
    pub scenarios: usize,
}

/// A business service, as the report names it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceBrief {
    pub id: String,
    pub name: String,
    pub criticality: Criticality,
    pub users: u64,
    pub max_outage: Option<Duration>,
}

/// One dimension's score, for the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimensionScore {
    pub key: DimensionKey,
    pub score: u8,
}

/// The sovereignty check in one line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SovereigntyBrief {
    /// 5..25.
    pub total: u8,
    pub max: u8,
    pub level: Level,
    pub scores: Vec<DimensionScore>,
    /// The keys of the dimensions with the lowest score, in report order.
    pub weakest: Vec<DimensionKey>,
}

/// A hotspot named in the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotBrief {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub category: String,
    pub score: f64,
    pub hotspot: f64,
    /// The vendor group of its maker (`None`: made in-house).
    pub vendor_group: Option<String>,
    pub vendor_group_name: Option<String>,
    /// The factor with the most points (ties: report order).
    pub largest_factor: FactorName,
}

/// A contract that needs a decision before the next review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub contract: String,
    pub name: Option<String>,
    pub vendor: String,
    pub vendor_name: String,
    /// `overdue` (the next exit is no longer reachable) or `due`.
    pub status: Status,
    pub annual_cost: Option<f64>,
    /// How leaving the contract is done.
    pub exit_kind: Option<ExitKind>,
    /// The last day to start the switch for the next exit.
    pub decision_deadline: Option<NaiveDate>,
    pub next_exit: Option<NaiveDate>,
    pub notice_deadline: Option<NaiveDate>,
    /// The earliest exit still reachable (differs from `next_exit` when overdue).
    pub feasible_exit: Option<NaiveDate>,
    /// The date to act on: the decision deadline when due; when overdue,
    /// the decision deadline of the earliest reachable exit (the as-of date
    /// when the contract ends before any switch could finish).
    pub act_by: Option<NaiveDate>,
    /// P80 migration time of the covered systems, whole days.
    pub migration_days: i64,
    /// A current decision to review, if one is recorded.
    pub in_review_since: Option<NaiveDate>,
}

/// A contract renewed on purpose or being left, by a recorded decision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decided {
    pub contract: String,
    pub name: Option<String>,
    pub vendor_name: String,
    pub intent: Intent,
    pub decided: NaiveDate,
    pub by: Option<String>,
    pub reason: Option<String>,
    pub annual_cost: Option<f64>,
    /// Renewed: it runs at least until this day.
    pub renewed_until: Option<NaiveDate>,
    /// Leaving: the exit day, the notice deadline and the start-by date.
    pub next_exit: Option<NaiveDate>,
    pub notice_deadline: Option<NaiveDate>,
    pub decision_deadline: Option<NaiveDate>,
}

/// Decisions before the next review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decisions {
    /// The as-of date plus the horizon: the next review.
    pub horizon_end: Option<NaiveDate>,
    /// Open decisions whose next exit is no longer reachable.
    pub overdue: usize,
    /// Open decisions whose next exit is still reachable.
    pub due: usize,
    /// Annual cost of the contracts with an open decision.
    pub annual_cost: f64,
    /// Every contract with an open decision (no current decision, start-by
    /// date before the next review), most urgent first: by `act_by`, then id.
    pub contracts: Vec<Decision>,
    /// Contracts renewed on purpose (listed apart, not open).
    pub renewed: Vec<Decided>,
    /// Contracts being left as decided.
    pub leaving: Vec<Decided>,
    /// Contracts that ended before the review date (they count nowhere).
    pub ended: Vec<String>,
}

/// A mandated system: the organisation cannot choose it, and it still
/// carries risk.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MandatedBrief {
    pub id: String,
    pub name: String,
    pub reason: String,
    pub criticality: Criticality,
    /// The vendor and operator groups' untrusted jurisdictions, sorted.
    pub untrusted_exposure: Vec<Country>,
    /// The services that stop when it stops (names, model order).
    pub services: Vec<String>,
}

/// The largest vendor group by spend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupBrief {
    pub vendor: String,
    pub name: String,
    pub country: Country,
    pub annual_cost: f64,
    pub share: f64,
}

/// Spend in one line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpendBrief {
    pub currency: String,
    pub total: f64,
    /// Spend on vendors whose ownership chain leaves the trusted set.
    pub untrusted_cost: f64,
    pub untrusted_share: f64,
    /// The untrusted countries of the top parents that receive money, sorted.
    pub untrusted_countries: Vec<Country>,
    pub hhi: f64,
    pub band: spend::Band,
    pub largest: Option<GroupBrief>,
    pub contracts_without_cost: usize,
}

/// The worst cut-off scenario (see the module docs for the rule).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorstScenario {
    pub scenario: String,
    pub name: Option<String>,
    /// Sum of the criticality weights of the services down.
    pub weight: u32,
    pub services_down: usize,
    pub services_total: usize,
    pub services_breached: usize,
    /// Critical or high services among those down.
    pub critical_services_down: usize,
    /// The first day a service stops (0: at once).
    pub first_down_day: Option<u32>,
    pub systems_down: usize,
    pub stranded_volume_gb: f64,
    pub annual_cost_at_risk: f64,
    pub cut_vendors: usize,
}

/// The management summary: what the council reads first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub sovereignty: SovereigntyBrief,
    pub hotspots: Vec<HotspotBrief>,
    pub decisions: Decisions,
    pub spend: SpendBrief,
    /// `None` when no scenario of the model takes a service down.
    pub worst_scenario: Option<WorstScenario>,
    /// Scenarios that cut something off (candidates for the worst).
    pub cutoff_scenarios: usize,
    pub data_act_findings: usize,
}

/// The exit plan of one vendor group, and why it was chosen.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorExit {
    /// The top parent's id.
    pub vendor: String,
    pub name: String,
    pub country: Country,
    /// Whether the group's ownership chain leaves the trusted set.
    pub untrusted: bool,
    /// The vendor lock-in score that ranked it (0..100).
    pub vendor_score: f64,
    pub spend_share: f64,
    pub annual_cost: f64,
    /// Critical services this group alone can take down.
    pub single_point_for: Vec<String>,
    pub plan: ExitPlan,
}

/// One scenario of the model: the simulation and its weight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioReview {
    /// Sum of the criticality weights of the services down.
    pub weight: u32,
    /// Whether the scenario cuts anything off (else only prices change).
    pub cuts_off: bool,
    /// The scenario's description in the model.
    pub description: Option<String>,
    pub report: simulate::Report,
}

/// A criticality and its weight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriticalityWeight {
    pub criticality: Criticality,
    pub weight: u32,
}

/// The EU Data Act thresholds checked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DataActMethod {
    pub max_notice: Duration,
    pub min_retrieval_days: f64,
    pub switching_charges_end: NaiveDate,
}

/// Every setting and coefficient the review used.
#[derive(Clone, Debug, Serialize)]
pub struct Method {
    pub tool_version: &'static str,
    pub as_of: NaiveDate,
    pub seed: u64,
    pub runs: u32,
    pub horizon: Duration,
    pub hotspot_top: usize,
    pub summary_hotspots: usize,
    pub exit_plans: usize,
    pub switch_target: Duration,
    pub switch_target_days: f64,
    pub parallel_migrations: u32,
    pub criticality_weights: Vec<CriticalityWeight>,
    /// `[defaults.switch]` coefficients in use.
    pub switch: Vec<ParamValue>,
    /// The switch rows of the categories of the model's systems.
    pub switch_categories: Vec<CategoryParams>,
    /// `[defaults.lockin]` weights and constants in use.
    pub lockin: Vec<ParamValue>,
    /// HHI band edges: below the first unconcentrated, above the second highly concentrated.
    pub hhi_bands: [f64; 2],
    pub data_act: DataActMethod,
}

/// The review: everything the report shows.
#[derive(Clone, Debug, Serialize)]
pub struct Review {
    pub review_version: u32,
    pub tool: Tool,
    pub as_of: NaiveDate,
    /// The as-of date plus the horizon.
    pub next_review: Option<NaiveDate>,
    pub lang: Lang,
    pub organisation: OrganisationInfo,
    pub counts: ReviewCounts,
    /// The services of the model, in model order.
    pub services: Vec<ServiceBrief>,
    pub summary: Summary,
    /// The first page: findings and recommended decisions.
    pub council: CouncilBrief,
    pub sovereignty: SovereigntyReport,
    /// Every in-use system ranked (the report shows the top `method.hotspot_top`).
    pub hotspots: HotspotsReport,
    /// In-use systems without a recorded alternative, in hotspot order, with
    /// what the built-in catalogue lists for their category.
    pub without_alternatives: Vec<MissingAlternative>,
    /// Mandated in-use systems ("nicht wählbar"), in model order.
    pub mandated: Vec<MandatedBrief>,
    pub deadlines: Deadlines,
    pub exit_plans: Vec<VendorExit>,
    /// Every scenario of the model, in model order.
    pub scenarios: Vec<ScenarioReview>,
    /// The multi-year plan, when the model has a `[plan]` table.
    pub multi_year_plan: Option<crate::analysis::plan::Plan>,
    /// The comparison with the baseline, when one was given.
    pub changes: Option<Diff>,
    /// Progress since the last review: with a baseline or measures.
    pub progress: Option<crate::analysis::progress::Progress>,
    pub method: Method,
    /// What next year's review compares with (`--baseline`).
    pub snapshot: Snapshot,
}

/// An in-use system for which the model names no alternative.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MissingAlternative {
    /// Hotspot rank.
    pub rank: usize,
    pub system: String,
    pub name: String,
    pub category: String,
    /// Catalogue entries for its category (empty: the catalogue knows none).
    pub suggestions: Vec<explain::Suggestion>,
}

/// The in-use systems without alternatives, in hotspot order, with the
/// catalogue's suggestions (`lockin::catalogue_suggestions`, as `explain`).
fn without_alternatives(g: &Graph, h: &HotspotsReport) -> Vec<MissingAlternative> {
    let m = g.model();
    h.systems
        .iter()
        .filter_map(|row| {
            let s = m.system_id(&row.id)?;
            if !m.system(s).alternatives.is_empty() {
                return None;
            }
            Some(MissingAlternative {
                rank: row.rank,
                system: row.id.clone(),
                name: row.name.clone(),
                category: row.category.clone(),
                suggestions: lockin::catalogue_suggestions(g, s)
                    .into_iter()
                    .map(explain::Suggestion::from)
                    .collect(),
            })
        })
        .collect()
}

/// The trusted set as written: `EU` for all member states, then other countries.
pub fn trusted_display(g: &Graph) -> Vec<String> {
    let trusted = &g.model().organisation.trusted;
    let eu_all = Country::eu_members().all(|c| trusted.contains(c));
    let mut out = Vec::new();
    if eu_all {
        out.push("EU".to_string());
    }
    out.extend(
        trusted
            .iter()
            .filter(|c| !(eu_all && c.is_eu()))
            .map(|c| c.to_string()),
    );
    out
}

/// The sum of the criticality weights of the services a simulation takes down.
pub fn scenario_weight(r: &simulate::Report) -> u32 {
    r.services
        .iter()
        .filter(|s| s.state == State::Down)
        .map(|s| s.criticality.weight())
        .sum()
}

/// The worst of the simulated scenarios (module docs): highest weight, then
/// more breaches, then the earlier first down day, then model order.
pub fn worst_scenario(scenarios: &[ScenarioReview]) -> Option<WorstScenario> {
    let first_down = |r: &simulate::Report| {
        r.services
            .iter()
            .filter(|s| s.state == State::Down)
            .filter_map(|s| s.down_from_day)
            .min()
    };
    let mut best: Option<&ScenarioReview> = None;
    for s in scenarios.iter().filter(|s| s.cuts_off && s.weight > 0) {
        let better = match best {
            None => true,
            Some(b) => {
                let key = |x: &ScenarioReview| {
                    (
                        x.weight,
                        x.report.summary.services_breached,
                        std::cmp::Reverse(first_down(&x.report).unwrap_or(u32::MAX)),
                    )
                };
                // Strictly greater: an equal one later in the model loses.
                key(s) > key(b)
            }
        };
        if better {
            best = Some(s);
        }
    }
    best.map(|s| {
        let r = &s.report;
        WorstScenario {
            scenario: r.scenario.clone(),
            name: r.name.clone(),
            weight: s.weight,
            services_down: r.summary.services_down,
            services_total: r.summary.services_total,
            services_breached: r.summary.services_breached,
            critical_services_down: r
                .services
                .iter()
                .filter(|x| x.state == State::Down && lockin::is_critical_service(x.criticality))
                .count(),
            first_down_day: first_down(r),
            systems_down: r.summary.systems_down,
            stranded_volume_gb: r.stranded_volume_gb,
            annual_cost_at_risk: r.annual_cost_at_risk,
            cut_vendors: r.cut_vendors.len(),
        }
    })
}

/// The contracts that need a decision before the next review, most urgent
/// first (by the date to act on, then id), and those decided already.
pub fn decisions(d: &Deadlines) -> Decisions {
    let concerned: Vec<&ContractDeadline> = d.open_decisions().collect();
    let decided = |c: &ContractDeadline| {
        let x = c.decision.as_ref()?;
        Some(Decided {
            contract: c.id.clone(),
            name: c.name.clone(),
            vendor_name: c.vendor_name.clone(),
            intent: x.intent,
            decided: x.decided,
            by: x.by.clone(),
            reason: x.reason.clone(),
            annual_cost: c.annual_cost,
            renewed_until: c.renewed_until,
            next_exit: c.next_exit,
            notice_deadline: c.notice_deadline,
            decision_deadline: c.decision_deadline,
        })
    };
    let with = |st: Status| {
        let mut v: Vec<Decided> = d
            .contracts
            .iter()
            .filter(|c| c.status == st)
            .filter_map(decided)
            .collect();
        v.sort_by(|a, b| a.contract.cmp(&b.contract));
        v
    };
    let mut ended: Vec<String> = d
        .contracts
        .iter()
        .filter(|c| c.status == Status::Ended)
        .map(|c| c.id.clone())
        .collect();
    ended.sort();
    let mut out = Decisions {
        horizon_end: d.horizon_end,
        overdue: concerned
            .iter()
            .filter(|c| c.status == Status::Overdue)
            .count(),
        due: concerned.iter().filter(|c| c.status == Status::Due).count(),
        annual_cost: spend::round_money(concerned.iter().filter_map(|c| c.annual_cost).sum()),
        contracts: concerned
            .into_iter()
            .map(|c| Decision {
                contract: c.id.clone(),
                name: c.name.clone(),
                vendor: c.vendor.clone(),
                vendor_name: c.vendor_name.clone(),
                status: c.status,
                annual_cost: c.annual_cost,
                exit_kind: c.exit_kind,
                decision_deadline: c.decision_deadline,
                next_exit: c.next_exit,
                notice_deadline: c.notice_deadline,
                feasible_exit: c.feasible_exit,
                act_by: c.act_by,
                migration_days: c.migration_days,
                in_review_since: c
                    .decision
                    .as_ref()
                    .filter(|x| x.current && x.intent == Intent::Review)
                    .map(|x| x.decided),
            })
            .collect(),
        renewed: with(Status::Renewed),
        leaving: with(Status::Leaving),
        ended,
    };
    out.contracts.sort_by(|a, b| {
        a.act_by
            .cmp(&b.act_by)
            .then_with(|| a.contract.cmp(&b.contract))
    });
    out
}

/// The mandated in-use systems with the risk they still carry, in model order.
pub fn mandated(g: &Graph) -> Vec<MandatedBrief> {
    let m = g.model();
    m.system_ids()
        .filter(|&s| m.system(s).in_use() && m.system(s).is_mandated())
        .map(|s| {
            let sys = m.system(s);
            let (_, services) = g.transitive_dependents(s);
            let mut exposure: Vec<Country> = [sys.vendor, sys.operator]
                .into_iter()
                .flat_map(|p| g.untrusted_exposure(p))
                .collect();
            exposure.sort_unstable();
            exposure.dedup();
            MandatedBrief {
                id: sys.id.clone(),
                name: sys.name.clone(),
                reason: sys.mandated.clone().unwrap_or_default(),
                criticality: sys.criticality,
                untrusted_exposure: exposure,
                services: services
                    .into_iter()
                    .map(|v| m.service(v).name.clone())
                    .collect(),
            }
        })
        .collect()
}

/// The vendor groups that get an exit plan (module docs): the first `n` of
/// the vendor ranking (score, spend share, id) with an in-use system.
pub fn exit_plan_groups(
    vendors: &[lockin::VendorAggregate],
    n: usize,
) -> Vec<&lockin::VendorAggregate> {
    vendors
        .iter()
        .filter(|v| !v.systems.is_empty())
        .take(n)
        .collect()
}

fn sovereignty_brief(s: &SovereigntyReport) -> SovereigntyBrief {
    let min = s.dimensions.iter().map(|d| d.score).min().unwrap_or(0);
    SovereigntyBrief {
        total: s.total,
        max: (5 * s.dimensions.len()) as u8,
        level: s.level,
        scores: s
            .dimensions
            .iter()
            .map(|d| DimensionScore {
                key: d.key,
                score: d.score,
            })
            .collect(),
        weakest: s
            .dimensions
            .iter()
            .filter(|d| d.score == min)
            .map(|d| d.key)
            .collect(),
    }
}

fn hotspot_briefs(g: &Graph, h: &HotspotsReport, n: usize) -> Vec<HotspotBrief> {
    let m = g.model();
    h.systems
        .iter()
        .take(n)
        .map(|s| {
            let group = m
                .system_id(&s.id)
                .and_then(|id| m.system(id).vendor.vendor())
                .map(|v| g.top_parent(v));
            let mut largest = (FactorName::DataPortability, f64::NEG_INFINITY);
            for f in &s.factors {
                if f.points > largest.1 {
                    largest = (f.name, f.points);
                }
            }
            HotspotBrief {
                rank: s.rank,
                id: s.id.clone(),
                name: s.name.clone(),
                category: s.category.clone(),
                score: s.score,
                hotspot: s.hotspot,
                vendor_group: group.map(|v| m.vendor(v).id.clone()),
                vendor_group_name: group.map(|v| m.vendor(v).name.clone()),
                largest_factor: largest.0,
            }
        })
        .collect()
}

fn spend_brief(c: &spend::Concentration) -> SpendBrief {
    let mut countries: Vec<Country> = c
        .by_jurisdiction
        .iter()
        .filter(|j| !j.trusted && j.annual_cost > 0.0)
        .map(|j| j.country)
        .collect();
    countries.sort();
    SpendBrief {
        currency: c.currency.clone(),
        total: c.total,
        untrusted_cost: c.untrusted_cost,
        untrusted_share: c.untrusted_share,
        untrusted_countries: countries,
        hhi: c.hhi,
        band: c.band,
        largest: c
            .by_group
            .first()
            .filter(|x| x.annual_cost > 0.0)
            .map(|x| GroupBrief {
                vendor: x.vendor.clone(),
                name: x.name.clone(),
                country: x.country,
                annual_cost: x.annual_cost,
                share: x.share,
            }),
        contracts_without_cost: c.contracts_without_cost.len(),
    }
}

fn counts(g: &Graph, h: &HotspotsReport) -> ReviewCounts {
    let m = g.model();
    let c = m.counts();
    let status = |st: SystemStatus| m.systems.iter().filter(|s| s.status == st).count();
    ReviewCounts {
        systems: c.systems,
        in_use: status(SystemStatus::InUse),
        candidates: status(SystemStatus::Candidate),
        retired: status(SystemStatus::Retired),
        core_systems: sovereignty::core_systems(g).len(),
        vendors: c.vendors,
        vendor_groups: h.vendors.len(),
        interfaces: c.interfaces,
        formats: c.formats,
        contracts: c.contracts,
        annual_cost: spend::round_money(
            m.contract_ids()
                .filter(|&k| g.contract_running(k))
                .filter_map(|k| m.contract(k).annual_cost)
                .sum(),
        ),
        services: c.services,
        critical_services: paths::critical_services(g).len(),
        scenarios: c.scenarios,
    }
}

fn method(g: &Graph, opts: &ReviewOptions) -> Method {
    let m = g.model();
    let mut categories: Vec<&str> = m
        .systems
        .iter()
        .filter(|s| s.status != SystemStatus::Retired)
        .map(|s| s.category.as_str())
        .collect();
    categories.sort_unstable();
    categories.dedup();
    Method {
        tool_version: env!("CARGO_PKG_VERSION"),
        as_of: opts.as_of,
        seed: opts.seed,
        runs: opts.runs.max(1),
        horizon: opts.horizon,
        hotspot_top: opts.top,
        summary_hotspots: SUMMARY_HOTSPOTS.min(opts.top),
        exit_plans: opts.exit_plans,
        switch_target: m.organisation.switch_target,
        switch_target_days: m.organisation.switch_target.as_days(),
        parallel_migrations: m.organisation.parallel_migrations,
        criticality_weights: [
            Criticality::Critical,
            Criticality::High,
            Criticality::Medium,
            Criticality::Low,
        ]
        .into_iter()
        .map(|c| CriticalityWeight {
            criticality: c,
            weight: c.weight(),
        })
        .collect(),
        switch: m.defaults.switch.values(),
        switch_categories: categories
            .into_iter()
            .map(|c| m.defaults.switch.category(c))
            .collect(),
        lockin: m.defaults.lockin.values(),
        hhi_bands: [1000.0, 1800.0],
        data_act: DataActMethod {
            max_notice: data_act::MAX_NOTICE,
            min_retrieval_days: data_act::MIN_RETRIEVAL_DAYS,
            switching_charges_end: data_act::switching_charges_end(),
        },
    }
}

fn exit_plans(g: &Graph, h: &HotspotsReport, opts: &ReviewOptions) -> Vec<VendorExit> {
    let m = g.model();
    exit_plan_groups(&h.vendors, opts.exit_plans)
        .into_iter()
        .filter_map(|v| {
            let id = m.vendor_id(&v.id)?;
            Some(VendorExit {
                vendor: v.id.clone(),
                name: v.name.clone(),
                country: v.country,
                untrusted: g.vendor_untrusted(id),
                vendor_score: v.score,
                spend_share: v.spend_share,
                annual_cost: v.annual_cost,
                single_point_for: v.single_point_for.clone(),
                plan: exit_plan::plan(g, &Target::Vendor(id), &opts.plan()),
            })
        })
        .collect()
}

fn scenarios(g: &Graph, as_of: NaiveDate) -> Vec<ScenarioReview> {
    let m = g.model();
    if m.scenarios.is_empty() {
        return Vec::new();
    }
    let sim = Simulator::new(g);
    m.scenario_ids()
        .map(|s| {
            let report = sim.simulate(&Spec::scenario(g, s), as_of);
            ScenarioReview {
                weight: scenario_weight(&report),
                cuts_off: !m.scenario(s).cuts.is_empty(),
                description: m.scenario(s).description.clone(),
                report,
            }
        })
        .collect()
}

/// Runs the whole review (module docs). Deterministic for the same graph
/// and options.
pub fn review(g: &Graph, opts: &ReviewOptions) -> Review {
    let m = g.model();
    let plan = opts.plan();
    let deadline_opts = DeadlineOptions {
        as_of: opts.as_of,
        horizon: opts.horizon,
        plan: plan.clone(),
    };
    let snapshot_opts = SnapshotOptions {
        as_of: opts.as_of,
        top: opts.top,
        horizon: opts.horizon,
        plan,
    };
    // Independent analyses run side by side; each is deterministic on its
    // own, so the result does not depend on how they are scheduled. The
    // snapshot reuses the hotspots, deadlines and sovereignty check (the
    // same options as its own), instead of computing them a second time.
    let ((hotspots, sovereignty), (deadlines, scenarios)) = rayon::join(
        || (lockin::hotspots(g, false), sovereignty::check(g)),
        || {
            rayon::join(
                || deadlines::deadlines(g, &deadline_opts),
                || scenarios(g, opts.as_of),
            )
        },
    );
    let (exit_plans, snapshot) = rayon::join(
        || exit_plans(g, &hotspots, opts),
        || diff::snapshot_of(g, &snapshot_opts, &hotspots, &deadlines, &sovereignty),
    );
    let changes = opts.baseline.as_ref().map(|old| diff::diff(old, &snapshot));
    let progress = (opts.baseline.is_some() || !m.measures.is_empty()).then(|| {
        crate::analysis::progress::progress(
            g,
            opts.as_of,
            &opts.past,
            opts.baseline.as_ref().map(|b| b.as_of),
            &deadlines,
            &scenarios,
            changes.as_ref(),
        )
    });
    let summary = Summary {
        sovereignty: sovereignty_brief(&sovereignty),
        hotspots: hotspot_briefs(g, &hotspots, SUMMARY_HOTSPOTS.min(opts.top)),
        decisions: decisions(&deadlines),
        spend: spend_brief(&hotspots.concentration),
        worst_scenario: worst_scenario(&scenarios),
        cutoff_scenarios: scenarios.iter().filter(|s| s.cuts_off).count(),
        data_act_findings: deadlines.data_act.len(),
    };
    let o = &m.organisation;
    let without_alternatives = without_alternatives(g, &hotspots);
    let mut out = Review {
        review_version: REVIEW_VERSION,
        tool: Tool {
            name: "exitgraph",
            version: env!("CARGO_PKG_VERSION"),
        },
        as_of: opts.as_of,
        next_review: opts.horizon.add_to(opts.as_of),
        lang: opts.lang,
        organisation: OrganisationInfo {
            name: o.name.clone(),
            description: o.description.clone(),
            home: o.home,
            trusted: trusted_display(g),
            currency: o.currency.clone(),
            staff: o.staff,
            switch_target: o.switch_target,
            parallel_migrations: o.parallel_migrations,
            it_competence: o.it_competence,
        },
        counts: counts(g, &hotspots),
        services: m
            .services
            .iter()
            .map(|s| ServiceBrief {
                id: s.id.clone(),
                name: s.name.clone(),
                criticality: s.criticality,
                users: s.users,
                max_outage: s.max_outage,
            })
            .collect(),
        summary,
        council: CouncilBrief::default(),
        sovereignty,
        hotspots,
        without_alternatives,
        mandated: mandated(g),
        deadlines,
        exit_plans,
        scenarios,
        multi_year_plan: m
            .plan
            .as_ref()
            .map(|s| crate::analysis::plan::plan(g, opts.as_of, s)),
        changes,
        progress,
        method: method(g, opts),
        snapshot,
    };
    out.council = council::brief(&out);
    out
}

#[cfg(test)]
mod tests;
