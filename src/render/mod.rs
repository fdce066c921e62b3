//! Renderers: formatting of reports and graphs; no computation.

pub mod chart;
pub mod csv;
pub mod diagram;
pub mod diff;
pub mod dot;
pub mod ics;
pub mod svg;
pub mod text;
