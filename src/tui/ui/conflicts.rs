//! The conflicts popup (`!`): each conflict from a merge with the value
//! both sides started from, mine and theirs, resolved with a key.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::dialog::centered;
use super::{fit, scroll_offset};
use crate::model::Conflict;
use crate::model::text::count;
use crate::tui::app::App;
use crate::tui::theme::Theme;

const HINTS: &str = "m keep mine · t keep theirs · e edit · j/k move · Esc close";
const LABEL_WIDTH: usize = 8;
/// Lines a conflict takes: its record and field, then base, mine, theirs.
const LINES_EACH: usize = 4;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let conflicts = &app.docket().conflicts;
    let width = area.width.min(90);
    let inner_width = width.saturating_sub(2) as usize;
    let cursor = app.conflict_cursor();
    // As many conflicts as fit, the one under the cursor among them.
    let room = (area.height.saturating_sub(4) as usize / LINES_EACH).max(1);
    let first = scroll_offset(cursor, room);
    let mut lines = Vec::new();
    for (i, conflict) in conflicts.iter().enumerate().skip(first).take(room) {
        lines.extend(conflict_lines(conflict, i == cursor, inner_width, theme));
    }
    lines.push(Line::styled(fit(HINTS, inner_width), theme.dim));
    let popup = centered(area, width, lines.len() as u16 + 2);
    let title = format!(" Conflicts: {} to resolve ", conflicts.len());
    let block = Block::bordered()
        .title(Line::styled(title, theme.focused))
        .border_style(theme.focused);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// A conflict: its record and field (marked under the cursor), then the
/// three values.
fn conflict_lines(
    conflict: &Conflict,
    selected: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let what = if conflict.field.is_empty() {
        format!("{} (the whole record)", conflict.record)
    } else {
        format!("{} · {}", conflict.record, conflict.field)
    };
    let marker = if selected { "> " } else { "  " };
    let head = Line::styled(fit(&format!("{marker}{what}"), width), theme.label);
    let head = if selected {
        head.patch_style(theme.selected)
    } else {
        head
    };
    let value = |label: &str, value: &Option<String>, missing: &str| {
        let text = value.as_deref().unwrap_or(missing);
        Line::from(vec![
            Span::styled(format!("    {label:<LABEL_WIDTH$}"), theme.label),
            Span::raw(fit(text, width.saturating_sub(LABEL_WIDTH + 4))),
        ])
    };
    vec![
        head,
        value("base", &conflict.base, "(not there)"),
        value("mine", &conflict.ours, "(deleted)"),
        value("theirs", &conflict.theirs, "(deleted)"),
    ]
}

/// `! 2 conflicts (press !)`, for a letter with unresolved conflicts.
pub fn marker(conflicts: usize) -> String {
    format!("! {} (press !)", count(conflicts as i64, "conflict"))
}
