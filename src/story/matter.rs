//! A matter: the letters sent together (one letter, many cities), and its
//! grid as of a date, one row per letter.

use std::collections::BTreeMap;

use crate::model::{Closing, Date, Docket, Extension, Letter, Reply, Status};

/// Every matter of the docket, by id, with its letters (indices into
/// `Docket::letters`, by city name then id).
#[must_use]
pub fn matters<'a>(docket: &'a Docket) -> BTreeMap<&'a str, Vec<usize>> {
    let mut matters: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (at, letter) in docket.letters.iter().enumerate() {
        if let Some(matter) = letter.matter.as_deref() {
            matters.entry(matter).or_default().push(at);
        }
    }
    let names = super::CityNames::new(docket);
    let name = |id: &'a str| names.get(id);
    for letters in matters.values_mut() {
        sort_by_city(docket, letters, name);
    }
    matters
}

/// The letters of one matter (indices into `Docket::letters`), by city name
/// then id; empty when no letter has that matter.
#[must_use]
pub fn matter_letters(docket: &Docket, matter: &str) -> Vec<usize> {
    let mut letters: Vec<usize> = (docket.letters.iter().enumerate())
        .filter(|(_, l)| l.matter.as_deref() == Some(matter))
        .map(|(at, _)| at)
        .collect();
    sort_by_city(docket, &mut letters, |id| docket.city_name(id));
    letters
}

/// Sorts letters by their city's name (`name` of a city id), then id.
fn sort_by_city<'a>(docket: &'a Docket, letters: &mut [usize], name: impl Fn(&'a str) -> &'a str) {
    letters.sort_by_cached_key(|&at| {
        let letter = &docket.letters[at];
        (name(&letter.city), letter.id.as_str())
    });
}

/// One letter of a matter as of a date: a row of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatterRow<'a> {
    /// The letter.
    pub letter: &'a Letter,
    /// Its city's display name.
    pub city: &'a str,
    /// Its status as of the date.
    pub status: Status,
    /// The deadline in force as of the date.
    pub due: Option<Date>,
    /// The replies received by the date, in date order.
    pub replies: Vec<&'a Reply>,
    /// The extensions granted by the date, in the order granted.
    pub extensions: Vec<&'a Extension>,
    /// The closings made by the date (a reopening after it not shown).
    pub closings: Vec<&'a Closing>,
}

impl MatterRow<'_> {
    /// Whether the letter's receipt is known as of the date.
    #[must_use]
    pub fn received(&self, as_of: Date) -> Option<Date> {
        self.letter.received.filter(|&d| d <= as_of)
    }
}

/// The grid row of `letter` as of `as_of`: what a letter not yet sent has
/// is not shown (it does not exist yet).
#[must_use]
pub fn matter_row<'a>(docket: &'a Docket, letter: &'a Letter, as_of: Date) -> MatterRow<'a> {
    let sent = letter.is_sent(as_of);
    MatterRow {
        letter,
        city: docket.city_name(&letter.city),
        status: letter.status_with(as_of, &docket.settings),
        due: letter.effective_due(as_of).filter(|_| sent),
        replies: if sent {
            letter.replies_as_of(as_of)
        } else {
            Vec::new()
        },
        extensions: if sent {
            letter.extensions_as_of(as_of)
        } else {
            Vec::new()
        },
        closings: (letter.closings_by_date().into_iter())
            .filter(|c| sent && c.on <= as_of)
            .collect(),
    }
}

/// How many of `letters` have each status as of `as_of`, most urgent first,
/// those with none left out.
#[must_use]
pub fn status_counts(docket: &Docket, letters: &[usize], as_of: Date) -> Vec<(Status, usize)> {
    let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
    for &at in letters {
        if let Some(letter) = docket.letters.get(at) {
            *counts
                .entry(letter.status_with(as_of, &docket.settings))
                .or_default() += 1;
        }
    }
    counts.into_iter().collect()
}
