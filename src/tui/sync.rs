//! The disk work of an open interface, each piece on a thread of its own so
//! that no frame waits for it: a save (which merges what changed on disk
//! since), a look at the file (which merges what arrived with the unsaved
//! changes), and a merge again when the interface changed meanwhile.

use std::sync::{Arc, Mutex, MutexGuard};

use super::arrival::Arrival;
use crate::merge::merge;
use crate::model::Docket;
use crate::store::{Saved, Store, StoreError};

/// One piece of disk work.
#[derive(Debug, Clone)]
pub enum Work {
    /// Save the snapshot, merged with the file if it changed.
    Save,
    /// Look at the file; if it changed, merge it with the snapshot (which
    /// holds unsaved changes, or not).
    Look {
        /// Whether the snapshot holds changes not on disk.
        unsaved: bool,
    },
    /// Merge `theirs` (merged from `base` earlier) with the snapshot again:
    /// the interface changed while the first merge was made.
    Remerge {
        /// What both started from.
        base: Arc<Docket>,
        /// What arrived.
        theirs: Arc<Docket>,
    },
}

/// What a piece of work brought back.
#[derive(Debug, Default)]
pub struct Done {
    /// How the save went (a save only).
    pub saved: Option<Result<(), StoreError>>,
    /// The file as now on disk, the base of the next merge, when it changed.
    pub base: Option<Arc<Docket>>,
    /// What to bring into the interface.
    pub arrival: Option<Arrival>,
    /// The merge to make again if the interface changed meanwhile.
    pub remerge: Option<(Arc<Docket>, Arc<Docket>)>,
    /// Why the file could not be read (a look only).
    pub trouble: Option<String>,
    /// Once the arrival is applied, the docket shown is the file as on
    /// disk (a look with nothing unsaved): the base can be the docket
    /// shown, sharing its letters, rather than a second copy of them.
    pub base_is_shown: bool,
}

/// Does `work` for the interface's `snapshot`, whose last version read from
/// disk is `base`.
pub fn run(work: Work, store: &Mutex<Store>, base: Arc<Docket>, snapshot: Arc<Docket>) -> Done {
    match work {
        Work::Save => save(store, &base, snapshot),
        Work::Look { unsaved } => look(store, base, &snapshot, unsaved),
        Work::Remerge { base, theirs } => {
            let merged = merged(&base, &snapshot, &theirs);
            Done {
                arrival: Arrival::between(&snapshot, &merged),
                remerge: Some((base, theirs)),
                ..Done::default()
            }
        }
    }
}

/// The three-way merge: conflicts keep our value, and are listed in the
/// docket's `conflicts`.
pub fn merged(base: &Docket, ours: &Docket, theirs: &Docket) -> Docket {
    merge(base, ours, theirs).docket
}

fn save(store: &Mutex<Store>, base: &Docket, snapshot: Arc<Docket>) -> Done {
    // A copy of its own (pointers to the letters), so that the interface's
    // next change does not copy the docket while this one is written.
    let ours = Docket::clone(&snapshot);
    drop(snapshot);
    let saved = lock(store).save_merging(&ours, |theirs| merged(base, &ours, theirs));
    match saved {
        Ok(Saved::Written) => Done {
            saved: Some(Ok(())),
            base: Some(Arc::new(ours)),
            ..Done::default()
        },
        Ok(Saved::Merged { merged, .. }) => {
            let merged = Arc::new(*merged);
            Done {
                saved: Some(Ok(())),
                base: Some(Arc::clone(&merged)),
                arrival: Arrival::between(&ours, &merged),
                remerge: Some((Arc::new(ours), merged)),
                ..Done::default()
            }
        }
        Err(err) => Done {
            saved: Some(Err(err)),
            ..Done::default()
        },
    }
}

fn look(store: &Mutex<Store>, base: Arc<Docket>, snapshot: &Docket, unsaved: bool) -> Done {
    let theirs = match lock(store).read_if_changed() {
        Ok(Some(theirs)) => Arc::new(theirs),
        Ok(None) => return Done::default(),
        Err(err) => {
            return Done {
                trouble: Some(format!("a change on disk could not be read: {err}")),
                ..Done::default()
            };
        }
    };
    let arrival = if unsaved {
        Arrival::between(snapshot, &merged(&base, snapshot, &theirs))
    } else {
        Arrival::between(snapshot, &theirs)
    };
    Done {
        base: Some(Arc::clone(&theirs)),
        arrival,
        remerge: Some((base, theirs)),
        base_is_shown: !unsaved,
        ..Done::default()
    }
}

/// The store, even if a save panicked while holding it (the file on disk is
/// then the previous version or the new one, never half of one).
pub fn lock(store: &Mutex<Store>) -> MutexGuard<'_, Store> {
    store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
