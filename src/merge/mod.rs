//! The three-way merge of two versions of a docket edited apart from a
//! common base, record by record and field by field. Pure: no file, no git.
//!
//! Records are matched by id: cities, letters, and within a letter its
//! replies, extensions and closings. A change on one side is taken; records
//! added on either side are kept; a record deleted on one side and
//! unchanged on the other goes. Lists that are sets (`demands`, `tags`,
//! `log`, `documents`, `retired_ids`, the calendar's days) take both sides'
//! additions and removals. Entries added on both sides under the same id
//! (two people each recording reply `r2`) are both kept: theirs gets the
//! next free id. What cannot be merged is a [`Conflict`]: the merged docket
//! keeps our value (or no record, when we deleted it) and the conflict
//! keeps both values as RON text, so nothing is dropped.

mod diff;
pub mod fields;
mod records;
mod resolve;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::sync::Arc;

pub use self::diff::{Changed, What, changes};
use self::fields::{Field, ron_text};
pub use self::records::{Entry, Outcome, Record, align, decide};
use self::records::{city_id, letter_id};
pub use self::resolve::{Resolution, ResolveError, Side, describe, find, resolution, resolve};
use crate::model::{City, Closing, Conflict, Docket, Extension, Letter, Reply, Settings};

/// The outcome of a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// The merged docket; its `conflicts` hold the new conflicts and those
    /// already in ours or theirs, each once.
    pub docket: Docket,
    /// The conflicts this merge found.
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    /// Whether the merge found no conflict.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }
}

/// Merges `ours` and `theirs`, two versions edited apart from `base`.
pub fn merge(base: &Docket, ours: &Docket, theirs: &Docket) -> Merged {
    let mut found = Vec::new();
    let cities = merge_cities(&mut found, base, ours, theirs);
    let (letters, both_changed) = merge_letters(&mut found, base, ours, theirs);
    let settings = if ours.settings == theirs.settings || base.settings == theirs.settings {
        ours.settings.clone()
    } else if base.settings == ours.settings {
        theirs.settings.clone()
    } else {
        merge_fields::<Settings>(
            &mut found,
            "settings",
            fields::SETTINGS,
            [&base.settings, &ours.settings, &theirs.settings],
        )
    };
    let mut docket = Docket {
        version: Docket::VERSION,
        cities,
        letters,
        retired_ids: merge_list(&base.retired_ids, &ours.retired_ids, &theirs.retired_ids),
        settings,
        conflicts: Vec::new(),
    };
    keep_cities_in_use(&mut found, &mut docket, [base, ours, theirs]);
    keep_letters_valid(&mut found, &mut docket, &both_changed, [base, ours, theirs]);
    docket.conflicts = merge_list(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    for conflict in &found {
        if !docket.conflicts.contains(conflict) {
            docket.conflicts.push(conflict.clone());
        }
    }
    Merged {
        docket,
        conflicts: found,
    }
}

/// A list merged as a set, unless one side left it alone (then the other
/// side's list is taken as it is, order and all).
fn merge_list<E: PartialEq + Clone>(base: &[E], ours: &[E], theirs: &[E]) -> Vec<E> {
    if ours == theirs || base == theirs {
        ours.to_vec()
    } else if base == ours {
        theirs.to_vec()
    } else {
        fields::merge_sets(base, ours, theirs)
    }
}

fn merge_cities(
    found: &mut Vec<Conflict>,
    base: &Docket,
    ours: &Docket,
    theirs: &Docket,
) -> Vec<City> {
    let rows = align([&base.cities, &ours.cities, &theirs.cities], city_id);
    rows.into_iter()
        .filter_map(|[b, o, t]| settle(found, &record_name::<City>, decide(b, o, t)))
        .collect()
}

/// The letters merged, in id order, and the ids of those both sides
/// changed (merged field by field).
fn merge_letters(
    found: &mut Vec<Conflict>,
    base: &Docket,
    ours: &Docket,
    theirs: &Docket,
) -> (Vec<Arc<Letter>>, Vec<String>) {
    let rows = align([&base.letters, &ours.letters, &theirs.letters], letter_id);
    let mut both_changed = Vec::new();
    let mut letters = Vec::with_capacity(rows.len());
    for [b, o, t] in rows {
        let outcome = decide(b, o, t);
        let merged = match outcome {
            // Unchanged letters stay shared with the side they came from.
            Outcome::Keep(letter) => Some(Arc::clone(letter)),
            outcome => {
                if let Outcome::BothChanged { ours, .. } = outcome {
                    both_changed.push(ours.id.clone());
                }
                settle(found, &record_name::<Letter>, outcome.map(|l| &**l)).map(Arc::new)
            }
        };
        letters.extend(merged);
    }
    (letters, both_changed)
}

/// A city or letter's name in a conflict: `letter baltimore-2017-08-03`.
fn record_name<R: Record>(id: &str) -> String {
    format!("{} {id}", R::KIND)
}

/// The merged record for an outcome, recording the conflicts it holds.
fn settle<R: Record>(
    found: &mut Vec<Conflict>,
    name: &dyn Fn(&str) -> String,
    outcome: Outcome<'_, R>,
) -> Option<R> {
    match outcome {
        Outcome::Keep(record) => Some(record.clone()),
        Outcome::Drop => None,
        Outcome::BothChanged { base, ours, theirs } => {
            let name = name(ours.id());
            let mut merged = merge_fields(found, &name, R::fields(), [base, ours, theirs]);
            R::merge_within(found, [base, ours, theirs], &mut merged);
            Some(merged)
        }
        Outcome::BothAdded { ours, theirs } => {
            found.push(whole(name(ours.id()), None, Some(ours), Some(theirs)));
            Some(ours.clone())
        }
        Outcome::DeletedAndEdited { base, ours, theirs } => {
            found.push(whole(name(base.id()), Some(base), ours, theirs));
            ours.cloned()
        }
    }
}

/// A conflict on a whole record (one side deleted it, or both added it).
fn whole<R: Record>(
    record: String,
    base: Option<&R>,
    ours: Option<&R>,
    theirs: Option<&R>,
) -> Conflict {
    Conflict {
        record,
        field: String::new(),
        base: base.map(ron_text),
        ours: ours.map(ron_text),
        theirs: theirs.map(ron_text),
    }
}

/// A record both sides changed, merged field by field from a copy of ours.
fn merge_fields<R: Clone>(
    found: &mut Vec<Conflict>,
    record: &str,
    table: &[&dyn Field<R>],
    [base, ours, theirs]: [&R; 3],
) -> R {
    let mut merged = ours.clone();
    for field in table {
        if let Some(clash) = field.merge(base, ours, theirs, &mut merged) {
            found.push(Conflict {
                record: record.to_owned(),
                field: field.name().to_owned(),
                base: clash.base,
                ours: Some(clash.ours),
                theirs: Some(clash.theirs),
            });
        }
    }
    merged
}

/// A letter both sides changed: its replies, extensions and closings
/// merged by id into `merged` (whose own fields, `retired_ids` among them,
/// are merged already).
fn merge_entries_of(found: &mut Vec<Conflict>, versions: [&Letter; 3], merged: &mut Letter) {
    merge_entries::<Reply>(found, versions, merged);
    merge_entries::<Extension>(found, versions, merged);
    merge_entries::<Closing>(found, versions, merged);
}

/// One kind of entry of a letter both sides changed, merged by id: ours in
/// their order, then theirs' additions. An entry added on one side under
/// an id the other side also used (for another entry, or for one it
/// deleted since) gets the next free id, so both are kept.
fn merge_entries<E: Entry>(
    found: &mut Vec<Conflict>,
    [b, o, t]: [&Letter; 3],
    merged: &mut Letter,
) {
    let (base, ours, theirs) = (E::of(b), E::of(o), E::of(t));
    let find = |list: &'_ [E], id: &str| list.iter().position(|e| e.id() == id);
    let name = |id: &str| format!("{} {} {id}", E::KIND, merged.id);
    let mut entries = Vec::with_capacity(ours.len().max(theirs.len()));
    let mut renumber = Vec::new();
    for entry in ours {
        let id = entry.id();
        let (in_base, in_theirs) = (find(base, id), find(theirs, id));
        if in_base.is_none() && in_theirs.is_none() && t.retired_ids.iter().any(|r| r == id) {
            renumber.push(entries.len());
            entries.push(entry.clone());
            continue;
        }
        let outcome = decide(
            in_base.map(|i| &base[i]),
            Some(entry),
            in_theirs.map(|i| &theirs[i]),
        );
        if let Outcome::BothAdded { ours, .. } = outcome {
            // Theirs is kept too, under a new id, below.
            entries.push(ours.clone());
        } else {
            entries.extend(settle(found, &name, outcome));
        }
    }
    for entry in theirs {
        let id = entry.id();
        let (in_base, in_ours) = (find(base, id), find(ours, id));
        match (in_base, in_ours) {
            (Some(_), Some(_)) => {}
            (None, Some(at)) if ours[at] == *entry => {}
            (None, Some(_)) => {
                renumber.push(entries.len());
                entries.push(entry.clone());
            }
            (None, None) if o.retired_ids.iter().any(|r| r == id) => {
                renumber.push(entries.len());
                entries.push(entry.clone());
            }
            (in_base, None) => {
                let outcome = decide(in_base.map(|i| &base[i]), None, Some(entry));
                entries.extend(settle(found, &name, outcome));
            }
        }
    }
    *E::of_mut(merged) = entries;
    for at in renumber {
        let id = merged.next_entry_id(E::PREFIX);
        *E::of_mut(merged)[at].id_mut() = id;
    }
}

/// A city still named by a merged letter is kept, however one side
/// deleted it: the letter would otherwise name a missing city. The
/// deletion is recorded as a conflict on the city.
fn keep_cities_in_use(
    found: &mut Vec<Conflict>,
    docket: &mut Docket,
    [base, ours, theirs]: [&Docket; 3],
) {
    let present: HashSet<&str> = docket.cities.iter().map(|c| c.id.as_str()).collect();
    let mut missing: Vec<String> = (docket.letters.iter())
        .filter(|l| !present.contains(l.city.as_str()))
        .map(|l| l.city.clone())
        .collect();
    if missing.is_empty() {
        return;
    }
    missing.sort();
    missing.dedup();
    for id in missing {
        let (b, o, t) = (base.city(&id), ours.city(&id), theirs.city(&id));
        let Some(city) = o.or(t).or(b) else { continue };
        docket.cities.push(city.clone());
        let conflict = whole(record_name::<City>(&id), b, o, t);
        if !found.contains(&conflict) {
            found.push(conflict);
        }
    }
    docket.cities.sort_by(|a, b| a.id.cmp(&b.id));
}

/// A letter merged field by field that breaks a rule of the docket (both
/// sides' dates together put a due date before the sending, say) is put
/// back to ours, and the whole letter is recorded as a conflict, theirs
/// kept in full. Only letters both sides changed (`merged`) can break so.
fn keep_letters_valid(
    found: &mut Vec<Conflict>,
    docket: &mut Docket,
    merged: &[String],
    [base, ours, theirs]: [&Docket; 3],
) {
    for id in merged {
        let Ok(at) = (docket.letters).binary_search_by(|l| l.id.as_str().cmp(id)) else {
            continue;
        };
        let (Some(o), Some(t)) = (ours.letter(id), theirs.letter(id)) else {
            continue;
        };
        if !breaks_rules(&docket.letters[at]) || breaks_rules(o) {
            continue;
        }
        found.retain(|c| !concerns_letter(&c.record, id));
        found.push(whole(
            record_name::<Letter>(id),
            base.letter(id),
            Some(o),
            Some(t),
        ));
        docket.letters[at] = Arc::new(o.clone());
    }
}

/// Whether a letter breaks a rule of its own (its dates, its entry ids),
/// checked in a docket of its own with its city.
fn breaks_rules(letter: &Letter) -> bool {
    let mut alone = Docket::new();
    alone.cities.push(City {
        id: letter.city.clone(),
        name: String::new(),
        state: String::new(),
        notes: String::new(),
        log: Vec::new(),
    });
    alone.letters.push(Arc::new(letter.clone()));
    !alone.problems().is_empty()
}

/// Whether a conflict's record is this letter (`letter ID`) or one of
/// its entries (`reply ID r2`; a letter's id may hold spaces, an entry's
/// never does).
fn concerns_letter(record: &str, id: &str) -> bool {
    match record.split_once(' ') {
        Some(("letter", rest)) => rest == id,
        Some(("reply" | "extension" | "closing", rest)) => rest
            .rsplit_once(' ')
            .is_some_and(|(letter, _)| letter == id),
        _ => false,
    }
}

impl<'a, T> Outcome<'a, T> {
    /// The same outcome over a part of each version (a letter out of its
    /// `Arc`).
    pub fn map<U>(self, part: impl Fn(&'a T) -> &'a U) -> Outcome<'a, U> {
        match self {
            Outcome::Keep(x) => Outcome::Keep(part(x)),
            Outcome::Drop => Outcome::Drop,
            Outcome::BothChanged { base, ours, theirs } => Outcome::BothChanged {
                base: part(base),
                ours: part(ours),
                theirs: part(theirs),
            },
            Outcome::BothAdded { ours, theirs } => Outcome::BothAdded {
                ours: part(ours),
                theirs: part(theirs),
            },
            Outcome::DeletedAndEdited { base, ours, theirs } => Outcome::DeletedAndEdited {
                base: part(base),
                ours: ours.map(&part),
                theirs: theirs.map(&part),
            },
        }
    }
}
