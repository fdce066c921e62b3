//! The import corpus: small files written for these tests in the shapes
//! the importers meet in practice (Archi's own format, the exchange format
//! 3.x and 2.1, a windows-1252 export, spreadsheets with German, English
//! and Dutch headers). Each test asserts the counts of what was imported
//! and every line of the import report, so that a change to the mapping
//! shows up as a reviewed diff of these expectations.

use exitgraph::interop::Imported;
use exitgraph::interop::archimate::{self, ArchimateOptions};
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
            "exchange-3.xml:11: not mapped: property `Lifecycle` = `Production` of `ERP System` not mapped: not a system key",
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
