//! The merge's cases, each merged both ways.

use std::sync::Arc;

use super::{
    base, city, date, edit, holiday, letter, log, remove_letter, remove_reply, reply,
    reply_summaries, strings, subject,
};
use crate::merge::merge;
use crate::model::{Conflict, Docket, Extension, Letter, ReplyKind};

struct Case {
    name: &'static str,
    ours: fn(&mut Docket),
    theirs: fn(&mut Docket),
    /// The conflicts expected, as (record, field).
    conflicts: &'static [(&'static str, &'static str)],
    /// What the merged docket must hold.
    holds: fn(&Docket) -> bool,
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
