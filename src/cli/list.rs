//! `docket list`: the letters as of a date, as a table or JSON.

use std::path::Path;

use std::collections::HashMap;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{CliError, load_or_init, parse_status};
use chrono::Datelike;

use crate::model::{Date, Docket, Letter, Status, observed_federal_holidays};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only letters to this city (its id)
    #[arg(long, value_name = "ID")]
    city: Option<String>,
    /// Only letters with this status (open, due-soon, due-today, overdue, answered, answered-late, closed, no-deadline)
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    status: Option<Status>,
    /// Print a JSON array instead of a table
    #[arg(long)]
    json: bool,
}

/// One letter as `list --json` prints it.
#[derive(Debug, Serialize)]
pub struct ListItem<'a> {
    pub id: &'a str,
    pub city: &'a str,
    pub city_name: &'a str,
    pub subject: &'a str,
    pub sent: Date,
    pub due: Option<Date>,
    pub days_left: Option<i64>,
    pub business_days_left: Option<i64>,
    pub status: Status,
}

impl<'a> ListItem<'a> {
    pub fn new(docket: &'a Docket, letter: &'a Letter, as_of: Date) -> Self {
        ListItem {
            id: &letter.id,
            city: &letter.city,
            city_name: docket.city_name(&letter.city),
            subject: &letter.subject,
            sent: letter.sent,
            due: letter.effective_due(as_of),
            days_left: letter.days_left(as_of),
            business_days_left: letter.business_days_left(as_of),
            status: letter.status(as_of),
        }
    }
}

pub fn run(path: &Path, as_of: Date, args: &ListArgs) -> Result<(), CliError> {
    let docket = load_or_init(path)?;
    if let Some(city) = &args.city
        && docket.city(city).is_none()
    {
        return Err(CliError::data(format!(
            "{}: no city with id {city:?}",
            path.display()
        )));
    }
    let items: Vec<ListItem> = by_urgency(&docket, as_of)
        .into_iter()
        .filter(|item| args.city.as_ref().is_none_or(|c| c == item.city))
        .filter(|item| args.status.is_none_or(|s| s == item.status))
        .collect();
    let text = if args.json {
        let mut json = serde_json::to_string_pretty(&items).expect("list items serialize");
        json.push('\n');
        json
    } else {
        render_table(&items)
    };
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`docket list | head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    // The process ends now: freeing every letter one by one would only take
    // time (a tenth of a second at 100,000 letters) the system saves.
    std::mem::forget(items);
    std::mem::forget(docket);
    Ok(())
}

/// The letters sent as of `as_of`, most urgent first, as `Docket::by_urgency`
/// orders them; each letter's figures computed once, and the business days
/// from one table of the holidays in the years spanned.
fn by_urgency(docket: &Docket, as_of: Date) -> Vec<ListItem<'_>> {
    let mut city_names: HashMap<&str, &str> = HashMap::new();
    for city in &docket.cities {
        city_names.entry(&city.id).or_insert(&city.name);
    }
    let mut items: Vec<ListItem> = (docket.letters.iter())
        .filter(|l| l.is_sent(as_of))
        .map(|letter| {
            let due = letter.effective_due(as_of);
            ListItem {
                id: &letter.id,
                city: &letter.city,
                city_name: city_names
                    .get(letter.city.as_str())
                    .unwrap_or(&letter.city.as_str()),
                subject: &letter.subject,
                sent: letter.sent,
                due,
                days_left: due.map(|due| (due - as_of).num_days()),
                business_days_left: None,
                status: letter.status(as_of),
            }
        })
        .collect();
    let calendar = Holidays::spanning(items.iter().filter_map(|i| i.due).chain([as_of]));
    for item in &mut items {
        item.business_days_left = item.due.map(|due| calendar.days_left(due, as_of));
    }
    items.sort_unstable_by(|a, b| {
        let key = |i: &ListItem| (i.status, i.days_left.unwrap_or(i64::MAX));
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(b.id))
    });
    items
}

/// The observed federal holidays of a span of years, in date order, counted
/// as `business_days_between` counts them.
struct Holidays(Vec<Date>);

impl Holidays {
    fn spanning(dates: impl Iterator<Item = Date>) -> Self {
        let (mut first, mut last) = (i32::MAX, i32::MIN);
        for date in dates {
            first = first.min(date.year());
            last = last.max(date.year());
        }
        let mut days: Vec<Date> = (first..=last)
            .flat_map(observed_federal_holidays)
            .map(|(date, _)| date)
            .collect();
        days.sort_unstable();
        Holidays(days)
    }

    /// As `Letter::business_days_left` for a letter due on `due`.
    fn days_left(&self, due: Date, as_of: Date) -> i64 {
        if due >= as_of {
            self.between(as_of, due)
        } else {
            -self.between(due, as_of)
        }
    }

    /// As `business_days_between`: business days `d` with `from < d <= to`.
    fn between(&self, from: Date, to: Date) -> i64 {
        if to <= from {
            return 0;
        }
        let upto = |date: Date| self.0.partition_point(|h| *h <= date);
        weekdays_between(from, to) - (upto(to) - upto(from)) as i64
    }
}

/// Weekdays `d` with `from < d <= to`, as the calendar counts them.
fn weekdays_between(from: Date, to: Date) -> i64 {
    let days = (to - from).num_days();
    let (weeks, rest) = (days / 7, days % 7);
    let start = from.weekday().num_days_from_monday() as i64;
    let partial = (1..=rest).filter(|i| (start + i) % 7 < 5).count() as i64;
    weeks * 5 + partial
}

pub(super) fn render_table(items: &[ListItem]) -> String {
    let header = ["ID", "CITY", "STATUS", "DUE", "DAYS", "BIZ", "SUBJECT"];
    let number = |n: Option<i64>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    let rows: Vec<[String; 6]> = (items.iter())
        .map(|item| {
            [
                item.id.to_owned(),
                item.city_name.to_owned(),
                item.status.label().to_owned(),
                item.due.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                number(item.days_left),
                number(item.business_days_left),
            ]
        })
        .collect();
    let mut widths: [usize; 6] = std::array::from_fn(|c| header[c].width());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::with_capacity((rows.len() + 1) * 160);
    let mut line = |cells: [&str; 6], subject: &str| {
        let start = out.len();
        for (cell, width) in cells.iter().zip(widths) {
            out.push_str(cell);
            out.extend(std::iter::repeat_n(' ', width - cell.width() + 2));
        }
        out.push_str(subject);
        out.truncate(start + out[start..].trim_end().len());
        out.push('\n');
    };
    line(std::array::from_fn(|c| header[c]), header[6]);
    for (row, item) in rows.iter().zip(items) {
        line(std::array::from_fn(|c| row[c].as_str()), item.subject);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{add_days, business_days_between};

    #[test]
    fn business_days_from_the_table_are_the_calendar_s() {
        let start: Date = "2011-12-20".parse().unwrap();
        let dates: Vec<Date> = (0..6000)
            .step_by(7)
            .map(|n| add_days(start, n).unwrap())
            .collect();
        let calendar = Holidays::spanning(dates.iter().copied());
        for &from in dates.iter().step_by(13) {
            for offset in [-400, -31, -7, -3, -1, 0, 1, 2, 3, 4, 5, 6, 7, 30, 365, 2000] {
                let Some(to) = add_days(from, offset)
                    .filter(|d| dates[0] <= *d && *d <= dates[dates.len() - 1])
                else {
                    continue;
                };
                assert_eq!(
                    calendar.between(from, to),
                    business_days_between(from, to),
                    "{from} {to}"
                );
            }
        }
    }
}
