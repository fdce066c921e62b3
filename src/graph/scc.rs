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

/// The condensation of a graph: its strongly connected components as the
/// nodes of a DAG, in a topological order.
#[derive(Clone, Debug)]
pub struct Condensation {
    /// Per node: its component.
    pub comp_of: Vec<u32>,
    /// Per component: its members, ascending.
    pub members: Vec<Vec<usize>>,
    /// Per component: the components its edges lead to (not itself), ascending.
    pub succ: Vec<Vec<u32>>,
    /// Every component once, each before the components its edges lead to.
    pub topo: Vec<u32>,
}

/// The condensation of the graph with nodes `0..n` and the given edges.
/// O(V + E log E); no recursion.
pub fn condensation(n: usize, edges: &[(usize, usize)]) -> Condensation {
    let members = components(n, edges.iter().copied());
    let mut comp_of = vec![0u32; n];
    for (c, ms) in members.iter().enumerate() {
        for &x in ms {
            comp_of[x] = c as u32;
        }
    }
    let mut succ: Vec<Vec<u32>> = vec![Vec::new(); members.len()];
    for &(a, b) in edges {
        let (ca, cb) = (comp_of[a], comp_of[b]);
        if ca != cb {
            succ[ca as usize].push(cb);
        }
    }
    let mut indegree = vec![0u32; members.len()];
    for l in succ.iter_mut() {
        l.sort_unstable();
        l.dedup();
        for &c in l.iter() {
            indegree[c as usize] += 1;
        }
    }
    // Kahn's algorithm: a DAG, so every component is taken.
    let mut topo: Vec<u32> = (0..members.len() as u32)
        .filter(|c| indegree[*c as usize] == 0)
        .collect();
    let mut i = 0;
    while i < topo.len() {
        let c = topo[i] as usize;
        for &d in &succ[c] {
            indegree[d as usize] -= 1;
            if indegree[d as usize] == 0 {
                topo.push(d);
            }
        }
        i += 1;
    }
    debug_assert_eq!(topo.len(), members.len());
    Condensation {
        comp_of,
        members,
        succ,
        topo,
    }
}

#[cfg(test)]
mod tests {
    use super::{components, condensation};

    #[test]
    fn the_condensation_is_a_dag_in_topological_order() {
        // 0 -> 1 -> 2 -> 1, 2 -> 3, 0 -> 3, 4 alone.
        let c = condensation(5, &[(0, 1), (1, 2), (2, 1), (2, 3), (0, 3)]);
        assert_eq!(c.members, vec![vec![0], vec![1, 2], vec![3], vec![4]]);
        assert_eq!(c.comp_of, vec![0, 1, 1, 2, 3]);
        assert_eq!(c.succ, vec![vec![1, 2], vec![2], vec![], vec![]]);
        let pos = |x: u32| c.topo.iter().position(|y| *y == x).unwrap();
        assert_eq!(c.topo.len(), 4);
        assert!(pos(0) < pos(1) && pos(1) < pos(2));
    }

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
