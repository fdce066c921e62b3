//! Every word the review report says, in German and English.
//!
//! The report is written for a council member, the CIO and emergency
//! planners, most of whom read German (domain brief): German is the default
//! ([`Lang::De`]), English the alternative. This module holds
//!
//! - the fixed labels ([`Tr::l`], a table of key, German, English);
//! - the names of the model's and the analyses' words (criticality,
//!   contract status, lock-in factors, sovereignty dimensions and levels,
//!   concentration bands, simulation states, Data Act findings);
//! - number, money, percent, date and duration formats of each language
//!   (German: `1.957.600 €`, `33 %`, `01.12.2026`; English: `EUR 1,957,600`,
//!   `33%`, `1 Dec 2026`).
//!
//! The sentences of the report are put together in `render::page` from
//! these pieces; nothing here computes a number.

use crate::analysis::deadlines::Status;
use crate::analysis::simulate::State;
use crate::analysis::spend::Band;
use crate::model::{ContractKind, Criticality, Duration, Lang, Sensitivity};
use chrono::{Datelike, NaiveDate};

/// The translator of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr(pub Lang);

/// Fixed labels: key, German, English. Keys are sorted for the look-up.
const LABELS: &[(&str, &str, &str)] = &[
    ("act_by", "Handeln bis", "Act by"),
    ("annual_cost", "Kosten pro Jahr", "Annual cost"),
    ("article", "Vorschrift", "Article"),
    ("as_of", "Stichtag", "As of"),
    ("backup", "Sicherung bei", "Backup held by"),
    ("catalogue", "Im Katalog", "In the catalogue"),
    ("category", "Kategorie", "Category"),
    (
        "changes",
        "Veränderungen seit der letzten Prüfung",
        "Changes since the last review",
    ),
    ("contract", "Vertrag", "Contract"),
    ("contracts", "Verträge", "Contracts"),
    ("contracts_added", "Neue Verträge", "New contracts"),
    (
        "contracts_changed",
        "Geänderte Verträge",
        "Changed contracts",
    ),
    (
        "contracts_removed",
        "Entfallene Verträge",
        "Contracts no longer in the model",
    ),
    (
        "contracts_title",
        "Verträge und Fristen",
        "Contracts and deadlines",
    ),
    ("cost_once", "Einmalkosten", "One-off cost"),
    ("country", "Land", "Country"),
    ("criterion", "Kriterium", "Criterion"),
    ("critical_path", "Kritischer Pfad", "Critical path"),
    ("criticality", "Kritikalität", "Criticality"),
    ("currently", "jetzt", "now"),
    (
        "data_act",
        "Befunde nach dem EU Data Act",
        "EU Data Act findings",
    ),
    ("days_unit", "Tage", "days"),
    ("decide_by", "Entscheidung bis", "Decide by"),
    (
        "decisions_title",
        "Entscheidungen vor der nächsten Prüfung",
        "Decisions before the next review",
    ),
    ("default", "Standard", "Default"),
    ("description", "Beschreibung", "Description"),
    ("diagram_figure", "Abbildung", "Figure"),
    ("dimension", "Dimension", "Dimension"),
    ("direction", "Bewertung", "Reading"),
    ("down_from", "Ausfall ab", "Down from"),
    (
        "earliest_exit",
        "Frühestes erreichbares Ende",
        "Earliest reachable exit",
    ),
    ("exit_on", "Ausstieg zum", "Exit on"),
    ("exit_plans_title", "Ausstiegspläne", "Exit plans"),
    ("expected", "Erwartet", "Expected"),
    ("factor", "Faktor", "Factor"),
    (
        "files_title",
        "Dateien dieses Berichts",
        "Files of this report",
    ),
    ("finding", "Befund", "Finding"),
    ("finish_day", "Ende (Tag)", "Finish (day)"),
    ("generated_by", "Erstellt mit", "Made with"),
    ("hotspot", "Hotspot", "Hotspot"),
    (
        "hotspots_changes",
        "Veränderungen der Hotspot-Liste",
        "Changes of the hotspot list",
    ),
    (
        "hotspots_title",
        "Abhängigkeiten: die Lock-in-Hotspots",
        "Dependencies: the lock-in hotspots",
    ),
    ("impact", "Wirkung", "Impact"),
    (
        "in_critical_path",
        "auf dem kritischen Pfad",
        "on the critical path",
    ),
    ("jurisdiction", "Rechtsraum", "Jurisdiction"),
    ("key", "Schlüssel", "Key"),
    ("largest_factor", "Größter Faktor", "Largest factor"),
    ("level", "Stufe", "Level"),
    ("lockin", "Lock-in", "Lock-in"),
    ("max_outage", "Tolerierbar", "Max. outage"),
    ("meaning", "Bedeutung", "Meaning"),
    (
        "method_title",
        "Methode und Annahmen",
        "Method and assumptions",
    ),
    ("migration_p80", "Umstellung (P80)", "Migration (P80)"),
    ("moved", "verschoben", "moved"),
    ("next_exit", "Nächstes Vertragsende", "Next exit"),
    ("next_review", "nächste Prüfung", "next review"),
    ("no", "nein", "no"),
    ("notice_by", "Kündigung bis", "Notice by"),
    ("of_which_overdue", "davon überfällig", "of which overdue"),
    ("operator", "Betreiber", "Operator"),
    (
        "overview_title",
        "Das Wichtigste in Kürze",
        "Summary for the council",
    ),
    ("p80_switch", "Wechsel (P80)", "Switch (P80)"),
    ("points", "Punkte", "Points"),
    ("previous", "vorher", "before"),
    (
        "pulled_down_by",
        "Was die Bewertung senkt",
        "What pulls the score down",
    ),
    ("rank", "Rang", "Rank"),
    ("restore", "Wieder verfügbar nach", "Back after"),
    ("scenario", "Szenario", "Scenario"),
    ("scenarios_title", "Notfallszenarien", "Emergency scenarios"),
    ("score", "Lock-in", "Lock-in"),
    ("sensitivity", "Schutzbedarf", "Sensitivity"),
    ("service", "Dienst", "Service"),
    ("share", "Anteil", "Share"),
    ("share_met", "Erfüllt", "Met"),
    (
        "single_point",
        "Dienste (kritisch oder hoch), die sie allein stoppt",
        "Services (critical or high) it alone can stop",
    ),
    (
        "sovereignty_title",
        "Souveränitäts-Selbstprüfung",
        "Sovereignty self-check",
    ),
    (
        "spend_title",
        "Ausgaben und Konzentration",
        "Spend and concentration",
    ),
    ("start_day", "Start (Tag)", "Start (day)"),
    ("state", "Zustand", "State"),
    ("status", "Status", "Status"),
    ("stranded", "Gestrandete Daten", "Stranded data"),
    ("system", "System", "System"),
    ("systems", "Systeme", "Systems"),
    ("systems_added", "Neue Systeme", "New systems"),
    (
        "systems_changed",
        "Systeme mit verändertem Lock-in",
        "Systems whose lock-in changed",
    ),
    ("systems_down", "Ausgefallene Systeme", "Systems down"),
    (
        "systems_removed",
        "Entfallene Systeme",
        "Systems no longer in the model",
    ),
    (
        "title",
        "Wechselbereitschaftsprüfung",
        "Switch-readiness review",
    ),
    ("toc", "Inhalt", "Contents"),
    ("total", "Summe", "Total"),
    ("value", "Wert", "Value"),
    ("vendor", "Anbieter", "Vendor"),
    ("vendor_group", "Anbietergruppe", "Vendor group"),
    ("vendors", "Anbieter", "Vendors"),
    ("vendors_added", "Neue Anbieter", "New vendors"),
    (
        "vendors_removed",
        "Entfallene Anbieter",
        "Vendors no longer in the model",
    ),
    ("volume", "Datenmenge", "Volume"),
    ("yes", "ja", "yes"),
];

/// German meanings of the coefficients of `[defaults.switch]` and
/// `[defaults.lockin]` (the English ones come with the values).
const MEANINGS_DE: &[(&str, &str)] = &[
    (
        "alternative_in_use_factor",
        "Faktor auf die Basistage, wenn die gewählte Alternative schon im Einsatz ist",
    ),
    (
        "alternatives",
        "Höchstpunkte, wenn keine vertrauenswürdige Alternative bekannt ist",
    ),
    (
        "base_days",
        "Basis-Projekttage (Ausschreibung, Aufbau, Pilot, Umstellung) einer Kategorie ohne eigene Zeile",
    ),
    (
        "closed_export_factor",
        "Faktor auf die Datenmigration, wenn nur geschlossene oder undokumentierte Exporte bestehen",
    ),
    (
        "closed_format_factor",
        "Faktor auf die Datenmigration, wenn die Daten in einem geschlossenen Format liegen",
    ),
    (
        "contract_terms",
        "Höchstpunkte für lange Kündigungsfristen, automatische Verlängerung und fehlende Frist zum Datenabruf",
    ),
    (
        "cost_per_day",
        "Kosten je Projekttag für Basis-, Schnittstellen- und Datenarbeit (EUR)",
    ),
    (
        "cost_per_user",
        "Wechselkosten je geschulter Person (EUR) einer Kategorie ohne eigene Zeile",
    ),
    (
        "criticality",
        "Höchstpunkte für die höchste Kritikalität des Systems und der Dienste, die darauf beruhen",
    ),
    (
        "customisation_high",
        "Faktor auf die Dauer bei Anpassungsgrad hoch",
    ),
    (
        "customisation_low",
        "Faktor auf die Dauer bei Anpassungsgrad niedrig",
    ),
    (
        "customisation_medium",
        "Faktor auf die Dauer bei Anpassungsgrad mittel",
    ),
    (
        "customisation_none",
        "Faktor auf die Dauer ohne Anpassungen",
    ),
    (
        "data_days",
        "Tage Datenmigration je Verdopplung der Datenmenge (in Einheiten von data_gb_unit)",
    ),
    (
        "data_gb_unit",
        "Einheit der Datenmenge in GB für die Datenmigration",
    ),
    (
        "data_portability",
        "Höchstpunkte für geschlossene Formate, fehlenden Export und Datenmenge",
    ),
    (
        "dependents_half",
        "Gewichtete Zahl abhängiger Systeme und Dienste (direkt 1, indirekt 0,5), bei der der Anteil halb voll ist",
    ),
    (
        "impact_floor",
        "Anteil des Lock-in-Werts, den ein System im Hotspot-Ranking behält, wenn nichts darauf beruht",
    ),
    (
        "integrations_half",
        "Gewichtete Schnittstellenzahl (proprietär 2, offen 1), bei der der Schnittstellenanteil halb voll ist",
    ),
    (
        "interfaces",
        "Höchstpunkte für Schnittstellen (proprietäre zählen doppelt) und abhängige Systeme",
    ),
    (
        "jurisdiction",
        "Höchstpunkte für Betreiber, Hersteller und Standort außerhalb der vertrauenswürdigen Rechtsräume",
    ),
    ("licence", "Punkte für eine proprietäre Lizenz"),
    (
        "no_export_factor",
        "Faktor auf die Datenmigration, wenn das System ausdrücklich keinen Export hat",
    ),
    (
        "notice_full_months",
        "Kündigungsfrist in Monaten, die den vollen Fristanteil der Vertragsbedingungen ergibt",
    ),
    (
        "open_interface_days",
        "Tage für den Neubau einer Schnittstelle mit offenem Protokoll oder Format",
    ),
    (
        "optimistic_factor",
        "Optimistische Schätzung als Anteil der wahrscheinlichen (höchstens 1)",
    ),
    (
        "pessimistic_factor",
        "Pessimistische Schätzung als Vielfaches der wahrscheinlichen (mindestens 1)",
    ),
    (
        "proprietary_interface_days",
        "Tage für den Neubau einer Schnittstelle mit geschlossenem Protokoll oder Format",
    ),
    (
        "shared_format_factor",
        "Faktor auf die Datenmigration, wenn die Alternative ein offenes Exportformat des Systems liest",
    ),
    (
        "switch_full_ratio",
        "Wechseldauer (P80) als Vielfaches des Wechselziels, die die vollen Punkte ergibt",
    ),
    (
        "switch_time",
        "Höchstpunkte für eine Wechseldauer (P80) weit über dem Wechselziel",
    ),
    (
        "training_days",
        "Schulungs- und Einführungstage je Verdopplung der Zahl der Schulungswellen",
    ),
    (
        "users_per_wave",
        "Personen, die in einer Welle geschult werden",
    ),
    (
        "vendor_spend",
        "Anbieterwert: Höchstpunkte für den Anteil der Gruppe an den jährlichen Ausgaben",
    ),
    (
        "vendor_spend_full_share",
        "Ausgabenanteil (0 bis 1), bei dem der Ausgabenanteil des Anbieterwerts voll ist",
    ),
    (
        "vendor_spof",
        "Anbieterwert: Höchstpunkte für den Anteil kritischer Dienste, die der Anbieter allein stoppen kann",
    ),
    (
        "vendor_systems",
        "Anbieterwert: Höchstpunkte für den Lock-in des am stärksten gebundenen Systems",
    ),
    (
        "volume_full_gb",
        "Datenmenge in GB, bei der der Mengenanteil der Datenportabilität voll ist (log10 ab 1 GB)",
    ),
];

impl Tr {
    pub fn lang(self) -> Lang {
        self.0
    }

    fn de(self) -> bool {
        self.0 == Lang::De
    }

    /// Picks the German or the English text.
    pub fn pick<'a>(self, de: &'a str, en: &'a str) -> &'a str {
        if self.de() { de } else { en }
    }

    /// A fixed label. An unknown key is a defect of the report code: tests
    /// fail on it (debug builds); a release build shows the key.
    pub fn l(self, key: &'static str) -> &'static str {
        match LABELS.binary_search_by(|(k, _, _)| k.cmp(&key)) {
            Ok(i) => {
                let (_, de, en) = LABELS[i];
                if self.de() { de } else { en }
            }
            Err(_) => {
                debug_assert!(false, "no label `{key}`");
                key
            }
        }
    }

    /// The meaning of a coefficient; `en` is the English meaning that comes
    /// with the value.
    pub fn meaning(self, key: &str, en: &'static str) -> &'static str {
        if !self.de() {
            return en;
        }
        MEANINGS_DE
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, de)| *de)
            .unwrap_or(en)
    }

    // ---- numbers --------------------------------------------------------

    /// A number with `decimals` decimals and thousands separators.
    pub fn num(self, x: f64, decimals: usize) -> String {
        let x = if x == 0.0 { 0.0 } else { x };
        let text = format!("{:.*}", decimals, x.abs());
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text.as_str(), None),
        };
        let (thousands, point) = if self.de() { ('.', ',') } else { (',', '.') };
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push(thousands);
            }
            out.push(c);
        }
        if let Some(f) = frac {
            out.push(point);
            out.push_str(f);
        }
        let negative = x < 0.0 && out.chars().any(|c| c.is_ascii_digit() && c != '0');
        if negative { format!("−{out}") } else { out }
    }

    /// A whole number with thousands separators.
    pub fn int(self, n: usize) -> String {
        self.num(n as f64, 0)
    }

    /// A number with at most one decimal, without a trailing `,0`.
    pub fn num1(self, x: f64) -> String {
        let r = (x * 10.0).round() / 10.0;
        if r.fract() == 0.0 {
            self.num(r, 0)
        } else {
            self.num(r, 1)
        }
    }

    /// Money without decimals: `1.957.600 €` / `EUR 1,957,600`.
    pub fn money(self, x: f64, currency: &str) -> String {
        let n = self.num(x.round(), 0);
        match (self.de(), currency) {
            (true, "EUR") => format!("{n} €"),
            (true, c) => format!("{n} {c}"),
            (false, c) => format!("{c} {n}"),
        }
    }

    /// A share (0..1) as a percentage: whole percent, one decimal below 10 %
    /// when it is not whole.
    pub fn pct(self, share: f64) -> String {
        let p = share * 100.0;
        let text = if p != 0.0 && p.abs() < 10.0 && ((p * 10.0).round() / 10.0).fract() != 0.0 {
            self.num(p, 1)
        } else {
            self.num(p, 0)
        };
        if self.de() {
            format!("{text} %")
        } else {
            format!("{text}%")
        }
    }

    /// A date: `01.12.2026` / `1 Dec 2026`.
    pub fn date(self, d: NaiveDate) -> String {
        if self.de() {
            d.format("%d.%m.%Y").to_string()
        } else {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
        }
    }

    /// An optional date; `–` when absent.
    pub fn odate(self, d: Option<NaiveDate>) -> String {
        d.map(|d| self.date(d)).unwrap_or_else(|| "–".into())
    }

    fn unit(self, n: f64, one_de: &str, many_de: &str, one_en: &str, many_en: &str) -> String {
        let text = self.num1(n);
        let one = (n - 1.0).abs() < 0.05;
        let word = match (self.de(), one) {
            (true, true) => one_de,
            (true, false) => many_de,
            (false, true) => one_en,
            (false, false) => many_en,
        };
        format!("{text} {word}")
    }

    /// A number of days as a reader thinks of it: days below 60, months
    /// below two years, else years (`45 Tage`, `10 Monate`, `4,3 Jahre`).
    pub fn span(self, days: f64) -> String {
        let days = days.max(0.0);
        if days < 60.0 {
            self.unit(days.ceil(), "Tag", "Tage", "day", "days")
        } else if days < 730.5 {
            let months = days / crate::model::duration::DAYS_PER_MONTH;
            let m = if months >= 10.0 {
                months.round()
            } else {
                months
            };
            self.unit(m, "Monat", "Monate", "month", "months")
        } else {
            self.unit(
                days / crate::model::duration::DAYS_PER_YEAR,
                "Jahr",
                "Jahre",
                "year",
                "years",
            )
        }
    }

    /// As [`Tr::span`], in the German dative after "nach" / "after":
    /// `4 Monaten`, `2,7 Jahren`, `1 Jahr`.
    pub fn span_dative(self, days: f64) -> String {
        let text = self.span(days);
        if !self.de() {
            return text;
        }
        for (nom, dat) in [
            (" Tage", " Tagen"),
            (" Monate", " Monaten"),
            (" Jahre", " Jahren"),
        ] {
            if let Some(head) = text.strip_suffix(nom) {
                return format!("{head}{dat}");
            }
        }
        text
    }

    /// Whole days: `30 Tage` / `30 days`.
    pub fn days(self, days: f64) -> String {
        self.unit(days.round(), "Tag", "Tage", "day", "days")
    }

    /// A calendar duration: `3 Monate`, `1 Jahr 6 Monate`.
    pub fn duration(self, d: Duration) -> String {
        let mut parts = Vec::new();
        let mut push = |n: u32, one_de: &str, many_de: &str, one_en: &str, many_en: &str| {
            if n > 0 {
                parts.push(self.unit(f64::from(n), one_de, many_de, one_en, many_en));
            }
        };
        push(d.years, "Jahr", "Jahre", "year", "years");
        push(d.months, "Monat", "Monate", "month", "months");
        push(d.weeks, "Woche", "Wochen", "week", "weeks");
        push(d.days, "Tag", "Tage", "day", "days");
        if parts.is_empty() {
            self.pick("0 Tage", "0 days").to_string()
        } else {
            parts.join(" ")
        }
    }

    /// A count with its noun: `1 Dienst`, `8 Dienste`.
    pub fn count(
        self,
        n: usize,
        one_de: &str,
        many_de: &str,
        one_en: &str,
        many_en: &str,
    ) -> String {
        let word = match (self.de(), n == 1) {
            (true, true) => one_de,
            (true, false) => many_de,
            (false, true) => one_en,
            (false, false) => many_en,
        };
        format!("{} {word}", self.int(n))
    }

    /// Items joined as prose: `A, B und C` / `A, B and C`.
    pub fn and_list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.pick("und", "and")),
        }
    }

    // ---- words of the model and the analyses ------------------------------

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
}

#[cfg(test)]
mod tests {
    use super::*;

    const DE: Tr = Tr(Lang::De);
    const EN: Tr = Tr(Lang::En);

    #[test]
    fn labels_are_sorted_unique_and_complete_in_both_languages() {
        for w in LABELS.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
        for (k, de, en) in LABELS {
            assert!(!de.is_empty() && !en.is_empty(), "{k}");
        }
        assert_eq!(DE.l("title"), "Wechselbereitschaftsprüfung");
        assert_eq!(EN.l("title"), "Switch-readiness review");
    }

    #[test]
    fn every_coefficient_has_a_german_meaning() {
        use crate::model::defaults::{LockinWeights, switch::SwitchCoefficients};
        for key in LockinWeights::KEYS.iter().chain(SwitchCoefficients::KEYS) {
            assert!(
                MEANINGS_DE.iter().any(|(k, _)| k == key),
                "no German meaning of `{key}`"
            );
        }
    }

    #[test]
    fn numbers_money_and_percent_follow_each_language() {
        assert_eq!(DE.money(1_957_600.0, "EUR"), "1.957.600 €");
        assert_eq!(EN.money(1_957_600.0, "EUR"), "EUR 1,957,600");
        assert_eq!(DE.money(950.0, "CHF"), "950 CHF");
        assert_eq!(DE.num(2756.4, 1), "2.756,4");
        assert_eq!(EN.num(-1234.5, 1), "−1,234.5");
        assert_eq!(DE.num(-0.01, 0), "0");
        assert_eq!(DE.pct(0.3494), "35 %");
        assert_eq!(EN.pct(0.3494), "35%");
        assert_eq!(DE.pct(0.0049), "0,5 %");
        assert_eq!(DE.pct(0.05), "5 %");
    }

    #[test]
    fn dates_and_durations_read_naturally() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(DE.date(d), "01.12.2026");
        assert_eq!(EN.date(d), "1 Dec 2026");
        assert_eq!(DE.duration(Duration::months(3)), "3 Monate");
        assert_eq!(EN.duration(Duration::months(1)), "1 month");
        assert_eq!(DE.span(30.0), "30 Tage");
        assert_eq!(DE.span(1.0), "1 Tag");
        assert_eq!(DE.span(305.0), "10 Monate");
        assert_eq!(DE.span(143.0), "4,7 Monate");
        assert_eq!(EN.span(1555.0), "4.3 years");
        assert_eq!(DE.span_dative(120.0), "3,9 Monaten");
        assert_eq!(DE.span_dative(365.25), "12 Monaten");
        assert_eq!(DE.span_dative(1000.0), "2,7 Jahren");
        assert_eq!(DE.span_dative(1.0), "1 Tag");
    }

    #[test]
    fn articles_use_the_german_citation() {
        assert_eq!(DE.article("Art. 25(2)(d)"), "Art. 25 Abs. 2 lit. d");
        assert_eq!(DE.article("Art. 29(1)"), "Art. 29 Abs. 1");
        assert_eq!(EN.article("Art. 29(1)"), "Art. 29(1)");
    }

    #[test]
    fn lists_read_as_prose() {
        let items = ["A".to_string(), "B".to_string(), "C".to_string()];
        assert_eq!(DE.and_list(&items), "A, B und C");
        assert_eq!(EN.and_list(&items[..1]), "A");
        assert_eq!(
            DE.count(1, "Dienst", "Dienste", "service", "services"),
            "1 Dienst"
        );
        assert_eq!(
            EN.count(8, "Dienst", "Dienste", "service", "services"),
            "8 services"
        );
    }
}
