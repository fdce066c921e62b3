//! GraphML for graph tools (Gephi, yEd, Cytoscape, networkx, Neo4j's
//! GraphML import).
//!
//! Nodes are systems, vendors, services and contracts, with ids
//! `system:ID`, `vendor:ID`, `service:ID`, `contract:ID`. Edges point from
//! the dependent to what it relies on, each with a `kind`:
//!
//! | kind | from | to |
//! |---|---|---|
//! | `depends-on` | system | system (a plain `depends_on` entry; `hard` true) |
//! | `depends-on-any` | system | system (member of `any` group `group`; `hard` false) |
//! | `interface` | system | system (an interface; `hard` as declared) |
//! | `supplied-by` / `operated-by` | system | vendor |
//! | `owned-by` | vendor | parent vendor |
//! | `needs` / `needs-any` | service | system |
//! | `contract-with` | contract | vendor |
//! | `covers` | contract | system |
//!
//! Every attribute value is escaped for XML; characters that XML 1.0
//! cannot hold at all (control characters other than tab and line breaks)
//! are replaced by U+FFFD.

use crate::graph::Graph;
use crate::model::{Dependency, Party};
use std::fmt::Write as _;

/// Escapes text for XML attribute values and element content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => {
                let _ = write!(out, "&#{};", c as u32);
            }
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// (id, for, name, type) of every GraphML key.
const KEYS: &[(&str, &str, &str, &str)] = &[
    ("kind", "node", "kind", "string"),
    ("label", "node", "label", "string"),
    ("layer", "node", "layer", "string"),
    ("category", "node", "category", "string"),
    ("criticality", "node", "criticality", "string"),
    ("status", "node", "status", "string"),
    ("licence", "node", "licence", "string"),
    ("users", "node", "users", "long"),
    ("region", "node", "region", "string"),
    ("country", "node", "country", "string"),
    ("exposure", "node", "exposure", "string"),
    ("untrusted", "node", "untrusted", "boolean"),
    ("contract_kind", "node", "contract_kind", "string"),
    ("end", "node", "end", "string"),
    ("annual_cost", "node", "annual_cost", "double"),
    ("ekind", "edge", "kind", "string"),
    ("hard", "edge", "hard", "boolean"),
    ("group", "edge", "group", "int"),
    ("interface", "edge", "interface", "string"),
];

struct W {
    s: String,
    edges: usize,
}

impl W {
    fn node(&mut self, id: &str, data: &[(&str, String)]) {
        let _ = writeln!(self.s, "    <node id=\"{}\">", xml_escape(id));
        for (k, v) in data {
            let _ = writeln!(self.s, "      <data key=\"{k}\">{}</data>", xml_escape(v));
        }
        self.s.push_str("    </node>\n");
    }
    fn edge(&mut self, from: &str, to: &str, data: &[(&str, String)]) {
        let _ = writeln!(
            self.s,
            "    <edge id=\"e{}\" source=\"{}\" target=\"{}\">",
            self.edges,
            xml_escape(from),
            xml_escape(to)
        );
        self.edges += 1;
        for (k, v) in data {
            let _ = writeln!(self.s, "      <data key=\"{k}\">{}</data>", xml_escape(v));
        }
        self.s.push_str("    </edge>\n");
    }
}

fn countries(c: &[crate::model::Country]) -> String {
    c.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",")
}

/// Writes the landscape as a GraphML document.
pub fn render(g: &Graph) -> String {
    let m = g.model();
    let mut w = W {
        s: String::new(),
        edges: 0,
    };
    w.s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    w.s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, f, name, ty) in KEYS {
        let _ = writeln!(
            w.s,
            "  <key id=\"{id}\" for=\"{f}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    let _ = writeln!(
        w.s,
        "  <graph id=\"{}\" edgedefault=\"directed\">",
        xml_escape(&m.organisation.name)
    );
    let sys = |s: crate::model::SystemId| format!("system:{}", m.system(s).id);
    let ven = |v: crate::model::VendorId| format!("vendor:{}", m.vendor(v).id);

    for s in m.system_ids() {
        let x = m.system(s);
        let untrusted = !g.untrusted_exposure(x.vendor).is_empty()
            || !g.untrusted_exposure(x.operator).is_empty();
        w.node(
            &sys(s),
            &[
                ("kind", "system".into()),
                ("label", x.name.clone()),
                ("layer", x.layer.to_string()),
                ("category", x.category.clone()),
                ("criticality", x.criticality.to_string()),
                ("status", x.status.to_string()),
                ("licence", x.licence.to_string()),
                ("users", x.users.to_string()),
                ("region", x.region.to_string()),
                ("exposure", countries(&g.system_exposure(s))),
                ("untrusted", untrusted.to_string()),
            ],
        );
    }
    for v in m.vendor_ids() {
        let x = m.vendor(v);
        w.node(
            &ven(v),
            &[
                ("kind", "vendor".into()),
                ("label", x.name.clone()),
                ("country", x.country.to_string()),
                ("exposure", countries(g.exposure(v))),
                ("untrusted", g.vendor_untrusted(v).to_string()),
            ],
        );
    }
    for x in &m.services {
        w.node(
            &format!("service:{}", x.id),
            &[
                ("kind", "service".into()),
                ("label", x.name.clone()),
                ("criticality", x.criticality.to_string()),
                ("users", x.users.to_string()),
            ],
        );
    }
    for c in &m.contracts {
        let mut data = vec![
            ("kind", "contract".to_string()),
            ("label", c.name.clone().unwrap_or_else(|| c.id.clone())),
            ("contract_kind", c.kind.to_string()),
            ("end", c.end.format("%Y-%m-%d").to_string()),
        ];
        if let Some(a) = c.annual_cost {
            data.push(("annual_cost", a.to_string()));
        }
        w.node(&format!("contract:{}", c.id), &data);
    }

    for s in m.system_ids() {
        let x = m.system(s);
        let mut group = 0u32;
        for d in &x.depends_on {
            match d {
                Dependency::One(t) => w.edge(
                    &sys(s),
                    &sys(*t),
                    &[("ekind", "depends-on".into()), ("hard", "true".into())],
                ),
                Dependency::Any(ts) => {
                    for t in ts {
                        w.edge(
                            &sys(s),
                            &sys(*t),
                            &[
                                ("ekind", "depends-on-any".into()),
                                ("hard", "false".into()),
                                ("group", group.to_string()),
                            ],
                        );
                    }
                    group += 1;
                }
            }
        }
        if let Party::Vendor(v) = x.vendor {
            w.edge(&sys(s), &ven(v), &[("ekind", "supplied-by".into())]);
        }
        if let Party::Vendor(v) = x.operator {
            w.edge(&sys(s), &ven(v), &[("ekind", "operated-by".into())]);
        }
    }
    for i in &m.interfaces {
        w.edge(
            &sys(i.from),
            &sys(i.to),
            &[
                ("ekind", "interface".into()),
                ("hard", i.hard.to_string()),
                ("interface", i.id.clone()),
            ],
        );
    }
    for v in m.vendor_ids() {
        if let Some(p) = m.vendor(v).parent {
            w.edge(&ven(v), &ven(p), &[("ekind", "owned-by".into())]);
        }
    }
    for x in &m.services {
        let from = format!("service:{}", x.id);
        let mut group = 0u32;
        for d in &x.needs {
            match d {
                Dependency::One(t) => w.edge(&from, &sys(*t), &[("ekind", "needs".into())]),
                Dependency::Any(ts) => {
                    for t in ts {
                        w.edge(
                            &from,
                            &sys(*t),
                            &[("ekind", "needs-any".into()), ("group", group.to_string())],
                        );
                    }
                    group += 1;
                }
            }
        }
    }
    for c in &m.contracts {
        let from = format!("contract:{}", c.id);
        w.edge(&from, &ven(c.vendor), &[("ekind", "contract-with".into())]);
        for s in &c.covers {
            w.edge(&from, &sys(*s), &[("ekind", "covers".into())]);
        }
    }
    w.s.push_str("  </graph>\n</graphml>\n");
    w.s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::test_graph;

    #[test]
    fn escapes_markup_and_drops_characters_xml_cannot_hold() {
        assert_eq!(xml_escape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml_escape("x\u{1}y\nz"), "x\u{fffd}y&#10;z");
    }

    #[test]
    fn nodes_and_edges_of_a_small_model() {
        let g = test_graph(
            "[organisation]\nname = \"A & B <Stadt>\"\nhome = \"DE\"\n\
             [[vendor]]\nid = \"v\"\nname = \"V \\\"Corp\\\"\"\ncountry = \"US\"\n\
             [[system]]\nid = \"a\"\nname = \"A\"\nvendor = \"v\"\ndepends_on = [\"b\", { any = [\"b\", \"c\"] }]\n\
             [[system]]\nid = \"b\"\nname = \"B\"\n[[system]]\nid = \"c\"\nname = \"C\"\n\
             [[service]]\nid = \"s\"\nname = \"S\"\nneeds = [\"a\"]\n",
        );
        let x = render(&g);
        assert_eq!(x.matches("<node ").count(), 5);
        // a->b, a->b (any), a->c (any), a->v, s->a
        assert_eq!(x.matches("<edge ").count(), 5);
        assert!(x.contains("<graph id=\"A &amp; B &lt;Stadt&gt;\""));
        assert!(x.contains("<data key=\"label\">V &quot;Corp&quot;</data>"));
        assert!(x.contains("<data key=\"untrusted\">true</data>"));
    }
}
