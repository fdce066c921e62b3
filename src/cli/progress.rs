//! `exitgraph progress`: the short report for the council between two
//! reviews: what the last review recommended and what happened, the
//! measures with their budgets, the numbers that moved, and the decisions
//! recommended now. Written as `progress.html` and `progress.md` into
//! `--out`, each file atomically.

use super::review::{LangArg, read_baseline};
use super::{CliError, Ctx, ModelArg};
use crate::analysis::exit_plan::{DEFAULT_RUNS, DEFAULT_SEED};
use crate::analysis::review::{self, DEFAULT_EXIT_PLANS, DEFAULT_TOP, ReviewOptions};
use crate::model::{Duration, Lang};
use crate::render::{html, markdown, page};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// The last review's review.json.
    #[arg(long, value_name = "FILE")]
    pub since: PathBuf,
    /// The directory to write progress.html and progress.md into (created if missing).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,
    /// The report date (default: `as_of` of the model, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Report language (default: `[organisation] language`, else de).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Seed of the Monte Carlo simulations.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Monte Carlo runs per plan.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RUNS,
          value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub runs: u32,
    /// Overwrite progress.html and progress.md if they exist.
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let m = g.model();
    let (baseline, past) = read_baseline(&args.since, ctx.global().max_file_size)?;
    let lang = match args.lang {
        Some(LangArg::De) => Lang::De,
        Some(LangArg::En) => Lang::En,
        None => m.organisation.language.unwrap_or(Lang::De),
    };
    let opts = ReviewOptions {
        as_of: super::as_of(args.as_of, &g),
        lang,
        seed: args.seed,
        runs: args.runs,
        horizon: Duration::months(12),
        top: DEFAULT_TOP,
        exit_plans: DEFAULT_EXIT_PLANS,
        baseline: Some(baseline),
        past,
    };
    let r = review::review(&g, &opts);
    let doc = page::progress_document(&r);
    let html = html::render(&doc).map_err(|e| CliError::io(e.to_string()))?;
    let md = markdown::render(&doc).map_err(|e| CliError::io(e.to_string()))?;
    let inputs = super::output::Inputs::of_model(&m.sources).with(&args.since);
    let files = [("progress.html", html), ("progress.md", md)];
    for (name, _) in &files {
        super::output::check_output(&args.out.join(name), args.force, &inputs)?;
    }
    std::fs::create_dir_all(&args.out)
        .map_err(|e| CliError::io(format!("cannot create `{}`: {e}", args.out.display())))?;
    for (name, text) in &files {
        super::output::write_atomic(&args.out.join(name), text.as_bytes())?;
    }
    ctx.eprint(&format!(
        "wrote the progress report of {} as of {} to {}: progress.html, progress.md",
        m.organisation.name,
        r.as_of,
        args.out.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
