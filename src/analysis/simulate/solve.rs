//! The least solution of a system of "earliest time" equations, by Knuth's
//! generalisation of Dijkstra's algorithm (D. E. Knuth, "A generalization
//! of Dijkstra's algorithm", Information Processing Letters 6(1), 1977).
//!
//! Each unknown (a *nonterminal*: the hour a system is back, the hour its
//! own software is back, the hour an `any` group is back) is the minimum
//! over its *productions*; a production is `max(base, a1, ..., ak) + add`
//! over other unknowns `a1..ak`, with `base >= 0` and `add >= 0`. Such a
//! function is monotone and never smaller than any argument (a "superior
//! function"), which is what Knuth's algorithm needs: settling unknowns in
//! increasing order of their value gives the least solution, each unknown
//! settled once, in O((N + P + A) log N) for N unknowns, P productions and
//! A arguments. An unknown that no production can ground (a requirement
//! that never comes back, or a cycle of requirements without a way in from
//! outside) stays infinite.
//!
//! Monotone by construction: raising a base, removing a production or
//! raising an argument never lowers any value (every production is a
//! monotone function, and the least solution of monotone equations is
//! monotone in them).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// One production: `max(base, args...) + add` offered to `target`.
#[derive(Clone, Debug)]
struct Prod {
    target: u32,
    base: f64,
    add: f64,
    /// Range into [`Solver::args`].
    args: (u32, u32),
}

/// A system of equations under construction.
#[derive(Clone, Debug, Default)]
pub struct Solver {
    n: usize,
    prods: Vec<Prod>,
    args: Vec<u32>,
}

/// The least solution.
#[derive(Clone, Debug)]
pub struct Solution {
    /// Per unknown: its value (`f64::INFINITY` when it is never grounded).
    pub value: Vec<f64>,
    /// Per unknown: the production that gave its value, if any.
    pub by: Vec<Option<u32>>,
}

impl Solver {
    /// A system of `n` unknowns (numbered 0..n) and no productions.
    pub fn new(n: usize) -> Solver {
        Solver {
            n,
            prods: Vec::new(),
            args: Vec::new(),
        }
    }

    /// Adds an unknown; returns its number.
    pub fn unknown(&mut self) -> u32 {
        self.n += 1;
        (self.n - 1) as u32
    }

    /// Adds the production `target <- max(base, args...) + add`; returns its
    /// number. A production with an infinite or NaN base or add can never
    /// give a value and is not added (returns `None`). Repeated arguments
    /// count once.
    pub fn prod(&mut self, target: u32, base: f64, add: f64, args: &[u32]) -> Option<u32> {
        if !(base.is_finite() && add.is_finite()) {
            return None;
        }
        let start = self.args.len() as u32;
        for a in args {
            if !self.args[start as usize..].contains(a) {
                self.args.push(*a);
            }
        }
        self.prods.push(Prod {
            target,
            base: base.max(0.0),
            add: add.max(0.0),
            args: (start, self.args.len() as u32),
        });
        Some((self.prods.len() - 1) as u32)
    }

    /// The arguments of a production.
    pub fn args_of(&self, p: u32) -> &[u32] {
        let (a, b) = self.prods[p as usize].args;
        &self.args[a as usize..b as usize]
    }

    /// The base and the added time of a production.
    pub fn base_add(&self, p: u32) -> (f64, f64) {
        let pr = &self.prods[p as usize];
        (pr.base, pr.add)
    }

    /// Solves the system (Knuth 1977).
    pub fn solve(&self) -> Solution {
        let n = self.n;
        let mut value = vec![f64::INFINITY; n];
        let mut by: Vec<Option<u32>> = vec![None; n];
        let mut done = vec![false; n];
        // Which productions use each unknown (compressed rows).
        let mut start = vec![0u32; n + 1];
        for a in &self.args {
            start[*a as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut uses = vec![0u32; self.args.len()];
        for (p, pr) in self.prods.iter().enumerate() {
            for a in &self.args[pr.args.0 as usize..pr.args.1 as usize] {
                uses[next[*a as usize] as usize] = p as u32;
                next[*a as usize] += 1;
            }
        }
        let mut waiting: Vec<u32> = self.prods.iter().map(|p| p.args.1 - p.args.0).collect();
        let mut acc: Vec<f64> = self.prods.iter().map(|p| p.base).collect();
        let mut heap: BinaryHeap<Reverse<(u64, u32)>> = BinaryHeap::new();
        let offer = |p: usize,
                     value: &mut [f64],
                     by: &mut [Option<u32>],
                     heap: &mut BinaryHeap<Reverse<(u64, u32)>>,
                     acc: &[f64]| {
            let pr = &self.prods[p];
            let v = acc[p] + pr.add;
            let t = pr.target as usize;
            // Ties keep the production added first.
            if v < value[t] || (v == value[t] && by[t].is_some_and(|b| (p as u32) < b)) {
                value[t] = v;
                by[t] = Some(p as u32);
                heap.push(Reverse((v.to_bits(), t as u32)));
            }
        };
        for (p, w) in waiting.iter().enumerate() {
            if *w == 0 {
                offer(p, &mut value, &mut by, &mut heap, &acc);
            }
        }
        while let Some(Reverse((bits, u))) = heap.pop() {
            let u = u as usize;
            if done[u] || value[u].to_bits() != bits {
                continue;
            }
            done[u] = true;
            for k in start[u]..start[u + 1] {
                let p = uses[k as usize] as usize;
                acc[p] = acc[p].max(value[u]);
                waiting[p] -= 1;
                if waiting[p] == 0 && !done[self.prods[p].target as usize] {
                    offer(p, &mut value, &mut by, &mut heap, &acc);
                }
            }
        }
        Solution { value, by }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_adds_up_and_the_cheaper_production_wins() {
        // x0 = 10; x1 = max(x0) + 2 or 30; x2 = max(5, x1) + 1.
        let mut s = Solver::new(3);
        s.prod(0, 10.0, 0.0, &[]);
        let via = s.prod(1, 0.0, 2.0, &[0]).unwrap();
        s.prod(1, 30.0, 0.0, &[]);
        s.prod(2, 5.0, 1.0, &[1]);
        let r = s.solve();
        assert_eq!(r.value, vec![10.0, 12.0, 13.0]);
        assert_eq!(r.by[1], Some(via));
    }

    #[test]
    fn a_cycle_without_a_way_in_stays_infinite() {
        let mut s = Solver::new(3);
        s.prod(0, 0.0, 1.0, &[1]);
        s.prod(1, 0.0, 1.0, &[0]);
        // x2 reaches the cycle only through it.
        s.prod(2, 0.0, 0.0, &[0]);
        let r = s.solve();
        assert!(r.value.iter().all(|v| v.is_infinite()));
        // A way in grounds the whole cycle.
        s.prod(1, 7.0, 0.0, &[]);
        let r = s.solve();
        assert_eq!(r.value, vec![8.0, 7.0, 8.0]);
    }

    #[test]
    fn infinite_bases_add_no_production() {
        let mut s = Solver::new(1);
        assert!(s.prod(0, f64::INFINITY, 0.0, &[]).is_none());
        assert!(s.solve().value[0].is_infinite());
    }
}
