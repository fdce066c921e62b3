//! The print variants of the graph views: a page-sized chart of what a
//! section is about, drawn directly as SVG, for the printed review.
//!
//! A graph of sixty systems laid out by Graphviz is readable on a screen,
//! where it can be zoomed, but not on an A4 page, where its text shrinks
//! to 2 to 4 points. The printed review therefore shows, in place of each
//! graph, a chart that keeps its text at print size:
//!
//! - hotspots: the top hotspots as bars of their lock-in score, split into
//!   the factors it is made of;
//! - landscape: the in-use systems rolled up to their vendor groups, as
//!   bars coloured by the group's lock-in;
//! - cut-off: the services that go down as a Gantt chart from the hour they
//!   stop to the hour they are back, red where that is longer than allowed.
//!
//! Every list is capped, with a last row that says how many are left out.
//! The notes of a print variant are not drawn: the printed caption carries
//! them.

use super::graphs::{lockin_colour, lockin_section};
use super::{Diagram, DiagramOptions};
use crate::analysis::lockin::{FactorName, HotspotsReport};
use crate::analysis::simulate::{Report, State};
use crate::graph::Graph;
use crate::render::chart::{
    self, Bar, BarSection, Bars, GANTT_CRITICAL, GANTT_TASK, Gantt, GanttRow, Segment,
};
use crate::render::dot::{Legend, LegendItem, LegendSection, Shape};
use crate::render::i18n::{Tr, say};
use crate::render::svg::Renderer;

/// Most bars or rows of a print variant: with the title, axis and legend
/// they fill at most one A4 page at 7 pt or more.
pub const MAX_PRINT_ROWS: usize = 20;

/// Colours of the lock-in factors in the stacked bars (ColorBrewer Set2
/// and Dark2, eight distinct hues that keep apart in greyscale by order).
const FACTOR_COLOURS: [&str; 8] = [
    "#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3",
];

const SYSTEM_FACTORS: [FactorName; 8] = [
    FactorName::DataPortability,
    FactorName::Interfaces,
    FactorName::Alternatives,
    FactorName::SwitchTime,
    FactorName::ContractTerms,
    FactorName::Jurisdiction,
    FactorName::Licence,
    FactorName::Criticality,
];

fn factor_colour(name: FactorName) -> &'static str {
    SYSTEM_FACTORS
        .iter()
        .position(|f| *f == name)
        .map_or("#999999", |i| FACTOR_COLOURS[i])
}

/// The top hotspots as stacked bars of their lock-in factors.
pub fn hotspots_print(g: &Graph, r: &HotspotsReport, opts: &DiagramOptions) -> Diagram {
    let w = Tr::new(opts.lang);
    let m = g.model();
    let top = opts.top.min(MAX_PRINT_ROWS).min(r.systems.len());
    let bars: Vec<Bar> = r.systems[..top]
        .iter()
        .map(|s| {
            let segments = s
                .factors
                .iter()
                .filter(|f| f.points > 0.0)
                .map(|f| Segment {
                    value: f.points,
                    fill: factor_colour(f.name),
                    tooltip: format!("{}: {}", w.factor(f.name), w.num1(f.points)),
                })
                .collect();
            Bar {
                label: format!("{}. {}", s.rank, s.name),
                value: s.score,
                text: say!(
                    w,
                    format!("{} · Auswirkung {}", w.num1(s.score), w.num(s.impact, 2)),
                    format!("{} · impact {}", w.num1(s.score), w.num(s.impact, 2)),
                ),
                fill: lockin_colour(s.score),
                tooltip: s.id.clone(),
                segments,
            }
        })
        .collect();
    let mut notes = Vec::new();
    if r.systems.len() > top {
        notes.push(say!(
            w,
            format!(
                "… und {} weitere Systeme (alle in hotspots.csv).",
                w.int(r.systems.len() - top)
            ),
            format!(
                "… and {} more systems (all in hotspots.csv).",
                w.int(r.systems.len() - top)
            ),
        ));
    }
    let title = say!(
        w,
        format!(
            "{}: die {top} größten Lock-in-Hotspots und ihre Faktoren",
            m.organisation.name
        ),
        format!(
            "{}: the top {top} lock-in hotspots and their factors",
            m.organisation.name
        ),
    );
    let legend = Legend {
        title: w.pick("Legende", "Legend").into(),
        sections: vec![LegendSection {
            heading: w
                .pick(
                    "Lock-in-Faktoren (Punkte, zusammen 0–100)",
                    "Lock-in factors (points, 0–100 together)",
                )
                .into(),
            items: SYSTEM_FACTORS
                .iter()
                .map(|f| LegendItem::Swatch {
                    fill: factor_colour(*f),
                    shape: Shape::Box,
                    label: w.factor(*f).into(),
                })
                .collect(),
        }],
    };
    let section = BarSection {
        heading: w
            .pick(
                "Lock-in-Wert und Auswirkung, nach Hotspot-Rang",
                "Lock-in score and impact, by hotspot rank",
            )
            .into(),
        bars,
        empty_text: w
            .pick("Keine Systeme in Betrieb.", "No systems in use.")
            .into(),
    };
    finish("hotspots", title, notes, vec![section], legend, top)
}

/// The in-use systems rolled up to their vendor groups: one bar per group,
/// as long as its number of systems, coloured by the group's lock-in.
pub fn landscape_print(g: &Graph, r: &HotspotsReport, opts: &DiagramOptions) -> Diagram {
    let w = Tr::new(opts.lang);
    let m = g.model();
    let mut groups: Vec<_> = r.vendors.iter().filter(|v| !v.systems.is_empty()).collect();
    groups.sort_by(|a, b| {
        b.systems
            .len()
            .cmp(&a.systems.len())
            .then(b.score.total_cmp(&a.score))
            .then(a.id.cmp(&b.id))
    });
    let shown = groups.len().min(MAX_PRINT_ROWS);
    let mut bars: Vec<Bar> = groups[..shown]
        .iter()
        .map(|v| Bar {
            label: format!("{} ({})", v.name, v.country),
            value: v.systems.len() as f64,
            text: say!(
                w,
                format!(
                    "{} · Lock-in {}",
                    w.systems(v.systems.len()),
                    w.num1(v.score)
                ),
                format!(
                    "{} · lock-in {}",
                    w.systems(v.systems.len()),
                    w.num1(v.score)
                ),
            ),
            fill: lockin_colour(v.score),
            tooltip: v.systems.join(", "),
            segments: Vec::new(),
        })
        .collect();
    let rest = &groups[shown..];
    if !rest.is_empty() {
        let n: usize = rest.iter().map(|v| v.systems.len()).sum();
        let score = rest.iter().map(|v| v.score).fold(0.0, f64::max);
        bars.push(Bar {
            label: say!(
                w,
                format!("… und {} weitere Anbietergruppen", w.int(rest.len())),
                format!("… and {} more vendor groups", w.int(rest.len())),
            ),
            value: n as f64,
            text: say!(
                w,
                format!("{} · Lock-in bis {}", w.systems(n), w.num1(score)),
                format!("{} · lock-in up to {}", w.systems(n), w.num1(score)),
            ),
            fill: lockin_colour(score),
            tooltip: rest
                .iter()
                .map(|v| v.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            segments: Vec::new(),
        });
    }
    let in_use = m.system_ids().filter(|s| m.system(*s).in_use()).count();
    let title = say!(
        w,
        format!(
            "{}: {} in Betrieb nach Anbietergruppe",
            m.organisation.name,
            w.systems(in_use)
        ),
        format!(
            "{}: {} in use by vendor group",
            m.organisation.name,
            w.systems(in_use)
        ),
    );
    let notes = vec![say!(
        w,
        "Ein System zählt bei jeder Gruppe, die es herstellt oder betreibt.".to_string(),
        "A system counts for every group that makes or operates it.".to_string(),
    )];
    let legend = Legend {
        title: w.pick("Legende", "Legend").into(),
        sections: vec![LegendSection {
            heading: w
                .pick(
                    "Lock-in der Anbietergruppe (0–100)",
                    "Lock-in of the vendor group (0–100)",
                )
                .into(),
            items: lockin_section(w).items,
        }],
    };
    let section = BarSection {
        heading: w
            .pick(
                "Systeme in Betrieb je Anbietergruppe (Konzernmutter)",
                "Systems in use per vendor group (top parent)",
            )
            .into(),
        bars,
        empty_text: w
            .pick("Keine Systeme in Betrieb.", "No systems in use.")
            .into(),
    };
    finish("landscape", title, notes, vec![section], legend, shown)
}

/// The services a scenario takes down, from the hour they stop to the
/// hour they are back; red where that is longer than allowed (or no way
/// back is known). Without services down, the systems down.
pub fn cutoff_print(r: &Report, opts: &DiagramOptions) -> Diagram {
    let w = Tr::new(opts.lang);
    struct Row<'a> {
        id: &'a str,
        name: &'a str,
        down: f64,
        back: Option<f64>,
        late: bool,
        state: State,
    }
    let services: Vec<Row> = r
        .services
        .iter()
        .filter(|s| matches!(s.state, State::Down))
        .map(|s| Row {
            id: &s.id,
            name: &s.name,
            down: s.down_at_hours.unwrap_or(0.0),
            back: s.back_at_hours,
            late: s.breach || s.rto_missed,
            state: s.state,
        })
        .collect();
    let of_services = !services.is_empty();
    let rows: Vec<Row> = if of_services {
        services
    } else {
        // Every system the scenario touches; those that do not go down
        // (running without support, degraded, replaced in time) as text.
        r.systems
            .iter()
            .map(|s| Row {
                id: &s.id,
                name: &s.name,
                down: s.down_at_hours.unwrap_or(0.0),
                back: s.back_at_hours,
                late: s.back_at_hours.is_none(),
                state: s.state,
            })
            .collect()
    };
    let known_end = rows
        .iter()
        .filter_map(|x| x.back)
        .chain(rows.iter().map(|x| x.down))
        .fold(24.0, f64::max);
    // Rows without a known way back run to the end of the chart.
    let open_end = known_end * 1.1;
    let shown = rows.len().min(MAX_PRINT_ROWS);
    let mut gantt_rows: Vec<GanttRow> = rows[..shown]
        .iter()
        .map(|x| {
            if !matches!(x.state, State::Down) {
                return GanttRow {
                    key: String::new(),
                    label: format!("{}: {}", x.name, w.state(x.state)),
                    start_day: 0.0,
                    end_day: 0.0,
                    critical: false,
                    after: Vec::new(),
                    tooltip: String::new(),
                };
            }
            let label = match x.back {
                Some(_) => x.name.to_string(),
                None => say!(
                    w,
                    format!("{} (kein Weg zurück bekannt)", x.name),
                    format!("{} (no way back known)", x.name),
                ),
            };
            GanttRow {
                key: x.id.to_string(),
                label,
                start_day: x.down / 24.0,
                end_day: x.back.unwrap_or(open_end) / 24.0,
                critical: x.late,
                after: Vec::new(),
                tooltip: match x.back {
                    Some(b) => say!(
                        w,
                        format!("{}: {} ausgefallen", x.id, w.hours(b - x.down)),
                        format!("{}: down for {}", x.id, w.hours(b - x.down)),
                    ),
                    None => x.id.to_string(),
                },
            }
        })
        .collect();
    let mut notes = Vec::new();
    if rows.len() > shown {
        let more = rows.len() - shown;
        let last_back = rows[shown..]
            .iter()
            .filter_map(|x| x.back)
            .fold(0.0, f64::max);
        notes.push(if of_services {
            say!(
                w,
                format!(
                    "… und {} weitere Dienste, zurück spätestens nach {}.",
                    w.int(more),
                    w.hours_dative(last_back)
                ),
                format!(
                    "… and {} more services, back after {} at the latest.",
                    w.int(more),
                    w.hours(last_back)
                ),
            )
        } else {
            say!(
                w,
                format!("… und {} weitere Systeme.", w.int(more)),
                format!("… and {} more systems.", w.int(more)),
            )
        });
        // The last row says how many are left out.
        gantt_rows.push(GanttRow {
            key: String::new(),
            label: say!(
                w,
                format!("… und {} weitere", w.int(more)),
                format!("… and {} more", w.int(more)),
            ),
            start_day: 0.0,
            end_day: 0.0,
            critical: false,
            after: Vec::new(),
            tooltip: String::new(),
        });
    }
    let name = r.name.as_deref().unwrap_or(&r.scenario);
    let title = if of_services {
        say!(
            w,
            format!("{name}: ausgefallene Dienste bis zur Wiederherstellung"),
            format!("{name}: services down until they are back"),
        )
    } else if rows.iter().any(|x| matches!(x.state, State::Down)) {
        say!(
            w,
            format!("{name}: ausgefallene Systeme bis zur Wiederherstellung"),
            format!("{name}: systems down until they are back"),
        )
    } else {
        say!(
            w,
            format!("{name}: betroffene Systeme (keines fällt aus)"),
            format!("{name}: systems affected (none goes down)"),
        )
    };
    let legend = Legend {
        title: w.pick("Legende", "Legend").into(),
        sections: vec![LegendSection {
            heading: w.pick("Ausfall", "Outage").into(),
            items: vec![
                LegendItem::Swatch {
                    fill: GANTT_CRITICAL,
                    shape: Shape::Box,
                    label: if of_services {
                        w.pick(
                            "länger als erlaubt (maximale Ausfallzeit oder RTO überschritten)",
                            "longer than allowed (maximum outage or RTO exceeded)",
                        )
                    } else {
                        w.pick("kein Weg zurück bekannt", "no way back known")
                    }
                    .into(),
                },
                LegendItem::Swatch {
                    fill: GANTT_TASK,
                    shape: Shape::Box,
                    label: w
                        .pick("innerhalb der erlaubten Zeit", "within the time allowed")
                        .into(),
                },
            ],
        }],
    };
    let n = gantt_rows.len();
    let gantt = Gantt {
        title: title.clone(),
        notes: Vec::new(),
        rows: gantt_rows,
        markers: Vec::new(),
        axis_label: w
            .pick("Tage nach dem Ausfall", "days after the cut-off")
            .into(),
        axis_days: true,
        empty_text: w.pick("Nichts fällt aus.", "Nothing goes down.").into(),
        legend,
    };
    Diagram {
        view: "cutoff",
        title,
        dot: None,
        svg: chart::gantt_svg(&gantt),
        renderer: Renderer::Direct,
        notes,
        nodes: n,
        rolled_up: false,
    }
}

fn finish(
    view: &'static str,
    title: String,
    notes: Vec<String>,
    sections: Vec<BarSection>,
    legend: Legend,
    n: usize,
) -> Diagram {
    let bars = Bars {
        title: title.clone(),
        notes: Vec::new(),
        compact: true,
        sections,
        legend,
    };
    Diagram {
        view,
        title,
        dot: None,
        svg: chart::bars_svg(&bars),
        renderer: Renderer::Direct,
        notes,
        nodes: n,
        rolled_up: false,
    }
}
