//! Every style the interface uses, in colour and without (`NO_COLOR`).

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;

/// The styles of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Overdue countdowns.
    pub overdue: Style,
    /// Due today or soon.
    pub due_soon: Style,
    /// Open, with time left.
    pub open: Style,
    /// Answered (on time or late).
    pub answered: Style,
    /// Closed, no deadline, not yet sent.
    pub dim: Style,
    /// The selected row.
    pub selected: Style,
    /// A pane's border.
    pub border: Style,
    /// The focused pane's border and title.
    pub focused: Style,
    /// Field labels in the details pane, key names in help.
    pub label: Style,
    /// The as-of marker on the timeline and the replay notice.
    pub marker: Style,
}

impl Theme {
    /// The colour theme.
    pub const COLOR: Theme = Theme {
        overdue: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        due_soon: Style::new().fg(Color::Yellow),
        open: Style::new(),
        answered: Style::new().fg(Color::Green),
        dim: Style::new().fg(Color::DarkGray),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        border: Style::new().fg(Color::DarkGray),
        focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        label: Style::new().add_modifier(Modifier::BOLD),
        marker: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
    };

    /// No colours at all (`NO_COLOR`): emphasis by weight and inversion only;
    /// every status is also written in words or symbols.
    pub const PLAIN: Theme = Theme {
        overdue: Style::new().add_modifier(Modifier::BOLD),
        due_soon: Style::new(),
        open: Style::new(),
        answered: Style::new(),
        dim: Style::new(),
        selected: Style::new().add_modifier(Modifier::REVERSED),
        border: Style::new(),
        focused: Style::new().add_modifier(Modifier::BOLD),
        label: Style::new().add_modifier(Modifier::BOLD),
        marker: Style::new().add_modifier(Modifier::BOLD),
    };

    /// The theme for the `NO_COLOR` convention: any non-empty value turns colour off.
    pub fn for_no_color(no_color: Option<&std::ffi::OsStr>) -> Theme {
        match no_color {
            Some(value) if !value.is_empty() => Theme::PLAIN,
            _ => Theme::COLOR,
        }
    }

    /// The style of a countdown with this status.
    pub fn status(&self, status: Status) -> Style {
        match status {
            Status::Overdue => self.overdue,
            Status::DueToday | Status::DueSoon => self.due_soon,
            Status::Open => self.open,
            Status::Answered | Status::AnsweredLate => self.answered,
            Status::Closed | Status::NoDeadline | Status::NotYetSent => self.dim,
        }
    }
}
