//! The first run: no data file yet. Before anything is written the user
//! chooses what to start with: the bundled 2017 sample (Enter or `s`, the
//! default) or an empty docket (`e`); `q` or Esc quits writing nothing.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::terminal::Tui;
use crate::error::Error;
use crate::model::Docket;
use crate::store;

/// What the user chose.
pub enum Choice {
    /// Start with this docket (the sample, or empty), and the note to show.
    Start(Box<Docket>, String),
    /// Quit, writing nothing.
    Quit,
    /// A signal arrived first (its number).
    Stopped(usize),
}

/// How often the signal is looked at while waiting for a key.
const TICK: Duration = Duration::from_millis(50);

/// Asks what to start with, until a key answers.
pub fn ask(terminal: &mut Tui, path: &Path, signal: &AtomicUsize) -> Result<Choice, Error> {
    let failed = |err: std::io::Error| Error::data(format!("terminal error: {err}"));
    let shown = path.display().to_string();
    loop {
        let arrived = signal.load(Ordering::SeqCst);
        if arrived != 0 {
            return Ok(Choice::Stopped(arrived));
        }
        terminal.draw(|frame| draw(frame, &shown)).map_err(failed)?;
        if !event::poll(TICK).map_err(failed)? {
            continue;
        }
        let Event::Key(key) = event::read().map_err(failed)? else {
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => return Ok(Choice::Quit),
            KeyCode::Enter | KeyCode::Char('s' | 'S') => {
                let note = format!("started from the bundled sample: {shown}");
                return Ok(Choice::Start(Box::new(store::sample()), note));
            }
            KeyCode::Char('e' | 'E') => {
                let note = format!("started empty: {shown}");
                return Ok(Choice::Start(Box::default(), note));
            }
            KeyCode::Esc | KeyCode::Char('q' | 'Q') => return Ok(Choice::Quit),
            _ => {}
        }
    }
}

fn draw(frame: &mut ratatui::Frame, path: &str) {
    let lines = vec![
        Line::raw(format!(" No data file yet at {path}.")),
        Line::raw(""),
        Line::raw(" Enter or s: start with the 2017 sample (four letters of 2017-08-03)"),
        Line::raw(" e:          start empty"),
        Line::raw(" q or Esc:   quit, writing nothing"),
    ];
    let height = lines.len() as u16 + 4;
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(frame.area());
    let block = Block::bordered().title(" docket: first run ");
    let text = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    frame.render_widget(text, middle);
}
