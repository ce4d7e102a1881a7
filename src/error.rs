//! The error every command ends with: one sentence for the user, and the
//! exit status it maps to. Each layer has its own error type (the store's
//! [`StoreError`], the model's `Invalid`); this is where they meet.

use std::process::ExitCode;

use crate::store::StoreError;

/// A failed command: a one-line message and the exit status it maps to.
#[derive(Debug)]
pub struct Error {
    message: String,
    usage: bool,
}

impl Error {
    /// A problem with the data (exit status 1).
    pub fn data(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            usage: false,
        }
    }

    /// A problem with how docket was called (exit status 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            usage: true,
        }
    }

    /// 2 for usage errors, 1 for data problems.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(if self.usage { 2 } else { 1 })
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<StoreError> for Error {
    fn from(err: StoreError) -> Self {
        Error::data(err.to_string())
    }
}
