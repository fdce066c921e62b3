//! Renewals at scale: contracts that renew every day since year 1 are
//! reached in closed form, so `deadlines` and `diff` see today's term (and
//! finish in the time a yearly renewal takes; no timing is asserted).

mod common;

use chrono::NaiveDate;
use common::{ModelBuilder, arg, json, tmp};

const CONTRACTS: usize = 4_000;

/// 4,000 contracts renewing every day (one every week for `weekly`) since
/// the first days of year 1.
fn daily_since_year_one(name: &str, weekly: &[usize]) -> ModelBuilder {
    let mut b = ModelBuilder::new(name).vendor("v", "Vendor", "DE");
    for i in 0..CONTRACTS {
        let renewal = if weekly.contains(&i) { "1w" } else { "1d" };
        b = b.raw(&format!(
            "[[contract]]\nid = \"c{i}\"\nvendor = \"v\"\nkind = \"subscription\"\nend = 0001-01-{:02}\nnotice = \"0d\"\nrenewal = \"{renewal}\"",
            i % 28 + 1
        ));
    }
    b
}

fn date(v: &serde_json::Value) -> NaiveDate {
    v.as_str()
        .unwrap_or_else(|| panic!("not a date: {v}"))
        .parse()
        .unwrap_or_else(|e| panic!("not a date ({e}): {v}"))
}

#[test]
fn daily_renewals_since_year_one_reach_the_current_term() {
    let dir = tmp();
    let model = daily_since_year_one("Daily", &[]).write(dir.path());
    let d = json(&["deadlines", &model, "--format", "json"]);
    let as_of = date(&d["as_of"]);
    let contracts = d["contracts"].as_array().unwrap();
    assert_eq!(contracts.len(), CONTRACTS);
    for c in contracts {
        // A daily term holds every day: the current one ends today, and
        // with no notice it can be left today.
        assert_eq!(date(&c["term_end"]), as_of, "{c}");
        assert_eq!(date(&c["next_exit"]), as_of, "{c}");
        assert_eq!(date(&c["notice_deadline"]), as_of, "{c}");
        assert_eq!(c["status"], "due", "{c}");
    }
}

#[test]
fn diff_of_daily_renewals_names_the_contract_that_changed() {
    let dir = tmp();
    let old = daily_since_year_one("Daily", &[]).write(dir.path());
    let old_path = dir.path().join("old.toml");
    std::fs::rename(&old, &old_path).unwrap();
    let new = daily_since_year_one("Daily", &[7]).write(dir.path());
    let d = json(&["diff", &arg(&old_path), &new, "--format", "json"]);
    let changed = d["contracts"]["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    let c = &changed[0];
    assert_eq!(c["id"], "c7");
    // c7 ends 0001-01-08 and now renews weekly: its next exit is the first
    // end of a week-long term on or after the as-of date.
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(1, 1, 8).unwrap();
    let weeks = ((as_of - end).num_days() + 6) / 7;
    let next = end + chrono::Duration::days(weeks * 7);
    assert_eq!(date(&c["next_exit"]["old"]), as_of);
    assert_eq!(date(&c["next_exit"]["new"]), next);
}
