//! The direction rules of the lock-in score, checked on random models:
//! making a format closed, removing the last export, adding a dependent,
//! lengthening the notice, or moving the vendor under an untrusted parent
//! never lowers any system's score; adding a trusted alternative never
//! raises one.
//!
//! Models are generated as a small spec, written out as TOML and loaded
//! through the normal pipeline, so validation and defaults apply exactly as
//! for a user's model. Switch estimates are given in the spec, so that the
//! switch factor does not depend on the parametric estimator.

use super::*;
use crate::model::{Limits, load_str};
use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::Path;

const COUNTRIES: [&str; 5] = ["DE", "FR", "US", "CN", "GB"];
const CRIT: [&str; 4] = ["low", "medium", "high", "critical"];

#[derive(Clone, Debug)]
struct Sys {
    vendor: Option<usize>,
    operator: Option<usize>,
    region: Option<usize>,
    open_source: bool,
    criticality: usize,
    users: u32,
    candidate: bool,
    volume: Option<u32>,
    formats: Vec<usize>,
    exports: Option<Vec<usize>>,
    depends: Vec<usize>,
    any: Vec<usize>,
    alternatives: Vec<usize>,
    /// optimistic, likely, pessimistic in months (sorted).
    switch: [u32; 3],
}

/// (from, to, open given, format, hard)
type Iface = (usize, usize, Option<bool>, Option<usize>, bool);
/// (vendor, covers, kind, notice months, renewal, retrieval days)
type Contract = (usize, Vec<usize>, usize, u32, bool, Option<u32>);
/// Raw bytes of one system: formats, exports, dependencies, alternatives, flags.
type RawSys = (Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>, [u8; 12]);

#[derive(Clone, Debug)]
struct Spec {
    /// (country, parent) with parent < own index.
    vendors: Vec<(usize, Option<usize>)>,
    formats: Vec<bool>,
    systems: Vec<Sys>,
    interfaces: Vec<Iface>,
    contracts: Vec<Contract>,
    /// (criticality, users, needs)
    services: Vec<(usize, u32, Vec<usize>)>,
}

fn pick(n: usize, raw: usize) -> usize {
    raw % n.max(1)
}

fn arb_sys() -> impl Strategy<Value = RawSys> {
    (
        prop::collection::vec(any::<u8>(), 0..3),
        prop::collection::vec(any::<u8>(), 0..3),
        prop::collection::vec(any::<u8>(), 0..3),
        prop::collection::vec(any::<u8>(), 0..3),
        any::<[u8; 12]>(),
    )
}

fn arb_spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec((any::<u8>(), any::<u8>()), 1..5),
        prop::collection::vec(any::<bool>(), 1..4),
        prop::collection::vec(arb_sys(), 1..7),
        prop::collection::vec(any::<[u8; 5]>(), 0..5),
        prop::collection::vec(
            (any::<[u8; 5]>(), prop::collection::vec(any::<u8>(), 1..3)),
            0..4,
        ),
        prop::collection::vec(
            (any::<[u8; 2]>(), prop::collection::vec(any::<u8>(), 1..3)),
            0..4,
        ),
    )
        .prop_map(
            |(vendors, formats, systems, interfaces, contracts, services)| {
                let nv = vendors.len();
                let nf = formats.len();
                let ns = systems.len();
                let vendors: Vec<(usize, Option<usize>)> = vendors
                    .iter()
                    .enumerate()
                    .map(|(i, (c, p))| {
                        let parent = (i > 0 && p % 3 == 0).then(|| pick(i, *p as usize));
                        (pick(COUNTRIES.len(), *c as usize), parent)
                    })
                    .collect();
                let systems: Vec<Sys> = systems
                    .iter()
                    .enumerate()
                    .map(|(i, (fmts, exps, deps, alts, b))| {
                        let mut switch = [b[9] as u32 % 30, b[10] as u32 % 30, b[11] as u32 % 30];
                        switch.sort_unstable();
                        let mut depends: Vec<usize> = if i == 0 {
                            Vec::new()
                        } else {
                            deps.iter().map(|d| pick(i, *d as usize)).collect()
                        };
                        depends.sort_unstable();
                        depends.dedup();
                        let mut alternatives: Vec<usize> = alts
                            .iter()
                            .map(|a| pick(ns, *a as usize))
                            .filter(|a| *a != i)
                            .collect();
                        alternatives.sort_unstable();
                        alternatives.dedup();
                        Sys {
                            vendor: (b[0] % 4 != 0).then(|| pick(nv, b[0] as usize)),
                            operator: (b[1] % 2 == 0).then(|| pick(nv, b[1] as usize)),
                            region: (b[2] % 3 == 0).then(|| pick(COUNTRIES.len(), b[2] as usize)),
                            open_source: b[3] % 3 == 0,
                            criticality: pick(4, b[4] as usize),
                            users: b[5] as u32 * 10,
                            candidate: b[6] % 5 == 0,
                            volume: (b[7] % 2 == 0).then_some(b[7] as u32 * 50),
                            formats: fmts.iter().map(|f| pick(nf, *f as usize)).collect(),
                            exports: (b[8] % 3 != 0)
                                .then(|| exps.iter().map(|f| pick(nf, *f as usize)).collect()),
                            depends,
                            any: if i >= 2 && b[8] % 2 == 0 {
                                vec![pick(i, b[9] as usize), pick(i, b[10] as usize)]
                            } else {
                                Vec::new()
                            },
                            alternatives,
                            switch,
                        }
                    })
                    .collect();
                let interfaces = interfaces
                    .iter()
                    .filter_map(|b| {
                        let from = pick(ns, b[0] as usize);
                        let to = pick(ns, b[1] as usize);
                        (from != to).then(|| {
                            (
                                from,
                                to,
                                (b[2] % 3 == 0).then_some(b[2] % 2 == 0),
                                (b[3] % 2 == 0).then(|| pick(nf, b[3] as usize)),
                                b[4] % 2 == 0,
                            )
                        })
                    })
                    .collect();
                let contracts = contracts
                    .iter()
                    .map(|(b, covers)| {
                        (
                            pick(nv, b[0] as usize),
                            covers.iter().map(|c| pick(ns, *c as usize)).collect(),
                            pick(5, b[1] as usize),
                            b[2] as u32 % 12,
                            b[3] % 2 == 0,
                            (b[4] % 3 != 0).then_some(b[4] as u32 % 120),
                        )
                    })
                    .collect();
                let services = services
                    .iter()
                    .map(|(b, needs)| {
                        (
                            pick(4, b[0] as usize),
                            b[1] as u32 * 100,
                            needs.iter().map(|n| pick(ns, *n as usize)).collect(),
                        )
                    })
                    .collect();
                Spec {
                    vendors,
                    formats,
                    systems,
                    interfaces,
                    contracts,
                    services,
                }
            },
        )
}

fn list(ids: impl IntoIterator<Item = String>) -> String {
    let v: Vec<String> = ids.into_iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", v.join(", "))
}

fn toml(s: &Spec) -> String {
    let mut t = String::from(
        "[organisation]\nname = \"P\"\nhome = \"DE\"\ntrusted = [\"EU\"]\nswitch_target = \"6mo\"\n",
    );
    for (i, (c, p)) in s.vendors.iter().enumerate() {
        let _ = writeln!(
            t,
            "[[vendor]]\nid = \"v{i}\"\nname = \"V{i}\"\ncountry = \"{}\"",
            COUNTRIES[*c]
        );
        if let Some(p) = p {
            let _ = writeln!(t, "parent = \"v{p}\"");
        }
    }
    for (i, open) in s.formats.iter().enumerate() {
        let _ = writeln!(
            t,
            "[[format]]\nid = \"f{i}\"\nname = \"F{i}\"\nopen = {open}"
        );
    }
    for (i, x) in s.systems.iter().enumerate() {
        let _ = writeln!(t, "[[system]]\nid = \"s{i}\"\nname = \"S{i}\"");
        if let Some(v) = x.vendor {
            let _ = writeln!(t, "vendor = \"v{v}\"");
        }
        if let Some(v) = x.operator {
            let _ = writeln!(t, "operator = \"v{v}\"");
        }
        if let Some(r) = x.region {
            let _ = writeln!(t, "region = \"{}\"", COUNTRIES[r]);
        }
        if x.open_source {
            let _ = writeln!(t, "licence = \"open-source\"");
        }
        let _ = writeln!(
            t,
            "criticality = \"{}\"\nusers = {}",
            CRIT[x.criticality], x.users
        );
        if x.candidate {
            let _ = writeln!(t, "status = \"candidate\"");
        }
        if let Some(gb) = x.volume {
            let _ = writeln!(
                t,
                "data = {{ classes = [\"d\"], sensitivity = \"high\", volume_gb = {gb} }}"
            );
        }
        let _ = writeln!(
            t,
            "formats = {}",
            list(x.formats.iter().map(|f| format!("f{f}")))
        );
        if let Some(e) = &x.exports {
            let _ = writeln!(t, "exports = {}", list(e.iter().map(|f| format!("f{f}"))));
        }
        let mut deps: Vec<String> = x.depends.iter().map(|d| format!("\"s{d}\"")).collect();
        if !x.any.is_empty() {
            deps.push(format!(
                "{{ any = {} }}",
                list(x.any.iter().map(|d| format!("s{d}")))
            ));
        }
        let _ = writeln!(t, "depends_on = [{}]", deps.join(", "));
        let _ = writeln!(
            t,
            "alternatives = {}",
            list(x.alternatives.iter().map(|a| format!("s{a}")))
        );
        let [o, l, p] = x.switch;
        let _ = writeln!(
            t,
            "[system.switch]\noptimistic = \"{o}mo\"\nlikely = \"{l}mo\"\npessimistic = \"{p}mo\""
        );
    }
    for (k, (from, to, open, format, hard)) in s.interfaces.iter().enumerate() {
        let _ = writeln!(
            t,
            "[[interface]]\nid = \"i{k}\"\nfrom = \"s{from}\"\nto = \"s{to}\"\nhard = {hard}"
        );
        if let Some(o) = open {
            let _ = writeln!(t, "open = {o}");
        }
        if let Some(f) = format {
            let _ = writeln!(t, "format = \"f{f}\"");
        }
    }
    const KINDS: [&str; 5] = ["licence", "subscription", "cloud", "support", "hosting"];
    for (k, (v, covers, kind, notice, renewal, retrieval)) in s.contracts.iter().enumerate() {
        let _ = writeln!(
            t,
            "[[contract]]\nid = \"c{k}\"\nvendor = \"v{v}\"\ncovers = {}\nkind = \"{}\"\nend = 2027-12-31\nnotice = \"{notice}mo\"",
            list(covers.iter().map(|c| format!("s{c}"))),
            KINDS[*kind]
        );
        if *renewal {
            let _ = writeln!(t, "renewal = \"1y\"");
        }
        if let Some(d) = retrieval {
            let _ = writeln!(t, "data_retrieval = \"{d}d\"");
        }
    }
    for (k, (c, users, needs)) in s.services.iter().enumerate() {
        let _ = writeln!(
            t,
            "[[service]]\nid = \"sv{k}\"\nname = \"SV{k}\"\ncriticality = \"{}\"\nusers = {users}\nneeds = {}",
            CRIT[*c],
            list(needs.iter().map(|n| format!("s{n}")))
        );
    }
    t
}

/// Every system's score, in spec order.
fn scores(s: &Spec) -> Vec<f64> {
    let text = toml(s);
    let m = load_str("p.toml", Path::new("p.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{text}\n{:#?}", f.diagnostics));
    let g = Graph::build(m);
    let scorer = Scorer::new(&g);
    g.model()
        .system_ids()
        .map(|x| scorer.score(x).score)
        .collect()
}

fn never_lower(before: &[f64], after: &[f64]) -> Result<(), TestCaseError> {
    for (i, (b, a)) in before.iter().zip(after).enumerate() {
        prop_assert!(a >= b, "system s{i}: {b} -> {a}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn closing_a_format_never_lowers_a_score(spec in arb_spec(), f in any::<u8>()) {
        let f = pick(spec.formats.len(), f as usize);
        prop_assume!(spec.formats[f]);
        let before = scores(&spec);
        let mut after = spec.clone();
        after.formats[f] = false;
        never_lower(&before, &scores(&after))?;
    }

    #[test]
    fn removing_the_last_export_never_lowers_a_score(spec in arb_spec(), s in any::<u8>()) {
        let s = pick(spec.systems.len(), s as usize);
        let mut one = spec.clone();
        // give the system exactly one export, then take it away
        let fmt = pick(spec.formats.len(), s);
        one.systems[s].exports = Some(vec![fmt]);
        let before = scores(&one);
        let mut none = one.clone();
        none.systems[s].exports = Some(Vec::new());
        never_lower(&before, &scores(&none))?;
    }

    #[test]
    fn adding_a_dependent_never_lowers_a_score(spec in arb_spec(), a in any::<u8>(), b in any::<u8>(), how in 0u8..3) {
        let n = spec.systems.len();
        prop_assume!(n >= 2);
        // `hi` gains a dependency on `lo` (lower index keeps plain dependencies acyclic)
        let x = pick(n, a as usize);
        let y = pick(n, b as usize);
        prop_assume!(x != y);
        let (lo, hi) = (x.min(y), x.max(y));
        let before = scores(&spec);
        let mut after = spec.clone();
        match how {
            0 => {
                prop_assume!(!after.systems[hi].depends.contains(&lo));
                after.systems[hi].depends.push(lo);
                after.systems[hi].depends.sort_unstable();
            }
            1 => after.interfaces.push((hi, lo, None, None, true)),
            _ => after.services.push((0, 0, vec![lo])),
        }
        never_lower(&before, &scores(&after))?;
    }

    #[test]
    fn lengthening_the_notice_never_lowers_a_score(spec in arb_spec(), c in any::<u8>(), more in 1u32..12) {
        prop_assume!(!spec.contracts.is_empty());
        let c = pick(spec.contracts.len(), c as usize);
        let before = scores(&spec);
        let mut after = spec.clone();
        after.contracts[c].3 += more;
        never_lower(&before, &scores(&after))?;
    }

    #[test]
    fn moving_a_vendor_under_an_untrusted_parent_never_lowers_a_score(spec in arb_spec(), v in any::<u8>(), country in 2usize..5) {
        let v = pick(spec.vendors.len(), v as usize);
        prop_assume!(spec.vendors[v].1.is_none());
        let before = scores(&spec);
        let mut after = spec.clone();
        // a new company outside the trusted set (US, CN or GB) takes control
        after.vendors.push((country, None));
        let parent = after.vendors.len() - 1;
        // parents must come first in the spec's order; the TOML does not care
        after.vendors[v].1 = Some(parent);
        never_lower(&before, &scores(&after))?;
    }

    #[test]
    fn adding_a_trusted_alternative_never_raises_a_score(spec in arb_spec(), s in any::<u8>()) {
        let s = pick(spec.systems.len(), s as usize);
        let before = scores(&spec);
        let mut after = spec.clone();
        // a self-built, self-operated candidate at home is trusted
        after.systems.push(Sys {
            vendor: None,
            operator: None,
            region: None,
            open_source: true,
            criticality: 1,
            users: 0,
            candidate: true,
            volume: None,
            formats: Vec::new(),
            exports: None,
            depends: Vec::new(),
            any: Vec::new(),
            alternatives: Vec::new(),
            switch: [1, 1, 1],
        });
        let alt = after.systems.len() - 1;
        after.systems[s].alternatives.push(alt);
        let after_scores = scores(&after);
        for (i, (b, a)) in before.iter().zip(&after_scores).enumerate() {
            prop_assert!(a <= b, "system s{i}: {b} -> {a}");
        }
    }
}
