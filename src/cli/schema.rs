//! `exitgraph schema`: print (or write) the JSON Schema of the model.

use super::{CliError, Ctx};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Write the schema to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let schema = crate::model::schema::json_schema();
    let mut text =
        serde_json::to_string_pretty(&schema).map_err(|e| CliError::io(e.to_string()))?;
    text.push('\n');
    match args.output {
        Some(p) => super::output::write_output(
            &p,
            text.as_bytes(),
            args.force,
            &super::output::Inputs::none(),
        )?,
        None => ctx.data(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
