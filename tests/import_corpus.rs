//! The import corpus: small files written for these tests in the shapes
//! the importers meet in practice (Archi's own format, the exchange format
//! 3.x and 2.1, a windows-1252 export, spreadsheets with German, English
//! and Dutch headers). Each test asserts the counts of what was imported
//! and every line of the import report, so that a change to the mapping
//! shows up as a reviewed diff of these expectations.

use exitgraph::interop::Imported;
use exitgraph::interop::archimate::{self, ArchimateOptions};
use exitgraph::interop::csv_import::{self, CsvInput, CsvOptions};
use exitgraph::interop::mapping::Mapping;
use exitgraph::interop::merge;
use exitgraph::model::{self, Limits, Model};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
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

/// Counts of an imported model.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    systems: usize,
    vendors: usize,
    /// `depends_on` entries over all systems.
    dependencies: usize,
    services: usize,
    /// `needs` entries over all services.
    needs: usize,
}

fn counts(m: &Model) -> Counts {
    Counts {
        systems: m.systems.len(),
        vendors: m.vendors.len(),
        dependencies: m.systems.iter().map(|s| s.depends_on.len()).sum(),
        services: m.services.len(),
        needs: m.services.iter().map(|s| s.needs.len()).sum(),
    }
}

fn report(i: &Imported) -> Vec<String> {
    i.report.notes.iter().map(|n| n.to_string()).collect()
}

/// Compares report lines one by one, so that a failure names the line.
fn same_report(got: &[String], want: &[&str]) {
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g, w, "report line {k}; whole report:\n{got:#?}");
    }
    assert_eq!(got.len(), want.len(), "whole report:\n{got:#?}");
}

fn dependencies_of(m: &Model, id: &str) -> Vec<String> {
    m.system(m.system_id(id).unwrap())
        .depends_on
        .iter()
        .flat_map(|d| d.members())
        .map(|s| m.system(*s).id.clone())
        .collect()
}

fn needs_of(m: &Model, id: &str) -> Vec<String> {
    m.service(m.service_id(id).unwrap())
        .needs
        .iter()
        .flat_map(|d| d.members())
        .map(|s| m.system(*s).id.clone())
        .collect()
}

fn archimate(name: &str) -> Imported {
    let bytes = std::fs::read(fixture(name)).unwrap();
    archimate::import(name, &bytes, &ArchimateOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn archi_native_file() {
    let i = archimate("kreis.archimate");
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "kreis.archimate: info: read as an Archi model file (.archimate), UTF-8 as declared",
            "kreis.archimate:2: not mapped: folder structure (8 folders) not mapped",
            "kreis.archimate:63: not mapped: 1 view(s) not mapped (diagram layout): `Überblick`",
            "kreis.archimate:5: not mapped: element `Bürgerbüro` (BusinessActor) not mapped: the model has no BusinessActor",
            "kreis.archimate:6: not mapped: element `Ummeldung bearbeiten` (BusinessProcess) not mapped itself; relationships through it link the systems behind it to what relies on it",
            "kreis.archimate:19: stub: vendor `AKDB` is not in the vendor list: created stub `akdb` with placeholder country US; complete its country and parent",
            "kreis.archimate:23: not mapped: property `Farbe` = `blau` of `OK.EWO` not mapped: not a system key",
            "kreis.archimate:26: stub: vendor `Dataport` is not in the vendor list: created stub `dataport` with placeholder country US; complete its country and parent",
            "kreis.archimate:29: not mapped: element `Meldeauskunft` (ApplicationService) not mapped itself; relationships through it link the systems behind it to what relies on it",
            "kreis.archimate:30: not mapped: element `XMeld-Schnittstelle` (ApplicationInterface) not mapped itself; relationships through it link the systems behind it to what relies on it",
            "kreis.archimate:32: assumed: id `portal` is taken by an earlier element: `Portal` written as `portal-2`; if both are the same, merge them",
            "kreis.archimate:39: stub: vendor `Fujitsu` is not in the vendor list: created stub `fujitsu` with placeholder country US; complete its country and parent",
            "kreis.archimate:42: stub: vendor `Broadcom` is not in the vendor list: created stub `broadcom` with placeholder country US; complete its country and parent",
            "kreis.archimate:46: not mapped: element `Hinweis` (Grouping) not mapped: the model has no Grouping",
            "kreis.archimate: stub: 3 systems without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "kreis.archimate:60: not mapped: Association relationship `r-as1` between `Hinweis (Grouping)` and the Serving relationship `r-s3` (line 57) not mapped: the model has no relations to relationships",
            "kreis.archimate:57: not mapped: name `XMeld` of the Serving relationship from `XMeld-Schnittstelle (ApplicationInterface)` to `Portal (ApplicationComponent)` not mapped: dependencies have no names",
            "kreis.archimate:59: not mapped: Assignment relationship from `Bürgerbüro (BusinessActor)` to `Ummeldung bearbeiten (BusinessProcess)` not mapped: `Bürgerbüro (BusinessActor)` is not mapped",
            "kreis.archimate: assumed: [organisation] written with name `Landkreis Musterland`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 7,
            vendors: 5,
            dependencies: 5,
            services: 2,
            needs: 2
        }
    );
    // The node relies on its device and its system software; the
    // Fachverfahren is deployed on vSphere; the portal is served through
    // the interface the Fachverfahren is composed of; i-Kfz receives its
    // data (flow); the service reaches the Fachverfahren through the
    // process and the application service.
    assert_eq!(
        dependencies_of(&m, "rechenzentrum-cluster"),
        ["blade-server", "vmware-vsphere"]
    );
    assert_eq!(dependencies_of(&m, "ok-ewo"), ["vmware-vsphere"]);
    assert_eq!(dependencies_of(&m, "portal"), ["ok-ewo"]);
    assert_eq!(dependencies_of(&m, "i-kfz"), ["ok-ewo"]);
    assert_eq!(needs_of(&m, "ummeldung"), ["ok-ewo"]);
    assert_eq!(needs_of(&m, "kfz-zulassung"), ["i-kfz"]);
    let ewo = m.system(m.system_id("ok-ewo").unwrap());
    assert_eq!(ewo.description.as_deref(), Some("Einwohnerwesen"));
    assert_eq!(ewo.users, 45);
    assert_eq!(
        m.service(m.service_id("ummeldung").unwrap())
            .max_outage
            .map(|d| d.to_string())
            .as_deref(),
        Some("2d")
    );
}

#[test]
fn exchange_3_file() {
    let i = archimate("exchange-3.xml");
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "exchange-3.xml: info: read as the ArchiMate exchange format 3.x, UTF-8 as declared",
            "exchange-3.xml:72: not mapped: folder structure (`organizations`, 1 folders) not mapped",
            "exchange-3.xml:83: not mapped: 1 view(s) not mapped (diagram layout): `Order to Delivery`",
            "exchange-3.xml:9: stub: vendor `SAP SE` is not in the vendor list: created stub `sap-se` with placeholder country US; complete its country and parent",
            "exchange-3.xml:23: assumed: id `eai-bus` is taken by an earlier element: `EAI Bus` written as `eai-bus-2`; if both are the same, merge them",
            "exchange-3.xml:26: not mapped: element `Order Handling Service` (ApplicationService) not mapped itself; relationships through it link the systems behind it to what relies on it",
            "exchange-3.xml:29: not mapped: element `Stock Query Service` (ApplicationService) not mapped itself; relationships through it link the systems behind it to what relies on it",
            "exchange-3.xml:32: not mapped: element `Handle Order` (BusinessProcess) not mapped itself; relationships through it link the systems behind it to what relies on it",
            "exchange-3.xml:35: not mapped: element `Plan Production` (BusinessProcess) not mapped itself; relationships through it link the systems behind it to what relies on it",
            "exchange-3.xml:53: not mapped: element `Sales` (BusinessActor) not mapped: the model has no BusinessActor",
            "exchange-3.xml: stub: 6 systems without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "exchange-3.xml:63: not mapped: documentation of the Serving relationship from `Order Handling Service (ApplicationService)` to `Web Shop (ApplicationComponent)` not mapped: dependencies have no description",
            "exchange-3.xml:68: not mapped: Triggering relationship from `Handle Order (BusinessProcess)` to `Plan Production (BusinessProcess)` not mapped: the model has no Triggering relations",
            "exchange-3.xml:69: not mapped: Assignment relationship from `Sales (BusinessActor)` to `Handle Order (BusinessProcess)` not mapped: `Sales (BusinessActor)` is not mapped",
            "exchange-3.xml:70: not mapped: Association relationship from `EAI Bus (ApplicationComponent)` to `EAI Bus (ApplicationComponent)` not mapped: an association does not say which side relies on the other",
            "exchange-3.xml: assumed: [organisation] written with name `Steelworks`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 7,
            vendors: 2,
            dependencies: 4,
            services: 2,
            needs: 1
        }
    );
    // The ERP realises the order service, which the stock query service
    // (realised by planning) serves: the ERP relies on planning; the web
    // shop on the ERP. The business service reaches the ERP through the
    // process it is realised by.
    assert_eq!(
        dependencies_of(&m, "erp-system"),
        ["database-service", "planning-system"]
    );
    assert_eq!(dependencies_of(&m, "web-shop"), ["erp-system"]);
    // `Lifecycle` is a status in the spreadsheet vocabulary.
    assert_eq!(
        m.system(m.system_id("erp-system").unwrap())
            .status
            .to_string(),
        "in-use"
    );
    assert!(dependencies_of(&m, "planning-system").is_empty());
    assert_eq!(dependencies_of(&m, "database-service"), ["db-server"]);
    assert_eq!(needs_of(&m, "order-service"), ["erp-system"]);
    assert!(needs_of(&m, "delivery-service").is_empty());
}

#[test]
fn exchange_2_1_file() {
    let i = archimate("exchange-2.1.xml");
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "exchange-2.1.xml: info: read as the ArchiMate exchange format 2.1, UTF-8 as declared",
            "exchange-2.1.xml:37: not mapped: 1 view(s) not mapped (diagram layout): `Übersicht`",
            "exchange-2.1.xml:8: stub: vendor `Wilken` is not in the vendor list: created stub `wilken` with placeholder country US; complete its country and parent",
            "exchange-2.1.xml:21: not mapped: element `j1` (Junction) not mapped itself; relationships through it link the systems behind it to what relies on it",
            "exchange-2.1.xml: stub: 3 systems without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "exchange-2.1.xml: assumed: [organisation] written with name `Stadtwerke`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 4,
            vendors: 2,
            dependencies: 3,
            services: 1,
            needs: 1
        }
    );
    // Both nodes realise the database service through a junction.
    assert_eq!(
        dependencies_of(&m, "datenbankdienst"),
        ["db-knoten-a", "db-knoten-b"]
    );
    assert_eq!(dependencies_of(&m, "abrechnung"), ["datenbankdienst"]);
    assert_eq!(needs_of(&m, "jahresabrechnung"), ["abrechnung"]);
}

#[test]
fn windows_1252_exchange_file() {
    let i = archimate("sparx-1252.xml");
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "sparx-1252.xml: info: read as the ArchiMate exchange format 3.x, windows-1252 as declared",
            "sparx-1252.xml:9: stub: vendor `Müller & Söhne GmbH` is not in the vendor list: created stub `mueller-soehne-gmbh` with placeholder country US; complete its country and parent",
            "sparx-1252.xml: stub: 1 system without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "sparx-1252.xml: assumed: [organisation] written with name `Straßenverkehrsamt`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 2,
            vendors: 2,
            dependencies: 1,
            services: 1,
            needs: 1
        }
    );
    assert_eq!(m.organisation.name, "Straßenverkehrsamt");
    let k = m.system(m.system_id("gebuehrenkasse").unwrap());
    assert_eq!(k.name, "Gebührenkasse");
    assert_eq!(
        k.description.as_deref(),
        Some("Zahlungen für Bescheide, Größe: 2 Arbeitsplätze")
    );
    assert_eq!(
        dependencies_of(&m, "fuehrerscheinverfahren"),
        ["gebuehrenkasse"]
    );
}

fn exe() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("exitgraph").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// The command line: an Archi file imports and the result validates; an
/// XML file in an unknown namespace exits 2 with a message, writing nothing.
#[test]
fn archimate_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("kreis.toml");
    let o = exe()
        .args(["import", "archimate"])
        .arg(fixture("kreis.archimate"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("7 systems, 5 vendors, 0 formats, 0 contracts, 2 services"),
        "{stdout}"
    );
    exe().arg("check").arg(&out).assert().code(0);

    let other = dir.path().join("other.xml");
    std::fs::write(
        &other,
        r#"<?xml version="1.0"?><model xmlns="http://example.org/not-archimate"><elements/></model>"#,
    )
    .unwrap();
    let out2 = dir.path().join("other.toml");
    let o = exe()
        .args(["import", "archimate"])
        .arg(&other)
        .arg("-o")
        .arg(&out2)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("not an ArchiMate file exitgraph reads: the root element is `model` in the namespace `http://example.org/not-archimate`"),
        "{err}"
    );
    assert!(!out2.exists());
}

fn csv(name: &str, opts: &CsvOptions) -> Imported {
    let bytes = std::fs::read(fixture(name)).unwrap();
    csv_import::import(
        CsvInput {
            name,
            bytes: &bytes,
        },
        None,
        None,
        opts,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn status_of(m: &Model, id: &str) -> String {
    m.system(m.system_id(id).unwrap()).status.to_string()
}

#[test]
fn i_doit_style_german_export() {
    let i = csv("idoit-anwendungen.csv", &CsvOptions::default());
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "idoit-anwendungen.csv: info: read as Windows-1252, separator `;`",
            "idoit-anwendungen.csv:1: assumed: column 4 `Anwendung - Hersteller` read as `vendor` (the header after the prefix `Anwendung`)",
            "idoit-anwendungen.csv:1: not mapped: column 5 `Anwendung - Version` is not a known column; its 3 value(s) were not imported (--map FIELD=\"Anwendung - Version\" reads it)",
            "idoit-anwendungen.csv:1: assumed: column 6 `Anwendung - Lizenzart` read as `licence` (the header after the prefix `Anwendung`)",
            "idoit-anwendungen.csv:1: assumed: column 7 `Allgemein - Beschreibung` read as `description` (the header after the prefix `Allgemein`)",
            "idoit-anwendungen.csv:1: not mapped: column 10 `Inventarnummer` is not a known column; its 7 value(s) were not imported (--map FIELD=\"Inventarnummer\" reads it)",
            "idoit-anwendungen.csv:2: stub: vendor `AKDB` is not in the vendor list: created stub `akdb` with placeholder country US; complete its country and parent",
            "idoit-anwendungen.csv:3: stub: vendor `Microsoft` is not in the vendor list: created stub `microsoft` with placeholder country US; complete its country and parent",
            "idoit-anwendungen.csv:5: stub: vendor `Ferrari electronic` is not in the vendor list: created stub `ferrari-electronic` with placeholder country US; complete its country and parent",
            "idoit-anwendungen.csv:7: stub: vendor `Somacos` is not in the vendor list: created stub `somacos` with placeholder country US; complete its country and parent",
            "idoit-anwendungen.csv:8: stub: vendor `Slack` is not in the vendor list: created stub `slack` with placeholder country US; complete its country and parent",
            "idoit-anwendungen.csv:5: not mapped: value `Rechenzentrum Nord` of column `Standort` not understood (a country code or name, or EU); left out in 2 rows",
            "idoit-anwendungen.csv:6: not mapped: value `defekt` of column `CMDB-Status` not understood (in Betrieb/in use, geplant/planned, in Prüfung/under review, abgeschaltet/retired, abgelehnt/denied); left out",
            "idoit-anwendungen.csv: assumed: no id column: the ids of 7 rows were made from the names (lower case, `ä` as `ae`, other characters as `-`)",
            "idoit-anwendungen.csv: stub: 2 systems without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "idoit-anwendungen.csv: assumed: [organisation] written with name `Imported landscape`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 7,
            vendors: 6,
            dependencies: 0,
            services: 0,
            needs: 0
        }
    );
    // Read after the prefix `Anwendung - `: the vendor, the licence.
    let ewo = m.system(m.system_id("ok-ewo").unwrap());
    assert_eq!(m.party_id(ewo.vendor), "akdb");
    assert_eq!(ewo.category, "specialist-application");
    assert_eq!(ewo.description.as_deref(), Some("Einwohnerwesen"));
    assert_eq!(status_of(&m, "libreoffice"), "candidate"); // in Prüfung
    assert_eq!(status_of(&m, "faxserver"), "retired"); // außer Betrieb
    assert_eq!(status_of(&m, "ratsinformationssystem"), "candidate"); // geplant
    assert_eq!(status_of(&m, "chat-tool"), "retired"); // abgelehnt
    assert_eq!(status_of(&m, "zeiterfassung"), "in-use"); // defekt: not understood, default
    let lo = m.system(m.system_id("libreoffice").unwrap());
    assert_eq!(m.party_id(lo.vendor), "unknown-vendor");
    assert_eq!(lo.licence.to_string(), "open-source");
}

#[test]
fn english_portfolio_export() {
    let i = csv("portfolio-en.csv", &CsvOptions::default());
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "portfolio-en.csv: info: read as UTF-8, separator `,`",
            "portfolio-en.csv:1: not mapped: column 4 `Business_Owner` is not a known column; its 9 value(s) were not imported (--map FIELD=\"Business_Owner\" reads it)",
            "portfolio-en.csv:1: not mapped: column 10 `Annual_Cost` is not a known column; its 9 value(s) were not imported (--map FIELD=\"Annual_Cost\" reads it)",
            "portfolio-en.csv:2: stub: vendor `Salesforce` is not in the vendor list: created stub `salesforce` with placeholder country US; complete its country and parent",
            "portfolio-en.csv:3: stub: vendor `SAP SE` is not in the vendor list: created stub `sap-se` with placeholder country US; complete its country and parent",
            "portfolio-en.csv:4: stub: vendor `Workday` is not in the vendor list: created stub `workday` with placeholder country US; complete its country and parent",
            "portfolio-en.csv:6: stub: vendor `Miro` is not in the vendor list: created stub `miro` with placeholder country US; complete its country and parent",
            "portfolio-en.csv:7: stub: vendor `Atlassian` is not in the vendor list: created stub `atlassian` with placeholder country US; complete its country and parent",
            "portfolio-en.csv:10: stub: vendor `Zoom` is not in the vendor list: created stub `zoom` with placeholder country US; complete its country and parent",
            "portfolio-en.csv:7: not mapped: value `Hybrid` of column `Deployment Type` not understood (SaaS/cloud/hosted: run by the vendor; on-premise/intern: run in-house); left out in 2 rows",
            "portfolio-en.csv:10: not mapped: value `n/a` of column `Active_Users` not understood (a whole number); left out",
            "portfolio-en.csv:2: assumed: id `APP-001` is not a valid id (lower-case a-z, 0-9, -): written as `app-001` (and 8 more rows like it)",
            "portfolio-en.csv: stub: 1 system without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "portfolio-en.csv: assumed: [organisation] written with name `Imported landscape`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 9,
            vendors: 7,
            dependencies: 0,
            services: 0,
            needs: 0
        }
    );
    assert_eq!(status_of(&m, "app-002"), "in-use"); // Phase-Out: still running
    assert_eq!(status_of(&m, "app-003"), "candidate"); // Planned
    assert_eq!(status_of(&m, "app-005"), "candidate"); // Under Review
    assert_eq!(status_of(&m, "app-008"), "in-use"); // Sunset
    assert_eq!(status_of(&m, "app-009"), "candidate"); // Pilot
    // SaaS: run by the vendor; On-Premise: in-house; Hybrid: the default.
    let op = |id: &str| {
        m.party_id(m.system(m.system_id(id).unwrap()).operator)
            .to_string()
    };
    assert_eq!(op("app-001"), "salesforce");
    assert_eq!(op("app-002"), "self");
    assert_eq!(op("app-006"), "self");
    let erp = m.system(m.system_id("app-002").unwrap());
    assert_eq!(erp.users, 1250);
    assert_eq!(erp.criticality.as_str(), "critical"); // Mission Critical
}

#[test]
fn list_of_it_standards() {
    let i = csv("it-standards.csv", &CsvOptions::default());
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "it-standards.csv: info: read as UTF-8, separator `,`",
            "it-standards.csv:1: not mapped: column 6 `Decision Date` is not a known column; its 8 value(s) were not imported (--map FIELD=\"Decision Date\" reads it)",
            "it-standards.csv:2: stub: vendor `Adobe` is not in the vendor list: created stub `adobe` with placeholder country US; complete its country and parent",
            "it-standards.csv:3: stub: vendor `Salesforce` is not in the vendor list: created stub `salesforce` with placeholder country US; complete its country and parent",
            "it-standards.csv:4: stub: vendor `Dropbox` is not in the vendor list: created stub `dropbox` with placeholder country US; complete its country and parent",
            "it-standards.csv:5: stub: vendor `Zoom` is not in the vendor list: created stub `zoom` with placeholder country US; complete its country and parent",
            "it-standards.csv:6: stub: vendor `Cisco` is not in the vendor list: created stub `cisco` with placeholder country US; complete its country and parent",
            "it-standards.csv:7: stub: vendor `Microsoft` is not in the vendor list: created stub `microsoft` with placeholder country US; complete its country and parent",
            "it-standards.csv:8: stub: vendor `The Document Foundation` is not in the vendor list: created stub `the-document-foundation` with placeholder country US; complete its country and parent",
            "it-standards.csv:5: not mapped: value `Approved w/Exception` of column `Status` not understood (in Betrieb/in use, geplant/planned, in Prüfung/under review, abgeschaltet/retired, abgelehnt/denied); left out in 3 rows",
            "it-standards.csv: assumed: no id column: the ids of 8 rows were made from the names (lower case, `ä` as `ae`, other characters as `-`)",
            "it-standards.csv: stub: 1 system without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "it-standards.csv: assumed: [organisation] written with name `Imported landscape`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 8,
            vendors: 8,
            dependencies: 0,
            services: 0,
            needs: 0
        }
    );
    // Denied products are not in use; the unknown status leaves the default.
    assert_eq!(status_of(&m, "slack"), "retired");
    assert_eq!(status_of(&m, "dropbox"), "retired");
    assert_eq!(status_of(&m, "zoom"), "in-use");
    assert_eq!(status_of(&m, "notepad"), "candidate");
    let unknown = m.vendor(m.vendor_id("unknown-vendor").unwrap());
    assert!(unknown.placeholder);
}

#[test]
fn dutch_municipal_export() {
    let i = csv("gemeente-applicaties.csv", &CsvOptions::default());
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "gemeente-applicaties.csv: info: read as UTF-8 with byte-order mark, separator `;`",
            "gemeente-applicaties.csv:1: not mapped: column 7 `koppelingen` is not a known column; its 1 value(s) were not imported (--map FIELD=\"koppelingen\" reads it)",
            "gemeente-applicaties.csv:2: stub: vendor `Centric` is not in the vendor list: created stub `centric` with placeholder country US; complete its country and parent",
            "gemeente-applicaties.csv:3: stub: vendor `Exxellence` is not in the vendor list: created stub `exxellence` with placeholder country US; complete its country and parent",
            "gemeente-applicaties.csv:4: stub: vendor `Microsoft` is not in the vendor list: created stub `microsoft` with placeholder country US; complete its country and parent",
            "gemeente-applicaties.csv:5: stub: vendor `PinkRoccade` is not in the vendor list: created stub `pinkroccade` with placeholder country US; complete its country and parent",
            "gemeente-applicaties.csv:6: not mapped: value `onbekend` of column `hostingJurisdictie` not understood (a country code or name, or EU); left out",
            "gemeente-applicaties.csv: assumed: no id column: the ids of 5 rows were made from the names (lower case, `ä` as `ae`, other characters as `-`)",
            "gemeente-applicaties.csv: stub: 1 system without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "gemeente-applicaties.csv: assumed: [organisation] written with name `Imported landscape`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 5,
            vendors: 5,
            dependencies: 0,
            services: 0,
            needs: 0
        }
    );
    let region = |id: &str| m.system(m.system_id(id).unwrap()).region.to_string();
    assert_eq!(region("burgerzaken"), "NL");
    assert_eq!(region("microsoft-365"), "US"); // VS
    assert_eq!(status_of(&m, "oude-archiefviewer"), "retired"); // uitgefaseerd
    assert_eq!(status_of(&m, "nieuwe-website"), "candidate"); // gepland
    assert_eq!(m.system(m.system_id("zaaksysteem").unwrap()).users, 210);
}

#[test]
fn headers_only_a_mapping_file_knows() {
    let text = std::fs::read_to_string(fixture("cmdb-eigen.mapping.toml")).unwrap();
    let opts = CsvOptions {
        mapping: Mapping::parse(&text).unwrap(),
        ..CsvOptions::default()
    };
    let i = csv("cmdb-eigen.csv", &opts);
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "cmdb-eigen.csv: info: read as UTF-8, separator `;`",
            "cmdb-eigen.csv:1: info: column 5 `Interne Nr.` left out, as the column map says (3 values)",
            "cmdb-eigen.csv:2: stub: vendor `Infoma` is not in the vendor list: created stub `infoma` with placeholder country US; complete its country and parent",
            "cmdb-eigen.csv:3: stub: vendor `ESRI` is not in the vendor list: created stub `esri` with placeholder country US; complete its country and parent",
            "cmdb-eigen.csv: assumed: no id column: the ids of 3 rows were made from the names (lower case, `ä` as `ae`, other characters as `-`)",
            "cmdb-eigen.csv: stub: 1 system without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "cmdb-eigen.csv: assumed: [organisation] written with name `Imported landscape`, home DE and trusted [\"EU\"]; adjust them",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 3,
            vendors: 3,
            dependencies: 0,
            services: 0,
            needs: 0
        }
    );
    let crit = |id: &str| m.system(m.system_id(id).unwrap()).criticality.as_str();
    assert_eq!(crit("finanzsoftware-newsystem"), "critical");
    assert_eq!(crit("geoinformationssystem"), "high");
    assert_eq!(status_of(&m, "geoinformationssystem"), "in-use"); // Abkündigung
    assert_eq!(status_of(&m, "bauantragsportal"), "candidate"); // in Vorbereitung
}

fn merge(kind: &str, name: &str) -> Imported {
    let path = fixture("landkreis.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let model = model::load(&path).unwrap();
    let target = merge::Target {
        model: &model,
        name: "landkreis.toml",
        path: &path,
        text: &text,
    };
    let bytes = std::fs::read(fixture(name)).unwrap();
    let input = CsvInput {
        name,
        bytes: &bytes,
    };
    let r = match kind {
        "services" => merge::services(input, &target, &CsvOptions::default(), &Limits::default()),
        _ => merge::interfaces(input, &target, &CsvOptions::default(), &Limits::default()),
    };
    r.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn business_impact_analysis_merged_into_a_model() {
    let i = merge("services", "bia-leistungen.csv");
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "bia-leistungen.csv: info: read as Windows-1252, separator `;`",
            "bia-leistungen.csv:1: not mapped: column 6 `Verantwortlich` is not a known column; its 5 value(s) were not imported (--map FIELD=\"Verantwortlich\" reads it)",
            "bia-leistungen.csv:2: merged: service `ummeldung`: `max_outage = \"2d\"` added",
            "bia-leistungen.csv:2: merged: service `ummeldung`: `users = 60000` added",
            "bia-leistungen.csv:2: conflict: service `ummeldung`: the model has `needs = [\"ok-ewo\"]`, the spreadsheet `[\"ok-ewo\", \"m365\"]`; the model's value was kept",
            "bia-leistungen.csv:3: conflict: service `hundesteuer`: the model has `criticality = \"low\"`, the spreadsheet `\"high\"`; the model's value was kept",
            "bia-leistungen.csv:3: conflict: service `hundesteuer`: the model has `max_outage = \"2w\"`, the spreadsheet `\"1w\"`; the model's value was kept",
            "bia-leistungen.csv:3: merged: service `hundesteuer`: `users = 4500` added",
            "bia-leistungen.csv:4: not mapped: `i-Kfz` in column `IT-Systeme` matches no system of the model; left out",
            "bia-leistungen.csv:6: not mapped: value `sofort` of column `MTA` not understood (a duration such as `4 Stunden`, `2 Tage`, `1 Woche`, `3d`); left out",
            "bia-leistungen.csv: assumed: the ids of 3 new services were made from their names",
        ],
    );
    assert_eq!(
        counts(&m),
        Counts {
            systems: 3,
            vendors: 2,
            dependencies: 0,
            services: 5,
            needs: 5
        }
    );
    assert_eq!(
        i.merged,
        Some(merge::Merged {
            added: 3,
            completed: 2,
            unchanged: 0,
            conflicts: 3
        })
    );
    // Completed in place: the model's own lines and comments are kept.
    let original = std::fs::read_to_string(fixture("landkreis.toml")).unwrap();
    let mut merged_lines = i.toml.lines();
    for o in original.lines() {
        assert!(
            merged_lines.any(|l| l == o),
            "line `{o}` of the model is not kept in order"
        );
    }
    let um = m.service(m.service_id("ummeldung").unwrap());
    assert_eq!(um.max_outage.map(|d| d.to_string()).as_deref(), Some("2d"));
    assert_eq!(um.users, 60000);
    assert_eq!(needs_of(&m, "ummeldung"), ["ok-ewo"]); // conflict: the model's kept
    let hs = m.service(m.service_id("hundesteuer").unwrap());
    assert_eq!(hs.criticality.as_str(), "low"); // conflict: the model's kept
    let kfz = m.service(m.service_id("kfz-zulassung").unwrap());
    assert_eq!(kfz.max_outage.map(|d| d.to_string()).as_deref(), Some("4h"));
    assert_eq!(kfz.criticality.as_str(), "critical"); // Schutzbedarf sehr hoch
    assert_eq!(needs_of(&m, "kfz-zulassung"), ["ok-ewo"]);
}

#[test]
fn interfaces_merged_into_a_model() {
    let i = merge("interfaces", "schnittstellen.csv");
    let m = load(&i);
    same_report(
        &report(&i),
        &[
            "schnittstellen.csv: info: read as UTF-8, separator `;`",
            "schnittstellen.csv:3: merged: interface `ewo-mail`: `name = \"Mailversand\"` added",
            "schnittstellen.csv:3: merged: interface `ewo-mail`: `open = true` added",
            "schnittstellen.csv:3: merged: interface `ewo-mail`: `hard = false` added",
            "schnittstellen.csv:5: skipped: interface row skipped: `Großrechner` in column `Ziel` matches no system of the model",
            "schnittstellen.csv: assumed: the ids of 2 new interfaces were made from their names (or from `from` and `to`)",
        ],
    );
    assert_eq!(
        (m.interfaces.len(), m.formats.len()),
        (3, 2),
        "two interfaces added, the known format ooxml with them"
    );
    assert_eq!(
        i.merged,
        Some(merge::Merged {
            added: 2,
            completed: 1,
            unchanged: 0,
            conflicts: 0
        })
    );
    let it = m.interface(m.interface_id("meldedaten-an-kasse").unwrap());
    assert_eq!(m.system(it.from).id, "ok-ewo");
    assert_eq!(m.system(it.to).id, "kasse");
    assert_eq!(m.format(it.format.unwrap()).id, "xoev");
    assert!(it.open && it.hard);
    let mail = m.interface(m.interface_id("ewo-mail").unwrap());
    assert!(mail.open && !mail.hard);
    assert_eq!(mail.name.as_deref(), Some("Mailversand"));
}

fn run(args: &[&str], dir: &Path) -> (i32, String, String) {
    let o = exe().current_dir(dir).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).to_string(),
        String::from_utf8_lossy(&o.stderr).to_string(),
    )
}

/// `--map` reads headers the vocabulary does not know; a mistake in it is
/// a usage error naming the headers or the fields.
#[test]
fn column_maps_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("cmdb-eigen.csv"), dir.path().join("cmdb.csv")).unwrap();
    // Without a map the file has no name column.
    let (code, _, err) = run(&["import", "csv", "cmdb.csv"], dir.path());
    assert_eq!(code, 2);
    assert!(
        err.contains("no `name` or `id` column among the headers `Produktbezeichnung (lang)`, `Lieferfirma`, `Betriebszustand`, `Wichtigkeit`, `Interne Nr.`; name it with --map name=\"HEADER\""),
        "{err}"
    );
    let (code, out, err) = run(
        &[
            "import",
            "csv",
            "cmdb.csv",
            "--map",
            "name=Produktbezeichnung (lang)",
            "--map",
            "vendor=\"lieferfirma\"",
            "--map",
            "ignore=Interne Nr.",
            "-o",
            "m.toml",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wrote m.toml: 3 systems, 3 vendors"), "{out}");
    assert!(
        err.contains(
            "cmdb.csv:1: info: column 5 `Interne Nr.` left out, as the column map says (3 values)"
        ),
        "{err}"
    );
    assert!(
        err.contains("column 3 `Betriebszustand` is not a known column"),
        "{err}"
    );
    let (code, _, _) = run(&["check", "m.toml"], dir.path());
    assert_eq!(code, 0);

    let (code, _, err) = run(
        &["import", "csv", "cmdb.csv", "--map", "name=Produktname"],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("--map name=\"Produktname\": no column has this header; the headers are `Produktbezeichnung (lang)`"),
        "{err}"
    );
    let (code, _, err) = run(
        &["import", "csv", "cmdb.csv", "--map", "vendr=Lieferfirma"],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("`vendr` is not a column of a systems file; did you mean `vendor`?"),
        "{err}"
    );
}

/// A mapping file is read with located errors; `--dry-run` shows the
/// columns and the report and writes nothing.
#[test]
fn mapping_files_and_dry_runs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("cmdb-eigen.csv"), dir.path().join("cmdb.csv")).unwrap();
    std::fs::copy(
        fixture("cmdb-eigen.mapping.toml"),
        dir.path().join("map.toml"),
    )
    .unwrap();
    let (code, out, err) = run(
        &[
            "import",
            "csv",
            "cmdb.csv",
            "--mapping",
            "map.toml",
            "--dry-run",
            "-o",
            "m.toml",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        !dir.path().join("m.toml").exists(),
        "a dry run writes nothing"
    );
    assert_eq!(
        out,
        "dry run: nothing written

cmdb.csv: UTF-8, separator `;`, 3 rows
  col  header                     field           how
    1  Produktbezeichnung (lang)  name            mapping file
    2  Lieferfirma                vendor          mapping file
    3  Betriebszustand            status          mapping file
    4  Wichtigkeit                criticality     mapping file
    5  Interne Nr.                -               left out by the map (3 values)

the model would have 3 systems, 3 vendors, 0 formats, 0 contracts, 0 services
"
    );
    assert!(
        err.starts_with("import report: 3 stub, 2 assumed\n"),
        "{err}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 80));

    std::fs::write(
        dir.path().join("bad.toml"),
        "[systems]\nname = \"A\"\nvendr = \"B\"\n",
    )
    .unwrap();
    let (code, _, err) = run(
        &["import", "csv", "cmdb.csv", "--mapping", "bad.toml"],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "error: bad.toml:3:1: `vendr` is not a column of a systems file; did you mean `vendor`?"
        ),
        "{err}"
    );
}

/// Services and interfaces merge into an existing model: the result
/// validates, the model itself is not changed, and the options that make
/// no sense together are refused.
#[test]
fn merging_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["landkreis.toml", "bia-leistungen.csv", "schnittstellen.csv"] {
        std::fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let before = std::fs::read(dir.path().join("landkreis.toml")).unwrap();
    let (code, out, err) = run(
        &[
            "import",
            "csv",
            "--kind",
            "services",
            "bia-leistungen.csv",
            "--into",
            "landkreis.toml",
            "-o",
            "neu.toml",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("wrote neu.toml: 3 systems, 2 vendors, 1 formats, 0 contracts, 5 services, 1 interfaces; from the spreadsheet: 3 added, 2 completed, 0 unchanged, 3 conflicts\n"),
        "{out}"
    );
    assert!(
        err.contains("import report: 3 not mapped, 1 assumed, 3 merged, 3 conflict\n"),
        "{err}"
    );
    let (code, _, _) = run(&["check", "neu.toml"], dir.path());
    assert_eq!(code, 0);
    // Interfaces into the merged model.
    let (code, _, err) = run(
        &[
            "import",
            "csv",
            "--kind",
            "interfaces",
            "schnittstellen.csv",
            "--into",
            "neu.toml",
            "-o",
            "neu2.toml",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&["check", "neu2.toml"], dir.path());
    assert_eq!(code, 0);
    assert!(out.contains("interfaces       3"), "{out}");
    assert_eq!(
        std::fs::read(dir.path().join("landkreis.toml")).unwrap(),
        before
    );

    for (args, want) in [
        (
            vec![
                "import",
                "csv",
                "--kind",
                "services",
                "bia-leistungen.csv",
                "--into",
                "landkreis.toml",
                "-o",
                "landkreis.toml",
                "--force",
            ],
            "is an input file of this command",
        ),
        (
            vec!["import", "csv", "--kind", "services", "bia-leistungen.csv"],
            "services and interfaces are merged into an existing model",
        ),
        (
            vec![
                "import",
                "csv",
                "bia-leistungen.csv",
                "--into",
                "landkreis.toml",
            ],
            "--into merges services and interfaces",
        ),
        (
            vec![
                "import",
                "csv",
                "--kind",
                "services",
                "bia-leistungen.csv",
                "--into",
                "landkreis.toml",
                "-o",
                "neu.toml",
            ],
            "`neu.toml` already exists",
        ),
    ] {
        let (code, _, err) = run(&args, dir.path());
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    assert_eq!(
        std::fs::read(dir.path().join("landkreis.toml")).unwrap(),
        before
    );
}

/// docs/interop.md lists every header of the built-in vocabulary.
#[test]
fn the_documentation_lists_the_vocabulary() {
    use exitgraph::interop::csv_import::columns::{C, Field, If, S, Svc, V};
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/interop.md"))
            .unwrap()
            .to_lowercase();
    fn headers<F: Field>() -> Vec<(&'static str, &'static str)> {
        F::ALL
            .iter()
            .flat_map(|(_, k, hs)| hs.iter().map(move |h| (*k, *h)))
            .collect()
    }
    let all: Vec<(&str, &str)> = [
        headers::<S>(),
        headers::<V>(),
        headers::<C>(),
        headers::<Svc>(),
        headers::<If>(),
    ]
    .concat();
    for (key, h) in all {
        assert!(
            docs.contains(&format!("`{key}`")) && docs.contains(&h.to_lowercase()),
            "docs/interop.md does not list the header `{h}` of `{key}`"
        );
    }
}
