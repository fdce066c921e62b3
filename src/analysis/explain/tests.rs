//! Resolving ids and gathering explanations on a small model.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

fn graph() -> Graph {
    let text = r#"[organisation]
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
id = "mail"
name = "Mail GmbH"
country = "DE"
[[format]]
id = "odf"
name = "ODF"
open = true
[[system]]
id = "mail"
name = "Mail"
category = "mail"
vendor = "us"
operator = "us-ie"
region = "DE"
criticality = "high"
exports = ["odf"]
[[system]]
id = "portal"
name = "Portal"
depends_on = ["mail"]
[[contract]]
id = "c1"
vendor = "us-ie"
covers = ["mail"]
kind = "cloud"
end = 2027-06-30
notice = "3mo"
annual_cost = 300
[[contract]]
id = "c2"
vendor = "mail"
covers = ["portal"]
kind = "support"
end = 2027-06-30
annual_cost = 100
[[service]]
id = "svc"
name = "Service"
criticality = "critical"
needs = ["portal"]
"#;
    let m = load_str("t.toml", Path::new("t.toml"), text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

#[test]
fn ids_resolve_by_kind_and_ambiguity_asks_for_the_kind() {
    let g = graph();
    let m = g.model();
    assert_eq!(
        resolve(m, "portal"),
        Ok(Subject::System(m.system_id("portal").unwrap()))
    );
    assert_eq!(
        resolve(m, "mail"),
        Err(ResolveError::Ambiguous {
            id: "mail".into(),
            kinds: vec![EntityKind::System, EntityKind::Vendor]
        })
    );
    assert_eq!(
        resolve(m, "vendor:mail"),
        Ok(Subject::Vendor(m.vendor_id("mail").unwrap()))
    );
    assert_eq!(
        resolve(m, "odf"),
        Err(ResolveError::Unsupported {
            id: "odf".into(),
            kind: EntityKind::Format
        })
    );
    assert_eq!(
        resolve(m, "system:portl"),
        Err(ResolveError::UnknownOfKind {
            kind: EntityKind::System,
            id: "portl".into(),
            suggestion: Some("portal".into())
        })
    );
    assert!(matches!(
        resolve(m, "thing:x"),
        Err(ResolveError::BadKind { .. })
    ));
    assert!(matches!(
        resolve(m, "nothing-here"),
        Err(ResolveError::Unknown { .. })
    ));
}

#[test]
fn a_system_explanation_gathers_score_chain_dependents_and_suggestions() {
    let g = graph();
    let Explanation::System(s) = explain(&g, Subject::System(g.model().system_id("mail").unwrap()))
    else {
        panic!("not a system")
    };
    let chain: Vec<String> = s
        .operator
        .chain
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(chain, vec!["us-ie", "us"]);
    assert_eq!(s.operator.untrusted.len(), 1);
    let sum: f64 = s.score.factors.iter().map(|f| f.points).sum();
    assert_eq!(crate::analysis::lockin::round1(sum), s.score.score);
    assert_eq!(s.dependents.systems, vec!["portal"]);
    assert_eq!(s.dependents.indirect_services, vec!["svc"]);
    assert_eq!(s.single_point_for, vec!["svc"]);
    assert_eq!(s.takes_down, vec!["portal"]);
    assert_eq!(s.contracts.len(), 1);
    assert_eq!(s.seal.level, 1);
    // no alternative recorded: the catalogue's mail entries are suggested
    let ids: Vec<&str> = s.suggestions.iter().map(|x| x.id.as_str()).collect();
    assert!(ids.contains(&"open-xchange"), "{ids:?}");
    assert!(s.hotspot.is_some());
    assert!(s.deadlines.is_none());
    // it pulls down data? no data recorded; governance: no exit plan, no alternative
    assert!(
        s.sovereignty
            .iter()
            .any(|p| p.dimension == crate::analysis::sovereignty::DimensionKey::Governance)
    );
}

#[test]
fn a_vendor_explanation_shows_its_group_and_what_a_cut_takes_down() {
    let g = graph();
    let Explanation::Vendor(v) = explain(&g, Subject::Vendor(g.model().vendor_id("us").unwrap()))
    else {
        panic!("not a vendor")
    };
    assert_eq!(v.controls, vec!["us-ie"]);
    assert_eq!(v.group, "us");
    assert_eq!(v.makes, vec!["mail"]);
    assert_eq!(
        v.if_cut.systems,
        vec![("mail".to_string(), 0), ("portal".to_string(), 0)]
    );
    assert_eq!(v.if_cut.services, vec![("svc".to_string(), 0)]);
    assert_eq!(v.group_aggregate.spend_share, 0.75);
    assert_eq!(v.group_aggregate.single_point_for, vec!["svc"]);
    // its own contracts only (c1 is with the Irish subsidiary)
    assert!(v.contracts.is_empty());
}

#[test]
fn a_contract_explanation_has_share_covers_and_data_act_findings() {
    let g = graph();
    let Explanation::Contract(c) =
        explain(&g, Subject::Contract(g.model().contract_id("c1").unwrap()))
    else {
        panic!("not a contract")
    };
    assert_eq!(c.spend_share, Some(0.75));
    assert_eq!(c.covers.len(), 1);
    // cloud, 3 months notice, no data retrieval
    assert_eq!(c.data_act.len(), 2);
}

#[test]
fn a_service_explanation_carries_its_paths() {
    let g = graph();
    let Explanation::Service(s) =
        explain(&g, Subject::Service(g.model().service_id("svc").unwrap()))
    else {
        panic!("not a service")
    };
    assert_eq!(s.needs, vec![vec!["portal".to_string()]]);
    assert_eq!(s.rests_on, vec!["mail", "portal"]);
    let spof: Vec<&str> = s
        .paths
        .single_point_systems
        .iter()
        .map(|x| x.id.as_str())
        .collect();
    assert_eq!(spof, vec!["mail", "portal"]);
}

#[test]
fn the_deadlines_slot_serialises_only_when_filled() {
    let g = graph();
    let mut e = explain(&g, Subject::System(g.model().system_id("portal").unwrap()));
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["kind"], "system");
    assert!(json.get("deadlines").is_none());
    let d = crate::analysis::deadlines::deadlines(
        &g,
        &crate::analysis::deadlines::DeadlineOptions {
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            horizon: crate::model::Duration::parse("12mo").unwrap(),
            plan: Default::default(),
        },
    );
    with_deadlines(&g, &mut e, &d);
    let json = serde_json::to_value(&e).unwrap();
    // The contracts that cover the portal, and only those.
    let Explanation::System(s) = &e else {
        panic!("a system")
    };
    let mut want: Vec<&str> = s.contracts.iter().map(|c| c.id.as_str()).collect();
    want.sort();
    let mut got: Vec<&str> = json["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    got.sort();
    assert!(!want.is_empty());
    assert_eq!(got, want);
}
