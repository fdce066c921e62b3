//! Weights and curve constants of the lock-in score (`[defaults.lockin]`).
//! See `docs/methodology.md#lock-in-score-hotspots-and-the-vendor-aggregate` for the reasoning behind every value.
//!
//! The eight factor weights are the maximum points of each factor. They add
//! up to 100 by default; when a model overrides them so that they do not,
//! they are scaled proportionally so that the score stays within 0..100
//! ([`LockinWeights::factor_scale`]). The vendor weights work the same way
//! for the vendor aggregate. Negative values count as zero, and curve
//! constants that are not positive fall back to their default, so that no
//! override can make a score negative or divide by zero.

crate::params! {
    /// Maximum points of each lock-in factor, and the constants of their curves.
    LockinWeights {
        /// Closed stored formats, missing or closed-only export, data volume.
        data_portability: 20.0 => "maximum points for closed formats, missing export and data volume",
        /// Integrations to rebuild and systems and services that rely on it.
        interfaces: 10.0 => "maximum points for interfaces (proprietary ones count double) and dependents",
        /// No alternative known, or only alternatives under untrusted jurisdictions.
        alternatives: 10.0 => "maximum points when no trusted alternative is known",
        /// P80 switch time against the organisation's `switch_target`.
        switch_time: 20.0 => "maximum points for a P80 switch time far beyond switch_target",
        /// Long notice, automatic renewal, missing data retrieval period.
        contract_terms: 10.0 => "maximum points for long notice, auto-renewal and no data retrieval period",
        /// Operator, vendor and region outside the trusted jurisdictions.
        jurisdiction: 20.0 => "maximum points for operator, vendor and region outside the trusted set",
        /// Proprietary licence.
        licence: 5.0 => "points for a proprietary licence",
        /// Criticality of the system and of the services that need it.
        criticality: 5.0 => "maximum points for the highest criticality of the system and the services resting on it",
        /// Volume at which the volume part of data portability is full (log scale from 1 GB).
        volume_full_gb: 10000.0 => "data volume in GB at which the volume part of data portability is full (log10 scale from 1 GB)",
        /// Weighted interface count at which the integration part reaches half.
        integrations_half: 4.0 => "weighted interface count (proprietary count 2, open 1) at which the integration part is half full",
        /// Weighted dependent count at which the dependents part reaches half.
        dependents_half: 5.0 => "weighted dependents (direct 1, indirect 0.5) at which the dependents part is half full",
        /// Switch time (as a multiple of the target) that earns full points.
        switch_full_ratio: 4.0 => "P80 switch time, as a multiple of switch_target, that earns the full switch-time points",
        /// Notice period that earns the full notice part.
        notice_full_months: 6.0 => "notice period in months that earns the full notice part of the contract terms",
        /// Share of its score a system keeps in the hotspot ranking when nothing rests on it.
        impact_floor: 0.5 => "share of the lock-in score a system keeps in the hotspot ranking when nothing rests on it (hotspot = score x (floor + (1 - floor) x impact))",
        /// Vendor aggregate: points for the vendor's most locked-in system.
        vendor_systems: 60.0 => "vendor aggregate: maximum points for the lock-in score of the vendor's most locked-in system",
        /// Vendor aggregate: points for the vendor group's share of spend.
        vendor_spend: 20.0 => "vendor aggregate: maximum points for the vendor group's share of annual spend",
        /// Vendor aggregate: points for critical services it alone can take down.
        vendor_spof: 20.0 => "vendor aggregate: maximum points for the share of critical services it alone takes down",
        /// Spend share that earns the full spend points.
        vendor_spend_full_share: 0.5 => "share of annual spend (0..1) at which the vendor spend part is full",
    }
}

impl LockinWeights {
    /// The eight factor weights in report order, negative values as zero.
    pub fn factor_weights(&self) -> [(&'static str, f64); 8] {
        [
            ("data_portability", self.data_portability),
            ("interfaces", self.interfaces),
            ("alternatives", self.alternatives),
            ("switch_time", self.switch_time),
            ("contract_terms", self.contract_terms),
            ("jurisdiction", self.jurisdiction),
            ("licence", self.licence),
            ("criticality", self.criticality),
        ]
        .map(|(k, w)| (k, w.max(0.0)))
    }

    /// Factor by which weights are scaled so that they add up to 100
    /// (1 for the defaults; 0 when every weight is zero).
    pub fn factor_scale(&self) -> f64 {
        let sum: f64 = self.factor_weights().iter().map(|(_, w)| w).sum();
        if sum > 0.0 { 100.0 / sum } else { 0.0 }
    }

    /// The three vendor weights, negative values as zero, and their scale to 100.
    pub fn vendor_weights(&self) -> ([f64; 3], f64) {
        let w = [self.vendor_systems, self.vendor_spend, self.vendor_spof].map(|w| w.max(0.0));
        let sum: f64 = w.iter().sum();
        (w, if sum > 0.0 { 100.0 / sum } else { 0.0 })
    }

    /// A curve constant, falling back to its default when not positive.
    pub fn positive(value: f64, default: f64) -> f64 {
        if value > 0.0 && value.is_finite() {
            value
        } else {
            default
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_factor_weights_add_up_to_100_and_vendor_weights_too() {
        let w = LockinWeights::default();
        let sum: f64 = w.factor_weights().iter().map(|(_, w)| w).sum();
        assert_eq!(sum, 100.0);
        assert_eq!(w.factor_scale(), 1.0);
        let (v, scale) = w.vendor_weights();
        assert_eq!(v.iter().sum::<f64>(), 100.0);
        assert_eq!(scale, 1.0);
    }

    #[test]
    fn overridden_weights_are_scaled_to_100() {
        let w = LockinWeights {
            licence: 105.0,
            ..LockinWeights::default()
        };
        // 95 + 105 = 200 -> every weight counts half.
        assert_eq!(w.factor_scale(), 0.5);
    }
}
