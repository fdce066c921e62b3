//! `exitgraph whatif` and `exitgraph plan` as a user runs them.

mod common;
use common::*;
use std::fs;

fn ms() -> String {
    musterstadt()
}

#[test]
fn whatif_json_has_moves_and_the_same_metric_names_before_and_after() {
    let v = json(&[
        "whatif",
        &ms(),
        "--replace",
        "m365=opendesk",
        "--format",
        "json",
    ]);
    let moves = v["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0]["system"], "m365");
    assert_eq!(moves[0]["to"], "opendesk");
    assert_eq!(moves[0]["kind"], "replace");
    assert!(moves[0]["p80_days"].as_f64().unwrap() > moves[0]["p50_days"].as_f64().unwrap());
    let keys = |x: &serde_json::Value| {
        let mut k: Vec<String> = x.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v["before"]), keys(&v["after"]));
    for k in [
        "sovereignty",
        "scenarios",
        "each_vendor_top",
        "untrusted_spend",
        "hhi",
        "top_hotspots",
        "single_points_of_failure",
        "risk",
    ] {
        assert!(v["before"].get(k).is_some(), "{k}");
    }
    assert!(v["totals"]["one_off_cost"].as_f64().unwrap() > 0.0);
}

#[test]
fn whatif_tables_fit_80_columns_in_both_languages_and_markdown_is_written() {
    for lang in ["de", "en"] {
        let out = exitgraph()
            .env("COLUMNS", "80")
            .args([
                "whatif",
                &ms(),
                "--drop-vendor",
                "microsoft",
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = stdout(&out);
        for l in text.lines() {
            assert!(l.chars().count() <= 80, "{l}");
        }
        assert!(text.contains(if lang == "de" {
            "Souveränität"
        } else {
            "Sovereignty"
        }));
    }
    let md = run_ok(&[
        "whatif",
        &ms(),
        "--replace",
        "vsphere=proxmox-ve",
        "--format",
        "md",
        "--lang",
        "en",
    ]);
    assert!(md.starts_with("# What if"));
    assert!(md.contains("| Metric | before | after |"));
}

#[test]
fn whatif_writes_a_target_state_that_validates_and_leaves_the_input_alone() {
    let d = tmp();
    let before = fs::read(ms()).unwrap();
    let out = d.path().join("target.toml");
    run_ok(&[
        "whatif",
        &ms(),
        "--drop-vendor",
        "microsoft",
        "-o",
        &arg(&out),
    ]);
    assert_eq!(fs::read(ms()).unwrap(), before);
    let text = fs::read_to_string(&out).unwrap();
    assert!(text.contains("[plan]"), "the rest of the file is kept");
    // The target state loads, and Microsoft's office suite is retired in it.
    let v = json(&[
        "whatif",
        &arg(&out),
        "--replace",
        "opendesk=opendesk",
        "--format",
        "json",
    ]);
    assert_eq!(v["before"], v["after"]);
    run_ok(&["check", &arg(&out)]);
    assert!(text.contains("status = \"retired\""));
}

#[test]
fn whatif_refuses_what_it_cannot_do_and_warns_about_an_unlisted_alternative() {
    for (args, what) in [
        (vec!["--replace", "nothing=opendesk"], "nothing"),
        (vec!["--replace", "m365"], "SYSTEM=OTHER"),
        (vec!["--replace", "m365=catalog:libreoffice"], "catalogue"),
        (vec!["--drop-vendor", "nobody"], "nobody"),
        (vec![], "no move"),
    ] {
        let mut a = vec!["whatif", "", "--format", "json"];
        let m = ms();
        a[1] = &m;
        a.extend(args.iter().copied());
        let o = run(&a);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(what), "{args:?}: {}", stderr(&o));
    }
    let o = run(&[
        "whatif",
        &ms(),
        "--replace",
        "m365=nextcloud",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("not among the alternatives"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn plan_json_holds_the_documented_fields() {
    let v = json(&["plan", &ms(), "--format", "json"]);
    assert_eq!(v["horizon"]["start"], "2027-01-01");
    assert_eq!(v["horizon"]["end"], "2029-12-31");
    let moves = v["moves"].as_array().unwrap();
    assert!(!moves.is_empty());
    for m in moves {
        for k in [
            "system",
            "to",
            "kind",
            "start",
            "finish",
            "one_off_cost",
            "running_cost_change",
            "window_end",
            "why",
        ] {
            assert!(m.get(k).is_some(), "move lacks {k}");
        }
        assert!(m["start"].as_str().unwrap().len() == 10);
    }
    let years = v["years"].as_array().unwrap();
    assert_eq!(
        years
            .iter()
            .map(|y| y["year"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        vec![2027, 2028, 2029]
    );
    for y in years {
        for k in ["year", "one_off_cost", "budget", "team_load", "metrics"] {
            assert!(y.get(k).is_some(), "year lacks {k}");
        }
        assert!(y["one_off_cost"].as_f64().unwrap() <= y["budget"].as_f64().unwrap() + 0.5);
    }
    for u in v["unplaced"].as_array().unwrap() {
        assert!(u["system"].is_string() && u["reason"].is_string());
    }
    // The trajectory: the risk never rises year over year.
    let risks: Vec<f64> = years
        .iter()
        .map(|y| y["metrics"]["risk"]["total"].as_f64().unwrap())
        .collect();
    assert!(risks.windows(2).all(|w| w[1] <= w[0]), "{risks:?}");
}

#[test]
fn plan_writes_a_gantt_chart_and_the_target_state_of_each_year() {
    let d = tmp();
    let svg = d.path().join("plan.svg");
    let dir = d.path().join("targets");
    let text = run_ok(&[
        "plan",
        &ms(),
        "--gantt",
        &arg(&svg),
        "--target-states",
        &arg(&dir),
        "--lang",
        "en",
    ]);
    assert!(text.contains("Multi-year plan"));
    let s = fs::read_to_string(&svg).unwrap();
    assert!(s.starts_with("<svg") && s.contains("2027-Q1"));
    for y in [2027, 2028, 2029] {
        let f = dir.join(format!("target-{y}.toml"));
        run_ok(&["check", &arg(&f)]);
    }
}

#[test]
fn plan_is_the_same_twice_and_fits_the_terminal() {
    let a = run_ok(&["plan", &ms(), "--format", "json"]);
    let b = run_ok(&["plan", &ms(), "--format", "json"]);
    assert_eq!(a, b);
    let out = exitgraph()
        .env("COLUMNS", "80")
        .args(["plan", &ms()])
        .output()
        .unwrap();
    for l in stdout(&out).lines() {
        assert!(l.chars().count() <= 80, "{l}");
    }
}

fn with_plan(table: &str) -> (tempfile::TempDir, String) {
    let d = tmp();
    let text = fs::read_to_string(ms()).unwrap();
    let start = text.find("[plan]").unwrap();
    let end = start + text[start..].find("\n# ====").unwrap();
    let new = format!("{}{}\n{}", &text[..start], table, &text[end..]);
    let p = d.path().join("m.toml");
    fs::write(&p, new).unwrap();
    (d, arg(&p))
}

#[test]
fn bad_plan_settings_are_located_errors_with_exit_2() {
    for (table, what) in [
        ("[plan]\nbudget = { 2031 = 100000 }", "outside the plan"),
        ("[plan]\nbudget = { 2027 = -5 }", "must be an amount"),
        ("[plan]\nbudget = { next = 5 }", "is not a year"),
        ("[plan]\ngoal = \"sovereignty\"", "no `target_score`"),
        ("[plan]\ntarget_score = 20", "applies only"),
        ("[plan]\nhorizon = \"0d\"", "longer than zero"),
        ("[plan]\nparallel_migrations = 0", "from 1 to 1,000"),
        ("[plan]\ngoal = \"cheapest\"", "cheapest"),
    ] {
        let (_d, m) = with_plan(table);
        let o = run(&["plan", &m]);
        assert_eq!(o.status.code(), Some(2), "{table}");
        let err = stderr(&o);
        assert!(err.contains(what), "{table}: {err}");
        assert!(err.contains("m.toml:"), "{table}: no location in {err}");
    }
}

#[test]
fn an_unreachable_goal_gives_a_plan_that_says_so() {
    let (_d, m) = with_plan("[plan]\ngoal = \"sovereignty\"\ntarget_score = 25");
    let o = run(&["plan", &m, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["goal_reached"], false);
    assert!(stderr(&o).contains("does not reach its goal"));
}

#[test]
fn the_review_has_the_multi_year_plan_when_the_model_has_one() {
    let d = tmp();
    let out = d.path().join("review");
    run_ok(&["review", &ms(), "--out", &arg(&out), "--runs", "300"]);
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("id=\"multi-year-plan\""));
    assert!(html.contains("Zu beschließen für 2027"));
    // The first page recommends the plan's first year to the council.
    let md = fs::read_to_string(out.join("report.md")).unwrap();
    let first = &md[..md.find("<a id=\"summary\"").unwrap_or(md.len())];
    assert!(
        first.contains("Das Jahr 2027 des Mehrjahresplans beschließen"),
        "{first}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("review.json")).unwrap()).unwrap();
    assert_eq!(v["multi_year_plan"]["horizon"]["start"], "2027-01-01");
}
