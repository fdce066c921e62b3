//! Graph queries on small hand-checked models.

use super::*;
use crate::model::{Limits, load_str};
use std::path::Path;

pub(crate) fn graph(toml: &str) -> Graph {
    let m = load_str(
        "test.toml",
        Path::new("test.toml"),
        toml,
        &Limits::default(),
    )
    .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

const ORG: &str = "[organisation]\nname = \"T\"\nhome = \"DE\"\ntrusted = [\"EU\"]\n";

fn sys(g: &Graph, id: &str) -> SystemId {
    g.model().system_id(id).unwrap()
}

#[test]
fn exposure_follows_the_parent_chain() {
    let g = graph(&format!(
        "{ORG}
[[vendor]]
id = \"ms\"
name = \"MS Corp\"
country = \"US\"
[[vendor]]
id = \"ms-ie\"
name = \"MS Ireland\"
country = \"IE\"
parent = \"ms\"
[[vendor]]
id = \"ms-de\"
name = \"MS Deutschland\"
country = \"DE\"
parent = \"ms-ie\"
[[vendor]]
id = \"sap\"
name = \"SAP\"
country = \"DE\"
"
    ));
    let m = g.model();
    let de = m.vendor_id("ms-de").unwrap();
    let ex: Vec<String> = g.exposure(de).iter().map(|c| c.to_string()).collect();
    assert_eq!(ex, ["DE", "IE", "US"]);
    assert!(g.vendor_untrusted(de));
    assert!(!g.vendor_untrusted(m.vendor_id("sap").unwrap()));
    let ms = m.vendor_id("ms").unwrap();
    assert_eq!(g.top_parent(de), ms);
    assert_eq!(g.controlled(ms).len(), 3);
    assert_eq!(g.ownership_chain(de).count(), 3);
}

#[test]
fn dependencies_split_into_hard_soft_and_any() {
    let g = graph(&format!(
        "{ORG}
[[system]]
id = \"a\"
name = \"A\"
depends_on = [\"b\", {{ any = [\"c\", \"d\"] }}]
[[system]]
id = \"b\"
name = \"B\"
[[system]]
id = \"c\"
name = \"C\"
[[system]]
id = \"d\"
name = \"D\"
[[system]]
id = \"e\"
name = \"E\"
[[interface]]
id = \"a-e\"
from = \"a\"
to = \"e\"
hard = false
[[interface]]
id = \"b-c\"
from = \"b\"
to = \"c\"
[[service]]
id = \"s\"
name = \"S\"
needs = [\"a\"]
"
    ));
    let (a, b, c, d, e) = (
        sys(&g, "a"),
        sys(&g, "b"),
        sys(&g, "c"),
        sys(&g, "d"),
        sys(&g, "e"),
    );
    assert_eq!(g.hard_deps(a), [b]);
    assert_eq!(g.soft_deps(a), [e]);
    assert_eq!(g.any_groups(a), [vec![c, d]]);
    assert_eq!(g.hard_deps(b), [c]);
    assert_eq!(g.dependents(c), [a, b]);
    let (systems, services) = g.transitive_dependents(c);
    assert_eq!(systems, [a, b]);
    assert_eq!(services.len(), 1);
    assert_eq!(g.transitive_dependencies(a), [b, c, d, e]);
    assert!(g.transitive_dependents(e).0 == [a]);
}
