//! `exitgraph simulate --scenario ID --handbook DIR` end to end: the
//! emergency handbook of a scenario as Markdown and HTML, in German and
//! English, with the sections a business-continuity plan needs, opened in
//! headless Chromium without console errors, and with hostile names from
//! the model escaped in both formats.
//!
//! The browser checks need Chromium (`/usr/bin/chromium`); without it they
//! print why they are skipped, and fail when the environment variable `CI`
//! is set (`.ci/run` installs Chromium).

mod common;

use common::{ModelBuilder, arg, musterstadt, quoted, run, run_ok, stderr, tmp};
use std::path::Path;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether Chromium is there; prints why a check is skipped, panics under CI.
fn chromium_available(test: &str) -> bool {
    if Path::new(CHROMIUM).exists() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{test}: {CHROMIUM} is missing, and CI is set (`.ci/run` installs Chromium)");
    }
    println!("skipping {test}: {CHROMIUM} is missing (apt-get install chromium)");
    false
}

/// Opens a file in headless Chromium; returns the DOM and the log.
fn chromium(file: &Path) -> (String, String) {
    let profile = tmp();
    let url = format!(
        "file://{}",
        file.canonicalize()
            .unwrap_or_else(|e| panic!("{e}"))
            .display()
    );
    let o = std::process::Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.path().display()),
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            &url,
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run chromium: {e}"));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Writes the handbook of a scenario and returns (Markdown, HTML path).
fn handbook(model: &str, scenario: &str, dir: &Path, lang: &str) -> (String, std::path::PathBuf) {
    let o = run(&[
        "simulate",
        model,
        "--scenario",
        scenario,
        "--handbook",
        &arg(dir),
        "--lang",
        lang,
        "--as-of",
        "2026-12-01",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "the handbook writes files, not stdout");
    let md = dir.join(format!("{scenario}.md"));
    let html = dir.join(format!("{scenario}.html"));
    (read(&md), html)
}

#[test]
fn the_ransomware_handbook_has_every_section_a_plan_needs_in_both_languages() {
    let d = tmp();
    let (de, _) = handbook(&musterstadt(), "vsphere-ransomware", d.path(), "de");
    for part in [
        "# Notfallhandbuch",
        "## 2. Zeitachse",
        "## 3. Wiederanlaufplan",
        "## 4. Dienste und Notbetrieb",
        "## 5. Daten, Sicherungen und Datenverlust",
        "## 6. Verträge und Ansprechpartner",
        // The restore by backup, its day and hour, and the data lost.
        "Rücksicherung mit Veeam Backup \\& Replication",
        "Tag 4 (Stunde 96)",
        "24 Stunden",
        // A workaround with its capacity, and a contact to call.
        "Anträge auf Papier annehmen",
        "(30 %)",
        "Enrollment 5-12345678",
    ] {
        assert!(de.contains(part), "German handbook lacks {part:?}:\n{de}");
    }
    let d = tmp();
    let (en, _) = handbook(&musterstadt(), "vsphere-ransomware", d.path(), "en");
    for part in [
        "# Emergency handbook",
        "## 3. Restart order",
        "day 4 (hour 96)",
        "(30%)",
    ] {
        assert!(en.contains(part), "English handbook lacks {part:?}:\n{en}");
    }
    assert!(!en.contains("Wiederanlaufplan"), "{en}");
}

#[test]
fn the_handbook_is_the_same_bytes_twice() {
    let (a, b) = (tmp(), tmp());
    let (ma, ha) = handbook(&musterstadt(), "us-sanctions", a.path(), "de");
    let (mb, hb) = handbook(&musterstadt(), "us-sanctions", b.path(), "de");
    assert_eq!(ma, mb);
    assert_eq!(read(&ha), read(&hb));
}

#[test]
fn the_handbooks_open_in_a_browser_without_console_errors() {
    if !chromium_available("the_handbooks_open_in_a_browser") {
        return;
    }
    for (scenario, lang) in [
        ("vsphere-ransomware", "de"),
        ("vsphere-ransomware", "en"),
        ("telekom-ausfall", "de"),
        ("veeam-wegfall", "en"),
    ] {
        let d = tmp();
        let (_, html) = handbook(&musterstadt(), scenario, d.path(), lang);
        let (dom, log) = chromium(&html);
        assert!(
            !log.contains(":CONSOLE"),
            "{scenario} ({lang}): console output:\n{log}"
        );
        assert_eq!(dom.matches("<h1").count(), 1, "{scenario} ({lang})");
        assert!(dom.contains(&format!("lang=\"{lang}\"")), "{scenario}");
    }
}

/// Whether `pat` occurs in Markdown without a backslash escaping its first
/// character.
fn unescaped(md: &str, pat: &str) -> bool {
    md.match_indices(pat).any(|(i, _)| !md[..i].ends_with('\\'))
}

/// A model whose every name tries to break out of HTML or Markdown.
fn hostile(dir: &Path) -> String {
    let evil = "<script>alert('x')</script> | **bold** [link](javascript:alert(1)) <img src=x onerror=alert(2)>";
    ModelBuilder::new("Gemeinde <script>alert('org')</script> & \"Söhne\"")
        .vendor("evil", &format!("Evil {evil}"), "DE")
        .raw(&format!(
            "contact = {{ phone = {}, owner = {} }}",
            quoted("<b>0800</b> | 1"),
            quoted("<h1>injected</h1>")
        ))
        .system_with(
            "mail",
            &format!("Mail {evil}"),
            "evil",
            "critical",
            &format!(
                "recovery = {{ restart = \"2h\", fallback = \"backup-mail\", setup = \"1d\" }}\ndescription = {}",
                quoted(evil)
            ),
        )
        .system_with(
            "backup-mail",
            &format!("Spare {evil}"),
            "self",
            "low",
            "status = \"candidate\"\noperator = \"self\"",
        )
        .contract("c", &format!("Contract {evil}"), "evil", &["mail"], 1000)
        .raw(&format!(
            "[[service]]\nid = \"svc\"\nname = {}\ncriticality = \"critical\"\nmax_outage = \"4h\"\nneeds = [\"mail\"]\nworkaround = {{ text = {}, from = \"1h\", capacity = 0.5 }}",
            quoted(&format!("Service {evil}")),
            quoted(&format!("Paper {evil}"))
        ))
        .raw(&format!(
            "[[scenario]]\nid = \"evil-out\"\nname = {}\ndescription = {}\ncut = [\"vendor:evil\"]\nkind = \"outage\"\nduration = \"3d\"",
            quoted(&format!("Outage {evil}")),
            quoted(&format!("<h1>injected</h1> {evil}"))
        ))
        .write(dir)
}

#[test]
fn hostile_names_are_escaped_in_the_markdown_and_the_html() {
    let d = tmp();
    let model = hostile(d.path());
    run_ok(&["check", &model]);
    for lang in ["de", "en"] {
        let out = d.path().join(format!("hb-{lang}"));
        let (md, html) = handbook(&model, "evil-out", &out, lang);
        // Markdown: no raw tag, no live link, no table broken by a pipe.
        for bad in ["<script", "<img", "<h1>", "](javascript"] {
            assert!(!unescaped(&md, bad), "{lang}: raw {bad:?} in\n{md}");
        }
        // Every row of a table has as many cells as its head.
        let pipes = |l: &str| l.matches('|').count() - l.matches("\\|").count();
        let mut head: Option<usize> = None;
        for line in md.lines() {
            if !line.starts_with('|') {
                head = None;
                continue;
            }
            let n = pipes(line);
            let h = *head.get_or_insert(n);
            assert_eq!(n, h, "{lang}: a name breaks the table: {line}");
        }
        let html_text = read(&html);
        assert!(!html_text.contains("<script"), "{lang}");
        assert!(!html_text.contains("<img"), "{lang}");
        assert!(!html_text.contains("<h1>injected"), "{lang}");
        assert!(
            html_text.contains("&lt;script&gt;"),
            "{lang}: names are kept, escaped"
        );
        if chromium_available("hostile_names_are_escaped") {
            let (dom, log) = chromium(&html);
            assert!(!log.contains(":CONSOLE"), "{lang}: console output:\n{log}");
            assert!(!dom.contains("<script"), "{lang}");
            assert!(!dom.contains("<img"), "{lang}");
            assert!(!dom.contains("<h1>injected"), "{lang}");
            assert_eq!(dom.matches("<h1").count(), 1, "{lang}: one title only");
        }
    }
}

#[test]
fn every_simulated_scenario_gets_its_handbook_and_a_file_is_not_a_directory() {
    let d = tmp();
    let dir = d.path().join("hb");
    run_ok(&[
        "simulate",
        &musterstadt(),
        "--all-scenarios",
        "--handbook",
        &arg(&dir),
    ]);
    for id in [
        "us-sanctions",
        "telekom-ausfall",
        "vsphere-ransomware",
        "veeam-wegfall",
    ] {
        assert!(dir.join(format!("{id}.md")).is_file(), "{id}");
        assert!(dir.join(format!("{id}.html")).is_file(), "{id}");
    }
    // Cuts given on the command line: the handbook of `ad-hoc`.
    run_ok(&[
        "simulate",
        &musterstadt(),
        "--cut",
        "vendor:telekom",
        "--for",
        "4h",
        "--handbook",
        &arg(&dir),
    ]);
    assert!(read(&dir.join("ad-hoc.md")).contains("4 Stunden"));
    let file = d.path().join("a-file");
    std::fs::write(&file, "keep").unwrap_or_else(|e| panic!("{e}"));
    let o = run(&[
        "simulate",
        &musterstadt(),
        "--scenario",
        "telekom-ausfall",
        "--handbook",
        &arg(&file),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not a directory"), "{}", stderr(&o));
    assert_eq!(read(&file), "keep");
}
