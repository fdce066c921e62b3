//! `exitgraph export MODEL --to graphml|cyclonedx|mermaid|json`: the model
//! in a format other tools read. Writes to `-o FILE` (atomically, never onto
//! a file of the model, onto an existing file only with `--force`) or to
//! standard output.

use super::{CliError, Ctx, ModelArg};
use crate::interop::{export_cyclonedx, export_graphml, export_json, export_mermaid};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Target format.
    #[arg(long = "to", value_enum, value_name = "FORMAT")]
    pub to: Target,
    /// Output file; without it, standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Export formats.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Target {
    /// GraphML for Gephi, yEd, networkx, Neo4j.
    Graphml,
    /// CycloneDX 1.6 JSON: systems as services, contracts as licensing.
    Cyclonedx,
    /// Mermaid flowchart for wikis.
    Mermaid,
    /// The fully resolved model as JSON.
    Json,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    if let Some(o) = &args.output {
        super::output::refuse_input(o, &g.model().sources)?;
        super::output::refuse_existing(o, args.force)?;
    }
    let text = match args.to {
        Target::Graphml => export_graphml::render(&g),
        Target::Cyclonedx => export_cyclonedx::render(&g),
        Target::Mermaid => export_mermaid::render(&g),
        Target::Json => export_json::render(&g),
    };
    match &args.output {
        Some(o) => {
            super::write_atomic(o, text.as_bytes())?;
            ctx.eprint(&format!("wrote {}", o.display()))?;
        }
        None => ctx.data(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
