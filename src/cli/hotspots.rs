//! `exitgraph hotspots`: lock-in scores of systems and vendor groups, and
//! spend concentration, as a table, JSON or CSV.
//!
//! The numbers are computed once (`analysis::lockin::hotspots`) and only
//! formatted here, so table, JSON and CSV show the same values: scores and
//! points with one decimal, impact with three, shares as fractions with four
//! decimals (the table prints them as percentages with two).

use super::{CliError, Ctx, ModelArg};
use crate::analysis::lockin::{self, HotspotsReport};
use crate::render::csv::{Table as CsvTable, number};
use crate::render::text::money;
use clap::ValueEnum;
use comfy_table::{Cell, CellAlignment, ContentArrangement, LineStyle, Table, TableStyle};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// Show only the N highest-ranked systems and vendor groups.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also score the candidate systems on the same criteria (for procurement).
    #[arg(long)]
    pub candidates: bool,
    /// Which table `--format csv` writes (systems by default).
    #[arg(long, value_enum)]
    pub csv_table: Option<CsvPart>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// The table written by `--format csv`.
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum CsvPart {
    /// Systems with score, impact, hotspot and factor points (candidates appended with `--candidates`).
    Systems,
    /// Vendor groups with score, spend share and single points of failure.
    Vendors,
    /// Annual spend per vendor group.
    Groups,
    /// Annual spend per jurisdiction of the top parent.
    Jurisdictions,
    /// Spend and HHI per system category.
    Categories,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    if args.top == Some(0) {
        return Err(CliError::usage_help(
            "`--top 0` would show nothing",
            "give a positive number, or leave `--top` out to see everything",
        ));
    }
    if args.csv_table.is_some() && args.format != Format::Csv {
        return Err(CliError::usage_help(
            "`--csv-table` chooses the table of `--format csv`",
            "add `--format csv`, or leave `--csv-table` out",
        ));
    }
    let g = ctx.load_quiet(&args.model.model)?;
    let mut report = lockin::hotspots(&g, args.candidates);
    if let Some(n) = args.top {
        report.systems.truncate(n);
        report.vendors.truncate(n);
    }
    match args.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&report)
                .map_err(|e| CliError::io(format!("cannot write JSON: {e}")))?;
            writeln!(ctx.out, "{text}")?;
        }
        Format::Csv => {
            ctx.out
                .write_all(csv(&report, args.csv_table.unwrap_or(CsvPart::Systems)).as_bytes())?;
        }
        Format::Table => {
            let org = &g.model().organisation;
            let text = table(&report, &org.name, &org.currency);
            ctx.out.write_all(text.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Rules above and below the table and under the header; no row rules.
const STYLE: TableStyle = TableStyle::new()
    .top_border(LineStyle::none().fill('─').junction('─'))
    .header_separator(LineStyle::none().fill('─').junction('─'))
    .bottom_border(LineStyle::none().fill('─').junction('─'));

/// A terminal table in the house style: horizontal rules, no colour,
/// wrapped to 100 columns so that output does not depend on the terminal.
pub(super) fn new_table<S: ToString>(header: impl IntoIterator<Item = S>) -> Table {
    let mut t = Table::new();
    t.load_style(STYLE)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(100)
        .set_header(header.into_iter().map(|h| Cell::new(h.to_string())));
    t
}

/// A table of short cells that must not wrap (ids and numbers): as wide as
/// its content.
pub(super) fn wide_table<S: ToString>(header: impl IntoIterator<Item = S>) -> Table {
    let mut t = new_table(header);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t
}

/// A right-aligned cell for numbers.
pub(super) fn num(text: impl ToString) -> Cell {
    Cell::new(text.to_string()).set_alignment(CellAlignment::Right)
}

/// A share (fraction) as a percentage with the same digits: 0.3321 -> `33.21 %`.
pub(super) fn pct(share: f64) -> String {
    format!("{:.2} %", share * 100.0)
}

/// One decimal, as in the JSON.
pub(super) fn d1(x: f64) -> String {
    format!("{x:.1}")
}

/// Short column headers of the eight factors.
const FACTOR_HEADERS: [&str; 8] = [
    "data", "intf", "alt", "switch", "contr", "juris", "lic", "crit",
];

fn table(r: &HotspotsReport, org: &str, currency: &str) -> String {
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
        let when = match v.single_point_day {
            Some(d) if d > 0 => format!(" (from day {d}, when licences stop)"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "{} alone takes down{when}: {}\n",
            v.id,
            v.single_point_for.join(", ")
        ));
    }
    out.push_str(
        "score: its most locked-in system, its share of spend, and how many critical services (criticality critical \
         or high) fail when the group alone is cut (`alone takes down`).\n",
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

fn csv(r: &HotspotsReport, part: CsvPart) -> String {
    match part {
        CsvPart::Systems => {
            let factor_names: Vec<String> = r
                .systems
                .first()
                .map(|s| &s.factors)
                .or_else(|| {
                    r.candidates
                        .as_ref()
                        .and_then(|c| c.first())
                        .map(|s| &s.factors)
                })
                .map(|fs| fs.iter().map(|f| f.name.to_string()).collect())
                .unwrap_or_default();
            let mut t = CsvTable::new(
                [
                    "rank", "id", "name", "status", "category", "score", "impact", "hotspot",
                ]
                .into_iter()
                .map(String::from)
                .chain(factor_names),
            );
            for s in &r.systems {
                let mut row = vec![
                    s.rank.to_string(),
                    s.id.clone(),
                    s.name.clone(),
                    "in-use".to_string(),
                    s.category.clone(),
                    number(s.score),
                    number(s.impact),
                    number(s.hotspot),
                ];
                row.extend(s.factors.iter().map(|f| number(f.points)));
                t.row(row);
            }
            for s in r.candidates.iter().flatten() {
                let mut row = vec![
                    String::new(),
                    s.id.clone(),
                    s.name.clone(),
                    s.status.to_string(),
                    s.category.clone(),
                    number(s.score),
                    String::new(),
                    String::new(),
                ];
                row.extend(s.factors.iter().map(|f| number(f.points)));
                t.row(row);
            }
            t.to_csv()
        }
        CsvPart::Vendors => {
            let mut t = CsvTable::new([
                "id",
                "name",
                "country",
                "score",
                "spend_share",
                "annual_cost",
                "single_point_for",
                "systems",
            ]);
            for v in &r.vendors {
                t.row([
                    v.id.clone(),
                    v.name.clone(),
                    v.country.to_string(),
                    number(v.score),
                    number(v.spend_share),
                    number(v.annual_cost),
                    v.single_point_for.join(" "),
                    v.systems.join(" "),
                ]);
            }
            t.to_csv()
        }
        CsvPart::Groups => {
            let mut t = CsvTable::new([
                "vendor",
                "name",
                "country",
                "annual_cost",
                "share",
                "untrusted",
            ]);
            for gsp in &r.concentration.by_group {
                t.row([
                    gsp.vendor.clone(),
                    gsp.name.clone(),
                    gsp.country.to_string(),
                    number(gsp.annual_cost),
                    number(gsp.share),
                    gsp.untrusted.to_string(),
                ]);
            }
            t.to_csv()
        }
        CsvPart::Jurisdictions => {
            let mut t = CsvTable::new(["country", "annual_cost", "share", "trusted"]);
            for j in &r.concentration.by_jurisdiction {
                t.row([
                    j.country.to_string(),
                    number(j.annual_cost),
                    number(j.share),
                    j.trusted.to_string(),
                ]);
            }
            t.to_csv()
        }
        CsvPart::Categories => {
            let mut t = CsvTable::new([
                "category",
                "annual_cost",
                "share",
                "hhi",
                "band",
                "largest_group",
                "largest_share",
            ]);
            for c in &r.concentration.by_category {
                let first = c.by_group.first();
                t.row([
                    c.category.clone(),
                    number(c.annual_cost),
                    number(c.share),
                    number(c.hhi),
                    c.band.as_str().to_string(),
                    first.map(|g| g.vendor.clone()).unwrap_or_default(),
                    first.map(|g| number(g.share)).unwrap_or_default(),
                ]);
            }
            t.to_csv()
        }
    }
}
