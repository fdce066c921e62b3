//! Writes a generated landscape of N systems as model TOML.
//!
//! ```text
//! cargo run --release --example generate -- --systems 10000 --seed 1 > big.toml
//! cargo run --release --example generate -- --systems 10000 --seed 1 --stats -o big.toml
//! ```
//!
//! The TOML goes to standard output (or to `-o FILE`); `--stats` loads the
//! generated text with the real loader and prints its statistics to standard
//! error. The method is described in `docs/methodology.md#generated-landscapes`.
//! Exit codes: 0 ok, 2 bad options, 1 when the output cannot be written or
//! (a generator defect) the generated model does not validate.

use clap::Parser;
use exitgraph::generate::{self, GenOptions};
use exitgraph::model::{self, Limits};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(about = "Generate a realistic landscape of N systems as exitgraph model TOML")]
struct Args {
    /// Number of systems (20 to 2,500,000).
    #[arg(long)]
    systems: usize,
    /// Seed of the random streams; the same seed gives byte-identical output.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Systems per domain (one municipality of the shared data centre).
    #[arg(long, default_value_t = 100)]
    domain_size: usize,
    /// Vendor groups per system.
    #[arg(long, default_value_t = 0.125)]
    groups_per_system: f64,
    /// Exponent of the Zipf law of vendor sizes.
    #[arg(long, default_value_t = 1.0)]
    zipf: f64,
    /// Load the generated model and print its statistics to standard error.
    #[arg(long)]
    stats: bool,
    /// Write the TOML to this file instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut opts = GenOptions::new(args.systems, args.seed);
    opts.domain_size = args.domain_size;
    opts.groups_per_system = args.groups_per_system;
    opts.zipf_exponent = args.zipf;
    let text = match generate::generate(&opts) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, &text),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|_| out.flush())
        }
    };
    if let Err(e) = written {
        eprintln!("error: cannot write the model: {e}");
        return ExitCode::from(1);
    }
    if args.stats {
        let name = args
            .output
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "generated.toml".into());
        let path = args
            .output
            .clone()
            .unwrap_or_else(|| PathBuf::from("generated.toml"));
        match model::load_str(&name, Path::new(&path), &text, &Limits::default()) {
            Ok(m) => eprint!("{}", generate::stats(&m)),
            Err(f) => {
                let errors = f.diagnostics.iter().filter(|d| d.is_error()).count();
                eprintln!("error: the generated model has {errors} errors (a generator defect)");
                for d in f.diagnostics.iter().filter(|d| d.is_error()).take(10) {
                    eprintln!("  {}", d.message);
                }
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}
