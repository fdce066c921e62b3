//! The reasons the analyses give as data, in words: why a lock-in factor
//! gave its points, what pulls a sovereignty dimension down and how its
//! share was obtained, why a SEAL level is not higher, what a Data Act
//! finding is about, why a policy rule fails, and what limits a comparison.
//!
//! One function per reason type, one `match` arm per variant (no catch-all),
//! German and English side by side; numbers through the formatter.

use super::{Tr, say};
use crate::analysis::data_act::Issue;
use crate::analysis::deadlines::Status;
use crate::analysis::diff::Note;
use crate::analysis::lockin::{AlternativeTrust, ChainLink, Export, Reason, Stored};
use crate::analysis::policy::{ElementKind, RuleSource, Why};
use crate::analysis::seal::SealReason;
use crate::analysis::sovereignty::{Basis, PullReason};
use crate::model::Country;

fn countries(cs: &[Country]) -> String {
    cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
}

impl Tr {
    /// An ownership chain: `Microsoft Ireland Operations Ltd (IE) ->
    /// controlled by Microsoft Corporation (US)` / `… (IE) → gehört zu …`.
    pub fn chain(self, chain: &[ChainLink]) -> String {
        chain
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let text = format!("{} ({})", l.name, l.country);
                if i == 0 {
                    text
                } else {
                    say!(
                        self,
                        format!("gehört zu {text}"),
                        format!("controlled by {text}")
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(self.pick(" → ", " -> "))
    }

    /// A chain, or the organisation itself when there is none.
    pub fn party_chain(self, chain: Option<&[ChainLink]>) -> String {
        match chain {
            Some(c) => self.chain(c),
            None => self
                .pick("die Organisation selbst", "the organisation itself")
                .into(),
        }
    }

    /// An alternative with what keeps it from being trusted:
    /// `catalog:x (US)`, `nc (runs in US)`, `catalog:y (unknown)`.
    pub fn alternative_trust(self, a: &AlternativeTrust) -> String {
        let mut notes = Vec::new();
        if !a.known {
            notes.push(self.pick("unbekannt", "unknown").to_string());
        }
        if !a.outside.is_empty() {
            notes.push(countries(&a.outside));
        }
        if let Some(r) = a.untrusted_region {
            notes.push(say!(self, format!("läuft in {r}"), format!("runs in {r}")));
        }
        if notes.is_empty() {
            a.id.clone()
        } else {
            format!("{} ({})", a.id, notes.join("; "))
        }
    }

    /// Why a lock-in factor gave its points.
    pub fn factor_reason(self, r: &Reason) -> String {
        let n = |x: usize| self.int(x);
        match r {
            Reason::NoDataRecorded => self
                .pick(
                    "keine Daten, gespeicherten Formate oder Exporte erfasst",
                    "no data, stored formats or exports recorded",
                )
                .into(),
            Reason::DataPortability {
                export,
                stored,
                volume_gb,
            } => {
                let export = match export {
                    Export::NotDocumented => self
                        .pick("Export nicht dokumentiert", "export not documented")
                        .to_string(),
                    Export::None => self.pick("kein Export", "no export").to_string(),
                    Export::ClosedOnly { formats } => say!(
                        self,
                        format!("nur geschlossener Export ({})", formats.join(", ")),
                        format!("only closed export ({})", formats.join(", "))
                    ),
                    Export::Open { formats } => say!(
                        self,
                        format!("offener Export ({})", formats.join(", ")),
                        format!("open export ({})", formats.join(", "))
                    ),
                };
                let stored = match stored {
                    Stored::NotDocumented => self
                        .pick(
                            "gespeicherte Formate nicht dokumentiert",
                            "stored formats not documented",
                        )
                        .to_string(),
                    Stored::Open { formats } => say!(
                        self,
                        format!("gespeicherte Formate offen ({})", formats.join(", ")),
                        format!("stored formats open ({})", formats.join(", "))
                    ),
                    Stored::Closed { closed, of } => say!(
                        self,
                        format!(
                            "{} von {} gespeicherten Formaten geschlossen ({})",
                            n(closed.len()),
                            n(*of),
                            closed.join(", ")
                        ),
                        format!(
                            "{} of {} stored formats closed ({})",
                            n(closed.len()),
                            n(*of),
                            closed.join(", ")
                        )
                    ),
                };
                let volume = match volume_gb {
                    Some(gb) => say!(
                        self,
                        format!("{} GB Daten", self.num(*gb, 0)),
                        format!("{} GB of data", self.num(*gb, 0))
                    ),
                    None => self
                        .pick("keine Datenmenge erfasst", "no data volume recorded")
                        .to_string(),
                };
                format!("{export}; {stored}; {volume}")
            }
            Reason::Interfaces {
                interfaces,
                proprietary,
                direct_systems,
                direct_services,
                indirect_systems,
                indirect_services,
            } => say!(
                self,
                format!(
                    "{} ({} proprietär); darauf beruhen direkt {} und {}, indirekt {} und {}",
                    self.count(*interfaces, "Schnittstelle", "Schnittstellen", "", ""),
                    self.int(*proprietary),
                    self.systems(*direct_systems),
                    self.services(*direct_services),
                    self.systems(*indirect_systems),
                    self.services(*indirect_services)
                ),
                format!(
                    "{} ({} proprietary); relied on by {} and {} directly, {} and {} indirectly",
                    self.count(*interfaces, "", "", "interface", "interfaces"),
                    self.int(*proprietary),
                    self.systems(*direct_systems),
                    self.services(*direct_services),
                    self.systems(*indirect_systems),
                    self.services(*indirect_services)
                )
            ),
            Reason::NoAlternative {
                category,
                catalogue,
            } => {
                let head = self
                    .pick("keine Alternative erfasst", "no alternative recorded")
                    .to_string();
                if catalogue.is_empty() {
                    head
                } else {
                    say!(
                        self,
                        format!(
                            "{head} (der Katalog nennt {} für „{category}“)",
                            catalogue.join(", ")
                        ),
                        format!(
                            "{head} (the catalogue lists {} for `{category}`)",
                            catalogue.join(", ")
                        )
                    )
                }
            }
            Reason::OnlyUntrustedAlternatives { alternatives } => {
                let list: Vec<String> = alternatives
                    .iter()
                    .map(|a| self.alternative_trust(a))
                    .collect();
                say!(
                    self,
                    format!(
                        "nur Alternativen außerhalb der vertrauenswürdigen Rechtsräume: {}",
                        list.join(", ")
                    ),
                    format!(
                        "only alternatives exposed outside the trusted set: {}",
                        list.join(", ")
                    )
                )
            }
            Reason::TrustedAlternative { alternatives } => {
                let list: Vec<String> = alternatives.iter().map(|a| a.id.clone()).collect();
                say!(
                    self,
                    format!("vertrauenswürdige Alternative: {}", list.join(", ")),
                    format!("trusted alternative: {}", list.join(", "))
                )
            }
            Reason::SwitchTime {
                p80_days,
                given,
                target_days,
                full_ratio,
            } => {
                let source = if *given {
                    self.pick("im Modell angegeben", "given in the model")
                } else {
                    self.pick("parametrische Schätzung", "parametric estimate")
                };
                say!(
                    self,
                    format!(
                        "Wechseldauer (P80) {} ({source}) bei einem Ziel von {}; volle Punkte beim {}-Fachen des Ziels",
                        self.months_of(*p80_days),
                        self.months_of(*target_days),
                        self.num1(*full_ratio)
                    ),
                    format!(
                        "P80 switch time {} ({source}) against a target of {}; full points at {} times the target",
                        self.months_of(*p80_days),
                        self.months_of(*target_days),
                        self.num1(*full_ratio)
                    )
                )
            }
            Reason::NoContract => self
                .pick("kein Vertrag erfasst", "no contract recorded")
                .into(),
            Reason::ContractTerms {
                notice,
                renews,
                retrieval,
            } => {
                let mut parts = vec![say!(
                    self,
                    format!(
                        "Kündigungsfrist {} ({})",
                        self.duration(notice.notice),
                        notice.contract
                    ),
                    format!(
                        "notice {} ({})",
                        self.duration(notice.notice),
                        notice.contract
                    )
                )];
                parts.push(match renews {
                    Some(id) => say!(
                        self,
                        format!("verlängert sich automatisch ({id})"),
                        format!("renews automatically ({id})")
                    ),
                    None => self
                        .pick("keine automatische Verlängerung", "no automatic renewal")
                        .into(),
                });
                if let Some(r) = retrieval {
                    parts.push(match r.period {
                        None => say!(
                            self,
                            format!("keine Frist zum Datenabruf ({})", r.contract),
                            format!("no data retrieval period ({})", r.contract)
                        ),
                        Some(d) => say!(
                            self,
                            format!("Datenabruf nur {} ({})", self.duration(d), r.contract),
                            format!("data retrieval only {} ({})", self.duration(d), r.contract)
                        ),
                    });
                }
                parts.join("; ")
            }
            Reason::Jurisdiction {
                operator,
                operator_outside,
                vendor,
                vendor_outside,
                region,
                region_trusted,
            } => {
                let mark = |bad: &[Country]| {
                    if bad.is_empty() {
                        String::new()
                    } else {
                        say!(
                            self,
                            format!(
                                " [außerhalb der vertrauenswürdigen Rechtsräume: {}]",
                                countries(bad)
                            ),
                            format!(" [outside the trusted set: {}]", countries(bad))
                        )
                    }
                };
                let op = match operator {
                    None => self
                        .pick("selbst betrieben", "operated in-house")
                        .to_string(),
                    Some(c) => say!(
                        self,
                        format!("betrieben von {}", self.chain(c)),
                        format!("operated by {}", self.chain(c))
                    ),
                };
                let ven = match vendor {
                    None => self.pick("selbst entwickelt", "made in-house").to_string(),
                    Some(c) => say!(
                        self,
                        format!("hergestellt von {}", self.chain(c)),
                        format!("made by {}", self.chain(c))
                    ),
                };
                let untrusted = if *region_trusted {
                    ""
                } else {
                    self.pick(" [nicht vertrauenswürdig]", " [not trusted]")
                };
                say!(
                    self,
                    format!(
                        "{op}{}; {ven}{}; läuft in {region}{untrusted}",
                        mark(operator_outside),
                        mark(vendor_outside)
                    ),
                    format!(
                        "{op}{}; {ven}{}; runs in {region}{untrusted}",
                        mark(operator_outside),
                        mark(vendor_outside)
                    )
                )
            }
            Reason::Licence { open_source } => if *open_source {
                self.pick("Open Source", "open source")
            } else {
                self.pick("proprietär", "proprietary")
            }
            .into(),
            Reason::Criticality {
                criticality,
                service,
                services,
            } => {
                let who = match service {
                    None => say!(
                        self,
                        format!("System ist {}", self.criticality(*criticality)),
                        format!("system is {}", self.criticality(*criticality))
                    ),
                    Some(s) => say!(
                        self,
                        format!("Dienst {s} ist {}", self.criticality(*criticality)),
                        format!("service {s} is {}", self.criticality(*criticality))
                    ),
                };
                say!(
                    self,
                    format!(
                        "{who} ({} {} darauf)",
                        self.services(*services),
                        if *services == 1 { "beruht" } else { "beruhen" }
                    ),
                    format!(
                        "{who} ({} rest{} on it)",
                        self.services(*services),
                        if *services == 1 { "s" } else { "" }
                    )
                )
            }
            Reason::MostLockedIn {
                system,
                score,
                systems,
            } => match system {
                None => self
                    .pick("kein System im Einsatz", "no in-use system")
                    .into(),
                Some(s) => say!(
                    self,
                    format!(
                        "am stärksten gebunden ist {s} mit {} von 100 ({} im Einsatz)",
                        self.num1(*score),
                        self.systems(*systems)
                    ),
                    format!(
                        "most locked-in system {s} scores {} of 100 ({} in use)",
                        self.num1(*score),
                        self.systems(*systems)
                    )
                ),
            },
            Reason::SpendShare { share, full_share } => say!(
                self,
                format!(
                    "{} der jährlichen Ausgaben; volle Punkte ab {}",
                    self.pct(*share),
                    self.pct(*full_share)
                ),
                format!(
                    "{} of annual spend; full points at {}",
                    self.pct(*share),
                    self.pct(*full_share)
                )
            ),
            Reason::SinglePoints { services, critical } => say!(
                self,
                format!(
                    "{} von {} kritischen Diensten fallen aus, wenn allein diese Anbietergruppe wegfällt",
                    self.int(*services),
                    self.int(*critical)
                ),
                format!(
                    "{} of {} critical services fail if this vendor group alone is cut",
                    self.int(*services),
                    self.int(*critical)
                )
            ),
        }
    }

    /// Why something pulls a sovereignty dimension down.
    pub fn pull_reason(self, r: &PullReason) -> String {
        match r {
            PullReason::RunsOutsideTrusted { region } => say!(
                self,
                format!("läuft in {region} (nicht vertrauenswürdig)"),
                format!("runs in {region} (not trusted)")
            ),
            PullReason::OperatedFromOutside { operator } => say!(
                self,
                format!("betrieben von {}", self.chain(operator)),
                format!("operated by {}", self.chain(operator))
            ),
            PullReason::SwitchTooLong {
                p80_days,
                given,
                target_days,
            } => {
                let source = if *given {
                    self.pick("im Modell angegeben", "given in the model")
                } else {
                    self.pick("parametrische Schätzung", "parametric estimate")
                };
                say!(
                    self,
                    format!(
                        "Wechseldauer (P80) {} ({source}) über dem Ziel von {}",
                        self.months_of(*p80_days),
                        self.months_of(*target_days)
                    ),
                    format!(
                        "P80 switch time {} ({source}) exceeds the target of {}",
                        self.months_of(*p80_days),
                        self.months_of(*target_days)
                    )
                )
            }
            PullReason::OperatedByVendor { vendor } => say!(
                self,
                format!("betrieben von {vendor}"),
                format!("operated by {vendor}")
            ),
            PullReason::ProprietaryInterface { from, to, protocol } => {
                let via = protocol
                    .as_deref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default();
                say!(
                    self,
                    format!("proprietäre Schnittstelle von {from} zu {to}{via}"),
                    format!("proprietary interface from {from} to {to}{via}")
                )
            }
            PullReason::ClosedFormats { formats } => say!(
                self,
                format!(
                    "speichert Daten im geschlossenen Format {}",
                    formats.join(", ")
                ),
                format!("stores its data in closed format {}", formats.join(", "))
            ),
            PullReason::NoExitPlan => self.pick("kein Ausstiegsplan", "no exit plan").into(),
            PullReason::NoAlternative => self.pick("keine Alternative", "no alternative").into(),
            PullReason::ExportNotDocumented => self
                .pick("Export nicht dokumentiert", "export not documented")
                .into(),
            PullReason::NoExport => self.pick("kein Export", "no export").into(),
        }
    }

    /// Several reasons in one line.
    pub fn pull_reasons(self, rs: &[PullReason]) -> String {
        rs.iter()
            .map(|r| self.pull_reason(r))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// How a dimension's share was obtained: `met` of `of`.
    pub fn basis(self, b: &Basis, met: usize, of: usize) -> String {
        let share = if of == 0 { 0.0 } else { met as f64 / of as f64 };
        let (met_s, of_s, pct) = (self.int(met), self.int(of), self.pct(share));
        match b {
            Basis::NothingToCount => self
                .pick(
                    "nichts zu zählen: das Modell erfasst nichts, worauf die Dimension schaut; sie erhält 1 Punkt",
                    "nothing to count: the model records nothing this dimension looks at; it scores 1",
                )
                .into(),
            Basis::Data { sensitive } => {
                let what = if *sensitive {
                    self.pick(
                        "Systemen im Einsatz mit Daten des Schutzbedarfs hoch oder sehr hoch",
                        "in-use systems holding data of sensitivity high or critical",
                    )
                } else {
                    self.pick(
                        "Systemen im Einsatz mit Daten (keines hat Daten des Schutzbedarfs hoch oder sehr hoch)",
                        "in-use systems with data (none holds data of sensitivity high or critical)",
                    )
                };
                say!(
                    self,
                    format!("{met_s} von {of_s} {what} laufen in einem vertrauenswürdigen Rechtsraum unter einem Betreiber ohne fremdes Recht ({pct})"),
                    format!("{met_s} of {of_s} {what} run in a trusted region under an operator free of untrusted jurisdictions ({pct})")
                )
            }
            Basis::Technology { target_days } => say!(
                self,
                format!(
                    "{met_s} von {of_s} Kernsystemen lassen sich innerhalb von {} (Wechselziel) ersetzen, 80. Perzentil ({pct})",
                    self.months_of(*target_days)
                ),
                format!(
                    "{met_s} of {of_s} core systems can be replaced within {} (switch_target) at the 80th percentile ({pct})",
                    self.months_of(*target_days)
                )
            ),
            Basis::Declared { value, own } => {
                let computed = if of == 0 {
                    String::new()
                } else {
                    let share = self.pct(*own as f64 / of as f64);
                    let band = crate::analysis::sovereignty::band(*own, of);
                    say!(
                        self,
                        format!(
                            "; der Anteil selbst betriebener Kernsysteme wäre {share} ({} von {of_s}, {band} Punkte)",
                            self.int(*own)
                        ),
                        format!(
                            "; the share of core systems operated in-house would be {share} ({} of {of_s}, score {band})",
                            self.int(*own)
                        )
                    )
                };
                say!(
                    self,
                    format!("angegeben: [organisation] it_competence = {value} (Selbsteinschätzung; der gezeigte Anteil ist die untere Grenze ihres Bands){computed}"),
                    format!("declared: [organisation] it_competence = {value} (self-assessment; the share shown is the lower edge of its band){computed}")
                )
            }
            Basis::InHouse => say!(
                self,
                format!("berechnet (keine it_competence angegeben): {met_s} von {of_s} Kernsystemen betreibt die Organisation selbst ({pct})"),
                format!("computed (no it_competence declared): {met_s} of {of_s} core systems are operated by the organisation itself ({pct})")
            ),
            Basis::Standards { interfaces, pairs } => say!(
                self,
                format!(
                    "{met_s} von {of_s} sind offen: {} zwischen Systemen im Einsatz und {} Paare (System, gespeichertes Format) ({pct})",
                    self.count(*interfaces, "Schnittstelle", "Schnittstellen", "", ""),
                    self.int(*pairs)
                ),
                format!(
                    "{met_s} of {of_s} are open: {} between in-use systems and {} (system, stored format) pairs ({pct})",
                    self.count(*interfaces, "", "", "interface", "interfaces"),
                    self.int(*pairs)
                )
            ),
            Basis::Governance => say!(
                self,
                format!("{met_s} von {of_s} Kernsystemen haben einen Ausstiegsplan, eine Alternative und ein Exportformat ({pct})"),
                format!("{met_s} of {of_s} core systems have an exit plan, an alternative and an export format ({pct})")
            ),
        }
    }

    /// The name of a SEAL level (0 to 4; above 4 reads as 4).
    pub fn seal_name(self, level: u8) -> &'static str {
        match level {
            0 => self.pick("Keine Souveränität", "No sovereignty"),
            1 => self.pick("Rechtliche Souveränität", "Jurisdictional sovereignty"),
            2 => self.pick("Datensouveränität", "Data sovereignty"),
            3 => self.pick("Digitale Resilienz", "Digital resilience"),
            _ => self.pick("Volle digitale Souveränität", "Full digital sovereignty"),
        }
    }

    /// Why a system has its SEAL level.
    pub fn seal_reason(self, r: &SealReason) -> String {
        match r {
            SealReason::NonEuOperatorOnly { operator } => say!(
                self,
                format!(
                    "nur unter Kontrolle außerhalb der EU betrieben: {}",
                    self.party_chain(operator.as_deref())
                ),
                format!(
                    "operated under non-EU control only: {}",
                    self.party_chain(operator.as_deref())
                )
            ),
            SealReason::RunsOutsideEu { region } => say!(
                self,
                format!("läuft außerhalb der EU ({region})"),
                format!("runs outside the EU ({region})")
            ),
            SealReason::OperatorOutsideEu { operator } => say!(
                self,
                format!(
                    "die Kette des Betreibers reicht über die EU hinaus: {}",
                    self.party_chain(operator.as_deref())
                ),
                format!(
                    "operator's chain reaches outside the EU: {}",
                    self.party_chain(operator.as_deref())
                )
            ),
            SealReason::ProprietaryFromOutsideEu { vendor } => say!(
                self,
                format!(
                    "proprietäre Technik von außerhalb der EU: {}",
                    self.party_chain(vendor.as_deref())
                ),
                format!(
                    "proprietary technology from outside the EU: {}",
                    self.party_chain(vendor.as_deref())
                )
            ),
            SealReason::OpenSourceFromOutsideEu { vendor } => say!(
                self,
                format!(
                    "Open Source, aber außerhalb der EU hergestellt: {}",
                    self.party_chain(vendor.as_deref())
                ),
                format!(
                    "open source, but made outside the EU: {}",
                    self.party_chain(vendor.as_deref())
                )
            ),
            SealReason::ProprietaryLicence => self
                .pick("proprietäre Lizenz", "proprietary licence")
                .into(),
            SealReason::NoOpenExport => self
                .pick("kein offenes Exportformat", "no open export format")
                .into(),
            SealReason::FullyEu { holds_data } => if *holds_data {
                self.pick(
                    "in der EU betrieben, hergestellt und gehostet; Open Source mit offenem Export",
                    "operated, made and run in the EU; open source with an open export",
                )
            } else {
                self.pick(
                    "in der EU betrieben, hergestellt und gehostet; Open Source",
                    "operated, made and run in the EU; open source",
                )
            }
            .into(),
        }
    }

    /// A Data Act finding with its numbers.
    pub fn data_act_detail(self, issue: &Issue, currency: &str) -> String {
        match issue {
            Issue::NoticeTooLong { notice } => say!(
                self,
                format!(
                    "Kündigungsfrist {}, länger als die höchstens zulässigen zwei Monate",
                    self.duration(*notice)
                ),
                format!(
                    "notice period of {}, longer than the maximum of two months",
                    self.duration(*notice)
                )
            ),
            Issue::NoRetrievalPeriod => self
                .pick(
                    "keine Frist zum Datenabruf vereinbart (mindestens 30 Tage)",
                    "no data retrieval period agreed (at least 30 days)",
                )
                .into(),
            Issue::RetrievalTooShort { period } => say!(
                self,
                format!(
                    "nur {} zum Datenabruf, weniger als die geforderten 30 Tage",
                    self.duration(*period)
                ),
                format!(
                    "only {} to retrieve data, less than the 30 days required",
                    self.duration(*period)
                )
            ),
            Issue::SwitchingCharge { charge } => say!(
                self,
                format!(
                    "Wechselentgelt von {}, ab dem 12.01.2027 verboten",
                    self.money(*charge, currency)
                ),
                format!(
                    "switching charge of {}, banned from 12 Jan 2027",
                    self.money(*charge, currency)
                )
            ),
        }
    }

    /// Where a policy rule was set.
    pub fn rule_source(self, s: RuleSource) -> &'static str {
        match s {
            RuleSource::Model => self.pick("Modell", "model"),
            RuleSource::CommandLine => self.pick("Befehlszeile", "command line"),
        }
    }

    /// What a policy failure is about.
    pub fn element_kind(self, k: ElementKind) -> &'static str {
        match k {
            ElementKind::Contract => self.pick("Vertrag", "contract"),
            ElementKind::System => self.pick("System", "system"),
            ElementKind::Service => self.pick("Dienst", "service"),
            ElementKind::Organisation => self.pick("Organisation", "organisation"),
        }
    }

    /// Why an element fails a policy rule.
    pub fn why(self, w: &Why, currency: &str) -> String {
        match w {
            Why::DecisionDue {
                deadline,
                days,
                limit,
                as_of,
                status,
            } => {
                let date = self.odate(*deadline);
                let when = match days.signum() {
                    -1 => say!(
                        self,
                        format!(
                            "die Entscheidungsfrist {date} ist seit {} verstrichen",
                            self.days(-*days as f64)
                        ),
                        format!(
                            "the decision deadline {date} passed {} ago",
                            self.days(-*days as f64)
                        )
                    ),
                    0 => say!(
                        self,
                        format!("die Entscheidungsfrist {date} ist heute"),
                        format!("the decision deadline {date} is today")
                    ),
                    _ => say!(
                        self,
                        format!(
                            "die Entscheidungsfrist {date} ist in {}",
                            self.days(*days as f64)
                        ),
                        format!(
                            "the decision deadline {date} is in {}",
                            self.days(*days as f64)
                        )
                    ),
                };
                let missed = match status {
                    Status::Overdue => self.pick(
                        "; das nächste Vertragsende ist nicht mehr erreichbar",
                        "; the next exit is no longer reachable",
                    ),
                    _ => "",
                };
                say!(
                    self,
                    format!(
                        "{when} (Grenze: {}, Stichtag {}){missed}",
                        self.days(f64::from(*limit)),
                        self.date(*as_of)
                    ),
                    format!(
                        "{when} (limit: {}, as of {}){missed}",
                        self.days(f64::from(*limit)),
                        self.date(*as_of)
                    )
                )
            }
            Why::LockinAbove {
                score,
                limit,
                largest,
            } => {
                let list: Vec<String> = largest
                    .iter()
                    .map(|f| {
                        say!(
                            self,
                            format!(
                                "{} {} von {}",
                                self.factor(f.name),
                                self.dec1(f.points),
                                self.dec1(f.max)
                            ),
                            format!(
                                "{} {} of {}",
                                f.name.key(),
                                self.dec1(f.points),
                                self.dec1(f.max)
                            )
                        )
                    })
                    .collect();
                say!(
                    self,
                    format!(
                        "Lock-in-Wert {} liegt über der Grenze von {}; größte Faktoren: {}",
                        self.dec1(*score),
                        self.num1(*limit),
                        list.join(", ")
                    ),
                    format!(
                        "lock-in score {} is above the limit of {}; largest factors: {}",
                        self.dec1(*score),
                        self.num1(*limit),
                        list.join(", ")
                    )
                )
            }
            Why::SingleVendor {
                criticality,
                vendors,
            } => {
                let list: Vec<String> = vendors
                    .iter()
                    .map(|v| {
                        if v.day == 0 {
                            format!("{} ({})", v.vendor, v.country)
                        } else {
                            say!(
                                self,
                                format!(
                                    "{} ({}, nach {})",
                                    v.vendor,
                                    v.country,
                                    self.days(f64::from(v.day))
                                ),
                                format!(
                                    "{} ({}, after {})",
                                    v.vendor,
                                    v.country,
                                    self.days(f64::from(v.day))
                                )
                            )
                        }
                    })
                    .collect();
                say!(
                    self,
                    format!(
                        "Kritikalität {}; fällt aus, wenn ein Anbieter allein wegfällt: {}",
                        self.criticality(*criticality),
                        list.join(", ")
                    ),
                    format!(
                        "criticality {}; stops if one vendor alone is cut: {}",
                        self.criticality(*criticality),
                        list.join(", ")
                    )
                )
            }
            Why::DataAct {
                issue,
                article,
                code,
            } => say!(
                self,
                format!(
                    "{} (Data Act {}, {code})",
                    self.data_act_detail(issue, currency),
                    self.article(article)
                ),
                format!(
                    "{} (Data Act {article}, {code})",
                    self.data_act_detail(issue, currency)
                )
            ),
            Why::SovereigntyBelow {
                total,
                level,
                min,
                weakest,
            } => {
                let list: Vec<String> = weakest
                    .iter()
                    .map(|(d, s)| {
                        say!(
                            self,
                            format!("{} {s} von 5", self.dimension(*d)),
                            format!("{} {s} of 5", self.dimension(*d))
                        )
                    })
                    .collect();
                say!(
                    self,
                    format!(
                        "die Souveränitäts-Selbstprüfung ergibt {total} von 25 Punkten ({}), weniger als das Minimum von {min}; am schwächsten: {}",
                        self.level(*level),
                        list.join(", ")
                    ),
                    format!(
                        "the sovereignty self-check totals {total} of 25 ({}), below the minimum of {min}; weakest: {}",
                        self.level(*level),
                        list.join(", ")
                    )
                )
            }
            Why::NoExitPlan { criticality } => say!(
                self,
                format!(
                    "Kernsystem (im Einsatz, Kritikalität {}) ohne `exit_plan`; eintragen, wo sein Ausstiegsszenario dokumentiert ist",
                    self.criticality(*criticality)
                ),
                format!(
                    "core system (in use, criticality {}) has no `exit_plan`; record where its exit scenario is documented",
                    self.criticality(*criticality)
                )
            ),
        }
    }

    /// What limits a comparison of two snapshots.
    pub fn diff_note(self, n: &Note) -> String {
        match n {
            Note::OtherOrganisation { old, new } => say!(
                self,
                format!("die Stände gehören zu verschiedenen Organisationen: „{old}“ und „{new}“"),
                format!("the snapshots are of different organisations: `{old}` and `{new}`")
            ),
            Note::OtherCurrency { old, new } => say!(
                self,
                format!("Beträge vorher in {old}, nachher in {new}; verglichen wie geschrieben"),
                format!(
                    "money is in {old} before and in {new} after; amounts are compared as written"
                )
            ),
            Note::OtherHotspotTop { old, new, compared } => say!(
                self,
                format!(
                    "die Hotspot-Listen haben {} und {} Einträge; verglichen werden die ersten {}",
                    self.int(*old),
                    self.int(*new),
                    self.int(*compared)
                ),
                format!(
                    "the hotspot lists have {} and {} entries; the first {} are compared",
                    self.int(*old),
                    self.int(*new),
                    self.int(*compared)
                )
            ),
            Note::OtherMonteCarlo {
                old_runs,
                old_seed,
                new_runs,
                new_seed,
            } => say!(
                self,
                format!(
                    "die Fristen beruhen auf anderen Monte-Carlo-Einstellungen ({} Läufe, Startwert {old_seed} vorher; {} Läufe, Startwert {new_seed} nachher): Entscheidungsfristen können allein deshalb um ein, zwei Tage abweichen",
                    self.int(*old_runs),
                    self.int(*new_runs)
                ),
                format!(
                    "the deadlines used different Monte Carlo settings ({} runs, seed {old_seed} before; {} runs, seed {new_seed} after): decision deadlines may differ by a day or two for that alone",
                    self.int(*old_runs),
                    self.int(*new_runs)
                )
            ),
            Note::OtherHorizon { old, new } => say!(
                self,
                format!(
                    "der Horizont der Fristen war vorher {old} und ist nachher {new}: „fällig“ bedeutet Verschiedenes"
                ),
                format!(
                    "the deadline horizon was {old} before and {new} after: `due` means different things"
                )
            ),
        }
    }
}
