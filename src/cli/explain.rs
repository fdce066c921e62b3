//! `exitgraph explain MODEL ID`: everything the tool knows and concludes
//! about one system, vendor, contract or service. `kind:ID` picks the kind
//! when an id exists in several (ids are unique per kind only).

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx, ModelArg};
use crate::analysis::deadlines::{self, DeadlineOptions};
use crate::analysis::exit_plan::PlanOptions;
use crate::analysis::explain::{self, Explanation, ResolveError};
use crate::analysis::paths::PathsReport;
use crate::model::Duration;
use crate::render::terminal;
use chrono::NaiveDate;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// The id to explain; write `system:ID`, `vendor:ID`, `contract:ID` or
    /// `service:ID` when several kinds share it.
    #[arg(value_name = "ID")]
    pub id: String,
    /// The review date of the contract deadlines (default: `as_of` of the
    /// model, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
}

fn resolve_error(e: ResolveError) -> CliError {
    match e {
        ResolveError::Unknown { id, suggestion } => CliError::usage_help(
            format!("the model has no system, vendor, contract or service `{id}`"),
            match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None => "check the ids in the model (`exitgraph check MODEL` lists counts)".into(),
            },
        ),
        ResolveError::Ambiguous { id, kinds } => {
            let options: Vec<String> = kinds
                .iter()
                .map(|k| format!("`{}:{id}`", k.as_str()))
                .collect();
            CliError::usage_help(
                format!(
                    "`{id}` is the id of a {}",
                    kinds
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(" and a ")
                ),
                format!("write {}", options.join(" or ")),
            )
        }
        ResolveError::Unsupported { id, kind } => CliError::usage_help(
            format!(
                "`{id}` is a {}; explain covers systems, vendors, contracts and services",
                kind.as_str()
            ),
            "explain a system that uses it instead",
        ),
        ResolveError::BadKind { kind } => CliError::usage_help(
            format!("`{kind}:` is not a kind explain knows"),
            "write system:ID, vendor:ID, contract:ID or service:ID",
        ),
        ResolveError::UnknownOfKind {
            kind,
            id,
            suggestion,
        } => CliError::usage_help(
            format!("the model has no {} `{id}`", kind.as_str()),
            match suggestion {
                Some(s) => format!("did you mean `{}:{s}`?", kind.as_str()),
                None => format!("check the {} ids in the model", kind.as_str()),
            },
        ),
    }
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let subject = explain::resolve(g.model(), &args.id).map_err(resolve_error)?;
    let mut report = explain::explain(&g, subject);
    let deadlines = deadlines::deadlines(
        &g,
        &DeadlineOptions {
            as_of: super::as_of(args.as_of, &g),
            horizon: Duration::months(12),
            plan: PlanOptions::default(),
        },
    );
    explain::with_deadlines(&g, &mut report, &deadlines);
    match args.format {
        Format::Json => {
            ctx.json(&report)?;
        }
        // Only table and json pass the parser.
        Format::Table | Format::Csv | Format::Markdown => {
            let currency = &g.model().organisation.currency;
            let paths = match &report {
                Explanation::Service(s) => super::paths::text(&PathsReport {
                    services: vec![s.paths.clone()],
                }),
                _ => String::new(),
            };
            ctx.print(&terminal::explain::explanation(&report, currency, &paths))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
