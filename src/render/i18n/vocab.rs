//! The words of the model's and the analyses' enums in each language:
//! criticality, sensitivity, contract status and kind, sovereignty levels
//! and dimensions, lock-in factors, concentration bands, simulation states,
//! Data Act findings, layers.
//!
//! Every translation matches its enum exhaustively, without a catch-all
//! arm: a new variant does not compile until it has its words.

use super::{Tr, say};
use crate::analysis::data_act::Issue;
use crate::analysis::deadlines::Status;
use crate::analysis::exit_kind::StepKind;
use crate::analysis::lockin::{FactorName, ImpactHow};
use crate::analysis::simulate::State;
use crate::analysis::sovereignty::{DimensionKey, Level};
use crate::analysis::spend::Band;
use crate::model::{ContractKind, Criticality, ExitKind, Intent, Layer, Sensitivity};

/// The names of the common system categories (the built-in switch
/// estimates' rows and the catalogue's words), in German and English. A
/// category is a free word of the model: one not listed here is shown as
/// written.
const CATEGORIES: &[(&str, &str, &str)] = &[
    ("backup", "Datensicherung", "Backup"),
    ("chat", "Chat", "Chat"),
    ("collaboration", "Zusammenarbeit", "Collaboration"),
    ("crm", "Kundenmanagement (CRM)", "Customer management (CRM)"),
    ("database", "Datenbank", "Database"),
    (
        "dms",
        "Dokumentenmanagement (E-Akte)",
        "Document management",
    ),
    (
        "erp",
        "Finanz- und Ressourcenplanung (ERP)",
        "Enterprise resource planning (ERP)",
    ),
    ("file-sharing", "Dateiaustausch", "File sharing"),
    (
        "gis",
        "Geoinformationssystem",
        "Geographic information system",
    ),
    ("identity", "Identitätsmanagement", "Identity management"),
    ("mail", "E-Mail", "Mail"),
    ("network", "Netz", "Network"),
    ("office-suite", "Büroanwendungen", "Office suite"),
    ("os", "Betriebssystem", "Operating system"),
    ("other", "Sonstiges", "Other"),
    ("presentations", "Präsentationen", "Presentations"),
    (
        "project-management",
        "Projektmanagement",
        "Project management",
    ),
    ("security", "IT-Sicherheit", "Security"),
    ("social-media", "Soziale Medien", "Social media"),
    (
        "specialist-application",
        "Fachverfahren",
        "Specialist application",
    ),
    ("spreadsheets", "Tabellenkalkulation", "Spreadsheets"),
    ("storage", "Speicher", "Storage"),
    ("telephony", "Telefonie", "Telephony"),
    ("video", "Videokonferenz", "Video conferencing"),
    ("virtualisation", "Virtualisierung", "Virtualisation"),
    ("website", "Webauftritt", "Website"),
    ("word-processing", "Textverarbeitung", "Word processing"),
    ("workplace-suite", "Arbeitsplatz-Suite", "Workplace suite"),
];

impl Tr {
    /// The name of a system category for a reader: a common category in
    /// the report language, any other as written in the model.
    pub fn category(self, key: &str) -> String {
        match CATEGORIES.binary_search_by(|(k, _, _)| (*k).cmp(key)) {
            Ok(i) => self.pick(CATEGORIES[i].1, CATEGORIES[i].2).to_string(),
            Err(_) => key.to_string(),
        }
    }

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
            Status::Overdue => self.pick("Ende verpasst", "exit missed"),
            Status::Due => self.pick("zu entscheiden", "decide"),
            Status::Ok => self.pick("später", "later"),
            Status::Ended => self.pick("beendet", "ended"),
            Status::Mandated => self.pick("vorgeschrieben", "mandated"),
            Status::Renewed => self.pick("bewusst verlängert", "renewed on purpose"),
            Status::Leaving => self.pick("Ausstieg beschlossen", "exit decided"),
        }
    }

    /// The status of a contract in one short word, for narrow tables.
    pub fn contract_status_short(self, s: Status) -> &'static str {
        match s {
            Status::Overdue => self.pick("verpasst", "missed"),
            Status::Due => self.pick("entscheiden", "decide"),
            Status::Ok => self.pick("später", "later"),
            Status::Ended => self.pick("beendet", "ended"),
            Status::Mandated => self.pick("Vorgabe", "mandated"),
            Status::Renewed => self.pick("verlängert", "renewed"),
            Status::Leaving => self.pick("Ausstieg", "leaving"),
        }
    }

    /// How a contract or system is left.
    pub fn exit_kind(self, k: ExitKind) -> &'static str {
        match k {
            ExitKind::Replace => self.pick("Ablösung", "replace"),
            ExitKind::Rehost => self.pick("Umzug zu anderem Betreiber", "rehost"),
            ExitKind::Resupport => self.pick("anderer Wartungspartner", "resupport"),
            ExitKind::Insource => self.pick("Eigenbetrieb", "insource"),
        }
    }

    /// What one step of an exit plan does.
    pub fn step_kind(self, k: StepKind) -> &'static str {
        match k {
            StepKind::Replace => self.exit_kind(ExitKind::Replace),
            StepKind::Rehost => self.exit_kind(ExitKind::Rehost),
            StepKind::Resupport => self.exit_kind(ExitKind::Resupport),
            StepKind::Insource => self.exit_kind(ExitKind::Insource),
            StepKind::Decommission => self.pick("Abschaltung", "decommission"),
        }
    }

    /// What a recorded decision says.
    pub fn intent(self, i: Intent) -> &'static str {
        match i {
            Intent::Renew => self.pick("verlängern", "renew"),
            Intent::Exit => self.pick("aussteigen", "leave"),
            Intent::Review => self.pick("prüfen", "review"),
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

    /// A sovereignty level.
    pub fn level(self, level: Level) -> &'static str {
        match level {
            Level::CriticallyDependent => self.pick("kritisch abhängig", "critically dependent"),
            Level::Hybrid => self.pick("hybrid", "hybrid"),
            Level::SovereignOnCourse => self.pick("souverän auf Kurs", "sovereign on course"),
        }
    }

    /// The point range of a level.
    pub fn level_range(self, level: Level) -> &'static str {
        match level {
            Level::CriticallyDependent => self.pick("5 bis 10 Punkte", "5 to 10 points"),
            Level::Hybrid => self.pick("11 bis 18 Punkte", "11 to 18 points"),
            Level::SovereignOnCourse => self.pick("19 bis 25 Punkte", "19 to 25 points"),
        }
    }

    /// The name of a sovereignty dimension.
    pub fn dimension(self, key: DimensionKey) -> &'static str {
        match key {
            DimensionKey::Data => self.pick("Datensouveränität", "Data sovereignty"),
            DimensionKey::Technology => self.pick(
                "Technologische Unabhängigkeit",
                "Technological independence",
            ),
            DimensionKey::Competence => self.pick("Interne IT-Kompetenz", "Internal IT competence"),
            DimensionKey::Standards => self.pick(
                "Offene Standards und Schnittstellen",
                "Open standards and interfaces",
            ),
            DimensionKey::Governance => self.pick(
                "Governance und Ausstiegsstrategie",
                "Governance and exit strategy",
            ),
        }
    }

    /// What a dimension measures, in one phrase (`target` is the switch target).
    pub fn dimension_criterion(self, key: DimensionKey, target: &str) -> String {
        match key {
            DimensionKey::Data => self
                .pick(
                    "Systeme mit sensiblen Daten, die in einem vertrauenswürdigen Rechtsraum laufen und deren Betreiber keinem fremden Recht unterliegt",
                    "systems with sensitive data that run in a trusted jurisdiction under an operator free of foreign law",
                )
                .to_string(),
            DimensionKey::Technology => say!(
                self,
                format!("Kernsysteme, die sich innerhalb des Wechselziels ({target}) ersetzen lassen (80. Perzentil)"),
                format!("core systems that can be replaced within the switch target ({target}; 80th percentile)"),
            ),
            DimensionKey::Competence => self
                .pick(
                    "Selbsteinschätzung der IT-Kompetenz (sonst: selbst betriebene Kernsysteme)",
                    "self-assessed IT competence (else: core systems operated in-house)",
                )
                .to_string(),
            DimensionKey::Standards => self
                .pick(
                    "offene Schnittstellen und offene gespeicherte Datenformate",
                    "open interfaces and open stored data formats",
                )
                .to_string(),
            DimensionKey::Governance => self
                .pick(
                    "Kernsysteme mit Ausstiegsplan, Alternative und Exportformat",
                    "core systems with an exit plan, an alternative and an export format",
                )
                .to_string(),
        }
    }

    /// The name of a lock-in factor.
    pub fn factor(self, name: FactorName) -> &'static str {
        match name {
            FactorName::DataPortability => self.pick("Datenportabilität", "Data portability"),
            FactorName::Interfaces => self.pick("Schnittstellen", "Interfaces"),
            FactorName::Alternatives => self.pick("Fehlende Alternativen", "Missing alternatives"),
            FactorName::SwitchTime => self.pick("Wechseldauer", "Switch time"),
            FactorName::ContractTerms => self.pick("Vertragsbedingungen", "Contract terms"),
            FactorName::Jurisdiction => self.pick("Rechtsraum", "Jurisdiction"),
            FactorName::Licence => self.pick("Proprietäre Lizenz", "Proprietary licence"),
            FactorName::Criticality => self.pick("Kritikalität", "Criticality"),
            FactorName::Systems => {
                self.pick("Am stärksten gebundenes System", "Most locked-in system")
            }
            FactorName::Spend => self.pick("Ausgabenanteil", "Spend share"),
            FactorName::SinglePointOfFailure => {
                self.pick("Allein gefährdete Dienste", "Services it alone can stop")
            }
        }
    }

    /// A lock-in factor's name for a narrow table header; soft hyphens
    /// (U+00AD) let long German words break.
    pub fn factor_short(self, name: FactorName) -> &'static str {
        match name {
            FactorName::DataPortability => self.pick("Daten", "Data"),
            FactorName::Interfaces => self.pick("Schnitt\u{ad}stellen", "Inter\u{ad}faces"),
            FactorName::Alternatives => self.pick("Alter\u{ad}nativen", "Alter\u{ad}natives"),
            FactorName::SwitchTime => self.pick("Wechsel\u{ad}dauer", "Switch time"),
            FactorName::ContractTerms => self.pick("Vertrag", "Contract"),
            FactorName::Jurisdiction => self.pick("Rechts\u{ad}raum", "Juris\u{ad}diction"),
            FactorName::Licence => self.pick("Lizenz", "Licence"),
            FactorName::Criticality => self.pick("Kritika\u{ad}lität", "Criti\u{ad}cality"),
            FactorName::Systems | FactorName::Spend | FactorName::SinglePointOfFailure => {
                self.factor(name)
            }
        }
    }

    /// How an impact part counts.
    pub fn impact_how(self, how: ImpactHow) -> &'static str {
        match how {
            ImpactHow::OwnUse => self.pick("eigene Nutzung", "own use"),
            ImpactHow::FailsIfCut => self.pick("fällt mit aus", "fails if cut"),
            ImpactHow::DegradesOnly => self.pick("nur eingeschränkt", "degrades only"),
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
            State::Replaced => self.pick("rechtzeitig ersetzt", "replaced in time"),
            State::Unsupported => self.pick(
                "läuft ohne Herstellerunterstützung",
                "runs without vendor support",
            ),
            State::Degraded => self.pick("eingeschränkt", "degraded"),
        }
    }

    /// A Data Act finding in a few words (a table cell).
    pub fn data_act(self, issue: &Issue) -> &'static str {
        match issue {
            Issue::NoticeTooLong { .. } => self.pick(
                "Kündigungsfrist länger als die höchstens zulässigen zwei Monate",
                "notice period longer than the maximum of two months",
            ),
            Issue::NoRetrievalPeriod | Issue::RetrievalTooShort { .. } => self.pick(
                "keine oder eine zu kurze Frist zum Datenabruf (mindestens 30 Tage)",
                "no or too short a data retrieval period (at least 30 days)",
            ),
            Issue::SwitchingCharge { .. } => self.pick(
                "Wechselentgelt, ab dem 12.01.2027 verboten",
                "switching charge, banned from 12 Jan 2027",
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

#[cfg(test)]
mod category_tests {
    use super::CATEGORIES;
    use crate::model::Lang;
    use crate::render::i18n::Tr;

    #[test]
    fn categories_are_sorted_and_cover_the_built_in_estimates() {
        assert!(CATEGORIES.windows(2).all(|w| w[0].0 < w[1].0));
        for (key, ..) in crate::model::defaults::switch::BUILTIN_CATEGORIES {
            assert!(
                CATEGORIES.iter().any(|(k, _, _)| k == key),
                "{key} has no name"
            );
        }
        assert_eq!(Tr::new(Lang::De).category("os"), "Betriebssystem");
        assert_eq!(Tr::new(Lang::En).category("office-suite"), "Office suite");
        assert_eq!(Tr::new(Lang::De).category("kiosk"), "kiosk");
    }
}
