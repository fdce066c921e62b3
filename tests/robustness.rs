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
