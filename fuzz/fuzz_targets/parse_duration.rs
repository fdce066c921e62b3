//! Fuzz target: the duration and date parsers never panic, and what they
//! accept round-trips through its display form.
#![no_main]

use exitgraph::model::Duration;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = Duration::parse(text) {
        assert_eq!(Duration::parse(&d.to_string()), Ok(d));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        if let Some(later) = d.add_to(day) {
            assert!(later >= day);
        }
        assert!(d.as_days() >= 0.0);
    }
    let _ = exitgraph::cli::parse_date(text);
});
