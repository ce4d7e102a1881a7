//! Noticing a change made elsewhere: file events on the data file's folder
//! (a save replaces the file by a rename, so the folder is watched and the
//! events filtered by name), and a look every [`POLL`] for file systems
//! that send none (network shares).

use std::ffi::OsString;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher};

/// How often to look at the file when no event came.
pub const POLL: Duration = Duration::from_millis(1500);

/// Tells when to look at the data file again.
pub struct Watch {
    /// Set by the watcher's thread when an event names the data file.
    touched: Arc<AtomicBool>,
    last_look: Instant,
    poll: Duration,
    /// Kept for as long as the events are wanted; `None` where the file
    /// system or the system's limits give none (then polling alone).
    watcher: Option<RecommendedWatcher>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("events", &self.watcher.is_some())
            .field("touched", &self.touched.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Watch {
    /// Watches the folder of `file` (the data file, links resolved) for
    /// events naming it.
    pub fn new(file: &Path) -> Self {
        Self::polling_every(file, POLL)
    }

    /// As [`Watch::new`], looking every `poll` when no event comes.
    fn polling_every(file: &Path, poll: Duration) -> Self {
        let touched = Arc::new(AtomicBool::new(false));
        let watcher = file.file_name().and_then(|name| {
            let folder = file.parent().filter(|p| !p.as_os_str().is_empty());
            watch(folder.unwrap_or(Path::new(".")), name.to_owned(), &touched)
        });
        Watch {
            touched,
            last_look: Instant::now(),
            poll,
            watcher,
        }
    }

    /// Whether to look at the file now: an event named it, or [`POLL`]
    /// passed since the last look.
    pub fn due(&mut self) -> bool {
        let touched = self.touched.swap(false, Ordering::Relaxed);
        if touched || self.last_look.elapsed() >= self.poll {
            self.last_look = Instant::now();
            return true;
        }
        false
    }
}

fn watch(folder: &Path, name: OsString, touched: &Arc<AtomicBool>) -> Option<RecommendedWatcher> {
    let touched = Arc::clone(touched);
    let handler = move |event: notify::Result<Event>| {
        let names_it = event.is_ok_and(|event| {
            (event.paths.iter()).any(|path| path.file_name() == Some(name.as_os_str()))
        });
        if names_it {
            touched.store(true, Ordering::Relaxed);
        }
    };
    let mut watcher = notify::recommended_watcher(handler).ok()?;
    watcher.watch(folder, RecursiveMode::NonRecursive).ok()?;
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_replaced_by_a_rename_is_an_event_and_polling_looks_anyway() {
        let dir = tempfile::TempDir::new().unwrap();
        let file = dir.path().join("docket.ron");
        std::fs::write(&file, "one").unwrap();
        let mut watch = Watch::polling_every(&file, Duration::from_secs(3600));
        assert!(watch.watcher.is_some(), "this system sends file events");
        assert!(!watch.due());
        // Replaced as docket saves: a new file renamed over it.
        let staged = dir.path().join(".docket.ron.x.tmp");
        std::fs::write(&staged, "two").unwrap();
        std::fs::rename(&staged, &file).unwrap();
        let start = Instant::now();
        while !watch.due() {
            assert!(start.elapsed() < Duration::from_secs(10), "no event came");
            std::thread::sleep(Duration::from_millis(5));
        }

        // Where no event comes, a look every `poll`.
        let mut polling = Watch::polling_every(&dir.path().join("elsewhere.ron"), Duration::ZERO);
        assert!(polling.due());
        assert!(polling.due());
    }
}
