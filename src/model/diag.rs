//! Diagnostics: what is wrong with a model, where, and how to fix it.
//!
//! Following cargo-deny, validation never stops at the first problem: every
//! finding is collected as a [`Diagnostic`] with a stable kebab-case [`Code`]
//! (documented in `docs/diagnostics.md`), a primary span, optional secondary
//! spans ("first defined here") and a help text. The CLI renders them; this
//! module never prints.

use super::source::{Location, SourceMap, Span};
use serde::{Deserialize, Serialize};

pub mod excerpt;

/// How bad a finding is. Errors make a model unusable (exit code 2);
/// warnings are reported and the model is still analysed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal ),* $(,)?) => {
        /// Stable identifier of a kind of finding.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in documentation order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name shown to users.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$variant => $text, )*
                }
            }
        }
    };
}

codes! {
    /// The file is not valid TOML.
    TomlSyntax = "toml-syntax",
    /// A file could not be read.
    FileRead = "file-read",
    /// A key that the schema does not know (often a typo).
    UnknownKey = "unknown-key",
    /// A required key is missing.
    MissingKey = "missing-key",
    /// A value has the wrong TOML type.
    WrongType = "wrong-type",
    /// An id is not lowercase `a-z0-9-`.
    InvalidId = "invalid-id",
    /// Two entities of one kind share an id.
    DuplicateId = "duplicate-id",
    /// A reference names an entity that does not exist.
    UnknownReference = "unknown-reference",
    /// A value is not one of the allowed words.
    InvalidValue = "invalid-value",
    /// A number is out of range (negative money, zero team size ...).
    InvalidNumber = "invalid-number",
    /// A date is not a plain calendar date.
    InvalidDate = "invalid-date",
    /// A duration cannot be read.
    InvalidDuration = "invalid-duration",
    /// A country code is not ISO 3166-1 alpha-2.
    InvalidCountry = "invalid-country",
    /// A contract ends before it starts.
    EndBeforeStart = "end-before-start",
    /// A contract has neither `end` nor `start` + `term`, or both.
    ContractTerm = "contract-term",
    /// Switch estimates are incomplete or out of order.
    SwitchEstimates = "switch-estimates",
    /// A scenario's cut has a duration it cannot have (a withdrawal) or lacks one it needs (an outage).
    CutDuration = "cut-duration",
    /// A vendor's `parent` chain loops back on itself.
    ParentCycle = "parent-cycle",
    /// A system depends on itself.
    SelfDependency = "self-dependency",
    /// An `any` group with no members.
    EmptyAnyGroup = "empty-any-group",
    /// Files include each other in a loop.
    IncludeCycle = "include-cycle",
    /// An included file does not exist.
    IncludeNotFound = "include-not-found",
    /// Includes nested too deeply, or an `[organisation]` in an included file with other keys.
    IncludeInvalid = "include-invalid",
    /// The model has no `[organisation]`.
    MissingOrganisation = "missing-organisation",
    /// An input exceeds a configured size limit.
    TooLarge = "too-large",
    /// Systems depend on each other in a cycle (warning).
    DependencyCycle = "dependency-cycle",
    /// An in-use system from an outside vendor has no contract (warning).
    NoContract = "no-contract",
    /// A contract covers a retired system (warning).
    ContractCoversRetired = "contract-covers-retired",
    /// A vendor nothing refers to (warning).
    UnusedVendor = "unused-vendor",
    /// A vendor stand-in left by an import, with an assumed country (warning).
    PlaceholderVendor = "placeholder-vendor",
    /// An in-use system or service relies on a retired or candidate system (warning).
    DependsOnInactive = "depends-on-inactive",
    /// A system category that is a near miss of a known category (warning).
    UnknownCategory = "unknown-category",
    /// An include pattern matched no file (warning).
    IncludeEmpty = "include-empty",
    /// A cloud contract's notice period exceeds the Data Act's two months (warning).
    DataActNotice = "data-act-notice",
    /// A cloud contract gives less than 30 days to retrieve data (warning).
    DataActRetrieval = "data-act-retrieval",
    /// A cloud contract charges for switching after 12 January 2027 (warning).
    DataActSwitchingCharge = "data-act-switching-charge",
    /// A contract ended before the review date (warning).
    ContractEnded = "contract-ended",
    /// A recorded decision is dated after the model's review date.
    DecisionInFuture = "decision-in-future",
    /// `notice_to` on a contract without `notice` (warning).
    NoticeToWithoutNotice = "notice-to-without-notice",
    /// A service's recovery time objective is longer than its maximum tolerable outage (warning).
    RtoAboveMaxOutage = "rto-above-max-outage",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{text}`")))
    }
}

/// One finding about a model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Where the problem is, with a short label, if it has a place.
    pub primary: Option<(Span, String)>,
    /// Related places ("first defined here").
    pub secondary: Vec<(Span, String)>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.primary = Some((span, label.into()));
        self
    }

    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.secondary.push((span, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The finding as plain data with line and column, for JSON output.
    pub fn to_record(&self, sources: &SourceMap) -> DiagnosticRecord {
        let loc = self.primary.as_ref().and_then(|(s, _)| sources.locate(*s));
        DiagnosticRecord {
            code: self.code,
            severity: self.severity,
            message: self.message.clone(),
            file: loc.as_ref().map(|l| l.file.clone()),
            line: loc.as_ref().map(|l| l.line),
            column: loc.as_ref().map(|l| l.column),
            label: self
                .primary
                .as_ref()
                .map(|(_, l)| l.clone())
                .filter(|l| !l.is_empty()),
            help: self.help.clone(),
            related: self
                .secondary
                .iter()
                .filter_map(|(s, label)| {
                    sources.locate(*s).map(|l| RelatedRecord {
                        message: label.clone(),
                        location: l,
                    })
                })
                .collect(),
        }
    }
}

/// A finding as data: what `--format json` prints.
#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticRecord {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What the terminal output writes under the place (e.g. "did you mean
    /// `microsoft`?").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedRecord>,
}

/// A secondary place of a finding.
#[derive(Clone, Debug, Serialize)]
pub struct RelatedRecord {
    pub message: String,
    #[serde(flatten)]
    pub location: Location,
}

/// Sorts findings for output: errors first, then by file, position and code,
/// so that two runs print the same order.
pub fn sort(diags: &mut [Diagnostic]) {
    // The message is borrowed: a clone per comparison cost an allocation each.
    fn key(
        d: &Diagnostic,
    ) -> (
        Severity,
        Option<(super::source::FileId, u32, u32)>,
        Code,
        &str,
    ) {
        (
            d.severity,
            d.primary.as_ref().map(|(s, _)| (s.file, s.start, s.end)),
            d.code,
            d.message.as_str(),
        )
    }
    diags.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The closest known name to a misspelt one, for "did you mean" hints.
pub fn did_you_mean<'a>(bad: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for k in known {
        let score = strsim::jaro_winkler(bad, k);
        if score > 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && k < b)) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(
                s.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'),
                "{s}"
            );
            assert!(seen.insert(s), "duplicate code {s}");
        }
    }

    #[test]
    fn did_you_mean_finds_near_misses_only() {
        let known = ["microsoft", "broadcom", "sap"];
        assert_eq!(
            did_you_mean("microsft", known.iter().copied()),
            Some("microsoft")
        );
        assert_eq!(did_you_mean("oracle", known.iter().copied()), None);
    }
}
