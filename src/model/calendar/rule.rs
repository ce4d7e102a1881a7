//! A due rule worked out through a calendar: the date it counts from, the
//! date it gives, and that date rolled forward to a business day.

use super::Holidays;
use super::add_days;
use chrono::Datelike;

use crate::model::{Date, Docket, DueFrom, DueRule, DueUnit, Letter, Settings};

/// The due date a rule gives a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDue {
    /// The date counted from: the letter's sent or received date.
    pub start: Date,
    /// The date the count gives, before any roll-forward.
    pub counted: Date,
    /// The due date: `counted`, or the next business day when it is a day
    /// off and the settings roll deadlines forward.
    pub due: Date,
}

impl RuleDue {
    /// Whether the deadline was moved off a day off.
    pub fn rolled(&self) -> bool {
        self.due != self.counted
    }
}

/// Why a rule gives no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleError {
    /// It counts from receipt and the letter has no received date.
    NotReceived,
    /// The date is past 9999-12-31.
    OutOfRange,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleError::NotReceived => f.write_str(
                "a due date counted from receipt needs the date the letter was received",
            ),
            RuleError::OutOfRange => {
                write!(f, "the due date it gives is {}", super::OUTSIDE)
            }
        }
    }
}

impl DueRule {
    /// The date the rule counts from in `letter`, if the letter has it.
    pub fn start(&self, letter: &Letter) -> Option<Date> {
        match self.from {
            DueFrom::Sent => Some(letter.sent),
            DueFrom::Received => letter.received,
        }
    }

    /// The due date the rule gives `letter` under `settings`.
    pub fn due_of(&self, letter: &Letter, settings: &Settings) -> Result<RuleDue, RuleError> {
        let start = self.start(letter).ok_or(RuleError::NotReceived)?;
        self.due_from(start, settings)
    }

    /// The due date the rule gives counted from `start` under `settings`:
    /// `count` calendar days after, or the `count`th business day after
    /// (the day after `start` is the first), rolled forward to the next
    /// business day when `settings.roll_forward` says so.
    pub fn due_from(&self, start: Date, settings: &Settings) -> Result<RuleDue, RuleError> {
        let calendar = &settings.calendar;
        let counted = match self.unit {
            DueUnit::Days => add_days(start, i64::from(self.count)),
            DueUnit::BusinessDays => calendar.add_business_days(start, self.count),
        }
        .filter(|d| super::in_range(*d))
        .ok_or(RuleError::OutOfRange)?;
        let due = if settings.roll_forward {
            calendar.next_business_day(counted)
        } else {
            Some(counted)
        }
        .ok_or(RuleError::OutOfRange)?;
        Ok(RuleDue {
            start,
            counted,
            due,
        })
    }

    /// As [`DueRule::due_from`], with the days off already at hand; `None`
    /// when the dates are past the years `holidays` covers.
    pub fn due_within(
        &self,
        start: Date,
        holidays: &Holidays,
        roll_forward: bool,
    ) -> Option<RuleDue> {
        let counted = match self.unit {
            DueUnit::Days => add_days(start, i64::from(self.count))?,
            DueUnit::BusinessDays => holidays.add_business_days(start, self.count)?,
        };
        if !holidays.covers(counted) {
            return None;
        }
        let due = if roll_forward {
            holidays.next_business_day(counted)?
        } else {
            counted
        };
        Some(RuleDue {
            start,
            counted,
            due,
        })
    }
}

impl Docket {
    /// Sets the due date of every letter with a rule to the date its rule
    /// gives under the docket's settings (a letter whose rule gives none,
    /// counted from a receipt not recorded, keeps its date). Returns how many
    /// letters changed. Only the letters that change are copied.
    pub fn derive_due_dates(&mut self) -> usize {
        let starts = (self.letters.iter())
            .filter_map(|l| l.due_rule.as_ref()?.start(l))
            .map(|d| d.year());
        let (first, last) = starts.fold((i32::MAX, i32::MIN), |(a, b), y| (a.min(y), b.max(y)));
        if first > last {
            return 0;
        }
        let holidays = (self.settings.calendar).holidays(first..=last.saturating_add(2).min(9999));
        let mut changed = 0;
        for at in 0..self.letters.len() {
            let Some(due) = derived_due(&self.letters[at], &self.settings, &holidays) else {
                continue;
            };
            if self.letters[at].due != Some(due) {
                self.letter_mut(at).due = Some(due);
                changed += 1;
            }
        }
        changed
    }
}

/// The due date `letter`'s rule gives, if it has a rule that gives one.
fn derived_due(letter: &Letter, settings: &Settings, holidays: &Holidays) -> Option<Date> {
    let rule = letter.due_rule?;
    let start = rule.start(letter)?;
    match rule.due_within(start, holidays, settings.roll_forward) {
        Some(due) => Some(due.due),
        None => rule.due_from(start, settings).ok().map(|due| due.due),
    }
}
