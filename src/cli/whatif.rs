//! `exitgraph whatif`: an option card. The moves (`--replace`, `--rehost`,
//! `--drop-vendor`) build the target state in memory; the headline
//! metrics before and after, the cost and the time are printed, and `-o`
//! writes the target state as TOML. The analysis is `analysis::whatif`.

use super::format::Format;
use super::{CliError, Ctx, ModelArg};
use crate::analysis::whatif::{self, Request};
use crate::graph::Graph;
use crate::model::{EntityKind, Lang, Party};
use crate::render::i18n::Tr;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Replace a system by another system of the model (repeatable):
    /// `--replace m365=opendesk`.
    #[arg(long, value_name = "SYSTEM=ALTERNATIVE")]
    pub replace: Vec<String>,
    /// Have a system run by another operator (a vendor id, or `self` for
    /// in-house; repeatable): `--rehost sap=ekom21`.
    #[arg(long, value_name = "SYSTEM=OPERATOR")]
    pub rehost: Vec<String>,
    /// Move every in-use system made or run by this vendor (and the
    /// companies it controls) to its best alternative outside them.
    #[arg(long, value_name = "VENDOR")]
    pub drop_vendor: Vec<String>,
    /// Write the target-state model (TOML) to this file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The review date (default: `as_of` of the model, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format (`md` for Markdown).
    #[arg(long, default_value = "table",
          value_parser = Format::parser(&[Format::Table, Format::Json, Format::Markdown]))]
    pub format: Format,
    /// Language of the table and Markdown (default: `[organisation] language`, else de).
    #[arg(long, value_enum, value_name = "LANG")]
    pub lang: Option<super::review::LangArg>,
}

fn pair<'a>(s: &'a str, flag: &str, example: &str) -> Result<(&'a str, &'a str), CliError> {
    match s.split_once('=') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => Ok((a.trim(), b.trim())),
        _ => Err(CliError::usage_help(
            format!("`{flag} {s}` is not of the form SYSTEM=OTHER"),
            format!("write e.g. `{flag} {example}`"),
        )),
    }
}

fn system(g: &Graph, id: &str) -> Result<crate::model::SystemId, CliError> {
    g.model()
        .system_id(id)
        .ok_or_else(|| super::unknown_id(g, EntityKind::System, id))
}

/// The requests of the command line, in the order given per option.
fn requests(g: &Graph, args: &Args) -> Result<Vec<Request>, CliError> {
    let m = g.model();
    let mut out = Vec::new();
    for r in &args.replace {
        let (s, a) = pair(r, "--replace", "m365=opendesk")?;
        let system = system(g, s)?;
        let by = system_or_hint(g, system, a)?;
        if !m.system(system).in_use() {
            return Err(CliError::usage_help(
                format!(
                    "`{s}` is not in use (status {}): there is nothing to replace",
                    m.system(system).status
                ),
                "name a system with status in-use",
            ));
        }
        out.push(Request::Replace { system, by });
    }
    for r in &args.rehost {
        let (s, o) = pair(r, "--rehost", "finanzwesen=self")?;
        let system = system(g, s)?;
        let operator = if o == "self" {
            Party::Own
        } else {
            Party::Vendor(
                m.vendor_id(o)
                    .ok_or_else(|| super::unknown_id(g, EntityKind::Vendor, o))?,
            )
        };
        out.push(Request::Rehost { system, operator });
    }
    for v in &args.drop_vendor {
        let id = m
            .vendor_id(v.trim())
            .ok_or_else(|| super::unknown_id(g, EntityKind::Vendor, v.trim()))?;
        out.push(Request::DropVendor(id));
    }
    if out.is_empty() {
        return Err(CliError::usage_help(
            "no move given",
            "add `--replace SYSTEM=ALTERNATIVE`, `--rehost SYSTEM=OPERATOR` or `--drop-vendor VENDOR`",
        ));
    }
    Ok(out)
}

/// The replacement: a system of the model; a catalogue entry is refused
/// with a hint (it has no system whose figures could be counted).
fn system_or_hint(
    g: &Graph,
    of: crate::model::SystemId,
    id: &str,
) -> Result<crate::model::SystemId, CliError> {
    if let Some(rest) = id.strip_prefix("catalog:") {
        return Err(CliError::usage_help(
            format!("`{id}` is a catalogue entry, not a system of the model"),
            format!(
                "add it as a system with `status = \"candidate\"` (e.g. `id = \"{rest}\"`) and list it in the alternatives of `{}`",
                g.model().system(of).id
            ),
        ));
    }
    system(g, id)
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let mut g = ctx.load_quiet(&args.model.model)?;
    let as_of = super::as_of(args.as_of, &g);
    g.set_review_date(as_of);
    let reqs = requests(&g, &args)?;
    let card = whatif::whatif(&g, &reqs, as_of);
    let m = g.model();
    for mv in &card.moves {
        for c in &mv.cautions {
            let what = match c {
                whatif::Caution::NotListed => "is not among the alternatives the model records",
                whatif::Caution::Mandated => {
                    "is mandated: the organisation cannot choose to leave it"
                }
                whatif::Caution::Itself => "is replaced by itself: nothing changes",
                whatif::Caution::Retired => "is retired in the model and would come back",
            };
            let subject = match c {
                whatif::Caution::NotListed | whatif::Caution::Retired => &mv.to,
                _ => &mv.system,
            };
            ctx.eprint(&format!("warning: `{subject}` {what}"))?;
        }
    }
    if let Some(path) = &args.output {
        let inputs = super::output::Inputs::of_model(&m.sources);
        super::output::check_output(path, args.force, &inputs)?;
        let (moves, _) = whatif::resolve(&g, &reqs);
        let after = crate::model::edit::apply(m, &moves);
        let text = m
            .sources
            .files()
            .next()
            .map(|(_, f)| f.text.clone())
            .unwrap_or_default();
        let out = crate::interop::target::target_toml(m, &after, &text)
            .map_err(|e| CliError::usage_help(e.message, e.help))?;
        super::write_atomic(path, out.as_bytes())?;
        ctx.eprint(&format!("wrote the target state to {}", path.display()))?;
    }
    let lang = args
        .lang
        .map(Lang::from)
        .or(m.organisation.language)
        .unwrap_or(Lang::De);
    match args.format {
        Format::Json => ctx.json(&card)?,
        Format::Markdown => {
            ctx.print(&crate::render::plan::whatif_markdown(&card, Tr::new(lang)))?
        }
        Format::Table | Format::Csv => ctx.print(&crate::render::plan::whatif_table(
            &card,
            Tr::new(lang),
            super::terminal_width(),
        ))?,
    }
    Ok(ExitCode::SUCCESS)
}
