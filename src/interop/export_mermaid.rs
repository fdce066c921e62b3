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

use crate::graph::Graph;
use crate::model::{Dependency, Party};
use std::fmt::Write as _;

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
