//! `exitgraph exit`: the exit plan for a vendor, a jurisdiction or named
//! systems: switch estimates, order, critical path, Monte Carlo duration
//! and money. The analysis is `analysis::exit_plan`; this file parses the
//! options and prints a table or JSON.

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx, ModelArg};
use crate::analysis::exit_plan::{self, DEFAULT_RUNS, DEFAULT_SEED, PlanOptions, Target};
use crate::model::{EntityKind, Region};
use crate::render::terminal;
use chrono::NaiveDate;
use clap::ArgGroup;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
#[command(group(ArgGroup::new("target").required(true).args(["vendor", "jurisdiction", "systems", "contract"])))]
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
    /// Leave this contract: the systems it covers, each as the contract's
    /// exit kind says (the plan behind its deadlines).
    #[arg(long, value_name = "ID")]
    pub contract: Option<String>,
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
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let m = g.model();
    let target = if let Some(v) = &args.vendor {
        match m.vendor_id(v) {
            Some(id) => Target::Vendor(id),
            None => return Err(super::unknown_id(&g, EntityKind::Vendor, v)),
        }
    } else if let Some(c) = &args.contract {
        match m.contract_id(c) {
            Some(id) => Target::Contract(id),
            None => return Err(super::unknown_id(&g, EntityKind::Contract, c)),
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
        as_of: Some(super::as_of(args.as_of, &g)),
    };
    let plan = exit_plan::plan(&g, &target, &opts);
    match args.format {
        Format::Json => {
            ctx.json(&plan)?;
        }
        // Only table and json pass the parser.
        Format::Table | Format::Csv | Format::Markdown => {
            let start = super::as_of(args.as_of, &g);
            let text = terminal::exit::table(&plan, &m.organisation.currency, Some(start));
            ctx.print(&text)?;
        }
    }
    super::keep_until_exit((plan, g));
    Ok(ExitCode::SUCCESS)
}
