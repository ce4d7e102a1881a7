//! Resolving a conflict: the chosen side's value, read back from its RON
//! text, put into the record (or the record put back, or removed), and the
//! conflict gone.

use std::sync::Arc;

use super::fields::{self, Field, from_ron};
use super::records::{Entry, Record};
use crate::model::{City, Closing, Conflict, Docket, Extension, Letter, Put, Reply};

/// Which side of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Our value (the one the docket holds until resolved).
    Ours,
    /// Their value.
    Theirs,
}

/// Why a conflict could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// No conflict matches; the conflicts there are, as `record field`.
    #[error("{}", no_conflict(.record, .field.as_deref(), .known))]
    NoConflict {
        /// The record asked for.
        record: String,
        /// The field asked for, if one was.
        field: Option<String>,
        /// The conflicts there are.
        known: Vec<String>,
    },
    /// The record has several conflicts and no field was named.
    #[error("{record} has conflicts on several fields: {}; name one", .fields.join(", "))]
    Ambiguous {
        /// The record.
        record: String,
        /// Its conflicting fields.
        fields: Vec<String>,
    },
    /// The chosen value could not be put back.
    #[error("cannot resolve {record}: {message}")]
    Apply {
        /// The record.
        record: String,
        /// What went wrong.
        message: String,
    },
}

fn no_conflict(record: &str, field: Option<&str>, known: &[String]) -> String {
    let asked = match field {
        Some(field) => format!("{record} {field}"),
        None => record.to_owned(),
    };
    if known.is_empty() {
        format!("no conflict on {asked}: the docket has no conflicts")
    } else {
        format!(
            "no conflict on {asked}; the conflicts are: {}",
            known.join("; ")
        )
    }
}

/// How a conflict is named to people: its record, then its field (a whole
/// record's conflict has none).
pub fn describe(conflict: &Conflict) -> String {
    if conflict.field.is_empty() {
        format!("{} (the whole record)", conflict.record)
    } else {
        format!("{} {}", conflict.record, conflict.field)
    }
}

/// Whether a conflict is on this record, named in full (`reply L r2`) or
/// by its id alone (`L r2`).
fn names_record(conflict: &Conflict, record: &str) -> bool {
    let record = record.trim();
    conflict.record == record
        || (conflict.record.split_once(' ')).is_some_and(|(_, id)| id == record)
}

/// The index in `docket.conflicts` of the conflict on `record` and
/// `field`. The record may be named by its id alone; with no field (or an
/// empty one), the record's only conflict.
pub fn find(docket: &Docket, record: &str, field: Option<&str>) -> Result<usize, ResolveError> {
    let on_record: Vec<usize> = (0..docket.conflicts.len())
        .filter(|&at| names_record(&docket.conflicts[at], record))
        .collect();
    let field = field.filter(|f| !f.is_empty() && *f != "-");
    let chosen = match field {
        Some(field) => (on_record.iter().copied()).find(|&at| docket.conflicts[at].field == field),
        None if on_record.len() == 1 => on_record.first().copied(),
        None if on_record.len() > 1 => {
            return Err(ResolveError::Ambiguous {
                record: docket.conflicts[on_record[0]].record.clone(),
                fields: (on_record.iter())
                    .map(|&at| docket.conflicts[at].field.clone())
                    .collect(),
            });
        }
        None => None,
    };
    chosen.ok_or_else(|| ResolveError::NoConflict {
        record: record.to_owned(),
        field: field.map(str::to_owned),
        known: docket.conflicts.iter().map(describe).collect(),
    })
}

/// Resolves the conflict on `record` and `field` (see [`find`]) with the
/// value of `side`, and removes it; returns the conflict. On error the
/// docket is unchanged.
pub fn resolve(
    docket: &mut Docket,
    record: &str,
    field: Option<&str>,
    side: Side,
) -> Result<Conflict, ResolveError> {
    let at = find(docket, record, field)?;
    let conflict = docket.conflicts[at].clone();
    let value = match side {
        Side::Ours => conflict.ours.as_deref(),
        Side::Theirs => conflict.theirs.as_deref(),
    };
    let mut resolved = docket.clone();
    apply(&mut resolved, &conflict, value).map_err(|message| ResolveError::Apply {
        record: describe(&conflict),
        message,
    })?;
    resolved.conflicts.remove(at);
    *docket = resolved;
    Ok(conflict)
}

/// Puts `value` (RON text; `None`: the record does not exist) into the
/// conflict's record and field.
fn apply(docket: &mut Docket, conflict: &Conflict, value: Option<&str>) -> Result<(), String> {
    let (kind, id) = conflict
        .record
        .split_once(' ')
        .unwrap_or((&conflict.record, ""));
    let field = conflict.field.as_str();
    match kind {
        "settings" => set_field(fields::SETTINGS, &mut docket.settings, field, value),
        "city" if field.is_empty() => {
            let city = value.map(from_ron::<City>).transpose()?;
            docket.put(vec![Put::City(id.to_owned(), city)]);
            Ok(())
        }
        "city" => {
            let at = (docket.cities.iter().position(|c| c.id == id))
                .ok_or_else(|| format!("city {id} is not in the docket"))?;
            set_field(City::fields(), &mut docket.cities[at], field, value)
        }
        "letter" if field.is_empty() => {
            let letter = value.map(from_ron::<Letter>).transpose()?;
            docket.put(vec![Put::Letter(id.to_owned(), letter.map(Arc::new))]);
            Ok(())
        }
        "letter" => {
            let at = letter_at(docket, id)?;
            set_field(Letter::fields(), docket.letter_mut(at), field, value)
        }
        "reply" => apply_entry::<Reply>(docket, id, field, value),
        "extension" => apply_entry::<Extension>(docket, id, field, value),
        "closing" => apply_entry::<Closing>(docket, id, field, value),
        _ => Err(format!("{kind:?} is not a kind of record docket knows")),
    }
}

fn letter_at(docket: &Docket, id: &str) -> Result<usize, String> {
    (docket.letters.iter().position(|l| l.id == id))
        .ok_or_else(|| format!("letter {id} is not in the docket"))
}

/// A field of a record set from RON text.
fn set_field<R>(
    table: &[&dyn Field<R>],
    record: &mut R,
    name: &str,
    value: Option<&str>,
) -> Result<(), String> {
    let field = (table.iter()).find(|f| f.name() == name).ok_or_else(|| {
        format!(
            "no field {name:?} (fields: {})",
            fields::names(table).join(", ")
        )
    })?;
    let value = value.ok_or_else(|| format!("no value for {name}"))?;
    field.set(record, value)
}

/// A reply, extension or closing put back, removed, or one of its fields
/// set. `id` is `LETTER ENTRY` (the letter's id may hold spaces, the
/// entry's never does).
fn apply_entry<E: Entry>(
    docket: &mut Docket,
    id: &str,
    field: &str,
    value: Option<&str>,
) -> Result<(), String> {
    let (letter, entry) = id
        .rsplit_once(' ')
        .ok_or_else(|| format!("{:?} names no {} within a letter", id, E::KIND))?;
    let at = letter_at(docket, letter)?;
    let letter = docket.letter_mut(at);
    let position = E::of(letter).iter().position(|e| e.id() == entry);
    match (field.is_empty(), position, value) {
        (true, Some(at), Some(text)) => E::of_mut(letter)[at] = from_ron(text)?,
        (true, None, Some(text)) => E::of_mut(letter).push(from_ron(text)?),
        (true, Some(at), None) => {
            E::of_mut(letter).remove(at);
            if !letter.retired_ids.iter().any(|r| r == entry) {
                letter.retired_ids.push(entry.to_owned());
            }
        }
        (true, None, None) => {}
        (false, Some(at), value) => {
            set_field(E::fields(), &mut E::of_mut(letter)[at], field, value)?;
        }
        (false, None, _) => {
            return Err(format!(
                "{} {entry} is not in letter {}",
                E::KIND,
                letter.id
            ));
        }
    }
    Ok(())
}
