//! `exitgraph score`: the sovereignty self-check (five dimensions, 5 to 25
//! points) with what pulls each dimension down, and the indicative SEAL
//! level of every in-use system.

use super::{CliError, Ctx, ModelArg};
use crate::analysis::seal::{self, Seal};
use crate::analysis::sovereignty::{self, SovereigntyReport};
use crate::render::terminal;
use clap::ValueEnum;
use serde::Serialize;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
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
        Format::Table => {
            let org = &g.model().organisation.name;
            ctx.print(&terminal::score::table(&report.check, &report.seal, org))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
