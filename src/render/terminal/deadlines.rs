//! `exitgraph deadlines`: contract deadlines, what to do, and the EU Data
//! Act findings, as terminal text.

use super::{date, money};
use crate::analysis::deadlines::{Deadlines, Status};
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use std::fmt::{self, Write as _};

/// The deadlines as terminal text.
pub fn table(r: &Deadlines, currency: &str) -> String {
    let mut out = String::new();
    let _ = write_table(&mut out, r, currency);
    out
}

fn write_table(out: &mut String, r: &Deadlines, currency: &str) -> fmt::Result {
    writeln!(
        out,
        "Contract deadlines as of {} (decisions up to {} are due: horizon {})",
        r.as_of,
        date(r.horizon_end),
        r.horizon
    )?;
    let count = |s: Status| r.contracts.iter().filter(|c| c.status == s).count();
    writeln!(
        out,
        "  {} overdue, {} due, {} ok, {} expired",
        count(Status::Overdue),
        count(Status::Due),
        count(Status::Ok),
        count(Status::Expired)
    )?;
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(vec![
        "status",
        "contract",
        "vendor",
        &format!("{currency}/year"),
        "next exit",
        "notice by",
        "migration P80",
        "decide by",
        "days left",
        "feasible exit",
    ]);
    for c in &r.contracts {
        t.add_row(vec![
            Cell::new(c.status.as_str()),
            Cell::new(&c.id),
            Cell::new(&c.vendor),
            Cell::new(c.annual_cost.map(money).unwrap_or_else(|| "-".into())),
            Cell::new(date(c.next_exit)),
            Cell::new(date(c.notice_deadline)),
            Cell::new(if c.systems.is_empty() {
                "-".to_string()
            } else {
                format!("{} d", c.migration_days)
            }),
            Cell::new(date(c.decision_deadline)),
            Cell::new(
                c.days_to_decision
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "-".into()),
            ),
            Cell::new(date(c.feasible_exit)),
        ]);
    }
    for col in [3usize, 6, 8] {
        if let Some(c) = t.column_mut(col) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{t}")?;
    writeln!(
        out,
        "decide by = next exit - migration P80 (exit plan of the covered systems), or the notice deadline if earlier"
    )?;

    let attention: Vec<_> = r
        .contracts
        .iter()
        .filter(|c| matches!(c.status, Status::Overdue | Status::Due))
        .collect();
    if !attention.is_empty() {
        writeln!(out, "\nWhat to do")?;
        for c in attention {
            writeln!(out, "  {:<8} {}: {}", c.status.as_str(), c.id, c.note)?;
        }
    }
    if !r.data_act.is_empty() {
        writeln!(
            out,
            "\nEU Data Act (cloud contracts; indicative, not legal advice)"
        )?;
        for f in &r.data_act {
            writeln!(
                out,
                "  {} {}: {}",
                f.contract,
                f.article,
                super::EN.data_act_detail(&f.issue, currency)
            )?;
        }
    }
    Ok(())
}
