//! Every file exitgraph reads goes through one reader: regular files only
//! (a device, FIFO or directory is refused before it is opened), and
//! `--max-file-size` counts the bytes actually read. One case per entry
//! point: the model, an import source, a mapping file, a `diff` argument,
//! `review --baseline`, `progress --since`. Exit code 2, the file named.

use std::path::Path;
use std::time::Duration;

const LIMIT: &str = "4000";

/// The entry points, each with the argument list where `FILE` stands for
/// the file under test.
fn entry_points() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("model", vec!["check", "FILE"]),
        ("import source", vec!["import", "csv", "FILE", "--dry-run"]),
        (
            "mapping file",
            vec!["import", "csv", "s.csv", "--mapping", "FILE", "--dry-run"],
        ),
        ("diff argument", vec!["diff", "FILE", "m.toml"]),
        (
            "baseline",
            vec!["review", "m.toml", "--out", "rev", "--baseline", "FILE"],
        ),
        (
            "since",
            vec!["progress", "m.toml", "--since", "FILE", "-o", "pr"],
        ),
    ]
}

fn run(dir: &Path, args: &[&str], file: &str) -> (i32, String) {
    let args: Vec<&str> = args
        .iter()
        .map(|a| if *a == "FILE" { file } else { a })
        .collect();
    let out = assert_cmd::Command::cargo_bin("exitgraph")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(["--no-cache", "--max-file-size", LIMIT])
        .args(&args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/minimal.toml"),
        d.join("m.toml"),
    )
    .unwrap();
    std::fs::write(d.join("s.csv"), "id,name,vendor\na,A,V\n").unwrap();
    // Over the limit: 4,001 bytes, valid for every reader but for its size.
    let pad = " ".repeat(4001 - 2);
    std::fs::write(d.join("big.json"), format!("{{{pad}}}")).unwrap();
    std::fs::create_dir(d.join("folder.json")).unwrap();
    dir
}

fn refused(dir: &Path, file: &str, why: &str) {
    for (what, args) in entry_points() {
        let (code, err) = run(dir, &args, file);
        assert_eq!(code, 2, "{what} `{file}`: {err}");
        assert!(err.contains(&format!("`{file}`")), "{what}: {err}");
        assert!(err.contains(why), "{what} `{file}`: {err}");
    }
}

#[test]
fn an_over_limit_file_is_refused_at_every_entry_point() {
    let dir = setup();
    refused(
        dir.path(),
        "big.json",
        "the file has 4001 bytes, more than the limit of 4000",
    );
}

#[test]
fn a_directory_is_refused_at_every_entry_point() {
    let dir = setup();
    refused(dir.path(), "folder.json", "it is a directory");
}

#[cfg(unix)]
#[test]
fn devices_are_refused_at_every_entry_point() {
    let dir = setup();
    refused(dir.path(), "/dev/zero", "it is not a regular file");
}

/// A FIFO is refused before it is opened: opening it would wait for a
/// writer that never comes (the timeout of `run` would fail the test).
#[cfg(unix)]
#[test]
fn fifos_are_refused_at_every_entry_point_without_waiting() {
    let dir = setup();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("fifo.json"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        assert!(std::env::var_os("CI").is_none(), "mkfifo is needed in CI");
        eprintln!("skipped: no mkfifo");
        return;
    }
    refused(dir.path(), "fifo.json", "it is not a regular file");
}

/// `/proc/self/smaps` reports a size of 0 and holds more: the limit counts
/// the bytes read.
#[cfg(target_os = "linux")]
#[test]
fn the_limit_counts_the_bytes_read_not_the_reported_size() {
    let dir = setup();
    refused(
        dir.path(),
        "/proc/self/smaps",
        "more than 4000 bytes could be read",
    );
}
