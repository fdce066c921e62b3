//! `exitgraph plan`: the multi-year plan. Which moves, in which quarter,
//! within the team's capacity and the yearly budget, so that contract
//! windows are met; the state after each year. The analysis is
//! `analysis::plan`; the settings come from `[plan]` of the model.

use super::format::Format;
use super::{CliError, Ctx, ModelArg};
use crate::analysis::plan;
use crate::model::{Duration, Lang};
use crate::render::i18n::Tr;
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
    /// How far the plan looks ahead (overrides `[plan] horizon`; e.g. `3y`).
    #[arg(long, value_name = "DURATION", value_parser = parse_horizon)]
    pub horizon: Option<Duration>,
    /// Moves at once (overrides `[plan] parallel_migrations`).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub parallel: Option<u32>,
    /// Write the Gantt chart by quarter (SVG) to this file.
    #[arg(long, value_name = "FILE")]
    pub gantt: Option<PathBuf>,
    /// Write the target state at the end of each year as TOML into this
    /// folder (`target-2027.toml`, ...).
    #[arg(long, value_name = "DIR")]
    pub target_states: Option<PathBuf>,
    /// Overwrite output files that exist.
    #[arg(long)]
    pub force: bool,
    /// Output format (`md` for Markdown).
    #[arg(long, default_value = "table",
          value_parser = Format::parser(&[Format::Table, Format::Json, Format::Markdown]))]
    pub format: Format,
    /// Language of the table and Markdown (default: `[organisation] language`, else de).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<super::review::LangArg>,
}

fn parse_horizon(s: &str) -> Result<Duration, String> {
    let d = Duration::parse(s).map_err(|e| e.to_string())?;
    if d.is_zero() || d.as_days() > 10.0 * 366.0 {
        return Err("the horizon must be longer than zero and at most ten years".into());
    }
    Ok(d)
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let mut g = ctx.load_quiet(&args.model.model)?;
    let as_of = super::as_of(args.as_of, &g);
    g.set_review_date(as_of);
    let m = g.model();
    let mut settings = m.plan.clone().unwrap_or_else(plan::default_settings);
    if let Some(h) = args.horizon {
        settings.horizon = h;
    }
    if let Some(p) = args.parallel {
        settings.parallel_migrations = Some(p);
    }
    let p = plan::plan(&g, as_of, &settings);
    let lang = args
        .lang
        .map(Lang::from)
        .or(m.organisation.language)
        .unwrap_or(Lang::De);
    let tr = Tr::new(lang);
    // Every output is checked before the first is written.
    let inputs = super::output::Inputs::of_model(&m.sources);
    if let Some(path) = &args.gantt {
        super::output::check_output(path, args.force, &inputs)?;
    }
    if let Some(dir) = &args.target_states {
        for y in &p.years {
            let path = dir.join(format!("target-{}.toml", y.year));
            super::output::check_output(&path, args.force, &inputs)?;
        }
    }
    if let Some(path) = &args.gantt {
        super::write_atomic(path, crate::render::plan::gantt_svg(&p, tr).as_bytes())?;
        ctx.eprint(&format!("wrote the Gantt chart to {}", path.display()))?;
    }
    if let Some(dir) = &args.target_states {
        let text = m
            .sources
            .files()
            .next()
            .map(|(_, f)| f.text.clone())
            .unwrap_or_default();
        std::fs::create_dir_all(dir)
            .map_err(|e| CliError::io(format!("cannot create {}: {e}", dir.display())))?;
        for y in &p.years {
            let moves = plan::moves_done_by(
                &g,
                &p,
                NaiveDate::from_ymd_opt(y.year, 12, 31).unwrap_or(p.horizon.end),
            );
            let after = crate::model::edit::apply(m, &moves);
            let out = crate::interop::target::target_toml(m, &after, &text)
                .map_err(|e| CliError::usage_help(e.message, e.help))?;
            let path = dir.join(format!("target-{}.toml", y.year));
            super::write_atomic(&path, out.as_bytes())?;
        }
        ctx.eprint(&format!(
            "wrote {} target states to {}",
            p.years.len(),
            dir.display()
        ))?;
    }
    if !p.goal_reached {
        ctx.eprint(
            "note: the plan does not reach its goal within the horizon (see `goal_reached`)",
        )?;
    }
    match args.format {
        Format::Json => ctx.json(&p)?,
        Format::Markdown => ctx.print(&crate::render::plan::plan_markdown(&p, tr))?,
        Format::Table | Format::Csv => ctx.print(&crate::render::plan::plan_table(
            &p,
            tr,
            super::terminal_width(),
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}
