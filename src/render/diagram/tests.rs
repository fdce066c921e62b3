//! The views' drafts, focus and roll-up on a model small enough to check
//! by hand.

use super::draft::{self, Draft, Elem, Item, Link, LinkKind};
use super::graphs::{self, lockin_colour};
use super::*;
use crate::model::{Lang, Limits, load_str};
use crate::render::dot::Shape;
use crate::render::i18n::Tr;
use std::path::Path;

fn graph(toml: &str) -> Graph {
    let m = load_str("t.toml", Path::new("t.toml"), toml, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

/// ms (US) controls ms-ie (IE); nc and sap are German. Systems: a (ms-ie)
/// depends on b (ms); c (nc) needs a or d and has a proprietary interface
/// to a; d (sap) depends on e (in-house); f (ms) is only a candidate.
const MODEL: &str = r#"
[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
as_of = 2026-12-01

[[vendor]]
id = "ms"
name = "MS Corp"
country = "US"
[[vendor]]
id = "ms-ie"
name = "MS Ireland"
country = "IE"
parent = "ms"
[[vendor]]
id = "nc"
name = "NC GmbH"
country = "DE"
[[vendor]]
id = "sap"
name = "SAP SE"
country = "DE"

[[system]]
id = "a"
name = "A"
vendor = "ms-ie"
depends_on = ["b"]
[[system]]
id = "b"
name = "B"
vendor = "ms"
[[system]]
id = "c"
name = "C"
vendor = "nc"
depends_on = [{ any = ["a", "d"] }]
[[system]]
id = "d"
name = "D"
vendor = "sap"
depends_on = ["e"]
[[system]]
id = "e"
name = "E"
vendor = "self"
[[system]]
id = "f"
name = "F"
vendor = "ms"
status = "candidate"

[[interface]]
id = "i"
from = "c"
to = "a"
open = false
"#;

fn en(g: &Graph) -> DiagramOptions {
    DiagramOptions::new(Lang::En, g.model().organisation.as_of.unwrap_or_default())
}

fn ids(g: &Graph, d: &Draft) -> Vec<String> {
    let m = g.model();
    d.items
        .iter()
        .map(|i| match i.elem {
            Elem::System(s) => m.system(s).id.clone(),
            Elem::Service(s) => m.service(s).id.clone(),
            Elem::Vendor(v) => m.vendor(v).id.clone(),
        })
        .collect()
}

fn links(g: &Graph, d: &Draft) -> Vec<(String, String, LinkKind, usize)> {
    let names = ids(g, d);
    d.links
        .iter()
        .map(|l| (names[l.from].clone(), names[l.to].clone(), l.kind, l.count))
        .collect()
}

#[test]
fn the_landscape_has_the_in_use_systems_in_vendor_group_clusters() {
    let g = graph(MODEL);
    let d = graphs::landscape(&g, &en(&g), Tr::new(Lang::En));
    assert_eq!(ids(&g, &d), ["a", "b", "c", "d", "e"]);
    let clusters: Vec<&str> = d.clusters.iter().map(|c| c.label.as_str()).collect();
    // In-house first, then the groups in vendor order; ms-ie folds into ms.
    assert_eq!(
        clusters,
        ["In-house", "MS Corp (US)", "NC GmbH (DE)", "SAP SE (DE)"]
    );
    let of: Vec<Option<usize>> = d.items.iter().map(|i| i.cluster).collect();
    assert_eq!(of, [Some(1), Some(1), Some(2), Some(3), Some(0)]);
    // The interface c -> a replaces the `any` member a; d stays an `any` link.
    let mut l = links(&g, &d);
    l.sort();
    assert_eq!(
        l,
        [
            ("a".into(), "b".into(), LinkKind::Depends, 1),
            (
                "c".into(),
                "a".into(),
                LinkKind::Interface {
                    open: false,
                    hard: true
                },
                1
            ),
            ("c".into(), "d".into(), LinkKind::AnyOf, 1),
            ("d".into(), "e".into(), LinkKind::Depends, 1),
        ]
    );
    assert!(d.notes[0].contains("5 systems in use; 1 candidate and 0 retired not shown"));
}

#[test]
fn the_landscape_groups_by_jurisdiction_layer_and_category() {
    let g = graph(MODEL);
    let mut o = en(&g);
    o.group_by = GroupBy::Jurisdiction;
    let d = graphs::landscape(&g, &o, Tr::new(Lang::En));
    let clusters: Vec<&str> = d.clusters.iter().map(|c| c.label.as_str()).collect();
    // a and b belong to the US group; in-house counts for the home country.
    assert_eq!(clusters, ["DE", "US (outside the trusted set)"]);
    o.group_by = GroupBy::Layer;
    let d = graphs::landscape(&g, &o, Tr::new(Lang::De));
    assert_eq!(d.clusters.len(), 1, "every system is an application");
    assert_eq!(d.clusters[0].label, "Anwendung");
}

#[test]
fn a_roll_up_folds_a_vendor_group_and_merges_its_links() {
    let g = graph(MODEL);
    let w = Tr::new(Lang::En);
    let mut d = graphs::landscape(&g, &en(&g), w);
    assert!(draft::roll_up(&mut d, &g, 5, w).is_none(), "5 nodes fit 5");
    let r = draft::roll_up(&mut d, &g, 4, w).expect("rolled up");
    assert_eq!(
        (r.before, r.after, r.groups, r.folded, r.others),
        (5, 4, 1, 2, 0)
    );
    // a and b are one MS node; clusters are dropped (each group is a
    // node), so a system alone shows its group as its first line. Nodes
    // follow the clusters' order: in-house, MS, NC, SAP.
    assert!(d.clusters.is_empty());
    assert_eq!(d.items[0].lines[..2], ["In-house".to_string(), "E".into()]);
    assert_eq!(
        d.items[1].lines[..2],
        ["MS Corp (US)".to_string(), "2 systems".into()]
    );
    assert!(d.items[1].lines[2].starts_with("max lock-in "));
    assert_eq!(ids(&g, &d), ["e", "a", "c", "d"]);
    let mut l = links(&g, &d);
    l.sort();
    // a -> b is inside the group and gone; c -> a now points at the group.
    assert_eq!(
        l,
        [
            (
                "c".into(),
                "a".into(),
                LinkKind::Interface {
                    open: false,
                    hard: true
                },
                1
            ),
            ("c".into(), "d".into(), LinkKind::AnyOf, 1),
            ("d".into(), "e".into(), LinkKind::Depends, 1),
        ]
    );
}

#[test]
fn a_tighter_roll_up_puts_the_smallest_groups_into_other() {
    let g = graph(MODEL);
    let w = Tr::new(Lang::En);
    let mut d = graphs::landscape(&g, &en(&g), w);
    let r = draft::roll_up(&mut d, &g, 3, w).expect("rolled up");
    // Groups of one: SAP (d), NC (c), in-house (e); the later ids go first:
    // SAP, then NC, and 3 nodes remain: MS, e, "2 other vendor groups".
    assert_eq!((r.after, r.groups, r.others, r.folded), (3, 1, 2, 4));
    assert_eq!(d.items[2].lines[0], "2 other vendor groups");
    assert_eq!(d.items[2].lines[1], "2 systems");
    let names: Vec<&str> = d.items.iter().map(|i| i.lines[0].as_str()).collect();
    assert_eq!(names, ["In-house", "MS Corp (US)", "2 other vendor groups"]);
    // c -> d is inside "other"; other -> e (d -> e) and other -> MS (c -> a) remain.
    let l: Vec<(usize, usize)> = d.links.iter().map(|l| (l.from, l.to)).collect();
    assert_eq!(l, [(2, 0), (2, 1)]);
}

#[test]
fn merged_links_keep_their_count_and_the_most_frequent_kind() {
    let g = graph(MODEL);
    let w = Tr::new(Lang::En);
    let sys = |id: &str| g.model().system_id(id).unwrap_or_else(|| panic!("{id}"));
    let item = |id: &str, owner: draft::Owner| Item {
        elem: Elem::System(sys(id)),
        lines: vec![id.to_string()],
        tooltip: String::new(),
        cluster: None,
        fill: "#ffffff",
        shape: Shape::Box,
        strong: false,
        fold: Some(owner),
        metric: None,
    };
    let ms = draft::Owner::Group(g.model().vendor_id("ms").unwrap_or_else(|| panic!("ms")));
    let nc = draft::Owner::Group(g.model().vendor_id("nc").unwrap_or_else(|| panic!("nc")));
    let mut d = Draft {
        items: vec![
            item("a", ms),
            item("b", ms),
            item("c", nc),
            item("d", nc),
            item("e", draft::Owner::Own),
        ],
        ..Draft::default()
    };
    // Three links from the NC group to the MS group: two plain, one `any`.
    d.link(2, 0, LinkKind::Depends);
    d.link(3, 1, LinkKind::Depends);
    d.link(2, 1, LinkKind::AnyOf);
    d.link(4, 0, LinkKind::Depends);
    draft::roll_up(&mut d, &g, 3, w).expect("rolled up");
    assert_eq!(d.items.len(), 3);
    let l: Vec<(usize, usize, LinkKind, usize)> = d
        .links
        .iter()
        .map(|l| (l.from, l.to, l.kind, l.count))
        .collect();
    // Owners in order: in-house (e alone), MS group, NC group.
    assert_eq!(
        l,
        [(0, 1, LinkKind::Depends, 1), (2, 1, LinkKind::Depends, 3)]
    );
    let net = draft::to_net(d, &g, w);
    assert_eq!(net.edges[1].label.as_deref(), Some("×3"));
    // 1 + log10(3) = 1.48: still 1 point.
    assert_eq!(net.edges[1].width, 1);
}

#[test]
fn a_focus_keeps_the_neighbourhood_to_the_depth_given() {
    let g = graph(MODEL);
    let w = Tr::new(Lang::En);
    let base = graphs::landscape(&g, &en(&g), w);
    let e = ids(&g, &base).iter().position(|x| x == "e").unwrap_or(99);
    for (depth, want) in [
        (0, vec!["e"]),
        (1, vec!["d", "e"]),
        (2, vec!["c", "d", "e"]),
        (3, vec!["a", "c", "d", "e"]),
        (4, vec!["a", "b", "c", "d", "e"]),
    ] {
        let mut d = base.clone();
        let dropped = draft::focus(&mut d, &[e], depth);
        assert_eq!(ids(&g, &d), want, "depth {depth}");
        assert_eq!(dropped, 5 - want.len());
        // Clusters without members are gone.
        assert!(
            d.items
                .iter()
                .all(|i| i.cluster.is_some_and(|c| c < d.clusters.len()))
        );
    }
}

#[test]
fn a_vendor_focus_starts_from_every_system_of_the_group() {
    let g = graph(MODEL);
    let mut o = en(&g);
    o.focus = Some(Focus::resolve(g.model(), "vendor:ms").expect("ms"));
    o.depth = 0;
    o.renderer = RendererChoice::Builtin;
    let d = build(&g, &View::Landscape, &o).expect("diagram");
    // ms controls ms-ie: a and b; f is a candidate and not in the view.
    assert_eq!(d.nodes, 2);
    assert!(
        d.notes.iter().any(|n| n.contains("2 of 5 elements shown")),
        "{:?}",
        d.notes
    );
}

#[test]
fn focus_ids_resolve_by_kind() {
    let g = graph(MODEL);
    let m = g.model();
    assert_eq!(
        Focus::resolve(m, "a"),
        Ok(Focus::System(m.system_id("a").unwrap_or_else(|| panic!())))
    );
    assert_eq!(
        Focus::resolve(m, "nc"),
        Ok(Focus::Vendor(m.vendor_id("nc").unwrap_or_else(|| panic!())))
    );
    assert_eq!(
        Focus::resolve(m, "vendor:zz"),
        Err(UnknownFocus {
            kind: crate::model::EntityKind::Vendor,
            id: "zz".into()
        })
    );
    assert_eq!(
        Focus::resolve(m, "zz").map_err(|e| e.kind),
        Err(crate::model::EntityKind::System)
    );
}

#[test]
fn a_focus_on_a_chart_is_refused() {
    let g = graph(MODEL);
    let mut o = en(&g);
    o.focus = Some(Focus::resolve(g.model(), "a").expect("a"));
    assert!(matches!(
        build(&g, &View::Spend, &o),
        Err(DiagramError::Usage(_))
    ));
}

#[test]
fn lock_in_colours_have_five_classes_of_twenty_points() {
    assert_eq!(lockin_colour(0.0), LOCKIN_COLOURS[0]);
    assert_eq!(lockin_colour(19.9), LOCKIN_COLOURS[0]);
    assert_eq!(lockin_colour(20.0), LOCKIN_COLOURS[1]);
    assert_eq!(lockin_colour(79.9), LOCKIN_COLOURS[3]);
    assert_eq!(lockin_colour(80.0), LOCKIN_COLOURS[4]);
    assert_eq!(lockin_colour(100.0), LOCKIN_COLOURS[4]);
    assert_eq!(lockin_colour(-3.0), LOCKIN_COLOURS[0]);
    assert_eq!(lockin_colour(f64::NAN), LOCKIN_COLOURS[0]);
}

fn plain(from: usize, to: usize, kind: LinkKind) -> Link {
    Link {
        from,
        to,
        kind,
        count: 1,
    }
}

#[test]
fn implied_failure_arrows_are_left_out() {
    // Hotspots 0 -> 1 -> 2 (hard); the service (3) fails with all three:
    // only its arrow to 0 is needed.
    let mut d = Draft {
        links: vec![
            plain(0, 1, LinkKind::Depends),
            plain(
                1,
                2,
                LinkKind::Interface {
                    open: true,
                    hard: true,
                },
            ),
            plain(3, 0, LinkKind::Fails),
            plain(3, 1, LinkKind::Fails),
            plain(3, 2, LinkKind::Fails),
        ],
        ..Draft::default()
    };
    assert_eq!(graphs::drop_implied_failures(&mut d, 3), 2);
    assert_eq!(d.links.len(), 3);
    assert!(d.links.contains(&plain(3, 0, LinkKind::Fails)));
    // A soft link implies nothing.
    let mut d = Draft {
        links: vec![
            plain(
                0,
                1,
                LinkKind::Interface {
                    open: true,
                    hard: false,
                },
            ),
            plain(2, 0, LinkKind::Fails),
            plain(2, 1, LinkKind::Fails),
        ],
        ..Draft::default()
    };
    assert_eq!(graphs::drop_implied_failures(&mut d, 2), 0);
    // In a cycle of hotspots the arrow to the first one stays.
    let mut d = Draft {
        links: vec![
            plain(0, 1, LinkKind::Depends),
            plain(1, 0, LinkKind::Depends),
            plain(2, 0, LinkKind::Fails),
            plain(2, 1, LinkKind::Fails),
        ],
        ..Draft::default()
    };
    assert_eq!(graphs::drop_implied_failures(&mut d, 2), 1);
    assert!(d.links.contains(&plain(2, 0, LinkKind::Fails)));
}

#[test]
fn timeline_events_follow_renewals_and_notice() {
    use crate::analysis::deadlines::{DeadlineOptions, deadlines};
    use crate::analysis::exit_plan::PlanOptions;
    use crate::render::chart::EventKind;
    let g = graph(&format!(
        "{MODEL}
[[contract]]
id = \"k\"
vendor = \"nc\"
covers = [\"c\"]
kind = \"subscription\"
end = 2027-06-30
renewal = \"1y\"
notice = \"3mo\"
[[contract]]
id = \"once\"
vendor = \"sap\"
covers = [\"d\"]
kind = \"licence\"
end = 2030-01-31
notice = \"1mo\"
"
    ));
    let d = deadlines(
        &g,
        &DeadlineOptions {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            horizon: charts::HORIZON,
            plan: PlanOptions {
                runs: 200,
                seed: 1,
                parallel: None,
                as_of: None,
            },
        },
    );
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let (start, end) = (date(2026, 12, 1), date(2028, 12, 1));
    let k = d.contracts.iter().find(|c| c.id == "k").expect("k");
    let ev = charts::contract_events(k, start, end);
    let kinds: Vec<(chrono::NaiveDate, EventKind)> = ev.iter().map(|e| (e.0, e.1)).collect();
    // Term ends 30 June 2027 and 2028; notice 3 months before: by 31 March.
    let decision = k.decision_deadline.expect("decision");
    let mut want = vec![
        (date(2027, 3, 31), EventKind::Notice),
        (date(2027, 6, 30), EventKind::TermEnd),
        (date(2028, 3, 31), EventKind::Notice),
        (date(2028, 6, 30), EventKind::TermEnd),
    ];
    if decision >= start {
        want.push((decision, EventKind::Decision));
    }
    if let Some(f) = k
        .feasible_decision_deadline
        .filter(|f| Some(*f) != k.decision_deadline && *f >= start && *f <= end)
    {
        want.push((f, EventKind::Decision));
    }
    want.sort();
    assert_eq!(kinds, want);
    // A contract without renewal ends in 2030: nothing in the window but
    // its decision deadline, if that falls inside.
    let once = d.contracts.iter().find(|c| c.id == "once").expect("once");
    let ev = charts::contract_events(once, start, end);
    assert!(ev.iter().all(|e| e.1 == EventKind::Decision), "{ev:?}");
}

// ---- print variants ----

/// The bar labels of a print chart, top to bottom (right-aligned texts).
fn bar_labels(svg: &str) -> Vec<String> {
    svg.lines()
        .filter(|l| l.contains(r#"text-anchor="end""#))
        .filter_map(|l| l.split_once('>').and_then(|(_, r)| r.split_once("</text>")))
        .map(|(t, _)| t.to_string())
        .collect()
}

#[test]
fn the_printed_landscape_rolls_systems_up_to_vendor_groups() {
    let g = graph(MODEL);
    let h = crate::analysis::lockin::hotspots(&g, false);
    let d = landscape_print(&g, &h, &en(&g));
    // a (MS Ireland) and b count for the MS group; f is only a candidate;
    // e is made in house (no vendor group).
    let labels = bar_labels(&d.svg);
    assert_eq!(labels, ["MS Corp (US)", "NC GmbH (DE)", "SAP SE (DE)"]);
    assert!(d.svg.contains("2 systems · lock-in"), "{}", d.svg);
    assert!(
        d.svg.contains("T: 5 systems in use by vendor group"),
        "{}",
        d.svg
    );
    assert!(d.dot.is_none());
}

#[test]
fn the_printed_hotspots_split_each_score_into_its_factors() {
    let g = graph(MODEL);
    let h = crate::analysis::lockin::hotspots(&g, false);
    let d = hotspots_print(&g, &h, &en(&g));
    let top = h.systems.len().min(10);
    assert_eq!(bar_labels(&d.svg).len(), top);
    assert!(bar_labels(&d.svg)[0].starts_with("1. "), "{}", d.svg);
    // One segment per factor with points, its tooltip naming the factor.
    let first = &h.systems[0];
    let parts = first.factors.iter().filter(|f| f.points > 0.0).count();
    assert!(parts >= 2, "{first:?}");
    let tr = Tr::new(Lang::En);
    for f in first.factors.iter().filter(|f| f.points > 0.0) {
        let tip = format!(
            "<title>{}: {}</title>",
            tr.factor(f.name),
            tr.num1(f.points)
        );
        assert!(d.svg.contains(&tip), "{tip} missing");
    }
    // Every in-use system is shown: nothing left out to note.
    assert!(d.notes.is_empty(), "{:?}", d.notes);
}

#[test]
fn the_printed_cut_off_shows_services_from_down_to_back_and_caps_the_rows() {
    use crate::analysis::simulate::{Simulator, Spec};
    let mut toml = String::from(MODEL);
    // 25 services that need a: all go down when a is lost.
    for i in 0..25 {
        toml.push_str(&format!(
            "[[service]]\nid = \"s{i:02}\"\nname = \"Service {i:02}\"\ncriticality = \"high\"\nneeds = [\"a\"]\nmax_outage = \"2d\"\n"
        ));
    }
    let g = graph(&toml);
    let m = g.model();
    let cut = crate::model::ScenarioCut::new(
        crate::model::Cut::System(m.system_id("a").unwrap()),
        Some(crate::model::CutKind::Loss),
        None,
    );
    let r = Simulator::new(&g).simulate(
        &Spec::ad_hoc(vec![cut], Vec::new()),
        m.organisation.as_of.unwrap_or_default(),
    );
    assert_eq!(r.summary.services_down, 25);
    let d = cutoff_print(&r, &en(&g));
    let labels = bar_labels(&d.svg);
    // 20 rows, then the row that says how many are left out.
    assert_eq!(labels.len(), MAX_PRINT_ROWS + 1, "{labels:?}");
    assert_eq!(labels[MAX_PRINT_ROWS], "… and 5 more");
    assert!(
        d.notes
            .iter()
            .any(|n| n.starts_with("… and 5 more services")),
        "{:?}",
        d.notes
    );
    // Each bar runs from the hour the service stops to the hour it is back;
    // red where that breaks its maximum outage or RTO.
    let tr = Tr::new(Lang::En);
    let s0 = &r.services[0];
    let (down, back) = (s0.down_at_hours.unwrap(), s0.back_at_hours.unwrap());
    let tip = format!(
        "<title>{}: down for {}</title>",
        s0.id,
        tr.hours(back - down)
    );
    assert!(d.svg.contains(&tip), "{tip} missing");
    let late = r.services[..MAX_PRINT_ROWS]
        .iter()
        .filter(|x| x.breach || x.rto_missed)
        .count();
    assert_eq!(
        d.svg
            .matches(r##"fill="#c0392b" stroke="none"><title>"##)
            .count(),
        late
    );
    assert!(d.svg.contains("days after the cut-off"));
}
