//! The days off screen: the office calendar's days of one year, with their
//! names and where each comes from, scrolled with j/k, a year on with `]`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::fit;
use crate::model::{CalendarBase, Source};
use crate::tui::app::App;

/// The widest the list is drawn.
const WIDTH: u16 = 72;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let days = app.holidays();
    let calendar = &app.docket().settings.calendar;
    let width = area.width.min(WIDTH);
    let inner_width = usize::from(width.saturating_sub(2));
    let base = match calendar.base {
        CalendarBase::UsFederal => "U.S. federal holidays",
        CalendarBase::NoHolidays => "no built-in holidays",
    };
    let mut lines = vec![
        Line::styled(
            fit(
                &format!("{base}, plus the office's own days off"),
                inner_width,
            ),
            theme.dim,
        ),
        Line::raw(""),
    ];
    if days.is_empty() {
        lines.push(Line::styled("no days off this year", theme.dim));
    }
    let name_width = inner_width.saturating_sub(16 + 10);
    let rows = days.iter().skip(app.holidays_scroll()).map(|day| {
        let source = match day.source {
            Source::Removed => "worked",
            source => source.as_str(),
        };
        let text = format!(
            "{}  {}  {}  {source}",
            day.on,
            day.on.format("%a"),
            fit(&day.name, name_width)
        );
        let style = if day.is_off() { theme.label } else { theme.dim };
        Line::from(Span::styled(fit(&text, inner_width), style))
    });
    lines.extend(rows);
    // The box keeps its size as the list scrolls.
    let shown = lines.len() + app.holidays_scroll().min(days.len());
    let height = u16::try_from(shown + 2).unwrap_or(u16::MAX);
    let popup = super::dialog::centered(area, width, height.min(area.height));
    let title = format!(" Days off in {} ", app.holidays_year());
    let hint = " [ ] year · j/k scroll · Esc closes ";
    let block = Block::bordered()
        .title(Line::styled(title, theme.focused))
        .title_bottom(Line::styled(hint, theme.focused).right_aligned())
        .border_style(theme.focused);
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
