//! Section 3: the lock-in hotspots, the factors behind them, catalogue suggestions, vendor groups and single points of failure.

use super::*;
use crate::analysis::lockin::FactorName;

impl Builder<'_> {
    pub(super) fn hotspots(&mut self) -> Vec<Block> {
        let (tr, r) = (self.tr, self.r);
        let h = &r.hotspots;
        let floor = tr.num1(h.impact_floor);
        let rest = tr.num1(1.0 - h.impact_floor);
        let mut out = vec![Block::Para {
            text: say!(
                self.tr,
                format!(
                    "Der Lock-in-Wert (0 bis 100) misst, wie schwer ein System zu ersetzen ist; er ist die Summe von acht Faktoren: Datenportabilität, Schnittstellen, fehlende Alternativen, Wechseldauer, Vertragsbedingungen, Rechtsraum, Lizenz und Kritikalität. Die Auswirkung (0 bis 1) misst, was auf dem System beruht: seine Nutzer und die Dienste, die ohne es ausfallen. Der Hotspot-Wert verbindet beides: Lock-in × ({floor} + {rest} × Auswirkung)."
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
                let mut largest = (FactorName::DataPortability, f64::NEG_INFINITY);
                for f in &s.factors {
                    if f.points > largest.1 {
                        largest = (f.name, f.points);
                    }
                }
                vec![
                    Cell::num(s.rank.to_string()),
                    Cell::text(clean(&s.name)),
                    Cell::text(clean(&tr.category(&s.category))),
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
                    "Die Begründung jedes Faktors steht für jedes System in review.json.",
                    "review.json gives the reason for every factor of every system.",
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
                        Cell::text(clean(&tr.category(&x.category))),
                        Cell::text(list.join("; ")),
                    ]
                })
                .collect();
            let n_missing = tr.count(missing.len(), "System", "Systeme", "system", "systems");
            let mut note = say!(
                self.tr,
                format!(
                    "Für {} im Einsatz nennt das Modell keine Alternative. Die Katalogeinträge sind ein Ausgangspunkt für eine Marktsichtung, keine geprüfte Empfehlung; eine im Modell eingetragene Alternative senkt den Lock-in-Wert.",
                    n_missing
                ),
                format!(
                    "The model names no alternative for {} in use. Catalogue entries are a starting point for a market review, not a checked recommendation; an alternative recorded in the model lowers the lock-in score.",
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
        // Capped like the vendor table (`--top`): a large landscape has
        // hundreds of vendor groups, most of them single points of failure
        // for one small service.
        let spof_all: Vec<_> = h
            .vendors
            .iter()
            .filter(|v| !v.single_point_for.is_empty())
            .collect();
        let spof_shown = spof_all.len().min(r.method.hotspot_top);
        let spof: Vec<Item> = spof_all[..spof_shown]
            .iter()
            .map(|v| {
                // Each service with its own day: a vendor's licence check
                // stops one service on day 30, another only on day 180.
                let services: Vec<String> = v
                    .single_point_for
                    .iter()
                    .zip(&v.single_point_days)
                    .map(|(s, d)| {
                        let when = tr.after_cut(*d);
                        format!("{} ({when})", self.names.service(s))
                    })
                    .collect();
                Item {
                    head: format!("{}:", clean(&v.name)),
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
            let rest = spof_all.len() - spof_shown;
            if rest > 0 {
                out.push(Block::Note {
                    text: match tr.lang() {
                        Lang::De => format!(
                            "… und {} weitere Anbietergruppen; alle stehen in review.json.",
                            tr.int(rest)
                        ),
                        Lang::En => format!(
                            "… and {} more vendor groups; review.json has all of them.",
                            tr.int(rest)
                        ),
                    },
                });
            }
        }
        self.figure("landscape", &mut out);
        out
    }
}
