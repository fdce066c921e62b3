//! Analyses: one module per question, each a pure function from the graph
//! (and options such as the as-of date or a seed) to a `Serialize` report.
//! Analyses never print, read files or exit.

pub mod data_act;
pub mod propagate;
pub mod simulate;
pub mod switch;
