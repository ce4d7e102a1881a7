//! A city that letters are sent to.

use serde::{Deserialize, Serialize};

/// A city that letters are sent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct City {
    /// A stable slug such as `baltimore`.
    pub id: String,
    /// The display name, such as `Baltimore`.
    pub name: String,
    /// The state, such as `MD`.
    pub state: String,
    /// Free-form notes.
    #[serde(default)]
    pub notes: String,
    /// Who changed what and when, oldest first; only ever appended to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<super::LogEntry>,
}

impl City {
    /// Whether `needle` (already folded by [`super::text::fold`]) occurs in
    /// any of the city's [`texts`](City::texts), folded.
    pub fn mentions(&self, needle: &str) -> bool {
        (self.texts()).any(|text| super::letter::contains_folded(text, needle))
    }

    /// Every text of the city the filter searches: name, id, state and notes.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [&self.name, &self.id, &self.state, &self.notes]
            .into_iter()
            .map(String::as_str)
    }
}
