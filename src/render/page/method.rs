//! The last section: method, assumptions, coefficients and the files of the report.

use super::*;

impl Builder<'_> {
    pub(super) fn method(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let m = &r.method;
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Stichtag {}. Monte-Carlo-Simulation mit {} Läufen je Plan und dem Startwert {}; gleiche Eingaben, gleicher Stichtag und gleicher Startwert ergeben denselben Bericht. Horizont für Entscheidungen: {}. Wechselziel für Kernsysteme: {}; höchstens {} Wechsel gleichzeitig. Erstellt mit {} {}.",
                    tr.date(m.as_of),
                    tr.int(m.runs as usize),
                    m.seed,
                    tr.duration(m.horizon),
                    tr.duration(m.switch_target),
                    m.parallel_migrations,
                    r.tool.name,
                    m.tool_version
                ),
                format!(
                    "As of {}. Monte Carlo simulation with {} runs per plan and the seed {}; the same input, as-of date and seed give the same report. Horizon for decisions: {}. Switch target for core systems: {}; at most {} migrations at a time. Made with {} {}.",
                    tr.date(m.as_of),
                    tr.int(m.runs as usize),
                    m.seed,
                    tr.duration(m.horizon),
                    tr.duration(m.switch_target),
                    m.parallel_migrations,
                    r.tool.name,
                    m.tool_version
                ),
            ),
        }];
        let weights: Vec<String> = m
            .criticality_weights
            .iter()
            .map(|w| format!("{} {}", tr.criticality(w.criticality), w.weight))
            .collect();
        let weights = weights.join(", ");
        out.push(Block::Items {
            items: vec![
                Item {
                    head: tr.pick("Schlimmstes Szenario:", "Worst scenario:").into(),
                    text: say!(self.tr,
                        format!(
                            "von den Szenarien, die etwas abschneiden, das mit der höchsten Summe der Kritikalitätsgewichte ({weights}) der ausgefallenen Dienste; bei Gleichstand zählen mehr Überschreitungen der tolerierbaren Ausfallzeit, dann der frühere erste Ausfall, dann die Reihenfolge im Modell."
                        ),
                        format!(
                            "of the scenarios that cut something off, the one with the highest sum of criticality weights ({weights}) of the services down; ties go to more breaches of the maximum outage, then the earlier first outage, then the order in the model."
                        ),
                    ),
                },
                Item {
                    head: tr.pick("Entscheidung vor der nächsten Prüfung:", "Decision before the next review:").into(),
                    text: say!(self.tr,
                        format!(
                            "Verträge, deren Entscheidungsfrist verstrichen ist (überfällig) oder bis zur nächsten Prüfung am {} liegt (fällig; Stichtag plus {}).",
                            tr.odate(r.next_review),
                            tr.duration(m.horizon)
                        ),
                        format!(
                            "contracts whose decision deadline has passed (overdue) or falls before the next review on {} (due; the as-of date plus {}).",
                            tr.odate(r.next_review),
                            tr.duration(m.horizon)
                        ),
                    ),
                },
                Item {
                    head: tr.pick("Ausstiegspläne:", "Exit plans:").into(),
                    text: say!(self.tr,
                        format!(
                            "für die {} Anbietergruppen mit dem höchsten Anbieterwert, die Systeme im Einsatz herstellen oder betreiben; bei Gleichstand der höhere Ausgabenanteil, dann die Kennung.",
                            m.exit_plans
                        ),
                        format!(
                            "for the {} vendor groups with the highest vendor score that make or operate systems in use; ties by higher share of spend, then by id.",
                            m.exit_plans
                        ),
                    ),
                },
                Item {
                    head: tr.pick("Hotspots:", "Hotspots:").into(),
                    text: say!(self.tr,
                        format!(
                            "die ersten {} Systeme im Einsatz nach Hotspot-Wert; in der Zusammenfassung die ersten {}. Alle stehen in hotspots.csv.",
                            m.hotspot_top, m.summary_hotspots
                        ),
                        format!(
                            "the first {} in-use systems by hotspot; the summary names the first {}. hotspots.csv has all of them.",
                            m.hotspot_top, m.summary_hotspots
                        ),
                    ),
                },
                Item {
                    head: "EU Data Act:".into(),
                    text: say!(self.tr,
                        format!(
                            "Cloud-Verträge mit einer Kündigungsfrist von mehr als {}, mit weniger als {} Tagen zum Datenabruf oder mit einem Wechselentgelt, obwohl der Vertrag über den {} hinaus läuft, ab dem Wechselentgelte verboten sind.",
                            tr.duration_dative(m.data_act.max_notice),
                            tr.num1(m.data_act.min_retrieval_days),
                            tr.date(m.data_act.switching_charges_end)
                        ),
                        format!(
                            "cloud contracts with more than {} notice, less than {} days to retrieve data, or a switching charge while the contract runs past {}, from which day switching charges are banned.",
                            tr.duration(m.data_act.max_notice),
                            tr.num1(m.data_act.min_retrieval_days),
                            tr.date(m.data_act.switching_charges_end)
                        ),
                    ),
                },
            ],
        });
        let param_rows = |values: &[crate::model::defaults::ParamValue]| -> Vec<Vec<Cell>> {
            values
                .iter()
                .map(|p| {
                    let changed = p.value != p.default;
                    vec![
                        Cell::text(p.key),
                        Cell::num(tr.num1(p.value)).tone(if changed { "warn" } else { "" }),
                        Cell::num(tr.num1(p.default)),
                        Cell::text(tr.meaning(p.key, p.meaning)),
                    ]
                })
                .collect()
        };
        let note = tr
            .pick(
                "Werte, die das Modell abweichend vom Standard setzt, sind hervorgehoben. Herleitung und Quellen: docs/methodology.md.",
                "Values the model sets differently from the default are highlighted. Derivation and sources: docs/methodology.md.",
            )
            .to_string();
        out.push(Self::table(
            tr.pick(
                "Gewichte des Lock-in-Werts ([defaults.lockin])",
                "Lock-in weights ([defaults.lockin])",
            )
            .into(),
            self.head(&["key", "value", "default", "meaning"]),
            param_rows(&m.lockin),
            note.clone(),
        ));
        out.push(Self::table(
            tr.pick(
                "Koeffizienten der Wechselschätzung ([defaults.switch])",
                "Switch estimate coefficients ([defaults.switch])",
            )
            .into(),
            self.head(&["key", "value", "default", "meaning"]),
            param_rows(&m.switch),
            note,
        ));
        if !m.switch_categories.is_empty() {
            let rows = m
                .switch_categories
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(clean(&tr.category(&c.category))),
                        Cell::num(tr.num1(c.likely_days)),
                        Cell::num(tr.pct(c.training)),
                        Cell::num(self.money(c.cost_per_user)),
                    ]
                })
                .collect();
            out.push(Self::table(
                tr.pick(
                    "Wechselschätzung je Kategorie der Systeme im Modell",
                    "Switch estimate per category of the model's systems",
                )
                .into(),
                vec![
                    Cell::text(tr.l("category")),
                    Cell::num(tr.pick("Basistage", "Base days")),
                    Cell::num(tr.pick("Schulungsanteil", "Training share")),
                    Cell::num(tr.pick("Kosten je Person", "Cost per user")),
                ],
                rows,
                String::new(),
            ));
        }
        out.push(Block::Heading {
            text: tr.l("files_title").into(),
        });
        out.push(Block::Items {
            items: [
                (
                    "index.html",
                    "Dieser Bericht zum Lesen und Drucken.",
                    "This report, to read and print.",
                ),
                (
                    "report.md",
                    "Derselbe Inhalt als Markdown (Wiki, Repository).",
                    "The same content as Markdown (wiki, repository).",
                ),
                (
                    "review.json",
                    "Alle Zahlen des Berichts und der Vergleichsstand für die nächste Prüfung.",
                    "Every number of the report and the snapshot for next year's review.",
                ),
                (
                    "deadlines.ics",
                    "Alle Vertragsfristen als Kalender mit Erinnerungen.",
                    "Every contract deadline as a calendar with reminders.",
                ),
                (
                    "hotspots.csv",
                    "Lock-in aller Systeme im Einsatz für die Tabellenkalkulation.",
                    "Lock-in of every in-use system for a spreadsheet.",
                ),
                (
                    "diagrams/",
                    "Die Abbildungen als SVG, Graphen auch als DOT.",
                    "The figures as SVG, graphs also as DOT.",
                ),
            ]
            .into_iter()
            .map(|(f, de, en)| Item {
                head: f.into(),
                text: tr.pick(de, en).into(),
            })
            .collect(),
        });
        out.extend(self.for_it());
        out
    }

    /// The appendix for IT: the commands that reproduce the report and
    /// answer the questions it raises (the council-facing text has none).
    fn for_it(&self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let model = tr.pick("MODELL.toml", "MODEL.toml");
        let dir = tr.pick("VERZEICHNIS", "DIR");
        let lang = match r.lang {
            crate::model::Lang::De => "de",
            crate::model::Lang::En => "en",
        };
        let review = format!(
            "exitgraph review {model} --out {dir} --as-of {} --runs {} --seed {} --lang {lang}",
            r.as_of.format("%Y-%m-%d"),
            r.method.runs,
            r.method.seed,
        );
        let commands = [
            (
                review,
                "schreibt diesen Bericht erneut; mit demselben Modell Byte für Byte gleich (mit --pdf auch als PDF).",
                "writes this report again; with the same model byte for byte the same (with --pdf also as PDF).",
            ),
            (
                format!("exitgraph review {model} --out {dir} --baseline review.json"),
                "schreibt die nächste Prüfung mit dem Vergleich zu dieser (Fortschritt und was sich bewegt hat).",
                "writes next year's review, compared with this one (progress and what moved).",
            ),
            (
                format!("exitgraph check {model}"),
                "prüft das Modell und zeigt jede Warnung mit Datei, Zeile und Spalte.",
                "checks the model and shows every warning with file, line and column.",
            ),
            (
                format!("exitgraph explain {model} ID"),
                "erklärt ein System, einen Anbieter, einen Vertrag oder einen Dienst: jeden Wert und woher er kommt.",
                "explains a system, vendor, contract or service: every figure and where it comes from.",
            ),
            (
                format!("exitgraph simulate {model} --scenario ID --handbook {dir}"),
                "rechnet ein Notfallszenario durch und schreibt sein Notfallhandbuch.",
                "runs an emergency scenario and writes its emergency handbook.",
            ),
            (
                format!("exitgraph plan {model}"),
                "zeigt den Mehrjahresplan, mit --gantt als Zeitplan-Grafik.",
                "shows the multi-year plan, with --gantt as a timeline chart.",
            ),
        ];
        vec![
            Block::Heading {
                text: tr
                    .pick(
                        "Für die IT: den Bericht nachrechnen",
                        "For IT: reproducing this report",
                    )
                    .into(),
            },
            Block::Para {
                text: tr
                    .pick(
                        "Der Bericht ist mit dem Kommandozeilenwerkzeug exitgraph aus dem Landschaftsmodell (TOML) berechnet. Diese Befehle rechnen ihn nach und beantworten Rückfragen; docs/methodology.md beschreibt jede Formel mit ihren Quellen.",
                        "The report is computed with the command-line tool exitgraph from the landscape model (TOML). These commands reproduce it and answer follow-up questions; docs/methodology.md describes every formula with its sources.",
                    )
                    .into(),
            },
            Block::Items {
                items: commands
                    .into_iter()
                    .map(|(command, de, en)| Item {
                        head: command,
                        text: tr.pick(de, en).into(),
                    })
                    .collect(),
            },
        ]
    }
}
