//! Single points of failure and the dependency tree on a hand-built model.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

fn graph(extra_needs: &str) -> Graph {
    let text = format!(
        r#"[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
[[vendor]]
id = "us"
name = "US Corp"
country = "US"
[[vendor]]
id = "us-ie"
name = "US Corp Ireland"
country = "IE"
parent = "us"
[[vendor]]
id = "de"
name = "DE GmbH"
country = "DE"
[[system]]
id = "net"
name = "Net"
vendor = "de"
[[system]]
id = "up1"
name = "Uplink 1"
operator = "de"
[[system]]
id = "up2"
name = "Uplink 2"
operator = "us"
[[system]]
id = "fw"
name = "Firewall"
depends_on = ["net", {{ any = ["up1", "up2"] }}]
[[system]]
id = "lib"
name = "Library"
vendor = "de"
licence_check = "30d"
[[system]]
id = "app"
name = "App"
vendor = "us"
operator = "us-ie"
depends_on = ["fw", "lib"]
[[system]]
id = "old"
name = "Old"
status = "retired"
[[service]]
id = "svc"
name = "Service"
criticality = "high"
needs = ["app"{extra_needs}]
[[service]]
id = "minor"
name = "Minor"
criticality = "low"
needs = ["net"]
"#
    );
    let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

fn svc(g: &Graph) -> ServicePaths {
    let engine = Engine::new(g);
    let mut cuts = Cuts::new(g, &engine);
    service_paths(g, &mut cuts, g.model().service_id("svc").unwrap())
}

#[test]
fn a_redundant_pair_is_no_single_point_but_everything_else_is() {
    let g = graph("");
    let p = svc(&g);
    let systems: Vec<&str> = p
        .single_point_systems
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(systems, vec!["app", "fw", "lib", "net"]);
}

#[test]
fn vendors_are_single_points_with_the_day_the_service_falls() {
    let g = graph("");
    let p = svc(&g);
    let vendors: Vec<(&str, u32)> = p
        .single_point_vendors
        .iter()
        .map(|v| (v.id.as_str(), v.day))
        .collect();
    // us and us-ie operate `app` (day 0); de only makes `lib`, whose licence
    // check runs out after 30 days; de operating one uplink takes nothing down
    assert_eq!(vendors, vec![("us", 0), ("us-ie", 0), ("de", 30)]);
    assert_eq!(
        p.single_point_vendors[2].chain,
        vec!["svc", "app", "lib", "vendor:de"]
    );
}

#[test]
fn the_tree_follows_needs_dependencies_groups_and_ownership() {
    let g = graph("");
    let p = svc(&g);
    assert_eq!(p.tree.len(), 1);
    let app = &p.tree[0];
    assert_eq!(
        (app.id.as_str(), app.relation, app.single_point),
        ("app", "needs", true)
    );
    let children: Vec<(&str, &str)> = app
        .children
        .iter()
        .map(|c| (c.relation, c.id.as_str()))
        .collect();
    assert_eq!(
        children,
        vec![
            ("depends on", "fw"),
            ("depends on", "lib"),
            ("made by", "us"),
            ("operated by", "us-ie"),
        ]
    );
    // the operator's chain up to its controller
    let op = &app.children[3];
    assert_eq!(op.children[0].relation, "controlled by");
    assert_eq!(op.children[0].id, "us");
    assert!(op.single_point && op.children[0].single_point);
    // the redundant uplinks sit in an `any` node and are not single points
    let fw = &app.children[0];
    let any = fw
        .children
        .iter()
        .find(|c| c.kind == NodeKind::Any)
        .unwrap();
    let members: Vec<(&str, bool)> = any
        .children
        .iter()
        .map(|c| (c.id.as_str(), c.single_point))
        .collect();
    assert_eq!(members, vec![("up1", false), ("up2", false)]);
    // a self-operated system shows the organisation
    let net = &fw.children[0];
    assert_eq!(net.children[1].kind, NodeKind::Organisation);
}

#[test]
fn a_system_reached_twice_is_shown_once() {
    let g = graph(", \"fw\"");
    let p = svc(&g);
    assert_eq!(p.tree.len(), 2);
    assert_eq!(p.tree[1].id, "fw");
    assert!(p.tree[1].repeated);
    assert!(p.tree[1].children.is_empty());
}

#[test]
fn critical_services_are_critical_or_high_and_the_closure_skips_retired() {
    let g = graph("");
    let ids: Vec<&str> = critical_services(&g)
        .iter()
        .map(|s| g.model().service(*s).id.as_str())
        .collect();
    assert_eq!(ids, vec!["svc"]);
    let closure: Vec<&str> = service_closure(&g, g.model().service_id("svc").unwrap())
        .iter()
        .map(|s| g.model().system(*s).id.as_str())
        .collect();
    assert_eq!(closure, vec!["net", "up1", "up2", "fw", "lib", "app"]);
}
