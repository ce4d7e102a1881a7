//! What docket writes for other programs and people: an iCalendar file of
//! deadlines, CSV, Markdown (a chronology and a day's digest), JSON and an
//! SVG timeline.
//!
//! Each format is a pure function of the docket and the as-of date that
//! returns the text, so it can be tested without files or a clock. What
//! may leave at all is [`Outgoing`]'s rule: no private notes unless asked.

pub mod chronology;
pub mod csv;
pub mod digest;
pub mod ics;
pub mod json;
pub mod markdown;
mod outgoing;
pub mod svg;

mod text;

pub use outgoing::{Outgoing, PrivateNotes};
pub use text::{Event, EventKind, events, one_line, status_phrase};
