//! The story screens over the main panes: a matter's grid (one row per
//! city) and the chronology of every event, both as of the as-of date.
//! The chronology's events are built once per docket, when first shown;
//! what shows as of a date is worked out when the date changes, never per
//! frame.

use std::sync::Arc;
use std::thread::JoinHandle;

use super::{App, Pane};
use crate::model::{Date, Docket};
use crate::story::{Chronology, Shown, matter_letters};
use crate::tui::action::Action;

/// What fills the screen above the status line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Screen {
    /// Cities, letters, the letter and the timeline.
    #[default]
    Main,
    /// The grid of one matter.
    Matter,
    /// Every event in date order.
    Chronology,
}

/// The story screens' state.
#[derive(Debug, Default)]
pub struct Story {
    /// What fills the screen.
    pub screen: Screen,
    chronology: Option<Arc<Chronology>>,
    /// The events being built in the background, for the docket as the
    /// first frame showed it.
    pending: Option<JoinHandle<Chronology>>,
    shown: Option<Shown>,
    /// The selected event, among those shown.
    pub event: usize,
    /// The matter shown and its letters (indices into `Docket::letters`).
    matter: Option<(String, Vec<usize>)>,
    /// The selected row of the matter.
    pub row: usize,
}

impl Story {
    /// The docket changed: the events are built again when next shown, a
    /// matter's letters looked up again.
    pub fn forget(&mut self, docket: &Docket, as_of: Date) {
        self.chronology = None;
        // Built for the docket before the change: let it finish unread.
        self.pending = None;
        self.shown = None;
        if let Some((id, letters)) = &mut self.matter {
            *letters = matter_letters(docket, id);
            self.row = self.row.min(letters.len().saturating_sub(1));
        }
        self.follow(docket, as_of);
    }

    /// The as-of date may have moved: the chronology shows what is dated
    /// by then, the selection on the last of it (the as-of date in view).
    pub fn follow(&mut self, docket: &Docket, as_of: Date) {
        if self.screen != Screen::Chronology
            || self.shown.as_ref().is_some_and(|s| s.as_of == as_of)
        {
            return;
        }
        let pending = self.pending.take();
        let chronology = (self.chronology).get_or_insert_with(|| {
            let built = pending.and_then(|work| work.join().ok());
            Arc::new(built.unwrap_or_else(|| Chronology::new(docket)))
        });
        let shown = chronology.shown(as_of);
        self.event = shown.past.saturating_sub(1);
        self.shown = Some(shown);
    }

    /// Starts building the events in the background (once the first frame
    /// is on screen), so that `C` finds them ready on a big docket.
    pub fn prepare(&mut self, docket: Arc<Docket>) {
        if self.chronology.is_some() || self.pending.is_some() {
            return;
        }
        let work = crate::background::spawn("docket-chronology", move || Chronology::new(&docket));
        self.pending = work.ok();
    }

    /// Moves the selection `by` rows in the screen shown.
    fn move_by(&mut self, by: isize) {
        let (at, len) = match self.screen {
            Screen::Main => return,
            Screen::Matter => (&mut self.row, self.matter.as_ref().map_or(0, |m| m.1.len())),
            Screen::Chronology => (&mut self.event, self.shown.as_ref().map_or(0, Shown::len)),
        };
        *at = at.saturating_add_signed(by).min(len.saturating_sub(1));
    }

    /// The selected row's letter (an index into `Docket::letters`).
    fn selected_letter(&self) -> Option<usize> {
        match self.screen {
            Screen::Main => None,
            Screen::Matter => self.matter.as_ref()?.1.get(self.row).copied(),
            Screen::Chronology => {
                let (chronology, shown) = (self.chronology.as_ref()?, self.shown.as_ref()?);
                let at = shown.event(self.event)?;
                Some(chronology.events().get(at)?.letter as usize)
            }
        }
    }
}

impl App {
    /// `m`: the selected letter's matter, or back from it.
    pub(super) fn show_matter(&mut self) {
        if self.story.screen == Screen::Matter {
            self.story.screen = Screen::Main;
            return;
        }
        let letter = match self.story.selected_letter() {
            Some(index) => self.docket.letters.get(index).map(|l| &**l),
            None => self.selected_letter(),
        };
        let Some(letter) = letter else {
            self.shell
                .note("select a letter first: m shows the matter it belongs to");
            return;
        };
        let Some(matter) = letter.matter.clone() else {
            let message = format!(
                "letter {} belongs to no matter (letters added to several cities at once share one)",
                letter.id
            );
            self.shell.note(message);
            return;
        };
        let letters = matter_letters(&self.docket, &matter);
        let id = letter.id.clone();
        self.story.row = (letters.iter())
            .position(|&i| self.docket.letters[i].id == id)
            .unwrap_or(0);
        self.story.matter = Some((matter, letters));
        self.story.screen = Screen::Matter;
    }

    /// `C`: the chronology, or back from it.
    pub(super) fn show_chronology(&mut self) {
        if self.story.screen == Screen::Chronology {
            self.story.screen = Screen::Main;
            return;
        }
        self.story.screen = Screen::Chronology;
        self.story.shown = None;
        self.story.follow(&self.docket, self.query.as_of);
    }

    /// On a story screen, the keys that move, open and go back act on it,
    /// and those for the main panes say how to get back to them; true when
    /// the action was taken here.
    pub(super) fn story_takes(&mut self, action: &Action) -> bool {
        if self.story.screen == Screen::Main || self.mode() != crate::tui::keymap::Mode::Normal {
            return false;
        }
        match action {
            Action::Down => self.story.move_by(1),
            Action::Up => self.story.move_by(-1),
            Action::First => self.story.move_by(isize::MIN),
            Action::Last => self.story.move_by(isize::MAX),
            Action::Open => self.go_to_selected_letter(),
            Action::ClearFilter => self.story.screen = Screen::Main,
            Action::NextPane
            | Action::PrevPane
            | Action::ScrollLeft
            | Action::ScrollRight
            | Action::StartFilter
            | Action::CycleSort
            | Action::ZoomIn
            | Action::ZoomOut
            | Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Reply
            | Action::Extend
            | Action::CloseReopen => self
                .shell
                .note("Enter goes to the selected letter, Esc back to the panes"),
            _ => return false,
        }
        true
    }

    /// Enter: the selected row's letter in the main panes (the filter
    /// cleared if it hides it).
    fn go_to_selected_letter(&mut self) {
        let Some(index) = self.story.selected_letter() else {
            return;
        };
        let Some(letter) = self.docket.letters.get(index) else {
            return;
        };
        if !letter.is_sent(self.query.as_of) {
            let message = format!(
                "letter {} is not sent yet as of {}",
                letter.id, self.query.as_of
            );
            self.shell.note(message);
            return;
        }
        let shown = |app: &App| {
            app.query
                .view
                .cities
                .iter()
                .any(|row| row.letters.contains(&index))
        };
        if !shown(self) && !self.query.filter.is_empty() {
            self.query.filter.clear();
            self.update_view();
        }
        self.selection.select_letter(index, &self.query.view);
        self.selection.focus = Pane::Details;
        self.story.screen = Screen::Main;
    }
}

/// What drawing reads.
impl App {
    /// What fills the screen.
    pub fn screen(&self) -> Screen {
        self.story.screen
    }

    /// The chronology, the events shown and the selected one (among
    /// those shown), on the chronology screen.
    pub fn chronology(&self) -> Option<(&Chronology, &Shown, usize)> {
        let chronology = self.story.chronology.as_deref()?;
        Some((chronology, self.story.shown.as_ref()?, self.story.event))
    }

    /// The matter shown, its letters and the selected row.
    pub fn matter(&self) -> Option<(&str, &[usize], usize)> {
        let (id, letters) = self.story.matter.as_ref()?;
        Some((id, letters, self.story.row))
    }
}
