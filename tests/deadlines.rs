//! `exitgraph deadlines` end to end, including the iCalendar file.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::path::Path;

const MODEL: &str = "examples/musterstadt.toml";

fn run(args: &[&str]) -> std::process::Output {
    cargo_bin_cmd!("exitgraph")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run exitgraph: {e}"))
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write_ics(dir: &Path, name: &str, extra: &[&str]) -> String {
    let path = dir.join(name);
    let p = path.to_string_lossy().into_owned();
    let mut args = vec!["deadlines", MODEL, "--ics", &p, "--runs", "2000"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_table_shows_statuses_actions_and_the_data_act() {
    let o = run(&["deadlines", MODEL]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    for needle in [
        "Contract deadlines as of 2026-12-01 (decisions up to 2027-12-01 are due: horizon 12mo)",
        "decide by",
        "What to do",
        "EU Data Act",
        "webex-telekom Art. 25(2)(d)",
        "webex-telekom Art. 25(2)(g)",
        "telefonie-telekom Art. 29(1)",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
}

#[test]
fn the_json_lists_every_contract_sorted_by_decision_deadline() {
    let o = run(&["deadlines", MODEL, "--format", "json", "--runs", "2000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["as_of"], "2026-12-01");
    let cs = v["contracts"].as_array().cloned().unwrap_or_default();
    assert_eq!(cs.len(), 21);
    let decisions: Vec<&str> = cs
        .iter()
        .filter_map(|c| c["decision_deadline"].as_str())
        .collect();
    let mut sorted = decisions.clone();
    sorted.sort();
    assert_eq!(decisions, sorted);
    // The issue's example: the Microsoft cloud agreement ends 2027-06-30,
    // renews yearly, notice one month -> notice by 2027-05-31.
    let ea = cs
        .iter()
        .find(|c| c["id"] == "ms-ea-cloud")
        .cloned()
        .unwrap_or_default();
    assert_eq!(ea["next_exit"], "2027-06-30");
    assert_eq!(ea["notice_deadline"], "2027-05-31");
    // Oracle support: its notice deadline 2026-09-30 has passed, so the
    // term renewed; the next exit is a year later.
    let oracle = cs
        .iter()
        .find(|c| c["id"] == "oracle-support")
        .cloned()
        .unwrap_or_default();
    assert_eq!(oracle["term_end"], "2026-12-31");
    assert_eq!(oracle["next_exit"], "2027-12-31");
    assert_eq!(oracle["notice_deadline"], "2027-09-30");
    // The GIS subscription ends without renewal: no notice deadline.
    let esri = cs
        .iter()
        .find(|c| c["id"] == "esri-abo")
        .cloned()
        .unwrap_or_default();
    assert!(esri["notice_deadline"].is_null());
    assert_eq!(esri["next_exit"], "2026-12-31");
    for c in &cs {
        let status = c["status"].as_str().unwrap_or("");
        assert!(["expired", "overdue", "due", "ok"].contains(&status));
    }
}

#[test]
fn the_as_of_and_horizon_options_move_the_statuses() {
    let o = run(&[
        "deadlines",
        MODEL,
        "--format",
        "json",
        "--as-of",
        "2030-01-01",
        "--horizon",
        "1d",
        "--runs",
        "500",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(v["as_of"], "2030-01-01");
    let esri = v["contracts"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == "esri-abo").cloned())
        .unwrap_or_default();
    assert_eq!(esri["status"], "expired");
    assert!(esri["days_to_decision"].is_null());
}

#[test]
fn bad_dates_and_horizons_are_usage_errors() {
    for (args, needle) in [
        (
            vec!["deadlines", MODEL, "--as-of", "01.12.2026"],
            "YYYY-MM-DD",
        ),
        (
            vec!["deadlines", MODEL, "--as-of", "2026-02-30"],
            "not a date",
        ),
        (
            vec!["deadlines", MODEL, "--horizon", "12"],
            "without a unit",
        ),
        (vec!["deadlines", MODEL, "--horizon", "soon"], "--horizon"),
    ] {
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(needle), "{args:?}: {}", stderr(&o));
    }
}

#[test]
fn the_ics_file_never_overwrites_the_model() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let copy = dir.path().join("m.toml");
    std::fs::copy(MODEL, &copy).unwrap_or_else(|e| panic!("{e}"));
    let p = copy.to_string_lossy().into_owned();
    let o = run(&["deadlines", &p, "--ics", &p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("input file"), "{}", stderr(&o));
}

fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

#[test]
fn the_ics_file_parses_with_an_independent_parser_and_is_stable() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let text = write_ics(dir.path(), "a.ics", &[]);

    // RFC 5545 3.1: CRLF line ends, lines of at most 75 octets.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line too long: {line:?}");
        assert!(!line.contains('\n'));
    }

    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .unwrap_or_else(|| panic!("no calendar"))
        .unwrap_or_else(|e| panic!("ical rejects the file: {e}"));
    assert!(parser.next().is_none());
    assert_eq!(prop(&cal.properties, "VERSION"), Some("2.0"));
    // 21 contracts, none expired; esri-abo, ms-unified-support and
    // vmware-vvf end without renewal (no notice event): 21 x 3 - 3 = 60.
    assert_eq!(cal.events.len(), 60);
    let mut uids = std::collections::BTreeSet::new();
    for ev in &cal.events {
        let uid = prop(&ev.properties, "UID").unwrap_or_else(|| panic!("event without UID"));
        assert!(uid.ends_with("@stadt-musterstadt.exitgraph"), "{uid}");
        assert!(uids.insert(uid.to_string()), "duplicate UID {uid}");
        assert_eq!(prop(&ev.properties, "DTSTAMP"), Some("20261201T000000Z"));
        let start = ev.properties.iter().find(|p| p.name == "DTSTART");
        let is_date = start.and_then(|p| p.params.as_ref()).is_some_and(|ps| {
            ps.iter()
                .any(|(k, v)| k == "VALUE" && v.iter().any(|x| x == "DATE"))
        });
        assert!(is_date, "DTSTART must be a date");
        let triggers: Vec<&str> = ev
            .alarms
            .iter()
            .filter_map(|a| prop(&a.properties, "TRIGGER"))
            .collect();
        assert_eq!(triggers, ["-P90D", "-P30D"]);
    }
    let notice = cal
        .events
        .iter()
        .find(|e| {
            prop(&e.properties, "UID") == Some("ms-ea-cloud.notice@stadt-musterstadt.exitgraph")
        })
        .unwrap_or_else(|| panic!("no notice event for ms-ea-cloud"));
    assert_eq!(prop(&notice.properties, "DTSTART"), Some("20270531"));
    assert_eq!(prop(&notice.properties, "DTEND"), Some("20270601"));
    let summary = prop(&notice.properties, "SUMMARY").unwrap_or("");
    assert!(
        summary.starts_with("Kündigungsfrist: Microsoft Enterprise Agreement"),
        "{summary}"
    );

    // Same input, same bytes.
    assert_eq!(text, write_ics(dir.path(), "b.ics", &[]));
    // A later review keeps the UIDs (re-import updates) with a higher sequence.
    let later = write_ics(dir.path(), "c.ics", &["--as-of", "2027-12-01"]);
    assert!(later.contains("UID:ms-ea-cloud.decision@stadt-musterstadt.exitgraph"));
    assert!(text.contains("SEQUENCE:9831") && later.contains("SEQUENCE:10196"));

    python_check(&dir.path().join("a.ics"), 60);
}

/// A second, independent check with Python's `icalendar` package when it is
/// installed (CI installs it); skipped with a reason otherwise, except on CI.
fn python_check(path: &Path, events: usize) {
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
evs = [c for c in cal.walk('VEVENT')]
for e in evs:
    assert e.get('uid') and e.get('dtstart') and e.get('dtstamp')
    assert len([a for a in e.walk('VALARM')]) == 2
print(len(evs))
"#;
    let probe = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .output();
    let available = probe.as_ref().is_ok_and(|o| o.status.success());
    if !available {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but python3 with the icalendar package is missing");
        }
        eprintln!("skipped the Python icalendar check: python3 with `icalendar` is not installed");
        return;
    }
    let o = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        o.status.success(),
        "icalendar rejects the file: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        events.to_string()
    );
}
