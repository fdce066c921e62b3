//! The review report as a document: sections of headings, sentences,
//! tables and figures, every text already in the report language.
//!
//! [`document`] turns a [`Review`] (the numbers) into a [`Document`] (the
//! words); `render::html` and `render::markdown` then only lay it out, so the
//! two files always say the same. Nothing here computes a result: the
//! sentences quote the numbers of the review and the wording of
//! `render::i18n`.
//!
//! Every text that comes from the model passes [`clean`]: control
//! characters become spaces and Unicode bidirectional overrides and
//! isolates are shown as `[U+202E]`, so a name cannot reorder the text
//! around it (the renderers escape markup on top of that).

use crate::analysis::deadlines::Status;
use crate::analysis::diff::{Change, Diff, Direction, Entered, Reading, Resolved};
use crate::analysis::review::{Review, ScenarioReview, VendorExit};
use crate::analysis::simulate::{RestoreBy, State};
use crate::model::Lang;
use crate::model::duration::DAYS_PER_YEAR;
use crate::render::i18n::{Tr, say};
use serde::Serialize;
use std::collections::BTreeMap;

/// Rows shown of a long table; the rest is counted in a note.
const MAX_ROWS: usize = 25;
/// Contracts listed in the contracts section (most urgent first).
const MAX_CONTRACT_ROWS: usize = 60;
/// Ids named in a sentence before "and N more".
const MAX_NAMED: usize = 8;

/// One cell of a table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    /// Right-aligned (a number).
    pub num: bool,
    /// `bad`, `warn`, `good` or empty: a colour hint for HTML.
    pub tone: &'static str,
    /// The HTML class: `num`, the tone, `nowrap` for short marked values.
    pub class: String,
}

impl Cell {
    fn text(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            num: false,
            tone: "",
            class: String::new(),
        }
    }

    fn num(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            num: true,
            tone: "",
            class: "num".into(),
        }
    }

    /// A short text kept on one line (a legal citation).
    fn short(t: impl Into<String>) -> Cell {
        Cell {
            text: t.into(),
            num: false,
            tone: "",
            class: "nowrap".into(),
        }
    }

    fn tone(mut self, tone: &'static str) -> Cell {
        self.tone = tone;
        let mut class: Vec<&str> = Vec::new();
        if self.num {
            class.push("num");
        }
        if !tone.is_empty() {
            class.push(tone);
            // A short marked value (status, points) stays on one line.
            if self.text.chars().count() <= 24 {
                class.push("nowrap");
            }
        }
        self.class = class.join(" ");
        self
    }
}

/// A key figure of the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kpi {
    pub label: String,
    pub value: String,
    pub note: String,
    pub tone: &'static str,
}

/// A bullet with a bold lead-in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub head: String,
    pub text: String,
}

/// A drawn diagram handed to the document: where it belongs and what it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// Where it belongs: `hotspots`, `landscape`, `deadlines`, `spend`,
    /// `exit:VENDOR` or `cutoff:SCENARIO`.
    pub key: String,
    /// The file next to the report (`diagrams/hotspots.svg`).
    pub file: String,
    pub title: String,
    /// The SVG markup, escaped by the diagram module (inlined in HTML).
    pub svg: String,
    /// What the diagram leaves out or folds, in the report language (the
    /// diagram shows them too; the Markdown repeats them under its link).
    pub notes: Vec<String>,
    /// Which program drew it, when it was laid out as a graph.
    pub drawn: String,
}

/// A piece of a section.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// A sub-heading.
    Heading {
        text: String,
    },
    Para {
        text: String,
    },
    /// Smaller print: how to read the section, caveats.
    Note {
        text: String,
    },
    Items {
        items: Vec<Item>,
    },
    Kpis {
        items: Vec<Kpi>,
    },
    Table {
        caption: String,
        /// A narrow table (two or three columns) that need not span the page.
        compact: bool,
        head: Vec<Cell>,
        rows: Vec<Vec<Cell>>,
        /// What the table leaves out, or how to read it.
        note: String,
    },
    Figure {
        number: usize,
        figure: Figure,
    },
}

/// A numbered section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Section {
    /// Anchor id (`summary`, `hotspots`, ...).
    pub id: &'static str,
    pub number: usize,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The whole report in one language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// `de` or `en` (the HTML `lang` attribute).
    pub lang: &'static str,
    pub title: String,
    pub organisation: String,
    pub subtitle: String,
    pub toc_label: String,
    /// `Abbildung` / `Figure`.
    pub figure_label: String,
    /// Headers of the key figures when they are a table (Markdown).
    pub kpi_label: String,
    pub kpi_value: String,
    pub footer: String,
    pub sections: Vec<Section>,
}

/// A text from the model made safe to show: control characters become
/// spaces (a name stays on one line), and bidirectional embeddings,
/// overrides and isolates are written out as `[U+202E]`, so that a name
/// cannot turn the text after it around.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("[U+{:04X}]", c as u32));
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn join_limited(tr: Tr, items: &[String]) -> String {
    if items.len() <= MAX_NAMED {
        tr.and_list(items)
    } else {
        let mut shown: Vec<String> = items[..MAX_NAMED].to_vec();
        let rest = items.len() - MAX_NAMED;
        shown.push(match tr.lang() {
            Lang::De => format!("{rest} weitere"),
            Lang::En => format!("{rest} more"),
        });
        tr.and_list(&shown)
    }
}

fn more_rows(tr: Tr, shown: usize, total: usize, where_: &str) -> String {
    if total <= shown {
        return String::new();
    }
    match tr.lang() {
        Lang::De => format!(
            "Gezeigt: {} von {}; alle stehen in {where_}.",
            tr.int(shown),
            tr.int(total)
        ),
        Lang::En => format!(
            "Showing {} of {}; {where_} has all of them.",
            tr.int(shown),
            tr.int(total)
        ),
    }
}

fn dots(score: u8, max: u8) -> String {
    let full = score.min(max) as usize;
    format!(
        "{}{} {score}",
        "●".repeat(full),
        "○".repeat(max as usize - full)
    )
}

/// Names of things the report mentions by id.
struct Names {
    systems: BTreeMap<String, String>,
    services: BTreeMap<String, String>,
    vendors: BTreeMap<String, String>,
}

impl Names {
    fn of(r: &Review) -> Names {
        let mut systems: BTreeMap<String, String> = r
            .hotspots
            .systems
            .iter()
            .map(|s| (s.id.clone(), clean(&s.name)))
            .collect();
        for s in &r.snapshot.systems {
            systems
                .entry(s.id.clone())
                .or_insert_with(|| clean(&s.name));
        }
        Names {
            systems,
            services: r
                .services
                .iter()
                .map(|s| (s.id.clone(), clean(&s.name)))
                .collect(),
            vendors: r
                .snapshot
                .vendors
                .iter()
                .map(|v| (v.id.clone(), clean(&v.name)))
                .collect(),
        }
    }

    fn vendor(&self, id: &str) -> String {
        self.vendors.get(id).cloned().unwrap_or_else(|| clean(id))
    }

    fn system(&self, id: &str) -> String {
        self.systems.get(id).cloned().unwrap_or_else(|| clean(id))
    }

    fn service(&self, id: &str) -> String {
        self.services.get(id).cloned().unwrap_or_else(|| clean(id))
    }
}

/// Builds the document of a review; `figures` are the drawn diagrams
/// (none when diagrams are not drawn).
pub fn document(r: &Review, figures: &[Figure]) -> Document {
    let tr = Tr(r.lang);
    let names = Names::of(r);
    let mut b = Builder {
        tr,
        r,
        names: &names,
        figures,
        figure_no: 0,
    };
    let mut sections = vec![
        ("summary", tr.l("overview_title").to_string(), b.summary()),
        (
            "sovereignty",
            tr.l("sovereignty_title").to_string(),
            b.sovereignty(),
        ),
        ("hotspots", tr.l("hotspots_title").to_string(), b.hotspots()),
        (
            "contracts",
            tr.l("contracts_title").to_string(),
            b.contracts(),
        ),
        (
            "exit-plans",
            tr.l("exit_plans_title").to_string(),
            b.exit_plans(),
        ),
        (
            "scenarios",
            tr.l("scenarios_title").to_string(),
            b.scenarios(),
        ),
        ("spend", tr.l("spend_title").to_string(), b.spend()),
    ];
    if let Some(d) = &r.changes {
        sections.push(("changes", tr.l("changes").to_string(), b.changes(d)));
    }
    sections.push(("method", tr.l("method_title").to_string(), b.method()));
    let org = clean(&r.organisation.name);
    Document {
        lang: match r.lang {
            Lang::De => "de",
            Lang::En => "en",
        },
        title: format!("{} {}", tr.l("title"), chrono::Datelike::year(&r.as_of)),
        subtitle: format!(
            "{} {} · {} {}",
            tr.l("as_of"),
            tr.date(r.as_of),
            tr.l("next_review"),
            tr.odate(r.next_review)
        ),
        footer: format!(
            "{org} · {} {} · {} {} {}",
            tr.l("as_of"),
            tr.date(r.as_of),
            tr.l("generated_by"),
            r.tool.name,
            r.tool.version
        ),
        organisation: org,
        toc_label: tr.l("toc").to_string(),
        figure_label: tr.l("diagram_figure").to_string(),
        kpi_label: tr.pick("Kennzahl", "Key figure").to_string(),
        kpi_value: tr.l("value").to_string(),
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(i, (id, title, blocks))| Section {
                id,
                number: i + 1,
                title,
                blocks,
            })
            .collect(),
    }
}

struct Builder<'a> {
    tr: Tr,
    r: &'a Review,
    names: &'a Names,
    figures: &'a [Figure],
    figure_no: usize,
}

impl Builder<'_> {
    fn de(&self) -> bool {
        self.tr.lang() == Lang::De
    }

    fn money(&self, x: f64) -> String {
        self.tr.money(x, &self.r.organisation.currency)
    }

    fn figure(&mut self, key: &str, out: &mut Vec<Block>) {
        for f in self.figures.iter().filter(|f| f.key == key) {
            self.figure_no += 1;
            out.push(Block::Figure {
                number: self.figure_no,
                figure: f.clone(),
            });
        }
    }

    fn table(caption: String, mut head: Vec<Cell>, rows: Vec<Vec<Cell>>, note: String) -> Block {
        // A column of numbers gets a right-aligned header.
        for (i, h) in head.iter_mut().enumerate() {
            if !rows.is_empty() && rows.iter().all(|r| r.get(i).is_some_and(|c| c.num)) {
                h.num = true;
                h.class = "num".into();
            }
        }
        Block::Table {
            caption,
            compact: head.len() <= 3,
            head,
            rows,
            note,
        }
    }

    fn head(&self, keys: &[&'static str]) -> Vec<Cell> {
        keys.iter().map(|k| Cell::text(self.tr.l(k))).collect()
    }

    // ---- 1. summary -----------------------------------------------------------

    fn summary(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let s = &r.summary;
        let c = &r.counts;
        let org = clean(&r.organisation.name);
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Diese Prüfung zeigt für {org}, wie abhängig die IT von ihren Anbietern ist, was ein Ausfall eines Anbieters bedeuten würde und welche Entscheidungen bis zur nächsten Prüfung anstehen. Grundlage ist das Landschaftsmodell zum Stichtag {}: {} im Einsatz, {}, {} über {} im Jahr und {}.",
                    tr.date(r.as_of),
                    tr.count(c.in_use, "System", "Systeme", "", ""),
                    tr.count(c.vendors, "Anbieter", "Anbieter", "", ""),
                    tr.count(c.contracts, "Vertrag", "Verträge", "", ""),
                    self.money(c.annual_cost),
                    tr.count(c.services, "Dienst", "Dienste", "", ""),
                ),
                format!(
                    "This review shows for {org} how dependent its IT is on its vendors, what the loss of a vendor would mean, and which decisions are due before the next review. It rests on the landscape model as of {}: {} in use, {}, {} worth {} a year, and {}.",
                    tr.date(r.as_of),
                    tr.count(c.in_use, "", "", "system", "systems"),
                    tr.count(c.vendors, "", "", "vendor", "vendors"),
                    tr.count(c.contracts, "", "", "contract", "contracts"),
                    self.money(c.annual_cost),
                    tr.count(c.services, "", "", "service", "services"),
                ),
            ),
        }];
        out.push(Block::Kpis { items: self.kpis() });
        out.push(Block::Items {
            items: self.key_points(),
        });
        // The five dimensions at a glance.
        let rows = r
            .sovereignty
            .dimensions
            .iter()
            .map(|d| {
                vec![
                    Cell::text(tr.dimension(d.key)),
                    Cell::text(dots(d.score, 5)).tone(score_tone(d.score)),
                ]
            })
            .chain(std::iter::once(vec![
                Cell::text(format!(
                    "{} ({})",
                    tr.l("total"),
                    tr.level(s.sovereignty.level)
                )),
                Cell::text(format!("{} / {}", s.sovereignty.total, s.sovereignty.max))
                    .tone(level_tone(s.sovereignty.level)),
            ]))
            .collect();
        out.push(Self::table(
            tr.l("sovereignty_title").to_string(),
            self.head(&["dimension", "points"]),
            rows,
            String::new(),
        ));
        // Top hotspots.
        if !s.hotspots.is_empty() {
            let rows = s
                .hotspots
                .iter()
                .map(|h| {
                    vec![
                        Cell::num(h.rank.to_string()),
                        Cell::text(clean(&h.name)),
                        Cell::text(
                            h.vendor_group_name
                                .as_deref()
                                .map(clean)
                                .unwrap_or_else(|| tr.pick("eigen", "in-house").to_string()),
                        ),
                        Cell::num(tr.num(h.score, 1)),
                        Cell::num(tr.num(h.hotspot, 1)),
                        Cell::text(tr.factor(h.largest_factor)),
                    ]
                })
                .collect();
            out.push(Self::table(
                say!(
                    self.tr,
                    format!("Die {} größten Abhängigkeiten", s.hotspots.len()),
                    format!("The {} largest dependencies", s.hotspots.len()),
                ),
                self.head(&[
                    "rank",
                    "system",
                    "vendor_group",
                    "score",
                    "hotspot",
                    "largest_factor",
                ]),
                rows,
                String::new(),
            ));
        }
        // Decisions.
        let d = &s.decisions;
        if !d.contracts.is_empty() {
            let shown = d
                .contracts
                .len()
                .min(crate::analysis::review::SUMMARY_DECISIONS);
            let rows = d.contracts[..shown]
                .iter()
                .map(|k| {
                    vec![
                        Cell::text(clean(k.name.as_deref().unwrap_or(&k.contract))),
                        Cell::text(clean(&k.vendor_name)),
                        Cell::text(tr.contract_status(k.status)).tone(status_tone(k.status)),
                        Cell::text(match k.act_by {
                            Some(x) => tr.date(x),
                            None => tr
                                .pick("kein Ausstieg erreichbar", "no exit reachable")
                                .to_string(),
                        }),
                        Cell::text(if k.status == Status::Overdue {
                            tr.odate(k.feasible_exit)
                        } else {
                            tr.odate(k.next_exit)
                        }),
                        Cell::num(
                            k.annual_cost
                                .map(|x| self.money(x))
                                .unwrap_or_else(|| "–".into()),
                        ),
                    ]
                })
                .collect();
            let mut note = say!(self.tr,
                "„Handeln bis“: der letzte Tag, um den Wechsel zu beginnen, damit er zum genannten Vertragsende fertig ist; bei überfälligen Verträgen für das früheste noch erreichbare Ende. „Kein Ausstieg erreichbar“: der Vertrag endet, bevor ein Wechsel fertig wäre; verlängern oder eine Übergangslösung planen.".to_string(),
                "“Act by”: the last day to start the switch so that it is finished by the exit shown; for overdue contracts, by the earliest exit still reachable. “No exit reachable”: the contract ends before a switch could be finished; extend it or plan a bridge.".to_string(),
            );
            if shown < d.contracts.len() {
                note.push(' ');
                note.push_str(&say!(
                    self.tr,
                    format!(
                        "Weitere {} Verträge in Abschnitt 4.",
                        d.contracts.len() - shown
                    ),
                    format!("{} more contracts in section 4.", d.contracts.len() - shown),
                ));
            }
            out.push(Self::table(
                tr.l("decisions_title").to_string(),
                self.head(&[
                    "contract",
                    "vendor",
                    "status",
                    "act_by",
                    "exit_on",
                    "annual_cost",
                ]),
                rows,
                note,
            ));
        }
        out
    }

    fn kpis(&self) -> Vec<Kpi> {
        let (tr, r) = (self.tr, self.r);
        let s = &r.summary;
        let mut out = vec![Kpi {
            label: tr.pick("Souveränität", "Sovereignty").into(),
            value: format!("{} / {}", s.sovereignty.total, s.sovereignty.max),
            note: tr.level(s.sovereignty.level).into(),
            tone: level_tone(s.sovereignty.level),
        }];
        let d = &s.decisions;
        out.push(Kpi {
            label: say!(
                self.tr,
                format!("Entscheidungen bis {}", tr.odate(r.next_review)),
                format!("Decisions by {}", tr.odate(r.next_review)),
            ),
            value: tr.int(d.contracts.len()),
            note: say!(
                self.tr,
                format!("{} überfällig, {} fällig", d.overdue, d.due),
                format!("{} overdue, {} due", d.overdue, d.due),
            ),
            tone: if d.overdue > 0 {
                "bad"
            } else if d.due > 0 {
                "warn"
            } else {
                "good"
            },
        });
        let sp = &s.spend;
        out.push(Kpi {
            label: tr
                .pick(
                    "Ausgaben außerhalb vertrauenswürdiger Rechtsräume",
                    "Spend outside trusted jurisdictions",
                )
                .into(),
            value: tr.pct(sp.untrusted_share),
            note: say!(
                self.tr,
                format!(
                    "{} von {} im Jahr",
                    self.money(sp.untrusted_cost),
                    self.money(sp.total)
                ),
                format!(
                    "{} of {} a year",
                    self.money(sp.untrusted_cost),
                    self.money(sp.total)
                ),
            ),
            tone: if sp.untrusted_share >= 0.5 {
                "bad"
            } else if sp.untrusted_share > 0.0 {
                "warn"
            } else {
                "good"
            },
        });
        out.push(match &s.worst_scenario {
            Some(w) => Kpi {
                label: tr.pick("Schlimmstes Szenario", "Worst scenario").into(),
                value: say!(
                    self.tr,
                    format!("{} von {}", w.services_down, w.services_total),
                    format!("{} of {}", w.services_down, w.services_total),
                ),
                note: tr.pick("Diensten fallen aus", "services stop").to_string(),
                tone: if w.critical_services_down > 0 {
                    "bad"
                } else {
                    "warn"
                },
            },
            None => Kpi {
                label: tr.pick("Schlimmstes Szenario", "Worst scenario").into(),
                value: "0".into(),
                note: if r.counts.scenarios == 0 {
                    tr.pick("keine Szenarien im Modell", "no scenarios in the model")
                } else {
                    tr.pick(
                        "kein Szenario stoppt einen Dienst",
                        "no scenario stops a service",
                    )
                }
                .into(),
                tone: if r.counts.scenarios == 0 { "" } else { "good" },
            },
        });
        out
    }

    fn key_points(&self) -> Vec<Item> {
        let (tr, r) = (self.tr, self.r);
        let s = &r.summary;
        let mut items = Vec::new();
        // Sovereignty.
        let sv = &s.sovereignty;
        let weakest: Vec<String> = sv
            .weakest
            .iter()
            .map(|k| match tr.lang() {
                Lang::De => format!("„{}“", tr.dimension(k)),
                Lang::En => format!("“{}”", tr.dimension(k)),
            })
            .collect();
        let min = sv.scores.iter().map(|d| d.score).min().unwrap_or(0);
        items.push(Item {
            head: tr.pick("Souveränität.", "Sovereignty.").into(),
            text: say!(self.tr,
                format!(
                    "Die Selbstprüfung in fünf Dimensionen ergibt {} von {} Punkten, die Stufe „{}“ ({}). Am schwächsten: {} ({} von 5 Punkten).",
                    sv.total,
                    sv.max,
                    tr.level(sv.level),
                    tr.level_range(sv.level),
                    tr.and_list(&weakest),
                    min
                ),
                format!(
                    "The self-check in five dimensions gives {} of {} points, the level “{}” ({}). Weakest: {} ({} of 5 points).",
                    sv.total,
                    sv.max,
                    tr.level(sv.level),
                    tr.level_range(sv.level),
                    tr.and_list(&weakest),
                    min
                ),
            ),
        });
        // Worst scenario.
        items.push(Item {
            head: tr.pick("Notfall.", "Emergency.").into(),
            text: match &s.worst_scenario {
                Some(w) => {
                    let name = clean(w.name.as_deref().unwrap_or(&w.scenario));
                    let first = match (w.first_down_day, self.de()) {
                        (Some(0), true) => "der erste sofort (Tag 0)".to_string(),
                        (Some(d), true) => format!("der erste ab Tag {d}"),
                        (Some(0), false) => "the first at once (day 0)".to_string(),
                        (Some(d), false) => format!("the first from day {d}"),
                        (None, _) => String::new(),
                    };
                    let breach = if w.services_breached == 0 {
                        say!(self.tr,
                            "Alle wären innerhalb ihrer tolerierbaren Ausfallzeit wieder verfügbar.".into(),
                            "All would be back within their maximum tolerable outage.".into(),
                        )
                    } else {
                        say!(self.tr,
                            format!(
                                "Bei {} würde die tolerierbare Ausfallzeit überschritten.",
                                tr.count(w.services_breached, "Dienst", "Diensten", "", "")
                            ),
                            format!(
                                "{} would be down longer than tolerable.",
                                tr.count(w.services_breached, "", "", "service", "services")
                            ),
                        )
                    };
                    say!(self.tr,
                        format!(
                            "Im schlimmsten Szenario des Modells, „{name}“, stünden {} von {} Diensten still, davon {} mit hoher oder kritischer Bedeutung; {first}. {breach}",
                            w.services_down, w.services_total, w.critical_services_down
                        ),
                        format!(
                            "In the model's worst scenario, “{name}”, {} of {} services would stop, {} of them of high or critical importance; {first}. {breach}",
                            w.services_down, w.services_total, w.critical_services_down
                        ),
                    )
                }
                None if r.counts.scenarios == 0 => tr
                    .pick(
                        "Das Modell enthält keine Notfallszenarien; die Prüfung kann nicht zeigen, was ein Ausfall eines Anbieters bedeuten würde.",
                        "The model has no emergency scenarios; the review cannot show what the loss of a vendor would mean.",
                    )
                    .into(),
                None => tr
                    .pick(
                        "Kein Szenario des Modells stoppt einen Dienst.",
                        "No scenario of the model stops a service.",
                    )
                    .into(),
            },
        });
        // Hotspots.
        if !s.hotspots.is_empty() {
            let names: Vec<String> = s.hotspots.iter().map(|h| clean(&h.name)).collect();
            let spof = r
                .hotspots
                .vendors
                .iter()
                .filter(|v| !v.single_point_for.is_empty())
                .count();
            let mut text = say!(
                self.tr,
                format!(
                    "Am stärksten gebunden, gewichtet nach dem, was darauf beruht, sind {}.",
                    tr.and_list(&names)
                ),
                format!(
                    "Most locked in, weighted by what rests on them: {}.",
                    tr.and_list(&names)
                ),
            );
            if spof > 0 {
                text.push(' ');
                text.push_str(&say!(
                    self.tr,
                    format!(
                        "{} allein kritische Dienste stoppen.",
                        tr.count(
                            spof,
                            "Anbietergruppe kann",
                            "Anbietergruppen können",
                            "",
                            ""
                        )
                    ),
                    format!(
                        "{} can stop critical services on {}.",
                        tr.count(spof, "", "", "vendor group", "vendor groups"),
                        if spof == 1 { "its own" } else { "their own" }
                    ),
                ));
            }
            items.push(Item {
                head: tr.pick("Abhängigkeiten.", "Dependencies.").into(),
                text,
            });
        }
        // Decisions.
        let d = &s.decisions;
        let next = tr.odate(r.next_review);
        items.push(Item {
            head: tr.pick("Fristen.", "Deadlines.").into(),
            text: if d.contracts.is_empty() {
                say!(self.tr,
                    format!("Kein Vertrag braucht vor der nächsten Prüfung am {next} eine Entscheidung."),
                    format!("No contract needs a decision before the next review on {next}."),
                )
            } else {
                let mut t = say!(self.tr,
                    format!(
                        "Bei {} mit zusammen {} im Jahr ist vor der nächsten Prüfung am {next} zu entscheiden, ob gewechselt wird.",
                        tr.count(d.contracts.len(), "Vertrag", "Verträgen", "", ""),
                        self.money(d.annual_cost)
                    ),
                    format!(
                        "{} worth {} a year need a decision on switching before the next review on {next}.",
                        tr.count(d.contracts.len(), "", "", "contract", "contracts"),
                        self.money(d.annual_cost)
                    ),
                );
                if d.overdue > 0 {
                    t.push(' ');
                    t.push_str(&say!(self.tr,
                        format!(
                            "Bei {} davon ist die Entscheidungsfrist schon verstrichen: Ein Wechsel bis zum nächsten Vertragsende ist nicht mehr zu schaffen; das früheste erreichbare Ende nennt Abschnitt 4.",
                            d.overdue
                        ),
                        format!(
                            "For {} of them the decision deadline has passed: a switch can no longer be finished by the next contract end; section 4 gives the earliest exit still reachable.",
                            d.overdue
                        ),
                    ));
                }
                t
            },
        });
        // Spend.
        let sp = &s.spend;
        let countries: Vec<String> = sp
            .untrusted_countries
            .iter()
            .map(|c| c.to_string())
            .collect();
        let mut text = if sp.total > 0.0 {
            say!(
                self.tr,
                format!(
                    "Von {} jährlichen Vertragskosten fließen {} ({}) an Anbieter, deren Konzern dem Recht eines Staates außerhalb der vertrauenswürdigen Rechtsräume unterliegt{}.",
                    self.money(sp.total),
                    self.money(sp.untrusted_cost),
                    tr.pct(sp.untrusted_share),
                    if countries.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", countries.join(", "))
                    }
                ),
                format!(
                    "Of {} in annual contract costs, {} ({}) go to vendors whose group is subject to the law of a state outside the trusted jurisdictions{}.",
                    self.money(sp.total),
                    self.money(sp.untrusted_cost),
                    tr.pct(sp.untrusted_share),
                    if countries.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", countries.join(", "))
                    }
                ),
            )
        } else {
            tr.pick(
                "Das Modell nennt keine Vertragskosten.",
                "The model records no contract costs.",
            )
            .to_string()
        };
        if let Some(l) = &sp.largest {
            text.push(' ');
            text.push_str(&say!(
                self.tr,
                format!(
                    "Die Ausgaben sind {} (HHI {}); die größte Anbietergruppe, {}, erhält {}.",
                    tr.band(sp.band),
                    tr.num(sp.hhi, 0),
                    clean(&l.name),
                    tr.pct(l.share)
                ),
                format!(
                    "Spend is {} (HHI {}); the largest vendor group, {}, receives {}.",
                    tr.band(sp.band),
                    tr.num(sp.hhi, 0),
                    clean(&l.name),
                    tr.pct(l.share)
                ),
            ));
        }
        items.push(Item {
            head: tr.pick("Geld.", "Money.").into(),
            text,
        });
        if s.data_act_findings > 0 {
            items.push(Item {
                head: "EU Data Act.".into(),
                text: say!(
                    self.tr,
                    format!(
                        "{} in Cloud-Verträgen (Abschnitt 4).",
                        tr.count(s.data_act_findings, "Befund", "Befunde", "", "")
                    ),
                    format!(
                        "{} in cloud contracts (section 4).",
                        tr.count(s.data_act_findings, "", "", "finding", "findings")
                    ),
                ),
            });
        }
        if let Some(d) = &r.changes {
            items.push(Item {
                head: tr
                    .pick("Seit der letzten Prüfung.", "Since the last review.")
                    .into(),
                text: self.change_summary(d),
            });
        }
        items
    }

    fn change_summary(&self, d: &Diff) -> String {
        let tr = self.tr;
        let mut parts = vec![say!(
            self.tr,
            format!(
                "Souveränität {} → {} Punkte",
                d.sovereignty.total.old, d.sovereignty.total.new
            ),
            format!(
                "sovereignty {} → {} points",
                d.sovereignty.total.old, d.sovereignty.total.new
            ),
        )];
        parts.push(say!(
            self.tr,
            format!(
                "Ausgaben außerhalb vertrauenswürdiger Rechtsräume {} → {}",
                tr.pct(d.spend.untrusted_share.old),
                tr.pct(d.spend.untrusted_share.new)
            ),
            format!(
                "spend outside trusted jurisdictions {} → {}",
                tr.pct(d.spend.untrusted_share.old),
                tr.pct(d.spend.untrusted_share.new)
            ),
        ));
        parts.push(say!(
            self.tr,
            format!(
                "{} aus der Hotspot-Liste gelöst, {} neu darin",
                d.hotspots.resolved.len(),
                d.hotspots.new.len()
            ),
            format!(
                "{} left the hotspot list, {} entered it",
                d.hotspots.resolved.len(),
                d.hotspots.new.len()
            ),
        ));
        let mut s = parts.join("; ");
        s.push_str(&say!(
            self.tr,
            format!(
                " (Vergleich mit dem Stichtag {}; Einzelheiten in Abschnitt „{}“).",
                tr.date(d.old.as_of),
                tr.l("changes")
            ),
            format!(
                " (compared with {}; details in the section “{}”).",
                tr.date(d.old.as_of),
                tr.l("changes")
            ),
        ));
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => s,
        }
    }

    // ---- 2. sovereignty ---------------------------------------------------------

    fn sovereignty(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let sv = &r.sovereignty;
        let target = tr.duration(r.organisation.switch_target);
        let mut out = vec![Block::Para {
            text: tr
                .pick(
                    "Die Selbstprüfung folgt den fünf Dimensionen des kommunalen Leitfadens. Jede Dimension wird aus dem Modell gezählt und erhält 1 bis 5 Punkte: unter 20 % ein Punkt, unter 40 % zwei, unter 60 % drei, unter 80 % vier, sonst fünf. Eine Dimension, die das Modell nicht belegt, erhält einen Punkt. Die Summe reicht von 5 bis 25: 5 bis 10 Punkte „kritisch abhängig“, 11 bis 18 „hybrid“, 19 bis 25 „souverän auf Kurs“.",
                    "The self-check follows the five dimensions of the municipal guideline. Each dimension is counted from the model and scores 1 to 5 points: below 20 % one point, below 40 % two, below 60 % three, below 80 % four, else five. A dimension the model does not show scores one point. The total runs from 5 to 25: 5 to 10 points “critically dependent”, 11 to 18 “hybrid”, 19 to 25 “sovereign on course”.",
                )
                .into(),
        }];
        let mut rows: Vec<Vec<Cell>> = sv
            .dimensions
            .iter()
            .map(|d| {
                let met = match (d.key, r.organisation.it_competence) {
                    ("competence", Some(c)) => say!(
                        self.tr,
                        format!("Selbsteinschätzung {c} von 5"),
                        format!("self-assessed {c} of 5"),
                    ),
                    _ => say!(
                        self.tr,
                        format!("{} von {}", tr.int(d.met), tr.int(d.of)),
                        format!("{} of {}", tr.int(d.met), tr.int(d.of)),
                    ),
                };
                vec![
                    Cell::text(tr.dimension(d.key)),
                    Cell::text(tr.dimension_criterion(d.key, &target)),
                    Cell::num(met),
                    Cell::num(tr.pct(d.share)),
                    Cell::text(dots(d.score, 5)).tone(score_tone(d.score)),
                ]
            })
            .collect();
        rows.push(vec![
            Cell::text(tr.l("total")),
            Cell::text(format!("{}: {}", tr.l("level"), tr.level(sv.level))),
            Cell::text(""),
            Cell::text(""),
            Cell::text(format!("{} / 25", sv.total)).tone(level_tone(sv.level)),
        ]);
        out.push(Self::table(
            String::new(),
            self.head(&["dimension", "criterion", "share_met", "share", "points"]),
            rows,
            String::new(),
        ));
        let pulls: Vec<Item> = sv
            .dimensions
            .iter()
            .filter(|d| !d.pulled_down_by.is_empty())
            .map(|d| {
                let names: Vec<String> = d
                    .pulled_down_by
                    .iter()
                    .map(|p| {
                        if p.kind == "system" {
                            self.names.system(&p.id)
                        } else {
                            clean(&p.id)
                        }
                    })
                    .collect();
                Item {
                    head: format!("{}:", tr.dimension(d.key)),
                    text: join_limited(tr, &names),
                }
            })
            .collect();
        if !pulls.is_empty() {
            out.push(Block::Heading {
                text: tr.l("pulled_down_by").into(),
            });
            out.push(Block::Items { items: pulls });
            out.push(Block::Note {
                text: tr
                    .pick(
                        "Die Gründe im Einzelnen zeigt „exitgraph score MODELL“.",
                        "“exitgraph score MODEL” gives the reason for each.",
                    )
                    .into(),
            });
        }
        out
    }

    // ---- 3. hotspots -----------------------------------------------------------

    fn hotspots(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let h = &r.hotspots;
        let floor = tr.num1(h.impact_floor);
        let rest = tr.num1(1.0 - h.impact_floor);
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Der Lock-in-Wert (0 bis 100) misst, wie schwer ein System zu ersetzen ist; er ist die Summe von acht Faktoren: Datenportabilität, Schnittstellen, fehlende Alternativen, Wechseldauer, Vertragsbedingungen, Rechtsraum, Lizenz und Kritikalität. Die Wirkung (0 bis 1) misst, was auf dem System beruht: seine Nutzer und die Dienste, die ohne es ausfallen. Der Hotspot-Wert verbindet beides: Lock-in × ({floor} + {rest} × Wirkung)."
                ),
                format!(
                    "The lock-in score (0 to 100) measures how hard a system is to replace; it is the sum of eight factors: data portability, interfaces, missing alternatives, switch time, contract terms, jurisdiction, licence and criticality. The impact (0 to 1) measures what rests on the system: its users and the services that stop without it. The hotspot combines both: lock-in × ({floor} + {rest} × impact)."
                ),
            ),
        }];
        let top = r.method.hotspot_top.min(h.systems.len());
        let rows = h.systems[..top]
            .iter()
            .map(|s| {
                let mut largest = ("", f64::NEG_INFINITY);
                for f in &s.factors {
                    if f.points > largest.1 {
                        largest = (f.name, f.points);
                    }
                }
                vec![
                    Cell::num(s.rank.to_string()),
                    Cell::text(clean(&s.name)),
                    Cell::text(clean(&s.category)),
                    Cell::num(tr.num(s.score, 1)),
                    Cell::num(tr.num(s.impact, 2)),
                    Cell::num(tr.num(s.hotspot, 1)),
                    Cell::text(tr.factor(largest.0)),
                ]
            })
            .collect();
        out.push(Self::table(
            say!(
                self.tr,
                format!("Die {top} größten Lock-in-Hotspots"),
                format!("The top {top} lock-in hotspots"),
            ),
            self.head(&[
                "rank",
                "system",
                "category",
                "score",
                "impact",
                "hotspot",
                "largest_factor",
            ]),
            rows,
            more_rows(tr, top, h.systems.len(), "hotspots.csv"),
        ));
        // Factor points of the same systems.
        if let Some(first) = h.systems.first() {
            let mut head = vec![Cell::text(tr.l("system"))];
            head.extend(
                first.factors.iter().map(|f| {
                    Cell::num(format!("{} ({})", tr.factor_short(f.name), tr.num1(f.max)))
                }),
            );
            let rows = h.systems[..top]
                .iter()
                .map(|s| {
                    let mut row = vec![Cell::text(clean(&s.name))];
                    row.extend(s.factors.iter().map(|f| Cell::num(tr.num(f.points, 1))));
                    row
                })
                .collect();
            out.push(Self::table(
                tr.pick(
                    "Woraus sich der Lock-in zusammensetzt (Punkte je Faktor, in Klammern das Höchstmaß)",
                    "What the lock-in is made of (points per factor, maximum in brackets)",
                )
                .into(),
                head,
                rows,
                tr.pick(
                    "„exitgraph explain MODELL SYSTEM“ begründet jeden Faktor.",
                    "“exitgraph explain MODEL SYSTEM” gives the reason for every factor.",
                )
                .into(),
            ));
        }
        // Systems without a recorded alternative, with the catalogue's
        // suggestions for their category.
        let missing = &r.without_alternatives;
        let with: Vec<_> = missing
            .iter()
            .filter(|x| !x.suggestions.is_empty())
            .collect();
        let bare = missing.len() - with.len();
        if !missing.is_empty() {
            let shown = with.len().min(r.method.hotspot_top);
            let rows = with[..shown]
                .iter()
                .map(|x| {
                    let list: Vec<String> = x
                        .suggestions
                        .iter()
                        .map(|e| {
                            let open = e.licence == "open-source";
                            format!(
                                "{} ({}, {})",
                                clean(&e.name),
                                clean(&e.country),
                                tr.pick(
                                    if open { "Open Source" } else { "proprietär" },
                                    if open { "open source" } else { "proprietary" },
                                )
                            )
                        })
                        .collect();
                    vec![
                        Cell::num(x.rank.to_string()),
                        Cell::text(clean(&x.name)),
                        Cell::text(clean(&x.category)),
                        Cell::text(list.join("; ")),
                    ]
                })
                .collect();
            let n_missing = tr.count(missing.len(), "System", "Systeme", "system", "systems");
            let mut note = say!(
                self.tr,
                format!(
                    "Für {} im Einsatz nennt das Modell keine Alternative. Die Katalogeinträge sind ein Ausgangspunkt für eine Marktsichtung, keine geprüfte Empfehlung („exitgraph catalog“ zeigt alle); eine im Modell eingetragene Alternative (Schlüssel „alternatives“) senkt den Lock-in-Wert.",
                    n_missing
                ),
                format!(
                    "The model names no alternative for {} in use. Catalogue entries are a starting point for a market review, not a checked recommendation (“exitgraph catalog” lists them all); an alternative recorded in the model (key “alternatives”) lowers the lock-in score.",
                    n_missing
                ),
            );
            if bare > 0 {
                note.push(' ');
                note.push_str(&say!(self.tr,
                    format!(
                        "Für {} davon kennt der Katalog für die Kategorie nichts; dort hilft nur eine eigene Marktsichtung.",
                        bare
                    ),
                    format!(
                        "For {} of them the catalogue knows nothing in their category; only a market review of your own helps there.",
                        bare
                    ),
                ));
            }
            if with.is_empty() {
                out.push(Block::Para { text: note });
            } else {
                out.push(Self::table(
                    say!(
                        self.tr,
                        "Ohne erfasste Alternative: was der eingebaute Katalog kennt".to_string(),
                        "Without a recorded alternative: what the built-in catalogue knows"
                            .to_string(),
                    ),
                    self.head(&["rank", "system", "category", "catalogue"]),
                    rows,
                    note,
                ));
            }
        }
        self.figure("hotspots", &mut out);
        // Vendor groups.
        out.push(Block::Heading {
            text: tr.pick("Anbietergruppen", "Vendor groups").into(),
        });
        out.push(Block::Para {
            text: tr
                .pick(
                    "Tochtergesellschaften zählen mit ihrem Konzern: Eine deutsche Tochter eines US-Konzerns unterliegt dem US-Recht. Der Anbieterwert (0 bis 100) setzt sich aus dem Lock-in des am stärksten gebundenen Systems der Gruppe, ihrem Anteil an den Ausgaben und den kritischen Diensten zusammen, die ein Ausfall der Gruppe allein stoppen würde.",
                    "Subsidiaries count with their group: a German subsidiary of a US group is subject to US law. The vendor score (0 to 100) combines the lock-in of the group's most locked-in system, its share of spend and the critical services that the loss of this group alone would stop.",
                )
                .into(),
        });
        let shown = h.vendors.len().min(r.method.hotspot_top);
        let rows = h.vendors[..shown]
            .iter()
            .map(|v| {
                let spof = v.single_point_for.len();
                vec![
                    Cell::text(clean(&v.name)),
                    Cell::text(v.country.to_string()),
                    Cell::num(tr.num(v.score, 1)),
                    Cell::num(tr.pct(v.spend_share)),
                    Cell::num(self.money(v.annual_cost)),
                    Cell::num(spof.to_string()).tone(if spof > 0 { "bad" } else { "" }),
                ]
            })
            .collect();
        out.push(Self::table(
            String::new(),
            self.head(&[
                "vendor_group",
                "country",
                "lockin",
                "share",
                "annual_cost",
                "single_point",
            ]),
            rows,
            more_rows(tr, shown, h.vendors.len(), "review.json"),
        ));
        let spof: Vec<Item> = h
            .vendors
            .iter()
            .filter(|v| !v.single_point_for.is_empty())
            .map(|v| {
                let services: Vec<String> = v
                    .single_point_for
                    .iter()
                    .map(|s| self.names.service(s))
                    .collect();
                let when = match (v.single_point_day, self.de()) {
                    (Some(0), true) => " (sofort)".to_string(),
                    (Some(d), true) => format!(" (ab Tag {d})"),
                    (Some(0), false) => " (at once)".to_string(),
                    (Some(d), false) => format!(" (from day {d})"),
                    (None, _) => String::new(),
                };
                Item {
                    head: format!("{}{when}:", clean(&v.name)),
                    text: join_limited(tr, &services),
                }
            })
            .collect();
        if !spof.is_empty() {
            out.push(Block::Heading {
                text: tr
                    .pick(
                        "Einzelne Ausfallpunkte: Anbieter, die allein kritische Dienste stoppen",
                        "Single points of failure: vendors that alone stop critical services",
                    )
                    .into(),
            });
            out.push(Block::Items { items: spof });
        }
        self.figure("landscape", &mut out);
        out
    }

    // ---- 4. contracts -------------------------------------------------------------

    fn contracts(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let d = &r.deadlines;
        let count = |s: Status| d.contracts.iter().filter(|c| c.status == s).count();
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Für jeden Vertrag: das nächste Vertragsende, zu dem ein Ausstieg möglich ist, bis wann gekündigt werden muss, und die Entscheidungsfrist: das nächste Vertragsende abzüglich der Umstellungsdauer (80. Perzentil des Ausstiegsplans der abgedeckten Systeme) oder die Kündigungsfrist, wenn sie früher liegt. „Überfällig“: die Entscheidungsfrist ist verstrichen. „Fällig“: sie liegt vor der nächsten Prüfung am {}. Stand: {} überfällig, {} fällig, {} später, {} abgelaufen.",
                    tr.odate(d.horizon_end),
                    count(Status::Overdue),
                    count(Status::Due),
                    count(Status::Ok),
                    count(Status::Expired)
                ),
                format!(
                    "For each contract: the next term end at which it can be left, the last day to give notice, and the decision deadline: the next exit minus the migration time (80th percentile of the exit plan of the systems it covers), or the notice deadline if that is earlier. “Overdue”: the decision deadline has passed. “Due”: it falls before the next review on {}. Now: {} overdue, {} due, {} later, {} expired.",
                    tr.odate(d.horizon_end),
                    count(Status::Overdue),
                    count(Status::Due),
                    count(Status::Ok),
                    count(Status::Expired)
                ),
            ),
        }];
        let shown = d.contracts.len().min(MAX_CONTRACT_ROWS);
        let rows = d.contracts[..shown]
            .iter()
            .map(|c| {
                vec![
                    Cell::text(tr.contract_status(c.status)).tone(status_tone(c.status)),
                    Cell::text(clean(c.name.as_deref().unwrap_or(&c.id))),
                    Cell::text(clean(&c.vendor_name)),
                    Cell::num(
                        c.annual_cost
                            .map(|x| self.money(x))
                            .unwrap_or_else(|| "–".into()),
                    ),
                    Cell::text(tr.odate(c.next_exit)),
                    Cell::text(tr.odate(c.notice_deadline)),
                    Cell::num(tr.span(c.p80_days)),
                    Cell::text(tr.odate(c.decision_deadline)),
                    Cell::text(tr.odate(c.feasible_exit)),
                ]
            })
            .collect();
        out.push(Self::table(
            String::new(),
            self.head(&[
                "status",
                "contract",
                "vendor",
                "annual_cost",
                "next_exit",
                "notice_by",
                "migration_p80",
                "decide_by",
                "earliest_exit",
            ]),
            rows,
            {
                let mut n = tr
                    .pick(
                        "Alle Fristen stehen auch in deadlines.ics, mit Erinnerungen 90 und 30 Tage vorher.",
                        "Every deadline is also in deadlines.ics, with reminders 90 and 30 days before.",
                    )
                    .to_string();
                let more = more_rows(tr, shown, d.contracts.len(), "review.json");
                if !more.is_empty() {
                    n.push(' ');
                    n.push_str(&more);
                }
                n
            },
        ));
        self.figure("deadlines", &mut out);
        out.push(Block::Heading {
            text: tr.l("data_act").into(),
        });
        if d.data_act.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick(
                        "Keine Befunde: Die Cloud-Verträge des Modells halten die geprüften Regeln ein (höchstens zwei Monate Kündigungsfrist, mindestens 30 Tage zum Datenabruf, kein Wechselentgelt ab dem 12.01.2027).",
                        "No findings: the model's cloud contracts meet the rules checked (at most two months' notice, at least 30 days to retrieve data, no switching charge from 12 Jan 2027).",
                    )
                    .into(),
            });
        } else {
            let vendor_names: BTreeMap<&str, &str> = d
                .contracts
                .iter()
                .map(|c| (c.id.as_str(), c.vendor_name.as_str()))
                .collect();
            let contract_names: BTreeMap<&str, &str> = d
                .contracts
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_deref().unwrap_or(&c.id)))
                .collect();
            let shown = d.data_act.len().min(MAX_ROWS);
            let rows = d.data_act[..shown]
                .iter()
                .map(|f| {
                    vec![
                        Cell::text(clean(
                            contract_names
                                .get(f.contract.as_str())
                                .copied()
                                .unwrap_or(&f.contract),
                        )),
                        Cell::text(clean(
                            vendor_names
                                .get(f.contract.as_str())
                                .copied()
                                .unwrap_or(&f.vendor),
                        )),
                        Cell::text(tr.data_act(f.code.as_str())),
                        Cell::short(tr.article(f.article)),
                    ]
                })
                .collect();
            out.push(Self::table(
                String::new(),
                self.head(&["contract", "vendor", "finding", "article"]),
                rows,
                {
                    let mut n = tr
                        .pick(
                            "Verordnung (EU) 2023/2854, Kapitel VI, für Cloud-Verträge. Die Prüfung ist ein Hinweis, keine Rechtsberatung.",
                            "Regulation (EU) 2023/2854, chapter VI, for cloud contracts. The check is indicative, not legal advice.",
                        )
                        .to_string();
                    let more = more_rows(tr, shown, d.data_act.len(), "review.json");
                    if !more.is_empty() {
                        n.push(' ');
                        n.push_str(&more);
                    }
                    n
                },
            ));
        }
        out
    }

    // ---- 5. exit plans ------------------------------------------------------------

    fn exit_plans(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let m = &r.method;
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Ausstiegspläne gibt es für die {} Anbietergruppen mit dem höchsten Anbieterwert (bei Gleichstand: höherer Ausgabenanteil), die Systeme im Einsatz herstellen oder betreiben. Ein Plan ersetzt alle Systeme der Gruppe und ihrer Töchter. Systeme, die voneinander abhängen, werden nacheinander umgestellt, höchstens {} gleichzeitig. Die Dauer stammt aus einer Monte-Carlo-Simulation mit {} Läufen: P50 wird in der Hälfte der Läufe erreicht, P80 in vier von fünf, P95 in 19 von 20.",
                    m.exit_plans,
                    m.parallel_migrations,
                    tr.int(m.runs as usize)
                ),
                format!(
                    "Exit plans are made for the {} vendor groups with the highest vendor score (ties: higher share of spend) that make or operate systems in use. A plan replaces every system of the group and its subsidiaries. Systems that depend on each other are switched one after the other, at most {} at a time. Durations come from a Monte Carlo simulation of {} runs: P50 is reached in half the runs, P80 in four of five, P95 in 19 of 20.",
                    m.exit_plans,
                    m.parallel_migrations,
                    tr.int(m.runs as usize)
                ),
            ),
        }];
        if r.exit_plans.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick(
                        "Keine Anbietergruppe stellt oder betreibt ein System im Einsatz.",
                        "No vendor group makes or operates a system in use.",
                    )
                    .into(),
            });
        }
        for e in &r.exit_plans {
            self.exit_plan(e, &mut out);
        }
        out
    }

    fn exit_plan(&mut self, e: &VendorExit, out: &mut Vec<Block>) {
        let tr = self.tr;
        let p = &e.plan;
        out.push(Block::Heading {
            text: format!("{} ({})", clean(&e.name), e.country),
        });
        let mut text = say!(
            self.tr,
            format!(
                "Anbieterwert {}, Anteil an den Ausgaben {}. Zu ersetzen: {}. Dauer: P50 {}, P80 {}, P95 {}. Einmalkosten {}.",
                tr.num(e.vendor_score, 1),
                tr.pct(e.spend_share),
                tr.count(p.systems.len(), "System", "Systeme", "", ""),
                tr.span(p.p50_days),
                tr.span(p.p80_days),
                tr.span(p.p95_days),
                self.money(p.total_cost)
            ),
            format!(
                "Vendor score {}, share of spend {}. To replace: {}. Duration: P50 {}, P80 {}, P95 {}. One-off cost {}.",
                tr.num(e.vendor_score, 1),
                tr.pct(e.spend_share),
                tr.count(p.systems.len(), "", "", "system", "systems"),
                tr.span(p.p50_days),
                tr.span(p.p80_days),
                tr.span(p.p95_days),
                self.money(p.total_cost)
            ),
        );
        text.push(' ');
        text.push_str(&if p.annual_cost_left_behind > 0.0 {
            let payback = p
                .payback_years
                .map(|y| {
                    say!(self.tr,
                        format!("; die Umstellung rechnet sich nach {}", tr.span_dative(y * DAYS_PER_YEAR)),
                        format!("; the switch pays for itself after {}", tr.span_dative(y * DAYS_PER_YEAR)),
                    )
                })
                .unwrap_or_default();
            say!(self.tr,
                format!(
                    "Danach entfallen {} im Jahr aus {}{payback}.",
                    self.money(p.annual_cost_left_behind),
                    tr.count(p.contracts_left_behind.len(), "Vertrag", "Verträgen", "", "")
                ),
                format!(
                    "Afterwards {} a year in {} fall away{payback}.",
                    self.money(p.annual_cost_left_behind),
                    tr.count(p.contracts_left_behind.len(), "", "", "contract", "contracts")
                ),
            )
        } else {
            tr.pick(
                "Kein Vertrag entfällt vollständig; die laufenden Kosten sinken nach diesem Plan nicht.",
                "No contract falls away completely; running costs do not drop with this plan.",
            )
            .to_string()
        });
        out.push(Block::Para { text });
        let task_of: BTreeMap<&str, &crate::analysis::exit_plan::Task> =
            p.tasks.iter().map(|t| (t.id.as_str(), t)).collect();
        let mut systems: Vec<&crate::analysis::exit_plan::PlanSystem> = p.systems.iter().collect();
        systems.sort_by(|a, b| {
            let sa = task_of
                .get(a.task.as_str())
                .map(|t| t.start_day)
                .unwrap_or(0.0);
            let sb = task_of
                .get(b.task.as_str())
                .map(|t| t.start_day)
                .unwrap_or(0.0);
            sa.total_cmp(&sb).then_with(|| a.id.cmp(&b.id))
        });
        let shown = systems.len().min(MAX_ROWS);
        let rows = systems[..shown]
            .iter()
            .map(|s| {
                let t = task_of.get(s.task.as_str());
                let critical = p.critical_path.contains(&s.id);
                vec![
                    Cell::text(self.names.system(&s.id)),
                    Cell::num(tr.span(s.p80_days)),
                    Cell::num(t.map(|t| tr.num(t.start_day, 0)).unwrap_or_default()),
                    Cell::num(t.map(|t| tr.num(t.finish_day, 0)).unwrap_or_default()),
                    Cell::num(self.money(s.cost)),
                    Cell::text(if critical { tr.l("yes") } else { "" }).tone(if critical {
                        "warn"
                    } else {
                        ""
                    }),
                ]
            })
            .collect();
        out.push(Self::table(
            String::new(),
            self.head(&[
                "system",
                "p80_switch",
                "start_day",
                "finish_day",
                "cost_once",
                "critical_path",
            ]),
            rows,
            {
                let mut n = say!(self.tr,
                    format!(
                        "Start und Ende: Tage ab Projektbeginn im Plan mit erwarteten Dauern, höchstens {} Umstellungen gleichzeitig. Kritischer Pfad: die längste Kette von Umstellungen, die aufeinander warten müssen; mit begrenzter Kapazität kann der Plan länger dauern.",
                        p.parallel_migrations
                    ),
                    format!(
                        "Start and finish: days from the start of the project in the plan with expected durations, at most {} migrations at a time. Critical path: the longest chain of switches that must wait for each other; with limited capacity the plan can take longer.",
                        p.parallel_migrations
                    ),
                );
                let more = more_rows(tr, shown, systems.len(), "review.json");
                if !more.is_empty() {
                    n.push(' ');
                    n.push_str(&more);
                }
                n
            },
        ));
        self.figure(&format!("exit:{}", e.vendor), out);
    }

    // ---- 6. scenarios -------------------------------------------------------------

    fn scenarios(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let mut out = vec![Block::Para {
            text: tr
                .pick(
                    "Jedes Szenario des Modells wird durchgespielt: welche Systeme und Dienste ab welchem Tag ausfallen, wann sie voraussichtlich wieder laufen (Wechsel zur besten verfügbaren Alternative, 80. Perzentil, oder wenn die Systeme, von denen sie abhängen, wieder laufen) und ob die tolerierbare Ausfallzeit eines Dienstes überschritten wird. Ein Anbieter, der wegfällt, nimmt seine Töchter mit; ein Rechtsraum, der wegfällt, alle Anbieter, deren Konzern ihm unterliegt.",
                    "Every scenario of the model is played through: which systems and services stop from which day, when they are likely back (switching to the best available alternative, 80th percentile, or when the systems they depend on are back), and whether a service is down longer than it can tolerate. A vendor cut off takes its subsidiaries with it; a jurisdiction cut off takes every vendor whose group is subject to it.",
                )
                .into(),
        }];
        if r.scenarios.is_empty() {
            out.push(Block::Para {
                text: tr
                    .pick(
                        "Das Modell enthält keine Szenarien. Szenarien werden im Modell als [[scenario]] mit „cut“ (Anbieter, Rechtsraum oder System) oder „price“ eingetragen.",
                        "The model has no scenarios. Scenarios are written in the model as [[scenario]] with “cut” (vendor, jurisdiction or system) or “price”.",
                    )
                    .into(),
            });
        }
        let worst = r
            .summary
            .worst_scenario
            .as_ref()
            .map(|w| w.scenario.clone());
        for s in &r.scenarios {
            let is_worst = worst.as_deref() == Some(s.report.scenario.as_str());
            self.scenario(s, is_worst, &mut out);
        }
        out
    }

    fn scenario(&mut self, s: &ScenarioReview, is_worst: bool, out: &mut Vec<Block>) {
        let tr = self.tr;
        let rep = &s.report;
        let name = clean(rep.name.as_deref().unwrap_or(&rep.scenario));
        out.push(Block::Heading {
            text: if is_worst {
                format!(
                    "{name} · {}",
                    tr.pick("schlimmstes Szenario", "worst scenario")
                )
            } else {
                name
            },
        });
        if let Some(d) = &s.description {
            out.push(Block::Note { text: clean(d) });
        }
        let sum = &rep.summary;
        let mut text = String::new();
        if s.cuts_off {
            let cuts: Vec<String> = rep.cuts.iter().map(|c| self.cut(c)).collect();
            text.push_str(&say!(
                self.tr,
                format!(
                    "Es fällt weg: {}; {} betroffen. ",
                    tr.and_list(&cuts),
                    tr.count(
                        rep.cut_vendors.len(),
                        "Anbieter ist",
                        "Anbieter sind",
                        "",
                        ""
                    )
                ),
                format!(
                    "Cut off: {}; {} affected. ",
                    tr.and_list(&cuts),
                    tr.count(rep.cut_vendors.len(), "", "", "vendor is", "vendors are")
                ),
            ));
            let at_risk = sum.services_unsupported + sum.services_degraded;
            let mut parts: Vec<String> = Vec::new();
            parts.push(match (sum.services_down, self.de()) {
                (0, true) => "Kein Dienst fällt aus".to_string(),
                (0, false) => "No service stops".to_string(),
                (n, true) => format!(
                    "{n} von {} Diensten {} aus, {}",
                    sum.services_total,
                    if n == 1 { "fällt" } else { "fallen" },
                    match sum.services_breached {
                        0 => "alle innerhalb der tolerierbaren Ausfallzeit wieder verfügbar"
                            .to_string(),
                        b => format!("{b} länger als tolerierbar"),
                    }
                ),
                (n, false) => format!(
                    "{n} of {} services {}, {}",
                    sum.services_total,
                    if n == 1 { "stops" } else { "stop" },
                    match sum.services_breached {
                        0 => "all back within their tolerable outage".to_string(),
                        b => format!("{b} longer than tolerable"),
                    }
                ),
            });
            if at_risk > 0 {
                parts.push(say!(
                    self.tr,
                    format!(
                        "{} weiter, aber eingeschränkt oder ohne Herstellerunterstützung",
                        tr.count(at_risk, "Dienst läuft", "Dienste laufen", "", "")
                    ),
                    format!(
                        "{} running, but degraded or without vendor support",
                        tr.count(at_risk, "", "", "service keeps", "services keep")
                    ),
                ));
            }
            text.push_str(&parts.join("; "));
            text.push_str(". ");
            text.push_str(&match (sum.systems_down, self.de()) {
                (0, true) => "Kein System fällt aus.".to_string(),
                (0, false) => "No system stops.".to_string(),
                (1, true) => "1 System fällt aus.".to_string(),
                (1, false) => "1 system stops.".to_string(),
                (n, true) => format!("{} Systeme fallen aus.", tr.int(n)),
                (n, false) => format!("{} systems stop.", tr.int(n)),
            });
            if !rep.stranded_data.is_empty() {
                text.push(' ');
                text.push_str(&say!(
                    self.tr,
                    format!(
                        "{} GB Daten in {} wären nicht mehr erreichbar.",
                        tr.num(rep.stranded_volume_gb, 0),
                        tr.count(rep.stranded_data.len(), "System", "Systemen", "", "")
                    ),
                    format!(
                        "{} GB of data in {} would be out of reach.",
                        tr.num(rep.stranded_volume_gb, 0),
                        tr.count(rep.stranded_data.len(), "", "", "system", "systems")
                    ),
                ));
            }
            if rep.annual_cost_at_risk > 0.0 {
                text.push(' ');
                text.push_str(&say!(
                    self.tr,
                    format!(
                        "Laufende Verträge mit betroffenen Anbietern: {} im Jahr.",
                        self.money(rep.annual_cost_at_risk)
                    ),
                    format!(
                        "Running contracts with the vendors cut off: {} a year.",
                        self.money(rep.annual_cost_at_risk)
                    ),
                ));
            }
        }
        if !rep.price_shock.vendors.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            let added = rep.price_shock.added_annual_cost;
            text.push_str(&say!(
                self.tr,
                format!(
                    "Preisänderung: {} {} im Jahr.",
                    self.money(added.abs()),
                    if added < 0.0 {
                        "Minderkosten"
                    } else {
                        "Mehrkosten"
                    }
                ),
                format!(
                    "Price change: {} {} a year.",
                    self.money(added.abs()),
                    if added < 0.0 { "less" } else { "more" }
                ),
            ));
            for v in &rep.price_shock.vendors {
                let payback = v
                    .payback_years
                    .map(|y| {
                        say!(
                            self.tr,
                            format!(" Der Ausstieg rechnet sich nach {} Jahren.", tr.num(y, 1)),
                            format!(
                                " Leaving would pay for itself after {} years.",
                                tr.num(y, 1)
                            ),
                        )
                    })
                    .unwrap_or_default();
                text.push(' ');
                text.push_str(&say!(self.tr,
                    format!(
                        "{} (Faktor {}): {} statt {} im Jahr. Ein Ausstieg kostet einmalig {} und dauert etwa {} (P80).{payback}",
                        clean(&v.name),
                        tr.num1(v.factor),
                        self.money(v.annual_cost * v.factor),
                        self.money(v.annual_cost),
                        self.money(v.switch_cost),
                        tr.span(v.exit_p80_days)
                    ),
                    format!(
                        "{} (factor {}): {} instead of {} a year. Leaving costs {} once and takes about {} (P80).{payback}",
                        clean(&v.name),
                        tr.num1(v.factor),
                        self.money(v.annual_cost * v.factor),
                        self.money(v.annual_cost),
                        self.money(v.switch_cost),
                        tr.span(v.exit_p80_days)
                    ),
                ));
            }
        }
        if !s.cuts_off && rep.price_shock.vendors.is_empty() {
            text = tr
                .pick(
                    "Das Szenario schneidet nichts ab und ändert keine Preise.",
                    "The scenario cuts nothing off and changes no prices.",
                )
                .into();
        }
        out.push(Block::Para { text });
        if !rep.services.is_empty() {
            let shown = rep.services.len().min(MAX_ROWS);
            let rows =
                rep.services[..shown]
                    .iter()
                    .map(|sv| {
                        let down = sv.state == State::Down;
                        vec![
                            Cell::text(clean(&sv.name)),
                            Cell::text(tr.criticality(sv.criticality)),
                            Cell::text(tr.state(sv.state)).tone(if down { "bad" } else { "warn" }),
                            Cell::num(
                                sv.down_from_day
                                    .map(|d| say!(self.tr, format!("Tag {d}"), format!("day {d}")))
                                    .unwrap_or_else(|| "–".into()),
                            ),
                            Cell::num(match (down, sv.restore_days) {
                                (false, _) => "–".to_string(),
                                (true, Some(d)) => tr.span(d),
                                (true, None) => tr.pick("unbekannt", "unknown").to_string(),
                            }),
                            Cell::num(
                                sv.max_outage_days
                                    .map(|d| tr.span(d))
                                    .unwrap_or_else(|| "–".into()),
                            ),
                            Cell::text(if sv.breach { tr.l("yes") } else { "" })
                                .tone(if sv.breach { "bad" } else { "" }),
                        ]
                    })
                    .collect();
            out.push(Self::table(
                tr.pick("Betroffene Dienste", "Services affected").into(),
                vec![
                    Cell::text(tr.l("service")),
                    Cell::text(tr.l("criticality")),
                    Cell::text(tr.l("state")),
                    Cell::num(tr.l("down_from")),
                    Cell::num(tr.l("restore")),
                    Cell::num(tr.l("max_outage")),
                    Cell::text(tr.pick("Überschritten", "Breach")),
                ],
                rows,
                more_rows(tr, shown, rep.services.len(), "review.json"),
            ));
        }
        let down: Vec<&crate::analysis::simulate::SystemResult> = rep
            .systems
            .iter()
            .filter(|x| x.state == State::Down)
            .collect();
        if !down.is_empty() {
            let shown = down.len().min(MAX_ROWS);
            let rows = down[..shown]
                .iter()
                .map(|x| {
                    vec![
                        Cell::text(clean(&x.name)),
                        Cell::text(tr.criticality(x.criticality)),
                        Cell::num(
                            x.down_from_day
                                .map(|d| say!(self.tr, format!("Tag {d}"), format!("day {d}")))
                                .unwrap_or_else(|| "–".into()),
                        ),
                        Cell::num(
                            x.restore_days
                                .map(|d| tr.span(d))
                                .unwrap_or_else(|| tr.pick("unbekannt", "unknown").into()),
                        ),
                        Cell::text(match &x.restore_by {
                            Some(RestoreBy::Switch { alternative, .. }) => say!(
                                self.tr,
                                format!("Wechsel zu {}", self.alternative(alternative)),
                                format!("switch to {}", self.alternative(alternative)),
                            ),
                            Some(RestoreBy::Dependency { system }) => say!(
                                self.tr,
                                format!("wenn {} wieder läuft", self.names.system(system)),
                                format!("when {} is back", self.names.system(system)),
                            ),
                            None => tr
                                .pick("kein Weg zurück bekannt", "no way back known")
                                .into(),
                        }),
                    ]
                })
                .collect();
            out.push(Self::table(
                tr.l("systems_down").into(),
                vec![
                    Cell::text(tr.l("system")),
                    Cell::text(tr.l("criticality")),
                    Cell::num(tr.l("down_from")),
                    Cell::num(tr.l("restore")),
                    Cell::text(tr.pick("Wie", "How")),
                ],
                rows,
                more_rows(tr, shown, down.len(), "review.json"),
            ));
        }
        if !rep.stranded_data.is_empty() {
            let shown = rep.stranded_data.len().min(MAX_ROWS);
            let rows = rep.stranded_data[..shown]
                .iter()
                .map(|x| {
                    vec![
                        Cell::text(clean(&x.name)),
                        Cell::num(format!("{} GB", tr.num(x.volume_gb, 0))),
                        Cell::text(tr.sensitivity(x.sensitivity)),
                        Cell::text(self.names.vendor(&x.operator)),
                        Cell::text(
                            x.backup
                                .as_deref()
                                .map(|b| self.names.vendor(b))
                                .unwrap_or_else(|| tr.pick("keine", "none").into()),
                        ),
                    ]
                })
                .collect();
            out.push(Self::table(
                tr.l("stranded").into(),
                self.head(&["system", "volume", "sensitivity", "operator", "backup"]),
                rows,
                more_rows(tr, shown, rep.stranded_data.len(), "review.json"),
            ));
        }
        self.figure(&format!("cutoff:{}", rep.scenario), out);
    }

    /// A cut as words: `jurisdiction:US` is "Rechtsraum US".
    fn cut(&self, c: &str) -> String {
        match c.split_once(':') {
            Some(("jurisdiction", r)) => say!(
                self.tr,
                format!("Rechtsraum {}", clean(r)),
                format!("jurisdiction {}", clean(r)),
            ),
            Some(("vendor", v)) => say!(
                self.tr,
                format!("Anbieter {}", self.names.vendor(v)),
                format!("vendor {}", self.names.vendor(v)),
            ),
            Some(("system", x)) => say!(
                self.tr,
                format!("System {}", self.names.system(x)),
                format!("system {}", self.names.system(x)),
            ),
            _ => clean(c),
        }
    }

    fn alternative(&self, alt: &str) -> String {
        match alt.strip_prefix("catalog:") {
            Some(c) => say!(
                self.tr,
                format!("{} (Katalog)", clean(c)),
                format!("{} (catalogue)", clean(c)),
            ),
            None => self.names.system(alt),
        }
    }

    // ---- 7. spend -------------------------------------------------------------------

    fn spend(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let c = &r.hotspots.concentration;
        let mut text = say!(
            self.tr,
            format!(
                "Jährliche Vertragskosten: {}. Die Konzentration misst der Herfindahl-Hirschman-Index (HHI, 0 bis 10.000; unter 1.000 nicht konzentriert, 1.000 bis 1.800 mäßig, darüber hoch konzentriert): {}, {}.",
                self.money(c.total),
                tr.num(c.hhi, 0),
                tr.band(c.band)
            ),
            format!(
                "Annual contract costs: {}. Concentration is measured by the Herfindahl-Hirschman index (HHI, 0 to 10,000; below 1,000 unconcentrated, 1,000 to 1,800 moderately, above that highly concentrated): {}, {}.",
                self.money(c.total),
                tr.num(c.hhi, 0),
                tr.band(c.band)
            ),
        );
        if !c.contracts_without_cost.is_empty() {
            text.push(' ');
            text.push_str(&say!(
                self.tr,
                format!(
                    "{} ohne Kostenangabe sind nicht mitgezählt.",
                    tr.count(
                        c.contracts_without_cost.len(),
                        "Vertrag",
                        "Verträge",
                        "",
                        ""
                    )
                ),
                format!(
                    "{} without a cost are not counted.",
                    tr.count(
                        c.contracts_without_cost.len(),
                        "",
                        "",
                        "contract",
                        "contracts"
                    )
                ),
            ));
        }
        let mut out = vec![Block::Para { text }];
        let trust = |t: bool| {
            if t {
                Cell::text(tr.l("yes"))
            } else {
                Cell::text(tr.l("no")).tone("bad")
            }
        };
        let shown = c.by_group.len().min(MAX_ROWS);
        let rows = c.by_group[..shown]
            .iter()
            .map(|x| {
                vec![
                    Cell::text(clean(&x.name)),
                    Cell::text(x.country.to_string()),
                    Cell::num(self.money(x.annual_cost)),
                    Cell::num(tr.pct(x.share)),
                    trust(!x.untrusted),
                ]
            })
            .collect();
        out.push(Self::table(
            tr.pick("Nach Anbietergruppe", "By vendor group").into(),
            vec![
                Cell::text(tr.l("vendor_group")),
                Cell::text(tr.l("country")),
                Cell::num(tr.l("annual_cost")),
                Cell::num(tr.l("share")),
                Cell::text(tr.pick("Vertrauenswürdig", "Trusted")),
            ],
            rows,
            more_rows(tr, shown, c.by_group.len(), "review.json"),
        ));
        let rows = c
            .by_jurisdiction
            .iter()
            .map(|x| {
                vec![
                    Cell::text(x.country.to_string()),
                    Cell::num(self.money(x.annual_cost)),
                    Cell::num(tr.pct(x.share)),
                    trust(x.trusted),
                ]
            })
            .collect();
        out.push(Self::table(
            tr.pick(
                "Nach Rechtsraum der Konzernmutter",
                "By jurisdiction of the group's parent",
            )
            .into(),
            vec![
                Cell::text(tr.l("jurisdiction")),
                Cell::num(tr.l("annual_cost")),
                Cell::num(tr.l("share")),
                Cell::text(tr.pick("Vertrauenswürdig", "Trusted")),
            ],
            rows,
            say!(
                self.tr,
                format!(
                    "Vertrauenswürdige Rechtsräume laut Modell: {}.",
                    r.organisation.trusted.join(", ")
                ),
                format!(
                    "Trusted jurisdictions in the model: {}.",
                    r.organisation.trusted.join(", ")
                ),
            ),
        ));
        self.figure("spend", &mut out);
        out
    }

    // ---- 8. changes -------------------------------------------------------------------

    fn reading(&self, direction: Option<Direction>, reading: Option<Reading>) -> Cell {
        match (reading, direction) {
            (Some(Reading::Better), _) => Cell::text(self.tr.pick("besser", "better")).tone("good"),
            (Some(Reading::Worse), _) => {
                Cell::text(self.tr.pick("schlechter", "worse")).tone("bad")
            }
            (None, Some(Direction::Same)) => Cell::text(self.tr.pick("gleich", "same")),
            (None, Some(d)) => Cell::text(d.arrow()),
            (None, None) => Cell::text(""),
        }
    }

    fn changes(&mut self, d: &Diff) -> Vec<Block> {
        let tr = self.tr;
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Vergleich mit der Prüfung von {} zum Stichtag {}.{}",
                    clean(&d.old.organisation),
                    tr.date(d.old.as_of),
                    if d.unchanged {
                        " Seitdem hat sich nichts verändert."
                    } else {
                        ""
                    }
                ),
                format!(
                    "Compared with the review of {} as of {}.{}",
                    clean(&d.old.organisation),
                    tr.date(d.old.as_of),
                    if d.unchanged {
                        " Nothing has changed since."
                    } else {
                        ""
                    }
                ),
            ),
        }];
        if !d.notes.is_empty() {
            out.push(Block::Note {
                text: format!(
                    "{} {}",
                    tr.pick(
                        "Hinweise zum Vergleich (englisch):",
                        "Notes on the comparison:"
                    ),
                    d.notes
                        .iter()
                        .map(|n| clean(n))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            });
        }
        // Key figures.
        let sv = &d.sovereignty;
        let mut rows: Vec<Vec<Cell>> = sv
            .dimensions
            .iter()
            .map(|x| {
                vec![
                    Cell::text(tr.dimension(&x.key)),
                    Cell::num(x.score.old.to_string()),
                    Cell::num(x.score.new.to_string()),
                    self.reading(x.score.direction, x.score.reading),
                ]
            })
            .collect();
        rows.push(vec![
            Cell::text(format!(
                "{} ({} → {})",
                tr.pick("Souveränität gesamt", "Sovereignty total"),
                tr.level(&sv.level.old),
                tr.level(&sv.level.new)
            )),
            Cell::num(sv.total.old.to_string()),
            Cell::num(sv.total.new.to_string()),
            self.reading(sv.total.direction, sv.total.reading),
        ]);
        let sp = &d.spend;
        let money_row = |label: String, c: &Change<f64>| {
            vec![
                Cell::text(label),
                Cell::num(self.money(c.old)),
                Cell::num(self.money(c.new)),
                self.reading(c.direction, c.reading),
            ]
        };
        rows.push(money_row(
            tr.pick("Vertragskosten im Jahr", "Annual contract costs")
                .into(),
            &sp.total,
        ));
        rows.push(money_row(
            tr.pick(
                "davon außerhalb vertrauenswürdiger Rechtsräume",
                "of which outside trusted jurisdictions",
            )
            .into(),
            &sp.untrusted_cost,
        ));
        rows.push(vec![
            Cell::text(tr.pick(
                "Anteil außerhalb vertrauenswürdiger Rechtsräume",
                "Share outside trusted jurisdictions",
            )),
            Cell::num(tr.pct(sp.untrusted_share.old)),
            Cell::num(tr.pct(sp.untrusted_share.new)),
            self.reading(sp.untrusted_share.direction, sp.untrusted_share.reading),
        ]);
        rows.push(vec![
            Cell::text(tr.pick("Konzentration (HHI)", "Concentration (HHI)")),
            Cell::num(tr.num(sp.hhi.old, 0)),
            Cell::num(tr.num(sp.hhi.new, 0)),
            self.reading(sp.hhi.direction, sp.hhi.reading),
        ]);
        out.push(Self::table(
            tr.pick("Kennzahlen", "Key figures").into(),
            vec![
                Cell::text(tr.pick("Kennzahl", "Figure")),
                Cell::num(tr.l("previous")),
                Cell::num(tr.l("currently")),
                Cell::text(tr.l("direction")),
            ],
            rows,
            String::new(),
        ));
        // Hotspots.
        let h = &d.hotspots;
        let mut items = Vec::new();
        for x in &h.resolved {
            let why = match x.why {
                Resolved::LeftTopList => say!(
                    self.tr,
                    format!("nicht mehr unter den ersten {}", h.top),
                    format!("no longer in the top {}", h.top),
                ),
                Resolved::NoLongerInUse => {
                    tr.pick("nicht mehr im Einsatz", "no longer in use").into()
                }
                Resolved::Removed => tr
                    .pick("aus dem Modell entfernt", "removed from the model")
                    .into(),
            };
            items.push(Item {
                head: format!("{}:", clean(&x.name)),
                text: say!(
                    self.tr,
                    format!("bisher Rang {}, {why}", x.old_rank),
                    format!("was rank {}, {why}", x.old_rank),
                ),
            });
        }
        for x in &h.new {
            let why = match x.why {
                Entered::Rose => tr.pick("aufgestiegen", "rose"),
                Entered::NowInUse => tr.pick("neu im Einsatz", "now in use"),
                Entered::Added => tr.pick("neu im Modell", "new in the model"),
            };
            items.push(Item {
                head: format!("{}:", clean(&x.name)),
                text: say!(
                    self.tr,
                    format!("neu auf Rang {} ({why})", x.new_rank),
                    format!("new at rank {} ({why})", x.new_rank),
                ),
            });
        }
        for x in &h.moved {
            items.push(Item {
                head: format!("{}:", clean(&x.name)),
                text: say!(
                    self.tr,
                    format!("Rang {} → {}", x.old_rank, x.new_rank),
                    format!("rank {} → {}", x.old_rank, x.new_rank),
                ),
            });
        }
        if !items.is_empty() {
            out.push(Block::Heading {
                text: tr.l("hotspots_changes").into(),
            });
            out.push(Block::Items { items });
        }
        // Systems, vendors, contracts.
        let list = |label: &'static str, names: Vec<String>, out: &mut Vec<Block>| {
            if !names.is_empty() {
                out.push(Block::Items {
                    items: vec![Item {
                        head: format!("{}:", tr.l(label)),
                        text: join_limited(tr, &names),
                    }],
                });
            }
        };
        let has_lists = !d.systems.is_empty() || !d.vendors.is_empty() || !d.contracts.is_empty();
        if has_lists {
            out.push(Block::Heading {
                text: tr
                    .pick(
                        "Systeme, Anbieter und Verträge",
                        "Systems, vendors and contracts",
                    )
                    .into(),
            });
        }
        list(
            "systems_added",
            d.systems.added.iter().map(|s| clean(&s.name)).collect(),
            &mut out,
        );
        list(
            "systems_removed",
            d.systems.removed.iter().map(|s| clean(&s.name)).collect(),
            &mut out,
        );
        let changed: Vec<Vec<Cell>> = d
            .systems
            .changed
            .iter()
            .filter_map(|s| {
                s.lockin.as_ref().map(|c| {
                    vec![
                        Cell::text(clean(&s.name)),
                        Cell::num(tr.num(c.old, 1)),
                        Cell::num(tr.num(c.new, 1)),
                        self.reading(c.direction, c.reading),
                    ]
                })
            })
            .collect();
        if !changed.is_empty() {
            let shown = changed.len().min(MAX_ROWS);
            out.push(Self::table(
                tr.l("systems_changed").into(),
                vec![
                    Cell::text(tr.l("system")),
                    Cell::num(tr.l("previous")),
                    Cell::num(tr.l("currently")),
                    Cell::text(tr.l("direction")),
                ],
                changed[..shown].to_vec(),
                more_rows(tr, shown, changed.len(), "review.json"),
            ));
        }
        list(
            "vendors_added",
            d.vendors.added.iter().map(|v| clean(&v.name)).collect(),
            &mut out,
        );
        list(
            "vendors_removed",
            d.vendors.removed.iter().map(|v| clean(&v.name)).collect(),
            &mut out,
        );
        list(
            "contracts_added",
            d.contracts.added.iter().map(|c| clean(&c.id)).collect(),
            &mut out,
        );
        list(
            "contracts_removed",
            d.contracts.removed.iter().map(|c| clean(&c.id)).collect(),
            &mut out,
        );
        let rows: Vec<Vec<Cell>> =
            d.contracts
                .changed
                .iter()
                .map(|c| {
                    let cost = c.annual_cost.as_ref().map(|x| {
                        format!(
                            "{} → {}",
                            x.old.map(|v| self.money(v)).unwrap_or_else(|| "–".into()),
                            x.new.map(|v| self.money(v)).unwrap_or_else(|| "–".into())
                        )
                    });
                    let decide = c
                        .decision_deadline
                        .as_ref()
                        .map(|x| format!("{} → {}", tr.odate(x.old), tr.odate(x.new)));
                    let status = c.status.as_ref().map(|x| {
                        format!("{} → {}", status_word(tr, &x.old), status_word(tr, &x.new))
                    });
                    vec![
                        Cell::text(clean(&c.id)),
                        Cell::text(cost.unwrap_or_default()),
                        Cell::text(decide.unwrap_or_default()),
                        Cell::text(status.unwrap_or_default()),
                    ]
                })
                .collect();
        if !rows.is_empty() {
            let shown = rows.len().min(MAX_ROWS);
            out.push(Self::table(
                tr.l("contracts_changed").into(),
                self.head(&["contract", "annual_cost", "decide_by", "status"]),
                rows[..shown].to_vec(),
                more_rows(tr, shown, rows.len(), "review.json"),
            ));
        }
        out
    }

    // ---- 9. method ---------------------------------------------------------------------

    fn method(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let m = &r.method;
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Stichtag {}. Monte-Carlo-Simulation mit {} Läufen je Plan und dem Startwert {}; gleiche Eingaben, gleicher Stichtag und gleicher Startwert ergeben denselben Bericht. Horizont für Entscheidungen: {}. Wechselziel für Kernsysteme: {}; höchstens {} Umstellungen gleichzeitig. Erstellt mit {} {}.",
                    tr.date(m.as_of),
                    tr.int(m.runs as usize),
                    m.seed,
                    tr.duration(m.horizon),
                    tr.duration(m.switch_target),
                    m.parallel_migrations,
                    r.tool.name,
                    m.tool_version
                ),
                format!(
                    "As of {}. Monte Carlo simulation with {} runs per plan and the seed {}; the same input, as-of date and seed give the same report. Horizon for decisions: {}. Switch target for core systems: {}; at most {} migrations at a time. Made with {} {}.",
                    tr.date(m.as_of),
                    tr.int(m.runs as usize),
                    m.seed,
                    tr.duration(m.horizon),
                    tr.duration(m.switch_target),
                    m.parallel_migrations,
                    r.tool.name,
                    m.tool_version
                ),
            ),
        }];
        let weights: Vec<String> = m
            .criticality_weights
            .iter()
            .map(|w| format!("{} {}", tr.criticality(w.criticality), w.weight))
            .collect();
        let weights = weights.join(", ");
        out.push(Block::Items {
            items: vec![
                Item {
                    head: tr.pick("Schlimmstes Szenario:", "Worst scenario:").into(),
                    text: say!(self.tr,
                        format!(
                            "von den Szenarien, die etwas abschneiden, das mit der höchsten Summe der Kritikalitätsgewichte ({weights}) der ausgefallenen Dienste; bei Gleichstand zählen mehr Überschreitungen der tolerierbaren Ausfallzeit, dann der frühere erste Ausfall, dann die Reihenfolge im Modell."
                        ),
                        format!(
                            "of the scenarios that cut something off, the one with the highest sum of criticality weights ({weights}) of the services down; ties go to more breaches of the maximum outage, then the earlier first outage, then the order in the model."
                        ),
                    ),
                },
                Item {
                    head: tr.pick("Entscheidung vor der nächsten Prüfung:", "Decision before the next review:").into(),
                    text: say!(self.tr,
                        format!(
                            "Verträge, deren Entscheidungsfrist verstrichen ist (überfällig) oder bis zur nächsten Prüfung am {} liegt (fällig; Stichtag plus {}).",
                            tr.odate(r.next_review),
                            tr.duration(m.horizon)
                        ),
                        format!(
                            "contracts whose decision deadline has passed (overdue) or falls before the next review on {} (due; the as-of date plus {}).",
                            tr.odate(r.next_review),
                            tr.duration(m.horizon)
                        ),
                    ),
                },
                Item {
                    head: tr.pick("Ausstiegspläne:", "Exit plans:").into(),
                    text: say!(self.tr,
                        format!(
                            "für die {} Anbietergruppen mit dem höchsten Anbieterwert, die Systeme im Einsatz herstellen oder betreiben; bei Gleichstand der höhere Ausgabenanteil, dann die Kennung.",
                            m.exit_plans
                        ),
                        format!(
                            "for the {} vendor groups with the highest vendor score that make or operate systems in use; ties by higher share of spend, then by id.",
                            m.exit_plans
                        ),
                    ),
                },
                Item {
                    head: tr.pick("Hotspots:", "Hotspots:").into(),
                    text: say!(self.tr,
                        format!(
                            "die ersten {} Systeme im Einsatz nach Hotspot-Wert; in der Zusammenfassung die ersten {}. Alle stehen in hotspots.csv.",
                            m.hotspot_top, m.summary_hotspots
                        ),
                        format!(
                            "the first {} in-use systems by hotspot; the summary names the first {}. hotspots.csv has all of them.",
                            m.hotspot_top, m.summary_hotspots
                        ),
                    ),
                },
                Item {
                    head: "EU Data Act:".into(),
                    text: say!(self.tr,
                        format!(
                            "Cloud-Verträge mit mehr als {} Kündigungsfrist, weniger als {} Tagen zum Datenabruf oder einem Wechselentgelt, das ab dem {} gilt.",
                            tr.duration(m.data_act.max_notice),
                            tr.num1(m.data_act.min_retrieval_days),
                            tr.date(m.data_act.switching_charges_end)
                        ),
                        format!(
                            "cloud contracts with more than {} notice, less than {} days to retrieve data, or a switching charge that applies from {}.",
                            tr.duration(m.data_act.max_notice),
                            tr.num1(m.data_act.min_retrieval_days),
                            tr.date(m.data_act.switching_charges_end)
                        ),
                    ),
                },
            ],
        });
        let param_rows = |values: &[crate::model::defaults::ParamValue]| -> Vec<Vec<Cell>> {
            values
                .iter()
                .map(|p| {
                    let changed = p.value != p.default;
                    vec![
                        Cell::text(p.key),
                        Cell::num(tr.num1(p.value)).tone(if changed { "warn" } else { "" }),
                        Cell::num(tr.num1(p.default)),
                        Cell::text(tr.meaning(p.key, p.meaning)),
                    ]
                })
                .collect()
        };
        let note = tr
            .pick(
                "Werte, die das Modell abweichend vom Standard setzt, sind hervorgehoben. Herleitung und Quellen: docs/methodology.md.",
                "Values the model sets differently from the default are highlighted. Derivation and sources: docs/methodology.md.",
            )
            .to_string();
        out.push(Self::table(
            tr.pick(
                "Gewichte des Lock-in-Werts ([defaults.lockin])",
                "Lock-in weights ([defaults.lockin])",
            )
            .into(),
            self.head(&["key", "value", "default", "meaning"]),
            param_rows(&m.lockin),
            note.clone(),
        ));
        out.push(Self::table(
            tr.pick(
                "Koeffizienten der Wechselschätzung ([defaults.switch])",
                "Switch estimate coefficients ([defaults.switch])",
            )
            .into(),
            self.head(&["key", "value", "default", "meaning"]),
            param_rows(&m.switch),
            note,
        ));
        if !m.switch_categories.is_empty() {
            let rows = m
                .switch_categories
                .iter()
                .map(|c| {
                    vec![
                        Cell::text(clean(&c.category)),
                        Cell::num(tr.num1(c.likely_days)),
                        Cell::num(tr.pct(c.training)),
                        Cell::num(self.money(c.cost_per_user)),
                    ]
                })
                .collect();
            out.push(Self::table(
                tr.pick(
                    "Wechselschätzung je Kategorie der Systeme im Modell",
                    "Switch estimate per category of the model's systems",
                )
                .into(),
                vec![
                    Cell::text(tr.l("category")),
                    Cell::num(tr.pick("Basistage", "Base days")),
                    Cell::num(tr.pick("Schulungsanteil", "Training share")),
                    Cell::num(tr.pick("Kosten je Person", "Cost per user")),
                ],
                rows,
                String::new(),
            ));
        }
        out.push(Block::Heading {
            text: tr.l("files_title").into(),
        });
        out.push(Block::Items {
            items: [
                ("index.html", "Dieser Bericht zum Lesen und Drucken.", "This report, to read and print."),
                ("report.md", "Derselbe Inhalt als Markdown (Wiki, Repository).", "The same content as Markdown (wiki, repository)."),
                ("review.json", "Alle Zahlen des Berichts und der Vergleichsstand für die nächste Prüfung (--baseline).", "Every number of the report and the snapshot for next year's review (--baseline)."),
                ("deadlines.ics", "Alle Vertragsfristen als Kalender mit Erinnerungen.", "Every contract deadline as a calendar with reminders."),
                ("hotspots.csv", "Lock-in aller Systeme im Einsatz für die Tabellenkalkulation.", "Lock-in of every in-use system for a spreadsheet."),
                ("diagrams/", "Die Abbildungen als SVG, Graphen auch als DOT.", "The figures as SVG, graphs also as DOT."),
            ]
            .into_iter()
            .map(|(f, de, en)| Item {
                head: f.into(),
                text: tr.pick(de, en).into(),
            })
            .collect(),
        });
        out
    }
}

fn status_word(tr: Tr, s: &str) -> String {
    match s {
        "overdue" => tr.contract_status(Status::Overdue).into(),
        "due" => tr.contract_status(Status::Due).into(),
        "ok" => tr.contract_status(Status::Ok).into(),
        "expired" => tr.contract_status(Status::Expired).into(),
        other => clean(other),
    }
}

fn score_tone(score: u8) -> &'static str {
    match score {
        0..=2 => "bad",
        3 => "warn",
        _ => "good",
    }
}

fn level_tone(level: &str) -> &'static str {
    match level {
        "critically dependent" => "bad",
        "hybrid" => "warn",
        _ => "good",
    }
}

fn status_tone(s: Status) -> &'static str {
    match s {
        Status::Overdue => "bad",
        Status::Due => "warn",
        Status::Ok => "good",
        Status::Expired => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_names_on_one_line_and_shows_bidi_overrides() {
        assert_eq!(clean("a\nb\tc"), "a b c");
        assert_eq!(clean("abc\u{202E}fed"), "abc[U+202E]fed");
        assert_eq!(clean("x\u{2066}y"), "x[U+2066]y");
        assert_eq!(clean("Bürgerbüro <b> & \"x\""), "Bürgerbüro <b> & \"x\"");
    }

    #[test]
    fn score_dots_show_the_points() {
        assert_eq!(dots(2, 5), "●●○○○ 2");
        assert_eq!(dots(5, 5), "●●●●● 5");
    }
}
