//! Reading letters back from CSV as `docket export --format csv` writes it.
//! The columns computed as of the export date (status, days left...) are
//! accepted and ignored.
//!
//! Every row is checked before anything is imported; each problem names the
//! row (the line in the file where the record starts) and the column.

use std::collections::HashMap;

use csv::StringRecord;

use crate::csv_layout::{COLUMNS, LIST_SEPARATOR, is_text, unguard};
use crate::model::{Closing, Date, DueRule, Letter};

use super::RowError;

/// Columns a row cannot do without.
pub const REQUIRED_COLUMNS: [&str; 6] = ["id", "city", "from", "to", "subject", "sent"];

/// One letter read from a row, with the city columns that create its city
/// when the docket has none with that id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The line where the record starts (the header is line 1).
    pub line: u64,
    /// The letter; an empty id asks docket to give it one.
    pub letter: Letter,
    /// The `city_name` column.
    pub city_name: String,
    /// The `state` column.
    pub state: String,
    /// Replies and extensions the exported letter had, which CSV does not carry.
    pub left_behind: usize,
}

/// The rows read from a CSV text, and the problems of the rows that could
/// not be read (those rows are left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The rows that read cleanly.
    pub rows: Vec<Row>,
    /// Every problem found, in file order.
    pub errors: Vec<RowError>,
}

/// Parses the whole text, going on past bad rows to report them all.
pub fn parse(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(err) => return Parsed::failed(vec![csv_error(&err)]),
    };
    let columns = match Columns::new(&header) {
        Ok(columns) => columns,
        Err(errors) => return Parsed::failed(errors),
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => match columns.row(&record) {
                Ok(row) => rows.push(row),
                Err(mut row_errors) => errors.append(&mut row_errors),
            },
            Err(err) => errors.push(csv_error(&err)),
        }
    }
    let rows = without_duplicate_ids(rows, &mut errors);
    Parsed { rows, errors }
}

impl Parsed {
    fn failed(errors: Vec<RowError>) -> Self {
        Parsed {
            rows: Vec::new(),
            errors,
        }
    }
}

fn csv_error(err: &csv::Error) -> RowError {
    let line = err.position().map_or(1, |p| p.line());
    let message = match err.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} fields but the header has {expected_len}"),
        _ => err.to_string(),
    };
    RowError::new(line, None, message)
}

/// Leaves out the rows that repeat an earlier row's id, reporting them.
fn without_duplicate_ids(rows: Vec<Row>, errors: &mut Vec<RowError>) -> Vec<Row> {
    let mut first: HashMap<String, u64> = HashMap::new();
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        if row.letter.id.is_empty() {
            kept.push(row);
        } else if let Some(line) = first.get(&row.letter.id) {
            errors.push(RowError::new(
                row.line,
                Some("id"),
                format!("letter id {:?} is also on row {line}", row.letter.id),
            ));
        } else {
            first.insert(row.letter.id.clone(), row.line);
            kept.push(row);
        }
    }
    kept
}

/// Where each known column is in the file.
struct Columns {
    at: HashMap<&'static str, usize>,
}

impl Columns {
    fn new(header: &StringRecord) -> Result<Self, Vec<RowError>> {
        let mut at = HashMap::new();
        let mut errors = Vec::new();
        for (index, name) in header.iter().enumerate() {
            let name = name.trim();
            match COLUMNS.iter().find(|c| **c == name) {
                Some(column) if at.insert(*column, index).is_some() => errors.push(RowError::new(
                    1,
                    Some(column),
                    "the column appears twice in the header",
                )),
                Some(_) => {}
                None => errors.push(RowError::new(
                    1,
                    None,
                    format!("unknown column {name:?} (known: {})", COLUMNS.join(", ")),
                )),
            }
        }
        for column in REQUIRED_COLUMNS.iter().filter(|c| !at.contains_key(*c)) {
            errors.push(RowError::new(
                1,
                Some(column),
                "the header has no such column",
            ));
        }
        if errors.is_empty() {
            Ok(Columns { at })
        } else {
            Err(errors)
        }
    }

    fn row(&self, record: &StringRecord) -> Result<Row, Vec<RowError>> {
        let cells = Cells {
            columns: self,
            record,
            line: record.position().map_or(0, |p| p.line()),
        };
        let mut errors = Vec::new();
        let sent = cells.date("sent", true, &mut errors);
        let due = cells.date("due", false, &mut errors);
        let received = cells.date("received", false, &mut errors);
        let rule = Some(cells.get("due_rule").trim()).filter(|r| !r.is_empty());
        let due_rule = rule.and_then(|rule| {
            DueRule::from_cell(rule)
                .map_err(|message| errors.push(cells.error("due_rule", message)))
                .ok()
        });
        let closed_on = cells.date("closed_on", false, &mut errors);
        if cells.get("city").trim().is_empty() {
            errors.push(cells.error("city", "a letter needs a city id"));
        }
        if !cells.get("outcome").is_empty() && cells.get("closed_on").trim().is_empty() {
            errors.push(cells.error("outcome", "an outcome needs a closed_on date"));
        }
        match sent.filter(|_| errors.is_empty()) {
            Some(sent) => {
                let mut row = cells.into_row(sent, due, closed_on);
                (row.letter.received, row.letter.due_rule) = (received, due_rule);
                Ok(row)
            }
            None => Err(errors),
        }
    }
}

/// One record's cells, by column name.
struct Cells<'a> {
    columns: &'a Columns,
    record: &'a StringRecord,
    line: u64,
}

impl Cells<'_> {
    /// The cell in `column`; empty when the file has no such column. A
    /// text cell comes without the quote export put before a formula.
    fn get(&self, column: &str) -> &str {
        let cell = (self.columns.at.get(column))
            .and_then(|i| self.record.get(*i))
            .unwrap_or("");
        if is_text(column) { unguard(cell) } else { cell }
    }

    fn error(&self, column: &str, message: impl Into<String>) -> RowError {
        RowError::new(self.line, Some(column), message)
    }

    fn date(&self, column: &str, required: bool, errors: &mut Vec<RowError>) -> Option<Date> {
        parse_date(self.get(column).trim(), required)
            .map_err(|message| errors.push(self.error(column, message)))
            .ok()
            .flatten()
    }

    /// The row, once its dates have been checked.
    fn into_row(self, sent: Date, due: Option<Date>, closed_on: Option<Date>) -> Row {
        let cell = |column| self.get(column).to_owned();
        let left_behind = ["replies", "extensions"]
            .iter()
            .filter_map(|c| self.get(c).trim().parse::<usize>().ok())
            .sum();
        let letter = Letter {
            id: self.get("id").trim().to_owned(),
            from: cell("from"),
            to: cell("to"),
            subject: cell("subject"),
            program: optional(self.get("program")),
            due,
            demands: list(self.get("demands")),
            summary: cell("summary"),
            source: optional(self.get("source")),
            tags: list(self.get("tags")),
            matter: optional(self.get("matter")).map(|m| m.trim().to_owned()),
            closings: (closed_on.map(|on| Closing {
                id: String::new(),
                on,
                outcome: cell("outcome"),
                reopened_on: None,
            }))
            .into_iter()
            .collect(),
            ..Letter::new(self.get("city").trim(), sent)
        };
        Row {
            line: self.line,
            letter,
            city_name: cell("city_name"),
            state: cell("state"),
            left_behind,
        }
    }
}

fn parse_date(text: &str, required: bool) -> Result<Option<Date>, String> {
    if text.is_empty() {
        return if required {
            Err("a date is required here (YYYY-MM-DD)".to_owned())
        } else {
            Ok(None)
        };
    }
    Date::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .map(Some)
        .ok_or_else(|| format!("{text:?} is not a date (expected YYYY-MM-DD)"))
}

fn optional(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

fn list(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split(LIST_SEPARATOR).map(str::to_owned).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_optional_cells_read_back_what_export_writes() {
        assert_eq!(list(""), Vec::<String>::new());
        assert_eq!(list("a | b|c"), ["a", "b|c"]);
        assert_eq!(optional(""), None);
        assert_eq!(optional(" x"), Some(" x".to_owned()));
    }

    #[test]
    fn a_byte_order_mark_and_derived_columns_are_accepted() {
        let text = "\u{feff}id,city,from,to,subject,sent,status,days_left\n\
                    a,b,c,d,e,2017-08-03,overdue,-3\n";
        let parsed = parse(text);
        assert_eq!(parsed.errors, []);
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].line, 2);
        assert_eq!(parsed.rows[0].letter.sent.to_string(), "2017-08-03");
    }

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date("", false), Ok(None));
        assert!(parse_date("", true).is_err());
        for bad in ["2017-8-3", "2017-02-29", "today", "+7d", "2017-08-03x"] {
            assert!(parse_date(bad, false).is_err(), "{bad}");
        }
    }
}
