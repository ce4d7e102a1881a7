//! What the views need from the docket, packed tight: every letter's dates
//! in a few bytes (so a status for 100,000 letters is a quick pass over
//! memory that stays in cache), and the orders that never change with the
//! as-of date or the filter.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{DUE_SOON_DAYS, Date, Docket, Letter, Status};

/// No city: a letter naming a city that does not exist.
pub(super) const NO_CITY: u32 = u32::MAX;

/// A date as a day number, for arithmetic without calendars.
pub(super) type Day = i32;
/// No date (no due date, not closed, no answer): after every day.
pub(super) const NEVER: Day = Day::MAX;

/// The day number of a date.
pub(super) fn day(date: Date) -> Day {
    use chrono::Datelike;
    date.num_days_from_ce()
}

/// The date of a day number.
pub(super) fn date(day: Day) -> Date {
    Date::from_num_days_from_ce_opt(day).expect("a day number made from a date")
}

/// One letter's dates, as day numbers ([`NEVER`] for none).
#[derive(Debug, Clone, Copy)]
struct Dates {
    sent: Day,
    due: Day,
    closed: Day,
    /// The earliest reply that answers: the first answer as of any date on or after it.
    answer: Day,
    /// This letter's extensions in `Facts::extensions`.
    extensions: (u32, u32),
}

/// The docket's derived, date-independent facts.
#[derive(Debug, Default)]
pub(super) struct Facts {
    dates: Vec<Dates>,
    /// `(granted_on, new_due)`, per letter in the order granted (stable).
    extensions: Vec<(Day, Day)>,
    /// Each letter's city, as an index into `Docket::cities` (the first with its id).
    pub city_of: Vec<u32>,
    /// Each letter's place among all letters by id.
    pub id_rank: Vec<u32>,
    /// Every letter in timeline order: city name, date sent, id.
    pub timeline: Vec<u32>,
    /// Each city's name in lower case, for sorting by name.
    pub city_names: Vec<String>,
}

impl Facts {
    /// The facts of `docket`. A big docket's letters are read by two threads.
    pub fn new(docket: &Docket) -> Self {
        let mut first_city = HashMap::new();
        for (c, city) in docket.cities.iter().enumerate() {
            first_city.entry(city.id.as_str()).or_insert(c as u32);
        }
        let letters = &docket.letters;
        let (mut first, second) = if letters.len() >= PARALLEL_LETTERS {
            let (a, b) = letters.split_at(letters.len() / 2);
            std::thread::scope(|scope| {
                let b = scope.spawn(|| Part::new(b, &first_city));
                let a = Part::new(a, &first_city);
                (a, Some(b.join().expect("reading letters does not panic")))
            })
        } else {
            (Part::new(letters, &first_city), None)
        };
        if let Some(second) = second {
            first.append(second);
        }
        let Part {
            dates,
            extensions,
            city_of,
        } = first;
        let id_rank = id_ranks(docket);
        let city_names: Vec<String> = (docket.cities.iter())
            .map(|c| c.name.to_lowercase())
            .collect();
        let timeline = timeline_order(docket, &dates, &city_of, &city_names, &id_rank);
        Facts {
            dates,
            extensions,
            city_of,
            id_rank,
            timeline,
            city_names,
        }
    }

    /// Letter `i` was replaced by one with the same id: takes in its new
    /// dates. Returns false, changing nothing, when its city or date sent
    /// changed (the orders that never change with the date would move).
    pub fn replace(&mut self, docket: &Docket, i: usize) -> bool {
        let letter = &docket.letters[i];
        let city = docket.cities.iter().position(|c| c.id == letter.city);
        let city = city.map_or(NO_CITY, |c| c as u32);
        if city != self.city_of[i] || day(letter.sent) != self.dates[i].sent {
            return false;
        }
        // The old extensions stay behind, unused, until the next rebuild.
        self.dates[i] = dates_of(letter, &mut self.extensions);
        true
    }

    /// How many letters.
    pub fn len(&self) -> usize {
        self.dates.len()
    }

    /// The day letter `i` was sent.
    pub fn sent(&self, i: usize) -> Day {
        self.dates[i].sent
    }

    /// As `Letter::effective_due`, as a day number ([`NEVER`] for none).
    pub fn effective_due(&self, i: usize, as_of: Day) -> Day {
        let d = &self.dates[i];
        let (start, len) = (d.extensions.0 as usize, d.extensions.1 as usize);
        // Sorted stably by grant date: the last one granted by then wins, as
        // `max_by_key` keeps the last of equals.
        (self.extensions[start..start + len].iter())
            .rev()
            .find(|(granted_on, _)| *granted_on <= as_of)
            .map_or(d.due, |(_, new_due)| *new_due)
    }

    /// As `Letter::status`, with its effective due day.
    pub fn status(&self, i: usize, as_of: Day) -> (Status, Day) {
        let d = &self.dates[i];
        if d.sent > as_of {
            return (Status::NotYetSent, NEVER);
        }
        let due = self.effective_due(i, as_of);
        if d.closed <= as_of {
            return (Status::Closed, due);
        }
        if d.answer <= as_of {
            let late = due != NEVER && d.answer > due;
            return (
                if late {
                    Status::AnsweredLate
                } else {
                    Status::Answered
                },
                due,
            );
        }
        if due == NEVER {
            return (Status::NoDeadline, NEVER);
        }
        let status = match i64::from(due) - i64::from(as_of) {
            days if days < 0 => Status::Overdue,
            0 => Status::DueToday,
            days if days <= DUE_SOON_DAYS => Status::DueSoon,
            _ => Status::Open,
        };
        (status, due)
    }
}

/// Above this many letters, two threads read them.
const PARALLEL_LETTERS: usize = 20_000;

/// The facts of a run of letters.
struct Part {
    dates: Vec<Dates>,
    extensions: Vec<(Day, Day)>,
    city_of: Vec<u32>,
}

impl Part {
    fn new(letters: &[Arc<Letter>], first_city: &HashMap<&str, u32>) -> Self {
        let mut extensions = Vec::new();
        let mut dates = Vec::with_capacity(letters.len());
        let mut city_of = Vec::with_capacity(letters.len());
        for letter in letters {
            dates.push(dates_of(letter, &mut extensions));
            city_of.push(*first_city.get(letter.city.as_str()).unwrap_or(&NO_CITY));
        }
        Part {
            dates,
            extensions,
            city_of,
        }
    }

    /// The letters of `next` after these.
    fn append(&mut self, next: Part) {
        let shift = self.extensions.len() as u32;
        self.extensions.extend(next.extensions);
        (self.dates).extend(next.dates.into_iter().map(|mut d| {
            d.extensions.0 += shift;
            d
        }));
        self.city_of.extend(next.city_of);
    }
}

/// A letter's dates, its extensions appended to `extensions`.
fn dates_of(letter: &Letter, extensions: &mut Vec<(Day, Day)>) -> Dates {
    let start = extensions.len();
    extensions.extend((letter.extensions.iter()).map(|e| (day(e.granted_on), day(e.new_due))));
    extensions[start..].sort_by_key(|(granted_on, _)| *granted_on);
    let answer = (letter.replies.iter())
        .filter(|r| r.kind.answers())
        .map(|r| day(r.on))
        .min();
    Dates {
        sent: day(letter.sent),
        due: letter.due.map_or(NEVER, day),
        closed: letter.closed.as_ref().map_or(NEVER, |c| day(c.on)),
        answer: answer.unwrap_or(NEVER),
        extensions: (start as u32, (extensions.len() - start) as u32),
    }
}

/// Each letter's rank by id (its index when the letters are sorted, as a
/// saved docket's are).
fn id_ranks(docket: &Docket) -> Vec<u32> {
    let letters = &docket.letters;
    if letters.is_sorted_by(|a, b| a.id <= b.id) {
        return (0..letters.len() as u32).collect();
    }
    let mut order: Vec<u32> = (0..letters.len() as u32).collect();
    order.sort_by(|a, b| letters[*a as usize].id.cmp(&letters[*b as usize].id));
    let mut rank = vec![0; letters.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i as usize] = r as u32;
    }
    rank
}

/// Every letter by city name (lower case, or the city id when the city is
/// missing), then date sent, then id: sorted on numbers, the names ranked once.
fn timeline_order(
    docket: &Docket,
    dates: &[Dates],
    city_of: &[u32],
    names: &[String],
    rank: &[u32],
) -> Vec<u32> {
    let missing = |i: usize| docket.letters[i].city.to_lowercase();
    let mut all: Vec<String> = names.to_vec();
    all.extend(
        (0..city_of.len())
            .filter(|&i| city_of[i] == NO_CITY)
            .map(missing),
    );
    all.sort_unstable();
    all.dedup();
    let name_rank =
        |name: &str| all.binary_search_by(|n| n.as_str().cmp(name)).unwrap_or(0) as u128;
    let city_rank: Vec<u128> = names.iter().map(|n| name_rank(n)).collect();
    let mut keyed: Vec<(u128, u32)> = (0..city_of.len())
        .map(|i| {
            let name = match city_of[i] {
                NO_CITY => name_rank(&missing(i)),
                c => city_rank[c as usize],
            };
            let sent = (i64::from(dates[i].sent) + (1 << 40)) as u128;
            (name << 96 | sent << 32 | u128::from(rank[i]), i as u32)
        })
        .collect();
    keyed.sort_unstable_by_key(|(key, _)| *key);
    keyed.into_iter().map(|(_, i)| i).collect()
}

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
}

impl Dated {
    /// The statuses and orders as of `as_of`.
    pub fn new(facts: &Facts, cities: usize, as_of: Date) -> Self {
        let today = day(as_of);
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
        }
    }

    /// Letter `i` changed (in place, same city and date sent): its status,
    /// and its place among its city's letters.
    pub fn replace(&mut self, facts: &Facts, i: usize) {
        let today = day(self.as_of);
        let (status, due) = facts.status(i, today);
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
        (self.due[i] != NEVER).then(|| i64::from(self.due[i]) - i64::from(day(self.as_of)))
    }
}

/// The order of urgency: status, then days left (none last), then id.
fn urgency(status: Status, due: Day, today: Day, id_rank: u32) -> u128 {
    let days = match due {
        NEVER => u64::MAX,
        due => (i64::from(due) - i64::from(today) + (1 << 40)) as u64,
    };
    (status as u128) << 100 | u128::from(days) << 32 | u128::from(id_rank)
}
