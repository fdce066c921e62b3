//! `exitgraph catalog`: the built-in catalogue of alternatives, optionally
//! for one category.

use super::{CliError, Ctx};
use crate::catalog::{Catalog, Entry};
use crate::render::terminal;
use clap::ValueEnum;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only entries that can replace a system of this category (e.g. `office-suite`).
    #[arg(long, value_name = "C")]
    pub category: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let catalog = Catalog::builtin();
    let entries: Vec<&Entry> = match &args.category {
        Some(c) => {
            let v = catalog.for_category(c);
            if v.is_empty() {
                let cats = catalog.categories();
                let help = match crate::model::diag::did_you_mean(c, cats.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`? Categories: {}", cats.join(", ")),
                    None => format!("categories: {}", cats.join(", ")),
                };
                return Err(CliError::usage_help(
                    format!("the catalogue has no entry for category `{c}`"),
                    help,
                ));
            }
            v
        }
        None => {
            let mut v: Vec<&Entry> = catalog.entries.iter().collect();
            v.sort_by(|a, b| a.id.cmp(&b.id));
            v
        }
    };
    match args.format {
        Format::Json => {
            ctx.json(&entries)?;
        }
        Format::Table => ctx.print(&terminal::catalog::entries(&entries))?,
    }
    Ok(ExitCode::SUCCESS)
}
