//! Who did what in the interface: the changes it logs (with the author and
//! the clock it was given), the History of the Letter pane, owners in the
//! form and the Letters pane, and the `O` filter ("mine").

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use docket::clock::Clock;
use docket::model::{Docket, LogEntry};
use docket::tui::action::Action;
use docket::tui::app::{App, Pane};
use docket::tui::keymap::{Mode, action_for};
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::letters::date as d;

const BALTIMORE: &str = "baltimore-2017-08-03";

fn nine_fourteen() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 12, 2)
        .unwrap()
        .and_hms_opt(9, 14, 0)
        .unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

/// The sample with owners: Baltimore's and Stockton's letters are jdoe's,
/// San Bernardino's asmith's, and Baltimore's has a log of three changes;
/// Albuquerque's notes say "Ask for the clerk".
fn docket() -> Docket {
    let mut docket = docket::store::sample();
    "Ask for the clerk".clone_into(&mut docket.cities[0].notes);
    for letter in &mut docket.letters {
        let letter = Arc::make_mut(letter);
        letter.owner = match letter.city.as_str() {
            "baltimore" | "stockton" => Some("jdoe".to_owned()),
            "san-bernardino" => Some("asmith-longname".to_owned()),
            _ => None,
        };
        if letter.id == BALTIMORE {
            let entry = |at_: &str, by: &str, what: &str| LogEntry {
                at: at(at_),
                by: by.to_owned(),
                what: what.to_owned(),
            };
            letter.log = vec![
                entry("2026-11-30 10:00", "asmith", "added"),
                entry("2026-12-01 16:30", "asmith", "owner none -> jdoe"),
                entry("2026-12-02 09:14", "jdoe", "due 2017-08-17 -> 2017-08-18"),
            ];
        }
    }
    docket
}

fn app() -> App {
    App::new(docket(), d("2017-08-10"), d("2026-11-29"), Theme::COLOR)
        .by("jdoe", Some(Clock::new(nine_fourteen)))
}

fn apply(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(action.clone());
    }
}

fn press(app: &mut App, c: char) {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    if let Some(action) = action_for(app.mode(), key) {
        app.update(action);
    }
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

/// The ids of the letters shown, city by city.
fn shown(app: &App) -> Vec<String> {
    (app.view().cities.iter())
        .flat_map(|row| row.letters.iter())
        .map(|&i| app.docket().letters[i].id.clone())
        .collect()
}

#[test]
fn snapshot_of_the_history_folded_then_unfolded_at_80x24() {
    let mut app = app();
    // Baltimore's letter, the Letters pane focused: the history in one line.
    apply(&mut app, &[Action::Down, Action::Open]);
    assert_eq!(app.selected_letter().unwrap().id, BALTIMORE);
    insta::assert_snapshot!("history_folded_80x24", screen(&app, 80, 24));
    // In the Letter pane, at the thread's last entry (a reply recorded
    // now): the history unfolds below it, newest first.
    apply(&mut app, &[Action::Reply, Action::FormSubmit, Action::Open]);
    assert_eq!(app.focus(), Pane::Details);
    apply(&mut app, &[Action::Last]);
    insta::assert_snapshot!("history_unfolded_80x24", screen(&app, 80, 24));
}

#[test]
fn snapshot_of_the_letters_pane_with_owners() {
    let mut app = app();
    // San Bernardino: an owner's name cut to the column.
    apply(&mut app, &[Action::Down, Action::Down, Action::Open]);
    insta::assert_snapshot!("letters_with_owners_80x24", screen(&app, 80, 24));
}

#[test]
fn capital_o_shows_only_my_letters_with_the_text_filter_and_says_so() {
    let mut app = app();
    let all = shown(&app);
    assert_eq!(all.len(), 4);
    press(&mut app, 'O');
    assert_eq!(app.mine(), Some("jdoe"));
    assert_eq!(shown(&app), [BALTIMORE, "stockton-2017-08-03"]);
    let status = screen(&app, 80, 24);
    let last = status.lines().last().unwrap().to_owned();
    assert!(last.contains("[mine: jdoe]"), "{last}");
    // With a text filter: both must hold.
    press(&mut app, '/');
    for c in "stockton".chars() {
        press(&mut app, c);
    }
    apply(&mut app, &[Action::AcceptFilter]);
    assert_eq!(shown(&app), ["stockton-2017-08-03"]);
    // A city matching the text shows only with a letter of mine.
    apply(&mut app, &[Action::ClearFilter]);
    press(&mut app, '/');
    for c in "clerk".chars() {
        press(&mut app, c);
    }
    apply(&mut app, &[Action::AcceptFilter]);
    assert!(app.view().cities.is_empty(), "{:?}", app.view().cities);
    // O again: everyone's letters, the text filter still on.
    press(&mut app, 'O');
    assert_eq!(app.mine(), None);
    assert_eq!(shown(&app), ["albuquerque-2017-08-03"]);
    apply(&mut app, &[Action::ClearFilter]);
    assert_eq!(shown(&app), all);
    let last = screen(&app, 80, 24).lines().last().unwrap().to_owned();
    assert!(!last.contains("mine"), "{last}");
}

#[test]
fn a_change_in_the_interface_is_logged_by_its_author_and_undone_with_it() {
    let mut app = app();
    apply(&mut app, &[Action::Down, Action::Open, Action::Reply]);
    apply(&mut app, &[Action::FormSubmit]);
    let log = &app.docket().letter(BALTIMORE).unwrap().log;
    assert_eq!(log.len(), 4);
    assert_eq!(
        log[3],
        LogEntry {
            at: nine_fourteen(),
            by: "jdoe".into(),
            what: "reply r1 added (acknowledges)".into(),
        }
    );
    apply(&mut app, &[Action::Undo]);
    assert_eq!(app.docket().letter(BALTIMORE).unwrap().log.len(), 3);
    apply(&mut app, &[Action::Redo]);
    assert_eq!(app.docket().letter(BALTIMORE).unwrap().log.len(), 4);
}

#[test]
fn the_letter_form_sets_and_clears_the_owner() {
    let mut app = app();
    apply(&mut app, &[Action::Down, Action::Open, Action::Edit]);
    let owner = |app: &App| {
        let form = app.form().unwrap();
        form.fields.iter().position(|f| f.key == "owner").unwrap()
    };
    let at = owner(&app);
    while app.form().unwrap().focus != at {
        app.update(Action::FormNext);
    }
    assert_eq!(app.form().unwrap().fields[at].input.value(), "jdoe");
    for _ in 0..4 {
        app.update(Action::FormInput(KeyEvent::new(
            KeyCode::Backspace,
            KeyModifiers::NONE,
        )));
    }
    for c in " asmith ".chars() {
        app.update(Action::FormInput(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    app.update(Action::FormSubmit);
    assert_eq!(app.mode(), Mode::Normal);
    let letter = app.docket().letter(BALTIMORE).unwrap();
    assert_eq!(letter.owner.as_deref(), Some("asmith"));
    assert_eq!(letter.log.last().unwrap().what, "owner jdoe -> asmith");
}

#[test]
fn without_an_author_changes_are_logged_by_unknown_today_at_midnight() {
    let mut app = App::new(docket(), d("2017-08-10"), d("2026-11-29"), Theme::COLOR);
    apply(&mut app, &[Action::Down, Action::Open, Action::Reply]);
    apply(&mut app, &[Action::FormSubmit]);
    let entry = app.docket().letter(BALTIMORE).unwrap().log[3].clone();
    assert_eq!(entry.by, "unknown");
    assert_eq!(entry.at, at("2026-11-29 00:00"));
}
