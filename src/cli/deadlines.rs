//! `exitgraph deadlines`: contract notice and decision deadlines, the EU
//! Data Act findings of cloud contracts, and an optional iCalendar file.
//! The analysis is `analysis::deadlines`; the calendar is `render::ics`.

use super::{CliError, Ctx, ModelArg};
use crate::analysis::deadlines::{self, DeadlineOptions, Deadlines, Status};
use crate::analysis::exit_plan::{DEFAULT_RUNS, DEFAULT_SEED, PlanOptions};
use crate::model::{Duration, Lang};
use crate::render::text::money;
use chrono::NaiveDate;
use clap::ValueEnum;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// The review date (default: `as_of` of the model, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Decisions due within this period are marked `due`.
    #[arg(long, value_name = "DURATION", default_value = "12mo", value_parser = parse_horizon)]
    pub horizon: Duration,
    /// Also write the deadlines as an iCalendar file.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
    /// Seed of the Monte Carlo simulation behind the migration times.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Monte Carlo runs per contract.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RUNS,
          value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub runs: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Output format of `deadlines`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

fn parse_horizon(s: &str) -> Result<Duration, String> {
    Duration::parse(s).map_err(|e| e.to_string())
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let m = g.model();
    let as_of = super::as_of(args.as_of, &g);
    let opts = DeadlineOptions {
        as_of,
        horizon: args.horizon,
        plan: PlanOptions {
            runs: args.runs,
            seed: args.seed,
            parallel: None,
        },
    };
    let report = deadlines::deadlines(&g, &opts);
    if let Some(path) = &args.ics {
        super::output::refuse_input(path, &m.sources)?;
        let lang = m.organisation.language.unwrap_or(Lang::De);
        let text = crate::render::ics::calendar(
            &report,
            &m.organisation.name,
            lang,
            &m.organisation.currency,
        );
        super::write_atomic(path, text.as_bytes())?;
        let events = text.matches("BEGIN:VEVENT").count();
        writeln!(
            ctx.err,
            "wrote {events} calendar events to {}",
            path.display()
        )?;
    }
    match args.format {
        Format::Json => {
            let text =
                serde_json::to_string_pretty(&report).map_err(|e| CliError::io(e.to_string()))?;
            writeln!(ctx.out, "{text}")?;
        }
        Format::Table => print_table(ctx, &report, &m.organisation.currency)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

fn print_table(ctx: &mut Ctx, r: &Deadlines, currency: &str) -> Result<(), CliError> {
    let out = &mut ctx.out;
    writeln!(
        out,
        "Contract deadlines as of {} (decisions up to {} are due: horizon {})",
        r.as_of,
        date(r.horizon_end),
        r.horizon
    )?;
    let count = |s: Status| r.contracts.iter().filter(|c| c.status == s).count();
    writeln!(
        out,
        "  {} overdue, {} due, {} ok, {} expired",
        count(Status::Overdue),
        count(Status::Due),
        count(Status::Ok),
        count(Status::Expired)
    )?;
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(vec![
        "status",
        "contract",
        "vendor",
        &format!("{currency}/year"),
        "next exit",
        "notice by",
        "migration P80",
        "decide by",
        "days left",
        "feasible exit",
    ]);
    for c in &r.contracts {
        t.add_row(vec![
            Cell::new(c.status.as_str()),
            Cell::new(&c.id),
            Cell::new(&c.vendor),
            Cell::new(c.annual_cost.map(money).unwrap_or_else(|| "-".into())),
            Cell::new(date(c.next_exit)),
            Cell::new(date(c.notice_deadline)),
            Cell::new(if c.systems.is_empty() {
                "-".to_string()
            } else {
                format!("{} d", c.migration_days)
            }),
            Cell::new(date(c.decision_deadline)),
            Cell::new(
                c.days_to_decision
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "-".into()),
            ),
            Cell::new(date(c.feasible_exit)),
        ]);
    }
    for col in [3usize, 6, 8] {
        if let Some(c) = t.column_mut(col) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "decide by = next exit - migration P80 (exit plan of the covered systems), or the notice deadline if earlier"
    )?;

    let attention: Vec<_> = r
        .contracts
        .iter()
        .filter(|c| matches!(c.status, Status::Overdue | Status::Due))
        .collect();
    if !attention.is_empty() {
        writeln!(out, "\nWhat to do")?;
        for c in attention {
            writeln!(out, "  {:<8} {}: {}", c.status.as_str(), c.id, c.note)?;
        }
    }
    if !r.data_act.is_empty() {
        writeln!(
            out,
            "\nEU Data Act (cloud contracts; indicative, not legal advice)"
        )?;
        for f in &r.data_act {
            writeln!(out, "  {} {}: {}", f.contract, f.article, f.message)?;
        }
    }
    Ok(())
}
