//! Section 5: the exit plans of the vendor groups with the highest vendor score.

use super::*;

impl Builder<'_> {
    /// A plan day (days after the start) as a date, the plan starting on
    /// the as-of date.
    fn day(&self, day: f64) -> String {
        let days = crate::analysis::deadlines::whole_days(day).max(0) as u64;
        self.tr
            .odate(self.r.as_of.checked_add_days(chrono::Days::new(days)))
    }

    pub(super) fn exit_plans(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let m = &r.method;
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Ausstiegspläne gibt es für die {} Anbietergruppen mit dem höchsten Anbieterwert (bei Gleichstand: höherer Ausgabenanteil), die Systeme im Einsatz herstellen oder betreiben. Ein Plan verlässt die Gruppe und ihre Töchter so, wie es in der Praxis geschieht: Was sie herstellt, wird abgelöst; was sie nur betreibt, zieht unverändert zu einem anderen Betreiber um; für reine Wartung genügt ein anderer Wartungspartner; was nur die Verbindung zu ihr herstellt (Netzanbindung, Terminalserver), wird zuletzt abgeschaltet. Was umzieht, wartet auf die Plattform, auf der es laufen soll; eine Ablösung bringt ihre eigene Plattform mit. Höchstens {} Schritte laufen gleichzeitig. Vorgeschriebene Systeme bleiben. Die Dauer stammt aus einer Monte-Carlo-Simulation mit {} Läufen: P50 wird in der Hälfte der Läufe erreicht, P80 in vier von fünf, P95 in 19 von 20.",
                    m.exit_plans,
                    m.parallel_migrations,
                    tr.int(m.runs as usize)
                ),
                format!(
                    "Exit plans are made for the {} vendor groups with the highest vendor score (ties: higher share of spend) that make or operate systems in use. A plan leaves the group and its subsidiaries as organisations really do: what it makes is replaced; what it only operates moves unchanged to another operator; for support alone another support provider suffices; what only connects to it (its network link, its terminal servers) is switched off last. What moves waits for the platform it will run on; a replacement brings its own platform. At most {} steps run at a time. Mandated systems stay. Durations come from a Monte Carlo simulation of {} runs: P50 is reached in half the runs, P80 in four of five, P95 in 19 of 20.",
                    m.exit_plans,
                    m.parallel_migrations,
                    tr.int(m.runs as usize)
                ),
            ),
        }];
        if r.exit_plans.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick(
                        "Keine Anbietergruppe stellt oder betreibt ein System im Einsatz.",
                        "No vendor group makes or operates a system in use.",
                    )
                    .into(),
            });
        }
        for e in &r.exit_plans {
            self.exit_plan(e, &mut out);
        }
        self.mandated(&mut out);
        out
    }

    pub(super) fn exit_plan(&mut self, e: &VendorExit, out: &mut Vec<Block>) {
        let tr = self.tr;
        let p = &e.plan;
        out.push(Block::Heading {
            text: format!("{} ({})", clean(&e.name), e.country),
        });
        let mut text = say!(
            self.tr,
            format!(
                "Anbieterwert {}, Anteil an den Ausgaben {}. Im Plan: {}. Dauer: P50 {}, P80 {}, P95 {}. Einmalkosten {}.",
                tr.num(e.vendor_score, 1),
                tr.pct(e.spend_share),
                self.step_counts(p),
                tr.span(p.p50_days),
                tr.span(p.p80_days),
                tr.span(p.p95_days),
                self.money(p.total_cost)
            ),
            format!(
                "Vendor score {}, share of spend {}. In the plan: {}. Duration: P50 {}, P80 {}, P95 {}. One-off cost {}.",
                tr.num(e.vendor_score, 1),
                tr.pct(e.spend_share),
                self.step_counts(p),
                tr.span(p.p50_days),
                tr.span(p.p80_days),
                tr.span(p.p95_days),
                self.money(p.total_cost)
            ),
        );
        text.push(' ');
        text.push_str(&if p.annual_cost_left_behind > 0.0 {
            let payback = p
                .payback_years
                .map(|y| {
                    say!(self.tr,
                        format!("; der Ausstieg rechnet sich brutto nach {} (die laufenden Kosten der Alternativen sind nicht eingerechnet)", tr.span_dative(y * DAYS_PER_YEAR)),
                        format!("; the exit pays for itself after {} gross (the alternatives' running costs are not counted)", tr.span_dative(y * DAYS_PER_YEAR)),
                    )
                })
                .unwrap_or_default();
            say!(self.tr,
                format!(
                    "Danach entfallen {} im Jahr aus {}{payback}.",
                    self.money(p.annual_cost_left_behind),
                    tr.count(p.contracts_left_behind.len(), "Vertrag", "Verträgen", "", "")
                ),
                format!(
                    "Afterwards {} a year in {} fall away{payback}.",
                    self.money(p.annual_cost_left_behind),
                    tr.count(p.contracts_left_behind.len(), "", "", "contract", "contracts")
                ),
            )
        } else {
            tr.pick(
                "Kein Vertrag entfällt vollständig; die laufenden Kosten sinken nach diesem Plan nicht.",
                "No contract falls away completely; running costs do not drop with this plan.",
            )
            .to_string()
        });
        out.push(Block::Para { text });
        let task_of: BTreeMap<&str, &crate::analysis::exit_plan::Task> =
            p.tasks.iter().map(|t| (t.id.as_str(), t)).collect();
        let mut systems: Vec<&crate::analysis::exit_plan::PlanSystem> = p.systems.iter().collect();
        systems.sort_by(|a, b| {
            let sa = task_of
                .get(a.task.as_str())
                .map(|t| t.start_day)
                .unwrap_or(0.0);
            let sb = task_of
                .get(b.task.as_str())
                .map(|t| t.start_day)
                .unwrap_or(0.0);
            sa.total_cmp(&sb).then_with(|| a.id.cmp(&b.id))
        });
        let shown = systems.len().min(MAX_ROWS);
        let rows = systems[..shown]
            .iter()
            .map(|s| {
                let t = task_of.get(s.task.as_str());
                let critical = p.critical_path.contains(&s.id);
                vec![
                    Cell::text(self.names.system(&s.id)),
                    Cell::text(tr.step_kind(s.kind)),
                    Cell::num(tr.span(s.p80_days)),
                    Cell::short(t.map(|t| self.day(t.start_day)).unwrap_or_default()),
                    Cell::short(t.map(|t| self.day(t.finish_day)).unwrap_or_default()),
                    Cell::num(self.money(s.cost)),
                    Cell::text(if critical { tr.l("yes") } else { "" }).tone(if critical {
                        "warn"
                    } else {
                        ""
                    }),
                ]
            })
            .collect();
        out.push(Self::table(
            String::new(),
            self.head(&[
                "system",
                "exit_kind",
                "p80_switch",
                "start_day",
                "finish_day",
                "cost_once",
                "critical_path",
            ]),
            rows,
            {
                let mut n = say!(self.tr,
                    format!(
                        "Beginn und Ende: wenn der Ausstieg am Stichtag ({}) beginnt, mit erwarteten Dauern und höchstens {} Wechseln gleichzeitig. Kritischer Pfad: die längste Kette von Wechseln, die aufeinander warten müssen; mit begrenzter Kapazität kann der Plan länger dauern.",
                        tr.date(self.r.as_of),
                        p.parallel_migrations
                    ),
                    format!(
                        "Start and end: if the exit starts on the as-of date ({}), with expected durations and at most {} switches at a time. Critical path: the longest chain of switches that must wait for each other; with limited capacity the plan can take longer.",
                        tr.date(self.r.as_of),
                        p.parallel_migrations
                    ),
                );
                let more = more_rows(tr, shown, systems.len(), "review.json");
                if !more.is_empty() {
                    n.push(' ');
                    n.push_str(&more);
                }
                n
            },
        ));
        if !p.mandated.is_empty() {
            let names: Vec<String> = p.mandated.iter().map(|x| clean(&x.name)).collect();
            out.push(Block::Note {
                text: say!(
                    self.tr,
                    format!(
                        "Vorgeschrieben und daher nicht im Plan: {}.",
                        tr.and_list(&names)
                    ),
                    format!("Mandated and so not in the plan: {}.", tr.and_list(&names)),
                ),
            });
        }
        self.figure(&format!("exit:{}", e.vendor), out);
    }

    /// "5 Systeme: 3 Umzug, 1 Ablösung, 1 Abschaltung" of a plan.
    fn step_counts(&self, p: &crate::analysis::exit_plan::ExitPlan) -> String {
        use crate::analysis::exit_kind::StepKind;
        let tr = self.tr;
        let mut counts: BTreeMap<StepKind, usize> = BTreeMap::new();
        for s in &p.systems {
            *counts.entry(s.kind).or_default() += 1;
        }
        let parts: Vec<String> = counts
            .iter()
            .map(|(k, n)| format!("{} {}", tr.int(*n), tr.step_kind(*k)))
            .collect();
        let total = tr.count(p.systems.len(), "System", "Systeme", "system", "systems");
        if parts.is_empty() {
            total
        } else {
            format!("{total} ({})", parts.join(", "))
        }
    }

    /// The mandated systems: the organisation cannot choose them, and they
    /// still carry risk.
    pub(super) fn mandated(&self, out: &mut Vec<Block>) {
        let (tr, r) = (self.tr, self.r);
        if r.mandated.is_empty() {
            return;
        }
        out.push(Block::Heading {
            text: tr.l("mandated_title").into(),
        });
        out.push(Block::Para {
            text: tr
                .pick(
                    "Diese Systeme schreiben Gesetz, Land oder Bund vor: Sie stehen in keinem Ausstiegsplan und zählen in der Selbstprüfung nicht bei dem, was die Verwaltung wählen kann. Ihr Risiko bleibt: Fallen sie aus, stehen die Dienste, die sie brauchen.",
                    "Law, the state or the federal government prescribe these systems: they are in no exit plan and do not count in the self-check where it measures what the administration can choose. Their risk remains: when they stop, the services that need them stop.",
                )
                .into(),
        });
        let rows = r
            .mandated
            .iter()
            .map(|x| {
                let exposure = if x.untrusted_exposure.is_empty() {
                    "–".to_string()
                } else {
                    x.untrusted_exposure
                        .iter()
                        .map(|c| c.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                vec![
                    Cell::text(clean(&x.name)),
                    Cell::text(clean(&x.reason)),
                    Cell::text(tr.criticality(x.criticality)),
                    Cell::text(if x.services.is_empty() {
                        "–".to_string()
                    } else {
                        clean(&x.services.join(", "))
                    }),
                    Cell::short(exposure),
                ]
            })
            .collect();
        out.push(Self::table(
            String::new(),
            self.head(&[
                "system",
                "reason",
                "criticality",
                "services_affected",
                "jurisdiction",
            ]),
            rows,
            String::new(),
        ));
    }
}
