//! Coefficients of the parametric switch-time and switch-cost model
//! (`[defaults.switch]`). See `docs/methodology.md`, "Switch-time estimate".

crate::params! {
    /// Coefficients of the switch-time and switch-cost estimate.
    SwitchParams {
        base_days: 60.0 => "base project time of a switch in days when the category has no own base",
        optimistic_factor: 0.7 => "optimistic estimate as a share of the likely one",
        pessimistic_factor: 1.8 => "pessimistic estimate as a multiple of the likely one",
    }
}
