//! The columns of each kind of spreadsheet: the model key each column
//! fills (the name `--map` and mapping files use) and the headers the
//! built-in vocabulary knows for it, in German, English and Dutch, as
//! CMDB and application-portfolio exports write them. Headers are compared
//! folded ([`crate::interop::words::fold`]): case, umlauts, spaces, `_`,
//! `-`, `.`, `/`, `:` and brackets do not matter. `docs/interop.md`
//! reproduces these lists.

/// A column kind of one file type.
pub trait Field: Copy + PartialEq + Eq + std::fmt::Debug + 'static {
    /// Every field: itself, its model key, the headers the vocabulary knows.
    const ALL: &'static [(Self, &'static str, &'static [&'static str])];

    /// The model key, as `--map` names the field.
    fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(f, _, _)| *f == self)
            .map(|(_, k, _)| *k)
            .unwrap_or("?")
    }

    /// The field of a model key.
    fn of_key(key: &str) -> Option<Self> {
        let k = crate::interop::words::fold(key);
        Self::ALL
            .iter()
            .find(|(_, name, _)| crate::interop::words::fold(name) == k)
            .map(|(f, _, _)| *f)
    }

    /// Every model key, for messages.
    fn keys() -> Vec<&'static str> {
        Self::ALL.iter().map(|(_, k, _)| *k).collect()
    }
}

/// A column of the systems file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum S {
    Id,
    Name,
    Description,
    Category,
    Layer,
    Vendor,
    Operator,
    Deployment,
    Region,
    Licence,
    OpenSource,
    Criticality,
    Users,
    Status,
    Customisation,
    Formats,
    Exports,
    DependsOn,
    Alternatives,
    ExitPlan,
}

impl Field for S {
    const ALL: &'static [(S, &'static str, &'static [&'static str])] = &[
        (
            S::Id,
            "id",
            &[
                "id",
                "kennung",
                "kürzel",
                "key",
                "schlüssel",
                "system id",
                "app id",
                "application id",
                "objekt-id",
                "object id",
                "anwendungs-id",
            ],
        ),
        (
            S::Name,
            "name",
            &[
                "name",
                "bezeichnung",
                "systemname",
                "system",
                "anwendung",
                "anwendungsname",
                "applikation",
                "produkt",
                "produktname",
                "product",
                "product name",
                "software",
                "softwarename",
                "application",
                "application name",
                "app name",
                "standard name",
                "objektname",
                "objekt name",
                "objekttitel",
                "object name",
                "object title",
                "titel",
                "title",
                "naam",
                "applicatie",
                "applicatienaam",
                "pakket",
                "pakketnaam",
            ],
        ),
        (
            S::Description,
            "description",
            &[
                "description",
                "beschreibung",
                "bemerkung",
                "bemerkungen",
                "notes",
                "notizen",
                "kommentar",
                "comment",
                "comments",
                "erläuterung",
                "omschrijving",
                "beschrijving",
                "toelichting",
            ],
        ),
        (
            S::Category,
            "category",
            &[
                "category",
                "kategorie",
                "bereich",
                "type",
                "typ",
                "objekttyp",
                "object type",
                "application type",
                "anwendungstyp",
                "categorie",
                "applicatietype",
                "soort",
            ],
        ),
        (S::Layer, "layer", &["layer", "schicht", "ebene", "laag"]),
        (
            S::Vendor,
            "vendor",
            &[
                "vendor",
                "vendor name",
                "hersteller",
                "herstellername",
                "softwarehersteller",
                "manufacturer",
                "manufacturer name",
                "anbieter",
                "lieferant",
                "supplier",
                "publisher",
                "software vendor",
                "aanbieder",
                "leverancier",
                "producent",
            ],
        ),
        (
            S::Operator,
            "operator",
            &[
                "operator",
                "betreiber",
                "betrieb",
                "betrieben von",
                "operated by",
                "hosted by",
                "hoster",
                "hosting provider",
                "service provider",
                "it-dienstleister",
                "dienstleister",
                "rechenzentrum",
                "hostingpartij",
                "hosting partij",
            ],
        ),
        (
            S::Deployment,
            "deployment",
            &[
                "deployment",
                "deployment type",
                "deployment model",
                "hosting model",
                "hosting type",
                "betriebsmodell",
                "betriebsart",
                "bereitstellung",
                "bereitstellungsmodell",
                "hostingmodel",
                "hostingvorm",
                "hosting",
            ],
        ),
        (
            S::Region,
            "region",
            &[
                "region",
                "standort",
                "location",
                "hosting location",
                "hosting region",
                "hosting country",
                "hosting jurisdiction",
                "data location",
                "data residency",
                "hostingort",
                "hostingland",
                "serverstandort",
                "datenstandort",
                "hostinglocatie",
                "hostingjurisdictie",
                "locatie",
            ],
        ),
        (
            S::Licence,
            "licence",
            &[
                "licence",
                "license",
                "licence type",
                "license type",
                "licence model",
                "license model",
                "lizenz",
                "lizenzmodell",
                "lizenzart",
                "lizenztyp",
                "licentie",
                "licentievorm",
                "licentiemodel",
            ],
        ),
        (
            S::OpenSource,
            "open_source",
            &["open source", "quelloffen", "oss", "opensource"],
        ),
        (
            S::Criticality,
            "criticality",
            &[
                "criticality",
                "business criticality",
                "kritikalität",
                "relevanz",
                "bedeutung",
                "schutzbedarf",
                "schutzbedarf verfügbarkeit",
                "kritikaliteit",
                "bedrijfskritisch",
            ],
        ),
        (
            S::Users,
            "users",
            &[
                "users",
                "active users",
                "number of users",
                "user count",
                "nutzer",
                "benutzer",
                "anwender",
                "anzahl nutzer",
                "anzahl benutzer",
                "anzahl anwender",
                "nutzerzahl",
                "gebruikers",
                "aantal gebruikers",
            ],
        ),
        (
            S::Status,
            "status",
            &[
                "status",
                "zustand",
                "lifecycle",
                "lifecycle stage",
                "lifecycle status",
                "life cycle",
                "lebenszyklus",
                "lebenszyklusphase",
                "cmdb-status",
                "betriebsstatus",
                "fase",
                "levensfase",
                "levenscyclus",
            ],
        ),
        (
            S::Customisation,
            "customisation",
            &[
                "customisation",
                "customization",
                "customizing",
                "anpassung",
                "anpassungsgrad",
                "maatwerk",
            ],
        ),
        (
            S::Formats,
            "formats",
            &[
                "formats",
                "data formats",
                "formate",
                "datenformate",
                "dataformaten",
            ],
        ),
        (
            S::Exports,
            "exports",
            &[
                "exports",
                "export",
                "export formats",
                "exportformate",
                "exportformaten",
            ],
        ),
        (
            S::DependsOn,
            "depends_on",
            &[
                "depends_on",
                "depends on",
                "dependencies",
                "requires",
                "abhängig von",
                "abhängigkeiten",
                "hängt ab von",
                "benötigt",
                "afhankelijk van",
                "afhankelijkheden",
            ],
        ),
        (
            S::Alternatives,
            "alternatives",
            &["alternatives", "alternativen", "alternatieven"],
        ),
        (
            S::ExitPlan,
            "exit_plan",
            &[
                "exit_plan",
                "exit plan",
                "exit strategy",
                "ausstiegsplan",
                "exit-strategie",
                "exitstrategie",
            ],
        ),
    ];
}

/// A column of the vendors file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum V {
    Id,
    Name,
    Country,
    Parent,
    Description,
}

impl Field for V {
    const ALL: &'static [(V, &'static str, &'static [&'static str])] = &[
        (
            V::Id,
            "id",
            &["id", "kennung", "kürzel", "key", "vendor id"],
        ),
        (
            V::Name,
            "name",
            &[
                "name",
                "bezeichnung",
                "firma",
                "unternehmen",
                "company",
                "anbieter",
                "hersteller",
                "vendor",
                "vendor name",
                "manufacturer",
                "naam",
                "leverancier",
                "aanbieder",
            ],
        ),
        (
            V::Country,
            "country",
            &[
                "country",
                "land",
                "sitz",
                "sitzland",
                "staat",
                "jurisdiction",
                "rechtsraum",
                "headquarters",
                "vestigingsland",
            ],
        ),
        (
            V::Parent,
            "parent",
            &[
                "parent",
                "parent company",
                "mutter",
                "muttergesellschaft",
                "mutterkonzern",
                "konzern",
                "gehört zu",
                "moederbedrijf",
            ],
        ),
        (
            V::Description,
            "description",
            &[
                "description",
                "beschreibung",
                "bemerkung",
                "notes",
                "kommentar",
                "omschrijving",
            ],
        ),
    ];
}

/// A column of the contracts file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum C {
    Id,
    Name,
    Description,
    Vendor,
    Covers,
    Kind,
    Start,
    End,
    Term,
    Notice,
    Renewal,
    AnnualCost,
    DataRetrieval,
    SwitchingCharge,
}

impl Field for C {
    const ALL: &'static [(C, &'static str, &'static [&'static str])] = &[
        (
            C::Id,
            "id",
            &[
                "id",
                "kennung",
                "vertragsnummer",
                "contract id",
                "contract number",
            ],
        ),
        (
            C::Name,
            "name",
            &[
                "name",
                "bezeichnung",
                "vertrag",
                "contract",
                "contract name",
            ],
        ),
        (
            C::Description,
            "description",
            &[
                "description",
                "beschreibung",
                "bemerkung",
                "notes",
                "kommentar",
            ],
        ),
        (
            C::Vendor,
            "vendor",
            &[
                "vendor",
                "anbieter",
                "vertragspartner",
                "hersteller",
                "lieferant",
                "supplier",
                "leverancier",
            ],
        ),
        (
            C::Covers,
            "covers",
            &[
                "covers", "systeme", "systems", "system", "betrifft", "umfasst",
            ],
        ),
        (
            C::Kind,
            "kind",
            &["kind", "art", "vertragsart", "type", "typ", "contract type"],
        ),
        (
            C::Start,
            "start",
            &[
                "start",
                "beginn",
                "vertragsbeginn",
                "laufzeitbeginn",
                "begin",
                "start date",
            ],
        ),
        (
            C::End,
            "end",
            &[
                "end",
                "end date",
                "ende",
                "vertragsende",
                "laufzeitende",
                "laufzeit bis",
                "bis",
            ],
        ),
        (C::Term, "term", &["term", "laufzeit"]),
        (
            C::Notice,
            "notice",
            &["notice", "notice period", "kündigungsfrist", "opzegtermijn"],
        ),
        (
            C::Renewal,
            "renewal",
            &["renewal", "verlängerung", "automatische verlängerung"],
        ),
        (
            C::AnnualCost,
            "annual_cost",
            &[
                "annual_cost",
                "annual cost",
                "jahreskosten",
                "kosten pro jahr",
                "kosten/jahr",
                "kosten",
                "cost",
                "costs",
            ],
        ),
        (
            C::DataRetrieval,
            "data_retrieval",
            &[
                "data_retrieval",
                "data retrieval",
                "datenrückgabe",
                "datenherausgabe",
            ],
        ),
        (
            C::SwitchingCharge,
            "switching_charge",
            &[
                "switching_charge",
                "switching charge",
                "wechselgebühr",
                "wechselkosten",
            ],
        ),
    ];
}

/// A column of a services file (a business impact analysis).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Svc {
    Id,
    Name,
    Description,
    Criticality,
    MaxOutage,
    Users,
    Needs,
}

impl Field for Svc {
    const ALL: &'static [(Svc, &'static str, &'static [&'static str])] = &[
        (
            Svc::Id,
            "id",
            &["id", "kennung", "kürzel", "service id", "key"],
        ),
        (
            Svc::Name,
            "name",
            &[
                "name",
                "service",
                "service name",
                "business service",
                "bezeichnung",
                "dienstleistung",
                "leistung",
                "fachdienst",
                "geschäftsprozess",
                "prozess",
                "process",
                "business process",
                "dienst",
                "dienstverlening",
                "proces",
            ],
        ),
        (
            Svc::Description,
            "description",
            &[
                "description",
                "beschreibung",
                "bemerkung",
                "notes",
                "kommentar",
                "omschrijving",
            ],
        ),
        (
            Svc::Criticality,
            "criticality",
            &[
                "criticality",
                "kritikalität",
                "schutzbedarf",
                "schutzbedarf verfügbarkeit",
                "kritikaliteit",
            ],
        ),
        (
            Svc::MaxOutage,
            "max_outage",
            &[
                "max_outage",
                "max outage",
                "maximum outage",
                "maximum tolerable outage",
                "maximum tolerable downtime",
                "maximum tolerable period of disruption",
                "mta",
                "mtd",
                "mtpd",
                "maximal tolerierbare ausfallzeit",
                "maximale ausfallzeit",
                "max ausfallzeit",
                "tolerierbare ausfallzeit",
                "ausfallzeit",
                "maximaal toelaatbare uitval",
            ],
        ),
        (
            Svc::Users,
            "users",
            &[
                "users",
                "nutzer",
                "betroffene",
                "anzahl betroffene",
                "anzahl nutzer",
                "gebruikers",
            ],
        ),
        (
            Svc::Needs,
            "needs",
            &[
                "needs",
                "systems",
                "applications",
                "it systems",
                "supporting systems",
                "depends on",
                "systeme",
                "it-systeme",
                "anwendungen",
                "it-anwendungen",
                "benötigte systeme",
                "benötigt",
                "abhängig von",
                "unterstützende it",
                "applicaties",
                "systemen",
            ],
        ),
    ];
}

/// A column of an interfaces file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum If {
    Id,
    Name,
    Description,
    From,
    To,
    Protocol,
    Format,
    Open,
    Hard,
}

impl Field for If {
    const ALL: &'static [(If, &'static str, &'static [&'static str])] = &[
        (If::Id, "id", &["id", "kennung", "interface id", "key"]),
        (
            If::Name,
            "name",
            &[
                "name",
                "interface",
                "schnittstelle",
                "bezeichnung",
                "koppeling",
                "naam",
            ],
        ),
        (
            If::Description,
            "description",
            &[
                "description",
                "beschreibung",
                "bemerkung",
                "notes",
                "kommentar",
                "omschrijving",
            ],
        ),
        (
            If::From,
            "from",
            &[
                "from",
                "source",
                "source system",
                "consumer",
                "von",
                "quelle",
                "quellsystem",
                "aufrufer",
                "bron",
                "bronsysteem",
                "van",
            ],
        ),
        (
            If::To,
            "to",
            &[
                "to",
                "target",
                "target system",
                "provider",
                "nach",
                "an",
                "ziel",
                "zielsystem",
                "doel",
                "doelsysteem",
                "naar",
            ],
        ),
        (
            If::Protocol,
            "protocol",
            &[
                "protocol",
                "protokoll",
                "technology",
                "technologie",
                "standaard",
            ],
        ),
        (
            If::Format,
            "format",
            &["format", "data format", "datenformat", "dataformaat"],
        ),
        (
            If::Open,
            "open",
            &[
                "open",
                "open standard",
                "offen",
                "offener standard",
                "open standaard",
            ],
        ),
        (
            If::Hard,
            "hard",
            &[
                "hard",
                "blocking",
                "synchronous",
                "hart",
                "blockierend",
                "synchron",
            ],
        ),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::words::fold;

    /// No header is known for two fields of one file type.
    fn unambiguous<F: Field>() {
        let mut seen: std::collections::BTreeMap<String, F> = Default::default();
        for (f, _, headers) in F::ALL {
            for h in *headers {
                if let Some(other) = seen.insert(fold(h), *f) {
                    assert_eq!(other, *f, "header `{h}` names two fields");
                }
            }
        }
    }

    #[test]
    fn every_header_names_one_field() {
        unambiguous::<S>();
        unambiguous::<V>();
        unambiguous::<C>();
        unambiguous::<Svc>();
        unambiguous::<If>();
    }

    #[test]
    fn fields_are_found_by_their_model_key() {
        assert_eq!(S::of_key("depends_on"), Some(S::DependsOn));
        assert_eq!(S::of_key("open source"), Some(S::OpenSource));
        assert_eq!(Svc::of_key("max_outage"), Some(Svc::MaxOutage));
        assert_eq!(S::of_key("colour"), None);
        assert_eq!(S::Vendor.key(), "vendor");
    }
}
