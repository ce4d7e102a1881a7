//! Many changes at once, for an import: the same rules as one change, with
//! ids looked up in hash maps and the records sorted once at the end.

use std::collections::{HashMap, HashSet};

use super::{Applied, Change, Invalid, Put, Records, log, plan};
use crate::model::{City, Docket, Letter, Settings, Stamp};

/// Many changes checked and applied one after the other exactly as
/// [`Docket::apply`] checks and applies each, for an import of many records:
/// the batch looks ids up in hash maps and appends the records it adds,
/// sorting them once in [`Batch::finish`], so that n changes take
/// O(n log n) time where n calls to `apply` take O(n²).
#[derive(Debug, Clone)]
pub struct Batch {
    /// The records, those added at the end; removed ones still hold a slot.
    docket: Docket,
    /// Where each city is in `docket.cities`.
    cities: HashMap<String, usize>,
    /// Where each letter is in `docket.letters`.
    letters: HashMap<String, usize>,
    /// The retired letter ids.
    retired: HashSet<String>,
    /// How many cities and letters the docket had before the batch.
    before: (usize, usize),
    /// The slots of removed cities and letters.
    removed: (HashSet<usize>, HashSet<usize>),
    /// What every change is logged with, if anything.
    stamp: Option<Stamp>,
}

impl Batch {
    /// A batch of changes to `docket`.
    pub fn new(docket: Docket) -> Self {
        let index = |ids: Vec<&String>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(at, id)| (id.clone(), at))
                .collect()
        };
        Batch {
            cities: index(docket.cities.iter().map(|c| &c.id).collect()),
            letters: index(docket.letters.iter().map(|l| &l.id).collect()),
            retired: docket.retired_ids.iter().cloned().collect(),
            before: (docket.cities.len(), docket.letters.len()),
            removed: Default::default(),
            stamp: None,
            docket,
        }
    }

    /// The same batch, logging every change it applies with `stamp` (as
    /// [`Docket::apply_by`] does); an import's says `imported from FILE`.
    #[must_use]
    pub fn stamped(mut self, stamp: Stamp) -> Self {
        self.stamp = Some(stamp);
        self
    }

    /// Checks and applies a change as [`Docket::apply`] does; on error
    /// nothing changed.
    pub fn apply(&mut self, change: Change) -> Result<Applied, Invalid> {
        let sketch = self.stamp.is_some().then(|| log::Sketch::of(&change));
        let (description, id, mut puts) = plan(self, change)?;
        if let (Some(sketch), Some(stamp)) = (sketch, &self.stamp) {
            log::stamp_puts(self, sketch, &id, &mut puts, stamp);
        }
        let mut undo: Vec<Put> = puts.into_iter().map(|put| self.put(put)).collect();
        undo.reverse();
        Ok(Applied {
            description,
            id,
            undo,
        })
    }

    /// The city with this id, if the docket had it before the batch.
    pub fn city_before(&self, id: &str) -> Option<&City> {
        let at = *self.cities.get(id)?;
        (at < self.before.0).then(|| &self.docket.cities[at])
    }

    /// The letter with this id, if the docket had it before the batch.
    pub fn letter_before(&self, id: &str) -> Option<&Letter> {
        let at = *self.letters.get(id)?;
        (at < self.before.1).then(|| &*self.docket.letters[at])
    }

    /// The city with this id.
    pub fn city(&self, id: &str) -> Option<&City> {
        Records::city(self, id)
    }

    /// The letter with this id.
    pub fn letter(&self, id: &str) -> Option<&Letter> {
        Records::letter(self, id)
    }

    /// Whether this letter id belonged to a deleted letter.
    pub fn is_retired(&self, id: &str) -> bool {
        Records::is_retired(self, id)
    }

    /// Retires a letter id that no letter has, so that no letter gets it.
    pub fn retire(&mut self, id: &str) {
        if self.letters.contains_key(id) {
            return;
        }
        if self.retired.insert(id.to_owned()) {
            self.docket.retired_ids.push(id.to_owned());
        }
    }

    /// The docket with every change applied, in its stable order.
    pub fn finish(self) -> Docket {
        let Batch {
            mut docket,
            removed: (cities, letters),
            ..
        } = self;
        drop_slots(&mut docket.cities, &cities);
        drop_slots(&mut docket.letters, &letters);
        docket.cities.sort_by(|a, b| a.id.cmp(&b.id));
        docket.letters.sort_by(|a, b| a.id.cmp(&b.id));
        docket.retired_ids.sort();
        docket
    }

    /// Puts one record, as [`Docket::put`]; returns the put that undoes it.
    fn put(&mut self, put: Put) -> Put {
        match put {
            Put::City(id, value) => {
                let slots = (&mut self.cities, &mut self.removed.0);
                let before = put_slot(&mut self.docket.cities, slots, &id, value);
                Put::City(id, before)
            }
            Put::Letter(id, value) => {
                if value.is_none() && self.retired.insert(id.clone()) {
                    self.docket.retired_ids.push(id.clone());
                }
                let slots = (&mut self.letters, &mut self.removed.1);
                let before = put_slot(&mut self.docket.letters, slots, &id, value);
                Put::Letter(id, before)
            }
            Put::Settings(settings) => Put::Settings(Box::new(std::mem::replace(
                &mut self.docket.settings,
                *settings,
            ))),
            Put::Conflicts(conflicts) => {
                Put::Conflicts(std::mem::replace(&mut self.docket.conflicts, conflicts))
            }
        }
    }
}

impl Records for Batch {
    fn city(&self, id: &str) -> Option<&City> {
        self.cities.get(id).map(|at| &self.docket.cities[*at])
    }

    fn letter(&self, id: &str) -> Option<&Letter> {
        self.letters.get(id).map(|at| &*self.docket.letters[*at])
    }

    fn is_retired(&self, id: &str) -> bool {
        self.retired.contains(id)
    }

    fn letters_of(&self, city: &str) -> Vec<&Letter> {
        (self.docket.letters.iter().enumerate())
            .filter(|(at, l)| l.city == city && self.letters.get(&l.id) == Some(at))
            .map(|(_, l)| &**l)
            .collect()
    }

    fn letters_with_rules(&self) -> Vec<&Letter> {
        (self.docket.letters.iter().enumerate())
            .filter(|(at, l)| l.due_rule.is_some() && self.letters.get(&l.id) == Some(at))
            .map(|(_, l)| &**l)
            .collect()
    }

    fn settings(&self) -> &Settings {
        &self.docket.settings
    }

    fn has_matter(&self, matter: &str) -> bool {
        (self.docket.letters.iter().enumerate()).any(|(at, l)| {
            l.matter.as_deref() == Some(matter) && self.letters.get(&l.id) == Some(&at)
        })
    }
}

/// Replaces, adds (at the end) or removes (leaving its slot, marked) the
/// record with this id; returns the record it replaced.
fn put_slot<T: Clone>(
    records: &mut Vec<T>,
    (index, removed): (&mut HashMap<String, usize>, &mut HashSet<usize>),
    id: &str,
    value: Option<T>,
) -> Option<T> {
    match (index.get(id).copied(), value) {
        (Some(at), Some(value)) => Some(std::mem::replace(&mut records[at], value)),
        (Some(at), None) => {
            index.remove(id);
            removed.insert(at);
            Some(records[at].clone())
        }
        (None, Some(value)) => {
            index.insert(id.to_owned(), records.len());
            records.push(value);
            None
        }
        (None, None) => None,
    }
}

/// Drops the records in the slots marked removed.
fn drop_slots<T>(records: &mut Vec<T>, removed: &HashSet<usize>) {
    if removed.is_empty() {
        return;
    }
    let mut at = 0;
    records.retain(|_| {
        at += 1;
        !removed.contains(&(at - 1))
    });
}
