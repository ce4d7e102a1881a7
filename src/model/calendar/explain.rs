//! What the screens and `show` say about a letter's deadline: the rule it
//! was computed by, a roll-forward, and deadlines that fall on days off.

use super::{Closed, RuleError};
use crate::model::{Date, Letter, Settings};

/// The notes on a letter's deadline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueNotes {
    /// The rule with the date it counts from: `15 days after sent
    /// 2017-08-03`, for a letter with a rule.
    pub rule: Option<String>,
    /// The roll-forward: `due Sat 2026-12-26 -> rolls to Mon 2026-12-28`.
    pub rolled: Option<String>,
    /// The deadlines (the due date, the extensions' new ones) that fall on
    /// a weekend or a holiday of the calendar.
    pub closed: Vec<Closed>,
}

impl Letter {
    /// The notes on the letter's deadline under `settings`, with the
    /// extensions granted by `as_of`.
    pub fn due_notes(&self, as_of: Date, settings: &Settings) -> DueNotes {
        let calendar = &settings.calendar;
        let mut notes = DueNotes::default();
        if let Some(rule) = self.due_rule {
            let words = rule.describe();
            notes.rule = Some(match rule.due_of(self, settings) {
                Ok(due) => {
                    if due.rolled() {
                        notes.rolled = Some(rolled(due.counted, due.due, settings));
                    }
                    format!("{words} {}", due.start)
                }
                Err(RuleError::NotReceived) => format!("{words} (not received yet)"),
                Err(RuleError::OutOfRange) => format!("{words}: past 9999-12-31"),
            });
        }
        let extended = self.extensions_as_of(as_of).into_iter().map(|e| e.new_due);
        for date in self.due.into_iter().chain(extended) {
            if let Some(closed) = calendar.closed_on(date) {
                notes.closed.push(closed);
            }
        }
        notes
    }
}

/// `due Sat 2026-12-26 -> rolls to Mon 2026-12-28`, and the holiday passed
/// over when the day was one: `, past Christmas Day`.
fn rolled(counted: Date, due: Date, settings: &Settings) -> String {
    let short = |d: Date| d.format("%a %Y-%m-%d").to_string();
    let past = (settings.calendar.holiday_on(counted))
        .map_or(String::new(), |name| format!(", past {name}"));
    format!("due {} -> rolls to {}{past}", short(counted), short(due))
}
