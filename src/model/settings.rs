//! How the docket's rules are applied. Not in the data file yet: every
//! caller uses [`Settings::default`] until the file carries them.

/// How many days ahead a deadline counts as "due soon" by default.
pub const DUE_SOON_DAYS: i64 = 3;

/// The settings the rules of the docket read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// A deadline at most this many days ahead is "due soon".
    pub due_soon_days: i64,
}

impl Settings {
    /// The settings of a docket that sets none.
    pub const DEFAULT: Settings = Settings {
        due_soon_days: DUE_SOON_DAYS,
    };
}

impl Default for Settings {
    fn default() -> Self {
        Settings::DEFAULT
    }
}
