//! Fuzz target: arbitrary bytes as a model snapshot must end in an error
//! or in a model whose ids and places all point into it, never in a panic.
//!
//! The first byte chooses whether the body's checksum is compared: with it,
//! almost every input stops at the checksum (as on disk); without it, the
//! decoder and the checks of the decoded model see arbitrary bodies. Seeds:
//! `exitgraph::model::snapshot::to_bytes` of any model, with a first byte
//! of 1. The unit tests of `model::snapshot` run the same function on cuts
//! and flipped bytes all over the snapshot of `examples/musterstadt.toml`.
#![no_main]

use exitgraph::model::snapshot;
use libfuzzer_sys::fuzz_target;

/// The text every file of a fuzzed snapshot gets (places must lie in it).
const TEXT: &str = "[organisation]\nname = \"Fuzz\"\nhome = \"DE\"\n\n[[system]]\nid = \"s\"\n";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let _ = snapshot::read_bytes(bytes, TEXT, mode & 1 == 1);
});
