//! The what-if option card and the multi-year plan in words: terminal
//! tables and Markdown in German or English, and the plan's Gantt chart by
//! quarter (SVG).

use crate::analysis::metrics::Metrics;
use crate::analysis::plan::{Constraint, Plan, PlannedMove, Reason, UnplacedReason};
use crate::analysis::whatif::{Caution, MoveKind, Unmovable, WhatIf};
use crate::render::escape::markdown::text as md;
use crate::render::i18n::{Tr, say};
use crate::render::text::wrap;
use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

/// A table for the terminal or for Markdown.
pub struct Grid {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns from this one on are right-aligned (numbers).
    pub numbers_from: usize,
    /// The first column holds long labels: it keeps a third of the width.
    pub wide_label: bool,
}

impl Grid {
    /// The table for a terminal `width` columns wide.
    pub fn terminal(&self, width: usize) -> String {
        let mut t = Table::new();
        t.load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width.min(u16::MAX as usize) as u16);
        t.set_header(self.head.clone());
        for r in &self.rows {
            t.add_row(r.iter().map(Cell::new).collect::<Vec<_>>());
        }
        let label = (width / 3).clamp(12, 30) as u16;
        if self.wide_label
            && let Some(col) = t.column_mut(0)
        {
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(label)));
        }
        for c in self.numbers_from..self.head.len() {
            if let Some(col) = t.column_mut(c) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        let mut s = t.to_string();
        s.push('\n');
        s
    }

    /// The table in Markdown (every cell escaped).
    pub fn markdown(&self) -> String {
        let line = |cells: &[String]| {
            format!(
                "| {} |\n",
                cells.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ")
            )
        };
        let mut s = line(&self.head);
        s.push('|');
        for i in 0..self.head.len() {
            s.push_str(if i >= self.numbers_from {
                " ---: |"
            } else {
                " --- |"
            });
        }
        s.push('\n');
        for r in &self.rows {
            s.push_str(&line(r));
        }
        s
    }
}

fn signed_int(tr: Tr, d: i64) -> String {
    match d.cmp(&0) {
        std::cmp::Ordering::Greater => format!("+{}", tr.int(d)),
        std::cmp::Ordering::Less => format!("−{}", tr.int(-d)),
        std::cmp::Ordering::Equal => "±0".to_string(),
    }
}

/// Most scenarios with a row of their own in the metric rows.
pub const MAX_SCENARIO_ROWS: usize = 12;

/// The metric rows of several states side by side (first: before).
/// `compact`: for the terminal (no dimension rows, scenarios by id).
pub fn metric_rows(tr: Tr, states: &[&Metrics], compact: bool) -> Vec<Vec<String>> {
    let Some(first) = states.first() else {
        return Vec::new();
    };
    let cur = &first.currency;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = |label: String, f: &dyn Fn(&Metrics) -> String| {
        let mut r = vec![label];
        r.extend(states.iter().map(|m| f(m)));
        rows.push(r);
    };
    row(
        tr.pick("Souveränität (von 25)", "Sovereignty (of 25)")
            .to_string(),
        &|m| tr.int(m.sovereignty),
    );
    for (i, d) in first
        .sovereignty_dimensions
        .iter()
        .enumerate()
        .filter(|_| !compact)
    {
        row(format!("  {} (1–5)", tr.dimension(d.key)), &|m| {
            m.sovereignty_dimensions
                .get(i)
                .map_or("–".into(), |x| tr.int(x.score))
        });
    }
    // At most MAX_SCENARIO_ROWS scenarios, in model order: those with the
    // most critical or high services down today, then the most services
    // down, then the smaller id; the others are counted in one row.
    let mut shown: Vec<usize> = (0..first.scenarios.len()).collect();
    if shown.len() > MAX_SCENARIO_ROWS {
        shown.sort_by(|&a, &b| {
            let (x, y) = (&first.scenarios[a], &first.scenarios[b]);
            (y.critical_services_down, y.services_down)
                .cmp(&(x.critical_services_down, x.services_down))
                .then_with(|| x.scenario.cmp(&y.scenario))
        });
        shown.truncate(MAX_SCENARIO_ROWS);
        shown.sort_unstable();
    }
    for &i in &shown {
        let s = &first.scenarios[i];
        let name = if compact {
            s.scenario.clone()
        } else {
            s.name.clone().unwrap_or_else(|| s.scenario.clone())
        };
        row(
            say!(
                tr,
                format!("{name} (Dienste aus)"),
                format!("{name} (services down)")
            ),
            &|m| {
                m.scenarios.get(i).map_or("–".into(), |x| {
                    format!(
                        "{} / {}",
                        tr.int(x.services_down),
                        tr.int(x.critical_services_down)
                    )
                })
            },
        );
    }
    if shown.len() < first.scenarios.len() {
        let more = tr.count(
            first.scenarios.len() - shown.len(),
            "weiteres Szenario",
            "weitere Szenarien",
            "more scenario",
            "more scenarios",
        );
        row(
            say!(tr, format!("… und {more}"), format!("… and {more}")),
            &|_| String::new(),
        );
    }
    row(
        tr.pick(
            "Kritische Dienste, die ein Anbieter allein stoppt",
            "Critical services one vendor alone stops",
        )
        .to_string(),
        &|m| tr.int(m.critical_services_single_vendor),
    );
    row(
        tr.pick(
            "Anbietergruppen als Single Point of Failure",
            "Vendor groups that are single points of failure",
        )
        .to_string(),
        &|m| tr.int(m.single_points_of_failure),
    );
    row(
        tr.pick(
            "Stärkster Einzelausfall (Gewicht)",
            "Worst single-vendor cut (weight)",
        )
        .to_string(),
        &|m| {
            m.each_vendor_top.first().map_or("–".into(), |v| {
                format!("{} ({})", v.name, tr.int(v.score))
            })
        },
    );
    row(
        tr.pick("Ausgaben pro Jahr", "Spend per year").to_string(),
        &|m| tr.money(m.spend_total, cur),
    );
    row(
        tr.pick(
            "davon außerhalb vertrauter Rechtsräume",
            "of it outside trusted jurisdictions",
        )
        .to_string(),
        &|m| {
            format!(
                "{} ({})",
                tr.money(m.untrusted_spend, cur),
                tr.pct(m.untrusted_share)
            )
        },
    );
    row(
        tr.pick(
            "Konzentration (HHI, 0–10.000)",
            "Concentration (HHI, 0–10,000)",
        )
        .to_string(),
        &|m| tr.num(m.hhi, 0),
    );
    row(
        tr.pick("Größter Lock-in-Schwerpunkt", "Largest lock-in hotspot")
            .to_string(),
        &|m| {
            m.top_hotspots.first().map_or("–".into(), |h| {
                format!("{} ({})", h.name, tr.num1(h.hotspot))
            })
        },
    );
    row(
        tr.pick(
            "Risikomaß (kleiner ist besser)",
            "Risk measure (lower is better)",
        )
        .to_string(),
        &|m| tr.num1(m.risk.total),
    );
    rows
}

fn kind_word(tr: Tr, k: MoveKind) -> &'static str {
    match k {
        MoveKind::Replace => tr.pick("ersetzen durch", "replace by"),
        MoveKind::Rehost => tr.pick("umziehen zu", "rehost with"),
        MoveKind::EndContract => tr.pick("Vertrag beenden", "end contract"),
    }
}

fn caution(tr: Tr, c: Caution) -> &'static str {
    match c {
        Caution::NotListed => tr.pick(
            "nicht als Alternative im Modell verzeichnet",
            "not recorded as an alternative in the model",
        ),
        Caution::Mandated => tr.pick(
            "vorgeschrieben: nicht frei wählbar",
            "mandated: not the organisation's choice",
        ),
        Caution::Itself => tr.pick(
            "durch sich selbst: ändert nichts",
            "by itself: changes nothing",
        ),
        Caution::Retired => tr.pick(
            "die Alternative ist stillgelegt und käme zurück",
            "the alternative is retired and would come back",
        ),
    }
}

/// The option card as a grid of moves and a grid of metrics.
fn whatif_grids(w: &WhatIf, tr: Tr, compact: bool) -> (Grid, Grid) {
    let cur = &w.before.currency;
    let moves = Grid {
        head: vec![
            tr.pick("System", "System").to_string(),
            tr.pick("Schritt", "Move").to_string(),
            tr.pick("Ziel", "To").to_string(),
            "P50".to_string(),
            "P80".to_string(),
            tr.pick("einmalig", "one-off").to_string(),
        ],
        rows: w
            .moves
            .iter()
            .map(|m| {
                vec![
                    m.name.clone(),
                    kind_word(tr, m.kind).to_string(),
                    m.to_name.clone(),
                    tr.span(m.p50_days),
                    tr.span(m.p80_days),
                    tr.money(m.one_off_cost, cur),
                ]
            })
            .collect(),
        numbers_from: 3,
        wide_label: false,
    };
    let mut rows = metric_rows(tr, &[&w.before, &w.after], compact);
    for r in &mut rows {
        let change = if r[1] == r[2] { "=" } else { "≠" };
        r.push(change.to_string());
    }
    let metrics = Grid {
        head: vec![
            tr.pick("Kennzahl", "Metric").to_string(),
            tr.pick("vorher", "before").to_string(),
            tr.pick("nachher", "after").to_string(),
            String::new(),
        ],
        rows,
        numbers_from: 1,
        wide_label: true,
    };
    (moves, metrics)
}

fn whatif_notes(w: &WhatIf, tr: Tr) -> Vec<String> {
    let cur = &w.before.currency;
    let mut notes = Vec::new();
    let t = &w.totals;
    notes.push(say!(
        tr,
        format!(
            "Einmalig {}; laufend {} pro Jahr; Dauer mit {} parallelen Wechseln: {} (P50), {} (P80).",
            tr.money(t.one_off_cost, cur),
            signed_money(tr, t.running_cost_change, cur),
            tr.int(t.parallel_migrations),
            tr.span(t.elapsed_p50_days),
            tr.span(t.elapsed_p80_days)
        ),
        format!(
            "One-off {}; running {} a year; time with {} moves at once: {} (P50), {} (P80).",
            tr.money(t.one_off_cost, cur),
            signed_money(tr, t.running_cost_change, cur),
            tr.int(t.parallel_migrations),
            tr.span(t.elapsed_p50_days),
            tr.span(t.elapsed_p80_days)
        ),
    ));
    for m in &w.moves {
        for c in &m.cautions {
            notes.push(format!("{}: {}.", m.name, caution(tr, *c)));
        }
    }
    for u in &w.unmoved {
        let why = match u.reason {
            Unmovable::Mandated => tr.pick("vorgeschrieben", "mandated"),
            Unmovable::NoAlternative => tr.pick(
                "keine Alternative außerhalb der Anbietergruppe im Modell",
                "no alternative outside the vendor group in the model",
            ),
        };
        notes.push(say!(
            tr,
            format!("{} bleibt: {why}.", u.name),
            format!("{} stays: {why}.", u.name)
        ));
    }
    notes.push(
        tr.pick(
            "Dienste aus: alle / davon kritisch oder hoch. Laufende Kosten: nur Verträge, die das Modell kennt.",
            "Services down: all / of them critical or high. Running cost: only contracts the model records.",
        )
        .to_string(),
    );
    notes
}

fn signed_money(tr: Tr, x: f64, cur: &str) -> String {
    if x > 0.0 {
        format!("+{}", tr.money(x, cur))
    } else if x < 0.0 {
        format!("−{}", tr.money(-x, cur))
    } else {
        tr.money(0.0, cur)
    }
}

/// The option card for the terminal.
pub fn whatif_table(w: &WhatIf, tr: Tr, width: usize) -> String {
    let (moves, metrics) = whatif_grids(w, tr, true);
    let mut out = say!(
        tr,
        format!("Was wäre, wenn … (Stand {})\n\n", tr.date(w.as_of)),
        format!("What if … (as of {})\n\n", tr.date(w.as_of))
    );
    out.push_str(&moves.terminal(width));
    out.push('\n');
    out.push_str(&metrics.terminal(width));
    out.push('\n');
    for n in whatif_notes(w, tr) {
        out.push_str(&wrap(&n, width, "", "  "));
    }
    out
}

/// The option card in Markdown.
pub fn whatif_markdown(w: &WhatIf, tr: Tr) -> String {
    let (moves, metrics) = whatif_grids(w, tr, false);
    let mut out = say!(
        tr,
        format!("# Was wäre, wenn … (Stand {})\n\n", tr.date(w.as_of)),
        format!("# What if … (as of {})\n\n", tr.date(w.as_of))
    );
    out.push_str(&moves.markdown());
    out.push('\n');
    out.push_str(&metrics.markdown());
    out.push('\n');
    for n in whatif_notes(w, tr) {
        out.push_str(&format!("- {}\n", md(&n)));
    }
    out
}

/// Why a move is where it is, in one sentence.
pub fn why_text(m: &PlannedMove, tr: Tr, cur: &str) -> String {
    let w = &m.why;
    let mut parts: Vec<String> = Vec::new();
    let g = &w.gain;
    let head = match w.reason {
        Reason::DecidedExit => tr.pick("Ausstieg beschlossen", "exit decided").to_string(),
        Reason::RiskPerEuro => say!(
            tr,
            format!("gewählt als Nr. {} nach Risikominderung je Euro", w.chosen),
            format!("chosen as no. {} by risk reduction per euro", w.chosen)
        ),
        Reason::SovereigntyPerEuro => say!(
            tr,
            format!(
                "gewählt als Nr. {} nach Souveränitätspunkten je Euro",
                w.chosen
            ),
            format!("chosen as no. {} by sovereignty points per euro", w.chosen)
        ),
        Reason::SingleVendorPerEuro => say!(
            tr,
            format!(
                "gewählt als Nr. {} nach befreiten kritischen Diensten je Euro",
                w.chosen
            ),
            format!(
                "chosen as no. {} by critical services freed per euro",
                w.chosen
            )
        ),
    };
    parts.push(head);
    let mut effects = Vec::new();
    if g.worst_scenario_services_down != 0 {
        effects.push(say!(
            tr,
            format!(
                "{} Dienste im schlimmsten Szenario",
                signed_int(tr, -g.worst_scenario_services_down)
            ),
            format!(
                "{} services down in the worst scenario",
                signed_int(tr, -g.worst_scenario_services_down)
            )
        ));
    }
    if g.sovereignty != 0 {
        effects.push(say!(
            tr,
            format!(
                "{} Souveränitätspunkte",
                signed_int(tr, i64::from(g.sovereignty))
            ),
            format!(
                "{} sovereignty points",
                signed_int(tr, i64::from(g.sovereignty))
            )
        ));
    }
    if g.critical_services_single_vendor != 0 {
        effects.push(say!(
            tr,
            format!(
                "{} kritische Dienste an einem einzelnen Anbieter",
                signed_int(tr, -g.critical_services_single_vendor)
            ),
            format!(
                "{} critical services hanging on a single vendor",
                signed_int(tr, -g.critical_services_single_vendor)
            )
        ));
    }
    if g.risk != 0.0 {
        let change = if g.risk > 0.0 {
            format!("−{}", tr.num1(g.risk))
        } else {
            format!("+{}", tr.num1(-g.risk))
        };
        effects.push(say!(
            tr,
            format!("Risikomaß {change}"),
            format!("risk measure {change}")
        ));
    }
    if !effects.is_empty() {
        parts.push(effects.join(", "));
    }
    parts.push(say!(
        tr,
        format!("für {}", tr.money(m.one_off_cost, cur)),
        format!("for {}", tr.money(m.one_off_cost, cur))
    ));
    if let (Some(from), Some(by)) = (w.deferred_from, w.deferred_by) {
        let why = match by {
            Constraint::Capacity => tr.pick("das Team ist ausgelastet", "the team is fully busy"),
            Constraint::Budget => tr.pick(
                "das Jahresbudget reicht nicht",
                "the year's budget has no room",
            ),
            Constraint::Precedence => tr.pick(
                "es wartet auf einen Wechsel, den seine Ablösung braucht",
                "it waits for a move its replacement needs",
            ),
            Constraint::Horizon => tr.pick("der Planungszeitraum endet", "the horizon ends"),
        };
        parts.push(say!(
            tr,
            format!("nicht ab {}: {why}", tr.date(from)),
            format!("not from {}: {why}", tr.date(from))
        ));
    }
    if let (Some(w_end), Some(real)) = (m.window_end, m.contract_end) {
        if real > w_end {
            parts.push(say!(
                tr,
                format!(
                    "verpasst das Vertragsende {} (Start bis {} nötig); der Vertrag läuft bis {}, Mehrkosten {}",
                    tr.date(w_end),
                    tr.odate(w.start_by),
                    tr.date(real),
                    tr.money(m.extra_renewal_cost, cur)
                ),
                format!(
                    "misses the contract end {} (would have to start by {}); the contract runs to {}, extra cost {}",
                    tr.date(w_end),
                    tr.odate(w.start_by),
                    tr.date(real),
                    tr.money(m.extra_renewal_cost, cur)
                )
            ));
        } else {
            parts.push(say!(
                tr,
                format!("erreicht das Vertragsende {}", tr.date(w_end)),
                format!("meets the contract end {}", tr.date(w_end))
            ));
        }
    }
    let mut s = parts.join("; ");
    s.push('.');
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

pub(crate) fn unplaced_word(tr: Tr, r: UnplacedReason) -> &'static str {
    match r {
        UnplacedReason::Budget => tr.pick("passt nicht ins Budget", "does not fit the budget"),
        UnplacedReason::Capacity => tr.pick(
            "kein Platz im Team bis zum Planende",
            "no room in the team before the horizon ends",
        ),
        UnplacedReason::Horizon => tr.pick(
            "endete nicht im Planungszeitraum",
            "would not end within the horizon",
        ),
        UnplacedReason::NoGain => tr.pick(
            "senkt nichts, was das Ziel misst",
            "reduces nothing the goal measures",
        ),
        UnplacedReason::GoalReached => tr.pick("Ziel schon erreicht", "goal already reached"),
        UnplacedReason::NotEvaluated => tr.pick(
            "nicht unter den aussichtsreichsten Kandidaten",
            "not among the most promising candidates",
        ),
        UnplacedReason::Mandated => tr.pick("vorgeschrieben", "mandated"),
        UnplacedReason::RenewedOnPurpose => {
            tr.pick("Vertrag bewusst verlängert", "contract renewed on purpose")
        }
        UnplacedReason::NoAlternative => tr.pick(
            "Ausstieg beschlossen, aber keine Alternative im Modell",
            "exit decided, but no alternative in the model",
        ),
    }
}

fn goal_text(p: &Plan, tr: Tr) -> String {
    use crate::model::PlanGoal;
    match p.goal {
        PlanGoal::Risk => tr
            .pick(
                "größte Risikominderung je Euro",
                "the largest risk reduction per euro",
            )
            .to_string(),
        PlanGoal::Sovereignty => say!(
            tr,
            format!(
                "Souveränität {} von 25 zu geringsten Kosten",
                tr.int(p.target_score.unwrap_or(0))
            ),
            format!(
                "sovereignty {} of 25 at least cost",
                tr.int(p.target_score.unwrap_or(0))
            )
        ),
        PlanGoal::NoSingleVendor => tr
            .pick(
                "kein kritischer Dienst an einem einzelnen Anbieter, zu geringsten Kosten",
                "no critical service stopped by a single vendor, at least cost",
            )
            .to_string(),
    }
}

/// The plan's grids: moves, years (money and load), trajectory.
pub(crate) fn target_label(m: &PlannedMove, tr: Tr) -> String {
    if m.contract.as_deref() == Some(m.to.as_str()) {
        tr.step_kind(m.kind).to_string()
    } else {
        m.to_name.clone()
    }
}

pub(crate) fn plan_grids(p: &Plan, tr: Tr, compact: bool) -> (Grid, Grid, Grid) {
    let cur = &p.before.currency;
    let moves = Grid {
        head: vec![
            tr.pick("Quartal", "Quarter").to_string(),
            tr.pick("System", "System").to_string(),
            tr.pick("Ziel", "To").to_string(),
            tr.pick("fertig", "done").to_string(),
            tr.pick("einmalig", "one-off").to_string(),
        ],
        rows: p
            .moves
            .iter()
            .map(|m| {
                vec![
                    m.quarter.clone(),
                    m.name.clone(),
                    target_label(m, tr),
                    tr.date(m.finish),
                    tr.money(m.one_off_cost, cur),
                ]
            })
            .collect(),
        numbers_from: 3,
        wide_label: false,
    };
    let years = Grid {
        head: vec![
            tr.pick("Jahr", "Year").to_string(),
            tr.pick("Beginn", "Start").to_string(),
            tr.pick("Ende", "End").to_string(),
            tr.pick("einmalig", "one-off").to_string(),
            tr.pick("Budget", "Budget").to_string(),
            tr.pick("Personenmonate", "Staff-months").to_string(),
        ],
        rows: p
            .years
            .iter()
            .map(|y| {
                vec![
                    y.year.to_string(),
                    tr.int(y.started.len()),
                    tr.int(y.finished.len()),
                    tr.money(y.one_off_cost, cur),
                    y.budget.map_or("–".into(), |b| tr.money(b, cur)),
                    tr.num1(y.team_load),
                ]
            })
            .collect(),
        numbers_from: 1,
        wide_label: false,
    };
    let mut states: Vec<&Metrics> = vec![&p.before];
    states.extend(p.years.iter().map(|y| &y.metrics));
    let mut head = vec![
        tr.pick("Kennzahl", "Metric").to_string(),
        tr.pick("heute", "today").to_string(),
    ];
    head.extend(
        p.years
            .iter()
            .map(|y| say!(tr, format!("Ende {}", y.year), format!("end {}", y.year))),
    );
    let trajectory = Grid {
        head,
        rows: metric_rows(tr, &states, compact),
        numbers_from: 1,
        wide_label: true,
    };
    (moves, years, trajectory)
}

pub(crate) fn plan_notes(p: &Plan, tr: Tr) -> (Vec<String>, Vec<String>) {
    let cur = &p.before.currency;
    let mut head = Vec::new();
    head.push(say!(
        tr,
        format!(
            "Ziel: {}. Höchstens {} Wechsel gleichzeitig{}.",
            goal_text(p, tr),
            tr.int(p.limits.parallel_migrations),
            p.limits
                .staff_months
                .map(|s| format!(", {} Personenmonate je Quartal", tr.num1(s)))
                .unwrap_or_default()
        ),
        format!(
            "Goal: {}. At most {} moves at once{}.",
            goal_text(p, tr),
            tr.int(p.limits.parallel_migrations),
            p.limits
                .staff_months
                .map(|s| format!(", {} staff-months per quarter", tr.num1(s)))
                .unwrap_or_default()
        )
    ));
    if !p.goal_reached {
        head.push(
            tr.pick(
                "Das Ziel wird im Planungszeitraum nicht erreicht (siehe die Zeile „nachher“ und die nicht eingeplanten Wechsel).",
                "The goal is not reached within the horizon (see the last column and the moves not placed).",
            )
            .to_string(),
        );
    }
    head.push(say!(
        tr,
        format!(
            "Zusammen: einmalig {}, laufend {} pro Jahr, Verlängerungen wegen verpasster Vertragsenden {}.",
            tr.money(p.totals.one_off_cost, cur),
            signed_money(tr, p.totals.running_cost_change, cur),
            tr.money(p.totals.extra_renewal_cost, cur)
        ),
        format!(
            "Together: one-off {}, running {} a year, renewals for missed contract ends {}.",
            tr.money(p.totals.one_off_cost, cur),
            signed_money(tr, p.totals.running_cost_change, cur),
            tr.money(p.totals.extra_renewal_cost, cur)
        )
    ));
    let mut tail = Vec::new();
    for m in &p.moves {
        tail.push(format!(
            "{} ({}): {}",
            m.name,
            m.quarter,
            why_text(m, tr, cur)
        ));
    }
    for u in &p.unplaced {
        tail.push(say!(
            tr,
            format!(
                "Nicht eingeplant: {}: {}{}.",
                u.name,
                unplaced_word(tr, u.reason),
                u.contract
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ),
            format!(
                "Not placed: {}: {}{}.",
                u.name,
                unplaced_word(tr, u.reason),
                u.contract
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            )
        ));
    }
    (head, tail)
}

/// The plan for the terminal.
pub fn plan_table(p: &Plan, tr: Tr, width: usize) -> String {
    let (moves, years, trajectory) = plan_grids(p, tr, true);
    let (head, tail) = plan_notes(p, tr);
    let mut out = say!(
        tr,
        format!(
            "Mehrjahresplan {} bis {} (Stand {})\n",
            tr.date(p.horizon.start),
            tr.date(p.horizon.end),
            tr.date(p.as_of)
        ),
        format!(
            "Multi-year plan {} to {} (as of {})\n",
            tr.date(p.horizon.start),
            tr.date(p.horizon.end),
            tr.date(p.as_of)
        )
    );
    for n in &head {
        out.push_str(&wrap(n, width, "", "  "));
    }
    out.push('\n');
    out.push_str(&moves.terminal(width));
    out.push('\n');
    out.push_str(&years.terminal(width));
    out.push('\n');
    out.push_str(&trajectory.terminal(width));
    out.push('\n');
    for n in &tail {
        out.push_str(&wrap(n, width, "", "  "));
    }
    out
}

/// The plan in Markdown.
pub fn plan_markdown(p: &Plan, tr: Tr) -> String {
    let (moves, years, trajectory) = plan_grids(p, tr, false);
    let (head, tail) = plan_notes(p, tr);
    let mut out = say!(
        tr,
        format!(
            "# Mehrjahresplan {} bis {}\n\n",
            tr.date(p.horizon.start),
            tr.date(p.horizon.end)
        ),
        format!(
            "# Multi-year plan {} to {}\n\n",
            tr.date(p.horizon.start),
            tr.date(p.horizon.end)
        )
    );
    for n in &head {
        out.push_str(&md(n));
        out.push_str("\n\n");
    }
    out.push_str(&moves.markdown());
    out.push('\n');
    out.push_str(&years.markdown());
    out.push('\n');
    out.push_str(&trajectory.markdown());
    out.push('\n');
    for n in &tail {
        out.push_str(&format!("- {}\n", md(n)));
    }
    out
}

/// The Gantt chart of the plan by quarter (self-contained SVG; text at
/// least 9 px).
pub fn gantt_svg(p: &Plan, tr: Tr) -> String {
    use crate::render::escape::xml::text as x;
    let label_w = 220.0;
    let col = 56.0;
    let row = 22.0;
    let top = 40.0;
    let n = p.quarters.len().max(1);
    let width = label_w + col * n as f64 + 20.0;
    let height = top + row * p.moves.len().max(1) as f64 + 30.0;
    let day_x = |d: chrono::NaiveDate| -> f64 {
        let start = p.horizon.start;
        let end = p.horizon.end.succ_opt().unwrap_or(p.horizon.end);
        let total = (end - start).num_days().max(1) as f64;
        label_w + col * n as f64 * ((d - start).num_days() as f64 / total).clamp(0.0, 1.0)
    };
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\"><title>{t}</title>",
        w = crate::render::svg::num(width),
        h = crate::render::svg::num(height),
        t = x(tr.pick(
            "Mehrjahresplan nach Quartalen",
            "Multi-year plan by quarter"
        ))
    );
    for (i, q) in p.quarters.iter().enumerate() {
        let x0 = label_w + col * i as f64;
        let fill = if i % 2 == 0 { "#f3f4f6" } else { "#ffffff" };
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#374151\">{}</text>",
            crate::render::svg::num(x0),
            crate::render::svg::num(top - 4.0),
            crate::render::svg::num(col),
            crate::render::svg::num(row * p.moves.len().max(1) as f64 + 8.0),
            crate::render::svg::num(x0 + col / 2.0),
            crate::render::svg::num(top - 12.0),
            x(&q.label)
        ));
    }
    for (i, m) in p.moves.iter().enumerate() {
        let y = top + row * i as f64;
        let x0 = day_x(m.start);
        let x1 = day_x(m.finish.succ_opt().unwrap_or(m.finish)).max(x0 + 3.0);
        let fill = match m.why.reason {
            Reason::DecidedExit => "#b45309",
            _ => "#1d4ed8",
        };
        let late = m.contract_end.zip(m.window_end).is_some_and(|(a, b)| a > b);
        s.push_str(&format!(
            "<text x=\"4\" y=\"{}\" fill=\"#111827\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{fill}\"{}/>",
            crate::render::svg::num(y + 15.0),
            x(&shorten(&format!("{} → {}", m.name, target_label(m, tr)), 34)),
            crate::render::svg::num(x0),
            crate::render::svg::num(y + 4.0),
            crate::render::svg::num(x1 - x0),
            crate::render::svg::num(row - 8.0),
            if late { " stroke=\"#dc2626\" stroke-width=\"2\"" } else { "" }
        ));
        if let Some(w) = m
            .window_end
            .filter(|w| *w >= p.horizon.start && *w <= p.horizon.end)
        {
            let wx = day_x(w);
            s.push_str(&format!(
                "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#dc2626\" stroke-width=\"2\"/>",
                crate::render::svg::num(wx),
                crate::render::svg::num(y + 2.0),
                crate::render::svg::num(y + row - 2.0)
            ));
        }
    }
    s.push_str(&format!(
        "<text x=\"4\" y=\"{}\" fill=\"#374151\">{}</text></svg>\n",
        crate::render::svg::num(height - 8.0),
        x(tr.pick(
            "Balken: Wechsel (P80); rote Linie: Vertragsende, das er erreichen soll; braun: beschlossener Ausstieg.",
            "Bars: moves (P80); red line: the contract end it should meet; brown: decided exit."
        ))
    ));
    s
}

/// At most `n` characters, with `…` where cut.
fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}
