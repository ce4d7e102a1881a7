//! The live preview under a letter form's Due field: the date a rule
//! gives, with its weekday, and whether the deadline falls on a day off.

use super::field::Due;
use super::{Field, Form};
use crate::model::text::with_weekday;
use crate::model::{Date, DueFrom, DueRule, Settings};

/// A line of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewLine {
    /// What it says.
    pub text: String,
    /// Whether it warns (a deadline on a day off, a date missing).
    pub warning: bool,
}

impl PreviewLine {
    fn note(text: String) -> Self {
        PreviewLine {
            text,
            warning: false,
        }
    }

    fn warning(text: String) -> Self {
        PreviewLine {
            text,
            warning: true,
        }
    }
}

impl Form {
    /// What the Due field gives under `settings`, dates counted from
    /// `anchor`: for a rule, `= 2017-08-18 (Fri): 11 business days after
    /// sent 2017-08-03` and any roll-forward; for a date on a day off, the
    /// warning. Empty when the field is empty or not yet readable.
    pub fn due_preview(&self, settings: &Settings, anchor: Date) -> Vec<PreviewLine> {
        let Some(Ok(due)) = self.field("due").map(|f| f.due(anchor)) else {
            return Vec::new();
        };
        let closed = |date: Date| settings.calendar.closed_on(date);
        match due {
            Due::None => Vec::new(),
            Due::On(date) => (closed(date).into_iter())
                .map(|c| PreviewLine::warning(format!("! {c}")))
                .collect(),
            Due::After(count, unit) => {
                let from = self.due_from();
                let rule = DueRule { count, unit, from };
                let start = match from {
                    DueFrom::Sent => self.field("sent"),
                    DueFrom::Received => self.field("received"),
                };
                let Some(start) = start
                    .filter(|f| !f.value().is_empty())
                    .map(|f| f.date(anchor))
                else {
                    let missing = "! counted from receipt: type the date received";
                    return vec![PreviewLine::warning(missing.to_owned())];
                };
                let Ok(start) = start else {
                    return Vec::new();
                };
                rule_lines(rule, start, settings)
            }
        }
    }
}

/// The date `rule` gives from `start`, then the roll-forward or, without
/// one, the warning of a day off.
fn rule_lines(rule: DueRule, start: Date, settings: &Settings) -> Vec<PreviewLine> {
    let due = match rule.due_from(start, settings) {
        Ok(due) => due,
        Err(err) => return vec![PreviewLine::warning(format!("! {err}"))],
    };
    let mut lines = vec![PreviewLine::note(format!(
        "= {}: {} {start}",
        with_weekday(due.due),
        rule.describe()
    ))];
    let short = |d: Date| d.format("%a %Y-%m-%d").to_string();
    if due.rolled() {
        let past = (settings.calendar.holiday_on(due.counted))
            .map_or(String::new(), |name| format!(", past {name}"));
        lines.push(PreviewLine::note(format!(
            "due {} -> rolls to {}{past}",
            short(due.counted),
            short(due.due)
        )));
    } else if let Some(closed) = settings.calendar.closed_on(due.due) {
        lines.push(PreviewLine::warning(format!("! {closed}")));
    }
    lines
}

/// Whether `field` is the one the preview goes under.
pub fn has_preview(field: &Field) -> bool {
    field.key == "due"
}
