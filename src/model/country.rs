//! Countries (ISO 3166-1 alpha-2) and the trusted set of jurisdictions.
//!
//! Jurisdiction is the heart of the sovereignty question: what matters is who
//! controls a provider, not where its data centre stands (domain brief, point
//! 6). This module only knows codes; exposure along parent chains is computed
//! in `graph`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;
use std::fmt;

/// An ISO 3166-1 alpha-2 country code, upper case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

/// The officially assigned ISO 3166-1 alpha-2 codes (249), plus `XK` (Kosovo,
/// user-assigned but used by the EU and most registries).
const ISO_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/// The 27 member states of the European Union (since 1 February 2020).
pub const EU_MEMBERS: [&str; 27] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

impl Country {
    /// Parses an upper-case ISO 3166-1 alpha-2 code. Lower case is refused so
    /// that models stay uniform; the error message says how to fix it.
    pub fn parse(s: &str) -> Result<Country, String> {
        let b = s.as_bytes();
        if b.len() == 2
            && b.iter().all(|c| c.is_ascii_uppercase())
            && ISO_CODES.split(' ').any(|c| c == s)
        {
            return Ok(Country([b[0], b[1]]));
        }
        let upper = s.to_ascii_uppercase();
        if upper != s && upper.len() == 2 && ISO_CODES.split(' ').any(|c| c == upper) {
            return Err(format!("country codes are upper case: write `{upper}`"));
        }
        if s.eq_ignore_ascii_case("UK") {
            return Err("the ISO 3166-1 code of the United Kingdom is `GB`".into());
        }
        if s.eq_ignore_ascii_case("EL") {
            return Err("the ISO 3166-1 code of Greece is `GR` (`EL` is the EU's own code)".into());
        }
        Err(format!(
            "`{s}` is not an ISO 3166-1 alpha-2 country code (e.g. `DE`, `US`, `IE`)"
        ))
    }

    pub fn as_str(&self) -> &str {
        // The bytes are validated ASCII upper-case letters.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    pub fn is_eu(&self) -> bool {
        EU_MEMBERS.contains(&self.as_str())
    }

    /// All EU member states as countries.
    pub fn eu_members() -> impl Iterator<Item = Country> {
        EU_MEMBERS
            .iter()
            .map(|c| Country([c.as_bytes()[0], c.as_bytes()[1]]))
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Country {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Country::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Where a system runs: a country, or "somewhere in the EU".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    Country(Country),
    Eu,
}

impl Region {
    pub fn parse(s: &str) -> Result<Region, String> {
        if s == "EU" {
            Ok(Region::Eu)
        } else if s.eq_ignore_ascii_case("eu") {
            Err("write `EU` in upper case".into())
        } else {
            Country::parse(s).map(Region::Country)
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Region::Country(c) => c.fmt(f),
            Region::Eu => f.write_str("EU"),
        }
    }
}

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Region::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The set of trusted jurisdictions: the home country, the listed countries,
/// and the EU member states when `"EU"` is listed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustSet {
    countries: BTreeSet<Country>,
}

impl TrustSet {
    pub fn new(home: Country, listed: impl IntoIterator<Item = Region>) -> Self {
        let mut countries = BTreeSet::new();
        countries.insert(home);
        for r in listed {
            match r {
                Region::Country(c) => {
                    countries.insert(c);
                }
                Region::Eu => countries.extend(Country::eu_members()),
            }
        }
        TrustSet { countries }
    }

    pub fn contains(&self, c: Country) -> bool {
        self.countries.contains(&c)
    }

    /// A region is trusted when every country it may mean is trusted.
    pub fn trusts_region(&self, r: Region) -> bool {
        match r {
            Region::Country(c) => self.contains(c),
            Region::Eu => Country::eu_members().all(|c| self.contains(c)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = Country> + '_ {
        self.countries.iter().copied()
    }
}

impl Serialize for TrustSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.countries.iter())
    }
}

impl<'de> Deserialize<'de> for TrustSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(TrustSet {
            countries: BTreeSet::deserialize(d)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_against_iso_3166() {
        assert!(Country::parse("DE").is_ok());
        assert!(Country::parse("US").is_ok());
        assert!(Country::parse("XX").is_err());
        assert!(Country::parse("de").unwrap_err().contains("`DE`"));
        assert!(Country::parse("UK").unwrap_err().contains("`GB`"));
        assert!(Country::parse("DEU").is_err());
        assert_eq!(ISO_CODES.split(' ').count(), 250);
    }

    #[test]
    fn eu_expands_to_27_members_and_home_is_always_trusted() {
        let de = Country::parse("DE").unwrap();
        let t = TrustSet::new(de, [Region::Eu]);
        assert_eq!(t.iter().count(), 27);
        assert!(t.contains(Country::parse("IE").unwrap()));
        assert!(!t.contains(Country::parse("US").unwrap()));
        assert!(t.trusts_region(Region::Eu));
        let ch = Country::parse("CH").unwrap();
        let only_home = TrustSet::new(ch, []);
        assert!(only_home.contains(ch));
        assert!(!only_home.trusts_region(Region::Eu));
    }
}
