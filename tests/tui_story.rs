//! The story screens on the story fixture (the sample with its replies,
//! extension and closing): the matter's grid and the chronology, as of
//! dates before, on and after the deadline; replay fills them in, Enter
//! goes to the letter.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use docket::model::Docket;
use docket::tui::action::Action;
use docket::tui::app::{App, Pane, Screen};
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::files::STORY;
use support::letters::date as d;

fn story() -> Docket {
    docket::store::parse(STORY).unwrap()
}

/// The story as of a date, today far in the future.
fn app_at(as_of: &str) -> App {
    App::new(story(), d(as_of), d("2026-11-29"), Theme::COLOR)
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal.backend().to_string()
}

fn apply(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(action.clone());
    }
}

/// Selects the letter to Baltimore in the main panes.
fn on_baltimore(app: &mut App) {
    apply(app, &[Action::Open]);
    while app.selected_letter().unwrap().id != "baltimore-2017-08-03" {
        apply(
            app,
            &[
                Action::NextPane,
                Action::NextPane,
                Action::NextPane,
                Action::Down,
                Action::Open,
            ],
        );
    }
}

#[test]
fn snapshots_of_the_matter_and_the_chronology() {
    for as_of in ["2017-08-10", "2017-08-18", "2017-08-25"] {
        let mut app = app_at(as_of);
        apply(&mut app, &[Action::ShowMatter]);
        assert_eq!(app.screen(), Screen::Matter, "{as_of}");
        insta::assert_snapshot!(format!("matter_{as_of}_120x40"), screen(&app, 120, 40));
        insta::assert_snapshot!(format!("matter_{as_of}_80x24"), screen(&app, 80, 24));
        apply(&mut app, &[Action::ShowChronology]);
        assert_eq!(app.screen(), Screen::Chronology, "{as_of}");
        insta::assert_snapshot!(format!("chronology_{as_of}_120x40"), screen(&app, 120, 40));
        insta::assert_snapshot!(format!("chronology_{as_of}_80x24"), screen(&app, 80, 24));
    }
}

#[test]
fn replay_fills_the_matter_in_day_by_day() {
    let mut app = app_at("2017-08-09");
    apply(&mut app, &[Action::ShowMatter]);
    let before = screen(&app, 120, 40);
    assert!(!before.contains("acknowledges"), "{before}");
    apply(&mut app, &[Action::ShiftAsOf(1)]);
    let after = screen(&app, 120, 40);
    assert_eq!(app.screen(), Screen::Matter);
    assert!(after.contains("Aug 10 acknowledges"), "{after}");
    assert!(!after.contains("disputes"), "{after}");
    apply(&mut app, &[Action::ShiftAsOf(7), Action::ShiftAsOf(1)]);
    let deadline = screen(&app, 120, 40);
    assert!(deadline.contains("Aug 18 disputes"), "{deadline}");
    assert!(deadline.contains("Aug 18→Aug 25"), "{deadline}");
    apply(&mut app, &[Action::ShiftAsOf(-1)]);
    assert!(
        !screen(&app, 120, 40).contains("disputes"),
        "a step back takes it away"
    );
}

#[test]
fn the_chronology_follows_the_as_of_date() {
    let mut app = app_at("2017-08-10");
    apply(&mut app, &[Action::ShowChronology]);
    let (_, shown, selected) = app.chronology().unwrap();
    // Four letters sent, one acknowledgement; four deadlines ahead.
    assert_eq!((shown.past, shown.len(), selected), (5, 9, 4));
    apply(&mut app, &[Action::ShiftAsOf(8)]);
    let (chronology, shown, selected) = app.chronology().unwrap();
    assert_eq!(shown.as_of, d("2017-08-18"));
    let event = &chronology.events()[shown.event(selected).unwrap()];
    assert_eq!(
        event.on,
        d("2017-08-18"),
        "the selection is on the as-of date"
    );
    assert_eq!(shown.ahead.len(), 1, "Stockton's new deadline is ahead");
}

#[test]
fn enter_in_the_chronology_goes_to_the_letter() {
    let mut app = app_at("2017-08-18");
    apply(
        &mut app,
        &[Action::ShowChronology, Action::First, Action::Down],
    );
    apply(&mut app, &[Action::Open]);
    assert_eq!(app.screen(), Screen::Main);
    assert_eq!(app.focus(), Pane::Details);
    assert_eq!(app.selected_letter().unwrap().id, "baltimore-2017-08-03");
}

#[test]
fn enter_in_the_matter_goes_to_the_row_s_letter_even_when_filtered_out() {
    let mut app = app_at("2017-08-18");
    on_baltimore(&mut app);
    apply(&mut app, &[Action::ShowMatter]);
    assert_eq!(
        app.matter().unwrap().2,
        1,
        "the grid opens on Baltimore's row"
    );
    apply(&mut app, &[Action::ClearFilter]);
    assert_eq!(app.screen(), Screen::Main, "Esc goes back");
    apply(&mut app, &[Action::StartFilter]);
    for c in "baltimore".chars() {
        apply(&mut app, &[Action::FilterChar(c)]);
    }
    apply(
        &mut app,
        &[
            Action::AcceptFilter,
            Action::ShowMatter,
            Action::Last,
            Action::Open,
        ],
    );
    assert_eq!(app.selected_letter().unwrap().id, "stockton-2017-08-03");
    assert_eq!(app.filter(), "", "the filter that hid it is cleared");
}

#[test]
fn a_letter_in_no_matter_says_so_and_keys_for_the_panes_say_how_back() {
    let mut app = app_at("2017-08-25");
    // Albuquerque's follow-up, sent 2017-08-21, is in no matter.
    apply(&mut app, &[Action::Open]);
    while app.selected_letter().unwrap().id != "albuquerque-2017-08-21" {
        apply(&mut app, &[Action::Down]);
    }
    apply(&mut app, &[Action::ShowMatter]);
    assert_eq!(app.screen(), Screen::Main);
    assert!(
        app.message().unwrap().contains("no matter"),
        "{:?}",
        app.message()
    );
    apply(&mut app, &[Action::ShowChronology, Action::Add]);
    assert_eq!(app.screen(), Screen::Chronology);
    assert!(
        app.message().unwrap().contains("Esc"),
        "{:?}",
        app.message()
    );
    assert!(app.form().is_none());
    apply(&mut app, &[Action::ShowChronology]);
    assert_eq!(app.screen(), Screen::Main, "C again goes back");
}

#[test]
fn a_change_rebuilds_the_chronology() {
    let mut app = app_at("2017-08-25");
    apply(&mut app, &[Action::ShowChronology]);
    let before = app.chronology().unwrap().1.past;
    apply(&mut app, &[Action::ShowChronology]);
    on_baltimore(&mut app);
    apply(&mut app, &[Action::CloseReopen]);
    apply(&mut app, &[Action::FormSubmit, Action::ShowChronology]);
    assert_eq!(
        app.chronology().unwrap().1.past,
        before + 1,
        "the closing is an event"
    );
    apply(
        &mut app,
        &[Action::ShowChronology, Action::Undo, Action::ShowChronology],
    );
    assert_eq!(
        app.chronology().unwrap().1.past,
        before,
        "and its undo takes it away"
    );
}

/// Types `text` into the form field with this key.
fn fill(app: &mut App, key: &str, text: &str) {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    while app.form().unwrap().fields[app.form().unwrap().focus].key != key {
        app.update(Action::FormNext);
    }
    for c in text.chars() {
        app.update(Action::FormInput(KeyEvent::from(KeyCode::Char(c))));
    }
}

#[test]
fn the_letter_form_sends_to_several_cities_in_one_matter_and_one_undo() {
    let mut app = app_at("2017-09-01");
    let letters = app.docket().letters.len();
    apply(&mut app, &[Action::Open, Action::Add]);
    fill(&mut app, "from", "U.S. Department of Justice");
    fill(&mut app, "to", "Police Department");
    fill(
        &mut app,
        "subject",
        "Sanctuary jurisdictions: grant conditions",
    );
    fill(&mut app, "also", "nowhere");
    apply(&mut app, &[Action::FormSubmit]);
    let form = app.form().expect("an unknown city keeps the form open");
    let also = form.field("also").unwrap();
    assert_eq!(also.error.as_deref(), Some("no city with id \"nowhere\""));

    let mut app = app_at("2017-09-01");
    apply(&mut app, &[Action::Open, Action::Add]);
    fill(&mut app, "from", "U.S. Department of Justice");
    fill(&mut app, "to", "Police Department");
    fill(
        &mut app,
        "subject",
        "Sanctuary jurisdictions: grant conditions",
    );
    fill(&mut app, "also", "baltimore, stockton");
    apply(&mut app, &[Action::FormSubmit]);
    assert!(app.form().is_none(), "{:?}", app.form().map(|f| &f.error));
    let added: Vec<_> = (app.docket().letters.iter())
        .filter(|l| l.sent == d("2017-09-01"))
        .collect();
    assert_eq!(added.len(), 3);
    assert!(
        (added.iter())
            .all(|l| l.matter.as_deref()
                == Some("sanctuary-jurisdictions-grant-conditions-2017-09-01")),
        "{added:?}"
    );
    assert_eq!(app.docket().letters.len(), letters + 3);
    apply(&mut app, &[Action::Undo]);
    assert_eq!(
        app.docket().letters.len(),
        letters,
        "one undo takes all three back"
    );
    apply(&mut app, &[Action::Redo]);
    assert_eq!(app.docket().letters.len(), letters + 3);
}
