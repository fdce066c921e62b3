//! `exitgraph check`: the model summary and the policy results.

use super::{EN, money, num, plural, wide_table};
use crate::analysis::policy::{ElementKind, PolicyReport};
use crate::model::policy::Rule;
use crate::model::{Model, Region, Status, TrustSet};
use chrono::NaiveDate;
use std::fmt::{self, Write as _};

/// The summary of a valid model: counts, spend, trust and the as-of date;
/// `warnings` is the number of warnings printed above it.
pub fn summary(m: &Model, warnings: usize, as_of: Option<NaiveDate>) -> String {
    let mut out = String::new();
    let _ = write_summary(&mut out, m, warnings, as_of);
    out
}

/// The policy part: the rules, then one line per failure as
/// `FILE:LINE:COLUMN: RULE: KIND `ID`: why`.
pub fn policy(m: &Model, p: &PolicyReport) -> String {
    let mut out = String::new();
    let _ = write_policy(&mut out, m, p);
    out
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

fn write_policy(out: &mut String, m: &Model, p: &PolicyReport) -> fmt::Result {
    let failed_rules = p.rules.iter().filter(|r| r.failed > 0).count();
    writeln!(out, "\npolicy as of {}:", p.as_of)?;
    let mut t = wide_table(["", "rule", "value", "set in", "checked", "failed"]);
    for r in &p.rules {
        t.add_row(vec![
            comfy_table::Cell::new(if r.failed > 0 { "FAIL" } else { "ok" }),
            comfy_table::Cell::new(r.rule.as_str()),
            num(r.value),
            comfy_table::Cell::new(EN.rule_source(r.source)),
            comfy_table::Cell::new(checked_what(r.rule, r.checked)),
            num(r.failed),
        ]);
    }
    writeln!(out, "{t}")?;
    for f in &p.failures {
        let place = match (&f.file, f.line, f.column) {
            (Some(file), Some(l), Some(c)) => format!("{file}:{l}:{c}: "),
            _ => String::new(),
        };
        let element = match f.kind {
            ElementKind::Organisation => m.organisation.name.clone(),
            kind => format!("{} `{}`", EN.element_kind(kind), f.element),
        };
        let why = EN.why(&f.why, &m.organisation.currency);
        writeln!(out, "{place}{}: {element}: {why}", f.rule)?;
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

fn write_summary(
    out: &mut String,
    m: &Model,
    warnings: usize,
    as_of: Option<NaiveDate>,
) -> fmt::Result {
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
        money(spend),
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
fn trusted_text(t: &TrustSet) -> String {
    let eu = Region::Eu;
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
