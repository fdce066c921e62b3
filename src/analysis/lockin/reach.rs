//! How much rests on every in-use system, for all of them at once: the
//! number of in-use systems that rely on it directly or indirectly, and the
//! services that rest on it or on one of them (the `interfaces` and
//! `criticality` factors and the impact parts).
//!
//! A walk per system costs what rests on it, which is quadratic on a chain
//! (each link carries every link above it). Here the dependents graph is
//! condensed into its strongly connected components (members of a cycle
//! rely on each other and share everything above them) and the components
//! are visited in one topological pass, dependents first:
//!
//! - services: those needing a member, merged with the lists of the
//!   components relying on it (sorted lists; the merged lists are as long
//!   as the answer itself);
//! - count: a component relied on by one component counts that one and
//!   what it counts (exact: no other path can reach the same systems
//!   twice), so a chain costs O(V + E); a component relied on by several
//!   is counted by a walk over the condensation, which costs the
//!   components above it (on a dense graph the condensation is small).
//!
//! docs/methodology.md ("Dependents at scale") states the complexity.

use crate::graph::{Graph, scc};
use crate::model::{ServiceId, SystemId};

/// What rests on each in-use system.
pub struct Reach {
    comp_of: Vec<u32>,
    /// Per component: its number of members.
    size: Vec<u32>,
    /// Per component: the systems in the components that rely on it,
    /// directly or indirectly (not its own members).
    above: Vec<u64>,
    /// Per component: the services needing a member or a system that
    /// relies on it, sorted.
    services: Vec<Vec<ServiceId>>,
}

impl Reach {
    pub fn new(g: &Graph) -> Reach {
        let m = g.model();
        let n = m.systems.len();
        let in_use: Vec<bool> = m.systems.iter().map(|s| s.in_use()).collect();
        // An edge from each in-use system to each in-use system relying on it.
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for s in 0..n {
            if !in_use[s] {
                continue;
            }
            for d in g.dependents(SystemId(s as u32)) {
                if in_use[d.index()] && d.index() != s {
                    edges.push((s, d.index()));
                }
            }
        }
        let cond = scc::condensation(n, &edges);
        drop(edges);
        let nc = cond.members.len();
        let size: Vec<u32> = cond.members.iter().map(|c| c.len() as u32).collect();
        let mut above = vec![0u64; nc];
        let mut services: Vec<Vec<ServiceId>> = vec![Vec::new(); nc];
        // Visit marks of the counting walks: the stamp of the walk that saw it.
        let mut stamp = vec![u32::MAX; nc];
        let mut stack: Vec<u32> = Vec::new();
        for (walk, &c) in cond.topo.iter().rev().enumerate() {
            let c = c as usize;
            let succ = &cond.succ[c];
            above[c] = match succ[..] {
                [] => 0,
                [d] => u64::from(size[d as usize]) + above[d as usize],
                _ => {
                    let walk = walk as u32;
                    let mut total = 0u64;
                    stack.extend_from_slice(succ);
                    for &d in succ {
                        stamp[d as usize] = walk;
                    }
                    while let Some(d) = stack.pop() {
                        total += u64::from(size[d as usize]);
                        for &e in &cond.succ[d as usize] {
                            if stamp[e as usize] != walk {
                                stamp[e as usize] = walk;
                                stack.push(e);
                            }
                        }
                    }
                    total
                }
            };
            let mut list: Vec<ServiceId> = cond.members[c]
                .iter()
                .flat_map(|x| g.needed_by(SystemId(*x as u32)).iter().copied())
                .collect();
            for &d in succ {
                list.extend_from_slice(&services[d as usize]);
            }
            list.sort_unstable();
            list.dedup();
            services[c] = list;
        }
        Reach {
            comp_of: cond.comp_of,
            size,
            above,
            services,
        }
    }

    /// In-use systems relying on the in-use system `s`, directly or
    /// indirectly (not `s` itself).
    pub fn dependents(&self, s: SystemId) -> usize {
        let c = self.comp_of[s.index()] as usize;
        (u64::from(self.size[c]) - 1 + self.above[c]) as usize
    }

    /// Services needing the in-use system `s` or a system relying on it
    /// (sorted).
    pub fn services(&self, s: SystemId) -> &[ServiceId] {
        &self.services[self.comp_of[s.index()] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::Reach;
    use crate::analysis::lockin::Scorer;
    use crate::graph::Graph;
    use crate::model::{ServiceId, SystemId};

    fn graph(body: &str) -> Graph {
        let text = format!(
            "[organisation]\nname = \"T\"\nhome = \"DE\"\nas_of = 2026-12-01\n\n[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\"\n{body}"
        );
        let p = std::path::Path::new("t.toml");
        let m = crate::model::load_str("t.toml", p, &text, &crate::model::Limits::default())
            .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
        Graph::build(m)
    }

    fn system(id: &str, deps: &str, status: &str) -> String {
        format!(
            "\n[[system]]\nid = \"{id}\"\nname = \"S\"\nvendor = \"v\"\nstatus = \"{status}\"\ndepends_on = [{deps}]\n"
        )
    }

    fn service(k: usize, needs: &str) -> String {
        format!("\n[[service]]\nid = \"sv{k}\"\nname = \"S\"\nneeds = [{needs}]\n")
    }

    #[test]
    fn a_diamond_counts_each_dependent_once() {
        // b and c rely on d; a relies on b and c; sv0 needs a, sv1 needs c.
        let g = graph(&format!(
            "{}{}{}{}{}{}",
            system("a", "\"b\", \"c\"", "in-use"),
            system("b", "\"d\"", "in-use"),
            system("c", "\"d\"", "in-use"),
            system("d", "", "in-use"),
            service(0, "\"a\""),
            service(1, "\"c\""),
        ));
        let r = Reach::new(&g);
        let counts: Vec<usize> = (0..4).map(|i| r.dependents(SystemId(i))).collect();
        assert_eq!(counts, vec![0, 1, 1, 3]);
        assert_eq!(r.services(SystemId(3)), &[ServiceId(0), ServiceId(1)]);
        assert_eq!(r.services(SystemId(1)), &[ServiceId(0)]);
    }

    #[test]
    fn a_cycle_shares_what_rests_on_it_and_retired_systems_do_not_count() {
        // a <-> b, both rely on c; x (retired) relies on c; y relies on a.
        let g = graph(&format!(
            "{}{}{}{}{}",
            system("a", "\"b\", \"c\"", "in-use"),
            system("b", "\"a\"", "in-use"),
            system("c", "", "in-use"),
            system("x", "\"c\"", "retired"),
            system("y", "\"a\"", "in-use"),
        ));
        let r = Reach::new(&g);
        // a: b (in its cycle) and y; b: a and y; c: a, b, y.
        let counts: Vec<usize> = [0, 1, 2, 4].map(|i| r.dependents(SystemId(i))).to_vec();
        assert_eq!(counts, vec![2, 2, 3, 0]);
    }

    /// A random small model: dependencies (plain, `any`, soft and hard
    /// interfaces), some systems retired, services with plain needs.
    fn random_model(n: usize, picks: &[u8]) -> String {
        let mut r = picks.iter().copied().cycle();
        let mut next = move |k: usize| r.next().map_or(0, |b| b as usize % k);
        let mut t = String::new();
        let mut extra = String::new();
        for i in 0..n {
            let mut deps = Vec::new();
            for _ in 0..next(4) {
                let (a, b) = (next(n), next(n));
                if a == i {
                    continue;
                }
                if next(3) == 0 && a != b && b != i {
                    deps.push(format!("{{ any = [\"s{a}\", \"s{b}\"] }}"));
                } else {
                    deps.push(format!("\"s{a}\""));
                }
            }
            let status = if next(5) == 0 { "retired" } else { "in-use" };
            t.push_str(&system(&format!("s{i}"), &deps.join(", "), status));
            let to = next(n);
            if to != i && next(2) == 0 {
                extra.push_str(&format!(
                    "\n[[interface]]\nid = \"i{i}\"\nfrom = \"s{i}\"\nto = \"s{to}\"\nhard = {}\n",
                    next(2) == 0
                ));
            }
        }
        for k in 0..next(4) {
            extra.push_str(&service(k, &format!("\"s{}\"", next(n))));
        }
        t + &extra
    }

    proptest::proptest! {
        /// The counts and services equal a walk per system (the reference).
        #[test]
        fn the_pass_equals_a_walk_per_system(
            n in 1usize..14,
            picks in proptest::collection::vec(proptest::num::u8::ANY, 1..200),
        ) {
            let g = graph(&random_model(n, &picks));
            let r = Reach::new(&g);
            let scorer = Scorer::new(&g);
            for s in g.model().system_ids() {
                if !g.model().system(s).in_use() {
                    continue;
                }
                let (direct, indirect) = scorer.dependents(s);
                proptest::prop_assert_eq!(r.dependents(s), direct.len() + indirect.len());
                let mut all: Vec<ServiceId> = std::iter::once(s)
                    .chain(direct)
                    .chain(indirect)
                    .flat_map(|x| g.needed_by(x).iter().copied())
                    .collect();
                all.sort_unstable();
                all.dedup();
                proptest::prop_assert_eq!(r.services(s), &all[..]);
            }
        }
    }
}
