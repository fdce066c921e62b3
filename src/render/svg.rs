//! SVG output: Graphviz when it is installed, the pure-Rust layout of
//! layout-rs otherwise, and a small SVG writer for the charts drawn directly.
//!
//! - [`graphviz_version`] asks `dot -V` once per process; [`graphviz_svg`]
//!   and [`graphviz_png`] run `dot` with the DOT text of a diagram on its
//!   standard input (no temporary file).
//! - [`fallback_svg`] lays a [`Net`] out with layout-rs (no clusters: the
//!   cluster's name becomes the first label line, and the legend says so)
//!   and writes the SVG itself through a `layout::core::format::RenderBackend`,
//!   so that fonts, text colours, escaping and number formatting are the
//!   same as in the charts, and the output is byte-identical across runs.
//! - [`SvgDoc`] writes the hand-drawn charts (`render::chart`) and the
//!   legend of the fallback. Every text goes through [`xml_escape`].
//!
//! Numbers in SVG are written with at most one decimal, so that the same
//! input gives the same bytes on every platform.

use super::dot::{self, Direction, Head, Legend, LegendItem, LineStyle, Net, Shape};
use std::fmt::Write as _;
use std::sync::OnceLock;

/// Which program drew the SVG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Renderer {
    /// The Graphviz `dot` program.
    Graphviz,
    /// The built-in pure-Rust layout (layout-rs).
    LayoutRs,
    /// Drawn directly (charts: Gantt, timeline, bars).
    Direct,
}

impl Renderer {
    pub fn as_str(self) -> &'static str {
        match self {
            Renderer::Graphviz => "graphviz",
            Renderer::LayoutRs => "layout-rs",
            Renderer::Direct => "direct",
        }
    }

    /// A sentence for users: which program drew the SVG.
    pub fn describe(self) -> String {
        match self {
            Renderer::Graphviz => format!(
                "Graphviz `dot` ({})",
                graphviz_version().unwrap_or_else(|| "version unknown".into())
            ),
            Renderer::LayoutRs => {
                "the built-in layout (layout-rs; Graphviz `dot` was not used)".into()
            }
            Renderer::Direct => "exitgraph itself (a chart needs no graph layout)".into(),
        }
    }
}

/// Which renderer to use for graph views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RendererChoice {
    /// Graphviz when `dot` is installed, else the built-in layout.
    #[default]
    Auto,
    /// Graphviz only (an error when `dot` is missing).
    Graphviz,
    /// The built-in layout even when Graphviz is installed.
    Builtin,
}

/// Why an SVG or PNG could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error(
        "the Graphviz `dot` program is not installed; install Graphviz (e.g. `apt-get install graphviz`) or write .svg or .dot"
    )]
    DotMissing,
    #[error("Graphviz `dot` failed: {0}")]
    DotFailed(String),
    #[error("the built-in layout failed: {0}")]
    Layout(String),
}

/// The version line of `dot -V`, or `None` when Graphviz is not installed.
/// Asked once per process.
pub fn graphviz_version() -> Option<String> {
    static VERSION: OnceLock<Option<String>> = OnceLock::new();
    VERSION
        .get_or_init(|| {
            let out = std::process::Command::new("dot").arg("-V").output().ok()?;
            if !out.status.success() {
                return None;
            }
            // `dot -V` writes to stderr: "dot - graphviz version 2.43.0 (0)".
            let text = String::from_utf8_lossy(&out.stderr).trim().to_string();
            let text = if text.is_empty() {
                String::from_utf8_lossy(&out.stdout).trim().to_string()
            } else {
                text
            };
            Some(
                text.strip_prefix("dot - ")
                    .unwrap_or(&text)
                    .lines()
                    .next()
                    .unwrap_or("graphviz")
                    .to_string(),
            )
        })
        .clone()
}

/// Runs `dot -T<format>` with the DOT text on its standard input.
fn run_dot(dot_text: &str, format: &str) -> Result<Vec<u8>, RenderError> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    if graphviz_version().is_none() {
        return Err(RenderError::DotMissing);
    }
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => RenderError::DotMissing,
            _ => RenderError::DotFailed(e.to_string()),
        })?;
    // Write from another thread so that a large output cannot block the
    // writer while `dot` waits for its stdout to be read.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| RenderError::DotFailed("no standard input".into()))?;
    let text = dot_text.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(text.as_bytes()));
    let out = child
        .wait_with_output()
        .map_err(|e| RenderError::DotFailed(e.to_string()))?;
    let written = writer
        .join()
        .map_err(|_| RenderError::DotFailed("writing the DOT text failed".into()))?;
    if !out.status.success() {
        return Err(RenderError::DotFailed(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    written.map_err(|e| RenderError::DotFailed(e.to_string()))?;
    Ok(out.stdout)
}

/// SVG of a DOT text, drawn by Graphviz `dot`.
pub fn graphviz_svg(dot_text: &str) -> Result<String, RenderError> {
    let bytes = run_dot(dot_text, "svg")?;
    String::from_utf8(bytes).map_err(|_| RenderError::DotFailed("output is not UTF-8".into()))
}

/// PNG of a DOT text, drawn by Graphviz `dot` (there is no PNG without it).
pub fn graphviz_png(dot_text: &str) -> Result<Vec<u8>, RenderError> {
    run_dot(dot_text, "png")
}

/// An SVG document ready to be placed inside HTML: the XML declaration, the
/// DOCTYPE and comments removed, and every `id` (and every reference to
/// one: `url(#…)`, `href="#…"`) prefixed, so that several diagrams on one
/// page never share an id. `prefix` must consist of ASCII letters, digits
/// and `-` (anything else is dropped). Model text cannot match the
/// patterns: it is escaped (`"` is written `&quot;`).
pub fn inline(svg: &str, prefix: &str) -> String {
    let prefix: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let body = &svg[svg.find("<svg").unwrap_or(0)..];
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace("url(#", &format!("url(#{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"))
}

/// Text for XML (SVG): see [`crate::render::escape::xml`].
pub use crate::render::escape::xml::text as xml_escape;

/// A number for SVG: at most one decimal, no `-0`.
pub fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    let r = if r == 0.0 || !r.is_finite() { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Estimated width of a text in the diagrams' sans-serif font: 0.6 em per
/// character (Helvetica averages about 0.55 em; the margin keeps labels
/// inside their boxes).
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.6
}

/// Black or white, whichever reads better on a fill colour (`#rrggbb`):
/// white when the fill's relative luminance (WCAG 2.1) is below 0.3.
pub fn text_on(fill: &str) -> &'static str {
    let h = fill.trim_start_matches('#');
    let ch = |i: usize| {
        h.get(i..i + 2)
            .and_then(|x| u8::from_str_radix(x, 16).ok())
            .map(|v| {
                let c = v as f64 / 255.0;
                if c <= 0.03928 {
                    c / 12.92
                } else {
                    ((c + 0.055) / 1.055).powf(2.4)
                }
            })
            .unwrap_or(1.0)
    };
    let l = 0.2126 * ch(0) + 0.7152 * ch(2) + 0.0722 * ch(4);
    if l < 0.3 { "#ffffff" } else { "#000000" }
}

/// A small SVG writer: elements are appended in order, every text escaped.
#[derive(Debug, Default)]
pub struct SvgDoc {
    body: String,
}

/// Anchor of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

impl SvgDoc {
    pub fn new() -> SvgDoc {
        SvgDoc::default()
    }

    /// A rectangle; `stroke` may be `none`.
    #[allow(clippy::too_many_arguments)]
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, stroke: &str, rx: f64) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}"/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            num(rx),
            xml_escape(fill),
            xml_escape(stroke)
        );
    }

    /// A rectangle with a hover text.
    #[allow(clippy::too_many_arguments)]
    pub fn rect_titled(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: &str,
        stroke: &str,
        title: &str,
    ) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}"><title>{}</title></rect>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            xml_escape(fill),
            xml_escape(stroke),
            xml_escape(title)
        );
    }

    /// A straight line; `dash` is an SVG dash array or empty.
    #[allow(clippy::too_many_arguments)]
    pub fn line(
        &mut self,
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        stroke: &str,
        width: f64,
        dash: &str,
    ) {
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{}""#, xml_escape(dash))
        };
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{dash}/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            xml_escape(stroke),
            num(width)
        );
    }

    /// A closed polygon.
    pub fn polygon(&mut self, points: &[(f64, f64)], fill: &str, stroke: &str) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let _ = writeln!(
            self.body,
            r#"<polygon points="{}" fill="{}" stroke="{}"/>"#,
            pts.join(" "),
            xml_escape(fill),
            xml_escape(stroke)
        );
    }

    /// An ellipse.
    #[allow(clippy::too_many_arguments)]
    pub fn ellipse(&mut self, cx: f64, cy: f64, rx: f64, ry: f64, fill: &str, stroke: &str) {
        let _ = writeln!(
            self.body,
            r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="{}" stroke="{}"/>"#,
            num(cx),
            num(cy),
            num(rx),
            num(ry),
            xml_escape(fill),
            xml_escape(stroke)
        );
    }

    /// One line of text at a baseline.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        x: f64,
        y: f64,
        s: &str,
        size: f64,
        anchor: Anchor,
        bold: bool,
        fill: &str,
    ) {
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="{}"{weight} fill="{}">{}</text>"#,
            num(x),
            num(y),
            num(size),
            anchor.as_str(),
            xml_escape(fill),
            xml_escape(&s.replace('\n', " "))
        );
    }

    /// Raw, already valid SVG markup written by this crate (never model text).
    fn raw(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    /// The document: an `<svg>` root of the given size on a white background.
    pub fn finish(self, width: f64, height: f64, title: &str) -> String {
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}">"#,
            xml_escape(dot::FONT),
            w = num(width.ceil()),
            h = num(height.ceil()),
        );
        let _ = writeln!(out, "<title>{}</title>", xml_escape(title));
        out.push_str(
            "<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/></marker>\
             <marker id=\"open\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"white\" stroke=\"context-stroke\"/></marker></defs>\n",
        );
        let _ = writeln!(
            out,
            r#"<rect x="0" y="0" width="{}" height="{}" fill="white"/>"#,
            num(width.ceil()),
            num(height.ceil())
        );
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

// ---- title, notes and legend blocks shared by the fallback and the charts ----

/// Font sizes of the drawn parts.
pub const TITLE_SIZE: f64 = 16.0;
pub const NOTE_SIZE: f64 = 11.0;
pub const LABEL_SIZE: f64 = 11.0;

/// Draws the title and notes at the top; returns the height used.
pub fn draw_header(doc: &mut SvgDoc, x: f64, title: &str, notes: &[String]) -> f64 {
    let mut y = 8.0 + TITLE_SIZE;
    doc.text(x, y, title, TITLE_SIZE, Anchor::Start, true, "#000000");
    y += 6.0;
    for n in notes {
        y += NOTE_SIZE + 4.0;
        doc.text(x, y, n, NOTE_SIZE, Anchor::Start, false, "#333333");
    }
    y + 10.0
}

/// Width of the header block.
pub fn header_width(title: &str, notes: &[String]) -> f64 {
    let t = text_width(title, TITLE_SIZE);
    notes
        .iter()
        .map(|n| text_width(n, NOTE_SIZE))
        .fold(t, f64::max)
        + 16.0
}

const LEGEND_ROW: f64 = 18.0;
const LEGEND_SAMPLE: f64 = 34.0;

/// Size of a legend block (width, height).
pub fn legend_size(legend: &Legend) -> (f64, f64) {
    if legend.sections.is_empty() {
        return (0.0, 0.0);
    }
    let mut h = 10.0 + LEGEND_ROW;
    let mut w = text_width(&legend.title, 12.0);
    for s in &legend.sections {
        h += LEGEND_ROW;
        w = w.max(text_width(&s.heading, LABEL_SIZE));
        for item in &s.items {
            h += LEGEND_ROW;
            let label = match item {
                LegendItem::Swatch { label, .. } | LegendItem::Line { label, .. } => {
                    LEGEND_SAMPLE + 8.0 + text_width(label, LABEL_SIZE)
                }
                LegendItem::Text(t) => text_width(t, LABEL_SIZE),
            };
            w = w.max(label);
        }
    }
    (w + 24.0, h + 6.0)
}

/// Draws a legend block with its top left corner at (x, y).
pub fn draw_legend(doc: &mut SvgDoc, x: f64, y: f64, legend: &Legend) {
    let (w, h) = legend_size(legend);
    if w == 0.0 {
        return;
    }
    doc.rect(x, y, w, h, "#ffffff", "#999999", 6.0);
    let x0 = x + 12.0;
    let mut cy = y + 10.0 + 12.0;
    doc.text(x0, cy, &legend.title, 12.0, Anchor::Start, true, "#000000");
    for s in &legend.sections {
        cy += LEGEND_ROW;
        doc.text(
            x0,
            cy,
            &s.heading,
            LABEL_SIZE,
            Anchor::Start,
            true,
            "#333333",
        );
        for item in &s.items {
            cy += LEGEND_ROW;
            match item {
                LegendItem::Swatch { fill, shape, label } => {
                    match shape {
                        Shape::Ellipse => doc.ellipse(
                            x0 + LEGEND_SAMPLE / 2.0,
                            cy - 4.0,
                            LEGEND_SAMPLE / 2.0 - 2.0,
                            6.5,
                            fill,
                            "#666666",
                        ),
                        Shape::Box | Shape::Octagon => doc.rect(
                            x0,
                            cy - 11.0,
                            LEGEND_SAMPLE - 4.0,
                            13.0,
                            fill,
                            "#666666",
                            3.0,
                        ),
                        Shape::Diamond => {
                            let (x, y) = (x0 + LEGEND_SAMPLE / 2.0 - 2.0, cy - 4.5);
                            doc.polygon(
                                &[(x, y - 6.0), (x + 6.0, y), (x, y + 6.0), (x - 6.0, y)],
                                fill,
                                "none",
                            )
                        }
                        Shape::Triangle => {
                            let (x, y) = (x0 + LEGEND_SAMPLE / 2.0 - 2.0, cy - 4.5);
                            doc.polygon(
                                &[(x, y - 6.0), (x + 6.0, y + 5.0), (x - 6.0, y + 5.0)],
                                fill,
                                "none",
                            )
                        }
                        Shape::Square => {
                            let (x, y) = (x0 + LEGEND_SAMPLE / 2.0 - 2.0, cy - 4.5);
                            doc.rect(x - 4.5, y - 4.5, 9.0, 9.0, fill, "none", 0.0)
                        }
                    }
                    doc.text(
                        x0 + LEGEND_SAMPLE + 8.0,
                        cy,
                        label,
                        LABEL_SIZE,
                        Anchor::Start,
                        false,
                        "#000000",
                    );
                }
                LegendItem::Line {
                    style,
                    colour,
                    head,
                    width,
                    label,
                } => {
                    let dash = dash_of(*style);
                    let marker = match marker_of(*head) {
                        Some(m) => format!(r#" marker-end="url(#{m})""#),
                        None => String::new(),
                    };
                    let dash_attr = if dash.is_empty() {
                        String::new()
                    } else {
                        format!(r#" stroke-dasharray="{dash}""#)
                    };
                    doc.raw(&format!(
                        r#"<path d="M{} {} L{} {}" stroke="{}" stroke-width="{}" fill="none"{dash_attr}{marker}/>
"#,
                        num(x0),
                        num(cy - 4.0),
                        num(x0 + LEGEND_SAMPLE - 6.0),
                        num(cy - 4.0),
                        xml_escape(colour),
                        num(*width as f64)
                    ));
                    doc.text(
                        x0 + LEGEND_SAMPLE + 8.0,
                        cy,
                        label,
                        LABEL_SIZE,
                        Anchor::Start,
                        false,
                        "#000000",
                    );
                }
                LegendItem::Text(t) => {
                    doc.text(x0, cy, t, LABEL_SIZE, Anchor::Start, false, "#000000");
                }
            }
        }
    }
}

fn dash_of(style: LineStyle) -> &'static str {
    match style {
        LineStyle::Solid => "",
        LineStyle::Dashed => "6,4",
        LineStyle::Dotted => "2,3",
    }
}

fn marker_of(head: Head) -> Option<&'static str> {
    match head {
        Head::Normal => Some("head"),
        Head::Empty => Some("open"),
        Head::None => None,
    }
}

// ---- the fallback: layout-rs places, this module draws ----

use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

/// Font size of node labels in the fallback.
const NODE_FONT: f64 = 11.0;

/// Draws what layout-rs placed. Node and edge details come from the net
/// through the `properties` string layout-rs hands back (`n<index>` or
/// `e<index>`); text colour is chosen from the fill it is drawn on.
struct Canvas<'n> {
    net: &'n Net,
    body: String,
    width: f64,
    height: f64,
}

impl Canvas<'_> {
    fn grow(&mut self, x: f64, y: f64) {
        self.width = self.width.max(x);
        self.height = self.height.max(y);
    }

    fn node_of(&self, properties: &Option<String>) -> Option<&dot::NetNode> {
        properties
            .as_deref()
            .and_then(|p| p.strip_prefix('n'))
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| self.net.nodes.get(i))
    }

    fn edge_of(&self, properties: &Option<String>) -> Option<&dot::NetEdge> {
        properties
            .as_deref()
            .and_then(|p| p.strip_prefix('e'))
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| self.net.edges.get(i))
    }
}

fn web(c: &Color) -> String {
    // layout-rs writes #rrggbbaa; the first six digits are the colour.
    let w = c.to_web_color();
    w.get(0..7).unwrap_or("#000000").to_string()
}

impl RenderBackend for Canvas<'_> {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        self.grow(xy.x + size.x, xy.y + size.y);
        let node = self.node_of(&properties);
        let fill = look.fill_color.map(|c| web(&c)).unwrap_or("none".into());
        let stroke = web(&look.line_color);
        let title = node
            .map(|n| format!("<title>{}</title>", xml_escape(&n.tooltip)))
            .unwrap_or_default();
        if node.is_some_and(|n| n.shape == Shape::Octagon) {
            // An octagon inside the box layout-rs reserved.
            let c = (size.x.min(size.y) * 0.29).min(12.0);
            let (x0, y0, x1, y1) = (xy.x, xy.y, xy.x + size.x, xy.y + size.y);
            let pts = [
                (x0 + c, y0),
                (x1 - c, y0),
                (x1, y0 + c),
                (x1, y1 - c),
                (x1 - c, y1),
                (x0 + c, y1),
                (x0, y1 - c),
                (x0, y0 + c),
            ];
            let pts: Vec<String> = pts
                .iter()
                .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
                .collect();
            let _ = writeln!(
                self.body,
                r#"<polygon points="{}" fill="{fill}" stroke="{stroke}" stroke-width="{}">{title}</polygon>"#,
                pts.join(" "),
                look.line_width
            );
            return;
        }
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}" stroke="{stroke}" stroke-width="{}">{title}</rect>"#,
            num(xy.x),
            num(xy.y),
            num(size.x),
            num(size.y),
            look.rounded,
            look.line_width
        );
    }

    fn draw_line(
        &mut self,
        start: Point,
        stop: Point,
        look: &StyleAttr,
        _properties: Option<String>,
    ) {
        self.grow(start.x.max(stop.x), start.y.max(stop.y));
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
            num(start.x),
            num(start.y),
            num(stop.x),
            num(stop.y),
            web(&look.line_color),
            look.line_width
        );
    }

    fn draw_circle(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        properties: Option<String>,
    ) {
        self.grow(xy.x + size.x / 2.0, xy.y + size.y / 2.0);
        let title = self
            .node_of(&properties)
            .map(|n| format!("<title>{}</title>", xml_escape(&n.tooltip)))
            .unwrap_or_default();
        let fill = look.fill_color.map(|c| web(&c)).unwrap_or("none".into());
        let _ = writeln!(
            self.body,
            r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}" fill="{fill}" stroke="{}" stroke-width="{}">{title}</ellipse>"#,
            num(xy.x),
            num(xy.y),
            num(size.x / 2.0),
            num(size.y / 2.0),
            web(&look.line_color),
            look.line_width
        );
    }

    fn draw_text(&mut self, xy: Point, text: &str, look: &StyleAttr) {
        let fill = look
            .fill_color
            .map(|c| text_on(&web(&c)))
            .unwrap_or("#333333");
        let lines: Vec<&str> = text.lines().collect();
        let size = look.font_size as f64;
        let line_h = size * 1.2;
        let top = xy.y - line_h * (lines.len() as f64 - 1.0) / 2.0 + size * 0.35;
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="{fill}">"#,
            num(xy.x),
            num(top),
            num(size)
        );
        for (i, l) in lines.iter().enumerate() {
            let _ = write!(
                self.body,
                r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                num(xy.x),
                if i == 0 { "0".to_string() } else { num(line_h) },
                xml_escape(l)
            );
        }
        self.body.push_str("</text>\n");
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        properties: Option<String>,
        text: &str,
    ) {
        if path.len() < 2 {
            return;
        }
        for (a, b) in path {
            self.grow(a.x.max(b.x), a.y.max(b.y));
        }
        let edge = self.edge_of(&properties);
        let mut d = format!(
            "M{} {} C{} {}, {} {}, {} {}",
            num(path[0].0.x),
            num(path[0].0.y),
            num(path[0].1.x),
            num(path[0].1.y),
            num(path[1].0.x),
            num(path[1].0.y),
            num(path[1].1.x),
            num(path[1].1.y)
        );
        for p in path.iter().skip(2) {
            let _ = write!(
                d,
                " S{} {}, {} {}",
                num(p.0.x),
                num(p.0.y),
                num(p.1.x),
                num(p.1.y)
            );
        }
        let dash = edge.map(|e| dash_of(e.style)).unwrap_or("");
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{dash}""#)
        };
        let marker = match marker_of(edge.map(|e| e.head).unwrap_or(Head::Normal)) {
            Some(m) if head.1 => format!(r#" marker-end="url(#{m})""#),
            _ => String::new(),
        };
        let _ = writeln!(
            self.body,
            r#"<path d="{d}" stroke="{}" stroke-width="{}" fill="none"{dash}{marker}/>"#,
            web(&look.line_color),
            look.line_width
        );
        if !text.is_empty() {
            // layout-rs hands edge labels to draw_text through a connector;
            // a label arriving here is drawn at the curve's middle point.
            let mid = path[path.len() / 2].0;
            self.draw_text(mid, text, look);
        }
    }

    fn create_clip(&mut self, _xy: Point, _size: Point, _rounded_px: usize) -> ClipHandle {
        0
    }
}

/// Node label lines as the fallback shows them: the cluster's name first
/// when the net asks for it.
fn fallback_label(net: &Net, i: usize) -> String {
    let n = &net.nodes[i];
    let mut lines = Vec::new();
    if net.fallback_cluster_note.is_some()
        && let Some(c) = n.cluster.and_then(|c| net.clusters.get(c))
    {
        lines.push(format!("[{}]", short(&c.label, 30)));
    }
    lines.extend(n.lines.iter().cloned());
    lines.join("\n")
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Lays a net out with layout-rs and draws it with the title, the notes
/// and the legend. layout-rs checks its invariants with assertions; a
/// failure there is caught and reported instead of ending the program.
pub fn fallback_svg(net: &Net) -> Result<String, RenderError> {
    let (gw, gh, body) = if net.nodes.is_empty() {
        (0.0, 0.0, String::new())
    } else {
        let placed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| layout_body(net)));
        placed.map_err(|p| {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "internal error".into());
            RenderError::Layout(msg)
        })?
    };
    let mut doc = SvgDoc::new();
    let margin = 12.0;
    let top = draw_header(&mut doc, margin, &net.title, &net.notes);
    doc.raw(&format!(
        "<g transform=\"translate({},{})\">\n{body}</g>\n",
        num(margin),
        num(top)
    ));
    let mut legend = net.legend.clone();
    if let (Some(note), Some(last), false) = (
        &net.fallback_cluster_note,
        legend.sections.last_mut(),
        net.clusters.is_empty(),
    ) {
        last.items.push(LegendItem::Text(note.clone()));
    }
    let (lw, lh) = legend_size(&legend);
    let legend_y = top + gh + 16.0;
    draw_legend(&mut doc, margin, legend_y, &legend);
    let width = (margin + gw)
        .max(margin + lw)
        .max(header_width(&net.title, &net.notes))
        + margin;
    let height = legend_y + lh + margin;
    Ok(doc.finish(width, height, &net.title))
}

/// The size, shape and style of a node as the fallback draws it.
fn fallback_node(net: &Net, i: usize) -> (f64, f64, ShapeKind, StyleAttr) {
    let n = &net.nodes[i];
    let label = fallback_label(net, i);
    let lines = label.lines().count().max(1) as f64;
    let widest = label
        .lines()
        .map(|l| text_width(l, NODE_FONT))
        .fold(0.0, f64::max);
    let (w, h, shape, rounded) = match n.shape {
        Shape::Box => (
            widest + 16.0,
            lines * NODE_FONT * 1.2 + 10.0,
            ShapeKind::Box(label),
            6,
        ),
        Shape::Octagon | Shape::Diamond | Shape::Triangle | Shape::Square => (
            widest + 24.0,
            lines * NODE_FONT * 1.2 + 14.0,
            ShapeKind::Box(label),
            0,
        ),
        Shape::Ellipse => (
            widest * 1.25 + 16.0,
            lines * NODE_FONT * 1.2 + 16.0,
            ShapeKind::Circle(label),
            0,
        ),
    };
    let look = StyleAttr::new(
        Color::fast(if n.strong { "#333333" } else { "#666666" }),
        if n.strong { 2 } else { 1 },
        Some(Color::fast(n.fill)),
        rounded,
        NODE_FONT as usize,
    );
    (w, h, shape, look)
}

/// Lays out the nodes that have edges with layout-rs, and puts the nodes
/// without any edge in rows below them (layout-rs would stack them all in
/// its first rank, making the picture very tall).
fn layout_body(net: &Net) -> (f64, f64, String) {
    // layout-rs has no right-to-left: such graphs are drawn left to right.
    let dir = match net.direction {
        Direction::LeftToRight | Direction::RightToLeft => Orientation::LeftToRight,
        Direction::TopToBottom => Orientation::TopToBottom,
    };
    let mut linked = vec![false; net.nodes.len()];
    for e in &net.edges {
        if e.from != e.to {
            linked[e.from] = true;
            linked[e.to] = true;
        }
    }
    let mut canvas = Canvas {
        net,
        body: String::new(),
        width: 0.0,
        height: 0.0,
    };
    if linked.iter().any(|x| *x) {
        let mut vg = VisualGraph::new(dir);
        let mut handles = vec![None; net.nodes.len()];
        for i in (0..net.nodes.len()).filter(|i| linked[*i]) {
            let (w, h, shape, look) = fallback_node(net, i);
            // Sizes are given upright; the element gets the turned
            // orientation, as layout-rs's own DOT builder does.
            let el = Element::create_with_properties(
                shape,
                look,
                dir.flip(),
                Point::new(w, h),
                format!("n{i}"),
            );
            handles[i] = Some(vg.add_node(el));
        }
        for (i, e) in net.edges.iter().enumerate() {
            let (Some(a), Some(b)) = (handles[e.from], handles[e.to]) else {
                continue;
            };
            if e.from == e.to {
                continue;
            }
            let look = StyleAttr::new(Color::fast(e.colour), e.width as usize, None, 0, 10);
            let style = match e.style {
                LineStyle::Solid => LineStyleKind::Normal,
                LineStyle::Dashed => LineStyleKind::Dashed,
                LineStyle::Dotted => LineStyleKind::Dotted,
            };
            let arrow = Arrow::with_properties(
                LineEndKind::None,
                LineEndKind::Arrow,
                style,
                e.label.as_deref().unwrap_or(""),
                &look,
                format!("e{i}"),
                &None,
                &None,
            );
            vg.add_edge(arrow, a, b);
        }
        vg.do_it(false, false, false, &mut canvas);
    }
    // Nodes without edges: in rows, as wide as the graph (at least 900).
    let row_width = canvas.width.max(900.0);
    let (mut x, mut y) = (
        0.0,
        canvas.height + if canvas.height > 0.0 { 24.0 } else { 0.0 },
    );
    let mut row_h: f64 = 0.0;
    for i in (0..net.nodes.len()).filter(|i| !linked[*i]) {
        let (w, h, shape, look) = fallback_node(net, i);
        if x > 0.0 && x + w > row_width {
            x = 0.0;
            y += row_h + 12.0;
            row_h = 0.0;
        }
        let props = Some(format!("n{i}"));
        match &shape {
            ShapeKind::Circle(label) => {
                canvas.draw_circle(
                    Point::new(x + w / 2.0, y + h / 2.0),
                    Point::new(w, h),
                    &look,
                    props,
                );
                canvas.draw_text(Point::new(x + w / 2.0, y + h / 2.0), label, &look);
            }
            ShapeKind::Box(label) => {
                canvas.draw_rect(Point::new(x, y), Point::new(w, h), &look, props, None);
                canvas.draw_text(Point::new(x + w / 2.0, y + h / 2.0), label, &look);
            }
            _ => {}
        }
        x += w + 12.0;
        row_h = row_h.max(h);
    }
    (canvas.width, canvas.height, canvas.body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_one_decimal_and_no_negative_zero() {
        assert_eq!(num(1.26), "1.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn text_colour_follows_the_fill() {
        assert_eq!(text_on("#bd0026"), "#ffffff");
        assert_eq!(text_on("#ffffb2"), "#000000");
        assert_eq!(text_on("#e0e0e0"), "#000000");
    }

    #[test]
    fn inline_strips_the_prolog_and_prefixes_ids() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- a&#45;&gt;b -->\n<svg><g id=\"node1\"><path marker-end=\"url(#head)\"/><a href=\"#node1\">x</a></g><!-- c --></svg>\n";
        assert_eq!(
            inline(svg, "d1-"),
            "<svg><g id=\"d1-node1\"><path marker-end=\"url(#d1-head)\"/><a href=\"#d1-node1\">x</a></g></svg>\n"
        );
        assert!(
            inline(svg, "<x\">").contains("id=\"xnode1\""),
            "unsafe prefix characters dropped"
        );
    }
}
