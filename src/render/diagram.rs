//! The diagram views: what `exitgraph diagram` and the review draw.
//!
//! Graph views ([`View::Landscape`], [`View::Hotspots`], [`View::Cutoff`])
//! are built as a draft of model elements, limited to the neighbourhood of
//! one element when a focus is given, rolled up when they have more than
//! [`DiagramOptions::max_nodes`] nodes, and then written as DOT
//! (`render::dot`) and drawn as SVG by Graphviz or by the built-in layout
//! (`render::svg`). Chart views ([`View::Exit`], [`View::Deadlines`],
//! [`View::Spend`]) are drawn directly as SVG (`render::chart`).
//!
//! The numbers come from the analyses (lock-in scores and hotspots from
//! `analysis::lockin`, the cut-off from `analysis::propagate`, exit plans
//! from `analysis::exit_plan`, deadlines from `analysis::deadlines`, spend
//! from `analysis::spend`); this module only chooses what to show and how.
//! Every text is in the language of [`DiagramOptions::lang`]. The output is
//! deterministic: the same model and options give the same bytes with the
//! same renderer. `docs/diagrams.md` describes each view, the roll-up rule
//! and the colour scale.

mod charts;
mod draft;
mod graphs;
mod print;

pub use charts::{deadlines_chart, exit_chart, spend_chart};
pub use graphs::{LOCKIN_COLOURS, lockin_colour};
pub use print::{MAX_PRINT_ROWS, cutoff_print, hotspots_print, landscape_print};

use crate::analysis::exit_plan::{self, Target};
use crate::graph::Graph;
use crate::model::{
    ContractId, EntityKind, Lang, Model, ScenarioId, ServiceId, SystemId, VendorId,
};
use crate::render::dot::{self, Net};
use crate::render::i18n::{Tr, say};
use crate::render::svg::{self, RenderError, Renderer, RendererChoice};
use chrono::NaiveDate;
use draft::{Draft, Elem};

/// What to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum View {
    /// In-use systems in clusters (vendor group, jurisdiction, layer or
    /// category), coloured by lock-in score, with their dependencies.
    Landscape,
    /// The top hotspots and what depends on them.
    Hotspots,
    /// The blast radius of a scenario's cut-off.
    Cutoff(ScenarioId),
    /// The exit plan as a Gantt chart.
    Exit(Target),
    /// Contract deadlines of the next 24 months as a timeline.
    Deadlines,
    /// Spend by vendor group and jurisdiction as bars.
    Spend,
}

/// The names of the views, as the command line takes them.
pub const VIEW_NAMES: [&str; 6] = [
    "landscape",
    "hotspots",
    "cutoff",
    "exit",
    "deadlines",
    "spend",
];

impl View {
    /// The view's name (`landscape`, `cutoff`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            View::Landscape => "landscape",
            View::Hotspots => "hotspots",
            View::Cutoff(_) => "cutoff",
            View::Exit(_) => "exit",
            View::Deadlines => "deadlines",
            View::Spend => "spend",
        }
    }

    /// Whether the view is a graph (DOT, focus, roll-up) rather than a chart.
    pub fn is_graph(&self) -> bool {
        matches!(self, View::Landscape | View::Hotspots | View::Cutoff(_))
    }
}

/// How the landscape groups its systems into clusters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupBy {
    /// By vendor group: the top of the maker's ownership chain.
    #[default]
    Vendor,
    /// By the country of that vendor group (the home country for in-house systems).
    Jurisdiction,
    /// By architectural layer.
    Layer,
    /// By system category.
    Category,
}

impl GroupBy {
    pub const WORDS: [(&'static str, GroupBy); 4] = [
        ("vendor", GroupBy::Vendor),
        ("jurisdiction", GroupBy::Jurisdiction),
        ("layer", GroupBy::Layer),
        ("category", GroupBy::Category),
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Vendor => "vendor",
            GroupBy::Jurisdiction => "jurisdiction",
            GroupBy::Layer => "layer",
            GroupBy::Category => "category",
        }
    }
}

/// The element a graph view is limited to (with its neighbourhood).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    System(SystemId),
    Vendor(VendorId),
    Service(ServiceId),
    Contract(ContractId),
}

/// A focus id that names nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFocus {
    /// The kind it was looked for as (`system` when no kind was given).
    pub kind: EntityKind,
    pub id: String,
}

impl Focus {
    /// Resolves `ID` or `KIND:ID` (kind one of system, vendor, service,
    /// contract). A bare id is looked up as a system, then a service, a
    /// vendor and a contract; the first kind that has it wins.
    pub fn resolve(m: &Model, key: &str) -> Result<Focus, UnknownFocus> {
        let kinds = [
            EntityKind::System,
            EntityKind::Service,
            EntityKind::Vendor,
            EntityKind::Contract,
        ];
        let (wanted, id): (Vec<EntityKind>, &str) = match key.split_once(':') {
            Some((k, id)) => match kinds.iter().find(|x| x.as_str() == k) {
                Some(kind) => (vec![*kind], id),
                None => (kinds.to_vec(), key),
            },
            None => (kinds.to_vec(), key),
        };
        for k in &wanted {
            let found = match k {
                EntityKind::System => m.system_id(id).map(Focus::System),
                EntityKind::Service => m.service_id(id).map(Focus::Service),
                EntityKind::Vendor => m.vendor_id(id).map(Focus::Vendor),
                EntityKind::Contract => m.contract_id(id).map(Focus::Contract),
                _ => None,
            };
            if let Some(f) = found {
                return Ok(f);
            }
        }
        Err(UnknownFocus {
            kind: wanted[0],
            id: id.to_string(),
        })
    }

    /// `system m365`, `vendor microsoft`, ...
    pub fn label(&self, m: &Model) -> String {
        match self {
            Focus::System(s) => format!("system {}", m.system(*s).id),
            Focus::Vendor(v) => format!("vendor {}", m.vendor(*v).id),
            Focus::Service(s) => format!("service {}", m.service(*s).id),
            Focus::Contract(c) => format!("contract {}", m.contract(*c).id),
        }
    }
}

/// Default node limit of graph views before the roll-up.
pub const MAX_NODES: usize = 150;
/// Node limit when the built-in layout draws (it slows down past about 200
/// nodes: 50 nodes take 0.1 s, 200 nodes 3.7 s).
pub const MAX_NODES_BUILTIN: usize = 80;

/// Options of [`build`].
#[derive(Clone, Debug, PartialEq)]
pub struct DiagramOptions {
    pub lang: Lang,
    /// "Today": the start of the deadlines timeline and its marker, and the
    /// day the cut-off simulation judges contracts running on.
    pub as_of: NaiveDate,
    pub group_by: GroupBy,
    /// Limit a graph view to the neighbourhood of this element.
    pub focus: Option<Focus>,
    /// Links from the focus to include (default 2).
    pub depth: u32,
    /// Hotspots to show (default 10).
    pub top: usize,
    /// More nodes than this roll the graph up (default [`MAX_NODES`]; with
    /// the built-in layout at most [`MAX_NODES_BUILTIN`]).
    pub max_nodes: usize,
    pub renderer: RendererChoice,
    /// Lay the graph out as SVG (false when only the DOT text is wanted:
    /// then Graphviz is not run and `svg` stays empty).
    pub draw: bool,
    /// Monte Carlo of exit plans (exit view, and the deadlines' migration times).
    pub runs: u32,
    pub seed: u64,
    /// The print variant of a chart: its notes are left out of the drawing
    /// (the printed caption carries them), so that it is narrower and its
    /// text prints larger.
    pub print: bool,
}

impl DiagramOptions {
    /// Defaults for a language and an as-of date.
    pub fn new(lang: Lang, as_of: NaiveDate) -> DiagramOptions {
        DiagramOptions {
            lang,
            as_of,
            group_by: GroupBy::Vendor,
            focus: None,
            depth: 2,
            top: 10,
            max_nodes: MAX_NODES,
            renderer: RendererChoice::Auto,
            draw: true,
            runs: exit_plan::DEFAULT_RUNS,
            seed: exit_plan::DEFAULT_SEED,
            print: false,
        }
    }

    /// The report language of a model: `[organisation] language`, else German.
    pub fn model_lang(m: &Model) -> Lang {
        m.organisation.language.unwrap_or(Lang::De)
    }
}

/// A drawn diagram.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Diagram {
    /// The view's name.
    pub view: &'static str,
    pub title: String,
    /// The DOT text (graph views only).
    pub dot: Option<String>,
    /// Always present: drawn by Graphviz, by the built-in layout, or directly.
    pub svg: String,
    pub renderer: Renderer,
    /// What the diagram leaves out or folds (roll-up, focus, omissions), in
    /// the report language; the same sentences are in the diagram.
    pub notes: Vec<String>,
    /// Nodes drawn (graph views) or rows (charts).
    pub nodes: usize,
    /// Whether systems were folded into their vendor groups.
    pub rolled_up: bool,
}

impl Diagram {
    /// The SVG for placing inside an HTML page: without XML declaration,
    /// DOCTYPE and comments, every id prefixed with `prefix` (ASCII letters,
    /// digits, `-`) so that several diagrams can share a page.
    pub fn svg_inline(&self, prefix: &str) -> String {
        svg::inline(&self.svg, prefix)
    }

    /// The diagram as PNG, drawn by Graphviz `dot` from the DOT text.
    pub fn png(&self) -> Result<Vec<u8>, DiagramError> {
        match &self.dot {
            Some(d) => svg::graphviz_png(d).map_err(DiagramError::Render),
            None => Err(DiagramError::Usage(format!(
                "the `{}` view is a chart drawn as SVG; PNG is made by Graphviz from DOT, which only the graph views (landscape, hotspots, cutoff) have: write .svg",
                self.view
            ))),
        }
    }
}

/// Why a diagram could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DiagramError {
    /// An option that does not fit the view.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// Builds a diagram of a view.
pub fn build(g: &Graph, view: &View, opts: &DiagramOptions) -> Result<Diagram, DiagramError> {
    if !view.is_graph() && opts.focus.is_some() {
        return Err(DiagramError::Usage(format!(
            "--focus limits the graph views (landscape, hotspots, cutoff); the `{}` view is a chart",
            view.name()
        )));
    }
    let w = Tr::new(opts.lang);
    match view {
        View::Landscape => graph_diagram(g, graphs::landscape(g, opts, w), opts),
        View::Hotspots => {
            let report = crate::analysis::lockin::hotspots(g, false);
            graph_diagram(g, graphs::hotspots(g, &report, opts, w), opts)
        }
        View::Cutoff(s) => {
            let sim = crate::analysis::simulate::Simulator::new(g);
            let report = sim.simulate(
                &crate::analysis::simulate::Spec::scenario(g, *s),
                opts.as_of,
            );
            graph_diagram(g, graphs::cutoff(g, &report, w), opts)
        }
        View::Exit(target) => {
            let plan = exit_plan::plan(
                g,
                target,
                &exit_plan::PlanOptions {
                    runs: opts.runs,
                    seed: opts.seed,
                    parallel: None,
                    as_of: None,
                },
            );
            Ok(exit_chart(g, &plan, opts))
        }
        View::Deadlines => {
            let d = crate::analysis::deadlines::deadlines(
                g,
                &crate::analysis::deadlines::DeadlineOptions {
                    as_of: opts.as_of,
                    horizon: charts::HORIZON,
                    plan: exit_plan::PlanOptions {
                        runs: opts.runs,
                        seed: opts.seed,
                        parallel: None,
                        as_of: None,
                    },
                },
            );
            Ok(deadlines_chart(g, &d, opts))
        }
        View::Spend => Ok(spend_chart(
            g,
            &crate::analysis::spend::concentration(g),
            opts,
        )),
    }
}

/// Builds the hotspots view from a hotspots report already computed.
pub fn hotspots_diagram(
    g: &Graph,
    report: &crate::analysis::lockin::HotspotsReport,
    opts: &DiagramOptions,
) -> Result<Diagram, DiagramError> {
    graph_diagram(
        g,
        graphs::hotspots(g, report, opts, Tr::new(opts.lang)),
        opts,
    )
}

/// Builds the cut-off view from a simulation report already computed
/// (`analysis::simulate`).
pub fn cutoff_diagram(
    g: &Graph,
    report: &crate::analysis::simulate::Report,
    opts: &DiagramOptions,
) -> Result<Diagram, DiagramError> {
    graph_diagram(g, graphs::cutoff(g, report, Tr::new(opts.lang)), opts)
}

/// Whether the built-in layout will draw (no Graphviz, or asked for).
fn uses_builtin(choice: RendererChoice) -> bool {
    match choice {
        RendererChoice::Builtin => true,
        RendererChoice::Graphviz => false,
        RendererChoice::Auto => svg::graphviz_version().is_none(),
    }
}

/// Focus, roll-up, DOT and SVG of a graph view.
fn graph_diagram(g: &Graph, mut d: Draft, opts: &DiagramOptions) -> Result<Diagram, DiagramError> {
    let w = Tr::new(opts.lang);
    let m = g.model();
    let mut notes: Vec<String> = Vec::new();
    if let Some(f) = opts.focus {
        let seeds = focus_seeds(g, &d, f);
        if seeds.is_empty() {
            return Err(DiagramError::Usage(format!(
                "{} is not part of the `{}` view (it shows {}); choose another focus",
                f.label(m),
                d.name,
                match d.name {
                    "landscape" => "in-use systems",
                    "hotspots" => "the top hotspots, their dependents and services",
                    _ => "in-use systems, services and cut vendors",
                }
            )));
        }
        let before = d.items.len();
        let dropped = draft::focus(&mut d, &seeds, opts.depth);
        notes.push(say!(
            w,
            format!(
                "Ausschnitt: Umgebung von {} bis Tiefe {}: {} von {} Elementen gezeigt.",
                f.label(m),
                opts.depth,
                w.int((before - dropped) as i64),
                w.int(before as i64)
            ),
            format!(
                "Focus: neighbourhood of {} to depth {}: {} of {} elements shown.",
                f.label(m),
                opts.depth,
                w.int((before - dropped) as i64),
                w.int(before as i64)
            ),
        ));
    }
    let builtin = uses_builtin(opts.renderer);
    let max = if builtin {
        opts.max_nodes.min(MAX_NODES_BUILTIN)
    } else {
        opts.max_nodes
    }
    .max(10);
    let rolled = draft::roll_up(&mut d, g, max, w);
    if let Some(r) = &rolled {
        let others = |de: bool| {
            if r.others == 0 {
                String::new()
            } else if de {
                format!(
                    ", {} kleine Gruppen in „weitere“-Knoten",
                    w.int(r.others as i64)
                )
            } else {
                format!(
                    ", {} small groups into \"other\" nodes",
                    w.int(r.others as i64)
                )
            }
        };
        notes.push(say!(w,
            format!(
                "Zusammengefasst: {} Elemente sind mehr als {max}; {} wurden in {} Gruppenknoten gefaltet{} (Anzahl im Knoten).",
                w.int(r.before as i64),
                say!(w,
                    format!("{} Elemente", w.int(r.folded as i64)),
                    String::new()
                ),
                w.int(r.groups as i64),
                others(true)
            ),
            format!(
                "Rolled up: {} elements are more than {max}; {} elements were folded into {} group nodes{} (counts in the nodes).",
                w.int(r.before as i64),
                w.int(r.folded as i64),
                w.int(r.groups as i64),
                others(false)
            ),
        ));
        if r.links_omitted > 0 {
            notes.push(say!(w,
                format!(
                    "{} von {} Verbindungen zwischen Gruppen mit den wenigsten Abhängigkeiten sind nicht gezeichnet.",
                    w.int(r.links_omitted as i64),
                    w.int((r.links_after + r.links_omitted) as i64)
                ),
                format!(
                    "{} of {} links between groups, those with the fewest dependencies, are not drawn.",
                    w.int(r.links_omitted as i64),
                    w.int((r.links_after + r.links_omitted) as i64)
                ),
            ));
        }
        if r.after > max {
            notes.push(say!(
                w,
                format!(
                    "Auch zusammengefasst bleiben {} Knoten.",
                    w.int(r.after as i64)
                ),
                format!("Even rolled up, {} nodes remain.", w.int(r.after as i64)),
            ));
        }
    }
    let view = d.name;
    d.notes.extend(notes.iter().cloned());
    let all_notes = d.notes.clone();
    let nodes = d.items.len();
    let net: Net = draft::to_net(d, g, w);
    let dot_text = dot::to_dot(&net);
    let mut all_notes = all_notes;
    let (svg_text, renderer) = match opts.renderer {
        _ if !opts.draw => (String::new(), Renderer::Graphviz),
        RendererChoice::Builtin => (svg::fallback_svg(&net)?, Renderer::LayoutRs),
        RendererChoice::Graphviz => (svg::graphviz_svg(&dot_text)?, Renderer::Graphviz),
        RendererChoice::Auto if builtin => (svg::fallback_svg(&net)?, Renderer::LayoutRs),
        RendererChoice::Auto => match svg::graphviz_svg(&dot_text) {
            Ok(svg_text) => (svg_text, Renderer::Graphviz),
            // Graphviz is installed but refuses this graph: draw it with the
            // built-in layout rather than not at all, and say so.
            Err(e) => {
                let reason = e.to_string();
                let reason = reason.lines().next().unwrap_or("").trim().to_string();
                all_notes.push(say!(w,
                    format!(
                        "Graphviz konnte dieses Diagramm nicht zeichnen ({reason}); gezeichnet mit dem eingebauten Layout."
                    ),
                    format!(
                        "Graphviz could not draw this diagram ({reason}); drawn with the built-in layout."
                    ),
                ));
                (svg::fallback_svg(&net)?, Renderer::LayoutRs)
            }
        },
    };
    Ok(Diagram {
        view,
        title: net.title.clone(),
        dot: Some(dot_text),
        svg: svg_text,
        renderer,
        notes: all_notes,
        nodes,
        rolled_up: rolled.is_some(),
    })
}

/// The items a focus starts from: the element itself when it is drawn;
/// else a vendor's systems (made or operated by it or a company it
/// controls), a service's needed systems, a contract's covered systems.
fn focus_seeds(g: &Graph, d: &Draft, f: Focus) -> Vec<usize> {
    let m = g.model();
    let direct: Option<Elem> = match f {
        Focus::System(s) => Some(Elem::System(s)),
        Focus::Service(s) => Some(Elem::Service(s)),
        Focus::Vendor(v) => Some(Elem::Vendor(v)),
        Focus::Contract(_) => None,
    };
    let mut seeds: Vec<usize> = d
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| Some(it.elem) == direct)
        .map(|(i, _)| i)
        .collect();
    let systems: Vec<SystemId> = match f {
        Focus::System(_) => Vec::new(),
        Focus::Vendor(v) => g.systems_of(&g.controlled(v)),
        Focus::Service(s) => m
            .service(s)
            .needs
            .iter()
            .flat_map(|x| x.members().iter().copied())
            .collect(),
        Focus::Contract(c) => m.contract(c).covers.clone(),
    };
    for (i, it) in d.items.iter().enumerate() {
        if let Elem::System(s) = it.elem
            && systems.contains(&s)
            && !seeds.contains(&i)
        {
            seeds.push(i);
        }
    }
    seeds.sort_unstable();
    seeds
}

/// Wraps a name into lines of at most `width` characters (breaking at
/// spaces, splitting longer words), at most `max_lines`; a cut is marked
/// with `…`. The full name belongs in the tooltip.
pub fn wrap(name: &str, width: usize, max_lines: usize) -> Vec<String> {
    let clean = crate::render::escape::clean(name);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cut = false;
    'words: for word in clean.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let cur_len = cur.chars().count();
            let need = if cur.is_empty() { 0 } else { 1 };
            if cur_len + need + word.len() <= width {
                if need == 1 {
                    cur.push(' ');
                }
                cur.extend(word.iter());
                break;
            }
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            } else {
                let rest = word.split_off(width);
                lines.push(word.iter().collect());
                word = rest;
            }
            if lines.len() == max_lines {
                cut = true;
                break 'words;
            }
        }
    }
    if !cut && !cur.is_empty() {
        if lines.len() == max_lines {
            cut = true;
        } else {
            lines.push(cur);
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    if cut && let Some(last) = lines.last_mut() {
        let mut chars: Vec<char> = last.chars().collect();
        chars.truncate(width.saturating_sub(1));
        *last = chars.into_iter().collect::<String>() + "…";
    }
    lines
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_marks_cuts() {
        assert_eq!(wrap("Microsoft 365", 24, 2), vec!["Microsoft 365"]);
        assert_eq!(
            wrap("Einwohnermeldewesen VOIS|MESO mit Anbindung", 20, 2),
            vec!["Einwohnermeldewesen", "VOIS|MESO mit…"]
        );
        assert_eq!(
            wrap(&"x".repeat(50), 20, 2),
            vec!["x".repeat(20), format!("{}…", "x".repeat(19))]
        );
        assert_eq!(wrap("a\nb", 10, 2), vec!["a b"]);
        assert_eq!(wrap("", 10, 2), vec![""]);
    }
}
