//! `exitgraph diagram MODEL --view VIEW -o FILE`: draws one diagram.
//!
//! The output's extension picks the format: `.dot` (graph views only),
//! `.svg` (every view) or `.png` (graph views, with Graphviz installed).
//! The views are built by `render::diagram`; this file resolves ids,
//! reports which renderer drew the SVG and any roll-up or focus note on
//! stderr, and writes the file atomically. Unknown ids and options that do
//! not fit the view end with exit code 2.

use super::{CliError, Ctx, ModelArg};
use crate::analysis::exit_plan::{DEFAULT_RUNS, DEFAULT_SEED, Target};
use crate::model::{EntityKind, Lang};
use crate::render::diagram::{self, DiagramError, DiagramOptions, Focus, GroupBy, MAX_NODES, View};
use crate::render::svg::RendererChoice;
use chrono::NaiveDate;
use clap::ValueEnum;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// The view to draw.
    #[arg(long, value_enum)]
    pub view: ViewArg,
    /// The output file: `.dot`, `.svg` or `.png` (the extension decides).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The scenario of the `cutoff` view.
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// The vendor of the `exit` view (with every vendor it controls).
    #[arg(long, value_name = "ID")]
    pub vendor: Option<String>,
    /// How the `landscape` view groups systems.
    #[arg(long, value_enum, default_value_t = GroupByArg::Vendor)]
    pub group_by: GroupByArg,
    /// Limit a graph view to the neighbourhood of this element (`ID` or
    /// `KIND:ID`, kind system, vendor, service or contract).
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// Links from the focus to include.
    #[arg(long, value_name = "N", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(0..=1000))]
    pub depth: u32,
    /// Hotspots to show in the `hotspots` view.
    #[arg(long, value_name = "N", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub top: u64,
    /// More nodes than this roll a graph view up into vendor groups (the
    /// built-in layout draws at most 80).
    #[arg(long, value_name = "N", default_value_t = MAX_NODES as u64,
          value_parser = clap::value_parser!(u64).range(10..=100_000))]
    pub max_nodes: u64,
    /// Language of the texts (default: `[organisation] language`, else de).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// "Today" for the deadlines timeline (default: `as_of` of the model, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Which program lays out graph views.
    #[arg(long, value_enum, default_value_t = RendererArg::Auto)]
    pub renderer: RendererArg,
    /// Seed of the exit plans' Monte Carlo (exit and deadlines views).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Monte Carlo runs of the exit plans (exit and deadlines views).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RUNS,
          value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub runs: u32,
}

/// The views.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ViewArg {
    /// Systems clustered by vendor group (or --group-by), coloured by lock-in score.
    Landscape,
    /// The top hotspots and what depends on them.
    Hotspots,
    /// The blast radius of a scenario's cut-off (needs --scenario).
    Cutoff,
    /// The exit plan for a vendor as a Gantt chart (needs --vendor).
    Exit,
    /// Contract deadlines of the next 24 months as a timeline.
    Deadlines,
    /// Spend by vendor group and jurisdiction as bars.
    Spend,
}

/// Landscape grouping.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum GroupByArg {
    Vendor,
    Jurisdiction,
    Layer,
    Category,
}

/// Text language.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    De,
    En,
}

/// Graph layout program.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum RendererArg {
    /// Graphviz when `dot` is installed, else the built-in layout.
    Auto,
    /// Graphviz `dot` (an error when it is not installed).
    Graphviz,
    /// The built-in pure-Rust layout (layout-rs).
    Builtin,
}

/// The output format, from the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Dot,
    Svg,
    Png,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let ext = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    let format = match ext.as_deref() {
        Some("dot") | Some("gv") => Format::Dot,
        Some("svg") => Format::Svg,
        Some("png") => Format::Png,
        _ => {
            return Err(CliError::usage_help(
                format!(
                    "cannot tell the format of `{}` from its extension",
                    args.output.display()
                ),
                "name the output file .dot, .svg or .png",
            ));
        }
    };
    let g = ctx.load_quiet(&args.model.model)?;
    let inputs = super::output::Inputs::of_model(&g.model().sources);
    super::output::check_output(&args.output, args.force, &inputs)?;
    let m = g.model();
    let need = |flag: &str, view: &str, what: EntityKind| {
        let mut ids: Vec<&str> = match what {
            EntityKind::Scenario => m.scenarios.iter().map(|s| s.id.as_str()).collect(),
            _ => m.vendors.iter().map(|v| v.id.as_str()).collect(),
        };
        ids.truncate(12);
        CliError::usage_help(
            format!("the `{view}` view needs `{flag} ID`"),
            if ids.is_empty() {
                format!("the model has no {}", what.as_str())
            } else {
                format!("{} ids of the model: {}", what.as_str(), ids.join(", "))
            },
        )
    };
    if args.scenario.is_some() && args.view != ViewArg::Cutoff {
        return Err(CliError::usage("`--scenario` belongs to the `cutoff` view"));
    }
    if args.vendor.is_some() && args.view != ViewArg::Exit {
        return Err(CliError::usage("`--vendor` belongs to the `exit` view"));
    }
    let view = match args.view {
        ViewArg::Landscape => View::Landscape,
        ViewArg::Hotspots => View::Hotspots,
        ViewArg::Deadlines => View::Deadlines,
        ViewArg::Spend => View::Spend,
        ViewArg::Cutoff => {
            let id = args
                .scenario
                .as_deref()
                .ok_or_else(|| need("--scenario", "cutoff", EntityKind::Scenario))?;
            View::Cutoff(
                m.scenario_id(id)
                    .ok_or_else(|| super::unknown_id(&g, EntityKind::Scenario, id))?,
            )
        }
        ViewArg::Exit => {
            let id = args
                .vendor
                .as_deref()
                .ok_or_else(|| need("--vendor", "exit", EntityKind::Vendor))?;
            View::Exit(Target::Vendor(
                m.vendor_id(id)
                    .ok_or_else(|| super::unknown_id(&g, EntityKind::Vendor, id))?,
            ))
        }
    };
    if format == Format::Dot && !view.is_graph() {
        return Err(CliError::usage_help(
            format!(
                "the `{}` view is a chart drawn directly as SVG; it has no DOT",
                view.name()
            ),
            "write .svg",
        ));
    }
    let focus = match &args.focus {
        None => None,
        Some(key) => {
            Some(Focus::resolve(m, key).map_err(|u| super::unknown_id(&g, u.kind, &u.id))?)
        }
    };
    let lang = match args.lang {
        Some(LangArg::De) => Lang::De,
        Some(LangArg::En) => Lang::En,
        None => DiagramOptions::model_lang(m),
    };
    let mut opts = DiagramOptions::new(lang, super::as_of(args.as_of, &g));
    opts.group_by = match args.group_by {
        GroupByArg::Vendor => GroupBy::Vendor,
        GroupByArg::Jurisdiction => GroupBy::Jurisdiction,
        GroupByArg::Layer => GroupBy::Layer,
        GroupByArg::Category => GroupBy::Category,
    };
    opts.focus = focus;
    opts.depth = args.depth;
    opts.top = args.top as usize;
    opts.max_nodes = args.max_nodes as usize;
    opts.renderer = match args.renderer {
        RendererArg::Auto => RendererChoice::Auto,
        RendererArg::Graphviz => RendererChoice::Graphviz,
        RendererArg::Builtin => RendererChoice::Builtin,
    };
    opts.seed = args.seed;
    opts.runs = args.runs;
    // DOT text needs no layout: Graphviz is not run.
    opts.draw = format != Format::Dot;
    if format == Format::Png && view.is_graph() && opts.renderer == RendererChoice::Auto {
        // The PNG comes from Graphviz: lay the SVG out with it too.
        opts.renderer = RendererChoice::Graphviz;
    }
    let d = diagram::build(&g, &view, &opts).map_err(|e| match e {
        DiagramError::Usage(msg) => CliError::usage(msg),
        DiagramError::Render(r) => CliError::usage(r.to_string()),
    })?;
    let bytes = match format {
        Format::Dot => d.dot.clone().unwrap_or_default().into_bytes(),
        Format::Svg => d.svg.clone().into_bytes(),
        Format::Png => d.png().map_err(|e| CliError::usage(e.to_string()))?,
    };
    super::write_atomic(&args.output, &bytes)?;
    let drawn = match format {
        Format::Dot => "DOT for Graphviz".to_string(),
        Format::Svg => format!("SVG drawn by {}", d.renderer.describe()),
        Format::Png => "PNG drawn by Graphviz `dot`".to_string(),
    };
    ctx.eprint(&format!(
        "wrote {} ({} view, {} node{}): {drawn}",
        args.output.display(),
        d.view,
        d.nodes,
        if d.nodes == 1 { "" } else { "s" }
    ))?;
    for n in &d.notes {
        ctx.eprint(&format!("note: {n}"))?;
    }
    Ok(ExitCode::SUCCESS)
}
