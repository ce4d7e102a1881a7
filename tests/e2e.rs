//! The real binary in a real pseudo-terminal: start, draw, keys, quit.
//!
//! The interface redraws only the cells that change, so a phrase such as
//! "7 days" may never appear contiguously in the raw output. The tests feed
//! the output through a small screen model ([`Screen`]) and look at what a
//! terminal would show.

#![cfg(unix)]

use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use expectrl::{Session, WaitStatus};
use tempfile::TempDir;
use unicode_width::UnicodeWidthChar;

/// How long anything may take: CI machines are slow.
const TIMEOUT: Duration = Duration::from_secs(10);
const COLS: u16 = 120;
const ROWS: u16 = 40;
const CITIES: [&str; 4] = ["Albuquerque", "Baltimore", "San Bernardino", "Stockton"];
/// The sequence that leaves the alternate screen.
const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";

/// A temp folder holding a copy of the bundled sample.
fn sample_file() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("docket.ron");
    std::fs::write(&file, docket::cli::SAMPLE).unwrap();
    (dir, file)
}

/// docket running in a pseudo-terminal, with everything it has written so far.
struct Tui {
    session: Session,
    output: Vec<u8>,
}

impl Tui {
    /// Starts `docket --file FILE --as-of AS_OF` in a 120x40 terminal.
    fn start(file: &Path, as_of: &str, env: &[(&str, &str)]) -> Tui {
        // The pty's size is set by the parent after the child has already
        // exec'd, which would race with docket reading it. So a shell waits
        // for a go-ahead line, sent once the size is set, then execs docket.
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(r#"read -r _ && exec "$0" "$@""#)
            .arg(env!("CARGO_BIN_EXE_docket"))
            .arg("--file")
            .arg(file)
            .args(["--as-of", as_of])
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .env_remove("DOCKET_FILE")
            .env_remove("DOCKET_AS_OF");
        for (key, value) in env {
            command.env(key, value);
        }
        let mut session = Session::spawn(command).expect("docket starts in a pty");
        session
            .get_process_mut()
            .set_window_size(COLS, ROWS)
            .expect("the pty can be resized");
        assert_eq!(
            session.get_process().get_window_size().unwrap(),
            (COLS, ROWS)
        );
        session.send("go\n").unwrap();
        Tui {
            session,
            output: Vec::new(),
        }
    }

    /// Sends keys as typed.
    fn press(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
    }

    /// Reads whatever is available without blocking; false once the pty is
    /// closed (the child has exited and everything has been read).
    fn read_available(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => return false,
                Ok(n) => self.output.extend_from_slice(&buf[..n]),
                Err(err) if err.kind() == ErrorKind::WouldBlock => return true,
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                // Linux reports a closed pty as EIO.
                Err(err) if err.raw_os_error() == Some(5) => return false,
                Err(err) => panic!("reading the pty: {err}"),
            }
        }
    }

    /// What a terminal would show now.
    fn screen(&self) -> Screen {
        Screen::from_output(&self.output, COLS, ROWS)
    }

    /// Waits until the screen satisfies `ok`, or fails with the screen.
    fn wait_for_screen(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.read_available();
            let text = self.screen().text();
            if ok(&text) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen:\n{text}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows `needle`.
    fn wait_for(&mut self, needle: &str) {
        self.wait_for_screen(&format!("{needle:?}"), |text| text.contains(needle));
    }

    /// Asserts that the screen shows `needle` now, without waiting.
    fn assert_shows(&self, needle: &str) {
        let text = self.screen().text();
        assert!(
            text.contains(needle),
            "{needle:?} is not on the screen:\n{text}"
        );
    }

    /// Waits for docket to exit, reading its output all the while (a full
    /// pty would block it), and returns its exit status.
    fn wait_exit(&mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let open = self.read_available();
            match self.session.get_process().status().unwrap() {
                WaitStatus::StillAlive => {}
                WaitStatus::Exited(_, code) => {
                    // Collect what is still buffered in the pty.
                    let drain_deadline = Instant::now() + Duration::from_secs(1);
                    while open && self.read_available() && Instant::now() < drain_deadline {
                        if self.output_str().ends_with(LEAVE_ALT_SCREEN) {
                            break;
                        }
                        thread::sleep(Duration::from_millis(10));
                    }
                    return code;
                }
                other => panic!("docket ended abnormally: {other:?}"),
            }
            assert!(
                Instant::now() < deadline,
                "docket did not exit; the screen:\n{}",
                self.screen().text()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn output_str(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }
}

/// Just enough of a terminal to read what ratatui's crossterm backend draws:
/// printing, cursor moves, clears; colours and modes are ignored.
struct Screen {
    cells: Vec<Vec<String>>,
}

impl Screen {
    fn from_output(output: &[u8], cols: u16, rows: u16) -> Screen {
        let (cols, rows) = (cols as usize, rows as usize);
        let blank = || vec![" ".to_owned(); cols];
        let mut cells = vec![blank(); rows];
        let (mut row, mut col) = (0usize, 0usize);
        let text = String::from_utf8_lossy(output);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        let mut end = None;
                        for c in chars.by_ref() {
                            if ('\x40'..='\x7e').contains(&c) {
                                end = Some(c);
                                break;
                            }
                            params.push(c);
                        }
                        let numbers: Vec<usize> = params
                            .trim_start_matches('?')
                            .split(';')
                            .map(|p| p.parse().unwrap_or(0))
                            .collect();
                        let n = |i: usize| numbers.get(i).copied().filter(|&n| n > 0).unwrap_or(1);
                        match end {
                            Some('H' | 'f') => {
                                row = (n(0) - 1).min(rows - 1);
                                col = (n(1) - 1).min(cols - 1);
                            }
                            Some('A') => row = row.saturating_sub(n(0)),
                            Some('B') => row = (row + n(0)).min(rows - 1),
                            Some('C') => col = (col + n(0)).min(cols - 1),
                            Some('D') => col = col.saturating_sub(n(0)),
                            Some('G') => col = (n(0) - 1).min(cols - 1),
                            Some('J') => match numbers[0] {
                                0 => {
                                    cells[row][col..].fill(" ".to_owned());
                                    cells[row + 1..].fill(blank());
                                }
                                1 => {
                                    cells[..row].fill(blank());
                                    cells[row][..=col].fill(" ".to_owned());
                                }
                                _ => cells.fill(blank()),
                            },
                            Some('K') => match numbers[0] {
                                0 => cells[row][col..].fill(" ".to_owned()),
                                1 => cells[row][..=col].fill(" ".to_owned()),
                                _ => cells[row] = blank(),
                            },
                            // Entering or leaving the alternate screen.
                            Some('h' | 'l') if params == "?1049" => cells.fill(blank()),
                            _ => {}
                        }
                    }
                    // OSC: up to BEL or ST.
                    Some(']') => {
                        while let Some(c) = chars.next() {
                            if c == '\x07' || (c == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                                break;
                            }
                        }
                    }
                    _ => {}
                },
                '\r' => col = 0,
                '\n' => row = (row + 1).min(rows - 1),
                '\x08' => col = col.saturating_sub(1),
                c if c.is_control() => {}
                c => {
                    let width = c.width().unwrap_or(0);
                    if width == 0 || col + width > cols {
                        continue;
                    }
                    cells[row][col] = c.to_string();
                    for cell in &mut cells[row][col + 1..col + width] {
                        cell.clear();
                    }
                    col += width;
                    if col == cols {
                        col = cols - 1;
                    }
                }
            }
        }
        Screen { cells }
    }

    /// The screen, one line per row.
    fn text(&self) -> String {
        self.cells
            .iter()
            .map(|row| row.concat().trim_end().to_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

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
    assert_eq!(std::fs::read_to_string(&file).unwrap(), docket::cli::SAMPLE);
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
    assert_eq!(std::fs::read_to_string(&file).unwrap(), docket::cli::SAMPLE);
}

#[test]
fn without_a_terminal_it_says_so_and_exits_2() -> io::Result<()> {
    let (dir, file) = sample_file();
    let missing = dir.path().join("missing.ron");
    for path in [&file, &missing] {
        let out = Command::new(env!("CARGO_BIN_EXE_docket"))
            .arg("--file")
            .arg(path)
            .env_remove("DOCKET_FILE")
            .env_remove("DOCKET_AS_OF")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", path.display());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.ends_with('\n'), "{stderr:?}");
        assert!(stderr.contains("terminal"), "{stderr}");
        assert!(out.stdout.is_empty(), "{:?}", out.stdout);
    }
    assert_eq!(std::fs::read_to_string(&file)?, docket::cli::SAMPLE);
    assert!(
        !missing.exists(),
        "a first run without a terminal made a file"
    );
    Ok(())
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
    assert_eq!(std::fs::read_to_string(&file).unwrap(), docket::cli::SAMPLE);
}
