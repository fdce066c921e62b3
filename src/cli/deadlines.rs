//! `exitgraph deadlines`: contract notice and decision deadlines, the EU
//! Data Act findings of cloud contracts, and an optional iCalendar file.
//! The analysis is `analysis::deadlines`; the calendar is `render::ics`.

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx, ModelArg};
use crate::analysis::deadlines::{self, DeadlineOptions};
use crate::analysis::exit_plan::{DEFAULT_RUNS, DEFAULT_SEED, PlanOptions};
use crate::model::{Duration, Lang};
use crate::render::i18n::Tr;
use crate::render::terminal;
use chrono::NaiveDate;
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
    /// Overwrite the calendar file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Seed of the Monte Carlo simulation behind the migration times.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Monte Carlo runs per contract.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RUNS,
          value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub runs: u32,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
    /// Language of the table (default: `[organisation] language`, else de).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<super::review::LangArg>,
}

fn parse_horizon(s: &str) -> Result<Duration, String> {
    Duration::parse(s).map_err(|e| e.to_string())
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let mut g = ctx.load_quiet(&args.model.model)?;
    let as_of = super::as_of(args.as_of, &g);
    g.set_review_date(as_of);
    let m = g.model();
    let opts = DeadlineOptions {
        as_of,
        horizon: args.horizon,
        plan: PlanOptions {
            runs: args.runs,
            seed: args.seed,
            parallel: None,
            as_of: None,
        },
    };
    let report = deadlines::deadlines(&g, &opts);
    if let Some(path) = &args.ics {
        let inputs = super::output::Inputs::of_model(&m.sources);
        super::output::check_output(path, args.force, &inputs)?;
        let lang = m.organisation.language.unwrap_or(Lang::De);
        let events = super::output::write_atomic_with(path, |w| {
            crate::render::ics::write_calendar(
                w,
                &report,
                &m.organisation.name,
                lang,
                &m.organisation.currency,
            )
        })?;
        ctx.eprint(&format!(
            "wrote {events} calendar events to {}",
            path.display()
        ))?;
    }
    match args.format {
        Format::Json => {
            ctx.json(&report)?;
        }
        // Only table and json pass the parser.
        Format::Table | Format::Csv | Format::Markdown => {
            let lang = args
                .lang
                .map(Lang::from)
                .or(m.organisation.language)
                .unwrap_or(Lang::De);
            ctx.print(&terminal::deadlines::table(
                &report,
                Tr::new(lang),
                &m.organisation.currency,
                super::terminal_width(),
            ))?
        }
    }
    Ok(ExitCode::SUCCESS)
}
