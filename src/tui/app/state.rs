//! The interface's small state types: panes, the timeline's zoom, and the
//! docket shared with a save under way.

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

/// The panes, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The list of cities.
    Cities,
    /// The selected city's letters.
    Letters,
    /// The selected letter in full.
    Details,
    /// Every letter on a date axis.
    Timeline,
}

impl Pane {
    const ORDER: [Pane; 4] = [Pane::Cities, Pane::Letters, Pane::Details, Pane::Timeline];

    pub(super) fn step(self, by: isize) -> Pane {
        let at = Self::ORDER.iter().position(|p| *p == self).unwrap_or(0) as isize;
        Self::ORDER[(at + by).rem_euclid(Self::ORDER.len() as isize) as usize]
    }
}

/// How many days one timeline column stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    /// One day a column.
    Day,
    /// One week a column.
    Week,
    /// About a month (30 days) a column.
    Month,
}

impl Zoom {
    /// Days per column.
    pub fn days(self) -> i64 {
        match self {
            Zoom::Day => 1,
            Zoom::Week => 7,
            Zoom::Month => 30,
        }
    }

    /// The name shown in the pane title.
    pub fn label(self) -> &'static str {
        match self {
            Zoom::Day => "day",
            Zoom::Week => "week",
            Zoom::Month => "month",
        }
    }

    pub(super) fn zoom_in(self) -> Zoom {
        match self {
            Zoom::Month => Zoom::Week,
            _ => Zoom::Day,
        }
    }

    pub(super) fn zoom_out(self) -> Zoom {
        match self {
            Zoom::Day => Zoom::Week,
            _ => Zoom::Month,
        }
    }
}

/// The timeline's zoom, horizontal scroll (in columns) and selected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineState {
    /// Days per column.
    pub zoom: Zoom,
    /// Columns scrolled away from the default position (negative: earlier).
    pub scroll: i64,
    /// The selected row.
    pub row: usize,
}
