//! `docket due`: the letters overdue or falling due soon, most urgent first.

use std::path::Path;

use super::list::{ListItem, OwnerArgs, by_urgency, keep_owned, render_table};
use super::who::Author;
use super::{Error, json_failed, load_or_sample};
use crate::model::text::count;
use crate::model::{Date, Docket};

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// Include deadlines up to this many days after the as-of date (overdue ones always show) [default: the largest of the docket's reminders, see `docket settings`]
    #[arg(long, value_name = "DAYS")]
    within: Option<u32>,
    #[command(flatten)]
    owner: OwnerArgs,
    /// Print a JSON array (the fields of `list --json`) instead of a table
    #[arg(long)]
    json: bool,
}

pub fn run(path: &Path, as_of: Date, args: &DueArgs, author: &Author) -> Result<(), Error> {
    let docket = load_or_sample(path)?;
    let within = args
        .within
        .map_or_else(|| default_within(&docket), i64::from);
    let mut items = due_within(&docket, as_of, within);
    let owner = args.owner.wanted(author);
    keep_owned(&mut items, owner.as_deref());
    if args.json {
        let json = serde_json::to_string_pretty(&items).map_err(|err| json_failed(&err))?;
        println!("{json}");
    } else if items.is_empty() {
        let whose = owner.map_or_else(String::new, |o| format!(" for {o}"));
        println!(
            "nothing is overdue or due within {} as of {as_of}{whose}",
            count(within, "day")
        );
    } else {
        print!("{}", render_table(&items));
    }
    Ok(())
}

/// How far ahead `due` looks unless told: the earliest reminder's lead
/// (the largest number of days before a deadline), else the due-soon window.
fn default_within(docket: &Docket) -> i64 {
    let settings = &docket.settings;
    (settings.reminders.iter().copied().max()).unwrap_or(settings.due_soon_days)
}

/// The letters waiting for an answer as of `as_of` whose deadline is at most
/// `within` days away, most urgent first (for these: by days left, then id).
fn due_within(docket: &Docket, as_of: Date, within: i64) -> Vec<ListItem<'_>> {
    let mut items = by_urgency(docket, as_of);
    items.retain(|item| item.status.is_pending() && item.days_left.is_some_and(|d| d <= within));
    items
}
