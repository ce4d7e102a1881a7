//! The merge, case by case: two edits of one base, the conflicts expected
//! and what the merged docket must hold.

use std::sync::Arc;

use super::{Side, changes, find, merge, resolve};
use crate::model::{
    City, Conflict, Docket, Extension, Holiday, Letter, LogEntry, Reply, ReplyKind,
};

fn date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

fn reply(id: &str, on: &str, summary: &str) -> Reply {
    Reply {
        id: id.to_owned(),
        on: date(on),
        from: "City Solicitor".to_owned(),
        kind: ReplyKind::Acknowledges,
        summary: summary.to_owned(),
        source: None,
    }
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

fn letter(id: &str, city: &str) -> Letter {
    let mut letter = Letter::new(city, date("2017-08-03"));
    letter.id = id.to_owned();
    letter.subject = "Consent decree".to_owned();
    letter.from = "ACLU".to_owned();
    letter.to = "City Solicitor".to_owned();
    letter.due = Some(date("2017-08-17"));
    letter.demands = vec!["records".to_owned(), "policy".to_owned()];
    letter.tags = vec!["police".to_owned()];
    letter.replies = vec![reply("r1", "2017-08-05", "received")];
    letter
}

/// Two cities, two letters with a reply each.
fn base() -> Docket {
    let mut docket = Docket::new();
    docket.cities = vec![city("baltimore", "Baltimore"), city("chicago", "Chicago")];
    docket.letters = vec![
        Arc::new(letter("a", "baltimore")),
        Arc::new(letter("b", "chicago")),
    ];
    docket
}

fn edit(docket: &mut Docket, id: &str, change: impl FnOnce(&mut Letter)) {
    let at = docket.letters.iter().position(|l| l.id == id).unwrap();
    change(docket.letter_mut(at));
}

fn remove_letter(docket: &mut Docket, id: &str) {
    docket
        .apply(crate::model::Change::RemoveLetter(id.to_owned()))
        .unwrap();
}

struct Case {
    name: &'static str,
    ours: fn(&mut Docket),
    theirs: fn(&mut Docket),
    /// The conflicts expected, as (record, field).
    conflicts: &'static [(&'static str, &'static str)],
    /// What the merged docket must hold.
    holds: fn(&Docket) -> bool,
}

fn subject(d: &Docket, id: &str) -> String {
    d.letter(id).unwrap().subject.clone()
}

fn reply_summaries(d: &Docket, id: &str) -> Vec<(String, String)> {
    (d.letter(id).unwrap().replies.iter())
        .map(|r| (r.id.clone(), r.summary.clone()))
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

const CASES: &[Case] = &[
    Case {
        name: "different letters",
        ours: |d| edit(d, "a", |l| l.subject = "ours".into()),
        theirs: |d| edit(d, "b", |l| l.owner = Some("jdoe".into())),
        conflicts: &[],
        holds: |d| {
            subject(d, "a") == "ours" && d.letter("b").unwrap().owner.as_deref() == Some("jdoe")
        },
    },
    Case {
        name: "different fields of one letter",
        ours: |d| edit(d, "a", |l| l.subject = "ours".into()),
        theirs: |d| edit(d, "a", |l| l.owner = Some("jdoe".into())),
        conflicts: &[],
        holds: |d| {
            subject(d, "a") == "ours" && d.letter("a").unwrap().owner.as_deref() == Some("jdoe")
        },
    },
    Case {
        name: "the same change on both sides",
        ours: |d| edit(d, "a", |l| l.subject = "same".into()),
        theirs: |d| edit(d, "a", |l| l.subject = "same".into()),
        conflicts: &[],
        holds: |d| subject(d, "a") == "same",
    },
    Case {
        name: "one field changed to two values",
        ours: |d| edit(d, "a", |l| l.subject = "ours".into()),
        theirs: |d| edit(d, "a", |l| l.subject = "theirs".into()),
        conflicts: &[("letter a", "subject")],
        holds: |d| subject(d, "a") == "ours",
    },
    Case {
        name: "two replies to one letter, both r2",
        ours: |d| {
            edit(d, "a", |l| {
                l.replies.push(reply("r2", "2017-08-10", "ours"));
            });
        },
        theirs: |d| {
            edit(d, "a", |l| {
                l.replies.push(reply("r2", "2017-08-11", "theirs"));
            });
        },
        conflicts: &[],
        holds: |d| {
            reply_summaries(d, "a")
                == [("r1", "received"), ("r2", "ours"), ("r3", "theirs")]
                    .map(|(a, b)| (a.to_owned(), b.to_owned()))
        },
    },
    Case {
        name: "an extension on one side, the owner on the other",
        ours: |d| {
            edit(d, "a", |l| {
                l.extensions.push(Extension {
                    id: "x1".into(),
                    granted_on: date("2017-08-10"),
                    new_due: date("2017-09-01"),
                    note: String::new(),
                });
            });
        },
        theirs: |d| edit(d, "a", |l| l.owner = Some("jdoe".into())),
        conflicts: &[],
        holds: |d| {
            let a = d.letter("a").unwrap();
            a.extensions.len() == 1 && a.owner.as_deref() == Some("jdoe")
        },
    },
    Case {
        name: "deleted on one side, unchanged on the other",
        ours: |d| remove_letter(d, "b"),
        theirs: |d| edit(d, "a", |l| l.subject = "theirs".into()),
        conflicts: &[],
        holds: |d| d.letter("b").is_none() && d.retired_ids == ["b"] && subject(d, "a") == "theirs",
    },
    Case {
        name: "deleted on both sides",
        ours: |d| remove_letter(d, "b"),
        theirs: |d| remove_letter(d, "b"),
        conflicts: &[],
        holds: |d| d.letter("b").is_none() && d.retired_ids == ["b"],
    },
    Case {
        name: "deleted by us, edited by them",
        ours: |d| remove_letter(d, "b"),
        theirs: |d| edit(d, "b", |l| l.subject = "theirs".into()),
        conflicts: &[("letter b", "")],
        holds: |d| {
            let theirs: Letter = ron::from_str(d.conflicts[0].theirs.as_deref().unwrap()).unwrap();
            d.letter("b").is_none() && d.conflicts[0].ours.is_none() && theirs.subject == "theirs"
        },
    },
    Case {
        name: "edited by us, deleted by them",
        ours: |d| edit(d, "b", |l| l.subject = "ours".into()),
        theirs: |d| remove_letter(d, "b"),
        conflicts: &[("letter b", "")],
        holds: |d| subject(d, "b") == "ours" && d.conflicts[0].theirs.is_none(),
    },
    Case {
        name: "tags added on both sides, a demand removed on one",
        ours: |d| edit(d, "a", |l| l.tags.push("ours".into())),
        theirs: |d| {
            edit(d, "a", |l| {
                l.tags.push("theirs".into());
                l.demands.remove(0);
            });
        },
        conflicts: &[],
        holds: |d| {
            let a = d.letter("a").unwrap();
            a.tags == strings(&["police", "ours", "theirs"]) && a.demands == strings(&["policy"])
        },
    },
    Case {
        name: "a log appended to on both sides",
        ours: |d| edit(d, "a", |l| l.log.push(log("ours"))),
        theirs: |d| edit(d, "a", |l| l.log.push(log("theirs"))),
        conflicts: &[],
        holds: |d| d.letter("a").unwrap().log == [log("ours"), log("theirs")],
    },
    Case {
        name: "one reply, different fields",
        ours: |d| edit(d, "a", |l| l.replies[0].summary = "ours".into()),
        theirs: |d| edit(d, "a", |l| l.replies[0].kind = ReplyKind::Complies),
        conflicts: &[],
        holds: |d| {
            let r = &d.letter("a").unwrap().replies[0];
            r.summary == "ours" && r.kind == ReplyKind::Complies
        },
    },
    Case {
        name: "one reply's field changed to two values",
        ours: |d| edit(d, "a", |l| l.replies[0].summary = "ours".into()),
        theirs: |d| edit(d, "a", |l| l.replies[0].summary = "theirs".into()),
        conflicts: &[("reply a r1", "summary")],
        holds: |d| d.letter("a").unwrap().replies[0].summary == "ours",
    },
    Case {
        name: "a reply deleted on both sides",
        ours: |d| remove_reply(d, "a", "r1"),
        theirs: |d| remove_reply(d, "a", "r1"),
        conflicts: &[],
        holds: |d| {
            let a = d.letter("a").unwrap();
            a.replies.is_empty() && a.retired_ids == ["r1"]
        },
    },
    Case {
        name: "a reply deleted by us, edited by them",
        ours: |d| remove_reply(d, "a", "r1"),
        theirs: |d| edit(d, "a", |l| l.replies[0].summary = "theirs".into()),
        conflicts: &[("reply a r1", "")],
        holds: |d| d.letter("a").unwrap().replies.is_empty(),
    },
    Case {
        name: "a reply we added and deleted, and theirs under the same id",
        ours: |d| {
            edit(d, "a", |l| {
                l.replies.push(reply("r2", "2017-08-10", "ours"));
            });
            remove_reply(d, "a", "r2");
        },
        theirs: |d| {
            edit(d, "a", |l| {
                l.replies.push(reply("r2", "2017-08-11", "theirs"));
            });
        },
        conflicts: &[],
        holds: |d| {
            reply_summaries(d, "a")
                == [("r1", "received"), ("r3", "theirs")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        },
    },
    Case {
        name: "a city added on both sides with one id",
        ours: |d| d.cities.push(city("denver", "Denver")),
        theirs: |d| d.cities.push(city("denver", "Denver, CO")),
        conflicts: &[("city denver", "")],
        holds: |d| d.city("denver").unwrap().name == "Denver",
    },
    Case {
        name: "a city deleted by us, a letter to it added by them",
        ours: |d| {
            d.apply(crate::model::Change::RemoveCity {
                id: "chicago".into(),
                with_letters: true,
            })
            .unwrap();
        },
        theirs: |d| d.letters.push(Arc::new(letter("c", "chicago"))),
        conflicts: &[("city chicago", "")],
        holds: |d| {
            d.city("chicago").is_some() && d.letter("c").is_some() && d.letter("b").is_none()
        },
    },
    Case {
        name: "holidays added on both sides, due soon changed to two values",
        ours: |d| {
            d.settings
                .calendar
                .extra
                .push(holiday("2017-09-12", "Defenders Day"));
            d.settings.due_soon_days = 5;
        },
        theirs: |d| {
            d.settings
                .calendar
                .extra
                .push(holiday("2017-03-25", "Maryland Day"));
            d.settings.due_soon_days = 7;
        },
        conflicts: &[("settings", "due_soon_days")],
        holds: |d| d.settings.calendar.extra.len() == 2 && d.settings.due_soon_days == 5,
    },
    Case {
        name: "a sending date and a due date that do not fit together",
        ours: |d| {
            edit(d, "a", |l| {
                l.sent = date("2017-08-04");
                l.replies.clear();
            });
        },
        theirs: |d| edit(d, "a", |l| l.due = Some(date("2017-08-03"))),
        conflicts: &[("letter a", "")],
        holds: |d| d.letter("a").unwrap().sent == date("2017-08-04") && d.problems().is_empty(),
    },
    Case {
        name: "a conflict resolved on our side",
        ours: |d| d.conflicts.clear(),
        theirs: |d| edit(d, "b", |l| l.subject = "theirs".into()),
        conflicts: &[],
        holds: |d| d.conflicts.is_empty() && subject(d, "b") == "theirs",
    },
];

fn log(what: &str) -> LogEntry {
    LogEntry {
        at: date("2017-08-10").and_hms_opt(9, 0, 0).unwrap(),
        by: "jdoe".to_owned(),
        what: what.to_owned(),
    }
}

fn holiday(on: &str, name: &str) -> Holiday {
    Holiday {
        on: date(on),
        name: name.to_owned(),
    }
}

fn remove_reply(docket: &mut Docket, letter: &str, reply: &str) {
    (docket.apply(crate::model::Change::RemoveReply(
        letter.into(),
        reply.into(),
    )))
    .unwrap();
}

#[test]
fn each_case_merges_as_expected_both_ways() {
    for case in CASES {
        let mut base = base();
        if case.name == "a conflict resolved on our side" {
            base.conflicts.push(Conflict {
                record: "letter a".into(),
                field: "summary".into(),
                base: None,
                ours: Some("\"\"".into()),
                theirs: Some("\"x\"".into()),
            });
        }
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        (case.ours)(&mut ours);
        (case.theirs)(&mut theirs);
        let merged = merge(&base, &ours, &theirs);
        let found: Vec<(&str, &str)> = (merged.conflicts.iter())
            .map(|c| (c.record.as_str(), c.field.as_str()))
            .collect();
        assert_eq!(found, case.conflicts, "{}: conflicts", case.name);
        assert!(
            (case.holds)(&merged.docket),
            "{}: {:#?}",
            case.name,
            merged.docket
        );
        for conflict in &merged.conflicts {
            assert!(merged.docket.conflicts.contains(conflict), "{}", case.name);
            assert_ne!(conflict.ours, conflict.theirs, "{}", case.name);
        }
        assert!(
            merged.docket.problems().is_empty(),
            "{}: {:?}",
            case.name,
            merged.docket.problems()
        );
        // Swapped, the same conflicts come out with both values swapped.
        let swapped = merge(&base, &theirs, &ours);
        let mirrored: Vec<Conflict> = (merged.conflicts.iter())
            .map(|c| Conflict {
                ours: c.theirs.clone(),
                theirs: c.ours.clone(),
                ..c.clone()
            })
            .collect();
        if case.name != "a sending date and a due date that do not fit together" {
            assert_eq!(swapped.conflicts, mirrored, "{}: swapped", case.name);
        }
    }
}

#[test]
fn resolving_a_field_puts_the_chosen_value_and_removes_the_conflict() {
    let base = base();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    edit(&mut ours, "a", |l| l.owner = Some("ours".into()));
    edit(&mut theirs, "a", |l| l.owner = Some("theirs".into()));
    let mut merged = merge(&base, &ours, &theirs).docket;
    let conflict = resolve(&mut merged, "a", Some("owner"), Side::Theirs).unwrap();
    assert_eq!(conflict.field, "owner");
    assert_eq!(merged.letter("a").unwrap().owner.as_deref(), Some("theirs"));
    assert!(merged.conflicts.is_empty());
}

#[test]
fn resolving_a_deletion_puts_the_record_back_or_removes_it() {
    let base = base();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    remove_letter(&mut ours, "b");
    edit(&mut theirs, "b", |l| l.subject = "theirs".into());
    let merged = merge(&base, &ours, &theirs).docket;

    let mut kept = merged.clone();
    resolve(&mut kept, "letter b", None, Side::Theirs).unwrap();
    assert_eq!(subject(&kept, "b"), "theirs");
    assert!(kept.conflicts.is_empty() && kept.problems().is_empty());

    let mut gone = merged.clone();
    resolve(&mut gone, "b", Some(""), Side::Ours).unwrap();
    assert!(gone.letter("b").is_none() && gone.conflicts.is_empty());
}

#[test]
fn resolving_a_reply_by_its_bare_id() {
    let base = base();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    remove_reply(&mut ours, "a", "r1");
    edit(&mut theirs, "a", |l| l.replies[0].summary = "theirs".into());
    let mut merged = merge(&base, &ours, &theirs).docket;
    resolve(&mut merged, "a r1", None, Side::Theirs).unwrap();
    assert_eq!(
        reply_summaries(&merged, "a"),
        [("r1".to_owned(), "theirs".to_owned())]
    );
}

#[test]
fn resolving_what_is_not_there_names_what_is() {
    let base = base();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    edit(&mut ours, "a", |l| {
        l.owner = Some("ours".into());
        l.subject = "ours".into();
    });
    edit(&mut theirs, "a", |l| {
        l.owner = Some("theirs".into());
        l.subject = "theirs".into();
    });
    let mut merged = merge(&base, &ours, &theirs).docket;
    let err = resolve(&mut merged, "b", None, Side::Ours).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no conflict on b; the conflicts are: letter a subject; letter a owner"
    );
    let err = find(&merged, "a", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "letter a has conflicts on several fields: subject, owner; name one"
    );
    let err = resolve(&mut merged, "a", Some("due"), Side::Ours).unwrap_err();
    assert!(
        err.to_string().starts_with("no conflict on a due;"),
        "{err}"
    );
}

#[test]
fn changes_name_each_record_and_field() {
    let before = base();
    let mut after = before.clone();
    edit(&mut after, "a", |l| {
        l.owner = Some("jdoe".into());
        l.replies.push(reply("r2", "2017-08-10", "more"));
    });
    remove_letter(&mut after, "b");
    let listed: Vec<String> = changes(&before, &after)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        listed,
        [
            "letter a: owner changed",
            "reply a r2 added",
            "letter b removed"
        ]
    );
}

#[test]
fn a_resolution_is_undone_by_the_puts_it_returns() {
    let base = base();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    edit(&mut ours, "a", |l| l.replies[0].summary = "ours".into());
    edit(&mut theirs, "a", |l| l.replies[0].summary = "theirs".into());
    ours.settings.due_soon_days = 5;
    theirs.settings.due_soon_days = 7;
    let merged = merge(&base, &ours, &theirs).docket;
    let mut docket = merged.clone();
    for (record, field) in [("reply a r1", "summary"), ("settings", "due_soon_days")] {
        let resolution = super::resolution(&docket, record, Some(field), Side::Theirs).unwrap();
        assert_eq!(
            resolution.description,
            format!("resolved {record} {field}: kept theirs")
        );
        let undo = docket.put(resolution.puts);
        let resolved = docket.clone();
        let redo = docket.put(undo);
        assert_ne!(docket, resolved);
        docket.put(redo);
        assert_eq!(docket, resolved);
    }
    assert_eq!(docket.letter("a").unwrap().replies[0].summary, "theirs");
    assert_eq!(docket.settings.due_soon_days, 7);
    assert!(docket.conflicts.is_empty());
}
