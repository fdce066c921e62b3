//! The two ArchiMate file formats, read into one shape ([`Parsed`]): the
//! Open Group exchange format (3.x and 2.1) and Archi's own `.archimate`
//! files. Everything a reader does not carry into [`Parsed`] (views,
//! folders, metadata, further names, unknown children) is noted here, so
//! that the mapping in `mod.rs` only sees elements and relationships.

use super::xml::X;
use super::{Ctx, canonical};
use crate::interop::NoteKind;
use std::collections::BTreeMap;

/// Namespace of Archi's own model files.
pub(super) const NS_ARCHI: &str = "http://www.archimatetool.com/archimate";
/// Namespaces of the Open Group exchange format start with this
/// (`.../archimate` for 2.1, `.../archimate/3.0/` for 3.0 and 3.1).
pub(super) const NS_EXCHANGE: &str = "http://www.opengroup.org/xsd/archimate";

/// Which file format was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    /// The Open Group exchange format, 3.x.
    Exchange3,
    /// The Open Group exchange format, 2.1 (`label`, `propertydefs`).
    Exchange21,
    /// Archi's own `.archimate` file.
    Archi,
}

impl Format {
    pub fn describe(self) -> &'static str {
        match self {
            Format::Exchange3 => "the ArchiMate exchange format 3.x",
            Format::Exchange21 => "the ArchiMate exchange format 2.1",
            Format::Archi => "an Archi model file (.archimate)",
        }
    }
}

/// A property: name (resolved), value, line.
#[derive(Clone, Debug)]
pub(super) struct Prop {
    pub name: String,
    pub value: String,
    pub line: u64,
}

/// An element (anything that is not a relationship or a view).
#[derive(Clone, Debug)]
pub(super) struct Element {
    pub ident: String,
    /// Canonical type (3.x spelling, see [`canonical`]).
    pub ty: String,
    /// The name, or the identifier when it has none.
    pub name: String,
    pub documentation: Option<String>,
    pub props: Vec<Prop>,
    pub line: u64,
}

/// A relationship.
#[derive(Clone, Debug)]
pub(super) struct Relation {
    pub ident: String,
    pub ty: String,
    pub source: String,
    pub target: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
    pub props: Vec<Prop>,
    pub line: u64,
}

/// An ArchiMate model in either format.
#[derive(Debug)]
pub(super) struct Parsed {
    pub format: Format,
    pub model_name: Option<String>,
    pub model_doc: Option<String>,
    pub elements: Vec<Element>,
    pub relations: Vec<Relation>,
}

/// The text of the first `name` (3.x) or `label` (2.1) child.
fn label(x: &X) -> Option<String> {
    x.child("name")
        .or_else(|| x.child("label"))
        .and_then(X::text)
}

fn documentation(x: &X) -> Option<String> {
    x.child("documentation").and_then(X::text)
}

/// Names in further languages (`<name xml:lang="..">` after the first):
/// only the first name is used; the others are reported.
fn extra_names(cx: &mut Ctx<'_>, x: &X, what: &str) {
    for n in x.all("name").skip(1).chain(x.all("label").skip(1)) {
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

/// Reads an exchange file (3.x or 2.1).
pub(super) fn exchange(cx: &mut Ctx<'_>, root: &X) -> Parsed {
    let format = if root.child("propertydefs").is_some()
        || root
            .namespace()
            .is_some_and(|n| n.trim_end_matches('/') == NS_EXCHANGE)
    {
        Format::Exchange21
    } else {
        Format::Exchange3
    };
    // Property definitions: 3.x `propertyDefinitions`, 2.1 `propertydefs`.
    let mut defs: BTreeMap<String, String> = BTreeMap::new();
    for d in root
        .child("propertyDefinitions")
        .into_iter()
        .flat_map(|p| p.all("propertyDefinition"))
    {
        if let (Some(id), Some(n)) = (d.attr("identifier"), label(d)) {
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
    let props = |x: &X| -> Vec<Prop> {
        let Some(ps) = x.child("properties") else {
            return Vec::new();
        };
        ps.all("property")
            .map(|p| {
                let r = p
                    .attr("propertyDefinitionRef")
                    .or_else(|| p.attr("identifierref"))
                    .unwrap_or("");
                Prop {
                    name: defs.get(r).cloned().unwrap_or_else(|| r.to_string()),
                    value: p.child("value").and_then(X::text).unwrap_or_default(),
                    line: p.line,
                }
            })
            .collect()
    };

    for p in props(root) {
        cx.note(
            NoteKind::NotMapped,
            p.line,
            format!("model property `{}` = `{}` not mapped", p.name, p.value),
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
                .map(|i| usize::from(label(i).is_some()) + count(i))
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
        let views: Vec<String> = v
            .all("view")
            .chain(v.child("diagrams").into_iter().flat_map(|d| d.all("view")))
            .map(|v| label(v).unwrap_or_default())
            .collect();
        views_note(cx, v.line, &views);
    }
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
                format!(
                    "`{}` of the model not mapped: not part of the exchange format this importer reads",
                    c.name
                ),
            );
        }
    }
    extra_names(cx, root, "the model");

    let mut elements = Vec::new();
    for el in root
        .child("elements")
        .into_iter()
        .flat_map(|e| e.all("element"))
    {
        let Some(ident) = el.attr("identifier") else {
            cx.note(
                NoteKind::Skipped,
                el.line,
                "element without `identifier` skipped",
            );
            continue;
        };
        let name = label(el).unwrap_or_else(|| ident.to_string());
        extra_names(cx, el, &format!("`{name}`"));
        unknown_children(
            cx,
            el,
            &name,
            &["name", "label", "documentation", "properties"],
        );
        elements.push(Element {
            ident: ident.to_string(),
            ty: canonical(el.ty()),
            name,
            documentation: documentation(el),
            props: props(el),
            line: el.line,
        });
    }
    let mut relations = Vec::new();
    for r in root
        .child("relationships")
        .into_iter()
        .flat_map(|r| r.all("relationship"))
    {
        let ident = r.attr("identifier").unwrap_or("?").to_string();
        let ty = canonical(r.ty());
        let (Some(source), Some(target)) = (r.attr("source"), r.attr("target")) else {
            cx.note(
                NoteKind::Skipped,
                r.line,
                format!("relationship `{ident}` ({ty}) without source or target skipped"),
            );
            continue;
        };
        extra_names(cx, r, &format!("relationship `{ident}`"));
        relations.push(Relation {
            ident,
            ty,
            source: source.to_string(),
            target: target.to_string(),
            name: label(r),
            documentation: documentation(r),
            props: props(r),
            line: r.line,
        });
    }
    Parsed {
        format,
        model_name: label(root),
        model_doc: documentation(root),
        elements,
        relations,
    }
}

/// Children of an element that the reader does not use.
fn unknown_children(cx: &mut Ctx<'_>, el: &X, name: &str, known: &[&str]) {
    for c in &el.children {
        if !known.contains(&c.name.as_str()) {
            cx.note(
                NoteKind::NotMapped,
                c.line,
                format!("`{}` of `{name}` not mapped", c.name),
            );
        }
    }
}

fn views_note(cx: &mut Ctx<'_>, line: u64, views: &[String]) {
    if views.is_empty() {
        return;
    }
    cx.note(
        NoteKind::NotMapped,
        line,
        format!(
            "{} view(s) not mapped (diagram layout): {}",
            views.len(),
            views
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    );
}

/// Reads an Archi model file: elements and relationships in nested
/// folders, `property key= value=` pairs, `documentation` children (or
/// attributes, in files of old Archi versions), views as diagram models.
pub(super) fn archi(cx: &mut Ctx<'_>, root: &X) -> Parsed {
    let mut out = Parsed {
        format: Format::Archi,
        model_name: root
            .attr("name")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from),
        model_doc: root
            .child("purpose")
            .and_then(X::text)
            .or_else(|| root.attr("purpose").map(str::to_string)),
        elements: Vec::new(),
        relations: Vec::new(),
    };
    let mut folders = 0usize;
    let mut views: Vec<String> = Vec::new();
    let mut views_line: Option<u64> = None;
    for p in root.all("property") {
        cx.note(
            NoteKind::NotMapped,
            p.line,
            format!(
                "model property `{}` = `{}` not mapped",
                p.attr("key").unwrap_or(""),
                p.attr("value").unwrap_or("")
            ),
        );
    }
    let profiles: Vec<&X> = root.all("profile").collect();
    if !profiles.is_empty() {
        cx.note(
            NoteKind::NotMapped,
            profiles[0].line,
            format!(
                "{} specialisation(s) not mapped: {}",
                profiles.len(),
                profiles
                    .iter()
                    .map(|p| format!("`{}`", p.attr("name").unwrap_or("?")))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    for c in &root.children {
        match c.name.as_str() {
            "folder" => folder(cx, c, &mut out, &mut folders, &mut views, &mut views_line),
            "purpose" | "property" | "profile" => {}
            other => cx.note(
                NoteKind::NotMapped,
                c.line,
                format!("`{other}` of the model not mapped: not part of the Archi format this importer reads"),
            ),
        }
    }
    if folders > 0 {
        cx.note(
            NoteKind::NotMapped,
            root.line,
            format!("folder structure ({folders} folders) not mapped"),
        );
    }
    if let Some(l) = views_line {
        views_note(cx, l, &views);
    }
    out
}

fn folder(
    cx: &mut Ctx<'_>,
    f: &X,
    out: &mut Parsed,
    folders: &mut usize,
    views: &mut Vec<String>,
    views_line: &mut Option<u64>,
) {
    *folders += 1;
    for c in &f.children {
        match c.name.as_str() {
            "folder" => folder(cx, c, out, folders, views, views_line),
            "element" => archi_element(cx, c, out, views, views_line),
            "documentation" | "property" => {}
            other => cx.note(
                NoteKind::NotMapped,
                c.line,
                format!(
                    "`{other}` in folder `{}` not mapped",
                    f.attr("name").unwrap_or("?")
                ),
            ),
        }
    }
}

fn archi_element(
    cx: &mut Ctx<'_>,
    el: &X,
    out: &mut Parsed,
    views: &mut Vec<String>,
    views_line: &mut Option<u64>,
) {
    let raw_ty = el.ty();
    let name_attr = el.attr("name").map(str::trim).filter(|s| !s.is_empty());
    // Diagrams: Archi's views, sketches and canvases.
    if raw_ty.ends_with("DiagramModel")
        || raw_ty.ends_with("SketchModel")
        || raw_ty.ends_with("CanvasModel")
    {
        views.push(name_attr.unwrap_or("").to_string());
        views_line.get_or_insert(el.line);
        return;
    }
    let Some(ident) = el.attr("id") else {
        cx.note(NoteKind::Skipped, el.line, "element without `id` skipped");
        return;
    };
    let mut ty = canonical(raw_ty);
    // Archi writes the kind of a junction as a plain `type` attribute,
    // only for or-junctions.
    if ty == "Junction" && el.attrs.iter().any(|(k, v)| k == "type" && v == "or") {
        ty = "OrJunction".into();
    }
    let name = name_attr.unwrap_or(ident).to_string();
    let props: Vec<Prop> = el
        .all("property")
        .map(|p| Prop {
            name: p.attr("key").unwrap_or("").to_string(),
            value: p.attr("value").unwrap_or("").trim().to_string(),
            line: p.line,
        })
        .collect();
    let documentation = el.child("documentation").and_then(X::text).or_else(|| {
        el.attr("documentation")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
    });
    unknown_children(cx, el, &name, &["documentation", "property"]);
    if let (Some(source), Some(target)) = (el.attr("source"), el.attr("target")) {
        out.relations.push(Relation {
            ident: ident.to_string(),
            ty,
            source: source.to_string(),
            target: target.to_string(),
            name: name_attr.map(String::from),
            documentation,
            props,
            line: el.line,
        });
    } else if ty.ends_with("Relationship") || is_relation_type(&ty) {
        cx.note(
            NoteKind::Skipped,
            el.line,
            format!("relationship `{ident}` ({ty}) without source or target skipped"),
        );
    } else {
        out.elements.push(Element {
            ident: ident.to_string(),
            ty,
            name,
            documentation,
            props,
            line: el.line,
        });
    }
}

/// Relationship types (canonical spelling).
pub(super) fn is_relation_type(ty: &str) -> bool {
    matches!(
        ty,
        "Serving"
            | "Realization"
            | "Assignment"
            | "Access"
            | "Flow"
            | "Triggering"
            | "Influence"
            | "Association"
            | "Composition"
            | "Aggregation"
            | "Specialization"
    )
}
