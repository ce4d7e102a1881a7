//! The days off screen's state read by drawing: its year and its list.

use super::App;
use crate::model::DayOff;

impl App {
    /// The year the days off screen shows.
    pub fn holidays_year(&self) -> i32 {
        let year = chrono::Datelike::year(&self.query.as_of);
        year.saturating_add(self.shell.holidays.years_on)
            .clamp(1, 9999)
    }

    /// The days off screen's first line shown.
    pub fn holidays_scroll(&self) -> usize {
        self.shell.holidays.scroll
    }

    /// The days off of the year the days off screen shows.
    pub fn holidays(&self) -> Vec<DayOff> {
        self.docket()
            .settings
            .calendar
            .days_off(self.holidays_year())
    }

    pub(super) fn scroll_holidays(&mut self, by: isize) {
        let lines = self.holidays().len();
        self.shell.scroll_holidays(by, lines);
    }
}
