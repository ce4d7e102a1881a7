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

/// A conflict's resolution as puts: the record with the chosen value (or
/// put back, or removed) and the list of conflicts without it. Applied by
/// [`Docket::put`], which returns the puts that undo it (the interface's
/// undo keeps them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The conflict resolved.
    pub conflict: Conflict,
    /// What was done, for messages: `resolved letter a subject: kept theirs`.
    pub description: String,
    /// The puts that resolve it.
    pub puts: Vec<Put>,
}

/// The resolution of the conflict on `record` and `field` (see [`find`])
/// with the value of `side`.
pub fn resolution(
    docket: &Docket,
    record: &str,
    field: Option<&str>,
    side: Side,
) -> Result<Resolution, ResolveError> {
    let at = find(docket, record, field)?;
    let conflict = docket.conflicts[at].clone();
    let (value, kept) = match side {
        Side::Ours => (conflict.ours.as_deref(), "ours"),
        Side::Theirs => (conflict.theirs.as_deref(), "theirs"),
    };
    let put = record_put(docket, &conflict, value).map_err(|message| ResolveError::Apply {
        record: describe(&conflict),
        message,
    })?;
    let mut conflicts = docket.conflicts.clone();
    conflicts.remove(at);
    Ok(Resolution {
        description: format!("resolved {}: kept {kept}", describe(&conflict)),
        puts: vec![put, Put::Conflicts(conflicts)],
        conflict,
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
    let resolution = resolution(docket, record, field, side)?;
    docket.put(resolution.puts);
    Ok(resolution.conflict)
}

/// The put that gives the conflict's record and field `value` (RON text;
/// `None`: the record does not exist).
fn record_put(docket: &Docket, conflict: &Conflict, value: Option<&str>) -> Result<Put, String> {
    let (kind, id) = conflict
        .record
        .split_once(' ')
        .unwrap_or((&conflict.record, ""));
    let field = conflict.field.as_str();
    let letter = |id: &str| {
        (docket.letter(id).cloned()).ok_or_else(|| format!("letter {id} is not in the docket"))
    };
    let put_letter = |letter: Letter| Put::Letter(letter.id.clone(), Some(Arc::new(letter)));
    match kind {
        "settings" => {
            let mut settings = docket.settings.clone();
            set_field(fields::SETTINGS, &mut settings, field, value)?;
            Ok(Put::Settings(Box::new(settings)))
        }
        "city" if field.is_empty() => {
            let city = value.map(from_ron::<City>).transpose()?;
            Ok(Put::City(id.to_owned(), city))
        }
        "city" => {
            let mut city = (docket.city(id).cloned())
                .ok_or_else(|| format!("city {id} is not in the docket"))?;
            set_field(City::fields(), &mut city, field, value)?;
            Ok(Put::City(id.to_owned(), Some(city)))
        }
        "letter" if field.is_empty() => {
            let letter = value.map(from_ron::<Letter>).transpose()?;
            Ok(Put::Letter(id.to_owned(), letter.map(Arc::new)))
        }
        "letter" => {
            let mut letter = letter(id)?;
            set_field(Letter::fields(), &mut letter, field, value)?;
            Ok(put_letter(letter))
        }
        "reply" | "extension" | "closing" => {
            let (letter_id, entry) = id
                .rsplit_once(' ')
                .ok_or_else(|| format!("{id:?} names no {kind} within a letter"))?;
            let mut letter = letter(letter_id)?;
            match kind {
                "reply" => apply_entry::<Reply>(&mut letter, entry, field, value)?,
                "extension" => apply_entry::<Extension>(&mut letter, entry, field, value)?,
                _ => apply_entry::<Closing>(&mut letter, entry, field, value)?,
            }
            Ok(put_letter(letter))
        }
        _ => Err(format!("{kind:?} is not a kind of record docket knows")),
    }
}

/// A field of a record set from RON text.
fn set_field<R>(
    table: &'static [&'static dyn Field<R>],
    record: &mut R,
    name: &str,
    value: Option<&str>,
) -> Result<(), String> {
    let field = fields::find(table, name).ok_or_else(|| {
        format!(
            "no field {name:?} (fields: {})",
            fields::names(table).join(", ")
        )
    })?;
    let value = value.ok_or_else(|| format!("no value for {name}"))?;
    field.set(record, value)
}

/// A reply, extension or closing of `letter` put back, removed, or one of
/// its fields set.
fn apply_entry<E: Entry>(
    letter: &mut Letter,
    entry: &str,
    field: &str,
    value: Option<&str>,
) -> Result<(), String> {
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
