//! What changed between two versions of a docket, record by record, with
//! the merge's matching by id: for commit messages and for saying what
//! arrived.

use std::fmt;

use super::fields::Field;
use super::records::{Entry, Record, align, city_id, letter_id};
use crate::model::{Closing, Docket, Extension, Letter, Reply};

/// One record that changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    /// The record: `letter baltimore-2017-08-03`, `reply baltimore-2017-08-03 r2`.
    pub record: String,
    /// What happened to it.
    pub what: What,
}

/// What happened to a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// It is new.
    Added,
    /// It is gone.
    Removed,
    /// These fields changed.
    Fields(Vec<&'static str>),
    /// A conflict on it was recorded (the field, or empty for the whole
    /// record).
    Conflict(String),
    /// A conflict on it was resolved.
    Resolved(String),
}

impl fmt::Display for Changed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.what {
            What::Added => write!(f, "{} added", self.record),
            What::Removed => write!(f, "{} removed", self.record),
            What::Fields(fields) => write!(f, "{}: {} changed", self.record, fields.join(", ")),
            What::Conflict(field) if field.is_empty() => write!(f, "{}: in conflict", self.record),
            What::Conflict(field) => write!(f, "{}: {field} in conflict", self.record),
            What::Resolved(field) if field.is_empty() => {
                write!(f, "{}: conflict resolved", self.record)
            }
            What::Resolved(field) => write!(f, "{}: {field} conflict resolved", self.record),
        }
    }
}

/// Every record that differs from `before` to `after`, cities first, then
/// letters each followed by their entries, then the settings and the
/// conflicts recorded and resolved.
pub fn changes(before: &Docket, after: &Docket) -> Vec<Changed> {
    let mut changes = Vec::new();
    for [a, b, _] in align([&before.cities, &after.cities, &[]], city_id) {
        compare(&mut changes, &|id| format!("city {id}"), a, b);
    }
    for [a, b, _] in align([&before.letters, &after.letters, &[]], letter_id) {
        if a == b {
            continue;
        }
        let (a, b) = (a.map(|l| &**l), b.map(|l| &**l));
        compare(&mut changes, &|id| format!("letter {id}"), a, b);
        if let (Some(a), Some(b)) = (a, b) {
            entries::<Reply>(&mut changes, a, b);
            entries::<Extension>(&mut changes, a, b);
            entries::<Closing>(&mut changes, a, b);
        }
    }
    let settings = changed_fields(super::fields::SETTINGS, &before.settings, &after.settings);
    if !settings.is_empty() {
        changes.push(Changed {
            record: "settings".to_owned(),
            what: What::Fields(settings),
        });
    }
    for conflict in &after.conflicts {
        if !before.conflicts.contains(conflict) {
            changes.push(Changed {
                record: conflict.record.clone(),
                what: What::Conflict(conflict.field.clone()),
            });
        }
    }
    for conflict in &before.conflicts {
        if !after.conflicts.contains(conflict) {
            changes.push(Changed {
                record: conflict.record.clone(),
                what: What::Resolved(conflict.field.clone()),
            });
        }
    }
    changes
}

/// A record's change, if it changed: added, removed, or which fields.
fn compare<R: Record>(
    changes: &mut Vec<Changed>,
    name: &dyn Fn(&str) -> String,
    before: Option<&R>,
    after: Option<&R>,
) {
    let (record, what) = match (before, after) {
        (None, Some(b)) => (name(b.id()), What::Added),
        (Some(a), None) => (name(a.id()), What::Removed),
        (Some(a), Some(b)) => {
            let mut fields = changed_fields(R::fields(), a, b);
            // The log records the changes; it is not one of them.
            fields.retain(|f| *f != "log");
            if fields.is_empty() {
                return;
            }
            (name(a.id()), What::Fields(fields))
        }
        (None, None) => return,
    };
    changes.push(Changed { record, what });
}

/// The names of the fields that differ.
fn changed_fields<R>(table: &[&dyn Field<R>], a: &R, b: &R) -> Vec<&'static str> {
    (table.iter())
        .filter(|f| f.differs(a, b))
        .map(|f| f.name())
        .collect()
}

/// The entries of one kind that changed within a letter.
fn entries<E: Entry>(changes: &mut Vec<Changed>, before: &Letter, after: &Letter) {
    let name = |id: &str| format!("{} {} {id}", E::KIND, after.id);
    for [a, b, _] in align([E::of(before), E::of(after), &[]], E::id) {
        compare(changes, &name, a, b);
    }
}
