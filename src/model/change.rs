//! Changes to the docket: validated, applied record by record, undoable.
//!
//! Every change compiles down to [`Put`]s, each replacing one record (a city
//! or a letter) by id. Applying puts returns the puts that undo them, so undo
//! and redo are the same operation.

use std::sync::Arc;

use super::docket::letter_date_problems;
use super::{City, Closing, Date, Docket, Extension, Letter, Reply};

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
    /// Close a letter.
    Close(String, Closing),
    /// Reopen a closed letter.
    Reopen(String),
}

/// One record replaced: `None` removes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    /// A city, by id.
    City(String, Option<City>),
    /// A letter, by id.
    Letter(String, Option<Arc<Letter>>),
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
    /// What is wrong, as a sentence fragment.
    pub message: String,
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
        let (description, id, puts) = self.plan(change)?;
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
            })
            .collect();
        // Undo in reverse order, so that a city comes back before its letters.
        undo.reverse();
        undo
    }

    /// A fresh id for a letter to `city` sent on `sent`: `<city>-<sent>`, then
    /// `-2`, `-3`... skipping ids in use or retired.
    pub fn new_letter_id(&self, city: &str, sent: Date) -> String {
        let base = format!("{city}-{sent}");
        let taken =
            |id: &str| self.letter(id).is_some() || self.retired_ids.iter().any(|r| r == id);
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

    fn plan(&self, change: Change) -> Result<(String, String, Vec<Put>), Invalid> {
        match change {
            Change::AddCity(city) => self.plan_city(city, true),
            Change::EditCity(city) => self.plan_city(city, false),
            Change::RemoveCity { id, with_letters } => self.plan_remove_city(&id, with_letters),
            Change::AddLetter(letter) => self.plan_add_letter(letter),
            Change::EditLetter(letter) => {
                self.existing_letter(&letter.id)?;
                let description = format!("letter {}", letter.id);
                self.checked_letter(description, letter)
            }
            Change::RemoveLetter(id) => {
                self.existing_letter(&id)?;
                Ok((
                    format!("letter {id}"),
                    id.clone(),
                    vec![Put::Letter(id, None)],
                ))
            }
            Change::AddReply(id, reply) => self.plan_reply(&id, reply),
            Change::AddExtension(id, extension) => self.plan_extension(&id, extension),
            Change::Close(id, closing) => self.plan_close(&id, closing),
            Change::Reopen(id) => {
                let mut letter = self.existing_letter(&id)?.clone();
                if letter.closed.take().is_none() {
                    return Err(invalid("id", format!("letter {id} is not closed")));
                }
                self.checked_letter(format!("reopening of {id}"), letter)
            }
        }
    }

    fn plan_city(&self, city: City, new: bool) -> Result<(String, String, Vec<Put>), Invalid> {
        required("id", &city.id)?;
        required("name", &city.name)?;
        let exists = self.city(&city.id).is_some();
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

    fn plan_remove_city(
        &self,
        id: &str,
        with_letters: bool,
    ) -> Result<(String, String, Vec<Put>), Invalid> {
        let city = self
            .city(id)
            .ok_or_else(|| invalid("id", format!("no city with id {id:?}")))?;
        let letters: Vec<&Letter> = self.letters_of(id).collect();
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

    fn plan_add_letter(&self, mut letter: Letter) -> Result<(String, String, Vec<Put>), Invalid> {
        required("city", &letter.city)?;
        if letter.id.trim().is_empty() {
            letter.id = self.new_letter_id(&letter.city, letter.sent);
        } else if self.letter(&letter.id).is_some() || self.retired_ids.contains(&letter.id) {
            return Err(invalid(
                "id",
                format!("letter id {:?} is already taken", letter.id),
            ));
        }
        let description = format!("letter {}", letter.id);
        self.checked_letter(description, letter)
    }

    fn plan_reply(&self, id: &str, reply: Reply) -> Result<(String, String, Vec<Put>), Invalid> {
        required("from", &reply.from)?;
        let mut letter = self.existing_letter(id)?.clone();
        let description = format!(
            "reply from {} on {}",
            self.city_name(&letter.city),
            reply.on
        );
        letter.replies.push(reply);
        letter.replies.sort_by_key(|r| r.on);
        self.checked_letter(description, letter)
    }

    fn plan_extension(
        &self,
        id: &str,
        extension: Extension,
    ) -> Result<(String, String, Vec<Put>), Invalid> {
        let mut letter = self.existing_letter(id)?.clone();
        if letter.effective_due(extension.granted_on) == Some(extension.new_due) {
            return Err(invalid(
                "new_due",
                format!(
                    "the deadline is already {}; an extension must move it",
                    extension.new_due
                ),
            ));
        }
        if extension.new_due < letter.sent {
            return Err(invalid(
                "new_due",
                format!(
                    "the new due date is before the letter was sent on {}",
                    letter.sent
                ),
            ));
        }
        let description = format!("extension of {id} to {}", extension.new_due);
        letter.extensions.push(extension);
        letter.extensions.sort_by_key(|e| e.granted_on);
        self.checked_letter(description, letter)
    }

    fn plan_close(
        &self,
        id: &str,
        closing: Closing,
    ) -> Result<(String, String, Vec<Put>), Invalid> {
        let mut letter = self.existing_letter(id)?.clone();
        if let Some(closed) = &letter.closed {
            return Err(invalid(
                "on",
                format!("letter {id} is already closed on {}", closed.on),
            ));
        }
        letter.closed = Some(closing);
        self.checked_letter(format!("closing of {id}"), letter)
    }

    fn existing_letter(&self, id: &str) -> Result<&Letter, Invalid> {
        self.letter(id)
            .ok_or_else(|| invalid("id", format!("no letter with id {id:?}")))
    }

    /// Checks a letter as it would be saved, then plans to put it.
    fn checked_letter(
        &self,
        description: String,
        letter: Letter,
    ) -> Result<(String, String, Vec<Put>), Invalid> {
        for (field, value) in [
            ("from", &letter.from),
            ("to", &letter.to),
            ("subject", &letter.subject),
        ] {
            required(field, value)?;
        }
        if self.city(&letter.city).is_none() {
            return Err(invalid(
                "city",
                format!("no city with id {:?}", letter.city),
            ));
        }
        if let Some((field, message)) = letter_date_problems(&letter).into_iter().next() {
            return Err(invalid(field, message));
        }
        let id = letter.id.clone();
        Ok((
            description,
            id.clone(),
            vec![Put::Letter(id, Some(Arc::new(letter)))],
        ))
    }
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
