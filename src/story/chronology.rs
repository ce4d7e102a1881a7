//! Every dated event across the docket in date order: letters sent and
//! received, replies, extensions, deadline days, closings and reopenings.

use super::deadline::{deadline_state, deadlines};
use crate::model::text::with_weekday;
use crate::model::{Date, Docket, Letter};

/// What happened; entries are indices into the letter's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    /// The letter was sent.
    Sent,
    /// The addressee received it.
    Received,
    /// A reply came back: `replies[i]`.
    Reply(u32),
    /// The deadline was extended: `extensions[i]`.
    Extension(u32),
    /// The letter was closed: `closings[i]`.
    Closed(u32),
    /// The letter was reopened: `closings[i]` ended.
    Reopened(u32),
    /// A day the letter was due (last of its day: what had become of it
    /// is told as of the end of the day).
    Deadline,
}

impl What {
    /// The kind, as tables, CSV and JSON name it.
    #[must_use]
    pub fn kind(self) -> &'static str {
        match self {
            What::Sent => "sent",
            What::Received => "received",
            What::Reply(_) => "reply",
            What::Extension(_) => "extension",
            What::Closed(_) => "closed",
            What::Reopened(_) => "reopened",
            What::Deadline => "deadline",
        }
    }
}

/// One dated event of one letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    /// The day it happened.
    pub on: Date,
    /// The letter, as an index into `Docket::letters`.
    pub letter: u32,
    /// What happened.
    pub what: What,
}

/// Every event of a docket, whatever its date, in date order (then by
/// letter id, then sending, receipt, replies, extensions, closings,
/// reopenings, deadline). Built once per docket; read as of any date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chronology {
    events: Vec<Event>,
}

impl Chronology {
    /// The events of `docket`.
    #[must_use]
    pub fn new(docket: &Docket) -> Self {
        let mut events = Vec::with_capacity(docket.letters.len() * 3);
        for (at, letter) in docket.letters.iter().enumerate() {
            let Ok(index) = u32::try_from(at) else { break };
            push_events(&mut events, index, letter);
        }
        // Letters are in id order and each pushes in kind order: the sort
        // on (day, letter, what) needs no string comparison.
        events.sort_unstable_by_key(|e| (e.on, e.letter, e.what));
        Chronology { events }
    }

    /// Every event, in order.
    #[must_use]
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// How many events are dated on or before `as_of` (they come first).
    #[must_use]
    pub fn past(&self, as_of: Date) -> usize {
        self.events.partition_point(|e| e.on <= as_of)
    }

    /// The events shown as of `as_of`, as indices into [`Self::events`]:
    /// those dated on or before it, then the deadlines after it that are
    /// in force as of it (what is dated later does not exist yet).
    #[must_use]
    pub fn shown(&self, docket: &Docket, as_of: Date) -> Vec<usize> {
        let past = self.past(as_of);
        let upcoming = (past..self.events.len()).filter(|&at| {
            let event = &self.events[at];
            event.what == What::Deadline
                && (docket.letters.get(event.letter as usize))
                    .is_some_and(|l| l.is_sent(as_of) && l.effective_due(as_of) == Some(event.on))
        });
        (0..past).chain(upcoming).collect()
    }
}

fn push_events(events: &mut Vec<Event>, letter: u32, l: &Letter) {
    let mut push = |on: Date, what: What| events.push(Event { on, letter, what });
    push(l.sent, What::Sent);
    if let Some(received) = l.received {
        push(received, What::Received);
    }
    for (i, reply) in (0u32..).zip(&l.replies) {
        push(reply.on, What::Reply(i));
    }
    for (i, extension) in (0u32..).zip(&l.extensions) {
        push(extension.granted_on, What::Extension(i));
    }
    for (i, closing) in (0u32..).zip(&l.closings) {
        push(closing.on, What::Closed(i));
        if let Some(on) = closing.reopened_on {
            push(on, What::Reopened(i));
        }
    }
    for day in deadlines(l) {
        push(day, What::Deadline);
    }
}

/// An event as people read it, as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventLine<'a> {
    /// The day.
    pub on: Date,
    /// The letter.
    pub letter: &'a Letter,
    /// The city's display name.
    pub city: &'a str,
    /// `sent`, `reply`, `deadline`...
    pub kind: &'static str,
    /// For a deadline, what had become of the letter by then
    /// (`answered`, `extended`...); for a reply, its kind; else empty.
    pub state: &'static str,
    /// What happened, in words (plain text, on one line or more as typed).
    pub text: String,
    /// Where it is from: the reply's source, or the letter's.
    pub source: Option<&'a str>,
    /// Dated after the as-of date (an upcoming deadline).
    pub upcoming: bool,
}

impl Event {
    /// The event in words as of `as_of`; `None` if its letter or entry
    /// is not in `docket` (a chronology of another docket).
    #[must_use]
    pub fn line<'a>(&self, docket: &'a Docket, as_of: Date) -> Option<EventLine<'a>> {
        let letter: &Letter = docket.letters.get(self.letter as usize)?;
        let at = |i: u32| i as usize;
        let (state, text, source): (&'static str, String, Option<&str>) = match self.what {
            What::Sent => {
                let due = letter.due.map_or_else(
                    || "no deadline".to_owned(),
                    |d| format!("reply due {}", with_weekday(d)),
                );
                let text = format!(
                    "{} to {}: {}; {due}",
                    letter.from, letter.to, letter.subject
                );
                ("", text, letter.source.as_deref())
            }
            What::Received => ("", format!("received by {}", letter.to), None),
            What::Reply(i) => {
                let reply = letter.replies.get(at(i))?;
                let head = format!("{} ({})", reply.from, reply.kind);
                let text = with_text(head, &reply.summary);
                (reply.kind.as_str(), text, reply.source.as_deref())
            }
            What::Extension(i) => {
                let extension = letter.extensions.get(at(i))?;
                let from = deadline_before(letter, at(i))
                    .map_or_else(String::new, |d| format!(" from {}", with_weekday(d)));
                let to = with_weekday(extension.new_due);
                let text = with_text(format!("deadline moved{from} to {to}"), &extension.note);
                ("", text, None)
            }
            What::Closed(i) => {
                let closing = letter.closings.get(at(i))?;
                let outcome = closing.outcome.trim();
                let text = if outcome.is_empty() {
                    "closed"
                } else {
                    outcome
                };
                ("", text.to_owned(), None)
            }
            What::Reopened(i) => {
                let closing = letter.closings.get(at(i))?;
                let text = format!("reopened after its closing of {}", with_weekday(closing.on));
                ("", text, None)
            }
            What::Deadline => {
                let state = deadline_state(letter, self.on, as_of);
                (state.word(), state.phrase(), None)
            }
        };
        Some(EventLine {
            on: self.on,
            letter,
            city: docket.city_name(&letter.city),
            kind: self.what.kind(),
            state,
            text,
            source,
            upcoming: self.on > as_of,
        })
    }
}

/// `head: text`, or `head` alone when there is no text.
fn with_text(head: String, text: &str) -> String {
    if text.trim().is_empty() {
        head
    } else {
        format!("{head}: {}", text.trim())
    }
}

/// The deadline in force just before the extension at `at` was granted:
/// the one granted before it (of two the same day, the earlier listed),
/// else the letter's own.
fn deadline_before(letter: &Letter, at: usize) -> Option<Date> {
    let mut order: Vec<usize> = (0..letter.extensions.len()).collect();
    order.sort_by_key(|&i| letter.extensions[i].granted_on);
    let position = order.iter().position(|&i| i == at)?;
    match position.checked_sub(1) {
        Some(previous) => Some(letter.extensions[order[previous]].new_due),
        None => letter.due,
    }
}
