//! `exitgraph explain`: everything the tool knows and concludes about one
//! system, vendor, contract or service.

use super::{EN, d1, money, new_table, num, pct};
use crate::analysis::deadlines::ContractDeadline;
use crate::analysis::explain::{
    ContractExplanation, ContractRef, Direction, Explanation, FormatRef, PartyInfo,
    ServiceExplanation, SystemExplanation, VendorExplanation,
};
use crate::analysis::lockin::Factor;
use crate::model::duration::DAYS_PER_MONTH;
use chrono::NaiveDate;
use comfy_table::Cell;

/// The explanation as terminal text; `paths` is the text of a service's
/// dependency paths (`exitgraph paths`), shown under "Dependency paths".
pub fn explanation(report: &Explanation, currency: &str, paths: &str) -> String {
    match report {
        Explanation::System(s) => system(s, currency),
        Explanation::Vendor(v) => vendor(v, currency),
        Explanation::Contract(c) => contract(c, currency),
        Explanation::Service(s) => service(s, paths),
    }
}

/// A vendor's ownership chain, or the organisation itself.
fn party(p: &PartyInfo) -> String {
    match &p.chain {
        Some(c) => EN.chain(c),
        None => format!("{} (in-house)", p.name),
    }
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

fn heading(out: &mut String, title: &str) {
    out.push_str(&format!("\n{title}\n"));
}

fn factors_table(factors: &[Factor]) -> String {
    let mut t = new_table(["factor", "points", "of", "why"]);
    for f in factors {
        t.add_row(vec![
            Cell::new(f.name.key().replace('_', " ")),
            num(d1(f.points)),
            num(d1(f.max)),
            Cell::new(EN.factor_reason(&f.reason)),
        ]);
    }
    t.to_string()
}

fn months(days: f64) -> String {
    format!("{:.1}", days / DAYS_PER_MONTH)
}

fn system(s: &SystemExplanation, currency: &str) -> String {
    let mut out = format!("system {}: {}\n", s.id, s.name);
    if let Some(d) = &s.description {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&format!(
        "  {} · {} layer · {} · {} · criticality {} · {} users · customisation {}\n",
        s.category,
        s.layer,
        s.status,
        s.licence,
        s.criticality,
        super::int(s.users),
        s.customisation
    ));
    out.push_str(&format!("  made by {}\n", party(&s.vendor)));
    out.push_str(&format!("  operated by {}\n", party(&s.operator)));
    out.push_str(&format!("  runs in {}\n", s.region));

    heading(
        &mut out,
        &format!("Lock-in score {} of 100", d1(s.score.score)),
    );
    out.push_str(&factors_table(&s.score.factors));
    out.push('\n');
    if let Some(h) = &s.hotspot {
        out.push_str(&format!(
            "Hotspot rank {} of {} (hotspot {}, impact {:.3}).\n",
            h.rank,
            h.of,
            d1(h.hotspot),
            s.impact.value
        ));
    }
    if !s.impact.parts.is_empty() {
        out.push_str(&format!(
            "Impact {:.3} = 1 - product of (1 - part):\n",
            s.impact.value
        ));
        let mut t = new_table(["rests on it", "criticality", "users", "how", "part"]);
        for p in &s.impact.parts {
            t.add_row(vec![
                Cell::new(p.service.clone().unwrap_or_else(|| "(own use)".into())),
                Cell::new(p.criticality),
                num(super::int(p.users)),
                Cell::new(EN.impact_how(p.how)),
                num(format!("{:.3}", p.value)),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    heading(&mut out, "Dependencies");
    out.push_str(&format!("  depends on: {}\n", list(&s.dependencies.hard)));
    for g in &s.dependencies.any {
        out.push_str(&format!("  needs one of: {}\n", g.join(", ")));
    }
    if !s.dependencies.soft.is_empty() {
        out.push_str(&format!(
            "  uses (degrades without): {}\n",
            s.dependencies.soft.join(", ")
        ));
    }
    out.push_str(&format!(
        "  rests on, directly or indirectly: {}\n",
        list(&s.dependencies.transitive)
    ));
    heading(&mut out, "Dependents");
    out.push_str(&format!("  systems: {}\n", list(&s.dependents.systems)));
    out.push_str(&format!(
        "  systems, indirectly: {}\n",
        list(&s.dependents.indirect_systems)
    ));
    out.push_str(&format!("  services: {}\n", list(&s.dependents.services)));
    out.push_str(&format!(
        "  services, indirectly: {}\n",
        list(&s.dependents.indirect_services)
    ));
    out.push_str(&format!(
        "  if it alone is cut, these services fail: {}\n",
        list(&s.single_point_for)
    ));
    out.push_str(&format!(
        "  and these systems go down with it: {}\n",
        list(&s.takes_down)
    ));
    if !s.interfaces.is_empty() {
        heading(&mut out, "Interfaces");
        let mut t = new_table([
            "id",
            "direction",
            "other system",
            "protocol",
            "format",
            "open",
            "hard",
        ]);
        for i in &s.interfaces {
            t.add_row(vec![
                Cell::new(&i.id),
                Cell::new(match i.direction {
                    Direction::Out => "needs",
                    Direction::In => "needed by",
                }),
                Cell::new(&i.other),
                Cell::new(i.protocol.clone().unwrap_or_default()),
                Cell::new(i.format.clone().unwrap_or_default()),
                Cell::new(if i.open { "yes" } else { "no" }),
                Cell::new(if i.hard { "yes" } else { "no" }),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    heading(&mut out, "Data");
    if let Some(sens) = &s.sensitivity {
        out.push_str(&format!(
            "  {} ({} sensitivity, {} GB), backup by {}\n",
            list(&s.data_classes),
            sens,
            s.volume_gb.map(money).unwrap_or_default(),
            s.backup.clone().unwrap_or_else(|| "nobody recorded".into())
        ));
    }
    let fmt = |fs: &[FormatRef]| -> String {
        list(
            &fs.iter()
                .map(|f| format!("{}{}", f.id, if f.open { "" } else { " (closed)" }))
                .collect::<Vec<_>>(),
        )
    };
    out.push_str(&format!("  stored formats: {}\n", fmt(&s.formats)));
    out.push_str(&format!(
        "  export formats: {}\n",
        match &s.exports {
            None => "not documented".to_string(),
            Some(e) if e.is_empty() => "none (no export)".to_string(),
            Some(e) => fmt(e),
        }
    ));

    heading(&mut out, "Switch estimate");
    let e = &s.switch;
    out.push_str(&format!(
        "  optimistic {} · likely {} · pessimistic {} months; expected {} months, P80 {} months ({}); cost {} {currency}\n",
        months(e.optimistic_days),
        months(e.likely_days),
        months(e.pessimistic_days),
        months(e.expected_days),
        months(e.p80_days),
        if e.given { "given in the model" } else { "parametric estimate" },
        money(e.cost)
    ));
    for f in &e.factors {
        out.push_str(&format!(
            "    {}: {} days ({})\n",
            f.name,
            d1(f.days),
            f.detail
        ));
    }
    out.push_str(&format!(
        "  exit plan: {}\n",
        s.exit_plan
            .clone()
            .unwrap_or_else(|| "none recorded".into())
    ));
    out.push_str(&format!(
        "  alternatives: {}\n",
        list(
            &s.alternatives
                .iter()
                .map(|a| if a.trusted {
                    a.id.clone()
                } else {
                    format!("{} [outside the trusted set]", EN.alternative_trust(a))
                })
                .collect::<Vec<_>>()
        )
    ));
    if !s.suggestions.is_empty() {
        out.push_str("  no alternative recorded; the built-in catalogue suggests:\n");
        for x in &s.suggestions {
            out.push_str(&format!(
                "    catalog:{}  {} ({}, {}, {})\n",
                x.id, x.name, x.vendor, x.country, x.licence
            ));
        }
    }

    heading(&mut out, "Contracts");
    if s.contracts.is_empty() {
        out.push_str("  none recorded\n");
    } else {
        contracts_table(&mut out, &s.contracts, currency);
    }

    heading(&mut out, "Sovereignty");
    out.push_str(&format!(
        "  indicative {} {} (EU Cloud Sovereignty Framework; from the model, not an assessment): {}\n",
        s.seal.label,
        EN.seal_name(s.seal.level),
        s.seal
            .reasons
            .iter()
            .map(|r| EN.seal_reason(r))
            .collect::<Vec<_>>()
            .join("; ")
    ));
    if s.sovereignty.is_empty() {
        out.push_str("  pulls no dimension of the sovereignty check down\n");
    }
    for p in &s.sovereignty {
        out.push_str(&format!(
            "  pulls down {}: {}\n",
            EN.dimension(p.dimension),
            EN.pull_reasons(&p.reasons)
        ));
    }
    deadlines(&mut out, &s.deadlines);
    out
}

fn contracts_table(out: &mut String, cs: &[ContractRef], currency: &str) {
    let mut t = new_table([
        "contract".to_string(),
        "vendor".into(),
        "kind".into(),
        "term ends".into(),
        "notice".into(),
        "renews".into(),
        format!("annual {currency}"),
    ]);
    for c in cs {
        t.add_row(vec![
            Cell::new(&c.id),
            Cell::new(&c.vendor),
            Cell::new(&c.kind),
            Cell::new(c.end),
            Cell::new(&c.notice),
            Cell::new(c.renewal.clone().unwrap_or_else(|| "no".into())),
            num(c.annual_cost.map(money).unwrap_or_else(|| "-".into())),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
}

fn deadlines(out: &mut String, d: &Option<Vec<ContractDeadline>>) {
    let Some(rows) = d else {
        return;
    };
    heading(out, "Deadlines");
    if rows.is_empty() {
        out.push_str("  no contract\n");
    }
    for c in rows {
        let date = |x: Option<NaiveDate>| x.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        let kind = c
            .exit_kind
            .map(|k| format!(", exit by {}", super::EN.exit_kind(k)))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} [{}{kind}]: current term ends {}, next exit {}, notice by {}, decide by {}\n      {}\n",
            c.id,
            c.status.as_str(),
            date(c.term_end),
            date(c.next_exit),
            date(c.notice_deadline),
            date(c.decision_deadline),
            super::EN.contract_action(c)
        ));
    }
}

fn vendor(v: &VendorExplanation, currency: &str) -> String {
    let mut out = format!("vendor {}: {}\n", v.id, v.name);
    if let Some(d) = &v.description {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&format!("  {}\n", EN.chain(&v.chain)));
    out.push_str(&format!(
        "  exposed to the law of: {}{}\n",
        list(&v.exposure.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
        if v.untrusted.is_empty() {
            " (all trusted)".to_string()
        } else {
            format!(
                " (outside the trusted set: {})",
                v.untrusted
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    ));
    out.push_str(&format!("  controls: {}\n", list(&v.controls)));
    heading(&mut out, "Systems");
    out.push_str(&format!("  makes: {}\n", list(&v.makes)));
    out.push_str(&format!("  operates: {}\n", list(&v.operates)));
    out.push_str(&format!("  holds backups of: {}\n", list(&v.backs_up)));
    heading(&mut out, "Contracts");
    if v.contracts.is_empty() {
        out.push_str("  none with this company\n");
    } else {
        contracts_table(&mut out, &v.contracts, currency);
        out.push_str(&format!(
            "  {} {currency} a year with this company\n",
            money(v.annual_cost)
        ));
    }
    let a = &v.group_aggregate;
    heading(
        &mut out,
        &format!(
            "Vendor group {} (with its subsidiaries): score {} of 100",
            a.id,
            d1(a.score)
        ),
    );
    out.push_str(&factors_table(&a.factors));
    out.push('\n');
    out.push_str(&format!(
        "  {} {currency} a year ({} of all spend); in-use systems: {}\n",
        money(a.annual_cost),
        pct(a.spend_share),
        list(&a.systems)
    ));
    out.push_str(&format!(
        "  critical services that fail if the group alone is cut: {}\n",
        list(&a.single_point_for)
    ));
    heading(
        &mut out,
        &format!("If {} is cut (with the companies it controls)", v.id),
    );
    let days = |xs: &[(String, u32)]| -> String {
        list(
            &xs.iter()
                .map(|(id, d)| {
                    if *d == 0 {
                        id.clone()
                    } else {
                        format!("{id} (day {d})")
                    }
                })
                .collect::<Vec<_>>(),
        )
    };
    out.push_str(&format!("  systems down: {}\n", days(&v.if_cut.systems)));
    out.push_str(&format!("  services down: {}\n", days(&v.if_cut.services)));
    deadlines(&mut out, &v.deadlines);
    out
}

fn contract(c: &ContractExplanation, currency: &str) -> String {
    let mut out = format!(
        "contract {}{}\n",
        c.id,
        c.name
            .as_ref()
            .map(|n| format!(": {n}"))
            .unwrap_or_default()
    );
    if let Some(d) = &c.description {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&format!("  with {}\n", party(&c.vendor)));
    out.push_str(&format!(
        "  {} · {} to {} · notice {} · {}\n",
        c.contract_kind,
        c.start.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        c.end,
        c.notice,
        match &c.renewal {
            Some(r) => format!("renews automatically by {r}"),
            None => "no automatic renewal".into(),
        }
    ));
    out.push_str(&format!(
        "  annual cost: {}\n",
        match (c.annual_cost, c.spend_share) {
            (Some(x), Some(s)) => format!("{} {currency} ({} of all spend)", money(x), pct(s)),
            (Some(x), None) => format!("{} {currency}", money(x)),
            _ => "not recorded".into(),
        }
    ));
    out.push_str(&format!(
        "  data retrieval period: {}\n",
        c.data_retrieval
            .clone()
            .unwrap_or_else(|| "none agreed".into())
    ));
    if let Some(x) = c.switching_charge {
        out.push_str(&format!("  switching charge: {} {currency}\n", money(x)));
    }
    heading(&mut out, "Covers");
    let mut t = new_table(["system", "name", "lock-in score"]);
    for s in &c.covers {
        t.add_row(vec![Cell::new(&s.id), Cell::new(&s.name), num(d1(s.score))]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    heading(&mut out, "EU Data Act");
    if c.data_act.is_empty() {
        out.push_str("  no finding\n");
    }
    for f in &c.data_act {
        out.push_str(&format!(
            "  {} ({})\n",
            EN.data_act_detail(&f.issue, currency),
            f.article
        ));
    }
    deadlines(&mut out, &c.deadlines);
    out
}

fn service(s: &ServiceExplanation, paths: &str) -> String {
    let mut out = format!("service {}: {}\n", s.id, s.name);
    if let Some(d) = &s.description {
        out.push_str(&format!("  {d}\n"));
    }
    out.push_str(&format!(
        "  criticality {} · {} users · maximum outage {}\n",
        s.criticality,
        super::int(s.users),
        s.max_outage.clone().unwrap_or_else(|| "not set".into())
    ));
    heading(&mut out, "Needs");
    for n in &s.needs {
        if n.len() == 1 {
            out.push_str(&format!("  {}\n", n[0]));
        } else {
            out.push_str(&format!("  one of: {}\n", n.join(", ")));
        }
    }
    out.push_str(&format!("  rests on, in all: {}\n", list(&s.rests_on)));
    heading(&mut out, "Dependency paths");
    out.push_str(paths);
    deadlines(&mut out, &s.deadlines);
    out
}
