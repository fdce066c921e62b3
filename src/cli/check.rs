//! `exitgraph check`: load, validate and summarise a model.

use super::{CliError, Ctx, ModelArg};
use crate::model::{self, Diagnostic, Status};
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
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let path = &args.model.model;
    let loaded = model::load_with(path, &ctx.limits());
    match (loaded, args.format) {
        (Ok(m), Format::Json) => {
            let warnings = all_warnings(&m);
            let report = Report {
                ok: true,
                errors: Vec::new(),
                warnings: warnings.iter().map(|d| d.to_record(&m.sources)).collect(),
                counts: m.counts(),
            };
            json(ctx, &report)?;
            Ok(ExitCode::SUCCESS)
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
            };
            json(ctx, &report)?;
            Ok(ExitCode::from(2))
        }
        (Ok(m), Format::Text) => {
            let warnings = all_warnings(&m);
            let text = super::render_diagnostics(&m.sources, &warnings, ctx.color);
            ctx.err.write_all(text.as_bytes())?;
            summary(ctx, &m, warnings.len())?;
            Ok(ExitCode::SUCCESS)
        }
        (Err(f), Format::Text) => Err(CliError::Model(f)),
    }
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

fn summary(ctx: &mut Ctx, m: &model::Model, warnings: usize) -> Result<(), CliError> {
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
        o.as_of
            .map(|d| d.to_string())
            .unwrap_or_else(|| "today".into())
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
