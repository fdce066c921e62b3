//! `exitgraph import csv|archimate`: turn a spreadsheet or an ArchiMate
//! model (Archi's own file or the exchange format) into a model that
//! validates.
//!
//! The model goes to `-o FILE` (written atomically; an existing file only
//! with `--force`; never onto one of the inputs) or, without `-o`, to
//! standard output. The report of everything that was skipped, not mapped,
//! stubbed or assumed goes to standard error, one line per note with file
//! and line, so that nothing is lost silently.

use super::{CliError, Ctx};
use crate::interop::{self, Imported, NoteKind};
use crate::model::Country;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub source: Source,
}

#[derive(clap::Subcommand, Debug)]
pub enum Source {
    /// An inventory spreadsheet saved as CSV (`,` or `;`, UTF-8 or Windows-1252).
    Csv(CsvArgs),
    /// An ArchiMate model: Archi's `.archimate` file or an Open Group exchange file.
    Archimate(ArchimateArgs),
}

#[derive(clap::Args, Debug)]
pub struct CsvArgs {
    /// The systems CSV: one row per system.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// A CSV listing vendors (id, name, country, parent).
    #[arg(long, value_name = "FILE")]
    pub vendors: Option<PathBuf>,
    /// A CSV listing contracts (vendor, covers, kind, end, notice ...).
    #[arg(long, value_name = "FILE")]
    pub contracts: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(clap::Args, Debug)]
pub struct ArchimateArgs {
    /// The model file (XML): `.archimate` or exchange format 3.x / 2.1.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub common: Common,
}

/// Options of both imports.
#[derive(clap::Args, Debug)]
pub struct Common {
    /// Where to write the model; without it, the model goes to standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
    /// `[organisation] name` of the model (ArchiMate: default the model's name).
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
    /// `[organisation] home` country.
    #[arg(long, value_name = "CC", default_value = "DE")]
    pub home: String,
    /// Placeholder country of vendor stubs (unknown is treated as untrusted).
    #[arg(long, value_name = "CC", default_value = "US")]
    pub stub_country: String,
}

fn country(flag: &str, s: &str) -> Result<Country, CliError> {
    Country::parse(s).map_err(|e| {
        CliError::usage_help(
            format!("{flag} `{s}`: {e}"),
            "give an ISO 3166-1 alpha-2 code such as DE",
        )
    })
}

fn read(ctx: &Ctx, path: &Path) -> Result<Vec<u8>, CliError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CliError::io(format!("cannot read `{}`: {e}", path.display())))?;
    if meta.is_dir() {
        return Err(CliError::io(format!(
            "`{}` is a directory; give a file",
            path.display()
        )));
    }
    if meta.len() > ctx.global().max_file_size {
        return Err(CliError::usage_help(
            format!(
                "`{}` is larger than {} bytes",
                path.display(),
                ctx.global().max_file_size
            ),
            "raise the limit with --max-file-size if this is intended",
        ));
    }
    std::fs::read(path).map_err(|e| CliError::io(format!("cannot read `{}`: {e}", path.display())))
}

/// Refuses an output that exists (without --force) or is one of the inputs.
fn check_output(out: &Path, inputs: &[&Path], force: bool) -> Result<(), CliError> {
    let target = out.canonicalize().ok();
    for i in inputs {
        if target.is_some() && target == i.canonicalize().ok() {
            return Err(CliError::usage_help(
                format!(
                    "`{}` is an input of this import; exitgraph never writes onto its input",
                    out.display()
                ),
                "choose another output path",
            ));
        }
    }
    if out.exists() && !force {
        return Err(CliError::usage_help(
            format!("`{}` already exists", out.display()),
            "choose another path, or pass --force to overwrite it",
        ));
    }
    Ok(())
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let (imported, common, inputs) = match args.source {
        Source::Csv(a) => {
            let mut inputs = vec![a.file.clone()];
            inputs.extend(a.vendors.clone());
            inputs.extend(a.contracts.clone());
            let opts = interop::csv_import::CsvOptions {
                organisation: a
                    .common
                    .organisation
                    .clone()
                    .unwrap_or_else(|| "Imported landscape".into()),
                home: country("--home", &a.common.home)?,
                stub_country: country("--stub-country", &a.common.stub_country)?,
            };
            if let Some(o) = &a.common.output {
                check_output(
                    o,
                    &inputs.iter().map(PathBuf::as_path).collect::<Vec<_>>(),
                    a.common.force,
                )?;
            }
            let sys = read(ctx, &a.file)?;
            let ven = a.vendors.as_ref().map(|p| read(ctx, p)).transpose()?;
            let con = a.contracts.as_ref().map(|p| read(ctx, p)).transpose()?;
            let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
            let mut k = 1;
            let ven_in = ven.as_ref().map(|b| {
                let n = interop::csv_import::CsvInput {
                    name: &names[k],
                    bytes: b,
                };
                k += 1;
                n
            });
            let con_in = con.as_ref().map(|b| interop::csv_import::CsvInput {
                name: &names[k],
                bytes: b,
            });
            let imported = interop::csv_import::import(
                interop::csv_import::CsvInput {
                    name: &names[0],
                    bytes: &sys,
                },
                ven_in,
                con_in,
                &opts,
            )
            .map_err(import_error)?;
            (imported, a.common, inputs)
        }
        Source::Archimate(a) => {
            let opts = interop::archimate::ArchimateOptions {
                organisation: a.common.organisation.clone(),
                home: country("--home", &a.common.home)?,
                stub_country: country("--stub-country", &a.common.stub_country)?,
            };
            if let Some(o) = &a.common.output {
                check_output(o, &[a.file.as_path()], a.common.force)?;
            }
            let bytes = read(ctx, &a.file)?;
            let name = a.file.display().to_string();
            let imported =
                interop::archimate::import(&name, &bytes, &opts).map_err(import_error)?;
            (imported, a.common, vec![a.file])
        }
    };
    let _ = inputs;
    // The limits of the command line hold for what the import produces, as
    // for any model: too many entities or too long a string is refused.
    if let Err(f) = crate::model::load_str(
        "the imported model",
        std::path::Path::new("imported.toml"),
        &imported.toml,
        &ctx.limits(),
    ) && let Some(d) = f
        .diagnostics
        .iter()
        .find(|d| d.code == crate::model::Code::TooLarge)
    {
        return Err(CliError::usage_help(
            format!("the imported model is too large: {}", d.message),
            "raise --max-entities or --max-string-length, or import a smaller inventory",
        ));
    }
    print_report(ctx, &imported)?;
    match &common.output {
        Some(o) => {
            super::write_atomic(o, imported.toml.as_bytes())?;
            let c = imported.counts;
            ctx.print(&format!(
                "wrote {}: {} systems, {} vendors, {} formats, {} contracts, {} services\n",
                o.display(),
                c.systems,
                c.vendors,
                c.formats,
                c.contracts,
                c.services
            ))?;
            ctx.print(&format!(
                "next: complete the TODOs, then run `exitgraph check {}`\n",
                o.display()
            ))?;
        }
        None => ctx.data(imported.toml.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn import_error(e: interop::ImportError) -> CliError {
    match e {
        interop::ImportError::Unreadable { .. } => CliError::usage_help(
            e.to_string(),
            "docs/interop.md describes the accepted files",
        ),
        interop::ImportError::Invalid(_) => CliError::usage_help(
            e.to_string(),
            "this is a defect of the importer; please report it with the input file",
        ),
    }
}

fn print_report(ctx: &mut Ctx, i: &Imported) -> Result<(), CliError> {
    let counts = i.report.counts();
    let summary: Vec<String> = counts
        .iter()
        .filter(|(k, _)| *k != NoteKind::Info)
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    if summary.is_empty() {
        ctx.eprint("import report: everything was mapped")?;
    } else {
        ctx.eprint(&format!("import report: {}", summary.join(", ")))?;
    }
    for n in &i.report.notes {
        ctx.eprint(&format!("  {n}"))?;
    }
    Ok(())
}
