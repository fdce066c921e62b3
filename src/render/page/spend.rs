//! Section 7: spend and concentration by vendor group and jurisdiction.

use super::*;

impl Builder<'_> {
    pub(super) fn spend(&mut self) -> Vec<Block> {
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
}
