//! The order of urgency: which letter needs attention first.

use super::Status;

/// A letter's place in the order of urgency, most urgent first: by status
/// (overdue, due today, due soon, open, no deadline, answered late,
/// answered, closed, not yet sent), then by days left (longest overdue
/// first, none last), then by `id`: the letter's id, anything ordered as
/// the ids are (such as their ranks), or `()` to leave ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Urgency<Id> {
    status: Status,
    /// Days left to the deadline; `i64::MAX` for none, so that none go last.
    days_left: i64,
    id: Id,
}

impl<Id> Urgency<Id> {
    /// The place of a letter with this status, days left and id.
    pub fn new(status: Status, days_left: Option<i64>, id: Id) -> Self {
        Urgency {
            status,
            days_left: days_left.unwrap_or(i64::MAX),
            id,
        }
    }
}
