//! `exitgraph simulate`: vendor, jurisdiction or system cut-offs (an
//! outage, a loss, a withdrawal), how everything comes back, and price
//! shocks, for emergency planners.
//!
//! What to simulate: `--scenario ID` (a `[[scenario]]` of the model),
//! `--all-scenarios`, ad-hoc `--cut vendor:ID|jurisdiction:CC|system:ID` and
//! `--price vendor:ID=FACTOR` (repeatable, combinable), or `--each-vendor`
//! (the single-vendor cut of every vendor, ranked); `--as KIND` and `--for
//! DURATION` set the kind and length of every cut. The text output is a
//! summary for the planner in the model's language (`--lang`), fitted to
//! the terminal width (`COLUMNS`, else the terminal, else 80 columns);
//! `--format json` prints the report data; `--handbook DIR` writes the
//! emergency handbook of a scenario. Bad cuts, prices or ids exit with 2.

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx, ModelArg, unknown_id};
use crate::analysis::propagate::Term;
use crate::analysis::simulate::{Report, Simulator, Spec, TermError};
use crate::graph::Graph;
use crate::model::{Cut, CutKind, Duration, EntityKind, Lang, PriceShock, Region, ScenarioCut};
use crate::render::handbook::{self, HandbookOptions};
use crate::render::i18n::Tr;
use crate::render::simulation::{TextOptions, each_vendor_text, report_text};
use chrono::NaiveDate;
use clap::ValueEnum;
use std::io::IsTerminal;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Simulate a scenario of the model (`[[scenario]]` id).
    #[arg(long, value_name = "ID", conflicts_with_all = ["cut", "price"])]
    pub scenario: Option<String>,
    /// Simulate every scenario of the model, in file order.
    #[arg(long, conflicts_with_all = ["scenario", "cut", "price"])]
    pub all_scenarios: bool,
    /// Cut something off: `vendor:ID` (with its subsidiaries), `jurisdiction:CC`
    /// (every vendor whose ownership chain reaches the country; `EU` for all
    /// member states) or `system:ID`. Repeatable.
    #[arg(long, value_name = "KIND:ID")]
    pub cut: Vec<String>,
    /// A price shock: `vendor:ID=FACTOR`, the new price as a multiple of the
    /// old (11 = +1,000 %). Repeatable.
    #[arg(long, value_name = "vendor:ID=FACTOR")]
    pub price: Vec<String>,
    /// How every cut happens: `outage` (back by itself after --for), `loss`
    /// (destroyed, rebuilt; the default of system cuts) or `withdrawal` (for
    /// good; the default of vendor and jurisdiction cuts).
    #[arg(long = "as", value_enum, value_name = "KIND")]
    pub kind: Option<KindArg>,
    /// How long every cut lasts (an outage), or until a lost system can be
    /// rebuilt: `4h`, `3d`, `PT36H`. With --for alone, a vendor or
    /// jurisdiction cut is an outage.
    #[arg(long = "for", value_name = "DURATION", value_parser = parse_duration)]
    pub duration: Option<Duration>,
    /// Language of the text output and the handbook (default: the model's
    /// `language`, else de).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Write the emergency handbook of each simulated scenario into DIR
    /// (`ID.md` and `ID.html`; `ad-hoc.md` for cuts given with --cut; DIR
    /// is created if needed) instead of printing the summary.
    #[arg(long, value_name = "DIR", conflicts_with = "each_vendor")]
    pub handbook: Option<std::path::PathBuf>,
    /// Overwrite handbook files that exist.
    #[arg(long, requires = "handbook")]
    pub force: bool,
    /// Cut every vendor on its own and rank vendors by the services they take down.
    #[arg(long, conflicts_with_all = ["scenario", "all_scenarios", "cut", "price"])]
    pub each_vendor: bool,
    /// Most rows per list in text output (services, systems, data, vendors);
    /// JSON has all.
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub top: usize,
    /// The day contracts are judged running on (default: the model's `as_of`, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
}

/// The kind of a cut on the command line.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum KindArg {
    Outage,
    Loss,
    Withdrawal,
}

impl KindArg {
    fn kind(self) -> CutKind {
        match self {
            KindArg::Outage => CutKind::Outage,
            KindArg::Loss => CutKind::Loss,
            KindArg::Withdrawal => CutKind::Withdrawal,
        }
    }
}

/// The language on the command line.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    De,
    En,
}

/// Parses `--for`: a duration longer than zero.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let d = Duration::parse(s).map_err(|e| e.to_string())?;
    if d.is_zero() {
        return Err(format!("`{s}` is zero: a cut lasts longer than zero"));
    }
    Ok(d)
}

/// The width of the text output: `COLUMNS` (as for every command), else
/// the terminal's, else 80 (a pipe).
fn width() -> usize {
    if std::env::var_os("COLUMNS").is_some() {
        return super::terminal_width();
    }
    if std::io::stdout().is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return usize::from(w);
    }
    80
}

fn term_error(e: TermError) -> CliError {
    match e {
        TermError::WithdrawalWithDuration => CliError::usage_help(
            "a withdrawal is for good: it has no duration (`--for`)",
            "write `--as outage --for DURATION` for a cut that ends by itself, or leave out --for",
        ),
        TermError::OutageWithoutDuration => CliError::usage_help(
            "an outage needs a duration",
            "give `--for DURATION`, e.g. `--for 3d` or `--for 4h`",
        ),
    }
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    if args.scenario.is_none()
        && !args.all_scenarios
        && !args.each_vendor
        && args.cut.is_empty()
        && args.price.is_empty()
    {
        return Err(CliError::usage_help(
            "say what to simulate",
            "give --scenario ID, --all-scenarios, --cut KIND:ID, --price vendor:ID=FACTOR or --each-vendor",
        ));
    }
    let g = ctx.load_quiet(&args.model.model)?;
    let as_of = super::as_of(args.as_of, &g);
    let specs: Vec<Spec> = if args.each_vendor {
        Vec::new()
    } else if args.all_scenarios {
        let m = g.model();
        if m.scenarios.is_empty() {
            return Err(CliError::usage_help(
                "the model has no scenarios",
                "add a [[scenario]] with `cut` or `price`, or give --cut / --price",
            ));
        }
        m.scenario_ids().map(|s| Spec::scenario(&g, s)).collect()
    } else if let Some(id) = &args.scenario {
        let s = g
            .model()
            .scenario_id(id)
            .ok_or_else(|| unknown_scenario(&g, id))?;
        vec![Spec::scenario(&g, s)]
    } else {
        let cuts = args
            .cut
            .iter()
            .map(|c| parse_cut(&g, c).map(|t| ScenarioCut::new(t, None, None)))
            .collect::<Result<Vec<_>, _>>()?;
        let prices = args
            .price
            .iter()
            .map(|p| parse_price(&g, p))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, p) in prices.iter().enumerate() {
            if prices[..i].iter().any(|q| q.vendor == p.vendor) {
                return Err(CliError::usage_help(
                    format!(
                        "`--price` names vendor `{}` twice",
                        g.model().vendor(p.vendor).id
                    ),
                    "give one factor per vendor; a factor for a parent company applies to its subsidiaries unless they have their own",
                ));
            }
        }
        vec![Spec::ad_hoc(cuts, prices)]
    };

    let kind = args.kind.map(KindArg::kind);
    let specs = specs
        .into_iter()
        .map(|s| s.with_terms(kind, args.duration))
        .collect::<Result<Vec<_>, _>>()
        .map_err(term_error)?;
    let sim = Simulator::new(&g);
    let opts = TextOptions {
        tr: Tr::new(match args.lang {
            Some(LangArg::De) => Lang::De,
            Some(LangArg::En) => Lang::En,
            None => g.model().organisation.language.unwrap_or(Lang::De),
        }),
        width: width(),
        top: args.top,
        currency: g.model().organisation.currency.clone(),
    };
    if args.each_vendor {
        let term = match (kind, args.duration) {
            (None | Some(CutKind::Withdrawal), None) => Term::WITHDRAWAL,
            (Some(CutKind::Withdrawal), Some(_)) => {
                return Err(term_error(TermError::WithdrawalWithDuration));
            }
            (Some(CutKind::Outage), None) => {
                return Err(term_error(TermError::OutageWithoutDuration));
            }
            (k, d) => Term {
                kind: k.unwrap_or(CutKind::Outage),
                until: d.map_or(0.0, |d| d.as_hours()),
            },
        };
        let ev = sim.each_vendor_as(as_of, term);
        match args.format {
            Format::Json => json(ctx, &ev)?,
            // Only table and json pass the parser.
            Format::Table | Format::Csv | Format::Markdown => {
                ctx.print(&each_vendor_text(&ev, &opts))?
            }
        }
        super::keep_until_exit(ev);
        super::keep_until_exit(sim);
        super::keep_until_exit(g);
        return Ok(ExitCode::SUCCESS);
    }
    let reports: Vec<Report> = specs.iter().map(|s| sim.simulate(s, as_of)).collect();
    if let Some(dir) = &args.handbook {
        // Every file is checked before the first is written.
        let inputs = super::output::Inputs::of_model(&g.model().sources);
        for r in &reports {
            let stem = handbook::file_stem(&r.scenario);
            for ext in ["md", "html"] {
                let path = dir.join(format!("{stem}.{ext}"));
                super::output::check_output(&path, args.force, &inputs)?;
            }
        }
        for r in &reports {
            write_handbook(ctx, &g, r, dir, opts.tr)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    match args.format {
        Format::Json if args.all_scenarios => json(ctx, &reports)?,
        Format::Json => {
            for r in &reports {
                json(ctx, r)?;
            }
        }
        // Only table and json pass the parser.
        Format::Table | Format::Csv | Format::Markdown => {
            for (i, r) in reports.iter().enumerate() {
                if i > 0 {
                    ctx.print("\n")?;
                    ctx.print(&format!("{}\n", "=".repeat(opts.width.clamp(40, 78))))?;
                    ctx.print("\n")?;
                }
                ctx.print(&report_text(r, &opts))?;
            }
        }
    }
    super::keep_until_exit(reports);
    super::keep_until_exit(sim);
    super::keep_until_exit(g);
    Ok(ExitCode::SUCCESS)
}

/// Writes `DIR/ID.md` and `DIR/ID.html`, each atomically (checked by the
/// caller: never over an input, never over a file without --force).
fn write_handbook(
    ctx: &mut Ctx,
    g: &Graph,
    r: &Report,
    dir: &std::path::Path,
    tr: Tr,
) -> Result<(), CliError> {
    let m = g.model();
    let description = m
        .scenario_id(&r.scenario)
        .and_then(|s| m.scenario(s).description.as_deref());
    let doc = handbook::document(
        r,
        &HandbookOptions {
            tr,
            organisation: &m.organisation.name,
            currency: &m.organisation.currency,
            description,
        },
    );
    let (md, html) = handbook::render(&doc)
        .map_err(|e| CliError::io(format!("cannot render the handbook: {e}")))?;
    if dir.exists() && !dir.is_dir() {
        return Err(CliError::usage_help(
            format!("`{}` is not a directory", dir.display()),
            "give --handbook a directory; the handbook is written as ID.md and ID.html in it",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::io(format!(
            "cannot create the directory `{}`: {e}",
            dir.display()
        ))
    })?;
    let stem = handbook::file_stem(&r.scenario);
    let mut written = Vec::new();
    for (ext, bytes) in [("md", md), ("html", html)] {
        let path = dir.join(format!("{stem}.{ext}"));
        super::write_atomic(&path, bytes.as_bytes())?;
        written.push(path.display().to_string());
    }
    ctx.eprint(&format!("wrote {}", written.join(" and ")))?;
    Ok(())
}

/// The value as pretty JSON with a line end, streamed to standard output.
fn json<T: serde::Serialize>(ctx: &mut Ctx, value: &T) -> Result<(), CliError> {
    ctx.json(value)
}

fn unknown_scenario(g: &Graph, id: &str) -> CliError {
    let m = g.model();
    if m.scenarios.is_empty() {
        return CliError::usage_help(
            format!("the model has no scenario `{id}` (it has no scenarios at all)"),
            "give the cut directly, e.g. --cut vendor:ID or --cut jurisdiction:US",
        );
    }
    let list: Vec<&str> = m.scenarios.iter().map(|s| s.id.as_str()).collect();
    let help = if let Some(s) = m.suggest(EntityKind::Scenario, id) {
        format!("did you mean `{s}`?")
    } else if m.vendor_id(id).is_some() {
        format!("`{id}` is a vendor: cut it with --cut vendor:{id}")
    } else if m.system_id(id).is_some() {
        format!("`{id}` is a system: cut it with --cut system:{id}")
    } else {
        format!("the model's scenarios: {}", wrap_list(&list, 12))
    };
    CliError::usage_help(format!("the model has no scenario `{id}`"), help)
}

/// Parses `vendor:ID`, `jurisdiction:CC` or `system:ID`.
fn parse_cut(g: &Graph, text: &str) -> Result<Cut, CliError> {
    let m = g.model();
    let bad = || {
        CliError::usage_help(
            format!("`--cut {text}` is not a cut"),
            "write vendor:ID, jurisdiction:CC (e.g. jurisdiction:US, jurisdiction:EU) or system:ID",
        )
    };
    let (kind, id) = text.split_once(':').ok_or_else(bad)?;
    if id.is_empty() {
        return Err(bad());
    }
    match kind {
        "vendor" => m
            .vendor_id(id)
            .map(Cut::Vendor)
            .ok_or_else(|| unknown_id(g, EntityKind::Vendor, id)),
        "system" => m
            .system_id(id)
            .map(Cut::System)
            .ok_or_else(|| unknown_id(g, EntityKind::System, id)),
        "jurisdiction" => Region::parse(id).map(Cut::Jurisdiction).map_err(|e| {
            CliError::usage_help(
                format!("`--cut {text}`: {e}"),
                "a jurisdiction is an ISO 3166-1 alpha-2 code such as US or CN, or EU",
            )
        }),
        _ => Err(bad()),
    }
}

/// Parses `vendor:ID=FACTOR`.
fn parse_price(g: &Graph, text: &str) -> Result<PriceShock, CliError> {
    let help = "write vendor:ID=FACTOR, the new price as a multiple of the old, e.g. vendor:broadcom=11 for +1,000 %";
    let bad = |why: &str| CliError::usage_help(format!("`--price {text}`: {why}"), help);
    let (target, factor) = text
        .split_once('=')
        .ok_or_else(|| bad("no `=FACTOR` given"))?;
    let id = target
        .strip_prefix("vendor:")
        .ok_or_else(|| bad("a price shock applies to a vendor (`vendor:ID`)"))?;
    let vendor = g
        .model()
        .vendor_id(id)
        .ok_or_else(|| unknown_id(g, EntityKind::Vendor, id))?;
    let factor: f64 = factor
        .trim()
        .parse()
        .map_err(|_| bad(&format!("`{factor}` is not a number")))?;
    if !factor.is_finite() || factor <= 0.0 || factor > crate::model::decode::MAX_NUMBER {
        return Err(bad(
            "the factor must be a number above 0 and at most 10^12 (1 = no change)",
        ));
    }
    Ok(PriceShock { vendor, factor })
}

fn wrap_list(ids: &[&str], max: usize) -> String {
    if ids.len() <= max {
        ids.join(", ")
    } else {
        format!(
            "{}, ... and {} more",
            ids[..max].join(", "),
            ids.len() - max
        )
    }
}
