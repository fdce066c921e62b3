//! `exitgraph hotspots`: lock-in scores of systems and vendor groups, and
//! spend concentration, as a table, JSON or CSV.
//!
//! The numbers are computed once (`analysis::lockin::hotspots`) and only
//! formatted here, so table, JSON and CSV show the same values: scores and
//! points with one decimal, impact with three, shares as fractions with four
//! decimals (the table prints them as percentages with two).

use super::format::Format;
use super::{CliError, Ctx, ModelArg};
use crate::analysis::lockin;
use crate::render::csv::{self, HotspotsTable};
use crate::render::terminal;
use clap::ValueEnum;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Show only the N highest-ranked systems and vendor groups.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(&[Format::Table, Format::Json, Format::Csv]))]
    pub format: Format,
    /// Also score the candidate systems on the same criteria (for procurement).
    #[arg(long)]
    pub candidates: bool,
    /// Which table `--format csv` writes (systems by default).
    #[arg(long, value_enum)]
    pub csv_table: Option<CsvPart>,
}

/// The table written by `--format csv`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum CsvPart {
    /// Systems with score, impact, hotspot and factor points (candidates appended with `--candidates`).
    Systems,
    /// Vendor groups with score, spend share and single points of failure.
    Vendors,
    /// Annual spend per vendor group.
    Groups,
    /// Annual spend per jurisdiction of the top parent.
    Jurisdictions,
    /// Spend and HHI per system category.
    Categories,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    if args.top == Some(0) {
        return Err(CliError::usage_help(
            "`--top 0` would show nothing",
            "give a positive number, or leave `--top` out to see everything",
        ));
    }
    if args.csv_table.is_some() && args.format != Format::Csv {
        return Err(CliError::usage_help(
            "`--csv-table` chooses the table of `--format csv`",
            "add `--format csv`, or leave `--csv-table` out",
        ));
    }
    let g = ctx.load_quiet(&args.model.model)?;
    let mut report = lockin::hotspots(&g, args.candidates);
    if let Some(n) = args.top {
        report.systems.truncate(n);
        report.vendors.truncate(n);
    }
    match args.format {
        Format::Json => {
            ctx.json(&report)?;
        }
        Format::Csv => {
            let part = match args.csv_table.unwrap_or(CsvPart::Systems) {
                CsvPart::Systems => HotspotsTable::Systems,
                CsvPart::Vendors => HotspotsTable::Vendors,
                CsvPart::Groups => HotspotsTable::Groups,
                CsvPart::Jurisdictions => HotspotsTable::Jurisdictions,
                CsvPart::Categories => HotspotsTable::Categories,
            };
            csv::write_hotspots(ctx.data_writer(), &report, part)?;
        }
        // Markdown does not pass the parser.
        Format::Table | Format::Markdown => {
            let org = &g.model().organisation;
            ctx.print(&terminal::hotspots::table(
                &report,
                &org.name,
                &org.currency,
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
