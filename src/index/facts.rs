//! What the queries need from the docket, packed tight: every letter's
//! dates in a few bytes (so a status for 100,000 letters is a quick pass
//! over memory that stays in cache), and the orders that never change with
//! the as-of date or the filter.

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{
    DatedAfter, Day, Docket, Letter, Milestones, Settings, Status, day_of, effective_due_of,
    status_of,
};

/// No city: a letter naming a city that does not exist.
pub(super) const NO_CITY: u32 = u32::MAX;

/// No date (no due date, not closed, no answer): after every day.
pub(super) const NEVER: Day = Day::MAX;

/// A packed day, [`NEVER`] for none.
fn some(day: Day) -> Option<Day> {
    (day != NEVER).then_some(day)
}

/// One letter's dates, as day numbers ([`NEVER`] for none).
#[derive(Debug, Clone, Copy)]
struct Dates {
    sent: Day,
    due: Day,
    /// How many closing spans `(closed, reopened or NEVER)` follow this
    /// letter's extensions in `Facts::extensions` (most letters: none).
    closings: u32,
    /// The earliest reply that answers: the first answer as of any date on or after it.
    answer: Day,
    /// This letter's extensions in `Facts::extensions`.
    extensions: (u32, u32),
    /// This letter's replies' days in `Facts::replies`.
    replies: (u32, u32),
    /// The day of its latest reply, extension or closing ([`NEVER`] for
    /// none): only a letter with one after a date has some dated after it.
    last_entry: Day,
}

/// A letter's packed dates with its deadline as of a date: what the
/// model's [`status_of`] reads.
struct AsOf<'a> {
    dates: &'a Dates,
    due: Day,
    closed: Day,
}

impl Milestones for AsOf<'_> {
    type Day = Day;

    fn sent(&self) -> Day {
        self.dates.sent
    }

    fn closed(&self) -> Option<Day> {
        some(self.closed)
    }

    fn answered(&self) -> Option<Day> {
        some(self.dates.answer)
    }

    fn due(&self) -> Option<Day> {
        some(self.due)
    }
}

/// The docket's derived, date-independent facts.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// The settings the statuses are computed under.
    settings: Settings,
    dates: Vec<Dates>,
    /// `(granted_on, new_due)`, per letter in the letter's order, then the
    /// letter's closings as `(on, reopened_on or NEVER)`.
    extensions: Vec<(Day, Day)>,
    /// The days of every letter's replies, letter after letter.
    replies: Vec<Day>,
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
    /// The facts of `docket`, its statuses to be computed under `settings`.
    /// A big docket's letters are read by two threads.
    pub fn new(docket: &Docket, settings: &Settings) -> Self {
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
                let b = b
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (a, Some(b))
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
            replies,
            city_of,
        } = first;
        let id_rank = id_ranks(docket);
        let city_names: Vec<String> = (docket.cities.iter())
            .map(|c| c.name.to_lowercase())
            .collect();
        let timeline = timeline_order(docket, &dates, &city_of, &city_names, &id_rank);
        Facts {
            settings: settings.clone(),
            dates,
            extensions,
            replies,
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
        if city != self.city_of[i] || day_of(letter.sent) != self.dates[i].sent {
            return false;
        }
        // The old extensions and replies stay behind, unused, until the
        // next rebuild.
        self.dates[i] = dates_of(letter, &mut self.extensions, &mut self.replies);
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
        if len == 0 {
            // Most letters: no extension to look through.
            return d.due;
        }
        let extensions = &self.extensions[start..start + len];
        effective_due_of(some(d.due), extensions, as_of, |&e| e).unwrap_or(NEVER)
    }

    /// As `Letter::closed_as_of`: the day of the closing in force as of
    /// `as_of` ([`NEVER`] for none).
    fn closed(&self, d: &Dates, as_of: Day) -> Day {
        if d.closings == 0 {
            return NEVER;
        }
        let start = (d.extensions.0 + d.extensions.1) as usize;
        let spans = &self.extensions[start..start + d.closings as usize];
        (spans.iter())
            .filter(|&&(on, reopened)| on <= as_of && reopened > as_of)
            .map(|&(on, _)| on)
            .max()
            .unwrap_or(NEVER)
    }

    /// As [`Docket::dated_after`] (whose letters these facts are), from the
    /// packed days: what is dated after `as_of`.
    pub fn dated_after(&self, as_of: Day) -> DatedAfter {
        let mut later = DatedAfter::default();
        for d in &self.dates {
            self.add_later(&mut later, d, as_of);
        }
        later
    }

    /// What of letter `i` is dated after `as_of`: its share of
    /// [`Facts::dated_after`].
    pub fn letter_dated_after(&self, i: usize, as_of: Day) -> DatedAfter {
        let mut later = DatedAfter::default();
        self.add_later(&mut later, &self.dates[i], as_of);
        later
    }

    fn add_later(&self, later: &mut DatedAfter, d: &Dates, as_of: Day) {
        let after = |days: &mut dyn Iterator<Item = Day>| days.filter(|&d| d > as_of).count();
        if d.sent > as_of {
            later.letters += 1;
        } else if d.last_entry != NEVER && d.last_entry > as_of {
            let (start, len) = (d.replies.0 as usize, d.replies.1 as usize);
            later.replies += after(&mut self.replies[start..start + len].iter().copied());
            let (start, len) = (d.extensions.0 as usize, d.extensions.1 as usize);
            let spans = &self.extensions[start..start + len + d.closings as usize];
            later.extensions += after(&mut spans[..len].iter().map(|e| e.0));
            later.closings += after(&mut spans[len..].iter().map(|c| c.0));
        }
    }

    /// The settings the statuses are computed under.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// As `Letter::status_with` under the facts' settings, with the
    /// effective due day.
    #[inline]
    pub fn status(&self, i: usize, as_of: Day) -> (Status, Day) {
        let dates = &self.dates[i];
        let due = self.effective_due(i, as_of);
        let closed = self.closed(dates, as_of);
        let status = status_of(AsOf { dates, due, closed }, as_of, &self.settings);
        (status, due)
    }
}

/// Above this many letters, two threads read them.
const PARALLEL_LETTERS: usize = 20_000;

/// The facts of a run of letters.
struct Part {
    dates: Vec<Dates>,
    extensions: Vec<(Day, Day)>,
    replies: Vec<Day>,
    city_of: Vec<u32>,
}

impl Part {
    fn new(letters: &[Arc<Letter>], first_city: &HashMap<&str, u32>) -> Self {
        let (mut extensions, mut replies) = (Vec::new(), Vec::new());
        let mut dates = Vec::with_capacity(letters.len());
        let mut city_of = Vec::with_capacity(letters.len());
        for letter in letters {
            dates.push(dates_of(letter, &mut extensions, &mut replies));
            city_of.push(*first_city.get(letter.city.as_str()).unwrap_or(&NO_CITY));
        }
        Part {
            dates,
            extensions,
            replies,
            city_of,
        }
    }

    /// The letters of `next` after these.
    fn append(&mut self, next: Part) {
        let shift = self.extensions.len() as u32;
        let reply_shift = self.replies.len() as u32;
        self.extensions.extend(next.extensions);
        self.replies.extend(next.replies);
        (self.dates).extend(next.dates.into_iter().map(|mut d| {
            d.extensions.0 += shift;
            d.replies.0 += reply_shift;
            d
        }));
        self.city_of.extend(next.city_of);
    }
}

/// A letter's dates, its extensions and closings appended to `extensions`
/// and its replies' days to `replies`.
fn dates_of(letter: &Letter, extensions: &mut Vec<(Day, Day)>, replies: &mut Vec<Day>) -> Dates {
    let start = extensions.len();
    extensions
        .extend((letter.extensions.iter()).map(|e| (day_of(e.granted_on), day_of(e.new_due))));
    let ext_len = extensions.len() - start;
    extensions.extend(
        (letter.closings.iter()).map(|c| (day_of(c.on), c.reopened_on.map_or(NEVER, day_of))),
    );
    let first_reply = replies.len();
    replies.extend(letter.replies.iter().map(|r| day_of(r.on)));
    let answer = letter.earliest_answer().map(|r| day_of(r.on));
    let entries = (letter.replies.iter().map(|r| r.on))
        .chain(letter.extensions.iter().map(|e| e.granted_on))
        .chain(letter.closings.iter().map(|c| c.on));
    Dates {
        last_entry: entries.max().map_or(NEVER, day_of),
        sent: day_of(letter.sent),
        due: letter.due.map_or(NEVER, day_of),
        closings: letter.closings.len() as u32,
        answer: answer.unwrap_or(NEVER),
        extensions: (start as u32, ext_len as u32),
        replies: (first_reply as u32, letter.replies.len() as u32),
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
