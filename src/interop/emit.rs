//! Writing a model as commented TOML that the loader accepts.
//!
//! Imports fill a [`Draft`]: the model as plain data, with references as
//! ids. [`emit`] writes it table by table in the order of the model
//! reference (organisation, vendors, formats, systems, contracts, services),
//! keys in a fixed order, and a comment above each entity saying where it
//! came from. Every string goes through the `toml` crate's own value
//! serialiser, so quotes, backslashes, line breaks and control characters
//! in names are escaped correctly; comments are cleaned of characters a
//! TOML comment may not hold.

use crate::model::{
    ContractKind, Country, Criticality, Customisation, Duration, Layer, Licence, Region, Status,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The organisation table of a draft.
#[derive(Clone, Debug)]
pub struct DraftOrganisation {
    pub name: String,
    pub home: Country,
    pub trusted: Vec<Region>,
    pub as_of: Option<NaiveDate>,
}

/// A vendor of a draft.
#[derive(Clone, Debug)]
pub struct DraftVendor {
    pub id: String,
    pub name: String,
    pub country: Country,
    pub parent: Option<String>,
    pub description: Option<String>,
    /// A stand-in whose country is assumed (`placeholder = true`).
    pub placeholder: bool,
    /// Written as a comment above the table.
    pub comment: Option<String>,
}

/// A data format of a draft.
#[derive(Clone, Debug)]
pub struct DraftFormat {
    pub id: String,
    pub name: String,
    pub open: bool,
    pub standard: Option<String>,
    pub comment: Option<String>,
}

/// A system of a draft; `None` fields are left out (the model's defaults apply).
#[derive(Clone, Debug, Default)]
pub struct DraftSystem {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub category: Option<String>,
    pub layer: Option<Layer>,
    pub vendor: Option<String>,
    pub operator: Option<String>,
    pub region: Option<Region>,
    pub licence: Option<Licence>,
    pub criticality: Option<Criticality>,
    pub users: Option<u64>,
    pub status: Option<Status>,
    pub customisation: Option<Customisation>,
    pub formats: Vec<String>,
    pub exports: Option<Vec<String>>,
    pub depends_on: Vec<String>,
    pub alternatives: Vec<String>,
    pub exit_plan: Option<String>,
    pub comment: Option<String>,
}

/// A contract of a draft.
#[derive(Clone, Debug)]
pub struct DraftContract {
    pub id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub vendor: String,
    pub covers: Vec<String>,
    pub kind: ContractKind,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub term: Option<Duration>,
    pub notice: Option<Duration>,
    pub renewal: Option<Duration>,
    pub annual_cost: Option<f64>,
    pub data_retrieval: Option<Duration>,
    pub switching_charge: Option<f64>,
    pub comment: Option<String>,
}

/// A business service of a draft.
#[derive(Clone, Debug, Default)]
pub struct DraftService {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub criticality: Option<Criticality>,
    pub max_outage: Option<Duration>,
    pub users: Option<u64>,
    pub needs: Vec<String>,
    pub comment: Option<String>,
}

/// An interface of a draft.
#[derive(Clone, Debug, Default)]
pub struct DraftInterface {
    pub id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub from: String,
    pub to: String,
    pub protocol: Option<String>,
    pub format: Option<String>,
    pub open: Option<bool>,
    pub hard: Option<bool>,
    pub comment: Option<String>,
}

/// A whole model as plain data, ready to be written.
#[derive(Clone, Debug)]
pub struct Draft {
    /// Comment lines at the top of the file.
    pub header: Vec<String>,
    pub organisation: DraftOrganisation,
    pub vendors: Vec<DraftVendor>,
    pub formats: Vec<DraftFormat>,
    pub systems: Vec<DraftSystem>,
    pub contracts: Vec<DraftContract>,
    pub services: Vec<DraftService>,
}

/// A TOML basic string with every character escaped as TOML requires.
pub fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A list of strings as a TOML inline array.
fn toml_list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", inner.join(", "))
}

/// A money amount: integral values without a fraction, others as floats.
fn toml_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x:?}")
    }
}

/// Text fit for a one-line TOML comment: control characters become spaces.
fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

struct Out {
    s: String,
}

impl Out {
    fn comment(&mut self, c: &Option<String>) {
        if let Some(c) = c {
            for line in c.lines() {
                let _ = writeln!(self.s, "# {}", comment_text(line));
            }
        }
    }
    fn str(&mut self, key: &str, v: &str) {
        let _ = writeln!(self.s, "{key} = {}", toml_string(v));
    }
    fn opt_str(&mut self, key: &str, v: &Option<String>) {
        if let Some(v) = v {
            self.str(key, v);
        }
    }
    fn word(&mut self, key: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.str(key, v);
        }
    }
    fn list(&mut self, key: &str, v: &[String]) {
        if !v.is_empty() {
            let _ = writeln!(self.s, "{key} = {}", toml_list(v));
        }
    }
    fn raw(&mut self, key: &str, v: impl std::fmt::Display) {
        let _ = writeln!(self.s, "{key} = {v}");
    }
    fn duration(&mut self, key: &str, v: &Option<Duration>) {
        if let Some(d) = v {
            self.str(key, &d.to_string());
        }
    }
    fn date(&mut self, key: &str, v: &Option<NaiveDate>) {
        if let Some(d) = v {
            self.raw(key, d.format("%Y-%m-%d"));
        }
    }
    fn money(&mut self, key: &str, v: &Option<f64>) {
        if let Some(x) = v {
            self.raw(key, toml_number(*x));
        }
    }
    fn section(&mut self, title: &str) {
        let _ = writeln!(
            self.s,
            "\n# {}\n# {title}\n# {}",
            "-".repeat(75),
            "-".repeat(75)
        );
    }
}

/// Writes a draft as TOML.
pub fn emit(d: &Draft) -> String {
    let mut o = Out { s: String::new() };
    for h in &d.header {
        let _ = writeln!(o.s, "# {}", comment_text(h));
    }
    if !d.header.is_empty() {
        o.s.push('\n');
    }
    let org = &d.organisation;
    o.s.push_str("[organisation]\n");
    o.str("name", &org.name);
    o.str("home", org.home.as_str());
    let trusted: Vec<String> = org.trusted.iter().map(|r| r.to_string()).collect();
    if !trusted.is_empty() {
        let _ = writeln!(o.s, "trusted = {}", toml_list(&trusted));
    }
    o.date("as_of", &org.as_of);

    if !d.vendors.is_empty() {
        o.section("Vendors / Anbieter");
    }
    for v in &d.vendors {
        o.s.push('\n');
        o.comment(&v.comment);
        o.s.push_str("[[vendor]]\n");
        o.str("id", &v.id);
        o.str("name", &v.name);
        o.str("country", v.country.as_str());
        o.opt_str("parent", &v.parent);
        o.opt_str("description", &v.description);
        if v.placeholder {
            o.raw("placeholder", true);
        }
    }

    formats(&mut o, &d.formats);

    if !d.systems.is_empty() {
        o.section("Systems / Systeme");
    }
    for s in &d.systems {
        o.s.push('\n');
        o.comment(&s.comment);
        o.s.push_str("[[system]]\n");
        o.str("id", &s.id);
        o.str("name", &s.name);
        o.opt_str("description", &s.description);
        o.opt_str("category", &s.category);
        o.word("layer", s.layer.map(Layer::as_str));
        o.opt_str("vendor", &s.vendor);
        o.opt_str("operator", &s.operator);
        if let Some(r) = s.region {
            o.str("region", &r.to_string());
        }
        o.word("licence", s.licence.map(Licence::as_str));
        o.word("criticality", s.criticality.map(Criticality::as_str));
        if let Some(u) = s.users {
            o.raw("users", u);
        }
        o.word("status", s.status.map(Status::as_str));
        o.word("customisation", s.customisation.map(Customisation::as_str));
        o.list("formats", &s.formats);
        if let Some(e) = &s.exports {
            let _ = writeln!(o.s, "exports = {}", toml_list(e));
        }
        o.list("depends_on", &s.depends_on);
        o.list("alternatives", &s.alternatives);
        o.opt_str("exit_plan", &s.exit_plan);
    }

    if !d.contracts.is_empty() {
        o.section("Contracts / Verträge");
    }
    for c in &d.contracts {
        o.s.push('\n');
        o.comment(&c.comment);
        o.s.push_str("[[contract]]\n");
        o.str("id", &c.id);
        o.opt_str("name", &c.name);
        o.opt_str("description", &c.description);
        o.str("vendor", &c.vendor);
        o.list("covers", &c.covers);
        o.str("kind", c.kind.as_str());
        o.date("start", &c.start);
        o.date("end", &c.end);
        o.duration("term", &c.term);
        o.duration("notice", &c.notice);
        o.duration("renewal", &c.renewal);
        o.money("annual_cost", &c.annual_cost);
        o.duration("data_retrieval", &c.data_retrieval);
        o.money("switching_charge", &c.switching_charge);
    }

    services(&mut o, &d.services);
    o.s
}

fn formats(o: &mut Out, fs: &[DraftFormat]) {
    if !fs.is_empty() {
        o.section("Data formats / Datenformate");
    }
    for f in fs {
        o.s.push('\n');
        o.comment(&f.comment);
        o.s.push_str("[[format]]\n");
        o.str("id", &f.id);
        o.str("name", &f.name);
        o.raw("open", f.open);
        o.opt_str("standard", &f.standard);
    }
}

fn services(o: &mut Out, ss: &[DraftService]) {
    if !ss.is_empty() {
        o.section("Services / Leistungen");
    }
    for s in ss {
        o.s.push('\n');
        o.comment(&s.comment);
        o.s.push_str("[[service]]\n");
        o.str("id", &s.id);
        o.str("name", &s.name);
        o.opt_str("description", &s.description);
        o.word("criticality", s.criticality.map(Criticality::as_str));
        o.duration("max_outage", &s.max_outage);
        if let Some(u) = s.users {
            o.raw("users", u);
        }
        o.list("needs", &s.needs);
    }
}

fn interfaces(o: &mut Out, is: &[DraftInterface]) {
    if !is.is_empty() {
        o.section("Interfaces / Schnittstellen");
    }
    for i in is {
        o.s.push('\n');
        o.comment(&i.comment);
        o.s.push_str("[[interface]]\n");
        o.str("id", &i.id);
        o.opt_str("name", &i.name);
        o.opt_str("description", &i.description);
        o.str("from", &i.from);
        o.str("to", &i.to);
        o.opt_str("protocol", &i.protocol);
        o.opt_str("format", &i.format);
        if let Some(b) = i.open {
            o.raw("open", b);
        }
        if let Some(b) = i.hard {
            o.raw("hard", b);
        }
    }
}

/// Tables to append to an existing model: formats, interfaces, services,
/// under a comment saying where they came from.
pub fn emit_tables(
    header: &[String],
    fs: &[DraftFormat],
    is: &[DraftInterface],
    ss: &[DraftService],
) -> String {
    let mut o = Out { s: String::new() };
    for h in header {
        let _ = writeln!(o.s, "# {}", comment_text(h));
    }
    formats(&mut o, fs);
    interfaces(&mut o, is);
    services(&mut o, ss);
    o.s
}

/// Hands out unique ids per kind: the wanted id, else `-2`, `-3`, ...
#[derive(Debug, Default)]
pub struct IdPool {
    used: BTreeSet<String>,
    /// Per wanted id, the counter to try next: every `want-N` below it is
    /// taken (ids are never given back), so the search starts there
    /// instead of at 2, and n rows of one name cost n steps, not n²/2.
    next: BTreeMap<String, u64>,
}

impl IdPool {
    /// A pool in which `reserved` are never given out (`self` is not a
    /// vendor id: it names the organisation).
    pub fn reserving(reserved: &[&str]) -> IdPool {
        IdPool {
            used: reserved.iter().map(|s| s.to_string()).collect(),
            next: BTreeMap::new(),
        }
    }

    /// Reserves `want` or the first free `want-N`; returns the id given out.
    pub fn take(&mut self, want: &str) -> String {
        // Ids are ASCII; one cut short of the model's string limit leaves
        // room for a `-N` counter (and never ends in `-`).
        let max = super::max_string_bytes() - 16;
        let want = match want.get(..max.min(want.len())) {
            Some(w) if w.len() < want.len() => w.trim_end_matches('-'),
            _ => want,
        };
        if self.used.insert(want.to_string()) {
            return want.to_string();
        }
        let n = self.next.entry(want.to_string()).or_insert(2);
        loop {
            let c = format!("{want}-{n}");
            *n += 1;
            if self.used.insert(c.clone()) {
                return c;
            }
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.used.contains(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Limits, load_str};
    use proptest::prelude::*;
    use std::path::Path;

    fn org() -> DraftOrganisation {
        DraftOrganisation {
            name: "Gemeinde \"Test\"".into(),
            home: Country::parse("DE").unwrap(),
            trusted: vec![Region::Eu],
            as_of: None,
        }
    }

    fn draft_with_name(name: &str) -> Draft {
        Draft {
            header: vec![format!("imported from {name}")],
            organisation: org(),
            vendors: vec![DraftVendor {
                id: "v".into(),
                name: name.into(),
                country: Country::parse("US").unwrap(),
                parent: None,
                description: Some(name.into()),
                placeholder: true,
                comment: Some(format!("from {name}")),
            }],
            formats: vec![],
            systems: vec![DraftSystem {
                id: "s".into(),
                name: name.into(),
                vendor: Some("v".into()),
                ..Default::default()
            }],
            contracts: vec![DraftContract {
                id: "c".into(),
                name: Some(name.into()),
                description: None,
                vendor: "v".into(),
                covers: vec!["s".into()],
                kind: ContractKind::Cloud,
                start: None,
                end: NaiveDate::from_ymd_opt(2027, 12, 31),
                term: None,
                notice: Some(Duration::months(3)),
                renewal: None,
                annual_cost: Some(1234.5),
                data_retrieval: None,
                switching_charge: Some(1e12),
                comment: None,
            }],
            services: vec![],
        }
    }

    fn reload(text: &str) -> crate::model::Model {
        load_str("t.toml", Path::new("t.toml"), text, &Limits::default())
            .unwrap_or_else(|f| panic!("{text}\n{:#?}", f.diagnostics))
    }

    #[test]
    fn hostile_names_round_trip_exactly() {
        let name = "Bürger\"büro\\ \n# [[system]] \u{1} tab\tend '''\"\"\"";
        let m = reload(&emit(&draft_with_name(name)));
        assert_eq!(m.systems[0].name, name);
        assert_eq!(m.vendors[0].description.as_deref(), Some(name));
        assert_eq!(m.contracts[0].annual_cost, Some(1234.5));
        assert_eq!(m.contracts[0].switching_charge, Some(1e12));
        assert_eq!(m.organisation.name, "Gemeinde \"Test\"");
    }

    #[test]
    fn ids_are_made_unique_with_a_counter() {
        let mut p = IdPool::default();
        assert_eq!(p.take("a"), "a");
        assert_eq!(p.take("a"), "a-2");
        assert_eq!(p.take("a"), "a-3");
        assert!(p.contains("a-2"));
        // An id taken directly is skipped by the counter, as before.
        assert_eq!(p.take("b-2"), "b-2");
        assert_eq!(p.take("b"), "b");
        assert_eq!(p.take("b"), "b-3");
        assert_eq!(p.take("a-4"), "a-4");
        assert_eq!(p.take("a"), "a-5");
        assert_eq!(p.take("b-2"), "b-2-2");
    }

    proptest! {
        /// Any string a user may write survives emit + load unchanged.
        #[test]
        fn any_name_survives(name in "\\PC{0,40}|[\\x00-\\x7f]{0,40}") {
            let m = reload(&emit(&draft_with_name(&name)));
            prop_assert_eq!(&m.systems[0].name, &name);
        }
    }
}
