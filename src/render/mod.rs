//! Renderers: formatting of reports and graphs; no computation.

pub mod text;
