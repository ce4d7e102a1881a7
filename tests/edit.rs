//! Changes to the docket: validation, ids, undo and redo.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use docket::model::{
    Change, City, Closing, Docket, Extension, History, Letter, Reply, ReplyKind, Status,
};
use support::letters::date as d;

fn sample() -> Docket {
    docket::store::sample()
}

fn reply(on: &str, kind: ReplyKind) -> Reply {
    Reply {
        id: String::new(),
        source: None,
        on: d(on),
        from: "Baltimore Police Department".into(),
        kind,
        summary: "We cooperate already.".into(),
    }
}

fn new_letter(city: &str, sent: &str) -> Letter {
    let mut letter = Letter::clone(&sample().letters[0]);
    letter.id = String::new();
    letter.city = city.into();
    letter.sent = d(sent);
    letter.due = Some(d(sent) + chrono::Days::new(15));
    letter
}

const BALTIMORE: &str = "baltimore-2017-08-03";

#[test]
fn a_reply_is_recorded_and_answers_the_letter() {
    let mut docket = sample();
    let applied = docket
        .apply(Change::AddReply(
            BALTIMORE.into(),
            reply("2017-08-17", ReplyKind::Disputes),
        ))
        .unwrap();
    assert_eq!(applied.description, "reply from Baltimore on 2017-08-17");
    assert_eq!(applied.id, BALTIMORE);
    let letter = docket.letter(BALTIMORE).unwrap();
    assert_eq!(letter.status(d("2017-08-21")).as_str(), "answered");
}

#[test]
fn each_rule_is_refused_with_its_field_and_nothing_changes() {
    let base = sample();
    let taken_city = City {
        id: "baltimore".into(),
        name: "Baltimore".into(),
        state: "MD".into(),
        notes: String::new(),
        log: Vec::new(),
    };
    let mut due_before_sent = new_letter("baltimore", "2017-09-01");
    due_before_sent.due = Some(d("2017-08-01"));
    let mut no_subject = new_letter("baltimore", "2017-09-01");
    no_subject.subject = " ".into();
    let table: Vec<(Change, &str, &str)> = vec![
        (
            Change::AddCity(taken_city.clone()),
            "id",
            "city id \"baltimore\" is already taken",
        ),
        (
            Change::AddCity(City {
                id: "New York".into(),
                ..taken_city.clone()
            }),
            "id",
            "lower-case letters",
        ),
        (
            Change::AddCity(City {
                name: String::new(),
                id: "x".into(),
                ..taken_city.clone()
            }),
            "name",
            "name is required",
        ),
        (
            Change::RemoveCity {
                id: "baltimore".into(),
                with_letters: false,
            },
            "with_letters",
            "Baltimore still has 1 letter",
        ),
        (
            Change::RemoveCity {
                id: "gotham".into(),
                with_letters: true,
            },
            "id",
            "no city with id \"gotham\"",
        ),
        (
            Change::AddLetter(due_before_sent),
            "due",
            "is due on 2017-08-01, before it was sent on 2017-09-01",
        ),
        (
            Change::AddLetter(no_subject),
            "subject",
            "subject is required",
        ),
        (
            Change::AddLetter(new_letter("gotham", "2017-09-01")),
            "city",
            "no city with id \"gotham\"",
        ),
        (
            Change::AddReply(BALTIMORE.into(), reply("2017-08-02", ReplyKind::Complies)),
            "on",
            "has a reply dated 2017-08-02, before the letter was sent on 2017-08-03",
        ),
        (
            Change::AddReply("nope".into(), reply("2017-08-10", ReplyKind::Complies)),
            "id",
            "no letter with id \"nope\"",
        ),
        (
            Change::AddReply(
                BALTIMORE.into(),
                Reply {
                    from: String::new(),
                    ..reply("2017-08-10", ReplyKind::Complies)
                },
            ),
            "from",
            "from is required",
        ),
        (
            Change::AddExtension(
                BALTIMORE.into(),
                Extension {
                    id: String::new(),
                    granted_on: d("2017-08-10"),
                    new_due: d("2017-08-18"),
                    note: String::new(),
                },
            ),
            "new_due",
            "the deadline as of 2017-08-10 is already 2017-08-18; an extension must move it later",
        ),
        (
            Change::AddExtension(
                BALTIMORE.into(),
                Extension {
                    id: String::new(),
                    granted_on: d("2017-08-01"),
                    new_due: d("2017-08-25"),
                    note: String::new(),
                },
            ),
            "granted_on",
            "before the letter was sent",
        ),
        (
            Change::Close(
                BALTIMORE.into(),
                Closing {
                    id: String::new(),
                    reopened_on: None,
                    on: d("2017-08-01"),
                    outcome: String::new(),
                },
            ),
            "on",
            "was closed on 2017-08-01, before it was sent on 2017-08-03",
        ),
        (
            Change::Reopen {
                id: BALTIMORE.into(),
                on: d("2017-08-20"),
            },
            "id",
            "is not closed",
        ),
        (
            Change::RemoveLetter("nope".into()),
            "id",
            "no letter with id \"nope\"",
        ),
    ];
    for (change, field, message) in table {
        let mut docket = base.clone();
        let err = docket.apply(change.clone()).unwrap_err();
        assert_eq!(err.field, field, "{change:?}");
        assert!(err.message.contains(message), "{change:?}: {}", err.message);
        assert_eq!(docket, base, "{change:?} changed the docket");
    }
}

#[test]
fn new_letter_ids_are_city_and_date_with_a_suffix_and_never_reused() {
    let mut docket = sample();
    let first = docket
        .apply(Change::AddLetter(new_letter("baltimore", "2017-09-01")))
        .unwrap();
    assert_eq!(first.id, "baltimore-2017-09-01");
    let second = docket
        .apply(Change::AddLetter(new_letter("baltimore", "2017-09-01")))
        .unwrap();
    assert_eq!(second.id, "baltimore-2017-09-01-2");
    docket
        .apply(Change::RemoveLetter(first.id.clone()))
        .unwrap();
    let third = docket
        .apply(Change::AddLetter(new_letter("baltimore", "2017-09-01")))
        .unwrap();
    assert_eq!(
        third.id, "baltimore-2017-09-01-3",
        "a deleted id is never given again"
    );
    assert_eq!(docket.retired_ids, ["baltimore-2017-09-01"]);
    // A retired id survives a save and a load.
    let text = docket::store::to_ron(&docket);
    assert_eq!(docket::store::parse(&text).unwrap(), docket);
}

#[test]
fn editing_keeps_the_id() {
    let mut docket = sample();
    let mut letter = docket.letter(BALTIMORE).unwrap().clone();
    letter.subject = "Revised subject".into();
    docket.apply(Change::EditLetter(letter)).unwrap();
    assert_eq!(docket.letter(BALTIMORE).unwrap().subject, "Revised subject");
    assert_eq!(docket.letters.len(), 4);
}

#[test]
fn extensions_close_and_reopen() {
    let mut docket = sample();
    let ext = Extension {
        id: String::new(),
        granted_on: d("2017-08-16"),
        new_due: d("2017-08-25"),
        note: "asked".into(),
    };
    let applied = docket
        .apply(Change::AddExtension(BALTIMORE.into(), ext))
        .unwrap();
    assert_eq!(
        applied.description,
        "extension of baltimore-2017-08-03 to 2017-08-25"
    );
    assert_eq!(
        docket
            .letter(BALTIMORE)
            .unwrap()
            .effective_due(d("2017-08-21")),
        Some(d("2017-08-25"))
    );
    let closing = Closing {
        id: String::new(),
        reopened_on: None,
        on: d("2017-08-30"),
        outcome: "resolved".into(),
    };
    docket
        .apply(Change::Close(BALTIMORE.into(), closing.clone()))
        .unwrap();
    let err = docket
        .apply(Change::Close(BALTIMORE.into(), closing))
        .unwrap_err();
    assert!(err.message.contains("already closed"), "{err}");
    let reopen = |on| Change::Reopen {
        id: BALTIMORE.into(),
        on: d(on),
    };
    let err = docket.apply(reopen("2017-08-29")).unwrap_err();
    assert!(err.message.contains("cannot be reopened before"), "{err}");
    docket.apply(reopen("2017-09-02")).unwrap();
    let letter = docket.letter(BALTIMORE).unwrap();
    assert!(letter.open_closing().is_none());
    assert_eq!(letter.closings[0].reopened_on, Some(d("2017-09-02")));
    assert_eq!(letter.status(d("2017-08-31")), Status::Closed);
    assert_ne!(letter.status(d("2017-09-02")), Status::Closed);
}

#[test]
fn removing_a_city_with_its_letters_and_undoing_brings_all_back() {
    let mut docket = sample();
    let before = docket.clone();
    let mut history = History::default();
    let applied = docket
        .apply(Change::RemoveCity {
            id: "baltimore".into(),
            with_letters: true,
        })
        .unwrap();
    history.record(&applied);
    assert!(docket.city("baltimore").is_none());
    assert!(docket.letter(BALTIMORE).is_none());
    assert_eq!(
        history.undo(&mut docket).map(|r| r.description).as_deref(),
        Some("city Baltimore")
    );
    assert_eq!(docket.cities, before.cities);
    assert_eq!(docket.letters, before.letters);
    assert!(docket.problems().is_empty());
}

#[test]
fn undo_and_redo_chains() {
    let mut docket = sample();
    let states = {
        let mut states = vec![docket.clone()];
        let mut history = History::default();
        let changes = [
            Change::AddReply(BALTIMORE.into(), reply("2017-08-17", ReplyKind::Disputes)),
            Change::AddExtension(
                BALTIMORE.into(),
                Extension {
                    id: String::new(),
                    granted_on: d("2017-08-16"),
                    new_due: d("2017-08-25"),
                    note: String::new(),
                },
            ),
            Change::AddLetter(new_letter("stockton", "2017-09-01")),
            Change::RemoveLetter("albuquerque-2017-08-03".into()),
        ];
        for change in changes {
            let applied = docket.apply(change).unwrap();
            history.record(&applied);
            states.push(docket.clone());
        }
        // Undo everything, step by step.
        for expected in states.iter().rev().skip(1) {
            assert!(history.undo(&mut docket).is_some());
            assert_eq!(docket.letters, expected.letters);
        }
        assert!(history.undo(&mut docket).is_none());
        // Redo two, then a new change drops the rest of the redo chain.
        history.redo(&mut docket).unwrap();
        assert_eq!(
            history.redo(&mut docket).map(|r| r.description).as_deref(),
            Some("extension of baltimore-2017-08-03 to 2017-08-25")
        );
        assert_eq!(docket.letters, states[2].letters);
        let applied = docket
            .apply(Change::Reopen {
                id: BALTIMORE.into(),
                on: d("2017-09-01"),
            })
            .unwrap_err();
        assert_eq!(applied.field, "id");
        let applied = docket
            .apply(Change::Close(
                BALTIMORE.into(),
                Closing {
                    id: String::new(),
                    reopened_on: None,
                    on: d("2017-09-01"),
                    outcome: String::new(),
                },
            ))
            .unwrap();
        history.record(&applied);
        assert!(history.redo(&mut docket).is_none());
        states
    };
    assert_eq!(states.len(), 5);
}

/// A case: the letter's due date and extensions, an extension granted on a
/// date to a new due date, and whether it is accepted.
type Case<'a> = (
    Option<&'a str>,
    &'a [(&'a str, &'a str)],
    &'a str,
    &'a str,
    bool,
);

/// Whether an extension granted on a date, to a new due date, is accepted for
/// a letter sent 2017-08-03 with this due date and these extensions.
#[test]
fn an_extension_must_move_the_deadline_later_and_not_into_the_past() {
    let ext = |granted_on: &str, new_due: &str| Extension {
        id: String::new(),
        granted_on: d(granted_on),
        new_due: d(new_due),
        note: String::new(),
    };
    let twice = [("2017-08-10", "2017-08-25"), ("2017-08-10", "2017-08-30")];
    let table: Vec<Case> = vec![
        (Some("2017-08-18"), &[], "2017-08-10", "2017-08-25", true),
        (Some("2017-08-18"), &[], "2017-08-10", "2017-08-19", true),
        (Some("2017-08-18"), &[], "2017-08-10", "2017-08-18", false),
        (Some("2017-08-18"), &[], "2017-08-10", "2017-08-17", false),
        // The case: before the day it was granted.
        (Some("2017-08-18"), &[], "2017-08-12", "2017-08-10", false),
        // Overdue when granted: later than the deadline, and not in the past.
        (Some("2017-08-18"), &[], "2017-08-30", "2017-08-25", false),
        (Some("2017-08-18"), &[], "2017-08-30", "2017-08-30", true),
        // No due date: after the day it was granted.
        (None, &[], "2017-08-10", "2017-08-10", false),
        (None, &[], "2017-08-10", "2017-08-11", true),
        // Against the deadline in force on the day it was granted.
        (
            Some("2017-08-18"),
            &twice[..1],
            "2017-08-12",
            "2017-08-20",
            false,
        ),
        (
            Some("2017-08-18"),
            &twice[..1],
            "2017-08-12",
            "2017-08-26",
            true,
        ),
        // Granted before an extension already there: the deadline then.
        (
            Some("2017-08-18"),
            &twice[..1],
            "2017-08-05",
            "2017-08-20",
            true,
        ),
        // Two the same day: the later one listed is in force.
        (
            Some("2017-08-18"),
            &twice,
            "2017-08-10",
            "2017-08-28",
            false,
        ),
        (Some("2017-08-18"), &twice, "2017-08-10", "2017-08-31", true),
    ];
    for (due, extensions, granted_on, new_due, accepted) in table {
        let mut docket = sample();
        let mut letter = docket.letter(BALTIMORE).unwrap().clone();
        letter.due = due.map(d);
        letter.extensions = extensions.iter().map(|(g, n)| ext(g, n)).collect();
        docket.apply(Change::EditLetter(letter)).unwrap();
        let before = docket.clone();
        let result = docket.apply(Change::AddExtension(
            BALTIMORE.into(),
            ext(granted_on, new_due),
        ));
        let case = format!("{due:?} {extensions:?} {granted_on} -> {new_due}");
        match result {
            Ok(_) => assert!(accepted, "{case}: accepted"),
            Err(invalid) => {
                assert!(!accepted, "{case}: {invalid}");
                assert_eq!(invalid.field, "new_due", "{case}");
                assert!(
                    invalid.message.contains("to correct a mistake"),
                    "{case}: {invalid}"
                );
                assert_eq!(docket, before, "{case}");
            }
        }
    }
}

#[test]
fn replies_and_extensions_are_edited_and_removed_by_id_undoably_and_ids_are_never_reused() {
    let mut docket = sample();
    let mut history = History::default();
    for (on, kind) in [
        ("2017-08-09", ReplyKind::Complies),
        ("2017-08-05", ReplyKind::Acknowledges),
    ] {
        let applied = docket
            .apply(Change::AddReply(BALTIMORE.into(), reply(on, kind)))
            .unwrap();
        history.record(&applied);
    }
    let ids = |docket: &Docket| -> Vec<String> {
        let letter = docket.letter(BALTIMORE).unwrap();
        letter.replies.iter().map(|r| r.id.clone()).collect()
    };
    // Listed by date; numbered in the order recorded.
    assert_eq!(ids(&docket), ["r2", "r1"]);

    let before = docket.clone();
    let mut edited = docket.letter(BALTIMORE).unwrap().replies[1].clone();
    edited.kind = ReplyKind::Disputes;
    let applied = docket
        .apply(Change::EditReply(BALTIMORE.into(), edited))
        .unwrap();
    assert_eq!(applied.description, format!("reply r1 of {BALTIMORE}"));
    history.record(&applied);
    assert_eq!(
        docket.letter(BALTIMORE).unwrap().replies[1].kind,
        ReplyKind::Disputes
    );
    history.undo(&mut docket).unwrap();
    assert_eq!(docket, before);
    history.redo(&mut docket).unwrap();

    let missing = docket
        .apply(Change::RemoveReply(BALTIMORE.into(), "r7".into()))
        .unwrap_err();
    assert_eq!(missing.field, "id");
    let applied = docket
        .apply(Change::RemoveReply(BALTIMORE.into(), "r2".into()))
        .unwrap();
    history.record(&applied);
    assert_eq!(ids(&docket), ["r1"]);
    let applied = docket
        .apply(Change::AddReply(
            BALTIMORE.into(),
            reply("2017-08-10", ReplyKind::Other),
        ))
        .unwrap();
    history.record(&applied);
    assert_eq!(ids(&docket), ["r1", "r3"], "r2 is not given again");

    // Extensions: an edit keeps the rule that a deadline moves later.
    let extension = Extension {
        id: String::new(),
        granted_on: d("2017-08-16"),
        new_due: d("2017-08-25"),
        note: String::new(),
    };
    docket
        .apply(Change::AddExtension(BALTIMORE.into(), extension.clone()))
        .unwrap();
    let earlier = Extension {
        id: "x1".into(),
        new_due: d("2017-08-17"),
        ..extension
    };
    let err = docket
        .apply(Change::EditExtension(BALTIMORE.into(), earlier))
        .unwrap_err();
    assert_eq!(err.field, "new_due");
    docket
        .apply(Change::RemoveExtension(BALTIMORE.into(), "x1".into()))
        .unwrap();
    assert!(docket.letter(BALTIMORE).unwrap().extensions.is_empty());
    assert_eq!(docket.letter(BALTIMORE).unwrap().next_entry_id('x'), "x2");
}

#[test]
fn a_letter_moves_to_another_city_keeping_its_id() {
    let mut docket = sample();
    let mut moved = docket.letter(BALTIMORE).unwrap().clone();
    moved.city = "stockton".into();
    docket.apply(Change::EditLetter(moved)).unwrap();
    assert_eq!(docket.letter(BALTIMORE).unwrap().city, "stockton");
    let mut lost = docket.letter(BALTIMORE).unwrap().clone();
    lost.city = "atlantis".into();
    let err = docket.apply(Change::EditLetter(lost)).unwrap_err();
    assert_eq!(err.field, "city");
}

#[test]
fn a_closing_is_edited_and_removed_by_id() {
    let mut docket = sample();
    let closing = Closing {
        id: String::new(),
        on: d("2017-08-20"),
        outcome: "withdrawn".into(),
        reopened_on: None,
    };
    docket
        .apply(Change::Close(BALTIMORE.into(), closing))
        .unwrap();
    let mut edited = docket.letter(BALTIMORE).unwrap().closings[0].clone();
    assert_eq!(edited.id, "c1");
    edited.reopened_on = Some(d("2017-08-19"));
    let err = docket
        .apply(Change::EditClosing(BALTIMORE.into(), edited.clone()))
        .unwrap_err();
    assert_eq!(err.field, "reopened_on");
    edited.reopened_on = Some(d("2017-08-22"));
    docket
        .apply(Change::EditClosing(BALTIMORE.into(), edited))
        .unwrap();
    let letter = docket.letter(BALTIMORE).unwrap();
    assert_eq!(letter.status(d("2017-08-21")), Status::Closed);
    assert_ne!(letter.status(d("2017-08-22")), Status::Closed);
    docket
        .apply(Change::RemoveClosing(BALTIMORE.into(), "c1".into()))
        .unwrap();
    let letter = docket.letter(BALTIMORE).unwrap();
    assert!(letter.closings.is_empty());
    assert_eq!(letter.next_entry_id('c'), "c2");
}

#[test]
fn the_conflicts_list_is_put_and_put_back() {
    let mut docket = sample();
    let conflict = docket::model::Conflict {
        record: format!("letter {BALTIMORE}"),
        field: "summary".into(),
        base: Some("\"a\"".into()),
        ours: Some("\"b\"".into()),
        theirs: Some("\"c\"".into()),
    };
    docket.conflicts = vec![conflict.clone()];
    let undo = docket.put(vec![docket::model::Put::Conflicts(Vec::new())]);
    assert!(docket.conflicts.is_empty());
    assert_eq!(
        undo,
        [docket::model::Put::Conflicts(vec![conflict.clone()])]
    );
    docket.put(undo);
    assert_eq!(docket.conflicts, [conflict]);
}

#[test]
fn forgetting_the_steps_on_a_record_changed_elsewhere_keeps_the_later_ones() {
    let mut docket = sample();
    let mut history = History::default();
    let other = docket
        .letters
        .iter()
        .find(|l| l.id != BALTIMORE)
        .unwrap()
        .id
        .clone();
    for change in [
        Change::AddReply(other.clone(), reply("2017-08-05", ReplyKind::Acknowledges)),
        Change::AddReply(BALTIMORE.into(), reply("2017-08-17", ReplyKind::Disputes)),
        Change::AddReply(other.clone(), reply("2017-08-06", ReplyKind::Complies)),
    ] {
        history.record(&docket.apply(change).unwrap());
    }
    // Someone else changed Baltimore's letter: its step and those before go.
    history.forget_touching(&[BALTIMORE]);
    assert!(history.undo(&mut docket).is_some(), "the later step stays");
    assert_eq!(docket.letter(&other).unwrap().replies.len(), 1);
    assert!(history.undo(&mut docket).is_none());
    assert_eq!(docket.letter(BALTIMORE).unwrap().replies.len(), 1);
}
