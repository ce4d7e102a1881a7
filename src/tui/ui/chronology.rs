//! The chronology screen: every event in date order, up to the as-of
//! date, a line marking it, then the deadlines ahead, dimmed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{fit, scroll_offset};
use crate::model::text::{count, with_weekday};
use crate::tui::app::App;

/// What the keys do here, in the bottom border.
pub(super) const HINTS: &str = " Enter: the letter · m: its matter · Esc: back ";

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let Some((chronology, shown, selected)) = app.chronology() else {
        return;
    };
    let ahead = shown.ahead.len();
    let title = format!(
        " Chronology · {} to {} · {} ahead ",
        count(shown.past as i64, "event"),
        with_weekday(shown.as_of),
        count(ahead as i64, "deadline"),
    );
    let block = Block::bordered()
        .title(Line::from(title).style(theme.focused))
        .title_bottom(Line::from(HINTS).style(theme.dim).right_aligned())
        .border_style(theme.focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (width, height) = (inner.width as usize, inner.height as usize);
    if shown.is_empty() {
        let text = format!("nothing has happened as of {}", with_weekday(shown.as_of));
        frame.render_widget(Paragraph::new(fit(&text, width)), inner);
        return;
    }
    // Rows: the events dated by the as-of date, the marker, the ones ahead.
    let rows = shown.len() + 1;
    let row_of = |event: usize| if event < shown.past { event } else { event + 1 };
    let first = scroll_offset(row_of(selected), height).min(rows.saturating_sub(height));
    let city_width = if width >= 100 { 16 } else { 13 };
    let docket = app.docket();
    let names = crate::story::CityNames::new(docket);
    let mut previous_day = None;
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for row in first..rows.min(first + height) {
        if row == shown.past {
            let marker = format!("── as of {} ", with_weekday(shown.as_of));
            lines.push(Line::styled(
                fit(&format!("{marker}{}", "─".repeat(width)), width),
                theme.marker,
            ));
            previous_day = None;
            continue;
        }
        let at = if row < shown.past { row } else { row - 1 };
        let Some(event) = shown.event(at).and_then(|i| chronology.events().get(i)) else {
            continue;
        };
        let Some(line) = event.line(docket, &names, shown.as_of) else {
            continue;
        };
        let day = if previous_day == Some(event.on) {
            String::new()
        } else {
            event.on.format("%Y-%m-%d %a").to_string()
        };
        previous_day = Some(event.on);
        let style = if line.upcoming {
            theme.dim
        } else if event.what.is_deadline() {
            theme.label
        } else {
            Style::new()
        };
        let head = format!(
            "{}  {} {} ",
            fit(&day, 14),
            fit(line.city, city_width),
            fit(line.kind, 9)
        );
        let text = fit(&line.text, width.saturating_sub(head.chars().count()));
        let mut spans = Line::from(vec![Span::raw(head), Span::raw(text)]).style(style);
        if at == selected {
            spans = spans.patch_style(theme.selected);
        }
        lines.push(spans);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
