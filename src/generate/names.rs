//! Invented names: companies, towns, legal forms.
//!
//! Names are built from syllables so that they look like company and town
//! names without naming real ones (a generated landscape must not suggest
//! that a real company is involved).

use super::sample::{Rng, one};
use super::vendors::Profile;
use std::collections::HashSet;

const HEADS: [&str; 48] = [
    "Nor", "Vel", "Tri", "Kon", "Ast", "Bri", "Cal", "Dor", "Eri", "Fal", "Gri", "Hal", "Ist",
    "Jor", "Kar", "Lin", "Mar", "Nev", "Ost", "Pol", "Quin", "Ros", "Sil", "Tor", "Ul", "Ver",
    "Wal", "Xan", "Yl", "Zer", "Alt", "Bor", "Cen", "Dal", "Ever", "Fro", "Gen", "Hel", "Ivo",
    "Lux", "Mon", "Nim", "Opt", "Pra", "Rev", "Sta", "Tal", "Vir",
];
const MIDS: [&str; 8] = ["a", "o", "i", "e", "u", "", "an", "el"];
const TAILS: [&str; 28] = [
    "tek", "soft", "net", "data", "ware", "sys", "lab", "com", "tronic", "logic", "vision",
    "works", "base", "line", "cloud", "gate", "via", "nova", "plan", "form", "ion", "ix", "ata",
    "ent", "sphere", "core", "bit", "link",
];
const REGIONS: [&str; 12] = [
    "Nord", "Sued", "West", "Ost", "Rhein", "Main", "Elbe", "Alpen", "Baltic", "Atlantic",
    "Central", "Europa",
];

/// A new company name stem and its id stem, unique among `taken`.
pub(crate) fn company(rng: &mut Rng, taken: &mut HashSet<String>) -> (String, String) {
    let mut attempt = 0u32;
    loop {
        let base = format!(
            "{}{}{}",
            one(rng, &HEADS),
            one(rng, &MIDS),
            one(rng, &TAILS)
        );
        let display = match attempt {
            0..6 => base,
            6..12 => format!("{base} {}", one(rng, &REGIONS)),
            _ => format!("{base} {}", attempt),
        };
        let slug = display.to_ascii_lowercase().replace(' ', "-");
        if taken.insert(slug.clone()) {
            return (display, slug);
        }
        attempt += 1;
    }
}

/// The legal form written after a company name in a country.
pub(crate) fn legal_suffix(cc: &str) -> &'static str {
    match cc {
        "US" => " Inc.",
        "DE" | "AT" => " GmbH",
        "IE" | "GB" | "IL" => " Ltd",
        "FR" => " SAS",
        "NL" => " B.V.",
        "CN" => " Co., Ltd.",
        "CH" => " AG",
        "SE" => " AB",
        "DK" => " A/S",
        "JP" => " K.K.",
        "FI" => " Oy",
        "ES" => " S.L.",
        _ => "",
    }
}

/// The name of a group's headquarters.
pub(crate) fn hq_name(base: &str, profile: Profile, cc: &str) -> String {
    match (profile, cc) {
        (Profile::Hosting, "DE") => format!("{base} Kommunale IT AöR"),
        (Profile::Telecom, "DE") => format!("{base} Telekom AG"),
        (Profile::Telecom, "GB") => format!("{base} Telecom plc"),
        (Profile::Universal, "US") => format!("{base} Corporation"),
        (Profile::Universal, "DE") => format!("{base} SE"),
        _ => format!("{base}{}", legal_suffix(cc)),
    }
}

/// The name of a group's subsidiary in a country.
pub(crate) fn subsidiary_name(base: &str, cc: &str) -> String {
    let place = match cc {
        "DE" => "Deutschland",
        "IE" => "Ireland Operations",
        "NL" => "Nederland",
        "FR" => "France",
        "GB" => "UK",
        "AT" => "Österreich",
        "CH" => "Schweiz",
        _ => "International",
    };
    format!("{base} {place}{}", legal_suffix(cc))
}

const TOWN_PREFIX: [&str; 10] = [
    "", "", "", "Ober", "Unter", "Neu", "Alt", "Bad ", "Klein", "Hohen",
];
const TOWN_STEM: [&str; 18] = [
    "kel", "wald", "rot", "mar", "lin", "eich", "buch", "fels", "ham", "stein", "sonn", "berg",
    "ahr", "weiß", "hasel", "erl", "tann", "lau",
];
const TOWN_END: [&str; 15] = [
    "brunn", "feld", "dorf", "hausen", "stadt", "bach", "burg", "heim", "au", "rode", "ingen",
    "tal", "kirchen", "hagen", "wede",
];

/// A town name such as "Oberkelbrunn" (not necessarily unique).
pub(crate) fn town(rng: &mut Rng) -> String {
    let prefix = one(rng, &TOWN_PREFIX);
    let stem = one(rng, &TOWN_STEM);
    let end = one(rng, &TOWN_END);
    let mut stem_cased = String::new();
    if prefix.is_empty() || prefix.ends_with(' ') {
        let mut c = stem.chars();
        if let Some(f) = c.next() {
            stem_cased.extend(f.to_uppercase());
            stem_cased.push_str(c.as_str());
        }
    } else {
        stem_cased.push_str(stem);
    }
    format!("{prefix}{stem_cased}{end}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::sample::{Phase, stream};

    #[test]
    fn company_names_stay_unique_beyond_the_syllable_space() {
        // 48 * 8 * 28 = 10,752 syllable names; ask for more than that.
        let mut rng = stream(9, Phase::Vendors);
        let mut taken = HashSet::new();
        for _ in 0..15_000 {
            company(&mut rng, &mut taken);
        }
        assert_eq!(taken.len(), 15_000);
    }

    #[test]
    fn towns_are_capitalised() {
        let mut rng = stream(1, Phase::Systems);
        for _ in 0..100 {
            let t = town(&mut rng);
            assert!(t.chars().next().is_some_and(char::is_uppercase), "{t}");
        }
    }
}
