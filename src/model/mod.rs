//! The landscape model: loading TOML, validating it, and the typed result.
//!
//! Pipeline: [`load`] reads the main file and its includes into raw values
//! that keep their spans (`raw`, `decode`), then `validate` resolves
//! references into typed ids and collects every problem as a [`Diagnostic`].
//! A model with errors is never handed to the analyses.

pub mod country;
pub(crate) mod decode;
pub mod defaults;
pub mod diag;
pub mod duration;
pub mod edit;
pub mod input;
pub mod load;
pub mod policy;
pub(crate) mod raw;
pub mod schema;
pub mod snapshot;
pub mod source;
pub mod terms;
pub mod types;
pub(crate) mod validate;

pub use country::{Country, Region, TrustSet};
pub use defaults::Defaults;
pub use diag::{Code, Diagnostic, Severity};
pub use duration::Duration;
pub use load::Limits;
pub use policy::Policy;
pub use source::{Location, SourceMap, Span};
pub use types::*;

use std::collections::HashMap;
use std::path::Path;

/// Look-up tables from user ids to typed ids.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Index {
    pub vendors: HashMap<String, u32>,
    pub systems: HashMap<String, u32>,
    pub interfaces: HashMap<String, u32>,
    pub formats: HashMap<String, u32>,
    pub contracts: HashMap<String, u32>,
    pub services: HashMap<String, u32>,
    pub scenarios: HashMap<String, u32>,
}

/// A validated landscape model.
///
/// Every field is (de)serialisable, so that a validated model can be kept
/// as a snapshot (`model::snapshot`): a field added here must be too, and
/// `snapshot` tests check that it comes back unchanged. The source texts
/// are not part of the snapshot; they are read from the files.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Model {
    pub organisation: Organisation,
    pub defaults: Defaults,
    /// The `[policy]` rules (none when the model has no `[policy]`).
    pub policy: Policy,
    /// The `[plan]` settings of the multi-year plan, if the model has them.
    pub plan: Option<PlanSettings>,
    pub vendors: Vec<Vendor>,
    pub systems: Vec<System>,
    pub interfaces: Vec<Interface>,
    pub formats: Vec<Format>,
    pub contracts: Vec<Contract>,
    pub services: Vec<Service>,
    pub scenarios: Vec<Scenario>,
    /// What the organisation decided and does (`[[measure]]`), model order.
    pub measures: Vec<Measure>,
    /// The files the model was read from.
    #[serde(skip)]
    pub sources: SourceMap,
    /// Warnings found while validating (errors prevent a model).
    pub warnings: Vec<Diagnostic>,
    pub(crate) index: Index,
}

/// Printed in id order, so that two equal indexes print the same.
impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn sorted(m: &HashMap<String, u32>) -> Vec<(&String, &u32)> {
            let mut v: Vec<(&String, &u32)> = m.iter().collect();
            v.sort_unstable();
            v
        }
        f.debug_struct("Index")
            .field("vendors", &sorted(&self.vendors))
            .field("systems", &sorted(&self.systems))
            .field("interfaces", &sorted(&self.interfaces))
            .field("formats", &sorted(&self.formats))
            .field("contracts", &sorted(&self.contracts))
            .field("services", &sorted(&self.services))
            .field("scenarios", &sorted(&self.scenarios))
            .finish()
    }
}

/// A model that could not be loaded: every finding, and the files for rendering them.
#[derive(Debug)]
pub struct LoadFailure {
    pub sources: SourceMap,
    /// Errors and warnings, sorted.
    pub diagnostics: Vec<Diagnostic>,
}

macro_rules! accessors {
    ($( $kind:literal, $field:ident, $ty:ident, $id:ident, $get:ident, $find:ident, $ids:ident );* $(;)?) => {
        impl Model {
            $(
                #[doc = concat!("The ", $kind, " with this typed id.")]
                pub fn $get(&self, id: $id) -> &$ty {
                    &self.$field[id.index()]
                }

                #[doc = concat!("Looks a ", $kind, " up by its user id.")]
                pub fn $find(&self, key: &str) -> Option<$id> {
                    self.index.$field.get(key).map(|&i| $id(i))
                }

                #[doc = concat!("Every ", $kind, ", in file order.")]
                pub fn $ids(&self) -> impl ExactSizeIterator<Item = $id> + '_ {
                    (0..self.$field.len() as u32).map($id)
                }
            )*
        }
    };
}

accessors! {
    "vendor", vendors, Vendor, VendorId, vendor, vendor_id, vendor_ids;
    "system", systems, System, SystemId, system, system_id, system_ids;
    "interface", interfaces, Interface, InterfaceId, interface, interface_id, interface_ids;
    "format", formats, Format, FormatId, format, format_id, format_ids;
    "contract", contracts, Contract, ContractId, contract, contract_id, contract_ids;
    "service", services, Service, ServiceId, service, service_id, service_ids;
    "scenario", scenarios, Scenario, ScenarioId, scenario, scenario_id, scenario_ids;
}

/// What kind of entity an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    System,
    Vendor,
    Contract,
    Service,
    Interface,
    Format,
    Scenario,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::System => "system",
            EntityKind::Vendor => "vendor",
            EntityKind::Contract => "contract",
            EntityKind::Service => "service",
            EntityKind::Interface => "interface",
            EntityKind::Format => "format",
            EntityKind::Scenario => "scenario",
        }
    }

    pub const ALL: [EntityKind; 7] = [
        EntityKind::System,
        EntityKind::Vendor,
        EntityKind::Contract,
        EntityKind::Service,
        EntityKind::Interface,
        EntityKind::Format,
        EntityKind::Scenario,
    ];
}

impl Model {
    /// Line and column of a span.
    pub fn locate(&self, span: Span) -> Option<Location> {
        self.sources.locate(span)
    }

    fn table(&self, kind: EntityKind) -> &HashMap<String, u32> {
        match kind {
            EntityKind::System => &self.index.systems,
            EntityKind::Vendor => &self.index.vendors,
            EntityKind::Contract => &self.index.contracts,
            EntityKind::Service => &self.index.services,
            EntityKind::Interface => &self.index.interfaces,
            EntityKind::Format => &self.index.formats,
            EntityKind::Scenario => &self.index.scenarios,
        }
    }

    /// The kinds that have an entity with this id (ids are unique per kind only).
    pub fn kinds_of(&self, key: &str) -> Vec<EntityKind> {
        EntityKind::ALL
            .into_iter()
            .filter(|k| self.table(*k).contains_key(key))
            .collect()
    }

    /// The closest existing id of a kind, for "did you mean" in CLI errors.
    pub fn suggest(&self, kind: EntityKind, key: &str) -> Option<String> {
        let mut keys: Vec<&str> = self.table(kind).keys().map(String::as_str).collect();
        keys.sort_unstable();
        diag::did_you_mean(key, keys.into_iter()).map(str::to_string)
    }

    /// Counts per kind.
    pub fn counts(&self) -> Counts {
        Counts {
            systems: self.systems.len(),
            vendors: self.vendors.len(),
            interfaces: self.interfaces.len(),
            formats: self.formats.len(),
            contracts: self.contracts.len(),
            services: self.services.len(),
            scenarios: self.scenarios.len(),
        }
    }

    /// The display name of a party (`self` is the organisation).
    pub fn party_name(&self, p: Party) -> &str {
        match p {
            Party::Own => &self.organisation.name,
            Party::Vendor(v) => &self.vendor(v).name,
        }
    }

    /// The user id of a party (`self` for the organisation).
    pub fn party_id(&self, p: Party) -> &str {
        match p {
            Party::Own => "self",
            Party::Vendor(v) => &self.vendor(v).id,
        }
    }
}

/// Number of entities per kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub systems: usize,
    pub vendors: usize,
    pub interfaces: usize,
    pub formats: usize,
    pub contracts: usize,
    pub services: usize,
    pub scenarios: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.systems
            + self.vendors
            + self.interfaces
            + self.formats
            + self.contracts
            + self.services
            + self.scenarios
    }
}

/// The default first day of a multi-year plan: the first day of the
/// quarter after the review date.
pub fn plan_start(as_of: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    let q = (as_of.month0() / 3 + 1) * 3; // first month (0-based) of the next quarter
    let (y, m) = if q >= 12 {
        (as_of.year() + 1, 0)
    } else {
        (as_of.year(), q)
    };
    chrono::NaiveDate::from_ymd_opt(y, m + 1, 1).unwrap_or(as_of)
}

/// Loads and validates a model file (and its includes) with default limits.
pub fn load(path: &Path) -> Result<Model, LoadFailure> {
    load_with(path, &Limits::default())
}

/// Loads and validates a model file with the given limits.
pub fn load_with(path: &Path, limits: &Limits) -> Result<Model, LoadFailure> {
    let mut loader = load::Loader::new(limits);
    loader.load_path(path);
    finish(loader, limits)
}

/// Loads like [`load_with`], and also tells how each include expanded
/// (what a snapshot of the model depends on besides the files' bytes).
pub(crate) fn load_traced(
    path: &Path,
    limits: &Limits,
) -> (Result<Model, LoadFailure>, Vec<load::Expansion>) {
    let mut loader = load::Loader::new(limits);
    loader.load_path(path);
    let expanded = std::mem::take(&mut loader.expanded);
    (finish(loader, limits), expanded)
}

/// Loads and validates a model from text; includes resolve relative to `path`.
pub fn load_str(
    name: &str,
    path: &Path,
    text: &str,
    limits: &Limits,
) -> Result<Model, LoadFailure> {
    let mut loader = load::Loader::new(limits);
    let canonical = path.to_path_buf();
    loader.load_text(
        name.to_string(),
        path,
        text.to_string(),
        true,
        &mut vec![canonical],
    );
    finish(loader, limits)
}

fn finish(loader: load::Loader<'_>, limits: &Limits) -> Result<Model, LoadFailure> {
    let load::Loader {
        sources,
        mut diags,
        raw,
        ..
    } = loader;
    let entities = raw.vendors.len()
        + raw.systems.len()
        + raw.interfaces.len()
        + raw.formats.len()
        + raw.contracts.len()
        + raw.services.len()
        + raw.scenarios.len();
    if entities > limits.max_entities {
        diags.push(
            Diagnostic::error(
                Code::TooLarge,
                format!(
                    "the model has {entities} entities, more than the limit of {}",
                    limits.max_entities
                ),
            )
            .help("raise the limit with --max-entities if this is intended"),
        );
    }
    let main_span = sources
        .files()
        .next()
        .map(|(id, f)| Span::new(id, 0..f.text.find('\n').unwrap_or(f.text.len())))
        .unwrap_or_default();
    // After a syntax error or an unreadable file, references into the lost
    // part would all be reported as unknown: skip validation then.
    let unreadable = diags
        .iter()
        .any(|d| matches!(d.code, Code::TomlSyntax | Code::FileRead | Code::TooLarge));
    let model = if unreadable || sources.is_empty() {
        None
    } else {
        validate::validate(raw, &mut diags, main_span)
    };
    let has_errors = diags.iter().any(Diagnostic::is_error);
    match model {
        Some(mut m) if !has_errors => {
            diag::sort(&mut diags);
            m.warnings = diags;
            m.sources = sources;
            Ok(m)
        }
        _ => {
            diag::sort(&mut diags);
            Err(LoadFailure {
                sources,
                diagnostics: diags,
            })
        }
    }
}
