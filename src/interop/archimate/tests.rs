//! Tests of the ArchiMate import on small hand-written files.

use super::*;

const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">
  <name xml:lang="de">Stadt &amp; Land</name>
  <elements>
<element identifier="a" xsi:type="ApplicationComponent">
  <name>Fachverfahren &lt;Meldewesen&gt;</name>
  <properties>
    <property propertyDefinitionRef="p1"><value>HSH</value></property>
    <property propertyDefinitionRef="p2"><value>kritisch</value></property>
    <property propertyDefinitionRef="p3"><value>blau</value></property>
  </properties>
</element>
<element identifier="n" xsi:type="Node"><name>Server</name></element>
<element identifier="as" xsi:type="ApplicationService"><name>Melde-API</name></element>
<element identifier="bs" xsi:type="BusinessService"><name>Ummeldung</name></element>
<element identifier="k" xsi:type="Contract"><name>Pflegevertrag</name>
  <properties>
    <property propertyDefinitionRef="p1"><value>HSH</value></property>
    <property propertyDefinitionRef="p4"><value>31.12.2027</value></property>
    <property propertyDefinitionRef="p5"><value>6 Monate</value></property>
  </properties>
</element>
<element identifier="r" xsi:type="BusinessRole"><name>Sachbearbeitung</name></element>
  </elements>
  <relationships>
<relationship identifier="r1" source="n" target="a" xsi:type="Serving"/>
<relationship identifier="r2" source="a" target="as" xsi:type="Realization"/>
<relationship identifier="r3" source="as" target="bs" xsi:type="Serving"/>
<relationship identifier="r4" source="k" target="a" xsi:type="Association"/>
<relationship identifier="r5" source="r" target="bs" xsi:type="Assignment"/>
  </relationships>
  <propertyDefinitions>
<propertyDefinition identifier="p1" type="string"><name>Hersteller</name></propertyDefinition>
<propertyDefinition identifier="p2" type="string"><name>criticality</name></propertyDefinition>
<propertyDefinition identifier="p3" type="string"><name>Farbe</name></propertyDefinition>
<propertyDefinition identifier="p4" type="string"><name>end</name></propertyDefinition>
<propertyDefinition identifier="p5" type="string"><name>Kündigungsfrist</name></propertyDefinition>
  </propertyDefinitions>
</model>
"#;

fn run(xml: &str) -> Imported {
    import("t.xml", xml.as_bytes(), &ArchimateOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn maps_elements_relations_and_properties() {
    let i = run(SMALL);
    let m = crate::model::load_str("t", std::path::Path::new("t"), &i.toml, &Default::default())
        .unwrap();
    assert_eq!(m.organisation.name, "Stadt & Land");
    let a = m.system(m.system_id("fachverfahren-meldewesen").unwrap());
    assert_eq!(a.name, "Fachverfahren <Meldewesen>");
    assert_eq!(a.criticality, crate::model::Criticality::Critical);
    assert_eq!(m.party_id(a.vendor), "hsh");
    // Serving Node -> component: the component depends on the node.
    assert_eq!(a.depends_on.len(), 1);
    // Component realises an application service that serves the business service.
    let s = m.service(m.service_id("ummeldung").unwrap());
    assert_eq!(s.needs.len(), 1);
    let c = m.contract(m.contract_id("pflegevertrag").unwrap());
    assert_eq!(c.notice.to_string(), "6mo");
    assert_eq!(c.covers.len(), 1);
    let nm: Vec<String> = i
        .report
        .of(NoteKind::NotMapped)
        .map(|n| n.to_string())
        .collect();
    assert!(nm.contains(&"t.xml:10: not mapped: property `Farbe` = `blau` of `Fachverfahren <Meldewesen>` not mapped: not a system key".to_string()), "{nm:#?}");
    assert!(nm.contains(&"t.xml:23: not mapped: element `Sachbearbeitung` (BusinessRole) not mapped: the model has no BusinessRole".to_string()), "{nm:#?}");
    assert!(
        nm.iter().any(|n| n.starts_with(
            "t.xml:30: not mapped: Assignment relationship from `Sachbearbeitung (BusinessRole)`"
        )),
        "{nm:#?}"
    );
    // One stub for HSH, reported once; the node without a vendor gets the placeholder.
    let stubs: Vec<String> = i.report.of(NoteKind::Stub).map(|n| n.to_string()).collect();
    assert_eq!(stubs.len(), 2, "{stubs:#?}");
    assert_eq!(
        stubs[1],
        "t.xml: stub: 1 system without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors"
    );
    let n = m.system(m.system_id("server").unwrap());
    assert_eq!(m.party_id(n.vendor), "unknown-vendor");
    assert!(m.vendor(m.vendor_id("unknown-vendor").unwrap()).placeholder);
}

/// What the importer does not carry over is reported: unknown elements,
/// names in further languages, names and documentation of relationships.
#[test]
fn nothing_is_dropped_silently() {
    let xml = r#"<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" identifier="m"><name>M</name><foo/>
<elements>
<element identifier="a" type="ApplicationComponent"><name>A</name><name xml:lang="de">A-de</name><bar/></element>
<element identifier="n" type="Node"><name>N</name></element>
</elements>
<relationships>
<relationship identifier="r" source="n" target="a" type="Serving"><name>link</name><documentation>why</documentation></relationship>
</relationships>
</model>"#;
    let nm: Vec<String> = run(xml)
        .report
        .of(NoteKind::NotMapped)
        .map(|n| n.to_string())
        .collect();
    for want in [
        "`foo` of the model not mapped",
        "name `A-de` (de) of `A` not mapped",
        "`bar` of `A` not mapped",
        "name `link` of the Serving relationship",
        "documentation of the Serving relationship",
    ] {
        assert!(nm.iter().any(|n| n.contains(want)), "{want}: {nm:#?}");
    }
}

/// Elements nested deeper than any exchange file needs are refused with
/// a message (dropping such a tree would overflow the stack).
#[test]
fn deep_nesting_is_refused() {
    let depth = 200_000;
    let xml = format!(
        "<model>{}{}</model>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    match import("t.xml", xml.as_bytes(), &ArchimateOptions::default()) {
        Err(ImportError::Unreadable { message, .. }) => {
            assert!(message.contains("nested more than 1000 deep"), "{message}");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The 2.1 exchange format: `label`, `propertydefs`, `UsedByRelationship`.
#[test]
fn reads_the_older_2_1_format() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">
  <elements>
<element identifier="c" xsi:type="ApplicationComponent"><label xml:lang="en">CRM package</label>
  <properties><property identifierref="p1"><value>niedrig</value></property></properties>
</element>
<element identifier="n" xsi:type="InfrastructureService"><label>DB service</label></element>
  </elements>
  <relationships>
<relationship identifier="r" source="n" target="c" xsi:type="UsedByRelationship" />
  </relationships>
  <propertydefs><propertydef identifier="p1" name="Kritikalität" type="string" /></propertydefs>
  <views><view identifier="v"><label>Default View</label></view></views>
</model>"#;
    let i = run(xml);
    let m = crate::model::load_str("t", std::path::Path::new("t"), &i.toml, &Default::default())
        .unwrap();
    let c = m.system(m.system_id("crm-package").unwrap());
    assert_eq!(c.criticality, crate::model::Criticality::Low);
    assert_eq!(c.depends_on.len(), 1);
    assert_eq!(
        m.system(m.system_id("db-service").unwrap()).layer,
        Layer::Infrastructure
    );
    let nm: Vec<String> = i
        .report
        .of(NoteKind::NotMapped)
        .map(|n| n.to_string())
        .collect();
    assert_eq!(
        nm,
        vec![
            "t.xml:13: not mapped: 1 view(s) not mapped (diagram layout): `Default View`"
                .to_string()
        ]
    );
}

#[test]
fn bad_xml_is_an_error_with_a_line() {
    let e = import(
        "b.xml",
        b"<model>\n<elements>\n</model>",
        &ArchimateOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("line 3"), "{e}");
    let e = import("b.xml", b"<foo/>", &ArchimateOptions::default()).unwrap_err();
    assert!(e.to_string().contains("root element is `foo`"), "{e}");
}

/// An exchange 3.x file around the given elements and relationships.
fn x3(elements: &str, relationships: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">
<name>M</name>
<elements>
{elements}
</elements>
<relationships>
{relationships}
</relationships>
</model>
"#
    )
}

fn el(id: &str, ty: &str, name: &str) -> String {
    format!(r#"<element identifier="{id}" xsi:type="{ty}"><name>{name}</name></element>"#)
}

fn rel(id: &str, ty: &str, s: &str, t: &str) -> String {
    format!(r#"<relationship identifier="{id}" xsi:type="{ty}" source="{s}" target="{t}"/>"#)
}

fn model_of(i: &Imported) -> crate::model::Model {
    crate::model::load_str("t", std::path::Path::new("t"), &i.toml, &Default::default())
        .unwrap_or_else(|f| panic!("{}\n{:#?}", i.toml, f.diagnostics))
}

fn deps(m: &crate::model::Model, id: &str) -> Vec<String> {
    m.system(m.system_id(id).unwrap())
        .depends_on
        .iter()
        .flat_map(|d| d.members())
        .map(|s| m.system(*s).id.clone())
        .collect()
}

fn needs(m: &crate::model::Model, id: &str) -> Vec<String> {
    m.service(m.service_id(id).unwrap())
        .needs
        .iter()
        .flat_map(|d| d.members())
        .map(|s| m.system(*s).id.clone())
        .collect()
}

fn lines(i: &Imported, k: NoteKind) -> Vec<String> {
    i.report.of(k).map(|n| n.to_string()).collect()
}

/// Application component -> application service -> business process ->
/// business service, also through an application function: the service
/// needs both components; a process no system supports leads nowhere and
/// its relationship is reported.
#[test]
fn business_services_need_the_systems_behind_their_processes() {
    let xml = x3(
        &[
            el("c1", "ApplicationComponent", "Meldewesen"),
            el("c2", "ApplicationComponent", "Kasse"),
            el("as1", "ApplicationService", "Meldeauskunft"),
            el("f2", "ApplicationFunction", "Buchen"),
            el("as2", "ApplicationService", "Zahlung"),
            el("bp", "BusinessProcess", "Ummelden"),
            el("bp2", "BusinessProcess", "Beraten"),
            el("bs", "BusinessService", "Ummeldung"),
            el("bs2", "BusinessService", "Beratung"),
        ]
        .join("\n"),
        &[
            rel("r1", "Realization", "c1", "as1"),
            rel("r2", "Serving", "as1", "bp"),
            rel("r3", "Realization", "bp", "bs"),
            rel("r4", "Assignment", "c2", "f2"),
            rel("r5", "Realization", "f2", "as2"),
            rel("r6", "Serving", "as2", "bp"),
            rel("r7", "Realization", "bp2", "bs2"),
        ]
        .join("\n"),
    );
    let i = run(&xml);
    let m = model_of(&i);
    assert_eq!(needs(&m, "ummeldung"), ["meldewesen", "kasse"]);
    assert!(needs(&m, "beratung").is_empty());
    let nm = lines(&i, NoteKind::NotMapped);
    let rels: Vec<&String> = nm
        .iter()
        .filter(|n| n.contains(" relationship from "))
        .collect();
    assert_eq!(
        rels,
        [
            "t.xml:22: not mapped: Realization relationship from `Beraten (BusinessProcess)` to `Beratung (BusinessService)` not mapped: it links no system to a system or service that relies on it"
        ]
    );
}

/// An application service serving another: the system realising the
/// second relies on the system realising the first; two systems realising
/// one service do not rely on each other.
#[test]
fn application_services_serving_application_services_are_dependencies() {
    let xml = x3(
        &[
            el("r1", "ApplicationComponent", "Register"),
            el("r1b", "ApplicationComponent", "Register Standby"),
            el("r2", "ApplicationComponent", "Portal"),
            el("s1", "ApplicationService", "Lookup"),
            el("s2", "ApplicationService", "Self-service"),
        ]
        .join("\n"),
        &[
            rel("a", "Realization", "r1", "s1"),
            rel("b", "Realization", "r1b", "s1"),
            rel("c", "Serving", "s1", "s2"),
            rel("d", "Realization", "r2", "s2"),
        ]
        .join("\n"),
    );
    let m = model_of(&run(&xml));
    assert_eq!(deps(&m, "portal"), ["register", "register-standby"]);
    assert!(deps(&m, "register").is_empty());
    assert!(deps(&m, "register-standby").is_empty());
}

/// Nodes composed of a device and system software rely on them; an
/// application deployed on the node (through an artifact) relies on the
/// node; a component composed of its interface provides it.
#[test]
fn the_technology_stack_holds_together() {
    let xml = x3(
        &[
            el("n", "Node", "Server"),
            el("d", "Device", "Blade"),
            el("os", "SystemSoftware", "Linux"),
            el("art", "Artifact", "app.war"),
            el("app", "ApplicationComponent", "Fachverfahren"),
            el("if", "ApplicationInterface", "REST-API"),
            el("web", "ApplicationComponent", "Portal"),
        ]
        .join("\n"),
        &[
            rel("c1", "Composition", "n", "d"),
            rel("c2", "Aggregation", "n", "os"),
            rel("a1", "Assignment", "n", "art"),
            rel("a2", "Realization", "art", "app"),
            rel("c3", "Composition", "app", "if"),
            rel("s1", "Serving", "if", "web"),
        ]
        .join("\n"),
    );
    let i = run(&xml);
    let m = model_of(&i);
    assert_eq!(deps(&m, "server"), ["blade", "linux"]);
    assert_eq!(deps(&m, "fachverfahren"), ["server"]);
    assert_eq!(deps(&m, "portal"), ["fachverfahren"]);
    assert_eq!(
        m.system(m.system_id("linux").unwrap()).layer,
        Layer::Platform
    );
    assert!(
        !lines(&i, NoteKind::NotMapped)
            .iter()
            .any(|n| n.contains(" relationship ")),
        "{:#?}",
        i.report.notes
    );
}

/// Duplicate names get distinct ids, and the report says so.
#[test]
fn duplicate_names_are_reported() {
    let xml = x3(
        &[
            el("a", "ApplicationComponent", "Bus EAI"),
            el("b", "ApplicationComponent", "Bus EAI"),
        ]
        .join("\n"),
        "",
    );
    let i = run(&xml);
    assert_eq!(
        lines(&i, NoteKind::Assumed)[0],
        "t.xml:6: assumed: id `bus-eai` is taken by an earlier element: `Bus EAI` written as `bus-eai-2`; if both are the same, merge them"
    );
    assert_eq!(model_of(&i).counts().systems, 2);
}

/// The declared encoding is honoured; bytes that do not fit it are an
/// error with the line, never replaced.
#[test]
fn the_declared_encoding_is_honoured() {
    let xml = x3(&el("a", "ApplicationComponent", "Bürgerbüro"), "")
        .replace("encoding=\"UTF-8\"", "encoding=\"windows-1252\"");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&xml);
    assert!(bytes.contains(&0xfc));
    let i = import("t.xml", &bytes, &ArchimateOptions::default()).unwrap();
    assert_eq!(model_of(&i).systems[0].name, "Bürgerbüro");
    assert_eq!(
        lines(&i, NoteKind::Info),
        ["t.xml: info: read as the ArchiMate exchange format 3.x, windows-1252 as declared"]
    );
    // The same bytes declared as UTF-8 (or not declared at all).
    let utf8 = String::from_utf8_lossy(&bytes).replace("windows-1252", "UTF-8");
    let mut bad = utf8.into_bytes();
    let at = bad.iter().position(|&b| b == 0xef).unwrap();
    bad.splice(at..at + 3, [0xfc]);
    let e = import("t.xml", &bad, &ArchimateOptions::default()).unwrap_err();
    assert!(
        e.to_string().starts_with(
            "t.xml: line 5: a byte that is not UTF-8, although the file declares UTF-8"
        ),
        "{e}"
    );
}

/// A relationship whose end is another relationship is reported as such.
#[test]
fn relationships_to_relationships_are_reported_as_such() {
    let xml = x3(
        &[
            el("a", "ApplicationComponent", "A"),
            el("b", "ApplicationComponent", "B"),
            el("g", "Grouping", "Note"),
        ]
        .join("\n"),
        &[
            rel("r1", "Serving", "a", "b"),
            rel("r2", "Association", "g", "r1"),
        ]
        .join("\n"),
    );
    let i = run(&xml);
    assert!(
        lines(&i, NoteKind::NotMapped).contains(&"t.xml:11: not mapped: Association relationship `r2` between `Note (Grouping)` and the Serving relationship `r1` (line 10) not mapped: the model has no relations to relationships".to_string()),
        "{:#?}",
        i.report.notes
    );
    assert_eq!(i.report.of(NoteKind::Skipped).count(), 0);
}

/// Archi's own file: elements and relationships in nested folders,
/// `property key= value=`, documentation, views.
#[test]
fn reads_archi_model_files() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<archimate:model xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:archimate="http://www.archimatetool.com/archimate" name="Kreis" id="m1" version="5.0.0">
  <folder name="Application" id="f1" type="application">
    <folder name="Fachverfahren" id="f2">
      <element xsi:type="archimate:ApplicationComponent" name="Sozialamt-Software" id="a1">
        <documentation>Leistungen nach SGB XII</documentation>
        <property key="Hersteller" value="Muster AG"/>
        <property key="Kritikalität" value="hoch"/>
      </element>
    </folder>
  </folder>
  <folder name="Technology &amp; Physical" id="f3" type="technology">
    <element xsi:type="archimate:Node" name="Server" id="n1"/>
  </folder>
  <folder name="Relations" id="f4" type="relations">
    <element xsi:type="archimate:ServingRelationship" id="r1" source="n1" target="a1"/>
  </folder>
  <folder name="Views" id="f5" type="diagrams">
    <element xsi:type="archimate:ArchimateDiagramModel" name="Default View" id="v1">
      <child xsi:type="archimate:DiagramObject" id="d1" archimateElement="a1"/>
    </element>
  </folder>
  <purpose>Landkreis</purpose>
</archimate:model>
"#;
    let i = run(xml);
    let m = model_of(&i);
    assert_eq!(m.organisation.name, "Kreis");
    let a = m.system(m.system_id("sozialamt-software").unwrap());
    assert_eq!(a.description.as_deref(), Some("Leistungen nach SGB XII"));
    assert_eq!(a.criticality, crate::model::Criticality::High);
    assert_eq!(m.party_id(a.vendor), "muster-ag");
    assert_eq!(deps(&m, "sozialamt-software"), ["server"]);
    let all: Vec<String> = i.report.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        all,
        [
            "t.xml: info: read as an Archi model file (.archimate), UTF-8 as declared",
            "t.xml:2: not mapped: folder structure (5 folders) not mapped",
            "t.xml:19: not mapped: 1 view(s) not mapped (diagram layout): `Default View`",
            "t.xml:7: stub: vendor `Muster AG` is not in the vendor list: created stub `muster-ag` with placeholder country US; complete its country and parent",
            "t.xml: stub: 1 system without a vendor: written with the placeholder vendor `unknown-vendor` (country US assumed); name the real vendors",
            "t.xml: assumed: [organisation] written with name `Kreis`, home DE and trusted [\"EU\"]; adjust them",
        ]
    );
}

/// A file in neither namespace is refused, with what it is and what is read.
#[test]
fn other_xml_is_refused_with_a_message() {
    for (xml, found) in [
        ("<model><elements/></model>", "`model` in no namespace"),
        (
            r#"<xmi:XMI xmlns:xmi="http://www.omg.org/spec/XMI/20131001"/>"#,
            "`XMI` in the namespace `http://www.omg.org/spec/XMI/20131001`",
        ),
    ] {
        let e = import("t.xml", xml.as_bytes(), &ArchimateOptions::default()).unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains(&format!(
                "not an ArchiMate file exitgraph reads: the root element is {found}"
            )),
            "{s}"
        );
        assert!(s.contains("http://www.archimatetool.com/archimate"), "{s}");
    }
    let e = import(
        "t.archimate",
        b"PK\x03\x04rest",
        &ArchimateOptions::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("unzip it"), "{e}");
    // A model with nothing to import is not an empty landscape.
    let e = import(
        "t.xml",
        x3(&el("a", "BusinessActor", "Amt"), "").as_bytes(),
        &ArchimateOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.to_string().ends_with("it holds only 1 BusinessActor"),
        "{e}"
    );
}

#[test]
fn over_long_texts_are_cut_and_reported() {
    let limit = crate::interop::max_string_bytes();
    let long_id = format!("id-{}", "x".repeat(limit));
    let name = "Ä".repeat(limit); // 2 bytes each: twice the limit
    let xml = x3(
        &format!(
            "{}\n{}",
            el(&long_id, "ApplicationComponent", &name),
            el("b", "ApplicationComponent", "B")
        ),
        &rel("r", "Serving", "b", &long_id),
    );
    let i = run(&xml);
    let m = model_of(&i);
    // The element is there under its cut name; the relationship still finds it.
    let a = m
        .system_ids()
        .find(|s| m.system(*s).name == "Ä".repeat(limit / 2))
        .unwrap_or_else(|| panic!("{}", i.toml));
    let a_id = m.system(a).id.clone();
    assert_eq!(deps(&m, &a_id), ["b"]);
    let notes: Vec<String> = i.report.notes.iter().map(|n| n.message.clone()).collect();
    assert!(
        notes.iter().any(|n| n.starts_with(&format!(
            "an element name is {} bytes long, more than a model string may hold: cut to its first {limit} bytes",
            2 * limit
        ))),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("an element identifier is")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("a relationship target is")),
        "{notes:?}"
    );
}
