//! The write lock between real processes: held only while a change is
//! written, never while an interface is open; a writer that finds it held
//! waits its turn; a lock left by a process killed with SIGKILL blocks
//! nobody, since an advisory lock dies with its process (the `.lock` file
//! itself stays).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use expectrl::{Signal, WaitStatus};
use support::cli::{REPLY, docket, ok};
use support::files::{is_locked, reply_count, sample_file};
use support::pty::Tui;

/// Whether anyone holds the write lock (there is none without a lock file).
fn locked(file: &Path) -> bool {
    docket::store::lock_path(file).exists() && is_locked(file)
}

/// docket's interface on `file`, its first screen drawn.
fn start(file: &Path) -> Tui {
    let mut tui = Tui::start(file, "2017-08-10", &[]);
    tui.wait_for("Stockton");
    tui
}

#[test]
fn a_change_goes_through_while_an_interface_is_open_and_shows_there() {
    let (_dir, file) = sample_file();
    let mut tui = start(&file);
    assert!(!locked(&file), "an open interface holds no lock");

    let by_clerk = [&REPLY[..], &["--by", "clerk"]].concat();
    assert_eq!(ok(&docket(&file, &by_clerk)).trim(), "baltimore-2017-08-03");
    assert_eq!(reply_count(&file), 1);
    // The interface notices without a key pressed, and says what came.
    tui.wait_for_status("1 change from clerk: reply r1 to baltimore-2017-08-03");
    tui.assert_hides("read-only");

    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(reply_count(&file), 1, "quitting wrote nothing over it");
}

#[test]
fn a_writer_waits_for_a_write_under_way() {
    let (_dir, file) = sample_file();
    // Another process holds the lock for half a second, as a slow write would.
    let lock = docket::store::lock_path(&file);
    let mut holder = Command::new("sh")
        .args([
            "-c",
            r#"exec 9>>"$1" && flock -x -n 9 && echo locked && exec sleep 0.5"#,
            "sh",
        ])
        .arg(&lock)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(holder.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line.trim(), "locked");

    let out = docket(&file, &REPLY);
    assert_eq!(ok(&out).trim(), "baltimore-2017-08-03");
    assert!(out.stderr.is_empty(), "a wait is not reported");
    assert_eq!(reply_count(&file), 1);
    holder.wait().unwrap();
}

#[test]
fn a_lock_left_by_a_killed_interface_blocks_nobody() {
    let (_dir, file) = sample_file();
    let mut tui = start(&file);
    let pid = tui.pid();

    tui.signal(Signal::SIGKILL);
    match tui.wait_status() {
        WaitStatus::Signaled(_, Signal::SIGKILL, _) => {}
        other => panic!("docket (pid {pid}) was not killed: {other:?}"),
    }
    assert!(!locked(&file), "the lock outlived its process");

    assert_eq!(ok(&docket(&file, &REPLY)).trim(), "baltimore-2017-08-03");
    assert_eq!(reply_count(&file), 1);

    // And the next interface opens and writes.
    let mut next = start(&file);
    next.assert_hides("read-only");
    next.press("q");
    assert_eq!(next.wait_exit(), 0);
}
