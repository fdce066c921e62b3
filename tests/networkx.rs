//! The networkx comparison (`benches/networkx/compare.py`) agrees with
//! exitgraph on the generated 1,000-system landscape: the cut-off simulation
//! of `us-sanctions`, the critical path of leaving the largest vendor, and
//! every in-use system's dependents counts; and its checks catch a wrong
//! result. Needs `python3` with networkx: skipped with a message without
//! them, a failure when the environment variable `CI` is set (`.ci/run`
//! installs networkx).

#[path = "../benches/networkx/dependents.rs"]
mod dependents;

use exitgraph::generate::{GenOptions, generate};
use exitgraph::graph::Graph;
use exitgraph::model::{self, Cut, Limits};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/networkx/compare.py");

/// Whether `python3` can import networkx; explains why not.
fn networkx() -> Result<(), String> {
    match Command::new("python3")
        .args(["-c", "import networkx, tomllib"])
        .output()
    {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "python3 cannot import networkx and tomllib: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => Err(format!("python3 is not available: {e}")),
    }
}

fn exitgraph(args: &[&str], out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_exitgraph"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("exitgraph runs: {e}"));
    assert!(
        o.status.success(),
        "exitgraph {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::write(out, &o.stdout).unwrap_or_else(|e| panic!("{e}"));
}

struct Inputs {
    model: PathBuf,
    simulate: PathBuf,
    exit: PathBuf,
    dependents: PathBuf,
}

fn compare(i: &Inputs) -> (Output, serde_json::Value) {
    let o = Command::new("python3")
        .arg(SCRIPT)
        .arg(&i.model)
        .args(["--scenario", "us-sanctions", "--simulate"])
        .arg(&i.simulate)
        .arg("--exit")
        .arg(&i.exit)
        .arg("--dependents")
        .arg(&i.dependents)
        .output()
        .unwrap_or_else(|e| panic!("python3 runs: {e}"));
    let summary = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "the script prints a JSON summary ({e}); stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o, summary)
}

#[test]
fn networkx_agrees_with_exitgraph_and_catches_a_wrong_day() {
    if let Err(why) = networkx() {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set, so the networkx comparison must run: {why}");
        }
        eprintln!("skipped: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = generate(&GenOptions::new(1_000, 1)).unwrap_or_else(|e| panic!("{e}"));
    let i = Inputs {
        model: dir.path().join("g1000.toml"),
        simulate: dir.path().join("simulate.json"),
        exit: dir.path().join("exit.json"),
        dependents: dir.path().join("dependents.json"),
    };
    std::fs::write(&i.model, &text).unwrap_or_else(|e| panic!("{e}"));
    let g = Graph::build(
        model::load_str("g1000.toml", &i.model, &text, &Limits::default())
            .unwrap_or_else(|_| panic!("the generated model loads")),
    );
    let m = g.model();
    let largest = m
        .scenario_id("largest-vendor-cut")
        .and_then(|s| match m.scenario(s).cuts.first().map(|c| &c.target) {
            Some(Cut::Vendor(v)) => Some(m.vendor(*v).id.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the generator writes the largest-vendor-cut scenario"));
    let model_path = i.model.to_string_lossy().to_string();
    exitgraph(
        &[
            "simulate",
            &model_path,
            "--scenario",
            "us-sanctions",
            "--format",
            "json",
        ],
        &i.simulate,
    );
    // The critical path does not depend on the Monte Carlo runs; few keep the debug build fast.
    exitgraph(
        &[
            "exit",
            &model_path,
            "--vendor",
            &largest,
            "--runs",
            "100",
            "--format",
            "json",
        ],
        &i.exit,
    );
    let counts = serde_json::to_vec(&dependents::dependents(&g)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&i.dependents, counts).unwrap_or_else(|e| panic!("{e}"));

    let (o, summary) = compare(&i);
    assert!(
        o.status.success() && summary["agree"] == true,
        "networkx and exitgraph disagree: {}",
        summary["problems"]
    );
    // The comparison covered real work, not an empty cut or plan.
    assert!(summary["simulate"]["systems_down"].as_u64() > Some(100));
    assert!(summary["critical_path"]["systems"].as_u64() > Some(100));
    assert_eq!(
        summary["dependents"]["systems"].as_u64(),
        Some(m.systems.iter().filter(|s| s.in_use()).count() as u64)
    );

    // One system down a day later: the script must see it.
    let mut sim: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&i.simulate).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
    let first = sim["systems"]
        .as_array_mut()
        .and_then(|l| l.iter_mut().find(|s| s["state"] == "down"))
        .unwrap_or_else(|| panic!("a system is down"));
    first["down_from_day"] = serde_json::json!(first["down_from_day"].as_u64().unwrap_or(0) + 1);
    std::fs::write(&i.simulate, serde_json::to_vec(&sim).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    let (o, summary) = compare(&i);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(summary["agree"], false);
    assert!(
        summary["problems"][0]
            .as_str()
            .is_some_and(|p| p.starts_with("simulate systems: 1 differ")),
        "{}",
        summary["problems"]
    );
}
