//! Helpers the formats share: a letter's dated events, status phrases and
//! Markdown escaping.

use crate::model::text::{count, with_weekday};
use crate::model::{Closing, Date, Extension, Holidays, Letter, Reply, Settings, Status};

/// Something that happened to a letter on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event<'a> {
    /// The date it happened.
    pub on: Date,
    /// What happened.
    pub kind: EventKind<'a>,
}

/// What happened to a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind<'a> {
    /// The letter was sent.
    Sent,
    /// A reply came back.
    Reply(&'a Reply),
    /// The deadline moved from `from` (the deadline in force just before).
    Extension(&'a Extension, Option<Date>),
    /// The matter was closed.
    Closed(&'a Closing),
    /// The matter was reopened: this closing ended.
    Reopened(&'a Closing),
}

/// The letter's events on or before `as_of` in date order: sending first, then
/// extensions, replies and the closing (the file's order within a kind).
pub fn events(letter: &Letter, as_of: Date) -> Vec<Event<'_>> {
    if !letter.is_sent(as_of) {
        return Vec::new();
    }
    let mut events = vec![Event {
        on: letter.sent,
        kind: EventKind::Sent,
    }];
    // Each extension moves the deadline from the one in force just before
    // it: the one granted before it (of two the same day, the earlier
    // listed), else the letter's own.
    let mut in_force = letter.due;
    events.extend(letter.extensions_as_of(as_of).into_iter().map(|e| {
        let before = in_force.replace(e.new_due);
        Event {
            on: e.granted_on,
            kind: EventKind::Extension(e, before),
        }
    }));
    events.extend(letter.replies_as_of(as_of).into_iter().map(|r| Event {
        on: r.on,
        kind: EventKind::Reply(r),
    }));
    for closing in letter.closings_by_date() {
        if closing.on <= as_of {
            events.push(Event {
                on: closing.on,
                kind: EventKind::Closed(closing),
            });
        }
        if let Some(on) = closing.reopened_on.filter(|&on| on <= as_of) {
            events.push(Event {
                on,
                kind: EventKind::Reopened(closing),
            });
        }
    }
    // A stable sort keeps sending, extensions, replies, closing on a shared day.
    events.sort_by_key(|e| e.on);
    events
}

/// The status of a letter as of a date, in words with its countdown:
/// `open, due 2017-08-18 (Fri), 8 days left (6 business days)`.
/// Counted under the docket's settings and calendar (`holidays`).
pub fn status_phrase(
    letter: &Letter,
    as_of: Date,
    settings: &Settings,
    holidays: &Holidays,
) -> String {
    let status = letter.status_with(as_of, settings);
    let due = letter.effective_due(as_of);
    let days = letter.days_left(as_of).unwrap_or(0);
    let business = letter.business_days_left(as_of, holidays).unwrap_or(0);
    let due_text = due.map(with_weekday).unwrap_or_default();
    match status {
        Status::Overdue => format!(
            "overdue, due {due_text}, {} late ({})",
            count(-days, "day"),
            count(-business, "business day")
        ),
        Status::DueToday => format!("due today, {due_text}"),
        Status::DueSoon | Status::Open => format!(
            "{}, due {due_text}, {} left ({})",
            status.label(),
            count(days, "day"),
            count(business, "business day")
        ),
        Status::Answered | Status::AnsweredLate => {
            let answer = letter.first_answer(as_of).map_or(String::new(), |r| {
                format!(" by {} on {} ({})", r.from, with_weekday(r.on), r.kind)
            });
            let when = if status == Status::Answered {
                "on time"
            } else {
                "late"
            };
            format!("answered {when}{answer}")
        }
        Status::Closed => {
            let on = letter
                .closed_as_of(as_of)
                .map_or(String::new(), |c| format!(" on {}", with_weekday(c.on)));
            format!("closed{on}")
        }
        Status::NoDeadline | Status::NotYetSent => status.label().to_owned(),
    }
}

/// Text for one line of Markdown: line breaks become spaces and the
/// characters that would start emphasis, code, links or HTML are escaped.
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    super::markdown::inline(out)
}

/// The text on one line: each run of line breaks becomes one space.
pub fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What happened, as a clause for Markdown: `sent by A to B; reply due
/// 2017-08-18 (Fri)`, `B replied (disputes): ...`.
pub(crate) fn event_md(letter: &Letter, event: &Event) -> String {
    let with_text = |head: String, text: &str| {
        if text.trim().is_empty() {
            head
        } else {
            format!("{head}: {}", md(text))
        }
    };
    match event.kind {
        EventKind::Sent => {
            let due = letter.due.map_or_else(
                || "no deadline".to_owned(),
                |d| format!("reply due {}", with_weekday(d)),
            );
            format!("sent by {} to {}; {due}", md(&letter.from), md(&letter.to))
        }
        EventKind::Reply(reply) => with_text(
            format!(
                "{} replied ({}, {})",
                md(&reply.from),
                reply.kind,
                md(&reply.id)
            ),
            &reply.summary,
        ),
        EventKind::Extension(extension, before) => {
            let from = before.map_or_else(String::new, |d| format!(" from {}", with_weekday(d)));
            with_text(
                format!(
                    "deadline extended{from} to {} ({})",
                    with_weekday(extension.new_due),
                    md(&extension.id)
                ),
                &extension.note,
            )
        }
        EventKind::Closed(closing) => {
            with_text(format!("closed ({})", md(&closing.id)), &closing.outcome)
        }
        EventKind::Reopened(closing) => format!(
            "reopened (closing {} of {})",
            md(&closing.id),
            with_weekday(closing.on)
        ),
    }
}

/// An id as inline code (or escaped text when it holds a backtick).
pub(crate) fn code(id: &str) -> String {
    if id.contains('`') || id.contains(['\r', '\n']) {
        md(id)
    } else {
        format!("`{id}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_is_escaped_and_on_one_line() {
        assert_eq!(
            md("a*b_c\r\n[d](e) <f> `g` \\ h|i"),
            "a\\*b\\_c \\[d\\](e) \\<f\\> \\`g\\` \\\\ h\\|i"
        );
        assert_eq!(one_line("a\n\nb\rc"), "a b c");
    }
}
