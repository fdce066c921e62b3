//! The metrics on a hand-checked landscape.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

const MODEL: &str = r#"
[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
[[vendor]]
id = "us"
name = "US Corp"
country = "US"
[[vendor]]
id = "de"
name = "DE GmbH"
country = "DE"
[[system]]
id = "mail"
name = "Mail"
vendor = "us"
operator = "us"
[[system]]
id = "files"
name = "Files"
vendor = "de"
[[contract]]
id = "c-us"
vendor = "us"
covers = ["mail"]
kind = "cloud"
end = 2027-12-31
annual_cost = 3000
[[contract]]
id = "c-de"
vendor = "de"
covers = ["files"]
kind = "licence"
end = 2027-12-31
annual_cost = 1000
[[service]]
id = "post"
name = "Post"
criticality = "critical"
needs = ["mail"]
[[service]]
id = "archive"
name = "Archive"
criticality = "medium"
needs = ["files"]
[[scenario]]
id = "us"
name = "US cut"
cut = ["jurisdiction:US"]
"#;

#[test]
fn metrics_and_the_risk_measure_by_hand() {
    let m = load_str("m.toml", Path::new("m.toml"), MODEL, &Limits::default())
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics));
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut g = Graph::build(m);
    g.set_review_date(as_of);
    let x = metrics(&g, as_of);
    // The US cut stops the critical mail service (weight 4).
    let us = &x.scenarios[0];
    assert_eq!(
        (us.services_down, us.critical_services_down, us.weight),
        (1, 1, 4)
    );
    assert_eq!(
        x.worst_scenario.as_ref().map(|w| w.scenario.as_str()),
        Some("us")
    );
    // Cutting `us` alone stops it too (4); cutting `de` leaves files
    // running unsupported (0, not listed).
    assert_eq!(x.each_vendor_top.len(), 1);
    assert_eq!(
        (
            x.each_vendor_top[0].vendor.as_str(),
            x.each_vendor_top[0].score
        ),
        ("us", 4)
    );
    assert_eq!(x.critical_services_single_vendor, 1);
    assert_eq!(x.single_points_of_failure, 1);
    // 3,000 of 4,000 outside the trusted set; HHI 75^2 + 25^2.
    assert_eq!(
        (x.spend_total, x.untrusted_spend, x.untrusted_share),
        (4000.0, 3000.0, 0.75)
    );
    assert_eq!(x.hhi, 6250.0);
    assert_eq!(x.risk.scenarios, 4.0);
    assert_eq!(x.risk.single_vendor, 4.0);
    assert_eq!(x.risk.jurisdiction, 7.5);
    let lock: f64 = x.top_hotspots.iter().map(|h| h.hotspot).sum::<f64>() / 10.0;
    assert_eq!(x.risk.lockin, lockin::round1(lock));
    assert_eq!(
        x.risk.total,
        lockin::round1(4.0 + 4.0 + 7.5 + x.risk.lockin)
    );
}
