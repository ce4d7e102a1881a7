//! A change of the docket's settings, and the due dates it moves: every
//! letter whose due date a rule gives is worked out again.

use std::sync::Arc;

use super::plan::Planned;
use super::{Invalid, Put, Records, invalid};
use crate::model::{RuleError, Settings, calendar};

/// The rules settings keep.
pub(super) fn check_settings(settings: &Settings) -> Result<(), Invalid> {
    const MAX_DAYS: i64 = 366;
    if !(0..=MAX_DAYS).contains(&settings.due_soon_days) {
        return Err(invalid(
            "due_soon_days",
            format!("due_soon_days must be 0 to {MAX_DAYS} days"),
        ));
    }
    if let Some(bad) = (settings.reminders.iter()).find(|d| !(0..=MAX_DAYS).contains(*d)) {
        return Err(invalid(
            "reminders",
            format!("a reminder of {bad} days: reminders are 0 to {MAX_DAYS} days before"),
        ));
    }
    let mut days = std::collections::HashSet::new();
    for holiday in &settings.calendar.extra {
        calendar::check_range(holiday.on).map_err(|err| invalid("extra", err))?;
        if holiday.name.trim().is_empty() {
            return Err(invalid(
                "extra",
                format!("the holiday on {} has no name", holiday.on),
            ));
        }
        if !days.insert(holiday.on) {
            return Err(invalid("extra", format!("two holidays on {}", holiday.on)));
        }
    }
    for &day in &settings.calendar.removed {
        calendar::check_range(day).map_err(|err| invalid("removed", err))?;
    }
    Ok(())
}

/// Plans the new settings and the due dates they move.
pub(super) fn plan_settings(r: &impl Records, mut settings: Settings) -> Result<Planned, Invalid> {
    check_settings(&settings)?;
    settings.reminders.sort_unstable();
    settings.reminders.dedup();
    settings.calendar.extra.sort_by_key(|h| h.on);
    settings.calendar.removed.sort_unstable();
    settings.calendar.removed.dedup();
    let mut puts = Vec::new();
    for letter in r.letters_with_rules() {
        let Some(rule) = letter.due_rule else {
            continue;
        };
        let due = match rule.due_of(letter, &settings) {
            Ok(due) => due.due,
            Err(RuleError::NotReceived) => continue,
            Err(err @ RuleError::OutOfRange) => {
                return Err(invalid("due", format!("letter {}: {err}", letter.id)));
            }
        };
        if letter.due != Some(due) {
            let mut moved = letter.clone();
            moved.due = Some(due);
            puts.push(Put::Letter(moved.id.clone(), Some(Arc::new(moved))));
        }
    }
    puts.insert(0, Put::Settings(Box::new(settings)));
    Ok(("settings".to_owned(), "settings".to_owned(), puts))
}
