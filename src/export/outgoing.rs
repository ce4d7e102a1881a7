//! What may leave the office. Every export and every command's output
//! starts from an [`Outgoing`] docket: its letters' private notes are gone
//! unless the user asked for them by name (`--include-private`), so an
//! output added later inherits the rule without knowing of it.

use std::ops::Deref;
use std::sync::Arc;

use crate::model::Docket;

/// Whether an output carries the letters' private notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivateNotes {
    /// Removed: the default for every output.
    Omitted,
    /// Kept, because the user asked for them.
    Included,
}

impl PrivateNotes {
    /// How the JSON export names it: `omitted` or `included`.
    pub fn as_str(self) -> &'static str {
        match self {
            PrivateNotes::Omitted => "omitted",
            PrivateNotes::Included => "included",
        }
    }
}

/// A docket on its way out: read like a [`Docket`] (it derefs to one), with
/// the private notes of its letters removed unless made with
/// [`Outgoing::including_private_notes`].
#[derive(Debug, Clone)]
pub struct Outgoing {
    docket: Docket,
    notes: PrivateNotes,
}

impl Outgoing {
    /// The docket without any letter's private notes: what every output
    /// shows unless the user asks for more.
    pub fn public(mut docket: Docket) -> Self {
        for letter in &mut docket.letters {
            if !letter.private_notes.is_empty() {
                Arc::make_mut(letter).private_notes.clear();
            }
        }
        Outgoing {
            docket,
            notes: PrivateNotes::Omitted,
        }
    }

    /// The docket with its private notes, for an output the user asked to
    /// include them in.
    pub fn including_private_notes(docket: Docket) -> Self {
        Outgoing {
            docket,
            notes: PrivateNotes::Included,
        }
    }

    /// [`Outgoing::public`], or with the notes when `include` is set.
    pub fn new(docket: Docket, include: bool) -> Self {
        if include {
            Self::including_private_notes(docket)
        } else {
            Self::public(docket)
        }
    }

    /// Whether the private notes are in it.
    pub fn private_notes(&self) -> PrivateNotes {
        self.notes
    }
}

impl Deref for Outgoing {
    type Target = Docket;

    fn deref(&self) -> &Docket {
        &self.docket
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Letter;

    fn with_notes() -> Docket {
        let sent = chrono::NaiveDate::from_ymd_opt(2017, 8, 3).unwrap_or_default();
        let mut docket = Docket::new();
        let mut letter = Letter::new("baltimore", sent);
        letter.private_notes = "privileged".to_owned();
        docket.letters.push(Arc::new(letter));
        docket
    }

    #[test]
    fn public_removes_every_private_note() {
        let out = Outgoing::public(with_notes());
        assert_eq!(out.private_notes(), PrivateNotes::Omitted);
        assert!(out.letters.iter().all(|l| l.private_notes.is_empty()));
    }

    #[test]
    fn included_only_when_asked() {
        let out = Outgoing::new(with_notes(), true);
        assert_eq!(out.private_notes(), PrivateNotes::Included);
        assert_eq!(out.letters[0].private_notes, "privileged");
    }
}
