//! Raw model: what the TOML says, with spans, references still as strings.
//!
//! Decoding checks types, enum words, dates, durations and country codes;
//! everything that needs the whole model (references, duplicates, cycles)
//! is left to `validate`.

use super::country::{Country, Region};
use super::decode::{Ctx, Table, read_str, type_name};
use super::defaults::{self, Defaults};
use super::diag::{Code, Diagnostic};
use super::duration::Duration;
use super::source::{Sp, Span};
use super::types::*;
use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

pub type Id = Sp<String>;

#[derive(Debug, Default)]
pub struct RawOrganisation {
    pub span: Span,
    pub name: Option<Sp<String>>,
    pub home: Option<Sp<Country>>,
    pub trusted: Vec<Sp<Region>>,
    pub as_of: Option<Sp<NaiveDate>>,
    pub staff: Option<Sp<u64>>,
    pub parallel_migrations: Option<Sp<u64>>,
    pub switch_target: Option<Sp<Duration>>,
    pub it_competence: Option<Sp<u64>>,
    pub currency: Option<Sp<String>>,
    pub language: Option<Sp<Lang>>,
    pub include: Vec<Sp<String>>,
    pub description: Option<Sp<String>>,
}

#[derive(Debug)]
pub struct RawVendor {
    pub span: Span,
    pub id: Option<Id>,
    pub name: Option<Sp<String>>,
    pub country: Option<Sp<Country>>,
    pub parent: Option<Id>,
    pub description: Option<Sp<String>>,
    pub placeholder: Option<Sp<bool>>,
    pub contact: Option<RawContact>,
}

/// `contact = { phone, email, reference, owner }` of a vendor or contract.
#[derive(Debug, Default)]
pub struct RawContact {
    pub phone: Option<Sp<String>>,
    pub email: Option<Sp<String>>,
    pub reference: Option<Sp<String>>,
    pub owner: Option<Sp<String>>,
}

/// `[system.recovery]`.
#[derive(Debug, Default)]
pub struct RawRecovery {
    pub restart: Option<Sp<Duration>>,
    pub restore: Option<Sp<Duration>>,
    pub rpo: Option<Sp<Duration>>,
    pub backup_system: Option<Id>,
    pub fallback: Option<Id>,
    pub setup: Option<Sp<Duration>>,
}

/// An entry of `alternatives`: an id, with its own switch estimate when
/// written as a table (`{ id = "x", optimistic = ..., likely = ..., pessimistic = ... }`).
#[derive(Debug)]
pub struct RawAlternative {
    pub id: Id,
    pub switch: Option<RawSwitch>,
}

/// `workaround = { text, from, capacity }` of a service.
#[derive(Debug)]
pub struct RawWorkaround {
    pub text: Option<Sp<String>>,
    pub from: Option<Sp<Duration>>,
    pub capacity: Option<Sp<f64>>,
}

#[derive(Debug)]
pub enum RawDep {
    One(Id),
    Any(Span, Vec<Id>),
}

#[derive(Debug)]
pub struct RawData {
    pub classes: Vec<Sp<String>>,
    pub sensitivity: Option<Sp<Sensitivity>>,
    pub volume_gb: Option<Sp<f64>>,
    pub backup: Option<Id>,
}

#[derive(Debug, Default)]
pub struct RawSwitch {
    pub span: Span,
    pub optimistic: Option<Sp<Duration>>,
    pub likely: Option<Sp<Duration>>,
    pub pessimistic: Option<Sp<Duration>>,
    pub cost: Option<Sp<f64>>,
}

#[derive(Debug)]
pub struct RawSystem {
    pub span: Span,
    pub id: Option<Id>,
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub category: Option<Sp<String>>,
    pub layer: Option<Sp<Layer>>,
    pub vendor: Option<Id>,
    pub operator: Option<Id>,
    pub region: Option<Sp<Region>>,
    pub licence: Option<Sp<Licence>>,
    pub criticality: Option<Sp<Criticality>>,
    pub users: Option<Sp<u64>>,
    pub status: Option<Sp<Status>>,
    pub customisation: Option<Sp<Customisation>>,
    pub data: Option<RawData>,
    pub formats: Vec<Id>,
    pub exports: Option<Vec<Id>>,
    pub depends_on: Vec<RawDep>,
    pub alternatives: Vec<RawAlternative>,
    pub exit_plan: Option<Sp<String>>,
    pub licence_check: Option<Sp<Duration>>,
    pub switch: Option<RawSwitch>,
    pub exit: Option<Sp<ExitKind>>,
    pub mandated: Option<Sp<String>>,
    pub recovery: Option<RawRecovery>,
}

#[derive(Debug)]
pub struct RawInterface {
    pub span: Span,
    pub id: Option<Id>,
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub from: Option<Id>,
    pub to: Option<Id>,
    pub protocol: Option<Sp<String>>,
    pub format: Option<Id>,
    pub open: Option<Sp<bool>>,
    pub hard: Option<Sp<bool>>,
}

#[derive(Debug)]
pub struct RawFormat {
    pub span: Span,
    pub id: Option<Id>,
    pub name: Option<Sp<String>>,
    pub open: Option<Sp<bool>>,
    pub standard: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
}

#[derive(Debug)]
pub struct RawContract {
    pub span: Span,
    pub id: Option<Id>,
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub vendor: Option<Id>,
    pub covers: Vec<Id>,
    pub kind: Option<Sp<ContractKind>>,
    pub start: Option<Sp<NaiveDate>>,
    pub end: Option<Sp<NaiveDate>>,
    pub term: Option<Sp<Duration>>,
    /// Whether `end` or `term` was written at all (even if invalid), so that a
    /// bad value is not reported a second time as a missing term.
    pub term_written: bool,
    pub notice: Option<Sp<Duration>>,
    pub renewal: Option<Sp<Duration>>,
    pub annual_cost: Option<Sp<f64>>,
    pub data_retrieval: Option<Sp<Duration>>,
    pub switching_charge: Option<Sp<f64>>,
    pub contact: Option<RawContact>,
    pub notice_to: Option<Sp<NoticeTo>>,
    pub provider_notice: Option<Sp<Duration>>,
    pub exit: Option<Sp<ExitKind>>,
    pub decision: Option<RawDecision>,
}

#[derive(Debug)]
pub struct RawDecision {
    pub span: Span,
    pub intent: Option<Sp<Intent>>,
    pub decided: Option<Sp<NaiveDate>>,
    pub by: Option<Sp<String>>,
    pub reason: Option<Sp<String>>,
}

#[derive(Debug)]
pub struct RawService {
    pub span: Span,
    pub id: Option<Id>,
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub criticality: Option<Sp<Criticality>>,
    pub max_outage: Option<Sp<Duration>>,
    pub rto: Option<Sp<Duration>>,
    pub rpo: Option<Sp<Duration>>,
    pub workaround: Option<RawWorkaround>,
    pub users: Option<Sp<u64>>,
    pub needs: Vec<RawDep>,
}

#[derive(Debug)]
pub enum RawCut {
    Vendor(Id),
    Jurisdiction(Sp<Region>),
    System(Id),
}

/// An entry of a scenario's `cut`, with its own kind and duration when
/// written as a table (`{ target = "vendor:x", kind = "outage", duration = "3d" }`).
#[derive(Debug)]
pub struct RawCutEntry {
    pub span: Span,
    pub target: RawCut,
    pub kind: Option<Sp<CutKind>>,
    pub duration: Option<Sp<Duration>>,
    /// `kind` or `duration` was written but could not be read (already
    /// reported): the entry's term is unknown.
    pub bad_term: bool,
}

#[derive(Debug)]
pub struct RawPrice {
    pub vendor: Option<Id>,
    pub factor: Option<Sp<f64>>,
}

#[derive(Debug)]
pub struct RawScenario {
    pub span: Span,
    pub id: Option<Id>,
    pub name: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
    pub cut: Vec<RawCutEntry>,
    /// The kind and duration of every entry that gives none of its own.
    pub kind: Option<Sp<CutKind>>,
    pub duration: Option<Sp<Duration>>,
    /// `kind` or `duration` was written but could not be read (already
    /// reported).
    pub bad_term: bool,
    pub price: Vec<RawPrice>,
}

/// A `[[measure]]` as written.
#[derive(Debug)]
pub struct RawMeasure {
    pub span: Span,
    pub id: Option<Id>,
    pub name: Option<Sp<String>>,
    pub systems: Vec<Id>,
    pub contracts: Vec<Id>,
    pub status: Option<Sp<MeasureStatus>>,
    pub start: Option<Sp<NaiveDate>>,
    pub due: Option<Sp<NaiveDate>>,
    pub budget: Option<Sp<f64>>,
    pub spent: Option<Sp<f64>>,
    pub owner: Option<Sp<String>>,
    pub note: Option<Sp<String>>,
}

#[derive(Debug, Default)]
pub struct RawPlan {
    pub span: Span,
    pub start: Option<Sp<NaiveDate>>,
    pub horizon: Option<Sp<Duration>>,
    pub parallel_migrations: Option<Sp<u64>>,
    pub staff_months: Option<Sp<f64>>,
    /// Calendar year (as written) and amount.
    pub budget: Option<Vec<(Sp<String>, Sp<f64>)>>,
    pub goal: Option<Sp<PlanGoal>>,
    pub target_score: Option<Sp<u64>>,
}

/// Everything read from all files of a model.
#[derive(Debug, Default)]
pub struct RawModel {
    /// The main file's organisation (included files may only add `include`).
    pub organisation: Option<RawOrganisation>,
    pub defaults: Option<(Span, Defaults)>,
    pub policy: Option<super::policy::RawPolicy>,
    pub plan: Option<RawPlan>,
    pub vendors: Vec<RawVendor>,
    pub systems: Vec<RawSystem>,
    pub interfaces: Vec<RawInterface>,
    pub formats: Vec<RawFormat>,
    pub contracts: Vec<RawContract>,
    pub services: Vec<RawService>,
    pub scenarios: Vec<RawScenario>,
    pub measures: Vec<RawMeasure>,
}

impl RawModel {
    /// Appends what another part of the same file holds (see `load::split`).
    pub fn append(&mut self, part: RawModel) {
        if part.organisation.is_some() {
            self.organisation = part.organisation;
        }
        if part.defaults.is_some() {
            self.defaults = part.defaults;
        }
        if part.policy.is_some() {
            self.policy = part.policy;
        }
        if part.plan.is_some() {
            self.plan = part.plan;
        }
        self.vendors.extend(part.vendors);
        self.systems.extend(part.systems);
        self.interfaces.extend(part.interfaces);
        self.formats.extend(part.formats);
        self.contracts.extend(part.contracts);
        self.services.extend(part.services);
        self.scenarios.extend(part.scenarios);
        self.measures.extend(part.measures);
    }
}

/// Reads one parsed file into `raw`. Returns the include patterns of this file.
pub fn read_file(
    cx: &mut Ctx<'_>,
    root: &DeTable<'_>,
    root_range: std::ops::Range<usize>,
    is_main: bool,
    raw: &mut RawModel,
) -> Vec<Sp<String>> {
    let mut top = Table::new(root, root_range, "the model file");
    let mut includes = Vec::new();
    if let Some(t) = top.sub(cx, "organisation", "[organisation]") {
        let org = read_organisation(cx, t, is_main);
        includes = org.include.clone();
        if is_main {
            raw.organisation = Some(org);
        }
    }
    if let Some(t) = top.sub(cx, "defaults", "[defaults]") {
        let span = t.head(cx);
        if !is_main {
            cx.push(
                Diagnostic::error(
                    Code::IncludeInvalid,
                    "`[defaults]` belongs in the main model file",
                )
                .at(span, "not allowed in an included file")
                .help("move this table to the file named on the command line"),
            );
        } else {
            raw.defaults = Some((span, defaults::read(cx, t)));
        }
    }
    if let Some(t) = top.sub(cx, "policy", "[policy]") {
        if is_main {
            raw.policy = Some(super::policy::read(cx, t));
        } else {
            cx.push(
                Diagnostic::error(
                    Code::IncludeInvalid,
                    "`[policy]` belongs in the main model file",
                )
                .at(t.head(cx), "not allowed in an included file")
                .help("move this table to the file named on the command line"),
            );
        }
    }
    if let Some(t) = top.sub(cx, "plan", "[plan]") {
        if is_main {
            raw.plan = Some(read_plan(cx, t));
        } else {
            cx.push(
                Diagnostic::error(
                    Code::IncludeInvalid,
                    "`[plan]` belongs in the main model file",
                )
                .at(t.head(cx), "not allowed in an included file")
                .help("move this table to the file named on the command line"),
            );
        }
    }
    for t in entities(cx, &mut top, "vendor") {
        raw.vendors.push(read_vendor(cx, t));
    }
    for t in entities(cx, &mut top, "system") {
        raw.systems.push(read_system(cx, t));
    }
    for t in entities(cx, &mut top, "interface") {
        raw.interfaces.push(read_interface(cx, t));
    }
    for t in entities(cx, &mut top, "format") {
        raw.formats.push(read_format(cx, t));
    }
    for t in entities(cx, &mut top, "contract") {
        raw.contracts.push(read_contract(cx, t));
    }
    for t in entities(cx, &mut top, "service") {
        raw.services.push(read_service(cx, t));
    }
    for t in entities(cx, &mut top, "scenario") {
        raw.scenarios.push(read_scenario(cx, t));
    }
    for t in entities(cx, &mut top, "measure") {
        raw.measures.push(read_measure(cx, t));
    }
    top.finish(cx);
    includes
}

/// The tables of an array of tables such as `[[system]]`.
fn entities<'a, 'i>(
    cx: &mut Ctx<'_>,
    top: &mut Table<'a, 'i>,
    key: &'static str,
) -> Vec<Table<'a, 'i>> {
    let Some(v) = top.get(key) else {
        return Vec::new();
    };
    match v.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| Table::from_value(cx, item, format!("a [[{key}]] entry")))
            .collect(),
        other => {
            cx.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!(
                        "`{key}` must be a list of tables written `[[{key}]]`, found {}",
                        type_name(other)
                    ),
                )
                .at(
                    cx.span(v.span()),
                    format!("write each entry as a `[[{key}]]` table"),
                ),
            );
            Vec::new()
        }
    }
}

fn read_plan(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawPlan {
    let mut p = RawPlan {
        span: t.head(cx),
        start: t.date(cx, "start"),
        horizon: t.duration(cx, "horizon"),
        parallel_migrations: t.uint(cx, "parallel_migrations"),
        staff_months: t.number(cx, "staff_months"),
        goal: t.word(cx, "goal", PlanGoal::WORDS),
        target_score: t.uint(cx, "target_score"),
        budget: None,
    };
    if let Some(v) = t.get("budget") {
        // Every key is a year, so none is unknown: the entries are walked
        // directly instead of through a `Table`.
        match v.get_ref() {
            DeValue::Table(entries) => {
                let mut out = Vec::new();
                for (k, val) in entries.iter() {
                    let key = Sp::new(k.get_ref().to_string(), cx.span(k.span()));
                    let n = match val.get_ref() {
                        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                            .ok()
                            .map(|n| n as f64),
                        DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
                        _ => None,
                    };
                    match n {
                        Some(n) if (0.0..=super::decode::MAX_NUMBER).contains(&n) => {
                            out.push((key, Sp::new(n, cx.span(val.span()))));
                        }
                        _ => cx.push(
                            Diagnostic::error(
                                Code::InvalidNumber,
                                format!(
                                    "the budget of {} in [plan] must be an amount from 0 to 10^12",
                                    key.value
                                ),
                            )
                            .at(cx.span(val.span()), "not an amount of money")
                            .help("write the year's money for moves as a number, e.g. `budget = { 2027 = 250000 }`"),
                        ),
                    }
                }
                p.budget = Some(out);
            }
            other => cx.push(
                Diagnostic::error(
                    Code::WrongType,
                    format!(
                        "`budget` of [plan] must be a table of years, found {}",
                        type_name(other)
                    ),
                )
                .at(cx.span(v.span()), "expected a table")
                .help("write `budget = { 2027 = 250000, 2028 = 400000 }`"),
            ),
        }
    }
    t.finish(cx);
    p
}

/// Reads `id` first and names the table after it in later messages.
fn read_id(cx: &mut Ctx<'_>, t: &mut Table<'_, '_>, kind: &str) -> Option<Id> {
    let id = t.req_str(cx, "id", "\"my-id\"");
    if let Some(id) = &id {
        t.set_what(format!("{kind} `{}`", id.value));
    } else {
        t.set_what(format!("a {kind}"));
    }
    id
}

fn read_organisation(cx: &mut Ctx<'_>, mut t: Table<'_, '_>, is_main: bool) -> RawOrganisation {
    let mut o = RawOrganisation {
        span: t.head(cx),
        ..Default::default()
    };
    if let Some(l) = t.str_list(cx, "include") {
        o.include = l.value;
    }
    if !is_main {
        // An included file may pull in further files, nothing else.
        for (key, span) in t.unread_keys(cx) {
            cx.push(
                Diagnostic::error(
                    Code::IncludeInvalid,
                    format!("`{key}` of [organisation] belongs in the main model file"),
                )
                .at(span, "only `include` is allowed here in an included file")
                .help("move this key to the file named on the command line"),
            );
        }
        return o;
    }
    o.name = t.req_str(cx, "name", "\"Stadt Musterstadt\"");
    o.home = t.country(cx, "home");
    if o.home.is_none() && t.get("home").is_none() {
        t.missing(cx, "home", "\"DE\"");
    }
    if let Some(list) = t.str_list(cx, "trusted") {
        for s in &list.value {
            if let Some(r) = super::decode::region_of(cx, s, "trusted", "[organisation]") {
                o.trusted.push(r);
            }
        }
    }
    o.as_of = t.date(cx, "as_of");
    o.staff = t.uint(cx, "staff");
    o.parallel_migrations = t.uint(cx, "parallel_migrations");
    o.switch_target = t.duration(cx, "switch_target");
    o.it_competence = t.uint(cx, "it_competence");
    o.currency = t.str(cx, "currency");
    o.language = t.word(cx, "language", Lang::WORDS);
    o.description = t.str(cx, "description");
    t.finish(cx);
    o
}

fn read_vendor(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawVendor {
    let id = read_id(cx, &mut t, "vendor");
    let v = RawVendor {
        span: t.head(cx),
        id,
        name: t.req_str(cx, "name", "\"Example GmbH\""),
        country: {
            let present = t.get("country").is_some();
            let c = t.country(cx, "country");
            if !present {
                t.missing(cx, "country", "\"DE\"");
            }
            c
        },
        parent: t.str(cx, "parent"),
        description: t.str(cx, "description"),
        placeholder: t.bool(cx, "placeholder"),
        contact: contact(cx, &mut t),
    };
    t.finish(cx);
    v
}

/// Reads `contact = { phone, email, reference, owner }`.
fn contact(cx: &mut Ctx<'_>, t: &mut Table<'_, '_>) -> Option<RawContact> {
    let what = format!("`contact` of {}", t.what());
    let mut c = t.sub(cx, "contact", what)?;
    let r = RawContact {
        phone: c.str(cx, "phone"),
        email: c.str(cx, "email"),
        reference: c.str(cx, "reference"),
        owner: c.str(cx, "owner"),
    };
    c.finish(cx);
    Some(r)
}

/// Reads the keys of a switch estimate from a table (`[system.switch]`, an
/// `alternatives` entry).
fn switch_keys(cx: &mut Ctx<'_>, s: &mut Table<'_, '_>) -> RawSwitch {
    RawSwitch {
        span: s.head(cx),
        optimistic: s.duration(cx, "optimistic"),
        likely: s.duration(cx, "likely"),
        pessimistic: s.duration(cx, "pessimistic"),
        cost: s.number(cx, "cost"),
    }
}

/// Reads `alternatives`: ids, and `{ id = "...", optimistic = ..., ... }` tables.
fn alternatives(cx: &mut Ctx<'_>, t: &mut Table<'_, '_>) -> Vec<RawAlternative> {
    let what = t.what().to_string();
    let Some((_, items)) = t.list(
        cx,
        "alternatives",
        "a list of system ids, `catalog:ID` entries and `{ id = \"...\", likely = \"...\" }` tables",
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        if let Some(id) = read_str(cx, item) {
            out.push(RawAlternative { id, switch: None });
            continue;
        }
        let Some(mut a) =
            Table::from_value(cx, item, format!("an entry of `alternatives` of {what}"))
        else {
            continue;
        };
        let id = a.req_str(cx, "id", "\"system-id\"");
        let switch = switch_keys(cx, &mut a);
        a.finish(cx);
        if let Some(id) = id {
            out.push(RawAlternative {
                id,
                switch: Some(switch),
            });
        }
    }
    out
}

fn id_list(cx: &mut Ctx<'_>, t: &mut Table<'_, '_>, key: &'static str) -> Option<Vec<Id>> {
    t.str_list(cx, key).map(|l| l.value)
}

/// Reads `depends_on` / `needs`: strings and `{ any = [...] }` tables.
fn deps(cx: &mut Ctx<'_>, t: &mut Table<'_, '_>, key: &'static str) -> Vec<RawDep> {
    let what = t.what().to_string();
    let Some((_, items)) = t.list(cx, key, "a list of system ids and `{ any = [...] }` groups")
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        if let Some(s) = read_str(cx, item) {
            out.push(RawDep::One(s));
            continue;
        }
        let Some(mut g) = Table::from_value(cx, item, format!("an entry of `{key}` of {what}"))
        else {
            continue;
        };
        let span = cx.span(item.span());
        if let Some(list) = g.str_list(cx, "any") {
            out.push(RawDep::Any(span, list.value));
        } else if g.get("any").is_none() {
            g.missing(cx, "any", "[\"system-a\", \"system-b\"]");
        }
        g.finish(cx);
    }
    out
}

fn read_system(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawSystem {
    let id = read_id(cx, &mut t, "system");
    let span = t.head(cx);
    let name = t.req_str(cx, "name", "\"Microsoft 365\"");
    let description = t.str(cx, "description");
    let category = t.str(cx, "category");
    let layer = t.word(cx, "layer", Layer::WORDS);
    let vendor = t.str(cx, "vendor");
    let operator = t.str(cx, "operator");
    let region = t.region(cx, "region");
    let licence = t.word(cx, "licence", Licence::WORDS);
    let criticality = t.word(cx, "criticality", Criticality::WORDS);
    let users = t.uint(cx, "users");
    let status = t.word(cx, "status", Status::WORDS);
    let customisation = t.word(cx, "customisation", Customisation::WORDS);
    let what = t.what().to_string();
    let data = t.sub(cx, "data", format!("`data` of {what}")).map(|mut d| {
        let r = RawData {
            classes: d
                .str_list(cx, "classes")
                .map(|l| l.value)
                .unwrap_or_default(),
            sensitivity: d.word(cx, "sensitivity", Sensitivity::WORDS),
            volume_gb: d.number(cx, "volume_gb"),
            backup: d.str(cx, "backup"),
        };
        d.finish(cx);
        r
    });
    let formats = id_list(cx, &mut t, "formats").unwrap_or_default();
    let exports = id_list(cx, &mut t, "exports");
    let depends_on = deps(cx, &mut t, "depends_on");
    let alternatives = alternatives(cx, &mut t);
    let exit_plan = t.str(cx, "exit_plan");
    let licence_check = t.duration(cx, "licence_check");
    let switch = t
        .sub(cx, "switch", format!("`[system.switch]` of {what}"))
        .map(|mut s| {
            let r = switch_keys(cx, &mut s);
            s.finish(cx);
            r
        });
    let exit = t.word(cx, "exit", ExitKind::WORDS);
    let mandated = t.str(cx, "mandated");
    let recovery = t
        .sub(cx, "recovery", format!("`[system.recovery]` of {what}"))
        .map(|mut r| {
            let out = RawRecovery {
                restart: r.duration(cx, "restart"),
                restore: r.duration(cx, "restore"),
                rpo: r.duration(cx, "rpo"),
                backup_system: r.str(cx, "backup_system"),
                fallback: r.str(cx, "fallback"),
                setup: r.duration(cx, "setup"),
            };
            r.finish(cx);
            out
        });
    t.finish(cx);
    RawSystem {
        span,
        id,
        name,
        description,
        category,
        layer,
        vendor,
        operator,
        region,
        licence,
        criticality,
        users,
        status,
        customisation,
        data,
        formats,
        exports,
        depends_on,
        alternatives,
        exit_plan,
        licence_check,
        switch,
        exit,
        mandated,
        recovery,
    }
}

fn read_interface(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawInterface {
    let id = read_id(cx, &mut t, "interface");
    let r = RawInterface {
        span: t.head(cx),
        id,
        name: t.str(cx, "name"),
        description: t.str(cx, "description"),
        from: t.req_str(cx, "from", "\"system-that-needs\""),
        to: t.req_str(cx, "to", "\"system-that-is-needed\""),
        protocol: t.str(cx, "protocol"),
        format: t.str(cx, "format"),
        open: t.bool(cx, "open"),
        hard: t.bool(cx, "hard"),
    };
    t.finish(cx);
    r
}

fn read_format(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawFormat {
    let id = read_id(cx, &mut t, "format");
    let span = t.head(cx);
    let name = t.req_str(cx, "name", "\"OpenDocument\"");
    let present = t.get("open").is_some();
    let open = t.bool(cx, "open");
    if !present {
        t.missing(cx, "open", "true");
    }
    let r = RawFormat {
        span,
        id,
        name,
        open,
        standard: t.str(cx, "standard"),
        description: t.str(cx, "description"),
    };
    t.finish(cx);
    r
}

fn read_contract(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawContract {
    let id = read_id(cx, &mut t, "contract");
    let span = t.head(cx);
    let name = t.str(cx, "name");
    let description = t.str(cx, "description");
    let vendor = t.req_str(cx, "vendor", "\"vendor-id\"");
    let covers = id_list(cx, &mut t, "covers").unwrap_or_default();
    let present = t.get("kind").is_some();
    let kind = t.word(cx, "kind", ContractKind::WORDS);
    if !present {
        t.missing(cx, "kind", "\"subscription\"");
    }
    let r = RawContract {
        span,
        id,
        name,
        description,
        vendor,
        covers,
        kind,
        start: t.date(cx, "start"),
        term_written: t.get("end").is_some() || t.get("term").is_some(),
        end: t.date(cx, "end"),
        term: t.duration(cx, "term"),
        notice: t.duration(cx, "notice"),
        renewal: t.duration(cx, "renewal"),
        annual_cost: t.number(cx, "annual_cost"),
        data_retrieval: t.duration(cx, "data_retrieval"),
        switching_charge: t.number(cx, "switching_charge"),
        notice_to: t.word(cx, "notice_to", NoticeTo::WORDS),
        provider_notice: t.duration(cx, "provider_notice"),
        exit: t.word(cx, "exit", ExitKind::WORDS),
        decision: None,
        contact: contact(cx, &mut t),
    };
    let what = t.what().to_string();
    let decision = t
        .sub(cx, "decision", format!("`[contract.decision]` of {what}"))
        .map(|mut d| {
            let span = d.head(cx);
            let intent = d.word(cx, "intent", Intent::WORDS);
            if intent.is_none() && d.get("intent").is_none() {
                d.missing(cx, "intent", "\"renew\"");
            }
            let decided = d.date(cx, "decided");
            if decided.is_none() && d.get("decided").is_none() {
                d.missing(cx, "decided", "2026-10-15");
            }
            let r = RawDecision {
                span,
                intent,
                decided,
                by: d.str(cx, "by"),
                reason: d.str(cx, "reason"),
            };
            d.finish(cx);
            r
        });
    t.finish(cx);
    RawContract { decision, ..r }
}

fn read_service(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawService {
    let id = read_id(cx, &mut t, "service");
    let span = t.head(cx);
    let r = RawService {
        span,
        id,
        name: t.req_str(cx, "name", "\"Residents' registration\""),
        description: t.str(cx, "description"),
        criticality: t.word(cx, "criticality", Criticality::WORDS),
        max_outage: t.duration(cx, "max_outage"),
        rto: t.duration(cx, "rto"),
        rpo: t.duration(cx, "rpo"),
        workaround: {
            let what = format!("`workaround` of {}", t.what());
            t.sub(cx, "workaround", what).map(|mut w| {
                let present = w.get("text").is_some();
                let r = RawWorkaround {
                    text: w.str(cx, "text"),
                    from: w.duration(cx, "from"),
                    capacity: w.number(cx, "capacity"),
                };
                if !present {
                    w.missing(cx, "text", "\"paper forms, entered later\"");
                }
                w.finish(cx);
                r
            })
        },
        users: t.uint(cx, "users"),
        needs: deps(cx, &mut t, "needs"),
    };
    t.finish(cx);
    r
}

fn read_scenario(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawScenario {
    let id = read_id(cx, &mut t, "scenario");
    let span = t.head(cx);
    let name = t.req_str(cx, "name", "\"US sanctions\"");
    let description = t.str(cx, "description");
    let what = t.what().to_string();
    let mut cut = Vec::new();
    if let Some((_, items)) = t.list(
        cx,
        "cut",
        "a list of cuts: `\"vendor:ID\"` or `{ target = \"vendor:ID\", kind = \"outage\", duration = \"3d\" }`",
    ) {
        for item in items {
            if let Some(s) = read_str(cx, item) {
                if let Some(c) = parse_cut(cx, &s, &what) {
                    cut.push(RawCutEntry {
                        span: s.span,
                        target: c,
                        kind: None,
                        duration: None,
                        bad_term: false,
                    });
                }
                continue;
            }
            let Some(mut e) = Table::from_value(cx, item, format!("a `cut` entry of {what}"))
            else {
                continue;
            };
            let span = e.span(cx);
            let target = e.req_str(cx, "target", "\"vendor:ID\"");
            let kind = e.word(cx, "kind", CutKind::WORDS);
            let duration = e.duration(cx, "duration");
            let bad_term = (kind.is_none() && e.get("kind").is_some())
                || (duration.is_none() && e.get("duration").is_some());
            e.finish(cx);
            if let Some(c) = target.and_then(|s| parse_cut(cx, &s, &what)) {
                cut.push(RawCutEntry {
                    span,
                    target: c,
                    kind,
                    duration,
                    bad_term,
                });
            }
        }
    }
    let kind = t.word(cx, "kind", CutKind::WORDS);
    let duration = t.duration(cx, "duration");
    let bad_term = (kind.is_none() && t.get("kind").is_some())
        || (duration.is_none() && t.get("duration").is_some());
    let mut price = Vec::new();
    if let Some((_, items)) = t.list(
        cx,
        "price",
        "a list of `{ vendor = \"id\", factor = 2.0 }` tables",
    ) {
        for item in items {
            if let Some(mut p) = Table::from_value(cx, item, format!("a `price` entry of {what}")) {
                let vendor = p.req_str(cx, "vendor", "\"vendor-id\"");
                let present = p.get("factor").is_some();
                let factor = p.number(cx, "factor");
                if !present {
                    p.missing(cx, "factor", "2.0");
                }
                price.push(RawPrice { vendor, factor });
                p.finish(cx);
            }
        }
    }
    t.finish(cx);
    RawScenario {
        span,
        id,
        name,
        description,
        cut,
        kind,
        duration,
        bad_term,
        price,
    }
}

fn read_measure(cx: &mut Ctx<'_>, mut t: Table<'_, '_>) -> RawMeasure {
    let id = read_id(cx, &mut t, "measure");
    let span = t.head(cx);
    let name = t.req_str(cx, "name", "\"Replace the video conferencing\"");
    let systems = id_list(cx, &mut t, "systems").unwrap_or_default();
    let contracts = id_list(cx, &mut t, "contracts").unwrap_or_default();
    let present = t.get("status").is_some();
    let status = t.word(cx, "status", MeasureStatus::WORDS);
    if !present {
        t.missing(cx, "status", "\"planned\"");
    }
    let r = RawMeasure {
        span,
        id,
        name,
        systems,
        contracts,
        status,
        start: t.date(cx, "start"),
        due: t.date(cx, "due"),
        budget: t.number(cx, "budget"),
        spent: t.number(cx, "spent"),
        owner: t.str(cx, "owner"),
        note: t.str(cx, "note"),
    };
    t.finish(cx);
    r
}

/// Parses `vendor:ID`, `jurisdiction:CC` or `system:ID`.
pub fn parse_cut(cx: &mut Ctx<'_>, s: &Sp<String>, what: &str) -> Option<RawCut> {
    let (kind, rest) = s.value.split_once(':').unwrap_or(("", ""));
    let rest_sp = Sp::new(rest.to_string(), s.span);
    match kind {
        "vendor" => Some(RawCut::Vendor(rest_sp)),
        "system" => Some(RawCut::System(rest_sp)),
        "jurisdiction" => {
            super::decode::region_of(cx, &rest_sp, "cut", what).map(RawCut::Jurisdiction)
        }
        _ => {
            cx.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("`cut` of {what} cannot be `{}`", s.value),
                )
                .at(s.span, "not a cut")
                .help(
                    "write `vendor:ID`, `jurisdiction:CC` (e.g. `jurisdiction:US`) or `system:ID`",
                ),
            );
            None
        }
    }
}
