//! The words of the cut-off and recovery simulation in each language: cut
//! kinds, recovery paths, what a path waits for, why backups or data are
//! lost, why a contract is at risk, and points in time of a scenario
//! (used by the terminal output of `simulate` and the emergency handbook).
//!
//! Every translation matches its enum exhaustively, without a catch-all arm.

use super::{Tr, say};
use crate::analysis::simulate::{BackupLoss, Figure, Path, RiskReason, StrandedReason, Wait};
use crate::model::CutKind;

impl Tr {
    /// `Ausfall` / `outage`.
    pub fn cut_kind(self, k: CutKind) -> &'static str {
        match k {
            CutKind::Outage => self.pick("Ausfall", "outage"),
            CutKind::Loss => self.pick("Verlust", "loss"),
            CutKind::Withdrawal => self.pick("Wegfall", "withdrawal"),
        }
    }

    /// What a kind of cut means, in a phrase.
    pub fn cut_kind_meaning(self, k: CutKind) -> &'static str {
        match k {
            CutKind::Outage => self.pick(
                "kommt nach der Dauer von selbst wieder",
                "comes back by itself after the duration",
            ),
            CutKind::Loss => self.pick(
                "zerstört oder verschlüsselt, muss neu aufgebaut werden",
                "destroyed or encrypted, must be rebuilt",
            ),
            CutKind::Withdrawal => self.pick("fällt endgültig weg", "stops for good"),
        }
    }

    /// A recovery path: `Neustart` / `restart`.
    pub fn path(self, p: Path) -> &'static str {
        match p {
            Path::Restart => self.pick("Neustart", "restart"),
            Path::Backup => self.pick("Rücksicherung", "restore"),
            Path::Fallback => self.pick("Notlösung", "stop-gap"),
            Path::Switch => self.pick("Wechsel", "switch"),
        }
    }

    /// A recovery figure of a system.
    pub fn figure(self, f: Figure) -> &'static str {
        match f {
            Figure::Restart => self.pick("Wiederanlaufzeit", "restart time"),
            Figure::Restore => self.pick("Rücksicherungszeit", "restore time"),
            Figure::Rpo => self.pick("Datenverlust (RPO)", "data loss (RPO)"),
            Figure::Setup => self.pick("Aufbau der Notlösung", "stop-gap setup"),
            Figure::SwitchEstimate => {
                self.pick("Wechseldauer (geschätzt)", "switch time (estimated)")
            }
        }
    }

    /// What a path waits for, with the names the caller gives for ids.
    pub fn wait(self, w: &Wait, name: &dyn Fn(&str) -> String) -> String {
        match w {
            Wait::System(id) => say!(
                self,
                format!("wartet auf {}", name(id)),
                format!("waits for {}", name(id))
            ),
            Wait::Vendor(id) => say!(
                self,
                format!("wartet auf Anbieter {}", name(id)),
                format!("waits for vendor {}", name(id))
            ),
            Wait::Cut(_) => self
                .pick(
                    "wartet auf das Ende der Störung",
                    "waits for the incident to end",
                )
                .to_string(),
        }
    }

    /// Why a backup can no longer be restored.
    pub fn backup_loss(self, l: &BackupLoss) -> String {
        match l {
            BackupLoss::HolderCut { holder } => say!(
                self,
                format!("die Sicherung liegt beim Anbieter {holder}, der wegfällt"),
                format!("the backup is held by {holder}, which is cut off")
            ),
            BackupLoss::FormatVendorWithdrawn { vendor } => say!(
                self,
                format!("nur mit der Software des Anbieters {vendor} lesbar, der wegfällt"),
                format!("readable only with software of {vendor}, which is withdrawn")
            ),
            BackupLoss::BackupSystemLost { system } => say!(
                self,
                format!("das Sicherungssystem {system} ist verloren"),
                format!("the backup system {system} is lost")
            ),
            BackupLoss::BackupSystemDown { system } => say!(
                self,
                format!("das Sicherungssystem {system} kommt nicht wieder"),
                format!("the backup system {system} does not come back")
            ),
        }
    }

    /// Why data is stranded.
    pub fn stranded_reason(self, r: StrandedReason) -> &'static str {
        match r {
            StrandedReason::OperatorCut => self.pick(
                "Betreiber fällt weg, keine erreichbare Sicherung",
                "operator cut off, no backup within reach",
            ),
            StrandedReason::BackupFormat => self.pick(
                "Sicherungen im Format eines wegfallenden Herstellers",
                "backups in the format of a withdrawn vendor",
            ),
        }
    }

    /// Why a contract is at risk.
    pub fn risk_reason(self, r: &RiskReason) -> String {
        match r {
            RiskReason::VendorCut => self.pick("Anbieter fällt weg", "vendor cut off").into(),
            RiskReason::CoversAffected { systems } => say!(
                self,
                format!("deckt betroffene Systeme ab: {}", systems.join(", ")),
                format!("covers affected systems: {}", systems.join(", "))
            ),
        }
    }

    /// When something stops after a cut, on whole days (day 0 is the day of
    /// the cut): `sofort`, `nach 1 Tag`, `nach 30 Tagen` / `at once`,
    /// `after 30 days`.
    pub fn after_cut(self, day: u32) -> String {
        match day {
            0 => self.pick("sofort", "at once").to_string(),
            d => say!(
                self,
                format!(
                    "nach {}",
                    self.unit(f64::from(d), "Tag", "Tagen", "day", "days")
                ),
                format!(
                    "after {}",
                    self.unit(f64::from(d), "Tag", "Tagen", "day", "days")
                )
            ),
        }
    }

    /// A point in time of a scenario, counted from the cut: `sofort`,
    /// `Stunde 4` below two days, else `Tag 3` (day numbers start at 0).
    pub fn at_hour(self, h: f64) -> String {
        if h <= 0.0 {
            self.pick("sofort", "at once").to_string()
        } else if h < 48.0 {
            let n = h.ceil() as i64;
            say!(
                self,
                format!("Stunde {}", self.int(n)),
                format!("hour {}", self.int(n))
            )
        } else {
            let d = (h / 24.0).floor() as i64;
            say!(
                self,
                format!("Tag {}", self.int(d)),
                format!("day {}", self.int(d))
            )
        }
    }

    /// A point in time with its hour from day 2 on: `Stunde 30`, `Tag 4
    /// (Stunde 97)`, for timelines where several events share a day.
    pub fn at_hour_exact(self, h: f64) -> String {
        if h < 48.0 {
            return self.at_hour(h);
        }
        let n = h.ceil() as i64;
        say!(
            self,
            format!("{} (Stunde {})", self.at_hour(h), self.int(n)),
            format!("{} (hour {})", self.at_hour(h), self.int(n))
        )
    }

    /// A length of time in hours, as a planner reads it: hours below two
    /// days, days and hours below two weeks (`3 Tage 2 Stunden`), else as
    /// [`Tr::span`]. Hours are rounded up.
    pub fn hours(self, h: f64) -> String {
        self.hours_in(h, false)
    }

    /// As [`Tr::hours`], in the German dative after "nach" / "after".
    pub fn hours_dative(self, h: f64) -> String {
        self.hours_in(h, true)
    }

    fn hours_in(self, h: f64, dative: bool) -> String {
        let h = if h.is_finite() { h.max(0.0) } else { 0.0 };
        let hours = |n: f64| self.unit(n, "Stunde", "Stunden", "hour", "hours");
        if h < 48.0 {
            return hours(h.ceil());
        }
        if h < 14.0 * 24.0 {
            let mut d = (h / 24.0).floor();
            let mut r = (h - d * 24.0).ceil();
            if r >= 24.0 {
                d += 1.0;
                r = 0.0;
            }
            let days = if dative {
                self.unit(d, "Tag", "Tagen", "day", "days")
            } else {
                self.unit(d, "Tag", "Tage", "day", "days")
            };
            return if r > 0.0 {
                format!("{days} {}", hours(r))
            } else {
                days
            };
        }
        if dative {
            self.span_dative(h / 24.0)
        } else {
            self.span(h / 24.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    const DE: Tr = Tr::new(Lang::De);
    const EN: Tr = Tr::new(Lang::En);

    #[test]
    fn points_in_time_read_in_hours_then_days() {
        assert_eq!(DE.at_hour(0.0), "sofort");
        assert_eq!(EN.at_hour(4.0), "hour 4");
        assert_eq!(DE.at_hour(47.5), "Stunde 48");
        assert_eq!(EN.at_hour(72.0), "day 3");
        assert_eq!(DE.at_hour(720.0), "Tag 30");
        assert_eq!(DE.at_hour_exact(97.0), "Tag 4 (Stunde 97)");
        assert_eq!(EN.at_hour_exact(30.0), "hour 30");
        assert_eq!(EN.hours(4.0), "4 hours");
        assert_eq!(DE.hours(74.0), "3 Tage 2 Stunden");
        assert_eq!(DE.hours_dative(74.0), "3 Tagen 2 Stunden");
        assert_eq!(EN.hours(72.0), "3 days");
        assert_eq!(EN.hours(71.5), "3 days");
        assert_eq!(DE.hours(20.0 * 24.0), "20 Tage");
        assert_eq!(DE.hours_dative(305.0 * 24.0), "10 Monaten");
    }
}
