//! Dependents counts of every in-use system, as the lock-in score counts
//! them (`lockin::Scorer::dependents` and `services`): in-use systems that
//! rely on it directly and only indirectly, services that need it directly
//! and through its dependents. Shared by `examples/dependents.rs` (which
//! prints them as JSON for `benches/networkx/compare.py`), the networkx test
//! and the benchmark of the comparison.

use exitgraph::analysis::lockin::Scorer;
use exitgraph::graph::Graph;
use serde::Serialize;

/// The counts of one system.
#[derive(Debug, Serialize)]
pub struct Counts {
    pub system: String,
    pub direct: usize,
    pub indirect: usize,
    pub services_direct: usize,
    pub services_indirect: usize,
}

/// The counts of every in-use system, in model order.
#[derive(Debug, Serialize)]
pub struct Dependents {
    pub systems: Vec<Counts>,
}

pub fn dependents(g: &Graph) -> Dependents {
    let m = g.model();
    let scorer = Scorer::new(g);
    let systems = m
        .system_ids()
        .filter(|s| m.system(*s).in_use())
        .map(|s| {
            let (direct, indirect) = scorer.dependents(s);
            let (own, via) = scorer.services(s);
            Counts {
                system: m.system(s).id.clone(),
                direct: direct.len(),
                indirect: indirect.len(),
                services_direct: own.len(),
                services_indirect: via.len(),
            }
        })
        .collect();
    Dependents { systems }
}
