//! The cached views (statuses per as-of date, incremental filter search)
//! show exactly what computing every view from scratch shows: checked
//! against the straightforward computation, over random keystrokes on
//! generated dockets.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

#[path = "../benches/support/synth.rs"]
mod synth;

use std::collections::BTreeMap;

use docket::index::{CitySort, Index, View};
use docket::model::Put;
use docket::model::{Date, Docket, Extension, Letter, Status};
use docket::tui::action::Action;
use docket::tui::app::App;
use docket::tui::theme::Theme;
use proptest::prelude::*;

/// The view computed from scratch: (statuses, cities with their letters,
/// timeline, counts, span).
type Reference = (
    Vec<Status>,
    Vec<(usize, Vec<usize>)>,
    Vec<usize>,
    BTreeMap<Status, usize>,
    Option<(Date, Date)>,
);

fn reference(docket: &Docket, as_of: Date, filter: &str, sort: CitySort) -> Reference {
    let needle = docket::model::text::fold(filter.trim());
    let statuses: Vec<Status> = docket.letters.iter().map(|l| l.status(as_of)).collect();
    let urgency = |i: usize| {
        let letter = &docket.letters[i];
        let days = letter.days_left(as_of).unwrap_or(i64::MAX);
        (statuses[i], days, letter.id.as_str())
    };
    let mut by_city: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, letter) in docket.letters.iter().enumerate() {
        if letter.is_sent(as_of) {
            by_city.entry(letter.city.as_str()).or_default().push(i);
        }
    }
    let mut cities: Vec<(usize, Vec<usize>)> = Vec::new();
    for (c, city) in docket.cities.iter().enumerate() {
        let all = by_city.remove(city.id.as_str()).unwrap_or_default();
        let city_matches = city.mentions(&needle);
        let mut letters: Vec<usize> = if city_matches {
            all
        } else {
            (all.into_iter())
                .filter(|i| docket.letters[*i].mentions(&needle))
                .collect()
        };
        if city_matches || !letters.is_empty() {
            letters.sort_by(|a, b| urgency(*a).cmp(&urgency(*b)));
            cities.push((c, letters));
        }
    }
    let name = |row: &(usize, Vec<usize>)| docket.cities[row.0].name.to_lowercase();
    match sort {
        CitySort::Name => cities.sort_by_key(name),
        CitySort::Urgency => cities.sort_by(|a, b| {
            let lead = |row: &(usize, Vec<usize>)| row.1.first().map(|i| urgency(*i));
            let key = |row: &(usize, Vec<usize>)| {
                (lead(row).is_none(), lead(row).map(|(s, d, _)| (s, d)))
            };
            key(a).cmp(&key(b)).then_with(|| name(a).cmp(&name(b)))
        }),
    }
    let mut timeline: Vec<usize> = cities.iter().flat_map(|row| row.1.clone()).collect();
    timeline.sort_by_cached_key(|i| {
        let letter: &Letter = &docket.letters[*i];
        (
            docket.city_name(&letter.city).to_lowercase(),
            letter.sent,
            letter.id.clone(),
        )
    });
    let mut counts = BTreeMap::new();
    let mut span: Option<(Date, Date)> = None;
    for &i in &timeline {
        *counts.entry(statuses[i]).or_insert(0) += 1;
        let letter = &docket.letters[i];
        let end = letter.effective_due(as_of).unwrap_or(as_of).max(as_of);
        span = Some(span.map_or((letter.sent, end), |(first, last)| {
            (first.min(letter.sent), last.max(end))
        }));
    }
    (statuses, cities, timeline, counts, span)
}

fn assert_matches_reference(app: &App) {
    let view = app.view();
    let (statuses, cities, timeline, counts, span) =
        reference(app.docket(), app.as_of(), app.filter(), app.sort());
    assert_eq!(
        &*view.statuses,
        &statuses[..],
        "statuses as of {}",
        app.as_of()
    );
    let shown: Vec<(usize, Vec<usize>)> = (view.cities.iter())
        .map(|row| (row.city, row.letters.clone()))
        .collect();
    assert_eq!(shown, cities, "cities, filter {:?}", app.filter());
    assert_eq!(view.timeline, timeline);
    assert_eq!(view.counts, counts);
    assert_eq!(view.span, span);
    // The status line's count of what is dated later, from the packed facts.
    assert_eq!(app.dated_after(), app.docket().dated_after(app.as_of()));
}

/// A generated docket with the awkward cases added: letters out of id
/// order, a letter naming a missing city, extensions granted the same day,
/// text that is not ASCII (in a summary, a reply, an extension's note, a
/// closing's outcome, a city's name and notes).
fn awkward_docket(seed: u64) -> Docket {
    let mut docket = synth::docket(240, 9, seed);
    docket.letters.swap(3, 100);
    docket.letter_mut(5).city = "atlantis".into();
    let sent = docket.letters[7].sent;
    let day = |n| docket::model::add_days(sent, n).unwrap();
    docket.letter_mut(7).extensions = vec![
        Extension {
            id: String::new(),
            granted_on: day(3),
            new_due: day(40),
            note: "Prórroga".into(),
        },
        Extension {
            id: String::new(),
            granted_on: day(3),
            new_due: day(20),
            note: "B".into(),
        },
    ];
    docket.letter_mut(8).summary = "Ärger in KÖLN: Straße ΣΊΣΥΦΟΣ".into();
    docket.cities[2].name = "Évry".into();
    docket.cities[4].notes = "Contact: Cécile Zoë Ýves".into();
    if let Some(reply) = docket.letter_mut(9).replies.first_mut() {
        reply.summary = "Réponse ÇA ZÉRO".into();
    }
    let closed_on = docket::model::add_days(docket.letters[12].sent, 60).unwrap();
    docket.letter_mut(12).closings = vec![docket::model::Closing {
        id: "c1".into(),
        on: closed_on,
        outcome: "Acuerdo firmado: ñandú".into(),
        reopened_on: None,
    }];
    docket
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => proptest::sample::select(vec!['a', 'e', 'c', 'i', 't', 'y', ' ', 'ö', 'σ', 'ς', 'x', 'z', 'É', 'ñ', '\u{301}'])
            .prop_map(Action::FilterChar),
        2 => Just(Action::FilterBackspace),
        1 => Just(Action::ClearFilter),
        2 => proptest::sample::select(vec![-400i64, -30, -7, -1, 1, 7, 30, 400]).prop_map(Action::ShiftAsOf),
        1 => Just(Action::CycleSort),
        1 => Just(Action::Down),
        // Changes: a form opened with its defaults, submitted or not;
        // closing, reopening, undo and redo.
        3 => proptest::sample::select(vec![
            Action::NextPane,
            Action::Reply,
            Action::Extend,
            Action::CloseReopen,
            Action::Edit,
            Action::FormSubmit,
            Action::FormSubmit,
            Action::FormCancel,
            Action::Undo,
            Action::Redo,
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn cached_views_equal_views_computed_from_scratch_through_changes(
        seed in 0u64..1000,
        start in 0i64..5400,
        actions in proptest::collection::vec(action(), 1..40),
    ) {
        let first: Date = "2012-01-02".parse().unwrap();
        let as_of = docket::model::add_days(first, start).unwrap();
        let mut app = App::new(awkward_docket(seed), as_of, as_of, Theme::COLOR);
        assert_matches_reference(&app);
        app.update(Action::StartFilter);
        for action in actions {
            if matches!(action, Action::ClearFilter) {
                app.update(action);
                app.update(Action::StartFilter);
            } else {
                app.update(action);
            }
            assert_matches_reference(&app);
        }
    }
}

#[test]
fn a_big_docket_read_by_two_threads_shows_the_same() {
    let mut docket = synth::docket(24_000, 400, 5);
    docket.letter_mut(20_000).city = "atlantis".into();
    let as_of: Date = "2019-06-03".parse().unwrap();
    let mut app = App::new(docket, as_of, as_of, Theme::COLOR);
    assert_matches_reference(&app);
    for action in [
        Action::ShiftAsOf(30),
        Action::CycleSort,
        Action::FilterChar('q'),
    ] {
        app.update(action);
        assert_matches_reference(&app);
    }
}

/// Records a reply to, closes or reopens the selected letter through its
/// form, and checks that the docket changed.
fn change_selected_letter(app: &mut App, open: &Action) {
    let before = app.docket().clone();
    app.update(open.clone());
    if app.form().is_some() {
        app.update(Action::FormSubmit);
    }
    if app.confirm().is_some() {
        // Reopening asks first.
        app.update(Action::Confirm(true));
    }
    assert!(app.form().is_none(), "the form was accepted");
    assert_ne!(app.docket(), &before, "{open:?} changed the docket");
}

#[test]
fn changes_to_letters_keep_the_cached_views_true() {
    let docket = synth::docket(24_000, 400, 9);
    let as_of: Date = "2019-06-03".parse().unwrap();
    let mut app = App::new(docket, as_of, as_of, Theme::COLOR);
    // Several dates and filters cached, then changes made under a filter.
    for action in [
        Action::ShiftAsOf(-30),
        Action::ShiftAsOf(30),
        Action::StartFilter,
        Action::FilterChar('c'),
        Action::FilterChar('o'),
        Action::AcceptFilter,
        Action::NextPane,
    ] {
        app.update(action);
    }
    let changes = app.unsaved_count();
    for open in [Action::Reply, Action::CloseReopen, Action::CloseReopen] {
        change_selected_letter(&mut app, &open);
        assert_matches_reference(&app);
    }
    for action in [
        Action::Undo,
        Action::Undo,
        Action::Redo,
        Action::ShiftAsOf(-30),
    ] {
        app.update(action);
        assert_matches_reference(&app);
    }
    app.update(Action::ClearFilter);
    assert_matches_reference(&app);
    assert_eq!(app.unsaved_count(), changes + 6);
}

#[test]
fn a_letter_s_new_text_is_found_by_the_filters_kept() {
    let mut docket = synth::docket(3_000, 40, 4);
    let as_of: Date = "2024-01-10".parse().unwrap();
    let mut cache = Index::default();
    for filter in ["zebra", "co", "zeb"] {
        cache.view(&docket, as_of, filter, CitySort::Name);
    }
    docket.letter_mut(10).subject = "Zebra crossings".into();
    docket.letter_mut(11).summary = String::new();
    docket.letter_mut(11).subject = "Nothing".into();
    let puts: Vec<Put> = (docket.letters[10..12].iter())
        .map(|l| Put::Letter(l.id.clone(), None))
        .collect();
    cache.changed(&docket, &puts);
    for filter in ["zebra", "co", "zeb", "zebr", "crossings"] {
        let sort = CitySort::Name;
        let fresh = View::new(&docket, as_of, filter, sort);
        assert_eq!(cache.view(&docket, as_of, filter, sort), fresh, "{filter}");
    }
    assert!(
        View::new(&docket, as_of, "zebra", CitySort::Name)
            .timeline
            .contains(&10)
    );
}
