//! Analyses: one module per question, each a pure function from the graph
//! (and options such as the as-of date or a seed) to a `Serialize` report.
//! Analyses never print, read files or exit.

pub mod data_act;
pub mod deadlines;
pub mod exit_plan;
pub mod explain;
pub mod lockin;
pub mod paths;
pub mod propagate;
pub mod seal;
pub mod sovereignty;
pub mod spend;
pub mod switch;

/// Runs every analysis once on a graph and discards the results: used by
/// the fuzz target and property tests to show that no valid model makes an
/// analysis panic. Grows with each analysis module.
pub fn exercise(g: &crate::graph::Graph) {
    let _ = switch::estimate_all(g);
    let _ = data_act::findings(g.model());
    let engine = propagate::Engine::new(g);
    let mut scratch = engine.scratch();
    for v in g.model().vendor_ids() {
        let cuts = propagate::CutSet::resolve(g, &[crate::model::Cut::Vendor(v)]);
        let outcome = engine.run(&engine.seeds(&cuts), &mut scratch);
        for d in &outcome.systems {
            let _ = outcome.chain(g, d.id);
        }
    }
}
