//! Work done off the interface's thread, ahead of need (the next date's
//! statuses, the filter's search text, the chronology, a look at the data
//! file): on a thread of lower priority, so that on a machine of two busy
//! cores the thread that answers keys and the terminal are served first.

use std::io;
use std::thread::JoinHandle;

/// The nice value of background threads: below the interface's (0), not so
/// far that work the interface ends up waiting for crawls on a busy machine.
const NICENESS: libc::c_int = 10;

/// Spawns `work` on a named thread of lower priority.
pub fn spawn<T, F>(name: &str, work: F) -> io::Result<JoinHandle<T>>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            lower_priority();
            work()
        })
}

/// Drops `value` on a background thread: for big values (a docket read
/// from disk) that the interface's thread lets go. Dropped here when no
/// thread can be had.
pub fn drop_later<T: Send + 'static>(value: T) {
    // Failing to start, the thread's work, value and all, is dropped here.
    let _ = spawn("docket-drop", move || drop(value));
}

/// Lowers the calling thread's priority (Linux keeps a nice value per
/// thread); elsewhere, or when refused, the thread runs as it is.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid has no preconditions; setpriority on this thread's
        // own id changes only its scheduling, and a failure is harmless.
        unsafe {
            let tid = libc::gettid();
            let _ = libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, NICENESS);
        }
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn a_background_thread_runs_at_a_lower_priority() {
        let niceness = super::spawn("test", || {
            // SAFETY: reads this thread's own nice value.
            unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
        })
        .unwrap()
        .join()
        .unwrap();
        assert_eq!(niceness, super::NICENESS);
    }
}
