//! What the queries need as of one date: every letter's status and
//! deadline, and each city's letters in the order of urgency.

use std::sync::Arc;

use super::facts::{Facts, NEVER, NO_CITY};
use crate::model::{Date, DatedAfter, Day, Status, Urgency, day_of};

/// Everything that depends on the as-of date alone.
#[derive(Debug)]
pub(super) struct Dated {
    /// The date.
    pub as_of: Date,
    /// Every letter's status.
    pub statuses: Arc<[Status]>,
    /// Every letter's effective due day ([`NEVER`] for none).
    pub due: Vec<Day>,
    /// The letters sent by then, grouped by city (in `Docket::cities`
    /// order), most urgent first within each.
    pub by_city: Vec<u32>,
    /// Where each city's group starts in `by_city` (one more entry than cities).
    pub city_start: Vec<u32>,
    /// What is dated after the date (the status line's words).
    pub later: DatedAfter,
}

impl Dated {
    /// The statuses and orders as of `as_of`.
    pub fn new(facts: &Facts, cities: usize, as_of: Date) -> Self {
        let today = day_of(as_of);
        let (statuses, due): (Vec<Status>, Vec<Day>) =
            (0..facts.len()).map(|i| facts.status(i, today)).unzip();
        let mut city_start = vec![0u32; cities + 1];
        for (i, &c) in facts.city_of.iter().enumerate() {
            if c != NO_CITY && statuses[i] != Status::NotYetSent {
                city_start[c as usize + 1] += 1;
            }
        }
        for c in 0..cities {
            city_start[c + 1] += city_start[c];
        }
        let mut next = city_start.clone();
        let mut by_city = vec![0u32; city_start[cities] as usize];
        for (i, &c) in facts.city_of.iter().enumerate() {
            if c != NO_CITY && statuses[i] != Status::NotYetSent {
                by_city[next[c as usize] as usize] = i as u32;
                next[c as usize] += 1;
            }
        }
        let keys: Vec<u128> = (0..facts.len())
            .map(|i| urgency(statuses[i], due[i], today, facts.id_rank[i]))
            .collect();
        for c in 0..cities {
            let (from, to) = (city_start[c] as usize, city_start[c + 1] as usize);
            by_city[from..to].sort_unstable_by_key(|&i| keys[i as usize]);
        }
        Dated {
            as_of,
            statuses: statuses.into(),
            due,
            by_city,
            city_start,
            later: facts.dated_after(today),
        }
    }

    /// Letter `i` changed (in place, same city and date sent; `before` is
    /// what of it was dated after the date): its status, its place among
    /// its city's letters, and the count of what is dated later.
    pub fn replace(&mut self, facts: &Facts, i: usize, before: DatedAfter) {
        let today = day_of(self.as_of);
        let (status, due) = facts.status(i, today);
        self.later.take(before);
        self.later.add(facts.letter_dated_after(i, today));
        Arc::make_mut(&mut self.statuses)[i] = status;
        self.due[i] = due;
        let c = facts.city_of[i];
        if c == NO_CITY || status == Status::NotYetSent {
            return;
        }
        let (from, to) = (self.city_start[c as usize], self.city_start[c as usize + 1]);
        self.by_city[from as usize..to as usize].sort_unstable_by_key(|&i| {
            let i = i as usize;
            urgency(self.statuses[i], self.due[i], today, facts.id_rank[i])
        });
    }

    /// City `c`'s letters sent by then, most urgent first.
    pub fn letters_of(&self, c: usize) -> &[u32] {
        &self.by_city[self.city_start[c] as usize..self.city_start[c + 1] as usize]
    }

    /// Days left to letter `i`'s effective due date, if it has one.
    pub fn days_left(&self, i: usize) -> Option<i64> {
        days_left(self.due[i], day_of(self.as_of))
    }
}

/// Days from `today` to `due`, if there is a deadline.
fn days_left(due: Day, today: Day) -> Option<i64> {
    (due != NEVER).then(|| i64::from(due) - i64::from(today))
}

/// A letter's place in the order of urgency, its id by rank, packed.
fn urgency(status: Status, due: Day, today: Day, id_rank: u32) -> u128 {
    Urgency::new(status, days_left(due, today), id_rank).packed()
}
