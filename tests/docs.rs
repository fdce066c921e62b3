//! The documentation stays true: every relative link and anchor resolves,
//! the README's quick start holds exactly the two documented commands, and
//! every example model named in the docs exists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// GitHub-style anchors of a Markdown file's headings and explicit `<a id>`s.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if let Some(h) = line.strip_prefix('#') {
            let title = h.trim_start_matches('#').trim();
            let anchor: String = title
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == ' ' || *c == '_')
                .map(|c| if c == ' ' { '-' } else { c })
                .collect();
            out.insert(anchor);
        }
        let mut rest = line;
        while let Some(i) = rest.find("<a id=\"") {
            let after = &rest[i + 7..];
            if let Some(j) = after.find('"') {
                out.insert(after[..j].to_string());
                rest = &after[j..];
            } else {
                break;
            }
        }
    }
    out
}

fn markdown_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    for e in std::fs::read_dir(root().join("docs")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            files.push(p);
        }
    }
    files.sort();
    files
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let mut broken = Vec::new();
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut in_code = false;
        for line in text.lines() {
            if line.starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            let mut rest = line;
            while let Some(i) = rest.find("](") {
                let after = &rest[i + 2..];
                let Some(j) = after.find(')') else { break };
                let link = &after[..j];
                rest = &after[j..];
                if link.contains("://") || link.starts_with("mailto:") || link.contains(' ') {
                    continue;
                }
                let (path, frag) = link.split_once('#').unwrap_or((link, ""));
                let target = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap().join(path)
                };
                if !target.exists() {
                    broken.push(format!("{}: {link} (no such file)", file.display()));
                    continue;
                }
                if !frag.is_empty() && target.extension().is_some_and(|x| x == "md") {
                    let t = std::fs::read_to_string(&target).unwrap();
                    if !anchors(&t).contains(frag) {
                        broken.push(format!("{}: {link} (no such anchor)", file.display()));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_quick_start_holds_exactly_two_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("## Quick start")
        .expect("a quick start section");
    let section = &readme[start..];
    let block_start = section.find("```sh\n").unwrap() + 6;
    let block = &section[block_start..];
    let block = &block[..block.find("```").unwrap()];
    let commands: Vec<&str> = block.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        commands,
        [
            "cargo run --release -- review examples/musterstadt.toml --out review/",
            "cargo test"
        ]
    );
    // .ci/run runs the README's test command.
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run must call `cargo test`"
    );
    assert!(Path::new(&root().join("examples/musterstadt.toml")).exists());
}
