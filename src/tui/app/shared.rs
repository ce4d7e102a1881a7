//! The docket shared with work in the background.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use crate::model::Docket;

/// The docket, shared with work in the background (a save, the filter's
/// search text): taking a snapshot is free, and a change made while one is
/// held copies the list of letters (pointers: the letters are shared).
/// Counts its changes, so that work on a snapshot can tell whether the
/// docket moved on meanwhile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedDocket {
    docket: Arc<Docket>,
    revision: u64,
}

impl SharedDocket {
    /// A snapshot of the docket as it is now, for a save.
    pub fn snapshot(&self) -> Arc<Docket> {
        Arc::clone(&self.docket)
    }

    /// How many times the docket was reached to be changed: the same
    /// number means the same docket.
    pub fn revision(&self) -> u64 {
        self.revision
    }
}

impl From<Docket> for SharedDocket {
    fn from(docket: Docket) -> Self {
        SharedDocket {
            docket: Arc::new(docket),
            revision: 0,
        }
    }
}

impl Deref for SharedDocket {
    type Target = Docket;

    fn deref(&self) -> &Docket {
        &self.docket
    }
}

impl DerefMut for SharedDocket {
    fn deref_mut(&mut self) -> &mut Docket {
        self.revision += 1;
        Arc::make_mut(&mut self.docket)
    }
}
