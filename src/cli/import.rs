//! `exitgraph import csv|archimate`: turn a spreadsheet or an ArchiMate
//! model (Archi's own file or the exchange format) into a model that
//! validates, or merge a spreadsheet of services or interfaces into an
//! existing model.
//!
//! The model goes to `-o FILE` (written atomically; an existing file only
//! with `--force`; never onto one of the inputs or a file of the model
//! merged into) or, without `-o`, to standard output. The input model of
//! `--into` is never changed: the merged model is a new file. The report of
//! everything that was skipped, not mapped, stubbed, assumed, merged or in
//! conflict goes to standard error, one line per note with file and line,
//! so that nothing is lost silently. `--dry-run` prints how the columns
//! were read and the report, and writes nothing.

use super::{CliError, Ctx};
use crate::interop::csv_import::{CsvInput, CsvOptions, FileColumns, How};
use crate::interop::mapping::{FileKind, Mapping};
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
    /// A spreadsheet saved as CSV (`,`, `;` or tab; UTF-8 or Windows-1252).
    Csv(CsvArgs),
    /// An ArchiMate model: Archi's `.archimate` file or an Open Group exchange file.
    Archimate(ArchimateArgs),
}

/// What the rows of a spreadsheet are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// One row per system (with `--vendors` and `--contracts` lists): a new model.
    Systems,
    /// One row per business service (a business impact analysis), merged with `--into`.
    Services,
    /// One row per interface between two systems, merged with `--into`.
    Interfaces,
}

#[derive(clap::Args, Debug)]
pub struct CsvArgs {
    /// The spreadsheet (CSV).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What one row is.
    #[arg(long, value_enum, default_value_t = Kind::Systems)]
    pub kind: Kind,
    /// Merge services or interfaces into this model (written to -o, the model stays unchanged).
    #[arg(long, value_name = "MODEL")]
    pub into: Option<PathBuf>,
    /// A CSV listing vendors (id, name, country, parent); systems only.
    #[arg(long, value_name = "FILE")]
    pub vendors: Option<PathBuf>,
    /// A CSV listing contracts (vendor, covers, kind, end, notice ...); systems only.
    #[arg(long, value_name = "FILE")]
    pub contracts: Option<PathBuf>,
    /// Read a column as a model key: FIELD="Header" (repeatable; FIELD may be `ignore`).
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    pub map: Vec<String>,
    /// A mapping file (TOML) with column maps and value words, for reuse.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
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
    /// Print how the input was read and the report; write nothing.
    #[arg(long)]
    pub dry_run: bool,
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

/// Reads an import source or mapping file through the one reader of
/// input files (`model::input`): regular files only, `--max-file-size`.
fn read(ctx: &Ctx, path: &Path) -> Result<Vec<u8>, CliError> {
    crate::model::input::read_bounded(path, ctx.global().max_file_size)
        .map_err(|e| CliError::io(format!("cannot read `{}`: {e}", path.display())))
}

/// Refuses an output that exists (without --force) or is one of the
/// inputs (`inputs` and `paths`): the rule of `super::output`.
fn check_output(
    out: &Path,
    mut inputs: super::output::Inputs,
    paths: &[&Path],
    force: bool,
) -> Result<(), CliError> {
    for p in paths {
        inputs.add(p);
    }
    super::output::check_output(out, force, &inputs)
}

/// The column map of the command line and the mapping file.
fn mapping(ctx: &Ctx, a: &CsvArgs) -> Result<Mapping, CliError> {
    let mut m = match &a.mapping {
        Some(p) => {
            let bytes = read(ctx, p)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                CliError::usage_help(
                    format!("`{}` is not UTF-8 text", p.display()),
                    "save the mapping file as UTF-8",
                )
            })?;
            Mapping::parse(&text).map_err(|e| {
                CliError::usage_help(
                    format!("{}:{e}", p.display()),
                    "docs/interop.md, section `Column maps`, describes the mapping file",
                )
            })?
        }
        None => Mapping::default(),
    };
    let kind = match a.kind {
        Kind::Systems => FileKind::Systems,
        Kind::Services => FileKind::Services,
        Kind::Interfaces => FileKind::Interfaces,
    };
    for arg in &a.map {
        m.add_option(kind, arg).map_err(|e| {
            CliError::usage_help(
                e.to_string(),
                format!(
                    "the columns of a {} file are {}",
                    kind.as_str(),
                    kind.keys().join(", ")
                ),
            )
        })?;
    }
    Ok(m)
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let (imported, common) = match args.source {
        Source::Csv(a) => {
            let imported = run_csv(ctx, &a)?;
            (imported, a.common)
        }
        Source::Archimate(a) => {
            let opts = interop::archimate::ArchimateOptions {
                organisation: a.common.organisation.clone(),
                home: country("--home", &a.common.home)?,
                stub_country: country("--stub-country", &a.common.stub_country)?,
            };
            if let Some(o) = &a.common.output
                && !a.common.dry_run
            {
                let none = super::output::Inputs::none();
                check_output(o, none, &[a.file.as_path()], a.common.force)?;
            }
            let bytes = read(ctx, &a.file)?;
            let name = a.file.display().to_string();
            let imported =
                interop::archimate::import(&name, &bytes, &opts).map_err(import_error)?;
            (imported, a.common)
        }
    };
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
    if common.dry_run {
        print_columns(ctx, &imported)?;
        ctx.flush()?;
        print_report(ctx, &imported)?;
        return Ok(ExitCode::SUCCESS);
    }
    match &common.output {
        Some(o) => {
            super::write_atomic(o, imported.toml.as_bytes())?;
            ctx.print(&format!("wrote {}: {}\n", o.display(), summary(&imported)))?;
            ctx.print(&format!(
                "next: complete the TODOs, then run `exitgraph check {}`\n",
                o.display()
            ))?;
        }
        None => ctx.data(imported.toml.as_bytes())?,
    }
    print_report(ctx, &imported)?;
    Ok(ExitCode::SUCCESS)
}

fn run_csv(ctx: &mut Ctx, a: &CsvArgs) -> Result<Imported, CliError> {
    match (a.kind, &a.into) {
        (Kind::Systems, Some(_)) => {
            return Err(CliError::usage_help(
                "--into merges services and interfaces; a systems inventory becomes a new model",
                "give --kind services or --kind interfaces, or leave out --into",
            ));
        }
        (Kind::Services | Kind::Interfaces, None) => {
            return Err(CliError::usage_help(
                "services and interfaces are merged into an existing model",
                "name it with --into MODEL (it is not changed; the merged model goes to -o)",
            ));
        }
        (Kind::Services | Kind::Interfaces, Some(_))
            if a.vendors.is_some() || a.contracts.is_some() =>
        {
            return Err(CliError::usage(
                "--vendors and --contracts belong to a systems inventory (--kind systems)",
            ));
        }
        _ => {}
    }
    let opts = CsvOptions {
        organisation: a
            .common
            .organisation
            .clone()
            .unwrap_or_else(|| "Imported landscape".into()),
        home: country("--home", &a.common.home)?,
        stub_country: country("--stub-country", &a.common.stub_country)?,
        mapping: mapping(ctx, a)?,
    };
    if let Some(into) = &a.into {
        let g = ctx.load_quiet(into)?;
        let m = g.model();
        if let Some(o) = &a.common.output
            && !a.common.dry_run
        {
            let model = super::output::Inputs::of_model(&m.sources);
            let mut paths = vec![a.file.as_path()];
            paths.extend(a.mapping.as_deref());
            check_output(o, model, &paths, a.common.force)?;
            // Includes are relative to the including file: a merged main
            // file elsewhere would lose them.
            if m.sources.len() > 1 {
                let dir = |p: &Path| {
                    p.canonicalize()
                        .ok()
                        .and_then(|c| c.parent().map(Path::to_path_buf))
                };
                let out_dir = o
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .canonicalize()
                    .ok();
                if out_dir != dir(into) {
                    return Err(CliError::usage_help(
                        format!(
                            "`{}` includes other files by relative path; the merged model must be written next to it",
                            into.display()
                        ),
                        format!("write -o into the directory of `{}`", into.display()),
                    ));
                }
            }
        }
        let text = m
            .sources
            .files()
            .next()
            .map(|(_, f)| f.text.clone())
            .unwrap_or_default();
        let bytes = read(ctx, &a.file)?;
        let name = a.file.display().to_string();
        let main = into.display().to_string();
        let target = interop::merge::Target {
            model: m,
            name: &main,
            path: into,
            text: &text,
        };
        let input = CsvInput {
            name: &name,
            bytes: &bytes,
        };
        let r = match a.kind {
            Kind::Services => interop::merge::services(input, &target, &opts, &ctx.limits()),
            _ => interop::merge::interfaces(input, &target, &opts, &ctx.limits()),
        };
        return r.map_err(import_error);
    }
    let mut inputs = vec![a.file.clone()];
    inputs.extend(a.vendors.clone());
    inputs.extend(a.contracts.clone());
    if let Some(o) = &a.common.output
        && !a.common.dry_run
    {
        let mut all: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        all.extend(a.mapping.as_deref());
        check_output(o, super::output::Inputs::none(), &all, a.common.force)?;
    }
    let sys = read(ctx, &a.file)?;
    let ven = a.vendors.as_ref().map(|p| read(ctx, p)).transpose()?;
    let con = a.contracts.as_ref().map(|p| read(ctx, p)).transpose()?;
    let name = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
    let (sys_name, ven_name, con_name) = (
        a.file.display().to_string(),
        name(&a.vendors),
        name(&a.contracts),
    );
    interop::csv_import::import(
        CsvInput {
            name: &sys_name,
            bytes: &sys,
        },
        ven.as_ref()
            .zip(ven_name.as_ref())
            .map(|(b, n)| CsvInput { name: n, bytes: b }),
        con.as_ref()
            .zip(con_name.as_ref())
            .map(|(b, n)| CsvInput { name: n, bytes: b }),
        &opts,
    )
    .map_err(import_error)
}

/// What the written model holds, or what a merge did.
fn summary(i: &Imported) -> String {
    let c = i.counts;
    let mut s = format!(
        "{} systems, {} vendors, {} formats, {} contracts, {} services",
        c.systems, c.vendors, c.formats, c.contracts, c.services
    );
    if c.interfaces > 0 || i.merged.is_some() {
        s.push_str(&format!(", {} interfaces", c.interfaces));
    }
    if let Some(m) = i.merged {
        s.push_str(&format!(
            "; from the spreadsheet: {} added, {} completed, {} unchanged, {} conflict{}",
            m.added,
            m.completed,
            m.unchanged,
            m.conflicts,
            if m.conflicts == 1 { "" } else { "s" }
        ));
    }
    s
}

fn import_error(e: interop::ImportError) -> CliError {
    match e {
        interop::ImportError::Unreadable { .. } => CliError::usage_help(
            e.to_string(),
            "docs/interop.md describes the accepted files",
        ),
        interop::ImportError::Map { .. } => CliError::usage_help(
            e.to_string(),
            "headers are matched exactly, then ignoring case, spaces and punctuation",
        ),
        interop::ImportError::Invalid(_) => CliError::usage_help(
            e.to_string(),
            "this is a defect of the importer; please report it with the input file",
        ),
    }
}

/// Cuts a header to `width` characters for the column table.
fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn how(c: &crate::interop::csv_import::ColumnUse, f: &FileColumns) -> String {
    match &c.how {
        How::Option => "--map".into(),
        How::MappingFile => "mapping file".into(),
        How::Vocabulary => "vocabulary".into(),
        How::AfterPrefix { prefix } => format!("after the prefix `{prefix}`"),
        How::Ignored => format!("left out by the map ({} values)", c.values),
        How::Second { first } => {
            let field = f
                .columns
                .get(first - 1)
                .and_then(|x| x.field)
                .unwrap_or("?");
            format!("second `{field}` column ({} values)", c.values)
        }
        How::Unknown => format!("not known ({} values)", c.values),
    }
}

/// The dry run's view of the columns: one table per spreadsheet.
fn print_columns(ctx: &mut Ctx, i: &Imported) -> Result<(), CliError> {
    ctx.print("dry run: nothing written\n")?;
    for f in &i.columns {
        ctx.print("\n")?;
        ctx.print(&format!(
            "{}: {}, separator `{}`, {} rows\n",
            f.file, f.encoding, f.separator, f.rows
        ))?;
        let width = f
            .columns
            .iter()
            .map(|c| c.header.chars().count())
            .max()
            .unwrap_or(6)
            .clamp(6, 28);
        ctx.print(&format!(
            "  {:>3}  {:<width$}  {:<14}  how\n",
            "col", "header", "field"
        ))?;
        for c in &f.columns {
            ctx.print(&format!(
                "  {:>3}  {:<width$}  {:<14}  {}\n",
                c.index,
                cut(&c.header, width),
                c.field.unwrap_or("-"),
                how(c, f)
            ))?;
        }
    }
    ctx.print("\n")?;
    ctx.print(&format!("the model would have {}\n", summary(i)))?;
    Ok(())
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
