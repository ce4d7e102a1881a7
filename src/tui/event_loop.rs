//! The event loop: waits for a key, a signal, the clock or a save, turns
//! each into an action for the app, and draws what changed.

use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind};

use super::action::Action;
use super::app::App;
use super::session::Session;
use super::terminal::Tui;
use super::{keymap, signal_name, ui};
use crate::clock::Clock;

/// How the event loop ended: quit (`None`), a signal (its name), or a terminal error.
pub type Outcome = io::Result<Option<&'static str>>;

/// How often to look for a signal while waiting for a key.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);
/// How often to look for the end of disk work under way (a save, a look
/// at a change made elsewhere), to show its outcome.
const SAVE_CHECK: Duration = Duration::from_millis(10);
/// How often to redraw without input, so countdowns roll over at midnight.
const TICK: Duration = Duration::from_secs(30);

/// What one wait for input brought.
enum Woke {
    /// Something to show: redraw.
    Redraw,
    /// Nothing new on screen.
    Idle,
    /// The terminal went away.
    HungUp,
}

/// Runs until the user quits (`None`) or a signal arrives (its name).
pub fn run(
    terminal: &mut Tui,
    app: &mut App,
    session: &mut Session,
    signal: &AtomicUsize,
    clock: Clock,
) -> Outcome {
    let mut last_tick = Instant::now();
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|frame| ui::draw(frame, app))?;
    // The first frame is on screen: the filter's search text is made meanwhile.
    app.prepare_search();
    app.prepare_chronology();
    let mut redraw = false;
    while !app.should_quit() {
        redraw |= session.poll(app);
        if redraw {
            terminal.draw(|frame| ui::draw(frame, app))?;
        }
        let arrived = signal.load(Ordering::SeqCst);
        if arrived != 0 {
            return Ok(Some(signal_name(arrived)));
        }
        let wait = if session.is_busy() {
            SAVE_CHECK
        } else {
            SIGNAL_CHECK
        };
        redraw = match wait_for_input(app, session, wait)? {
            Woke::Redraw => true,
            Woke::Idle if last_tick.elapsed() >= TICK => {
                last_tick = Instant::now();
                app.update(Action::Tick(clock.today()));
                true
            }
            Woke::Idle => false,
            // Hung up, with no SIGHUP for docket (not in its session).
            Woke::HungUp => return Ok(Some("its terminal closing")),
        };
    }
    session.process(app);
    Ok(None)
}

/// Waits up to `wait` for input and applies the key that came, if any.
fn wait_for_input(app: &mut App, session: &mut Session, wait: Duration) -> io::Result<Woke> {
    if !event::poll(wait)? {
        return Ok(if io::stdin().is_terminal() {
            Woke::Idle
        } else {
            Woke::HungUp
        });
    }
    Ok(match event::read()? {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            press(app, session, key);
            Woke::Redraw
        }
        Event::Key(_) => Woke::Idle,
        Event::Resize(width, height) => {
            app.update(Action::Resize(width, height));
            Woke::Redraw
        }
        _ => Woke::Redraw,
    })
}

/// A key pressed: its action, if the keymap has one for the app's mode.
fn press(app: &mut App, session: &mut Session, key: KeyEvent) {
    // Lets the tests prove the terminal is restored on a panic.
    let test_panic = key.code == KeyCode::F(12) && std::env::var_os("DOCKET_TEST_PANIC").is_some();
    assert!(!test_panic, "DOCKET_TEST_PANIC is set and F12 was pressed");
    if let Some(action) = keymap::action_for(app.mode(), key) {
        if action == Action::Quit {
            // A save under way finishes first: no change is lost.
            session.wait(app);
        }
        app.update(action);
    }
}
