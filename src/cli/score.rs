//! `exitgraph score`: the sovereignty self-check (five dimensions, 5 to 25
//! points) with what pulls each dimension down, and the indicative SEAL
//! level of every in-use system.

use super::hotspots::{new_table, num};
use super::{CliError, Ctx, ModelArg};
use crate::analysis::seal::{self, Seal};
use crate::analysis::sovereignty::{self, SovereigntyReport};
use clap::ValueEnum;
use comfy_table::Cell;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    check: SovereigntyReport,
    /// Indicative SEAL levels of the in-use systems, in model order.
    seal: Vec<Seal>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let report = Report {
        check: sovereignty::check(&g),
        seal: seal::seal_all(&g),
    };
    match args.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError::io(format!("cannot write JSON: {e}")))?;
            writeln!(ctx.out, "{text}")?;
        }
        Format::Table => {
            let text = table(&report, &g.model().organisation.name);
            ctx.out.write_all(text.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn table(r: &Report, org: &str) -> String {
    let c = &r.check;
    let mut out = format!("Sovereignty self-check of {org}\n\n");
    let mut t = new_table(["#", "dimension", "share", "score", "basis"]);
    for (i, d) in c.dimensions.iter().enumerate() {
        t.add_row(vec![
            num(i + 1),
            Cell::new(d.name),
            num(super::hotspots::pct(d.share)),
            num(format!("{} / 5", d.score)),
            Cell::new(&d.basis),
        ]);
    }
    out.push_str(&t.to_string());
    out.push_str(&format!(
        "\nTotal {} of 25: {} (5 to 10 critically dependent, 11 to 18 hybrid, 19 to 25 sovereign on course).\n\
         Bands: below 20 % scores 1, below 40 % 2, below 60 % 3, below 80 % 4, else 5.\n",
        c.total, c.level
    ));

    out.push_str("\nWhat pulls each dimension down\n");
    for d in &c.dimensions {
        out.push_str(&format!("\n{} ({} / 5)\n", d.name, d.score));
        if d.pulled_down_by.is_empty() {
            out.push_str(if d.of == 0 && d.key != "competence" {
                "  nothing to count: the model records nothing this dimension looks at\n"
            } else {
                "  nothing\n"
            });
            continue;
        }
        let mut t = new_table(["", "reason"]);
        for p in &d.pulled_down_by {
            let label = if p.kind == "system" {
                p.id.clone()
            } else {
                format!("{} {}", p.kind, p.id)
            };
            t.add_row(vec![Cell::new(label), Cell::new(&p.reason)]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    out.push_str(
        "\nIndicative SEAL levels (EU Cloud Sovereignty Framework, SEAL-0 to SEAL-4)\n\
         Derived from operator and vendor ownership chains, region, licence and exports only: \
         an indication, not an assessment.\n\n",
    );
    let mut t = new_table(["system", "level", "", "why not higher"]);
    for s in &r.seal {
        t.add_row(vec![
            Cell::new(&s.system),
            Cell::new(&s.label),
            Cell::new(s.name),
            Cell::new(s.reasons.join("; ")),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    out
}
