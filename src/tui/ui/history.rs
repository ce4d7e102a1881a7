//! The History of the Letter pane: who changed the letter and when, in
//! one line among the letter's facts, unfolded at the end of the pane
//! while the pane has the focus.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::LogEntry;
use crate::model::text::count;
use crate::tui::theme::Theme;

/// The log folded to one line: `3 changes, last by jdoe 2026-12-02 09:14`;
/// nothing for a letter with no log.
pub fn summary(log: &[LogEntry]) -> Option<String> {
    let last = log.last()?;
    Some(format!(
        "{}, last by {} {}",
        count(log.len() as i64, "change"),
        last.by,
        last.at.format("%Y-%m-%d %H:%M")
    ))
}

/// The log unfolded: a `History` heading and one line a change, newest
/// first; nothing for a letter with no log.
pub fn lines<'a>(log: &'a [LogEntry], theme: &Theme) -> Vec<Line<'a>> {
    if log.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled("History", theme.label)];
    lines.extend(log.iter().rev().map(|entry| entry_line(entry, theme.dim)));
    lines
}

fn entry_line(entry: &LogEntry, dim: Style) -> Line<'_> {
    Line::from(vec![
        Span::styled(format!("  {}  ", entry.at.format("%Y-%m-%d %H:%M")), dim),
        Span::raw(format!("{}  ", entry.by)),
        Span::raw(entry.what.as_str()),
    ])
}
