//! Charts drawn directly as SVG (no graph layout): horizontal bars, a Gantt
//! chart and a timeline.
//!
//! The diagram views (`render::diagram`) fill the chart structures with
//! finished texts in the report language; this module only places and
//! draws them. Every text is escaped by [`SvgDoc`]; coordinates are
//! rounded to one decimal so that the output is byte-identical across runs.

use super::dot::Legend;
use super::svg::{
    Anchor, LABEL_SIZE, SvgDoc, draw_header, draw_legend, header_width, legend_size, text_width,
};
use chrono::{Datelike, NaiveDate};

const MARGIN: f64 = 12.0;
/// Longest row label, in characters, before it is shortened with `…`.
pub const LABEL_CHARS: usize = 48;
/// The same for a chart printed on A4 (`compact`).
pub const LABEL_CHARS_COMPACT: usize = 34;

/// Shortens a label for a row; the full text stays in the tooltip.
pub fn short(s: &str, max: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

// ---- bars ----

/// A horizontal bar chart in sections.
#[derive(Clone, Debug, Default)]
pub struct Bars {
    pub title: String,
    pub notes: Vec<String>,
    /// Shorter bars, for a chart printed on A4 at readable size.
    pub compact: bool,
    pub sections: Vec<BarSection>,
    pub legend: Legend,
}

/// One section: a heading and its bars, longest first as given.
#[derive(Clone, Debug)]
pub struct BarSection {
    pub heading: String,
    pub bars: Vec<Bar>,
    /// Shown when the section has no bars.
    pub empty_text: String,
}

/// One bar.
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as text, right of the bar.
    pub text: String,
    pub fill: &'static str,
    pub tooltip: String,
    /// Parts of the bar drawn side by side (a stacked bar), summing to
    /// `value`; empty for a plain bar in `fill`.
    pub segments: Vec<Segment>,
}

/// One part of a stacked bar.
#[derive(Clone, Debug)]
pub struct Segment {
    pub value: f64,
    pub fill: &'static str,
    pub tooltip: String,
}

const BAR_H: f64 = 16.0;
const BAR_GAP: f64 = 6.0;
const BAR_MAX: f64 = 360.0;
const BAR_MAX_COMPACT: f64 = 260.0;

/// The SVG of a bar chart.
pub fn bars_svg(b: &Bars) -> String {
    let mut doc = SvgDoc::new();
    let top = draw_header(&mut doc, MARGIN, &b.title, &b.notes);
    let label_w = b
        .sections
        .iter()
        .flat_map(|s| s.bars.iter())
        .map(|bar| text_width(&short(&bar.label, LABEL_CHARS), LABEL_SIZE))
        .fold(80.0, f64::max);
    let text_w = b
        .sections
        .iter()
        .flat_map(|s| s.bars.iter())
        .map(|bar| text_width(&bar.text, LABEL_SIZE))
        .fold(0.0, f64::max);
    let x_bar = MARGIN + label_w + 10.0;
    let mut y = top;
    let bar_max = if b.compact { BAR_MAX_COMPACT } else { BAR_MAX };
    let mut width: f64 = x_bar + bar_max + 8.0 + text_w;
    for s in &b.sections {
        y += 18.0;
        doc.text(MARGIN, y, &s.heading, 13.0, Anchor::Start, true, "#000000");
        width = width.max(MARGIN + text_width(&s.heading, 13.0));
        y += 8.0;
        if s.bars.is_empty() {
            y += BAR_H;
            doc.text(
                MARGIN,
                y - 4.0,
                &s.empty_text,
                LABEL_SIZE,
                Anchor::Start,
                false,
                "#555555",
            );
            continue;
        }
        let max = s.bars.iter().map(|x| x.value).fold(0.0, f64::max);
        doc.line(
            x_bar,
            y,
            x_bar,
            y + s.bars.len() as f64 * (BAR_H + BAR_GAP),
            "#999999",
            1.0,
            "",
        );
        for bar in &s.bars {
            let w = if max > 0.0 {
                (bar.value / max * bar_max).max(1.0)
            } else {
                1.0
            };
            doc.text(
                x_bar - 6.0,
                y + BAR_H - 4.0,
                &short(&bar.label, LABEL_CHARS),
                LABEL_SIZE,
                Anchor::End,
                false,
                "#000000",
            );
            if bar.segments.is_empty() || bar.value <= 0.0 {
                doc.rect_titled(
                    x_bar,
                    y + 1.0,
                    w,
                    BAR_H - 2.0,
                    bar.fill,
                    "none",
                    &bar.tooltip,
                );
            } else {
                let mut x = x_bar;
                for seg in bar.segments.iter().filter(|s| s.value > 0.0) {
                    let sw = seg.value / bar.value * w;
                    doc.rect_titled(
                        x,
                        y + 1.0,
                        sw,
                        BAR_H - 2.0,
                        seg.fill,
                        "#ffffff",
                        &seg.tooltip,
                    );
                    x += sw;
                }
            }
            doc.text(
                x_bar + w + 6.0,
                y + BAR_H - 4.0,
                &bar.text,
                LABEL_SIZE,
                Anchor::Start,
                false,
                "#333333",
            );
            y += BAR_H + BAR_GAP;
        }
        y += 6.0;
    }
    let (lw, lh) = legend_size(&b.legend);
    y += 10.0;
    draw_legend(&mut doc, MARGIN, y, &b.legend);
    width = width.max(MARGIN + lw).max(header_width(&b.title, &b.notes));
    doc.finish(width + MARGIN, y + lh + MARGIN, &b.title)
}

// ---- Gantt ----

/// A Gantt chart of tasks over days from a start.
#[derive(Clone, Debug, Default)]
pub struct Gantt {
    pub title: String,
    pub notes: Vec<String>,
    pub rows: Vec<GanttRow>,
    /// Vertical markers (P50, P80, target).
    pub markers: Vec<Marker>,
    /// Text under the axis.
    pub axis_label: String,
    /// The axis in days instead of months (for outages of hours and days).
    pub axis_days: bool,
    /// Shown when there are no rows.
    pub empty_text: String,
    pub legend: Legend,
}

/// One task.
#[derive(Clone, Debug)]
pub struct GanttRow {
    /// Its key for `after`; an empty key makes a row of text only (no bar),
    /// such as the last row of a capped list.
    pub key: String,
    pub label: String,
    pub start_day: f64,
    pub end_day: f64,
    pub critical: bool,
    /// Keys of the rows that must finish first.
    pub after: Vec<String>,
    pub tooltip: String,
}

/// A vertical line at a day.
#[derive(Clone, Debug)]
pub struct Marker {
    pub day: f64,
    pub label: String,
    pub colour: &'static str,
    pub dashed: bool,
}

/// Colours of the Gantt chart, shared with its legend.
pub const GANTT_CRITICAL: &str = "#c0392b";
pub const GANTT_TASK: &str = "#5b8db8";

const ROW_H: f64 = 20.0;
const PLOT_W: f64 = 620.0;
const DAYS_PER_MONTH: f64 = crate::model::duration::DAYS_PER_MONTH;

/// The SVG of a Gantt chart. The axis is in months (30.4375 days).
pub fn gantt_svg(gc: &Gantt) -> String {
    let mut doc = SvgDoc::new();
    let top = draw_header(&mut doc, MARGIN, &gc.title, &gc.notes);
    let label_w = gc
        .rows
        .iter()
        .map(|r| text_width(&short(&r.label, LABEL_CHARS), LABEL_SIZE))
        .fold(80.0, f64::max);
    let x0 = MARGIN + label_w + 10.0;
    let max_day = gc
        .rows
        .iter()
        .map(|r| r.end_day)
        .chain(gc.markers.iter().map(|m| m.day))
        .fold(if gc.axis_days { 1.0 } else { DAYS_PER_MONTH }, f64::max);
    // Ticks in months: the first of 1, 2, 3, 6 months, 1, 2, 3, 5, 10, 20,
    // 30, 50, 100 years that gives at most 14 ticks; in days: 1, 2, 5, 7,
    // 14, 30, 60, 90, 180, 365 days.
    let unit = if gc.axis_days { 1.0 } else { DAYS_PER_MONTH };
    let steps: &[f64] = if gc.axis_days {
        &[1.0, 2.0, 5.0, 7.0, 14.0, 30.0, 60.0, 90.0, 180.0, 365.0]
    } else {
        &[
            1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 36.0, 60.0, 120.0, 240.0, 360.0, 600.0, 1200.0,
        ]
    };
    let largest = steps[steps.len() - 1];
    let months = (max_day / unit).ceil().max(1.0);
    let step = steps
        .iter()
        .copied()
        .find(|s| months / s <= 14.0)
        .unwrap_or_else(|| (months / 14.0 / largest).ceil() * largest);
    let span_months = (months / step).ceil() * step;
    let scale = PLOT_W / (span_months * unit);
    let x_of = |d: f64| x0 + d.max(0.0) * scale;
    // Marker labels sit above the plot, one line each so they never overlap.
    let marker_rows = gc.markers.len() as f64;
    let plot_top = top + 8.0 + marker_rows * 14.0;
    let plot_h = (gc.rows.len().max(1) as f64) * ROW_H;
    // Grid and axis.
    let mut m = 0.0;
    while m <= span_months + 1e-9 {
        let x = x_of(m * unit);
        doc.line(x, plot_top, x, plot_top + plot_h, "#e3e3e3", 1.0, "");
        doc.text(
            x,
            plot_top + plot_h + 14.0,
            &format!("{}", m as i64),
            LABEL_SIZE,
            Anchor::Middle,
            false,
            "#333333",
        );
        m += step;
    }
    doc.line(
        x0,
        plot_top + plot_h,
        x0 + PLOT_W,
        plot_top + plot_h,
        "#666666",
        1.0,
        "",
    );
    doc.text(
        x0 + PLOT_W / 2.0,
        plot_top + plot_h + 30.0,
        &gc.axis_label,
        LABEL_SIZE,
        Anchor::Middle,
        false,
        "#333333",
    );
    if gc.rows.is_empty() {
        doc.text(
            x0 + 8.0,
            plot_top + 14.0,
            &gc.empty_text,
            LABEL_SIZE,
            Anchor::Start,
            false,
            "#555555",
        );
    }
    // Precedence links first, so the bars cover their ends; the links of
    // the critical path last, so that no grey link crosses them.
    let pos = |key: &str| gc.rows.iter().position(|r| r.key == key);
    for critical_pass in [false, true] {
        for (i, r) in gc.rows.iter().enumerate() {
            for a in &r.after {
                let Some(j) = pos(a) else { continue };
                let p = &gc.rows[j];
                let both = p.critical && r.critical;
                if both != critical_pass {
                    continue;
                }
                let (xa, ya) = (x_of(p.end_day), plot_top + j as f64 * ROW_H + ROW_H / 2.0);
                let (xb, yb) = (x_of(r.start_day), plot_top + i as f64 * ROW_H + ROW_H / 2.0);
                let (colour, width) = if both {
                    (GANTT_CRITICAL, 1.2)
                } else {
                    ("#d0d0d0", 0.8)
                };
                let xm = xa.max(xb - 4.0);
                doc.line(xa, ya, xm, ya, colour, width, "");
                doc.line(xm, ya, xm, yb, colour, width, "");
                doc.line(xm, yb, xb, yb, colour, width, "");
            }
        }
    }
    for (i, r) in gc.rows.iter().enumerate() {
        let y = plot_top + i as f64 * ROW_H;
        if i % 2 == 1 {
            doc.rect(MARGIN, y, x0 - MARGIN - 4.0, ROW_H, "#f6f6f6", "none", 0.0);
        }
        doc.text(
            x0 - 6.0,
            y + ROW_H - 6.0,
            &short(&r.label, LABEL_CHARS),
            LABEL_SIZE,
            Anchor::End,
            r.critical,
            "#000000",
        );
        let fill = if r.critical {
            GANTT_CRITICAL
        } else {
            GANTT_TASK
        };
        if r.key.is_empty() {
            continue;
        }
        let w = ((r.end_day - r.start_day) * scale).max(2.0);
        doc.rect_titled(
            x_of(r.start_day),
            y + 3.0,
            w,
            ROW_H - 6.0,
            fill,
            "none",
            &r.tooltip,
        );
    }
    for (k, mk) in gc.markers.iter().enumerate() {
        let x = x_of(mk.day);
        let ly = top + 8.0 + (k as f64 + 1.0) * 14.0 - 3.0;
        doc.line(
            x,
            ly + 3.0,
            x,
            plot_top + plot_h,
            mk.colour,
            1.5,
            if mk.dashed { "5,3" } else { "" },
        );
        let anchor = if x > x0 + PLOT_W * 0.6 {
            Anchor::End
        } else {
            Anchor::Start
        };
        let tx = if anchor == Anchor::End {
            x - 4.0
        } else {
            x + 4.0
        };
        doc.text(tx, ly, &mk.label, LABEL_SIZE, anchor, true, mk.colour);
    }
    let y = plot_top + plot_h + 44.0;
    let (lw, lh) = legend_size(&gc.legend);
    draw_legend(&mut doc, MARGIN, y, &gc.legend);
    let width = (x0 + PLOT_W + 20.0)
        .max(MARGIN + lw)
        .max(header_width(&gc.title, &gc.notes))
        .max(
            gc.markers
                .iter()
                .map(|m| x_of(m.day) + text_width(&m.label, LABEL_SIZE) + 8.0)
                .fold(0.0, f64::max)
                .min(x0 + PLOT_W + 240.0),
        );
    doc.finish(width + MARGIN, y + lh + MARGIN, &gc.title)
}

// ---- timeline ----

/// A timeline of dated events per row, between two dates, with today marked.
#[derive(Clone, Debug)]
pub struct Timeline {
    pub title: String,
    pub notes: Vec<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub today: NaiveDate,
    pub today_label: String,
    /// Short month names, January first.
    pub months: [&'static str; 12],
    pub rows: Vec<TimelineRow>,
    pub empty_text: String,
    pub legend: Legend,
    /// A narrower plot, for a chart printed on A4 at readable size.
    pub compact: bool,
}

/// One row: a contract and its events.
#[derive(Clone, Debug)]
pub struct TimelineRow {
    pub label: String,
    /// A short status word shown between the label and the plot (`overdue`).
    pub tag: Option<String>,
    pub tooltip: String,
    pub events: Vec<TimelineEvent>,
}

/// What kind of date an event is; decides its mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum EventKind {
    /// Last day to give notice: a triangle.
    Notice,
    /// Last day to decide (notice minus migration time): a diamond.
    Decision,
    /// End of the current term: a square.
    TermEnd,
}

/// Mark colours of the timeline, shared with its legend.
pub const TIMELINE_NOTICE: &str = "#e67e22";
pub const TIMELINE_DECISION: &str = "#c0392b";
pub const TIMELINE_TERM: &str = "#2c3e50";

impl EventKind {
    pub fn colour(self) -> &'static str {
        match self {
            EventKind::Notice => TIMELINE_NOTICE,
            EventKind::Decision => TIMELINE_DECISION,
            EventKind::TermEnd => TIMELINE_TERM,
        }
    }
}

/// One dated event.
#[derive(Clone, Debug)]
pub struct TimelineEvent {
    pub date: NaiveDate,
    pub kind: EventKind,
    pub tooltip: String,
}

const TL_ROW: f64 = 22.0;
const TL_ROW_COMPACT: f64 = 20.0;
const TL_W: f64 = 720.0;
const TL_W_COMPACT: f64 = 620.0;

/// Draws the mark of an event kind centred at (x, y).
pub fn event_mark(doc: &mut SvgDoc, kind: EventKind, x: f64, y: f64) {
    let r = 6.0;
    match kind {
        EventKind::Notice => doc.polygon(
            &[(x, y - r), (x + r, y + r * 0.8), (x - r, y + r * 0.8)],
            kind.colour(),
            "#ffffff",
        ),
        EventKind::Decision => doc.polygon(
            &[(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
            kind.colour(),
            "#ffffff",
        ),
        EventKind::TermEnd => doc.rect(
            x - r * 0.75,
            y - r * 0.75,
            r * 1.5,
            r * 1.5,
            kind.colour(),
            "#ffffff",
            0.0,
        ),
    }
}

/// The SVG of a timeline.
pub fn timeline_svg(t: &Timeline) -> String {
    let mut doc = SvgDoc::new();
    let tl_w = if t.compact { TL_W_COMPACT } else { TL_W };
    let row = if t.compact { TL_ROW_COMPACT } else { TL_ROW };
    let chars = if t.compact {
        LABEL_CHARS_COMPACT
    } else {
        LABEL_CHARS
    };
    let top = draw_header(&mut doc, MARGIN, &t.title, &t.notes);
    let label_w = t
        .rows
        .iter()
        .map(|r| text_width(&short(&r.label, chars), LABEL_SIZE))
        .fold(80.0, f64::max);
    let tag_w = t
        .rows
        .iter()
        .filter_map(|r| r.tag.as_ref())
        .map(|x| text_width(x, LABEL_SIZE) + 10.0)
        .fold(0.0, f64::max);
    let x0 = MARGIN + label_w + 12.0 + tag_w;
    let total = (t.end - t.start).num_days().max(1) as f64;
    let x_of =
        |d: NaiveDate| x0 + ((d - t.start).num_days() as f64).clamp(0.0, total) / total * tl_w;
    let plot_top = top + 30.0;
    let plot_h = t.rows.len().max(1) as f64 * row;
    // Month grid: a line at each first of the month, labelled every month
    // with its short name and the year at January (and at the start).
    let mut d = NaiveDate::from_ymd_opt(t.start.year(), t.start.month(), 1).unwrap_or(t.start);
    let mut first = true;
    while d <= t.end {
        if d >= t.start {
            let x = x_of(d);
            doc.line(x, plot_top, x, plot_top + plot_h, "#e6e6e6", 1.0, "");
            let name = t.months[(d.month0()) as usize];
            doc.text(
                x + 2.0,
                plot_top - 6.0,
                name,
                LABEL_SIZE,
                Anchor::Start,
                false,
                "#444444",
            );
            // The year at January, and at the start unless January is near.
            if d.month() == 1 || (first && d.month() <= 10) {
                doc.text(
                    x + 2.0,
                    plot_top - 18.0,
                    &d.year().to_string(),
                    LABEL_SIZE,
                    Anchor::Start,
                    true,
                    "#222222",
                );
            }
            first = false;
        }
        d = d
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(t.end + chrono::Days::new(1));
    }
    for (i, r) in t.rows.iter().enumerate() {
        let y = plot_top + i as f64 * row;
        if i % 2 == 1 {
            doc.rect(MARGIN, y, x0 + tl_w - MARGIN, row, "#f6f6f6", "none", 0.0);
        }
        doc.text(
            x0 - 8.0 - tag_w,
            y + row - 7.0,
            &short(&r.label, chars),
            LABEL_SIZE,
            Anchor::End,
            false,
            "#000000",
        );
        if let Some(tag) = &r.tag {
            doc.text(
                x0 - 8.0,
                y + row - 7.0,
                tag,
                LABEL_SIZE,
                Anchor::End,
                true,
                TIMELINE_DECISION,
            );
        }
        doc.line(
            x0,
            y + row / 2.0,
            x0 + tl_w,
            y + row / 2.0,
            "#d0d0d0",
            1.0,
            "",
        );
    }
    if t.rows.is_empty() {
        doc.text(
            x0 + 8.0,
            plot_top + 15.0,
            &t.empty_text,
            LABEL_SIZE,
            Anchor::Start,
            false,
            "#555555",
        );
    }
    // Events: term ends first, then notice, then decision on top.
    for kind in [EventKind::TermEnd, EventKind::Notice, EventKind::Decision] {
        for (i, r) in t.rows.iter().enumerate() {
            let y = plot_top + i as f64 * row + row / 2.0;
            for e in r.events.iter().filter(|e| e.kind == kind) {
                if e.date < t.start || e.date > t.end {
                    continue;
                }
                let x = x_of(e.date);
                event_mark(&mut doc, e.kind, x, y);
                doc.rect_titled(
                    x - 7.0,
                    y - 7.0,
                    14.0,
                    14.0,
                    "transparent",
                    "none",
                    &e.tooltip,
                );
            }
        }
    }
    let xt = x_of(t.today);
    doc.line(
        xt,
        plot_top - 2.0,
        xt,
        plot_top + plot_h + 4.0,
        "#1565c0",
        2.0,
        "",
    );
    doc.text(
        xt,
        plot_top + plot_h + 18.0,
        &t.today_label,
        LABEL_SIZE,
        Anchor::Middle,
        true,
        "#1565c0",
    );
    let y = plot_top + plot_h + 32.0;
    let (lw, lh) = legend_size(&t.legend);
    draw_legend(&mut doc, MARGIN, y, &t.legend);
    let width = (x0 + tl_w + 16.0)
        .max(MARGIN + lw)
        .max(header_width(&t.title, &t.notes));
    doc.finish(width + MARGIN, y + lh + MARGIN, &t.title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_marks_what_it_cuts() {
        assert_eq!(short("abc", 3), "abc");
        assert_eq!(short("abcd", 3), "ab…");
        assert_eq!(short("a\nb", 5), "a b");
    }
}
