//! Strongly connected components without recursion.
//!
//! petgraph's `tarjan_scc` recurses once per node on a path, so a chain of
//! some 50,000 systems overflows the main thread's stack. Kosaraju's
//! algorithm in petgraph walks with explicit stacks (`DfsPostOrder`, `Dfs`)
//! and so handles any depth the entity limit allows. This module is the one
//! place that computes components; `clippy.toml` forbids `tarjan_scc`.

use petgraph::graph::{DiGraph, NodeIndex};

/// The strongly connected components of the graph with nodes `0..n` and the
/// given edges: every component's members ascending, components sorted by
/// their smallest member, so the result does not depend on the algorithm's
/// visiting order.
pub fn components(n: usize, edges: impl IntoIterator<Item = (usize, usize)>) -> Vec<Vec<usize>> {
    let mut g = DiGraph::<(), ()>::with_capacity(n, 0);
    for _ in 0..n {
        g.add_node(());
    }
    for (a, b) in edges {
        g.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
    }
    let mut comps: Vec<Vec<usize>> = petgraph::algo::kosaraju_scc(&g)
        .into_iter()
        .map(|c| {
            let mut v: Vec<usize> = c.into_iter().map(NodeIndex::index).collect();
            v.sort_unstable();
            v
        })
        .collect();
    comps.sort_unstable_by_key(|c| c[0]);
    comps
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn cycles_join_and_the_rest_stay_single() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3, 4 alone, 5 <-> 6.
        let c = components(7, [(0, 1), (1, 2), (2, 0), (2, 3), (5, 6), (6, 5)]);
        assert_eq!(c, vec![vec![0, 1, 2], vec![3], vec![4], vec![5, 6]]);
    }

    #[test]
    fn a_chain_of_a_million_nodes_does_not_overflow_the_stack() {
        // Both directions: a recursive walk overflows on one of them.
        let n = 1_000_000;
        let down = components(n, (1..n).map(|i| (i - 1, i)));
        assert_eq!(down.len(), n);
        let up = components(n, (1..n).map(|i| (i, i - 1)));
        assert_eq!(up.len(), n);
        // One cycle through all of them is one component.
        let ring = components(n, (0..n).map(|i| (i, (i + 1) % n)));
        assert_eq!(ring.len(), 1);
        assert_eq!(ring[0].len(), n);
    }
}
