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
}
