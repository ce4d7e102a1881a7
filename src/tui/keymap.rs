//! Keys to actions: a pure lookup, also the source of the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// What the keyboard is doing right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing.
    Normal,
    /// Typing a filter.
    Filter,
    /// Reading the help overlay.
    Help,
    /// Filling in a form.
    Form,
    /// Answering a yes/no question.
    Confirm,
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
    bind(&[ch('+'), ch('=')], Action::ZoomIn, "timeline: zoom in"),
    bind(&[ch('-')], Action::ZoomOut, "timeline: zoom out"),
    bind(&[ch('[')], Action::ShiftAsOf(-1), "as of one day earlier"),
    bind(&[ch(']')], Action::ShiftAsOf(1), "as of one day later"),
    bind(&[ch('{')], Action::ShiftAsOf(-7), "as of one week earlier"),
    bind(&[ch('}')], Action::ShiftAsOf(7), "as of one week later"),
    bind(&[ch('t')], Action::AsOfToday, "as of today"),
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
    bind(&[ch('u')], Action::Undo, "undo"),
    bind(&[ctrl('r')], Action::Redo, "redo"),
    bind(
        &[ctrl('s')],
        Action::Save,
        "save again (after a failed save)",
    ),
    bind(
        &[ch('R')],
        Action::Reload,
        "reload a file changed elsewhere",
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

/// How many lines a page of help is.
const HELP_PAGE: isize = 10;

/// The help's sections: a heading, then keys and what they do.
pub fn help_sections() -> [(&'static str, Vec<(String, &'static str)>); 4] {
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
        Mode::Help => HELP
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
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn char_key(c: char) -> KeyEvent {
        key(KeyCode::Char(c))
    }

    #[test]
    fn normal_keys_map_to_their_actions() {
        let table = [
            (char_key('q'), Some(Action::Quit)),
            (char_key('?'), Some(Action::ToggleHelp)),
            (key(KeyCode::Tab), Some(Action::NextPane)),
            (
                KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                Some(Action::PrevPane),
            ),
            (char_key('j'), Some(Action::Down)),
            (key(KeyCode::Down), Some(Action::Down)),
            (char_key('k'), Some(Action::Up)),
            (key(KeyCode::Up), Some(Action::Up)),
            (char_key('g'), Some(Action::First)),
            (
                KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
                Some(Action::Last),
            ),
            (key(KeyCode::Enter), Some(Action::Open)),
            (char_key('/'), Some(Action::StartFilter)),
            (key(KeyCode::Esc), Some(Action::ClearFilter)),
            (char_key('s'), Some(Action::CycleSort)),
            (char_key('+'), Some(Action::ZoomIn)),
            (char_key('-'), Some(Action::ZoomOut)),
            (char_key('['), Some(Action::ShiftAsOf(-1))),
            (char_key(']'), Some(Action::ShiftAsOf(1))),
            (
                KeyEvent::new(KeyCode::Char('{'), KeyModifiers::SHIFT),
                Some(Action::ShiftAsOf(-7)),
            ),
            (
                KeyEvent::new(KeyCode::Char('}'), KeyModifiers::SHIFT),
                Some(Action::ShiftAsOf(7)),
            ),
            (char_key('t'), Some(Action::AsOfToday)),
            (char_key('z'), None),
            (
                KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL),
                None,
            ),
        ];
        for (event, expected) in table {
            assert_eq!(action_for(Mode::Normal, event), expected, "{event:?}");
        }
    }

    #[test]
    fn ctrl_c_quits_in_every_mode() {
        let event = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [
            Mode::Normal,
            Mode::Filter,
            Mode::Help,
            Mode::Form,
            Mode::Confirm,
        ] {
            assert_eq!(action_for(mode, event), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn filter_mode_takes_text() {
        assert_eq!(
            action_for(Mode::Filter, char_key('q')),
            Some(Action::FilterChar('q'))
        );
        assert_eq!(
            action_for(Mode::Filter, char_key('j')),
            Some(Action::FilterChar('j'))
        );
        assert_eq!(
            action_for(Mode::Filter, key(KeyCode::Backspace)),
            Some(Action::FilterBackspace)
        );
        assert_eq!(
            action_for(Mode::Filter, key(KeyCode::Enter)),
            Some(Action::AcceptFilter)
        );
        assert_eq!(
            action_for(Mode::Filter, key(KeyCode::Esc)),
            Some(Action::ClearFilter)
        );
        assert_eq!(action_for(Mode::Filter, key(KeyCode::Tab)), None);
    }

    #[test]
    fn editing_keys() {
        let table = [
            (char_key('a'), Some(Action::Add)),
            (char_key('e'), Some(Action::Edit)),
            (char_key('d'), Some(Action::Delete)),
            (char_key('r'), Some(Action::Reply)),
            (char_key('x'), Some(Action::Extend)),
            (char_key('c'), Some(Action::CloseReopen)),
            (char_key('u'), Some(Action::Undo)),
            (
                KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
                Some(Action::Redo),
            ),
            (
                KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL),
                Some(Action::Save),
            ),
            (
                KeyEvent::new(KeyCode::Char('R'), KeyModifiers::SHIFT),
                Some(Action::Reload),
            ),
        ];
        for (event, expected) in table {
            assert_eq!(action_for(Mode::Normal, event), expected, "{event:?}");
        }
    }

    #[test]
    fn form_keys_type_into_fields_and_confirm_takes_y_or_n() {
        assert_eq!(
            action_for(Mode::Form, key(KeyCode::Tab)),
            Some(Action::FormNext)
        );
        assert_eq!(
            action_for(Mode::Form, key(KeyCode::Down)),
            Some(Action::FormNext)
        );
        assert_eq!(
            action_for(Mode::Form, key(KeyCode::Up)),
            Some(Action::FormPrev)
        );
        assert_eq!(
            action_for(Mode::Form, key(KeyCode::Enter)),
            Some(Action::FormSubmit)
        );
        assert_eq!(
            action_for(Mode::Form, key(KeyCode::Esc)),
            Some(Action::FormCancel)
        );
        assert_eq!(
            action_for(Mode::Form, char_key('q')),
            Some(Action::FormInput(char_key('q')))
        );
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Mode::Form, ctrl_j), Some(Action::FormNewline));
        assert_eq!(
            action_for(Mode::Confirm, char_key('y')),
            Some(Action::Confirm(true))
        );
        assert_eq!(
            action_for(Mode::Confirm, char_key('n')),
            Some(Action::Confirm(false))
        );
        assert_eq!(
            action_for(Mode::Confirm, key(KeyCode::Esc)),
            Some(Action::Confirm(false))
        );
        assert_eq!(action_for(Mode::Confirm, char_key('q')), None);
    }

    #[test]
    fn help_mode_closes_on_question_mark_escape_or_q() {
        for event in [char_key('?'), char_key('q'), key(KeyCode::Esc)] {
            assert_eq!(action_for(Mode::Help, event), Some(Action::ToggleHelp));
        }
        assert_eq!(
            action_for(Mode::Help, char_key('j')),
            Some(Action::HelpScroll(1))
        );
        assert_eq!(
            action_for(Mode::Help, key(KeyCode::End)),
            Some(Action::HelpScroll(isize::MAX))
        );
        assert_eq!(action_for(Mode::Help, char_key('a')), None);
    }

    #[test]
    fn no_key_is_bound_twice() {
        let keys: Vec<Key> = NORMAL.iter().flat_map(|b| b.keys.iter().copied()).collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(
                !keys[i + 1..].contains(key),
                "{} is bound twice",
                key.label()
            );
        }
    }

    /// Every editing key help lists does what it says in a text field.
    #[test]
    fn the_form_keys_help_lists_are_the_ones_tui_input_reads() {
        use ratatui::crossterm::event::Event;
        use tui_input::InputRequest::{
            DeleteLine, DeleteNextChar, DeleteNextWord, DeletePrevChar, DeletePrevWord,
            DeleteTillEnd, GoToEnd, GoToNextChar, GoToNextWord, GoToPrevChar, GoToPrevWord,
            GoToStart, Yank,
        };
        use tui_input::backend::crossterm::to_input_request;
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let table = [
            (key(KeyCode::Left), GoToPrevChar),
            (key(KeyCode::Right), GoToNextChar),
            (ctrl('b'), GoToPrevChar),
            (ctrl('f'), GoToNextChar),
            (
                KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL),
                GoToPrevWord,
            ),
            (
                KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL),
                GoToNextWord,
            ),
            (key(KeyCode::Home), GoToStart),
            (ctrl('a'), GoToStart),
            (key(KeyCode::End), GoToEnd),
            (ctrl('e'), GoToEnd),
            (key(KeyCode::Backspace), DeletePrevChar),
            (ctrl('h'), DeletePrevChar),
            (key(KeyCode::Delete), DeleteNextChar),
            (ctrl('w'), DeletePrevWord),
            (
                KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT),
                DeletePrevWord,
            ),
            (
                KeyEvent::new(KeyCode::Delete, KeyModifiers::CONTROL),
                DeleteNextWord,
            ),
            (ctrl('k'), DeleteTillEnd),
            (ctrl('u'), DeleteLine),
            (ctrl('y'), Yank),
        ];
        for (event, request) in table {
            assert_eq!(
                action_for(Mode::Form, event),
                Some(Action::FormInput(event))
            );
            assert_eq!(
                to_input_request(&Event::Key(event)),
                Some(request),
                "{event:?}"
            );
        }
        let listed = FORM_HELP
            .iter()
            .map(|(k, _)| *k)
            .collect::<Vec<_>>()
            .join(" ");
        for name in [
            "Ctrl-u", "Ctrl-w", "Ctrl-a", "Ctrl-e", "Home", "End", "Delete", "Ctrl-k", "Ctrl-y",
        ] {
            assert!(listed.split(' ').any(|k| k == name), "{name}");
        }
        // Alt-b and Alt-f arrive as Alt, which tui-input does not read: not listed.
        let alt_b = KeyEvent::new(KeyCode::Char('b'), KeyModifiers::ALT);
        assert_eq!(to_input_request(&Event::Key(alt_b)), None);
        assert!(!listed.contains("Alt-b"));
    }

    #[test]
    fn labels_read_as_people_write_keys() {
        assert_eq!(ctrl('c').label(), "Ctrl-c");
        assert_eq!(code(KeyCode::BackTab).label(), "Shift-Tab");
        assert_eq!(ch('[').label(), "[");
    }
}
