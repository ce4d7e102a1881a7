//! Conflicts from a merge: the list (`!`), and resolving one with a key,
//! keeping mine, keeping theirs, or editing the letter (then mine is the
//! edit). A resolution is a change like any other: undoable, and saved.

use super::{App, OnYes, Pane, Pending};
use crate::merge::{Side, resolve};
use crate::model::{Applied, Conflict, Docket, Put};
use crate::tui::form::Form;
use crate::tui::keymap::Mode;

/// The conflicts list's cursor, and the conflict whose letter is being
/// edited to resolve it.
#[derive(Debug, Default)]
pub struct Resolving {
    /// The conflict under the cursor, an index into `Docket::conflicts`.
    pub cursor: usize,
    /// Resolved as ours once the letter's form is saved.
    pub editing: Option<Conflict>,
}

/// The letter a conflict is about: `letter L`, `reply L r2`, `extension L
/// x1`, `closing L c1`; `None` for a city or the settings.
pub fn letter_of(conflict: &Conflict) -> Option<&str> {
    let (kind, rest) = conflict.record.split_once(' ')?;
    matches!(kind, "letter" | "reply" | "extension" | "closing")
        .then(|| rest.split(' ').next())
        .flatten()
}

impl App {
    /// Opens or closes the conflicts list, its cursor on the selected
    /// letter's first conflict.
    pub(super) fn toggle_conflicts(&mut self) {
        if self.shell.mode == Mode::Conflicts {
            self.shell.mode = Mode::Normal;
            return;
        }
        if self.docket.conflicts.is_empty() {
            self.shell.note("no conflicts: nothing to resolve");
            return;
        }
        let letter = self.selected_letter().map(|l| l.id.clone());
        self.resolving.cursor = (self.docket.conflicts.iter())
            .position(|c| letter.is_some() && letter_of(c) == letter.as_deref())
            .unwrap_or(0);
        self.shell.mode = Mode::Conflicts;
    }

    /// Moves the cursor in the conflicts list.
    pub(super) fn move_conflict(&mut self, by: isize) {
        let last = self.docket.conflicts.len().saturating_sub(1);
        self.resolving.cursor = self.conflict_cursor().saturating_add_signed(by).min(last);
    }

    /// The conflict under the conflicts list's cursor, an index into
    /// `Docket::conflicts` (kept within the list, which may have shrunk).
    pub fn conflict_cursor(&self) -> usize {
        (self.resolving.cursor).min(self.docket.conflicts.len().saturating_sub(1))
    }

    /// Resolves the conflict under the cursor with `side`'s value.
    pub(super) fn resolve_conflict(&mut self, side: Side) {
        let Some(conflict) = self.docket.conflicts.get(self.conflict_cursor()).cloned() else {
            return;
        };
        let words = match side {
            Side::Ours => "kept mine",
            Side::Theirs => "kept theirs",
        };
        self.resolve_with(&conflict, side, words);
        if self.docket.conflicts.is_empty() && self.shell.mode == Mode::Conflicts {
            self.shell.mode = Mode::Normal;
        }
    }

    /// Opens the form of the letter the conflict under the cursor is
    /// about; saving it resolves the conflict with the edit.
    pub(super) fn edit_conflict(&mut self) {
        let Some(conflict) = self.docket.conflicts.get(self.conflict_cursor()).cloned() else {
            return;
        };
        let letter = letter_of(&conflict).and_then(|id| self.docket.letter(id));
        let Some(letter) = letter else {
            let what = &conflict.record;
            self.shell.note(format!(
                "{what} is not a letter in the docket: keep mine or theirs"
            ));
            return;
        };
        self.editing.form = Some(Form::edit_letter(&self.docket, letter));
        self.resolving.editing = Some(conflict);
        self.shell.mode = Mode::Normal;
    }

    /// Enter in a form: saves it, and a conflict it was opened for is
    /// resolved with the edit.
    pub(super) fn submit_form(&mut self) {
        self.submit();
        self.after_conflict_form(true);
    }

    /// Esc in a form: a conflict it was opened for stays.
    pub(super) fn cancel_form_resolving(&mut self) {
        self.cancel_form();
        self.after_conflict_form(false);
    }

    /// The answer to a question, which may save or throw away a form
    /// opened for a conflict.
    pub(super) fn answer_resolving(&mut self, yes: bool) {
        let on_yes = self.editing.confirm.as_ref().map(|c| &c.on_yes);
        let saved = yes && matches!(on_yes, Some(OnYes::Submit(_)));
        self.answer(yes);
        self.after_conflict_form(saved);
    }

    /// After a form closed: the conflict it was opened for is resolved
    /// with the edit if it was saved, and stays if it was cancelled.
    fn after_conflict_form(&mut self, saved: bool) {
        if self.editing.form.is_some() || self.editing.confirm.is_some() {
            return;
        }
        let Some(conflict) = self.resolving.editing.take() else {
            return;
        };
        if saved && self.docket.conflicts.contains(&conflict) {
            self.resolve_with(&conflict, Side::Ours, "kept the edit");
        }
    }

    /// Applies a resolution as one undoable change: the record as resolved
    /// and the conflicts list without it.
    fn resolve_with(&mut self, conflict: &Conflict, side: Side, words: &str) {
        let mut resolved: Docket = (*self.docket).clone();
        let field = Some(conflict.field.as_str()).filter(|f| !f.is_empty());
        if let Err(err) = resolve(&mut resolved, &conflict.record, field, side) {
            return self.shell.note(format!("not resolved: {err}"));
        }
        let Some(puts) = puts_for(conflict, &resolved) else {
            return self.shell.note(format!(
                "{} is resolved on the command line: docket resolve {} {} --ours|--theirs",
                conflict.record, conflict.record, conflict.field
            ));
        };
        let undo = self.docket.put(puts.clone());
        let what = if conflict.field.is_empty() {
            conflict.record.clone()
        } else {
            format!("{} {}", conflict.record, conflict.field)
        };
        let applied = Applied {
            description: format!("resolved {what} ({words})"),
            id: letter_of(conflict).unwrap_or_default().to_owned(),
            undo,
        };
        self.editing.history.record(&applied);
        self.editing.unsaved.push(Pending::Puts(puts.clone()));
        self.changed(applied.description, &puts);
        if self.selection.focus == Pane::Cities {
            return;
        }
        if let Some(id) = letter_of(conflict).map(str::to_owned) {
            self.select_letter_id(&id);
        }
    }
}

/// The puts that turn the docket into `resolved`: the conflict's record and
/// the conflicts list. `None` for the settings, which no put carries.
fn puts_for(conflict: &Conflict, resolved: &Docket) -> Option<Vec<Put>> {
    let record = match conflict.record.split_once(' ') {
        Some(("city", id)) => Put::City(id.to_owned(), resolved.city(id).cloned()),
        _ => {
            let id = letter_of(conflict)?;
            let letter = resolved.letters.iter().find(|l| l.id == id).cloned();
            Put::Letter(id.to_owned(), letter)
        }
    };
    Some(vec![record, Put::Conflicts(resolved.conflicts.clone())])
}
