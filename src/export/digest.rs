//! The Markdown digest of one day, for a cron job to mail: what was sent,
//! answered, extended and closed that day, what is due, what is overdue and
//! what falls due in the next seven days.

use crate::model::text::{count, with_weekday};
use crate::model::{Date, Docket, Holidays, Letter, Status};

use super::text::{code, event_md, md};
use super::{EventKind, events};
use crate::story::{deadline_state, due_on};

/// How far ahead the digest looks for deadlines.
pub const LOOKAHEAD_DAYS: i64 = 7;

/// The digest for `date`, everything computed as of that date. Each section
/// with nothing in it says so in one line.
pub fn to_digest(docket: &Docket, date: Date) -> String {
    let letters = letters_by_city(docket, date);
    let holidays = docket.holidays(date);
    let happened = |kind: fn(&EventKind) -> bool| on_the_day(docket, &letters, date, kind);
    let sections = [
        (
            "Sent",
            happened(|k| matches!(k, EventKind::Sent)),
            "Nothing was sent.",
        ),
        (
            "Replies received",
            happened(|k| matches!(k, EventKind::Reply(_))),
            "No replies were received.",
        ),
        (
            "Extensions granted",
            happened(|k| matches!(k, EventKind::Extension(..))),
            "No extensions were granted.",
        ),
        (
            "Closed",
            happened(|k| matches!(k, EventKind::Closed(_) | EventKind::Reopened(_))),
            "Nothing was closed.",
        ),
        (
            "Due today",
            due_today(docket, date),
            "Nothing is due today.",
        ),
        (
            "Overdue",
            overdue(docket, &letters, date, &holidays),
            "Nothing is overdue.",
        ),
        (
            "Due in the next seven days",
            due_ahead(docket, &letters, date, &holidays),
            "Nothing falls due in the next seven days.",
        ),
    ];
    let mut out = format!("# Digest for {}\n", date.format("%A %Y-%m-%d"));
    for (title, items, none) in sections {
        out.push_str(&format!("\n## {title}\n\n"));
        if title == "Due today" && !items.is_empty() {
            out.push_str(&due_summary(docket, date));
        }
        if items.is_empty() {
            out.push_str(none);
            out.push('\n');
        }
        for item in items {
            out.push_str(&format!("- {item}\n"));
        }
    }
    out
}

/// The events of one kind dated `date`, one line each (a letter sent that
/// day also gives its subject).
fn on_the_day(
    docket: &Docket,
    letters: &[&Letter],
    date: Date,
    kind: fn(&EventKind) -> bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    for letter in letters {
        for event in events(letter, date) {
            if event.on != date || !kind(&event.kind) {
                continue;
            }
            let subject = match event.kind {
                EventKind::Sent => format!("{}; ", md(&letter.subject)),
                _ => String::new(),
            };
            let what = event_md(letter, &event);
            lines.push(format!("{}{subject}{what}", head(docket, letter)));
        }
    }
    lines
}

/// The letters sent by `date`, by city name and then id.
fn letters_by_city(docket: &Docket, date: Date) -> Vec<&Letter> {
    let mut letters: Vec<&Letter> = (docket.letters.iter())
        .map(|l| &**l)
        .filter(|l| l.is_sent(date))
        .collect();
    letters.sort_by(|a, b| {
        (docket.city_name(&a.city), &a.id).cmp(&(docket.city_name(&b.city), &b.id))
    });
    letters
}

/// `**Baltimore** `baltimore-2017-08-03`: `
fn head(docket: &Docket, letter: &Letter) -> String {
    format!(
        "**{}** {}: ",
        md(docket.city_name(&letter.city)),
        code(&letter.id)
    )
}

/// Every letter due that day, by its own deadline or an extension's, and
/// what had become of it by then: answered, extended, closed or waiting.
fn due_today(docket: &Docket, date: Date) -> Vec<String> {
    (due_on(docket, date).into_iter())
        .map(|l| {
            let state = deadline_state(l, date, date).phrase();
            format!("{}{}; {}", head(docket, l), md(&l.subject), md(&state))
        })
        .collect()
}

/// `4 letters were due today: 1 answered, 1 extended, 1 closed, 1 not answered.`
fn due_summary(docket: &Docket, date: Date) -> String {
    let letters = due_on(docket, date);
    let states: Vec<&str> = (letters.iter())
        .map(|l| deadline_state(l, date, date).word())
        .collect();
    let parts: Vec<String> = [
        ("answered", "answered"),
        ("extended", "extended"),
        ("closed", "closed"),
        ("waiting", "not answered"),
    ]
    .into_iter()
    .filter_map(|(word, shown)| {
        let n = states.iter().filter(|s| **s == word).count();
        (n > 0).then(|| format!("{n} {shown}"))
    })
    .collect();
    let verb = if letters.len() == 1 { "was" } else { "were" };
    format!(
        "{} {verb} due today: {}.\n\n",
        count(letters.len() as i64, "letter"),
        parts.join(", ")
    )
}

/// Overdue letters, longest overdue first.
fn overdue(docket: &Docket, letters: &[&Letter], date: Date, holidays: &Holidays) -> Vec<String> {
    let mut late: Vec<(i64, &Letter)> = letters
        .iter()
        .filter(|l| l.status_with(date, &docket.settings) == Status::Overdue)
        .map(|l| (l.days_left(date).unwrap_or(0), *l))
        .collect();
    late.sort_by_key(|(days, _)| *days);
    late.into_iter()
        .map(|(days, l)| {
            let business = l.business_days_left(date, holidays).unwrap_or(0);
            let due = l.effective_due(date).map(with_weekday).unwrap_or_default();
            format!(
                "{}{}; due {due}, {} overdue ({})",
                head(docket, l),
                md(&l.subject),
                count(-days, "day"),
                count(-business, "business day")
            )
        })
        .collect()
}

/// Pending letters due 1 to 7 days after `date`, soonest first.
fn due_ahead(docket: &Docket, letters: &[&Letter], date: Date, holidays: &Holidays) -> Vec<String> {
    let mut ahead: Vec<(i64, &Letter)> = letters
        .iter()
        .filter(|l| l.status_with(date, &docket.settings).is_pending())
        .filter_map(|l| l.days_left(date).map(|days| (days, *l)))
        .filter(|(days, _)| (1..=LOOKAHEAD_DAYS).contains(days))
        .collect();
    ahead.sort_by_key(|(days, _)| *days);
    ahead
        .into_iter()
        .map(|(days, l)| {
            let business = l.business_days_left(date, holidays).unwrap_or(0);
            let due = l.effective_due(date).map(with_weekday).unwrap_or_default();
            format!(
                "{}{}; due {due}, {} left ({})",
                head(docket, l),
                md(&l.subject),
                count(days, "day"),
                count(business, "business day")
            )
        })
        .collect()
}
