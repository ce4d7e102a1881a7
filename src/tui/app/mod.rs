//! The interface's state and how actions change it.
//!
//! [`App`] is made of parts, each with its own small `impl`: the
//! [`Selection`], the [`Query`] (as-of date, filter, sort and the view they
//! give), the [`Editing`] state (form, question, history, unsaved changes)
//! and the [`Shell`] (mode, message, theme). [`App::update`] is the one
//! place an [`Action`] changes them, the results of saves and reloads
//! included.

mod conflicts;
mod editing;
mod holidays;
mod query;
mod saving;
mod selection;
mod shared;
mod shell;
mod story;

pub use conflicts::{Resolving, letter_of};
pub use editing::{Author, Confirm, Editing, Effect, OnYes, Pending};
pub use query::Query;
pub use selection::{Pane, Selection, TimelineState, Zoom};
pub use shared::SharedDocket;
pub use shell::Shell;
pub use story::{Screen, Story};

use std::sync::Arc;

use super::action::Action;
use super::form::Form;
use super::keymap::Mode;
use super::theme::Theme;
use crate::index::{CitySort, View};
use crate::model::{City, Date, DatedAfter, Docket, Letter};

/// The whole state of the interface.
#[derive(Debug)]
pub struct App {
    docket: SharedDocket,
    selection: Selection,
    query: Query,
    editing: Editing,
    shell: Shell,
    resolving: Resolving,
    story: Story,
}

impl App {
    /// An interface on `docket`, as of `as_of`, knowing that today is `today`.
    pub fn new(docket: Docket, as_of: Date, today: Date, theme: Theme) -> Self {
        let query = Query::new(&docket, as_of, today);
        App {
            docket: docket.into(),
            selection: Selection::default(),
            query,
            editing: Editing::default(),
            shell: Shell::new(theme),
            resolving: Resolving::default(),
            story: Story::default(),
        }
    }

    /// Makes the interface read-only, saying why in the status line.
    pub fn read_only(mut self, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        self.shell.note(reason.clone());
        self.editing.read_only = Some(reason);
        self
    }

    /// Makes the changes as `name`, logging them at the time `clock` tells
    /// (without a clock, today at midnight); `mine` shows `name`'s letters.
    pub fn by(mut self, name: &str, clock: Option<crate::clock::Clock>) -> Self {
        self.editing.author = Author {
            name: name.to_owned(),
            clock,
        };
        self
    }

    /// Shows a message in the status line until the next key.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.shell.note(message);
        self
    }

    /// Applies one action: the one place the state changes.
    pub fn update(&mut self, action: Action) {
        if action.is_key() {
            self.shell.message = None;
        }
        if action.changes_docket() && self.refused_as_read_only() {
            return;
        }
        if self.story_takes(&action) {
            return;
        }
        match action {
            Action::Quit => self.quit(),
            Action::ToggleHelp => self.shell.toggle_help(),
            Action::HelpScroll(by) => self.shell.scroll_help(by),
            Action::ToggleHolidays => self.shell.toggle_holidays(),
            Action::HolidaysScroll(by) => self.scroll_holidays(by),
            Action::HolidaysYear(by) => self.shell.shift_holidays_year(by),
            Action::NextPane => self.selection.step_focus(1),
            Action::PrevPane => self.selection.step_focus(-1),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::First => self.move_by(isize::MIN),
            Action::Last => self.move_by(isize::MAX),
            Action::Open => self.selection.open(&self.query.view),
            Action::ScrollLeft => self.selection.scroll_timeline(-1),
            Action::ScrollRight => self.selection.scroll_timeline(1),
            Action::StartFilter => self.start_filter(),
            Action::FilterChar(c) => self.edit_filter(|filter| filter.push(c)),
            Action::FilterBackspace => self.edit_filter(|filter| _ = filter.pop()),
            Action::AcceptFilter => self.shell.mode = Mode::Normal,
            Action::ClearFilter => self.clear_filter(),
            Action::CycleSort => self.cycle_sort(),
            Action::ToggleMine => self.toggle_mine(),
            Action::ZoomIn => self.selection.zoom(true),
            Action::ZoomOut => self.selection.zoom(false),
            Action::ShiftAsOf(days) => self.shift_as_of(days),
            Action::AsOfToday => self.set_as_of(self.query.today),
            Action::ShowMatter => self.show_matter(),
            Action::ShowChronology => self.show_chronology(),
            Action::Tick(today) => self.tick(today),
            Action::Resize(_, height) => self.shell.height = Some(height),
            Action::Add => self.add(),
            Action::Edit => self.open_edit_form(),
            Action::Delete => self.ask_delete(),
            Action::Reply => self.open_letter_form(Form::reply),
            Action::Extend => self.open_letter_form(Form::extend),
            Action::CloseReopen => self.close_or_reopen(),
            Action::OpenDocument => self.open_document(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Save => self.save_again(),
            Action::ToggleConflicts => self.toggle_conflicts(),
            Action::ConflictMove(by) => self.move_conflict(by),
            Action::Resolve(side) => self.resolve_conflict(side),
            Action::EditConflict => self.edit_conflict(),
            Action::FormNext => self.editing.with_form(|form| form.step_focus(1)),
            Action::FormPrev => self.editing.with_form(|form| form.step_focus(-1)),
            Action::FormNewline => self.editing.with_form(Form::newline),
            Action::FormInput(key) => self.editing.with_form(|form| form.input(key)),
            Action::FormSubmit => self.submit_form(),
            Action::FormCancel => self.cancel_form_resolving(),
            Action::Confirm(yes) => self.answer_resolving(yes),
            Action::Saved { changes, outcome } => self.saved(changes, outcome),
            Action::Arrived(arrival) => self.arrived(*arrival),
            Action::Note(text) => self.shell.note(text),
        }
    }

    /// Moves in the focused pane: in the letter pane, between the
    /// thread's entries when it has some.
    fn move_by(&mut self, by: isize) {
        let entries = self
            .selected_letter()
            .map_or(0, |l| l.thread_as_of(self.query.as_of).len());
        if !self.selection.move_entry(by, entries) {
            self.selection.move_by(by, &self.query.view);
        }
    }

    fn start_filter(&mut self) {
        self.shell.mode = Mode::Filter;
        self.prepare_search();
    }

    fn edit_filter(&mut self, edit: impl FnOnce(&mut String)) {
        edit(&mut self.query.filter);
        self.update_view();
    }

    fn clear_filter(&mut self) {
        self.shell.mode = Mode::Normal;
        self.edit_filter(String::clear);
    }

    /// Shows only my letters, or everyone's again.
    fn toggle_mine(&mut self) {
        self.query.mine = match self.query.mine.take() {
            Some(_) => None,
            None => Some(self.editing.author.name().to_owned()),
        };
        let note = match &self.query.mine {
            Some(me) => format!("showing only the letters {me} handles (O shows all)"),
            None => "showing everyone's letters".to_owned(),
        };
        self.update_view();
        self.shell.note(note);
    }

    fn cycle_sort(&mut self) {
        self.query.sort = self.query.sort.next();
        self.update_view();
    }

    fn shift_as_of(&mut self, days: i64) {
        if let Some(date) = crate::model::add_days(self.query.as_of, days) {
            self.set_as_of(date);
        }
    }

    fn set_as_of(&mut self, date: Date) {
        self.query.as_of = date;
        self.update_view();
    }

    /// Midnight passed: a view that followed today moves on with it.
    fn tick(&mut self, today: Date) {
        if self.query.tick(today) {
            self.update_view();
        }
    }

    /// The docket changed: recomputes the view from scratch and keeps the
    /// selected city and letter where they still show.
    fn refresh(&mut self) {
        self.query.forget();
        self.story.forget(&self.docket, self.query.as_of);
        self.update_view();
    }

    /// The as-of date, filter or sort changed: recomputes the view from what
    /// the index keeps, and keeps the selected city and letter where they
    /// still show.
    fn update_view(&mut self) {
        let city_id = self.selected_city().map(|c| c.id.clone());
        let letter_id = self.selected_letter().map(|l| l.id.clone());
        self.query.recompute(&self.docket);
        let (docket, view) = (&self.docket, &self.query.view);
        let city = city_id
            .and_then(|id| (view.cities.iter()).position(|row| docket.cities[row.city].id == id))
            .unwrap_or(0);
        let letters = view.cities.get(city).map_or(&[][..], |row| &row.letters);
        let letter = letter_id
            .and_then(|id| letters.iter().position(|i| docket.letters[*i].id == id))
            .unwrap_or(0);
        self.selection.city = city;
        self.selection.letter = letter;
        let rows = view.timeline.len();
        self.selection.timeline.row = self.selection.timeline.row.min(rows.saturating_sub(1));
        self.story.follow(&self.docket, self.query.as_of);
    }

    /// Starts making the filter's search text in the background (for a big
    /// docket), so that the first filter keystroke finds it ready: the
    /// interface asks once the first frame is on screen.
    pub fn prepare_search(&mut self) {
        self.query.prepare_search(self.docket.snapshot());
    }

    /// Starts building the chronology's events in the background, so that
    /// `C` finds them ready on a big docket: asked once the first frame is
    /// on screen.
    pub fn prepare_chronology(&mut self) {
        self.story.prepare(self.docket.snapshot());
    }
}

/// What drawing and the session read.
impl App {
    /// Whether the user asked to leave.
    pub fn should_quit(&self) -> bool {
        self.shell.quit
    }

    /// What the keyboard is doing.
    pub fn mode(&self) -> Mode {
        if self.editing.confirm.is_some() {
            Mode::Confirm
        } else if self.editing.form.is_some() {
            Mode::Form
        } else {
            self.shell.mode
        }
    }

    /// The docket shown.
    pub fn docket(&self) -> &Docket {
        &self.docket
    }

    /// The docket shown, shared (for a save in the background).
    pub fn docket_snapshot(&self) -> Arc<Docket> {
        self.docket.snapshot()
    }

    /// Counts the changes to the docket: work on a snapshot taken at the
    /// same revision applies to the docket shown.
    pub fn revision(&self) -> u64 {
        self.docket.revision()
    }

    /// The date everything is computed as of.
    pub fn as_of(&self) -> Date {
        self.query.as_of
    }

    /// Today's date.
    pub fn today(&self) -> Date {
        self.query.today
    }

    /// The focused pane.
    pub fn focus(&self) -> Pane {
        self.selection.focus
    }

    /// The city sort order.
    pub fn sort(&self) -> CitySort {
        self.query.sort
    }

    /// The filter text.
    pub fn filter(&self) -> &str {
        &self.query.filter
    }

    /// Whose letters alone show, when the `mine` filter is on.
    pub fn mine(&self) -> Option<&str> {
        self.query.mine.as_deref()
    }

    /// The derived lists.
    pub fn view(&self) -> &View {
        &self.query.view
    }

    /// What is dated after the as-of date (counted when the date or the
    /// docket changes).
    pub fn dated_after(&self) -> DatedAfter {
        self.query.view.later
    }

    /// The colours and styles.
    pub fn theme(&self) -> &Theme {
        &self.shell.theme
    }

    /// The message for the status line.
    pub fn message(&self) -> Option<&str> {
        self.shell.message.as_deref()
    }

    /// The timeline's zoom, scroll and selected row.
    pub fn timeline(&self) -> TimelineState {
        self.selection.timeline
    }

    /// The first line of the help overlay to show (drawing keeps it
    /// within the help).
    pub fn help_scroll(&self) -> usize {
        self.shell.help_scroll
    }

    /// The selected letter's row on the timeline, if it shows there.
    pub fn timeline_row(&self) -> Option<usize> {
        self.selection.timeline_row(&self.query.view)
    }

    /// How far the details pane is scrolled.
    pub fn details_scroll(&self) -> u16 {
        self.selection.details_scroll
    }

    /// The id of the selected reply, extension or closing of the selected
    /// letter (`r1`, `x1`, `c1`), when the letter pane has the focus.
    pub fn selected_entry(&self) -> Option<&str> {
        if self.selection.focus != Pane::Details {
            return None;
        }
        let thread = self.selected_letter()?.thread_as_of(self.query.as_of);
        let at = self.selection.entry.min(thread.len().checked_sub(1)?);
        thread.get(at).copied()
    }

    /// The index of the selected city among those shown.
    pub fn selected_city_index(&self) -> usize {
        self.selection.city
    }

    /// The index of the selected letter among the selected city's.
    pub fn selected_letter_index(&self) -> usize {
        self.selection.letter
    }

    /// The selected city.
    pub fn selected_city(&self) -> Option<&City> {
        let row = self.query.view.cities.get(self.selection.city)?;
        self.docket.cities.get(row.city)
    }

    /// The selected city's visible letters (indices into `Docket::letters`).
    pub fn city_letters(&self) -> &[usize] {
        (self.query.view.cities.get(self.selection.city)).map_or(&[], |row| row.letters.as_slice())
    }

    /// The selected letter.
    pub fn selected_letter(&self) -> Option<&Letter> {
        let index = *self.city_letters().get(self.selection.letter)?;
        self.docket.letters.get(index).map(|l| &**l)
    }

    /// The input/output the session must do next, if any.
    pub fn take_effect(&mut self) -> Option<Effect> {
        self.editing.take_effect()
    }

    /// How many changes are not on disk yet.
    pub fn unsaved_count(&self) -> usize {
        self.editing.unsaved.len()
    }

    /// The open form.
    pub fn form(&self) -> Option<&Form> {
        self.editing.form.as_ref()
    }

    /// The open question.
    pub fn confirm(&self) -> Option<&Confirm> {
        self.editing.confirm.as_ref()
    }

    /// Whether the docket cannot be changed.
    pub fn is_read_only(&self) -> bool {
        self.editing.read_only.is_some()
    }
}
