//! The interface on the bundled sample at fixed dates: actions, whole-screen
//! snapshots, styles, every size, wide characters.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use docket::model::{City, Docket, Letter};
use docket::tui::action::Action;
use docket::tui::app::{App, Pane};
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use std::sync::Arc;
use support::letters::date as d;
use unicode_width::UnicodeWidthStr;

fn sample() -> Docket {
    docket::store::sample()
}

/// The sample as of a date, with today far in the future (so it is a replay).
fn app_at(as_of: &str) -> App {
    App::new(sample(), d(as_of), d("2026-11-29"), Theme::COLOR)
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::draw(frame, app)).unwrap();
    terminal
}

fn screen(app: &App, width: u16, height: u16) -> String {
    render(app, width, height).backend().to_string()
}

fn apply(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(action.clone());
    }
}

fn selected_city(app: &App) -> String {
    app.selected_city()
        .map(|c| c.id.clone())
        .unwrap_or_default()
}

#[test]
fn moving_selects_cities_and_open_walks_into_the_letter() {
    let mut app = app_at("2017-08-10");
    assert_eq!(selected_city(&app), "albuquerque");
    apply(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(selected_city(&app), "san-bernardino");
    apply(&mut app, &[Action::Last]);
    assert_eq!(selected_city(&app), "stockton");
    apply(&mut app, &[Action::Down]);
    assert_eq!(selected_city(&app), "stockton", "stays on the last");
    apply(&mut app, &[Action::First, Action::Up]);
    assert_eq!(selected_city(&app), "albuquerque", "stays on the first");

    apply(&mut app, &[Action::Down, Action::Open]);
    assert_eq!(app.focus(), Pane::Letters);
    assert_eq!(app.selected_letter().unwrap().id, "baltimore-2017-08-03");
    apply(&mut app, &[Action::Open]);
    assert_eq!(app.focus(), Pane::Details);
    apply(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(app.details_scroll(), 2);
    apply(&mut app, &[Action::NextPane]);
    assert_eq!(app.focus(), Pane::Timeline);
    apply(&mut app, &[Action::NextPane]);
    assert_eq!(app.focus(), Pane::Cities);
    apply(&mut app, &[Action::PrevPane]);
    assert_eq!(app.focus(), Pane::Timeline);
}

#[test]
fn what_is_dated_after_the_as_of_date_is_shown_later_and_noted() {
    // Issue #13 point 5: a reply dated after the as-of date is not lost.
    let mut docket = sample();
    let at = docket
        .letters
        .iter()
        .position(|l| l.id == "baltimore-2017-08-03")
        .unwrap();
    let letter = Arc::make_mut(&mut docket.letters[at]);
    letter.replies.clear();
    letter.replies.push(docket::model::Reply {
        id: "r1".into(),
        on: d("2017-08-16"),
        from: "Clerk".into(),
        kind: docket::model::ReplyKind::Acknowledges,
        summary: "Received.".into(),
        source: None,
    });
    let mut app = App::new(docket, d("2017-08-14"), d("2026-11-29"), Theme::COLOR);
    apply(&mut app, &[Action::Down, Action::Open, Action::Open]);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Later"), "{text}");
    assert!(text.contains("2017-08-16 (Wed)  reply Clerk"), "{text}");
    assert!(text.contains("none yet"), "{text}");
    assert!(text.contains("dated after 2017-08-14 (t: today)"), "{text}");
    let narrow = screen(&app, 80, 24);
    assert!(
        narrow.contains("1 reply after 2017-08-14 (t: today)"),
        "{narrow}"
    );
    assert!(narrow.contains("? help"), "{narrow}");
    let terminal = render(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let cell = &buffer[find(buffer, "Later").unwrap()];
    assert_eq!(cell.style().fg, Theme::COLOR.dim.fg);
}

#[test]
fn enter_on_the_timeline_opens_that_letter() {
    let mut app = app_at("2017-08-10");
    apply(&mut app, &[Action::PrevPane, Action::Last, Action::Open]);
    assert_eq!(app.focus(), Pane::Details);
    assert_eq!(app.selected_letter().unwrap().id, "stockton-2017-08-03");
}

#[test]
fn filter_narrows_cities_incrementally_and_escape_clears() {
    let mut app = app_at("2017-08-10");
    apply(&mut app, &[Action::StartFilter]);
    for c in "san".chars() {
        app.update(Action::FilterChar(c));
    }
    let shown: Vec<&str> = app
        .view()
        .cities
        .iter()
        .map(|row| app.docket().cities[row.city].id.as_str())
        .collect();
    assert_eq!(shown, ["san-bernardino"]);
    assert_eq!(selected_city(&app), "san-bernardino");
    apply(
        &mut app,
        &[Action::FilterBackspace, Action::FilterBackspace],
    );
    assert_eq!(app.filter(), "s");
    assert_eq!(app.view().cities.len(), 4, "every letter mentions an s");
    apply(&mut app, &[Action::ClearFilter]);
    assert_eq!(app.filter(), "");
    assert_eq!(app.view().cities.len(), 4);

    // Letter text matches too: only Stockton's letter names Stockton.
    apply(&mut app, &[Action::StartFilter]);
    for c in "STOCKTON POLICE".chars() {
        app.update(Action::FilterChar(c));
    }
    apply(&mut app, &[Action::AcceptFilter]);
    assert_eq!(app.view().cities.len(), 1);
    assert_eq!(app.view().timeline.len(), 1);
    apply(&mut app, &[Action::StartFilter, Action::FilterChar('x')]);
    assert!(app.view().cities.is_empty());
    assert!(app.selected_letter().is_none());
}

#[test]
fn sort_cycles_between_urgency_and_name() {
    let mut docket = sample();
    // Stockton answers, so by urgency it goes last; by name it stays last anyway,
    // so make Albuquerque the answered one instead.
    docket.letter_mut(0).replies.push(docket::model::Reply {
        id: String::new(),
        source: None,
        on: d("2017-08-09"),
        from: "Albuquerque Police Department".into(),
        kind: docket::model::ReplyKind::Complies,
        summary: String::new(),
    });
    let mut app = App::new(docket, d("2017-08-10"), d("2026-11-29"), Theme::COLOR);
    let order = |app: &App| -> Vec<String> {
        app.view()
            .cities
            .iter()
            .map(|row| app.docket().cities[row.city].id.clone())
            .collect()
    };
    assert_eq!(
        order(&app),
        ["baltimore", "san-bernardino", "stockton", "albuquerque"]
    );
    apply(&mut app, &[Action::CycleSort]);
    assert_eq!(
        order(&app),
        ["albuquerque", "baltimore", "san-bernardino", "stockton"]
    );
    apply(&mut app, &[Action::CycleSort]);
    assert_eq!(order(&app)[3], "albuquerque");
}

#[test]
fn as_of_steps_by_day_and_week_and_returns_to_today() {
    let mut app = app_at("2017-08-10");
    let status = |app: &App| app.selected_letter().unwrap().status(app.as_of());
    apply(&mut app, &[Action::ShiftAsOf(1)]);
    assert_eq!(app.as_of(), d("2017-08-11"));
    apply(&mut app, &[Action::ShiftAsOf(7)]);
    assert_eq!(app.as_of(), d("2017-08-18"));
    assert_eq!(status(&app), docket::model::Status::DueToday);
    apply(&mut app, &[Action::ShiftAsOf(-7), Action::ShiftAsOf(-1)]);
    assert_eq!(app.as_of(), d("2017-08-10"));
    // Before the letters were sent they vanish.
    apply(&mut app, &[Action::ShiftAsOf(-7), Action::ShiftAsOf(-1)]);
    assert_eq!(app.as_of(), d("2017-08-02"));
    assert!(app.view().timeline.is_empty());
    assert!(app.selected_letter().is_none());
    apply(&mut app, &[Action::AsOfToday]);
    assert_eq!(app.as_of(), d("2026-11-29"));
}

#[test]
fn the_selection_survives_replay() {
    let mut app = app_at("2017-08-10");
    apply(&mut app, &[Action::Last, Action::ShiftAsOf(1)]);
    assert_eq!(selected_city(&app), "stockton");
}

#[test]
fn midnight_moves_a_view_that_follows_today_but_not_a_replay() {
    let mut app = App::new(sample(), d("2017-08-10"), d("2017-08-10"), Theme::COLOR);
    app.update(Action::Tick(d("2017-08-11")));
    assert_eq!(app.as_of(), d("2017-08-11"));
    let mut replay = app_at("2017-08-10");
    replay.update(Action::Tick(d("2026-11-30")));
    assert_eq!(replay.as_of(), d("2017-08-10"));
}

#[test]
fn zoom_and_help_and_quit() {
    use docket::tui::app::Zoom;
    let mut app = app_at("2017-08-10");
    apply(&mut app, &[Action::ZoomOut]);
    assert_eq!(app.timeline().zoom, Zoom::Week);
    apply(&mut app, &[Action::ZoomOut, Action::ZoomOut]);
    assert_eq!(app.timeline().zoom, Zoom::Month);
    apply(&mut app, &[Action::ZoomIn, Action::ZoomIn, Action::ZoomIn]);
    assert_eq!(app.timeline().zoom, Zoom::Day);
    apply(&mut app, &[Action::ToggleHelp]);
    assert_eq!(app.mode(), docket::tui::keymap::Mode::Help);
    apply(&mut app, &[Action::ToggleHelp]);
    assert_eq!(app.mode(), docket::tui::keymap::Mode::Normal);
    assert!(!app.should_quit());
    apply(&mut app, &[Action::Quit]);
    assert!(app.should_quit());
}

#[test]
fn snapshots_of_the_sample_over_the_story() {
    for (name, as_of) in [
        ("open", "2017-08-10"),
        ("due_soon", "2017-08-16"),
        ("due_today", "2017-08-18"),
        ("overdue", "2017-08-21"),
    ] {
        let app = app_at(as_of);
        insta::assert_snapshot!(format!("{name}_120x40"), screen(&app, 120, 40));
        insta::assert_snapshot!(format!("{name}_80x24"), screen(&app, 80, 24));
    }
}

#[test]
fn snapshot_of_the_help_overlay() {
    let mut app = app_at("2017-08-10");
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(screen(&app, 120, 40));
}

#[test]
fn snapshot_of_a_filtered_view() {
    let mut app = app_at("2017-08-21");
    app.update(Action::StartFilter);
    for c in "balt".chars() {
        app.update(Action::FilterChar(c));
    }
    insta::assert_snapshot!(screen(&app, 80, 24));
}

/// The cells showing `text` first on any row of the buffer.
fn find(buffer: &Buffer, text: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let row: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        if let Some(at) = row.find(text) {
            return Some((row[..at].width() as u16, y));
        }
    }
    None
}

#[test]
fn an_overdue_countdown_is_red_and_not_with_no_color() {
    for (theme, expected) in [(Theme::COLOR, Color::Red), (Theme::PLAIN, Color::Reset)] {
        let app = App::new(sample(), d("2017-08-21"), d("2026-11-29"), theme);
        let terminal = render(&app, 120, 40);
        let buffer = terminal.backend().buffer();
        let (x, y) = find(buffer, "3d late").expect("the countdown shows");
        for dx in 0..7 {
            assert_eq!(buffer[(x + dx, y)].fg, expected, "{theme:?}");
        }
        // Without colour the status still reads in words.
        assert!(find(buffer, "overdue by 3 days (1 business day)").is_some());
    }
    // No cell anywhere has a colour when NO_COLOR is set.
    let app = App::new(sample(), d("2017-08-21"), d("2026-11-29"), Theme::PLAIN);
    let terminal = render(&app, 120, 40);
    for cell in terminal.backend().buffer().content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
}

#[test]
fn no_color_means_any_non_empty_value() {
    use std::ffi::OsStr;
    assert_eq!(Theme::for_no_color(None), Theme::COLOR);
    assert_eq!(Theme::for_no_color(Some(OsStr::new(""))), Theme::COLOR);
    assert_eq!(Theme::for_no_color(Some(OsStr::new("1"))), Theme::PLAIN);
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = app_at("2017-08-21");
    app.update(Action::ToggleHelp);
    let plain = app_at("2017-08-16");
    for width in 0..=130 {
        for height in 0..=45 {
            render(&plain, width, height);
            render(&app, width, height);
        }
    }
    for (width, height) in [(300, 300), (1000, 5), (5, 1000), (500, 200)] {
        render(&plain, width, height);
        render(&app, width, height);
    }
}

#[test]
fn too_small_says_so() {
    let text = screen(&app_at("2017-08-10"), 39, 20);
    assert!(text.contains("terminal too small"), "{text}");
}

/// A docket with wide characters in names and subjects.
fn wide_docket() -> Docket {
    let mut docket = sample();
    docket.cities.push(City {
        id: "beijing".into(),
        name: "北京市东城区🏙️".into(),
        state: "京".into(),
        notes: String::new(),
        log: Vec::new(),
    });
    let mut letter: Letter = Letter::clone(&docket.letters[0]);
    letter.id = "beijing-2017-08-03".into();
    letter.city = "beijing".into();
    letter.subject = "关于公共安全伙伴关系的信函 🎉🎉 emoji and CJK".into();
    letter.from = "司法部 👩‍⚖️".into();
    docket.letters.push(Arc::new(letter));
    docket.normalize();
    docket
}

/// The display width of a buffer row: wide symbols take their width, and
/// the cells they cover are skipped.
fn row_width(buffer: &Buffer, y: u16) -> usize {
    let mut x = 0;
    let mut width = 0;
    while x < buffer.area.width {
        let w = buffer[(x, y)].symbol().width().max(1);
        width += w;
        x += w as u16;
    }
    width
}

#[test]
fn wide_characters_never_break_a_row_or_a_border() {
    for focus_steps in 0..4 {
        let mut app = App::new(
            wide_docket(),
            d("2017-08-10"),
            d("2026-11-29"),
            Theme::COLOR,
        );
        apply(&mut app, &[Action::Open]);
        for _ in 0..focus_steps {
            app.update(Action::NextPane);
        }
        for width in [40, 41, 47, 55, 61, 80, 97] {
            for height in [12, 24] {
                let terminal = render(&app, width, height);
                let buffer = terminal.backend().buffer();
                for y in 0..height {
                    assert_eq!(
                        row_width(buffer, y),
                        width as usize,
                        "{width}x{height} row {y}"
                    );
                }
                // The right border of the screen stays in the last column.
                let last = buffer[(width - 1, 1)].symbol();
                assert_eq!(last, "│", "{width}x{height}");
            }
        }
    }
}

#[test]
fn help_fits_80x24_in_one_column_with_nothing_cut() {
    let mut app = app_at("2017-08-10");
    apply(&mut app, &[Action::Resize(80, 24), Action::ToggleHelp]);
    insta::assert_snapshot!("help_80x24", screen(&app, 80, 24));
    app.update(Action::HelpScroll(20));
    let text = screen(&app, 80, 24);
    assert!(
        text.contains("add a city (in Cities) or a letter"),
        "{text}"
    );
    assert!(!text.contains("Cit…"), "nothing is cut: {text}");
}

#[test]
fn help_fits_60x20_and_lists_the_form_editing_keys_when_scrolled() {
    let mut app = app_at("2017-08-10");
    apply(&mut app, &[Action::Resize(60, 20), Action::ToggleHelp]);
    let top = screen(&app, 60, 20);
    assert!(!top.contains("Cit…"), "nothing is cut: {top}");
    insta::assert_snapshot!("help_60x20", top);
    app.update(Action::HelpScroll(isize::MAX));
    let bottom = screen(&app, 60, 20);
    assert!(bottom.contains("Ctrl-u"), "{bottom}");
    assert!(bottom.contains("Ctrl-w"), "{bottom}");
    insta::assert_snapshot!("help_60x20_scrolled_to_the_end", bottom);
    // Back up a line at a time: the first line moves at once.
    app.update(Action::HelpScroll(-1));
    assert_ne!(screen(&app, 60, 20), bottom);
    app.update(Action::HelpScroll(isize::MIN));
    assert_eq!(screen(&app, 60, 20), top);
}

#[test]
fn the_status_line_keeps_the_help_hint_at_80_columns() {
    for as_of in ["2017-08-10", "2017-08-21"] {
        let text = screen(&app_at(as_of), 80, 24);
        let status = text.lines().last().unwrap();
        assert!(status.contains("? help"), "{status}");
    }
}

/// The sample with three more letters to Baltimore: four in all.
fn four_baltimore_letters() -> Docket {
    use support::letters::letter;
    let mut docket = sample();
    for (sent, due, subject) in [
        ("2017-06-12", "2017-07-12", "Byrne JAG conditions"),
        ("2017-07-20", "2017-08-30", "Records request"),
        ("2017-08-07", "2017-09-08", "Sanctuary policy"),
    ] {
        let id = format!("baltimore-{sent}");
        let built = letter(id, "baltimore", sent)
            .subject(subject)
            .due(due)
            .build();
        docket.letters.push(Arc::new(built));
    }
    docket.normalize();
    docket
}

fn four_letters_app() -> App {
    App::new(
        four_baltimore_letters(),
        d("2017-08-10"),
        d("2026-11-29"),
        Theme::COLOR,
    )
}

#[test]
fn the_timeline_tells_a_citys_letters_apart() {
    let mut app = four_letters_app();
    let text = screen(&app, 120, 40);
    for label in ["Baltimore Jun 12", "Baltimore Jul 20", "Baltimore Aug 7"] {
        assert!(text.contains(label), "{label}: {text}");
    }
    insta::assert_snapshot!("timeline_four_letters_of_one_city", text);
    apply(&mut app, &[Action::Resize(80, 24)]);
    insta::assert_snapshot!(
        "timeline_four_letters_of_one_city_80x24",
        screen(&app, 80, 24)
    );
}

/// The timeline row showing `text`, and whether its label is highlighted.
fn timeline_row_highlighted(buffer: &Buffer, text: &str) -> bool {
    let (x, y) = find(buffer, text).unwrap_or_else(|| panic!("{text} shows"));
    (0..text.len() as u16).all(|dx| {
        buffer[(x + dx, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    })
}

#[test]
fn the_selected_letters_timeline_row_is_highlighted_and_stays_in_view() {
    let mut app = four_letters_app();
    // Baltimore (first by urgency), then its second letter.
    apply(&mut app, &[Action::Open, Action::Down]);
    let selected = app.selected_letter().unwrap().sent;
    let label = format!("Baltimore {}", selected.format("%b %-d"));
    let terminal = render(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    assert!(timeline_row_highlighted(buffer, &label), "{label}");
    assert!(!timeline_row_highlighted(buffer, "Stockton Aug 3"));
    // On a short screen, Stockton's letter, last on the timeline, shows
    // when Stockton is selected in Cities.
    let mut cities = four_letters_app();
    apply(&mut cities, &[Action::Last]);
    let terminal = render(&cities, 80, 24);
    assert!(timeline_row_highlighted(
        terminal.backend().buffer(),
        "Stockton Aug 3"
    ));
    // The timeline's own moves select letters.
    apply(
        &mut app,
        &[Action::NextPane, Action::NextPane, Action::Last],
    );
    assert_eq!(app.focus(), Pane::Timeline);
    let last = app.view().timeline.last().copied().unwrap();
    let last = &app.docket().letters[last];
    assert_eq!(
        app.selected_letter().unwrap().id,
        last.id,
        "the timeline selects"
    );
    let label = format!(
        "{} {}",
        app.docket().city_name(&last.city),
        last.sent.format("%b %-d")
    );
    let terminal = render(&app, 80, 24);
    let text = terminal.backend().to_string();
    assert!(
        timeline_row_highlighted(terminal.backend().buffer(), &label),
        "{label}: {text}"
    );
}

#[test]
fn week_and_month_axis_labels_carry_the_year_when_it_changes() {
    let mut app = App::new(sample(), d("2017-12-20"), d("2026-11-29"), Theme::COLOR);
    apply(&mut app, &[Action::ZoomOut]);
    let text = screen(&app, 120, 40);
    let axis = text.lines().find(|l| l.contains("|Dec")).unwrap();
    // The first label and the first in 2018 carry the year, the others not.
    assert!(axis.contains("|Jul 27 2017 "), "week: {axis}");
    assert!(axis.contains("|Nov 2 "), "week: {axis}");
    assert!(axis.contains("|Mar 1 2018 "), "week: {axis}");
    apply(&mut app, &[Action::ZoomOut]);
    let text = screen(&app, 120, 40);
    let axis = text.lines().find(|l| l.contains("|Jul 2017")).unwrap();
    // Labels are most of a year apart: a Dec after a Jan of its year has none.
    assert!(axis.contains("|Jan 2022  |Dec  |"), "month: {axis}");
    insta::assert_snapshot!("timeline_week_and_month_year_change", text);
}

#[test]
fn two_letters_to_a_city_on_one_day_are_told_apart_by_subject() {
    use support::letters::letter;
    let mut docket = four_baltimore_letters();
    let twin = letter("baltimore-2017-08-07-b", "baltimore", "2017-08-07")
        .subject("Detainer requests")
        .due("2017-09-01")
        .build();
    docket.letters.push(Arc::new(twin));
    docket.normalize();
    let app = App::new(docket, d("2017-08-10"), d("2026-11-29"), Theme::COLOR);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Baltimore Sanctuary…"), "{text}");
    assert!(text.contains("Baltimore Detainer …"), "{text}");
    assert!(text.contains("Baltimore Jul 20"), "{text}");
}

/// The status line's counts: every status, zero or not, in one order.
fn status_line(app: &App, width: u16, height: u16) -> String {
    let text = screen(app, width, height);
    text.lines()
        .nth(usize::from(height) - 1)
        .unwrap()
        .to_owned()
}

#[test]
fn status_counts_show_every_status_zero_or_not() {
    let app = app_at("2017-08-16");
    let line = status_line(&app, 120, 40);
    assert!(
        line.contains("0 overdue · 0 due today · 4 due soon · 0 open · 0 answered"),
        "{line}"
    );
    let app = app_at("2017-08-10");
    let line = status_line(&app, 120, 40);
    assert!(
        line.contains("0 overdue · 0 due today · 0 due soon · 4 open · 0 answered"),
        "{line}"
    );
    // At 80 columns, today (not a replay): every count, and `? help`.
    let app = App::new(sample(), d("2017-08-10"), d("2017-08-10"), Theme::COLOR);
    let line = status_line(&app, 80, 24);
    assert!(
        line.contains("0 overdue 0 today 0 soon 4 open 0 answered"),
        "{line}"
    );
    assert!(
        line.trim_end_matches('"').trim_end().ends_with("? help"),
        "{line}"
    );
}

#[test]
fn the_letter_pane_shows_the_citys_notes() {
    let mut app = app_at("2017-08-10");
    apply(&mut app, &[Action::Down, Action::Open]);
    let letter = app.selected_letter().unwrap().city.clone();
    let notes = app.docket().city(&letter).unwrap().notes.clone();
    assert!(!notes.is_empty());
    let text = screen(&app, 160, 60);
    assert!(text.contains("City notes"), "{text}");
    assert!(text.contains("Expressed interest"), "{text}");
}
