//! The interface's saves on real files: failures, other writers, and edits
//! made to the file by someone else while docket is open, merged.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;

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
    let app = App::new(
        opened.docket,
        d("2017-08-10"),
        d("2026-11-29"),
        Theme::COLOR,
    );
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
fn a_save_merges_a_change_made_elsewhere_and_nothing_is_lost() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut session, mut app) = open(&path);

    // Another program (an editor, git) changes the file meanwhile.
    let mut theirs: Docket = docket::store::sample();
    theirs.letter_mut(0).summary = "Edited elsewhere.".into();
    std::fs::write(&path, docket::store::to_ron(&theirs)).unwrap();

    add_reply(&mut app, "2017-08-09");
    session.process(&mut app);
    let on_disk = docket::store::load(&path).unwrap().unwrap();
    assert_eq!(
        on_disk.letters[0].summary, "Edited elsewhere.",
        "their change kept"
    );
    assert_eq!(replies_on_disk(&path), [d("2017-08-09")], "ours merged in");
    assert!(on_disk.conflicts.is_empty());
    assert_eq!(app.unsaved_count(), 0);
    assert_eq!(*app.docket(), on_disk, "the interface shows the merge");
    assert_eq!(
        app.selected_letter().map(|l| l.id.as_str()),
        Some(BALTIMORE),
        "the selection stays on its letter"
    );
    let first = &on_disk.letters[0].id;
    assert_eq!(app.message(), Some(&*format!("1 change: edit to {first}")));
}

#[test]
fn a_change_made_elsewhere_arrives_with_who_made_it_and_keeps_ours() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut session, mut app) = open(&path);
    add_reply(&mut app, "2017-08-09");
    let before = app.revision();

    // Another docket records an extension, logged by jdoe, and saves.
    let (mut other, mut theirs) = docket::store::Store::open(&path).unwrap();
    let theirs = theirs.as_mut().unwrap();
    let letter = docket::model::Letter::clone(theirs.letter(BALTIMORE).unwrap());
    let mut letter = letter;
    letter.extensions.push(docket::model::Extension {
        id: "x1".into(),
        granted_on: d("2017-08-08"),
        new_due: d("2017-09-01"),
        note: String::new(),
    });
    letter.log.push(docket::model::LogEntry {
        at: d("2017-08-08").and_hms_opt(9, 0, 0).unwrap(),
        by: "jdoe".into(),
        what: "extension x1 added".into(),
    });
    theirs.put(vec![docket::model::Put::Letter(
        BALTIMORE.into(),
        Some(std::sync::Arc::new(letter)),
    )]);
    other.save(theirs).unwrap();
    drop(other);

    session.process(&mut app);
    assert!(app.revision() > before);
    let shown = app.docket().letter(BALTIMORE).unwrap();
    assert_eq!(shown.extensions.len(), 1, "theirs arrived");
    assert_eq!(shown.replies.len(), 1, "ours kept");
    assert_eq!(
        app.selected_letter().map(|l| l.id.as_str()),
        Some(BALTIMORE)
    );
    // Our reply was saved with the merge: everything is on disk.
    assert_eq!(app.unsaved_count(), 0);
    let on_disk = docket::store::load(&path).unwrap().unwrap();
    assert_eq!(on_disk.letter(BALTIMORE).unwrap().extensions.len(), 1);
    assert_eq!(replies_on_disk(&path), [d("2017-08-09")]);
}

#[test]
fn a_look_at_the_file_brings_what_arrived_and_says_from_whom() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut session, mut app) = open(&path);
    app.update(Action::First);
    app.update(Action::Down);
    app.update(Action::Open);
    let selected = app.selected_letter().unwrap().id.clone();

    let mut theirs: Docket = docket::store::sample();
    let mut letter = docket::model::Letter::clone(theirs.letter(BALTIMORE).unwrap());
    letter.replies.push(docket::model::Reply {
        id: "r1".into(),
        on: d("2017-08-09"),
        from: "City clerk".into(),
        kind: docket::model::ReplyKind::Acknowledges,
        summary: String::new(),
        source: None,
    });
    letter.log.push(docket::model::LogEntry {
        at: d("2017-08-09").and_hms_opt(9, 0, 0).unwrap(),
        by: "jdoe".into(),
        what: "reply r1 added".into(),
    });
    theirs.put(vec![docket::model::Put::Letter(
        BALTIMORE.into(),
        Some(std::sync::Arc::new(letter)),
    )]);
    std::fs::write(&path, docket::store::to_ron(&theirs)).unwrap();

    session.process(&mut app);
    assert_eq!(
        app.message(),
        Some(&*format!("1 change from jdoe: reply r1 to {BALTIMORE}"))
    );
    assert_eq!(*app.docket(), theirs);
    assert_eq!(app.selected_letter().unwrap().id, selected);
    assert_eq!(app.unsaved_count(), 0, "nothing of ours to save");
    // Nothing written: the file is theirs, byte for byte.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        docket::store::to_ron(&theirs)
    );
}

#[test]
fn a_reply_to_a_letter_deleted_elsewhere_is_a_conflict_kept_in_the_file() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut session, mut app) = open(&path);
    // Someone else deletes Baltimore's letter.
    let mut theirs: Docket = docket::store::sample();
    theirs.letters.retain(|l| l.id != BALTIMORE);
    std::fs::write(&path, docket::store::to_ron(&theirs)).unwrap();

    add_reply(&mut app, "2017-08-09");
    session.process(&mut app);
    let on_disk = docket::store::load(&path).unwrap().unwrap();
    assert_eq!(
        on_disk.letter(BALTIMORE).unwrap().replies.len(),
        1,
        "our edit kept, nothing dropped"
    );
    assert_eq!(on_disk.conflicts.len(), 1, "{:?}", on_disk.conflicts);
    assert!(on_disk.conflicts[0].record.contains(BALTIMORE));
    assert_eq!(on_disk.conflicts[0].theirs, None, "they deleted it");
    assert_eq!(app.docket().conflicts, on_disk.conflicts);
    let message = app.message().unwrap();
    assert!(
        message.contains("1 conflict to resolve: press !"),
        "{message}"
    );
}

#[test]
fn a_change_that_arrives_while_a_form_is_open_waits_for_it_and_is_not_undone_by_it() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut session, mut app) = open(&path);
    app.update(Action::First);
    app.update(Action::Down);
    app.update(Action::Open);
    app.update(Action::Edit);
    assert!(app.form().is_some());

    // Meanwhile someone else edits the same letter's summary.
    let mut theirs: Docket = docket::store::sample();
    let mut letter = docket::model::Letter::clone(theirs.letter(BALTIMORE).unwrap());
    letter.summary = "Edited elsewhere.".into();
    theirs.put(vec![docket::model::Put::Letter(
        BALTIMORE.into(),
        Some(std::sync::Arc::new(letter)),
    )]);
    std::fs::write(&path, docket::store::to_ron(&theirs)).unwrap();
    session.process(&mut app);
    assert!(app.form().is_some(), "the form stays open");
    assert_ne!(
        app.docket().letter(BALTIMORE).unwrap().summary,
        "Edited elsewhere.",
        "not under the open form"
    );

    // The form is saved with its subject changed: their summary stays.
    app.update(Action::FormInput(KeyEvent::new(
        KeyCode::Down,
        KeyModifiers::NONE,
    )));
    app.update(Action::FormSubmit);
    assert!(app.form().is_none());
    session.process(&mut app);
    session.process(&mut app);
    let on_disk = docket::store::load(&path).unwrap().unwrap();
    assert_eq!(
        on_disk.letter(BALTIMORE).unwrap().summary,
        "Edited elsewhere."
    );
    assert_eq!(
        app.docket().letter(BALTIMORE).unwrap().summary,
        "Edited elsewhere."
    );
    assert_eq!(app.unsaved_count(), 0);
}

#[test]
fn two_interfaces_on_one_file_both_write_and_see_each_other() {
    let dir = TempDir::new().unwrap();
    let path = sample_in(dir.path());
    let (mut first, mut one) = open(&path);
    let (mut second, mut two) = open(&path);
    assert!(!one.is_read_only() && !two.is_read_only());
    add_reply(&mut one, "2017-08-08");
    first.process(&mut one);
    add_reply(&mut two, "2017-08-09");
    second.process(&mut two);
    first.process(&mut one);
    let on_disk = docket::store::load(&path).unwrap().unwrap();
    assert_eq!(on_disk.letter(BALTIMORE).unwrap().replies.len(), 2);
    assert_eq!(*one.docket(), on_disk);
    assert_eq!(*two.docket(), on_disk);
    assert!(on_disk.conflicts.is_empty());
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
