//! Editing: forms, questions, and the changes not yet on disk.

use super::{App, Pane};
use chrono::Months;

use crate::clock::Clock;
use crate::model::text::{count, with_weekday};
use crate::model::{Change, Date, Document, History, Letter, Put, Stamp};
use crate::tui::form::{Form, FormKind};

/// A yes/no question, and what a yes does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question.
    pub question: String,
    /// What happens on yes.
    pub on_yes: OnYes,
}

/// What a yes to a question does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnYes {
    /// Apply a change (a deletion).
    Apply(Box<Change>),
    /// Quit with changes unsaved.
    Quit,
    /// Close the open form, throwing away what was typed.
    DiscardForm,
    /// Apply the open form's change, dated more than a year after today, and
    /// close the form.
    Submit(Box<Change>),
}

/// A change made since the last successful save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// A change as asked for, and the stamp it was logged with.
    Change(Box<Change>, Stamp),
    /// An undo or redo.
    Puts(Vec<Put>),
}

/// Input/output the session must do for the app; its outcome comes back as
/// an [`Action`](crate::tui::action::Action).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the docket (merged with the file if it changed on disk).
    Save,
    /// Open this document with the system's opener.
    Open(Document),
}

/// The form or question open, the history, and what is not saved yet.
#[derive(Debug, Default)]
pub struct Editing {
    /// The open form.
    pub form: Option<Form>,
    /// The open question.
    pub confirm: Option<Confirm>,
    /// Undo and redo.
    pub history: History,
    /// The changes not on disk yet, oldest first.
    pub unsaved: Vec<Pending>,
    /// Why nothing can be changed, if so.
    pub read_only: Option<String>,
    /// What the latest change did, for "... · saved".
    pub last_change: String,
    /// Who makes the changes, and the clock that dates them.
    pub author: Author,
    effects: Vec<Effect>,
}

/// Who makes the interface's changes (the entry point resolved the name),
/// and the clock their log entries are dated by.
#[derive(Debug, Clone, Default)]
pub struct Author {
    /// The name; empty for `unknown`.
    pub name: String,
    /// The wall clock; without one (a test), entries are dated today at midnight.
    pub clock: Option<Clock>,
}

impl Author {
    /// The name changes are logged by and `mine` means.
    pub fn name(&self) -> &str {
        if self.name.is_empty() {
            "unknown"
        } else {
            &self.name
        }
    }

    /// The stamp for a change made now (`today` when there is no clock).
    pub fn stamp(&self, today: Date) -> Stamp {
        let at = self
            .clock
            .map_or_else(|| today.and_time(chrono::NaiveTime::MIN), |c| c.now());
        Stamp::new(at, self.name())
    }
}

impl Editing {
    /// Asks the session for some input/output (once, however often asked).
    pub fn ask_for(&mut self, effect: Effect) {
        if !self.effects.contains(&effect) {
            self.effects.push(effect);
        }
    }

    /// The next input/output for the session, in the order asked.
    pub fn take_effect(&mut self) -> Option<Effect> {
        (!self.effects.is_empty()).then(|| self.effects.remove(0))
    }

    /// Edits the open form, if any.
    pub fn with_form(&mut self, edit: impl FnOnce(&mut Form)) {
        if let Some(form) = &mut self.form {
            edit(form);
        }
    }

    /// `N changes`, for questions and messages.
    pub fn unsaved_words(&self) -> String {
        count(self.unsaved.len() as i64, "change")
    }
}

/// Opening forms and asking questions.
impl App {
    /// A change asked for on a read-only docket: says why it cannot be.
    pub(super) fn refused_as_read_only(&mut self) -> bool {
        let Some(reason) = &self.editing.read_only else {
            return false;
        };
        self.shell.note(reason.clone());
        true
    }

    pub(super) fn quit(&mut self) {
        if self.editing.unsaved.is_empty() {
            self.shell.quit = true;
        } else {
            let question = format!(
                "{} not saved. Quit anyway? (y/n)",
                self.editing.unsaved_words()
            );
            self.ask(question, OnYes::Quit);
        }
    }

    fn ask(&mut self, question: String, on_yes: OnYes) {
        self.editing.confirm = Some(Confirm { question, on_yes });
    }

    pub(super) fn add(&mut self) {
        if self.selection.focus == Pane::Cities {
            self.editing.form = Some(Form::add_city());
        } else if self.docket.cities.is_empty() {
            self.shell.note("add a city first: a in the Cities pane");
        } else {
            let city = self.selected_city().map(|c| c.id.clone());
            let form = Form::add_letter(&self.docket, city.as_deref(), self.query.as_of);
            self.editing.form = Some(form);
        }
    }

    pub(super) fn open_edit_form(&mut self) {
        if let Some(entry) = self.selected_entry().map(str::to_owned) {
            return self.open_entry_form(&entry);
        }
        self.editing.form = if self.selection.focus == Pane::Cities {
            self.selected_city().map(Form::edit_city)
        } else {
            (self.selected_letter()).map(|letter| Form::edit_letter(&self.docket, letter))
        };
        if self.editing.form.is_none() {
            self.shell.note("nothing selected to edit");
        }
    }

    /// The form of the selected letter's reply, extension or closing `entry`.
    fn open_entry_form(&mut self, entry: &str) {
        let Some(letter) = self.selected_letter() else {
            return;
        };
        let reply = letter.replies.iter().find(|r| r.id == entry);
        let extension = letter.extensions.iter().find(|e| e.id == entry);
        let closing = letter.closings.iter().find(|c| c.id == entry);
        self.editing.form = (reply.map(|r| Form::edit_reply(letter, r)))
            .or_else(|| extension.map(|e| Form::edit_extension(letter, e)))
            .or_else(|| closing.map(|c| Form::edit_closing(letter, c)));
    }

    /// Asks to delete the selected letter's reply, extension or closing `entry`.
    fn ask_delete_entry(&mut self, entry: &str) {
        let Some(letter) = self.selected_letter() else {
            return;
        };
        let id = letter.id.clone();
        let (question, change) = if letter.replies.iter().any(|r| r.id == entry) {
            let question = format!("Delete reply {entry} of {id}? (y/n)");
            (question, Change::RemoveReply(id, entry.to_owned()))
        } else if letter.extensions.iter().any(|e| e.id == entry) {
            let question = format!("Delete extension {entry} of {id}? (y/n)");
            (question, Change::RemoveExtension(id, entry.to_owned()))
        } else {
            let question = format!("Delete closing {entry} of {id}? (y/n)");
            (question, Change::RemoveClosing(id, entry.to_owned()))
        };
        self.ask(question, OnYes::Apply(Box::new(change)));
    }

    pub(super) fn open_letter_form(&mut self, make: fn(&Letter, Date) -> Form) {
        match self.selected_letter() {
            Some(letter) => self.editing.form = Some(make(letter, self.query.as_of)),
            None => self.shell.note("select a letter first"),
        }
    }

    pub(super) fn ask_delete(&mut self) {
        if let Some(entry) = self.selected_entry().map(str::to_owned) {
            return self.ask_delete_entry(&entry);
        }
        if self.selection.focus == Pane::Cities {
            let Some(city) = self.selected_city() else {
                return;
            };
            let letters = self.docket.letters_of(&city.id).count();
            let question = if letters == 0 {
                format!("Delete city {}? (y/n)", city.name)
            } else {
                format!(
                    "{} still has {}. Delete the city and its letters? (y/n)",
                    city.name,
                    count(letters as i64, "letter")
                )
            };
            let change = Change::RemoveCity {
                id: city.id.clone(),
                with_letters: letters > 0,
            };
            self.ask(question, OnYes::Apply(Box::new(change)));
        } else if let Some(letter) = self.selected_letter() {
            let question = format!("Delete letter {}? (y/n)", letter.id);
            let change = Change::RemoveLetter(letter.id.clone());
            self.ask(question, OnYes::Apply(Box::new(change)));
        }
    }

    pub(super) fn close_or_reopen(&mut self) {
        let Some(letter) = self.selected_letter() else {
            self.shell.note("select a letter first");
            return;
        };
        if letter.open_closing().is_some() {
            self.open_letter_form(Form::reopen);
        } else {
            self.open_letter_form(Form::close);
        }
    }

    /// `o`: opens the selected letter's document, or asks which of its
    /// documents to open.
    pub(super) fn open_document(&mut self) {
        let Some(letter) = self.selected_letter() else {
            self.shell.note("select a letter first");
            return;
        };
        match letter.documents.as_slice() {
            [] => {
                let note = format!("{} has no documents (e adds them: Documents)", letter.id);
                self.shell.note(note);
            }
            [document] => {
                let document = document.clone();
                self.editing.ask_for(Effect::Open(document));
            }
            _ => self.editing.form = Some(Form::open_document(letter)),
        }
    }

    /// Enter in the chooser of documents: opens the one chosen.
    fn open_chosen(&mut self, letter: &str) {
        let chosen = (self.editing.form.as_ref())
            .and_then(|form| form.field("document"))
            .map(|field| field.value().to_owned());
        let document = (self.docket.letter(letter))
            .and_then(|l| {
                l.documents
                    .iter()
                    .find(|d| Some(&d.label) == chosen.as_ref())
            })
            .cloned();
        self.editing.form = None;
        match document {
            Some(document) => self.editing.ask_for(Effect::Open(document)),
            None => self.shell.note("that document is no longer there"),
        }
    }

    pub(super) fn answer(&mut self, yes: bool) {
        let Some(confirm) = self.editing.confirm.take() else {
            return;
        };
        match (yes, confirm.on_yes) {
            (false, OnYes::DiscardForm | OnYes::Submit(_)) => {
                self.shell.note("still editing: nothing changed");
            }
            (false, _) => self.shell.note("nothing changed"),
            (true, OnYes::Quit) => self.shell.quit = true,
            (true, OnYes::DiscardForm) => self.discard_form(),
            (true, OnYes::Apply(change)) => self.commit_or_say(*change),
            (true, OnYes::Submit(change)) => self.submit_change(*change),
        }
    }

    pub(super) fn submit(&mut self) {
        let Some(form) = &self.editing.form else {
            return;
        };
        if let FormKind::OpenDocument(letter) = &form.kind {
            let letter = letter.clone();
            return self.open_chosen(&letter);
        }
        // The form's own checks on every field first, then the model's.
        let errors = form.errors(self.query.as_of);
        if !errors.is_empty() {
            return self.editing.with_form(|form| {
                form.set_errors(errors.into_iter().map(|(k, m)| (k.to_owned(), m)).collect());
            });
        }
        match form.change(&self.docket, self.query.as_of) {
            Ok(change) => {
                // A date more than a year after today is more often a typo
                // than a plan: asked about before it is recorded.
                let year_ahead = self.query.today.checked_add_months(Months::new(12));
                match change.latest_date() {
                    Some(date) if year_ahead.is_some_and(|limit| date > limit) => {
                        let question = format!(
                            "{} is more than a year after today. Record it? (y/n)",
                            with_weekday(date)
                        );
                        self.ask(question, OnYes::Submit(Box::new(change)));
                    }
                    _ => self.submit_change(change),
                }
            }
            Err(error) => self.editing.with_form(|form| {
                form.set_errors(vec![(error.0.to_owned(), error.1)]);
            }),
        }
    }

    /// Commits the open form's change and closes the form, or shows the
    /// model's objection on the form.
    fn submit_change(&mut self, change: Change) {
        let outcome = self.commit(change).map_err(|e| vec![(e.field, e.message)]);
        match outcome {
            Ok(()) => self.editing.form = None,
            Err(errors) => {
                let errors = errors.into_iter().map(|(k, m)| (k.to_owned(), m)).collect();
                self.editing.with_form(|form| form.set_errors(errors));
            }
        }
    }

    /// Esc on a form: closes it, asking first when text typed would be lost.
    pub(super) fn cancel_form(&mut self) {
        let choosing = (self.editing.form.as_ref())
            .is_some_and(|form| matches!(form.kind, FormKind::OpenDocument(_)));
        if choosing {
            self.editing.form = None;
        } else if self.editing.form.as_ref().is_some_and(Form::is_changed) {
            let question = "Throw away what you typed? (y/n)".to_owned();
            self.ask(question, OnYes::DiscardForm);
        } else {
            self.discard_form();
        }
    }

    fn discard_form(&mut self) {
        self.editing.form = None;
        self.shell.note("cancelled: nothing changed");
    }
}
