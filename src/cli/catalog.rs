//! `exitgraph catalog`: the built-in catalogue of alternatives, optionally
//! for one category.

use super::{CliError, Ctx};
use crate::catalog::{Catalog, Entry};
use clap::ValueEnum;
use std::io::Write;
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
            let text = serde_json::to_string_pretty(&entries)
                .map_err(|e| CliError::io(format!("cannot write JSON: {e}")))?;
            writeln!(ctx.out, "{text}")?;
        }
        Format::Table => {
            // A block per entry reads better than a table with long names.
            for e in &entries {
                writeln!(ctx.out, "{}  {}", e.id, e.name)?;
                writeln!(
                    ctx.out,
                    "  {} ({}) · {} · {}",
                    e.vendor,
                    e.country,
                    e.licence,
                    e.categories.join(", ")
                )?;
                let speaks: Vec<&str> = e
                    .formats
                    .iter()
                    .chain(e.protocols.iter())
                    .map(String::as_str)
                    .collect();
                if !speaks.is_empty() {
                    writeln!(ctx.out, "  speaks: {}", speaks.join(", "))?;
                }
                if !e.replaces.is_empty() {
                    writeln!(ctx.out, "  replaces: {}", e.replaces.join(", "))?;
                }
                if let Some(n) = &e.note {
                    writeln!(ctx.out, "  {n}")?;
                }
                writeln!(ctx.out)?;
            }
            writeln!(
                ctx.out,
                "{} entr{}. Name one in a model as `alternatives = [\"catalog:ID\"]`.",
                entries.len(),
                if entries.len() == 1 { "y" } else { "ies" }
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
