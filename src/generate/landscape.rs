//! Builds the landscape in memory: domains of systems in layers, their
//! dependencies and interfaces, then contracts, services and scenarios.
//!
//! The systems are split into *domains* (a municipality or department of a
//! shared data centre). Each domain has the same skeleton (two uplinks, a
//! campus network, a firewall, two virtualisation clusters, storage and
//! backup) and then platform, data and application systems in fixed
//! proportions. Dependencies point down the layers inside the domain;
//! domain 0 is the shared core whose directory and applications other
//! domains also use. A few interfaces point back up and close cycles.

use super::GenOptions;
use super::names;
use super::sample::{Phase, Rng, chance, lognormal, one, pareto, pick, stream};
use super::vendors::{PoolKind, Profile, Vendors, is_eu};
use super::vocab::{self as cat, Cat};
use crate::model::{ContractKind, Criticality, Customisation, Layer, Sensitivity, Status};
use chrono::{Days, Months, NaiveDate};
use rand::RngExt;
use std::collections::BTreeMap;

/// A party as the generator sees it: the organisation or a vendor (index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Who {
    Own,
    Vendor(usize),
}

/// An entry of `depends_on` or `needs` (system indices).
#[derive(Clone, Debug)]
pub(crate) enum Dep {
    One(usize),
    Any(Vec<usize>),
}

impl Dep {
    fn members(&self) -> &[usize] {
        match self {
            Dep::One(s) => std::slice::from_ref(s),
            Dep::Any(v) => v,
        }
    }
}

/// A format reference: a fixed format, or the proprietary format of a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fmt {
    Base(&'static str),
    Vendor(usize),
}

#[derive(Clone, Debug)]
pub(crate) enum Alt {
    System(usize),
    Catalog(&'static str),
}

pub(crate) struct DataRec {
    pub classes: &'static [&'static str],
    pub sensitivity: Sensitivity,
    pub volume_gb: f64,
    pub backup: Option<Who>,
}

pub(crate) struct SwitchRec {
    /// Optimistic, likely, pessimistic, in months.
    pub months: [u32; 3],
    pub cost: u64,
}

pub(crate) struct Sys {
    pub id: String,
    pub name: String,
    pub cat: &'static Cat,
    pub layer: Layer,
    pub group: Option<usize>,
    pub vendor: Who,
    pub operator: Who,
    pub region_eu: bool,
    pub open_source: bool,
    pub criticality: Criticality,
    pub users: Option<u64>,
    pub status: Status,
    pub customisation: Option<Customisation>,
    pub data: Option<DataRec>,
    pub formats: Vec<Fmt>,
    pub exports: Option<Vec<Fmt>>,
    pub deps: Vec<Dep>,
    pub alternatives: Vec<Alt>,
    pub exit_plan: bool,
    pub licence_check: Option<&'static str>,
    pub switch: Option<SwitchRec>,
    /// What the system is for: the subject of a specialist application, else the category label.
    pub subject: &'static str,
    /// The XÖV (or generic) exchange format of a specialist application.
    pub exchange: Option<&'static str>,
    pub domain: usize,
}

pub(crate) struct Iface {
    pub id: String,
    pub name: &'static str,
    pub from: usize,
    pub to: usize,
    pub protocol: &'static str,
    pub format: Fmt,
    /// Written only where it differs from the format's openness.
    pub open: Option<bool>,
    pub hard: bool,
}

pub(crate) enum End {
    /// `end = date`
    Date(NaiveDate),
    /// `term = "Ny"`
    TermYears(u32),
}

pub(crate) struct ContractRec {
    pub id: String,
    pub name: String,
    pub vendor: usize,
    pub covers: Vec<usize>,
    pub kind: ContractKind,
    pub start: NaiveDate,
    pub end: End,
    pub notice: Option<&'static str>,
    pub renewal: Option<&'static str>,
    pub annual_cost: Option<u64>,
    pub data_retrieval: Option<&'static str>,
    pub switching_charge: Option<u64>,
}

pub(crate) struct ServiceRec {
    pub id: String,
    pub name: String,
    pub criticality: Criticality,
    pub max_outage: Option<&'static str>,
    pub users: u64,
    pub needs: Vec<Dep>,
}

pub(crate) struct ScenarioRec {
    pub id: &'static str,
    pub name: String,
    pub description: &'static str,
    pub cuts: Vec<String>,
    pub prices: Vec<(usize, f64)>,
}

/// The generated landscape, before it is written as TOML.
pub(crate) struct Landscape {
    pub vendors: Vendors,
    pub systems: Vec<Sys>,
    pub interfaces: Vec<Iface>,
    pub contracts: Vec<ContractRec>,
    pub services: Vec<ServiceRec>,
    pub scenarios: Vec<ScenarioRec>,
    /// Groups whose proprietary format is referred to.
    pub vendor_formats: Vec<bool>,
}

/// Proportions of a domain's systems beyond the 8-system skeleton.
const INFRA_EXTRA: f64 = 0.07;
const PLATFORM_SHARE: f64 = 0.20;
const DATA_SHARE: f64 = 0.10;
/// Interfaces per system of a domain.
const INTERFACES_PER_SYSTEM: f64 = 0.45;
/// Services per system of a domain.
const SERVICES_PER_SYSTEM: f64 = 0.12;
/// Pareto scale (EUR a year per covered system) and cap of contract costs;
/// shape 1.16 is the "80/20" Pareto law.
const PER_SYSTEM_COST_SCALE: f64 = 3000.0;
const PARETO_SHAPE: f64 = 1.16;
const PER_SYSTEM_COST_CAP: f64 = 3_000_000.0;
/// Chance (in 1/1000) that a dependency between two applications is closed
/// into a cycle by an interface pointing back.
const CYCLE_PERMILLE: u32 = 30;

/// The systems of one domain that others refer to.
struct Dom {
    d: usize,
    town: String,
    lan: usize,
    firewall: usize,
    virt: [usize; 2],
    storage: usize,
    identity: usize,
    clients: usize,
    runtimes: Vec<usize>,
    dbs: Vec<usize>,
    data: Vec<usize>,
    apps: Vec<usize>,
}

struct Builder<'a> {
    v: &'a Vendors,
    rng: Rng,
    systems: Vec<Sys>,
    interfaces: Vec<Iface>,
    vendor_formats: Vec<bool>,
    /// Shared core (domain 0): its directory and in-use applications.
    core_identity: Option<usize>,
    core_apps: Vec<usize>,
    towns: Vec<String>,
}

/// The number of vendor groups for a landscape of `systems` systems.
pub(crate) fn group_count(systems: usize, per_system: f64) -> usize {
    ((systems as f64 * per_system).round() as usize).max(12)
}

/// Sizes of the domains: `round(n / domain_size)` domains (at least one),
/// as equal as possible.
pub(crate) fn domain_sizes(n: usize, domain_size: usize) -> Vec<usize> {
    let k = ((n as f64 / domain_size as f64).round() as usize).max(1);
    (0..k).map(|i| n / k + usize::from(i < n % k)).collect()
}

pub(crate) fn build(opts: &GenOptions) -> Landscape {
    let v = Vendors::build(
        &mut stream(opts.seed, Phase::Vendors),
        group_count(opts.systems, opts.groups_per_system),
        opts.zipf_exponent,
    );
    let mut b = Builder {
        v: &v,
        rng: stream(opts.seed, Phase::Systems),
        systems: Vec::with_capacity(opts.systems),
        interfaces: Vec::new(),
        vendor_formats: vec![false; v.groups.len()],
        core_identity: None,
        core_apps: Vec::new(),
        towns: Vec::new(),
    };
    let mut ranges = Vec::new();
    for (d, n) in domain_sizes(opts.systems, opts.domain_size)
        .into_iter()
        .enumerate()
    {
        let start = b.systems.len();
        b.domain(d, n);
        ranges.push(start..b.systems.len());
    }
    let Builder {
        systems,
        interfaces,
        mut vendor_formats,
        towns,
        ..
    } = b;
    for i in &interfaces {
        if let Fmt::Vendor(g) = i.format {
            vendor_formats[g] = true;
        }
    }
    let contracts = contracts(opts, &v, &systems, &ranges, &towns);
    let services = services(opts, &systems, &ranges, &towns);
    let scenarios = scenarios(&v, &systems, &contracts);
    Landscape {
        vendors: v,
        systems,
        interfaces,
        contracts,
        services,
        scenarios,
        vendor_formats,
    }
}

/// Adds `dep` unless one of its members is already a dependency.
fn add_dep(deps: &mut Vec<Dep>, dep: Dep) {
    if dep
        .members()
        .iter()
        .any(|m| deps.iter().any(|d| d.members().contains(m)))
    {
        return;
    }
    deps.push(dep);
}

/// Two distinct elements of a slice with at least two elements.
fn two(rng: &mut Rng, items: &[usize]) -> Vec<usize> {
    let a = rng.random_range(0..items.len());
    let mut b = rng.random_range(0..items.len() - 1);
    if b >= a {
        b += 1;
    }
    vec![items[a], items[b]]
}

/// One of the items, or an `any` group of two with the given chance.
fn one_or_any(rng: &mut Rng, items: &[usize], any_percent: u32) -> Dep {
    if items.len() >= 2 && chance(rng, any_percent) {
        Dep::Any(two(rng, items))
    } else {
        Dep::One(one(rng, items))
    }
}

fn draw_status(rng: &mut Rng, layer: Layer) -> Status {
    let weights: &[(Status, u32)] = match layer {
        Layer::Infrastructure => &[
            (Status::InUse, 95),
            (Status::Candidate, 4),
            (Status::Retired, 1),
        ],
        Layer::Platform => &[
            (Status::InUse, 92),
            (Status::Candidate, 6),
            (Status::Retired, 2),
        ],
        Layer::Data => &[(Status::InUse, 97), (Status::Retired, 3)],
        Layer::Application => &[
            (Status::InUse, 85),
            (Status::Candidate, 10),
            (Status::Retired, 5),
        ],
    };
    pick(rng, weights)
}

/// How an application is run.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    OnPremises,
    Saas,
    Hosted,
}

impl Builder<'_> {
    /// A product of a pool: its group and whether it is open source.
    fn product(&mut self, kind: PoolKind, oss_percent: u32) -> (usize, bool) {
        let oss = chance(&mut self.rng, oss_percent);
        let g = self.v.draw(&mut self.rng, kind, oss);
        (g, self.v.groups[g].open_source)
    }

    fn virt_dep(&mut self, dom: &Dom) -> Dep {
        if chance(&mut self.rng, 40) {
            Dep::Any(dom.virt.to_vec())
        } else {
            Dep::One(one(&mut self.rng, &dom.virt))
        }
    }

    /// Creates a system with every attribute but its dependencies.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        d: usize,
        town: &str,
        layer: Layer,
        c: &'static Cat,
        status: Status,
        group: Option<(usize, bool)>,
        operator: Who,
        criticality: Option<Criticality>,
    ) -> usize {
        let i = self.systems.len();
        let rng = &mut self.rng;
        let (group, open_source) = match group {
            Some((g, oss)) => (Some(g), oss),
            None => (None, false),
        };
        let vendor = group.map_or(Who::Own, |g| Who::Vendor(self.v.groups[g].hq));
        let (subject, exchange) = if c.word == "specialist-application" {
            let (s, f) = one(rng, cat::SUBJECTS);
            (s, Some(f))
        } else {
            (c.label, None)
        };
        let product = group.map_or("In-house", |g| self.v.groups[g].base.as_str());
        let name = format!("{product} {subject} – {town}");
        let criticality = criticality.unwrap_or_else(|| {
            pick(
                rng,
                &[
                    (Criticality::Critical, 10),
                    (Criticality::High, 30),
                    (Criticality::Medium, 40),
                    (Criticality::Low, 20),
                ],
            )
        });
        let users = match layer {
            Layer::Application if matches!(c.word, "website" | "social-media") => {
                Some(lognormal(rng, 20_000.0, 1.0, 2_000_000.0) as u64)
            }
            Layer::Application => Some((lognormal(rng, 40.0, 1.2, 20_000.0) as u64).max(1)),
            Layer::Platform if chance(rng, 60) => {
                Some((lognormal(rng, 300.0, 0.8, 50_000.0) as u64).max(1))
            }
            _ => None,
        };
        let customisation = match layer {
            Layer::Application if c.word == "specialist-application" => Some(pick(
                rng,
                &[
                    (Customisation::High, 25),
                    (Customisation::Medium, 40),
                    (Customisation::Low, 25),
                    (Customisation::None, 10),
                ],
            )),
            Layer::Application | Layer::Platform => Some(pick(
                rng,
                &[
                    (Customisation::None, 30),
                    (Customisation::Low, 50),
                    (Customisation::Medium, 15),
                    (Customisation::High, 5),
                ],
            )),
            _ => None,
        };
        let proprietary_vendor = group.filter(|_| !open_source);
        let data = (c.data_percent > 0 && chance(rng, c.data_percent)).then(|| {
            let (median, sigma, cap) = match (layer, c.word) {
                (_, "backup") => (10_000.0, 1.0, 1_000_000.0),
                (Layer::Infrastructure, _) => (2_000.0, 1.0, 500_000.0),
                (Layer::Data, _) => (200.0, 1.5, 500_000.0),
                _ => (20.0, 1.5, 50_000.0),
            };
            let volume = (lognormal(rng, median, sigma, cap) * 10.0).round() / 10.0;
            let backup = match pick(rng, &[(0u8, 65), (1, 20), (2, 15)]) {
                0 => Some(Who::Own),
                1 => Some(operator),
                _ => None,
            };
            DataRec {
                classes: c.classes,
                sensitivity: pick(rng, c.sensitivity),
                volume_gb: volume.max(0.1),
                backup,
            }
        });
        let mut formats = Vec::new();
        let mut exports = None;
        if data.is_some() {
            match (proprietary_vendor, group) {
                // Backups live in the backup product's own format, open source or not.
                (_, Some(g)) if c.word == "backup" => {
                    formats.push(Fmt::Vendor(g));
                    self.vendor_formats[g] = true;
                }
                (Some(_), _) if c.word == "virtualisation" => formats.push(Fmt::Base("vmdk")),
                (Some(g), _) if chance(rng, 70) => {
                    formats.push(Fmt::Vendor(g));
                    self.vendor_formats[g] = true;
                }
                _ => formats.push(Fmt::Base(c.open.first().copied().unwrap_or("csv"))),
            }
            if c.word == "backup" {
                exports = Some(Vec::new());
            } else if chance(rng, 65) {
                exports = Some(if chance(rng, 10) {
                    Vec::new()
                } else {
                    let mut e = vec![Fmt::Base(if c.open.is_empty() {
                        "csv"
                    } else {
                        one(rng, c.open)
                    })];
                    if let Some(x) = exchange
                        && !e.contains(&Fmt::Base(x))
                    {
                        e.push(Fmt::Base(x));
                    }
                    e
                });
            }
        }
        let in_use = status == Status::InUse;
        let exit_plan = in_use && proprietary_vendor.is_some() && chance(rng, 4);
        let licensed = matches!(
            c.word,
            "virtualisation"
                | "backup"
                | "security"
                | "storage"
                | "identity"
                | "database"
                | "mail"
                | "other"
        );
        let licence_check = match (proprietary_vendor, layer) {
            (Some(_), Layer::Infrastructure | Layer::Platform) if licensed && chance(rng, 25) => {
                Some(one(rng, &["30d", "90d", "14d"]))
            }
            (Some(_), Layer::Application) if chance(rng, 5) => Some("30d"),
            _ => None,
        };
        let switch = (in_use && group.is_some() && chance(rng, 12)).then(|| {
            let o = rng.random_range(1..=6);
            let l = o + rng.random_range(1..=6);
            let p = l + rng.random_range(1..=12);
            let cost = (pareto(rng, 20_000.0, 1.3, 5_000_000.0) / 1000.0).round() as u64 * 1000;
            SwitchRec {
                months: [o, l, p],
                cost,
            }
        });
        let region_eu = match operator {
            Who::Vendor(op) => {
                let hq_outside =
                    group.is_some_and(|g| !is_eu(self.v.vendors[self.v.groups[g].hq].country));
                is_eu(self.v.vendors[op].country) && hq_outside && chance(rng, 60)
            }
            Who::Own => false,
        };
        self.systems.push(Sys {
            id: format!("{}-{i}", c.short),
            name,
            cat: c,
            layer,
            group,
            vendor,
            operator,
            region_eu,
            open_source,
            criticality,
            users,
            status,
            customisation,
            data,
            formats,
            exports,
            deps: Vec::new(),
            alternatives: Vec::new(),
            exit_plan,
            licence_check,
            switch,
            subject,
            exchange,
            domain: d,
        });
        i
    }

    fn set_deps(&mut self, i: usize, deps: Vec<Dep>) {
        self.systems[i].deps = deps;
    }

    fn domain(&mut self, d: usize, n: usize) {
        let town = names::town(&mut self.rng);
        self.towns.push(town.clone());
        let t = town.as_str();
        let inf = Layer::Infrastructure;
        let on = Status::InUse;
        let crit = Some(Criticality::Critical);
        let high = Some(Criticality::High);

        // --- Skeleton ----------------------------------------------------
        let tel_a = self.v.draw(&mut self.rng, PoolKind::Telecom, false);
        let mut tel_b = tel_a;
        for _ in 0..32 {
            tel_b = self.v.draw(&mut self.rng, PoolKind::Telecom, false);
            if tel_b != tel_a {
                break;
            }
        }
        let mut uplinks = [0; 2];
        for (k, g) in [tel_a, tel_b].into_iter().enumerate() {
            let op = Who::Vendor(self.v.local_operator(g));
            uplinks[k] = self.push(d, t, inf, &cat::UPLINK, on, Some((g, false)), op, high);
        }
        let g = self.product(PoolKind::Infra, 5);
        let lan = self.push(d, t, inf, &cat::LAN, on, Some(g), Who::Own, crit);
        let g = self.product(PoolKind::Infra, 10);
        let firewall = self.push(d, t, inf, &cat::FIREWALL, on, Some(g), Who::Own, crit);
        self.set_deps(firewall, vec![Dep::One(lan), Dep::Any(uplinks.to_vec())]);
        // Virtualisation comes from infrastructure specialists, not the giants.
        let mut g = self.product(PoolKind::Infra, 10);
        for _ in 0..8 {
            if self.v.groups[g.0].profile != Profile::Universal {
                break;
            }
            g = self.product(PoolKind::Infra, 10);
        }
        let mut virt = [0; 2];
        for v in &mut virt {
            *v = self.push(d, t, inf, &cat::VIRT, on, Some(g), Who::Own, crit);
            self.set_deps(*v, vec![Dep::One(lan)]);
        }
        let g = self.product(PoolKind::Infra, 5);
        let storage = self.push(d, t, inf, &cat::STORAGE, on, Some(g), Who::Own, crit);
        self.set_deps(storage, vec![Dep::One(lan)]);
        let g = self.product(PoolKind::Infra, 10);
        let backup = self.push(d, t, inf, &cat::BACKUP, on, Some(g), Who::Own, high);
        let mut dom = Dom {
            d,
            town: town.clone(),
            lan,
            firewall,
            virt,
            storage,
            identity: 0,
            clients: 0,
            runtimes: Vec::new(),
            dbs: Vec::new(),
            data: Vec::new(),
            apps: Vec::new(),
        };
        let vd = self.virt_dep(&dom);
        self.set_deps(backup, vec![vd, Dep::One(storage)]);

        let infra_extra = (n as f64 * INFRA_EXTRA).round() as usize;
        let platform = ((n as f64 * PLATFORM_SHARE).round() as usize).max(3);
        let data = ((n as f64 * DATA_SHARE).round() as usize).max(1);
        let apps = n.saturating_sub(8 + infra_extra + platform + data);

        // --- Further infrastructure --------------------------------------
        for _ in 0..infra_extra {
            self.infra(&dom);
        }
        // --- Platform -----------------------------------------------------
        for k in 0..platform {
            self.platform(&mut dom, k);
        }
        // --- Data ----------------------------------------------------------
        for _ in 0..data {
            self.data_store(&mut dom);
        }
        // --- Applications --------------------------------------------------
        for _ in 0..apps {
            self.application(&mut dom);
        }
        // --- Interfaces ------------------------------------------------------
        let count = (n as f64 * INTERFACES_PER_SYSTEM).round() as usize;
        for _ in 0..count {
            self.interface(&dom);
        }
        self.alternatives(&dom, n);
        if d == 0 {
            self.core_identity = Some(dom.identity);
            self.core_apps = dom.apps.clone();
        }
    }

    fn infra(&mut self, dom: &Dom) {
        let c = pick(&mut self.rng, cat::INFRA);
        let status = draw_status(&mut self.rng, Layer::Infrastructure);
        let t = dom.town.clone();
        if c.word == "telephony" {
            let (g, _) = self.product(PoolKind::Telecom, 0);
            let op = Who::Vendor(self.v.local_operator(g));
            let i = self.push(
                dom.d,
                &t,
                Layer::Infrastructure,
                c,
                status,
                Some((g, false)),
                op,
                None,
            );
            self.set_deps(i, vec![Dep::One(dom.firewall)]);
            return;
        }
        let g = self.product(PoolKind::Infra, 10);
        let i = self.push(
            dom.d,
            &t,
            Layer::Infrastructure,
            c,
            status,
            Some(g),
            Who::Own,
            None,
        );
        let deps = match c.word {
            "security" => vec![Dep::One(dom.lan), Dep::One(dom.firewall)],
            "backup" => {
                let vd = self.virt_dep(dom);
                vec![vd, Dep::One(dom.storage)]
            }
            _ => vec![Dep::One(dom.lan)],
        };
        self.set_deps(i, deps);
    }

    fn platform(&mut self, dom: &mut Dom, k: usize) {
        let (c, status): (&'static Cat, Status) = match k {
            0 => (&cat::DIRECTORY, Status::InUse),
            1 => (&cat::DB_SERVER, Status::InUse),
            2 => (&cat::CLIENTS, Status::InUse),
            _ => (
                pick(&mut self.rng, cat::PLATFORM),
                draw_status(&mut self.rng, Layer::Platform),
            ),
        };
        let g = self.product(PoolKind::Platform, 25);
        let cloud = k > 2 && chance(&mut self.rng, 15);
        let op = if cloud {
            Who::Vendor(self.v.cloud_operator(g.0))
        } else {
            Who::Own
        };
        let critical = matches!(k, 0..=2).then_some(Criticality::Critical);
        let t = dom.town.clone();
        let i = self.push(dom.d, &t, Layer::Platform, c, status, Some(g), op, critical);
        let mut deps = Vec::new();
        if k == 2 {
            deps.push(Dep::One(dom.lan));
            deps.push(Dep::One(dom.identity));
        } else if cloud {
            deps.push(Dep::One(dom.firewall));
        } else {
            let vd = self.virt_dep(dom);
            deps.push(vd);
        }
        if k > 2 && (c.word == "mail" || chance(&mut self.rng, 40)) && c.word != "identity" {
            add_dep(&mut deps, Dep::One(dom.identity));
        }
        self.set_deps(i, deps);
        match k {
            0 => dom.identity = i,
            2 => dom.clients = i,
            _ => {}
        }
        if status == Status::InUse {
            match c.word {
                "database" => dom.dbs.push(i),
                "os" | "other" if k != 2 => dom.runtimes.push(i),
                _ => {}
            }
        }
    }

    fn data_store(&mut self, dom: &mut Dom) {
        let c = pick(&mut self.rng, cat::DATA);
        let status = draw_status(&mut self.rng, Layer::Data);
        let g = self.product(PoolKind::Platform, 35);
        let cloud = chance(&mut self.rng, 10);
        let op = if cloud {
            Who::Vendor(self.v.cloud_operator(g.0))
        } else {
            Who::Own
        };
        let t = dom.town.clone();
        let i = self.push(dom.d, &t, Layer::Data, c, status, Some(g), op, None);
        let mut deps = Vec::new();
        if cloud {
            deps.push(Dep::One(dom.firewall));
        } else if c.word == "storage" {
            deps.push(Dep::One(dom.storage));
            let vd = self.virt_dep(dom);
            deps.push(vd);
        } else if dom.dbs.is_empty() {
            let vd = self.virt_dep(dom);
            deps.push(vd);
        } else {
            let db = one_or_any(&mut self.rng, &dom.dbs, 15);
            deps.push(db);
            if c.word == "dms" && chance(&mut self.rng, 50) {
                deps.push(Dep::One(dom.storage));
            }
        }
        self.set_deps(i, deps);
        if status == Status::InUse {
            dom.data.push(i);
        }
    }

    fn application(&mut self, dom: &mut Dom) {
        let status = draw_status(&mut self.rng, Layer::Application);
        let candidate = status == Status::Candidate;
        // A candidate is an alternative to something in use: same category.
        let c: &'static Cat = if candidate && !dom.apps.is_empty() {
            self.systems[one(&mut self.rng, &dom.apps)].cat
        } else {
            pick(&mut self.rng, cat::APPS)
        };
        let own = !candidate && chance(&mut self.rng, 8);
        let group = if own {
            None
        } else {
            Some(self.product(PoolKind::App, if candidate { 60 } else { 15 }))
        };
        let mode = match group {
            None => Mode::OnPremises,
            Some(_) => pick(
                &mut self.rng,
                &[(Mode::OnPremises, 58), (Mode::Saas, 22), (Mode::Hosted, 20)],
            ),
        };
        let operator = match (mode, group) {
            (Mode::Saas, Some((g, _))) => Who::Vendor(self.v.cloud_operator(g)),
            (Mode::Hosted, _) => {
                let h = self.v.draw(&mut self.rng, PoolKind::Hosting, false);
                Who::Vendor(self.v.contract_party(h))
            }
            _ => Who::Own,
        };
        let t = dom.town.clone();
        let i = self.push(
            dom.d,
            &t,
            Layer::Application,
            c,
            status,
            group,
            operator,
            None,
        );
        let rng = &mut self.rng;
        let mut deps = Vec::new();
        match mode {
            Mode::OnPremises => {
                let runtime = if dom.runtimes.is_empty() {
                    if chance(rng, 40) {
                        Dep::Any(dom.virt.to_vec())
                    } else {
                        Dep::One(one(rng, &dom.virt))
                    }
                } else {
                    one_or_any(rng, &dom.runtimes, 10)
                };
                deps.push(runtime);
                if !dom.data.is_empty() && chance(rng, 70) {
                    let store = one_or_any(rng, &dom.data, 10);
                    add_dep(&mut deps, store);
                }
                if chance(rng, 30) {
                    let idm = match self.core_identity {
                        Some(core) if chance(rng, 30) => core,
                        _ => dom.identity,
                    };
                    add_dep(&mut deps, Dep::One(idm));
                }
            }
            Mode::Saas => {
                deps.push(Dep::One(dom.firewall));
                if chance(rng, 60) {
                    add_dep(&mut deps, Dep::One(dom.identity));
                }
            }
            Mode::Hosted => {
                deps.push(Dep::One(dom.firewall));
                if chance(rng, 20) {
                    add_dep(&mut deps, Dep::One(dom.identity));
                }
            }
        }
        let mut app_dep = None;
        if !dom.apps.is_empty() && chance(rng, 30) {
            let j = one(rng, &dom.apps);
            add_dep(&mut deps, Dep::One(j));
            app_dep = Some(j);
        }
        if !self.core_apps.is_empty() && chance(rng, 8) {
            let j = one(rng, &self.core_apps);
            add_dep(&mut deps, Dep::One(j));
        }
        self.set_deps(i, deps);
        if status == Status::InUse {
            if let Some(j) = app_dep
                && self.rng.random_range(0..1000) < CYCLE_PERMILLE
            {
                self.close_cycle(i, j);
            }
            dom.apps.push(i);
        }
    }

    /// `i` depends on `j`: an interface back from `j` (or from what `j`
    /// depends on) to `i` closes a cycle of two or three systems.
    fn close_cycle(&mut self, i: usize, j: usize) {
        let from = if chance(&mut self.rng, 30) {
            self.systems[j]
                .deps
                .iter()
                .filter_map(|d| match d {
                    Dep::One(k)
                        if self.systems[*k].layer == Layer::Application
                            && self.systems[*k].domain == self.systems[i].domain =>
                    {
                        Some(*k)
                    }
                    _ => None,
                })
                .next()
                .unwrap_or(j)
        } else {
            j
        };
        let hard = chance(&mut self.rng, 50);
        self.push_interface(from, i, hard);
    }

    fn interface(&mut self, dom: &Dom) {
        if dom.apps.len() < 2 {
            return;
        }
        let from = one(&mut self.rng, &dom.apps);
        let to = match pick(&mut self.rng, &[(0u8, 55), (1, 30), (2, 15)]) {
            0 => {
                let earlier: &[usize] = {
                    let cut = dom.apps.partition_point(|&a| a < from);
                    &dom.apps[..cut]
                };
                if earlier.is_empty() {
                    return;
                }
                one(&mut self.rng, earlier)
            }
            2 if dom.d > 0 && !self.core_apps.is_empty() => one(&mut self.rng, &self.core_apps),
            _ if !dom.data.is_empty() => one(&mut self.rng, &dom.data),
            _ => return,
        };
        let hard = chance(&mut self.rng, 60);
        self.push_interface(from, to, hard);
    }

    fn push_interface(&mut self, from: usize, to: usize, hard: bool) {
        let rng = &mut self.rng;
        let format = match pick(rng, cat::INTERFACE_FORMATS) {
            Some("xoev") => Fmt::Base(self.systems[to].exchange.unwrap_or("xml")),
            Some(f) => Fmt::Base(f),
            None => match self.systems[to]
                .group
                .filter(|_| !self.systems[to].open_source)
            {
                Some(g) => Fmt::Vendor(g),
                None => Fmt::Base("csv"),
            },
        };
        let protocol = match format {
            Fmt::Base(f) => one(rng, cat::protocols(f)),
            Fmt::Vendor(_) => one(rng, cat::protocols("")),
        };
        // An open format over a proprietary protocol is not an open interface.
        let open = (matches!(format, Fmt::Base(_)) && chance(rng, 5)).then_some(false);
        let name = one(rng, cat::INTERFACE_PURPOSES);
        let id = format!("if-{}", self.interfaces.len());
        self.interfaces.push(Iface {
            id,
            name,
            from,
            to,
            protocol,
            format,
            open,
            hard,
        });
    }

    /// Candidates of a domain become alternatives of the in-use systems of
    /// their category; some systems also name catalogue entries.
    fn alternatives(&mut self, dom: &Dom, n: usize) {
        let end = self.systems.len();
        let start = end - n.min(end);
        let mut candidates: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
        for i in start..end {
            if self.systems[i].status == Status::Candidate {
                candidates
                    .entry(self.systems[i].cat.word)
                    .or_default()
                    .push(i);
            }
        }
        for i in start..end {
            let s = &self.systems[i];
            if s.status != Status::InUse || s.domain != dom.d {
                continue;
            }
            let mut alts = Vec::new();
            if let Some(c) = candidates.get(s.cat.word)
                && chance(&mut self.rng, 70)
            {
                let take = c.len().min(self.rng.random_range(1..=2));
                alts.extend(c[..take].iter().map(|&k| Alt::System(k)));
            }
            if !s.cat.catalog.is_empty() && !s.open_source && chance(&mut self.rng, 40) {
                alts.push(Alt::Catalog(one(&mut self.rng, s.cat.catalog)));
            }
            self.systems[i].alternatives = alts;
        }
    }
}

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap_or(d)
}

fn sub_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d.checked_sub_days(Days::new(n as u64)).unwrap_or(d)
    } else {
        d.checked_add_days(Days::new((-n) as u64)).unwrap_or(d)
    }
}

fn kind_label(k: ContractKind) -> &'static str {
    match k {
        ContractKind::Licence => "Licence agreement",
        ContractKind::Subscription => "Subscription",
        ContractKind::Cloud => "Cloud service agreement",
        ContractKind::Support => "Support and maintenance",
        ContractKind::Hosting => "Hosting agreement",
    }
}

/// Cost factor per kind applied to the per-system Pareto amount.
fn kind_factor(k: ContractKind) -> f64 {
    match k {
        ContractKind::Cloud => 1.6,
        ContractKind::Hosting => 1.3,
        ContractKind::Subscription => 1.0,
        ContractKind::Licence => 0.8,
        ContractKind::Support => 0.35,
    }
}

fn contracts(
    opts: &GenOptions,
    v: &Vendors,
    systems: &[Sys],
    ranges: &[std::ops::Range<usize>],
    towns: &[String],
) -> Vec<ContractRec> {
    let rng = &mut stream(opts.seed, Phase::Contracts);
    let as_of = opts.as_of;
    let mut out = Vec::new();
    for (d, range) in ranges.iter().enumerate() {
        let mut bundles: BTreeMap<(usize, ContractKind), Vec<usize>> = BTreeMap::new();
        for i in range.clone() {
            let s = &systems[i];
            match s.status {
                Status::Candidate => continue,
                Status::Retired if !chance(rng, 15) => continue,
                _ => {}
            }
            let key = match (s.operator, s.group) {
                (Who::Vendor(op), _) => {
                    let kind = if s.cat.word == "network" {
                        ContractKind::Subscription
                    } else if v.profile_of(op) == Some(Profile::Hosting) {
                        ContractKind::Hosting
                    } else {
                        ContractKind::Cloud
                    };
                    (op, kind)
                }
                (Who::Own, Some(g)) => {
                    let kind = if s.open_source {
                        ContractKind::Support
                    } else {
                        pick(
                            rng,
                            &[
                                (ContractKind::Licence, 35),
                                (ContractKind::Subscription, 40),
                                (ContractKind::Support, 25),
                            ],
                        )
                    };
                    (v.contract_party(g), kind)
                }
                (Who::Own, None) => continue,
            };
            bundles.entry(key).or_default().push(i);
        }
        for ((party, kind), members) in bundles {
            let mut rest = members.as_slice();
            while !rest.is_empty() {
                let take = rest.len().min(rng.random_range(1..=6));
                let (covers, tail) = rest.split_at(take);
                rest = tail;
                out.push(contract(
                    rng,
                    v,
                    as_of,
                    party,
                    kind,
                    covers,
                    &towns[d],
                    out.len(),
                ));
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn contract(
    rng: &mut Rng,
    v: &Vendors,
    as_of: NaiveDate,
    party: usize,
    kind: ContractKind,
    covers: &[usize],
    town: &str,
    k: usize,
) -> ContractRec {
    let cloud = kind == ContractKind::Cloud;
    let (start, end, renewal) = if chance(rng, 15) {
        // A long-running contract renewed year by year since its start.
        let start = sub_days(as_of, rng.random_range(5 * 365..12 * 365));
        let mut end = add_months(start, 12);
        while end < sub_days(as_of, 30) {
            end = add_months(end, 12);
        }
        (start, End::Date(end.pred_opt().unwrap_or(end)), Some("1y"))
    } else {
        let years = pick(rng, &[(1u32, 25), (2, 20), (3, 35), (4, 10), (5, 10)]);
        let r = rng.random_range(-30..(years as i64 * 365 + 45));
        let start = sub_days(as_of, r);
        let end = if chance(rng, 50) {
            End::TermYears(years)
        } else {
            let e = add_months(start, 12 * years);
            End::Date(e.pred_opt().unwrap_or(e))
        };
        let mut renewal = chance(rng, 60).then(|| pick(rng, &[("1y", 60), ("2y", 15), ("3y", 25)]));
        // A contract that would already have ended without renewal renews
        // yearly instead: an ended contract is a finding (`contract-ended`),
        // not part of a generated landscape.
        let last = add_months(start, 12 * years).pred_opt();
        if renewal.is_none() && last.is_some_and(|e| e < as_of) {
            renewal = Some("1y");
        }
        (start, end, renewal)
    };
    let notice = if cloud {
        Some(pick(
            rng,
            &[("1mo", 58), ("2mo", 33), ("3mo", 6), ("6mo", 3)],
        ))
    } else {
        pick(
            rng,
            &[
                (Some("1mo"), 25),
                (Some("3mo"), 40),
                (Some("6mo"), 20),
                (Some("12mo"), 5),
                (Some("30d"), 5),
                (None, 5),
            ],
        )
    };
    let annual_cost = chance(rng, 95).then(|| {
        let sum: f64 = covers
            .iter()
            .map(|_| {
                pareto(
                    rng,
                    PER_SYSTEM_COST_SCALE,
                    PARETO_SHAPE,
                    PER_SYSTEM_COST_CAP,
                )
            })
            .sum();
        (((sum * kind_factor(kind)) / 100.0).round() as u64).max(1) * 100
    });
    let data_retrieval = match kind {
        ContractKind::Cloud => pick(
            rng,
            &[
                (Some("30d"), 45),
                (Some("60d"), 11),
                (Some("90d"), 37),
                (Some("14d"), 3),
                (None, 4),
            ],
        ),
        ContractKind::Hosting if chance(rng, 40) => Some("90d"),
        _ => None,
    };
    let switching_charge = (cloud && chance(rng, 4))
        .then(|| (pareto(rng, 1000.0, 1.5, 200_000.0) / 100.0).round() as u64 * 100);
    let vendor = &v.vendors[party];
    ContractRec {
        id: format!("ct-{k}"),
        name: format!("{} – {} ({town})", kind_label(kind), vendor.name),
        vendor: party,
        covers: covers.to_vec(),
        kind,
        start,
        end,
        notice,
        renewal,
        annual_cost,
        data_retrieval,
        switching_charge,
    }
}

fn services(
    opts: &GenOptions,
    systems: &[Sys],
    ranges: &[std::ops::Range<usize>],
    towns: &[String],
) -> Vec<ServiceRec> {
    let rng = &mut stream(opts.seed, Phase::Services);
    let mut out = Vec::new();
    for (d, range) in ranges.iter().enumerate() {
        let apps: Vec<usize> = range
            .clone()
            .filter(|&i| {
                systems[i].layer == Layer::Application && systems[i].status == Status::InUse
            })
            .collect();
        let clients = range
            .clone()
            .find(|&i| systems[i].cat.short == cat::CLIENTS.short);
        let n = range.len();
        let count = ((n as f64 * SERVICES_PER_SYSTEM).round() as usize).max(1);
        for j in 0..count {
            let (base, public, category) = cat::SERVICES[j % cat::SERVICES.len()];
            let round = j / cat::SERVICES.len();
            let name = if round == 0 {
                format!("{base} ({})", towns[d])
            } else {
                format!("{base} {} ({})", round + 1, towns[d])
            };
            let slug: String = base
                .to_ascii_lowercase()
                .chars()
                .filter_map(|c| match c {
                    'a'..='z' | '0'..='9' => Some(c),
                    ' ' | '-' => Some('-'),
                    _ => None,
                })
                .collect();
            let id = if round == 0 {
                format!("{slug}-{d}")
            } else {
                format!("{slug}-{d}-{}", round + 1)
            };
            let mut needs = Vec::new();
            // The application made for this service comes first, if the domain has one.
            let made_for = |a: usize| match category {
                Some(c) => systems[a].cat.word == c,
                None => systems[a].subject == base,
            };
            if let Some(&a) = apps.iter().find(|&&a| made_for(a)) {
                needs.push(Dep::One(a));
            }
            if !apps.is_empty() {
                let k = pick(rng, &[(0usize, 20), (1, 40), (2, 25), (3, 15)]);
                for _ in 0..k {
                    add_dep(&mut needs, Dep::One(one(rng, &apps)));
                }
                if apps.len() >= 4 && chance(rng, 12) {
                    add_dep(&mut needs, Dep::Any(two(rng, &apps)));
                }
            }
            if let Some(c) = clients
                && (needs.is_empty() || chance(rng, 45))
            {
                add_dep(&mut needs, Dep::One(c));
            }
            let criticality = pick(
                rng,
                &[
                    (Criticality::Critical, 15),
                    (Criticality::High, 35),
                    (Criticality::Medium, 35),
                    (Criticality::Low, 15),
                ],
            );
            let outage: &[&str] = match criticality {
                Criticality::Critical => &["1d", "2d"],
                Criticality::High => &["1d", "3d", "5d"],
                Criticality::Medium => &["1w", "2w"],
                Criticality::Low => &["2w", "30d"],
            };
            let max_outage = chance(rng, 90).then(|| one(rng, outage));
            let users = if public {
                lognormal(rng, 15_000.0, 1.0, 2_000_000.0) as u64
            } else {
                (lognormal(rng, 30.0, 1.0, 5_000.0) as u64).max(1)
            };
            out.push(ServiceRec {
                id,
                name,
                criticality,
                max_outage,
                users,
                needs,
            });
        }
    }
    out
}

/// The fixed scenarios, aimed at the landscape's own biggest dependencies.
fn scenarios(v: &Vendors, systems: &[Sys], contracts: &[ContractRec]) -> Vec<ScenarioRec> {
    let mut out = vec![
        ScenarioRec {
            id: "us-sanctions",
            name: "US sanctions: US-controlled vendors stop service".into(),
            description: "Every vendor under US control, subsidiaries included, ends service overnight.",
            cuts: vec!["jurisdiction:US".into()],
            prices: Vec::new(),
        },
        ScenarioRec {
            id: "cn-export-stop",
            name: "Chinese vendors stop deliveries".into(),
            description: "Export controls end support and updates from vendors under Chinese control.",
            cuts: vec!["jurisdiction:CN".into()],
            prices: Vec::new(),
        },
    ];
    let top = &v.vendors[v.groups[0].hq];
    out.push(ScenarioRec {
        id: "largest-vendor-cut",
        name: format!("{} stops service", top.name),
        description: "The largest vendor group (with all its subsidiaries) is cut off.",
        cuts: vec![format!("vendor:{}", top.id)],
        prices: Vec::new(),
    });
    // The party with the largest spend on contracts covering virtualisation.
    let mut virt_spend: BTreeMap<usize, u64> = BTreeMap::new();
    let mut cloud_spend: BTreeMap<usize, u64> = BTreeMap::new();
    for c in contracts {
        let cost = c.annual_cost.unwrap_or(0);
        if c.covers
            .iter()
            .any(|&s| systems[s].cat.word == "virtualisation")
        {
            *virt_spend.entry(c.vendor).or_default() += cost;
        }
        if c.kind == ContractKind::Cloud {
            *cloud_spend.entry(c.vendor).or_default() += cost;
        }
    }
    let largest = |m: &BTreeMap<usize, u64>| {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(v, _)| *v)
    };
    if let Some(p) = largest(&virt_spend) {
        out.push(ScenarioRec {
            id: "virtualisation-price-shock",
            name: format!("{} raises its prices by 1,000 %", v.vendors[p].name),
            description: "The main supplier of virtualisation changes its licences, like Broadcom after buying VMware (800 to 1,500 %).",
            cuts: Vec::new(),
            prices: vec![(p, 11.0)],
        });
    }
    if let Some(p) = largest(&cloud_spend) {
        out.push(ScenarioRec {
            id: "cloud-price-rise",
            name: format!("{} raises cloud prices by 20 %", v.vendors[p].name),
            description: "A general price rise of the largest cloud supplier.",
            cuts: Vec::new(),
            prices: vec![(p, 1.2)],
        });
    }
    // The hosting provider and the telecom that operate the most systems.
    let mut hosted: BTreeMap<usize, usize> = BTreeMap::new();
    let mut uplinks: BTreeMap<usize, usize> = BTreeMap::new();
    for s in systems {
        if let Who::Vendor(op) = s.operator {
            if s.cat.short == cat::UPLINK.short {
                *uplinks.entry(op).or_default() += 1;
            } else if v.profile_of(op) == Some(Profile::Hosting) {
                *hosted.entry(op).or_default() += 1;
            }
        }
    }
    let most = |m: &BTreeMap<usize, usize>| {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(v, _)| *v)
    };
    if let Some(p) = most(&hosted) {
        out.push(ScenarioRec {
            id: "provider-outage",
            name: format!("Total outage of {}", v.vendors[p].name),
            description: "Like the 2023 cyber attack on Suedwestfalen-IT: hosted applications are gone for months.",
            cuts: vec![format!("vendor:{}", v.vendors[p].id)],
            prices: Vec::new(),
        });
    }
    if let Some(p) = most(&uplinks) {
        out.push(ScenarioRec {
            id: "telecom-outage",
            name: format!("Major outage at {}", v.vendors[p].name),
            description: "Uplinks fall back to the second carrier; services on this carrier alone stop.",
            cuts: vec![format!("vendor:{}", v.vendors[p].id)],
            prices: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_sizes_add_up_and_stay_balanced() {
        assert_eq!(domain_sizes(20, 100), vec![20]);
        assert_eq!(domain_sizes(149, 100), vec![149]);
        assert_eq!(domain_sizes(150, 100), vec![75, 75]);
        assert_eq!(domain_sizes(1001, 100), {
            let mut v = vec![100; 10];
            v[0] = 101;
            v
        });
    }

    #[test]
    fn add_dep_skips_members_already_present() {
        let mut deps = vec![Dep::One(3)];
        add_dep(&mut deps, Dep::Any(vec![3, 4]));
        add_dep(&mut deps, Dep::One(5));
        assert_eq!(deps.len(), 2);
    }
}
