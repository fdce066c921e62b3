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

/// The indices of the children of node `i` of a pre-order tree.
fn children(tree: &[PathNode], i: usize) -> Vec<usize> {
    let d = tree[i].depth;
    tree.iter()
        .enumerate()
        .skip(i + 1)
        .take_while(|(_, n)| n.depth > d)
        .filter(|(_, n)| n.depth == d + 1)
        .map(|(k, _)| k)
        .collect()
}

#[test]
fn the_tree_follows_needs_dependencies_groups_and_ownership() {
    let g = graph("");
    let p = svc(&g);
    let t = &p.tree;
    let roots: Vec<usize> = (0..t.len()).filter(|&i| t[i].depth == 0).collect();
    assert_eq!(roots, vec![0]);
    let app = &t[0];
    assert_eq!(
        (app.id.as_str(), app.relation, app.single_point),
        ("app", "needs", true)
    );
    let kids = children(t, 0);
    let names: Vec<(&str, &str)> = kids
        .iter()
        .map(|&k| (t[k].relation, t[k].id.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("depends on", "fw"),
            ("depends on", "lib"),
            ("made by", "us"),
            ("operated by", "us-ie"),
        ]
    );
    // the operator's chain up to its controller, one level deeper
    let op = kids[3];
    let up = children(t, op);
    assert_eq!(up.len(), 1);
    assert_eq!(
        (t[up[0]].relation, t[up[0]].id.as_str()),
        ("controlled by", "us")
    );
    assert!(t[op].single_point && t[up[0]].single_point);
    // the redundant uplinks sit in an `any` node and are not single points
    let fw = kids[0];
    let fw_kids = children(t, fw);
    let any = *fw_kids
        .iter()
        .find(|&&k| t[k].kind == NodeKind::Any)
        .unwrap();
    let members: Vec<(&str, bool)> = children(t, any)
        .iter()
        .map(|&k| (t[k].id.as_str(), t[k].single_point))
        .collect();
    assert_eq!(members, vec![("up1", false), ("up2", false)]);
    // a self-operated system shows the organisation
    let net = fw_kids[0];
    assert_eq!(t[children(t, net)[1]].kind, NodeKind::Organisation);
    // pre-order: every node is at most one level deeper than the one before
    assert!(t.windows(2).all(|w| w[1].depth <= w[0].depth + 1));
}

#[test]
fn a_system_reached_twice_is_shown_once() {
    let g = graph(", \"fw\"");
    let p = svc(&g);
    let roots: Vec<usize> = (0..p.tree.len())
        .filter(|&i| p.tree[i].depth == 0)
        .collect();
    assert_eq!(roots.len(), 2);
    let fw = &p.tree[roots[1]];
    assert_eq!(fw.id, "fw");
    assert!(fw.repeated);
    assert_eq!(roots[1] + 1, p.tree.len(), "a repeated node has no subtree");
}

/// A chain 100,000 systems deep is a tree 100,000 levels deep: built
/// without recursion, each system once, at its depth.
#[test]
fn a_deep_chain_is_built_without_recursion() {
    let n = 100_000;
    let mut text = String::from(
        "[organisation]\nname = \"T\"\nhome = \"DE\"\n[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\"\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "[[system]]\nid = \"s{i}\"\nname = \"S\"\noperator = \"v\"\n"
        ));
        if i + 1 < n {
            text.push_str(&format!("depends_on = [\"s{}\"]\n", i + 1));
        }
    }
    text.push_str("[[service]]\nid = \"svc\"\nname = \"S\"\nneeds = [\"s0\"]\n");
    let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let g = Graph::build(m);
    let mut b = Builder {
        g: &g,
        seen: vec![false; n],
        spof_systems: &[],
        spof_vendors: &[],
        out: Vec::new(),
        omitted: 0,
        stack: Vec::new(),
    };
    b.walk(Todo::System(SystemId(0), "needs", 0));
    let systems: Vec<&PathNode> = b
        .out
        .iter()
        .filter(|x| x.kind == NodeKind::System)
        .collect();
    // Each system: made by the organisation, operated by v. Pre-order goes
    // down the chain first, so the first TREE_MAX nodes listed are the top
    // systems, each at its depth; the rest are counted.
    assert_eq!(b.out.len() + b.omitted, 3 * n);
    assert_eq!(b.out.len(), TREE_MAX);
    let k = systems.len();
    assert_eq!(k, TREE_MAX);
    assert_eq!(systems[k - 1].depth as usize, k - 1);
    assert_eq!(systems[k - 1].id, format!("s{}", k - 1));
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
