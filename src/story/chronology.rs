//! Every dated event across the docket in date order: letters sent and
//! received, replies, extensions, deadline days, closings and reopenings.

use super::deadline::deadline_state;
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
    /// is told as of the end of the day). It was the deadline in force as
    /// of the dates from `from` up to, not including, `until`.
    Deadline {
        /// The first day it was in force: the day sent, or the day the
        /// extension that set it was granted.
        from: Date,
        /// The day the next extension moved it, if one did.
        until: Option<Date>,
    },
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
            What::Deadline { .. } => "deadline",
        }
    }

    /// Whether it is a deadline day.
    #[must_use]
    pub fn is_deadline(self) -> bool {
        matches!(self, What::Deadline { .. })
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

impl Event {
    /// Whether, as of `as_of`, it is a deadline ahead: after the date and
    /// the deadline in force then.
    #[must_use]
    pub fn is_ahead(&self, as_of: Date) -> bool {
        match self.what {
            What::Deadline { from, until } => {
                self.on > as_of && from <= as_of && until.is_none_or(|until| as_of < until)
            }
            _ => false,
        }
    }
}

/// Every event of a docket, whatever its date, in date order (then by
/// letter id, then sending, receipt, replies, extensions, closings,
/// reopenings, deadline). Built once per docket; read as of any date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chronology {
    events: Vec<Event>,
}

impl Chronology {
    /// The events of `docket`: each letter's in the order of [`What`],
    /// letter after letter (in id order), then sorted by day alone, stably.
    #[must_use]
    pub fn new(docket: &Docket) -> Self {
        let mut events = Vec::with_capacity(docket.letters.len() * 4);
        let mut buffers = Buffers::default();
        for (at, letter) in docket.letters.iter().enumerate() {
            let Ok(index) = u32::try_from(at) else { break };
            push_events(&mut events, &mut buffers, index, letter);
        }
        Chronology {
            events: sorted_by_day(events),
        }
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

    /// The deadlines ahead as of `as_of`, in order (indices into
    /// [`Self::events`]): after it, and in force then (what is dated later
    /// does not exist yet).
    #[must_use]
    pub fn ahead(&self, as_of: Date) -> Vec<usize> {
        let past = self.past(as_of);
        (past..self.events.len())
            .filter(|&at| self.events[at].is_ahead(as_of))
            .collect()
    }

    /// The events shown as of `as_of`: those dated on or before it, then
    /// the deadlines ahead.
    #[must_use]
    pub fn shown(&self, as_of: Date) -> Shown {
        Shown {
            as_of,
            past: self.past(as_of),
            ahead: self.ahead(as_of),
        }
    }
}

/// The events shown as of one date: the first `past` events, then the
/// deadlines `ahead`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The date.
    pub as_of: Date,
    /// How many events are dated on or before it: the first of
    /// [`Chronology::events`].
    pub past: usize,
    /// The deadlines ahead (indices into [`Chronology::events`]).
    pub ahead: Vec<usize>,
}

impl Shown {
    /// How many events show.
    #[must_use]
    pub fn len(&self) -> usize {
        self.past + self.ahead.len()
    }

    /// Whether none does.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index into [`Chronology::events`] of the `at`-th event shown.
    #[must_use]
    pub fn event(&self, at: usize) -> Option<usize> {
        if at < self.past {
            Some(at)
        } else {
            self.ahead.get(at - self.past).copied()
        }
    }

    /// Every event shown, in order (indices into [`Chronology::events`]).
    pub fn events(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.past).chain(self.ahead.iter().copied())
    }
}

/// A stable sort on the day alone, by counting when the days span no more
/// than a few times as many days as there are events.
fn sorted_by_day(events: Vec<Event>) -> Vec<Event> {
    use chrono::Datelike;
    let day = |e: &Event| i64::from(e.on.num_days_from_ce());
    let (Some(first), Some(last)) = (events.iter().map(day).min(), events.iter().map(day).max())
    else {
        return events;
    };
    let span = usize::try_from(last - first + 1).unwrap_or(usize::MAX);
    if span > events.len().saturating_mul(4).saturating_add(4096) {
        let mut events = events;
        events.sort_by_key(|e| e.on);
        return events;
    }
    let slot = |e: &Event| usize::try_from(day(e) - first).unwrap_or(0);
    let mut start = vec![0usize; span + 1];
    for event in &events {
        start[slot(event) + 1] += 1;
    }
    for i in 0..span {
        start[i + 1] += start[i];
    }
    let mut sorted = events.clone();
    for event in events {
        let at = &mut start[slot(&event)];
        sorted[*at] = event;
        *at += 1;
    }
    sorted
}

/// Room reused from letter to letter, so that building allocates once.
#[derive(Default)]
struct Buffers {
    /// Each deadline in force and the day it came into force.
    deadlines: Vec<(Date, Date)>,
    /// The extensions' (granted, new due), by date granted.
    extensions: Vec<(Date, Date)>,
    /// Each deadline day with the days it was in force.
    days: Vec<(Date, Date, Option<Date>)>,
}

/// Pushes a letter's events in the order of [`What`].
fn push_events(events: &mut Vec<Event>, buffers: &mut Buffers, letter: u32, l: &Letter) {
    let Buffers {
        deadlines,
        extensions,
        days,
    } = buffers;
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
    }
    for (i, closing) in (0u32..).zip(&l.closings) {
        if let Some(on) = closing.reopened_on {
            push(on, What::Reopened(i));
        }
    }
    // The deadlines in force one after the other: the letter's own from
    // the day sent, then each extension's from the day granted (of two
    // granted the same day, the later listed).
    deadlines.clear();
    deadlines.extend(l.due.map(|due| (l.sent, due)));
    extensions.clear();
    extensions.extend(l.extensions.iter().map(|e| (e.granted_on, e.new_due)));
    extensions.sort_by_key(|&(granted, _)| granted);
    for &(granted, due) in extensions.iter() {
        if deadlines.last().is_some_and(|&(from, _)| from == granted) {
            deadlines.pop();
        }
        deadlines.push((granted, due));
    }
    days.clear();
    for (i, &(from, due)) in deadlines.iter().enumerate() {
        let until = deadlines.get(i + 1).map(|&(next, _)| next);
        match days.iter_mut().find(|(day, _, _)| *day == due) {
            // The same day set again: in force from the first time.
            Some(same) => same.2 = until,
            None => days.push((due, from, until)),
        }
    }
    days.sort_by_key(|&(day, _, _)| day);
    for &(day, from, until) in days.iter() {
        push(day, What::Deadline { from, until });
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
    pub fn line<'a>(
        &self,
        docket: &'a Docket,
        names: &CityNames<'a>,
        as_of: Date,
    ) -> Option<EventLine<'a>> {
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
            What::Deadline { .. } => {
                let state = deadline_state(letter, self.on, as_of);
                (state.word(), state.phrase(), None)
            }
        };
        Some(EventLine {
            on: self.on,
            letter,
            city: names.get(&letter.city),
            kind: self.what.kind(),
            state,
            text,
            source,
            upcoming: self.on > as_of,
        })
    }
}

/// The display name of each city id, looked up once for many events.
#[derive(Debug, Clone, Default)]
pub struct CityNames<'a>(std::collections::HashMap<&'a str, &'a str>);

impl<'a> CityNames<'a> {
    /// The names of `docket`'s cities (the first city with an id wins, as
    /// in [`Docket::city_name`]).
    #[must_use]
    pub fn new(docket: &'a Docket) -> Self {
        let names = docket.cities.iter().rev();
        CityNames(names.map(|c| (c.id.as_str(), c.name.as_str())).collect())
    }

    /// The name of the city with this id, else the id itself.
    #[must_use]
    pub fn get(&self, id: &'a str) -> &'a str {
        self.0.get(id).copied().unwrap_or(id)
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
