//! The office's calendar ([`Calendar`]: a base set of holidays, plus its own
//! days off, minus days it works) and its days off over a span of years
//! ([`Holidays`]), which answers business-day questions in logarithmic time.

use std::ops::RangeInclusive;

use chrono::{Datelike, Weekday};

use super::federal::federal_holidays;
use super::{YEARS, add_days};
use crate::model::{Calendar, CalendarBase, Date};

/// Where a day of the calendar's list comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A U.S. federal holiday of the base.
    Federal,
    /// One of the office's own days off (`extra`).
    Office,
    /// A day of the base the office works (`removed`): not a day off.
    Removed,
}

impl Source {
    /// The word for it in lists: `federal`, `office`, `removed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Federal => "federal",
            Source::Office => "office",
            Source::Removed => "removed",
        }
    }
}

/// A day of the calendar's list, with its name and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    /// The day.
    pub on: Date,
    /// Its name: `Christmas Day`, `Independence Day (observed)`, `Maryland Day`.
    pub name: String,
    /// Where it comes from.
    pub source: Source,
}

impl DayOff {
    /// Whether the office is closed that day (a removed day is worked).
    pub fn is_off(&self) -> bool {
        self.source != Source::Removed
    }
}

/// Why the office is closed on a day: see [`Calendar::closed_on`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    /// The day.
    pub on: Date,
    /// The holiday's name, or `None` for a plain weekend day.
    pub holiday: Option<String>,
}

impl std::fmt::Display for Closed {
    /// `Friday 2026-12-25 is Christmas Day: offices are closed`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let day = self.on.format("%A %Y-%m-%d");
        match &self.holiday {
            Some(name) => write!(f, "{day} is {name}: offices are closed"),
            None => write!(f, "{day} is a weekend day: offices are closed"),
        }
    }
}

impl Calendar {
    /// The days of `year` in the calendar's list, in date order: the base's
    /// holidays on the days they are observed (those the office works marked
    /// [`Source::Removed`]), then the office's own.
    pub fn days_off(&self, year: i32) -> Vec<DayOff> {
        let base = self.base_days(year).into_iter().map(|(on, name)| {
            let source = if self.removed.contains(&on) {
                Source::Removed
            } else {
                Source::Federal
            };
            DayOff { on, name, source }
        });
        let extra = (self.extra.iter())
            .filter(|h| h.on.year() == year)
            .map(|h| DayOff {
                on: h.on,
                name: h.name.clone(),
                source: Source::Office,
            });
        let mut days: Vec<DayOff> = base.chain(extra).collect();
        days.sort_by_key(|d| (d.on, d.source));
        days
    }

    /// The base's holidays observed in `year`, named (`(observed)` when
    /// moved off a weekend).
    fn base_days(&self, year: i32) -> Vec<(Date, String)> {
        match self.base {
            CalendarBase::NoHolidays => Vec::new(),
            CalendarBase::UsFederal => (federal_holidays(year).into_iter())
                .map(|h| {
                    let name = if h.observed == h.nominal {
                        h.name.to_owned()
                    } else {
                        format!("{} (observed)", h.name)
                    };
                    (h.observed, name)
                })
                .collect(),
        }
    }

    /// The name of the holiday on `date`, if the office is closed for one.
    pub fn holiday_on(&self, date: Date) -> Option<String> {
        let days = self.days_off(date.year());
        let mut on = days.into_iter().filter(|d| d.on == date && d.is_off());
        on.next().map(|d| d.name)
    }

    /// Why the office is closed on `date` (a holiday, else a weekend), or
    /// `None` on a business day.
    pub fn closed_on(&self, date: Date) -> Option<Closed> {
        let holiday = self.holiday_on(date);
        (holiday.is_some() || !is_weekday(date)).then_some(Closed { on: date, holiday })
    }

    /// The days off of the years `years`, for business-day questions.
    pub fn holidays(&self, years: RangeInclusive<i32>) -> Holidays {
        Holidays::new(self, years)
    }

    /// The days off of the year of `date` and the years either side, for
    /// business-day questions about dates near it.
    pub fn holidays_around(&self, date: Date) -> Holidays {
        let year = date.year();
        Holidays::new(self, year.saturating_sub(1)..=year.saturating_add(1))
    }

    /// Whether `date` is a business day: a weekday the office is open.
    pub fn is_business_day(&self, date: Date) -> bool {
        is_weekday(date) && self.holiday_on(date).is_none()
    }

    /// The business days `d` with `from < d <= to`; zero when `to <= from`.
    pub fn business_days_between(&self, from: Date, to: Date) -> i64 {
        Holidays::spanning(self, [from, to]).business_days_between(from, to)
    }

    /// The business day `count` business days after `start` (`start`
    /// itself for zero), or `None` past 9999-12-31.
    pub fn add_business_days(&self, start: Date, count: u32) -> Option<Date> {
        // There are fewer business days than days before the last date.
        let last_day = Date::from_ymd_opt(*YEARS.end(), 12, 31)?;
        if i64::from(count) > (last_day - start).num_days() {
            return None;
        }
        // A year has some 250 business days; a calendar with many days off
        // fewer, so the span grows until the count fits.
        let mut span = i32::try_from(count / 200)
            .unwrap_or(i32::MAX)
            .saturating_add(1);
        loop {
            let last = start.year().saturating_add(span).min(*YEARS.end());
            let holidays = self.holidays(start.year()..=last);
            if let Some(date) = holidays.add_business_days(start, count) {
                return Some(date);
            }
            if last == *YEARS.end() {
                return None;
            }
            span = span.saturating_mul(2);
        }
    }

    /// The first business day on or after `date`, or `None` past 9999-12-31.
    pub fn next_business_day(&self, date: Date) -> Option<Date> {
        let last = date.year().saturating_add(1).min(*YEARS.end());
        self.holidays(date.year()..=last).next_business_day(date)
    }
}

/// A calendar's days off over a span of years, in date order: business
/// days between dates of those years by binary search, for counting them
/// for many letters at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holidays {
    /// The calendar, for dates past the years covered.
    calendar: Calendar,
    /// The years covered.
    years: RangeInclusive<i32>,
    /// The days off that fall on weekdays (a weekend is off anyway), sorted,
    /// each once.
    days: Vec<Date>,
}

impl Holidays {
    /// The days off of `calendar` in the years `years`.
    pub fn new(calendar: &Calendar, years: RangeInclusive<i32>) -> Self {
        let base = match calendar.base {
            CalendarBase::UsFederal => Some(years.clone()),
            CalendarBase::NoHolidays => None,
        };
        let federal = (base.into_iter().flatten().flat_map(federal_holidays))
            .map(|h| h.observed)
            .filter(|on| !calendar.removed.contains(on));
        let extra = (calendar.extra.iter())
            .map(|h| h.on)
            .filter(|on| years.contains(&on.year()));
        let mut days: Vec<Date> = federal.chain(extra).filter(|on| is_weekday(*on)).collect();
        days.sort_unstable();
        days.dedup();
        Holidays {
            calendar: calendar.clone(),
            years,
            days,
        }
    }

    /// The days off of `calendar` in every year from the earliest of `dates`
    /// to the latest.
    pub fn spanning(calendar: &Calendar, dates: impl IntoIterator<Item = Date>) -> Self {
        let (mut first, mut last) = (i32::MAX, i32::MIN);
        for date in dates {
            first = first.min(date.year());
            last = last.max(date.year());
        }
        Holidays::new(calendar, first..=last)
    }

    /// Whether `date` is in the years covered.
    pub fn covers(&self, date: Date) -> bool {
        self.years.contains(&date.year())
    }

    /// Whether `date` is a business day.
    pub fn is_business_day(&self, date: Date) -> bool {
        if !self.covers(date) {
            return self.calendar.is_business_day(date);
        }
        is_weekday(date) && self.days.binary_search(&date).is_err()
    }

    /// The business days `d` with `from < d <= to`; zero when `to <= from`.
    /// Quick for dates in the years covered.
    pub fn business_days_between(&self, from: Date, to: Date) -> i64 {
        if to <= from {
            return 0;
        }
        if !(self.covers(from) && self.covers(to)) {
            return Holidays::spanning(&self.calendar, [from, to]).business_days_between(from, to);
        }
        let upto = |date: Date| self.days.partition_point(|h| *h <= date) as i64;
        weekdays_between(from, to) - (upto(to) - upto(from))
    }

    /// Business days from `as_of` to `due`, negative when `due` is past: the
    /// business days `d` with `as_of < d <= due`, or minus those with
    /// `due < d <= as_of`.
    pub fn business_days_left(&self, as_of: Date, due: Date) -> i64 {
        if due >= as_of {
            self.business_days_between(as_of, due)
        } else {
            -self.business_days_between(due, as_of)
        }
    }

    /// The business day `count` business days after `start` (the first
    /// counts as day 1; `start` itself for zero), or `None` when it is past
    /// the years covered.
    pub fn add_business_days(&self, start: Date, count: u32) -> Option<Date> {
        if count == 0 {
            return Some(start);
        }
        let end = Date::from_ymd_opt(*self.years.end(), 12, 31)?;
        let want = i64::from(count);
        if end <= start || self.business_days_between(start, end) < want {
            return None;
        }
        // The smallest offset reaching the count: that day is a business day.
        let (mut lo, mut hi) = (1_i64, (end - start).num_days());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let day = add_days(start, mid)?;
            if self.business_days_between(start, day) >= want {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        add_days(start, lo)
    }

    /// The first business day on or after `date`, or `None` past the years
    /// covered.
    pub fn next_business_day(&self, date: Date) -> Option<Date> {
        let mut day = date;
        while self.covers(day) {
            if self.is_business_day(day) {
                return Some(day);
            }
            day = day.succ_opt()?;
        }
        None
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

/// Whether `date` is Monday to Friday.
pub fn is_weekday(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}
