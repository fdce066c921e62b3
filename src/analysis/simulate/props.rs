//! The monotonicity of the recovery, checked on random models: adding a
//! cut, lengthening an outage or a loss, making a cut more severe, or
//! removing a backup never makes any system or service stop later or come
//! back earlier.
//!
//! Models are generated as a small spec, written out as TOML and loaded
//! through the normal pipeline. They mix everything the recovery reads:
//! ownership chains, operators, licence checks, hard dependencies (cycles
//! included) and `any` groups, candidates, alternatives with given switch
//! estimates, catalogue entries, fallbacks with setup times, data with
//! backup holders and backup systems, restart and restore times, services.

use super::*;
use crate::model::{Limits, load_str};
use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

const COUNTRIES: [&str; 3] = ["DE", "US", "FR"];

#[derive(Clone, Debug)]
struct Sys {
    vendor: Option<usize>,
    operator: Option<usize>,
    licence_hours: Option<u32>,
    candidate: bool,
    depends: Vec<usize>,
    any: Vec<usize>,
    alternatives: Vec<usize>,
    catalog: bool,
    /// optimistic, likely, pessimistic days (sorted).
    switch: [u32; 3],
    restart: Option<u32>,
    restore: Option<u32>,
    backup_system: Option<usize>,
    /// `Some(None)`: fallback from the catalogue.
    fallback: Option<Option<usize>>,
    setup_days: Option<u32>,
    /// Data with its backup holder: `None` no data; `Some(None)` no backup,
    /// `Some(Some(None))` held by the organisation, else by a vendor.
    data: Option<Option<Option<usize>>>,
}

#[derive(Clone, Debug)]
struct Model {
    vendors: Vec<(usize, Option<usize>)>,
    systems: Vec<Sys>,
    services: Vec<(Vec<usize>, Vec<usize>)>,
}

/// A cut: target (0 vendor, 1 system, 2 jurisdiction), index, kind
/// (0 outage, 1 loss, 2 withdrawal), hours.
type RawCut = (u8, u8, u8, u16);

fn pick(n: usize, raw: usize) -> usize {
    raw % n.max(1)
}

fn arb_model() -> impl Strategy<Value = Model> {
    (
        prop::collection::vec((any::<u8>(), any::<u8>()), 1..5),
        prop::collection::vec(
            (
                prop::collection::vec(any::<u8>(), 0..3),
                prop::collection::vec(any::<u8>(), 0..3),
                any::<[u8; 16]>(),
            ),
            2..10,
        ),
        prop::collection::vec(
            (
                prop::collection::vec(any::<u8>(), 1..3),
                prop::collection::vec(any::<u8>(), 0..3),
            ),
            1..4,
        ),
    )
        .prop_map(|(vendors, systems, services)| {
            let nv = vendors.len();
            let ns = systems.len();
            let vendors = vendors
                .iter()
                .enumerate()
                .map(|(i, (c, p))| {
                    let parent = (i > 0 && p % 3 == 0).then(|| pick(i, *p as usize));
                    (pick(COUNTRIES.len(), *c as usize), parent)
                })
                .collect();
            let systems = systems
                .iter()
                .enumerate()
                .map(|(i, (deps, alts, b))| {
                    let others = |raw: u8| {
                        let j = pick(ns, raw as usize);
                        (j != i).then_some(j)
                    };
                    let mut depends: Vec<usize> = deps.iter().filter_map(|d| others(*d)).collect();
                    depends.sort_unstable();
                    depends.dedup();
                    let mut alternatives: Vec<usize> =
                        alts.iter().filter_map(|a| others(*a)).collect();
                    alternatives.sort_unstable();
                    alternatives.dedup();
                    let mut switch = [
                        b[9] as u32 % 60 + 1,
                        b[10] as u32 % 60 + 1,
                        b[11] as u32 % 60 + 1,
                    ];
                    switch.sort_unstable();
                    let any: Vec<usize> = if b[12] % 3 == 0 {
                        [b[13], b[14]].iter().filter_map(|x| others(*x)).collect()
                    } else {
                        Vec::new()
                    };
                    Sys {
                        vendor: (b[0] % 4 != 0).then(|| pick(nv, b[0] as usize)),
                        operator: (b[1] % 3 == 0).then(|| pick(nv, b[1] as usize)),
                        licence_hours: (b[2] % 2 == 0).then_some(b[2] as u32 % 97 * 12 + 12),
                        candidate: b[3] % 6 == 0,
                        depends,
                        any,
                        alternatives,
                        catalog: b[4] % 5 == 0,
                        switch,
                        restart: (b[5] % 2 == 0).then_some(b[5] as u32 % 12),
                        restore: (b[6] % 2 == 0).then_some(b[6] as u32 % 100 + 1),
                        backup_system: if b[7] % 3 == 0 {
                            others(b[7] / 3)
                        } else {
                            None
                        },
                        fallback: match b[8] % 4 {
                            0 => Some(others(b[8] / 4)),
                            1 => Some(None),
                            _ => None,
                        },
                        setup_days: (b[15] % 2 == 0).then_some(b[15] as u32 % 40 + 1),
                        data: match b[14] % 4 {
                            0 => None,
                            1 => Some(None),
                            2 => Some(Some(None)),
                            _ => Some(Some(Some(pick(nv, b[13] as usize)))),
                        },
                    }
                })
                .collect();
            let services = services
                .iter()
                .map(|(needs, any)| {
                    (
                        needs.iter().map(|n| pick(ns, *n as usize)).collect(),
                        any.iter().map(|n| pick(ns, *n as usize)).collect(),
                    )
                })
                .collect();
            Model {
                vendors,
                systems,
                services,
            }
        })
}

fn toml(m: &Model) -> String {
    let mut t = String::from("[organisation]\nname = \"P\"\nhome = \"DE\"\ntrusted = [\"EU\"]\n");
    for (i, (c, p)) in m.vendors.iter().enumerate() {
        let _ = writeln!(
            t,
            "[[vendor]]\nid = \"v{i}\"\nname = \"V{i}\"\ncountry = \"{}\"",
            COUNTRIES[*c]
        );
        if let Some(p) = p {
            let _ = writeln!(t, "parent = \"v{p}\"");
        }
    }
    for (i, s) in m.systems.iter().enumerate() {
        let _ = writeln!(t, "[[system]]\nid = \"s{i}\"\nname = \"S{i}\"");
        if let Some(v) = s.vendor {
            let _ = writeln!(t, "vendor = \"v{v}\"");
        }
        if let Some(v) = s.operator {
            let _ = writeln!(t, "operator = \"v{v}\"");
        }
        if let Some(h) = s.licence_hours {
            let _ = writeln!(t, "licence_check = \"{h}h\"");
        }
        if s.candidate {
            let _ = writeln!(t, "status = \"candidate\"");
        }
        let mut deps: Vec<String> = s.depends.iter().map(|d| format!("\"s{d}\"")).collect();
        if s.any.len() == 2 {
            deps.push(format!(
                "{{ any = [\"s{}\", \"s{}\"] }}",
                s.any[0], s.any[1]
            ));
        }
        let _ = writeln!(t, "depends_on = [{}]", deps.join(", "));
        let mut alts: Vec<String> = s.alternatives.iter().map(|a| format!("\"s{a}\"")).collect();
        if s.catalog {
            alts.push("\"catalog:libreoffice\"".into());
        }
        let _ = writeln!(t, "alternatives = [{}]", alts.join(", "));
        let [o, l, p] = s.switch;
        let _ = writeln!(
            t,
            "switch = {{ optimistic = \"{o}d\", likely = \"{l}d\", pessimistic = \"{p}d\" }}"
        );
        if let Some(d) = &s.data {
            let backup = match d {
                None => String::new(),
                Some(None) => ", backup = \"self\"".into(),
                Some(Some(v)) => format!(", backup = \"v{v}\""),
            };
            let _ = writeln!(t, "data = {{ classes = [\"x\"], volume_gb = 100{backup} }}");
        }
        let mut rec: Vec<String> = Vec::new();
        if let Some(h) = s.restart {
            rec.push(format!("restart = \"{h}h\""));
        }
        if let Some(h) = s.restore {
            rec.push(format!("restore = \"{h}h\""));
        }
        if let Some(b) = s.backup_system {
            rec.push(format!("backup_system = \"s{b}\""));
        }
        match s.fallback {
            Some(Some(f)) => rec.push(format!("fallback = \"s{f}\"")),
            Some(None) => rec.push("fallback = \"catalog:libreoffice\"".into()),
            None => {}
        }
        if let (Some(d), Some(_)) = (s.setup_days, s.fallback) {
            rec.push(format!("setup = \"{d}d\""));
        }
        if !rec.is_empty() {
            let _ = writeln!(t, "recovery = {{ {} }}", rec.join(", "));
        }
    }
    for (i, (needs, any)) in m.services.iter().enumerate() {
        let mut n: Vec<String> = needs.iter().map(|d| format!("\"s{d}\"")).collect();
        if any.len() >= 2 {
            n.push(format!("{{ any = [\"s{}\", \"s{}\"] }}", any[0], any[1]));
        }
        let _ = writeln!(
            t,
            "[[service]]\nid = \"sv{i}\"\nname = \"SV{i}\"\nmax_outage = \"2d\"\nneeds = [{}]",
            n.join(", ")
        );
    }
    t
}

fn load(m: &Model) -> Option<Graph> {
    let text = toml(m);
    load_str("p.toml", Path::new("p.toml"), &text, &Limits::default())
        .ok()
        .map(Graph::build)
}

fn cut(g: &Graph, c: &RawCut) -> ScenarioCut {
    let m = g.model();
    let target = match c.0 % 3 {
        0 => Cut::Vendor(crate::model::VendorId(
            pick(m.vendors.len(), c.1 as usize) as u32
        )),
        1 => Cut::System(crate::model::SystemId(
            pick(m.systems.len(), c.1 as usize) as u32
        )),
        _ => Cut::Jurisdiction(Region::Country(
            Country::parse(COUNTRIES[pick(COUNTRIES.len(), c.1 as usize)]).unwrap(),
        )),
    };
    let hours = Duration::hours(u32::from(c.3) % 400 + 1);
    let (kind, duration) = match c.2 % 3 {
        0 => (CutKind::Outage, Some(hours)),
        1 => (CutKind::Loss, (c.3 % 2 == 0).then_some(hours)),
        _ => (CutKind::Withdrawal, None),
    };
    ScenarioCut::new(target, Some(kind), duration)
}

/// Per system and service id: the hour it stops (`INFINITY`: never, or
/// replaced in time) and the hour it is back (`INFINITY`: never).
fn times(r: &Report) -> BTreeMap<String, (f64, f64)> {
    let mut out = BTreeMap::new();
    for s in &r.systems {
        if s.state == State::Down {
            let back = s.back_at_hours.unwrap_or(f64::INFINITY);
            out.insert(
                format!("system {}", s.id),
                (s.down_at_hours.unwrap_or(0.0), back),
            );
        }
    }
    for s in &r.services {
        if s.state == State::Down {
            let back = s.back_at_hours.unwrap_or(f64::INFINITY);
            out.insert(
                format!("service {}", s.id),
                (s.down_at_hours.unwrap_or(0.0), back),
            );
        }
    }
    out
}

/// `worse` is at least as bad as `better` for every system and service:
/// it stops no later, and what stops in `better` is back no earlier.
fn no_better(better: &Report, worse: &Report) -> Result<(), String> {
    let (b, w) = (times(better), times(worse));
    for (id, (down, back)) in &b {
        let Some((wd, wb)) = w.get(id) else {
            return Err(format!(
                "{id} stops at {down} with fewer cuts, not with more"
            ));
        };
        if wd > down {
            return Err(format!("{id} stops at {wd} instead of {down}"));
        }
        if wb < back {
            return Err(format!("{id} is back at {wb} instead of {back}"));
        }
    }
    Ok(())
}

fn simulate(g: &Graph, cuts: &[ScenarioCut]) -> Report {
    Simulator::new(g).simulate(&Spec::ad_hoc(cuts.to_vec(), Vec::new()), as_of())
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Adding a cut never makes anything stop later or come back earlier.
    #[test]
    fn adding_a_cut_is_never_better(m in arb_model(), base in prop::collection::vec(any::<RawCut>(), 1..3), extra in any::<RawCut>()) {
        let Some(g) = load(&m) else { return Ok(()) };
        let cuts: Vec<ScenarioCut> = base.iter().map(|c| cut(&g, c)).collect();
        let mut more = cuts.clone();
        more.push(cut(&g, &extra));
        let r = no_better(&simulate(&g, &cuts), &simulate(&g, &more));
        prop_assert!(r.is_ok(), "{}\n{}", r.unwrap_err(), toml(&m));
    }

    /// A longer outage or loss, or a more severe kind of cut, is never better.
    #[test]
    fn a_longer_or_more_severe_cut_is_never_better(m in arb_model(), c in any::<RawCut>(), longer in 1u32..500, worse_kind in any::<bool>()) {
        let Some(g) = load(&m) else { return Ok(()) };
        let short = cut(&g, &c);
        let long = match (worse_kind, short.kind) {
            (true, CutKind::Outage) => ScenarioCut::new(short.target.clone(), Some(CutKind::Loss), short.duration),
            (true, _) => ScenarioCut::new(short.target.clone(), Some(CutKind::Withdrawal), None),
            (false, CutKind::Withdrawal) => short.clone(),
            (false, k) => {
                let h = short.duration.map_or(0, |d| d.as_hours() as u32) + longer;
                ScenarioCut::new(short.target.clone(), Some(k), Some(Duration::hours(h)))
            }
        };
        let r = no_better(&simulate(&g, std::slice::from_ref(&short)), &simulate(&g, &[long]));
        prop_assert!(r.is_ok(), "{}\n{}", r.unwrap_err(), toml(&m));
    }

    /// Removing a backup (its holder and its backup system) is never better.
    #[test]
    fn removing_a_backup_is_never_better(m in arb_model(), cuts in prop::collection::vec(any::<RawCut>(), 1..3), which in any::<u8>()) {
        let Some(g) = load(&m) else { return Ok(()) };
        let mut less = m.clone();
        let i = pick(less.systems.len(), which as usize);
        // The system keeps its data, without a backup.
        less.systems[i].backup_system = None;
        less.systems[i].data = Some(None);
        let Some(g2) = load(&less) else { return Ok(()) };
        let c: Vec<ScenarioCut> = cuts.iter().map(|c| cut(&g, c)).collect();
        let r = no_better(&simulate(&g, &c), &simulate(&g2, &c));
        prop_assert!(r.is_ok(), "{}\n{}", r.unwrap_err(), toml(&m));
    }
}
