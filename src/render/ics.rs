//! The contract deadlines as an RFC 5545 iCalendar file.
//!
//! For every contract with something to act on, up to three all-day
//! events: the notice deadline (renewing contracts), the decision deadline
//! (the last day to start the switch) and the exit day the two refer to
//! (`next_exit`; for a missed next exit, the earliest reachable one). A
//! contract renewed on purpose gets the notice deadline of the term its
//! renewal runs to: the day the decision must be taken again. Ended and
//! mandated contracts get none. Each event has display alarms 90 and 30
//! days before, unless that falls before the as-of date.
//!
//! Nothing is dated before the as-of date: the decision deadlines that have
//! passed are listed once, in one event on the as-of date (`as-of` UID).
//!
//! Re-importing next year's file must update the events instead of
//! duplicating them, and the same input must give the same bytes:
//!
//! - `UID` = `{contract}.{kind}@{organisation}.exitgraph` (kind `notice`,
//!   `decision` or `term-end`; the organisation's name reduced to
//!   `a-z0-9-`), so it stays the same across years;
//! - `DTSTAMP` = the as-of date at 00:00 UTC, and `SEQUENCE` = days from
//!   2000-01-01 to the as-of date, so a later review's file carries the
//!   higher sequence and wins;
//! - all-day events end on the next day (`DTEND` is exclusive).
//!
//! Every text from the model is cleaned first (`render::escape::ics`: no
//! control character, in particular no bare CR, reaches the file); escaping
//! of `\`, `;`, `,` and newlines is done by the `icalendar` crate. Its line folding can leave a continuation line of 76 octets (a
//! leading space plus 75), so the output is unfolded and folded again by
//! [`refold`]: at most 75 octets per line, never inside a UTF-8 character.

use crate::analysis::deadlines::{ContractDeadline, Deadlines, Status, notice_deadline};
use crate::model::Lang;
use crate::render::escape;
use crate::render::i18n::{Tr, say};
use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike, Property, Trigger};

/// The organisation's name as a UID domain part: lower case `a-z0-9`, other
/// runs of characters as one `-` (umlauts are transliterated).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let rep: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            _ => "",
        };
        if !rep.is_empty() {
            out.push_str(rep);
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let s = out.trim_matches('-').to_string();
    if s.is_empty() { "org".into() } else { s }
}

#[derive(Clone, Copy)]
enum Kind {
    Notice,
    Decision,
    TermEnd,
}

impl Kind {
    fn uid_part(self) -> &'static str {
        match self {
            Kind::Notice => "notice",
            Kind::Decision => "decision",
            Kind::TermEnd => "term-end",
        }
    }

    fn title(self, tr: Tr) -> &'static str {
        match self {
            Kind::Notice => tr.pick("Kündigungsfrist", "Notice deadline"),
            Kind::Decision => tr.pick(
                "Wechsel beginnen spätestens",
                "Start the switch by (decision deadline)",
            ),
            Kind::TermEnd => tr.pick("Vertragsende", "Contract ends"),
        }
    }
}

fn describe(c: &ContractDeadline, tr: Tr, currency: &str) -> String {
    let name = c.name.as_deref().unwrap_or(&c.id);
    let mut lines = vec![
        format!("{}: {name} ({})", tr.pick("Vertrag", "Contract"), c.id),
        format!(
            "{}: {} ({})",
            tr.pick("Anbieter", "Vendor"),
            c.vendor_name,
            c.vendor
        ),
    ];
    if let Some(a) = c.annual_cost {
        lines.push(format!(
            "{}: {}",
            tr.pick("Kosten pro Jahr", "Annual cost"),
            tr.money(a, currency)
        ));
    }
    if let Some(k) = c.exit_kind {
        lines.push(format!(
            "{}: {}",
            tr.pick("Art des Ausstiegs", "Exit by"),
            tr.exit_kind(k)
        ));
    }
    lines.push(tr.contract_action(c));
    if !c.systems.is_empty() {
        lines.push(format!(
            "{}: {}",
            tr.pick("Systeme", "Systems"),
            c.systems.join(", ")
        ));
    }
    for f in &c.data_act {
        lines.push(format!(
            "EU Data Act {}: {}",
            tr.article(f.article),
            tr.data_act_detail(&f.issue, currency)
        ));
    }
    escape::ics::text(&lines.join("\n"))
}

/// The dated events of one contract that lie on or after `as_of`: what to
/// act on (notice, start of the switch) and the exit day they refer to.
fn events(c: &ContractDeadline, as_of: NaiveDate) -> Vec<(Kind, NaiveDate)> {
    let exit_notice = |x: Option<NaiveDate>| {
        let x = x?;
        c.renewal.filter(|r| !r.is_zero())?;
        notice_deadline(x, c.notice)
    };
    let out = match c.status {
        Status::Ended | Status::Mandated => Vec::new(),
        // The renewal holds until `renewed_until`: the next decision is the
        // notice deadline for leaving then.
        Status::Renewed => vec![(Kind::Notice, exit_notice(c.renewed_until))],
        Status::Overdue => vec![
            (Kind::Notice, exit_notice(c.feasible_exit)),
            (Kind::Decision, c.feasible_decision_deadline),
            (Kind::TermEnd, c.feasible_exit.or(c.next_exit)),
        ],
        Status::Leaving | Status::Due | Status::Ok => vec![
            (Kind::Notice, c.notice_deadline),
            (Kind::Decision, c.decision_deadline),
            (Kind::TermEnd, c.next_exit),
        ],
    };
    out.into_iter()
        .filter_map(|(k, d)| d.filter(|d| *d >= as_of).map(|d| (k, d)))
        .collect()
}

/// The deadlines that passed before the as-of date: the start-by dates of
/// next exits that are no longer reachable.
fn missed(report: &Deadlines) -> Vec<&ContractDeadline> {
    report
        .contracts
        .iter()
        .filter(|c| c.status == Status::Overdue)
        .filter(|c| c.decision_deadline.is_some_and(|d| d < report.as_of))
        .collect()
}

/// Renders the deadlines as an iCalendar file (CRLF line ends) in memory:
/// [`write_calendar`] into a string.
pub fn calendar(report: &Deadlines, organisation: &str, lang: Lang, currency: &str) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_calendar(&mut out, report, organisation, lang, currency);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the deadlines as an iCalendar file (CRLF line ends) into `out`,
/// one event at a time, and returns the number of events. No event and no
/// alarm lies before the as-of date; deadlines that passed appear once, in
/// the description of an event on the as-of date.
pub fn write_calendar<W: std::io::Write + ?Sized>(
    out: &mut W,
    report: &Deadlines,
    organisation: &str,
    lang: Lang,
    currency: &str,
) -> std::io::Result<usize> {
    let tr = Tr::new(lang);
    let org = slug(organisation);
    let stamp = Utc.from_utc_datetime(&report.as_of.and_time(chrono::NaiveTime::MIN));
    let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(report.as_of);
    let stamp_text = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let sequence = (report.as_of - epoch)
        .num_days()
        .clamp(0, i64::from(u32::MAX)) as u32;
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        format!("-//exitgraph//exitgraph {}//EN", env!("CARGO_PKG_VERSION")),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(Property::new("METHOD", "PUBLISH"));
    let calname = say!(
        tr,
        format!("Vertragsfristen {organisation}"),
        format!("Contract deadlines {organisation}"),
    );
    cal.append_property(Property::new("X-WR-CALNAME", escape::ics::text(&calname)));
    // The calendar's head: its text without the closing line, which is
    // written after the events.
    let head = cal.done().to_string();
    let head = head.strip_suffix(END).unwrap_or(&head);
    out.write_all(refold(head).as_bytes())?;
    let mut events_written = 0;
    let missed = missed(report);
    if let Some(end) = report.as_of.succ_opt().filter(|_| !missed.is_empty()) {
        let mut lines = vec![say!(
            tr,
            format!(
                "Bis zum Stichtag {} verstrichene Entscheidungsfristen (das jeweils nächste Vertragsende ist nicht mehr erreichbar):",
                tr.date(report.as_of)
            ),
            format!(
                "Decision deadlines passed by the review date {} (the next exit of each is no longer reachable):",
                tr.date(report.as_of)
            ),
        )];
        for c in &missed {
            lines.push(format!(
                "- {}: {}",
                c.name.as_deref().unwrap_or(&c.id),
                tr.contract_action(c)
            ));
        }
        let summary = say!(
            tr,
            format!(
                "Vertragsfristen: {} verstrichen",
                tr.count(missed.len(), "Frist", "Fristen", "deadline", "deadlines")
            ),
            format!(
                "Contract deadlines: {} passed",
                tr.count(missed.len(), "Frist", "Fristen", "deadline", "deadlines")
            ),
        );
        let mut ev = Event::new();
        ev.uid(&format!("as-of@{org}.exitgraph"))
            .timestamp(stamp)
            .sequence(sequence)
            .summary(&escape::ics::text(&summary))
            .description(DESCRIPTION)
            .starts(report.as_of)
            .ends(end)
            .add_property("TRANSP", "TRANSPARENT")
            .add_property("CATEGORIES", "exitgraph");
        write_event(out, &ev.done(), &escape::ics::text(&lines.join("\n")))?;
        events_written += 1;
    }
    for c in &report.contracts {
        let name = c.name.as_deref().unwrap_or(&c.id);
        for (kind, date) in events(c, report.as_of) {
            let Some(end) = date.succ_opt() else { continue };
            let summary =
                escape::ics::text(&format!("{}: {name} ({})", kind.title(tr), c.vendor_name));
            let uid = format!("{}.{}@{org}.exitgraph", c.id, kind.uid_part());
            let mut ev = Event::new();
            ev.uid(&uid)
                .timestamp(stamp)
                .sequence(sequence)
                .summary(&summary)
                .description(DESCRIPTION)
                .starts(date)
                .ends(end)
                .add_property("TRANSP", "TRANSPARENT")
                .add_property("CATEGORIES", "exitgraph");
            for days in [90u32, 30] {
                // A reminder that would fire before the as-of date is left out.
                if date - chrono::Days::new(u64::from(days)) < report.as_of {
                    continue;
                }
                let text = say!(
                    tr,
                    format!("In {days} Tagen: {summary}"),
                    format!("In {days} days: {summary}"),
                );
                // The crate would add a random UID and the current time as
                // DTSTAMP to a component without them: set both. TRIGGER is
                // written as a day duration (`-P90D`) relative to the start.
                let mut alarm = Alarm::display(
                    &text,
                    Trigger::before_start(chrono::Duration::days(i64::from(days))),
                );
                alarm
                    .append_property(Property::new("TRIGGER", format!("-P{days}D")))
                    .append_property(Property::new(
                        "UID",
                        format!("{}.{}.alarm-{days}@{org}.exitgraph", c.id, kind.uid_part()),
                    ))
                    .append_property(Property::new("DTSTAMP", stamp_text.clone()));
                ev.alarm(alarm.done());
            }
            write_event(out, &ev.done(), &describe(c, tr, currency))?;
            events_written += 1;
        }
    }
    out.write_all(END.as_bytes())?;
    Ok(events_written)
}

/// The closing line of the calendar.
const END: &str = "END:VCALENDAR\r\n";

/// The value an event's `DESCRIPTION` carries while the `icalendar` crate
/// writes the event; [`write_event`] puts the real text in its place. The
/// crate folds a line in time quadratic in its length (it looks up each
/// fold position by counting characters from the start of the line), and
/// the description of the passed deadlines lists every overdue contract:
/// several megabytes in one line at 100,000 systems. The text is escaped
/// here as the crate escapes it ([`escape_text`]) and folded by [`refold`].
const DESCRIPTION: &str = "EXITGRAPH-DESCRIPTION";

/// Writes one event, its description put in place of [`DESCRIPTION`]
/// (the event's own property comes first: the crate writes properties in
/// the order of their names, before the alarms).
fn write_event<W: std::io::Write + ?Sized>(
    out: &mut W,
    event: &Event,
    description: &str,
) -> std::io::Result<()> {
    let text = event.to_string();
    let placeholder = format!("\r\nDESCRIPTION:{DESCRIPTION}\r\n");
    let text = match text.find(&placeholder) {
        Some(at) => {
            let mut t = String::with_capacity(text.len() + description.len() * 2);
            t.push_str(&text[..at]);
            t.push_str("\r\nDESCRIPTION:");
            t.push_str(&escape_text(description));
            t.push_str("\r\n");
            t.push_str(&text[at + placeholder.len()..]);
            t
        }
        None => text,
    };
    out.write_all(refold(&text).as_bytes())
}

/// Escapes a TEXT value as the `icalendar` crate does (RFC 5545, section
/// 3.3.11): backslash, comma, semicolon and line end.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Unfolds the content lines of an iCalendar text and folds them again at
/// 75 octets (RFC 5545, section 3.1): continuation lines start with one
/// space, so they carry at most 74 octets of content. Splits fall on UTF-8
/// character boundaries.
pub fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 20);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut rest = line;
        let mut room = LIMIT;
        loop {
            if rest.len() <= room {
                out.push_str(rest);
                out.push_str("\r\n");
                break;
            }
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = LIMIT - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refolding_keeps_lines_within_75_octets_and_characters_whole() {
        let long = format!("DESCRIPTION:{}\r\nEND:VEVENT\r\n", "ä".repeat(100));
        let out = refold(&long);
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        // Unfolding gives the original back.
        assert_eq!(out.replace("\r\n ", ""), long);
        // 12 octets of name + 31 umlauts (62 octets) fill the first line to 74.
        assert_eq!(out.split("\r\n").next().map(str::len), Some(74));
    }

    /// An event written with its description put in afterwards has the
    /// bytes the crate gives with the description set directly.
    #[test]
    fn descriptions_put_in_place_match_the_crate() {
        let text = format!("Vertrag: a\\b, c; d\nzweite Zeile {}", "ü,".repeat(60));
        let event = |description: &str| {
            let mut ev = Event::new();
            ev.uid("x@org.exitgraph")
                .timestamp(Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap())
                .summary("S; T, U")
                .description(description)
                .add_property("CATEGORIES", "exitgraph");
            ev.alarm(
                Alarm::display(
                    "In 30 Tagen",
                    Trigger::before_start(chrono::Duration::days(30)),
                )
                .append_property(Property::new("UID", "y@org.exitgraph"))
                .append_property(Property::new("DTSTAMP", "20261201T000000Z"))
                .done(),
            );
            ev.done()
        };
        let mut ours = Vec::new();
        write_event(&mut ours, &event(DESCRIPTION), &text).unwrap();
        let crate_text = refold(&event(&text).to_string());
        assert_eq!(String::from_utf8(ours).unwrap(), crate_text);
        assert!(crate_text.contains("DESCRIPTION:Vertrag: a\\\\b\\, c\\; d\\nzweite"));
    }

    #[test]
    fn slugs_are_uid_safe() {
        assert_eq!(slug("Stadt Musterstadt"), "stadt-musterstadt");
        assert_eq!(
            slug("Gemeinde Übersee, Kreis Süd"),
            "gemeinde-uebersee-kreis-sued"
        );
        assert_eq!(slug("!!!"), "org");
    }
}
