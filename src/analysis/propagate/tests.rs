//! Down days on hand-built graphs, each checked by hand.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

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

fn days(g: &Graph, o: &Outcome) -> Vec<(String, u32)> {
    o.systems
        .iter()
        .map(|d| (g.model().system(d.id).id.clone(), d.day))
        .collect()
}

fn cut(g: &Graph, cuts: &[&str]) -> Outcome {
    let m = g.model();
    let cuts: Vec<Cut> = cuts
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
    Engine::new(g).cut(&CutSet::resolve(g, &cuts))
}

fn s(id: &str, extra: &str) -> String {
    format!("[[system]]\nid = \"{id}\"\nname = \"{id}\"\n{extra}\n")
}

#[test]
fn a_chain_falls_on_day_zero_with_its_cause() {
    let g = graph(
        &[
            s("app", "depends_on = [\"db\"]"),
            s("db", "depends_on = [\"host\"]"),
            s("host", "operator = \"de\""),
            "[[service]]\nid = \"svc\"\nname = \"Svc\"\nneeds = [\"app\"]\n".into(),
        ]
        .concat(),
    );
    let o = cut(&g, &["vendor:de"]);
    assert_eq!(
        days(&g, &o),
        [("app".into(), 0), ("db".into(), 0), ("host".into(), 0)]
    );
    let app = g.model().system_id("app").unwrap();
    assert_eq!(o.chain(&g, app), ["app", "db", "host", "vendor:de"]);
    let svc = g.model().service_id("svc").unwrap();
    assert_eq!(
        o.service_chain(&g, svc),
        ["svc", "app", "db", "host", "vendor:de"]
    );
    assert_eq!(o.service(svc).unwrap().day, 0);
}

#[test]
fn an_any_group_survives_while_one_member_lives() {
    let g = graph(
        &[
            s(
                "app",
                "depends_on = [{ any = [\"uplink-a\", \"uplink-b\"] }]",
            ),
            s("uplink-a", "operator = \"de\""),
            s("uplink-b", "operator = \"us-de\""),
        ]
        .concat(),
    );
    let o = cut(&g, &["vendor:de"]);
    assert_eq!(days(&g, &o), [("uplink-a".into(), 0)]);
}

#[test]
fn an_any_group_falls_with_its_last_member_on_day_30() {
    let g = graph(
        &[
            s(
                "app",
                "depends_on = [{ any = [\"uplink-a\", \"uplink-b\"] }]",
            ),
            s("uplink-a", "operator = \"de\""),
            s("uplink-b", "vendor = \"usa\"\nlicence_check = \"30d\""),
        ]
        .concat(),
    );
    let o = cut(&g, &["vendor:de", "vendor:usa"]);
    assert_eq!(
        days(&g, &o),
        [
            ("app".into(), 30),
            ("uplink-a".into(), 0),
            ("uplink-b".into(), 30)
        ]
    );
    let app = g.model().system_id("app").unwrap();
    assert_eq!(o.chain(&g, app), ["app", "uplink-b", "vendor:usa"]);
}

#[test]
fn licence_checks_delay_and_no_check_means_unsupported_not_down() {
    let g = graph(
        &[
            s("licensed", "vendor = \"us-de\"\nlicence_check = \"1mo\""),
            s("perpetual", "vendor = \"us-de\""),
            s("app", "depends_on = [\"licensed\"]"),
        ]
        .concat(),
    );
    let o = cut(&g, &["vendor:us-de"]);
    // 1 month = 30.4375 days = hour 730.5, which is in day 30 (hours 720
    // to 743); systems in file order.
    assert_eq!(days(&g, &o), [("licensed".into(), 30), ("app".into(), 30)]);
    assert!(o.systems.iter().all(|d| d.at == 730.5));
}

#[test]
fn a_soft_interface_does_not_take_the_dependent_down() {
    let g = graph(
        &[
            s("app", ""),
            s("mail", "operator = \"de\""),
            "[[interface]]\nid = \"app-mail\"\nfrom = \"app\"\nto = \"mail\"\nhard = false\n"
                .into(),
        ]
        .concat(),
    );
    let o = cut(&g, &["vendor:de"]);
    assert_eq!(days(&g, &o), [("mail".into(), 0)]);
}

#[test]
fn a_hard_interface_takes_the_dependent_down() {
    let g = graph(
        &[
            s("app", ""),
            s("mail", "operator = \"de\""),
            "[[interface]]\nid = \"app-mail\"\nfrom = \"app\"\nto = \"mail\"\n".into(),
        ]
        .concat(),
    );
    let o = cut(&g, &["vendor:de"]);
    assert_eq!(days(&g, &o), [("app".into(), 0), ("mail".into(), 0)]);
}

#[test]
fn a_cut_parent_takes_its_subsidiary() {
    let g = graph(&s("cloud", "vendor = \"us-de\"\noperator = \"us-de\""));
    let o = cut(&g, &["vendor:usa"]);
    assert_eq!(days(&g, &o), [("cloud".into(), 0)]);
    let cloud = g.model().system_id("cloud").unwrap();
    assert_eq!(o.chain(&g, cloud), ["cloud", "vendor:us-de", "vendor:usa"]);
}

#[test]
fn a_jurisdiction_cut_reaches_through_the_parent_chain() {
    let g = graph(
        &[
            s("cloud", "operator = \"us-de\""),
            s("local", "operator = \"de\""),
        ]
        .concat(),
    );
    let o = cut(&g, &["jurisdiction:US"]);
    assert_eq!(days(&g, &o), [("cloud".into(), 0)]);
    let cloud = g.model().system_id("cloud").unwrap();
    assert_eq!(
        o.chain(&g, cloud),
        ["cloud", "vendor:us-de", "jurisdiction:US"]
    );
}

#[test]
fn cycles_terminate_and_fall_together() {
    let g = graph(
        &[
            s("a", "depends_on = [\"b\"]"),
            s("b", "depends_on = [\"a\", \"c\"]"),
            s("c", "vendor = \"de\"\nlicence_check = \"10d\""),
            s("d", "depends_on = [\"e\"]"),
            s("e", "depends_on = [\"d\"]"),
        ]
        .concat(),
    );
    let o = cut(&g, &["vendor:de"]);
    assert_eq!(
        days(&g, &o),
        [("a".into(), 10), ("b".into(), 10), ("c".into(), 10)]
    );
}

#[test]
fn candidates_do_not_take_part() {
    let g = graph(
        &[
            s("app", "depends_on = [{ any = [\"old\", \"new\"] }]"),
            s("old", "operator = \"de\""),
            s("new", "status = \"candidate\""),
        ]
        .concat(),
    );
    let o = cut(&g, &["vendor:de"]);
    assert_eq!(days(&g, &o), [("app".into(), 0), ("old".into(), 0)]);
}

#[test]
fn the_scratch_is_clean_after_a_run() {
    let g = graph(
        &[
            s("app", "depends_on = [{ any = [\"a\", \"b\"] }]"),
            s("a", "operator = \"de\""),
            s("b", "operator = \"us-de\""),
        ]
        .concat(),
    );
    let e = Engine::new(&g);
    let mut sc = e.scratch();
    let m = g.model();
    let one = CutSet::resolve(&g, &[Cut::Vendor(m.vendor_id("de").unwrap())]);
    let both = CutSet::resolve(
        &g,
        &[
            Cut::Vendor(m.vendor_id("de").unwrap()),
            Cut::Vendor(m.vendor_id("us-de").unwrap()),
        ],
    );
    let first = e.run(&e.seeds(&one), &mut sc);
    let second = e.run(&e.seeds(&one), &mut sc);
    assert_eq!(first, second);
    assert_eq!(e.run(&e.seeds(&both), &mut sc).systems.len(), 3);
    assert_eq!(e.run(&e.seeds(&one), &mut sc), first);
}

#[test]
fn an_outage_of_the_vendor_shorter_than_the_licence_check_stops_nothing() {
    use crate::model::{CutKind, Duration, ScenarioCut};
    let g = graph(&s(
        "licensed",
        "vendor = \"us-de\"\nlicence_check = \"30d\"",
    ));
    let v = g.model().vendor_id("us-de").unwrap();
    let engine = Engine::new(&g);
    let term = |d: u32| {
        CutSet::resolve_terms(
            &g,
            &[ScenarioCut::new(
                crate::model::Cut::Vendor(v),
                Some(CutKind::Outage),
                Some(Duration::days(d)),
            )],
        )
    };
    assert!(engine.cut(&term(29)).systems.is_empty());
    assert!(engine.cut(&term(30)).systems.is_empty());
    let o = engine.cut(&term(31));
    assert_eq!(o.systems.len(), 1);
    assert_eq!(o.systems[0].at, 720.0);
}

#[test]
fn two_cuts_of_one_vendor_take_the_worse_term() {
    use crate::model::{Cut, CutKind, Duration, ScenarioCut};
    let g = graph(&s("x", "vendor = \"us-de\""));
    let v = g.model().vendor_id("us-de").unwrap();
    let set = CutSet::resolve_terms(
        &g,
        &[
            ScenarioCut::new(
                Cut::Vendor(v),
                Some(CutKind::Outage),
                Some(Duration::days(3)),
            ),
            ScenarioCut::new(Cut::Vendor(v), Some(CutKind::Loss), Some(Duration::days(1))),
        ],
    );
    let t = set.vendor_term(v).unwrap();
    assert_eq!(t.kind, CutKind::Loss);
    assert_eq!(t.until, 72.0);
}
