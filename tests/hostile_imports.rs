//! Spreadsheet imports at scale: ids are de-duplicated and references
//! resolved with maps, so the work grows with the rows, not with their
//! square (no timing is asserted; the figures are in docs/performance.md).

mod common;

use common::{arg, run_ok, tmp};

/// Imports `csv` (written to a file) and returns the written model's text;
/// `check` runs `exitgraph check` on it too (the import validates what it
/// writes itself).
fn import(csv: &str, check: bool) -> String {
    let dir = tmp();
    let input = dir.path().join("inventory.csv");
    let out = dir.path().join("landscape.toml");
    std::fs::write(&input, csv).unwrap();
    run_ok(&["import", "csv", &arg(&input), "-o", &arg(&out)]);
    if check {
        run_ok(&["check", &arg(&out)]);
    }
    std::fs::read_to_string(&out).unwrap()
}

/// The `id = "..."` lines of the `[[system]]` tables, in order.
fn system_ids(toml: &str) -> Vec<String> {
    toml.split("[[system]]")
        .skip(1)
        .map(|t| {
            let line = t.lines().find(|l| l.starts_with("id = ")).unwrap();
            line["id = ".len()..].trim_matches('"').to_string()
        })
        .collect()
}

#[test]
fn twenty_thousand_identical_names_get_numbered_ids() {
    let mut csv = String::from("name,vendor\n");
    for _ in 0..20_000 {
        csv.push_str("Einwohnermeldewesen,Beispiel GmbH\n");
    }
    let ids = system_ids(&import(&csv, true));
    assert_eq!(ids.len(), 20_000);
    assert_eq!(ids[0], "einwohnermeldewesen");
    for (i, id) in ids.iter().enumerate().skip(1) {
        assert_eq!(id, &format!("einwohnermeldewesen-{}", i + 1));
    }
}

#[test]
fn a_hundred_thousand_rows_with_references_by_name() {
    // Every row names its own vendor and depends on the next row by name.
    let n = 100_000;
    let mut csv = String::from("name,vendor,depends_on\n");
    for i in 0..n {
        csv.push_str(&format!(
            "Anwendung {i},Hersteller {i},Anwendung {}\n",
            (i + 1) % n
        ));
    }
    let toml = import(&csv, false);
    let ids = system_ids(&toml);
    assert_eq!(ids.len(), n);
    assert_eq!(ids[0], "anwendung-0");
    assert_eq!(ids[n - 1], format!("anwendung-{}", n - 1));
    assert!(toml.contains("depends_on = [\"anwendung-1\"]"));
    assert!(toml.contains("depends_on = [\"anwendung-0\"]"));
    assert_eq!(toml.matches("[[vendor]]").count(), n);
}
