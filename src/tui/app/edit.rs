//! Editing: forms, deletions, undo and redo, and what must be saved.

use super::App;
use super::Pane;
use crate::model::text::count as plural;
use crate::model::{Change, Docket, Put, Replayed};
use crate::store::StoreError;
use crate::tui::action::Action;
use crate::tui::form::Form;

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
}

/// A change made since the last successful save, to re-apply after a reload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// A change as asked for.
    Change(Box<Change>),
    /// An undo or redo.
    Puts(Vec<Put>),
}

/// Input/output the event loop must do for the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Save the docket.
    Save,
    /// Reload the file and re-apply the unsaved changes.
    Reload,
}

impl App {
    /// Handles the editing actions; false for any other action.
    pub(super) fn edit(&mut self, action: Action) -> bool {
        let changes_docket = matches!(
            action,
            Action::Add
                | Action::Edit
                | Action::Delete
                | Action::Reply
                | Action::Extend
                | Action::CloseReopen
                | Action::Undo
                | Action::Redo
        );
        if changes_docket && let Some(reason) = &self.read_only {
            self.message = Some(reason.clone());
            return true;
        }
        match action {
            Action::Quit if !self.unsaved.is_empty() => self.ask(
                format!(
                    "{} not saved. Quit anyway? (y/n)",
                    plural(self.unsaved.len() as i64, "change")
                ),
                OnYes::Quit,
            ),
            Action::Add => self.add(),
            Action::Edit => self.open_edit_form(),
            Action::Delete => self.ask_delete(),
            Action::Reply => self.open_letter_form(Form::reply),
            Action::Extend => self.open_letter_form(Form::extend),
            Action::CloseReopen => self.close_or_reopen(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save if self.unsaved.is_empty() => {
                self.message = Some("nothing to save".to_owned());
            }
            Action::Save => self.effect = Some(super::Effect::Save),
            Action::Reload => self.effect = Some(super::Effect::Reload),
            Action::FormNext => self.with_form(|form| form.step_focus(1)),
            Action::FormPrev => self.with_form(|form| form.step_focus(-1)),
            Action::FormNewline => self.with_form(Form::newline),
            Action::FormInput(key) => self.with_form(|form| form.input(key)),
            Action::FormSubmit => self.submit(),
            Action::FormCancel => {
                self.form = None;
                self.message = Some("cancelled: nothing changed".to_owned());
            }
            Action::Confirm(yes) => self.answer(yes),
            _ => return false,
        }
        true
    }

    fn with_form(&mut self, edit: impl FnOnce(&mut Form)) {
        if let Some(form) = &mut self.form {
            edit(form);
        }
    }

    fn ask(&mut self, question: String, on_yes: OnYes) {
        self.confirm = Some(super::Confirm { question, on_yes });
    }

    fn add(&mut self) {
        if self.focus == Pane::Cities {
            self.form = Some(Form::add_city());
        } else if self.docket.cities.is_empty() {
            self.message = Some("add a city first: a in the Cities pane".to_owned());
        } else {
            let city = self.selected_city().map(|c| c.id.clone());
            self.form = Some(Form::add_letter(&self.docket, city.as_deref(), self.as_of));
        }
    }

    fn open_edit_form(&mut self) {
        self.form = if self.focus == Pane::Cities {
            self.selected_city().map(Form::edit_city)
        } else {
            self.selected_letter().map(Form::edit_letter)
        };
        if self.form.is_none() {
            self.message = Some("nothing selected to edit".to_owned());
        }
    }

    fn open_letter_form(&mut self, make: fn(&crate::model::Letter, crate::model::Date) -> Form) {
        match self.selected_letter() {
            Some(letter) => self.form = Some(make(letter, self.as_of)),
            None => self.message = Some("select a letter first".to_owned()),
        }
    }

    fn ask_delete(&mut self) {
        if self.focus == Pane::Cities {
            let Some(city) = self.selected_city() else {
                return;
            };
            let count = self.docket.letters_of(&city.id).count();
            let question = if count == 0 {
                format!("Delete city {}? (y/n)", city.name)
            } else {
                format!(
                    "{} still has {}. Delete the city and them? (y/n)",
                    city.name,
                    plural(count as i64, "letter")
                )
            };
            let change = Change::RemoveCity {
                id: city.id.clone(),
                with_letters: count > 0,
            };
            self.ask(question, OnYes::Apply(Box::new(change)));
        } else if let Some(letter) = self.selected_letter() {
            let question = format!("Delete letter {}? (y/n)", letter.id);
            let change = Change::RemoveLetter(letter.id.clone());
            self.ask(question, OnYes::Apply(Box::new(change)));
        }
    }

    fn close_or_reopen(&mut self) {
        let Some(letter) = self.selected_letter() else {
            self.message = Some("select a letter first".to_owned());
            return;
        };
        if letter.closed.is_some() {
            let change = Change::Reopen(letter.id.clone());
            if let Err(err) = self.commit(change) {
                self.message = Some(err.message);
            }
        } else {
            self.open_letter_form(Form::close);
        }
    }

    fn answer(&mut self, yes: bool) {
        let Some(confirm) = self.confirm.take() else {
            return;
        };
        match (yes, confirm.on_yes) {
            (false, _) => self.message = Some("nothing changed".to_owned()),
            (true, OnYes::Quit) => self.quit = true,
            (true, OnYes::Apply(change)) => {
                if let Err(err) = self.commit(*change) {
                    self.message = Some(err.message);
                }
            }
        }
    }

    fn submit(&mut self) {
        let Some(form) = &self.form else {
            return;
        };
        let outcome = form
            .change(&self.docket, self.as_of)
            .and_then(|change| self.commit(change).map_err(|e| (e.field, e.message)));
        match outcome {
            Ok(()) => self.form = None,
            Err((field, message)) => self.with_form(|form| form.set_error(field, message)),
        }
    }

    /// Applies a change, records it for undo and asks for a save.
    fn commit(&mut self, change: Change) -> Result<(), crate::model::Invalid> {
        let verb = match &change {
            Change::AddCity(_) | Change::AddLetter(_) | Change::AddReply(..) => "added",
            Change::AddExtension(..) | Change::Close(..) | Change::Reopen(_) => "recorded",
            Change::EditCity(_) | Change::EditLetter(_) => "edited",
            Change::RemoveCity { .. } | Change::RemoveLetter(_) => "deleted",
        };
        let applied = self.docket.apply(change.clone())?;
        // Re-applied after a reload, a new letter must keep the id it got now.
        let change = match change {
            Change::AddLetter(mut letter) => {
                letter.id = applied.id.clone();
                Change::AddLetter(letter)
            }
            other => other,
        };
        let added_city = matches!(change, Change::AddCity(_));
        let added_letter = matches!(change, Change::AddLetter(_));
        self.history.record(&applied);
        self.unsaved.push(Pending::Change(Box::new(change)));
        self.changed(format!("{verb} {}", applied.description), &applied.undo);
        if added_city {
            self.select_city_id(&applied.id);
        } else if added_letter
            && let Some(index) = self.docket.letters.iter().position(|l| l.id == applied.id)
        {
            self.select_letter(index);
        }
        Ok(())
    }

    fn undo(&mut self) {
        let step = self.history.undo(&mut self.docket);
        self.replayed(step, "undid", "nothing to undo");
    }

    fn redo(&mut self) {
        let step = self.history.redo(&mut self.docket);
        self.replayed(step, "redid", "nothing to redo");
    }

    fn replayed(&mut self, step: Option<Replayed>, verb: &str, nothing: &str) {
        match step {
            Some(step) => {
                self.changed(format!("{verb}: {}", step.description), &step.puts);
                self.unsaved.push(Pending::Puts(step.puts));
            }
            None => self.message = Some(nothing.to_owned()),
        }
    }

    fn changed(&mut self, what: String, puts: &[Put]) {
        self.views.changed(&self.docket, puts);
        self.update_view();
        self.last_change = what.clone();
        self.message = Some(what);
        self.effect = Some(super::Effect::Save);
    }

    /// The input/output the event loop must do next, if any.
    pub fn take_effect(&mut self) -> Option<Effect> {
        self.effect.take()
    }

    /// How many changes are not on disk yet.
    pub fn unsaved_count(&self) -> usize {
        self.unsaved.len()
    }

    /// The open form.
    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    /// The open question.
    pub fn confirm(&self) -> Option<&Confirm> {
        self.confirm.as_ref()
    }

    /// Whether the docket cannot be changed (another docket has the file).
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    /// Takes the outcome of a save.
    pub fn finish_save(&mut self, result: Result<(), StoreError>) {
        self.message = Some(match result {
            Ok(()) => {
                self.unsaved.clear();
                format!("{} · saved", self.last_change)
            }
            Err(err @ StoreError::Changed { .. }) => format!(
                "{err}. Press R to reload it and re-apply your {}.",
                plural(self.unsaved.len() as i64, "change")
            ),
            Err(err) => format!(
                "NOT SAVED: {err}. The file on disk is the previous version; \
                 your {} stay here, and Ctrl-s or the next change tries again.",
                plural(self.unsaved.len() as i64, "change")
            ),
        });
    }

    /// Replaces the docket with the one just reloaded from disk and re-applies
    /// the unsaved changes to it; returns how many no longer applied.
    pub fn rebase(&mut self, reloaded: Docket) -> usize {
        let pending = std::mem::take(&mut self.unsaved);
        self.docket = reloaded.into();
        self.history.clear();
        let mut dropped = 0;
        for item in pending {
            let applies = match &item {
                Pending::Change(change) => self.docket.apply((**change).clone()).is_ok(),
                Pending::Puts(puts) => {
                    self.docket.put(puts.clone());
                    true
                }
            };
            if applies {
                self.unsaved.push(item);
            } else {
                dropped += 1;
            }
        }
        self.refresh();
        self.last_change = format!(
            "reloaded the file and re-applied {}",
            plural(self.unsaved.len() as i64, "change")
        );
        self.message = Some(self.last_change.clone());
        if !self.unsaved.is_empty() {
            self.effect = Some(Effect::Save);
        }
        dropped
    }

    /// Shows a message in the status line.
    pub fn note(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }
}
