//! `exitgraph diff`: a model against itself shows no changes; against a
//! changed copy exactly the changes; a review.json is read through its
//! `"snapshot"` member; unreadable inputs are exit code 2.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn exitgraph() -> Command {
    let mut c = Command::cargo_bin("exitgraph").expect("binary builds");
    c.env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn diff_json(old: &Path, new: &Path) -> Value {
    let out = exitgraph()
        .arg("diff")
        .arg(old)
        .arg(new)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

/// A copy of examples/minimal.toml with four edits: LibreOffice replaced
/// by Collabora (a system removed, one added; Microsoft 365 names the new
/// one as its alternative, which scores the same), Microsoft 365's export
/// removed (a score factor), and the subscription's end moved a year.
fn changed_copy(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(root().join("examples/minimal.toml")).unwrap();
    let edits = [
        (
            "exports = [\"odf\"]               # formats",
            "exports = []                    # formats",
        ),
        (
            "alternatives = [\"libreoffice\"]",
            "alternatives = [\"collabora\"]",
        ),
        (
            "id = \"libreoffice\"\nname = \"LibreOffice\"",
            "id = \"collabora\"\nname = \"Collabora Online\"",
        ),
        ("end = 2027-12-31 ", "end = 2028-12-31 "),
    ];
    let mut changed = text.clone();
    for (from, to) in edits {
        assert!(changed.contains(from), "the example still has `{from}`");
        changed = changed.replacen(from, to, 1);
    }
    let path = dir.join("minimal-changed.toml");
    std::fs::write(&path, changed).unwrap();
    path
}

#[test]
fn a_model_against_itself_shows_no_changes() {
    for model in ["examples/minimal.toml", "examples/musterstadt.toml"] {
        exitgraph()
            .args(["diff", model, model])
            .assert()
            .code(0)
            .stdout(predicates::str::ends_with("no changes\n"));
        let d = diff_json(&root().join(model), &root().join(model));
        assert_eq!(d["unchanged"], true);
        assert_eq!(d["notes"], json!([]));
    }
    exitgraph()
        .args([
            "diff",
            "examples/minimal.toml",
            "examples/minimal.toml",
            "--format",
            "markdown",
        ])
        .assert()
        .code(0)
        .stdout(
            "# Changes in Gemeinde Beispielhausen from 2026-12-01 to 2026-12-01\n\nNo changes.\n",
        );
}

#[test]
fn a_changed_copy_shows_exactly_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let new = changed_copy(dir.path());
    let d = diff_json(&root().join("examples/minimal.toml"), &new);
    assert_eq!(d["unchanged"], false);
    assert_eq!(ids(&d["systems"]["added"]), ["collabora"]);
    assert_eq!(ids(&d["systems"]["removed"]), ["libreoffice"]);
    // Removing the export: data portability 3.0 -> 13.0 (export part 0 -> 1
    // of its 0.5 share of 20 points), the score 38.3 -> 48.3.
    assert_eq!(
        d["systems"]["changed"],
        json!([{
            "id": "m365",
            "name": "Microsoft 365",
            "lockin": { "old": 38.3, "new": 48.3, "direction": "up", "reading": "worse" },
            "factors": [{
                "factor": "data_portability", "old": 3.0, "new": 13.0,
                "direction": "up", "reading": "worse"
            }]
        }])
    );
    assert_eq!(
        d["vendors"],
        json!({ "added": [], "removed": [], "changed": [] })
    );
    // One year later: the next exit, its notice and the decision move by a
    // year; the decision (2028-03-11) leaves the 12-month horizon.
    assert_eq!(
        d["contracts"]["changed"],
        json!([{
            "id": "m365-subscription",
            "vendor": "microsoft-ireland",
            "next_exit": { "old": "2027-12-31", "new": "2028-12-31", "direction": "up" },
            "notice_deadline": { "old": "2027-10-31", "new": "2028-10-31", "direction": "up" },
            "decision_deadline": { "old": "2027-03-11", "new": "2028-03-11", "direction": "up" },
            "status": { "old": "due", "new": "ok" }
        }])
    );
    assert!(
        d["contracts"]["added"].as_array().unwrap().is_empty()
            && d["contracts"]["removed"].as_array().unwrap().is_empty()
    );
    // Nothing of the self-check or the spend moved.
    for dim in d["sovereignty"]["dimensions"].as_array().unwrap() {
        assert_eq!(dim["score"]["direction"], "same", "{dim}");
        assert_eq!(dim["share"]["direction"], "same", "{dim}");
    }
    assert_eq!(d["sovereignty"]["total"]["direction"], "same");
    for k in ["total", "hhi", "untrusted_share", "untrusted_cost"] {
        assert_eq!(d["spend"][k]["direction"], "same", "{k}");
    }
    // Microsoft 365 (hotspot now above Entra ID's) takes the first place.
    assert_eq!(
        d["hotspots"],
        json!({
            "top": 10,
            "resolved": [],
            "new": [],
            "moved": [
                { "id": "m365", "name": "Microsoft 365", "old_rank": 2, "new_rank": 1 },
                { "id": "entra-id", "name": "Microsoft Entra ID", "old_rank": 1, "new_rank": 2 }
            ]
        })
    );
}

#[test]
fn the_table_shows_arrows() {
    let dir = tempfile::tempdir().unwrap();
    let new = changed_copy(dir.path());
    let out = exitgraph()
        .arg("diff")
        .arg("examples/minimal.toml")
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Changes in Gemeinde Beispielhausen from 2026-12-01 to 2026-12-01\n"));
    assert!(
        text.contains("Systems: 1 added, 1 removed, 1 changed"),
        "{text}"
    );
    assert!(
        text.contains("lock-in 38.3 ↑ 48.3 (+10.0, worse)"),
        "{text}"
    );
    assert!(text.contains("next exit 2027-12-31 ↑ 2028-12-31"), "{text}");
    assert!(!text.contains("Vendors:"), "{text}");
    let md = exitgraph()
        .arg("diff")
        .arg("examples/minimal.toml")
        .arg(&new)
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("## Systems: 1 added, 1 removed, 1 changed\n\n|   | system | name | change |\n|---|---|---|---|\n| added | collabora | Collabora Online | candidate, lock-in 16.6, vendor group self |\n"), "{md}");
    assert!(
        md.contains("data\\_portability 3.0 ↑ 13.0 (+10.0, worse)"),
        "{md}"
    );
}

#[test]
fn a_review_json_is_read_through_its_snapshot() {
    let d = diff_json(
        &root().join("tests/fixtures/diff/review-2025.json"),
        &root().join("examples/minimal.toml"),
    );
    assert_eq!(
        (d["old"]["as_of"].as_str(), d["new"]["as_of"].as_str()),
        (Some("2025-12-01"), Some("2026-12-01"))
    );
    assert_eq!(d["notes"], json!([]));
    assert_eq!(ids(&d["systems"]["added"]), ["libreoffice"]);
    assert_eq!(ids(&d["systems"]["removed"]), ["teams"]);
    assert_eq!(ids(&d["vendors"]["removed"]), ["zoom"]);
    // Microsoft 365 gained a trusted alternative. Entra ID's switch time
    // grew because the estimate now counts the systems that run on it
    // (Microsoft 365 depends on it): 4.1 -> 4.3 points.
    assert_eq!(
        d["systems"]["changed"][0],
        json!({
            "id": "entra-id",
            "name": "Microsoft Entra ID",
            "lockin": { "old": 44.5, "new": 44.7, "direction": "up", "reading": "worse" },
            "factors": [{
                "factor": "switch_time", "old": 4.1, "new": 4.3,
                "direction": "up", "reading": "worse"
            }]
        })
    );
    assert_eq!(
        d["systems"]["changed"][1],
        json!({
            "id": "m365",
            "name": "Microsoft 365",
            "lockin": { "old": 43.3, "new": 38.3, "direction": "down", "reading": "better" },
            "factors": [{
                "factor": "alternatives", "old": 5.0, "new": 0.0,
                "direction": "down", "reading": "better"
            }]
        })
    );
    assert_eq!(d["systems"]["changed"].as_array().map(Vec::len), Some(2));
    let k = &d["contracts"]["changed"][0];
    assert_eq!(
        k["annual_cost"],
        json!({ "old": 40000.0, "new": 45000.0, "direction": "up" })
    );
    assert_eq!(k["decision_deadline"]["new"], "2027-03-11");
    assert!(k.get("status").is_none());
    assert_eq!(
        d["sovereignty"]["total"],
        json!({ "old": 7, "new": 9, "direction": "up", "reading": "better" })
    );
    assert_eq!(d["sovereignty"]["dimensions"][1]["score"]["old"], 3);
    assert_eq!(d["spend"]["untrusted_cost"]["reading"], "worse");
    assert_eq!(
        d["hotspots"]["resolved"],
        json!([{ "id": "teams", "name": "Microsoft Teams", "old_rank": 1, "new_rank": null, "why": "removed" }])
    );
    assert_eq!(
        d["hotspots"]["moved"],
        json!([
            { "id": "entra-id", "name": "Microsoft Entra ID", "old_rank": 2, "new_rank": 1 },
            { "id": "m365", "name": "Microsoft 365", "old_rank": 3, "new_rank": 2 }
        ])
    );
    // A review against itself.
    let f = root().join("tests/fixtures/diff/review-2025.json");
    assert_eq!(diff_json(&f, &f)["unchanged"], true);
}

#[test]
fn unreadable_json_inputs_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let review =
        std::fs::read_to_string(root().join("tests/fixtures/diff/review-2025.json")).unwrap();
    let cases = [
        (
            "none.json",
            "{\"title\": \"x\"}".to_string(),
            "has no `snapshot` member",
        ),
        (
            "v2.json",
            review.replace("\"snapshot_version\": 1", "\"snapshot_version\": 2"),
            "has a snapshot of snapshot_version 2; this exitgraph reads version 1",
        ),
        (
            "noversion.json",
            review.replace("\"snapshot_version\": 1,", ""),
            "has a snapshot without `snapshot_version`",
        ),
        ("broken.json", "{".to_string(), "is not valid JSON"),
    ];
    for (name, text, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = exitgraph()
            .arg("diff")
            .arg(&path)
            .arg("examples/minimal.toml")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(expected), "{name}: {err}");
        assert!(out.stdout.is_empty());
    }
    // A missing file and an invalid model are exit code 2 too.
    exitgraph()
        .args(["diff", "nope.json", "examples/minimal.toml"])
        .assert()
        .code(2);
    exitgraph()
        .args([
            "diff",
            "examples/minimal.toml",
            "tests/fixtures/diag/unknown-key.toml",
        ])
        .assert()
        .code(2);
}

#[test]
fn the_as_of_option_dates_both_models() {
    let d = diff_json(
        &root().join("examples/minimal.toml"),
        &root().join("examples/minimal.toml"),
    );
    assert_eq!(d["old"]["as_of"], "2026-12-01");
    let out = exitgraph()
        .args([
            "diff",
            "examples/minimal.toml",
            "examples/minimal.toml",
            "--as-of",
            "2027-11-01",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["new"]["as_of"], "2027-11-01");
    assert_eq!(d["unchanged"], true);
}
