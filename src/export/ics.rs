//! The deadlines as an iCalendar file (RFC 5545), written by hand: one
//! all-day event per letter that had a deadline as of the date.
//!
//! Calendars stay in sync with it: a letter keeps its event, under the same
//! `UID`, for as long as it has a deadline. Once answered or closed its
//! event is `STATUS:CANCELLED` rather than gone, so a calendar that
//! imported an earlier file drops the reminder instead of keeping it; each
//! change that matters (a reply, an extension, a closing or reopening)
//! raises the `SEQUENCE`, so a calendar takes the newer event over the
//! older.
//!
//! The output is reproducible: the only timestamp, `DTSTAMP`, comes from the
//! data (the letter's latest event as of the date), never from the clock.

use crate::model::{Date, Docket, Holidays, Letter, Status, add_days, in_range};

use super::events;
use super::text::{EventKind, one_line};

/// Content lines are folded so that none is longer than this many octets.
const MAX_LINE_OCTETS: usize = 75;

/// The calendar: a `VEVENT` for each letter sent by `as_of` that has a
/// deadline as of then, in id order: pending ones confirmed with their
/// reminders (the docket's `reminders` setting), answered and closed ones
/// cancelled.
pub fn to_ics(docket: &Docket, as_of: Date) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//docket//docket deadlines//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:docket deadlines",
    ] {
        push_line(&mut out, line);
    }
    let mut letters: Vec<&Letter> = docket
        .letters
        .iter()
        .map(|l| &**l)
        .filter(|l| l.is_sent(as_of))
        .collect();
    letters.sort_by(|a, b| a.id.cmp(&b.id));
    let holidays = docket.holidays(as_of);
    for letter in letters {
        if let Some(due) = letter.effective_due(as_of) {
            push_event(&mut out, (docket, &holidays), letter, due, as_of);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// The event's `SEQUENCE`: how many replies, extensions, closings and
/// reopenings the letter had by `as_of`. Each raises it; the same docket
/// gives the same number.
pub fn sequence(letter: &Letter, as_of: Date) -> usize {
    events(letter, as_of)
        .iter()
        .filter(|event| !matches!(event.kind, EventKind::Sent))
        .count()
}

/// The reminders' triggers, from the docket's `reminders` (days before
/// the deadline; a negative number is days after), each once, earliest
/// first.
pub fn alarm_triggers(reminders: &[i64]) -> Vec<String> {
    let mut days = reminders.to_vec();
    days.sort_unstable_by(|a, b| b.cmp(a));
    days.dedup();
    days.into_iter()
        .map(|days| {
            if days >= 0 {
                format!("-P{days}D")
            } else {
                format!("P{}D", days.unsigned_abs())
            }
        })
        .collect()
}

/// The title calendars show: `Reply due: Baltimore — <subject>`, on one line
/// (calendar programs refuse or mangle line breaks in a title).
pub fn summary(docket: &Docket, letter: &Letter) -> String {
    one_line(&format!("Reply due: {}", title_tail(docket, letter)))
}

fn push_event(
    out: &mut String,
    (docket, holidays): (&Docket, &Holidays),
    letter: &Letter,
    due: Date,
    as_of: Date,
) {
    let stamp = events(letter, as_of)
        .last()
        .map_or(letter.sent, |event| event.on);
    let status = letter.status(as_of);
    let pending = status.is_pending();
    let title = match status {
        Status::Answered | Status::AnsweredLate => {
            format!("Answered: {}", title_tail(docket, letter))
        }
        Status::Closed => format!("Closed: {}", title_tail(docket, letter)),
        _ => summary(docket, letter),
    };
    let title = escape(&one_line(&title));
    // An all-day event without an end lasts its one day: the way to write
    // one due on the calendar's last day, whose next day has no date.
    let end = (add_days(due, 1).filter(|day| in_range(*day)))
        .map(|day_after| format!("DTEND;VALUE=DATE:{}", day_after.format("%Y%m%d")));
    let mut lines: Vec<String> = [
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape(&format!("{}@docket", letter.id))),
        format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")),
        format!("SEQUENCE:{}", sequence(letter, as_of)),
        format!("DTSTART;VALUE=DATE:{}", due.format("%Y%m%d")),
    ]
    .into_iter()
    .chain(end)
    .chain([
        format!("SUMMARY:{title}"),
        format!(
            "DESCRIPTION:{}",
            escape(&description(docket, letter, as_of, holidays))
        ),
        format!("STATUS:{}", if pending { "CONFIRMED" } else { "CANCELLED" }),
        "TRANSP:TRANSPARENT".to_owned(),
    ])
    .collect();
    // A cancelled deadline reminds no one.
    if pending {
        for trigger in alarm_triggers(&docket.settings.reminders) {
            lines.extend([
                "BEGIN:VALARM".to_owned(),
                "ACTION:DISPLAY".to_owned(),
                format!("DESCRIPTION:{title}"),
                format!("TRIGGER:{trigger}"),
                "END:VALARM".to_owned(),
            ]);
        }
    }
    lines.push("END:VEVENT".to_owned());
    for line in lines {
        push_line(out, &line);
    }
}

/// `Baltimore — <subject>`.
fn title_tail(docket: &Docket, letter: &Letter) -> String {
    format!("{} — {}", docket.city_name(&letter.city), letter.subject)
}

/// The event's notes: parties, dates, demands and source, one per line.
fn description(docket: &Docket, letter: &Letter, as_of: Date, holidays: &Holidays) -> String {
    let mut text = String::new();
    let mut line = |label: &str, value: &str| {
        text.push_str(label);
        text.push_str(value);
        text.push('\n');
    };
    let city = docket.city(&letter.city);
    let state = city.map_or(String::new(), |c| format!(", {}", c.state));
    line(
        "City: ",
        &format!("{}{state}", docket.city_name(&letter.city)),
    );
    line("From: ", &letter.from);
    line("To: ", &letter.to);
    line("Subject: ", &letter.subject);
    if let Some(program) = &letter.program {
        line("Program: ", program);
    }
    line("Sent: ", &letter.sent.to_string());
    let due = letter.effective_due(as_of);
    match (letter.due, due) {
        (Some(original), Some(due)) if original != due => {
            line("Due: ", &format!("{due} (extended from {original})"));
        }
        (_, Some(due)) => line("Due: ", &due.to_string()),
        _ => {}
    }
    if !letter.demands.is_empty() {
        line("Demands:", "");
        for demand in &letter.demands {
            line("- ", demand);
        }
    }
    if let Some(source) = &letter.source {
        line("Source: ", source);
    }
    // How it ended, which stays true on later dates (a countdown would not).
    let settings = &docket.settings;
    if !letter.status_with(as_of, settings).is_pending() {
        line(
            "Status: ",
            &super::status_phrase(letter, as_of, settings, holidays),
        );
    }
    line("Letter: ", &letter.id);
    text.pop();
    text
}

/// Escapes TEXT as RFC 5545 section 3.3.11 asks: backslash, semicolon, comma
/// and line breaks; other control characters are not allowed and are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded at 75 octets without splitting a UTF-8
/// character, each physical line ended by CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = String::new();
        push_line(&mut out, line);
        out
    }

    #[test]
    fn reminders_follow_the_settings() {
        assert_eq!(alarm_triggers(&[3]), ["-P3D"]);
        assert_eq!(
            alarm_triggers(&[1, 7, 3, 7, 0]),
            ["-P7D", "-P3D", "-P1D", "-P0D"]
        );
        assert_eq!(alarm_triggers(&[-2]), ["P2D"]);
        assert!(alarm_triggers(&[]).is_empty());
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne\r\nf\rg"), "a\\,b\\;c\\\\d\\ne\\nf\\ng");
        assert_eq!(escape("bell\u{7}\ttab é"), "bell\ttab é");
    }

    #[test]
    fn short_lines_are_not_folded() {
        let line = "x".repeat(75);
        assert_eq!(folded(&line), format!("{line}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let line = "x".repeat(200);
        let out = folded(&line);
        let physical: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(physical.len(), 3);
        assert_eq!(physical[0].len(), 75);
        assert_eq!(physical[1].len(), 75);
        assert!(physical[1].starts_with(' '));
        assert_eq!(out.replace("\r\n ", "").trim_end(), line);
    }

    #[test]
    fn folding_never_splits_a_character() {
        // 'é' is two octets and '€' three: every offset of a fold is tried.
        for prefix in 0..4 {
            let line = format!("{}{}", "x".repeat(prefix), "é€".repeat(40));
            let out = folded(&line);
            for physical in out.split("\r\n") {
                assert!(physical.len() <= 75, "{physical:?}");
            }
            assert_eq!(out.replace("\r\n ", "").trim_end(), line);
        }
    }
}
