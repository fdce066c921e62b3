//! `exitgraph catalog`: the built-in catalogue of alternatives, optionally
//! for one category.

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx};
use crate::catalog::{Catalog, Entry};
use crate::render::terminal;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only entries that can replace a system of this category (e.g. `office-suite`).
    #[arg(long, value_name = "C")]
    pub category: Option<String>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
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
        // Only table and json pass the parser.
        Format::Table | Format::Csv | Format::Markdown => {
            ctx.print(&terminal::catalog::entries(&entries))?
        }
    }
    Ok(ExitCode::SUCCESS)
}
