//! `docket due`: the letters overdue or falling due soon, most urgent first.

use std::path::Path;

use super::list::{ListItem, render_table};
use super::{Error, load_or_init};
use crate::model::{Date, Docket, Letter};

/// How many days ahead `due` looks by default.
pub const DEFAULT_WITHIN_DAYS: u32 = 7;

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// Include deadlines up to this many days after the as-of date (overdue ones always show)
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_WITHIN_DAYS)]
    within: u32,
    /// Print a JSON array (the fields of `list --json`) instead of a table
    #[arg(long)]
    json: bool,
}

pub fn run(path: &Path, as_of: Date, args: &DueArgs) -> Result<(), Error> {
    let docket = load_or_init(path)?;
    let letters = due_within(&docket, as_of, i64::from(args.within));
    let items: Vec<ListItem> = letters
        .into_iter()
        .map(|l| ListItem::new(&docket, l, as_of))
        .collect();
    if args.json {
        let json = serde_json::to_string_pretty(&items).expect("list items serialize");
        println!("{json}");
    } else if items.is_empty() {
        println!(
            "nothing is overdue or due within {} as of {as_of}",
            crate::export::count(args.within.into(), "day")
        );
    } else {
        print!("{}", render_table(&items));
    }
    Ok(())
}

/// The letters waiting for an answer as of `as_of` whose deadline is at most
/// `within` days away: overdue first (longest overdue first), then by days
/// left, then by id.
pub fn due_within(docket: &Docket, as_of: Date, within: i64) -> Vec<&Letter> {
    let mut letters: Vec<(i64, &Letter)> = docket
        .letters
        .iter()
        .filter(|l| l.status(as_of).is_pending())
        .filter_map(|l| l.days_left(as_of).map(|days| (days, &**l)))
        .filter(|(days, _)| *days <= within)
        .collect();
    letters.sort_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)));
    letters.into_iter().map(|(_, l)| l).collect()
}
