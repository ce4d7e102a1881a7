//! Several people on one file at once (issue 15, point 2): two interfaces
//! and the command line, each a real process (the interfaces in real
//! pseudo-terminals), record replies and extensions while the others are
//! open. Each interface shows the others' changes without a key pressed,
//! none is refused for the lock, and every change is in the file at the end.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::path::Path;
use std::time::Instant;

use support::cli::{docket, ok};
use support::files::{load, sample_file};
use support::pty::Tui;
use support::pty::keys::{ENTER, TAB};

const AS_OF: &str = "2017-08-10";
const ALBUQUERQUE: &str = "albuquerque-2017-08-03";
const BALTIMORE: &str = "baltimore-2017-08-03";
const STOCKTON: &str = "stockton-2017-08-03";

/// An interface on `file` whose changes are logged as made by `who`.
fn start(file: &Path, who: &str) -> Tui {
    let mut tui = Tui::start(file, AS_OF, &[("DOCKET_USER", who)]);
    tui.wait_for("Stockton");
    tui
}

/// Waits, without a key pressed, until the status line says `what` arrived;
/// returns how long it took (reported, not asserted: the machine may be busy).
fn arrives(tui: &mut Tui, what: &str) -> f64 {
    let start = Instant::now();
    tui.wait_for_status(what);
    start.elapsed().as_secs_f64()
}

/// An extension of the selected letter (Albuquerque's, the first) to `due`.
fn extend(tui: &mut Tui, due: &str) {
    tui.press("x");
    tui.wait_for("Extend albuquerque-2017-08-03");
    tui.press(TAB);
    tui.press(due);
    tui.press(ENTER);
}

/// An acknowledgement of the selected letter dated the as-of date.
fn reply(tui: &mut Tui) {
    tui.press("r");
    tui.wait_for("Reply to albuquerque-2017-08-03");
    tui.press(ENTER);
}

#[test]
fn two_interfaces_and_the_command_line_on_one_file_at_once() {
    let (_dir, file) = sample_file();
    let mut one = start(&file, "ann");
    let mut two = start(&file, "bob");
    let mut waits = Vec::new();

    // One interface records an extension; the other sees it arrive.
    extend(&mut one, "2017-09-01");
    one.wait_for_status("saved");
    waits.push(arrives(
        &mut two,
        &format!("1 change from ann: extension x1 to {ALBUQUERQUE}"),
    ));

    // The other records a reply; the first sees it.
    reply(&mut two);
    two.wait_for_status("saved");
    waits.push(arrives(
        &mut one,
        &format!("1 change from bob: reply r1 to {ALBUQUERQUE}"),
    ));

    // The command line, while both are open: never refused for the lock.
    let cli_reply = [
        "add",
        "reply",
        BALTIMORE,
        "--on",
        "2017-08-09",
        "--from",
        "Clerk",
        "--kind",
        "complies",
        "--by",
        "clerk",
    ];
    assert_eq!(ok(&docket(&file, &cli_reply)).trim(), BALTIMORE);
    let reply_arrived = format!("1 change from clerk: reply r1 to {BALTIMORE}");
    waits.push(arrives(&mut one, &reply_arrived));
    waits.push(arrives(&mut two, &reply_arrived));

    // All three at once: a reply in one, an extension in the other, an
    // extension from the command line, none waiting for the others.
    reply(&mut one);
    extend(&mut two, "2017-09-20");
    let cli_extension = [
        "add",
        "extension",
        STOCKTON,
        "--granted-on",
        "2017-08-10",
        "--due",
        "2017-09-30",
    ];
    assert_eq!(ok(&docket(&file, &cli_extension)).trim(), STOCKTON);

    // Each interface ends up showing everything, without a key pressed:
    // its timeline of Albuquerque's letter lists both replies and both
    // extensions, and the file has every change.
    let everything = |file: &Path| {
        let docket = load(file);
        let albuquerque = docket.letter(ALBUQUERQUE).unwrap();
        albuquerque.replies.len() == 2
            && albuquerque.extensions.len() == 2
            && docket.letter(BALTIMORE).unwrap().replies.len() == 1
            && docket.letter(STOCKTON).unwrap().extensions.len() == 1
    };
    for tui in [&mut one, &mut two] {
        tui.wait_until("no save under way", |screen| {
            !screen.status_line().contains("NOT SAVED")
        });
    }
    let start = Instant::now();
    while !everything(&file) {
        assert!(
            start.elapsed() < support::pty::TIMEOUT,
            "not every change reached the file: {:#?}",
            load(&file)
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for tui in [&mut one, &mut two] {
        tui.press("l");
        tui.wait_until("both replies and both extensions", |screen| {
            let text = screen.text();
            ["r1", "r2", "x1", "x2"].iter().all(|id| text.contains(id))
        });
    }

    for tui in [&mut one, &mut two] {
        tui.assert_hides("another docket");
        tui.assert_hides("NOT SAVED");
        tui.press("q");
        assert_eq!(tui.wait_exit(), 0);
    }
    assert!(everything(&file), "{:#?}", load(&file));
    let docket = load(&file);
    assert!(docket.conflicts.is_empty(), "{:?}", docket.conflicts);
    assert!(docket.problems().is_empty());
    eprintln!("changes arrived after {waits:.2?} s");
}
