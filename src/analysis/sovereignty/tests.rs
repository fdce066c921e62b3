//! The five dimensions on a model built to land on the band edges.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

fn graph(org_extra: &str, body: &str) -> Graph {
    let text = format!(
        r#"[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
switch_target = "6mo"
{org_extra}
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
{body}"#
    );
    let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

fn sys(id: &str, months: u32, extra: &str) -> String {
    format!(
        "[[system]]\nid = \"{id}\"\nname = \"{id}\"\n{extra}\n[system.switch]\noptimistic = \"{months}mo\"\nlikely = \"{months}mo\"\npessimistic = \"{months}mo\"\n"
    )
}

const HIGH: &str = "data = { classes = [\"x\"], sensitivity = \"high\", volume_gb = 1 }";

fn edges_model(org_extra: &str) -> Graph {
    let body = [
        sys("s1", 3, &format!("criticality = \"high\"\n{HIGH}\nformats = [\"odf\"]\nexports = [\"odf\"]\nexit_plan = \"p\"\nalternatives = [\"alt\"]")),
        sys("s2", 12, &format!("criticality = \"high\"\n{HIGH}\nvendor = \"us\"\noperator = \"us-ie\"\nregion = \"DE\"\nformats = [\"odf\"]")),
        sys("s3", 12, "criticality = \"critical\"\ndata = { classes = [\"x\"], sensitivity = \"critical\", volume_gb = 1 }\nvendor = \"de\"\noperator = \"de\"\nregion = \"US\"\nformats = [\"odf\"]"),
        sys("s6", 6, &format!("criticality = \"high\"\n{HIGH}\noperator = \"de\"\nexports = [\"odf\"]\nexit_plan = \"p\"\nalternatives = [\"alt\"]")),
        sys("s7", 12, &format!("criticality = \"high\"\n{HIGH}\noperator = \"de\"")),
        sys("s4", 1, "criticality = \"low\"\ndata = { classes = [\"x\"], sensitivity = \"normal\", volume_gb = 1 }"),
        sys("alt", 1, "vendor = \"de\"\nstatus = \"candidate\""),
        r#"
[[interface]]
id = "i1"
from = "s1"
to = "s2"
format = "odf"
[[interface]]
id = "i2"
from = "s2"
to = "s3"
"#
        .to_string(),
    ]
    .concat();
    graph(org_extra, &body)
}

fn dim<'a>(r: &'a SovereigntyReport, key: &str) -> &'a Dimension {
    r.dimensions.iter().find(|d| d.key.key() == key).unwrap()
}

#[test]
fn bands_have_inclusive_lower_edges() {
    assert_eq!(band(0, 5), 1);
    assert_eq!(band(19, 100), 1);
    assert_eq!(band(1, 5), 2); // exactly 20 %
    assert_eq!(band(39, 100), 2);
    assert_eq!(band(2, 5), 3); // exactly 40 %
    assert_eq!(band(59, 100), 3);
    assert_eq!(band(3, 5), 4); // exactly 60 %
    assert_eq!(band(79, 100), 4);
    assert_eq!(band(4, 5), 5); // exactly 80 %
    assert_eq!(band(5, 5), 5);
    assert_eq!(band(0, 0), 1); // nothing to count
}

#[test]
fn levels_follow_the_totals() {
    assert_eq!(level(5), Level::CriticallyDependent);
    assert_eq!(level(10), Level::CriticallyDependent);
    assert_eq!(level(11), Level::Hybrid);
    assert_eq!(level(18), Level::Hybrid);
    assert_eq!(level(19), Level::SovereignOnCourse);
    assert_eq!(level(25), Level::SovereignOnCourse);
}

#[test]
fn the_five_dimensions_come_in_order() {
    let r = check(&edges_model(""));
    let keys: Vec<&str> = r.dimensions.iter().map(|d| d.key.key()).collect();
    assert_eq!(
        keys,
        vec![
            "data",
            "technology",
            "competence",
            "standards",
            "governance"
        ]
    );
}

#[test]
fn data_sovereignty_exactly_60_percent_scores_4() {
    let r = check(&edges_model(""));
    let d = dim(&r, "data");
    // s1, s6, s7 of s1, s2, s3, s6, s7 (s4 holds only normal data)
    assert_eq!((d.met, d.of, d.share, d.score), (3, 5, 0.6, 4));
    let ids: Vec<&str> = d.pulled_down_by.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, vec!["s2", "s3"]);
    let PullReason::OperatedFromOutside { operator } = &d.pulled_down_by[0].reasons[0] else {
        panic!("{:?}", d.pulled_down_by[0])
    };
    let chain: Vec<&str> = operator.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(chain, vec!["us-ie", "us"]);
    assert_eq!(
        d.pulled_down_by[1].reasons,
        vec![PullReason::RunsOutsideTrusted {
            region: Region::parse("US").unwrap()
        }]
    );
}

#[test]
fn technological_independence_exactly_40_percent_scores_3() {
    let r = check(&edges_model(""));
    let d = dim(&r, "technology");
    // s1 (3 months) and s6 (exactly the 6-month target) of five core systems
    assert_eq!((d.met, d.of, d.share, d.score), (2, 5, 0.4, 3));
    let ids: Vec<&str> = d.pulled_down_by.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, vec!["s2", "s3", "s7"]);
}

#[test]
fn competence_computed_exactly_20_percent_scores_2_and_says_so() {
    let r = check(&edges_model(""));
    let d = dim(&r, "competence");
    // only s1 is operated in-house
    assert_eq!((d.met, d.of, d.share, d.score), (1, 5, 0.2, 2));
    assert_eq!(d.basis, Basis::InHouse);
    assert_eq!(d.pulled_down_by.len(), 4);
}

#[test]
fn competence_declared_is_used_and_reported() {
    let r = check(&edges_model("it_competence = 4"));
    let d = dim(&r, "competence");
    assert_eq!(d.score, 4);
    assert_eq!(d.share, 0.6);
    // The computed share would be 1 of 5 (score 2).
    assert_eq!(d.basis, Basis::Declared { value: 4, own: 1 });
    assert_eq!((d.met, d.of), (1, 5));
}

#[test]
fn open_standards_exactly_80_percent_scores_5() {
    let r = check(&edges_model(""));
    let d = dim(&r, "standards");
    // interfaces i1 (open, ODF) and i2 (no format: closed) + pairs s1, s2, s3 with ODF
    assert_eq!((d.met, d.of, d.share, d.score), (4, 5, 0.8, 5));
    assert_eq!(d.pulled_down_by.len(), 1);
    assert_eq!(d.pulled_down_by[0].kind, PullKind::Interface);
    assert_eq!(d.pulled_down_by[0].id, "i2");
}

#[test]
fn governance_needs_exit_plan_alternative_and_export() {
    let r = check(&edges_model(""));
    let d = dim(&r, "governance");
    assert_eq!((d.met, d.of, d.share, d.score), (2, 5, 0.4, 3));
    let s7 = d.pulled_down_by.iter().find(|p| p.id == "s7").unwrap();
    assert_eq!(
        s7.reasons,
        vec![
            PullReason::NoExitPlan,
            PullReason::NoAlternative,
            PullReason::ExportNotDocumented
        ]
    );
}

#[test]
fn total_and_level() {
    let r = check(&edges_model(""));
    // 4 + 3 + 2 + 5 + 3
    assert_eq!(r.total, 17);
    assert_eq!(r.level, Level::Hybrid);
}

#[test]
fn without_sensitive_data_every_system_with_data_counts() {
    let g = graph(
        "",
        &[
            sys("a", 1, "data = { classes = [\"x\"], sensitivity = \"normal\", volume_gb = 1 }"),
            sys("b", 1, "data = { classes = [\"x\"], sensitivity = \"low\", volume_gb = 1 }\noperator = \"de\"\nregion = \"US\""),
            sys("c", 1, ""),
        ]
        .concat(),
    );
    let r = check(&g);
    let d = dim(&r, "data");
    assert_eq!((d.met, d.of, d.score), (1, 2, 3));
    assert_eq!(d.basis, Basis::Data { sensitive: false });
}

#[test]
fn an_empty_model_shows_no_sovereignty() {
    let r = check(&graph("", ""));
    assert!(r.dimensions.iter().all(|d| d.score == 1 && d.share == 0.0));
    assert_eq!(r.total, 5);
    assert_eq!(r.level, Level::CriticallyDependent);
}
