//! `exitgraph init`: write a commented starter model that validates.

use super::{CliError, Ctx};
use std::path::PathBuf;
use std::process::ExitCode;

/// The starter model (checked by a test to validate).
pub const STARTER: &str = include_str!("starter.toml");

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to write the starter model.
    #[arg(value_name = "PATH", default_value = "landscape.toml")]
    pub path: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    super::output::write_output(
        &args.path,
        STARTER.as_bytes(),
        args.force,
        &super::output::Inputs::none(),
    )?;
    ctx.print(&format!("wrote {}: a starter model with 3 vendors, 3 systems, 2 contracts, 1 service and 1 scenario\n",
        args.path.display()))?;
    ctx.print(&format!(
        "next: edit it, then run `exitgraph check {}`\n",
        args.path.display()
    ))?;
    Ok(ExitCode::SUCCESS)
}
