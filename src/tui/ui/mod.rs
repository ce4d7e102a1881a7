//! Drawing: free functions over an immutable `App`, so drawing cannot change state.

mod chronology;
mod cities;
mod conflicts;
mod details;
mod dialog;
mod help;
mod history;
mod holidays;
mod letters;
mod matter;
mod status;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{App, Pane, Screen, letter_of};
use super::keymap::Mode;
use crate::model::text::count;
use crate::model::{Date, Holidays, Letter, Status};

/// Below this size the panes do not fit; a message says so instead.
pub const MIN_WIDTH: u16 = 40;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 12;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return;
    }
    if app.screen() != Screen::Main {
        let [screen, status_area] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        match app.screen() {
            Screen::Matter => matter::draw(frame, screen, app),
            _ => chronology::draw(frame, screen, app),
        }
        status::draw(frame, status_area, app);
        overlays(frame, area, app);
        return;
    }
    let timeline_rows = app.view().timeline.len() as u16;
    let timeline_height = (timeline_rows + 3).min(area.height / 3).max(4);
    let [main, timeline_area, status_area] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(timeline_height),
        Constraint::Length(1),
    ])
    .areas(area);
    let cities_width = (area.width / 5).clamp(22, 30);
    let [cities_area, right] =
        Layout::horizontal([Constraint::Length(cities_width), Constraint::Min(0)]).areas(main);
    let letters_height = (app.city_letters().len() as u16 + 2).clamp(3, (right.height / 3).max(3));
    let [letters_area, details_area] =
        Layout::vertical([Constraint::Length(letters_height), Constraint::Min(0)]).areas(right);

    cities::draw(frame, cities_area, app);
    letters::draw(frame, letters_area, app);
    details::draw(frame, details_area, app);
    timeline::draw(frame, timeline_area, app);
    status::draw(frame, status_area, app);
    overlays(frame, area, app);
}

/// Help, a form or a question, over whatever the screen shows.
fn overlays(frame: &mut Frame, area: Rect, app: &App) {
    if app.mode() == Mode::Help {
        help::draw(frame, area, app);
    }
    if app.mode() == Mode::Conflicts {
        conflicts::draw(frame, area, app);
    }
    if app.mode() == Mode::Holidays {
        holidays::draw(frame, area, app);
    }
    if let Some(form) = app.form() {
        dialog::draw_form(frame, area, app, form);
    }
    if let Some(confirm) = app.confirm() {
        dialog::draw_confirm(frame, area, app, &confirm.question);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!("terminal too small: docket needs {MIN_WIDTH}x{MIN_HEIGHT}");
    let lines: Vec<Line> = wrap_to(&text, area.width)
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// Splits text into lines of at most `width` columns, between words where it
/// can, inside a word longer than a line.
pub(crate) fn wrap_to(text: &str, width: u16) -> Vec<String> {
    let width = width as usize;
    if width == 0 {
        return Vec::new();
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let room = if line.is_empty() {
            width
        } else {
            width - line.width()
        };
        if word.width() + usize::from(!line.is_empty()) <= room {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.retain(|l| l.width() <= width);
    lines
}

/// A pane's frame: its title, highlighted when focused.
fn pane_block<'a>(title: impl Into<Line<'a>>, pane: Pane, app: &App) -> Block<'a> {
    let theme = app.theme();
    let style = if app.focus() == pane {
        theme.focused
    } else {
        theme.border
    };
    Block::bordered()
        .title(title.into().style(style))
        .border_style(style)
}

/// `text` cut or padded to exactly `width` columns; a cut ends with `…`, and
/// a wide character is never split.
pub fn fit(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let cut = text.width() > width;
    let room = if cut { width.saturating_sub(1) } else { width };
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        // Control characters have no width; show them as nothing.
        if !c.is_control() {
            out.push(c);
            used += w;
        }
    }
    if cut && width > 0 {
        out.push('…');
        used += 1;
    }
    out.push_str(&" ".repeat(width.saturating_sub(used)));
    out
}

/// A short countdown for lists: `8d`, `today`, `3d late`, `answered`...
pub fn countdown(status: Status, days_left: Option<i64>) -> String {
    match (status, days_left) {
        (Status::Overdue, Some(days)) => format!("{}d late", -days),
        (Status::DueToday, _) => "today".to_owned(),
        (Status::DueSoon | Status::Open, Some(days)) => format!("{days}d"),
        (Status::AnsweredLate, _) => "late reply".to_owned(),
        (status, _) => status.label().to_owned(),
    }
}

/// The countdown in words: `8 days, 6 business days left`, `due today`,
/// `overdue by 3 days (1 business day)`.
/// Business days are counted on the docket's calendar (`holidays`).
pub fn countdown_words(letter: &Letter, as_of: Date, holidays: &Holidays) -> Option<String> {
    let days = letter.days_left(as_of)?;
    let business = letter.business_days_left(as_of, holidays)?;
    Some(match days {
        0 => "due today".to_owned(),
        d if d > 0 => format!(
            "{}, {} left",
            count(d, "day"),
            count(business, "business day")
        ),
        d => format!(
            "overdue by {} ({})",
            count(-d, "day"),
            count(-business, "business day")
        ),
    })
}

/// How many unresolved conflicts from a merge are about this letter.
fn conflicts_on(app: &App, letter: &Letter) -> usize {
    let conflicts = &app.docket().conflicts;
    (conflicts.iter())
        .filter(|c| letter_of(c) == Some(letter.id.as_str()))
        .count()
}

/// The first row to show so that `selected` is visible in `height` rows.
fn scroll_offset(selected: usize, height: usize) -> usize {
    (selected + 1).saturating_sub(height)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width_and_never_splits_wide_characters() {
        assert_eq!(fit("Baltimore", 12), "Baltimore   ");
        assert_eq!(fit("Baltimore", 6), "Balti…");
        assert_eq!(fit("北京市", 6), "北京市");
        assert_eq!(fit("北京市", 5), "北京…");
        assert_eq!(fit("北京市", 4), "北… ");
        assert_eq!(fit("🎉🎉", 3), "🎉…");
        assert_eq!(fit("abc", 0), "");
        for width in 0..12 {
            assert_eq!(fit("北京 🎉 café", width).width(), width, "{width}");
        }
    }

    #[test]
    fn wrapping_breaks_between_words_and_inside_long_ones() {
        assert_eq!(
            wrap_to("terminal too small: docket", 10),
            ["terminal", "too small:", "docket"]
        );
        assert_eq!(wrap_to("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap_to("北京市东城区", 5), ["北京", "市东", "城区"]);
        assert!(wrap_to("anything", 0).is_empty());
    }

    #[test]
    fn countdowns_in_words() {
        let table = [
            (Status::Open, Some(8), "8d"),
            (Status::DueSoon, Some(2), "2d"),
            (Status::DueToday, Some(0), "today"),
            (Status::Overdue, Some(-3), "3d late"),
            (Status::Answered, Some(-3), "answered"),
            (Status::AnsweredLate, Some(-3), "late reply"),
            (Status::Closed, None, "closed"),
            (Status::NoDeadline, None, "no deadline"),
        ];
        for (status, days, expected) in table {
            assert_eq!(countdown(status, days), expected);
        }
    }
}
