//! Contract terms on the calendar: term ends, the days a contract can end
//! on (`notice_to`), notice deadlines, the current term and whether a
//! contract still runs on a given day.
//!
//! Pure calendar arithmetic on a validated [`Contract`], shared by the
//! deadlines, the spend and exit analyses, `explain` and the exports, so
//! that every output shows the same current term
//! (`docs/methodology.md#contract-deadlines-and-the-eu-data-act-check`):
//!
//! - the first term ends on `end`; with `renewal`, each next term end is
//!   (previous end + 1 day + renewal) - 1 day, in calendar months and years
//!   clamped to the month's last day;
//! - the k-th term end is computed in closed form ([`Contract::term_end_at`]),
//!   and every search through the terms ([`Contract::first_term_end`]) jumps
//!   by doubling and halving the term number instead of stepping one term
//!   at a time, so that a daily renewal since year 1 costs what a yearly one
//!   does;
//! - the **exit day** of a term ending on T is the first end of a
//!   `notice_to` period on or after T (T itself for `term-end`, or when T
//!   is such a period end);
//! - the **notice deadline** of an exit day X is (X + 1 day - notice) -
//!   1 day, the last day notice can still be given.

use super::duration::Duration;
use super::types::{Contract, Intent, NoticeTo};
use chrono::{Datelike, Days, Months, NaiveDate};

/// The longest search through renewals that mix months with days or weeks
/// (`1y 2w`), in terms: only these are stepped one term at a time (each
/// step is at least 29 days, so 200,000 terms cover more than any date
/// TOML can write).
pub const MAX_TERMS: usize = 200_000;

fn plus_days(d: NaiveDate, n: u64) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(n))
}

fn minus_days(d: NaiveDate, n: u64) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(n))
}

/// The term end after `t`: (t + 1 day + renewal) - 1 day.
pub fn next_term_end(t: NaiveDate, renewal: Duration) -> Option<NaiveDate> {
    minus_days(renewal.add_to(plus_days(t, 1)?)?, 1)
}

/// The notice deadline of an exit day `x`: (x + 1 day - notice) - 1 day.
pub fn notice_deadline(x: NaiveDate, notice: Duration) -> Option<NaiveDate> {
    minus_days(notice.sub_from(plus_days(x, 1)?)?, 1)
}

/// The last day of the month of `d`.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// The first end of a `to` period on or after `d` (`d` itself when it is
/// one; always `d` for `term-end`).
pub fn period_end(d: NaiveDate, to: NoticeTo) -> Option<NaiveDate> {
    match to {
        NoticeTo::TermEnd => Some(d),
        NoticeTo::MonthEnd => month_end(d.year(), d.month()),
        NoticeTo::QuarterEnd => month_end(d.year(), d.month().div_ceil(3) * 3),
        NoticeTo::YearEnd => month_end(d.year(), 12),
    }
}

/// Days in month `month` (1-12) of `year`.
fn month_len(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// For a term start `s` on day 29-31 of its month and a renewal of
/// `months` whole months: the first j >= 1 for which `s + j * months`
/// lands in a month too short for that day (where the day is clamped to the
/// month end and the day of month of every later start drops), or `None`
/// when that never happens. The pattern of months and leap years repeats
/// after 4,800 months (400 years), so at most 4,800 / gcd(months, 4,800)
/// values of j are looked at.
fn first_clamp(s: NaiveDate, months: u32) -> Option<u64> {
    let day = s.day();
    if day <= 28 {
        return None;
    }
    let m0 = s.year() as i64 * 12 + s.month0() as i64;
    let (mut a, mut b) = (months as u64, 4800u64);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    let period = 4800 / a;
    (1..=period).find(|&j| {
        let mi = m0 + j as i64 * months as i64;
        month_len(mi.div_euclid(12), mi.rem_euclid(12) as u32 + 1) < day
    })
}

/// The term ends of a contract in closed form. With a renewal of `d` plain
/// days the k-th end is `end + k * d`; with whole months, the start of
/// each term (the day after the previous end) keeps its day of month
/// until a shorter month clamps it, which happens at most three times
/// (31, 30, 29, then at most 28): between two clamps the k-th start is the
/// segment's first start + k * months, in one step.
#[derive(Clone, Copy, Debug)]
enum Schedule {
    /// No renewal: one term, ending on `end`.
    Once(NaiveDate),
    /// Every term is `days` plain days long.
    Days { end: NaiveDate, days: u64 },
    /// Every term is `months` calendar months long. `segs[..n]` are
    /// (term number, first day of that term) where the day of month
    /// changes; the first is term 0 (its first day is `end` + 1 day).
    Months {
        months: u32,
        segs: [(u64, NaiveDate); 4],
        n: usize,
    },
    /// Months and days together (`1y 2w`): stepped one term at a time.
    Mixed { end: NaiveDate, renewal: Duration },
}

impl Schedule {
    fn of(c: &Contract) -> Schedule {
        let Some(r) = c.renewal.filter(|r| !r.is_zero()) else {
            return Schedule::Once(c.end);
        };
        let (months, days) = (r.total_months(), r.total_days());
        if months == 0 {
            return Schedule::Days { end: c.end, days };
        }
        if days > 0 {
            return Schedule::Mixed {
                end: c.end,
                renewal: r,
            };
        }
        let Some(s0) = plus_days(c.end, 1) else {
            return Schedule::Once(c.end);
        };
        let mut segs = [(0u64, s0); 4];
        let mut n = 1;
        while n < segs.len() {
            let (k, s) = segs[n - 1];
            let Some(j) = first_clamp(s, months) else {
                break;
            };
            let Some(next) = u32::try_from(j * months as u64)
                .ok()
                .and_then(|m| s.checked_add_months(Months::new(m)))
            else {
                break;
            };
            segs[n] = (k + j, next);
            n += 1;
        }
        Schedule::Months { months, segs, n }
    }

    /// The end of term `k` (0 = the first term, ending on `end`); `None`
    /// beyond the calendar.
    fn end_at(&self, k: u64) -> Option<NaiveDate> {
        match *self {
            Schedule::Once(end) => (k == 0).then_some(end),
            Schedule::Days { end, days } => plus_days(end, k.checked_mul(days)?),
            Schedule::Months { months, segs, n } => {
                let &(k0, s) = segs[..n].iter().rev().find(|(k0, _)| *k0 <= k)?;
                let m = u32::try_from((k - k0).checked_mul(months as u64)?).ok()?;
                s.checked_add_months(Months::new(m))?.pred_opt()
            }
            Schedule::Mixed { end, renewal } => {
                let mut t = end;
                for _ in 0..k.min(MAX_TERMS as u64) {
                    t = next_term_end(t, renewal)?;
                }
                (k < MAX_TERMS as u64).then_some(t)
            }
        }
    }

    /// The first term from term `from` on whose end satisfies `pred`, as
    /// (term number, end). `pred` must be monotone: once true for a term
    /// end, true for every later one. Doubles the step from `from` until
    /// `pred` holds (or the calendar ends), then halves the interval:
    /// about 2 log2(k) term ends are computed instead of k.
    fn first(
        &self,
        from: u64,
        pred: &mut dyn FnMut(NaiveDate) -> bool,
    ) -> Option<(u64, NaiveDate)> {
        if let Schedule::Mixed { end, renewal } = *self {
            let mut t = Some(end);
            for k in 0..MAX_TERMS as u64 {
                let cur = t?;
                if k >= from && pred(cur) {
                    return Some((k, cur));
                }
                t = next_term_end(cur, renewal);
            }
            return None;
        }
        let t = self.end_at(from)?;
        if pred(t) {
            return Some((from, t));
        }
        // Invariant: term `lo` fails `pred`; term `hi` passes it or lies
        // beyond the calendar.
        let (mut lo, mut step) = (from, 1u64);
        let mut hi = loop {
            let k = from.saturating_add(step);
            match self.end_at(k) {
                Some(t) if !pred(t) => lo = k,
                _ => break k,
            }
            if k == u64::MAX {
                return None;
            }
            step = step.saturating_mul(2);
        };
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            match self.end_at(mid) {
                Some(t) if !pred(t) => lo = mid,
                _ => hi = mid,
            }
        }
        let t = self.end_at(hi)?;
        pred(t).then_some((hi, t))
    }
}

/// One term of a contract: its first and last day (the first day is
/// `None` for a first term without `start`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
}

impl Contract {
    /// The end of term `k` (0 = the first term, which ends on `end`), in
    /// closed form; `None` for k > 0 without renewal, or beyond the calendar.
    pub fn term_end_at(&self, k: u64) -> Option<NaiveDate> {
        Schedule::of(self).end_at(k)
    }

    /// Term `k` with its first day (`start` for the first term, else the
    /// day after the previous end).
    pub fn term_at(&self, k: u64) -> Option<Term> {
        let sched = Schedule::of(self);
        let end = sched.end_at(k)?;
        let start = match k {
            0 => self.start,
            _ => sched.end_at(k - 1).and_then(|p| p.succ_opt()),
        };
        Some(Term { start, end })
    }

    /// The first term from term `from` on whose end satisfies `pred`, as
    /// (term number, term end); `None` when no term end before the end of
    /// the calendar does. `pred` must be monotone over the term ends (false
    /// up to some term, true from there on), like `t >= day` or "the notice
    /// deadline of `t` is on or after `day`". Every search through the
    /// renewals goes through here: it costs about 2 log2(k) closed-form
    /// term ends, not k steps.
    pub fn first_term_end(
        &self,
        from: u64,
        mut pred: impl FnMut(NaiveDate) -> bool,
    ) -> Option<(u64, NaiveDate)> {
        Schedule::of(self).first(from, &mut pred)
    }

    /// The day the contract can end when it is left at a term ending on `t`:
    /// the end of the `notice_to` period holding `t` (a contract without
    /// renewal simply ends on its end).
    pub fn exit_day(&self, t: NaiveDate) -> Option<NaiveDate> {
        if self.renewal.filter(|r| !r.is_zero()).is_none() {
            return Some(t);
        }
        period_end(t, self.notice_to)
    }

    /// The notice deadline for leaving at the term ending on `t`: counted
    /// back from its exit day; `None` for a contract without renewal (it
    /// simply ends).
    pub fn notice_deadline_for(&self, t: NaiveDate) -> Option<NaiveDate> {
        self.renewal.filter(|r| !r.is_zero())?;
        notice_deadline(self.exit_day(t)?, self.notice)
    }

    /// The first exit day whose notice deadline is on or after `day`: the
    /// earliest day the contract can still be left when notice is given
    /// on `day` (for a contract without renewal: its end, if not passed).
    /// The result is (term end, exit day).
    pub fn next_exit_from(&self, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        if self.renewal.filter(|r| !r.is_zero()).is_none() {
            return (self.end >= day).then_some((self.end, self.end));
        }
        let (_, t) = self.first_term_end(0, |t| {
            self.notice_deadline_for(t).is_some_and(|nd| nd >= day)
        })?;
        Some((t, self.exit_day(t)?))
    }

    /// The day the contract ended before `as_of`, if it did: a contract
    /// without renewal whose end has passed, or one whose recorded decision
    /// to leave took effect (its exit day as of the decision has passed).
    pub fn ended_before(&self, as_of: NaiveDate) -> Option<NaiveDate> {
        if let Some(d) = &self.decision
            && d.intent == Intent::Exit
            && d.decided <= as_of
            && let Some((_, x)) = self.next_exit_from(d.decided)
            && x < as_of
        {
            return Some(x);
        }
        if self.renewal.filter(|r| !r.is_zero()).is_none() {
            return (self.end < as_of).then_some(self.end);
        }
        None
    }

    /// True when the contract still runs on `as_of` (it has not ended
    /// before it).
    pub fn running_on(&self, as_of: NaiveDate) -> bool {
        self.ended_before(as_of).is_none()
    }

    /// The term that holds `as_of`: the first whose end is on or after it.
    /// `None` when the contract ended before `as_of`. A first term that
    /// starts after `as_of` is returned too (the contract is signed).
    pub fn current_term(&self, as_of: NaiveDate) -> Option<Term> {
        if !self.running_on(as_of) {
            return None;
        }
        let (k, _) = self.first_term_end(0, |t| t >= as_of)?;
        self.term_at(k)
    }

    /// The end of the current term on `as_of`, or the last end of a
    /// contract that has ended: what every output shows as "term end".
    pub fn current_term_end(&self, as_of: NaiveDate) -> NaiveDate {
        match self.current_term(as_of) {
            Some(t) => t.end,
            None => self.ended_before(as_of).unwrap_or(self.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::types::{ContractKind, Decision};
    use crate::model::{Span, VendorId};
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn contract(end: &str, notice: &str, renewal: Option<&str>, to: NoticeTo) -> Contract {
        Contract {
            id: "c".into(),
            name: None,
            description: None,
            vendor: VendorId(0),
            covers: Vec::new(),
            kind: ContractKind::Subscription,
            start: None,
            end: date(end),
            notice: Duration::parse(notice).unwrap(),
            renewal: renewal.map(|r| Duration::parse(r).unwrap()),
            annual_cost: None,
            data_retrieval: None,
            switching_charge: None,
            notice_to: to,
            provider_notice: None,
            exit: None,
            decision: None,
            span: Span::default(),
            notice_span: None,
            contact: None,
        }
    }

    #[test]
    fn period_ends_of_each_kind() {
        let d = date("2027-11-15");
        assert_eq!(period_end(d, NoticeTo::TermEnd), Some(d));
        assert_eq!(period_end(d, NoticeTo::MonthEnd), Some(date("2027-11-30")));
        assert_eq!(
            period_end(d, NoticeTo::QuarterEnd),
            Some(date("2027-12-31"))
        );
        assert_eq!(period_end(d, NoticeTo::YearEnd), Some(date("2027-12-31")));
        // A period end is its own period end.
        assert_eq!(
            period_end(date("2027-09-30"), NoticeTo::QuarterEnd),
            Some(date("2027-09-30"))
        );
        assert_eq!(
            period_end(date("2028-02-10"), NoticeTo::MonthEnd),
            Some(date("2028-02-29")),
            "leap year"
        );
        assert_eq!(
            period_end(date("2027-02-10"), NoticeTo::QuarterEnd),
            Some(date("2027-03-31"))
        );
    }

    #[test]
    fn quarter_end_notice_leaves_at_the_quarter_end_after_the_term_end() {
        // The example of the method: a yearly contract whose term ends
        // 2027-11-15, three months' notice to the quarter end, leaves on
        // 2027-12-31 with notice by 2027-09-30.
        let c = contract("2027-11-15", "3mo", Some("1y"), NoticeTo::QuarterEnd);
        let t = date("2027-11-15");
        assert_eq!(c.exit_day(t), Some(date("2027-12-31")));
        assert_eq!(c.notice_deadline_for(t), Some(date("2027-09-30")));
        assert_eq!(
            c.next_exit_from(date("2027-09-30")),
            Some((t, date("2027-12-31"))),
            "notice on the deadline itself still counts"
        );
        assert_eq!(
            c.next_exit_from(date("2027-10-01")),
            Some((date("2028-11-15"), date("2028-12-31")))
        );
    }

    #[test]
    fn year_end_and_month_end_notice() {
        let c = contract("2027-06-30", "6mo", Some("1y"), NoticeTo::YearEnd);
        assert_eq!(c.exit_day(date("2027-06-30")), Some(date("2027-12-31")));
        assert_eq!(
            c.notice_deadline_for(date("2027-06-30")),
            Some(date("2027-06-30"))
        );
        let c = contract("2028-02-15", "1mo", Some("1y"), NoticeTo::MonthEnd);
        // Exit on 2028-02-29 (leap year); one month before 2028-03-01 is
        // 2028-02-01, so notice by 2028-01-31.
        assert_eq!(c.exit_day(date("2028-02-15")), Some(date("2028-02-29")));
        assert_eq!(
            c.notice_deadline_for(date("2028-02-15")),
            Some(date("2028-01-31"))
        );
    }

    #[test]
    fn terms_current_term_and_ended_contracts() {
        let mut c = contract("2024-12-31", "3mo", Some("1y"), NoticeTo::TermEnd);
        c.start = Some(date("2022-01-01"));
        let terms: Vec<Term> = (0..3).filter_map(|k| c.term_at(k)).collect();
        assert_eq!(terms[0].start, Some(date("2022-01-01")));
        assert_eq!(terms[1].start, Some(date("2025-01-01")));
        assert_eq!(terms[1].end, date("2025-12-31"));
        let cur = c.current_term(date("2026-12-01")).unwrap();
        assert_eq!(
            (cur.start, cur.end),
            (Some(date("2026-01-01")), date("2026-12-31"))
        );
        assert_eq!(c.current_term_end(date("2026-12-01")), date("2026-12-31"));
        assert!(c.running_on(date("2040-01-01")));

        // Without renewal the contract ends on its end.
        let once = contract("2026-06-30", "0d", None, NoticeTo::TermEnd);
        assert!(once.running_on(date("2026-06-30")));
        assert_eq!(
            once.ended_before(date("2026-07-01")),
            Some(date("2026-06-30"))
        );
        assert_eq!(once.current_term(date("2026-07-01")), None);
        assert_eq!(
            once.current_term_end(date("2026-12-01")),
            date("2026-06-30")
        );
    }

    #[test]
    fn a_decision_to_leave_ends_the_contract_at_its_exit_day() {
        let mut c = contract("2026-12-31", "3mo", Some("1y"), NoticeTo::TermEnd);
        c.decision = Some(Decision {
            intent: Intent::Exit,
            decided: date("2026-05-10"),
            by: None,
            reason: None,
            span: Span::default(),
        });
        // Notice given by 2026-09-30 for 2026-12-31.
        assert!(c.running_on(date("2026-12-31")));
        assert_eq!(c.ended_before(date("2027-01-01")), Some(date("2026-12-31")));
        // A decision taken after the notice deadline leaves a year later.
        c.decision.as_mut().unwrap().decided = date("2026-10-01");
        assert!(c.running_on(date("2027-06-01")));
        assert_eq!(c.ended_before(date("2028-01-01")), Some(date("2027-12-31")));
    }

    /// The reference: term ends stepped one term at a time from `end`, the
    /// definition the closed form must reproduce.
    fn stepped(c: &Contract) -> impl Iterator<Item = NaiveDate> + '_ {
        let r = c.renewal.filter(|r| !r.is_zero());
        std::iter::successors(Some(c.end), move |&t| next_term_end(t, r?))
    }

    #[test]
    fn month_end_clamping_drifts_as_stepping_does() {
        // Terms start on the 31st; February clamps the start to the 28th or
        // 29th, and from then on every start keeps that day.
        let c = contract("2027-01-30", "0d", Some("1mo"), NoticeTo::TermEnd);
        let want: Vec<NaiveDate> = stepped(&c).take(40).collect();
        let got: Vec<NaiveDate> = (0..40).filter_map(|k| c.term_end_at(k)).collect();
        assert_eq!(got, want);
        assert_eq!(c.term_end_at(1), Some(date("2027-02-27")));
        assert_eq!(c.term_end_at(2), Some(date("2027-03-27")));
        // A start on 29 February with a four-year term keeps its day until
        // 2100, which is no leap year.
        let c = contract("2024-02-28", "0d", Some("4y"), NoticeTo::TermEnd);
        assert_eq!(c.term_end_at(18), Some(date("2096-02-28")));
        assert_eq!(c.term_end_at(19), Some(date("2100-02-27")));
        assert_eq!(c.term_end_at(20), Some(date("2104-02-27")));
        assert_eq!(
            (0..25).filter_map(|k| c.term_end_at(k)).collect::<Vec<_>>(),
            stepped(&c).take(25).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_daily_renewal_since_year_one_reaches_today_in_one_jump() {
        let c = contract("0001-01-01", "0d", Some("1d"), NoticeTo::TermEnd);
        let as_of = date("2026-12-01");
        let cur = c.current_term(as_of).unwrap();
        assert_eq!((cur.start, cur.end), (Some(as_of), as_of));
        let days = (as_of - date("0001-01-01")).num_days() as u64;
        assert_eq!(c.term_end_at(days), Some(as_of));
        assert_eq!(c.next_exit_from(as_of), Some((as_of, as_of)));
    }

    fn renewal_strategy() -> impl Strategy<Value = Duration> {
        prop_oneof![
            (1u32..400).prop_map(Duration::days),
            (1u32..60).prop_map(|w| Duration {
                weeks: w,
                ..Duration::ZERO
            }),
            (1u32..30).prop_map(Duration::months),
            (1u32..6).prop_map(Duration::years),
            (0u32..3, 1u32..14, 1u32..20).prop_map(|(y, m, d)| Duration {
                years: y,
                months: m,
                days: d,
                ..Duration::ZERO
            }),
            (1u32..72).prop_map(Duration::hours),
        ]
    }

    /// A date from 1600 to 2400, with days 28-31 (where clamping happens)
    /// drawn often.
    fn date_strategy() -> impl Strategy<Value = NaiveDate> {
        (1600i32..2400, 1u32..=12, prop_oneof![1u32..=31, 27u32..=31]).prop_map(|(y, m, d)| {
            let last = month_end(y, m).unwrap().day();
            NaiveDate::from_ymd_opt(y, m, d.min(last)).unwrap()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// The closed form equals stepping for every term, and every search
        /// finds the term a linear search through the stepped terms finds.
        #[test]
        fn closed_form_equals_stepping(
            end in date_strategy(),
            renewal in renewal_strategy(),
            ahead in 0i64..20_000,
            notice in prop_oneof![Just("0d"), Just("3mo"), Just("30d"), Just("1y")],
            to in prop_oneof![
                Just(NoticeTo::TermEnd),
                Just(NoticeTo::MonthEnd),
                Just(NoticeTo::QuarterEnd),
                Just(NoticeTo::YearEnd),
            ],
        ) {
            let mut c = contract("2000-01-01", notice, None, to);
            c.end = end;
            c.renewal = Some(renewal);
            let as_of = end + chrono::Duration::days(ahead);
            // Enough stepped terms to pass `as_of` by a year of notice, a
            // year to the exit day and the longest renewal drawn (5 years).
            let reference: Vec<NaiveDate> = stepped(&c)
                .take_while(|&t| t <= as_of + chrono::Duration::days(3000))
                .collect();
            for (k, t) in reference.iter().enumerate() {
                prop_assert_eq!(c.term_end_at(k as u64), Some(*t), "term {}", k);
            }
            let current = reference.iter().position(|&t| t >= as_of).unwrap();
            prop_assert_eq!(
                c.first_term_end(0, |t| t >= as_of),
                Some((current as u64, reference[current]))
            );
            let cur = c.current_term(as_of).unwrap();
            prop_assert_eq!(cur.end, reference[current]);
            prop_assert_eq!(
                cur.start,
                if current == 0 { None } else { reference[current - 1].succ_opt() }
            );
            let next = reference
                .iter()
                .find(|&&t| c.notice_deadline_for(t).is_some_and(|nd| nd >= as_of));
            let &t = next.unwrap();
            prop_assert_eq!(c.next_exit_from(as_of), Some((t, c.exit_day(t).unwrap())));
            // A search from a later term than the first.
            let from = current as u64 / 2;
            let later = as_of + chrono::Duration::days((ahead / 3).min(800));
            let want = reference
                .iter()
                .enumerate()
                .skip(from as usize)
                .find(|(_, t)| **t >= later)
                .map(|(k, t)| (k as u64, *t));
            prop_assert_eq!(c.first_term_end(from, |t| t >= later), want);
        }
    }
}
