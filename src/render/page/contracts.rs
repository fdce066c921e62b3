//! Section 4: contracts and deadlines, and the EU Data Act findings.

use super::*;

impl Builder<'_> {
    pub(super) fn contracts(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let d = &r.deadlines;
        let count = |s: Status| d.contracts.iter().filter(|c| c.status == s).count();
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Für jeden Vertrag: das nächste Vertragsende, zu dem ein Ausstieg möglich ist, bis wann gekündigt werden muss, und die Entscheidungsfrist: das nächste Vertragsende abzüglich der Wechseldauer (80. Perzentil des Ausstiegsplans der abgedeckten Systeme) oder die Kündigungsfrist, wenn sie früher liegt. „Überfällig“: die Entscheidungsfrist ist verstrichen. „Fällig“: sie liegt vor der nächsten Prüfung am {}. Stand: {} überfällig, {} fällig, {} später, {} abgelaufen.",
                    tr.odate(d.horizon_end),
                    count(Status::Overdue),
                    count(Status::Due),
                    count(Status::Ok),
                    count(Status::Expired)
                ),
                format!(
                    "For each contract: the next term end at which it can be left, the last day to give notice, and the decision deadline: the next exit minus the migration time (80th percentile of the exit plan of the systems it covers), or the notice deadline if that is earlier. “Overdue”: the decision deadline has passed. “Due”: it falls before the next review on {}. Now: {} overdue, {} due, {} later, {} expired.",
                    tr.odate(d.horizon_end),
                    count(Status::Overdue),
                    count(Status::Due),
                    count(Status::Ok),
                    count(Status::Expired)
                ),
            ),
        }];
        let shown = d.contracts.len().min(MAX_CONTRACT_ROWS);
        let rows = d.contracts[..shown]
            .iter()
            .map(|c| {
                vec![
                    Cell::text(tr.contract_status(c.status)).tone(status_tone(c.status)),
                    Cell::text(clean(c.name.as_deref().unwrap_or(&c.id))),
                    Cell::text(clean(&c.vendor_name)),
                    Cell::num(
                        c.annual_cost
                            .map(|x| self.money(x))
                            .unwrap_or_else(|| "–".into()),
                    ),
                    Cell::short(tr.odate(c.next_exit)),
                    Cell::short(tr.odate(c.notice_deadline)),
                    Cell::num(tr.span(c.p80_days)),
                    Cell::short(tr.odate(c.decision_deadline)),
                    Cell::short(tr.odate(c.feasible_exit)),
                ]
            })
            .collect();
        out.push(Self::table(
            String::new(),
            self.head(&[
                "status",
                "contract",
                "vendor",
                "annual_cost",
                "next_exit",
                "notice_by",
                "migration_p80",
                "decide_by",
                "earliest_exit",
            ]),
            rows,
            {
                let mut n = tr
                    .pick(
                        "Alle Fristen stehen auch in deadlines.ics, mit Erinnerungen 90 und 30 Tage vorher.",
                        "Every deadline is also in deadlines.ics, with reminders 90 and 30 days before.",
                    )
                    .to_string();
                let more = more_rows(tr, shown, d.contracts.len(), "review.json");
                if !more.is_empty() {
                    n.push(' ');
                    n.push_str(&more);
                }
                n
            },
        ));
        self.figure("deadlines", &mut out);
        out.push(Block::Heading {
            text: tr.l("data_act").into(),
        });
        if d.data_act.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick(
                        "Keine Befunde: Die Cloud-Verträge des Modells halten die geprüften Regeln ein (höchstens zwei Monate Kündigungsfrist, mindestens 30 Tage zum Datenabruf, kein Wechselentgelt ab dem 12.01.2027).",
                        "No findings: the model's cloud contracts meet the rules checked (at most two months' notice, at least 30 days to retrieve data, no switching charge from 12 Jan 2027).",
                    )
                    .into(),
            });
        } else {
            let vendor_names: BTreeMap<&str, &str> = d
                .contracts
                .iter()
                .map(|c| (c.id.as_str(), c.vendor_name.as_str()))
                .collect();
            let contract_names: BTreeMap<&str, &str> = d
                .contracts
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_deref().unwrap_or(&c.id)))
                .collect();
            let shown = d.data_act.len().min(MAX_ROWS);
            let rows = d.data_act[..shown]
                .iter()
                .map(|f| {
                    vec![
                        Cell::text(clean(
                            contract_names
                                .get(f.contract.as_str())
                                .copied()
                                .unwrap_or(&f.contract),
                        )),
                        Cell::text(clean(
                            vendor_names
                                .get(f.contract.as_str())
                                .copied()
                                .unwrap_or(&f.vendor),
                        )),
                        Cell::text(tr.data_act(&f.issue)),
                        Cell::short(tr.article(f.article)),
                    ]
                })
                .collect();
            out.push(Self::table(
                String::new(),
                self.head(&["contract", "vendor", "finding", "article"]),
                rows,
                {
                    let mut n = tr
                        .pick(
                            "Verordnung (EU) 2023/2854, Kapitel VI, für Cloud-Verträge. Die Prüfung ist ein Hinweis, keine Rechtsberatung.",
                            "Regulation (EU) 2023/2854, chapter VI, for cloud contracts. The check is indicative, not legal advice.",
                        )
                        .to_string();
                    let more = more_rows(tr, shown, d.data_act.len(), "review.json");
                    if !more.is_empty() {
                        n.push(' ');
                        n.push_str(&more);
                    }
                    n
                },
            ));
        }
        out
    }
}
