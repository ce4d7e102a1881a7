//! What arrived from another writer: the records that differ between the
//! docket the interface showed and the merge with the file, as puts the
//! interface applies in a moment (so the index keeps what still holds), and
//! a line that says what came and from whom.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::text::count;
use crate::model::{City, Conflict, Docket, Letter, LogEntry, Put, Settings};

/// How many changes the status line names before it says "...".
const NAMED: usize = 3;

/// The difference between the docket shown and the merge, to apply to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// The cities and letters that differ, as the merge has them.
    pub puts: Vec<Put>,
    /// The merge's settings, when they differ.
    pub settings: Option<Settings>,
    /// The merge's ids of deleted letters.
    pub retired_ids: Vec<String>,
    /// The merge's unresolved conflicts.
    pub conflicts: Vec<Conflict>,
    /// How many of those are new.
    pub new_conflicts: usize,
    /// What arrived, for the status line: `2 changes from jdoe: reply r2
    /// to baltimore-2017-08-03, ...`.
    pub summary: String,
}

impl Arrival {
    /// What turns `shown` into `merged`; `None` when they are the same.
    pub fn between(shown: &Docket, merged: &Docket) -> Option<Arrival> {
        let mut said = Said::default();
        let mut puts = cities(shown, merged, &mut said);
        puts.extend(letters(shown, merged, &mut said));
        let settings = (shown.settings != merged.settings).then(|| merged.settings.clone());
        if settings.is_some() {
            said.items.push("settings".to_owned());
        }
        let new_conflicts = (merged.conflicts.iter())
            .filter(|c| !shown.conflicts.contains(c))
            .count();
        let same = puts.is_empty()
            && settings.is_none()
            && shown.retired_ids == merged.retired_ids
            && shown.conflicts == merged.conflicts;
        if same {
            return None;
        }
        Some(Arrival {
            puts,
            settings,
            retired_ids: merged.retired_ids.clone(),
            conflicts: merged.conflicts.clone(),
            new_conflicts,
            summary: said.line(new_conflicts),
        })
    }
}

/// What the status line says, gathered record by record.
#[derive(Debug, Default)]
struct Said {
    items: Vec<String>,
    by: Vec<String>,
}

impl Said {
    /// The new entries of a record's log name who made the change.
    fn log(&mut self, before: &[LogEntry], after: &[LogEntry]) {
        for entry in after.iter().filter(|e| !before.contains(e)) {
            if !entry.by.is_empty() && !self.by.contains(&entry.by) {
                self.by.push(entry.by.clone());
            }
        }
    }

    fn line(&self, new_conflicts: usize) -> String {
        let mut line = count(self.items.len() as i64, "change");
        if !self.by.is_empty() {
            line.push_str(" from ");
            line.push_str(&self.by.join(", "));
        }
        if !self.items.is_empty() {
            line.push_str(": ");
            line.push_str(&self.items[..self.items.len().min(NAMED)].join(", "));
            if self.items.len() > NAMED {
                line.push_str(", ...");
            }
        }
        if new_conflicts > 0 {
            line.push_str(&format!(
                " · {} to resolve: press !",
                count(new_conflicts as i64, "conflict")
            ));
        }
        line
    }
}

fn cities(shown: &Docket, merged: &Docket, said: &mut Said) -> Vec<Put> {
    let before: HashMap<&str, &City> = shown.cities.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut puts = Vec::new();
    for city in &merged.cities {
        match before.get(city.id.as_str()) {
            Some(old) if *old == city => continue,
            Some(old) => {
                said.items.push(format!("edit to city {}", city.id));
                said.log(&old.log, &city.log);
            }
            None => {
                said.items.push(format!("city {}", city.id));
                said.log(&[], &city.log);
            }
        }
        puts.push(Put::City(city.id.clone(), Some(city.clone())));
    }
    let after: HashSet<&str> = merged.cities.iter().map(|c| c.id.as_str()).collect();
    for city in shown
        .cities
        .iter()
        .filter(|c| !after.contains(c.id.as_str()))
    {
        said.items.push(format!("deleted city {}", city.id));
        puts.push(Put::City(city.id.clone(), None));
    }
    puts
}

fn letters(shown: &Docket, merged: &Docket, said: &mut Said) -> Vec<Put> {
    let before: HashMap<&str, &Arc<Letter>> =
        shown.letters.iter().map(|l| (l.id.as_str(), l)).collect();
    let mut puts = Vec::new();
    for letter in &merged.letters {
        match before.get(letter.id.as_str()) {
            Some(old) if Arc::ptr_eq(old, letter) || **old == *letter => continue,
            Some(old) => {
                entries(old, letter, said);
                said.log(&old.log, &letter.log);
            }
            None => {
                said.items.push(format!("letter {}", letter.id));
                said.log(&[], &letter.log);
            }
        }
        puts.push(Put::Letter(letter.id.clone(), Some(Arc::clone(letter))));
    }
    let after: HashSet<&str> = merged.letters.iter().map(|l| l.id.as_str()).collect();
    for letter in shown
        .letters
        .iter()
        .filter(|l| !after.contains(l.id.as_str()))
    {
        said.items.push(format!("deleted letter {}", letter.id));
        puts.push(Put::Letter(letter.id.clone(), None));
    }
    puts
}

/// The ids of a letter's replies, extensions or closings.
type EntryIds = fn(&Letter) -> Vec<&str>;

/// Names what changed in a letter: its entries added or deleted, else an edit.
fn entries(old: &Letter, new: &Letter, said: &mut Said) {
    let id = &new.id;
    let before = said.items.len();
    let kinds: [(&str, &str, EntryIds); 3] = [
        ("reply", "to", |l| {
            l.replies.iter().map(|r| r.id.as_str()).collect()
        }),
        ("extension", "to", |l| {
            l.extensions.iter().map(|x| x.id.as_str()).collect()
        }),
        ("closing", "of", |l| {
            l.closings.iter().map(|c| c.id.as_str()).collect()
        }),
    ];
    for (kind, to, ids) in kinds {
        let (was, is) = (ids(old), ids(new));
        for entry in is.iter().filter(|e| !was.contains(e)) {
            said.items.push(format!("{kind} {entry} {to} {id}"));
        }
        for entry in was.iter().filter(|e| !is.contains(e)) {
            said.items.push(format!("deleted {kind} {entry} of {id}"));
        }
    }
    if said.items.len() == before {
        said.items.push(format!("edit to {id}"));
    }
}
