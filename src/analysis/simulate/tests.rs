//! The simulation report on hand-built graphs, each number checked by hand.
//!
//! Switch estimates used below: optimistic 10, likely 20, pessimistic 40
//! days. The P80 is the 80th percentile of the PERT distribution, a Beta
//! distribution on [10, 40] with shape parameters 1 + 4 (20 - 10) / 30 =
//! 7/3 and 1 + 4 (40 - 20) / 30 = 11/3: 26.6245 days (checked by numeric
//! integration of the Beta density outside this code base), 26.6 rounded.

use super::*;
use crate::model::{Limits, Sensitivity, load_str};
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

/// A cut: `vendor:ID`, `system:ID` or `jurisdiction:CC`, optionally
/// followed by `@outage:72h`, `@loss`, `@loss:2d`, `@withdrawal`.
fn cut_of(g: &Graph, c: &str) -> ScenarioCut {
    let m = g.model();
    let (target, term) = c.split_once('@').map_or((c, None), |(t, k)| (t, Some(k)));
    let (k, v) = target.split_once(':').unwrap();
    let target = match k {
        "vendor" => Cut::Vendor(m.vendor_id(v).unwrap()),
        "system" => Cut::System(m.system_id(v).unwrap()),
        _ => Cut::Jurisdiction(Region::parse(v).unwrap()),
    };
    let (kind, duration) = match term {
        None => (None, None),
        Some(t) => {
            let (k, d) = t.split_once(':').map_or((t, None), |(k, d)| (k, Some(d)));
            let kind = CutKind::WORDS
                .iter()
                .find(|(w, _)| *w == k)
                .map(|(_, c)| *c);
            (kind, d.map(|d| Duration::parse(d).unwrap()))
        }
    };
    ScenarioCut::new(target, kind, duration)
}

fn spec(g: &Graph, cuts: &[&str]) -> Spec {
    Spec::ad_hoc(cuts.iter().map(|c| cut_of(g, c)).collect(), Vec::new())
}

fn run(g: &Graph, cuts: &[&str]) -> Report {
    Simulator::new(g).simulate(&spec(g, cuts), as_of())
}

fn chain(r: &Report, id: &str) -> Vec<String> {
    r.chain(id, 100).0
}

fn switch_to(a: &str, given: bool) -> Option<RestoreBy> {
    Some(RestoreBy::Switch {
        alternative: a.into(),
        estimate_given: given,
        waits_for: None,
    })
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
    assert_eq!(app.restore_by, switch_to("alt-us", true));
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
    // host is back at the P80 of its switch; app restarts 1 hour later
    // (the default restart time of an application).
    assert_eq!(app.back_at_hours, Some(p80() * 24.0 + 1.0));
    assert_eq!(
        app.restore_by,
        Some(RestoreBy::Restart {
            waits_for: Some(Wait::System("host".into()))
        })
    );
    // Its own switch is faster: Beta(3, 3) on [1, 3], P80 = 2.3468.
    let quick = system(&r, "quick");
    assert_eq!(quick.restore_days, Some(2.3));
    assert_eq!(quick.restore_by, switch_to("new-quick", true));
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
                "vendor = \"de\"\nlicence_check = \"30d\"\nalternatives = [\"alt\"]\nswitch = { optimistic = \"40d\", likely = \"40d\", pessimistic = \"40d\" }",
            ),
            s("alt", "status = \"candidate\""),
            svc("both", "high", "60d", "[\"a\", \"b\"]"),
            svc("either", "high", "60d", "[{ any = [\"a\", \"b\"] }]"),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de"]);
    // b stops on day 30; its switch, started at hour 0, is ready on day 40.
    assert_eq!(system(&r, "b").down_from_day, Some(30));
    assert_eq!(system(&r, "b").back_at_hours, Some(40.0 * 24.0));
    assert_eq!(system(&r, "b").restore_days, Some(10.0));
    // Down from day 0 (a); a is back on day 26.6245, b on day 40.
    let both = service(&r, "both");
    assert_eq!(both.down_from_day, Some(0));
    assert_eq!(both.restore_days, Some(40.0));
    assert!(!both.breach);
    // The any group falls with b on day 30, and is back with a, already back
    // on day 26.6245: the outage is counted as 0 days.
    let either = service(&r, "either");
    assert_eq!(either.down_from_day, Some(30));
    assert_eq!(either.restore_days, Some(0.0));
}

#[test]
fn a_switch_started_on_day_0_that_is_ready_before_the_licence_check_runs_out_keeps_it_running() {
    let g = graph(
        &[
            s(
                "b",
                &format!(
                    "vendor = \"de\"\nlicence_check = \"30d\"\nalternatives = [\"alt\"]\n{SWITCH}"
                ),
            ),
            s("alt", "status = \"candidate\""),
            s("app", "depends_on = [\"b\"]"),
            svc("svc", "high", "1d", "[\"app\"]"),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de"]);
    // The switch is ready on day 26.6, before the check runs out on day 30.
    let b = system(&r, "b");
    assert_eq!(b.state, State::Replaced);
    assert_eq!(b.back_at_hours, Some(p80() * 24.0));
    assert_eq!(b.stops_at_hours, Some(720.0));
    assert_eq!(b.restore_by, switch_to("alt", true));
    // Nothing stops: app runs on, on the replacement, and so does the service.
    assert_eq!(r.summary.systems_down, 0);
    assert!(r.systems.iter().all(|x| x.id != "app"));
    assert!(r.services.is_empty());
    assert_eq!(r.summary.systems_replaced, 1);
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
    // c is back at the P80 of its switch; a and b restart together 1 hour
    // later (each restarts once c is back, the cycle when both are).
    assert_eq!(system(&r, "c").back_at_hours, Some(p80() * 24.0));
    for id in ["a", "b"] {
        assert_eq!(
            system(&r, id).back_at_hours,
            Some(p80() * 24.0 + 1.0),
            "{id}"
        );
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
        chain(&r, "perpetual"),
        ["perpetual", "vendor:us-de", "vendor:usa"]
    );
    assert_eq!(system(&r, "perpetual").cause, "vendor:us-de");
    assert_eq!(chain(&r, "app"), ["app", "mail", "vendor:de"]);
    assert_eq!(chain(&r, "fw"), ["fw", "uplink-a", "vendor:de"]);
    assert_eq!(system(&r, "app").down_from_day, None);
    assert_eq!(service(&r, "s-unsup").state, State::Unsupported);
    assert_eq!(service(&r, "s-degr").state, State::Degraded);
    assert_eq!(chain(&r, "s-degr"), ["s-degr", "app", "mail", "vendor:de"]);
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
    // no-cost is listed without a cost; other (vendor de) covers db, which
    // the cut of its operator us-de (a subsidiary of usa) takes down: at
    // risk too.
    assert_eq!(r.annual_cost_at_risk, 16500.0);
    let ids: Vec<(&str, Option<f64>)> = r
        .contracts_at_risk
        .iter()
        .map(|c| (c.contract.as_str(), c.annual_cost))
        .collect();
    assert_eq!(
        ids,
        [
            ("running", Some(10000.0)),
            ("other", Some(4000.0)),
            ("renewing", Some(2500.0)),
            ("no-cost", None)
        ]
    );
    let other = r
        .contracts_at_risk
        .iter()
        .find(|c| c.contract == "other")
        .unwrap();
    assert_eq!(
        other.reasons,
        [RiskReason::CoversAffected {
            systems: vec!["db".into()]
        }]
    );
    // It ends 2027-06-30 without renewal: no notice is needed.
    assert_eq!(other.term_end, NaiveDate::from_ymd_opt(2027, 6, 30));
    assert_eq!(other.notice_by, None);
    // renewing: its term ended 2025-12-31 and renews yearly: the current
    // term ends 2026-12-31, notice by 2026-11-30 is past, so the next exit is
    // 2027-12-31 with notice by 2027-11-30.
    let renewing = r
        .contracts_at_risk
        .iter()
        .find(|c| c.contract == "renewing")
        .unwrap();
    assert_eq!(renewing.term_end, NaiveDate::from_ymd_opt(2026, 12, 31));
    assert_eq!(renewing.notice_by, NaiveDate::from_ymd_opt(2027, 11, 30));
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
    let switch_to = |a: &str| switch_to(a, true);
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
        let r = sim.simulate(
            &Spec::ad_hoc(
                vec![ScenarioCut::new(Cut::Vendor(v), None, None)],
                Vec::new(),
            ),
            as_of(),
        );
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
        assert_eq!(
            row.restore_ability_lost, r.summary.restore_ability_lost,
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
    assert_eq!(x.restore_by, switch_to("running-cloud", false));
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

/// An outage of the internet provider: the uplink (run by it) is back when
/// the outage ends and restarts; what depends on it restarts after it, in
/// dependency order, each taking its own restart time.
#[test]
fn after_an_outage_systems_restart_in_dependency_order() {
    let g = graph(
        &[
            s(
                "uplink",
                "operator = \"de\"\nrecovery = { restart = \"1h\" }",
            ),
            s(
                "fw",
                "depends_on = [\"uplink\"]\nrecovery = { restart = \"2h\" }",
            ),
            s(
                "app",
                "depends_on = [\"fw\"]\nrecovery = { restart = \"3h\" }",
            ),
            svc("phone", "high", "1d", "[\"app\"]"),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de@outage:72h"]);
    assert_eq!(system(&r, "uplink").back_at_hours, Some(73.0));
    assert_eq!(system(&r, "fw").back_at_hours, Some(75.0));
    assert_eq!(system(&r, "app").back_at_hours, Some(78.0));
    assert_eq!(
        system(&r, "uplink").restore_by,
        Some(RestoreBy::Restart {
            waits_for: Some(Wait::Vendor("de".into()))
        })
    );
    assert_eq!(
        system(&r, "app").restore_by,
        Some(RestoreBy::Restart {
            waits_for: Some(Wait::System("fw".into()))
        })
    );
    let phone = service(&r, "phone");
    assert_eq!(phone.restore_hours, Some(78.0));
    assert!(phone.breach, "78 hours > 24 hours");
    // The restart order: uplink, fw, app, each starting when the one before is back.
    let order: Vec<(&str, f64, f64)> = r
        .restart_order
        .iter()
        .map(|x| (x.system.as_str(), x.start_hours, x.end_hours))
        .collect();
    assert_eq!(
        order,
        [
            ("uplink", 72.0, 73.0),
            ("fw", 73.0, 75.0),
            ("app", 75.0, 78.0)
        ]
    );
    // The same cut as a withdrawal: nothing comes back.
    let r = run(&g, &["vendor:de"]);
    assert_eq!(system(&r, "app").back_at_hours, None);
    assert!(r.restart_order.is_empty());
}

/// A lost system (ransomware) is rebuilt from its backup, after the
/// rebuild can start and once its backup system is up; its data loss is its
/// RPO; what depends on it restarts after.
#[test]
fn a_lost_system_is_restored_from_backup_and_loses_its_rpo() {
    let g = graph(
        &[
            s(
                "db",
                "data = { classes = [\"x\"], sensitivity = \"high\", volume_gb = 1000, backup = \"self\" }\nrecovery = { restore = \"10h\", backup_system = \"bk\", rpo = \"4h\" }",
            ),
            s("bk", "category = \"backup\"\nvendor = \"de\""),
            s("app", "depends_on = [\"db\"]\nrecovery = { restart = \"1h\" }"),
            "[[service]]\nid = \"svc\"\nname = \"svc\"\nmax_outage = \"1d\"\nrpo = \"2h\"\nneeds = [\"db\"]\n"
                .into(),
        ]
        .concat(),
    );
    let r = run(&g, &["system:db"]);
    let db = system(&r, "db");
    assert_eq!(db.back_at_hours, Some(10.0));
    assert_eq!(
        db.restore_by,
        Some(RestoreBy::Backup {
            backup_system: Some("bk".into()),
            waits_for: None
        })
    );
    assert_eq!(db.data_loss_hours, Some(4.0));
    assert_eq!(system(&r, "app").back_at_hours, Some(11.0));
    let svc = service(&r, "svc");
    assert_eq!(svc.data_loss_hours, Some(4.0));
    assert!(svc.rpo_breach, "4 hours of data lost, 2 tolerable");
    // A loss that can only be rebuilt after two days (forensics, new hardware).
    let r = run(&g, &["system:db@loss:2d"]);
    assert_eq!(system(&r, "db").back_at_hours, Some(58.0));
    // The default restore time without `restore`: the rebuild of an
    // application (8 hours) plus 1,000 GB at 500 GB an hour.
    let plain = graph(
        &[
            s(
                "db",
                "data = { classes = [\"x\"], sensitivity = \"high\", volume_gb = 1000, backup = \"self\" }",
            ),
        ]
        .concat(),
    );
    let r = run(&plain, &["system:db"]);
    assert_eq!(system(&r, "db").back_at_hours, Some(8.0 + 2.0));
    assert_eq!(system(&r, "db").data_loss_hours, Some(24.0));
}

/// Data loss follows the hosting: the virtual machines of a platform that
/// is restored from its backup come back with the platform's state and lose
/// its RPO (12 hours); a system on a lost network (not a host) restarts
/// without data loss.
#[test]
fn what_runs_on_a_platform_restored_from_backup_loses_the_platforms_rpo() {
    let g = graph(
        &[
            s(
                "host",
                "category = \"virtualisation\"\nlayer = \"infrastructure\"\nrecovery = { restore = \"2d\", rpo = \"12h\", restart = \"1h\", backup_system = \"bk\" }",
            ),
            s("bk", "category = \"backup\"\nvendor = \"de\""),
            s("vm", "depends_on = [\"host\"]\nrecovery = { restart = \"1h\" }"),
            s(
                "big",
                "depends_on = [\"host\"]\nrecovery = { restart = \"2h\", rpo = \"1d\", backup_system = \"bk\" }",
            ),
            s(
                "net",
                "category = \"network\"\nlayer = \"infrastructure\"\nrecovery = { restore = \"4h\", rpo = \"6h\", backup_system = \"bk\" }",
            ),
            s("app", "depends_on = [\"net\"]\nrecovery = { restart = \"1h\" }"),
            "[[service]]\nid = \"svc\"\nname = \"svc\"\nmax_outage = \"3d\"\nrpo = \"4h\"\nneeds = [\"vm\"]\n"
                .into(),
        ]
        .concat(),
    );
    let r = run(&g, &["system:host", "system:net"]);
    let host = system(&r, "host");
    assert_eq!(host.back_at_hours, Some(48.0));
    assert_eq!(host.data_loss_hours, Some(12.0));
    assert_eq!(host.data_loss_with, None, "its own restore");
    let vm = system(&r, "vm");
    assert_eq!(vm.back_at_hours, Some(49.0));
    assert_eq!(
        vm.restore_by.as_ref().map(RestoreBy::path),
        Some(super::Path::Restart)
    );
    assert_eq!(vm.data_loss_hours, Some(12.0));
    assert_eq!(vm.data_loss_with.as_deref(), Some("host"));
    // A VM with a backup of its own still restarts on the restored platform
    // (sooner than its own restore) and loses the platform's 12 hours.
    let big = system(&r, "big");
    assert_eq!(big.back_at_hours, Some(50.0));
    assert_eq!(big.data_loss_hours, Some(12.0));
    // A network restored from backup holds no data of what uses it.
    assert_eq!(system(&r, "net").data_loss_hours, Some(6.0));
    assert_eq!(system(&r, "app").back_at_hours, Some(5.0));
    assert_eq!(system(&r, "app").data_loss_hours, None);
    let sv = service(&r, "svc");
    assert_eq!(sv.data_loss_hours, Some(12.0));
    assert!(sv.rpo_breach, "12 hours lost, 4 tolerable");
}

/// Backups are only as good as their holder and format: without the
/// backup system's vendor, the backups cannot be read ("restore ability
/// lost", even though no service stops), and they are stranded data; a
/// lost system without a usable backup has no way back.
#[test]
fn a_withdrawn_backup_vendor_makes_restores_impossible() {
    let g = graph(
        &[
            s(
                "db",
                "data = { classes = [\"x\"], sensitivity = \"critical\", volume_gb = 1000, backup = \"self\" }\nrecovery = { backup_system = \"bk\" }",
            ),
            s(
                "bk",
                "category = \"backup\"\nvendor = \"usa\"\ndata = { classes = [\"backups\"], sensitivity = \"critical\", volume_gb = 5000, backup = \"self\" }",
            ),
            svc("svc", "high", "1d", "[\"db\"]"),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:usa"]);
    assert_eq!(r.summary.services_down, 0);
    assert_eq!(r.summary.restore_ability_lost, 1);
    let f = &r.restore_ability_lost[0];
    assert_eq!(f.system, "db");
    assert_eq!(f.volume_gb, 1000.0);
    assert_eq!(
        f.loss,
        BackupLoss::FormatVendorWithdrawn {
            vendor: "usa".into()
        }
    );
    assert_eq!(r.stranded_data.len(), 1);
    assert_eq!(r.stranded_data[0].system, "bk");
    assert_eq!(r.stranded_data[0].reason, StrandedReason::BackupFormat);
    assert_eq!(r.stranded_volume_gb, 5000.0);
    // With db lost as well, it has no way back.
    let r = run(&g, &["vendor:usa", "system:db"]);
    assert_eq!(system(&r, "db").back_at_hours, None);
    assert!(service(&r, "svc").breach);
    // An outage of the backup vendor only: the software runs on, restores work.
    let r = run(&g, &["vendor:usa@outage:5d", "system:db"]);
    assert_eq!(r.summary.restore_ability_lost, 0);
    assert!(system(&r, "db").back_at_hours.is_some());
}

/// The fallback starts on day 0: a system whose operator is withdrawn is
/// back when its stop-gap is set up, but not before what the stop-gap runs
/// on is back.
#[test]
fn a_fallback_is_set_up_from_day_0_on_what_it_runs_on() {
    let g = graph(
        &[
            s(
                "suite",
                "operator = \"usa\"\nrecovery = { fallback = \"lo\", setup = \"5d\" }",
            ),
            s("lo", "status = \"candidate\"\ndepends_on = [\"clients\"]"),
            s("clients", "vendor = \"de\"\nlicence_check = \"2d\""),
            svc("docs", "high", "1w", "[\"suite\"]"),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:usa"]);
    let suite = system(&r, "suite");
    assert_eq!(suite.back_at_hours, Some(120.0));
    assert_eq!(
        suite.restore_by,
        Some(RestoreBy::Fallback {
            fallback: "lo".into(),
            waits_for: None
        })
    );
    assert!(!service(&r, "docs").breach, "5 days <= 1 week");
    // The clients stop on day 2 and never come back: neither does the stop-gap.
    let r = run(&g, &["vendor:usa", "vendor:de"]);
    assert_eq!(system(&r, "suite").back_at_hours, None);
    // A setup without a fallback time given is a week.
    let g = graph(&s(
        "suite",
        "operator = \"usa\"\nrecovery = { fallback = \"catalog:libreoffice\" }",
    ));
    let r = run(&g, &["vendor:usa"]);
    assert_eq!(system(&r, "suite").back_at_hours, Some(168.0));
}

/// The counterexample of the issue: cutting Microsoft alone leaves the
/// clients without a way back (their licence ran out); cutting Broadcom as
/// well must not bring them back when the directory returns.
#[test]
fn a_system_whose_vendor_withdrew_never_returns_by_its_dependencies() {
    let g = graph(
        &[
            "[[vendor]]\nid = \"ms\"\nname = \"MS\"\ncountry = \"US\"\n[[vendor]]\nid = \"bc\"\nname = \"BC\"\ncountry = \"US\"\n".into(),
            s("vsphere", &format!("vendor = \"bc\"\nlicence_check = \"30d\"\nalternatives = [\"proxmox\"]\n{SWITCH}")),
            s("proxmox", "status = \"candidate\""),
            s("ad", "vendor = \"ms\"\ndepends_on = [\"vsphere\"]"),
            s("clients", "vendor = \"ms\"\nlicence_check = \"30d\"\ndepends_on = [\"ad\"]"),
        ]
        .concat(),
    );
    let ms = run(&g, &["vendor:ms"]);
    assert_eq!(system(&ms, "clients").down_from_day, Some(30));
    assert_eq!(system(&ms, "clients").back_at_hours, None);
    let both = run(&g, &["vendor:ms", "vendor:bc"]);
    // vsphere is replaced by Proxmox on day 26.6, before its check runs out.
    assert_eq!(system(&both, "vsphere").state, State::Replaced);
    assert_eq!(system(&both, "clients").back_at_hours, None);
    // Without the switch, vsphere stops on day 30, AD with it; AD (no
    // licence check) restarts when vsphere is back; the clients still not.
    let g2 = graph(
        &[
            "[[vendor]]\nid = \"ms\"\nname = \"MS\"\ncountry = \"US\"\n[[vendor]]\nid = \"bc\"\nname = \"BC\"\ncountry = \"US\"\n".into(),
            s("vsphere", "vendor = \"bc\"\nlicence_check = \"30d\"\nalternatives = [\"proxmox\"]\nswitch = { optimistic = \"40d\", likely = \"40d\", pessimistic = \"40d\" }"),
            s("proxmox", "status = \"candidate\""),
            s("ad", "vendor = \"ms\"\ndepends_on = [\"vsphere\"]\nrecovery = { restart = \"2h\" }"),
            s("clients", "vendor = \"ms\"\nlicence_check = \"30d\"\ndepends_on = [\"ad\"]"),
        ]
        .concat(),
    );
    let both = run(&g2, &["vendor:ms", "vendor:bc"]);
    assert_eq!(system(&both, "ad").back_at_hours, Some(40.0 * 24.0 + 2.0));
    assert_eq!(system(&both, "clients").back_at_hours, None);
}

/// A service's emergency operation starts its `from` after the service
/// stops and lasts until the service is back; the RTO is checked beside
/// the maximum tolerable outage.
#[test]
fn a_workaround_runs_until_the_service_is_back() {
    let g = graph(
        &[
            s("phone", "operator = \"de\"\nrecovery = { restart = \"2h\" }"),
            "[[service]]\nid = \"hotline\"\nname = \"115\"\nmax_outage = \"1d\"\nrto = \"8h\"\nworkaround = { text = \"calls forwarded to mobiles\", from = \"4h\", capacity = 0.5 }\nneeds = [\"phone\"]\n".into(),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:de@outage:12h"]);
    let h = service(&r, "hotline");
    assert_eq!(h.restore_hours, Some(14.0));
    assert!(!h.breach);
    assert!(h.rto_missed, "14 hours > 8 hours");
    assert_eq!(
        h.emergency_operation,
        Some(EmergencyOperation {
            text: "calls forwarded to mobiles".into(),
            from_hours: 4.0,
            until_hours: Some(14.0),
            capacity: Some(0.5),
        })
    );
    assert_eq!(r.summary.services_in_emergency_operation, 1);
    // An outage over before the workaround would start: no emergency operation.
    let r = run(&g, &["vendor:de@outage:1h"]);
    assert_eq!(service(&r, "hotline").emergency_operation, None);
}

/// A contract is at risk when it covers an affected system, even when its
/// vendor (a distributor) is not cut.
#[test]
fn contracts_covering_an_affected_system_are_at_risk() {
    let g = graph(
        &[
            s("gis", "vendor = \"usa\"\nlicence_check = \"60d\""),
            "[[contract]]\nid = \"gis-abo\"\nvendor = \"de\"\ncovers = [\"gis\"]\nkind = \"subscription\"\nend = 2027-12-31\nnotice = \"3mo\"\nrenewal = \"1y\"\nannual_cost = 38000\ndata_retrieval = \"30d\"\ncontact = { phone = \"+49 30 000000\", reference = \"K-4711\" }\n".into(),
        ]
        .concat(),
    );
    let r = run(&g, &["vendor:usa"]);
    assert_eq!(r.annual_cost_at_risk, 38000.0);
    let c = &r.contracts_at_risk[0];
    assert_eq!(c.contract, "gis-abo");
    assert_eq!(c.notice_by, NaiveDate::from_ymd_opt(2027, 9, 30));
    assert_eq!(c.data_retrieval, Some(Duration::days(30)));
    assert_eq!(
        c.contact.as_ref().and_then(|k| k.reference.as_deref()),
        Some("K-4711")
    );
}

/// Cause chains are links: a deep chain costs one link per system, and a
/// chain is cut in text to a few links with the number left out.
#[test]
fn a_deep_chain_keeps_one_link_per_system() {
    let n = 10_000;
    let mut text = String::from("[[system]]\nid = \"s0\"\nname = \"s0\"\noperator = \"de\"\n");
    for i in 1..n {
        text.push_str(&format!(
            "[[system]]\nid = \"s{i}\"\nname = \"s{i}\"\ndepends_on = [\"s{}\"]\n",
            i - 1
        ));
    }
    let g = graph(&text);
    let r = run(&g, &["vendor:de@outage:1h"]);
    assert_eq!(r.summary.systems_down, n);
    let last = system(&r, &format!("s{}", n - 1));
    assert_eq!(last.cause, format!("s{}", n - 2));
    // Each restarts 1 hour after the one it needs.
    assert_eq!(last.back_at_hours, Some(1.0 + n as f64));
    let (links, left) = r.chain(&last.id, 6);
    assert_eq!(links.len(), 7);
    // n - 1 systems and the vendor: n links, 6 shown.
    assert_eq!(left, n - 6);
    assert_eq!(r.restart_order.len(), n);
}
