//! The interface around the panes: the keyboard's mode, the status line's
//! message, the theme, and whether to quit.

use super::super::keymap::{Mode, help_lines, help_max_scroll};
use super::super::theme::Theme;

/// The mode, message, theme and quit flag.
#[derive(Debug)]
pub struct Shell {
    /// Browsing, typing a filter or reading help (forms and questions are
    /// the editing state's).
    pub mode: Mode,
    /// The status line's message, until the next key.
    pub message: Option<String>,
    /// The colours and styles.
    pub theme: Theme,
    /// The user asked to leave.
    pub quit: bool,
    /// The help overlay's first line shown.
    pub help_scroll: usize,
    /// The days off shown: their first line, and the year (the as-of
    /// date's until moved).
    pub holidays: HolidaysView,
    /// The terminal's height, once measured.
    pub height: Option<u16>,
}

impl Shell {
    /// Browsing, with no message.
    pub fn new(theme: Theme) -> Self {
        Shell {
            mode: Mode::Normal,
            message: None,
            theme,
            quit: false,
            help_scroll: 0,
            holidays: HolidaysView::default(),
            height: None,
        }
    }

    /// Shows a message in the status line.
    pub fn note(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Shows or hides the help overlay.
    pub fn toggle_help(&mut self) {
        self.help_scroll = 0;
        self.mode = match self.mode {
            Mode::Help => Mode::Normal,
            _ => Mode::Help,
        };
    }
}

/// Where the days off screen is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HolidaysView {
    /// The first line shown.
    pub scroll: usize,
    /// Years from the as-of date's.
    pub years_on: i32,
}

impl Shell {
    /// Shows or hides the days off, from the as-of date's year.
    pub fn toggle_holidays(&mut self) {
        self.holidays = HolidaysView::default();
        self.mode = match self.mode {
            Mode::Holidays => Mode::Normal,
            _ => Mode::Holidays,
        };
    }

    /// Scrolls the days off `by` lines, up to `lines` (the list's length).
    pub fn scroll_holidays(&mut self, by: isize, lines: usize) {
        let max = lines.saturating_sub(1);
        let scroll = &mut self.holidays.scroll;
        *scroll = (*scroll).min(max).saturating_add_signed(by).min(max);
    }

    /// Shows the days off of the year `by` years on, from its top.
    pub fn shift_holidays_year(&mut self, by: i32) {
        self.holidays.years_on = self.holidays.years_on.saturating_add(by);
        self.holidays.scroll = 0;
    }
}

impl Shell {
    /// Scrolls the help overlay `by` lines, between its top and its last
    /// screenful (its last line, before the terminal is measured).
    pub fn scroll_help(&mut self, by: isize) {
        let max = self.height.map_or_else(help_lines, help_max_scroll);
        self.help_scroll = self.help_scroll.min(max).saturating_add_signed(by).min(max);
    }
}
