//! `exitgraph score` end to end: the five dimensions in the order,
//! totals that add up, the same numbers in table and JSON, SEAL levels.

use assert_cmd::Command;
use exitgraph::analysis::sovereignty::DimensionKey;
use exitgraph::render::i18n::Tr;
use serde_json::Value;
use std::path::PathBuf;

fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn exitgraph() -> Command {
    let mut c = Command::cargo_bin("exitgraph").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn run(args: &[&str]) -> String {
    let out = exitgraph().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn score_json(model: &str) -> Value {
    serde_json::from_str(&run(&["score", model, "--format", "json"])).unwrap()
}

#[test]
fn five_dimensions_in_order_with_shares_scores_and_a_level() {
    let r = score_json(&example("musterstadt.toml"));
    let dims = r["dimensions"].as_array().unwrap();
    let keys: Vec<&str> = dims.iter().map(|d| d["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        vec![
            "data",
            "technology",
            "competence",
            "standards",
            "governance"
        ]
    );
    let mut total = 0;
    for d in dims {
        for k in ["key", "share", "score", "basis"] {
            assert!(d.get(k).is_some(), "{k}");
        }
        let share = d["share"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&share));
        let score = d["score"].as_u64().unwrap();
        assert!((1..=5).contains(&score));
        // the band of the share (edges inclusive upwards)
        let expected = ((share * 5.0 + 1e-9).floor() as u64 + 1).min(5);
        assert_eq!(score, expected, "{}", d["key"]);
        total += score;
    }
    assert_eq!(r["total"].as_u64().unwrap(), total);
    let level = r["level"].as_str().unwrap();
    let expected = match total {
        0..=10 => "critically_dependent",
        11..=18 => "hybrid",
        _ => "sovereign_on_course",
    };
    assert_eq!(level, expected);
}

#[test]
fn musterstadt_uses_its_declared_competence_and_names_what_pulls_down() {
    let r = score_json(&example("musterstadt.toml"));
    let competence = &r["dimensions"][2];
    assert_eq!(competence["score"], 2);
    assert_eq!(competence["basis"]["kind"], "declared");
    assert_eq!(competence["basis"]["value"], 2);
    let table = run(&["score", &example("musterstadt.toml")]);
    assert!(
        table.contains("declared: [organisation] it_competence = 2"),
        "{table}"
    );
    // data sovereignty is pulled down by the Microsoft cloud services
    let pulls: Vec<&str> = r["dimensions"][0]["pulled_down_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(pulls.contains(&"exchange-online"), "{pulls:?}");
    // governance: m365 has an exit plan, alternatives and exports
    let gov: Vec<&str> = r["dimensions"][4]["pulled_down_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(!gov.contains(&"m365") && gov.contains(&"windows-clients"));
}

#[test]
fn seal_levels_are_indicative_and_follow_the_ownership_chain() {
    let r = score_json(&example("musterstadt.toml"));
    let seal: Vec<(&str, u64)> = r["seal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            assert_eq!(s["indicative"], true);
            (s["system"].as_str().unwrap(), s["level"].as_u64().unwrap())
        })
        .collect();
    let level = |id: &str| seal.iter().find(|x| x.0 == id).unwrap().1;
    assert_eq!(level("x-account"), 0);
    assert_eq!(level("m365"), 1);
    assert_eq!(level("vsphere"), 2);
    assert_eq!(level("einwohnerwesen"), 3);
    assert_eq!(level("nextcloud"), 4);
}

#[test]
fn the_table_shows_the_json_numbers() {
    let m = example("musterstadt.toml");
    let r = score_json(&m);
    let table = run(&["score", &m]);
    for d in r["dimensions"].as_array().unwrap() {
        let key = DimensionKey::from_key(d["key"].as_str().unwrap()).unwrap();
        let name = Tr::EN.dimension(key);
        let line = table
            .lines()
            .find(|l| l.contains(name) && l.contains("/ 5"))
            .unwrap_or_else(|| panic!("{name} missing"));
        let share = d["share"].as_f64().unwrap();
        assert!(line.contains(&format!("{:.2}%", share * 100.0)), "{line}");
        assert!(line.contains(&format!("{} / 5", d["score"])), "{line}");
    }
    let level = r["level"].as_str().unwrap().replace('_', " ");
    assert!(table.contains(&format!("Total {} of 25: {level}", r["total"])));
    assert!(table.contains("an indication, not an assessment"));
}

#[test]
fn the_minimal_example_scores_too() {
    let r = score_json(&example("minimal.toml"));
    assert_eq!(r["dimensions"].as_array().unwrap().len(), 5);
}
