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
use icalendar::{Calendar, Property};

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
    let mut buf = String::new();
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
        let uid = format!("as-of@{org}.exitgraph");
        let ev = EventText {
            uid: &uid,
            stamp: &stamp_text,
            sequence,
            summary: &escape::ics::text(&summary),
            description: &escape::ics::text(&lines.join("\n")),
            date: report.as_of,
            end,
            alarms: &[],
        };
        ev.write(&mut buf);
        out.write_all(buf.as_bytes())?;
        events_written += 1;
    }
    for c in &report.contracts {
        let name = c.name.as_deref().unwrap_or(&c.id);
        let dated = events(c, report.as_of);
        if dated.is_empty() {
            continue;
        }
        // One description for the contract's events.
        let description = describe(c, tr, currency);
        for (kind, date) in dated {
            let Some(end) = date.succ_opt() else { continue };
            let summary =
                escape::ics::text(&format!("{}: {name} ({})", kind.title(tr), c.vendor_name));
            let uid = format!("{}.{}@{org}.exitgraph", c.id, kind.uid_part());
            let mut alarms = Vec::new();
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
                let uid = format!("{}.{}.alarm-{days}@{org}.exitgraph", c.id, kind.uid_part());
                alarms.push((days, text, uid));
            }
            let ev = EventText {
                uid: &uid,
                stamp: &stamp_text,
                sequence,
                summary: &summary,
                description: &description,
                date,
                end,
                alarms: &alarms,
            };
            ev.write(&mut buf);
            out.write_all(buf.as_bytes())?;
            events_written += 1;
        }
    }
    out.write_all(END.as_bytes())?;
    Ok(events_written)
}

/// The closing line of the calendar.
const END: &str = "END:VCALENDAR\r\n";

/// One event of the calendar, written as the `icalendar` crate writes an
/// [`Event`] with these properties (properties in the order of their
/// names, then the alarms; TEXT values escaped). The events are written
/// here, not through the crate, because the crate builds a map of owned
/// properties for each event and folds a line in time quadratic in its
/// length (it finds each fold position by counting characters from the
/// start of the line): the description of the passed deadlines lists every
/// overdue contract, several megabytes in one line at 100,000 systems. A
/// unit test compares the two.
struct EventText<'a> {
    uid: &'a str,
    /// DTSTAMP, `YYYYMMDDTHHMMSSZ`.
    stamp: &'a str,
    sequence: u32,
    /// Cleaned text (`escape::ics::text`), escaped here.
    summary: &'a str,
    /// Cleaned text, escaped here.
    description: &'a str,
    /// The all-day event's day and the next day (DTEND is exclusive).
    date: NaiveDate,
    end: NaiveDate,
    /// Display alarms: days before the start, text, UID.
    alarms: &'a [(u32, String, String)],
}

impl EventText<'_> {
    /// The event's content lines, folded, into `out` (cleared first).
    fn write(&self, out: &mut String) {
        out.clear();
        let mut line = String::new();
        let mut put = |out: &mut String, name: &str, value: &str, text: bool| {
            line.clear();
            line.push_str(name);
            line.push(':');
            if text {
                escape_text_into(&mut line, value);
            } else {
                line.push_str(value);
            }
            fold_into(out, &line);
        };
        let date = |d: NaiveDate| d.format("%Y%m%d").to_string();
        put(out, "BEGIN", "VEVENT", false);
        // CATEGORIES is a list: the crate does not escape it.
        put(out, "CATEGORIES", "exitgraph", false);
        put(out, "DESCRIPTION", self.description, true);
        put(out, "DTEND;VALUE=DATE", &date(self.end), false);
        put(out, "DTSTAMP", self.stamp, false);
        put(out, "DTSTART;VALUE=DATE", &date(self.date), false);
        put(out, "SEQUENCE", &self.sequence.to_string(), false);
        put(out, "SUMMARY", self.summary, true);
        put(out, "TRANSP", "TRANSPARENT", true);
        put(out, "UID", self.uid, true);
        for (days, text, uid) in self.alarms {
            put(out, "BEGIN", "VALARM", false);
            put(out, "ACTION", "DISPLAY", true);
            put(out, "DESCRIPTION", text, true);
            put(out, "DTSTAMP", self.stamp, false);
            // A day duration relative to the start.
            put(out, "TRIGGER", &format!("-P{days}D"), false);
            put(out, "UID", uid, true);
            put(out, "END", "VALARM", false);
        }
        put(out, "END", "VEVENT", false);
    }
}

/// Escapes a TEXT value as the `icalendar` crate does (RFC 5545, section
/// 3.3.11): backslash, comma, semicolon and line end.
fn escape_text_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

/// Unfolds the content lines of an iCalendar text and folds them again at
/// 75 octets (RFC 5545, section 3.1): continuation lines start with one
/// space, so they carry at most 74 octets of content. Splits fall on UTF-8
/// character boundaries.
pub fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 20);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        fold_into(&mut out, line);
    }
    out
}

/// One content line (without its line end) folded at 75 octets into
/// `out`, with its line end: continuation lines start with one space, so
/// they carry at most 74 octets of content. Splits fall on UTF-8 character
/// boundaries.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
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

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::{Alarm, Component, Event, EventLike, Trigger};

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

    /// An event written here has the bytes the `icalendar` crate writes
    /// for the same event (folded again by [`refold`]), escapes, long
    /// lines, umlauts and alarms included.
    #[test]
    fn events_are_written_as_the_crate_writes_them() {
        let description = format!("Vertrag: a\\b, c; d\nzweite Zeile {}", "ü,".repeat(60));
        let summary = format!("Kündigungsfrist: S; T, U \\ {}", "x".repeat(80));
        let stamp = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let stamp_text = "20261201T000000Z";
        let date = NaiveDate::from_ymd_opt(2027, 3, 31).unwrap();
        let end = NaiveDate::from_ymd_opt(2027, 4, 1).unwrap();
        let alarms: Vec<(u32, String, String)> = [90u32, 30]
            .into_iter()
            .map(|d| {
                (
                    d,
                    format!("In {d} Tagen: {summary}"),
                    format!("ct-1.notice.alarm-{d}@org,x.exitgraph"),
                )
            })
            .collect();
        let mut ev = Event::new();
        ev.uid("ct-1.notice@org;x.exitgraph")
            .timestamp(stamp)
            .sequence(9831)
            .summary(&summary)
            .description(&description)
            .starts(date)
            .ends(end)
            .add_property("TRANSP", "TRANSPARENT")
            .add_property("CATEGORIES", "exitgraph");
        for (days, text, uid) in &alarms {
            let mut alarm = Alarm::display(
                text,
                Trigger::before_start(chrono::Duration::days(i64::from(*days))),
            );
            alarm
                .append_property(Property::new("TRIGGER", format!("-P{days}D")))
                .append_property(Property::new("UID", uid.as_str()))
                .append_property(Property::new("DTSTAMP", stamp_text));
            ev.alarm(alarm.done());
        }
        let by_crate = refold(&ev.done().to_string());
        let mut ours = String::new();
        EventText {
            uid: "ct-1.notice@org;x.exitgraph",
            stamp: stamp_text,
            sequence: 9831,
            summary: &summary,
            description: &description,
            date,
            end,
            alarms: &alarms,
        }
        .write(&mut ours);
        assert_eq!(ours, by_crate);
        assert!(ours.contains("DESCRIPTION:Vertrag: a\\\\b\\, c\\; d\\nzweite"));
        assert!(ours.contains("UID:ct-1.notice@org\\;x.exitgraph\r\n"));
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
