//! Who did what: the log entry a change appends to the records it puts,
//! in words (`reply r2 added (complies)`, `due 2017-08-18 -> 2017-09-01`).

use std::sync::Arc;

use super::{Change, Put, Records};
use crate::model::{City, DueFrom, DueRule, DueUnit, Letter, Stamp};

/// What the log needs to know of a change once it is planned (the plan
/// consumes the change; the words come from the records before and after).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sketch {
    Added,
    /// Letters sent together: each one added.
    AddedLetters,
    Edited,
    RemovedCity,
    RemovedLetter,
    ReplyAdded,
    ExtensionAdded,
    Closed,
    Reopened,
    EntryEdited(Entry),
    EntryRemoved(Entry),
}

/// A kind of entry within a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    Reply,
    Extension,
    Closing,
}

impl Sketch {
    pub(super) fn of(change: &Change) -> (Sketch, Option<String>) {
        match change {
            Change::AddCity(_) | Change::AddLetter(_) => (Sketch::Added, None),
            Change::AddLetters(_) => (Sketch::AddedLetters, None),
            // The settings are no record: nothing to log them on.
            Change::EditCity(_) | Change::EditLetter(_) | Change::Settings(_) => {
                (Sketch::Edited, None)
            }
            Change::RemoveCity { .. } => (Sketch::RemovedCity, None),
            Change::RemoveLetter(_) => (Sketch::RemovedLetter, None),
            Change::AddReply(..) => (Sketch::ReplyAdded, None),
            Change::AddExtension(..) => (Sketch::ExtensionAdded, None),
            Change::Close(..) => (Sketch::Closed, None),
            Change::Reopen { .. } => (Sketch::Reopened, None),
            Change::EditReply(_, r) => (Sketch::EntryEdited(Entry::Reply), Some(r.id.clone())),
            Change::EditExtension(_, e) => {
                (Sketch::EntryEdited(Entry::Extension), Some(e.id.clone()))
            }
            Change::EditClosing(_, c) => (Sketch::EntryEdited(Entry::Closing), Some(c.id.clone())),
            Change::RemoveReply(_, id) => (Sketch::EntryRemoved(Entry::Reply), Some(id.clone())),
            Change::RemoveExtension(_, id) => {
                (Sketch::EntryRemoved(Entry::Extension), Some(id.clone()))
            }
            Change::RemoveClosing(_, id) => {
                (Sketch::EntryRemoved(Entry::Closing), Some(id.clone()))
            }
        }
    }
}

/// Appends the change's log entry to the record it puts (a removed letter's
/// entry goes to its city's log). `id` is the record the change touched;
/// `r` still holds the records as they were before.
pub(super) fn stamp_puts(
    r: &impl Records,
    (sketch, entry): (Sketch, Option<String>),
    id: &str,
    puts: &mut Vec<Put>,
    stamp: &Stamp,
) {
    let city_change = puts
        .iter()
        .any(|p| matches!(p, Put::City(c, Some(_)) if c == id));
    match sketch {
        Sketch::RemovedCity => {}
        Sketch::AddedLetters => {
            let added: Vec<String> = (puts.iter())
                .filter_map(|p| match p {
                    Put::Letter(id, Some(_)) => Some(id.clone()),
                    _ => None,
                })
                .collect();
            for id in added {
                stamp_letter(None, (Sketch::Added, None), &id, puts, stamp);
            }
        }
        Sketch::RemovedLetter => {
            if let Some(city) = r.letter(id).and_then(|l| r.city(&l.city)) {
                let mut city = city.clone();
                let what = stamp.what.clone();
                city.log
                    .push(stamp.entry(what.unwrap_or_else(|| format!("letter {id} removed"))));
                puts.push(Put::City(city.id.clone(), Some(city)));
            }
        }
        _ if city_change => stamp_city(r.city(id), sketch, id, puts, stamp),
        _ => stamp_letter(r.letter(id), (sketch, entry.as_deref()), id, puts, stamp),
    }
}

/// Appends the entry to the city put with this id: `before` is the city
/// as it was (none for a new one). Its log is the one on record.
fn stamp_city(before: Option<&City>, sketch: Sketch, id: &str, puts: &mut [Put], stamp: &Stamp) {
    let Some(Put::City(_, Some(city))) =
        (puts.iter_mut()).find(|p| matches!(p, Put::City(c, Some(_)) if c == id))
    else {
        return;
    };
    if let Some(before) = before {
        city.log.clone_from(&before.log);
    }
    let what = match (&stamp.what, before) {
        (Some(what), _) => Some(what.clone()),
        (None, Some(before)) if sketch == Sketch::Edited => city_words(before, city),
        (None, _) => Some("added".to_owned()),
    };
    if let Some(what) = what {
        city.log.push(stamp.entry(what));
    }
}

/// Appends the entry to the letter put with this id: `before` is the
/// letter as it was (none for a new one). Its log is the one on record.
fn stamp_letter(
    before: Option<&Letter>,
    (sketch, entry): (Sketch, Option<&str>),
    id: &str,
    puts: &mut [Put],
    stamp: &Stamp,
) {
    let Some(Put::Letter(_, Some(letter))) =
        (puts.iter_mut()).find(|p| matches!(p, Put::Letter(l, Some(_)) if l == id))
    else {
        return;
    };
    let letter = Arc::make_mut(letter);
    if let Some(before) = before {
        letter.log.clone_from(&before.log);
    }
    let what = match (&stamp.what, before) {
        (Some(what), _) => Some(what.clone()),
        (None, Some(before)) => letter_words(sketch, entry, before, letter),
        (None, None) => Some("added".to_owned()),
    };
    if let Some(what) = what {
        letter.log.push(stamp.entry(what));
    }
}

/// What a change did to a letter, in words; `None` when it changed nothing.
fn letter_words(
    sketch: Sketch,
    entry: Option<&str>,
    before: &Letter,
    after: &Letter,
) -> Option<String> {
    let entry = entry.unwrap_or_default();
    let added = |ids: Vec<&String>, old: Vec<&String>| {
        ids.into_iter()
            .find(|id| !old.contains(id))
            .cloned()
            .unwrap_or_default()
    };
    Some(match sketch {
        Sketch::ReplyAdded => {
            let id = added(
                ids(&after.replies, |r| &r.id),
                ids(&before.replies, |r| &r.id),
            );
            let kind = after.replies.iter().find(|r| r.id == id).map(|r| r.kind);
            format!("reply {id} added ({})", kind.map_or("", |k| k.as_str()))
        }
        Sketch::ExtensionAdded => {
            let (new, old) = (&after.extensions, &before.extensions);
            let id = added(ids(new, |e| &e.id), ids(old, |e| &e.id));
            let due = new.iter().find(|e| e.id == id).map(|e| e.new_due);
            format!("extension {id} granted to {}", shown(due))
        }
        Sketch::Closed => {
            let id = added(
                ids(&after.closings, |c| &c.id),
                ids(&before.closings, |c| &c.id),
            );
            format!("closed ({id})")
        }
        Sketch::Reopened => {
            let reopened = (after.closings.iter())
                .find(|c| c.reopened_on.is_some() && !before.closings.contains(c));
            reopened.map_or_else(|| "reopened".to_owned(), |c| format!("reopened ({})", c.id))
        }
        Sketch::EntryRemoved(kind) => format!("{} {entry} removed", kind.word()),
        Sketch::EntryEdited(kind) => {
            let words = entry_diff(kind, entry, before, after).words()?;
            format!("{} {entry} edited: {words}", kind.word())
        }
        Sketch::Added
        | Sketch::AddedLetters
        | Sketch::Edited
        | Sketch::RemovedCity
        | Sketch::RemovedLetter => letter_diff(before, after).words()?,
    })
}

fn ids<T>(entries: &[T], id: impl Fn(&T) -> &String) -> Vec<&String> {
    entries.iter().map(id).collect()
}

impl Entry {
    fn word(self) -> &'static str {
        match self {
            Entry::Reply => "reply",
            Entry::Extension => "extension",
            Entry::Closing => "closing",
        }
    }
}

/// The fields a letter's edit changed: those whose values are short (dates,
/// people, ids) with both values, the others by name.
fn letter_diff(a: &Letter, b: &Letter) -> Diff {
    let mut diff = Diff::default();
    diff.value("city", Some(&a.city), Some(&b.city));
    diff.value("sent", Some(a.sent), Some(b.sent));
    diff.value("received", a.received, b.received);
    diff.value("due", a.due, b.due);
    let rule = |r: Option<DueRule>| r.map(rule_words);
    diff.value("due rule", rule(a.due_rule), rule(b.due_rule));
    diff.value("owner", a.owner.as_ref(), b.owner.as_ref());
    diff.value("matter", a.matter.as_ref(), b.matter.as_ref());
    diff.named("from", a.from != b.from);
    diff.named("to", a.to != b.to);
    diff.named("subject", a.subject != b.subject);
    diff.named("program", a.program != b.program);
    diff.named("demands", a.demands != b.demands);
    diff.named("summary", a.summary != b.summary);
    diff.named("source", a.source != b.source);
    diff.named("tags", a.tags != b.tags);
    diff.named("private notes", a.private_notes != b.private_notes);
    diff.named("documents", a.documents != b.documents);
    diff.named("replies", a.replies != b.replies);
    diff.named("extensions", a.extensions != b.extensions);
    diff.named("closings", a.closings != b.closings);
    diff.edited = true;
    diff
}

/// The fields an edit of one entry changed.
fn entry_diff(kind: Entry, id: &str, a: &Letter, b: &Letter) -> Diff {
    let mut diff = Diff::default();
    match kind {
        Entry::Reply => {
            let find = |l: &Letter| l.replies.iter().find(|r| r.id == id).cloned();
            let (Some(a), Some(b)) = (find(a), find(b)) else {
                return diff;
            };
            diff.value("on", Some(a.on), Some(b.on));
            diff.value("kind", Some(a.kind), Some(b.kind));
            diff.named("from", a.from != b.from);
            diff.named("summary", a.summary != b.summary);
            diff.named("source", a.source != b.source);
        }
        Entry::Extension => {
            let find = |l: &Letter| l.extensions.iter().find(|e| e.id == id).cloned();
            let (Some(a), Some(b)) = (find(a), find(b)) else {
                return diff;
            };
            diff.value("granted", Some(a.granted_on), Some(b.granted_on));
            diff.value("new due", Some(a.new_due), Some(b.new_due));
            diff.named("note", a.note != b.note);
        }
        Entry::Closing => {
            let find = |l: &Letter| l.closings.iter().find(|c| c.id == id).cloned();
            let (Some(a), Some(b)) = (find(a), find(b)) else {
                return diff;
            };
            diff.value("on", Some(a.on), Some(b.on));
            diff.value("reopened", a.reopened_on, b.reopened_on);
            diff.named("outcome", a.outcome != b.outcome);
        }
    }
    diff
}

/// What an edit of a city changed.
fn city_words(a: &City, b: &City) -> Option<String> {
    let mut diff = Diff::default();
    diff.value("name", Some(&a.name), Some(&b.name));
    diff.value("state", Some(&a.state), Some(&b.state));
    diff.named("notes", a.notes != b.notes);
    diff.edited = true;
    diff.words()
}

/// A rule in words: `30 business days from received`.
fn rule_words(rule: DueRule) -> String {
    let unit = match rule.unit {
        DueUnit::Days => "days",
        DueUnit::BusinessDays => "business days",
    };
    let from = match rule.from {
        DueFrom::Sent => "sent",
        DueFrom::Received => "received",
    };
    format!("{} {unit} from {from}", rule.count)
}

fn shown<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| v.to_string())
}

/// The changes an edit made, gathered field by field.
#[derive(Default)]
struct Diff {
    values: Vec<String>,
    names: Vec<&'static str>,
    /// Whether the names read `edited: a, b` (a whole record's edit) or
    /// join the values (an entry's).
    edited: bool,
}

impl Diff {
    fn value<T: PartialEq + std::fmt::Display>(&mut self, name: &str, a: Option<T>, b: Option<T>) {
        if a != b {
            self.values
                .push(format!("{name} {} -> {}", shown(a), shown(b)));
        }
    }

    fn named(&mut self, name: &'static str, changed: bool) {
        if changed {
            self.names.push(name);
        }
    }

    fn words(self) -> Option<String> {
        if self.values.is_empty() && self.names.is_empty() {
            return None;
        }
        if !self.edited {
            let names = self.names.iter().map(|n| (*n).to_owned());
            return Some(
                self.values
                    .into_iter()
                    .chain(names)
                    .collect::<Vec<_>>()
                    .join(", "),
            );
        }
        let mut parts = self.values;
        if !self.names.is_empty() {
            parts.push(format!("edited: {}", self.names.join(", ")));
        }
        Some(parts.join("; "))
    }
}
