//! The files of a review directory, as bytes: `index.html`, `report.md`,
//! `review.json`, `deadlines.ics`, `hotspots.csv`, the diagrams, and the
//! marker file that tells `exitgraph review` the directory is its own.
//!
//! Everything is rendered from one [`Review`] (and the graph, for the
//! diagrams); writing the files (into a temporary directory that is moved
//! into place) is the command line's job.
//!
//! The diagrams of the report ([`diagrams`]): the hotspots and the
//! landscape (rolled up when large), the deadlines timeline, spend bars, a
//! Gantt chart per exit plan and the blast radius of every scenario that
//! cuts something off, for at most [`MAX_SCENARIO_DETAILS`] scenarios
//! ([`detailed_scenarios`]; the others are one row each in a table). They
//! are drawn from the review's own results, so the figures show the same
//! numbers as the tables.

use crate::analysis::review::{Review, ScenarioReview};
use crate::graph::Graph;
use crate::model::Lang;
use crate::render::csv::{self, HotspotsTable};
use crate::render::diagram::{self, Diagram, DiagramError, DiagramOptions, View};
use crate::render::handbook::{self, HandbookOptions};
use crate::render::i18n::Tr;
use crate::render::page::{self, Figure};
use crate::render::svg::{Renderer, RendererChoice};
use crate::render::{html, ics, markdown};
use rayon::prelude::*;

/// Most scenarios a review shows in detail: a section with its cut-off
/// diagram and its emergency handbook. A model with more scenarios gets
/// these for the ones with the largest impact ([`detailed_scenarios`]) and
/// one table row for each other, so that the number of files and the time
/// to draw them stay bounded whatever the model holds.
pub const MAX_SCENARIO_DETAILS: usize = 12;

/// The scenarios shown in detail, in model order: all of them when there
/// are at most [`MAX_SCENARIO_DETAILS`], else the worst scenario of the
/// summary and those with the largest impact: the highest sum of
/// criticality weights of the services down, then more services down
/// longer than tolerable, then more services down, then the smaller id.
pub fn detailed_scenarios(r: &Review) -> Vec<&ScenarioReview> {
    if r.scenarios.len() <= MAX_SCENARIO_DETAILS {
        return r.scenarios.iter().collect();
    }
    let mut order = impact_order(r);
    order.truncate(MAX_SCENARIO_DETAILS);
    order.sort_unstable();
    order.into_iter().map(|i| &r.scenarios[i]).collect()
}

/// Every scenario, the largest impact first (the order of
/// [`detailed_scenarios`]).
pub fn by_impact(r: &Review) -> Vec<&ScenarioReview> {
    impact_order(r)
        .into_iter()
        .map(|i| &r.scenarios[i])
        .collect()
}

/// Indices of the scenarios, the largest impact first.
fn impact_order(r: &Review) -> Vec<usize> {
    let worst = r
        .summary
        .worst_scenario
        .as_ref()
        .map(|w| w.scenario.as_str());
    let mut order: Vec<usize> = (0..r.scenarios.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&r.scenarios[a], &r.scenarios[b]);
        let key = |s: &ScenarioReview| {
            (
                worst == Some(s.report.scenario.as_str()),
                s.weight,
                s.report.summary.services_breached,
                s.report.summary.services_down,
            )
        };
        key(y)
            .cmp(&key(x))
            .then_with(|| x.report.scenario.cmp(&y.report.scenario))
    });
    order
}

/// The marker file in every review directory: its presence lets a later
/// run replace the directory without `--force`.
pub const MARKER: &str = ".exitgraph-review";

const MARKER_TEXT: &str = "This directory was written by `exitgraph review`.\nA later `exitgraph review --out` with this directory replaces it as a whole.\n";

/// One drawn diagram of the review.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewDiagram {
    /// The file stem under `diagrams/` (`hotspots`, `exit-microsoft`).
    pub name: String,
    /// The DOT text of graph views (written as `.dot` next to the `.svg`).
    pub dot: Option<String>,
    /// The SVG file as drawn.
    pub svg: String,
    /// Whether systems were folded into their vendor groups.
    pub rolled_up: bool,
    /// Where it goes in the report, its title, inline SVG and notes.
    pub figure: Figure,
}

impl ReviewDiagram {
    /// Wraps a drawn diagram; `key` says where it goes in the report.
    pub fn new(
        name: String,
        key: String,
        d: Diagram,
        print: Option<Diagram>,
        lang: Lang,
    ) -> ReviewDiagram {
        let drawn = match (d.renderer, lang) {
            (Renderer::Graphviz, Lang::De) => Some("Gezeichnet mit Graphviz."),
            (Renderer::Graphviz, Lang::En) => Some("Drawn with Graphviz."),
            (Renderer::LayoutRs, Lang::De) => {
                Some("Gezeichnet mit dem eingebauten Layout (Graphviz ist nicht installiert).")
            }
            (Renderer::LayoutRs, Lang::En) => {
                Some("Drawn with the built-in layout (Graphviz is not installed).")
            }
            (Renderer::Direct, _) => None,
        };
        ReviewDiagram {
            figure: Figure {
                key,
                file: format!("diagrams/{name}.svg"),
                title: d.title.clone(),
                svg: d.svg_inline(&format!("{name}-")),
                notes: d.notes.clone(),
                drawn: drawn.unwrap_or_default().to_string(),
                print: print
                    .as_ref()
                    .map(|p| p.svg_inline(&format!("{name}-print-")))
                    .unwrap_or_default(),
                print_notes: print.map(|p| p.notes).unwrap_or_default(),
            },
            name,
            dot: d.dot,
            svg: d.svg,
            rolled_up: d.rolled_up,
        }
    }
}

/// One diagram drawn: its name, its place in the report, the screen
/// drawing and the print variant.
type Drawn = (
    String,
    String,
    Result<Diagram, DiagramError>,
    Option<Diagram>,
);

/// What to draw for the review.
enum Job<'a> {
    Hotspots,
    Landscape,
    Deadlines,
    Spend,
    Exit(&'a crate::analysis::review::VendorExit),
    Cutoff(&'a crate::analysis::review::ScenarioReview),
}

/// Draws every diagram of the review, in report order. A diagram that
/// cannot be drawn (Graphviz failing) is left out; its error is returned
/// with the others, for the command line to report.
pub fn diagrams(
    g: &Graph,
    r: &Review,
    renderer: RendererChoice,
) -> (Vec<ReviewDiagram>, Vec<String>) {
    let mut opts = DiagramOptions::new(r.lang, r.as_of);
    opts.renderer = renderer;
    opts.runs = r.method.runs;
    opts.seed = r.method.seed;
    opts.top = r.method.hotspot_top;
    let mut jobs = vec![Job::Hotspots, Job::Landscape, Job::Deadlines, Job::Spend];
    jobs.extend(r.exit_plans.iter().map(Job::Exit));
    jobs.extend(
        detailed_scenarios(r)
            .into_iter()
            .filter(|s| s.cuts_off)
            .map(Job::Cutoff),
    );
    let mut print_opts = opts.clone();
    print_opts.print = true;
    let print_opts = &print_opts;
    let drawn: Vec<Drawn> = jobs
        .par_iter()
        .map(|job| {
            let (name, key, d) = draw(g, r, job, &opts);
            (name, key, d, print_variant(g, r, job, print_opts))
        })
        .collect();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (name, key, d, print) in drawn {
        match d {
            Ok(d) => out.push(ReviewDiagram::new(file_stem(&name), key, d, print, r.lang)),
            Err(e) => errors.push(format!("the diagram `{name}` could not be drawn: {e}")),
        }
    }
    (out, errors)
}

/// The print variant of a diagram: a page-sized chart in place of a graph
/// view, the chart without its notes (the printed caption has them).
fn print_variant(g: &Graph, r: &Review, job: &Job, opts: &DiagramOptions) -> Option<Diagram> {
    Some(match job {
        Job::Hotspots => diagram::hotspots_print(g, &r.hotspots, opts),
        Job::Landscape => diagram::landscape_print(g, &r.hotspots, opts),
        Job::Deadlines => diagram::deadlines_chart(g, &r.deadlines, opts),
        Job::Spend => diagram::spend_chart(g, &r.hotspots.concentration, opts),
        Job::Exit(e) => diagram::exit_chart(g, &e.plan, opts),
        Job::Cutoff(s) => diagram::cutoff_print(&s.report, opts),
    })
}

/// Draws one diagram for the screen: its file stem, its place in the report
/// and the drawing.
fn draw(
    g: &Graph,
    r: &Review,
    job: &Job,
    opts: &DiagramOptions,
) -> (String, String, Result<Diagram, DiagramError>) {
    match job {
        Job::Hotspots => (
            "hotspots".to_string(),
            "hotspots".to_string(),
            diagram::hotspots_diagram(g, &r.hotspots, opts),
        ),
        Job::Landscape => (
            "landscape".into(),
            "landscape".into(),
            diagram::build(g, &View::Landscape, opts),
        ),
        Job::Deadlines => (
            "deadlines".into(),
            "deadlines".into(),
            Ok(diagram::deadlines_chart(g, &r.deadlines, opts)),
        ),
        Job::Spend => (
            "spend".into(),
            "spend".into(),
            Ok(diagram::spend_chart(g, &r.hotspots.concentration, opts)),
        ),
        Job::Exit(e) => (
            format!("exit-{}", e.vendor),
            format!("exit:{}", e.vendor),
            Ok(diagram::exit_chart(g, &e.plan, opts)),
        ),
        Job::Cutoff(s) => (
            format!("cutoff-{}", s.report.scenario),
            format!("cutoff:{}", s.report.scenario),
            diagram::cutoff_diagram(g, &s.report, opts),
        ),
    }
}

/// Longest file stem of a diagram, in bytes: with `.svg` far below the
/// 255-byte file-name limit of common file systems.
pub const MAX_STEM: usize = 100;

/// A diagram's file stem: its name, or for a name longer than
/// [`MAX_STEM`] (a scenario id may have thousands of characters) its first
/// 83 bytes, `-` and 16 hex digits of an FNV-1a hash of the whole name, so
/// that two long names stay apart and the same name gives the same file.
pub fn file_stem(name: &str) -> String {
    if name.len() <= MAX_STEM {
        return name.to_string();
    }
    let mut cut = MAX_STEM - 17;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{}-{hash:016x}", &name[..cut])
}

/// A file of the review directory: its path and what it holds. The large
/// ones (`review.json`, `deadlines.ics`, `hotspots.csv`) are written from
/// the review as a stream when the file is written ([`OutputFile::write_to`]),
/// never held in memory as a whole.
#[derive(Clone, Debug)]
pub struct OutputFile<'a> {
    /// Relative path with `/` (`diagrams/spend.svg`).
    pub path: String,
    content: Content<'a>,
}

/// What a file of the review holds.
#[derive(Clone, Debug)]
enum Content<'a> {
    /// Rendered text (the report, the handbooks, the marker).
    Text(String),
    /// Text held elsewhere (the diagrams).
    Borrowed(&'a str),
    /// The review as pretty JSON with a line end.
    Json(&'a Review),
    /// The deadlines as iCalendar.
    Calendar(&'a Review),
    /// The hotspots table as CSV.
    HotspotsCsv(&'a Review),
}

impl OutputFile<'_> {
    /// Writes the file's bytes into `out`.
    pub fn write_to<W: std::io::Write>(&self, out: &mut W) -> std::io::Result<()> {
        match &self.content {
            Content::Text(t) => out.write_all(t.as_bytes()),
            Content::Borrowed(t) => out.write_all(t.as_bytes()),
            Content::Json(r) => {
                serde_json::to_writer_pretty(&mut *out, r)?;
                out.write_all(b"\n")
            }
            Content::Calendar(r) => ics::write_calendar(
                out,
                &r.deadlines,
                &r.organisation.name,
                r.lang,
                &r.organisation.currency,
            )
            .map(|_| ()),
            Content::HotspotsCsv(r) => {
                csv::write_hotspots(&mut *out, &r.hotspots, HotspotsTable::Systems)
            }
        }
    }

    /// The file's bytes in memory.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into a Vec fails only if the review cannot be serialised,
        // which its types rule out.
        let _ = self.write_to(&mut out);
        out
    }
}

/// Why a review could not be rendered (a defect of a template, not of the model).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("cannot render the report: {0}")]
    Template(#[from] minijinja::Error),
    #[error("cannot write review.json: {0}")]
    Json(#[from] serde_json::Error),
}

/// Every in-use system's lock-in, ranked: the hotspots table as CSV, with
/// one column per factor (the same writer as `exitgraph hotspots --format
/// csv`). Text cells are neutralised against formulas.
pub fn hotspots_csv(r: &Review) -> String {
    csv::hotspots(&r.hotspots, HotspotsTable::Systems)
}

/// The review's HTML as printed to PDF: the table of contents carries the
/// page on which each section starts (`pages`, by section id; see
/// [`crate::render::pdf`]).
pub fn print_html(
    r: &Review,
    diagrams: &[ReviewDiagram],
    pages: &std::collections::BTreeMap<String, u32>,
) -> Result<String, RenderError> {
    let figures: Vec<Figure> = diagrams.iter().map(|d| d.figure.clone()).collect();
    Ok(html::render_print(&page::document(r, &figures), pages)?)
}

/// The ids of the review's sections, in order (the anchors of the table of
/// contents).
pub fn section_ids(r: &Review, diagrams: &[ReviewDiagram]) -> Vec<String> {
    let figures: Vec<Figure> = diagrams.iter().map(|d| d.figure.clone()).collect();
    page::document(r, &figures)
        .sections
        .into_iter()
        .map(|s| s.id.to_string())
        .collect()
}

/// Renders every file of the review directory, in a fixed order.
pub fn files<'a>(
    r: &'a Review,
    diagrams: &'a [ReviewDiagram],
) -> Result<Vec<OutputFile<'a>>, RenderError> {
    let mut out = report_files(r, diagrams)?;
    // The marker and the report first, then the data, the handbooks and
    // the diagrams.
    let rest = out.split_off(3);
    out.extend(data_files(r));
    out.extend(handbook_files(r)?);
    out.extend(rest);
    Ok(out)
}

/// The files of the review that do not depend on the diagrams:
/// `review.json`, `deadlines.ics` and `hotspots.csv` (the largest, written
/// while the diagrams are drawn).
pub fn data_files(r: &Review) -> Vec<OutputFile<'_>> {
    let file = |path: &str, content| OutputFile {
        path: path.into(),
        content,
    };
    vec![
        file("review.json", Content::Json(r)),
        file("deadlines.ics", Content::Calendar(r)),
        file("hotspots.csv", Content::HotspotsCsv(r)),
    ]
}

/// The emergency handbook of every scenario shown in detail that cuts
/// something off, as HTML and Markdown (they do not depend on the
/// diagrams either).
pub fn handbook_files(r: &Review) -> Result<Vec<OutputFile<'_>>, RenderError> {
    let mut out = Vec::new();
    for s in detailed_scenarios(r).into_iter().filter(|s| s.cuts_off) {
        let doc = handbook::document(
            &s.report,
            &HandbookOptions {
                tr: Tr::new(r.lang),
                organisation: &r.organisation.name,
                currency: &r.organisation.currency,
                description: s.description.as_deref(),
            },
        );
        let (md, html) = handbook::render(&doc)?;
        let stem = handbook::file_stem(&s.report.scenario);
        out.push(OutputFile {
            path: format!("handbooks/{stem}.html"),
            content: Content::Text(html),
        });
        out.push(OutputFile {
            path: format!("handbooks/{stem}.md"),
            content: Content::Text(md),
        });
    }
    Ok(out)
}

/// The files of the review drawn from the diagrams: the marker, the report
/// and the diagrams themselves.
pub fn report_files<'a>(
    r: &'a Review,
    diagrams: &'a [ReviewDiagram],
) -> Result<Vec<OutputFile<'a>>, RenderError> {
    let figures: Vec<Figure> = diagrams.iter().map(|d| d.figure.clone()).collect();
    let doc = page::document(r, &figures);
    let file = |path: &str, content: Content<'a>| OutputFile {
        path: path.into(),
        content,
    };
    let mut out = vec![
        file(MARKER, Content::Borrowed(MARKER_TEXT)),
        file("index.html", Content::Text(html::render(&doc)?)),
        file("report.md", Content::Text(markdown::render(&doc)?)),
    ];
    for d in diagrams {
        if let Some(dot) = &d.dot {
            out.push(file(
                &format!("diagrams/{}.dot", d.name),
                Content::Borrowed(dot),
            ));
        }
        out.push(file(
            &format!("diagrams/{}.svg", d.name),
            Content::Borrowed(&d.svg),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod stem_tests {
    use super::{MAX_STEM, file_stem};

    /// Short names stay; long ones are cut with a hash that tells them apart.
    #[test]
    fn long_diagram_names_are_capped_and_unique() {
        assert_eq!(file_stem("cutoff-us-sanctions"), "cutoff-us-sanctions");
        let a = format!("cutoff-{}", "a".repeat(250));
        let b = format!("cutoff-{}b", "a".repeat(249));
        let (sa, sb) = (file_stem(&a), file_stem(&b));
        assert_eq!(sa.len(), MAX_STEM);
        assert_ne!(sa, sb);
        assert_eq!(sa, file_stem(&a));
        assert!(sa.starts_with("cutoff-aaa"));
    }
}
