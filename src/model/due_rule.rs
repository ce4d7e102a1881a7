//! A deadline set as a rule, such as "10 business days after receipt".

use serde::{Deserialize, Serialize};

/// How a letter's due date is computed: `count` units after a date of the
/// letter, through the docket's calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueRule {
    /// How many units.
    pub count: u32,
    /// Calendar days or business days.
    pub unit: DueUnit,
    /// Counted from the day the letter was sent, or received.
    pub from: DueFrom,
}

/// The unit a [`DueRule`] counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DueUnit {
    /// Calendar days.
    Days,
    /// Days that are neither a weekend nor a holiday of the calendar.
    BusinessDays,
}

/// The date a [`DueRule`] counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DueFrom {
    /// The day the letter was sent.
    Sent,
    /// The day the addressee received it.
    Received,
}
