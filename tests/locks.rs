//! The write lock (issue 6, item 7), between real processes: while an
//! interface holds a file, a second writer is refused and writes nothing; a
//! lock left behind by an interface killed with SIGKILL blocks nobody, since
//! an advisory lock dies with its process (the `.lock` file itself stays).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::fs;
use std::path::Path;

use expectrl::{Signal, WaitStatus};
use support::cli::{REPLY, docket, fails, ok};
use support::files::{is_locked, names_in, reply_count, sample_file};
use support::pty::Tui;

/// docket's interface on `file`, its first screen drawn (so the lock is taken).
fn start(file: &Path) -> Tui {
    let mut tui = Tui::start(file, "2017-08-10", &[]);
    tui.wait_for("Stockton");
    tui
}

#[test]
fn a_second_writer_is_refused_while_the_interface_lives() {
    let (dir, file) = sample_file();
    let mut tui = start(&file);

    let out = docket(&file, &REPLY);
    let err = fails(&out, 1);
    let lock = docket::store::lock_path(&file);
    assert_eq!(
        err.trim_end(),
        format!(
            "docket: {} is open in another docket (it holds {}); close it there or open this \
             one read-only",
            file.display(),
            lock.display()
        )
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), docket::store::SAMPLE);
    assert!(!docket::store::backup_path(&file).exists());
    assert_eq!(names_in(dir.path()), ["docket.ron", "docket.ron.lock"]);
    assert!(
        is_locked(&file),
        "the lock is an flock(2) on the .lock file"
    );

    // Once the interface is gone, the same command goes through.
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(!is_locked(&file));
    assert_eq!(ok(&docket(&file, &REPLY)).trim(), "baltimore-2017-08-03");
    assert_eq!(reply_count(&file), 1);
}

#[test]
fn a_lock_left_by_a_killed_interface_blocks_nobody() {
    let (_dir, file) = sample_file();
    let mut tui = start(&file);
    let refused = fails(&docket(&file, &REPLY), 1);
    assert!(refused.contains("is open in another docket"), "{refused}");
    let pid = tui.pid();

    tui.signal(Signal::SIGKILL);
    match tui.wait_status() {
        WaitStatus::Signaled(_, Signal::SIGKILL, _) => {}
        other => panic!("docket (pid {pid}) was not killed: {other:?}"),
    }
    // The lock file is still there; the lock is not.
    assert!(docket::store::lock_path(&file).exists());
    assert!(!is_locked(&file), "the lock outlived its process");

    assert_eq!(ok(&docket(&file, &REPLY)).trim(), "baltimore-2017-08-03");
    assert_eq!(reply_count(&file), 1);

    // And the next interface is a writer, not read-only.
    let mut next = start(&file);
    next.assert_hides("read-only");
    assert!(is_locked(&file));
    next.press("q");
    assert_eq!(next.wait_exit(), 0);
}
