//! Forms for changes: fields typed with `tui-input`, turned into a `Change`.
//! The forms of each change are built in `build`, checked and turned into
//! a change in `submit`.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

mod build;
mod field;
mod preview;
mod submit;

use FieldKind::Lines;
pub use field::{Due, Field, FieldKind};
pub use preview::{PreviewLine, has_preview};
pub use submit::FieldError;

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
    /// Not a change: which of the letter's documents to open.
    OpenDocument(String),
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

    /// Whether any field holds text other than it opened with.
    pub fn is_changed(&self) -> bool {
        let now = self.fields.iter().map(|f| f.input.value());
        now.ne(self.opened.iter().map(String::as_str))
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
