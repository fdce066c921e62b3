//! The landscape generator: its output validates, is deterministic, and has
//! the structure `docs/methodology.md#generated-landscapes` describes.

use exitgraph::generate::{self, GenError, GenOptions, Stats};
use exitgraph::model::{self, Code, Cut, Limits, Model};
use std::path::Path;
use std::sync::OnceLock;

fn load(text: &str) -> Model {
    model::load_str("gen.toml", Path::new("gen.toml"), text, &Limits::default()).unwrap_or_else(
        |f| {
            let errors: Vec<&str> = f
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .take(10)
                .map(|d| d.message.as_str())
                .collect();
            panic!("generated model does not validate: {errors:#?}")
        },
    )
}

/// The 1,000-system landscape of seed 1, generated and loaded once.
fn thousand() -> &'static (String, Model, Stats) {
    static ONE: OnceLock<(String, Model, Stats)> = OnceLock::new();
    ONE.get_or_init(|| {
        let text = generate::generate(&GenOptions::new(1000, 1)).expect("valid options");
        let m = load(&text);
        let s = generate::stats(&m);
        (text, m, s)
    })
}

#[test]
fn a_thousand_systems_validate_with_only_the_intended_warnings() {
    let (_, m, s) = thousand();
    assert_eq!(s.systems, 1000);
    // Cycles and contracts still covering a retired system are deliberate;
    // anything else (unused vendors, systems without contract, reliance on
    // inactive systems) would be a generator defect.
    for w in &m.warnings {
        assert!(
            matches!(w.code, Code::DependencyCycle | Code::ContractCoversRetired),
            "unexpected warning: {}",
            w.message
        );
    }
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_differs() {
    let (text, _, _) = thousand();
    let again = generate::generate(&GenOptions::new(1000, 1)).expect("valid options");
    assert!(*text == again, "two runs with seed 1 differ");
    let other = generate::generate(&GenOptions::new(1000, 2)).expect("valid options");
    assert_ne!(*text, other);
}

#[test]
fn layers_follow_the_domain_proportions_exactly() {
    // 10 domains of 100: 8 skeleton + 7 further infrastructure, 20 platform,
    // 10 data, 55 applications each.
    let (_, _, s) = thousand();
    assert_eq!(s.layers.infrastructure, 150);
    assert_eq!(s.layers.platform, 200);
    assert_eq!(s.layers.data, 100);
    assert_eq!(s.layers.application, 550);
    // 12 services per domain.
    assert_eq!(s.services, 120);
    assert_eq!(s.scenarios, 7);
}

#[test]
fn status_mix_is_mostly_in_use_with_some_candidates_and_few_retired() {
    let (_, _, s) = thousand();
    assert!(s.status.in_use >= 850, "{:?}", s.status);
    assert!((30..=120).contains(&s.status.candidate), "{:?}", s.status);
    assert!((10..=60).contains(&s.status.retired), "{:?}", s.status);
    assert!(s.status.candidate < s.alternatives);
}

#[test]
fn vendors_form_groups_across_countries_with_a_long_tail() {
    let (_, m, s) = thousand();
    assert!(s.vendor_groups >= 50, "{} groups", s.vendor_groups);
    assert!(s.subsidiaries >= 5);
    assert!(s.longest_ownership_chain >= 3);
    assert!(s.groups_across_countries >= 3);
    for cc in ["US", "DE", "IE", "GB", "FR", "NL"] {
        assert!(s.vendors_per_country.contains_key(cc), "no vendor in {cc}");
    }
    // A US group with a subsidiary in Ireland and one in Germany.
    let us_with_ie_and_de = m.vendors.iter().enumerate().any(|(i, v)| {
        v.country.as_str() == "US"
            && {
                let below: Vec<&str> = m
                    .vendors
                    .iter()
                    .filter(|c| c.parent.is_some_and(|p| p.index() == i))
                    .map(|c| c.country.as_str())
                    .collect();
                below.contains(&"IE")
            }
            && m.vendors.iter().any(|c| {
                c.country.as_str() == "DE"
                    && c.parent
                        .is_some_and(|p| m.vendor(p).parent.is_some_and(|pp| pp.index() == i))
            })
    });
    assert!(
        us_with_ie_and_de,
        "no US group with IE holding and DE company"
    );
    // Long tail: the largest group makes a fifth or so, many make one system.
    assert!(
        (0.10..0.35).contains(&s.largest_group_share),
        "{}",
        s.largest_group_share
    );
    assert!(s.top10_groups_share < 0.8);
    assert!(s.groups_with_one_system >= 5);
}

#[test]
fn dependencies_point_down_with_redundancy_and_a_few_cycles() {
    let (_, _, s) = thousand();
    assert!((0.05..0.20).contains(&s.any_share), "{}", s.any_share);
    assert!(s.downward_share > 0.98, "{}", s.downward_share);
    assert!((1..=20).contains(&s.cycles), "{} cycles", s.cycles);
    assert!((1.8..3.0).contains(&s.edges_per_system));
    assert!(s.interfaces > 300 && s.hard_interfaces < s.interfaces);
    assert!(s.open_interfaces < s.interfaces);
    assert!(s.services_with_any >= 1);
}

#[test]
fn contracts_vary_in_kind_terms_and_cost() {
    let (_, m, s) = thousand();
    for kind in ["cloud", "hosting", "licence", "subscription", "support"] {
        assert!(s.contracts_by_kind.contains_key(kind), "no {kind} contract");
    }
    let cloud = s.contracts_by_kind["cloud"];
    assert!(s.cloud_contracts_with_data_act_findings >= 1);
    assert!(s.cloud_contracts_with_data_act_findings * 3 < cloud);
    // Long-tailed cost: the largest contract is far above the median.
    assert!(s.annual_cost_max > 20.0 * s.annual_cost_median);
    // Ends spread around the as-of date: some passed, many within a year.
    let as_of = m.organisation.as_of.expect("as_of is set");
    let passed = m.contracts.iter().filter(|c| c.end < as_of).count();
    let within_year = m
        .contracts
        .iter()
        .filter(|c| c.end >= as_of && (c.end - as_of).num_days() <= 365)
        .count();
    assert!(passed >= 1);
    assert!(within_year * 10 >= m.contracts.len());
    assert!(m.contracts.iter().any(|c| c.renewal.is_some()));
    assert!(m.contracts.iter().any(|c| c.renewal.is_none()));
    assert_eq!(m.organisation.parallel_migrations, 4);
}

#[test]
fn scenarios_cut_a_jurisdiction_and_a_vendor_and_shock_a_price() {
    let (_, m, _) = thousand();
    let cuts: Vec<&Cut> = m
        .scenarios
        .iter()
        .flat_map(|s| s.cuts.iter().map(|c| &c.target))
        .collect();
    assert!(cuts.iter().any(|c| matches!(c, Cut::Jurisdiction(_))));
    assert!(cuts.iter().any(|c| matches!(c, Cut::Vendor(_))));
    assert!(
        m.scenarios
            .iter()
            .any(|s| s.prices.iter().any(|p| p.factor > 10.0))
    );
}

#[test]
fn entities_per_system_stay_constant_as_the_landscape_grows() {
    let (_, _, s) = thousand();
    let text = generate::generate(&GenOptions::new(4000, 1)).expect("valid options");
    let big = generate::stats(&load(&text));
    assert_eq!(big.systems, 4000);
    let ratio = big.entities_per_system / s.entities_per_system;
    assert!((0.9..1.1).contains(&ratio), "{ratio}");
    let edges = big.edges_per_system / s.edges_per_system;
    assert!((0.9..1.1).contains(&edges), "{edges}");
}

#[test]
fn the_smallest_landscape_validates_too() {
    let text = generate::generate(&GenOptions::new(generate::MIN_SYSTEMS, 7)).expect("valid");
    assert_eq!(generate::stats(&load(&text)).systems, generate::MIN_SYSTEMS);
}

#[test]
fn unusable_options_are_refused_with_a_reason() {
    assert_eq!(
        generate::generate(&GenOptions::new(5, 1)),
        Err(GenError::Systems(5))
    );
    let mut o = GenOptions::new(100, 1);
    o.domain_size = 3;
    let e = generate::generate(&o).expect_err("domain too small");
    assert!(e.to_string().contains("domain size"), "{e}");
    let mut o = GenOptions::new(100, 1);
    o.zipf_exponent = f64::NAN;
    assert!(generate::generate(&o).is_err());
}
