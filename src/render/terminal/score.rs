//! `exitgraph score`: the sovereignty self-check (five dimensions, 5 to 25
//! points), what pulls each dimension down, and the indicative SEAL levels.

use super::{EN, new_table, num, pct};
use crate::analysis::seal::Seal;
use crate::analysis::sovereignty::{DimensionKey, PullKind, SovereigntyReport};
use comfy_table::Cell;

/// The self-check and the SEAL levels as terminal text.
pub fn table(c: &SovereigntyReport, seal: &[Seal], org: &str) -> String {
    let mut out = format!("Sovereignty self-check of {org}\n\n");
    let mut t = new_table(["#", "dimension", "share", "score", "basis"]);
    for (i, d) in c.dimensions.iter().enumerate() {
        t.add_row(vec![
            num(i + 1),
            Cell::new(EN.dimension(d.key)),
            num(pct(d.share)),
            num(format!("{} / 5", d.score)),
            Cell::new(EN.basis(&d.basis, d.met, d.of)),
        ]);
    }
    out.push_str(&t.to_string());
    out.push_str(&format!(
        "\nTotal {} of 25: {} (5 to 10 critically dependent, 11 to 18 hybrid, 19 to 25 sovereign on course).\n\
         Bands: below 20 % scores 1, below 40 % 2, below 60 % 3, below 80 % 4, else 5.\n",
        c.total,
        EN.level(c.level)
    ));

    out.push_str("\nWhat pulls each dimension down\n");
    for d in &c.dimensions {
        out.push_str(&format!("\n{} ({} / 5)\n", EN.dimension(d.key), d.score));
        if d.pulled_down_by.is_empty() {
            out.push_str(if d.of == 0 && d.key != DimensionKey::Competence {
                "  nothing to count: the model records nothing this dimension looks at\n"
            } else {
                "  nothing\n"
            });
            continue;
        }
        let mut t = new_table(["", "reason"]);
        for p in &d.pulled_down_by {
            let label = match p.kind {
                PullKind::System => p.id.clone(),
                PullKind::Interface => format!("interface {}", p.id),
            };
            t.add_row(vec![
                Cell::new(label),
                Cell::new(EN.pull_reasons(&p.reasons)),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    out.push_str(
        "\nIndicative SEAL levels (EU Cloud Sovereignty Framework, SEAL-0 to SEAL-4)\n\
         Derived from operator and vendor ownership chains, region, licence and exports only: \
         an indication, not an assessment.\n\n",
    );
    let mut t = new_table(["system", "level", "", "why not higher"]);
    for s in seal {
        t.add_row(vec![
            Cell::new(&s.system),
            Cell::new(&s.label),
            Cell::new(EN.seal_name(s.level)),
            Cell::new(
                s.reasons
                    .iter()
                    .map(|r| EN.seal_reason(r))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ]);
    }
    out.push_str(&t.to_string());
    out.push('\n');
    out
}
