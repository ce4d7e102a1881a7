//! The terminal interface: key -> keymap -> Action -> App::update -> draw,
//! with the saves the app asks for done by the session in between.

pub mod action;
pub mod app;
pub mod form;
pub mod keymap;
pub mod session;
pub mod ui;
pub mod view;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::time::Duration;

use chrono::Timelike;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

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
    let opened = Session::open(path)?;
    let theme = Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref());
    let mut app = App::new(opened.docket, as_of, today, theme);
    if let Some(reason) = opened.read_only {
        app = app.read_only(reason);
    }
    if let Some(note) = opened.note {
        app = app.with_message(note);
    }
    let mut session = opened.session;
    ratatui::run(|terminal| event_loop(terminal, &mut app, &mut session))
        .map_err(|err| CliError::data(format!("terminal error: {err}")))
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    session: &mut Session,
) -> io::Result<()> {
    while !app.should_quit() {
        session.process(app);
        terminal.draw(|frame| ui::draw(frame, app))?;
        // Wake at the next minute so countdowns roll over at midnight.
        let now = chrono::Local::now();
        let wait = Duration::from_secs(u64::from(60 - now.second().min(59)));
        if !event::poll(wait)? {
            app.update(Action::Tick(cli::today()));
            continue;
        }
        if let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
            && let Some(action) = keymap::action_for(app.mode(), key)
        {
            app.update(action);
        }
    }
    Ok(())
}
