//! The docket shared with work in the background.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use crate::model::Docket;

/// The docket, shared with work in the background (a save, the filter's
/// search text): taking a snapshot is free, and a change made while one is
/// held copies the list of letters (pointers: the letters are shared).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedDocket(Arc<Docket>);

impl SharedDocket {
    /// A snapshot of the docket as it is now, for a save.
    pub fn snapshot(&self) -> Arc<Docket> {
        Arc::clone(&self.0)
    }
}

impl From<Docket> for SharedDocket {
    fn from(docket: Docket) -> Self {
        SharedDocket(Arc::new(docket))
    }
}

impl Deref for SharedDocket {
    type Target = Docket;

    fn deref(&self) -> &Docket {
        &self.0
    }
}

impl DerefMut for SharedDocket {
    fn deref_mut(&mut self) -> &mut Docket {
        Arc::make_mut(&mut self.0)
    }
}
