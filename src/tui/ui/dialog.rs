//! The form popup and the yes/no question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::model::Date;
use crate::model::text::with_weekday;
use crate::tui::app::App;
use crate::tui::form::{Due, Field, FieldKind, Form, has_preview};
use crate::tui::theme::Theme;

const LABEL_WIDTH: usize = 12;
const HINTS: &str = "Enter saves · Esc cancels · ↓ next field · Ctrl-j new line";

/// A box of `width` x `height` in the middle of `area`.
pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

pub fn draw_form(frame: &mut Frame, area: Rect, app: &App, form: &Form) {
    let theme = app.theme();
    let width = area.width.min(78);
    let inner_width = width.saturating_sub(2) as usize;
    let value_width = inner_width.saturating_sub(LABEL_WIDTH);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let first_row = lines.len();
        let (field_lines, at) = field_lines(field, focused, value_width, app.as_of(), theme);
        if focused {
            cursor = at.map(|(x, y)| (x + LABEL_WIDTH, y + first_row));
        }
        lines.extend(field_lines);
        if has_preview(field) {
            let preview = form.due_preview(&app.docket().settings, app.as_of());
            for line in preview {
                let style = if line.warning {
                    theme.due_soon
                } else {
                    theme.dim
                };
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(LABEL_WIDTH)),
                    Span::styled(fit(&line.text, value_width), style),
                ]));
            }
        }
    }
    lines.push(Line::raw(""));
    if let Some(error) = &form.error {
        for row in super::wrap_to(&format!("! {error}"), inner_width as u16) {
            lines.push(Line::styled(fit(&row, inner_width), theme.overdue));
        }
    }
    lines.push(Line::styled(fit(HINTS, inner_width), theme.dim));
    let popup = centered(area, width, lines.len() as u16 + 2);
    let block = Block::bordered()
        .title(Line::styled(format!(" {} ", form.title), theme.focused))
        .border_style(theme.focused);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
    if let Some((x, y)) = cursor
        && (y as u16) < inner.height
        && (x as u16) < inner.width
    {
        frame.set_cursor_position(Position::new(inner.x + x as u16, inner.y + y as u16));
    }
}

/// A field's rows, and where the cursor goes within its value (column, row).
fn field_lines<'a>(
    field: &Field,
    focused: bool,
    width: usize,
    anchor: Date,
    theme: &Theme,
) -> (Vec<Line<'a>>, Option<(usize, usize)>) {
    let label_style = if focused { theme.focused } else { theme.label };
    let label = Span::styled(fit(field.label, LABEL_WIDTH), label_style);
    let (mut lines, cursor) = match &field.kind {
        FieldKind::Choice(_) => {
            let text = format!("< {} >  (← → or a letter to choose)", field.input.value());
            let row = Line::from(vec![label, Span::raw(fit(&text, width))]);
            (vec![row], None)
        }
        FieldKind::Lines => several_lines(field, focused, label, width),
        FieldKind::Text | FieldKind::Date | FieldKind::Due => {
            one_line(field, label, width, anchor, theme)
        }
    };
    if let Some(error) = &field.error {
        for row in super::wrap_to(&format!("! {error}"), width as u16) {
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(LABEL_WIDTH)),
                Span::styled(fit(&row, width), theme.overdue),
            ]));
        }
    }
    (lines, cursor)
}

/// The most rows a long text takes in a form; it scrolls past them.
const MAX_LINES_ROWS: usize = 6;

/// A long text, each line wrapped to the width (at a space where it can),
/// the label on the first row; past [`MAX_LINES_ROWS`] rows, a focused one
/// scrolls to keep the cursor in sight.
fn several_lines<'a>(
    field: &Field,
    focused: bool,
    label: Span<'a>,
    width: usize,
) -> (Vec<Line<'a>>, Option<(usize, usize)>) {
    let mut label = Some(label);
    let chars: Vec<char> = field.input.value().chars().collect();
    let rows = wrap_rows(&chars, width.saturating_sub(1).max(1));
    let cursor = field.input.cursor().min(chars.len());
    // The last row starting at or before the cursor holds it.
    let at = rows
        .iter()
        .rposition(|&(start, _)| start <= cursor)
        .unwrap_or(0);
    let column = rows.get(at).map_or(0, |&(start, _)| {
        chars[start..cursor].iter().collect::<String>().width()
    });
    // A field out of focus shows its beginning.
    let skip = if focused {
        (at + 1).saturating_sub(MAX_LINES_ROWS)
    } else {
        0
    };
    let lines = (rows.iter().skip(skip).take(MAX_LINES_ROWS))
        .map(|&(start, end)| {
            let lead = (label.take()).unwrap_or_else(|| Span::raw(" ".repeat(LABEL_WIDTH)));
            let text: String = chars[start..end].iter().collect();
            Line::from(vec![lead, Span::raw(fit(&text, width))])
        })
        .collect();
    (
        lines,
        Some((column.min(width.saturating_sub(1)), at - skip)),
    )
}

/// The rows of a text wrapped to `width` columns, as ranges of `chars`:
/// a new row at each newline (which belongs to no row), and a row broken
/// after its last space when the next character does not fit (or anywhere
/// if it has none). Always at least one row.
fn wrap_rows(chars: &[char], width: usize) -> Vec<(usize, usize)> {
    use unicode_width::UnicodeWidthChar;
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    let mut after_space = None;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            rows.push((start, i));
            (start, used, after_space) = (i + 1, 0, None);
            continue;
        }
        let w = c.width().unwrap_or(0);
        if used + w > width && i > start {
            let cut = after_space.filter(|&b| b > start && b <= i).unwrap_or(i);
            rows.push((start, cut));
            start = cut;
            used = chars[start..i].iter().map(|c| c.width().unwrap_or(0)).sum();
            after_space = None;
        }
        used += w;
        if c == ' ' {
            after_space = Some(i + 1);
        }
    }
    rows.push((start, chars.len()));
    rows
}

/// A one-line text or a date, scrolled to the cursor; a date shows the day
/// it means, with its weekday.
fn one_line<'a>(
    field: &Field,
    label: Span<'a>,
    width: usize,
    anchor: Date,
    theme: &Theme,
) -> (Vec<Line<'a>>, Option<(usize, usize)>) {
    let value = field.input.value();
    let hint = match (&field.kind, value.trim()) {
        (FieldKind::Date | FieldKind::Due, "") => String::new(),
        (FieldKind::Date, _) => match field.date(anchor) {
            Ok(date) => format!("  = {}", with_weekday(date)),
            Err(_) => "  ?".to_owned(),
        },
        // A rule's date shows in the preview below the field.
        (FieldKind::Due, _) => match field.due(anchor) {
            Ok(Due::On(date)) => format!("  = {}", with_weekday(date)),
            Ok(_) => String::new(),
            Err(_) => "  ?".to_owned(),
        },
        _ => String::new(),
    };
    let room = width.saturating_sub(hint.width());
    let scroll = field.input.visual_scroll(room.max(1));
    let shown: String = value.chars().skip(scroll).collect();
    let column = field.input.visual_cursor().saturating_sub(scroll);
    let line = Line::from(vec![
        label,
        Span::raw(fit(&shown, room)),
        Span::styled(fit(&hint, width - room), theme.dim),
    ]);
    (vec![line], Some((column.min(room.saturating_sub(1)), 0)))
}

/// The yes/no question.
pub fn draw_confirm(frame: &mut Frame, area: Rect, app: &App, question: &str) {
    let theme = app.theme();
    let width = (question.width() as u16 + 4).clamp(30, area.width.max(1));
    let inner_width = width.saturating_sub(2);
    let rows = super::wrap_to(question, inner_width.saturating_sub(2));
    let popup = centered(area, width, rows.len() as u16 + 2);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|r| Line::raw(format!(" {r}")))
        .collect();
    let block = Block::bordered()
        .title(Line::styled(" Confirm ", theme.focused))
        .border_style(theme.focused);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
