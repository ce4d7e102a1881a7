//! Business days: weekdays that are not U.S. federal holidays (as observed).

use chrono::{Datelike, Weekday};

use super::Date;

/// The U.S. federal holidays observed in `year`, in date order, with their
/// names. A holiday on a Saturday is observed the Friday before, one on a
/// Sunday the Monday after (so New Year's Day of the next year may be observed
/// on December 31). Juneteenth counts from 2021, as in law.
pub fn observed_federal_holidays(year: i32) -> Vec<(Date, &'static str)> {
    let mut days: Vec<(Date, &'static str)> = [year, year + 1]
        .into_iter()
        .flat_map(holidays_of)
        .map(|(date, name)| (observed(date), name))
        .filter(|(date, _)| date.year() == year)
        .collect();
    days.sort();
    days
}

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

/// Whether `date` is a weekday and not an observed federal holiday.
pub fn is_business_day(date: Date) -> bool {
    is_weekday(date) && !is_observed_holiday(date)
}

/// The number of business days `d` with `from < d <= to`; zero when `to <= from`.
pub fn business_days_between(from: Date, to: Date) -> i64 {
    if to <= from {
        return 0;
    }
    let holidays: i64 = (from.year()..=to.year())
        .flat_map(observed_federal_holidays)
        .filter(|(date, _)| from < *date && *date <= to)
        .count() as i64;
    weekdays_between(from, to) - holidays
}

/// The observed federal holidays of the years some dates span, in date
/// order: business days between dates in those years by binary search, for
/// counting them for many letters at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holidays(Vec<Date>);

impl Holidays {
    /// The holidays of every year from the earliest of `dates` to the latest.
    pub fn spanning(dates: impl IntoIterator<Item = Date>) -> Self {
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

    /// As [`business_days_between`], for dates in the years spanned.
    pub fn business_days_between(&self, from: Date, to: Date) -> i64 {
        if to <= from {
            return 0;
        }
        let upto = |date: Date| self.0.partition_point(|h| *h <= date) as i64;
        weekdays_between(from, to) - (upto(to) - upto(from))
    }

    /// Business days from `as_of` to `due`, negative when `due` is past, as
    /// `Letter::business_days_left` counts them.
    pub fn business_days_left(&self, as_of: Date, due: Date) -> i64 {
        if due >= as_of {
            self.business_days_between(as_of, due)
        } else {
            -self.business_days_between(due, as_of)
        }
    }
}

/// Weekdays `d` with `from < d <= to`, in constant time.
fn weekdays_between(from: Date, to: Date) -> i64 {
    let days = (to - from).num_days();
    let (weeks, rest) = (days / 7, days % 7);
    let start = i64::from(from.weekday().num_days_from_monday());
    let partial = (1..=rest).filter(|i| (start + i) % 7 < 5).count() as i64;
    weeks * 5 + partial
}

fn is_weekday(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn is_observed_holiday(date: Date) -> bool {
    observed_federal_holidays(date.year())
        .iter()
        .any(|(day, _)| *day == date)
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_holiday_table_counts_as_the_calendar_does() {
        let start: Date = "2011-12-20".parse().unwrap();
        let dates: Vec<Date> = (0..6000)
            .step_by(7)
            .map(|n| add_days(start, n).unwrap())
            .collect();
        let holidays = Holidays::spanning(dates.iter().copied());
        for &from in dates.iter().step_by(13) {
            for offset in [-400, -31, -7, -3, -1, 0, 1, 2, 3, 4, 5, 6, 7, 30, 365, 2000] {
                let Some(to) = add_days(from, offset)
                    .filter(|d| dates[0] <= *d && *d <= dates[dates.len() - 1])
                else {
                    continue;
                };
                assert_eq!(
                    holidays.business_days_between(from, to),
                    business_days_between(from, to),
                    "{from} {to}"
                );
            }
        }
    }

    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn observed_holidays_over_several_years() {
        // (year, expected observed dates), from the OPM federal holiday tables.
        let table: [(i32, &[&str]); 5] = [
            (
                2017,
                &[
                    "2017-01-02",
                    "2017-01-16",
                    "2017-02-20",
                    "2017-05-29",
                    "2017-07-04",
                    "2017-09-04",
                    "2017-10-09",
                    "2017-11-10",
                    "2017-11-23",
                    "2017-12-25",
                ],
            ),
            (
                2020,
                &[
                    "2020-01-01",
                    "2020-01-20",
                    "2020-02-17",
                    "2020-05-25",
                    "2020-07-03",
                    "2020-09-07",
                    "2020-10-12",
                    "2020-11-11",
                    "2020-11-26",
                    "2020-12-25",
                ],
            ),
            (
                2021,
                &[
                    "2021-01-01",
                    "2021-01-18",
                    "2021-02-15",
                    "2021-05-31",
                    "2021-06-18",
                    "2021-07-05",
                    "2021-09-06",
                    "2021-10-11",
                    "2021-11-11",
                    "2021-11-25",
                    "2021-12-24",
                    "2021-12-31",
                ],
            ),
            (
                2022,
                &[
                    "2022-01-17",
                    "2022-02-21",
                    "2022-05-30",
                    "2022-06-20",
                    "2022-07-04",
                    "2022-09-05",
                    "2022-10-10",
                    "2022-11-11",
                    "2022-11-24",
                    "2022-12-26",
                ],
            ),
            (
                2024,
                &[
                    "2024-01-01",
                    "2024-01-15",
                    "2024-02-19",
                    "2024-05-27",
                    "2024-06-19",
                    "2024-07-04",
                    "2024-09-02",
                    "2024-10-14",
                    "2024-11-11",
                    "2024-11-28",
                    "2024-12-25",
                ],
            ),
        ];
        for (year, expected) in table {
            let got: Vec<Date> = observed_federal_holidays(year)
                .into_iter()
                .map(|(date, _)| date)
                .collect();
            let expected: Vec<Date> = expected.iter().map(|s| d(s)).collect();
            assert_eq!(got, expected, "{year}");
        }
    }

    #[test]
    fn juneteenth_counts_only_from_2021() {
        assert!(is_business_day(d("2020-06-19")));
        assert!(!is_business_day(d("2021-06-18")), "observed on Friday");
        assert!(!is_business_day(d("2023-06-19")));
    }

    #[test]
    fn business_day_table() {
        let table = [
            ("2017-08-18", true),  // Friday
            ("2017-08-19", false), // Saturday
            ("2017-08-20", false), // Sunday
            ("2017-09-04", false), // Labor Day
            ("2017-11-10", false), // Veterans Day observed (Sat 11th)
            ("2017-11-11", false), // Saturday
            ("2018-01-01", false), // New Year's Day
            ("2016-02-29", true),  // leap day, a Monday
            ("2016-12-26", false), // Christmas observed (Sun 25th)
            ("2021-12-31", false), // New Year's Day 2022 observed
            ("2022-01-03", true),  // not a holiday: observed on Dec 31
        ];
        for (date, expected) in table {
            assert_eq!(is_business_day(d(date)), expected, "{date}");
        }
    }

    #[test]
    fn business_days_between_table() {
        let table = [
            ("2017-08-03", "2017-08-18", 11), // the sample: Thu to Fri two weeks on
            ("2017-08-10", "2017-08-18", 6),
            ("2017-08-16", "2017-08-18", 2),
            ("2017-08-18", "2017-08-21", 1), // over a weekend
            ("2017-08-18", "2017-08-18", 0),
            ("2017-08-21", "2017-08-18", 0),  // backwards is empty
            ("2017-09-01", "2017-09-05", 1),  // Labor Day Monday skipped
            ("2016-02-26", "2016-03-01", 2),  // leap day Monday counts
            ("2015-02-27", "2015-03-02", 1),  // no leap day
            ("2017-12-29", "2018-01-02", 1),  // year end, New Year's Day skipped
            ("2021-12-30", "2022-01-03", 1),  // Dec 31 observed for 2022
            ("2017-01-31", "2017-02-28", 19), // month end to month end, Presidents' Day
            ("2017-01-01", "2017-12-31", 250),
            ("2020-01-01", "2020-12-31", 252), // 2020-01-01 itself excluded
        ];
        for (from, to, expected) in table {
            assert_eq!(
                business_days_between(d(from), d(to)),
                expected,
                "{from}..{to}"
            );
        }
    }

    #[test]
    fn weekday_count_matches_a_day_by_day_count() {
        let start = d("2017-07-01");
        for offset in 0..30 {
            let from = start + chrono::Days::new(offset);
            for len in 0..40 {
                let to = from + chrono::Days::new(len);
                let slow = from
                    .iter_days()
                    .skip(1)
                    .take_while(|day| *day <= to)
                    .filter(|day| is_business_day(*day))
                    .count() as i64;
                assert_eq!(business_days_between(from, to), slow, "{from}..{to}");
            }
        }
    }
}
