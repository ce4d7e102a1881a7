//! The chronology across cities: every dated event in date order, as a
//! Markdown memo (a heading per day, a line per event), CSV or JSON.

use std::borrow::Cow;

use serde::Serialize;

use super::text::{code, md};
use crate::csv_layout::guard;
use crate::model::text::with_weekday;
use crate::model::{Date, Docket};
use crate::story::{Chronology, CityNames, EventLine};

/// Which events a chronology keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrowed {
    /// Only the letters of this matter.
    pub matter: Option<String>,
    /// Only the letters to this city (its id).
    pub city: Option<String>,
    /// Only events on or after this day.
    pub from: Option<Date>,
    /// Only events on or before this day.
    pub to: Option<Date>,
}

/// The events shown as of `as_of` (those dated by then, then the deadlines
/// in force after it), narrowed, in words.
#[must_use]
pub fn lines<'a>(
    docket: &'a Docket,
    chronology: &Chronology,
    as_of: Date,
    narrowed: &Narrowed,
) -> Vec<EventLine<'a>> {
    let events = chronology.events();
    let names = CityNames::new(docket);
    let kept = |e: &&crate::story::Event| {
        let Some(letter) = docket.letters.get(e.letter as usize) else {
            return false;
        };
        narrowed.from.is_none_or(|from| e.on >= from)
            && narrowed.to.is_none_or(|to| e.on <= to)
            && (narrowed.city.as_ref()).is_none_or(|c| *c == letter.city)
            && (narrowed.matter.as_ref()).is_none_or(|m| letter.matter.as_ref() == Some(m))
    };
    (chronology.shown(as_of).events())
        .map(|at| &events[at])
        .filter(kept)
        .filter_map(|e| e.line(docket, &names, as_of))
        .collect()
}

/// A memo to paste into a story file: a heading per day
/// (`## Thursday 2017-08-03`), a line per event with its city, kind,
/// letter and source.
#[must_use]
pub fn to_markdown(lines: &[EventLine], as_of: Date) -> String {
    let mut out = format!("# Chronology as of {}\n", with_weekday(as_of));
    let mut day = None;
    for line in lines {
        if day != Some(line.on) {
            day = Some(line.on);
            let ahead = if line.upcoming { " (ahead)" } else { "" };
            out.push_str(&format!(
                "\n## {}{ahead}\n\n",
                line.on.format("%A %Y-%m-%d")
            ));
        }
        let source = line
            .source
            .map_or_else(String::new, |s| format!(" — source: {}", md(s)));
        out.push_str(&format!(
            "- **{}** ({}, {}): {}{source}\n",
            md(line.city),
            line.kind,
            code(&line.letter.id),
            md(&line.text),
        ));
    }
    if lines.is_empty() {
        out.push_str("\nNothing happened in the dates asked for.\n");
    }
    out
}

/// The CSV columns of a chronology.
pub const CSV_COLUMNS: [&str; 10] = [
    "date",
    "city",
    "city_name",
    "letter",
    "matter",
    "kind",
    "state",
    "text",
    "source",
    "upcoming",
];

/// One row per event; every text cell that a spreadsheet would read as a
/// formula starts with `'` (as the letters' CSV export does).
#[allow(clippy::expect_used, reason = "writing CSV to memory cannot fail")]
#[must_use]
pub fn to_csv(lines: &[EventLine]) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut write = |record: Vec<Cow<str>>| {
        writer
            .write_record(record.iter().map(|c| c.as_bytes()))
            .expect("writing CSV to memory cannot fail");
    };
    write(CSV_COLUMNS.map(Cow::Borrowed).to_vec());
    for line in lines {
        write(vec![
            Cow::Owned(line.on.to_string()),
            guard(&line.letter.city),
            guard(line.city),
            guard(&line.letter.id),
            guard(line.letter.matter.as_deref().unwrap_or("")),
            Cow::Borrowed(line.kind),
            Cow::Borrowed(line.state),
            guard(&line.text),
            guard(line.source.unwrap_or("")),
            Cow::Borrowed(if line.upcoming { "true" } else { "false" }),
        ]);
    }
    let bytes = writer.into_inner().expect("flushing to memory cannot fail");
    String::from_utf8(bytes).expect("the CSV writer writes the UTF-8 it is given")
}

/// One event in JSON.
#[derive(Debug, Serialize)]
struct JsonEvent<'a> {
    date: Date,
    city: &'a str,
    city_name: &'a str,
    letter: &'a str,
    matter: Option<&'a str>,
    kind: &'a str,
    state: &'a str,
    text: &'a str,
    source: Option<&'a str>,
    upcoming: bool,
}

/// `{"as_of": ..., "events": [...]}`, pretty, ending with a newline.
#[allow(clippy::expect_used, reason = "events hold only strings and dates")]
#[must_use]
pub fn to_json(lines: &[EventLine], as_of: Date) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        as_of: Date,
        events: Vec<JsonEvent<'a>>,
    }
    let events = (lines.iter())
        .map(|l| JsonEvent {
            date: l.on,
            city: &l.letter.city,
            city_name: l.city,
            letter: &l.letter.id,
            matter: l.letter.matter.as_deref(),
            kind: l.kind,
            state: l.state,
            text: &l.text,
            source: l.source,
            upcoming: l.upcoming,
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&Out { as_of, events })
        .expect("events always serialize: they hold only strings and dates");
    text.push('\n');
    text
}
