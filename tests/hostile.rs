//! Hostile sizes: landscapes generated in the test at the sizes that once
//! made commands quadratic (a dense random graph of 5,000 systems for
//! `paths`, a chain of 20,000 systems for `hotspots`, a `parent` chain of
//! 10,000 vendors for `export --to json`). Each test checks the answer and
//! bounds the size of the output; none measures time.

mod common;

use common::{arg, json, run_ok, tmp};
use serde_json::Value;

/// Writes `text` as `model.toml` in `dir` and returns its path.
fn write(dir: &std::path::Path, text: &str) -> String {
    let p = dir.join("model.toml");
    std::fs::write(&p, text).unwrap_or_else(|e| panic!("cannot write the model: {e}"));
    arg(&p)
}

/// The JSON export of a 10,000-vendor `parent` chain names each parent once:
/// the output grows with the vendors, not with the square of the chain.
#[test]
fn a_vendor_chain_of_10000_exports_each_parent_once() {
    let dir = tmp();
    let model = write(dir.path(), &common::vendor_chain_model(10_000));
    let out = run_ok(&["export", &model, "--to", "json"]);
    assert!(out.len() < 10_000_000, "export of {} bytes", out.len());
    let j: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON: {e}"));
    assert_eq!(j["version"], 2);
    let vendors = j["vendors"]
        .as_array()
        .unwrap_or_else(|| panic!("no vendors"));
    assert_eq!(vendors.len(), 10_000);
    let last = &vendors[9_999];
    assert_eq!(last["id"], "v9999");
    assert_eq!(last["parent"], "v9998");
    assert_eq!(last["top_parent"], "v0");
    assert!(last.get("ownership_chain").is_none());
    // The exposure still covers the whole chain (US, DE, CN, FR in turn).
    assert_eq!(
        last["exposure"],
        serde_json::json!(["CN", "DE", "FR", "US"])
    );
    assert_eq!(vendors[0]["exposure"], serde_json::json!(["US"]));
    assert_eq!(vendors[1]["exposure"], serde_json::json!(["DE", "US"]));
}

/// `paths` on a dense random graph of 5,000 systems: every tree is cut at
/// 1,000 nodes with a count of the rest, and the single points are right
/// (the dependencies form one large cycle, so each service's needs hang
/// on it).
#[test]
fn paths_on_a_dense_graph_of_5000_systems_are_capped_and_counted() {
    let dir = tmp();
    let model = write(dir.path(), &common::dense_random_model(5_000, 7));
    let out = run_ok(&["paths", &model, "--format", "json"]);
    assert!(out.len() < 20_000_000, "paths of {} bytes", out.len());
    let j: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let services = j["services"]
        .as_array()
        .unwrap_or_else(|| panic!("no services"));
    assert_eq!(services.len(), 20);
    for s in services {
        let tree = s["tree"].as_array().unwrap_or_else(|| panic!("no tree"));
        assert_eq!(tree.len(), 1_000);
        // Every system once in full, plus its makers, operators and groups.
        let omitted = s["tree_omitted"].as_u64().unwrap_or(0);
        assert!(omitted > 5_000, "only {omitted} nodes omitted");
        let spof = s["single_point_systems"].as_array().map_or(0, |a| a.len());
        let more = s["single_point_systems_omitted"].as_u64().unwrap_or(0) as usize;
        assert!(spof <= 1_000);
        // A system's single points include what it needs directly.
        let first = tree[0]["id"].as_str().unwrap_or("");
        assert_eq!(tree[0]["single_point"], true, "{first}");
        assert!(spof + more > 1_000, "{} single points", spof + more);
    }
    // The text output says how much it left out.
    let text = run_ok(&["paths", &model, "--service", "svc0"]);
    assert!(text.contains("more entries not listed (a tree lists at most 1000)"));
}

/// Every link of a chain is a single point of the service on top.
#[test]
fn every_link_of_a_chain_is_a_single_point() {
    let dir = tmp();
    let model = write(dir.path(), &common::system_chain_model(50));
    let j = json(&["paths", &model, "--format", "json"]);
    assert_eq!(
        j["services"][0]["single_point_systems"]
            .as_array()
            .map(Vec::len),
        Some(50)
    );
}

/// `hotspots` on a chain of 20,000 systems: every link carries the links
/// above it, counted exactly, and the service on top fails with each.
#[test]
fn hotspots_on_a_chain_of_20000_systems_count_every_link_above() {
    let dir = tmp();
    let model = write(dir.path(), &common::system_chain_model(20_000));
    let j = json(&["hotspots", &model, "--format", "json", "--top", "3"]);
    let systems = j["systems"]
        .as_array()
        .unwrap_or_else(|| panic!("no systems"));
    assert_eq!(systems.len(), 3);
    for s in systems {
        // s<k> is relied on by s0 .. s<k-1>: one directly, k - 1 indirectly.
        let id = s["id"].as_str().unwrap_or("");
        let k: usize = id[1..].parse().unwrap_or_else(|e| panic!("{id}: {e}"));
        let reason = s["factors"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["name"] == "interfaces"))
            .map(|f| f["reason"].clone())
            .unwrap_or_else(|| panic!("no interfaces factor"));
        assert_eq!(reason["direct_systems"], u64::from(k > 0));
        assert_eq!(reason["indirect_systems"], k.saturating_sub(1));
        assert_eq!(reason["indirect_services"], u64::from(k > 0));
        let parts = s["impact_parts"]
            .as_array()
            .unwrap_or_else(|| panic!("no parts"));
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1]["service"], "svc");
        assert_eq!(parts[1]["how"], "fails_if_cut");
    }
    // The whole table: one row per system, of bounded width.
    let csv = run_ok(&["hotspots", &model, "--format", "csv"]);
    assert_eq!(csv.lines().count(), 20_001);
    assert!(csv.len() < 20_001 * 120, "{} bytes", csv.len());
}
