//! The command line as a whole: exit codes, closed pipes, and the rule that
//! exitgraph never writes over its input.

use assert_cmd::Command;
use std::io::Read;
use std::path::Path;
use std::process::Stdio;

fn exitgraph() -> Command {
    let mut c = Command::cargo_bin("exitgraph").unwrap();
    c.env("NO_COLOR", "1");
    c
}

const MODEL: &str = "examples/musterstadt.toml";

#[test]
fn exit_codes_are_0_for_success_and_help_and_2_for_usage_errors() {
    exitgraph().arg("--help").assert().code(0);
    exitgraph().arg("--version").assert().code(0);
    exitgraph().args(["check", MODEL]).assert().code(0);
    exitgraph().arg("no-such-command").assert().code(2);
    exitgraph()
        .args(["check", MODEL, "--no-such-flag"])
        .assert()
        .code(2);
    exitgraph()
        .args(["check", "does/not/exist.toml"])
        .assert()
        .code(2);
    exitgraph()
        .args(["deadlines", MODEL, "--as-of", "2026-13-01"])
        .assert()
        .code(2);
    exitgraph()
        .args(["deadlines", MODEL, "--horizon", "12m"])
        .assert()
        .code(2);
    exitgraph()
        .args(["exit", MODEL, "--vendor", "microsft"])
        .assert()
        .code(2);
    exitgraph()
        .args(["simulate", MODEL, "--scenario", "no-such"])
        .assert()
        .code(2);
    exitgraph()
        .args(["simulate", MODEL, "--price", "vendor:broadcom=abc"])
        .assert()
        .code(2);
    exitgraph()
        .args(["explain", MODEL, "no-such-id"])
        .assert()
        .code(2);
}

#[test]
fn policy_failures_exit_with_1() {
    exitgraph()
        .args(["check", MODEL, "--policy", "--max-lockin", "10"])
        .assert()
        .code(1);
    exitgraph()
        .args(["check", MODEL, "--policy", "--max-lockin", "100"])
        .assert()
        .code(0);
}

#[test]
fn usage_errors_say_what_is_wrong_and_suggest_a_fix() {
    let out = exitgraph()
        .args(["exit", MODEL, "--vendor", "microsft"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no vendor `microsft`"), "{err}");
    assert!(err.contains("did you mean `microsoft`?"), "{err}");
}

/// `exitgraph ... | head` must end quietly when head closes the pipe.
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("big.toml");
    let text =
        exitgraph::generate::generate(&exitgraph::generate::GenOptions::new(2000, 3)).unwrap();
    std::fs::write(&model, text).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("exitgraph");
    let mut child = std::process::Command::new(bin)
        .args(["export", model.to_str().unwrap(), "--to", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("error"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn outputs_never_overwrite_the_input_model() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal.toml"),
        &model,
    )
    .unwrap();
    let before = std::fs::read(&model).unwrap();
    let m = model.to_str().unwrap();
    exitgraph()
        .args(["export", m, "--to", "json", "-o", m])
        .assert()
        .code(2);
    exitgraph()
        .args(["deadlines", m, "--ics", m])
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&model).unwrap(), before);
    // Analyses never touch the model file either.
    exitgraph()
        .args(["simulate", m, "--all-scenarios"])
        .assert()
        .code(0);
    exitgraph().args(["hotspots", m]).assert().code(0);
    assert_eq!(std::fs::read(&model).unwrap(), before);
}

#[test]
fn written_files_replace_old_ones_whole_and_leave_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("model.json");
    std::fs::write(&out, "old").unwrap();
    exitgraph()
        .args(["export", MODEL, "--to", "json", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with('{'), "{text}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}
