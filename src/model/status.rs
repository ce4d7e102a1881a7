use serde::Serialize;

use super::{Date, Letter};

/// How many days ahead a deadline counts as "due soon" by default.
pub const DUE_SOON_DAYS: i64 = 3;

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

impl Letter {
    /// The letter's status as of `as_of`, with the default due-soon window.
    pub fn status(&self, as_of: Date) -> Status {
        self.status_with(as_of, DUE_SOON_DAYS)
    }

    /// The letter's status as of `as_of`; "due soon" means due within
    /// `due_soon_days` days. The first rule that holds decides: not yet sent,
    /// closed, answered, no deadline, overdue, due today, due soon, open.
    pub fn status_with(&self, as_of: Date, due_soon_days: i64) -> Status {
        if !self.is_sent(as_of) {
            return Status::NotYetSent;
        }
        if self.closed_as_of(as_of).is_some() {
            return Status::Closed;
        }
        let due = self.effective_due(as_of);
        if let Some(answer) = self.first_answer(as_of) {
            return match due {
                Some(due) if answer.on > due => Status::AnsweredLate,
                _ => Status::Answered,
            };
        }
        let Some(due) = due else {
            return Status::NoDeadline;
        };
        match (due - as_of).num_days() {
            days if days < 0 => Status::Overdue,
            0 => Status::DueToday,
            days if days <= due_soon_days => Status::DueSoon,
            _ => Status::Open,
        }
    }
}
