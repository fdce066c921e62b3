//! `exitgraph export MODEL --to graphml|cyclonedx|mermaid|json`: the model
//! in a format other tools read. Writes to `-o FILE` (atomically, never onto
//! a file of the model, onto an existing file only with `--force`) or to
//! standard output.
//!
//! A Mermaid diagram past Mermaid's default limits (50,000 characters, 500
//! links) is rolled up to vendor groups with a warning, or refused with a
//! hint when even that is too large; `--no-roll-up` writes it whole.

use super::{CliError, Ctx, ModelArg};
use crate::interop::{export_cyclonedx, export_graphml, export_json, export_mermaid};
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Target format.
    #[arg(long = "to", value_enum, value_name = "FORMAT")]
    pub to: Target,
    /// Output file; without it, standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Mermaid: write every system even past Mermaid's default limits.
    #[arg(long)]
    pub no_roll_up: bool,
}

/// Export formats.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Target {
    /// GraphML for Gephi, yEd, networkx, Neo4j.
    Graphml,
    /// CycloneDX 1.6 JSON: systems as services, contracts as licensing.
    Cyclonedx,
    /// Mermaid flowchart for wikis.
    Mermaid,
    /// The fully resolved model as JSON.
    Json,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    if let Some(o) = &args.output {
        let inputs = super::output::Inputs::of_model(&g.model().sources);
        super::output::check_output(o, args.force, &inputs)?;
    }
    let text = match args.to {
        Target::Graphml => export_graphml::render(&g),
        Target::Cyclonedx => export_cyclonedx::render(&g),
        Target::Mermaid => mermaid(ctx, &g, args.no_roll_up)?,
        Target::Json => export_json::render(&g),
    };
    match &args.output {
        Some(o) => {
            super::write_atomic(o, text.as_bytes())?;
            ctx.eprint(&format!("wrote {}", o.display()))?;
        }
        None => ctx.data(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The Mermaid diagram, rolled up past Mermaid's default limits (with a
/// warning), refused when even that is too large, whole with `--no-roll-up`.
fn mermaid(ctx: &mut Ctx, g: &crate::graph::Graph, whole: bool) -> Result<String, CliError> {
    let limits = export_mermaid::Limits::default();
    let n = |x: usize| crate::render::i18n::Tr::EN.int(x as u64);
    let lim = format!(
        "Mermaid's default limits ({} links, {} characters)",
        n(limits.max_edges),
        n(limits.max_chars)
    );
    if whole {
        let text = export_mermaid::render(g);
        let (chars, edges) = export_mermaid::size(&text);
        if chars > limits.max_chars || edges > limits.max_edges {
            ctx.eprint(&wrap(&format!(
                "warning: the diagram ({} links, {} characters) is past {lim}; raise maxEdges and maxTextSize in the Mermaid configuration to draw it",
                n(edges),
                n(chars)
            )))?;
        }
        return Ok(text);
    }
    match export_mermaid::render_fitting(g, limits) {
        Ok(m) => {
            if let Some(r) = m.rolled {
                ctx.eprint(&wrap(&format!(
                    "warning: the full diagram ({} links, {} characters) is past {lim}: written rolled up, {} systems in {} vendor groups{}{} ({} links); --no-roll-up writes every system",
                    n(r.full_edges),
                    n(r.full_chars),
                    n(r.systems),
                    n(r.groups),
                    if r.others > 0 {
                        format!(" (the {} smallest as one)", n(r.others))
                    } else {
                        String::new()
                    },
                    if r.services_folded {
                        ", services by criticality"
                    } else {
                        ""
                    },
                    n(m.edges)
                )))?;
            }
            Ok(m.text)
        }
        Err(e) => Err(CliError::usage_help(
            format!(
                "the diagram is past {lim} even rolled up to {} vendor groups ({} links, {} characters)",
                n(e.groups),
                n(e.edges),
                n(e.chars)
            ),
            "draw it with `exitgraph diagram` or export GraphML; or write it whole with --no-roll-up and raise maxEdges and maxTextSize in the Mermaid configuration",
        )),
    }
}

/// Wraps a message at 78 columns, continuation lines indented by two.
fn wrap(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > 78 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("  ");
        } else if !line.is_empty() && line != "  " {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out
}
