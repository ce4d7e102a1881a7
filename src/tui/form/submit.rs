//! What a form finds at fault, and the change it asks for.

use super::field::Due;
use super::{Field, FieldKind, Form, FormKind};
use crate::model::{
    Change, City, Closing, Date, Docket, Document, DueFrom, DueRule, Extension, Letter, Reply,
    RuleError, Settings,
};

use FieldKind::Date as DateField;

impl Form {
    /// Every field the form itself finds at fault, in field order: required
    /// fields left empty and dates that are not dates. The model's checks
    /// (ids taken, dates out of order) come after these pass.
    pub fn errors(&self, anchor: Date) -> Vec<FieldError> {
        let required = self.required();
        let mut errors = Vec::new();
        for field in &self.fields {
            let empty = field.value().is_empty();
            if field.kind == DateField {
                if empty && !OPTIONAL_DATES.contains(&field.key) {
                    errors.push((field.key, required_message(field)));
                } else if !empty && let Err(e) = field.date(anchor) {
                    errors.push((field.key, e));
                }
            } else if field.kind == FieldKind::Due {
                if let Err(e) = field.due(anchor) {
                    errors.push((field.key, e));
                }
            } else if empty && required.contains(&field.key) {
                errors.push((field.key, required_message(field)));
            }
        }
        errors
    }

    /// The text fields the model requires, so that all missing ones are
    /// marked at once rather than one per Enter.
    fn required(&self) -> &'static [&'static str] {
        match self.kind {
            FormKind::AddCity | FormKind::EditCity(_) => &["id", "name"],
            FormKind::AddLetter | FormKind::EditLetter(_) => &["city", "from", "to", "subject"],
            FormKind::Reply(_) => &["from"],
            _ => &[],
        }
    }

    /// The change the form asks for, or the field at fault and why. Dates
    /// count from `anchor`, the as-of date.
    pub fn change(&self, docket: &Docket, anchor: Date) -> Result<Change, FieldError> {
        Ok(match &self.kind {
            FormKind::AddCity => Change::AddCity(self.city(self.text("id"))),
            FormKind::EditCity(id) => Change::EditCity(self.city(id.clone())),
            FormKind::AddLetter => {
                let letter = Letter::new(self.text("city"), anchor);
                let letter = self.letter(letter, &docket.settings, anchor)?;
                let also = self.also_to(docket, &letter.city)?;
                if also.is_empty() {
                    Change::AddLetter(letter)
                } else {
                    let others = also.into_iter().map(|city| Letter {
                        city,
                        ..letter.clone()
                    });
                    Change::AddLetters(std::iter::once(letter.clone()).chain(others).collect())
                }
            }
            FormKind::EditLetter(id) => {
                let letter = (docket.letter(id).cloned())
                    .ok_or(("subject", format!("letter {id} no longer exists")))?;
                Change::EditLetter(self.letter(letter, &docket.settings, anchor)?)
            }
            FormKind::Reply(id) => Change::AddReply(
                id.clone(),
                Reply {
                    id: String::new(),
                    on: self.date("on", anchor)?,
                    from: self.text("from"),
                    kind: self.text("kind").parse().map_err(|e| ("kind", e))?,
                    summary: self.text("summary"),
                    source: self.field("source").and_then(Field::optional),
                },
            ),
            FormKind::EditReply(id, reply) => Change::EditReply(
                id.clone(),
                Reply {
                    id: reply.clone(),
                    on: self.date("on", anchor)?,
                    from: self.text("from"),
                    kind: self.text("kind").parse().map_err(|e| ("kind", e))?,
                    summary: self.text("summary"),
                    source: self.field("source").and_then(Field::optional),
                },
            ),
            FormKind::EditExtension(id, extension) => Change::EditExtension(
                id.clone(),
                Extension {
                    id: extension.clone(),
                    granted_on: self.date("granted_on", anchor)?,
                    new_due: self.date("new_due", anchor)?,
                    note: self.text("note"),
                },
            ),
            FormKind::EditClosing(id, closing) => Change::EditClosing(
                id.clone(),
                Closing {
                    id: closing.clone(),
                    on: self.date("on", anchor)?,
                    outcome: self.text("outcome"),
                    reopened_on: self.optional_date("reopened_on", anchor)?,
                },
            ),
            FormKind::Reopen(id) => Change::Reopen {
                id: id.clone(),
                on: self.date("on", anchor)?,
            },
            FormKind::Extend(id) => Change::AddExtension(
                id.clone(),
                Extension {
                    id: String::new(),
                    granted_on: self.date("granted_on", anchor)?,
                    new_due: self.date("new_due", anchor)?,
                    note: self.text("note"),
                },
            ),
            FormKind::OpenDocument(_) => {
                return Err(("document", "this form opens a document: Enter".to_owned()));
            }
            FormKind::Close(id) => Change::Close(
                id.clone(),
                Closing {
                    id: String::new(),
                    on: self.date("on", anchor)?,
                    outcome: self.text("outcome"),
                    reopened_on: None,
                },
            ),
        })
    }

    /// The city with this id, as the form has it.
    fn city(&self, id: String) -> City {
        City {
            id,
            name: self.text("name"),
            state: self.text("state"),
            notes: self.text("notes"),
            log: Vec::new(),
        }
    }

    /// `letter` with the form's fields put in.
    fn letter(
        &self,
        mut letter: Letter,
        settings: &Settings,
        anchor: Date,
    ) -> Result<Letter, FieldError> {
        if let Some(city) = self.field("city") {
            city.value().clone_into(&mut letter.city);
        }
        letter.sent = self.date("sent", anchor)?;
        if self.field("received").is_some() {
            letter.received = self.optional_date("received", anchor)?;
        }
        if let Some(due) = self.field("due") {
            match due.due(anchor).map_err(|e| ("due", e))? {
                Due::None => (letter.due, letter.due_rule) = (None, None),
                Due::On(date) => (letter.due, letter.due_rule) = (Some(date), None),
                Due::After(count, unit) => {
                    let from = self.due_from();
                    let rule = DueRule { count, unit, from };
                    letter.due_rule = Some(rule);
                    // The date it gives, as the model will work it out.
                    match rule.due_of(&letter, settings) {
                        Ok(due) => letter.due = Some(due.due),
                        Err(err @ RuleError::OutOfRange) => return Err(("due", err.to_string())),
                        Err(err @ RuleError::NotReceived) => {
                            return Err(("received", err.to_string()));
                        }
                    }
                }
            }
        }
        letter.from = self.text("from");
        letter.to = self.text("to");
        letter.subject = self.text("subject");
        letter.program = self.field("program").and_then(Field::optional);
        letter.demands = self.field("demands").map(Field::lines).unwrap_or_default();
        letter.summary = self.text("summary");
        letter.source = self.field("source").and_then(Field::optional);
        if let Some(matter) = self.field("matter") {
            letter.matter = matter.optional();
        }
        if let Some(field) = self.field("documents") {
            letter.documents = documents(field.value())?;
        }
        if let Some(field) = self.field("private_notes") {
            field.value().clone_into(&mut letter.private_notes);
        }
        if let Some(tags) = self.field("tags") {
            letter.tags = (tags.value().split(','))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
        }
        if let Some(owner) = self.field("owner") {
            let owner = owner.value().trim();
            letter.owner = (!owner.is_empty()).then(|| owner.to_owned());
        }
        Ok(letter)
    }

    /// What the letter's due rule counts from, as the form's choice says.
    pub(super) fn due_from(&self) -> DueFrom {
        match self.field("due_from").map(Field::value) {
            Some("received") => DueFrom::Received,
            _ => DueFrom::Sent,
        }
    }

    /// The other cities a new letter goes to ("Also to": ids between
    /// commas or spaces), each known and none twice.
    fn also_to(&self, docket: &Docket, city: &str) -> Result<Vec<String>, FieldError> {
        let mut cities: Vec<String> = Vec::new();
        for id in self
            .text("also")
            .split([',', ' '])
            .filter(|id| !id.is_empty())
        {
            if docket.city(id).is_none() {
                return Err(("also", format!("no city with id {id:?}")));
            }
            if id == city || cities.iter().any(|c| c == id) {
                return Err(("also", format!("{id} is given twice")));
            }
            cities.push(id.to_owned());
        }
        Ok(cities)
    }

    /// A text field's value, empty if the form has no such field.
    fn text(&self, key: &str) -> String {
        self.field(key)
            .map(|f| f.value().to_owned())
            .unwrap_or_default()
    }

    /// A date that must be given.
    fn date(&self, key: &'static str, anchor: Date) -> Result<Date, FieldError> {
        let field = self.field(key).ok_or((key, "missing".to_owned()))?;
        if field.value().is_empty() {
            return Err((key, format!("{} is required", field.label.to_lowercase())));
        }
        field.date(anchor).map_err(|e| (key, e))
    }

    /// A date that may be left empty.
    fn optional_date(&self, key: &'static str, anchor: Date) -> Result<Option<Date>, FieldError> {
        let empty = self.field(key).is_none_or(|f| f.value().is_empty());
        if empty {
            Ok(None)
        } else {
            self.date(key, anchor).map(Some)
        }
    }
}

/// The field at fault (its key) and why.
pub type FieldError = (&'static str, String);

/// Date fields that may be left empty.
const OPTIONAL_DATES: &[&str] = &["due", "received"];

/// The documents typed one a line as `label | target`; a line with no `|`
/// is its own label (a path or URL says what it is).
fn documents(text: &str) -> Result<Vec<Document>, FieldError> {
    (text.lines().map(str::trim).filter(|l| !l.is_empty()))
        .map(|line| {
            let (label, target) = line.split_once('|').unwrap_or((line, line));
            let (label, target) = (label.trim(), target.trim());
            if label.is_empty() || target.is_empty() {
                return Err((
                    "documents",
                    format!("{line:?}: write a document as `label | path or URL`"),
                ));
            }
            Ok(Document {
                label: label.to_owned(),
                target: target.to_owned(),
            })
        })
        .collect()
}

/// `subject is required`.
fn required_message(field: &Field) -> String {
    format!("{} is required", field.label.to_lowercase())
}
