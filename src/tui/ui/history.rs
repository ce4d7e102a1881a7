//! The History of the Letter pane: who changed the letter and when,
//! folded to one line until the pane has the focus.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::LogEntry;
use crate::model::text::count;
use crate::tui::theme::Theme;

/// The log under a `History` heading: folded, one line (`History: 3
/// changes, last by jdoe 2026-12-02 09:14`); unfolded, the heading and one
/// line a change, newest first. Nothing for a letter with no log.
pub fn lines<'a>(log: &'a [LogEntry], unfolded: bool, theme: &Theme) -> Vec<Line<'a>> {
    let Some(last) = log.last() else {
        return Vec::new();
    };
    let changes = count(log.len() as i64, "change");
    if !unfolded {
        let text = format!(
            "History: {changes}, last by {} {}",
            last.by,
            last.at.format("%Y-%m-%d %H:%M")
        );
        return vec![Line::styled(text, theme.label)];
    }
    let mut lines = vec![Line::styled(format!("History: {changes}"), theme.label)];
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
