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
//! - the **exit day** of a term ending on T is the first end of a
//!   `notice_to` period on or after T (T itself for `term-end`, or when T
//!   is such a period end);
//! - the **notice deadline** of an exit day X is (X + 1 day - notice) -
//!   1 day, the last day notice can still be given.

use super::duration::Duration;
use super::types::{Contract, Intent, NoticeTo};
use chrono::{Datelike, Days, NaiveDate};

/// The longest search through renewals, in terms (a `1d` renewal from 1900
/// to 2100 needs about 73,000).
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

/// One term of a contract: its first and last day (the first day is
/// `None` for a first term without `start`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
}

impl Contract {
    /// The term ends in order, from the first; one without `renewal`.
    /// Stops at [`MAX_TERMS`] or at the end of the calendar.
    pub fn term_ends(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let renewal = self.renewal.filter(|r| !r.is_zero());
        let mut next = Some(self.end);
        let mut count = 0usize;
        std::iter::from_fn(move || {
            let cur = next?;
            count += 1;
            next = match renewal {
                Some(r) if count < MAX_TERMS => next_term_end(cur, r),
                _ => None,
            };
            Some(cur)
        })
    }

    /// The terms in order, each with its first day.
    pub fn terms(&self) -> impl Iterator<Item = Term> + '_ {
        let mut start = self.start;
        self.term_ends().map(move |end| {
            let t = Term { start, end };
            start = end.succ_opt();
            t
        })
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
        self.term_ends().find_map(|t| {
            let nd = self.notice_deadline_for(t)?;
            (nd >= day).then(|| Some((t, self.exit_day(t)?))).flatten()
        })
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
        self.terms().find(|t| t.end >= as_of)
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
        let terms: Vec<Term> = c.terms().take(3).collect();
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
}
