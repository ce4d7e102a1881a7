//! The three-way merge on arbitrary dockets and arbitrary edits from a
//! common base: (a) edits to different records or fields merge cleanly and
//! the result holds both; (b) merge(base, x, x) = x; (c) merge(base, base,
//! x) = x; (d) swapping ours and theirs gives the same records, the
//! conflicts mirrored; (e) every conflict keeps both values.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::sync::Arc;

use docket::merge::fields::{self, ron_text};
use docket::merge::{Entry, Record, Side, merge, resolve};
use docket::model::{City, Closing, Docket, Extension, Holiday, Letter, Put, Reply, ReplyKind};
use proptest::prelude::*;
use proptest::sample::Index;
use support::strategies;

/// One edit a person makes; letters, replies and cities are picked by
/// index among the base's.
#[derive(Debug, Clone)]
enum Edit {
    /// A text field of a letter.
    Text(Index, usize, String),
    /// A reply recorded, dated the day the letter was sent.
    AddReply(Index, String, ReplyKind),
    /// A reply's summary.
    ReplySummary(Index, Index, String),
    RemoveReply(Index, Index),
    RemoveLetter(Index),
    AddTag(Index, String),
    CityName(Index, String),
    AddCity(String),
    AddLetter(Index, String),
    DueSoon(i64),
    AddHoliday(chrono::NaiveDate, String),
}

/// The text fields [`Edit::Text`] sets.
const TEXT_FIELDS: [&str; 4] = ["subject", "owner", "summary", "private_notes"];

fn edit() -> impl Strategy<Value = Edit> {
    let text = strategies::text;
    prop_oneof![
        (any::<Index>(), 0..TEXT_FIELDS.len(), text()).prop_map(|(l, f, t)| Edit::Text(l, f, t)),
        (
            any::<Index>(),
            text(),
            prop::sample::select(ReplyKind::ALL.to_vec())
        )
            .prop_map(|(l, s, k)| Edit::AddReply(l, s, k)),
        (any::<Index>(), any::<Index>(), text()).prop_map(|(l, r, s)| Edit::ReplySummary(l, r, s)),
        (any::<Index>(), any::<Index>()).prop_map(|(l, r)| Edit::RemoveReply(l, r)),
        any::<Index>().prop_map(Edit::RemoveLetter),
        (any::<Index>(), text()).prop_map(|(l, t)| Edit::AddTag(l, t)),
        (any::<Index>(), text()).prop_map(|(c, n)| Edit::CityName(c, n)),
        text().prop_map(Edit::AddCity),
        (any::<Index>(), text()).prop_map(|(c, s)| Edit::AddLetter(c, s)),
        (0..30_i64).prop_map(Edit::DueSoon),
        (strategies::date(), text()).prop_map(|(d, n)| Edit::AddHoliday(d, n)),
    ]
}

/// A base as a file holds one: in its stable order, each letter's entries
/// with their ids (`r1`, `x1`, `c1`).
fn base() -> impl Strategy<Value = Docket> {
    strategies::docket().prop_map(|mut docket| {
        for letter in &mut docket.letters {
            let letter = Arc::make_mut(letter);
            letter.replies.iter_mut().for_each(|r| r.id.clear());
            letter.extensions.iter_mut().for_each(|e| e.id.clear());
            letter.closings.iter_mut().for_each(|c| c.id.clear());
            letter.assign_entry_ids();
        }
        docket.normalize();
        docket
    })
}

/// What an edit touched, as paths: two edits overlap when they touch the
/// same path (unless it adds to a set or a list, `+`), or one touches a
/// whole record (`*`) the other touches within.
fn overlap(a: &[String], b: &[String]) -> bool {
    let within = |whole: &str, path: &str| {
        whole
            .strip_suffix('*')
            .is_some_and(|record| path.starts_with(record))
    };
    a.iter().any(|x| {
        b.iter()
            .any(|y| (x == y && !x.ends_with('+')) || within(x, y) || within(y, x))
    })
}

/// Something an edit leaves true of the docket.
type Check = Box<dyn Fn(&Docket) -> bool>;

/// Applies an edit made on `side`; returns what it touched and what it
/// leaves true. Ids picked by index are the base's; an edit whose record
/// is gone does nothing.
fn apply(edit: &Edit, base: &Docket, side: &str, docket: &mut Docket) -> (Vec<String>, Vec<Check>) {
    let letter_id = |i: &Index| {
        (!base.letters.is_empty()).then(|| base.letters[i.index(base.letters.len())].id.clone())
    };
    let city_id = |i: &Index| {
        (!base.cities.is_empty()).then(|| base.cities[i.index(base.cities.len())].id.clone())
    };
    let at = |docket: &Docket, id: &str| docket.letters.iter().position(|l| l.id == id);
    match edit {
        Edit::Text(l, f, text) => {
            let Some(id) = letter_id(l) else {
                return (vec![], vec![]);
            };
            let Some(at) = at(docket, &id) else {
                return (vec![], vec![]);
            };
            let field = fields::LETTER
                .iter()
                .find(|x| x.name() == TEXT_FIELDS[*f])
                .unwrap();
            let value = if TEXT_FIELDS[*f] == "owner" {
                ron_text(&Some(text))
            } else {
                ron_text(text)
            };
            field.set(docket.letter_mut(at), &value).unwrap();
            let check: Check =
                Box::new(move |d| d.letter(&id).is_some_and(|l| field.text(l) == value));
            (
                vec![format!("letter/{}/{}", letter_id(l).unwrap(), field.name())],
                vec![check],
            )
        }
        Edit::AddReply(l, summary, kind) => {
            let Some(id) = letter_id(l) else {
                return (vec![], vec![]);
            };
            let Some(at) = at(docket, &id) else {
                return (vec![], vec![]);
            };
            let letter = docket.letter_mut(at);
            let reply = Reply {
                id: letter.next_entry_id('r'),
                on: letter.sent,
                from: side.to_owned(),
                kind: *kind,
                summary: summary.clone(),
                source: None,
            };
            letter.replies.push(reply.clone());
            let check: Check = Box::new(move |d| {
                d.letter(&id).is_some_and(|l| {
                    l.replies.iter().any(|r| {
                        Reply {
                            id: r.id.clone(),
                            ..reply.clone()
                        } == *r
                    })
                })
            });
            (
                vec![format!("letter/{}/replies+", letter_id(l).unwrap())],
                vec![check],
            )
        }
        Edit::ReplySummary(l, r, summary) => {
            let Some(id) = letter_id(l) else {
                return (vec![], vec![]);
            };
            let Some(reply) = pick_reply(base, &id, *r) else {
                return (vec![], vec![]);
            };
            let Some(at) = at(docket, &id) else {
                return (vec![], vec![]);
            };
            let letter = docket.letter_mut(at);
            let Some(found) = letter.replies.iter_mut().find(|x| x.id == reply) else {
                return (vec![], vec![]);
            };
            found.summary.clone_from(summary);
            let summary = summary.clone();
            let path = format!("letter/{id}/reply/{reply}/summary");
            let check: Check = Box::new(move |d| {
                d.letter(&id).is_some_and(|l| {
                    l.replies
                        .iter()
                        .any(|x| x.id == reply && x.summary == summary)
                })
            });
            (vec![path], vec![check])
        }
        Edit::RemoveReply(l, r) => {
            let Some(id) = letter_id(l) else {
                return (vec![], vec![]);
            };
            let Some(reply) = pick_reply(base, &id, *r) else {
                return (vec![], vec![]);
            };
            if docket
                .letter(&id)
                .is_none_or(|x| x.replies.iter().all(|x| x.id != reply))
            {
                return (vec![], vec![]);
            }
            let letter = docket.letter_mut(at(docket, &id).unwrap());
            letter.replies.retain(|x| x.id != reply);
            letter.retired_ids.push(reply.clone());
            let path = format!("letter/{id}/reply/{reply}/*");
            let check: Check = Box::new(move |d| {
                d.letter(&id)
                    .is_none_or(|l| l.replies.iter().all(|x| x.id != reply))
            });
            (vec![path], vec![check])
        }
        Edit::RemoveLetter(l) => {
            let Some(id) = letter_id(l) else {
                return (vec![], vec![]);
            };
            if docket.letter(&id).is_none() {
                return (vec![], vec![]);
            }
            docket.put(vec![Put::Letter(id.clone(), None)]);
            let path = format!("letter/{id}/*");
            (vec![path], vec![Box::new(move |d| d.letter(&id).is_none())])
        }
        Edit::AddTag(l, tag) => {
            let Some(id) = letter_id(l) else {
                return (vec![], vec![]);
            };
            let Some(at) = at(docket, &id) else {
                return (vec![], vec![]);
            };
            docket.letter_mut(at).tags.push(tag.clone());
            let tag = tag.clone();
            let path = format!("letter/{id}/tags+");
            (
                vec![path],
                vec![Box::new(move |d| {
                    d.letter(&id).is_some_and(|l| l.tags.contains(&tag))
                })],
            )
        }
        Edit::CityName(c, name) => {
            let Some(id) = city_id(c) else {
                return (vec![], vec![]);
            };
            let city = docket.cities.iter_mut().find(|x| x.id == id).unwrap();
            city.name.clone_from(name);
            let name = name.clone();
            let path = format!("city/{id}/name");
            (
                vec![path],
                vec![Box::new(move |d| {
                    d.city(&id).is_some_and(|x| x.name == name)
                })],
            )
        }
        Edit::AddCity(name) => {
            let id = format!("{side}-{}", docket.cities.len());
            let city = City {
                id: id.clone(),
                name: name.clone(),
                state: String::new(),
                notes: String::new(),
                log: vec![],
            };
            docket.cities.push(city.clone());
            (
                vec![format!("city/{id}/*")],
                vec![Box::new(move |d| d.city(&city.id) == Some(&city))],
            )
        }
        Edit::AddLetter(c, subject) => {
            let Some(city) = city_id(c) else {
                return (vec![], vec![]);
            };
            let mut letter =
                Letter::new(city, chrono::NaiveDate::from_ymd_opt(2017, 8, 3).unwrap());
            letter.id = format!("{side}-letter-{}", docket.letters.len());
            letter.subject.clone_from(subject);
            docket.letters.push(Arc::new(letter.clone()));
            (
                vec![format!("letter/{}/*", letter.id)],
                vec![Box::new(move |d| d.letter(&letter.id) == Some(&letter))],
            )
        }
        Edit::DueSoon(days) => {
            docket.settings.due_soon_days = *days;
            let days = *days;
            (
                vec!["settings/due_soon_days".into()],
                vec![Box::new(move |d| d.settings.due_soon_days == days)],
            )
        }
        Edit::AddHoliday(on, name) => {
            let holiday = Holiday {
                on: *on,
                name: name.clone(),
            };
            docket.settings.calendar.extra.push(holiday.clone());
            (
                vec!["settings/calendar.extra+".into()],
                vec![Box::new(move |d| {
                    d.settings.calendar.extra.contains(&holiday)
                })],
            )
        }
    }
}

fn pick_reply(base: &Docket, letter: &str, which: Index) -> Option<String> {
    let replies = &base.letter(letter)?.replies;
    (!replies.is_empty()).then(|| replies[which.index(replies.len())].id.clone())
}

/// Applies a side's edits to a copy of the base: the docket, what they
/// touched, and what of theirs still holds once all are made.
fn side(base: &Docket, edits: &[Edit], name: &str) -> (Docket, Vec<String>, Vec<Check>) {
    let mut docket = base.clone();
    let (mut touched, mut checks) = (Vec::new(), Vec::new());
    for edit in edits {
        let (paths, made) = apply(edit, base, name, &mut docket);
        touched.extend(paths);
        checks.extend(made);
    }
    checks.retain(|check| check(&docket));
    (docket, touched, checks)
}

/// A docket as a set of records: cities and letters by id, entries by
/// content (ids set aside: an entry added on both sides is renumbered),
/// sets sorted.
fn records(docket: &Docket) -> Docket {
    let mut docket = docket.clone();
    docket.cities.sort_by(|a, b| a.id.cmp(&b.id));
    for city in &mut docket.cities {
        city.log.sort();
    }
    docket.letters.sort_by(|a, b| a.id.cmp(&b.id));
    for letter in &mut docket.letters {
        let letter = Arc::make_mut(letter);
        entries_by_content::<Reply>(letter);
        entries_by_content::<Extension>(letter);
        entries_by_content::<Closing>(letter);
        for list in [
            &mut letter.demands,
            &mut letter.tags,
            &mut letter.retired_ids,
        ] {
            list.sort();
        }
        letter.documents.sort_by_key(ron_text);
        letter.log.sort();
    }
    docket.retired_ids.sort();
    docket.settings.reminders.sort_unstable();
    docket.settings.calendar.extra.sort_by_key(ron_text);
    docket.settings.calendar.removed.sort();
    docket.conflicts.sort_by_key(|c| format!("{c:?}"));
    docket
}

fn entries_by_content<E: Entry>(letter: &mut Letter) {
    let entries = E::of_mut(letter);
    for entry in entries.iter_mut() {
        entry.id_mut().clear();
    }
    entries.sort_by_key(ron_text);
}

/// The value of a conflict's record and field in a docket, as RON text.
fn value_in(docket: &Docket, record: &str, field: &str) -> Option<String> {
    let (kind, id) = record.split_once(' ').unwrap_or((record, ""));
    match kind {
        "settings" => (fields::SETTINGS.iter())
            .find(|f| f.name() == field)
            .map(|f| f.text(&docket.settings)),
        "city" => docket.city(id).and_then(|c| text_of(c, field)),
        "letter" => docket.letter(id).and_then(|l| text_of(l, field)),
        _ => {
            let (letter, entry) = id.rsplit_once(' ').unwrap();
            let letter = docket.letter(letter)?;
            match kind {
                "reply" => entry_text::<Reply>(letter, entry, field),
                "extension" => entry_text::<Extension>(letter, entry, field),
                _ => entry_text::<Closing>(letter, entry, field),
            }
        }
    }
}

fn text_of<R: Record>(record: &R, field: &str) -> Option<String> {
    if field.is_empty() {
        return Some(ron_text(record));
    }
    R::fields()
        .iter()
        .find(|f| f.name() == field)
        .map(|f| f.text(record))
}

fn entry_text<E: Entry>(letter: &Letter, id: &str, field: &str) -> Option<String> {
    E::of(letter)
        .iter()
        .find(|e| e.id() == id)
        .and_then(|e| text_of(e, field))
}

/// The merge breaks no rule that neither side broke already.
fn no_new_problems(merged: &Docket, ours: &Docket, theirs: &Docket) -> Result<(), TestCaseError> {
    let before: Vec<String> = (ours.problems().into_iter())
        .chain(theirs.problems())
        .map(|p| p.to_string())
        .collect();
    for problem in merged.problems() {
        prop_assert!(before.contains(&problem.to_string()), "new: {}", problem);
    }
    Ok(())
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_edits_to_different_records_or_fields_merge_cleanly_and_both_are_kept(
        base in base(), ours in edits(), theirs in edits(),
    ) {
        let (o, o_touched, o_checks) = side(&base, &ours, "ours");
        let (t, t_touched, t_checks) = side(&base, &theirs, "theirs");
        prop_assume!(!overlap(&o_touched, &t_touched));
        let merged = merge(&base, &o, &t);
        prop_assert!(merged.conflicts.is_empty(), "conflicts: {:#?}", merged.conflicts);
        for (i, check) in o_checks.iter().chain(&t_checks).enumerate() {
            prop_assert!(check(&merged.docket), "edit {} is not in the merge", i);
        }
        no_new_problems(&merged.docket, &o, &t)?;
    }

    #[test]
    fn b_the_same_edits_on_both_sides_merge_to_them(base in base(), edits in edits()) {
        let (x, ..) = side(&base, &edits, "x");
        let merged = merge(&base, &x, &x);
        prop_assert!(merged.conflicts.is_empty(), "{:#?}", merged.conflicts);
        let mut expected = x.clone();
        expected.cities.sort_by(|a, b| a.id.cmp(&b.id));
        expected.letters.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(merged.docket, expected);
    }

    #[test]
    fn c_edits_on_one_side_only_merge_to_them(base in base(), edits in edits()) {
        let (x, ..) = side(&base, &edits, "x");
        let mut expected = x.clone();
        expected.cities.sort_by(|a, b| a.id.cmp(&b.id));
        expected.letters.sort_by(|a, b| a.id.cmp(&b.id));
        let merged = merge(&base, &base, &x);
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(&merged.docket, &expected);
        let merged = merge(&base, &x, &base);
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(&merged.docket, &expected);
    }

    #[test]
    fn d_swapping_the_sides_gives_the_same_records_and_mirrored_conflicts(
        base in base(), ours in edits(), theirs in edits(),
    ) {
        let (o, ..) = side(&base, &ours, "ours");
        let (t, ..) = side(&base, &theirs, "theirs");
        let merged = merge(&base, &o, &t);
        let swapped = merge(&base, &t, &o);
        let mut mirrored: Vec<String> = (swapped.conflicts.iter())
            .map(|c| format!("{} {} {:?} {:?} {:?}", c.record, c.field, c.base, c.theirs, c.ours))
            .collect();
        let mut found: Vec<String> = (merged.conflicts.iter())
            .map(|c| format!("{} {} {:?} {:?} {:?}", c.record, c.field, c.base, c.ours, c.theirs))
            .collect();
        mirrored.sort();
        found.sort();
        prop_assert_eq!(found, mirrored);
        // Each conflict resolved for the other side in the swapped merge
        // gives the records of the merge.
        let mut resolved = swapped.docket.clone();
        for conflict in &swapped.conflicts {
            let field = Some(conflict.field.as_str());
            resolve(&mut resolved, &conflict.record, field, Side::Theirs).unwrap();
        }
        let mut kept = merged.docket.clone();
        kept.conflicts.retain(|c| !merged.conflicts.contains(c));
        prop_assert_eq!(records(&kept), records(&resolved));
    }

    #[test]
    fn e_every_conflict_keeps_both_values(base in base(), ours in edits(), theirs in edits()) {
        let (o, ..) = side(&base, &ours, "ours");
        let (t, ..) = side(&base, &theirs, "theirs");
        let merged = merge(&base, &o, &t);
        for c in &merged.conflicts {
            prop_assert_ne!(&c.ours, &c.theirs);
            prop_assert_eq!(&c.ours, &value_in(&o, &c.record, &c.field), "{:?}", c);
            prop_assert_eq!(&c.theirs, &value_in(&t, &c.record, &c.field), "{:?}", c);
            prop_assert_eq!(&c.base, &value_in(&base, &c.record, &c.field), "{:?}", c);
            // The merge holds ours.
            prop_assert_eq!(&c.ours, &value_in(&merged.docket, &c.record, &c.field), "{:?}", c);
            prop_assert!(merged.docket.conflicts.contains(c));
        }
        no_new_problems(&merged.docket, &o, &t)?;
    }
}
