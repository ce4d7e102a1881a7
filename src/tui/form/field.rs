//! One field of a form: what it holds and the text typed.

use tui_input::Input;

use crate::model::{Date, parse_date_spec};

/// What a field holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// Several lines (Ctrl-j starts a new one).
    Lines,
    /// A date: `YYYY-MM-DD`, `today`, `+7d`, `-1w`.
    Date,
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
