//! Importing letters from CSV or JSON into a docket: every record is checked
//! first and the import is all or nothing. Ids that already exist are never
//! overwritten: they refuse the import, or with `skip_existing` are skipped
//! and reported.
//!
//! Each record is added through the model's own change (`AddCity`,
//! `AddLetter` with its replies, extensions and closing), checked by the very
//! rules the forms and `docket add` are, applied as a [`Batch`] so that an
//! import takes time in proportion to its records.
//!
//! Pure: the caller reads the file, holds the lock and saves the result.

pub mod csv;
pub mod holidays_ics;
pub mod json;

use std::collections::HashMap;
use std::sync::Arc;

use crate::model::{Batch, Change, City, Docket, Invalid, Stamp, Within};

/// A problem at one place in the imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The line (a CSV row is named by the line where it starts); `None` for a
    /// problem with a record as a whole.
    pub line: Option<u64>,
    /// The column: a CSV column name, a JSON column number, or (with no
    /// line) the JSON path of the field at fault, like `$.letters[3].from`.
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

    /// A problem with the field at this JSON path.
    pub(crate) fn at_path(path: String, message: impl Into<String>) -> Self {
        RowError {
            line: None,
            column: Some(path),
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

    /// `FILE:ROW:COLUMN: message`, `FILE:ROW: message`, `FILE:PATH: message`
    /// or `FILE: message`.
    pub fn located(&self, file: &str) -> String {
        match (self.line, &self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}: {}", self.message),
            (Some(line), None) => format!("{file}:{line}: {}", self.message),
            (None, Some(path)) => format!("{file}:{path}: {}", self.message),
            (None, None) => format!("{file}: {}", self.message),
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

/// Adds the cities and letters of a whole docket (a JSON import), each
/// checked as `docket add` checks it; every problem is reported, named by
/// its JSON path. A city identical to one the docket has is not a clash;
/// retired ids are merged. Each record added is logged with `stamp`.
pub fn merge_docket(
    existing: &Docket,
    incoming: Docket,
    skip_existing: bool,
    stamp: &Stamp,
) -> Result<Imported, Refused> {
    let mut batch = Batch::new(existing.clone()).stamped(stamp.clone());
    let mut added = Vec::new();
    let mut clashes = Vec::new();
    let mut errors = Vec::new();
    for (at, city) in incoming.cities.into_iter().enumerate() {
        match batch.city_before(&city.id) {
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
                let named = format!("city {:?}", city.id);
                match batch.apply(Change::AddCity(city)) {
                    Ok(applied) => added.push(("city", applied.id)),
                    Err(invalid) => {
                        errors.push(json_error(&format!("$.cities[{at}]"), &named, &invalid));
                    }
                }
            }
        }
    }
    for (at, letter) in incoming.letters.into_iter().enumerate() {
        if let Some(clash) = letter_clash(&batch, &letter.id) {
            clashes.push(clash);
            continue;
        }
        let named = format!("letter {:?}", letter.id);
        match batch.apply(Change::AddLetter(Arc::unwrap_or_clone(letter))) {
            Ok(applied) => added.push(("letter", applied.id)),
            Err(invalid) => errors.push(json_error(&format!("$.letters[{at}]"), &named, &invalid)),
        }
    }
    if !errors.is_empty() {
        return Err(Refused::Invalid(errors));
    }
    for id in incoming.retired_ids {
        batch.retire(&id);
    }
    finish(batch, added, clashes, skip_existing, Vec::new())
}

/// A refused JSON record, named by the path of the field at fault.
fn json_error(record: &str, named: &str, invalid: &Invalid) -> RowError {
    let field = invalid.field;
    let path = match invalid.within {
        None => format!("{record}.{field}"),
        Some(Within::Reply(at)) => format!("{record}.replies[{at}].{field}"),
        Some(Within::Extension(at)) => format!("{record}.extensions[{at}].{field}"),
        Some(Within::Closing) => format!("{record}.closed.{field}"),
    };
    RowError::at_path(path, format!("{named}: {}", invalid.message))
}

/// Imports a whole docket from JSON text (see [`merge_docket`]).
pub fn import_json(
    existing: &Docket,
    text: &str,
    skip_existing: bool,
    stamp: &Stamp,
) -> Result<Imported, Refused> {
    let (incoming, omitted) =
        json::parse_export(text).map_err(|err| Refused::Invalid(vec![err]))?;
    let mut imported = merge_docket(existing, incoming, skip_existing, stamp)?;
    if omitted {
        imported.notes.push(RowError::record(
            "this export left the letters' private notes out; export with --include-private \
             to bring them along",
        ));
    }
    Ok(imported)
}

/// Imports letters from CSV text (see [`merge_rows`]): every row is checked
/// and every problem reported, in row order.
pub fn import_csv(
    existing: &Docket,
    text: &str,
    skip_existing: bool,
    stamp: &Stamp,
) -> Result<Imported, Refused> {
    let parsed = csv::parse(text);
    merge_rows(existing, parsed.rows, parsed.errors, skip_existing, stamp)
}

/// Adds the letters read from CSV rows, creating the cities they name that
/// the docket lacks, with the checks the forms make. A row with no id gets
/// `<city>-<sent>`. `errors` are the problems found while reading: the other
/// rows are still checked, so that every problem is reported at once.
/// Each record added is logged with `stamp`.
pub fn merge_rows(
    existing: &Docket,
    rows: Vec<csv::Row>,
    mut errors: Vec<RowError>,
    skip_existing: bool,
    stamp: &Stamp,
) -> Result<Imported, Refused> {
    let mut batch = Batch::new(existing.clone()).stamped(stamp.clone());
    let mut added = Vec::new();
    let mut clashes = Vec::new();
    let mut notes = Vec::new();
    let mut created: HashMap<String, (String, String, u64)> = HashMap::new();
    for row in rows {
        if let Some(clash) = letter_clash(&batch, &row.letter.id) {
            clashes.push(clash);
            continue;
        }
        if let Err(err) = ensure_city(&mut batch, &row, &mut created, &mut added) {
            errors.push(err);
            continue;
        }
        let line = row.line;
        match batch.apply(Change::AddLetter(row.letter)) {
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
    finish(batch, added, clashes, skip_existing, notes)
}

fn finish(
    batch: Batch,
    added: Vec<(&'static str, String)>,
    clashes: Vec<Clash>,
    skip_existing: bool,
    notes: Vec<RowError>,
) -> Result<Imported, Refused> {
    if !clashes.is_empty() && !skip_existing {
        return Err(Refused::Clashes(clashes));
    }
    let docket = batch.finish();
    // Every record was checked as it was added: this is a last guard.
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

/// Whether the docket had this letter id before the import.
fn letter_clash(batch: &Batch, id: &str) -> Option<Clash> {
    let reason = if batch.letter_before(id).is_some() {
        format!("letter {id:?} already exists")
    } else if batch.is_retired(id) {
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
    batch: &mut Batch,
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
    if batch.city(id).is_some() {
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
        log: Vec::new(),
    };
    batch.apply(Change::AddCity(city)).map_err(|invalid| {
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
