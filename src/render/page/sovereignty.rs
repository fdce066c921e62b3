//! Section 2: the sovereignty self-check, dimension by dimension, and what pulls each down.

use super::*;
use crate::analysis::sovereignty::{DimensionKey, PullKind, PullReason};

impl Builder<'_> {
    pub(super) fn sovereignty(&mut self) -> Vec<Block> {
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
                    (DimensionKey::Competence, Some(c)) => say!(
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
                    .map(|p| match (p.kind, p.reasons.first()) {
                        (PullKind::System, _) => self.names.system(&p.id),
                        (
                            PullKind::Interface,
                            Some(PullReason::ProprietaryInterface { from, to, .. }),
                        ) => say!(
                            self.tr,
                            format!(
                                "Schnittstelle {} → {}",
                                self.names.system(from),
                                self.names.system(to)
                            ),
                            format!(
                                "interface {} → {}",
                                self.names.system(from),
                                self.names.system(to)
                            )
                        ),
                        (PullKind::Interface, _) => clean(&p.id),
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
                        "Die Gründe je System stehen in review.json.",
                        "review.json gives the reasons for each system.",
                    )
                    .into(),
            });
        }
        out
    }
}
