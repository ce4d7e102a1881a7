//! Changes: applying them, undo and redo, and what the session reports back
//! about saving them and about the changes that arrive from elsewhere.

use super::{App, Effect, Pending};
use crate::model::{Change, Invalid, Put, Replayed};
use crate::tui::action::SaveOutcome;
use crate::tui::arrival::Arrival;

impl App {
    /// Applies a change, or says in the status line why it cannot be.
    pub(super) fn commit_or_say(&mut self, change: Change) {
        if let Err(err) = self.commit(change) {
            self.shell.note(err.message);
        }
    }

    /// Applies a change, records it for undo and asks for a save.
    pub(super) fn commit(&mut self, change: Change) -> Result<(), Invalid> {
        let verb = match &change {
            Change::AddCity(_)
            | Change::AddLetter(_)
            | Change::AddLetters(_)
            | Change::AddReply(..) => "added",
            Change::AddExtension(..) | Change::Close(..) | Change::Reopen { .. } => "recorded",
            Change::EditCity(_)
            | Change::EditLetter(_)
            | Change::EditReply(..)
            | Change::EditExtension(..)
            | Change::EditClosing(..) => "edited",
            Change::Settings(_) => "changed",
            Change::RemoveCity { .. }
            | Change::RemoveLetter(_)
            | Change::RemoveReply(..)
            | Change::RemoveExtension(..)
            | Change::RemoveClosing(..) => "deleted",
        };
        let stamp = self.editing.author.stamp(self.query.today);
        let mut applied = self.docket.apply_by(change.clone(), &stamp)?;
        // History keeps what was done, so an undo can say what it undid.
        applied.description = format!("{verb} {}", applied.description);
        let added_city = matches!(change, Change::AddCity(_));
        let added_letter = matches!(change, Change::AddLetter(_) | Change::AddLetters(_));
        self.editing.history.record(&applied);
        (self.editing.unsaved).push(Pending::Change(Box::new(change), stamp));
        self.changed(applied.description.clone(), &applied.undo);
        if added_city {
            self.select_city_id(&applied.id);
        } else if added_letter {
            self.select_letter_id(&applied.id);
        }
        Ok(())
    }

    /// Selects the city with this id, if it is shown.
    fn select_city_id(&mut self, id: &str) {
        let docket = &self.docket;
        let cities = &self.query.view.cities;
        if let Some(at) = cities
            .iter()
            .position(|row| docket.cities[row.city].id == id)
        {
            self.selection.select(at, 0);
        }
    }

    /// Selects the letter with this id, if it is shown.
    pub(super) fn select_letter_id(&mut self, id: &str) {
        if let Some(index) = self.docket.letters.iter().position(|l| l.id == id) {
            self.selection.select_letter(index, &self.query.view);
        }
    }

    pub(super) fn undo(&mut self) {
        let step = self.editing.history.undo(&mut self.docket);
        let step = step.map(|mut step| {
            step.description = undo_words(&step.description);
            step
        });
        self.replayed(step, "undo", "nothing to undo");
    }

    pub(super) fn redo(&mut self) {
        let step = self.editing.history.redo(&mut self.docket);
        self.replayed(step, "redid", "nothing to redo");
    }

    fn replayed(&mut self, step: Option<Replayed>, verb: &str, nothing: &str) {
        match step {
            Some(step) => {
                self.changed(format!("{verb}: {}", step.description), &step.puts);
                self.editing.unsaved.push(Pending::Puts(step.puts));
            }
            None => self.shell.note(nothing),
        }
    }

    pub(super) fn changed(&mut self, what: String, puts: &[Put]) {
        self.query.changed(&self.docket, puts);
        self.story.forget(&self.docket, self.query.as_of);
        self.update_view();
        self.shell.note(what.clone());
        self.editing.last_change = what;
        self.editing.ask_for(Effect::Save);
    }

    pub(super) fn save_again(&mut self) {
        if self.editing.unsaved.is_empty() {
            self.shell.note("nothing to save");
        } else {
            self.editing.ask_for(Effect::Save);
        }
    }

    /// A save of the docket as it was when `changes` changes were unsaved
    /// ended: on success those are on disk, and any made since wait for the
    /// next save.
    pub(super) fn saved(&mut self, changes: usize, outcome: SaveOutcome) {
        let unsaved = &mut self.editing.unsaved;
        if outcome == SaveOutcome::Saved && changes < unsaved.len() {
            unsaved.drain(..changes);
            return;
        }
        let message = match outcome {
            SaveOutcome::Saved => {
                unsaved.clear();
                format!("{} · saved", self.editing.last_change)
            }
            SaveOutcome::Failed(err) => format!(
                "NOT SAVED: {err}. The file on disk is the previous version; \
                 your {} stay here, and Ctrl-s or the next change tries again.",
                self.editing.unsaved_words()
            ),
        };
        self.shell.note(message);
    }

    /// A change made elsewhere arrived, merged with ours: its records
    /// replace ours (the index keeps what still holds), the selection stays
    /// on the same letter, and the status line says what came.
    pub(super) fn arrived(&mut self, arrival: Arrival) {
        let Arrival {
            puts,
            settings,
            retired_ids,
            conflicts,
            summary,
            ..
        } = arrival;
        // An undo would put back a record as it was before their change.
        let touched: Vec<&str> = puts.iter().filter_map(put_id).collect();
        self.editing.history.forget_touching(&touched);
        let docket = &mut *self.docket;
        docket.put(puts.clone());
        docket.retired_ids = retired_ids;
        docket.conflicts = conflicts;
        if let Some(settings) = settings {
            docket.settings = settings;
            self.refresh();
        } else {
            self.query.changed(&self.docket, &puts);
            self.update_view();
        }
        self.shell.note(summary);
        if !self.editing.unsaved.is_empty() {
            self.editing.ask_for(Effect::Save);
        }
    }
}

/// The id of the record a put replaces.
fn put_id(put: &Put) -> Option<&str> {
    match put {
        Put::City(id, _) | Put::Letter(id, _) => Some(id),
        Put::Conflicts(_) | Put::Settings(_) => None,
    }
}

/// What undoing a change did, from what the change did: `added letter X`
/// -> `deleted letter X`, `deleted city B` -> `restored city B`, `edited
/// letter X` -> `restored letter X as it was`, `recorded extension...` ->
/// `removed extension...`.
fn undo_words(done: &str) -> String {
    let (verb, what) = done.split_once(' ').unwrap_or((done, ""));
    match verb {
        "added" => format!("deleted {what}"),
        "deleted" => format!("restored {what}"),
        "edited" => format!("restored {what} as it was"),
        "recorded" => format!("removed {what}"),
        _ => done.to_owned(),
    }
}
