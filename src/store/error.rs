//! Why the data file could not be loaded or saved.

use std::io;
use std::path::{Path, PathBuf};

/// Why the data file could not be loaded or saved. Each reads as one sentence
/// that names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not valid docket RON.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The data file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file cannot be used as it is (empty, too large, from a newer
    /// version, or its records break a rule).
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The data file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file operation failed.
    #[error("{}: could not {action}: {source}", path.display())]
    Io {
        /// The file the operation was on.
        path: PathBuf,
        /// What docket was doing, such as "write the temporary file".
        action: &'static str,
        /// The operating system's error.
        source: io::Error,
    },
    /// The file changed on disk since docket read it; it was not overwritten.
    #[error(
        "{} changed on disk since docket read it; not saved, so nothing of the other change is lost",
        path.display()
    )]
    Changed {
        /// The data file.
        path: PathBuf,
    },
    /// Another process held the write lock for longer than a write takes.
    #[error(
        "{} is being written by another process, which has held {} for over {waited} seconds; \
         nothing was written (try again; if it stays, look for a stuck docket)",
        path.display(),
        lock.display()
    )]
    Locked {
        /// The data file.
        path: PathBuf,
        /// The lock file held by the other process.
        lock: PathBuf,
        /// How long docket waited, in seconds.
        waited: u64,
    },
}

impl StoreError {
    pub(super) fn io(
        path: &Path,
        action: &'static str,
    ) -> impl FnOnce(io::Error) -> StoreError + use<> {
        let path = path.to_owned();
        move |source| StoreError::Io {
            path,
            action,
            source,
        }
    }

    pub(super) fn invalid(path: &Path, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            path: path.to_owned(),
            message: message.into(),
        }
    }
}
