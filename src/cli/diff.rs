//! `exitgraph diff OLD NEW`: what changed between two models or two reviews.
//!
//! Each side is a model (`.toml`, snapshot taken on `--as-of`, else the
//! model's `as_of`, else today) or a `review.json` written by `exitgraph
//! review` (its `"snapshot"` member, taken when the review was written).
//! The comparison is `analysis::diff`; the wording is `render::diff`.
//! Exit code 0 whether or not something changed; 2 when a side cannot be
//! read.

use super::format::Format;
use super::{CliError, Ctx};
use crate::analysis::diff::{self, DEFAULT_TOP, Snapshot, SnapshotOptions};
use crate::render::diff as render;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The earlier state: a model (.toml) or a review.json.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later state: a model (.toml) or a review.json.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(&[Format::Table, Format::Markdown, Format::Json]))]
    pub format: Format,
    /// The review date of models (default: each model's `as_of`, else
    /// today); a review.json keeps its own date.
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Length of the hotspot top list compared, for models.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TOP as u32,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub top: u32,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let old = side(ctx, &args.old, &args)?;
    let new = side(ctx, &args.new, &args)?;
    let d = diff::diff(&old, &new);
    match args.format {
        Format::Json => {
            ctx.json(&d)?;
        }
        Format::Markdown => ctx.print(&render::markdown(&d, 1))?,
        // Csv does not pass the parser.
        Format::Table | Format::Csv => ctx.print(&render::table(&d))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether a path names a JSON file (a review.json or a bare snapshot).
fn is_json(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// The snapshot of one side.
fn side(ctx: &mut Ctx, path: &Path, args: &Args) -> Result<Snapshot, CliError> {
    if !is_json(path) {
        let g = ctx.load_quiet(path)?;
        let as_of = super::as_of(args.as_of, &g);
        let opts = SnapshotOptions {
            top: args.top as usize,
            ..SnapshotOptions::new(as_of)
        };
        return Ok(diff::snapshot(&g, &opts));
    }
    let name = path.display();
    let text = crate::model::input::read_text(path, ctx.global().max_file_size)
        .map_err(|e| CliError::io(format!("cannot read `{name}`: {e}")))?;
    Snapshot::from_json(&text).map_err(|e| {
        CliError::usage_help(
            format!("`{name}` {e}"),
            "give a review.json written by `exitgraph review`, or the model files (.toml) themselves",
        )
    })
}
