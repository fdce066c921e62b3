//! Why a lock-in factor gave its points, as data: the facts and numbers
//! behind each factor, which every language words in its own place
//! (`render::i18n`). Serialised with a `kind` tag in snake_case.

use crate::model::{Country, Criticality, Duration, Region};
use serde::Serialize;

/// The factors of a score: eight of a system, three of a vendor group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorName {
    DataPortability,
    Interfaces,
    Alternatives,
    SwitchTime,
    ContractTerms,
    Jurisdiction,
    Licence,
    Criticality,
    /// Vendor group: the lock-in of its most locked-in system.
    Systems,
    /// Vendor group: its share of annual spend.
    Spend,
    /// Vendor group: the critical services it alone can stop.
    SinglePointOfFailure,
}

impl FactorName {
    /// The eight factors of a system, in the order of `[defaults.lockin]`.
    pub const SYSTEM: [FactorName; 8] = [
        FactorName::DataPortability,
        FactorName::Interfaces,
        FactorName::Alternatives,
        FactorName::SwitchTime,
        FactorName::ContractTerms,
        FactorName::Jurisdiction,
        FactorName::Licence,
        FactorName::Criticality,
    ];

    /// The key (as in `[defaults.lockin]`, the JSON and CSV columns).
    pub fn key(self) -> &'static str {
        match self {
            FactorName::DataPortability => "data_portability",
            FactorName::Interfaces => "interfaces",
            FactorName::Alternatives => "alternatives",
            FactorName::SwitchTime => "switch_time",
            FactorName::ContractTerms => "contract_terms",
            FactorName::Jurisdiction => "jurisdiction",
            FactorName::Licence => "licence",
            FactorName::Criticality => "criticality",
            FactorName::Systems => "systems",
            FactorName::Spend => "spend",
            FactorName::SinglePointOfFailure => "single_point_of_failure",
        }
    }
}

/// How an impact part counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImpactHow {
    /// The system's own users.
    OwnUse,
    /// The service goes down when the system alone is cut.
    FailsIfCut,
    /// The service rests on the system through a soft interface or a
    /// redundant `any` group and keeps running (listed, not counted).
    DegradesOnly,
}

/// What the system exports.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Export {
    /// `exports` is not given.
    NotDocumented,
    /// `exports = []`.
    None,
    /// Only closed formats (all of them listed).
    ClosedOnly { formats: Vec<String> },
    /// At least one open format (the open ones listed).
    Open { formats: Vec<String> },
}

/// The formats the system stores its data in.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Stored {
    NotDocumented,
    /// Every stored format is open.
    Open {
        formats: Vec<String>,
    },
    /// `closed` of `of` stored formats are closed.
    Closed {
        closed: Vec<String>,
        of: usize,
    },
}

/// One link of an ownership chain: the vendor, then who controls it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainLink {
    pub id: String,
    pub name: String,
    pub country: Country,
}

/// An alternative and whether it is free of untrusted jurisdictions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlternativeTrust {
    /// A system id, or `catalog:ID`.
    pub id: String,
    pub trusted: bool,
    /// Untrusted countries its vendor or operator is exposed to (or the
    /// catalogue entry's country when that is not trusted).
    pub outside: Vec<Country>,
    /// Set when the alternative runs in a region that is not trusted.
    pub untrusted_region: Option<Region>,
    /// False for a `catalog:` id the catalogue does not know.
    pub known: bool,
}

/// A contract term that raised the contract factor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoticeTerm {
    pub contract: String,
    pub notice: Duration,
}

/// The data retrieval term of a cloud or hosting contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetrievalTerm {
    pub contract: String,
    /// `None`: the contract names no retrieval period.
    pub period: Option<Duration>,
}

/// Why a factor gave its points.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// No data, stored formats or exports recorded.
    NoDataRecorded,
    DataPortability {
        export: Export,
        stored: Stored,
        /// `None`: no data volume recorded.
        volume_gb: Option<f64>,
    },
    Interfaces {
        interfaces: u32,
        proprietary: u32,
        direct_systems: usize,
        direct_services: usize,
        indirect_systems: usize,
        indirect_services: usize,
    },
    /// No alternative recorded; what the catalogue lists for the category.
    NoAlternative {
        category: String,
        catalogue: Vec<String>,
    },
    /// Every recorded alternative is exposed outside the trusted set.
    OnlyUntrustedAlternatives {
        alternatives: Vec<AlternativeTrust>,
    },
    /// At least one trusted alternative (the trusted ones listed).
    TrustedAlternative {
        alternatives: Vec<AlternativeTrust>,
    },
    SwitchTime {
        p80_days: f64,
        /// Given in the model (else the parametric estimate).
        given: bool,
        target_days: f64,
        /// Full points at this multiple of the target.
        full_ratio: f64,
    },
    NoContract,
    ContractTerms {
        /// The longest notice.
        notice: NoticeTerm,
        /// The first contract that renews automatically.
        renews: Option<String>,
        /// The weakest data retrieval term, when one counts.
        retrieval: Option<RetrievalTerm>,
    },
    Jurisdiction {
        /// `None`: operated in-house.
        operator: Option<Vec<ChainLink>>,
        operator_outside: Vec<Country>,
        /// `None`: made in-house.
        vendor: Option<Vec<ChainLink>>,
        vendor_outside: Vec<Country>,
        region: Region,
        region_trusted: bool,
    },
    Licence {
        open_source: bool,
    },
    Criticality {
        criticality: Criticality,
        /// The service that sets it; `None`: the system's own.
        service: Option<String>,
        /// Services resting on the system.
        services: usize,
    },
    /// Vendor group: its most locked-in in-use system.
    MostLockedIn {
        /// `None`: no in-use system.
        system: Option<String>,
        score: f64,
        systems: usize,
    },
    /// Vendor group: its share of annual spend.
    SpendShare {
        share: f64,
        full_share: f64,
    },
    /// Vendor group: critical services it alone can stop.
    SinglePoints {
        services: usize,
        critical: usize,
    },
}
