//! Import of ArchiMate models: the Model Exchange File Format of The Open
//! Group (3.x and the older 2.1) and Archi's own `.archimate` files, told
//! apart by the namespace of the root element. A file in neither namespace
//! is refused with a message, never read as an empty model.
//!
//! Both formats are read into one shape ([`read::Parsed`]); the mapping
//! below does not know which format it came from. The rules (the tables in
//! `docs/interop.md` are the reference):
//!
//! - `ApplicationComponent` -> system, layer application;
//!   `SystemSoftware` -> system, layer platform;
//!   `Node`, `Device`, `TechnologyService` -> system, layer infrastructure;
//!   `BusinessService` -> service; `Contract` -> contract (needs `vendor`
//!   and `end`, or `start` and `term`, as properties).
//! - Behaviour, interfaces and artifacts between them (application and
//!   technology services, functions, processes, interfaces, artifacts;
//!   business processes, functions, interactions, events; junctions) are
//!   not mapped themselves; relationships through them are followed.
//! - Serving, realisation and assignment A->B mean B relies on A;
//!   composition and aggregation W->P mean the whole W relies on its part P
//!   (but a system *provides* an interface or function it is composed of).
//!   A system or service relies on the nearest systems found by walking
//!   these relationships backwards through elements that are not mapped
//!   themselves. From application and technology behaviour the walk
//!   follows who realises it (not what serves it, which is the realiser's
//!   own need), unless nobody does; a system also relies on what serves
//!   the behaviour it realises. Flow A->B (B relies on A) and access A->B
//!   (A relies on B) count between two systems only.
//! - `Association` between a contract and a system means the contract
//!   covers the system.
//! - element properties whose names are model keys (`vendor`, `operator`,
//!   `criticality`, `users`, `end`, `notice` ...) are taken over, their
//!   values read like spreadsheet cells (German or English words).
//!
//! Everything else (other element and relation types, relationships that
//! lead to no system, unknown properties, views, folders, metadata) is
//! listed in the report with its line.

mod entities;
mod read;
#[cfg(test)]
mod tests;
mod xml;

use super::csv_import::{Vendors, default_stub_country};
use super::emit::{Draft, DraftContract, DraftOrganisation, DraftService, DraftSystem, IdPool};
use super::{ImportError, Imported, NoteKind, Report};
use crate::model::{Country, Layer, Region};
use read::{Parsed, Relation};
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

/// Canonical type names: prefixes (`archimate:`) dropped, 2.1 and old
/// Archi spellings and `...Relationship` suffixes folded to 3.x.
fn canonical(t: &str) -> String {
    let t = t.rsplit(':').next().unwrap_or(t);
    let t = t.strip_suffix("Relationship").unwrap_or(t);
    match t {
        "UsedBy" => "Serving",
        "Realisation" => "Realization",
        "Specialisation" => "Specialization",
        "InfrastructureService" => "TechnologyService",
        "InfrastructureInterface" => "TechnologyInterface",
        "InfrastructureFunction" => "TechnologyFunction",
        "Network" => "CommunicationNetwork",
        "AndJunction" | "And" => "Junction",
        "Or" => "OrJunction",
        other => other,
    }
    .to_string()
}

/// The layer of an element type that becomes a system.
fn system_layer(ty: &str) -> Option<Layer> {
    match ty {
        "ApplicationComponent" => Some(Layer::Application),
        "SystemSoftware" => Some(Layer::Platform),
        "Node" | "Device" | "TechnologyService" => Some(Layer::Infrastructure),
        _ => None,
    }
}

/// How a relationship walk passes an element that is not mapped itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pass {
    /// Application or technology behaviour, interfaces and artifacts:
    /// realised by systems. The walk follows who realises it.
    Realised,
    /// Business behaviour: performed by people with the help of what
    /// serves it. The walk follows every relationship into it.
    Business,
    /// A junction joins relationships of one type.
    Junction,
}

fn pass_kind(ty: &str) -> Option<Pass> {
    match ty {
        "ApplicationService"
        | "ApplicationInterface"
        | "ApplicationFunction"
        | "ApplicationProcess"
        | "ApplicationInteraction"
        | "ApplicationEvent"
        | "TechnologyInterface"
        | "TechnologyFunction"
        | "TechnologyProcess"
        | "TechnologyInteraction"
        | "TechnologyEvent"
        | "Artifact" => Some(Pass::Realised),
        "BusinessProcess" | "BusinessFunction" | "BusinessInteraction" | "BusinessEvent" => {
            Some(Pass::Business)
        }
        "Junction" | "OrJunction" => Some(Pass::Junction),
        _ => None,
    }
}

/// What an ArchiMate element became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    System(usize),
    Service(usize),
    Contract(usize),
    /// Not mapped itself; relationships through it are followed.
    Pass(Pass),
    Unmapped,
}

/// How a relationship lets one element rely on another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Serving: the target uses the source.
    Serve,
    /// Realisation, assignment, a system composed of behaviour: the
    /// source realises, performs or provides the target.
    Realise,
    /// Composition or aggregation: the whole relies on its part.
    Part,
    /// Flow or access between two systems.
    Direct,
}

/// `from` supports `to` (`to` relies on `from`), through relationship `rel`.
#[derive(Clone, Copy, Debug)]
struct Edge {
    from: usize,
    to: usize,
    kind: Kind,
    rel: usize,
}

pub(super) struct Ctx<'a> {
    file: &'a str,
    report: Report,
}

impl Ctx<'_> {
    fn note(&mut self, kind: NoteKind, line: u64, msg: impl Into<String>) {
        self.report.push(kind, self.file, Some(line), msg);
    }
}

/// Cuts every text read that is longer than a model string may be (at a
/// character boundary) and reports it, so that the model still validates.
/// An identifier is cut the same way wherever it appears, so that a
/// relationship still finds its element.
fn cut_long_strings(cx: &mut Ctx<'_>, p: &mut Parsed) {
    fn cut(cx: &mut Ctx<'_>, line: u64, what: &str, s: &mut String) {
        if let Some(len) = super::cut_to_limit(s) {
            cx.note(
                NoteKind::NotMapped,
                line,
                format!(
                    "{what} is {len} bytes long, more than a model string may hold: cut to its first {} bytes, the rest not imported",
                    s.len()
                ),
            );
        }
    }
    fn cut_props(cx: &mut Ctx<'_>, props: &mut [read::Prop]) {
        for pr in props {
            cut(cx, pr.line, "a property name", &mut pr.name);
            cut(cx, pr.line, "a property value", &mut pr.value);
        }
    }
    for s in [&mut p.model_name, &mut p.model_doc].into_iter().flatten() {
        cut(cx, 1, "the model's name or documentation", s);
    }
    for e in &mut p.elements {
        cut(cx, e.line, "an element identifier", &mut e.ident);
        cut(cx, e.line, "an element name", &mut e.name);
        if let Some(d) = &mut e.documentation {
            cut(cx, e.line, "an element documentation", d);
        }
        cut_props(cx, &mut e.props);
    }
    for r in &mut p.relations {
        let line = r.line;
        cut(cx, line, "a relationship identifier", &mut r.ident);
        cut(cx, line, "a relationship source", &mut r.source);
        cut(cx, line, "a relationship target", &mut r.target);
        for s in [&mut r.name, &mut r.documentation].into_iter().flatten() {
            cut(cx, line, "a relationship name or documentation", s);
        }
        cut_props(cx, &mut r.props);
    }
}

/// Imports an ArchiMate file: the exchange format or Archi's own format.
pub fn import(file: &str, bytes: &[u8], opts: &ArchimateOptions) -> Result<Imported, ImportError> {
    let (text, encoding) = xml::decode(file, bytes)?;
    let root = xml::parse(file, &text)?;
    let ns = root.namespace().unwrap_or("").to_string();
    let archi = root.name == "model" && ns == read::NS_ARCHI;
    let exchange = root.name == "model" && ns.starts_with(read::NS_EXCHANGE);
    if !archi && !exchange {
        let found = if ns.is_empty() {
            format!("`{}` in no namespace", root.name)
        } else {
            format!("`{}` in the namespace `{ns}`", root.name)
        };
        return Err(ImportError::Unreadable {
            file: file.to_string(),
            message: format!(
                "not an ArchiMate file exitgraph reads: the root element is {found}; it reads the Open Group exchange format (`model` in {}/3.0/ or, for 2.1, {}) and Archi's own files (`model` in {}); export other tools' models in the exchange format",
                read::NS_EXCHANGE,
                read::NS_EXCHANGE,
                read::NS_ARCHI
            ),
        });
    }
    let mut cx = Ctx {
        file,
        report: Report::default(),
    };
    let mut parsed = if archi {
        read::archi(&mut cx, &root)
    } else {
        read::exchange(&mut cx, &root)
    };
    drop(root);
    cut_long_strings(&mut cx, &mut parsed);
    cx.report.notes.insert(
        0,
        super::Note {
            kind: NoteKind::Info,
            file: file.to_string(),
            line: None,
            message: format!("read as {}, {encoding}", parsed.format.describe()),
        },
    );
    map(cx, parsed, opts)
}

/// `name (Type)` of an element, for messages.
fn describe(p: &Parsed, index: &BTreeMap<&str, usize>, ident: &str) -> String {
    match index.get(ident) {
        Some(&i) => format!("{} ({})", p.elements[i].name, p.elements[i].ty),
        None => ident.to_string(),
    }
}

/// Maps a read model onto systems, services and contracts.
fn map(mut cx: Ctx<'_>, p: Parsed, opts: &ArchimateOptions) -> Result<Imported, ImportError> {
    let file = cx.file;
    let mut vendors = Vendors::new(opts.stub_country);
    let mut sys_ids = IdPool::default();
    let mut svc_ids = IdPool::default();
    let mut con_ids = IdPool::default();
    let mut systems: Vec<DraftSystem> = Vec::new();
    let mut services: Vec<DraftService> = Vec::new();
    // Contracts wait for their `covers` (associations) before validation.
    let mut contracts: Vec<(DraftContract, u64)> = Vec::new();
    // System and service index -> element index.
    let mut system_el: Vec<usize> = Vec::new();
    let mut service_el: Vec<usize> = Vec::new();
    let mut roles: Vec<Role> = Vec::with_capacity(p.elements.len());
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();

    for (i, el) in p.elements.iter().enumerate() {
        if let Some(&first) = index.get(el.ident.as_str()) {
            cx.note(
                NoteKind::Skipped,
                el.line,
                format!(
                    "element `{}` ({}) skipped: its identifier `{}` is that of the element on line {}",
                    el.name, el.ty, el.ident, p.elements[first].line
                ),
            );
            roles.push(Role::Unmapped);
            continue;
        }
        index.insert(el.ident.as_str(), i);
        let role = if let Some(layer) = system_layer(&el.ty) {
            systems.push(entities::system(
                &mut cx,
                &mut vendors,
                &mut sys_ids,
                el,
                layer,
            ));
            system_el.push(i);
            Role::System(systems.len() - 1)
        } else if el.ty == "BusinessService" {
            services.push(entities::service(&mut cx, &mut svc_ids, el));
            service_el.push(i);
            Role::Service(services.len() - 1)
        } else if el.ty == "Contract" {
            match entities::contract(&mut cx, &mut vendors, &mut con_ids, el) {
                Some(c) => {
                    contracts.push((c, el.line));
                    Role::Contract(contracts.len() - 1)
                }
                None => Role::Unmapped,
            }
        } else if let Some(pass) = pass_kind(&el.ty) {
            if el.ty == "OrJunction" {
                cx.note(
                    NoteKind::Assumed,
                    el.line,
                    format!(
                        "or-junction `{}` read like an and-junction: everything behind it counts as needed",
                        el.name
                    ),
                );
            } else {
                cx.note(
                    NoteKind::NotMapped,
                    el.line,
                    format!(
                        "element `{}` ({}) not mapped itself; relationships through it link the systems behind it to what relies on it",
                        el.name, el.ty
                    ),
                );
            }
            for pr in &el.props {
                cx.note(
                    NoteKind::NotMapped,
                    pr.line,
                    format!(
                        "property `{}` = `{}` of `{}` not mapped",
                        pr.name, pr.value, el.name
                    ),
                );
            }
            Role::Pass(pass)
        } else {
            cx.note(
                NoteKind::NotMapped,
                el.line,
                format!(
                    "element `{}` ({}) not mapped: the model has no {}",
                    el.name, el.ty, el.ty
                ),
            );
            for pr in &el.props {
                cx.note(
                    NoteKind::NotMapped,
                    pr.line,
                    format!(
                        "property `{}` = `{}` of `{}` not mapped",
                        pr.name, pr.value, el.name
                    ),
                );
            }
            Role::Unmapped
        };
        roles.push(role);
    }
    if systems.is_empty() && services.is_empty() {
        let mut types: BTreeMap<&str, usize> = BTreeMap::new();
        for el in &p.elements {
            *types.entry(el.ty.as_str()).or_default() += 1;
        }
        let found = if types.is_empty() {
            "it holds no elements".to_string()
        } else {
            format!(
                "it holds only {}",
                types
                    .iter()
                    .map(|(t, n)| format!("{n} {t}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(ImportError::Unreadable {
            file: file.to_string(),
            message: format!(
                "nothing to import: no application component, system software, node, device, technology service or business service; {found}"
            ),
        });
    }
    vendors.report_unknown(file, &mut cx.report);

    // Relationships: contract coverage at once, the rest as edges of the walk.
    let rel_index: BTreeMap<&str, usize> = p
        .relations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.ident.as_str(), i))
        .collect();
    let mut edges: Vec<Edge> = Vec::new();
    // Per relationship: mapped (true), or why not (Some(reason)); `None`
    // while it waits for the walk to use it.
    let mut outcome: Vec<Outcome> = Vec::with_capacity(p.relations.len());
    // (contract, system) pairs already covered: one look-up per relation.
    let mut covered: std::collections::BTreeSet<(usize, usize)> = std::collections::BTreeSet::new();
    for (ri, r) in p.relations.iter().enumerate() {
        for pr in &r.props {
            cx.note(
                NoteKind::NotMapped,
                pr.line,
                format!(
                    "property `{}` = `{}` of relationship `{}` not mapped",
                    pr.name, pr.value, r.ident
                ),
            );
        }
        let (a, b) = match (index.get(r.source.as_str()), index.get(r.target.as_str())) {
            (Some(&a), Some(&b)) => (a, b),
            _ => {
                let rel_end = [&r.source, &r.target]
                    .into_iter()
                    .find(|e| rel_index.contains_key(e.as_str()));
                match rel_end {
                    Some(end) => {
                        let other = if end == &r.source {
                            &r.target
                        } else {
                            &r.source
                        };
                        let o = &p.relations[rel_index[end.as_str()]];
                        outcome.push(Outcome::Reported);
                        cx.note(
                            NoteKind::NotMapped,
                            r.line,
                            format!(
                                "{} relationship `{}` between `{}` and the {} relationship `{}` (line {}) not mapped: the model has no relations to relationships",
                                r.ty,
                                r.ident,
                                describe(&p, &index, other),
                                o.ty,
                                o.ident,
                                o.line
                            ),
                        );
                    }
                    None => {
                        outcome.push(Outcome::Reported);
                        cx.note(
                            NoteKind::Skipped,
                            r.line,
                            format!(
                                "relationship `{}` ({}) skipped: its source or target is not an element of the file",
                                r.ident, r.ty
                            ),
                        );
                    }
                }
                continue;
            }
        };
        let (ra, rb) = (roles[a], roles[b]);
        let node = |x: Role| matches!(x, Role::System(_) | Role::Service(_) | Role::Pass(_));
        use Role::*;
        let result = match (r.ty.as_str(), ra, rb) {
            ("Association", Contract(c), System(s)) | ("Association", System(s), Contract(c)) => {
                if covered.insert((c, s)) {
                    contracts[c].0.covers.push(systems[s].id.clone());
                }
                Outcome::Mapped
            }
            (_, System(x), System(y))
                if x == y
                    && matches!(
                        r.ty.as_str(),
                        "Serving" | "Realization" | "Assignment" | "Flow" | "Access"
                    ) =>
            {
                Outcome::Why("a system cannot depend on itself".into())
            }
            ("Serving" | "Realization" | "Assignment", x, y) if node(x) && node(y) => {
                let kind = if r.ty == "Serving" {
                    Kind::Serve
                } else {
                    Kind::Realise
                };
                edges.push(Edge {
                    from: a,
                    to: b,
                    kind,
                    rel: ri,
                });
                Outcome::Waiting
            }
            ("Composition" | "Aggregation", x, y) if node(x) && node(y) && a != b => {
                // A system composed of an interface or function provides it;
                // otherwise the whole relies on its part.
                if matches!(x, System(_)) && matches!(y, Pass(_)) {
                    edges.push(Edge {
                        from: a,
                        to: b,
                        kind: Kind::Realise,
                        rel: ri,
                    });
                } else {
                    edges.push(Edge {
                        from: b,
                        to: a,
                        kind: Kind::Part,
                        rel: ri,
                    });
                }
                Outcome::Waiting
            }
            ("Flow", System(_), System(_)) => {
                edges.push(Edge {
                    from: a,
                    to: b,
                    kind: Kind::Direct,
                    rel: ri,
                });
                Outcome::Waiting
            }
            ("Access", System(_), System(_)) => {
                edges.push(Edge {
                    from: b,
                    to: a,
                    kind: Kind::Direct,
                    rel: ri,
                });
                Outcome::Waiting
            }
            ("Flow" | "Access", x, y) if node(x) && node(y) => {
                Outcome::Why("flow and access relationships count between two systems only".into())
            }
            (_, x, y) if !node(x) || !node(y) => {
                let (bad, role) = if !node(x) { (a, x) } else { (b, y) };
                let el = &p.elements[bad];
                Outcome::Why(match role {
                    Contract(_) => format!(
                        "`{}` is a contract; contracts are linked to systems by associations only",
                        el.name
                    ),
                    _ => format!("`{} ({})` is not mapped", el.name, el.ty),
                })
            }
            ("Association", _, _) => {
                Outcome::Why("an association does not say which side relies on the other".into())
            }
            (ty, _, _) => Outcome::Why(format!("the model has no {ty} relations")),
        };
        outcome.push(result);
    }

    // The walk: every system and service relies on the nearest systems
    // behind it.
    let walk = Walk::new(&roles, &edges);
    let mut used = vec![false; p.relations.len()];
    for (t, &et) in system_el.iter().enumerate() {
        let mut found = walk.back(et, true, Some(t), &mut used);
        found.extend(walk.owned(et, t, &mut used));
        // Already listed dependencies, so that a system with many is not
        // scanned for each.
        let mut listed: std::collections::BTreeSet<String> =
            systems[t].depends_on.iter().cloned().collect();
        for j in found {
            let id = systems[j].id.clone();
            if listed.insert(id.clone()) {
                systems[t].depends_on.push(id);
            }
        }
    }
    for (s, &es) in service_el.iter().enumerate() {
        let mut listed: std::collections::BTreeSet<String> =
            services[s].needs.iter().cloned().collect();
        for j in walk.back(es, true, None, &mut used) {
            let id = systems[j].id.clone();
            if listed.insert(id.clone()) {
                services[s].needs.push(id);
            }
        }
    }
    for (ri, r) in p.relations.iter().enumerate() {
        let what = || {
            format!(
                "{} relationship from `{}` to `{}`",
                r.ty,
                describe(&p, &index, &r.source),
                describe(&p, &index, &r.target)
            )
        };
        match &outcome[ri] {
            Outcome::Reported => {}
            Outcome::Why(why) => {
                cx.note(
                    NoteKind::NotMapped,
                    r.line,
                    format!("{} not mapped: {why}", what()),
                );
            }
            Outcome::Waiting if !used[ri] => cx.note(
                NoteKind::NotMapped,
                r.line,
                format!(
                    "{} not mapped: it links no system to a system or service that relies on it",
                    what()
                ),
            ),
            Outcome::Waiting | Outcome::Mapped => relation_extras(&mut cx, r, &what()),
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
        .or_else(|| p.model_name.clone())
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
        "Imported by exitgraph {} from {file} ({})",
        env!("CARGO_PKG_VERSION"),
        p.format.describe()
    )];
    if let Some(n) = &p.model_name {
        header.push(format!("ArchiMate model: {n}"));
    }
    if let Some(d) = &p.model_doc {
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

/// What became of a relationship.
enum Outcome {
    /// Mapped at once (a contract's coverage).
    Mapped,
    /// An edge of the walk: mapped if a walk uses it.
    Waiting,
    /// Not mapped, for this reason.
    Why(String),
    /// Already reported while reading it.
    Reported,
}

/// Names and documentation of a mapped relationship have no place in the model.
fn relation_extras(cx: &mut Ctx<'_>, r: &Relation, what: &str) {
    if let Some(n) = &r.name {
        cx.note(
            NoteKind::NotMapped,
            r.line,
            format!("name `{n}` of the {what} not mapped: dependencies have no names"),
        );
    }
    if r.documentation.is_some() {
        cx.note(
            NoteKind::NotMapped,
            r.line,
            format!("documentation of the {what} not mapped: dependencies have no description"),
        );
    }
}

/// The relationship graph walked to find the systems something relies on.
struct Walk<'a> {
    roles: &'a [Role],
    edges: &'a [Edge],
    /// Edges into each element (what supports it), in file order.
    into: Vec<Vec<usize>>,
    /// Edges out of each element (what it supports), in file order.
    out: Vec<Vec<usize>>,
    /// Whether anything realises, performs or is part of the element.
    realised: Vec<bool>,
}

impl<'a> Walk<'a> {
    fn new(roles: &'a [Role], edges: &'a [Edge]) -> Self {
        let n = roles.len();
        let mut into = vec![Vec::new(); n];
        let mut out = vec![Vec::new(); n];
        let mut realised = vec![false; n];
        for (i, e) in edges.iter().enumerate() {
            into[e.to].push(i);
            out[e.from].push(i);
            if matches!(e.kind, Kind::Realise | Kind::Part) {
                realised[e.to] = true;
            }
        }
        Walk {
            roles,
            edges,
            into,
            out,
            realised,
        }
    }

    /// Whether the walk may follow edge kind `k` into element `n`.
    fn follows(&self, n: usize, k: Kind, start: bool) -> bool {
        if start {
            return true;
        }
        match self.roles[n] {
            Role::Pass(Pass::Realised) => {
                matches!(k, Kind::Realise | Kind::Part) || (k == Kind::Serve && !self.realised[n])
            }
            Role::Pass(Pass::Business | Pass::Junction) | Role::Service(_) => k != Kind::Direct,
            _ => false,
        }
    }

    /// The systems `from` relies on: walking edges backwards through
    /// elements that are not mapped themselves, stopping at each system.
    /// `target` says whether `from` is the system or service asking (every
    /// kind of edge into it counts) or a step of another walk. The
    /// relationships on each path found are marked in `used`; `skip` (the
    /// asking system) is never found.
    fn back(
        &self,
        from: usize,
        target: bool,
        skip: Option<usize>,
        used: &mut [bool],
    ) -> Vec<usize> {
        let mut found = Vec::new();
        let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
        let mut seen = std::collections::BTreeSet::from([from]);
        let mut queue = std::collections::VecDeque::from([from]);
        while let Some(n) = queue.pop_front() {
            for &ei in &self.into[n] {
                let e = self.edges[ei];
                if !self.follows(n, e.kind, target && n == from) || !seen.insert(e.from) {
                    continue;
                }
                parent.insert(e.from, ei);
                match self.roles[e.from] {
                    Role::System(j) if Some(j) != skip => {
                        found.push(j);
                        let mut at = e.from;
                        while let Some(&pe) = parent.get(&at) {
                            used[self.edges[pe].rel] = true;
                            at = self.edges[pe].to;
                        }
                    }
                    Role::Pass(_) | Role::Service(_) => queue.push_back(e.from),
                    _ => {}
                }
            }
        }
        found
    }

    /// What system `t` (element `et`) relies on through the behaviour it
    /// realises: an application service it realises that is served by
    /// another one relies on that one's systems.
    fn owned(&self, et: usize, t: usize, used: &mut [bool]) -> Vec<usize> {
        let mut found = Vec::new();
        // Forward through realisation to the behaviour `t` realises.
        let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
        let mut seen = std::collections::BTreeSet::from([et]);
        let mut queue = std::collections::VecDeque::from([et]);
        let mut owned = Vec::new();
        while let Some(n) = queue.pop_front() {
            for &ei in &self.out[n] {
                let e = self.edges[ei];
                if e.kind != Kind::Realise
                    || self.roles[e.to] != Role::Pass(Pass::Realised)
                    || !seen.insert(e.to)
                {
                    continue;
                }
                parent.insert(e.to, ei);
                owned.push(e.to);
                queue.push_back(e.to);
            }
        }
        for o in owned {
            for &ei in &self.into[o] {
                let e = self.edges[ei];
                if e.kind != Kind::Serve || e.from == et {
                    continue;
                }
                let hits = match self.roles[e.from] {
                    Role::System(j) if j != t => vec![j],
                    Role::Pass(_) | Role::Service(_) => self.back(e.from, false, Some(t), used),
                    _ => Vec::new(),
                };
                if hits.is_empty() {
                    continue;
                }
                used[e.rel] = true;
                let mut at = o;
                while let Some(&pe) = parent.get(&at) {
                    used[self.edges[pe].rel] = true;
                    at = self.edges[pe].from;
                }
                found.extend(hits);
            }
        }
        found
    }
}
