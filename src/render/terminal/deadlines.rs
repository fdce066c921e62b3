//! `exitgraph deadlines` as terminal text: the contracts with their
//! status, the date to act by and the exit day, then what to do for each
//! contract that needs a decision before the next review, and the EU Data
//! Act findings, in the chosen language and within the terminal's width.

use crate::analysis::deadlines::{ContractDeadline, Deadlines, Status};
use crate::render::i18n::{Tr, say};
use crate::render::text::wrap;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

/// The deadlines as terminal text, at most `width` columns wide.
pub fn table(r: &Deadlines, tr: Tr, currency: &str, width: usize) -> String {
    let mut out = String::new();
    let count = |s: Status| r.contracts.iter().filter(|c| c.status == s).count();
    let open = r.open_decisions().count();
    out.push_str(&say!(
        tr,
        format!(
            "Vertragsfristen am {} (nächste Prüfung: {})\n",
            tr.date(r.as_of),
            tr.odate(r.horizon_end)
        ),
        format!(
            "Contract deadlines as of {} (next review: {})\n",
            tr.date(r.as_of),
            tr.odate(r.horizon_end)
        ),
    ));
    let parts: Vec<String> = [
        (
            open,
            say!(
                tr,
                format!(
                    "{} vor der nächsten Prüfung zu entscheiden",
                    tr.count(open, "Vertrag", "Verträge", "contract", "contracts")
                ),
                format!(
                    "{} to decide before the next review",
                    tr.count(open, "Vertrag", "Verträge", "contract", "contracts")
                ),
            ),
        ),
        (
            count(Status::Renewed),
            say!(
                tr,
                format!("{} bewusst verlängert", tr.int(count(Status::Renewed))),
                format!("{} renewed on purpose", tr.int(count(Status::Renewed))),
            ),
        ),
        (
            count(Status::Leaving),
            say!(
                tr,
                format!("{} Ausstieg beschlossen", tr.int(count(Status::Leaving))),
                format!("{} being left as decided", tr.int(count(Status::Leaving))),
            ),
        ),
        (
            count(Status::Mandated),
            say!(
                tr,
                format!("{} vorgeschrieben", tr.int(count(Status::Mandated))),
                format!("{} mandated", tr.int(count(Status::Mandated))),
            ),
        ),
        (
            count(Status::Ended),
            say!(
                tr,
                format!("{} beendet", tr.int(count(Status::Ended))),
                format!("{} ended", tr.int(count(Status::Ended))),
            ),
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(_, s)| s)
    .collect();
    if !parts.is_empty() {
        out.push_str(&wrap(&parts.join(", "), width, "  ", "  "));
    }
    out.push('\n');

    // Borderless, short words: the table fits 80 columns; the money column
    // is shown when there is room for it.
    let money = width >= 96;
    let mut t = Table::new();
    t.load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.min(u16::MAX as usize) as u16);
    let mut head = vec![
        tr.pick("Vertrag", "contract").to_string(),
        tr.pick("Stand", "status").to_string(),
        tr.pick("handeln bis", "act by").to_string(),
        tr.pick("Ende zum", "leave on").to_string(),
        tr.pick("Wechsel P80", "switch P80").to_string(),
    ];
    if money {
        head.push(say!(
            tr,
            format!("{currency}/Jahr"),
            format!("{currency}/year")
        ));
    }
    t.set_header(head);
    for c in &r.contracts {
        let leave = match c.status {
            Status::Overdue => c.feasible_exit,
            Status::Ended => c.ended_on,
            Status::Renewed => c.renewed_until,
            Status::Mandated => None,
            _ => c.next_exit,
        };
        let mut row = vec![
            Cell::new(&c.id),
            Cell::new(tr.contract_status_short(c.status)),
            Cell::new(c.act_by.map(|d| tr.date(d)).unwrap_or_else(|| "–".into())),
            Cell::new(leave.map(|d| tr.date(d)).unwrap_or_else(|| "–".into())),
            Cell::new(
                if c.steps.is_empty() || matches!(c.status, Status::Ended | Status::Mandated) {
                    "–".to_string()
                } else {
                    tr.span(c.p80_days)
                },
            ),
        ];
        if money {
            row.push(Cell::new(
                c.annual_cost
                    .map(|x| tr.num(x, 0))
                    .unwrap_or_else(|| "–".into()),
            ));
        }
        t.add_row(row);
    }
    for col in [4usize, 5] {
        if let Some(c) = t.column_mut(col) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    out.push_str(&t.to_string());
    out.push('\n');
    out.push_str(&wrap(
        tr.pick(
            "Handeln bis: Beginn des Wechsels für das früheste erreichbare Ende (Ende zum), oder die Kündigungsfrist, wenn sie früher abläuft. Wechsel P80: Dauer des Ausstiegsplans der abgedeckten Systeme (80. Perzentil).",
            "Act by: the start of the switch for the earliest reachable exit (leave on), or the notice deadline if earlier. Switch P80: the duration of the exit plan of the covered systems (80th percentile).",
        ),
        width,
        "",
        "",
    ));

    let open: Vec<&ContractDeadline> = r.open_decisions().collect();
    if !open.is_empty() {
        out.push('\n');
        out.push_str(tr.pick(
            "ZU ENTSCHEIDEN VOR DER NÄCHSTEN PRÜFUNG\n",
            "TO DECIDE BEFORE THE NEXT REVIEW\n",
        ));
        for c in open {
            action(&mut out, tr, c, width);
        }
    }
    let decided: Vec<&ContractDeadline> = r
        .contracts
        .iter()
        .filter(|c| matches!(c.status, Status::Renewed | Status::Leaving))
        .collect();
    if !decided.is_empty() {
        out.push('\n');
        out.push_str(tr.pick("BESCHLOSSEN\n", "DECIDED\n"));
        for c in decided {
            action(&mut out, tr, c, width);
        }
    }
    if !r.data_act.is_empty() {
        out.push('\n');
        out.push_str(tr.pick(
            "EU DATA ACT (Cloud-Verträge; Hinweis, keine Rechtsberatung)\n",
            "EU DATA ACT (cloud contracts; indicative, not legal advice)\n",
        ));
        for f in &r.data_act {
            let line = format!(
                "{} ({}): {}",
                f.contract,
                tr.article(f.article),
                tr.data_act_detail(&f.issue, currency)
            );
            out.push_str(&wrap(&line, width, "  ", "      "));
        }
    }
    out
}

/// One contract's action: its id and kind of exit, then what to do.
fn action(out: &mut String, tr: Tr, c: &ContractDeadline, width: usize) {
    let kind = c
        .exit_kind
        .map(|k| format!(" ({})", tr.exit_kind(k)))
        .unwrap_or_default();
    let name = c.name.as_deref().unwrap_or(&c.id);
    out.push_str(&wrap(
        &format!("{}{kind}: {name}", c.id),
        width,
        "  ",
        "    ",
    ));
    out.push_str(&wrap(&tr.contract_action(c), width, "    ", "    "));
}
