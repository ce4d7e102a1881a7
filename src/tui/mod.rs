//! The terminal interface: key -> keymap -> `Action` -> `App::update` -> draw,
//! with the saves the app asks for done by the session in between.

pub mod action;
pub mod app;
pub mod arrival;
mod event_loop;
mod first_run;
pub mod form;
pub mod keymap;
pub mod loading;
pub mod opener;
pub mod session;
mod sync;
pub mod terminal;
pub mod theme;
pub mod ui;
mod watch;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use self::app::App;
use self::event_loop::Outcome;
use self::session::Session;
use self::theme::Theme;
use crate::clock::Clock;
use crate::error::Error;
use crate::model::Date;

/// Opens the terminal interface on the data file, as of `as_of`; `clock`
/// tells today's date (the midnight tick), names emergency copies and
/// stamps the log entries of changes made by `by`.
pub fn run(path: &Path, as_of: Date, clock: Clock, by: &str) -> Result<(), Error> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Err(Error::usage(
            "the interface needs a terminal (stdin and stdout are not one); \
             use a subcommand such as `docket list` in scripts",
        ));
    }
    let big = std::fs::metadata(path).is_ok_and(|m| m.len() >= loading::BIG_FILE_BYTES);
    // A small file opens before the screen starts; a big one behind a progress screen.
    let mut opened = if big {
        None
    } else {
        Some(Session::open(path, clock)?)
    };
    let signal = watch_signals()?;
    let mut state: Option<(App, Session)> = None;
    let outcome = terminal::run(|terminal| -> Result<Outcome, Error> {
        let opened = match opened.take() {
            Some(opened) => opened,
            None => match loading::open(terminal, path, clock, &signal)? {
                loading::Loaded::Opened(opened) => *opened,
                loading::Loaded::Stopped(arrived) => return Ok(Ok(Some(signal_name(arrived)))),
            },
        };
        let mut opened = opened;
        if opened.first_run {
            match first_run::ask(terminal, path, &signal)? {
                first_run::Choice::Start(docket, note) => {
                    opened.session.start_with(&docket)?;
                    opened.docket = *docket;
                    opened.note = Some(note);
                }
                first_run::Choice::Quit => return Ok(Ok(None)),
                first_run::Choice::Stopped(arrived) => return Ok(Ok(Some(signal_name(arrived)))),
            }
        }
        let (app, session) = state.insert(start(opened, as_of, clock, by));
        Ok(event_loop::run(terminal, app, session, &signal, clock))
    })
    .map_err(|err| Error::data(format!("terminal error: {err}")))??;
    // The terminal is restored by now; whatever is not on disk yet is saved.
    let stopped = match outcome {
        Ok(None) => return Ok(()),
        Ok(Some(signal)) => format!("stopped by {signal}"),
        Err(err) => format!("terminal error: {err}"),
    };
    let Some((mut app, mut session)) = state else {
        return Err(Error::data(stopped));
    };
    let saved = match session.save_before_exit(&mut app) {
        Ok(None) => String::new(),
        Ok(Some(place)) => format!("; unsaved changes were saved to {place}"),
        Err(err) => format!("; unsaved changes could not be saved: {err}"),
    };
    Err(Error::data(format!("{stopped}{saved}")))
}

/// The app on the opened file, and the session that saves it.
fn start(opened: session::Opened, as_of: Date, clock: Clock, by: &str) -> (App, Session) {
    let theme = Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref());
    let mut app = App::new(opened.docket, as_of, clock.today(), theme).by(by, Some(clock));
    if let Some(note) = opened.note {
        app = app.with_message(note);
    }
    (app, opened.session)
}

/// The signals that end the interface: set to the signal's number when one arrives.
fn watch_signals() -> Result<Arc<AtomicUsize>, Error> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let arrived = Arc::new(AtomicUsize::new(0));
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        let arrived = Arc::clone(&arrived);
        // Only an atomic store: safe in a signal handler.
        let handler = move || arrived.store(signal as usize, Ordering::SeqCst);
        // SAFETY: the handler only stores to an atomic.
        unsafe { signal_hook::low_level::register(signal, handler) }
            .map_err(|err| Error::data(format!("could not watch for signals: {err}")))?;
    }
    Ok(arrived)
}

fn signal_name(signal: usize) -> &'static str {
    match i32::try_from(signal) {
        Ok(signal_hook::consts::SIGTERM) => "SIGTERM",
        Ok(signal_hook::consts::SIGHUP) => "SIGHUP",
        Ok(signal_hook::consts::SIGINT) => "SIGINT",
        _ => "a signal",
    }
}
