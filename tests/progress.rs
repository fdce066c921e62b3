//! Progress since the last review, on a fixture pair: last year's model
//! (`tests/fixtures/progress/2025.toml`) and this year's, which adds
//! measures and a higher Microsoft price.

mod common;

use common::{root, run, run_ok, stderr, tmp};
use std::path::Path;

fn fixture(year: u32) -> String {
    root()
        .join(format!("tests/fixtures/progress/{year}.toml"))
        .to_string_lossy()
        .into_owned()
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Last year's review, written into `dir/2025`.
fn last_year(dir: &Path) -> String {
    let out = dir.join("2025");
    run_ok(&[
        "review",
        &fixture(2025),
        "--out",
        out.to_str().unwrap(),
        "--runs",
        "300",
    ]);
    out.join("review.json").to_string_lossy().into_owned()
}

/// The row of a Markdown table that starts with `start`.
fn row<'a>(md: &'a str, start: &str) -> &'a str {
    md.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no row {start:?} in\n{md}"))
}

#[test]
fn the_progress_report_says_what_became_of_last_years_recommendations() {
    let d = tmp();
    let since = last_year(d.path());
    let out = d.path().join("progress");
    run_ok(&[
        "progress",
        &fixture(2026),
        "--since",
        &since,
        "--out",
        out.to_str().unwrap(),
        "--runs",
        "300",
    ]);
    let md = read(&out.join("progress.md"));
    assert!(md.starts_with("# Fortschrittsbericht 01.12.2026: Gemeinde Beispielheim\n"));
    // Microsoft: the exit measure runs past its due date (the emergency
    // measure, done, names a Microsoft system too: the least advanced counts).
    assert_eq!(
        row(&md, "| 1\\. | Ausstieg aus Microsoft Corporation"),
        "| 1\\. | Ausstieg aus Microsoft Corporation vorbereiten | 21.01.2026 | in Arbeit, verspätet | Ausstieg aus Microsoft 365 vorbereiten und Notfallplan US-Ausfall |"
    );
    assert!(row(&md, "| 2\\. | Vertrag Website-Pflege").contains("| aufgegeben |"));
    // Nothing recorded for the municipal provider; its date is today: open, not late.
    assert!(row(&md, "| 3\\. | Ausstieg aus Kommunaler Dienstleister").contains("| offen |"));
    assert!(row(&md, "| 4\\. | Notfallplan").contains("| erledigt | Notfallplan US-Ausfall |"));
    // Budget: 120,000 + 8,000 (the dropped measure has none); spent 135,000 + 6,500.
    assert!(md.contains("Budget der nicht aufgegebenen Maßnahmen: 128.000 €; ausgegeben: 141.500 € (111 % des Budgets). Über dem Budget: 1; verspätet: 1."), "{md}");
    // Microsoft's price rose from 90,000 to 96,000.
    assert_eq!(
        row(&md, "| davon außerhalb"),
        "| davon außerhalb vertrauenswürdiger Rechtsräume | 90.000 € | 96.000 € | schlechter |"
    );
    // The decisions recommended now follow.
    assert!(md.contains("## 2. Auf einen Blick: Befunde und Beschlussvorschlag"));
    let html = read(&out.join("progress.html"));
    assert!(html.contains("<section id=\"progress\">"));
}

#[test]
fn the_review_with_a_baseline_opens_with_progress_on_its_second_page() {
    let d = tmp();
    let since = last_year(d.path());
    let out = d.path().join("2026");
    run_ok(&[
        "review",
        &fixture(2026),
        "--out",
        out.to_str().unwrap(),
        "--baseline",
        &since,
        "--runs",
        "300",
    ]);
    let md = read(&out.join("report.md"));
    let heads: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("## "))
        .take(3)
        .collect();
    assert_eq!(
        heads,
        [
            "## 1. Auf einen Blick: Befunde und Beschlussvorschlag",
            "## 2. Fortschritt seit der letzten Prüfung",
            "## 3. Das Wichtigste in Zahlen"
        ]
    );
    let v: serde_json::Value = serde_json::from_str(&read(&out.join("review.json"))).unwrap();
    assert_eq!(v["progress"]["recommended"].as_array().unwrap().len(), 4);
    assert_eq!(v["progress"]["over_budget"], 1);
}

#[test]
fn progress_without_a_readable_baseline_is_a_usage_error() {
    let d = tmp();
    let o = run(&[
        "progress",
        &fixture(2026),
        "--since",
        d.path().join("missing.json").to_str().unwrap(),
        "--out",
        d.path().join("p").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot read the baseline"));
}

#[test]
fn a_bad_measure_gets_located_diagnostics() {
    let d = tmp();
    let model = d.path().join("m.toml");
    let text = std::fs::read_to_string(fixture(2025)).unwrap()
        + "\n[[measure]]\nid = \"x\"\nname = \"X\"\nsystems = [\"m356\"]\nstatus = \"ongoing\"\nstart = 2026-05-01\ndue = 2026-01-31\nbudget = -5\n";
    std::fs::write(&model, text).unwrap();
    let o = run(&["check", model.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    for want in [
        "error[unknown-reference]: `systems` names system `m356`, which does not exist",
        "did you mean `m365`?",
        "error[invalid-value]: `status` of measure `x` cannot be `ongoing`",
        "error[end-before-start]: measure `x` is due before it starts",
        "error[invalid-number]: `budget` of measure `x` must be a number from 0",
    ] {
        assert!(e.contains(want), "{want:?} missing in\n{e}");
    }
}
