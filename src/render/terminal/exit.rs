//! `exitgraph exit`: the exit plan as terminal tables: switch estimates,
//! schedule, duration and money.

use super::{int, money, right};
use crate::analysis::deadlines::whole_days;
use crate::analysis::exit_plan::ExitPlan;
use crate::model::duration::DAYS_PER_MONTH;
use chrono::NaiveDate;
use comfy_table::{Cell, ContentArrangement, Table, presets};
use std::fmt::{self, Write as _};

/// The exit plan as terminal text; `as_of` dates the expected ends.
pub fn table(p: &ExitPlan, currency: &str, as_of: Option<NaiveDate>) -> String {
    let mut out = String::new();
    let _ = write_table(&mut out, p, currency, as_of);
    out
}

fn grid() -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled);
    t
}

fn d(x: f64) -> String {
    super::EN.num(x, 0)
}

fn months(x: f64) -> String {
    format!("{} mo", super::EN.num(x / DAYS_PER_MONTH, 1))
}

fn write_table(
    out: &mut String,
    p: &ExitPlan,
    currency: &str,
    as_of: Option<NaiveDate>,
) -> fmt::Result {
    writeln!(out, "Exit plan: leave {} ({})", p.target_name, p.target)?;
    if p.vendors.len() > 1 {
        writeln!(out, "  vendors covered: {}", p.vendors.join(", "))?;
    }
    if !p.skipped.is_empty() {
        writeln!(out, "  not in use, left out: {}", p.skipped.join(", "))?;
    }
    if !p.mandated.is_empty() {
        writeln!(
            out,
            "  mandated, kept: {}",
            p.mandated
                .iter()
                .map(|x| x.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    if p.systems.is_empty() {
        writeln!(
            out,
            "\nNo system in use belongs to this target: nothing to switch."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "  {} system{} to switch, at most {} at a time (parallel_migrations)",
        p.systems.len(),
        if p.systems.len() == 1 { "" } else { "s" },
        p.parallel_migrations
    )?;

    writeln!(
        out,
        "\nSteps (days; PERT: expected = (o + 4m + p) / 6; step: replace, rehost,\nresupport, insource or decommission)"
    )?;
    let mut t = grid();
    t.set_header(vec![
        "system",
        "step",
        "optimistic",
        "likely",
        "pessimistic",
        "expected",
        "P80",
        &format!("cost ({currency})"),
        "source",
    ]);
    for s in &p.systems {
        let source = match (s.given, s.cost_given) {
            (true, true) => "model",
            (true, false) => "model; cost estimated",
            (false, true) => "estimated; cost from model",
            (false, false) => "estimated",
        };
        t.add_row(vec![
            Cell::new(&s.id),
            Cell::new(super::EN.step_kind(s.kind)),
            Cell::new(d(s.optimistic_days)),
            Cell::new(d(s.likely_days)),
            Cell::new(d(s.pessimistic_days)),
            Cell::new(d(s.expected_days)),
            Cell::new(d(s.p80_days)),
            Cell::new(money(s.cost)),
            Cell::new(source),
        ]);
    }
    right(&mut t, &[2, 3, 4, 5, 6, 7]);
    writeln!(out, "{t}")?;
    if !p.joint_tasks.is_empty() {
        writeln!(
            out,
            "Precedence cycles switched as one joint task: {}",
            p.joint_tasks
                .iter()
                .map(|j| j.join(" + "))
                .collect::<Vec<_>>()
                .join("; ")
        )?;
    }

    writeln!(
        out,
        "\nSchedule (expected durations, at most {} at a time; * = on the critical path)",
        p.parallel_migrations
    )?;
    let mut t = grid();
    t.set_header(vec!["task", "start day", "finish day", "expected", "after"]);
    for task in &p.tasks {
        t.add_row(vec![
            Cell::new(format!(
                "{}{}",
                if task.critical { "* " } else { "  " },
                task.id
            )),
            Cell::new(d(task.start_day)),
            Cell::new(d(task.finish_day)),
            Cell::new(d(task.expected_days)),
            Cell::new(if task.after.is_empty() {
                "-".to_string()
            } else {
                task.after.join(", ")
            }),
        ]);
    }
    right(&mut t, &[1, 2, 3]);
    writeln!(out, "{t}")?;

    writeln!(out, "\nDuration")?;
    let row = |label: &str, x: f64| format!("  {label:<30}{:>8} d  {:>9}", d(x), months(x));
    writeln!(
        out,
        "{}   {}",
        row("critical path (expected)", p.expected_days),
        p.critical_path.join(" -> ")
    )?;
    writeln!(
        out,
        "{}",
        row(
            &format!("scheduled, {} at a time", p.parallel_migrations),
            p.scheduled_days
        )
    )?;
    let mc = if p.exact_percentiles && p.tasks.len() == 1 {
        "exact quantiles of the single task's PERT distribution".to_string()
    } else if p.exact_percentiles {
        "exact quantiles: independent tasks, all at once (largest of their PERT durations)"
            .to_string()
    } else {
        format!(
            "Monte Carlo of the schedule, {} runs, seed {}",
            int(p.runs),
            p.seed
        )
    };
    writeln!(out, "{}   {mc}", row("P50", p.p50_days))?;
    writeln!(out, "{}", row("P80", p.p80_days))?;
    writeln!(out, "{}", row("P95", p.p95_days))?;
    if let Some(start) = as_of {
        let finish = |x: f64| {
            start
                .checked_add_days(chrono::Days::new(whole_days(x) as u64))
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into())
        };
        writeln!(
            out,
            "  started on {start}: expected end {}, P80 end {}",
            finish(p.scheduled_days),
            finish(p.p80_days)
        )?;
    }

    writeln!(out, "\nMoney ({currency})")?;
    let row = |label: &str, x: f64| format!("  {label:<30}{:>12}", money(x));
    writeln!(out, "{}", row("switch cost, total", p.total_cost))?;
    if p.contracts_left_behind.is_empty() {
        writeln!(
            out,
            "  {:<30}none (no contract covers only switched systems)",
            "contracts left behind"
        )?;
    } else {
        writeln!(
            out,
            "{} a year: {}",
            row("contracts left behind", p.annual_cost_left_behind),
            p.contracts_left_behind
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    if let Some(y) = p.payback_years {
        writeln!(
            out,
            "  {:<30}{y:>12.1} years (gross: the alternatives' own running costs are not included)",
            "payback"
        )?;
    }
    if !p.contracts_partly_affected.is_empty() {
        writeln!(
            out,
            "  partly affected (also cover systems that stay): {}",
            p.contracts_partly_affected.join(", ")
        )?;
    }
    Ok(())
}
