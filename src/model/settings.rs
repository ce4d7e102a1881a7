//! How the docket's rules are applied: when a deadline is "soon", which
//! reminders calendars get, and the office's calendar of days off. They live
//! in the data file because the whole office must count the same days.

use serde::{Deserialize, Serialize};

use super::Date;

/// How many days ahead a deadline counts as "due soon" by default.
pub const DUE_SOON_DAYS: i64 = 3;

/// The settings the rules of the docket read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// A deadline at most this many days ahead is "due soon".
    pub due_soon_days: i64,
    /// Reminders, in days before a deadline.
    pub reminders: Vec<i64>,
    /// Whether a deadline computed from a rule that lands on a day off
    /// moves to the next business day.
    pub roll_forward: bool,
    /// The office's days off.
    pub calendar: Calendar,
}

/// The office's calendar: a built-in set of holidays, plus its own days off,
/// minus days it works.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Calendar {
    /// The built-in holidays.
    pub base: CalendarBase,
    /// The office's own days off: state holidays, closures, court days off.
    pub extra: Vec<Holiday>,
    /// Days of the base that the office works.
    pub removed: Vec<Date>,
}

/// The built-in holidays a [`Calendar`] starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CalendarBase {
    /// The U.S. federal holidays, on their observed days.
    #[default]
    UsFederal,
    /// No holidays: only weekends are days off. (`None` in DESIGN.md's
    /// words, read as such; written so, it would need ron's `r#None`.)
    #[serde(alias = "None")]
    NoHolidays,
}

/// A day off with its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The day.
    pub on: Date,
    /// Its name, such as `Maryland Day`.
    pub name: String,
}

impl Settings {
    /// The settings of a docket that sets none, shared.
    pub fn defaults() -> &'static Settings {
        static DEFAULTS: std::sync::LazyLock<Settings> =
            std::sync::LazyLock::new(Settings::default);
        &DEFAULTS
    }

    /// Whether these are the settings of a docket that sets none (then the
    /// file does not write them).
    pub fn is_default(&self) -> bool {
        self == Settings::defaults()
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            due_soon_days: DUE_SOON_DAYS,
            reminders: vec![DUE_SOON_DAYS],
            roll_forward: true,
            calendar: Calendar::default(),
        }
    }
}
