//! The first page (section 1): the findings in plain words and the
//! recommended decisions (*Beschlussvorschlag*) as a numbered table with
//! the role that decides, the date and the money, from
//! [`crate::analysis::council`].

use super::*;
use crate::analysis::council::{ContractAction, Finding, Recommendation, Role, Subject};

impl Builder<'_> {
    pub(super) fn first_page(&mut self) -> Vec<Block> {
        let (tr, c) = (self.tr, &self.r.council);
        let mut out = vec![Block::Heading {
            text: tr.pick("Befunde", "Findings").into(),
        }];
        out.push(Block::Items {
            items: c.findings.iter().map(|f| self.finding(f)).collect(),
        });
        out.push(Block::Heading {
            text: tr
                .pick("Beschlussvorschlag", "Recommended decisions")
                .into(),
        });
        if c.recommendations.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick(
                        "Vor der nächsten Prüfung ist nichts zu beschließen.",
                        "Nothing needs a decision before the next review.",
                    )
                    .into(),
            });
            return out;
        }
        let rows = c
            .recommendations
            .iter()
            .map(|x| {
                vec![
                    Cell::num(format!("{}.", x.number)),
                    Cell::text(self.recommendation(x)),
                    Cell::text(role(tr, x.role)),
                    if x.at_once {
                        Cell::short(tr.pick("sofort", "at once")).tone("bad")
                    } else {
                        Cell::short(tr.date(x.decide_by))
                    },
                    Cell::text(self.money_of(x)),
                ]
            })
            .collect();
        let mut note = say!(
            tr,
            format!(
                "Sortiert nach dem Datum, bis zu dem zu entscheiden ist. Einmalkosten: geschätzte Wechselkosten{}; „im Jahr“: laufende Vertragskosten, die an der Entscheidung hängen.",
                self.see("exit-plans")
            ),
            format!(
                "Ordered by the date by which to decide. One-off: estimated switch costs{}; “a year”: running contract costs that depend on the decision.",
                self.see("exit-plans")
            ),
        );
        if c.more_contract_decisions > 0 {
            note.push(' ');
            note.push_str(&say!(
                tr,
                format!(
                    "… und {} weitere Vertragsentscheidungen{}.",
                    tr.int(c.more_contract_decisions),
                    self.see_in("contracts")
                ),
                format!(
                    "… and {} more contract decisions{}.",
                    tr.int(c.more_contract_decisions),
                    self.see_in("contracts")
                ),
            ));
        }
        out.push(Self::table(
            String::new(),
            vec![
                Cell::text(tr.pick("Nr.", "No.")),
                Cell::text(tr.pick("Beschluss", "Decision")),
                Cell::text(tr.pick("Zuständig", "Decided by")),
                Cell::text(tr.pick("Entscheiden bis", "Decide by")),
                Cell::text(tr.pick("Betrag", "Money")),
            ],
            rows,
            note,
        ));
        out
    }

    fn money_of(&self, x: &Recommendation) -> String {
        let tr = self.tr;
        let mut parts = Vec::new();
        if let Some(o) = x.one_off_cost {
            parts.push(say!(
                tr,
                format!("einmalig {}", self.money(o)),
                format!("{} one-off", self.money(o)),
            ));
        }
        if let Some(a) = x.annual_cost {
            parts.push(match (&x.subject, tr.lang()) {
                (Subject::ExitStrategy { .. }, Lang::De) => {
                    format!("spart {} im Jahr", self.money(a))
                }
                (Subject::ExitStrategy { .. }, Lang::En) => {
                    format!("saves {} a year", self.money(a))
                }
                (_, Lang::De) => format!("{} im Jahr", self.money(a)),
                (_, Lang::En) => format!("{} a year", self.money(a)),
            });
        }
        if parts.is_empty() {
            "–".into()
        } else {
            parts.join("; ")
        }
    }

    fn recommendation(&self, x: &Recommendation) -> String {
        let tr = self.tr;
        match &x.subject {
            Subject::ContractDecision {
                name,
                vendor_name,
                action,
                exit_on,
                exit_kind,
                ..
            } => {
                let (name, vendor) = (clean(name), clean(vendor_name));
                let exit = tr.odate(*exit_on);
                let how = exit_kind
                    .map(|k| format!(" ({})", tr.exit_kind(k)))
                    .unwrap_or_default();
                match action {
                    ContractAction::SwitchOrRenew => say!(
                        tr,
                        format!(
                            "{name} ({vendor}): entscheiden, ob zum Vertragsende am {exit} gewechselt{how} oder bewusst verlängert wird."
                        ),
                        format!(
                            "{name} ({vendor}): decide whether to switch{how} by the contract end on {exit} or to renew on purpose."
                        ),
                    ),
                    ContractAction::DecideForLaterExit => say!(
                        tr,
                        format!(
                            "{name} ({vendor}): das nächste Vertragsende ist verpasst; entscheiden, ob zum frühesten erreichbaren am {exit} gewechselt{how} wird."
                        ),
                        format!(
                            "{name} ({vendor}): the next contract end is missed; decide whether to switch{how} by the earliest reachable one on {exit}."
                        ),
                    ),
                    ContractAction::ExtendOrBridge => say!(
                        tr,
                        format!(
                            "{name} ({vendor}): der Vertrag endet, bevor ein Wechsel fertig wäre; Verlängerung verhandeln oder eine Übergangslösung beschaffen."
                        ),
                        format!(
                            "{name} ({vendor}): the contract ends before a switch could be finished; negotiate an extension or procure a bridge."
                        ),
                    ),
                }
            }
            Subject::ExitStrategy {
                name,
                systems,
                p80_days,
                payback_years,
                contracts,
                ..
            } => {
                let name = clean(name);
                let payback = match (payback_years, tr.lang()) {
                    (Some(y), Lang::De) => format!(
                        "; rechnet sich brutto (ohne die laufenden Kosten der Alternative) nach {}",
                        tr.span_dative(y * DAYS_PER_YEAR)
                    ),
                    (Some(y), Lang::En) => format!(
                        "; gross payback (not counting the running costs of the alternative) after {}",
                        tr.span(y * DAYS_PER_YEAR)
                    ),
                    (None, _) => String::new(),
                };
                let mut text = say!(
                    tr,
                    format!(
                        "Ausstieg aus {name} vorbereiten und die Mittel einplanen: {}, Dauer mit 80 % Wahrscheinlichkeit höchstens {}{payback}.",
                        tr.systems(*systems),
                        tr.span(*p80_days)
                    ),
                    format!(
                        "Prepare the exit from {name} and plan its budget: {}, taking at most {} (80% likely){payback}.",
                        tr.systems(*systems),
                        tr.span(*p80_days)
                    ),
                );
                if !contracts.is_empty() {
                    let names: Vec<String> = contracts.iter().map(|c| clean(c)).collect();
                    text.push(' ');
                    text.push_str(&say!(
                        tr,
                        format!(
                            "Schließt die Entscheidung über {} ein.",
                            join_limited(tr, &names)
                        ),
                        format!("Includes the decision on {}.", join_limited(tr, &names)),
                    ));
                }
                text
            }
            Subject::PlanYear {
                year,
                moves,
                worst_before,
                worst_after,
                risk_before,
                risk_after,
            } => {
                let names: Vec<String> = moves.iter().map(|m| clean(m)).collect();
                let worst = if worst_after < worst_before {
                    say!(
                        tr,
                        format!(
                            " fallen im schlimmsten Szenario {} statt {} aus, und",
                            tr.count(*worst_after, "Dienst", "Dienste", "", ""),
                            tr.int(*worst_before)
                        ),
                        format!(
                            " {} instead of {} are down in the worst scenario, and",
                            tr.services(*worst_after),
                            tr.int(*worst_before)
                        )
                    )
                } else {
                    String::new()
                };
                say!(
                    tr,
                    format!(
                        "Das Jahr {year} des Mehrjahresplans beschließen: {} ({}); sind sie abgeschlossen,{worst} sinkt das Risikomaß von {} auf {}{}.",
                        tr.count(names.len(), "Wechsel", "Wechsel", "", ""),
                        join_limited(tr, &names),
                        tr.num1(*risk_before),
                        tr.num1(*risk_after),
                        self.see("multi-year-plan")
                    ),
                    format!(
                        "Approve year {year} of the multi-year plan: {} ({}); once they are done,{worst} the risk measure falls from {} to {}{}.",
                        tr.count(names.len(), "", "", "move", "moves"),
                        join_limited(tr, &names),
                        tr.num1(*risk_before),
                        tr.num1(*risk_after),
                        self.see("multi-year-plan")
                    ),
                )
            }
            Subject::EmergencyPlan {
                name,
                services_breached,
                ..
            } => {
                let name = clean(name);
                say!(
                    tr,
                    format!(
                        "Notfallplan für das Szenario „{name}“ aufstellen: bei {} würde die tolerierbare Ausfallzeit überschritten{}.",
                        tr.count(*services_breached, "Dienst", "Diensten", "", ""),
                        self.see("scenarios")
                    ),
                    format!(
                        "Draw up an emergency plan for the scenario “{name}”: {} would be down longer than tolerable{}.",
                        tr.services(*services_breached),
                        self.see("scenarios")
                    ),
                )
            }
        }
    }

    fn finding(&self, f: &Finding) -> Item {
        let tr = self.tr;
        match f {
            Finding::Dependence {
                total,
                max,
                level,
                weakest,
                untrusted_cost,
                untrusted_share,
            } => {
                let weakest: Vec<String> =
                    weakest.iter().map(|k| tr.quote(tr.dimension(*k))).collect();
                Item {
                    head: tr.pick("Wie abhängig.", "How dependent.").into(),
                    text: say!(
                        tr,
                        format!(
                            "{total} von {max} Punkten in der Souveränitäts-Selbstprüfung, Stufe „{}“; am schwächsten: {}. {} im Jahr ({} der Vertragskosten) fließen an Konzerne außerhalb der vertrauenswürdigen Rechtsräume.",
                            tr.level(*level),
                            tr.and_list(&weakest),
                            self.money(*untrusted_cost),
                            tr.pct(*untrusted_share)
                        ),
                        format!(
                            "{total} of {max} points in the sovereignty self-check, level “{}”; weakest: {}. {} a year ({} of contract costs) go to groups outside the trusted jurisdictions.",
                            tr.level(*level),
                            tr.and_list(&weakest),
                            self.money(*untrusted_cost),
                            tr.pct(*untrusted_share)
                        ),
                    ),
                }
            }
            Finding::LargestRisks { groups } => {
                let parts: Vec<String> = groups
                    .iter()
                    .map(|g| {
                        let mut why = Vec::new();
                        if g.untrusted {
                            why.push(
                                tr.pick(
                                    "außerhalb der vertrauenswürdigen Rechtsräume",
                                    "outside the trusted jurisdictions",
                                )
                                .to_string(),
                            );
                        }
                        if g.single_point_for > 0 {
                            why.push(say!(
                                tr,
                                format!(
                                    "stoppt allein {}",
                                    tr.count(
                                        g.single_point_for,
                                        "wichtigen Dienst",
                                        "wichtige Dienste",
                                        "",
                                        ""
                                    )
                                ),
                                format!(
                                    "alone stops {}",
                                    tr.count(
                                        g.single_point_for,
                                        "",
                                        "",
                                        "important service",
                                        "important services"
                                    )
                                ),
                            ));
                        }
                        if g.annual_cost > 0.0 {
                            why.push(say!(
                                tr,
                                format!("{} im Jahr", self.money(g.annual_cost)),
                                format!("{} a year", self.money(g.annual_cost)),
                            ));
                        }
                        if why.is_empty() {
                            clean(&g.name)
                        } else {
                            format!("{} ({})", clean(&g.name), why.join(", "))
                        }
                    })
                    .collect();
                Item {
                    head: tr.pick("Größte Risiken.", "Largest risks.").into(),
                    text: say!(
                        tr,
                        format!(
                            "Am schwersten zu ersetzen sind die Anbietergruppen {}.",
                            tr.and_list(&parts)
                        ),
                        format!(
                            "The vendor groups hardest to replace are {}.",
                            tr.and_list(&parts)
                        ),
                    ),
                }
            }
            Finding::WorstScenario {
                name,
                services_down,
                services_total,
                critical_services_down,
                services_breached,
                first_down,
                longest_outage_days,
                without_way_back,
            } => {
                let name = clean(name);
                let from = first_down
                    .map(|d| {
                        say!(
                            tr,
                            format!(" ab dem {}", tr.date(d)),
                            format!(" from {}", tr.date(d)),
                        )
                    })
                    .unwrap_or_default();
                let mut text = say!(
                    tr,
                    format!(
                        "Im schlimmsten Szenario, „{name}“, {}{from} {} von {} Diensten aus, {} davon wichtig.",
                        if *services_down == 1 { "fällt" } else { "fallen" },
                        tr.int(*services_down),
                        tr.int(*services_total),
                        tr.int(*critical_services_down)
                    ),
                    format!(
                        "In the worst scenario, “{name}”, {} of {} services stop{from}, {} of them important.",
                        tr.int(*services_down),
                        tr.int(*services_total),
                        tr.int(*critical_services_down)
                    ),
                );
                if let Some(d) = longest_outage_days {
                    text.push(' ');
                    text.push_str(&say!(
                        tr,
                        format!("Der längste Ausfall dauert {}.", tr.span(*d)),
                        format!("The longest outage lasts {}.", tr.span(*d)),
                    ));
                }
                if *without_way_back > 0 {
                    text.push(' ');
                    text.push_str(&say!(
                        tr,
                        format!(
                            "Für {} ist kein Weg zurück bekannt.",
                            one_or(tr, *without_way_back, "einen Dienst", "Dienste")
                        ),
                        format!(
                            "For {} no way back is known.",
                            tr.count(*without_way_back, "", "", "service", "services")
                        ),
                    ));
                }
                if *services_breached > 0 {
                    text.push(' ');
                    text.push_str(&say!(
                        tr,
                        format!(
                            "Bei {} würde die tolerierbare Ausfallzeit überschritten.",
                            tr.count(*services_breached, "Dienst", "Diensten", "", "")
                        ),
                        format!(
                            "{} would be down longer than tolerable.",
                            tr.services(*services_breached)
                        ),
                    ));
                }
                Item {
                    head: tr.pick("Schlimmster Fall.", "Worst case.").into(),
                    text,
                }
            }
            Finding::NoWorstScenario { scenarios } => Item {
                head: tr.pick("Schlimmster Fall.", "Worst case.").into(),
                text: if *scenarios == 0 {
                    tr.pick(
                        "Das Modell enthält keine Notfallszenarien; was der Ausfall eines Anbieters bedeuten würde, ist nicht geprüft.",
                        "The model has no emergency scenarios; what the loss of a vendor would mean is not examined.",
                    )
                } else {
                    tr.pick(
                        "Kein Szenario des Modells stoppt einen Dienst.",
                        "No scenario of the model stops a service.",
                    )
                }
                .into(),
            },
            Finding::DecisionsDue {
                contracts,
                overdue,
                annual_cost,
                next_review,
                first_act_by,
            } => {
                let next = tr.odate(*next_review);
                let mut text = if *contracts == 0 {
                    say!(
                        tr,
                        format!(
                            "Bis zur nächsten Prüfung am {next} braucht kein Vertrag eine Entscheidung."
                        ),
                        format!(
                            "No contract needs a decision before the next review on {next}."
                        ),
                    )
                } else {
                    let first = match first_act_by {
                        Some(d) if *d <= self.r.as_of => {
                            tr.pick("die erste sofort", "the first at once").to_string()
                        }
                        Some(d) => say!(
                            tr,
                            format!("die erste bis {}", tr.date(*d)),
                            format!("the first by {}", tr.date(*d)),
                        ),
                        None => String::new(),
                    };
                    say!(
                        tr,
                        format!(
                            "Bis zur nächsten Prüfung am {next} ist über {} mit zusammen {} im Jahr zu entscheiden, {first}.",
                            one_or(tr, *contracts, "einen Vertrag", "Verträge"),
                            self.money(*annual_cost)
                        ),
                        format!(
                            "Before the next review on {next}, {} worth {} a year need a decision, {first}.",
                            tr.count(*contracts, "", "", "contract", "contracts"),
                            self.money(*annual_cost)
                        ),
                    )
                };
                if *overdue > 0 {
                    text.push(' ');
                    text.push_str(&say!(
                        tr,
                        format!(
                            "Bei {} ist das nächste Vertragsende schon nicht mehr erreichbar.",
                            tr.int(*overdue)
                        ),
                        format!(
                            "For {} the next contract end can no longer be reached.",
                            tr.int(*overdue)
                        ),
                    ));
                }
                Item {
                    head: tr.pick("Zu entscheiden.", "To decide.").into(),
                    text,
                }
            }
            Finding::ExitCost {
                groups,
                one_off_cost,
                annual_savings,
            } => Item {
                head: tr.pick("Was es kostet.", "What it costs.").into(),
                text: say!(
                    tr,
                    format!(
                        "Der Ausstieg aus {} kostet einmalig etwa {}; danach fallen {} laufende Vertragskosten im Jahr weg{}.",
                        if *groups == 1 {
                            "der größten Abhängigkeit".to_string()
                        } else {
                            format!("den {} größten Abhängigkeiten", tr.int(*groups))
                        },
                        tr.money_about(*one_off_cost, &self.r.organisation.currency),
                        self.money(*annual_savings),
                        self.see("exit-plans")
                    ),
                    format!(
                        "Leaving the {} costs about {} one-off; afterwards {} of running contract costs a year fall away{}.",
                        if *groups == 1 {
                            "largest dependency".to_string()
                        } else {
                            format!("{} largest dependencies", tr.int(*groups))
                        },
                        tr.money_about(*one_off_cost, &self.r.organisation.currency),
                        self.money(*annual_savings),
                        self.see("exit-plans")
                    ),
                ),
            },
        }
    }
}

/// The word of a role.
fn role(tr: Tr, r: Role) -> &'static str {
    match r {
        Role::Council => tr.pick("Gemeinderat", "Council"),
        Role::ItManagement => tr.pick("IT-Leitung", "IT management"),
        Role::Procurement => tr.pick("Vergabestelle", "Procurement"),
        Role::EmergencyPlanning => tr.pick("IT-Notfallplanung", "Emergency planning"),
    }
}

/// `one` for 1 ("einen Dienst"), else the number and `many` ("3 Dienste").
fn one_or(tr: Tr, n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        format!("{} {many}", tr.int(n))
    }
}
