//! The interface's saves on real files: failures, another writer, and edits
//! made to the file by someone else while docket is open.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::{Path, PathBuf};

use docket::clock::Clock;
use docket::model::{Date, Docket};
use docket::tui::action::Action;
use docket::tui::app::App;
use docket::tui::session::Session;
use docket::tui::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::files::sample_in;
use support::letters::date as d;
use support::tmpfs::Tmpfs;
use tempfile::TempDir;

const BALTIMORE: &str = "baltimore-2017-08-03";

fn open(path: &Path) -> (Session, App) {
    let opened = Session::open(path, Clock::new(stopped)).unwrap();
    let mut app = App::new(
        opened.docket,
        d("2017-08-10"),
        d("2026-11-29"),
        Theme::COLOR,
    );
    if let Some(reason) = opened.read_only {
        app = app.read_only(reason);
    }
    (opened.session, app)
}

/// Records a reply to Baltimore's letter dated `on` through the reply form.
fn add_reply(app: &mut App, on: &str) {
    if app.selected_letter().is_none_or(|l| l.id != BALTIMORE) {
        app.update(Action::First);
        app.update(Action::Down);
        app.update(Action::Open);
    }
    app.update(Action::Reply);
    for _ in 0..12 {
        app.update(Action::FormInput(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
    for c in on.chars() {
        app.update(Action::FormInput(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    app.update(Action::FormSubmit);
    assert!(app.form().is_none(), "the reply form saved");
}

fn replies_on_disk(path: &Path) -> Vec<Date> {
    let docket = docket::store::load(path).unwrap().unwrap();
    docket
        .letter(BALTIMORE)
        .unwrap()
        .replies
        .iter()
        .map(|r| r.on)
        .collect()
}

#[test]
fn a_save_into_a_folder_made_read_only_fails_clearly_and_succeeds_later() {
    let Some(fs) = Tmpfs::mount("1m") else {
        return;
    };
    let path = sample_in(fs.path());
    let (mut session, mut app) = open(&path);
    fs.remount("ro");
    add_reply(&mut app, "2017-08-09");
    session.process(&mut app);
    let message = app.message().unwrap().to_owned();
    assert!(message.starts_with("NOT SAVED: "), "{message}");
    assert!(message.contains("Read-only file system"), "{message}");
    assert!(
        message.contains("The file on disk is the previous version"),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        docket::store::SAMPLE
    );
    assert_eq!(app.unsaved_count(), 1);

    fs.remount("rw");
    app.update(Action::Save);
    session.process(&mut app);
    assert_eq!(
        app.message(),
        Some("added reply from Baltimore on 2017-08-09 · saved")
    );
    assert_eq!(replies_on_disk(&path), [d("2017-08-09")]);
    assert_eq!(app.unsaved_count(), 0);
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten_and_nothing_is_lost() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut session, mut app) = open(&path);

    // Another program (an editor, git) changes the file meanwhile.
    let mut theirs: Docket = docket::store::sample();
    theirs.letter_mut(0).summary = "Edited elsewhere.".into();
    let their_text = docket::store::to_ron(&theirs);
    std::fs::write(&path, &their_text).unwrap();

    add_reply(&mut app, "2017-08-09");
    session.process(&mut app);
    let message = app.message().unwrap().to_owned();
    assert!(
        message.contains("changed on disk since docket read it"),
        "{message}"
    );
    assert!(message.contains("Press R to reload"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        their_text,
        "not clobbered"
    );

    app.update(Action::Reload);
    session.process(&mut app);
    let on_disk = docket::store::load(&path).unwrap().unwrap();
    assert_eq!(
        on_disk.letters[0].summary, "Edited elsewhere.",
        "their change kept"
    );
    assert_eq!(replies_on_disk(&path), [d("2017-08-09")], "ours re-applied");
    assert_eq!(app.unsaved_count(), 0);
}

#[test]
fn a_change_that_no_longer_applies_goes_to_a_conflict_copy() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut session, mut app) = open(&path);
    // Someone else deletes Baltimore's letter.
    let mut theirs: Docket = docket::store::sample();
    theirs.letters.retain(|l| l.id != BALTIMORE);
    std::fs::write(&path, docket::store::to_ron(&theirs)).unwrap();

    add_reply(&mut app, "2017-08-09");
    session.process(&mut app);
    app.update(Action::Reload);
    session.process(&mut app);
    let message = app.message().unwrap().to_owned();
    assert!(
        message.contains("1 of your changes no longer apply"),
        "{message}"
    );
    let copies: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("docket.ron.conflict-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(
        copies[0].ends_with("docket.ron.conflict-20170810-120000"),
        "named by the session's clock: {copies:?}"
    );
    assert!(
        message.contains(&copies[0].display().to_string()),
        "{message}"
    );
    let ours = docket::store::load(&copies[0]).unwrap().unwrap();
    assert_eq!(
        ours.letter(BALTIMORE).unwrap().replies.len(),
        1,
        "our reply kept"
    );
    assert!(
        docket::store::load(&path)
            .unwrap()
            .unwrap()
            .letter(BALTIMORE)
            .is_none()
    );
}

#[test]
fn a_second_docket_on_the_same_file_is_read_only() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (_first, _app) = open(&path);
    let (mut second, mut app) = open(&path);
    assert!(app.is_read_only());
    assert!(
        app.message()
            .unwrap()
            .contains("another docket has this file open")
    );
    app.update(Action::Reply);
    assert!(app.form().is_none());
    second.process(&mut app);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        docket::store::SAMPLE
    );
}

#[test]
fn first_run_writes_nothing_until_the_choice() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("new").join("docket.ron");
    let mut opened = Session::open(&path, Clock::new(stopped)).unwrap();
    assert!(opened.first_run);
    assert_eq!(opened.docket, docket::store::sample());
    assert!(!path.exists(), "a first run wrote before the choice");
    opened
        .session
        .start_with(&docket::model::Docket::new())
        .unwrap();
    assert_eq!(
        docket::store::load(&path).unwrap(),
        Some(docket::model::Docket::new())
    );
}

#[test]
fn a_broken_file_does_not_open() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("docket.ron");
    std::fs::write(&path, "Docket(version: 1, cities: [oops])").unwrap();
    let err = Session::open(&path, Clock::new(stopped))
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&format!("{}:1:", path.display())), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Docket(version: 1, cities: [oops])"
    );
}

/// The session's clock, stopped at 2017-08-10 12:00.
fn stopped() -> chrono::NaiveDateTime {
    let date = chrono::NaiveDate::from_ymd_opt(2017, 8, 10).unwrap();
    date.and_hms_opt(12, 0, 0).unwrap()
}
