//! Starting and restoring the terminal. The terminal's reported size is
//! clamped, not trusted, and the terminal is restored on return and on panic.

use std::io::{self, IsTerminal, Stdout, stdout};
use std::sync::Once;

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::{Position, Size};

/// The largest width or height docket believes: a terminal claiming more
/// (65535 columns, say) would make every frame allocate gigabytes.
pub const MAX_SIDE: u16 = 1000;

/// A backend whose size is clamped to [`MAX_SIDE`].
#[derive(Debug)]
pub struct Clamped<B>(pub B);

impl<B: Backend> Backend for Clamped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.0.size().map(clamp)
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let size = self.0.window_size()?;
        Ok(WindowSize {
            columns_rows: clamp(size.columns_rows),
            pixels: size.pixels,
        })
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

/// A size no larger than [`MAX_SIDE`] either way.
pub fn clamp(size: Size) -> Size {
    Size::new(size.width.min(MAX_SIDE), size.height.min(MAX_SIDE))
}

/// The interface's terminal.
pub type Tui = Terminal<Clamped<CrosstermBackend<Stdout>>>;

/// Runs `f` in the alternate screen in raw mode, and restores the terminal
/// afterwards, whatever `f` returns, and on a panic before the panic is
/// reported.
pub fn run<R>(f: impl FnOnce(&mut Tui) -> R) -> io::Result<R> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            report(info);
        }));
    });
    enable_raw_mode()?;
    let started = execute!(stdout(), EnterAlternateScreen)
        .and_then(|()| Terminal::new(Clamped(CrosstermBackend::new(stdout()))));
    let result = started.map(|mut terminal| {
        let result = f(&mut terminal);
        if !io::stdout().is_terminal() {
            // The terminal went away: ratatui's clean-up would report on
            // stderr that it cannot show the cursor, and panic doing so.
            std::mem::forget(terminal);
        }
        result
    });
    restore();
    result
}

/// Leaves the alternate screen, shows the cursor and turns raw mode off.
pub fn restore() {
    let _ = execute!(stdout(), LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

#[cfg(test)]
mod tests {
    use ratatui::backend::TestBackend;

    use super::*;

    #[test]
    fn absurd_sizes_are_clamped_and_ordinary_ones_kept() {
        assert_eq!(
            clamp(Size::new(65535, 65535)),
            Size::new(MAX_SIDE, MAX_SIDE)
        );
        assert_eq!(clamp(Size::new(0, 0)), Size::new(0, 0));
        assert_eq!(clamp(Size::new(120, 40)), Size::new(120, 40));
        let backend = Clamped(TestBackend::new(5000, 30));
        assert_eq!(backend.size().unwrap(), Size::new(MAX_SIDE, 30));
    }
}
