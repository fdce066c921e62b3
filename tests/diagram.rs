//! Diagrams end to end: every view of the example as DOT that Graphviz
//! accepts and as well-formed SVG with both renderers, hostile names that
//! must not break DOT or inject markup, a 5,000-system landscape that must
//! roll up, and the `diagram` command.
//!
//! Tests that need Graphviz `dot` skip with a printed reason when it is
//! missing, and fail instead when the environment variable `CI` is set
//! (`.ci/run` installs Graphviz).

use assert_cmd::cargo::cargo_bin_cmd;
use exitgraph::analysis::exit_plan::Target;
use exitgraph::graph::Graph;
use exitgraph::model::{self, Lang, Limits};
use exitgraph::render::diagram::{self, Diagram, DiagramOptions, Focus, GroupBy, View};
use exitgraph::render::svg::{self, Renderer, RendererChoice};
use quick_xml::events::Event;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const MODEL: &str = "examples/musterstadt.toml";

/// Whether Graphviz `dot` can be used; without it, skips (printing why)
/// or, under CI, fails.
fn have_dot(test: &str) -> bool {
    if svg::graphviz_version().is_some() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{test}: Graphviz `dot` is not installed, but CI is set: .ci/run must install graphviz"
        );
    }
    eprintln!("skipping the Graphviz part of {test}: `dot` is not installed");
    false
}

fn load(path: &str) -> Graph {
    Graph::build(model::load(Path::new(path)).unwrap_or_else(|f| panic!("{:#?}", f.diagnostics)))
}

fn load_str(text: &str) -> Graph {
    let m = model::load_str("t.toml", Path::new("t.toml"), text, &Limits::default())
        .unwrap_or_else(|f| panic!("{:#?}", f.diagnostics));
    Graph::build(m)
}

fn opts(g: &Graph, lang: Lang, renderer: RendererChoice) -> DiagramOptions {
    let as_of = g
        .model()
        .organisation
        .as_of
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let mut o = DiagramOptions::new(lang, as_of);
    o.renderer = renderer;
    // Fewer Monte Carlo runs: the charts' shape does not depend on them.
    o.runs = 300;
    o
}

/// Runs `dot -Tsvg` on a DOT text; returns its SVG or the error output.
fn run_dot(dot: &str) -> Result<String, String> {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.success() && !err.to_lowercase().contains("error") {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(err)
    }
}

/// Parses an SVG completely with quick-xml: matching end tags, only the
/// five predefined entities and valid character references, attribute
/// values that unescape, no characters XML forbids, and no element or
/// attribute that could run script. Returns the number of elements.
fn check_svg(svg: &str, what: &str) -> usize {
    for c in svg.chars() {
        let bad = matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
        assert!(!bad, "{what}: the SVG contains the character {:?}", c);
    }
    let mut reader = quick_xml::Reader::from_str(svg);
    let mut elements = 0;
    let mut depth = 0i64;
    let mut roots = 0;
    loop {
        match reader.read_event() {
            Ok(ev @ (Event::Start(_) | Event::Empty(_))) => {
                let (e, opens) = match &ev {
                    Event::Start(e) => (e, true),
                    Event::Empty(e) => (e, false),
                    _ => unreachable!(),
                };
                let name = e.name().as_ref().to_lowercase();
                assert!(
                    !matches!(name.as_str(), "script" | "foreignobject" | "iframe"),
                    "{what}: the SVG has a <{name}> element"
                );
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{what}: bad attribute: {err}"));
                    let key = a.key.as_ref().to_lowercase();
                    assert!(
                        !key.starts_with("on"),
                        "{what}: the SVG has an {key} attribute"
                    );
                    let raw = a.value.to_string();
                    quick_xml::escape::unescape(&raw)
                        .unwrap_or_else(|err| panic!("{what}: attribute {key}={raw:?}: {err}"));
                }
                if depth == 0 {
                    roots += 1;
                }
                elements += 1;
                if opens {
                    depth += 1;
                }
            }
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::GeneralRef(r)) => {
                if r.is_char_ref() {
                    let c = r
                        .resolve_char_ref()
                        .unwrap_or_else(|err| panic!("{what}: bad character reference: {err}"));
                    assert!(c.is_some(), "{what}: bad character reference");
                } else {
                    let name = r.to_string();
                    assert!(
                        quick_xml::escape::resolve_predefined_entity(&name).is_some(),
                        "{what}: the SVG uses the undefined entity &{name};"
                    );
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "{what}: not well-formed XML at byte {}: {e}",
                reader.buffer_position()
            ),
        }
    }
    assert_eq!(depth, 0, "{what}: unbalanced elements");
    assert_eq!(roots, 1, "{what}: one root element");
    elements
}

/// Every diagram the example can make: each view, each grouping, each
/// scenario, the exit plans of the large vendor groups, a focus.
/// A named view with a change to the default options.
type Case = (String, View, Box<dyn Fn(&mut DiagramOptions)>);

fn all_views(g: &Graph) -> Vec<Case> {
    let m = g.model();
    let mut out: Vec<Case> = Vec::new();
    for (name, gb) in GroupBy::WORDS {
        out.push((
            format!("landscape by {name}"),
            View::Landscape,
            Box::new(move |o: &mut DiagramOptions| o.group_by = gb),
        ));
    }
    out.push(("hotspots".into(), View::Hotspots, Box::new(|_| {})));
    for s in m.scenario_ids() {
        out.push((
            format!("cutoff {}", m.scenario(s).id),
            View::Cutoff(s),
            Box::new(|_| {}),
        ));
    }
    for v in ["microsoft", "broadcom", "ekom21"] {
        let id = m.vendor_id(v).expect("vendor of the example");
        out.push((
            format!("exit {v}"),
            View::Exit(Target::Vendor(id)),
            Box::new(|_| {}),
        ));
    }
    out.push(("deadlines".into(), View::Deadlines, Box::new(|_| {})));
    out.push(("spend".into(), View::Spend, Box::new(|_| {})));
    let entra = Focus::resolve(m, "entra-id").expect("entra-id");
    out.push((
        "landscape focus entra-id".into(),
        View::Landscape,
        Box::new(move |o: &mut DiagramOptions| {
            o.focus = Some(entra);
            o.depth = 1;
        }),
    ));
    out
}

fn build(g: &Graph, what: &str, view: &View, o: &DiagramOptions) -> Diagram {
    diagram::build(g, view, o).unwrap_or_else(|e| panic!("{what}: {e}"))
}

#[test]
fn every_view_of_the_example_is_valid_dot_and_well_formed_svg_with_the_builtin_layout() {
    let g = load(MODEL);
    for lang in [Lang::De, Lang::En] {
        for (what, view, set) in all_views(&g) {
            let mut o = opts(&g, lang, RendererChoice::Builtin);
            set(&mut o);
            let d = build(&g, &what, &view, &o);
            check_svg(&d.svg, &what);
            assert!(!d.notes.is_empty(), "{what}: notes");
            if view.is_graph() {
                assert_eq!(d.renderer, Renderer::LayoutRs, "{what}");
                assert!(d.dot.is_some(), "{what}: DOT");
                let parsed = graphviz_rust::parse(d.dot.as_deref().unwrap_or_default());
                assert!(
                    parsed.is_ok(),
                    "{what}: graphviz-rust cannot parse the DOT: {parsed:?}"
                );
            } else {
                assert_eq!(d.renderer, Renderer::Direct, "{what}");
                assert!(d.dot.is_none(), "{what}");
            }
        }
    }
}

#[test]
fn every_dot_of_the_example_is_accepted_by_graphviz() {
    if !have_dot("every_dot_of_the_example_is_accepted_by_graphviz") {
        return;
    }
    let g = load(MODEL);
    for lang in [Lang::De, Lang::En] {
        for (what, view, set) in all_views(&g) {
            let mut o = opts(&g, lang, RendererChoice::Graphviz);
            set(&mut o);
            let d = build(&g, &what, &view, &o);
            check_svg(&d.svg, &what);
            if let Some(dot) = &d.dot {
                assert_eq!(d.renderer, Renderer::Graphviz, "{what}");
                let svg =
                    run_dot(dot).unwrap_or_else(|e| panic!("{what}: dot rejects the DOT: {e}"));
                check_svg(&svg, &what);
                // Graphviz draws exactly the diagram's nodes plus the legend.
                assert_eq!(
                    svg.matches("class=\"node\"").count(),
                    d.nodes + 1,
                    "{what}: node count"
                );
            }
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let g = load(MODEL);
    let mut renderers = vec![RendererChoice::Builtin];
    if svg::graphviz_version().is_some() {
        renderers.push(RendererChoice::Graphviz);
    }
    let cut = g.model().scenario_id("us-sanctions").expect("scenario");
    for r in renderers {
        for view in [
            View::Landscape,
            View::Hotspots,
            View::Cutoff(cut),
            View::Deadlines,
        ] {
            let o = opts(&g, Lang::De, r);
            let a = build(&g, view.name(), &view, &o);
            let b = build(&g, view.name(), &view, &o);
            assert_eq!(a.dot, b.dot, "{} DOT", view.name());
            assert_eq!(a.svg, b.svg, "{} SVG with {r:?}", view.name());
        }
    }
}

#[test]
fn the_landscape_shows_every_in_use_system_of_the_example() {
    let g = load(MODEL);
    let d = build(
        &g,
        "landscape",
        &View::Landscape,
        &opts(&g, Lang::En, RendererChoice::Builtin),
    );
    // 34 in-use systems (46 minus 12 candidates), nothing folded.
    let in_use = g.model().systems.iter().filter(|s| s.in_use()).count();
    assert_eq!(d.nodes, in_use);
    assert!(!d.rolled_up);
    let dot = d.dot.expect("dot");
    assert!(
        dot.contains("label=\"Microsoft Corporation (US)\""),
        "vendor group cluster"
    );
    assert!(
        dot.contains("style=\"dashed\""),
        "proprietary interfaces are dashed"
    );
    assert!(d.svg.contains("Legend"));
}

#[test]
fn texts_follow_the_language() {
    let g = load(MODEL);
    let de = build(
        &g,
        "spend",
        &View::Spend,
        &opts(&g, Lang::De, RendererChoice::Builtin),
    );
    let en = build(
        &g,
        "spend",
        &View::Spend,
        &opts(&g, Lang::En, RendererChoice::Builtin),
    );
    assert!(
        de.svg.contains("Legende") && de.svg.contains("1.961.200 €"),
        "German"
    );
    assert!(
        en.svg.contains("Legend") && en.svg.contains("EUR 1,961,200"),
        "English"
    );
}

/// A model whose every name tries to break out of DOT, XML or the label.
fn hostile() -> String {
    let long = "L".repeat(10_000);
    format!(
        r#"[organisation]
name = "Stadt <script>alert(1)</script> & \"Co\""
home = "DE"
trusted = ["EU"]
as_of = 2026-12-01

[[vendor]]
id = "evil"
name = "Evil \"Corp\" <b>&amp; &nbsp; ]]> \\N \\G \\\\ {{x|y}} <x>"
country = "US"

[[vendor]]
id = "rtl"
name = "\u202Egnp.exe\u202C \u200F\u05E9\u05DC\u05D5\u05DD"
country = "DE"
parent = "evil"

[[system]]
id = "a"
name = "<script>alert('a')</script>\nline two\r\n\"quoted\" & {{rec|ord}} <port>"
category = "cat <i>&</i>"
layer = "application"
vendor = "evil"
operator = "rtl"
criticality = "critical"
users = 10
depends_on = ["b"]

[[system]]
id = "b"
name = "{long}"
category = "]]>"
layer = "infrastructure"
vendor = "rtl"
operator = "self"
licence_check = "30d"

[[system]]
id = "x--y"
name = "--> <!-- -->"
layer = "data"
vendor = "evil"
depends_on = ["a"]

[[system]]
id = "c"
name = "tab\there\u0007bell \\\\server\\share"
layer = "platform"
vendor = "self"
operator = "self"
depends_on = [{{ any = ["a", "b"] }}]

[[interface]]
id = "i1"
name = "</text><script>x</script>"
from = "c"
to = "a"
open = false

[[contract]]
id = "k"
name = "Vertrag \"<&>\" \n neu"
vendor = "evil"
covers = ["a"]
kind = "subscription"
start = 2025-01-01
term = "1y"
renewal = "1y"
notice = "3mo"
annual_cost = 1000

[[service]]
id = "s"
name = "Dienst <img src=x onerror=alert(1)>"
criticality = "critical"
needs = ["a"]

[[scenario]]
id = "cut"
name = "Cut <evil> & \"friends\""
cut = ["vendor:evil"]
"#
    )
}

#[test]
fn hostile_names_give_valid_dot_and_svg_without_markup_injection() {
    let g = load_str(&hostile());
    let m = g.model();
    let cut = m.scenario_id("cut").expect("scenario");
    let evil = m.vendor_id("evil").expect("vendor");
    let views = [
        View::Landscape,
        View::Hotspots,
        View::Cutoff(cut),
        View::Exit(Target::Vendor(evil)),
        View::Deadlines,
        View::Spend,
    ];
    let mut renderers = vec![RendererChoice::Builtin];
    if have_dot("hostile_names_give_valid_dot_and_svg_without_markup_injection") {
        renderers.push(RendererChoice::Graphviz);
    }
    for r in renderers {
        for lang in [Lang::De, Lang::En] {
            for view in &views {
                let what = format!("hostile {} {r:?}", view.name());
                let d = build(&g, &what, view, &opts(&g, lang, r));
                check_svg(&d.svg, &what);
                assert!(
                    !d.svg.contains("<script"),
                    "{what}: raw <script> in the SVG"
                );
                assert!(!d.svg.contains("<img"), "{what}: raw <img> in the SVG");
                assert!(
                    !d.svg.contains('\u{202E}'),
                    "{what}: a bidi override reached the SVG"
                );
                assert!(
                    d.svg.len() < 2_000_000,
                    "{what}: the long name is shortened"
                );
                if let Some(dot) = &d.dot {
                    assert!(
                        graphviz_rust::parse(dot).is_ok(),
                        "{what}: DOT does not parse"
                    );
                    assert!(!dot.contains("&nbsp;"), "{what}: an entity reached the DOT");
                    if r == RendererChoice::Graphviz {
                        let svg = run_dot(dot)
                            .unwrap_or_else(|e| panic!("{what}: dot rejects the DOT: {e}"));
                        check_svg(&svg, &what);
                        assert_eq!(
                            svg.matches("class=\"node\"").count(),
                            d.nodes + 1,
                            "{what}: a name added or removed nodes"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_generated_5000_system_landscape_is_rolled_up_and_says_so() {
    use exitgraph::generate::{GenOptions, generate};
    let text = generate(&GenOptions::new(5000, 1)).expect("generator");
    let g = load_str(&text);
    // Graphviz when present; the built-in layout keeps its own lower limit.
    let o = opts(&g, Lang::En, RendererChoice::Auto);
    let d = build(&g, "landscape 5000", &View::Landscape, &o);
    assert!(d.rolled_up, "rolled up");
    assert!(d.nodes <= 150, "{} nodes", d.nodes);
    assert!(
        d.nodes >= 60,
        "the overview keeps the large groups: {} nodes",
        d.nodes
    );
    let note = d
        .notes
        .iter()
        .find(|n| n.starts_with("Rolled up:"))
        .unwrap_or_else(|| panic!("no roll-up note in {:?}", d.notes));
    assert!(note.contains("elements were folded into"), "{note}");
    assert!(
        d.svg.contains("Rolled up:"),
        "the note is in the diagram too"
    );
    check_svg(&d.svg, "landscape 5000");
    let dot = d.dot.expect("dot");
    assert!(
        dot.contains(" systems\\n"),
        "group nodes carry their counts"
    );
}

// ---- the command ----

fn run(args: &[&str]) -> std::process::Output {
    cargo_bin_cmd!("exitgraph")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run exitgraph: {e}"))
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_command_writes_dot_and_svg_and_names_the_renderer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let dot = dir.path().join("l.dot");
    let o = run(&[
        "diagram",
        MODEL,
        "--view",
        "landscape",
        "-o",
        dot.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&dot).expect("dot written");
    assert!(text.starts_with("digraph \"landscape\""), "{text:.80}");
    let svg_path = dir.path().join("c.svg");
    let o = run(&[
        "diagram",
        MODEL,
        "--view",
        "cutoff",
        "--scenario",
        "us-sanctions",
        "--renderer",
        "builtin",
        "--lang",
        "en",
        "-o",
        svg_path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("SVG drawn by the built-in layout"),
        "{}",
        stderr(&o)
    );
    check_svg(
        &std::fs::read_to_string(&svg_path).expect("svg"),
        "cutoff via CLI",
    );
}

#[test]
fn the_command_rejects_unknown_ids_and_misfits_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("x.svg");
    let out = out.to_str().unwrap();
    let o = run(&[
        "diagram",
        MODEL,
        "--view",
        "cutoff",
        "--scenario",
        "us-sanktions",
        "-o",
        out,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `us-sanctions`?"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "diagram", MODEL, "--view", "exit", "--vendor", "microsft", "-o", out,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `microsoft`?"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "diagram",
        MODEL,
        "--view",
        "landscape",
        "--focus",
        "entra",
        "-o",
        out,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("entra"), "{}", stderr(&o));
    let o = run(&["diagram", MODEL, "--view", "cutoff", "-o", out]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("needs `--scenario ID`"),
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "diagram",
        MODEL,
        "--view",
        "spend",
        "-o",
        &out.replace(".svg", ".dot"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has no DOT"), "{}", stderr(&o));
    let o = run(&[
        "diagram",
        MODEL,
        "--view",
        "spend",
        "-o",
        &out.replace(".svg", ".pdf"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&[
        "diagram", MODEL, "--view", "spend", "--focus", "m365", "-o", out,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("chart"), "{}", stderr(&o));
    assert!(!Path::new(out).exists(), "nothing written on errors");
}

#[test]
fn png_needs_graphviz_and_a_graph_view() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("l.png");
    let png = png.to_str().unwrap();
    let o = run(&["diagram", MODEL, "--view", "spend", "-o", png]);
    assert_eq!(o.status.code(), Some(2), "charts have no PNG");
    assert!(stderr(&o).contains("write .svg"), "{}", stderr(&o));
    if !have_dot("png_needs_graphviz_and_a_graph_view") {
        return;
    }
    let o = run(&["diagram", MODEL, "--view", "hotspots", "-o", png]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(png).expect("png written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG file");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 6, ..Default::default() })]

    /// Generated models of any shape go through every graph view, rolled
    /// up hard (at most 20 nodes), without a panic and with well-formed SVG
    /// and DOT that parses; the roll-up keeps its limit.
    #[test]
    fn generated_models_draw_every_graph_view(seed in proptest::prelude::any::<u64>(), systems in 20usize..120) {
        use exitgraph::generate::{GenOptions, generate};
        let g = load_str(&generate(&GenOptions::new(systems, seed)).expect("generator"));
        let m = g.model();
        let mut views = vec![View::Landscape, View::Hotspots];
        views.extend(m.scenario_ids().map(View::Cutoff));
        for view in views {
            let mut o = opts(&g, Lang::De, RendererChoice::Builtin);
            o.max_nodes = 20;
            let d = build(&g, view.name(), &view, &o);
            check_svg(&d.svg, view.name());
            let dot = d.dot.clone().unwrap_or_default();
            proptest::prop_assert!(graphviz_rust::parse(&dot).is_ok(), "{} DOT", view.name());
            if d.rolled_up {
                proptest::prop_assert!(d.notes.iter().any(|n| n.starts_with("Zusammengefasst")));
            }
        }
    }
}

/// The ids an SVG defines and the ids it refers to (`url(#…)`, `href="#…"`).
fn ids_and_refs(svg: &str) -> (Vec<String>, Vec<String>) {
    let grab = |pat: &str, end: char| -> Vec<String> {
        svg.match_indices(pat)
            .filter_map(|(i, _)| {
                let rest = &svg[i + pat.len()..];
                rest.find(end).map(|j| rest[..j].to_string())
            })
            .collect()
    };
    let ids = grab(" id=\"", '"');
    let mut refs = grab("url(#", ')');
    refs.extend(grab("href=\"#", '"'));
    (ids, refs)
}

#[test]
fn inline_svg_prefixes_every_id_and_keeps_references_working() {
    let g = load(MODEL);
    let cut = g.model().scenario_id("us-sanctions").expect("scenario");
    let mut renderers = vec![RendererChoice::Builtin];
    if svg::graphviz_version().is_some() {
        renderers.push(RendererChoice::Graphviz);
    }
    for r in renderers {
        for view in [View::Landscape, View::Cutoff(cut), View::Spend] {
            let d = build(&g, view.name(), &view, &opts(&g, Lang::En, r));
            let inline = d.svg_inline("d7-");
            check_svg(&inline, view.name());
            let (ids, refs) = ids_and_refs(&inline);
            assert!(
                ids.iter().all(|i| i.starts_with("d7-")),
                "{} {r:?}: {ids:?}",
                view.name()
            );
            for x in &refs {
                assert!(
                    ids.contains(x),
                    "{} {r:?}: #{x} is not defined",
                    view.name()
                );
            }
        }
    }
}

#[test]
fn a_model_without_systems_still_gives_every_view() {
    let g = load_str("[organisation]\nname = \"Leer\"\nhome = \"DE\"\nas_of = 2026-12-01\n");
    for r in [RendererChoice::Builtin, RendererChoice::Auto] {
        for view in [
            View::Landscape,
            View::Hotspots,
            View::Deadlines,
            View::Spend,
        ] {
            let d = build(&g, view.name(), &view, &opts(&g, Lang::En, r));
            assert_eq!(d.nodes, 0, "{}", view.name());
            check_svg(&d.svg, view.name());
        }
    }
}

/// Clustered views of generated landscapes that Graphviz 2.43's default
/// ranking refused ("trouble in init_rank") are drawn by Graphviz, for every
/// grouping.
#[test]
fn clustered_generated_landscapes_are_drawn_by_graphviz() {
    if !have_dot("clustered_generated_landscapes_are_drawn_by_graphviz") {
        return;
    }
    let text = exitgraph::generate::generate(&exitgraph::generate::GenOptions::new(1_000, 4))
        .unwrap_or_else(|e| panic!("{e}"));
    let g = load_str(&text);
    for group_by in [
        GroupBy::Jurisdiction,
        GroupBy::Vendor,
        GroupBy::Layer,
        GroupBy::Category,
    ] {
        let mut o = opts(&g, Lang::En, RendererChoice::Auto);
        o.group_by = group_by;
        let d = build(&g, "landscape", &View::Landscape, &o);
        assert_eq!(
            d.renderer,
            Renderer::Graphviz,
            "{group_by:?}: {:?}",
            d.notes
        );
        check_svg(&d.svg, "clustered landscape");
    }
}

/// Writing DOT does not run Graphviz: it works without `dot` on the path.
#[test]
fn dot_output_needs_no_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("landscape.dot");
    let o = cargo_bin_cmd!("exitgraph")
        .env("PATH", dir.path())
        .args(["diagram", MODEL, "--view", "landscape", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dot = std::fs::read_to_string(&out).unwrap();
    assert!(dot.starts_with("digraph"), "{dot}");
}
