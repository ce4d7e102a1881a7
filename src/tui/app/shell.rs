//! The interface around the panes: the keyboard's mode, the status line's
//! message, the theme, and whether to quit.

use super::super::keymap::Mode;
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
}

impl Shell {
    /// Browsing, with no message.
    pub fn new(theme: Theme) -> Self {
        Shell {
            mode: Mode::Normal,
            message: None,
            theme,
            quit: false,
        }
    }

    /// Shows a message in the status line.
    pub fn note(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Shows or hides the help overlay.
    pub fn toggle_help(&mut self) {
        self.mode = match self.mode {
            Mode::Help => Mode::Normal,
            _ => Mode::Help,
        };
    }
}
