//! The docket's settings and conflicts.

use super::cursor::{Cursor, Seen};
use crate::model::{Calendar, CalendarBase, Conflict, Holiday, Settings};

/// Settings: each field missing takes its value from the defaults
/// (`#[serde(default)]` on the struct).
pub(super) fn settings(c: &mut Cursor<'_>) -> Option<Settings> {
    let mut fields = c.open("Settings")?;
    let mut seen = Seen::default();
    let mut settings = Settings::default();
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "due_soon_days" => (seen.first(0)?, settings.due_soon_days = c.i64()?),
            "reminders" => (seen.first(1)?, settings.reminders = c.list(Cursor::i64)?),
            "roll_forward" => (seen.first(2)?, settings.roll_forward = c.bool()?),
            "calendar" => (seen.first(3)?, settings.calendar = calendar(c)?),
            _ => return None,
        };
    }
    Some(settings)
}

fn calendar(c: &mut Cursor<'_>) -> Option<Calendar> {
    let mut fields = c.open("Calendar")?;
    let mut seen = Seen::default();
    let mut calendar = Calendar::default();
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "base" => {
                seen.first(0)?;
                calendar.base = match c.ident()? {
                    "UsFederal" => CalendarBase::UsFederal,
                    // `None` is the alias DESIGN.md's words give it.
                    "NoHolidays" | "None" => CalendarBase::NoHolidays,
                    _ => return None,
                };
            }
            "extra" => {
                seen.first(1)?;
                calendar.extra = c.list(holiday)?;
            }
            "removed" => {
                seen.first(2)?;
                calendar.removed = c.list(Cursor::date)?;
            }
            _ => return None,
        }
    }
    Some(calendar)
}

fn holiday(c: &mut Cursor<'_>) -> Option<Holiday> {
    let mut fields = c.open("Holiday")?;
    let mut seen = Seen::default();
    let (mut on, mut name) = (None, None);
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "on" => (seen.first(0)?, on = Some(c.date()?)),
            "name" => (seen.first(1)?, name = Some(c.string()?)),
            _ => return None,
        };
    }
    Some(Holiday {
        on: on?,
        name: name?,
    })
}

/// A conflict: its three values are options without a default, which
/// serde reads as `None` when missing all the same.
pub(super) fn conflict(c: &mut Cursor<'_>) -> Option<Conflict> {
    let mut fields = c.open("Conflict")?;
    let mut seen = Seen::default();
    let (mut record, mut field_name) = (None, None);
    let (mut base, mut ours, mut theirs) = (None, None, None);
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "record" => (seen.first(0)?, record = Some(c.string()?)),
            "field" => (seen.first(1)?, field_name = Some(c.string()?)),
            "base" => (seen.first(2)?, base = c.option(Cursor::string)?),
            "ours" => (seen.first(3)?, ours = c.option(Cursor::string)?),
            "theirs" => (seen.first(4)?, theirs = c.option(Cursor::string)?),
            _ => return None,
        };
    }
    Some(Conflict {
        record: record?,
        field: field_name?,
        base,
        ours,
        theirs,
    })
}
