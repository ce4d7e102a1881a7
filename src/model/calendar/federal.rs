//! The U.S. federal holidays (5 U.S.C. 6103) and the days they are observed.

use chrono::{Datelike, Weekday};

use crate::model::Date;

/// A federal holiday of a year: the day it is observed, its own date and
/// its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FederalHoliday {
    /// The day off: the holiday itself, or the Friday before one on a
    /// Saturday, or the Monday after one on a Sunday.
    pub observed: Date,
    /// The holiday's own date.
    pub nominal: Date,
    /// Its name in law, such as `Washington's Birthday`.
    pub name: &'static str,
}

/// The U.S. federal holidays observed in `year`, in date order. A holiday
/// on a Saturday is observed the Friday before, one on a Sunday the Monday
/// after (so New Year's Day of the next year may be observed on December
/// 31). Juneteenth counts from 2021, as in law.
pub fn federal_holidays(year: i32) -> Vec<FederalHoliday> {
    let mut days: Vec<FederalHoliday> = [year, year + 1]
        .into_iter()
        .flat_map(holidays_of)
        .map(|(nominal, name)| FederalHoliday {
            observed: observed(nominal),
            nominal,
            name,
        })
        .filter(|h| h.observed.year() == year)
        .collect();
    days.sort();
    days
}

/// The U.S. federal holidays observed in `year`, in date order, with their
/// names: see [`federal_holidays`].
pub fn observed_federal_holidays(year: i32) -> Vec<(Date, &'static str)> {
    (federal_holidays(year).into_iter())
        .map(|h| (h.observed, h.name))
        .collect()
}

fn observed(date: Date) -> Date {
    match date.weekday() {
        Weekday::Sat => date.pred_opt().unwrap_or(date),
        Weekday::Sun => date.succ_opt().unwrap_or(date),
        _ => date,
    }
}

/// The holidays of `year` on their nominal dates.
fn holidays_of(year: i32) -> Vec<(Date, &'static str)> {
    let fixed = |month, day| Date::from_ymd_opt(year, month, day);
    let nth = |month, weekday, n| Date::from_weekday_of_month_opt(year, month, weekday, n);
    let last_monday_of_may = Date::from_ymd_opt(year, 5, 31).map(|d| {
        let back = d.weekday().num_days_from_monday();
        d - chrono::Days::new(back.into())
    });
    let mut days = vec![
        (fixed(1, 1), "New Year's Day"),
        (
            nth(1, Weekday::Mon, 3),
            "Birthday of Martin Luther King, Jr.",
        ),
        (nth(2, Weekday::Mon, 3), "Washington's Birthday"),
        (last_monday_of_may, "Memorial Day"),
        (fixed(7, 4), "Independence Day"),
        (nth(9, Weekday::Mon, 1), "Labor Day"),
        (nth(10, Weekday::Mon, 2), "Columbus Day"),
        (fixed(11, 11), "Veterans Day"),
        (nth(11, Weekday::Thu, 4), "Thanksgiving Day"),
        (fixed(12, 25), "Christmas Day"),
    ];
    if year >= 2021 {
        days.push((fixed(6, 19), "Juneteenth National Independence Day"));
    }
    days.into_iter()
        .filter_map(|(date, name)| date.map(|d| (d, name)))
        .collect()
}
