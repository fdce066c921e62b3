//! A review of a model with thousands of scenarios draws a bounded number
//! of diagrams and handbooks: the scenarios with the largest impact in
//! detail, the others one row each in a table with a note.

use std::collections::BTreeSet;
use std::path::Path;

/// Most scenarios shown in detail (docs/review.md).
const MAX_DETAILS: usize = 12;

/// The example with 3,000 more scenarios, each cutting off one vendor.
fn model_with_scenarios(n: usize) -> String {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/musterstadt.toml"),
    )
    .unwrap();
    let vendors: Vec<String> = text
        .split("[[vendor]]\nid = \"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_string())
        .collect();
    assert!(vendors.len() > 10);
    let mut out = text.clone();
    for i in 0..n {
        let v = &vendors[i % vendors.len()];
        out.push_str(&format!(
            "\n[[scenario]]\nid = \"gen-{i:04}\"\nname = \"Ausfall {v} {i}\"\ncut = [\"vendor:{v}\"]\n"
        ));
    }
    out
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            out.extend(files_under(&e.path()));
        } else {
            out.push(e.path().to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn three_thousand_scenarios_give_a_bounded_review() {
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(&m, model_with_scenarios(3000)).unwrap();
    let review = |lang: &str, out: &str| {
        assert_cmd::Command::cargo_bin("exitgraph")
            .unwrap()
            .env("NO_COLOR", "1")
            .current_dir(dir.path())
            .args([
                "--no-cache",
                "review",
                "m.toml",
                "--out",
                out,
                "--runs",
                "50",
                "--lang",
                lang,
            ])
            .assert()
            .code(0);
        dir.path().join(out)
    };
    let de = review("de", "de");

    // The files: bounded whatever the number of scenarios.
    let files = files_under(&de);
    assert!(files.len() < 100, "{} files", files.len());
    let cutoffs: BTreeSet<String> = std::fs::read_dir(de.join("diagrams"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| {
            n.strip_prefix("cutoff-")
                .and_then(|n| n.strip_suffix(".svg"))
                .map(String::from)
        })
        .collect();
    let handbooks: BTreeSet<String> = std::fs::read_dir(de.join("handbooks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".html").map(String::from))
        .collect();

    // Which ones: the worst scenario, then the largest sum of criticality
    // weights, more breaches, more services down, the smaller id.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(de.join("review.json")).unwrap()).unwrap();
    let worst = json["summary"]["worst_scenario"]["scenario"]
        .as_str()
        .unwrap()
        .to_string();
    let scenarios = json["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), 3007, "review.json keeps every scenario");
    let mut ranked: Vec<(bool, u64, u64, u64, String, bool)> = scenarios
        .iter()
        .map(|s| {
            let id = s["report"]["scenario"].as_str().unwrap().to_string();
            let sum = &s["report"]["summary"];
            (
                id == worst,
                s["weight"].as_u64().unwrap(),
                sum["services_breached"].as_u64().unwrap(),
                sum["services_down"].as_u64().unwrap(),
                id,
                s["cuts_off"].as_bool().unwrap(),
            )
        })
        .collect();
    ranked.sort_by(|a, b| {
        (b.0, b.1, b.2, b.3)
            .cmp(&(a.0, a.1, a.2, a.3))
            .then_with(|| a.4.cmp(&b.4))
    });
    let expected: BTreeSet<String> = ranked[..MAX_DETAILS]
        .iter()
        .filter(|r| r.5)
        .map(|r| r.4.clone())
        .collect();
    assert!(expected.contains(&worst));
    assert_eq!(cutoffs, expected);
    assert_eq!(handbooks, expected);

    // The others: one table, with the note that review.json has them all.
    let html = std::fs::read_to_string(de.join("index.html")).unwrap();
    assert!(html.contains("Weitere Szenarien nach Wirkung"));
    assert!(
        html.contains("Die übrigen 2.995 folgen hier je in einer Zeile."),
        "the note"
    );
    assert!(html.contains("Gezeigt: 25 von 2.995; alle stehen in review.json."));
    // The plan's key figures: at most 12 scenario rows, the rest counted.
    assert!(html.matches("(Dienste aus)").count() <= MAX_DETAILS);
    assert!(html.contains("… und 2.995 weitere Szenarien"));

    let en = review("en", "en");
    let md = std::fs::read_to_string(en.join("report.md")).unwrap();
    assert!(md.contains("Further scenarios by impact"));
    assert!(md.contains("The other 2,995 follow here, one line each."));
    assert!(md.contains("Showing 25 of 2,995; review.json has all of them."));
    assert!(md.contains("… and 2,995 more scenarios"));
}
