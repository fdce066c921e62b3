//! The multi-year plan: the trajectory of the headline figures year by
//! year, the moves recommended for the first year with the reason for
//! each, money and team load per year, and what does not fit.

use super::*;
use crate::analysis::plan::Plan;
use crate::render::plan::{Grid, plan_grids, plan_notes, target_label, why_text};

fn grid_block(caption: String, g: &Grid, note: String) -> Block {
    let head = g.head.iter().map(Cell::text).collect();
    let rows = g
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| {
                    if i >= g.numbers_from {
                        Cell::num(c.clone())
                    } else {
                        Cell::text(c.clone())
                    }
                })
                .collect()
        })
        .collect();
    Builder::table(caption, head, rows, note)
}

impl Builder<'_> {
    pub(super) fn multi_year_plan(&mut self, p: &Plan) -> Vec<Block> {
        let tr = self.tr;
        let cur = &p.before.currency;
        let (_, years, trajectory) = plan_grids(p, tr, false);
        let (head, tail) = plan_notes(p, tr);
        let mut out = vec![Block::Para {
            text: say!(
                tr,
                format!(
                    "Der Plan ordnet die Wechsel von {} bis {} nach Quartalen: innerhalb der Kapazität des Teams und des Jahresbudgets, mit den Vertragsenden, die er erreicht oder verpasst. {}",
                    tr.date(p.horizon.start),
                    tr.date(p.horizon.end),
                    clean(&head.join(" "))
                ),
                format!(
                    "The plan orders the moves from {} to {} by quarter: within the team's capacity and the yearly budget, with the contract ends it meets or misses. {}",
                    tr.date(p.horizon.start),
                    tr.date(p.horizon.end),
                    clean(&head.join(" "))
                )
            ),
        }];
        out.push(grid_block(
            tr.pick("Verlauf der Kennzahlen zum Jahresende", "The key figures at the end of each year").to_string(),
            &trajectory,
            tr.pick(
                "Dienste aus: alle / davon kritisch oder hoch. Das Risikomaß fasst Szenarien, Einzelausfälle, Ausgaben außerhalb vertrauter Rechtsräume und Lock-in zusammen (Methode).",
                "Services down: all / of them critical or high. The risk measure combines scenarios, single-vendor cuts, spend outside trusted jurisdictions and lock-in (method).",
            )
            .to_string(),
        ));
        let first = p.years.first().map(|y| y.year);
        let rows: Vec<Vec<Cell>> = p
            .moves
            .iter()
            .filter(|m| Some(chrono::Datelike::year(&m.start)) == first)
            .map(|m| {
                vec![
                    Cell::text(clean(&m.name)),
                    Cell::text(clean(&target_label(m, tr))),
                    Cell::short(tr.date(m.start)),
                    Cell::short(tr.date(m.finish)),
                    Cell::num(tr.money(m.one_off_cost, cur)),
                    Cell::text(clean(&why_text(m, tr, cur))),
                ]
            })
            .collect();
        if let Some(y) = first {
            if rows.is_empty() {
                out.push(Block::Para {
                    text: say!(
                        tr,
                        format!("Für {y} sieht der Plan keinen Wechsel vor."),
                        format!("The plan starts no move in {y}.")
                    ),
                });
            } else {
                out.push(Builder::table(
                    say!(
                        tr,
                        format!("Zu beschließen für {y}"),
                        format!("To decide for {y}")
                    ),
                    vec![
                        Cell::text(tr.pick("System", "System")),
                        Cell::text(tr.pick("Ziel", "To")),
                        Cell::text(tr.pick("Beginn", "Start")),
                        Cell::text(tr.pick("fertig (P80)", "done (P80)")),
                        Cell::text(tr.pick("einmalig", "one-off")),
                        Cell::text(tr.pick("Begründung", "Why")),
                    ],
                    rows,
                    String::new(),
                ));
            }
        }
        out.push(grid_block(
            tr.pick("Wechsel, Geld und Team je Jahr", "Moves, money and team per year").to_string(),
            &years,
            tr.pick(
                "Beginn/Ende: Zahl der Wechsel, die im Jahr beginnen oder enden; einmalige Kosten anteilig nach Tagen; ein Personenmonat je laufendem Wechsel und Monat.",
                "Start/end: moves starting or ending in the year; one-off cost spread by days; one staff-month per running move and month.",
            )
            .to_string(),
        ));
        let later: Vec<String> = tail
            .iter()
            .filter(|t| {
                !p.moves.iter().any(|m| {
                    Some(chrono::Datelike::year(&m.start)) == first
                        && t.starts_with(&format!("{} (", m.name))
                })
            })
            .map(|t| clean(t))
            .collect();
        if !later.is_empty() {
            let shown = later.len().min(MAX_ROWS);
            let mut items: Vec<Item> = later[..shown]
                .iter()
                .map(|t| Item {
                    head: String::new(),
                    text: t.clone(),
                })
                .collect();
            if later.len() > shown {
                items.push(Item {
                    head: String::new(),
                    text: say!(
                        tr,
                        format!("… und {} weitere.", tr.int(later.len() - shown)),
                        format!("… and {} more.", tr.int(later.len() - shown))
                    ),
                });
            }
            out.push(Block::Heading {
                text: tr
                    .pick(
                        "Spätere Jahre und was nicht passt",
                        "Later years and what does not fit",
                    )
                    .to_string(),
            });
            out.push(Block::Items { items });
        }
        out
    }
}
