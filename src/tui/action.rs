//! Everything the user can ask the interface to do.

use ratatui::crossterm::event::KeyEvent;

use crate::model::Date;

/// One thing to do, produced by the keymap and applied by `App::update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave docket.
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Move the selection down (or scroll down).
    Down,
    /// Move the selection up (or scroll up).
    Up,
    /// Select the first item.
    First,
    /// Select the last item.
    Last,
    /// Open the selection: city -> its letters -> letter details.
    Open,
    /// Scroll the timeline back in time.
    ScrollLeft,
    /// Scroll the timeline forward in time.
    ScrollRight,
    /// Start typing a filter.
    StartFilter,
    /// Add a character to the filter.
    FilterChar(char),
    /// Remove the filter's last character.
    FilterBackspace,
    /// Keep the filter and stop typing.
    AcceptFilter,
    /// Clear the filter.
    ClearFilter,
    /// Cycle the city sort order.
    CycleSort,
    /// Zoom the timeline in (month -> week -> day).
    ZoomIn,
    /// Zoom the timeline out (day -> week -> month).
    ZoomOut,
    /// Move the as-of date by this many days.
    ShiftAsOf(i64),
    /// Set the as-of date to today.
    AsOfToday,
    /// The clock ticked; this is today's date.
    Tick(Date),
    /// Add a city (in Cities) or a letter (elsewhere).
    Add,
    /// Edit the selected city or letter.
    Edit,
    /// Delete the selected city or letter (asks first).
    Delete,
    /// Record a reply to the selected letter.
    Reply,
    /// Extend the selected letter's deadline.
    Extend,
    /// Close the selected letter, or reopen it.
    CloseReopen,
    /// Undo the latest change.
    Undo,
    /// Redo the latest undone change.
    Redo,
    /// Try saving again.
    Save,
    /// Reload the file after someone else changed it, re-applying ours.
    Reload,
    /// Form: next field.
    FormNext,
    /// Form: previous field.
    FormPrev,
    /// Form: save.
    FormSubmit,
    /// Form: cancel, changing nothing.
    FormCancel,
    /// Form: a new line in a multi-line field.
    FormNewline,
    /// Form: a key typed into the focused field.
    FormInput(KeyEvent),
    /// The answer to a yes/no question.
    Confirm(bool),
}
