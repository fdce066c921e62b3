//! Contract dates with exact expected days.

use super::*;
use crate::analysis::switch::tests::graph;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d}"))
}

fn dur(s: &str) -> Duration {
    Duration::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

/// The dates of a contract with only these terms (notice to the term end).
fn dates_of(
    end: NaiveDate,
    notice: Duration,
    renewal: Option<Duration>,
    as_of: NaiveDate,
    migration_days: i64,
) -> Dates {
    let c = Contract {
        id: "c".into(),
        name: None,
        description: None,
        vendor: crate::model::VendorId(0),
        covers: Vec::new(),
        kind: ContractKind::Subscription,
        start: None,
        end,
        notice,
        renewal,
        annual_cost: None,
        data_retrieval: None,
        switching_charge: None,
        notice_to: NoticeTo::TermEnd,
        provider_notice: None,
        exit: None,
        decision: None,
        span: crate::model::Span::default(),
        notice_span: None,
        contact: None,
    };
    contract_dates(&c, as_of, migration_days)
}

#[test]
fn the_issue_example_notice_deadline() {
    // Term ends 2027-06-30, notice 6 months -> 2026-12-31.
    assert_eq!(
        notice_deadline(day(2027, 6, 30), dur("6mo")),
        Some(day(2026, 12, 31))
    );
}

#[test]
fn months_clamp_to_the_last_day_and_leap_years_count() {
    // 31 Jan + 1 month renewal: (1 Feb + 1 month) - 1 day = 28 Feb.
    assert_eq!(
        next_term_end(day(2027, 1, 31), dur("1mo")),
        Some(day(2027, 2, 28))
    );
    assert_eq!(
        next_term_end(day(2027, 2, 28), dur("1mo")),
        Some(day(2027, 3, 31))
    );
    // A yearly term ending 28 Feb 2027 next ends on the leap day 2028.
    assert_eq!(
        next_term_end(day(2027, 2, 28), dur("1y")),
        Some(day(2028, 2, 29))
    );
    assert_eq!(
        next_term_end(day(2028, 2, 29), dur("1y")),
        Some(day(2029, 2, 28))
    );
    // Notice of one month on a term ending 30 March: 31 March - 1 month is
    // clamped to 28 Feb (29 Feb in a leap year), then one day earlier.
    assert_eq!(
        notice_deadline(day(2027, 3, 30), dur("1mo")),
        Some(day(2027, 2, 27))
    );
    assert_eq!(
        notice_deadline(day(2028, 3, 30), dur("1mo")),
        Some(day(2028, 2, 28))
    );
    // Zero notice: the term end itself.
    assert_eq!(
        notice_deadline(day(2027, 3, 30), Duration::ZERO),
        Some(day(2027, 3, 30))
    );
}

#[test]
fn renewals_roll_over_several_terms() {
    // First term ended 2020-03-31; yearly renewal, 3 months' notice.
    let d = dates_of(
        day(2020, 3, 31),
        dur("3mo"),
        Some(dur("1y")),
        day(2026, 12, 1),
        100,
    );
    assert_eq!(d.term_end, Some(day(2027, 3, 31)));
    assert_eq!(d.next_exit, Some(day(2027, 3, 31)));
    assert_eq!(d.notice_deadline, Some(day(2026, 12, 31)));
    // 2027-03-31 - 100 days = 2026-12-21, earlier than the notice deadline.
    assert_eq!(d.decision_deadline, Some(day(2026, 12, 21)));
    assert_eq!(d.feasible_exit, Some(day(2027, 3, 31)));
    assert_eq!(
        status(&d, day(2026, 12, 1), dur("12mo").add_to(day(2026, 12, 1))),
        Status::Due
    );
    assert_eq!(
        status(&d, day(2026, 12, 1), dur("10d").add_to(day(2026, 12, 1))),
        Status::Ok
    );

    // 200 days: 2027-03-31 - 200 = 2026-09-12 has passed; the next term
    // (2028-03-31, decide by 2027-09-13, notice 2027-12-31) is feasible.
    let d = dates_of(
        day(2020, 3, 31),
        dur("3mo"),
        Some(dur("1y")),
        day(2026, 12, 1),
        200,
    );
    assert_eq!(d.decision_deadline, Some(day(2026, 9, 12)));
    assert_eq!(status(&d, day(2026, 12, 1), None), Status::Overdue);
    assert_eq!(d.feasible_exit, Some(day(2028, 3, 31)));
    assert_eq!(d.feasible_decision, Some(day(2027, 9, 13)));
}

#[test]
fn the_notice_deadline_day_itself_still_counts() {
    let on = dates_of(
        day(2020, 3, 31),
        dur("3mo"),
        Some(dur("1y")),
        day(2026, 12, 31),
        0,
    );
    assert_eq!(on.next_exit, Some(day(2027, 3, 31)));
    assert_eq!(on.decision_deadline, Some(day(2026, 12, 31)));
    assert_eq!(status(&on, day(2026, 12, 31), None), Status::Due);
    // One day later the contract has renewed: the next exit is a year on.
    let after = dates_of(
        day(2020, 3, 31),
        dur("3mo"),
        Some(dur("1y")),
        day(2027, 1, 1),
        0,
    );
    assert_eq!(after.term_end, Some(day(2027, 3, 31)));
    assert_eq!(after.next_exit, Some(day(2028, 3, 31)));
    assert_eq!(after.notice_deadline, Some(day(2027, 12, 31)));
}

#[test]
fn a_contract_without_renewal_needs_no_notice() {
    let as_of = day(2026, 12, 1);
    // Ends after a 100-day migration could finish: decide by 2027-03-22.
    let d = dates_of(day(2027, 6, 30), dur("3mo"), None, as_of, 100);
    assert_eq!(d.next_exit, Some(day(2027, 6, 30)));
    assert_eq!(d.notice_deadline, None);
    assert_eq!(d.decision_deadline, Some(day(2027, 3, 22)));
    assert_eq!(d.feasible_exit, Some(day(2027, 6, 30)));
    // Ends before a 300-day migration could finish: overdue, nothing feasible.
    let d = dates_of(day(2027, 6, 30), dur("3mo"), None, as_of, 300);
    assert_eq!(d.decision_deadline, Some(day(2026, 9, 3)));
    assert_eq!(d.feasible_exit, None);
    assert_eq!(status(&d, as_of, None), Status::Overdue);
}

#[test]
fn an_ended_contract_is_expired() {
    let as_of = day(2026, 12, 1);
    let d = dates_of(day(2026, 6, 30), dur("3mo"), None, as_of, 10);
    assert_eq!(
        d,
        Dates {
            term_end: None,
            next_exit: None,
            notice_deadline: None,
            decision_deadline: None,
            feasible_exit: None,
            feasible_decision: None,
        }
    );
    assert_eq!(status(&d, as_of, None), Status::Ended);
}

#[test]
fn whole_days_round_up_but_ignore_float_noise() {
    assert_eq!(whole_days(0.0), 0);
    assert_eq!(whole_days(30.0), 30);
    assert_eq!(whole_days(30.0000000001), 30);
    assert_eq!(whole_days(30.2), 31);
    assert_eq!(whole_days(-3.0), 0);
}

#[test]
fn deadlines_use_the_exit_plan_of_the_covered_in_use_systems() {
    let g = graph(
        r#"
[organisation]
name = "T"
home = "DE"
as_of = 2026-12-01
[[vendor]]
id = "v"
name = "V"
country = "DE"
[[system]]
id = "a"
name = "A"
vendor = "v"
switch = { optimistic = "30d", likely = "30d", pessimistic = "30d" }
[[system]]
id = "b"
name = "B"
vendor = "v"
depends_on = ["a"]
switch = { optimistic = "20d", likely = "20d", pessimistic = "20d" }
[[system]]
id = "gone"
name = "Gone"
vendor = "v"
status = "retired"
switch = { optimistic = "900d", likely = "900d", pessimistic = "900d" }
[[contract]]
id = "late"
vendor = "v"
covers = ["a", "b", "gone"]
kind = "cloud"
end = 2027-06-30
notice = "3mo"
renewal = "1y"
annual_cost = 1000
data_retrieval = "20d"
[[contract]]
id = "early"
vendor = "v"
covers = ["a"]
kind = "licence"
end = 2027-03-31
notice = "1mo"
renewal = "1y"
[[contract]]
id = "old"
vendor = "v"
covers = ["a"]
kind = "licence"
end = 2025-12-31
"#,
    );
    let r = deadlines(
        &g,
        &DeadlineOptions {
            as_of: day(2026, 12, 1),
            horizon: dur("6mo"),
            plan: PlanOptions::default(),
        },
    );
    let ids: Vec<&str> = r.contracts.iter().map(|c| c.id.as_str()).collect();
    // early: 2027-03-31 - 30 = 2027-03-01 (notice 2027-02-28 is earlier);
    // late: b after a, 50 days: 2027-06-30 - 50 = 2027-05-11 (notice 2027-03-31 earlier);
    // old has expired and sorts last.
    assert_eq!(ids, ["early", "late", "old"]);
    let early = &r.contracts[0];
    assert_eq!(early.migration_days, 30);
    assert_eq!(early.decision_deadline, Some(day(2027, 2, 28)));
    assert_eq!(early.days_to_decision, Some(89));
    assert_eq!(early.status, Status::Due);
    let late = &r.contracts[1];
    assert_eq!(late.systems, ["a", "b"], "the retired system is left out");
    assert_eq!(late.p80_days, 50.0);
    assert_eq!(late.decision_deadline, Some(day(2027, 3, 31)));
    assert_eq!(
        late.data_act.len(),
        2,
        "notice over two months, retrieval under 30 days"
    );
    let old = &r.contracts[2];
    assert_eq!((old.status, old.days_to_decision), (Status::Ended, None));
    assert_eq!(r.horizon_end, Some(day(2027, 6, 1)));

    let json = serde_json::to_value(&r).unwrap_or_default();
    let c = &json["contracts"][0];
    for key in [
        "id",
        "vendor",
        "annual_cost",
        "term_end",
        "next_exit",
        "notice_deadline",
        "decision_deadline",
        "feasible_exit",
        "status",
        "days_to_decision",
    ] {
        assert!(c.get(key).is_some(), "missing {key}");
    }
    assert_eq!(c["decision_deadline"], "2027-02-28");
    assert_eq!(c["status"], "due");
    assert_eq!(json["as_of"], "2026-12-01");
    assert!(json["contracts"][2]["next_exit"].is_null());
}

/// The plans run on all cores; the report is the same on one thread.
#[test]
fn deadlines_do_not_depend_on_the_number_of_threads() {
    let text = crate::generate::generate(&crate::generate::GenOptions::new(400, 3))
        .unwrap_or_else(|e| panic!("{e}"));
    let g = graph(&text);
    let opts = DeadlineOptions {
        as_of: day(2026, 12, 1),
        horizon: dur("12mo"),
        plan: PlanOptions {
            runs: 300,
            ..PlanOptions::default()
        },
    };
    let a = deadlines(&g, &opts);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let b = pool.install(|| deadlines(&g, &opts));
    assert_eq!(a, b);
    assert!(a.contracts.iter().any(|c| c.systems.len() > 1));
}

/// One contract covering one system whose switch takes exactly `days`
/// (given as a constant estimate), as of `as_of`.
fn one_contract(contract: &str, days: u32) -> Graph {
    graph(&format!(
        r#"[organisation]
name = "T"
home = "DE"
[[vendor]]
id = "v"
name = "V"
country = "DE"
[[system]]
id = "s"
name = "S"
vendor = "v"
switch = {{ optimistic = "{days}d", likely = "{days}d", pessimistic = "{days}d" }}
[[contract]]
id = "c"
vendor = "v"
covers = ["s"]
kind = "licence"
{contract}
"#
    ))
}

fn deadline_of(g: &Graph, as_of: NaiveDate) -> ContractDeadline {
    let opts = DeadlineOptions {
        as_of,
        horizon: dur("12mo"),
        plan: PlanOptions::default(),
    };
    deadlines(g, &opts).contracts.remove(0)
}

#[test]
fn a_current_renew_decision_closes_the_question_until_the_following_term() {
    // Yearly from 2024-01-01, term ends 2026-12-31, 3 months' notice, a
    // 60-day switch: without a decision the next exit 2027-12-31 must start
    // by 2027-09-30 (notice) - due.
    let base = "start = 2024-01-01\nend = 2026-12-31\nnotice = \"3mo\"\nrenewal = \"1y\"";
    let open = deadline_of(&one_contract(base, 60), day(2027, 3, 1));
    assert_eq!(open.status, Status::Due);
    assert!(open.decision_due);
    assert_eq!(open.act_by, Some(day(2027, 9, 30)));
    // Renewed on purpose in the current term (2027): until 2028-12-31.
    let renewed = format!(
        "{base}\n[contract.decision]\nintent = \"renew\"\ndecided = 2027-02-10\nby = \"Rat\"\nreason = \"weiter\""
    );
    let d = deadline_of(&one_contract(&renewed, 60), day(2027, 3, 1));
    assert_eq!(d.status, Status::Renewed);
    assert!(!d.decision_due);
    assert_eq!(d.act_by, None);
    assert_eq!(d.renewed_until, Some(day(2028, 12, 31)));
    let v = d.decision.as_ref().unwrap();
    assert!(v.current);
    assert_eq!(v.by.as_deref(), Some("Rat"));
    // A year later the decision is stale: the term it was taken in is over.
    let stale = deadline_of(&one_contract(&renewed, 60), day(2028, 3, 1));
    assert!(!stale.decision.as_ref().unwrap().current);
    assert_eq!(stale.status, Status::Due);
    assert!(stale.decision_due);
    // A decision under review stays open and says so.
    let review = renewed.replace("\"renew\"", "\"review\"");
    let d = deadline_of(&one_contract(&review, 60), day(2027, 3, 1));
    assert_eq!(d.status, Status::Due);
    assert!(d.decision_due);
}

#[test]
fn a_decision_to_leave_gives_dates_to_act_on_and_ends_the_contract() {
    let c = "start = 2024-01-01\nend = 2027-12-31\nnotice = \"3mo\"\nrenewal = \"1y\"\n[contract.decision]\nintent = \"exit\"\ndecided = 2027-01-15";
    let g = one_contract(c, 60);
    let d = deadline_of(&g, day(2027, 2, 1));
    assert_eq!(d.status, Status::Leaving);
    assert!(!d.decision_due);
    assert_eq!(d.next_exit, Some(day(2027, 12, 31)));
    assert_eq!(d.notice_deadline, Some(day(2027, 9, 30)));
    // Notice (2027-09-30) is before the start-by date (2027-11-01).
    assert_eq!(d.act_by, Some(day(2027, 9, 30)));
    // After its exit day the contract has ended.
    let after = deadline_of(&g, day(2028, 1, 1));
    assert_eq!(after.status, Status::Ended);
    assert_eq!(after.ended_on, Some(day(2027, 12, 31)));
    assert_eq!(after.term_end, Some(day(2027, 12, 31)));
    assert_eq!(after.next_exit, None);
}

#[test]
fn notice_to_the_quarter_end_moves_the_exit_and_the_notice() {
    // The example of the model reference.
    let c = "end = 2027-11-15\nnotice = \"3mo\"\nnotice_to = \"quarter-end\"\nrenewal = \"1y\"";
    let d = deadline_of(&one_contract(c, 30), day(2026, 12, 1));
    assert_eq!(d.term_end, Some(day(2027, 11, 15)));
    assert_eq!(d.next_exit, Some(day(2027, 12, 31)));
    assert_eq!(d.notice_deadline, Some(day(2027, 9, 30)));
    // On the notice deadline itself the exit still counts.
    let on = deadline_of(&one_contract(c, 30), day(2027, 9, 30));
    assert_eq!(on.next_exit, Some(day(2027, 12, 31)));
    assert_eq!(on.act_by, Some(day(2027, 9, 30)));
    // A year-end contract in a leap year.
    let c = "end = 2028-02-29\nnotice = \"1mo\"\nnotice_to = \"year-end\"\nrenewal = \"1y\"";
    let d = deadline_of(&one_contract(c, 10), day(2027, 6, 1));
    assert_eq!(d.next_exit, Some(day(2028, 12, 31)));
    assert_eq!(d.notice_deadline, Some(day(2028, 11, 30)));
}

#[test]
fn an_ended_contract_is_ended_with_its_day() {
    let g = one_contract("end = 2026-06-30\nannual_cost = 1000", 30);
    let d = deadline_of(&g, day(2026, 12, 1));
    assert_eq!(d.status, Status::Ended);
    assert_eq!(d.ended_on, Some(day(2026, 6, 30)));
    assert!(!d.decision_due);
    assert_eq!(d.act_by, None);
}

/// A contract's terms and a review date drawn at random.
fn random_contract() -> impl Strategy<Value = (String, NaiveDate, u32)> {
    (
        0i64..2000,
        0usize..4,
        0usize..4,
        0usize..4,
        0i64..1500,
        1u32..900,
    )
        .prop_map(|(end, notice, renewal, to, as_of, days)| {
            let start = day(2020, 1, 1);
            let end = start + chrono::Days::new(end as u64);
            let notice = ["0d", "1mo", "3mo", "6mo"][notice];
            let renewal = ["", "renewal = \"1mo\"", "renewal = \"1y\"", "renewal = \"2y\""][renewal];
            let to = ["term-end", "month-end", "quarter-end", "year-end"][to];
            let as_of = day(2021, 1, 1) + chrono::Days::new(as_of as u64);
            (
                format!(
                    "start = {start}\nend = {}\nnotice = \"{notice}\"\nnotice_to = \"{to}\"\n{renewal}",
                    end.max(start)
                ),
                as_of,
                days,
            )
        })
}

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Recording a decision to renew, taken any day of the current term up
    /// to the review date, never adds a decision due, and never makes a
    /// contract `overdue` or `due`.
    #[test]
    fn recording_a_renew_decision_never_adds_a_decision_due(
        (terms, as_of, days) in random_contract(),
        back in 0u64..400,
    ) {
        let g = one_contract(&terms, days);
        let without = deadline_of(&g, as_of);
        let c = g.model().contract(crate::model::ContractId(0));
        let start = c.current_term(as_of).and_then(|t| t.start).unwrap_or(day(2019, 1, 1));
        let decided = (as_of - chrono::Days::new(back)).max(start).min(as_of);
        let with = deadline_of(
            &one_contract(
                &format!("{terms}\n[contract.decision]\nintent = \"renew\"\ndecided = {decided}"),
                days,
            ),
            as_of,
        );
        prop_assert!(!with.decision_due || without.decision_due);
        prop_assert!(!matches!(with.status, Status::Overdue | Status::Due));
        if without.status != Status::Ended {
            prop_assert_eq!(with.status, Status::Renewed);
        }
    }
}
