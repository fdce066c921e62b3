//! `exitgraph exit`: the exit plan for a vendor, a jurisdiction or named
//! systems: switch estimates, order, critical path, Monte Carlo duration
//! and money. The analysis is `analysis::exit_plan`; this file parses the
//! options and prints a table or JSON.

use super::{CliError, Ctx, ModelArg};
use crate::analysis::deadlines::whole_days;
use crate::analysis::exit_plan::{self, DEFAULT_RUNS, DEFAULT_SEED, ExitPlan, PlanOptions, Target};
use crate::model::{EntityKind, Region, duration::DAYS_PER_MONTH};
use crate::render::text::{group, money};
use chrono::NaiveDate;
use clap::{ArgGroup, ValueEnum};
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(group(ArgGroup::new("target").required(true).args(["vendor", "jurisdiction", "systems"])))]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Leave this vendor and every vendor it controls.
    #[arg(long, value_name = "ID")]
    pub vendor: Option<String>,
    /// Leave every vendor whose exposure includes this country code (or EU).
    #[arg(long, value_name = "CC")]
    pub jurisdiction: Option<String>,
    /// Switch these systems (comma-separated ids).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub systems: Vec<String>,
    /// Seed of the Monte Carlo simulation (same seed, same result).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Monte Carlo runs.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RUNS,
          value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub runs: u32,
    /// Switches at once (default: `parallel_migrations` of the model).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub parallel: Option<u32>,
    /// Start date for the calendar end dates in the table (default: `as_of`
    /// of the model, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Output format of `exit`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let m = g.model();
    let target = if let Some(v) = &args.vendor {
        match m.vendor_id(v) {
            Some(id) => Target::Vendor(id),
            None => return Err(super::unknown_id(&g, EntityKind::Vendor, v)),
        }
    } else if let Some(j) = &args.jurisdiction {
        let r = Region::parse(j.trim()).or_else(|_| Region::parse(&j.trim().to_uppercase()));
        match r {
            Ok(r) => Target::Jurisdiction(r),
            Err(e) => {
                return Err(CliError::usage_help(
                    format!("`{j}` is not a jurisdiction: {e}"),
                    "give an ISO 3166-1 alpha-2 country code such as `US`, or `EU`",
                ));
            }
        }
    } else {
        let mut ids = Vec::new();
        for s in args
            .systems
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            match m.system_id(s) {
                Some(id) => ids.push(id),
                None => return Err(super::unknown_id(&g, EntityKind::System, s)),
            }
        }
        if ids.is_empty() {
            return Err(CliError::usage_help(
                "`--systems` names no system",
                "give system ids separated by commas, e.g. `--systems m365,exchange-online`",
            ));
        }
        Target::Systems(ids)
    };
    let opts = PlanOptions {
        runs: args.runs,
        seed: args.seed,
        parallel: args.parallel,
    };
    let plan = exit_plan::plan(&g, &target, &opts);
    match args.format {
        Format::Json => {
            let text =
                serde_json::to_string_pretty(&plan).map_err(|e| CliError::io(e.to_string()))?;
            writeln!(ctx.out, "{text}")?;
        }
        Format::Table => {
            let start = super::as_of(args.as_of, &g);
            print_table(ctx, &plan, &m.organisation.currency, Some(start))?
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn table() -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t
}

fn right(t: &mut Table, cols: &[usize]) {
    for &c in cols {
        if let Some(col) = t.column_mut(c) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn d(x: f64) -> String {
    group(x.round() as i64)
}

fn months(x: f64) -> String {
    format!("{:.1} mo", x / DAYS_PER_MONTH)
}

fn print_table(
    ctx: &mut Ctx,
    p: &ExitPlan,
    currency: &str,
    as_of: Option<NaiveDate>,
) -> Result<(), CliError> {
    let out = &mut ctx.out;
    writeln!(out, "Exit plan: leave {} ({})", p.target_name, p.target)?;
    if p.vendors.len() > 1 {
        writeln!(out, "  vendors covered: {}", p.vendors.join(", "))?;
    }
    if !p.skipped.is_empty() {
        writeln!(out, "  not in use, left out: {}", p.skipped.join(", "))?;
    }
    if p.systems.is_empty() {
        writeln!(
            out,
            "\nNo system in use belongs to this target: nothing to switch."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "  {} system{} to switch, at most {} at a time (parallel_migrations)",
        p.systems.len(),
        if p.systems.len() == 1 { "" } else { "s" },
        p.parallel_migrations
    )?;

    writeln!(
        out,
        "\nSwitch estimates (days; PERT: expected = (o + 4m + p) / 6)"
    )?;
    let mut t = table();
    t.set_header(vec![
        "system",
        "vendor",
        "optimistic",
        "likely",
        "pessimistic",
        "expected",
        "P80",
        &format!("cost ({currency})"),
        "source",
    ]);
    for s in &p.systems {
        let source = match (s.given, s.cost_given) {
            (true, true) => "model",
            (true, false) => "model; cost estimated",
            (false, true) => "estimated; cost from model",
            (false, false) => "estimated",
        };
        t.add_row(vec![
            Cell::new(&s.id),
            Cell::new(&s.vendor),
            Cell::new(d(s.optimistic_days)),
            Cell::new(d(s.likely_days)),
            Cell::new(d(s.pessimistic_days)),
            Cell::new(d(s.expected_days)),
            Cell::new(d(s.p80_days)),
            Cell::new(money(s.cost)),
            Cell::new(source),
        ]);
    }
    right(&mut t, &[2, 3, 4, 5, 6, 7]);
    writeln!(out, "{t}")?;
    if !p.joint_tasks.is_empty() {
        writeln!(
            out,
            "Precedence cycles switched as one joint task: {}",
            p.joint_tasks
                .iter()
                .map(|j| j.join(" + "))
                .collect::<Vec<_>>()
                .join("; ")
        )?;
    }

    writeln!(
        out,
        "\nSchedule (expected durations, at most {} at a time; * = on the critical path)",
        p.parallel_migrations
    )?;
    let mut t = table();
    t.set_header(vec!["task", "start day", "finish day", "expected", "after"]);
    for task in &p.tasks {
        t.add_row(vec![
            Cell::new(format!(
                "{}{}",
                if task.critical { "* " } else { "  " },
                task.id
            )),
            Cell::new(d(task.start_day)),
            Cell::new(d(task.finish_day)),
            Cell::new(d(task.expected_days)),
            Cell::new(if task.after.is_empty() {
                "-".to_string()
            } else {
                task.after.join(", ")
            }),
        ]);
    }
    right(&mut t, &[1, 2, 3]);
    writeln!(out, "{t}")?;

    writeln!(out, "\nDuration")?;
    let row = |label: &str, x: f64| format!("  {label:<30}{:>8} d  {:>9}", d(x), months(x));
    writeln!(
        out,
        "{}   {}",
        row("critical path (expected)", p.expected_days),
        p.critical_path.join(" -> ")
    )?;
    writeln!(
        out,
        "{}",
        row(
            &format!("scheduled, {} at a time", p.parallel_migrations),
            p.scheduled_days
        )
    )?;
    let mc = if p.exact_percentiles && p.tasks.len() == 1 {
        "exact quantiles of the single task's PERT distribution".to_string()
    } else if p.exact_percentiles {
        "exact quantiles: independent tasks, all at once (largest of their PERT durations)"
            .to_string()
    } else {
        format!(
            "Monte Carlo of the schedule, {} runs, seed {}",
            group(i64::from(p.runs)),
            p.seed
        )
    };
    writeln!(out, "{}   {mc}", row("P50", p.p50_days))?;
    writeln!(out, "{}", row("P80", p.p80_days))?;
    writeln!(out, "{}", row("P95", p.p95_days))?;
    if let Some(start) = as_of {
        let finish = |x: f64| {
            start
                .checked_add_days(chrono::Days::new(whole_days(x) as u64))
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into())
        };
        writeln!(
            out,
            "  started on {start}: expected end {}, P80 end {}",
            finish(p.scheduled_days),
            finish(p.p80_days)
        )?;
    }

    writeln!(out, "\nMoney ({currency})")?;
    let row = |label: &str, x: f64| format!("  {label:<30}{:>12}", money(x));
    writeln!(out, "{}", row("switch cost, total", p.total_cost))?;
    if p.contracts_left_behind.is_empty() {
        writeln!(
            out,
            "  {:<30}none (no contract covers only switched systems)",
            "contracts left behind"
        )?;
    } else {
        writeln!(
            out,
            "{} a year: {}",
            row("contracts left behind", p.annual_cost_left_behind),
            p.contracts_left_behind
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    if let Some(y) = p.payback_years {
        writeln!(
            out,
            "  {:<30}{y:>12.1} years (gross: the alternatives' own running costs are not included)",
            "payback"
        )?;
    }
    if !p.contracts_partly_affected.is_empty() {
        writeln!(
            out,
            "  partly affected (also cover systems that stay): {}",
            p.contracts_partly_affected.join(", ")
        )?;
    }
    Ok(())
}
