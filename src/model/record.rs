//! What a letter keeps beside its thread: the documents it points to, and
//! the log of who changed what.

use serde::{Deserialize, Serialize};

/// A document of a letter: the letter itself, a reply, an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// What it is, such as `Letter (PDF)`.
    pub label: String,
    /// A path or a URL.
    pub target: String,
}

/// One change to a record: when, by whom, and what, in words. The file
/// calls it `Change`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename = "Change", deny_unknown_fields)]
pub struct LogEntry {
    /// The local date and time of the change, as the entry point read it.
    pub at: chrono::NaiveDateTime,
    /// Who made it.
    pub by: String,
    /// What changed, such as `reply r2 added`.
    pub what: String,
}
