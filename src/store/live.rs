//! The store of an open interface: it holds no lock while it reads or while
//! it is open; each save takes the lock, merges what changed on disk since
//! the store last read it, writes, and lets go.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::disk::{no_file_in_the_way, not_special, parent, resolve_symlinks};
use super::load::read;
use super::{Store, StoreError, lock};
use crate::model::Docket;

/// What a merging save wrote.
#[derive(Debug)]
pub enum Saved {
    /// Our docket: the file had not changed since the store read it.
    Written,
    /// The merge of ours with the file as another writer left it.
    Merged {
        /// The file as found under the lock.
        theirs: Box<Docket>,
        /// What was written: the merge of ours and theirs.
        merged: Box<Docket>,
    },
}

impl Store {
    /// Loads the data file without locking it, for an interface: the store
    /// takes the lock only for the time of each save. Returns the store and
    /// the docket, or `None` when the file does not exist yet (nothing is
    /// made until a save).
    pub fn open_shared(path: &Path) -> Result<(Store, Option<Docket>), StoreError> {
        let target = resolve_symlinks(path)?;
        if parent(&target).is_some() {
            no_file_in_the_way(&target)?;
        }
        not_special(&target)?;
        let loaded = read(&target)?;
        let store = Store {
            path: path.to_owned(),
            target,
            seen: loaded.as_ref().map(|(_, seen)| seen.clone()),
            lock: None,
            cleaned: false,
        };
        Ok((store, loaded.map(|(docket, _)| docket)))
    }

    /// The data file, its links resolved: the name the interface watches.
    pub fn file(&self) -> &Path {
        &self.target
    }

    /// Runs `write` under the write lock: the store's own, or one taken for
    /// it (waiting while another docket writes) and let go after.
    pub(super) fn locked<T>(
        &mut self,
        write: impl FnOnce(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.lock.is_some() {
            return write(self);
        }
        if let Some(dir) = parent(&self.target) {
            fs::create_dir_all(dir).map_err(StoreError::io(dir, "create the data folder"))?;
        }
        self.lock = Some(lock(&self.target)?);
        self.remove_stale_temporaries();
        let written = write(self);
        self.lock = None;
        written
    }

    /// Refuses a docket whose records break a rule: never write a file that
    /// would then fail to load.
    pub(super) fn valid(&self, docket: &Docket) -> Result<(), StoreError> {
        match docket.problems().first() {
            Some(problem) => Err(StoreError::invalid(
                &self.path,
                format!("not saved: {problem}"),
            )),
            None => Ok(()),
        }
    }

    /// Saves `ours` under the lock. When the file changed on disk since this
    /// store last read or wrote it, reads it (under the lock, so nobody
    /// writes meanwhile) and writes `merge(theirs)` instead: the caller
    /// merges its docket with theirs. Atomic and durable as [`Store::save`];
    /// on error the data file is unchanged.
    pub fn save_merging(
        &mut self,
        ours: &Docket,
        merge: impl FnOnce(&Docket) -> Docket,
    ) -> Result<Saved, StoreError> {
        self.valid(ours)?;
        self.locked(|store| {
            let theirs = if store.changed_on_disk()? {
                read(&store.target)?
            } else {
                None
            };
            let Some((theirs, seen)) = theirs else {
                store.write(|out| super::ron_writer::write(ours, out))?;
                return Ok(Saved::Written);
            };
            store.seen = Some(seen);
            let merged = merge(&theirs);
            store.valid(&merged)?;
            store.write(|out| super::ron_writer::write(&merged, out))?;
            Ok(Saved::Merged {
                theirs: Box::new(theirs),
                merged: Box::new(merged),
            })
        })
    }

    /// As [`Store::save_merging`], for a snapshot shared with the interface
    /// (on a thread of the save's own): the save first takes a copy of its
    /// own (the letters are shared: this copies pointers) and lets the
    /// snapshot go, so that a change made in the interface meanwhile copies
    /// nothing.
    pub fn save_shared(
        &mut self,
        snapshot: Arc<Docket>,
        merge: impl FnOnce(&Docket, &Docket) -> Docket,
    ) -> Result<Saved, StoreError> {
        let ours = Docket::clone(&snapshot);
        drop(snapshot);
        self.save_merging(&ours, |theirs| merge(&ours, theirs))
    }

    /// The file as another writer left it, when it changed since this store
    /// last read or wrote it (read without the lock: a save replaces the
    /// file whole, so a read sees one version or the other); `None` when it
    /// did not change, or is gone (the next save writes it again).
    pub fn read_if_changed(&mut self) -> Result<Option<Docket>, StoreError> {
        if !self.changed_on_disk()? {
            return Ok(None);
        }
        Ok(read(&self.target)?.map(|(docket, seen)| {
            self.seen = Some(seen);
            docket
        }))
    }
}
