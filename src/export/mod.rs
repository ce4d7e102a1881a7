//! What docket writes for other programs and people: an iCalendar file of
//! deadlines, CSV, Markdown (a chronology and a day's digest) and JSON.
//!
//! Each format is a pure function of the docket and the as-of date that
//! returns the text, so it can be tested without files or a clock.

pub mod chronology;
pub mod csv;
pub mod digest;
pub mod ics;
pub mod json;
pub mod markdown;
mod text;

pub use text::{Event, EventKind, events, one_line, status_phrase};
