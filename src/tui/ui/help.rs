//! The help overlay, generated from the keymap itself: one column that
//! scrolls, or two side by side when they show every key at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::tui::app::App;
use crate::tui::keymap::{help_max_scroll, help_sections};
use crate::tui::theme::Theme;

/// Between two columns.
const GAP: usize = 2;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let sections = help_sections();
    let entries = sections.iter().flat_map(|(_, keys)| keys);
    let key_width = entries.clone().map(|(k, _)| k.width()).max().unwrap_or(0);
    let help_width = entries.map(|(_, h)| h.width()).max().unwrap_or(0);
    let natural = key_width + 1 + help_width;
    let inner_width = usize::from(area.width.saturating_sub(2));
    let inner_height = usize::from(area.height.saturating_sub(2));
    let lines = help_lines(&sections, key_width, theme);
    let two = lines.len() > inner_height
        && lines.len().div_ceil(2) <= inner_height
        && 2 * natural + GAP <= inner_width;
    let (shown, width, scroll) = if two {
        let per_column = lines.len().div_ceil(2);
        let (left, mut right) = lines.split_at(per_column);
        if right.first().is_some_and(|line| line.width() == 0) {
            right = &right[1..];
        }
        let rows = (0..per_column).map(|i| {
            let mut spans = padded(left[i].clone(), natural + GAP);
            if let Some(line) = right.get(i) {
                spans.extend(line.spans.iter().cloned());
            }
            Line::from(spans)
        });
        (rows.collect(), 2 * natural + GAP, 0)
    } else {
        let scroll = app.help_scroll().min(help_max_scroll(area.height));
        (lines, natural, scroll)
    };
    let total = shown.len();
    let visible = total.min(inner_height);
    let popup = super::dialog::centered(
        area,
        u16::try_from(width + 2).unwrap_or(u16::MAX),
        u16::try_from(visible + 2).unwrap_or(u16::MAX),
    );
    let mut block = Block::bordered()
        .title(Line::styled(" Keys (? or Esc closes) ", theme.focused))
        .border_style(theme.focused);
    if visible < total {
        let position = format!(
            " {}-{} of {}, j/k scroll ",
            scroll + 1,
            scroll + visible,
            total
        );
        block = block.title_bottom(Line::styled(position, theme.focused).right_aligned());
    }
    let inner_width = usize::from(block.inner(popup).width);
    let rows: Vec<Line> = (shown.into_iter().skip(scroll).take(visible))
        .map(|line| Line::from(cut(line, inner_width)))
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(rows).block(block), popup);
}

/// Each section's heading, then its keys and what they do, a blank line
/// between sections (as many lines as `keymap::help_lines` counts).
fn help_lines<'a>(
    sections: &'a [(&'static str, Vec<(String, &'static str)>)],
    key_width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for (i, (heading, keys)) in sections.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        lines.push(Line::styled(*heading, theme.focused));
        lines.extend(keys.iter().map(|(keys, help)| {
            Line::from(vec![
                Span::styled(fit(keys, key_width), theme.label),
                Span::raw(" "),
                Span::raw(*help),
            ])
        }));
    }
    lines
}

/// The line's spans, padded to `width` columns.
fn padded(line: Line<'_>, width: usize) -> Vec<Span<'_>> {
    let pad = width.saturating_sub(line.width());
    let mut spans = line.spans;
    spans.push(Span::raw(" ".repeat(pad)));
    spans
}

/// The line's spans cut to `width` columns (only on a screen narrower than
/// any help line), the cut marked with `…`.
fn cut(line: Line<'_>, width: usize) -> Vec<Span<'_>> {
    if line.width() <= width {
        return line.spans;
    }
    let mut left = width;
    let mut spans = Vec::new();
    for span in line.spans {
        if left == 0 {
            break;
        }
        let text = fit(&span.content, left.min(span.width()));
        left -= text.width();
        spans.push(Span::styled(text, span.style));
    }
    spans
}
