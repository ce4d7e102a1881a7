//! The Cities pane: each city with its nearest countdown.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{countdown, fit, pane_block, scroll_offset};
use crate::tui::app::{App, Pane};

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let block = pane_block(
        format!(" Cities {} ", app.sort().label()),
        Pane::Cities,
        app,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (docket, view, theme) = (app.docket(), app.view(), app.theme());
    if view.cities.is_empty() {
        let text = if app.filter().is_empty() {
            "no cities yet"
        } else {
            "no match"
        };
        frame.render_widget(Paragraph::new(fit(text, inner.width as usize)), inner);
        return;
    }
    let height = inner.height as usize;
    let selected = app.selected_city_index();
    let lines: Vec<Line> = view
        .cities
        .iter()
        .enumerate()
        .skip(scroll_offset(selected, height))
        .take(height)
        .map(|(i, row)| {
            let (text, style) = match row.letters.first() {
                Some(&l) => {
                    let status = view.statuses[l];
                    let days = docket.letters[l].days_left(app.as_of());
                    (countdown(status, days), theme.status(status))
                }
                None => ("-".to_owned(), theme.dim),
            };
            let name = &docket.cities[row.city].name;
            let line = row_line(i == selected, name, &text, style, inner.width as usize);
            if i == selected && app.focus() == Pane::Cities {
                line.patch_style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// `> name      countdown`, exactly `width` columns wide.
pub(super) fn row_line<'a>(
    selected: bool,
    name: &str,
    right: &str,
    right_style: ratatui::style::Style,
    width: usize,
) -> Line<'a> {
    let marker_width = width.min(2);
    let rest = width - marker_width;
    let right_width = right.width().min(rest);
    let gap = usize::from(rest > right_width);
    let name_width = rest - right_width - gap;
    let marker = if selected { "> " } else { "  " };
    Line::from(vec![
        Span::raw(fit(marker, marker_width)),
        Span::raw(fit(name, name_width)),
        Span::raw(" ".repeat(gap)),
        Span::styled(fit(right, right_width), right_style),
    ])
}
