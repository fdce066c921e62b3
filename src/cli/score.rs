//! `exitgraph score`: the sovereignty self-check (five dimensions, 5 to 25
//! points) with what pulls each dimension down, and the indicative SEAL
//! level of every in-use system.

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx, ModelArg};
use crate::analysis::seal::{self, Seal};
use crate::analysis::sovereignty::{self, SovereigntyReport};
use crate::render::terminal;
use serde::Serialize;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
}

#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    check: SovereigntyReport,
    /// Indicative SEAL levels of the in-use systems, in model order.
    seal: Vec<Seal>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let report = Report {
        check: sovereignty::check(&g),
        seal: seal::seal_all(&g),
    };
    match args.format {
        Format::Json => {
            ctx.json(&report)?;
        }
        // Only table and json pass the parser.
        Format::Table | Format::Csv | Format::Markdown => {
            let org = &g.model().organisation.name;
            ctx.print(&terminal::score::table(&report.check, &report.seal, org))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
