//! Opening a big data file with the screen already up: the file loads on a
//! thread of its own while the screen shows how far it has got.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use super::session::{Opened, Session};
use super::terminal::Tui;
use crate::clock::Clock;
use crate::error::Error;
use crate::store;

/// Files at least this big load behind a progress screen; smaller ones load
/// before the screen starts, in a blink.
pub const BIG_FILE_BYTES: u64 = 8 << 20;
/// How often the progress screen is redrawn.
const FRAME: Duration = Duration::from_millis(20);

/// How opening with the progress screen ended.
pub enum Loaded {
    /// The file is open.
    Opened(Box<Opened>),
    /// A signal arrived first (its number); nothing was changed yet.
    Stopped(usize),
}

/// Opens the data file on a thread, drawing its progress until it is open.
/// Keys pressed meanwhile are left for the interface.
pub fn open(
    terminal: &mut Tui,
    path: &Path,
    clock: Clock,
    signal: &AtomicUsize,
) -> Result<Loaded, Error> {
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    let owned = path.to_owned();
    let loader = std::thread::Builder::new()
        .name("docket-load".into())
        .spawn(move || Session::open(&owned, clock))
        .map_err(|err| Error::data(format!("could not start loading: {err}")))?;
    let started = Instant::now();
    while !loader.is_finished() {
        let arrived = signal.load(Ordering::SeqCst);
        if arrived != 0 {
            return Ok(Loaded::Stopped(arrived));
        }
        let text = progress(path, size, started.elapsed());
        let _ = terminal.draw(|frame| {
            let [_, middle, _] = Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(3),
                Constraint::Fill(1),
            ])
            .areas(frame.area());
            let block = Block::bordered().title(" docket ");
            frame.render_widget(Paragraph::new(Line::from(text)).block(block), middle);
        });
        // Keys pressed meanwhile stay queued for the interface.
        std::thread::sleep(FRAME);
    }
    let opened = loader
        .join()
        .map_err(|_| Error::data("loading the data file failed unexpectedly"))??;
    Ok(Loaded::Opened(Box::new(opened)))
}

/// `Loading docket.ron: 42% of 174 MiB (1.2 s)`.
fn progress(path: &Path, size: u64, elapsed: Duration) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let percent = (store::parsed_bytes() as u64 * 100)
        .checked_div(size)
        .unwrap_or(0)
        .min(99);
    format!(
        " Loading {name}: {percent}% of {} MiB ({:.1} s)",
        size.div_ceil(1 << 20),
        elapsed.as_secs_f64()
    )
}
