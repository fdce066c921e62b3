//! `exitgraph review`: the annual switch-readiness review
//! (*Wechselbereitschaftsprüfung*) as a directory of files for people who
//! will not run a command: `index.html` (one self-contained file that
//! prints on A4), `report.md`, `review.json` (every number and the snapshot
//! for next year's `--baseline`), `deadlines.ics`, `hotspots.csv` and
//! `diagrams/`.
//!
//! The analysis is `analysis::review`, the files come from
//! `render::review`. This command only checks the paths and writes:
//!
//! - The files go into a temporary directory next to `--out`
//!   (`.NAME.exitgraph-new-*`). On Linux it is then swapped with the old
//!   review in one step (`renameat2` with `RENAME_EXCHANGE`), so a reader
//!   sees the old review or the new one, never none, and the old one is
//!   removed from the temporary name. Elsewhere the old review is set aside
//!   (`.NAME.exitgraph-old-*`) and the new one moved in; a run killed
//!   between the two steps is repaired by the next run, which moves the old
//!   review back (or removes it once the new one is in place) and removes
//!   half-written directories. Runs into one folder hold a lock on it.
//! - SIGINT and SIGTERM while the files are written remove the temporary
//!   directory (and put a set-aside review back) before the process ends.
//! - Every review directory holds a marker file (`.exitgraph-review`). An
//!   existing non-empty directory without it is refused unless `--force`;
//!   a directory holding one of the inputs (the model's files, the
//!   `--baseline`), or the current directory (or one above it), is refused
//!   even with `--force`.
//! - Progress goes to stderr: a progress bar when stderr is a terminal,
//!   otherwise only the closing line that says what was written.

use super::{CliError, Ctx, ModelArg};
use crate::analysis::diff::Snapshot;
use crate::analysis::exit_plan::{DEFAULT_RUNS, DEFAULT_SEED};
use crate::analysis::review::{self, DEFAULT_EXIT_PLANS, DEFAULT_TOP, ReviewOptions};
use crate::model::{Duration, Lang};
use crate::render::review::{self as files, MARKER, OutputFile};
use chrono::NaiveDate;
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// The directory to write the review into (replaced as a whole).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub out: PathBuf,
    /// The review date (default: `as_of` of the model, else today).
    #[arg(long, value_name = "DATE", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Report language (default: `[organisation] language`, else de).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Last year's review.json (or a snapshot) to compare with.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Replace DIR even if it was not written by `exitgraph review`.
    #[arg(long)]
    pub force: bool,
    /// Seed of the Monte Carlo simulations (exit plans, migration times).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
    /// Monte Carlo runs per plan.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RUNS,
          value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub runs: u32,
    /// Also print the review to `review.pdf` (A4, page numbers, table of
    /// contents with page numbers) with headless Chromium.
    #[arg(long)]
    pub pdf: bool,
    /// Hotspots listed in the hotspots section.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TOP,
          value_parser = parse_top)]
    pub top: usize,
}

/// The report language on the command line.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    De,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::De => Lang::De,
            LangArg::En => Lang::En,
        }
    }
}

fn parse_top(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n),
        _ => Err(format!("`{s}` is not a number from 1 to 1000")),
    }
}

/// Steps shown in the progress bar.
const STEPS: u64 = 4;

struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(on: bool) -> Progress {
        if !on {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(STEPS),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg} ({elapsed})")
        {
            bar.set_style(style);
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Progress(Some(bar))
    }

    fn step(&self, msg: &'static str) {
        if let Some(b) = &self.0 {
            b.inc(1);
            b.set_message(msg);
        }
    }

    fn start(&self, msg: &'static str) {
        if let Some(b) = &self.0 {
            b.set_message(msg);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let m = g.model();
    let mut inputs = super::output::Inputs::of_model(&m.sources);
    if let Some(b) = &args.baseline {
        inputs.add(b);
    }
    let target = Target::check(&args.out, args.force, &inputs)?;
    let (baseline, past) = match &args.baseline {
        Some(p) => {
            let (b, past) = read_baseline(p, ctx.global().max_file_size)?;
            (Some(b), past)
        }
        None => (None, Vec::new()),
    };
    let lang = match args.lang {
        Some(LangArg::De) => Lang::De,
        Some(LangArg::En) => Lang::En,
        None => m.organisation.language.unwrap_or(Lang::De),
    };
    let opts = ReviewOptions {
        as_of: super::as_of(args.as_of, &g),
        lang,
        seed: args.seed,
        runs: args.runs,
        horizon: Duration::months(12),
        top: args.top,
        exit_plans: DEFAULT_EXIT_PLANS,
        baseline,
        past,
    };
    let progress = Progress::new(ctx.stderr_is_terminal());
    progress.start("analysing the landscape");
    let r = review::review(&g, &opts);
    progress.step("drawing diagrams");
    // The data files (review.json, the calendar, the CSV) and the
    // handbooks do not depend on the diagrams: they are written into the
    // staged directory while the diagrams are drawn and the report is
    // rendered.
    let staged = target.stage()?;
    let (report, data) = rayon::join(
        || -> Result<_, CliError> {
            let (diagrams, failed) =
                files::diagrams(&g, &r, crate::render::svg::RendererChoice::Auto);
            progress.step("rendering the report");
            let out =
                files::report_files(&r, &diagrams).map_err(|e| CliError::io(e.to_string()))?;
            progress.step("writing files");
            staged.write(&out)?;
            let n = out
                .iter()
                .filter(|f| f.path.starts_with("diagrams/"))
                .count();
            drop(out);
            Ok((diagrams, failed, n))
        },
        || -> Result<usize, CliError> {
            staged.write(&files::data_files(&r))?;
            let handbooks = files::handbook_files(&r).map_err(|e| CliError::io(e.to_string()))?;
            staged.write(&handbooks)?;
            Ok(handbooks.len())
        },
    );
    let written = data.and_then(|h| {
        let (diagrams, failed, n) = report?;
        staged.commit()?;
        Ok((diagrams, failed, n, h))
    });
    // The old review (or the half-written new one) goes, and the lock on
    // the folder with it.
    drop(staged);
    progress.step("done");
    progress.finish();
    let (diagrams, failed, n, h) = written?;
    for f in &failed {
        ctx.eprint(&format!("warning: {f}"))?;
    }
    ctx.eprint(&format!("wrote the review of {} as of {} to {}: index.html, report.md, review.json, deadlines.ics, hotspots.csv, {n} diagram file{}, {h} handbook file{}",
        m.organisation.name,
        r.as_of,
        args.out.display(),
        if n == 1 { "" } else { "s" },
        if h == 1 { "" } else { "s" }))?;
    if args.pdf {
        let Some(chromium) = crate::render::pdf::find_chromium() else {
            ctx.eprint(&format!(
                "error: no Chromium found for --pdf (looked for {} on the PATH); the rest of the review is written. Install Chromium (Debian/Ubuntu: apt-get install chromium) or print index.html from a browser.",
                crate::render::pdf::CHROMIUM_NAMES.join(", ")
            ))?;
            return Ok(ExitCode::from(2));
        };
        let pages = write_pdf(&chromium, &args.out, &r, &diagrams)?;
        ctx.eprint(&format!(
            "wrote {} ({pages} pages, printed with {})",
            args.out.join(PDF).display(),
            chromium.display()
        ))?;
    }
    super::keep_until_exit((g, r, diagrams));
    Ok(ExitCode::SUCCESS)
}

/// The PDF's name in the review directory.
const PDF: &str = "review.pdf";

/// Prints the review in `dir` to `dir/review.pdf` in two passes (the first
/// finds the page of each section for the table of contents); the PDF is
/// printed to a temporary file in `dir` and renamed. Returns the page count.
fn write_pdf(
    chromium: &Path,
    dir: &Path,
    r: &review::Review,
    diagrams: &[files::ReviewDiagram],
) -> Result<usize, CliError> {
    use crate::render::pdf;
    use std::collections::BTreeMap;
    let err = |e: String| CliError::io(format!("cannot write {}: {e}", dir.join(PDF).display()));
    let temp = |suffix: &str| {
        tempfile::Builder::new()
            .prefix(".review-print-")
            .suffix(suffix)
            .tempfile_in(dir)
            .map_err(|e| err(e.to_string()))
    };
    let ids = files::section_ids(r, diagrams);
    // First pass: placeholders as wide as two-digit page numbers.
    let mut pages: BTreeMap<String, u32> = ids.iter().map(|i| (i.clone(), 88)).collect();
    let html = temp(".html")?;
    let pdf_file = temp(".pdf")?;
    for pass in 0..2 {
        let text = files::print_html(r, diagrams, &pages).map_err(|e| err(e.to_string()))?;
        std::fs::write(html.path(), text).map_err(|e| err(e.to_string()))?;
        pdf::print(chromium, html.path(), pdf_file.path()).map_err(err)?;
        if pass == 0 {
            let bytes = std::fs::read(pdf_file.path()).map_err(|e| err(e.to_string()))?;
            pages = pdf::section_pages(&bytes, &ids).map_err(err)?;
        }
    }
    let bytes = std::fs::read(pdf_file.path()).map_err(|e| err(e.to_string()))?;
    let n = pdf::page_count(&bytes).map_err(err)?;
    pdf_file
        .as_file()
        .sync_all()
        .map_err(|e| err(e.to_string()))?;
    // Readable like the other files of the review (a temporary file is
    // created for its owner only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(pdf_file.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(|e| err(e.to_string()))?;
    }
    pdf_file
        .persist(dir.join(PDF))
        .map_err(|e| err(e.to_string()))?;
    Ok(n)
}

/// Last year's snapshot and recommended decisions, from its `review.json`
/// (a bare snapshot has no recommendations).
pub(super) fn read_baseline(
    path: &Path,
    max: u64,
) -> Result<(Snapshot, Vec<crate::analysis::progress::PastRecommendation>), CliError> {
    let text = crate::model::input::read_text(path, max).map_err(|e| {
        CliError::usage_help(
            format!("cannot read the baseline `{}`: {e}", path.display()),
            "give the review.json of an earlier `exitgraph review`",
        )
    })?;
    let snapshot = Snapshot::from_json(&text).map_err(|e| {
        CliError::usage_help(
            format!("the baseline `{}` {e}", path.display()),
            "give the review.json of an earlier `exitgraph review`",
        )
    })?;
    Ok((
        snapshot,
        crate::analysis::progress::past_recommendations(&text),
    ))
}

/// The output directory, checked before anything is computed.
struct Target {
    /// The directory as given.
    dir: PathBuf,
    /// Where the temporary directory goes (the parent of `dir`).
    parent: PathBuf,
    /// The last component of `dir`.
    name: String,
}

impl Target {
    fn check(dir: &Path, force: bool, inputs: &super::output::Inputs) -> Result<Target, CliError> {
        let shown = dir.display();
        let name = match dir.file_name() {
            Some(n) => n.to_string_lossy().into_owned(),
            None => {
                return Err(CliError::usage_help(
                    format!("`{shown}` cannot be a review directory"),
                    "give a directory name, e.g. --out review-2026",
                ));
            }
        };
        let parent = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let meta = std::fs::symlink_metadata(dir);
        let exists = match &meta {
            Ok(md) if md.is_dir() => true,
            Ok(_) => {
                return Err(CliError::usage_help(
                    format!("`{shown}` exists and is not a directory"),
                    "give a directory for the review, e.g. --out review-2026",
                ));
            }
            Err(_) => false,
        };
        if exists {
            let canonical = dir.canonicalize()?;
            if let Ok(cwd) = std::env::current_dir()
                && cwd.canonicalize().is_ok_and(|c| c.starts_with(&canonical))
            {
                return Err(CliError::usage_help(
                    format!(
                        "`{shown}` is the current directory or contains it; exitgraph will not replace it"
                    ),
                    "write the review into a directory of its own, e.g. --out review-2026",
                ));
            }
            if let Some(input) = inputs.within(&canonical) {
                return Err(CliError::usage_help(
                    format!(
                        "`{shown}` holds `{input}`, an input file of this command; exitgraph never replaces its input, not even with --force"
                    ),
                    "write the review into a directory of its own, e.g. --out review-2026",
                ));
            }
            let ours = dir.join(MARKER).is_file();
            let empty = std::fs::read_dir(dir)?.next().is_none();
            if !ours && !empty && !force {
                return Err(CliError::usage_help(
                    format!(
                        "`{shown}` exists and was not written by `exitgraph review`; it would be replaced as a whole"
                    ),
                    "choose a new directory, or add --force to replace it",
                ));
            }
        } else {
            std::fs::create_dir_all(&parent)
                .map_err(|e| CliError::io(format!("cannot create `{}`: {e}", parent.display())))?;
        }
        Ok(Target {
            dir: dir.to_path_buf(),
            parent,
            name,
        })
    }

    /// Makes the temporary directory next to the target that the files
    /// are written into, before it is put in place in one step
    /// ([`Staged::commit`]; see the module docs).
    fn stage(&self) -> Result<Staged<'_>, CliError> {
        use super::output::{Undo, pending, undo_on_interrupt};
        // One review at a time per folder: what is found next to the target
        // is then left over from a run that was killed.
        let lock = lock(&self.parent)?;
        self.recover();
        undo_on_interrupt();
        // Created and listed in one step, so that no interruption falls
        // between the two.
        let mut list = pending();
        let tmp = tempfile::Builder::new()
            .prefix(&self.new_prefix())
            .tempdir_in(&self.parent)
            .map_err(|e| {
                CliError::io(format!(
                    "cannot write into `{}`: {e}",
                    self.parent.display()
                ))
            })?;
        let path = tmp.path().to_path_buf();
        list.push(Undo::Remove(path.clone()));
        drop(list);
        Ok(Staged {
            target: self,
            _lock: lock,
            tmp: Some(tmp),
            path,
        })
    }

    fn new_prefix(&self) -> String {
        format!(".{}.exitgraph-new-", self.name)
    }

    fn old_prefix(&self) -> String {
        format!(".{}.exitgraph-old-", self.name)
    }

    /// Swaps the filled directory `staged` with the target.
    fn swap(&self, staged: &Path) -> Result<(), CliError> {
        use super::output::{Undo, pending};
        let io = |what: &str, p: &Path, e: std::io::Error| {
            CliError::io(format!("cannot {what} `{}`: {e}", p.display()))
        };
        // tempfile creates the directory for its owner only; a report
        // directory is an ordinary one.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(staged, std::fs::Permissions::from_mode(0o755));
        }
        let mut list = pending();
        let exists = std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.is_dir());
        if !exists {
            return std::fs::rename(staged, &self.dir)
                .map_err(|e| io("move the new review to", &self.dir, e));
        }
        // One step: readers see the old review or the new one, never none.
        if exchange(staged, &self.dir).is_ok() {
            return Ok(());
        }
        // Without an atomic exchange (not Linux, or a file system without
        // it): the old review is set aside, the new one moved in, and a run
        // killed in between is repaired by the next one (`recover`).
        let aside = tempfile::Builder::new()
            .prefix(&self.old_prefix())
            .tempdir_in(&self.parent)
            .map_err(|e| io("write into", &self.parent, e))?
            .keep();
        let moved = aside.join(&self.name);
        std::fs::rename(&self.dir, &moved).map_err(|e| io("move aside", &self.dir, e))?;
        let restore = Undo::Restore {
            from: moved.clone(),
            to: self.dir.clone(),
        };
        list.push(Undo::Remove(aside.clone()));
        list.push(restore.clone());
        if let Err(e) = std::fs::rename(staged, &self.dir) {
            let _ = std::fs::rename(&moved, &self.dir);
            list.retain(|u| *u != restore);
            return Err(io("move the new review to", &self.dir, e));
        }
        list.retain(|u| *u != restore);
        drop(list);
        let _ = std::fs::remove_dir_all(&aside);
        pending().retain(|u| *u != Undo::Remove(aside.clone()));
        Ok(())
    }

    /// Repairs what a killed run left next to the target: a review set
    /// aside (moved back when the target is missing, else removed) and
    /// half-written new directories (removed).
    fn recover(&self) {
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return;
        };
        let (new, old) = (self.new_prefix(), self.old_prefix());
        let mut stale = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // Only real directories of ours; a symlink is never followed.
            if !e.file_type().is_ok_and(|t| t.is_dir()) {
                continue;
            }
            if name.starts_with(&old) {
                let set_aside = e.path().join(&self.name);
                let missing = std::fs::symlink_metadata(&self.dir).is_err();
                if missing && set_aside.join(MARKER).is_file() {
                    let _ = std::fs::rename(&set_aside, &self.dir);
                }
                stale.push(e.path());
            } else if name.starts_with(&new) {
                stale.push(e.path());
            }
        }
        for p in stale {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

/// The temporary directory of a review being written: listed for removal
/// on an interruption, removed when dropped unless it was put in place.
struct Staged<'t> {
    target: &'t Target,
    /// The lock on the folder, held until the review is in place.
    _lock: Option<std::fs::File>,
    tmp: Option<tempfile::TempDir>,
    path: PathBuf,
}

impl Staged<'_> {
    /// Writes files into the directory, each as a stream. Safe to call
    /// from two threads at once.
    fn write(&self, out: &[OutputFile<'_>]) -> Result<(), CliError> {
        use super::output::pending;
        let io = |what: &str, p: &Path, e: std::io::Error| {
            CliError::io(format!("cannot {what} `{}`: {e}", p.display()))
        };
        for f in out {
            let path = self.path.join(&f.path);
            // Each file is created under the lock, so that an interruption,
            // which removes the whole directory, never races with a new
            // entry in it; the file is then written as a stream (an
            // interruption meanwhile removes it with the directory).
            let file = {
                let _step = pending();
                if let Some(d) = path.parent() {
                    std::fs::create_dir_all(d).map_err(|e| io("create", d, e))?;
                }
                std::fs::File::create(&path).map_err(|e| io("write", &path, e))?
            };
            let mut w = std::io::BufWriter::with_capacity(256 * 1024, file);
            f.write_to(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| io("write", &path, e))?;
        }
        Ok(())
    }

    /// Puts the written review in place of the target.
    fn commit(&self) -> Result<(), CliError> {
        self.target.swap(&self.path)
    }
}

impl Drop for Staged<'_> {
    /// The temporary directory now holds the old review, or the
    /// half-written new one after an error: either way it goes, before an
    /// interruption may look at the list again.
    fn drop(&mut self) {
        use super::output::{Undo, pending};
        let mut list = pending();
        drop(self.tmp.take());
        list.retain(|u| *u != Undo::Remove(self.path.clone()));
    }
}

/// Locks the folder that holds the review (an advisory lock on the folder
/// itself, released when the returned handle is dropped).
fn lock(parent: &Path) -> Result<Option<std::fs::File>, CliError> {
    #[cfg(unix)]
    {
        let dir = std::fs::File::open(parent)
            .map_err(|e| CliError::io(format!("cannot open `{}`: {e}", parent.display())))?;
        rustix::fs::flock(&dir, rustix::fs::FlockOperation::LockExclusive)
            .map_err(|e| CliError::io(format!("cannot lock `{}`: {e}", parent.display())))?;
        Ok(Some(dir))
    }
    #[cfg(not(unix))]
    {
        let _ = parent;
        Ok(None)
    }
}

/// Swaps two directories in one step (`renameat2` with `RENAME_EXCHANGE`).
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (a, b);
        Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
    }
}
