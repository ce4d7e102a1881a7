//! Importing letters from CSV or JSON into a docket: every record is checked
//! first and the import is all or nothing. Ids that already exist are never
//! overwritten: they refuse the import, or with `skip_existing` are skipped
//! and reported.
//!
//! Pure: the caller reads the file, holds the lock and saves the result.

pub mod csv;
pub mod json;

use std::collections::HashMap;

use crate::model::{Change, City, Docket};

/// A problem at one place in the imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line (a CSV row is named by the line where it starts); `None` for a
    /// problem with a record as a whole.
    pub line: Option<u64>,
    /// The column: a CSV column name, or a JSON column number.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl RowError {
    pub(crate) fn new(line: u64, column: Option<&str>, message: impl Into<String>) -> Self {
        RowError {
            line: Some(line),
            column: column.map(str::to_owned),
            message: message.into(),
        }
    }

    pub(crate) fn at_column(line: u64, column: usize, message: impl Into<String>) -> Self {
        RowError {
            line: Some(line),
            column: Some(column.to_string()),
            message: message.into(),
        }
    }

    fn record(message: impl Into<String>) -> Self {
        RowError {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// `FILE:ROW:COLUMN: message`, `FILE:ROW: message` or `FILE: message`.
    pub fn located(&self, file: &str) -> String {
        match (self.line, &self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}: {}", self.message),
            (Some(line), None) => format!("{file}:{line}: {}", self.message),
            (None, _) => format!("{file}: {}", self.message),
        }
    }
}

/// A record whose id the docket already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    /// `city` or `letter`.
    pub record: &'static str,
    /// The id.
    pub id: String,
    /// Why it cannot be imported, as a sentence fragment.
    pub reason: String,
}

/// An import that can be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The docket with the records added.
    pub docket: Docket,
    /// The records added, as (`city` or `letter`, id), in the order added.
    pub added: Vec<(&'static str, String)>,
    /// The records skipped because their ids exist.
    pub skipped: Vec<Clash>,
    /// Things worth saying that do not stop the import.
    pub notes: Vec<RowError>,
}

/// Why nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Ids that already exist (and `skip_existing` was not asked for).
    Clashes(Vec<Clash>),
    /// Records that break a rule.
    Invalid(Vec<RowError>),
}

/// Adds the cities and letters of a whole docket (a JSON import). A city
/// identical to one the docket has is not a clash; retired ids are merged.
pub fn merge_docket(
    existing: &Docket,
    incoming: Docket,
    skip_existing: bool,
) -> Result<Imported, Refused> {
    let mut docket = existing.clone();
    let mut added = Vec::new();
    let mut clashes = Vec::new();
    for city in incoming.cities {
        match existing.city(&city.id) {
            Some(same) if *same == city => {}
            Some(_) => clashes.push(Clash {
                record: "city",
                reason: format!(
                    "city {:?} already exists with a different name, state or notes",
                    city.id
                ),
                id: city.id,
            }),
            None => {
                added.push(("city", city.id.clone()));
                docket.cities.push(city);
            }
        }
    }
    for letter in incoming.letters {
        match letter_clash(existing, &letter.id) {
            Some(clash) => clashes.push(clash),
            None => {
                added.push(("letter", letter.id.clone()));
                docket.letters.push(letter);
            }
        }
    }
    for id in incoming.retired_ids {
        if docket.letter(&id).is_none() && !docket.retired_ids.contains(&id) {
            docket.retired_ids.push(id);
        }
    }
    docket.retired_ids.sort();
    finish(docket, added, clashes, skip_existing, Vec::new())
}

/// Imports a whole docket from JSON text (see [`merge_docket`]).
pub fn import_json(
    existing: &Docket,
    text: &str,
    skip_existing: bool,
) -> Result<Imported, Refused> {
    let incoming = json::parse(text).map_err(|err| Refused::Invalid(vec![err]))?;
    merge_docket(existing, incoming, skip_existing)
}

/// Imports letters from CSV text (see [`merge_rows`]): every row is checked
/// and every problem reported, in row order.
pub fn import_csv(existing: &Docket, text: &str, skip_existing: bool) -> Result<Imported, Refused> {
    let parsed = csv::parse(text);
    merge_rows(existing, parsed.rows, parsed.errors, skip_existing)
}

/// Adds the letters read from CSV rows, creating the cities they name that
/// the docket lacks, with the checks the forms make. A row with no id gets
/// `<city>-<sent>`. `errors` are the problems found while reading: the other
/// rows are still checked, so that every problem is reported at once.
pub fn merge_rows(
    existing: &Docket,
    rows: Vec<csv::Row>,
    mut errors: Vec<RowError>,
    skip_existing: bool,
) -> Result<Imported, Refused> {
    let mut docket = existing.clone();
    let mut added = Vec::new();
    let mut clashes = Vec::new();
    let mut notes = Vec::new();
    let mut created: HashMap<String, (String, String, u64)> = HashMap::new();
    for row in rows {
        if let Some(clash) = letter_clash(existing, &row.letter.id) {
            clashes.push(clash);
            continue;
        }
        if let Err(err) = ensure_city(&mut docket, &row, &mut created, &mut added) {
            errors.push(err);
            continue;
        }
        let line = row.line;
        match docket.apply(Change::AddLetter(row.letter)) {
            Ok(applied) => added.push(("letter", applied.id)),
            Err(invalid) => errors.push(RowError::new(
                line,
                Some(column_of(invalid.field)),
                invalid.message,
            )),
        }
        if row.left_behind > 0 {
            notes.push(RowError::new(
                line,
                None,
                format!(
                    "the exported letter had replies or extensions ({} in all), which CSV \
                     does not carry; import the JSON export to keep them",
                    row.left_behind
                ),
            ));
        }
    }
    if !errors.is_empty() {
        // The header's problems first, then row by row (stable within a row).
        errors.sort_by_key(|e| e.line.unwrap_or(u64::MAX));
        return Err(Refused::Invalid(errors));
    }
    finish(docket, added, clashes, skip_existing, notes)
}

fn finish(
    mut docket: Docket,
    added: Vec<(&'static str, String)>,
    clashes: Vec<Clash>,
    skip_existing: bool,
    notes: Vec<RowError>,
) -> Result<Imported, Refused> {
    if !clashes.is_empty() && !skip_existing {
        return Err(Refused::Clashes(clashes));
    }
    docket.cities.sort_by(|a, b| a.id.cmp(&b.id));
    docket.letters.sort_by(|a, b| a.id.cmp(&b.id));
    let problems = docket.problems();
    if !problems.is_empty() {
        let errors = problems.iter().map(|p| RowError::record(p.to_string()));
        return Err(Refused::Invalid(errors.collect()));
    }
    Ok(Imported {
        docket,
        added,
        skipped: clashes,
        notes,
    })
}

fn letter_clash(existing: &Docket, id: &str) -> Option<Clash> {
    let reason = if existing.letter(id).is_some() {
        format!("letter {id:?} already exists")
    } else if existing.retired_ids.iter().any(|r| r == id) {
        format!("letter id {id:?} belonged to a deleted letter and is never reused")
    } else {
        return None;
    };
    Some(Clash {
        record: "letter",
        id: id.to_owned(),
        reason,
    })
}

/// Makes sure the row's city exists, creating it from `city_name` and
/// `state`; rows naming a city they create must agree on them.
fn ensure_city(
    docket: &mut Docket,
    row: &csv::Row,
    created: &mut HashMap<String, (String, String, u64)>,
    added: &mut Vec<(&'static str, String)>,
) -> Result<(), RowError> {
    let id = &row.letter.city;
    if let Some((name, state, line)) = created.get(id) {
        let differs = |given: &str, first: &str| !given.is_empty() && given != first;
        for (column, given, first) in [
            ("city_name", &row.city_name, name),
            ("state", &row.state, state),
        ] {
            if differs(given, first) {
                return Err(RowError::new(
                    row.line,
                    Some(column),
                    format!("{given:?} differs from {first:?} given for city {id:?} on row {line}"),
                ));
            }
        }
        return Ok(());
    }
    if docket.city(id).is_some() {
        return Ok(());
    }
    if row.city_name.trim().is_empty() {
        return Err(RowError::new(
            row.line,
            Some("city_name"),
            format!("there is no city {id:?}; give its name in city_name to create it"),
        ));
    }
    let city = City {
        id: id.clone(),
        name: row.city_name.clone(),
        state: row.state.clone(),
        notes: String::new(),
    };
    docket.apply(Change::AddCity(city)).map_err(|invalid| {
        RowError::new(
            row.line,
            Some(city_column_of(invalid.field)),
            invalid.message,
        )
    })?;
    created.insert(
        id.clone(),
        (row.city_name.clone(), row.state.clone(), row.line),
    );
    added.push(("city", id.clone()));
    Ok(())
}

/// The CSV column for a letter form field.
fn column_of(field: &str) -> &str {
    match field {
        "on" => "closed_on",
        field => field,
    }
}

/// The CSV column for a city form field.
fn city_column_of(field: &str) -> &str {
    match field {
        "id" => "city",
        "name" => "city_name",
        field => field,
    }
}
