//! The help overlay, generated from the keymap itself.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::fit;
use crate::tui::app::App;
use crate::tui::keymap::{FILTER_HELP, NORMAL};

const KEY_WIDTH: usize = 16;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let mut rows: Vec<(String, &str)> = NORMAL
        .iter()
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            (keys.join(" "), b.help)
        })
        .collect();
    rows.push((String::new(), ""));
    rows.extend(
        FILTER_HELP
            .iter()
            .map(|(key, help)| (format!("/ then {key}"), *help)),
    );
    let height = (rows.len() as u16 + 2).min(area.height);
    let width = 60.min(area.width);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    let block = Block::bordered()
        .title(Line::styled(" Keys (? or Esc closes) ", theme.focused))
        .border_style(theme.focused);
    let inner = block.inner(popup);
    let help_width = (inner.width as usize).saturating_sub(KEY_WIDTH);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|(keys, help)| {
            Line::from(vec![
                Span::styled(fit(&keys, KEY_WIDTH.min(inner.width as usize)), theme.label),
                Span::raw(fit(help, help_width)),
            ])
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
