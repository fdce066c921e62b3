//! Snapshots of a small hand-checked model, and diffs of hand-made snapshots.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn system(
    id: &str,
    status: &str,
    group: &str,
    factors: &[(&str, f64)],
    rank: Option<usize>,
) -> SnapshotSystem {
    SnapshotSystem {
        id: id.into(),
        name: id.to_uppercase(),
        status: status.into(),
        vendor_group: group.into(),
        lockin: factors.iter().map(|(_, p)| p).sum(),
        factors: factors
            .iter()
            .map(|(n, p)| SnapshotFactor {
                name: (*n).into(),
                points: *p,
            })
            .collect(),
        hotspot_rank: rank,
    }
}

fn hot(rank: usize, id: &str, score: f64) -> SnapshotHotspot {
    SnapshotHotspot {
        rank,
        id: id.into(),
        name: id.to_uppercase(),
        score,
        hotspot: score,
    }
}

fn dim(key: &str, score: u8, share: f64) -> SnapshotDimension {
    SnapshotDimension {
        key: key.into(),
        name: key.into(),
        score,
        share,
    }
}

/// Three in-use systems a (rank 1), b (2), c (3), top list of 2; one
/// vendor group; one contract.
fn base() -> Snapshot {
    Snapshot {
        snapshot_version: SNAPSHOT_VERSION,
        organisation: "T".into(),
        as_of: date(2025, 12, 1),
        currency: "EUR".into(),
        method: SnapshotMethod {
            hotspot_top: 2,
            horizon: "12mo".into(),
            runs: 100,
            seed: 1,
        },
        systems: vec![
            system(
                "a",
                "in-use",
                "ms",
                &[("switch_time", 20.0), ("licence", 5.0)],
                Some(1),
            ),
            system(
                "b",
                "in-use",
                "ms",
                &[("switch_time", 10.0), ("licence", 5.0)],
                Some(2),
            ),
            system(
                "c",
                "in-use",
                "self",
                &[("switch_time", 5.0), ("licence", 0.0)],
                Some(3),
            ),
        ],
        vendors: vec![SnapshotVendor {
            id: "ms".into(),
            name: "MS".into(),
            country: "US".into(),
            group: "ms".into(),
        }],
        contracts: vec![SnapshotContract {
            id: "k".into(),
            vendor: "ms".into(),
            annual_cost: Some(1000.0),
            next_exit: Some(date(2026, 12, 31)),
            notice_deadline: Some(date(2026, 9, 30)),
            decision_deadline: Some(date(2026, 6, 30)),
            status: "due".into(),
        }],
        sovereignty: SnapshotSovereignty {
            dimensions: vec![dim("data", 2, 0.25), dim("governance", 1, 0.0)],
            total: 9,
            level: "critically dependent".into(),
        },
        spend: SnapshotSpend {
            total: 1000.0,
            hhi: 10000.0,
            band: "highly concentrated".into(),
            untrusted_share: 1.0,
            untrusted_cost: 1000.0,
        },
        hotspots: vec![hot(1, "a", 25.0), hot(2, "b", 15.0)],
    }
}

#[test]
fn a_snapshot_compared_with_itself_has_no_changes() {
    let d = diff(&base(), &base());
    assert!(d.unchanged);
    assert!(d.notes.is_empty());
    assert!(d.systems.is_empty() && d.vendors.is_empty() && d.contracts.is_empty());
    assert_eq!(d.sovereignty.total.direction, Some(Direction::Same));
    assert_eq!(d.sovereignty.dimensions[0].share.reading, None);
    assert_eq!(d.spend.hhi.direction, Some(Direction::Same));
}

#[test]
fn systems_added_removed_and_rescored() {
    let old = base();
    let mut new = base();
    new.systems.remove(2); // c removed
    new.systems.push(system(
        "d",
        "candidate",
        "self",
        &[("switch_time", 1.0)],
        None,
    ));
    // b: switch time 10 -> 15, vendor group ms -> sap.
    new.systems[1] = system(
        "b",
        "in-use",
        "sap",
        &[("switch_time", 15.0), ("licence", 5.0)],
        Some(2),
    );
    let d = diff(&old, &new);
    assert!(!d.unchanged);
    let ids = |l: &[SnapshotSystem]| l.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.systems.added), ["d"]);
    assert_eq!(ids(&d.systems.removed), ["c"]);
    assert_eq!(d.systems.changed.len(), 1);
    let b = &d.systems.changed[0];
    assert_eq!(b.id, "b");
    let l = b.lockin.as_ref().unwrap();
    assert_eq!((l.old, l.new), (15.0, 20.0));
    assert_eq!(l.direction, Some(Direction::Up));
    assert_eq!(l.reading, Some(Reading::Worse));
    assert_eq!(b.factors.len(), 1);
    assert_eq!(b.factors[0].factor, "switch_time");
    assert_eq!(
        (b.factors[0].points.old, b.factors[0].points.new),
        (10.0, 15.0)
    );
    let g = b.vendor_group.as_ref().unwrap();
    assert_eq!((g.old.as_str(), g.new.as_str()), ("ms", "sap"));
    assert!(b.status.is_none() && b.renamed.is_none());
}

#[test]
fn contract_costs_dates_and_status() {
    let old = base();
    let mut new = base();
    let k = &mut new.contracts[0];
    k.annual_cost = Some(800.0);
    k.next_exit = Some(date(2027, 12, 31));
    k.decision_deadline = Some(date(2027, 6, 30));
    k.status = "ok".into();
    let d = diff(&old, &new);
    let c = &d.contracts.changed[0];
    let cost = c.annual_cost.as_ref().unwrap();
    assert_eq!(
        (cost.old, cost.new, cost.direction),
        (Some(1000.0), Some(800.0), Some(Direction::Down))
    );
    assert_eq!(c.next_exit.as_ref().unwrap().direction, Some(Direction::Up));
    assert_eq!(
        c.decision_deadline.as_ref().unwrap().new,
        Some(date(2027, 6, 30))
    );
    assert!(c.notice_deadline.is_none());
    let st = c.status.as_ref().unwrap();
    assert_eq!((st.old.as_str(), st.new.as_str()), ("due", "ok"));
    // A cost that disappears has no direction.
    new.contracts[0].annual_cost = None;
    let d = diff(&old, &new);
    let cost = d.contracts.changed[0].annual_cost.as_ref().unwrap();
    assert_eq!(
        (cost.old, cost.new, cost.direction),
        (Some(1000.0), None, None)
    );
}

#[test]
fn sovereignty_and_spend_carry_arrows_and_readings() {
    let old = base();
    let mut new = base();
    new.sovereignty.dimensions[1] = dim("governance", 3, 0.5);
    new.sovereignty.total = 11;
    new.sovereignty.level = "hybrid".into();
    new.spend.untrusted_share = 0.4;
    new.spend.hhi = 5200.0;
    let d = diff(&old, &new);
    let s = &d.sovereignty;
    assert_eq!((s.total.old, s.total.new), (9, 11));
    assert_eq!(s.total.direction.map(Direction::arrow), Some("↑"));
    assert_eq!(s.total.reading, Some(Reading::Better));
    assert_eq!(
        s.dimensions[0].score.direction.map(Direction::arrow),
        Some("→")
    );
    assert_eq!(s.dimensions[1].share.direction, Some(Direction::Up));
    assert!(!s.level.is_same());
    assert_eq!(
        d.spend.untrusted_share.direction.map(Direction::arrow),
        Some("↓")
    );
    assert_eq!(d.spend.untrusted_share.reading, Some(Reading::Better));
    assert_eq!(d.spend.hhi.reading, Some(Reading::Better));
    assert_eq!(d.spend.total.reading, None);
    assert!(!d.unchanged);
}

#[test]
fn numbers_equal_up_to_a_json_round_trip_are_the_same() {
    let old = base();
    let mut new = base();
    new.spend.untrusted_share = 1.0 + 1e-12;
    assert!(diff(&old, &new).unchanged);
}

#[test]
fn hotspots_resolved_new_and_moved() {
    // Top 2 before: a, b. After: c rose to 1, a fell to 3 (left the list),
    // b stays at 2. Then b is retired and a new system e takes rank 2.
    let old = base();
    let mut new = base();
    new.systems[0].hotspot_rank = Some(3);
    new.systems[2].hotspot_rank = Some(1);
    new.hotspots = vec![hot(1, "c", 30.0), hot(2, "b", 15.0)];
    let d = diff(&old, &new);
    let h = &d.hotspots;
    assert_eq!(h.top, 2);
    assert_eq!(
        h.resolved,
        [HotspotResolved {
            id: "a".into(),
            name: "A".into(),
            old_rank: 1,
            new_rank: Some(3),
            why: Resolved::LeftTopList
        }]
    );
    assert_eq!(
        h.new,
        [HotspotNew {
            id: "c".into(),
            name: "C".into(),
            new_rank: 1,
            old_rank: Some(3),
            why: Entered::Rose
        }]
    );
    assert!(h.moved.is_empty());

    let mut later = new.clone();
    later.systems[1].status = "retired".into();
    later.systems[1].hotspot_rank = None;
    later
        .systems
        .push(system("e", "in-use", "self", &[("licence", 5.0)], Some(2)));
    later.hotspots = vec![hot(1, "c", 30.0), hot(2, "e", 20.0)];
    let d = diff(&new, &later);
    assert_eq!(d.hotspots.resolved[0].why, Resolved::NoLongerInUse);
    assert_eq!(d.hotspots.new[0].why, Entered::Added);

    let mut gone = new.clone();
    gone.systems.remove(2);
    gone.hotspots = vec![hot(1, "b", 15.0), hot(2, "a", 14.0)];
    gone.systems[0].hotspot_rank = Some(2);
    let d = diff(&new, &gone);
    assert_eq!(d.hotspots.resolved[0].why, Resolved::Removed);
    assert_eq!(
        d.hotspots.moved,
        [HotspotMoved {
            id: "b".into(),
            name: "B".into(),
            old_rank: 2,
            new_rank: 1
        }]
    );
}

#[test]
fn different_methods_are_noted_and_the_shorter_list_is_compared() {
    let old = base();
    let mut new = base();
    new.method.hotspot_top = 3;
    new.method.seed = 2;
    new.hotspots.push(hot(3, "c", 5.0));
    let d = diff(&old, &new);
    assert_eq!(d.hotspots.top, 2);
    assert!(d.hotspots.new.is_empty());
    assert_eq!(d.notes.len(), 2);
    assert_eq!(
        d.notes[0],
        Note::OtherHotspotTop {
            old: 2,
            new: 3,
            compared: 2
        }
    );
    // Notes alone are no change.
    assert!(d.unchanged);
}

#[test]
fn snapshots_round_trip_through_json_and_review_files() {
    let s = base();
    let text = serde_json::to_string(&s).unwrap();
    assert_eq!(Snapshot::from_json(&text).unwrap(), s);
    let review = format!("{{\"title\": \"Review\", \"snapshot\": {text}}}");
    assert_eq!(Snapshot::from_json(&review).unwrap(), s);
    assert_eq!(
        Snapshot::from_json("{\"title\": \"x\"}"),
        Err(SnapshotError::NoSnapshot)
    );
    assert_eq!(
        Snapshot::from_json("{\"snapshot\": {\"organisation\": \"T\"}}"),
        Err(SnapshotError::NoVersion)
    );
    let v2 = text.replacen("\"snapshot_version\":1", "\"snapshot_version\":2", 1);
    assert_eq!(
        Snapshot::from_json(&v2),
        Err(SnapshotError::UnknownVersion("2".into()))
    );
    assert_eq!(
        SnapshotError::UnknownVersion("2".into()).to_string(),
        "has a snapshot of snapshot_version 2; this exitgraph reads version 1"
    );
    assert!(matches!(
        Snapshot::from_json("{\"snapshot_version\": 1}"),
        Err(SnapshotError::Invalid(_))
    ));
    assert!(matches!(
        Snapshot::from_json("{"),
        Err(SnapshotError::NotJson(_))
    ));
}

/// The model of `analysis::policy`'s tests, where every number is checked
/// by hand there: crm scores 46.6 (rank 1), files 13.3 (rank 2); the
/// contract's decision deadline is 2026-05-30; sovereignty totals 9.
const MODEL: &str = r#"[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
switch_target = "6mo"

[[vendor]]
id = "us"
name = "US Corp"
country = "US"
[[vendor]]
id = "us-de"
name = "US Corp Deutschland"
country = "DE"
parent = "us"
[[vendor]]
id = "de"
name = "DE GmbH"
country = "DE"

[[system]]
id = "crm"
name = "CRM"
vendor = "us-de"
operator = "us"
region = "US"
criticality = "high"
[system.switch]
optimistic = "1mo"
likely = "1mo"
pessimistic = "1mo"

[[system]]
id = "files"
name = "Files"
vendor = "de"
licence = "open-source"
exit_plan = "wiki/files"
[system.switch]
optimistic = "1mo"
likely = "1mo"
pessimistic = "1mo"

[[contract]]
id = "crm-cloud"
vendor = "us"
kind = "cloud"
covers = ["crm"]
end = 2026-06-30
notice = "3mo"
annual_cost = 1000

[[service]]
id = "tax"
name = "Tax"
criticality = "critical"
needs = ["crm"]
"#;

#[test]
fn the_snapshot_of_a_model_holds_the_analyses_numbers() {
    let m = load_str("t.toml", Path::new("t.toml"), MODEL, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    let g = Graph::build(m);
    let s = snapshot(&g, &SnapshotOptions::new(date(2026, 1, 1)));
    assert_eq!(s.snapshot_version, 1);
    assert_eq!(s.method.horizon, "12mo");
    let crm = &s.systems[0];
    assert_eq!(
        (
            crm.id.as_str(),
            crm.lockin,
            crm.hotspot_rank,
            crm.vendor_group.as_str()
        ),
        ("crm", 46.6, Some(1), "us")
    );
    assert_eq!(crm.factors.iter().map(|f| f.points).sum::<f64>(), 46.6);
    assert_eq!(
        (s.systems[1].lockin, s.systems[1].hotspot_rank),
        (13.3, Some(2))
    );
    let groups: Vec<(&str, &str)> = s
        .vendors
        .iter()
        .map(|v| (v.id.as_str(), v.group.as_str()))
        .collect();
    assert_eq!(groups, [("de", "de"), ("us", "us"), ("us-de", "us")]);
    assert_eq!(
        s.contracts,
        [SnapshotContract {
            id: "crm-cloud".into(),
            vendor: "us".into(),
            annual_cost: Some(1000.0),
            next_exit: Some(date(2026, 6, 30)),
            notice_deadline: None,
            decision_deadline: Some(date(2026, 5, 30)),
            status: "due".into(),
        }]
    );
    assert_eq!(s.sovereignty.total, 9);
    let scores: Vec<u8> = s.sovereignty.dimensions.iter().map(|d| d.score).collect();
    assert_eq!(scores, [1, 5, 1, 1, 1]);
    // One contract of one group: HHI 100^2, all of it untrusted.
    assert_eq!(
        (s.spend.total, s.spend.hhi, s.spend.untrusted_share),
        (1000.0, 10000.0, 1.0)
    );
    assert_eq!(s.hotspots.len(), 2);
    assert_eq!((s.hotspots[0].id.as_str(), s.hotspots[0].rank), ("crm", 1));
    // Deterministic: a second snapshot is identical.
    assert_eq!(snapshot(&g, &SnapshotOptions::new(date(2026, 1, 1))), s);
}
