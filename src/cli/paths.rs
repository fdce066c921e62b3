//! `exitgraph paths`: the dependency chains of a service down to systems,
//! vendors and controlling companies, with the single points of failure
//! marked; for every critical service (criticality critical or high) when no
//! `--service` is given.

use super::format::{Format, TABLE_JSON};
use super::{CliError, Ctx, ModelArg, unknown_id};
use crate::analysis::paths::{self, NodeKind, PathNode, PathsReport};
use crate::model::EntityKind;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub model: ModelArg,
    /// The service to show (repeatable); default: every critical or high service.
    #[arg(long, value_name = "ID")]
    pub service: Vec<String>,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = Format::parser(TABLE_JSON))]
    pub format: Format,
    /// Deepest level of the tree shown in text output; deeper levels are
    /// counted in one line. JSON has every level (up to 1,000 nodes a tree).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_DEPTH,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub depth: u32,
}

/// Levels of the tree shown in text output by default: deeper than any
/// real landscape's chains, and still within 80 columns.
pub const DEFAULT_DEPTH: u32 = 20;

pub fn run(ctx: &mut Ctx, args: Args) -> Result<ExitCode, CliError> {
    let g = ctx.load_quiet(&args.model.model)?;
    let m = g.model();
    let services = if args.service.is_empty() {
        paths::critical_services(&g)
    } else {
        let mut v = Vec::new();
        for id in &args.service {
            match m.service_id(id) {
                Some(s) => v.push(s),
                None => return Err(unknown_id(&g, EntityKind::Service, id)),
            }
        }
        v
    };
    let report = paths::paths(&g, &services);
    match args.format {
        Format::Json => {
            ctx.json(&report)?;
        }
        // Only table and json pass the parser.
        Format::Table | Format::Csv | Format::Markdown => {
            if report.services.is_empty() {
                ctx.print(
                    "The model has no critical or high service; name one with --service ID.\n",
                )?;
            }
            write_text(&mut ctx.print_stream(), &report, args.depth)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The paths as indented trees, one block per service (for `explain`).
pub fn text(r: &PathsReport) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_text(&mut out, r, DEFAULT_DEPTH);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the paths as indented trees, line by line: nodes deeper than
/// `max_depth` are not drawn, each cut subtree is counted in one line, so
/// the text grows with the number of nodes times at most `max_depth`.
pub fn write_text(out: &mut dyn Write, r: &PathsReport, max_depth: u32) -> std::io::Result<()> {
    for (i, s) in r.services.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}  {} ({})", s.service, s.name, s.criticality)?;
        let systems: Vec<String> = s
            .single_point_systems
            .iter()
            .map(|x| x.id.clone())
            .collect();
        writeln!(
            out,
            "  single points of failure, systems: {}",
            list(&systems, s.single_point_systems_omitted)
        )?;
        let vendors: Vec<String> = s
            .single_point_vendors
            .iter()
            .map(|v| {
                if v.day == 0 {
                    format!("{} ({})", v.id, v.country)
                } else {
                    format!("{} ({}, after {} days)", v.id, v.country, v.day)
                }
            })
            .collect();
        writeln!(
            out,
            "  single points of failure, vendors: {}",
            list(&vendors, 0)
        )?;
        tree(out, &s.tree, max_depth)?;
        if s.tree_omitted > 0 {
            writeln!(
                out,
                "  … {} more entries not listed (a tree lists at most {})",
                s.tree_omitted,
                paths::TREE_MAX
            )?;
        }
    }
    if !r.services.is_empty() {
        writeln!(
            out,
            "\n[SPOF] its loss alone takes the service down. (repeated) shown above. \
             Vendor cuts include the companies they control."
        )?;
    }
    Ok(())
}

/// Single points listed in text: the first ones and a count of the rest
/// (JSON has the first [`paths::TREE_MAX`]); `omitted` are not in `items`.
fn list(items: &[String], omitted: usize) -> String {
    const SHOWN: usize = 30;
    match items.len() + omitted {
        0 => "none".to_string(),
        n if n <= SHOWN => items.join(", "),
        n => format!("{}, and {} more", items[..SHOWN].join(", "), n - SHOWN),
    }
}

/// Draws a pre-order tree. Whether a node is the last of its siblings (`└─`
/// or `├─`) is found in one backward pass.
fn tree(out: &mut dyn Write, t: &[PathNode], max_depth: u32) -> std::io::Result<()> {
    let mut last = vec![false; t.len()];
    // open[d]: a node of depth d comes later, before any shallower node.
    let mut open: Vec<bool> = Vec::new();
    for (i, n) in t.iter().enumerate().rev() {
        let d = n.depth as usize;
        open.truncate(d + 1);
        open.resize(d + 1, false);
        last[i] = !open[d];
        open[d] = true;
    }
    // One "│  " or "   " per level above the current node.
    let mut prefix: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let n = &t[i];
        let d = n.depth as usize;
        prefix.truncate(d);
        let indent = |out: &mut dyn Write, prefix: &[bool]| -> std::io::Result<()> {
            out.write_all(b"  ")?;
            for &more in prefix {
                out.write_all(if more { "│  ".as_bytes() } else { b"   " })?;
            }
            Ok(())
        };
        if n.depth >= max_depth {
            // The subtree cut here: this node, its later siblings and everything below.
            let start = i;
            while i < t.len() && t[i].depth >= max_depth {
                i += 1;
            }
            indent(out, &prefix)?;
            writeln!(
                out,
                "└─ … {} more entries below level {max_depth} (see --depth, or --format json)",
                i - start
            )?;
            continue;
        }
        indent(out, &prefix)?;
        let branch = if last[i] { "└─ " } else { "├─ " };
        let mark = if n.single_point { " [SPOF]" } else { "" };
        match n.kind {
            NodeKind::System => writeln!(
                out,
                "{branch}{} {}  {}{mark}{}",
                n.relation,
                n.id,
                n.name,
                if n.repeated { " (repeated)" } else { "" }
            )?,
            NodeKind::Any => writeln!(out, "{branch}{}: one of these suffices", n.relation)?,
            NodeKind::Vendor | NodeKind::Organisation => {
                // A company and its controllers (the nodes below it) on one line.
                write!(out, "{branch}{} {}", n.relation, company(n))?;
                i += 1;
                while i < t.len() && t[i].depth > n.depth && t[i].relation == "controlled by" {
                    write!(out, " -> controlled by {}", company(&t[i]))?;
                    i += 1;
                }
                writeln!(out)?;
                continue;
            }
        }
        prefix.push(!last[i]);
        i += 1;
    }
    Ok(())
}

fn company(n: &PathNode) -> String {
    let country = n.country.map(|c| format!(" ({c})")).unwrap_or_default();
    let mark = if n.single_point { " [SPOF]" } else { "" };
    if n.kind == NodeKind::Organisation {
        format!("{}{country}, in-house", n.name)
    } else {
        format!("{}{country}{mark}", n.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::paths::ServicePaths;
    use crate::model::Criticality;

    fn system(depth: u32, id: &str) -> PathNode {
        PathNode {
            depth,
            kind: NodeKind::System,
            id: id.into(),
            name: id.to_uppercase(),
            relation: if depth == 0 { "needs" } else { "depends on" },
            country: None,
            single_point: false,
            repeated: false,
        }
    }

    fn report(tree: Vec<PathNode>) -> PathsReport {
        PathsReport {
            services: vec![ServicePaths {
                service: "svc".into(),
                name: "Svc".into(),
                criticality: Criticality::High,
                single_point_systems: Vec::new(),
                single_point_systems_omitted: 0,
                single_point_vendors: Vec::new(),
                tree,
                tree_omitted: 0,
            }],
        }
    }

    fn text_of(r: &PathsReport, depth: u32) -> String {
        let mut out = Vec::new();
        write_text(&mut out, r, depth).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Branches and continuation bars follow the pre-order tree.
    #[test]
    fn the_flat_tree_is_drawn_with_branches() {
        let r = report(vec![
            system(0, "a"),
            system(1, "b"),
            system(2, "c"),
            system(1, "d"),
            system(0, "e"),
        ]);
        let text = text_of(&r, 20);
        let tree: Vec<&str> = text.lines().skip(3).take(5).collect();
        assert_eq!(
            tree,
            vec![
                "  ├─ needs a  A",
                "  │  ├─ depends on b  B",
                "  │  │  └─ depends on c  C",
                "  │  └─ depends on d  D",
                "  └─ needs e  E",
            ]
        );
    }

    /// A chain 100,000 levels deep prints `--depth` levels and one line for
    /// the rest: the text stays small instead of growing with depth squared.
    #[test]
    fn a_deep_tree_is_cut_at_the_depth_limit() {
        let n = 100_000;
        let r = report((0..n).map(|i| system(i, &format!("s{i}"))).collect());
        let text = text_of(&r, 20);
        assert!(text.len() < 10_000, "{} bytes", text.len());
        assert!(
            text.contains("└─ … 99980 more entries below level 20"),
            "{text}"
        );
        assert!(text.contains("depends on s19  S19"));
        assert!(!text.contains("depends on s20  S20"));
    }
}
