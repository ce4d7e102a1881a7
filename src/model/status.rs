//! The status of a letter as of a date: the one rule, [`status_of`], over
//! any [`Milestones`] (a letter, or the index's packed days).

use serde::Serialize;

use super::calendar::CalendarDay;
use super::{Date, Letter, Settings};

/// The state of a letter as of a date. Derived, never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Past its effective due date with no answer and not closed.
    Overdue,
    /// The effective due date is the as-of date.
    DueToday,
    /// Due within the due-soon window.
    DueSoon,
    /// Waiting for an answer, with time left.
    Open,
    /// No due date was set.
    NoDeadline,
    /// Answered after the effective due date.
    AnsweredLate,
    /// Answered on or before the effective due date.
    Answered,
    /// The matter was closed.
    Closed,
    /// Sent after the as-of date: it does not exist yet.
    NotYetSent,
}

impl Status {
    /// Every status, most urgent first.
    pub const ALL: [Status; 9] = [
        Status::Overdue,
        Status::DueToday,
        Status::DueSoon,
        Status::Open,
        Status::NoDeadline,
        Status::AnsweredLate,
        Status::Answered,
        Status::Closed,
        Status::NotYetSent,
    ];

    /// The kebab-case name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::DueToday => "due-today",
            Status::DueSoon => "due-soon",
            Status::Open => "open",
            Status::NoDeadline => "no-deadline",
            Status::AnsweredLate => "answered-late",
            Status::Answered => "answered",
            Status::Closed => "closed",
            Status::NotYetSent => "not-yet-sent",
        }
    }

    /// The words shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::DueToday => "due today",
            Status::DueSoon => "due soon",
            Status::Open => "open",
            Status::NoDeadline => "no deadline",
            Status::AnsweredLate => "answered late",
            Status::Answered => "answered",
            Status::Closed => "closed",
            Status::NotYetSent => "not yet sent",
        }
    }

    /// Whether the letter still waits for an answer (its countdown runs).
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Status::Overdue | Status::DueToday | Status::DueSoon | Status::Open
        )
    }

    /// Whether the letter has been answered, on time or late.
    pub fn is_answered(self) -> bool {
        matches!(self, Status::Answered | Status::AnsweredLate)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl std::str::FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
                format!(
                    "unknown status {s:?} (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// What decides a letter's status as of a date, in dates or day numbers.
/// Read in the order the rules need it: what a rule that holds makes moot
/// is never gathered (a closed letter's replies are not looked at).
pub trait Milestones {
    /// Dates, or day numbers.
    type Day: CalendarDay;
    /// The day it was sent.
    fn sent(&self) -> Self::Day;
    /// The day of the closing in force as of the date (made by then and
    /// not reopened by then), if there is one.
    fn closed(&self) -> Option<Self::Day>;
    /// The day of the first reply that answers it, if one came.
    fn answered(&self) -> Option<Self::Day>;
    /// The deadline in force as of the date, if there is one.
    fn due(&self) -> Option<Self::Day>;
}

/// The status of a letter with these milestones as of `as_of`. The first
/// rule that holds decides: not yet sent, closed, answered (late when after
/// the deadline), no deadline, overdue, due today, due soon (within
/// `settings.due_soon_days`), open. Milestones after `as_of` do not count.
#[allow(
    clippy::needless_pass_by_value,
    reason = "milestones are a small view: a reference or a few day numbers"
)]
pub fn status_of<M: Milestones>(milestones: M, as_of: M::Day, settings: &Settings) -> Status {
    let by_then = |day: Option<M::Day>| day.filter(|&day| day <= as_of);
    if milestones.sent() > as_of {
        return Status::NotYetSent;
    }
    if by_then(milestones.closed()).is_some() {
        return Status::Closed;
    }
    let due = milestones.due();
    if let Some(answer) = by_then(milestones.answered()) {
        return match due {
            Some(due) if answer > due => Status::AnsweredLate,
            _ => Status::Answered,
        };
    }
    let Some(due) = due else {
        return Status::NoDeadline;
    };
    match as_of.days_until(due) {
        days if days < 0 => Status::Overdue,
        0 => Status::DueToday,
        days if days <= settings.due_soon_days => Status::DueSoon,
        _ => Status::Open,
    }
}

impl Letter {
    /// The letter's status as of `as_of` under the default settings: for a
    /// letter on its own. A letter of a docket follows the docket's
    /// settings: [`Letter::status_with`]`(as_of, &docket.settings)`.
    pub fn status(&self, as_of: Date) -> Status {
        self.status_with(as_of, Settings::defaults())
    }

    /// The letter's status as of `as_of` under `settings`, as [`status_of`]
    /// decides it.
    pub fn status_with(&self, as_of: Date, settings: &Settings) -> Status {
        let milestones = AsOf {
            letter: self,
            as_of,
        };
        status_of(milestones, as_of, settings)
    }
}

/// A letter as it stood on a date.
struct AsOf<'a> {
    letter: &'a Letter,
    as_of: Date,
}

impl Milestones for AsOf<'_> {
    type Day = Date;

    fn sent(&self) -> Date {
        self.letter.sent
    }

    fn closed(&self) -> Option<Date> {
        self.letter.closed_as_of(self.as_of).map(|c| c.on)
    }

    fn answered(&self) -> Option<Date> {
        self.letter.earliest_answer().map(|r| r.on)
    }

    fn due(&self) -> Option<Date> {
        self.letter.effective_due(self.as_of)
    }
}
