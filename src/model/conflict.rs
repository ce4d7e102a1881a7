//! A field two people changed to different values, kept in the file until
//! someone chooses.

use serde::{Deserialize, Serialize};

/// The same field changed to two values (or a record deleted on one side and
/// edited on the other) in a merge. The docket keeps `ours` until resolved;
/// both values are kept here, as RON text, so nothing is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The record, such as `letter baltimore-2017-08-03` or
    /// `reply baltimore-2017-08-03 r2`.
    pub record: String,
    /// The field, or empty when the whole record is in conflict.
    pub field: String,
    /// The value both sides started from; `None` when it did not exist.
    pub base: Option<String>,
    /// Our value; `None` when we deleted the record.
    pub ours: Option<String>,
    /// Their value; `None` when they deleted the record.
    pub theirs: Option<String>,
}
