//! The index's statuses follow the docket's settings, as the model's do.

use super::*;
use crate::model::{City, Closing, Extension, Letter, Reply, ReplyKind, Settings, add_days};

fn date(s: &str) -> Date {
    s.parse().expect("a test date")
}

/// Letters sent on 2017-08-03 falling due 1 to 20 days later, with an
/// extension, an answer, an acknowledgement or a closing here and there.
fn docket() -> Docket {
    let sent = date("2017-08-03");
    let day = |n| add_days(sent, n).expect("a date");
    let mut docket = Docket::new();
    docket.cities.push(City {
        id: "baltimore".into(),
        name: "Baltimore".into(),
        state: "MD".into(),
        notes: String::new(),
        log: Vec::new(),
    });
    for n in 0..24i64 {
        let reply = |kind| Reply {
            id: "r1".into(),
            on: day(n / 2 + 1),
            from: "Police Department".into(),
            kind,
            summary: String::new(),
            source: None,
        };
        docket.letters.push(Arc::new(Letter {
            id: format!("letter-{n:02}"),
            from: "DOJ".into(),
            to: "Police".into(),
            subject: "Public Safety Partnership".into(),
            due: (n % 7 != 6).then(|| day(n % 20 + 1)),
            replies: match n % 5 {
                1 => vec![reply(ReplyKind::Complies)],
                2 => vec![reply(ReplyKind::Acknowledges)],
                _ => Vec::new(),
            },
            extensions: (n % 4 == 3)
                .then(|| Extension {
                    id: "x1".into(),
                    granted_on: day(2),
                    new_due: day(n + 5),
                    note: String::new(),
                })
                .into_iter()
                .collect(),
            // Some closed, one of them reopened a few days later.
            closings: (n % 9 == 8)
                .then(|| Closing {
                    id: "c1".into(),
                    on: day(n / 3),
                    outcome: String::new(),
                    reopened_on: (n == 17).then(|| day(n / 3 + 4)),
                })
                .into_iter()
                .collect(),
            ..Letter::new("baltimore", sent)
        }));
    }
    docket
}

#[test]
fn statuses_follow_the_due_soon_window_as_the_model_does() {
    let docket = docket();
    for due_soon_days in [0, 1, 3, 7, 30] {
        let settings = Settings {
            due_soon_days,
            ..Settings::default()
        };
        let docket = Docket {
            settings: settings.clone(),
            ..docket.clone()
        };
        let mut index = Index::default();
        for as_of in date("2017-08-01").iter_days().take(40) {
            let view = index.view(&docket, as_of, "", CitySort::Urgency);
            let expected: Vec<Status> = (docket.letters.iter())
                .map(|l| l.status_with(as_of, &settings))
                .collect();
            assert_eq!(
                &*view.statuses,
                &expected[..],
                "{due_soon_days} days, {as_of}"
            );
        }
    }
}

#[test]
fn a_wider_window_shows_more_letters_due_soon() {
    let docket = docket();
    let as_of = date("2017-08-05");
    let with_window = |days| Docket {
        settings: Settings {
            due_soon_days: days,
            ..Settings::default()
        },
        ..docket.clone()
    };
    let due_soon = |days| {
        (Index::default())
            .view(&with_window(days), as_of, "", CitySort::Name)
            .count(Status::DueSoon)
    };
    assert!(due_soon(3) < due_soon(7), "{} {}", due_soon(3), due_soon(7));
}

#[test]
fn a_change_of_settings_is_seen_by_the_next_view() {
    let mut docket = docket();
    let as_of = date("2017-08-05");
    let mut index = Index::default();
    let before = index.view(&docket, as_of, "", CitySort::Urgency);
    docket.settings.due_soon_days = 10;
    let after = index.view(&docket, as_of, "", CitySort::Urgency);
    assert!(after.count(Status::DueSoon) > before.count(Status::DueSoon));
    assert_eq!(
        after,
        Index::default().view(&docket, as_of, "", CitySort::Urgency)
    );
}
