//! What the panes show is a query: the as-of date, the filter and the sort,
//! answered by the index from the docket.

use std::sync::Arc;

use crate::index::{CitySort, Index, View};
use crate::model::{Date, Docket, Put};

/// The query and its answer.
#[derive(Debug)]
pub struct Query {
    /// Today's date (the clock's, passed in).
    pub today: Date,
    /// The date everything is computed as of.
    pub as_of: Date,
    /// The filter text.
    pub filter: String,
    /// The city order.
    pub sort: CitySort,
    /// Whose letters alone show, when the `mine` filter is on.
    pub mine: Option<String>,
    /// The answer: what the panes list.
    pub view: View,
    index: Index,
}

impl Query {
    /// Everything as of `as_of`, unfiltered, by urgency.
    pub fn new(docket: &Docket, as_of: Date, today: Date) -> Self {
        let mut index = Index::default();
        let view = index.view(docket, as_of, "", CitySort::Urgency);
        Query {
            today,
            as_of,
            filter: String::new(),
            sort: CitySort::Urgency,
            mine: None,
            view,
            index,
        }
    }

    /// Answers the query again, from what the index keeps.
    pub fn recompute(&mut self, docket: &Docket) {
        let (filter, mine) = (&self.filter, self.mine.as_deref());
        self.view = (self.index).view_owned(docket, self.as_of, filter, self.sort, mine);
    }

    /// The docket was replaced: the index forgets it.
    pub fn forget(&mut self) {
        self.index.clear();
    }

    /// The docket was changed by `puts`: the index keeps what still holds.
    pub fn changed(&mut self, docket: &Docket, puts: &[Put]) {
        self.index.changed(docket, puts);
    }

    /// Starts making the filter's search text in the background.
    pub fn prepare_search(&mut self, docket: Arc<Docket>) {
        self.index.prepare_search(docket);
    }

    /// Midnight passed; returns whether the as-of date, which followed
    /// today, moved with it.
    pub fn tick(&mut self, today: Date) -> bool {
        let following = self.as_of == self.today;
        self.today = today;
        if following {
            self.as_of = today;
        }
        following
    }
}
