//! The story layer, pure: the event list and a matter's grid over the story
//! fixture, as tables at fixed dates.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use docket::model::{Change, Docket, Letter, Status};
use docket::story::{
    Chronology, DeadlineState, What, deadline_state, deadlines, due_on, matter_letters, matter_row,
    matters, status_counts,
};
use support::files::STORY;
use support::letters::date as d;

fn story() -> Docket {
    docket::store::parse(STORY).unwrap()
}

/// The events shown as of a date: `(date, letter, kind)`.
fn shown(docket: &Docket, as_of: &str) -> Vec<(String, String, &'static str)> {
    let chronology = Chronology::new(docket);
    (chronology.shown(d(as_of)).events())
        .map(|at| chronology.events()[at])
        .map(|e| {
            let letter = &docket.letters[e.letter as usize].id;
            (e.on.to_string(), letter.clone(), e.what.kind())
        })
        .collect()
}

fn row(on: &str, letter: &str, kind: &'static str) -> (String, String, &'static str) {
    (on.to_owned(), letter.to_owned(), kind)
}

#[test]
fn the_events_as_of_three_dates() {
    let docket = story();
    let sent = |city: &str| row("2017-08-03", &format!("{city}-2017-08-03"), "sent");
    let due = |city: &str| row("2017-08-18", &format!("{city}-2017-08-03"), "deadline");
    let cities = ["albuquerque", "baltimore", "san-bernardino", "stockton"];
    let mut expected: Vec<_> = cities.iter().map(|c| sent(c)).collect();
    expected.push(row("2017-08-10", "baltimore-2017-08-03", "reply"));
    expected.extend(cities.iter().map(|c| due(c)));
    assert_eq!(
        shown(&docket, "2017-08-10"),
        expected,
        "deadlines ahead come last"
    );

    let mut expected: Vec<_> = cities.iter().map(|c| sent(c)).collect();
    expected.extend([
        row("2017-08-10", "baltimore-2017-08-03", "reply"),
        row("2017-08-14", "stockton-2017-08-03", "reply"),
        due("albuquerque"),
        row("2017-08-18", "baltimore-2017-08-03", "reply"),
        due("baltimore"),
        row("2017-08-18", "san-bernardino-2017-08-03", "closed"),
        due("san-bernardino"),
        row("2017-08-18", "stockton-2017-08-03", "extension"),
        due("stockton"),
        row("2017-08-25", "stockton-2017-08-03", "deadline"),
    ]);
    assert_eq!(shown(&docket, "2017-08-18"), expected);

    let all = shown(&docket, "2017-09-01");
    assert_eq!(all.len(), 16, "{all:?}");
    assert_eq!(all[13], row("2017-08-21", "albuquerque-2017-08-21", "sent"));
    assert_eq!(
        all[14],
        row("2017-08-25", "stockton-2017-08-03", "deadline")
    );
    assert_eq!(
        all[15],
        row("2017-08-28", "albuquerque-2017-08-21", "deadline")
    );
    let dates: Vec<&String> = all.iter().map(|(on, _, _)| on).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in date order");
}

#[test]
fn nothing_dated_later_shows_and_a_superseded_deadline_is_not_ahead() {
    let docket = story();
    // As of 08-02 nothing is sent.
    assert!(shown(&docket, "2017-08-02").is_empty());
    // Extended on 08-18 to 08-25: as of 08-17 the 08-18 deadline is ahead,
    // the 08-25 one unknown.
    let ahead = shown(&docket, "2017-08-17");
    assert!(ahead.contains(&row("2017-08-18", "stockton-2017-08-03", "deadline")));
    assert!(!ahead.iter().any(|(on, _, _)| on == "2017-08-25"));
}

#[test]
fn what_became_of_each_letter_by_its_deadline() {
    let docket = story();
    let state = |id: &str, day: &str, as_of: &str| {
        deadline_state(docket.letter(id).unwrap(), d(day), d(as_of)).word()
    };
    let table = [
        (
            "albuquerque-2017-08-03",
            "2017-08-18",
            "2017-08-10",
            "upcoming",
        ),
        (
            "albuquerque-2017-08-03",
            "2017-08-18",
            "2017-08-18",
            "waiting",
        ),
        (
            "albuquerque-2017-08-03",
            "2017-08-18",
            "2017-09-01",
            "waiting",
        ),
        (
            "baltimore-2017-08-03",
            "2017-08-18",
            "2017-09-01",
            "answered",
        ),
        (
            "san-bernardino-2017-08-03",
            "2017-08-18",
            "2017-09-01",
            "closed",
        ),
        (
            "stockton-2017-08-03",
            "2017-08-18",
            "2017-09-01",
            "extended",
        ),
        ("stockton-2017-08-03", "2017-08-25", "2017-09-01", "waiting"),
    ];
    for (id, day, as_of, expected) in table {
        assert_eq!(state(id, day, as_of), expected, "{id} {day} as of {as_of}");
    }
    let stockton = docket.letter("stockton-2017-08-03").unwrap();
    assert_eq!(deadlines(stockton), [d("2017-08-18"), d("2017-08-25")]);
    assert_eq!(
        deadline_state(stockton, d("2017-08-18"), d("2017-09-01")),
        DeadlineState::Extended {
            on: d("2017-08-18"),
            to: d("2017-08-25")
        }
    );
    let due: Vec<&str> = (due_on(&docket, d("2017-08-18")).iter())
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(
        due,
        [
            "albuquerque-2017-08-03",
            "baltimore-2017-08-03",
            "san-bernardino-2017-08-03",
            "stockton-2017-08-03"
        ]
    );
}

#[test]
fn the_matter_grid_as_of_three_dates() {
    let docket = story();
    let letters = matter_letters(&docket, "psp-2017-08-03");
    let grid = |as_of: &str| -> Vec<(String, Status, String, usize, usize, usize)> {
        (letters.iter())
            .map(|&at| matter_row(&docket, &docket.letters[at], d(as_of)))
            .map(|r| {
                let due = r.due.map(|d| d.to_string()).unwrap_or_default();
                let city = r.city.to_owned();
                (
                    city,
                    r.status,
                    due,
                    r.replies.len(),
                    r.extensions.len(),
                    r.closings.len(),
                )
            })
            .collect()
    };
    let row = |city: &str, status, due: &str, replies, extensions, closings| {
        (
            city.to_owned(),
            status,
            due.to_owned(),
            replies,
            extensions,
            closings,
        )
    };
    assert_eq!(
        grid("2017-08-10"),
        [
            row("Albuquerque", Status::Open, "2017-08-18", 0, 0, 0),
            row("Baltimore", Status::Open, "2017-08-18", 1, 0, 0),
            row("San Bernardino", Status::Open, "2017-08-18", 0, 0, 0),
            row("Stockton", Status::Open, "2017-08-18", 0, 0, 0),
        ]
    );
    assert_eq!(
        grid("2017-08-18"),
        [
            row("Albuquerque", Status::DueToday, "2017-08-18", 0, 0, 0),
            row("Baltimore", Status::Answered, "2017-08-18", 2, 0, 0),
            row("San Bernardino", Status::Closed, "2017-08-18", 0, 0, 1),
            row("Stockton", Status::Open, "2017-08-25", 1, 1, 0),
        ]
    );
    assert_eq!(
        grid("2017-09-01"),
        [
            row("Albuquerque", Status::Overdue, "2017-08-18", 0, 0, 0),
            row("Baltimore", Status::Answered, "2017-08-18", 2, 0, 0),
            row("San Bernardino", Status::Closed, "2017-08-18", 0, 0, 1),
            row("Stockton", Status::Overdue, "2017-08-25", 1, 1, 0),
        ]
    );
    assert_eq!(
        grid("2017-08-02"),
        ["Albuquerque", "Baltimore", "San Bernardino", "Stockton"].map(|c| row(
            c,
            Status::NotYetSent,
            "",
            0,
            0,
            0
        )),
        "before it was sent a row shows nothing"
    );
    assert_eq!(
        status_counts(&docket, &letters, d("2017-09-01")),
        [
            (Status::Overdue, 2),
            (Status::Answered, 1),
            (Status::Closed, 1)
        ]
    );
    let all = matters(&docket);
    assert_eq!(all.keys().copied().collect::<Vec<_>>(), ["psp-2017-08-03"]);
}

#[test]
fn letters_added_together_share_a_new_matter_in_one_undoable_change() {
    let mut docket = story();
    let letter = |city: &str| Letter {
        from: "DOJ".into(),
        to: "Police".into(),
        subject: "Public Safety Partnership: a second round".into(),
        ..Letter::new(city, d("2017-09-01"))
    };
    let before = docket.clone();
    let applied = docket
        .apply(Change::AddLetters(vec![
            letter("baltimore"),
            letter("stockton"),
        ]))
        .unwrap();
    assert_eq!(applied.id, "baltimore-2017-09-01");
    let matter = "public-safety-partnership-a-2017-09-01";
    assert_eq!(matter_letters(&docket, matter).len(), 2);
    docket.put(applied.undo);
    assert_eq!(docket.letters, before.letters, "the undo takes both away");
    assert_eq!(
        docket.retired_ids,
        ["baltimore-2017-09-01", "stockton-2017-09-01"]
    );
    let before = docket.clone();

    // One refused letter refuses them all.
    let refused = docket.apply(Change::AddLetters(vec![
        letter("baltimore"),
        letter("nowhere"),
    ]));
    assert_eq!(refused.unwrap_err().field, "city");
    assert_eq!(docket, before);
    let mut no_subject = letter("stockton");
    no_subject.subject.clear();
    let refused = docket.apply(Change::AddLetters(vec![letter("baltimore"), no_subject]));
    assert_eq!(refused.unwrap_err().field, "subject");
    assert_eq!(docket, before);
    assert_eq!(
        docket
            .apply(Change::AddLetters(Vec::new()))
            .unwrap_err()
            .field,
        "city"
    );
    assert!(matches!(What::Sent.kind(), "sent"));
}
