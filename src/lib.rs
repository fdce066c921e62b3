#![recursion_limit = "256"]
//! exitgraph: how locked in an organisation is to its IT vendors, and how it gets out.
//!
//! The pipeline is `load -> validate -> graph -> analyse -> render`:
//!
//! - [`model`] reads the TOML landscape (systems, vendors, interfaces, formats,
//!   contracts, services, scenarios), keeps every value's position, and turns
//!   it into a validated [`model::Model`] with typed ids, or into diagnostics.
//! - [`graph`] builds the typed dependency graph over petgraph and answers
//!   structural questions (dependents, exposure along ownership chains).
//! - [`analysis`] holds one module per analysis; each is a pure function from
//!   the graph and its options to a `Serialize` report.
//! - [`render`] formats reports (terminal tables, JSON, CSV, DOT, SVG, HTML,
//!   Markdown, iCalendar) and never computes.
//! - `cli` (in the binary's library part) is the only place that prints or exits.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod generate;
pub mod graph;
pub mod interop;
pub mod model;
pub mod render;
