//! The fixed labels of the report (headings, column heads) and the German
//! meanings of the coefficients of `[defaults.switch]` and `[defaults.lockin]`.
//!
//! A label is looked up by its key ([`super::Tr::l`]); the table is sorted by
//! key and a test checks that every key has both languages.

/// Fixed labels: key, German, English. Keys are sorted for the look-up.
pub(super) const LABELS: &[(&str, &str, &str)] = &[
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
    ("decided_by", "Beschluss", "Decided by"),
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
    ("down_from", "Ausfall", "Goes down"),
    (
        "earliest_exit",
        "Frühestes erreichbares Vertragsende",
        "Earliest reachable exit",
    ),
    ("exit_kind", "Art des Ausstiegs", "Exit by"),
    ("exit_on", "Vertragsende", "Contract end"),
    ("exit_plans_title", "Ausstiegspläne", "Exit plans"),
    ("expected", "Erwartet", "Expected"),
    ("factor", "Faktor", "Factor"),
    (
        "files_title",
        "Dateien dieses Berichts",
        "Files of this report",
    ),
    ("finding", "Befund", "Finding"),
    ("finish_day", "Ende", "End"),
    (
        "first_page_title",
        "Auf einen Blick: Befunde und Beschlussvorschlag",
        "At a glance: findings and recommended decisions",
    ),
    ("generated_by", "Erstellt mit", "Made with"),
    ("glossary_title", "Begriffe", "Glossary"),
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
    ("impact", "Auswirkung", "Impact"),
    (
        "in_critical_path",
        "auf dem kritischen Pfad",
        "on the critical path",
    ),
    ("jurisdiction", "Rechtsraum", "Jurisdiction"),
    ("key", "Schlüssel", "Key"),
    ("largest_factor", "Größter Faktor", "Largest factor"),
    ("leave_on", "Ende zum", "Leave on"),
    ("level", "Stufe", "Level"),
    ("lockin", "Lock-in", "Lock-in"),
    (
        "mandated_title",
        "Vorgeschriebene Systeme: nicht wählbar",
        "Mandated systems: not a choice",
    ),
    ("max_outage", "Tolerierbar", "Max. outage"),
    ("meaning", "Bedeutung", "Meaning"),
    (
        "method_title",
        "Methode und Annahmen",
        "Method and assumptions",
    ),
    ("migration_p80", "Wechseldauer (P80)", "Switch time (P80)"),
    ("moved", "verschoben", "moved"),
    ("next_exit", "Nächstes Vertragsende", "Next exit"),
    ("next_review", "nächste Prüfung", "next review"),
    ("no", "nein", "no"),
    ("notice_by", "Kündigung bis", "Notice by"),
    ("of_which_overdue", "davon überfällig", "of which overdue"),
    ("operator", "Betreiber", "Operator"),
    ("overview_title", "Das Wichtigste in Zahlen", "Key figures"),
    ("p80_switch", "Wechseldauer (P80)", "Switch time (P80)"),
    ("points", "Punkte", "Points"),
    ("previous", "vorher", "before"),
    (
        "progress_title",
        "Fortschritt seit der letzten Prüfung",
        "Progress since the last review",
    ),
    (
        "pulled_down_by",
        "Was die Bewertung senkt",
        "What pulls the score down",
    ),
    ("rank", "Rang", "Rank"),
    ("reason", "Grund", "Reason"),
    ("restore", "Wieder verfügbar nach", "Back after"),
    ("scenario", "Szenario", "Scenario"),
    ("scenarios_title", "Notfallszenarien", "Emergency scenarios"),
    ("score", "Lock-in", "Lock-in"),
    ("sensitivity", "Schutzbedarf", "Sensitivity"),
    ("service", "Dienst", "Service"),
    (
        "services_affected",
        "Betroffene Dienste",
        "Services affected",
    ),
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
    ("start_day", "Beginn", "Start"),
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
    ("until", "bis", "until"),
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
pub(super) const MEANINGS_DE: &[(&str, &str)] = &[
    (
        "decommission_days",
        "Tage, um ein System abzuschalten, das nichts mehr braucht (Daten löschen, Leitung oder Dienst kündigen)",
    ),
    (
        "dependent_days",
        "Tage, um ein System, das auf dem gewechselten läuft, umzuziehen, neu anzubinden und zu testen",
    ),
    (
        "insource_days",
        "Basistage, um den Betrieb eines Systems selbst zu übernehmen (Personal, Kompetenz, Betriebsaufbau)",
    ),
    (
        "rehost_data_days",
        "Datentage je Verdopplung der Datenmenge, wenn ein System unverändert umzieht (kopieren und prüfen, ohne Umwandlung)",
    ),
    (
        "rehost_days",
        "Basistage, um ein System unverändert zu einem anderen Betreiber umzuziehen (Vereinbarung, Umgebung, Testmigration, Umschaltung)",
    ),
    (
        "rehost_interface_days",
        "Tage, um eine Schnittstelle beim Umzug neu auszurichten (Endpunkte, Zertifikate, Firewallregeln, Test)",
    ),
    (
        "resupport_days",
        "Tage, um einen anderen Wartungs- oder Supportpartner zu beauftragen (Auswahl, Vergabe, Leistungsbeginn)",
    ),
    (
        "resupport_system_days",
        "Übergabetage je System beim Wechsel des Wartungspartners (Dokumentation, Zugänge, Einarbeitung)",
    ),
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
        "Basis-Projekttage (Ausschreibung, Aufbau, Pilot, Inbetriebnahme) einer Kategorie ohne eigene Zeile",
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
        "Kosten je Projekttag für Basis-, Schnittstellen- und Datenarbeit (in der Währung des Modells)",
    ),
    (
        "cost_per_user",
        "Wechselkosten je geschulter Person (in der Währung des Modells) einer Kategorie ohne eigene Zeile",
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
