//! The lock beside the data file, opened without following a link, and
//! held only while a change is written: a writer that finds it held waits
//! its turn (a write takes milliseconds) and is refused only when it stays
//! held for [`LOCK_WAIT`].

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::disk::kind_of;
use super::{StoreError, lock_path};

/// How long a writer waits for another's write to end before it gives up.
pub const LOCK_WAIT: Duration = Duration::from_secs(3);

/// How long a writer sleeps between two tries of a held lock.
const RETRY: Duration = Duration::from_millis(5);

/// The write lock: `<file>.lock`, held open read-only and locked.
#[derive(Debug)]
pub(super) struct Lock {
    file: File,
    path: PathBuf,
    /// This process made the lock file (it was not there).
    made: bool,
}

impl Lock {
    /// Removes the lock file if this process made it, for a data file that
    /// was then refused: a refused `--file` leaves nothing beside it. (Safe
    /// while the lock is held: a docket that opened the file meanwhile finds,
    /// once it has the lock, that the name no longer leads to it, and starts
    /// again.)
    pub fn remove_if_made(self) {
        if self.made && is_at(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` names the open file `file` (and not a link to it).
fn is_at(file: &File, path: &Path) -> bool {
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

/// Takes the write lock of the data file `target`, waiting up to
/// [`LOCK_WAIT`] while another docket writes.
pub(super) fn lock(target: &Path) -> Result<Lock, StoreError> {
    let path = lock_path(target);
    let start = Instant::now();
    // Each turn: open (or make) the lock file, lock it, and check that the
    // name still leads to it; a lock on a file no longer at the name locks
    // nothing.
    let mut replaced = 0;
    while replaced < 32 {
        let Some((file, made)) = open_lock(&path)? else {
            replaced += 1;
            continue;
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                drop(file);
                std::thread::sleep(RETRY.min(LOCK_WAIT.saturating_sub(start.elapsed())));
                continue;
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: target.to_owned(),
                    lock: path,
                    waited: LOCK_WAIT.as_secs(),
                });
            }
            Err(fs::TryLockError::Error(source)) => {
                return Err(StoreError::Io {
                    path,
                    action: "lock the data file",
                    source,
                });
            }
        }
        if is_at(&file, &path) {
            return Ok(Lock { file, path, made });
        }
        replaced += 1;
    }
    Err(StoreError::io(&path, "lock the data file")(
        io::Error::other("the lock file keeps being replaced"),
    ))
}

/// Opens the lock file, or makes it: held open read-only (a lock needs no
/// write access, and an open writer would keep the folder's file system from
/// being remounted read-only), never through a symlink, never waiting on a
/// named pipe. `None` when it appeared between the two tries.
fn open_lock(path: &Path) -> Result<Option<(File, bool)>, StoreError> {
    let flags = libc::O_NOFOLLOW | libc::O_NONBLOCK;
    let opened = OpenOptions::new().read(true).custom_flags(flags).open(path);
    let (file, made) = match opened {
        Ok(file) => (file, false),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            let made = OpenOptions::new()
                .read(true)
                .custom_flags(flags | libc::O_CREAT | libc::O_EXCL)
                .mode(0o666)
                .open(path);
            match made {
                Ok(file) => (file, true),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                    // Made by another docket meanwhile, or a link planted there.
                    return match fs::symlink_metadata(path) {
                        Ok(meta) if meta.is_symlink() => Err(symlinked_lock(path)),
                        _ => Ok(None),
                    };
                }
                Err(err) => return Err(StoreError::io(path, "create the lock file")(err)),
            }
        }
        Err(err) if err.raw_os_error() == Some(libc::ELOOP) => return Err(symlinked_lock(path)),
        Err(err) => return Err(StoreError::io(path, "open the lock file")(err)),
    };
    let meta = file
        .metadata()
        .map_err(StoreError::io(path, "open the lock file"))?;
    if !meta.is_file() {
        return Err(StoreError::invalid(
            path,
            format!(
                "is {}, not a regular file; docket's lock file must be one (remove it)",
                kind_of(&meta)
            ),
        ));
    }
    Ok(Some((file, made)))
}

fn symlinked_lock(path: &Path) -> StoreError {
    StoreError::invalid(
        path,
        "is a symlink, and docket never follows a link at its lock file; remove the link",
    )
}
