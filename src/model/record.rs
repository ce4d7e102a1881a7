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

/// When a change is made and by whom, as the entry point knows it: every
/// change applied with it appends a [`LogEntry`] to the records it puts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The local date and time, read by the entry point.
    pub at: chrono::NaiveDateTime,
    /// Who makes the change.
    pub by: String,
    /// When set, what every entry says in place of the change's own words,
    /// such as `imported from letters.csv`.
    pub what: Option<String>,
}

impl Stamp {
    /// A stamp for changes made at `at` by `by`.
    pub fn new(at: chrono::NaiveDateTime, by: impl Into<String>) -> Self {
        Stamp {
            at,
            by: by.into(),
            what: None,
        }
    }

    /// The same stamp, every entry saying `what`.
    #[must_use]
    pub fn saying(mut self, what: impl Into<String>) -> Self {
        self.what = Some(what.into());
        self
    }

    /// The log entry for a change described as `what`.
    pub fn entry(&self, what: String) -> LogEntry {
        LogEntry {
            at: self.at,
            by: self.by.clone(),
            what,
        }
    }
}
