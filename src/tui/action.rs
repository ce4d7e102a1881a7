//! Everything the user can ask the interface to do.

use ratatui::crossterm::event::KeyEvent;

use super::arrival::Arrival;
use crate::merge::Side;
use crate::model::Date;
use crate::store::StoreError;

/// One thing to do, applied by `App::update`: asked for with a key (through
/// the keymap), by the clock, or reported by the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave docket.
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Scroll the help overlay by this many lines (`isize::MIN`: to the
    /// top, `isize::MAX`: to the end).
    HelpScroll(isize),
    /// Show or hide the office calendar's days off.
    ToggleHolidays,
    /// Scroll the days off by this many lines (`isize::MIN`: to the top,
    /// `isize::MAX`: to the end).
    HolidaysScroll(isize),
    /// Show the days off of the year this many years on.
    HolidaysYear(i32),
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
    /// Show only the letters I handle, or everyone's again.
    ToggleMine,
    /// Zoom the timeline in (month -> week -> day).
    ZoomIn,
    /// Zoom the timeline out (day -> week -> month).
    ZoomOut,
    /// Move the as-of date by this many days.
    ShiftAsOf(i64),
    /// Set the as-of date to today.
    AsOfToday,
    /// Show the selected letter's matter, one row per city (or go back).
    ShowMatter,
    /// Show the chronology of every event (or go back).
    ShowChronology,
    /// The terminal is this many columns wide and rows high (measured at
    /// the start and on every resize).
    Resize(u16, u16),
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
    /// Open the selected letter's document (asks which when it has several).
    OpenDocument,
    /// Undo the latest change.
    Undo,
    /// Redo the latest undone change.
    Redo,
    /// Try saving again.
    Save,
    /// Open or close the list of conflicts from a merge.
    ToggleConflicts,
    /// Move in the conflicts list by this many.
    ConflictMove(isize),
    /// Resolve the conflict under the cursor with this side's value.
    Resolve(Side),
    /// Edit the letter of the conflict under the cursor (saving it resolves
    /// the conflict with the edit).
    EditConflict,
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
    /// The session: a save of the docket with this many unsaved changes ended.
    Saved {
        /// How many of the unsaved changes the saved docket held.
        changes: usize,
        /// How it went.
        outcome: SaveOutcome,
    },
    /// The session: a change made elsewhere, merged with ours: the
    /// records that differ from the docket shown.
    Arrived(Box<Arrival>),
    /// The session: something to say in the status line.
    Note(String),
}

impl Action {
    /// Whether the action comes from a key, which clears the message shown.
    pub fn is_key(&self) -> bool {
        !matches!(
            self,
            Action::Tick(_)
                | Action::Resize(..)
                | Action::Saved { .. }
                | Action::Arrived(_)
                | Action::Note(_)
        )
    }

    /// Whether the action changes the docket (refused when read-only).
    pub fn changes_docket(&self) -> bool {
        matches!(
            self,
            Action::Add
                | Action::Edit
                | Action::Delete
                | Action::Reply
                | Action::Extend
                | Action::CloseReopen
                | Action::Undo
                | Action::Redo
                | Action::Resolve(_)
                | Action::EditConflict
        )
    }
}

/// How a save ended, as the interface tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// The docket is on disk.
    Saved,
    /// The write failed: the file on disk is the previous version.
    Failed(String),
}

impl From<Result<(), StoreError>> for SaveOutcome {
    fn from(result: Result<(), StoreError>) -> Self {
        match result {
            Ok(()) => SaveOutcome::Saved,
            Err(err) => SaveOutcome::Failed(err.to_string()),
        }
    }
}
