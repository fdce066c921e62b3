//! Robustness: no valid model makes an analysis panic, no broken model makes
//! the loader panic, and every error points at a place in the input.

use exitgraph::generate::{GenOptions, generate};
use exitgraph::graph::Graph;
use exitgraph::model::{self, Code, Duration, Limits};
use proptest::prelude::*;
use std::path::Path;

fn load(text: &str) -> Result<model::Model, model::LoadFailure> {
    model::load_str("t.toml", Path::new("t.toml"), text, &Limits::default())
}

/// Errors that concern a whole file or the whole model have no position.
fn file_level(code: Code) -> bool {
    matches!(code, Code::FileRead | Code::TooLarge)
}

fn assert_located(f: &model::LoadFailure) {
    assert!(
        f.diagnostics.iter().any(|d| d.is_error()),
        "a failure without an error"
    );
    for d in &f.diagnostics {
        if file_level(d.code) {
            continue;
        }
        let (span, _) = d
            .primary
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no location: {}", d.code, d.message));
        let loc = f
            .sources
            .locate(*span)
            .expect("the location is in a known file");
        assert!(loc.line >= 1 && loc.column >= 1);
    }
}

fn example() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/musterstadt.toml"))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Random valid models from the generator load, validate and go through
    /// every analysis without panicking.
    #[test]
    fn generated_models_load_and_analyse(seed in any::<u64>(), systems in 20usize..160) {
        let text = generate(&GenOptions::new(systems, seed)).unwrap();
        let m = load(&text).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
        let g = Graph::build(m);
        exitgraph::analysis::exercise(&g);
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    Truncate(usize),
    SwapIds(usize, usize),
    InsertByte(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapIds(a, b)),
        (
            any::<usize>(),
            prop::sample::select(b"[]{}=\"',.\n#x0-".to_vec())
        )
            .prop_map(|(a, b)| Mutation::InsertByte(a, b)),
    ]
}

fn apply(text: &str, muts: &[Mutation]) -> String {
    let mut t = text.to_string();
    for m in muts {
        let lines: Vec<&str> = t.lines().collect();
        let n = lines.len().max(1);
        t = match m {
            Mutation::DeleteLine(i) => {
                let mut l = lines.clone();
                if !l.is_empty() {
                    l.remove(i % n);
                }
                l.join("\n")
            }
            Mutation::DuplicateLine(i) => {
                let mut l = lines.clone();
                if !l.is_empty() {
                    let x = l[i % n];
                    l.insert(i % n, x);
                }
                l.join("\n")
            }
            Mutation::Truncate(i) => {
                let mut cut = i % (t.len() + 1);
                while !t.is_char_boundary(cut) {
                    cut -= 1;
                }
                t[..cut].to_string()
            }
            Mutation::SwapIds(a, b) => {
                // Replace one `id = "..."` value by another entity's id.
                let ids: Vec<(usize, &str)> = lines
                    .iter()
                    .enumerate()
                    .filter_map(|(k, l)| {
                        l.strip_prefix("id = \"")
                            .and_then(|r| r.strip_suffix('"'))
                            .map(|v| (k, v))
                    })
                    .collect();
                if ids.len() < 2 {
                    t.clone()
                } else {
                    let (k, _) = ids[a % ids.len()];
                    let (_, other) = ids[b % ids.len()];
                    let mut l: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
                    l[k] = format!("id = \"{other}\"");
                    l.join("\n")
                }
            }
            Mutation::InsertByte(i, b) => {
                let mut at = i % (t.len() + 1);
                while !t.is_char_boundary(at) {
                    at -= 1;
                }
                let mut s = t.clone();
                s.insert(at, *b as char);
                s
            }
        };
    }
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Deleted lines, duplicated lines, swapped ids, truncation and stray
    /// characters end in a valid model or in located diagnostics: never a panic.
    #[test]
    fn mutations_end_in_located_diagnostics(muts in prop::collection::vec(mutation(), 1..4)) {
        let text = apply(&example(), &muts);
        match load(&text) {
            Ok(m) => {
                let g = Graph::build(m);
                exitgraph::analysis::exercise(&g);
            }
            Err(f) => assert_located(&f),
        }
    }

    /// Adding whole months to a day up to the 28th and subtracting them again
    /// gives the same day (later days are clamped to the month's end).
    #[test]
    fn calendar_months_round_trip(y in 1990i32..2100, m in 1u32..=12, d in 1u32..=28, n in 0u32..400) {
        let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let dur = Duration::months(n);
        let later = dur.add_to(date).unwrap();
        prop_assert_eq!(dur.sub_from(later), Some(date));
    }

    /// Days added and subtracted always round-trip, and month arithmetic never
    /// moves more than the month's clamping (3 days) away.
    #[test]
    fn day_arithmetic_round_trips(y in 1990i32..2100, doy in 1u32..=365, days in 0u32..5000, months in 0u32..120) {
        let date = chrono::NaiveDate::from_yo_opt(y, doy).unwrap();
        let d = Duration::days(days);
        prop_assert_eq!(d.sub_from(d.add_to(date).unwrap()), Some(date));
        let mo = Duration::months(months);
        let back = mo.sub_from(mo.add_to(date).unwrap()).unwrap();
        prop_assert!(back <= date && (date - back).num_days() <= 3);
    }

    /// What the duration parser accepts, it prints back in a form it accepts
    /// as the same duration.
    #[test]
    fn durations_round_trip(y in 0u32..50, mo in 0u32..50, w in 0u32..50, d in 0u32..50) {
        let dur = Duration { years: y, months: mo, weeks: w, days: d, hours: 0 };
        prop_assert_eq!(Duration::parse(&dur.to_string()), Ok(dur));
        let iso = format!("P{y}Y{mo}M{w}W{d}D");
        prop_assert_eq!(Duration::parse(&iso), Ok(dur));
    }
}

#[test]
fn arbitrary_bytes_as_a_file_end_in_a_file_level_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.toml");
    std::fs::write(&path, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let f = model::load(&path).unwrap_err();
    assert_eq!(f.diagnostics[0].code, Code::FileRead);
}

#[test]
fn limits_refuse_huge_inputs_with_a_clear_message() {
    let limits = Limits {
        max_entities: 10,
        ..Limits::default()
    };
    let text = generate(&GenOptions::new(20, 1)).unwrap();
    let f = model::load_str("t.toml", Path::new("t.toml"), &text, &limits).unwrap_err();
    let d = f
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TooLarge)
        .expect("too-large reported");
    assert!(
        d.message.contains("more than the limit of 10"),
        "{}",
        d.message
    );
    let deep = Limits {
        max_file_bytes: 100,
        ..Limits::default()
    };
    let f = model::load_str("t.toml", Path::new("t.toml"), &text, &deep).unwrap_err();
    assert!(f.diagnostics.iter().any(|d| d.code == Code::TooLarge));
}

#[test]
fn deeply_nested_includes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.toml"),
        "[organisation]\nname = \"X\"\nhome = \"DE\"\ninclude = [\"f0.toml\"]\n",
    )
    .unwrap();
    for i in 0..40 {
        std::fs::write(
            dir.path().join(format!("f{i}.toml")),
            format!("[organisation]\ninclude = [\"f{}.toml\"]\n", i + 1),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("f40.toml"), "").unwrap();
    let f = model::load(&dir.path().join("main.toml")).unwrap_err();
    assert!(
        f.diagnostics
            .iter()
            .any(|d| d.code == Code::IncludeInvalid && d.message.contains("nested more than 16")),
        "{:#?}",
        f.diagnostics
    );
}

/// A large file is parsed in parts on all cores (`model/load/split.rs`).
/// Quoting one table name makes the loader parse the same model whole: both
/// give the same resolved model, and an error near the end of a split file
/// is reported at its exact line and column.
#[test]
fn a_file_parsed_in_parts_gives_the_same_model_and_exact_positions() {
    let text = generate(&GenOptions::new(1_000, 5)).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        text.len() > 512 * 1024,
        "the file must be large enough to split"
    );
    let whole = text.replacen("[[vendor]]", "[[\"vendor\"]]", 1);
    let a = Graph::build(load(&text).unwrap_or_else(|f| panic!("{:?}", f.diagnostics)));
    let b = Graph::build(load(&whole).unwrap_or_else(|f| panic!("{:?}", f.diagnostics)));
    assert_eq!(
        exitgraph::interop::export_json::render(&a),
        exitgraph::interop::export_json::render(&b)
    );

    let lines = text.lines().count();
    let broken = format!(
        "{text}\n[[system]]\nid = \"late\"\nname = \"Late\"\nvendor = \"no-such-vendor\"\n"
    );
    let f = load(&broken).expect_err("an unknown vendor is an error");
    let d = f
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .unwrap_or_else(|| panic!("no error"));
    let (span, _) = d.primary.as_ref().unwrap_or_else(|| panic!("no location"));
    let loc = f.sources.locate(*span).unwrap_or_else(|| panic!("no file"));
    assert_eq!((loc.line, loc.column), (lines + 5, 10), "{}", d.message);
}

/// A chain of `n` systems, each depending on the next (`up`: on the
/// previous), with a critical service on its first system. A recursive walk
/// overflows the stack on one of the two directions.
fn chain(n: usize, up: bool) -> String {
    let mut t = String::with_capacity(n * 80);
    t.push_str("[organisation]\nname = \"Chain\"\nhome = \"DE\"\nas_of = 2026-12-01\n\n");
    t.push_str("[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"US\"\n\n");
    for i in 0..n {
        t.push_str(&format!(
            "[[system]]\nid = \"s{i}\"\nname = \"S{i}\"\nvendor = \"v\"\n"
        ));
        let next = if up {
            i.checked_sub(1)
        } else {
            (i + 1 < n).then_some(i + 1)
        };
        if let Some(d) = next {
            t.push_str(&format!("depends_on = [\"s{d}\"]\n"));
        }
        t.push('\n');
    }
    let top = if up { n - 1 } else { 0 };
    t.push_str(&format!(
        "[[service]]\nid = \"svc\"\nname = \"Svc\"\ncriticality = \"critical\"\nneeds = [\"s{top}\"]\n"
    ));
    t
}

/// Loading finds dependency cycles with a walk that does not recurse: a
/// chain of 90,000 systems in either direction loads, and a ring of 90,000
/// is one cycle whose warning names ten systems and the count of the rest.
#[test]
fn a_chain_of_90000_systems_loads_in_both_directions() {
    for up in [false, true] {
        let m = load(&chain(90_000, up)).unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
        assert_eq!(m.systems.len(), 90_000);
    }
    let ring = chain(90_000, false).replacen(
        "id = \"s89999\"\nname = \"S89999\"\nvendor = \"v\"\n",
        "id = \"s89999\"\nname = \"S89999\"\nvendor = \"v\"\ndepends_on = [\"s0\"]\n",
        1,
    );
    let m = load(&ring).unwrap_or_else(|f| panic!("{:?}", f.diagnostics));
    let cycles: Vec<_> = m
        .warnings
        .iter()
        .filter(|d| d.code == Code::DependencyCycle)
        .collect();
    assert_eq!(cycles.len(), 1);
    assert!(
        cycles[0].message.ends_with("and 89990 more"),
        "{}",
        cycles[0].message
    );
    assert_eq!(cycles[0].secondary.len(), 9);
}

/// 10,000 errors on one 100 KB line print a window around each place, not
/// the whole line each time: the output grows linearly (it was 1 GB).
#[test]
fn ten_thousand_errors_on_one_long_line_print_windows() {
    let refs: Vec<String> = (0..10_000).map(|i| format!("\"no-such-{i}\"")).collect();
    let text = format!(
        "[organisation]\nname = \"T\"\nhome = \"DE\"\n[[system]]\nid = \"a\"\nname = \"A\"\ndepends_on = [{}]\n",
        refs.join(", ")
    );
    assert!(text.len() > 100_000);
    let f = load(&text).expect_err("unknown references");
    let n = f
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnknownReference)
        .count();
    assert_eq!(n, 10_000);
    let out = exitgraph::cli::render_diagnostics(&f.sources, &f.diagnostics, false);
    assert!(out.len() < 10_000 * 800, "{} bytes", out.len());
    assert!(out.contains("t.toml:7:"), "the real line is named");
    assert!(out.contains("…"), "the line is cut");
}

/// A model in `dir/model/` with the given include list and a file outside
/// its folder that holds a secret line.
fn include_setup(includes: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model");
    std::fs::create_dir_all(model.join("parts")).unwrap();
    std::fs::write(
        dir.path().join("secret.toml"),
        "-----BEGIN PRIVATE KEY----- SECRET-LINE\n",
    )
    .unwrap();
    std::fs::write(
        model.join("main.toml"),
        format!("[organisation]\nname = \"T\"\nhome = \"DE\"\ninclude = [{includes}]\n"),
    )
    .unwrap();
    std::fs::write(
        model.join("parts/v.toml"),
        "[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\"\n",
    )
    .unwrap();
    (dir, model.join("main.toml"))
}

fn codes(f: &model::LoadFailure) -> Vec<Code> {
    f.diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect()
}

/// Includes outside the main file's folder (`..`, absolute, through a
/// symlink) are refused without reading them; the flag allows them.
#[test]
fn includes_outside_the_model_folder_are_refused_unread() {
    let secret = |f: &model::LoadFailure| {
        exitgraph::cli::render_diagnostics(&f.sources, &f.diagnostics, false).contains("SECRET")
    };
    let (dir, main) = include_setup("\"../secret.toml\"");
    let f = model::load(&main).unwrap_err();
    assert_eq!(codes(&f), vec![Code::IncludeInvalid]);
    assert!(!secret(&f));
    let abs = dir.path().join("secret.toml").canonicalize().unwrap();
    let (_d2, main2) = include_setup(&format!("{:?}", abs.to_string_lossy()));
    let f = model::load(&main2).unwrap_err();
    assert_eq!(codes(&f), vec![Code::IncludeInvalid]);
    assert!(!secret(&f));
    #[cfg(unix)]
    {
        let (dir3, main3) = include_setup("\"parts/*.toml\"");
        std::os::unix::fs::symlink(
            dir3.path().join("secret.toml"),
            main3.with_file_name("parts/link.toml"),
        )
        .unwrap();
        let f = model::load(&main3).unwrap_err();
        assert_eq!(codes(&f), vec![Code::IncludeInvalid]);
        assert!(!secret(&f));
    }
    // With the flag the file is read; its syntax error shows the line.
    let open = Limits {
        allow_include_outside: true,
        ..Limits::default()
    };
    let f = model::load_with(&main, &open).unwrap_err();
    assert_eq!(codes(&f), vec![Code::TomlSyntax]);
    assert!(secret(&f));
}

/// `**` does not follow symlinked directories: two loop links end neither
/// in an endless walk nor in files read twice.
#[cfg(unix)]
#[test]
fn glob_walks_do_not_follow_symlinked_directories() {
    let (_dir, main) = include_setup("\"parts/**/*.toml\"");
    let parts = main.with_file_name("parts");
    std::os::unix::fs::symlink("..", parts.join("up")).unwrap();
    std::os::unix::fs::symlink(".", parts.join("same")).unwrap();
    std::fs::create_dir_all(parts.join("a/b")).unwrap();
    std::fs::write(
        parts.join("a/b/w.toml"),
        "[[vendor]]\nid = \"w\"\nname = \"W\"\ncountry = \"DE\"\n",
    )
    .unwrap();
    let m = model::load(&main).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let ids: Vec<&str> = m.vendors.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, vec!["w", "v"]);
    assert_eq!(m.sources.len(), 3);
}

/// Only regular files are included, and the size limit counts the bytes
/// read: a file in /proc reports size 0.
#[cfg(target_os = "linux")]
#[test]
fn devices_are_refused_and_the_size_limit_counts_bytes_read() {
    let (_dir, main) = include_setup("\"/dev/zero\", \"/proc/self/maps\"");
    let limits = Limits {
        allow_include_outside: true,
        max_file_bytes: 200,
        ..Limits::default()
    };
    let f = model::load_with(&main, &limits).unwrap_err();
    let msgs: Vec<&str> = f
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        codes(&f),
        vec![Code::IncludeInvalid, Code::FileRead],
        "{msgs:?}"
    );
    assert!(msgs[0].contains("not a regular file"), "{msgs:?}");
    assert!(
        msgs[1].contains("more than 200 bytes could be read"),
        "{msgs:?}"
    );
}

// ---- outputs: special files, closed pipes, the review directory ----

fn exitgraph() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("exitgraph").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn example_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/musterstadt.toml")
        .to_string_lossy()
        .into_owned()
}

/// A model at every documented bound: the largest amounts, coefficients
/// and durations, the smallest divisors, names with control characters.
const EXTREME: &str = r#"[organisation]
name = "T\u001b[2J\u0007 \u202e evil"
home = "DE"
as_of = 2026-12-01
staff = 9223372036854775807

[defaults.switch]
base_days = 1000000
training_days = 1000000
users_per_wave = 1
open_interface_days = 1000000
proprietary_interface_days = 1000000
data_days = 1000000
data_gb_unit = 0.001
customisation_low = 1000000
pessimistic_factor = 1000000
cost_per_user = 1000000
cost_per_day = 1000000
closed_format_factor = 1000000
closed_export_factor = 1000000
no_export_factor = 1000000

[defaults.lockin]
data_portability = 1000000
volume_full_gb = 0.001
integrations_half = 0.001
switch_full_ratio = 0.001
notice_full_months = 0.001
vendor_spend_full_share = 0.001

[[vendor]]
id = "v"
name = "V\r\nX-INJECT: 1"
country = "US"

[[system]]
id = "a"
name = "A"
vendor = "v"
users = 9223372036854775807
data = { volume_gb = 1000000000000 }

[[system]]
id = "b"
name = "B"
vendor = "v"
users = 9223372036854775807
depends_on = ["a"]
switch = { optimistic = "10000y", likely = "10000y 10000mo", pessimistic = "10000y 10000mo 10000w 10000d", cost = 1000000000000 }

[[interface]]
id = "i1"
from = "a"
to = "b"
open = false

[[contract]]
id = "c1"
vendor = "v"
covers = ["a", "b"]
kind = "subscription"
start = 2020-01-01
term = "10000y"
notice = "10000y"
annual_cost = 1000000000000
switching_charge = 1000000000000

[[contract]]
id = "c2"
vendor = "v"
covers = ["a"]
kind = "cloud"
start = 2020-01-01
end = 9999-12-31
notice = "10000mo"
annual_cost = 1000000000000

[[service]]
id = "s"
name = "S"
criticality = "critical"
needs = ["b"]
users = 9223372036854775807

[[scenario]]
id = "sc"
name = "Sc"
cut = ["vendor:v"]
"#;

/// Numbers beyond the bounds are located errors (exit 2) in `check`; a
/// model at the bounds goes through the review, and the review's JSON has
/// no `null` number and reads back with `diff` and `--baseline`.
#[test]
fn extreme_numbers_are_refused_or_stay_finite_and_reviews_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        EXTREME
            .replace("base_days = 1000000", "base_days = 1e308")
            .replace(
                "annual_cost = 1000000000000\nswitching",
                "annual_cost = 1e308\nswitching",
            ),
    )
    .unwrap();
    let out = exitgraph()
        .args(["check", bad.to_str().unwrap()])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("bad.toml:8:13"), "{err}");
    assert!(
        err.contains("`annual_cost` of contract `c1` must be a number from 0"),
        "{err}"
    );

    let m = dir.path().join("m.toml");
    std::fs::write(&m, EXTREME).unwrap();
    let m = m.to_str().unwrap();
    let rev = dir.path().join("rev");
    exitgraph()
        .args(["review", m, "--out", rev.to_str().unwrap(), "--runs", "200"])
        .assert()
        .code(0);
    let json = std::fs::read_to_string(rev.join("review.json")).unwrap();
    exitgraph::analysis::diff::Snapshot::from_json(&json)
        .unwrap_or_else(|e| panic!("the review does not read back: {e}"));
    let review_json = rev.join("review.json");
    exitgraph()
        .args([
            "diff",
            review_json.to_str().unwrap(),
            review_json.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    let rev2 = dir.path().join("rev2");
    exitgraph()
        .args([
            "review",
            m,
            "--out",
            rev2.to_str().unwrap(),
            "--runs",
            "200",
            "--baseline",
            review_json.to_str().unwrap(),
        ])
        .assert()
        .code(0);
}

/// `-o` and `--ics` onto a device write through it, onto a symlink replace
/// the file it points to (the link stays), onto a FIFO write through it.
#[cfg(unix)]
#[test]
fn outputs_onto_devices_links_and_fifos_keep_them() {
    use std::os::unix::fs::FileTypeExt;
    let m = example_path();
    exitgraph()
        .args(["deadlines", &m, "--ics", "/dev/null"])
        .assert()
        .code(0);
    exitgraph()
        .args(["export", &m, "--to", "json", "-o", "/dev/null", "--force"])
        .assert()
        .code(0);
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.ics");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.ics");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // The file behind the link exists: --force replaces it.
    exitgraph()
        .args(["deadlines", &m, "--ics", link.to_str().unwrap()])
        .assert()
        .code(2);
    exitgraph()
        .args(["deadlines", &m, "--ics", link.to_str().unwrap(), "--force"])
        .assert()
        .code(0);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("BEGIN:VCALENDAR")
    );

    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        assert!(std::env::var_os("CI").is_none(), "mkfifo is needed in CI");
        eprintln!("skipped the FIFO case: no mkfifo");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap())
    };
    exitgraph()
        .args([
            "export",
            &m,
            "--to",
            "json",
            "-o",
            fifo.to_str().unwrap(),
            "--force",
        ])
        .assert()
        .code(0);
    let bytes = reader.join().unwrap();
    assert!(bytes.starts_with(b"{"), "the JSON went through the FIFO");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

/// With standard error closed (`cmd -o F 2>&1 | head -1`), a command still
/// writes its file and exits 0; when the file cannot be written it exits 2,
/// never 0.
#[test]
fn a_closed_stderr_neither_stops_the_output_nor_hides_a_failure() {
    use std::process::{Command, Stdio};
    let m = example_path();
    let dir = tempfile::tempdir().unwrap();
    let run = |out: &Path| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exitgraph"))
            .args(["export", &m, "--to", "json", "--force", "-o"])
            .arg(out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the first note.
        drop(child.stderr.take());
        child.wait().unwrap().code()
    };
    let f = dir.path().join("out.json");
    assert_eq!(run(&f), Some(0));
    assert!(std::fs::read_to_string(&f).unwrap().starts_with('{'));
    let nowhere = dir.path().join("no-such-dir/out.json");
    assert_eq!(run(&nowhere), Some(2));
}

/// A scenario id of 250 characters is valid; its cut-off diagram gets a
/// capped file name with a hash, and the review is written.
#[test]
fn a_long_scenario_id_gives_a_capped_diagram_file_name() {
    let long = format!("s{}", "x".repeat(249));
    let text = std::fs::read_to_string(example_path())
        .unwrap()
        .replace("id = \"us-sanctions\"", &format!("id = \"{long}\""));
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("m.toml");
    std::fs::write(&m, text).unwrap();
    let rev = dir.path().join("rev");
    exitgraph()
        .args([
            "review",
            m.to_str().unwrap(),
            "--out",
            rev.to_str().unwrap(),
            "--runs",
            "100",
        ])
        .assert()
        .code(0);
    let names: Vec<String> = std::fs::read_dir(rev.join("diagrams"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("cutoff-sx") && n.ends_with(".svg"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].len() <= 104, "{}", names[0]);
}

/// What a killed run leaves next to the review is repaired by the next
/// run: a review set aside is moved back (then replaced), half-written
/// directories are removed.
#[test]
fn leftovers_of_an_interrupted_review_are_repaired() {
    let m = example_path();
    let dir = tempfile::tempdir().unwrap();
    let rev = dir.path().join("rev");
    let review = |out: &Path| {
        exitgraph()
            .args([
                "review",
                &m,
                "--out",
                out.to_str().unwrap(),
                "--runs",
                "100",
            ])
            .assert()
            .code(0);
    };
    review(&rev);
    // A kill between "set the old review aside" and "move the new one in".
    let aside = dir.path().join(".rev.exitgraph-old-x1y2z3");
    std::fs::create_dir(&aside).unwrap();
    std::fs::rename(&rev, aside.join("rev")).unwrap();
    let half = dir.path().join(".rev.exitgraph-new-a1b2c3");
    std::fs::create_dir_all(half.join("diagrams")).unwrap();
    std::fs::write(half.join("index.html"), "half").unwrap();
    review(&rev);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["rev".to_string()]);
    assert!(rev.join("review.json").is_file());
}

/// SIGINT while a review is written removes the half-written directory
/// and leaves the previous review as it was.
#[cfg(unix)]
#[test]
fn an_interrupted_review_leaves_the_old_one_and_no_temporary_directory() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let m = dir.path().join("big.toml");
    std::fs::write(&m, generate(&GenOptions::new(3_000, 7)).unwrap()).unwrap();
    let rev = dir.path().join("rev");
    std::fs::create_dir(&rev).unwrap();
    std::fs::write(rev.join(".exitgraph-review"), "").unwrap();
    std::fs::write(rev.join("index.html"), "the old review").unwrap();
    let mut interrupted = 0;
    for _ in 0..3 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_exitgraph"))
            .args([
                "review",
                m.to_str().unwrap(),
                "--out",
                rev.to_str().unwrap(),
                "--runs",
                "50",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the temporary directory exists, then interrupt.
        let seen = loop {
            let staged = std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".rev.exitgraph-new-")
            });
            if staged {
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        if seen {
            let _ = Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status();
        }
        let status = child.wait().unwrap();
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        assert!(rev.join("index.html").is_file());
        if status.code().is_none() || status.code() == Some(130) {
            interrupted += 1;
            let html = std::fs::read_to_string(rev.join("index.html")).unwrap();
            assert!(
                html == "the old review" || html.contains("<html"),
                "a whole review, old or new"
            );
        }
    }
    assert!(interrupted > 0, "no run was interrupted while writing");
}

// ---- every subcommand on generated hostile models ----

/// Names that try to take over a terminal or a calendar: escape sequences
/// (erase, cursor, window title, OSC 8 link), bell, bare carriage return,
/// NUL, direction overrides, and a long name.
const HOSTILE_NAMES: &[&str] = &[
    "\\u001b[2J\\u001b[H cleared",
    "\\u001b]0;owned\\u0007 title",
    "\\u001b]8;;http://evil.example\\u0007link\\u001b]8;;\\u0007",
    "bare\\rCR",
    "nul\\u0000byte",
    "\\u202eevil\\u202c \\u2066iso\\u2069",
    "line\\nbreak\\ttab",
    "ok name",
];

/// A small deterministic generator (xorshift): the same seed, the same model.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// A hostile but valid model: control characters in every name, numbers
/// at and near the bounds, a dependency chain `depth` long, a cycle, an
/// `any` group, contracts with extreme terms, and a scenario.
fn hostile_model(seed: u64, depth: usize) -> String {
    let mut r = Rng(seed | 1);
    let money = ["0", "1", "0.5", "999999999999.99", "1000000000000"];
    let coeff = ["0", "0.001", "1", "1000000"];
    let dur = [
        "\"0d\"",
        "\"1d\"",
        "\"10000y\"",
        "\"10000y 10000mo 10000w 10000d\"",
        "\"P1Y2M3W4D\"",
    ];
    let mut t = String::new();
    t.push_str(&format!(
        "[organisation]\nname = \"{}\"\nhome = \"DE\"\nas_of = 2026-12-01\nstaff = {}\nparallel_migrations = {}\n\n",
        r.pick(HOSTILE_NAMES),
        r.pick(&["0", "1", "9223372036854775807"]),
        r.pick(&["1", "1000"]),
    ));
    t.push_str(&format!(
        "[defaults.switch]\nbase_days = {}\ncost_per_day = {}\ndata_gb_unit = {}\npessimistic_factor = {}\n\n",
        r.pick(&coeff),
        r.pick(&coeff),
        r.pick(&["0.001", "10"]),
        r.pick(&["1", "1000000"]),
    ));
    for v in 0..3 {
        t.push_str(&format!(
            "[[vendor]]\nid = \"v{v}\"\nname = \"{}\"\ncountry = \"{}\"\n",
            r.pick(HOSTILE_NAMES),
            r.pick(&["US", "DE", "CN"]),
        ));
        if v > 0 {
            t.push_str(&format!("parent = \"v{}\"\n", v - 1));
        }
        t.push('\n');
    }
    for i in 0..depth {
        t.push_str(&format!(
            "[[system]]\nid = \"s{i}\"\nname = \"{}\"\nvendor = \"v{}\"\nusers = {}\ndata = {{ volume_gb = {} }}\n",
            r.pick(HOSTILE_NAMES),
            r.next() % 3,
            r.pick(&["0", "1", "9223372036854775807"]),
            r.pick(&money),
        ));
        if i + 1 < depth {
            if i % 5 == 4 && i + 2 < depth {
                t.push_str(&format!(
                    "depends_on = [{{ any = [\"s{}\", \"s{}\"] }}]\n",
                    i + 1,
                    i + 2
                ));
            } else {
                t.push_str(&format!("depends_on = [\"s{}\"]\n", i + 1));
            }
        } else if depth > 2 {
            t.push_str("depends_on = [\"s0\"]\n"); // a cycle through the chain
        }
        t.push('\n');
    }
    for c in 0..3 {
        t.push_str(&format!(
            "[[contract]]\nid = \"c{c}\"\nname = \"{}\"\nvendor = \"v{c}\"\ncovers = [\"s{}\"]\nkind = \"{}\"\nstart = {}\nterm = {}\nnotice = {}\nannual_cost = {}\nswitching_charge = {}\n\n",
            r.pick(HOSTILE_NAMES),
            c % depth,
            r.pick(&["cloud", "licence", "subscription"]),
            r.pick(&["0001-01-01", "2020-01-01", "9999-12-31"]),
            r.pick(&["\"1d\"", "\"10000y\"", "\"3y\""]),
            r.pick(&dur),
            r.pick(&money),
            r.pick(&money),
        ));
    }
    t.push_str(&format!(
        "[[service]]\nid = \"svc\"\nname = \"{}\"\ncriticality = \"critical\"\nneeds = [\"s0\"]\nusers = 9223372036854775807\n\n",
        r.pick(HOSTILE_NAMES)
    ));
    t.push_str(&format!(
        "[[scenario]]\nid = \"sc\"\nname = \"{}\"\ncut = [\"vendor:v0\"]\n",
        r.pick(HOSTILE_NAMES)
    ));
    t
}

/// Whether terminal text holds a control character (other than line end
/// and tab) or a direction override.
fn control_character(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// Every subcommand on a hostile model: no panic, exit code 0, 1 or 2,
    /// and no control character in what a terminal would show.
    #[test]
    fn every_subcommand_survives_hostile_models(seed in any::<u64>(), depth in 1usize..300) {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("m.toml");
        std::fs::write(&m, hostile_model(seed, depth)).unwrap();
        let m = m.to_str().unwrap().to_string();
        let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
        // (arguments, whether stdout is text for a person)
        let runs: Vec<(Vec<String>, bool)> = vec![
            (vec!["check".into(), m.clone()], true),
            (vec!["check".into(), m.clone(), "--format".into(), "json".into()], false),
            (vec!["hotspots".into(), m.clone()], true),
            (vec!["exit".into(), m.clone(), "--vendor".into(), "v0".into(), "--runs".into(), "200".into()], true),
            (vec!["deadlines".into(), m.clone(), "--ics".into(), out("d.ics")], true),
            (vec!["simulate".into(), m.clone(), "--cut".into(), "vendor:v0".into()], true),
            (vec!["simulate".into(), m.clone(), "--each-vendor".into()], true),
            (vec!["simulate".into(), m.clone(), "--all-scenarios".into(), "--format".into(), "json".into()], false),
            (vec!["explain".into(), m.clone(), "s0".into()], true),
            (vec!["explain".into(), m.clone(), "v0".into()], true),
            (vec!["explain".into(), m.clone(), "c0".into()], true),
            (vec!["paths".into(), m.clone()], true),
            (vec!["score".into(), m.clone()], true),
            (vec!["diagram".into(), m.clone(), "--view".into(), "landscape".into(), "--output".into(), out("d.svg")], true),
            (vec!["export".into(), m.clone(), "--to".into(), "json".into()], false),
            (vec!["export".into(), m.clone(), "--to".into(), "cyclonedx".into(), "-o".into(), out("c.json")], true),
            (vec!["review".into(), m.clone(), "--out".into(), out("rev"), "--runs".into(), "100".into()], true),
            (vec!["diff".into(), m.clone(), m.clone()], true),
        ];
        for (k, (args, text)) in runs.into_iter().enumerate() {
            let o = exitgraph().args(&args).output().unwrap();
            let code = o.status.code();
            if k == 0 {
                // The model is valid: every analysis runs on it.
                prop_assert_eq!(code, Some(0), "{}", String::from_utf8_lossy(&o.stderr));
            }
            let stdout = String::from_utf8_lossy(&o.stdout);
            let stderr = String::from_utf8_lossy(&o.stderr);
            prop_assert!(
                matches!(code, Some(0..=2)),
                "{args:?} exited with {code:?}: {stderr}"
            );
            prop_assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
            prop_assert_eq!(control_character(&stderr), None, "{:?} stderr: {}", args, stderr);
            if text {
                prop_assert_eq!(control_character(&stdout), None, "{:?} stdout: {}", args, stdout);
            }
        }
    }
}

/// The fuzz target's checks on every committed seed of `fuzz/seeds/load_model`:
/// a model or located diagnostics that render, never a panic.
#[test]
fn the_fuzz_seeds_load_or_fail_with_located_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/load_model");
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        n += 1;
        match model::load_str(
            "fuzz.toml",
            Path::new("/nonexistent/fuzz.toml"),
            &text,
            &Limits::default(),
        ) {
            // The analyses run on the small seeds; the 2,000-deep chains
            // only load and build (the deep-chain tests above cover them).
            Ok(m) if text.len() < 50_000 => exitgraph::analysis::exercise(&Graph::build(m)),
            Ok(m) => drop(Graph::build(m)),
            Err(f) => {
                assert!(
                    f.diagnostics.iter().any(|d| d.is_error()),
                    "{}",
                    path.display()
                );
                for d in &f.diagnostics {
                    if let Some((span, _)) = &d.primary {
                        assert!(f.sources.locate(*span).is_some());
                    }
                }
                let _ = exitgraph::cli::render_diagnostics(&f.sources, &f.diagnostics, false);
            }
        }
    }
    assert!(n >= 7);
}
