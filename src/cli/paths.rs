//! `exitgraph paths`: the dependency chains of a service down to systems,
//! vendors and controlling companies, with the single points of failure
//! marked; for every critical service (criticality critical or high) when no
//! `--service` is given.

use super::{CliError, Ctx, ModelArg, unknown_id};
use crate::analysis::paths::{self, NodeKind, PathNode, PathsReport};
use crate::model::EntityKind;
use clap::ValueEnum;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// The service to show (repeatable); default: every critical or high service.
    #[arg(long, value_name = "ID")]
    pub service: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let m = g.model();
    let services = if args.service.is_empty() {
        paths::critical_services(&g)
    } else {
        let mut v = Vec::new();
        for id in &args.service {
            match m.service_id(id) {
                Some(s) => v.push(s),
                None => return Err(unknown_id(&g, EntityKind::Service, id)),
            }
        }
        v
    };
    let report = paths::paths(&g, &services);
    match args.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError::io(format!("cannot write JSON: {e}")))?;
            writeln!(ctx.out, "{text}")?;
        }
        Format::Text => {
            if report.services.is_empty() {
                writeln!(
                    ctx.out,
                    "The model has no critical or high service; name one with --service ID."
                )?;
            }
            ctx.out.write_all(text(&report).as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The paths as indented trees, one block per service.
pub fn text(r: &PathsReport) -> String {
    let mut out = String::new();
    for (i, s) in r.services.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("{}  {} ({})\n", s.service, s.name, s.criticality));
        let systems: Vec<&str> = s
            .single_point_systems
            .iter()
            .map(|x| x.id.as_str())
            .collect();
        out.push_str(&format!(
            "  single points of failure, systems: {}\n",
            if systems.is_empty() {
                "none".to_string()
            } else {
                systems.join(", ")
            }
        ));
        let vendors: Vec<String> = s
            .single_point_vendors
            .iter()
            .map(|v| {
                if v.day == 0 {
                    format!("{} ({})", v.id, v.country)
                } else {
                    format!("{} ({}, after {} days)", v.id, v.country, v.day)
                }
            })
            .collect();
        out.push_str(&format!(
            "  single points of failure, vendors: {}\n",
            if vendors.is_empty() {
                "none".to_string()
            } else {
                vendors.join(", ")
            }
        ));
        for (k, n) in s.tree.iter().enumerate() {
            node(&mut out, n, "  ", k + 1 == s.tree.len());
        }
    }
    if !r.services.is_empty() {
        out.push_str(
            "\n[SPOF] its loss alone takes the service down. (repeated) shown above. \
             Vendor cuts include the companies they control.\n",
        );
    }
    out
}

fn node(out: &mut String, n: &PathNode, prefix: &str, last: bool) {
    let branch = if last { "└─ " } else { "├─ " };
    let mark = if n.single_point { " [SPOF]" } else { "" };
    let line = match n.kind {
        NodeKind::System => format!(
            "{} {}  {}{mark}{}",
            n.relation,
            n.id,
            n.name,
            if n.repeated { " (repeated)" } else { "" }
        ),
        NodeKind::Any => format!("{}: one of these suffices", n.relation),
        NodeKind::Vendor | NodeKind::Organisation => {
            // A vendor and its controllers on one line.
            let mut text = format!("{} {}", n.relation, company(n));
            let mut cur = n;
            while let Some(up) = cur.children.first() {
                text.push_str(&format!(" -> controlled by {}", company(up)));
                cur = up;
            }
            text
        }
    };
    out.push_str(&format!("{prefix}{branch}{line}\n"));
    if matches!(n.kind, NodeKind::Vendor | NodeKind::Organisation) {
        return;
    }
    let child_prefix = format!("{prefix}{}", if last { "   " } else { "│  " });
    for (k, c) in n.children.iter().enumerate() {
        node(out, c, &child_prefix, k + 1 == n.children.len());
    }
}

fn company(n: &PathNode) -> String {
    let country = n.country.map(|c| format!(" ({c})")).unwrap_or_default();
    let mark = if n.single_point { " [SPOF]" } else { "" };
    if n.kind == NodeKind::Organisation {
        format!("{}{country}, in-house", n.name)
    } else {
        format!("{}{country}{mark}", n.name)
    }
}
