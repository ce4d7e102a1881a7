//! Deadlines in the interface: the details pane with a due rule, its
//! roll-forward, a holiday warning and the receipt date; the letter form's
//! live preview of a rule; the days off screen (`H`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use docket::model::{Change, City, Docket, DueFrom, DueRule, DueUnit, Holiday, Letter};
use docket::tui::action::Action;
use docket::tui::app::{App, Pane};
use docket::tui::keymap::Mode;
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::letters::date as d;

/// A docket of one city, Baltimore, and these letters.
fn docket_with(letters: Vec<Letter>) -> Docket {
    let mut docket = Docket::new();
    docket
        .apply(Change::AddCity(City {
            id: "baltimore".to_owned(),
            name: "Baltimore".to_owned(),
            state: "MD".to_owned(),
            notes: String::new(),
            log: Vec::new(),
        }))
        .unwrap();
    for letter in letters {
        docket.apply(Change::AddLetter(letter)).unwrap();
    }
    docket
}

fn letter(sent: &str) -> Letter {
    Letter {
        from: "U.S. Department of Justice".to_owned(),
        to: "Baltimore Police Department".to_owned(),
        subject: "Records request".to_owned(),
        ..Letter::new("baltimore", d(sent))
    }
}

/// The app as of `as_of` with the city's letter open in the details.
fn app_on_letter(docket: Docket, as_of: &str) -> App {
    let mut app = App::new(docket, d(as_of), d(as_of), Theme::COLOR);
    app.update(Action::Open);
    assert_eq!(app.focus(), Pane::Letters);
    app
}

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut text = String::new();
    for y in 0..height {
        let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
        text.push_str(&format!("{row:?}\n"));
    }
    text
}

#[test]
fn the_details_show_a_rule_and_its_roll_forward() {
    let mut rolled = letter("2026-12-10");
    rolled.due_rule = Some(DueRule {
        count: 15,
        unit: DueUnit::Days,
        from: DueFrom::Sent,
    });
    rolled.received = Some(d("2026-12-14"));
    let app = app_on_letter(docket_with(vec![rolled]), "2026-12-11");
    let letter = app.selected_letter().unwrap();
    assert_eq!(letter.due, Some(d("2026-12-28")));
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("Due      2026-12-28 (Mon): 15 days after sent 2026-12-10"),
        "{text}"
    );
    assert!(
        text.contains("due Fri 2026-12-25 -> rolls to Mon 2026-12-28"),
        "{text}"
    );
    assert!(text.contains("Received 2026-12-14 (Mon)"), "{text}");
    insta::assert_snapshot!("details_with_a_rule_rolled_forward", text);
}

#[test]
fn the_details_warn_of_a_deadline_on_a_holiday() {
    let mut christmas = letter("2026-12-01");
    christmas.due = Some(d("2026-12-25"));
    let app = app_on_letter(docket_with(vec![christmas]), "2026-12-11");
    let text = screen(&app, 100, 30);
    assert!(
        text.contains("! Friday 2026-12-25 is Christmas Day: offices are closed"),
        "{text}"
    );
    insta::assert_snapshot!("details_with_a_holiday_warning", text);
}

#[test]
fn the_details_show_a_business_day_rule() {
    let mut sample = letter("2017-08-03");
    sample.due_rule = Some(DueRule {
        count: 11,
        unit: DueUnit::BusinessDays,
        from: DueFrom::Sent,
    });
    let app = app_on_letter(docket_with(vec![sample]), "2017-08-10");
    let text = screen(&app, 140, 30);
    assert!(
        text.contains(
            "Due      2017-08-18 (Fri): 11 business days after sent 2017-08-03 - 8 days, 6 business"
        ),
        "{text}"
    );
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Action::FormInput(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Focuses the form's field `key` and types `text` over what it holds.
fn fill(app: &mut App, key_name: &str, text: &str) {
    let at = (app.form().unwrap().fields.iter())
        .position(|f| f.key == key_name)
        .unwrap();
    while app.form().unwrap().focus != at {
        app.update(Action::FormNext);
    }
    for _ in 0..20 {
        key(app, KeyCode::Backspace);
    }
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn the_letter_form_previews_a_rule_as_it_is_typed() {
    let mut app = app_on_letter(docket_with(vec![letter("2017-08-01")]), "2017-08-10");
    app.update(Action::Add);
    assert_eq!(app.mode(), Mode::Form);
    fill(&mut app, "sent", "2017-08-03");
    fill(&mut app, "due", "+11bd");
    let text = screen(&app, 100, 36);
    assert!(
        text.contains("= 2017-08-18 (Fri): 11 business days after sent 2017-08-03"),
        "{text}"
    );
    insta::assert_snapshot!("form_preview_of_11_business_days", text);
    // Counted from receipt: the preview asks for the date received, then
    // counts from it.
    fill(&mut app, "due_from", "");
    key(&mut app, KeyCode::Right);
    let text = screen(&app, 100, 36);
    assert!(
        text.contains("! counted from receipt: type the date received"),
        "{text}"
    );
    fill(&mut app, "received", "2017-08-07");
    let text = screen(&app, 100, 36);
    assert!(
        text.contains("= 2017-08-22 (Tue): 11 business days after received 2017-08-07"),
        "{text}"
    );
    // A date on a holiday is kept, with a warning.
    fill(&mut app, "due", "2017-09-04");
    let text = screen(&app, 100, 36);
    assert!(
        text.contains("! Monday 2017-09-04 is Labor Day: offices are closed"),
        "{text}"
    );
    // Saved as a rule, the date derived through the calendar.
    fill(&mut app, "due", "+11bd");
    fill(&mut app, "subject", "Second notice");
    fill(&mut app, "from", "DOJ");
    fill(&mut app, "to", "BPD");
    app.update(Action::FormSubmit);
    assert!(app.form().is_none(), "saved");
    let added = app.docket().letter("baltimore-2017-08-03").unwrap();
    assert_eq!(added.due, Some(d("2017-08-22")));
    assert_eq!(added.received, Some(d("2017-08-07")));
    assert_eq!(added.due_rule.unwrap().from, DueFrom::Received);
    // The edit form shows the rule as typed, so that it stays a rule.
    app.update(Action::Undo);
    assert!(app.docket().letter("baltimore-2017-08-03").is_none());
}

#[test]
fn the_days_off_screen_lists_the_year_and_moves_by_year() {
    let mut docket = docket_with(vec![letter("2026-03-02")]);
    let mut settings = docket.settings.clone();
    settings.calendar.extra.push(Holiday {
        on: d("2026-03-25"),
        name: "Maryland Day".to_owned(),
    });
    settings.calendar.removed.push(d("2026-10-12"));
    docket.apply(Change::Settings(settings)).unwrap();
    let mut app = App::new(docket, d("2026-03-10"), d("2026-03-10"), Theme::COLOR);
    app.update(Action::ToggleHolidays);
    assert_eq!(app.mode(), Mode::Holidays);
    let text = screen(&app, 100, 30);
    assert!(text.contains("Days off in 2026"), "{text}");
    assert!(text.contains("2026-03-25  Wed  Maryland Day"), "{text}");
    assert!(text.contains("office"), "{text}");
    assert!(text.contains("worked"), "{text}");
    insta::assert_snapshot!("days_off_2026", text);
    app.update(Action::HolidaysYear(1));
    let text = screen(&app, 100, 30);
    assert!(text.contains("Days off in 2027"), "{text}");
    assert!(!text.contains("Maryland Day"), "{text}");
    app.update(Action::HolidaysScroll(3));
    assert_eq!(app.holidays_scroll(), 3);
    app.update(Action::HolidaysScroll(isize::MAX));
    assert_eq!(app.holidays_scroll(), app.holidays().len() - 1);
    app.update(Action::ToggleHolidays);
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn h_opens_the_days_off_and_esc_closes_them() {
    use docket::tui::keymap::action_for;
    let press = |c| KeyEvent::new(c, KeyModifiers::NONE);
    assert_eq!(
        action_for(Mode::Normal, press(KeyCode::Char('H'))),
        Some(Action::ToggleHolidays)
    );
    assert_eq!(
        action_for(Mode::Holidays, press(KeyCode::Esc)),
        Some(Action::ToggleHolidays)
    );
    assert_eq!(
        action_for(Mode::Holidays, press(KeyCode::Char(']'))),
        Some(Action::HolidaysYear(1))
    );
    assert_eq!(
        action_for(Mode::Holidays, press(KeyCode::Char('j'))),
        Some(Action::HolidaysScroll(1))
    );
}
