//! Vendor groups: ranks, profiles, countries, subsidiaries and owners.
//!
//! A group is a company with its subsidiaries (and, for a few, a
//! private-equity owner above it). Groups are ranked 1..G; the rank decides
//! how large a group is (Zipf draws pick low ranks most often), how many
//! foreign subsidiaries it has, and which countries are likely. The method is
//! written down in `docs/methodology.md#generated-landscapes`.

use super::names;
use super::sample::{Rng, Zipf, chance, one, pick};
use rand::RngExt;
use std::collections::HashSet;

/// What a group mainly sells; decides in which pools it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Profile {
    /// The few giants that sell everything (office, OS, identity, cloud).
    Universal,
    /// Network, virtualisation, storage, security hardware and software.
    Infra,
    /// Operating systems, databases, directories, middleware.
    Platform,
    /// Applications, mostly specialist municipal software.
    App,
    /// Internet uplinks and telephony.
    Telecom,
    /// Public or private IT service providers that host applications.
    Hosting,
}

/// The pools a system's vendor or operator is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PoolKind {
    Infra = 0,
    Platform = 1,
    App = 2,
    Telecom = 3,
    Hosting = 4,
}

/// One company (a `[[vendor]]` entry).
pub(crate) struct VendorRec {
    pub id: String,
    pub name: String,
    pub country: &'static str,
    pub parent: Option<usize>,
    pub description: Option<String>,
    /// The group it belongs to (`None` for private-equity owners).
    pub group: Option<usize>,
}

/// A vendor group: a headquarters company and its subsidiaries.
pub(crate) struct Group {
    pub profile: Profile,
    pub open_source: bool,
    /// Index of the headquarters in the vendor list.
    pub hq: usize,
    pub subs: Vec<usize>,
    /// Display name stem ("Norvatek"), used in product names.
    pub base: String,
    /// Id stem ("norvatek"), used in format ids.
    pub slug: String,
}

struct Pool {
    groups: Vec<usize>,
    zipf: Zipf,
}

/// All vendors and groups, with the Zipf pools to draw from.
pub(crate) struct Vendors {
    pub vendors: Vec<VendorRec>,
    pub groups: Vec<Group>,
    /// `pools[kind][open_source]`: proprietary (0) and open-source (1) groups.
    pools: Vec<[Pool; 2]>,
}

/// Share of groups owned by a private-equity firm (among ranks 9 to 60 %).
const PE_OWNED_PERCENT: u32 = 6;
/// One private-equity firm per this many groups (at least one).
const GROUPS_PER_PE_FIRM: usize = 60;

const EU_HQ_FOR_SUBS: [&str; 7] = ["DE", "IE", "NL", "FR", "GB", "AT", "CH"];

fn countries_for(profile: Profile) -> &'static [(&'static str, u32)] {
    match profile {
        Profile::Universal | Profile::Platform => &[
            ("US", 50),
            ("DE", 18),
            ("FR", 6),
            ("GB", 6),
            ("NL", 5),
            ("CN", 4),
            ("CH", 4),
            ("IL", 3),
            ("IE", 2),
            ("FI", 2),
        ],
        Profile::Infra => &[
            ("US", 45),
            ("DE", 12),
            ("CN", 10),
            ("FR", 6),
            ("GB", 6),
            ("JP", 5),
            ("NL", 4),
            ("CH", 4),
            ("IL", 3),
            ("SE", 3),
            ("FI", 2),
        ],
        Profile::App => &[
            ("DE", 55),
            ("US", 15),
            ("AT", 6),
            ("FR", 5),
            ("NL", 4),
            ("GB", 4),
            ("CH", 4),
            ("DK", 3),
            ("SE", 3),
            ("ES", 1),
        ],
        Profile::Telecom => &[
            ("DE", 40),
            ("GB", 15),
            ("FR", 15),
            ("NL", 10),
            ("ES", 10),
            ("AT", 10),
        ],
        Profile::Hosting => &[("DE", 70), ("FR", 10), ("AT", 10), ("NL", 10)],
    }
}

/// Profiles of the first ranks are fixed so that every landscape has the
/// giants, two telecoms and two hosting providers a real one has.
fn fixed_profile(rank: usize) -> Option<(Profile, &'static str)> {
    Some(match rank {
        1 => (Profile::Universal, "US"),
        2 => (Profile::Universal, "US"),
        3 => (Profile::Universal, "DE"),
        4 => (Profile::Telecom, "DE"),
        5 => (Profile::Hosting, "DE"),
        6 => (Profile::Infra, "US"),
        7 => (Profile::Telecom, "GB"),
        8 => (Profile::Hosting, "DE"),
        _ => return None,
    })
}

pub(crate) fn is_eu(cc: &str) -> bool {
    crate::model::country::EU_MEMBERS.contains(&cc)
}

impl Vendors {
    /// Builds `groups` vendor groups (at least 8) and their private-equity owners.
    pub fn build(rng: &mut Rng, groups: usize, zipf_s: f64) -> Vendors {
        let groups = groups.max(8);
        let mut taken: HashSet<String> = HashSet::new();
        let mut vendors: Vec<VendorRec> = Vec::new();

        let pe_firms = (groups / GROUPS_PER_PE_FIRM).max(1);
        let mut pe = Vec::with_capacity(pe_firms);
        for _ in 0..pe_firms {
            let (base, slug) = names::company(rng, &mut taken);
            let country = pick(rng, &[("US", 70), ("GB", 20), ("SE", 10)]);
            let id = unique(&mut taken, format!("{slug}-capital"));
            pe.push(vendors.len());
            vendors.push(VendorRec {
                id,
                name: format!("{base} Capital Partners{}", names::legal_suffix(country)),
                country,
                parent: None,
                description: Some("Private-equity owner of software companies.".into()),
                group: None,
            });
        }

        let mut out = Vec::with_capacity(groups);
        for rank in 1..=groups {
            let (profile, country) = match fixed_profile(rank) {
                Some(p) => p,
                None => {
                    let profile = pick(
                        rng,
                        &[
                            (Profile::App, 56),
                            (Profile::Platform, 16),
                            (Profile::Infra, 14),
                            (Profile::Telecom, 4),
                            (Profile::Hosting, 10),
                        ],
                    );
                    (profile, pick(rng, countries_for(profile)))
                }
            };
            let open_source = match profile {
                Profile::Universal | Profile::Telecom | Profile::Hosting => false,
                _ if is_eu(country) => chance(rng, 30),
                _ => chance(rng, 10),
            };
            let (base, slug) = names::company(rng, &mut taken);
            let hq = vendors.len();
            let parent = if rank > 8 && rank * 10 <= groups * 6 && chance(rng, PE_OWNED_PERCENT) {
                Some(one(rng, &pe))
            } else {
                None
            };
            vendors.push(VendorRec {
                id: slug.clone(),
                name: names::hq_name(&base, profile, country),
                country,
                parent,
                description: (profile == Profile::Hosting)
                    .then(|| "IT service provider hosting applications for public bodies.".into()),
                group: Some(rank - 1),
            });

            // Subsidiaries: the biggest groups are in many countries.
            let sub_count = if rank <= 2 {
                4
            } else if rank == 3 {
                3
            } else if rank <= (groups / 20).max(8) {
                rng.random_range(1..=3)
            } else if rank * 4 <= groups {
                usize::from(chance(rng, 30))
            } else {
                usize::from(chance(rng, 5))
            };
            let mut places: Vec<&'static str> = Vec::new();
            if country != "DE" {
                places.push("DE");
            }
            if country == "US" || country == "CN" || country == "JP" || country == "IL" {
                // Non-European groups run EU business through Ireland or the Netherlands.
                places.insert(0, if chance(rng, 70) { "IE" } else { "NL" });
            }
            for c in EU_HQ_FOR_SUBS {
                if c != country && !places.contains(&c) {
                    places.push(c);
                }
            }
            if country == "DE" && sub_count == 1 {
                // A German group's one foreign subsidiary is a neighbour's.
                places = vec![one(rng, &["AT", "CH", "NL"])];
            }
            let mut subs = Vec::with_capacity(sub_count);
            for (k, cc) in places.iter().take(sub_count).enumerate() {
                // In groups with three or more subsidiaries the first one is
                // the European holding that controls the others, so chains
                // run headquarters -> holding -> national company.
                let parent = if sub_count >= 3 && k >= 1 {
                    subs[0]
                } else {
                    hq
                };
                let id = unique(&mut taken, format!("{slug}-{}", cc.to_ascii_lowercase()));
                subs.push(vendors.len());
                vendors.push(VendorRec {
                    id,
                    name: names::subsidiary_name(&base, cc),
                    country: cc,
                    parent: Some(parent),
                    description: None,
                    group: Some(rank - 1),
                });
            }
            out.push(Group {
                profile,
                open_source,
                hq,
                subs,
                base,
                slug,
            });
        }

        let pools = [
            PoolKind::Infra,
            PoolKind::Platform,
            PoolKind::App,
            PoolKind::Telecom,
            PoolKind::Hosting,
        ]
        .map(|kind| {
            [false, true].map(|oss| {
                let groups: Vec<usize> = out
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| in_pool(g.profile, kind) && g.open_source == oss)
                    .map(|(i, _)| i)
                    .collect();
                Pool {
                    zipf: Zipf::new(groups.len(), zipf_s),
                    groups,
                }
            })
        })
        .into_iter()
        .collect();
        Vendors {
            vendors,
            groups: out,
            pools,
        }
    }

    /// A group drawn from a pool by Zipf rank, among the open-source or the
    /// proprietary vendors of the pool (the other kind if there is none).
    pub fn draw(&self, rng: &mut Rng, kind: PoolKind, open_source: bool) -> usize {
        let pools = &self.pools[kind as usize];
        let want = usize::from(open_source);
        let pool = if pools[want].groups.is_empty() {
            &pools[1 - want]
        } else {
            &pools[want]
        };
        pool.groups[pool.zipf.sample(rng)]
    }

    /// The subsidiary of a group in a country.
    pub fn sub_in(&self, group: usize, cc: &str) -> Option<usize> {
        self.groups[group]
            .subs
            .iter()
            .copied()
            .find(|&v| self.vendors[v].country == cc)
    }

    /// The company a German customer signs product contracts with: the
    /// headquarters if German, else the German subsidiary, else the headquarters.
    pub fn contract_party(&self, group: usize) -> usize {
        let g = &self.groups[group];
        if self.vendors[g.hq].country == "DE" {
            return g.hq;
        }
        self.sub_in(group, "DE").unwrap_or(g.hq)
    }

    /// The company that operates a group's cloud services for EU customers:
    /// the headquarters if in the EU, else its Irish, Dutch, German or French
    /// subsidiary, else the headquarters.
    pub fn cloud_operator(&self, group: usize) -> usize {
        let g = &self.groups[group];
        if is_eu(self.vendors[g.hq].country) {
            return g.hq;
        }
        ["IE", "NL", "DE", "FR"]
            .iter()
            .find_map(|cc| self.sub_in(group, cc))
            .unwrap_or(g.hq)
    }

    /// The profile of the group a vendor belongs to.
    pub fn profile_of(&self, vendor: usize) -> Option<Profile> {
        self.vendors[vendor].group.map(|g| self.groups[g].profile)
    }

    /// The company that runs uplinks and telephony for a German customer.
    pub fn local_operator(&self, group: usize) -> usize {
        self.contract_party(group)
    }
}

fn in_pool(profile: Profile, kind: PoolKind) -> bool {
    matches!(
        (profile, kind),
        (
            Profile::Universal,
            PoolKind::Infra | PoolKind::Platform | PoolKind::App
        ) | (Profile::Infra, PoolKind::Infra)
            | (Profile::Platform, PoolKind::Platform)
            | (Profile::App, PoolKind::App)
            | (Profile::Telecom, PoolKind::Telecom)
            | (Profile::Hosting, PoolKind::Hosting)
    )
}

/// `id`, or `id-2`, `id-3` ... whichever is free.
fn unique(taken: &mut HashSet<String>, id: String) -> String {
    if taken.insert(id.clone()) {
        return id;
    }
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|c| taken.insert(c.clone()))
        .unwrap_or(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::sample::{Phase, stream};

    #[test]
    fn fixed_ranks_give_giants_telecoms_and_hosters() {
        let v = Vendors::build(&mut stream(1, Phase::Vendors), 40, 1.0);
        assert_eq!(v.groups[0].profile, Profile::Universal);
        assert_eq!(v.vendors[v.groups[0].hq].country, "US");
        assert_eq!(v.groups[0].subs.len(), 4);
        // A US giant runs its EU cloud from an EU subsidiary and sells through a German one.
        let op = v.cloud_operator(0);
        assert!(is_eu(v.vendors[op].country));
        assert_eq!(v.vendors[v.contract_party(0)].country, "DE");
        // The German company hangs below the European holding: a chain of three.
        let de = v.contract_party(0);
        assert_eq!(v.vendors[de].parent, Some(v.groups[0].subs[0]));
        assert_eq!(v.vendors[v.groups[0].subs[0]].parent, Some(v.groups[0].hq));
        assert_eq!(v.groups[3].profile, Profile::Telecom);
        assert_eq!(v.groups[4].profile, Profile::Hosting);
    }

    #[test]
    fn vendor_ids_are_unique_and_valid() {
        let v = Vendors::build(&mut stream(5, Phase::Vendors), 3000, 1.0);
        let mut seen = HashSet::new();
        for x in &v.vendors {
            assert!(crate::model::validate::is_valid_id(&x.id), "{}", x.id);
            assert!(seen.insert(x.id.clone()), "duplicate {}", x.id);
        }
    }

    #[test]
    fn draws_stay_in_their_pool() {
        let v = Vendors::build(&mut stream(2, Phase::Vendors), 100, 1.0);
        let mut rng = stream(2, Phase::Systems);
        for _ in 0..500 {
            let g = v.draw(&mut rng, PoolKind::Telecom, false);
            assert_eq!(v.groups[g].profile, Profile::Telecom);
            let g = v.draw(&mut rng, PoolKind::App, true);
            assert!(v.groups[g].open_source);
            let g = v.draw(&mut rng, PoolKind::Platform, false);
            assert!(!v.groups[g].open_source);
        }
    }
}
