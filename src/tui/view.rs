//! What the panes show, derived from the docket, the as-of date, the filter
//! and the sort order. Recomputed when one of those changes, never while drawing.

use std::collections::BTreeMap;

use crate::model::{Date, Docket, Letter, Status};

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
    pub statuses: Vec<Status>,
    /// The cities shown, in order.
    pub cities: Vec<CityRow>,
    /// The letters on the timeline: by city name, then date sent.
    pub timeline: Vec<usize>,
    /// How many visible letters have each status.
    pub counts: BTreeMap<Status, usize>,
    /// The dates the timeline's letters span: first sent to last due (or the
    /// as-of date, whichever is later).
    pub span: Option<(Date, Date)>,
}

impl View {
    /// Computes the view. `filter` matches (case-insensitively) a city's name,
    /// id or state, or a letter's subject, parties or text.
    pub fn new(docket: &Docket, as_of: Date, filter: &str, sort: CitySort) -> Self {
        let needle = filter.trim().to_lowercase();
        let statuses: Vec<Status> = docket.letters.iter().map(|l| l.status(as_of)).collect();
        let urgency = |i: usize| {
            let letter = &docket.letters[i];
            let days = letter.days_left(as_of).unwrap_or(i64::MAX);
            (statuses[i], days, letter.id.as_str())
        };
        let mut by_city: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, letter) in docket.letters.iter().enumerate() {
            if letter.is_sent(as_of) {
                by_city.entry(letter.city.as_str()).or_default().push(i);
            }
        }
        let mut cities: Vec<CityRow> = Vec::new();
        for (c, city) in docket.cities.iter().enumerate() {
            let all = by_city.remove(city.id.as_str()).unwrap_or_default();
            let city_matches = [&city.name, &city.id, &city.state]
                .iter()
                .any(|text| text.to_lowercase().contains(&needle));
            let mut letters: Vec<usize> = if city_matches {
                all
            } else {
                all.into_iter()
                    .filter(|i| docket.letters[*i].mentions(&needle))
                    .collect()
            };
            if city_matches || !letters.is_empty() {
                letters.sort_by(|a, b| urgency(*a).cmp(&urgency(*b)));
                cities.push(CityRow { city: c, letters });
            }
        }
        let name = |row: &CityRow| docket.cities[row.city].name.to_lowercase();
        match sort {
            CitySort::Name => cities.sort_by_key(name),
            CitySort::Urgency => cities.sort_by(|a, b| {
                let lead = |row: &CityRow| row.letters.first().map(|i| urgency(*i));
                // Cities with no letters go last.
                let key = |row: &CityRow| (lead(row).is_none(), lead(row).map(|(s, d, _)| (s, d)));
                key(a).cmp(&key(b)).then_with(|| name(a).cmp(&name(b)))
            }),
        }
        let mut timeline: Vec<usize> = cities.iter().flat_map(|row| row.letters.clone()).collect();
        let timeline_key = |i: &usize| {
            let letter: &Letter = &docket.letters[*i];
            (
                docket.city_name(&letter.city).to_lowercase(),
                letter.sent,
                letter.id.clone(),
            )
        };
        timeline.sort_by_cached_key(timeline_key);
        let mut counts = BTreeMap::new();
        let mut span: Option<(Date, Date)> = None;
        for &i in &timeline {
            *counts.entry(statuses[i]).or_insert(0) += 1;
            let letter = &docket.letters[i];
            let end = letter.effective_due(as_of).unwrap_or(as_of).max(as_of);
            span = Some(span.map_or((letter.sent, end), |(first, last)| {
                (first.min(letter.sent), last.max(end))
            }));
        }
        View {
            statuses,
            cities,
            timeline,
            counts,
            span,
        }
    }

    /// How many visible letters have this status.
    pub fn count(&self, status: Status) -> usize {
        self.counts.get(&status).copied().unwrap_or(0)
    }
}
