//! The Timeline pane: one row per letter, labelled with its city and the
//! date it was sent, a bar from sent to effective due on a date axis, reply
//! markers, and the as-of date marked; the selected letter's row
//! highlighted and kept in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use chrono::Datelike;
use unicode_width::UnicodeWidthStr;

use super::{fit, pane_block, scroll_offset};
use crate::model::{Date, Letter, Status, add_days};
use crate::tui::app::{App, Pane, TimelineState};
use crate::tui::theme::Theme;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let state = app.timeline();
    let title = format!(
        " Timeline {} zoom, as of {} ",
        state.zoom.label(),
        app.as_of().format("%b %-d %Y")
    );
    let block = pane_block(title, Pane::Timeline, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let label_width = (inner.width as usize / 4).clamp(3, 22);
    let chart_width = inner.width as usize - label_width - 1;
    let axis = Axis::new(app.as_of(), app.view().span, state, chart_width);
    let mut lines = vec![Line::from(vec![
        Span::raw(" ".repeat(label_width + 1)),
        Span::raw(axis.labels()),
    ])];
    let (docket, view, theme) = (app.docket(), app.view(), app.theme());
    let rows = inner.height as usize - 1;
    let selected = app.timeline_row();
    let first = scroll_offset(selected.unwrap_or(state.row), rows);
    let shown = &view.timeline[first.min(view.timeline.len())..];
    let shown = &shown[..rows.min(shown.len())];
    for (i, &l) in (first..).zip(shown) {
        let letter = &docket.letters[l];
        let city = docket.city_name(&letter.city);
        // Two letters to one city sent the same day, both on screen: their
        // subjects tell them apart.
        let twin = shown.iter().any(|&other| {
            let other = &docket.letters[other];
            other.id != letter.id && other.city == letter.city && other.sent == letter.sent
        });
        let tag = if twin && !letter.subject.trim().is_empty() {
            fit(
                letter.subject.trim(),
                SUBJECT_WIDTH.min(letter.subject.trim().width()),
            )
        } else {
            sent_date(letter.sent, app.as_of())
        };
        let label = label(city, &tag, label_width);
        let mut spans = vec![Span::raw(label), Span::raw(" ")];
        spans.extend(axis.bar(letter, view.statuses[l], theme));
        let line = Line::from(spans);
        lines.push(if Some(i) == selected {
            line.patch_style(theme.selected)
        } else {
            line
        });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// How much of a subject a label shows.
const SUBJECT_WIDTH: usize = 10;

/// `Aug 3`, with the year (`Aug 3 '16`) when it is not the as-of date's.
fn sent_date(sent: Date, as_of: Date) -> String {
    let format = if sent.year() == as_of.year() {
        "%b %-d"
    } else {
        "%b %-d '%y"
    };
    sent.format(format).to_string()
}

/// `Baltimore Aug 3`: the city, cut to leave room for the tag that tells
/// its letters apart (the date sent, or a short subject).
fn label(city: &str, tag: &str, width: usize) -> String {
    let room = width.saturating_sub(tag.width() + 1);
    if room < 3 {
        return fit(city, width);
    }
    let city = if city.width() > room {
        fit(city, room)
    } else {
        city.to_owned()
    };
    fit(&format!("{city} {tag}"), width)
}

/// Maps dates to columns.
struct Axis {
    start: Date,
    days_per_column: i64,
    width: usize,
    as_of: Date,
}

impl Axis {
    /// Starts a column before the first letter was sent when every letter fits,
    /// else with the as-of date a quarter of the way in; then `scroll` columns
    /// move it.
    fn new(as_of: Date, span: Option<(Date, Date)>, state: TimelineState, width: usize) -> Self {
        let days_per_column = state.zoom.days();
        let columns = |from: Date, to: Date| (to - from).num_days() / days_per_column + 1;
        let home = match span {
            Some((first, last)) if columns(first, last) + 2 <= width as i64 => {
                shift(first, -days_per_column)
            }
            _ => shift(as_of, -(width as i64 / 4) * days_per_column),
        };
        let start = shift(home, state.scroll * days_per_column);
        Axis {
            start,
            days_per_column,
            width,
            as_of,
        }
    }

    fn date_at(&self, column: usize) -> Date {
        shift(self.start, column as i64 * self.days_per_column)
    }

    /// Date labels every dozen columns or so; zoomed out (a week or a
    /// month a column), the first and each in a new year carry the year.
    fn labels(&self) -> String {
        let (format, with_year) = match self.days_per_column {
            30.. => ("%b", "%b %Y"),
            7.. => ("%b %-d", "%b %-d %Y"),
            _ => ("%b %-d", "%b %-d"),
        };
        let mut text = String::new();
        let mut column = 0;
        let mut year = None;
        while column < self.width {
            let date = self.date_at(column);
            let format = if year == Some(date.year()) {
                format
            } else {
                with_year
            };
            year = Some(date.year());
            let label = format!("|{}", date.format(format));
            let room = (self.width - column).min(label.len() + 2).max(1);
            text.push_str(&fit(&label, room));
            column += room;
        }
        fit(&text, self.width)
    }

    /// One letter's row: `[=====|====]` with replies as `*`, closing as `#`,
    /// and the overdue stretch as `!`.
    fn bar<'a>(&self, letter: &Letter, status: Status, theme: &Theme) -> Vec<Span<'a>> {
        let as_of = self.as_of;
        let due = letter.effective_due(as_of);
        let end = due.unwrap_or(as_of).max(letter.sent);
        let bar_style = theme.status(status);
        let replies: Vec<Date> = letter.replies_as_of(as_of).iter().map(|r| r.on).collect();
        let closed = letter.closed_as_of(as_of).map(|c| c.on);
        let columns = (0..self.width).map(|c| {
            let from = self.date_at(c);
            let to = shift(from, self.days_per_column - 1);
            let within = |date: Date| from <= date && date <= to;
            let (mark, style) = if replies.iter().any(|on| within(*on)) {
                ('*', theme.label)
            } else if closed.is_some_and(within) {
                ('#', theme.dim)
            } else if within(as_of) {
                ('|', theme.marker)
            } else if within(letter.sent) {
                ('[', bar_style)
            } else if due.is_some_and(within) {
                (']', bar_style)
            } else if letter.sent < from && to < end {
                ('=', bar_style)
            } else if status == Status::Overdue && end < from && to < as_of {
                ('!', theme.overdue)
            } else if due.is_none() && letter.sent < from && to < as_of {
                ('-', bar_style)
            } else {
                (' ', Style::new())
            };
            Span::styled(mark.to_string(), style)
        });
        columns.collect()
    }
}

fn shift(date: Date, days: i64) -> Date {
    add_days(date, days).unwrap_or(date)
}
