//! Signals (issue 6, item 4): SIGTERM and SIGHUP to the running interface,
//! in a real pseudo-terminal. Whatever is not on disk yet is saved
//! atomically (merged with a change made meanwhile), or written to
//! `docket.ron.save-<time>` when the data file cannot be written, or the
//! message says it could not be saved; the terminal is restored; the exit
//! status is 1.
//!
//! An unsaved change is made the way a user gets one: the file is on a tmpfs
//! that is remounted read-only after docket started (docket holds no file
//! open for writing, so the remount is allowed), a reply is recorded, and
//! the status line says NOT SAVED.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use docket::model::Date;
use expectrl::Signal;
use support::files::{is_locked, names_in, sample_file, sample_in, temp_files};

/// Whether anyone holds the write lock (there is none without a lock file).
fn held(file: &Path) -> bool {
    docket::store::lock_path(file).exists() && is_locked(file)
}
use support::pty::keys::ENTER;
use support::pty::{COLS, LEAVE_ALT_SCREEN, ROWS, Tui};
use support::tmpfs::Tmpfs;

const AS_OF: &str = "2017-08-10";
const BALTIMORE: &str = "baltimore-2017-08-03";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// The sample as `docket.ron` on a fresh tmpfs; `None` where mounting is
/// refused and the test skips (under CI it fails instead: see
/// [`Tmpfs::mount`]).
#[track_caller]
fn sample_on_tmpfs() -> Option<(Tmpfs, PathBuf)> {
    let disk = Tmpfs::mount("1m")?;
    let file = sample_in(disk.path());
    Some((disk, file))
}

/// docket started on `file`, its first screen drawn.
fn start(file: &Path) -> Tui {
    let mut tui = Tui::start(file, AS_OF, &[]);
    tui.wait_for_screen("the sample's cities", |text| {
        ["Albuquerque", "Baltimore", "San Bernardino", "Stockton"]
            .iter()
            .all(|city| text.contains(city))
    });
    tui
}

/// Records a reply to Baltimore's letter as the form offers it (dated the
/// as-of date) while the disk is read-only, so that it is not saved.
fn make_an_unsaved_reply(tui: &mut Tui, disk: &Tmpfs) {
    disk.remount("ro");
    tui.press("j");
    tui.wait_for("Letter baltimore-2017-08-03");
    tui.press("r");
    tui.wait_for("Reply to baltimore-2017-08-03");
    tui.press(ENTER);
    tui.wait_for_status("NOT SAVED");
}

/// The dates of the replies to Baltimore's letter in `file`.
fn replies(file: &Path) -> Vec<Date> {
    docket::store::load(file)
        .unwrap()
        .unwrap()
        .letter(BALTIMORE)
        .unwrap()
        .replies
        .iter()
        .map(|r| r.on)
        .collect()
}

/// Sends `signal`, waits for the exit and checks it: status 1, the terminal
/// restored, and then docket's one-line message, which is returned.
fn stop_with(tui: &mut Tui, signal: Signal) -> String {
    tui.signal(signal);
    assert_eq!(tui.wait_exit(), 1, "{}", tui.output_str());
    let output = tui.output_str();
    let restored = output
        .rfind(LEAVE_ALT_SCREEN)
        .unwrap_or_else(|| panic!("the alternate screen was not left: {output:?}"));
    let after = &output[restored..];
    assert!(after.contains(SHOW_CURSOR), "no cursor shown: {after:?}");
    let message = after
        .split("docket: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no message after the restore: {after:?}"));
    let message = message.trim_end().to_owned();
    assert!(!message.contains('\n'), "one line: {message:?}");
    println!("docket said: {message}");
    message
}

#[test]
fn sigterm_saves_an_unsaved_change_restores_the_terminal_and_exits_1() {
    let Some((disk, file)) = sample_on_tmpfs() else {
        return;
    };
    let mut tui = start(&file);
    make_an_unsaved_reply(&mut tui, &disk);
    assert_eq!(fs::read_to_string(&file).unwrap(), docket::store::SAMPLE);

    disk.remount("rw");
    let message = stop_with(&mut tui, Signal::SIGTERM);
    assert_eq!(
        message,
        format!(
            "stopped by SIGTERM; unsaved changes were saved to {}",
            file.display()
        )
    );
    assert_eq!(replies(&file), [AS_OF.parse::<Date>().unwrap()]);
    assert_eq!(
        fs::read_to_string(docket::store::backup_path(&file)).unwrap(),
        docket::store::SAMPLE
    );
    assert_eq!(temp_files(disk.path()), Vec::<String>::new());
}

#[test]
fn sighup_saves_an_unsaved_change_too() {
    let Some((disk, file)) = sample_on_tmpfs() else {
        return;
    };
    let mut tui = start(&file);
    make_an_unsaved_reply(&mut tui, &disk);
    disk.remount("rw");
    let message = stop_with(&mut tui, Signal::SIGHUP);
    assert_eq!(
        message,
        format!(
            "stopped by SIGHUP; unsaved changes were saved to {}",
            file.display()
        )
    );
    assert_eq!(replies(&file), [AS_OF.parse::<Date>().unwrap()]);
}

#[test]
fn when_the_data_file_changed_meanwhile_the_change_is_merged_into_it() {
    let Some((disk, file)) = sample_on_tmpfs() else {
        return;
    };
    let mut tui = start(&file);
    make_an_unsaved_reply(&mut tui, &disk);
    disk.remount("rw");
    // Someone else's edit, which must not be overwritten.
    let theirs = docket::store::SAMPLE.replace("Stockton Police", "Stockton's Police");
    fs::write(&file, &theirs).unwrap();

    // The interface may merge and save before the signal comes; either way
    // both changes end in the data file, and no copy is needed.
    let message = stop_with(&mut tui, Signal::SIGTERM);
    assert!(
        message == "stopped by SIGTERM"
            || message
                == format!(
                    "stopped by SIGTERM; unsaved changes were saved to {}",
                    file.display()
                ),
        "{message}"
    );
    let on_disk = docket::store::load(&file).unwrap().unwrap();
    let stockton = on_disk.letter("stockton-2017-08-03").unwrap();
    assert_eq!(stockton.to, "Stockton's Police Department", "theirs kept");
    assert_eq!(
        replies(&file),
        [AS_OF.parse::<Date>().unwrap()],
        "ours kept"
    );
    assert!(!names_in(disk.path()).iter().any(|n| n.contains(".save-")));
    assert_eq!(temp_files(disk.path()), Vec::<String>::new());
}

#[test]
fn when_nothing_can_be_written_the_message_says_the_change_could_not_be_saved() {
    let Some((disk, file)) = sample_on_tmpfs() else {
        return;
    };
    let mut tui = start(&file);
    make_an_unsaved_reply(&mut tui, &disk);
    // Still read-only: neither the file nor a save- copy can be written.
    let message = stop_with(&mut tui, Signal::SIGTERM);
    assert!(
        message.starts_with("stopped by SIGTERM; unsaved changes could not be saved: "),
        "{message}"
    );
    assert!(message.contains("Read-only file system"), "{message}");
    assert!(message.contains("a copy failed too"), "{message}");
    disk.remount("rw");
    assert_eq!(fs::read_to_string(&file).unwrap(), docket::store::SAMPLE);
    let names = names_in(disk.path());
    assert!(
        names
            .iter()
            .all(|n| n == "docket.ron" || n == "docket.ron.lock"),
        "{names:?}"
    );
}

#[test]
fn a_signal_with_nothing_unsaved_exits_1_and_leaves_the_file_alone() {
    let (_dir, file) = sample_file();
    for (signal, name) in [
        (Signal::SIGTERM, "SIGTERM"),
        (Signal::SIGHUP, "SIGHUP"),
        (Signal::SIGINT, "SIGINT"),
    ] {
        let mut tui = start(&file);
        let message = stop_with(&mut tui, signal);
        assert_eq!(message, format!("stopped by {name}"));
        assert_eq!(fs::read_to_string(&file).unwrap(), docket::store::SAMPLE);
        assert!(!docket::store::backup_path(&file).exists());
    }
}

/// A process this test started, killed with SIGKILL when dropped if it is
/// still running (docket outside the pty's session is not the pty's child).
struct Started(i32);

impl Started {
    fn is_running(&self) -> bool {
        // Not a zombie: an orphan is reaped by init.
        fs::read_to_string(format!("/proc/{}/stat", self.0))
            .is_ok_and(|stat| !stat.contains(") Z "))
    }

    /// CPU time used so far, in clock ticks (user + system).
    fn cpu_ticks(&self) -> u64 {
        let stat = fs::read_to_string(format!("/proc/{}/stat", self.0)).unwrap_or_default();
        let fields: Vec<&str> = stat
            .rsplit_once(") ")
            .map_or(vec![], |(_, rest)| rest.split(' ').collect());
        // utime and stime are fields 14 and 15; the rest starts at field 3.
        let field = |n: usize| fields.get(n - 3).and_then(|f| f.parse::<u64>().ok());
        field(14).unwrap_or(0) + field(15).unwrap_or(0)
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        if self.is_running() {
            let _ = Command::new("kill")
                .args(["-KILL", &self.0.to_string()])
                .status();
        }
    }
}

/// How a terminal goes away in [`when_the_terminal_goes_away`].
enum GoesAway {
    /// The terminal emulator dies: `script`, standing for it, gives docket
    /// a pty of its own and is killed with SIGKILL. The kernel hangs the pty
    /// up: docket gets a SIGHUP, and its reads end.
    EmulatorKilled,
    /// docket runs in a session of its own (as under `setsid`) on the pty,
    /// which is closed: its reads end, but no SIGHUP comes.
    ClosedWithoutSighup,
}

/// Starts docket in a terminal that then goes away while a change is
/// unsaved; docket must save it and end, freeing the lock, within seconds.
fn when_the_terminal_goes_away(how: &GoesAway) {
    let Some((disk, file)) = sample_on_tmpfs() else {
        return;
    };
    let args = [
        OsStr::new("--file"),
        file.as_os_str(),
        OsStr::new("--as-of"),
        OsStr::new(AS_OF),
    ];
    let script = match how {
        GoesAway::EmulatorKilled => {
            r#"read -r _; export D="$0" F="$2" A="$4"
exec script -qfec 'echo "docket pid $$"; exec "$D" --file "$F" --as-of "$A"' /dev/null"#
        }
        GoesAway::ClosedWithoutSighup => {
            r#"read -r _
setsid -f sh -c 'echo "docket pid $$"; exec "$0" "$@"' "$0" "$@"
exec sleep 60"#
        }
    };
    let mut tui = Tui::spawn_script(script, &args, &[], (COLS, ROWS));
    tui.wait_for("Stockton");
    let pid: i32 = tui
        .output_str()
        .split("docket pid ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|pid| pid.parse().ok())
        .expect("the pid is printed");
    let docket = Started(pid);
    make_an_unsaved_reply(&mut tui, &disk);
    disk.remount("rw");
    assert!(!held(&file), "an open interface holds no lock");

    match how {
        GoesAway::EmulatorKilled => tui.signal(Signal::SIGKILL),
        GoesAway::ClosedWithoutSighup => drop(tui),
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while docket.is_running() && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50));
    }
    if docket.is_running() {
        let before = docket.cpu_ticks();
        thread::sleep(Duration::from_secs(1));
        let used = docket.cpu_ticks() - before;
        panic!(
            "docket still runs 5 s after its terminal went away, using {used}% of a CPU; \
             holding the lock: {}; the change on disk: {}",
            held(&file),
            !replies(&file).is_empty()
        );
    }
    assert!(!held(&file));
    assert_eq!(
        replies(&file),
        [AS_OF.parse::<Date>().unwrap()],
        "docket ended without saving the change"
    );
}

/// Closing the terminal window while docket runs: the usual way a SIGHUP
/// comes, together with a hung-up terminal.
#[test]
fn closing_the_terminal_saves_the_unsaved_change_and_ends_docket() {
    when_the_terminal_goes_away(&GoesAway::EmulatorKilled);
}

/// A terminal can go away without a SIGHUP reaching docket: when docket is
/// not in the terminal's session (started with `setsid`, or by a program
/// that hands it a pty it does not control), closing the pty only makes
/// reads end and writes fail. docket must notice, save what is unsaved and
/// end, not run on forever holding the lock.
#[test]
fn a_terminal_that_goes_away_without_a_sighup_ends_docket_and_keeps_the_change() {
    when_the_terminal_goes_away(&GoesAway::ClosedWithoutSighup);
}
