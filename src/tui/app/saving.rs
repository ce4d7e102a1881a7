//! Changes: applying them, undo and redo, and what the session reports back
//! about saving and reloading them.

use std::path::PathBuf;

use super::{App, Effect, Pending};
use crate::model::{Change, Docket, Invalid, Put, Replayed};
use crate::tui::action::SaveOutcome;

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
            Change::RemoveCity { .. }
            | Change::RemoveLetter(_)
            | Change::RemoveReply(..)
            | Change::RemoveExtension(..)
            | Change::RemoveClosing(..) => "deleted",
        };
        let mut applied = self.docket.apply(change.clone())?;
        // History keeps what was done, so an undo can say what it undid.
        applied.description = format!("{verb} {}", applied.description);
        // Re-applied after a reload, a new letter must keep the id it got now.
        let change = match change {
            Change::AddLetter(mut letter) => {
                letter.id.clone_from(&applied.id);
                Change::AddLetter(letter)
            }
            // ...and letters sent together, their ids and their matter.
            Change::AddLetters(_) => Change::AddLetters(
                (applied.undo.iter().rev())
                    .filter_map(|put| match put {
                        Put::Letter(id, None) => self.docket.letter(id).cloned(),
                        _ => None,
                    })
                    .collect(),
            ),
            other => other,
        };
        let added_city = matches!(change, Change::AddCity(_));
        let added_letter = matches!(change, Change::AddLetter(_) | Change::AddLetters(_));
        self.editing.history.record(&applied);
        self.editing.unsaved.push(Pending::Change(Box::new(change)));
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
    fn select_letter_id(&mut self, id: &str) {
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

    fn changed(&mut self, what: String, puts: &[Put]) {
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
            SaveOutcome::ChangedOnDisk(err) => format!(
                "{err}. Press R to reload it and re-apply your {}.",
                self.editing.unsaved_words()
            ),
            SaveOutcome::Failed(err) => format!(
                "NOT SAVED: {err}. The file on disk is the previous version; \
                 your {} stay here, and Ctrl-s or the next change tries again.",
                self.editing.unsaved_words()
            ),
        };
        self.shell.note(message);
    }

    /// Replaces the docket with the one just reloaded from disk and
    /// re-applies the unsaved changes to it; asks for a copy of ours if some
    /// no longer apply, and for a save if some do.
    pub(super) fn rebase(&mut self, reloaded: Docket) {
        let ours = self.docket.snapshot();
        let pending = std::mem::take(&mut self.editing.unsaved);
        self.docket = reloaded.into();
        self.editing.history.clear();
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
                self.editing.unsaved.push(item);
            } else {
                dropped += 1;
            }
        }
        self.refresh();
        self.editing.last_change = format!(
            "reloaded the file and re-applied {}",
            self.editing.unsaved_words()
        );
        self.shell.note(self.editing.last_change.clone());
        if dropped > 0 {
            let docket = ours;
            self.editing.ask_for(Effect::KeepCopy { docket, dropped });
        }
        if !self.editing.unsaved.is_empty() {
            self.editing.ask_for(Effect::Save);
        }
    }

    /// The copy of our version after a reload was kept at a path, or not.
    pub(super) fn copy_kept(&mut self, dropped: usize, outcome: Result<PathBuf, String>) {
        self.shell.note(match outcome {
            Ok(copy) => format!(
                "{dropped} of your changes no longer apply to the reloaded file; your version is in {}",
                copy.display()
            ),
            Err(err) => format!(
                "{dropped} of your changes no longer apply, and keeping a copy failed: {err}"
            ),
        });
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
