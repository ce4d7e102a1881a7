//! The domain: cities, letters, replies, deadlines and their status as of a date.
//!
//! Everything here is pure: no terminal, no file, no clock. The date a status is
//! computed *as of* is always a parameter.

pub mod calendar;
pub mod change;
pub mod city;
pub mod date_spec;
pub mod docket;
pub mod history;
pub mod letter;
pub mod settings;
pub mod status;
pub mod text;
pub mod urgency;

pub use calendar::{
    CalendarDay, Day, Holidays, add_days, business_days_between, check_range, date_of, day_of,
    in_range, is_business_day, observed_federal_holidays,
};
pub use change::{Applied, Batch, Change, Invalid, Put, Within};
pub use city::City;
pub use date_spec::{DateSpec, OffsetUnit, parse_date_spec};
pub use docket::{DatedAfter, Docket, Problem};
pub use history::{History, Replayed};
pub use letter::{Closing, Extension, Letter, Reply, ReplyKind, effective_due_of};
pub use settings::{DUE_SOON_DAYS, Settings};
pub use status::{Milestones, Status, status_of};
pub use urgency::Urgency;

/// Calendar dates are all docket deals in.
pub type Date = chrono::NaiveDate;
