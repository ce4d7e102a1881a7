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

impl Document {
    /// Why these documents cannot be a letter's, if they cannot: a label or
    /// target empty or on several lines, a label holding `|` (forms write a
    /// document as `label | target`), or two documents with one label
    /// (removals name a document by its label).
    pub fn problem(documents: &[Document]) -> Option<String> {
        let mut labels = std::collections::HashSet::new();
        documents.iter().find_map(|d| {
            let label = d.label.trim();
            if label.is_empty() {
                Some(format!("the document {:?} has no label", d.target))
            } else if d.target.trim().is_empty() {
                Some(format!("the document {label:?} has no path or URL"))
            } else if d.label.contains(['\n', '\r']) || d.target.contains(['\n', '\r']) {
                Some(format!("the document {label:?} must fit on one line"))
            } else if label.contains('|') {
                Some(format!("the document label {label:?} cannot hold `|`"))
            } else if !labels.insert(label) {
                Some(format!("two documents are labelled {label:?}"))
            } else {
                None
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Document;

    fn doc(label: &str, target: &str) -> Document {
        Document {
            label: label.to_owned(),
            target: target.to_owned(),
        }
    }

    #[test]
    fn documents_need_one_line_labels_and_targets_without_repeats() {
        assert_eq!(
            Document::problem(&[doc("Letter", "a.pdf"), doc("Reply", "https://x")]),
            None
        );
        for (docs, found) in [
            (vec![doc(" ", "a.pdf")], "has no label"),
            (vec![doc("Letter", "")], "has no path or URL"),
            (vec![doc("Let\nter", "a.pdf")], "one line"),
            (vec![doc("a|b", "a.pdf")], "cannot hold `|`"),
            (
                vec![doc("Letter", "a.pdf"), doc("Letter", "b.pdf")],
                "two documents",
            ),
        ] {
            let problem = Document::problem(&docs).unwrap_or_default();
            assert!(problem.contains(found), "{docs:?}: {problem}");
        }
    }
}
