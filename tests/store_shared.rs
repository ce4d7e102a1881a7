//! The store of an open interface on real files (issue 15, point 2): no
//! lock while it reads or stays open, the lock only while a save writes, a
//! save that merges what another writer wrote meanwhile, and a look that
//! reads a change only when there is one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::fs;
use std::sync::Arc;
use std::sync::mpsc;

use docket::model::{Docket, Letter, Put};
use docket::store::{self, Saved, Store, StoreError};
use support::files::{is_locked, sample_in};
use tempfile::TempDir;

const BALTIMORE: &str = "baltimore-2017-08-03";
const STOCKTON: &str = "stockton-2017-08-03";

/// `docket` with `letter`'s summary set to `summary`.
fn with_summary(mut docket: Docket, letter: &str, summary: &str) -> Docket {
    let mut edited = Letter::clone(docket.letter(letter).unwrap());
    edited.summary = summary.into();
    docket.put(vec![Put::Letter(letter.into(), Some(Arc::new(edited)))]);
    docket
}

/// Takes the other side's summary and keeps ours: a stand-in merge for
/// the store, which only hands over theirs and writes what it is given.
fn take_stockton(ours: &Docket, theirs: &Docket) -> Docket {
    let summary = &theirs.letter(STOCKTON).unwrap().summary;
    with_summary(ours.clone(), STOCKTON, summary)
}

#[test]
fn an_open_store_holds_no_lock_and_a_save_lets_it_go() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut store, docket) = Store::open_shared(&path).unwrap();
    assert!(
        !store::lock_path(&path).exists(),
        "reading made no lock file"
    );
    // A command changes the file while the store is open: not refused.
    let (mut other, theirs) = Store::open(&path).unwrap();
    other
        .save(&with_summary(theirs.unwrap(), STOCKTON, "Theirs."))
        .unwrap();
    drop(other);

    let ours = with_summary(docket.unwrap(), BALTIMORE, "Ours.");
    let saved = store
        .save_merging(&ours, |theirs| take_stockton(&ours, theirs))
        .unwrap();
    let Saved::Merged { theirs, merged } = saved else {
        panic!("the file changed: the save merged");
    };
    assert_eq!(theirs.letter(STOCKTON).unwrap().summary, "Theirs.");
    let on_disk = store::load(&path).unwrap().unwrap();
    assert_eq!(on_disk, *merged);
    assert_eq!(on_disk.letter(BALTIMORE).unwrap().summary, "Ours.");
    assert_eq!(on_disk.letter(STOCKTON).unwrap().summary, "Theirs.");
    assert!(!is_locked(&path), "the lock goes with the write");
    // The version before the merge is the backup, as for any save.
    let backup = store::load(&store::backup_path(&path)).unwrap().unwrap();
    assert_eq!(backup.letter(STOCKTON).unwrap().summary, "Theirs.");

    // Nothing changed since: the next save writes ours as it is.
    let again = with_summary(on_disk, BALTIMORE, "Ours again.");
    let saved = store.save_merging(&again, |_| unreachable!()).unwrap();
    assert!(matches!(saved, Saved::Written));
    assert_eq!(store::load(&path).unwrap().unwrap(), again);
}

#[test]
fn a_save_waits_for_a_write_under_way_and_merges_it() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut store, docket) = Store::open_shared(&path).unwrap();
    // A command holds the lock (it read, and is about to write).
    let (mut other, theirs) = Store::open(&path).unwrap();
    let (started, writing) = mpsc::channel();
    let saver = {
        let ours = with_summary(docket.unwrap(), BALTIMORE, "Ours.");
        std::thread::spawn(move || {
            started.send(()).unwrap();
            store.save_merging(&ours, |theirs| take_stockton(&ours, theirs))
        })
    };
    writing.recv().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    other
        .save(&with_summary(theirs.unwrap(), STOCKTON, "Theirs."))
        .unwrap();
    drop(other);

    let outcome = saver.join().unwrap().unwrap();
    assert!(matches!(outcome, Saved::Merged { .. }), "{outcome:?}");
    let on_disk = store::load(&path).unwrap().unwrap();
    assert_eq!(on_disk.letter(BALTIMORE).unwrap().summary, "Ours.");
    assert_eq!(on_disk.letter(STOCKTON).unwrap().summary, "Theirs.");
}

#[test]
fn a_merge_that_breaks_a_rule_is_not_written() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut store, docket) = Store::open_shared(&path).unwrap();
    let theirs = with_summary(docket.clone().unwrap(), STOCKTON, "Theirs.");
    fs::write(&path, store::to_ron(&theirs)).unwrap();
    let before = fs::read_to_string(&path).unwrap();

    let ours = docket.unwrap();
    let err = store
        .save_merging(&ours, |theirs| {
            let mut broken = theirs.clone();
            let letter = broken.letters[0].clone();
            broken.letters.push(letter);
            broken
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("not saved"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
    assert!(!is_locked(&path));
}

#[test]
fn a_look_reads_the_file_only_when_it_changed() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut store, docket) = Store::open_shared(&path).unwrap();
    assert_eq!(store.read_if_changed().unwrap(), None);

    // A touch (same bytes, new time) is not a change.
    let text = fs::read(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, &text).unwrap();
    assert_eq!(store.read_if_changed().unwrap(), None);

    let theirs = with_summary(docket.unwrap(), STOCKTON, "Theirs.");
    fs::write(&path, store::to_ron(&theirs)).unwrap();
    assert_eq!(store.read_if_changed().unwrap(), Some(theirs.clone()));
    assert_eq!(store.read_if_changed().unwrap(), None, "read once");

    // A change read by a look is not merged again by the next save.
    let ours = with_summary(theirs, BALTIMORE, "Ours.");
    let saved = store.save_merging(&ours, |_| unreachable!()).unwrap();
    assert!(matches!(saved, Saved::Written));

    // A file gone is no change to bring in; the next save writes it again.
    fs::remove_file(&path).unwrap();
    assert_eq!(store.read_if_changed().unwrap(), None);
    store.save_merging(&ours, |_| unreachable!()).unwrap();
    assert_eq!(store::load(&path).unwrap(), Some(ours));
}

#[test]
fn a_broken_change_on_disk_is_an_error_and_the_file_is_left_alone() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut store, docket) = Store::open_shared(&path).unwrap();
    fs::write(&path, "Docket(version: 2, cities: [oops])").unwrap();
    let err = store.read_if_changed().unwrap_err().to_string();
    assert!(err.starts_with(&format!("{}:1:", path.display())), "{err}");
    let err = store
        .save_merging(&docket.unwrap(), |_| unreachable!())
        .unwrap_err();
    assert!(matches!(err, StoreError::Parse { .. }), "{err}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "Docket(version: 2, cities: [oops])"
    );
}
