//! The emergency handbook of one scenario (`exitgraph simulate --scenario
//! ID --handbook DIR`): what stops and when, the timeline by hour and day,
//! the restart order, the emergency operation of the services, the data at
//! risk with its recovery point, and the contracts and contacts to call, in
//! German or English.
//!
//! The handbook is a [`Document`] of the review's layer, so that it is laid
//! out by the same templates and escaped the same way (`render::html`
//! escapes every text with minijinja's HTML auto-escaping,
//! `render::markdown` with its Markdown escape); every text from the model
//! passes [`clean`] first. Nothing here computes: the numbers are the
//! simulation report's.

use crate::analysis::simulate::{Report, RestoreBy, ServiceResult, State, Wait};
use crate::model::CutKind;
use crate::render::i18n::{Tr, say};
use crate::render::page::{Block, Cell, Document, Item, Kpi, Section, clean};
use crate::render::{html, markdown};
use std::collections::BTreeMap;

/// Rows of the timeline before the rest is counted.
const MAX_EVENTS: usize = 400;

/// What the handbook needs beside the report.
pub struct HandbookOptions<'a> {
    pub tr: Tr,
    pub organisation: &'a str,
    pub currency: &'a str,
    /// The scenario's description from the model.
    pub description: Option<&'a str>,
}

fn text(t: impl Into<String>) -> Cell {
    Cell {
        text: t.into(),
        num: false,
        tone: "",
        class: String::new(),
    }
}

fn num(t: impl Into<String>) -> Cell {
    Cell {
        text: t.into(),
        num: true,
        tone: "",
        class: "num".into(),
    }
}

fn bad(t: impl Into<String>) -> Cell {
    Cell {
        text: t.into(),
        num: false,
        tone: "bad",
        class: "bad".into(),
    }
}

fn table(caption: String, head: Vec<Cell>, rows: Vec<Vec<Cell>>, note: String) -> Block {
    Block::Table {
        caption,
        compact: false,
        head,
        rows,
        note,
    }
}

/// Names of what the report mentions by id.
struct Names {
    systems: BTreeMap<String, String>,
    vendors: BTreeMap<String, String>,
}

impl Names {
    fn of(r: &Report) -> Names {
        let mut vendors: BTreeMap<String, String> = r
            .cut_vendors
            .iter()
            .map(|v| (v.id.clone(), clean(&v.name)))
            .collect();
        for c in &r.contracts_at_risk {
            vendors
                .entry(c.vendor.clone())
                .or_insert_with(|| clean(&c.vendor_name));
        }
        Names {
            systems: r
                .systems
                .iter()
                .map(|s| (s.id.clone(), clean(&s.name)))
                .chain(
                    r.restart_order
                        .iter()
                        .map(|s| (s.system.clone(), clean(&s.name))),
                )
                .collect(),
            vendors,
        }
    }

    fn system(&self, id: &str) -> String {
        self.systems.get(id).cloned().unwrap_or_else(|| clean(id))
    }

    fn vendor(&self, id: &str) -> String {
        self.vendors.get(id).cloned().unwrap_or_else(|| clean(id))
    }

    /// An id of the report (system, vendor or catalogue entry) as a name.
    fn any(&self, id: &str) -> String {
        if let Some(c) = id.strip_prefix("catalog:") {
            return clean(c);
        }
        self.systems
            .get(id)
            .or_else(|| self.vendors.get(id))
            .cloned()
            .unwrap_or_else(|| clean(id))
    }
}

/// How a system comes back, in words with names.
fn path_words(tr: Tr, names: &Names, by: &RestoreBy) -> String {
    let head = match by {
        RestoreBy::Restart { .. } => tr.pick("Neustart", "restart").to_string(),
        RestoreBy::Backup { backup_system, .. } => match backup_system {
            Some(b) => say!(
                tr,
                format!("Rücksicherung mit {}", names.system(b)),
                format!("restore with {}", names.system(b))
            ),
            None => tr.pick("Rücksicherung", "restore").to_string(),
        },
        RestoreBy::Fallback { fallback, .. } => say!(
            tr,
            format!("Notlösung {}", names.any(fallback)),
            format!("stop-gap {}", names.any(fallback))
        ),
        RestoreBy::Switch { alternative, .. } => say!(
            tr,
            format!("Wechsel zu {}", names.any(alternative)),
            format!("switch to {}", names.any(alternative))
        ),
    };
    match by.waits_for() {
        Some(w) => format!("{head}, {}", wait_words(tr, names, w)),
        None => head,
    }
}

fn wait_words(tr: Tr, names: &Names, w: &Wait) -> String {
    tr.wait(w, &|id: &str| names.any(id))
}

/// The cuts of the scenario in words.
fn cuts_words(tr: Tr, names: &Names, r: &Report) -> Vec<String> {
    r.cut_terms
        .iter()
        .map(|c| {
            let what = match c.cut.split_once(':') {
                Some(("vendor", v)) => say!(
                    tr,
                    format!("Anbieter {}", names.vendor(v)),
                    format!("vendor {}", names.vendor(v))
                ),
                Some(("system", x)) => say!(
                    tr,
                    format!("System {}", names.system(x)),
                    format!("system {}", names.system(x))
                ),
                Some(("jurisdiction", j)) => say!(
                    tr,
                    format!("Rechtsraum {}", clean(j)),
                    format!("jurisdiction {}", clean(j))
                ),
                _ => clean(&c.cut),
            };
            match (c.kind, c.duration_hours) {
                (CutKind::Withdrawal, _) | (_, None) => format!(
                    "{what}: {} ({})",
                    tr.cut_kind(c.kind),
                    tr.cut_kind_meaning(c.kind)
                ),
                (k, Some(h)) => say!(
                    tr,
                    format!(
                        "{what}: {} für {} ({})",
                        tr.cut_kind(k),
                        tr.hours(h),
                        tr.cut_kind_meaning(k)
                    ),
                    format!(
                        "{what}: {} for {} ({})",
                        tr.cut_kind(k),
                        tr.hours(h),
                        tr.cut_kind_meaning(k)
                    )
                ),
            }
        })
        .collect()
}

/// The handbook of one simulation as a document.
pub fn document(r: &Report, opts: &HandbookOptions<'_>) -> Document {
    let tr = opts.tr;
    let names = Names::of(r);
    let scenario = clean(r.name.as_deref().unwrap_or(&r.scenario));
    let mut sections = Vec::new();
    let mut section = |id: &'static str, title: String, blocks: Vec<Block>| {
        let number = sections.len() + 1;
        sections.push(Section {
            id,
            number,
            title,
            blocks,
        });
    };
    section(
        "summary",
        tr.pick("Das Wichtigste in Kürze", "Summary").to_string(),
        summary(r, &names, opts),
    );
    section(
        "timeline",
        tr.pick("Zeitachse", "Timeline").to_string(),
        timeline(r, &names, opts),
    );
    section(
        "restart-order",
        tr.pick("Wiederanlaufplan", "Restart order").to_string(),
        restart_order(r, &names, opts),
    );
    section(
        "services",
        tr.pick("Dienste und Notbetrieb", "Services and emergency operation")
            .to_string(),
        services(r, &names, opts),
    );
    section(
        "data",
        tr.pick(
            "Daten, Sicherungen und Datenverlust",
            "Data, backups and data loss",
        )
        .to_string(),
        data(r, &names, opts),
    );
    section(
        "contacts",
        tr.pick("Verträge und Ansprechpartner", "Contracts and contacts")
            .to_string(),
        contacts(r, &names, opts),
    );
    section(
        "method",
        tr.pick("Grundlagen der Zahlen", "How the figures are made")
            .to_string(),
        method(r, opts),
    );
    Document {
        lang: match tr.lang() {
            crate::model::Lang::De => "de",
            crate::model::Lang::En => "en",
        },
        title: say!(
            tr,
            format!("Notfallhandbuch {}", tr.quote(&scenario)),
            format!("Emergency handbook {}", tr.quote(&scenario))
        ),
        organisation: clean(opts.organisation),
        subtitle: say!(
            tr,
            format!(
                "Szenario {} · Verträge zum {} · alle Zeiten ab dem Schnitt",
                clean(&r.scenario),
                tr.date(r.as_of)
            ),
            format!(
                "Scenario {} · contracts as of {} · all times from the cut",
                clean(&r.scenario),
                tr.date(r.as_of)
            )
        ),
        toc_label: tr.l("toc").to_string(),
        figure_label: tr.l("diagram_figure").to_string(),
        kpi_label: tr.pick("Kennzahl", "Figure").to_string(),
        kpi_value: tr.l("value").to_string(),
        footer: tr
            .pick(
                "Erstellt mit exitgraph simulate --handbook. Die Zeiten folgen aus dem Modell und den dokumentierten Standardwerten (docs/methodology.md, „Recovery“); sie ersetzen keinen Wiederanlauftest.",
                "Made with exitgraph simulate --handbook. The times follow from the model and the documented defaults (docs/methodology.md, “Recovery”); they do not replace a restart test.",
            )
            .to_string(),
        sections,
    }
}

fn summary(r: &Report, names: &Names, opts: &HandbookOptions<'_>) -> Vec<Block> {
    let tr = opts.tr;
    let s = &r.summary;
    let mut out = Vec::new();
    if let Some(d) = opts.description {
        out.push(Block::Note { text: clean(d) });
    }
    let first = r
        .services
        .iter()
        .filter_map(|x| x.down_at_hours)
        .fold(f64::INFINITY, f64::min);
    let last = r.restart_order.last().map(|x| x.end_hours);
    let unknown = r
        .systems
        .iter()
        .filter(|x| x.state == State::Down && x.back_at_hours.is_none())
        .count();
    out.push(Block::Kpis {
        items: vec![
            Kpi {
                label: tr
                    .pick("Dienste, die ausfallen", "Services that stop")
                    .into(),
                value: format!("{} / {}", tr.int(s.services_down), tr.int(s.services_total)),
                note: if first.is_finite() {
                    say!(
                        tr,
                        format!("der erste ab {}", tr.at_hour(first)),
                        format!("the first from {}", tr.at_hour(first))
                    )
                } else {
                    String::new()
                },
                tone: if s.services_down > 0 { "bad" } else { "good" },
            },
            Kpi {
                label: tr
                    .pick("Länger als tolerierbar", "Longer than tolerable")
                    .into(),
                value: tr.int(s.services_breached),
                note: say!(
                    tr,
                    format!(
                        "{} im Notbetrieb",
                        tr.int(s.services_in_emergency_operation)
                    ),
                    format!(
                        "{} in emergency operation",
                        tr.int(s.services_in_emergency_operation)
                    )
                ),
                tone: if s.services_breached > 0 {
                    "bad"
                } else {
                    "good"
                },
            },
            Kpi {
                label: tr
                    .pick("Alles wieder da nach", "Everything back after")
                    .into(),
                value: match (last, unknown) {
                    (_, n) if n > 0 => tr.pick("unbekannt", "unknown").into(),
                    (Some(h), _) => tr.hours(h),
                    (None, _) => "–".into(),
                },
                note: if unknown > 0 {
                    say!(
                        tr,
                        format!("für {} kein Weg zurück", tr.systems(unknown)),
                        format!("no way back for {}", tr.systems(unknown))
                    )
                } else {
                    say!(
                        tr,
                        format!("{} fallen aus", tr.systems(s.systems_down)),
                        format!("{} stop", tr.systems(s.systems_down))
                    )
                },
                tone: if unknown > 0 { "bad" } else { "warn" },
            },
            Kpi {
                label: tr
                    .pick("Rücksicherung unmöglich", "Restore impossible")
                    .into(),
                value: tr.int(s.restore_ability_lost),
                note: say!(
                    tr,
                    format!(
                        "{} GB Daten nicht erreichbar",
                        tr.num(r.stranded_volume_gb, 0)
                    ),
                    format!(
                        "{} GB of data out of reach",
                        tr.num(r.stranded_volume_gb, 0)
                    )
                ),
                tone: if s.restore_ability_lost > 0 {
                    "bad"
                } else {
                    "good"
                },
            },
        ],
    });
    let mut items = vec![Item {
        head: tr.pick("Was geschieht.", "What happens.").into(),
        text: tr.stop(&cuts_words(tr, names, r).join("; ")),
    }];
    let down: Vec<&ServiceResult> = r
        .services
        .iter()
        .filter(|x| x.state == State::Down)
        .collect();
    if !down.is_empty() {
        let list: Vec<String> = down
            .iter()
            .map(|x| {
                let back = x
                    .restore_hours
                    .map(|h| {
                        say!(
                            tr,
                            format!("wieder nach {}", tr.hours_dative(h)),
                            format!("back after {}", tr.hours_dative(h))
                        )
                    })
                    .unwrap_or_else(|| {
                        tr.pick("kein Weg zurück bekannt", "no way back known")
                            .into()
                    });
                format!("{} ({back})", clean(&x.name))
            })
            .collect();
        items.push(Item {
            head: tr.pick("Was ausfällt.", "What stops.").into(),
            text: tr.stop(&list.join("; ")),
        });
    }
    if s.restore_ability_lost > 0 {
        items.push(Item {
            head: tr.pick("Kritisch.", "Critical.").into(),
            text: say!(
                tr,
                format!(
                    "{} lassen sich nicht mehr aus der Datensicherung wiederherstellen (Abschnitt 5).",
                    tr.systems(s.restore_ability_lost)
                ),
                format!(
                    "{} can no longer be restored from backup (section 5).",
                    tr.systems(s.restore_ability_lost)
                )
            ),
        });
    }
    if !r.contracts_at_risk.is_empty() {
        items.push(Item {
            head: tr.pick("Wen anrufen.", "Whom to call.").into(),
            text: say!(
                tr,
                format!(
                    "{} mit {} im Jahr; Kündigungsfristen, Datenabruf und Kontakte in Abschnitt 6.",
                    tr.count(
                        r.contracts_at_risk.len(),
                        "betroffener Vertrag",
                        "betroffene Verträge",
                        "",
                        ""
                    ),
                    tr.money(r.annual_cost_at_risk, opts.currency)
                ),
                format!(
                    "{} at risk, {} a year; notice, data retrieval and contacts in section 6.",
                    tr.count(r.contracts_at_risk.len(), "", "", "contract", "contracts"),
                    tr.money(r.annual_cost_at_risk, opts.currency)
                )
            ),
        });
    }
    out.push(Block::Items { items });
    out
}

/// One event of the timeline: the hour, an order within the hour, the text.
type Event = (f64, u8, String);

fn timeline(r: &Report, names: &Names, opts: &HandbookOptions<'_>) -> Vec<Block> {
    let tr = opts.tr;
    let mut ev: Vec<Event> = Vec::new();
    for c in cuts_words(tr, names, r) {
        ev.push((
            0.0,
            0,
            say!(tr, format!("Schnitt: {c}"), format!("Cut: {c}")),
        ));
    }
    for v in &r.cut_vendors {
        if let Some(h) = v.back_at_hours.filter(|h| *h > 0.0) {
            ev.push((
                h,
                4,
                say!(
                    tr,
                    format!("Anbieter {} wieder verfügbar", names.vendor(&v.id)),
                    format!("vendor {} available again", names.vendor(&v.id))
                ),
            ));
        }
    }
    for s in &r.systems {
        let name = clean(&s.name);
        match s.state {
            State::Down => {
                if let Some(h) = s.down_at_hours {
                    ev.push((
                        h,
                        1,
                        say!(
                            tr,
                            format!("System {name} fällt aus"),
                            format!("system {name} stops")
                        ),
                    ));
                }
                if let (Some(h), Some(by)) = (s.back_at_hours, &s.restore_by) {
                    ev.push((
                        h,
                        5,
                        say!(
                            tr,
                            format!("System {name} wieder da ({})", path_words(tr, names, by)),
                            format!("system {name} back ({})", path_words(tr, names, by))
                        ),
                    ));
                }
            }
            State::Replaced => {
                if let (Some(h), Some(by)) = (s.back_at_hours, &s.restore_by) {
                    ev.push((
                        h,
                        5,
                        say!(
                            tr,
                            format!(
                                "System {name}: {} bereit, bevor es ausfällt",
                                path_words(tr, names, by)
                            ),
                            format!(
                                "system {name}: {} ready before it stops",
                                path_words(tr, names, by)
                            )
                        ),
                    ));
                }
                if let Some(h) = s.stops_at_hours {
                    ev.push((
                        h,
                        1,
                        say!(
                            tr,
                            format!("System {name} stoppt; der Ersatz läuft weiter"),
                            format!("system {name} stops; its replacement runs on")
                        ),
                    ));
                }
            }
            State::Unsupported | State::Degraded => {}
        }
    }
    for s in r.services.iter().filter(|x| x.state == State::Down) {
        let name = clean(&s.name);
        if let Some(h) = s.down_at_hours {
            ev.push((
                h,
                2,
                say!(
                    tr,
                    format!("Dienst {name} fällt aus"),
                    format!("service {name} stops")
                ),
            ));
        }
        if let Some(e) = &s.emergency_operation {
            let cap = e
                .capacity
                .map(|c| format!(", {}", tr.pct(c)))
                .unwrap_or_default();
            ev.push((
                e.from_hours,
                3,
                say!(
                    tr,
                    format!("Notbetrieb {name}: {}{cap}", clean(&e.text)),
                    format!("emergency operation {name}: {}{cap}", clean(&e.text))
                ),
            ));
        }
        if let Some(h) = s.back_at_hours {
            ev.push((
                h,
                6,
                say!(
                    tr,
                    format!("Dienst {name} wieder verfügbar"),
                    format!("service {name} available again")
                ),
            ));
        }
    }
    for f in &r.restore_ability_lost {
        ev.push((
            f.from_hours,
            1,
            say!(
                tr,
                format!(
                    "Rücksicherung von {} nicht mehr möglich: {}",
                    names.system(&f.system),
                    clean(&tr.backup_loss(&f.loss))
                ),
                format!(
                    "restore of {} no longer possible: {}",
                    names.system(&f.system),
                    clean(&tr.backup_loss(&f.loss))
                )
            ),
        ));
    }
    ev.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let total = ev.len();
    let rows: Vec<Vec<Cell>> = ev
        .into_iter()
        .take(MAX_EVENTS)
        .map(|(h, order, t)| {
            let cell = if order == 1 || order == 2 {
                bad(t)
            } else {
                text(t)
            };
            vec![num(tr.at_hour_exact(h)), cell]
        })
        .collect();
    let note = if total > MAX_EVENTS {
        say!(
            tr,
            format!(
                "Gezeigt: {} von {} Ereignissen; `--format json` hat alle.",
                tr.int(MAX_EVENTS),
                tr.int(total)
            ),
            format!(
                "Showing {} of {} events; `--format json` has all.",
                tr.int(MAX_EVENTS),
                tr.int(total)
            )
        )
    } else {
        tr.pick(
            "Stunden und Tage ab dem Schnitt (Tag 0 sind die ersten 24 Stunden).",
            "Hours and days from the cut (day 0 is the first 24 hours).",
        )
        .into()
    };
    vec![table(
        String::new(),
        vec![
            num(tr.pick("Zeit", "Time")),
            text(tr.pick("Ereignis", "Event")),
        ],
        rows,
        note,
    )]
}

fn restart_order(r: &Report, names: &Names, opts: &HandbookOptions<'_>) -> Vec<Block> {
    let tr = opts.tr;
    let mut out = vec![Block::Para {
        text: tr
            .pick(
                "Die Systeme in der Reihenfolge, in der sie wieder laufen: zuerst, was andere brauchen. Ein Neustart oder eine Rücksicherung beginnt, wenn das, worauf das System wartet, wieder läuft; eine Notlösung und ein Wechsel beginnen am Tag des Schnitts.",
                "The systems in the order they are back: first what others need. A restart or a restore starts when what the system waits for is back; a stop-gap and a switch start on the day of the cut.",
            )
            .into(),
    }];
    if r.restart_order.is_empty() {
        out.push(Block::Para {
            text: tr
                .pick(
                    "Kein System muss wieder anlaufen.",
                    "No system needs to be brought back.",
                )
                .into(),
        });
    } else {
        let rows = r
            .restart_order
            .iter()
            .map(|x| {
                let by = r
                    .systems
                    .iter()
                    .find(|s| s.id == x.system)
                    .and_then(|s| s.restore_by.as_ref());
                vec![
                    num(tr.int(x.step)),
                    text(clean(&x.name)),
                    text(by.map(|b| path_words(tr, names, b)).unwrap_or_default()),
                    num(tr.at_hour_exact(x.start_hours)),
                    num(tr.at_hour_exact(x.end_hours)),
                    text(
                        x.defaults
                            .iter()
                            .map(|f| tr.figure(*f))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ]
            })
            .collect();
        out.push(table(
            String::new(),
            vec![
                num("#"),
                text(tr.l("system")),
                text(tr.pick("Weg zurück", "Way back")),
                num(tr.pick("Beginn", "Starts")),
                num(tr.pick("Wieder da", "Back")),
                text(tr.pick("Noch Standardwerte", "Still defaults")),
            ],
            rows,
            tr.pick(
                "„Noch Standardwerte“: diese Zeiten stammen aus den dokumentierten Standardwerten, nicht aus dem Modell; ein Wiederanlauftest liefert die echten.",
                "“Still defaults”: these times come from the documented defaults, not from the model; a restart test gives the real ones.",
            )
            .into(),
        ));
    }
    let plans: Vec<Vec<Cell>> = r
        .systems
        .iter()
        .filter(|s| matches!(s.restore_by, Some(RestoreBy::Fallback { .. })))
        .filter_map(|s| {
            let p = s.strategic_switch.as_ref()?;
            Some(vec![
                text(clean(&s.name)),
                text(names.any(&p.alternative)),
                num(tr.hours(p.ready_at_hours)),
            ])
        })
        .collect();
    if !plans.is_empty() {
        out.push(table(
            tr.pick(
                "Nach der Notlösung: der strategische Wechsel",
                "After the stop-gap: the strategic switch",
            )
            .into(),
            vec![
                text(tr.l("system")),
                text(tr.pick("Wechsel zu", "Switch to")),
                num(tr.pick("fertig nach (P80)", "done after (P80)")),
            ],
            plans,
            String::new(),
        ));
    }
    let none: Vec<String> = r
        .systems
        .iter()
        .filter(|x| x.state == State::Down && x.back_at_hours.is_none())
        .map(|x| clean(&x.name))
        .collect();
    if !none.is_empty() {
        out.push(Block::Para {
            text: say!(
                tr,
                format!(
                    "Kein Weg zurück bekannt für: {}. Eine Notlösung, eine Datensicherung oder eine Alternative fehlt.",
                    tr.and_list(&none)
                ),
                format!(
                    "No way back known for: {}. A stop-gap, a backup or an alternative is missing.",
                    tr.and_list(&none)
                )
            ),
        });
    }
    out
}

fn services(r: &Report, _names: &Names, opts: &HandbookOptions<'_>) -> Vec<Block> {
    let tr = opts.tr;
    let down: Vec<&ServiceResult> = r
        .services
        .iter()
        .filter(|x| x.state == State::Down)
        .collect();
    if down.is_empty() {
        return vec![Block::Para {
            text: tr
                .pick("Kein Dienst fällt aus.", "No service stops.")
                .into(),
        }];
    }
    let rows = down
        .iter()
        .map(|x| {
            let back = x
                .restore_hours
                .map(|h| tr.hours(h))
                .unwrap_or_else(|| tr.pick("unbekannt", "unknown").into());
            let limit = x
                .max_outage_hours
                .map(|h| tr.hours(h))
                .unwrap_or_else(|| "–".into());
            let workaround = match &x.emergency_operation {
                Some(e) => {
                    let cap = e
                        .capacity
                        .map(|c| format!(" ({})", tr.pct(c)))
                        .unwrap_or_default();
                    say!(
                        tr,
                        format!("ab {}: {}{cap}", tr.at_hour(e.from_hours), clean(&e.text)),
                        format!("from {}: {}{cap}", tr.at_hour(e.from_hours), clean(&e.text))
                    )
                }
                None => tr.pick("keiner beschrieben", "none described").into(),
            };
            vec![
                text(clean(&x.name)),
                text(tr.criticality(x.criticality)),
                num(x.down_at_hours.map(|h| tr.at_hour(h)).unwrap_or_default()),
                if x.breach { bad(back) } else { num(back) },
                num(limit),
                text(workaround),
            ]
        })
        .collect();
    vec![
        Block::Para {
            text: tr
                .pick(
                    "Was ausfällt, wie lange, und was der Dienst in der Zwischenzeit tut (Notbetrieb).",
                    "What stops, for how long, and what the service does meanwhile (emergency operation).",
                )
                .into(),
        },
        table(
            String::new(),
            vec![
                text(tr.l("service")),
                text(tr.l("criticality")),
                num(tr.pick("Ausfall ab", "Stops")),
                num(tr.pick("Wieder da nach", "Back after")),
                num(tr.l("max_outage")),
                text(tr.pick("Notbetrieb", "Emergency operation")),
            ],
            rows,
            tr.pick(
                "Rot: länger als die tolerierbare Ausfallzeit oder kein Weg zurück bekannt.",
                "Red: longer than the tolerable outage, or no way back known.",
            )
            .into(),
        ),
    ]
}

fn data(r: &Report, names: &Names, opts: &HandbookOptions<'_>) -> Vec<Block> {
    let tr = opts.tr;
    let mut out = Vec::new();
    if r.restore_ability_lost.is_empty() {
        out.push(Block::Para {
            text: tr
                .pick(
                    "Alle Datensicherungen bleiben lesbar.",
                    "Every backup stays readable.",
                )
                .into(),
        });
    } else {
        let rows = r
            .restore_ability_lost
            .iter()
            .map(|x| {
                vec![
                    text(names.system(&x.system)),
                    num(if x.sensitivity.is_some() {
                        format!("{} GB", tr.num(x.volume_gb, 0))
                    } else {
                        "–".into()
                    }),
                    bad(clean(&tr.backup_loss(&x.loss))),
                    num(tr.at_hour(x.from_hours)),
                ]
            })
            .collect();
        out.push(table(
            tr.pick(
                "Kritisch: Rücksicherung nicht mehr möglich",
                "Critical: restore no longer possible",
            )
            .into(),
            vec![
                text(tr.l("system")),
                num(tr.l("volume")),
                text(tr.pick("Grund", "Why")),
                num(tr.pick("ab", "from")),
            ],
            rows,
            String::new(),
        ));
    }
    if !r.stranded_data.is_empty() {
        let rows = r
            .stranded_data
            .iter()
            .map(|x| {
                vec![
                    text(names.system(&x.system)),
                    num(format!("{} GB", tr.num(x.volume_gb, 0))),
                    text(tr.sensitivity(x.sensitivity)),
                    text(tr.stranded_reason(x.reason)),
                    text(names.any(x.format_vendor.as_deref().unwrap_or(&x.operator))),
                ]
            })
            .collect();
        out.push(table(
            tr.l("stranded").into(),
            vec![
                text(tr.l("system")),
                num(tr.l("volume")),
                text(tr.l("sensitivity")),
                text(tr.pick("Grund", "Why")),
                text(tr.pick("Bei", "Held by")),
            ],
            rows,
            String::new(),
        ));
    }
    let losses: Vec<Vec<Cell>> = r
        .systems
        .iter()
        .filter_map(|x| {
            let l = x.data_loss_hours?;
            let how = match &x.data_loss_with {
                Some(host) => say!(
                    tr,
                    format!("mit {} zurückgesichert", names.system(host)),
                    format!("restored with {}", names.system(host))
                ),
                None => tr
                    .pick("aus der eigenen Sicherung", "from its own backup")
                    .into(),
            };
            Some(vec![text(clean(&x.name)), num(tr.hours(l)), text(how)])
        })
        .collect();
    if !losses.is_empty() {
        out.push(table(
            tr.pick(
                "Datenverlust bei der Rücksicherung (RPO)",
                "Data lost in the restore (RPO)",
            )
            .into(),
            vec![
                text(tr.l("system")),
                num(tr.pick("Daten der letzten", "Data of the last")),
                text(tr.pick("Rücksicherung", "Restore")),
            ],
            losses,
            tr.pick(
                "Was seit der letzten Sicherung erfasst wurde, muss nacherfasst werden.",
                "What was entered since the last backup must be entered again.",
            )
            .into(),
        ));
    }
    let rpo: Vec<String> = r
        .services
        .iter()
        .filter(|x| x.rpo_breach)
        .map(|x| clean(&x.name))
        .collect();
    if !rpo.is_empty() {
        out.push(Block::Para {
            text: say!(
                tr,
                format!(
                    "Mehr Datenverlust als tolerierbar (RPO) für: {}.",
                    tr.and_list(&rpo)
                ),
                format!(
                    "More data lost than tolerable (RPO) for: {}.",
                    tr.and_list(&rpo)
                )
            ),
        });
    }
    out
}

fn contact_words(c: &crate::model::Contact) -> String {
    [&c.phone, &c.email, &c.reference, &c.owner]
        .into_iter()
        .flatten()
        .map(|x| clean(x))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn contacts(r: &Report, names: &Names, opts: &HandbookOptions<'_>) -> Vec<Block> {
    let tr = opts.tr;
    let mut out = Vec::new();
    if r.contracts_at_risk.is_empty() {
        out.push(Block::Para {
            text: tr
                .pick(
                    "Kein laufender Vertrag ist betroffen.",
                    "No running contract is at risk.",
                )
                .into(),
        });
    } else {
        let rows = r
            .contracts_at_risk
            .iter()
            .map(|c| {
                vec![
                    text(clean(c.name.as_deref().unwrap_or(&c.contract))),
                    text(names.vendor(&c.vendor)),
                    num(c
                        .annual_cost
                        .map(|x| tr.money(x, opts.currency))
                        .unwrap_or_else(|| "–".into())),
                    num(tr.odate(c.notice_by)),
                    num(tr.odate(c.next_exit)),
                    num(c
                        .data_retrieval
                        .map(|d| tr.duration(d))
                        .unwrap_or_else(|| tr.pick("keine", "none").into())),
                    text(c.contact.as_ref().map(contact_words).unwrap_or_default()),
                ]
            })
            .collect();
        out.push(table(
            String::new(),
            vec![
                text(tr.l("contract")),
                text(tr.l("vendor")),
                num(tr.l("annual_cost")),
                num(tr.l("notice_by")),
                num(tr.pick("Frühestes Ende", "Earliest end")),
                num(tr.pick("Datenabruf", "Data retrieval")),
                text(tr.pick("Kontakt", "Contact")),
            ],
            rows,
            tr.pick(
                "Verträge mit einem betroffenen Anbieter oder über ein betroffenes System. „Frühestes Ende“: das nächste Vertragsende, zu dem sich noch kündigen lässt; „Kündigung bis“: der letzte Tag dafür.",
                "Contracts with a vendor cut off or covering an affected system. “Earliest end”: the next end of term that notice can still reach; “Notice by”: the last day to give it.",
            )
            .into(),
        ));
    }
    let vendors: Vec<Vec<Cell>> = r
        .cut_vendors
        .iter()
        .filter_map(|v| {
            let c = v.contact.as_ref()?;
            Some(vec![text(clean(&v.name)), text(contact_words(c))])
        })
        .collect();
    if !vendors.is_empty() {
        out.push(table(
            tr.pick("Betroffene Anbieter", "Vendors cut off").into(),
            vec![text(tr.l("vendor")), text(tr.pick("Kontakt", "Contact"))],
            vendors,
            String::new(),
        ));
    }
    out
}

fn method(r: &Report, opts: &HandbookOptions<'_>) -> Vec<Block> {
    let tr = opts.tr;
    let defaults = r
        .restart_order
        .iter()
        .filter(|x| !x.defaults.is_empty())
        .count();
    vec![
        Block::Para {
            text: tr
                .pick(
                    "Jedes ausgefallene System kommt auf dem frühesten von vier Wegen zurück: Neustart, wenn der Ausfall vorbei ist und alles wieder läuft, was es braucht; Rücksicherung aus einer lesbaren Datensicherung; die Notlösung, ab dem Tag des Schnitts aufgebaut; der strategische Wechsel zur besten verfügbaren Alternative (80. Perzentil der Schätzung). Ein System, dessen Anbieter wegfällt und dessen Lizenzprüfung abgelaufen ist, kommt nicht mit seinen Abhängigkeiten zurück. Ein Dienst ist wieder da, wenn alles wieder läuft, was er braucht.",
                    "Every system that stops comes back on the earliest of four paths: a restart once the cut is over and everything it needs is back; a restore from a readable backup; its stop-gap, set up from the day of the cut; the strategic switch to the best available alternative (80th percentile of its estimate). A system whose vendor is withdrawn and whose licence check ran out does not come back with its dependencies. A service is back when everything it needs is back.",
                )
                .into(),
        },
        Block::Note {
            text: match defaults {
                0 => tr
                    .pick(
                        "Alle Zeiten des Wiederanlaufplans stehen im Modell ([system.recovery]); ein jährlicher Wiederanlauftest hält sie aktuell.",
                        "Every time of the restart order is given in the model ([system.recovery]); a yearly restart test keeps them current.",
                    )
                    .into(),
                n => say!(
                    tr,
                    format!(
                        "{} des Wiederanlaufplans {} noch ganz oder teilweise auf Standardwerten (docs/methodology.md, „Recovery defaults“): Wiederanlaufzeiten, Rücksicherungszeiten und RPO aus einem Wiederanlauftest gehören ins Modell ([system.recovery]).",
                        tr.count(n, "Schritt", "Schritte", "", ""),
                        if n == 1 { "beruht" } else { "beruhen" }
                    ),
                    format!(
                        "{} of the restart order still {} wholly or partly on defaults (docs/methodology.md, “Recovery defaults”): restart and restore times and RPOs from a restart test belong in the model ([system.recovery]).",
                        tr.count(n, "", "", "step", "steps"),
                        if n == 1 { "rests" } else { "rest" }
                    )
                ),
            },
        },
    ]
}

/// The file name of a scenario's handbook without extension: the id, cut to
/// 100 characters with a hash of the whole id when longer than 120 (file
/// names are limited to 255 bytes).
pub fn file_stem(id: &str) -> String {
    if id.len() <= 120 {
        return id.to_string();
    }
    // FNV-1a, 64 bit: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let head: String = id.chars().take(100).collect();
    format!("{head}-{h:016x}")
}

/// The Markdown and the HTML of a handbook.
pub fn render(doc: &Document) -> Result<(String, String), minijinja::Error> {
    Ok((markdown::render(doc)?, html::render(doc)?))
}
