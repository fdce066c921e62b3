//! `exitgraph hotspots`: lock-in scores of systems and vendor groups, and
//! spend concentration. Scores and points with one decimal, impact with
//! three, shares as percentages with two (the JSON's digits).

use super::{d1, money, new_table, num, pct, wide_table};
use crate::analysis::lockin::{self, HotspotsReport};
use comfy_table::Cell;

/// Short column headers of the eight factors.
const FACTOR_HEADERS: [&str; 8] = [
    "data", "intf", "alt", "switch", "contr", "juris", "lic", "crit",
];

/// The hotspots report as terminal tables.
pub fn table(r: &HotspotsReport, org: &str, currency: &str) -> String {
    let mut out = String::new();
    out.push_str(&format!("Lock-in hotspots of {org}\n\n"));
    let mut t = wide_table(
        ["#", "system", "score", "impact", "hotspot"]
            .into_iter()
            .chain(FACTOR_HEADERS),
    );
    for s in &r.systems {
        let mut row = vec![
            num(s.rank),
            Cell::new(&s.id),
            num(d1(s.score)),
            num(format!("{:.3}", s.impact)),
            num(d1(s.hotspot)),
        ];
        row.extend(s.factors.iter().map(|f| num(d1(f.points))));
        t.add_row(row);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    if let Some(first) = r.systems.first() {
        let maxima: Vec<String> = FACTOR_HEADERS
            .iter()
            .zip(&first.factors)
            .map(|(h, f)| format!("{h} {}", d1(f.max)))
            .collect();
        out.push_str(&format!(
            "score: lock-in 0..100, the sum of the factor points (maximum: {}).\n\
             impact: how much rests on the system, 0..1 (its own users and the services that fail without it).\n\
             hotspot = score x ({floor} + {rest} x impact). `exitgraph explain MODEL ID` shows every factor's reason.\n",
            maxima.join(", "),
            floor = r.impact_floor,
            rest = lockin::round3(1.0 - r.impact_floor),
        ));
    }

    out.push_str("\nVendor groups (subsidiaries counted with their controlling company)\n\n");
    let mut t = wide_table([
        "vendor group".to_string(),
        "score".into(),
        "spend share".into(),
        format!("annual {currency}"),
        "alone takes down".into(),
        "most locked-in system".into(),
    ]);
    for v in &r.vendors {
        t.add_row(vec![
            Cell::new(format!("{} ({})", v.id, v.country)),
            num(d1(v.score)),
            num(pct(v.spend_share)),
            num(money(v.annual_cost)),
            num(v.single_point_for.len()),
            Cell::new(v.top_system.as_deref().unwrap_or("-")),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    for v in r.vendors.iter().filter(|v| !v.single_point_for.is_empty()) {
        let services: Vec<String> = v
            .single_point_for
            .iter()
            .zip(&v.single_point_days)
            .map(|(s, d)| match d {
                0 => s.clone(),
                d => format!("{s} (day {d})"),
            })
            .collect();
        out.push_str(&format!(
            "{} alone takes down: {}\n",
            v.id,
            services.join(", ")
        ));
    }
    out.push_str(
        "score: its most locked-in system, its share of spend, and how many critical services (criticality critical \
         or high) fail when the group alone is cut (`alone takes down`; a day when a service fails only later, when \
         licences stop).\n",
    );

    let c = &r.concentration;
    out.push_str(&format!(
        "\nSpend concentration: {} {currency} a year; HHI {} ({}); {} to vendors exposed outside the trusted jurisdictions ({} {currency}).\n\n",
        money(c.total),
        d1(c.hhi),
        c.band.as_str(),
        pct(c.untrusted_share),
        money(c.untrusted_cost)
    ));
    let mut t = new_table([
        "vendor group",
        "country",
        &format!("annual {currency}"),
        "share",
        "trusted",
    ]);
    for gsp in &c.by_group {
        t.add_row(vec![
            Cell::new(&gsp.vendor),
            Cell::new(gsp.country),
            num(money(gsp.annual_cost)),
            num(pct(gsp.share)),
            Cell::new(if gsp.untrusted { "no" } else { "yes" }),
        ]);
    }
    out.push_str(&t.to_string());
    out.push_str("\n\n");
    let mut t = new_table([
        "jurisdiction",
        &format!("annual {currency}"),
        "share",
        "trusted",
    ]);
    for j in &c.by_jurisdiction {
        t.add_row(vec![
            Cell::new(j.country),
            num(money(j.annual_cost)),
            num(pct(j.share)),
            Cell::new(if j.trusted { "yes" } else { "no" }),
        ]);
    }
    out.push_str(&t.to_string());
    out.push_str("\n\n");
    let mut t = wide_table([
        "category",
        &format!("annual {currency}"),
        "share",
        "HHI",
        "band",
        "largest group",
    ]);
    for cat in &c.by_category {
        t.add_row(vec![
            Cell::new(&cat.category),
            num(money(cat.annual_cost)),
            num(pct(cat.share)),
            num(d1(cat.hhi)),
            Cell::new(cat.band.as_str()),
            Cell::new(
                cat.by_group
                    .first()
                    .map(|g| format!("{} ({})", g.vendor, pct(g.share)))
                    .unwrap_or_default(),
            ),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    out.push_str(
        "HHI: sum of squared percentage shares of the vendor groups (below 1,000 unconcentrated, 1,000 to 1,800 moderately, above 1,800 highly concentrated).\n\
         A contract covering several systems is split equally across them for the categories.\n",
    );
    if !c.contracts_without_cost.is_empty() {
        out.push_str(&format!(
            "Contracts without annual_cost (not counted): {}\n",
            c.contracts_without_cost.join(", ")
        ));
    }

    if let Some(cands) = &r.candidates {
        out.push_str(
            "\nCandidates, scored on the same criteria (lowest lock-in first per category)\n\n",
        );
        let mut t = wide_table(
            ["category", "candidate", "score"]
                .into_iter()
                .chain(FACTOR_HEADERS),
        );
        for s in cands {
            let mut row = vec![Cell::new(&s.category), Cell::new(&s.id), num(d1(s.score))];
            row.extend(s.factors.iter().map(|f| num(d1(f.points))));
            t.add_row(row);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}
