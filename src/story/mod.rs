//! The story across letters: every dated event in one chronology, and the
//! grid of a matter (the letters sent together), as of a date.
//!
//! Pure, like `model`: the docket and the as-of date come in, data comes
//! out; the interface, the command line and the exports format it. The
//! event list is built once per docket ([`Chronology::new`]) and read as
//! of any date.

mod chronology;
mod deadline;
mod matter;

pub use chronology::{Chronology, CityNames, Event, EventLine, Shown, What};
pub use deadline::{DeadlineState, deadline_state, deadlines, due_on};
pub use matter::{MatterRow, matter_letters, matter_row, matters, status_counts};
