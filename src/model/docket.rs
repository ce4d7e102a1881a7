//! The whole record, its lookups and order, and the rules its records
//! must keep (unique ids, existing cities, dates in order and in range).

use std::collections::HashSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::change::{Invalid, Within};
use super::{City, Conflict, Date, Letter, Settings, Urgency, calendar};

/// How many records are dated after a date: [`Docket::dated_after`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DatedAfter {
    /// Letters sent after the date.
    pub letters: usize,
    /// Replies received after it, to letters sent by it.
    pub replies: usize,
    /// Extensions granted after it, to letters sent by it.
    pub extensions: usize,
    /// Closings after it, of letters sent by it.
    pub closings: usize,
}

impl DatedAfter {
    /// Adds `other`'s counts to these.
    pub fn add(&mut self, other: DatedAfter) {
        self.letters += other.letters;
        self.replies += other.replies;
        self.extensions += other.extensions;
        self.closings += other.closings;
    }

    /// Takes `other`'s counts (a part of these) away from these.
    pub fn take(&mut self, other: DatedAfter) {
        self.letters = self.letters.saturating_sub(other.letters);
        self.replies = self.replies.saturating_sub(other.replies);
        self.extensions = self.extensions.saturating_sub(other.extensions);
        self.closings = self.closings.saturating_sub(other.closings);
    }

    /// Counts the replies, extensions and closings of `letter` (sent by
    /// `as_of`) dated after `as_of`.
    pub fn add_entries(&mut self, letter: &Letter, as_of: Date) {
        self.replies += letter.replies.iter().filter(|r| r.on > as_of).count();
        self.extensions += (letter.extensions.iter())
            .filter(|e| e.granted_on > as_of)
            .count();
        self.closings += letter.closings.iter().filter(|c| c.on > as_of).count();
    }

    /// Nothing is dated after the date.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// The whole record: every city and every letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Docket {
    /// The file format version.
    pub version: u32,
    /// The cities, kept sorted by id.
    #[serde(default)]
    pub cities: Vec<City>,
    /// The letters, kept sorted by id. Each is shared: a copy of the docket
    /// (a save's snapshot while the next change is made) copies a pointer a
    /// letter, and a change copies only the letters it changes.
    #[serde(default)]
    pub letters: Vec<Arc<Letter>>,
    /// Ids of deleted letters, never given to a new letter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired_ids: Vec<String>,
    /// How the rules are applied: due soon, reminders, the calendar.
    #[serde(default, skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
    /// Fields two people changed to different values, until resolved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// A record that breaks a rule of the docket, such as a duplicate id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The kind of record: `city` or `letter`.
    pub record: &'static str,
    /// The record's id.
    pub id: String,
    /// What is wrong, as a sentence fragment.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {:?}: {}", self.record, self.id, self.message)
    }
}

impl Docket {
    /// The current file format version.
    pub const VERSION: u32 = 2;

    /// An empty docket.
    pub fn new() -> Self {
        Docket {
            version: Self::VERSION,
            cities: Vec::new(),
            letters: Vec::new(),
            retired_ids: Vec::new(),
            settings: Settings::default(),
            conflicts: Vec::new(),
        }
    }

    /// The city with this id.
    pub fn city(&self, id: &str) -> Option<&City> {
        self.cities.iter().find(|c| c.id == id)
    }

    /// The letter with this id.
    pub fn letter(&self, id: &str) -> Option<&Letter> {
        self.letters.iter().map(|l| &**l).find(|l| l.id == id)
    }

    /// The letter at `index` in `letters`, to change (copied first if
    /// shared with a copy of the docket).
    pub fn letter_mut(&mut self, index: usize) -> &mut Letter {
        Arc::make_mut(&mut self.letters[index])
    }

    /// The display name of a city id, falling back to the id itself.
    pub fn city_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.city(id).map_or(id, |c| c.name.as_str())
    }

    /// The letters concerning a city, in file order (by id).
    pub fn letters_of<'a>(&'a self, city: &'a str) -> impl Iterator<Item = &'a Letter> + 'a {
        self.letters
            .iter()
            .map(|l| &**l)
            .filter(move |l| l.city == city)
    }

    /// The days off of the docket's calendar over every year its deadlines
    /// and `as_of` fall in: business-day countdowns of many letters at once.
    pub fn holidays(&self, as_of: Date) -> super::Holidays {
        let dues = (self.letters.iter()).flat_map(|l| {
            let extended = l.extensions.iter().map(|e| e.new_due);
            l.due.into_iter().chain(extended)
        });
        super::Holidays::spanning(&self.settings.calendar, dues.chain([as_of]))
    }

    /// The letters sent on or before `as_of`, most urgent first: by status
    /// (overdue, due today, due soon, open, no deadline, answered late,
    /// answered, closed), then by days left (longest overdue first), then by id.
    pub fn by_urgency(&self, as_of: Date) -> Vec<&Letter> {
        let mut letters: Vec<(Urgency<&str>, &Letter)> = (self.letters.iter())
            .filter(|l| l.is_sent(as_of))
            .map(|l| {
                let status = l.status_with(as_of, &self.settings);
                let urgency = Urgency::new(status, l.days_left(as_of), l.id.as_str());
                (urgency, &**l)
            })
            .collect();
        letters.sort_by(|a, b| a.0.cmp(&b.0));
        letters.into_iter().map(|(_, l)| l).collect()
    }

    /// What is dated after `as_of`: the letters not yet sent, and the
    /// replies, extensions and closings of the letters sent, dated later.
    #[must_use]
    pub fn dated_after(&self, as_of: Date) -> DatedAfter {
        let mut later = DatedAfter::default();
        for letter in &self.letters {
            if letter.is_sent(as_of) {
                later.add_entries(letter, as_of);
            } else {
                later.letters += 1;
            }
        }
        later
    }

    /// The docket in the current version: an older file's replies,
    /// extensions and closings get their ids (in date order, version 1's
    /// `closed` read as the first closing), due dates set by a rule are
    /// derived again (the calendar may have changed in another copy), and
    /// the version becomes [`Docket::VERSION`], written at the next save.
    #[must_use]
    pub fn migrated(mut self) -> Self {
        for letter in &mut self.letters {
            if letter.lacks_entry_ids() {
                Arc::make_mut(letter).assign_entry_ids();
            }
        }
        self.derive_due_dates();
        self.version = Self::VERSION;
        self
    }

    /// Puts cities and letters in their stable order (by id), and each letter's
    /// replies and extensions by date, so that saved files diff cleanly.
    pub fn normalize(&mut self) {
        self.cities.sort_by(|a, b| a.id.cmp(&b.id));
        self.letters.sort_by(|a, b| a.id.cmp(&b.id));
        for letter in &mut self.letters {
            if !letter.replies.is_sorted_by_key(|r| r.on)
                || !letter.extensions.is_sorted_by_key(|e| e.granted_on)
            {
                let letter = Arc::make_mut(letter);
                letter.replies.sort_by_key(|r| r.on);
                letter.extensions.sort_by_key(|e| e.granted_on);
            }
        }
    }

    /// Every rule the records break: duplicate or empty ids, letters naming a
    /// missing city, dates outside 0001-01-01..9999-12-31, receipt and due
    /// dates before sending, replies, extensions (or their new due dates) or closings
    /// dated before the letter was sent.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut city_ids = HashSet::new();
        for city in &self.cities {
            let mut report = |message: &str| problems.push(problem("city", &city.id, message));
            if city.id.trim().is_empty() {
                report("has an empty id");
            }
            if !city_ids.insert(city.id.as_str()) {
                report("appears more than once");
            }
        }
        // Letters in id order (as docket writes them) have no id twice;
        // others are checked one by one.
        let sorted = (self.letters.windows(2)).all(|pair| pair[0].id < pair[1].id);
        let mut letter_ids = HashSet::new();
        for letter in &self.letters {
            let mut report = |message: &str| problems.push(problem("letter", &letter.id, message));
            if letter.id.trim().is_empty() {
                report("has an empty id");
            }
            if !sorted && !letter_ids.insert(letter.id.as_str()) {
                report("appears more than once");
            }
            if !city_ids.contains(letter.city.as_str()) {
                report(&format!(
                    "names city {:?}, which does not exist",
                    letter.city
                ));
            }
            for invalid in letter_date_problems(letter) {
                report(&invalid.message);
            }
            let entries = (letter.replies.iter().map(|r| r.id.as_str()))
                .chain(letter.extensions.iter().map(|e| e.id.as_str()))
                .chain(letter.closings.iter().map(|c| c.id.as_str()));
            for id in repeated(entries) {
                report(&format!(
                    "has two replies, extensions or closings with id {id:?}"
                ));
            }
        }
        problems
    }
}

impl Default for Docket {
    fn default() -> Self {
        Self::new()
    }
}

/// The ids that appear again after their first time. A letter's few
/// entries are each compared with those before (no allocation, at load);
/// many are counted in a set.
fn repeated<'a>(ids: impl Iterator<Item = &'a str> + Clone) -> Vec<&'a str> {
    const FEW: usize = 16;
    if ids.clone().nth(FEW).is_none() {
        (ids.clone().enumerate())
            .filter(|&(at, id)| ids.clone().take(at).any(|earlier| earlier == id))
            .map(|(_, id)| id)
            .collect()
    } else {
        let mut seen = HashSet::new();
        ids.filter(|id| !seen.insert(*id)).collect()
    }
}

fn problem(record: &'static str, id: &str, message: &str) -> Problem {
    Problem {
        record,
        id: id.to_owned(),
        message: message.to_owned(),
    }
}

/// The rules a letter's dates break, each naming the field at fault: first
/// dates outside the range docket keeps (see [`calendar::in_range`]), then
/// dates before the letter was sent.
pub(super) fn letter_date_problems(letter: &Letter) -> Vec<Invalid> {
    let sent = letter.sent;
    let outside = letter_dates(letter)
        .filter(|(.., date)| !calendar::in_range(*date))
        .map(|(field, within, what, date)| Invalid {
            field,
            within,
            message: format!("its {what} {date} is {}", calendar::OUTSIDE),
        });
    let before_sent = letter_dates(letter).filter(|(.., date)| *date < sent).map(
        |(field, within, what, date)| Invalid {
            field,
            within,
            message: before_sent(what, date, sent),
        },
    );
    outside.chain(before_sent).collect()
}

/// How a date before the letter was sent reads, by what the date is.
fn before_sent(what: &str, date: Date, sent: Date) -> String {
    match what {
        "due date" => format!("is due on {date}, before it was sent on {sent}"),
        "received date" => format!("was received on {date}, before it was sent on {sent}"),
        "reply date" => format!("has a reply dated {date}, before the letter was sent on {sent}"),
        "extension date" => {
            format!("has an extension granted on {date}, before the letter was sent on {sent}")
        }
        "extended due date" => {
            format!("has an extension to {date}, before the letter was sent on {sent}")
        }
        _ => format!("was closed on {date}, before it was sent on {sent}"),
    }
}

/// Every date of a letter: the field that holds it, where, and what it is.
fn letter_dates(
    letter: &Letter,
) -> impl Iterator<Item = (&'static str, Option<Within>, &'static str, Date)> + '_ {
    let replies = (letter.replies.iter().enumerate())
        .map(|(at, r)| ("on", Some(Within::Reply(at)), "reply date", r.on));
    let extensions = letter.extensions.iter().enumerate().flat_map(|(at, e)| {
        let within = Some(Within::Extension(at));
        [
            ("granted_on", within, "extension date", e.granted_on),
            ("new_due", within, "extended due date", e.new_due),
        ]
    });
    let closing = (letter.closings.iter())
        .flat_map(|c| [Some(c.on), c.reopened_on])
        .flatten()
        .map(|on| ("on", Some(Within::Closing), "closing date", on));
    [("sent", None, "sent date", letter.sent)]
        .into_iter()
        .chain(
            letter
                .received
                .map(|on| ("received", None, "received date", on)),
        )
        .chain(letter.due.map(|due| ("due", None, "due date", due)))
        .chain(replies)
        .chain(extensions)
        .chain(closing)
}
