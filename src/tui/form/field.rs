//! One field of a form: what it holds and the text typed.

use tui_input::Input;

use crate::model::{Date, DueInput, DueUnit, parse_date_spec};

/// What a Due field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// No deadline.
    None,
    /// A date.
    On(Date),
    /// So many days or business days after the letter.
    After(u32, DueUnit),
}

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines (Ctrl-j starts a new one).
    Lines,
    /// A date: `YYYY-MM-DD`, `today`, `+7d`, `-1w`.
    Date,
    /// A due date: a date (`YYYY-MM-DD`, `today`), or a rule counted from
    /// the letter (`+15d`, `+2w`, `+11bd`).
    Due,
    /// One of a list, cycled with ←/→ or Space.
    Choice(Vec<String>),
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// The name changes use for it (`on`, `new_due`...).
    pub key: &'static str,
    /// The label shown.
    pub label: &'static str,
    /// What it holds.
    pub kind: FieldKind,
    /// The text typed.
    pub input: Input,
    /// Why the last save was refused, if because of this field.
    pub error: Option<String>,
}

impl Field {
    pub(super) fn new(
        key: &'static str,
        label: &'static str,
        kind: FieldKind,
        value: &str,
    ) -> Self {
        Field {
            key,
            label,
            kind,
            input: Input::new(value.to_owned()),
            error: None,
        }
    }

    /// The text typed, trimmed.
    pub fn value(&self) -> &str {
        self.input.value().trim()
    }

    /// The date typed; `today`, `+7d`, `-1w` count from `anchor` (the
    /// as-of date the screen shows, which is today unless replaying).
    pub fn date(&self, anchor: Date) -> Result<Date, String> {
        parse_date_spec(self.value(), anchor)
    }

    /// What a Due field holds: nothing, a date (`today` counts from
    /// `anchor`), or a rule counted from the letter.
    pub fn due(&self, anchor: Date) -> Result<Due, String> {
        if self.value().is_empty() {
            return Ok(Due::None);
        }
        match self.value().parse::<DueInput>()? {
            DueInput::On(spec) => spec.resolve(anchor).map(Due::On),
            DueInput::After { count, unit } => Ok(Due::After(count, unit)),
        }
    }

    pub(super) fn optional(&self) -> Option<String> {
        Some(self.value().to_owned()).filter(|v| !v.is_empty())
    }

    pub(super) fn lines(&self) -> Vec<String> {
        self.value()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }
}
