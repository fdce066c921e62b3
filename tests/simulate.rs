//! `exitgraph simulate` end to end on the example models: determinism, the
//! model left untouched, the US-sanctions scenario of Musterstadt pinned,
//! and clear errors (exit 2) for bad cuts, prices and ids.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::PathBuf;

fn musterstadt() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/musterstadt.toml")
}

fn exitgraph() -> Command {
    let mut c = assert_cmd::cargo_bin_cmd!("exitgraph");
    c.env("NO_COLOR", "1");
    c
}

fn simulate(args: &[&str]) -> std::process::Output {
    let mut c = exitgraph();
    c.arg("simulate").arg(musterstadt()).args(args);
    c.output().expect("runs")
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = simulate(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn ids_with_state(list: &Value, state: &str) -> Vec<String> {
    let mut v: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["state"] == state)
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn the_same_scenario_twice_gives_identical_output() {
    for args in [
        &["--scenario", "us-sanctions"][..],
        &["--scenario", "us-sanctions", "--format", "json"],
        &["--all-scenarios"],
        &["--each-vendor", "--format", "json"],
        &["--cut", "vendor:ekom21", "--price", "vendor:broadcom=11"],
    ] {
        let a = simulate(args);
        let b = simulate(args);
        assert!(a.status.success(), "{args:?}");
        assert!(!a.stdout.is_empty());
        assert_eq!(a.stdout, b.stdout, "{args:?}");
    }
}

#[test]
fn simulating_never_changes_the_model_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::copy(musterstadt(), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    for args in [
        &["--all-scenarios"][..],
        &["--each-vendor"],
        &["--cut", "jurisdiction:US", "--format", "json"],
    ] {
        exitgraph()
            .arg("simulate")
            .arg(&path)
            .args(args)
            .assert()
            .success();
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "no file written next to the model");
}

#[test]
fn us_sanctions_stop_the_office_suite_and_directory_services_but_not_nextcloud() {
    let r = json(&["--scenario", "us-sanctions"]);
    assert_eq!(r["scenario"], "us-sanctions");
    // The US office suite and its directory go down; Nextcloud, self-hosted
    // on Linux with a soft LDAP link, keeps running (degraded).
    let down = ids_with_state(&r["systems"], "down");
    for id in [
        "m365",
        "entra-id",
        "active-directory",
        "exchange-online",
        "windows-clients",
    ] {
        assert!(down.contains(&id.to_string()), "{id} in {down:?}");
    }
    assert!(!down.contains(&"nextcloud".to_string()));
    assert_eq!(
        ids_with_state(&r["systems"], "degraded"),
        ["buergerportal", "nextcloud", "website"]
    );
    assert_eq!(
        ids_with_state(&r["systems"], "unsupported"),
        ["firewall", "lan"]
    );

    // Every service that needs the office suite or the directory stops;
    // file exchange (Nextcloud only) and the phone line do not.
    assert_eq!(
        ids_with_state(&r["services"], "down"),
        [
            "building-permits",
            "civil-status",
            "council-information",
            "finance",
            "internal-communication",
            "payroll",
            "residents-registration",
            "vehicle-registration",
        ]
    );
    assert_eq!(
        ids_with_state(&r["services"], "degraded"),
        ["file-exchange", "online-services", "public-information"]
    );
    let services = r["services"].as_array().unwrap();
    let get = |id: &str| services.iter().find(|s| s["id"] == id).unwrap().clone();
    assert!(!services.iter().any(|s| s["id"] == "phone-availability"));

    let council = get("council-information");
    assert_eq!(council["down_from_day"], 0);
    assert_eq!(
        council["cause"],
        serde_json::json!([
            "council-information",
            "m365",
            "vendor:microsoft-ireland",
            "jurisdiction:US"
        ])
    );
    // m365 to openDesk: 9 / 18 / 36 months given; the P80 of that PERT
    // (Beta(7/3, 11/3) on [9, 36] months) is 23.962 months = 729.3 days.
    assert_eq!(council["restore_days"], 729.3);
    assert_eq!(council["max_outage_days"], 7.0);
    assert_eq!(council["breach"], true);

    // The Windows workplaces fall with the directory when the vSphere
    // licence check runs out on day 30, and are back when vSphere is
    // replaced by Proxmox: 4 / 8 / 14 months given, P80 (Beta(2.6, 3.4) on
    // [4, 14] months) 10.032 months = 305.3 days.
    let registration = get("residents-registration");
    assert_eq!(registration["down_from_day"], 30);
    assert_eq!(registration["restore_days"], 305.3);
    assert_eq!(
        registration["cause"],
        serde_json::json!([
            "residents-registration",
            "windows-clients",
            "active-directory",
            "vsphere",
            "vendor:vmware",
            "jurisdiction:US"
        ])
    );

    // Data held by Microsoft Ireland with the backup at the same company is stranded.
    let stranded: Vec<&str> = r["stranded_data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["system"].as_str().unwrap())
        .collect();
    assert_eq!(
        stranded,
        [
            "sharepoint-onedrive",
            "exchange-online",
            "teams",
            "entra-id",
            "facebook",
            "x-account"
        ]
    );
    assert_eq!(r["stranded_volume_gb"], 24106.0);
    // 528,000 + 96,000 + 86,000 + 41,000 + 28,000 + 22,000 + 16,500 + 11,000
    assert_eq!(r["annual_cost_at_risk"], 828500.0);
}

#[test]
fn the_vmware_price_shock_shows_the_added_cost_and_the_payback_of_leaving() {
    let r = json(&["--scenario", "vmware-price-shock"]);
    assert_eq!(r["systems"], serde_json::json!([]));
    let v = &r["price_shock"]["vendors"][0];
    assert_eq!(v["vendor"], "broadcom");
    // 86,000 a year * (11 - 1)
    assert_eq!(v["added_annual_cost"], 860000.0);
    assert_eq!(v["switch_cost"], 220000.0);
    assert_eq!(v["systems"], serde_json::json!(["vsphere"]));
    // 220,000 / 860,000 years
    assert_eq!(v["payback_years"], 220000.0 / 860000.0);
}

#[test]
fn all_scenarios_come_in_file_order() {
    let r = json(&["--all-scenarios"]);
    let ids: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["scenario"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "us-sanctions",
            "vmware-price-shock",
            "meldewesen-insolvenz",
            "it-dienstleister-ausfall",
            "telekom-ausfall"
        ]
    );
}

#[test]
fn each_vendor_ranks_the_virtualisation_vendor_first() {
    let r = json(&["--each-vendor"]);
    let top: Vec<(&str, u64)> = r["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .take(4)
        .map(|v| (v["vendor"].as_str().unwrap(), v["score"].as_u64().unwrap()))
        .collect();
    // broadcom (with vmware) and vmware take 8 services down on day 30:
    // payroll, residents-registration (critical, 4 each), civil-status,
    // council-information, finance, internal-communication,
    // vehicle-registration (high, 3 each), building-permits (medium, 2) = 25.
    assert_eq!(
        top,
        [
            ("broadcom", 25),
            ("vmware", 25),
            ("ekom21", 20),
            ("microsoft", 6)
        ]
    );
    assert_eq!(r["vendors"][1]["group"], "broadcom");
}

#[test]
fn the_text_summary_speaks_to_a_planner() {
    let out = simulate(&["--scenario", "us-sanctions"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("8 of 12 services stop; 8 are down longer than their maximum outage"));
    assert!(text.contains("SERVICES THAT STOP (most critical first)"));
    assert!(text.contains(
        "stops on day 30; back after about 305 days (10.0 months); max outage 2 days  ** BREACH **"
    ));
    assert!(text.contains("24,106 GB of data stranded in 6 systems."));
    // Most critical first: the first service listed is a critical one.
    let first = text
        .lines()
        .find(|l| l.starts_with("  [") && l.contains(" - "))
        .unwrap();
    assert!(first.starts_with("  [critical]"), "{first}");
}

#[test]
fn bad_input_is_a_clear_error_with_exit_code_2() {
    for (args, message) in [
        (
            &["--cut", "vendor:microsfot"][..],
            "did you mean `microsoft`?",
        ),
        (&["--cut", "system:m356"], "did you mean `m365`?"),
        (
            &["--scenario", "us-sanction"],
            "did you mean `us-sanctions`?",
        ),
        (
            &["--scenario", "zzz"],
            "the model's scenarios: us-sanctions",
        ),
        (&["--cut", "microsoft"], "is not a cut"),
        (&["--cut", "planet:mars"], "is not a cut"),
        (&["--cut", "vendor:"], "is not a cut"),
        (&["--cut", "jurisdiction:us"], "write `US`"),
        (&["--cut", "jurisdiction:XY"], "not an ISO 3166-1"),
        (&["--price", "vendor:broadcom"], "no `=FACTOR`"),
        (&["--price", "broadcom=11"], "applies to a vendor"),
        (&["--price", "vendor:broadcom=eleven"], "is not a number"),
        (&["--price", "vendor:broadcom=-1"], "above 0"),
        (&["--price", "vendor:broadcom=NaN"], "above 0"),
        (&["--price", "vendor:brodcom=2"], "did you mean `broadcom`?"),
        (
            &[
                "--price",
                "vendor:broadcom=11",
                "--price",
                "vendor:broadcom=2",
            ],
            "names vendor `broadcom` twice",
        ),
        (&[], "say what to simulate"),
        (
            &["--each-vendor", "--scenario", "us-sanctions"],
            "cannot be used with",
        ),
        (&["--as-of", "2026-13-01", "--each-vendor"], "is not a date"),
    ] {
        let out = simulate(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    exitgraph()
        .args(["simulate", "no-such-model.toml", "--each-vendor"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-model.toml"));
}

#[test]
fn hours_are_accepted_in_every_duration_and_shown_below_two_days() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(
        &path,
        r#"[organisation]
name = "T"
home = "DE"

[[vendor]]
id = "carrier"
name = "Carrier"
country = "DE"

[[system]]
id = "phone"
name = "Phone"
operator = "carrier"
licence_check = "PT12H"
switch = { optimistic = "4h", likely = "P1DT12H", pessimistic = "36 hours" }

[[contract]]
id = "c"
vendor = "carrier"
covers = ["phone"]
kind = "cloud"
end = 2027-06-30
notice = "1mo"
data_retrieval = "30d"

[[service]]
id = "hotline"
name = "115 hotline"
max_outage = "4h"
needs = ["phone"]
"#,
    )
    .unwrap();
    exitgraph().arg("check").arg(&path).assert().success();
    let out = exitgraph()
        .args([
            "simulate",
            "--cut",
            "vendor:carrier",
            "--as-of",
            "2026-12-01",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("max outage 4 hours"), "{text}");
}
