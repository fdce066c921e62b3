//! Snapshots of validated models (`model::snapshot`): every command prints
//! byte for byte the same whether it parsed the model or read its snapshot,
//! and the tests never write to the user's cache.

mod common;

use common::{example, exitgraph};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a run did: exit code, standard output, standard error, and the
/// files of its output folder.
#[derive(Debug, PartialEq)]
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    files: BTreeMap<String, Vec<u8>>,
}

fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Runs `args` (where `OUT` stands for a fresh output folder) with the
/// given cache options.
fn run(args: &[&str], cache: &[&str]) -> Run {
    let out = tempfile::tempdir().unwrap();
    let out_path = out.path().join("out");
    std::fs::create_dir(&out_path).unwrap();
    let args: Vec<String> = args
        .iter()
        .map(|a| a.replace("OUT", &out_path.to_string_lossy()))
        .collect();
    let o = exitgraph()
        .args(&args)
        .args(cache)
        .output()
        .expect("exitgraph runs");
    // The output folder differs from run to run: name it `OUT`.
    let here = out_path.to_string_lossy().into_owned();
    let neutral = |b: Vec<u8>| {
        String::from_utf8_lossy(&b)
            .replace(&here, "OUT")
            .into_bytes()
    };
    Run {
        code: o.status.code(),
        stdout: neutral(o.stdout),
        stderr: neutral(o.stderr),
        files: files_of(&out_path),
    }
}

/// Each command three times: without snapshots, writing one, reading it.
fn same_with_and_without_snapshot(commands: &[Vec<String>]) {
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().to_string_lossy().into_owned();
    let with = ["--cache-dir", dir.as_str()];
    for cmd in commands {
        let args: Vec<&str> = cmd.iter().map(String::as_str).collect();
        let parsed = run(&args, &["--no-cache"]);
        let written = run(&args, &with);
        let verbose: Vec<&str> = with.iter().copied().chain(["--verbose"]).collect();
        let noted = run(&args, &verbose);
        let read = run(&args, &with);
        let notes = String::from_utf8_lossy(&noted.stderr);
        assert!(
            notes.contains("note: read the model from"),
            "{cmd:?} did not read its snapshot: {notes}"
        );
        assert!(
            parsed.code.is_some() && parsed == written,
            "{cmd:?} differs when writing a snapshot"
        );
        assert!(parsed == read, "{cmd:?} differs when read from a snapshot");
    }
}

fn commands(model: &str, lines: &[&str]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| {
            l.split_whitespace()
                .map(|w| if w == "MODEL" { model } else { w }.to_string())
                .collect()
        })
        .collect()
}

#[test]
fn every_command_prints_the_same_from_a_snapshot() {
    let m = example("musterstadt.toml");
    same_with_and_without_snapshot(&commands(
        &m,
        &[
            "check MODEL",
            "check MODEL --format json",
            "check MODEL --policy --as-of 2027-03-01",
            "hotspots MODEL",
            "hotspots MODEL --format json",
            "deadlines MODEL --ics OUT/d.ics",
            "deadlines MODEL --format json",
            "exit MODEL --vendor microsoft --runs 500",
            "exit MODEL --vendor microsoft --runs 500 --format json",
            "paths MODEL",
            "paths MODEL --format json",
            "simulate MODEL --scenario us-sanctions",
            "simulate MODEL --each-vendor --format json",
            "score MODEL",
            "explain MODEL microsoft",
            "explain MODEL system:uplink-telekom",
            "export MODEL --to graphml",
            "export MODEL --to json",
            "export MODEL --to cyclonedx",
            "diagram MODEL --view landscape --output OUT/l.dot",
            "diff MODEL MODEL",
            "review MODEL --out OUT/review --runs 300",
            "exit MODEL --vendor no-such-vendor",
        ],
    ));
    let minimal = example("minimal.toml");
    same_with_and_without_snapshot(&commands(
        &minimal,
        &["check MODEL", "hotspots MODEL --format json"],
    ));
}

#[test]
fn a_generated_landscape_prints_the_same_from_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.toml");
    let opts = exitgraph::generate::GenOptions::new(1000, 3);
    std::fs::write(&path, exitgraph::generate::generate(&opts).unwrap()).unwrap();
    let m = path.to_string_lossy().into_owned();
    same_with_and_without_snapshot(&commands(
        &m,
        &[
            "check MODEL",
            "check MODEL --format json",
            "hotspots MODEL --format json",
            "deadlines MODEL --format json --runs 200",
            "simulate MODEL --each-vendor --format json",
            "paths MODEL --format json",
            "score MODEL --format json",
            "export MODEL --to graphml",
        ],
    ));
}

#[test]
fn warnings_print_with_their_places_from_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    // An unused vendor and a near-miss category: warnings with places.
    let text = std::fs::read_to_string(example("minimal.toml")).unwrap()
        + "\n[[vendor]]\nid = \"nobody\"\nname = \"Nobody\"\ncountry = \"DE\"\n";
    std::fs::write(&path, text).unwrap();
    let m = path.to_string_lossy().into_owned();
    let cache = tempfile::tempdir().unwrap();
    let c = cache.path().to_string_lossy().into_owned();
    let first = run(&["check", &m], &["--cache-dir", &c]);
    let second = run(&["check", &m, "--verbose"], &["--cache-dir", &c]);
    let text = String::from_utf8_lossy(&second.stderr);
    assert!(text.contains("note: read the model from"), "{text}");
    assert!(text.contains("w.toml:"), "a place: {text}");
    assert!(text.contains("unused-vendor"), "{text}");
    let plain = String::from_utf8_lossy(&first.stderr);
    assert!(text.ends_with(plain.as_ref()), "{text}\n---\n{plain}");
}

#[test]
fn a_model_with_errors_is_reported_the_same_and_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.toml");
    std::fs::write(&path, "[organisation]\nname = 3\n").unwrap();
    let m = path.to_string_lossy().into_owned();
    let cache = dir.path().join("cache");
    let c = cache.to_string_lossy().into_owned();
    let a = run(&["check", &m], &["--no-cache"]);
    let b = run(&["check", &m], &["--cache-dir", &c]);
    assert_eq!(a, b);
    assert_eq!(a.code, Some(2));
    assert!(!cache.exists(), "no snapshot of a model with errors");
}

#[test]
fn no_cache_writes_nothing_and_cache_dir_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("c");
    let m = example("minimal.toml");
    let c = cache.to_string_lossy().into_owned();
    run(&["check", &m], &["--cache-dir", &c, "--no-cache"]);
    assert!(!cache.exists());
    run(&["check", &m], &["--cache-dir", &c]);
    let snaps: Vec<PathBuf> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(snaps.len(), 1, "{snaps:?}");
}

#[test]
fn tests_keep_snapshots_out_of_the_users_cache() {
    // `.cargo/config.toml` points XDG_CACHE_HOME into the build folder for
    // every process `cargo test` starts; the command line run by the tests
    // inherits it.
    let xdg = std::env::var("XDG_CACHE_HOME").expect("XDG_CACHE_HOME is set for tests");
    assert!(
        Path::new(&xdg).ends_with("target/test-cache"),
        "XDG_CACHE_HOME is {xdg}"
    );
    let o = exitgraph()
        .args(["check", &example("minimal.toml"), "--verbose"])
        .output()
        .unwrap();
    let notes = String::from_utf8_lossy(&o.stderr);
    assert!(notes.contains("test-cache"), "{notes}");
}
