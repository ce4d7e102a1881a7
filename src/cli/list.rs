//! `docket list`: the letters as of a date, as a table or JSON.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::who::Author;
use super::{Error, json_failed, load_outgoing, parse_status, table};
use crate::model::text::same_name;
use crate::model::{Date, Docket, Holidays, Letter, Status, Urgency};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only letters to this city (its id)
    #[arg(long, value_name = "ID")]
    city: Option<String>,
    /// Only letters with this status (open, due-soon, due-today, overdue, answered, answered-late, closed, no-deadline)
    #[arg(long, value_name = "STATUS", value_parser = parse_status)]
    status: Option<Status>,
    #[command(flatten)]
    owner: OwnerArgs,
    /// Print a JSON array instead of a table
    #[arg(long)]
    json: bool,
    /// Show the letters' private notes too (a last column, or `private_notes` in JSON)
    #[arg(long)]
    include_private: bool,
}

/// Who handles the letters listed: `--owner NAME` or `--mine`.
#[derive(Debug, clap::Args)]
pub struct OwnerArgs {
    /// Only letters this person handles
    #[arg(long, value_name = "NAME", conflicts_with = "mine")]
    owner: Option<String>,
    /// Only letters handled by me: the name of --by, `DOCKET_USER`, git's user.name or the login
    #[arg(long)]
    mine: bool,
}

impl OwnerArgs {
    /// The owner asked for, if any.
    pub fn wanted(&self, author: &Author) -> Option<String> {
        if self.mine {
            Some(author.name().to_owned())
        } else {
            self.owner.clone()
        }
    }
}

/// Keeps the items whose letter `owner` handles, when one is asked for.
pub fn keep_owned(items: &mut Vec<ListItem>, owner: Option<&str>) {
    if let Some(owner) = owner {
        items.retain(|item| item.owner.is_some_and(|o| same_name(o, owner)));
    }
}

/// One letter as `list --json` prints it.
#[derive(Debug, Serialize)]
pub struct ListItem<'a> {
    pub id: &'a str,
    pub city: &'a str,
    pub city_name: &'a str,
    pub subject: &'a str,
    pub owner: Option<&'a str>,
    pub sent: Date,
    pub due: Option<Date>,
    pub days_left: Option<i64>,
    pub business_days_left: Option<i64>,
    pub status: Status,
    /// Only with `--include-private`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_notes: Option<&'a str>,
}

impl<'a> ListItem<'a> {
    pub fn new(docket: &'a Docket, letter: &'a Letter, as_of: Date, holidays: &Holidays) -> Self {
        ListItem {
            id: &letter.id,
            city: &letter.city,
            city_name: docket.city_name(&letter.city),
            subject: &letter.subject,
            owner: letter.owner.as_deref(),
            sent: letter.sent,
            due: letter.effective_due(as_of),
            days_left: letter.days_left(as_of),
            business_days_left: (letter.business_days_left(as_of, holidays)),
            status: letter.status_with(as_of, &docket.settings),
            private_notes: None,
        }
    }

    /// The letter's place in the order of urgency.
    fn urgency(&self) -> Urgency<&'a str> {
        Urgency::new(self.status, self.days_left, self.id)
    }
}

pub fn run(path: &Path, as_of: Date, args: &ListArgs, author: &Author) -> Result<(), Error> {
    let docket = load_outgoing(path, args.include_private)?;
    if let Some(city) = &args.city
        && docket.city(city).is_none()
    {
        return Err(Error::data(format!(
            "{}: no city with id {city:?}",
            path.display()
        )));
    }
    // Asked for, the letters dated after the as-of date are listed too: a
    // letter mistyped into the future is found, not lost.
    let unsent = args.status == Some(Status::NotYetSent);
    let mut items: Vec<ListItem> = listed(&docket, as_of, unsent, args.include_private)
        .into_iter()
        .filter(|item| args.city.as_ref().is_none_or(|c| c == item.city))
        .filter(|item| args.status.is_none_or(|s| s == item.status))
        .collect();
    keep_owned(&mut items, args.owner.wanted(author).as_deref());
    let text = if args.json {
        let mut json = serde_json::to_string_pretty(&items).map_err(|err| json_failed(&err))?;
        json.push('\n');
        json
    } else {
        render_table(&items)
    };
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
pub(super) fn by_urgency(docket: &Docket, as_of: Date) -> Vec<ListItem<'_>> {
    listed(docket, as_of, false, false)
}

/// As `by_urgency`, with the letters not yet sent as of `as_of` when
/// `unsent`, and their private notes when `private` (the docket has them
/// only when the user asked).
fn listed(docket: &Docket, as_of: Date, unsent: bool, private: bool) -> Vec<ListItem<'_>> {
    let mut city_names: HashMap<&str, &str> = HashMap::new();
    for city in &docket.cities {
        city_names.entry(&city.id).or_insert(&city.name);
    }
    let mut items: Vec<ListItem> = (docket.letters.iter())
        .filter(|l| unsent || l.is_sent(as_of))
        .map(|letter| {
            let due = letter.effective_due(as_of);
            ListItem {
                id: &letter.id,
                city: &letter.city,
                city_name: city_names
                    .get(letter.city.as_str())
                    .unwrap_or(&letter.city.as_str()),
                subject: &letter.subject,
                owner: letter.owner.as_deref(),
                sent: letter.sent,
                due,
                days_left: due.map(|due| (due - as_of).num_days()),
                business_days_left: None,
                status: letter.status_with(as_of, &docket.settings),
                private_notes: private.then_some(letter.private_notes.as_str()),
            }
        })
        .collect();
    let dates = items.iter().filter_map(|i| i.due).chain([as_of]);
    let holidays = Holidays::spanning(&docket.settings.calendar, dates);
    for item in &mut items {
        item.business_days_left = item.due.map(|due| holidays.business_days_left(as_of, due));
    }
    items.sort_unstable_by(|a, b| a.urgency().cmp(&b.urgency()));
    items
}

/// The table `list` and `due` print; an OWNER column when a letter listed has one.
pub(super) fn render_table(items: &[ListItem]) -> String {
    if items.iter().any(|item| item.owner.is_some()) {
        return render_with_owner(items);
    }
    let number = |n: Option<i64>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    let figures: Vec<[String; 3]> = (items.iter())
        .map(|item| {
            [
                item.due.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                number(item.days_left),
                number(item.business_days_left),
            ]
        })
        .collect();
    let private = items.iter().any(|item| item.private_notes.is_some());
    let notes: Vec<String> = (items.iter())
        .map(|item| crate::export::one_line(item.private_notes.unwrap_or_default()))
        .collect();
    let mut header = vec!["ID", "CITY", "STATUS", "DUE", "DAYS", "BIZ", "SUBJECT"];
    header.extend(private.then_some("PRIVATE NOTES"));
    let rows = (items.iter().zip(&figures).zip(&notes)).map(|((item, [due, days, biz]), notes)| {
        let mut row = vec![
            item.id,
            item.city_name,
            item.status.label(),
            due,
            days,
            biz,
            item.subject,
        ];
        row.extend(private.then_some(notes.as_str()));
        row
    });
    table::render(&std::iter::once(header).chain(rows).collect::<Vec<_>>())
}

fn render_with_owner(items: &[ListItem]) -> String {
    let number = |n: Option<i64>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
    let figures: Vec<[String; 3]> = (items.iter())
        .map(|item| {
            [
                item.due.map_or_else(|| "-".to_owned(), |d| d.to_string()),
                number(item.days_left),
                number(item.business_days_left),
            ]
        })
        .collect();
    let header = [
        "ID", "CITY", "STATUS", "DUE", "DAYS", "BIZ", "OWNER", "SUBJECT",
    ];
    let rows = (items.iter().zip(&figures)).map(|(item, [due, days, biz])| {
        [
            item.id,
            item.city_name,
            item.status.label(),
            due,
            days,
            biz,
            item.owner.unwrap_or("-"),
            item.subject,
        ]
    });
    table::render(&std::iter::once(header).chain(rows).collect::<Vec<_>>())
}
