//! The command line: argument parsing, loading, printing, exit codes.
//!
//! This is the only part of the crate that prints or picks an exit code.
//! Exit codes (documented in `docs/diagnostics.md`):
//!
//! - 0: success (warnings do not change it);
//! - 1: findings the user asked to fail on (policy rules, `check --policy`);
//! - 2: invalid input or usage: a model with errors, a bad option, an
//!   unknown id, an output that cannot be written.
//!
//! A closed pipe (`exitgraph hotspots m.toml | head`) ends quietly with 0.
//! Files come first: a command writes every file it was asked for before
//! it prints, and a closed standard error never stops it, so exit code 0
//! means every requested file was written (`cmd -o F 2>&1 | head -1`).

mod catalog;
mod check;
mod ctx;
mod deadlines;
mod diagram;
mod diff;
mod exit;
mod explain;
mod export;
mod format;
mod hotspots;
mod import;
mod init;
mod output;
mod paths;
mod plan;
mod progress;
mod review;
mod schema;
mod score;
mod simulate;
mod whatif;

pub use ctx::{Ctx, render_diagnostics};
pub use output::write_atomic;

use crate::graph::Graph;
use crate::model::{EntityKind, Limits, LoadFailure};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

/// exitgraph: how locked in you are to your IT vendors, and how you get out.
#[derive(Parser, Debug)]
#[command(name = "exitgraph", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options that apply to every command.
#[derive(clap::Args, Debug, Clone)]
pub struct GlobalArgs {
    /// When to colour terminal output (NO_COLOR is honoured).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Largest model file accepted, in bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = Limits::default().max_file_bytes)]
    pub max_file_size: u64,
    /// Most entities accepted in a model.
    #[arg(long, global = true, value_name = "N", default_value_t = Limits::default().max_entities)]
    pub max_entities: usize,
    /// Longest string value accepted, in bytes.
    #[arg(long, global = true, value_name = "BYTES", default_value_t = Limits::default().max_string_bytes)]
    pub max_string_length: usize,
    /// Let the model include files outside the main model file's folder.
    #[arg(long, global = true)]
    pub allow_include_outside: bool,
    /// Folder for snapshots of validated models [default:
    /// $XDG_CACHE_HOME/exitgraph, else ~/.cache/exitgraph].
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Parse the model every time: read and write no snapshot.
    #[arg(long, global = true)]
    pub no_cache: bool,
    /// Say whether the model came from a snapshot, and why not.
    #[arg(long, global = true)]
    pub verbose: bool,
}

/// Colour choice for terminal output.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load and validate a model; print a summary, warnings and errors.
    Check(check::Args),
    /// Write a commented starter model.
    Init(init::Args),
    /// Print the JSON Schema of the model (for editor completion).
    Schema(schema::Args),
    /// Plan the exit from a vendor: switch estimates, critical path, Monte Carlo.
    Exit(exit::Args),
    /// Contract notice and decision deadlines; optional iCalendar export.
    Deadlines(deadlines::Args),
    /// Lock-in scores of systems and vendors, spend concentration.
    Hotspots(hotspots::Args),
    /// Dependency chains of a service and its single points of failure.
    Paths(paths::Args),
    /// Everything the tool knows and concludes about one element.
    Explain(explain::Args),
    /// The sovereignty self-check (five dimensions, 5 to 25 points).
    Score(score::Args),
    /// The built-in catalogue of alternatives.
    Catalog(catalog::Args),
    /// Simulate a vendor or jurisdiction cut-off and price shocks.
    Simulate(simulate::Args),
    /// Draw a diagram (DOT, SVG, PNG).
    Diagram(diagram::Args),
    /// Write the annual switch-readiness review (HTML, Markdown, JSON, CSV, ICS, diagrams).
    Review(review::Args),
    /// Write the progress report since the last review (HTML and Markdown).
    Progress(progress::Args),
    /// Import a landscape from a spreadsheet (CSV) or ArchiMate exchange file.
    Import(import::Args),
    /// Export the model (GraphML, CycloneDX, Mermaid, JSON).
    Export(export::Args),
    /// Compare two models or two reviews.
    Diff(diff::Args),
    /// What if a system were replaced, rehosted, or a vendor dropped: the
    /// headline metrics before and after, cost and time.
    Whatif(whatif::Args),
    /// The multi-year plan: moves by quarter under contract windows, team
    /// capacity and budget, and the state after each year.
    Plan(plan::Args),
}

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// The model has errors (diagnostics are rendered).
    Model(LoadFailure),
    /// Bad usage or an unknown id: a message and an optional hint.
    Usage {
        message: String,
        help: Option<String>,
    },
    /// Reading or writing a file failed.
    Io { message: String },
    /// Standard output was closed by its reader (`exitgraph hotspots m.toml
    /// | head`): the command stops quietly. Only an [`io::Error`] of kind
    /// `BrokenPipe` on a standard stream becomes this; a file that cannot
    /// be written is always [`CliError::Io`].
    Closed,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> Self {
        CliError::Usage {
            message: message.into(),
            help: None,
        }
    }

    pub fn usage_help(message: impl Into<String>, help: impl Into<String>) -> Self {
        CliError::Usage {
            message: message.into(),
            help: Some(help.into()),
        }
    }

    pub fn io(message: impl Into<String>) -> Self {
        CliError::Io {
            message: message.into(),
        }
    }
}

/// `?` on a write to standard output: a reader that went away is
/// [`CliError::Closed`], decided by the error kind (never by the message,
/// which depends on the platform and its language). Files are written
/// through [`write_atomic`], whose errors are always [`CliError::Io`].
impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            CliError::Closed
        } else {
            CliError::io(e.to_string())
        }
    }
}

/// Runs the CLI with the given arguments; returns the process exit code.
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            // clap uses 2 for usage errors and 0 for --help / --version.
            return ExitCode::from(if code == 0 { 0 } else { 2 });
        }
    };
    let stderr_is_terminal = io::stderr().is_terminal();
    let color = match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stderr_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut ctx = Ctx::new(cli.global.clone(), color, stderr_is_terminal);
    let result = dispatch(&mut ctx, cli.command);
    let flushed = ctx.flush();
    match result {
        Ok(code) => match flushed {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                let _ = ctx.eprint(&format!("error: cannot write output: {e}"));
                ExitCode::from(2)
            }
            _ => code,
        },
        // Every file the command was asked for was written before it wrote
        // to standard output (files come first), so a closed reader is no
        // failure.
        Err(CliError::Closed) => ExitCode::SUCCESS,
        Err(e) => {
            report(&mut ctx, e);
            ExitCode::from(2)
        }
    }
}

fn dispatch(ctx: &mut Ctx, command: Command) -> Result<ExitCode, CliError> {
    let r = match command {
        Command::Check(a) => check::run(ctx, a),
        Command::Init(a) => init::run(ctx, a),
        Command::Schema(a) => schema::run(ctx, a),
        Command::Exit(a) => exit::run(ctx, a),
        Command::Deadlines(a) => deadlines::run(ctx, a),
        Command::Hotspots(a) => hotspots::run(ctx, a),
        Command::Paths(a) => paths::run(ctx, a),
        Command::Explain(a) => explain::run(ctx, a),
        Command::Score(a) => score::run(ctx, a),
        Command::Catalog(a) => catalog::run(ctx, a),
        Command::Simulate(a) => simulate::run(ctx, a),
        Command::Diagram(a) => diagram::run(ctx, a),
        Command::Review(a) => review::run(ctx, a),
        Command::Progress(a) => progress::run(ctx, a),
        Command::Import(a) => import::run(ctx, a),
        Command::Export(a) => export::run(ctx, a),
        Command::Diff(a) => diff::run(ctx, a),
        Command::Whatif(a) => whatif::run(ctx, a),
        Command::Plan(a) => plan::run(ctx, a),
    };
    // A standard stream closed by its reader is not an error of the user's.
    match r {
        Err(CliError::Closed) => Ok(ExitCode::SUCCESS),
        other => other,
    }
}

fn report(ctx: &mut Ctx, e: CliError) {
    let _ = ctx.flush();
    match e {
        CliError::Model(failure) => {
            let _ = ctx.diagnostics(&failure.sources, &failure.diagnostics);
            let errors = failure.diagnostics.iter().filter(|d| d.is_error()).count();
            let _ = ctx.eprint(&format!(
                "error: the model has {errors} error{}; nothing was analysed",
                if errors == 1 { "" } else { "s" }
            ));
        }
        CliError::Usage { message, help } => {
            let _ = ctx.eprint(&format!("error: {message}"));
            if let Some(h) = help {
                let _ = ctx.eprint(&format!("  help: {h}"));
            }
        }
        CliError::Closed => {}
        CliError::Io { message } => {
            let _ = ctx.eprint(&format!("error: {message}"));
        }
    }
}

/// Parses a `YYYY-MM-DD` date given on the command line.
/// Leaves a value to the end of the process instead of freeing it: a
/// command's model, graph and report at 100,000 systems take a fifth of a
/// second to free piece by piece, for nothing, since the process ends
/// after the command. (Tests that call a command in-process keep the
/// memory until they end.)
pub(crate) fn keep_until_exit<T>(value: T) {
    std::mem::forget(value);
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-12-01"))
}

/// The width of terminal text: `COLUMNS` when set to a number from 40 to
/// 500, else 80 (the width of a terminal that says nothing, and of a pipe).
pub fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| (40..=500).contains(w))
        .unwrap_or(80)
}

/// The as-of date: the option, else the model's `as_of`, else today.
pub fn as_of(option: Option<NaiveDate>, g: &Graph) -> NaiveDate {
    option
        .or(g.model().organisation.as_of)
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// An unknown id given on the command line, with "did you mean".
pub fn unknown_id(g: &Graph, kind: EntityKind, key: &str) -> CliError {
    let others = g.model().kinds_of(key);
    let lower = key.to_lowercase();
    let help = if lower != key && g.model().kinds_of(&lower).contains(&kind) {
        Some(format!("ids are lower case: did you mean `{lower}`?"))
    } else if let Some(s) = g.model().suggest(kind, &lower) {
        Some(format!("did you mean `{s}`?"))
    } else if !others.is_empty() {
        Some(format!(
            "`{key}` is a {}, not a {}",
            others
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(" and a "),
            kind.as_str()
        ))
    } else {
        Some(format!(
            "no {} id is close to it; `exitgraph export MODEL --to json` lists every id",
            kind.as_str()
        ))
    };
    CliError::Usage {
        message: format!("the model has no {} `{key}`", kind.as_str()),
        help,
    }
}

/// The model file path argument shared by most commands.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArg {
    /// The landscape model (TOML).
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
}
