//! The shared kit of the integration tests (each test file says `mod common;`):
//! a runner for the command line, paths of the example models, temporary
//! directories, and [`ModelBuilder`], which writes small models in a few
//! readable lines.
//!
//! Every test binary uses only part of the kit.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The path of an example model (`examples/NAME`), as a string argument.
pub fn example(name: &str) -> String {
    root()
        .join("examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// The Musterstadt example, the model most tests read.
pub fn musterstadt() -> String {
    example("musterstadt.toml")
}

/// The binary, with colours off.
pub fn exitgraph() -> Command {
    let mut c = Command::cargo_bin("exitgraph").unwrap_or_else(|e| panic!("no binary: {e}"));
    c.env("NO_COLOR", "1");
    c
}

/// Runs the binary with `args` and returns what it did.
pub fn run(args: &[&str]) -> Output {
    exitgraph()
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run exitgraph: {e}"))
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs a command that must succeed and returns its standard output.
pub fn run_ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(
        o.status.success(),
        "exitgraph {} failed ({}): {}",
        args.join(" "),
        o.status,
        stderr(&o)
    );
    stdout(&o)
}

/// Runs a command that must succeed and parses its JSON output.
pub fn json(args: &[&str]) -> Value {
    let text = run_ok(args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A temporary directory, removed when dropped.
pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary directory: {e}"))
}

/// A path as a command-line argument.
pub fn arg(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A TOML string literal of any text (quotes and escapes done right).
pub fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A small model written in a few lines:
///
/// ```ignore
/// let m = ModelBuilder::new("Gemeinde Test")
///     .vendor("ms", "Microsoft", "US")
///     .system("mail", "Mail", "ms", "critical")
///     .write(dir.path());
/// ```
///
/// Names are quoted with [`quoted`], so they may hold anything; `raw` adds
/// any TOML the helpers do not cover.
#[derive(Clone, Debug)]
pub struct ModelBuilder {
    organisation: Vec<String>,
    tables: Vec<String>,
}

impl ModelBuilder {
    /// An organisation at home in Germany that trusts the EU, as of 2026-12-01.
    pub fn new(name: &str) -> ModelBuilder {
        ModelBuilder {
            organisation: vec![
                format!("name = {}", quoted(name)),
                "home = \"DE\"".into(),
                "trusted = [\"EU\"]".into(),
                "as_of = 2026-12-01".into(),
            ],
            tables: Vec::new(),
        }
    }

    /// Another `key = value` line of `[organisation]`.
    pub fn org(mut self, line: &str) -> ModelBuilder {
        self.organisation.push(line.into());
        self
    }

    /// A vendor.
    pub fn vendor(self, id: &str, name: &str, country: &str) -> ModelBuilder {
        self.raw(&format!(
            "[[vendor]]\nid = \"{id}\"\nname = {}\ncountry = \"{country}\"",
            quoted(name)
        ))
    }

    /// A system in use, operated by its vendor; `extra` holds further lines.
    pub fn system(self, id: &str, name: &str, vendor: &str, criticality: &str) -> ModelBuilder {
        self.system_with(id, name, vendor, criticality, "")
    }

    /// A system with further `key = value` lines.
    pub fn system_with(
        self,
        id: &str,
        name: &str,
        vendor: &str,
        criticality: &str,
        extra: &str,
    ) -> ModelBuilder {
        self.raw(&format!(
            "[[system]]\nid = \"{id}\"\nname = {}\ncategory = \"mail\"\nvendor = \"{vendor}\"\ncriticality = \"{criticality}\"\nusers = 100\n{extra}",
            quoted(name)
        ))
    }

    /// A cloud subscription of a vendor covering systems, renewing yearly
    /// with three months' notice.
    pub fn contract(
        self,
        id: &str,
        name: &str,
        vendor: &str,
        covers: &[&str],
        annual_cost: u64,
    ) -> ModelBuilder {
        let covers: Vec<String> = covers.iter().map(|c| format!("\"{c}\"")).collect();
        self.raw(&format!(
            "[[contract]]\nid = \"{id}\"\nname = {}\nvendor = \"{vendor}\"\ncovers = [{}]\nkind = \"cloud\"\nstart = 2025-01-01\nterm = \"1y\"\nrenewal = \"1y\"\nnotice = \"3mo\"\nannual_cost = {annual_cost}",
            quoted(name),
            covers.join(", ")
        ))
    }

    /// A service that needs systems.
    pub fn service(self, id: &str, name: &str, needs: &[&str]) -> ModelBuilder {
        let needs: Vec<String> = needs.iter().map(|c| format!("\"{c}\"")).collect();
        self.raw(&format!(
            "[[service]]\nid = \"{id}\"\nname = {}\ncriticality = \"critical\"\nmax_outage = \"2d\"\nusers = 1000\nneeds = [{}]",
            quoted(name),
            needs.join(", ")
        ))
    }

    /// A scenario that cuts a vendor (`vendor:ID`) or a jurisdiction.
    pub fn scenario(self, id: &str, name: &str, cut: &str) -> ModelBuilder {
        self.raw(&format!(
            "[[scenario]]\nid = \"{id}\"\nname = {}\ncut = [\"{cut}\"]",
            quoted(name)
        ))
    }

    /// Any TOML table.
    pub fn raw(mut self, toml: &str) -> ModelBuilder {
        self.tables.push(toml.trim().to_string());
        self
    }

    /// The model's text.
    pub fn toml(&self) -> String {
        let mut s = format!("[organisation]\n{}\n", self.organisation.join("\n"));
        for t in &self.tables {
            s.push('\n');
            s.push_str(t);
            s.push('\n');
        }
        s
    }

    /// Writes the model as `model.toml` into `dir` and returns its path.
    pub fn write(&self, dir: &Path) -> String {
        let p = dir.join("model.toml");
        std::fs::write(&p, self.toml()).unwrap_or_else(|e| panic!("cannot write the model: {e}"));
        arg(&p)
    }
}

/// The head of the hostile models below: an organisation and `vendors`
/// vendors `v0, v1, ...` (in the US, Germany, China, France in turn).
fn hostile_head(vendors: usize, parent_chain: bool) -> String {
    let mut t = String::from(
        "[organisation]\nname = \"Hostile\"\nhome = \"DE\"\ntrusted = [\"EU\"]\nas_of = 2026-12-01\n",
    );
    for v in 0..vendors {
        let country = ["US", "DE", "CN", "FR"][v % 4];
        t.push_str(&format!(
            "\n[[vendor]]\nid = \"v{v}\"\nname = \"Vendor {v}\"\ncountry = \"{country}\"\n"
        ));
        if parent_chain && v > 0 {
            t.push_str(&format!("parent = \"v{}\"\n", v - 1));
        }
    }
    t
}

/// A dense random landscape of `n` systems (seeded, deterministic): each
/// system depends on three random others, `n / 2` interfaces (every other
/// one hard) tie random pairs, and 20 critical services need three random
/// systems each. Its dependencies form one large cycle.
pub fn dense_random_model(n: usize, seed: u64) -> String {
    let mut state = seed | 1;
    let mut next = move |k: usize| {
        // xorshift64*: enough for test data.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % k
    };
    let mut t = hostile_head(20, false);
    for i in 0..n {
        let mut deps: Vec<usize> = (0..3).map(|_| next(n)).filter(|d| *d != i).collect();
        deps.sort_unstable();
        deps.dedup();
        let deps: Vec<String> = deps.iter().map(|d| format!("\"s{d}\"")).collect();
        t.push_str(&format!(
            "\n[[system]]\nid = \"s{i}\"\nname = \"System {i}\"\ncategory = \"mail\"\nvendor = \"v{}\"\ncriticality = \"high\"\nusers = 10\ndepends_on = [{}]\n",
            next(20),
            deps.join(", ")
        ));
    }
    for k in 0..n / 2 {
        let (a, b) = (next(n), next(n));
        if a != b {
            t.push_str(&format!(
                "\n[[interface]]\nid = \"i{k}\"\nfrom = \"s{a}\"\nto = \"s{b}\"\nhard = {}\n",
                k % 2 == 1
            ));
        }
    }
    for k in 0..20 {
        let needs: Vec<String> = (0..3).map(|_| format!("\"s{}\"", next(n))).collect();
        t.push_str(&format!(
            "\n[[service]]\nid = \"svc{k}\"\nname = \"Service {k}\"\ncriticality = \"critical\"\nmax_outage = \"2d\"\nusers = 1000\nneeds = [{}]\n",
            needs.join(", ")
        ));
    }
    t
}

/// A chain of `n` systems, `s0` depending on `s1` and so on, with one
/// critical service that needs `s0` (so it rests on the whole chain).
pub fn system_chain_model(n: usize) -> String {
    let mut t = hostile_head(1, false);
    for i in 0..n {
        t.push_str(&format!(
            "\n[[system]]\nid = \"s{i}\"\nname = \"System {i}\"\ncategory = \"mail\"\nvendor = \"v0\"\ncriticality = \"high\"\nusers = 10\n"
        ));
        if i + 1 < n {
            t.push_str(&format!("depends_on = [\"s{}\"]\n", i + 1));
        }
    }
    t.push_str("\n[[service]]\nid = \"svc\"\nname = \"Service\"\ncriticality = \"critical\"\nmax_outage = \"2d\"\nusers = 1000\nneeds = [\"s0\"]\n");
    t
}

/// `n` vendors in one `parent` chain (`v1` controlled by `v0`, ...), and
/// ten systems made by the ten lowest vendors.
pub fn vendor_chain_model(n: usize) -> String {
    let mut t = hostile_head(n, true);
    for i in 0..10.min(n) {
        t.push_str(&format!(
            "\n[[system]]\nid = \"s{i}\"\nname = \"System {i}\"\ncategory = \"mail\"\nvendor = \"v{}\"\ncriticality = \"high\"\nusers = 10\n",
            n - 1 - i
        ));
    }
    t
}
