//! Fuzz target: any bytes as inventory spreadsheets (systems, and after a
//! `\0\0` separator vendors and contracts) end in a model or in a clear
//! error, never in a panic; a model the importer writes validates.
#![no_main]

use exitgraph::interop::ImportError;
use exitgraph::interop::csv_import::{self, CsvInput, CsvOptions};
use exitgraph::model::{self, Limits};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let mut parts: Vec<&[u8]> = vec![data];
    if let Some(i) = data.windows(2).position(|w| w == b"\0\0") {
        let (a, rest) = data.split_at(i);
        let rest = &rest[2..];
        parts = vec![a];
        match rest.windows(2).position(|w| w == b"\0\0") {
            Some(j) => {
                parts.push(&rest[..j]);
                parts.push(&rest[j + 2..]);
            }
            None => parts.push(rest),
        }
    }
    let input = |k: usize, name: &'static str| {
        parts.get(k).map(|b| CsvInput { name, bytes: b })
    };
    let Some(systems) = input(0, "systems.csv") else {
        return;
    };
    match csv_import::import(
        systems,
        input(1, "vendors.csv"),
        input(2, "contracts.csv"),
        &CsvOptions::default(),
    ) {
        Ok(i) => {
            let loaded = model::load_str("fuzz.toml", Path::new("fuzz.toml"), &i.toml, &Limits::default());
            assert!(loaded.is_ok(), "the imported model does not validate:\n{}", i.toml);
        }
        Err(ImportError::Invalid(msg)) => panic!("the importer wrote an invalid model: {msg}"),
        Err(_) => {}
    }
});
