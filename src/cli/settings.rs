//! `docket settings`: how the rules are applied (the due-soon window, the
//! reminders, roll-forward, the calendar), and changing one, saved like any
//! change.

use std::path::Path;

use clap::{Args, Subcommand};

use super::change::apply_with;
use super::{Error, json_failed, load_or_sample, table};
use crate::model::{CalendarBase, Change, Settings, Stamp};

#[derive(Debug, Args)]
pub struct SettingsArgs {
    #[command(subcommand)]
    command: Option<SettingsCommand>,
    /// Print the settings as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum SettingsCommand {
    #[command(
        about = "Change one setting: due_soon_days N, reminders 3,7, roll_forward on|off, calendar us-federal|none"
    )]
    Set {
        #[arg(value_name = "KEY")]
        key: String,
        #[arg(value_name = "VALUE", allow_hyphen_values = true)]
        value: String,
    },
}

const KEYS: &str = "due_soon_days, reminders, roll_forward, calendar";

pub fn run(path: &Path, stamp: &Stamp, args: SettingsArgs) -> Result<(), Error> {
    match args.command {
        None => show(path, args.json),
        Some(SettingsCommand::Set { key, value }) => apply_with(path, stamp, |docket| {
            let mut settings = docket.settings.clone();
            set(&mut settings, &key, &value)?;
            let said = format!("{} = {}", key.trim(), value_of(&settings, key.trim()));
            Ok((Change::Settings(settings), Some(said)))
        }),
    }
}

fn show(path: &Path, json: bool) -> Result<(), Error> {
    let docket = load_or_sample(path)?;
    let settings = &docket.settings;
    if json {
        let json = serde_json::to_string_pretty(settings).map_err(|err| json_failed(&err))?;
        println!("{json}");
        return Ok(());
    }
    let calendar = &settings.calendar;
    let rows: Vec<[String; 2]> = ["due_soon_days", "reminders", "roll_forward", "calendar"]
        .into_iter()
        .map(|key| [key.to_owned(), value_of(settings, key)])
        .chain([
            [
                "office days off".to_owned(),
                calendar.extra.len().to_string(),
            ],
            ["days worked".to_owned(), calendar.removed.len().to_string()],
        ])
        .collect();
    print!("{}", table::render(&rows));
    Ok(())
}

/// A setting as `settings` prints it and `settings set` reads it.
fn value_of(settings: &Settings, key: &str) -> String {
    match key {
        "due_soon_days" => settings.due_soon_days.to_string(),
        "reminders" => {
            let days: Vec<String> = settings.reminders.iter().map(ToString::to_string).collect();
            days.join(",")
        }
        "roll_forward" => if settings.roll_forward { "on" } else { "off" }.to_owned(),
        "calendar" => match settings.calendar.base {
            CalendarBase::UsFederal => "us-federal".to_owned(),
            CalendarBase::NoHolidays => "none".to_owned(),
        },
        _ => String::new(),
    }
}

/// Sets one setting from its text, or says what the text should be.
fn set(settings: &mut Settings, key: &str, value: &str) -> Result<(), Error> {
    let value = value.trim();
    let bad = |what: &str| Error::usage(format!("{key} {value:?}: {what}"));
    match key.trim() {
        "due_soon_days" => {
            settings.due_soon_days = value
                .parse()
                .map_err(|_| bad("a number of days, such as 3"))?;
        }
        "reminders" => {
            let days: Result<Vec<i64>, _> = (value.split(','))
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::parse)
                .collect();
            settings.reminders =
                days.map_err(|_| bad("days before a deadline, such as 3 or 3,7 (empty: none)"))?;
        }
        "roll_forward" => {
            settings.roll_forward = match value.to_ascii_lowercase().as_str() {
                "on" | "true" | "yes" => true,
                "off" | "false" | "no" => false,
                _ => return Err(bad("on or off")),
            };
        }
        "calendar" => {
            settings.calendar.base = match value.to_ascii_lowercase().as_str() {
                "us-federal" | "federal" => CalendarBase::UsFederal,
                "none" => CalendarBase::NoHolidays,
                _ => return Err(bad("us-federal or none")),
            };
        }
        other => {
            return Err(Error::usage(format!(
                "no setting {other:?}; the settings are {KEYS}"
            )));
        }
    }
    Ok(())
}
