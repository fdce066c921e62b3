//! DOT text for the graph diagrams, built with graphviz-rust.
//!
//! The diagram views (`render::diagram`) describe what to draw as a [`Net`]:
//! nodes with their label lines, fill colour, shape and cluster, edges with
//! their line style, and a [`Legend`]. [`to_dot`] turns a net into DOT for
//! Graphviz; `render::svg` lays the same net out with the pure-Rust
//! fallback when Graphviz is not installed. Nothing here computes a number.
//!
//! graphviz-rust prints ids and attribute values exactly as given: it neither
//! quotes nor escapes. Every id and every value therefore goes through
//! [`quote`] (`render::escape::dot`), which cleans model text first.

pub use crate::render::escape::dot::{html_text, quote};

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// Font of every text in the diagrams (Graphviz maps it through fontconfig;
/// SVG viewers fall back to their sans-serif font).
pub const FONT: &str = "Helvetica,Arial,sans-serif";

/// What to draw: a graph of nodes and edges, independent of the renderer.
#[derive(Clone, Debug, Default)]
pub struct Net {
    /// The graph's DOT id (the view's name).
    pub name: String,
    /// Shown at the top.
    pub title: String,
    /// Lines under the title: scope, roll-up and focus notes.
    pub notes: Vec<String>,
    /// Which way edges point.
    pub direction: Direction,
    pub clusters: Vec<Cluster>,
    pub nodes: Vec<NetNode>,
    pub edges: Vec<NetEdge>,
    pub legend: Legend,
    /// The fallback renderer cannot draw clusters: when this is set, it
    /// writes the cluster's label as the first line of each member node and
    /// adds this sentence to the legend.
    pub fallback_cluster_note: Option<String>,
    /// Lay out the connected parts separately and pack them in rows
    /// (Graphviz `pack`): keeps unconnected nodes from forming one long
    /// column. Only for nets without clusters, which packing could split.
    pub pack: bool,
}

/// Which way the ranks of a graph run (edges point from a dependent to
/// what it relies on).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    #[default]
    LeftToRight,
    /// Right to left: what is relied on comes first (left).
    RightToLeft,
    TopToBottom,
}

impl Direction {
    fn dot(self) -> &'static str {
        match self {
            Direction::LeftToRight => "LR",
            Direction::RightToLeft => "RL",
            Direction::TopToBottom => "TB",
        }
    }
}

/// A group of nodes drawn as a box around them.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub label: String,
    pub fill: &'static str,
    pub border: &'static str,
}

/// Node shapes (all of them drawable by both renderers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A rounded box: systems.
    Box,
    /// An ellipse: services.
    Ellipse,
    /// An octagon: vendors.
    Octagon,
    /// Marks of the timeline (legends of charts).
    Diamond,
    Triangle,
    Square,
}

/// One node.
#[derive(Clone, Debug, PartialEq)]
pub struct NetNode {
    /// Unique key, used as the DOT id (quoted).
    pub key: String,
    /// Label lines, already shortened for display.
    pub lines: Vec<String>,
    /// The full text, shown on hover.
    pub tooltip: String,
    pub cluster: Option<usize>,
    pub fill: &'static str,
    pub font: &'static str,
    pub shape: Shape,
    /// A thicker, dark border (folded groups, cut elements).
    pub strong: bool,
}

/// Line style of an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LineStyle {
    Solid,
    Dashed,
    Dotted,
}

impl LineStyle {
    fn dot(self) -> &'static str {
        match self {
            LineStyle::Solid => "solid",
            LineStyle::Dashed => "dashed",
            LineStyle::Dotted => "dotted",
        }
    }
}

/// Arrow head of an edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Head {
    /// A filled arrow.
    Normal,
    /// An open (hollow) arrow.
    Empty,
    /// No arrow head.
    None,
}

impl Head {
    fn dot(self) -> &'static str {
        match self {
            Head::Normal => "normal",
            Head::Empty => "empty",
            Head::None => "none",
        }
    }
}

/// One edge, between node positions of [`Net::nodes`].
#[derive(Clone, Debug, PartialEq)]
pub struct NetEdge {
    pub from: usize,
    pub to: usize,
    pub style: LineStyle,
    pub colour: &'static str,
    pub head: Head,
    /// Line width in points (1 or more).
    pub width: u8,
    pub label: Option<String>,
}

/// The legend of a diagram: sections of swatches, lines and texts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Legend {
    pub title: String,
    pub sections: Vec<LegendSection>,
}

/// One section of a legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendSection {
    pub heading: String,
    pub items: Vec<LegendItem>,
}

/// One entry of a legend.
#[derive(Clone, Debug, PartialEq)]
pub enum LegendItem {
    /// A filled shape and what its colour means.
    Swatch {
        fill: &'static str,
        shape: Shape,
        label: String,
    },
    /// An edge sample and what it means.
    Line {
        style: LineStyle,
        colour: &'static str,
        head: Head,
        width: u8,
        label: String,
    },
    /// A line of text.
    Text(String),
}

fn id(s: &str) -> Id {
    Id::Escaped(quote(s))
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), id(v))
}

fn attr_num(k: &str, v: impl std::fmt::Display) -> Attribute {
    Attribute(Id::Plain(k.to_string()), Id::Plain(v.to_string()))
}

fn node_id(key: &str) -> NodeId {
    NodeId(id(key), None)
}

fn shape_attrs(shape: Shape) -> Vec<Attribute> {
    match shape {
        Shape::Box => vec![attr("shape", "box"), attr("style", "filled,rounded")],
        Shape::Ellipse => vec![attr("shape", "ellipse"), attr("style", "filled")],
        Shape::Octagon => vec![attr("shape", "octagon"), attr("style", "filled")],
        Shape::Diamond => vec![attr("shape", "diamond"), attr("style", "filled")],
        Shape::Triangle => vec![attr("shape", "triangle"), attr("style", "filled")],
        Shape::Square => vec![attr("shape", "square"), attr("style", "filled")],
    }
}

fn node_stmt(n: &NetNode) -> Stmt {
    let mut attrs = vec![attr("label", &n.lines.join("\n"))];
    attrs.extend(shape_attrs(n.shape));
    attrs.push(attr("fillcolor", n.fill));
    attrs.push(attr("fontcolor", n.font));
    if n.strong {
        attrs.push(attr("color", "#333333"));
        attrs.push(attr_num("penwidth", 2));
    }
    attrs.push(attr("tooltip", &n.tooltip));
    Stmt::Node(Node::new(node_id(&n.key), attrs))
}

fn edge_attrs(
    style: LineStyle,
    colour: &str,
    head: Head,
    width: u8,
    label: Option<&str>,
) -> Vec<Attribute> {
    let mut attrs = Vec::new();
    if style != LineStyle::Solid {
        attrs.push(attr("style", style.dot()));
    }
    attrs.push(attr("color", colour));
    if head != Head::Normal {
        attrs.push(attr("arrowhead", head.dot()));
    }
    if width > 1 {
        attrs.push(attr_num("penwidth", width));
    }
    if let Some(l) = label {
        attrs.push(attr("label", l));
        attrs.push(attr("fontcolor", colour));
    }
    attrs
}

fn edge_stmt(from: &str, to: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(from)), Vertex::N(node_id(to))),
        attributes: attrs,
    })
}

/// The graph's label: title and notes, each line left-aligned (`\l`).
fn title_label(net: &Net) -> String {
    // Built from quoted pieces: `\l` must reach Graphviz unescaped, so the
    // lines are escaped one by one and joined with the raw `\l`.
    let mut out = String::from("\"");
    for line in std::iter::once(&net.title).chain(net.notes.iter()) {
        let q = quote(&line.replace('\n', " "));
        out.push_str(&q[1..q.len() - 1]);
        out.push_str("\\l");
    }
    out.push('"');
    out
}

/// A line sample for the HTML-like legend table, drawn with box-drawing
/// glyphs in the line's colour (Graphviz cannot draw an edge inside a
/// table; glyphs keep the legend one compact node).
fn line_glyphs(style: LineStyle, head: Head, width: u8) -> String {
    let body = match (style, width > 1) {
        (LineStyle::Solid, false) => "──────",
        (LineStyle::Solid, true) => "━━━━━",
        (LineStyle::Dashed, false) => "─ ─ ─ ",
        (LineStyle::Dashed, true) => "╍╍╍╍╍",
        (LineStyle::Dotted, _) => "· · · · · ",
    };
    let tip = match head {
        Head::Normal => "▶",
        Head::Empty => "▷",
        Head::None => "",
    };
    if width > 1 {
        format!("<b>{body}{tip}</b>")
    } else {
        format!("{body}{tip}")
    }
}

/// The legend as one Graphviz node: an HTML-like table of swatches, line
/// samples and texts.
fn legend_node(legend: &Legend) -> Option<Stmt> {
    if legend.sections.is_empty() {
        return None;
    }
    let mut table = String::from(
        "<<table border=\"1\" style=\"rounded\" color=\"#999999\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"3\">",
    );
    table.push_str(&format!(
        "<tr><td colspan=\"2\" align=\"left\"><font point-size=\"12\"><b>{}</b></font></td></tr>",
        html_text(&legend.title)
    ));
    for section in &legend.sections {
        table.push_str(&format!(
            "<tr><td colspan=\"2\" align=\"left\"><b>{}</b></td></tr>",
            html_text(&section.heading)
        ));
        for item in &section.items {
            match item {
                LegendItem::Swatch { fill, shape, label } => {
                    let sample = match shape {
                        Shape::Box | Shape::Ellipse => format!(
                            "<td bgcolor=\"{}\" border=\"1\" style=\"rounded\" width=\"30\" height=\"14\"></td>",
                            html_text(fill)
                        ),
                        Shape::Octagon => format!(
                            "<td bgcolor=\"{}\" border=\"1\" width=\"30\" height=\"14\"></td>",
                            html_text(fill)
                        ),
                        Shape::Diamond | Shape::Triangle | Shape::Square => format!(
                            "<td align=\"center\"><font color=\"{}\">{}</font></td>",
                            html_text(fill),
                            match shape {
                                Shape::Diamond => "◆",
                                Shape::Triangle => "▲",
                                _ => "■",
                            }
                        ),
                    };
                    table.push_str(&format!(
                        "<tr>{sample}<td align=\"left\">{}</td></tr>",
                        html_text(label)
                    ));
                }
                LegendItem::Line {
                    style,
                    colour,
                    head,
                    width,
                    label,
                } => {
                    table.push_str(&format!(
                        "<tr><td align=\"left\"><font color=\"{}\">{}</font></td><td align=\"left\">{}</td></tr>",
                        html_text(colour),
                        line_glyphs(*style, *head, *width),
                        html_text(label)
                    ));
                }
                LegendItem::Text(t) => {
                    table.push_str(&format!(
                        "<tr><td colspan=\"2\" align=\"left\">{}</td></tr>",
                        html_text(t)
                    ));
                }
            }
        }
    }
    table.push_str("</table>>");
    Some(Stmt::Node(Node::new(
        node_id("legend"),
        vec![
            attr("shape", "plain"),
            attr("style", ""),
            attr_num("fontsize", 10),
            Attribute(Id::Plain("label".into()), Id::Html(table)),
        ],
    )))
}

/// Invisible edges that arrange the unconnected nodes of each cluster in
/// rows of about the square root of their number: without them Graphviz
/// puts all of them into one rank, a long column. Unclustered unconnected
/// nodes are left to `pack` when the net packs.
fn grid_edges(net: &Net) -> Vec<Stmt> {
    let mut linked = vec![false; net.nodes.len()];
    for e in &net.edges {
        linked[e.from] = true;
        linked[e.to] = true;
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); net.clusters.len() + 1];
    for (i, n) in net.nodes.iter().enumerate() {
        if !linked[i] {
            match n.cluster {
                Some(c) if c < net.clusters.len() => groups[c].push(i),
                None if !net.pack => groups[net.clusters.len()].push(i),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for g in groups.iter().filter(|g| g.len() > 4) {
        let cols = (g.len() as f64).sqrt().ceil() as usize;
        for row in g.chunks(cols) {
            for pair in row.windows(2) {
                out.push(edge_stmt(
                    &net.nodes[pair[0]].key,
                    &net.nodes[pair[1]].key,
                    vec![attr("style", "invis")],
                ));
            }
        }
    }
    out
}

/// The DOT text of a net: clusters, nodes, edges, then the legend cluster.
/// Deterministic: statements follow the order of the net's vectors.
pub fn to_dot(net: &Net) -> String {
    let mut graph_attrs = vec![
        attr("rankdir", net.direction.dot()),
        attr("fontname", FONT),
        attr_num("fontsize", 16),
        attr("labelloc", "t"),
        attr("labeljust", "l"),
        Attribute(Id::Plain("label".into()), Id::Escaped(title_label(net))),
        attr_num("nodesep", 0.25),
        attr_num("ranksep", 0.5),
        attr("bgcolor", "white"),
        attr("tooltip", &net.title),
    ];
    if !net.clusters.is_empty() {
        // Graphviz's default ranking fails on some clustered graphs with
        // edges between clusters ("trouble in init_rank", Graphviz 2.43);
        // the global ranking lays them out.
        graph_attrs.push(attr("newrank", "true"));
    }
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph_attrs)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", FONT),
            attr_num("fontsize", 11),
            attr("color", "#666666"),
            attr_num("margin", "\"0.12,0.06\""),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr_num("fontsize", 9),
            attr_num("arrowsize", 0.7),
        ])),
    ];
    if net.pack && net.clusters.is_empty() {
        stmts.push(Stmt::Attribute(attr("pack", "true")));
        stmts.push(Stmt::Attribute(attr("packmode", "array_u")));
    }
    for (ci, c) in net.clusters.iter().enumerate() {
        let mut body = vec![
            Stmt::Attribute(attr("label", &c.label)),
            Stmt::Attribute(attr("style", "filled,rounded")),
            Stmt::Attribute(attr("fillcolor", c.fill)),
            Stmt::Attribute(attr("color", c.border)),
            Stmt::Attribute(attr_num("fontsize", 12)),
            Stmt::Attribute(attr("labeljust", "l")),
        ];
        body.extend(
            net.nodes
                .iter()
                .filter(|n| n.cluster == Some(ci))
                .map(node_stmt),
        );
        stmts.push(Stmt::Subgraph(Subgraph {
            id: id(&format!("cluster_{ci}")),
            stmts: body,
        }));
    }
    stmts.extend(
        net.nodes
            .iter()
            .filter(|n| n.cluster.is_none())
            .map(node_stmt),
    );
    stmts.extend(grid_edges(net));
    for e in &net.edges {
        stmts.push(edge_stmt(
            &net.nodes[e.from].key,
            &net.nodes[e.to].key,
            edge_attrs(e.style, e.colour, e.head, e.width, e.label.as_deref()),
        ));
    }
    if let Some(l) = legend_node(&net.legend) {
        stmts.push(l);
    }
    let graph = Graph::DiGraph {
        id: id(&net.name),
        strict: false,
        stmts,
    };
    let mut ctx = PrinterContext::default();
    ctx.with_semi();
    let mut out = graph.print(&mut ctx);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_strings_are_cut_below_graphviz_limit() {
        let q = quote(&"&\\\"x".repeat(10_000));
        assert!(q.len() <= 16_384, "{}", q.len());
        assert!(q.ends_with("…\""));
        // No escape is cut in half: no odd run of backslashes before the end.
        let body = q.trim_end_matches("…\"");
        let slashes = body.len() - body.trim_end_matches('\\').len();
        assert_eq!(slashes % 2, 0, "{}", &body[body.len() - 20..]);
    }

    #[test]
    fn to_dot_quotes_every_id_and_value() {
        let net = Net {
            name: "t\"x".into(),
            title: "T\\".into(),
            nodes: vec![NetNode {
                key: "s:a".into(),
                lines: vec!["A \"q\"".into(), "{x|y}".into()],
                tooltip: "<t>".into(),
                cluster: None,
                fill: "#ffffff",
                font: "#000000",
                shape: Shape::Box,
                strong: false,
            }],
            ..Net::default()
        };
        let dot = to_dot(&net);
        assert!(dot.starts_with("digraph \"t\\\"x\" {"), "{dot}");
        assert!(
            dot.contains("\"s:a\"[label=\"A \\\"q\\\"\\n{x|y}\""),
            "{dot}"
        );
        assert!(dot.contains("label=\"T\\\\\\l\""), "{dot}");
    }
}
