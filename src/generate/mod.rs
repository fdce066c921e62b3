//! Generated landscapes of any size, for benchmarks, scale tests and demos.
//!
//! [`generate`] writes the TOML of a valid, realistic landscape of N systems,
//! byte-identical for the same options and seed. The shape follows what the
//! domain documents describe for municipal IT, scaled up to a shared data
//! centre of many municipalities:
//!
//! - vendor groups ranked by size (Zipf), with subsidiaries in other
//!   countries (a US group with Irish and German subsidiaries) and a few
//!   private-equity owners above them, so ownership chains cross borders;
//! - systems in *domains* (one municipality each) with the same skeleton
//!   (redundant uplinks, firewall, two virtualisation clusters, storage,
//!   backup) and then platform, data and application systems whose
//!   dependencies point down the layers, with `any` groups for redundancy
//!   and a few interfaces pointing back that close cycles;
//! - contracts per vendor and domain with varied terms around the as-of
//!   date, long-tailed (Pareto) costs and a few cloud contracts that fall
//!   short of the EU Data Act; services that need applications; candidate
//!   alternatives; and scenarios aimed at the landscape's own largest
//!   dependencies (US and Chinese jurisdiction, largest vendor, a price
//!   shock on virtualisation, a hosting provider and a telecom outage).
//!
//! Every entity count is proportional to the number of systems, so the
//! cost of analysing a generated landscape grows with N alone. The method,
//! every distribution and parameter, is in `docs/methodology.md#generated-landscapes`.
//! [`stats`] measures a loaded model, so that the shape can be checked.

mod emit;
mod landscape;
mod names;
mod sample;
mod stats;
mod vendors;
mod vocab;

pub use stats::{LayerCounts, Stats, StatusCounts, stats};

use chrono::NaiveDate;

/// Fewest systems a landscape can have: one domain skeleton (8 systems)
/// plus platform, data and applications.
pub const MIN_SYSTEMS: usize = 20;
/// Most systems: 2.5 million, above a national registry of about 2.2
/// million (11,000 municipalities of 200 systems). The loader's default
/// limits (256 MiB per file, 2,000,000 entities) hold about 390,000
/// generated systems; larger landscapes are checked with `--max-file-size`
/// and `--max-entities` raised (2.2 million systems: 1.5 GB, 5.6 million
/// entities).
pub const MAX_SYSTEMS: usize = 2_500_000;

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct GenOptions {
    /// Number of `[[system]]` entries, exactly.
    pub systems: usize,
    /// Seed of the random streams; the same seed gives the same bytes.
    pub seed: u64,
    /// Systems per domain (municipality); default 100.
    pub domain_size: usize,
    /// Vendor groups per system; default 0.125 (one group per 8 systems).
    pub groups_per_system: f64,
    /// Exponent `s` of the Zipf law for vendor sizes; default 1.0.
    pub zipf_exponent: f64,
    /// `[organisation] as_of`; default 2026-12-01.
    pub as_of: NaiveDate,
    /// `[organisation] parallel_migrations`; default 4.
    pub parallel_migrations: u32,
}

impl GenOptions {
    /// The default options for `systems` systems and a seed.
    pub fn new(systems: usize, seed: u64) -> GenOptions {
        GenOptions {
            systems,
            seed,
            domain_size: 100,
            groups_per_system: 0.125,
            zipf_exponent: 1.0,
            as_of: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            parallel_migrations: 4,
        }
    }

    /// Checks the options; every problem is a [`GenError`].
    pub fn check(&self) -> Result<(), GenError> {
        if !(MIN_SYSTEMS..=MAX_SYSTEMS).contains(&self.systems) {
            return Err(GenError::Systems(self.systems));
        }
        if self.domain_size < MIN_SYSTEMS {
            return Err(GenError::Option(format!(
                "the domain size must be at least {MIN_SYSTEMS}, not {}",
                self.domain_size
            )));
        }
        if !(self.groups_per_system > 0.0 && self.groups_per_system <= 1.0) {
            return Err(GenError::Option(format!(
                "vendor groups per system must be above 0 and at most 1, not {}",
                self.groups_per_system
            )));
        }
        if !(self.zipf_exponent > 0.0 && self.zipf_exponent <= 4.0) {
            return Err(GenError::Option(format!(
                "the Zipf exponent must be above 0 and at most 4, not {}",
                self.zipf_exponent
            )));
        }
        if !(1..=1000).contains(&self.parallel_migrations) {
            return Err(GenError::Option(format!(
                "parallel migrations must be between 1 and 1000, not {}",
                self.parallel_migrations
            )));
        }
        Ok(())
    }
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions::new(1000, 1)
    }
}

/// Options the generator cannot work with.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GenError {
    #[error("the number of systems must be between {MIN_SYSTEMS} and {MAX_SYSTEMS}, not {0}")]
    Systems(usize),
    #[error("{0}")]
    Option(String),
}

/// The TOML text of a generated landscape.
pub fn generate(opts: &GenOptions) -> Result<String, GenError> {
    opts.check()?;
    let l = landscape::build(opts);
    Ok(emit::write(opts, &l))
}
