//! Editing in the interface: forms, validation, deletion, undo and redo,
//! and saving through a real session on real files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use docket::model::{Docket, ReplyKind, Status};
use docket::tui::action::{Action, SaveOutcome};
use docket::tui::app::{App, Effect, Pane};
use docket::tui::keymap::Mode;
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::letters::date as d;

fn app() -> App {
    App::new(
        docket::store::sample(),
        d("2017-08-10"),
        d("2026-11-29"),
        Theme::COLOR,
    )
}

fn apply(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(action.clone());
    }
}

/// Types text into the focused form field.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::FormInput(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
}

/// Clears the focused field (Ctrl-u in tui-input... use backspaces instead).
fn clear_field(app: &mut App) {
    for _ in 0..40 {
        app.update(Action::FormInput(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

/// Selects Baltimore's letter with the Letters pane focused.
fn at_baltimore_letter(app: &mut App) {
    apply(app, &[Action::Down, Action::Open]);
    assert_eq!(app.focus(), Pane::Letters);
    assert_eq!(app.selected_letter().unwrap().id, BALTIMORE);
}

/// Form fields to fill: (key, text).
type Fields = Vec<(&'static str, &'static str)>;

const BALTIMORE: &str = "baltimore-2017-08-03";

fn letter<'a>(app: &'a App, id: &str) -> &'a docket::model::Letter {
    app.docket().letter(id).unwrap()
}

#[test]
fn recording_a_reply_answers_the_letter_and_asks_for_a_save() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    app.update(Action::Reply);
    assert_eq!(app.mode(), Mode::Form);
    clear_field(&mut app);
    type_text(&mut app, "2017-08-09");
    apply(&mut app, &[Action::FormNext, Action::FormNext]);
    // acknowledges -> complies
    app.update(Action::FormInput(KeyEvent::new(
        KeyCode::Right,
        KeyModifiers::NONE,
    )));
    app.update(Action::FormNext);
    type_text(&mut app, "Access granted.");
    app.update(Action::FormSubmit);
    assert_eq!(app.mode(), Mode::Normal);
    let reply = &letter(&app, BALTIMORE).replies[0];
    assert_eq!(
        (reply.on, reply.kind),
        (d("2017-08-09"), ReplyKind::Complies)
    );
    assert_eq!(reply.from, "Baltimore Police Department");
    assert_eq!(reply.summary, "Access granted.");
    assert_eq!(
        letter(&app, BALTIMORE).status(d("2017-08-10")),
        Status::Answered
    );
    assert_eq!(app.take_effect(), Some(Effect::Save));
    assert_eq!(app.take_effect(), None);
    assert_eq!(app.unsaved_count(), 1);
    assert_eq!(
        app.message(),
        Some("added reply from Baltimore on 2017-08-09")
    );
    app.update(Action::Saved {
        changes: 1,
        outcome: SaveOutcome::Saved,
    });
    assert_eq!(app.unsaved_count(), 0);
    assert_eq!(
        app.message(),
        Some("added reply from Baltimore on 2017-08-09 · saved")
    );
}

#[test]
fn a_date_more_than_a_year_after_today_asks_first() {
    // Issue #13 point 5: today is 2026-11-29; 2028-12-01 is two years ahead.
    let mut app = app();
    let before = app.docket().clone();
    at_baltimore_letter(&mut app);
    let errors = submit_with(&mut app, Action::Reply, &[("on", "2028-12-01")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(app.mode(), Mode::Confirm);
    assert_eq!(
        app.confirm().unwrap().question,
        "2028-12-01 (Fri) is more than a year after today. Record it? (y/n)"
    );
    app.update(Action::Confirm(false));
    assert_eq!(app.docket(), &before);
    assert_eq!(app.mode(), Mode::Form, "the form stays to correct the date");
    assert_eq!(app.take_effect(), None);
    apply(&mut app, &[Action::FormSubmit, Action::Confirm(true)]);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(letter(&app, BALTIMORE).replies[0].on, d("2028-12-01"));
    assert_eq!(app.take_effect(), Some(Effect::Save));
}

#[test]
fn escape_cancels_a_form_with_nothing_changed() {
    let mut app = app();
    let before = app.docket().clone();
    at_baltimore_letter(&mut app);
    app.update(Action::Reply);
    type_text(&mut app, "xyz");
    apply(&mut app, &[Action::FormCancel, Action::Confirm(true)]);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.docket(), &before);
    assert_eq!(app.take_effect(), None);
}

/// Opens a form, fills fields by key, submits, and returns the field errors.
fn submit_with(app: &mut App, open: Action, fields: &[(&str, &str)]) -> Vec<(String, String)> {
    app.update(open);
    for (key, value) in fields {
        let form = app.form().expect("a form is open");
        let at = form.fields.iter().position(|f| f.key == *key).unwrap();
        while app.form().unwrap().focus != at {
            app.update(Action::FormNext);
        }
        clear_field(app);
        type_text(app, value);
    }
    app.update(Action::FormSubmit);
    app.form()
        .map(|form| {
            form.fields
                .iter()
                .filter_map(|f| f.error.clone().map(|e| (f.key.to_owned(), e)))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn each_validation_error_shows_next_to_its_field() {
    let table: Vec<(Pane, Action, Fields, &str, &str)> = vec![
        (
            Pane::Cities,
            Action::Add,
            vec![("name", "Gotham"), ("id", "")],
            "id",
            "id is required",
        ),
        (
            Pane::Cities,
            Action::Add,
            vec![("id", "baltimore"), ("name", "B")],
            "id",
            "already taken",
        ),
        (
            Pane::Letters,
            Action::Reply,
            vec![("on", "2017-08-02")],
            "on",
            "before the letter was sent",
        ),
        (
            Pane::Letters,
            Action::Reply,
            vec![("on", "2017-02-30")],
            "on",
            "is not a date",
        ),
        (
            Pane::Letters,
            Action::Reply,
            vec![("from", "")],
            "from",
            "from is required",
        ),
        (
            Pane::Letters,
            Action::Extend,
            vec![("new_due", "2017-08-18")],
            "new_due",
            "must move it",
        ),
        (
            Pane::Letters,
            Action::Extend,
            vec![("new_due", "")],
            "new_due",
            "new due is required",
        ),
        (
            Pane::Letters,
            Action::Add,
            vec![
                ("from", "DOJ"),
                ("to", "BPD"),
                ("subject", "S"),
                ("due", "2017-08-01"),
            ],
            "due",
            "before it was sent",
        ),
        (
            Pane::Letters,
            Action::Add,
            vec![("from", "DOJ"), ("to", "BPD")],
            "subject",
            "subject is required",
        ),
        (
            Pane::Letters,
            Action::CloseReopen,
            vec![("on", "2017-07-01")],
            "on",
            "before it was sent",
        ),
    ];
    for (pane, open, fields, key, message) in table {
        let mut app = app();
        if pane == Pane::Letters {
            at_baltimore_letter(&mut app);
        }
        let before = app.docket().clone();
        let errors = submit_with(&mut app, open.clone(), &fields);
        assert_eq!(errors.len(), 1, "{open:?} {fields:?}: {errors:?}");
        assert_eq!(errors[0].0, key, "{open:?} {fields:?}");
        assert!(
            errors[0].1.contains(message),
            "{open:?} {fields:?}: {}",
            errors[0].1
        );
        assert_eq!(app.docket(), &before, "nothing changes on an error");
        assert_eq!(app.take_effect(), None);
    }
}

#[test]
fn dates_take_today_and_offsets_from_the_as_of_date() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    let errors = submit_with(&mut app, Action::Extend, &[("new_due", "+2w")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        letter(&app, BALTIMORE).extensions[0].new_due,
        d("2017-08-24")
    );
    assert_eq!(
        letter(&app, BALTIMORE).extensions[0].granted_on,
        d("2017-08-10")
    );
}

#[test]
fn adding_a_letter_gives_it_a_city_and_date_id() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    let fields = [
        ("sent", "2017-08-21"),
        ("due", "+21d"),
        ("from", "U.S. Department of Justice"),
        ("to", "Baltimore Police Department"),
        ("subject", "Second notice"),
    ];
    assert!(submit_with(&mut app, Action::Add, &fields).is_empty());
    let added = letter(&app, "baltimore-2017-08-21");
    assert_eq!(added.due, Some(d("2017-08-31")));
    assert_eq!(added.city, "baltimore");
    // Not sent yet as of 2017-08-10, so not shown, but it is in the docket.
    assert_eq!(app.docket().letters.len(), 5);
}

#[test]
fn multi_line_fields_keep_their_lines() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    app.update(Action::Edit);
    let at = app
        .form()
        .unwrap()
        .fields
        .iter()
        .position(|f| f.key == "demands")
        .unwrap();
    while app.form().unwrap().focus != at {
        app.update(Action::FormNext);
    }
    app.update(Action::FormNewline);
    type_text(&mut app, "A third demand.");
    app.update(Action::FormSubmit);
    let demands = &letter(&app, BALTIMORE).demands;
    assert_eq!(demands.len(), 3, "{demands:?}");
    assert_eq!(demands[2], "A third demand.");
    assert_eq!(
        letter(&app, BALTIMORE).id,
        BALTIMORE,
        "ids never change on edit"
    );
}

#[test]
fn deleting_asks_first_and_says_how_many_letters_go_with_a_city() {
    let mut app = app();
    app.update(Action::Down);
    app.update(Action::Delete);
    assert_eq!(app.mode(), Mode::Confirm);
    let question = app.confirm().unwrap().question.clone();
    assert_eq!(
        question,
        "Baltimore still has 1 letter. Delete the city and its letters? (y/n)"
    );
    app.update(Action::Confirm(false));
    assert!(app.docket().city("baltimore").is_some());
    apply(&mut app, &[Action::Delete, Action::Confirm(true)]);
    assert!(app.docket().city("baltimore").is_none());
    assert!(app.docket().letter(BALTIMORE).is_none());
    assert_eq!(app.message(), Some("deleted city Baltimore"));
    app.update(Action::Undo);
    assert!(app.docket().letter(BALTIMORE).is_some());
    assert_eq!(app.message(), Some("undo: restored city Baltimore"));
}

#[test]
fn close_then_reopen_with_c() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    assert!(submit_with(&mut app, Action::CloseReopen, &[("outcome", "Withdrawn")]).is_empty());
    assert_eq!(
        letter(&app, BALTIMORE).status(d("2017-08-10")),
        Status::Closed
    );
    app.update(Action::CloseReopen);
    // Reopening asks first, for a date: the as-of date by default.
    assert_eq!(app.form().unwrap().title, format!("Reopen {BALTIMORE}"));
    assert!(letter(&app, BALTIMORE).open_closing().is_some());
    app.update(Action::FormSubmit);
    let closings = &letter(&app, BALTIMORE).closings;
    assert_eq!(closings.len(), 1, "the closing is kept");
    assert_eq!(closings[0].reopened_on, Some(d("2017-08-10")));
    assert_ne!(
        letter(&app, BALTIMORE).status(d("2017-08-10")),
        Status::Closed
    );
    assert_eq!(
        app.message(),
        Some("recorded reopening of baltimore-2017-08-03")
    );
}

#[test]
fn undo_and_redo_chains_each_ask_for_a_save() {
    let mut app = app();
    let original = app.docket().clone();
    at_baltimore_letter(&mut app);
    submit_with(&mut app, Action::Reply, &[("on", "2017-08-09")]);
    let with_reply = app.docket().clone();
    submit_with(&mut app, Action::Extend, &[("new_due", "2017-08-25")]);
    let with_extension = app.docket().clone();
    while app.take_effect().is_some() {}
    let steps = [
        (
            Action::Undo,
            &with_reply,
            "undo: removed extension of baltimore-2017-08-03 to 2017-08-25",
        ),
        (
            Action::Undo,
            &original,
            "undo: deleted reply from Baltimore on 2017-08-09",
        ),
        (
            Action::Redo,
            &with_reply,
            "redid: added reply from Baltimore on 2017-08-09",
        ),
        (
            Action::Redo,
            &with_extension,
            "redid: recorded extension of baltimore-2017-08-03 to 2017-08-25",
        ),
    ];
    for (action, expected, message) in steps {
        app.update(action);
        assert_eq!(app.docket().letters, expected.letters, "{message}");
        assert_eq!(app.message(), Some(message));
        assert_eq!(app.take_effect(), Some(Effect::Save));
    }
    app.update(Action::Redo);
    assert_eq!(app.message(), Some("nothing to redo"));
    assert_eq!(app.take_effect(), None);
}

#[test]
fn a_failed_save_keeps_the_change_and_quitting_asks_first() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    submit_with(&mut app, Action::Reply, &[("on", "2017-08-09")]);
    app.take_effect();
    let err = std::io::Error::new(
        std::io::ErrorKind::ReadOnlyFilesystem,
        "read-only file system",
    );
    let failed = Err(docket::store::StoreError::Io {
        path: "/data/docket.ron".into(),
        action: "replace the file",
        source: err,
    });
    app.update(Action::Saved {
        changes: 1,
        outcome: SaveOutcome::from(failed),
    });
    let message = app.message().unwrap().to_owned();
    assert!(
        message.starts_with("NOT SAVED: /data/docket.ron: could not replace the file"),
        "{message}"
    );
    assert!(message.contains("the previous version"), "{message}");
    assert_eq!(app.unsaved_count(), 1);
    assert_eq!(
        letter(&app, BALTIMORE).replies.len(),
        1,
        "the change stays in memory"
    );
    app.update(Action::Save);
    assert_eq!(app.take_effect(), Some(Effect::Save));
    app.update(Action::Quit);
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(!app.should_quit());
    assert_eq!(
        app.confirm().unwrap().question,
        "1 change not saved. Quit anyway? (y/n)"
    );
    app.update(Action::Confirm(true));
    assert!(app.should_quit());
}

#[test]
fn read_only_refuses_every_change() {
    let mut app = app().read_only("read-only: open in another docket");
    at_baltimore_letter(&mut app);
    for action in [
        Action::Add,
        Action::Edit,
        Action::Delete,
        Action::Reply,
        Action::Extend,
        Action::CloseReopen,
        Action::Undo,
    ] {
        app.update(action.clone());
        assert_eq!(app.mode(), Mode::Normal, "{action:?}");
        assert_eq!(app.message(), Some("read-only: open in another docket"));
    }
    assert_eq!(app.take_effect(), None);
}

#[test]
fn rebase_reapplies_changes_on_a_reloaded_file() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    submit_with(&mut app, Action::Reply, &[("on", "2017-08-09")]);
    app.take_effect();
    // Someone else added a city meanwhile.
    let mut theirs: Docket = docket::store::sample();
    theirs.cities.push(docket::model::City {
        id: "gotham".into(),
        name: "Gotham".into(),
        state: "NJ".into(),
        notes: String::new(),
        log: Vec::new(),
    });
    app.update(Action::Reloaded(Box::new(theirs)));
    assert!(app.docket().city("gotham").is_some());
    assert_eq!(letter(&app, BALTIMORE).replies.len(), 1);
    assert_eq!(app.take_effect(), Some(Effect::Save));
    assert_eq!(app.take_effect(), None);
    // If they deleted the letter, the reply no longer applies: the session
    // is asked to keep a copy of our version, which still has it.
    let ours = app.docket().clone();
    let mut gone = docket::store::sample();
    gone.letters.retain(|l| l.id != BALTIMORE);
    app.update(Action::Reloaded(Box::new(gone)));
    match app.take_effect() {
        Some(Effect::KeepCopy { docket, dropped }) => {
            assert_eq!(dropped, 1);
            assert_eq!(*docket, ours);
        }
        other => panic!("expected a copy of ours to be kept, got {other:?}"),
    }
    assert_eq!(
        app.take_effect(),
        None,
        "nothing re-applied: nothing to save"
    );
}

fn form_screen(open: &[Action], fill: &[(&str, &str)], submit: bool) -> String {
    let mut app = app();
    at_baltimore_letter(&mut app);
    apply(&mut app, open);
    for (key, value) in fill {
        let at = app
            .form()
            .unwrap()
            .fields
            .iter()
            .position(|f| f.key == *key)
            .unwrap();
        while app.form().unwrap().focus != at {
            app.update(Action::FormNext);
        }
        clear_field(&mut app);
        type_text(&mut app, value);
    }
    if submit {
        app.update(Action::FormSubmit);
    }
    screen(&app, 100, 36)
}

#[test]
fn snapshots_of_each_form_empty_and_with_errors() {
    let cases: Vec<(&str, Vec<Action>, Fields)> = vec![
        (
            "new_city",
            vec![Action::PrevPane, Action::Add],
            vec![("id", "Baltimore!")],
        ),
        (
            "edit_city",
            vec![Action::PrevPane, Action::Edit],
            vec![("name", "")],
        ),
        ("new_letter", vec![Action::Add], vec![("due", "2017-08-01")]),
        ("edit_letter", vec![Action::Edit], vec![("subject", "")]),
        ("reply", vec![Action::Reply], vec![("on", "2017-08-01")]),
        (
            "extend",
            vec![Action::Extend],
            vec![("new_due", "2017-08-18")],
        ),
        (
            "close",
            vec![Action::CloseReopen],
            vec![("on", "2017-02-30")],
        ),
    ];
    for (name, open, fill) in cases {
        insta::assert_snapshot!(format!("form_{name}"), form_screen(&open, &[], false));
        insta::assert_snapshot!(
            format!("form_{name}_error"),
            form_screen(&open, &fill, true)
        );
    }
}

#[test]
fn snapshot_of_the_delete_question() {
    let mut app = app();
    apply(&mut app, &[Action::Down, Action::Delete]);
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn an_added_letter_or_city_is_selected() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    let fields = [
        ("sent", "2017-08-08"),
        ("from", "DOJ"),
        ("to", "BPD"),
        ("subject", "Second notice"),
    ];
    assert!(submit_with(&mut app, Action::Add, &fields).is_empty());
    assert_eq!(app.selected_letter().unwrap().id, "baltimore-2017-08-08");
    app.update(Action::PrevPane);
    let fields = [("id", "gotham"), ("name", "Gotham"), ("state", "NJ")];
    assert!(submit_with(&mut app, Action::Add, &fields).is_empty());
    assert_eq!(app.selected_city().unwrap().id, "gotham");
}

#[test]
fn an_extension_to_an_earlier_date_is_refused_on_its_field() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    let before = app.docket().clone();
    let errors = submit_with(&mut app, Action::Extend, &[("new_due", "2017-08-15")]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "new_due");
    assert!(
        errors[0].1.contains("is already 2017-08-18")
            && errors[0]
                .1
                .contains("edit the letter's due date to correct a mistake"),
        "{}",
        errors[0].1
    );
    assert_eq!(app.docket(), &before, "nothing changes on an error");
    assert_eq!(app.take_effect(), None);
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses a key as the event loop does: through the keymap.
fn press(app: &mut App, code: KeyCode) {
    if let Some(action) = docket::tui::keymap::action_for(app.mode(), key(code)) {
        app.update(action);
    }
}

fn field_value(app: &App, key: &str) -> String {
    let form = app.form().unwrap();
    let field = form.fields.iter().find(|f| f.key == key).unwrap();
    field.input.value().to_owned()
}

#[test]
fn every_missing_field_is_marked_at_once() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    let before = app.docket().clone();
    let errors = submit_with(&mut app, Action::Add, &[]);
    let expected = [
        ("from", "from is required"),
        ("to", "to is required"),
        ("subject", "subject is required"),
    ]
    .map(|(k, m)| (k.to_owned(), m.to_owned()));
    assert_eq!(errors, expected);
    assert_eq!(app.form().unwrap().focus, 3, "the first at fault");
    assert_eq!(app.docket(), &before);
    insta::assert_snapshot!(screen(&app, 100, 36));
    // A bad date and a missing date, both marked.
    let mut other = self::app();
    at_baltimore_letter(&mut other);
    let errors = submit_with(&mut other, Action::Extend, &[("granted_on", "2017-02-30")]);
    let keys: Vec<&str> = errors.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["granted_on", "new_due"], "{errors:?}");
}

#[test]
fn up_and_down_move_between_fields_and_left_right_choose() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    app.update(Action::Add);
    let city = field_value(&app, "city");
    press(&mut app, KeyCode::Down);
    assert_eq!(app.form().unwrap().focus, 1);
    assert_eq!(field_value(&app, "city"), city, "↓ leaves the choice alone");
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    let last = app.form().unwrap().fields.len() - 1;
    assert_eq!(app.form().unwrap().focus, last, "↑ wraps to the last field");
    press(&mut app, KeyCode::Down);
    assert_eq!(app.form().unwrap().focus, 0);
    press(&mut app, KeyCode::Right);
    assert_ne!(field_value(&app, "city"), city);
    press(&mut app, KeyCode::Left);
    assert_eq!(field_value(&app, "city"), city);
}

#[test]
fn escape_asks_before_throwing_typed_text_away() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    app.update(Action::Reply);
    type_text(&mut app, "xyz");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Confirm);
    assert_eq!(
        app.confirm().unwrap().question,
        "Throw away what you typed? (y/n)"
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.mode(), Mode::Form, "no: back to the form");
    assert!(field_value(&app, "on").ends_with("xyz"));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.mode(), Mode::Normal);
    // Typed and then taken back: nothing to lose, no question.
    app.update(Action::Reply);
    type_text(&mut app, "x");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn typing_a_letter_in_the_city_chooser_jumps_to_it() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    app.update(Action::Add);
    assert_eq!(field_value(&app, "city"), "baltimore");
    type_text(&mut app, "s");
    assert_eq!(field_value(&app, "city"), "san-bernardino");
    type_text(&mut app, "s");
    assert_eq!(field_value(&app, "city"), "stockton");
    type_text(&mut app, "A");
    assert_eq!(field_value(&app, "city"), "albuquerque");
    type_text(&mut app, "z");
    assert_eq!(field_value(&app, "city"), "albuquerque", "no city: stays");
}

#[test]
fn a_new_city_id_follows_its_name_until_typed_into() {
    let mut app = app();
    app.update(Action::Add);
    assert_eq!(app.form().unwrap().fields[1].key, "name");
    app.update(Action::FormNext);
    type_text(&mut app, "San José");
    assert_eq!(field_value(&app, "id"), "san-jose");
    app.update(Action::FormPrev);
    clear_field(&mut app);
    type_text(&mut app, "sj");
    app.update(Action::FormNext);
    type_text(&mut app, " del Cabo");
    assert_eq!(field_value(&app, "id"), "sj", "an id typed stays");
    app.update(Action::FormSubmit);
    assert_eq!(app.docket().city("sj").unwrap().name, "San José del Cabo");
}

#[test]
fn undo_says_what_it_did() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    let fields = [("from", "DOJ"), ("to", "BPD"), ("subject", "Again")];
    assert!(submit_with(&mut app, Action::Add, &fields).is_empty());
    assert_eq!(app.message(), Some("added letter baltimore-2017-08-10"));
    app.update(Action::Undo);
    assert_eq!(
        app.message(),
        Some("undo: deleted letter baltimore-2017-08-10")
    );
    app.update(Action::Redo);
    assert_eq!(
        app.message(),
        Some("redid: added letter baltimore-2017-08-10")
    );
    let mut app = self::app();
    at_baltimore_letter(&mut app);
    apply(
        &mut app,
        &[Action::Delete, Action::Confirm(true), Action::Undo],
    );
    assert_eq!(
        app.message(),
        Some("undo: restored letter baltimore-2017-08-03")
    );
}

#[test]
fn the_thread_is_selectable_in_the_letter_pane_and_e_and_d_act_on_its_entries() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    submit_with(&mut app, Action::Reply, &[("on", "2017-08-08")]);
    submit_with(&mut app, Action::Reply, &[("on", "2017-08-09")]);
    submit_with(&mut app, Action::Extend, &[("new_due", "2017-08-25")]);
    assert_eq!(app.selected_entry(), None, "only in the letter pane");
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Details);
    assert_eq!(app.selected_entry(), Some("r1"));
    apply(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.selected_entry(), Some("x1"));
    apply(&mut app, &[Action::Down]);
    assert_eq!(app.selected_entry(), Some("x1"), "stays on the last");
    assert!(screen(&app, 120, 40).contains("> x1  2017-08-10 (Thu)  due moved to 2017-08-25"));
    app.update(Action::Up);
    assert_eq!(app.selected_entry(), Some("r2"));

    // e: the reply's form, filled in; change its kind.
    app.update(Action::Edit);
    let form = app.form().unwrap();
    assert_eq!(form.title, format!("Edit reply r2 of {BALTIMORE}"));
    apply(&mut app, &[Action::FormNext, Action::FormNext]);
    app.update(Action::FormInput(KeyEvent::new(
        KeyCode::Right,
        KeyModifiers::NONE,
    )));
    app.update(Action::FormSubmit);
    assert!(app.form().is_none());
    let reply = &letter(&app, BALTIMORE).replies[1];
    assert_eq!((reply.id.as_str(), reply.kind), ("r2", ReplyKind::Complies));
    assert_eq!(reply.on, d("2017-08-09"), "the rest stays");
    assert_eq!(
        app.message(),
        Some(&*format!("edited reply r2 of {BALTIMORE}"))
    );

    // d: asks, then deletes; undo brings it back.
    app.update(Action::Delete);
    assert!(app.confirm().is_some());
    app.update(Action::Confirm(true));
    let ids: Vec<&str> = (letter(&app, BALTIMORE).replies.iter())
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(ids, ["r1"]);
    app.update(Action::Undo);
    assert_eq!(letter(&app, BALTIMORE).replies.len(), 2);
    assert_eq!(letter(&app, BALTIMORE).replies[1].kind, ReplyKind::Complies);

    // The extension's form.
    apply(&mut app, &[Action::Last, Action::Edit]);
    assert_eq!(
        app.form().unwrap().title,
        format!("Edit extension x1 of {BALTIMORE}")
    );
    app.update(Action::FormCancel);

    // A closing too: its form, and d deletes it.
    submit_with(&mut app, Action::CloseReopen, &[("outcome", "Withdrawn")]);
    apply(&mut app, &[Action::Last, Action::Edit]);
    assert_eq!(
        app.form().unwrap().title,
        format!("Edit closing c1 of {BALTIMORE}")
    );
    app.update(Action::FormCancel);
    apply(&mut app, &[Action::Delete, Action::Confirm(true)]);
    assert!(letter(&app, BALTIMORE).closings.is_empty());
}

#[test]
fn the_letter_form_moves_a_letter_to_another_city_keeping_its_id() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    app.update(Action::Edit);
    // The City choice comes first: baltimore -> san-bernardino.
    app.update(Action::FormInput(KeyEvent::new(
        KeyCode::Right,
        KeyModifiers::NONE,
    )));
    app.update(Action::FormSubmit);
    assert!(app.form().is_none());
    assert_eq!(letter(&app, BALTIMORE).city, "san-bernardino");
}

#[test]
fn tags_typed_in_the_letter_form_reach_the_letter() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    let errors = submit_with(
        &mut app,
        Action::Edit,
        &[("tags", "access, jails ,, sanctuary")],
    );
    assert_eq!(errors, vec![]);
    assert_eq!(
        letter(&app, BALTIMORE).tags,
        ["access", "jails", "sanctuary"]
    );
    app.update(Action::Edit);
    assert_eq!(field_value(&app, "tags"), "access, jails, sanctuary");
}

#[test]
fn a_reply_is_recorded_with_its_source_through_the_add_form() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    let errors = submit_with(
        &mut app,
        Action::Reply,
        &[
            ("summary", "Access granted."),
            ("source", "https://example.org/r"),
        ],
    );
    assert_eq!(errors, vec![]);
    let reply = &letter(&app, BALTIMORE).replies[0];
    assert_eq!(reply.source.as_deref(), Some("https://example.org/r"));
}

#[test]
fn a_long_summary_wraps_in_the_form_with_the_cursor_in_sight() {
    let mut app = app();
    at_baltimore_letter(&mut app);
    app.update(Action::Reply);
    let at = (app.form().unwrap().fields.iter())
        .position(|f| f.key == "summary")
        .unwrap();
    while app.form().unwrap().focus != at {
        app.update(Action::FormNext);
    }
    let long = "The city answers at length. ".repeat(11);
    let long = &long[..299];
    type_text(&mut app, long);
    let mut terminal = Terminal::new(TestBackend::new(100, 36)).unwrap();
    terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
    let text = terminal.backend().to_string();
    let form_rows: Vec<&str> = text.lines().filter(|l| l.contains("answers")).collect();
    assert_eq!(form_rows.len(), 6, "{text}");
    assert!(form_rows.iter().all(|l| !l.contains('…')), "{text}");
    insta::assert_snapshot!("form_reply_long_summary", text);
    // The cursor sits just after the last character typed, inside the box.
    let cursor = terminal.get_cursor_position().unwrap();
    let buffer = terminal.backend().buffer();
    let before = buffer[(cursor.x - 1, cursor.y)].symbol().to_owned();
    assert_eq!(
        before,
        long[long.len() - 1..],
        "cursor at {cursor:?}\n{text}"
    );
    let right = buffer.area.width - 11;
    assert!(cursor.x < right - 1, "cursor on the border: {cursor:?}");
}
