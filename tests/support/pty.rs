//! The real binary in a real pseudo-terminal, for the end-to-end tests:
//! start docket at a given terminal size, send keys, read what a terminal
//! would show, wait for the screen or for the exit.
//!
//! The interface redraws only the cells that change, so a phrase such as
//! "7 days" may never appear contiguously in the raw output. The output is
//! fed through a small screen model ([`Screen`]) and tests look at what a
//! terminal would show.

use std::ffi::OsStr;
use std::io::ErrorKind;
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use expectrl::{Session, Signal, WaitStatus};
use unicode_width::UnicodeWidthChar;

/// How long anything may take: CI machines are slow.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// The default terminal size.
pub const COLS: u16 = 120;
pub const ROWS: u16 = 40;
/// The sequence that leaves the alternate screen.
pub const LEAVE_ALT_SCREEN: &str = "\x1b[?1049l";

/// Keys as a terminal sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const ESC: &str = "\x1b";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    /// Ctrl-j: a new line in a multi-line form field (in raw mode a terminal
    /// sends a line feed for it, distinct from Enter's carriage return).
    pub const CTRL_J: &str = "\n";
    /// Ctrl-u: clears the text field being typed in.
    pub const CTRL_U: &str = "\x15";
}

/// docket running in a pseudo-terminal, with everything it has written so far.
pub struct Tui {
    session: Session,
    output: Vec<u8>,
    cols: u16,
    rows: u16,
}

impl Tui {
    /// Starts `docket --file FILE --as-of AS_OF` in a 120x40 terminal.
    pub fn start(file: &Path, as_of: &str, env: &[(&str, &str)]) -> Tui {
        Tui::start_sized(file, as_of, env, (COLS, ROWS))
    }

    /// Starts `docket --file FILE --as-of AS_OF` in a terminal of
    /// `(cols, rows)`.
    pub fn start_sized(file: &Path, as_of: &str, env: &[(&str, &str)], size: (u16, u16)) -> Tui {
        let args = [
            OsStr::new("--file"),
            file.as_os_str(),
            OsStr::new("--as-of"),
            OsStr::new(as_of),
        ];
        Tui::spawn(&args, env, size)
    }

    /// Starts docket with `args` in a terminal of `(cols, rows)`, with `TERM`
    /// set, `NO_COLOR` and docket's own variables unset, then `env` set.
    pub fn spawn(args: &[&OsStr], env: &[(&str, &str)], size: (u16, u16)) -> Tui {
        // The pty's size is set by the parent after the child has already
        // exec'd, which would race with docket reading it. So a shell waits
        // for a go-ahead line, sent once the size is set, then execs docket.
        Tui::spawn_script(r#"read -r _ && exec "$0" "$@""#, args, env, size)
    }

    /// Like [`Tui::spawn`], but runs `script` with `sh -c`, with `$0` the
    /// docket binary and `$@` the arguments. The script must first read the
    /// go-ahead line (see [`Tui::spawn`]).
    pub fn spawn_script(
        script: &str,
        args: &[&OsStr],
        env: &[(&str, &str)],
        (cols, rows): (u16, u16),
    ) -> Tui {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(script)
            .arg(env!("CARGO_BIN_EXE_docket"))
            .args(args)
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
            .set_window_size(cols, rows)
            .expect("the pty can be resized");
        assert_eq!(
            session.get_process().get_window_size().unwrap(),
            (cols, rows)
        );
        session.send("go\n").unwrap();
        Tui {
            session,
            output: Vec::new(),
            cols,
            rows,
        }
    }

    /// Sends keys as typed (see [`keys`] for the special ones).
    pub fn press(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
    }

    /// Reads whatever is available without blocking; false once the pty is
    /// closed (the child has exited and everything has been read).
    pub fn read_available(&mut self) -> bool {
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
    pub fn screen(&self) -> Screen {
        Screen::from_output(&self.output, self.cols, self.rows)
    }

    /// Waits until the screen satisfies `ok`, or fails with the screen.
    pub fn wait_until(&mut self, what: &str, ok: impl Fn(&Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.read_available();
            let screen = self.screen();
            if ok(&screen) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen:\n{}",
                screen.text()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen's text satisfies `ok`, or fails with the screen.
    /// One condition, not several waits in a row, when they must hold at
    /// once: a redraw may still be arriving.
    pub fn wait_for_screen(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
        self.wait_until(what, |screen| ok(&screen.text()));
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_for(&mut self, needle: &str) {
        self.wait_for_screen(&format!("{needle:?}"), |text| text.contains(needle));
    }

    /// Waits until the status line (the bottom row) shows `needle`.
    pub fn wait_for_status(&mut self, needle: &str) {
        self.wait_until(&format!("{needle:?} in the status line"), |screen| {
            screen.status_line().contains(needle)
        });
    }

    /// Asserts that the screen shows `needle` now, without waiting.
    pub fn assert_shows(&self, needle: &str) {
        let text = self.screen().text();
        assert!(
            text.contains(needle),
            "{needle:?} is not on the screen:\n{text}"
        );
    }

    /// Asserts that the screen does not show `needle` now.
    pub fn assert_hides(&self, needle: &str) {
        let text = self.screen().text();
        assert!(
            !text.contains(needle),
            "{needle:?} is on the screen:\n{text}"
        );
    }

    /// Waits for docket to exit, reading its output all the while (a full
    /// pty would block it), and returns its exit status.
    pub fn wait_exit(&mut self) -> i32 {
        self.wait_exit_within(TIMEOUT)
            .unwrap_or_else(|| panic!("docket did not exit; the screen:\n{}", self.screen().text()))
    }

    /// Everything docket has written so far, as text.
    pub fn output_str(&self) -> String {
        String::from_utf8_lossy(&self.output).into_owned()
    }

    /// The process id of what runs in the pty (docket itself once the
    /// go-ahead line has been read and `exec` done).
    pub fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    /// Sends a signal to the process in the pty.
    pub fn signal(&mut self, signal: Signal) {
        self.session
            .get_process_mut()
            .signal(signal)
            .expect("the signal is sent");
    }

    /// Sets the pty's window size (the kernel sends SIGWINCH), and the size
    /// the screen model replays the output at.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("the pty can be resized");
        self.cols = cols;
        self.rows = rows;
    }

    /// Waits up to `time` for docket to exit, reading its output all the
    /// while (and what is still buffered in the pty after); its exit status,
    /// or `None` if it still runs.
    pub fn wait_exit_within(&mut self, time: Duration) -> Option<i32> {
        let deadline = Instant::now() + time;
        loop {
            let open = self.read_available();
            match self.session.get_process().status().unwrap() {
                WaitStatus::StillAlive => {}
                WaitStatus::Exited(_, code) => {
                    let drain_deadline = Instant::now() + Duration::from_secs(1);
                    while open && self.read_available() && Instant::now() < drain_deadline {
                        thread::sleep(Duration::from_millis(10));
                    }
                    return Some(code);
                }
                other => panic!("docket ended abnormally: {other:?}"),
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the process is still running. (If it has ended, this reaps
    /// it: use it only where it should be running.)
    pub fn is_alive(&self) -> bool {
        self.session.get_process().is_alive().unwrap_or(false)
    }

    /// Waits for the process to end, however it ends (an exit or a signal),
    /// reading its output all the while, and returns how it ended.
    pub fn wait_status(&mut self) -> WaitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let open = self.read_available();
            let status = self.session.get_process().status().unwrap();
            if status != WaitStatus::StillAlive {
                let drain_deadline = Instant::now() + Duration::from_secs(1);
                while open && self.read_available() && Instant::now() < drain_deadline {
                    thread::sleep(Duration::from_millis(10));
                }
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "the process did not end; its output:\n{}",
                self.output_str()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Just enough of a terminal to read what ratatui's crossterm backend draws:
/// printing, cursor moves, clears; colours and modes are ignored.
pub struct Screen {
    cells: Vec<Vec<String>>,
}

impl Screen {
    /// Replays `output` on a blank terminal of `cols` x `rows`.
    pub fn from_output(output: &[u8], cols: u16, rows: u16) -> Screen {
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

    /// One row, without trailing blanks.
    pub fn row(&self, row: usize) -> String {
        self.cells[row].concat().trim_end().to_owned()
    }

    /// The bottom row, where docket's status line is.
    pub fn status_line(&self) -> String {
        self.row(self.cells.len() - 1)
    }

    /// The screen, one line per row.
    pub fn text(&self) -> String {
        (0..self.cells.len())
            .map(|row| self.row(row))
            .collect::<Vec<_>>()
            .join("\n")
    }
}
