//! `docket chronology`: every dated event across cities in date order, as
//! a table, Markdown for a story memo, CSV or JSON.

use std::path::Path;

use super::{Error, load_or_sample, print_out, resolve, table};
use crate::export::chronology::{Narrowed, lines, to_csv, to_json, to_markdown};
use crate::model::{Date, DateSpec};
use crate::story::{Chronology, EventLine};
use crate::text_safety::visible_owned;

/// The forms `chronology` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for the terminal
    Text,
    /// A memo: a heading per day, a line per event with city, kind and source
    #[value(alias = "markdown")]
    Md,
    /// One row per event (cells that would start a formula begin with ')
    Csv,
    /// An object: the as-of date and the events
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ChronologyArgs {
    /// Only the letters of this matter
    #[arg(long, value_name = "ID")]
    matter: Option<String>,
    /// Only the letters to this city (its id)
    #[arg(long, value_name = "ID")]
    city: Option<String>,
    /// Only events on or after this date
    #[arg(long, value_name = "DATE")]
    from: Option<DateSpec>,
    /// Only events on or before this date
    #[arg(long, value_name = "DATE")]
    to: Option<DateSpec>,
    /// How to print it
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(path: &Path, as_of: Date, today: Date, args: &ChronologyArgs) -> Result<(), Error> {
    let from = args.from.map(|d| resolve(d, today)).transpose()?;
    let to = args.to.map(|d| resolve(d, today)).transpose()?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(Error::usage(format!(
            "--from {from} is after --to {to}: no day is in between"
        )));
    }
    let docket = load_or_sample(path)?;
    if let Some(city) = &args.city
        && docket.city(city).is_none()
    {
        return Err(Error::data(format!(
            "{}: no city with id {city:?}",
            path.display()
        )));
    }
    if let Some(matter) = &args.matter
        && !(docket.letters.iter()).any(|l| l.matter.as_ref() == Some(matter))
    {
        return Err(Error::data(format!(
            "{}: no matter {matter:?}",
            path.display()
        )));
    }
    let narrowed = Narrowed {
        matter: args.matter.clone(),
        city: args.city.clone(),
        from,
        to,
    };
    let chronology = Chronology::new(&docket);
    let lines = lines(&docket, &chronology, as_of, &narrowed);
    let text = match args.format {
        Format::Text => render_table(&lines, as_of),
        // Markdown is read by people, on a terminal too.
        Format::Md => visible_owned(to_markdown(&lines, as_of)),
        Format::Csv => to_csv(&lines),
        Format::Json => to_json(&lines, as_of),
    };
    print_out(&text);
    Ok(())
}

/// DATE, CITY, KIND, LETTER, WHAT: a line per event; an upcoming deadline's
/// date is marked `>`.
fn render_table(lines: &[EventLine], as_of: Date) -> String {
    if lines.is_empty() {
        return format!("nothing happened in the dates asked for, as of {as_of}\n");
    }
    let head = ["DATE", "CITY", "KIND", "LETTER", "WHAT"].map(str::to_owned);
    let rows: Vec<[String; 5]> = std::iter::once(head)
        .chain(lines.iter().map(|l| {
            let date = if l.upcoming {
                format!("{} >", l.on)
            } else {
                l.on.to_string()
            };
            [
                date,
                l.city.to_owned(),
                l.kind.to_owned(),
                l.letter.id.clone(),
                l.text.clone(),
            ]
        }))
        .collect();
    table::render(&rows)
}
