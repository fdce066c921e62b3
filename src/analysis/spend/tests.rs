//! Spend shares, jurisdictions and HHI on a model small enough to check by hand.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

fn graph(body: &str) -> Graph {
    let text = format!(
        "[organisation]\nname = \"T\"\nhome = \"DE\"\ntrusted = [\"EU\"]\n
[[vendor]]
id = \"us\"
name = \"US Corp\"
country = \"US\"
[[vendor]]
id = \"us-ie\"
name = \"US Corp Ireland\"
country = \"IE\"
parent = \"us\"
[[vendor]]
id = \"de\"
name = \"DE GmbH\"
country = \"DE\"
[[vendor]]
id = \"at\"
name = \"AT GmbH\"
country = \"AT\"
{body}"
    );
    let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

const BODY: &str = r#"
[[system]]
id = "s1"
name = "Office"
category = "office-suite"
[[system]]
id = "s2"
name = "Mail"
category = "mail"
[[system]]
id = "s3"
name = "ERP"
category = "erp"

[[contract]]
id = "c1"
vendor = "us-ie"
covers = ["s1", "s2"]
kind = "cloud"
end = 2027-12-31
annual_cost = 300
[[contract]]
id = "c2"
vendor = "us"
covers = ["s2"]
kind = "licence"
end = 2027-12-31
annual_cost = 100
[[contract]]
id = "c3"
vendor = "de"
covers = ["s3"]
kind = "support"
end = 2027-12-31
annual_cost = 400
[[contract]]
id = "c4"
vendor = "at"
covers = ["s1", "s3"]
kind = "support"
end = 2027-12-31
annual_cost = 200
[[contract]]
id = "c5"
vendor = "de"
covers = ["s3"]
kind = "support"
end = 2027-12-31
"#;

#[test]
fn subsidiaries_roll_up_to_the_top_parent_and_shares_are_exact() {
    let c = concentration(&graph(BODY));
    assert_eq!(c.total, 1000.0);
    let groups: Vec<(&str, f64, f64, bool)> = c
        .by_group
        .iter()
        .map(|g| (g.vendor.as_str(), g.annual_cost, g.share, g.untrusted))
        .collect();
    // us: 300 (via us-ie) + 100; ties broken by id.
    assert_eq!(
        groups,
        vec![
            ("de", 400.0, 0.4, false),
            ("us", 400.0, 0.4, true),
            ("at", 200.0, 0.2, false)
        ]
    );
    assert_eq!(c.by_group[1].contracts, vec!["c1", "c2"]);
    assert_eq!(c.contracts_without_cost, vec!["c5"]);
}

#[test]
fn hhi_is_the_sum_of_squared_percentage_shares() {
    let c = concentration(&graph(BODY));
    // 40^2 + 40^2 + 20^2 = 1600 + 1600 + 400
    assert_eq!(c.hhi, 3600.0);
    assert_eq!(c.band, Band::High);
}

#[test]
fn jurisdiction_is_the_top_parents_country_and_untrusted_share_follows_exposure() {
    let c = concentration(&graph(BODY));
    let j: Vec<(String, f64, f64, bool)> = c
        .by_jurisdiction
        .iter()
        .map(|x| (x.country.to_string(), x.annual_cost, x.share, x.trusted))
        .collect();
    assert_eq!(
        j,
        vec![
            ("DE".to_string(), 400.0, 0.4, true),
            ("US".to_string(), 400.0, 0.4, false),
            ("AT".to_string(), 200.0, 0.2, true)
        ]
    );
    // c1 (IE subsidiary of a US company) and c2 (US): 400 of 1000.
    assert_eq!(c.untrusted_share, 0.4);
    assert_eq!(c.untrusted_cost, 400.0);
}

#[test]
fn a_contract_is_split_equally_across_the_categories_of_its_systems() {
    let c = concentration(&graph(BODY));
    let cats: Vec<(&str, f64, f64, f64)> = c
        .by_category
        .iter()
        .map(|x| (x.category.as_str(), x.annual_cost, x.share, x.hhi))
        .collect();
    // erp: de 400 + at 100 (half of c4) -> 80/20 -> 6400 + 400
    // mail: us 150 (half of c1) + us 100 -> one group -> 10000
    // office-suite: us 150 + at 100 -> 60/40 -> 3600 + 1600
    assert_eq!(
        cats,
        vec![
            ("erp", 500.0, 0.5, 6800.0),
            ("mail", 250.0, 0.25, 10000.0),
            ("office-suite", 250.0, 0.25, 5200.0)
        ]
    );
    let office = &c.by_category[2].by_group;
    assert_eq!(office[0].vendor, "us");
    assert_eq!(office[0].share, 0.6);
    assert_eq!(office[1].vendor, "at");
    assert_eq!(office[1].share, 0.4);
}

#[test]
fn band_edges_follow_the_competition_authorities() {
    assert_eq!(Band::of(999.9, true), Band::Unconcentrated);
    assert_eq!(Band::of(1000.0, true), Band::Moderate);
    assert_eq!(Band::of(1800.0, true), Band::Moderate);
    assert_eq!(Band::of(1800.1, true), Band::High);
    assert_eq!(Band::of(0.0, false), Band::NoSpend);
    // ten equal groups: 10 x 10^2 = 1000, exactly the lower edge of "moderate"
    assert_eq!(hhi(&[1.0; 10]), 1000.0);
    // one group holds everything
    assert_eq!(hhi(&[5.0]), 10000.0);
    assert_eq!(hhi(&[]), 0.0);
}

#[test]
fn no_costs_means_no_spend_band_and_zero_shares() {
    let c = concentration(&graph(
        "[[system]]\nid = \"s\"\nname = \"S\"\n[[contract]]\nid = \"c\"\nvendor = \"de\"\ncovers = [\"s\"]\nkind = \"support\"\nend = 2027-12-31\n",
    ));
    assert_eq!(c.total, 0.0);
    assert_eq!(c.hhi, 0.0);
    assert_eq!(c.band, Band::NoSpend);
    assert_eq!(c.untrusted_share, 0.0);
    assert!(c.by_group.is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// A contract that ended before the review date never counts in spend:
    /// the total is the sum of the running contracts' costs, whatever else
    /// the model holds.
    #[test]
    fn an_ended_contract_never_counts_in_spend(
        contracts in proptest::collection::vec((1u32..100_000, 0i64..1500, proptest::bool::ANY), 1..8)
    ) {
        let mut text = String::from(
            "[organisation]\nname = \"T\"\nhome = \"DE\"\nas_of = 2026-12-01\n[[vendor]]\nid = \"us\"\nname = \"US\"\ncountry = \"US\"\n[[vendor]]\nid = \"de\"\nname = \"DE\"\ncountry = \"DE\"\n[[system]]\nid = \"s\"\nname = \"S\"\nvendor = \"us\"\n",
        );
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut running = 0.0;
        for (i, (cost, end, us)) in contracts.iter().enumerate() {
            let end = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(*end as u64);
            if end >= as_of {
                running += f64::from(*cost);
            }
            text += &format!(
                "[[contract]]\nid = \"c{i}\"\nvendor = \"{}\"\ncovers = [\"s\"]\nkind = \"licence\"\nend = {end}\nannual_cost = {cost}\n",
                if *us { "us" } else { "de" }
            );
        }
        let c = concentration(&crate::analysis::switch::tests::graph(&text));
        proptest::prop_assert_eq!(c.total, round_money(running));
        let by_group: f64 = c.by_group.iter().map(|g| g.annual_cost).sum();
        proptest::prop_assert!((by_group - c.total).abs() < 1.0);
    }
}
