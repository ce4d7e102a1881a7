//! What is selected: the focused pane, the city and letter, how far the
//! letter is scrolled, and the timeline's zoom, scroll and row.

use crate::index::View;

/// The panes, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The list of cities.
    Cities,
    /// The selected city's letters.
    Letters,
    /// The selected letter in full.
    Details,
    /// Every letter on a date axis.
    Timeline,
}

impl Pane {
    const ORDER: [Pane; 4] = [Pane::Cities, Pane::Letters, Pane::Details, Pane::Timeline];

    fn step(self, by: isize) -> Pane {
        let at = Self::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        let len = Self::ORDER.len();
        Self::ORDER[(at + len).saturating_add_signed(by) % len]
    }
}

/// How many days one timeline column stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    /// One day a column.
    Day,
    /// One week a column.
    Week,
    /// About a month (30 days) a column.
    Month,
}

impl Zoom {
    /// Days per column.
    pub fn days(self) -> i64 {
        match self {
            Zoom::Day => 1,
            Zoom::Week => 7,
            Zoom::Month => 30,
        }
    }

    /// The name shown in the pane title.
    pub fn label(self) -> &'static str {
        match self {
            Zoom::Day => "day",
            Zoom::Week => "week",
            Zoom::Month => "month",
        }
    }

    fn zoom_in(self) -> Zoom {
        match self {
            Zoom::Month => Zoom::Week,
            _ => Zoom::Day,
        }
    }

    fn zoom_out(self) -> Zoom {
        match self {
            Zoom::Day => Zoom::Week,
            _ => Zoom::Month,
        }
    }
}

/// The timeline's zoom, horizontal scroll (in columns) and selected row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineState {
    /// Days per column.
    pub zoom: Zoom,
    /// Columns scrolled away from the default position (negative: earlier).
    pub scroll: i64,
    /// The selected row.
    pub row: usize,
}

/// The selection, as positions in the view's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// The focused pane.
    pub focus: Pane,
    /// The selected city, among those shown.
    pub city: usize,
    /// The selected letter, among the selected city's.
    pub letter: usize,
    /// How far the letter pane is scrolled.
    pub details_scroll: u16,
    /// The selected entry of the letter's thread (replies, extensions,
    /// closings), in the order the letter pane shows them.
    pub entry: usize,
    /// The timeline's zoom, scroll and row.
    pub timeline: TimelineState,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            focus: Pane::Cities,
            city: 0,
            letter: 0,
            details_scroll: 0,
            entry: 0,
            timeline: TimelineState {
                zoom: Zoom::Day,
                scroll: 0,
                row: 0,
            },
        }
    }
}

impl Selection {
    /// Focuses the pane `by` steps along the Tab order.
    pub fn step_focus(&mut self, by: isize) {
        self.focus = self.focus.step(by);
    }

    /// Moves down (`by` > 0) or up in the focused pane, staying in the list.
    pub fn move_by(&mut self, by: isize, view: &View) {
        let step = |at: usize, len: usize| -> usize {
            let last = len.saturating_sub(1);
            at.saturating_add_signed(by).min(last)
        };
        match self.focus {
            Pane::Cities => {
                let moved = step(self.city, view.cities.len());
                if moved != self.city {
                    self.select(moved, 0);
                }
            }
            Pane::Letters => {
                let letters = view
                    .cities
                    .get(self.city)
                    .map_or(0, |row| row.letters.len());
                let moved = step(self.letter, letters);
                if moved != self.letter {
                    self.select(self.city, moved);
                }
            }
            Pane::Details => {
                self.details_scroll = match i16::try_from(by) {
                    Ok(by) => self.details_scroll.saturating_add_signed(by),
                    // First goes to the top; the end is known only when drawn.
                    Err(_) if by < 0 => 0,
                    Err(_) => self.details_scroll,
                }
            }
            Pane::Timeline => {
                let row = self.timeline_row(view).unwrap_or(self.timeline.row);
                self.timeline.row = step(row, view.timeline.len());
                if let Some(&index) = view.timeline.get(self.timeline.row) {
                    self.select_letter(index, view);
                }
            }
        }
    }

    /// The selected letter's row on the timeline, if it shows there.
    pub fn timeline_row(&self, view: &View) -> Option<usize> {
        let index = *view.cities.get(self.city)?.letters.get(self.letter)?;
        view.timeline.iter().position(|i| *i == index)
    }

    /// Selects a city and one of its letters, scrolled to the top.
    pub fn select(&mut self, city: usize, letter: usize) {
        self.city = city;
        self.letter = letter;
        self.details_scroll = 0;
        self.entry = 0;
    }

    /// In the letter pane, moves between the thread's `entries`; false
    /// when there are none (the pane scrolls instead).
    pub fn move_entry(&mut self, by: isize, entries: usize) -> bool {
        if self.focus != Pane::Details || entries == 0 {
            return false;
        }
        let last = entries - 1;
        self.entry = self.entry.min(last).saturating_add_signed(by).min(last);
        true
    }

    /// Selects the city and letter of `docket.letters[index]`, if shown.
    pub fn select_letter(&mut self, index: usize, view: &View) {
        for (c, row) in view.cities.iter().enumerate() {
            if let Some(l) = row.letters.iter().position(|i| *i == index) {
                self.select(c, l);
            }
        }
    }

    /// Enter: city -> its letters -> the letter; on the timeline, that letter.
    pub fn open(&mut self, view: &View) {
        match self.focus {
            Pane::Cities => self.focus = Pane::Letters,
            Pane::Letters => self.focus = Pane::Details,
            Pane::Details => {}
            Pane::Timeline => {
                if let Some(&index) = view.timeline.get(self.timeline.row) {
                    self.select_letter(index, view);
                    self.focus = Pane::Details;
                }
            }
        }
    }

    /// Scrolls the timeline `by` columns (negative: earlier).
    pub fn scroll_timeline(&mut self, by: i64) {
        self.timeline.scroll += by;
    }

    /// Zooms the timeline in (`true`) or out, keeping roughly the same
    /// stretch of time on screen.
    pub fn zoom(&mut self, zoom_in: bool) {
        let old = self.timeline.zoom;
        let zoom = if zoom_in {
            old.zoom_in()
        } else {
            old.zoom_out()
        };
        self.timeline.scroll = self.timeline.scroll * old.days() / zoom.days();
        self.timeline.zoom = zoom;
    }
}
