//! Renderers: formatting of reports and graphs; no computation.

pub mod csv;
pub mod diff;
pub mod html;
pub mod i18n;
pub mod ics;
pub mod markdown;
pub mod page;
pub mod review;
pub mod text;
