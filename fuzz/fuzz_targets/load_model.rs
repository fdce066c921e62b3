//! Fuzz target: arbitrary bytes as a model must end in a model or in
//! diagnostics, never in a panic; every error has a location or is file-level,
//! and a loaded model must survive the graph build and the analyses.
#![no_main]

use exitgraph::model::{self, Limits};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let limits = Limits {
        max_file_bytes: 1 << 20,
        ..Limits::default()
    };
    match model::load_str("fuzz.toml", Path::new("/nonexistent/fuzz.toml"), text, &limits) {
        Ok(m) => {
            let g = exitgraph::graph::Graph::build(m);
            exitgraph::analysis::exercise(&g);
        }
        Err(f) => {
            assert!(f.diagnostics.iter().any(|d| d.is_error()));
            // The excerpts (windows around each place) must render too.
            let _ = exitgraph::cli::render_diagnostics(&f.sources, &f.diagnostics, false);
            for d in &f.diagnostics {
                if let Some((span, _)) = &d.primary {
                    assert!(f.sources.locate(*span).is_some());
                }
            }
        }
    }
});
