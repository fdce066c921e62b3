//! `exitgraph check`: load, validate and summarise a model; with
//! `--policy` (or a rule flag), evaluate the policy rules for CI: exit 1
//! when a rule fails (docs/ci.md). The evaluation is `analysis::policy`.

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx, ModelArg};
use crate::analysis::exit_plan::PlanOptions;
use crate::analysis::policy::{self, PolicyOptions, PolicyReport};
use crate::model::policy::{Policy, Setting};
use crate::model::{self, Diagnostic};
use crate::render::terminal;
use chrono::NaiveDate;
use serde::Serialize;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
    /// Evaluate the `[policy]` rules of the model (and the rule flags);
    /// exit 1 when a rule fails.
    #[arg(long)]
    pub policy: bool,
    /// The date policy deadlines are measured from (default: `as_of` of
    /// the model, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub rules: RuleFlags,
}

/// Policy rules given on the command line: each replaces the model's and
/// implies `--policy`.
#[derive(clap::Args, Debug, Default)]
#[command(next_help_heading = "Policy rules (replace those of [policy]; each implies --policy)")]
pub struct RuleFlags {
    /// Fail when a contract's decision deadline is overdue or within DAYS days.
    #[arg(long, value_name = "DAYS",
          value_parser = clap::value_parser!(u32).range(0..=model::policy::MAX_DAYS as i64))]
    pub max_days_to_decision: Option<u32>,
    /// Fail when an in-use system's lock-in score is above SCORE (0 to 100).
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    pub max_lockin: Option<f64>,
    /// Fail when a critical or high service stops if one vendor alone is cut.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true")]
    pub no_single_vendor_for_critical: Option<bool>,
    /// Fail on any EU Data Act finding of a cloud contract.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true")]
    pub data_act: Option<bool>,
    /// Fail when the sovereignty self-check totals less than TOTAL (5 to 25).
    #[arg(long, value_name = "TOTAL", value_parser = clap::value_parser!(u8).range(5..=25))]
    pub min_sovereignty: Option<u8>,
    /// Fail when a core system (in use, critical or high) has no `exit_plan`.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true,
          default_missing_value = "true")]
    pub exit_plan_for_core: Option<bool>,
}

impl RuleFlags {
    /// The flags as a policy without spans (to merge over the model's).
    fn policy(&self) -> Policy {
        Policy {
            max_days_to_decision: self.max_days_to_decision.map(Setting::flag),
            max_lockin: self.max_lockin.map(Setting::flag),
            no_single_vendor_for_critical: self.no_single_vendor_for_critical.map(Setting::flag),
            data_act: self.data_act.map(Setting::flag),
            min_sovereignty: self.min_sovereignty.map(Setting::flag),
            exit_plan_for_core: self.exit_plan_for_core.map(Setting::flag),
        }
    }
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=100.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "`{s}` is not a lock-in score; give a number from 0 to 100"
        )),
    }
}

#[derive(Serialize)]
struct Report {
    ok: bool,
    errors: Vec<model::diag::DiagnosticRecord>,
    warnings: Vec<model::diag::DiagnosticRecord>,
    counts: model::Counts,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<PolicyReport>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let path = &args.model.model;
    let loaded = ctx.load_model(path);
    let flags = args.rules.policy();
    let wants_policy = args.policy || flags != Policy::default();
    match (loaded, args.format) {
        (Ok(m), Format::Json) => {
            let warnings = all_warnings(&m, args.as_of);
            let counts = m.counts();
            let records = warnings.iter().map(|d| d.to_record(&m.sources)).collect();
            let (_, policy) = evaluate(m, wants_policy, &flags, args.as_of)?;
            let code = exit_code(policy.as_ref());
            let report = Report {
                ok: true,
                errors: Vec::new(),
                warnings: records,
                counts,
                policy,
            };
            ctx.json(&report)?;
            Ok(code)
        }
        (Err(f), Format::Json) => {
            let report = Report {
                ok: false,
                errors: f
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.to_record(&f.sources))
                    .collect(),
                warnings: f
                    .diagnostics
                    .iter()
                    .filter(|d| !d.is_error())
                    .map(|d| d.to_record(&f.sources))
                    .collect(),
                counts: model::Counts::default(),
                policy: None,
            };
            ctx.json(&report)?;
            Ok(ExitCode::from(2))
        }
        (Ok(m), Format::Table | Format::Csv | Format::Markdown) => {
            let warnings = all_warnings(&m, args.as_of);
            let (checked, policy) = evaluate(m, wants_policy, &flags, args.as_of)?;
            let m = checked.model();
            ctx.diagnostics(&m.sources, &warnings)?;
            ctx.print(&terminal::check::summary(m, warnings.len(), args.as_of))?;
            if let Some(p) = &policy {
                ctx.print(&terminal::check::policy(m, p))?;
            }
            super::keep_until_exit(checked);
            Ok(exit_code(policy.as_ref()))
        }
        (Err(f), Format::Table | Format::Csv | Format::Markdown) => Err(CliError::Model(f)),
    }
}

/// Evaluates the policy when asked: the model's rules with the flags over
/// them. Asking with no rule at all is a usage error (a CI job that checks
/// nothing should not pass silently).
fn evaluate(
    m: model::Model,
    wanted: bool,
    flags: &Policy,
    as_of: Option<NaiveDate>,
) -> Result<(Checked, Option<PolicyReport>), CliError> {
    if !wanted {
        return Ok((Checked::Model(Box::new(m)), None));
    }
    let g = crate::graph::Graph::build(m);
    let rules = g.model().policy.merge(flags);
    if rules.active().is_empty() {
        return Err(CliError::usage_help(
            "`--policy` found no rule to check: the model has no `[policy]` rule switched on and no rule flag was given",
            "add rules to the model, e.g. `max_lockin = 60` under `[policy]` (see docs/ci.md), or give a rule flag such as `--max-lockin 60`",
        ));
    }
    let opts = PolicyOptions {
        as_of: super::as_of(as_of, &g),
        plan: PlanOptions::default(),
    };
    let report = policy::evaluate(&g, &rules, &opts);
    Ok((Checked::Graph(Box::new(g)), Some(report)))
}

/// The checked model; its graph only when the policy needed one.
enum Checked {
    Model(Box<model::Model>),
    Graph(Box<crate::graph::Graph>),
}

impl Checked {
    fn model(&self) -> &model::Model {
        match self {
            Checked::Model(m) => m,
            Checked::Graph(g) => g.model(),
        }
    }
}

/// 1 when a policy rule failed, else 0.
fn exit_code(p: Option<&PolicyReport>) -> ExitCode {
    match p {
        Some(p) if !p.passed() => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// Validation warnings plus the Data Act findings of cloud contracts.
/// The model's warnings and the Data Act findings; with `--as-of`, the
/// contracts that ended are judged on that date instead of the model's.
fn all_warnings(m: &model::Model, as_of: Option<NaiveDate>) -> Vec<Diagnostic> {
    let mut w = m.warnings.clone();
    if let Some(day) = as_of {
        w.retain(|d| d.code != model::Code::ContractEnded);
        w.extend(crate::model::validate::ended_contracts(m, day));
    }
    w.extend(crate::analysis::data_act::diagnostics(m));
    model::diag::sort(&mut w);
    w
}
