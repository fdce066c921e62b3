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

#[test]
fn a_loop_of_vendor_parents_is_broken_and_reported() {
    let dir = tmp();
    let systems = dir.path().join("systems.csv");
    let vendors = dir.path().join("vendors.csv");
    let out = dir.path().join("landscape.toml");
    std::fs::write(&systems, "name,vendor\nA,Alpha\nB,Beta\n").unwrap();
    std::fs::write(
        &vendors,
        "name,country,parent\nAlpha,DE,Beta\nBeta,DE,Gamma\nGamma,DE,Alpha\n",
    )
    .unwrap();
    let o = common::run(&[
        "import",
        "csv",
        &arg(&systems),
        "--vendors",
        &arg(&vendors),
        "-o",
        &arg(&out),
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let err = common::stderr(&o);
    assert!(
        err.contains("vendors.csv:4: not mapped: parent `alpha` of vendor `gamma` left out: it closes a loop of parents (alpha -> beta -> gamma -> alpha)"),
        "{err}"
    );
    run_ok(&["check", &arg(&out)]);
    let toml = std::fs::read_to_string(&out).unwrap();
    assert_eq!(toml.matches("parent = ").count(), 2, "{toml}");
}

#[test]
fn an_over_long_cell_is_cut_and_reported() {
    let limit = 64 * 1024;
    let name = "Ä".repeat(limit); // 2 bytes each: twice the limit
    let description = "x".repeat(limit + 10);
    let csv = format!("name,vendor,description\n{name},V,{description}\n");
    let dir = tmp();
    let input = dir.path().join("long.csv");
    let out = dir.path().join("landscape.toml");
    std::fs::write(&input, csv).unwrap();
    let o = common::run(&["import", "csv", &arg(&input), "-o", &arg(&out)]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let err = common::stderr(&o);
    assert!(
        err.contains(&format!("long.csv:2: not mapped: the cell of column 1 `name` is {} bytes long, more than a model string may hold: cut to its first {limit} bytes", 2 * limit)),
        "{err}"
    );
    assert!(err.contains("column 3 `description`"), "{err}");
    run_ok(&["check", &arg(&out)]);
    let toml = std::fs::read_to_string(&out).unwrap();
    // The name is cut at a character boundary: half as many `Ä`.
    assert!(toml.contains(&format!("name = \"{}\"", "Ä".repeat(limit / 2))));
}

#[test]
fn a_merge_of_ten_thousand_rows_into_ten_thousand_services_looks_each_up_once() {
    let n = 10_000;
    let mut model = String::from(
        "[organisation]\nname = \"T\"\nhome = \"DE\"\nas_of = 2026-12-01\n\n[[vendor]]\nid = \"v\"\nname = \"V\"\ncountry = \"DE\"\n",
    );
    for i in 0..n {
        model.push_str(&format!(
            "[[system]]\nid = \"s{i}\"\nname = \"System {i}\"\nvendor = \"v\"\n[[service]]\nid = \"d{i}\"\nname = \"Dienst {i}\"\nneeds = [\"s{i}\"]\n"
        ));
    }
    // Each row completes a service of the model, found by its name, with
    // users and a second system named by its name.
    let mut csv = String::from("name,users,needs\n");
    for i in 0..n {
        csv.push_str(&format!(
            "Dienst {i},{},\"s{i}; System {}\"\n",
            i + 1,
            (i + 1) % n
        ));
    }
    let dir = tmp();
    let (m, input, out) = (
        dir.path().join("landscape.toml"),
        dir.path().join("services.csv"),
        dir.path().join("merged.toml"),
    );
    std::fs::write(&m, model).unwrap();
    std::fs::write(&input, csv).unwrap();
    let o = common::run(&[
        "import",
        "csv",
        "--kind",
        "services",
        &arg(&input),
        "--into",
        &arg(&m),
        "-o",
        &arg(&out),
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains(&format!("{n} services")), "{stdout}");
    assert!(stdout.contains("0 added"), "{stdout}");
    run_ok(&["check", &arg(&out)]);
    let toml = std::fs::read_to_string(&out).unwrap();
    // The last service got its users; its needs differ from the model's,
    // which are kept (a conflict).
    let last = toml
        .split("[[service]]")
        .find(|t| t.contains(&format!("id = \"d{}\"", n - 1)))
        .unwrap();
    assert!(last.contains(&format!("users = {n}")), "{last}");
    assert!(
        last.contains(&format!("needs = [\"s{}\"]", n - 1)),
        "{last}"
    );
}
