//! The interface's state and how actions change it.

mod edit;
mod state;

pub use edit::{Confirm, Effect, OnYes, Pending};
pub use state::{Pane, SharedDocket, TimelineState, Zoom};

use std::sync::Arc;

use super::action::Action;
use super::form::Form;
use super::keymap::Mode;
use super::ui::theme::Theme;
use crate::index::{CitySort, Index, View};
use crate::model::{City, Date, Docket, History, Letter, add_days};

/// The whole state of the interface.
#[derive(Debug)]
pub struct App {
    docket: SharedDocket,
    today: Date,
    as_of: Date,
    mode: Mode,
    focus: Pane,
    sort: CitySort,
    filter: String,
    city: usize,
    letter: usize,
    details_scroll: u16,
    timeline: TimelineState,
    message: Option<String>,
    theme: Theme,
    view: View,
    views: Index,
    quit: bool,
    form: Option<Form>,
    confirm: Option<Confirm>,
    history: History,
    unsaved: Vec<Pending>,
    effect: Option<Effect>,
    read_only: Option<String>,
    last_change: String,
}

impl App {
    /// An interface on `docket`, as of `as_of`, knowing that today is `today`.
    pub fn new(docket: Docket, as_of: Date, today: Date, theme: Theme) -> Self {
        let mut views = Index::default();
        let view = views.view(&docket, as_of, "", CitySort::Urgency);
        App {
            docket: docket.into(),
            today,
            as_of,
            mode: Mode::Normal,
            focus: Pane::Cities,
            sort: CitySort::Urgency,
            filter: String::new(),
            city: 0,
            letter: 0,
            details_scroll: 0,
            timeline: TimelineState {
                zoom: Zoom::Day,
                scroll: 0,
                row: 0,
            },
            message: None,
            theme,
            view,
            views,
            quit: false,
            form: None,
            confirm: None,
            history: History::default(),
            unsaved: Vec::new(),
            effect: None,
            read_only: None,
            last_change: String::new(),
        }
    }

    /// Makes the interface read-only, saying why in the status line.
    pub fn read_only(mut self, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        self.message = Some(reason.clone());
        self.read_only = Some(reason);
        self
    }

    /// Shows a message in the status line until the next key.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Tick(_)) {
            self.message = None;
        }
        if self.edit(action) {
            return;
        }
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.toggle_help(),
            Action::NextPane => self.focus = self.focus.step(1),
            Action::PrevPane => self.focus = self.focus.step(-1),
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::First => self.move_selection(isize::MIN),
            Action::Last => self.move_selection(isize::MAX),
            Action::Open => self.open(),
            Action::ScrollLeft => self.timeline.scroll -= 1,
            Action::ScrollRight => self.timeline.scroll += 1,
            Action::StartFilter => {
                self.mode = Mode::Filter;
                self.prepare_search();
            }
            Action::FilterChar(c) => self.edit_filter(|f| f.push(c)),
            Action::FilterBackspace => self.edit_filter(|f| {
                f.pop();
            }),
            Action::AcceptFilter => self.mode = Mode::Normal,
            Action::ClearFilter => {
                self.mode = Mode::Normal;
                self.edit_filter(String::clear);
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.update_view();
            }
            Action::ZoomIn => self.set_zoom(self.timeline.zoom.zoom_in()),
            Action::ZoomOut => self.set_zoom(self.timeline.zoom.zoom_out()),
            Action::ShiftAsOf(days) => self.shift_as_of(days),
            Action::AsOfToday => self.set_as_of(self.today),
            Action::Tick(today) => self.tick(today),
            // Handled by `edit`.
            _ => {}
        }
    }

    fn toggle_help(&mut self) {
        self.mode = match self.mode {
            Mode::Help => Mode::Normal,
            _ => Mode::Help,
        };
    }

    fn move_selection(&mut self, by: isize) {
        let step = |at: usize, len: usize| -> usize {
            let last = len.saturating_sub(1);
            at.saturating_add_signed(by).min(last)
        };
        match self.focus {
            Pane::Cities => {
                let moved = step(self.city, self.view.cities.len());
                if moved != self.city {
                    self.city = moved;
                    self.letter = 0;
                    self.details_scroll = 0;
                }
            }
            Pane::Letters => {
                let moved = step(self.letter, self.city_letters().len());
                if moved != self.letter {
                    self.letter = moved;
                    self.details_scroll = 0;
                }
            }
            Pane::Details => {
                let by = by.clamp(-(u16::MAX as isize), u16::MAX as isize);
                self.details_scroll = self.details_scroll.saturating_add_signed(by as i16);
            }
            Pane::Timeline => self.timeline.row = step(self.timeline.row, self.view.timeline.len()),
        }
    }

    fn open(&mut self) {
        match self.focus {
            Pane::Cities => self.focus = Pane::Letters,
            Pane::Letters => self.focus = Pane::Details,
            Pane::Details => {}
            Pane::Timeline => {
                if let Some(&index) = self.view.timeline.get(self.timeline.row) {
                    self.select_letter(index);
                    self.focus = Pane::Details;
                }
            }
        }
    }

    /// Selects the city and letter of `docket.letters[index]`.
    fn select_letter(&mut self, index: usize) {
        for (c, row) in self.view.cities.iter().enumerate() {
            if let Some(l) = row.letters.iter().position(|i| *i == index) {
                self.city = c;
                self.letter = l;
                self.details_scroll = 0;
            }
        }
    }

    /// Selects the city with this id, if it is shown.
    fn select_city_id(&mut self, id: &str) {
        let docket = &self.docket;
        if let Some(at) = self
            .view
            .cities
            .iter()
            .position(|row| docket.cities[row.city].id == id)
        {
            self.city = at;
            self.letter = 0;
            self.details_scroll = 0;
        }
    }

    fn edit_filter(&mut self, edit: impl FnOnce(&mut String)) {
        edit(&mut self.filter);
        self.update_view();
    }

    fn set_zoom(&mut self, zoom: Zoom) {
        // Keep the same stretch of time on screen, roughly.
        self.timeline.scroll = self.timeline.scroll * self.timeline.zoom.days() / zoom.days();
        self.timeline.zoom = zoom;
    }

    fn shift_as_of(&mut self, days: i64) {
        if let Some(date) = add_days(self.as_of, days) {
            self.set_as_of(date);
        }
    }

    fn set_as_of(&mut self, date: Date) {
        self.as_of = date;
        self.update_view();
    }

    /// Midnight passed: a view that followed today moves on with it.
    fn tick(&mut self, today: Date) {
        let following = self.as_of == self.today;
        self.today = today;
        if following {
            self.set_as_of(today);
        }
    }

    /// The docket changed: recomputes the view from scratch and keeps the
    /// selected city and letter where they still show.
    fn refresh(&mut self) {
        self.views.clear();
        self.update_view();
    }

    /// The as-of date, filter or sort changed: recomputes the view from what
    /// the cache keeps, and keeps the selected city and letter where they
    /// still show.
    fn update_view(&mut self) {
        let city_id = self.selected_city().map(|c| c.id.clone());
        let letter_id = self.selected_letter().map(|l| l.id.clone());
        self.view = (self.views).view(&self.docket, self.as_of, &self.filter, self.sort);
        let cities = &self.view.cities;
        self.city = city_id
            .and_then(|id| {
                cities
                    .iter()
                    .position(|row| self.docket.cities[row.city].id == id)
            })
            .unwrap_or(0);
        self.letter = letter_id
            .and_then(|id| {
                self.city_letters()
                    .iter()
                    .position(|i| self.docket.letters[*i].id == id)
            })
            .unwrap_or(0);
        let rows = self.view.timeline.len();
        self.timeline.row = self.timeline.row.min(rows.saturating_sub(1));
    }

    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// What the keyboard is doing.
    pub fn mode(&self) -> Mode {
        if self.confirm.is_some() {
            Mode::Confirm
        } else if self.form.is_some() {
            Mode::Form
        } else {
            self.mode
        }
    }

    /// The docket shown.
    pub fn docket(&self) -> &Docket {
        &self.docket
    }

    /// Starts making the filter's search text in the background (for a big
    /// docket), so that the first filter keystroke finds it ready: the
    /// interface asks once the first frame is on screen.
    pub fn prepare_search(&mut self) {
        self.views.prepare_search(self.docket.snapshot());
    }

    /// Takes the outcome of a save of the docket as it was when `changes`
    /// changes were unsaved: on success those are on disk, and any made
    /// since wait for the next save.
    pub fn finish_save_of(&mut self, changes: usize, result: Result<(), crate::store::StoreError>) {
        if result.is_ok() && changes < self.unsaved.len() {
            self.unsaved.drain(..changes);
            return;
        }
        self.finish_save(result);
    }

    /// The docket shown, shared (for a save in the background).
    pub fn docket_snapshot(&self) -> Arc<Docket> {
        self.docket.snapshot()
    }

    /// The date everything is computed as of.
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// Today's date.
    pub fn today(&self) -> Date {
        self.today
    }

    /// The focused pane.
    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// The city sort order.
    pub fn sort(&self) -> CitySort {
        self.sort
    }

    /// The filter text.
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The derived lists.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// The colours and styles.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The message for the status line.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The timeline's zoom, scroll and selected row.
    pub fn timeline(&self) -> TimelineState {
        self.timeline
    }

    /// How far the details pane is scrolled.
    pub fn details_scroll(&self) -> u16 {
        self.details_scroll
    }

    /// The index of the selected city among those shown.
    pub fn selected_city_index(&self) -> usize {
        self.city
    }

    /// The index of the selected letter among the selected city's.
    pub fn selected_letter_index(&self) -> usize {
        self.letter
    }

    /// The selected city.
    pub fn selected_city(&self) -> Option<&City> {
        let row = self.view.cities.get(self.city)?;
        self.docket.cities.get(row.city)
    }

    /// The selected city's visible letters (indices into `Docket::letters`).
    pub fn city_letters(&self) -> &[usize] {
        self.view
            .cities
            .get(self.city)
            .map_or(&[], |row| row.letters.as_slice())
    }

    /// The selected letter.
    pub fn selected_letter(&self) -> Option<&Letter> {
        let index = *self.city_letters().get(self.letter)?;
        self.docket.letters.get(index).map(|l| &**l)
    }
}
