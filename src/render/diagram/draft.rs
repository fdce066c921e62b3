//! The model-level draft of a graph view, and the two ways of making it
//! smaller: the focus (neighbourhood of one element) and the roll-up
//! (systems folded into their vendor group).
//!
//! A view first describes every element it would show as an [`Item`] that
//! remembers which system, service or vendor it stands for, and every
//! relation as a [`Link`] of a [`LinkKind`]. [`focus`] keeps the items
//! within N links of the focus; [`roll_up`] folds systems when there are
//! more than the node limit. Only then is the draft turned into a
//! renderer-independent [`Net`] ([`to_net`]). Every step that leaves
//! something out says so in a note: diagrams never truncate silently.
//!
//! The roll-up rule (`docs/diagrams.md`):
//! 1. foldable items are folded into one node per cluster and vendor group
//!    (systems, cut vendors) or per cluster and class (services), with
//!    their count; a group of one stays as it is; what a view is about
//!    (the hotspots, price-shocked vendors) is never folded;
//! 2. if there are still more nodes than the limit, the smallest groups of
//!    each cluster (fewest systems, then id) go into one "other vendor
//!    groups" node per cluster, smallest first, until the limit is met;
//! 3. the links between the same two nodes are merged into one with their
//!    total count (drawn thicker the more it stands for: 1 + log10(count)
//!    points, at most 3; in the style of its most frequent kind); if more
//!    links than nodes remain, the links with the smallest counts are left
//!    out (never the last link of a node) and the note says how many.

use crate::graph::Graph;
use crate::model::{ServiceId, SystemId, VendorId};
use crate::render::dot::{
    Cluster, Direction, Head, Legend, LineStyle, Net, NetEdge, NetNode, Shape,
};
use crate::render::i18n::{Tr, say};
use crate::render::svg::text_on;
use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};

/// What an item stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Elem {
    System(SystemId),
    Service(ServiceId),
    Vendor(VendorId),
}

/// What an item folds into: a system (or cut vendor) into its vendor group
/// (the top of its maker's ownership chain, or the organisation itself);
/// a service into the services of the same class (a view's own number:
/// "fails" and "keeps running" in the hotspots) within its cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Owner {
    Own,
    Group(VendorId),
    Services(u8),
}

impl Owner {
    pub fn of_system(g: &Graph, s: SystemId) -> Owner {
        match g.model().system(s).vendor {
            crate::model::Party::Own => Owner::Own,
            crate::model::Party::Vendor(v) => Owner::Group(g.top_parent(v)),
        }
    }

    pub fn name(self, g: &Graph, w: Tr) -> String {
        match self {
            Owner::Own => w.pick("Eigenentwicklung", "In-house").to_string(),
            Owner::Services(_) => w.pick("Dienste", "Services").to_string(),
            Owner::Group(v) => {
                let vendor = g.model().vendor(v);
                format!("{} ({})", vendor.name, vendor.country)
            }
        }
    }
}

/// One element to draw.
#[derive(Clone, Debug)]
pub struct Item {
    pub elem: Elem,
    pub lines: Vec<String>,
    pub tooltip: String,
    pub cluster: Option<usize>,
    pub fill: &'static str,
    pub shape: Shape,
    pub strong: bool,
    /// The vendor group a system may be folded into; `None`: never folded.
    pub fold: Option<Owner>,
    /// The value a folded node summarises by its maximum (lock-in score).
    pub metric: Option<f64>,
}

/// What a link means; decides how it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    /// A plain `depends_on` entry.
    Depends,
    /// A member of an `any` group (redundant).
    AnyOf,
    /// An interface; `open` decides solid or dashed, `hard` the arrow head.
    Interface { open: bool, hard: bool },
    /// A service that fails when the target alone is cut.
    Fails,
    /// A service or system that rests on the target but keeps running.
    Degrades,
    /// Went down because the target went down.
    Cause,
    /// Went down because its operator was cut.
    Operator,
    /// Went down on this day because its vendor was cut and the licence check ran out.
    Licence(u32),
    /// Keeps running without support from a cut vendor.
    Unsupported,
    /// Made or operated by a vendor whose prices change.
    Price,
}

/// Colours of links, shared with the legends.
pub const DEP: &str = "#555555";
pub const IFACE: &str = "#1f5fa8";
pub const FAIL: &str = "#b2182b";
pub const SOFT: &str = "#9a9a9a";
pub const PRICE: &str = "#d35400";

impl LinkKind {
    /// Style, colour, head, width and label.
    pub fn look(self, w: Tr) -> (LineStyle, &'static str, Head, u8, Option<String>) {
        match self {
            LinkKind::Depends => (LineStyle::Solid, DEP, Head::Normal, 1, None),
            LinkKind::AnyOf => (LineStyle::Solid, DEP, Head::Empty, 1, None),
            LinkKind::Interface { open, hard } => (
                if open {
                    LineStyle::Solid
                } else {
                    LineStyle::Dashed
                },
                IFACE,
                if hard { Head::Normal } else { Head::Empty },
                1,
                None,
            ),
            LinkKind::Fails => (LineStyle::Solid, FAIL, Head::Normal, 2, None),
            LinkKind::Degrades => (LineStyle::Dashed, SOFT, Head::Empty, 1, None),
            LinkKind::Cause => (LineStyle::Solid, FAIL, Head::Normal, 2, None),
            LinkKind::Operator => (
                LineStyle::Solid,
                FAIL,
                Head::Normal,
                2,
                Some(w.pick("Betreiber", "operator").into()),
            ),
            LinkKind::Licence(d) => (
                LineStyle::Dashed,
                FAIL,
                Head::Normal,
                2,
                Some(say!(
                    w,
                    format!("Lizenzprüfung, Tag {d}"),
                    format!("licence check, day {d}"),
                )),
            ),
            LinkKind::Unsupported => (
                LineStyle::Dotted,
                SOFT,
                Head::Empty,
                1,
                Some(w.pick("ohne Support", "unsupported").into()),
            ),
            LinkKind::Price => (LineStyle::Dotted, PRICE, Head::Normal, 1, None),
        }
    }
}

/// A relation between two items (positions in [`Draft::items`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub kind: LinkKind,
    /// How many relations the link stands for (more than 1 after a roll-up).
    pub count: usize,
}

/// A graph view before focus and roll-up.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub name: &'static str,
    pub title: String,
    pub notes: Vec<String>,
    pub direction: Direction,
    pub clusters: Vec<Cluster>,
    pub items: Vec<Item>,
    pub links: Vec<Link>,
    pub legend: Legend,
    /// See [`Net::fallback_cluster_note`].
    pub fallback_cluster_note: Option<String>,
    /// The clusters are the vendor groups themselves: rolled up, each group
    /// is one node, so the clusters are dropped.
    pub clusters_are_groups: bool,
    /// The name of the metric a folded node shows as its maximum.
    pub metric_name: Option<(&'static str, &'static str)>,
    /// The fill of a folded node from its maximum metric.
    pub metric_fill: Option<fn(f64) -> &'static str>,
    /// The links already in [`Draft::links`], for [`Draft::link`] to add
    /// each once in constant time (a landscape of 100,000 systems has
    /// hundreds of thousands); rebuilt when `links` was changed directly.
    pub(super) seen: HashSet<Link>,
}

impl Draft {
    /// Adds a link once (the same kind between the same items is kept once).
    pub fn link(&mut self, from: usize, to: usize, kind: LinkKind) {
        if from == to {
            return;
        }
        let l = Link {
            from,
            to,
            kind,
            count: 1,
        };
        if self.seen.len() != self.links.len() {
            self.seen = self.links.iter().copied().collect();
        }
        if self.seen.insert(l) {
            self.links.push(l);
        }
    }
}

/// Keeps the items within `depth` links (in either direction) of the seed
/// items, and the links between them. Returns how many items were left out.
pub fn focus(d: &mut Draft, seeds: &[usize], depth: u32) -> usize {
    let n = d.items.len();
    let mut adj = vec![Vec::new(); n];
    for l in &d.links {
        adj[l.from].push(l.to);
        adj[l.to].push(l.from);
    }
    let mut dist = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    for &s in seeds {
        if dist[s] == u32::MAX {
            dist[s] = 0;
            queue.push_back(s);
        }
    }
    while let Some(x) = queue.pop_front() {
        if dist[x] >= depth {
            continue;
        }
        for &y in &adj[x] {
            if dist[y] == u32::MAX {
                dist[y] = dist[x] + 1;
                queue.push_back(y);
            }
        }
    }
    let keep: Vec<bool> = dist.iter().map(|d| *d != u32::MAX).collect();
    retain(d, &keep)
}

/// Keeps the marked items; returns how many were dropped.
fn retain(d: &mut Draft, keep: &[bool]) -> usize {
    let mut map = vec![usize::MAX; d.items.len()];
    let mut items = Vec::new();
    for (i, it) in std::mem::take(&mut d.items).into_iter().enumerate() {
        if keep[i] {
            map[i] = items.len();
            items.push(it);
        }
    }
    let dropped = keep.len() - items.len();
    d.items = items;
    d.seen.clear();
    d.links = d
        .links
        .iter()
        .filter(|l| map[l.from] != usize::MAX && map[l.to] != usize::MAX)
        .map(|l| Link {
            from: map[l.from],
            to: map[l.to],
            ..*l
        })
        .collect();
    // Drop clusters left empty, keeping the order of the rest.
    let used: BTreeSet<usize> = d.items.iter().filter_map(|i| i.cluster).collect();
    let mut cmap = vec![None; d.clusters.len()];
    let mut clusters = Vec::new();
    for (ci, c) in std::mem::take(&mut d.clusters).into_iter().enumerate() {
        if used.contains(&ci) {
            cmap[ci] = Some(clusters.len());
            clusters.push(c);
        }
    }
    d.clusters = clusters;
    for it in &mut d.items {
        it.cluster = it.cluster.and_then(|c| cmap[c]);
    }
    dropped
}

/// The result of a roll-up, for the notes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RollUp {
    /// Items before.
    pub before: usize,
    /// Nodes after.
    pub after: usize,
    /// Elements (systems, vendors, services) folded into group nodes.
    pub folded: usize,
    /// Group nodes made.
    pub groups: usize,
    /// Groups folded further into "other vendor groups" nodes.
    pub others: usize,
    /// Links merged away / left out.
    pub links_before: usize,
    pub links_after: usize,
    pub links_omitted: usize,
}

/// A member list for a tooltip: the first 25 names, then how many more.
fn member_list(names: &[String], w: Tr) -> String {
    let mut out: Vec<String> = names.iter().take(25).cloned().collect();
    if names.len() > 25 {
        out.push(say!(
            w,
            format!("und {} weitere", names.len() - 25),
            format!("and {} more", names.len() - 25),
        ));
    }
    out.join(", ")
}

/// Folds systems into their vendor groups (and small groups into "other")
/// until the draft has at most `max` nodes. Does nothing when it already
/// fits. Returns what it did.
pub fn roll_up(d: &mut Draft, g: &Graph, max: usize, w: Tr) -> Option<RollUp> {
    if d.items.len() <= max {
        return None;
    }
    let m = g.model();
    let mut r = RollUp {
        before: d.items.len(),
        links_before: d.links.len(),
        ..RollUp::default()
    };
    let ungroup = d.clusters_are_groups;
    // Bucket key: (cluster, owner); members in item order.
    let mut buckets: BTreeMap<(Option<usize>, Owner), Vec<usize>> = BTreeMap::new();
    for (i, it) in d.items.iter().enumerate() {
        if let Some(o) = it.fold {
            buckets.entry((it.cluster, o)).or_default().push(i);
        }
    }
    let pinned = d.items.iter().filter(|i| i.fold.is_none()).count();
    // Stage 2 plan: which buckets go into "other" (per cluster).
    let mut order: Vec<(&(Option<usize>, Owner), usize)> =
        buckets.iter().map(|(k, v)| (k, v.len())).collect();
    // Smallest first; ties: later owner id first, so that the larger ids go first.
    order.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(a.0)));
    let mut to_other: BTreeSet<(Option<usize>, Owner)> = BTreeSet::new();
    let count = |to_other: &BTreeSet<(Option<usize>, Owner)>| {
        let other_clusters: BTreeSet<Option<usize>> = to_other
            .iter()
            .map(|(c, _)| if ungroup { None } else { *c })
            .collect();
        pinned + (buckets.len() - to_other.len()) + other_clusters.len()
    };
    // Services stay in their own nodes: "other vendor groups" holds systems
    // and vendors only.
    for (k, _) in order
        .iter()
        .filter(|(k, _)| !matches!(k.1, Owner::Services(_)))
    {
        if count(&to_other) <= max {
            break;
        }
        to_other.insert(**k);
    }
    // Build the new items: pinned ones, then one node per bucket or "other".
    let mut map = vec![usize::MAX; d.items.len()];
    let mut items: Vec<Item> = Vec::new();
    for (i, it) in d.items.iter().enumerate() {
        if it.fold.is_none() {
            map[i] = items.len();
            items.push(it.clone());
        }
    }
    let mut others: BTreeMap<Option<usize>, (usize, Vec<usize>)> = BTreeMap::new();
    for (key, members) in &buckets {
        let (cluster, owner) = *key;
        let cluster = if ungroup { None } else { cluster };
        if to_other.contains(key) {
            let e = others.entry(cluster).or_insert((0, Vec::new()));
            e.0 += 1;
            e.1.extend(members.iter().copied());
            continue;
        }
        if members.len() == 1 {
            let i = members[0];
            map[i] = items.len();
            let mut it = d.items[i].clone();
            it.cluster = cluster;
            if ungroup {
                it.lines.insert(0, owner.name(g, w));
            }
            items.push(it);
            continue;
        }
        r.groups += 1;
        r.folded += members.len();
        let names: Vec<String> = members
            .iter()
            .filter_map(|i| match d.items[*i].elem {
                Elem::System(s) => Some(m.system(s).name.clone()),
                _ => None,
            })
            .collect();
        let item = folded_item(
            d,
            members,
            cluster,
            owner.name(g, w),
            format!("{}: {}", owner.name(g, w), member_list(&names, w)),
            w,
        );
        for i in members {
            map[*i] = items.len();
        }
        items.push(item);
    }
    for (cluster, (groups, members)) in &others {
        r.others += groups;
        r.folded += members.len();
        let title = say!(
            w,
            format!("{} weitere Anbietergruppen", w.int(*groups as i64)),
            format!("{} other vendor groups", w.int(*groups as i64)),
        );
        let item = folded_item(d, members, *cluster, title.clone(), title, w);
        for i in members {
            map[*i] = items.len();
        }
        items.push(item);
    }
    // Merge the links between the same two nodes: the total count, drawn
    // in the style of the most frequent kind (ties: the first kind).
    let mut merged: BTreeMap<(usize, usize), BTreeMap<LinkKind, usize>> = BTreeMap::new();
    for l in &d.links {
        let (a, b) = (map[l.from], map[l.to]);
        if a != b {
            *merged.entry((a, b)).or_default().entry(l.kind).or_default() += l.count;
        }
    }
    let mut links: Vec<(usize, usize, LinkKind, usize)> = merged
        .into_iter()
        .map(|((a, b), kinds)| {
            let total = kinds.values().sum();
            let kind = kinds
                .iter()
                .fold(None, |best: Option<(LinkKind, usize)>, (k, n)| match best {
                    Some((_, bn)) if bn >= *n => best,
                    _ => Some((*k, *n)),
                })
                .map(|(k, _)| k)
                .unwrap_or(LinkKind::Depends);
            (a, b, kind, total)
        })
        .collect();
    let budget = items.len();
    if links.len() > budget {
        // Leave out the lightest links first (ties: the later one), but
        // never the last link of a node: a node is drawn for its links.
        let mut degree = vec![0usize; items.len()];
        for l in &links {
            degree[l.0] += 1;
            degree[l.1] += 1;
        }
        let mut idx: Vec<usize> = (0..links.len()).collect();
        idx.sort_by(|x, y| links[*x].3.cmp(&links[*y].3).then(y.cmp(x)));
        let mut drop = vec![false; links.len()];
        let mut left = links.len();
        for i in idx {
            if left <= budget {
                break;
            }
            let (a, b) = (links[i].0, links[i].1);
            if degree[a] > 1 && degree[b] > 1 {
                degree[a] -= 1;
                degree[b] -= 1;
                drop[i] = true;
                left -= 1;
            }
        }
        r.links_omitted = links.len() - left;
        links = links
            .into_iter()
            .zip(drop)
            .filter(|(_, d)| !d)
            .map(|(l, _)| l)
            .collect();
    }
    d.items = items;
    d.seen.clear();
    d.links = links
        .iter()
        .map(|(a, b, k, n)| Link {
            from: *a,
            to: *b,
            kind: *k,
            count: *n,
        })
        .collect();
    if ungroup {
        d.clusters.clear();
    }
    r.after = d.items.len();
    r.links_after = d.links.len();
    Some(r)
}

fn folded_item(
    d: &Draft,
    members: &[usize],
    cluster: Option<usize>,
    title: String,
    tooltip: String,
    w: Tr,
) -> Item {
    let max = members
        .iter()
        .filter_map(|i| d.items[*i].metric)
        .fold(None, |acc: Option<f64>, x| {
            Some(acc.map_or(x, |a| a.max(x)))
        });
    let mut lines = match d.items[members[0]].elem {
        Elem::Service(_) => Vec::new(),
        _ => super::wrap(&title, 26, 2),
    };
    lines.push(match d.items[members[0]].elem {
        Elem::Vendor(_) => w.vendors(members.len()),
        Elem::Service(_) => w.services(members.len()),
        Elem::System(_) => w.systems(members.len()),
    });
    let fill = match (max, d.metric_fill) {
        (Some(x), Some(f)) => f(x),
        _ => d.items[members[0]].fill,
    };
    if let (Some(x), Some((de, en))) = (max, d.metric_name) {
        lines.push(format!("{} {}", w.pick(de, en), w.dec1(x)));
    }
    Item {
        elem: d.items[members[0]].elem,
        lines,
        tooltip,
        cluster,
        fill,
        shape: d.items[members[0]].shape,
        strong: true,
        fold: None,
        metric: max,
    }
}

/// The key of an item in DOT (quoted there): kind prefix and the user id.
fn key_of(g: &Graph, it: &Item, i: usize) -> String {
    // The position makes keys unique: a folded node stands for several
    // elements and carries its first member's.
    let m = g.model();
    match it.elem {
        Elem::System(s) => format!("system:{}#{i}", m.system(s).id),
        Elem::Service(s) => format!("service:{}#{i}", m.service(s).id),
        Elem::Vendor(v) => format!("vendor:{}#{i}", m.vendor(v).id),
    }
}

/// The net of a draft: nodes in item order, links with their counts.
pub fn to_net(d: Draft, g: &Graph, w: Tr) -> Net {
    let pack = d.clusters.is_empty();
    let nodes: Vec<NetNode> = d
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| NetNode {
            key: key_of(g, it, i),
            lines: it.lines.clone(),
            tooltip: it.tooltip.clone(),
            cluster: it.cluster,
            fill: it.fill,
            font: text_on(it.fill),
            shape: it.shape,
            strong: it.strong,
        })
        .collect();
    let edges: Vec<NetEdge> = d
        .links
        .iter()
        .map(|l| {
            let (style, colour, head, width, label) = l.kind.look(w);
            let n = l.count;
            // Thicker with the number of relations: 1 + log10(count), at most 3.
            let width = width.max((1.0 + (n.max(1) as f64).log10()).min(3.0) as u8);
            let label = if n > 1 {
                Some(match label {
                    Some(t) => format!("{t} ×{n}"),
                    None => format!("×{n}"),
                })
            } else {
                label
            };
            NetEdge {
                from: l.from,
                to: l.to,
                style,
                colour,
                head,
                width,
                label,
            }
        })
        .collect();
    Net {
        name: d.name.to_string(),
        title: d.title,
        notes: d.notes,
        direction: d.direction,
        clusters: d.clusters,
        nodes,
        edges,
        legend: d.legend,
        fallback_cluster_note: d.fallback_cluster_note,
        pack,
    }
}
