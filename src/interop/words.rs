//! Reading values as people write them in spreadsheets and ArchiMate
//! properties: German and English words, German number and date formats,
//! country names. Shared by the CSV and ArchiMate imports.
//!
//! Every function returns `None` (or an error text) for a value it does not
//! understand; the caller reports it. Nothing here guesses beyond the word
//! lists below, which `docs/interop.md` reproduces.

use crate::model::{
    ContractKind, Country, Criticality, Customisation, Duration, Layer, Licence, Region, Status,
};
use chrono::NaiveDate;

/// Folds a word for comparison: lower case, umlauts spelled out, and
/// spaces, `_`, `-`, `.`, `/`, brackets dropped. `Kritikalität` and
/// `kritikalitaet` fold to the same text; so do `depends_on` and `Depends on`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            ' ' | '_' | '-' | '.' | '/' | '(' | ')' | '\u{a0}' | '\u{feff}' | ':' => {}
            c => out.push(c),
        }
    }
    out
}

/// An id made from a name: lower case ASCII letters, digits and `-`;
/// `ä` becomes `ae`, `ö` `oe`, `ü` `ue`, `ß` `ss`, accented Latin letters
/// lose their accent, every other character becomes a `-` (runs collapse).
/// `None` when nothing usable is left (a name of only punctuation).
pub fn slug(s: &str) -> Option<String> {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let rep: &str = match c {
            'ä' | 'æ' => "ae",
            'ö' | 'œ' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'ù' | 'ú' | 'û' => "u",
            'ý' | 'ÿ' => "y",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if rep == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(rep);
        }
    }
    let t = out.trim_matches('-').to_string();
    if t.is_empty() { None } else { Some(t) }
}

fn lookup<T: Copy>(s: &str, table: &[(&[&str], T)]) -> Option<T> {
    let f = fold(s);
    table
        .iter()
        .find(|(words, _)| words.iter().any(|w| fold(w) == f))
        .map(|(_, v)| *v)
}

/// `kritisch`/`critical`, `hoch`/`high`, `mittel`/`medium`/`normal`, `niedrig`/`gering`/`low`.
pub fn criticality(s: &str) -> Option<Criticality> {
    lookup(
        s,
        &[
            (
                &[
                    "critical",
                    "kritisch",
                    "sehr hoch",
                    "very high",
                    "mission critical",
                    "business critical",
                    "geschäftskritisch",
                    "kritiek",
                    "zeer hoog",
                ],
                Criticality::Critical,
            ),
            (&["high", "hoch", "hoog"], Criticality::High),
            (
                &["medium", "mittel", "normal", "gemiddeld", "midden"],
                Criticality::Medium,
            ),
            (&["low", "niedrig", "gering", "laag"], Criticality::Low),
        ],
    )
}

/// `infrastructure`/`Infrastruktur`, `platform`/`Plattform`, `application`/`Anwendung`, `data`/`Daten`.
pub fn layer(s: &str) -> Option<Layer> {
    lookup(
        s,
        &[
            (
                &["infrastructure", "infrastruktur", "technik", "technology"],
                Layer::Infrastructure,
            ),
            (&["platform", "plattform"], Layer::Platform),
            (
                &["application", "anwendung", "applikation", "fachanwendung"],
                Layer::Application,
            ),
            (&["data", "daten"], Layer::Data),
        ],
    )
}

/// `open source`/`Open Source`/`OSS`/`freie Software`, `proprietary`/`proprietär`/`kommerziell`.
pub fn licence(s: &str) -> Option<Licence> {
    lookup(
        s,
        &[
            (
                &[
                    "open source",
                    "open-source",
                    "oss",
                    "foss",
                    "freie software",
                    "free software",
                    "quelloffen",
                ],
                Licence::OpenSource,
            ),
            (
                &[
                    "proprietary",
                    "proprietär",
                    "proprietaer",
                    "kommerziell",
                    "commercial",
                    "closed source",
                    "closed",
                    "proprietair",
                    "commercieel",
                ],
                Licence::Proprietary,
            ),
        ],
    )
}

/// `ja`/`yes`/`x`/`wahr`/`true`/`1` and `nein`/`no`/`falsch`/`false`/`0`.
pub fn yes_no(s: &str) -> Option<bool> {
    lookup(
        s,
        &[
            (&["ja", "yes", "y", "j", "x", "true", "wahr", "1"], true),
            (
                &["nein", "no", "n", "false", "falsch", "0", "-", "nee"],
                false,
            ),
        ],
    )
}

/// Status words of inventories and portfolio lists, in German, English
/// and Dutch. A system being phased out still runs: it is in use. A
/// product under review, planned or in a pilot is a candidate. A denied
/// or rejected product is not in use: it counts as retired.
pub fn status(s: &str) -> Option<Status> {
    lookup(
        s,
        &[
            (
                &[
                    "in use",
                    "in-use",
                    "in betrieb",
                    "im einsatz",
                    "eingesetzt",
                    "aktiv",
                    "active",
                    "produktiv",
                    "production",
                    "in production",
                    "in operation",
                    "operational",
                    "live",
                    "approved",
                    "approved with conditions",
                    "approved w/conditions",
                    "approved w/ conditions",
                    "genehmigt",
                    "freigegeben",
                    "phase-out",
                    "phase out",
                    "phasing out",
                    "sunset",
                    "sunsetting",
                    "retiring",
                    "legacy",
                    "auslaufend",
                    "auslauf",
                    "wird abgelöst",
                    "in gebruik",
                    "in productie",
                    "productie",
                    "uitfaseren",
                    "afbouw",
                ],
                Status::InUse,
            ),
            (
                &[
                    "candidate",
                    "kandidat",
                    "geplant",
                    "planned",
                    "planning",
                    "in planung",
                    "evaluation",
                    "in evaluation",
                    "evaluierung",
                    "under review",
                    "in review",
                    "not yet reviewed",
                    "proposed",
                    "in prüfung",
                    "prüfung",
                    "vorgeschlagen",
                    "pilot",
                    "pilotbetrieb",
                    "test",
                    "testbetrieb",
                    "in test",
                    "in einführung",
                    "einführung",
                    "development",
                    "in development",
                    "in entwicklung",
                    "gepland",
                    "in ontwikkeling",
                    "in aanschaf",
                    "in onderzoek",
                ],
                Status::Candidate,
            ),
            (
                &[
                    "retired",
                    "abgeschaltet",
                    "außer betrieb",
                    "ausser betrieb",
                    "außer betrieb genommen",
                    "stillgelegt",
                    "abgelöst",
                    "abgeloest",
                    "abgebaut",
                    "archiviert",
                    "archived",
                    "decommissioned",
                    "phased out",
                    "eliminated",
                    "denied",
                    "rejected",
                    "not approved",
                    "prohibited",
                    "abgelehnt",
                    "nicht zugelassen",
                    "untersagt",
                    "uitgefaseerd",
                    "uit gebruik",
                    "afgewezen",
                ],
                Status::Retired,
            ),
        ],
    )
}

/// Who runs a system, as a deployment column says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deployment {
    /// Software as a service, cloud, hosted: the vendor runs it.
    ByVendor,
    /// On premises: the organisation runs it.
    InHouse,
}

/// `SaaS`/`Cloud`/`hosted` (run by the vendor), `On-Premise`/`intern`/`Eigenbetrieb` (run in-house).
pub fn deployment(s: &str) -> Option<Deployment> {
    lookup(
        s,
        &[
            (
                &[
                    "saas",
                    "software as a service",
                    "cloud",
                    "public cloud",
                    "cloud service",
                    "hosted",
                    "vendor hosted",
                    "vendor-hosted",
                    "externally hosted",
                    "managed service",
                    "extern",
                    "extern gehostet",
                    "gehostet",
                    "clouddienst",
                    "extern gehost",
                ],
                Deployment::ByVendor,
            ),
            (
                &[
                    "on-premise",
                    "on premise",
                    "on-premises",
                    "on premises",
                    "on-prem",
                    "on prem",
                    "self-hosted",
                    "self hosted",
                    "in-house",
                    "inhouse",
                    "intern",
                    "lokal",
                    "vor ort",
                    "eigenbetrieb",
                    "eigenes rechenzentrum",
                    "eigen beheer",
                    "eigen datacenter",
                ],
                Deployment::InHouse,
            ),
        ],
    )
}

/// `keine`/`none`, `gering`/`niedrig`/`low`, `mittel`/`medium`, `hoch`/`stark`/`high`.
pub fn customisation(s: &str) -> Option<Customisation> {
    lookup(
        s,
        &[
            (&["none", "keine", "nein", "standard"], Customisation::None),
            (&["low", "gering", "niedrig", "wenig"], Customisation::Low),
            (&["medium", "mittel"], Customisation::Medium),
            (&["high", "hoch", "stark", "viel"], Customisation::High),
        ],
    )
}

/// `Lizenz`/`licence`, `Abonnement`/`Abo`/`subscription`, `Cloud`, `Wartung`/`Pflege`/`Support`, `Hosting`/`Betrieb`.
pub fn contract_kind(s: &str) -> Option<ContractKind> {
    lookup(
        s,
        &[
            (
                &["licence", "license", "lizenz", "kauf", "lizenzkauf"],
                ContractKind::Licence,
            ),
            (
                &["subscription", "abonnement", "abo", "miete", "mietlizenz"],
                ContractKind::Subscription,
            ),
            (
                &["cloud", "saas", "cloud service", "clouddienst"],
                ContractKind::Cloud,
            ),
            (
                &[
                    "support",
                    "wartung",
                    "pflege",
                    "softwarepflege",
                    "maintenance",
                ],
                ContractKind::Support,
            ),
            (
                &["hosting", "betrieb", "rechenzentrum", "outsourcing"],
                ContractKind::Hosting,
            ),
        ],
    )
}

/// Whether a vendor or operator cell means the organisation itself.
pub fn is_self(s: &str) -> bool {
    lookup(
        s,
        &[(
            &[
                "self",
                "selbst",
                "eigen",
                "eigenbetrieb",
                "eigenentwicklung",
                "intern",
                "in-house",
                "inhouse",
                "own",
                "wir",
            ],
            (),
        )],
    )
    .is_some()
}

/// Country names in German and English that spreadsheets use instead of codes.
const COUNTRY_NAMES: &[(&[&str], &str)] = &[
    (&["deutschland", "germany", "brd", "duitsland"], "DE"),
    (
        &[
            "usa",
            "us",
            "vereinigte staaten",
            "united states",
            "united states of america",
            "vereinigte staaten von amerika",
            "verenigde staten",
            "vs",
        ],
        "US",
    ),
    (&["irland", "ireland", "ierland"], "IE"),
    (
        &["niederlande", "netherlands", "holland", "nederland"],
        "NL",
    ),
    (&["frankreich", "france", "frankrijk"], "FR"),
    (&["österreich", "oesterreich", "austria"], "AT"),
    (&["schweiz", "switzerland"], "CH"),
    (
        &[
            "großbritannien",
            "grossbritannien",
            "vereinigtes königreich",
            "united kingdom",
            "uk",
            "great britain",
            "england",
            "verenigd koninkrijk",
        ],
        "GB",
    ),
    (&["belgien", "belgium", "belgië", "belgie"], "BE"),
    (&["luxemburg", "luxembourg"], "LU"),
    (&["dänemark", "daenemark", "denmark"], "DK"),
    (&["schweden", "sweden"], "SE"),
    (&["finnland", "finland"], "FI"),
    (&["norwegen", "norway"], "NO"),
    (&["italien", "italy"], "IT"),
    (&["spanien", "spain"], "ES"),
    (&["polen", "poland"], "PL"),
    (&["tschechien", "czechia", "czech republic"], "CZ"),
    (&["kanada", "canada"], "CA"),
    (&["china", "volksrepublik china"], "CN"),
    (&["japan"], "JP"),
    (&["indien", "india"], "IN"),
    (&["israel"], "IL"),
    (&["russland", "russia"], "RU"),
];

/// A country from an ISO code in any case (`de`, `DE`) or a name (`Deutschland`, `Ireland`).
pub fn country(s: &str) -> Option<Country> {
    let t = s.trim();
    if t.len() == 2
        && let Ok(c) = Country::parse(&t.to_ascii_uppercase())
    {
        return Some(c);
    }
    let code = lookup(t, COUNTRY_NAMES)?;
    Country::parse(code).ok()
}

/// A region: a country as in [`country`], or `EU`/`Europa`/`Europe`.
pub fn region(s: &str) -> Option<Region> {
    if lookup(
        s,
        &[(
            &[
                "eu",
                "europa",
                "europe",
                "europäische union",
                "european union",
                "europese unie",
            ],
            (),
        )],
    )
    .is_some()
    {
        return Some(Region::Eu);
    }
    country(s).map(Region::Country)
}

/// A duration in the model's syntax, or with German or Dutch units
/// (`3 Monate`, `2 Jahre`, `30 Tage`, `6 Wochen`, `4 Stunden`, `2 dagen`).
pub fn duration(s: &str) -> Result<Duration, String> {
    let mut t = String::new();
    for word in s.split_whitespace() {
        let f = fold(word);
        let digits: String = f.chars().take_while(|c| c.is_ascii_digit()).collect();
        let unit = &f[digits.len()..];
        let unit = match unit {
            "monat" | "monate" | "monaten" | "mon" | "mo" | "maand" | "maanden" => "mo",
            "jahr" | "jahre" | "jahren" | "j" | "jaar" | "jaren" => "y",
            "tag" | "tage" | "tagen" | "dag" | "dagen" => "d",
            "woche" | "wochen" | "week" | "weken" => "w",
            "stunde" | "stunden" | "std" | "uur" => "h",
            other => other,
        };
        if !t.is_empty() {
            t.push(' ');
        }
        t.push_str(&digits);
        t.push_str(unit);
    }
    let t = if t.is_empty() { s.to_string() } else { t };
    Duration::parse(&t).map_err(|e| e.to_string())
}

/// A date written `2027-06-30` or `30.06.2027` (also `30.6.2027`).
pub fn date(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    let four = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    if t.split('-').next().is_some_and(four) {
        NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
    } else if t.rsplit('.').next().is_some_and(four) {
        NaiveDate::parse_from_str(t, "%d.%m.%Y").ok()
    } else {
        None
    }
}

/// An amount of money or a count as spreadsheets write it: `45000`,
/// `45.000`, `45.000,00 €`, `45,000.00 EUR`, `1.200`.
///
/// Currency signs, letters and spaces are dropped. When both `.` and `,`
/// occur, the last one is the decimal mark. When only one of them occurs,
/// it is a thousands separator if it occurs more than once or is followed
/// by exactly three digits (`1.200`, `45,000`), else the decimal mark
/// (`12,50`). Negative amounts are refused.
pub fn number(s: &str) -> Option<f64> {
    let t: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == ',' || *c == '-')
        .collect();
    if t.is_empty() || t.starts_with('-') || t.contains('-') {
        return None;
    }
    let dots = t.matches('.').count();
    let commas = t.matches(',').count();
    let normal = if dots > 0 && commas > 0 {
        let (thousands, decimal) = if t.rfind('.') > t.rfind(',') {
            (',', '.')
        } else {
            ('.', ',')
        };
        t.replace(thousands, "").replace(decimal, ".")
    } else if dots + commas > 0 {
        let sep = if dots > 0 { '.' } else { ',' };
        let n = dots + commas;
        let after = t.rsplit(sep).next().unwrap_or("");
        if n > 1 || after.len() == 3 {
            t.replace(sep, "")
        } else {
            t.replace(sep, ".")
        }
    } else {
        t
    };
    normal.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A whole count (users): [`number`] without a fraction.
pub fn count(s: &str) -> Option<u64> {
    let x = number(s)?;
    if x.fract() == 0.0 && x <= u64::MAX as f64 {
        Some(x as u64)
    } else {
        None
    }
}

/// A list in one cell: entries separated by `,`, `;`, `|` or line breaks.
pub fn list(s: &str) -> Vec<String> {
    s.split([',', ';', '|', '\n', '\r'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// German and English category words mapped onto the model's known
/// categories; anything else is kept as written (categories are free text).
pub fn category(s: &str) -> String {
    let known: &[(&[&str], &str)] = &[
        (
            &[
                "office-suite",
                "office",
                "bürosoftware",
                "büro",
                "office suite",
                "bürokommunikation",
            ],
            "office-suite",
        ),
        (&["mail", "e-mail", "email", "groupware"], "mail"),
        (
            &[
                "video",
                "videokonferenz",
                "video conferencing",
                "webkonferenz",
            ],
            "video",
        ),
        (
            &[
                "file-sharing",
                "dateiablage",
                "file sharing",
                "filesharing",
                "dateiaustausch",
            ],
            "file-sharing",
        ),
        (&["chat", "messenger"], "chat"),
        (
            &["collaboration", "zusammenarbeit", "kollaboration"],
            "collaboration",
        ),
        (
            &[
                "identity",
                "identität",
                "verzeichnisdienst",
                "directory",
                "iam",
            ],
            "identity",
        ),
        (&["os", "betriebssystem", "operating system"], "os"),
        (
            &["virtualisation", "virtualization", "virtualisierung"],
            "virtualisation",
        ),
        (&["database", "datenbank", "dbms"], "database"),
        (&["erp", "finanzwesen", "haushalt"], "erp"),
        (
            &[
                "specialist-application",
                "fachverfahren",
                "fachanwendung",
                "specialist application",
            ],
            "specialist-application",
        ),
        (&["network", "netzwerk", "netz"], "network"),
        (
            &["website", "webseite", "internetauftritt", "web"],
            "website",
        ),
        (&["gis", "geoinformationssystem"], "gis"),
        (&["dms", "e-akte", "eakte", "dokumentenmanagement"], "dms"),
        (&["crm"], "crm"),
        (&["backup", "datensicherung"], "backup"),
        (&["storage", "speicher"], "storage"),
        (
            &["social-media", "social media", "soziale medien"],
            "social-media",
        ),
        (&["telephony", "telefonie", "telefon"], "telephony"),
        (
            &["security", "sicherheit", "it-sicherheit", "firewall"],
            "security",
        ),
        (&["other", "sonstiges", "andere"], "other"),
    ];
    lookup(s, known)
        .map(str::to_string)
        .unwrap_or_else(|| s.trim().to_string())
}

/// A data format the import knows: id, name, open (maintained by a
/// standards body, as the model defines it), standard.
pub type KnownFormat = (&'static str, &'static str, bool, Option<&'static str>);

const FORMATS: &[(&[&str], KnownFormat)] = &[
    (
        &["odf", "odt", "ods", "odp", "opendocument"],
        ("odf", "OpenDocument Format", true, Some("ISO/IEC 26300")),
    ),
    (
        &["ooxml", "docx", "xlsx", "pptx", "office open xml"],
        ("ooxml", "Office Open XML", true, Some("ISO/IEC 29500")),
    ),
    (&["pdf"], ("pdf", "PDF", true, Some("ISO 32000"))),
    (
        &["pdf/a", "pdfa"],
        ("pdf-a", "PDF/A", true, Some("ISO 19005")),
    ),
    (&["csv"], ("csv", "CSV", true, Some("RFC 4180"))),
    (&["xml"], ("xml", "XML", true, Some("W3C XML 1.0"))),
    (&["json"], ("json", "JSON", true, Some("RFC 8259"))),
    (
        &["eml", "mime"],
        ("eml", "Internet Message Format", true, Some("RFC 5322")),
    ),
    (&["mbox"], ("mbox", "mbox", true, Some("RFC 4155"))),
    (
        &["ics", "icalendar", "ical"],
        ("icalendar", "iCalendar", true, Some("RFC 5545")),
    ),
    (
        &["vcf", "vcard"],
        ("vcard", "vCard", true, Some("RFC 6350")),
    ),
    (&["geojson"], ("geojson", "GeoJSON", true, Some("RFC 7946"))),
    (
        &["gml"],
        ("gml", "Geography Markup Language", true, Some("ISO 19136")),
    ),
    (&["sql", "sql dump"], ("sql", "SQL dump", false, None)),
    (
        &["ovf", "ova"],
        (
            "ovf",
            "Open Virtualization Format",
            true,
            Some("DMTF DSP0243"),
        ),
    ),
    (
        &["xoev", "xöv", "xta", "xmeld", "osci"],
        (
            "xoev",
            "XÖV (XML in der öffentlichen Verwaltung)",
            true,
            Some("XÖV-Rahmenwerk"),
        ),
    ),
    (
        &["doc", "xls", "ppt", "msoffice binary", "ms office binary"],
        ("ms-binary", "Microsoft Office binary formats", false, None),
    ),
    (&["pst"], ("pst", "Outlook PST", false, None)),
    (&["vmdk"], ("vmdk", "VMware VMDK", false, None)),
    (
        &["shp", "shapefile"],
        ("shapefile", "Esri Shapefile", false, None),
    ),
];

/// A format the import knows by one of its usual names.
pub fn known_format(s: &str) -> Option<KnownFormat> {
    lookup(s, FORMATS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_german_and_english_headers_comparable() {
        assert_eq!(fold("Kritikalität"), "kritikalitaet");
        assert_eq!(fold(" depends_on "), "dependson");
        assert_eq!(fold("Depends on"), "dependson");
        assert_eq!(fold("\u{feff}ID"), "id");
    }

    #[test]
    fn slugs_spell_out_umlauts_and_collapse_punctuation() {
        assert_eq!(
            slug("Bürgerbüro Größe").as_deref(),
            Some("buergerbuero-groesse")
        );
        assert_eq!(
            slug("  Microsoft 365 (Cloud) ").as_deref(),
            Some("microsoft-365-cloud")
        );
        assert_eq!(slug("Café Noël").as_deref(), Some("cafe-noel"));
        assert_eq!(slug("---"), None);
    }

    #[test]
    fn value_words_in_both_languages() {
        assert_eq!(criticality("kritisch"), Some(Criticality::Critical));
        assert_eq!(criticality("High"), Some(Criticality::High));
        assert_eq!(criticality("mittel"), Some(Criticality::Medium));
        assert_eq!(criticality("niedrig"), Some(Criticality::Low));
        assert_eq!(criticality("egal"), None);
        assert_eq!(licence("Open Source"), Some(Licence::OpenSource));
        assert_eq!(licence("proprietär"), Some(Licence::Proprietary));
        assert_eq!(yes_no("Ja"), Some(true));
        assert_eq!(yes_no("no"), Some(false));
        assert_eq!(status("In Betrieb"), Some(Status::InUse));
        assert_eq!(status("Phase-Out"), Some(Status::InUse));
        assert_eq!(status("Under Review"), Some(Status::Candidate));
        assert_eq!(status("Denied"), Some(Status::Retired));
        assert_eq!(status("abgelehnt"), Some(Status::Retired));
        assert_eq!(status("in Prüfung"), Some(Status::Candidate));
        assert_eq!(status("uitgefaseerd"), Some(Status::Retired));
        assert_eq!(deployment("SaaS"), Some(Deployment::ByVendor));
        assert_eq!(deployment("On-Premise"), Some(Deployment::InHouse));
        assert_eq!(deployment("Hybrid"), None);
        assert_eq!(criticality("Mission Critical"), Some(Criticality::Critical));
        assert_eq!(criticality("hoog"), Some(Criticality::High));
        assert_eq!(layer("Infrastruktur"), Some(Layer::Infrastructure));
        assert_eq!(contract_kind("Wartung"), Some(ContractKind::Support));
        assert!(is_self("Eigenbetrieb"));
        assert!(!is_self("Microsoft"));
    }

    #[test]
    fn countries_by_code_or_name() {
        assert_eq!(country("de").map(|c| c.to_string()).as_deref(), Some("DE"));
        assert_eq!(
            country("Irland").map(|c| c.to_string()).as_deref(),
            Some("IE")
        );
        assert_eq!(
            country("Vereinigte Staaten")
                .map(|c| c.to_string())
                .as_deref(),
            Some("US")
        );
        assert_eq!(country("Atlantis"), None);
        assert_eq!(region("Europa"), Some(Region::Eu));
    }

    #[test]
    fn outages_in_hours() {
        assert_eq!(duration("4 Stunden").unwrap().to_string(), "4h");
        assert_eq!(duration("36 Std.").unwrap().to_string(), "36h");
        assert_eq!(duration("8 uur").unwrap().to_string(), "8h");
        assert_eq!(duration("2 dagen").unwrap().to_string(), "2d");
    }

    #[test]
    fn german_durations_and_dates() {
        assert_eq!(duration("3 Monate").unwrap().to_string(), "3mo");
        assert_eq!(duration("1 Jahr 6 Monate").unwrap().to_string(), "1y 6mo");
        assert_eq!(duration("30 Tage").unwrap().to_string(), "30d");
        assert_eq!(duration("2mo").unwrap().to_string(), "2mo");
        assert!(duration("bald").is_err());
        assert_eq!(date("31.12.2027"), NaiveDate::from_ymd_opt(2027, 12, 31));
        assert_eq!(date("2027-06-30"), NaiveDate::from_ymd_opt(2027, 6, 30));
        assert_eq!(date("31.12.27"), None);
    }

    #[test]
    fn numbers_in_german_and_english_notation() {
        assert_eq!(number("45000"), Some(45000.0));
        assert_eq!(number("45.000,00 €"), Some(45000.0));
        assert_eq!(number("45,000.50 EUR"), Some(45000.5));
        assert_eq!(number("1.200"), Some(1200.0));
        assert_eq!(number("1.200.000"), Some(1_200_000.0));
        assert_eq!(number("12,50"), Some(12.5));
        assert_eq!(number("-5"), None);
        assert_eq!(number("viel"), None);
        assert_eq!(count("1.200"), Some(1200));
        assert_eq!(count("12,5"), None);
    }

    #[test]
    fn cell_lists_split_on_usual_separators() {
        assert_eq!(list("a, b;c | d\ne"), vec!["a", "b", "c", "d", "e"]);
        assert!(list(" ; ").is_empty());
    }
}
