//! What a command needs from its surroundings: the output streams, the
//! global options, and loading a model.
//!
//! The streams are private to this module, so every command prints through
//! one of four doors, each with its rule:
//!
//! - [`Ctx::print`] and [`Ctx::eprint`]: text for a person (tables,
//!   sentences, notes). It passes `render::escape::terminal::text`, so no
//!   control character or direction override from the model reaches the
//!   terminal, whichever printer produced it;
//! - [`Ctx::data`] and [`Ctx::json`]: data formats (JSON, CSV, DOT, SVG,
//!   PNG, TOML), written exactly (JSON escapes control characters itself;
//!   the other formats escape model text in their own module of
//!   `render::escape`);
//! - [`Ctx::diagnostics`]: the rendered diagnostics, whose colours are the
//!   only escape sequences the tool writes; the model's source lines and
//!   messages in them are cleaned by [`render_diagnostics`].

use super::{CliError, GlobalArgs};
use crate::graph::Graph;
use crate::model::snapshot::{self, Cache};
use crate::model::{Diagnostic, Limits, LoadFailure, Model, SourceMap};
use crate::render::escape;
use std::io::{self, Write};
use std::path::Path;

/// The surroundings of a command.
pub struct Ctx {
    global: GlobalArgs,
    out: Box<dyn Write>,
    err: Box<dyn Write>,
    /// Standard error was closed (`2>&1 | head -1`): later notes are
    /// dropped instead of stopping the command before its files are written.
    err_closed: bool,
    color: bool,
    stderr_is_terminal: bool,
}

impl Ctx {
    /// Standard output (buffered) and standard error.
    pub fn new(global: GlobalArgs, color: bool, stderr_is_terminal: bool) -> Ctx {
        Ctx::with_streams(
            global,
            Box::new(io::BufWriter::new(io::stdout())),
            Box::new(io::stderr()),
            color,
            stderr_is_terminal,
        )
    }

    /// Given streams (tests).
    pub fn with_streams(
        global: GlobalArgs,
        out: Box<dyn Write>,
        err: Box<dyn Write>,
        color: bool,
        stderr_is_terminal: bool,
    ) -> Ctx {
        Ctx {
            global,
            out,
            err,
            err_closed: false,
            color,
            stderr_is_terminal,
        }
    }

    /// The options that apply to every command.
    pub fn global(&self) -> &GlobalArgs {
        &self.global
    }

    /// Whether standard error is a terminal (progress bars).
    pub fn stderr_is_terminal(&self) -> bool {
        self.stderr_is_terminal
    }

    /// Prints text for a person on standard output (see the module docs).
    pub fn print(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(escape::terminal::text(text).as_bytes())
    }

    /// Prints text for a person on standard error, with a line end.
    pub fn eprint(&mut self, text: &str) -> io::Result<()> {
        let mut t = escape::terminal::text(text);
        t.push('\n');
        self.write_err(t.as_bytes())
    }

    /// Writes on standard error. A closed standard error is not a reason
    /// to stop: notes are dropped from then on, and the command still
    /// writes the files it was asked for (the exit code says whether it did).
    fn write_err(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.err_closed {
            return Ok(());
        }
        match self.err.write_all(bytes) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.err_closed = true;
                Ok(())
            }
            other => other,
        }
    }

    /// Writes a data format on standard output, byte for byte.
    pub fn data(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)
    }

    /// Standard output for a data format written piece by piece, byte for
    /// byte (a large CSV that is not held in memory).
    pub fn data_writer(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    /// A writer for text for a person written piece by piece (long
    /// outputs that are not held in memory): each piece passes the same
    /// filter as [`Ctx::print`].
    pub fn print_stream(&mut self) -> TerminalWriter<'_> {
        TerminalWriter {
            inner: &mut self.out,
            pending: Vec::new(),
        }
    }

    /// Writes a value as pretty JSON and a line end, streamed.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CliError> {
        serde_json::to_writer_pretty(&mut self.out, value).map_err(|e| {
            match e.io_error_kind() {
                Some(io::ErrorKind::BrokenPipe) => CliError::Closed,
                _ => CliError::io(format!("cannot write JSON: {e}")),
            }
        })?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    /// Writes diagnostics (with source excerpts) on standard error.
    pub fn diagnostics(&mut self, sources: &SourceMap, diags: &[Diagnostic]) -> io::Result<()> {
        let text = render_diagnostics(sources, diags, self.color);
        self.write_err(text.as_bytes())
    }

    /// Flushes standard output.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    pub fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: self.global.max_file_size,
            max_entities: self.global.max_entities,
            max_string_bytes: self.global.max_string_length,
            allow_include_outside: self.global.allow_include_outside,
            ..Limits::default()
        }
    }

    /// Where snapshots of validated models are kept (`--cache-dir`,
    /// `--no-cache`).
    pub fn cache(&self) -> Cache {
        match (&self.global.cache_dir, self.global.no_cache) {
            (_, true) => Cache::off(),
            (Some(dir), false) => Cache::at(dir),
            (None, false) => Cache::default_location(),
        }
    }

    /// Loads and validates a model, through its snapshot when one is
    /// valid (`model::snapshot`); `--verbose` says which.
    pub fn load_model(&mut self, path: &Path) -> Result<Model, LoadFailure> {
        let (result, notes) = snapshot::load(path, &self.limits(), &self.cache());
        if self.global.verbose {
            for n in notes {
                let _ = self.eprint(&format!("note: {n}"));
            }
        }
        result
    }

    /// Loads and validates a model; on errors returns them for rendering.
    pub fn load(&mut self, path: &Path) -> Result<Graph, CliError> {
        let model = self.load_model(path).map_err(CliError::Model)?;
        Ok(Graph::build(model))
    }

    /// Loads a model and mentions its warnings in one line on stderr.
    pub fn load_quiet(&mut self, path: &Path) -> Result<Graph, CliError> {
        let g = self.load(path)?;
        let n = g.model().warnings.len();
        if n > 0 {
            self.eprint(&format!(
                "note: the model has {n} warning{}; `exitgraph check {}` shows them",
                if n == 1 { "" } else { "s" },
                path.display()
            ))?;
        }
        Ok(g)
    }
}

/// Standard output for text written piece by piece ([`Ctx::print_stream`]).
///
/// Bytes are held back until they form whole characters, and a CR at the
/// end of a piece until the next piece shows whether a LF follows, so the
/// filter sees what [`Ctx::print`] would see.
pub struct TerminalWriter<'a> {
    inner: &'a mut Box<dyn Write>,
    pending: Vec<u8>,
}

impl TerminalWriter<'_> {
    fn emit(&mut self, all: bool) -> io::Result<()> {
        let mut upto = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(_) if all => {
                let text = String::from_utf8_lossy(&self.pending).into_owned();
                self.pending.clear();
                return self
                    .inner
                    .write_all(escape::terminal::text(&text).as_bytes());
            }
            Err(e) => e.valid_up_to(),
        };
        if !all && upto > 0 && self.pending[upto - 1] == b'\r' {
            upto -= 1;
        }
        let text = std::str::from_utf8(&self.pending[..upto]).unwrap_or_default();
        let clean = escape::terminal::text(text);
        self.inner.write_all(clean.as_bytes())?;
        self.pending.drain(..upto);
        Ok(())
    }
}

impl Write for TerminalWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.emit(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.emit(true)?;
        self.inner.flush()
    }
}

impl Drop for TerminalWriter<'_> {
    fn drop(&mut self) {
        let _ = self.emit(true);
    }
}

/// Renders diagnostics with source excerpts (codespan), coloured or plain.
/// Each excerpt is a window around the place, not the whole line
/// (`model::diag::excerpt`). Source text, file names, messages, labels and
/// notes are cleaned for the terminal (`render::escape`), so a model cannot
/// smuggle escape sequences into them.
pub fn render_diagnostics(sources: &SourceMap, diags: &[Diagnostic], color: bool) -> String {
    use codespan_reporting::term::{self, Config};
    let config = Config::default();
    let mut out = String::new();
    for d in diags {
        let (mut files, mut cs) = crate::model::diag::excerpt::Excerpt::build(d, sources);
        files.map(escape::terminal::same_length, escape::clean);
        cs.message = escape::clean(&cs.message);
        for l in &mut cs.labels {
            l.message = escape::clean(&l.message);
        }
        for n in &mut cs.notes {
            *n = escape::clean_lines(n);
        }
        if color {
            let mut buf = term::termcolor::Buffer::ansi();
            if term::emit_to_write_style(&mut buf, &config, &files, &cs).is_ok() {
                out.push_str(&String::from_utf8_lossy(buf.as_slice()));
                continue;
            }
        }
        match term::emit_into_string(&config, &files, &cs) {
            Ok(s) => out.push_str(&s),
            Err(_) => {
                out.push_str(&format!(
                    "{}[{}]: {}\n",
                    if d.is_error() { "error" } else { "warning" },
                    d.code,
                    cs.message
                ));
            }
        }
    }
    out
}
