//! The terminal interface: key -> keymap -> Action -> App::update -> draw,
//! with the saves the app asks for done by the session in between.

pub mod action;
pub mod app;
pub mod form;
pub mod keymap;
pub mod loading;
pub mod session;
pub mod terminal;
pub mod ui;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};

use self::action::Action;
use self::app::App;
use self::session::Session;
use self::ui::theme::Theme;
use crate::cli::{self, CliError};
use crate::model::Date;

/// Opens the terminal interface on the data file, as of `as_of`.
pub fn run(path: &Path, as_of: Date, today: Date) -> Result<(), CliError> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(CliError::usage(
            "the interface needs a terminal (stdin and stdout are not one); \
             use a subcommand such as `docket list` in scripts",
        ));
    }
    let big = std::fs::metadata(path).is_ok_and(|m| m.len() >= loading::BIG_FILE_BYTES);
    // A small file opens before the screen starts; a big one behind a progress screen.
    let mut opened = if big {
        None
    } else {
        Some(Session::open(path)?)
    };
    let signal = watch_signals()?;
    let mut state: Option<(App, Session)> = None;
    let outcome = terminal::run(|terminal| -> Result<Outcome, CliError> {
        let opened = match opened.take() {
            Some(opened) => opened,
            None => match loading::open(terminal, path, &signal)? {
                loading::Loaded::Opened(opened) => *opened,
                loading::Loaded::Stopped(arrived) => return Ok(Ok(Some(signal_name(arrived)))),
            },
        };
        let (app, session) = state.insert(start(opened, as_of, today));
        Ok(event_loop(terminal, app, session, &signal))
    })
    .map_err(|err| CliError::data(format!("terminal error: {err}")))??;
    // The terminal is restored by now; whatever is not on disk yet is saved.
    let stopped = match outcome {
        Ok(None) => return Ok(()),
        Ok(Some(signal)) => format!("stopped by {signal}"),
        Err(err) => format!("terminal error: {err}"),
    };
    let Some((mut app, mut session)) = state else {
        return Err(CliError::data(stopped));
    };
    let saved = match session.save_before_exit(&mut app) {
        Ok(None) => String::new(),
        Ok(Some(place)) => format!("; unsaved changes were saved to {place}"),
        Err(err) => format!("; unsaved changes could not be saved: {err}"),
    };
    Err(CliError::data(format!("{stopped}{saved}")))
}

/// How the event loop ended: quit (`None`), a signal (its name), or a terminal error.
type Outcome = io::Result<Option<&'static str>>;

/// The app on the opened file, and the session that saves it.
fn start(opened: session::Opened, as_of: Date, today: Date) -> (App, Session) {
    let theme = Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref());
    let mut app = App::new(opened.docket, as_of, today, theme);
    if let Some(reason) = opened.read_only {
        app = app.read_only(reason);
    }
    if let Some(note) = opened.note {
        app = app.with_message(note);
    }
    (app, opened.session)
}

/// The signals that end the interface: set to the signal's number when one arrives.
fn watch_signals() -> Result<Arc<AtomicUsize>, CliError> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let arrived = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        let arrived = Arc::clone(&arrived);
        // Only an atomic store: safe in a signal handler.
        let handler = move || arrived.store(signal as usize, Ordering::SeqCst);
        // SAFETY: the handler only stores to an atomic.
        unsafe { signal_hook::low_level::register(signal, handler) }
            .map_err(|err| CliError::data(format!("could not watch for signals: {err}")))?;
    }
    Ok(arrived)
}

fn signal_name(signal: usize) -> &'static str {
    match signal as i32 {
        signal_hook::consts::SIGTERM => "SIGTERM",
        signal_hook::consts::SIGHUP => "SIGHUP",
        signal_hook::consts::SIGINT => "SIGINT",
        _ => "a signal",
    }
}

/// How often to look for a signal while waiting for a key.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);
/// How often to look for the end of a save under way, to say it is saved.
const SAVE_CHECK: Duration = Duration::from_millis(10);
/// How often to redraw without input, so countdowns roll over at midnight.
const TICK: Duration = Duration::from_secs(30);

/// Runs until the user quits (`None`) or a signal arrives (its name).
fn event_loop(
    terminal: &mut terminal::Tui,
    app: &mut App,
    session: &mut Session,
    signal: &AtomicUsize,
) -> io::Result<Option<&'static str>> {
    let mut last_tick = Instant::now();
    terminal.draw(|frame| ui::draw(frame, app))?;
    // The first frame is on screen: the filter's search text is made meanwhile.
    app.prepare_search();
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
        redraw = true;
        let wait = if session.is_saving() {
            SAVE_CHECK
        } else {
            SIGNAL_CHECK
        };
        if !event::poll(wait)? {
            if !io::stdin().is_terminal() {
                // Hung up, with no SIGHUP for docket (not in its session).
                return Ok(Some("its terminal closing"));
            }
            redraw = last_tick.elapsed() >= TICK;
            if redraw {
                last_tick = Instant::now();
                app.update(Action::Tick(cli::today()));
            }
            continue;
        }
        match event::read()? {
            // Lets the tests prove the terminal is restored on a panic.
            Event::Key(key)
                if key.code == KeyCode::F(12)
                    && std::env::var_os("DOCKET_TEST_PANIC").is_some() =>
            {
                panic!("DOCKET_TEST_PANIC is set and F12 was pressed")
            }
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                if let Some(action) = keymap::action_for(app.mode(), key) {
                    if action == Action::Quit {
                        // A save under way finishes first: no change is lost.
                        session.wait(app);
                    }
                    app.update(action);
                }
            }
            Event::Key(_) => redraw = false,
            _ => {}
        }
    }
    session.process(app);
    Ok(None)
}
