//! Policy gates: the rules of `[policy]` (and the command line) evaluated
//! against the analyses, for `exitgraph check --policy` in CI.
//!
//! Each rule asks one analysis and turns what it finds into failures, each
//! with the rule, the element, why (as data: [`Why`]), and the TOML location
//! of the element (of the rule's own line for the model-level sovereignty
//! rule):
//!
//! | rule | analysis | fails for |
//! |---|---|---|
//! | `max_days_to_decision = N` | `deadlines` | each contract whose decision deadline is overdue or at most N days after the as-of date (`days_to_decision <= N`); ended contracts have nothing to decide |
//! | `max_lockin = N` | `lockin` | each in-use system with a lock-in score above N (`score > N`) |
//! | `no_single_vendor_for_critical` | `paths` | each critical or high service that stops when one vendor alone (with the companies it controls) is cut |
//! | `data_act` | `data_act` | each EU Data Act finding of a cloud contract |
//! | `min_sovereignty = N` | `sovereignty` | the model, when the self-check total is below N |
//! | `exit_plan_for_core` | `sovereignty::core_systems` | each core system (in use, critical or high) without `exit_plan` |
//!
//! The evaluation is deterministic: deadlines use the exit-plan Monte Carlo
//! with the seed and runs of [`PolicyOptions`] (by default those of
//! `exitgraph deadlines`), and failures are ordered by rule, then most
//! urgent or worst first, then id.

use crate::analysis::deadlines::{self, DeadlineOptions};
use crate::analysis::exit_plan::PlanOptions;
use crate::analysis::paths::{Cuts, critical_services};
use crate::analysis::propagate::Engine;
use crate::analysis::{data_act, lockin, sovereignty};
use crate::graph::Graph;
use crate::model::policy::{Policy, Rule, Setting};
use crate::model::{Code, Duration, Model, Span, Status};
use chrono::NaiveDate;
use serde::Serialize;

/// Options of [`evaluate`].
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyOptions {
    /// The date deadlines are measured from.
    pub as_of: NaiveDate,
    /// The exit-plan Monte Carlo behind the decision deadlines.
    pub plan: PlanOptions,
}

/// The value a rule was set to.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RuleValue {
    Number(f64),
    Whole(u32),
    Flag(bool),
}

impl std::fmt::Display for RuleValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleValue::Number(x) => write!(f, "{x}"),
            RuleValue::Whole(n) => write!(f, "{n}"),
            RuleValue::Flag(b) => write!(f, "{b}"),
        }
    }
}

/// One active rule and how it fared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleResult {
    pub rule: Rule,
    pub value: RuleValue,
    /// The `[policy]` table of the model, or the command line.
    pub source: RuleSource,
    pub meaning: &'static str,
    /// How many elements the rule looked at.
    pub checked: usize,
    /// How many of them failed.
    pub failed: usize,
}

/// Where a rule was set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSource {
    /// The `[policy]` table of the model.
    Model,
    /// A rule flag of `check`.
    CommandLine,
}

/// What a failure is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ElementKind {
    Contract,
    System,
    Service,
    Organisation,
}

/// A factor's points, for a failure of `max_lockin`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FactorPoints {
    pub name: lockin::FactorName,
    pub points: f64,
    pub max: f64,
}

/// A vendor that alone stops a service, and from which day.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorCut {
    pub vendor: String,
    pub country: crate::model::Country,
    pub day: u32,
}

/// Why an element fails a rule, with its numbers.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Why {
    /// The decision deadline is overdue or within the limit (`days`
    /// negative: passed that many days ago).
    DecisionDue {
        deadline: Option<NaiveDate>,
        days: i64,
        limit: u32,
        as_of: NaiveDate,
        status: deadlines::Status,
    },
    /// The lock-in score is above the limit; the three largest factors.
    LockinAbove {
        score: f64,
        limit: f64,
        largest: Vec<FactorPoints>,
    },
    /// One vendor alone can stop the service.
    SingleVendor {
        criticality: crate::model::Criticality,
        vendors: Vec<VendorCut>,
    },
    /// A Data Act finding.
    DataAct {
        issue: data_act::Issue,
        article: &'static str,
        code: Code,
    },
    /// The self-check total is below the minimum; the weakest dimensions.
    SovereigntyBelow {
        total: u8,
        level: sovereignty::Level,
        min: u8,
        weakest: Vec<(sovereignty::DimensionKey, u8)>,
    },
    /// A core system without `exit_plan`.
    NoExitPlan {
        criticality: crate::model::Criticality,
    },
}

/// One failure of a rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Failure {
    pub rule: Rule,
    pub kind: ElementKind,
    /// The element's id (the organisation's name for model-level rules).
    pub element: String,
    /// Why it fails.
    pub why: Why,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Where the element (or the rule) was written, for rendering.
    #[serde(skip)]
    pub span: Option<Span>,
}

/// The result of a policy evaluation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyReport {
    pub as_of: NaiveDate,
    /// The active rules in [`Rule::ALL`] order.
    pub rules: Vec<RuleResult>,
    /// Every failure, ordered by rule.
    pub failures: Vec<Failure>,
}

impl PolicyReport {
    /// Whether every rule passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

struct Eval<'a> {
    m: &'a Model,
    failures: Vec<Failure>,
}

impl Eval<'_> {
    fn fail(&mut self, rule: Rule, kind: ElementKind, element: &str, why: Why, span: Option<Span>) {
        let loc = span.and_then(|s| self.m.locate(s));
        self.failures.push(Failure {
            rule,
            kind,
            element: element.to_string(),
            why,
            file: loc.as_ref().map(|l| l.file.clone()),
            line: loc.as_ref().map(|l| l.line),
            column: loc.as_ref().map(|l| l.column),
            span,
        });
    }
}

fn source<T>(s: &Setting<T>) -> RuleSource {
    if s.span.is_some() {
        RuleSource::Model
    } else {
        RuleSource::CommandLine
    }
}

/// Evaluates the active rules of `policy` (already merged with the
/// command line) on the graph.
pub fn evaluate(g: &Graph, policy: &Policy, opts: &PolicyOptions) -> PolicyReport {
    let m = g.model();
    let mut ev = Eval {
        m,
        failures: Vec::new(),
    };
    let mut rules = Vec::new();
    for rule in policy.active() {
        let before = ev.failures.len();
        let (value, source, checked) = match rule {
            Rule::MaxDaysToDecision => {
                let Some(s) = policy.max_days_to_decision else {
                    continue;
                };
                let n = decision_rule(g, &mut ev, s.value, opts);
                (RuleValue::Whole(s.value), source(&s), n)
            }
            Rule::MaxLockin => {
                let Some(s) = policy.max_lockin else { continue };
                let n = lockin_rule(g, &mut ev, s.value);
                (RuleValue::Number(s.value), source(&s), n)
            }
            Rule::NoSingleVendorForCritical => {
                let Some(s) = policy.no_single_vendor_for_critical else {
                    continue;
                };
                let n = single_vendor_rule(g, &mut ev);
                (RuleValue::Flag(s.value), source(&s), n)
            }
            Rule::DataAct => {
                let Some(s) = policy.data_act else { continue };
                let n = data_act_rule(&mut ev);
                (RuleValue::Flag(s.value), source(&s), n)
            }
            Rule::MinSovereignty => {
                let Some(s) = policy.min_sovereignty else {
                    continue;
                };
                sovereignty_rule(g, &mut ev, s.value, s.span);
                (RuleValue::Whole(u32::from(s.value)), source(&s), 1)
            }
            Rule::ExitPlanForCore => {
                let Some(s) = policy.exit_plan_for_core else {
                    continue;
                };
                let n = exit_plan_rule(g, &mut ev);
                (RuleValue::Flag(s.value), source(&s), n)
            }
        };
        rules.push(RuleResult {
            rule,
            value,
            source,
            meaning: rule.meaning(),
            checked,
            failed: ev.failures.len() - before,
        });
    }
    PolicyReport {
        as_of: opts.as_of,
        rules,
        failures: ev.failures,
    }
}

/// `max_days_to_decision`: contracts whose decision is overdue or due
/// within `limit` days. Returns the number of contracts with a decision.
fn decision_rule(g: &Graph, ev: &mut Eval<'_>, limit: u32, opts: &PolicyOptions) -> usize {
    let m = g.model();
    let report = deadlines::deadlines(
        g,
        &DeadlineOptions {
            as_of: opts.as_of,
            horizon: Duration::days(limit),
            plan: opts.plan.clone(),
        },
    );
    let mut hits: Vec<(i64, &deadlines::ContractDeadline)> = report
        .contracts
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                deadlines::Status::Overdue | deadlines::Status::Due
            )
        })
        .filter_map(|c| c.days_to_decision.map(|d| (d, c)))
        .filter(|(d, _)| *d <= i64::from(limit))
        .collect();
    hits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    for (d, c) in hits {
        let span = m.contract_id(&c.id).map(|k| m.contract(k).span);
        ev.fail(
            Rule::MaxDaysToDecision,
            ElementKind::Contract,
            &c.id,
            Why::DecisionDue {
                deadline: c.act_by,
                days: d,
                limit,
                as_of: opts.as_of,
                status: c.status,
            },
            span,
        );
    }
    report
        .contracts
        .iter()
        .filter(|c| c.days_to_decision.is_some())
        .count()
}

/// `max_lockin`: in-use systems scoring above `limit`.
fn lockin_rule(g: &Graph, ev: &mut Eval<'_>, limit: f64) -> usize {
    let m = g.model();
    let scores = lockin::scores(g, Status::InUse);
    let mut above: Vec<&lockin::SystemScore> = scores.iter().filter(|s| s.score > limit).collect();
    above.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    for s in above {
        let mut factors: Vec<&lockin::Factor> =
            s.factors.iter().filter(|f| f.points > 0.0).collect();
        // Stable sort: equal points keep the report order of the factors.
        factors.sort_by(|a, b| b.points.total_cmp(&a.points));
        let largest: Vec<FactorPoints> = factors
            .iter()
            .take(3)
            .map(|f| FactorPoints {
                name: f.name,
                points: f.points,
                max: f.max,
            })
            .collect();
        let span = m.system_id(&s.id).map(|x| m.system(x).span);
        ev.fail(
            Rule::MaxLockin,
            ElementKind::System,
            &s.id,
            Why::LockinAbove {
                score: s.score,
                limit,
                largest,
            },
            span,
        );
    }
    scores.len()
}

/// `no_single_vendor_for_critical`: critical services that one vendor
/// alone can stop.
fn single_vendor_rule(g: &Graph, ev: &mut Eval<'_>) -> usize {
    let m = g.model();
    let engine = Engine::new(g);
    let mut cuts = Cuts::new(g, &engine);
    let services = critical_services(g);
    let mut hits = Vec::new();
    for sv in &services {
        let (_, vendors) = cuts.single_points(*sv);
        if vendors.is_empty() {
            continue;
        }
        let list: Vec<VendorCut> = vendors
            .iter()
            .map(|(v, day, _)| {
                let vendor = m.vendor(*v);
                VendorCut {
                    vendor: vendor.id.clone(),
                    country: vendor.country,
                    day: *day,
                }
            })
            .collect();
        let service = m.service(*sv);
        hits.push((
            service.id.clone(),
            Why::SingleVendor {
                criticality: service.criticality,
                vendors: list,
            },
            service.span,
        ));
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0));
    for (id, why, span) in hits {
        ev.fail(
            Rule::NoSingleVendorForCritical,
            ElementKind::Service,
            &id,
            why,
            Some(span),
        );
    }
    services.len()
}

/// `data_act`: every Data Act finding.
fn data_act_rule(ev: &mut Eval<'_>) -> usize {
    let m = ev.m;
    let mut findings = data_act::findings(m);
    findings.sort_by(|a, b| {
        a.contract
            .cmp(&b.contract)
            .then_with(|| a.code.cmp(&b.code))
    });
    for f in findings {
        let span = m.contract_id(&f.contract).map(|k| {
            let c = m.contract(k);
            match (f.code, c.notice_span) {
                (Code::DataActNotice, Some(s)) => s,
                _ => c.span,
            }
        });
        ev.fail(
            Rule::DataAct,
            ElementKind::Contract,
            &f.contract,
            Why::DataAct {
                issue: f.issue,
                article: f.article,
                code: f.code,
            },
            span,
        );
    }
    m.contracts
        .iter()
        .filter(|c| c.kind == crate::model::ContractKind::Cloud)
        .count()
}

/// `min_sovereignty`: the self-check total against the minimum.
fn sovereignty_rule(g: &Graph, ev: &mut Eval<'_>, min: u8, rule_span: Option<Span>) {
    let report = sovereignty::check(g);
    if report.total >= min {
        return;
    }
    let lowest = report.dimensions.iter().map(|d| d.score).min().unwrap_or(0);
    let weakest: Vec<(sovereignty::DimensionKey, u8)> = report
        .dimensions
        .iter()
        .filter(|d| d.score == lowest)
        .map(|d| (d.key, d.score))
        .collect();
    let name = ev.m.organisation.name.clone();
    ev.fail(
        Rule::MinSovereignty,
        ElementKind::Organisation,
        &name,
        Why::SovereigntyBelow {
            total: report.total,
            level: report.level,
            min,
            weakest,
        },
        rule_span,
    );
}

/// `exit_plan_for_core`: core systems without `exit_plan`.
fn exit_plan_rule(g: &Graph, ev: &mut Eval<'_>) -> usize {
    let m = g.model();
    let core = sovereignty::core_systems(g);
    let mut missing: Vec<&crate::model::System> = core
        .iter()
        .map(|s| m.system(*s))
        .filter(|s| s.exit_plan.is_none())
        .collect();
    missing.sort_by(|a, b| a.id.cmp(&b.id));
    for s in missing {
        ev.fail(
            Rule::ExitPlanForCore,
            ElementKind::System,
            &s.id,
            Why::NoExitPlan {
                criticality: s.criticality,
            },
            Some(s.span),
        );
    }
    core.len()
}

#[cfg(test)]
mod tests;
