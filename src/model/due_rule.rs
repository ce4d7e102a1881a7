//! A deadline set as a rule, such as "10 business days after receipt".

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::DateSpec;

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

impl DueRule {
    /// The rule in words, without the date: `15 days after sent`,
    /// `11 business days after received`.
    pub fn describe(&self) -> String {
        let unit = match self.unit {
            DueUnit::Days => "day",
            DueUnit::BusinessDays => "business day",
        };
        let from = match self.from {
            DueFrom::Sent => "sent",
            DueFrom::Received => "received",
        };
        format!(
            "{} after {from}",
            super::text::count(self.count.into(), unit)
        )
    }

    /// The rule with what it counts from, as a CSV cell holds it:
    /// `+15d from sent`, `+10bd from received`.
    pub fn cell(&self) -> String {
        format!("{} from {}", self.spec(), self.from.as_str())
    }

    /// Reads [`DueRule::cell`]; `from sent` may be left out.
    pub fn from_cell(text: &str) -> Result<DueRule, String> {
        let text = text.trim();
        let (spec, from) = match text.split_once(" from ") {
            Some((spec, "sent")) => (spec, DueFrom::Sent),
            Some((spec, "received")) => (spec, DueFrom::Received),
            Some(_) => return Err(format!("{text:?}: a rule counts from sent or received")),
            None => (text, DueFrom::Sent),
        };
        match spec.parse::<DueInput>()?.rule(from) {
            Some(rule) if spec.trim_start().starts_with('+') => Ok(rule),
            _ => Err(format!(
                "{text:?} is not a rule such as +15d or +10bd from received"
            )),
        }
    }

    /// The rule as typed in a Due field: `+15d`, `+11bd`.
    pub fn spec(&self) -> String {
        let unit = match self.unit {
            DueUnit::Days => "d",
            DueUnit::BusinessDays => "bd",
        };
        format!("+{}{unit}", self.count)
    }
}

impl DueFrom {
    /// `sent` or `received`, as the command line and JSON name it.
    pub fn as_str(self) -> &'static str {
        match self {
            DueFrom::Sent => "sent",
            DueFrom::Received => "received",
        }
    }
}

/// What a Due field holds: a date (`2017-08-18`, `today`), or a rule
/// counted from the letter (`+15d`, `+2w`, `+11bd`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueInput {
    /// A date, absolute or `today`.
    On(DateSpec),
    /// So many days or business days after the letter.
    After {
        /// How many.
        count: u32,
        /// Calendar days or business days.
        unit: DueUnit,
    },
}

impl DueInput {
    /// The rule this input makes, counted from `from`, if it is one.
    pub fn rule(self, from: DueFrom) -> Option<DueRule> {
        match self {
            DueInput::On(_) => None,
            DueInput::After { count, unit } => Some(DueRule { count, unit, from }),
        }
    }
}

impl FromStr for DueInput {
    type Err = String;

    /// `YYYY-MM-DD` or `today`; `+15d`, `+2w` (14 days) or `+11bd`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let Some(rest) = text.strip_prefix('+') else {
            if text.starts_with('-') {
                return Err(format!(
                    "{text:?}: a due date counts forward from the letter, like +15d or +11bd"
                ));
            }
            return text.parse().map(DueInput::On);
        };
        let lower = rest.to_ascii_lowercase();
        let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let (unit, factor) = match &lower[digits.len()..] {
            "" | "d" => (DueUnit::Days, 1),
            "w" => (DueUnit::Days, 7),
            "bd" => (DueUnit::BusinessDays, 1),
            _ => return Err(not_a_rule(text)),
        };
        let count = (digits.parse::<u32>().ok())
            .and_then(|n| n.checked_mul(factor))
            .ok_or_else(|| not_a_rule(text))?;
        if count == 0 {
            return Err(format!("{text:?}: a due rule counts at least one day"));
        }
        Ok(DueInput::After { count, unit })
    }
}

fn not_a_rule(text: &str) -> String {
    format!("{text:?} is not a due date (YYYY-MM-DD) or a rule such as +15d, +2w or +11bd")
}
