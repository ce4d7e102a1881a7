//! Dates to x positions, and the ticks of the date axis.

use chrono::{Datelike, Weekday};

use crate::model::{Date, add_days};

/// The dates shown, `start` to `end` inclusive, laid over `width` pixels
/// from `left`: each day a column of equal width.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    pub start: Date,
    pub end: Date,
    pub left: f64,
    pub width: f64,
}

/// A tick of the axis: its day and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tick {
    pub on: Date,
    pub label: String,
}

/// Labels closer than this many pixels would run into each other.
const MIN_TICK_GAP: f64 = 56.0;

impl Scale {
    /// How many days are shown.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// The width of one day.
    pub fn day_width(&self) -> f64 {
        self.width / self.days() as f64
    }

    /// The left edge of `day`'s column, kept within the axis.
    pub fn x(&self, day: Date) -> f64 {
        let days = (day - self.start).num_days().clamp(0, self.days());
        self.left + days as f64 * self.day_width()
    }

    /// The middle of `day`'s column.
    pub fn mid(&self, day: Date) -> f64 {
        self.x(day) + self.day_width() / 2.0
    }

    /// The right edge of `day`'s column.
    pub fn right(&self, day: Date) -> f64 {
        self.x(day) + self.day_width()
    }

    /// Whether `day` is shown.
    pub fn shows(&self, day: Date) -> bool {
        (self.start..=self.end).contains(&day)
    }

    /// The ticks: every day, every Monday, every first of a month or every
    /// first of January (of every few years), the finest whose labels fit.
    pub fn ticks(&self) -> Vec<Tick> {
        let fits = |count: usize| count as f64 * MIN_TICK_GAP <= self.width;
        let days = || self.days_shown();
        let daily: Vec<Tick> = days().map(|on| tick(on, "%b %-d")).collect();
        if fits(daily.len()) {
            return daily;
        }
        let weekly: Vec<Tick> = days()
            .filter(|d| d.weekday() == Weekday::Mon)
            .map(|on| tick(on, "%b %-d"))
            .collect();
        if fits(weekly.len()) {
            return weekly;
        }
        let monthly: Vec<Tick> = days()
            .filter(|d| d.day() == 1)
            .map(|on| tick(on, "%b %Y"))
            .collect();
        if fits(monthly.len()) {
            return monthly;
        }
        let years: Vec<Date> = days().filter(|d| d.ordinal() == 1).collect();
        // Room for this many labels, one every few years to fit.
        let room = ((self.width / MIN_TICK_GAP) as usize).max(1);
        let every = years.len().div_ceil(room).max(1);
        (years.into_iter())
            .filter(|d| d.year() % every as i32 == 0)
            .map(|on| tick(on, "%Y"))
            .collect()
    }

    fn days_shown(&self) -> impl Iterator<Item = Date> + '_ {
        std::iter::successors(Some(self.start), |d| add_days(*d, 1)).take_while(|d| *d <= self.end)
    }
}

fn tick(on: Date, format: &str) -> Tick {
    Tick {
        on,
        label: on.format(format).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale(start: &str, end: &str) -> Scale {
        Scale {
            start: start.parse().unwrap_or_default(),
            end: end.parse().unwrap_or_default(),
            left: 100.0,
            width: 700.0,
        }
    }

    #[test]
    fn days_are_columns_of_equal_width() {
        let s = scale("2017-08-01", "2017-08-10");
        assert_eq!(s.days(), 10);
        assert!((s.day_width() - 70.0).abs() < 1e-9);
        assert!((s.x(s.start) - 100.0).abs() < 1e-9);
        assert!((s.right(s.end) - 800.0).abs() < 1e-9);
        let before = "2017-07-01".parse().unwrap_or_default();
        assert!((s.x(before) - 100.0).abs() < 1e-9, "kept within the axis");
    }

    #[test]
    fn ticks_get_coarser_as_the_span_grows() {
        assert_eq!(scale("2017-08-01", "2017-08-10").ticks().len(), 10);
        let weekly = scale("2017-08-01", "2017-10-01").ticks();
        assert_eq!(weekly[0].label, "Aug 7");
        let monthly = scale("2017-01-01", "2017-09-30").ticks();
        assert_eq!(monthly[0].label, "Jan 2017");
        let yearly = scale("1990-01-01", "2030-12-31").ticks();
        assert!(yearly.len() * 56 <= 700 && yearly.len() > 3, "{yearly:?}");
    }
}
