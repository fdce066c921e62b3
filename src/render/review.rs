//! The files of a review directory, as bytes: `index.html`, `report.md`,
//! `review.json`, `deadlines.ics`, `hotspots.csv`, the diagrams, and the
//! marker file that tells `exitgraph review` the directory is its own.
//!
//! Everything is rendered from one [`Review`]; writing the files (into a
//! temporary directory that is moved into place) is the command line's job.

use crate::analysis::review::Review;
use crate::render::csv::{Table, number};
use crate::render::page::{self, Figure};
use crate::render::{html, ics, markdown};

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
    /// Where it goes in the report, its title, SVG and notes.
    pub figure: Figure,
}

/// A file of the review directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path with `/` (`diagrams/spend.svg`).
    pub path: String,
    pub bytes: Vec<u8>,
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
/// one column per factor. Text cells are neutralised against formulas.
pub fn hotspots_csv(r: &Review) -> String {
    let factor_names: Vec<String> = r
        .hotspots
        .systems
        .first()
        .map(|s| s.factors.iter().map(|f| f.name.to_string()).collect())
        .unwrap_or_default();
    let mut t = Table::new(
        [
            "rank", "id", "name", "category", "score", "impact", "hotspot",
        ]
        .into_iter()
        .map(String::from)
        .chain(factor_names),
    );
    for s in &r.hotspots.systems {
        let mut row = vec![
            s.rank.to_string(),
            s.id.clone(),
            s.name.clone(),
            s.category.clone(),
            number(s.score),
            number(s.impact),
            number(s.hotspot),
        ];
        row.extend(s.factors.iter().map(|f| number(f.points)));
        t.row(row);
    }
    t.to_csv()
}

/// Renders every file of the review directory, in a fixed order.
pub fn files(r: &Review, diagrams: &[ReviewDiagram]) -> Result<Vec<OutputFile>, RenderError> {
    let figures: Vec<Figure> = diagrams
        .iter()
        .map(|d| Figure {
            svg: html::inline_svg(&d.figure.svg).to_string(),
            ..d.figure.clone()
        })
        .collect();
    let doc = page::document(r, &figures);
    let mut json = serde_json::to_string_pretty(r)?;
    json.push('\n');
    let mut out = vec![
        OutputFile {
            path: MARKER.into(),
            bytes: MARKER_TEXT.as_bytes().to_vec(),
        },
        OutputFile {
            path: "index.html".into(),
            bytes: html::render(&doc)?.into_bytes(),
        },
        OutputFile {
            path: "report.md".into(),
            bytes: markdown::render(&doc)?.into_bytes(),
        },
        OutputFile {
            path: "review.json".into(),
            bytes: json.into_bytes(),
        },
        OutputFile {
            path: "deadlines.ics".into(),
            bytes: ics::calendar(
                &r.deadlines,
                &r.organisation.name,
                r.lang,
                &r.organisation.currency,
            )
            .into_bytes(),
        },
        OutputFile {
            path: "hotspots.csv".into(),
            bytes: hotspots_csv(r).into_bytes(),
        },
    ];
    for d in diagrams {
        if let Some(dot) = &d.dot {
            out.push(OutputFile {
                path: format!("diagrams/{}.dot", d.name),
                bytes: dot.clone().into_bytes(),
            });
        }
        out.push(OutputFile {
            path: format!("diagrams/{}.svg", d.name),
            bytes: d.figure.svg.clone().into_bytes(),
        });
    }
    Ok(out)
}
