//! The CSV layout docket writes (`export --format csv`) and reads back
//! (`import --format csv`): one module both own, so the two cannot drift.
//! Columns after the letter's own fields (the countdown as of a date) are
//! written for people and ignored on import.

/// How lists (demands, tags) are joined in one cell.
pub const LIST_SEPARATOR: &str = " | ";

/// The header row, in column order.
pub const COLUMNS: [&str; 22] = [
    "id",
    "city",
    "city_name",
    "state",
    "from",
    "to",
    "subject",
    "program",
    "sent",
    "due",
    "effective_due",
    "status",
    "days_left",
    "business_days_left",
    "demands",
    "summary",
    "source",
    "tags",
    "replies",
    "extensions",
    "closed_on",
    "outcome",
];
