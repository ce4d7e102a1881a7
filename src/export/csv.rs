//! One CSV row per letter: the letter's own fields, which `docket import
//! --format csv` reads back, and its countdown as of the date, which import
//! ignores.

use std::borrow::Cow;

use crate::csv_layout::{COLUMNS, LIST_SEPARATOR, guard, is_text};
use crate::model::{Date, Docket, Holidays, Letter};

/// The CSV text: a header row, then every letter in id order (including
/// letters not yet sent as of the date, whose status says so).
#[allow(clippy::expect_used, reason = "writing CSV to memory cannot fail")]
pub fn to_csv(docket: &Docket, as_of: Date) -> String {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut write = |record: Vec<String>| {
        writer
            .write_record(&record)
            .expect("writing CSV to memory cannot fail");
    };
    write(COLUMNS.map(str::to_owned).to_vec());
    let mut letters: Vec<&Letter> = docket.letters.iter().map(|l| &**l).collect();
    letters.sort_by(|a, b| a.id.cmp(&b.id));
    let holidays = docket.holidays(as_of);
    for letter in letters {
        let cells = row(docket, letter, as_of, &holidays)
            .into_iter()
            .zip(COLUMNS);
        write(cells.map(|(cell, column)| guarded(cell, column)).collect());
    }
    let bytes = writer.into_inner().expect("flushing to memory cannot fail");
    String::from_utf8(bytes).expect("the CSV writer writes the UTF-8 it is given")
}

/// A text cell that would start a formula with its leading `'`.
fn guarded(cell: String, column: &str) -> String {
    if !is_text(column) {
        return cell;
    }
    match guard(&cell) {
        Cow::Borrowed(_) => cell,
        Cow::Owned(quoted) => quoted,
    }
}

fn row(docket: &Docket, letter: &Letter, as_of: Date, holidays: &Holidays) -> Vec<String> {
    let city = docket.city(&letter.city);
    let date = |d: Option<Date>| d.map_or_else(String::new, |d| d.to_string());
    let number = |n: Option<i64>| n.map_or_else(String::new, |n| n.to_string());
    // A letter not yet sent has no countdown as of the date.
    let sent = letter.is_sent(as_of);
    vec![
        letter.id.clone(),
        letter.city.clone(),
        city.map_or_else(String::new, |c| c.name.clone()),
        city.map_or_else(String::new, |c| c.state.clone()),
        letter.from.clone(),
        letter.to.clone(),
        letter.subject.clone(),
        letter.program.clone().unwrap_or_default(),
        letter.sent.to_string(),
        date(letter.received),
        date(letter.due),
        letter.due_rule.map_or_else(String::new, |rule| rule.cell()),
        date(letter.effective_due(as_of).filter(|_| sent)),
        letter
            .status_with(as_of, &docket.settings)
            .as_str()
            .to_owned(),
        number(letter.days_left(as_of).filter(|_| sent)),
        number(letter.business_days_left(as_of, holidays).filter(|_| sent)),
        letter.demands.join(LIST_SEPARATOR),
        letter.summary.clone(),
        letter.source.clone().unwrap_or_default(),
        letter.tags.join(LIST_SEPARATOR),
        letter.replies_as_of(as_of).len().to_string(),
        letter.extensions_as_of(as_of).len().to_string(),
        date(letter.open_closing().map(|c| c.on)),
        letter
            .open_closing()
            .map_or_else(String::new, |c| c.outcome.clone()),
        letter.matter.clone().unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_has_a_cell_for_every_column() {
        let as_of = "2017-08-10".parse().unwrap();
        let mut docket = Docket::new();
        let mut letter = Letter::new("baltimore", as_of);
        letter.id = "baltimore-2017-08-10".to_owned();
        docket.letters.push(letter.into());
        let holidays = docket.holidays(as_of);
        let cells = row(&docket, &docket.letters[0], as_of, &holidays);
        assert_eq!(cells.len(), COLUMNS.len());
        let text = to_csv(&docket, as_of);
        assert_eq!(text.lines().next().unwrap(), COLUMNS.join(","));
    }
}
