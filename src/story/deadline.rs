//! A deadline day: each date a letter was due (its own due date and each
//! extension's), and what had become of the letter by that day.

use crate::model::text::with_weekday;
use crate::model::{Closing, Date, Docket, Letter, Reply};

/// What had become of a letter by one of its deadline days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineState<'a> {
    /// The day is after the as-of date: it is still ahead.
    Upcoming,
    /// Due that day, not answered, not closed, not extended.
    Waiting,
    /// Answered on or before the day, by this reply.
    Answered(&'a Reply),
    /// The deadline had moved: extended on `on` to `to`.
    Extended {
        /// The day the extension in force was granted.
        on: Date,
        /// The deadline it set.
        to: Date,
    },
    /// Closed on or before the day.
    Closed(&'a Closing),
}

impl DeadlineState<'_> {
    /// One word for tables, CSV and JSON.
    #[must_use]
    pub fn word(&self) -> &'static str {
        match self {
            DeadlineState::Upcoming => "upcoming",
            DeadlineState::Waiting => "waiting",
            DeadlineState::Answered(_) => "answered",
            DeadlineState::Extended { .. } => "extended",
            DeadlineState::Closed(_) => "closed",
        }
    }

    /// What the state says, as a clause: `answered on 2017-08-18 (Fri)
    /// (disputes)`, `extended on ... to ...`, `no answer as of that day`.
    #[must_use]
    pub fn phrase(&self) -> String {
        match self {
            DeadlineState::Upcoming => "reply due".to_owned(),
            DeadlineState::Waiting => "no answer as of that day".to_owned(),
            DeadlineState::Answered(reply) => {
                format!("answered on {} ({})", with_weekday(reply.on), reply.kind)
            }
            DeadlineState::Extended { on, to } => {
                format!("extended on {} to {}", with_weekday(*on), with_weekday(*to))
            }
            DeadlineState::Closed(closing) => format!("closed on {}", with_weekday(closing.on)),
        }
    }
}

/// Every date the letter was due: its own due date and each extension's new
/// one, in order, each once.
#[must_use]
pub fn deadlines(letter: &Letter) -> Vec<Date> {
    let mut days: Vec<Date> = (letter.due.into_iter())
        .chain(letter.extensions.iter().map(|e| e.new_due))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// What had become of `letter` by its deadline `day`, seen as of `as_of`
/// (a day after it is [`DeadlineState::Upcoming`]). The rules are the
/// status's: a closing first, then an answer, then the deadline in force.
#[must_use]
pub fn deadline_state(letter: &Letter, day: Date, as_of: Date) -> DeadlineState<'_> {
    if day > as_of {
        return DeadlineState::Upcoming;
    }
    if let Some(closing) = letter.closed_as_of(day) {
        return DeadlineState::Closed(closing);
    }
    if let Some(reply) = letter.first_answer(day) {
        return DeadlineState::Answered(reply);
    }
    match (
        letter.effective_due(day),
        letter.extensions_as_of(day).last(),
    ) {
        (Some(due), Some(extension)) if due != day => DeadlineState::Extended {
            on: extension.granted_on,
            to: due,
        },
        _ => DeadlineState::Waiting,
    }
}

/// The letters sent by `day` that were due that day (by their own due date
/// or an extension granted by then), by city name and id.
#[must_use]
pub fn due_on(docket: &Docket, day: Date) -> Vec<&Letter> {
    let mut letters: Vec<&Letter> = (docket.letters.iter())
        .map(|l| &**l)
        .filter(|l| l.is_sent(day))
        .filter(|l| {
            l.due == Some(day)
                || (l.extensions.iter()).any(|e| e.new_due == day && e.granted_on <= day)
        })
        .collect();
    letters.sort_by(|a, b| {
        (docket.city_name(&a.city), &a.id).cmp(&(docket.city_name(&b.city), &b.id))
    });
    letters
}
