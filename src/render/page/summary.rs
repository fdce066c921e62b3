//! The overview for the council (section 2): key figures, key points, the five dimensions, the largest dependencies and the decisions due.

use super::*;

impl Builder<'_> {
    pub(super) fn summary(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let s = &r.summary;
        let c = &r.counts;
        let org = clean(&r.organisation.name);
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Diese Prüfung zeigt, wie abhängig die IT von ihren Anbietern ist, was ein Ausfall eines Anbieters bedeuten würde und welche Entscheidungen bis zur nächsten Prüfung anstehen. Grundlage ist das Landschaftsmodell von {org} zum Stichtag {}: {} im Einsatz, {}, {} über {} im Jahr und {}.",
                    tr.date(r.as_of),
                    tr.systems(c.in_use),
                    tr.vendors(c.vendors),
                    tr.count(c.contracts, "Vertrag", "Verträge", "", ""),
                    self.money(c.annual_cost),
                    tr.services(c.services),
                ),
                format!(
                    "This review shows for {org} how dependent its IT is on its vendors, what the loss of a vendor would mean, and which decisions are due before the next review. It rests on the landscape model as of {}: {} in use, {}, {} worth {} a year, and {}.",
                    tr.date(r.as_of),
                    tr.systems(c.in_use),
                    tr.vendors(c.vendors),
                    tr.count(c.contracts, "", "", "contract", "contracts"),
                    self.money(c.annual_cost),
                    tr.services(c.services),
                ),
            ),
        }];
        out.push(Block::Kpis { items: self.kpis() });
        out.push(Block::Items {
            items: self.key_points(),
        });
        // The five dimensions at a glance.
        let rows = r
            .sovereignty
            .dimensions
            .iter()
            .map(|d| {
                vec![
                    Cell::text(tr.dimension(d.key)),
                    Cell::text(dots(d.score, 5)).tone(score_tone(d.score)),
                ]
            })
            .chain(std::iter::once(vec![
                Cell::text(format!(
                    "{} ({})",
                    tr.l("total"),
                    tr.level(s.sovereignty.level)
                )),
                Cell::text(format!("{} / {}", s.sovereignty.total, s.sovereignty.max))
                    .tone(level_tone(s.sovereignty.level)),
            ]))
            .collect();
        out.push(Self::table(
            tr.l("sovereignty_title").to_string(),
            self.head(&["dimension", "points"]),
            rows,
            String::new(),
        ));
        // Top hotspots.
        if !s.hotspots.is_empty() {
            let rows = s
                .hotspots
                .iter()
                .map(|h| {
                    vec![
                        Cell::num(tr.int(h.rank)),
                        Cell::text(clean(&h.name)),
                        Cell::text(
                            h.vendor_group_name
                                .as_deref()
                                .map(clean)
                                .unwrap_or_else(|| tr.pick("eigen", "in-house").to_string()),
                        ),
                        Cell::num(tr.num(h.score, 1)),
                        Cell::num(tr.num(h.hotspot, 1)),
                        Cell::text(tr.factor(h.largest_factor)),
                    ]
                })
                .collect();
            out.push(Self::table(
                say!(
                    self.tr,
                    format!("Die {} größten Abhängigkeiten", s.hotspots.len()),
                    format!("The {} largest dependencies", s.hotspots.len()),
                ),
                self.head(&[
                    "rank",
                    "system",
                    "vendor_group",
                    "score",
                    "hotspot",
                    "largest_factor",
                ]),
                rows,
                String::new(),
            ));
        }
        // Decisions.
        let d = &s.decisions;
        if !d.contracts.is_empty() {
            let shown = d
                .contracts
                .len()
                .min(crate::analysis::review::SUMMARY_DECISIONS);
            let rows = d.contracts[..shown]
                .iter()
                .map(|k| {
                    vec![
                        Cell::text(clean(k.name.as_deref().unwrap_or(&k.contract))),
                        Cell::text(clean(&k.vendor_name)),
                        Cell::text(tr.contract_status(k.status)).tone(status_tone(k.status)),
                        match (k.status, k.feasible_exit, k.act_by) {
                            (Status::Overdue, None, _) => Cell::text(tr.pick(
                                "sofort: kein Vertragsende erreichbar",
                                "now: no contract end reachable",
                            )),
                            (_, _, x) => Cell::short(tr.odate(x)),
                        },
                        Cell::short(if k.status == Status::Overdue {
                            tr.odate(k.feasible_exit)
                        } else {
                            tr.odate(k.next_exit)
                        }),
                        Cell::num(
                            k.annual_cost
                                .map(|x| self.money(x))
                                .unwrap_or_else(|| "–".into()),
                        ),
                    ]
                })
                .collect();
            let sec = self.sec("contracts");
            let mut note = say!(
                self.tr,
                format!(
                    "„Handeln bis“: der letzte Tag, um den Wechsel zu beginnen, damit er zum genannten Vertragsende fertig ist; ist das nächste Ende verpasst, für das früheste noch erreichbare. „Kein Vertragsende erreichbar“: der Vertrag endet, bevor ein Wechsel fertig wäre; verlängern oder eine Übergangslösung planen. Bewusst verlängerte Verträge und beschlossene Ausstiege zählen nicht mit (Abschnitt {sec})."
                ),
                format!(
                    "“Act by”: the last day to start the switch so that it is finished by the exit shown; when the next exit is missed, by the earliest one still reachable. “No contract end reachable”: the contract ends before a switch could be finished; extend it or plan a bridge. Contracts renewed on purpose and decided exits do not count (section {sec})."
                ),
            );
            if shown < d.contracts.len() {
                note.push(' ');
                note.push_str(&say!(
                    self.tr,
                    format!(
                        "… und {} weitere Verträge in Abschnitt {sec}.",
                        tr.int(d.contracts.len() - shown)
                    ),
                    format!(
                        "… and {} more contracts in section {sec}.",
                        tr.int(d.contracts.len() - shown)
                    ),
                ));
            }
            out.push(Self::table(
                tr.l("decisions_title").to_string(),
                self.head(&[
                    "contract",
                    "vendor",
                    "status",
                    "act_by",
                    "exit_on",
                    "annual_cost",
                ]),
                rows,
                note,
            ));
        }
        out
    }

    pub(super) fn kpis(&self) -> Vec<Kpi> {
        let (tr, r) = (self.tr, self.r);
        let s = &r.summary;
        let mut out = vec![Kpi {
            label: tr.pick("Souveränität", "Sovereignty").into(),
            value: format!("{} / {}", s.sovereignty.total, s.sovereignty.max),
            note: tr.level(s.sovereignty.level).into(),
            tone: level_tone(s.sovereignty.level),
        }];
        let d = &s.decisions;
        out.push(Kpi {
            label: say!(
                self.tr,
                format!("Entscheidungen bis {}", tr.odate(r.next_review)),
                format!("Decisions by {}", tr.odate(r.next_review)),
            ),
            value: tr.int(d.contracts.len()),
            note: say!(
                self.tr,
                format!(
                    "{} mit verpasstem Ende; {} bewusst verlängert",
                    tr.int(d.overdue),
                    tr.int(d.renewed.len())
                ),
                format!(
                    "{} with a missed exit; {} renewed on purpose",
                    tr.int(d.overdue),
                    tr.int(d.renewed.len())
                ),
            ),
            tone: if d.overdue > 0 {
                "bad"
            } else if d.due > 0 {
                "warn"
            } else {
                "good"
            },
        });
        let sp = &s.spend;
        out.push(Kpi {
            label: tr
                .pick(
                    "Ausgaben außerhalb vertrauenswürdiger Rechtsräume",
                    "Spend outside trusted jurisdictions",
                )
                .into(),
            value: tr.pct(sp.untrusted_share),
            note: say!(
                self.tr,
                format!(
                    "{} von {} im Jahr",
                    self.money(sp.untrusted_cost),
                    self.money(sp.total)
                ),
                format!(
                    "{} of {} a year",
                    self.money(sp.untrusted_cost),
                    self.money(sp.total)
                ),
            ),
            tone: if sp.untrusted_share >= 0.5 {
                "bad"
            } else if sp.untrusted_share > 0.0 {
                "warn"
            } else {
                "good"
            },
        });
        out.push(match &s.worst_scenario {
            Some(w) => Kpi {
                label: tr
                    .pick(
                        "Dienste, die im schlimmsten Szenario ausfallen",
                        "Services that stop in the worst scenario",
                    )
                    .into(),
                value: say!(
                    self.tr,
                    format!(
                        "{} von {}",
                        tr.int(w.services_down),
                        tr.int(w.services_total)
                    ),
                    format!(
                        "{} of {}",
                        tr.int(w.services_down),
                        tr.int(w.services_total)
                    ),
                ),
                note: clean(w.name.as_deref().unwrap_or(&w.scenario)),
                tone: if w.critical_services_down > 0 {
                    "bad"
                } else {
                    "warn"
                },
            },
            None => Kpi {
                label: tr.pick("Schlimmstes Szenario", "Worst scenario").into(),
                value: "0".into(),
                note: if r.counts.scenarios == 0 {
                    tr.pick("keine Szenarien im Modell", "no scenarios in the model")
                } else {
                    tr.pick(
                        "kein Szenario stoppt einen Dienst",
                        "no scenario stops a service",
                    )
                }
                .into(),
                tone: if r.counts.scenarios == 0 { "" } else { "good" },
            },
        });
        out
    }

    pub(super) fn key_points(&self) -> Vec<Item> {
        let (tr, r) = (self.tr, self.r);
        let s = &r.summary;
        let mut items = Vec::new();
        // Sovereignty.
        let sv = &s.sovereignty;
        let weakest: Vec<String> = sv
            .weakest
            .iter()
            .map(|k| tr.quote(tr.dimension(*k)))
            .collect();
        let min = sv.scores.iter().map(|d| d.score).min().unwrap_or(0);
        items.push(Item {
            head: tr.pick("Souveränität.", "Sovereignty.").into(),
            text: say!(self.tr,
                format!(
                    "Die Selbstprüfung in fünf Dimensionen ergibt {} von {} Punkten, die Stufe „{}“ ({}). Am schwächsten: {} ({} von 5 Punkten).",
                    sv.total,
                    sv.max,
                    tr.level(sv.level),
                    tr.level_range(sv.level),
                    tr.and_list(&weakest),
                    min
                ),
                format!(
                    "The self-check in five dimensions gives {} of {} points, the level “{}” ({}). Weakest: {} ({} of 5 points).",
                    sv.total,
                    sv.max,
                    tr.level(sv.level),
                    tr.level_range(sv.level),
                    tr.and_list(&weakest),
                    min
                ),
            ),
        });
        // Worst scenario.
        items.push(Item {
            head: tr.pick("Notfall.", "Emergency.").into(),
            text: match &s.worst_scenario {
                Some(w) => {
                    let name = clean(w.name.as_deref().unwrap_or(&w.scenario));
                    let day = |d: u32| {
                        r.as_of
                            .checked_add_days(chrono::Days::new(u64::from(d)))
                            .map(|x| tr.date(x))
                            .unwrap_or_default()
                    };
                    let first = match (w.first_down_day, self.de()) {
                        (Some(0), true) => "der erste sofort".to_string(),
                        (Some(d), true) => format!("der erste ab dem {}", day(d)),
                        (Some(0), false) => "the first at once".to_string(),
                        (Some(d), false) => format!("the first from {}", day(d)),
                        (None, _) => String::new(),
                    };
                    let breach = if w.services_breached == 0 {
                        say!(self.tr,
                            "Alle wären innerhalb ihrer tolerierbaren Ausfallzeit wieder verfügbar.".into(),
                            "All would be back within their maximum tolerable outage.".into(),
                        )
                    } else {
                        say!(self.tr,
                            format!(
                                "Bei {} würde die tolerierbare Ausfallzeit überschritten.",
                                tr.count(w.services_breached, "Dienst", "Diensten", "", "")
                            ),
                            format!(
                                "{} would be down longer than tolerable.",
                                tr.count(w.services_breached, "", "", "service", "services")
                            ),
                        )
                    };
                    say!(self.tr,
                        format!(
                            "Im schlimmsten Szenario des Modells, „{name}“, stünden {} von {} Diensten still, davon {} mit hoher oder kritischer Bedeutung; {first}. {breach}",
                            w.services_down, w.services_total, w.critical_services_down
                        ),
                        format!(
                            "In the model's worst scenario, “{name}”, {} of {} services would stop, {} of them of high or critical importance; {first}. {breach}",
                            w.services_down, w.services_total, w.critical_services_down
                        ),
                    )
                }
                None if r.counts.scenarios == 0 => tr
                    .pick(
                        "Das Modell enthält keine Notfallszenarien; die Prüfung kann nicht zeigen, was ein Ausfall eines Anbieters bedeuten würde.",
                        "The model has no emergency scenarios; the review cannot show what the loss of a vendor would mean.",
                    )
                    .into(),
                None => tr
                    .pick(
                        "Kein Szenario des Modells stoppt einen Dienst.",
                        "No scenario of the model stops a service.",
                    )
                    .into(),
            },
        });
        // Hotspots.
        if !s.hotspots.is_empty() {
            let names: Vec<String> = s.hotspots.iter().map(|h| clean(&h.name)).collect();
            let spof = r
                .hotspots
                .vendors
                .iter()
                .filter(|v| !v.single_point_for.is_empty())
                .count();
            let mut text = say!(
                self.tr,
                format!(
                    "Am stärksten gebunden, gewichtet nach dem, was darauf beruht, sind {}.",
                    tr.and_list(&names)
                ),
                format!(
                    "Most locked in, weighted by what rests on them: {}.",
                    tr.and_list(&names)
                ),
            );
            if spof > 0 {
                text.push(' ');
                text.push_str(&say!(
                    self.tr,
                    format!(
                        "{} allein kritische Dienste stoppen.",
                        tr.count(
                            spof,
                            "Anbietergruppe kann",
                            "Anbietergruppen können",
                            "",
                            ""
                        )
                    ),
                    format!(
                        "{} can stop critical services on {}.",
                        tr.count(spof, "", "", "vendor group", "vendor groups"),
                        if spof == 1 { "its own" } else { "their own" }
                    ),
                ));
            }
            items.push(Item {
                head: tr.pick("Abhängigkeiten.", "Dependencies.").into(),
                text,
            });
        }
        // Decisions.
        let d = &s.decisions;
        let next = tr.odate(r.next_review);
        items.push(Item {
            head: tr.pick("Fristen.", "Deadlines.").into(),
            text: if d.contracts.is_empty() {
                say!(self.tr,
                    format!("Kein Vertrag braucht vor der nächsten Prüfung am {next} eine Entscheidung."),
                    format!("No contract needs a decision before the next review on {next}."),
                )
            } else {
                let mut t = say!(self.tr,
                    format!(
                        "Bei {} mit zusammen {} im Jahr ist vor der nächsten Prüfung am {next} zu entscheiden, ob gewechselt wird.",
                        tr.count(d.contracts.len(), "Vertrag", "Verträgen", "", ""),
                        self.money(d.annual_cost)
                    ),
                    format!(
                        "{} worth {} a year need a decision on switching before the next review on {next}.",
                        tr.count(d.contracts.len(), "", "", "contract", "contracts"),
                        self.money(d.annual_cost)
                    ),
                );
                if d.overdue > 0 {
                    t.push(' ');
                    t.push_str(&say!(self.tr,
                        format!(
                            "Bei {} davon ist das nächste Vertragsende nicht mehr erreichbar; das früheste erreichbare und den spätesten Beginn nennt Abschnitt {}.",
                            tr.int(d.overdue),
                            self.sec("contracts")
                        ),
                        format!(
                            "For {} of them the next exit is no longer reachable; section {} gives the earliest reachable exit and the latest start.",
                            tr.int(d.overdue),
                            self.sec("contracts")
                        ),
                    ));
                }
                t
            },
        });
        if !d.renewed.is_empty() || !d.leaving.is_empty() {
            let names = |v: &[crate::analysis::review::Decided]| {
                v.iter()
                    .map(|x| clean(x.name.as_deref().unwrap_or(&x.contract)))
                    .collect::<Vec<_>>()
            };
            let mut parts = Vec::new();
            if !d.renewed.is_empty() {
                parts.push(say!(
                    self.tr,
                    format!("bewusst verlängert: {}", tr.and_list(&names(&d.renewed))),
                    format!("renewed on purpose: {}", tr.and_list(&names(&d.renewed))),
                ));
            }
            if !d.leaving.is_empty() {
                parts.push(say!(
                    self.tr,
                    format!("Ausstieg beschlossen: {}", tr.and_list(&names(&d.leaving))),
                    format!("exit decided: {}", tr.and_list(&names(&d.leaving))),
                ));
            }
            items.push(Item {
                head: tr.pick("Beschlossen.", "Decided.").into(),
                text: format!("{}.", parts.join("; ")),
            });
        }
        // Spend.
        let sp = &s.spend;
        let countries: Vec<String> = sp
            .untrusted_countries
            .iter()
            .map(|c| c.to_string())
            .collect();
        let mut text = if sp.total > 0.0 {
            say!(
                self.tr,
                format!(
                    "Von {} jährlichen Vertragskosten fließen {} ({}) an Anbieter, deren Konzern dem Recht eines Staates außerhalb der vertrauenswürdigen Rechtsräume unterliegt{}.",
                    self.money(sp.total),
                    self.money(sp.untrusted_cost),
                    tr.pct(sp.untrusted_share),
                    if countries.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", countries.join(", "))
                    }
                ),
                format!(
                    "Of {} in annual contract costs, {} ({}) go to vendors whose group is subject to the law of a state outside the trusted jurisdictions{}.",
                    self.money(sp.total),
                    self.money(sp.untrusted_cost),
                    tr.pct(sp.untrusted_share),
                    if countries.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", countries.join(", "))
                    }
                ),
            )
        } else {
            tr.pick(
                "Das Modell nennt keine Vertragskosten.",
                "The model records no contract costs.",
            )
            .to_string()
        };
        if let Some(l) = &sp.largest {
            text.push(' ');
            text.push_str(&say!(
                self.tr,
                format!(
                    "Die Ausgaben sind {} (HHI {}); die größte Anbietergruppe, {}, erhält {}.",
                    tr.band(sp.band),
                    tr.num(sp.hhi, 0),
                    clean(&l.name),
                    tr.pct(l.share)
                ),
                format!(
                    "Spend is {} (HHI {}); the largest vendor group, {}, receives {}.",
                    tr.band(sp.band),
                    tr.num(sp.hhi, 0),
                    clean(&l.name),
                    tr.pct(l.share)
                ),
            ));
        }
        items.push(Item {
            head: tr.pick("Geld.", "Money.").into(),
            text,
        });
        if s.data_act_findings > 0 {
            items.push(Item {
                head: "EU Data Act.".into(),
                text: say!(
                    self.tr,
                    format!(
                        "{} in Cloud-Verträgen (Abschnitt {}).",
                        tr.count(s.data_act_findings, "Befund", "Befunde", "", ""),
                        self.sec("contracts")
                    ),
                    format!(
                        "{} in cloud contracts (section {}).",
                        tr.count(s.data_act_findings, "", "", "finding", "findings"),
                        self.sec("contracts")
                    ),
                ),
            });
        }
        if let Some(d) = &r.changes {
            items.push(Item {
                head: tr
                    .pick("Seit der letzten Prüfung.", "Since the last review.")
                    .into(),
                text: self.change_summary(d),
            });
        }
        items
    }

    pub(super) fn change_summary(&self, d: &Diff) -> String {
        let tr = self.tr;
        let mut parts = vec![say!(
            self.tr,
            format!(
                "Souveränität {} → {} Punkte",
                d.sovereignty.total.old, d.sovereignty.total.new
            ),
            format!(
                "sovereignty {} → {} points",
                d.sovereignty.total.old, d.sovereignty.total.new
            ),
        )];
        parts.push(say!(
            self.tr,
            format!(
                "Ausgaben außerhalb vertrauenswürdiger Rechtsräume {} → {}",
                tr.pct(d.spend.untrusted_share.old),
                tr.pct(d.spend.untrusted_share.new)
            ),
            format!(
                "spend outside trusted jurisdictions {} → {}",
                tr.pct(d.spend.untrusted_share.old),
                tr.pct(d.spend.untrusted_share.new)
            ),
        ));
        parts.push(say!(
            self.tr,
            format!(
                "{} aus der Hotspot-Liste gelöst, {} neu darin",
                d.hotspots.resolved.len(),
                d.hotspots.new.len()
            ),
            format!(
                "{} left the hotspot list, {} entered it",
                d.hotspots.resolved.len(),
                d.hotspots.new.len()
            ),
        ));
        let mut s = parts.join("; ");
        s.push_str(&say!(
            self.tr,
            format!(
                " (Vergleich mit dem Stichtag {}; Einzelheiten in Abschnitt „{}“).",
                tr.date(d.old.as_of),
                tr.l("changes")
            ),
            format!(
                " (compared with {}; details in the section “{}”).",
                tr.date(d.old.as_of),
                tr.l("changes")
            ),
        ));
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => s,
        }
    }
}
