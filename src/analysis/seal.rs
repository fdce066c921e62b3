//! An indicative SEAL level per system, after the EU Cloud Sovereignty
//! Framework (European Commission, DG DIGIT, v1.2.1, October 2025).
//!
//! The framework rates a cloud service on eight sovereignty objectives and
//! assigns Sovereignty Effectiveness Assurance Levels:
//!
//! - SEAL-0 No sovereignty: service, technology or operations under
//!   exclusive control of non-EU third parties, governed entirely in non-EU
//!   jurisdictions;
//! - SEAL-1 Jurisdictional sovereignty: EU law formally applies with limited
//!   practical enforceability; under exclusive control of non-EU parties;
//! - SEAL-2 Data sovereignty: EU law applicable and enforceable, material
//!   non-EU dependencies remain; under indirect non-EU control;
//! - SEAL-3 Digital resilience: EU actors exercise meaningful but not full
//!   influence; only marginal non-EU control;
//! - SEAL-4 Full digital sovereignty: technology and operations under
//!   complete EU control, subject only to EU law, no critical non-EU
//!   dependencies.
//!
//! A real SEAL needs an assessment of all eight objectives with evidence.
//! This is an INDICATIVE level from the little the model knows: who
//! operates the system (the operator's ownership chain), who makes it (the
//! vendor's chain), where it runs, its licence and its exports. The rule,
//! first match wins ("EU" means an EU member state; the organisation itself
//! counts as its home country):
//!
//! 0. no company in the operator's chain is in the EU and the system runs
//!    outside the EU;
//! 1. the operator's chain reaches outside the EU (EU law applies through an
//!    EU subsidiary or an EU region, but control is not European);
//! 2. operated under EU control, but it runs outside the EU, or it is
//!    proprietary technology of a vendor whose chain reaches outside the EU;
//! 3. operated and run in the EU, but open-source technology from a vendor
//!    outside the EU, or proprietary, or no open export format (for a
//!    system that holds data: `data`, `formats` or `exports` recorded);
//! 4. operator and vendor chains entirely in the EU, runs in the EU, open
//!    source, and at least one open export format if it holds data.
//!
//! It ignores the supply chain below the system (what it runs on), the
//! security and environmental objectives, and contracts; the report says so.

use crate::analysis::lockin::{ChainLink, chain};
use crate::graph::Graph;
use crate::model::{Country, Licence, Party, Region, SystemId};
use serde::Serialize;

/// The names of the levels 0..4.
pub const NAMES: [&str; 5] = [
    "No sovereignty",
    "Jurisdictional sovereignty",
    "Data sovereignty",
    "Digital resilience",
    "Full digital sovereignty",
];

/// The indicative SEAL level of one system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Seal {
    pub system: String,
    /// 0..4.
    pub level: u8,
    /// `SEAL-2`.
    pub label: String,
    /// `Data sovereignty`.
    pub name: &'static str,
    /// Why not higher (or why the top level), in the rule's terms.
    pub reasons: Vec<SealReason>,
    /// Always true: derived from the model, not an assessment.
    pub indicative: bool,
}

fn eu(c: Country) -> bool {
    c.is_eu()
}

fn region_eu(r: Region) -> bool {
    match r {
        Region::Eu => true,
        Region::Country(c) => c.is_eu(),
    }
}

/// Why a system has its level, in the rule's terms. A chain is `None`
/// when the organisation itself operates or makes the system.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SealReason {
    /// Level 0: no company in the operator's chain is in the EU.
    NonEuOperatorOnly { operator: Option<Vec<ChainLink>> },
    /// Runs outside the EU.
    RunsOutsideEu { region: Region },
    /// Level 1: the operator's chain reaches outside the EU.
    OperatorOutsideEu { operator: Option<Vec<ChainLink>> },
    /// Level 2: proprietary technology of a vendor whose chain reaches outside the EU.
    ProprietaryFromOutsideEu { vendor: Option<Vec<ChainLink>> },
    /// Level 3: open source, but made outside the EU.
    OpenSourceFromOutsideEu { vendor: Option<Vec<ChainLink>> },
    /// Level 3: proprietary licence.
    ProprietaryLicence,
    /// Level 3: holds data without an open export format.
    NoOpenExport,
    /// Level 4: operated, made and run in the EU; open source (with an
    /// open export when it holds data).
    FullyEu { holds_data: bool },
}

fn party_chain(g: &Graph, p: Party) -> Option<Vec<ChainLink>> {
    match p {
        Party::Own => None,
        Party::Vendor(v) => Some(chain(g, v)),
    }
}

/// The indicative SEAL level of a system.
pub fn seal(g: &Graph, s: SystemId) -> Seal {
    let m = g.model();
    let sys = m.system(s);
    let op = g.party_exposure(sys.operator);
    let ven = g.party_exposure(sys.vendor);
    let op_any_eu = op.iter().any(|c| eu(*c));
    let op_all_eu = op.iter().all(|c| eu(*c));
    let ven_all_eu = ven.iter().all(|c| eu(*c));
    let runs_eu = region_eu(sys.region);
    let open_source = sys.licence == Licence::OpenSource;
    let open_export = sys.exports.iter().flatten().any(|f| m.format(*f).open);
    // Exports only matter for a system that holds data (as in the lock-in
    // score): a network uplink has nothing to export.
    let holds_data = sys.data.is_some() || !sys.formats.is_empty() || sys.exports.is_some();
    let export_missing = holds_data && !open_export;

    let (level, reasons) = if !op_any_eu && !runs_eu {
        (
            0,
            vec![
                SealReason::NonEuOperatorOnly {
                    operator: party_chain(g, sys.operator),
                },
                SealReason::RunsOutsideEu { region: sys.region },
            ],
        )
    } else if !op_all_eu {
        (
            1,
            vec![SealReason::OperatorOutsideEu {
                operator: party_chain(g, sys.operator),
            }],
        )
    } else if !runs_eu || (!ven_all_eu && !open_source) {
        let mut r = Vec::new();
        if !runs_eu {
            r.push(SealReason::RunsOutsideEu { region: sys.region });
        }
        if !ven_all_eu && !open_source {
            r.push(SealReason::ProprietaryFromOutsideEu {
                vendor: party_chain(g, sys.vendor),
            });
        }
        (2, r)
    } else if !ven_all_eu || !open_source || export_missing {
        let mut r = Vec::new();
        if !ven_all_eu {
            r.push(SealReason::OpenSourceFromOutsideEu {
                vendor: party_chain(g, sys.vendor),
            });
        }
        if !open_source {
            r.push(SealReason::ProprietaryLicence);
        }
        if export_missing {
            r.push(SealReason::NoOpenExport);
        }
        (3, r)
    } else {
        (4, vec![SealReason::FullyEu { holds_data }])
    };
    Seal {
        system: sys.id.clone(),
        level,
        label: format!("SEAL-{level}"),
        name: NAMES[level as usize],
        reasons,
        indicative: true,
    }
}

/// Indicative SEAL levels of every in-use system, in model order.
pub fn seal_all(g: &Graph) -> Vec<Seal> {
    let m = g.model();
    m.system_ids()
        .filter(|s| m.system(*s).in_use())
        .map(|s| seal(g, s))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Limits, load_str};
    use std::path::Path;

    fn graph(body: &str) -> Graph {
        let text = format!(
            "[organisation]\nname = \"T\"\nhome = \"DE\"\ntrusted = [\"EU\"]\n
[[vendor]]
id = \"us\"
name = \"US Corp\"
country = \"US\"
[[vendor]]
id = \"us-ie\"
name = \"US Corp Ireland\"
country = \"IE\"
parent = \"us\"
[[vendor]]
id = \"de\"
name = \"DE GmbH\"
country = \"DE\"
[[format]]
id = \"odf\"
name = \"ODF\"
open = true
[[format]]
id = \"blob\"
name = \"Blob\"
open = false
{body}"
        );
        let m = load_str("t.toml", Path::new("t.toml"), &text, &Limits::default())
            .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
        Graph::build(m)
    }

    fn level(body: &str) -> (u8, Vec<SealReason>) {
        let g = graph(&format!("[[system]]\nid = \"s\"\nname = \"S\"\n{body}\n"));
        let s = seal(&g, g.model().system_id("s").unwrap());
        assert!(s.indicative);
        assert_eq!(s.label, format!("SEAL-{}", s.level));
        (s.level, s.reasons)
    }

    #[test]
    fn us_operated_outside_the_eu_is_seal_0() {
        assert_eq!(
            level("vendor = \"us\"\noperator = \"us\"\nregion = \"US\"").0,
            0
        );
    }

    #[test]
    fn eu_subsidiary_of_a_us_company_is_seal_1_even_in_germany() {
        let (l, r) = level("vendor = \"us\"\noperator = \"us-ie\"\nregion = \"DE\"");
        assert_eq!(l, 1);
        let [SealReason::OperatorOutsideEu { operator: Some(c) }] = r.as_slice() else {
            panic!("{r:?}")
        };
        let ids: Vec<&str> = c.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(ids, vec!["us-ie", "us"]);
        // a US operator running in the EU: EU law applies formally, no more
        assert_eq!(
            level("vendor = \"us\"\noperator = \"us\"\nregion = \"EU\"").0,
            1
        );
    }

    #[test]
    fn self_operated_us_software_is_seal_2() {
        let (l, r) = level("vendor = \"us\"\noperator = \"self\"\nexports = [\"odf\"]");
        assert_eq!(l, 2);
        let [SealReason::ProprietaryFromOutsideEu { vendor: Some(c) }] = r.as_slice() else {
            panic!("{r:?}")
        };
        assert_eq!(c[0].id, "us");
        // EU-operated but hosted outside the EU
        assert_eq!(
            level("vendor = \"de\"\noperator = \"de\"\nregion = \"US\"").0,
            2
        );
    }

    #[test]
    fn eu_proprietary_or_non_eu_open_source_or_closed_export_is_seal_3() {
        assert_eq!(
            level("vendor = \"de\"\noperator = \"de\"\nexports = [\"odf\"]").0,
            3
        );
        assert_eq!(
            level("vendor = \"us\"\noperator = \"self\"\nlicence = \"open-source\"\nexports = [\"odf\"]").0,
            3
        );
        let (l, r) = level(
            "vendor = \"de\"\noperator = \"self\"\nlicence = \"open-source\"\nexports = [\"blob\"]",
        );
        assert_eq!(l, 3);
        assert_eq!(r, vec![SealReason::NoOpenExport]);
    }

    #[test]
    fn eu_open_source_self_hosted_with_open_export_is_seal_4() {
        assert_eq!(
            level("vendor = \"de\"\noperator = \"self\"\nlicence = \"open-source\"\nexports = [\"odf\", \"blob\"]").0,
            4
        );
    }
}
