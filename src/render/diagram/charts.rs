//! The chart views: the exit plan as a Gantt chart, contract deadlines as
//! a timeline, and spend as bars. Each takes the finished analysis result,
//! so that the review can draw what it has already computed.

use super::{Diagram, DiagramOptions};
use crate::analysis::deadlines::{self, ContractDeadline, Deadlines, Status as DeadlineStatus};
use crate::analysis::exit_plan::ExitPlan;
use crate::analysis::spend::{Band, Concentration};
use crate::graph::Graph;
use crate::model::Duration;
use crate::model::duration::DAYS_PER_MONTH;
use crate::render::chart::{
    self, Bar, BarSection, Bars, EventKind, GANTT_CRITICAL, GANTT_TASK, Gantt, GanttRow, Marker,
    TIMELINE_DECISION, TIMELINE_NOTICE, TIMELINE_TERM, Timeline, TimelineEvent, TimelineRow,
};
use crate::render::dot::{Head, Legend, LegendItem, LegendSection, LineStyle, Shape};
use crate::render::i18n::{Tr, say};
use crate::render::svg::Renderer;
use chrono::{Months, NaiveDate};

/// The months the deadlines timeline covers from the as-of date.
pub const TIMELINE_MONTHS: u32 = 24;
/// The horizon of "due" decisions used for the timeline's deadlines.
pub const HORIZON: Duration = Duration {
    years: 0,
    months: TIMELINE_MONTHS,
    ..Duration::ZERO
};

const P50: &str = "#1b7837";
const P80: &str = "#762a83";
const TARGET: &str = "#555555";

fn months(w: Tr, days: f64) -> String {
    say!(
        w,
        format!("{} Monate", w.dec1(days / DAYS_PER_MONTH)),
        format!("{} months", w.dec1(days / DAYS_PER_MONTH)),
    )
}

fn line(colour: &'static str, style: LineStyle, label: String) -> LegendItem {
    LegendItem::Line {
        style,
        colour,
        head: Head::None,
        width: 2,
        label,
    }
}

/// The exit plan as a Gantt chart: tasks in schedule order with expected
/// durations, the critical path in red, P50 and P80 of the Monte Carlo
/// and the organisation's switch target as vertical lines.
pub fn exit_chart(g: &Graph, plan: &ExitPlan, opts: &DiagramOptions) -> Diagram {
    let w = Tr::new(opts.lang);
    let m = g.model();
    let name_of = |id: &str| {
        m.system_id(id)
            .map(|s| m.system(s).name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    // Long plans: every critical task, then the earliest others, in
    // schedule order (the tasks are sorted by start day).
    let shown: Vec<&crate::analysis::exit_plan::Task> = if plan.tasks.len() > MAX_GANTT_ROWS {
        let critical = plan.tasks.iter().filter(|t| t.critical).count();
        let mut others = MAX_GANTT_ROWS.saturating_sub(critical);
        plan.tasks
            .iter()
            .filter(|t| {
                t.critical || {
                    let keep = others > 0;
                    others = others.saturating_sub(1);
                    keep
                }
            })
            .collect()
    } else {
        plan.tasks.iter().collect()
    };
    let rows: Vec<GanttRow> = shown
        .iter()
        .map(|t| {
            let names: Vec<String> = t.members.iter().map(|x| name_of(x)).collect();
            let label = names.join(" + ");
            GanttRow {
                key: t.id.clone(),
                label: label.clone(),
                start_day: t.start_day,
                end_day: t.finish_day,
                critical: t.critical,
                after: t.after.clone(),
                tooltip: say!(w,
                    format!(
                        "{label}: Tag {} bis {} (erwartet {} Tage; optimistisch {}, wahrscheinlich {}, pessimistisch {}){}",
                        w.dec1(t.start_day),
                        w.dec1(t.finish_day),
                        w.dec1(t.expected_days),
                        w.dec1(t.optimistic_days),
                        w.dec1(t.likely_days),
                        w.dec1(t.pessimistic_days),
                        if t.critical { "; kritischer Pfad" } else { "" }
                    ),
                    format!(
                        "{label}: day {} to {} (expected {} days; optimistic {}, likely {}, pessimistic {}){}",
                        w.dec1(t.start_day),
                        w.dec1(t.finish_day),
                        w.dec1(t.expected_days),
                        w.dec1(t.optimistic_days),
                        w.dec1(t.likely_days),
                        w.dec1(t.pessimistic_days),
                        if t.critical { "; critical path" } else { "" }
                    ),
                ),
            }
        })
        .collect();
    let target = m.organisation.switch_target.as_days();
    let mut markers = Vec::new();
    if !rows.is_empty() {
        markers.push(Marker {
            day: plan.p50_days,
            label: format!("P50: {}", months(w, plan.p50_days)),
            colour: P50,
            dashed: false,
        });
        markers.push(Marker {
            day: plan.p80_days,
            label: format!("P80: {}", months(w, plan.p80_days)),
            colour: P80,
            dashed: false,
        });
    }
    if target > 0.0 {
        markers.push(Marker {
            day: target,
            label: say!(
                w,
                format!("Ziel: {}", months(w, target)),
                format!("target: {}", months(w, target)),
            ),
            colour: TARGET,
            dashed: true,
        });
    }
    let path: Vec<String> = plan.critical_path.iter().map(|x| name_of(x)).collect();
    let cut_rows = plan.tasks.len() - rows.len();
    let mut notes = vec![say!(
        w,
        format!(
            "{}; höchstens {} Wechsel gleichzeitig; Balken: erwartete Dauer (PERT) im Zeitplan.",
            w.systems(plan.systems.len()),
            plan.parallel_migrations
        ),
        format!(
            "{}; at most {} switches at once; bars: expected duration (PERT) in the schedule.",
            w.systems(plan.systems.len()),
            plan.parallel_migrations
        ),
    )];
    if !path.is_empty() {
        // A long path: its first and last three steps and the count.
        let text = if path.len() > 8 {
            say!(
                w,
                format!(
                    "{} → … → {} ({} Schritte)",
                    path[..3].join(" → "),
                    path[path.len() - 3..].join(" → "),
                    path.len()
                ),
                format!(
                    "{} → … → {} ({} steps)",
                    path[..3].join(" → "),
                    path[path.len() - 3..].join(" → "),
                    path.len()
                ),
            )
        } else {
            path.join(" → ")
        };
        notes.push(say!(
            w,
            format!("Kritischer Pfad: {text}"),
            format!("Critical path: {text}"),
        ));
    }
    notes.push(if plan.exact_percentiles {
        say!(w,
            format!(
                "P50 und P80 exakt aus den PERT-Verteilungen (unabhängige Wechsel, alle gleichzeitig); Kosten {}.",
                w.money(plan.total_cost, &m.organisation.currency)
            ),
            format!(
                "P50 and P80 exact from the PERT distributions (independent switches, all at once); cost {}.",
                w.money(plan.total_cost, &m.organisation.currency)
            ),
        )
    } else {
        say!(w,
            format!(
                "P50 und P80 aus {} Monte-Carlo-Läufen (Startwert {}); Kosten {}.",
                w.int(plan.runs as i64),
                plan.seed,
                w.money(plan.total_cost, &m.organisation.currency)
            ),
            format!(
                "P50 and P80 from {} Monte Carlo runs (seed {}); cost {}.",
                w.int(plan.runs as i64),
                plan.seed,
                w.money(plan.total_cost, &m.organisation.currency)
            ),
        )
    });
    if cut_rows > 0 {
        notes.push(say!(w,
            format!(
                "{} von {} Wechseln gezeigt: der kritische Pfad und die frühesten; `exitgraph exit` listet alle.",
                w.int(rows.len() as i64),
                w.int(plan.tasks.len() as i64)
            ),
            format!(
                "{} of {} switches shown: the critical path and the earliest; `exitgraph exit` lists them all.",
                w.int(rows.len() as i64),
                w.int(plan.tasks.len() as i64)
            ),
        ));
    }
    let legend = Legend {
        title: w.pick("Legende", "Legend").into(),
        sections: vec![LegendSection {
            heading: w.pick("Zeitplan", "Schedule").into(),
            items: vec![
                LegendItem::Swatch {
                    fill: GANTT_CRITICAL,
                    shape: Shape::Box,
                    label: w
                        .pick(
                            "Wechsel auf dem kritischen Pfad (längste Abhängigkeitskette)",
                            "switch on the critical path (longest chain of dependencies)",
                        )
                        .into(),
                },
                LegendItem::Swatch {
                    fill: GANTT_TASK,
                    shape: Shape::Box,
                    label: w.pick("weiterer Wechsel", "other switch").into(),
                },
                line(
                    P50,
                    LineStyle::Solid,
                    w.pick(
                        "P50: zur Hälfte wahrscheinlich fertig",
                        "P50: done with 50 % probability",
                    )
                    .into(),
                ),
                line(
                    P80,
                    LineStyle::Solid,
                    w.pick(
                        "P80: zu 80 % wahrscheinlich fertig",
                        "P80: done with 80 % probability",
                    )
                    .into(),
                ),
                line(
                    TARGET,
                    LineStyle::Dashed,
                    w.pick(
                        "Ziel-Wechselzeit der Organisation",
                        "the organisation's target switch time",
                    )
                    .into(),
                ),
            ],
        }],
    };
    let gantt = Gantt {
        title: say!(
            w,
            format!("Ausstiegsplan: {}", plan.target_name),
            format!("Exit plan: {}", plan.target_name),
        ),
        notes: if opts.print {
            Vec::new()
        } else {
            notes.clone()
        },
        rows,
        markers,
        axis_label: w.pick("Monate ab Beginn", "months from the start").into(),
        axis_days: false,
        empty_text: w
            .pick(
                "Nichts zu wechseln: kein System in Betrieb.",
                "Nothing to switch: no system in use.",
            )
            .into(),
        legend,
    };
    let n = gantt.rows.len();
    Diagram {
        view: "exit",
        title: gantt.title.clone(),
        dot: None,
        svg: chart::gantt_svg(&gantt),
        renderer: Renderer::Direct,
        notes,
        nodes: n,
        rolled_up: false,
    }
}

/// Ids for a note: the first ten, then how many more.
fn id_list(ids: &[String], w: Tr) -> String {
    let mut out = ids.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > 10 {
        out.push_str(&say!(
            w,
            format!(" und {} weitere", w.int((ids.len() - 10) as i64)),
            format!(" and {} more", w.int((ids.len() - 10) as i64)),
        ));
    }
    out
}

/// Rows of the Gantt chart before the rest is left out (with a note).
pub const MAX_GANTT_ROWS: usize = 80;
/// Rows of the timeline before the rest is left out (with a note).
pub const MAX_TIMELINE_ROWS: usize = 60;

/// The most term ends looked at per contract (a daily renewal over 24
/// months needs about 730).
const MAX_TERMS: usize = 2_000;

/// The dates of one contract between `start` and `end` (inclusive), each
/// with the exit date it is about, sorted by date and kind:
/// - every term end, following renewals;
/// - the notice deadline of each term end (renewing contracts only; a
///   contract without renewal simply ends);
/// - the decision deadline of the next exit, and the one of the earliest
///   exit still reachable when it differs (after an overdue decision).
pub fn contract_events(
    c: &ContractDeadline,
    start: NaiveDate,
    end: NaiveDate,
) -> Vec<(NaiveDate, EventKind, NaiveDate)> {
    let inside = |x: NaiveDate| x >= start && x <= end;
    let mut out = Vec::new();
    let renewal = c.renewal.filter(|r| !r.is_zero());
    // A contract renewed on purpose or with nothing to choose has no
    // notice or decision to act on: only its term ends are shown.
    let actionable = !matches!(
        c.status,
        DeadlineStatus::Renewed | DeadlineStatus::Mandated | DeadlineStatus::Ended
    );
    let mut t = c.term_end;
    for _ in 0..MAX_TERMS {
        let Some(cur) = t else { break };
        let exit = match renewal {
            Some(_) => crate::model::terms::period_end(cur, c.notice_to).unwrap_or(cur),
            None => cur,
        };
        let nd = renewal
            .filter(|_| actionable)
            .and_then(|_| deadlines::notice_deadline(exit, c.notice));
        if cur > end && nd.is_none_or(|x| x > end) {
            break;
        }
        if inside(cur) {
            out.push((cur, EventKind::TermEnd, cur));
        }
        if let Some(x) = nd.filter(|x| inside(*x)) {
            out.push((x, EventKind::Notice, exit));
        }
        t = renewal.and_then(|r| deadlines::next_term_end(cur, r));
    }
    if !actionable {
        out.sort();
        out.dedup();
        return out;
    }
    let mut decisions = vec![(c.decision_deadline, c.next_exit)];
    if c.feasible_decision_deadline != c.decision_deadline {
        decisions.push((c.feasible_decision_deadline, c.feasible_exit));
    }
    for (dd, exit) in decisions {
        if let (Some(x), Some(e)) = (dd.filter(|x| inside(*x)), exit) {
            out.push((x, EventKind::Decision, e));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The contract deadlines of the next 24 months as a timeline: term ends,
/// notice deadlines and decision deadlines per contract, today marked.
pub fn deadlines_chart(g: &Graph, d: &Deadlines, opts: &DiagramOptions) -> Diagram {
    let w = Tr::new(opts.lang);
    let m = g.model();
    let start = d.as_of;
    let end = start
        .checked_add_months(Months::new(TIMELINE_MONTHS))
        .unwrap_or(NaiveDate::MAX);
    let mut rows = Vec::new();
    let mut quiet = Vec::new();
    let mut expired = Vec::new();
    for c in &d.contracts {
        let label_name = c.name.clone().unwrap_or_else(|| c.id.clone());
        if c.status == DeadlineStatus::Ended {
            expired.push(c.id.clone());
            continue;
        }
        let events: Vec<TimelineEvent> = contract_events(c, start, end)
            .into_iter()
            .map(|(date, kind, to)| {
                let to = w.date(to);
                let on = w.date(date);
                let tooltip = match kind {
                    EventKind::TermEnd => say!(w,
                        format!("{label_name}: Laufzeitende {on}"),
                        format!("{label_name}: term ends {on}"),
                    ),
                    EventKind::Notice => say!(w,
                        format!("{label_name}: Kündigung bis {on} (zum {to})"),
                        format!("{label_name}: give notice by {on} (to leave on {to})"),
                    ),
                    EventKind::Decision => say!(w,
                        format!(
                            "{label_name}: Entscheidung bis {on}, um zum {to} zu wechseln (Wechseldauer {}, P80)",
                            w.days(c.migration_days as f64)
                        ),
                        format!(
                            "{label_name}: decide by {on} to leave on {to} (switch time {}, P80)",
                            w.days(c.migration_days as f64)
                        ),
                    ),
                };
                TimelineEvent {
                    date,
                    kind,
                    tooltip,
                }
            })
            .collect();
        let overdue = c.status == DeadlineStatus::Overdue;
        if events.is_empty() && !overdue {
            quiet.push(c.id.clone());
            continue;
        }
        rows.push(TimelineRow {
            tooltip: format!(
                "{} ({}, {}): {}",
                label_name,
                c.id,
                c.vendor_name,
                w.contract_action(c)
            ),
            label: label_name,
            tag: overdue.then(|| w.contract_status(DeadlineStatus::Overdue).to_string()),
            events,
        });
    }
    let with_dates = rows.len();
    rows.truncate(MAX_TIMELINE_ROWS);
    let mut notes = vec![say!(
        w,
        format!(
            "Stichtag {}; Entscheidungsfrist = Vertragsende minus Wechseldauer (P80 des Ausstiegsplans), spätestens die Kündigungsfrist.",
            w.date(start)
        ),
        format!(
            "As of {}; decision deadline = contract end minus switch time (P80 of the exit plan), at the latest the notice deadline.",
            w.date(start)
        ),
    )];
    if rows.iter().any(|r| r.tag.is_some()) {
        notes.push(say!(w,
            "„Ende verpasst“: Das nächste Vertragsende ist nicht mehr erreichbar; die Raute zeigt dann den spätesten Beginn für das früheste noch erreichbare Vertragsende.".to_string(),
            "“exit missed”: the next exit is no longer reachable; the diamond then shows the latest start for the earliest exit still reachable.".to_string(),
        ));
    }
    if with_dates > rows.len() {
        notes.push(say!(w,
            format!(
                "Die {} dringendsten von {} Verträgen mit Terminen (nach Entscheidungsfrist); `exitgraph deadlines` listet alle.",
                rows.len(),
                w.int(with_dates as i64)
            ),
            format!(
                "The {} most urgent of {} contracts with dates (by decision deadline); `exitgraph deadlines` lists them all.",
                rows.len(),
                w.int(with_dates as i64)
            ),
        ));
    }
    if !quiet.is_empty() {
        notes.push(say!(
            w,
            format!(
                "Ohne Termin in den nächsten 24 Monaten: {}.",
                id_list(&quiet, w)
            ),
            format!("No date in the next 24 months: {}.", id_list(&quiet, w)),
        ));
    }
    if !expired.is_empty() {
        notes.push(say!(
            w,
            format!("Beendet: {}.", id_list(&expired, w)),
            format!("Ended: {}.", id_list(&expired, w)),
        ));
    }
    let legend = Legend {
        title: w.pick("Legende", "Legend").into(),
        sections: vec![LegendSection {
            heading: w.pick("Termine", "Dates").into(),
            items: vec![
                LegendItem::Swatch {
                    fill: TIMELINE_DECISION,
                    shape: Shape::Diamond,
                    label: w
                        .pick(
                            "Entscheidungsfrist (Wechsel beginnen)",
                            "decision deadline (start the switch)",
                        )
                        .into(),
                },
                LegendItem::Swatch {
                    fill: TIMELINE_NOTICE,
                    shape: Shape::Triangle,
                    label: w.pick("Kündigungsfrist", "notice deadline").into(),
                },
                LegendItem::Swatch {
                    fill: TIMELINE_TERM,
                    shape: Shape::Square,
                    label: w.pick("Laufzeitende", "end of term").into(),
                },
                line(
                    "#1565c0",
                    LineStyle::Solid,
                    w.pick("heute (Stichtag)", "today (as-of date)").into(),
                ),
            ],
        }],
    };
    let tl = Timeline {
        title: say!(
            w,
            format!(
                "{}: Vertragsfristen der nächsten 24 Monate",
                m.organisation.name
            ),
            format!(
                "{}: contract deadlines of the next 24 months",
                m.organisation.name
            ),
        ),
        notes: if opts.print {
            Vec::new()
        } else {
            notes.clone()
        },
        start,
        end,
        today: start,
        today_label: w.pick("heute", "today").into(),
        months: w.months(),
        rows,
        empty_text: w
            .pick(
                "Keine Vertragsfristen in diesem Zeitraum.",
                "No contract dates in this period.",
            )
            .into(),
        legend,
        compact: opts.print,
    };
    let n = tl.rows.len();
    Diagram {
        view: "deadlines",
        title: tl.title.clone(),
        dot: None,
        svg: chart::timeline_svg(&tl),
        renderer: Renderer::Direct,
        notes,
        nodes: n,
        rolled_up: false,
    }
}

/// Bars per vendor group shown before the rest is summed into one bar.
const MAX_GROUP_BARS: usize = 20;
const TRUSTED: &str = "#4393c3";
const UNTRUSTED: &str = "#d6604d";

fn band(w: Tr, b: Band) -> &'static str {
    match b {
        Band::NoSpend => w.pick("keine Ausgaben", "no spend"),
        Band::Unconcentrated => w.pick("nicht konzentriert", "unconcentrated"),
        Band::Moderate => w.pick("mäßig konzentriert", "moderately concentrated"),
        Band::High => w.pick("hoch konzentriert", "highly concentrated"),
    }
}

/// Spend by vendor group and by jurisdiction as bars, coloured by whether
/// the money stays within the trusted jurisdictions.
pub fn spend_chart(g: &Graph, c: &Concentration, opts: &DiagramOptions) -> Diagram {
    let w = Tr::new(opts.lang);
    let m = g.model();
    let cur = &c.currency;
    let value = |cost: f64, share: f64| format!("{} · {}", w.money(cost, cur), w.pct(share));
    let mut groups: Vec<Bar> = c
        .by_group
        .iter()
        .take(MAX_GROUP_BARS)
        .map(|x| Bar {
            label: format!("{} ({})", x.name, x.country),
            value: x.annual_cost,
            text: value(x.annual_cost, x.share),
            fill: if x.untrusted { UNTRUSTED } else { TRUSTED },
            tooltip: format!("{} ({}): {}", x.name, x.vendor, x.contracts.join(", ")),
            segments: Vec::new(),
        })
        .collect();
    if c.by_group.len() > MAX_GROUP_BARS {
        let rest = &c.by_group[MAX_GROUP_BARS..];
        let cost: f64 = rest.iter().map(|x| x.annual_cost).sum();
        let share: f64 = rest.iter().map(|x| x.share).sum();
        let label = say!(
            w,
            format!("{} weitere Anbietergruppen", rest.len()),
            format!("{} other vendor groups", rest.len()),
        );
        let untrusted = rest.iter().any(|x| x.untrusted);
        groups.push(Bar {
            label: label.clone(),
            value: cost,
            text: value(cost, share),
            fill: if untrusted { UNTRUSTED } else { TRUSTED },
            tooltip: rest
                .iter()
                .map(|x| x.vendor.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            segments: Vec::new(),
        });
    }
    let countries: Vec<Bar> = c
        .by_jurisdiction
        .iter()
        .map(|x| Bar {
            label: x.country.to_string(),
            value: x.annual_cost,
            text: value(x.annual_cost, x.share),
            fill: if x.trusted { TRUSTED } else { UNTRUSTED },
            tooltip: x.country.to_string(),
            segments: Vec::new(),
        })
        .collect();
    let mut notes = vec![say!(
        w,
        format!(
            "Jährlich {} in Verträgen; {} ({}) an Anbieter außerhalb des Vertrauensraums.",
            w.money(c.total, cur),
            w.money(c.untrusted_cost, cur),
            w.pct(c.untrusted_share)
        ),
        format!(
            "{} a year in contracts; {} ({}) to vendors outside the trusted set.",
            w.money(c.total, cur),
            w.money(c.untrusted_cost, cur),
            w.pct(c.untrusted_share)
        ),
    )];
    notes.push(say!(
        w,
        format!(
            "Konzentration (HHI über Anbietergruppen): {}, {}.",
            w.int(c.hhi.round() as i64),
            band(w, c.band)
        ),
        format!(
            "Concentration (HHI across vendor groups): {}, {}.",
            w.int(c.hhi.round() as i64),
            band(w, c.band)
        ),
    ));
    if c.by_group.len() > MAX_GROUP_BARS {
        notes.push(say!(
            w,
            format!(
                "Die {} kleinsten Anbietergruppen sind in einem Balken zusammengefasst.",
                c.by_group.len() - MAX_GROUP_BARS
            ),
            format!(
                "The {} smallest vendor groups are summed in one bar.",
                c.by_group.len() - MAX_GROUP_BARS
            ),
        ));
    }
    if !c.contracts_without_cost.is_empty() {
        notes.push(say!(
            w,
            format!(
                "Ohne Kostenangabe (nicht gezählt): {}.",
                id_list(&c.contracts_without_cost, w)
            ),
            format!(
                "Without a cost (not counted): {}.",
                id_list(&c.contracts_without_cost, w)
            ),
        ));
    }
    let bars = Bars {
        title: say!(
            w,
            format!(
                "{}: Ausgaben nach Anbietergruppe und Rechtsraum",
                m.organisation.name
            ),
            format!(
                "{}: spend by vendor group and jurisdiction",
                m.organisation.name
            ),
        ),
        notes: if opts.print {
            Vec::new()
        } else {
            notes.clone()
        },
        compact: opts.print,
        sections: vec![
            BarSection {
                heading: w
                    .pick(
                        "Nach Anbietergruppe (Konzernmutter)",
                        "By vendor group (top parent)",
                    )
                    .into(),
                bars: groups,
                empty_text: w
                    .pick("Keine Verträge mit Kosten.", "No contracts with a cost.")
                    .into(),
            },
            BarSection {
                heading: w
                    .pick(
                        "Nach Rechtsraum der Konzernmutter",
                        "By jurisdiction of the top parent",
                    )
                    .into(),
                bars: countries,
                empty_text: w
                    .pick("Keine Verträge mit Kosten.", "No contracts with a cost.")
                    .into(),
            },
        ],
        legend: Legend {
            title: w.pick("Legende", "Legend").into(),
            sections: vec![LegendSection {
                heading: w.pick("Rechtsraum", "Jurisdiction").into(),
                items: vec![
                    LegendItem::Swatch {
                        fill: TRUSTED,
                        shape: Shape::Box,
                        label: w.pick("im Vertrauensraum", "within the trusted set").into(),
                    },
                    LegendItem::Swatch {
                        fill: UNTRUSTED,
                        shape: Shape::Box,
                        label: w
                            .pick(
                                "außerhalb (auch über die Konzernkette)",
                                "outside (also through the ownership chain)",
                            )
                            .into(),
                    },
                ],
            }],
        },
    };
    let n = bars.sections.iter().map(|s| s.bars.len()).sum();
    Diagram {
        view: "spend",
        title: bars.title.clone(),
        dot: None,
        svg: chart::bars_svg(&bars),
        renderer: Renderer::Direct,
        notes,
        nodes: n,
        rolled_up: false,
    }
}
