//! Records matched by id across the three versions, and what becomes of
//! each: kept, dropped, merged field by field, or a conflict.

use std::cmp::Ordering;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::fields::{self, Field};
use crate::model::{City, Closing, Conflict, Extension, Letter, Reply};

/// What becomes of a record, given its three versions.
#[derive(Debug, PartialEq)]
pub enum Outcome<'a, T> {
    /// This version is the merged record (one side's change, or no change).
    Keep(&'a T),
    /// The record is gone (deleted on one side, unchanged on the other).
    Drop,
    /// Both sides changed it, differently: merge field by field.
    BothChanged {
        /// The version both started from.
        base: &'a T,
        /// Ours.
        ours: &'a T,
        /// Theirs.
        theirs: &'a T,
    },
    /// Both sides added a record with this id, different.
    BothAdded {
        /// Ours.
        ours: &'a T,
        /// Theirs.
        theirs: &'a T,
    },
    /// One side deleted it, the other edited it: the edited version is
    /// the one present.
    DeletedAndEdited {
        /// The version both started from.
        base: &'a T,
        /// Ours, unless we deleted it.
        ours: Option<&'a T>,
        /// Theirs, unless they deleted it.
        theirs: Option<&'a T>,
    },
}

impl<T> Clone for Outcome<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Outcome<'_, T> {}

/// What becomes of a record, given its version in the base, ours and
/// theirs (`None` where it does not exist).
pub fn decide<'a, T: PartialEq>(
    base: Option<&'a T>,
    ours: Option<&'a T>,
    theirs: Option<&'a T>,
) -> Outcome<'a, T> {
    match (base, ours, theirs) {
        (_, None, None) => Outcome::Drop,
        (_, Some(o), Some(t)) if o == t => Outcome::Keep(o),
        (Some(b), Some(o), Some(t)) if b == o => Outcome::Keep(t),
        (Some(b), Some(o), Some(t)) if b == t => Outcome::Keep(o),
        (Some(base), Some(ours), Some(theirs)) => Outcome::BothChanged { base, ours, theirs },
        (None, Some(ours), Some(theirs)) => Outcome::BothAdded { ours, theirs },
        (Some(b), Some(x), None) | (Some(b), None, Some(x)) if b == x => Outcome::Drop,
        (Some(base), ours, theirs @ None) | (Some(base), ours @ None, theirs) => {
            Outcome::DeletedAndEdited { base, ours, theirs }
        }
        (None, Some(x), None) | (None, None, Some(x)) => Outcome::Keep(x),
    }
}

/// The three versions of each record, matched by id, in id order. Input
/// already sorted by id (as the file keeps cities and letters) is matched
/// in one pass.
pub fn align<T>(versions: [&[T]; 3], key: fn(&T) -> &str) -> Vec<[Option<&T>; 3]> {
    let sorted = versions.map(|records| {
        let mut refs: Vec<&T> = records.iter().collect();
        if !refs.is_sorted_by(|a, b| key(a) <= key(b)) {
            refs.sort_by(|a, b| key(a).cmp(key(b)));
        }
        refs
    });
    let mut at = [0_usize; 3];
    let mut rows = Vec::with_capacity(sorted.iter().map(Vec::len).max().unwrap_or(0));
    loop {
        let next = (0..3)
            .filter_map(|side| sorted[side].get(at[side]).copied())
            .min_by(|a, b| key(a).cmp(key(b)));
        let Some(next) = next else { break };
        let row = [0, 1, 2].map(|side| {
            let record = sorted[side].get(at[side]).copied()?;
            (key(record).cmp(key(next)) == Ordering::Equal).then(|| {
                at[side] += 1;
                record
            })
        });
        rows.push(row);
    }
    rows
}

/// A kind of record the merge matches by id: its name in a conflict, its
/// fields, and how its RON text reads.
pub trait Record: Clone + PartialEq + Serialize + DeserializeOwned + 'static {
    /// `city`, `letter`, `reply`, `extension`, `closing`.
    const KIND: &'static str;
    /// Its id.
    fn id(&self) -> &str;
    /// Its fields.
    fn fields() -> &'static [&'static dyn Field<Self>];
    /// Merges the records within it (a letter's entries) into `merged`,
    /// once its fields are merged.
    fn merge_within(_found: &mut Vec<Conflict>, _versions: [&Self; 3], _merged: &mut Self) {}
}

/// A reply, extension or closing: a record within a letter.
pub trait Entry: Record {
    /// The first letter of its ids: `r`, `x`, `c`.
    const PREFIX: char;
    /// Its id, to renumber it.
    fn id_mut(&mut self) -> &mut String;
    /// The letter's records of this kind.
    fn of(letter: &Letter) -> &Vec<Self>;
    /// The letter's records of this kind, to change.
    fn of_mut(letter: &mut Letter) -> &mut Vec<Self>;
}

impl Record for City {
    const KIND: &'static str = "city";
    fn id(&self) -> &str {
        &self.id
    }
    fn fields() -> &'static [&'static dyn Field<Self>] {
        fields::CITY
    }
}

impl Record for Letter {
    const KIND: &'static str = "letter";
    fn id(&self) -> &str {
        &self.id
    }
    fn fields() -> &'static [&'static dyn Field<Self>] {
        fields::LETTER
    }
    fn merge_within(found: &mut Vec<Conflict>, versions: [&Self; 3], merged: &mut Self) {
        super::merge_entries_of(found, versions, merged);
    }
}

impl Record for Reply {
    const KIND: &'static str = "reply";
    fn id(&self) -> &str {
        &self.id
    }
    fn fields() -> &'static [&'static dyn Field<Self>] {
        fields::REPLY
    }
}

impl Entry for Reply {
    const PREFIX: char = 'r';
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn of(letter: &Letter) -> &Vec<Self> {
        &letter.replies
    }
    fn of_mut(letter: &mut Letter) -> &mut Vec<Self> {
        &mut letter.replies
    }
}

impl Record for Extension {
    const KIND: &'static str = "extension";
    fn id(&self) -> &str {
        &self.id
    }
    fn fields() -> &'static [&'static dyn Field<Self>] {
        fields::EXTENSION
    }
}

impl Entry for Extension {
    const PREFIX: char = 'x';
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn of(letter: &Letter) -> &Vec<Self> {
        &letter.extensions
    }
    fn of_mut(letter: &mut Letter) -> &mut Vec<Self> {
        &mut letter.extensions
    }
}

impl Record for Closing {
    const KIND: &'static str = "closing";
    fn id(&self) -> &str {
        &self.id
    }
    fn fields() -> &'static [&'static dyn Field<Self>] {
        fields::CLOSING
    }
}

impl Entry for Closing {
    const PREFIX: char = 'c';
    fn id_mut(&mut self) -> &mut String {
        &mut self.id
    }
    fn of(letter: &Letter) -> &Vec<Self> {
        &letter.closings
    }
    fn of_mut(letter: &mut Letter) -> &mut Vec<Self> {
        &mut letter.closings
    }
}

/// A letter shared in a docket: its id, for [`align`].
pub fn letter_id(letter: &Arc<Letter>) -> &str {
    &letter.id
}

/// A city's id, for [`align`].
pub fn city_id(city: &City) -> &str {
    &city.id
}
