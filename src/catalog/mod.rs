//! The built-in catalogue of alternatives, compiled into the binary.
//!
//! Entries come from the alternatives named in the domain brief (office,
//! mail, video, files, chat, project management, virtualisation, social
//! media, the openDesk components ...). A model may name an entry as
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
