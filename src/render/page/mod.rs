//! The review report as a document: sections of headings, sentences,
//! tables and figures, every text already in the report language.
//!
//! [`document`] turns a [`Review`] (the numbers) into a [`Document`] (the
//! words); `render::html` and `render::markdown` then only lay it out, so the
//! two files always say the same. Nothing here computes a result: the
//! sentences quote the numbers of the review and the wording of
//! `render::i18n`.
//!
//! The document is assembled from one file per section (`summary.rs`,
//! `sovereignty.rs`, `hotspots.rs`, `contracts.rs`, `exit_plans.rs`,
//! `scenarios.rs`, `spend.rs`, `changes.rs`, `method.rs`); each adds its
//! part to the shared [`Builder`], whose `table` is the one table builder
//! of the report. A new section is a new file with an
//! `impl Builder<'_> { pub(super) fn NAME(&mut self) -> Vec<Block> }` and a
//! line in [`document`].
//!
//! Every text that comes from the model passes [`clean`]
//! (`render::escape`): control characters go, line breaks become spaces,
//! and direction overrides are shown as `[U+202E]`, so a name cannot
//! reorder the text around it (the renderers escape markup on top of that).

use crate::analysis::deadlines::Status;
use crate::analysis::diff::{Change, Diff, Direction, Entered, Reading, Resolved};
use crate::analysis::review::{Review, ScenarioReview, VendorExit};
use crate::analysis::simulate::{RestoreBy, State, Wait};
use crate::model::Lang;
use crate::model::duration::DAYS_PER_YEAR;
use crate::render::i18n::{Tr, say};
use serde::Serialize;
use std::collections::BTreeMap;

mod changes;
mod contracts;
mod exit_plans;
mod first_page;
mod glossary;
mod hotspots;
mod method;
mod plan;
mod progress;
mod scenarios;
mod sovereignty;
mod spend;
mod summary;

/// Rows shown of a long table; the rest is counted in a note.
const MAX_ROWS: usize = 25;
/// Contracts listed in the contracts section (most urgent first).
const MAX_CONTRACT_ROWS: usize = 60;
/// Ids named in a sentence before "and N more".
const MAX_NAMED: usize = 8;

/// One cell of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    /// Right-aligned (a number).
    pub num: bool,
    /// `bad`, `warn`, `good` or empty: a colour hint for HTML.
    pub tone: &'static str,
    /// The HTML class: `num`, the tone, `nowrap` for short marked values.
    pub class: String,
}

impl Cell {
    fn text(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            num: false,
            tone: "",
            class: String::new(),
        }
    }

    fn num(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            num: true,
            tone: "",
            class: "num".into(),
        }
    }

    /// A short text kept on one line (a legal citation).
    fn short(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            num: false,
            tone: "",
            class: "nowrap".into(),
        }
    }

    fn tone(mut self, tone: &'static str) -> Cell {
        self.tone = tone;
        let mut class: Vec<&str> = Vec::new();
        if self.num {
            class.push("num");
        }
        if !tone.is_empty() {
            class.push(tone);
            // A short marked value (status, points) stays on one line.
            if self.text.chars().count() <= 24 {
                class.push("nowrap");
            }
        }
        self.class = class.join(" ");
        self
    }
}

/// A key figure of the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kpi {
    pub label: String,
    pub value: String,
    pub note: String,
    pub tone: &'static str,
}

/// A bullet with a bold lead-in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub head: String,
    pub text: String,
}

/// A drawn diagram handed to the document: where it belongs and what it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// Where it belongs: `hotspots`, `landscape`, `deadlines`, `spend`,
    /// `exit:VENDOR` or `cutoff:SCENARIO`.
    pub key: String,
    /// The file next to the report (`diagrams/hotspots.svg`).
    pub file: String,
    pub title: String,
    /// The SVG markup, escaped by the diagram module (inlined in HTML).
    pub svg: String,
    /// What the diagram leaves out or folds, in the report language (the
    /// diagram shows them too; the Markdown repeats them under its link).
    pub notes: Vec<String>,
    /// Which program drew it, when it was laid out as a graph.
    pub drawn: String,
    /// The print variant's SVG markup (inlined in HTML, shown only when
    /// printed), or empty when the figure prints as it is.
    pub print: String,
    /// The notes of the print variant, which it does not draw itself (the
    /// printed caption carries them).
    pub print_notes: Vec<String>,
}

/// A piece of a section.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// A sub-heading.
    Heading {
        text: String,
    },
    Para {
        text: String,
    },
    /// Smaller print: how to read the section, caveats.
    Note {
        text: String,
    },
    /// A link to a file next to the report: `href` in HTML, `md` in Markdown.
    Link {
        text: String,
        href: String,
        md: String,
    },
    Items {
        items: Vec<Item>,
    },
    Kpis {
        items: Vec<Kpi>,
    },
    Table {
        caption: String,
        /// A narrow table (two or three columns) that need not span the page.
        compact: bool,
        head: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
        /// What the table leaves out, or how to read it.
        note: String,
    },
    Figure {
        number: usize,
        figure: Figure,
        /// The title as a sentence (a full stop added unless it ends with one).
        title: String,
        /// The notes and the drawing program as sentences, for a caption
        /// under a figure that does not show them itself (Markdown).
        notes: String,
        /// The print variant's notes as sentences, for its printed caption.
        print_notes: String,
    },
}

/// A numbered section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// Anchor id (`summary`, `hotspots`, ...).
    pub id: &'static str,
    pub number: usize,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The whole report in one language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// `de` or `en` (the HTML `lang` attribute).
    pub lang: &'static str,
    pub title: String,
    pub organisation: String,
    pub subtitle: String,
    pub toc_label: String,
    /// `Abbildung` / `Figure`.
    pub figure_label: String,
    /// Headers of the key figures when they are a table (Markdown).
    pub kpi_label: String,
    pub kpi_value: String,
    pub footer: String,
    pub sections: Vec<Section>,
}

pub use crate::render::escape::clean;

fn join_limited(tr: Tr, items: &[String]) -> String {
    if items.len() <= MAX_NAMED {
        tr.and_list(items)
    } else {
        let mut shown: Vec<String> = items[..MAX_NAMED].to_vec();
        let rest = items.len() - MAX_NAMED;
        shown.push(match tr.lang() {
            Lang::De => format!("{rest} weitere"),
            Lang::En => format!("{rest} more"),
        });
        tr.and_list(&shown)
    }
}

fn more_rows(tr: Tr, shown: usize, total: usize, where_: &str) -> String {
    if total <= shown {
        return String::new();
    }
    match tr.lang() {
        Lang::De => format!(
            "Gezeigt: {} von {}; alle stehen in {where_}.",
            tr.int(shown),
            tr.int(total)
        ),
        Lang::En => format!(
            "Showing {} of {}; {where_} has all of them.",
            tr.int(shown),
            tr.int(total)
        ),
    }
}

fn dots(score: u8, max: u8) -> String {
    let full = score.min(max) as usize;
    format!(
        "{}{} {score}",
        "●".repeat(full),
        "○".repeat(max as usize - full)
    )
}

/// Names of things the report mentions by id.
struct Names {
    systems: BTreeMap<String, String>,
    services: BTreeMap<String, String>,
    vendors: BTreeMap<String, String>,
}

impl Names {
    fn of(r: &Review) -> Names {
        let mut systems: BTreeMap<String, String> = r
            .hotspots
            .systems
            .iter()
            .map(|s| (s.id.clone(), clean(&s.name)))
            .collect();
        for s in &r.snapshot.systems {
            systems
                .entry(s.id.clone())
                .or_insert_with(|| clean(&s.name));
        }
        Names {
            systems,
            services: r
                .services
                .iter()
                .map(|s| (s.id.clone(), clean(&s.name)))
                .collect(),
            vendors: r
                .snapshot
                .vendors
                .iter()
                .map(|v| (v.id.clone(), clean(&v.name)))
                .collect(),
        }
    }

    fn vendor(&self, id: &str) -> String {
        self.vendors.get(id).cloned().unwrap_or_else(|| clean(id))
    }

    fn system(&self, id: &str) -> String {
        self.systems.get(id).cloned().unwrap_or_else(|| clean(id))
    }

    fn service(&self, id: &str) -> String {
        self.services.get(id).cloned().unwrap_or_else(|| clean(id))
    }
}

/// Builds the document of a review; `figures` are the drawn diagrams
/// (none when diagrams are not drawn).
pub fn document(r: &Review, figures: &[Figure]) -> Document {
    let tr = Tr::new(r.lang);
    // The section order first: texts refer to sections by number.
    let mut order: Vec<&'static str> = vec!["first-page"];
    if r.progress.is_some() {
        order.push("progress");
    }
    order.extend([
        "summary",
        "sovereignty",
        "hotspots",
        "contracts",
        "exit-plans",
    ]);
    if r.multi_year_plan.is_some() {
        order.push("multi-year-plan");
    }
    order.extend(["scenarios", "spend"]);
    if r.changes.is_some() {
        order.push("changes");
    }
    order.push("glossary");
    order.push("method");
    let title = format!("{} {}", tr.l("title"), chrono::Datelike::year(&r.as_of));
    assemble(r, figures, &order, title)
}

/// The progress report (`exitgraph progress`): progress since the last
/// review, then the decisions recommended now.
pub fn progress_document(r: &Review) -> Document {
    let tr = Tr::new(r.lang);
    let title = say!(
        tr,
        format!("Fortschrittsbericht {}", tr.date(r.as_of)),
        format!("Progress report {}", tr.date(r.as_of)),
    );
    assemble(r, &[], &["progress", "first-page"], title)
}

/// A document of the given sections, in this order.
fn assemble(r: &Review, figures: &[Figure], order: &[&'static str], title: String) -> Document {
    let tr = Tr::new(r.lang);
    let names = Names::of(r);
    let mut b = Builder {
        tr,
        r,
        names: &names,
        figures,
        figure_no: 0,
        order,
    };
    let mut sections = Vec::new();
    for &id in order {
        let (title, blocks) = match id {
            "first-page" => (tr.l("first_page_title"), b.first_page()),
            "progress" => match &r.progress {
                Some(p) => (tr.l("progress_title"), b.progress(p)),
                None => continue,
            },
            "summary" => (tr.l("overview_title"), b.summary()),
            "sovereignty" => (tr.l("sovereignty_title"), b.sovereignty()),
            "hotspots" => (tr.l("hotspots_title"), b.hotspots()),
            "contracts" => (tr.l("contracts_title"), b.contracts()),
            "exit-plans" => (tr.l("exit_plans_title"), b.exit_plans()),
            "scenarios" => (tr.l("scenarios_title"), b.scenarios()),
            "spend" => (tr.l("spend_title"), b.spend()),
            "multi-year-plan" => match &r.multi_year_plan {
                Some(p) => (
                    tr.pick("Mehrjahresplan", "Multi-year plan"),
                    b.multi_year_plan(p),
                ),
                None => continue,
            },
            "glossary" => (tr.l("glossary_title"), b.glossary()),
            "changes" => match &r.changes {
                Some(d) => (tr.l("changes"), b.changes(d)),
                None => continue,
            },
            _ => (tr.l("method_title"), b.method()),
        };
        sections.push((id, title.to_string(), blocks));
    }
    let org = clean(&r.organisation.name);
    Document {
        lang: match r.lang {
            Lang::De => "de",
            Lang::En => "en",
        },
        title,
        subtitle: format!(
            "{} {} · {} {}",
            tr.l("as_of"),
            tr.date(r.as_of),
            tr.l("next_review"),
            tr.odate(r.next_review)
        ),
        footer: format!(
            "{org} · {} {} · {} {} {}",
            tr.l("as_of"),
            tr.date(r.as_of),
            tr.l("generated_by"),
            r.tool.name,
            r.tool.version
        ),
        organisation: org,
        toc_label: tr.l("toc").to_string(),
        figure_label: tr.l("diagram_figure").to_string(),
        kpi_label: tr.pick("Kennzahl", "Key figure").to_string(),
        kpi_value: tr.l("value").to_string(),
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(i, (id, title, blocks))| Section {
                id,
                number: i + 1,
                title,
                blocks,
            })
            .collect(),
    }
}

struct Builder<'a> {
    tr: Tr,
    r: &'a Review,
    names: &'a Names,
    figures: &'a [Figure],
    figure_no: usize,
    /// The section ids in report order (for "section N").
    order: &'a [&'static str],
}

impl Builder<'_> {
    fn de(&self) -> bool {
        self.tr.lang() == Lang::De
    }

    /// The number of a section, by its id.
    fn sec(&self, id: &str) -> usize {
        self.order
            .iter()
            .position(|x| *x == id)
            .map_or(0, |i| i + 1)
    }

    /// " (Abschnitt N)" for a section of this document, else nothing.
    fn see(&self, id: &str) -> String {
        match self.sec(id) {
            0 => String::new(),
            n => say!(
                self.tr,
                format!(" (Abschnitt {n})"),
                format!(" (section {n})")
            ),
        }
    }

    /// " in Abschnitt N" for a section of this document, else nothing.
    fn see_in(&self, id: &str) -> String {
        match self.sec(id) {
            0 => String::new(),
            n => say!(
                self.tr,
                format!(" in Abschnitt {n}"),
                format!(" in section {n}")
            ),
        }
    }

    fn money(&self, x: f64) -> String {
        self.tr.money(x, &self.r.organisation.currency)
    }

    fn figure(&mut self, key: &str, out: &mut Vec<Block>) {
        for f in self.figures.iter().filter(|f| f.key == key) {
            self.figure_no += 1;
            let notes: Vec<String> = f
                .notes
                .iter()
                .chain(std::iter::once(&f.drawn))
                .filter(|n| !n.is_empty())
                .map(|n| self.tr.stop(n))
                .collect();
            let print_notes: Vec<String> = f
                .print_notes
                .iter()
                .filter(|n| !n.is_empty())
                .map(|n| self.tr.stop(n))
                .collect();
            out.push(Block::Figure {
                number: self.figure_no,
                figure: f.clone(),
                title: self.tr.stop(&f.title),
                notes: notes.join(" "),
                print_notes: print_notes.join(" "),
            });
        }
    }

    fn table(caption: String, mut head: Vec<Cell>, rows: Vec<Vec<Cell>>, note: String) -> Block {
        // A column of numbers gets a right-aligned header.
        for (i, h) in head.iter_mut().enumerate() {
            if !rows.is_empty() && rows.iter().all(|r| r.get(i).is_some_and(|c| c.num)) {
                h.num = true;
                h.class = "num".into();
            }
        }
        Block::Table {
            caption,
            compact: head.len() <= 3,
            head,
            rows,
            note,
        }
    }

    fn head(&self, keys: &[&'static str]) -> Vec<Cell> {
        keys.iter().map(|k| Cell::text(self.tr.l(k))).collect()
    }
}

fn status_word(tr: Tr, s: &str) -> String {
    match s {
        "overdue" => tr.contract_status(Status::Overdue).into(),
        "due" => tr.contract_status(Status::Due).into(),
        "ok" => tr.contract_status(Status::Ok).into(),
        "expired" | "ended" => tr.contract_status(Status::Ended).into(),
        "renewed" => tr.contract_status(Status::Renewed).into(),
        "leaving" => tr.contract_status(Status::Leaving).into(),
        "mandated" => tr.contract_status(Status::Mandated).into(),
        other => clean(other),
    }
}

fn score_tone(score: u8) -> &'static str {
    match score {
        0..=2 => "bad",
        3 => "warn",
        _ => "good",
    }
}

fn level_tone(level: crate::analysis::sovereignty::Level) -> &'static str {
    use crate::analysis::sovereignty::Level;
    match level {
        Level::CriticallyDependent => "bad",
        Level::Hybrid => "warn",
        Level::SovereignOnCourse => "good",
    }
}

fn status_tone(s: Status) -> &'static str {
    match s {
        Status::Overdue => "bad",
        Status::Due => "warn",
        Status::Ok | Status::Renewed | Status::Leaving => "good",
        Status::Ended | Status::Mandated => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_dots_show_the_points() {
        assert_eq!(dots(2, 5), "●●○○○ 2");
        assert_eq!(dots(5, 5), "●●●●● 5");
    }
}
