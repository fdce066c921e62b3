//! No text from the model reaches the terminal with a control character or
//! a direction override: escape sequences in names (cursor movement, erase
//! line, window title, OSC 8 links, hidden text) are removed by the one
//! terminal filter every printer uses, and the calendar holds no control
//! character RFC 5545 forbids. JSON keeps the exact string.

mod common;

use common::{ModelBuilder, run, stderr, stdout, tmp};

/// Escape sequences a hostile name could carry.
const NASTY: &str = concat!(
    "\u{1b}[2K",                                                    // erase line
    "\u{1b}[1A",                                                    // cursor up
    "\u{1b}]0;pwned\u{7}",                                          // window title
    "\u{1b}]8;;https://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\", // OSC 8 link
    "\u{1b}[8mhidden\u{1b}[0m",                                     // hidden text
    "\u{9b}31m",                                                    // C1 CSI
    "\r",                                                           // bare carriage return
    "\u{202E}txt.exe",                                              // right-to-left override
);

fn hostile(dir: &std::path::Path) -> String {
    let n = |s: &str| format!("{s}{NASTY}");
    ModelBuilder::new(&n("Stadt"))
        .vendor("evil", &n("Evil Corp"), "US")
        .vendor("good", &n("Gut GmbH"), "DE")
        .system_with(
            "mail",
            &n("Mail"),
            "evil",
            "critical",
            "alternatives = [\"catalog:open-xchange\"]\nexit_plan = \"docs/exit.md\"",
        )
        .system("files", &n("Files"), "good", "high")
        .contract(
            "mail-contract",
            &n("Mail contract"),
            "evil",
            &["mail"],
            528_000,
        )
        .service("citizens", &n("Bürgerbüro"), &["mail", "files"])
        .scenario("cut", &n("US cut"), "vendor:evil")
        .write(dir)
}

/// Every control character but the line end, and every direction override.
fn unsafe_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn no_control_character_reaches_the_terminal() {
    let dir = tmp();
    let m = hostile(dir.path());
    let commands: &[&[&str]] = &[
        &["check", &m],
        &["check", &m, "--policy", "--max-lockin", "1"],
        &["explain", &m, "mail"],
        &["explain", &m, "evil"],
        &["explain", &m, "mail-contract"],
        &["explain", &m, "citizens"],
        &["hotspots", &m],
        &["hotspots", &m, "--candidates"],
        &["simulate", &m, "--scenario", "cut"],
        &["simulate", &m, "--each-vendor"],
        &["exit", &m, "--vendor", "evil"],
        &["deadlines", &m],
        &["score", &m],
        &["paths", &m],
        &["diff", &m, &m],
        &["diff", &m, &m, "--format", "markdown"],
        &["explain", &m, "no-such-id"],
    ];
    for args in commands {
        let o = run(args);
        let code = o.status.code();
        assert!(
            matches!(code, Some(0..=2)),
            "{args:?} ended with {code:?}: {}",
            stderr(&o)
        );
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(!out.is_empty() || !err.is_empty(), "{args:?} said nothing");
        assert_eq!(
            unsafe_chars(&out),
            Vec::<char>::new(),
            "{args:?} stdout: {out}"
        );
        assert_eq!(
            unsafe_chars(&err),
            Vec::<char>::new(),
            "{args:?} stderr: {err}"
        );
    }
}

#[test]
fn a_hostile_name_in_a_diagnostic_excerpt_is_cleaned_too() {
    let dir = tmp();
    let text = ModelBuilder::new("Stadt")
        .raw(&format!(
            "[[vendor]]\nid = \"x\"\nname = {}\ncountry = \"XX\"",
            common::quoted(NASTY)
        ))
        .toml();
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, text).unwrap();
    let o = run(&["check", &common::arg(&p)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bad.toml"), "{err}");
    assert_eq!(unsafe_chars(&err), Vec::<char>::new(), "{err}");
}

#[test]
fn json_keeps_the_exact_name() {
    let dir = tmp();
    let m = hostile(dir.path());
    let v = common::json(&["explain", &m, "evil", "--format", "json"]);
    assert_eq!(
        v["name"].as_str(),
        Some(format!("Evil Corp{NASTY}").as_str())
    );
}

#[test]
fn the_calendar_holds_no_forbidden_control_character() {
    let dir = tmp();
    let m = hostile(dir.path());
    let ics = dir.path().join("d.ics");
    let o = run(&["deadlines", &m, "--ics", &common::arg(&ics)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&ics).unwrap();
    // Lines end in CR LF; no other control character (RFC 5545 TEXT).
    for line in text.split("\r\n") {
        assert_eq!(unsafe_chars(line), Vec::<char>::new(), "{line:?}");
        assert!(!line.contains('\n'), "{line:?}");
    }
    assert!(text.contains("Mail contract"), "{text}");
    assert!(
        text.contains("[U+202E]txt.exe"),
        "overrides are shown: {text}"
    );
}
