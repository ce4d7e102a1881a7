//! `docket log`: who changed what, newest first, across the docket's letters
//! and cities, or for one of them.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::{Error, json_failed, load_or_sample, resolve, table};
use crate::model::text::same_name;
use crate::model::{Date, DateSpec, Docket, LogEntry};

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Only this letter's changes; a city's id gives the city's and its letters'
    #[arg(value_name = "LETTER")]
    record: Option<String>,
    /// Only the changes made on or after this date: YYYY-MM-DD, today, -7d, -2w
    #[arg(long, value_name = "DATE")]
    since: Option<DateSpec>,
    /// Print a JSON array instead of a table
    #[arg(long)]
    json: bool,
}

/// One change as `log --json` prints it.
#[derive(Debug, Serialize)]
struct Logged<'a> {
    at: NaiveDateTime,
    by: &'a str,
    /// `letter` or `city`.
    record: &'static str,
    id: &'a str,
    what: &'a str,
}

/// `by`: only the changes this person made (the global `--by`; never
/// `DOCKET_USER`, which names who makes changes, not whose to list).
pub fn run(path: &Path, today: Date, args: &LogArgs, by: Option<&str>) -> Result<(), Error> {
    let docket = load_or_sample(path)?;
    let since = args.since.map(|s| resolve(s, today)).transpose()?;
    let mut rows = changes(&docket, args.record.as_deref(), path)?;
    rows.retain(|row| {
        by.is_none_or(|by| same_name(row.by, by))
            && since.is_none_or(|since| row.at.date() >= since)
    });
    let text = if args.json {
        let mut json = serde_json::to_string_pretty(&rows).map_err(|err| json_failed(&err))?;
        json.push('\n');
        json
    } else if rows.is_empty() {
        "no changes logged\n".to_owned()
    } else {
        render(&rows)
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`docket log | head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    Ok(())
}

/// The changes logged on the record asked for (or on every record),
/// newest first; those made at one time in the order they were made, last first.
fn changes<'a>(
    docket: &'a Docket,
    record: Option<&str>,
    path: &Path,
) -> Result<Vec<Logged<'a>>, Error> {
    let mut rows = Vec::new();
    let mut add = |kind: &'static str, id: &'a str, log: &'a [LogEntry]| {
        rows.extend(log.iter().map(|entry| Logged {
            at: entry.at,
            by: &entry.by,
            record: kind,
            id,
            what: &entry.what,
        }));
    };
    match record {
        None => {
            docket
                .cities
                .iter()
                .for_each(|c| add("city", &c.id, &c.log));
            docket
                .letters
                .iter()
                .for_each(|l| add("letter", &l.id, &l.log));
        }
        Some(id) => {
            if let Some(letter) = docket.letter(id) {
                add("letter", &letter.id, &letter.log);
            } else if let Some(city) = docket.city(id) {
                add("city", &city.id, &city.log);
                (docket.letters.iter())
                    .filter(|l| l.city == city.id)
                    .for_each(|l| add("letter", &l.id, &l.log));
            } else {
                return Err(Error::data(format!(
                    "{}: no letter or city with id {id:?}",
                    path.display()
                )));
            }
        }
    }
    // Stable: reversing first keeps entries of one time last-made first.
    rows.reverse();
    rows.sort_by_key(|row| std::cmp::Reverse(row.at));
    Ok(rows)
}

fn render(rows: &[Logged]) -> String {
    let header = ["AT", "BY", "RECORD", "WHAT"].map(str::to_owned);
    let lines = rows.iter().map(|row| {
        [
            row.at.format("%Y-%m-%d %H:%M").to_string(),
            row.by.to_owned(),
            row.id.to_owned(),
            row.what.to_owned(),
        ]
    });
    table::render(&std::iter::once(header).chain(lines).collect::<Vec<_>>())
}
