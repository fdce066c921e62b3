//! Formatting of a [`Diff`]: the sections and rows shared by the terminal
//! table (`exitgraph diff`) and Markdown (wikis, the review's baseline
//! section). Only wording and number formats live here; what changed is
//! decided by `analysis::diff`.

use crate::analysis::diff::{
    Change, ContractChange, Diff, Direction, Entered, Reading, Resolved, SnapshotContract,
    SnapshotSystem, SnapshotVendor, SystemChange, VendorChange,
};
use crate::render::i18n::Tr;
use crate::render::terminal::{money, new_table};
use chrono::NaiveDate;
use comfy_table::Cell;

/// One section of the comparison: a title and a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The heading line: organisation and the two dates.
pub fn title(d: &Diff) -> String {
    if d.old.organisation == d.new.organisation {
        format!(
            "Changes in {} from {} to {}",
            d.new.organisation, d.old.as_of, d.new.as_of
        )
    } else {
        format!(
            "Changes from {} ({}) to {} ({})",
            d.old.organisation, d.old.as_of, d.new.organisation, d.new.as_of
        )
    }
}

fn d1(x: f64) -> String {
    format!("{x:.1}")
}

fn pct(x: f64) -> String {
    format!("{:.2} %", x * 100.0)
}

fn signed(x: f64, fmt: &dyn Fn(f64) -> String) -> String {
    if x >= 0.0 {
        format!("+{}", fmt(x))
    } else {
        format!("-{}", fmt(-x))
    }
}

fn arrow(c: Option<Direction>) -> &'static str {
    c.map(Direction::arrow).unwrap_or("→")
}

fn reading(r: Option<Reading>) -> Option<&'static str> {
    r.map(|r| match r {
        Reading::Better => "better",
        Reading::Worse => "worse",
    })
}

/// `72.5 ↑ 75.0 (+2.5, worse)`.
fn number(c: &Change<f64>, fmt: &dyn Fn(f64) -> String) -> String {
    let mut s = format!("{} {} {}", fmt(c.old), arrow(c.direction), fmt(c.new));
    if c.direction != Some(Direction::Same) {
        let mut extra = vec![signed(c.new - c.old, fmt)];
        extra.extend(reading(c.reading).map(String::from));
        s.push_str(&format!(" ({})", extra.join(", ")));
    }
    s
}

fn text(c: &Change<String>) -> String {
    format!("{} → {}", c.old, c.new)
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "none".into())
}

fn date(c: &Change<Option<NaiveDate>>) -> String {
    format!(
        "{} {} {}",
        opt_date(c.old),
        arrow(c.direction),
        opt_date(c.new)
    )
}

fn cost(c: &Change<Option<f64>>, currency: &str) -> String {
    let f = |x: Option<f64>| {
        x.map(|x| format!("{} {currency}", money(x)))
            .unwrap_or_else(|| "none".into())
    };
    format!("{} {} {}", f(c.old), arrow(c.direction), f(c.new))
}

fn system_entry(s: &SnapshotSystem) -> String {
    format!(
        "{}, lock-in {}, vendor group {}",
        s.status,
        d1(s.lockin),
        s.vendor_group
    )
}

fn system_change(c: &SystemChange) -> String {
    let mut parts = Vec::new();
    if let Some(x) = &c.renamed {
        parts.push(format!("renamed from {}", x.old));
    }
    if let Some(x) = &c.status {
        parts.push(format!("status {}", text(x)));
    }
    if let Some(x) = &c.vendor_group {
        parts.push(format!("vendor group {}", text(x)));
    }
    if let Some(x) = &c.lockin {
        parts.push(format!("lock-in {}", number(x, &d1)));
    }
    for f in &c.factors {
        parts.push(format!("{} {}", f.factor, number(&f.points, &d1)));
    }
    parts.join("; ")
}

fn vendor_entry(v: &SnapshotVendor) -> String {
    if v.group == v.id {
        v.country.clone()
    } else {
        format!("{}, controlled by {}", v.country, v.group)
    }
}

fn vendor_change(c: &VendorChange) -> String {
    let mut parts = Vec::new();
    if let Some(x) = &c.renamed {
        parts.push(format!("renamed from {}", x.old));
    }
    if let Some(x) = &c.country {
        parts.push(format!("country {}", text(x)));
    }
    if let Some(x) = &c.group {
        parts.push(format!("controlled by {}", text(x)));
    }
    parts.join("; ")
}

fn contract_entry(c: &SnapshotContract, currency: &str) -> String {
    let mut parts = Vec::new();
    if let Some(x) = c.annual_cost {
        parts.push(format!("{} {currency} a year", money(x)));
    }
    if let Some(x) = c.next_exit {
        parts.push(format!("next exit {x}"));
    }
    if let Some(x) = c.decision_deadline {
        parts.push(format!("decide by {x}"));
    }
    parts.push(c.status.clone());
    parts.join(", ")
}

fn contract_change(c: &ContractChange, currency: &str) -> String {
    let mut parts = Vec::new();
    if let Some(x) = &c.vendor_change {
        parts.push(format!("vendor {}", text(x)));
    }
    if let Some(x) = &c.annual_cost {
        parts.push(format!("annual cost {}", cost(x, currency)));
    }
    if let Some(x) = &c.next_exit {
        parts.push(format!("next exit {}", date(x)));
    }
    if let Some(x) = &c.notice_deadline {
        parts.push(format!("notice by {}", date(x)));
    }
    if let Some(x) = &c.decision_deadline {
        parts.push(format!("decide by {}", date(x)));
    }
    if let Some(x) = &c.status {
        parts.push(format!("status {}", text(x)));
    }
    parts.join("; ")
}

fn trend(c: Option<Direction>, r: Option<Reading>) -> String {
    match reading(r) {
        Some(w) => format!("{} {w}", arrow(c)),
        None => arrow(c).to_string(),
    }
}

/// The sections of a diff, in reading order; empty when nothing changed.
pub fn sections(d: &Diff) -> Vec<Section> {
    if d.unchanged {
        return Vec::new();
    }
    let currency = &d.spend.currency;
    let mut out = Vec::new();
    let head =
        |a: &str, b: &str| -> Vec<String> { vec!["".into(), a.into(), b.into(), "change".into()] };

    let s = &d.systems;
    if !s.is_empty() {
        let mut rows = Vec::new();
        rows.extend(s.added.iter().map(|x| {
            vec![
                "added".into(),
                x.id.clone(),
                x.name.clone(),
                system_entry(x),
            ]
        }));
        rows.extend(s.removed.iter().map(|x| {
            vec![
                "removed".into(),
                x.id.clone(),
                x.name.clone(),
                system_entry(x),
            ]
        }));
        rows.extend(s.changed.iter().map(|x| {
            vec![
                "changed".into(),
                x.id.clone(),
                x.name.clone(),
                system_change(x),
            ]
        }));
        out.push(Section {
            title: summary("Systems", s.added.len(), s.removed.len(), s.changed.len()),
            header: head("system", "name"),
            rows,
        });
    }

    let v = &d.vendors;
    if !v.is_empty() {
        let mut rows = Vec::new();
        rows.extend(v.added.iter().map(|x| {
            vec![
                "added".into(),
                x.id.clone(),
                x.name.clone(),
                vendor_entry(x),
            ]
        }));
        rows.extend(v.removed.iter().map(|x| {
            vec![
                "removed".into(),
                x.id.clone(),
                x.name.clone(),
                vendor_entry(x),
            ]
        }));
        rows.extend(v.changed.iter().map(|x| {
            vec![
                "changed".into(),
                x.id.clone(),
                x.name.clone(),
                vendor_change(x),
            ]
        }));
        out.push(Section {
            title: summary("Vendors", v.added.len(), v.removed.len(), v.changed.len()),
            header: head("vendor", "name"),
            rows,
        });
    }

    let c = &d.contracts;
    if !c.is_empty() {
        let mut rows = Vec::new();
        rows.extend(c.added.iter().map(|x| {
            vec![
                "added".into(),
                x.id.clone(),
                x.vendor.clone(),
                contract_entry(x, currency),
            ]
        }));
        rows.extend(c.removed.iter().map(|x| {
            vec![
                "removed".into(),
                x.id.clone(),
                x.vendor.clone(),
                contract_entry(x, currency),
            ]
        }));
        rows.extend(c.changed.iter().map(|x| {
            vec![
                "changed".into(),
                x.id.clone(),
                x.vendor.clone(),
                contract_change(x, currency),
            ]
        }));
        out.push(Section {
            title: summary("Contracts", c.added.len(), c.removed.len(), c.changed.len()),
            header: head("contract", "vendor"),
            rows,
        });
    }

    let sv = &d.sovereignty;
    let mut rows: Vec<Vec<String>> = sv
        .dimensions
        .iter()
        .map(|x| {
            vec![
                x.name.clone(),
                format!("{} ({})", x.score.old, pct(x.share.old)),
                format!("{} ({})", x.score.new, pct(x.share.new)),
                // The share shows a move within the band.
                if x.score.is_same() {
                    trend(x.share.direction, x.share.reading)
                } else {
                    trend(x.score.direction, x.score.reading)
                },
            ]
        })
        .collect();
    rows.push(vec![
        "Total".into(),
        format!("{} ({})", sv.total.old, sv.level.old),
        format!("{} ({})", sv.total.new, sv.level.new),
        trend(sv.total.direction, sv.total.reading),
    ]);
    out.push(Section {
        title: "Sovereignty self-check (1 to 5 per dimension, 5 to 25 in total)".into(),
        header: vec![
            "dimension".into(),
            "before".into(),
            "after".into(),
            "".into(),
        ],
        rows,
    });

    let sp = &d.spend;
    let m = |x: f64| money(x);
    let row = |name: &str, c: &Change<f64>, fmt: &dyn Fn(f64) -> String| {
        vec![
            name.to_string(),
            fmt(c.old),
            fmt(c.new),
            trend(c.direction, c.reading),
        ]
    };
    out.push(Section {
        title: format!("Spend ({currency} a year)"),
        header: vec!["".into(), "before".into(), "after".into(), "".into()],
        rows: vec![
            row("total", &sp.total, &m),
            row("concentration (HHI)", &sp.hhi, &d1),
            vec![
                "band".into(),
                sp.band.old.clone(),
                sp.band.new.clone(),
                if sp.band.is_same() { "→" } else { "changed" }.into(),
            ],
            row(
                "share outside trusted jurisdictions",
                &sp.untrusted_share,
                &pct,
            ),
            row(
                "amount outside trusted jurisdictions",
                &sp.untrusted_cost,
                &m,
            ),
        ],
    });

    let h = &d.hotspots;
    if !(h.resolved.is_empty() && h.new.is_empty() && h.moved.is_empty()) {
        let rank = |r: Option<usize>| r.map(|r| r.to_string()).unwrap_or_else(|| "-".into());
        let mut rows = Vec::new();
        rows.extend(h.resolved.iter().map(|x| {
            vec![
                "resolved".into(),
                x.id.clone(),
                x.old_rank.to_string(),
                rank(x.new_rank),
                match x.why {
                    Resolved::LeftTopList => "left the top list",
                    Resolved::NoLongerInUse => "no longer in use",
                    Resolved::Removed => "removed from the model",
                }
                .into(),
            ]
        }));
        rows.extend(h.new.iter().map(|x| {
            vec![
                "new".into(),
                x.id.clone(),
                rank(x.old_rank),
                x.new_rank.to_string(),
                match x.why {
                    Entered::Rose => "rose into the top list",
                    Entered::NowInUse => "now in use",
                    Entered::Added => "new in the model",
                }
                .into(),
            ]
        }));
        rows.extend(h.moved.iter().map(|x| {
            vec![
                "moved".into(),
                x.id.clone(),
                x.old_rank.to_string(),
                x.new_rank.to_string(),
                if x.new_rank < x.old_rank {
                    "up the list (worse)"
                } else {
                    "down the list (better)"
                }
                .into(),
            ]
        }));
        out.push(Section {
            title: format!("Lock-in hotspots (top {})", h.top),
            header: vec![
                "".into(),
                "system".into(),
                "rank before".into(),
                "rank now".into(),
                "why".into(),
            ],
            rows,
        });
    }
    out
}

fn summary(what: &str, added: usize, removed: usize, changed: usize) -> String {
    format!("{what}: {added} added, {removed} removed, {changed} changed")
}

/// Escapes text for Markdown ([`crate::render::escape::markdown`]).
fn md(s: &str) -> String {
    crate::render::escape::markdown::text(s)
}

/// The diff as Markdown; `level` is the level of the top heading (1 for
/// a page of its own, deeper when embedded in a report).
pub fn markdown(d: &Diff, level: usize) -> String {
    let h = |n: usize| "#".repeat(n.clamp(1, 6));
    let mut out = format!("{} {}\n\n", h(level), md(&title(d)));
    for n in &d.notes {
        out.push_str(&format!("> Note: {}\n\n", md(&Tr::TERMINAL.diff_note(n))));
    }
    if d.unchanged {
        out.push_str("No changes.\n");
        return out;
    }
    for s in sections(d) {
        out.push_str(&format!("{} {}\n\n", h(level + 1), md(&s.title)));
        let cells = |r: &[String]| {
            r.iter()
                .map(|c| if c.is_empty() { " ".to_string() } else { md(c) })
                .collect::<Vec<_>>()
                .join(" | ")
        };
        out.push_str(&format!("| {} |\n", cells(&s.header)));
        out.push_str(&format!("|{}\n", "---|".repeat(s.header.len())));
        for r in &s.rows {
            out.push_str(&format!("| {} |\n", cells(r)));
        }
        out.push('\n');
    }
    out
}

/// The terminal form: a title, notes, and one table per section.
pub fn table(d: &Diff) -> String {
    let mut out = format!("{}\n", title(d));
    for n in &d.notes {
        out.push_str(&format!("note: {}\n", Tr::TERMINAL.diff_note(n)));
    }
    if d.unchanged {
        out.push_str("no changes\n");
        return out;
    }
    for s in sections(d) {
        out.push_str(&format!("\n{}\n\n", s.title));
        let mut t = new_table(&s.header);
        for r in &s.rows {
            t.add_row(r.iter().map(Cell::new).collect::<Vec<_>>());
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_arrow_delta_and_reading() {
        let c = Change {
            old: 72.5,
            new: 75.0,
            direction: Some(Direction::Up),
            reading: Some(Reading::Worse),
        };
        assert_eq!(number(&c, &d1), "72.5 ↑ 75.0 (+2.5, worse)");
        let same = Change {
            old: 0.25,
            new: 0.25,
            direction: Some(Direction::Same),
            reading: None,
        };
        assert_eq!(number(&same, &pct), "25.00 % → 25.00 %");
        let down = Change {
            old: 1000.0,
            new: 800.0,
            direction: Some(Direction::Down),
            reading: None,
        };
        assert_eq!(number(&down, &|x| money(x)), "1,000 ↓ 800 (-200)");
    }

    #[test]
    fn markdown_cells_are_escaped() {
        assert_eq!(md("a|b <c> *d*"), "a\\|b \\<c\\> \\*d\\*");
    }
}
