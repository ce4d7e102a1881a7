//! The help overlay, generated from the keymap itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::fit;
use crate::tui::app::App;
use crate::tui::keymap::{FILTER_HELP, FORM_HELP, NORMAL};

const KEY_WIDTH: usize = 20;

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
    rows.push((String::new(), ""));
    rows.extend(
        FORM_HELP
            .iter()
            .map(|(key, help)| (format!("form: {key}"), *help)),
    );
    // Two columns when one does not fit the screen's height.
    let fits = rows.len() as u16 + 2 <= area.height;
    let columns = if fits { 1 } else { 2 };
    let per_column = rows.len().div_ceil(columns);
    let height = (per_column as u16 + 2).min(area.height);
    let width = (60 * columns as u16).min(area.width);
    let popup = super::dialog::centered(area, width, height);
    let block = Block::bordered()
        .title(Line::styled(" Keys (? or Esc closes) ", theme.focused))
        .border_style(theme.focused);
    let inner = block.inner(popup);
    let column_width = inner.width as usize / columns;
    let key_width = KEY_WIDTH.min(column_width);
    let help_width = column_width - key_width;
    let lines: Vec<Line> = (0..per_column)
        .map(|row| {
            let spans = (0..columns).filter_map(|c| rows.get(c * per_column + row));
            Line::from(
                spans
                    .flat_map(|(keys, help)| {
                        [
                            Span::styled(fit(keys, key_width), theme.label),
                            Span::raw(fit(help, help_width)),
                        ]
                    })
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}
