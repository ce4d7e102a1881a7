//! The Letters pane: the selected city's letters with their countdowns.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::cities::row_line;
use super::{conflicts_on, countdown, fit, pane_block, scroll_offset};
use crate::model::Letter;
use crate::tui::app::{App, Pane};

/// The most an owner's name takes in the pane: the rest is cut.
const OWNER_WIDTH: usize = 8;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let title = match app.selected_city() {
        Some(city) => format!(" Letters: {} ", city.name),
        None => " Letters ".to_owned(),
    };
    let block = pane_block(title, Pane::Letters, app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (docket, view, theme) = (app.docket(), app.view(), app.theme());
    let letters = app.city_letters();
    if letters.is_empty() {
        let filter = app.filter().trim();
        let text = if app.selected_city().is_none() && !filter.is_empty() {
            format!("no letter matches \"{filter}\"")
        } else {
            format!("no letters sent as of {}", app.as_of())
        };
        frame.render_widget(Paragraph::new(fit(&text, inner.width as usize)), inner);
        return;
    }
    let height = inner.height as usize;
    let selected = app.selected_letter_index();
    let owners = owner_width(letters.iter().map(|&l| &*docket.letters[l]));
    let lines: Vec<Line> = letters
        .iter()
        .enumerate()
        .skip(scroll_offset(selected, height))
        .take(height)
        .map(|(i, &l)| {
            let letter = &docket.letters[l];
            let status = view.statuses[l];
            let text = countdown(status, letter.days_left(app.as_of()));
            let mut name = match owners {
                0 => format!("{}  {}", letter.sent, letter.subject),
                width => {
                    let owner = fit(letter.owner.as_deref().unwrap_or("-"), width);
                    format!("{}  {owner}  {}", letter.sent, letter.subject)
                }
            };
            if conflicts_on(app, letter) > 0 {
                name.insert_str(0, "! ");
            }
            let line = row_line(
                i == selected,
                &name,
                &text,
                theme.status(status),
                inner.width as usize,
            );
            if i == selected && app.focus() == Pane::Letters {
                line.patch_style(theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The width of the owner column: the widest owner's name, at most
/// [`OWNER_WIDTH`]; none (0) when no letter listed has an owner.
fn owner_width<'a>(letters: impl Iterator<Item = &'a Letter>) -> usize {
    (letters.filter_map(|l| l.owner.as_deref()))
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .map_or(0, |w| w.clamp(1, OWNER_WIDTH))
}
