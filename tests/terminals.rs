//! Terminals of every kind (issue 6, item 6), in a real pseudo-terminal: one
//! that reports 0x0, one that reports 65535x65535 (docket believes at most
//! 1000 either way), a storm of resizes, `TERM=dumb` and `NO_COLOR`. None
//! may panic; each ends with the sample on screen and `q` exiting 0.
//!
//! (Piped stdin is refused with one line and exit status 2: tests/e2e.rs.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::thread;
use std::time::{Duration, Instant, SystemTime};

use support::files::sample_file;
use support::pty::{COLS, ROWS, TIMEOUT, Tui};

const AS_OF: &str = "2017-08-10";
const CITIES: [&str; 4] = ["Albuquerque", "Baltimore", "San Bernardino", "Stockton"];
const ENTER_ALT_SCREEN: &str = "\x1b[?1049h";

fn shows_the_sample(text: &str) -> bool {
    CITIES.iter().all(|city| text.contains(city))
}

/// Reads the output until `ok` holds for it, failing after the usual time.
/// For terminals too large for the screen model.
fn wait_for_output(tui: &mut Tui, what: &str, ok: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        tui.read_available();
        if ok(&tui.output_str()) {
            return;
        }
        assert!(tui.is_alive(), "docket ended: {}", tui.output_str());
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: {}",
            tui.output_str()
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Keeps reading for `time`, then checks docket is still running and has
/// not panicked.
fn still_fine_after(tui: &mut Tui, time: Duration) {
    let until = Instant::now() + time;
    while Instant::now() < until {
        tui.read_available();
        thread::sleep(Duration::from_millis(10));
    }
    assert!(tui.is_alive(), "docket ended: {}", tui.output_str());
    assert!(!tui.output_str().contains("panicked"));
}

/// Reads until docket has written nothing for a while: it has handled
/// every resize so far.
fn settle(tui: &mut Tui) {
    let deadline = Instant::now() + TIMEOUT;
    let mut quiet_since = Instant::now();
    let mut seen = tui.output_str().len();
    while quiet_since.elapsed() < Duration::from_millis(300) {
        assert!(Instant::now() < deadline, "docket never stops drawing");
        tui.read_available();
        let now = tui.output_str().len();
        if now != seen {
            (seen, quiet_since) = (now, Instant::now());
        }
        thread::sleep(Duration::from_millis(10));
    }
}

/// Back to 120x40: the sample is drawn; then `q` exits 0 at once, without
/// a panic.
fn resize_back_and_quit(tui: &mut Tui) {
    tui.resize(COLS, ROWS);
    tui.wait_for_screen("the sample at 120x40", shows_the_sample);
    settle(tui);
    tui.wait_for_screen("the sample at 120x40", shows_the_sample);
    tui.press("q");
    let status = tui
        .wait_exit_within(Duration::from_secs(2))
        .expect("q is read at once after the resizes");
    assert_eq!(status, 0, "{}", tui.output_str());
    assert!(!tui.output_str().contains("panicked"));
}

/// docket's peak memory, from /proc.
fn peak_memory_kib(pid: i32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmHWM in {status}"))
}

#[test]
fn a_terminal_that_reports_0x0_is_survived_then_drawn_when_it_grows() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start_sized(&file, AS_OF, &[], (0, 0));
    wait_for_output(&mut tui, "the interface to start", |out| {
        out.contains(ENTER_ALT_SCREEN)
    });
    still_fine_after(&mut tui, Duration::from_millis(500));
    resize_back_and_quit(&mut tui);
}

#[test]
fn a_terminal_that_reports_65535_columns_and_rows_is_clamped() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start_sized(&file, AS_OF, &[], (u16::MAX, u16::MAX));
    // The screen model cannot be that large: look at the raw output. The
    // first frame writes every non-blank cell, so one-word names are whole
    // in it (blanks are skipped: "San" and "Bernardino" come apart).
    wait_for_output(&mut tui, "the sample drawn", |out| {
        [
            "Albuquerque",
            "Baltimore",
            "Bernardino",
            "Stockton",
            "? help  q quit",
        ]
        .iter()
        .all(|name| out.contains(name))
    });
    still_fine_after(&mut tui, Duration::from_millis(300));
    // 1000x1000 cells are some tens of MB; 65535x65535 would be hundreds
    // of GB.
    let peak = peak_memory_kib(tui.pid());
    assert!(peak < 1024 * 1024, "docket used {peak} KiB");
    println!("peak memory at 65535x65535: {} MiB", peak / 1024);
    resize_back_and_quit(&mut tui);
}

#[test]
fn a_storm_of_resizes_never_panics() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start(&file, AS_OF, &[]);
    tui.wait_for_screen("the sample", shows_the_sample);
    let mut seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    println!("resize storm seed {seed}");
    let mut random = move |below: u64| {
        // xorshift64*
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        seed.wrapping_mul(0x2545_F491_4F6C_DD1D) % below
    };
    for i in 0..200 {
        let (cols, rows) = match random(20) {
            // Surely at least twice absurdly large, and once nothing.
            _ if i == 50 || i == 150 => (u16::MAX, u16::MAX),
            _ if i == 100 => (0, 0),
            // Now and then nothing at all, or one side nothing.
            0 => (0, 0),
            1 => (random(300) as u16, 0),
            2 => (0, random(100) as u16),
            // Rarely, absurdly large.
            3 if random(4) == 0 => (u16::MAX, u16::MAX),
            _ => (1 + random(300) as u16, 1 + random(100) as u16),
        };
        tui.resize(cols, rows);
        tui.read_available();
        if i == 50 || i == 150 {
            // Long enough to be drawn at that size.
            still_fine_after(&mut tui, Duration::from_millis(500));
        } else if random(4) == 0 {
            thread::sleep(Duration::from_millis(random(5)));
        }
    }
    still_fine_after(&mut tui, Duration::from_millis(200));
    resize_back_and_quit(&mut tui);
}

#[test]
fn term_dumb_works() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start(&file, AS_OF, &[("TERM", "dumb")]);
    tui.wait_for_screen("the sample", shows_the_sample);
    tui.wait_for("8 days, 6 business days left");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn term_dumb_with_no_color_works() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start(&file, AS_OF, &[("TERM", "dumb"), ("NO_COLOR", "1")]);
    tui.wait_for_screen("the sample", shows_the_sample);
    tui.press("j");
    tui.wait_for("Letter baltimore-2017-08-03");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// Keeps reading for `time`.
fn pause(tui: &mut Tui, time: Duration) {
    let until = Instant::now() + time;
    while Instant::now() < until {
        tui.read_available();
        thread::sleep(Duration::from_millis(5));
    }
}

/// A key pressed while docket is busy drawing and a resize is pending (the
/// user types while resizing the window) must still be handled.
#[test]
fn a_key_pressed_while_a_resize_is_pending_is_not_lost() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start(&file, AS_OF, &[]);
    tui.wait_for("as of 2017-08-10 (Thu)");
    for (round, day) in ["2017-08-11 (Fri)", "2017-08-12 (Sat)", "2017-08-13 (Sun)"]
        .iter()
        .enumerate()
    {
        // A frame of 1000x1000 takes docket a while to draw; meanwhile the
        // window is resized back and a key is pressed.
        tui.resize(u16::MAX, u16::MAX);
        pause(&mut tui, Duration::from_millis(50));
        tui.resize(COLS, ROWS);
        pause(&mut tui, Duration::from_millis(10));
        tui.press("]");
        tui.wait_for_screen(
            &format!("round {round}: the key handled, as of {day}"),
            |text| text.contains(&format!("as of {day}")),
        );
    }
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
}
