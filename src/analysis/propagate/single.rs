//! What each system's cut alone takes down, for every in-use system at
//! once: the services that go down (at any day) when only that system is
//! cut. The single points of failure of `paths` and the impact of
//! `hotspots` ask this of every system; one engine run per system costs
//! the sum of the blast radii, which is quadratic on a chain of systems
//! or in a large cycle.
//!
//! A system cut alone goes down at hour 0 and so does everything that
//! falls with it, so only *which* systems fall matters. Three facts make
//! it cheap (docs/methodology.md, "Single cuts"):
//!
//! 1. Systems in one cycle of hard dependencies take each other down: they
//!    fall together, so their cuts take down the same (one answer per
//!    strongly connected component of the hard dependencies).
//! 2. A component whose members are in no `any` group (of a system or a
//!    service) adds only itself to what its dependents' falls take down:
//!    when it has one dependent component, or when no `any` group member
//!    is reachable from it, the services it takes down are those needing
//!    one of its members plus those its dependent components take down.
//! 3. Every other component (an `any` group member below, more than one
//!    dependent component) is judged by one engine run, exactly.
//!
//! Components are visited dependents first, so each union reads finished
//! answers. Cost: O(V + E) for the components, plus the merged lists
//! (at most E x services, and in practice the size of the answer), plus
//! one engine run per component of kind 3.

use super::{Cause, Engine, Origin, Scratch};
use crate::graph::scc;
use crate::model::{Dependency, ServiceId, SystemId};

/// Per in-use system: the services its cut alone takes down.
pub struct SingleCuts {
    comp_of: Vec<u32>,
    /// Per component of the hard dependencies: the services, sorted.
    services: Vec<Vec<ServiceId>>,
}

impl SingleCuts {
    /// Computes the table; `scratch` must come from `engine.scratch()`.
    pub fn new(engine: &Engine<'_>, scratch: &mut Scratch) -> SingleCuts {
        let g = engine.g;
        let m = g.model();
        let n = m.systems.len();
        // Failure edges: a system -> each in-use system that hard-depends on it.
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for d in 0..n {
            for k in engine.hard_start[d]..engine.hard_start[d + 1] {
                edges.push((d, engine.hard_rev[k as usize] as usize));
            }
        }
        let cond = scc::condensation(n, &edges);
        drop(edges);
        // Members of an `any` group of an in-use system (the engine's
        // groups) or of a service's `any` need, and plain service needs.
        let mut member = vec![false; n];
        for (d, flag) in member.iter_mut().enumerate() {
            *flag = engine.any_start[d] < engine.any_start[d + 1];
        }
        let mut one_needed: Vec<Vec<ServiceId>> = vec![Vec::new(); n];
        for sv in m.service_ids() {
            for need in &m.service(sv).needs {
                match need {
                    Dependency::One(t) => {
                        if engine.in_use[t.index()] {
                            one_needed[t.index()].push(sv);
                        }
                    }
                    Dependency::Any(ts) => {
                        for t in ts {
                            member[t.index()] = true;
                        }
                    }
                }
            }
        }
        let nc = cond.members.len();
        // Whether no `any` member is reachable from the component.
        let mut clean = vec![false; nc];
        let mut services: Vec<Vec<ServiceId>> = vec![Vec::new(); nc];
        for &c in cond.topo.iter().rev() {
            let c = c as usize;
            let ms = &cond.members[c];
            if !engine.in_use[ms[0]] {
                // Alone in its component (no edges): nothing to take down.
                continue;
            }
            let plain = ms.iter().all(|x| !member[*x]);
            let succ = &cond.succ[c];
            clean[c] = plain && succ.iter().all(|d| clean[*d as usize]);
            let mut out: Vec<ServiceId> = if plain && (succ.len() <= 1 || clean[c]) {
                let mut out: Vec<ServiceId> = ms
                    .iter()
                    .flat_map(|x| one_needed[*x].iter().copied())
                    .collect();
                for d in succ {
                    out.extend_from_slice(&services[*d as usize]);
                }
                out
            } else {
                let x = SystemId(ms[0] as u32);
                let id = m.system(x).id.clone();
                let run = engine.run(&[(x, 0, Cause::Cut(Origin::System(id)))], scratch);
                run.services.iter().map(|d| d.id).collect()
            };
            out.sort_unstable();
            out.dedup();
            services[c] = out;
        }
        SingleCuts {
            comp_of: cond.comp_of,
            services,
        }
    }

    /// The services that go down when `x` alone is cut (sorted; none for a
    /// system not in use).
    pub fn services(&self, x: SystemId) -> &[ServiceId] {
        &self.services[self.comp_of[x.index()] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::SingleCuts;
    use crate::analysis::propagate::{Cause, Engine, Origin};
    use crate::graph::Graph;
    use crate::model::ServiceId;

    fn graph(toml: &str) -> Graph {
        let p = std::path::Path::new("t.toml");
        let m = crate::model::load_str("t.toml", p, toml, &crate::model::Limits::default())
            .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
        Graph::build(m)
    }

    /// The engine's answer, one run per system (the reference).
    fn naive(g: &Graph) -> Vec<Vec<ServiceId>> {
        let e = Engine::new(g);
        let mut sc = e.scratch();
        g.model()
            .system_ids()
            .map(|x| {
                if !g.model().system(x).in_use() {
                    return Vec::new();
                }
                let id = g.model().system(x).id.clone();
                let out = e.run(&[(x, 0, Cause::Cut(Origin::System(id)))], &mut sc);
                let mut v: Vec<ServiceId> = out.services.iter().map(|d| d.id).collect();
                v.sort_unstable();
                v
            })
            .collect()
    }

    fn table(g: &Graph) -> Vec<Vec<ServiceId>> {
        let e = Engine::new(g);
        let mut sc = e.scratch();
        let t = SingleCuts::new(&e, &mut sc);
        g.model()
            .system_ids()
            .map(|x| t.services(x).to_vec())
            .collect()
    }

    /// A model: systems `(id, depends_on entries)` of one vendor, and
    /// services `sv0, sv1, ...` with the given `needs` entries.
    fn model(systems: &[(&str, &str)], services: &[&str]) -> String {
        let mut t = String::from(
            "[organisation]\nname = \"T\"\nhome = \"DE\"\nas_of = 2026-12-01\n\n[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\"\n",
        );
        for (id, deps) in systems {
            t.push_str(&format!(
                "\n[[system]]\nid = \"{id}\"\nname = \"{id}\"\nvendor = \"v\"\ndepends_on = [{deps}]\n"
            ));
        }
        for (k, needs) in services.iter().enumerate() {
            t.push_str(&format!(
                "\n[[service]]\nid = \"sv{k}\"\nname = \"S\"\ncriticality = \"critical\"\nneeds = [{needs}]\n"
            ));
        }
        t
    }

    #[test]
    fn a_chain_takes_down_what_rests_on_each_link() {
        // sv0 needs a; a -> b -> c; sv1 needs b.
        let g = graph(&model(
            &[("a", "\"b\""), ("b", "\"c\""), ("c", "")],
            &["\"a\"", "\"b\""],
        ));
        let t = table(&g);
        let (s0, s1) = (ServiceId(0), ServiceId(1));
        assert_eq!(t, vec![vec![s0], vec![s0, s1], vec![s0, s1]]);
        assert_eq!(t, naive(&g));
    }

    #[test]
    fn a_redundant_pair_is_no_single_point_but_what_both_need_is() {
        // sv0 needs a; a needs one of b, c; b and c both need d.
        let g = graph(&model(
            &[
                ("a", "{ any = [\"b\", \"c\"] }"),
                ("b", "\"d\""),
                ("c", "\"d\""),
                ("d", ""),
            ],
            &["\"a\""],
        ));
        let t = table(&g);
        let s0 = ServiceId(0);
        assert_eq!(t, vec![vec![s0], vec![], vec![], vec![s0]]);
        assert_eq!(t, naive(&g));
    }

    #[test]
    fn a_hard_cycle_falls_together() {
        // a -> b -> c -> a; sv0 needs one of a, x; sv1 needs c.
        let g = graph(&model(
            &[("a", "\"b\""), ("b", "\"c\""), ("c", "\"a\""), ("x", "")],
            &["{ any = [\"a\", \"x\"] }", "\"c\""],
        ));
        let t = table(&g);
        let s1 = ServiceId(1);
        assert_eq!(t, vec![vec![s1], vec![s1], vec![s1], vec![]]);
        assert_eq!(t, naive(&g));
    }

    /// A random small model: each system's dependencies (plain, `any`
    /// pairs, soft interfaces), some retired, services with plain and
    /// `any` needs.
    fn random_model(n: usize, picks: &[u8]) -> String {
        let mut r = picks.iter().copied().cycle();
        let mut next = move |k: usize| r.next().map_or(0, |b| b as usize % k);
        let mut t = String::from(
            "[organisation]\nname = \"T\"\nhome = \"DE\"\nas_of = 2026-12-01\n\n[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\"\n",
        );
        let mut interfaces = String::new();
        for i in 0..n {
            let mut deps = Vec::new();
            for _ in 0..next(3) {
                let a = next(n);
                if next(3) == 0 {
                    let b = next(n);
                    if a != b && a != i && b != i {
                        deps.push(format!("{{ any = [\"s{a}\", \"s{b}\"] }}"));
                    }
                } else if a != i {
                    deps.push(format!("\"s{a}\""));
                }
            }
            let status = if next(6) == 0 { "retired" } else { "in-use" };
            t.push_str(&format!(
                "\n[[system]]\nid = \"s{i}\"\nname = \"S\"\nvendor = \"v\"\nstatus = \"{status}\"\ndepends_on = [{}]\n",
                deps.join(", ")
            ));
            if next(3) == 0 {
                let to = next(n);
                if to != i {
                    interfaces.push_str(&format!(
                        "\n[[interface]]\nid = \"i{i}\"\nfrom = \"s{i}\"\nto = \"s{to}\"\nhard = {}\n",
                        next(2) == 0
                    ));
                }
            }
        }
        t.push_str(&interfaces);
        for k in 0..1 + next(3) {
            let (a, b) = (next(n), next(n));
            let need = if next(3) == 0 && a != b {
                format!("{{ any = [\"s{a}\", \"s{b}\"] }}")
            } else {
                format!("\"s{a}\"")
            };
            t.push_str(&format!(
                "\n[[service]]\nid = \"sv{k}\"\nname = \"S\"\ncriticality = \"critical\"\nneeds = [{need}]\n"
            ));
        }
        t
    }

    proptest::proptest! {
        /// The table equals one engine run per system on random small models.
        #[test]
        fn the_table_equals_one_engine_run_per_system(
            n in 1usize..12,
            picks in proptest::collection::vec(proptest::num::u8::ANY, 1..200),
        ) {
            let g = graph(&random_model(n, &picks));
            proptest::prop_assert_eq!(table(&g), naive(&g));
        }
    }
}
