//! The random primitives of the generator: seeded streams, Zipf ranks,
//! weighted choices and the long-tailed amounts.
//!
//! Every draw goes through a [`ChaCha8Rng`] (portable and stable across
//! platforms and `rand` versions, unlike `StdRng`). Each phase of the
//! generator has its own stream of the same seed, so that a change in one
//! phase does not shift the draws of the others. Integer choices use
//! integer weights, so they do not depend on floating-point rounding.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal, Pareto};

pub(crate) type Rng = ChaCha8Rng;

/// The generator's independent streams, one per phase.
#[derive(Clone, Copy)]
pub(crate) enum Phase {
    Vendors = 1,
    Systems = 2,
    Contracts = 3,
    Services = 4,
}

/// The random stream of one phase for a seed.
pub(crate) fn stream(seed: u64, phase: Phase) -> Rng {
    let mut r = ChaCha8Rng::seed_from_u64(seed);
    r.set_stream(phase as u64);
    r
}

/// A Zipf distribution over ranks `0..n`: P(rank k) is proportional to
/// 1 / (k + 1)^s. Sampled by inverse transform over integer cumulative
/// weights (exact, O(log n) per draw).
pub(crate) struct Zipf {
    cumulative: Vec<u64>,
}

impl Zipf {
    /// Scale of the integer weights: the weight of rank 0.
    const SCALE: f64 = 1e12;

    pub fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0u64;
        let cumulative = (1..=n.max(1))
            .map(|k| {
                let w = (Self::SCALE / (k as f64).powf(s)).round().max(1.0) as u64;
                total += w;
                total
            })
            .collect();
        Zipf { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1);
        let x = rng.random_range(0..total);
        self.cumulative.partition_point(|&c| c <= x)
    }
}

/// One of `items`, with probability proportional to its integer weight.
pub(crate) fn pick<T: Copy>(rng: &mut Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    let mut x = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if x < *w {
            return *item;
        }
        x -= *w;
    }
    items[items.len() - 1].0
}

/// One element of a non-empty slice, uniformly.
pub(crate) fn one<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

/// True with probability `percent` / 100.
pub(crate) fn chance(rng: &mut Rng, percent: u32) -> bool {
    rng.random_range(0..100u32) < percent
}

/// A Pareto amount (scale `xm`, shape `alpha`), capped.
pub(crate) fn pareto(rng: &mut Rng, xm: f64, alpha: f64, cap: f64) -> f64 {
    // Parameters are constants of the generator (positive), never user input.
    let d = Pareto::new(xm, alpha).unwrap_or_else(|_| unreachable!("valid Pareto parameters"));
    d.sample(rng).min(cap)
}

/// A log-normal amount with the given median and sigma (of the log), capped.
pub(crate) fn lognormal(rng: &mut Rng, median: f64, sigma: f64, cap: f64) -> f64 {
    let d = LogNormal::new(median.ln(), sigma)
        .unwrap_or_else(|_| unreachable!("valid log-normal parameters"));
    d.sample(rng).min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zipf_rank_zero_is_most_frequent_and_ratio_follows_the_exponent() {
        // With s = 1, rank 0 is drawn about twice as often as rank 1.
        let z = Zipf::new(50, 1.0);
        let mut rng = stream(7, Phase::Vendors);
        let mut counts = [0u32; 50];
        for _ in 0..200_000 {
            counts[z.sample(&mut rng)] += 1;
        }
        let ratio = counts[0] as f64 / counts[1] as f64;
        assert!((1.9..2.1).contains(&ratio), "ratio {ratio}");
        assert!(counts[0] > counts[49] * 30);
    }

    #[test]
    fn streams_of_one_seed_differ_and_repeat() {
        let a: u64 = stream(1, Phase::Systems).random();
        let b: u64 = stream(1, Phase::Contracts).random();
        let a2: u64 = stream(1, Phase::Systems).random();
        assert_ne!(a, b);
        assert_eq!(a, a2);
    }

    #[test]
    fn pick_never_returns_a_zero_weight_item() {
        let mut rng = stream(3, Phase::Services);
        for _ in 0..1000 {
            assert_ne!(pick(&mut rng, &[("a", 1), ("b", 0), ("c", 5)]), "b");
        }
    }
}
