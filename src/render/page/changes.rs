//! Section 8 (with a baseline): what changed since the last review.

use super::*;
use crate::analysis::sovereignty::{DimensionKey, Level};

impl Builder<'_> {
    /// A dimension stored in a snapshot by its key (a key this version
    /// does not know is shown as it is).
    fn snapshot_dimension(&self, key: &str) -> String {
        match DimensionKey::from_key(key) {
            Some(d) => self.tr.dimension(d).to_string(),
            None => clean(key),
        }
    }

    /// A level stored in a snapshot.
    fn snapshot_level(&self, name: &str) -> String {
        match Level::from_snapshot_name(name) {
            Some(l) => self.tr.level(l).to_string(),
            None => clean(name),
        }
    }

    pub(super) fn reading(&self, direction: Option<Direction>, reading: Option<Reading>) -> Cell {
        match (reading, direction) {
            (Some(Reading::Better), _) => Cell::text(self.tr.pick("besser", "better")).tone("good"),
            (Some(Reading::Worse), _) => {
                Cell::text(self.tr.pick("schlechter", "worse")).tone("bad")
            }
            (None, Some(Direction::Same)) => Cell::text(self.tr.pick("gleich", "same")),
            (None, Some(d)) => Cell::text(d.arrow()),
            (None, None) => Cell::text(""),
        }
    }

    pub(super) fn changes(&mut self, d: &Diff) -> Vec<Block> {
        let tr = self.tr;
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Vergleich mit der Prüfung von {} zum Stichtag {}.{}",
                    clean(&d.old.organisation),
                    tr.date(d.old.as_of),
                    if d.unchanged {
                        " Seitdem hat sich nichts verändert."
                    } else {
                        ""
                    }
                ),
                format!(
                    "Compared with the review of {} as of {}.{}",
                    clean(&d.old.organisation),
                    tr.date(d.old.as_of),
                    if d.unchanged {
                        " Nothing has changed since."
                    } else {
                        ""
                    }
                ),
            ),
        }];
        if !d.notes.is_empty() {
            out.push(Block::Note {
                text: format!(
                    "{} {}",
                    tr.pick("Hinweise zum Vergleich:", "Notes on the comparison:"),
                    d.notes
                        .iter()
                        .map(|n| clean(&tr.diff_note(n)))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            });
        }
        // Key figures.
        let sv = &d.sovereignty;
        let mut rows: Vec<Vec<Cell>> = sv
            .dimensions
            .iter()
            .map(|x| {
                vec![
                    Cell::text(self.snapshot_dimension(&x.key)),
                    Cell::num(x.score.old.to_string()),
                    Cell::num(x.score.new.to_string()),
                    self.reading(x.score.direction, x.score.reading),
                ]
            })
            .collect();
        rows.push(vec![
            Cell::text(format!(
                "{} ({} → {})",
                tr.pick("Souveränität gesamt", "Sovereignty total"),
                self.snapshot_level(&sv.level.old),
                self.snapshot_level(&sv.level.new)
            )),
            Cell::num(sv.total.old.to_string()),
            Cell::num(sv.total.new.to_string()),
            self.reading(sv.total.direction, sv.total.reading),
        ]);
        let sp = &d.spend;
        let money_row = |label: String, c: &Change<f64>| {
            vec![
                Cell::text(label),
                Cell::num(self.money(c.old)),
                Cell::num(self.money(c.new)),
                self.reading(c.direction, c.reading),
            ]
        };
        rows.push(money_row(
            tr.pick("Vertragskosten im Jahr", "Annual contract costs")
                .into(),
            &sp.total,
        ));
        rows.push(money_row(
            tr.pick(
                "davon außerhalb vertrauenswürdiger Rechtsräume",
                "of which outside trusted jurisdictions",
            )
            .into(),
            &sp.untrusted_cost,
        ));
        rows.push(vec![
            Cell::text(tr.pick(
                "Anteil außerhalb vertrauenswürdiger Rechtsräume",
                "Share outside trusted jurisdictions",
            )),
            Cell::num(tr.pct(sp.untrusted_share.old)),
            Cell::num(tr.pct(sp.untrusted_share.new)),
            self.reading(sp.untrusted_share.direction, sp.untrusted_share.reading),
        ]);
        rows.push(vec![
            Cell::text(tr.pick("Konzentration (HHI)", "Concentration (HHI)")),
            Cell::num(tr.num(sp.hhi.old, 0)),
            Cell::num(tr.num(sp.hhi.new, 0)),
            self.reading(sp.hhi.direction, sp.hhi.reading),
        ]);
        out.push(Self::table(
            tr.pick("Kennzahlen", "Key figures").into(),
            vec![
                Cell::text(tr.pick("Kennzahl", "Figure")),
                Cell::num(tr.l("previous")),
                Cell::num(tr.l("currently")),
                Cell::text(tr.l("direction")),
            ],
            rows,
            String::new(),
        ));
        // Hotspots.
        let h = &d.hotspots;
        let mut items = Vec::new();
        for x in &h.resolved {
            let why = match x.why {
                Resolved::LeftTopList => say!(
                    self.tr,
                    format!("nicht mehr unter den ersten {}", h.top),
                    format!("no longer in the top {}", h.top),
                ),
                Resolved::NoLongerInUse => {
                    tr.pick("nicht mehr im Einsatz", "no longer in use").into()
                }
                Resolved::Removed => tr
                    .pick("aus dem Modell entfernt", "removed from the model")
                    .into(),
            };
            items.push(Item {
                head: format!("{}:", clean(&x.name)),
                text: say!(
                    self.tr,
                    format!("bisher Rang {}, {why}", x.old_rank),
                    format!("was rank {}, {why}", x.old_rank),
                ),
            });
        }
        for x in &h.new {
            let why = match x.why {
                Entered::Rose => tr.pick("aufgestiegen", "rose"),
                Entered::NowInUse => tr.pick("neu im Einsatz", "now in use"),
                Entered::Added => tr.pick("neu im Modell", "new in the model"),
            };
            items.push(Item {
                head: format!("{}:", clean(&x.name)),
                text: say!(
                    self.tr,
                    format!("neu auf Rang {} ({why})", x.new_rank),
                    format!("new at rank {} ({why})", x.new_rank),
                ),
            });
        }
        for x in &h.moved {
            items.push(Item {
                head: format!("{}:", clean(&x.name)),
                text: say!(
                    self.tr,
                    format!("Rang {} → {}", x.old_rank, x.new_rank),
                    format!("rank {} → {}", x.old_rank, x.new_rank),
                ),
            });
        }
        if !items.is_empty() {
            out.push(Block::Heading {
                text: tr.l("hotspots_changes").into(),
            });
            out.push(Block::Items { items });
        }
        // Systems, vendors, contracts.
        let list = |label: &'static str, names: Vec<String>, out: &mut Vec<Block>| {
            if !names.is_empty() {
                out.push(Block::Items {
                    items: vec![Item {
                        head: format!("{}:", tr.l(label)),
                        text: join_limited(tr, &names),
                    }],
                });
            }
        };
        let has_lists = !d.systems.is_empty() || !d.vendors.is_empty() || !d.contracts.is_empty();
        if has_lists {
            out.push(Block::Heading {
                text: tr
                    .pick(
                        "Systeme, Anbieter und Verträge",
                        "Systems, vendors and contracts",
                    )
                    .into(),
            });
        }
        list(
            "systems_added",
            d.systems.added.iter().map(|s| clean(&s.name)).collect(),
            &mut out,
        );
        list(
            "systems_removed",
            d.systems.removed.iter().map(|s| clean(&s.name)).collect(),
            &mut out,
        );
        let changed: Vec<Vec<Cell>> = d
            .systems
            .changed
            .iter()
            .filter_map(|s| {
                s.lockin.as_ref().map(|c| {
                    vec![
                        Cell::text(clean(&s.name)),
                        Cell::num(tr.num(c.old, 1)),
                        Cell::num(tr.num(c.new, 1)),
                        self.reading(c.direction, c.reading),
                    ]
                })
            })
            .collect();
        if !changed.is_empty() {
            let shown = changed.len().min(MAX_ROWS);
            out.push(Self::table(
                tr.l("systems_changed").into(),
                vec![
                    Cell::text(tr.l("system")),
                    Cell::num(tr.l("previous")),
                    Cell::num(tr.l("currently")),
                    Cell::text(tr.l("direction")),
                ],
                changed[..shown].to_vec(),
                more_rows(tr, shown, changed.len(), "review.json"),
            ));
        }
        list(
            "vendors_added",
            d.vendors.added.iter().map(|v| clean(&v.name)).collect(),
            &mut out,
        );
        list(
            "vendors_removed",
            d.vendors.removed.iter().map(|v| clean(&v.name)).collect(),
            &mut out,
        );
        list(
            "contracts_added",
            d.contracts.added.iter().map(|c| clean(&c.id)).collect(),
            &mut out,
        );
        list(
            "contracts_removed",
            d.contracts.removed.iter().map(|c| clean(&c.id)).collect(),
            &mut out,
        );
        let rows: Vec<Vec<Cell>> =
            d.contracts
                .changed
                .iter()
                .map(|c| {
                    let cost = c.annual_cost.as_ref().map(|x| {
                        format!(
                            "{} → {}",
                            x.old.map(|v| self.money(v)).unwrap_or_else(|| "–".into()),
                            x.new.map(|v| self.money(v)).unwrap_or_else(|| "–".into())
                        )
                    });
                    let decide = c
                        .decision_deadline
                        .as_ref()
                        .map(|x| format!("{} → {}", tr.odate(x.old), tr.odate(x.new)));
                    let status = c.status.as_ref().map(|x| {
                        format!("{} → {}", status_word(tr, &x.old), status_word(tr, &x.new))
                    });
                    vec![
                        Cell::text(clean(&c.id)),
                        Cell::text(cost.unwrap_or_default()),
                        Cell::text(decide.unwrap_or_default()),
                        Cell::text(status.unwrap_or_default()),
                    ]
                })
                .collect();
        if !rows.is_empty() {
            let shown = rows.len().min(MAX_ROWS);
            out.push(Self::table(
                tr.l("contracts_changed").into(),
                self.head(&["contract", "annual_cost", "decide_by", "status"]),
                rows[..shown].to_vec(),
                more_rows(tr, shown, rows.len(), "review.json"),
            ));
        }
        out
    }
}
