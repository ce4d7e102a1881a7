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
mod log;
mod matter;
mod plan;
mod settings;

use self::matter::new_matter_id;
use self::plan::{new_letter_id, plan, replace_by_id};

pub use self::batch::Batch;
use super::{City, Closing, Conflict, Date, Docket, Extension, Letter, Reply, Settings, Stamp};

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
    /// Add letters sent together, one per city, in one step: each checked
    /// as [`Change::AddLetter`], all in one matter (the letters' own, else
    /// a new id made from the subject and the date sent).
    AddLetters(Vec<Letter>),
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
    /// Replace the docket's settings; the due dates rules give move with
    /// the calendar.
    Settings(Settings),
}

impl Change {
    /// The latest date the change writes, if it writes any: a letter's
    /// sent and due dates, an entry's dates, a reopening's.
    #[must_use]
    pub fn latest_date(&self) -> Option<Date> {
        let closing = |c: &Closing| c.reopened_on.into_iter().chain([c.on]).max();
        match self {
            Change::AddLetter(l) | Change::EditLetter(l) => l.due.into_iter().chain([l.sent]).max(),
            Change::AddLetters(letters) => (letters.iter())
                .flat_map(|l| l.due.into_iter().chain([l.sent]))
                .max(),
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
            | Change::RemoveClosing(..)
            | Change::Settings(_) => None,
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
    /// The settings, whole (a merge conflict on them resolved).
    Settings(Box<Settings>),
    /// The list of conflicts, whole (one of them resolved).
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
    /// Validates and applies a change; on error nothing changed. Nothing
    /// is logged: changes people make go through [`Docket::apply_by`].
    pub fn apply(&mut self, change: Change) -> Result<Applied, Invalid> {
        let (description, id, puts) = plan(self, change)?;
        let undo = self.put(puts);
        Ok(Applied {
            description,
            id,
            undo,
        })
    }

    /// Validates and applies a change as [`Docket::apply`] does, appending
    /// a log entry stamped `stamp` to the record it puts (a removed letter's
    /// entry goes to its city). Undo restores the records without it.
    pub fn apply_by(&mut self, change: Change, stamp: &Stamp) -> Result<Applied, Invalid> {
        let sketch = log::Sketch::of(&change);
        let (description, id, mut puts) = plan(self, change)?;
        log::stamp_puts(self, sketch, &id, &mut puts, stamp);
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
                Put::Letter(id, value) => {
                    if value.is_none() && !self.retired_ids.contains(&id) {
                        self.retired_ids.push(id.clone());
                        self.retired_ids.sort();
                    }
                    let before = replace_by_id(&mut self.letters, &id, value, |l| &l.id);
                    Put::Letter(id, before)
                }
                Put::Settings(settings) => {
                    Put::Settings(Box::new(std::mem::replace(&mut self.settings, *settings)))
                }
                Put::Conflicts(conflicts) => {
                    Put::Conflicts(std::mem::replace(&mut self.conflicts, conflicts))
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

    /// A fresh matter id for letters about `subject` sent on `sent`: the
    /// subject's first words as a slug and the date
    /// (`public-safety-partnership-2017-08-03`), then `-2`, `-3`... skipping
    /// matters in use.
    pub fn new_matter_id(&self, subject: &str, sent: Date) -> String {
        new_matter_id(self, subject, sent)
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
    /// The letters whose due date a rule gives.
    fn letters_with_rules(&self) -> Vec<&Letter>;
    /// The settings the rules are worked out under.
    fn settings(&self) -> &Settings;
    /// Whether some letter belongs to this matter.
    fn has_matter(&self, matter: &str) -> bool;
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

    fn letters_with_rules(&self) -> Vec<&Letter> {
        let letters = self.letters.iter().map(|l| &**l);
        letters.filter(|l| l.due_rule.is_some()).collect()
    }

    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn has_matter(&self, matter: &str) -> bool {
        (self.letters.iter()).any(|l| l.matter.as_deref() == Some(matter))
    }
}
