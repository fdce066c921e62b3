//! `exitgraph review` end to end: the files, their determinism, escaping of
//! hostile names in every format, the browser check of the HTML, the
//! directory safety rules, the baseline, and a large generated landscape.
//!
//! The browser test needs Chromium (`/usr/bin/chromium`); without it the
//! test prints why it is skipped, and fails when the environment variable
//! `CI` is set (`.ci/run` installs Chromium).

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const MODEL: &str = "examples/musterstadt.toml";
const CHROMIUM: &str = "/usr/bin/chromium";
const DOT: &str = "/usr/bin/dot";

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

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Writes a review of `model` into `out`; panics when it fails.
fn review(model: &str, out: &Path, extra: &[&str]) {
    let o_ = path(out);
    let mut args = vec!["review", model, "--out", &o_];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "review failed:\n{}", stderr(&o));
}

/// Every file under `dir` with its bytes, by relative path.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")) {
            let p = e.unwrap_or_else(|e| panic!("{e}")).path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&p).unwrap_or_else(|e| panic!("{e}")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn json(p: &Path) -> Value {
    serde_json::from_str(&read(p)).unwrap_or_else(|e| panic!("{e}"))
}

/// Whether Chromium is there; prints why a test is skipped, panics under CI.
fn chromium_available(test: &str) -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {CHROMIUM} is missing, and CI is set (`.ci/run` installs Chromium)");
    }
    println!("skipping {test}: {CHROMIUM} is missing (apt-get install chromium)");
    false
}

/// Whether Graphviz `dot` is there; prints why a check is skipped, panics under CI.
fn dot_available(test: &str) -> bool {
    if Path::new(DOT).exists() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {DOT} is missing, and CI is set (`.ci/run` installs Graphviz)");
    }
    println!("skipping the Graphviz part of {test}: {DOT} is missing (apt-get install graphviz)");
    false
}

/// Lays a DOT file out with Graphviz; panics with its message when it is refused.
fn graphviz_accepts(file: &Path) {
    let o = std::process::Command::new(DOT)
        .arg("-Tsvg")
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run dot: {e}"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success() && !err.to_lowercase().contains("error"),
        "dot refuses {}: {err}",
        file.display()
    );
}

/// Parses an SVG completely (quick-xml): well-formed, one root, no script.
fn well_formed_svg(file: &Path) {
    use quick_xml::events::Event;
    let text = read(file);
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut depth, mut roots) = (0i64, 0);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.name().as_ref().to_ascii_lowercase();
                assert!(name != "script", "{}: <script>", file.display());
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Ok(Event::Empty(e)) => {
                let name = e.name().as_ref().to_ascii_lowercase();
                assert!(name != "script", "{}: <script>", file.display());
                if depth == 0 {
                    roots += 1;
                }
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{} is not well-formed XML: {e}", file.display()),
        }
    }
    assert_eq!((depth, roots), (0, 1), "{}", file.display());
}

/// Checks every diagram of a review directory; returns their file names.
fn check_diagrams(dir: &Path, test: &str) -> Vec<String> {
    let graphviz = dot_available(test);
    let mut names = Vec::new();
    for e in std::fs::read_dir(dir.join("diagrams")).unwrap_or_else(|e| panic!("{e}")) {
        let p = e.unwrap_or_else(|e| panic!("{e}")).path();
        match p.extension().and_then(|x| x.to_str()) {
            Some("svg") => well_formed_svg(&p),
            Some("dot") if graphviz => graphviz_accepts(&p),
            _ => {}
        }
        names.push(
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
        );
    }
    names.sort();
    names
}

/// Opens a file in headless Chromium; returns the DOM and the log.
fn chromium(file: &Path) -> (String, String) {
    let profile = tmp();
    let url = format!(
        "file://{}",
        file.canonicalize()
            .unwrap_or_else(|e| panic!("{e}"))
            .display()
    );
    let o = std::process::Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.path().display()),
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            &url,
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run chromium: {e}"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn two_runs_with_the_same_as_of_write_the_same_bytes() {
    let d = tmp();
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    review(MODEL, &a, &["--as-of", "2026-12-01", "--runs", "2000"]);
    review(MODEL, &b, &["--as-of", "2026-12-01", "--runs", "2000"]);
    let (fa, fb) = (files(&a), files(&b));
    let names: Vec<&String> = fa.keys().collect();
    for f in [
        ".exitgraph-review",
        "index.html",
        "report.md",
        "review.json",
        "deadlines.ics",
        "hotspots.csv",
    ] {
        assert!(fa.contains_key(f), "{f} missing: {names:?}");
    }
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs between two runs");
    }
}

#[test]
fn every_diagram_is_written_as_svg_and_every_graph_also_as_dot_that_graphviz_accepts() {
    let d = tmp();
    let out = d.path().join("review");
    review(MODEL, &out, &["--runs", "500"]);
    let names = check_diagrams(&out, "every_diagram_is_written");
    let expected = [
        "cutoff-it-dienstleister-ausfall.dot",
        "cutoff-it-dienstleister-ausfall.svg",
        "cutoff-meldewesen-insolvenz.dot",
        "cutoff-meldewesen-insolvenz.svg",
        "cutoff-telekom-ausfall.dot",
        "cutoff-telekom-ausfall.svg",
        "cutoff-us-sanctions.dot",
        "cutoff-us-sanctions.svg",
        "cutoff-veeam-wegfall.dot",
        "cutoff-veeam-wegfall.svg",
        "cutoff-vsphere-ransomware.dot",
        "cutoff-vsphere-ransomware.svg",
        "deadlines.svg",
        "exit-broadcom.svg",
        "exit-ekom21.svg",
        "exit-microsoft.svg",
        "hotspots.dot",
        "hotspots.svg",
        "landscape.dot",
        "landscape.svg",
        "spend.svg",
    ];
    assert_eq!(names, expected);
    // Each is in the report: inline in the HTML, linked from the Markdown.
    let html = read(&out.join("index.html"));
    let md = read(&out.join("report.md"));
    for n in expected.iter().filter(|n| n.ends_with(".svg")) {
        // minijinja escapes `/` as `&#x2f;`.
        assert!(
            html.contains(&format!("href=\"diagrams&#x2f;{n}\"")),
            "{n} not in the HTML"
        );
        assert!(
            md.contains(&format!("](diagrams/{n})")),
            "{n} not in the Markdown"
        );
    }
    assert_eq!(html.matches("<figure ").count(), 13);
    // Ids of inline SVGs are made unique per diagram.
    assert!(!html.contains(" id=\"graph0\""));
}

#[test]
fn review_json_holds_the_main_numbers_and_the_snapshot() {
    // The same numbers as `exitgraph score`, `deadlines` and `simulate`
    // print for the example (checked against their tests).
    let d = tmp();
    let out = d.path().join("review");
    review(MODEL, &out, &[]);
    let v = json(&out.join("review.json"));
    assert_eq!(v["review_version"], 1);
    assert_eq!(v["as_of"], "2026-12-01");
    assert_eq!(v["next_review"], "2027-12-01");
    assert_eq!(v["lang"], "de");
    let s = &v["summary"];
    // Mandated systems do not count where the self-check measures what the
    // city can choose (technology, governance).
    assert_eq!(s["sovereignty"]["total"], 13);
    assert_eq!(s["sovereignty"]["level"], "hybrid");
    // Seven open decisions: five whose next exit is missed, two due; eleven
    // contracts renewed on purpose and two exits decided are not open.
    assert_eq!(s["decisions"]["overdue"], 5);
    assert_eq!(s["decisions"]["due"], 2);
    assert_eq!(s["decisions"]["renewed"].as_array().map(Vec::len), Some(11));
    assert_eq!(s["decisions"]["leaving"].as_array().map(Vec::len), Some(2));
    assert_eq!(s["spend"]["total"], 1_961_200.0);
    // Ransomware on vSphere stops eight services until the restore from backup.
    assert_eq!(s["worst_scenario"]["scenario"], "vsphere-ransomware");
    assert_eq!(s["worst_scenario"]["services_down"], 8);
    assert_eq!(s["worst_scenario"]["services_total"], 12);
    assert_eq!(s["worst_scenario"]["first_down_day"], 0);
    assert_eq!(s["hotspots"][0]["id"], "windows-clients");
    assert_eq!(s["data_act_findings"], 3);
    let groups: Vec<&str> = v["exit_plans"]
        .as_array()
        .unwrap_or_else(|| panic!("no exit plans"))
        .iter()
        .filter_map(|e| e["vendor"].as_str())
        .collect();
    assert_eq!(groups, ["ekom21", "microsoft", "broadcom"]);
    assert_eq!(v["scenarios"].as_array().map(Vec::len), Some(7));
    assert_eq!(v["method"]["runs"], 10_000);
    assert_eq!(v["method"]["seed"], 20_250_912);
    assert!(
        v["method"]["lockin"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    assert!(v["changes"].is_null());
    // The snapshot is what next year's --baseline reads.
    assert_eq!(v["snapshot"]["snapshot_version"], 1);
    assert_eq!(v["snapshot"]["organisation"], "Stadt Musterstadt");
    let snap = exitgraph::analysis::diff::Snapshot::from_json(&read(&out.join("review.json")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(snap.sovereignty.total, 13);
}

#[test]
fn the_html_opens_in_a_browser_without_console_errors_and_has_its_sections() {
    if !chromium_available("the_html_opens_in_a_browser") {
        return;
    }
    let d = tmp();
    let out = d.path().join("review");
    review(MODEL, &out, &["--runs", "2000"]);
    let html = read(&out.join("index.html"));
    // Self-contained: no scripts, no stylesheets or fonts from elsewhere.
    for bad in ["<script", "<link", "@import", "src=\"http", "url(http"] {
        assert!(!html.contains(bad), "index.html contains {bad:?}");
    }
    let (dom, log) = chromium(&out.join("index.html"));
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");
    for id in [
        "first-page",
        "summary",
        "sovereignty",
        "hotspots",
        "contracts",
        "exit-plans",
        "scenarios",
        "spend",
        "method",
    ] {
        assert!(
            dom.contains(&format!("<section id=\"{id}\">")),
            "section {id} missing"
        );
    }
    for text in [
        "Wechselbereitschaftsprüfung 2026",
        "Auf einen Blick: Befunde und Beschlussvorschlag",
        "Beschlussvorschlag",
        "Das Wichtigste in Zahlen",
        "13 / 25",
        "US-Sanktionen: US-Anbieter stellen Dienste ein",
        "Kündigung bis",
        "Befunde nach dem EU Data Act",
    ] {
        assert!(dom.contains(text), "{text:?} missing");
    }
}

#[test]
fn english_is_chosen_with_lang() {
    let d = tmp();
    let out = d.path().join("review");
    review(MODEL, &out, &["--lang", "en", "--runs", "500"]);
    let html = read(&out.join("index.html"));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("At a glance: findings and recommended decisions"));
    assert!(html.contains("Switch-readiness review 2026"));
    assert!(!html.contains("Das Wichtigste"));
    let md = read(&out.join("report.md"));
    assert!(
        md.starts_with("# Switch-readiness review 2026: Stadt Musterstadt\n"),
        "{}",
        &md[..80]
    );
    assert_eq!(json(&out.join("review.json"))["lang"], "en");
}

/// A model whose names try to break every output format.
const HOSTILE: &str = r##"
[organisation]
name = "Gemeinde <script>alert('org')</script> & \"Söhne\""
home = "DE"
trusted = ["EU"]
as_of = 2026-12-01

[[vendor]]
id = "evil"
name = "Evil <img src=x onerror=alert(1)> Corp | Ltd ]]"
country = "US"

[[system]]
id = "mail"
name = "=HYPERLINK(\"http://evil.example\",\"click\")"
vendor = "evil"
operator = "evil"
criticality = "critical"

[[system]]
id = "files"
name = "Files\nwith a line break | and a pipe **bold** [link](http://x) `code`"
vendor = "evil"
operator = "evil"

[[system]]
id = "rtl"
name = "abc\u202Etxt.exe"
vendor = "evil"
operator = "evil"

[[contract]]
id = "evil-cloud"
name = "Contract; with, ICS: specials\nand a newline"
vendor = "evil"
covers = ["mail", "files", "rtl"]
kind = "cloud"
end = 2027-06-30
notice = "3mo"
renewal = "1y"
annual_cost = 1000

[[service]]
id = "svc"
name = "</td></tr></table><h1>injected</h1>"
criticality = "critical"
max_outage = "1d"
needs = ["mail", "files"]

[[scenario]]
id = "cut"
name = "<b>Cut</b> & \"run\""
description = "# heading\n- list"
cut = ["vendor:evil"]
"##;

/// Unescaped `|` in a Markdown line.
fn pipes(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count()
}

#[test]
fn hostile_names_inject_nothing_in_html_markdown_csv_or_ics() {
    let d = tmp();
    let model = d.path().join("hostile.toml");
    // One more system with a 10,000-character name.
    let long = format!(
        "{HOSTILE}\n[[system]]\nid = \"long\"\nname = \"{}\"\nvendor = \"evil\"\n",
        "<&|>x".repeat(2000)
    );
    std::fs::write(&model, long).unwrap_or_else(|e| panic!("{e}"));
    let out = d.path().join("review");
    review(&path(&model), &out, &["--runs", "200"]);

    // HTML: the names are there, as text.
    let html = read(&out.join("index.html"));
    assert!(!html.contains("<script"), "raw <script> in HTML");
    assert!(!html.contains("<img src=x"), "raw <img> in HTML");
    assert!(!html.contains("<h1>injected"), "raw <h1> in HTML");
    assert!(!html.contains("<b>Cut"), "raw <b> in HTML");
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(html.contains("&lt;&#x2f;td&gt;&lt;&#x2f;tr&gt;") || html.contains("&lt;/td&gt;"));
    assert!(
        !html.contains('\u{202E}'),
        "raw right-to-left override in HTML"
    );
    assert!(html.contains("abc[U+202E]txt.exe"));

    // Markdown: markup escaped, every table row as wide as its header.
    let md = read(&out.join("report.md"));
    assert!(!md.contains('\u{202E}'));
    assert!(md.contains("\\<script\\>"));
    assert!(md.contains("\\*\\*bold\\*\\*"));
    assert!(md.contains("\\[link\\]"));
    assert!(
        !md.contains("\n# heading"),
        "a description started a heading"
    );
    let mut width = None;
    for line in md.lines() {
        if line.starts_with('|') {
            let n = pipes(line);
            match width {
                None => width = Some(n),
                Some(w) => assert_eq!(n, w, "table row with {n} cells instead of {w}: {line}"),
            }
        } else {
            width = None;
        }
    }

    // CSV: one record per in-use system, the formula neutralised.
    let csv_text = read(&out.join("hotspots.csv"));
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let header_len = rdr.headers().map(|h| h.len()).unwrap_or(0);
    let rows: Vec<csv::StringRecord> = rdr
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(rows.len(), 4);
    for r in &rows {
        assert_eq!(r.len(), header_len);
    }
    let mail = rows
        .iter()
        .find(|r| &r[1] == "mail")
        .unwrap_or_else(|| panic!("no mail row"));
    assert!(
        mail[2].starts_with("'="),
        "formula not neutralised: {}",
        &mail[2]
    );

    // ICS: parses, lines at most 75 octets, the newline kept as text.
    let ics = read(&out.join("deadlines.ics"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "long line: {line}");
    }
    let reader = ical::IcalParser::new(ics.as_bytes());
    let mut summaries = Vec::new();
    for cal in reader {
        let cal = cal.unwrap_or_else(|e| panic!("{e}"));
        for ev in cal.events {
            // The review date's own event lists the passed deadlines in its
            // description; every other event names its contract.
            let as_of_event = ev.properties.iter().any(|p| {
                p.name == "UID" && p.value.as_deref().is_some_and(|v| v.starts_with("as-of@"))
            });
            for p in ev.properties {
                if p.name == "SUMMARY" && !as_of_event {
                    summaries.push(p.value.unwrap_or_default());
                }
            }
        }
    }
    assert!(!summaries.is_empty());
    // The `ical` parser drops the space at a fold, so spaces are not
    // compared; the escapes are.
    assert!(
        summaries.iter().all(|s| s
            .replace(' ', "")
            .contains("Contract\\;with\\,ICS:specials\\nandanewline")),
        "{summaries:?}"
    );

    // Diagrams: SVG well-formed, DOT accepted by Graphviz.
    check_diagrams(&out, "hostile_names_inject_nothing");

    // JSON: the names come back exactly.
    let v = json(&out.join("review.json"));
    assert_eq!(
        v["organisation"]["name"],
        "Gemeinde <script>alert('org')</script> & \"Söhne\""
    );
}

#[test]
fn the_hostile_html_has_no_injected_elements_in_a_browser() {
    if !chromium_available("the_hostile_html_has_no_injected_elements") {
        return;
    }
    let d = tmp();
    let model = d.path().join("hostile.toml");
    std::fs::write(&model, HOSTILE).unwrap_or_else(|e| panic!("{e}"));
    let out = d.path().join("review");
    review(&path(&model), &out, &["--runs", "200"]);
    let (dom, log) = chromium(&out.join("index.html"));
    assert!(!log.contains(":CONSOLE"), "console output:\n{log}");
    assert!(!dom.contains("<script"));
    assert!(!dom.contains("<img"));
    assert!(!dom.contains("<h1>injected"));
    assert_eq!(dom.matches("<h1>").count(), 1, "one title only");
}

#[test]
fn an_existing_directory_not_written_by_review_is_refused_without_force() {
    let d = tmp();
    let out = d.path().join("mine");
    std::fs::create_dir(&out).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out.join("notes.txt"), "keep me").unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["review", MODEL, "--out", &path(&out), "--runs", "100"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("was not written by `exitgraph review`"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(&out.join("notes.txt")), "keep me");
    assert!(!out.join("index.html").exists());
}

#[test]
fn force_replaces_a_foreign_directory_and_a_review_replaces_its_own() {
    let d = tmp();
    let out = d.path().join("mine");
    std::fs::create_dir(&out).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out.join("notes.txt"), "old").unwrap_or_else(|e| panic!("{e}"));
    review(MODEL, &out, &["--force", "--runs", "100"]);
    assert!(!out.join("notes.txt").exists());
    assert!(out.join(".exitgraph-review").is_file());
    // Its own directory is replaced without --force, and nothing is left
    // next to it.
    std::fs::write(out.join("stray.txt"), "x").unwrap_or_else(|e| panic!("{e}"));
    review(MODEL, &out, &["--runs", "100", "--lang", "en"]);
    assert!(!out.join("stray.txt").exists());
    assert_eq!(json(&out.join("review.json"))["lang"], "en");
    let left: Vec<String> = std::fs::read_dir(d.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["mine"]);
}

#[test]
fn a_directory_holding_the_model_is_never_replaced() {
    let d = tmp();
    let model = d.path().join("model.toml");
    std::fs::copy("examples/minimal.toml", &model).unwrap_or_else(|e| panic!("{e}"));
    let o = run(&["review", &path(&model), "--out", &path(d.path()), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("never replaces its input"),
        "{}",
        stderr(&o)
    );
    assert!(model.exists());
    let o = run(&["review", MODEL, "--out", &path(&model)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a directory"), "{}", stderr(&o));
}

#[test]
fn a_failed_run_keeps_the_previous_review() {
    let d = tmp();
    let out = d.path().join("review");
    review(MODEL, &out, &["--runs", "100"]);
    let before = files(&out);
    let bad = d.path().join("bad.json");
    std::fs::write(&bad, "{ \"title\": \"no snapshot\" }").unwrap_or_else(|e| panic!("{e}"));
    let o = run(&[
        "review",
        MODEL,
        "--out",
        &path(&out),
        "--baseline",
        &path(&bad),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("has no `snapshot` member"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files(&out), before);
}

#[test]
fn an_interrupted_run_leaves_the_previous_review_whole() {
    // Killed at whatever point it has reached, the directory holds a whole
    // review: the old one, or (if the kill came after the move) the new one.
    let d = tmp();
    let out = d.path().join("review");
    review(MODEL, &out, &["--runs", "100"]);
    let before = files(&out);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("exitgraph"))
        .args(["review", MODEL, "--out", &path(&out), "--runs", "2000000"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let _ = child.kill();
    let _ = child.wait();
    let after = files(&out);
    if after != before {
        // The new review was complete before the kill.
        assert!(after.contains_key(".exitgraph-review"));
        let v = json(&out.join("review.json"));
        assert_eq!(v["method"]["runs"], 2_000_000);
    }
    assert!(after.contains_key("index.html"));
}

#[test]
fn a_baseline_adds_the_changes_section() {
    let d = tmp();
    let out = d.path().join("review");
    review(
        "examples/minimal.toml",
        &out,
        &[
            "--baseline",
            "tests/fixtures/diff/review-2025.json",
            "--runs",
            "200",
        ],
    );
    let v = json(&out.join("review.json"));
    assert_eq!(v["changes"]["old"]["as_of"], "2025-12-01");
    assert_eq!(v["changes"]["new"]["as_of"], "2026-12-01");
    let html = read(&out.join("index.html"));
    assert!(html.contains("<section id=\"changes\">"));
    assert!(html.contains("Veränderungen seit der letzten Prüfung"));
    let md = read(&out.join("report.md"));
    assert!(md.contains("Veränderungen seit der letzten Prüfung"));
    // Next year's review can compare with this one.
    let again = d.path().join("again");
    review(
        "examples/minimal.toml",
        &again,
        &[
            "--baseline",
            &path(&out.join("review.json")),
            "--runs",
            "200",
        ],
    );
    assert_eq!(
        json(&again.join("review.json"))["changes"]["unchanged"],
        true
    );
}

#[test]
fn a_5000_system_landscape_is_reviewed() {
    use exitgraph::generate::{GenOptions, generate};
    let d = tmp();
    let model = d.path().join("big.toml");
    let text = generate(&GenOptions::new(5000, 1)).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&model, text).unwrap_or_else(|e| panic!("{e}"));
    let out = d.path().join("review");
    review(&path(&model), &out, &["--runs", "20", "--lang", "de"]);
    let v = json(&out.join("review.json"));
    assert_eq!(v["counts"]["systems"], 5000);
    let html = read(&out.join("index.html"));
    assert!(html.contains("<section id=\"hotspots\">"));
    // Long lists are cut in the report and complete in the CSV.
    let csv_rows = read(&out.join("hotspots.csv")).lines().count() - 1;
    assert_eq!(Some(csv_rows as u64), v["counts"]["in_use"].as_u64());
    assert!(html.contains("alle stehen in hotspots.csv"));
    // The graph diagrams are rolled up and say so; all are valid.
    let md = read(&out.join("report.md"));
    let landscape = md
        .lines()
        .find(|l| l.starts_with("*Abbildung") && l.contains("Systemlandschaft"))
        .unwrap_or_else(|| panic!("no landscape caption"));
    assert!(landscape.contains("Zusammengefasst:"), "{landscape}");
    // Nodes are the quoted statements that are not edges (`->`).
    let nodes = read(&out.join("diagrams/landscape.dot"))
        .lines()
        .filter(|l| l.trim_start().starts_with('"') && !l.contains("->"))
        .count();
    assert!(
        (1..=160).contains(&nodes),
        "{nodes} nodes in the rolled-up landscape"
    );
    check_diagrams(&out, "a_5000_system_landscape_is_reviewed");
}

#[test]
fn bad_input_exits_2() {
    let d = tmp();
    let out = path(&d.path().join("r"));
    let o = run(&["review", MODEL, "--out", &out, "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["review", MODEL, "--out", &out, "--as-of", "1.12.2026"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "review",
        MODEL,
        "--out",
        &out,
        "--baseline",
        "no/such/file.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read the baseline"));
    let o = run(&["review", "no/such/model.toml", "--out", &out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!d.path().join("r").exists());
}
