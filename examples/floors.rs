//! The floors of loading a model: how long reading the file takes, and how
//! long the `toml` crate alone takes to parse it into a document, beside
//! exitgraph's own load (parse, decode, validate) and a snapshot read, for
//! docs/performance.md:
//!
//! ```text
//! cargo run --release --example floors -- MODEL.toml
//! ```
//!
//! Each phase runs three times; the fastest time is printed (seconds).
//! Exit codes: 0 ok, 2 bad arguments or a model that does not load.

use exitgraph::model::{self, Limits, snapshot};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn best<T>(mut f: impl FnMut() -> T) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let out = f();
            let s = t.elapsed().as_secs_f64();
            drop(out);
            s
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: floors MODEL.toml");
        return ExitCode::from(2);
    };
    let path = PathBuf::from(path);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {}", path.display());
        return ExitCode::from(2);
    };
    let read = best(|| std::fs::read(&path).map(|b| b.len()));
    let hash = best(|| blake3::hash(text.as_bytes()));
    let toml = best(|| toml::de::DeTable::parse(&text).map(|t| t.get_ref().len()));
    let limits = Limits::default();
    let load = best(|| model::load_with(&path, &limits).map(|m| m.systems.len()));
    let Ok(m) = model::load_with(&path, &limits) else {
        eprintln!("{} does not load", path.display());
        return ExitCode::from(2);
    };
    let Ok(bytes) = snapshot::to_bytes(&m) else {
        eprintln!("no snapshot");
        return ExitCode::from(2);
    };
    let decode = best(|| snapshot::read_bytes(&bytes, &text, true).map(|m| m.systems.len()));
    println!("bytes {}", text.len());
    println!("read {read:.3}");
    println!("hash {hash:.3}");
    println!("toml_parse {toml:.3}");
    println!("exitgraph_load {load:.3}");
    println!("snapshot_bytes {}", bytes.len());
    println!("snapshot_decode {decode:.3}");
    ExitCode::SUCCESS
}
