//! `exitgraph simulate`: vendor, jurisdiction or system cut-offs and price
//! shocks, for emergency planners.
//!
//! What to simulate: `--scenario ID` (a `[[scenario]]` of the model),
//! `--all-scenarios`, ad-hoc `--cut vendor:ID|jurisdiction:CC|system:ID` and
//! `--price vendor:ID=FACTOR` (repeatable, combinable), or `--each-vendor`
//! (the single-vendor cut of every vendor, ranked). The text output is a
//! summary for the planner, most critical services first; `--format json`
//! prints the report data. Bad cuts, prices or ids exit with 2.

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx, ModelArg, unknown_id};
use crate::analysis::simulate::{
    EachVendor, Report, RestoreBy, ServiceResult, Simulator, Spec, State, SystemResult,
};
use crate::graph::Graph;
use crate::model::{Cut, types::Criticality};
use crate::model::{EntityKind, PriceShock, Region};
use crate::render::text::{group, money};
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Simulate a scenario of the model (`[[scenario]]` id).
    #[arg(long, value_name = "ID", conflicts_with_all = ["cut", "price"])]
    pub scenario: Option<String>,
    /// Simulate every scenario of the model, in file order.
    #[arg(long, conflicts_with_all = ["scenario", "cut", "price"])]
    pub all_scenarios: bool,
    /// Cut something off: `vendor:ID` (with its subsidiaries), `jurisdiction:CC`
    /// (every vendor whose ownership chain reaches the country; `EU` for all
    /// member states) or `system:ID`. Repeatable.
    #[arg(long, value_name = "KIND:ID")]
    pub cut: Vec<String>,
    /// A price shock: `vendor:ID=FACTOR`, the new price as a multiple of the
    /// old (11 = +1,000 %). Repeatable.
    #[arg(long, value_name = "vendor:ID=FACTOR")]
    pub price: Vec<String>,
    /// Cut every vendor on its own and rank vendors by the services they take down.
    #[arg(long, conflicts_with_all = ["scenario", "all_scenarios", "cut", "price"])]
    pub each_vendor: bool,
    /// Most rows per list in text output (services, systems, data, vendors);
    /// JSON has all.
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub top: usize,
    /// The day contracts are judged running on (default: the model's `as_of`, else today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::parse_date)]
    pub as_of: Option<NaiveDate>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    if args.scenario.is_none()
        && !args.all_scenarios
        && !args.each_vendor
        && args.cut.is_empty()
        && args.price.is_empty()
    {
        return Err(CliError::usage_help(
            "say what to simulate",
            "give --scenario ID, --all-scenarios, --cut KIND:ID, --price vendor:ID=FACTOR or --each-vendor",
        ));
    }
    let g = ctx.load_quiet(&args.model.model)?;
    let as_of = super::as_of(args.as_of, &g);
    let specs: Vec<Spec> = if args.each_vendor {
        Vec::new()
    } else if args.all_scenarios {
        let m = g.model();
        if m.scenarios.is_empty() {
            return Err(CliError::usage_help(
                "the model has no scenarios",
                "add a [[scenario]] with `cut` or `price`, or give --cut / --price",
            ));
        }
        m.scenario_ids().map(|s| Spec::scenario(&g, s)).collect()
    } else if let Some(id) = &args.scenario {
        let s = g
            .model()
            .scenario_id(id)
            .ok_or_else(|| unknown_scenario(&g, id))?;
        vec![Spec::scenario(&g, s)]
    } else {
        let cuts = args
            .cut
            .iter()
            .map(|c| parse_cut(&g, c))
            .collect::<Result<Vec<_>, _>>()?;
        let prices = args
            .price
            .iter()
            .map(|p| parse_price(&g, p))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, p) in prices.iter().enumerate() {
            if prices[..i].iter().any(|q| q.vendor == p.vendor) {
                return Err(CliError::usage_help(
                    format!(
                        "`--price` names vendor `{}` twice",
                        g.model().vendor(p.vendor).id
                    ),
                    "give one factor per vendor; a factor for a parent company applies to its subsidiaries unless they have their own",
                ));
            }
        }
        vec![Spec::ad_hoc(cuts, prices)]
    };

    let sim = Simulator::new(&g);
    let currency = g.model().organisation.currency.clone();
    if args.each_vendor {
        let ev = sim.each_vendor(as_of);
        match args.format {
            Format::Json => json(ctx, &ev)?,
            // Only table and json pass the parser.
            Format::Table | Format::Csv | Format::Markdown => {
                ctx.print(&each_vendor_text(&ev, args.top, &currency))?
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let reports: Vec<Report> = specs.iter().map(|s| sim.simulate(s, as_of)).collect();
    match args.format {
        Format::Json if args.all_scenarios => json(ctx, &reports)?,
        Format::Json => {
            for r in &reports {
                json(ctx, r)?;
            }
        }
        // Only table and json pass the parser.
        Format::Table | Format::Csv | Format::Markdown => {
            for (i, r) in reports.iter().enumerate() {
                if i > 0 {
                    ctx.print("\n")?;
                    ctx.print(&format!("{}\n", "=".repeat(78)))?;
                    ctx.print("\n")?;
                }
                ctx.print(&report_text(r, args.top, &currency))?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn json<T: serde::Serialize>(ctx: &mut Ctx, value: &T) -> Result<(), CliError> {
    let text = serde_json::to_string_pretty(value).map_err(|e| CliError::io(e.to_string()))?;
    ctx.data(format!("{text}\n").as_bytes())?;
    Ok(())
}

fn unknown_scenario(g: &Graph, id: &str) -> CliError {
    let m = g.model();
    if m.scenarios.is_empty() {
        return CliError::usage_help(
            format!("the model has no scenario `{id}` (it has no scenarios at all)"),
            "give the cut directly, e.g. --cut vendor:ID or --cut jurisdiction:US",
        );
    }
    let list: Vec<&str> = m.scenarios.iter().map(|s| s.id.as_str()).collect();
    let help = if let Some(s) = m.suggest(EntityKind::Scenario, id) {
        format!("did you mean `{s}`?")
    } else if m.vendor_id(id).is_some() {
        format!("`{id}` is a vendor: cut it with --cut vendor:{id}")
    } else if m.system_id(id).is_some() {
        format!("`{id}` is a system: cut it with --cut system:{id}")
    } else {
        format!("the model's scenarios: {}", wrap_list(&list, 12))
    };
    CliError::usage_help(format!("the model has no scenario `{id}`"), help)
}

/// Parses `vendor:ID`, `jurisdiction:CC` or `system:ID`.
fn parse_cut(g: &Graph, text: &str) -> Result<Cut, CliError> {
    let m = g.model();
    let bad = || {
        CliError::usage_help(
            format!("`--cut {text}` is not a cut"),
            "write vendor:ID, jurisdiction:CC (e.g. jurisdiction:US, jurisdiction:EU) or system:ID",
        )
    };
    let (kind, id) = text.split_once(':').ok_or_else(bad)?;
    if id.is_empty() {
        return Err(bad());
    }
    match kind {
        "vendor" => m
            .vendor_id(id)
            .map(Cut::Vendor)
            .ok_or_else(|| unknown_id(g, EntityKind::Vendor, id)),
        "system" => m
            .system_id(id)
            .map(Cut::System)
            .ok_or_else(|| unknown_id(g, EntityKind::System, id)),
        "jurisdiction" => Region::parse(id).map(Cut::Jurisdiction).map_err(|e| {
            CliError::usage_help(
                format!("`--cut {text}`: {e}"),
                "a jurisdiction is an ISO 3166-1 alpha-2 code such as US or CN, or EU",
            )
        }),
        _ => Err(bad()),
    }
}

/// Parses `vendor:ID=FACTOR`.
fn parse_price(g: &Graph, text: &str) -> Result<PriceShock, CliError> {
    let help = "write vendor:ID=FACTOR, the new price as a multiple of the old, e.g. vendor:broadcom=11 for +1,000 %";
    let bad = |why: &str| CliError::usage_help(format!("`--price {text}`: {why}"), help);
    let (target, factor) = text
        .split_once('=')
        .ok_or_else(|| bad("no `=FACTOR` given"))?;
    let id = target
        .strip_prefix("vendor:")
        .ok_or_else(|| bad("a price shock applies to a vendor (`vendor:ID`)"))?;
    let vendor = g
        .model()
        .vendor_id(id)
        .ok_or_else(|| unknown_id(g, EntityKind::Vendor, id))?;
    let factor: f64 = factor
        .trim()
        .parse()
        .map_err(|_| bad(&format!("`{factor}` is not a number")))?;
    if !factor.is_finite() || factor <= 0.0 || factor > crate::model::decode::MAX_NUMBER {
        return Err(bad(
            "the factor must be a number above 0 and at most 10^12 (1 = no change)",
        ));
    }
    Ok(PriceShock { vendor, factor })
}

// ---- text output ----

fn day(d: u32) -> String {
    if d == 0 {
        "at once (day 0)".to_string()
    } else {
        format!("on day {d}")
    }
}

fn duration(days: f64) -> String {
    let d = days.round() as i64;
    if days < 2.0 {
        let h = (days * 24.0).ceil() as i64;
        return format!("about {h} hour{}", if h == 1 { "" } else { "s" });
    }
    if days >= 60.0 {
        format!("about {} days ({:.1} months)", group(d), days / 30.4375)
    } else if d == 1 {
        "about 1 day".to_string()
    } else {
        format!("about {d} days")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn chain(c: &[String]) -> String {
    c.join(" <- ")
}

fn crit(c: Criticality) -> String {
    format!("[{c}]")
}

fn restore_text(s: &SystemResult) -> String {
    match (&s.restore_days, &s.restore_by) {
        (
            Some(d),
            Some(RestoreBy::Switch {
                alternative,
                estimate_given,
            }),
        ) => format!(
            "back after {} by switching to {alternative}{}",
            duration(*d),
            if *estimate_given {
                ""
            } else {
                " (parametric estimate)"
            }
        ),
        (Some(d), Some(RestoreBy::Dependency { system })) => {
            format!("back after {} when {system} is back", duration(*d))
        }
        (Some(d), None) => format!("back after {}", duration(*d)),
        (None, _) => "no way back known (no available alternative)".to_string(),
    }
}

/// The state of a system in the report (`None`: up).
fn system_state<'r>(r: &'r Report, id: &str) -> Option<&'r SystemResult> {
    r.systems.iter().find(|x| x.id == id)
}

fn service_block(out: &mut String, r: &Report, s: &ServiceResult) {
    let _ = writeln!(out, "  {:<10} {} - {}", crit(s.criticality), s.id, s.name);
    match s.state {
        State::Down => {
            let stop = s.down_from_day.map(day).unwrap_or_default();
            let back = match s.restore_days {
                Some(d) => format!("back after {}", duration(d)),
                None => "no way back known".to_string(),
            };
            let max = match s.max_outage_days {
                Some(m) => format!("max outage {}", duration(m).trim_start_matches("about ")),
                None => "no max outage given".to_string(),
            };
            let breach = if s.breach { "  ** BREACH **" } else { "" };
            let _ = writeln!(out, "             stops {stop}; {back}; {max}{breach}");
        }
        State::Unsupported | State::Degraded => {
            let sys = s.cause.get(1).map(String::as_str).unwrap_or("");
            let how = match system_state(r, sys).map(|x| x.state) {
                Some(State::Down) => {
                    format!("{sys} is down; another system of an `any` group keeps it running")
                }
                Some(State::Unsupported) => {
                    format!("{sys} runs on without vendor support or updates")
                }
                _ => format!("{sys} works with limits"),
            };
            let _ = writeln!(out, "             keeps running: {how}");
        }
    }
    let _ = writeln!(out, "             why: {}", chain(&s.cause));
}

/// The planner's summary of one simulation.
pub fn report_text(r: &Report, top: usize, currency: &str) -> String {
    let mut out = String::new();
    let o = &mut out;
    match &r.name {
        Some(n) => {
            let _ = writeln!(o, "Scenario `{}`: {n}", r.scenario);
        }
        None => {
            let _ = writeln!(o, "Ad-hoc simulation");
        }
    }
    let cuts = if r.cuts.is_empty() {
        "nothing (price changes only)".to_string()
    } else {
        r.cuts.join(", ")
    };
    let _ = writeln!(o, "Cut: {cuts}; contracts as of {}", r.as_of);
    if !r.cut_vendors.is_empty() {
        let ids: Vec<&str> = r.cut_vendors.iter().map(|v| v.id.as_str()).collect();
        let _ = writeln!(
            o,
            "Vendors cut off ({}): {}",
            ids.len(),
            wrap_list(&ids, 18)
        );
    }
    let _ = writeln!(o);

    let s = &r.summary;
    if r.cuts.is_empty() {
        let _ = writeln!(o, "No service or system stops in this scenario.");
    } else {
        if s.services_down == 0 {
            let _ = writeln!(o, "No service stops.");
        } else {
            let _ = writeln!(
                o,
                "{} of {} {} stop; {}.",
                s.services_down,
                s.services_total,
                if s.services_total == 1 {
                    "service"
                } else {
                    "services"
                },
                match s.services_breached {
                    0 => "none is down longer than its maximum outage".to_string(),
                    1 => "1 is down longer than its maximum outage (a breach)".to_string(),
                    n => format!("{n} are down longer than their maximum outage (breaches)"),
                }
            );
        }
        if s.services_unsupported + s.services_degraded > 0 {
            let _ = writeln!(
                o,
                "{} running at risk: {}.",
                plural(
                    s.services_unsupported + s.services_degraded,
                    "more service keeps",
                    "more services keep"
                ),
                parts(&[
                    (s.services_unsupported, "without vendor support"),
                    (s.services_degraded, "with limits"),
                ])
            );
        }
        let _ = writeln!(
            o,
            "Systems: {}.",
            parts(&[
                (s.systems_down, "down"),
                (s.systems_unsupported, "without vendor support"),
                (s.systems_degraded, "degraded"),
            ])
        );
        if !r.stranded_data.is_empty() {
            let _ = writeln!(
                o,
                "{} GB of data stranded in {}.",
                group(r.stranded_volume_gb.round() as i64),
                plural(r.stranded_data.len(), "system", "systems")
            );
        }
        if r.contracts_at_risk.is_empty() {
            let _ = writeln!(o, "No running contracts with cut vendors.");
        } else {
            let _ = writeln!(
                o,
                "{} {currency} a year in running contracts with cut vendors.",
                money(r.annual_cost_at_risk)
            );
        }
    }

    let down: Vec<&ServiceResult> = r
        .services
        .iter()
        .filter(|x| x.state == State::Down)
        .collect();
    if !down.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "SERVICES THAT STOP (most critical first)");
        let n = down.len();
        for x in down.into_iter().take(top) {
            service_block(o, r, x);
        }
        more(o, n, top);
        let _ = writeln!(
            o,
            "  (restore: 80th-percentile switch time of the best available alternative, from the day a system stops,"
        );
        let _ = writeln!(
            o,
            "   or the day the systems it depends on are back; breach: longer than max outage, or no way back known)"
        );
    }
    let limited: Vec<&ServiceResult> = r
        .services
        .iter()
        .filter(|x| x.state != State::Down)
        .collect();
    if !limited.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "SERVICES THAT KEEP RUNNING, AT RISK");
        let n_limited = limited.len();
        for x in limited.into_iter().take(top) {
            service_block(o, r, x);
        }
        more(o, n_limited, top);
    }
    let up = s.services_total - r.services.len();
    if !r.cuts.is_empty() && up > 0 {
        let _ = writeln!(
            o,
            "  ({} not affected)",
            plural(up, "other service is", "other services are")
        );
    }

    let systems_down: Vec<&SystemResult> = r
        .systems
        .iter()
        .filter(|x| x.state == State::Down)
        .collect();
    if !systems_down.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "SYSTEMS THAT STOP (by day)");
        let n_sys = systems_down.len();
        for x in systems_down.into_iter().take(top) {
            let _ = writeln!(
                o,
                "  day {:>4}  {:<10} {}: {}",
                x.down_from_day.unwrap_or(0),
                crit(x.criticality),
                x.id,
                restore_text(x)
            );
            let _ = writeln!(o, "             why: {}", chain(&x.cause));
        }
        more(o, n_sys, top);
        let blind: Vec<&str> = r
            .systems
            .iter()
            .filter(|x| x.state == State::Down && x.restore_by.is_none())
            .map(|x| x.id.as_str())
            .collect();
        if !blind.is_empty() {
            let _ = writeln!(
                o,
                "  note: no available alternative for {}; name one in `alternatives` (with `switch` estimates) to get a restore estimate",
                wrap_list(&blind, 8)
            );
        }
    }
    for (state, title) in [
        (
            State::Unsupported,
            "SYSTEMS WITHOUT VENDOR SUPPORT (keep running, no updates)",
        ),
        (
            State::Degraded,
            "DEGRADED SYSTEMS (a soft interface or a redundant part is down)",
        ),
    ] {
        let l: Vec<&SystemResult> = r.systems.iter().filter(|x| x.state == state).collect();
        if l.is_empty() {
            continue;
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "{title}");
        let n_l = l.len();
        for x in l.into_iter().take(top) {
            let why = chain(&x.cause[1..]);
            let what = match state {
                State::Unsupported => format!("its vendor is cut off ({why})"),
                _ => {
                    let t = x.cause.get(1).map(String::as_str).unwrap_or("");
                    format!("{t} is down ({why})")
                }
            };
            let _ = writeln!(o, "  {:<10} {}: {what}", crit(x.criticality), x.id);
        }
        more(o, n_l, top);
    }

    if !r.stranded_data.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "STRANDED DATA (operator cut off, no backup held by an uncut party)"
        );
        for d in r.stranded_data.iter().take(top) {
            let backup = match &d.backup {
                Some(b) => format!("backup with {b} (cut off)"),
                None => "no backup declared".to_string(),
            };
            let _ = writeln!(
                o,
                "  {:<9} {:>9} GB  {}: held by {}, {backup}",
                d.sensitivity.as_str(),
                group(d.volume_gb.round() as i64),
                d.system,
                d.operator
            );
        }
        more(o, r.stranded_data.len(), top);
    }

    if !r.contracts_at_risk.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "CONTRACTS WITH CUT VENDORS: {} {currency} a year",
            money(r.annual_cost_at_risk)
        );
        for c in r.contracts_at_risk.iter().take(top) {
            let cost = match c.annual_cost {
                Some(x) => format!("{:>12} {currency}", money(x)),
                None => format!("{:>12} {currency}", "unknown"),
            };
            let _ = writeln!(o, "  {cost}  {} ({})", c.contract, c.vendor);
        }
        more(o, r.contracts_at_risk.len(), top);
    }

    if !r.price_shock.vendors.is_empty() {
        let _ = writeln!(o);
        let added = r.price_shock.added_annual_cost;
        let _ = writeln!(
            o,
            "PRICE SHOCK: {} {currency} {} a year",
            money(added.abs()),
            if added < 0.0 { "less" } else { "more" }
        );
        for v in &r.price_shock.vendors {
            let pct = (v.factor - 1.0) * 100.0;
            let _ = writeln!(
                o,
                "  {} (x{}, {}{} %): {} -> {} {currency} a year ({})",
                v.vendor,
                v.factor,
                if pct >= 0.0 { "+" } else { "" },
                group(pct.round() as i64),
                money(v.annual_cost),
                money(v.annual_cost + v.added_annual_cost),
                if v.contracts.is_empty() {
                    "no running contracts".to_string()
                } else {
                    wrap_list(
                        &v.contracts.iter().map(String::as_str).collect::<Vec<_>>(),
                        8,
                    )
                }
            );
            if !v.contracts_without_cost.is_empty() {
                let _ = writeln!(
                    o,
                    "    contracts without annual_cost (not counted): {}",
                    v.contracts_without_cost.join(", ")
                );
            }
            let _ = writeln!(
                o,
                "    leaving costs {}{} {currency} once, switching {}",
                if v.systems_without_switch_cost.is_empty() {
                    ""
                } else {
                    "at least "
                },
                money(v.switch_cost),
                if v.systems.is_empty() {
                    "no in-use systems".to_string()
                } else {
                    wrap_list(&v.systems.iter().map(String::as_str).collect::<Vec<_>>(), 8)
                }
            );
            if !v.systems.is_empty() {
                let _ = writeln!(
                    o,
                    "    its exit plan takes {} at the 80th percentile",
                    duration(v.exit_p80_days)
                );
            }
            if !v.systems_without_switch_cost.is_empty() {
                let _ = writeln!(
                    o,
                    "    no switch cost known for: {} (counted as 0: the cost of leaving is a lower bound)",
                    wrap_list(
                        &v.systems_without_switch_cost
                            .iter()
                            .map(String::as_str)
                            .collect::<Vec<_>>(),
                        8
                    )
                );
            }
            match v.payback_years {
                None if v.added_annual_cost > 0.0 => {
                    let _ = writeln!(
                        o,
                        "    payback time unknown until every switch cost is known (`switch = {{ cost = ... }}`)"
                    );
                }
                Some(y) => {
                    let _ = writeln!(
                        o,
                        "    leaving pays for itself after {:.1} years ({:.0} months) of the added cost",
                        y,
                        (y * 12.0).ceil()
                    );
                }
                None => {
                    let _ = writeln!(o, "    the price does not rise: no payback");
                }
            }
        }
    }
    out
}

/// The line after a list cut to `top` rows.
fn more(o: &mut String, n: usize, top: usize) {
    if n > top {
        let _ = writeln!(
            o,
            "  ... and {} more (--top N shows more, --format json all)",
            n - top
        );
    }
}

/// `3 down, 2 degraded`, leaving out zeros; `none` when all are zero.
fn parts(items: &[(usize, &str)]) -> String {
    let l: Vec<String> = items
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if l.is_empty() {
        "none affected".to_string()
    } else {
        l.join(", ")
    }
}

fn wrap_list(ids: &[&str], max: usize) -> String {
    if ids.len() <= max {
        ids.join(", ")
    } else {
        format!(
            "{}, ... and {} more",
            ids[..max].join(", "),
            ids.len() - max
        )
    }
}

/// The planner's ranking of single-vendor cuts.
pub fn each_vendor_text(ev: &EachVendor, top: usize, currency: &str) -> String {
    let mut out = String::new();
    let o = &mut out;
    let w = &ev.weights;
    let hurting: Vec<_> = ev.vendors.iter().filter(|v| v.score > 0).collect();
    let _ = writeln!(
        o,
        "Single-vendor cut-off of each of {} (contracts as of {})",
        plural(ev.vendors.len(), "vendor", "vendors"),
        ev.as_of
    );
    let _ = writeln!(
        o,
        "Ranked by the services each cut takes down, weighted by criticality (critical {}, high {}, medium {}, low {}).",
        w.critical, w.high, w.medium, w.low
    );
    let _ = writeln!(
        o,
        "A vendor is cut together with the companies it controls; `group` is the top of its ownership chain."
    );
    let _ = writeln!(o);
    if hurting.is_empty() {
        let _ = writeln!(o, "No single vendor takes a service down.");
        return out;
    }
    let shown: Vec<_> = hurting.iter().take(top).collect();
    let vw = shown
        .iter()
        .map(|v| v.vendor.len())
        .max()
        .unwrap_or(6)
        .max(6);
    let gw = shown
        .iter()
        .map(|v| v.group.len())
        .max()
        .unwrap_or(5)
        .max(5);
    let _ = writeln!(
        o,
        "{:>4}  {:<vw$}  {:<gw$}  {:>5}  {:>8}  {:>8}  {:>8}  {:>9}  {:>7}  {:>11}  {:>14}",
        "rank",
        "vendor",
        "group",
        "score",
        "services",
        "critical",
        "breaches",
        "first day",
        "systems",
        "stranded GB",
        format!("contracts {currency}")
    );
    for v in &shown {
        let _ = writeln!(
            o,
            "{:>4}  {:<vw$}  {:<gw$}  {:>5}  {:>8}  {:>8}  {:>8}  {:>9}  {:>7}  {:>11}  {:>14}",
            v.rank,
            v.vendor,
            v.group,
            v.score,
            v.services_down.len(),
            v.critical_services_down,
            v.breaches.len(),
            v.first_service_down_day
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            v.systems_down,
            group(v.stranded_volume_gb.round() as i64),
            money(v.annual_cost_at_risk)
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "Services each vendor takes down (breaches marked *):");
    for v in &shown {
        let list: Vec<String> = v
            .services_down
            .iter()
            .map(|s| {
                if v.breaches.contains(s) {
                    format!("{s}*")
                } else {
                    s.clone()
                }
            })
            .collect();
        let more = if list.len() > 8 {
            format!(", ... and {} more", list.len() - 8)
        } else {
            String::new()
        };
        let first = &list[..list.len().min(8)];
        let _ = writeln!(o, "  {:<vw$}  {}{more}", v.vendor, first.join(", "));
    }
    if hurting.len() > shown.len() {
        let _ = writeln!(
            o,
            "\n{} more {} services down (--top N shows more, --format json all).",
            hurting.len() - shown.len(),
            if hurting.len() - shown.len() == 1 {
                "vendor takes"
            } else {
                "vendors take"
            }
        );
    }
    let none = ev.vendors.len() - hurting.len();
    if none > 0 {
        let _ = writeln!(
            o,
            "\n{} no service down on {} own.",
            plural(none, "vendor takes", "vendors take"),
            if none == 1 { "its" } else { "their" }
        );
    }
    out
}
