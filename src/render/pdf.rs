//! The review as a PDF (`review --pdf`), printed by headless Chromium found
//! on the machine (`chromium`, `chromium-browser`, `google-chrome`).
//!
//! The page layout (A4, margins, page numbers in the bottom margin, page
//! breaks) is the print CSS of `templates/review.html`; Chromium lays the
//! HTML out exactly as it prints it from the browser. The table of contents
//! gets its page numbers from a first print: Chromium writes a named
//! destination for every section the table of contents links to, so
//! [`section_pages`] reads on which page each section starts, and the
//! second print carries those numbers. The table of contents is one line
//! per section in both prints, so the numbers do not move the pages.

use lopdf::{Document, Object};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The programs tried, in this order, on the `PATH`.
pub const CHROMIUM_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long one print may take before Chromium is stopped.
const PRINT_TIMEOUT: Duration = Duration::from_secs(180);

/// The first Chromium on the `PATH`, if any.
pub fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in CHROMIUM_NAMES {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if is_executable(&p) {
                return Some(p);
            }
        }
    }
    None
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// Prints the HTML file `html` to the PDF file `pdf` with `chromium`.
///
/// The HTML is the review's own (no scripts, nothing loaded from other
/// hosts); Chromium runs with a fresh profile in a temporary directory and
/// without its sandbox, which is refused when running as root in a
/// container.
pub fn print(chromium: &Path, html: &Path, pdf: &Path) -> Result<(), String> {
    let html = html
        .canonicalize()
        .map_err(|e| format!("cannot find {}: {e}", html.display()))?;
    let profile =
        tempfile::tempdir().map_err(|e| format!("cannot make a temporary profile: {e}"))?;
    let mut child = Command::new(chromium)
        .arg("--headless")
        .arg("--no-sandbox")
        .arg("--disable-gpu")
        .arg("--disable-background-networking")
        .arg("--disable-component-update")
        .arg("--disable-sync")
        .arg("--no-first-run")
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", chromium.display()))?;
    // Read stderr on a thread so that a chatty Chromium cannot block on a
    // full pipe while we wait for it.
    let mut err = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = err.as_mut() {
            let _ = e.read_to_string(&mut s);
        }
        s
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} did not finish printing within {} seconds",
                    chromium.display(),
                    PRINT_TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("cannot wait for {}: {e}", chromium.display())),
        }
    };
    let log = reader.join().unwrap_or_default();
    let written = pdf.metadata().map(|m| m.len() > 0).unwrap_or(false);
    if !status.success() || !written {
        let last: Vec<&str> = log.lines().rev().take(5).collect();
        let last: Vec<&str> = last.into_iter().rev().collect();
        return Err(format!(
            "{} could not print {} ({status}){}{}",
            chromium.display(),
            html.display(),
            if last.is_empty() { "" } else { ":\n" },
            last.join("\n")
        ));
    }
    Ok(())
}

/// The page (from 1) on which each of `ids` starts, read from the named
/// destinations of a PDF printed by Chromium. Ids without a destination
/// are left out.
pub fn section_pages(pdf: &[u8], ids: &[String]) -> Result<BTreeMap<String, u32>, String> {
    let doc = Document::load_mem(pdf).map_err(|e| format!("cannot read the PDF: {e}"))?;
    let pages: BTreeMap<lopdf::ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let dests = doc
        .catalog()
        .and_then(|c| c.get(b"Dests"))
        .and_then(|d| deref(&doc, d).as_dict().cloned())
        .map_err(|e| format!("the PDF has no named destinations: {e}"))?;
    let mut out = BTreeMap::new();
    for id in ids {
        let Ok(d) = dests.get(id.as_bytes()) else {
            continue;
        };
        let d = deref(&doc, d);
        // A destination is an array [page /XYZ left top zoom] or a
        // dictionary with it under /D.
        let arr = match d {
            Object::Array(a) => Some(a.clone()),
            Object::Dictionary(dict) => dict
                .get(b"D")
                .ok()
                .and_then(|x| deref(&doc, x).as_array().ok().cloned()),
            _ => None,
        };
        if let Some(Object::Reference(r)) = arr.as_ref().and_then(|a| a.first())
            && let Some(n) = pages.get(r)
        {
            out.insert(id.clone(), *n);
        }
    }
    Ok(out)
}

/// The number of pages of a PDF.
pub fn page_count(pdf: &[u8]) -> Result<usize, String> {
    Document::load_mem(pdf)
        .map(|d| d.get_pages().len())
        .map_err(|e| format!("cannot read the PDF: {e}"))
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(r) => doc.get_object(*r).unwrap_or(o),
        _ => o,
    }
}
