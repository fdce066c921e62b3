//! What the dates of a contract mean, in words: the action line of each
//! contract in the deadlines table, the review and the calendar
//! (`docs/methodology.md#decisions`).
//!
//! Each status gets its own sentence, so that no contract is called
//! "overdue" forever: "decide by D to leave on X", "next exit no longer
//! reachable: the earliest reachable exit is E if the switch starts by S",
//! "renewed on purpose until U", "ended on D".

use super::{Tr, say};
use crate::analysis::deadlines::{ContractDeadline, Status};
use crate::model::Intent;

impl Tr {
    /// The action line of a contract: what its status means and the dates
    /// to act on.
    pub fn contract_action(self, c: &ContractDeadline) -> String {
        let mut text = self.contract_status_text(c);
        if c.provider_notice_shorter
            && let Some(p) = c.provider_notice
        {
            text.push(' ');
            text.push_str(&say!(
                self,
                format!(
                    "Achtung: Der Anbieter kann mit {} kündigen, schneller als ein Wechsel ({}) dauert.",
                    self.duration_dative(p),
                    self.span(c.p80_days)
                ),
                format!(
                    "Note: the provider can end the contract with {} notice, sooner than a switch ({}) takes.",
                    self.duration(p),
                    self.span(c.p80_days)
                ),
            ));
        }
        text
    }

    fn contract_status_text(self, c: &ContractDeadline) -> String {
        let d = |x| self.odate(x);
        let took = self.span(c.p80_days);
        match c.status {
            Status::Ended => say!(
                self,
                format!("Beendet am {}; nichts mehr zu entscheiden.", d(c.ended_on)),
                format!("Ended on {}; nothing left to decide.", d(c.ended_on)),
            ),
            Status::Mandated => say!(
                self,
                "Deckt nur vorgeschriebene Systeme ab: nicht wählbar, kein Ausstieg zu planen."
                    .to_string(),
                "Covers only mandated systems: not a choice, no exit to plan.".to_string(),
            ),
            Status::Renewed => {
                let by = self.decided_by(c);
                match c.renewed_until {
                    Some(u) => say!(
                        self,
                        format!("Bewusst verlängert bis {}{by}.", self.date(u)),
                        format!("Renewed on purpose until {}{by}.", self.date(u)),
                    ),
                    None => say!(
                        self,
                        format!("Verlängerung beschlossen{by}; neues Vertragsende eintragen."),
                        format!("Renewal decided{by}; record the new end of the contract."),
                    ),
                }
            }
            Status::Leaving => {
                let by = self.decided_by(c);
                let notice = c
                    .notice_deadline
                    .map(|n| {
                        say!(
                            self,
                            format!("Kündigung bis {}; ", self.date(n)),
                            format!("give notice by {}; ", self.date(n)),
                        )
                    })
                    .unwrap_or_default();
                // The start of the switch may lie before the review date:
                // the decision was taken, the switch should be running.
                let started = c
                    .decision_deadline
                    .is_some_and(|x| c.act_by.is_some_and(|a| x < a));
                let start = if started {
                    say!(
                        self,
                        format!(
                            "der Wechsel ({took}) musste bis {} beginnen",
                            d(c.decision_deadline)
                        ),
                        format!(
                            "the switch ({took}) had to start by {}",
                            d(c.decision_deadline)
                        ),
                    )
                } else {
                    say!(
                        self,
                        format!("Wechsel ({took}) beginnen bis {}", d(c.decision_deadline)),
                        format!("start the switch ({took}) by {}", d(c.decision_deadline)),
                    )
                };
                say!(
                    self,
                    format!(
                        "Ausstieg beschlossen{by}, Ende zum {}: {notice}{start}.",
                        d(c.next_exit)
                    ),
                    format!(
                        "Exit decided{by}, leaving on {}: {notice}{start}.",
                        d(c.next_exit)
                    ),
                )
            }
            Status::Overdue => match c.feasible_exit {
                Some(f) => say!(
                    self,
                    format!(
                        "Das nächste Vertragsende ({}) ist nicht mehr erreichbar: frühestens zum {}, wenn der Wechsel ({took}) bis {} beginnt.",
                        d(c.next_exit),
                        self.date(f),
                        d(c.feasible_decision_deadline)
                    ),
                    format!(
                        "The next exit ({}) is no longer reachable: the earliest reachable exit is {} if the switch ({took}) starts by {}.",
                        d(c.next_exit),
                        self.date(f),
                        d(c.feasible_decision_deadline)
                    ),
                ),
                None if c.renewal.is_none() => say!(
                    self,
                    format!(
                        "Der Vertrag endet am {}, bevor ein Wechsel ({took}) fertig sein kann: verlängern oder eine Übergangslösung planen.",
                        d(c.next_exit)
                    ),
                    format!(
                        "The contract ends on {} before a switch ({took}) can finish: extend it or plan a bridge.",
                        d(c.next_exit)
                    ),
                ),
                None => say!(
                    self,
                    format!(
                        "Das nächste Vertragsende ({}) ist nicht mehr erreichbar, und kein späteres wurde gefunden.",
                        d(c.next_exit)
                    ),
                    format!(
                        "The next exit ({}) is no longer reachable, and no later one was found.",
                        d(c.next_exit)
                    ),
                ),
            },
            Status::Due | Status::Ok => {
                let notice = c
                    .notice_deadline
                    .map(|n| {
                        say!(
                            self,
                            format!("; Kündigung bis {}", self.date(n)),
                            format!("; give notice by {}", self.date(n)),
                        )
                    })
                    .unwrap_or_default();
                let review = c
                    .decision
                    .as_ref()
                    .filter(|x| x.intent == Intent::Review && x.current)
                    .map(|x| {
                        say!(
                            self,
                            format!(" In Prüfung seit {}.", self.date(x.decided)),
                            format!(" Under review since {}.", self.date(x.decided)),
                        )
                    })
                    .unwrap_or_default();
                say!(
                    self,
                    format!(
                        "Entscheiden bis {}, um zum {} auszusteigen (Wechsel: {took}){notice}.{review}",
                        d(c.decision_deadline),
                        d(c.next_exit)
                    ),
                    format!(
                        "Decide by {} to leave on {} (switch: {took}){notice}.{review}",
                        d(c.decision_deadline),
                        d(c.next_exit)
                    ),
                )
            }
        }
    }

    /// " (Beschluss des X vom D)" / " (decided by X on D)" of a contract's
    /// decision, empty without one.
    fn decided_by(self, c: &ContractDeadline) -> String {
        let Some(x) = &c.decision else {
            return String::new();
        };
        match &x.by {
            Some(by) => say!(
                self,
                format!(" (Beschluss: {by}, {})", self.date(x.decided)),
                format!(" (decided by {by} on {})", self.date(x.decided)),
            ),
            None => say!(
                self,
                format!(" (Beschluss vom {})", self.date(x.decided)),
                format!(" (decided on {})", self.date(x.decided)),
            ),
        }
    }
}
