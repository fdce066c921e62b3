//! The first page of the review: what the council reads in two minutes.
//!
//! [`brief`] condenses a [`Review`] into a few **findings** (how dependent
//! the administration is, the largest risks, how long the worst scenario
//! lasts, what must be decided before the next review, what an exit
//! costs) and the **recommended decisions** (German: *Beschlussvorschlag*),
//! each with the role that takes it, the date by which it must be taken
//! and the money involved. Findings and recommendations are data (enums
//! with their numbers); `render::page` words them.
//!
//! The rules (`docs/methodology.md#the-first-page`):
//!
//! - **Open contract decisions** (status `overdue` or `due`, decision due
//!   before the next review) with a vendor outside the groups that get an
//!   exit strategy, most urgent first (by `act_by`, then id), at most
//!   [`MAX_CONTRACT_DECISIONS`]; the rest is counted. The action
//!   follows the status: `due` = decide to switch or renew by the start-by
//!   date; `overdue` with a reachable exit = decide for the earliest
//!   reachable exit by its start-by date; `overdue` without one = extend
//!   the contract or bridge it, at once. Role: IT management, or
//!   procurement for an extension or bridge.
//! - **Exit strategies** for the vendor groups of the review's exit plans
//!   whose ownership chain leaves the trusted jurisdictions or that alone
//!   can stop critical services: adopt an exit strategy and budget its
//!   one-off cost. The group's open contract decisions are taken with it.
//!   Role: the council (it holds the budget). Date: the earliest `act_by`
//!   of the group's open contract decisions, else the next review.
//! - **Emergency plan** for the worst cut-off scenario when it keeps a
//!   service down longer than tolerable. Role: emergency planning. Date:
//!   the next review.
//!
//! Recommendations are numbered in order of their date (ties: contract
//! decisions, exit strategies, emergency plan; then id). A later source of
//! recommendations (e.g. a step of a multi-year plan) is one more variant
//! of [`Subject`] with its own rule here.

use crate::analysis::deadlines::Status;
use crate::analysis::review::{Review, ScenarioReview};
use crate::analysis::simulate::State;
use crate::analysis::sovereignty::{DimensionKey, Level};
use crate::model::ExitKind;
use chrono::{Days, NaiveDate};
use serde::Serialize;

/// Open contract decisions listed by name; the rest is counted.
pub const MAX_CONTRACT_DECISIONS: usize = 3;
/// Vendor groups named among the largest risks.
pub const MAX_RISK_GROUPS: usize = 3;

/// Who takes a recommended decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The council (Gemeinderat): decisions that need a budget.
    Council,
    /// IT management (IT-Leitung, CIO).
    ItManagement,
    /// Procurement (Vergabestelle): extensions, bridges, tenders.
    Procurement,
    /// Emergency planning (IT-Notfallplanung).
    EmergencyPlanning,
}

/// What to do about a contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractAction {
    /// Decide to switch or to renew on purpose, by the start-by date of the next exit.
    SwitchOrRenew,
    /// The next exit is missed: decide for the earliest reachable exit.
    DecideForLaterExit,
    /// No exit is reachable before the contract ends: extend it or bridge it.
    ExtendOrBridge,
}

/// What a recommendation is about, and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Subject {
    /// An open contract decision (`deadlines`).
    ContractDecision {
        contract: String,
        /// The contract's name, else its id.
        name: String,
        vendor_name: String,
        action: ContractAction,
        /// The exit the decision is for (none: no exit reachable).
        exit_on: Option<NaiveDate>,
        exit_kind: Option<ExitKind>,
    },
    /// An exit strategy for a vendor group (`exit_plan`).
    ExitStrategy {
        vendor: String,
        name: String,
        /// The group's ownership chain leaves the trusted jurisdictions.
        untrusted: bool,
        /// Critical services the group alone can stop.
        single_point_for: usize,
        /// Systems the plan switches.
        systems: usize,
        /// P80 duration of the plan, days.
        p80_days: f64,
        /// Gross payback (one-off cost / running costs that fall away).
        payback_years: Option<f64>,
        /// The group's open contract decisions, taken with the strategy
        /// (names, most urgent first).
        contracts: Vec<String>,
    },
    /// The first year of the multi-year plan (`plan`), when the model has one.
    PlanYear {
        year: i32,
        /// Names of the moves that start in the year, in order of start.
        moves: Vec<String>,
        /// Services down in today's worst scenario, now and once these
        /// moves are done (today's figure less the gains the plan measured
        /// for them when it chose them).
        worst_before: usize,
        worst_after: usize,
        /// The risk measure now and once these moves are done (likewise).
        risk_before: f64,
        risk_after: f64,
    },
    /// An emergency plan for the worst cut-off scenario (`simulate`).
    EmergencyPlan {
        scenario: String,
        name: String,
        /// Services down longer than tolerable.
        services_breached: usize,
    },
}

impl Subject {
    fn order(&self) -> (u8, &str) {
        match self {
            Subject::ContractDecision { contract, .. } => (0, contract),
            Subject::ExitStrategy { vendor, .. } => (1, vendor),
            Subject::EmergencyPlan { scenario, .. } => (2, scenario),
            Subject::PlanYear { .. } => (3, ""),
        }
    }
}

/// One recommended decision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recommendation {
    /// 1, 2, ... in list order.
    pub number: usize,
    pub role: Role,
    /// The last day to take the decision.
    pub decide_by: NaiveDate,
    /// `decide_by` is the review date: act at once.
    pub at_once: bool,
    /// One-off cost (an exit's switch costs).
    pub one_off_cost: Option<f64>,
    /// Money a year: a contract's annual cost, or the running costs an
    /// exit lets fall away.
    pub annual_cost: Option<f64>,
    pub subject: Subject,
}

/// A vendor group among the largest risks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupRisk {
    pub vendor: String,
    pub name: String,
    pub untrusted: bool,
    pub single_point_for: usize,
    pub annual_cost: f64,
    pub one_off_cost: f64,
}

/// A finding of the first page, with its numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum Finding {
    /// How dependent: the self-check and the money outside trusted jurisdictions.
    Dependence {
        total: u8,
        max: u8,
        level: Level,
        weakest: Vec<DimensionKey>,
        untrusted_cost: f64,
        untrusted_share: f64,
    },
    /// The largest risks: the exit-plan vendor groups.
    LargestRisks { groups: Vec<GroupRisk> },
    /// How long the worst scenario lasts.
    WorstScenario {
        name: String,
        services_down: usize,
        services_total: usize,
        critical_services_down: usize,
        services_breached: usize,
        /// The day the first service stops.
        first_down: Option<NaiveDate>,
        /// The longest known outage of a service, days.
        longest_outage_days: Option<f64>,
        /// Services down with no known way back.
        without_way_back: usize,
    },
    /// The model has no scenario that stops a service.
    NoWorstScenario { scenarios: usize },
    /// What must be decided before the next review.
    DecisionsDue {
        contracts: usize,
        overdue: usize,
        annual_cost: f64,
        next_review: Option<NaiveDate>,
        /// The first date to act by.
        first_act_by: Option<NaiveDate>,
    },
    /// What the exits cost.
    ExitCost {
        groups: usize,
        one_off_cost: f64,
        annual_savings: f64,
    },
}

/// The first page.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CouncilBrief {
    pub findings: Vec<Finding>,
    pub recommendations: Vec<Recommendation>,
    /// Open contract decisions not listed (section on contracts).
    pub more_contract_decisions: usize,
    /// Sum of the one-off costs of the recommendations.
    pub one_off_total: f64,
}

fn group_risks(r: &Review) -> Vec<GroupRisk> {
    r.exit_plans
        .iter()
        .take(MAX_RISK_GROUPS)
        .map(|e| GroupRisk {
            vendor: e.vendor.clone(),
            name: e.name.clone(),
            untrusted: e.untrusted,
            single_point_for: e.single_point_for.len(),
            annual_cost: e.annual_cost,
            one_off_cost: e.plan.total_cost,
        })
        .collect()
}

fn worst(r: &Review) -> Option<&ScenarioReview> {
    let w = r.summary.worst_scenario.as_ref()?;
    r.scenarios.iter().find(|s| s.report.scenario == w.scenario)
}

fn plus_days(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(u64::from(n)))
}

/// The findings (module docs), in a fixed order.
pub fn findings(r: &Review) -> Vec<Finding> {
    let s = &r.summary;
    let mut out = vec![Finding::Dependence {
        total: s.sovereignty.total,
        max: s.sovereignty.max,
        level: s.sovereignty.level,
        weakest: s.sovereignty.weakest.clone(),
        untrusted_cost: s.spend.untrusted_cost,
        untrusted_share: s.spend.untrusted_share,
    }];
    let groups = group_risks(r);
    if !groups.is_empty() {
        out.push(Finding::LargestRisks { groups });
    }
    out.push(match (&s.worst_scenario, worst(r)) {
        (Some(w), Some(sc)) => {
            let down = sc.report.services.iter().filter(|x| x.state == State::Down);
            let longest = down
                .clone()
                .filter_map(|x| x.restore_days)
                .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.max(d))));
            Finding::WorstScenario {
                name: w.name.clone().unwrap_or_else(|| w.scenario.clone()),
                services_down: w.services_down,
                services_total: w.services_total,
                critical_services_down: w.critical_services_down,
                services_breached: w.services_breached,
                first_down: w.first_down_day.and_then(|d| plus_days(r.as_of, d)),
                longest_outage_days: longest,
                without_way_back: down.filter(|x| x.restore_days.is_none()).count(),
            }
        }
        _ => Finding::NoWorstScenario {
            scenarios: r.counts.scenarios,
        },
    });
    let d = &s.decisions;
    out.push(Finding::DecisionsDue {
        contracts: d.contracts.len(),
        overdue: d.overdue,
        annual_cost: d.annual_cost,
        next_review: r.next_review,
        first_act_by: d.contracts.iter().filter_map(|c| c.act_by).min(),
    });
    if !r.exit_plans.is_empty() {
        out.push(Finding::ExitCost {
            groups: r.exit_plans.len(),
            one_off_cost: crate::analysis::spend::round_money(
                r.exit_plans.iter().map(|e| e.plan.total_cost).sum(),
            ),
            annual_savings: crate::analysis::spend::round_money(
                r.exit_plans
                    .iter()
                    .map(|e| e.plan.annual_cost_left_behind)
                    .sum(),
            ),
        });
    }
    out
}

/// The recommended decisions (module docs), numbered, and how many open
/// contract decisions were left out of the list.
pub fn recommendations(r: &Review) -> (Vec<Recommendation>, usize) {
    let next = r.next_review.unwrap_or(r.as_of);
    let open = &r.summary.decisions.contracts;
    let mut out = Vec::new();
    // Exit strategies first: they take in the open decisions of their group.
    let strategies: Vec<&crate::analysis::review::VendorExit> = r
        .exit_plans
        .iter()
        .filter(|e| (e.untrusted || !e.single_point_for.is_empty()) && !e.plan.systems.is_empty())
        .collect();
    let folded = |vendor: &str| {
        strategies
            .iter()
            .any(|e| e.plan.vendors.iter().any(|v| v == vendor))
    };
    for e in &strategies {
        let mine: Vec<&crate::analysis::review::Decision> = open
            .iter()
            .filter(|c| e.plan.vendors.contains(&c.vendor))
            .collect();
        // The exit strategy must be settled before the first open decision
        // of the group.
        let decide_by = mine
            .iter()
            .filter_map(|c| c.act_by)
            .min()
            .unwrap_or(next)
            .max(r.as_of);
        out.push(Recommendation {
            number: 0,
            role: Role::Council,
            decide_by,
            at_once: decide_by <= r.as_of,
            one_off_cost: Some(e.plan.total_cost),
            annual_cost: (e.plan.annual_cost_left_behind > 0.0)
                .then_some(e.plan.annual_cost_left_behind),
            subject: Subject::ExitStrategy {
                vendor: e.vendor.clone(),
                name: e.name.clone(),
                untrusted: e.untrusted,
                single_point_for: e.single_point_for.len(),
                systems: e.plan.systems.len(),
                p80_days: e.plan.p80_days,
                payback_years: e.plan.payback_years,
                contracts: mine
                    .iter()
                    .map(|c| c.name.clone().unwrap_or_else(|| c.contract.clone()))
                    .collect(),
            },
        });
    }
    let own: Vec<&crate::analysis::review::Decision> =
        open.iter().filter(|c| !folded(&c.vendor)).collect();
    for c in own.iter().take(MAX_CONTRACT_DECISIONS) {
        let (action, exit_on) = match c.status {
            Status::Overdue if c.feasible_exit.is_none() => (ContractAction::ExtendOrBridge, None),
            Status::Overdue => (ContractAction::DecideForLaterExit, c.feasible_exit),
            _ => (ContractAction::SwitchOrRenew, c.next_exit),
        };
        let decide_by = c.act_by.unwrap_or(r.as_of).max(r.as_of);
        out.push(Recommendation {
            number: 0,
            role: match action {
                ContractAction::ExtendOrBridge => Role::Procurement,
                _ => Role::ItManagement,
            },
            decide_by,
            at_once: decide_by <= r.as_of,
            one_off_cost: None,
            annual_cost: c.annual_cost,
            subject: Subject::ContractDecision {
                contract: c.contract.clone(),
                name: c.name.clone().unwrap_or_else(|| c.contract.clone()),
                vendor_name: c.vendor_name.clone(),
                action,
                exit_on,
                exit_kind: c.exit_kind,
            },
        });
    }
    let more = own.len().saturating_sub(MAX_CONTRACT_DECISIONS);
    if let Some(w) = &r.summary.worst_scenario {
        if w.services_breached > 0 {
            out.push(Recommendation {
                number: 0,
                role: Role::EmergencyPlanning,
                decide_by: next,
                at_once: false,
                one_off_cost: None,
                annual_cost: None,
                subject: Subject::EmergencyPlan {
                    scenario: w.scenario.clone(),
                    name: w.name.clone().unwrap_or_else(|| w.scenario.clone()),
                    services_breached: w.services_breached,
                },
            });
        }
    }
    if let Some(p) = &r.multi_year_plan
        && let Some(y) = p.years.first()
        && !y.started.is_empty()
    {
        let starts: Vec<&crate::analysis::plan::PlannedMove> = p
            .moves
            .iter()
            .filter(|m| chrono::Datelike::year(&m.start) == y.year)
            .collect();
        let decide_by = starts
            .iter()
            .map(|m| m.start)
            .min()
            .unwrap_or(next)
            .max(r.as_of);
        let worst_before = p
            .before
            .worst_scenario
            .as_ref()
            .map_or(0, |w| w.services_down);
        let fewer: i64 = starts
            .iter()
            .map(|m| m.why.gain.worst_scenario_services_down)
            .sum();
        let less: f64 = starts.iter().map(|m| m.why.gain.risk).sum();
        out.push(Recommendation {
            number: 0,
            role: Role::Council,
            decide_by,
            at_once: decide_by <= r.as_of,
            one_off_cost: Some(starts.iter().map(|m| m.one_off_cost).sum()),
            annual_cost: None,
            subject: Subject::PlanYear {
                year: y.year,
                moves: starts.iter().map(|m| m.name.clone()).collect(),
                worst_before,
                worst_after: (worst_before as i64 - fewer).max(0) as usize,
                risk_before: p.before.risk.total,
                risk_after: crate::analysis::lockin::round1(p.before.risk.total - less),
            },
        });
    }
    out.sort_by(|a, b| {
        a.decide_by
            .cmp(&b.decide_by)
            .then_with(|| a.subject.order().cmp(&b.subject.order()))
    });
    for (i, x) in out.iter_mut().enumerate() {
        x.number = i + 1;
    }
    (out, more)
}

/// The first page of a review.
pub fn brief(r: &Review) -> CouncilBrief {
    let (recommendations, more) = recommendations(r);
    CouncilBrief {
        findings: findings(r),
        one_off_total: crate::analysis::spend::round_money(
            recommendations.iter().filter_map(|x| x.one_off_cost).sum(),
        ),
        recommendations,
        more_contract_decisions: more,
    }
}

#[cfg(test)]
mod tests;
