//! Forms for changes: fields typed with `tui-input`, turned into a `Change`.

use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};

use crate::model::{
    Change, City, Closing, Date, Docket, Extension, Letter, Reply, ReplyKind, parse_date_spec,
};

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines (Ctrl-j starts a new one).
    Lines,
    /// A date: `YYYY-MM-DD`, `today`, `+7d`, `-1w`.
    Date,
    /// One of a list, cycled with ←/→ or Space.
    Choice(Vec<String>),
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name changes use for it (`on`, `new_due`...).
    pub key: &'static str,
    /// The label shown.
    pub label: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// The text typed.
    pub input: Input,
    /// Why the last save was refused, if because of this field.
    pub error: Option<String>,
}

impl Field {
    fn new(key: &'static str, label: &'static str, kind: FieldKind, value: &str) -> Self {
        Field {
            key,
            label,
            kind,
            input: Input::new(value.to_owned()),
            error: None,
        }
    }

    /// The text typed, trimmed.
    pub fn value(&self) -> &str {
        self.input.value().trim()
    }

    /// The date typed; `today`, `+7d`, `-1w` count from `anchor` (the
    /// as-of date the screen shows, which is today unless replaying).
    pub fn date(&self, anchor: Date) -> Result<Date, String> {
        parse_date_spec(self.value(), anchor)
    }

    fn optional(&self) -> Option<String> {
        Some(self.value().to_owned()).filter(|v| !v.is_empty())
    }

    fn lines(&self) -> Vec<String> {
        self.value()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Which change a form makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    /// A new city.
    AddCity,
    /// The city with this id.
    EditCity(String),
    /// A new letter.
    AddLetter,
    /// The letter with this id.
    EditLetter(String),
    /// A reply to the letter with this id.
    Reply(String),
    /// The reply of the letter: letter id, reply id.
    EditReply(String, String),
    /// The extension of the letter: letter id, extension id.
    EditExtension(String, String),
    /// An extension of the letter with this id.
    Extend(String),
    /// The closing of the letter with this id.
    Close(String),
    /// The reopening of the letter with this id.
    Reopen(String),
    /// The closing of the letter: letter id, closing id.
    EditClosing(String, String),
}

/// A popup form.
#[derive(Debug, Clone)]
pub struct Form {
    /// Which change it makes.
    pub kind: FormKind,
    /// The popup's title.
    pub title: String,
    /// The fields, in Tab order.
    pub fields: Vec<Field>,
    /// The focused field.
    pub focus: usize,
    /// Why the last save was refused, when no one field is at fault.
    pub error: Option<String>,
    /// The fields' text as the form opened, to tell whether Esc throws
    /// anything away.
    opened: Vec<String>,
    /// Whether the id field still follows the name (a new city, until the
    /// id is typed into).
    id_follows_name: bool,
}

use FieldKind::{Date as DateField, Lines, Text};

impl Form {
    fn new(kind: FormKind, title: String, fields: Vec<Field>) -> Self {
        let opened = fields.iter().map(|f| f.input.value().to_owned()).collect();
        Form {
            kind,
            title,
            fields,
            focus: 0,
            error: None,
            opened,
            id_follows_name: false,
        }
    }

    /// A form for a new city; its id follows the name until typed into.
    pub fn add_city() -> Self {
        let mut form = Self::city_form(FormKind::AddCity, "New city".to_owned(), None);
        form.id_follows_name = true;
        form
    }

    /// Whether any field holds text other than it opened with.
    pub fn is_changed(&self) -> bool {
        let now = self.fields.iter().map(|f| f.input.value());
        now.ne(self.opened.iter().map(String::as_str))
    }

    /// A form editing a city (its id stays).
    pub fn edit_city(city: &City) -> Self {
        let title = format!("Edit city {}", city.id);
        let mut form = Self::city_form(FormKind::EditCity(city.id.clone()), title, Some(city));
        form.fields.remove(0);
        form
    }

    fn city_form(kind: FormKind, title: String, city: Option<&City>) -> Self {
        let value = |f: fn(&City) -> &str| city.map_or("", f);
        let fields = vec![
            Field::new("id", "Id", Text, value(|c| &c.id)),
            Field::new("name", "Name", Text, value(|c| &c.name)),
            Field::new("state", "State", Text, value(|c| &c.state)),
            Field::new("notes", "Notes", Lines, value(|c| &c.notes)),
        ];
        Self::new(kind, title, fields)
    }

    /// A form for a new letter, to `city` by default.
    pub fn add_letter(docket: &Docket, city: Option<&str>, as_of: Date) -> Self {
        let mut ids: Vec<String> = docket.cities.iter().map(|c| c.id.clone()).collect();
        if let Some(at) = city.and_then(|c| ids.iter().position(|id| id == c)) {
            ids.rotate_left(at);
        }
        let first = ids.first().cloned().unwrap_or_default();
        let fields = vec![
            Field::new("city", "City", FieldKind::Choice(ids), &first),
            Field::new("sent", "Sent", DateField, &as_of.to_string()),
            Field::new("due", "Due", DateField, ""),
            Field::new("from", "From", Text, ""),
            Field::new("to", "To", Text, ""),
            Field::new("subject", "Subject", Text, ""),
            Field::new("program", "Program", Text, ""),
            Field::new("demands", "Demands", Lines, ""),
            Field::new("summary", "Summary", Lines, ""),
            Field::new("source", "Source", Text, ""),
            Field::new("tags", "Tags", Text, ""),
        ];
        Self::new(FormKind::AddLetter, "New letter".to_owned(), fields)
    }

    /// A form editing a letter, its city among the choices (its id, thread
    /// and closings stay).
    pub fn edit_letter(docket: &Docket, letter: &Letter) -> Self {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let mut ids: Vec<String> = docket.cities.iter().map(|c| c.id.clone()).collect();
        if let Some(at) = ids.iter().position(|id| *id == letter.city) {
            ids.rotate_left(at);
        }
        let fields = vec![
            Field::new("city", "City", FieldKind::Choice(ids), &letter.city),
            Field::new("sent", "Sent", DateField, &letter.sent.to_string()),
            Field::new("due", "Due", DateField, &date(letter.due)),
            Field::new("from", "From", Text, &letter.from),
            Field::new("to", "To", Text, &letter.to),
            Field::new("subject", "Subject", Text, &letter.subject),
            Field::new(
                "program",
                "Program",
                Text,
                letter.program.as_deref().unwrap_or(""),
            ),
            Field::new("demands", "Demands", Lines, &letter.demands.join("\n")),
            Field::new("summary", "Summary", Lines, &letter.summary),
            Field::new(
                "source",
                "Source",
                Text,
                letter.source.as_deref().unwrap_or(""),
            ),
            Field::new("tags", "Tags", Text, &letter.tags.join(", ")),
        ];
        let title = format!("Edit letter {}", letter.id);
        Self::new(FormKind::EditLetter(letter.id.clone()), title, fields)
    }

    /// A form recording a reply to `letter`, dated `as_of` by default.
    pub fn reply(letter: &Letter, as_of: Date) -> Self {
        let kinds = ReplyKind::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect();
        let fields = vec![
            Field::new("on", "On", DateField, &as_of.to_string()),
            Field::new("from", "From", Text, &letter.to),
            Field::new("kind", "Kind", FieldKind::Choice(kinds), "acknowledges"),
            Field::new("summary", "Summary", Lines, ""),
            Field::new("source", "Source", Text, ""),
        ];
        let title = format!("Reply to {}", letter.id);
        Self::new(FormKind::Reply(letter.id.clone()), title, fields)
    }

    /// A form editing the reply with this id, filled in.
    pub fn edit_reply(letter: &Letter, reply: &Reply) -> Self {
        let kinds = ReplyKind::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect();
        let fields = vec![
            Field::new("on", "On", DateField, &reply.on.to_string()),
            Field::new("from", "From", Text, &reply.from),
            Field::new(
                "kind",
                "Kind",
                FieldKind::Choice(kinds),
                reply.kind.as_str(),
            ),
            Field::new("summary", "Summary", Lines, &reply.summary),
            Field::new(
                "source",
                "Source",
                Text,
                reply.source.as_deref().unwrap_or(""),
            ),
        ];
        let title = format!("Edit reply {} of {}", reply.id, letter.id);
        let kind = FormKind::EditReply(letter.id.clone(), reply.id.clone());
        Self::new(kind, title, fields)
    }

    /// A form editing the extension with this id, filled in.
    pub fn edit_extension(letter: &Letter, extension: &Extension) -> Self {
        let fields = vec![
            Field::new(
                "granted_on",
                "Granted on",
                DateField,
                &extension.granted_on.to_string(),
            ),
            Field::new(
                "new_due",
                "New due",
                DateField,
                &extension.new_due.to_string(),
            ),
            Field::new("note", "Note", Text, &extension.note),
        ];
        let title = format!("Edit extension {} of {}", extension.id, letter.id);
        let kind = FormKind::EditExtension(letter.id.clone(), extension.id.clone());
        Self::new(kind, title, fields)
    }

    /// A form extending `letter`'s deadline, granted `as_of` by default.
    pub fn extend(letter: &Letter, as_of: Date) -> Self {
        let fields = vec![
            Field::new("granted_on", "Granted on", DateField, &as_of.to_string()),
            Field::new("new_due", "New due", DateField, ""),
            Field::new("note", "Note", Text, ""),
        ];
        let title = format!("Extend {}", letter.id);
        Self::new(FormKind::Extend(letter.id.clone()), title, fields)
    }

    /// A form closing `letter`, on `as_of` by default.
    pub fn close(letter: &Letter, as_of: Date) -> Self {
        let fields = vec![
            Field::new("on", "On", DateField, &as_of.to_string()),
            Field::new("outcome", "Outcome", Lines, ""),
        ];
        let title = format!("Close {}", letter.id);
        Self::new(FormKind::Close(letter.id.clone()), title, fields)
    }

    /// A form editing the closing with this id, filled in.
    pub fn edit_closing(letter: &Letter, closing: &Closing) -> Self {
        let reopened = closing
            .reopened_on
            .map(|d| d.to_string())
            .unwrap_or_default();
        let fields = vec![
            Field::new("on", "On", DateField, &closing.on.to_string()),
            Field::new("outcome", "Outcome", Lines, &closing.outcome),
            Field::new("reopened_on", "Reopened", DateField, &reopened),
        ];
        let title = format!("Edit closing {} of {}", closing.id, letter.id);
        let kind = FormKind::EditClosing(letter.id.clone(), closing.id.clone());
        Self::new(kind, title, fields)
    }

    /// A form reopening `letter` on a date, the as-of date by default (not
    /// before its closing); the closing stays, ended that day.
    pub fn reopen(letter: &Letter, as_of: Date) -> Self {
        let on = letter.open_closing().map_or(as_of, |c| as_of.max(c.on));
        let fields = vec![Field::new("on", "On", DateField, &on.to_string())];
        let title = format!("Reopen {}", letter.id);
        Self::new(FormKind::Reopen(letter.id.clone()), title, fields)
    }

    /// Moves the focus by `by` fields, wrapping.
    pub fn step_focus(&mut self, by: isize) {
        let len = self.fields.len() as isize;
        self.focus = (self.focus as isize + by).rem_euclid(len.max(1)) as usize;
    }

    /// Types a key into the focused field. A choice steps with ←/→ or
    /// Space and jumps to the next option starting with a letter typed.
    pub fn input(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        field.error = None;
        if let FieldKind::Choice(options) = &field.kind {
            if let Some(next) = choose(options, field.input.value(), key.code) {
                field.input = Input::new(next);
            }
            return;
        }
        if let Some(request) = to_input_request(&Event::Key(key)) {
            field.input.handle(request);
        }
        match field.key {
            "id" => self.id_follows_name = false,
            "name" if self.id_follows_name => {
                let id = crate::model::text::slug(field.value());
                if let Some(at) = self.fields.iter().position(|f| f.key == "id") {
                    self.fields[at].input = Input::new(id);
                    self.fields[at].error = None;
                }
            }
            _ => {}
        }
    }

    /// Starts a new line in a multi-line field.
    pub fn newline(&mut self) {
        if let Some(field) = self.fields.get_mut(self.focus)
            && field.kind == Lines
        {
            field.input.handle(InputRequest::InsertChar('\n'));
        }
    }

    /// The field with this key.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// Shows why a save was refused: next to the field at fault, and
    /// focuses it; below the form when no field of it is at fault.
    pub fn set_error(&mut self, key: &str, message: String) {
        self.set_errors(vec![(key.to_owned(), message)]);
    }

    /// Shows every field at fault at once, focusing the first; a message
    /// naming no field of the form goes below it.
    pub fn set_errors(&mut self, errors: Vec<(String, String)>) {
        for field in &mut self.fields {
            field.error = None;
        }
        self.error = None;
        let mut first = None;
        for (key, message) in errors {
            match self.fields.iter().position(|f| f.key == key) {
                Some(at) => {
                    self.fields[at].error = Some(message);
                    first = Some(first.map_or(at, |f: usize| f.min(at)));
                }
                None => self.error = Some(message),
            }
        }
        if let Some(at) = first {
            self.focus = at;
        }
    }

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
                Change::AddLetter(self.letter(letter, anchor)?)
            }
            FormKind::EditLetter(id) => {
                let letter = (docket.letter(id).cloned())
                    .ok_or(("subject", format!("letter {id} no longer exists")))?;
                Change::EditLetter(self.letter(letter, anchor)?)
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
    fn letter(&self, mut letter: Letter, anchor: Date) -> Result<Letter, FieldError> {
        if let Some(city) = self.field("city") {
            city.value().clone_into(&mut letter.city);
        }
        letter.sent = self.date("sent", anchor)?;
        letter.due = self.optional_date("due", anchor)?;
        letter.from = self.text("from");
        letter.to = self.text("to");
        letter.subject = self.text("subject");
        letter.program = self.field("program").and_then(Field::optional);
        letter.demands = self.field("demands").map(Field::lines).unwrap_or_default();
        letter.summary = self.text("summary");
        letter.source = self.field("source").and_then(Field::optional);
        if let Some(tags) = self.field("tags") {
            letter.tags = (tags.value().split(','))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
        }
        Ok(letter)
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
const OPTIONAL_DATES: &[&str] = &["due"];

/// `subject is required`.
fn required_message(field: &Field) -> String {
    format!("{} is required", field.label.to_lowercase())
}

/// The option a key chooses from `options` when `current` is chosen: the
/// previous or next with ←/→ (Space: next), wrapping; with a letter, the
/// next option starting with it (case aside), wrapping.
fn choose(options: &[String], current: &str, code: KeyCode) -> Option<String> {
    let len = options.len();
    let at = options.iter().position(|o| o == current).unwrap_or(0);
    let step = |by: usize| options.get((at + by) % len.max(1)).cloned();
    match code {
        KeyCode::Left => step(len.max(1) - 1),
        KeyCode::Right | KeyCode::Char(' ') => step(1),
        KeyCode::Char(c) => {
            let starts = |o: &&String| {
                o.chars()
                    .next()
                    .is_some_and(|f| f.to_lowercase().eq(c.to_lowercase()))
            };
            let mut after = options.iter().cycle().skip(at + 1).take(len);
            after.find(starts).cloned()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_jumps_to_the_next_option_starting_with_it() {
        let options: Vec<String> = ["austin", "baltimore", "boston", "chicago"]
            .map(str::to_owned)
            .to_vec();
        let key = KeyCode::Char;
        assert_eq!(
            choose(&options, "austin", key('b')).as_deref(),
            Some("baltimore")
        );
        assert_eq!(
            choose(&options, "baltimore", key('B')).as_deref(),
            Some("boston")
        );
        assert_eq!(
            choose(&options, "boston", key('b')).as_deref(),
            Some("baltimore")
        );
        assert_eq!(choose(&options, "boston", key('z')), None);
        assert_eq!(
            choose(&options, "austin", KeyCode::Left).as_deref(),
            Some("chicago")
        );
    }
}
