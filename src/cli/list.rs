//! `docket list`: the letters as of a date, as a table or JSON.

use std::path::Path;

use serde::Serialize;

use super::{CliError, load_or_init, parse_status, table};
use crate::model::{Date, Docket, Letter, Status};

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
    let items: Vec<ListItem> = docket
        .by_urgency(as_of)
        .into_iter()
        .filter(|l| args.city.as_ref().is_none_or(|c| *c == l.city))
        .map(|l| ListItem::new(&docket, l, as_of))
        .filter(|item| args.status.is_none_or(|s| s == item.status))
        .collect();
    if args.json {
        let json = serde_json::to_string_pretty(&items).expect("list items serialize");
        println!("{json}");
    } else {
        print!("{}", render_table(&items));
    }
    Ok(())
}

pub(super) fn render_table(items: &[ListItem]) -> String {
    let header = ["ID", "CITY", "STATUS", "DUE", "DAYS", "BIZ", "SUBJECT"];
    let mut rows = vec![header.map(str::to_owned).to_vec()];
    rows.extend(items.iter().map(|item| {
        let number = |n: Option<i64>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
        vec![
            item.id.to_owned(),
            item.city_name.to_owned(),
            item.status.label().to_owned(),
            item.due.map_or_else(|| "-".to_owned(), |d| d.to_string()),
            number(item.days_left),
            number(item.business_days_left),
            item.subject.to_owned(),
        ]
    }));
    table::render(&rows)
}
