//! Each change checked against the records and planned as puts.

use std::sync::Arc;

use super::settings::plan_settings;
use super::{Change, Invalid, Put, Records, Within, invalid, required};
use crate::model::docket::letter_date_problems;
use crate::model::{City, Closing, Date, Document, Extension, Letter, Reply, RuleError};

/// Why a matter id is refused.
pub(super) const MATTER_SLUG: &str =
    "a matter id must be lower-case letters, digits and dashes, like psp-2017-08-03";

/// What a change does: its description, the id it touches, its puts.
pub(super) type Planned = (String, String, Vec<Put>);

/// See [`Docket::new_letter_id`].
pub(super) fn new_letter_id(records: &impl Records, city: &str, sent: Date) -> String {
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
pub(super) fn plan(r: &impl Records, change: Change) -> Result<Planned, Invalid> {
    match change {
        Change::AddCity(city) => plan_city(r, city, true),
        Change::EditCity(city) => plan_city(r, city, false),
        Change::RemoveCity { id, with_letters } => plan_remove_city(r, &id, with_letters),
        Change::AddLetter(letter) => plan_add_letter(r, letter),
        Change::AddLetters(letters) => super::matter::plan_add_letters(r, letters),
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
        Change::Settings(settings) => plan_settings(r, settings),
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

pub(super) fn plan_add_letter(r: &impl Records, mut letter: Letter) -> Result<Planned, Invalid> {
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
    if (letter.matter.as_ref()).is_some_and(|m| m.is_empty() || !is_slug(m)) {
        return Err(invalid("matter", MATTER_SLUG));
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
    if let Some(rule) = letter.due_rule {
        let due = rule
            .due_of(&letter, r.settings())
            .map_err(|err| match err {
                RuleError::NotReceived => invalid("received", err.to_string()),
                RuleError::OutOfRange => invalid("due", err.to_string()),
            })?;
        letter.due = Some(due.due);
    }
    if let Some(problem) = Document::problem(&letter.documents) {
        return Err(invalid("documents", problem));
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
pub(super) fn replace_by_id<T>(
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

pub(super) fn is_slug(id: &str) -> bool {
    id.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}
