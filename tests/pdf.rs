//! `exitgraph review --pdf`: the review printed to A4 by headless Chromium.
//!
//! The printing test needs Chromium and poppler's `pdftotext` (to read the
//! text of single pages); without them it prints why it is skipped, and
//! fails when the environment variable `CI` is set (`.ci/run` installs
//! both).

mod common;

use common::{arg, musterstadt, run, stderr, tmp};
use std::path::Path;
use std::process::Command;

const PDFTOTEXT: &str = "/usr/bin/pdftotext";

fn chromium() -> Option<&'static str> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .find(|p| Path::new(p).exists())
}

/// Whether Chromium and pdftotext are there; prints why a test is
/// skipped, panics under CI.
fn tools_available(test: &str) -> bool {
    let mut missing = Vec::new();
    if chromium().is_none() {
        missing.push("Chromium (apt-get install chromium)");
    }
    if !Path::new(PDFTOTEXT).exists() {
        missing.push("pdftotext (apt-get install poppler-utils)");
    }
    if missing.is_empty() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {} missing, and CI is set", missing.join(" and "));
    }
    println!("skipping {test}: {} missing", missing.join(" and "));
    false
}

/// The text of page `n` (from 1), laid out as on the page.
fn page_text(pdf: &Path, n: usize) -> String {
    let o = Command::new(PDFTOTEXT)
        .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext: {e}"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn page_count(pdf: &Path) -> usize {
    let doc = lopdf::Document::load(pdf).unwrap_or_else(|e| panic!("not a PDF: {e}"));
    doc.get_pages().len()
}

/// Collapses runs of white space (pdftotext -layout pads columns).
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_printed_review_has_page_numbers_and_a_table_of_contents_with_pages() {
    if !tools_available("the_printed_review_has_page_numbers_and_a_table_of_contents_with_pages") {
        return;
    }
    let d = tmp();
    let out = d.path().join("review");
    let o = run(&[
        "review",
        &musterstadt(),
        "--out",
        &arg(&out),
        "--as-of",
        "2026-12-01",
        "--runs",
        "500",
        "--pdf",
    ]);
    assert!(o.status.success(), "review --pdf failed:\n{}", stderr(&o));
    let pdf = out.join("review.pdf");
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("no review.pdf: {e}"));
    assert!(bytes.starts_with(b"%PDF"), "review.pdf is not a PDF");
    assert!(out.join("index.html").exists(), "index.html is missing");
    // No temporary print files are left behind.
    let left: Vec<String> = std::fs::read_dir(&out)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".review-print"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");

    let pages = page_count(&pdf);
    assert!(pages >= 10, "only {pages} pages");
    assert!(
        stderr(&o).contains(&format!("({pages} pages")),
        "{}",
        stderr(&o)
    );

    // Every page carries "n / N" in its bottom margin.
    let texts: Vec<String> = (1..=pages).map(|n| page_text(&pdf, n)).collect();
    for (i, t) in texts.iter().enumerate() {
        let mark = format!("{} / {pages}", i + 1);
        assert!(
            squeeze(t).contains(&mark),
            "page {} has no `{mark}`:\n{t}",
            i + 1
        );
    }

    // The table of contents on page 1 names every section with the page
    // on which its heading is printed.
    let html = std::fs::read_to_string(out.join("index.html")).unwrap_or_else(|e| panic!("{e}"));
    let titles: Vec<String> = html
        .split("<h2><span class=\"no\">")
        .skip(1)
        .filter_map(|s| {
            let (no, rest) = s.split_once("</span>")?;
            let (title, _) = rest.split_once("</h2>")?;
            Some(format!("{no} {}", title.replace("&amp;", "&")))
        })
        .collect();
    assert!(titles.len() >= 8, "sections: {titles:?}");
    let toc = texts[0].clone();
    for t in &titles {
        let (no, title) = t.split_once(' ').unwrap_or_else(|| panic!("{t}"));
        let line = toc
            .lines()
            .map(squeeze)
            .find(|l| l.starts_with(&format!("{no}. ")) && l.contains(title))
            .unwrap_or_else(|| panic!("`{t}` is not in the table of contents:\n{toc}"));
        let page: usize = line
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page number in `{line}`"));
        assert!((2..=pages).contains(&page), "`{line}`");
        assert!(
            squeeze(&texts[page - 1]).contains(&squeeze(title)),
            "`{title}` is not on page {page}:\n{}",
            texts[page - 1]
        );
    }
}

#[test]
fn without_chromium_the_review_is_written_and_the_message_says_what_to_install() {
    let d = tmp();
    let out = d.path().join("review");
    let empty = d.path().join("bin");
    std::fs::create_dir(&empty).unwrap_or_else(|e| panic!("{e}"));
    let o = common::exitgraph()
        .env("PATH", &empty)
        .args([
            "review",
            &musterstadt(),
            "--out",
            &arg(&out),
            "--runs",
            "200",
            "--pdf",
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run exitgraph: {e}"));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("no Chromium found"), "{err}");
    assert!(err.contains("apt-get install chromium"), "{err}");
    assert!(out.join("index.html").exists(), "index.html is missing");
    assert!(out.join("review.json").exists(), "review.json is missing");
    assert!(
        !out.join("review.pdf").exists(),
        "a review.pdf without Chromium"
    );
}

#[test]
fn the_single_points_of_failure_are_capped_with_and_n_more() {
    let d = tmp();
    let mut m = common::ModelBuilder::new("Kleinstadt");
    for i in 1..=4 {
        m = m
            .vendor(&format!("v{i}"), &format!("Anbieter {i}"), "DE")
            .system_with(
                &format!("s{i}"),
                &format!("System {i}"),
                &format!("v{i}"),
                "high",
                &format!("operator = \"v{i}\""),
            )
            .contract(
                &format!("c{i}"),
                &format!("Vertrag {i}"),
                &format!("v{i}"),
                &[&format!("s{i}")],
                1000 * i,
            )
            .service(
                &format!("d{i}"),
                &format!("Dienst {i}"),
                &[&format!("s{i}")],
            );
    }
    let model = m.write(d.path());
    let out = d.path().join("review");
    let o = run(&[
        "review",
        &model,
        "--out",
        &arg(&out),
        "--runs",
        "100",
        "--top",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap_or_else(|e| panic!("{e}"));
    let (_, list) = md
        .split_once("Einzelne Ausfallpunkte")
        .unwrap_or_else(|| panic!("no single points of failure:\n{md}"));
    let list: String = list.lines().take(12).collect::<Vec<_>>().join("\n");
    let named = (1..=4)
        .filter(|i| list.contains(&format!("Anbieter {i}:")))
        .count();
    assert_eq!(named, 2, "{list}");
    assert!(list.contains("… und 2 weitere Anbietergruppen"), "{list}");
}

/// The smallest text of each figure as printed on A4, in points: the
/// smallest SVG font size of its print variant where it has one (only that
/// is printed), times the scale at which the print CSS lays the figure out
/// (portrait: 182 mm wide, at most 230 mm high; on a landscape page, class
/// `landscape`: 269 mm wide, at most 160 mm high). Returns (file,
/// landscape, points).
fn printed_text_sizes(html: &str) -> Vec<(String, bool, f64)> {
    let mut out = Vec::new();
    for part in html.split("<figure id=\"figure-").skip(1) {
        let (open, rest) = part.split_once('>').unwrap_or_else(|| panic!("{part}"));
        let landscape = open.contains("class=\"landscape\"");
        let whole = rest.split("</figure>").next().unwrap_or("");
        // The print variant when the figure has one: only it is printed.
        let figure = whole
            .split_once("<div class=\"svg print\">")
            .map_or(whole, |(_, p)| p);
        let vb = figure
            .split_once("viewBox=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(v, _)| v)
            .unwrap_or_else(|| panic!("a figure without viewBox"));
        let v: Vec<f64> = vb
            .split_whitespace()
            .filter_map(|x| x.parse().ok())
            .collect();
        let (w, h) = (v[2], v[3]);
        let sizes: Vec<f64> = figure
            .split("font-size")
            .skip(1)
            .filter_map(|s| {
                let s = s.trim_start_matches(['=', ':', '"', ' ']);
                let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
                s[..end].parse().ok()
            })
            .collect();
        let smallest = sizes.iter().copied().fold(f64::INFINITY, f64::min);
        let (mut width, max_h) = if landscape {
            (269.0, 160.0)
        } else {
            (182.0, 230.0)
        };
        if width * h / w > max_h {
            width = max_h * w / h;
        }
        let file = whole
            .split_once("href=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(f, _)| f.replace("&#x2f;", "/"))
            .unwrap_or_default();
        out.push((file, landscape, smallest * width / w / 25.4 * 72.0));
    }
    out
}

#[test]
fn every_figure_prints_with_text_of_at_least_7_pt() {
    let d = tmp();
    let out = d.path().join("review");
    let o = run(&[
        "review",
        &musterstadt(),
        "--out",
        &arg(&out),
        "--as-of",
        "2026-12-01",
        "--runs",
        "200",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("index.html")).unwrap_or_else(|e| panic!("{e}"));
    let sizes = printed_text_sizes(&html);
    for (file, landscape, pt) in &sizes {
        println!(
            "{file}: {pt:.1} pt{}",
            if *landscape { " (landscape)" } else { "" }
        );
    }
    // Every kind of figure is there: the graph views print as charts.
    for stem in [
        "hotspots",
        "landscape",
        "deadlines",
        "spend",
        "exit-",
        "cutoff-",
    ] {
        assert!(
            sizes
                .iter()
                .any(|(f, _, _)| f.starts_with(&format!("diagrams/{stem}"))),
            "no {stem} figure: {sizes:?}"
        );
    }
    assert!(sizes.len() >= 10, "{sizes:?}");
    for (file, _, pt) in &sizes {
        assert!(*pt >= 7.0, "{file}: smallest text {pt:.1} pt");
    }
    // The wide exit plans print across a landscape page.
    for (file, landscape, _) in &sizes {
        if file.starts_with("diagrams/exit-") {
            assert!(*landscape, "{file} is not printed in landscape");
        }
    }
    // A graph view prints as its chart, not as the shrunken graph.
    let hotspots = html
        .split("<figure id=\"figure-")
        .find(|f| f.contains("diagrams&#x2f;hotspots.svg") || f.contains("diagrams/hotspots.svg"))
        .unwrap_or_else(|| panic!("no hotspots figure"));
    assert!(
        hotspots.contains("<div class=\"svg screen\">"),
        "{hotspots}"
    );
    assert!(hotspots.contains("<div class=\"svg print\">"), "{hotspots}");
}
