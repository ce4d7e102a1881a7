//! The interface's link to the data file: the lock, saves, reloads. All
//! input/output the app asks for happens here, outside `App`.

use std::path::Path;

use super::app::{App, Effect};
use crate::cli::{self, CliError};
use crate::model::Docket;
use crate::store::{self, Store, StoreError};

/// The data file as the interface holds it: locked for writing, or read-only
/// when another docket has it.
#[derive(Debug)]
pub struct Session {
    store: Option<Store>,
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
    /// Something to tell the user, such as a first run.
    pub note: Option<String>,
}

impl Session {
    /// Opens the data file: locked for writing, or read-only when another
    /// docket holds the lock; on a first run, writes the bundled sample.
    pub fn open(path: &Path) -> Result<Opened, CliError> {
        match Store::open(path) {
            Ok((mut store, existing)) => {
                let (docket, note) = match existing {
                    Some(docket) => (docket, None),
                    None => {
                        let docket = cli::sample();
                        store.save(&docket)?;
                        let note = format!("started from the bundled sample: {}", path.display());
                        (docket, Some(note))
                    }
                };
                Ok(Opened {
                    session: Session { store: Some(store) },
                    docket,
                    read_only: None,
                    note,
                })
            }
            Err(StoreError::Locked { .. }) => {
                let docket = store::load(path)?
                    .ok_or_else(|| CliError::data(format!("{}: no such file", path.display())))?;
                let reason = "read-only: another docket has this file open".to_owned();
                Ok(Opened {
                    session: Session { store: None },
                    docket,
                    read_only: Some(reason),
                    note: None,
                })
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Does the saves and reloads the app asked for.
    pub fn process(&mut self, app: &mut App) {
        while let Some(effect) = app.take_effect() {
            let Some(store) = &mut self.store else {
                app.note("read-only: nothing is saved");
                continue;
            };
            match effect {
                Effect::Save => app.finish_save(store.save(app.docket())),
                Effect::Reload => reload(store, app),
            }
        }
    }

    /// Saves what is not saved yet, as a last resort before exiting; returns
    /// where it went, or why it could not be saved.
    pub fn save_before_exit(&mut self, app: &App) -> Result<Option<String>, String> {
        if app.unsaved_count() == 0 {
            return Ok(None);
        }
        let Some(store) = &mut self.store else {
            return Err("read-only: nothing to save".to_owned());
        };
        match store.save(app.docket()) {
            Ok(()) => Ok(Some(store.path().display().to_string())),
            Err(err) => {
                let suffix = format!("save-{}", chrono::Local::now().format("%Y%m%d-%H%M%S"));
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

/// Reloads a file someone else changed and re-applies the unsaved changes;
/// those that no longer apply are kept in a conflict copy, never dropped.
fn reload(store: &mut Store, app: &mut App) {
    let ours = app.docket().clone();
    let reloaded = match store.reload() {
        Ok(Some(docket)) => docket,
        Ok(None) => Docket::new(),
        Err(err) => {
            app.note(format!("could not reload: {err}"));
            return;
        }
    };
    let dropped = app.rebase(reloaded);
    if dropped > 0 {
        let suffix = format!("conflict-{}", chrono::Local::now().format("%Y%m%d-%H%M%S"));
        let note = match store.save_copy(&ours, &suffix) {
            Ok(copy) => format!(
                "{dropped} of your changes no longer apply to the reloaded file; your version is in {}",
                copy.display()
            ),
            Err(err) => format!(
                "{dropped} of your changes no longer apply, and keeping a copy failed: {err}"
            ),
        };
        app.note(note);
    }
}
