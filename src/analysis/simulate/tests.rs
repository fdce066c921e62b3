//! The simulation report on hand-built graphs, each number checked by hand.
//!
//! Switch estimates used below: optimistic 10, likely 20, pessimistic 40
//! days. The P80 is the 80th percentile of the PERT distribution, a Beta
//! distribution on [10, 40] with shape parameters 1 + 4 (20 - 10) / 30 =
//! 7/3 and 1 + 4 (40 - 20) / 30 = 11/3: 26.6245 days (checked by numeric
//! integration of the Beta density outside this code base), 26.6 rounded.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

const SWITCH: &str = "switch = { optimistic = \"10d\", likely = \"20d\", pessimistic = \"40d\" }";
/// Exact P80 of optimistic 10, likely 20, pessimistic 40 days.
fn p80() -> f64 {
    switch::pert_quantile(10.0, 20.0, 40.0, 0.8)
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn graph(body: &str) -> Graph {
    let text = format!(
        "[organisation]\nname = \"T\"\nhome = \"DE\"\ntrusted = [\"EU\"]\n
[[vendor]]
id = \"usa\"
name = \"US Parent\"
country = \"US\"
[[vendor]]
id = \"us-de\"
name = \"German subsidiary of US Parent\"
country = \"DE\"
parent = \"usa\"
[[vendor]]
id = \"de\"
name = \"German vendor\"
country = \"DE\"
{body}"
    );
    let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

fn s(id: &str, extra: &str) -> String {
    format!("[[system]]\nid = \"{id}\"\nname = \"{id}\"\n{extra}\n")
}

fn svc(id: &str, crit: &str, max: &str, needs: &str) -> String {
    format!(
        "[[service]]\nid = \"{id}\"\nname = \"{id}\"\ncriticality = \"{crit}\"\nmax_outage = \"{max}\"\nneeds = {needs}\n"
    )
}

fn spec(g: &Graph, cuts: &[&str]) -> Spec {
    let m = g.model();
    let cuts = cuts
        .iter()
        .map(|c| {
            let (k, v) = c.split_once(':').unwrap();
            match k {
                "vendor" => Cut::Vendor(m.vendor_id(v).unwrap()),
                "system" => Cut::System(m.system_id(v).unwrap()),
                _ => Cut::Jurisdiction(Region::parse(v).unwrap()),
            }
        })
        .collect();
    Spec::ad_hoc(cuts, Vec::new())
}

fn run(g: &Graph, cuts: &[&str]) -> Report {
    Simulator::new(g).simulate(&spec(g, cuts), as_of())
}

fn system<'r>(r: &'r Report, id: &str) -> &'r SystemResult {
    r.systems
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("{id} not in {:#?}", r.systems))
}

fn service<'r>(r: &'r Report, id: &str) -> &'r ServiceResult {
    r.services
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("{id} not in {:#?}", r.services))
}

#[test]
fn the_p80_constant_matches_the_switch_estimate() {
    let g = graph(&s("app", SWITCH));
    let e = switch::estimate(&g, g.model().system_id("app").unwrap());
    assert_eq!(e.p80_days, p80());
    assert!((p80() - 26.6245).abs() < 1e-3, "{}", p80());
    assert_eq!(round1(p80()), 26.6);
}

#[test]
fn a_down_system_is_restored_by_its_first_available_alternative_and_breaches_by_max_outage() {
    let g = graph(
        &[
            s(
                "app",
                &format!("operator = \"de\"\nalternatives = [\"alt-us\", \"alt-de\"]\n{SWITCH}"),
            ),
            s("alt-us", "status = \"candidate\"\nvendor = \"us-de\""),
            s("alt-de", "status = \"candidate\"\nvendor = \"de\""),
            svc("tight", "critical", "3w", "[\"app\"]"),
            svc("loose", "low", "30d", "[\"app\"]"),
        ]
        .concat(),
    );
    // Only `de` is cut: the first alternative, alt-us, is available.
    let r = run(&g, &["vendor:de"]);
    let app = system(&r, "app");
    assert_eq!(app.state, State::Down);
    assert_eq!(app.down_from_day, Some(0));
    assert_eq!(app.restore_days, Some(26.6));
    assert_eq!(
        app.restore_by,
        Some(RestoreBy::Switch {
            alternative: "alt-us".into(),
            estimate_given: true
        })
    );
    // With US cut as well, alt-us (US-controlled) and alt-de (made by de) are both cut.
    let r = run(&g, &["vendor:de", "jurisdiction:US"]);
    assert_eq!(system(&r, "app").restore_days, None);
    assert_eq!(system(&r, "app").restore_by, None);
    assert!(service(&r, "loose").breach, "unknown restore is a breach");

    let r = run(&g, &["vendor:de"]);
    // 26.6 days > 21 days (3w), but < 30 days.
    assert_eq!(service(&r, "tight").restore_days, Some(26.6));
    assert_eq!(service(&r, "tight").max_outage_days, Some(21.0));
    assert!(service(&r, "tight").breach);
    assert!(!service(&r, "loose").breach);
    // Most critical first.
    assert_eq!(r.services[0].id, "tight");
    assert_eq!(r.summary.services_breached, 1);
}

#[test]
fn an_alternative_that_is_down_itself_or_needs_a_down_system_is_not_available() {
    let g = graph(
        &[
            s("host", "operator = \"de\""),
            s(
                "app",
                &format!("operator = \"de\"\nalternatives = [\"other\", \"cand\"]\n{SWITCH}"),
            ),
            s("other", "depends_on = [\"host\"]"),
            s("cand", "status = \"candidate\"\ndepends_on = [\"host\"]"),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de"]);
    assert_eq!(system(&r, "other").state, State::Down);
    assert_eq!(system(&r, "app").restore_days, None);
}

#[test]
fn a_system_taken_down_by_a_dependency_is_back_when_the_dependency_is() {
    let g = graph(
        &[
            s(
                "host",
                &format!("operator = \"de\"\nalternatives = [\"new-host\"]\n{SWITCH}"),
            ),
            s("new-host", "status = \"candidate\""),
            s("app", "depends_on = [\"host\"]"),
            s(
                "quick",
                "depends_on = [\"host\"]\nalternatives = [\"new-quick\"]\nswitch = { optimistic = \"1d\", likely = \"2d\", pessimistic = \"3d\" }",
            ),
            s("new-quick", "status = \"candidate\""),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de"]);
    let app = system(&r, "app");
    assert_eq!(app.restore_days, Some(26.6));
    assert_eq!(
        app.restore_by,
        Some(RestoreBy::Dependency {
            system: "host".into()
        })
    );
    // Its own switch is faster: Beta(3, 3) on [1, 3], P80 = 2.3468.
    let quick = system(&r, "quick");
    assert_eq!(quick.restore_days, Some(2.3));
    assert_eq!(
        quick.restore_by,
        Some(RestoreBy::Switch {
            alternative: "new-quick".into(),
            estimate_given: true
        })
    );
}

#[test]
fn a_service_is_back_when_its_last_down_system_is_back_counting_from_each_down_day() {
    let g = graph(
        &[
            s(
                "a",
                &format!("operator = \"de\"\nalternatives = [\"alt\"]\n{SWITCH}"),
            ),
            s(
                "b",
                &format!(
                    "vendor = \"de\"\nlicence_check = \"30d\"\nalternatives = [\"alt\"]\n{SWITCH}"
                ),
            ),
            s("alt", "status = \"candidate\""),
            svc("both", "high", "60d", "[\"a\", \"b\"]"),
            svc("either", "high", "60d", "[{ any = [\"a\", \"b\"] }]"),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de"]);
    assert_eq!(system(&r, "b").down_from_day, Some(30));
    assert_eq!(system(&r, "b").restore_days, Some(26.6));
    // Down from day 0 (a); a is back on day 26.6245, b on day 56.6245.
    let both = service(&r, "both");
    assert_eq!(both.down_from_day, Some(0));
    assert_eq!(both.restore_days, Some(56.6));
    assert!(!both.breach);
    // The any group falls with b on day 30, and is back with a, already back
    // on day 26.6245: the outage is counted as 0 days.
    let either = service(&r, "either");
    assert_eq!(either.down_from_day, Some(30));
    assert_eq!(either.restore_days, Some(0.0));
}

#[test]
fn a_cycle_that_went_down_together_comes_back_together() {
    let g = graph(
        &[
            s("a", "depends_on = [\"b\", \"c\"]"),
            s("b", "depends_on = [\"a\"]"),
            s(
                "c",
                &format!("operator = \"de\"\nalternatives = [\"alt\"]\n{SWITCH}"),
            ),
            s("alt", "status = \"candidate\""),
            s("d", "depends_on = [\"e\"]"),
            s("e", "depends_on = [\"d\"]"),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de"]);
    for id in ["a", "b", "c"] {
        assert_eq!(system(&r, id).restore_days, Some(26.6), "{id}");
    }
    assert_eq!(r.summary.systems_down, 3);
}

#[test]
fn states_unsupported_and_degraded() {
    let g = graph(
        &[
            s("perpetual", "vendor = \"us-de\""),
            s("mail", "operator = \"de\""),
            s("app", ""),
            s("uplink-a", "operator = \"de\""),
            s("uplink-b", ""),
            s(
                "fw",
                "depends_on = [{ any = [\"uplink-a\", \"uplink-b\"] }]",
            ),
            "[[interface]]\nid = \"app-mail\"\nfrom = \"app\"\nto = \"mail\"\nhard = false\n"
                .into(),
            svc("s-unsup", "low", "1d", "[\"perpetual\"]"),
            svc("s-degr", "low", "1d", "[\"app\"]"),
            svc(
                "s-any",
                "low",
                "1d",
                "[{ any = [\"mail\", \"perpetual\"] }]",
            ),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de", "vendor:usa"]);
    let states: Vec<(&str, State)> = r.systems.iter().map(|x| (x.id.as_str(), x.state)).collect();
    assert_eq!(
        states,
        [
            ("mail", State::Down),
            ("uplink-a", State::Down),
            ("perpetual", State::Unsupported),
            ("app", State::Degraded),
            ("fw", State::Degraded),
        ]
    );
    assert_eq!(
        system(&r, "perpetual").cause,
        ["perpetual", "vendor:us-de", "vendor:usa"]
    );
    assert_eq!(system(&r, "app").cause, ["app", "mail", "vendor:de"]);
    assert_eq!(system(&r, "fw").cause, ["fw", "uplink-a", "vendor:de"]);
    assert_eq!(system(&r, "app").down_from_day, None);
    assert_eq!(service(&r, "s-unsup").state, State::Unsupported);
    assert_eq!(service(&r, "s-degr").state, State::Degraded);
    assert_eq!(
        service(&r, "s-degr").cause,
        ["s-degr", "app", "mail", "vendor:de"]
    );
    // mail (down, in an `any` group) degrades it, perpetual leaves it
    // unsupported: unsupported ranks before degraded.
    assert_eq!(service(&r, "s-any").state, State::Unsupported);
    assert!(!service(&r, "s-any").breach);
    assert_eq!(r.summary.services_down, 0);
}

#[test]
fn stranded_data_needs_a_cut_operator_and_no_uncut_backup() {
    let g = graph(
        &[
            s(
                "no-backup",
                "operator = \"de\"\ndata = { classes = [\"x\"], sensitivity = \"high\", volume_gb = 10 }",
            ),
            s(
                "backup-cut",
                "operator = \"de\"\ndata = { classes = [\"x\"], sensitivity = \"critical\", volume_gb = 5, backup = \"de\" }",
            ),
            s(
                "backup-self",
                "operator = \"de\"\ndata = { classes = [\"x\"], sensitivity = \"critical\", volume_gb = 7, backup = \"self\" }",
            ),
            s(
                "backup-other",
                "operator = \"de\"\ndata = { classes = [\"x\"], sensitivity = \"critical\", volume_gb = 9, backup = \"usa\" }",
            ),
            s(
                "own-operator",
                "vendor = \"de\"\nlicence_check = \"1d\"\ndata = { classes = [\"x\"], sensitivity = \"critical\", volume_gb = 11 }",
            ),
            s(
                "big-high",
                "operator = \"de\"\ndata = { classes = [\"x\"], sensitivity = \"high\", volume_gb = 100 }",
            ),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de"]);
    let got: Vec<(&str, f64, Sensitivity, Option<&str>)> = r
        .stranded_data
        .iter()
        .map(|d| {
            (
                d.system.as_str(),
                d.volume_gb,
                d.sensitivity,
                d.backup.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("backup-cut", 5.0, Sensitivity::Critical, Some("de")),
            ("big-high", 100.0, Sensitivity::High, None),
            ("no-backup", 10.0, Sensitivity::High, None),
        ]
    );
    assert_eq!(r.stranded_volume_gb, 115.0);
    assert_eq!(system(&r, "own-operator").down_from_day, Some(1));
}

const CONTRACTS: &str = "
[[contract]]
id = \"running\"
vendor = \"us-de\"
covers = [\"app\"]
kind = \"subscription\"
end = 2027-06-30
notice = \"3mo\"
annual_cost = 10000
[[contract]]
id = \"renewing\"
vendor = \"usa\"
covers = [\"app\"]
kind = \"support\"
end = 2025-12-31
notice = \"1mo\"
renewal = \"1y\"
annual_cost = 2500
[[contract]]
id = \"ended\"
vendor = \"usa\"
covers = [\"app\"]
kind = \"licence\"
end = 2026-06-30
notice = \"1mo\"
annual_cost = 99999
[[contract]]
id = \"no-cost\"
vendor = \"us-de\"
covers = [\"app\"]
kind = \"cloud\"
end = 2027-06-30
notice = \"1mo\"
[[contract]]
id = \"other\"
vendor = \"de\"
covers = [\"db\"]
kind = \"support\"
end = 2027-06-30
notice = \"1mo\"
annual_cost = 4000
";

/// Parametric switch costs of 0: a system without a given cost has none.
const NO_PARAMETRIC_COST: &str = "[defaults.switch]\ncost_per_user = 0\ncost_per_day = 0\n";

fn money_graph() -> Graph {
    money_graph_with("")
}

fn money_graph_with(db: &str) -> Graph {
    graph(
        &[
            s(
                "app",
                "vendor = \"us-de\"\nswitch = { optimistic = \"1mo\", likely = \"2mo\", pessimistic = \"3mo\", cost = 40000 }",
            ),
            s("db", &format!("vendor = \"de\"\noperator = \"us-de\"\n{db}")),
            s("old", "vendor = \"usa\"\nstatus = \"retired\""),
            CONTRACTS.into(),
            NO_PARAMETRIC_COST.into(),
        ]
        .concat(),
    )
}

#[test]
fn annual_cost_at_risk_counts_running_contracts_with_cut_vendors() {
    let g = money_graph();
    let r = run(&g, &["vendor:usa"]);
    // running 10,000 + renewing 2,500; ended (2026-06-30, no renewal) is out;
    // no-cost is listed without a cost; other (vendor de) is not cut.
    assert_eq!(r.annual_cost_at_risk, 12500.0);
    let ids: Vec<(&str, Option<f64>)> = r
        .contracts_at_risk
        .iter()
        .map(|c| (c.contract.as_str(), c.annual_cost))
        .collect();
    assert_eq!(
        ids,
        [
            ("running", Some(10000.0)),
            ("renewing", Some(2500.0)),
            ("no-cost", None)
        ]
    );
}

#[test]
fn a_price_shock_on_a_parent_reaches_its_subsidiarys_contracts_and_systems() {
    let g = money_graph();
    let m = g.model();
    let spec = Spec::ad_hoc(
        Vec::new(),
        vec![PriceShock {
            vendor: m.vendor_id("usa").unwrap(),
            factor: 3.0,
        }],
    );
    let r = Simulator::new(&g).simulate(&spec, as_of());
    let v = &r.price_shock.vendors[0];
    assert_eq!(v.contracts, ["running", "renewing", "no-cost"]);
    assert_eq!(v.contracts_without_cost, ["no-cost"]);
    assert_eq!(v.annual_cost, 12500.0);
    // 12,500 * (3 - 1)
    assert_eq!(v.added_annual_cost, 25000.0);
    // app (switch cost 40,000) and db (operated by us-de, no cost given and
    // none estimated); old is retired.
    assert_eq!(v.systems, ["app", "db"]);
    assert_eq!(v.systems_without_switch_cost, ["db"]);
    assert_eq!(v.switch_cost, 40000.0);
    // The cost of leaving is not known in full: no payback time.
    assert_eq!(v.payback_years, None);
    assert_eq!(r.price_shock.added_annual_cost, 25000.0);
    assert!(r.systems.is_empty() && r.services.is_empty());
    assert_eq!(r.annual_cost_at_risk, 0.0);
    assert!(r.annual_cost_at_risk.is_sign_positive());

    // With db's switch cost known: (40,000 + 10,000) / 25,000 = 2 years.
    // db is only operated by the group, so it is left by moving it; the
    // cost given applies to that way of leaving it.
    let g2 = money_graph_with("exit = \"rehost\"\nswitch = { cost = 10000 }");
    let spec = Spec::ad_hoc(
        Vec::new(),
        vec![PriceShock {
            vendor: g2.model().vendor_id("usa").unwrap(),
            factor: 3.0,
        }],
    );
    let r = Simulator::new(&g2).simulate(&spec, as_of());
    let v = &r.price_shock.vendors[0];
    assert_eq!(v.switch_cost, 50000.0);
    assert!(v.systems_without_switch_cost.is_empty());
    assert_eq!(v.payback_years, Some(2.0));

    // A price cut has no payback.
    let spec = Spec::ad_hoc(
        Vec::new(),
        vec![PriceShock {
            vendor: m.vendor_id("de").unwrap(),
            factor: 0.5,
        }],
    );
    let r = Simulator::new(&g).simulate(&spec, as_of());
    assert_eq!(r.price_shock.vendors[0].added_annual_cost, -2000.0);
    assert_eq!(r.price_shock.vendors[0].payback_years, None);
}

#[test]
fn catalogue_alternatives_are_cut_by_their_country_or_their_vendors_name() {
    let g = graph(
        &[
            s(
                "video",
                &format!(
                    "operator = \"usa\"\nalternatives = [\"catalog:jitsi-meet\", \"catalog:bigbluebutton\"]\n{SWITCH}"
                ),
            ),
            "[[vendor]]\nid = \"bbb\"\nname = \"BigBlueButton Inc.\"\ncountry = \"CA\"\n".into(),
        ]
        .concat(),
    );
    let by = |r: &Report| system(r, "video").restore_by.clone();
    let switch_to = |a: &str| {
        Some(RestoreBy::Switch {
            alternative: a.into(),
            estimate_given: true,
        })
    };
    // A vendor cut does not reach a US catalogue entry ...
    assert_eq!(
        by(&run(&g, &["vendor:usa"])),
        switch_to("catalog:jitsi-meet")
    );
    // ... a US jurisdiction cut does.
    assert_eq!(
        by(&run(&g, &["jurisdiction:US"])),
        switch_to("catalog:bigbluebutton")
    );
    // A model vendor with the catalogue vendor's name, cut, takes the entry along.
    assert_eq!(by(&run(&g, &["jurisdiction:US", "vendor:bbb"])), None);
}

fn ranking_graph() -> Graph {
    graph(
        &[
            s("host", "operator = \"us-de\""),
            s("erp", "operator = \"de\""),
            s(
                "mail",
                &format!(
                    "vendor = \"usa\"\nlicence_check = \"10d\"\nalternatives = [\"alt\"]\n{SWITCH}"
                ),
            ),
            s("alt", "status = \"candidate\""),
            s("app", "depends_on = [\"host\"]"),
            svc("crit", "critical", "1d", "[\"app\"]"),
            svc("med", "medium", "1y", "[\"mail\"]"),
            svc("low", "low", "1d", "[\"erp\"]"),
            svc("high", "high", "1d", "[\"erp\"]"),
            "[[vendor]]\nid = \"idle\"\nname = \"Idle\"\ncountry = \"DE\"\n".into(),
        ]
        .concat(),
    )
}

#[test]
fn each_vendor_ranks_by_criticality_weighted_services_down() {
    let g = ranking_graph();
    let ev = Simulator::new(&g).each_vendor(as_of());
    let rows: Vec<(usize, &str, u32, usize, usize)> = ev
        .vendors
        .iter()
        .map(|v| {
            (
                v.rank,
                v.vendor.as_str(),
                v.score,
                v.breaches.len(),
                v.systems_down,
            )
        })
        .collect();
    // usa: crit (4, via host of its subsidiary) + med (2, mail on day 10) = 6;
    // us-de: crit = 4; de: high 3 + low 1 = 4, two breaches (no alternative),
    // ranked before us-de (one breach); idle takes nothing down.
    assert_eq!(
        rows,
        [
            (1, "usa", 6, 1, 3),
            (2, "de", 4, 2, 1),
            (3, "us-de", 4, 1, 2),
            (4, "idle", 0, 0, 0),
        ]
    );
    let usa = &ev.vendors[0];
    assert_eq!(usa.controlled, ["us-de", "usa"]);
    assert_eq!(usa.group, "usa");
    assert_eq!(usa.services_down, ["crit", "med"]);
    // med: mail back 26.6 days after day 10, within a year.
    assert_eq!(usa.breaches, ["crit"]);
    assert_eq!(usa.first_service_down_day, Some(0));
    assert_eq!(ev.vendors[2].group, "usa");
    assert_eq!(ev.vendors[1].services_down, ["high", "low"]);
    assert_eq!(ev.weights.critical, 4);
}

#[test]
fn each_vendor_agrees_with_the_full_simulation_of_each_vendor() {
    let g = crate::model::load(Path::new("examples/musterstadt.toml"))
        .map(Graph::build)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let sim = Simulator::new(&g);
    let ev = sim.each_vendor(as_of());
    assert_eq!(ev.vendors.len(), g.model().vendors.len());
    for row in &ev.vendors {
        let v = g.model().vendor_id(&row.vendor).unwrap();
        let r = sim.simulate(&Spec::ad_hoc(vec![Cut::Vendor(v)], Vec::new()), as_of());
        let mut down: Vec<&ServiceResult> = r
            .services
            .iter()
            .filter(|x| x.state == State::Down)
            .collect();
        down.sort_by(|a, b| {
            (Reverse(a.criticality.weight()), &a.id).cmp(&(Reverse(b.criticality.weight()), &b.id))
        });
        let ids: Vec<&str> = down.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(row.services_down, ids, "{}", row.vendor);
        let breaches: Vec<&str> = down
            .iter()
            .filter(|x| x.breach)
            .map(|x| x.id.as_str())
            .collect();
        assert_eq!(row.breaches, breaches, "{}", row.vendor);
        assert_eq!(row.systems_down, r.summary.systems_down, "{}", row.vendor);
        assert_eq!(
            row.systems_unsupported, r.summary.systems_unsupported,
            "{}",
            row.vendor
        );
        assert_eq!(
            row.stranded_volume_gb, r.stranded_volume_gb,
            "{}",
            row.vendor
        );
        assert_eq!(
            row.annual_cost_at_risk, r.annual_cost_at_risk,
            "{}",
            row.vendor
        );
    }
}

#[test]
fn each_vendor_does_not_depend_on_the_number_of_threads() {
    let g = crate::model::load(Path::new("examples/musterstadt.toml"))
        .map(Graph::build)
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let sim = Simulator::new(&g);
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let one = pool(1).install(|| sim.each_vendor(as_of()));
    let three = pool(3).install(|| sim.each_vendor(as_of()));
    assert_eq!(one, three);
}

#[test]
fn the_best_alternative_is_the_one_with_the_shortest_switch() {
    // No given estimates: the parametric estimate per alternative is shorter
    // for an alternative already in use (no tender, the platform runs).
    let g = graph(
        &[
            s(
                "files",
                "category = \"file-sharing\"\noperator = \"de\"\nusers = 200\nalternatives = [\"new-cloud\", \"running-cloud\"]",
            ),
            s(
                "new-cloud",
                "category = \"file-sharing\"\nstatus = \"candidate\"",
            ),
            s("running-cloud", "category = \"file-sharing\"\nusers = 50"),
        ]
        .concat(),
    );
    let m = g.model();
    let files = m.system_id("files").unwrap();
    let to = |id: &str| {
        switch::estimate_switch_to(&g, files, &Alternative::System(m.system_id(id).unwrap()))
            .p80_days
    };
    assert!(to("running-cloud") < to("new-cloud"));
    let r = run(&g, &["vendor:de"]);
    let x = system(&r, "files");
    assert_eq!(
        x.restore_by,
        Some(RestoreBy::Switch {
            alternative: "running-cloud".into(),
            estimate_given: false
        })
    );
    assert_eq!(x.restore_days, Some(round1(to("running-cloud"))));
}

/// Shocks for a group and its subsidiary: each contract takes the factor of
/// the nearest priced vendor up its ownership chain, so none counts twice.
#[test]
fn overlapping_price_shocks_count_each_contract_once() {
    let g = money_graph();
    let m = g.model();
    let spec = Spec::ad_hoc(
        Vec::new(),
        vec![
            PriceShock {
                vendor: m.vendor_id("usa").unwrap(),
                factor: 3.0,
            },
            PriceShock {
                vendor: m.vendor_id("us-de").unwrap(),
                factor: 2.0,
            },
        ],
    );
    let r = Simulator::new(&g).simulate(&spec, as_of());
    let usa = &r.price_shock.vendors[0];
    let us_de = &r.price_shock.vendors[1];
    assert_eq!(usa.vendor, "usa");
    assert_eq!(us_de.vendor, "us-de");
    // renewing (2,500) is usa's own; running (10,000) and no-cost are us-de's.
    assert_eq!(usa.contracts, ["renewing"]);
    assert_eq!(us_de.contracts, ["running", "no-cost"]);
    assert_eq!(usa.added_annual_cost, 5000.0);
    assert_eq!(us_de.added_annual_cost, 10000.0);
    assert_eq!(r.price_shock.added_annual_cost, 15000.0);
}

/// `states` gives exactly the states of the report, for every scenario of
/// the example and for a generated landscape's scenarios.
#[test]
fn states_without_the_report_match_the_report() {
    let example = Graph::build(
        crate::model::load(Path::new("examples/musterstadt.toml"))
            .unwrap_or_else(|f| panic!("{:?}", f.diagnostics)),
    );
    let text = crate::generate::generate(&crate::generate::GenOptions::new(600, 9))
        .unwrap_or_else(|e| panic!("{e}"));
    let generated = Graph::build(
        load_str("g.toml", Path::new("g.toml"), &text, &Limits::default())
            .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics)),
    );
    for g in [&example, &generated] {
        let m = g.model();
        let sim = Simulator::new(g);
        for sc in m.scenario_ids() {
            let spec = Spec::scenario(g, sc);
            let report = sim.simulate(&spec, as_of());
            let states = sim.states(&spec);
            let mut want: Vec<(String, State)> = report
                .systems
                .iter()
                .map(|s| (s.id.clone(), s.state))
                .collect();
            want.sort();
            let mut got: Vec<(String, State)> = states
                .systems
                .iter()
                .map(|(s, st)| (m.system(*s).id.clone(), *st))
                .collect();
            got.sort();
            assert_eq!(got, want, "systems of {}", m.scenario(sc).id);
            let mut want: Vec<(String, State)> = report
                .services
                .iter()
                .map(|s| (s.id.clone(), s.state))
                .collect();
            want.sort();
            let mut got: Vec<(String, State)> = states
                .services
                .iter()
                .map(|(s, st)| (m.service(*s).id.clone(), *st))
                .collect();
            got.sort();
            assert_eq!(got, want, "services of {}", m.scenario(sc).id);
        }
    }
}
