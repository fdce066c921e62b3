//! `exitgraph import` (being built).

use super::{CliError, Ctx};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Arguments of the command.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub rest: Vec<String>,
}

pub fn run(_ctx: &mut Ctx, _args: Args) -> Result<ExitCode, CliError> {
    Err(CliError::usage(
        "`import` is not available in this build yet",
    ))
}
