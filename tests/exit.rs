//! `exitgraph exit` end to end on the example models.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

const MODEL: &str = "examples/musterstadt.toml";

fn run(args: &[&str]) -> std::process::Output {
    cargo_bin_cmd!("exitgraph")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run exitgraph: {e}"))
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(args: &[&str]) -> Value {
    let o = run(args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

#[test]
fn the_microsoft_exit_plan_reads_as_a_table() {
    let o = run(&["exit", MODEL, "--vendor", "microsoft"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for needle in [
        "Exit plan: leave Microsoft Corporation (vendor:microsoft)",
        "vendors covered: microsoft, microsoft-deutschland, microsoft-ireland",
        "at most 2 at a time",
        "critical path (expected)",
        "windows-clients",
        "Monte Carlo of the schedule, 10,000 runs",
        "contracts left behind",
        "ms-ea-cloud",
        "payback",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
}

#[test]
fn the_json_plan_has_the_documented_fields_and_consistent_numbers() {
    let v = json(&["exit", MODEL, "--vendor", "microsoft", "--format", "json"]);
    assert_eq!(v["target"], "vendor:microsoft");
    let systems = v["systems"].as_array().cloned().unwrap_or_default();
    assert!(systems.iter().any(|s| s["id"] == "m365"));
    for s in &systems {
        for key in [
            "id",
            "optimistic_days",
            "likely_days",
            "pessimistic_days",
            "expected_days",
            "cost",
        ] {
            assert!(s.get(key).is_some(), "system lacks {key}");
        }
    }
    // m365 is given as 9mo / 18mo / 36mo: 30.4375 x (9 + 4 x 18 + 36) / 6.
    let m365 = systems
        .iter()
        .find(|s| s["id"] == "m365")
        .cloned()
        .unwrap_or_default();
    assert_eq!(m365["expected_days"], 593.53125);
    let num = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    assert!(num("p50_days") <= num("p80_days") && num("p80_days") <= num("p95_days"));
    assert!(num("expected_days") <= num("scheduled_days"));
    let cp: Vec<&str> = v["critical_path"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    // Every Microsoft system is replaced, and a replacement brings its own
    // platform: no step waits for another (m365 does not wait for the
    // Windows clients it runs on). The critical path is the longest step;
    // the team's capacity (2 at a time) makes the schedule longer.
    assert!(systems.iter().all(|s| s["kind"] == "replace"));
    assert_eq!(cp, ["windows-clients"]);
    assert!(tasks_without_predecessors(&v));
    let expected = |id: &str| {
        systems
            .iter()
            .find(|s| s["id"] == id)
            .and_then(|s| s["expected_days"].as_f64())
            .unwrap_or(f64::NAN)
    };
    let sum: f64 = cp.iter().map(|id| expected(id)).sum();
    assert!(
        (num("expected_days") - sum).abs() < 1e-9,
        "{} vs {sum}",
        num("expected_days")
    );
    let tasks = v["tasks"].as_array().cloned().unwrap_or_default();
    assert_eq!(tasks.len(), systems.len());
    for t in &tasks {
        assert!(
            t.get("id").is_some() && t.get("start_day").is_some() && t.get("finish_day").is_some()
        );
    }
}

fn tasks_without_predecessors(v: &Value) -> bool {
    v["tasks"].as_array().is_some_and(|t| {
        t.iter()
            .all(|t| t["after"].as_array().is_some_and(Vec::is_empty))
    })
}

#[test]
fn the_regional_provider_is_left_by_moving_its_applications_and_the_link_goes_last() {
    let v = json(&["exit", MODEL, "--vendor", "ekom21", "--format", "json"]);
    let kind = |id: &str| {
        v["systems"]
            .as_array()
            .and_then(|a| a.iter().find(|s| s["id"] == id))
            .map(|s| s["kind"].as_str().unwrap_or("").to_string())
            .unwrap_or_else(|| panic!("{id} not in the plan"))
    };
    // Specialist applications of other makers move with their data.
    for id in ["einwohnerwesen", "standesamt", "finanzwesen"] {
        assert_eq!(kind(id), "rehost", "{id}");
    }
    // What ekom21 makes itself is replaced.
    for id in ["kfz-zulassung", "personalwesen", "buergerportal"] {
        assert_eq!(kind(id), "replace", "{id}");
    }
    // The KDN link is switched off after everything that needs it.
    assert_eq!(kind("kdn-anbindung"), "decommission");
    let tasks = v["tasks"].as_array().cloned().unwrap_or_default();
    let link = tasks.iter().find(|t| t["id"] == "kdn-anbindung").unwrap();
    let finish = |t: &Value| t["finish_day"].as_f64().unwrap();
    let start = link["start_day"].as_f64().unwrap();
    for t in &tasks {
        let id = t["id"].as_str().unwrap();
        if [
            "einwohnerwesen",
            "standesamt",
            "finanzwesen",
            "kfz-zulassung",
            "personalwesen",
        ]
        .contains(&id)
        {
            assert!(
                finish(t) <= start,
                "{id} ends after the link is switched off"
            );
        }
    }
    // The mandated federal register is kept.
    let mandated: Vec<&str> = v["mandated"]
        .as_array()
        .map(|a| a.iter().filter_map(|m| m["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        mandated.is_empty(),
        "kba-zfzr is run by the KBA, not ekom21"
    );
    // Far shorter than replacing everything (4.4 years before).
    let p80 = v["p80_days"].as_f64().unwrap();
    assert!(p80 < 2.5 * 365.25, "{p80}");
    // Rehosting SAP keeps SAP's support contract; ekom21's contract ends.
    let left: Vec<&str> = v["contracts_left_behind"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(left, ["ekom21-betrieb"]);
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_another_sample() {
    let args = [
        "exit",
        MODEL,
        "--jurisdiction",
        "US",
        "--format",
        "json",
        "--runs",
        "2000",
    ];
    let a = run(&args);
    let b = run(&args);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let mut other = args.to_vec();
    other.extend(["--seed", "1"]);
    let c = run(&other);
    assert_ne!(a.stdout, c.stdout);
}

#[test]
fn jurisdiction_and_system_targets_work() {
    let v = json(&["exit", MODEL, "--jurisdiction", "us", "--format", "json"]);
    assert_eq!(v["target"], "jurisdiction:US");
    let ids: Vec<&str> = v["systems"]
        .as_array()
        .map(|a| a.iter().filter_map(|s| s["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(ids.contains(&"vsphere") && ids.contains(&"backup") && ids.contains(&"m365"));
    let v = json(&[
        "exit",
        MODEL,
        "--systems",
        "teams,exchange-online",
        "--format",
        "json",
    ]);
    assert_eq!(v["target"], "systems:exchange-online,teams");
    // Both are replaced: Teams' replacement does not wait for Exchange's.
    assert_eq!(v["critical_path"], serde_json::json!(["teams"]));
    let v = json(&[
        "exit",
        MODEL,
        "--contract",
        "ms-unified-support",
        "--format",
        "json",
    ]);
    assert_eq!(v["target"], "contract:ms-unified-support");
    assert!(
        v["systems"]
            .as_array()
            .is_some_and(|a| a.iter().all(|s| s["kind"] == "resupport"))
    );
    assert_eq!(v["tasks"].as_array().map(Vec::len), Some(1));
}

#[test]
fn bad_options_are_usage_errors_with_exit_code_2() {
    let o = run(&["exit", MODEL, "--vendor", "microsft"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("no vendor `microsft`") && err.contains("did you mean `microsoft`?"),
        "{err}"
    );

    let o = run(&["exit", MODEL, "--systems", "m365,nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no system `nope`"));

    let o = run(&["exit", MODEL, "--jurisdiction", "USA"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`USA` is not a jurisdiction"),
        "{}",
        stderr(&o)
    );

    // No target, two targets, zero runs.
    for args in [
        vec!["exit", MODEL],
        vec![
            "exit",
            MODEL,
            "--vendor",
            "microsoft",
            "--jurisdiction",
            "US",
        ],
        vec!["exit", MODEL, "--vendor", "microsoft", "--runs", "0"],
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_vendor_without_systems_in_use_has_nothing_to_switch() {
    let o = run(&["exit", MODEL, "--vendor", "proxmox"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("nothing to switch"));
}
