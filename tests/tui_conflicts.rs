//! Conflicts from a merge in the interface: the marker on the letter, the
//! list (`!`) with both values, and resolving with a key (keep mine, keep
//! theirs, edit), undoably, asking for a save like any change.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::sync::Arc;

use docket::merge::{Side, merge};
use docket::model::{Docket, Letter, Put};
use docket::tui::action::Action;
use docket::tui::app::{App, Effect, Pane};
use docket::tui::keymap::{Mode, action_for};
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::letters::date as d;

const BALTIMORE: &str = "baltimore-2017-08-03";
const STOCKTON: &str = "stockton-2017-08-03";

/// The sample with `letter`'s summary set to `summary`.
fn with_summary(letter: &str, summary: &str) -> Docket {
    let mut docket = docket::store::sample();
    let mut edited = Letter::clone(docket.letter(letter).unwrap());
    edited.summary = summary.into();
    docket.put(vec![Put::Letter(letter.into(), Some(Arc::new(edited)))]);
    docket
}

/// Two conflicts, from a real merge: Baltimore's summary changed on both
/// sides, and Stockton's letter edited here and deleted there.
fn conflicted() -> Docket {
    let base = docket::store::sample();
    let mut ours = with_summary(BALTIMORE, "Ours: a first reply is promised.");
    let stockton = ours.letter(STOCKTON).unwrap();
    let mut stockton = Letter::clone(stockton);
    stockton.subject = "Edited here".into();
    ours.put(vec![Put::Letter(STOCKTON.into(), Some(Arc::new(stockton)))]);
    let mut theirs = with_summary(BALTIMORE, "Theirs: the city asked for time.");
    theirs.put(vec![Put::Letter(STOCKTON.into(), None)]);
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.conflicts.len(), 2, "{:#?}", merged.conflicts);
    merged.docket
}

fn app() -> App {
    App::new(conflicted(), d("2017-08-10"), d("2026-11-29"), Theme::COLOR)
}

fn at_baltimore(app: &mut App) {
    for action in [Action::First, Action::Down, Action::Open] {
        app.update(action);
    }
    assert_eq!(app.selected_letter().unwrap().id, BALTIMORE);
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn summary(app: &App) -> &str {
    &app.docket().letter(BALTIMORE).unwrap().summary
}

#[test]
fn a_letter_with_a_conflict_is_marked_in_the_letters_pane_the_letter_and_the_status_line() {
    let mut app = app();
    at_baltimore(&mut app);
    let text = screen(&app, 120, 40);
    assert!(text.contains("! 1 conflict (press !)"), "{text}");
    assert!(text.contains("[! 2 conflicts]"), "{text}");
    insta::assert_snapshot!("conflict_marker_120x40", text);
}

#[test]
fn the_conflicts_list_shows_both_values_of_each() {
    let mut app = app();
    at_baltimore(&mut app);
    app.update(Action::ToggleConflicts);
    assert_eq!(app.mode(), Mode::Conflicts);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Theirs: the city asked for time."), "{text}");
    assert!(text.contains("Ours: a first reply is promised."), "{text}");
    insta::assert_snapshot!("conflicts_popup_120x40", text);
    insta::assert_snapshot!("conflicts_popup_80x24", screen(&app, 80, 24));
    app.update(Action::ToggleConflicts);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn keep_theirs_is_an_undoable_change_saved_like_any_other() {
    let mut app = app();
    at_baltimore(&mut app);
    app.update(Action::ToggleConflicts);
    app.update(Action::Resolve(Side::Theirs));
    assert_eq!(summary(&app), "Theirs: the city asked for time.");
    assert_eq!(app.docket().conflicts.len(), 1);
    assert_eq!(app.take_effect(), Some(Effect::Save));
    assert_eq!(app.unsaved_count(), 1);
    assert_eq!(
        app.message(),
        Some(&*format!(
            "resolved letter {BALTIMORE} summary (kept theirs)"
        ))
    );
    assert_eq!(app.mode(), Mode::Conflicts, "one conflict is left");

    app.update(Action::ToggleConflicts);
    app.update(Action::Undo);
    assert_eq!(summary(&app), "Ours: a first reply is promised.");
    assert_eq!(app.docket().conflicts, conflicted().conflicts);
    app.update(Action::Redo);
    assert_eq!(summary(&app), "Theirs: the city asked for time.");
}

#[test]
fn keep_mine_on_a_letter_they_deleted_keeps_it_and_the_list_closes_when_empty() {
    let mut app = app();
    at_baltimore(&mut app);
    app.update(Action::ToggleConflicts);
    app.update(Action::Resolve(Side::Ours));
    assert_eq!(summary(&app), "Ours: a first reply is promised.");
    app.update(Action::ConflictMove(1));
    app.update(Action::Resolve(Side::Ours));
    assert_eq!(
        app.docket().letter(STOCKTON).unwrap().subject,
        "Edited here"
    );
    assert!(app.docket().conflicts.is_empty());
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.docket().problems().is_empty());
    assert!(!screen(&app, 120, 40).contains("conflict"));
    app.update(Action::ToggleConflicts);
    assert_eq!(app.message(), Some("no conflicts: nothing to resolve"));
}

#[test]
fn keep_theirs_on_a_letter_they_deleted_deletes_it() {
    let mut app = app();
    app.update(Action::ToggleConflicts);
    let stockton_first = app.docket().conflicts[app.conflict_cursor()]
        .record
        .contains(STOCKTON);
    if !stockton_first {
        app.update(Action::ConflictMove(1));
    }
    app.update(Action::Resolve(Side::Theirs));
    assert!(app.docket().letter(STOCKTON).is_none());
    assert_eq!(app.docket().conflicts.len(), 1);
    assert!(app.docket().problems().is_empty());
}

#[test]
fn edit_opens_the_letter_and_saving_it_keeps_the_edit() {
    let mut app = app();
    at_baltimore(&mut app);
    app.update(Action::ToggleConflicts);
    app.update(Action::EditConflict);
    assert_eq!(app.mode(), Mode::Form);
    assert!(app.form().unwrap().title.contains(BALTIMORE));
    // Esc with nothing typed: the conflict stays.
    app.update(Action::FormCancel);
    assert_eq!(app.docket().conflicts.len(), 2);

    app.update(Action::ToggleConflicts);
    app.update(Action::EditConflict);
    app.update(Action::FormSubmit);
    assert!(app.form().is_none());
    assert_eq!(app.docket().conflicts.len(), 1, "resolved by the edit");
    assert_eq!(summary(&app), "Ours: a first reply is promised.");
    assert_eq!(app.focus(), Pane::Letters);
    assert_eq!(app.selected_letter().unwrap().id, BALTIMORE);
}

#[test]
fn the_keys_of_the_conflicts_list() {
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(
        action_for(Mode::Normal, key('!')),
        Some(Action::ToggleConflicts)
    );
    let table = [
        ('m', Some(Action::Resolve(Side::Ours))),
        ('t', Some(Action::Resolve(Side::Theirs))),
        ('e', Some(Action::EditConflict)),
        ('j', Some(Action::ConflictMove(1))),
        ('k', Some(Action::ConflictMove(-1))),
        ('!', Some(Action::ToggleConflicts)),
        ('q', Some(Action::ToggleConflicts)),
        ('a', None),
    ];
    for (c, expected) in table {
        assert_eq!(action_for(Mode::Conflicts, key(c)), expected, "{c}");
    }
}
