//! `exitgraph explain`, `paths` and `catalog` end to end.

use assert_cmd::Command;
use serde_json::Value;
use std::path::PathBuf;

fn example() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/musterstadt.toml")
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

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&run(args)).unwrap()
}

fn fails(args: &[&str]) -> String {
    let out = exitgraph().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn explaining_m365_shows_its_exposure_chain_and_score_factors() {
    let m = example();
    let text = run(&["explain", &m, "m365"]);
    assert!(text.contains(
        "operated by Microsoft Ireland Operations Ltd (IE) -> controlled by Microsoft Corporation (US)"
    ));
    let j = json(&["explain", &m, "m365", "--format", "json"]);
    assert_eq!(j["kind"], "system");
    assert!(text.contains(&format!(
        "Lock-in score {:.1} of 100",
        j["score"]["score"].as_f64().unwrap()
    )));
    // every factor's points, as in the JSON
    for f in j["score"]["factors"].as_array().unwrap() {
        let name = f["name"].as_str().unwrap().replace('_', " ");
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(&name))
            .unwrap_or_else(|| panic!("{name}"));
        assert!(
            line.contains(&format!("{:.1}", f["points"].as_f64().unwrap())),
            "{line}"
        );
    }
    // the same score as in the hotspots report
    let h = json(&["hotspots", &m, "--format", "json"]);
    let row = h["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "m365")
        .unwrap();
    assert_eq!(row["score"], j["score"]["score"]);
    assert_eq!(row["rank"], j["hotspot"]["rank"]);
    assert!(text.contains("Switch estimate"));
    assert!(text.contains("ms-ea-cloud"));
}

#[test]
fn systems_without_alternatives_get_catalogue_suggestions() {
    let j = json(&["explain", &example(), "webex", "--format", "json"]);
    // webex names its alternatives itself: they are listed, with trust
    let labels: Vec<&str> = j["alternatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(
        labels.iter().any(|l| l.starts_with("bigbluebutton")),
        "{labels:?}"
    );
    let j = json(&["explain", &example(), "nextcloud", "--format", "json"]);
    let ids: Vec<&str> = j["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    // other file-sharing products, not Nextcloud itself
    assert!(
        ids.contains(&"luckycloud") && !ids.contains(&"nextcloud"),
        "{ids:?}"
    );
    assert_eq!(j["seal"]["level"], 4);
}

#[test]
fn vendors_contracts_and_services_are_explained_too() {
    let m = example();
    let v = json(&["explain", &m, "broadcom", "--format", "json"]);
    assert_eq!(v["kind"], "vendor");
    assert_eq!(v["controls"], serde_json::json!(["vmware"]));
    // vSphere stops when its licence check runs out, 30 days after the cut
    let vs = v["if_cut"]["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x[0] == "vsphere")
        .unwrap();
    assert_eq!(vs[1], 30);
    let c = json(&["explain", &m, "webex-telekom", "--format", "json"]);
    assert_eq!(c["kind"], "contract");
    assert_eq!(c["data_act"].as_array().unwrap().len(), 2);
    let s = run(&["explain", &m, "service:residents-registration"]);
    assert!(s.contains("single points of failure, vendors: ekom21 (DE)"));
}

#[test]
fn ambiguous_and_unknown_ids_exit_2_with_a_hint() {
    let m = example();
    let err = fails(&["explain", &m, "open-xchange"]);
    assert!(
        err.contains("`system:open-xchange` or `vendor:open-xchange`"),
        "{err}"
    );
    assert_eq!(
        json(&["explain", &m, "vendor:open-xchange", "--format", "json"])["kind"],
        "vendor"
    );
    let err = fails(&["explain", &m, "system:m36"]);
    assert!(err.contains("did you mean `system:m365`?"), "{err}");
    fails(&["explain", &m, "nothing-like-this"]);
    fails(&["explain", &m, "odf"]);
    fails(&["explain", &m, "thing:m365"]);
}

#[test]
fn paths_mark_single_points_and_default_to_critical_services() {
    let m = example();
    let j = json(&[
        "paths",
        &m,
        "--service",
        "council-information",
        "--format",
        "json",
    ]);
    let s = &j["services"][0];
    let systems: Vec<&str> = s["single_point_systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert!(systems.contains(&"m365") && systems.contains(&"vsphere"));
    let vendors: Vec<&str> = s["single_point_vendors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert!(vendors.contains(&"microsoft"));
    let all = json(&["paths", &m, "--format", "json"]);
    let ids: Vec<&str> = all["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["service"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"residents-registration") && !ids.contains(&"file-exchange"));
    // redundant internet uplinks are no single point of failure
    let text = run(&["paths", &m, "--service", "residents-registration"]);
    assert!(text.contains("one of uplink-telekom"));
    assert!(
        !text.contains("uplink-telekom  Internetanbindung Telekom (1 Gbit/s Glasfaser) [SPOF]")
    );
    let err = fails(&["paths", &m, "--service", "payrol"]);
    assert!(err.contains("did you mean `payroll`?"), "{err}");
}

#[test]
fn catalog_lists_by_category() {
    let text = run(&["catalog", "--category", "virtualisation"]);
    assert!(text.contains("proxmox-ve"));
    assert!(text.contains("Proxmox Server Solutions GmbH"));
    let j: Value = serde_json::from_str(&run(&["catalog", "--format", "json"])).unwrap();
    assert!(j.as_array().unwrap().len() >= 30);
    let err = fails(&["catalog", "--category", "virtualization"]);
    assert!(err.contains("did you mean `virtualisation`?"), "{err}");
}

/// Every explanation carries the deadlines of its contracts (issue 4:
/// "its switch estimate, its deadlines"), for the review date given.
#[test]
fn explanations_carry_their_contract_deadlines() {
    let ex = example();
    let c = json(&[
        "explain",
        &ex,
        "ms-ea-cloud",
        "--format",
        "json",
        "--as-of",
        "2026-12-01",
    ]);
    let rows = c["deadlines"].as_array().expect("a deadlines list");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], "ms-ea-cloud");
    assert_eq!(rows[0]["next_exit"], "2027-06-30");
    assert!(rows[0]["decision_deadline"].is_string());

    // A system lists exactly the contracts that cover it.
    let s = json(&["explain", &ex, "m365", "--format", "json"]);
    let mut want: Vec<&str> = s["contracts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let mut got: Vec<&str> = s["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);

    let text = run(&["explain", &ex, "residents-registration"]);
    assert!(text.contains("\nDeadlines\n"), "{text}");
    assert!(text.contains("next exit"), "{text}");
    // A later review date moves the next exit.
    let later = json(&[
        "explain",
        &ex,
        "ms-ea-cloud",
        "--format",
        "json",
        "--as-of",
        "2027-08-01",
    ]);
    assert_ne!(later["deadlines"][0]["next_exit"], "2027-06-30");
}
