//! Renderers: formatting of reports and graphs; no computation.

pub mod csv;
pub mod diff;
pub mod ics;
pub mod text;
pub mod chart;
pub mod diagram;
pub mod dot;
pub mod svg;
