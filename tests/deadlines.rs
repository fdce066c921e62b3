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
    let o = run(&["deadlines", MODEL, "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    for needle in [
        "Contract deadlines as of 1 Dec 2026 (next review: 1 Dec 2027)",
        "7 contracts to decide before the next review, 11 renewed on purpose, 2",
        "act by",
        "TO DECIDE BEFORE THE NEXT REVIEW",
        "DECIDED",
        "Renewed on purpose until 31 Dec 2028 (decided by",
        "The next exit (30 Jun 2027) is no longer reachable: the earliest reachable",
        "EU DATA ACT",
        "webex-telekom (Art. 25(2)(d))",
        "telefonie-telekom (Art. 29(1))",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    // The terminal table fits 80 columns (COLUMNS is not set in tests).
    for line in out.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    // German is the model's language.
    let o = run(&["deadlines", MODEL]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Vertragsfristen am 01.12.2026"), "{out}");
    assert!(!out.contains("EUR"), "German text writes €: {out}");
}

fn contracts(extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["deadlines", MODEL, "--format", "json", "--runs", "2000"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    v["contracts"].as_array().cloned().unwrap_or_default()
}

fn contract<'a>(cs: &'a [Value], id: &str) -> &'a Value {
    cs.iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no contract {id}"))
}

#[test]
fn the_json_lists_every_contract_sorted_by_the_date_to_act_on() {
    let cs = contracts(&[]);
    assert_eq!(cs.len(), 22);
    let act_by: Vec<&str> = cs.iter().filter_map(|c| c["act_by"].as_str()).collect();
    let mut sorted = act_by.clone();
    sorted.sort();
    assert_eq!(act_by, sorted);
    // The issue's example: the Microsoft cloud agreement ends 2027-06-30,
    // renews yearly, notice one month -> notice by 2027-05-31.
    let ea = contract(&cs, "ms-ea-cloud");
    assert_eq!(ea["next_exit"], "2027-06-30");
    assert_eq!(ea["notice_deadline"], "2027-05-31");
    assert_eq!(ea["exit_kind"], "replace");
    // Oracle support: its notice deadline 2026-09-30 has passed, so the
    // term renewed; the next exit is a year later; it is renewed on purpose.
    let oracle = contract(&cs, "oracle-support");
    assert_eq!(oracle["term_end"], "2026-12-31");
    assert_eq!(oracle["next_exit"], "2027-12-31");
    assert_eq!(oracle["notice_deadline"], "2027-09-30");
    assert_eq!(oracle["status"], "renewed");
    assert_eq!(oracle["decision"]["intent"], "renew");
    assert_eq!(oracle["decision"]["current"], true);
    assert_eq!(oracle["decision_due"], false);
    // The GIS subscription ends without renewal: no notice deadline.
    let esri = contract(&cs, "esri-abo");
    assert!(esri["notice_deadline"].is_null());
    assert_eq!(esri["next_exit"], "2026-12-31");
    let statuses = [
        "ended", "mandated", "renewed", "leaving", "overdue", "due", "ok",
    ];
    for c in &cs {
        let status = c["status"].as_str().unwrap_or("");
        assert!(statuses.contains(&status), "{status}");
        if matches!(status, "renewed" | "leaving") {
            assert_eq!(c["decision_due"], false, "{}", c["id"]);
        }
    }
}

#[test]
fn musterstadt_exit_kinds_and_open_decisions() {
    let cs = contracts(&[]);
    // Microsoft Unified Support is left by another support provider, in weeks.
    let support = contract(&cs, "ms-unified-support");
    assert_eq!(support["exit_kind"], "resupport");
    let weeks = support["p80_days"].as_f64().unwrap();
    assert!(weeks > 14.0 && weeks < 60.0, "{weeks}");
    // The regional provider is left by moving its specialist applications,
    // with its network link switched off.
    let ekom = contract(&cs, "ekom21-betrieb");
    let kind = |id: &str| {
        ekom["steps"]
            .as_array()
            .and_then(|a| a.iter().find(|s| s["system"] == id))
            .map(|s| s["kind"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(kind("einwohnerwesen").as_deref(), Some("rehost"));
    assert_eq!(kind("finanzwesen").as_deref(), Some("rehost"));
    assert_eq!(kind("kdn-anbindung").as_deref(), Some("decommission"));
    assert_eq!(ekom["status"], "renewed");
    // The ePayBL fee is mandated: nothing to choose.
    assert_eq!(contract(&cs, "epaybl-nutzung")["status"], "mandated");
    // Quarter-end notice: the web agency contract's term ends 2027-04-30, it
    // can only end at the quarter end 2027-06-30, notice by 2027-03-31; the
    // agency can leave sooner than the city can.
    let web = contract(&cs, "webagentur-hosting");
    assert_eq!(web["next_exit"], "2027-06-30");
    assert_eq!(web["notice_deadline"], "2027-03-31");
    assert_eq!(web["provider_notice_shorter"], true);
    // The open decisions are exactly the contracts without a current renew
    // or exit decision whose date to act by falls before the next review.
    let next_review = "2027-12-01";
    let open: Vec<&str> = cs
        .iter()
        .filter(|c| c["decision_due"] == true)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = cs
        .iter()
        .filter(|c| {
            let decided = c["decision"]["current"] == true
                && matches!(c["decision"]["intent"].as_str(), Some("renew" | "exit"));
            let live = matches!(c["status"].as_str(), Some("overdue" | "due"));
            !decided && live && c["act_by"].as_str().is_some_and(|a| a <= next_review)
        })
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(open, expected);
    assert_eq!(
        open,
        [
            "esri-abo",
            "webagentur-hosting",
            "ms-ea-cloud",
            "telefonie-telekom",
            "vmware-vvf",
            "veeam-abo",
            "sdnet-pflege"
        ]
    );
}

#[test]
fn the_as_of_and_horizon_options_move_the_statuses() {
    let cs = contracts(&["--as-of", "2030-01-01", "--horizon", "1d"]);
    let esri = contract(&cs, "esri-abo");
    assert_eq!(esri["status"], "ended");
    assert_eq!(esri["ended_on"], "2026-12-31");
    assert!(esri["days_to_decision"].is_null());
    // In 2030 the renewals decided in 2026 are stale: the contracts need a
    // decision again.
    assert_eq!(
        contract(&cs, "nextcloud-enterprise")["decision"]["current"],
        false
    );
    assert_ne!(contract(&cs, "nextcloud-enterprise")["status"], "renewed");
    // The Unified Support contract was left as decided at the end of 2026.
    assert_eq!(contract(&cs, "ms-unified-support")["status"], "ended");
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
    // No event and no reminder lies before the review date (2026-12-01);
    // the deadlines that passed are listed in one event on that day.
    let as_of = "20261201";
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
        let day = prop(&ev.properties, "DTSTART").unwrap_or("");
        assert!(day >= as_of, "{uid} on {day}, before the review date");
        let date = chrono::NaiveDate::parse_from_str(day, "%Y%m%d").unwrap();
        for a in &ev.alarms {
            let t = prop(&a.properties, "TRIGGER").unwrap_or("");
            let days: u64 = t
                .trim_start_matches("-P")
                .trim_end_matches('D')
                .parse()
                .unwrap_or_else(|_| panic!("{t}"));
            let fires = date - chrono::Days::new(days);
            assert!(
                fires >= chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                "{uid}: reminder {t} fires on {fires}"
            );
        }
    }
    let note = cal
        .events
        .iter()
        .find(|e| prop(&e.properties, "UID") == Some("as-of@stadt-musterstadt.exitgraph"))
        .unwrap_or_else(|| panic!("no event on the review date"));
    assert_eq!(prop(&note.properties, "DTSTART"), Some(as_of));
    // The date to act by of each open decision is in the calendar.
    let cs = contracts(&[]);
    for c in cs.iter().filter(|c| c["decision_due"] == true) {
        let id = c["id"].as_str().unwrap();
        let day = c["act_by"].as_str().unwrap().replace('-', "");
        if day == as_of {
            continue; // act now: the review date's own event says so
        }
        let uid = format!("{id}.decision@stadt-musterstadt.exitgraph");
        let ev = cal
            .events
            .iter()
            .find(|e| prop(&e.properties, "UID") == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("no {uid}"));
        assert_eq!(prop(&ev.properties, "DTSTART"), Some(day.as_str()), "{uid}");
    }
    let events = cal.events.len();
    let notice = cal
        .events
        .iter()
        .find(|e| {
            prop(&e.properties, "UID") == Some("ms-ea-cloud.notice@stadt-musterstadt.exitgraph")
        })
        .unwrap_or_else(|| panic!("no notice event for ms-ea-cloud"));
    // The next exit (2027-06-30) is missed: the notice refers to the
    // earliest reachable exit, 2031-06-30, one month before.
    assert_eq!(prop(&notice.properties, "DTSTART"), Some("20310531"));
    assert_eq!(prop(&notice.properties, "DTEND"), Some("20310601"));
    let summary = prop(&notice.properties, "SUMMARY").unwrap_or("");
    assert!(
        summary.starts_with("Kündigungsfrist: Microsoft Enterprise Agreement"),
        "{summary}"
    );
    // German amounts in the description: "528.000 €".
    let description = prop(&notice.properties, "DESCRIPTION").unwrap_or("");
    assert!(description.contains("528.000 €"), "{description}");

    // Same input, same bytes.
    assert_eq!(text, write_ics(dir.path(), "b.ics", &[]));
    // A later review keeps the UIDs (re-import updates) with a higher sequence.
    let later = write_ics(dir.path(), "c.ics", &["--as-of", "2027-12-01"]);
    assert!(later.contains("UID:ms-ea-cloud.decision@stadt-musterstadt.exitgraph"));
    assert!(text.contains("SEQUENCE:9831") && later.contains("SEQUENCE:10196"));

    python_check(&dir.path().join("a.ics"), events);
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
    assert len([a for a in e.walk('VALARM')]) <= 2
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
