//! The CSV layout docket writes (`export --format csv`) and reads back
//! (`import --format csv`): one module both own, so the two cannot drift.
//! Columns after the letter's own fields (the countdown as of a date) are
//! written for people and ignored on import.
//!
//! A text cell that a spreadsheet would run as a formula is written with a
//! leading `'` ([`guard`]), which import takes off again ([`unguard`]).

use std::borrow::Cow;

/// How lists (demands, tags) are joined in one cell.
pub const LIST_SEPARATOR: &str = " | ";

/// The header row, in column order.
pub const COLUMNS: [&str; 25] = [
    "id",
    "city",
    "city_name",
    "state",
    "from",
    "to",
    "subject",
    "program",
    "sent",
    "received",
    "due",
    "due_rule",
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
    "matter",
];

/// The columns whose cells are dates, numbers or a status, which docket
/// writes and reads as they are; every other column holds text.
pub const PLAIN_COLUMNS: [&str; 11] = [
    "sent",
    "received",
    "due",
    "due_rule",
    "effective_due",
    "status",
    "days_left",
    "business_days_left",
    "replies",
    "extensions",
    "closed_on",
];

/// Whether the column holds text (which [`guard`] protects).
pub fn is_text(column: &str) -> bool {
    !PLAIN_COLUMNS.contains(&column)
}

/// What makes a spreadsheet read a cell as a formula when the cell starts
/// with it (OWASP's list for CSV injection).
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as export writes it: with a leading `'` when it starts with a
/// formula character, so that a spreadsheet shows it as text rather than
/// running it (OWASP's advice). A text that already starts with quotes
/// before a formula character gets one more, so that [`unguard`] gives
/// every text back exactly.
pub fn guard(text: &str) -> Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A text cell as import reads it: the quote [`guard`] added taken off.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(text) if text.trim_start_matches('\'').starts_with(FORMULA_STARTS) => text,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_the_quote_comes_off() {
        for (text, cell) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=1", "''=1"),
            ("''@x", "'''@x"),
            ("'quoted'", "'quoted'"),
            ("'", "'"),
            ("", ""),
            (" =1", " =1"),
            ("a=1", "a=1"),
        ] {
            assert_eq!(guard(text), cell, "{text:?}");
            assert_eq!(unguard(cell), text, "{cell:?}");
        }
    }

    #[test]
    fn dates_and_numbers_are_plain() {
        for column in PLAIN_COLUMNS {
            assert!(COLUMNS.contains(&column), "{column}");
        }
        assert!(!is_text("days_left"));
        assert!(is_text("summary"));
    }
}
