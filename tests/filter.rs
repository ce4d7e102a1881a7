//! The filter (`/`) searches every text of a letter and of its city,
//! ignoring case and accents, and says so when nothing matches.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::sync::Arc;

use docket::model::text::fold;
use docket::model::{City, Closing, Docket, Extension, Reply, ReplyKind};
use docket::tui::action::Action;
use docket::tui::app::App;
use docket::tui::theme::Theme;
use docket::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::letters::{date as d, letter};

fn city(id: &str, name: &str, notes: &str) -> City {
    City {
        id: id.into(),
        name: name.into(),
        state: "XX".into(),
        notes: notes.into(),
        log: Vec::new(),
    }
}

/// Five cities, a letter each, every letter's subject plain: what the
/// filters below look for is only in a reply, an extension's note, a
/// closing's outcome, a tag or a city's notes.
fn docket() -> Docket {
    let mut docket = Docket::new();
    docket.cities = vec![
        city("baltimore", "Baltimore", ""),
        city("curitiba", "Curitiba", ""),
        city("fresno", "Fresno", ""),
        city("reno", "Reno", ""),
        city(
            "stockton",
            "Stockton",
            "The mayor's chief of staff answers for the city.",
        ),
    ];
    let letters = [
        letter("baltimore-2017-08-03", "baltimore", "2017-08-03")
            .subject("Public Safety Partnership")
            .due("2017-09-01")
            .replies([Reply {
                id: "r1".into(),
                on: d("2017-08-10"),
                from: "Police Department".into(),
                kind: ReplyKind::Disputes,
                summary: "The county sheriff holds the jail's records.".into(),
                source: None,
            }]),
        letter("curitiba-2017-08-03", "curitiba", "2017-08-03")
            .subject("Records request")
            .replies([Reply {
                id: "r1".into(),
                on: d("2017-08-10"),
                from: "Prefeitura, Ofício nº 12".into(),
                kind: ReplyKind::Acknowledges,
                summary: String::new(),
                source: None,
            }]),
        letter("fresno-2017-08-03", "fresno", "2017-08-03")
            .subject("Records request")
            .due("2017-08-18")
            .extensions([Extension {
                id: "x1".into(),
                granted_on: d("2017-08-15"),
                new_due: d("2017-09-15"),
                note: "To gather the intake logs".into(),
            }]),
        letter("reno-2017-08-03", "reno", "2017-08-03")
            .subject("Records request")
            .closing(Closing {
                id: "c1".into(),
                on: d("2017-08-20"),
                outcome: "Settled by consent decree".into(),
                reopened_on: None,
            }),
        letter("stockton-2017-08-03", "stockton", "2017-08-03")
            .subject("Records request")
            .tags(["sanctuary"]),
    ];
    docket.letters = letters.map(|l| Arc::new(l.build())).to_vec();
    docket.normalize();
    docket
}

fn filtered(filter: &str) -> App {
    let mut app = App::new(docket(), d("2017-08-25"), d("2017-08-25"), Theme::COLOR);
    app.update(Action::StartFilter);
    for c in filter.chars() {
        app.update(Action::FilterChar(c));
    }
    app
}

/// The ids of the letters the filter shows.
fn shown(filter: &str) -> Vec<String> {
    let app = filtered(filter);
    (app.view().timeline.iter())
        .map(|&i| app.docket().letters[i].id.clone())
        .collect()
}

#[test]
fn the_filter_finds_a_reply_s_summary_and_sender() {
    assert_eq!(shown("sheriff"), ["baltimore-2017-08-03"]);
    assert_eq!(shown("POLICE DEP"), ["baltimore-2017-08-03"]);
}

#[test]
fn the_filter_ignores_accents_both_ways() {
    assert_eq!(shown("oficio"), ["curitiba-2017-08-03"]);
    assert_eq!(shown("OFÍCIO"), ["curitiba-2017-08-03"]);
    assert_eq!(shown("ofício nº"), ["curitiba-2017-08-03"]);
}

#[test]
fn the_filter_finds_extension_notes_outcomes_tags_and_city_notes() {
    assert_eq!(shown("intake logs"), ["fresno-2017-08-03"]);
    assert_eq!(shown("consent decree"), ["reno-2017-08-03"]);
    assert_eq!(shown("sanctuary"), ["stockton-2017-08-03"]);
    assert_eq!(shown("chief of staff"), ["stockton-2017-08-03"]);
}

#[test]
fn a_filter_matching_nothing_says_so() {
    let app = filtered("sheriffs");
    assert!(app.view().cities.is_empty());
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains(r#"no letter matches "sheriffs""#),
        "{screen}"
    );
    assert!(!screen.contains("no letters sent"), "{screen}");
}

#[test]
fn a_city_without_letters_still_says_none_were_sent() {
    let mut docket = docket();
    docket.cities.push(city("tulsa", "Tulsa", ""));
    let mut app = App::new(docket, d("2017-08-25"), d("2017-08-25"), Theme::COLOR);
    app.update(Action::StartFilter);
    for c in "tulsa".chars() {
        app.update(Action::FilterChar(c));
    }
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    terminal.draw(|frame| ui::draw(frame, &app)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(
        screen.contains("no letters sent as of 2017-08-25"),
        "{screen}"
    );
}

#[test]
fn folding_drops_case_and_accents_and_nothing_else() {
    assert_eq!(fold("Ofício"), "oficio");
    assert_eq!(fold("ÄRGER in Köln, Straße"), "arger in koln, straße");
    assert_eq!(fold("ΣΊΣΥΦΟΣ"), "σισυφοσ");
    assert_eq!(fold("Ǆ İ ﬁ 서울"), "ǆ i ﬁ 서울");
    assert_eq!(fold("e\u{301}"), "e");
    // Each character folds on its own: a part of a text folds to a part
    // of the folded text.
    let text = "São Tomé ΣΟΦΟΣ";
    for (i, _) in text.char_indices() {
        assert!(fold(text).starts_with(&fold(&text[..i])));
        assert!(fold(text).ends_with(&fold(&text[i..])));
    }
}
