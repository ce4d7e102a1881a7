//! The merge, case by case (`cases`): two edits of one base, the conflicts
//! expected and what the merged docket must hold; resolving conflicts; what
//! changed between two versions.

mod cases;

use std::sync::Arc;

use super::{Side, changes, find, merge, resolve};
use crate::model::{City, Docket, Holiday, Letter, LogEntry, Reply, ReplyKind};

pub(super) fn date(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

pub(super) fn reply(id: &str, on: &str, summary: &str) -> Reply {
    Reply {
        id: id.to_owned(),
        on: date(on),
        from: "City Solicitor".to_owned(),
        kind: ReplyKind::Acknowledges,
        summary: summary.to_owned(),
        source: None,
    }
}

pub(super) fn city(id: &str, name: &str) -> City {
    City {
        id: id.to_owned(),
        name: name.to_owned(),
        state: "MD".to_owned(),
        notes: String::new(),
        log: Vec::new(),
    }
}

pub(super) fn letter(id: &str, city: &str) -> Letter {
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
pub(super) fn base() -> Docket {
    let mut docket = Docket::new();
    docket.cities = vec![city("baltimore", "Baltimore"), city("chicago", "Chicago")];
    docket.letters = vec![
        Arc::new(letter("a", "baltimore")),
        Arc::new(letter("b", "chicago")),
    ];
    docket
}

pub(super) fn edit(docket: &mut Docket, id: &str, change: impl FnOnce(&mut Letter)) {
    let at = docket.letters.iter().position(|l| l.id == id).unwrap();
    change(docket.letter_mut(at));
}

pub(super) fn remove_letter(docket: &mut Docket, id: &str) {
    docket
        .apply(crate::model::Change::RemoveLetter(id.to_owned()))
        .unwrap();
}

pub(super) fn subject(d: &Docket, id: &str) -> String {
    d.letter(id).unwrap().subject.clone()
}

pub(super) fn reply_summaries(d: &Docket, id: &str) -> Vec<(String, String)> {
    (d.letter(id).unwrap().replies.iter())
        .map(|r| (r.id.clone(), r.summary.clone()))
        .collect()
}

pub(super) fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

pub(super) fn log(what: &str) -> LogEntry {
    LogEntry {
        at: date("2017-08-10").and_hms_opt(9, 0, 0).unwrap(),
        by: "jdoe".to_owned(),
        what: what.to_owned(),
    }
}

pub(super) fn holiday(on: &str, name: &str) -> Holiday {
    Holiday {
        on: date(on),
        name: name.to_owned(),
    }
}

pub(super) fn remove_reply(docket: &mut Docket, letter: &str, reply: &str) {
    (docket.apply(crate::model::Change::RemoveReply(
        letter.into(),
        reply.into(),
    )))
    .unwrap();
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
