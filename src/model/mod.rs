//! The domain: cities, letters, replies, deadlines and their status as of a date.
//!
//! Everything here is pure: no terminal, no file, no clock. The date a status is
//! computed *as of* is always a parameter.

pub mod calendar;
pub mod change;
pub mod city;
pub mod conflict;
pub mod date_spec;
pub mod docket;
pub mod due_rule;
pub mod entry;
pub mod history;
pub mod letter;
pub mod record;
pub mod settings;
pub mod status;
pub mod text;
pub mod urgency;

pub use calendar::{
    CalendarDay, Closed, Day, DayOff, DueNotes, FederalHoliday, Holidays, RuleDue, RuleError,
    Source, add_days, check_range, date_of, day_of, federal_holidays, in_range, is_weekday,
    observed_federal_holidays,
};
pub use change::{Applied, Batch, Change, Invalid, Put, Within};
pub use city::City;
pub use conflict::Conflict;
pub use date_spec::{DateSpec, OffsetUnit, parse_date_spec};
pub use docket::{DatedAfter, Docket, Problem};
pub use due_rule::{DueFrom, DueInput, DueRule, DueUnit};
pub use entry::{Closing, Extension, Reply, ReplyKind};
pub use history::{History, Replayed};
pub use letter::{Letter, effective_due_of};
pub use record::{Document, LogEntry, Stamp};
pub use settings::{Calendar, CalendarBase, DUE_SOON_DAYS, Holiday, Settings};
pub use status::{Milestones, Status, status_of};
pub use urgency::Urgency;

/// Calendar dates are all docket deals in.
pub type Date = chrono::NaiveDate;
