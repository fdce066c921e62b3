//! The graph views: landscape, hotspots and cut-off, as drafts.
//!
//! Each function turns an analysis result into a [`Draft`]: items for the
//! systems, services and vendors it shows, links for their relations, the
//! clusters, the notes and the legend, all in the report language.

use super::draft::{Draft, Elem, Item, LinkKind, Owner};
use super::{DiagramOptions, GroupBy, wrap};
use crate::analysis::lockin::{self, HotspotsReport};
use crate::analysis::simulate::{Report, ServiceResult, State, SystemResult};
use crate::graph::Graph;
use crate::model::{Country, Dependency, Layer, Party, Status, SystemId, VendorId};
use crate::render::dot::{Cluster, Direction, Legend, LegendItem, LegendSection, Shape};
use crate::render::i18n::{Tr, say};
use std::collections::{BTreeMap, BTreeSet};

/// The lock-in colour scale: five classes of 20 points, light yellow to
/// dark red (ColorBrewer YlOrRd, 5 classes; sequential, readable in
/// greyscale and with the common colour-vision deficiencies).
pub const LOCKIN_COLOURS: [&str; 5] = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];

/// The colour of a lock-in score: class `floor(score / 20)`, 100 in the top class.
pub fn lockin_colour(score: f64) -> &'static str {
    let i = if score.is_finite() && score > 0.0 {
        ((score / 20.0).floor() as usize).min(4)
    } else {
        0
    };
    LOCKIN_COLOURS[i]
}

/// Colours of the cut-off view: down on the first day dark red, each later
/// down day lighter (ColorBrewer Reds); what keeps running grey.
pub const DAY_REDS: [&str; 5] = ["#a50f15", "#de2d26", "#fb6a4a", "#fc9272", "#fcbba1"];
pub const SURVIVOR: &str = "#e6e6e6";
pub const CUT_VENDOR: &str = "#2b2b2b";
pub const PRICE_VENDOR: &str = "#f5b041";
const CLUSTER_FILL: &str = "#f6f6f6";
const CLUSTER_BORDER: &str = "#b0b0b0";
const DEPENDENT: &str = "#ffffff";
const SERVICE_FAILS: &str = "#f4cccc";
const SERVICE_DEGRADES: &str = "#eeeeee";

/// Label width of node names, in characters.
const NAME_WIDTH: usize = 24;

fn cluster(label: String) -> Cluster {
    Cluster {
        label,
        fill: CLUSTER_FILL,
        border: CLUSTER_BORDER,
    }
}

/// The swatches of the lock-in scale.
pub(super) fn lockin_section(w: Tr) -> LegendSection {
    let ranges = ["0–20", "20–40", "40–60", "60–80", "80–100"];
    LegendSection {
        heading: w
            .pick("Lock-in-Wert (0–100)", "Lock-in score (0–100)")
            .to_string(),
        items: LOCKIN_COLOURS
            .iter()
            .zip(ranges)
            .map(|(c, r)| LegendItem::Swatch {
                fill: c,
                shape: Shape::Box,
                label: r.to_string(),
            })
            .collect(),
    }
}

fn line_item(kind: LinkKind, label: &str, w: Tr) -> LegendItem {
    let (style, colour, head, width, _) = kind.look(w);
    LegendItem::Line {
        style,
        colour,
        head,
        width,
        label: label.to_string(),
    }
}

/// The edge samples of system dependencies.
fn dependency_section(w: Tr) -> LegendSection {
    LegendSection {
        heading: w.pick("Abhängigkeiten", "Dependencies").to_string(),
        items: vec![
            line_item(
                LinkKind::Depends,
                w.pick("hängt ab von (fällt mit aus)", "depends on (fails with it)"),
                w,
            ),
            line_item(
                LinkKind::AnyOf,
                w.pick(
                    "eine von mehreren Möglichkeiten (redundant)",
                    "one of several (redundant)",
                ),
                w,
            ),
            line_item(
                LinkKind::Interface {
                    open: true,
                    hard: true,
                },
                w.pick("offene Schnittstelle", "open interface"),
                w,
            ),
            line_item(
                LinkKind::Interface {
                    open: false,
                    hard: true,
                },
                w.pick("proprietäre Schnittstelle", "proprietary interface"),
                w,
            ),
            line_item(
                LinkKind::Interface {
                    open: true,
                    hard: false,
                },
                w.pick(
                    "weiche Schnittstelle (läuft eingeschränkt weiter)",
                    "soft interface (keeps running, degraded)",
                ),
                w,
            ),
        ],
    }
}

/// Interfaces between systems: (from, to) -> (open, hard) of the first one.
fn interface_map(g: &Graph) -> BTreeMap<(SystemId, SystemId), (bool, bool)> {
    let mut out = BTreeMap::new();
    for it in &g.model().interfaces {
        out.entry((it.from, it.to)).or_insert((it.open, it.hard));
    }
    out
}

/// How `from` relies on `to`, for drawing.
fn dep_kind(
    g: &Graph,
    ifaces: &BTreeMap<(SystemId, SystemId), (bool, bool)>,
    from: SystemId,
    to: SystemId,
) -> LinkKind {
    if let Some((open, hard)) = ifaces.get(&(from, to)) {
        return LinkKind::Interface {
            open: *open,
            hard: *hard,
        };
    }
    if g.hard_deps(from).contains(&to) {
        LinkKind::Depends
    } else {
        LinkKind::AnyOf
    }
}

fn system_tooltip(g: &Graph, s: SystemId, extra: &str, w: Tr) -> String {
    let m = g.model();
    let sys = m.system(s);
    let who = |p: Party| match p {
        Party::Own => w.pick("selbst", "in-house").to_string(),
        Party::Vendor(v) => m.vendor(v).name.clone(),
    };
    say!(
        w,
        format!(
            "{} ({}){extra}; {}; Hersteller: {}; Betrieb: {}",
            sys.name,
            sys.id,
            w.layer(sys.layer),
            who(sys.vendor),
            who(sys.operator)
        ),
        format!(
            "{} ({}){extra}; {}; made by {}; operated by {}",
            sys.name,
            sys.id,
            w.layer(sys.layer),
            who(sys.vendor),
            who(sys.operator)
        ),
    )
}

/// A cluster key of the landscape.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Owner(Owner),
    Country(Country),
    Layer(Layer),
    Category(String),
}

/// The landscape: in-use systems in clusters, coloured by lock-in score.
pub fn landscape(g: &Graph, opts: &DiagramOptions, w: Tr) -> Draft {
    let m = g.model();
    let scorer = lockin::Scorer::new(g);
    let in_use: Vec<SystemId> = m.system_ids().filter(|s| m.system(*s).in_use()).collect();
    let key_of = |s: SystemId| -> Key {
        let owner = Owner::of_system(g, s);
        match opts.group_by {
            GroupBy::Vendor => Key::Owner(owner),
            GroupBy::Jurisdiction => Key::Country(match owner {
                Owner::Group(v) => m.vendor(v).country,
                Owner::Own | Owner::Services(_) => m.organisation.home,
            }),
            GroupBy::Layer => Key::Layer(m.system(s).layer),
            GroupBy::Category => Key::Category(m.system(s).category.clone()),
        }
    };
    let keys: BTreeSet<Key> = in_use.iter().map(|s| key_of(*s)).collect();
    let keys: Vec<Key> = keys.into_iter().collect();
    let trusted = &m.organisation.trusted;
    let clusters: Vec<Cluster> = keys
        .iter()
        .map(|k| {
            cluster(match k {
                Key::Owner(o) => o.name(g, w),
                Key::Country(c) => {
                    if trusted.contains(*c) {
                        c.to_string()
                    } else {
                        say!(
                            w,
                            format!("{c} (außerhalb des Vertrauensraums)"),
                            format!("{c} (outside the trusted set)"),
                        )
                    }
                }
                Key::Layer(l) => w.layer(*l).to_string(),
                Key::Category(c) => c.clone(),
            })
        })
        .collect();
    let mut d = Draft {
        name: "landscape",
        title: say!(
            w,
            format!(
                "{}: Systemlandschaft nach {}",
                m.organisation.name,
                match opts.group_by {
                    GroupBy::Vendor => "Anbietergruppe",
                    GroupBy::Jurisdiction => "Rechtsraum",
                    GroupBy::Layer => "Schicht",
                    GroupBy::Category => "Kategorie",
                }
            ),
            format!(
                "{}: landscape by {}",
                m.organisation.name,
                match opts.group_by {
                    GroupBy::Vendor => "vendor group",
                    GroupBy::Jurisdiction => "jurisdiction",
                    GroupBy::Layer => "layer",
                    GroupBy::Category => "category",
                }
            ),
        ),
        direction: Direction::LeftToRight,
        clusters,
        legend: Legend {
            title: w.pick("Legende", "Legend").to_string(),
            sections: vec![lockin_section(w), dependency_section(w)],
        },
        fallback_cluster_note: Some(
            w.pick(
                "[Name]: Gruppe (das eingebaute Layout zeichnet keine Gruppenrahmen)",
                "[Name]: group (the built-in layout draws no group boxes)",
            )
            .to_string(),
        ),
        clusters_are_groups: opts.group_by == GroupBy::Vendor,
        metric_name: Some(("max. Lock-in", "max lock-in")),
        metric_fill: Some(lockin_colour),
        ..Draft::default()
    };
    let counts = m.counts();
    let candidates = m
        .systems
        .iter()
        .filter(|s| s.status == Status::Candidate)
        .count();
    let retired = counts.systems - in_use.len() - candidates;
    let cands = match (opts.lang, candidates) {
        (crate::model::Lang::De, 1) => "1 Kandidat".to_string(),
        (crate::model::Lang::De, n) => format!("{} Kandidaten", w.int(n as i64)),
        (crate::model::Lang::En, 1) => "1 candidate".to_string(),
        (crate::model::Lang::En, n) => format!("{} candidates", w.int(n as i64)),
    };
    d.notes.push(say!(
        w,
        format!(
            "Farbe: Lock-in-Wert. {} in Betrieb; {cands} und {} abgelöste nicht gezeigt.",
            w.systems(in_use.len()),
            w.int(retired as i64)
        ),
        format!(
            "Colour: lock-in score. {} in use; {cands} and {} retired not shown.",
            w.systems(in_use.len()),
            w.int(retired as i64)
        ),
    ));
    let mut pos = vec![usize::MAX; m.systems.len()];
    for s in &in_use {
        let score = scorer.score(*s).score;
        let cl = keys.binary_search(&key_of(*s)).ok();
        pos[s.index()] = d.items.len();
        let mut lines = wrap(&m.system(*s).name, NAME_WIDTH, 2);
        lines.push(format!("Lock-in {}", w.dec1(score)));
        d.items.push(Item {
            elem: Elem::System(*s),
            lines,
            tooltip: system_tooltip(g, *s, &format!(" – Lock-in {}/100", w.dec1(score)), w),
            cluster: cl,
            fill: lockin_colour(score),
            shape: Shape::Box,
            strong: false,
            fold: Some(Owner::of_system(g, *s)),
            metric: Some(score),
        });
    }
    let ifaces = interface_map(g);
    for s in &in_use {
        let from = pos[s.index()];
        for dep in &m.system(*s).depends_on {
            for t in dep.members() {
                let to = pos[t.index()];
                if to == usize::MAX || ifaces.contains_key(&(*s, *t)) {
                    continue;
                }
                let kind = match dep {
                    Dependency::One(_) => LinkKind::Depends,
                    Dependency::Any(_) => LinkKind::AnyOf,
                };
                d.link(from, to, kind);
            }
        }
    }
    for it in &m.interfaces {
        let (a, b) = (pos[it.from.index()], pos[it.to.index()]);
        if a != usize::MAX && b != usize::MAX {
            d.link(
                a,
                b,
                LinkKind::Interface {
                    open: it.open,
                    hard: it.hard,
                },
            );
        }
    }
    d
}

/// The top hotspots with the systems that depend on them directly and the
/// services that rest on them.
pub fn hotspots(g: &Graph, report: &HotspotsReport, opts: &DiagramOptions, w: Tr) -> Draft {
    let m = g.model();
    let top: Vec<&lockin::HotspotSystem> = report.systems.iter().take(opts.top).collect();
    let mut d = Draft {
        name: "hotspots",
        title: say!(
            w,
            format!(
                "{}: die {} größten Hotspots",
                m.organisation.name,
                top.len()
            ),
            format!("{}: the top {} hotspots", m.organisation.name, top.len()),
        ),
        direction: Direction::LeftToRight,
        legend: Legend {
            title: w.pick("Legende", "Legend").to_string(),
            sections: vec![
                lockin_section(w),
                LegendSection {
                    heading: w.pick("Was darauf ruht", "What rests on them").to_string(),
                    items: vec![
                        LegendItem::Swatch {
                            fill: DEPENDENT,
                            shape: Shape::Box,
                            label: w
                                .pick(
                                    "System, das direkt abhängt",
                                    "system that depends on it directly",
                                )
                                .into(),
                        },
                        LegendItem::Swatch {
                            fill: SERVICE_FAILS,
                            shape: Shape::Ellipse,
                            label: w
                                .pick(
                                    "Dienst, der mit einem Hotspot ausfällt",
                                    "service that fails with a hotspot",
                                )
                                .into(),
                        },
                        LegendItem::Swatch {
                            fill: SERVICE_DEGRADES,
                            shape: Shape::Ellipse,
                            label: w
                                .pick("Dienst, der weiterläuft", "service that keeps running")
                                .into(),
                        },
                        line_item(
                            LinkKind::Fails,
                            w.pick(
                                "fällt aus, wenn der Hotspot allein ausfällt",
                                "fails if the hotspot alone is cut",
                            ),
                            w,
                        ),
                        line_item(
                            LinkKind::Degrades,
                            w.pick(
                                "ruht darauf, läuft aber weiter",
                                "rests on it but keeps running",
                            ),
                            w,
                        ),
                        LegendItem::Text(
                            w.pick(
                                "Kästen: Systeme; Ellipsen: Dienste",
                                "Boxes: systems; ellipses: services",
                            )
                            .into(),
                        ),
                    ],
                },
                dependency_section(w),
            ],
        },
        ..Draft::default()
    };
    let in_use = report.systems.len();
    d.notes.push(say!(w,
        format!(
            "Die {} Systeme mit dem höchsten Hotspot-Wert (Lock-in gewichtet mit der Auswirkung) von {} in Betrieb, die Systeme, die direkt von ihnen abhängen, und die Dienste, die auf ihnen ruhen.",
            top.len(),
            w.int(in_use as i64)
        ),
        format!(
            "The {} systems with the highest hotspot value (lock-in weighted by impact) of {} in use, the systems that depend on them directly, and the services resting on them.",
            top.len(),
            w.int(in_use as i64)
        ),
    ));
    let ifaces = interface_map(g);
    let mut pos: BTreeMap<Elem, usize> = BTreeMap::new();
    let mut hot: Vec<SystemId> = Vec::new();
    for h in &top {
        let Some(s) = m.system_id(&h.id) else {
            continue;
        };
        hot.push(s);
        pos.insert(Elem::System(s), d.items.len());
        let mut lines = wrap(&format!("#{} {}", h.rank, h.name), NAME_WIDTH, 2);
        lines.push(format!(
            "Lock-in {} · Hotspot {}",
            w.dec1(h.score),
            w.dec1(h.hotspot)
        ));
        d.items.push(Item {
            elem: Elem::System(s),
            lines,
            tooltip: system_tooltip(
                g,
                s,
                &say!(
                    w,
                    format!(
                        " – Rang {}, Lock-in {}/100, Auswirkung {}, Hotspot {}",
                        h.rank,
                        w.dec1(h.score),
                        w.dec1(h.impact),
                        w.dec1(h.hotspot)
                    ),
                    format!(
                        " – rank {}, lock-in {}/100, impact {}, hotspot {}",
                        h.rank,
                        w.dec1(h.score),
                        w.dec1(h.impact),
                        w.dec1(h.hotspot)
                    ),
                ),
                w,
            ),
            cluster: None,
            fill: lockin_colour(h.score),
            shape: Shape::Box,
            strong: true,
            fold: None,
            metric: Some(h.score),
        });
    }
    let mut service_fails: BTreeMap<usize, bool> = BTreeMap::new();
    for (h, &s) in top.iter().zip(&hot) {
        let to = pos[&Elem::System(s)];
        for &dep in g.dependents(s) {
            if !m.system(dep).in_use() || dep == s {
                continue;
            }
            let from = *pos.entry(Elem::System(dep)).or_insert_with(|| {
                d.items.push(Item {
                    elem: Elem::System(dep),
                    lines: wrap(&m.system(dep).name, NAME_WIDTH, 2),
                    tooltip: system_tooltip(g, dep, "", w),
                    cluster: None,
                    fill: DEPENDENT,
                    shape: Shape::Box,
                    strong: false,
                    fold: Some(Owner::of_system(g, dep)),
                    metric: None,
                });
                d.items.len() - 1
            });
            d.link(from, to, dep_kind(g, &ifaces, dep, s));
        }
        for part in &h.impact_parts {
            let Some(sv) = part.service.as_deref().and_then(|id| m.service_id(id)) else {
                continue;
            };
            let service = m.service(sv);
            let from = *pos.entry(Elem::Service(sv)).or_insert_with(|| {
                d.items.push(Item {
                    elem: Elem::Service(sv),
                    lines: wrap(&service.name, NAME_WIDTH, 2),
                    tooltip: format!("{} ({}), {}", service.name, service.id, service.criticality),
                    cluster: None,
                    fill: SERVICE_DEGRADES,
                    shape: Shape::Ellipse,
                    strong: false,
                    fold: None,
                    metric: None,
                });
                d.items.len() - 1
            });
            let fails = part.how == crate::analysis::lockin::ImpactHow::FailsIfCut;
            *service_fails.entry(from).or_default() |= fails;
            d.link(
                from,
                to,
                if fails {
                    LinkKind::Fails
                } else {
                    LinkKind::Degrades
                },
            );
        }
    }
    for (i, fails) in service_fails {
        if fails {
            d.items[i].fill = SERVICE_FAILS;
        }
        d.items[i].fold = Some(Owner::Services(u8::from(fails)));
    }
    let implied = drop_implied_failures(&mut d, hot.len());
    if implied > 0 {
        d.notes.push(say!(w,
            format!(
                "{} weggelassen, weil sie aus anderen folgen: ein Dienst fällt auch mit jedem Hotspot aus, von dem sein Hotspot hart abhängt.",
                if implied == 1 {
                    "1 roter Pfeil ist".to_string()
                } else {
                    format!("{} rote Pfeile sind", w.int(implied))
                }
            ),
            format!(
                "{} left out because others imply {}: a service also fails with every hotspot its hotspot depends on hard.",
                w.count(implied, "", "", "red arrow is", "red arrows are"),
                if implied == 1 { "it" } else { "them" }
            ),
        ));
    }
    d
}

/// Removes the "fails" links that follow from others: when a service fails
/// with hotspot A and A depends hard (plain entries, hard interfaces; also
/// through other hotspots) on hotspot B, the service fails with B too, and
/// the arrow to B is left out. Within a cycle of hotspots the arrow to the
/// first one stays. Hotspots are the first `n_hot` items. Returns how many
/// links were removed.
pub(super) fn drop_implied_failures(d: &mut Draft, n_hot: usize) -> usize {
    let mut reach = vec![vec![false; n_hot]; n_hot];
    for l in &d.links {
        let hard = matches!(
            l.kind,
            LinkKind::Depends | LinkKind::Interface { hard: true, .. }
        );
        if hard && l.from < n_hot && l.to < n_hot {
            reach[l.from][l.to] = true;
        }
    }
    // Transitive closure (Floyd–Warshall; n_hot is the `top` count).
    for k in 0..n_hot {
        let via = reach[k].clone();
        for row in reach.iter_mut() {
            if row[k] {
                for (cell, v) in row.iter_mut().zip(&via) {
                    *cell |= *v;
                }
            }
        }
    }
    let fails: BTreeMap<usize, Vec<usize>> = d
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Fails)
        .fold(BTreeMap::new(), |mut acc, l| {
            acc.entry(l.from).or_insert_with(Vec::new).push(l.to);
            acc
        });
    let implied = |from: usize, h: usize| {
        fails.get(&from).is_some_and(|hs| {
            hs.iter().any(|&o| {
                o != h && o < n_hot && h < n_hot && reach[o][h] && (!reach[h][o] || o < h)
            })
        })
    };
    let before = d.links.len();
    d.links
        .retain(|l| !(l.kind == LinkKind::Fails && implied(l.from, l.to)));
    before - d.links.len()
}

/// The blast radius of a simulated scenario: the cut vendors, what goes
/// down by day and why (cause edges), and what keeps running (grey), with
/// the restore estimates and outage breaches of the simulation.
pub fn cutoff(g: &Graph, r: &Report, w: Tr) -> Draft {
    let m = g.model();
    let in_use: Vec<SystemId> = m.system_ids().filter(|s| m.system(*s).in_use()).collect();
    let sys_result: BTreeMap<&str, &SystemResult> =
        r.systems.iter().map(|x| (x.id.as_str(), x)).collect();
    let svc_result: BTreeMap<&str, &ServiceResult> =
        r.services.iter().map(|x| (x.id.as_str(), x)).collect();
    let days: BTreeSet<u32> = r
        .systems
        .iter()
        .filter_map(|x| x.down_from_day)
        .chain(r.services.iter().filter_map(|x| x.down_from_day))
        .collect();
    let days: Vec<u32> = days.into_iter().collect();
    let day_fill = |day: u32| {
        let rank = days.binary_search(&day).unwrap_or(0);
        DAY_REDS[rank.min(DAY_REDS.len() - 1)]
    };
    let cut: BTreeMap<VendorId, &str> = r
        .cut_vendors
        .iter()
        .filter_map(|c| m.vendor_id(&c.id).map(|v| (v, c.origin.as_str())))
        .collect();
    // Cut vendors that make or operate an in-use system: the others change nothing.
    let mut relevant: BTreeSet<VendorId> = BTreeSet::new();
    for s in &in_use {
        let sys = m.system(*s);
        for p in [sys.vendor, sys.operator] {
            if let Party::Vendor(v) = p
                && cut.contains_key(&v)
            {
                relevant.insert(v);
            }
        }
    }
    let mut clusters = Vec::new();
    let vendor_cluster = (!relevant.is_empty()).then(|| {
        clusters.push(cluster(w.pick("Abgeschnitten", "Cut off").to_string()));
        clusters.len() - 1
    });
    let shocks = &r.price_shock.vendors;
    let price_cluster = (!shocks.is_empty()).then(|| {
        clusters.push(cluster(w.pick("Preisänderung", "Price change").to_string()));
        clusters.len() - 1
    });
    let first_day_cluster = clusters.len();
    for day in &days {
        clusters.push(cluster(if *day == 0 {
            w.pick("Tag 0: sofort ausgefallen", "Day 0: down at once")
                .to_string()
        } else {
            say!(
                w,
                format!("Ab Tag {day} ausgefallen"),
                format!("Down from day {day}"),
            )
        }));
    }
    let survivor_cluster = clusters.len();
    clusters.push(cluster(w.pick("Läuft weiter", "Keeps running").to_string()));
    let s = &r.summary;
    let mut d = Draft {
        name: "cutoff",
        title: say!(
            w,
            format!(
                "Ausfall-Szenario: {}",
                r.name.as_deref().unwrap_or(&r.scenario)
            ),
            format!(
                "Cut-off scenario: {}",
                r.name.as_deref().unwrap_or(&r.scenario)
            ),
        ),
        direction: Direction::RightToLeft,
        clusters,
        ..Draft::default()
    };
    d.notes.push(say!(w,
        format!(
            "{} von {} Systemen und {} von {} Diensten fallen aus ({} länger als erlaubt); die Pfeile zeigen, wodurch sie ausfallen.",
            w.int(s.systems_down),
            w.int(in_use.len()),
            w.int(s.services_down),
            w.int(s.services_total),
            w.int(s.services_breached),
        ),
        format!(
            "{} of {} and {} of {} go down ({} longer than allowed); cause edges show what takes them down.",
            w.systems(s.systems_down),
            w.int(in_use.len() as i64),
            w.services(s.services_down),
            w.int(s.services_total as i64),
            w.int(s.services_breached as i64),
        ),
    ));
    if cut.len() > relevant.len() {
        d.notes.push(say!(w,
            format!(
                "{} weitere abgeschnittene Anbieter liefern und betreiben kein System in Betrieb (nicht gezeigt).",
                w.int((cut.len() - relevant.len()) as i64)
            ),
            format!(
                "{} further cut vendors make or operate no system in use (not shown).",
                w.int((cut.len() - relevant.len()) as i64)
            ),
        ));
    }
    if r.cuts.is_empty() {
        d.notes.push(
            w.pick(
                "Das Szenario schneidet nichts ab; es ändert nur Preise.",
                "The scenario cuts nothing off; it only changes prices.",
            )
            .to_string(),
        );
    }
    let mut pos: BTreeMap<Elem, usize> = BTreeMap::new();
    for v in &relevant {
        let vendor = m.vendor(*v);
        let origin = cut.get(v).copied().unwrap_or_default();
        let mut lines = wrap(&vendor.name, NAME_WIDTH, 2);
        lines.push(say!(
            w,
            format!("abgeschnitten ({origin})"),
            format!("cut off ({origin})"),
        ));
        pos.insert(Elem::Vendor(*v), d.items.len());
        d.items.push(Item {
            elem: Elem::Vendor(*v),
            lines,
            tooltip: format!(
                "{} ({}, {}): {origin}",
                vendor.name, vendor.id, vendor.country
            ),
            cluster: vendor_cluster,
            fill: CUT_VENDOR,
            shape: Shape::Octagon,
            strong: true,
            fold: Some(Owner::Group(g.top_parent(*v))),
            metric: None,
        });
    }
    let mut price_items = Vec::new();
    for shock in shocks {
        let Some(v) = m.vendor_id(&shock.vendor) else {
            continue;
        };
        let mut lines = wrap(&shock.name, NAME_WIDTH, 2);
        lines.push(say!(
            w,
            format!(
                "Preise ×{}: +{}/Jahr",
                w.dec1(shock.factor),
                w.money(shock.added_annual_cost, &m.organisation.currency)
            ),
            format!(
                "prices ×{}: +{}/year",
                w.dec1(shock.factor),
                w.money(shock.added_annual_cost, &m.organisation.currency)
            ),
        ));
        price_items.push((d.items.len(), shock));
        d.items.push(Item {
            elem: Elem::Vendor(v),
            lines,
            tooltip: format!(
                "{} ({}): ×{}; {}",
                shock.name,
                shock.vendor,
                shock.factor,
                shock.contracts.join(", ")
            ),
            cluster: price_cluster,
            fill: PRICE_VENDOR,
            shape: Shape::Octagon,
            strong: true,
            fold: None,
            metric: None,
        });
    }
    let restore = |x: Option<f64>| match x {
        Some(hours) => say!(
            w,
            format!("zurück nach ~{}", w.span_dative(hours / 24.0)),
            format!("back after ~{}", w.span_dative(hours / 24.0)),
        ),
        None => w
            .pick("kein Weg zurück bekannt", "no known way back")
            .to_string(),
    };
    for s in &in_use {
        let sys = m.system(*s);
        let res = sys_result.get(sys.id.as_str()).copied();
        let mut lines = wrap(&sys.name, NAME_WIDTH, 2);
        let (cluster, fill) = match res.and_then(|x| x.down_from_day.map(|d| (x, d))) {
            Some((x, day)) => {
                let direct = x.cause.starts_with("system:");
                lines.push(if direct {
                    w.pick("direkt abgeschnitten", "cut directly").to_string()
                } else {
                    say!(w, format!("ab Tag {day}"), format!("from day {day}"))
                });
                lines.push(restore(x.restore_hours));
                (
                    days.binary_search(&day).ok().map(|k| first_day_cluster + k),
                    day_fill(day),
                )
            }
            None => {
                match res.map(|x| x.state) {
                    Some(State::Unsupported) => {
                        lines.push(w.pick("ohne Support", "unsupported").to_string())
                    }
                    Some(State::Degraded) => {
                        lines.push(w.pick("eingeschränkt", "degraded").to_string())
                    }
                    _ => {}
                }
                (Some(survivor_cluster), SURVIVOR)
            }
        };
        pos.insert(Elem::System(*s), d.items.len());
        d.items.push(Item {
            elem: Elem::System(*s),
            lines,
            tooltip: system_tooltip(g, *s, "", w),
            cluster,
            fill,
            shape: Shape::Box,
            strong: false,
            fold: Some(Owner::of_system(g, *s)),
            metric: None,
        });
    }
    for sv in m.service_ids() {
        let service = m.service(sv);
        let res = svc_result.get(service.id.as_str()).copied();
        let mut lines = wrap(&service.name, NAME_WIDTH, 2);
        let mut strong = false;
        let (cluster, fill) = match res.and_then(|x| x.down_from_day.map(|d| (x, d))) {
            Some((x, day)) => {
                lines.push(say!(w, format!("ab Tag {day}"), format!("from day {day}")));
                lines.push(restore(x.restore_hours));
                if x.breach {
                    strong = true;
                    lines.push(match x.max_outage_days {
                        Some(max) => say!(
                            w,
                            format!("⚠ erlaubt: {} Tage", w.int(max.round() as i64)),
                            format!("⚠ allowed: {} days", w.int(max.round() as i64)),
                        ),
                        None => w.pick("⚠ kein Weg zurück", "⚠ no way back").to_string(),
                    });
                }
                (
                    days.binary_search(&day).ok().map(|k| first_day_cluster + k),
                    day_fill(day),
                )
            }
            None => {
                match res.map(|x| x.state) {
                    Some(State::Unsupported) => {
                        lines.push(w.pick("ohne Support", "unsupported").to_string())
                    }
                    Some(State::Degraded) => {
                        lines.push(w.pick("eingeschränkt", "degraded").to_string())
                    }
                    _ => {}
                }
                (Some(survivor_cluster), SURVIVOR)
            }
        };
        pos.insert(Elem::Service(sv), d.items.len());
        d.items.push(Item {
            elem: Elem::Service(sv),
            lines,
            tooltip: format!("{} ({}), {}", service.name, service.id, service.criticality),
            cluster,
            fill,
            shape: Shape::Ellipse,
            strong,
            fold: Some(Owner::Services(0)),
            metric: None,
        });
    }
    let at = |e: Elem| pos.get(&e).copied();
    // The next link of a cause chain: a system id, or `vendor:ID` (ids have
    // no colon; cut labels do).
    let next_system = |link: &str| {
        Some(link)
            .filter(|c| !c.contains(':'))
            .and_then(|c| m.system_id(c))
    };
    let next_vendor = |link: &str| link.strip_prefix("vendor:").and_then(|c| m.vendor_id(c));
    for x in &r.systems {
        let Some(sid) = m.system_id(&x.id) else {
            continue;
        };
        let Some(from) = at(Elem::System(sid)) else {
            continue;
        };
        let sys = m.system(sid);
        let (to, kind) = match (
            x.down_from_day,
            next_system(&x.cause),
            next_vendor(&x.cause),
        ) {
            (Some(_), Some(t), _) => (at(Elem::System(t)), LinkKind::Cause),
            (Some(day), None, Some(v)) => {
                let kind = if day == 0 && sys.operator == Party::Vendor(v) {
                    LinkKind::Operator
                } else {
                    LinkKind::Licence(day)
                };
                (at(Elem::Vendor(v)), kind)
            }
            (None, Some(t), _) => (at(Elem::System(t)), LinkKind::Degrades),
            (None, None, Some(v)) => (at(Elem::Vendor(v)), LinkKind::Unsupported),
            _ => (None, LinkKind::Cause),
        };
        if let Some(to) = to {
            d.link(from, to, kind);
        }
    }
    for x in &r.services {
        let Some(sv) = m.service_id(&x.id) else {
            continue;
        };
        let (Some(from), Some(t)) = (at(Elem::Service(sv)), next_system(&x.cause)) else {
            continue;
        };
        if let Some(to) = at(Elem::System(t)) {
            let kind = if x.down_from_day.is_some() {
                LinkKind::Cause
            } else {
                LinkKind::Degrades
            };
            d.link(from, to, kind);
        }
    }
    // Price shocks: the systems that leaving the vendor means switching.
    for (to, shock) in &price_items {
        for id in &shock.systems {
            if let Some(from) = m.system_id(id).and_then(|s| at(Elem::System(s))) {
                d.link(from, *to, LinkKind::Price);
            }
        }
    }
    let kinds: BTreeSet<LinkKind> = d
        .links
        .iter()
        .map(|l| match l.kind {
            LinkKind::Licence(_) => LinkKind::Licence(0),
            LinkKind::Operator => LinkKind::Cause,
            k => k,
        })
        .collect();
    d.legend = cutoff_legend(&days, !relevant.is_empty(), &kinds, w);
    d
}

fn cutoff_legend(days: &[u32], cut: bool, kinds: &BTreeSet<LinkKind>, w: Tr) -> Legend {
    let prices = kinds.contains(&LinkKind::Price);
    let mut day_items: Vec<LegendItem> = days
        .iter()
        .take(DAY_REDS.len())
        .enumerate()
        .map(|(i, day)| LegendItem::Swatch {
            fill: DAY_REDS[i],
            shape: Shape::Box,
            label: if i + 1 == DAY_REDS.len() && days.len() > DAY_REDS.len() {
                say!(
                    w,
                    format!("ab Tag {day} und später"),
                    format!("from day {day} on"),
                )
            } else {
                say!(
                    w,
                    format!("ausgefallen ab Tag {day}"),
                    format!("down from day {day}"),
                )
            },
        })
        .collect();
    day_items.push(LegendItem::Swatch {
        fill: SURVIVOR,
        shape: Shape::Box,
        label: w.pick("läuft weiter", "keeps running").into(),
    });
    if cut {
        day_items.push(LegendItem::Swatch {
            fill: CUT_VENDOR,
            shape: Shape::Octagon,
            label: w.pick("abgeschnittener Anbieter", "cut vendor").into(),
        });
    }
    if prices {
        day_items.push(LegendItem::Swatch {
            fill: PRICE_VENDOR,
            shape: Shape::Octagon,
            label: w
                .pick("Anbieter mit Preisänderung", "vendor with a price change")
                .into(),
        });
    }
    day_items.push(LegendItem::Text(
        w.pick(
            "Kästen: Systeme; Ellipsen: Dienste; ⚠: länger aus als erlaubt",
            "Boxes: systems; ellipses: services; ⚠: down longer than allowed",
        )
        .into(),
    ));
    // Only the kinds of edge the diagram has.
    let edge_items: Vec<LegendItem> = [
        (
            LinkKind::Cause,
            w.pick("fällt aus wegen", "goes down because of"),
        ),
        (
            LinkKind::Licence(0),
            w.pick(
                "Lizenzprüfung läuft ab (Hersteller abgeschnitten)",
                "licence check runs out (maker cut off)",
            ),
        ),
        (
            LinkKind::Unsupported,
            w.pick("läuft ohne Support weiter", "keeps running without support"),
        ),
        (
            LinkKind::Degrades,
            w.pick("läuft eingeschränkt weiter", "keeps running, degraded"),
        ),
        (
            LinkKind::Price,
            w.pick(
                "müsste beim Wechsel mit gewechselt werden",
                "would have to be switched too",
            ),
        ),
    ]
    .into_iter()
    .filter(|(k, _)| kinds.contains(k))
    .map(|(k, label)| line_item(k, label, w))
    .collect();
    let mut sections = vec![LegendSection {
        heading: w.pick("Elemente", "Elements").into(),
        items: day_items,
    }];
    if !edge_items.is_empty() {
        sections.push(LegendSection {
            heading: w.pick("Kanten", "Edges").into(),
            items: edge_items,
        });
    }
    Legend {
        title: w.pick("Legende", "Legend").to_string(),
        sections,
    }
}
