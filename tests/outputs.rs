//! The one rule of every command that writes a file: an existing file is
//! replaced only with `--force`, and an input of the command (the model,
//! its includes, an import source, a baseline) is never written, not even
//! with `--force`. One case per command and output option.

use std::path::{Path, PathBuf};

fn exitgraph(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("exitgraph").unwrap();
    c.env("NO_COLOR", "1").current_dir(dir).arg("--no-cache");
    c
}

fn fixture(dir: &Path) -> PathBuf {
    let m = dir.join("m.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/musterstadt.toml"),
        &m,
    )
    .unwrap();
    m
}

/// Runs `args` (with `--force` when asked) and returns the exit code and
/// standard error.
fn run(dir: &Path, args: &[&str], force: bool) -> (i32, String) {
    let mut c = exitgraph(dir);
    c.args(args);
    if force {
        c.arg("--force");
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The commands that write, each with the file it writes (relative to the
/// working directory) and the arguments that write it.
fn writers() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("landscape.toml", vec!["init", "landscape.toml"]),
        ("schema.json", vec!["schema", "-o", "schema.json"]),
        (
            "out.json",
            vec!["export", "m.toml", "--to", "json", "-o", "out.json"],
        ),
        (
            "imported.toml",
            vec!["import", "csv", "systems.csv", "-o", "imported.toml"],
        ),
        ("d.ics", vec!["deadlines", "m.toml", "--ics", "d.ics"]),
        (
            "d.dot",
            vec!["diagram", "m.toml", "--view", "landscape", "-o", "d.dot"],
        ),
        (
            "target.toml",
            vec![
                "whatif",
                "m.toml",
                "--drop-vendor",
                "esri",
                "-o",
                "target.toml",
            ],
        ),
        ("g.svg", vec!["plan", "m.toml", "--gantt", "g.svg"]),
        (
            "ts/target-2028.toml",
            vec!["plan", "m.toml", "--target-states", "ts"],
        ),
        (
            "hb/us-sanctions.html",
            vec![
                "simulate",
                "m.toml",
                "--scenario",
                "us-sanctions",
                "--handbook",
                "hb",
            ],
        ),
        (
            "pr/progress.md",
            vec!["progress", "m.toml", "--since", "review.json", "-o", "pr"],
        ),
    ]
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fixture(d);
    std::fs::write(
        d.join("systems.csv"),
        "id,name,vendor\nfa,Fachverfahren A,Anbieter A\n",
    )
    .unwrap();
    std::fs::create_dir(d.join("ts")).unwrap();
    std::fs::create_dir(d.join("hb")).unwrap();
    std::fs::create_dir(d.join("pr")).unwrap();
    let (code, err) = run(
        d,
        &["review", "m.toml", "--out", "rev", "--runs", "100"],
        false,
    );
    assert_eq!(code, 0, "{err}");
    std::fs::copy(d.join("rev/review.json"), d.join("review.json")).unwrap();
    dir
}

/// Without `--force` an existing file is refused (exit 2, the file named,
/// the way out said) and left as it was; with it, the file is replaced.
#[test]
fn every_writer_refuses_an_existing_file_without_force() {
    let dir = setup();
    let d = dir.path();
    for (file, args) in writers() {
        let path = d.join(file);
        std::fs::write(&path, "old").unwrap();
        let (code, err) = run(d, &args, false);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(&format!("`{}` already exists", Path::new(file).display()))
                || err.contains(&format!("{file}` already exists")),
            "{args:?}: {err}"
        );
        assert!(err.contains("pass --force to overwrite it"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old", "{args:?}");

        let (code, err) = run(d, &args, true);
        assert_eq!(code, 0, "{args:?} --force: {err}");
        assert_ne!(std::fs::read_to_string(&path).unwrap(), "old", "{args:?}");
    }
}

/// A writer whose output is one of its own inputs is refused even with
/// `--force`, and the input keeps its bytes: the model, an include, an
/// import source, the baseline of `progress` and `review`.
#[test]
fn no_writer_writes_onto_its_input_even_with_force() {
    let dir = setup();
    let d = dir.path();
    let model = std::fs::read(d.join("m.toml")).unwrap();
    // A diagram takes its format from the extension: a model named .dot.
    std::fs::copy(d.join("m.toml"), d.join("model.dot")).unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["export", "m.toml", "--to", "json", "-o", "m.toml"],
        vec!["import", "csv", "systems.csv", "-o", "systems.csv"],
        vec!["deadlines", "m.toml", "--ics", "m.toml"],
        vec![
            "diagram",
            "model.dot",
            "--view",
            "landscape",
            "-o",
            "model.dot",
        ],
        vec!["whatif", "m.toml", "--drop-vendor", "esri", "-o", "m.toml"],
        vec!["plan", "m.toml", "--gantt", "m.toml"],
    ];
    for args in cases {
        let (code, err) = run(d, &args, true);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("is an input file of this command")
                && err.contains("not even with --force"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(std::fs::read(d.join("m.toml")).unwrap(), model);
    assert_eq!(std::fs::read(d.join("model.dot")).unwrap(), model);

    // Inputs inside an output folder: the model as a target state, the
    // baseline as a progress file, the model as a handbook page.
    std::fs::copy(d.join("m.toml"), d.join("ts/target-2027.toml")).unwrap();
    let (code, err) = run(
        d,
        &["plan", "ts/target-2027.toml", "--target-states", "ts"],
        true,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is an input file of this command"), "{err}");
    std::fs::copy(d.join("review.json"), d.join("pr/progress.md")).unwrap();
    let (code, err) = run(
        d,
        &[
            "progress",
            "m.toml",
            "--since",
            "pr/progress.md",
            "-o",
            "pr",
        ],
        true,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is an input file of this command"), "{err}");
    std::fs::copy(d.join("m.toml"), d.join("hb/us-sanctions.md")).unwrap();
    let (code, err) = run(
        d,
        &[
            "simulate",
            "hb/us-sanctions.md",
            "--scenario",
            "us-sanctions",
            "--handbook",
            "hb",
        ],
        true,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is an input file of this command"), "{err}");
    assert_eq!(std::fs::read(d.join("hb/us-sanctions.md")).unwrap(), model);
}

/// A hard link to the model is the model: refused although its path differs.
#[cfg(unix)]
#[test]
fn a_hard_link_to_an_input_is_that_input() {
    let dir = setup();
    let d = dir.path();
    std::fs::hard_link(d.join("m.toml"), d.join("link.json")).unwrap();
    let (code, err) = run(
        d,
        &["export", "m.toml", "--to", "json", "-o", "link.json"],
        true,
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`link.json` is an input file of this command"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(d.join("link.json")).unwrap(),
        std::fs::read(d.join("m.toml")).unwrap()
    );
}

/// `review --out DIR`: a directory holding the baseline (last year's
/// review, written into the same folder) is refused even with `--force`;
/// a directory exitgraph wrote is replaced without it.
#[test]
fn a_review_never_replaces_the_folder_of_its_baseline() {
    let dir = setup();
    let d = dir.path();
    let (code, err) = run(
        d,
        &[
            "review",
            "m.toml",
            "--out",
            "rev",
            "--runs",
            "100",
            "--baseline",
            "rev/review.json",
        ],
        true,
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("an input file of this command") && err.contains("rev/review.json"),
        "{err}"
    );
    let (code, err) = run(
        d,
        &["review", "m.toml", "--out", "rev", "--runs", "100"],
        false,
    );
    assert_eq!(code, 0, "{err}");
    std::fs::create_dir(d.join("other")).unwrap();
    std::fs::write(d.join("other/notes.txt"), "mine").unwrap();
    let (code, err) = run(
        d,
        &["review", "m.toml", "--out", "other", "--runs", "100"],
        false,
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"), "{err}");
}
