//! `exitgraph check`: load, validate and summarise a model; with
//! `--policy` (or a rule flag), evaluate the policy rules for CI: exit 1
//! when a rule fails (docs/ci.md). The evaluation is `analysis::policy`.

use super::{CliError, Ctx, ModelArg};
use crate::analysis::exit_plan::PlanOptions;
use crate::analysis::policy::{self, PolicyOptions, PolicyReport};
use crate::model::policy::{Policy, Rule, Setting};
use crate::model::{self, Diagnostic, Status};
use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
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

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
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
    let loaded = model::load_with(path, &ctx.limits());
    let flags = args.rules.policy();
    let wants_policy = args.policy || flags != Policy::default();
    match (loaded, args.format) {
        (Ok(m), Format::Json) => {
            let warnings = all_warnings(&m);
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
            json(ctx, &report)?;
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
            json(ctx, &report)?;
            Ok(ExitCode::from(2))
        }
        (Ok(m), Format::Text) => {
            let warnings = all_warnings(&m);
            let (g, policy) = evaluate(m, wants_policy, &flags, args.as_of)?;
            let m = g.model();
            let text = super::render_diagnostics(&m.sources, &warnings, ctx.color);
            ctx.err.write_all(text.as_bytes())?;
            summary(ctx, m, warnings.len(), args.as_of)?;
            if let Some(p) = &policy {
                policy_text(ctx, m, p)?;
            }
            Ok(exit_code(policy.as_ref()))
        }
        (Err(f), Format::Text) => Err(CliError::Model(f)),
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
) -> Result<(crate::graph::Graph, Option<PolicyReport>), CliError> {
    let g = crate::graph::Graph::build(m);
    if !wanted {
        return Ok((g, None));
    }
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
    Ok((g, Some(report)))
}

/// 1 when a policy rule failed, else 0.
fn exit_code(p: Option<&PolicyReport>) -> ExitCode {
    match p {
        Some(p) if !p.passed() => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}

/// What a rule counts, for the rules table.
fn checked_what(rule: Rule, n: usize) -> String {
    let what = match rule {
        Rule::MaxDaysToDecision => "contracts with a decision ahead",
        Rule::MaxLockin => "in-use systems",
        Rule::NoSingleVendorForCritical => "critical or high services",
        Rule::DataAct => "cloud contracts",
        Rule::MinSovereignty => return "the self-check total".into(),
        Rule::ExitPlanForCore => "core systems",
    };
    format!("{n} {what}")
}

/// The policy part of the text output: the rules, then one line per
/// failure as `FILE:LINE:COLUMN: RULE: KIND `ID`: why`.
fn policy_text(ctx: &mut Ctx, m: &model::Model, p: &PolicyReport) -> Result<(), CliError> {
    let failed_rules = p.rules.iter().filter(|r| r.failed > 0).count();
    let out = &mut ctx.out;
    writeln!(out, "\npolicy as of {}:", p.as_of)?;
    let mut t = super::hotspots::wide_table(["", "rule", "value", "set in", "checked", "failed"]);
    for r in &p.rules {
        t.add_row(vec![
            comfy_table::Cell::new(if r.failed > 0 { "FAIL" } else { "ok" }),
            comfy_table::Cell::new(r.rule.as_str()),
            super::hotspots::num(r.value),
            comfy_table::Cell::new(r.source),
            comfy_table::Cell::new(checked_what(r.rule, r.checked)),
            super::hotspots::num(r.failed),
        ]);
    }
    writeln!(out, "{t}")?;
    for f in &p.failures {
        let place = match (&f.file, f.line, f.column) {
            (Some(file), Some(l), Some(c)) => format!("{file}:{l}:{c}: "),
            _ => String::new(),
        };
        let element = if f.kind == "organisation" {
            m.organisation.name.clone()
        } else {
            format!("{} `{}`", f.kind, f.element)
        };
        writeln!(out, "{place}{}: {element}: {}", f.rule, f.message)?;
    }
    if p.passed() {
        writeln!(
            out,
            "ok: {} policy rule{} pass{}",
            p.rules.len(),
            if p.rules.len() == 1 { "" } else { "s" },
            if p.rules.len() == 1 { "es" } else { "" }
        )?;
    } else {
        writeln!(
            out,
            "failed: {} of {} policy rule{} ({} failure{})",
            failed_rules,
            p.rules.len(),
            if p.rules.len() == 1 { "" } else { "s" },
            p.failures.len(),
            if p.failures.len() == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// Validation warnings plus the Data Act findings of cloud contracts.
fn all_warnings(m: &model::Model) -> Vec<Diagnostic> {
    let mut w = m.warnings.clone();
    w.extend(crate::analysis::data_act::diagnostics(m));
    model::diag::sort(&mut w);
    w
}

fn json(ctx: &mut Ctx, report: &Report) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(report).map_err(|e| CliError::io(e.to_string()))?;
    writeln!(ctx.out, "{text}")?;
    Ok(())
}

fn summary(
    ctx: &mut Ctx,
    m: &model::Model,
    warnings: usize,
    as_of: Option<NaiveDate>,
) -> Result<(), CliError> {
    let o = &m.organisation;
    let c = m.counts();
    let count = |s: Status| m.systems.iter().filter(|x| x.status == s).count();
    let files = m.sources.len();
    let main = m
        .sources
        .files()
        .next()
        .map(|(_, f)| f.name.clone())
        .unwrap_or_default();
    let out = &mut ctx.out;
    writeln!(
        out,
        "{}: {main}{}",
        o.name,
        if files > 1 {
            format!(" and {} included files", files - 1)
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "  systems     {:>6}  ({} in use, {}, {} retired)",
        c.systems,
        count(Status::InUse),
        plural(count(Status::Candidate), "candidate", "candidates"),
        count(Status::Retired)
    )?;
    let parents = m.vendors.iter().filter(|v| v.parent.is_some()).count();
    writeln!(
        out,
        "  vendors     {:>6}  ({parents} with a controlling company)",
        c.vendors
    )?;
    writeln!(out, "  interfaces  {:>6}", c.interfaces)?;
    writeln!(
        out,
        "  formats     {:>6}  ({} open)",
        c.formats,
        m.formats.iter().filter(|f| f.open).count()
    )?;
    let spend: f64 = m.contracts.iter().filter_map(|k| k.annual_cost).sum();
    writeln!(
        out,
        "  contracts   {:>6}  ({} {} a year)",
        c.contracts,
        crate::render::text::money(spend),
        o.currency
    )?;
    writeln!(out, "  services    {:>6}", c.services)?;
    writeln!(out, "  scenarios   {:>6}", c.scenarios)?;
    let trusted = trusted_text(&o.trusted);
    writeln!(
        out,
        "  home {} · trusted: {trusted} · as of {}",
        o.home,
        match (as_of, o.as_of) {
            (Some(d), _) => format!("{d} (--as-of)"),
            (None, Some(d)) => d.to_string(),
            (None, None) => "today".into(),
        }
    )?;
    if warnings == 0 {
        writeln!(out, "ok: the model is valid")?;
    } else {
        writeln!(
            out,
            "ok: the model is valid ({warnings} warning{} above)",
            if warnings == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}

/// `EU + CH` style text of a trust set.
fn trusted_text(t: &model::TrustSet) -> String {
    let eu = model::Region::Eu;
    let mut parts = Vec::new();
    if t.trusts_region(eu) {
        parts.push("EU".to_string());
    }
    parts.extend(
        t.iter()
            .filter(|c| !(t.trusts_region(eu) && c.is_eu()))
            .map(|c| c.to_string()),
    );
    parts.join(" + ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
