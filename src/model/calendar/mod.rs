//! The calendar: the dates docket keeps, the U.S. federal holidays, the
//! office's calendar of days off and business days over it, and due rules
//! worked out through it.

mod explain;
mod federal;
mod office;
mod rule;

use chrono::Datelike;

pub use self::explain::DueNotes;
pub use self::federal::{FederalHoliday, federal_holidays, observed_federal_holidays};
pub use self::office::{Closed, DayOff, Holidays, Source, is_weekday};
pub use self::rule::{RuleDue, RuleError};
use super::Date;

/// The years docket keeps: four digits, as the data file, the exports and
/// calendars write a date. chrono reaches much further (years -262143 to
/// 262142), which no calendar program reads back.
const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Whether `date` is one docket keeps: 0001-01-01 to 9999-12-31. Every way a
/// date comes in (the data file, an import, the command line, a form) is
/// checked against this.
pub fn in_range(date: Date) -> bool {
    YEARS.contains(&date.year())
}

/// What is wrong with a date that is not [`in_range`], after the date.
pub const OUTSIDE: &str = "outside 0001-01-01..9999-12-31, the dates docket keeps";

/// `date` if it is [`in_range`], else why not, as a sentence fragment.
pub fn check_range(date: Date) -> Result<Date, String> {
    if in_range(date) {
        Ok(date)
    } else {
        Err(format!("{date} is {OUTSIDE}"))
    }
}

/// `date` moved by `days` (negative: earlier); `None` past chrono's range.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    let step = chrono::Days::new(days.unsigned_abs());
    if days < 0 {
        date.checked_sub_days(step)
    } else {
        date.checked_add_days(step)
    }
}

/// A date as a day number (chrono's days from the common era), for date
/// arithmetic without calendars over many letters at once.
pub type Day = i32;

/// The day number of `date`.
pub fn day_of(date: Date) -> Day {
    date.num_days_from_ce()
}

/// The date of a day number made by [`day_of`].
pub fn date_of(day: Day) -> Date {
    #[allow(
        clippy::expect_used,
        reason = "every day number here was made from a date"
    )]
    Date::from_num_days_from_ce_opt(day).expect("a day number made from a date")
}

/// A day on the calendar, as a date or as a day number: what the rules of
/// the docket count in.
pub trait CalendarDay: Ord + Copy {
    /// Days from `self` to `later`; negative when `later` is earlier.
    fn days_until(self, later: Self) -> i64;
}

impl CalendarDay for Date {
    fn days_until(self, later: Self) -> i64 {
        (later - self).num_days()
    }
}

impl CalendarDay for Day {
    fn days_until(self, later: Self) -> i64 {
        i64::from(later) - i64::from(self)
    }
}

#[cfg(test)]
mod tests;
