//! Section 4: contracts and deadlines, and the EU Data Act findings.

use super::*;

impl Builder<'_> {
    pub(super) fn contracts(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let d = &r.deadlines;
        let count = |s: Status| d.contracts.iter().filter(|c| c.status == s).count();
        let open = d.open_decisions().count();
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Für jeden Vertrag: wie der Ausstieg ginge (Ablösung, Umzug zu einem anderen Betreiber, anderer Wartungspartner oder Eigenbetrieb), das früheste Vertragsende, zu dem er erreichbar ist, bis wann gekündigt werden muss, und bis wann der Wechsel beginnen muss: das Vertragsende abzüglich der Dauer des Ausstiegsplans der abgedeckten Systeme (80. Perzentil), oder die Kündigungsfrist, wenn sie früher abläuft. Zu entscheiden sind die Verträge ohne aktuellen Beschluss, deren Wechsel vor der nächsten Prüfung am {} beginnen müsste: {}. Bewusst verlängert: {}; Ausstieg beschlossen: {}; vorgeschrieben: {}; beendet: {}.",
                    tr.odate(d.horizon_end),
                    tr.int(open),
                    tr.int(count(Status::Renewed)),
                    tr.int(count(Status::Leaving)),
                    tr.int(count(Status::Mandated)),
                    tr.int(count(Status::Ended))
                ),
                format!(
                    "For each contract: how it would be left (replace, rehost with another operator, another support provider, or take it in-house), the earliest exit still reachable, the last day to give notice, and the last day to start the switch: the exit minus the duration of the exit plan of the systems it covers (80th percentile), or the notice deadline if that is earlier. To decide are the contracts without a current decision whose switch would have to start before the next review on {}: {}. Renewed on purpose: {}; exit decided: {}; mandated: {}; ended: {}.",
                    tr.odate(d.horizon_end),
                    tr.int(open),
                    tr.int(count(Status::Renewed)),
                    tr.int(count(Status::Leaving)),
                    tr.int(count(Status::Mandated)),
                    tr.int(count(Status::Ended))
                ),
            ),
        }];
        let shown = d.contracts.len().min(MAX_CONTRACT_ROWS);
        let rows = d.contracts[..shown]
            .iter()
            .map(|c| {
                let leave = match c.status {
                    Status::Overdue => c.feasible_exit,
                    Status::Ended => c.ended_on,
                    Status::Renewed => c.renewed_until,
                    _ => c.next_exit,
                };
                vec![
                    Cell::text(tr.contract_status(c.status)).tone(status_tone(c.status)),
                    Cell::text(clean(c.name.as_deref().unwrap_or(&c.id))),
                    Cell::text(clean(&c.vendor_name)),
                    Cell::num(
                        c.annual_cost
                            .map(|x| self.money(x))
                            .unwrap_or_else(|| "–".into()),
                    ),
                    Cell::text(c.exit_kind.map(|k| tr.exit_kind(k)).unwrap_or("–")),
                    Cell::short(tr.odate(leave)),
                    Cell::short(tr.odate(c.notice_deadline)),
                    Cell::num(if c.steps.is_empty() || c.status == Status::Ended {
                        "–".to_string()
                    } else {
                        tr.span(c.p80_days)
                    }),
                    Cell::short(tr.odate(c.act_by)),
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
                "exit_kind",
                "leave_on",
                "notice_by",
                "migration_p80",
                "act_by",
            ]),
            rows,
            {
                let mut n = tr
                    .pick(
                        "Alle Fristen stehen auch in deadlines.ics, mit Erinnerungen 90 und 30 Tage vorher. „Ende verpasst“: das nächste Vertragsende ist nicht mehr erreichbar; „Ende zum“ nennt dann das früheste noch erreichbare.",
                        "Every deadline is also in deadlines.ics, with reminders 90 and 30 days before. “Exit missed”: the next exit is no longer reachable; “leave on” then gives the earliest one still reachable.",
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
        let decided: Vec<&crate::analysis::deadlines::ContractDeadline> = d
            .contracts
            .iter()
            .filter(|c| matches!(c.status, Status::Renewed | Status::Leaving))
            .collect();
        if !decided.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick("Beschlossene Verträge:", "Decided contracts:")
                    .to_string(),
            });
            out.push(Block::Items {
                items: decided
                    .iter()
                    .map(|c| Item {
                        head: format!("{}.", clean(c.name.as_deref().unwrap_or(&c.id))),
                        text: clean(&tr.contract_action(c)),
                    })
                    .collect(),
            });
        }
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
