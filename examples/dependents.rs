//! Prints the dependents counts of every in-use system of a model as JSON,
//! for the networkx comparison (`benches/networkx/compare.py`):
//!
//! ```text
//! cargo run --release --example dependents -- MODEL.toml > dependents.json
//! ```
//!
//! The counts are those of the lock-in score (`lockin::Scorer`); see
//! `benches/networkx/dependents.rs`. Exit codes: 0 ok, 2 bad arguments or a
//! model that does not load.

#[path = "../benches/networkx/dependents.rs"]
mod dependents;

use exitgraph::graph::Graph;
use exitgraph::model;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: dependents MODEL.toml");
        return ExitCode::from(2);
    };
    let path = PathBuf::from(path);
    let model = match model::load(&path) {
        Ok(m) => m,
        Err(e) => {
            eprintln!(
                "error: {} does not load ({} diagnostics); run `exitgraph check` on it",
                path.display(),
                e.diagnostics.len()
            );
            return ExitCode::from(2);
        }
    };
    let g = Graph::build(model);
    let out = dependents::dependents(&g);
    let mut stdout = std::io::stdout().lock();
    match serde_json::to_writer(&mut stdout, &out).map(|_| writeln!(stdout)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
