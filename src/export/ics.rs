//! The deadlines as an iCalendar file (RFC 5545), written by hand: one
//! all-day event per letter still waiting for an answer as of the date.
//!
//! The output is reproducible: the only timestamp, `DTSTAMP`, comes from the
//! data (the letter's latest event as of the date), never from the clock.

use crate::model::{Date, Docket, Letter, add_days, in_range};

use super::events;
use super::text::one_line;

/// Content lines are folded so that none is longer than this many octets.
const MAX_LINE_OCTETS: usize = 75;

/// How long before the deadline calendars remind.
pub const ALARM_TRIGGER: &str = "-P3D";

/// The calendar: a `VEVENT` for each letter whose deadline is pending as of
/// `as_of` (open, due soon, due today or overdue), in id order.
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
        .filter(|l| l.status(as_of).is_pending())
        .collect();
    letters.sort_by(|a, b| a.id.cmp(&b.id));
    for letter in letters {
        if let Some(due) = letter.effective_due(as_of) {
            push_event(&mut out, docket, letter, due, as_of);
        }
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// The title calendars show: `Reply due: Baltimore — <subject>`, on one line
/// (calendar programs refuse or mangle line breaks in a title).
pub fn summary(docket: &Docket, letter: &Letter) -> String {
    one_line(&format!(
        "Reply due: {} — {}",
        docket.city_name(&letter.city),
        letter.subject
    ))
}

fn push_event(out: &mut String, docket: &Docket, letter: &Letter, due: Date, as_of: Date) {
    let stamp = events(letter, as_of)
        .last()
        .map_or(letter.sent, |event| event.on);
    let summary = escape(&summary(docket, letter));
    // An all-day event without an end lasts its one day: the way to write
    // one due on the calendar's last day, whose next day has no date.
    let end = (add_days(due, 1).filter(|day| in_range(*day)))
        .map(|day_after| format!("DTEND;VALUE=DATE:{}", day_after.format("%Y%m%d")));
    let lines = [
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape(&format!("{}@docket", letter.id))),
        format!("DTSTAMP:{}T000000Z", stamp.format("%Y%m%d")),
        format!("SEQUENCE:{}", letter.extensions_as_of(as_of).len()),
        format!("DTSTART;VALUE=DATE:{}", due.format("%Y%m%d")),
    ]
    .into_iter()
    .chain(end)
    .chain([
        format!("SUMMARY:{summary}"),
        format!(
            "DESCRIPTION:{}",
            escape(&description(docket, letter, as_of))
        ),
        "TRANSP:TRANSPARENT".to_owned(),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{summary}"),
        format!("TRIGGER:{ALARM_TRIGGER}"),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
    ]);
    for line in lines {
        push_line(out, &line);
    }
}

/// The event's notes: parties, dates, demands and source, one per line.
fn description(docket: &Docket, letter: &Letter, as_of: Date) -> String {
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
