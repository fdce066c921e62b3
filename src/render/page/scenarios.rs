//! Section 6: the emergency scenarios: affected services, systems down, stranded data.

use super::*;

impl Builder<'_> {
    pub(super) fn scenarios(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let mut out = vec![Block::Para {
            text: tr
                .pick(
                    "Jedes Szenario des Modells wird durchgespielt: welche Systeme und Dienste ab welchem Tag ausfallen, wann sie voraussichtlich wieder laufen (Wechsel zur besten verfügbaren Alternative, 80. Perzentil, oder wenn die Systeme, von denen sie abhängen, wieder laufen) und ob die tolerierbare Ausfallzeit eines Dienstes überschritten wird. Ein Anbieter, der wegfällt, nimmt seine Töchter mit; ein Rechtsraum, der wegfällt, alle Anbieter, deren Konzern ihm unterliegt.",
                    "Every scenario of the model is played through: which systems and services stop from which day, when they are likely back (switching to the best available alternative, 80th percentile, or when the systems they depend on are back), and whether a service is down longer than it can tolerate. A vendor cut off takes its subsidiaries with it; a jurisdiction cut off takes every vendor whose group is subject to it.",
                )
                .into(),
        }];
        if r.scenarios.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick(
                        "Das Modell enthält keine Szenarien. Szenarien werden im Modell als [[scenario]] mit „cut“ (Anbieter, Rechtsraum oder System) oder „price“ eingetragen.",
                        "The model has no scenarios. Scenarios are written in the model as [[scenario]] with “cut” (vendor, jurisdiction or system) or “price”.",
                    )
                    .into(),
            });
        }
        let worst = r
            .summary
            .worst_scenario
            .as_ref()
            .map(|w| w.scenario.clone());
        // At most MAX_SCENARIO_DETAILS in detail, the others one row each.
        let detailed = crate::render::review::detailed_scenarios(r);
        for s in &detailed {
            let is_worst = worst.as_deref() == Some(s.report.scenario.as_str());
            self.scenario(s, is_worst, &mut out);
        }
        if detailed.len() < r.scenarios.len() {
            self.other_scenarios(&detailed, &mut out);
        }
        out
    }

    /// The scenarios not shown in detail: one row each, the largest impact
    /// first, as many as a table holds; review.json has all of them.
    fn other_scenarios(&mut self, detailed: &[&ScenarioReview], out: &mut Vec<Block>) {
        let (tr, r) = (self.tr, self.r);
        let rest: Vec<&ScenarioReview> = crate::render::review::by_impact(r)
            .into_iter()
            .filter(|s| !detailed.iter().any(|d| std::ptr::eq(*d, *s)))
            .collect();
        out.push(Block::Heading {
            text: tr.pick("Weitere Szenarien", "Further scenarios").into(),
        });
        let (n, others) = (tr.int(detailed.len()), tr.int(rest.len()));
        out.push(Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Ausführlich, mit Diagramm und Notfallhandbuch, stehen oben die {n} Szenarien mit der größten Wirkung (Summe der Kritikalitätsgewichte der ausgefallenen Dienste). Die übrigen {others} folgen hier je in einer Zeile."
                ),
                format!(
                    "The {n} scenarios with the largest impact (sum of the criticality weights of the services down) are shown above in detail, with diagram and emergency handbook. The other {others} follow here, one line each."
                ),
            ),
        });
        let shown = rest.len().min(MAX_ROWS);
        let rows =
            rest[..shown]
                .iter()
                .map(|s| {
                    let sum = &s.report.summary;
                    vec![
                        Cell::text(clean(
                            s.report.name.as_deref().unwrap_or(&s.report.scenario),
                        )),
                        Cell::num(tr.int(sum.services_down)),
                        Cell::num(tr.int(sum.services_breached))
                            .tone(if sum.services_breached > 0 { "bad" } else { "" }),
                        Cell::num(tr.int(s.weight as usize)),
                    ]
                })
                .collect();
        out.push(Self::table(
            tr.pick(
                "Weitere Szenarien nach Wirkung",
                "Further scenarios by impact",
            )
            .into(),
            vec![
                Cell::text(tr.l("scenario")),
                Cell::num(tr.pick("Dienste ausgefallen", "Services down")),
                Cell::num(tr.pick("länger als tolerierbar", "longer than tolerable")),
                Cell::num(tr.pick("Gewicht", "Weight")),
            ],
            rows,
            more_rows(tr, shown, rest.len(), "review.json"),
        ));
    }

    pub(super) fn scenario(&mut self, s: &ScenarioReview, is_worst: bool, out: &mut Vec<Block>) {
        let tr = self.tr;
        let rep = &s.report;
        let name = clean(rep.name.as_deref().unwrap_or(&rep.scenario));
        out.push(Block::Heading {
            text: if is_worst {
                format!(
                    "{name} · {}",
                    tr.pick("schlimmstes Szenario", "worst scenario")
                )
            } else {
                name
            },
        });
        if let Some(d) = &s.description {
            out.push(Block::Note { text: clean(d) });
        }
        let sum = &rep.summary;
        let mut text = String::new();
        if s.cuts_off {
            let cuts: Vec<String> = rep.cuts.iter().map(|c| self.cut(c)).collect();
            // A system cut reaches no vendor: no vendor count then.
            text.push_str(&match rep.cut_vendors.len() {
                0 => say!(
                    self.tr,
                    format!("Es fällt weg: {}. ", tr.and_list(&cuts)),
                    format!("Cut off: {}. ", tr.and_list(&cuts)),
                ),
                n => say!(
                    self.tr,
                    format!(
                        "Es fällt weg: {}; {} betroffen. ",
                        tr.and_list(&cuts),
                        tr.count(n, "Anbieter ist", "Anbieter sind", "", "")
                    ),
                    format!(
                        "Cut off: {}; {} affected. ",
                        tr.and_list(&cuts),
                        tr.count(n, "", "", "vendor is", "vendors are")
                    ),
                ),
            });
            let at_risk = sum.services_unsupported + sum.services_degraded;
            let mut parts: Vec<String> = Vec::new();
            parts.push(match (sum.services_down, self.de()) {
                (0, true) => "Kein Dienst fällt aus".to_string(),
                (0, false) => "No service stops".to_string(),
                (n, true) => format!(
                    "{n} von {} Diensten {} aus, {}",
                    sum.services_total,
                    if n == 1 { "fällt" } else { "fallen" },
                    match sum.services_breached {
                        0 => "alle innerhalb der tolerierbaren Ausfallzeit wieder verfügbar"
                            .to_string(),
                        b => format!("{b} länger als tolerierbar"),
                    }
                ),
                (n, false) => format!(
                    "{n} of {} services {}, {}",
                    sum.services_total,
                    if n == 1 { "stops" } else { "stop" },
                    match sum.services_breached {
                        0 => "all back within their tolerable outage".to_string(),
                        b => format!("{b} longer than tolerable"),
                    }
                ),
            });
            if at_risk > 0 {
                parts.push(say!(
                    self.tr,
                    format!(
                        "{} weiter, aber eingeschränkt oder ohne Herstellerunterstützung",
                        tr.count(at_risk, "Dienst läuft", "Dienste laufen", "", "")
                    ),
                    format!(
                        "{} running, but degraded or without vendor support",
                        tr.count(at_risk, "", "", "service keeps", "services keep")
                    ),
                ));
            }
            text.push_str(&parts.join("; "));
            text.push_str(". ");
            text.push_str(&match (sum.systems_down, self.de()) {
                (0, true) => "Kein System fällt aus.".to_string(),
                (0, false) => "No system stops.".to_string(),
                (1, true) => "1 System fällt aus.".to_string(),
                (1, false) => "1 system stops.".to_string(),
                (n, true) => format!("{} Systeme fallen aus.", tr.int(n)),
                (n, false) => format!("{} systems stop.", tr.int(n)),
            });
            if !rep.stranded_data.is_empty() {
                text.push(' ');
                text.push_str(&say!(
                    self.tr,
                    format!(
                        "{} GB Daten in {} wären nicht mehr erreichbar.",
                        tr.num(rep.stranded_volume_gb, 0),
                        tr.count(rep.stranded_data.len(), "System", "Systemen", "", "")
                    ),
                    format!(
                        "{} GB of data in {} would be out of reach.",
                        tr.num(rep.stranded_volume_gb, 0),
                        tr.count(rep.stranded_data.len(), "", "", "system", "systems")
                    ),
                ));
            }
            if sum.restore_ability_lost > 0 {
                text.push(' ');
                text.push_str(&say!(
                    self.tr,
                    format!(
                        "Kritisch: {} lassen sich nicht mehr aus der Datensicherung wiederherstellen.",
                        tr.systems(sum.restore_ability_lost)
                    ),
                    format!(
                        "Critical: {} can no longer be restored from backup.",
                        tr.systems(sum.restore_ability_lost)
                    ),
                ));
            }
            if rep.annual_cost_at_risk > 0.0 {
                text.push(' ');
                text.push_str(&say!(
                    self.tr,
                    format!(
                        "Laufende Verträge mit einem betroffenen Anbieter oder über ein betroffenes System: {} im Jahr.",
                        self.money(rep.annual_cost_at_risk)
                    ),
                    format!(
                        "Running contracts with a vendor cut off or covering a system affected: {} a year.",
                        self.money(rep.annual_cost_at_risk)
                    ),
                ));
            }
        }
        if !rep.price_shock.vendors.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            let added = rep.price_shock.added_annual_cost;
            text.push_str(&say!(
                self.tr,
                format!(
                    "Preisänderung: {} {} im Jahr.",
                    self.money(added.abs()),
                    if added < 0.0 {
                        "Minderkosten"
                    } else {
                        "Mehrkosten"
                    }
                ),
                format!(
                    "Price change: {} {} a year.",
                    self.money(added.abs()),
                    if added < 0.0 { "less" } else { "more" }
                ),
            ));
            for v in &rep.price_shock.vendors {
                let payback = v
                    .payback_years
                    .map(|y| {
                        say!(
                            self.tr,
                            format!(" Der Ausstieg rechnet sich nach {} Jahren.", tr.num(y, 1)),
                            format!(
                                " Leaving would pay for itself after {} years.",
                                tr.num(y, 1)
                            ),
                        )
                    })
                    .unwrap_or_default();
                text.push(' ');
                text.push_str(&say!(self.tr,
                    format!(
                        "{} (Faktor {}): {} statt {} im Jahr. Ein Ausstieg kostet einmalig {} und dauert etwa {} (P80).{payback}",
                        clean(&v.name),
                        tr.num1(v.factor),
                        self.money(v.annual_cost * v.factor),
                        self.money(v.annual_cost),
                        self.money(v.switch_cost),
                        tr.span(v.exit_p80_days)
                    ),
                    format!(
                        "{} (factor {}): {} instead of {} a year. Leaving costs {} once and takes about {} (P80).{payback}",
                        clean(&v.name),
                        tr.num1(v.factor),
                        self.money(v.annual_cost * v.factor),
                        self.money(v.annual_cost),
                        self.money(v.switch_cost),
                        tr.span(v.exit_p80_days)
                    ),
                ));
            }
        }
        if !s.cuts_off && rep.price_shock.vendors.is_empty() {
            text = tr
                .pick(
                    "Das Szenario schneidet nichts ab und ändert keine Preise.",
                    "The scenario cuts nothing off and changes no prices.",
                )
                .into();
        }
        out.push(Block::Para { text });
        if !rep.services.is_empty() {
            let shown = rep.services.len().min(MAX_ROWS);
            let rows =
                rep.services[..shown]
                    .iter()
                    .map(|sv| {
                        let down = sv.state == State::Down;
                        vec![
                            Cell::text(clean(&sv.name)),
                            Cell::text(tr.criticality(sv.criticality)),
                            Cell::text(tr.state(sv.state)).tone(if down { "bad" } else { "warn" }),
                            Cell::num(
                                sv.down_from_day
                                    .map(|d| tr.after_cut(d))
                                    .unwrap_or_else(|| "–".into()),
                            ),
                            Cell::num(match (down, sv.restore_hours) {
                                (false, _) => "–".to_string(),
                                (true, Some(h)) => tr.hours(h),
                                (true, None) => tr.pick("unbekannt", "unknown").to_string(),
                            }),
                            Cell::num(
                                sv.max_outage_days
                                    .map(|d| tr.span(d))
                                    .unwrap_or_else(|| "–".into()),
                            ),
                            Cell::text(if sv.breach { tr.l("yes") } else { "" })
                                .tone(if sv.breach { "bad" } else { "" }),
                        ]
                    })
                    .collect();
            out.push(Self::table(
                tr.pick("Betroffene Dienste", "Services affected").into(),
                vec![
                    Cell::text(tr.l("service")),
                    Cell::text(tr.l("criticality")),
                    Cell::text(tr.l("state")),
                    Cell::num(tr.l("down_from")),
                    Cell::num(tr.l("restore")),
                    Cell::num(tr.l("max_outage")),
                    Cell::text(tr.pick("Überschritten", "Breach")),
                ],
                rows,
                more_rows(tr, shown, rep.services.len(), "review.json"),
            ));
        }
        let down: Vec<&crate::analysis::simulate::SystemResult> = rep
            .systems
            .iter()
            .filter(|x| x.state == State::Down)
            .collect();
        if !down.is_empty() {
            let shown = down.len().min(MAX_ROWS);
            let rows = down[..shown]
                .iter()
                .map(|x| {
                    vec![
                        Cell::text(clean(&x.name)),
                        Cell::text(tr.criticality(x.criticality)),
                        Cell::num(
                            x.down_from_day
                                .map(|d| tr.after_cut(d))
                                .unwrap_or_else(|| "–".into()),
                        ),
                        Cell::num(
                            x.restore_hours
                                .map(|h| tr.hours(h))
                                .unwrap_or_else(|| tr.pick("unbekannt", "unknown").into()),
                        ),
                        Cell::text(match &x.restore_by {
                            Some(RestoreBy::Switch { alternative, .. }) => say!(
                                self.tr,
                                format!("Wechsel zu {}", self.alternative(alternative)),
                                format!("switch to {}", self.alternative(alternative)),
                            ),
                            Some(RestoreBy::Fallback { fallback, .. }) => say!(
                                self.tr,
                                format!("Notlösung {}", self.alternative(fallback)),
                                format!("stop-gap {}", self.alternative(fallback)),
                            ),
                            Some(RestoreBy::Backup { .. }) => tr
                                .pick("aus der Datensicherung", "restored from backup")
                                .into(),
                            Some(RestoreBy::Restart {
                                waits_for: Some(Wait::System(system)),
                            }) => say!(
                                self.tr,
                                format!("wenn {} wieder läuft", self.names.system(system)),
                                format!("when {} is back", self.names.system(system)),
                            ),
                            Some(RestoreBy::Restart { .. }) => tr
                                .pick("Neustart nach dem Ausfall", "restart after the outage")
                                .into(),
                            None => tr
                                .pick("kein Weg zurück bekannt", "no way back known")
                                .into(),
                        }),
                    ]
                })
                .collect();
            out.push(Self::table(
                tr.l("systems_down").into(),
                vec![
                    Cell::text(tr.l("system")),
                    Cell::text(tr.l("criticality")),
                    Cell::num(tr.l("down_from")),
                    Cell::num(tr.l("restore")),
                    Cell::text(tr.pick("Wie", "How")),
                ],
                rows,
                more_rows(tr, shown, down.len(), "review.json"),
            ));
        }
        if !rep.stranded_data.is_empty() {
            let shown = rep.stranded_data.len().min(MAX_ROWS);
            let rows = rep.stranded_data[..shown]
                .iter()
                .map(|x| {
                    vec![
                        Cell::text(clean(&x.name)),
                        Cell::num(format!("{} GB", tr.num(x.volume_gb, 0))),
                        Cell::text(tr.sensitivity(x.sensitivity)),
                        Cell::text(self.party(&x.operator)),
                        Cell::text(
                            x.backup
                                .as_deref()
                                .map(|b| self.party(b))
                                .unwrap_or_else(|| tr.pick("keine", "none").into()),
                        ),
                    ]
                })
                .collect();
            out.push(Self::table(
                tr.l("stranded").into(),
                self.head(&["system", "volume", "sensitivity", "operator", "backup"]),
                rows,
                more_rows(tr, shown, rep.stranded_data.len(), "review.json"),
            ));
        }
        self.figure(&format!("cutoff:{}", rep.scenario), out);
        if s.cuts_off {
            let stem = crate::render::handbook::file_stem(&rep.scenario);
            out.push(Block::Link {
                text: tr
                    .pick(
                        "Notfallhandbuch des Szenarios: Zeitachse, Wiederanlaufplan, Notbetrieb, Verträge und Ansprechpartner",
                        "The scenario's emergency handbook: timeline, restart order, emergency operation, contracts and contacts",
                    )
                    .to_string(),
                href: format!("handbooks/{stem}.html"),
                md: format!("handbooks/{stem}.md"),
            });
        }
    }

    /// A cut as words: `jurisdiction:US` is "Rechtsraum US".
    pub(super) fn cut(&self, c: &str) -> String {
        match c.split_once(':') {
            Some(("jurisdiction", r)) => say!(
                self.tr,
                format!("Rechtsraum {}", clean(r)),
                format!("jurisdiction {}", clean(r)),
            ),
            Some(("vendor", v)) => say!(
                self.tr,
                format!("Anbieter {}", self.names.vendor(v)),
                format!("vendor {}", self.names.vendor(v)),
            ),
            Some(("system", x)) => say!(
                self.tr,
                format!("System {}", self.names.system(x)),
                format!("system {}", self.names.system(x)),
            ),
            _ => clean(c),
        }
    }

    /// A vendor's name, or the organisation itself (`self`).
    fn party(&self, id: &str) -> String {
        if id == "self" {
            self.tr.pick("eigener Betrieb", "in-house").into()
        } else {
            self.names.vendor(id)
        }
    }

    pub(super) fn alternative(&self, alt: &str) -> String {
        match alt.strip_prefix("catalog:") {
            Some(c) => say!(
                self.tr,
                format!("{} (Katalog)", clean(c)),
                format!("{} (catalogue)", clean(c)),
            ),
            None => self.names.system(alt),
        }
    }
}
