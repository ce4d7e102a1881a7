//! The fields of each record, as one table per kind: how a field merges
//! (a value, or a set of values), how it reads as RON text, and how a
//! chosen value is put back. The merge, the resolution of a conflict and
//! the list of what changed all read these tables, so a field added to
//! the model is added here once.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::{City, Closing, Extension, Letter, Reply, Settings};

/// A field both sides changed to different values: the three values as
/// RON text (`base` is `None` when there was none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// The value both started from.
    pub base: Option<String>,
    /// Our value.
    pub ours: String,
    /// Their value.
    pub theirs: String,
}

/// One field of a record of type `R`.
pub trait Field<R>: Sync {
    /// Its name in the file, such as `owner` or `calendar.extra`.
    fn name(&self) -> &'static str;
    /// Merges the field of `ours` and `theirs` from `base` into `out` (a
    /// copy of ours): one side's change is taken, a set takes both sides'
    /// additions and removals; two different values are a clash and `out`
    /// keeps ours.
    fn merge(&self, base: &R, ours: &R, theirs: &R, out: &mut R) -> Option<Clash>;
    /// Whether the field differs between two versions of the record.
    fn differs(&self, a: &R, b: &R) -> bool;
    /// The field's value as RON text.
    fn text(&self, record: &R) -> String;
    /// Puts a value, given as RON text, into the field.
    fn set(&self, record: &mut R, text: &str) -> Result<(), String>;
}

/// A field that holds one value: a change on one side is taken whole.
pub struct Value<R, V> {
    name: &'static str,
    get: fn(&R) -> &V,
    get_mut: fn(&mut R) -> &mut V,
}

/// A list that merges as a set: what either side added is kept (ours
/// first, then theirs), what either side removed goes, the base's order
/// stays.
pub struct Set<R, E> {
    name: &'static str,
    get: fn(&R) -> &Vec<E>,
    get_mut: fn(&mut R) -> &mut Vec<E>,
}

/// The RON text of a value (docket's values always serialize).
pub fn ron_text<V: Serialize + ?Sized>(value: &V) -> String {
    ron::to_string(value).unwrap_or_else(|err| format!("(unwritable: {err})"))
}

/// A value read back from RON text.
pub fn from_ron<V: DeserializeOwned>(text: &str) -> Result<V, String> {
    ron::from_str(text).map_err(|err| format!("{text:?} does not read as this field: {err}"))
}

impl<R, V> Field<R> for Value<R, V>
where
    V: PartialEq + Clone + Serialize + DeserializeOwned + 'static,
    R: 'static,
{
    fn name(&self) -> &'static str {
        self.name
    }

    fn merge(&self, base: &R, ours: &R, theirs: &R, out: &mut R) -> Option<Clash> {
        let (b, o, t) = ((self.get)(base), (self.get)(ours), (self.get)(theirs));
        if o == t || b == t {
            None
        } else if b == o {
            t.clone_into((self.get_mut)(out));
            None
        } else {
            Some(Clash {
                base: Some(ron_text(b)),
                ours: ron_text(o),
                theirs: ron_text(t),
            })
        }
    }

    fn differs(&self, a: &R, b: &R) -> bool {
        (self.get)(a) != (self.get)(b)
    }

    fn text(&self, record: &R) -> String {
        ron_text((self.get)(record))
    }

    fn set(&self, record: &mut R, text: &str) -> Result<(), String> {
        *(self.get_mut)(record) = from_ron(text)?;
        Ok(())
    }
}

impl<R, E> Field<R> for Set<R, E>
where
    E: PartialEq + Clone + Serialize + DeserializeOwned + 'static,
    R: 'static,
{
    fn name(&self) -> &'static str {
        self.name
    }

    fn merge(&self, base: &R, ours: &R, theirs: &R, out: &mut R) -> Option<Clash> {
        let (b, o, t) = ((self.get)(base), (self.get)(ours), (self.get)(theirs));
        if o == t || b == t {
            return None;
        }
        *(self.get_mut)(out) = if b == o {
            t.clone()
        } else {
            merge_sets(b, o, t)
        };
        None
    }

    fn differs(&self, a: &R, b: &R) -> bool {
        (self.get)(a) != (self.get)(b)
    }

    fn text(&self, record: &R) -> String {
        ron_text((self.get)(record))
    }

    fn set(&self, record: &mut R, text: &str) -> Result<(), String> {
        *(self.get_mut)(record) = from_ron(text)?;
        Ok(())
    }
}

/// Three versions of a list merged as sets, in a stable order: what the
/// base had and both kept, then ours' additions, then theirs'.
pub fn merge_sets<E: PartialEq + Clone>(base: &[E], ours: &[E], theirs: &[E]) -> Vec<E> {
    let mut merged: Vec<E> = Vec::with_capacity(ours.len().max(theirs.len()));
    let kept = (base.iter()).filter(|e| ours.contains(e) && theirs.contains(e));
    let added =
        |side: &'_ [E]| -> Vec<E> { side.iter().filter(|e| !base.contains(e)).cloned().collect() };
    for element in kept.cloned().chain(added(ours)).chain(added(theirs)) {
        if !merged.contains(&element) {
            merged.push(element);
        }
    }
    merged
}

/// The fields of records of type `R`, made in a table.
pub struct Of<R>(std::marker::PhantomData<R>);

impl<R> Of<R> {
    /// A one-value field.
    const fn value<V>(
        name: &'static str,
        get: fn(&R) -> &V,
        get_mut: fn(&mut R) -> &mut V,
    ) -> Value<R, V> {
        Value { name, get, get_mut }
    }

    /// A set field.
    const fn set<E>(
        name: &'static str,
        get: fn(&R) -> &Vec<E>,
        get_mut: fn(&mut R) -> &mut Vec<E>,
    ) -> Set<R, E> {
        Set { name, get, get_mut }
    }
}

type OfCity = Of<City>;
type OfLetter = Of<Letter>;
type OfReply = Of<Reply>;
type OfExtension = Of<Extension>;
type OfClosing = Of<Closing>;
type OfSettings = Of<Settings>;

/// A city's fields (its id is its key).
pub static CITY: &[&dyn Field<City>] = &[
    &OfCity::value("name", |c| &c.name, |c| &mut c.name),
    &OfCity::value("state", |c| &c.state, |c| &mut c.state),
    &OfCity::value("notes", |c| &c.notes, |c| &mut c.notes),
    &OfCity::set("log", |c| &c.log, |c| &mut c.log),
];

/// A letter's fields (its id is its key; its replies, extensions and
/// closings are records of their own).
pub static LETTER: &[&dyn Field<Letter>] = &[
    &OfLetter::value("city", |l| &l.city, |l| &mut l.city),
    &OfLetter::value("from", |l| &l.from, |l| &mut l.from),
    &OfLetter::value("to", |l| &l.to, |l| &mut l.to),
    &OfLetter::value("subject", |l| &l.subject, |l| &mut l.subject),
    &OfLetter::value("program", |l| &l.program, |l| &mut l.program),
    &OfLetter::value("sent", |l| &l.sent, |l| &mut l.sent),
    &OfLetter::value("received", |l| &l.received, |l| &mut l.received),
    &OfLetter::value("due", |l| &l.due, |l| &mut l.due),
    &OfLetter::value("due_rule", |l| &l.due_rule, |l| &mut l.due_rule),
    &OfLetter::value("owner", |l| &l.owner, |l| &mut l.owner),
    &OfLetter::value("matter", |l| &l.matter, |l| &mut l.matter),
    &OfLetter::set("demands", |l| &l.demands, |l| &mut l.demands),
    &OfLetter::value("summary", |l| &l.summary, |l| &mut l.summary),
    &OfLetter::value("source", |l| &l.source, |l| &mut l.source),
    &OfLetter::set("tags", |l| &l.tags, |l| &mut l.tags),
    &OfLetter::value(
        "private_notes",
        |l| &l.private_notes,
        |l| &mut l.private_notes,
    ),
    &OfLetter::set("documents", |l| &l.documents, |l| &mut l.documents),
    &OfLetter::set("log", |l| &l.log, |l| &mut l.log),
    &OfLetter::set("retired_ids", |l| &l.retired_ids, |l| &mut l.retired_ids),
];

/// A reply's fields (its id is its key).
pub static REPLY: &[&dyn Field<Reply>] = &[
    &OfReply::value("on", |r| &r.on, |r| &mut r.on),
    &OfReply::value("from", |r| &r.from, |r| &mut r.from),
    &OfReply::value("kind", |r| &r.kind, |r| &mut r.kind),
    &OfReply::value("summary", |r| &r.summary, |r| &mut r.summary),
    &OfReply::value("source", |r| &r.source, |r| &mut r.source),
];

/// An extension's fields (its id is its key).
pub static EXTENSION: &[&dyn Field<Extension>] = &[
    &OfExtension::value("granted_on", |e| &e.granted_on, |e| &mut e.granted_on),
    &OfExtension::value("new_due", |e| &e.new_due, |e| &mut e.new_due),
    &OfExtension::value("note", |e| &e.note, |e| &mut e.note),
];

/// A closing's fields (its id is its key).
pub static CLOSING: &[&dyn Field<Closing>] = &[
    &OfClosing::value("on", |c| &c.on, |c| &mut c.on),
    &OfClosing::value("outcome", |c| &c.outcome, |c| &mut c.outcome),
    &OfClosing::value("reopened_on", |c| &c.reopened_on, |c| &mut c.reopened_on),
];

/// The settings' fields (one record, `settings`).
pub static SETTINGS: &[&dyn Field<Settings>] = &[
    &OfSettings::value(
        "due_soon_days",
        |s| &s.due_soon_days,
        |s| &mut s.due_soon_days,
    ),
    &OfSettings::set("reminders", |s| &s.reminders, |s| &mut s.reminders),
    &OfSettings::value("roll_forward", |s| &s.roll_forward, |s| &mut s.roll_forward),
    &OfSettings::value(
        "calendar.base",
        |s| &s.calendar.base,
        |s| &mut s.calendar.base,
    ),
    &OfSettings::set(
        "calendar.extra",
        |s| &s.calendar.extra,
        |s| &mut s.calendar.extra,
    ),
    &OfSettings::set(
        "calendar.removed",
        |s| &s.calendar.removed,
        |s| &mut s.calendar.removed,
    ),
];

/// The field of this name in a table.
pub fn find<R>(
    table: &'static [&'static dyn Field<R>],
    name: &str,
) -> Option<&'static dyn Field<R>> {
    table.iter().copied().find(|f| f.name() == name)
}

/// The names of a table's fields, for messages.
pub fn names<R>(table: &[&dyn Field<R>]) -> Vec<&'static str> {
    table.iter().map(|f| f.name()).collect()
}
