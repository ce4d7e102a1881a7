//! Who did what: the log entry each change appends (a table of changes and
//! the words they log), undo and redo of it, and imports.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use ::docket::model::*;
use chrono::NaiveDateTime;
use support::letters::{self, date as d};

const ID: &str = "baltimore-2017-08-03";

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn stamp() -> Stamp {
    Stamp::new(at("2026-12-02 09:14"), "jdoe")
}

fn city(id: &str, name: &str) -> City {
    City {
        id: id.to_owned(),
        name: name.to_owned(),
        state: "MD".to_owned(),
        notes: String::new(),
        log: Vec::new(),
    }
}

/// A docket with Baltimore and its letter of 2017-08-03 (due 2017-08-18,
/// one extension x1 to 2017-08-25, one reply r1), and nothing logged.
fn docket() -> Docket {
    let letter = letters::letter(ID, "baltimore", "2017-08-03")
        .from("U.S. Department of Justice")
        .to("Baltimore Police Department")
        .subject("Public Safety Partnership")
        .due("2017-08-18")
        .reply("2017-08-09", ReplyKind::Acknowledges)
        .extension("2017-08-10", "2017-08-25")
        .build();
    let mut docket = Docket::new();
    docket.cities.push(city("baltimore", "Baltimore"));
    docket.letters.push(letter.into());
    docket
}

fn letter(docket: &Docket) -> Letter {
    docket.letter(ID).unwrap().clone()
}

fn reply(on: &str, kind: ReplyKind) -> Reply {
    Reply {
        id: String::new(),
        on: d(on),
        from: "Baltimore Police Department".to_owned(),
        kind,
        summary: String::new(),
        source: None,
    }
}

fn edited(edit: impl FnOnce(&mut Letter)) -> Change {
    let mut letter = letter(&docket());
    edit(&mut letter);
    Change::EditLetter(letter)
}

/// Each change, and what its letter's log says after it.
#[test]
fn each_change_logs_what_it_did_on_its_letter() {
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "a reply",
            Change::AddReply(ID.into(), reply("2017-08-17", ReplyKind::Complies)),
            "reply r2 added (complies)",
        ),
        (
            "an extension",
            Change::AddExtension(
                ID.into(),
                Extension {
                    id: String::new(),
                    granted_on: d("2017-08-20"),
                    new_due: d("2017-09-01"),
                    note: String::new(),
                },
            ),
            "extension x2 granted to 2017-09-01",
        ),
        (
            "a closing",
            Change::Close(
                ID.into(),
                Closing {
                    id: String::new(),
                    on: d("2017-08-30"),
                    outcome: "settled".into(),
                    reopened_on: None,
                },
            ),
            "closed (c1)",
        ),
        (
            "the due date",
            edited(|l| l.due = Some(d("2017-09-01"))),
            "due 2017-08-18 -> 2017-09-01",
        ),
        (
            "texts",
            edited(|l| {
                l.subject = "Partnership".into();
                l.tags = vec!["doj".into()];
            }),
            "edited: subject, tags",
        ),
        (
            "an owner and a text",
            edited(|l| {
                l.owner = Some("jdoe".into());
                l.summary = "A summary".into();
            }),
            "owner none -> jdoe; edited: summary",
        ),
        (
            "a reply's date and summary",
            Change::EditReply(
                ID.into(),
                Reply {
                    on: d("2017-08-10"),
                    summary: "Received".into(),
                    ..letter(&docket()).replies[0].clone()
                },
            ),
            "reply r1 edited: on 2017-08-09 -> 2017-08-10, summary",
        ),
        (
            "a reply removed",
            Change::RemoveReply(ID.into(), "r1".into()),
            "reply r1 removed",
        ),
        (
            "an extension removed",
            Change::RemoveExtension(ID.into(), "x1".into()),
            "extension x1 removed",
        ),
    ];
    for (name, change, what) in cases {
        let mut docket = docket();
        docket.apply_by(change, &stamp()).unwrap();
        let log = letter(&docket).log;
        assert_eq!(
            log,
            vec![LogEntry {
                at: at("2026-12-02 09:14"),
                by: "jdoe".into(),
                what: what.into(),
            }],
            "{name}"
        );
    }
}

#[test]
fn an_edit_that_changes_nothing_logs_nothing_and_keeps_the_log() {
    let mut docket = docket();
    docket
        .apply_by(edited(|l| l.owner = Some("asmith".into())), &stamp())
        .unwrap();
    // A form's letter carries no log: the edit keeps the one on record.
    let mut same = letter(&docket);
    same.log.clear();
    docket.apply_by(Change::EditLetter(same), &stamp()).unwrap();
    let whats: Vec<String> = letter(&docket).log.into_iter().map(|e| e.what).collect();
    assert_eq!(whats, ["owner none -> asmith"]);
}

#[test]
fn closing_then_reopening_logs_both_in_order() {
    let mut docket = docket();
    let closing = Closing {
        id: String::new(),
        on: d("2017-08-30"),
        outcome: String::new(),
        reopened_on: None,
    };
    docket
        .apply_by(Change::Close(ID.into(), closing), &stamp())
        .unwrap();
    let later = Stamp::new(at("2026-12-03 10:00"), "asmith");
    let reopen = Change::Reopen {
        id: ID.into(),
        on: d("2017-09-02"),
    };
    docket.apply_by(reopen, &later).unwrap();
    let log = letter(&docket).log;
    let rows: Vec<(&str, &str)> = log
        .iter()
        .map(|e| (e.by.as_str(), e.what.as_str()))
        .collect();
    assert_eq!(rows, [("jdoe", "closed (c1)"), ("asmith", "reopened (c1)")]);
}

#[test]
fn a_new_letter_and_a_city_log_added_and_city_edits_name_their_fields() {
    let mut docket = docket();
    docket
        .apply_by(Change::AddCity(city("newark", "Newark")), &stamp())
        .unwrap();
    let mut new = letter(&docket);
    new.id = String::new();
    new.city = "newark".into();
    new.log.clear();
    let added = docket.apply_by(Change::AddLetter(new), &stamp()).unwrap();
    assert_eq!(docket.letter(&added.id).unwrap().log[0].what, "added");
    let mut newark = docket.city("newark").unwrap().clone();
    newark.name = "Newark, NJ".into();
    newark.notes = "Call first".into();
    docket.apply_by(Change::EditCity(newark), &stamp()).unwrap();
    let whats: Vec<&str> = (docket.city("newark").unwrap().log.iter())
        .map(|e| e.what.as_str())
        .collect();
    assert_eq!(whats, ["added", "name Newark -> Newark, NJ; edited: notes"]);
}

#[test]
fn a_removed_letter_is_logged_on_its_city_and_undo_takes_it_back() {
    let mut docket = docket();
    let before = docket.clone();
    let applied = docket
        .apply_by(Change::RemoveLetter(ID.into()), &stamp())
        .unwrap();
    let log = &docket.city("baltimore").unwrap().log;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].what, format!("letter {ID} removed"));
    docket.put(applied.undo);
    assert_eq!(docket.cities, before.cities);
    assert_eq!(docket.letters, before.letters);
}

#[test]
fn undo_removes_the_entry_and_redo_brings_it_back() {
    let mut docket = docket();
    let mut history = History::default();
    let change = Change::AddReply(ID.into(), reply("2017-08-17", ReplyKind::Complies));
    let applied = docket.apply_by(change, &stamp()).unwrap();
    history.record(&applied);
    let done = letter(&docket);
    assert_eq!(done.log.len(), 1);
    history.undo(&mut docket).unwrap();
    assert!(letter(&docket).log.is_empty());
    assert_eq!(letter(&docket).replies.len(), 1);
    history.redo(&mut docket).unwrap();
    assert_eq!(letter(&docket), done);
}

#[test]
fn apply_without_a_stamp_logs_nothing() {
    let mut docket = docket();
    let change = Change::AddReply(ID.into(), reply("2017-08-17", ReplyKind::Complies));
    docket.apply(change).unwrap();
    assert!(letter(&docket).log.is_empty());
}

#[test]
fn a_stamped_batch_logs_one_entry_a_record_saying_where_it_came_from() {
    let stamp = stamp().saying("imported from letters.csv");
    let mut batch = Batch::new(Docket::new()).stamped(stamp);
    batch
        .apply(Change::AddCity(city("baltimore", "Baltimore")))
        .unwrap();
    let mut new = letter(&docket());
    new.id = String::new();
    batch.apply(Change::AddLetter(new)).unwrap();
    let docket = batch.finish();
    let entry = LogEntry {
        at: at("2026-12-02 09:14"),
        by: "jdoe".into(),
        what: "imported from letters.csv".into(),
    };
    assert_eq!(docket.cities[0].log, std::slice::from_ref(&entry));
    assert_eq!(docket.letters[0].log, [entry]);
}

#[test]
fn same_name_folds_case_and_accents() {
    use ::docket::model::text::same_name;
    assert!(same_name("JDoe", " jdoe "));
    assert!(same_name("José", "jose"));
    assert!(!same_name("jdoe", "jdoe2"));
}

/// The index's owner filter keeps exactly the letters `same_name` says the
/// owner handles, with or without a text filter.
#[test]
fn the_index_shows_the_letters_an_owner_handles_as_same_name_says() {
    use ::docket::index::{CitySort, Index};
    use ::docket::model::text::same_name;
    let mut docket = ::docket::store::sample();
    let owners = [Some("José"), Some("JOSE "), Some("jo"), None];
    for (letter, owner) in docket.letters.iter_mut().zip(owners) {
        std::sync::Arc::make_mut(letter).owner = owner.map(str::to_owned);
    }
    let as_of = d("2017-08-10");
    let mut index = Index::default();
    for (owner, filter) in [
        ("jose", ""),
        ("Jo", ""),
        ("nobody", ""),
        ("josé", "stockton"),
    ] {
        let view = index.view_owned(&docket, as_of, filter, CitySort::Name, Some(owner));
        let shown: Vec<usize> = view.cities.iter().flat_map(|c| c.letters.clone()).collect();
        let all = index.view(&docket, as_of, filter, CitySort::Name);
        let expected: Vec<usize> = (all.cities.iter().flat_map(|c| c.letters.clone()))
            .filter(|&i| (docket.letters[i].owner.as_deref()).is_some_and(|o| same_name(o, owner)))
            .collect();
        assert_eq!(shown, expected, "{owner} {filter:?}");
        if owner == "jose" {
            assert_eq!(shown.len(), 2, "José's and JOSE's");
        }
    }
}
