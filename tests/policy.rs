//! `exitgraph check --policy`: for each rule a failing and a passing
//! fixture (`tests/fixtures/policy/<rule>-fail.toml`, `<rule>-pass.toml`),
//! rule flags over the model's rules, JSON output, and the exit codes
//! (0 pass, 1 a rule fails, 2 invalid input or no rule to check).

use assert_cmd::Command;
use exitgraph::model::policy::Rule;
use predicates::prelude::PredicateBooleanExt;
use std::path::{Path, PathBuf};

fn exitgraph() -> Command {
    let mut c = Command::cargo_bin("exitgraph").expect("binary builds");
    c.env("NO_COLOR", "1");
    c
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/policy")
        .join(name)
}

/// Runs `check --policy` on a fixture; returns exit code and stdout.
fn check(name: &str, extra: &[&str]) -> (i32, String, String) {
    let out = exitgraph()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .arg(format!("tests/fixtures/policy/{name}"))
        .arg("--policy")
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The failure lines of the text output (`FILE:LINE:COL: rule: ...`).
fn failures(stdout: &str) -> Vec<&str> {
    let names: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
    stdout
        .lines()
        .filter(|l| {
            names
                .iter()
                .any(|n| l.contains(&format!(": {n}: ")) || l.starts_with(&format!("{n}: ")))
        })
        .collect()
}

/// Asserts that `<rule>-fail.toml` exits 1 with exactly `expected` as its
/// failure lines and `<rule>-pass.toml` exits 0 without failures.
fn fail_and_pass(rule: Rule, expected: &[&str]) {
    let (code, out, err) = check(&format!("{rule}-fail.toml"), &[]);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(failures(&out), expected, "{out}");
    assert!(out.contains("failed: 1 of 1 policy rule"), "{out}");
    let (code, out, err) = check(&format!("{rule}-pass.toml"), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(failures(&out).is_empty(), "{out}");
    assert!(out.contains("ok: 1 policy rule passes"), "{out}");
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    for r in Rule::ALL {
        for kind in ["fail", "pass"] {
            let f = fixture(&format!("{r}-{kind}.toml"));
            assert!(f.exists(), "missing fixture {}", f.display());
        }
    }
}

#[test]
fn max_days_to_decision() {
    fail_and_pass(
        Rule::MaxDaysToDecision,
        &[
            "tests/fixtures/policy/max_days_to_decision-fail.toml:24:1: max_days_to_decision: contract `crm-licence`: the decision deadline 2026-05-30 is in 149 days (limit: 150 days, as of 2026-01-01)",
        ],
    );
}

#[test]
fn max_lockin() {
    fail_and_pass(
        Rule::MaxLockin,
        &[
            "tests/fixtures/policy/max_lockin-fail.toml:18:1: max_lockin: system `crm`: lock-in score 39.6 is above the limit of 30; largest factors: jurisdiction 20.0 of 20.0, alternatives 10.0 of 10.0, licence 5.0 of 5.0",
        ],
    );
}

#[test]
fn no_single_vendor_for_critical() {
    fail_and_pass(
        Rule::NoSingleVendorForCritical,
        &[
            "tests/fixtures/policy/no_single_vendor_for_critical-fail.toml:23:1: no_single_vendor_for_critical: service `tax`: criticality critical; stops if one vendor alone is cut: us (US)",
        ],
    );
}

#[test]
fn data_act() {
    fail_and_pass(
        Rule::DataAct,
        &[
            "tests/fixtures/policy/data_act-fail.toml:28:10: data_act: contract `crm-cloud`: notice period of 3 months, longer than the maximum of two months (Data Act Art. 25(2)(d), data-act-notice)",
        ],
    );
}

#[test]
fn min_sovereignty() {
    // A model-level failure points at the rule's own line.
    fail_and_pass(
        Rule::MinSovereignty,
        &[
            "tests/fixtures/policy/min_sovereignty-fail.toml:12:19: min_sovereignty: Policy test: the sovereignty self-check totals 9 of 25 (critically dependent), below the minimum of 10; weakest: Data sovereignty 1 of 5, Internal IT competence 1 of 5, Open standards and interfaces 1 of 5, Governance and exit strategy 1 of 5",
        ],
    );
}

#[test]
fn exit_plan_for_core() {
    fail_and_pass(
        Rule::ExitPlanForCore,
        &[
            "tests/fixtures/policy/exit_plan_for_core-fail.toml:12:1: exit_plan_for_core: system `registry`: core system (in use, criticality critical) has no `exit_plan`; record where its exit scenario is documented",
        ],
    );
}

#[test]
fn without_policy_check_keeps_its_old_behaviour() {
    exitgraph()
        .arg("check")
        .arg(fixture("max_lockin-fail.toml"))
        .assert()
        .code(0)
        .stdout(predicates::str::contains("policy as of").not());
}

#[test]
fn flags_replace_the_model_s_rules_and_imply_policy() {
    // The model says 30; the flag raises the limit above the score 39.6.
    let (code, out, _) = check("max_lockin-fail.toml", &["--max-lockin", "40"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("command line"), "{out}");
    // A flag alone turns the check on, without --policy.
    let out = exitgraph()
        .arg("check")
        .arg(fixture("max_lockin-pass.toml"))
        .arg("--max-lockin=10")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // A boolean rule can be switched off; with nothing left to check the
    // run is a usage error.
    let (code, _, err) = check("data_act-fail.toml", &["--data-act=false"]);
    assert_eq!(code, 2);
    assert!(err.contains("found no rule to check"), "{err}");
    // And switched on for a model that has no such rule.
    let (code, out, _) = check("max_lockin-pass.toml", &["--no-single-vendor-for-critical"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ok: 2 policy rules pass"), "{out}");
}

#[test]
fn the_as_of_date_moves_deadlines() {
    // From 2026-05-01 the decision (2026-05-30) of the passing fixture's
    // contract is still 213 days away; from 2026-06-01 the failing one's
    // contract ends before a switch could finish: act today.
    let (code, _, _) = check("max_days_to_decision-pass.toml", &["--as-of", "2026-05-01"]);
    assert_eq!(code, 0);
    let (code, out, _) = check("max_days_to_decision-fail.toml", &["--as-of", "2026-06-01"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "the decision deadline 2026-06-01 is today (limit: 150 days, as of 2026-06-01); the next exit is no longer reachable"
        ),
        "{out}"
    );
}

#[test]
fn json_lists_rules_and_failures_with_their_place() {
    let (code, out, _) = check("exit_plan_for_core-fail.toml", &["--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["counts"]["systems"], 2);
    assert_eq!(
        v["policy"]["rules"],
        serde_json::json!([{
            "rule": "exit_plan_for_core",
            "value": true,
            "source": "model",
            "meaning": "every core system (in use, critical or high) has an `exit_plan`",
            "checked": 1,
            "failed": 1
        }])
    );
    assert_eq!(
        v["policy"]["failures"],
        serde_json::json!([{
            "rule": "exit_plan_for_core",
            "kind": "system",
            "element": "registry",
            "why": {"kind": "no_exit_plan", "criticality": "critical"},
            "file": "tests/fixtures/policy/exit_plan_for_core-fail.toml",
            "line": 12,
            "column": 1
        }])
    );
    // Without --policy the JSON has no policy member.
    let out = exitgraph()
        .arg("check")
        .arg(fixture("exit_plan_for_core-fail.toml"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("policy").is_none());
}

#[test]
fn bad_policy_input_is_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[organisation]\nname = \"X\"\nhome = \"DE\"\n\n[policy]\nmin_sovereignty = 40\n",
    )
    .unwrap();
    let out = exitgraph()
        .arg("check")
        .arg(&bad)
        .arg("--policy")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`min_sovereignty` of [policy] must be between 5 and 25"),
        "{err}"
    );
    // A flag out of range is a usage error too.
    let out = exitgraph()
        .arg("check")
        .arg(fixture("max_lockin-pass.toml"))
        .args(["--max-lockin", "120"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // A model without rules and no flags: nothing to check is an error.
    let none = dir.path().join("none.toml");
    std::fs::write(&none, "[organisation]\nname = \"X\"\nhome = \"DE\"\n").unwrap();
    let out = exitgraph()
        .arg("check")
        .arg(&none)
        .arg("--policy")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn policy_belongs_in_the_main_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.toml"),
        "[organisation]\nname = \"X\"\nhome = \"DE\"\ninclude = [\"part.toml\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("part.toml"), "[policy]\nmax_lockin = 50\n").unwrap();
    let out = exitgraph()
        .arg("check")
        .arg(dir.path().join("main.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`[policy]` belongs in the main model file"),
        "{err}"
    );
}

#[test]
fn the_example_model_runs_its_policy() {
    // The examples carry no [policy]; the flags give one, deterministically.
    let run = || {
        exitgraph()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args([
                "check",
                "examples/musterstadt.toml",
                "--max-lockin",
                "60",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
    };
    let a = run();
    assert_eq!(a.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    let failures = v["policy"]["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["element"], "backup");
    assert_eq!(a.stdout, run().stdout);
}
