//! The model entities an ArchiMate element becomes: a system, a service or
//! a contract, with the element's properties read as model keys (German or
//! English names, values read with the spreadsheet word lists).

use super::Ctx;
use super::read::Element;
use crate::interop::NoteKind;
use crate::interop::csv_import::Vendors;
use crate::interop::csv_import::columns::{C, Field, S, Svc};
use crate::interop::csv_import::table::vocabulary;
use crate::interop::emit::{DraftContract, DraftService, DraftSystem, IdPool};
use crate::interop::words::{self, fold};
use crate::model::{ContractKind, Layer, Licence};

/// Property names (folded) accepted for each model key.
pub(super) const SYSTEM_KEYS: &[(&str, &[&str])] = &[
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

pub(super) const SERVICE_KEYS: &[(&str, &[&str])] = &[
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

pub(super) const CONTRACT_KEYS: &[(&str, &[&str])] = &[
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

/// The model key a property names: the lists above, else the spreadsheet
/// vocabulary of the same kind of entity (`Lifecycle` is a status there),
/// when this import reads that key from properties.
fn key_or_vocabulary<F: Field>(
    keys: &[(&'static str, &[&str])],
    prop: &str,
) -> Option<&'static str> {
    key_of(keys, prop).or_else(|| {
        let key = vocabulary::<F>(prop)?.key();
        keys.iter().find(|(k, _)| *k == key).map(|(k, _)| *k)
    })
}

fn system_key(prop: &str) -> Option<&'static str> {
    key_or_vocabulary::<S>(SYSTEM_KEYS, prop)
}

fn service_key(prop: &str) -> Option<&'static str> {
    key_or_vocabulary::<Svc>(SERVICE_KEYS, prop)
}

fn contract_key(prop: &str) -> Option<&'static str> {
    key_or_vocabulary::<C>(CONTRACT_KEYS, prop)
}

pub(super) fn element_id(
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
    let id = pool.take(&want);
    if id != want {
        cx.note(
            NoteKind::Assumed,
            line,
            format!("id `{want}` is taken by an earlier element: `{name}` written as `{id}`; if both are the same, merge them"),
        );
    }
    id
}

pub(super) fn system(
    cx: &mut Ctx<'_>,
    vendors: &mut Vendors,
    pool: &mut IdPool,
    el: &Element,
    layer: Layer,
) -> DraftSystem {
    let (ident, name) = (el.ident.as_str(), el.name.as_str());
    let props: Vec<(String, String, u64)> = el
        .props
        .iter()
        .map(|p| (p.name.clone(), p.value.clone(), p.line))
        .collect();
    let ty = el.ty.as_str();
    let line = el.line;
    let given = props
        .iter()
        .find(|(n, _, _)| system_key(n) == Some("id"))
        .map(|(_, v, _)| v.clone());
    let id = element_id(cx, pool, given.as_deref(), name, ident, line);
    let mut s = DraftSystem {
        id,
        name: name.to_string(),
        description: el.documentation.clone(),
        layer: Some(layer),
        comment: Some(format!("{ty} `{ident}`, {}, line {line}", cx.file)),
        ..Default::default()
    };
    for (n, v, pl) in props {
        let key = system_key(&n);
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
pub(super) fn set<T>(slot: &mut Option<T>, v: Option<T>) -> bool {
    match v {
        Some(v) => {
            *slot = Some(v);
            true
        }
        None => false,
    }
}

pub(super) fn service(cx: &mut Ctx<'_>, pool: &mut IdPool, el: &Element) -> DraftService {
    let (ident, name) = (el.ident.as_str(), el.name.as_str());
    let props: Vec<(String, String, u64)> = el
        .props
        .iter()
        .map(|p| (p.name.clone(), p.value.clone(), p.line))
        .collect();
    let line = el.line;
    let given = props
        .iter()
        .find(|(n, _, _)| service_key(n) == Some("id"))
        .map(|(_, v, _)| v.clone());
    let id = element_id(cx, pool, given.as_deref(), name, ident, line);
    let mut s = DraftService {
        id,
        name: name.to_string(),
        description: el.documentation.clone(),
        comment: Some(format!(
            "BusinessService `{ident}`, {}, line {line}",
            cx.file
        )),
        ..Default::default()
    };
    for (n, v, pl) in props {
        let ok = match service_key(&n) {
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
pub(super) fn contract(
    cx: &mut Ctx<'_>,
    vendors: &mut Vendors,
    pool: &mut IdPool,
    el: &Element,
) -> Option<DraftContract> {
    let (ident, name) = (el.ident.as_str(), el.name.as_str());
    let props: Vec<(String, String, u64)> = el
        .props
        .iter()
        .map(|p| (p.name.clone(), p.value.clone(), p.line))
        .collect();
    let line = el.line;
    let mut vendor: Option<String> = None;
    let mut c = DraftContract {
        id: String::new(),
        name: Some(name.to_string()),
        description: el.documentation.clone(),
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
        let ok = match contract_key(n) {
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
