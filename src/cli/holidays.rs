//! `docket holidays`: the office calendar's days off, and adding, removing
//! or importing them. A change is a change of the docket's settings, saved
//! like any other.

use std::path::{Path, PathBuf};

use chrono::Datelike;
use clap::{Args, Subcommand};
use serde::Serialize;

use super::change::apply_with;
use super::{Error, json_failed, load_or_sample, resolve, table};
use crate::import::holidays_ics::holidays_from_ics;
use crate::model::{Calendar, Change, Date, DateSpec, DayOff, Docket, Holiday, Settings, Stamp};

#[derive(Debug, Args)]
pub struct HolidaysArgs {
    #[command(subcommand)]
    command: Option<HolidaysCommand>,
    /// The year to list [default: the as-of date's]
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,
    /// Print a JSON array instead of a table
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum HolidaysCommand {
    /// Add a day off of the office (a state holiday, a closure, a court day off)
    Add {
        #[arg(value_name = "DATE")]
        on: DateSpec,
        /// Its name, such as "Maryland Day"
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// Remove a day off: an office one goes, a federal one is marked worked
    Rm {
        #[arg(value_name = "DATE")]
        on: DateSpec,
    },
    /// Add the all-day events of an iCalendar file as office days off
    Import {
        #[arg(value_name = "FILE.ics")]
        ics: PathBuf,
        /// Repeat yearly events through this year [default: ten years after the as-of date]
        #[arg(long, value_name = "YEAR")]
        through: Option<i32>,
    },
}

/// A day of the list as `holidays --json` prints it.
#[derive(Debug, Serialize)]
struct DayView<'a> {
    on: Date,
    weekday: String,
    name: &'a str,
    source: &'static str,
    /// Whether the office is closed (a removed day is worked).
    off: bool,
}

pub fn run(
    path: &Path,
    (as_of, today): (Date, Date),
    stamp: &Stamp,
    args: HolidaysArgs,
) -> Result<(), Error> {
    match args.command {
        None => list(path, args.year.unwrap_or(as_of.year()), args.json),
        Some(HolidaysCommand::Add { on, name }) => {
            let on = resolve(on, today)?;
            change_calendar(path, stamp, |calendar| add(calendar, on, &name))
        }
        Some(HolidaysCommand::Rm { on }) => {
            let on = resolve(on, today)?;
            change_calendar(path, stamp, |calendar| remove(calendar, on))
        }
        Some(HolidaysCommand::Import { ics, through }) => {
            let file = ics;
            let text = std::fs::read_to_string(&file)
                .map_err(|err| Error::data(format!("{}: {err}", file.display())))?;
            let through = through.unwrap_or(as_of.year() + 10);
            let days = holidays_from_ics(&text, through).map_err(|err| {
                Error::data(format!("{}: {err}; nothing was imported", file.display()))
            })?;
            change_calendar(path, stamp, |calendar| Ok(import(calendar, days)))
        }
    }
}

fn list(path: &Path, year: i32, json: bool) -> Result<(), Error> {
    let docket = load_or_sample(path)?;
    if !(1..=9999).contains(&year) {
        return Err(Error::usage(format!("--year {year}: years 1 to 9999")));
    }
    let days = docket.settings.calendar.days_off(year);
    if json {
        let views: Vec<DayView> = days.iter().map(view).collect();
        let json = serde_json::to_string_pretty(&views).map_err(|err| json_failed(&err))?;
        println!("{json}");
        return Ok(());
    }
    println!("{}", heading(&docket, year, &days));
    let rows: Vec<[String; 4]> = (days.iter())
        .map(|d| {
            let source = if d.is_off() {
                d.source.as_str()
            } else {
                "removed (worked)"
            };
            [
                d.on.to_string(),
                d.on.format("%a").to_string(),
                d.name.clone(),
                source.to_owned(),
            ]
        })
        .collect();
    if !rows.is_empty() {
        print!("{}", table::render(&rows));
    }
    Ok(())
}

/// `Days off in 2026 (U.S. federal holidays and the office's own): 13`.
fn heading(docket: &Docket, year: i32, days: &[DayOff]) -> String {
    let base = match docket.settings.calendar.base {
        crate::model::CalendarBase::UsFederal => "U.S. federal holidays",
        crate::model::CalendarBase::NoHolidays => "no built-in holidays",
    };
    let off = days.iter().filter(|d| d.is_off()).count();
    format!("Days off in {year} ({base} and the office's own): {off}")
}

fn view(day: &DayOff) -> DayView<'_> {
    DayView {
        on: day.on,
        weekday: day.on.format("%a").to_string(),
        name: &day.name,
        source: day.source.as_str(),
        off: day.is_off(),
    }
}

/// Applies a change of the calendar as a change of the settings; prints
/// what `change` says it did.
fn change_calendar(
    path: &Path,
    stamp: &Stamp,
    change: impl FnOnce(&mut Calendar) -> Result<String, Error>,
) -> Result<(), Error> {
    apply_with(path, stamp, |docket| {
        let mut settings: Settings = docket.settings.clone();
        let said = change(&mut settings.calendar)?;
        Ok((Change::Settings(settings), Some(said)))
    })
}

fn add(calendar: &mut Calendar, on: Date, name: &str) -> Result<String, Error> {
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(Error::usage("a holiday needs a name"));
    }
    if let Some(at) = calendar.removed.iter().position(|d| *d == on) {
        calendar.removed.remove(at);
        return Ok(format!("{on} is a day off again"));
    }
    if let Some(existing) = calendar.holiday_on(on) {
        return Err(Error::data(format!(
            "refused: {on} is already a day off ({existing}); nothing was written"
        )));
    }
    calendar.extra.push(Holiday {
        on,
        name: name.clone(),
    });
    Ok(format!("{on} {name}"))
}

fn remove(calendar: &mut Calendar, on: Date) -> Result<String, Error> {
    if let Some(at) = calendar.extra.iter().position(|h| h.on == on) {
        let gone = calendar.extra.remove(at);
        return Ok(format!("{on} {} removed", gone.name));
    }
    match calendar.holiday_on(on) {
        Some(name) => {
            calendar.removed.push(on);
            Ok(format!("{on} {name} is now worked"))
        }
        None => Err(Error::data(format!(
            "refused: {on} is not a day off of the calendar; nothing was written"
        ))),
    }
}

fn import(calendar: &mut Calendar, days: Vec<Holiday>) -> String {
    let (mut added, mut kept) = (0, 0);
    for day in days {
        if calendar.holiday_on(day.on).is_some() {
            kept += 1;
        } else {
            calendar.extra.push(day);
            added += 1;
        }
    }
    format!("{added} days off added, {kept} already days off")
}
