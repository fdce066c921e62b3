//! Exit plans on hand-checked graphs.

use super::*;
use crate::analysis::switch::pert_quantile;
use crate::analysis::switch::tests::graph;
use proptest::prelude::*;

const HEAD: &str = r#"
[organisation]
name = "T"
home = "DE"
trusted = ["EU"]
parallel_migrations = 1
[[vendor]]
id = "big"
name = "Big Corp"
country = "US"
[[vendor]]
id = "big-de"
name = "Big Deutschland"
country = "DE"
parent = "big"
[[vendor]]
id = "local"
name = "Local GmbH"
country = "DE"
"#;

/// A system line: id, vendor, depends_on (TOML list text), o/m/p in days.
/// The systems are left by `rehost` (they move unchanged), so that what
/// they depend on in the same plan moves first and the given estimates
/// apply.
fn sys(id: &str, vendor: &str, deps: &str, o: u32, m: u32, p: u32) -> String {
    format!(
        "[[system]]\nid = \"{id}\"\nname = \"{id}\"\nvendor = \"{vendor}\"\nexit = \"rehost\"\ndepends_on = {deps}\nswitch = {{ optimistic = \"{o}d\", likely = \"{m}d\", pessimistic = \"{p}d\", cost = 1000 }}\n"
    )
}

/// a -> b -> d, a -> c -> d (b and c need a, d needs b and c), e alone.
/// Expected durations: a 6, b 10, c 4, d 2, e 13.
fn diamond(parallel: u32) -> Graph {
    graph(&diamond_text().replace(
        "parallel_migrations = 1",
        &format!("parallel_migrations = {parallel}"),
    ))
}

fn vendor(g: &Graph, id: &str) -> Target {
    Target::Vendor(g.model().vendor_id(id).unwrap_or_else(|| panic!("{id}")))
}

fn starts(p: &ExitPlan) -> Vec<(&str, f64, f64)> {
    p.tasks
        .iter()
        .map(|t| (t.id.as_str(), t.start_day, t.finish_day))
        .collect()
}

#[test]
fn the_critical_path_of_a_diamond_is_the_longest_chain() {
    let g = diamond(1);
    let p = plan(&g, &vendor(&g, "big"), &PlanOptions::default());
    // big controls big-de, so c is included.
    assert_eq!(p.vendors, ["big", "big-de"]);
    let ids: Vec<&str> = p.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    // a (6) + b (10) + d (2) = 18 beats a + c + d = 12 and e = 13.
    assert_eq!(p.critical_path, ["a", "b", "d"]);
    assert_eq!(p.expected_days, 18.0);
    let after: Vec<(&str, Vec<String>)> = {
        let mut v: Vec<_> = p
            .tasks
            .iter()
            .map(|t| (t.id.as_str(), t.after.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(after[3], ("d", vec!["b".to_string(), "c".to_string()]));
}

#[test]
fn one_at_a_time_the_schedule_is_the_sum_in_priority_order() {
    let g = diamond(1);
    let p = plan(&g, &vendor(&g, "big"), &PlanOptions::default());
    // Priorities (remaining path): a 18, e 13, b 12, c 6, d 2.
    assert_eq!(
        starts(&p),
        [
            ("a", 0.0, 6.0),
            ("e", 6.0, 19.0),
            ("b", 19.0, 29.0),
            ("c", 29.0, 33.0),
            ("d", 33.0, 35.0)
        ]
    );
    assert_eq!(p.scheduled_days, 35.0);
}

#[test]
fn two_at_a_time_follows_the_list_scheduling_rule() {
    let g = diamond(2);
    let p = plan(&g, &vendor(&g, "big"), &PlanOptions::default());
    // t=0: a and e start; t=6: a ends, b (12) before c (6); t=13: e ends, c
    // starts; t=16: b ends; t=17: c ends, d starts.
    assert_eq!(
        starts(&p),
        [
            ("a", 0.0, 6.0),
            ("e", 0.0, 13.0),
            ("b", 6.0, 16.0),
            ("c", 13.0, 17.0),
            ("d", 17.0, 19.0)
        ]
    );
    assert_eq!(p.scheduled_days, 19.0);
    assert_eq!(p.parallel_migrations, 2);
}

#[test]
fn with_enough_capacity_the_schedule_is_the_critical_path() {
    let g = diamond(1);
    let opts = PlanOptions {
        parallel: Some(5),
        ..PlanOptions::default()
    };
    let p = plan(&g, &vendor(&g, "big"), &opts);
    assert_eq!(p.scheduled_days, p.expected_days);
    assert_eq!(p.scheduled_days, 18.0);
}

#[test]
fn monte_carlo_equals_the_schedule_when_estimates_are_equal() {
    let mut t = HEAD.replace("parallel_migrations = 1", "parallel_migrations = 2");
    t += &sys("a", "big", "[]", 5, 5, 5);
    t += &sys("b", "big", "[\"a\"]", 7, 7, 7);
    t += &sys("c", "big", "[]", 4, 4, 4);
    t += &sys("d", "big", "[]", 9, 9, 9);
    let g = graph(&t);
    let p = plan(&g, &vendor(&g, "big"), &PlanOptions::default());
    // Priorities: a 12, d 9, b 7, c 4. t=0 a, d; t=5 b; t=9 c; ends 13 and 12.
    assert_eq!(p.scheduled_days, 13.0);
    assert_eq!((p.p50_days, p.p80_days, p.p95_days), (13.0, 13.0, 13.0));
}

#[test]
fn monte_carlo_is_reproducible_and_independent_of_threads() {
    let g = diamond(2);
    let opts = PlanOptions {
        runs: 2_000,
        seed: 7,
        parallel: None,
        as_of: None,
    };
    let a = plan(&g, &vendor(&g, "big"), &opts);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    let b = pool.install(|| plan(&g, &vendor(&g, "big"), &opts));
    assert_eq!(a, b);
    assert!(a.p50_days <= a.p80_days && a.p80_days <= a.p95_days);
    // A different seed gives a different sample.
    let c = plan(
        &g,
        &vendor(&g, "big"),
        &PlanOptions {
            seed: 8,
            ..opts.clone()
        },
    );
    assert_ne!(a.p80_days, c.p80_days);
}

#[test]
fn a_single_task_uses_the_exact_pert_quantiles() {
    let g = diamond(1);
    let a = g.model().system_id("e").unwrap_or_else(|| panic!("e"));
    let p = plan(&g, &Target::Systems(vec![a]), &PlanOptions::default());
    let e = switch::estimate(&g, a);
    assert_eq!(p.p80_days, e.p80_days);
    assert_eq!(p.p50_days, pert_quantile(10.0, 12.0, 20.0, 0.5));
    assert_eq!(p.target, "systems:e");
}

#[test]
fn cycles_become_joint_tasks_with_summed_estimates() {
    let mut t = HEAD.to_string();
    // p and q need each other; r needs p; z (not switched) closes a loop
    // back to r, which orders nothing.
    t += &sys("p", "big", "[\"q\"]", 1, 2, 3);
    t += &sys("q", "big", "[\"p\"]", 10, 20, 30);
    t += &sys("r", "big", "[\"p\", \"z\"]", 6, 6, 6);
    t += "[[system]]\nid = \"z\"\nname = \"z\"\nvendor = \"local\"\ndepends_on = [\"r\"]\n";
    let g = graph(&t);
    let p = plan(&g, &vendor(&g, "big"), &PlanOptions::default());
    assert_eq!(p.joint_tasks, [vec!["p".to_string(), "q".to_string()]]);
    let joint = p
        .tasks
        .iter()
        .find(|t| t.id == "p+q")
        .unwrap_or_else(|| panic!("no joint task"));
    assert_eq!(
        (
            joint.optimistic_days,
            joint.likely_days,
            joint.pessimistic_days
        ),
        (11.0, 22.0, 33.0)
    );
    assert_eq!(joint.expected_days, 22.0);
    assert_eq!(p.critical_path, ["p", "q", "r"]);
    assert_eq!(p.expected_days, 28.0);
    assert_eq!(starts(&p), [("p+q", 0.0, 22.0), ("r", 22.0, 28.0)]);
    let r = p
        .systems
        .iter()
        .find(|s| s.id == "r")
        .map(|s| s.task.clone());
    assert_eq!(r.as_deref(), Some("r"));
}

#[test]
fn precedence_runs_through_unswitched_systems_but_not_any_groups() {
    let mut t = HEAD.to_string();
    t += &sys("base", "big", "[]", 5, 5, 5);
    // top needs mid (local, not switched), mid needs base: base before top.
    t += &sys("top", "big", "[\"mid\"]", 3, 3, 3);
    t += "[[system]]\nid = \"mid\"\nname = \"mid\"\nvendor = \"local\"\ndepends_on = [\"base\"]\n";
    // alt needs base or mid: no order.
    t += &sys("alt", "big", "[{ any = [\"base\", \"mid\"] }]", 4, 4, 4);
    let g = graph(&t);
    let p = plan(
        &g,
        &vendor(&g, "big"),
        &PlanOptions {
            parallel: Some(10),
            ..PlanOptions::default()
        },
    );
    assert_eq!(
        starts(&p),
        [("alt", 0.0, 4.0), ("base", 0.0, 5.0), ("top", 5.0, 8.0)]
    );
    assert_eq!(p.critical_path, ["base", "top"]);
}

#[test]
fn money_counts_contracts_whose_systems_all_leave() {
    let mut t = diamond_text();
    t += r#"
[[system]]
id = "keep"
name = "keep"
vendor = "local"
[[contract]]
id = "all-big"
vendor = "big-de"
covers = ["a", "b"]
kind = "licence"
end = 2027-12-31
annual_cost = 2500
[[contract]]
id = "mixed"
vendor = "big"
covers = ["c", "keep"]
kind = "support"
end = 2027-12-31
annual_cost = 100
"#;
    let g = graph(&t);
    let p = plan(&g, &vendor(&g, "big"), &PlanOptions::default());
    // `keep` is in the plan too: big supports it, so leaving big means
    // another support provider for it (resupport: 2 hand-over days x 800).
    let keep = p.systems.iter().find(|s| s.id == "keep").unwrap();
    assert_eq!((keep.kind, keep.cost), (StepKind::Resupport, 1600.0));
    assert_eq!(p.total_cost, 6600.0);
    assert_eq!(p.annual_cost_left_behind, 2600.0);
    let left: Vec<&str> = p
        .contracts_left_behind
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(left, ["all-big", "mixed"]);
    assert!(p.contracts_partly_affected.is_empty());
    assert_eq!(p.payback_years, Some(6600.0 / 2600.0));
}

#[test]
fn a_moved_system_keeps_its_makers_contract_and_a_shared_contract_stays() {
    let t = format!(
        r#"{HEAD}
[[vendor]]
id = "rz"
name = "Rechenzentrum"
country = "DE"
[[system]]
id = "erp"
name = "ERP"
vendor = "local"
operator = "rz"
[[system]]
id = "other"
name = "Other"
vendor = "local"
[[contract]]
id = "hosting"
vendor = "rz"
covers = ["erp"]
kind = "hosting"
end = 2027-12-31
annual_cost = 1000
[[contract]]
id = "maintenance"
vendor = "local"
covers = ["erp"]
kind = "support"
end = 2027-12-31
annual_cost = 300
[[contract]]
id = "both"
vendor = "local"
covers = ["erp", "other"]
kind = "licence"
end = 2027-12-31
annual_cost = 50
"#
    );
    let g = graph(&t);
    let p = plan(&g, &vendor(&g, "rz"), &PlanOptions::default());
    assert_eq!(p.systems.len(), 1);
    assert_eq!(p.systems[0].kind, StepKind::Rehost);
    // Leaving the operator ends its hosting; the maker's support stays.
    let left: Vec<&str> = p
        .contracts_left_behind
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(left, ["hosting"]);
    assert_eq!(p.contracts_partly_affected, ["both", "maintenance"]);
    assert_eq!(p.annual_cost_left_behind, 1000.0);
}

fn diamond_text() -> String {
    let mut t = HEAD.to_string();
    t += &sys("a", "big", "[]", 3, 5, 13);
    t += &sys("b", "big", "[\"a\"]", 6, 9, 18);
    t += &sys("c", "big-de", "[\"a\"]", 1, 4, 7);
    t += &sys("d", "big", "[\"b\", \"c\"]", 2, 2, 2);
    t += &sys("e", "big", "[]", 10, 12, 20);
    t
}

#[test]
fn jurisdiction_and_named_systems_select_the_right_systems() {
    let mut t = diamond_text();
    t += "[[system]]\nid = \"old\"\nname = \"old\"\nvendor = \"local\"\nstatus = \"retired\"\n";
    t += "[[system]]\nid = \"loc\"\nname = \"loc\"\nvendor = \"local\"\n";
    let g = graph(&t);
    let m = g.model();
    let us = Target::Jurisdiction(Region::parse("US").unwrap_or(Region::Eu));
    let (s, _) = target_systems(&g, &us);
    assert_eq!(s.len(), 5, "big-de is exposed to US through its parent");
    let de = Target::Jurisdiction(Region::parse("DE").unwrap_or(Region::Eu));
    assert_eq!(target_systems(&g, &de).0.len(), 2, "c (big-de) and loc");
    let named = Target::Systems(vec![
        m.system_id("old").unwrap_or_else(|| panic!()),
        m.system_id("loc").unwrap_or_else(|| panic!()),
    ]);
    let p = plan(&g, &named, &PlanOptions::default());
    assert_eq!(p.skipped, ["old"]);
    assert_eq!(p.systems.len(), 1);
    assert_eq!(p.target, "systems:loc,old");
}

#[test]
fn an_empty_plan_is_all_zero() {
    let g = diamond(1);
    let p = plan(&g, &vendor(&g, "local"), &PlanOptions::default());
    assert!(p.systems.is_empty() && p.tasks.is_empty());
    assert_eq!((p.expected_days, p.p95_days, p.total_cost), (0.0, 0.0, 0.0));
}

#[test]
fn nearest_rank_percentiles() {
    let v: Vec<f64> = (1..=10).map(f64::from).collect();
    assert_eq!(percentile(&v, 0.5), 5.0);
    assert_eq!(percentile(&v, 0.8), 8.0);
    assert_eq!(percentile(&v, 0.95), 10.0);
    assert_eq!(percentile(&[], 0.5), 0.0);
}

/// A plain list scheduler written from the rule in the issue, step by step:
/// at each moment finish every task that ends then, then start ready tasks
/// by priority rank while slots are free.
fn reference_schedule(tg: &TaskGraph, dur: &[f64], cap: usize) -> f64 {
    let n = tg.len();
    let mut rank = vec![0usize; n];
    for (r, &t) in tg.by_rank.iter().enumerate() {
        rank[t] = r;
    }
    let mut deg = tg.indeg.clone();
    let mut done = vec![false; n];
    let mut started = vec![false; n];
    let mut finish = vec![f64::INFINITY; n];
    let mut time = 0.0f64;
    let mut end = 0.0f64;
    loop {
        for t in 0..n {
            if started[t] && !done[t] && finish[t] <= time {
                done[t] = true;
                end = end.max(finish[t]);
                for &b in &tg.succ[t] {
                    deg[b] -= 1;
                }
            }
        }
        let running = (0..n).filter(|&t| started[t] && !done[t]).count();
        let mut ready: Vec<usize> = (0..n).filter(|&t| !started[t] && deg[t] == 0).collect();
        ready.sort_by_key(|&t| rank[t]);
        for &t in ready.iter().take(cap.max(1).saturating_sub(running)) {
            started[t] = true;
            finish[t] = time + dur[t];
        }
        let next = (0..n)
            .filter(|&t| started[t] && !done[t])
            .map(|t| finish[t])
            .fold(f64::INFINITY, f64::min);
        if next == f64::INFINITY {
            return end;
        }
        time = next;
    }
}

/// A random DAG: estimates per task and edges from lower to higher index.
fn arb_dag() -> impl Strategy<Value = (Vec<[f64; 3]>, Vec<(usize, usize)>)> {
    (1usize..40).prop_flat_map(|n| {
        let est = proptest::collection::vec((0.0f64..50.0, 0.0f64..50.0, 0.0f64..50.0), n)
            .prop_map(|v| {
                v.into_iter()
                    .map(|(o, a, b)| [o, o + a.min(b), o + a.max(b)])
                    .collect::<Vec<_>>()
            });
        let edges = proptest::collection::vec((0..n, 0..n), 0..(n * 2)).prop_map(|v| {
            v.into_iter()
                .filter(|(a, b)| a != b)
                .map(|(a, b)| (a.min(b), a.max(b)))
                .collect::<Vec<_>>()
        });
        (est, edges)
    })
}

/// Two independent tasks that run at once: the total is the larger, so its
/// `q` quantile is the single task's `sqrt(q)` quantile when both have the
/// same estimate (P(T <= t) = F(t)^2).
#[test]
fn exact_quantile_of_two_equal_independent_tasks() {
    let tg = TaskGraph::new(vec![[10.0, 20.0, 40.0]; 2], &[]);
    for q in [0.5, 0.8, 0.95] {
        let x = tg.exact_quantile(2, q).unwrap();
        let want = pert_quantile(10.0, 20.0, 40.0, q.sqrt());
        assert!((x - want).abs() < 1e-5, "q {q}: {x} vs {want}");
    }
    // One slot: the total is a sum, for Monte Carlo.
    assert_eq!(tg.exact_quantile(1, 0.8), None);
    // Precedence: a sum along the chain, for Monte Carlo.
    let chain = TaskGraph::new(vec![[10.0, 20.0, 40.0]; 2], &[(0, 1)]);
    assert_eq!(chain.exact_quantile(2, 0.8), None);
}

/// A fixed task (o = m = p) longer than every other task's pessimistic
/// estimate decides the total alone: exactly its duration.
#[test]
fn exact_quantile_with_a_dominating_fixed_task() {
    let tg = TaskGraph::new(
        vec![[50.0, 50.0, 50.0], [1.0, 2.0, 3.0], [5.0, 9.0, 20.0]],
        &[],
    );
    assert_eq!(tg.exact_quantile(3, 0.8), Some(50.0));
    let fixed = TaskGraph::new(vec![[7.0, 7.0, 7.0], [9.0, 9.0, 9.0]], &[]);
    assert_eq!(fixed.exact_quantile(2, 0.5), Some(9.0));
}

/// The exact quantiles agree with a large Monte Carlo of the same tasks.
#[test]
fn exact_quantile_agrees_with_monte_carlo() {
    let est = vec![[10.0, 20.0, 60.0], [15.0, 18.0, 30.0], [5.0, 25.0, 35.0]];
    let tg = TaskGraph::new(est, &[]);
    let totals = tg.simulate(3, 200_000, 7);
    for q in [0.5, 0.8, 0.95] {
        let exact = tg.exact_quantile(3, q).unwrap();
        let mc = percentile(&totals, q);
        assert!(
            (exact - mc).abs() < 0.1,
            "q {q}: exact {exact}, Monte Carlo {mc}"
        );
    }
}

/// The margin of a quantile: half the distance between the values at the
/// ranks n q -/+ 1.96 sqrt(n q (1 - q)).
#[test]
fn margin_reads_the_confidence_interval_off_the_ranks() {
    let sorted: Vec<f64> = (1..=100).map(f64::from).collect();
    // n q = 50, 1.96 x sqrt(25) = 9.8: ranks 40 and 60.
    assert_eq!(margin(&sorted, 0.5), 10.0);
    // n q = 80, 1.96 x 4 = 7.84: ranks 72 and 88.
    assert_eq!(margin(&sorted, 0.8), 8.0);
    assert_eq!(margin(&[], 0.8), 0.0);
    assert_eq!(margin(&[3.0], 0.95), 0.0);
}

/// A plan whose totals spread widely runs every run; a plan of many tasks,
/// whose total is narrow, stops after the first round; either way the
/// totals are those of the same runs of one long simulation.
#[test]
fn monte_carlo_stops_when_the_percentiles_are_precise() {
    let wide = TaskGraph::new(vec![[10.0, 20.0, 90.0], [5.0, 30.0, 60.0]], &[(0, 1)]);
    let (totals, runs) = monte_carlo(&wide, 1, 5_000, 3);
    assert_eq!(runs, 5_000);
    assert_eq!(totals, wide.simulate(1, 5_000, 3));

    let narrow = TaskGraph::new(vec![[10.0, 20.0, 40.0]; 2_000], &[]);
    let (totals, runs) = monte_carlo(&narrow, 4, 10_000, 3);
    assert_eq!(runs, FIRST_ROUND);
    assert_eq!(totals, narrow.simulate(4, FIRST_ROUND, 3));
    for q in [0.5, 0.8, 0.95] {
        let p = percentile(&totals, q);
        assert!(margin(&totals, q) <= STOP_PRECISION * p, "q {q}");
    }
    // Fewer runs asked than a round: that many.
    assert_eq!(monte_carlo(&narrow, 4, 10, 3).1, 10);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Exact quantiles of independent tasks are ordered and lie between the
    /// largest optimistic and the largest pessimistic estimate.
    #[test]
    fn exact_quantiles_are_ordered_and_bounded((est, _) in arb_dag()) {
        let tg = TaskGraph::new(est.clone(), &[]);
        let n = tg.len();
        let q: Vec<f64> = [0.5, 0.8, 0.95].iter().map(|&q| tg.exact_quantile(n, q).unwrap()).collect();
        prop_assert!(q[0] <= q[1] + 1e-9 && q[1] <= q[2] + 1e-9, "{q:?}");
        let lo = est.iter().map(|e| e[0]).fold(0.0, f64::max);
        let hi = est.iter().map(|e| e[2]).fold(0.0, f64::max);
        prop_assert!(lo - 1e-6 <= q[0] && q[2] <= hi + 1e-6, "{lo} {q:?} {hi}");
    }

    /// Percentiles are ordered; with unlimited capacity each lies between
    /// the longest path with all-optimistic and with all-pessimistic durations.
    #[test]
    fn percentiles_are_ordered_and_bounded((est, edges) in arb_dag(), seed in any::<u64>(), cap in 1usize..4) {
        let tg = TaskGraph::new(est.clone(), &edges);
        let n = tg.len();
        let mut scratch = Scratch::default();
        let opt: Vec<f64> = est.iter().map(|e| e[0]).collect();
        let pes: Vec<f64> = est.iter().map(|e| e[2]).collect();
        let lo = tg.schedule(&opt, n, &mut scratch, None);
        let hi = tg.schedule(&pes, n, &mut scratch, None);
        let free = tg.simulate(n, 300, seed);
        let (p50, p80, p95) = (percentile(&free, 0.5), percentile(&free, 0.8), percentile(&free, 0.95));
        prop_assert!(p50 <= p80 && p80 <= p95);
        prop_assert!(lo - 1e-9 <= p50 && p95 <= hi + 1e-9, "{lo} {p50} {p95} {hi}");
        // With unlimited capacity the expected schedule is the critical path.
        let sched = tg.schedule(&tg.expected, n, &mut scratch, None);
        prop_assert!((sched - tg.critical_path().1).abs() < 1e-9);
        // Limited capacity: still ordered.
        let lim = tg.simulate(cap, 300, seed);
        prop_assert!(percentile(&lim, 0.5) <= percentile(&lim, 0.8));
        prop_assert!(percentile(&lim, 0.8) <= percentile(&lim, 0.95));
    }

    /// The shortcuts (one slot: the sum; a slot per task: the longest path)
    /// give what the list scheduler gives, and the short running list and
    /// the heap (capacities above 16) agree with a plain reference.
    #[test]
    fn shortcuts_and_both_running_sets_match_the_reference((est, edges) in arb_dag(), cap in 1usize..40) {
        let tg = TaskGraph::new(est.clone(), &edges);
        let mut scratch = Scratch::default();
        let dur: Vec<f64> = est.iter().map(|e| e[1]).collect();
        for c in [1, cap, tg.len()] {
            let fast = tg.total(&dur, c, &mut scratch);
            let slow = tg.schedule(&dur, c, &mut scratch, None);
            prop_assert!((fast - slow).abs() < 1e-9, "cap {c}: {fast} vs {slow}");
            prop_assert!((slow - reference_schedule(&tg, &dur, c)).abs() < 1e-9);
        }
    }

    /// The rank set pops in ascending order, like a sorted set.
    #[test]
    fn the_rank_set_behaves_like_a_sorted_set(n in 1usize..5000, ops in proptest::collection::vec(any::<(bool, u32)>(), 0..300)) {
        let mut set = RankSet::default();
        set.reset(n);
        let mut reference = std::collections::BTreeSet::new();
        for (insert, x) in ops {
            let x = x % n as u32;
            if insert && !reference.contains(&x) {
                set.insert(x);
                reference.insert(x);
            } else {
                prop_assert_eq!(set.pop_min(), reference.pop_first());
            }
        }
        while let Some(x) = reference.pop_first() {
            prop_assert_eq!(set.pop_min(), Some(x));
        }
        prop_assert_eq!(set.pop_min(), None);
    }
}

/// A regional IT provider that runs three specialist applications, reached
/// through its network link and terminal servers: leaving it moves the
/// applications (rehost) and switches the link off last.
const PROVIDER: &str = r#"
[organisation]
name = "T"
home = "DE"
parallel_migrations = 2

[[vendor]]
id = "rz"
name = "Regionales Rechenzentrum"
country = "DE"

[[vendor]]
id = "maker"
name = "Fachverfahren GmbH"
country = "DE"

[[system]]
id = "link"
name = "Network link to the provider"
layer = "infrastructure"
category = "network"
vendor = "rz"
operator = "rz"

[[system]]
id = "terminal"
name = "Terminal servers at the provider"
layer = "platform"
vendor = "rz"
operator = "rz"
depends_on = ["link"]

[[system]]
id = "residents"
name = "Residents' register"
vendor = "maker"
operator = "rz"
depends_on = ["terminal"]
switch = { optimistic = "60d", likely = "60d", pessimistic = "60d" }
exit = "rehost"

[[system]]
id = "cars"
name = "Vehicle registration"
vendor = "maker"
operator = "rz"
depends_on = ["terminal"]
switch = { optimistic = "40d", likely = "40d", pessimistic = "40d" }
exit = "rehost"
"#;

#[test]
fn the_providers_network_link_ends_the_plan_it_does_not_start_it() {
    let g = graph(PROVIDER);
    let p = plan(&g, &vendor(&g, "rz"), &PlanOptions::default());
    let kind = |id: &str| p.systems.iter().find(|s| s.id == id).map(|s| s.kind);
    assert_eq!(kind("residents"), Some(StepKind::Rehost));
    assert_eq!(kind("cars"), Some(StepKind::Rehost));
    // The terminal servers only serve the applications, the link only the
    // terminal servers: both are switched off after what needs them.
    assert_eq!(kind("terminal"), Some(StepKind::Decommission));
    assert_eq!(kind("link"), Some(StepKind::Decommission));
    // Decommissioning takes decommission_days = 10 (o 7, p 18: PERT mean
    // (7 + 4 x 10 + 18) / 6 = 65/6).
    let link = p.tasks.iter().find(|t| t.id == "link").unwrap();
    assert_eq!(link.likely_days, 10.0);
    assert_eq!(link.after, ["terminal"]);
    let terminal = p.tasks.iter().find(|t| t.id == "terminal").unwrap();
    assert_eq!(terminal.after, ["cars", "residents"]);
    // Both applications move at once (2 at a time), then the terminal
    // servers go, then the link.
    assert_eq!(p.critical_path, ["residents", "terminal", "link"]);
    assert!((p.expected_days - (60.0 + 2.0 * 65.0 / 6.0)).abs() < 1e-9);
    assert_eq!(p.tasks.last().map(|t| t.id.as_str()), Some("link"));
}

#[test]
fn a_connector_that_something_else_still_needs_is_not_switched_off() {
    // A system of the organisation's own also runs on the terminal
    // servers: they must be replaced, not switched off.
    let t = format!(
        "{PROVIDER}\n[[system]]\nid = \"own\"\nname = \"Own app\"\ndepends_on = [\"terminal\"]\n"
    );
    let g = graph(&t);
    let p = plan(&g, &vendor(&g, "rz"), &PlanOptions::default());
    let kind = |id: &str| p.systems.iter().find(|s| s.id == id).map(|s| s.kind);
    assert_eq!(kind("terminal"), Some(StepKind::Replace));
    // The link still serves only the terminal servers, which leave.
    assert_eq!(kind("link"), Some(StepKind::Decommission));
    // Named systems leave nobody: nothing is switched off.
    let ids: Vec<SystemId> = ["link", "terminal"]
        .iter()
        .map(|i| g.model().system_id(i).unwrap())
        .collect();
    let named = plan(&g, &Target::Systems(ids), &PlanOptions::default());
    assert!(named.systems.iter().all(|s| s.kind == StepKind::Replace));
}

#[test]
fn what_moves_waits_for_its_platform_and_a_replacement_waits_for_nothing() {
    let t = format!(
        r#"{HEAD}
[[system]]
id = "os"
name = "Server OS"
layer = "platform"
vendor = "big"
switch = {{ optimistic = "30d", likely = "30d", pessimistic = "30d" }}

[[system]]
id = "moved"
name = "An app big runs, on big's OS"
vendor = "local"
operator = "big"
depends_on = ["os"]
exit = "rehost"
switch = {{ optimistic = "20d", likely = "20d", pessimistic = "20d" }}

[[system]]
id = "office"
name = "Office suite on big's OS"
vendor = "big"
depends_on = ["os"]
switch = {{ optimistic = "50d", likely = "50d", pessimistic = "50d" }}
"#
    );
    let g = graph(&t);
    let p = plan(
        &g,
        &vendor(&g, "big"),
        &PlanOptions {
            parallel: Some(3),
            ..PlanOptions::default()
        },
    );
    let task = |id: &str| p.tasks.iter().find(|t| t.id == id).unwrap();
    // The rehosted app moves onto the new platform: after the OS switch.
    assert_eq!(task("moved").after, ["os"]);
    assert_eq!(task("moved").start_day, 30.0);
    // The office replacement brings its own platform: it starts at once.
    assert!(task("office").after.is_empty());
    assert_eq!(task("office").start_day, 0.0);
    assert_eq!(p.scheduled_days, 50.0);
}

#[test]
fn the_resupport_of_one_contract_is_one_task() {
    let t = format!(
        r#"{HEAD}
[[system]]
id = "a"
name = "a"
vendor = "local"
[[system]]
id = "b"
name = "b"
vendor = "local"
[[system]]
id = "c"
name = "c"
vendor = "local"
[[contract]]
id = "support"
vendor = "big"
covers = ["a", "b", "c"]
kind = "support"
end = 2027-12-31
annual_cost = 9000
"#
    );
    let g = graph(&t);
    let p = plan(&g, &vendor(&g, "big"), &PlanOptions::default());
    assert!(p.systems.iter().all(|s| s.kind == StepKind::Resupport));
    assert_eq!(p.tasks.len(), 1);
    // resupport_days once (30) and 2 hand-over days per system.
    assert_eq!(p.tasks[0].likely_days, 30.0 + 3.0 * 2.0);
    assert_eq!(p.tasks[0].id, "a+b+c");
    assert_eq!(p.total_cost, 3.0 * 2.0 * 800.0);
    assert_eq!(p.annual_cost_left_behind, 9000.0);
    let c = g.model().contract_id("support").unwrap();
    let deadline_plan = plan(&g, &Target::Contract(c), &PlanOptions::default());
    assert_eq!(deadline_plan.tasks, p.tasks);
}

#[test]
fn mandated_systems_stay_out_of_every_plan() {
    let t = format!(
        r#"{HEAD}
[[system]]
id = "register"
name = "Federal register"
vendor = "big"
mandated = "Federal law"
[[system]]
id = "app"
name = "App"
vendor = "big"
depends_on = ["register"]
"#
    );
    let g = graph(&t);
    let p = plan(&g, &vendor(&g, "big"), &PlanOptions::default());
    let ids: Vec<&str> = p.systems.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["app"]);
    assert_eq!(p.mandated.len(), 1);
    assert_eq!(p.mandated[0].reason, "Federal law");
    let reg = g.model().system_id("register").unwrap();
    let named = plan(&g, &Target::Systems(vec![reg]), &PlanOptions::default());
    assert!(named.systems.is_empty());
    assert_eq!(named.mandated[0].id, "register");
}

/// A random landscape: systems of three vendors, some mandated, some
/// covered by contracts, with dependencies on earlier systems.
fn random_model() -> impl Strategy<Value = String> {
    let system = (
        0usize..3,
        0usize..3,
        any::<bool>(),
        any::<bool>(),
        0usize..4,
    );
    proptest::collection::vec(system, 1..14).prop_map(|systems| {
        let vendors = ["big", "big-de", "local"];
        let mut t = HEAD.to_string();
        for (i, (v, op, mandated, infra, dep)) in systems.iter().enumerate() {
            t += &format!(
                "[[system]]\nid = \"s{i}\"\nname = \"s{i}\"\nvendor = \"{}\"\noperator = \"{}\"\nlayer = \"{}\"\n",
                vendors[*v],
                vendors[*op],
                if *infra { "infrastructure" } else { "application" }
            );
            if *mandated {
                t += "mandated = \"law\"\n";
            }
            if i > 0 && *dep > 0 {
                t += &format!("depends_on = [\"s{}\"]\n", (i * 7 + dep) % i);
            }
        }
        t += "[[contract]]\nid = \"k\"\nvendor = \"big\"\ncovers = [\"s0\"]\nkind = \"support\"\nend = 2027-12-31\n";
        t
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No mandated system ever appears in an exit plan, whatever is left.
    #[test]
    fn a_mandated_system_never_appears_in_an_exit_plan(text in random_model()) {
        let g = graph(&text);
        let m = g.model();
        let opts = PlanOptions { runs: 20, ..PlanOptions::default() };
        let mut targets: Vec<Target> = m.vendor_ids().map(Target::Vendor).collect();
        targets.push(Target::Systems(m.system_ids().collect()));
        targets.extend(m.contract_ids().map(Target::Contract));
        for t in &targets {
            let p = plan(&g, t, &opts);
            for s in &p.systems {
                let id = m.system_id(&s.id).unwrap();
                prop_assert!(!m.system(id).is_mandated(), "{} in {}", s.id, p.target);
            }
        }
    }
}
