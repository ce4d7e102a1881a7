//! Changes to the docket: validated, applied record by record, undoable.
//!
//! Every change compiles down to [`Put`]s, each replacing one record (a city
//! or a letter) by id. Applying puts returns the puts that undo them, so undo
//! and redo are the same operation.
//!
//! The rules are written once, here, for every way a record comes in: the
//! forms, the command line and imports. An import applies its records as a
//! [`Batch`]: the same rules, with ids looked up in hash maps and the records
//! sorted once at the end.

use std::sync::Arc;

mod batch;

pub use self::batch::Batch;
use super::docket::letter_date_problems;
use super::{City, Closing, Conflict, Date, Docket, Extension, Letter, Reply};

/// A change as a user asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Add a city.
    AddCity(City),
    /// Replace the city with this id (the id itself never changes).
    EditCity(City),
    /// Remove a city; with `with_letters`, its letters go too.
    RemoveCity {
        /// The city's id.
        id: String,
        /// Whether its letters may go with it.
        with_letters: bool,
    },
    /// Add a letter; an empty id is replaced by `<city>-<sent>`.
    AddLetter(Letter),
    /// Replace the letter with this id (the id itself never changes).
    EditLetter(Letter),
    /// Remove a letter.
    RemoveLetter(String),
    /// Record a reply to a letter.
    AddReply(String, Reply),
    /// Grant an extension of a letter's deadline.
    AddExtension(String, Extension),
    /// Replace the reply with this id (`reply.id`) of a letter.
    EditReply(String, Reply),
    /// Remove a letter's reply: letter id, reply id.
    RemoveReply(String, String),
    /// Replace the extension with this id (`extension.id`) of a letter.
    EditExtension(String, Extension),
    /// Remove a letter's extension: letter id, extension id.
    RemoveExtension(String, String),
    /// Replace the closing with this id (`closing.id`) of a letter.
    EditClosing(String, Closing),
    /// Remove a letter's closing: letter id, closing id.
    RemoveClosing(String, String),
    /// Close a letter.
    Close(String, Closing),
    /// Reopen a closed letter on a date, keeping its closing.
    Reopen {
        /// The letter's id.
        id: String,
        /// The date it is reopened.
        on: Date,
    },
}

impl Change {
    /// The latest date the change writes, if it writes any: a letter's
    /// sent and due dates, an entry's dates, a reopening's.
    #[must_use]
    pub fn latest_date(&self) -> Option<Date> {
        let closing = |c: &Closing| c.reopened_on.into_iter().chain([c.on]).max();
        match self {
            Change::AddLetter(l) | Change::EditLetter(l) => l.due.into_iter().chain([l.sent]).max(),
            Change::AddReply(_, r) | Change::EditReply(_, r) => Some(r.on),
            Change::AddExtension(_, e) | Change::EditExtension(_, e) => {
                Some(e.granted_on.max(e.new_due))
            }
            Change::Close(_, c) | Change::EditClosing(_, c) => closing(c),
            Change::Reopen { on, .. } => Some(*on),
            Change::AddCity(_)
            | Change::EditCity(_)
            | Change::RemoveCity { .. }
            | Change::RemoveLetter(_)
            | Change::RemoveReply(..)
            | Change::RemoveExtension(..)
            | Change::RemoveClosing(..) => None,
        }
    }
}

/// One record replaced: `None` removes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    /// A city, by id.
    City(String, Option<City>),
    /// A letter, by id.
    Letter(String, Option<Arc<Letter>>),
    /// The docket's whole list of unresolved conflicts (a conflict resolved
    /// in the interface, and its undo).
    Conflicts(Vec<Conflict>),
}

/// A change that was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// What it was, for messages: `reply from Baltimore on 2017-08-17`.
    pub description: String,
    /// The id of the record it touched.
    pub id: String,
    /// The puts that undo it.
    pub undo: Vec<Put>,
}

/// Why a change was refused, naming the form field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The field, as forms and the command line name it: `on`, `new_due`...
    pub field: &'static str,
    /// Where the field is when it is not the record's own: in one of a
    /// letter's replies or extensions, or in its closing.
    pub within: Option<Within>,
    /// What is wrong, as a sentence fragment.
    pub message: String,
}

/// The part of a letter a refused field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    /// The reply at this index of the letter's `replies`.
    Reply(usize),
    /// The extension at this index of the letter's `extensions`.
    Extension(usize),
    /// The letter's closing (`closed`).
    Closing,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Invalid {}

fn invalid(field: &'static str, message: impl Into<String>) -> Invalid {
    Invalid {
        field,
        within: None,
        message: message.into(),
    }
}

fn required(field: &'static str, value: &str) -> Result<(), Invalid> {
    if value.trim().is_empty() {
        Err(invalid(
            field,
            format!("{} is required", field.replace('_', " ")),
        ))
    } else {
        Ok(())
    }
}

impl Docket {
    /// Validates and applies a change; on error nothing changed.
    pub fn apply(&mut self, change: Change) -> Result<Applied, Invalid> {
        let (description, id, puts) = plan(self, change)?;
        let undo = self.put(puts);
        Ok(Applied {
            description,
            id,
            undo,
        })
    }

    /// Replaces records, returning the puts that restore them. A letter id
    /// that is removed is retired, so it is never given to a new letter.
    pub fn put(&mut self, puts: Vec<Put>) -> Vec<Put> {
        let mut undo: Vec<Put> = puts
            .into_iter()
            .map(|put| match put {
                Put::City(id, value) => {
                    let before = replace_by_id(&mut self.cities, &id, value, |c| &c.id);
                    Put::City(id, before)
                }
                Put::Conflicts(conflicts) => {
                    Put::Conflicts(std::mem::replace(&mut self.conflicts, conflicts))
                }
                Put::Letter(id, value) => {
                    if value.is_none() && !self.retired_ids.contains(&id) {
                        self.retired_ids.push(id.clone());
                        self.retired_ids.sort();
                    }
                    let before = replace_by_id(&mut self.letters, &id, value, |l| &l.id);
                    Put::Letter(id, before)
                }
            })
            .collect();
        // Undo in reverse order, so that a city comes back before its letters.
        undo.reverse();
        undo
    }

    /// A fresh id for a letter to `city` sent on `sent`: `<city>-<sent>`, then
    /// `-2`, `-3`... skipping ids in use or retired.
    pub fn new_letter_id(&self, city: &str, sent: Date) -> String {
        new_letter_id(self, city, sent)
    }
}

/// What checking a change looks up: the docket itself (one change), or a
/// batch's index of it (many).
trait Records {
    /// The city with this id.
    fn city(&self, id: &str) -> Option<&City>;
    /// The letter with this id.
    fn letter(&self, id: &str) -> Option<&Letter>;
    /// Whether this letter id belonged to a deleted letter.
    fn is_retired(&self, id: &str) -> bool;
    /// The letters concerning a city.
    fn letters_of(&self, city: &str) -> Vec<&Letter>;
}

impl Records for Docket {
    fn city(&self, id: &str) -> Option<&City> {
        Docket::city(self, id)
    }

    fn letter(&self, id: &str) -> Option<&Letter> {
        Docket::letter(self, id)
    }

    fn is_retired(&self, id: &str) -> bool {
        self.retired_ids.iter().any(|r| r == id)
    }

    fn letters_of(&self, city: &str) -> Vec<&Letter> {
        let letters = self.letters.iter().map(|l| &**l);
        letters.filter(|l| l.city == city).collect()
    }
}

/// What a change does: its description, the id it touches, its puts.
type Planned = (String, String, Vec<Put>);

/// See [`Docket::new_letter_id`].
fn new_letter_id(records: &impl Records, city: &str, sent: Date) -> String {
    let base = format!("{city}-{sent}");
    let taken = |id: &str| records.letter(id).is_some() || records.is_retired(id);
    if !taken(&base) {
        return base;
    }
    let mut n = 2;
    loop {
        let id = format!("{base}-{n}");
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}

/// Checks a change against the records and plans its puts.
fn plan(r: &impl Records, change: Change) -> Result<Planned, Invalid> {
    match change {
        Change::AddCity(city) => plan_city(r, city, true),
        Change::EditCity(city) => plan_city(r, city, false),
        Change::RemoveCity { id, with_letters } => plan_remove_city(r, &id, with_letters),
        Change::AddLetter(letter) => plan_add_letter(r, letter),
        Change::EditLetter(letter) => {
            existing_letter(r, &letter.id)?;
            let description = format!("letter {}", letter.id);
            checked_letter(r, description, letter, Thread::Kept)
        }
        Change::RemoveLetter(id) => {
            existing_letter(r, &id)?;
            Ok((
                format!("letter {id}"),
                id.clone(),
                vec![Put::Letter(id, None)],
            ))
        }
        Change::AddReply(id, reply) => plan_reply(r, &id, reply),
        Change::AddExtension(id, extension) => plan_extension(r, &id, extension),
        Change::Close(id, closing) => plan_close(r, &id, closing),
        Change::EditReply(id, reply) => plan_edit_reply(r, &id, reply),
        Change::RemoveReply(id, reply) => {
            let mut letter = existing_letter(r, &id)?.clone();
            let at = entry_at(&letter.replies, &reply, |r| &r.id, "reply", &id)?;
            letter.replies.remove(at);
            letter.retired_ids.push(reply.clone());
            checked_letter(r, format!("reply {reply} of {id}"), letter, Thread::Kept)
        }
        Change::EditExtension(id, extension) => plan_edit_extension(r, &id, extension),
        Change::RemoveExtension(id, extension) => {
            let mut letter = existing_letter(r, &id)?.clone();
            let at = entry_at(&letter.extensions, &extension, |e| &e.id, "extension", &id)?;
            letter.extensions.remove(at);
            letter.retired_ids.push(extension.clone());
            let description = format!("extension {extension} of {id}");
            checked_letter(r, description, letter, Thread::Kept)
        }
        Change::EditClosing(id, closing) => {
            let mut letter = existing_letter(r, &id)?.clone();
            let at = entry_at(&letter.closings, &closing.id, |c| &c.id, "closing", &id)?;
            if closing
                .reopened_on
                .is_some_and(|reopened| reopened < closing.on)
            {
                return Err(invalid(
                    "reopened_on",
                    "a letter cannot be reopened before it was closed",
                ));
            }
            let description = format!("closing {} of {id}", closing.id);
            letter.closings[at] = closing;
            letter.closings.sort_by_key(|c| c.on);
            checked_letter(r, description, letter, Thread::Kept)
        }
        Change::RemoveClosing(id, closing) => {
            let mut letter = existing_letter(r, &id)?.clone();
            let at = entry_at(&letter.closings, &closing, |c| &c.id, "closing", &id)?;
            letter.closings.remove(at);
            letter.retired_ids.push(closing.clone());
            checked_letter(
                r,
                format!("closing {closing} of {id}"),
                letter,
                Thread::Kept,
            )
        }
        Change::Reopen { id, on } => plan_reopen(r, &id, on),
    }
}

/// Where the entry with this id is in a letter's list.
fn entry_at<T>(
    entries: &[T],
    entry: &str,
    id_of: impl Fn(&T) -> &String,
    what: &str,
    letter: &str,
) -> Result<usize, Invalid> {
    (entries.iter().position(|e| id_of(e) == entry))
        .ok_or_else(|| invalid("id", format!("letter {letter} has no {what} {entry:?}")))
}

fn plan_edit_reply(r: &impl Records, id: &str, reply: Reply) -> Result<Planned, Invalid> {
    check_reply(&reply)?;
    let mut letter = existing_letter(r, id)?.clone();
    let at = entry_at(&letter.replies, &reply.id, |r| &r.id, "reply", id)?;
    let description = format!("reply {} of {id}", reply.id);
    letter.replies[at] = reply;
    letter.replies.sort_by_key(|r| r.on);
    checked_letter(r, description, letter, Thread::Kept)
}

fn plan_edit_extension(
    r: &impl Records,
    id: &str,
    extension: Extension,
) -> Result<Planned, Invalid> {
    let mut letter = existing_letter(r, id)?.clone();
    let at = entry_at(
        &letter.extensions,
        &extension.id,
        |e| &e.id,
        "extension",
        id,
    )?;
    letter.extensions.remove(at);
    check_extension(&letter, &extension)?;
    let description = format!("extension {} of {id}", extension.id);
    letter.extensions.insert(at, extension);
    letter.extensions.sort_by_key(|e| e.granted_on);
    checked_letter(r, description, letter, Thread::Kept)
}

fn plan_reopen(r: &impl Records, id: &str, on: Date) -> Result<Planned, Invalid> {
    let mut letter = existing_letter(r, id)?.clone();
    let Some(at) = (0..letter.closings.len())
        .filter(|&at| letter.closings[at].reopened_on.is_none())
        .max_by_key(|&at| letter.closings[at].on)
    else {
        return Err(invalid("id", format!("letter {id} is not closed")));
    };
    let closed_on = letter.closings[at].on;
    if on < closed_on {
        return Err(invalid(
            "on",
            format!("letter {id} was closed on {closed_on}: it cannot be reopened before"),
        ));
    }
    letter.closings[at].reopened_on = Some(on);
    checked_letter(r, format!("reopening of {id}"), letter, Thread::Kept)
}

fn plan_city(r: &impl Records, city: City, new: bool) -> Result<Planned, Invalid> {
    required("id", &city.id)?;
    required("name", &city.name)?;
    let exists = r.city(&city.id).is_some();
    if new && exists {
        return Err(invalid(
            "id",
            format!("city id {:?} is already taken", city.id),
        ));
    }
    if new && !is_slug(&city.id) {
        return Err(invalid(
            "id",
            "city id must be lower-case letters, digits and dashes, like san-bernardino",
        ));
    }
    if !new && !exists {
        return Err(invalid("id", format!("no city with id {:?}", city.id)));
    }
    let description = format!("city {}", city.name);
    let id = city.id.clone();
    Ok((description, id.clone(), vec![Put::City(id, Some(city))]))
}

fn plan_remove_city(r: &impl Records, id: &str, with_letters: bool) -> Result<Planned, Invalid> {
    let city = r
        .city(id)
        .ok_or_else(|| invalid("id", format!("no city with id {id:?}")))?;
    let letters = r.letters_of(id);
    if !letters.is_empty() && !with_letters {
        return Err(invalid(
            "with_letters",
            format!(
                "{} still has {} letter{}",
                city.name,
                letters.len(),
                if letters.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    let mut puts: Vec<Put> = letters
        .iter()
        .map(|l| Put::Letter(l.id.clone(), None))
        .collect();
    puts.push(Put::City(id.to_owned(), None));
    Ok((format!("city {}", city.name), id.to_owned(), puts))
}

fn plan_add_letter(r: &impl Records, mut letter: Letter) -> Result<Planned, Invalid> {
    required("city", &letter.city)?;
    if letter.id.trim().is_empty() {
        letter.id = new_letter_id(r, &letter.city, letter.sent);
    } else if r.letter(&letter.id).is_some() || r.is_retired(&letter.id) {
        return Err(invalid(
            "id",
            format!("letter id {:?} is already taken", letter.id),
        ));
    }
    let description = format!("letter {}", letter.id);
    checked_letter(r, description, letter, Thread::New)
}

fn plan_reply(r: &impl Records, id: &str, reply: Reply) -> Result<Planned, Invalid> {
    check_reply(&reply)?;
    let mut letter = existing_letter(r, id)?.clone();
    let description = format!("reply from {} on {}", city_name(r, &letter.city), reply.on);
    let mut reply = reply;
    if reply.id.is_empty() {
        reply.id = letter.next_entry_id('r');
    }
    letter.replies.push(reply);
    letter.replies.sort_by_key(|r| r.on);
    checked_letter(r, description, letter, Thread::Kept)
}

fn plan_extension(r: &impl Records, id: &str, extension: Extension) -> Result<Planned, Invalid> {
    let mut letter = existing_letter(r, id)?.clone();
    check_extension(&letter, &extension)?;
    let description = format!("extension of {id} to {}", extension.new_due);
    let mut extension = extension;
    if extension.id.is_empty() {
        extension.id = letter.next_entry_id('x');
    }
    letter.extensions.push(extension);
    letter.extensions.sort_by_key(|e| e.granted_on);
    checked_letter(r, description, letter, Thread::Kept)
}

/// An extension moves the deadline later: its new due date is after the
/// deadline in force on the day it is granted (with two granted the same day,
/// the later one listed), and not before that day itself; for a letter with
/// no deadline, after that day. A mistake is corrected by editing the letter.
fn check_extension(letter: &Letter, extension: &Extension) -> Result<(), Invalid> {
    const CORRECT: &str = "edit the letter's due date to correct a mistake";
    let (granted, new_due) = (extension.granted_on, extension.new_due);
    let message = match letter.effective_due(granted) {
        Some(due) if new_due <= due => format!(
            "the deadline as of {granted} is already {due}; an extension must move it later \
             ({CORRECT})"
        ),
        Some(_) if new_due < granted => {
            format!("an extension granted on {granted} cannot be due before that day ({CORRECT})")
        }
        None if new_due <= granted => {
            format!("an extension granted on {granted} must be due after that day ({CORRECT})")
        }
        _ => return Ok(()),
    };
    Err(invalid("new_due", message))
}

fn plan_close(r: &impl Records, id: &str, mut closing: Closing) -> Result<Planned, Invalid> {
    let mut letter = existing_letter(r, id)?.clone();
    if let Some(closed) = letter.open_closing() {
        return Err(invalid(
            "on",
            format!("letter {id} is already closed on {}", closed.on),
        ));
    }
    if let Some(last) = letter.closings.iter().filter_map(|c| c.reopened_on).max()
        && closing.on < last
    {
        return Err(invalid(
            "on",
            format!("letter {id} was reopened on {last}: it cannot be closed again before"),
        ));
    }
    if closing.id.is_empty() {
        closing.id = letter.next_entry_id('c');
    }
    letter.closings.push(closing);
    letter.closings.sort_by_key(|c| c.on);
    checked_letter(r, format!("closing of {id}"), letter, Thread::Kept)
}

fn existing_letter<'a>(r: &'a impl Records, id: &str) -> Result<&'a Letter, Invalid> {
    r.letter(id)
        .ok_or_else(|| invalid("id", format!("no letter with id {id:?}")))
}

/// The display name of a city id, falling back to the id itself.
fn city_name<'a>(r: &'a impl Records, id: &'a str) -> &'a str {
    r.city(id).map_or(id, |c| c.name.as_str())
}

/// Whether a letter's replies are all new (an added letter, as an import
/// adds one with its thread) or were checked when they were recorded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Thread {
    New,
    Kept,
}

/// The rules of a reply as it is recorded.
fn check_reply(reply: &Reply) -> Result<(), Invalid> {
    required("from", &reply.from)
}

/// Checks a letter as it would be saved, then plans to put it.
fn checked_letter(
    r: &impl Records,
    description: String,
    mut letter: Letter,
    thread: Thread,
) -> Result<Planned, Invalid> {
    letter.assign_entry_ids();
    for (field, value) in [
        ("from", &letter.from),
        ("to", &letter.to),
        ("subject", &letter.subject),
    ] {
        required(field, value)?;
    }
    if r.city(&letter.city).is_none() {
        return Err(invalid(
            "city",
            format!("no city with id {:?}", letter.city),
        ));
    }
    if thread == Thread::New {
        for (at, reply) in letter.replies.iter().enumerate() {
            check_reply(reply).map_err(|err| Invalid {
                within: Some(Within::Reply(at)),
                ..err
            })?;
        }
    }
    if let Some(problem) = letter_date_problems(&letter).into_iter().next() {
        return Err(problem);
    }
    let id = letter.id.clone();
    Ok((
        description,
        id.clone(),
        vec![Put::Letter(id, Some(Arc::new(letter)))],
    ))
}

/// Replaces (or inserts, or removes) the record with this id, inserting in id
/// order; returns the record it replaced.
fn replace_by_id<T>(
    records: &mut Vec<T>,
    id: &str,
    value: Option<T>,
    id_of: impl Fn(&T) -> &String,
) -> Option<T> {
    match (records.iter().position(|r| id_of(r) == id), value) {
        (Some(at), Some(value)) => Some(std::mem::replace(&mut records[at], value)),
        (Some(at), None) => Some(records.remove(at)),
        (None, Some(value)) => {
            let at = records.partition_point(|r| id_of(r).as_str() < id);
            records.insert(at, value);
            None
        }
        (None, None) => None,
    }
}

fn is_slug(id: &str) -> bool {
    id.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}
