//! The model: every diagnostic has a fixture pointing at the right place,
//! the examples and the starter model validate, and `check` behaves.

use assert_cmd::Command;
use exitgraph::model::{self, Code};
use std::path::{Path, PathBuf};

fn exitgraph() -> Command {
    let mut c = Command::cargo_bin("exitgraph").expect("binary builds");
    c.env("NO_COLOR", "1");
    c
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diag")
}

/// The fixture of a code: `<code>.toml` or `<code>/main.toml`.
fn fixture(code: &str) -> PathBuf {
    let file = fixture_dir().join(format!("{code}.toml"));
    if file.exists() {
        file
    } else {
        fixture_dir().join(code).join("main.toml")
    }
}

/// What a fixture expects: code, line and column (none for file-level
/// findings), the file it is reported in when not the fixture, extra arguments.
type Expectation = (String, Option<(usize, usize)>, Option<String>, Vec<String>);

/// Parses `# expect: CODE at LINE:COL [in FILE]` and `# args: ...` from a fixture.
fn expectation(path: &Path) -> Expectation {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let first = text.lines().next().unwrap();
    let rest = first
        .strip_prefix("# expect: ")
        .expect("fixture starts with # expect:");
    let (code, place) = rest.split_once(" at ").unwrap();
    let (loc, file) = match place.split_once(" in ") {
        Some((l, f)) => (l, Some(f.to_string())),
        None => (place, None),
    };
    let loc = if loc == "-" {
        None
    } else {
        let (l, c) = loc.split_once(':').unwrap();
        Some((l.parse().unwrap(), c.parse().unwrap()))
    };
    let args = text
        .lines()
        .find_map(|l| l.strip_prefix("# args: "))
        .map(|a| a.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    (code.to_string(), loc, file, args)
}

#[test]
fn every_diagnostic_code_has_a_fixture_that_reports_it_at_the_right_place() {
    for code in Code::ALL {
        let path = fixture(code.as_str());
        assert!(
            path.exists(),
            "no fixture for {code}: add tests/fixtures/diag/{code}.toml"
        );
        let (expected, loc, file, args) = expectation(&path);
        assert_eq!(expected, code.as_str(), "{}", path.display());
        let out = exitgraph()
            .arg("check")
            .arg("--format")
            .arg("json")
            .args(&args)
            .arg(&path)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{code}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        let all: Vec<&serde_json::Value> = json["errors"]
            .as_array()
            .unwrap()
            .iter()
            .chain(json["warnings"].as_array().unwrap())
            .collect();
        let hit = all
            .iter()
            .find(|d| d["code"] == code.as_str())
            .unwrap_or_else(|| panic!("{code} not reported: {json:#}"));
        match loc {
            Some((line, column)) => {
                assert_eq!(hit["line"], line, "{code}: {hit:#}");
                assert_eq!(hit["column"], column, "{code}: {hit:#}");
                let want =
                    file.unwrap_or_else(|| path.file_name().unwrap().to_string_lossy().to_string());
                assert!(
                    hit["file"].as_str().unwrap().ends_with(&want),
                    "{code}: {hit:#}"
                );
            }
            None => assert!(hit["line"].is_null(), "{code}: {hit:#}"),
        }
        let is_error = hit["severity"] == "error";
        assert_eq!(json["ok"], !is_error, "{code}");
        assert_eq!(
            out.status.code(),
            Some(if is_error { 2 } else { 0 }),
            "{code}"
        );
    }
}

#[test]
fn every_diagnostic_code_is_documented() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"))
            .unwrap();
    for code in Code::ALL {
        assert!(
            docs.contains(&format!("### `{code}`")),
            "docs/diagnostics.md has no section for {code}"
        );
    }
}

#[test]
fn errors_in_text_form_show_file_line_excerpt_and_help() {
    let out = exitgraph()
        .arg("check")
        .arg(fixture("unknown-reference"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("error[unknown-reference]"), "{err}");
    assert!(err.contains("unknown-reference.toml:14:10"), "{err}");
    assert!(err.contains("vendor = \"microsft\""), "{err}");
    assert!(err.contains("did you mean `microsoft`?"), "{err}");
    assert!(err.contains("the model has 1 error"), "{err}");
}

#[test]
fn all_errors_of_a_model_are_reported_at_once() {
    let text = "[organisation]\nname = \"X\"\nhome = \"de\"\nstaf = 3\n\n[[system]]\nid = \"A\"\nname = \"A\"\nusers = \"x\"\ncriticality = \"huge\"\n";
    let err = model::load_str(
        "x.toml",
        Path::new("x.toml"),
        text,
        &model::Limits::default(),
    )
    .unwrap_err();
    let codes: Vec<&str> = err.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "invalid-country",
            "unknown-key",
            "invalid-id",
            "wrong-type",
            "invalid-value"
        ]
    );
}

#[test]
fn the_examples_validate() {
    for name in ["musterstadt.toml", "minimal.toml"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name);
        let m = model::load(&path).unwrap_or_else(|f| panic!("{name}: {:#?}", f.diagnostics));
        assert!(!m.systems.is_empty());
    }
    let m = model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/musterstadt.toml"))
        .unwrap();
    let c = m.counts();
    assert!(
        c.systems >= 30 && c.contracts >= 10 && c.services >= 6 && c.scenarios >= 3,
        "{c:?}"
    );
}

#[test]
fn check_summarises_a_valid_model() {
    let out = exitgraph()
        .arg("check")
        .arg("examples/minimal.toml")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ok: the model is valid"), "{text}");
    assert!(text.contains("systems"), "{text}");
}

#[test]
fn check_json_has_counts_as_numbers() {
    let out = exitgraph()
        .args(["check", "--format", "json", "examples/musterstadt.toml"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["ok"], true);
    for key in [
        "systems",
        "vendors",
        "interfaces",
        "formats",
        "contracts",
        "services",
        "scenarios",
    ] {
        assert!(json["counts"][key].as_u64().unwrap() > 0, "{key}");
    }
}

#[test]
fn init_writes_a_starter_that_validates_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("landscape.toml");
    exitgraph().arg("init").arg(&path).assert().success();
    let m = model::load(&path).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    assert!(m.warnings.is_empty(), "{:#?}", m.warnings);
    let before = std::fs::read(&path).unwrap();
    exitgraph().arg("init").arg(&path).assert().code(2);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    exitgraph()
        .arg("init")
        .arg("--force")
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn schema_knows_exactly_the_keys_the_loader_knows() {
    let out = exitgraph().arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The loader lists its known keys in the help of an unknown-key error.
    let known = |table: &str| -> Vec<String> {
        let text =
            format!("[organisation]\nname = \"X\"\nhome = \"DE\"\n{table}\nzzz-unknown = 1\n");
        let err = model::load_str(
            "s.toml",
            Path::new("s.toml"),
            &text,
            &model::Limits::default(),
        )
        .unwrap_err();
        let d = err
            .diagnostics
            .iter()
            .find(|d| d.code == Code::UnknownKey)
            .expect("unknown key reported");
        let help = d.help.as_ref().unwrap();
        let mut keys: Vec<String> = help
            .trim_start_matches("known keys: ")
            .split(", ")
            .map(String::from)
            .collect();
        keys.sort();
        keys
    };
    let props = |ptr: &str| -> Vec<String> {
        let mut keys: Vec<String> = schema
            .pointer(ptr)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    };
    assert_eq!(
        known("[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\""),
        props("/properties/vendor/items/properties")
    );
    assert_eq!(
        known("[[system]]\nid = \"s\"\nname = \"S\""),
        props("/properties/system/items/properties")
    );
    assert_eq!(
        known("[[format]]\nid = \"f\"\nname = \"F\"\nopen = true"),
        props("/properties/format/items/properties")
    );
    assert_eq!(
        known("[[service]]\nid = \"s\"\nname = \"S\""),
        props("/properties/service/items/properties")
    );
    assert_eq!(
        known("[[scenario]]\nid = \"s\"\nname = \"S\""),
        props("/properties/scenario/items/properties")
    );
    assert_eq!(
        known("[[interface]]\nid = \"i\"\nfrom = \"a\"\nto = \"b\""),
        props("/properties/interface/items/properties")
    );
    assert_eq!(
        known("[[contract]]\nid = \"c\"\nvendor = \"v\"\nkind = \"cloud\"\nend = 2027-01-01"),
        props("/properties/contract/items/properties")
    );
    assert_eq!(known("[policy]"), props("/properties/policy/properties"));
    let mut org = props("/properties/organisation/properties");
    org.sort();
    let text = "[organisation]\nname = \"X\"\nhome = \"DE\"\nzzz = 1\n";
    let err = model::load_str(
        "s.toml",
        Path::new("s.toml"),
        text,
        &model::Limits::default(),
    )
    .unwrap_err();
    let help = err.diagnostics[0].help.clone().unwrap();
    let mut keys: Vec<String> = help
        .trim_start_matches("known keys: ")
        .split(", ")
        .map(String::from)
        .collect();
    keys.sort();
    assert_eq!(keys, org);
}

#[test]
fn includes_pull_in_files_relative_to_the_including_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("fv")).unwrap();
    std::fs::write(
        dir.path().join("main.toml"),
        "[organisation]\nname = \"X\"\nhome = \"DE\"\ninclude = [\"fv/*.toml\"]\n\n[[system]]\nid = \"app\"\nname = \"App\"\ndepends_on = [\"b\", \"a\"]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("fv/b.toml"),
        "[[system]]\nid = \"b\"\nname = \"B\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("fv/a.toml"),
        "[[system]]\nid = \"a\"\nname = \"A\"\n",
    )
    .unwrap();
    let m = model::load(&dir.path().join("main.toml"))
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let ids: Vec<&str> = m.systems.iter().map(|s| s.id.as_str()).collect();
    // Sorted include order, so the model does not depend on directory listing order.
    assert_eq!(ids, ["app", "a", "b"]);
    assert_eq!(m.sources.len(), 3);
}

#[test]
fn invalid_input_never_panics_on_truncations_of_the_example() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/musterstadt.toml"),
    )
    .unwrap();
    let mut cut = 0;
    let step = (text.len() / 200).max(1);
    while cut < text.len() {
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let r = model::load_str(
            "t.toml",
            Path::new("t.toml"),
            &text[..cut],
            &model::Limits::default(),
        );
        if let Err(f) = r {
            assert!(!f.diagnostics.is_empty());
            assert!(f.diagnostics.iter().any(|d| d.is_error()));
        }
        cut += step;
    }
}

/// A scenario that prices the same vendor twice is refused at the second one.
#[test]
fn a_vendor_priced_twice_in_a_scenario_is_an_error() {
    let text = "[organisation]\nname = \"X\"\nhome = \"DE\"\n\n[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\"\n\n[[scenario]]\nid = \"s\"\nname = \"S\"\nprice = [{ vendor = \"v\", factor = 2.0 }, { vendor = \"v\", factor = 3.0 }]\n";
    let err = model::load_str(
        "x.toml",
        Path::new("x.toml"),
        text,
        &model::Limits::default(),
    )
    .unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(d.code.as_str(), "invalid-value");
    assert!(d.message.contains("two price factors"), "{}", d.message);
    let (span, _) = d.primary.as_ref().unwrap();
    let loc = err.sources.locate(*span).unwrap();
    assert_eq!((loc.line, loc.column), (13, 53));
}

#[test]
fn check_judges_ended_contracts_on_the_as_of_date_it_is_given() {
    let f = fixture("contract-ended");
    let json = |args: &[&str]| -> serde_json::Value {
        let out = exitgraph()
            .arg("check")
            .arg("--format")
            .arg("json")
            .args(args)
            .arg(&f)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["code"].as_str().unwrap().to_string())
            .collect()
    };
    // The model's as_of (2026-12-01): the contract ended on 2025-12-31.
    assert!(codes(&json(&[])).contains(&"contract-ended".to_string()));
    // On 2025-06-01 it still ran.
    assert!(!codes(&json(&["--as-of", "2025-06-01"])).contains(&"contract-ended".to_string()));
}

#[test]
fn unknown_exit_kinds_and_intents_are_located_invalid_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.toml");
    std::fs::write(
        &path,
        "[organisation]\nname = \"T\"\nhome = \"DE\"\n[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\"\n[[system]]\nid = \"s\"\nname = \"S\"\nvendor = \"v\"\nexit = \"move\"\nmandated = \" \"\n[[contract]]\nid = \"c\"\nvendor = \"v\"\ncovers = [\"s\"]\nkind = \"licence\"\nend = 2027-12-31\n[contract.decision]\nintent = \"keep\"\ndecided = 2026-01-01\n",
    )
    .unwrap();
    let out = exitgraph()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<(String, u64, String)> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["line"].as_u64().unwrap_or(0),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        errors
            .iter()
            .any(|(c, l, m)| c == "invalid-value" && *l == 12 && m.contains("exit")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|(c, l, m)| c == "invalid-value" && *l == 13 && m.contains("mandated")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|(c, l, m)| c == "invalid-value" && *l == 21 && m.contains("intent")),
        "{errors:?}"
    );
}
