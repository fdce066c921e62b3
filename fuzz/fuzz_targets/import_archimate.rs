//! Fuzz target: any bytes as an ArchiMate exchange file end in a model or in
//! a clear error, never in a panic; a model the importer writes validates
//! (`ImportError::Invalid` would be a defect of the importer).
#![no_main]

use exitgraph::interop::{ImportError, archimate};
use exitgraph::model::{self, Limits};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    match archimate::import("fuzz.xml", data, &archimate::ArchimateOptions::default()) {
        Ok(i) => {
            let loaded = model::load_str("fuzz.toml", Path::new("fuzz.toml"), &i.toml, &Limits::default());
            assert!(loaded.is_ok(), "the imported model does not validate:\n{}", i.toml);
        }
        Err(ImportError::Invalid(msg)) => panic!("the importer wrote an invalid model: {msg}"),
        Err(_) => {}
    }
});
