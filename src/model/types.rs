//! The validated model: typed ids, resolved references, defaults applied.
//!
//! Nothing past `model/` sees a raw type. Every entity keeps the [`Span`] of
//! the table it was written in, so that analyses can point back at the TOML.

use super::country::{Country, Region, TrustSet};
use super::duration::Duration;
use super::source::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// Position in the model's list of this kind (file order).
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

typed_id!(
    /// A vendor of the model.
    VendorId
);
typed_id!(
    /// A system of the model.
    SystemId
);
typed_id!(
    /// An interface of the model.
    InterfaceId
);
typed_id!(
    /// A data format of the model.
    FormatId
);
typed_id!(
    /// A contract of the model.
    ContractId
);
typed_id!(
    /// A business service of the model.
    ServiceId
);
typed_id!(
    /// An emergency scenario of the model.
    ScenarioId
);

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $text:literal ),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vdoc])* #[serde(rename = $text)] $variant, )*
        }

        impl $name {
            /// The words a model may use, with their values.
            pub const WORDS: &'static [(&'static str, $name)] = &[$(($text, $name::$variant),)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// Architectural layer of a system.
    Layer {
        Infrastructure = "infrastructure",
        Platform = "platform",
        Application = "application",
        Data = "data",
    }
);

word_enum!(
    /// Licence model of a system.
    Licence {
        Proprietary = "proprietary",
        OpenSource = "open-source",
    }
);

word_enum!(
    /// How much a system or service matters.
    Criticality {
        Critical = "critical",
        High = "high",
        Medium = "medium",
        Low = "low",
    }
);

impl Criticality {
    /// Numeric weight used by analyses: critical 4, high 3, medium 2, low 1.
    pub fn weight(self) -> u32 {
        match self {
            Criticality::Critical => 4,
            Criticality::High => 3,
            Criticality::Medium => 2,
            Criticality::Low => 1,
        }
    }
}

word_enum!(
    /// Whether a system is used, considered, or gone.
    Status {
        InUse = "in-use",
        Candidate = "candidate",
        Retired = "retired",
    }
);

word_enum!(
    /// Protection need of data.
    Sensitivity {
        Low = "low",
        Normal = "normal",
        High = "high",
        Critical = "critical",
    }
);

word_enum!(
    /// How far a system is adapted to the organisation.
    Customisation {
        None = "none",
        Low = "low",
        Medium = "medium",
        High = "high",
    }
);

word_enum!(
    /// Kind of contract.
    ContractKind {
        Licence = "licence",
        Subscription = "subscription",
        Cloud = "cloud",
        Support = "support",
        Hosting = "hosting",
    }
);

word_enum!(
    /// How an organisation leaves a contract or a system (see
    /// `docs/methodology.md#exit-kinds`).
    ExitKind {
        /// A new product: data migrates, users retrain, interfaces are rebuilt.
        Replace = "replace",
        /// The same software moves to another operator (another data centre,
        /// a public IT provider, in-house); users barely notice.
        Rehost = "rehost",
        /// Another support or maintenance provider for the same software.
        Resupport = "resupport",
        /// The organisation takes over operation itself.
        Insource = "insource",
    }
);

word_enum!(
    /// The periods a contract can only end with (`notice_to`).
    NoticeTo {
        /// At the end of a term (the default).
        TermEnd = "term-end",
        MonthEnd = "month-end",
        QuarterEnd = "quarter-end",
        YearEnd = "year-end",
    }
);

word_enum!(
    /// What a recorded decision about a contract says.
    Intent {
        /// Renew on purpose: the contract is kept for another term.
        Renew = "renew",
        /// Leave: notice is (to be) given and the switch planned.
        Exit = "exit",
        /// Under review: a decision is being prepared (still open).
        Review = "review",
    }
);

word_enum!(
    /// How something is cut off in a scenario (docs/methodology.md, "Kinds of cut").
    CutKind {
        Outage = "outage",
        Loss = "loss",
        Withdrawal = "withdrawal",
    }
);

word_enum!(
    /// What the multi-year plan aims at (`[plan] goal`).
    PlanGoal {
        /// The largest reduction of risk per euro (the default).
        Risk = "risk",
        /// Reach a sovereignty score (`target_score`) at least cost.
        Sovereignty = "sovereignty",
        /// No critical service stopped by any single vendor group, at least cost.
        NoSingleVendor = "no-single-vendor",
    }
);

word_enum!(
    /// Report language.
    Lang {
        De = "de",
        En = "en",
    }
);

/// The system categories the tool knows: they get parametric switch
/// defaults and catalogue suggestions. `category` is free text; a near miss
/// of one of these is warned about (`unknown-category`).
pub const KNOWN_CATEGORIES: &[&str] = &[
    "office-suite",
    "mail",
    "video",
    "file-sharing",
    "chat",
    "collaboration",
    "project-management",
    "identity",
    "os",
    "virtualisation",
    "database",
    "erp",
    "specialist-application",
    "network",
    "website",
    "gis",
    "dms",
    "crm",
    "backup",
    "storage",
    "social-media",
    "telephony",
    "security",
    "other",
];

/// Who makes, runs or backs up something: the organisation itself or a vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Party {
    Own,
    Vendor(VendorId),
}

impl Party {
    pub fn vendor(self) -> Option<VendorId> {
        match self {
            Party::Own => None,
            Party::Vendor(v) => Some(v),
        }
    }
}

/// One entry of `depends_on` or `needs`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dependency {
    /// A plain entry: the dependent fails when this one fails.
    One(SystemId),
    /// At least one of these is needed.
    Any(Vec<SystemId>),
}

impl Dependency {
    pub fn members(&self) -> &[SystemId] {
        match self {
            Dependency::One(s) => std::slice::from_ref(s),
            Dependency::Any(v) => v,
        }
    }
}

/// An alternative to a system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Alternative {
    System(SystemId),
    /// An entry of the built-in catalogue (`catalog:ID`).
    Catalog(String),
}

/// Whom to call: a vendor's or a contract's contact (`contact = { ... }`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Contact {
    /// A hotline or phone number.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A contract or customer number to quote.
    pub reference: Option<String>,
    /// Who owns the relationship inside the organisation.
    pub owner: Option<String>,
}

/// In JSON, absent values are left out; binary formats (model snapshots)
/// have no names to tell which one is left out, so they get every value.
impl Serialize for Contact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let skip = s.is_human_readable();
        let mut st = s.serialize_struct("Contact", 4)?;
        for (name, value) in [
            ("phone", &self.phone),
            ("email", &self.email),
            ("reference", &self.reference),
            ("owner", &self.owner),
        ] {
            if skip && value.is_none() {
                st.skip_field(name)?;
            } else {
                st.serialize_field(name, value)?;
            }
        }
        st.end()
    }
}

/// How a system comes back after an incident (`[system.recovery]`); every
/// value is optional, the simulation uses documented defaults by layer and
/// category for what is not given.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Recovery {
    /// Time to bring it back once everything it needs is back (Wiederanlaufzeit).
    pub restart: Option<Duration>,
    /// Time to rebuild it from a backup when it was lost.
    pub restore: Option<Duration>,
    /// How much recent data is lost when it is restored from a backup.
    pub rpo: Option<Duration>,
    /// The system that takes and reads its backups (its software is needed
    /// to restore them).
    pub backup_system: Option<SystemId>,
    /// An emergency stop-gap, distinct from the strategic `alternatives`.
    pub fallback: Option<Alternative>,
    /// Time to set the fallback up, from the day of the cut.
    pub setup: Option<Duration>,
}

/// What a service does in emergency operation (Notbetrieb).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workaround {
    pub text: String,
    /// From how long after the service stops it works (default 0).
    pub from: Duration,
    /// The share of normal capacity it reaches (0 to 1), when known.
    pub capacity: Option<f64>,
}

/// The organisation whose landscape this is.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub home: Country,
    /// The trusted jurisdictions, expanded (home and EU members included).
    pub trusted: TrustSet,
    /// The review date written in the model, if any.
    pub as_of: Option<NaiveDate>,
    pub staff: Option<u64>,
    pub parallel_migrations: u32,
    pub switch_target: Duration,
    pub it_competence: Option<u8>,
    pub currency: String,
    pub language: Option<Lang>,
    pub description: Option<String>,
    pub span: Span,
}

/// A company that makes, licenses or operates systems.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Vendor {
    pub id: String,
    pub name: String,
    pub country: Country,
    /// The controlling company.
    pub parent: Option<VendorId>,
    pub description: Option<String>,
    /// A stand-in created by an import (a vendor named but not listed, or
    /// the unknown vendor of systems imported without one): its country is
    /// assumed, and `check` warns until someone completes it.
    pub placeholder: bool,
    pub contact: Option<Contact>,
    pub span: Span,
}

/// What the system's data is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Data {
    pub classes: Vec<String>,
    pub sensitivity: Sensitivity,
    pub volume_gb: f64,
    /// Who holds a backup; `None` when no backup is declared.
    pub backup: Option<Party>,
}

/// Switch figures given in the model.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SwitchGiven {
    /// Optimistic, likely, pessimistic.
    pub estimates: Option<[Duration; 3]>,
    pub cost: Option<f64>,
}

/// An IT system: software, platform, infrastructure or data store.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct System {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub category: String,
    /// Where `category` was written, if it was.
    pub category_span: Option<Span>,
    pub layer: Layer,
    pub vendor: Party,
    pub operator: Party,
    /// Where it runs (given, or the operator's country, or home for `self`).
    pub region: Region,
    pub licence: Licence,
    pub criticality: Criticality,
    pub users: u64,
    pub status: Status,
    pub customisation: Customisation,
    pub data: Option<Data>,
    pub formats: Vec<FormatId>,
    /// `None`: not documented; `Some(empty)`: explicitly no export.
    pub exports: Option<Vec<FormatId>>,
    pub depends_on: Vec<Dependency>,
    pub alternatives: Vec<Alternative>,
    /// Per entry of `alternatives`: its own switch estimate, when the entry
    /// gives one (else `switch` applies).
    pub alternative_switch: Vec<Option<SwitchGiven>>,
    pub exit_plan: Option<String>,
    pub licence_check: Option<Duration>,
    pub switch: SwitchGiven,
    /// How leaving this system is done, when the architect says so (`exit`);
    /// `None`: the default of the relation (see `analysis::exit_kind`).
    pub exit: Option<ExitKind>,
    /// Why the organisation cannot choose this system (law, state or federal
    /// mandate); `None`: freely chosen.
    pub mandated: Option<String>,
    pub recovery: Recovery,
    pub span: Span,
}

impl System {
    pub fn in_use(&self) -> bool {
        self.status == Status::InUse
    }

    /// True when law or a state or federal mandate prescribes the system.
    pub fn is_mandated(&self) -> bool {
        self.mandated.is_some()
    }
}

/// A connection between two systems: `from` needs `to`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Interface {
    pub id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub from: SystemId,
    pub to: SystemId,
    pub protocol: Option<String>,
    pub format: Option<FormatId>,
    pub open: bool,
    pub hard: bool,
    pub span: Span,
}

/// A data format.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Format {
    pub id: String,
    pub name: String,
    pub open: bool,
    pub standard: Option<String>,
    pub description: Option<String>,
    pub span: Span,
}

/// A contract with a vendor.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Contract {
    pub id: String,
    pub name: Option<String>,
    pub description: Option<String>,
    pub vendor: VendorId,
    pub covers: Vec<SystemId>,
    pub kind: ContractKind,
    pub start: Option<NaiveDate>,
    /// Last day of the first term (`end`, or `start` + `term` - 1 day).
    pub end: NaiveDate,
    pub notice: Duration,
    pub renewal: Option<Duration>,
    pub annual_cost: Option<f64>,
    pub data_retrieval: Option<Duration>,
    pub switching_charge: Option<f64>,
    /// The periods the contract can only end with (default: its term end).
    pub notice_to: NoticeTo,
    /// Notice the provider must give to end the contract, if agreed.
    pub provider_notice: Option<Duration>,
    /// How leaving this contract is done, when the model says so (`exit`);
    /// `None`: the default of its kind and relation.
    pub exit: Option<ExitKind>,
    /// The recorded decision about the contract's next term end.
    pub decision: Option<Decision>,
    pub span: Span,
    /// Where `notice` was written, for findings about it.
    pub notice_span: Option<Span>,
    pub contact: Option<Contact>,
}

/// A decision about a contract, as recorded in `[contract.decision]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub intent: Intent,
    /// The day it was taken.
    pub decided: NaiveDate,
    /// The body or role that took it (council, CIO ...).
    pub by: Option<String>,
    pub reason: Option<String>,
    pub span: Span,
}

/// A business service the organisation delivers.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub criticality: Criticality,
    pub max_outage: Option<Duration>,
    /// Recovery time objective, when the organisation distinguishes it from `max_outage`.
    pub rto: Option<Duration>,
    /// How much recent data the service may lose.
    pub rpo: Option<Duration>,
    pub workaround: Option<Workaround>,
    pub users: u64,
    pub needs: Vec<Dependency>,
    pub span: Span,
}

/// What a scenario cuts off.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Cut {
    Vendor(VendorId),
    Jurisdiction(Region),
    System(SystemId),
}

/// One entry of a scenario's `cut`: what is cut, how, for how long.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioCut {
    pub target: Cut,
    pub kind: CutKind,
    /// How long an outage lasts, or how long until a lost system can be
    /// rebuilt; `None` for a withdrawal (and a loss rebuilt at once).
    pub duration: Option<Duration>,
}

impl ScenarioCut {
    /// A cut with the default kind of its target when none is given: a
    /// loss for a system; for a vendor or jurisdiction an outage when a
    /// duration is given, else a withdrawal.
    pub fn new(target: Cut, kind: Option<CutKind>, duration: Option<Duration>) -> ScenarioCut {
        let kind = kind.unwrap_or(match (&target, duration) {
            (Cut::System(_), _) => CutKind::Loss,
            (_, Some(_)) => CutKind::Outage,
            (_, None) => CutKind::Withdrawal,
        });
        ScenarioCut {
            target,
            kind,
            duration,
        }
    }
}

/// A price change of one vendor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceShock {
    pub vendor: VendorId,
    pub factor: f64,
}

/// A named emergency scenario.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub cuts: Vec<ScenarioCut>,
    pub prices: Vec<PriceShock>,
    pub span: Span,
}

word_enum!(
    /// Where a measure stands.
    MeasureStatus {
        Planned = "planned",
        Running = "running",
        Done = "done",
        Dropped = "dropped",
    }
);

/// Something the organisation decided and does (`[[measure]]`): the
/// record that progress reports compare with earlier recommendations.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Measure {
    pub id: String,
    pub name: String,
    /// Systems concerned, in model order of the list.
    pub systems: Vec<SystemId>,
    /// Contracts concerned.
    pub contracts: Vec<ContractId>,
    pub status: MeasureStatus,
    pub start: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub budget: Option<f64>,
    pub spent: Option<f64>,
    /// The role that owns it ("IT-Leitung").
    pub owner: Option<String>,
    pub note: Option<String>,
    pub span: Span,
}

/// The settings of the multi-year plan (`[plan]`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSettings {
    /// The first day of the plan; `None`: the first day of the quarter after
    /// the review date.
    pub start: Option<NaiveDate>,
    /// How far the plan looks ahead (default three years).
    pub horizon: Duration,
    /// Moves at once; `None`: the organisation's `parallel_migrations`.
    pub parallel_migrations: Option<u32>,
    /// Staff-months the team can spend on moves per quarter, if given.
    pub staff_months: Option<f64>,
    /// Money for moves per calendar year; `None`: no budget limit. A year
    /// of the horizon missing from a given budget has no money for moves.
    pub budget: Option<Vec<(i32, f64)>>,
    pub goal: PlanGoal,
    /// The sovereignty score to reach (goal `sovereignty`).
    pub target_score: Option<u8>,
    pub span: Span,
}
