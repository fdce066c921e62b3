//! Weights of the lock-in score (`[defaults.lockin]`). See
//! `docs/methodology.md`, "Lock-in score".

crate::params! {
    /// Maximum points of each lock-in factor.
    LockinWeights {
        data_portability: 20.0 => "maximum points for closed formats, missing export and data volume",
    }
}
