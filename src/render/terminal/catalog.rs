//! `exitgraph catalog`: the built-in catalogue of alternatives, a block per
//! entry (reads better than a table with long names).

use crate::catalog::Entry;
use std::fmt::{self, Write as _};

/// The entries as terminal text.
pub fn entries(entries: &[&Entry]) -> String {
    let mut out = String::new();
    let _ = write_entries(&mut out, entries);
    out
}

fn write_entries(out: &mut String, entries: &[&Entry]) -> fmt::Result {
    for e in entries {
        writeln!(out, "{}  {}", e.id, e.name)?;
        writeln!(
            out,
            "  {} ({}) · {} · {}",
            e.vendor,
            e.country,
            e.licence,
            e.categories.join(", ")
        )?;
        let speaks: Vec<&str> = e
            .formats
            .iter()
            .chain(e.protocols.iter())
            .map(String::as_str)
            .collect();
        if !speaks.is_empty() {
            writeln!(out, "  speaks: {}", speaks.join(", "))?;
        }
        if !e.replaces.is_empty() {
            writeln!(out, "  replaces: {}", e.replaces.join(", "))?;
        }
        if let Some(n) = &e.note {
            writeln!(out, "  {n}")?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} entr{}. Name one in a model as `alternatives = [\"catalog:ID\"]`.",
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" }
    )
}
