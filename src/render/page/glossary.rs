//! The glossary (the section before the method): the terms of the report a
//! council member may not know, each in one or two plain sentences, in the
//! words of the word list (`docs/review.md`).

use super::*;

/// The terms: German term, German meaning, English term, English meaning.
const TERMS: &[(&str, &str, &str, &str)] = &[
    (
        "Anbietergruppe",
        "Ein Anbieter mit allen Firmen, die er kontrolliert (Töchter werden mit der Mutter gezählt).",
        "Vendor group",
        "A vendor with every company it controls (subsidiaries count with their parent).",
    ),
    (
        "Ausstieg",
        "Alle Systeme und Verträge einer Anbietergruppe verlassen.",
        "Exit",
        "Leaving every system and contract of a vendor group.",
    ),
    (
        "Auswirkung (0 bis 1)",
        "Wie viel auf einem System beruht: die Dienste, die ausfallen, wenn es ausfällt, gewichtet nach ihrer Bedeutung.",
        "Impact (0 to 1)",
        "How much rests on a system: the services that stop when it stops, weighted by their importance.",
    ),
    (
        "brutto (Amortisation)",
        "Einmalkosten geteilt durch die wegfallenden Vertragskosten; die laufenden Kosten der Alternative sind nicht abgezogen.",
        "gross (payback)",
        "One-off cost divided by the contract costs that fall away; the running costs of the alternative are not deducted.",
    ),
    (
        "Entscheidungsfrist („Handeln bis“)",
        "Der letzte Tag, an dem ein Wechsel beginnen muss, damit er zum Vertragsende fertig ist.",
        "Decision deadline (“act by”)",
        "The last day a switch must start so that it is finished by the contract end.",
    ),
    (
        "Gestrandete Daten",
        "Daten, die ein ausgefallener Betreiber hält und von denen es keine Sicherung bei einem anderen gibt.",
        "Stranded data",
        "Data held by an operator that is cut off, with no backup held by anyone else.",
    ),
    (
        "HHI (0 bis 10.000)",
        "Herfindahl-Hirschman-Index: Summe der quadrierten Ausgabenanteile in Prozent. Unter 1.000 wenig, über 1.800 hoch konzentriert; 10.000 heißt: alles an einen Anbieter.",
        "HHI (0 to 10,000)",
        "Herfindahl-Hirschman index: the sum of the squared spend shares in percent. Below 1,000 unconcentrated, above 1,800 highly concentrated; 10,000 means everything goes to one vendor.",
    ),
    (
        "Hotspot-Wert",
        "Lock-in-Wert mal Auswirkung: wie schwer ein System zu ersetzen ist, gewichtet nach dem, was darauf beruht.",
        "Hotspot score",
        "Lock-in score times impact: how hard a system is to replace, weighted by what rests on it.",
    ),
    (
        "Lock-in-Wert (0 bis 100)",
        "Wie schwer ein System zu ersetzen ist, aus acht Faktoren (Datenexport, Schnittstellen, Alternativen, Wechseldauer, Vertrag, Rechtsraum, Lizenz, Bedeutung); 100 ist am schwersten.",
        "Lock-in score (0 to 100)",
        "How hard a system is to replace, from eight factors (data export, interfaces, alternatives, switch time, contract, jurisdiction, licence, importance); 100 is hardest.",
    ),
    (
        "Monte-Carlo-Simulation",
        "Die Wechseldauer wird tausendfach mit zufällig gezogenen Einzeldauern durchgerechnet; so entsteht eine Spanne statt einer einzigen Zahl.",
        "Monte Carlo simulation",
        "The switch time is computed thousands of times with randomly drawn task durations, giving a range instead of a single number.",
    ),
    (
        "P50, P80, P95",
        "Die Dauer, die in der Hälfte, in vier von fünf und in 19 von 20 Fällen eingehalten wird.",
        "P50, P80, P95",
        "The duration met in half, in four of five and in 19 of 20 cases.",
    ),
    (
        "PERT-Schätzung",
        "Eine Dauer aus drei Schätzungen (günstig, wahrscheinlich, ungünstig), die wahrscheinliche zählt vierfach.",
        "PERT estimate",
        "A duration from three estimates (optimistic, likely, pessimistic), the likely one counted four times.",
    ),
    (
        "Rechtsraum, vertrauenswürdiger",
        "Die Staaten, deren Recht die Organisation für ihre Daten akzeptiert (meist die EU). Maßgeblich ist, wer den Anbieter kontrolliert, nicht wo das Rechenzentrum steht.",
        "Trusted jurisdiction",
        "The states whose law the organisation accepts for its data (usually the EU). What counts is who controls the vendor, not where the data centre is.",
    ),
    (
        "Einzelner Ausfallpunkt",
        "Ein Anbieter, dessen Ausfall allein einen wichtigen Dienst stoppt.",
        "Single point of failure",
        "A vendor whose loss alone stops an important service.",
    ),
    (
        "Souveränitäts-Selbstprüfung (5 bis 25 Punkte)",
        "Fünf Dimensionen mit je 1 bis 5 Punkten nach dem kommunalen Leitfaden für digitale Souveränität: 5 bis 10 kritisch abhängig, 11 bis 18 hybrid, 19 bis 25 souverän auf Kurs.",
        "Sovereignty self-check (5 to 25 points)",
        "Five dimensions of 1 to 5 points each, after the municipal guide to digital sovereignty: 5 to 10 critically dependent, 11 to 18 hybrid, 19 to 25 sovereign on course.",
    ),
    (
        "Tolerierbare Ausfallzeit",
        "Wie lange ein Dienst höchstens ausfallen darf, wie das Modell es festlegt.",
        "Maximum tolerable outage",
        "How long a service may be down at most, as the model sets it.",
    ),
    (
        "Wechsel",
        "Ein System zu einem anderen Produkt oder Betreiber bringen (das Projekt, samt Datenmigration).",
        "Switch",
        "Moving a system to another product or operator (the project, data migration included).",
    ),
];

impl Builder<'_> {
    pub(super) fn glossary(&mut self) -> Vec<Block> {
        let tr = self.tr;
        let mut terms: Vec<(&str, &str)> = TERMS
            .iter()
            .map(|(de, dm, en, em)| if self.de() { (*de, *dm) } else { (*en, *em) })
            .collect();
        terms.sort_by_key(|(t, _)| t.to_lowercase());
        vec![Self::table(
            String::new(),
            vec![
                Cell::text(tr.pick("Begriff", "Term")),
                Cell::text(tr.pick("Bedeutung", "Meaning")),
            ],
            terms
                .into_iter()
                .map(|(t, m)| vec![Cell::text(t), Cell::text(m)])
                .collect(),
            String::new(),
        )]
    }
}
