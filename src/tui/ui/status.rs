//! The status line: the as-of date, counts by status, messages, key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::model::Status;
use crate::model::text::with_weekday;
use crate::tui::app::App;
use crate::tui::keymap::Mode;

const HINTS: &str = "? help  q quit";
/// What stays of the hints when the line is short.
const SHORT_HINT: &str = " ? help";

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let width = area.width as usize;
    let mut as_of = format!(" as of {}", with_weekday(app.as_of()));
    let replay = app.as_of() != app.today();
    if replay {
        as_of.push_str(" [replay]");
    }
    if app.is_read_only() {
        as_of.push_str(" [read-only]");
    }
    if app.unsaved_count() > 0 {
        as_of.push_str(&format!(" [{} unsaved]", app.unsaved_count()));
    }
    let middle = match (app.mode(), app.message()) {
        (Mode::Filter, _) => format!("filter: {}_  (Enter keeps, Esc clears)", app.filter()),
        (_, Some(message)) => message.to_owned(),
        _ if !app.filter().is_empty() => format!("filter: {}  {}", app.filter(), counts(app)),
        _ => counts(app),
    };
    let left_width = as_of.width().min(width);
    let rest = width - left_width;
    // The whole hint when everything fits, else `? help` alone, the middle
    // cut to make room; nothing only on a screen too narrow for a middle.
    let hints = if rest >= middle.width() + HINTS.width() + 6 {
        HINTS
    } else if rest >= SHORT_HINT.width() + 16 {
        SHORT_HINT
    } else {
        ""
    };
    let hints_width = if hints.is_empty() {
        0
    } else {
        hints.width() + 1
    };
    let middle_width = rest - hints_width;
    let as_of_style = if replay { theme.marker } else { theme.label };
    let line = Line::from(vec![
        Span::styled(fit(&as_of, left_width), as_of_style),
        Span::raw(fit(&format!("   {middle}"), middle_width)),
        Span::styled(fit(hints, hints_width), theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// `4 open · 1 overdue · 2 answered`: open, overdue and answered always, the
/// others when there are any.
fn counts(app: &App) -> String {
    let view = app.view();
    let answered = view.count(Status::Answered) + view.count(Status::AnsweredLate);
    let mut parts = Vec::new();
    for status in [
        Status::Overdue,
        Status::DueToday,
        Status::DueSoon,
        Status::Open,
    ] {
        let n = view.count(status);
        if n > 0 || matches!(status, Status::Open | Status::Overdue) {
            parts.push(format!("{n} {}", status.label()));
        }
    }
    parts.push(format!("{answered} answered"));
    for status in [Status::Closed, Status::NoDeadline] {
        let n = view.count(status);
        if n > 0 {
            parts.push(format!("{n} {}", status.label()));
        }
    }
    parts.join(" · ")
}
