//! Keys to actions: a pure lookup, also the source of the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::merge::Side;

/// What the keyboard is doing right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing.
    Normal,
    /// Typing a filter.
    Filter,
    /// Reading the help overlay.
    Help,
    /// Reading the office calendar's days off.
    Holidays,
    /// Filling in a form.
    Form,
    /// Answering a yes/no question.
    Confirm,
    /// Resolving the conflicts from a merge, in their list.
    Conflicts,
}

/// A key as bound: a key code, with or without Ctrl.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    fn matches(self, event: KeyEvent) -> bool {
        self.code == event.code && self.ctrl == event.modifiers.contains(KeyModifiers::CONTROL)
    }

    /// How the key is written in help.
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{name}")
        } else {
            name
        }
    }
}

/// Keys bound to one action, with the help text for it.
#[derive(Debug)]
pub struct Binding {
    /// The keys, first the one to show first.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// One line for the help overlay.
    pub help: &'static str,
}

/// The browsing keys, in the order help lists them.
pub const NORMAL: &[Binding] = &[
    bind(&[ch('q'), ctrl('c')], Action::Quit, "quit"),
    bind(&[ch('?')], Action::ToggleHelp, "show or hide this help"),
    bind(&[code(KeyCode::Tab)], Action::NextPane, "next pane"),
    bind(&[code(KeyCode::BackTab)], Action::PrevPane, "previous pane"),
    bind(&[ch('j'), code(KeyCode::Down)], Action::Down, "move down"),
    bind(&[ch('k'), code(KeyCode::Up)], Action::Up, "move up"),
    bind(&[ch('g'), code(KeyCode::Home)], Action::First, "first"),
    bind(&[ch('G'), code(KeyCode::End)], Action::Last, "last"),
    bind(
        &[code(KeyCode::Enter)],
        Action::Open,
        "open: city -> letters -> letter",
    ),
    bind(
        &[ch('h'), code(KeyCode::Left)],
        Action::ScrollLeft,
        "timeline: earlier",
    ),
    bind(
        &[ch('l'), code(KeyCode::Right)],
        Action::ScrollRight,
        "timeline: later",
    ),
    bind(&[ch('/')], Action::StartFilter, "filter (Esc clears)"),
    bind(
        &[code(KeyCode::Esc)],
        Action::ClearFilter,
        "clear the filter",
    ),
    bind(&[ch('s')], Action::CycleSort, "sort cities: urgency / name"),
    bind(
        &[ch('O')],
        Action::ToggleMine,
        "only my letters (owner) / everyone's",
    ),
    bind(&[ch('+'), ch('=')], Action::ZoomIn, "timeline: zoom in"),
    bind(&[ch('-')], Action::ZoomOut, "timeline: zoom out"),
    bind(&[ch('[')], Action::ShiftAsOf(-1), "as of one day earlier"),
    bind(&[ch(']')], Action::ShiftAsOf(1), "as of one day later"),
    bind(&[ch('{')], Action::ShiftAsOf(-7), "as of one week earlier"),
    bind(&[ch('}')], Action::ShiftAsOf(7), "as of one week later"),
    bind(&[ch('t')], Action::AsOfToday, "as of today"),
    bind(
        &[ch('H')],
        Action::ToggleHolidays,
        "holidays: the year's days off",
    ),
    bind(
        &[ch('m')],
        Action::ShowMatter,
        "the letter's matter, by city",
    ),
    bind(
        &[ch('C')],
        Action::ShowChronology,
        "chronology of every event",
    ),
    bind(
        &[ch('a')],
        Action::Add,
        "add a city (in Cities) or a letter",
    ),
    bind(&[ch('e')], Action::Edit, "edit the selection"),
    bind(&[ch('d')], Action::Delete, "delete the selection (asks)"),
    bind(&[ch('r')], Action::Reply, "record a reply to the letter"),
    bind(&[ch('x')], Action::Extend, "extend the letter's deadline"),
    bind(&[ch('c')], Action::CloseReopen, "close / reopen the letter"),
    bind(
        &[ch('o')],
        Action::OpenDocument,
        "open the letter's document",
    ),
    bind(&[ch('u')], Action::Undo, "undo"),
    bind(&[ctrl('r')], Action::Redo, "redo"),
    bind(
        &[ctrl('s')],
        Action::Save,
        "save again (after a failed save)",
    ),
    bind(
        &[ch('!')],
        Action::ToggleConflicts,
        "conflicts: keep mine / theirs / edit",
    ),
];

/// The keys in the conflicts list, in the order help lists them.
pub const CONFLICTS: &[Binding] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        Action::ConflictMove(1),
        "next conflict",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        Action::ConflictMove(-1),
        "previous conflict",
    ),
    bind(&[ch('m')], Action::Resolve(Side::Ours), "keep mine"),
    bind(&[ch('t')], Action::Resolve(Side::Theirs), "keep theirs"),
    bind(
        &[ch('e')],
        Action::EditConflict,
        "edit the letter; saving keeps it",
    ),
    bind(
        &[ch('!'), ch('q'), code(KeyCode::Esc)],
        Action::ToggleConflicts,
        "close the list",
    ),
];

/// The keys in a form, for help (the lookup is in [`action_for`]; the
/// editing keys are tui-input's, as its crossterm backend reads them).
pub const FORM_HELP: &[(&str, &str)] = &[
    ("↓ ↑ Tab Shift-Tab", "next / previous field"),
    ("Enter", "save"),
    ("Esc", "cancel (asks if you typed)"),
    ("Ctrl-j", "new line in a long text"),
    ("← → Space a-z", "choose in a list"),
    ("← → Ctrl-b Ctrl-f", "a character left / right"),
    ("Ctrl-← Ctrl-→", "a word left / right"),
    ("Home Ctrl-a", "start of the text"),
    ("End Ctrl-e", "end of the text"),
    ("Backspace Ctrl-h", "delete the character before"),
    ("Delete", "delete the character after"),
    ("Ctrl-w Alt-Backspace", "delete the word before"),
    ("Ctrl-Delete", "delete the word after"),
    ("Ctrl-k", "delete to the end"),
    ("Ctrl-u", "delete the whole text"),
    ("Ctrl-y", "put back what was deleted"),
];

/// The keys while typing a filter, for help (the lookup is in [`action_for`]).
pub const FILTER_HELP: &[(&str, &str)] = &[
    ("text", "filter cities and letters as you type"),
    ("Enter", "keep the filter"),
    ("Esc", "clear the filter"),
];

/// The keys while reading help, in the order help lists them.
pub const HELP: &[Binding] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        Action::HelpScroll(1),
        "scroll down",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        Action::HelpScroll(-1),
        "scroll up",
    ),
    bind(
        &[ch(' '), code(KeyCode::PageDown)],
        Action::HelpScroll(HELP_PAGE),
        "a page down",
    ),
    bind(
        &[code(KeyCode::PageUp)],
        Action::HelpScroll(-HELP_PAGE),
        "a page up",
    ),
    bind(
        &[ch('g'), code(KeyCode::Home)],
        Action::HelpScroll(isize::MIN),
        "top",
    ),
    bind(
        &[ch('G'), code(KeyCode::End)],
        Action::HelpScroll(isize::MAX),
        "end",
    ),
    bind(
        &[ch('?'), ch('q'), code(KeyCode::Esc), code(KeyCode::Enter)],
        Action::ToggleHelp,
        "close this help",
    ),
];

/// The keys while reading the days off, in the order help lists them.
pub const HOLIDAYS: &[Binding] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        Action::HolidaysScroll(1),
        "scroll down",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        Action::HolidaysScroll(-1),
        "scroll up",
    ),
    bind(
        &[ch('g'), code(KeyCode::Home)],
        Action::HolidaysScroll(isize::MIN),
        "top",
    ),
    bind(
        &[ch('G'), code(KeyCode::End)],
        Action::HolidaysScroll(isize::MAX),
        "end",
    ),
    bind(
        &[ch('['), code(KeyCode::Left)],
        Action::HolidaysYear(-1),
        "the year before",
    ),
    bind(
        &[ch(']'), code(KeyCode::Right)],
        Action::HolidaysYear(1),
        "the year after",
    ),
    bind(
        &[ch('H'), ch('q'), code(KeyCode::Esc), code(KeyCode::Enter)],
        Action::ToggleHolidays,
        "close the days off",
    ),
];

/// How many lines a page of help is.
const HELP_PAGE: isize = 10;

/// The help's sections: a heading, then keys and what they do.
pub fn help_sections() -> [(&'static str, Vec<(String, &'static str)>); 6] {
    let bound = |bindings: &[Binding]| -> Vec<(String, &'static str)> {
        (bindings.iter())
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
                (keys.join(" "), b.help)
            })
            .collect()
    };
    let listed = |keys: &[(&str, &'static str)]| -> Vec<(String, &'static str)> {
        keys.iter().map(|(k, h)| ((*k).to_owned(), *h)).collect()
    };
    [
        ("Browsing", bound(NORMAL)),
        ("Typing a filter", listed(FILTER_HELP)),
        ("In the conflicts list (!)", bound(CONFLICTS)),
        ("In the days off (H)", bound(HOLIDAYS)),
        ("In a form", listed(FORM_HELP)),
        ("In this help", bound(HELP)),
    ]
}

/// How many lines the help has: each section's heading and keys, a blank
/// line between sections.
pub fn help_lines() -> usize {
    let sections = help_sections();
    let keys: usize = sections.iter().map(|(_, keys)| keys.len()).sum();
    keys + 2 * sections.len() - 1
}

/// How far the help can scroll on a screen `height` rows high (the overlay
/// has a border above and below).
pub fn help_max_scroll(height: u16) -> usize {
    help_lines().saturating_sub(usize::from(height.saturating_sub(2)))
}

const fn bind(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { keys, action, help }
}

/// The action a key asks for in a mode, if any.
pub fn action_for(mode: Mode, key: KeyEvent) -> Option<Action> {
    if ctrl('c').matches(key) {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Normal => NORMAL
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action.clone()),
        Mode::Filter => match key.code {
            KeyCode::Esc => Some(Action::ClearFilter),
            KeyCode::Enter => Some(Action::AcceptFilter),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Action::FilterChar(c))
            }
            _ => None,
        },
        Mode::Conflicts => CONFLICTS
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action.clone()),
        Mode::Help => HELP
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action.clone()),
        Mode::Holidays => HOLIDAYS
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action.clone()),
        Mode::Form => Some(match key.code {
            KeyCode::Tab | KeyCode::Down => Action::FormNext,
            KeyCode::BackTab | KeyCode::Up => Action::FormPrev,
            KeyCode::Enter => Action::FormSubmit,
            KeyCode::Esc => Action::FormCancel,
            KeyCode::Char('j') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                Action::FormNewline
            }
            _ => Action::FormInput(key),
        }),
        Mode::Confirm => match key.code {
            KeyCode::Char('y' | 'Y') => Some(Action::Confirm(true)),
            KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Action::Confirm(false)),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests;
