//! The words of the model's and the analyses' enums in each language:
//! criticality, sensitivity, contract status and kind, sovereignty levels
//! and dimensions, lock-in factors, concentration bands, simulation states,
//! Data Act findings, layers.
//!
//! Every translation matches its enum exhaustively, without a catch-all
//! arm: a new variant does not compile until it has its words.

use super::Tr;
use crate::analysis::deadlines::Status;
use crate::analysis::simulate::State;
use crate::analysis::spend::Band;
use crate::model::{ContractKind, Criticality, Lang, Layer, Sensitivity};

impl Tr {
    pub fn criticality(self, c: Criticality) -> &'static str {
        match c {
            Criticality::Critical => self.pick("kritisch", "critical"),
            Criticality::High => self.pick("hoch", "high"),
            Criticality::Medium => self.pick("mittel", "medium"),
            Criticality::Low => self.pick("niedrig", "low"),
        }
    }

    pub fn sensitivity(self, s: Sensitivity) -> &'static str {
        match s {
            Sensitivity::Critical => self.pick("sehr hoch", "critical"),
            Sensitivity::High => self.pick("hoch", "high"),
            Sensitivity::Normal => self.pick("normal", "normal"),
            Sensitivity::Low => self.pick("niedrig", "low"),
        }
    }

    pub fn contract_status(self, s: Status) -> &'static str {
        match s {
            Status::Overdue => self.pick("überfällig", "overdue"),
            Status::Due => self.pick("fällig", "due"),
            Status::Ok => self.pick("später", "later"),
            Status::Expired => self.pick("abgelaufen", "expired"),
        }
    }

    pub fn contract_kind(self, k: ContractKind) -> &'static str {
        match k {
            ContractKind::Licence => self.pick("Lizenz", "licence"),
            ContractKind::Subscription => self.pick("Abonnement", "subscription"),
            ContractKind::Cloud => self.pick("Cloud-Dienst", "cloud service"),
            ContractKind::Support => self.pick("Wartung", "support"),
            ContractKind::Hosting => self.pick("Hosting", "hosting"),
        }
    }

    /// A sovereignty level (`critically dependent`, `hybrid`, `sovereign on course`).
    pub fn level(self, level: &str) -> &'static str {
        match level {
            "critically dependent" => self.pick("kritisch abhängig", "critically dependent"),
            "hybrid" => self.pick("hybrid", "hybrid"),
            _ => self.pick("souverän auf Kurs", "sovereign on course"),
        }
    }

    /// The point range of a level.
    pub fn level_range(self, level: &str) -> &'static str {
        match level {
            "critically dependent" => self.pick("5 bis 10 Punkte", "5 to 10 points"),
            "hybrid" => self.pick("11 bis 18 Punkte", "11 to 18 points"),
            _ => self.pick("19 bis 25 Punkte", "19 to 25 points"),
        }
    }

    /// The name of a sovereignty dimension.
    pub fn dimension(self, key: &str) -> &'static str {
        match key {
            "data" => self.pick("Datensouveränität", "Data sovereignty"),
            "technology" => self.pick(
                "Technologische Unabhängigkeit",
                "Technological independence",
            ),
            "competence" => self.pick("Interne IT-Kompetenz", "Internal IT competence"),
            "standards" => self.pick(
                "Offene Standards und Schnittstellen",
                "Open standards and interfaces",
            ),
            _ => self.pick(
                "Governance und Ausstiegsstrategie",
                "Governance and exit strategy",
            ),
        }
    }

    /// What a dimension measures, in one phrase (`target` is the switch target).
    pub fn dimension_criterion(self, key: &str, target: &str) -> String {
        match key {
            "data" => self
                .pick(
                    "Systeme mit sensiblen Daten, die in einem vertrauenswürdigen Rechtsraum laufen und deren Betreiber keinem fremden Recht unterliegt",
                    "systems with sensitive data that run in a trusted jurisdiction under an operator free of foreign law",
                )
                .to_string(),
            "technology" => match self.0 {
                Lang::De => format!("Kernsysteme, die sich innerhalb des Wechselziels ({target}) ersetzen lassen (80. Perzentil)"),
                Lang::En => format!("core systems that can be replaced within the switch target ({target}; 80th percentile)"),
            },
            "competence" => self
                .pick(
                    "Selbsteinschätzung der IT-Kompetenz (sonst: selbst betriebene Kernsysteme)",
                    "self-assessed IT competence (else: core systems operated in-house)",
                )
                .to_string(),
            "standards" => self
                .pick(
                    "offene Schnittstellen und offene gespeicherte Datenformate",
                    "open interfaces and open stored data formats",
                )
                .to_string(),
            _ => self
                .pick(
                    "Kernsysteme mit Ausstiegsplan, Alternative und Exportformat",
                    "core systems with an exit plan, an alternative and an export format",
                )
                .to_string(),
        }
    }

    /// The name of a lock-in factor.
    pub fn factor(self, name: &str) -> &'static str {
        match name {
            "data_portability" => self.pick("Datenportabilität", "Data portability"),
            "interfaces" => self.pick("Schnittstellen", "Interfaces"),
            "alternatives" => self.pick("Fehlende Alternativen", "Missing alternatives"),
            "switch_time" => self.pick("Wechseldauer", "Switch time"),
            "contract_terms" => self.pick("Vertragsbedingungen", "Contract terms"),
            "jurisdiction" => self.pick("Rechtsraum", "Jurisdiction"),
            "licence" => self.pick("Proprietäre Lizenz", "Proprietary licence"),
            "criticality" => self.pick("Kritikalität", "Criticality"),
            "systems" => self.pick("Am stärksten gebundenes System", "Most locked-in system"),
            "spend" => self.pick("Ausgabenanteil", "Spend share"),
            "single_point_of_failure" => {
                self.pick("Allein gefährdete Dienste", "Services it alone can stop")
            }
            _ => self.pick("Sonstiges", "Other"),
        }
    }

    /// A lock-in factor's name for a narrow table header; soft hyphens
    /// (U+00AD) let long German words break.
    pub fn factor_short(self, name: &str) -> &'static str {
        match name {
            "data_portability" => self.pick("Daten", "Data"),
            "interfaces" => self.pick("Schnitt\u{ad}stellen", "Inter\u{ad}faces"),
            "alternatives" => self.pick("Alter\u{ad}nativen", "Alter\u{ad}natives"),
            "switch_time" => self.pick("Wechsel\u{ad}dauer", "Switch time"),
            "contract_terms" => self.pick("Vertrag", "Contract"),
            "jurisdiction" => self.pick("Rechts\u{ad}raum", "Juris\u{ad}diction"),
            "licence" => self.pick("Lizenz", "Licence"),
            "criticality" => self.pick("Kritika\u{ad}lität", "Criti\u{ad}cality"),
            _ => self.factor(name),
        }
    }

    pub fn band(self, b: Band) -> &'static str {
        match b {
            Band::NoSpend => self.pick("keine Ausgaben erfasst", "no spend recorded"),
            Band::Unconcentrated => self.pick("nicht konzentriert", "unconcentrated"),
            Band::Moderate => self.pick("mäßig konzentriert", "moderately concentrated"),
            Band::High => self.pick("hoch konzentriert", "highly concentrated"),
        }
    }

    pub fn state(self, s: State) -> &'static str {
        match s {
            State::Down => self.pick("fällt aus", "down"),
            State::Unsupported => self.pick(
                "läuft ohne Herstellerunterstützung",
                "runs without vendor support",
            ),
            State::Degraded => self.pick("eingeschränkt", "degraded"),
        }
    }

    /// A Data Act finding by its code.
    pub fn data_act(self, code: &str) -> &'static str {
        match code {
            "data-act-notice" => self.pick(
                "Kündigungsfrist länger als die höchstens zulässigen zwei Monate",
                "notice period longer than the maximum of two months",
            ),
            "data-act-retrieval" => self.pick(
                "keine oder eine zu kurze Frist zum Datenabruf (mindestens 30 Tage)",
                "no or too short a data retrieval period (at least 30 days)",
            ),
            _ => self.pick(
                "Wechselentgelt, ab dem 12.01.2027 unzulässig",
                "switching charge, not allowed from 12 Jan 2027",
            ),
        }
    }

    /// An article of a regulation: `Art. 25(2)(d)` reads `Art. 25 Abs. 2 lit. d` in German.
    pub fn article(self, article: &str) -> String {
        if !self.de() {
            return article.to_string();
        }
        let Some(rest) = article.strip_prefix("Art. ") else {
            return article.to_string();
        };
        let mut parts = rest.split('(').map(|p| p.trim_end_matches(')'));
        let mut out = format!("Art. {}", parts.next().unwrap_or_default());
        if let Some(p) = parts.next() {
            out.push_str(&format!(" Abs. {p}"));
        }
        if let Some(p) = parts.next() {
            out.push_str(&format!(" lit. {p}"));
        }
        out
    }

    /// The name of an architectural layer.
    pub fn layer(self, l: Layer) -> &'static str {
        match l {
            Layer::Infrastructure => self.pick("Infrastruktur", "Infrastructure"),
            Layer::Platform => self.pick("Plattform", "Platform"),
            Layer::Application => self.pick("Anwendung", "Application"),
            Layer::Data => self.pick("Daten", "Data"),
        }
    }
}
