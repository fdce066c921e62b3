//! Renderers: formatting of reports and graphs; no computation.

pub mod chart;
pub mod csv;
pub mod diagram;
pub mod diff;
pub mod dot;
pub mod escape;
pub mod handbook;
pub mod html;
pub mod i18n;
pub mod ics;
pub mod markdown;
pub mod page;
pub mod pdf;
pub mod plan;
pub mod review;
pub mod simulation;
pub mod svg;
pub mod terminal;
pub mod text;
