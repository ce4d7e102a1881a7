//! docket: a keyboard-driven terminal tracker for letters sent to cities,
//! the deadlines they set and the replies that come back.

pub mod background;
pub mod cli;
pub mod clock;
pub mod csv_layout;
pub mod error;
pub mod export;
pub mod import;
#[warn(missing_docs)]
pub mod index;
#[warn(missing_docs)]
pub mod merge;
#[warn(missing_docs)]
pub mod model;
#[warn(missing_docs)]
pub mod store;
#[warn(missing_docs)]
pub mod story;
pub mod text_safety;
pub mod tui;
