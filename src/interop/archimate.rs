//! Import of the ArchiMate Model Exchange File Format (The Open Group), as
//! Archi and other tools export it; both the 3.x format (`<name>`,
//! `propertyDefinitions`, `Serving`) and the older 2.1 format (`<label>`,
//! `propertydefs`, `UsedByRelationship`) are read.
//!
//! Mapping (the table in `docs/interop.md` is the reference):
//!
//! - `ApplicationComponent` -> system, layer application;
//!   `SystemSoftware` -> system, layer platform;
//!   `Node`, `Device`, `TechnologyService` -> system, layer infrastructure;
//! - `BusinessService` -> service; `Contract` -> contract (needs `vendor`
//!   and `end`, or `start` and `term`, as properties);
//! - relations between two mapped systems: `Serving` A->B, `Flow` A->B,
//!   `Realization` A->B and `Assignment` A->B make B depend on A (B is
//!   served by, fed by, realised by or deployed on A); `Access` A->B makes A
//!   depend on B (A reads or writes B). `Serving` or `Realization` from a
//!   system to a business service makes the service need the system. An
//!   `ApplicationService` or `ApplicationInterface` realised by system R and
//!   serving X makes X depend on (or need) R. `Association` between a
//!   contract and a system means the contract covers the system.
//! - element properties whose names are model keys (`vendor`, `operator`,
//!   `criticality`, `users`, `end`, `notice` ...) are taken over, their
//!   values read like spreadsheet cells (German or English words).
//!
//! Everything else (other element and relation types, unknown properties,
//! views, folders, metadata) is listed in the report with its line.

use super::csv_import::{Vendors, default_stub_country};
use super::emit::{Draft, DraftContract, DraftOrganisation, DraftService, DraftSystem, IdPool};
use super::words::{self, fold};
use super::{ImportError, Imported, NoteKind, Report};
use crate::model::{ContractKind, Country, Layer, Licence, Region};
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// Choices the import cannot read from the ArchiMate file.
#[derive(Clone, Debug)]
pub struct ArchimateOptions {
    /// `[organisation] name`; `None` takes the model's name.
    pub organisation: Option<String>,
    pub home: Country,
    /// Country written for vendor stubs.
    pub stub_country: Country,
}

impl Default for ArchimateOptions {
    fn default() -> Self {
        ArchimateOptions {
            organisation: None,
            home: Country::parse("DE").unwrap_or_else(|_| unreachable!("DE is valid")),
            stub_country: default_stub_country(),
        }
    }
}

/// A node of the parsed XML tree (names without namespace prefix).
#[derive(Debug, Default)]
struct X {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<X>,
    text: String,
    line: u64,
}

impl X {
    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    fn child(&self, name: &str) -> Option<&X> {
        self.children.iter().find(|c| c.name == name)
    }
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a X> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The text of the first `name` (3.x) or `label` (2.1) child.
    fn label(&self) -> Option<String> {
        self.child("name")
            .or_else(|| self.child("label"))
            .map(|n| n.text.trim().to_string())
            .filter(|t| !t.is_empty())
    }
    fn documentation(&self) -> Option<String> {
        self.child("documentation")
            .map(|n| n.text.trim().to_string())
            .filter(|t| !t.is_empty())
    }
}

/// Names in further languages (`<name xml:lang="..">` after the first):
/// only the first name is used; the others are reported.
fn extra_names(cx: &mut Ctx<'_>, x: &X, what: &str) {
    for n in x.all("name").skip(1) {
        let lang = n.attr("lang").unwrap_or("?");
        cx.note(
            NoteKind::NotMapped,
            n.line,
            format!(
                "name `{}` ({lang}) of {what} not mapped: the first name is used",
                n.text.trim()
            ),
        );
    }
}

fn local(qname: &str) -> String {
    match qname.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => qname.to_string(),
    }
}

/// The deepest element nesting read. The exchange format needs fewer than
/// ten levels; a limit keeps a hostile file from exhausting the stack when
/// the tree is dropped (which recurses).
const MAX_DEPTH: usize = 1_000;

/// Parses XML text into a tree; errors carry the line.
fn parse_xml(file: &str, text: &str) -> Result<X, ImportError> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<X> = vec![X::default()];
    let (mut counted, mut line) = (0usize, 1u64);
    let mut line_at = |pos: usize| {
        let pos = pos.min(text.len());
        if pos > counted {
            line += text.as_bytes()[counted..pos]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted = pos;
        }
        line
    };
    let unreadable = |line: u64, e: &dyn std::fmt::Display| ImportError::Unreadable {
        file: file.to_string(),
        message: format!("line {line}: not well-formed XML: {e}"),
    };
    loop {
        let start = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let l = line_at(reader.error_position() as usize);
                return Err(unreadable(l, &e));
            }
        };
        // The line of the tag's `<` (leading whitespace is its own event).
        let l = line_at(start);
        match ev {
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(ImportError::Unreadable {
                        file: file.to_string(),
                        message: format!(
                            "line {l}: elements are nested more than {MAX_DEPTH} deep; an ArchiMate exchange file needs fewer than ten levels"
                        ),
                    });
                }
                let node = open_tag(&e, l).map_err(|err| unreadable(l, &err))?;
                stack.push(node);
            }
            Event::Empty(e) => {
                let node = open_tag(&e, l).map_err(|err| unreadable(l, &err))?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(node);
                }
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(unreadable(l, &"unexpected closing tag"));
                }
                if let Some(node) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    top.children.push(node);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    match &*r {
                        "amp" => Some("&".into()),
                        "lt" => Some("<".into()),
                        "gt" => Some(">".into()),
                        "quot" => Some("\"".into()),
                        "apos" => Some("'".into()),
                        _ => None,
                    }
                };
                let s = resolved.unwrap_or_else(|| format!("&{};", &*r));
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(unreadable(line, &"the file ends inside an element"));
    }
    let doc = stack.pop().unwrap_or_default();
    doc.children
        .into_iter()
        .next()
        .ok_or_else(|| unreadable(1, &"no root element"))
}

/// A node for a start or empty tag, with its attributes unescaped.
fn open_tag(e: &quick_xml::events::BytesStart<'_>, line: u64) -> Result<X, String> {
    let mut node = X {
        name: local(e.name().as_ref()),
        line,
        ..Default::default()
    };
    for a in e.attributes() {
        let a = a.map_err(|err| err.to_string())?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| err.to_string())?
            .into_owned();
        node.attrs.push((local(a.key.as_ref()), v));
    }
    Ok(node)
}

/// What an ArchiMate element became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    System(usize),
    Service(usize),
    Contract(usize),
    /// An application service or interface: not mapped itself, but it links
    /// the systems realising it to what it serves.
    PassThrough,
    Unmapped,
}

/// Canonical type names: 2.1 spellings and `...Relationship` suffixes folded to 3.x.
fn canonical(t: &str) -> String {
    let t = t.rsplit(':').next().unwrap_or(t);
    let t = t.strip_suffix("Relationship").unwrap_or(t);
    match t {
        "UsedBy" => "Serving",
        "Realisation" => "Realization",
        "InfrastructureService" => "TechnologyService",
        "InfrastructureInterface" => "TechnologyInterface",
        "InfrastructureFunction" => "TechnologyFunction",
        "Network" => "CommunicationNetwork",
        other => other,
    }
    .to_string()
}

/// Property names (folded) accepted for each model key.
const SYSTEM_KEYS: &[(&str, &[&str])] = &[
    ("id", &["id", "exitgraph id"]),
    (
        "vendor",
        &["vendor", "hersteller", "manufacturer", "anbieter"],
    ),
    ("operator", &["operator", "betreiber"]),
    ("criticality", &["criticality", "kritikalität"]),
    ("users", &["users", "nutzer", "benutzer"]),
    ("layer", &["layer", "schicht"]),
    ("category", &["category", "kategorie"]),
    ("licence", &["licence", "license", "lizenz"]),
    ("open_source", &["open source", "open_source", "quelloffen"]),
    ("status", &["status"]),
    ("region", &["region", "standort", "location"]),
    (
        "customisation",
        &["customisation", "customization", "anpassung"],
    ),
    ("exit_plan", &["exit_plan", "exit plan", "ausstiegsplan"]),
    ("description", &["description", "beschreibung"]),
];

const SERVICE_KEYS: &[(&str, &[&str])] = &[
    ("id", &["id", "exitgraph id"]),
    ("criticality", &["criticality", "kritikalität"]),
    (
        "max_outage",
        &[
            "max_outage",
            "max outage",
            "maximale ausfallzeit",
            "ausfallzeit",
        ],
    ),
    ("users", &["users", "nutzer"]),
    ("description", &["description", "beschreibung"]),
];

const CONTRACT_KEYS: &[(&str, &[&str])] = &[
    ("id", &["id", "exitgraph id"]),
    (
        "vendor",
        &["vendor", "anbieter", "vertragspartner", "hersteller"],
    ),
    ("kind", &["kind", "vertragsart", "art"]),
    ("start", &["start", "beginn", "vertragsbeginn"]),
    ("end", &["end", "ende", "vertragsende", "laufzeitende"]),
    ("term", &["term", "laufzeit"]),
    ("notice", &["notice", "kündigungsfrist"]),
    ("renewal", &["renewal", "verlängerung"]),
    (
        "annual_cost",
        &["annual_cost", "annual cost", "jahreskosten", "kosten"],
    ),
    (
        "data_retrieval",
        &["data_retrieval", "data retrieval", "datenrückgabe"],
    ),
    (
        "switching_charge",
        &["switching_charge", "switching charge", "wechselgebühr"],
    ),
    ("description", &["description", "beschreibung"]),
];

fn key_of(keys: &[(&'static str, &[&str])], prop: &str) -> Option<&'static str> {
    let f = fold(prop);
    keys.iter()
        .find(|(_, names)| names.iter().any(|n| fold(n) == f))
        .map(|(k, _)| *k)
}

/// The properties of an element as (name, value, line), names resolved
/// through the property definitions.
fn properties(x: &X, defs: &BTreeMap<String, String>) -> Vec<(String, String, u64)> {
    let Some(props) = x.child("properties") else {
        return Vec::new();
    };
    props
        .all("property")
        .map(|p| {
            let r = p
                .attr("propertyDefinitionRef")
                .or_else(|| p.attr("identifierref"))
                .unwrap_or("");
            let name = defs.get(r).cloned().unwrap_or_else(|| r.to_string());
            let value = p
                .child("value")
                .map(|v| v.text.trim().to_string())
                .unwrap_or_default();
            (name, value, p.line)
        })
        .collect()
}

struct Ctx<'a> {
    file: &'a str,
    report: Report,
}

impl Ctx<'_> {
    fn note(&mut self, kind: NoteKind, line: u64, msg: impl Into<String>) {
        self.report.push(kind, self.file, Some(line), msg);
    }
}

/// Imports an ArchiMate exchange file.
pub fn import(file: &str, bytes: &[u8], opts: &ArchimateOptions) -> Result<Imported, ImportError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(body).map_err(|e| ImportError::Unreadable {
        file: file.to_string(),
        message: format!("not UTF-8 text ({e}); the exchange format is UTF-8"),
    })?;
    let root = parse_xml(file, text)?;
    if root.name != "model" {
        return Err(ImportError::Unreadable {
            file: file.to_string(),
            message: format!(
                "not an ArchiMate exchange file: the root element is `{}`, not `model`",
                root.name
            ),
        });
    }
    let mut cx = Ctx {
        file,
        report: Report::default(),
    };

    // Property definitions: 3.x `propertyDefinitions`, 2.1 `propertydefs`.
    let mut defs: BTreeMap<String, String> = BTreeMap::new();
    for d in root
        .child("propertyDefinitions")
        .into_iter()
        .flat_map(|p| p.all("propertyDefinition"))
    {
        if let (Some(id), Some(n)) = (d.attr("identifier"), d.label()) {
            defs.insert(id.to_string(), n);
        }
    }
    for d in root
        .child("propertydefs")
        .into_iter()
        .flat_map(|p| p.all("propertydef"))
    {
        if let (Some(id), Some(n)) = (d.attr("identifier"), d.attr("name")) {
            defs.insert(id.to_string(), n.to_string());
        }
    }

    let model_name = root.label();
    for (n, v, line) in properties(&root, &defs) {
        cx.note(
            NoteKind::NotMapped,
            line,
            format!("model property `{n}` = `{v}` not mapped"),
        );
    }
    if let Some(m) = root.child("metadata") {
        cx.note(
            NoteKind::NotMapped,
            m.line,
            "model metadata (Dublin Core) not mapped",
        );
    }
    if let Some(o) = root.child("organizations") {
        fn count(x: &X) -> usize {
            x.all("item")
                .map(|i| usize::from(i.label().is_some()) + count(i))
                .sum()
        }
        cx.note(
            NoteKind::NotMapped,
            o.line,
            format!(
                "folder structure (`organizations`, {} folders) not mapped",
                count(o)
            ),
        );
    }
    if let Some(v) = root.child("views") {
        let views: Vec<&X> = v
            .all("view")
            .chain(v.child("diagrams").into_iter().flat_map(|d| d.all("view")))
            .collect();
        cx.note(
            NoteKind::NotMapped,
            v.line,
            format!(
                "{} view(s) not mapped (diagram layout): {}",
                views.len(),
                views
                    .iter()
                    .map(|v| format!("`{}`", v.label().unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }

    // Anything else at the top of the model: named, so nothing is lost silently.
    const MODEL_CHILDREN: [&str; 11] = [
        "name",
        "label",
        "documentation",
        "properties",
        "metadata",
        "organizations",
        "views",
        "elements",
        "relationships",
        "propertyDefinitions",
        "propertydefs",
    ];
    for c in &root.children {
        if !MODEL_CHILDREN.contains(&c.name.as_str()) {
            cx.note(
                NoteKind::NotMapped,
                c.line,
                format!("`{}` of the model not mapped: not part of the exchange format this importer reads", c.name),
            );
        }
    }
    extra_names(&mut cx, &root, "the model");

    let mut vendors = Vendors::new(opts.stub_country);
    let mut sys_ids = IdPool::default();
    let mut svc_ids = IdPool::default();
    let mut con_ids = IdPool::default();
    let mut systems: Vec<DraftSystem> = Vec::new();
    let mut services: Vec<DraftService> = Vec::new();
    // Contracts wait for their `covers` (associations) before validation.
    let mut contracts: Vec<(DraftContract, u64)> = Vec::new();
    let mut roles: BTreeMap<String, Role> = BTreeMap::new();
    let mut names: BTreeMap<String, String> = BTreeMap::new();

    let elements: Vec<&X> = root
        .child("elements")
        .into_iter()
        .flat_map(|e| e.all("element"))
        .collect();
    for el in elements {
        let line = el.line;
        let Some(ident) = el.attr("identifier") else {
            cx.note(
                NoteKind::Skipped,
                line,
                "element without `identifier` skipped",
            );
            continue;
        };
        let ty = canonical(el.attr("type").unwrap_or(""));
        let name = el.label().unwrap_or_else(|| ident.to_string());
        names.insert(ident.to_string(), format!("{name} ({ty})"));
        extra_names(&mut cx, el, &format!("`{name}`"));
        for c in &el.children {
            if !["name", "label", "documentation", "properties"].contains(&c.name.as_str()) {
                cx.note(
                    NoteKind::NotMapped,
                    c.line,
                    format!("`{}` of `{name}` not mapped", c.name),
                );
            }
        }
        let props = properties(el, &defs);
        let layer = match ty.as_str() {
            "ApplicationComponent" => Some(Layer::Application),
            "SystemSoftware" => Some(Layer::Platform),
            "Node" | "Device" | "TechnologyService" => Some(Layer::Infrastructure),
            _ => None,
        };
        let role = if let Some(layer) = layer {
            let i = systems.len();
            let s = system(
                &mut cx,
                &mut vendors,
                &mut sys_ids,
                ident,
                &name,
                &ty,
                layer,
                el,
                props,
            );
            systems.push(s);
            Role::System(i)
        } else if ty == "BusinessService" {
            let i = services.len();
            let s = service(&mut cx, &mut svc_ids, ident, &name, el, props);
            services.push(s);
            Role::Service(i)
        } else if ty == "Contract" {
            match contract(&mut cx, &mut vendors, &mut con_ids, ident, &name, el, props) {
                Some(c) => {
                    contracts.push((c, line));
                    Role::Contract(contracts.len() - 1)
                }
                None => Role::Unmapped,
            }
        } else if ty == "ApplicationService" || ty == "ApplicationInterface" {
            cx.note(
                NoteKind::NotMapped,
                line,
                format!("element `{name}` ({ty}) not mapped itself; its realisation and serving relations link systems to what it serves"),
            );
            for (n, v, pl) in props {
                cx.note(
                    NoteKind::NotMapped,
                    pl,
                    format!("property `{n}` = `{v}` of `{name}` not mapped"),
                );
            }
            Role::PassThrough
        } else {
            cx.note(
                NoteKind::NotMapped,
                line,
                format!("element `{name}` ({ty}) not mapped: the model has no {ty}"),
            );
            for (n, v, pl) in props {
                cx.note(
                    NoteKind::NotMapped,
                    pl,
                    format!("property `{n}` = `{v}` of `{name}` not mapped"),
                );
            }
            Role::Unmapped
        };
        roles.insert(ident.to_string(), role);
    }

    vendors.report_unknown(file, &mut cx.report);

    // Relationships.
    let mut realised_by: BTreeMap<String, Vec<(usize, u64, String)>> = BTreeMap::new();
    let mut serves: BTreeMap<String, Vec<(Role, u64, String)>> = BTreeMap::new();
    let rels: Vec<&X> = root
        .child("relationships")
        .into_iter()
        .flat_map(|r| r.all("relationship"))
        .collect();
    for r in rels {
        let line = r.line;
        let rid = r.attr("identifier").unwrap_or("?").to_string();
        let ty = canonical(r.attr("type").unwrap_or(""));
        let (Some(src), Some(dst)) = (r.attr("source"), r.attr("target")) else {
            cx.note(
                NoteKind::Skipped,
                line,
                format!("relationship `{rid}` without source or target skipped"),
            );
            continue;
        };
        let (Some(&a), Some(&b)) = (roles.get(src), roles.get(dst)) else {
            cx.note(
                NoteKind::Skipped,
                line,
                format!("relationship `{rid}` ({ty}) skipped: its source or target is not an element of the file"),
            );
            continue;
        };
        for (n, v, pl) in properties(r, &defs) {
            cx.note(
                NoteKind::NotMapped,
                pl,
                format!("property `{n}` = `{v}` of relationship `{rid}` not mapped"),
            );
        }
        let what = format!(
            "{ty} relationship from `{}` to `{}`",
            names.get(src).map(String::as_str).unwrap_or(src),
            names.get(dst).map(String::as_str).unwrap_or(dst)
        );
        use Role::*;
        let mapped = match (ty.as_str(), a, b) {
            ("Serving" | "Flow" | "Realization" | "Assignment", System(x), System(y)) => {
                depend(&mut cx, &mut systems, y, x, line, &what);
                true
            }
            ("Access", System(x), System(y)) => {
                depend(&mut cx, &mut systems, x, y, line, &what);
                true
            }
            ("Serving" | "Realization", System(x), Service(y)) => {
                let id = systems[x].id.clone();
                if !services[y].needs.contains(&id) {
                    services[y].needs.push(id);
                }
                true
            }
            ("Realization", System(x), PassThrough) => {
                realised_by
                    .entry(dst.to_string())
                    .or_default()
                    .push((x, line, what.clone()));
                true
            }
            ("Serving", PassThrough, t @ (System(_) | Service(_))) => {
                serves
                    .entry(src.to_string())
                    .or_default()
                    .push((t, line, what.clone()));
                true
            }
            ("Association", Contract(c), System(s)) | ("Association", System(s), Contract(c)) => {
                let id = systems[s].id.clone();
                if !contracts[c].0.covers.contains(&id) {
                    contracts[c].0.covers.push(id);
                }
                true
            }
            _ => false,
        };
        if !mapped {
            cx.note(NoteKind::NotMapped, line, format!("{what} not mapped"));
        } else {
            if let Some(n) = r.label() {
                cx.note(
                    NoteKind::NotMapped,
                    line,
                    format!("name `{n}` of the {what} not mapped: dependencies have no names"),
                );
            }
            if r.documentation().is_some() {
                cx.note(
                    NoteKind::NotMapped,
                    line,
                    format!(
                        "documentation of the {what} not mapped: dependencies have no description"
                    ),
                );
            }
        }
    }
    // Through application services and interfaces: X served by P, P realised by R => X relies on R.
    let pass: Vec<String> = realised_by
        .keys()
        .chain(serves.keys())
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for p in pass {
        let rs = realised_by.get(&p).cloned().unwrap_or_default();
        let ts = serves.get(&p).cloned().unwrap_or_default();
        if rs.is_empty() || ts.is_empty() {
            let pname = names.get(&p).cloned().unwrap_or_else(|| p.clone());
            for (_, line, what) in rs
                .iter()
                .map(|(_, l, w)| ((), l, w))
                .chain(ts.iter().map(|(_, l, w)| ((), l, w)))
            {
                cx.note(
                    NoteKind::NotMapped,
                    *line,
                    format!("{what} not mapped: `{pname}` is not both realised by a system and serving one"),
                );
            }
            continue;
        }
        for (r, rline, _) in &rs {
            for (t, _, what) in &ts {
                match *t {
                    Role::System(y) => {
                        let via = format!("{what} (through the system realising it)");
                        depend(&mut cx, &mut systems, y, *r, *rline, &via);
                    }
                    Role::Service(y) => {
                        let id = systems[*r].id.clone();
                        if !services[y].needs.contains(&id) {
                            services[y].needs.push(id);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    // Contracts without an end cannot be written.
    let mut written_contracts = Vec::new();
    for (c, line) in contracts {
        if c.end.is_none() && c.term.is_none() {
            cx.note(
                NoteKind::NotMapped,
                line,
                format!(
                    "contract `{}` not mapped: it has no `end` property (or `start` and `term`)",
                    c.name.clone().unwrap_or_default()
                ),
            );
            continue;
        }
        written_contracts.push(c);
    }

    let org_name = opts
        .organisation
        .clone()
        .or_else(|| model_name.clone())
        .unwrap_or_else(|| "Imported landscape".into());
    cx.report.push(
        NoteKind::Assumed,
        file,
        None,
        format!(
            "[organisation] written with name `{org_name}`, home {} and trusted [\"EU\"]; adjust them",
            opts.home
        ),
    );
    let mut header = vec![format!(
        "Imported by exitgraph {} from the ArchiMate exchange file {file}",
        env!("CARGO_PKG_VERSION")
    )];
    if let Some(n) = &model_name {
        header.push(format!("ArchiMate model: {n}"));
    }
    if let Some(d) = root.documentation() {
        header.push(format!("Model documentation: {d}"));
    }
    header.push("Lines marked TODO need completing; `exitgraph check` validates the file.".into());
    let draft = Draft {
        header,
        organisation: DraftOrganisation {
            name: org_name,
            home: opts.home,
            trusted: vec![Region::Eu],
            as_of: None,
        },
        vendors: vendors.drafts,
        formats: Vec::new(),
        systems,
        contracts: written_contracts,
        services,
    };
    super::finish(&draft, cx.report)
}

/// Adds `systems[to]` to the dependencies of `systems[from]`.
fn depend(
    cx: &mut Ctx<'_>,
    systems: &mut [DraftSystem],
    from: usize,
    to: usize,
    line: u64,
    what: &str,
) {
    if from == to {
        cx.note(
            NoteKind::NotMapped,
            line,
            format!("{what} not mapped: a system cannot depend on itself"),
        );
        return;
    }
    let id = systems[to].id.clone();
    if !systems[from].depends_on.contains(&id) {
        systems[from].depends_on.push(id);
    }
}

/// The id of an element: a valid `id` property, else one made from the name.
fn element_id(
    cx: &mut Ctx<'_>,
    pool: &mut IdPool,
    given: Option<&str>,
    name: &str,
    ident: &str,
    line: u64,
) -> String {
    let want = match given {
        Some(g) if crate::model::validate::is_valid_id(g) => g.to_string(),
        Some(g) => {
            cx.note(
                NoteKind::NotMapped,
                line,
                format!("property `id` = `{g}` is not a valid id; an id was made from the name"),
            );
            words::slug(name)
                .or_else(|| words::slug(ident))
                .unwrap_or_else(|| "element".into())
        }
        None => words::slug(name)
            .or_else(|| words::slug(ident))
            .unwrap_or_else(|| "element".into()),
    };
    pool.take(&want)
}

#[allow(clippy::too_many_arguments)]
fn system(
    cx: &mut Ctx<'_>,
    vendors: &mut Vendors,
    pool: &mut IdPool,
    ident: &str,
    name: &str,
    ty: &str,
    layer: Layer,
    el: &X,
    props: Vec<(String, String, u64)>,
) -> DraftSystem {
    let line = el.line;
    let given = props
        .iter()
        .find(|(n, _, _)| key_of(SYSTEM_KEYS, n) == Some("id"))
        .map(|(_, v, _)| v.clone());
    let id = element_id(cx, pool, given.as_deref(), name, ident, line);
    let mut s = DraftSystem {
        id,
        name: name.to_string(),
        description: el.documentation(),
        layer: Some(layer),
        comment: Some(format!("{ty} `{ident}`, {}, line {line}", cx.file)),
        ..Default::default()
    };
    for (n, v, pl) in props {
        let key = key_of(SYSTEM_KEYS, &n);
        let ok = match key {
            Some("id") => true,
            Some("vendor") => {
                s.vendor = vendors.resolve(&v, cx.file, pl, &mut cx.report);
                s.vendor.is_some()
            }
            Some("operator") => {
                s.operator = vendors.resolve(&v, cx.file, pl, &mut cx.report);
                s.operator.is_some()
            }
            Some("criticality") => set(&mut s.criticality, words::criticality(&v)),
            Some("users") => set(&mut s.users, words::count(&v)),
            Some("layer") => set(&mut s.layer, words::layer(&v)),
            Some("category") => set(&mut s.category, Some(words::category(&v))),
            Some("licence") => set(&mut s.licence, words::licence(&v)),
            Some("open_source") => set(
                &mut s.licence,
                words::yes_no(&v).map(|o| {
                    if o {
                        Licence::OpenSource
                    } else {
                        Licence::Proprietary
                    }
                }),
            ),
            Some("status") => set(&mut s.status, words::status(&v)),
            Some("region") => set(&mut s.region, words::region(&v)),
            Some("customisation") => set(&mut s.customisation, words::customisation(&v)),
            Some("exit_plan") => set(&mut s.exit_plan, Some(v.clone()).filter(|x| !x.is_empty())),
            Some("description") => set(
                &mut s.description,
                Some(v.clone()).filter(|x| !x.is_empty()),
            ),
            _ => {
                cx.note(
                    NoteKind::NotMapped,
                    pl,
                    format!("property `{n}` = `{v}` of `{name}` not mapped: not a system key"),
                );
                continue;
            }
        };
        if !ok {
            cx.note(
                NoteKind::NotMapped,
                pl,
                format!("property `{n}` = `{v}` of `{name}` not understood; left out"),
            );
        }
    }
    if s.vendor.is_none() {
        s.vendor = Some(vendors.unknown());
    }
    s
}

/// Sets `slot` when `v` is `Some`; returns whether it was.
fn set<T>(slot: &mut Option<T>, v: Option<T>) -> bool {
    match v {
        Some(v) => {
            *slot = Some(v);
            true
        }
        None => false,
    }
}

fn service(
    cx: &mut Ctx<'_>,
    pool: &mut IdPool,
    ident: &str,
    name: &str,
    el: &X,
    props: Vec<(String, String, u64)>,
) -> DraftService {
    let line = el.line;
    let given = props
        .iter()
        .find(|(n, _, _)| key_of(SERVICE_KEYS, n) == Some("id"))
        .map(|(_, v, _)| v.clone());
    let id = element_id(cx, pool, given.as_deref(), name, ident, line);
    let mut s = DraftService {
        id,
        name: name.to_string(),
        description: el.documentation(),
        comment: Some(format!(
            "BusinessService `{ident}`, {}, line {line}",
            cx.file
        )),
        ..Default::default()
    };
    for (n, v, pl) in props {
        let ok = match key_of(SERVICE_KEYS, &n) {
            Some("id") => true,
            Some("criticality") => set(&mut s.criticality, words::criticality(&v)),
            Some("max_outage") => set(&mut s.max_outage, words::duration(&v).ok()),
            Some("users") => set(&mut s.users, words::count(&v)),
            Some("description") => set(
                &mut s.description,
                Some(v.clone()).filter(|x| !x.is_empty()),
            ),
            _ => {
                cx.note(
                    NoteKind::NotMapped,
                    pl,
                    format!("property `{n}` = `{v}` of `{name}` not mapped: not a service key"),
                );
                continue;
            }
        };
        if !ok {
            cx.note(
                NoteKind::NotMapped,
                pl,
                format!("property `{n}` = `{v}` of `{name}` not understood; left out"),
            );
        }
    }
    s
}

/// A contract element; `None` (reported) when it has no usable vendor.
fn contract(
    cx: &mut Ctx<'_>,
    vendors: &mut Vendors,
    pool: &mut IdPool,
    ident: &str,
    name: &str,
    el: &X,
    props: Vec<(String, String, u64)>,
) -> Option<DraftContract> {
    let line = el.line;
    let mut vendor: Option<String> = None;
    let mut c = DraftContract {
        id: String::new(),
        name: Some(name.to_string()),
        description: el.documentation(),
        vendor: String::new(),
        covers: Vec::new(),
        kind: ContractKind::Licence,
        start: None,
        end: None,
        term: None,
        notice: None,
        renewal: None,
        annual_cost: None,
        data_retrieval: None,
        switching_charge: None,
        comment: Some(format!("Contract `{ident}`, {}, line {line}", cx.file)),
    };
    let mut kind_given = false;
    let mut given_id = None;
    let mut unmapped_props = Vec::new();
    for (n, v, pl) in &props {
        let dur = |s: &str| words::duration(s).ok().filter(|d| !d.is_zero());
        let ok = match key_of(CONTRACT_KEYS, n) {
            Some("id") => {
                given_id = Some(v.clone());
                true
            }
            Some("vendor") => {
                vendor = Some(v.clone());
                true
            }
            Some("kind") => match words::contract_kind(v) {
                Some(k) => {
                    c.kind = k;
                    kind_given = true;
                    true
                }
                None => false,
            },
            Some("start") => set(&mut c.start, words::date(v)),
            Some("end") => set(&mut c.end, words::date(v)),
            Some("term") => set(&mut c.term, dur(v)),
            Some("notice") => set(&mut c.notice, words::duration(v).ok()),
            Some("renewal") => set(&mut c.renewal, dur(v)),
            Some("annual_cost") => set(&mut c.annual_cost, words::number(v)),
            Some("data_retrieval") => set(&mut c.data_retrieval, words::duration(v).ok()),
            Some("switching_charge") => set(&mut c.switching_charge, words::number(v)),
            Some("description") => set(
                &mut c.description,
                Some(v.clone()).filter(|x| !x.is_empty()),
            ),
            _ => {
                unmapped_props.push((
                    *pl,
                    format!("property `{n}` = `{v}` of `{name}` not mapped: not a contract key"),
                ));
                continue;
            }
        };
        if !ok {
            cx.note(
                NoteKind::NotMapped,
                *pl,
                format!("property `{n}` = `{v}` of `{name}` not understood; left out"),
            );
        }
    }
    for (pl, m) in unmapped_props {
        cx.note(NoteKind::NotMapped, pl, m);
    }
    let vendor = vendor
        .as_deref()
        .and_then(|v| vendors.resolve(v, cx.file, line, &mut cx.report))
        .filter(|v| v != "self");
    let Some(vendor) = vendor else {
        cx.note(
            NoteKind::NotMapped,
            line,
            format!("element `{name}` (Contract) not mapped: a contract needs a `vendor` property naming the vendor"),
        );
        return None;
    };
    if c.end.is_some() && c.term.is_some() {
        cx.note(
            NoteKind::NotMapped,
            line,
            format!("`term` of contract `{name}` left out: it also has an `end`"),
        );
        c.term = None;
    }
    if c.term.is_some() && c.start.is_none() {
        cx.note(
            NoteKind::NotMapped,
            line,
            format!("`term` of contract `{name}` left out: it needs a `start`"),
        );
        c.term = None;
    }
    if let (Some(s), Some(e)) = (c.start, c.end)
        && e < s
    {
        cx.note(
            NoteKind::NotMapped,
            line,
            format!("`end` of contract `{name}` left out: it is before the start"),
        );
        c.end = None;
    }
    if !kind_given {
        cx.note(
            NoteKind::Assumed,
            line,
            format!("contract `{name}` has no usable `kind` property: `licence` written"),
        );
    }
    c.vendor = vendor;
    c.id = element_id(cx, pool, given_id.as_deref(), name, ident, line);
    Some(c)
}

#[cfg(test)]
mod tests {
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
        import("t.xml", xml.as_bytes(), &ArchimateOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn maps_elements_relations_and_properties() {
        let i = run(SMALL);
        let m =
            crate::model::load_str("t", std::path::Path::new("t"), &i.toml, &Default::default())
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
        assert!(nm.iter().any(|n| n.starts_with("t.xml:30: not mapped: Assignment relationship from `Sachbearbeitung (BusinessRole)`")), "{nm:#?}");
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
        let xml = r#"<model identifier="m"><name>M</name><foo/>
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
        let m =
            crate::model::load_str("t", std::path::Path::new("t"), &i.toml, &Default::default())
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
}
