//! The real binary in a real pseudo-terminal: start, draw, keys, quit.
//!
//! The pseudo-terminal, the screen model and the waiting are in
//! [`support`].

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::io;
use std::process::Stdio;

use support::cli::command;
use support::files::sample_file;
use support::pty::keys::ENTER;
use support::pty::{LEAVE_ALT_SCREEN, Tui};

const CITIES: [&str; 4] = ["Albuquerque", "Baltimore", "San Bernardino", "Stockton"];

/// The parameters of every SGR sequence (`ESC [ ... m`) in the output.
fn sgr_params(output: &str) -> Vec<Vec<u16>> {
    output
        .split('\x1b')
        .filter_map(|chunk| chunk.strip_prefix('['))
        .filter_map(|rest| {
            let end = rest.find(|c: char| ('\x40'..='\x7e').contains(&c))?;
            (rest.as_bytes()[end] == b'm').then(|| {
                rest[..end]
                    .split([';', ':'])
                    .map(|p| p.parse().unwrap_or(0))
                    .collect()
            })
        })
        .collect()
}

/// Whether any SGR sequence sets a foreground or background colour (resets
/// to the default, 39 and 49, do not count).
fn sets_a_colour(output: &str) -> bool {
    sgr_params(output).iter().any(|params| {
        params
            .iter()
            .any(|&p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
    })
}

#[test]
fn shows_the_sample_steps_a_day_and_quits_cleanly() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start(&file, "2017-08-10", &[]);
    for city in CITIES {
        tui.wait_for(city);
    }
    tui.wait_for("8 days, 6 business days left");
    tui.wait_for("as of 2017-08-10 (Thu)");
    tui.assert_shows("8d");

    tui.press("]");
    tui.wait_for_screen("the countdowns of the next day", |text| {
        text.contains("as of 2017-08-11 (Fri)")
            && text.contains("7 days, 5 business days left")
            && text.contains("7d")
            && !text.contains("8 days")
            && !text.contains("8d")
    });

    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    let output = tui.output_str();
    assert!(
        output.contains(LEAVE_ALT_SCREEN),
        "no sequence leaving the alternate screen in {output:?}"
    );
    // The colour theme is on: this is what the NO_COLOR test checks is gone.
    assert!(sets_a_colour(&output), "no colour in {output:?}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        docket::store::SAMPLE
    );
}

#[test]
fn no_color_draws_without_colours() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start(&file, "2017-08-10", &[("NO_COLOR", "1")]);
    for city in CITIES {
        tui.wait_for(city);
    }
    tui.wait_for("8 days, 6 business days left");
    tui.assert_shows("8d");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    let output = tui.output_str();
    assert!(
        !sets_a_colour(&output),
        "colours despite NO_COLOR: {output:?}"
    );
    assert!(output.contains(LEAVE_ALT_SCREEN));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        docket::store::SAMPLE
    );
}

#[test]
fn without_a_terminal_it_says_so_and_exits_2() -> io::Result<()> {
    let (dir, file) = sample_file();
    let missing = dir.path().join("missing.ron");
    for path in [&file, &missing] {
        let out = command(path, &[]).stdin(Stdio::piped()).output()?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", path.display());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.ends_with('\n'), "{stderr:?}");
        assert!(stderr.contains("terminal"), "{stderr}");
        assert!(out.stdout.is_empty(), "{:?}", out.stdout);
    }
    assert_eq!(std::fs::read_to_string(&file)?, docket::store::SAMPLE);
    assert!(
        !missing.exists(),
        "a first run without a terminal made a file"
    );
    Ok(())
}

#[test]
fn first_run_offers_the_sample_or_empty_and_writes_the_choice() {
    let dir = tempfile::TempDir::new().unwrap();

    // `e` starts empty.
    let file = dir.path().join("empty").join("docket.ron");
    let mut tui = Tui::start(&file, "2017-08-10", &[]);
    tui.wait_for("start with the 2017 sample");
    tui.wait_for("start empty");
    assert!(!file.exists(), "the choice was not made yet");
    tui.press("e");
    tui.wait_for_status("started empty");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        docket::store::load(&file).unwrap(),
        Some(docket::model::Docket::new())
    );

    // Enter starts with the sample.
    let file = dir.path().join("sample").join("docket.ron");
    let mut tui = Tui::start(&file, "2017-08-10", &[]);
    tui.wait_for("start empty");
    tui.press(ENTER);
    tui.wait_for("Stockton");
    tui.wait_for_status("started from the bundled sample");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        docket::store::SAMPLE
    );

    // Quitting at the question writes nothing.
    let file = dir.path().join("none").join("docket.ron");
    let mut tui = Tui::start(&file, "2017-08-10", &[]);
    tui.wait_for("start empty");
    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(!file.exists());
}

#[test]
fn question_mark_opens_and_closes_the_help() {
    let (_dir, file) = sample_file();
    let mut tui = Tui::start(&file, "2017-08-10", &[]);
    tui.wait_for("Stockton");
    assert!(!tui.screen().text().contains("Keys"));

    tui.press("?");
    tui.wait_for("Keys (? or Esc closes)");
    tui.wait_for("as of one day later");

    tui.press("?");
    // One condition, not several checks in a row: the redraw may still be
    // arriving when the title has already gone.
    tui.wait_for_screen("the help to close and the letter to show again", |text| {
        !text.contains("Keys")
            && !text.contains("as of one day later")
            && text.contains("8 days, 6 business days left")
    });

    tui.press("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        docket::store::SAMPLE
    );
}
