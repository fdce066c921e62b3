//! Imports (CSV, ArchiMate) and exports (GraphML, CycloneDX, Mermaid,
//! JSON), end to end: fixtures as saved by LibreOffice Calc, German Excel
//! and Archi; the command line; validation of exports with networkx and
//! the official CycloneDX 1.6 schema (Python, skipped locally when missing,
//! required when `CI` is set).

use assert_cmd::Command;
use exitgraph::graph::Graph;
use exitgraph::interop::archimate::{self, ArchimateOptions};
use exitgraph::interop::csv_import::{self, CsvInput, CsvOptions};
use exitgraph::interop::{Imported, NoteKind};
use exitgraph::model::{self, Limits, Model};
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap()
}

fn load(i: &Imported) -> Model {
    model::load_str(
        "imported.toml",
        Path::new("imported.toml"),
        &i.toml,
        &Limits::default(),
    )
    .unwrap_or_else(|f| panic!("{}\n{:#?}", i.toml, f.diagnostics))
}

fn notes(i: &Imported) -> Vec<String> {
    i.report.notes.iter().map(|n| n.to_string()).collect()
}

fn has(notes: &[String], want: &str) {
    assert!(
        notes.iter().any(|n| n == want),
        "missing note:\n{want}\nin:\n{notes:#?}"
    );
}

fn import_libreoffice() -> Imported {
    let (s, v, c) = (
        bytes("csv/libreoffice.csv"),
        bytes("csv/libreoffice-vendors.csv"),
        bytes("csv/libreoffice-contracts.csv"),
    );
    csv_import::import(
        CsvInput {
            name: "libreoffice.csv",
            bytes: &s,
        },
        Some(CsvInput {
            name: "vendors.csv",
            bytes: &v,
        }),
        Some(CsvInput {
            name: "contracts.csv",
            bytes: &c,
        }),
        &CsvOptions::default(),
    )
    .unwrap()
}

fn import_excel() -> Imported {
    let (s, v, c) = (
        bytes("csv/excel-de.csv"),
        bytes("csv/excel-de-anbieter.csv"),
        bytes("csv/excel-de-vertraege.csv"),
    );
    csv_import::import(
        CsvInput {
            name: "excel-de.csv",
            bytes: &s,
        },
        Some(CsvInput {
            name: "anbieter.csv",
            bytes: &v,
        }),
        Some(CsvInput {
            name: "vertraege.csv",
            bytes: &c,
        }),
        &CsvOptions::default(),
    )
    .unwrap()
}

/// The LibreOffice export (UTF-8, comma, English headers, quoted cells with
/// commas, doubled quotes and a line break) imports into a valid model.
#[test]
fn libreoffice_csv_imports_into_a_valid_model() {
    let i = import_libreoffice();
    let m = load(&i);
    let c = m.counts();
    assert_eq!((c.systems, c.vendors, c.formats, c.contracts), (8, 9, 8, 2));
    let m365 = m.system(m.system_id("m365").unwrap());
    assert_eq!(
        m365.description.as_deref(),
        Some("Mail, calendar, Office; \"E3\" licences")
    );
    assert_eq!(m.party_id(m365.vendor), "microsoft");
    assert_eq!(m.party_id(m365.operator), "microsoft-ireland");
    assert_eq!(m365.users, 1200);
    let exports: Vec<&str> = m365
        .exports
        .as_ref()
        .unwrap()
        .iter()
        .map(|f| m.format(*f).id.as_str())
        .collect();
    assert_eq!(exports, ["odf", "pdf"]);
    // No id in the row: made from the name.
    let nc = m.system(m.system_id("nextcloud").unwrap());
    assert_eq!(
        nc.description.as_deref(),
        Some("Runs in our own data centre.\nSecond line of the note.")
    );
    assert_eq!(m.party_id(nc.vendor), "nextcloud");
    let ea = m.contract(m.contract_id("m365-ea").unwrap());
    assert_eq!(ea.annual_cost, Some(540_000.0));
    assert_eq!(ea.notice.to_string(), "3mo");
    assert_eq!(ea.covers.len(), 2);

    let n = notes(&i);
    has(
        &n,
        "libreoffice.csv:4: assumed: no id: `nextcloud` made from the name",
    );
    has(
        &n,
        "libreoffice.csv:1: not mapped: column 18 `cost centre` is not a known column; its 7 value(s) were not imported (--map FIELD=\"cost centre\" reads it)",
    );
    has(
        &n,
        "libreoffice.csv:10: not mapped: value `extreme` of column `criticality` not understood (kritisch/critical, hoch/high, mittel/medium, niedrig/low); left out",
    );
    has(
        &n,
        "libreoffice.csv:10: not mapped: dependency `no-such-system` of `mail-archive` matches no system id or name; left out",
    );
    has(
        &n,
        "libreoffice.csv:10: stub: vendor `Acme Archiv GmbH` is not in the vendor list: created stub `acme-archiv-gmbh` with placeholder country US; complete its country and parent",
    );
    has(
        &n,
        "vendors.csv:8: stub: vendor `Deutsche Telekom AG` is not in the vendor list: created stub `deutsche-telekom-ag` with placeholder country US; complete its country and parent",
    );
    has(
        &n,
        "contracts.csv:4: skipped: contract `nextcloud-support` skipped: it has no end date (give `end`, or `start` and `term`)",
    );
    has(
        &n,
        "contracts.csv:5: not mapped: value `2026-02-30` of column `end` not understood (a date 2027-06-30 or 30.06.2027); left out",
    );
    assert_eq!(i.report.of(NoteKind::Skipped).count(), 2);
    assert_eq!(i.report.of(NoteKind::Stub).count(), 2);
    let stub = m.vendor(m.vendor_id("acme-archiv-gmbh").unwrap());
    assert_eq!(
        stub.description.as_deref(),
        Some(csv_import::STUB_DESCRIPTION)
    );
    assert_eq!(stub.country.as_str(), "US");
}

/// The German Excel export (semicolon, Windows-1252, CRLF, German headers
/// and words) imports into a valid model, umlauts intact.
#[test]
fn german_excel_csv_imports_into_a_valid_model() {
    let raw = bytes("csv/excel-de.csv");
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "the fixture must be Windows-1252"
    );
    let i = import_excel();
    let m = load(&i);
    let c = m.counts();
    assert_eq!(
        (c.systems, c.vendors, c.formats, c.contracts),
        (7, 10, 7, 4)
    );
    let t = m.system(m.system_id("buergerbuero-terminvergabe").unwrap());
    assert_eq!(t.name, "Bürgerbüro-Terminvergabe");
    assert_eq!(t.users, 15_000);
    assert_eq!(t.region.to_string(), "AT");
    assert_eq!(t.exports.as_deref(), Some(&[][..]));
    assert_eq!(t.criticality.as_str(), "high");
    let ad = m.system(m.system_id("ad").unwrap());
    assert_eq!(ad.users, 1200);
    assert_eq!(ad.layer.as_str(), "platform");
    assert_eq!(
        m.vendor(m.vendor_id("ekom21").unwrap()).name,
        "ekom21 – KGRZ Hessen"
    );
    assert_eq!(
        m.vendor(m.vendor_id("vmware").unwrap()).parent,
        m.vendor_id("broadcom")
    );
    let lo = m.system(m.system_id("libreoffice").unwrap());
    assert_eq!(
        (lo.licence.as_str(), lo.status.as_str()),
        ("open-source", "candidate")
    );
    let meso = m.contract(m.contract_id("v-2021-17").unwrap());
    assert_eq!(meso.annual_cost, Some(12_400.0));
    assert_eq!(meso.end.to_string(), "2027-12-31");
    assert_eq!(meso.notice.to_string(), "6mo");
    assert_eq!(meso.kind.as_str(), "support");
    let vm = m.contract(m.contract_id("v-2024-09").unwrap());
    assert_eq!(
        (vm.annual_cost, vm.notice.to_string()),
        (Some(96_000.0), "90d".to_string())
    );

    let n = notes(&i);
    has(
        &n,
        "excel-de.csv: info: read as Windows-1252, separator `;`",
    );
    has(
        &n,
        "excel-de.csv:5: assumed: no id: `buergerbuero-terminvergabe` made from the name",
    );
    has(
        &n,
        "excel-de.csv:7: not mapped: value `sehr wichtig` of column `Kritikalität` not understood (kritisch/critical, hoch/high, mittel/medium, niedrig/low); left out",
    );
    has(
        &n,
        "excel-de.csv:9: skipped: row skipped: it has neither an id nor a name",
    );
    has(
        &n,
        "anbieter.csv:10: assumed: country `Atlantis` of vendor `unbekannt` not understood: placeholder US written; correct it",
    );
    has(
        &n,
        "vertraege.csv:5: skipped: contract `v-2020-01` skipped: it has no end date (give `end`, or `start` and `term`)",
    );
}

/// The Archisurance model (Archi's exchange-format test file) imports and
/// validates, and the report lists every element and relation not mapped.
#[test]
fn archisurance_imports_and_reports_what_it_did_not_map() {
    let xml = bytes("archimate/archisurance.xml");
    let i = archimate::import("archisurance.xml", &xml, &ArchimateOptions::default()).unwrap();
    let m = load(&i);
    // 10 application components, 4 system software, 4 nodes, 5 devices,
    // 5 technology services; 6 business services.
    assert_eq!(m.counts().systems, 28);
    assert_eq!(m.counts().services, 6);
    assert_eq!(m.counts().contracts, 0);
    assert_eq!(m.organisation.name, "Archisurance");
    let fin = m.system(m.system_id("financial-application").unwrap());
    let deps: Vec<&str> = fin
        .depends_on
        .iter()
        .flat_map(|d| d.members())
        .map(|s| m.system(*s).id.as_str())
        .collect();
    // Bank System serves it, Financial Software realises it, Customer File
    // Service serves it, and Policy Data Management realises Claim InfoServ,
    // which serves it.
    assert_eq!(
        deps,
        [
            "bank-system",
            "financial-software",
            "customer-file-service",
            "policy-data-management"
        ]
    );
    let prem = m.service(m.service_id("premium-payment-service").unwrap());
    assert_eq!(prem.needs.len(), 1);

    let n = notes(&i);
    // 120 elements: 34 mapped, 86 reported one by one.
    let elements = n
        .iter()
        .filter(|x| x.contains(": not mapped: element `"))
        .count();
    assert_eq!(elements, 86);
    has(
        &n,
        "archisurance.xml:215: not mapped: element `Travel Insurance Policy` (Contract) not mapped: a contract needs a `vendor` property naming the vendor",
    );
    has(
        &n,
        "archisurance.xml:6: not mapped: model property `Property1` = `Value of Property 1` not mapped",
    );
    has(
        &n,
        "archisurance.xml:105: not mapped: property `Property3` = `Value of Property 3` of `Archisurance` not mapped",
    );
    assert!(n.iter().any(|x| x.contains("Triggering relationship from `Handle Claim (BusinessProcess)` to `Inform Customer (BusinessProcess)` not mapped")));
    assert_eq!(i.report.of(NoteKind::Skipped).count(), 0);
}

fn exe() -> Command {
    let mut c = Command::cargo_bin("exitgraph").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// The CLI writes the model, prints the report to stderr, refuses to
/// overwrite without --force and never writes onto an input.
#[test]
fn import_cli_guards_its_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("landscape.toml");
    let input = fixture("csv/libreoffice.csv");
    let a = exe()
        .args(["import", "csv"])
        .arg(&input)
        .arg("--vendors")
        .arg(fixture("csv/libreoffice-vendors.csv"))
        .arg("--contracts")
        .arg(fixture("csv/libreoffice-contracts.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("import report: 2 skipped, 4 not mapped, 2 stub, 2 assumed"),
        "{err}"
    );
    assert!(
        err.contains("libreoffice.csv:10: not mapped: value `extreme`"),
        "{err}"
    );
    exe().arg("check").arg(&out).assert().success();
    // Exists: refused without --force, accepted with it.
    exe()
        .args(["import", "csv"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    exe()
        .args(["import", "csv"])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .arg("--force")
        .assert()
        .success();
    // Onto an input: refused even with --force.
    let copy = dir.path().join("in.csv");
    std::fs::copy(&input, &copy).unwrap();
    exe()
        .args(["import", "csv"])
        .arg(&copy)
        .arg("-o")
        .arg(&copy)
        .arg("--force")
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&input).unwrap()
    );
    // A bad country flag and a missing file are usage errors.
    exe()
        .args(["import", "csv"])
        .arg(&input)
        .args(["--home", "Germany"])
        .assert()
        .code(2);
    exe()
        .args(["import", "archimate", "/no/such/file.xml"])
        .assert()
        .code(2);
    // Without -o the model goes to stdout.
    let a = exe()
        .args(["import", "archimate"])
        .arg(fixture("archimate/archisurance.xml"))
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&a.get_output().stdout).contains("[[system]]"));
}

fn musterstadt() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/musterstadt.toml")
}

fn export(model: &Path, to: &str) -> String {
    let a = exe()
        .arg("export")
        .arg(model)
        .args(["--to", to])
        .assert()
        .success();
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn graph_of(path: &Path) -> Graph {
    Graph::build(model::load(path).unwrap())
}

/// A model whose names hold every character that matters to XML, JSON,
/// Mermaid or TOML.
const HOSTILE: &str = r#"[organisation]
name = "Stadt <Tag> & \"Quote\" 'apos' # %% ` | [x] {y}"
home = "DE"
as_of = 2026-12-01
[[vendor]]
id = "v"
name = "V & <Co> \"GmbH\"\nnew line \u0001 ctrl"
country = "US"
[[system]]
id = "a"
name = "A --> B; click a call alert(1) <script>"
vendor = "v"
depends_on = ["b"]
[[system]]
id = "b"
name = "B ]]> \\ end"
[[contract]]
id = "c"
name = "Vertrag \"A\" & <B>"
vendor = "v"
covers = ["a"]
kind = "subscription"
end = 2027-06-30
[[service]]
id = "s"
name = "S \u00e4\u00f6\u00fc \U0001F600"
needs = ["a"]
"#;

fn hostile_model(dir: &Path) -> PathBuf {
    let p = dir.join("hostile.toml");
    std::fs::write(&p, HOSTILE).unwrap();
    p
}

/// Well-formed XML whatever the names: every event parses, to the end.
fn assert_well_formed_xml(x: &str) {
    let mut r = quick_xml::Reader::from_str(x);
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}\n{x}", r.buffer_position()),
        }
    }
}

/// Exports are well-formed and escaped for any name, and deterministic.
#[test]
fn exports_escape_every_user_string() {
    let dir = tempfile::tempdir().unwrap();
    let p = hostile_model(dir.path());
    let g = graph_of(&p);
    let x = export(&p, "graphml");
    assert_well_formed_xml(&x);
    assert!(x.contains("V &amp; &lt;Co&gt; &quot;GmbH&quot;&#10;new line \u{fffd} ctrl"));
    for to in ["json", "cyclonedx"] {
        let j: serde_json::Value = serde_json::from_str(&export(&p, to)).unwrap();
        assert!(j.is_object());
    }
    let j: serde_json::Value = serde_json::from_str(&export(&p, "json")).unwrap();
    assert_eq!(j["vendors"][0]["name"], g.model().vendors[0].name.as_str());
    let mm = export(&p, "mermaid");
    // Every label line keeps exactly its two delimiting quotes.
    for line in mm
        .lines()
        .filter(|l| l.contains("[\"") || l.contains("{{\"") || l.contains("([\""))
    {
        assert_eq!(line.matches('"').count(), 2, "{line}");
        assert!(!line.contains('<') && !line.contains('&'), "{line}");
    }
    assert_eq!(mm.lines().filter(|l| l.starts_with("%%")).count(), 1);
    for to in ["graphml", "cyclonedx", "mermaid", "json"] {
        assert_eq!(export(&p, to), export(&p, to), "{to} is not deterministic");
    }
}

/// `-o` writes the file, and never onto the model.
#[test]
fn export_writes_files_but_never_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let p = hostile_model(dir.path());
    let out = dir.path().join("out.graphml");
    exe()
        .arg("export")
        .arg(&p)
        .args(["--to", "graphml", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        export(&p, "graphml")
    );
    // An existing file is only replaced with --force.
    let o = exe()
        .arg("export")
        .arg(&p)
        .args(["--to", "json", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        export(&p, "graphml")
    );
    exe()
        .arg("export")
        .arg(&p)
        .args(["--to", "json", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), export(&p, "json"));
    exe()
        .arg("export")
        .arg(&p)
        .args(["--to", "json", "-o"])
        .arg(&p)
        .assert()
        .code(2);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), HOSTILE);
    exe()
        .arg("export")
        .arg(&p)
        .args(["--to", "svg"])
        .assert()
        .code(2);
}

/// Python with the given modules, or a skip (locally) / failure (in CI).
fn python_with(modules: &[&str], why: &str) -> bool {
    let code = modules
        .iter()
        .map(|m| format!("import {m}"))
        .collect::<Vec<_>>()
        .join("; ");
    let ok = std::process::Command::new("python3")
        .args(["-c", &code])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set but python3 with {modules:?} is missing: {why}");
        }
        eprintln!("skipped: python3 with {modules:?} is not available ({why})");
    }
    ok
}

fn run_python(script: &str, args: &[&Path]) -> String {
    let o = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "python failed:\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// networkx reads the GraphML of the example model and of the hostile
/// model with every node and edge.
#[test]
fn graphml_loads_in_networkx() {
    if !python_with(&["networkx"], "GraphML must load in networkx") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for model in [musterstadt(), hostile_model(dir.path())] {
        let g = graph_of(&model);
        let m = g.model();
        let x = export(&model, "graphml");
        let f = dir.path().join("g.graphml");
        std::fs::write(&f, &x).unwrap();
        let out = run_python(
            "import sys, networkx as nx\n\
             g = nx.read_graphml(sys.argv[1])\n\
             kinds = sorted(set(d['kind'] for _, d in g.nodes(data=True)))\n\
             print(g.number_of_nodes(), g.number_of_edges(), g.is_directed(), ','.join(kinds))\n",
            &[&f],
        );
        let nodes = m.systems.len() + m.vendors.len() + m.services.len() + m.contracts.len();
        let edges = x.matches("<edge ").count();
        assert!(edges > 0);
        let mut kinds = vec!["system", "vendor"];
        if !m.services.is_empty() {
            kinds.insert(0, "service");
        }
        if !m.contracts.is_empty() {
            kinds.insert(0, "contract");
        }
        assert_eq!(
            out.trim(),
            format!("{nodes} {edges} True {}", kinds.join(","))
        );
    }
}

/// The CycloneDX export of the example model and of the hostile model
/// validates against the official CycloneDX 1.6 JSON schema.
#[test]
fn cyclonedx_validates_against_the_official_1_6_schema() {
    if !python_with(
        &["jsonschema", "referencing"],
        "CycloneDX output must validate against bom-1.6.schema.json",
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let schemas = fixture("cyclonedx");
    for model in [musterstadt(), hostile_model(dir.path())] {
        let f = dir.path().join("bom.json");
        std::fs::write(&f, export(&model, "cyclonedx")).unwrap();
        let out = run_python(
            "import sys, json, pathlib\n\
             from jsonschema import Draft7Validator\n\
             from referencing import Registry, Resource\n\
             d = pathlib.Path(sys.argv[1])\n\
             schemas = [json.loads((d / n).read_text(encoding='utf-8')) for n in ['bom-1.6.schema.json', 'spdx.schema.json', 'jsf-0.82.schema.json']]\n\
             reg = Registry().with_resources([(s['$id'], Resource.from_contents(s)) for s in schemas])\n\
             v = Draft7Validator(schemas[0], registry=reg, format_checker=Draft7Validator.FORMAT_CHECKER)\n\
             bom = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding='utf-8'))\n\
             errs = sorted(v.iter_errors(bom), key=lambda e: list(e.path))\n\
             for e in errs: print('ERROR', list(e.path), e.message[:300])\n\
             print('services', len(bom['services']), 'errors', len(errs))\n",
            &[&schemas, &f],
        );
        let n = graph_of(&model).model().systems.len();
        assert_eq!(
            out.lines().last().unwrap(),
            format!("services {n} errors 0"),
            "{out}"
        );
    }
    // The validator is not vacuous: a BOM with a wrong field fails.
    let f = dir.path().join("bad.json");
    std::fs::write(&f, r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "services": [{"name": "x", "licenses": [{"license": {"name": "c", "licensing": {"expiration": "soon"}}}], "bogus": 1}]}"#).unwrap();
    let out = run_python(
        "import sys, json, pathlib\n\
         from jsonschema import Draft7Validator\n\
         from referencing import Registry, Resource\n\
         d = pathlib.Path(sys.argv[1])\n\
         schemas = [json.loads((d / n).read_text(encoding='utf-8')) for n in ['bom-1.6.schema.json', 'spdx.schema.json', 'jsf-0.82.schema.json']]\n\
         reg = Registry().with_resources([(s['$id'], Resource.from_contents(s)) for s in schemas])\n\
         v = Draft7Validator(schemas[0], registry=reg)\n\
         print(len(list(v.iter_errors(json.loads(pathlib.Path(sys.argv[2]).read_text())))) > 0)\n",
        &[&schemas, &f],
    );
    assert_eq!(out.trim(), "True");
}

/// The resolved JSON of the example model holds every entity, resolved.
#[test]
fn json_export_of_the_example_is_resolved() {
    let g = graph_of(&musterstadt());
    let j: serde_json::Value = serde_json::from_str(&export(&musterstadt(), "json")).unwrap();
    let m = g.model();
    assert_eq!(j["format"], "exitgraph-resolved-model");
    assert_eq!(j["systems"].as_array().unwrap().len(), m.systems.len());
    assert_eq!(j["vendors"].as_array().unwrap().len(), m.vendors.len());
    assert_eq!(j["contracts"].as_array().unwrap().len(), m.contracts.len());
    let m365 = j["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "m365")
        .unwrap();
    assert!(
        m365["untrusted_exposure"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "US")
    );
    let mm = export(&musterstadt(), "mermaid");
    assert!(mm.starts_with("%% exitgraph landscape: Stadt Musterstadt\nflowchart LR\n"));
    assert_eq!(
        mm.lines()
            .filter(|l| l.trim_start().starts_with("sys") && l.contains("[\""))
            .count(),
        m.systems.len()
    );
}

/// The command line's limits hold for what an import produces: too many
/// entities or too long a string ends in exit 2 and no file.
#[test]
fn imports_respect_the_entity_and_string_limits() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.toml");
    for (flag, value, message) in [
        ("--max-entities", "2", "entities, more than the limit of 2"),
        ("--max-string-length", "5", "longer than the limit of 5"),
    ] {
        exe()
            .args(["import", "csv", flag, value])
            .arg(fixture("csv/libreoffice.csv"))
            .arg("-o")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
        assert!(!out.exists());
    }
}

/// Found by fuzzing (`fuzz/fuzz_targets/import_csv.rs`): a vendor whose name
/// makes the id `self` (reserved for the organisation) gets `self-2`, and the
/// model validates.
#[test]
fn a_vendor_named_like_self_gets_another_id() {
    let csv = "id,name,vendor\napp,App,self@\nown,Own,self\n";
    let i = csv_import::import(
        CsvInput {
            name: "s.csv",
            bytes: csv.as_bytes(),
        },
        None,
        None,
        &CsvOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let m = load(&i);
    let app = m.system(m.system_id("app").unwrap());
    assert_eq!(m.party_id(app.vendor), "self-2");
    let own = m.system(m.system_id("own").unwrap());
    assert_eq!(m.party_id(own.vendor), "self");
}

/// A Mermaid export past Mermaid's default limits (500 links, 50,000
/// characters) is rolled up with a warning, fits them, and says so in the
/// diagram; `--no-roll-up` writes it whole with a warning.
#[test]
fn mermaid_export_stays_within_mermaids_limits() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.toml");
    let text =
        exitgraph::generate::generate(&exitgraph::generate::GenOptions::new(2000, 1)).unwrap();
    std::fs::write(&p, text).unwrap();
    let o = exe()
        .arg("export")
        .arg(&p)
        .args(["--to", "mermaid"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    let warning: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.starts_with("warning:"))
        .collect();
    let words = warning
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        words.contains("is past Mermaid's default limits (500 links, 50,000 characters): written rolled up, 2,000 systems in "),
        "{err}"
    );
    assert!(warning.iter().all(|l| l.chars().count() <= 80), "{err}");
    let out = String::from_utf8(o.stdout).unwrap();
    let (chars, edges) = exitgraph::interop::export_mermaid::size(&out);
    assert!(
        chars <= 50_000 && edges <= 500,
        "{chars} characters, {edges} links"
    );
    assert!(out.contains("%% rolled up: the full diagram ("), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("    grp") && l.contains(" systems\"]"))
    );

    let o = exe()
        .arg("export")
        .arg(&p)
        .args(["--to", "mermaid", "--no-roll-up"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    let words = err.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("raise maxEdges and maxTextSize"), "{err}");
    let out = String::from_utf8(o.stdout).unwrap();
    let (_, edges) = exitgraph::interop::export_mermaid::size(&out);
    assert!(edges > 500);
}
