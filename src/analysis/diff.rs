//! Year-over-year comparison: a [`Snapshot`] of what a review compares, and
//! the [`Diff`] of two snapshots (`exitgraph diff`, the review's
//! `--baseline` section).
//!
//! A snapshot holds, for one model on one as-of date: the systems (status,
//! vendor group, lock-in score with its factors, hotspot rank), the vendors
//! (country, group), the contracts (vendor, annual cost, next exit, notice
//! and decision deadline, deadline status), the sovereignty self-check
//! (five dimensions, total, level), spend (total, HHI, untrusted share) and
//! the hotspot top list. Every value comes from the analyses
//! (`lockin::hotspots`, `deadlines::deadlines`, `sovereignty::check`,
//! `spend::concentration`); the deadlines' Monte Carlo uses the fixed seed
//! and runs of [`SnapshotOptions`], so a snapshot is deterministic.
//!
//! Snapshots are stored: the review writes one into its `review.json` under
//! `"snapshot"`, and a later `diff` reads it back ([`Snapshot::from_json`]).
//! The format is versioned by `snapshot_version` ([`SNAPSHOT_VERSION`]);
//! a reader refuses versions it does not know instead of misreading them.
//!
//! [`diff`] compares two snapshots by id: systems, vendors and contracts
//! added and removed; changed names, statuses, vendor groups, lock-in
//! scores (with the factors that moved), costs and deadlines; the
//! sovereignty dimensions and total and the spend figures with their
//! direction (up, down, same) and, where a direction is clearly good or
//! bad, whether it is better or worse; hotspots that left the top list or
//! the model, and new ones. Numbers are equal when they differ by less than
//! one part in 10^9 (a JSON round trip may move the last bit).

use crate::analysis::deadlines::{self, DeadlineOptions};
use crate::analysis::exit_plan::PlanOptions;
use crate::analysis::lockin::{self, Scorer};
use crate::analysis::sovereignty;
use crate::graph::Graph;
use crate::model::{Duration, Party};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The snapshot format this version writes and reads.
pub const SNAPSHOT_VERSION: u32 = 1;

/// Length of the hotspot top list by default.
pub const DEFAULT_TOP: usize = 10;

/// Options of [`snapshot`].
#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotOptions {
    /// The review date: deadlines are computed from it.
    pub as_of: NaiveDate,
    /// Length of the hotspot top list.
    pub top: usize,
    /// Decisions within this period count as `due` (contract status).
    pub horizon: Duration,
    /// The exit-plan Monte Carlo behind the decision deadlines.
    pub plan: PlanOptions,
}

impl SnapshotOptions {
    /// The defaults of `exitgraph deadlines` and `hotspots`: top 10,
    /// horizon 12 months, the default seed and runs.
    pub fn new(as_of: NaiveDate) -> Self {
        SnapshotOptions {
            as_of,
            top: DEFAULT_TOP,
            horizon: Duration::months(12),
            plan: PlanOptions::default(),
        }
    }
}

/// What a year-over-year comparison needs of one model on one date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The format version ([`SNAPSHOT_VERSION`]).
    pub snapshot_version: u32,
    pub organisation: String,
    pub as_of: NaiveDate,
    pub currency: String,
    /// How the numbers were computed.
    pub method: SnapshotMethod,
    /// Every system, by id.
    pub systems: Vec<SnapshotSystem>,
    /// Every vendor, by id.
    pub vendors: Vec<SnapshotVendor>,
    /// Every contract, by id.
    pub contracts: Vec<SnapshotContract>,
    pub sovereignty: SnapshotSovereignty,
    pub spend: SnapshotSpend,
    /// The hotspot top list, by rank.
    pub hotspots: Vec<SnapshotHotspot>,
}

/// The parameters a snapshot was computed with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotMethod {
    /// Length of the hotspot top list.
    pub hotspot_top: usize,
    /// Deadline horizon (duration text, e.g. `12mo`).
    pub horizon: String,
    /// Monte Carlo runs and seed of the exit plans behind the deadlines.
    pub runs: u32,
    pub seed: u64,
}

/// A system in a snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotSystem {
    pub id: String,
    pub name: String,
    /// `in-use`, `candidate` or `retired`.
    pub status: String,
    /// The top of the maker's ownership chain, `self` for in-house.
    pub vendor_group: String,
    /// Lock-in score 0..100 (any status).
    pub lockin: f64,
    /// The points of each lock-in factor (they add up to `lockin`).
    pub factors: Vec<SnapshotFactor>,
    /// Rank in the hotspot ranking of in-use systems (1 = worst).
    pub hotspot_rank: Option<usize>,
}

/// One lock-in factor's points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotFactor {
    pub name: String,
    pub points: f64,
}

/// A vendor in a snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotVendor {
    pub id: String,
    pub name: String,
    pub country: String,
    /// The top of its ownership chain (itself when it has no parent).
    pub group: String,
}

/// A contract in a snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotContract {
    pub id: String,
    pub vendor: String,
    pub annual_cost: Option<f64>,
    pub next_exit: Option<NaiveDate>,
    pub notice_deadline: Option<NaiveDate>,
    pub decision_deadline: Option<NaiveDate>,
    /// `expired`, `overdue`, `due` or `ok` on the as-of date.
    pub status: String,
}

/// The sovereignty self-check in a snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotSovereignty {
    pub dimensions: Vec<SnapshotDimension>,
    /// 5..25.
    pub total: u8,
    pub level: String,
}

/// One dimension of the self-check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotDimension {
    /// `data`, `technology`, `competence`, `standards`, `governance`.
    pub key: String,
    pub name: String,
    /// 1..5.
    pub score: u8,
    /// 0..1.
    pub share: f64,
}

/// Spend figures in a snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotSpend {
    /// Annual spend of all contracts with a cost.
    pub total: f64,
    /// Herfindahl-Hirschman index across vendor groups, 0..10,000.
    pub hhi: f64,
    pub band: String,
    /// Share (0..1) and amount of spend on vendors exposed outside the trusted set.
    pub untrusted_share: f64,
    pub untrusted_cost: f64,
}

/// One entry of the hotspot top list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotHotspot {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub score: f64,
    pub hotspot: f64,
}

/// Takes the snapshot of a model.
pub fn snapshot(g: &Graph, opts: &SnapshotOptions) -> Snapshot {
    let hot = lockin::hotspots(g, false);
    let dl = deadlines::deadlines(
        g,
        &DeadlineOptions {
            as_of: opts.as_of,
            horizon: opts.horizon,
            plan: opts.plan.clone(),
        },
    );
    let sov = sovereignty::check(g);
    snapshot_of(g, opts, &hot, &dl, &sov)
}

/// [`snapshot`] from the hotspots (`lockin::hotspots(g, false)`), the
/// deadlines (with the snapshot's as-of date, horizon and plan options) and
/// the sovereignty check that the caller has already computed: the review
/// runs these analyses anyway, and computing them twice doubled its cost
/// (the deadlines' Monte Carlo runs above all).
pub fn snapshot_of(
    g: &Graph,
    opts: &SnapshotOptions,
    hot: &lockin::HotspotsReport,
    dl: &deadlines::Deadlines,
    sov: &sovereignty::SovereigntyReport,
) -> Snapshot {
    let m = g.model();
    let ranks: BTreeMap<&str, usize> = hot
        .systems
        .iter()
        .map(|s| (s.id.as_str(), s.rank))
        .collect();
    let scorer = Scorer::new(g);
    let mut systems: Vec<SnapshotSystem> = m
        .system_ids()
        .map(|s| {
            let sys = m.system(s);
            let score = scorer.score(s);
            SnapshotSystem {
                id: sys.id.clone(),
                name: sys.name.clone(),
                status: sys.status.as_str().to_string(),
                vendor_group: match sys.vendor {
                    Party::Own => "self".to_string(),
                    Party::Vendor(v) => m.vendor(g.top_parent(v)).id.clone(),
                },
                lockin: score.score,
                factors: score
                    .factors
                    .iter()
                    .map(|f| SnapshotFactor {
                        name: f.name.key().to_string(),
                        points: f.points,
                    })
                    .collect(),
                hotspot_rank: ranks.get(sys.id.as_str()).copied(),
            }
        })
        .collect();
    systems.sort_by(|a, b| a.id.cmp(&b.id));
    let mut vendors: Vec<SnapshotVendor> = m
        .vendor_ids()
        .map(|v| {
            let vendor = m.vendor(v);
            SnapshotVendor {
                id: vendor.id.clone(),
                name: vendor.name.clone(),
                country: vendor.country.to_string(),
                group: m.vendor(g.top_parent(v)).id.clone(),
            }
        })
        .collect();
    vendors.sort_by(|a, b| a.id.cmp(&b.id));
    let mut contracts: Vec<SnapshotContract> = dl
        .contracts
        .iter()
        .map(|c| SnapshotContract {
            id: c.id.clone(),
            vendor: c.vendor.clone(),
            annual_cost: c.annual_cost,
            next_exit: c.next_exit,
            notice_deadline: c.notice_deadline,
            decision_deadline: c.decision_deadline,
            status: c.status.as_str().to_string(),
        })
        .collect();
    contracts.sort_by(|a, b| a.id.cmp(&b.id));
    let c = &hot.concentration;
    Snapshot {
        snapshot_version: SNAPSHOT_VERSION,
        organisation: m.organisation.name.clone(),
        as_of: opts.as_of,
        currency: m.organisation.currency.clone(),
        method: SnapshotMethod {
            hotspot_top: opts.top,
            horizon: opts.horizon.to_string(),
            runs: opts.plan.runs,
            seed: opts.plan.seed,
        },
        systems,
        vendors,
        contracts,
        sovereignty: SnapshotSovereignty {
            dimensions: sov
                .dimensions
                .iter()
                .map(|d| SnapshotDimension {
                    key: d.key.key().to_string(),
                    name: d.key.snapshot_name().to_string(),
                    score: d.score,
                    share: d.share,
                })
                .collect(),
            total: sov.total,
            level: sov.level.snapshot_name().to_string(),
        },
        spend: SnapshotSpend {
            total: c.total,
            hhi: c.hhi,
            band: c.band.as_str().to_string(),
            untrusted_share: c.untrusted_share,
            untrusted_cost: c.untrusted_cost,
        },
        hotspots: hot
            .systems
            .iter()
            .take(opts.top)
            .map(|s| SnapshotHotspot {
                rank: s.rank,
                id: s.id.clone(),
                name: s.name.clone(),
                score: s.score,
                hotspot: s.hotspot,
            })
            .collect(),
    }
}

/// Why a stored snapshot cannot be read.
#[derive(Clone, Debug, PartialEq)]
pub enum SnapshotError {
    /// The text is not JSON.
    NotJson(String),
    /// The JSON has no `snapshot` member (and is no snapshot itself).
    NoSnapshot,
    /// The snapshot has no `snapshot_version`.
    NoVersion,
    /// The snapshot's version is not [`SNAPSHOT_VERSION`].
    UnknownVersion(String),
    /// The snapshot does not have the fields of its version.
    Invalid(String),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::NotJson(e) => write!(f, "is not valid JSON: {e}"),
            SnapshotError::NoSnapshot => f.write_str(
                "has no `snapshot` member: it is not a review.json written by `exitgraph review`",
            ),
            SnapshotError::NoVersion => f.write_str("has a snapshot without `snapshot_version`"),
            SnapshotError::UnknownVersion(v) => write!(
                f,
                "has a snapshot of snapshot_version {v}; this exitgraph reads version {SNAPSHOT_VERSION}"
            ),
            SnapshotError::Invalid(e) => write!(f, "has a snapshot that cannot be read: {e}"),
        }
    }
}

impl std::error::Error for SnapshotError {}

impl Snapshot {
    /// Reads a snapshot from the text of a `review.json` (its `"snapshot"`
    /// member) or of a bare snapshot (an object with `snapshot_version`).
    pub fn from_json(text: &str) -> Result<Snapshot, SnapshotError> {
        let v: serde_json::Value =
            serde_json::from_str(text).map_err(|e| SnapshotError::NotJson(e.to_string()))?;
        Snapshot::from_value(&v)
    }

    /// As [`Snapshot::from_json`], from parsed JSON.
    pub fn from_value(v: &serde_json::Value) -> Result<Snapshot, SnapshotError> {
        let obj = v.as_object().ok_or(SnapshotError::NoSnapshot)?;
        let snap = match obj.get("snapshot") {
            Some(s) => s,
            None if obj.contains_key("snapshot_version") => v,
            None => return Err(SnapshotError::NoSnapshot),
        };
        match snap.get("snapshot_version") {
            None => return Err(SnapshotError::NoVersion),
            Some(n) if n.as_u64() == Some(u64::from(SNAPSHOT_VERSION)) => {}
            Some(n) => return Err(SnapshotError::UnknownVersion(n.to_string())),
        }
        Snapshot::deserialize(snap).map_err(|e| SnapshotError::Invalid(e.to_string()))
    }
}

/// Which way a number moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
    Same,
}

impl Direction {
    /// `↑`, `↓` or `→`.
    pub fn arrow(self) -> &'static str {
        match self {
            Direction::Up => "↑",
            Direction::Down => "↓",
            Direction::Same => "→",
        }
    }
}

/// Whether a move is an improvement, where that is clear.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reading {
    Better,
    Worse,
}

/// Which way is good for a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Good {
    Higher,
    Lower,
    Neither,
}

/// A value before and after.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change<T> {
    pub old: T,
    pub new: T,
    /// For ordered values present on both sides.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Better or worse, for numbers where one direction is clearly good.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<Reading>,
}

impl<T: PartialEq> Change<T> {
    /// Whether the value stayed the same.
    pub fn is_same(&self) -> bool {
        self.direction == Some(Direction::Same)
            || (self.direction.is_none() && self.old == self.new)
    }
}

/// Equal up to one part in 10^9.
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn direction_of(ord: std::cmp::Ordering) -> Direction {
    match ord {
        std::cmp::Ordering::Less => Direction::Up,
        std::cmp::Ordering::Greater => Direction::Down,
        std::cmp::Ordering::Equal => Direction::Same,
    }
}

fn reading(d: Direction, good: Good) -> Option<Reading> {
    match (d, good) {
        (Direction::Up, Good::Higher) | (Direction::Down, Good::Lower) => Some(Reading::Better),
        (Direction::Up, Good::Lower) | (Direction::Down, Good::Higher) => Some(Reading::Worse),
        _ => None,
    }
}

/// A number's change, also when it stayed the same.
fn number(old: f64, new: f64, good: Good) -> Change<f64> {
    let d = if same(old, new) {
        Direction::Same
    } else {
        direction_of(old.total_cmp(&new))
    };
    Change {
        old,
        new,
        direction: Some(d),
        reading: reading(d, good),
    }
}

fn whole(old: u8, new: u8, good: Good) -> Change<u8> {
    let d = direction_of(old.cmp(&new));
    Change {
        old,
        new,
        direction: Some(d),
        reading: reading(d, good),
    }
}

/// A number's change, `None` when it stayed the same.
fn changed_number(old: f64, new: f64, good: Good) -> Option<Change<f64>> {
    Some(number(old, new, good)).filter(|c| !c.is_same())
}

fn changed_text(old: &str, new: &str) -> Option<Change<String>> {
    (old != new).then(|| Change {
        old: old.to_string(),
        new: new.to_string(),
        direction: None,
        reading: None,
    })
}

/// An optional ordered value; a direction only when present on both sides.
fn changed_opt<T: PartialOrd + Copy>(
    old: Option<T>,
    new: Option<T>,
    eq: impl Fn(T, T) -> bool,
) -> Option<Change<Option<T>>> {
    let direction = match (old, new) {
        (Some(a), Some(b)) if eq(a, b) => return None,
        (Some(a), Some(b)) => a.partial_cmp(&b).map(direction_of),
        (None, None) => return None,
        _ => None,
    };
    Some(Change {
        old,
        new,
        direction,
        reading: None,
    })
}

/// The names of the two sides.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    pub organisation: String,
    pub as_of: NaiveDate,
}

/// Added, removed and changed elements of one kind, each list by id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changes<A, C> {
    pub added: Vec<A>,
    pub removed: Vec<A>,
    pub changed: Vec<C>,
}

impl<A, C> Changes<A, C> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// What changed about a system present on both sides.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemChange {
    pub id: String,
    /// The new name.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed: Option<Change<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Change<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_group: Option<Change<String>>,
    /// The lock-in score (up is worse).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lockin: Option<Change<f64>>,
    /// The factors whose points moved, in report order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<FactorChange>,
}

/// A lock-in factor whose points moved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FactorChange {
    pub factor: String,
    #[serde(flatten)]
    pub points: Change<f64>,
}

/// What changed about a vendor present on both sides.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorChange {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed: Option<Change<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Change<String>>,
    /// The controlling company changed (an acquisition).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Change<String>>,
}

/// What changed about a contract present on both sides. Dates move up
/// when they are later.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractChange {
    pub id: String,
    /// The vendor now.
    pub vendor: String,
    /// The contract moved to another vendor (a takeover, a new party).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor_change: Option<Change<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_cost: Option<Change<Option<f64>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_exit: Option<Change<Option<NaiveDate>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice_deadline: Option<Change<Option<NaiveDate>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_deadline: Option<Change<Option<NaiveDate>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Change<String>>,
}

/// One sovereignty dimension before and after (up is better).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DimensionDiff {
    pub key: String,
    pub name: String,
    pub score: Change<u8>,
    pub share: Change<f64>,
}

/// The sovereignty check before and after; always complete.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SovereigntyDiff {
    /// The dimensions present on both sides, in the new snapshot's order.
    pub dimensions: Vec<DimensionDiff>,
    pub total: Change<u8>,
    pub level: Change<String>,
}

/// Spend before and after; always complete.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpendDiff {
    /// The new snapshot's currency.
    pub currency: String,
    pub total: Change<f64>,
    /// Up is worse (more concentrated).
    pub hhi: Change<f64>,
    pub band: Change<String>,
    /// Up is worse.
    pub untrusted_share: Change<f64>,
    pub untrusted_cost: Change<f64>,
}

/// Why a hotspot left the top list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolved {
    /// Still in use, now ranked below the list.
    LeftTopList,
    /// Still in the model, no longer in use.
    NoLongerInUse,
    /// Gone from the model.
    Removed,
}

/// Why a system entered the top list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Entered {
    /// Was in use and ranked below the list.
    Rose,
    /// Was in the model but not in use.
    NowInUse,
    /// New in the model.
    Added,
}

/// A system that left the top list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotResolved {
    pub id: String,
    pub name: String,
    pub old_rank: usize,
    /// Its rank now, when still in use.
    pub new_rank: Option<usize>,
    pub why: Resolved,
}

/// A system that entered the top list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotNew {
    pub id: String,
    pub name: String,
    pub new_rank: usize,
    /// Its rank before, when it was in use.
    pub old_rank: Option<usize>,
    pub why: Entered,
}

/// A system on both top lists at another rank.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotMoved {
    pub id: String,
    pub name: String,
    pub old_rank: usize,
    pub new_rank: usize,
}

/// The hotspot top lists compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HotspotsDiff {
    /// How many entries of each list were compared (the shorter method's).
    pub top: usize,
    /// By old rank.
    pub resolved: Vec<HotspotResolved>,
    /// By new rank.
    pub new: Vec<HotspotNew>,
    /// By new rank.
    pub moved: Vec<HotspotMoved>,
}

/// The comparison of two snapshots.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub old: Side,
    pub new: Side,
    /// Nothing differs (notes aside).
    pub unchanged: bool,
    /// Differences of method that may explain changes (other seeds, list lengths).
    pub notes: Vec<Note>,
    pub systems: Changes<SnapshotSystem, SystemChange>,
    pub vendors: Changes<SnapshotVendor, VendorChange>,
    pub contracts: Changes<SnapshotContract, ContractChange>,
    pub sovereignty: SovereigntyDiff,
    pub spend: SpendDiff,
    pub hotspots: HotspotsDiff,
}

/// Splits two id-keyed lists into added, removed and pairs, all by id.
fn pair<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> &str,
) -> (Vec<T>, Vec<T>, Vec<(&'a T, &'a T)>)
where
    T: Clone,
{
    let o: BTreeMap<&str, &T> = old.iter().map(|x| (id(x), x)).collect();
    let n: BTreeMap<&str, &T> = new.iter().map(|x| (id(x), x)).collect();
    let added = n
        .iter()
        .filter(|(k, _)| !o.contains_key(*k))
        .map(|(_, v)| (*v).clone())
        .collect();
    let removed = o
        .iter()
        .filter(|(k, _)| !n.contains_key(*k))
        .map(|(_, v)| (*v).clone())
        .collect();
    let both = n
        .iter()
        .filter_map(|(k, v)| o.get(k).map(|ov| (*ov, *v)))
        .collect();
    (added, removed, both)
}

fn system_change(o: &SnapshotSystem, n: &SnapshotSystem) -> Option<SystemChange> {
    let of: BTreeMap<&str, f64> = o
        .factors
        .iter()
        .map(|f| (f.name.as_str(), f.points))
        .collect();
    let factors: Vec<FactorChange> = n
        .factors
        .iter()
        .filter_map(|f| {
            let old = *of.get(f.name.as_str())?;
            changed_number(old, f.points, Good::Lower).map(|points| FactorChange {
                factor: f.name.clone(),
                points,
            })
        })
        .collect();
    let c = SystemChange {
        id: n.id.clone(),
        name: n.name.clone(),
        renamed: changed_text(&o.name, &n.name),
        status: changed_text(&o.status, &n.status),
        vendor_group: changed_text(&o.vendor_group, &n.vendor_group),
        lockin: changed_number(o.lockin, n.lockin, Good::Lower),
        factors,
    };
    let any = c.renamed.is_some()
        || c.status.is_some()
        || c.vendor_group.is_some()
        || c.lockin.is_some()
        || !c.factors.is_empty();
    any.then_some(c)
}

fn vendor_change(o: &SnapshotVendor, n: &SnapshotVendor) -> Option<VendorChange> {
    let c = VendorChange {
        id: n.id.clone(),
        name: n.name.clone(),
        renamed: changed_text(&o.name, &n.name),
        country: changed_text(&o.country, &n.country),
        group: changed_text(&o.group, &n.group),
    };
    (c.renamed.is_some() || c.country.is_some() || c.group.is_some()).then_some(c)
}

fn contract_change(o: &SnapshotContract, n: &SnapshotContract) -> Option<ContractChange> {
    let dates = |a, b| changed_opt(a, b, |x: NaiveDate, y: NaiveDate| x == y);
    let c = ContractChange {
        id: n.id.clone(),
        vendor: n.vendor.clone(),
        vendor_change: changed_text(&o.vendor, &n.vendor),
        annual_cost: changed_opt(o.annual_cost, n.annual_cost, same),
        next_exit: dates(o.next_exit, n.next_exit),
        notice_deadline: dates(o.notice_deadline, n.notice_deadline),
        decision_deadline: dates(o.decision_deadline, n.decision_deadline),
        status: changed_text(&o.status, &n.status),
    };
    let any = c.vendor_change.is_some()
        || c.annual_cost.is_some()
        || c.next_exit.is_some()
        || c.notice_deadline.is_some()
        || c.decision_deadline.is_some()
        || c.status.is_some();
    any.then_some(c)
}

fn hotspots(old: &Snapshot, new: &Snapshot) -> HotspotsDiff {
    let top = old.method.hotspot_top.min(new.method.hotspot_top);
    let list = |s: &Snapshot| {
        let mut l: Vec<SnapshotHotspot> = s.hotspots.clone();
        l.sort_by(|a, b| a.rank.cmp(&b.rank).then_with(|| a.id.cmp(&b.id)));
        l.truncate(top);
        l
    };
    let (ol, nl) = (list(old), list(new));
    let systems = |s: &Snapshot| -> BTreeMap<String, SnapshotSystem> {
        s.systems
            .iter()
            .map(|x| (x.id.clone(), x.clone()))
            .collect()
    };
    let (os, ns) = (systems(old), systems(new));
    let in_new = |id: &str| nl.iter().find(|h| h.id == id);
    let in_old = |id: &str| ol.iter().find(|h| h.id == id);
    let mut resolved = Vec::new();
    let mut moved = Vec::new();
    for h in &ol {
        match in_new(&h.id) {
            Some(n) => {
                if n.rank != h.rank {
                    moved.push(HotspotMoved {
                        id: n.id.clone(),
                        name: n.name.clone(),
                        old_rank: h.rank,
                        new_rank: n.rank,
                    });
                }
            }
            None => {
                let now = ns.get(&h.id);
                let (why, new_rank) = match now {
                    None => (Resolved::Removed, None),
                    Some(s) if s.status != "in-use" => (Resolved::NoLongerInUse, None),
                    Some(s) => (Resolved::LeftTopList, s.hotspot_rank),
                };
                resolved.push(HotspotResolved {
                    id: h.id.clone(),
                    name: h.name.clone(),
                    old_rank: h.rank,
                    new_rank,
                    why,
                });
            }
        }
    }
    let mut entered = Vec::new();
    for h in &nl {
        if in_old(&h.id).is_some() {
            continue;
        }
        let (why, old_rank) = match os.get(&h.id) {
            None => (Entered::Added, None),
            Some(s) if s.status != "in-use" => (Entered::NowInUse, None),
            Some(s) => (Entered::Rose, s.hotspot_rank),
        };
        entered.push(HotspotNew {
            id: h.id.clone(),
            name: h.name.clone(),
            new_rank: h.rank,
            old_rank,
            why,
        });
    }
    moved.sort_by(|a, b| a.new_rank.cmp(&b.new_rank).then_with(|| a.id.cmp(&b.id)));
    HotspotsDiff {
        top,
        resolved,
        new: entered,
        moved,
    }
}

fn sovereignty_diff(old: &SnapshotSovereignty, new: &SnapshotSovereignty) -> SovereigntyDiff {
    let dimensions = new
        .dimensions
        .iter()
        .filter_map(|n| {
            let o = old.dimensions.iter().find(|o| o.key == n.key)?;
            Some(DimensionDiff {
                key: n.key.clone(),
                name: n.name.clone(),
                score: whole(o.score, n.score, Good::Higher),
                share: number(o.share, n.share, Good::Higher),
            })
        })
        .collect();
    SovereigntyDiff {
        dimensions,
        total: whole(old.total, new.total, Good::Higher),
        level: Change {
            old: old.level.clone(),
            new: new.level.clone(),
            direction: None,
            reading: None,
        },
    }
}

fn spend_diff(old: &Snapshot, new: &Snapshot) -> SpendDiff {
    let (o, n) = (&old.spend, &new.spend);
    SpendDiff {
        currency: new.currency.clone(),
        total: number(o.total, n.total, Good::Neither),
        hhi: number(o.hhi, n.hhi, Good::Lower),
        band: Change {
            old: o.band.clone(),
            new: n.band.clone(),
            direction: None,
            reading: None,
        },
        untrusted_share: number(o.untrusted_share, n.untrusted_share, Good::Lower),
        untrusted_cost: number(o.untrusted_cost, n.untrusted_cost, Good::Lower),
    }
}

/// Something that limits how far two snapshots compare.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// The snapshots are of different organisations.
    OtherOrganisation { old: String, new: String },
    /// Money is in different currencies; amounts are compared as written.
    OtherCurrency { old: String, new: String },
    /// The hotspot lists have different lengths; the first `compared` count.
    OtherHotspotTop {
        old: usize,
        new: usize,
        compared: usize,
    },
    /// The deadlines used different Monte Carlo settings: decision
    /// deadlines may differ by a day or two for that alone.
    OtherMonteCarlo {
        old_runs: u32,
        old_seed: u64,
        new_runs: u32,
        new_seed: u64,
    },
    /// The deadline horizon differs: `due` means different things.
    OtherHorizon { old: String, new: String },
}

fn notes(old: &Snapshot, new: &Snapshot) -> Vec<Note> {
    let mut out = Vec::new();
    if old.organisation != new.organisation {
        out.push(Note::OtherOrganisation {
            old: old.organisation.clone(),
            new: new.organisation.clone(),
        });
    }
    if old.currency != new.currency {
        out.push(Note::OtherCurrency {
            old: old.currency.clone(),
            new: new.currency.clone(),
        });
    }
    let (a, b) = (&old.method, &new.method);
    if a.hotspot_top != b.hotspot_top {
        out.push(Note::OtherHotspotTop {
            old: a.hotspot_top,
            new: b.hotspot_top,
            compared: a.hotspot_top.min(b.hotspot_top),
        });
    }
    if a.runs != b.runs || a.seed != b.seed {
        out.push(Note::OtherMonteCarlo {
            old_runs: a.runs,
            old_seed: a.seed,
            new_runs: b.runs,
            new_seed: b.seed,
        });
    }
    if a.horizon != b.horizon {
        out.push(Note::OtherHorizon {
            old: a.horizon.clone(),
            new: b.horizon.clone(),
        });
    }
    out
}

/// Compares two snapshots (old first).
pub fn diff(old: &Snapshot, new: &Snapshot) -> Diff {
    let (added, removed, both) = pair(&old.systems, &new.systems, |s| &s.id);
    let systems = Changes {
        added,
        removed,
        changed: both
            .into_iter()
            .filter_map(|(o, n)| system_change(o, n))
            .collect(),
    };
    let (added, removed, both) = pair(&old.vendors, &new.vendors, |s| &s.id);
    let vendors = Changes {
        added,
        removed,
        changed: both
            .into_iter()
            .filter_map(|(o, n)| vendor_change(o, n))
            .collect(),
    };
    let (added, removed, both) = pair(&old.contracts, &new.contracts, |s| &s.id);
    let contracts = Changes {
        added,
        removed,
        changed: both
            .into_iter()
            .filter_map(|(o, n)| contract_change(o, n))
            .collect(),
    };
    let sovereignty = sovereignty_diff(&old.sovereignty, &new.sovereignty);
    let spend = spend_diff(old, new);
    let hotspots = hotspots(old, new);
    let unchanged = systems.is_empty()
        && vendors.is_empty()
        && contracts.is_empty()
        && sovereignty.total.is_same()
        && sovereignty.level.is_same()
        && sovereignty
            .dimensions
            .iter()
            .all(|d| d.score.is_same() && d.share.is_same())
        && old.sovereignty.dimensions.len() == new.sovereignty.dimensions.len()
        && spend.total.is_same()
        && spend.hhi.is_same()
        && spend.band.is_same()
        && spend.untrusted_share.is_same()
        && spend.untrusted_cost.is_same()
        && hotspots.resolved.is_empty()
        && hotspots.new.is_empty()
        && hotspots.moved.is_empty();
    Diff {
        old: Side {
            organisation: old.organisation.clone(),
            as_of: old.as_of,
        },
        new: Side {
            organisation: new.organisation.clone(),
            as_of: new.as_of,
        },
        unchanged,
        notes: notes(old, new),
        systems,
        vendors,
        contracts,
        sovereignty,
        spend,
        hotspots,
    }
}

#[cfg(test)]
mod tests;
