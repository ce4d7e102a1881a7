//! The docket's query layer: what the interface's panes (and any other
//! reader) list as of a date, filtered and sorted, fast at 100,000 letters.
//!
//! An [`Index`] keeps what a query does not change: the docket's packed
//! facts, the statuses and orders per as-of date (and those of the next
//! date of a replay, computed ahead), and the filter's search results. A
//! filter keystroke only changes what shows. Every rule comes from `model`:
//! the index packs the data, it never restates a rule.

mod dated;
mod facts;
mod search;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::thread::JoinHandle;

use chrono::TimeDelta;

use self::dated::Dated;
use self::facts::{Facts, NEVER, NO_CITY};
use self::search::Search;
use crate::model::text::{fold, same_name};
use crate::model::{Date, DatedAfter, Docket, Put, Status, Urgency, date_of, day_of};

/// How the cities are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitySort {
    /// The city with the most urgent letter first.
    Urgency,
    /// Alphabetically.
    Name,
}

impl CitySort {
    /// The other order.
    pub fn next(self) -> Self {
        match self {
            CitySort::Urgency => CitySort::Name,
            CitySort::Name => CitySort::Urgency,
        }
    }

    /// The name shown in the pane title.
    pub fn label(self) -> &'static str {
        match self {
            CitySort::Urgency => "by urgency",
            CitySort::Name => "by name",
        }
    }
}

/// A city as listed, with its visible letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityRow {
    /// Index into `Docket::cities`.
    pub city: usize,
    /// Indices into `Docket::letters`, most urgent first.
    pub letters: Vec<usize>,
}

/// Everything the panes list, as of one date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// The status of every letter, by index into `Docket::letters`.
    pub statuses: Arc<[Status]>,
    /// The cities shown, in order.
    pub cities: Vec<CityRow>,
    /// The letters on the timeline: by city name, then date sent.
    pub timeline: Vec<usize>,
    /// How many visible letters have each status.
    pub counts: BTreeMap<Status, usize>,
    /// The dates the timeline's letters span: first sent to last due (or the
    /// as-of date, whichever is later).
    pub span: Option<(Date, Date)>,
    /// What is dated after the as-of date, in the whole docket (for the
    /// status line: a replay shows what is still to come).
    pub later: DatedAfter,
}

impl View {
    /// Computes the view. `filter` matches (ignoring case and accents) any
    /// text of a city (`City::texts`: its letters show) or of a letter
    /// (`Letter::texts`).
    pub fn new(docket: &Docket, as_of: Date, filter: &str, sort: CitySort) -> Self {
        Index::default().view(docket, as_of, filter, sort)
    }

    /// How many visible letters have this status.
    pub fn count(&self, status: Status) -> usize {
        self.counts.get(&status).copied().unwrap_or(0)
    }
}

/// How many as-of dates' statuses and orders are kept.
const DATES_KEPT: usize = 8;

/// What views of one docket share. [`Index::clear`] it (or tell it what
/// [`Index::changed`]) whenever the docket changes. Statuses follow the
/// docket's own settings.
#[derive(Debug, Default)]
pub struct Index {
    facts: Option<Arc<Facts>>,
    /// Most recently used last.
    dated: Vec<Arc<Dated>>,
    /// The next date of a replay (one more step the same way), computed in
    /// the background while the user looks at this one.
    ahead: Option<(Date, JoinHandle<Dated>)>,
    search: Search,
}

impl Index {
    /// Forgets everything: for after the docket changed.
    pub fn clear(&mut self) {
        *self = Index::default();
    }

    /// The docket was changed by `puts` (as applied, or as their undo):
    /// keeps what still holds when only letters were replaced in place, with
    /// the same city and date sent (a reply, an extension, a closing, an
    /// edit of the text); forgets everything otherwise.
    pub fn changed(&mut self, docket: &Docket, puts: &[Put]) {
        if !self.replace_letters(docket, puts) {
            self.clear();
        }
    }

    fn replace_letters(&mut self, docket: &Docket, puts: &[Put]) -> bool {
        // What is computed ahead is for the docket before the change.
        if let Some((_, work)) = self.ahead.take() {
            let _ = work.join();
        }
        let Some(facts) = self.facts.as_mut().and_then(Arc::get_mut) else {
            return self.facts.is_none();
        };
        if facts.len() != docket.letters.len() {
            return false;
        }
        // A letter added or removed shows as an id not found (the count
        // being the same, one went for each that came).
        let mut replaced = Vec::with_capacity(puts.len());
        for put in puts {
            let id = match put {
                Put::Letter(id, _) => id,
                // The conflicts list is not indexed.
                Put::Conflicts(_) => continue,
                // A city changes the order; the facts hold the settings
                // they were computed with.
                Put::City(..) | Put::Settings(_) => return false,
            };
            match docket.letters.iter().position(|l| &l.id == id) {
                Some(i) => replaced.push(i),
                None => return false,
            }
        }
        for &i in &replaced {
            let before: Vec<DatedAfter> = (self.dated.iter())
                .map(|d| facts.letter_dated_after(i, day_of(d.as_of)))
                .collect();
            if !facts.replace(docket, i) {
                return false;
            }
            for (dated, before) in self.dated.iter_mut().zip(before) {
                let Some(dated) = Arc::get_mut(dated) else {
                    return false;
                };
                dated.replace(facts, i, before);
            }
            self.search.replace(&docket.letters[i], i);
        }
        true
    }

    /// After a step of `step` to `as_of`, starts computing the statuses one
    /// more step on, unless they are kept already.
    fn look_ahead(&mut self, facts: &Arc<Facts>, cities: usize, as_of: Date, step: TimeDelta) {
        let Some(next) = as_of.checked_add_signed(step).filter(|_| !step.is_zero()) else {
            return;
        };
        if self.dated.iter().any(|d| d.as_of == next) {
            return;
        }
        let facts = Arc::clone(facts);
        let work =
            crate::background::spawn("docket-ahead", move || Dated::new(&facts, cities, next));
        self.ahead = work.ok().map(|work| (next, work));
    }

    /// The facts of `docket`, made again (and everything else forgotten)
    /// when those kept are not its.
    fn facts(&mut self, docket: &Docket) -> Arc<Facts> {
        if (self.facts.as_ref())
            .is_none_or(|f| f.len() != docket.letters.len() || f.settings() != &docket.settings)
        {
            self.clear();
        }
        Arc::clone(
            self.facts
                .get_or_insert_with(|| Arc::new(Facts::new(docket, &docket.settings))),
        )
    }

    /// Gets the filter's search ready in the background (for a big docket),
    /// as the user starts typing a filter.
    pub fn prepare_search(&mut self, docket: Arc<Docket>) {
        self.search.prepare(docket);
    }

    /// The view of `docket` as of `as_of`, filtered and sorted, reusing what
    /// earlier views computed.
    pub fn view(&mut self, docket: &Docket, as_of: Date, filter: &str, sort: CitySort) -> View {
        self.view_owned(docket, as_of, filter, sort, None)
    }

    /// As [`Index::view`], showing only the letters `owner` handles when
    /// one is given (`model::text::same_name`); a city whose text matches
    /// the filter shows then only with such letters.
    pub fn view_owned(
        &mut self,
        docket: &Docket,
        as_of: Date,
        filter: &str,
        sort: CitySort,
        owner: Option<&str>,
    ) -> View {
        let facts = self.facts(docket);
        let cities = docket.cities.len();
        let previous = self.dated.last().map(|d| d.as_of);
        let dated = match self.dated.iter().position(|d| d.as_of == as_of) {
            Some(at) => self.dated.remove(at),
            None => Arc::new(match self.ahead.take() {
                // Had the look-ahead failed, the statuses are made here; and
                // when it has not finished (a busy machine gives its thread
                // little time), here rather than waiting for it.
                Some((date, work)) if date == as_of && work.is_finished() => work
                    .join()
                    .unwrap_or_else(|_| Dated::new(&facts, cities, as_of)),
                _ => Dated::new(&facts, cities, as_of),
            }),
        };
        if self.dated.len() == DATES_KEPT {
            self.dated.remove(0);
        }
        self.dated.push(Arc::clone(&dated));
        if let Some(previous) = previous {
            self.look_ahead(&facts, cities, as_of, as_of - previous);
        }
        let needle = fold(filter.trim());
        let mentions = (!needle.is_empty()).then(|| self.search.matches(docket, &needle));
        let facts = &*facts;
        let city_matches: Vec<bool> = (docket.cities.iter())
            .map(|city| city.mentions(&needle))
            .collect();
        let visible = |i: usize| {
            let c = facts.city_of[i];
            c != NO_CITY
                && dated.statuses[i] != Status::NotYetSent
                && (city_matches[c as usize] || mentions.as_ref().is_none_or(|m| m[i]))
                && owner.is_none_or(|o| {
                    docket.letters[i]
                        .owner
                        .as_deref()
                        .is_some_and(|l| same_name(l, o))
                })
        };
        let matches = |c: usize| owner.is_none() && city_matches[c];
        let mut cities = city_rows(docket, &dated, &matches, &visible);
        sort_cities(&mut cities, facts, &dated, sort);
        let timeline: Vec<usize> = (facts.timeline.iter())
            .map(|&i| i as usize)
            .filter(|&i| visible(i))
            .collect();
        let (counts, span) = counts_and_span(&timeline, facts, &dated);
        View {
            statuses: Arc::clone(&dated.statuses),
            cities,
            timeline,
            counts,
            span,
            later: dated.later,
        }
    }
}

/// The cities that match or have a letter that does, each with its visible
/// letters, in `Docket::cities` order.
fn city_rows(
    docket: &Docket,
    dated: &Dated,
    city_matches: &impl Fn(usize) -> bool,
    visible: &impl Fn(usize) -> bool,
) -> Vec<CityRow> {
    let mut cities = Vec::new();
    for c in 0..docket.cities.len() {
        let letters: Vec<usize> = (dated.letters_of(c).iter())
            .map(|&i| i as usize)
            .filter(|&i| visible(i))
            .collect();
        if city_matches(c) || !letters.is_empty() {
            cities.push(CityRow { city: c, letters });
        }
    }
    cities
}

fn sort_cities(cities: &mut [CityRow], facts: &Facts, dated: &Dated, sort: CitySort) {
    let name = |row: &CityRow| facts.city_names[row.city].as_str();
    match sort {
        CitySort::Name => cities.sort_by(|a, b| name(a).cmp(name(b))),
        CitySort::Urgency => cities.sort_by(|a, b| {
            // A city ranks as its most urgent letter (ties by name, not by
            // that letter's id); cities with no letters go last.
            let lead = |row: &CityRow| {
                (row.letters.first())
                    .map(|&i| Urgency::new(dated.statuses[i], dated.days_left(i), ()))
            };
            let key = |row: &CityRow| (lead(row).is_none(), lead(row));
            key(a).cmp(&key(b)).then_with(|| name(a).cmp(name(b)))
        }),
    }
}

fn counts_and_span(
    timeline: &[usize],
    facts: &Facts,
    dated: &Dated,
) -> (BTreeMap<Status, usize>, Option<(Date, Date)>) {
    let mut counts = [0usize; Status::ALL.len()];
    let mut span: Option<(i32, i32)> = None;
    let as_of = day_of(dated.as_of);
    for &i in timeline {
        counts[dated.statuses[i] as usize] += 1;
        let sent = facts.sent(i);
        let end = match dated.due[i] {
            NEVER => as_of,
            due => due.max(as_of),
        };
        span = Some(span.map_or((sent, end), |(first, last)| {
            (first.min(sent), last.max(end))
        }));
    }
    let span = span.map(|(first, last)| (date_of(first), date_of(last)));
    let counts = (Status::ALL.iter())
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (*s, n))
        .collect();
    (counts, span)
}

#[cfg(test)]
mod tests;
