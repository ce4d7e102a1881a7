//! Random edits to a docket, as two people make them apart: what each
//! touched (to tell edits that overlap) and what each leaves true (to find
//! in the merge).

use std::sync::Arc;

use docket::merge::fields::{self, ron_text};
use docket::model::{City, Docket, Holiday, Letter, Put, Reply, ReplyKind};
use proptest::prelude::*;
use proptest::sample::Index;

use crate::support::strategies;

/// One edit a person makes; letters, replies and cities are picked by
/// index among the base's.
#[derive(Debug, Clone)]
pub enum Edit {
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

pub fn edit() -> impl Strategy<Value = Edit> {
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
pub fn base() -> impl Strategy<Value = Docket> {
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
pub fn overlap(a: &[String], b: &[String]) -> bool {
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
pub type Check = Box<dyn Fn(&Docket) -> bool>;

/// What an edit touched (a path, see [`overlap`]) and what it leaves true.
type Made = Option<(String, Check)>;

/// Applies an edit made on `side`. Ids picked by index are the base's; an
/// edit whose record is gone does nothing.
fn apply(edit: &Edit, base: &Docket, side: &str, docket: &mut Docket) -> Made {
    let pick = |i: &Index| {
        (!base.letters.is_empty()).then(|| base.letters[i.index(base.letters.len())].id.clone())
    };
    let letter = match edit {
        Edit::Text(l, ..)
        | Edit::AddReply(l, ..)
        | Edit::ReplySummary(l, ..)
        | Edit::RemoveReply(l, ..)
        | Edit::RemoveLetter(l)
        | Edit::AddTag(l, _) => pick(l),
        _ => return apply_elsewhere(edit, base, side, docket),
    };
    let id = letter?;
    let at = docket.letters.iter().position(|l| l.id == id)?;
    apply_to_letter(edit, base, side, docket, id, at)
}

/// An edit of the letter `id`, at `at` in `docket`.
fn apply_to_letter(
    edit: &Edit,
    base: &Docket,
    side: &str,
    docket: &mut Docket,
    id: String,
    at: usize,
) -> Made {
    let letter = docket.letter_mut(at);
    match edit {
        Edit::Text(_, f, text) => {
            let field = (fields::LETTER.iter()).find(|x| x.name() == TEXT_FIELDS[*f])?;
            let value = if TEXT_FIELDS[*f] == "owner" {
                ron_text(&Some(text))
            } else {
                ron_text(text)
            };
            field.set(letter, &value).unwrap();
            let path = format!("letter/{id}/{}", field.name());
            Some((
                path,
                Box::new(move |d| d.letter(&id).is_some_and(|l| field.text(l) == value)),
            ))
        }
        Edit::AddReply(_, summary, kind) => {
            let reply = Reply {
                id: letter.next_entry_id('r'),
                on: letter.sent,
                from: side.to_owned(),
                kind: *kind,
                summary: summary.clone(),
                source: None,
            };
            letter.replies.push(reply.clone());
            let same = move |r: &Reply| {
                Reply {
                    id: r.id.clone(),
                    ..reply.clone()
                } == *r
            };
            let path = format!("letter/{id}/replies+");
            Some((
                path,
                Box::new(move |d| d.letter(&id).is_some_and(|l| l.replies.iter().any(&same))),
            ))
        }
        Edit::ReplySummary(_, r, summary) => {
            let reply = pick_reply(base, &id, *r)?;
            let found = letter.replies.iter_mut().find(|x| x.id == reply)?;
            found.summary.clone_from(summary);
            let summary = summary.clone();
            let path = format!("letter/{id}/reply/{reply}/summary");
            let holds = move |x: &Reply| x.id == reply && x.summary == summary;
            Some((
                path,
                Box::new(move |d| d.letter(&id).is_some_and(|l| l.replies.iter().any(&holds))),
            ))
        }
        Edit::RemoveReply(_, r) => {
            let reply = pick_reply(base, &id, *r)?;
            letter.replies.iter().position(|x| x.id == reply)?;
            letter.replies.retain(|x| x.id != reply);
            letter.retired_ids.push(reply.clone());
            let path = format!("letter/{id}/reply/{reply}/*");
            let gone = move |x: &Reply| x.id != reply;
            Some((
                path,
                Box::new(move |d| d.letter(&id).is_none_or(|l| l.replies.iter().all(&gone))),
            ))
        }
        Edit::RemoveLetter(_) => {
            docket.put(vec![Put::Letter(id.clone(), None)]);
            Some((
                format!("letter/{id}/*"),
                Box::new(move |d| d.letter(&id).is_none()),
            ))
        }
        Edit::AddTag(_, tag) => {
            letter.tags.push(tag.clone());
            let tag = tag.clone();
            let path = format!("letter/{id}/tags+");
            Some((
                path,
                Box::new(move |d| d.letter(&id).is_some_and(|l| l.tags.contains(&tag))),
            ))
        }
        _ => None,
    }
}

/// An edit of a city, a new record, or the settings.
fn apply_elsewhere(edit: &Edit, base: &Docket, side: &str, docket: &mut Docket) -> Made {
    let city_id = |i: &Index| {
        (!base.cities.is_empty()).then(|| base.cities[i.index(base.cities.len())].id.clone())
    };
    match edit {
        Edit::CityName(c, name) => {
            let id = city_id(c)?;
            let city = docket.cities.iter_mut().find(|x| x.id == id)?;
            city.name.clone_from(name);
            let name = name.clone();
            let path = format!("city/{id}/name");
            Some((
                path,
                Box::new(move |d| d.city(&id).is_some_and(|x| x.name == name)),
            ))
        }
        Edit::AddCity(name) => {
            let city = City {
                id: format!("{side}-{}", docket.cities.len()),
                name: name.clone(),
                state: String::new(),
                notes: String::new(),
                log: vec![],
            };
            docket.cities.push(city.clone());
            let path = format!("city/{}/*", city.id);
            Some((path, Box::new(move |d| d.city(&city.id) == Some(&city))))
        }
        Edit::AddLetter(c, subject) => {
            let mut letter = Letter::new(city_id(c)?, chrono::NaiveDate::from_ymd_opt(2017, 8, 3)?);
            letter.id = format!("{side}-letter-{}", docket.letters.len());
            letter.subject.clone_from(subject);
            docket.letters.push(Arc::new(letter.clone()));
            let path = format!("letter/{}/*", letter.id);
            Some((
                path,
                Box::new(move |d| d.letter(&letter.id) == Some(&letter)),
            ))
        }
        Edit::DueSoon(days) => {
            docket.settings.due_soon_days = *days;
            let days = *days;
            let path = "settings/due_soon_days".to_owned();
            Some((path, Box::new(move |d| d.settings.due_soon_days == days)))
        }
        Edit::AddHoliday(on, name) => {
            let holiday = Holiday {
                on: *on,
                name: name.clone(),
            };
            docket.settings.calendar.extra.push(holiday.clone());
            let path = "settings/calendar.extra+".to_owned();
            Some((
                path,
                Box::new(move |d| d.settings.calendar.extra.contains(&holiday)),
            ))
        }
        _ => None,
    }
}

fn pick_reply(base: &Docket, letter: &str, which: Index) -> Option<String> {
    let replies = &base.letter(letter)?.replies;
    (!replies.is_empty()).then(|| replies[which.index(replies.len())].id.clone())
}

/// Applies a side's edits to a copy of the base: the docket, what they
/// touched, and what of theirs still holds once all are made.
pub fn side(base: &Docket, edits: &[Edit], name: &str) -> (Docket, Vec<String>, Vec<Check>) {
    let mut docket = base.clone();
    let (mut touched, mut checks) = (Vec::new(), Vec::new());
    for edit in edits {
        if let Some((path, check)) = apply(edit, base, name, &mut docket) {
            touched.push(path);
            checks.push(check);
        }
    }
    checks.retain(|check| check(&docket));
    (docket, touched, checks)
}

/// One to three edits.
pub fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..4)
}
