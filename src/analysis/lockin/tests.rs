//! Lock-in factors, impact and the vendor aggregate on models small enough
//! to check by hand. Switch estimates are given with optimistic = likely =
//! pessimistic, so their P80 is that duration whatever the estimator.

use super::*;
use crate::model::{Country, Limits, load_str};
use std::path::Path;

pub(crate) const HEAD: &str = r#"[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
switch_target = "6mo"

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

[[format]]
id = "odf"
name = "ODF"
open = true
[[format]]
id = "blob"
name = "Blob"
open = false
"#;

pub(crate) fn graph(body: &str) -> Graph {
    let text = format!("{HEAD}\n{body}");
    let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

/// Builds a graph from parts of a model body.
fn build(parts: &[&str]) -> Graph {
    graph(&parts.concat())
}

fn sid(g: &Graph, id: &str) -> SystemId {
    g.model().system_id(id).unwrap()
}

fn factor(g: &Graph, id: &str, name: &str) -> Factor {
    let s = Scorer::new(g).score(sid(g, id));
    s.factors
        .into_iter()
        .find(|f| f.name.key() == name)
        .unwrap()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn points(g: &Graph, id: &str, name: &str) -> f64 {
    factor(g, id, name).points
}

/// A system with a fixed switch estimate of `months` (o = m = p).
fn sys(id: &str, months: u32, extra: &str) -> String {
    format!(
        "[[system]]\nid = \"{id}\"\nname = \"{id}\"\n{extra}\n[system.switch]\noptimistic = \"{months}mo\"\nlikely = \"{months}mo\"\npessimistic = \"{months}mo\"\n"
    )
}

#[test]
fn data_portability_adds_export_stored_formats_and_volume() {
    let g = build(&[
        // no export 0.5 + 1 of 1 stored closed 0.3 + log10(100)/log10(10000) = 0.5 of 0.2 -> 0.9
        &sys(
            "a",
            1,
            "data = { classes = [\"x\"], sensitivity = \"normal\", volume_gb = 100 }\nformats = [\"blob\"]\nexports = []",
        ),
        // closed-only export 0.7 x 0.5 + 1 of 2 closed x 0.3 -> 0.5
        &sys(
            "b",
            1,
            "formats = [\"odf\", \"blob\"]\nexports = [\"blob\"]",
        ),
        // nothing recorded: not applicable
        &sys("c", 1, ""),
        // open export 0 + undocumented stored formats 0.5 x 0.3 -> 0.15
        &sys("d", 1, "exports = [\"odf\"]"),
        // undocumented export 0.5 x 0.5 + undocumented stored 0.5 x 0.3 + full volume 0.2 -> 0.6
        &sys(
            "e",
            1,
            "data = { classes = [\"x\"], sensitivity = \"normal\", volume_gb = 20000 }",
        ),
    ]);
    assert_eq!(points(&g, "a", "data_portability"), 18.0);
    assert_eq!(points(&g, "b", "data_portability"), 10.0);
    assert_eq!(points(&g, "c", "data_portability"), 0.0);
    assert_eq!(points(&g, "d", "data_portability"), 3.0);
    assert_eq!(points(&g, "e", "data_portability"), 12.0);
    assert_eq!(
        factor(&g, "a", "data_portability").reason,
        Reason::DataPortability {
            export: Export::None,
            stored: Stored::Closed {
                closed: strings(&["blob"]),
                of: 1
            },
            volume_gb: Some(100.0)
        }
    );
    assert_eq!(
        factor(&g, "c", "data_portability").reason,
        Reason::NoDataRecorded
    );
}

#[test]
fn interfaces_count_proprietary_double_and_indirect_dependents_half() {
    let g = build(&[
        &sys("core", 1, ""),
        &sys("x", 1, ""),
        &sys("y", 1, ""),
        &sys("dep", 1, "depends_on = [\"core\"]"),
        &sys("top1", 1, "depends_on = [\"dep\"]"),
        &sys("top2", 1, "depends_on = [\"dep\"]"),
        r#"
[[interface]]
id = "x-core"
from = "x"
to = "core"
[[interface]]
id = "core-y"
from = "core"
to = "y"
[[service]]
id = "s1"
name = "S1"
needs = ["core"]
[[service]]
id = "s2"
name = "S2"
needs = ["top1"]
[[service]]
id = "s3"
name = "S3"
needs = ["top2"]
"#,
    ]);
    // x = 2 + 2 (two proprietary) -> 4 / (4 + 4) = 0.5
    // y = 2 systems + 1 service directly + 0.5 x (2 systems + 2 services) = 5 -> 5 / (5 + 5) = 0.5
    // fraction 0.5 x 0.5 + 0.5 x 0.5 = 0.5 of 10 points
    let f = factor(&g, "core", "interfaces");
    assert_eq!(f.points, 5.0);
    assert_eq!(
        f.reason,
        Reason::Interfaces {
            interfaces: 2,
            proprietary: 2,
            direct_systems: 2,
            direct_services: 1,
            indirect_systems: 2,
            indirect_services: 2
        }
    );
    // a leaf only one service needs: 0.5 x 1 / (1 + 5) of 10
    assert_eq!(points(&g, "top1", "interfaces"), 0.8);
}

#[test]
fn alternatives_none_untrusted_only_or_trusted() {
    let g = build(&[
        &sys("none", 1, "category = \"virtualisation\""),
        &sys("us-alt", 1, "vendor = \"us\"\nstatus = \"candidate\""),
        &sys("de-alt", 1, "vendor = \"de\"\nstatus = \"candidate\""),
        &sys("only-us", 1, "alternatives = [\"us-alt\"]"),
        &sys("both", 1, "alternatives = [\"us-alt\", \"de-alt\"]"),
        &sys("cat-us", 1, "alternatives = [\"catalog:jitsi-meet\"]"),
        &sys("cat-de", 1, "alternatives = [\"catalog:nextcloud\"]"),
    ]);
    assert_eq!(points(&g, "none", "alternatives"), 10.0);
    assert_eq!(
        factor(&g, "none", "alternatives").reason,
        Reason::NoAlternative {
            category: "virtualisation".into(),
            catalogue: strings(&["proxmox-ve"])
        }
    );
    assert_eq!(points(&g, "only-us", "alternatives"), 5.0);
    let Reason::OnlyUntrustedAlternatives { alternatives } =
        factor(&g, "only-us", "alternatives").reason
    else {
        panic!("not only untrusted alternatives")
    };
    assert_eq!(alternatives.len(), 1);
    assert_eq!(alternatives[0].id, "us-alt");
    assert_eq!(alternatives[0].outside, vec![Country::parse("US").unwrap()]);
    assert_eq!(points(&g, "both", "alternatives"), 0.0);
    assert_eq!(points(&g, "cat-us", "alternatives"), 5.0);
    assert_eq!(points(&g, "cat-de", "alternatives"), 0.0);
}

#[test]
fn switch_time_is_p80_against_four_times_the_target() {
    let g = build(&[
        &sys("six", 6, ""),
        &sys("year", 12, ""),
        &sys("long", 30, ""),
    ]);
    // 6 / 6 = 1 -> 1/4 of 20; 12 / 6 = 2 -> 2/4; 30 / 6 = 5 -> capped at 1
    assert_eq!(points(&g, "six", "switch_time"), 5.0);
    assert_eq!(points(&g, "year", "switch_time"), 10.0);
    assert_eq!(points(&g, "long", "switch_time"), 20.0);
    let Reason::SwitchTime {
        p80_days,
        given,
        full_ratio,
        ..
    } = factor(&g, "six", "switch_time").reason
    else {
        panic!("not a switch time")
    };
    assert!(given);
    assert_eq!(full_ratio, 4.0);
    assert!((p80_days / crate::model::duration::DAYS_PER_MONTH - 6.0).abs() < 0.05);
}

#[test]
fn contract_terms_average_notice_renewal_and_retrieval() {
    let g = build(&[
        &sys("cloud", 1, ""),
        &sys("support", 1, ""),
        &sys("short", 1, ""),
        &sys("two", 1, ""),
        &sys("free", 1, ""),
        r#"
[[contract]]
id = "c-cloud"
vendor = "us"
covers = ["cloud"]
kind = "cloud"
end = 2027-12-31
notice = "3mo"
renewal = "1y"
[[contract]]
id = "c-support"
vendor = "de"
covers = ["support", "two"]
kind = "support"
end = 2027-12-31
notice = "6mo"
[[contract]]
id = "c-short"
vendor = "de"
covers = ["short"]
kind = "cloud"
end = 2027-12-31
notice = "1mo"
data_retrieval = "20d"
[[contract]]
id = "c-two"
vendor = "us"
covers = ["two"]
kind = "cloud"
end = 2027-12-31
notice = "1mo"
renewal = "1y"
data_retrieval = "90d"
"#,
    ]);
    // (3/6 + 1 + 1) / 3 = 0.8333 of 10
    assert_eq!(points(&g, "cloud", "contract_terms"), 8.3);
    assert_eq!(
        factor(&g, "cloud", "contract_terms").reason,
        Reason::ContractTerms {
            notice: NoticeTerm {
                contract: "c-cloud".into(),
                notice: crate::model::Duration::months(3)
            },
            renews: Some("c-cloud".into()),
            retrieval: Some(RetrievalTerm {
                contract: "c-cloud".into(),
                period: None
            })
        }
    );
    // support contracts hold no data: (6/6 + 0 + 0) / 3
    assert_eq!(points(&g, "support", "contract_terms"), 3.3);
    // (1/6 + 0 + 0.5) / 3 = 0.2222
    assert_eq!(points(&g, "short", "contract_terms"), 2.2);
    // the worst of each part across contracts: (6/6 + 1 + 0) / 3
    assert_eq!(points(&g, "two", "contract_terms"), 6.7);
    assert_eq!(points(&g, "free", "contract_terms"), 0.0);
}

#[test]
fn jurisdiction_weighs_operator_vendor_and_region() {
    let g = build(&[
        &sys(
            "cloud",
            1,
            "vendor = \"us\"\noperator = \"us-ie\"\nregion = \"DE\"",
        ),
        &sys("onprem", 1, "vendor = \"us\"\noperator = \"self\""),
        &sys(
            "abroad",
            1,
            "vendor = \"de\"\noperator = \"de\"\nregion = \"US\"",
        ),
        &sys(
            "all",
            1,
            "vendor = \"us\"\noperator = \"us\"\nregion = \"US\"",
        ),
        &sys("home", 1, "vendor = \"de\"\noperator = \"self\""),
    ]);
    assert_eq!(points(&g, "cloud", "jurisdiction"), 16.0);
    assert_eq!(points(&g, "onprem", "jurisdiction"), 6.0);
    assert_eq!(points(&g, "abroad", "jurisdiction"), 4.0);
    assert_eq!(points(&g, "all", "jurisdiction"), 20.0);
    assert_eq!(points(&g, "home", "jurisdiction"), 0.0);
    let Reason::Jurisdiction {
        operator,
        operator_outside,
        vendor,
        vendor_outside,
        region_trusted,
        ..
    } = factor(&g, "cloud", "jurisdiction").reason
    else {
        panic!("not a jurisdiction")
    };
    let ids = |c: Option<Vec<ChainLink>>| -> Vec<String> {
        c.unwrap_or_default().into_iter().map(|l| l.id).collect()
    };
    assert_eq!(ids(operator), strings(&["us-ie", "us"]));
    assert_eq!(ids(vendor), strings(&["us"]));
    let us = vec![Country::parse("US").unwrap()];
    assert_eq!((operator_outside, vendor_outside), (us.clone(), us));
    assert!(region_trusted);
}

#[test]
fn licence_and_criticality() {
    let g = build(&[
        &sys("low", 1, "criticality = \"low\"\nlicence = \"open-source\""),
        &sys("mid", 1, "criticality = \"medium\""),
        &sys("app", 1, "criticality = \"low\"\ndepends_on = [\"low\"]"),
        "[[service]]\nid = \"crit\"\nname = \"C\"\ncriticality = \"critical\"\nneeds = [\"app\"]\n",
    ]);
    assert_eq!(points(&g, "low", "licence"), 0.0);
    assert_eq!(points(&g, "mid", "licence"), 5.0);
    // a critical service rests on `low` through `app`: 4/4 of 5
    assert_eq!(points(&g, "low", "criticality"), 5.0);
    assert_eq!(
        factor(&g, "low", "criticality").reason,
        Reason::Criticality {
            criticality: Criticality::Critical,
            service: Some("crit".into()),
            services: 1
        }
    );
    // medium on its own: 2/4 of 5
    assert_eq!(points(&g, "mid", "criticality"), 2.5);
}

#[test]
fn the_score_is_the_sum_of_its_factors_points() {
    let g = build(&[
        &sys(
            "s",
            12,
            "vendor = \"us\"\noperator = \"us-ie\"\nregion = \"DE\"\ncriticality = \"high\"\nformats = [\"blob\"]\nexports = []",
        ),
        "[[contract]]\nid = \"c\"\nvendor = \"us-ie\"\ncovers = [\"s\"]\nkind = \"cloud\"\nend = 2027-12-31\nnotice = \"3mo\"\nrenewal = \"1y\"\n",
    ]);
    let s = Scorer::new(&g).score(sid(&g, "s"));
    let got: Vec<(&str, f64)> = s.factors.iter().map(|f| (f.name.key(), f.points)).collect();
    assert_eq!(
        got,
        vec![
            // no export 0.5 + closed 0.3 + no volume -> 0.8 x 20
            ("data_portability", 16.0),
            ("interfaces", 0.0),
            ("alternatives", 10.0),
            // 12 months / 6 = 2 -> 2/4 x 20
            ("switch_time", 10.0),
            // (0.5 + 1 + 1) / 3 x 10
            ("contract_terms", 8.3),
            ("jurisdiction", 16.0),
            ("licence", 5.0),
            // high: 3/4 x 5
            ("criticality", 3.8),
        ]
    );
    assert_eq!(s.score, 69.1);
}

#[test]
fn overridden_weights_are_scaled_so_the_score_stays_within_100() {
    let g = build(&[
        "[defaults.lockin]\nlicence = 105\n",
        &sys("s", 1, "licence = \"proprietary\""),
    ]);
    let f = factor(&g, "s", "licence");
    // 95 + 105 = 200 -> every weight is halved
    assert_eq!(f.max, 52.5);
    assert_eq!(f.points, 52.5);
    let data = factor(&g, "s", "data_portability");
    assert_eq!(data.max, 10.0);
}

#[test]
fn impact_combines_own_use_and_failing_services_like_independent_chances() {
    let g = build(&[
        &sys("core", 1, "criticality = \"critical\"\nusers = 90"),
        &sys("backup-core", 1, ""),
        &sys("app", 1, "depends_on = [\"core\"]"),
        &sys(
            "redundant",
            1,
            "depends_on = [{ any = [\"core\", \"backup-core\"] }]",
        ),
        r#"
[[service]]
id = "hard"
name = "Hard"
criticality = "high"
users = 990
needs = ["app"]
[[service]]
id = "soft"
name = "Soft"
criticality = "critical"
users = 990
needs = ["redundant"]
"#,
    ]);
    let mut scorer = Scorer::new(&g);
    let i = scorer.impact(sid(&g, "core"));
    let parts: Vec<(Option<&str>, ImpactHow, f64)> = i
        .parts
        .iter()
        .map(|p| (p.service.as_deref(), p.how, p.value))
        .collect();
    // own: 4/4 x log10(100)/log10(100010) = 0.4; hard: 3/4 x log10(1000)/log10(100010) = 0.45
    assert_eq!(
        parts,
        vec![
            (None, ImpactHow::OwnUse, 0.4),
            (Some("hard"), ImpactHow::FailsIfCut, 0.45),
            (Some("soft"), ImpactHow::DegradesOnly, 0.0),
        ]
    );
    // 1 - 0.6 x 0.55
    assert_eq!(i.value, 0.67);
}

#[test]
fn hotspots_rank_by_score_times_impact_with_the_floor() {
    let g = build(&[
        &sys("big", 30, "criticality = \"critical\"\nusers = 90"),
        &sys("lonely", 30, "criticality = \"low\""),
    ]);
    let r = hotspots(&g, false);
    assert_eq!(r.impact_floor, 0.5);
    for s in &r.systems {
        let sum: f64 = s.factors.iter().map(|f| f.points).sum();
        assert_eq!(round1(sum), s.score);
        assert_eq!(s.hotspot, round1(s.score * (0.5 + 0.5 * s.impact)));
    }
    assert_eq!(r.systems[0].id, "big");
    assert_eq!(r.systems[0].rank, 1);
    // own use of a critical system with 90 users
    assert_eq!(r.systems[0].impact, 0.4);
}

#[test]
fn vendor_aggregate_adds_top_system_spend_and_single_points() {
    let g = build(&[
        &sys(
            "cloud",
            30,
            "vendor = \"us\"\noperator = \"us-ie\"\nregion = \"DE\"\ncriticality = \"critical\"\nformats = [\"blob\"]\nexports = []",
        ),
        &sys("local", 1, "vendor = \"de\"\ncriticality = \"low\""),
        r#"
[[contract]]
id = "c-us"
vendor = "us-ie"
covers = ["cloud"]
kind = "cloud"
end = 2027-12-31
annual_cost = 300
data_retrieval = "90d"
[[contract]]
id = "c-de"
vendor = "de"
covers = ["local"]
kind = "support"
end = 2027-12-31
annual_cost = 100
[[service]]
id = "mail"
name = "Mail"
criticality = "high"
needs = ["cloud"]
[[service]]
id = "files"
name = "Files"
criticality = "critical"
needs = ["local"]
[[service]]
id = "chat"
name = "Chat"
criticality = "medium"
needs = ["cloud"]
"#,
    ]);
    let r = hotspots(&g, false);
    let us = r.vendors.iter().find(|v| v.id == "us").unwrap();
    // cloud: data 16 + alt 10 + switch 20 + jurisdiction 16 + licence 5 + criticality 5
    //        + interfaces: 2 services directly -> 0.5 x 2/7 x 10 = 1.4 -> 73.4
    let cloud = r.systems.iter().find(|s| s.id == "cloud").unwrap();
    assert_eq!(cloud.score, 73.4);
    // systems 73.4 / 100 x 60 = 44.04; spend 0.75 / 0.5 -> full 20;
    // single points: mail of the 2 critical services (chat is medium) -> 1/2 x 20
    let pts: Vec<f64> = us.factors.iter().map(|f| f.points).collect();
    assert_eq!(pts, vec![44.0, 20.0, 10.0]);
    assert_eq!(us.score, 74.0);
    assert_eq!(us.spend_share, 0.75);
    assert_eq!(us.annual_cost, 300.0);
    assert_eq!(us.single_point_for, vec!["mail"]);
    assert_eq!(us.systems, vec!["cloud"]);
    // vendors sorted by score
    assert_eq!(r.vendors[0].id, "us");
}

#[test]
fn candidates_are_scored_on_the_same_criteria() {
    let g = build(&[
        &sys(
            "now",
            30,
            "category = \"mail\"\nvendor = \"us\"\noperator = \"us\"\nregion = \"US\"",
        ),
        &sys(
            "cand-b",
            3,
            "category = \"mail\"\nvendor = \"de\"\nlicence = \"open-source\"\nstatus = \"candidate\"\nexports = [\"odf\"]",
        ),
        &sys(
            "cand-a",
            3,
            "category = \"mail\"\nvendor = \"us\"\nstatus = \"candidate\"\nexports = [\"odf\"]",
        ),
    ]);
    let r = hotspots(&g, true);
    let c = r.candidates.unwrap();
    let ids: Vec<(&str, f64)> = c.iter().map(|s| (s.id.as_str(), s.score)).collect();
    // cand-b: data 3 (undocumented stored formats) + alt 10 + switch 2.5 + criticality 2.5
    // cand-a: the same + vendor outside the trusted set 6 + proprietary 5
    assert_eq!(ids, vec![("cand-b", 18.0), ("cand-a", 29.0)]);
    assert!(r.systems.iter().all(|s| s.id == "now"));
}

#[test]
fn the_chain_runs_from_the_vendor_to_its_top_parent() {
    let g = graph("");
    let v = g.model().vendor_id("us-ie").unwrap();
    let c = chain(&g, v);
    let got: Vec<(&str, &str)> = c.iter().map(|l| (l.id.as_str(), l.name.as_str())).collect();
    assert_eq!(got, vec![("us-ie", "US Corp Ireland"), ("us", "US Corp")]);
}

#[test]
fn catalogue_suggestions_skip_the_product_itself() {
    let g = build(&[
        "[[vendor]]\nid = \"nc\"\nname = \"Nextcloud GmbH\"\ncountry = \"DE\"\n",
        &sys("files", 1, "category = \"file-sharing\"\nvendor = \"nc\""),
        &sys("drive", 1, "category = \"file-sharing\"\nvendor = \"us\""),
    ]);
    let ids = |s: &str| -> Vec<String> {
        catalogue_suggestions(&g, sid(&g, s))
            .iter()
            .map(|e| e.id.clone())
            .collect()
    };
    assert!(!ids("files").contains(&"nextcloud".to_string()));
    assert!(ids("drive").contains(&"nextcloud".to_string()));
}
