//! Wording under review: snapshots (insta) of the review's Markdown in
//! German and English and of the main terminal tables, so that every change
//! of wording or number format shows up as a diff (`cargo insta review`, or
//! `INSTA_UPDATE=always cargo test --test snapshots` and read the diff).
//!
//! The review is rendered without diagrams: their captions name the program
//! that drew them, which depends on the machine (Graphviz or the built-in
//! layout).

mod common;

use chrono::NaiveDate;
use exitgraph::analysis::review::{ReviewOptions, review};
use exitgraph::graph::Graph;
use exitgraph::model::{self, Lang, Limits};
use exitgraph::render::{markdown, page};

fn musterstadt() -> Graph {
    let path = std::path::PathBuf::from(common::musterstadt());
    let m = model::load_with(&path, &Limits::default())
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    Graph::build(m)
}

fn review_markdown(lang: Lang) -> String {
    let g = musterstadt();
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut opts = ReviewOptions::new(as_of, lang);
    opts.runs = 2_000;
    let r = review(&g, &opts);
    markdown::render(&page::document(&r, &[])).unwrap()
}

#[test]
fn the_german_review_reads_as_reviewed() {
    insta::assert_snapshot!("review_de", review_markdown(Lang::De));
}

#[test]
fn the_english_review_reads_as_reviewed() {
    insta::assert_snapshot!("review_en", review_markdown(Lang::En));
}

#[test]
fn the_main_terminal_tables_read_as_reviewed() {
    // A relative path, so that the output does not name this machine's folders.
    let m = "examples/musterstadt.toml".to_string();
    let as_of = ["--as-of", "2026-12-01"];
    for (name, args) in [
        ("check", vec!["check", &m]),
        ("hotspots", vec!["hotspots", &m, "--top", "8"]),
        ("score", vec!["score", &m]),
        (
            "deadlines",
            [vec!["deadlines", &m], as_of.to_vec()].concat(),
        ),
        (
            "explain_m365",
            [vec!["explain", &m, "m365"], as_of.to_vec()].concat(),
        ),
        (
            "exit_broadcom",
            [vec!["exit", &m, "--vendor", "broadcom"], as_of.to_vec()].concat(),
        ),
    ] {
        insta::assert_snapshot!(format!("terminal_{name}"), common::run_ok(&args));
    }
}
