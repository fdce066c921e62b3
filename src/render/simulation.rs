//! The planner's terminal view of a simulation (`exitgraph simulate`) and
//! of the single-vendor ranking (`--each-vendor`), in German or English,
//! fitted to a terminal width: long lists wrap, wide tables lose their
//! least important columns and shorten long names with `…` rather than run
//! past the edge.
//!
//! Only formatting: every number comes from the report; every text from the
//! model passes [`clean`] (no control characters or bidirectional overrides
//! reach the terminal).

use crate::analysis::simulate::{
    EachVendor, Path, Report, RestoreBy, ServiceResult, State, SystemResult, Wait,
};
use crate::model::CutKind;
use crate::render::i18n::{Tr, say};
use crate::render::page::clean;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How to lay the text out.
#[derive(Clone, Debug)]
pub struct TextOptions {
    pub tr: Tr,
    /// Columns of the terminal (at least 40 are used).
    pub width: usize,
    /// Most rows per list; `--format json` has all.
    pub top: usize,
    pub currency: String,
}

impl TextOptions {
    fn width(&self) -> usize {
        self.width.max(40)
    }
}

/// Links of a cause chain shown before "… N more".
const CHAIN_LINKS: usize = 6;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to `w` characters, the last one `…` when cut.
pub fn fit(s: &str, w: usize) -> String {
    if chars(s) <= w {
        return s.to_string();
    }
    if w == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(w - 1).collect();
    out.push('…');
    out
}

/// Wraps `text` at spaces to lines of at most `width` characters, the first
/// line after `first`, the following after `indent` spaces. A word longer
/// than a line is cut with `…`.
pub fn wrap(first: &str, indent: usize, text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut fresh = true;
    let room = width.saturating_sub(indent).max(10);
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word = fit(word, room);
        let needed = chars(&line) + usize::from(!fresh) + chars(&word);
        if !fresh && needed > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = " ".repeat(indent);
            fresh = true;
        }
        if !fresh {
            line.push(' ');
        }
        line.push_str(&word);
        fresh = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

/// A column of a fitted table.
pub struct Column {
    pub head: String,
    /// Right-aligned (numbers).
    pub right: bool,
    /// Dropped first when the table is too wide: higher drops earlier; 0 never.
    pub drop: u8,
    /// May be shortened with `…` down to this width.
    pub min: Option<usize>,
}

impl Column {
    pub fn new(head: impl Into<String>) -> Column {
        Column {
            head: head.into(),
            right: false,
            drop: 0,
            min: None,
        }
    }
    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }
    pub fn drop(mut self, order: u8) -> Column {
        self.drop = order;
        self
    }
    pub fn shrink(mut self, min: usize) -> Column {
        self.min = Some(min);
        self
    }
}

/// A table fitted to `width`: two spaces between columns and an indent of
/// two; shrinkable columns are shortened first, then droppable columns are
/// left out (the highest `drop` first).
pub fn table(cols: &[Column], rows: &[Vec<String>], width: usize) -> String {
    let natural: Vec<usize> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |x| chars(x)))
                .max()
                .unwrap_or(0)
                .max(chars(&c.head))
        })
        .collect();
    let mut keep: Vec<bool> = vec![true; cols.len()];
    let mut w = natural.clone();
    let total = |w: &[usize], keep: &[bool]| -> usize {
        let n = keep.iter().filter(|k| **k).count();
        2 + w
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(x, _)| *x)
            .sum::<usize>()
            + 2 * n.saturating_sub(1)
    };
    loop {
        // Shorten the widest shrinkable column that can still shrink.
        while total(&w, &keep) > width {
            let pick = (0..cols.len())
                .filter(|i| keep[*i] && cols[*i].min.is_some_and(|m| w[*i] > m))
                .max_by_key(|i| w[*i]);
            let Some(i) = pick else { break };
            let over = total(&w, &keep) - width;
            let min = cols[i].min.unwrap_or(0);
            w[i] = w[i].saturating_sub(over).max(min);
        }
        if total(&w, &keep) <= width {
            break;
        }
        let drop = (0..cols.len())
            .filter(|i| keep[*i] && cols[*i].drop > 0)
            .max_by_key(|i| (cols[*i].drop, *i));
        let Some(i) = drop else { break };
        keep[i] = false;
        // Room came free: let the shrunken columns grow back.
        w = natural.clone();
    }
    let line = |cells: Vec<&str>| -> String {
        let mut out = String::from("  ");
        let mut first = true;
        for (i, c) in cols.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            if !first {
                out.push_str("  ");
            }
            first = false;
            let text = fit(cells.get(i).copied().unwrap_or(""), w[i]);
            let pad = w[i].saturating_sub(chars(&text));
            if c.right {
                out.push_str(&" ".repeat(pad));
                out.push_str(&text);
            } else {
                out.push_str(&text);
                out.push_str(&" ".repeat(pad));
            }
        }
        let mut out = out.trim_end().to_string();
        out.push('\n');
        out
    };
    let mut out = line(cols.iter().map(|c| c.head.as_str()).collect());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

/// Adds `item` to the group `key`, keeping the groups in the order they
/// first appear.
fn group_into(groups: &mut Vec<(String, Vec<String>)>, key: String, item: String) {
    match groups.iter_mut().find(|(k, _)| *k == key) {
        Some((_, items)) => items.push(item),
        None => groups.push((key, vec![item])),
    }
}

/// The line after a list cut to `top` rows.
fn more(o: &mut String, tr: Tr, n: usize, top: usize) {
    if n > top {
        let _ = writeln!(
            o,
            "{}",
            say!(
                tr,
                format!(
                    "  … und {} weitere (--top N zeigt mehr, --format json alle)",
                    tr.int(n - top)
                ),
                format!(
                    "  … and {} more (--top N shows more, --format json all)",
                    tr.int(n - top)
                )
            )
        );
    }
}

fn heading(o: &mut String, text: &str, width: usize) {
    let _ = writeln!(o);
    let _ = write!(o, "{}", wrap("", 0, &text.to_uppercase(), width));
}

/// A cause chain as text: `a <- b <- c`, with `… N more` when cut.
fn chain_text(tr: Tr, chain: &(Vec<String>, usize)) -> String {
    let mut links: Vec<String> = chain.0.iter().skip(1).map(|l| clean(l)).collect();
    if chain.1 > 0 {
        links.push(say!(
            tr,
            format!("… {} weitere", tr.int(chain.1)),
            format!("… {} more", tr.int(chain.1))
        ));
    }
    links.join(" <- ")
}

/// The names of the report's systems, for what a path waits for.
struct Names<'r> {
    systems: BTreeMap<&'r str, &'r SystemResult>,
    vendors: BTreeMap<&'r str, &'r str>,
}

impl<'r> Names<'r> {
    fn of(r: &'r Report) -> Names<'r> {
        Names {
            systems: r.systems.iter().map(|s| (s.id.as_str(), s)).collect(),
            vendors: r
                .cut_vendors
                .iter()
                .map(|v| (v.id.as_str(), v.origin.as_str()))
                .collect(),
        }
    }

    fn chain(&self, r: &Report, id: &str) -> (Vec<String>, usize) {
        r.chain_with(&self.systems, &self.vendors, id, CHAIN_LINKS)
    }
}

/// How a system comes back, in words: `restart, waits for X`.
fn restore_words(tr: Tr, by: &RestoreBy) -> String {
    let id = |s: &str| clean(s);
    let head = match by {
        RestoreBy::Restart { .. } => tr.path(Path::Restart).to_string(),
        RestoreBy::Backup { backup_system, .. } => match backup_system {
            Some(b) => say!(
                tr,
                format!("Rücksicherung mit {}", id(b)),
                format!("restore with {}", id(b))
            ),
            None => tr.path(Path::Backup).to_string(),
        },
        RestoreBy::Fallback { fallback, .. } => say!(
            tr,
            format!("Notlösung {}", id(fallback)),
            format!("stop-gap {}", id(fallback))
        ),
        RestoreBy::Switch {
            alternative,
            estimate_given,
            ..
        } => {
            let est = if *estimate_given {
                String::new()
            } else {
                tr.pick(" (geschätzt)", " (estimated)").to_string()
            };
            say!(
                tr,
                format!("Wechsel zu {}{est}", id(alternative)),
                format!("switch to {}{est}", id(alternative))
            )
        }
    };
    match by.waits_for() {
        Some(w) => format!("{head}, {}", tr.wait(w, &|s: &str| clean(s))),
        None => head,
    }
}

fn crit(tr: Tr, s: &ServiceResult) -> String {
    format!("[{}]", tr.criticality(s.criticality))
}

/// One service that stops, as a block.
fn service_block(
    o: &mut String,
    r: &Report,
    names: &Names<'_>,
    s: &ServiceResult,
    opts: &TextOptions,
) {
    let tr = opts.tr;
    let w = opts.width();
    let _ = write!(
        o,
        "{}",
        wrap(
            &format!("{} ", crit(tr, s)),
            4,
            &format!("{} ({})", clean(&s.name), clean(&s.id)),
            w
        )
    );
    let stops = s.down_at_hours.map(|h| tr.at_hour(h)).unwrap_or_default();
    let how = names
        .systems
        .get(s.cause.as_str())
        .and_then(|x| x.restore_by.as_ref())
        .map(|b| restore_words(tr, b));
    let back = match (s.restore_hours, &how) {
        (Some(h), Some(how)) => say!(
            tr,
            format!("wieder nach {} ({how})", tr.hours_dative(h)),
            format!("back after {} ({how})", tr.hours_dative(h))
        ),
        (Some(h), None) => say!(
            tr,
            format!("wieder nach {}", tr.hours_dative(h)),
            format!("back after {}", tr.hours_dative(h))
        ),
        (None, _) => tr
            .pick("kein Weg zurück bekannt", "no way back known")
            .into(),
    };
    let line = say!(
        tr,
        format!("fällt aus: {stops}; {back}"),
        format!("stops: {stops}; {back}")
    );
    let _ = write!(o, "{}", wrap("    ", 6, &line, w));
    // After a stop-gap: the strategic plan.
    if let Some(sys) = names.systems.get(s.cause.as_str())
        && matches!(sys.restore_by, Some(RestoreBy::Fallback { .. }))
        && let Some(plan) = &sys.strategic_switch
    {
        let line = say!(
            tr,
            format!(
                "strategisch: Wechsel zu {}, fertig nach {}",
                clean(&plan.alternative),
                tr.hours_dative(plan.ready_at_hours)
            ),
            format!(
                "strategic plan: switch to {}, done after {}",
                clean(&plan.alternative),
                tr.hours_dative(plan.ready_at_hours)
            )
        );
        let _ = write!(o, "{}", wrap("    ", 6, &line, w));
    }
    let mut limits: Vec<String> = Vec::new();
    if let Some(m) = s.max_outage_hours {
        limits.push(say!(
            tr,
            format!("tolerierbar {}", tr.hours(m)),
            format!("tolerable {}", tr.hours(m))
        ));
    }
    if let Some(m) = s.rto_hours {
        limits.push(say!(
            tr,
            format!("Wiederanlaufziel {}", tr.hours(m)),
            format!("recovery objective {}", tr.hours(m))
        ));
    }
    if limits.is_empty() {
        limits.push(
            tr.pick(
                "keine tolerierbare Ausfallzeit angegeben",
                "no tolerable outage given",
            )
            .into(),
        );
    }
    let mut flags = Vec::new();
    if s.breach {
        flags.push(tr.pick("ÜBERSCHRITTEN", "EXCEEDED").to_string());
    }
    if s.rto_missed {
        flags.push(tr.pick("Ziel verfehlt", "objective missed").to_string());
    }
    let limit_line = if flags.is_empty() {
        limits.join(", ")
    } else {
        format!("{}: {}", limits.join(", "), flags.join(", "))
    };
    let _ = write!(o, "{}", wrap("    ", 6, &limit_line, w));
    if let Some(e) = &s.emergency_operation {
        let cap = e
            .capacity
            .map(|c| format!(" ({})", tr.pct(c)))
            .unwrap_or_default();
        let line = say!(
            tr,
            format!(
                "Notbetrieb ab {}: {}{cap}",
                tr.at_hour(e.from_hours),
                clean(&e.text)
            ),
            format!(
                "emergency operation from {}: {}{cap}",
                tr.at_hour(e.from_hours),
                clean(&e.text)
            )
        );
        let _ = write!(o, "{}", wrap("    ", 6, &line, w));
    }
    if let Some(l) = s.data_loss_hours {
        let line = match s.rpo_hours {
            Some(rpo) if s.rpo_breach => say!(
                tr,
                format!(
                    "Datenverlust bis {} (tolerierbar {}): ÜBERSCHRITTEN",
                    tr.hours(l),
                    tr.hours(rpo)
                ),
                format!(
                    "data loss up to {} (tolerable {}): EXCEEDED",
                    tr.hours(l),
                    tr.hours(rpo)
                )
            ),
            _ => say!(
                tr,
                format!("Datenverlust bis {}", tr.hours(l)),
                format!("data loss up to {}", tr.hours(l))
            ),
        };
        let _ = write!(o, "{}", wrap("    ", 6, &line, w));
    }
    let why = chain_text(tr, &names.chain(r, &s.id));
    let _ = write!(
        o,
        "{}",
        wrap(
            &format!("    {} ", tr.pick("Ursache:", "cause:")),
            6,
            &why,
            w
        )
    );
}

/// The planner's summary of one simulation.
pub fn report_text(r: &Report, opts: &TextOptions) -> String {
    let tr = opts.tr;
    let w = opts.width();
    let top = opts.top;
    let names = Names::of(r);
    let mut out = String::new();
    let o = &mut out;
    match &r.name {
        Some(n) => {
            let _ = write!(
                o,
                "{}",
                wrap(
                    &format!(
                        "{} {}: ",
                        tr.pick("Szenario", "Scenario"),
                        clean(&r.scenario)
                    ),
                    2,
                    &clean(n),
                    w
                )
            );
        }
        None => {
            let _ = writeln!(o, "{}", tr.pick("Ad-hoc-Simulation", "Ad-hoc simulation"));
        }
    }
    let cuts: Vec<String> = r
        .cut_terms
        .iter()
        .map(|c| {
            let what = clean(&c.cut);
            match (c.kind, c.duration_hours) {
                (CutKind::Withdrawal, _) => format!("{what} ({})", tr.cut_kind(c.kind)),
                (k, Some(h)) => say!(
                    tr,
                    format!("{what} ({} für {})", tr.cut_kind(k), tr.hours(h)),
                    format!("{what} ({} for {})", tr.cut_kind(k), tr.hours(h))
                ),
                (k, None) => format!("{what} ({})", tr.cut_kind(k)),
            }
        })
        .collect();
    let cut_line = if cuts.is_empty() {
        tr.pick(
            "nichts (nur Preisänderungen)",
            "nothing (price changes only)",
        )
        .to_string()
    } else {
        cuts.join(", ")
    };
    let _ = write!(
        o,
        "{}",
        wrap(
            &format!("{} ", tr.pick("Schnitt:", "Cut:")),
            2,
            &cut_line,
            w
        )
    );
    if !r.cut_vendors.is_empty() {
        let ids: Vec<String> = r.cut_vendors.iter().map(|v| clean(&v.id)).collect();
        let shown = ids.len().min(18);
        let mut list = ids[..shown].join(", ");
        if ids.len() > shown {
            list.push_str(&say!(
                tr,
                format!(" und {} weitere", ids.len() - shown),
                format!(" and {} more", ids.len() - shown)
            ));
        }
        let _ = write!(
            o,
            "{}",
            wrap(
                &say!(
                    tr,
                    format!("Betroffene Anbieter ({}): ", tr.int(ids.len())),
                    format!("Vendors cut off ({}): ", tr.int(ids.len()))
                ),
                2,
                &list,
                w
            )
        );
    }
    let _ = writeln!(
        o,
        "{}",
        say!(
            tr,
            format!("Verträge zum {}; Zeiten ab dem Schnitt", tr.date(r.as_of)),
            format!("Contracts as of {}; times from the cut", tr.date(r.as_of))
        )
    );
    let _ = writeln!(o);

    // Headline.
    let s = &r.summary;
    let mut lines: Vec<String> = Vec::new();
    if r.cuts.is_empty() {
        lines.push(
            tr.pick(
                "In diesem Szenario fällt nichts aus.",
                "Nothing stops in this scenario.",
            )
            .into(),
        );
    } else {
        lines.push(match s.services_down {
            0 => tr
                .pick("Kein Dienst fällt aus.", "No service stops.")
                .to_string(),
            n => {
                let breach = match s.services_breached {
                    0 => tr
                        .pick(
                            "alle innerhalb ihrer tolerierbaren Ausfallzeit wieder da",
                            "all back within their tolerable outage",
                        )
                        .to_string(),
                    b => say!(
                        tr,
                        format!("{} länger als tolerierbar", tr.int(b)),
                        format!("{} longer than tolerable", tr.int(b))
                    ),
                };
                say!(
                    tr,
                    format!(
                        "{} von {} Diensten {} aus; {breach}.",
                        tr.int(n),
                        tr.int(s.services_total),
                        if n == 1 { "fällt" } else { "fallen" }
                    ),
                    format!(
                        "{} of {} {}; {breach}.",
                        tr.int(n),
                        tr.services(s.services_total),
                        if n == 1 { "stops" } else { "stop" }
                    )
                )
            }
        });
        if s.services_in_emergency_operation > 0 {
            lines.push(say!(
                tr,
                if s.services_in_emergency_operation == 1 {
                    "1 Dienst arbeitet im Notbetrieb, bis er wieder läuft.".to_string()
                } else {
                    format!(
                        "{} Dienste arbeiten im Notbetrieb, bis sie wieder laufen.",
                        tr.int(s.services_in_emergency_operation)
                    )
                },
                format!(
                    "{} in emergency operation until back.",
                    tr.count(
                        s.services_in_emergency_operation,
                        "",
                        "",
                        "service runs",
                        "services run"
                    )
                )
            ));
        }
        let at_risk = s.services_unsupported + s.services_degraded;
        if at_risk > 0 {
            lines.push(say!(
                tr,
                format!(
                    "{} weiter, eingeschränkt oder ohne Herstellerunterstützung.",
                    tr.count(
                        at_risk,
                        "weiterer Dienst läuft",
                        "weitere Dienste laufen",
                        "",
                        ""
                    )
                ),
                format!(
                    "{} running, with limits or without vendor support.",
                    tr.count(at_risk, "", "", "more service keeps", "more services keep")
                )
            ));
        }
        let mut parts = Vec::new();
        for (n, one, many, en) in [
            (s.systems_down, "fällt aus", "fallen aus", "down"),
            (
                s.systems_replaced,
                "rechtzeitig ersetzt",
                "rechtzeitig ersetzt",
                "replaced in time",
            ),
            (
                s.systems_unsupported,
                "ohne Herstellerunterstützung",
                "ohne Herstellerunterstützung",
                "without vendor support",
            ),
            (
                s.systems_degraded,
                "eingeschränkt",
                "eingeschränkt",
                "degraded",
            ),
        ] {
            if n > 0 {
                let de = if n == 1 { one } else { many };
                parts.push(format!("{} {}", tr.int(n), tr.pick(de, en)));
            }
        }
        if !parts.is_empty() {
            lines.push(format!("{}: {}.", tr.l("systems"), parts.join(", ")));
        }
        let last = r.restart_order.last().map(|x| x.end_hours);
        let unknown = r
            .systems
            .iter()
            .filter(|x| x.state == State::Down && x.back_at_hours.is_none())
            .count();
        match (last, unknown) {
            (Some(h), 0) => lines.push(say!(
                tr,
                format!(
                    "Alle ausgefallenen Systeme laufen wieder ab {}.",
                    tr.at_hour(h)
                ),
                format!("Every system that stops is back by {}.", tr.at_hour(h))
            )),
            (_, n) if n > 0 => lines.push(say!(
                tr,
                format!("Für {} ist kein Weg zurück bekannt.", tr.systems(n)),
                format!("No way back is known for {}.", tr.systems(n))
            )),
            _ => {}
        }
        if s.restore_ability_lost > 0 {
            lines.push(say!(
                tr,
                format!(
                    "KRITISCH: {} lassen sich nicht mehr aus der Datensicherung wiederherstellen.",
                    tr.systems(s.restore_ability_lost)
                ),
                format!(
                    "CRITICAL: {} can no longer be restored from backup.",
                    tr.systems(s.restore_ability_lost)
                )
            ));
        }
        if !r.stranded_data.is_empty() {
            lines.push(say!(
                tr,
                format!(
                    "{} GB Daten in {} nicht mehr erreichbar.",
                    tr.num(r.stranded_volume_gb, 0),
                    tr.count(r.stranded_data.len(), "System", "Systemen", "", "")
                ),
                format!(
                    "{} GB of data stranded in {}.",
                    tr.num(r.stranded_volume_gb, 0),
                    tr.systems(r.stranded_data.len())
                )
            ));
        }
        lines.push(match r.contracts_at_risk.len() {
            0 => tr
                .pick(
                    "Keine laufenden Verträge betroffen.",
                    "No running contracts at risk.",
                )
                .to_string(),
            n => say!(
                tr,
                format!(
                    "{} betroffen ({} im Jahr).",
                    tr.count(n, "laufender Vertrag", "laufende Verträge", "", ""),
                    tr.money(r.annual_cost_at_risk, &opts.currency)
                ),
                format!(
                    "{} running contract{} at risk ({} a year).",
                    tr.int(n),
                    if n == 1 { "" } else { "s" },
                    tr.money(r.annual_cost_at_risk, &opts.currency)
                )
            ),
        });
    }
    for l in &lines {
        let _ = write!(o, "{}", wrap("", 0, l, w));
    }

    // Services that stop.
    let down: Vec<&ServiceResult> = r
        .services
        .iter()
        .filter(|x| x.state == State::Down)
        .collect();
    if !down.is_empty() {
        heading(
            o,
            tr.pick(
                "Dienste, die ausfallen (die kritischsten zuerst)",
                "Services that stop (most critical first)",
            ),
            w,
        );
        for x in down.iter().take(top) {
            service_block(o, r, &names, x, opts);
        }
        more(o, tr, down.len(), top);
    }
    let limited: Vec<&ServiceResult> = r
        .services
        .iter()
        .filter(|x| x.state != State::Down)
        .collect();
    if !limited.is_empty() {
        heading(
            o,
            tr.pick(
                "Dienste, die eingeschränkt weiterlaufen",
                "Services that keep running, at risk",
            ),
            w,
        );
        for x in limited.iter().take(top) {
            let line = format!(
                "{} {} ({}): {}",
                crit(tr, x),
                clean(&x.name),
                clean(&x.id),
                tr.state(x.state)
            );
            let _ = write!(o, "{}", wrap("  ", 4, &line, w));
            let why = chain_text(tr, &names.chain(r, &x.id));
            let _ = write!(
                o,
                "{}",
                wrap(
                    &format!("    {} ", tr.pick("Ursache:", "cause:")),
                    6,
                    &why,
                    w
                )
            );
        }
        more(o, tr, limited.len(), top);
    }

    // The restart order.
    if !r.restart_order.is_empty() {
        heading(
            o,
            tr.pick(
                "Wiederanlaufplan (in der Reihenfolge des Wiederanlaufs)",
                "Restart order (in the order systems are back)",
            ),
            w,
        );
        let cols = [
            Column::new("#").right(),
            Column::new(tr.l("system")).shrink(10),
            Column::new(tr.pick("Weg zurück", "way back")),
            Column::new(tr.pick("wartet auf", "waits for"))
                .shrink(8)
                .drop(2),
            Column::new(tr.pick("Beginn", "starts")).right().drop(1),
            Column::new(tr.pick("wieder da", "back")).right(),
        ];
        let rows: Vec<Vec<String>> = r
            .restart_order
            .iter()
            .take(top)
            .map(|x| {
                vec![
                    tr.int(x.step),
                    clean(&x.system),
                    tr.path(x.path).to_string(),
                    x.waits_for
                        .as_ref()
                        .map(|w| match w {
                            Wait::System(id) | Wait::Vendor(id) => clean(id),
                            Wait::Cut(_) => tr.pick("Ausfallende", "end of cut").to_string(),
                        })
                        .unwrap_or_default(),
                    tr.at_hour_exact(x.start_hours),
                    tr.at_hour_exact(x.end_hours),
                ]
            })
            .collect();
        let _ = write!(o, "{}", table(&cols, &rows, w));
        more(o, tr, r.restart_order.len(), top);
    }
    let blind: Vec<String> = r
        .systems
        .iter()
        .filter(|x| x.state == State::Down && x.back_at_hours.is_none())
        .map(|x| clean(&x.id))
        .collect();
    if !blind.is_empty() {
        heading(
            o,
            tr.pick(
                "Systeme ohne bekannten Weg zurück",
                "Systems without a known way back",
            ),
            w,
        );
        let _ = write!(o, "{}", wrap("  ", 2, &blind.join(", "), w));
        let _ = write!(
            o,
            "{}",
            wrap(
                "  ",
                2,
                tr.pick(
                    "Hinweis: eine Notlösung ([system.recovery] fallback), eine Datensicherung oder eine Alternative gibt ihnen einen Weg zurück.",
                    "Note: a fallback ([system.recovery] fallback), a backup or an alternative gives them a way back.",
                ),
                w
            )
        );
    }

    // Other system states.
    for (state, de, en) in [
        (
            State::Replaced,
            "Rechtzeitig ersetzte Systeme (die Notlösung oder Alternative ist fertig, bevor sie ausfallen)",
            "Systems replaced in time (their stop-gap or alternative is ready before they stop)",
        ),
        (
            State::Unsupported,
            "Systeme ohne Herstellerunterstützung (laufen weiter, ohne Updates)",
            "Systems without vendor support (keep running, no updates)",
        ),
        (
            State::Degraded,
            "Eingeschränkte Systeme (eine weiche Schnittstelle oder ein redundanter Teil fällt aus)",
            "Degraded systems (a soft interface or a redundant part is down)",
        ),
    ] {
        let l: Vec<&SystemResult> = r.systems.iter().filter(|x| x.state == state).collect();
        if l.is_empty() {
            continue;
        }
        heading(o, tr.pick(de, en), w);
        for x in l.iter().take(top) {
            let text = match (state, &x.restore_by) {
                (State::Replaced, Some(by)) => say!(
                    tr,
                    format!(
                        "{}: {} bereit ab {}, es selbst stoppt ab {}",
                        clean(&x.id),
                        restore_words(tr, by),
                        x.back_at_hours.map(|h| tr.at_hour(h)).unwrap_or_default(),
                        x.stops_at_hours.map(|h| tr.at_hour(h)).unwrap_or_default()
                    ),
                    format!(
                        "{}: {} ready by {}, it stops itself at {}",
                        clean(&x.id),
                        restore_words(tr, by),
                        x.back_at_hours.map(|h| tr.at_hour(h)).unwrap_or_default(),
                        x.stops_at_hours.map(|h| tr.at_hour(h)).unwrap_or_default()
                    )
                ),
                _ => format!(
                    "{}: {}",
                    clean(&x.id),
                    chain_text(tr, &names.chain(r, &x.id))
                ),
            };
            let _ = write!(o, "{}", wrap("  ", 4, &text, w));
        }
        more(o, tr, l.len(), top);
    }

    // Backups, grouped by why they are lost.
    if !r.restore_ability_lost.is_empty() {
        heading(
            o,
            tr.pick(
                "KRITISCH: Wiederherstellung aus der Datensicherung unmöglich",
                "CRITICAL: restore from backup no longer possible",
            ),
            w,
        );
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for x in &r.restore_ability_lost {
            let item = if x.sensitivity.is_some() {
                format!("{} ({} GB)", clean(&x.system), tr.num(x.volume_gb, 0))
            } else {
                clean(&x.system)
            };
            group_into(&mut groups, clean(&tr.backup_loss(&x.loss)), item);
        }
        for (why, items) in &groups {
            let _ = write!(o, "{}", wrap("  ", 4, &format!("{}:", why), w));
            let _ = write!(o, "{}", wrap("    ", 4, &items.join(", "), w));
        }
    }
    if !r.stranded_data.is_empty() {
        heading(
            o,
            tr.pick("Nicht mehr erreichbare Daten", "Stranded data"),
            w,
        );
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for x in &r.stranded_data {
            let holder = clean(x.format_vendor.as_deref().unwrap_or(&x.operator));
            let why = say!(
                tr,
                format!("{} ({})", tr.stranded_reason(x.reason), holder),
                format!("{} ({})", tr.stranded_reason(x.reason), holder)
            );
            let item = format!(
                "{} ({} GB, {})",
                clean(&x.system),
                tr.num(x.volume_gb, 0),
                tr.sensitivity(x.sensitivity)
            );
            group_into(&mut groups, why, item);
        }
        for (why, items) in &groups {
            let _ = write!(o, "{}", wrap("  ", 4, &format!("{}:", why), w));
            let _ = write!(o, "{}", wrap("    ", 4, &items.join(", "), w));
        }
    }

    // Contracts.
    if !r.contracts_at_risk.is_empty() {
        heading(
            o,
            &say!(
                tr,
                format!(
                    "Betroffene Verträge: {} im Jahr",
                    tr.money(r.annual_cost_at_risk, &opts.currency)
                ),
                format!(
                    "Contracts at risk: {} a year",
                    tr.money(r.annual_cost_at_risk, &opts.currency)
                )
            ),
            w,
        );
        let cols = [
            Column::new(tr.l("contract")).shrink(10),
            Column::new(tr.l("vendor")).shrink(8).drop(3),
            Column::new(tr.pick("pro Jahr", "a year")).right().drop(2),
            Column::new(tr.pick("Kündigung bis", "notice by")).right(),
            Column::new(tr.pick("Datenabruf", "retrieval"))
                .right()
                .drop(1),
        ];
        let rows: Vec<Vec<String>> = r
            .contracts_at_risk
            .iter()
            .take(top)
            .map(|c| {
                vec![
                    clean(&c.contract),
                    clean(&c.vendor),
                    c.annual_cost
                        .map(|x| tr.money(x, &opts.currency))
                        .unwrap_or_else(|| tr.pick("unbekannt", "unknown").into()),
                    match (c.notice_by, c.renewal) {
                        (Some(d), _) => tr.date(d),
                        (None, None) => c
                            .term_end
                            .map(|d| {
                                say!(
                                    tr,
                                    format!("endet {}", tr.date(d)),
                                    format!("ends {}", tr.date(d))
                                )
                            })
                            .unwrap_or_else(|| "–".into()),
                        (None, Some(_)) => "–".into(),
                    },
                    c.data_retrieval
                        .map(|d| tr.duration(d))
                        .unwrap_or_else(|| tr.pick("keiner", "none").into()),
                ]
            })
            .collect();
        let _ = write!(o, "{}", table(&cols, &rows, w));
        for c in r.contracts_at_risk.iter().take(top) {
            if let Some(k) = &c.contact {
                let parts: Vec<String> = [&k.phone, &k.email, &k.reference, &k.owner]
                    .into_iter()
                    .flatten()
                    .map(|x| clean(x))
                    .collect();
                if !parts.is_empty() {
                    let _ = write!(
                        o,
                        "{}",
                        wrap(
                            &format!("  {}: ", clean(&c.contract)),
                            4,
                            &parts.join(" · "),
                            w
                        )
                    );
                }
            }
        }
        more(o, tr, r.contracts_at_risk.len(), top);
    }

    // Price shocks.
    if !r.price_shock.vendors.is_empty() {
        let added = r.price_shock.added_annual_cost;
        heading(
            o,
            &say!(
                tr,
                format!(
                    "Preisschock: {} {} im Jahr",
                    tr.money(added.abs(), &opts.currency),
                    if added < 0.0 { "weniger" } else { "mehr" }
                ),
                format!(
                    "Price shock: {} {} a year",
                    tr.money(added.abs(), &opts.currency),
                    if added < 0.0 { "less" } else { "more" }
                )
            ),
            w,
        );
        for v in &r.price_shock.vendors {
            let pct = (v.factor - 1.0) * 100.0;
            let contracts = if v.contracts.is_empty() {
                tr.pick("keine laufenden Verträge", "no running contracts")
                    .to_string()
            } else {
                v.contracts
                    .iter()
                    .map(|c| clean(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let line = say!(
                tr,
                format!(
                    "{} (×{}, {}{} %): {} statt {} im Jahr ({contracts})",
                    clean(&v.vendor),
                    tr.num1(v.factor),
                    if pct >= 0.0 { "+" } else { "" },
                    tr.num(pct, 0),
                    tr.money(v.annual_cost + v.added_annual_cost, &opts.currency),
                    tr.money(v.annual_cost, &opts.currency)
                ),
                format!(
                    "{} (×{}, {}{}%): {} instead of {} a year ({contracts})",
                    clean(&v.vendor),
                    tr.num1(v.factor),
                    if pct >= 0.0 { "+" } else { "" },
                    tr.num(pct, 0),
                    tr.money(v.annual_cost + v.added_annual_cost, &opts.currency),
                    tr.money(v.annual_cost, &opts.currency)
                )
            );
            let _ = write!(o, "{}", wrap("  ", 4, &line, w));
            if !v.contracts_without_cost.is_empty() {
                let line = say!(
                    tr,
                    format!(
                        "Verträge ohne annual_cost (nicht gezählt): {}",
                        v.contracts_without_cost.join(", ")
                    ),
                    format!(
                        "contracts without annual_cost (not counted): {}",
                        v.contracts_without_cost.join(", ")
                    )
                );
                let _ = write!(o, "{}", wrap("    ", 6, &clean(&line), w));
            }
            let at_least = if v.systems_without_switch_cost.is_empty() {
                ""
            } else {
                tr.pick("mindestens ", "at least ")
            };
            let systems = if v.systems.is_empty() {
                tr.pick("keine Systeme in Betrieb", "no in-use systems")
                    .to_string()
            } else {
                v.systems
                    .iter()
                    .map(|c| clean(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let line = say!(
                tr,
                format!(
                    "der Ausstieg kostet einmalig {at_least}{} und dauert {} (P80): {systems}",
                    tr.money(v.switch_cost, &opts.currency),
                    tr.span(v.exit_p80_days)
                ),
                format!(
                    "leaving costs {at_least}{} once and takes {} (P80): {systems}",
                    tr.money(v.switch_cost, &opts.currency),
                    tr.span(v.exit_p80_days)
                )
            );
            let _ = write!(o, "{}", wrap("    ", 6, &line, w));
            let line = match v.payback_years {
                Some(y) => say!(
                    tr,
                    format!("der Ausstieg rechnet sich nach {} Jahren", tr.num(y, 1)),
                    format!("leaving pays for itself after {} years", tr.num(y, 1))
                ),
                None if v.added_annual_cost > 0.0 => tr
                    .pick(
                        "Amortisation unbekannt, bis alle Wechselkosten bekannt sind",
                        "payback unknown until every switch cost is known",
                    )
                    .to_string(),
                None => tr
                    .pick(
                        "der Preis steigt nicht: keine Amortisation",
                        "the price does not rise: no payback",
                    )
                    .to_string(),
            };
            let _ = write!(o, "{}", wrap("    ", 6, &line, w));
        }
    }
    out
}

/// The planner's ranking of single-vendor cuts.
pub fn each_vendor_text(ev: &EachVendor, opts: &TextOptions) -> String {
    let tr = opts.tr;
    let w = opts.width();
    let mut out = String::new();
    let o = &mut out;
    let wt = &ev.weights;
    let kind = match (ev.kind, ev.duration_hours) {
        (CutKind::Withdrawal, _) => tr.cut_kind(ev.kind).to_string(),
        (k, Some(h)) => say!(
            tr,
            format!("{} für {}", tr.cut_kind(k), tr.hours(h)),
            format!("{} for {}", tr.cut_kind(k), tr.hours(h))
        ),
        (k, None) => tr.cut_kind(k).to_string(),
    };
    let intro = say!(
        tr,
        format!(
            "Jeder der {} allein abgeschnitten ({kind}); Verträge zum {}. Rang nach den Diensten, die ausfallen, gewichtet nach Kritikalität (kritisch {}, hoch {}, mittel {}, niedrig {}). Ein Anbieter fällt mit den Firmen weg, die er kontrolliert; „Gruppe“ ist die Spitze seiner Konzernkette.",
            tr.vendors(ev.vendors.len()),
            tr.date(ev.as_of),
            wt.critical,
            wt.high,
            wt.medium,
            wt.low
        ),
        format!(
            "Each of {} cut off on its own ({kind}); contracts as of {}. Ranked by the services each cut takes down, weighted by criticality (critical {}, high {}, medium {}, low {}). A vendor is cut together with the companies it controls; `group` is the top of its ownership chain.",
            tr.vendors(ev.vendors.len()),
            tr.date(ev.as_of),
            wt.critical,
            wt.high,
            wt.medium,
            wt.low
        )
    );
    let _ = write!(o, "{}", wrap("", 0, &intro, w));
    let _ = writeln!(o);
    let hurting: Vec<_> = ev.vendors.iter().filter(|v| v.score > 0).collect();
    if hurting.is_empty() {
        let _ = writeln!(
            o,
            "{}",
            tr.pick(
                "Kein einzelner Anbieter legt einen Dienst lahm.",
                "No single vendor takes a service down."
            )
        );
        return out;
    }
    let shown: Vec<_> = hurting.iter().take(opts.top).collect();
    let cols = [
        Column::new(tr.l("rank")).right(),
        Column::new(tr.l("vendor")).shrink(8),
        Column::new(tr.pick("Gruppe", "group")).shrink(8).drop(6),
        Column::new(tr.pick("Wert", "score")).right(),
        Column::new(tr.pick("Dienste", "services")).right(),
        Column::new(tr.pick("krit.", "critical")).right().drop(5),
        Column::new(tr.pick("zu lang", "breaches")).right(),
        Column::new(tr.pick("ab Tag", "first day")).right().drop(3),
        Column::new(tr.l("systems")).right().drop(4),
        Column::new(tr.pick("Sich. verl.", "backups lost"))
            .right()
            .drop(7),
        Column::new(tr.pick("GB weg", "stranded GB"))
            .right()
            .drop(2),
        Column::new(tr.pick("Verträge", "contracts"))
            .right()
            .drop(1),
    ];
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|v| {
            vec![
                tr.int(v.rank),
                clean(&v.vendor),
                clean(&v.group),
                tr.int(v.score),
                tr.int(v.services_down.len()),
                tr.int(v.critical_services_down),
                tr.int(v.breaches.len()),
                v.first_service_down_day
                    .map(|d| tr.int(d))
                    .unwrap_or_else(|| "–".into()),
                tr.int(v.systems_down),
                tr.int(v.restore_ability_lost),
                tr.num(v.stranded_volume_gb, 0),
                tr.money(v.annual_cost_at_risk, &opts.currency),
            ]
        })
        .collect();
    let _ = write!(o, "{}", table(&cols, &rows, w));
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{}",
        tr.pick(
            "Dienste, die jeder Anbieter lahmlegt (* länger als tolerierbar):",
            "Services each vendor takes down (* longer than tolerable):"
        )
    );
    for v in &shown {
        let list: Vec<String> = v
            .services_down
            .iter()
            .map(|s| {
                if v.breaches.contains(s) {
                    format!("{}*", clean(s))
                } else {
                    clean(s)
                }
            })
            .collect();
        let _ = write!(
            o,
            "{}",
            wrap(&format!("  {}: ", clean(&v.vendor)), 4, &list.join(", "), w)
        );
    }
    if hurting.len() > shown.len() {
        more(o, tr, hurting.len(), shown.len());
    }
    let none = ev.vendors.len() - hurting.len();
    if none > 0 {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "{}",
            say!(
                tr,
                format!("{} legen allein keinen Dienst lahm.", tr.vendors(none)),
                format!("{} take no service down on their own.", tr.vendors(none))
            )
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_wrap_at_the_width_and_cut_long_words() {
        let text = wrap("  ", 4, "one two three four five six seven", 14);
        for l in text.lines() {
            assert!(l.chars().count() <= 14, "{l:?}");
        }
        assert_eq!(text, "  one two\n    three four\n    five six\n    seven\n");
        let long = wrap("", 0, &"x".repeat(30), 20);
        assert_eq!(long.trim_end().chars().count(), 20);
        assert!(long.contains('…'));
    }

    #[test]
    fn a_wide_table_shrinks_then_drops_columns_to_fit() {
        let cols = [
            Column::new("id").shrink(4),
            Column::new("a").right(),
            Column::new("optional").drop(1),
        ];
        let rows = vec![vec![
            "a-very-long-identifier".to_string(),
            "12".to_string(),
            "something long".to_string(),
        ]];
        let wide = table(&cols, &rows, 80);
        assert!(wide.contains("something long") && wide.contains("a-very-long-identifier"));
        let narrow = table(&cols, &rows, 24);
        for l in narrow.lines() {
            assert!(l.chars().count() <= 24, "{l:?}");
        }
        assert!(!narrow.contains("something"), "{narrow}");
        assert!(narrow.contains('…'), "{narrow}");
    }
}
