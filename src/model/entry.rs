//! What happens to a letter after it is sent: replies, extensions and
//! closings, each with an id within its letter (`r1`, `x1`, `c1`).

use serde::{Deserialize, Serialize};

use super::{Date, Letter};

/// A reply received to a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    /// Its id within the letter: `r1`, `r2`... never reused.
    #[serde(default)]
    pub id: String,
    /// The date the reply was received.
    pub on: Date,
    /// Who replied.
    pub from: String,
    /// What kind of reply it is.
    pub kind: ReplyKind,
    /// A summary of the reply.
    #[serde(default)]
    pub summary: String,
    /// A URL or citation for the reply.
    #[serde(default)]
    pub source: Option<String>,
}

/// What a reply does with the letter's demands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReplyKind {
    /// Confirms receipt; does not answer.
    Acknowledges,
    /// Complies with the demands.
    Complies,
    /// Disputes the demands.
    Disputes,
    /// Refuses the demands.
    Refuses,
    /// Asks for more time; does not answer.
    AsksExtension,
    /// Any other answer.
    Other,
}

impl ReplyKind {
    /// Every kind, in the order forms offer them.
    pub const ALL: [ReplyKind; 6] = [
        ReplyKind::Acknowledges,
        ReplyKind::Complies,
        ReplyKind::Disputes,
        ReplyKind::Refuses,
        ReplyKind::AsksExtension,
        ReplyKind::Other,
    ];

    /// Whether a reply of this kind answers the letter (stops the countdown).
    pub fn answers(self) -> bool {
        !matches!(self, ReplyKind::Acknowledges | ReplyKind::AsksExtension)
    }

    /// The kebab-case name used on the command line and in JSON views.
    pub fn as_str(self) -> &'static str {
        match self {
            ReplyKind::Acknowledges => "acknowledges",
            ReplyKind::Complies => "complies",
            ReplyKind::Disputes => "disputes",
            ReplyKind::Refuses => "refuses",
            ReplyKind::AsksExtension => "asks-extension",
            ReplyKind::Other => "other",
        }
    }
}

impl std::fmt::Display for ReplyKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for ReplyKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ReplyKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = ReplyKind::ALL.iter().map(|k| k.as_str()).collect();
                format!(
                    "unknown reply kind {s:?} (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// A new deadline granted for a letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// Its id within the letter: `x1`, `x2`... never reused.
    #[serde(default)]
    pub id: String,
    /// The date the extension was granted.
    pub granted_on: Date,
    /// The new deadline.
    pub new_due: Date,
    /// Why, or on what terms.
    #[serde(default)]
    pub note: String,
}

/// The closing of a matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Closing {
    /// Its id within the letter: `c1`, `c2`... never reused.
    #[serde(default)]
    pub id: String,
    /// The date the matter was closed.
    pub on: Date,
    /// How it ended.
    #[serde(default)]
    pub outcome: String,
    /// The date the matter was reopened, if it was.
    #[serde(default)]
    pub reopened_on: Option<Date>,
}

impl Closing {
    /// Whether this closing is in force as of `as_of`: made on or before
    /// it and not reopened by then.
    pub fn in_force(&self, as_of: Date) -> bool {
        self.on <= as_of && self.reopened_on.is_none_or(|r| r > as_of)
    }
}

/// The ids of a letter's entries.
impl Letter {
    /// The next id with this prefix (`r`, `x`, `c`): one past the highest
    /// ever used in this letter, deleted ones included.
    pub fn next_entry_id(&self, prefix: char) -> String {
        let ids = (self.replies.iter().map(|r| &r.id))
            .chain(self.extensions.iter().map(|e| &e.id))
            .chain(self.closings.iter().map(|c| &c.id))
            .chain(self.retired_ids.iter());
        let max = ids
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", max + 1)
    }

    /// Gives an id to every reply, extension and closing without one, in
    /// date order (how a version 1 file's entries get theirs).
    pub fn assign_entry_ids(&mut self) {
        let mut order: Vec<usize> = (0..self.replies.len()).collect();
        order.sort_by_key(|&i| self.replies[i].on);
        for i in order {
            if self.replies[i].id.is_empty() {
                self.replies[i].id = self.next_entry_id('r');
            }
        }
        let mut order: Vec<usize> = (0..self.extensions.len()).collect();
        order.sort_by_key(|&i| self.extensions[i].granted_on);
        for i in order {
            if self.extensions[i].id.is_empty() {
                self.extensions[i].id = self.next_entry_id('x');
            }
        }
        let mut order: Vec<usize> = (0..self.closings.len()).collect();
        order.sort_by_key(|&i| self.closings[i].on);
        for i in order {
            if self.closings[i].id.is_empty() {
                self.closings[i].id = self.next_entry_id('c');
            }
        }
    }

    /// Whether any reply, extension or closing lacks an id.
    pub fn lacks_entry_ids(&self) -> bool {
        self.replies.iter().any(|r| r.id.is_empty())
            || self.extensions.iter().any(|e| e.id.is_empty())
            || self.closings.iter().any(|c| c.id.is_empty())
    }
}
