//! Progress since the last review (the second page, and the body of
//! `exitgraph progress`): what was recommended and what happened, the
//! measures with their budgets, and the numbers that moved, from
//! [`crate::analysis::progress`].

use super::*;
use crate::analysis::progress::{Figure as Num, Outcome, PastSubject, Progress};
use crate::model::MeasureStatus;

impl Builder<'_> {
    pub(super) fn progress(&mut self, p: &Progress) -> Vec<Block> {
        let tr = self.tr;
        let mut out = vec![Block::Para {
            text: match p.since {
                Some(d) => say!(
                    tr,
                    format!(
                        "Verglichen wird mit der Prüfung vom {}: was sie vorgeschlagen hat, was daraus geworden ist, was die Maßnahmen kosten und welche Kennzahlen sich bewegt haben.",
                        tr.date(d)
                    ),
                    format!(
                        "Compared with the review of {}: what it recommended, what became of it, what the measures cost and which figures moved.",
                        tr.date(d)
                    ),
                ),
                None => tr
                    .pick(
                        "Ohne frühere Prüfung zum Vergleich: nur die Maßnahmen des Modells.",
                        "No earlier review to compare with: the model's measures only.",
                    )
                    .into(),
            },
        }];
        if p.since.is_some() {
            out.push(Block::Heading {
                text: tr
                    .pick(
                        "Was empfohlen wurde und was daraus wurde",
                        "What was recommended and what became of it",
                    )
                    .into(),
            });
            if p.recommended.is_empty() {
                out.push(Block::Para {
                    text: tr
                        .pick(
                            "Die letzte Prüfung enthält keinen Beschlussvorschlag.",
                            "The last review holds no recommended decisions.",
                        )
                        .into(),
                });
            } else {
                let measure_names: BTreeMap<&str, &str> = p
                    .measures
                    .iter()
                    .map(|m| (m.id.as_str(), m.name.as_str()))
                    .collect();
                let rows = p
                    .recommended
                    .iter()
                    .map(|f| {
                        let r = &f.recommendation;
                        let (word, tone) = outcome(tr, f.outcome);
                        let ms: Vec<String> = f
                            .measures
                            .iter()
                            .map(|id| clean(measure_names.get(id.as_str()).copied().unwrap_or(id)))
                            .collect();
                        vec![
                            Cell::num(format!("{}.", r.number)),
                            Cell::text(past_subject(tr, &r.subject)),
                            Cell::short(tr.date(r.decide_by)),
                            Cell::text(word).tone(tone),
                            Cell::text(if ms.is_empty() {
                                "–".to_string()
                            } else {
                                join_limited(tr, &ms)
                            }),
                        ]
                    })
                    .collect();
                out.push(Self::table(
                    String::new(),
                    vec![
                        Cell::text(tr.pick("Nr.", "No.")),
                        Cell::text(tr.pick("Empfehlung", "Recommendation")),
                        Cell::text(tr.pick("Entscheiden bis", "Decide by")),
                        Cell::text(tr.pick("Stand", "Status")),
                        Cell::text(tr.pick("Maßnahmen", "Measures")),
                    ],
                    rows,
                    tr.pick(
                        "Stand: aus den Maßnahmen des Modells, die den Vertrag oder ein System der Anbietergruppe nennen; ohne Maßnahme aus dem Vertragsstatus oder dem Szenario. „Verspätet“: das Datum ist verstrichen.",
                        "Status: from the model's measures that name the contract or a system of the vendor group; without one, from the contract's status or the scenario. “Late”: the date has passed.",
                    )
                    .into(),
                ));
            }
        }
        out.push(Block::Heading {
            text: tr
                .pick("Maßnahmen und Budget", "Measures and budget")
                .into(),
        });
        if p.measures.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick(
                        "Das Modell verzeichnet keine Maßnahmen (`[[measure]]`).",
                        "The model records no measures (`[[measure]]`).",
                    )
                    .into(),
            });
        } else {
            let shown = p.measures.len().min(MAX_ROWS);
            let rows = p.measures[..shown]
                .iter()
                .map(|m| {
                    let (word, tone) = measure_status(tr, m.status, m.late);
                    vec![
                        Cell::text(clean(&m.name)),
                        Cell::text(if m.concerns.is_empty() {
                            "–".to_string()
                        } else {
                            let c: Vec<String> = m.concerns.iter().map(|x| clean(x)).collect();
                            join_limited(tr, &c)
                        }),
                        Cell::text(word).tone(tone),
                        Cell::short(tr.odate(m.due)),
                        Cell::num(
                            m.budget
                                .map(|x| self.money(x))
                                .unwrap_or_else(|| "–".into()),
                        ),
                        Cell::num(m.spent.map(|x| self.money(x)).unwrap_or_else(|| "–".into()))
                            .tone(if m.over_budget { "bad" } else { "" }),
                        Cell::text(m.owner.as_deref().map(clean).unwrap_or_else(|| "–".into())),
                    ]
                })
                .collect();
            let note = more_rows(tr, shown, p.measures.len(), "review.json");
            out.push(Self::table(
                String::new(),
                vec![
                    Cell::text(tr.pick("Maßnahme", "Measure")),
                    Cell::text(tr.pick("Betrifft", "Concerns")),
                    Cell::text(tr.pick("Stand", "Status")),
                    Cell::text(tr.pick("Fällig", "Due")),
                    Cell::text(tr.pick("Budget", "Budget")),
                    Cell::text(tr.pick("Ausgegeben", "Spent")),
                    Cell::text(tr.pick("Verantwortlich", "Owner")),
                ],
                rows,
                note,
            ));
            let share = if p.budget > 0.0 {
                say!(
                    tr,
                    format!(" ({} des Budgets)", tr.pct(p.spent / p.budget)),
                    format!(" ({} of the budget)", tr.pct(p.spent / p.budget)),
                )
            } else {
                String::new()
            };
            out.push(Block::Para {
                text: say!(
                    tr,
                    format!(
                        "Budget der nicht aufgegebenen Maßnahmen: {}; ausgegeben: {}{share}. Über dem Budget: {}; verspätet: {}.",
                        self.money(p.budget),
                        self.money(p.spent),
                        tr.int(p.over_budget),
                        tr.int(p.late)
                    ),
                    format!(
                        "Budget of the measures not dropped: {}; spent: {}{share}. Over budget: {}; late: {}.",
                        self.money(p.budget),
                        self.money(p.spent),
                        tr.int(p.over_budget),
                        tr.int(p.late)
                    ),
                ),
            });
        }
        if p.since.is_some() {
            out.push(Block::Heading {
                text: tr.pick("Was sich bewegt hat", "What moved").into(),
            });
            if p.moved.is_empty() {
                out.push(Block::Para {
                    text: tr
                        .pick(
                            "Keine der Kennzahlen hat sich verändert.",
                            "None of the figures changed.",
                        )
                        .into(),
                });
            } else {
                let rows = p
                    .moved
                    .iter()
                    .map(|x| {
                        let f = |v: f64| self.figure_value(x.figure, v);
                        let (word, tone) = match x.reading {
                            Some(crate::analysis::diff::Reading::Better) => {
                                (tr.pick("besser", "better"), "good")
                            }
                            Some(crate::analysis::diff::Reading::Worse) => {
                                (tr.pick("schlechter", "worse"), "bad")
                            }
                            None => ("–", ""),
                        };
                        vec![
                            Cell::text(figure_name(tr, x.figure)),
                            Cell::num(f(x.old)),
                            Cell::num(f(x.new)),
                            Cell::text(word).tone(tone),
                        ]
                    })
                    .collect();
                out.push(Self::table(
                    String::new(),
                    vec![
                        Cell::text(tr.pick("Kennzahl", "Figure")),
                        Cell::text(tr.l("previous")),
                        Cell::text(tr.pick("jetzt", "now")),
                        Cell::text(tr.pick("Bewertung", "Reading")),
                    ],
                    rows,
                    String::new(),
                ));
            }
        }
        out
    }

    fn figure_value(&self, f: Num, v: f64) -> String {
        let tr = self.tr;
        match f {
            Num::SovereigntyPoints => say!(
                tr,
                format!("{} von 25", tr.num(v, 0)),
                format!("{} of 25", tr.num(v, 0)),
            ),
            Num::AnnualSpend | Num::UntrustedSpend => self.money(v),
            Num::UntrustedShare => tr.pct(v),
            Num::Hhi => tr.num(v, 0),
        }
    }
}

fn figure_name(tr: Tr, f: Num) -> &'static str {
    match f {
        Num::SovereigntyPoints => tr.pick("Souveränität (Punkte)", "Sovereignty (points)"),
        Num::AnnualSpend => tr.pick("Vertragskosten im Jahr", "Contract costs a year"),
        Num::UntrustedSpend => tr.pick(
            "davon außerhalb vertrauenswürdiger Rechtsräume",
            "of which outside trusted jurisdictions",
        ),
        Num::UntrustedShare => tr.pick(
            "Anteil außerhalb vertrauenswürdiger Rechtsräume",
            "Share outside trusted jurisdictions",
        ),
        Num::Hhi => tr.pick(
            "Konzentration der Ausgaben (HHI, 0 bis 10.000)",
            "Spend concentration (HHI, 0 to 10,000)",
        ),
    }
}

fn past_subject(tr: Tr, s: &PastSubject) -> String {
    match s {
        PastSubject::ContractDecision { name, .. } => say!(
            tr,
            format!("Vertrag {}: wechseln oder bewusst verlängern", clean(name)),
            format!("Contract {}: switch or renew on purpose", clean(name)),
        ),
        PastSubject::ExitStrategy { name, .. } => say!(
            tr,
            format!("Ausstieg aus {} vorbereiten", clean(name)),
            format!("Prepare the exit from {}", clean(name)),
        ),
        PastSubject::EmergencyPlan { name, .. } => say!(
            tr,
            format!("Notfallplan für „{}“", clean(name)),
            format!("Emergency plan for “{}”", clean(name)),
        ),
        PastSubject::Other => tr
            .pick(
                "(eine Empfehlung, die diese Version nicht kennt)",
                "(a recommendation this version does not know)",
            )
            .into(),
    }
}

fn outcome(tr: Tr, o: Outcome) -> (String, &'static str) {
    let late = |late: bool, de: &str, en: &str| {
        let w = tr.pick(de, en).to_string();
        if late {
            say!(tr, format!("{w}, verspätet"), format!("{w}, late"))
        } else {
            w
        }
    };
    match o {
        Outcome::Done => (tr.pick("erledigt", "done").into(), "good"),
        Outcome::Running { late: l } => (
            late(l, "in Arbeit", "running"),
            if l { "warn" } else { "good" },
        ),
        Outcome::Planned { late: l } => (
            late(l, "geplant", "planned"),
            if l { "bad" } else { "warn" },
        ),
        Outcome::Dropped => (tr.pick("aufgegeben", "dropped").into(), "bad"),
        Outcome::Decided { status } => (
            say!(
                tr,
                format!("entschieden: {}", tr.contract_status(status)),
                format!("decided: {}", tr.contract_status(status)),
            ),
            "good",
        ),
        Outcome::Resolved => (tr.pick("behoben", "resolved").into(), "good"),
        Outcome::Gone => (
            tr.pick(
                "Vertrag nicht mehr im Modell",
                "contract no longer in the model",
            )
            .into(),
            "",
        ),
        Outcome::Open { late: l } => (late(l, "offen", "open"), if l { "bad" } else { "warn" }),
    }
}

fn measure_status(tr: Tr, s: MeasureStatus, late: bool) -> (String, &'static str) {
    let (w, tone) = match s {
        MeasureStatus::Planned => (tr.pick("geplant", "planned"), "warn"),
        MeasureStatus::Running => (tr.pick("in Arbeit", "running"), "good"),
        MeasureStatus::Done => (tr.pick("erledigt", "done"), "good"),
        MeasureStatus::Dropped => (tr.pick("aufgegeben", "dropped"), ""),
    };
    if late {
        (
            say!(tr, format!("{w}, verspätet"), format!("{w}, late")),
            "bad",
        )
    } else {
        (w.to_string(), tone)
    }
}
