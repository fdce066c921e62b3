//! The generator's vocabulary: system categories, formats, protocols and
//! service names, with the per-category choices (data classes, protection
//! need, open formats, catalogue alternatives).

use crate::model::Sensitivity;

/// What the generator knows about one system category.
pub(crate) struct Cat {
    /// The model's `category` word.
    pub word: &'static str,
    /// Prefix of generated system ids.
    pub short: &'static str,
    /// Words used in the system name.
    pub label: &'static str,
    /// Percentage of systems of this category that hold data.
    pub data_percent: u32,
    pub classes: &'static [&'static str],
    pub sensitivity: &'static [(Sensitivity, u32)],
    /// Open formats the data can live in or be exported to (ids of [`FORMATS`]).
    pub open: &'static [&'static str],
    /// Entries of the built-in catalogue that replace this category.
    pub catalog: &'static [&'static str],
}

use Sensitivity::{Critical as SC, High as SH, Low as SL, Normal as SN};

const PERSONAL: &[(Sensitivity, u32)] = &[(SH, 50), (SN, 30), (SC, 15), (SL, 5)];
const ORDINARY: &[(Sensitivity, u32)] = &[(SN, 60), (SH, 20), (SL, 20)];
const PUBLIC: &[(Sensitivity, u32)] = &[(SL, 80), (SN, 20)];

macro_rules! cat {
    ($word:literal, $short:literal, $label:literal, $data:literal, $classes:expr, $sens:expr, $open:expr, $catalog:expr) => {
        Cat {
            word: $word,
            short: $short,
            label: $label,
            data_percent: $data,
            classes: $classes,
            sensitivity: $sens,
            open: $open,
            catalog: $catalog,
        }
    };
}

pub(crate) const UPLINK: Cat = cat!(
    "network",
    "uplink",
    "Internet uplink",
    0,
    &[],
    ORDINARY,
    &[],
    &[]
);
pub(crate) const LAN: Cat = cat!(
    "network",
    "lan",
    "Campus network",
    0,
    &[],
    ORDINARY,
    &[],
    &[]
);
pub(crate) const FIREWALL: Cat = cat!(
    "security",
    "fw",
    "Perimeter firewall cluster",
    0,
    &[],
    ORDINARY,
    &[],
    &[]
);
pub(crate) const VIRT: Cat = cat!(
    "virtualisation",
    "virt",
    "Virtualisation cluster",
    100,
    &["Virtual machine images"],
    &[(SH, 100)],
    &["ovf"],
    &["proxmox-ve"]
);
pub(crate) const STORAGE: Cat = cat!(
    "storage",
    "san",
    "Storage array",
    100,
    &["Block storage"],
    &[(SH, 100)],
    &[],
    &[]
);
pub(crate) const BACKUP: Cat = cat!(
    "backup",
    "backup",
    "Backup system",
    100,
    &["Backups of all servers"],
    &[(SC, 100)],
    &[],
    &[]
);
pub(crate) const DIRECTORY: Cat = cat!(
    "identity",
    "idm",
    "Directory service",
    100,
    &["User accounts", "Groups", "Policies"],
    &[(SH, 100)],
    &["ldif", "csv"],
    &[]
);
pub(crate) const DB_SERVER: Cat = cat!(
    "database",
    "dbms",
    "Database server",
    40,
    &["Database files"],
    ORDINARY,
    &["sql-dump", "csv"],
    &[]
);
pub(crate) const CLIENTS: Cat = cat!("os", "clients", "Workstations", 0, &[], ORDINARY, &[], &[]);

/// Further infrastructure, with integer weights.
pub(crate) const INFRA: &[(&Cat, u32)] = &[
    (
        &cat!(
            "network",
            "net",
            "Network segment",
            0,
            &[],
            ORDINARY,
            &[],
            &[]
        ),
        35,
    ),
    (
        &cat!(
            "security",
            "sec",
            "Security gateway",
            10,
            &["Log data"],
            ORDINARY,
            &["json"],
            &[]
        ),
        20,
    ),
    (&STORAGE, 20),
    (
        &cat!(
            "telephony",
            "phone",
            "Cloud telephony",
            60,
            &["Call records", "Voice mail"],
            ORDINARY,
            &["csv"],
            &[]
        ),
        15,
    ),
    (&BACKUP, 10),
];

/// Platform systems after the directory, database server and workstations.
pub(crate) const PLATFORM: &[(&Cat, u32)] = &[
    (&DIRECTORY, 15),
    (
        &cat!(
            "os",
            "os",
            "Server operating system",
            0,
            &[],
            ORDINARY,
            &[],
            &[]
        ),
        25,
    ),
    (&DB_SERVER, 25),
    (
        &cat!(
            "mail",
            "mailsrv",
            "Mail server",
            100,
            &["Mailboxes", "Calendars"],
            &[(SH, 80), (SN, 20)],
            &["eml", "mbox", "icalendar", "vcard"],
            &["open-xchange"]
        ),
        10,
    ),
    (
        &cat!(
            "other",
            "mw",
            "Application server",
            20,
            &["Application logs"],
            ORDINARY,
            &["json"],
            &[]
        ),
        25,
    ),
];

/// Data stores (layer `data`).
pub(crate) const DATA: &[(&Cat, u32)] = &[
    (
        &cat!(
            "database",
            "db",
            "Database",
            100,
            &["Case records", "Master data", "Personal data"],
            PERSONAL,
            &["sql-dump", "csv"],
            &[]
        ),
        60,
    ),
    (
        &cat!(
            "storage",
            "share",
            "File share",
            100,
            &["Office documents", "Scans"],
            ORDINARY,
            &["odf", "pdf"],
            &["nextcloud"]
        ),
        25,
    ),
    (
        &cat!(
            "dms",
            "archive",
            "Records archive",
            100,
            &["Electronic files", "Archived records"],
            PERSONAL,
            &["pdfa", "xdomea"],
            &[]
        ),
        15,
    ),
];

/// Applications. `specialist-application` dominates, as in municipal IT.
pub(crate) const SPECIALIST: Cat = cat!(
    "specialist-application",
    "app",
    "",
    80,
    &["Case files", "Personal data", "Fees"],
    PERSONAL,
    &["xml", "csv"],
    &[]
);

pub(crate) const APPS: &[(&Cat, u32)] = &[
    (&SPECIALIST, 45),
    (
        &cat!(
            "office-suite",
            "office",
            "Office suite",
            30,
            &["Documents"],
            ORDINARY,
            &["odf", "ooxml", "pdf"],
            &["libreoffice", "collabora-online", "onlyoffice"]
        ),
        4,
    ),
    (
        &cat!(
            "mail",
            "mail",
            "Mail and calendar",
            100,
            &["Mailboxes", "Calendars", "Contacts"],
            &[(SH, 80), (SN, 20)],
            &["eml", "icalendar", "vcard"],
            &["open-xchange"]
        ),
        3,
    ),
    (
        &cat!(
            "video",
            "video",
            "Video conferencing",
            20,
            &["Recordings"],
            ORDINARY,
            &["json"],
            &["bigbluebutton", "jitsi-meet"]
        ),
        3,
    ),
    (
        &cat!(
            "file-sharing",
            "files",
            "File sharing",
            100,
            &["Shared documents"],
            ORDINARY,
            &["odf", "ooxml", "pdf"],
            &["nextcloud"]
        ),
        3,
    ),
    (
        &cat!(
            "chat",
            "chat",
            "Team chat",
            60,
            &["Chat history"],
            ORDINARY,
            &["json"],
            &["element"]
        ),
        2,
    ),
    (
        &cat!(
            "collaboration",
            "collab",
            "Collaboration platform",
            80,
            &["Team sites", "Documents"],
            ORDINARY,
            &["odf", "json"],
            &["nextcloud", "collabora-online"]
        ),
        3,
    ),
    (
        &cat!(
            "erp",
            "erp",
            "Finance and HR (ERP)",
            100,
            &["Accounting records", "Payroll data"],
            &[(SH, 70), (SC, 20), (SN, 10)],
            &["csv", "xrechnung", "xml"],
            &[]
        ),
        5,
    ),
    (
        &cat!(
            "website",
            "web",
            "Website and citizen portal",
            60,
            &["Web content", "Form submissions"],
            &[(SN, 60), (SL, 40)],
            &["xml", "json"],
            &[]
        ),
        4,
    ),
    (
        &cat!(
            "gis",
            "gis",
            "Geographic information system",
            100,
            &["Geodata", "Land register extracts"],
            ORDINARY,
            &["geopackage"],
            &[]
        ),
        5,
    ),
    (
        &cat!(
            "dms",
            "dms",
            "Document management (e-file)",
            100,
            &["Electronic files"],
            PERSONAL,
            &["pdfa", "xdomea"],
            &[]
        ),
        6,
    ),
    (
        &cat!(
            "crm",
            "crm",
            "Citizen relationship management",
            100,
            &["Contacts", "Requests"],
            PERSONAL,
            &["csv", "vcard"],
            &[]
        ),
        3,
    ),
    (
        &cat!(
            "project-management",
            "pm",
            "Project management",
            80,
            &["Projects", "Tasks"],
            ORDINARY,
            &["json", "csv"],
            &["openproject"]
        ),
        3,
    ),
    (
        &cat!(
            "social-media",
            "social",
            "Social media account",
            40,
            &["Posts"],
            PUBLIC,
            &["json"],
            &["mastodon"]
        ),
        2,
    ),
    (
        &cat!(
            "other",
            "tool",
            "Departmental tool",
            50,
            &["Working data"],
            ORDINARY,
            &["csv", "json"],
            &[]
        ),
        9,
    ),
];

/// Subjects of specialist applications, with the exchange format the
/// German XÖV family defines for them (or a generic one).
pub(crate) const SUBJECTS: &[(&str, &str)] = &[
    ("Residents' registration", "xmeld"),
    ("Civil status", "xpersonenstand"),
    ("Building permits", "xbau"),
    ("Procurement", "xvergabe"),
    ("Health office", "hl7-fhir"),
    ("Social benefits", "xml"),
    ("Youth welfare", "xml"),
    ("Tax assessment", "xml"),
    ("Trade licensing", "xml"),
    ("Vehicle registration", "xml"),
    ("Waste management", "csv"),
    ("Cemetery administration", "csv"),
    ("Public order", "xml"),
    ("Elections", "xml"),
    ("School administration", "csv"),
    ("Library", "xml"),
    ("Fire brigade operations", "xml"),
    ("Parking management", "csv"),
    ("Grants management", "xml"),
    ("Land registry", "xml"),
];

/// The fixed formats: id, name, open, standard.
pub(crate) const FORMATS: &[(&str, &str, bool, Option<&str>)] = &[
    ("odf", "OpenDocument Format", true, Some("ISO/IEC 26300")),
    ("ooxml", "Office Open XML", true, Some("ISO/IEC 29500")),
    ("pdf", "PDF", true, Some("ISO 32000")),
    ("pdfa", "PDF/A", true, Some("ISO 19005")),
    ("csv", "CSV", true, Some("RFC 4180")),
    ("json", "JSON", true, Some("RFC 8259")),
    ("xml", "XML", true, Some("W3C XML 1.0")),
    ("sql-dump", "SQL dump", true, Some("ISO/IEC 9075")),
    ("ldif", "LDIF", true, Some("RFC 2849")),
    ("vcard", "vCard", true, Some("RFC 6350")),
    ("icalendar", "iCalendar", true, Some("RFC 5545")),
    ("eml", "Internet Message Format", true, Some("RFC 5322")),
    ("mbox", "mbox", true, Some("RFC 4155")),
    ("pst", "Outlook Personal Storage Table", false, None),
    ("xmeld", "XMeld", true, Some("XÖV")),
    ("xpersonenstand", "XPersonenstand", true, Some("XÖV")),
    ("xbau", "XBau", true, Some("XÖV")),
    ("xrechnung", "XRechnung", true, Some("EN 16931")),
    ("xdomea", "xdomea", true, Some("XÖV")),
    ("xvergabe", "XVergabe", true, Some("XÖV")),
    ("hl7-fhir", "HL7 FHIR", true, Some("HL7 FHIR R4")),
    ("geopackage", "GeoPackage", true, Some("OGC 12-128r18")),
    ("shapefile", "Esri Shapefile", false, None),
    ("dwg", "DWG", false, None),
    ("vmdk", "Virtual Machine Disk", false, None),
    (
        "ovf",
        "Open Virtualization Format",
        true,
        Some("DMTF DSP0243"),
    ),
];

/// Exchange formats of interfaces, drawn with these weights; `None` stands
/// for the proprietary format of the target system's vendor.
pub(crate) const INTERFACE_FORMATS: &[(Option<&str>, u32)] = &[
    (Some("xml"), 20),
    (Some("json"), 20),
    (Some("csv"), 15),
    (Some("xoev"), 20),
    (None, 25),
];

/// Protocols by format.
pub(crate) fn protocols(format: &str) -> &'static [&'static str] {
    match format {
        "json" => &["REST/HTTPS"],
        "xml" => &["SOAP/HTTPS", "REST/HTTPS"],
        "csv" => &["SFTP", "SMB file drop"],
        "xmeld" | "xpersonenstand" | "xbau" | "xdomea" | "xvergabe" => {
            &["OSCI-Transport 1.2", "XTA 2"]
        }
        "hl7-fhir" => &["REST/HTTPS"],
        _ => &["Proprietary API", "JDBC", "ODBC"],
    }
}

pub(crate) const INTERFACE_PURPOSES: &[&str] = &[
    "Master data synchronisation",
    "Case hand-over",
    "Document transfer",
    "Payment notification",
    "User provisioning",
    "Statistics export",
    "Status updates",
    "Address validation",
    "Fee calculation",
    "Archive transfer",
];

/// Services a municipality delivers: name, whether the public uses it
/// directly, and the category of the application made for it (`None`: the
/// specialist application of the same subject).
pub(crate) const SERVICES: &[(&str, bool, Option<&str>)] = &[
    ("Residents' registration", false, None),
    ("Civil status", false, None),
    ("Vehicle registration", false, None),
    ("Building permits", false, None),
    ("Social benefits", false, None),
    ("Youth welfare", false, None),
    ("Tax assessment", false, None),
    ("Trade licensing", false, None),
    ("Payroll", false, Some("erp")),
    ("Budget and accounting", false, Some("erp")),
    ("Council information", false, Some("dms")),
    ("Online services", true, Some("website")),
    ("Internal communication", false, Some("mail")),
    ("Public information", true, Some("social-media")),
    ("Telephone service centre", true, Some("crm")),
    ("Waste management", true, None),
    ("School administration", false, None),
    ("Library", true, None),
    ("Public order", false, None),
    ("Elections", true, None),
    ("Health office", false, None),
    ("Fire brigade operations", false, None),
    ("Land registry", false, None),
    ("Procurement", false, None),
    ("Records management", false, Some("dms")),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_format_and_catalogue_entry_exists() {
        let known = |f: &str| FORMATS.iter().any(|x| x.0 == f);
        let all = INFRA
            .iter()
            .chain(PLATFORM)
            .chain(DATA)
            .chain(APPS)
            .map(|(c, _)| *c)
            .chain([&UPLINK, &LAN, &FIREWALL, &VIRT, &STORAGE, &BACKUP, &CLIENTS]);
        for c in all {
            for f in c.open {
                assert!(known(f), "{f} of {}", c.word);
            }
            for e in c.catalog {
                assert!(crate::catalog::Catalog::builtin().get(e).is_some(), "{e}");
            }
        }
        for (_, f) in SUBJECTS {
            assert!(known(f), "{f}");
        }
    }
}
