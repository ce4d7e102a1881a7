//! The interface's link to the data file: the lock, saves, reloads. All
//! input/output the app asks for happens here, outside `App`.
//!
//! The event loop saves in the background ([`Session::poll`]): a save takes
//! a snapshot of the docket (shared, not copied) and writes it on a thread
//! of its own, with the same checks and the same atomic, durable write, so
//! the screen never waits for the disk. Changes made meanwhile are saved by
//! the next save; quitting and stopping wait for the save under way.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use super::action::{Action, SaveOutcome};
use super::app::{App, Effect};
use super::opener;
use crate::clock::Clock;
use crate::error::Error;
use crate::model::Docket;
use crate::store::{self, Store, StoreError};

/// The data file as the interface holds it: locked for writing, or read-only
/// when another docket has it.
#[derive(Debug)]
pub struct Session {
    store: Option<Arc<Mutex<Store>>>,
    /// For the names of emergency copies.
    clock: Clock,
    saving: Option<Saving>,
    /// A save was asked for while one was under way.
    again: bool,
    /// The data file's folder, where documents' relative paths start.
    documents: PathBuf,
}

/// A save under way on its own thread.
#[derive(Debug)]
struct Saving {
    thread: JoinHandle<Result<(), StoreError>>,
    /// How many of the app's unsaved changes its snapshot holds.
    changes: usize,
}

/// What opening the file found.
#[derive(Debug)]
pub struct Opened {
    /// The session.
    pub session: Session,
    /// The docket.
    pub docket: Docket,
    /// Why the session is read-only, if it is.
    pub read_only: Option<String>,
    /// Something to tell the user.
    pub note: Option<String>,
    /// No data file yet: the docket is the bundled sample, not written; the
    /// user chooses what to start with.
    pub first_run: bool,
}

impl Session {
    /// Opens the data file: locked for writing, or read-only when another
    /// docket holds the lock. On a first run (no file yet) nothing is
    /// written: the docket is the bundled sample, `first_run` is set, and
    /// [`Session::start_with`] writes what the user chooses.
    pub fn open(path: &Path, clock: Clock) -> Result<Opened, Error> {
        let mut opened = Self::open_file(path, clock)?;
        opened.session.documents = (path.parent())
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Ok(opened)
    }

    fn open_file(path: &Path, clock: Clock) -> Result<Opened, Error> {
        match Store::open(path) {
            Ok((store, existing)) => {
                let first_run = existing.is_none();
                Ok(Opened {
                    session: Session::new(Some(store), clock),
                    docket: existing.unwrap_or_else(store::sample),
                    read_only: None,
                    note: None,
                    first_run,
                })
            }
            Err(StoreError::Locked { .. }) => {
                let docket = store::load(path)?
                    .ok_or_else(|| Error::data(format!("{}: no such file", path.display())))?;
                let reason = "read-only: another docket has this file open".to_owned();
                Ok(Opened {
                    session: Session::new(None, clock),
                    docket,
                    read_only: Some(reason),
                    note: None,
                    first_run: false,
                })
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Writes the docket a first run chose (the sample, or empty) to the
    /// data file, before the interface starts.
    pub fn start_with(&mut self, docket: &Docket) -> Result<(), Error> {
        let Some(store) = &self.store else {
            return Err(Error::data("read-only: nothing can be written"));
        };
        lock(store).save(docket)?;
        Ok(())
    }

    fn new(store: Option<Store>, clock: Clock) -> Self {
        Session {
            store: store.map(|store| Arc::new(Mutex::new(store))),
            clock,
            saving: None,
            again: false,
            documents: PathBuf::from("."),
        }
    }

    /// Does the saves and reloads the app asked for, and waits for them.
    pub fn process(&mut self, app: &mut App) {
        self.poll(app);
        self.wait(app);
    }

    /// Starts the saves the app asked for in the background, takes the
    /// outcome of one that ended, and does reloads (after any save under
    /// way). Returns whether anything the screen shows changed.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let mut changed = self.finish_if_done(app);
        while let Some(effect) = app.take_effect() {
            changed = true;
            // Opening a document writes nothing: read-only or not.
            if let Effect::Open(document) = &effect {
                let said = opener::open(document, &self.documents, opener::OPENER);
                app.update(Action::Note(said));
                continue;
            }
            let Some(store) = self.store.clone() else {
                app.update(Action::Note("read-only: nothing is saved".to_owned()));
                continue;
            };
            match effect {
                Effect::Save if self.saving.is_some() => self.again = true,
                Effect::Save => self.start_save(app, store),
                Effect::Reload => {
                    self.wait(app);
                    app.update(reload(&mut lock(&store)));
                }
                Effect::Open(_) => {}
                Effect::KeepCopy { docket, dropped } => {
                    let suffix = format!("conflict-{}", self.clock.stamp());
                    let outcome =
                        (lock(&store).save_copy(&docket, &suffix)).map_err(|err| err.to_string());
                    app.update(Action::CopyKept { dropped, outcome });
                }
            }
        }
        changed
    }

    /// Whether a save is under way.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Waits for the save under way, and for the one asked for meanwhile.
    pub fn wait(&mut self, app: &mut App) {
        while let Some(saving) = self.saving.take() {
            let result = saving.thread.join().unwrap_or_else(|_| Err(panicked()));
            self.finished(app, saving.changes, result);
        }
    }

    fn finish_if_done(&mut self, app: &mut App) -> bool {
        if !self.saving.as_ref().is_some_and(|s| s.thread.is_finished()) {
            return false;
        }
        self.wait(app);
        true
    }

    fn finished(&mut self, app: &mut App, changes: usize, result: Result<(), StoreError>) {
        let outcome = SaveOutcome::from(result);
        app.update(Action::Saved { changes, outcome });
        if std::mem::take(&mut self.again)
            && app.unsaved_count() > 0
            && let Some(store) = self.store.clone()
        {
            self.start_save(app, store);
        }
    }

    fn start_save(&mut self, app: &mut App, store: Arc<Mutex<Store>>) {
        let docket = app.docket_snapshot();
        let changes = app.unsaved_count();
        let job = move || lock(&store).save_shared(docket);
        match std::thread::Builder::new()
            .name("docket-save".into())
            .spawn(job.clone())
        {
            Ok(thread) => self.saving = Some(Saving { thread, changes }),
            // No thread to be had: save here and now.
            Err(_) => self.finished(app, changes, job()),
        }
    }

    /// Saves what is not saved yet, as a last resort before exiting (after
    /// the save under way, if any); returns where it went, or why it could
    /// not be saved.
    pub fn save_before_exit(&mut self, app: &mut App) -> Result<Option<String>, String> {
        self.wait(app);
        if app.unsaved_count() == 0 {
            return Ok(None);
        }
        let Some(store) = &self.store else {
            return Err("read-only: nothing to save".to_owned());
        };
        let mut store = lock(store);
        match store.save(app.docket()) {
            Ok(()) => Ok(Some(store.path().display().to_string())),
            Err(err) => {
                let suffix = format!("save-{}", self.clock.stamp());
                store
                    .save_copy(app.docket(), &suffix)
                    .map(|copy| {
                        Some(format!(
                            "{} (the data file could not be written: {err})",
                            copy.display()
                        ))
                    })
                    .map_err(|copy_err| format!("{err}; a copy failed too: {copy_err}"))
            }
        }
    }
}

/// The store, even if a save panicked while holding it (the file on disk is
/// then the previous version or the new one, never half of one).
fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn panicked() -> StoreError {
    StoreError::Io {
        path: std::path::PathBuf::from("(save)"),
        action: "finish the save",
        source: std::io::Error::other("the save thread panicked"),
    }
}

/// Reloads a file someone else changed, for the app to re-apply its
/// unsaved changes to.
fn reload(store: &mut Store) -> Action {
    match store.reload() {
        Ok(docket) => Action::Reloaded(Box::new(docket.unwrap_or_default())),
        Err(err) => Action::Note(format!("could not reload: {err}")),
    }
}
