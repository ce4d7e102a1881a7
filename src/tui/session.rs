//! The interface's link to the data file: saves, and the changes others
//! make. All input/output the app asks for happens here, outside `App`.
//!
//! No lock is held while the interface is open: each save takes it for the
//! time of the write, merging what changed on disk since the interface last
//! read it (three ways: that version, ours, the file). The file is watched
//! ([`Watch`]); a change made elsewhere is read and merged with the unsaved
//! changes on a thread of its own, and comes to the app as the records that
//! differ ([`Action::Arrived`]). One piece of disk work at a time, each on a
//! thread of its own ([`sync`](super::sync)), so the screen never waits for
//! the disk; quitting and stopping wait for the one under way.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::action::{Action, SaveOutcome};
use super::app::{App, Effect};
use super::opener;
use super::sync::{self, Done, Work, lock, merged};
use super::watch::Watch;
use crate::background;
use crate::clock::Clock;
use crate::error::Error;
use crate::model::Docket;
use crate::store::{self, Store};

/// The data file as the interface holds it.
#[derive(Debug)]
pub struct Session {
    store: Arc<Mutex<Store>>,
    /// The docket as last read from disk or written: the base of merges.
    base: Arc<Docket>,
    /// For the names of emergency copies.
    clock: Clock,
    job: Option<Job>,
    /// A save was asked for while other work was under way.
    again: bool,
    watch: Watch,
    /// Why the latest look at the file failed, said once.
    trouble: Option<String>,
    /// A change that arrived while a form was open: merged into the docket
    /// once it closes (the form's values are the docket's from before), and
    /// before any save or look, which would take its absence for a deletion.
    deferred: Option<(Arc<Docket>, Arc<Docket>)>,
    /// The data file's folder, where documents' relative paths start.
    documents: PathBuf,
}

/// Disk work under way on its own thread.
#[derive(Debug)]
struct Job {
    thread: JoinHandle<Done>,
    /// How many of the app's unsaved changes its snapshot holds.
    changes: usize,
    /// The app's revision when the snapshot was taken.
    revision: u64,
}

/// What opening the file found.
#[derive(Debug)]
pub struct Opened {
    /// The session.
    pub session: Session,
    /// The docket.
    pub docket: Docket,
    /// Something to tell the user.
    pub note: Option<String>,
    /// No data file yet: the docket is the bundled sample, not written; the
    /// user chooses what to start with.
    pub first_run: bool,
}

impl Session {
    /// Opens the data file, without locking it. On a first run (no file
    /// yet) nothing is written: the docket is the bundled sample,
    /// `first_run` is set, and [`Session::start_with`] writes what the user
    /// chooses.
    pub fn open(path: &Path, clock: Clock) -> Result<Opened, Error> {
        let (store, existing) = Store::open_shared(path)?;
        let first_run = existing.is_none();
        let base = existing.clone().unwrap_or_default();
        let watch = Watch::new(store.file());
        // Where documents' relative paths start.
        let documents = (path.parent())
            .filter(|dir| !dir.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Ok(Opened {
            session: Session {
                store: Arc::new(Mutex::new(store)),
                base: Arc::new(base),
                clock,
                job: None,
                again: false,
                watch,
                trouble: None,
                deferred: None,
                documents,
            },
            docket: existing.unwrap_or_else(store::sample),
            note: None,
            first_run,
        })
    }

    /// Writes the docket a first run chose (the sample, or empty) to the
    /// data file, before the interface starts.
    pub fn start_with(&mut self, docket: &Docket) -> Result<(), Error> {
        lock(&self.store).save(docket)?;
        self.base = Arc::new(docket.clone());
        Ok(())
    }

    /// Does the saves the app asked for and looks at the file once, and
    /// waits for them.
    pub fn process(&mut self, app: &mut App) {
        self.poll(app);
        if self.job.is_none() && self.deferred.is_none() {
            self.start(app, look(app));
        }
        self.wait(app);
    }

    /// Starts the saves the app asked for in the background, takes the
    /// outcome of work that ended, and looks at the file when it is due.
    /// Returns whether anything the screen shows changed.
    pub fn poll(&mut self, app: &mut App) -> bool {
        let mut changed = self.finish_if_done(app);
        while let Some(effect) = app.take_effect() {
            changed = true;
            match effect {
                Effect::Save if self.job.is_some() || self.deferred.is_some() => self.again = true,
                Effect::Save => self.start(app, Work::Save),
                // Opening a document writes nothing.
                Effect::Open(document) => {
                    let said = opener::open(&document, &self.documents, opener::OPENER);
                    app.update(Action::Note(said));
                }
            }
        }
        if self.job.is_none() && self.deferred.is_some() && app.form().is_none() {
            if let Some((base, theirs)) = self.deferred.take() {
                self.start(app, Work::Remerge { base, theirs });
            }
        } else if self.job.is_none() && self.deferred.is_none() && self.watch.due() {
            self.start(app, look(app));
        }
        changed
    }

    /// Whether disk work is under way.
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// Waits for the work under way, and for what it leads to (a save
    /// asked for meanwhile, a merge made again).
    pub fn wait(&mut self, app: &mut App) {
        while let Some(job) = self.job.take() {
            self.join(app, job);
        }
    }

    fn finish_if_done(&mut self, app: &mut App) -> bool {
        if !self.job.as_ref().is_some_and(|j| j.thread.is_finished()) {
            return false;
        }
        if let Some(job) = self.job.take() {
            self.join(app, job);
        }
        true
    }

    /// Waits for `job` and takes its outcome.
    fn join(&mut self, app: &mut App, job: Job) {
        let done = job.thread.join().unwrap_or_else(|_| panicked());
        self.finished(app, job.changes, job.revision, done);
    }

    /// Work ended whose snapshot held `changes` unsaved changes, taken at
    /// the app's `revision`.
    fn finished(&mut self, app: &mut App, changes: usize, revision: u64, mut done: Done) {
        if let Some(base) = done.base.take() {
            self.set_base(base);
        }
        if let Some(result) = done.saved.take() {
            let outcome = SaveOutcome::from(result);
            app.update(Action::Saved { changes, outcome });
        }
        match done.trouble.take() {
            Some(trouble) if self.trouble.as_ref() != Some(&trouble) => {
                self.trouble = Some(trouble.clone());
                app.update(Action::Note(trouble));
            }
            Some(_) => {}
            None => self.trouble = None,
        }
        if let Some(arrival) = done.arrival.take() {
            if app.form().is_some() {
                self.deferred = done.remerge.take();
                return;
            }
            if app.revision() == revision {
                app.update(Action::Arrived(Box::new(arrival)));
                if done.base_is_shown {
                    self.set_base(Arc::new(app.docket().clone()));
                }
            } else if let Some((base, theirs)) = done.remerge.take() {
                // The interface changed while the merge was made: made again.
                return self.start(app, Work::Remerge { base, theirs });
            }
        }
        // What the work read from disk and no one keeps is freed elsewhere.
        background::drop_later(done);
        if std::mem::take(&mut self.again) && app.unsaved_count() > 0 {
            self.start(app, Work::Save);
        }
    }

    /// Takes `base` as the base of merges; the one it replaces, perhaps a
    /// docket read from disk whose letters nothing else shares (a tenth of
    /// a second to free at 100,000 letters), is freed off this thread.
    fn set_base(&mut self, base: Arc<Docket>) {
        background::drop_later(std::mem::replace(&mut self.base, base));
    }

    fn start(&mut self, app: &mut App, work: Work) {
        let snapshot = app.docket_snapshot();
        let (store, base) = (Arc::clone(&self.store), Arc::clone(&self.base));
        let job = move || sync::run(work, &store, base, snapshot);
        let changes = app.unsaved_count();
        let revision = app.revision();
        match background::spawn("docket-disk", job.clone()) {
            Ok(thread) => {
                self.job = Some(Job {
                    thread,
                    changes,
                    revision,
                });
            }
            // No thread to be had: the work is done here and now.
            Err(_) => {
                let done = job();
                self.finished(app, changes, revision, done);
            }
        }
    }

    /// Saves what is not saved yet, as a last resort before exiting (after
    /// the work under way, if any), merged with the file if it changed;
    /// returns where it went, or why it could not be saved.
    pub fn save_before_exit(&mut self, app: &mut App) -> Result<Option<String>, String> {
        self.wait(app);
        if app.unsaved_count() == 0 {
            return Ok(None);
        }
        let base = Arc::clone(&self.base);
        let mut store = lock(&self.store);
        // A change that arrived while a form was open is merged in first.
        let with_deferred = (self.deferred.take()).map(|(b, t)| merged(&b, app.docket(), &t));
        let ours = with_deferred.as_ref().unwrap_or(app.docket());
        match store.save_merging(ours, |theirs| merged(&base, ours, theirs)) {
            Ok(_) => Ok(Some(store.path().display().to_string())),
            Err(err) => {
                let suffix = format!("save-{}", self.clock.stamp());
                store
                    .save_copy(ours, &suffix)
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

/// A look at the file, merging what arrived with the app's unsaved changes.
fn look(app: &App) -> Work {
    Work::Look {
        unsaved: app.unsaved_count() > 0,
    }
}

/// Work whose thread panicked: the file on disk is the previous version or
/// the new one, never half of one; the changes stay unsaved.
fn panicked() -> Done {
    Done {
        trouble: Some("NOT SAVED: the disk work stopped on an error; Ctrl-s tries again".into()),
        ..Done::default()
    }
}
