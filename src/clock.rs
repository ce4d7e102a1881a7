//! The wall clock, read only through a [`Clock`] that the entry point makes
//! and passes down: the model never reads it, and a test can stop it.

use chrono::{NaiveDateTime, Timelike};

use crate::model::Date;

/// Where the local date and time come from.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    now: fn() -> NaiveDateTime,
}

impl Clock {
    /// A clock that reads `now` for the local date and time.
    pub fn new(now: fn() -> NaiveDateTime) -> Self {
        Clock { now }
    }

    /// The local date and time to the second, such as a log entry is
    /// stamped with.
    pub fn now(&self) -> NaiveDateTime {
        let now = (self.now)();
        now.with_nanosecond(0).unwrap_or(now)
    }

    /// The local date.
    pub fn today(&self) -> Date {
        (self.now)().date()
    }

    /// The local time as a file name part, such as `20170810-143000`.
    pub fn stamp(&self) -> String {
        (self.now)().format("%Y%m%d-%H%M%S").to_string()
    }
}
