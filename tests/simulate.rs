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
fn us_sanctions_stop_the_cloud_office_but_the_stop_gaps_keep_the_town_hall_working() {
    let r = json(&["--scenario", "us-sanctions"]);
    assert_eq!(r["scenario"], "us-sanctions");
    // The Microsoft cloud stops at once; the directory and the workplaces
    // run on without vendor support; vSphere's emergency move to Proxmox
    // (three weeks) is ready before its licence check runs out (30 days).
    let down = ids_with_state(&r["systems"], "down");
    for id in ["m365", "entra-id", "exchange-online", "teams", "backup"] {
        assert!(down.contains(&id.to_string()), "{id} in {down:?}");
    }
    assert_eq!(ids_with_state(&r["systems"], "replaced"), ["vsphere"]);
    for id in ["active-directory", "windows-clients", "lan", "firewall"] {
        assert!(
            ids_with_state(&r["systems"], "unsupported").contains(&id.to_string()),
            "{id}"
        );
    }
    assert_eq!(
        ids_with_state(&r["services"], "down"),
        [
            "building-permits",
            "council-information",
            "internal-communication"
        ]
    );
    let services = r["services"].as_array().unwrap();
    let systems = r["systems"].as_array().unwrap();
    let get = |list: &[Value], id: &str| list.iter().find(|s| s["id"] == id).unwrap().clone();

    // Documents: LibreOffice on the existing workplaces within 5 days;
    // openDesk stays the strategic plan (9 / 18 / 36 months given, P80
    // 23.962 months = 729.3 days).
    let m365 = get(systems, "m365");
    assert_eq!(m365["back_at_hours"], 120.0);
    assert_eq!(m365["restore_by"]["by"], "fallback");
    assert_eq!(m365["restore_by"]["fallback"], "libreoffice");
    assert_eq!(m365["strategic_switch"]["alternative"], "opendesk");
    let p80 = m365["strategic_switch"]["ready_at_hours"].as_f64().unwrap() / 24.0;
    assert!((p80 - 729.3).abs() < 0.05, "{p80}");
    let council = get(services, "council-information");
    assert_eq!(council["down_at_hours"], 0.0);
    assert_eq!(council["restore_hours"], 120.0);
    assert_eq!(council["breach"], false);
    assert_eq!(council["cause"], "m365");
    assert_eq!(m365["cause"], "vendor:microsoft-ireland");

    // Mail has no stop-gap: a year until Open-Xchange, meanwhile the workaround.
    let mail = get(services, "internal-communication");
    assert_eq!(mail["breach"], true);
    assert_eq!(mail["emergency_operation"]["from_hours"], 4.0);
    assert_eq!(mail["emergency_operation"]["capacity"], 0.5);

    // Every backup in Veeam's format is unreadable without Veeam (a US
    // company's subsidiary), and so are the Microsoft-held ones.
    assert_eq!(r["summary"]["restore_ability_lost"], 13);
    // Stranded: the 62 TB of Veeam backups and the Microsoft-held data.
    assert_eq!(r["stranded_volume_gb"], 86106.0);
    let stranded = r["stranded_data"].as_array().unwrap();
    assert_eq!(stranded[0]["system"], "backup");
    assert_eq!(stranded[0]["reason"], "backup_format");
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
            "telekom-ausfall",
            "vsphere-ransomware",
            "veeam-wegfall"
        ]
    );
}

#[test]
fn each_vendor_ranks_the_municipal_it_provider_first() {
    let r = json(&["--each-vendor"]);
    let top: Vec<(&str, u64)> = r["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|v| (v["vendor"].as_str().unwrap(), v["score"].as_u64().unwrap()))
        .collect();
    // ekom21 runs the specialist applications: payroll, residents-registration
    // (critical, 4 each), civil-status, finance, online-services,
    // vehicle-registration (high, 3 each) = 20. Broadcom no longer ranks:
    // vSphere's emergency move to Proxmox is ready before its licence runs out.
    assert_eq!(
        top,
        [("ekom21", 20), ("microsoft", 6), ("microsoft-ireland", 6)]
    );
    let broadcom = r["vendors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["vendor"] == "broadcom")
        .unwrap();
    assert_eq!(broadcom["score"], 0);
    // Its contract covers vSphere, which the cut affects.
    assert_eq!(broadcom["annual_cost_at_risk"], 86000.0);
}

#[test]
fn the_text_summary_speaks_to_a_planner_in_either_language() {
    let out = simulate(&["--scenario", "us-sanctions", "--lang", "en"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("3 of 12 services stop; 2 longer than tolerable."),
        "{text}"
    );
    assert!(text.contains("SERVICES THAT STOP (MOST CRITICAL FIRST)"));
    assert!(
        text.contains("stops: at once; back after 5 days (stop-gap libreoffice)"),
        "{text}"
    );
    assert!(
        text.contains("strategic plan: switch to opendesk"),
        "{text}"
    );
    assert!(text.contains("CRITICAL: 13 systems can no longer be restored from backup."));
    // The model's language is the default.
    let out = simulate(&["--scenario", "us-sanctions"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("3 von 12 Diensten fallen aus; 2 länger als tolerierbar."),
        "{text}"
    );
    assert!(
        text.contains("fällt aus: sofort; wieder nach 5 Tagen (Notlösung libreoffice)"),
        "{text}"
    );
    assert!(text.contains("WIEDERANLAUFPLAN"));
}

#[test]
fn the_text_fits_the_terminal_width() {
    for (cols, args) in [
        ("80", &["--scenario", "us-sanctions"][..]),
        ("60", &["--scenario", "vsphere-ransomware", "--lang", "en"]),
        ("100", &["--scenario", "telekom-ausfall"]),
        ("72", &["--each-vendor"]),
        ("80", &["--each-vendor", "--lang", "en"]),
    ] {
        let mut c = exitgraph();
        c.env("COLUMNS", cols)
            .arg("simulate")
            .arg(musterstadt())
            .args(args);
        let out = c.output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let width: usize = cols.parse().unwrap();
        for line in text.lines() {
            assert!(
                line.chars().count() <= width,
                "{args:?} at {cols} columns: {line:?}"
            );
        }
    }
}

#[test]
fn the_example_scenarios_show_each_way_back() {
    let by = |r: &Value, id: &str| -> Value {
        r["systems"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
            .clone()
    };
    // A three-day Telekom outage: the phones are back within days (the
    // outage, then 2 hours to restart), meanwhile calls go to mobiles.
    let r = json(&["--scenario", "telekom-ausfall"]);
    let phone = r["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "phone-availability")
        .unwrap()
        .clone();
    assert_eq!(phone["restore_hours"], 74.0);
    assert_eq!(phone["emergency_operation"]["from_hours"], 2.0);
    assert_eq!(by(&r, "telefonie")["restore_by"]["by"], "restart");
    assert_eq!(by(&r, "uplink-telekom")["back_at_hours"], 73.0);
    // Webex is bridged by Jitsi after two days.
    assert_eq!(by(&r, "webex")["restore_by"]["by"], "fallback");
    assert_eq!(by(&r, "webex")["back_at_hours"], 48.0);

    // Ransomware on vSphere: one day of forensics, three days of restore
    // from the Veeam backups; the directory (1 hour) and the workplaces
    // (2 hours) restart after.
    let r = json(&["--scenario", "vsphere-ransomware"]);
    let vsphere = by(&r, "vsphere");
    assert_eq!(vsphere["restore_by"]["by"], "backup");
    assert_eq!(vsphere["restore_by"]["backup_system"], "backup");
    assert_eq!(vsphere["back_at_hours"], 96.0);
    assert_eq!(vsphere["data_loss_hours"], 24.0);
    assert_eq!(by(&r, "active-directory")["back_at_hours"], 97.0);
    // The virtual machines come back with vSphere's restored disks: the
    // council information system loses the same day of data.
    assert_eq!(by(&r, "ratsinfo")["data_loss_hours"], 24.0);
    assert_eq!(by(&r, "ratsinfo")["data_loss_with"], "vsphere");
    let council = r["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "council-information")
        .unwrap()
        .clone();
    assert_eq!(council["data_loss_hours"], 24.0);
    // The workplaces run on their own hardware: nothing of theirs is lost.
    assert!(by(&r, "windows-clients")["data_loss_hours"].is_null());
    assert_eq!(by(&r, "windows-clients")["back_at_hours"], 99.0);
    let order: Vec<&str> = r["restart_order"]
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|s| s["system"].as_str().unwrap())
        .collect();
    assert_eq!(order, ["vsphere", "active-directory"]);

    // Veeam withdrawn: no service stops, but nothing can be restored any more.
    let r = json(&["--scenario", "veeam-wegfall"]);
    assert_eq!(r["summary"]["services_down"], 0);
    let lost: Vec<&str> = r["restore_ability_lost"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["system"].as_str().unwrap())
        .collect();
    for id in [
        "vsphere",
        "active-directory",
        "fileserver",
        "e-akte",
        "mssql",
        "oracle-db",
        "gis",
        "bauantrag",
        "ratsinfo",
    ] {
        assert!(lost.contains(&id), "{id} in {lost:?}");
    }
    assert!(
        r["restore_ability_lost"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["reason"] == "format_vendor_withdrawn" && f["vendor"] == "veeam")
    );
    assert_eq!(r["stranded_data"][0]["system"], "backup");
}

/// The counterexample of the planners: cutting more must never bring
/// anything back sooner. Cutting Broadcom as well as Microsoft stops no
/// system later and brings none back earlier than cutting Microsoft alone.
#[test]
fn cutting_microsoft_and_broadcom_restores_nothing_earlier_than_microsoft_alone() {
    let times = |r: &Value| -> Vec<(String, f64, f64)> {
        let mut out = Vec::new();
        for list in ["systems", "services"] {
            for x in r[list].as_array().unwrap() {
                if x["state"] == "down" {
                    out.push((
                        format!("{list} {}", x["id"].as_str().unwrap()),
                        x["down_at_hours"].as_f64().unwrap(),
                        x["back_at_hours"].as_f64().unwrap_or(f64::INFINITY),
                    ));
                }
            }
        }
        out
    };
    let ms = times(&json(&["--cut", "vendor:microsoft"]));
    let both = times(&json(&[
        "--cut",
        "vendor:microsoft",
        "--cut",
        "vendor:broadcom",
    ]));
    assert!(!ms.is_empty());
    for (id, down, back) in &ms {
        let (_, d2, b2) = both
            .iter()
            .find(|(i, _, _)| i == id)
            .unwrap_or_else(|| panic!("{id} stops with Microsoft alone, not with Broadcom too"));
        assert!(d2 <= down, "{id}: stops at {d2} instead of {down}");
        assert!(b2 >= back, "{id}: back at {b2} instead of {back}");
    }
}

#[test]
fn kinds_and_durations_on_the_command_line() {
    // An outage of the Telekom for 36 hours: the phones are back after 38.
    let r = json(&["--cut", "vendor:telekom", "--for", "36h"]);
    assert_eq!(r["cut_terms"][0]["kind"], "outage");
    assert_eq!(r["cut_terms"][0]["duration_hours"], 36.0);
    let phone = r["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "phone-availability")
        .unwrap()
        .clone();
    assert_eq!(phone["restore_hours"], 38.0);
    // The scenario's own duration can be changed.
    let r = json(&["--scenario", "telekom-ausfall", "--for", "P1DT12H"]);
    assert_eq!(r["cut_terms"][0]["duration_hours"], 36.0);
    // A system cut is a loss by default; `--as outage` makes it an outage.
    let r = json(&["--cut", "system:vsphere"]);
    assert_eq!(r["cut_terms"][0]["kind"], "loss");
    let r = json(&["--cut", "system:vsphere", "--as", "outage", "--for", "4h"]);
    let v = r["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "vsphere")
        .unwrap()
        .clone();
    assert_eq!(v["restore_by"]["by"], "restart");
    assert_eq!(v["back_at_hours"], 8.0);
    // --each-vendor with a 3-day outage of every vendor.
    let r = json(&["--each-vendor", "--as", "outage", "--for", "3d"]);
    assert_eq!(r["kind"], "outage");
    assert_eq!(r["duration_hours"], 72.0);
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
        (
            &[
                "--cut",
                "vendor:telekom",
                "--as",
                "withdrawal",
                "--for",
                "3d",
            ],
            "a withdrawal is for good",
        ),
        (
            &["--cut", "vendor:telekom", "--as", "outage"],
            "an outage needs a duration",
        ),
        (
            &["--cut", "vendor:telekom", "--as", "blackout"],
            "invalid value 'blackout'",
        ),
        (&["--cut", "vendor:telekom", "--for", "0d"], "is zero"),
        (&["--cut", "vendor:telekom", "--for=-3d"], "not a duration"),
        (
            &["--cut", "vendor:telekom", "--for", "30min"],
            "whole hours",
        ),
        (
            &["--each-vendor", "--as", "outage"],
            "an outage needs a duration",
        ),
        (
            &["--scenario", "us-sanctions", "--lang", "fr"],
            "invalid value 'fr'",
        ),
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
    assert!(text.contains("tolerierbar 4 Stunden"), "{text}");
    let out = exitgraph()
        .args(["simulate", "--cut", "vendor:carrier", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("tolerable 4 hours"), "{text}");
}

/// Bad recovery input, one fixture each (`tests/fixtures/recovery`): an
/// unknown cut kind, a zero or negative duration, a fallback naming an
/// unknown system, a duration on a withdrawal, an outage without one. Each
/// is exactly one located diagnostic (no follow-on error), and exit 2 from
/// `check` and from `simulate`.
#[test]
fn bad_recovery_input_is_one_located_diagnostic_and_exit_2() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recovery");
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixture directory") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("fixture");
        let expect = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{}: no `# expect:` line", path.display()));
        let (code, at) = expect.split_once(" at ").expect("CODE at LINE:COL");
        let (line, column) = at.split_once(':').expect("LINE:COL");
        let out = exitgraph()
            .args(["check", "--format", "json"])
            .arg(&path)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let errors = v["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), 1, "{}: {errors:#?}", path.display());
        let e = &errors[0];
        assert_eq!(e["code"], code, "{}", path.display());
        assert_eq!(e["line"].to_string(), line, "{}: {e:#}", path.display());
        assert_eq!(e["column"].to_string(), column, "{}: {e:#}", path.display());
        assert!(
            e["help"].as_str().is_some_and(|h| !h.is_empty())
                || e["label"].as_str().is_some_and(|l| !l.is_empty()),
            "{}: says how to fix it: {e:#}",
            path.display()
        );
        let sim = exitgraph()
            .args(["simulate", "--all-scenarios"])
            .arg(&path)
            .output()
            .expect("runs");
        assert_eq!(sim.status.code(), Some(2), "{}", path.display());
        seen.push(path.file_stem().unwrap().to_string_lossy().into_owned());
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "negative-cut-duration",
            "negative-duration",
            "outage-without-duration",
            "unknown-cut-kind",
            "unknown-fallback",
            "withdrawal-with-duration",
            "zero-duration",
        ]
    );
}
