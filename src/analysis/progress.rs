//! Progress since the last review: what was recommended then, what
//! happened, how the measures' budgets are used, and which numbers moved.
//!
//! The inputs are last year's recommendations (the `council` part of its
//! `review.json`, read by [`past_recommendations`]), the model's
//! `[[measure]]` entries, this year's contract deadlines and scenarios, and
//! the comparison of the two snapshots. The rules
//! (`docs/methodology.md#progress-since-the-last-review`):
//!
//! - **Measures of a recommendation**: a contract decision is followed by
//!   the measures that name its contract; an exit strategy by the measures
//!   that name a system made or operated by a company of the vendor group,
//!   or a contract with one of them; an emergency plan by the measures that
//!   name a system its scenario takes down (this year's simulation).
//! - **What happened**: with measures, the least advanced of those not
//!   dropped (`done` only when all are done; `running`, `planned`, late when
//!   its due date has passed), `dropped` when all were dropped. Without one: a contract decision is `decided` when the
//!   contract is now renewed on purpose, being left or ended, `gone` when
//!   the contract is no longer in the model; an emergency plan is
//!   `resolved` when its scenario no longer keeps a service down longer
//!   than tolerable; otherwise `open` (late when its date has passed).
//! - **Budget**: the sum of the budgets and of the spent amounts of the
//!   measures not dropped; a measure is over budget when it spent more.
//! - **Numbers that moved**: the sovereignty points, the annual spend, the
//!   spend outside the trusted jurisdictions (amount and share) and the
//!   HHI, when they differ.

use crate::analysis::council::Role;
use crate::analysis::deadlines::{Deadlines, Status};
use crate::analysis::diff::{Diff, Reading};
use crate::analysis::review::ScenarioReview;
use crate::analysis::simulate::State;
use crate::graph::Graph;
use crate::model::{MeasureStatus, Party};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a past recommendation was about (the part progress needs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum PastSubject {
    ContractDecision {
        contract: String,
        name: String,
    },
    ExitStrategy {
        vendor: String,
        name: String,
    },
    EmergencyPlan {
        scenario: String,
        name: String,
    },
    /// A kind this version does not know (a newer review).
    #[serde(other)]
    Other,
}

/// A recommendation of an earlier review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PastRecommendation {
    pub number: usize,
    pub role: Role,
    pub decide_by: NaiveDate,
    #[serde(default)]
    pub one_off_cost: Option<f64>,
    #[serde(default)]
    pub annual_cost: Option<f64>,
    pub subject: PastSubject,
}

#[derive(Deserialize)]
struct PastCouncil {
    #[serde(default)]
    recommendations: Vec<PastRecommendation>,
}

#[derive(Deserialize)]
struct PastReview {
    council: Option<PastCouncil>,
}

/// The recommendations of an earlier `review.json` (none when it has no
/// first page, as reviews before this version, or is a bare snapshot).
pub fn past_recommendations(json: &str) -> Vec<PastRecommendation> {
    serde_json::from_str::<PastReview>(json)
        .ok()
        .and_then(|r| r.council)
        .map(|c| c.recommendations)
        .unwrap_or_default()
}

/// What happened to a recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// A measure is done.
    Done,
    /// A measure is running.
    Running { late: bool },
    /// A measure is planned, not started.
    Planned { late: bool },
    /// Every measure was dropped.
    Dropped,
    /// The contract was decided (renewed on purpose, being left, ended).
    Decided { status: Status },
    /// The scenario no longer keeps a service down longer than tolerable.
    Resolved,
    /// The contract is no longer in the model.
    Gone,
    /// Nothing recorded.
    Open { late: bool },
}

/// A past recommendation and what happened.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Followed {
    pub recommendation: PastRecommendation,
    pub outcome: Outcome,
    /// Ids of the measures that follow it.
    pub measures: Vec<String>,
}

/// A measure as the progress report shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureView {
    pub id: String,
    pub name: String,
    pub status: MeasureStatus,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    /// Planned or running and due before the as-of date.
    pub late: bool,
    pub budget: Option<f64>,
    pub spent: Option<f64>,
    pub over_budget: bool,
    pub owner: Option<String>,
    pub note: Option<String>,
    /// Names of the systems and contracts concerned.
    pub concerns: Vec<String>,
}

/// A number compared with the last review.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    SovereigntyPoints,
    AnnualSpend,
    UntrustedSpend,
    UntrustedShare,
    Hhi,
}

/// A number that moved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Moved {
    pub figure: Figure,
    pub old: f64,
    pub new: f64,
    pub reading: Option<Reading>,
}

/// Progress since the last review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    /// The date of the last review (none without a baseline).
    pub since: Option<NaiveDate>,
    pub as_of: NaiveDate,
    pub recommended: Vec<Followed>,
    pub measures: Vec<MeasureView>,
    /// Budget and spent of the measures not dropped.
    pub budget: f64,
    pub spent: f64,
    pub over_budget: usize,
    pub late: usize,
    pub moved: Vec<Moved>,
}

fn rank(s: MeasureStatus) -> u8 {
    match s {
        MeasureStatus::Done => 3,
        MeasureStatus::Running => 2,
        MeasureStatus::Planned => 1,
        MeasureStatus::Dropped => 0,
    }
}

/// Computes the progress (module docs).
pub fn progress(
    g: &Graph,
    as_of: NaiveDate,
    past: &[PastRecommendation],
    since: Option<NaiveDate>,
    deadlines: &Deadlines,
    scenarios: &[ScenarioReview],
    diff: Option<&Diff>,
) -> Progress {
    let m = g.model();
    let late = |status: MeasureStatus, due: Option<NaiveDate>| {
        matches!(status, MeasureStatus::Planned | MeasureStatus::Running)
            && due.is_some_and(|d| d < as_of)
    };
    let measures: Vec<MeasureView> = m
        .measures
        .iter()
        .map(|x| MeasureView {
            id: x.id.clone(),
            name: x.name.clone(),
            status: x.status,
            start: x.start,
            due: x.due,
            late: late(x.status, x.due),
            budget: x.budget,
            spent: x.spent,
            over_budget: matches!((x.budget, x.spent), (Some(b), Some(s)) if s > b),
            owner: x.owner.clone(),
            note: x.note.clone(),
            concerns: x
                .systems
                .iter()
                .map(|&s| m.system(s).name.clone())
                .chain(x.contracts.iter().map(|&c| {
                    let c = m.contract(c);
                    c.name.clone().unwrap_or_else(|| c.id.clone())
                }))
                .collect(),
        })
        .collect();
    let group_of = |p: Party| p.vendor().map(|v| m.vendor(g.top_parent(v)).id.clone());
    let follows = |r: &PastRecommendation, x: &crate::model::Measure| match &r.subject {
        PastSubject::ContractDecision { contract, .. } => {
            x.contracts.iter().any(|&c| &m.contract(c).id == contract)
        }
        PastSubject::ExitStrategy { vendor, .. } => {
            let v = Some(vendor.clone());
            x.systems.iter().any(|&s| {
                let s = m.system(s);
                group_of(s.vendor) == v || group_of(s.operator) == v
            }) || x
                .contracts
                .iter()
                .any(|&c| group_of(Party::Vendor(m.contract(c).vendor)) == v)
        }
        PastSubject::EmergencyPlan { scenario, .. } => scenarios
            .iter()
            .find(|s| &s.report.scenario == scenario)
            .is_some_and(|s| {
                x.systems.iter().any(|&id| {
                    s.report
                        .systems
                        .iter()
                        .any(|d| d.id == m.system(id).id && d.state == State::Down)
                })
            }),
        PastSubject::Other => false,
    };
    let recommended = past
        .iter()
        .map(|r| {
            let mine: Vec<&crate::model::Measure> =
                m.measures.iter().filter(|x| follows(r, x)).collect();
            let open = Outcome::Open {
                late: r.decide_by < as_of,
            };
            // The least advanced of the measures not dropped: a
            // recommendation is done when all of its measures are.
            let least = mine
                .iter()
                .filter(|x| x.status != MeasureStatus::Dropped)
                .min_by_key(|x| rank(x.status))
                .or_else(|| mine.first());
            let outcome = match least {
                Some(x) => match x.status {
                    MeasureStatus::Done => Outcome::Done,
                    MeasureStatus::Running => Outcome::Running {
                        late: late(x.status, x.due),
                    },
                    MeasureStatus::Planned => Outcome::Planned {
                        late: late(x.status, x.due),
                    },
                    MeasureStatus::Dropped => Outcome::Dropped,
                },
                None => match &r.subject {
                    PastSubject::ContractDecision { contract, .. } => {
                        match deadlines.contracts.iter().find(|c| &c.id == contract) {
                            None => Outcome::Gone,
                            Some(c) => match c.status {
                                Status::Renewed | Status::Leaving | Status::Ended => {
                                    Outcome::Decided { status: c.status }
                                }
                                _ => open,
                            },
                        }
                    }
                    PastSubject::EmergencyPlan { scenario, .. } => {
                        match scenarios.iter().find(|s| &s.report.scenario == scenario) {
                            Some(s) if s.report.summary.services_breached == 0 => Outcome::Resolved,
                            _ => open,
                        }
                    }
                    PastSubject::ExitStrategy { .. } | PastSubject::Other => open,
                },
            };
            Followed {
                recommendation: r.clone(),
                outcome,
                measures: mine.iter().map(|x| x.id.clone()).collect(),
            }
        })
        .collect();
    let live = || {
        measures
            .iter()
            .filter(|x| x.status != MeasureStatus::Dropped)
    };
    let budget = live().filter_map(|x| x.budget).sum();
    let spent = live().filter_map(|x| x.spent).sum();
    let mut moved = Vec::new();
    if let Some(d) = diff {
        let mut push = |figure, old: f64, new: f64, reading| {
            if old != new {
                moved.push(Moved {
                    figure,
                    old,
                    new,
                    reading,
                });
            }
        };
        let t = &d.sovereignty.total;
        push(
            Figure::SovereigntyPoints,
            f64::from(t.old),
            f64::from(t.new),
            t.reading,
        );
        let sp = &d.spend;
        push(
            Figure::AnnualSpend,
            sp.total.old,
            sp.total.new,
            sp.total.reading,
        );
        push(
            Figure::UntrustedSpend,
            sp.untrusted_cost.old,
            sp.untrusted_cost.new,
            sp.untrusted_cost.reading,
        );
        push(
            Figure::UntrustedShare,
            sp.untrusted_share.old,
            sp.untrusted_share.new,
            sp.untrusted_share.reading,
        );
        push(Figure::Hhi, sp.hhi.old, sp.hhi.new, sp.hhi.reading);
    }
    Progress {
        since,
        as_of,
        recommended,
        budget,
        spent,
        over_budget: measures.iter().filter(|x| x.over_budget).count(),
        late: measures.iter().filter(|x| x.late).count(),
        measures,
        moved,
    }
}
