//! The EU Data Act check of cloud contracts (Regulation (EU) 2023/2854, ch. VI).
//!
//! For contracts of `kind = "cloud"` (data processing services):
//!
//! - Art. 25(2)(d): the maximum notice period to initiate switching is two
//!   months; a longer `notice` is a finding (`data-act-notice`);
//! - Art. 25(2)(g): the customer gets at least 30 calendar days to retrieve
//!   its data after the transitional period; a `data_retrieval` shorter than
//!   30 days, or none agreed, is a finding (`data-act-retrieval`);
//! - Art. 29(1): from 12 January 2027 providers may not charge for switching;
//!   a `switching_charge` on a contract that runs on or after that day is a
//!   finding (`data-act-switching-charge`).
//!
//! The check is indicative, not legal advice; the method section says so.

use crate::model::{Code, ContractKind, Diagnostic, Duration, Model};
use chrono::NaiveDate;
use serde::Serialize;

/// The day switching charges end (Data Act Art. 29(1)).
pub fn switching_charges_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 12).unwrap_or_default()
}

/// Longest compliant notice period: two months.
pub const MAX_NOTICE: Duration = Duration {
    years: 0,
    months: 2,
    ..Duration::ZERO
};

/// Shortest compliant data retrieval period, in days.
pub const MIN_RETRIEVAL_DAYS: f64 = 30.0;

/// One Data Act finding about a contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub contract: String,
    pub vendor: String,
    /// The diagnostic code (`data-act-notice`, `data-act-retrieval`, `data-act-switching-charge`).
    pub code: Code,
    /// The article of the regulation.
    pub article: &'static str,
    /// What is wrong, with its numbers.
    pub issue: Issue,
}

/// What a Data Act finding is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Issue {
    /// The notice period is longer than two months.
    NoticeTooLong { notice: Duration },
    /// No data retrieval period is agreed.
    NoRetrievalPeriod,
    /// The data retrieval period is shorter than 30 days.
    RetrievalTooShort { period: Duration },
    /// A switching charge on a contract that runs on or after 12 January 2027.
    SwitchingCharge { charge: f64 },
}

impl Issue {
    /// The diagnostic's message (diagnostics are in English, like every
    /// message of `check`).
    fn message(&self, contract: &str) -> String {
        match self {
            Issue::NoticeTooLong { notice } => format!(
                "cloud contract `{contract}` has a notice period of {notice}, longer than the Data Act's maximum of two months"
            ),
            Issue::NoRetrievalPeriod => {
                format!("cloud contract `{contract}` names no data retrieval period")
            }
            Issue::RetrievalTooShort { period } => format!(
                "cloud contract `{contract}` gives {period} to retrieve data, less than the Data Act's 30 days"
            ),
            Issue::SwitchingCharge { .. } => format!(
                "cloud contract `{contract}` charges for switching, which the Data Act forbids from 12 January 2027"
            ),
        }
    }
}

/// Every Data Act finding of the model's cloud contracts, in contract order.
pub fn findings(m: &Model) -> Vec<Finding> {
    findings_with_diagnostics(m)
        .into_iter()
        .map(|(f, _)| f)
        .collect()
}

/// The findings as warnings pointing at the contracts.
pub fn diagnostics(m: &Model) -> Vec<Diagnostic> {
    findings_with_diagnostics(m)
        .into_iter()
        .map(|(_, d)| d)
        .collect()
}

fn findings_with_diagnostics(m: &Model) -> Vec<(Finding, Diagnostic)> {
    let mut out = Vec::new();
    for c in m.contracts.iter().filter(|c| c.kind == ContractKind::Cloud) {
        let vendor = m.vendor(c.vendor).id.clone();
        let mut push = |code: Code, article: &'static str, issue: Issue, help: &str| {
            let d = Diagnostic::warning(code, issue.message(&c.id))
                .at(
                    if code == Code::DataActNotice {
                        c.notice_span.unwrap_or(c.span)
                    } else {
                        c.span
                    },
                    format!("contract `{}`", c.id),
                )
                .help(help.to_string());
            out.push((
                Finding {
                    contract: c.id.clone(),
                    vendor: vendor.clone(),
                    code,
                    article,
                    issue,
                },
                d,
            ));
        };
        if c.notice.as_days() > MAX_NOTICE.as_days() {
            push(
                Code::DataActNotice,
                "Art. 25(2)(d)",
                Issue::NoticeTooLong { notice: c.notice },
                "the Data Act lets cloud customers initiate switching with at most two months' notice; renegotiate the clause",
            );
        }
        match c.data_retrieval {
            None => push(
                Code::DataActRetrieval,
                "Art. 25(2)(g)",
                Issue::NoRetrievalPeriod,
                "agree at least 30 days to retrieve all data after the contract ends, and record it as `data_retrieval = \"30d\"`",
            ),
            Some(d) if d.as_days() < MIN_RETRIEVAL_DAYS => push(
                Code::DataActRetrieval,
                "Art. 25(2)(g)",
                Issue::RetrievalTooShort { period: d },
                "the Data Act requires at least 30 days to retrieve data after the contract ends",
            ),
            Some(_) => {}
        }
        let runs_after = c.renewal.is_some() || c.end >= switching_charges_end();
        if let Some(charge) = c.switching_charge.filter(|x| *x > 0.0 && runs_after) {
            push(
                Code::DataActSwitchingCharge,
                "Art. 29(1)",
                Issue::SwitchingCharge { charge },
                "switching charges are not allowed from 12 January 2027 (reduced to cost until then); remove the charge",
            );
        }
    }
    out
}
