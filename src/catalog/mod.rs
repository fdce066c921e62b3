//! The built-in catalogue of alternatives, compiled into the binary.
//!
//! Entries come from the alternatives named in the domain brief (office,
//! spreadsheets, presentations, mail, video, project management, file
//! sharing, whiteboard, CRM, notes, chat, virtualisation, the workplace
//! suite openDesk and its components, social media). Each records the
//! company behind it and the country that controls it, its licence, and the
//! open formats and protocols it speaks. A model may name an entry as
//! `catalog:ID` in `alternatives`; `explain` and the review suggest entries
//! by category for systems without alternatives.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One alternative product.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub name: String,
    /// Categories it can replace (the model's `category` words).
    pub categories: Vec<String>,
    pub vendor: String,
    /// ISO 3166-1 alpha-2 country of the vendor's control.
    pub country: String,
    pub licence: String,
    /// Open formats it reads and writes.
    #[serde(default)]
    pub formats: Vec<String>,
    /// Open protocols and interfaces it speaks.
    #[serde(default)]
    pub protocols: Vec<String>,
    #[serde(default)]
    pub replaces: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The catalogue.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(rename = "entry")]
    pub entries: Vec<Entry>,
}

const DATA: &str = include_str!("catalog.toml");

impl Catalog {
    /// The catalogue shipped with the tool.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            // The data is compiled in and checked by a unit test, so a parse
            // failure is a build defect, not a user error.
            toml::from_str(DATA).unwrap_or_else(|e| panic!("built-in catalogue is invalid: {e}"))
        })
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }

    /// Every category word used by an entry, sorted, without duplicates.
    pub fn categories(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .entries
            .iter()
            .flat_map(|e| e.categories.iter().map(String::as_str))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Entries that can replace a system of this category, sorted by id.
    pub fn for_category(&self, category: &str) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.categories.iter().any(|c| c == category))
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alternative_of_the_domain_brief_is_in_the_catalogue() {
        // (category of the brief's table, entries named there)
        let brief: [(&str, &[&str]); 14] = [
            (
                "word-processing",
                &["onlyoffice", "libreoffice", "collabora-online"],
            ),
            ("spreadsheets", &["libreoffice", "collabora-online"]),
            ("mail", &["open-xchange", "tuta"]),
            (
                "video",
                &["alfaview", "bigbluebutton", "jitsi-meet", "nextcloud-talk"],
            ),
            (
                "project-management",
                &["meistertask", "stackfield", "openproject"],
            ),
            ("presentations", &["onlyoffice", "libreoffice"]),
            ("file-sharing", &["nextcloud", "luckycloud", "filr"]),
            ("whiteboard", &["mindmeister", "collaboard"]),
            ("crm", &["teamleader", "1crm", "espocrm"]),
            ("notes", &["meisternotes", "notesnook", "zenkit", "joplin"]),
            ("chat", &["mattermost", "element"]),
            ("virtualisation", &["proxmox-ve"]),
            ("workplace-suite", &["opendesk"]),
            ("social-media", &["mastodon", "pixelfed", "peertube"]),
        ];
        let c = Catalog::builtin();
        for (category, ids) in brief {
            let found: Vec<&str> = c
                .for_category(category)
                .iter()
                .map(|e| e.id.as_str())
                .collect();
            for id in ids {
                assert!(found.contains(id), "{id} missing from category {category}");
            }
        }
        // the openDesk components the suite names
        for id in [
            "collabora-online",
            "nextcloud",
            "open-xchange",
            "element",
            "openproject",
            "nubus",
            "xwiki",
        ] {
            assert!(c.get(id).is_some(), "openDesk component {id}");
        }
    }

    #[test]
    fn categories_are_sorted_and_unique() {
        let cats = Catalog::builtin().categories();
        let mut sorted = cats.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(cats, sorted);
        assert!(cats.contains(&"office-suite"));
    }

    #[test]
    fn builtin_catalogue_parses_and_ids_are_unique_and_valid() {
        let c = Catalog::builtin();
        assert!(c.entries.len() >= 10);
        let mut ids = std::collections::BTreeSet::new();
        for e in &c.entries {
            assert!(crate::model::validate::is_valid_id(&e.id), "{}", e.id);
            assert!(ids.insert(e.id.clone()), "duplicate {}", e.id);
            assert!(
                crate::model::Country::parse(&e.country).is_ok(),
                "{}",
                e.country
            );
            assert!(["open-source", "proprietary"].contains(&e.licence.as_str()));
        }
    }
}
