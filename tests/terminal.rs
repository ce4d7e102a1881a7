//! The terminal is always restored (issue 6, item 5): on `q` and on a
//! panic, in a real pseudo-terminal. The restore sequences (leave the
//! alternate screen, show the cursor) come out, and `stty -a` run in the same
//! terminal afterwards prints exactly what it printed before docket started:
//! raw mode is off again (`icanon`, `echo`, not `-icanon`, `-echo`).
//!
//! docket runs inside a shell script that prints the terminal's settings,
//! runs docket, prints its exit status, and prints the settings again.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::ffi::OsStr;

use expectrl::WaitStatus;
use support::files::sample_file;
use support::pty::{COLS, LEAVE_ALT_SCREEN, ROWS, Tui};

const SHOW_CURSOR: &str = "\x1b[?25h";
const ENTER_ALT_SCREEN: &str = "\x1b[?1049h";
const F12: &str = "\x1b[24~";
const PANIC_MESSAGE: &str = "DOCKET_TEST_PANIC is set and F12 was pressed";

/// `stty -a`, then docket, then its status, then `stty -a` again, each part
/// after a marker line. The pty starts without echo: `stty sane` first, so
/// that there is a cooked terminal to restore.
const SCRIPT: &str = r#"read -r _
stty sane; echo "@@ before"; stty -a
"$0" "$@"; status=$?
echo "@@ docket exited $status"; stty -a; echo "@@ end""#;

/// What the script printed: the settings before, docket's output, its exit
/// status, the settings after.
struct Run {
    before: String,
    docket: String,
    status: i32,
    after: String,
}

/// Runs the script on the sample, in a 120x40 terminal; `keys` are pressed
/// once the first screen is drawn.
fn run(env: &[(&str, &str)], keys: &str) -> Run {
    let (_dir, file) = sample_file();
    let args = [
        OsStr::new("--file"),
        file.as_os_str(),
        OsStr::new("--as-of"),
        OsStr::new("2017-08-10"),
    ];
    let mut tui = Tui::spawn_script(SCRIPT, &args, env, (COLS, ROWS));
    tui.wait_for("Stockton");
    tui.press(keys);
    let status = tui.wait_status();
    assert!(
        matches!(status, WaitStatus::Exited(_, 0)),
        "the script ended with {status:?}: {}",
        tui.output_str()
    );
    let output = tui.output_str();
    let part = |from: &str, to: &str| -> String {
        let start = output
            .find(from)
            .unwrap_or_else(|| panic!("no {from:?} in {output:?}"))
            + from.len();
        let end = start
            + output[start..]
                .find(to)
                .unwrap_or_else(|| panic!("no {to:?} in {output:?}"));
        output[start..end].to_owned()
    };
    let before = part("@@ before", "@@ docket exited");
    let (before, docket) = before.split_once(ENTER_ALT_SCREEN).map_or_else(
        || panic!("the alternate screen was not entered: {output:?}"),
        |(settings, rest)| (settings.to_owned(), format!("{ENTER_ALT_SCREEN}{rest}")),
    );
    let after = part("@@ docket exited ", "@@ end");
    let (status, after) = after.split_once(char::is_whitespace).unwrap();
    Run {
        before,
        docket,
        status: status.parse().unwrap(),
        after: after.to_owned(),
    }
}

/// The words of `stty -a`'s output.
fn settings(stty: &str) -> Vec<&str> {
    stty.split([' ', ';', '\r', '\n'])
        .filter(|w| !w.is_empty())
        .collect()
}

/// Checks that the terminal is as docket found it, and in cooked mode.
fn assert_restored(run: &Run) {
    let (before, after) = (settings(&run.before), settings(&run.after));
    let lost: Vec<&&str> = before.iter().filter(|w| !after.contains(w)).collect();
    let gained: Vec<&&str> = after.iter().filter(|w| !before.contains(w)).collect();
    assert!(
        lost.is_empty() && gained.is_empty(),
        "the terminal's settings changed: {lost:?} became {gained:?}"
    );
    for flag in ["icanon", "echo", "isig", "iexten", "icrnl", "opost"] {
        assert!(after.contains(&flag), "no {flag} in {after:?}");
        let off = format!("-{flag}");
        assert!(!after.contains(&off.as_str()), "{off} in {after:?}");
    }
    // Restored after the last drawing: the alternate screen is left and
    // the cursor shown.
    let drawn = run.docket.rfind(ENTER_ALT_SCREEN).unwrap();
    let left = run.docket.rfind(LEAVE_ALT_SCREEN).unwrap_or_else(|| {
        panic!("the alternate screen was not left: {:?}", run.docket);
    });
    assert!(left > drawn);
    let shown = run.docket.rfind(SHOW_CURSOR).unwrap_or_else(|| {
        panic!("the cursor was not shown again: {:?}", run.docket);
    });
    assert!(shown > drawn);
    // Mouse capture, if ever turned on, is turned off.
    if run.docket.contains("\x1b[?1000h") {
        assert!(run.docket.contains("\x1b[?1000l"), "mouse capture left on");
    }
}

#[test]
fn quitting_restores_the_terminal() {
    let run = run(&[], "q");
    assert_eq!(run.status, 0, "{:?}", run.docket);
    assert_restored(&run);
}

#[test]
fn a_panic_restores_the_terminal_before_it_is_reported() {
    let run = run(&[("DOCKET_TEST_PANIC", "1")], F12);
    assert_eq!(run.status, 101, "{:?}", run.docket);
    assert_restored(&run);
    let reported = run
        .docket
        .find(PANIC_MESSAGE)
        .unwrap_or_else(|| panic!("the panic was not reported: {:?}", run.docket));
    let left = run.docket.rfind(LEAVE_ALT_SCREEN).unwrap();
    assert!(
        left < reported,
        "the panic was reported inside the alternate screen: {:?}",
        run.docket
    );
}

#[test]
fn f12_without_the_test_variable_is_an_ordinary_key() {
    let run = run(&[], &format!("{F12}q"));
    assert_eq!(run.status, 0, "{:?}", run.docket);
    assert!(!run.docket.contains(PANIC_MESSAGE));
    assert_restored(&run);
}
