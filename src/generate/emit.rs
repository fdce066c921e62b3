//! Writes a generated [`Landscape`] as model TOML.
//!
//! Written by hand (not through a serializer) so that the layout is the one
//! an architect would write, keys come in a fixed order, and 100,000
//! systems are written in well under a second.

use super::GenOptions;
use super::landscape::{Alt, Dep, End, Fmt, Landscape, Who};
use super::vocab::FORMATS;
use std::fmt::Write;

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    if !s
        .bytes()
        .any(|b| b == b'"' || b == b'\\' || b < 0x20 || b == 0x7f)
    {
        out.push_str(s);
        out.push('"');
        return out;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct Out<'l> {
    s: String,
    l: &'l Landscape,
}

impl Out<'_> {
    fn line(&mut self, key: &str, value: &str) {
        self.s.push_str(key);
        self.s.push_str(" = ");
        self.s.push_str(value);
        self.s.push('\n');
    }

    fn str(&mut self, key: &str, value: &str) {
        let v = q(value);
        self.line(key, &v);
    }

    fn vendor_id(&self, v: usize) -> &str {
        &self.l.vendors.vendors[v].id
    }

    fn who(&self, w: Who) -> String {
        match w {
            Who::Own => q("self"),
            Who::Vendor(v) => q(self.vendor_id(v)),
        }
    }

    fn fmt_id(&self, f: Fmt) -> String {
        match f {
            Fmt::Base(id) => q(id),
            Fmt::Vendor(g) => q(&format!("{}-data", self.l.vendors.groups[g].slug)),
        }
    }

    fn list<I: IntoIterator<Item = String>>(items: I) -> String {
        let v: Vec<String> = items.into_iter().collect();
        format!("[{}]", v.join(", "))
    }

    fn deps(&self, deps: &[Dep]) -> String {
        Self::list(deps.iter().map(|d| match d {
            Dep::One(s) => q(&self.l.systems[*s].id),
            Dep::Any(m) => format!(
                "{{ any = {} }}",
                Self::list(m.iter().map(|s| q(&self.l.systems[*s].id)))
            ),
        }))
    }
}

/// Which vendors the landscape refers to (directly or as a parent of one
/// that is); the others are left out, as a real model would not list them.
fn used_vendors(l: &Landscape) -> Vec<bool> {
    let vs = &l.vendors.vendors;
    let mut used = vec![false; vs.len()];
    let mut mark = |w: Who| {
        if let Who::Vendor(v) = w {
            used[v] = true;
        }
    };
    for s in &l.systems {
        mark(s.vendor);
        mark(s.operator);
        if let Some(b) = s.data.as_ref().and_then(|d| d.backup) {
            mark(b);
        }
    }
    for c in &l.contracts {
        mark(Who::Vendor(c.vendor));
    }
    for sc in &l.scenarios {
        for (v, _) in &sc.prices {
            mark(Who::Vendor(*v));
        }
    }
    // Scenario cuts name vendors by id; those are headquarters or operators
    // already marked above, except the largest group's headquarters.
    mark(Who::Vendor(l.vendors.groups[0].hq));
    for i in 0..vs.len() {
        if used[i] {
            let mut p = vs[i].parent;
            while let Some(x) = p {
                if used[x] {
                    break;
                }
                used[x] = true;
                p = vs[x].parent;
            }
        }
    }
    used
}

pub(crate) fn write(opts: &GenOptions, l: &Landscape) -> String {
    let mut o = Out {
        s: String::with_capacity(l.systems.len() * 640 + 4096),
        l,
    };
    let _ = writeln!(
        o.s,
        "# A generated landscape of {} systems (seed {}).\n\
         # Made by `cargo run --release --example generate -- --systems {} --seed {}`.\n\
         # Every company, product and town name is invented. Method: docs/methodology.md#generated-landscapes\n",
        opts.systems, opts.seed, opts.systems, opts.seed
    );
    o.s.push_str("[organisation]\n");
    o.str(
        "name",
        &format!(
            "Generated landscape ({} systems, seed {})",
            opts.systems, opts.seed
        ),
    );
    o.str("home", "DE");
    o.line("trusted", "[\"EU\"]");
    o.line("as_of", &opts.as_of.to_string());
    o.line("staff", &(opts.systems as u64 * 12).to_string());
    o.line("parallel_migrations", &opts.parallel_migrations.to_string());
    o.str("switch_target", "6mo");
    o.line("it_competence", "3");
    o.str("currency", "EUR");
    o.str("language", "en");

    let used = used_vendors(l);
    for (i, v) in l.vendors.vendors.iter().enumerate() {
        if !used[i] {
            continue;
        }
        o.s.push_str("\n[[vendor]]\n");
        o.str("id", &v.id);
        o.str("name", &v.name);
        o.str("country", v.country);
        if let Some(p) = v.parent {
            let id = q(o.vendor_id(p));
            o.line("parent", &id);
        }
        if let Some(d) = &v.description {
            o.str("description", d);
        }
    }

    for (id, name, open, standard) in FORMATS {
        o.s.push_str("\n[[format]]\n");
        o.str("id", id);
        o.str("name", name);
        o.line("open", if *open { "true" } else { "false" });
        if let Some(s) = standard {
            o.str("standard", s);
        }
    }
    for (g, used) in l.vendor_formats.iter().enumerate() {
        if !used {
            continue;
        }
        let group = &l.vendors.groups[g];
        o.s.push_str("\n[[format]]\n");
        o.str("id", &format!("{}-data", group.slug));
        o.str("name", &format!("{} proprietary data format", group.base));
        o.line("open", "false");
    }

    for s in &l.systems {
        o.s.push_str("\n[[system]]\n");
        o.str("id", &s.id);
        o.str("name", &s.name);
        o.str("category", s.cat.word);
        o.str("layer", s.layer.as_str());
        let w = o.who(s.vendor);
        o.line("vendor", &w);
        if s.operator != Who::Own {
            let w = o.who(s.operator);
            o.line("operator", &w);
        }
        if s.region_eu {
            o.str("region", "EU");
        }
        if s.open_source {
            o.str("licence", "open-source");
        }
        o.str("criticality", s.criticality.as_str());
        if let Some(u) = s.users {
            o.line("users", &u.to_string());
        }
        if s.status != crate::model::Status::InUse {
            o.str("status", s.status.as_str());
        }
        if let Some(c) = s.customisation {
            o.str("customisation", c.as_str());
        }
        if let Some(d) = &s.data {
            let mut v = format!(
                "{{ classes = {}, sensitivity = {}, volume_gb = {:.1}",
                Out::list(d.classes.iter().map(|c| q(c))),
                q(d.sensitivity.as_str()),
                d.volume_gb
            );
            if let Some(b) = d.backup {
                let _ = write!(v, ", backup = {}", o.who(b));
            }
            v.push_str(" }");
            o.line("data", &v);
        }
        if !s.formats.is_empty() {
            let v = Out::list(s.formats.iter().map(|f| o.fmt_id(*f)));
            o.line("formats", &v);
        }
        if let Some(e) = &s.exports {
            let v = Out::list(e.iter().map(|f| o.fmt_id(*f)));
            o.line("exports", &v);
        }
        if !s.deps.is_empty() {
            let v = o.deps(&s.deps);
            o.line("depends_on", &v);
        }
        if !s.alternatives.is_empty() {
            let v = Out::list(s.alternatives.iter().map(|a| match a {
                Alt::System(k) => q(&l.systems[*k].id),
                Alt::Catalog(c) => q(&format!("catalog:{c}")),
            }));
            o.line("alternatives", &v);
        }
        if s.exit_plan {
            o.str("exit_plan", &format!("exit/{}.md", s.id));
        }
        if let Some(c) = s.licence_check {
            o.str("licence_check", c);
        }
        if let Some(sw) = &s.switch {
            let [a, b, c] = sw.months;
            o.line(
                "switch",
                &format!(
                    "{{ optimistic = \"{a}mo\", likely = \"{b}mo\", pessimistic = \"{c}mo\", cost = {} }}",
                    sw.cost
                ),
            );
        }
    }

    for i in &l.interfaces {
        o.s.push_str("\n[[interface]]\n");
        o.str("id", &i.id);
        o.str("name", i.name);
        o.str("from", &l.systems[i.from].id);
        o.str("to", &l.systems[i.to].id);
        o.str("protocol", i.protocol);
        let f = o.fmt_id(i.format);
        o.line("format", &f);
        if let Some(open) = i.open {
            o.line("open", if open { "true" } else { "false" });
        }
        if !i.hard {
            o.line("hard", "false");
        }
    }

    for c in &l.contracts {
        o.s.push_str("\n[[contract]]\n");
        o.str("id", &c.id);
        o.str("name", &c.name);
        let v = q(o.vendor_id(c.vendor));
        o.line("vendor", &v);
        let v = Out::list(c.covers.iter().map(|s| q(&l.systems[*s].id)));
        o.line("covers", &v);
        o.str("kind", c.kind.as_str());
        o.line("start", &c.start.to_string());
        match c.end {
            End::Date(d) => o.line("end", &d.to_string()),
            End::TermYears(y) => o.str("term", &format!("{y}y")),
        }
        if let Some(n) = c.notice {
            o.str("notice", n);
        }
        if let Some(r) = c.renewal {
            o.str("renewal", r);
        }
        if let Some(a) = c.annual_cost {
            o.line("annual_cost", &a.to_string());
        }
        if let Some(d) = c.data_retrieval {
            o.str("data_retrieval", d);
        }
        if let Some(s) = c.switching_charge {
            o.line("switching_charge", &s.to_string());
        }
    }

    for s in &l.services {
        o.s.push_str("\n[[service]]\n");
        o.str("id", &s.id);
        o.str("name", &s.name);
        o.str("criticality", s.criticality.as_str());
        if let Some(m) = s.max_outage {
            o.str("max_outage", m);
        }
        o.line("users", &s.users.to_string());
        let v = o.deps(&s.needs);
        o.line("needs", &v);
    }

    for sc in &l.scenarios {
        o.s.push_str("\n[[scenario]]\n");
        o.str("id", sc.id);
        o.str("name", &sc.name);
        o.str("description", sc.description);
        if !sc.cuts.is_empty() {
            let v = Out::list(sc.cuts.iter().map(|c| q(c)));
            o.line("cut", &v);
        }
        if !sc.prices.is_empty() {
            let v =
                Out::list(sc.prices.iter().map(|(v, f)| {
                    format!("{{ vendor = {}, factor = {f:?} }}", q(o.vendor_id(*v)))
                }));
            o.line("price", &v);
        }
    }
    o.s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_for_toml() {
        assert_eq!(q("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(q("Österreich"), "\"Österreich\"");
        assert_eq!(q("x\u{1}"), "\"x\\u0001\"");
    }
}
