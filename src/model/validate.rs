//! From the raw model to the validated [`Model`]: ids, references, rules.
//!
//! Validation collects every problem (never stops at the first), resolves
//! string references into typed ids with "did you mean" hints, applies the
//! documented defaults, and adds the model-level warnings (dependency cycles,
//! systems without contract, contracts covering retired systems, unused
//! vendors, reliance on inactive systems).

use super::country::{Region, TrustSet};
use super::diag::{Code, Diagnostic, did_you_mean};
use super::duration::Duration;
use super::raw::*;
use super::source::{Sp, Span};
use super::types::*;
use super::{Index, Model};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Whether an id is lowercase `a-z0-9-`, starting with a letter or digit.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

/// A suggestion of a valid id for an invalid one.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if c == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(c);
        }
    }
    out.trim_end_matches('-').to_string()
}

struct V<'a> {
    diags: &'a mut Vec<Diagnostic>,
}

impl V<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Builds the id table of one kind, reporting invalid and duplicate ids.
    fn ids<'r>(
        &mut self,
        kind: &str,
        ids: impl Iterator<Item = Option<&'r Id>>,
    ) -> HashMap<String, u32> {
        // One map, sized up front: the first definition's span is found
        // through its index (at 100,000 systems a second map of cloned ids
        // and the rehashing showed in the load time).
        let ids: Vec<Option<&Id>> = ids.collect();
        let mut map: HashMap<String, u32> = HashMap::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            let Some(id) = id else { continue };
            if id.value == "self" && kind == "vendor" {
                self.push(
                    Diagnostic::error(Code::InvalidId, "`self` cannot be a vendor id")
                        .at(id.span, "`self` is reserved for the organisation itself")
                        .help("give the vendor another id"),
                );
                continue;
            }
            if !is_valid_id(&id.value) {
                let s = slug(&id.value);
                let mut d = Diagnostic::error(
                    Code::InvalidId,
                    format!("{kind} id `{}` is not a valid id", id.value),
                )
                .at(id.span, "ids use only lowercase letters, digits and `-`");
                if is_valid_id(&s) {
                    d = d.help(format!("write `id = \"{s}\"`"));
                }
                self.push(d);
            }
            if let Some(prev) = map
                .get(&id.value)
                .and_then(|&k| ids[k as usize])
                .map(|first| first.span)
            {
                self.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        format!("two {kind}s have the id `{}`", id.value),
                    )
                    .at(id.span, "defined again here")
                    .also(prev, "first defined here")
                    .help(format!("every {kind} needs its own id")),
                );
                continue;
            }
            map.insert(id.value.clone(), i as u32);
        }
        map
    }

    fn resolve(
        &mut self,
        map: &HashMap<String, u32>,
        kind: &str,
        r: &Id,
        field: &str,
    ) -> Option<u32> {
        if let Some(i) = map.get(&r.value) {
            return Some(*i);
        }
        let mut d = Diagnostic::error(
            Code::UnknownReference,
            format!("`{field}` names {kind} `{}`, which does not exist", r.value),
        );
        let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
        keys.sort_unstable();
        d = match did_you_mean(&r.value, keys.iter().copied()) {
            Some(s) => d.at(r.span, format!("did you mean `{s}`?")),
            None => d.at(r.span, format!("no {kind} with this id")),
        };
        if r.value.is_empty() {
            d = d.help(format!(
                "write the {kind} id after the colon, e.g. `{kind}:my-id`"
            ));
        } else if map.is_empty() {
            d = d.help(format!(
                "the model has no {kind} yet: add a [[{kind}]] table with `id = \"{}\"`",
                r.value
            ));
        } else if d
            .primary
            .as_ref()
            .is_some_and(|(_, l)| !l.starts_with("did"))
        {
            d = d.help(format!(
                "add a [[{kind}]] with `id = \"{}\"`, or correct the reference",
                r.value
            ));
        }
        self.push(d);
        None
    }

    /// Resolves a vendor id or `"self"`.
    fn party(&mut self, vendors: &HashMap<String, u32>, r: &Id, field: &str) -> Option<Party> {
        if r.value == "self" {
            return Some(Party::Own);
        }
        self.resolve(vendors, "vendor", r, field)
            .map(|i| Party::Vendor(VendorId(i)))
    }
}

pub(crate) fn validate(
    raw: RawModel,
    diags: &mut Vec<Diagnostic>,
    main_span: Span,
) -> Option<Model> {
    let mut v = V { diags };

    // Organisation.
    let organisation = match &raw.organisation {
        None => {
            v.push(
                Diagnostic::error(Code::MissingOrganisation, "the model has no [organisation] table")
                    .at(main_span, "expected [organisation] in this file")
                    .help("start the file with\n[organisation]\nname = \"Stadt Musterstadt\"\nhome = \"DE\""),
            );
            None
        }
        Some(o) => organisation(&mut v, o),
    };

    // Id tables.
    let vendor_ids = v.ids("vendor", raw.vendors.iter().map(|x| x.id.as_ref()));
    let system_ids = v.ids("system", raw.systems.iter().map(|x| x.id.as_ref()));
    let interface_ids = v.ids("interface", raw.interfaces.iter().map(|x| x.id.as_ref()));
    let format_ids = v.ids("format", raw.formats.iter().map(|x| x.id.as_ref()));
    let contract_ids = v.ids("contract", raw.contracts.iter().map(|x| x.id.as_ref()));
    let service_ids = v.ids("service", raw.services.iter().map(|x| x.id.as_ref()));
    let scenario_ids = v.ids("scenario", raw.scenarios.iter().map(|x| x.id.as_ref()));

    // Vendors.
    let mut vendors = Vec::with_capacity(raw.vendors.len());
    for rv in &raw.vendors {
        let parent = rv
            .parent
            .as_ref()
            .and_then(|p| v.resolve(&vendor_ids, "vendor", p, "parent"))
            .map(VendorId);
        vendors.push(Vendor {
            id: rv.id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
            name: rv
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_default(),
            country: rv
                .country
                .as_ref()
                .map(|c| c.value)
                .unwrap_or_else(placeholder_country),
            parent,
            description: rv.description.as_ref().map(|d| d.value.clone()),
            placeholder: rv.placeholder.as_ref().is_some_and(|p| p.value),
            contact: rv.contact.as_ref().map(contact),
            span: rv.span,
        });
    }
    parent_cycles(&mut v, &vendors, &raw.vendors);

    // Formats.
    let formats: Vec<Format> = raw
        .formats
        .iter()
        .map(|f| Format {
            id: f.id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
            name: f.name.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
            open: f.open.as_ref().map(|o| o.value).unwrap_or(false),
            standard: f.standard.as_ref().map(|s| s.value.clone()),
            description: f.description.as_ref().map(|s| s.value.clone()),
            span: f.span,
        })
        .collect();

    let home = organisation.as_ref().map(|o| o.home);

    // Systems.
    let mut systems = Vec::with_capacity(raw.systems.len());
    for (i, rs) in raw.systems.iter().enumerate() {
        systems.push(system(
            &mut v,
            rs,
            i as u32,
            &vendor_ids,
            &system_ids,
            &format_ids,
            &vendors,
            home,
        ));
    }

    // Interfaces.
    let mut interfaces = Vec::with_capacity(raw.interfaces.len());
    for ri in &raw.interfaces {
        let from = ri
            .from
            .as_ref()
            .and_then(|r| v.resolve(&system_ids, "system", r, "from"))
            .map(SystemId);
        let to = ri
            .to
            .as_ref()
            .and_then(|r| v.resolve(&system_ids, "system", r, "to"))
            .map(SystemId);
        let format = ri
            .format
            .as_ref()
            .and_then(|r| v.resolve(&format_ids, "format", r, "format"))
            .map(FormatId);
        if let (Some(f), Some(t), Some(fs)) = (from, to, &ri.from)
            && f == t
        {
            v.push(
                Diagnostic::error(
                    Code::SelfDependency,
                    format!(
                        "interface `{}` connects system `{}` to itself",
                        id_of(&ri.id),
                        fs.value
                    ),
                )
                .at(fs.span, "`from` and `to` are the same system")
                .help("an interface connects two different systems"),
            );
        }
        let open = ri
            .open
            .as_ref()
            .map(|o| o.value)
            .unwrap_or_else(|| format.map(|f| formats[f.index()].open).unwrap_or(false));
        if let (Some(from), Some(to)) = (from, to) {
            interfaces.push(Interface {
                id: id_of(&ri.id),
                name: ri.name.as_ref().map(|n| n.value.clone()),
                description: ri.description.as_ref().map(|n| n.value.clone()),
                from,
                to,
                protocol: ri.protocol.as_ref().map(|p| p.value.clone()),
                format,
                open,
                hard: ri.hard.as_ref().map(|h| h.value).unwrap_or(true),
                span: ri.span,
            });
        }
    }

    // Contracts.
    let mut contracts = Vec::with_capacity(raw.contracts.len());
    let org_as_of = organisation.as_ref().and_then(|o| o.as_of);
    for rc in &raw.contracts {
        if let Some(c) = contract(&mut v, rc, &vendor_ids, &system_ids, org_as_of) {
            contracts.push(c);
        }
    }

    // Services.
    let mut services = Vec::with_capacity(raw.services.len());
    for rs in &raw.services {
        let needs = deps(&mut v, &rs.needs, &system_ids, None, "needs");
        services.push(Service {
            id: id_of(&rs.id),
            name: rs
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_default(),
            description: rs.description.as_ref().map(|n| n.value.clone()),
            criticality: rs
                .criticality
                .as_ref()
                .map(|c| c.value)
                .unwrap_or(Criticality::Medium),
            max_outage: rs.max_outage.as_ref().map(|d| d.value),
            rto: rs.rto.as_ref().map(|d| d.value),
            rpo: rs.rpo.as_ref().map(|d| d.value),
            workaround: rs.workaround.as_ref().and_then(|w| workaround(&mut v, w)),
            users: rs.users.as_ref().map(|u| u.value).unwrap_or(0),
            needs,
            span: rs.span,
        });
    }

    // Scenarios.
    let mut scenarios = Vec::with_capacity(raw.scenarios.len());
    for rs in &raw.scenarios {
        let mut cuts = Vec::new();
        for c in &rs.cut {
            let target = match &c.target {
                RawCut::Vendor(r) => v
                    .resolve(&vendor_ids, "vendor", r, "cut")
                    .map(|i| Cut::Vendor(VendorId(i))),
                RawCut::System(r) => v
                    .resolve(&system_ids, "system", r, "cut")
                    .map(|i| Cut::System(SystemId(i))),
                RawCut::Jurisdiction(r) => Some(Cut::Jurisdiction(r.value)),
            };
            if let Some(cut) = target.and_then(|t| scenario_cut(&mut v, rs, c, t)) {
                cuts.push(cut);
            }
        }
        let mut prices = Vec::new();
        for p in &rs.price {
            let vendor = p
                .vendor
                .as_ref()
                .and_then(|r| v.resolve(&vendor_ids, "vendor", r, "vendor"));
            if let Some(f) = &p.factor
                && f.value <= 0.0
            {
                v.push(
                    Diagnostic::error(
                        Code::InvalidNumber,
                        format!(
                            "price factor of scenario `{}` must be above 0",
                            id_of(&rs.id)
                        ),
                    )
                    .at(
                        f.span,
                        "a factor of 1.0 means no change, 11.0 means +1000 %",
                    ),
                );
                continue;
            }
            if let (Some(vendor), Some(f)) = (vendor, &p.factor) {
                if prices
                    .iter()
                    .any(|q: &PriceShock| q.vendor == VendorId(vendor))
                {
                    let span = p.vendor.as_ref().map(|r| r.span).unwrap_or(f.span);
                    v.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            format!(
                                "scenario `{}` gives vendor `{}` two price factors",
                                id_of(&rs.id),
                                p.vendor.as_ref().map(|r| r.value.as_str()).unwrap_or("")
                            ),
                        )
                        .at(span, "the second one")
                        .help("keep one factor per vendor; a factor for a parent company applies to its subsidiaries unless they have their own"),
                    );
                    continue;
                }
                prices.push(PriceShock {
                    vendor: VendorId(vendor),
                    factor: f.value,
                });
            }
        }
        scenarios.push(Scenario {
            id: id_of(&rs.id),
            name: rs
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_default(),
            description: rs.description.as_ref().map(|n| n.value.clone()),
            cuts,
            prices,
            span: rs.span,
        });
    }

    // Measures.
    let _measure_ids = v.ids("measure", raw.measures.iter().map(|x| x.id.as_ref()));
    let mut measures = Vec::with_capacity(raw.measures.len());
    for rm in &raw.measures {
        let systems = rm
            .systems
            .iter()
            .filter_map(|r| v.resolve(&system_ids, "system", r, "systems"))
            .map(SystemId)
            .collect();
        let contracts = rm
            .contracts
            .iter()
            .filter_map(|r| v.resolve(&contract_ids, "contract", r, "contracts"))
            .map(ContractId)
            .collect();
        // `budget` and `spent` are checked as money (0 to 10^12) when read.
        if let (Some(a), Some(b)) = (&rm.start, &rm.due)
            && b.value < a.value
        {
            v.push(
                Diagnostic::error(
                    Code::EndBeforeStart,
                    format!("measure `{}` is due before it starts", id_of(&rm.id)),
                )
                .at(b.span, format!("due {} ...", b.value))
                .also(a.span, format!("... but starts {}", a.value))
                .help("swap the dates, or correct one of them"),
            );
        }
        measures.push(Measure {
            id: id_of(&rm.id),
            name: rm
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_default(),
            systems,
            contracts,
            status: rm
                .status
                .as_ref()
                .map(|x| x.value)
                .unwrap_or(MeasureStatus::Planned),
            start: rm.start.as_ref().map(|x| x.value),
            due: rm.due.as_ref().map(|x| x.value),
            budget: rm.budget.as_ref().map(|x| x.value),
            spent: rm.spent.as_ref().map(|x| x.value),
            owner: rm.owner.as_ref().map(|x| x.value.clone()),
            note: rm.note.as_ref().map(|x| x.value.clone()),
            span: rm.span,
        });
    }

    let policy = super::policy::validate(raw.policy.as_ref(), v.diags);
    let plan = raw
        .plan
        .as_ref()
        .and_then(|p| plan(&mut v, p, organisation.as_ref().and_then(|o| o.as_of)));

    // Entities with errors were dropped above: warnings about such a model
    // (an "unused" vendor whose contract was invalid) would only mislead.
    let organisation = organisation?;
    if v.diags.iter().any(Diagnostic::is_error) {
        return None;
    }

    let index = Index {
        vendors: vendor_ids,
        systems: system_ids,
        interfaces: interface_ids,
        formats: format_ids,
        contracts: contract_ids,
        services: service_ids,
        scenarios: scenario_ids,
    };
    let defaults = raw.defaults.map(|(_, d)| d).unwrap_or_default();
    let model = Model {
        organisation,
        defaults,
        policy,
        plan,
        vendors,
        systems,
        interfaces,
        formats,
        contracts,
        services,
        scenarios,
        measures,
        sources: Default::default(),
        warnings: Vec::new(),
        index,
    };
    let warnings = warnings(&model);
    v.diags.extend(warnings);
    Some(model)
}

fn placeholder_country() -> super::country::Country {
    // Only reached for a vendor without a valid country, in which case an
    // error was reported and the model is discarded.
    super::country::Country::parse("DE").unwrap_or_else(|_| unreachable!("DE is a valid code"))
}

fn contact(c: &RawContact) -> Contact {
    let text = |x: &Option<Sp<String>>| x.as_ref().map(|s| s.value.clone());
    Contact {
        phone: text(&c.phone),
        email: text(&c.email),
        reference: text(&c.reference),
        owner: text(&c.owner),
    }
}

fn workaround(v: &mut V<'_>, w: &RawWorkaround) -> Option<Workaround> {
    if let Some(c) = &w.capacity
        && c.value > 1.0
    {
        v.push(
            Diagnostic::error(
                Code::InvalidNumber,
                "the `capacity` of a workaround is a share from 0 to 1",
            )
            .at(c.span, "more than the full capacity")
            .help(format!(
                "write the share, e.g. `capacity = {}` for {} %",
                (c.value / 100.0).min(1.0),
                c.value
            )),
        );
        return None;
    }
    Some(Workaround {
        text: w.text.as_ref()?.value.clone(),
        from: w.from.as_ref().map(|d| d.value).unwrap_or(Duration::ZERO),
        capacity: w.capacity.as_ref().map(|c| c.value),
    })
}

/// The kind and duration of one entry of a scenario's `cut`: its own, else
/// the scenario's, else the default of its target. An outage needs a
/// duration; a withdrawal has none; a duration is longer than zero.
fn scenario_cut(
    v: &mut V<'_>,
    rs: &RawScenario,
    c: &RawCutEntry,
    target: Cut,
) -> Option<ScenarioCut> {
    if c.bad_term || rs.bad_term {
        // A `kind` or `duration` that could not be read is reported already;
        // judging the rest would only add a follow-on error.
        return None;
    }
    let kind = c.kind.as_ref().or(rs.kind.as_ref());
    let duration = c.duration.as_ref().or(rs.duration.as_ref());
    if let Some(d) = duration
        && d.value.is_zero()
    {
        v.push(
            Diagnostic::error(
                Code::InvalidDuration,
                format!("the cut duration of scenario `{}` is zero", id_of(&rs.id)),
            )
            .at(d.span, "a cut lasts longer than zero")
            .help("give the length of the outage, e.g. `duration = \"3d\"`, or leave it out for a withdrawal"),
        );
        return None;
    }
    let cut = ScenarioCut::new(target, kind.map(|k| k.value), duration.map(|d| d.value));
    match (cut.kind, duration) {
        (CutKind::Withdrawal, Some(d)) => {
            let mut diag = Diagnostic::error(
                Code::CutDuration,
                format!("scenario `{}` gives a withdrawal a duration", id_of(&rs.id)),
            )
            .at(d.span, "a withdrawal is for good: it has no duration")
            .help("write `kind = \"outage\"` for a cut that ends by itself, or remove `duration`");
            if let Some(k) = kind {
                diag = diag.also(k.span, "the kind");
            }
            v.push(diag);
            None
        }
        (CutKind::Outage, None) => {
            let at = kind.map(|k| k.span).unwrap_or(c.span);
            v.push(
                Diagnostic::error(
                    Code::CutDuration,
                    format!("scenario `{}` has an outage without a duration", id_of(&rs.id)),
                )
                .at(at, "an outage ends: how long does it last?")
                .help("add `duration = \"3d\"` (to the cut entry or the scenario), or write `kind = \"withdrawal\"` for a cut that is for good"),
            );
            None
        }
        _ => Some(cut),
    }
}

fn id_of(id: &Option<Id>) -> String {
    id.as_ref().map(|i| i.value.clone()).unwrap_or_default()
}

fn organisation(v: &mut V<'_>, o: &RawOrganisation) -> Option<Organisation> {
    let parallel = match &o.parallel_migrations {
        Some(p) if p.value == 0 || p.value > 1000 => {
            v.push(
                Diagnostic::error(
                    Code::InvalidNumber,
                    "`parallel_migrations` must be between 1 and 1000",
                )
                .at(p.span, "the team runs at least one switch at a time"),
            );
            1
        }
        Some(p) => p.value as u32,
        None => 1,
    };
    let it_competence = match &o.it_competence {
        Some(c) if !(1..=5).contains(&c.value) => {
            v.push(
                Diagnostic::error(
                    Code::InvalidNumber,
                    "`it_competence` is a self-assessment from 1 to 5",
                )
                .at(c.span, "expected 1, 2, 3, 4 or 5"),
            );
            None
        }
        Some(c) => Some(c.value as u8),
        None => None,
    };
    if let Some(t) = &o.switch_target
        && t.value.is_zero()
    {
        v.push(
            Diagnostic::error(
                Code::InvalidNumber,
                "`switch_target` must be longer than zero",
            )
            .at(
                t.span,
                "the domain brief's target is 6 months: `switch_target = \"6mo\"`",
            ),
        );
    }
    let home = o.home.as_ref()?.value;
    let name = o.name.as_ref()?.value.clone();
    Some(Organisation {
        name,
        home,
        trusted: TrustSet::new(home, o.trusted.iter().map(|r| r.value)),
        as_of: o.as_of.as_ref().map(|d| d.value),
        staff: o.staff.as_ref().map(|s| s.value),
        parallel_migrations: parallel,
        switch_target: o
            .switch_target
            .as_ref()
            .map(|d| d.value)
            .unwrap_or(Duration::months(6)),
        it_competence,
        currency: o
            .currency
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_else(|| "EUR".into()),
        language: o.language.as_ref().map(|l| l.value),
        description: o.description.as_ref().map(|d| d.value.clone()),
        span: o.span,
    })
}

fn parent_cycles(v: &mut V<'_>, vendors: &[Vendor], raw: &[RawVendor]) {
    // 0 = unvisited, 1 = on the current chain, 2 = done.
    let mut state = vec![0u8; vendors.len()];
    for start in 0..vendors.len() {
        let mut chain = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            if state[i] == 2 {
                break;
            }
            if state[i] == 1 {
                let pos = chain.iter().position(|&c| c == i).unwrap_or(0);
                let names: Vec<&str> = chain[pos..]
                    .iter()
                    .chain(std::iter::once(&i))
                    .map(|&c| vendors[c].id.as_str())
                    .collect();
                let span = raw[i]
                    .parent
                    .as_ref()
                    .map(|p| p.span)
                    .unwrap_or(raw[i].span);
                let mut d = Diagnostic::error(
                    Code::ParentCycle,
                    format!("vendor parents form a loop: {}", names.join(" -> ")),
                )
                .at(span, "this parent closes the loop")
                .help("a vendor cannot (indirectly) control itself; remove one `parent`");
                for &c in &chain[pos..] {
                    if c != i
                        && let Some(p) = &raw[c].parent
                    {
                        d = d.also(p.span, "part of the loop");
                    }
                }
                v.push(d);
                break;
            }
            state[i] = 1;
            chain.push(i);
            cur = vendors[i].parent.map(|p| p.index());
        }
        for c in chain {
            state[c] = 2;
        }
    }
}

fn deps(
    v: &mut V<'_>,
    raw: &[RawDep],
    systems: &HashMap<String, u32>,
    own: Option<(u32, &str)>,
    field: &str,
) -> Vec<Dependency> {
    let mut out = Vec::new();
    let check_self = |v: &mut V<'_>, r: &Id, i: u32| {
        if let Some((me, my_id)) = own
            && me == i
        {
            v.push(
                Diagnostic::error(
                    Code::SelfDependency,
                    format!("system `{my_id}` depends on itself"),
                )
                .at(r.span, "a system cannot depend on itself")
                .help("remove this entry"),
            );
            return false;
        }
        true
    };
    for d in raw {
        match d {
            RawDep::One(r) => {
                if let Some(i) = v.resolve(systems, "system", r, field)
                    && check_self(v, r, i)
                {
                    out.push(Dependency::One(SystemId(i)));
                }
            }
            RawDep::Any(span, members) => {
                if members.is_empty() {
                    v.push(
                        Diagnostic::error(Code::EmptyAnyGroup, format!("an `any` group in `{field}` has no members"))
                            .at(*span, "at least one system is needed")
                            .help("list the systems of which one suffices: `{ any = [\"uplink-a\", \"uplink-b\"] }`"),
                    );
                    continue;
                }
                let mut ids = Vec::new();
                for r in members {
                    if let Some(i) = v.resolve(systems, "system", r, field)
                        && check_self(v, r, i)
                        && !ids.contains(&SystemId(i))
                    {
                        ids.push(SystemId(i));
                    }
                }
                if !ids.is_empty() {
                    out.push(Dependency::Any(ids));
                }
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn system(
    v: &mut V<'_>,
    rs: &RawSystem,
    me: u32,
    vendor_ids: &HashMap<String, u32>,
    system_ids: &HashMap<String, u32>,
    format_ids: &HashMap<String, u32>,
    vendors: &[Vendor],
    home: Option<super::country::Country>,
) -> System {
    let id = id_of(&rs.id);
    let vendor = rs
        .vendor
        .as_ref()
        .and_then(|r| v.party(vendor_ids, r, "vendor"))
        .unwrap_or(Party::Own);
    let operator = rs
        .operator
        .as_ref()
        .and_then(|r| v.party(vendor_ids, r, "operator"))
        .unwrap_or(Party::Own);
    let region = match (&rs.region, operator) {
        (Some(r), _) => r.value,
        (None, Party::Vendor(o)) => Region::Country(vendors[o.index()].country),
        (None, Party::Own) => Region::Country(home.unwrap_or_else(placeholder_country)),
    };
    let list = |v: &mut V<'_>, ids: &[Id], field: &str| -> Vec<FormatId> {
        ids.iter()
            .filter_map(|r| v.resolve(format_ids, "format", r, field))
            .map(FormatId)
            .collect()
    };
    let formats = list(v, &rs.formats, "formats");
    let exports = rs.exports.as_ref().map(|e| list(v, e, "exports"));
    let depends_on = deps(v, &rs.depends_on, system_ids, Some((me, &id)), "depends_on");
    let mut alternatives = Vec::new();
    let mut alternative_switch = Vec::new();
    for a in &rs.alternatives {
        if let Some(alt) = alternative(v, &a.id, "alternatives", me, &id, system_ids) {
            alternatives.push(alt);
            alternative_switch.push(a.switch.as_ref().map(|s| switch_given(v, s, &id)));
        }
    }
    let recovery = rs
        .recovery
        .as_ref()
        .map(|r| recovery(v, r, me, &id, system_ids))
        .unwrap_or_default();
    let data = rs.data.as_ref().map(|d| Data {
        classes: d.classes.iter().map(|c| c.value.clone()).collect(),
        sensitivity: d
            .sensitivity
            .as_ref()
            .map(|s| s.value)
            .unwrap_or(Sensitivity::Normal),
        volume_gb: d.volume_gb.as_ref().map(|s| s.value).unwrap_or(0.0),
        backup: d
            .backup
            .as_ref()
            .and_then(|r| v.party(vendor_ids, r, "backup")),
    });
    let switch = rs
        .switch
        .as_ref()
        .map(|s| switch_given(v, s, &id))
        .unwrap_or_default();
    let mandated = match &rs.mandated {
        Some(m) if m.value.trim().is_empty() => {
            v.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    format!("`mandated` of system `{id}` is empty"),
                )
                .at(m.span, "say who mandates the system, and why")
                .help("write the mandate, e.g. `mandated = \"Fahrzeug-Zulassungsverordnung (FZV): Anschluss an das Zentrale Fahrzeugregister des KBA\"`, or remove the key"),
            );
            None
        }
        Some(m) => Some(m.value.trim().to_string()),
        None => None,
    };
    System {
        id,
        name: rs
            .name
            .as_ref()
            .map(|n| n.value.clone())
            .unwrap_or_default(),
        description: rs.description.as_ref().map(|n| n.value.clone()),
        category: rs
            .category
            .as_ref()
            .map(|c| c.value.clone())
            .unwrap_or_else(|| "other".into()),
        category_span: rs.category.as_ref().map(|c| c.span),
        layer: rs
            .layer
            .as_ref()
            .map(|l| l.value)
            .unwrap_or(Layer::Application),
        vendor,
        operator,
        region,
        licence: rs
            .licence
            .as_ref()
            .map(|l| l.value)
            .unwrap_or(Licence::Proprietary),
        criticality: rs
            .criticality
            .as_ref()
            .map(|c| c.value)
            .unwrap_or(Criticality::Medium),
        users: rs.users.as_ref().map(|u| u.value).unwrap_or(0),
        status: rs.status.as_ref().map(|s| s.value).unwrap_or(Status::InUse),
        customisation: rs
            .customisation
            .as_ref()
            .map(|c| c.value)
            .unwrap_or(Customisation::Low),
        data,
        formats,
        exports,
        depends_on,
        alternatives,
        alternative_switch,
        exit_plan: rs.exit_plan.as_ref().map(|e| e.value.clone()),
        licence_check: rs.licence_check.as_ref().map(|d| d.value),
        switch,
        exit: rs.exit.as_ref().map(|e| e.value),
        mandated,
        recovery,
        span: rs.span,
    }
}

/// The switch estimate written in a table (`[system.switch]`, an
/// `alternatives` entry): all three durations in order, or none.
fn switch_given(v: &mut V<'_>, s: &RawSwitch, id: &str) -> SwitchGiven {
    let mut switch = SwitchGiven {
        cost: s.cost.as_ref().map(|c| c.value),
        ..SwitchGiven::default()
    };
    match (&s.optimistic, &s.likely, &s.pessimistic) {
        (Some(o), Some(l), Some(p)) => {
            let (od, ld, pd) = (o.value.as_days(), l.value.as_days(), p.value.as_days());
            if od > ld || ld > pd {
                v.push(
                    Diagnostic::error(
                        Code::SwitchEstimates,
                        format!("switch estimates of system `{id}` are out of order"),
                    )
                    .at(
                        if od > ld { o.span } else { p.span },
                        "needs optimistic <= likely <= pessimistic",
                    )
                    .also(l.span, "likely"),
                );
            } else {
                switch.estimates = Some([o.value, l.value, p.value]);
            }
        }
        (None, None, None) => {}
        _ => {
            let missing: Vec<&str> = [
                ("optimistic", &s.optimistic),
                ("likely", &s.likely),
                ("pessimistic", &s.pessimistic),
            ]
            .iter()
            .filter(|(_, x)| x.is_none())
            .map(|(n, _)| *n)
            .collect();
            v.push(
                    Diagnostic::error(Code::SwitchEstimates, format!("switch estimates of system `{id}` are incomplete"))
                        .at(s.span, format!("missing {}", missing.join(" and ")))
                        .help("give all three of optimistic, likely and pessimistic, or none to use the parametric estimate"),
                );
        }
    }
    switch
}

/// Resolves an alternative or fallback: a system id (not the system
/// itself) or `catalog:ID`.
fn alternative(
    v: &mut V<'_>,
    a: &Id,
    field: &str,
    me: u32,
    id: &str,
    system_ids: &HashMap<String, u32>,
) -> Option<Alternative> {
    if let Some(cat) = a.value.strip_prefix("catalog:") {
        return match crate::catalog::Catalog::builtin().get(cat) {
            Some(_) => Some(Alternative::Catalog(cat.to_string())),
            None => {
                let cat_ids: Vec<&str> = crate::catalog::Catalog::builtin().ids().collect();
                let mut d = Diagnostic::error(
                    Code::UnknownReference,
                    format!("`{field}` names catalogue entry `{cat}`, which does not exist"),
                );
                d = match did_you_mean(cat, cat_ids.iter().copied()) {
                    Some(s) => d.at(a.span, format!("did you mean `catalog:{s}`?")),
                    None => d.at(a.span, "not in the built-in catalogue"),
                };
                v.push(d.help("`exitgraph catalog` lists the built-in alternatives"));
                None
            }
        };
    }
    let i = v.resolve(system_ids, "system", a, field)?;
    if i == me {
        let what = if field == "alternatives" {
            "alternative"
        } else {
            "fallback"
        };
        v.push(
            Diagnostic::error(
                Code::SelfDependency,
                format!("system `{id}` names itself as its {what}"),
            )
            .at(a.span, format!("a system is no {what} to itself")),
        );
        return None;
    }
    Some(Alternative::System(SystemId(i)))
}

/// `[system.recovery]`: references resolved, zero restore or setup refused,
/// `setup` only with a `fallback`.
fn recovery(
    v: &mut V<'_>,
    r: &RawRecovery,
    me: u32,
    id: &str,
    system_ids: &HashMap<String, u32>,
) -> Recovery {
    for (d, key) in [(&r.restore, "restore"), (&r.setup, "setup")] {
        if let Some(d) = d
            && d.value.is_zero()
        {
            v.push(
                Diagnostic::error(
                    Code::InvalidDuration,
                    format!("`{key}` of system `{id}` is zero"),
                )
                .at(
                    d.span,
                    format!("`{key}` takes time: it must be longer than zero"),
                ),
            );
        }
    }
    if let (Some(s), None) = (&r.setup, &r.fallback) {
        v.push(
            Diagnostic::error(
                Code::MissingKey,
                format!("`[system.recovery]` of system `{id}` has a `setup` but no `fallback`"),
            )
            .at(s.span, "the time to set up which fallback?")
            .help("add `fallback = \"system-id\"` (or `\"catalog:ID\"`), or remove `setup`"),
        );
    }
    let positive = |d: &Option<Sp<Duration>>| d.as_ref().map(|d| d.value).filter(|d| !d.is_zero());
    Recovery {
        restart: r.restart.as_ref().map(|d| d.value),
        restore: positive(&r.restore),
        rpo: r.rpo.as_ref().map(|d| d.value),
        backup_system: r
            .backup_system
            .as_ref()
            .and_then(|b| v.resolve(system_ids, "system", b, "backup_system"))
            .map(SystemId),
        fallback: r
            .fallback
            .as_ref()
            .and_then(|f| alternative(v, f, "fallback", me, id, system_ids)),
        setup: positive(&r.setup),
    }
}

fn contract(
    v: &mut V<'_>,
    rc: &RawContract,
    vendor_ids: &HashMap<String, u32>,
    system_ids: &HashMap<String, u32>,
    as_of: Option<NaiveDate>,
) -> Option<Contract> {
    let id = id_of(&rc.id);
    let vendor = rc
        .vendor
        .as_ref()
        .and_then(|r| v.resolve(vendor_ids, "vendor", r, "vendor"))
        .map(VendorId);
    let covers: Vec<SystemId> = rc
        .covers
        .iter()
        .filter_map(|r| v.resolve(system_ids, "system", r, "covers"))
        .map(SystemId)
        .collect();
    let end = match (&rc.end, &rc.term, &rc.start) {
        (Some(e), None, _) => Some(e.value),
        (None, Some(t), Some(s)) => {
            if t.value.is_zero() {
                v.push(
                    Diagnostic::error(
                        Code::ContractTerm,
                        format!("the term of contract `{id}` is zero"),
                    )
                    .at(t.span, "a term must be longer than zero"),
                );
                None
            } else {
                t.value.add_to(s.value).and_then(|d| d.pred_opt())
            }
        }
        (None, Some(t), None) => {
            v.push(
                Diagnostic::error(Code::ContractTerm, format!("contract `{id}` has a `term` but no `start`"))
                    .at(t.span, "a term counts from the start date")
                    .help("add `start = 2025-01-01` (the first day of the contract), or give `end` instead"),
            );
            None
        }
        (Some(e), Some(t), _) => {
            v.push(
                Diagnostic::error(
                    Code::ContractTerm,
                    format!("contract `{id}` has both `end` and `term`"),
                )
                .at(t.span, "give either `term` or `end`")
                .also(e.span, "end given here"),
            );
            None
        }
        (None, None, _) if rc.term_written => None,
        (None, None, _) => {
            v.push(
                Diagnostic::error(Code::ContractTerm, format!("contract `{id}` has no end of term"))
                    .at(rc.span, "needs `end`, or `start` and `term`")
                    .help("add `end = 2027-06-30` (last day of the current term), or `start` with `term = \"3y\"`"),
            );
            None
        }
    };
    if let (Some(e), Some(s)) = (end, &rc.start)
        && e < s.value
    {
        let at = rc.end.as_ref().map(|x| x.span).unwrap_or(s.span);
        v.push(
            Diagnostic::error(
                Code::EndBeforeStart,
                format!("contract `{id}` ends ({e}) before it starts ({})", s.value),
            )
            .at(at, "end before start")
            .also(s.span, "start")
            .help("`start` is the first day of the contract, `end` the last day of its current term; swap or correct them"),
        );
        return None;
    }
    for (d, name) in [(&rc.renewal, "renewal")] {
        if let Some(d) = d
            && d.value.is_zero()
        {
            v.push(
                Diagnostic::error(
                    Code::InvalidDuration,
                    format!("`{name}` of contract `{id}` is zero"),
                )
                .at(d.span, "a renewal period must be longer than zero")
                .help("remove `renewal` if the contract simply ends"),
            );
            return None;
        }
    }
    if let (Some(to), None) = (&rc.notice_to, &rc.notice)
        && to.value != NoticeTo::TermEnd
    {
        v.push(
            Diagnostic::warning(
                Code::NoticeToWithoutNotice,
                format!(
                    "contract `{id}` can only end at a {} but has no `notice`",
                    to.value
                ),
            )
            .at(to.span, "without `notice`, notice can be given up to the last day")
            .help("add the notice period, e.g. `notice = \"3mo\"` for \"drei Monate zum Quartalsende\""),
        );
    }
    let decision = match &rc.decision {
        Some(d) => {
            if let (Some(day), Some(as_of)) = (&d.decided, as_of)
                && day.value > as_of
            {
                v.push(
                    Diagnostic::error(
                        Code::DecisionInFuture,
                        format!(
                            "the decision on contract `{id}` is dated {}, after the model's as_of date {as_of}",
                            day.value
                        ),
                    )
                    .at(day.span, "a recorded decision must already have been taken")
                    .help("correct the date, or record the decision when it has been taken (`as_of` of [organisation] is the review date)"),
                );
                return None;
            }
            Some(Decision {
                intent: d.intent.as_ref()?.value,
                decided: d.decided.as_ref()?.value,
                by: d.by.as_ref().map(|b| b.value.clone()),
                reason: d.reason.as_ref().map(|r| r.value.clone()),
                span: d.span,
            })
        }
        None => None,
    };
    Some(Contract {
        id,
        name: rc.name.as_ref().map(|n| n.value.clone()),
        description: rc.description.as_ref().map(|n| n.value.clone()),
        vendor: vendor?,
        covers,
        kind: rc.kind.as_ref()?.value,
        start: rc.start.as_ref().map(|s| s.value),
        end: end?,
        notice: rc
            .notice
            .as_ref()
            .map(|n| n.value)
            .unwrap_or(Duration::ZERO),
        renewal: rc.renewal.as_ref().map(|r| r.value),
        annual_cost: rc.annual_cost.as_ref().map(|c| c.value),
        data_retrieval: rc.data_retrieval.as_ref().map(|d| d.value),
        switching_charge: rc.switching_charge.as_ref().map(|c| c.value),
        notice_to: rc
            .notice_to
            .as_ref()
            .map(|t| t.value)
            .unwrap_or(NoticeTo::TermEnd),
        provider_notice: rc.provider_notice.as_ref().map(|p| p.value),
        exit: rc.exit.as_ref().map(|e| e.value),
        decision,
        span: rc.span,
        notice_span: rc.notice.as_ref().map(|n| n.span),
        contact: rc.contact.as_ref().map(contact),
    })
}

/// The validated `[plan]` table; `as_of` (the model's) dates the default
/// start for the check of budget years.
fn plan(v: &mut V<'_>, p: &RawPlan, as_of: Option<NaiveDate>) -> Option<PlanSettings> {
    let mut ok = true;
    let horizon = p
        .horizon
        .as_ref()
        .map(|h| h.value)
        .unwrap_or(Duration::years(3));
    if let Some(h) = &p.horizon
        && (h.value.is_zero() || h.value.as_days() > 10.0 * 366.0)
    {
        v.push(
            Diagnostic::error(
                Code::InvalidDuration,
                "`horizon` of [plan] must be longer than zero and at most ten years",
            )
            .at(h.span, "out of range")
            .help("write e.g. `horizon = \"3y\"` for a three-year plan"),
        );
        ok = false;
    }
    let parallel = match &p.parallel_migrations {
        Some(n) if n.value == 0 || n.value > 1000 => {
            v.push(
                Diagnostic::error(
                    Code::InvalidNumber,
                    "`parallel_migrations` of [plan] must be from 1 to 1,000",
                )
                .at(n.span, "moves the team can run at once"),
            );
            ok = false;
            None
        }
        Some(n) => Some(n.value as u32),
        None => None,
    };
    if let Some(x) = &p.staff_months
        && x.value <= 0.0
    {
        v.push(
            Diagnostic::error(
                Code::InvalidNumber,
                "`staff_months` of [plan] must be more than 0",
            )
            .at(x.span, "staff-months per quarter for moves"),
        );
        ok = false;
    }
    let goal = p.goal.as_ref().map(|g| g.value).unwrap_or(PlanGoal::Risk);
    let target_score = match (&p.target_score, goal) {
        (Some(t), PlanGoal::Sovereignty) if !(5..=25).contains(&t.value) => {
            v.push(
                Diagnostic::error(
                    Code::InvalidNumber,
                    "`target_score` of [plan] must be a sovereignty score from 5 to 25",
                )
                .at(t.span, "out of range"),
            );
            ok = false;
            None
        }
        (Some(t), PlanGoal::Sovereignty) => Some(t.value as u8),
        (Some(t), _) => {
            v.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    "`target_score` of [plan] applies only to `goal = \"sovereignty\"`",
                )
                .at(t.span, "no effect with this goal")
                .help("remove it, or set `goal = \"sovereignty\"`"),
            );
            ok = false;
            None
        }
        (None, PlanGoal::Sovereignty) => {
            v.push(
                Diagnostic::error(
                    Code::MissingKey,
                    "[plan] with `goal = \"sovereignty\"` has no `target_score`",
                )
                .at(p.span, "the score to reach is missing")
                .help("add a line like `target_score = 18` (5 to 25)"),
            );
            ok = false;
            None
        }
        (None, _) => None,
    };
    let start = p.start.as_ref().map(|s| s.value);
    // The years the plan covers, when its start is known from the model.
    let years = start
        .or_else(|| as_of.map(crate::model::plan_start))
        .map(|s| {
            let end = horizon.add_to(s).and_then(|e| e.pred_opt()).unwrap_or(s);
            (chrono::Datelike::year(&s), chrono::Datelike::year(&end))
        });
    let budget = match &p.budget {
        None => None,
        Some(entries) => {
            let mut out: Vec<(i32, f64)> = Vec::new();
            for (year, amount) in entries {
                let Ok(y) = year.value.parse::<i32>().map_err(|_| ()).and_then(|y| {
                    if (1900..=2200).contains(&y) {
                        Ok(y)
                    } else {
                        Err(())
                    }
                }) else {
                    v.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            format!("`{}` in the budget of [plan] is not a year", year.value),
                        )
                        .at(year.span, "expected a calendar year such as 2027")
                        .help("write `budget = { 2027 = 250000, 2028 = 400000 }`"),
                    );
                    ok = false;
                    continue;
                };
                if let Some((first, last)) = years
                    && !(first..=last).contains(&y)
                {
                    v.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            format!("the budget for {y} lies outside the plan, which covers {first} to {last}"),
                        )
                        .at(year.span, "outside the horizon")
                        .help("remove the year, or move `start` or lengthen `horizon` of [plan]"),
                    );
                    ok = false;
                    continue;
                }
                out.push((y, amount.value));
            }
            out.sort_by_key(|e| e.0);
            Some(out)
        }
    };
    ok.then_some(PlanSettings {
        start,
        horizon,
        parallel_migrations: parallel,
        staff_months: p.staff_months.as_ref().map(|x| x.value),
        budget,
        goal,
        target_score,
        span: p.span,
    })
}

/// A `contract-ended` warning for each contract that ended before `as_of`
/// (the model's `as_of`, or the review date given on the command line):
/// such a contract no longer counts in spend, concentration, exit savings
/// or contracts at risk.
pub fn ended_contracts(m: &Model, as_of: NaiveDate) -> Vec<Diagnostic> {
    m.contracts
        .iter()
        .filter_map(|c| {
            let day = c.ended_before(as_of)?;
            let how = if c.decision.as_ref().is_some_and(|d| d.intent == Intent::Exit) {
                "was left as decided"
            } else {
                "ended without renewal"
            };
            Some(
                Diagnostic::warning(
                    Code::ContractEnded,
                    format!("contract `{}` {how} on {day}, before the review date {as_of}", c.id),
                )
                .at(c.span, "no longer counted in spend, exit savings or contracts at risk")
                .help("remove the contract, or record its follow-up: a new `end`, or `renewal` if it was extended"),
            )
        })
        .collect()
}

/// Model-level warnings of a valid model.
fn warnings(m: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();

    // Dependency cycles between systems (depends_on and interfaces); soft
    // interfaces spread no failure and order no switch: not a cycle.
    let edges = m
        .systems
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.depends_on
                .iter()
                .flat_map(move |d| d.members().iter().map(move |t| (i, t.index())))
        })
        .chain(
            m.interfaces
                .iter()
                .filter(|it| it.hard)
                .map(|it| (it.from.index(), it.to.index())),
        );
    for members in crate::graph::scc::components(m.systems.len(), edges) {
        if members.len() < 2 {
            continue;
        }
        // A cycle through thousands of systems names the first few: the
        // message and the excerpts stay readable and linear in size.
        const SHOWN: usize = 10;
        let mut names: Vec<&str> = members
            .iter()
            .take(SHOWN)
            .map(|&i| m.systems[i].id.as_str())
            .collect();
        let more = members.len().saturating_sub(SHOWN);
        let more_text = format!("and {more} more");
        if more > 0 {
            names.push(&more_text);
        }
        let mut d = Diagnostic::warning(Code::DependencyCycle, format!("systems depend on each other in a cycle: {}", names.join(", ")))
            .at(m.systems[members[0]].span, "part of the cycle")
            .help("cycles are allowed, but exit plans treat them as one joint task and cut-off simulation lets them fall together");
        for &i in members.iter().take(SHOWN).skip(1) {
            d = d.also(m.systems[i].span, "part of the cycle");
        }
        out.push(d);
    }

    if let Some(as_of) = m.organisation.as_of {
        out.extend(ended_contracts(m, as_of));
    }

    // Contracts per system.
    let mut covered = vec![false; m.systems.len()];
    for c in &m.contracts {
        for s in &c.covers {
            covered[s.index()] = true;
            let sys = &m.systems[s.index()];
            if sys.status == Status::Retired {
                out.push(
                    Diagnostic::warning(
                        Code::ContractCoversRetired,
                        format!("contract `{}` covers retired system `{}`", c.id, sys.id),
                    )
                    .at(c.span, "this contract")
                    .also(sys.span, "retired system")
                    .help("give notice on the contract, or drop the system from `covers`"),
                );
            }
        }
    }
    for (i, s) in m.systems.iter().enumerate() {
        // A mandated system is often used under an administrative agreement,
        // not a contract: it is not reported.
        if s.in_use()
            && !covered[i]
            && !s.is_mandated()
            && (s.vendor != Party::Own || s.operator != Party::Own)
        {
            let who = s
                .operator
                .vendor()
                .or(s.vendor.vendor())
                .map(|v| m.vendors[v.index()].id.as_str())
                .unwrap_or("");
            out.push(
                Diagnostic::warning(Code::NoContract, format!("in-use system `{}` from vendor `{who}` has no contract", s.id))
                    .at(s.span, "no [[contract]] covers this system")
                    .help("add its contract (with notice and term) so that deadlines and spend include it"),
            );
        }
    }

    // Reliance on inactive systems.
    let inactive = |id: SystemId| m.systems[id.index()].status != Status::InUse;
    for s in m.systems.iter().filter(|s| s.in_use()) {
        for d in &s.depends_on {
            if let Dependency::Any(ts) = d
                && ts.iter().all(|t| inactive(*t))
            {
                out.push(
                    Diagnostic::warning(
                        Code::DependsOnInactive,
                        format!("in-use system `{}` has an `any` group whose members are all out of use", s.id),
                    )
                    .at(s.span, "this system")
                    .help("analyses ignore the group; list the systems actually in use"),
                );
            }
            if let Dependency::One(t) = d
                && inactive(*t)
            {
                let t = &m.systems[t.index()];
                out.push(
                    Diagnostic::warning(
                        Code::DependsOnInactive,
                        format!(
                            "in-use system `{}` depends on {} system `{}`",
                            s.id, t.status, t.id
                        ),
                    )
                    .at(s.span, "this system")
                    .also(t.span, "not in use"),
                );
            }
        }
    }
    for it in &m.interfaces {
        let (from, to) = (&m.systems[it.from.index()], &m.systems[it.to.index()]);
        if from.in_use() && !to.in_use() {
            out.push(
                Diagnostic::warning(
                    Code::DependsOnInactive,
                    format!(
                        "interface `{}` connects in-use system `{}` to {} system `{}`",
                        it.id, from.id, to.status, to.id
                    ),
                )
                .at(it.span, "this interface")
                .also(to.span, "not in use"),
            );
        }
    }
    for s in &m.services {
        for d in &s.needs {
            if let Dependency::One(t) = d
                && inactive(*t)
            {
                let t = &m.systems[t.index()];
                out.push(
                    Diagnostic::warning(
                        Code::DependsOnInactive,
                        format!("service `{}` needs {} system `{}`", s.id, t.status, t.id),
                    )
                    .at(s.span, "this service")
                    .also(t.span, "not in use"),
                );
            }
        }
    }

    // A recovery time objective beyond the tolerable outage (BSI 200-4:
    // the restart must be planned within the maximum tolerable outage).
    for sv in &m.services {
        if let (Some(rto), Some(max)) = (sv.rto, sv.max_outage)
            && rto.as_hours() > max.as_hours()
        {
            out.push(
                Diagnostic::warning(
                    Code::RtoAboveMaxOutage,
                    format!(
                        "service `{}` plans its recovery in {rto} (`rto`), longer than it can be down ({max}, `max_outage`)",
                        sv.id
                    ),
                )
                .at(sv.span, "this service")
                .help("the recovery time objective must fit within the maximum tolerable outage: shorten `rto` or review `max_outage`"),
            );
        }
    }

    // Categories that look like a misspelt known category.
    for s in &m.systems {
        if KNOWN_CATEGORIES.contains(&s.category.as_str()) {
            continue;
        }
        if let Some(k) = did_you_mean(&s.category, KNOWN_CATEGORIES.iter().copied()) {
            out.push(
                Diagnostic::warning(
                    Code::UnknownCategory,
                    format!("system `{}` has category `{}`, which is not a known category", s.id, s.category),
                )
                .at(s.category_span.unwrap_or(s.span), format!("did you mean `{k}`?"))
                .help("known categories get parametric switch estimates and catalogue suggestions; see docs/model.md"),
            );
        }
    }

    // Vendors nothing refers to.
    let mut used = vec![false; m.vendors.len()];
    let mut mark = |p: Party| {
        if let Party::Vendor(v) = p {
            used[v.index()] = true;
        }
    };
    for s in &m.systems {
        mark(s.vendor);
        mark(s.operator);
        if let Some(b) = s.data.as_ref().and_then(|d| d.backup) {
            mark(b);
        }
    }
    for c in &m.contracts {
        mark(Party::Vendor(c.vendor));
    }
    for sc in &m.scenarios {
        for c in &sc.cuts {
            if let Cut::Vendor(v) = &c.target {
                mark(Party::Vendor(*v));
            }
        }
        for p in &sc.prices {
            mark(Party::Vendor(p.vendor));
        }
    }
    // A parent of a used vendor is used (it controls it): each chain is
    // walked up from the used vendors until a vendor already marked, so
    // every vendor is marked once (linear, also for long parent chains).
    let marked: Vec<usize> = (0..m.vendors.len()).filter(|&i| used[i]).collect();
    for i in marked {
        let mut p = m.vendors[i].parent;
        while let Some(v) = p.filter(|v| !used[v.index()]) {
            used[v.index()] = true;
            p = m.vendors[v.index()].parent;
        }
    }
    // How many systems and contracts name each vendor (one pass, for the
    // placeholder warnings).
    let mut systems_of = vec![0usize; m.vendors.len()];
    let mut contracts_of = vec![0usize; m.vendors.len()];
    for s in &m.systems {
        match (s.vendor, s.operator) {
            (Party::Vendor(a), Party::Vendor(b)) if a == b => systems_of[a.index()] += 1,
            (a, b) => {
                for p in [a, b] {
                    if let Party::Vendor(v) = p {
                        systems_of[v.index()] += 1;
                    }
                }
            }
        }
    }
    for c in &m.contracts {
        contracts_of[c.vendor.index()] += 1;
    }
    // Placeholders an import left: their country is assumed.
    for (i, v) in m.vendors.iter().enumerate() {
        if !v.placeholder {
            continue;
        }
        let (systems, contracts) = (systems_of[i], contracts_of[i]);
        out.push(
            Diagnostic::warning(
                Code::PlaceholderVendor,
                format!(
                    "vendor `{}` is a placeholder: its country {} is assumed ({systems} system{}, {contracts} contract{} name it)",
                    v.id,
                    v.country,
                    if systems == 1 { "" } else { "s" },
                    if contracts == 1 { "" } else { "s" }
                ),
            )
            .at(v.span, "placeholder created by an import")
            .help("complete its name, country and parent (or point its systems at the real vendor), then remove `placeholder = true`"),
        );
    }
    for (i, v) in m.vendors.iter().enumerate() {
        if !used[i] {
            out.push(
                Diagnostic::warning(Code::UnusedVendor, format!("vendor `{}` is not referred to", v.id))
                    .at(v.span, "nothing names this vendor")
                    .help("name it as a system's vendor, operator or backup, a contract's vendor or a parent, or remove it"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::source::Sp;

    #[test]
    fn ids_are_lowercase_kebab() {
        assert!(is_valid_id("m365"));
        assert!(is_valid_id("ok-ewo"));
        assert!(!is_valid_id("OK.EWO"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
        assert_eq!(slug("Bürger Portal (OZG)"), "buerger-portal-ozg");
    }

    #[test]
    fn placeholder_is_a_country() {
        assert_eq!(placeholder_country().as_str(), "DE");
    }

    #[test]
    fn sp_is_constructible() {
        let s = Sp::new(1, Span::default());
        assert_eq!(s.value, 1);
    }
}
