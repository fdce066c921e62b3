//! Every number of a German review comes from the one German formatter:
//! no amount with English grouping (`528,000`) or with `EUR` where German
//! writes `€`, and no number of four or more digits without its thousands
//! separator, in the report, the calendar, the CSV and the diagrams.

mod common;

use common::{arg, run, stderr, tmp};
use std::path::Path;

/// The texts a reader sees in an SVG: the content of `<text>` and `<title>`.
fn svg_texts(svg: &str) -> String {
    let mut out = String::new();
    for tag in ["<text", "<title"] {
        let mut rest = svg;
        while let Some(i) = rest.find(tag) {
            let after = &rest[i..];
            let Some(open) = after.find('>') else { break };
            let close = after.find("</").unwrap_or(after.len());
            if open < close {
                out.push_str(&after[open + 1..close]);
                out.push('\n');
            }
            rest = &after[open.min(after.len())..];
            if rest.len() <= 1 {
                break;
            }
            rest = &rest[1..];
        }
    }
    out
}

/// Numbers written the English way: `528,000` or `1,957,600.5`.
fn english_grouping(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let head = i - start;
            if (1..=3).contains(&head)
                && i + 3 < b.len()
                && b[i] == b','
                && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            {
                hits.push(text[start..i + 4].to_string());
            }
        } else {
            i += 1;
        }
    }
    hits
}

/// Runs of four or more digits that stand as a number (not part of a date,
/// a decimal, a word or an id), other than years.
fn ungrouped(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let before = start.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i).copied();
        let glued = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '-' | '_' | '/' | ':'))
        };
        let after_glued = after
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/'))
            || (matches!(after, Some('.' | ','))
                && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        let year = run.len() == 4 && (1900..=2100).contains(&run.parse::<u32>().unwrap_or(0));
        if run.len() >= 4 && !glued(before) && !after_glued && !year {
            hits.push(run);
        }
    }
    hits
}

fn review_de(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("rev");
    let o = run(&[
        "review",
        &common::musterstadt(),
        "--out",
        &arg(&out),
        "--as-of",
        "2026-12-01",
        "--lang",
        "de",
        "--runs",
        "500",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn the_checks_find_what_they_look_for() {
    assert_eq!(english_grouping("Jahreskosten: 528,000 EUR"), ["528,000"]);
    assert!(english_grouping("528.000 € und 0,5 % und 12,5").is_empty());
    assert_eq!(ungrouped("1429 überfällig"), ["1429"]);
    assert!(ungrouped("1.429 überfällig, 01.12.2026, 2026, x2000, 3,1415").is_empty());
    assert_eq!(
        svg_texts("<svg><text x=\"1,200\">a 1.000</text></svg>"),
        "a 1.000\n"
    );
}

#[test]
fn a_german_review_writes_every_number_the_german_way() {
    let dir = tmp();
    let out = review_de(dir.path());
    let mut texts = vec![
        (
            "report.md",
            std::fs::read_to_string(out.join("report.md")).unwrap(),
        ),
        (
            "deadlines.ics",
            std::fs::read_to_string(out.join("deadlines.ics"))
                .unwrap()
                .replace("\r\n ", ""),
        ),
    ];
    for e in std::fs::read_dir(out.join("diagrams")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "svg") {
            let svg = std::fs::read_to_string(&p).unwrap();
            texts.push(("diagram", svg_texts(&svg)));
        }
    }
    for (name, text) in &texts {
        assert_eq!(english_grouping(text), Vec::<String>::new(), "{name}");
        assert!(
            !text.contains(" EUR") && !text.contains("EUR "),
            "{name} writes EUR where German writes €"
        );
    }
    // Numbers the tool formats carry their separator. The report also
    // quotes the model's own words and the Monte Carlo seed (an id).
    let report = &texts[0].1;
    let seed = "20250912";
    let bad: Vec<String> = ungrouped(report)
        .into_iter()
        .filter(|n| n != seed)
        .collect();
    assert_eq!(bad, Vec::<String>::new());
    // The calendar's amounts are in the German format.
    assert!(texts[1].1.contains("528.000 €"), "{}", texts[1].1);
}

#[test]
fn the_csv_keeps_plain_numbers_for_spreadsheets() {
    // CSV is data: numbers without grouping in every language, so that a
    // spreadsheet reads them as numbers whatever its locale.
    let dir = tmp();
    let out = review_de(dir.path());
    let csv = std::fs::read_to_string(out.join("hotspots.csv")).unwrap();
    assert_eq!(english_grouping(&csv), Vec::<String>::new());
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("rank,id,name,status,")
    );
}
