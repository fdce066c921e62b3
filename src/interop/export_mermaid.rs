//! A Mermaid flowchart for wikis (GitLab, GitHub, Confluence with the
//! Mermaid macro): services on the left, then systems, then vendors.
//!
//! - services are stadium shapes, systems rectangles, vendors hexagons;
//! - `needs` and `depends_on` are solid arrows (`any` groups dotted),
//!   interfaces solid (hard) or dotted (soft) arrows labelled with their
//!   id, vendors dotted arrows labelled `vendor` / `operator` / `owned by`;
//! - nodes whose vendor or operator is exposed to a jurisdiction outside
//!   the trusted set get the class `untrusted` (red outline).
//!
//! Node ids are generated (`sys0`, `ven0`, `svc0`), so no user text can
//! break the syntax; labels are quoted and every character Mermaid or the
//! HTML it renders treats specially is written as a Mermaid entity code
//! (`#quot;`, `#35;`, `#lt;` ...).
//!
//! Mermaid refuses to draw a diagram past its default limits (`maxTextSize`
//! 50,000 characters, `maxEdges` 500). [`render_fitting`] rolls a landscape
//! that would pass them up, as the diagrams do: systems fold into one node
//! per vendor group (the top of the maker's ownership chain; in-house
//! systems into one node), links between the same two nodes merge into one
//! with their count; if that is still too large, services fold into one
//! node per criticality. The result says what it did, for the warning.

use crate::graph::Graph;
use crate::model::{Criticality, Dependency, Party, VendorId};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Mermaid's default limits (`mermaid.initialize`: `maxTextSize`, `maxEdges`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Characters of diagram text (JavaScript string length: UTF-16 units).
    pub max_chars: usize,
    /// Links (edges).
    pub max_edges: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_chars: 50_000,
            max_edges: 500,
        }
    }
}

/// A written diagram and its size.
#[derive(Clone, Debug)]
pub struct Mermaid {
    pub text: String,
    /// Characters as Mermaid counts them (UTF-16 units).
    pub chars: usize,
    pub edges: usize,
    /// `Some` when the landscape was rolled up to fit.
    pub rolled: Option<Rolled>,
}

/// What a roll-up did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rolled {
    /// Size of the full diagram.
    pub full_chars: usize,
    pub full_edges: usize,
    pub systems: usize,
    /// Vendor-group nodes the systems were folded into.
    pub groups: usize,
    /// Whether services were folded into one node per criticality.
    pub services_folded: bool,
    /// The smallest vendor groups folded into one "other vendor groups" node.
    pub others: usize,
}

/// Too large even rolled up (too many vendor groups).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    pub full_chars: usize,
    pub full_edges: usize,
    pub chars: usize,
    pub edges: usize,
    pub groups: usize,
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// Links: lines with an arrow (labels cannot hold `>`: it is written `#gt;`).
fn count_edges(s: &str) -> usize {
    s.lines()
        .filter(|l| !l.trim_start().starts_with("%%") && (l.contains("-->") || l.contains("-.->")))
        .count()
}

fn fits(text: &str, limits: Limits) -> bool {
    utf16_len(text) <= limits.max_chars && count_edges(text) <= limits.max_edges
}

/// The full diagram when it fits Mermaid's limits, else the landscape
/// rolled up to vendor groups (and, if needed, services by criticality).
pub fn render_fitting(g: &Graph, limits: Limits) -> Result<Mermaid, TooLarge> {
    let full = render(g);
    let (full_chars, full_edges) = (utf16_len(&full), count_edges(&full));
    if full_chars <= limits.max_chars && full_edges <= limits.max_edges {
        return Ok(Mermaid {
            text: full,
            chars: full_chars,
            edges: full_edges,
            rolled: None,
        });
    }
    let full = (full_chars, full_edges);
    let done = |r: RolledText, fold_services: bool| {
        let (chars, edges) = (utf16_len(&r.text), count_edges(&r.text));
        Mermaid {
            text: r.text,
            chars,
            edges,
            rolled: Some(Rolled {
                full_chars,
                full_edges,
                systems: g.model().systems.len(),
                groups: r.groups,
                services_folded: fold_services,
                others: r.others,
            }),
        }
    };
    for fold_services in [false, true] {
        let r = rolled_up(g, fold_services, None, full);
        if fits(&r.text, limits) {
            return Ok(done(r, fold_services));
        }
    }
    // Keep the largest groups that fit; the others become one node. The
    // size grows with the groups kept: search the largest count that fits.
    let all = rolled_up(g, true, None, full).groups;
    // At least one group stays: a single "other" node would say nothing.
    let (mut lo, mut hi) = (1usize, all.saturating_sub(1).max(1));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(&rolled_up(g, true, Some(mid), full).text, limits) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let r = rolled_up(g, true, Some(lo), full);
    if fits(&r.text, limits) {
        return Ok(done(r, true));
    }
    Err(TooLarge {
        full_chars,
        full_edges,
        chars: utf16_len(&r.text),
        edges: count_edges(&r.text),
        groups: all,
    })
}

/// A rolled-up diagram and how many vendor groups it shows and folded.
struct RolledText {
    text: String,
    /// Vendor groups of the systems (before folding the smallest).
    groups: usize,
    /// Groups folded into "other vendor groups".
    others: usize,
}

/// The size of a diagram text as Mermaid measures it: characters, links.
pub fn size(text: &str) -> (usize, usize) {
    (utf16_len(text), count_edges(text))
}

/// A vendor group: the top of a maker's ownership chain, or in-house, or
/// the smallest groups together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Own,
    Vendor(VendorId),
    Other,
}

/// The landscape with systems folded into vendor groups; with `keep`, only
/// the largest `keep` groups (most systems; ties: first seen) stay, the
/// others become one node.
fn rolled_up(
    g: &Graph,
    fold_services: bool,
    keep: Option<usize>,
    (full_chars, full_edges): (usize, usize),
) -> RolledText {
    let m = g.model();
    let group_of = |p: Party| match p {
        Party::Own => Group::Own,
        Party::Vendor(v) => Group::Vendor(g.top_parent(v)),
    };
    let mut sys_group: Vec<Group> = m.systems.iter().map(|x| group_of(x.vendor)).collect();
    // Groups in order of first appearance among the systems.
    let count_groups = |sys_group: &[Group]| {
        let mut groups: Vec<(Group, usize)> = Vec::new();
        let mut index: BTreeMap<Group, usize> = BTreeMap::new();
        for gr in sys_group {
            match index.get(gr) {
                Some(&i) => groups[i].1 += 1,
                None => {
                    index.insert(*gr, groups.len());
                    groups.push((*gr, 1));
                }
            }
        }
        groups
    };
    let mut groups = count_groups(&sys_group);
    let all_groups = groups.len();
    let mut others = 0;
    if let Some(k) = keep
        && groups.len() > k
    {
        let mut by_size: Vec<(usize, usize)> = groups
            .iter()
            .enumerate()
            .map(|(i, (_, n))| (i, *n))
            .collect();
        by_size.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let kept: std::collections::BTreeSet<Group> =
            by_size.iter().take(k).map(|(i, _)| groups[*i].0).collect();
        others = groups.len() - k;
        for gr in sys_group.iter_mut() {
            if !kept.contains(gr) {
                *gr = Group::Other;
            }
        }
        groups = count_groups(&sys_group);
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "%% exitgraph landscape: {}",
        label(&m.organisation.name).replace("%%", "% %")
    );
    let _ = writeln!(
        s,
        "%% rolled up: the full diagram ({full_edges} links, {full_chars} characters) is past Mermaid's limits; {} systems folded into {all_groups} vendor groups{}{}",
        m.systems.len(),
        if others > 0 {
            format!(", the {others} smallest of them into one node")
        } else {
            String::new()
        },
        if fold_services {
            ", services into one node per criticality"
        } else {
            ""
        }
    );
    s.push_str(
        "flowchart LR
",
    );
    s.push_str(
        "  classDef untrusted stroke:#c00,stroke-width:3px
",
    );
    // Service nodes: each service, or one per criticality.
    let crits = [
        Criticality::Critical,
        Criticality::High,
        Criticality::Medium,
        Criticality::Low,
    ];
    let svc_node = |i: usize| -> String {
        if fold_services {
            let c = m.services[i].criticality;
            format!("svc{}", crits.iter().position(|x| *x == c).unwrap_or(0))
        } else {
            format!("svc{i}")
        }
    };
    if !m.services.is_empty() {
        s.push_str("  subgraph services[\"Services\"]\n");
        if fold_services {
            for (k, c) in crits.iter().enumerate() {
                let n = m.services.iter().filter(|x| x.criticality == *c).count();
                if n > 0 {
                    let _ = writeln!(
                        s,
                        "    svc{k}([\"{n} {} service{}\"])",
                        c.as_str(),
                        if n == 1 { "" } else { "s" }
                    );
                }
            }
        } else {
            for (i, x) in m.services.iter().enumerate() {
                let _ = writeln!(s, "    svc{i}([\"{}\"])", label(&x.name));
            }
        }
        s.push_str("  end\n");
    }
    let node = |gr: Group| match gr {
        Group::Own => "grp_own".to_string(),
        Group::Vendor(v) => format!("grp{}", v.index()),
        Group::Other => "grp_other".to_string(),
    };
    let mut untrusted: Vec<String> = Vec::new();
    s.push_str("  subgraph systems[\"Systems by vendor group\"]\n");
    for (gr, n) in &groups {
        let plural = if *n == 1 { "" } else { "s" };
        match gr {
            Group::Own => {
                let _ = writeln!(s, "    {}[\"in-house: {n} system{plural}\"]", node(*gr));
            }
            Group::Other => {
                let _ = writeln!(
                    s,
                    "    {}[\"{others} other vendor groups: {n} system{plural}\"]",
                    node(*gr)
                );
            }
            Group::Vendor(v) => {
                let x = m.vendor(*v);
                let _ = writeln!(
                    s,
                    "    {}[\"{} ({}): {n} system{plural}\"]",
                    node(*gr),
                    label(&x.name),
                    x.country
                );
                if g.vendor_untrusted(*v) {
                    untrusted.push(node(*gr));
                }
            }
        }
    }
    s.push_str("  end\n");
    // Links merged per pair of nodes: (count, any solid).
    let mut links: BTreeMap<(String, String), (usize, bool, usize)> = BTreeMap::new();
    let mut order = 0usize;
    let mut add = |from: String, to: String, solid: bool| {
        if from == to {
            return;
        }
        let e = links.entry((from, to)).or_insert((0, false, 0));
        if e.0 == 0 {
            e.2 = order;
            order += 1;
        }
        e.0 += 1;
        e.1 |= solid;
    };
    for (i, x) in m.services.iter().enumerate() {
        for d in &x.needs {
            let solid = matches!(d, Dependency::One(_));
            for t in d.members() {
                add(svc_node(i), node(sys_group[t.index()]), solid);
            }
        }
    }
    for (i, x) in m.systems.iter().enumerate() {
        for d in &x.depends_on {
            let solid = matches!(d, Dependency::One(_));
            for t in d.members() {
                add(node(sys_group[i]), node(sys_group[t.index()]), solid);
            }
        }
    }
    for it in &m.interfaces {
        add(
            node(sys_group[it.from.index()]),
            node(sys_group[it.to.index()]),
            it.hard,
        );
    }
    let mut sorted: Vec<_> = links.iter().collect();
    sorted.sort_by_key(|(_, v)| v.2);
    for ((from, to), (n, solid, _)) in sorted {
        let arrow = if *solid { "-->" } else { "-.->" };
        if *n > 1 {
            let _ = writeln!(s, "  {from} {arrow}|\"×{n}\"| {to}");
        } else {
            let _ = writeln!(s, "  {from} {arrow} {to}");
        }
    }
    if !untrusted.is_empty() {
        let _ = writeln!(s, "  class {} untrusted", untrusted.join(","));
    }
    RolledText {
        text: s,
        groups: all_groups,
        others,
    }
}

/// A label for use inside `"..."` in Mermaid: quotes, `#`, `<`, `>`, `&`,
/// backticks, brackets and pipes become entity codes; line breaks and
/// other control characters become spaces.
pub fn label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            '[' => out.push_str("#91;"),
            ']' => out.push_str("#93;"),
            '{' => out.push_str("#123;"),
            '}' => out.push_str("#125;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes the landscape as a Mermaid flowchart.
pub fn render(g: &Graph) -> String {
    let m = g.model();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "%% exitgraph landscape: {}",
        label(&m.organisation.name).replace("%%", "% %")
    );
    s.push_str("flowchart LR\n");
    s.push_str("  classDef untrusted stroke:#c00,stroke-width:3px\n");
    s.push_str("  classDef retired stroke-dasharray: 4 4,color:#777\n");
    let mut untrusted: Vec<String> = Vec::new();
    let mut retired: Vec<String> = Vec::new();

    if !m.services.is_empty() {
        s.push_str("  subgraph services[\"Services\"]\n");
        for (i, x) in m.services.iter().enumerate() {
            let _ = writeln!(s, "    svc{i}([\"{}\"])", label(&x.name));
        }
        s.push_str("  end\n");
    }
    s.push_str("  subgraph systems[\"Systems\"]\n");
    for sid in m.system_ids() {
        let x = m.system(sid);
        let i = sid.index();
        let _ = writeln!(s, "    sys{i}[\"{}\"]", label(&x.name));
        if !g.untrusted_exposure(x.vendor).is_empty()
            || !g.untrusted_exposure(x.operator).is_empty()
        {
            untrusted.push(format!("sys{i}"));
        }
        if !x.in_use() {
            retired.push(format!("sys{i}"));
        }
    }
    s.push_str("  end\n");
    if !m.vendors.is_empty() {
        s.push_str("  subgraph vendors[\"Vendors\"]\n");
        for v in m.vendor_ids() {
            let x = m.vendor(v);
            let i = v.index();
            let _ = writeln!(
                s,
                "    ven{i}{{{{\"{} ({})\"}}}}",
                label(&x.name),
                x.country
            );
            if g.vendor_untrusted(v) {
                untrusted.push(format!("ven{i}"));
            }
        }
        s.push_str("  end\n");
    }

    for (i, x) in m.services.iter().enumerate() {
        for d in &x.needs {
            match d {
                Dependency::One(t) => {
                    let _ = writeln!(s, "  svc{i} --> sys{}", t.index());
                }
                Dependency::Any(ts) => {
                    for t in ts {
                        let _ = writeln!(s, "  svc{i} -.->|any| sys{}", t.index());
                    }
                }
            }
        }
    }
    for sid in m.system_ids() {
        let i = sid.index();
        for d in &m.system(sid).depends_on {
            match d {
                Dependency::One(t) => {
                    let _ = writeln!(s, "  sys{i} --> sys{}", t.index());
                }
                Dependency::Any(ts) => {
                    for t in ts {
                        let _ = writeln!(s, "  sys{i} -.->|any| sys{}", t.index());
                    }
                }
            }
        }
    }
    for it in &m.interfaces {
        let arrow = if it.hard { "-->" } else { "-.->" };
        let _ = writeln!(
            s,
            "  sys{} {arrow}|\"{}\"| sys{}",
            it.from.index(),
            label(&it.id),
            it.to.index()
        );
    }
    for sid in m.system_ids() {
        let x = m.system(sid);
        let i = sid.index();
        if let Party::Vendor(v) = x.vendor {
            let _ = writeln!(s, "  sys{i} -.->|vendor| ven{}", v.index());
        }
        if let Party::Vendor(v) = x.operator
            && x.operator != x.vendor
        {
            let _ = writeln!(s, "  sys{i} -.->|operator| ven{}", v.index());
        }
    }
    for v in m.vendor_ids() {
        if let Some(p) = m.vendor(v).parent {
            let _ = writeln!(s, "  ven{} -.->|owned by| ven{}", v.index(), p.index());
        }
    }
    if !untrusted.is_empty() {
        let _ = writeln!(s, "  class {} untrusted", untrusted.join(","));
    }
    if !retired.is_empty() {
        let _ = writeln!(s, "  class {} retired", retired.join(","));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::test_graph;

    /// A landscape past the limits is rolled up to vendor groups, links
    /// merged with their counts; tighter limits fold the services too;
    /// limits nothing meets are an error with the sizes.
    #[test]
    fn large_landscapes_roll_up_to_vendor_groups() {
        let mut toml = String::from(
            "[organisation]\nname = \"T\"\nhome = \"DE\"\ntrusted = [\"EU\"]\n\
             [[vendor]]\nid = \"us\"\nname = \"US Corp\"\ncountry = \"US\"\n\
             [[vendor]]\nid = \"us-de\"\nname = \"US Corp GmbH\"\ncountry = \"DE\"\nparent = \"us\"\n\
             [[vendor]]\nid = \"eu\"\nname = \"EU AG\"\ncountry = \"DE\"\n",
        );
        for i in 0..30 {
            let vendor = ["us", "us-de", "eu", "self"][i % 4];
            let dep = if i > 0 {
                format!("depends_on = [\"s{}\"]\n", i - 1)
            } else {
                String::new()
            };
            toml.push_str(&format!(
                "[[system]]\nid = \"s{i}\"\nname = \"System {i}\"\nvendor = \"{vendor}\"\n{dep}"
            ));
        }
        toml.push_str("[[service]]\nid = \"a\"\nname = \"A\"\ncriticality = \"high\"\nneeds = [\"s0\", \"s1\", \"s2\"]\n");
        toml.push_str(
            "[[service]]\nid = \"b\"\nname = \"B\"\ncriticality = \"high\"\nneeds = [\"s3\"]\n",
        );
        toml.push_str(
            "[[service]]\nid = \"c\"\nname = \"C\"\ncriticality = \"high\"\nneeds = [\"s4\"]\n",
        );
        let g = test_graph(&toml);
        let full = render_fitting(&g, Limits::default()).unwrap();
        assert!(full.rolled.is_none());
        // depends_on, needs, vendor links (7 systems are in-house), owned by
        assert_eq!(full.edges, 29 + 5 + 23 + 1);
        let small = Limits {
            max_chars: 50_000,
            max_edges: 20,
        };
        let r = render_fitting(&g, small).unwrap();
        let rolled = r.rolled.unwrap();
        assert_eq!(
            rolled,
            Rolled {
                full_chars: full.chars,
                full_edges: 58,
                systems: 30,
                groups: 3,
                services_folded: false,
                others: 0
            }
        );
        // us and us-de are one group (the top of the chain), in-house one node.
        assert!(
            r.text.contains("grp0[\"US Corp (US): 16 systems\"]"),
            "{}",
            r.text
        );
        assert!(
            r.text.contains("grp2[\"EU AG (DE): 7 systems\"]"),
            "{}",
            r.text
        );
        assert!(
            r.text.contains("grp_own[\"in-house: 7 systems\"]"),
            "{}",
            r.text
        );
        // The chain of 29 dependencies crosses groups 21 times, in 3 pairs;
        // services A, B, C need 3 groups in 4 links.
        assert!(r.text.contains("  grp2 -->|\"×7\"| grp0\n"), "{}", r.text);
        assert!(
            r.text.contains("  grp_own -->|\"×7\"| grp2\n"),
            "{}",
            r.text
        );
        assert!(
            r.text.contains("  grp0 -->|\"×7\"| grp_own\n"),
            "{}",
            r.text
        );
        assert!(r.text.contains("  svc0 -->|\"×2\"| grp0\n"), "{}", r.text);
        assert_eq!(r.edges, 7);
        assert!(r.text.contains("class grp0 untrusted"), "{}", r.text);
        assert!(r.edges <= 20);
        // Services folded when the services alone pass the limit.
        let tiny = Limits {
            max_chars: 50_000,
            max_edges: 6,
        };
        let r = render_fitting(&g, tiny).unwrap();
        assert!(r.rolled.unwrap().services_folded);
        assert!(r.text.contains("svc1([\"3 high services\"])"), "{}", r.text);
        // Then the smallest groups fold into one node: the largest group
        // (US, 16 systems) stays; 2 links each way and 2 from the services.
        let fewer = Limits {
            max_chars: 50_000,
            max_edges: 4,
        };
        let r = render_fitting(&g, fewer).unwrap();
        let rolled = r.rolled.unwrap();
        assert_eq!((rolled.others, r.edges), (2, 4), "{}", r.text);
        assert!(
            r.text
                .contains("grp_other[\"2 other vendor groups: 14 systems\"]"),
            "{}",
            r.text
        );
        let none = Limits {
            max_chars: 50_000,
            max_edges: 3,
        };
        let e = render_fitting(&g, none).unwrap_err();
        assert_eq!((e.full_edges, e.groups), (58, 3));
    }

    #[test]
    fn labels_cannot_break_out_of_their_quotes() {
        assert_eq!(label("a\"b#c<d>"), "a#quot;b#35;c#lt;d#gt;");
        assert_eq!(label("x\ny|z[1]"), "x y#124;z#91;1#93;");
    }

    #[test]
    fn flowchart_of_a_small_model() {
        let g = test_graph(
            "[organisation]\nname = \"T\"\nhome = \"DE\"\n\
             [[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"US\"\n\
             [[system]]\nid = \"end\"\nname = \"End \\\"quoted\\\"\"\nvendor = \"v\"\n\
             [[system]]\nid = \"b\"\nname = \"B\"\ndepends_on = [\"end\"]\n\
             [[service]]\nid = \"s\"\nname = \"S\"\nneeds = [\"b\"]\n",
        );
        let x = render(&g);
        let expected = "%% exitgraph landscape: T
flowchart LR
  classDef untrusted stroke:#c00,stroke-width:3px
  classDef retired stroke-dasharray: 4 4,color:#777
  subgraph services[\"Services\"]
    svc0([\"S\"])
  end
  subgraph systems[\"Systems\"]
    sys0[\"End #quot;quoted#quot;\"]
    sys1[\"B\"]
  end
  subgraph vendors[\"Vendors\"]
    ven0{{\"V (US)\"}}
  end
  svc0 --> sys1
  sys1 --> sys0
  sys0 -.->|vendor| ven0
  class sys0,ven0 untrusted
";
        assert_eq!(x, expected);
    }
}
