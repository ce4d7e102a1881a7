//! Reading a docket back from JSON as `docket export --format json` writes it.

use std::sync::Arc;

use serde::Deserialize;

use crate::model::{City, Conflict, Docket, Letter, Settings};

use super::RowError;

/// Parses the JSON of a whole docket; a problem names `serde_json`'s line and
/// column (the `RowError`'s line and, in place of a column name, the column
/// number).
pub fn parse(text: &str) -> Result<Docket, RowError> {
    parse_export(text).map(|(docket, _)| docket)
}

/// [`parse`], and whether the export says it left the letters' private
/// notes out (`"private_notes": "omitted"`).
pub fn parse_export(text: &str) -> Result<(Docket, bool), RowError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Export>(text) {
        Ok(export) => {
            let omitted = matches!(export.private_notes, Some(Marker::Omitted));
            check_version(export.version).map(|()| (export.into(), omitted))
        }
        Err(err) => {
            // A newer docket may fail on fields this build does not know: say so.
            if let Ok(probe) = serde_json::from_str::<VersionProbe>(text) {
                check_version(probe.version)?;
            }
            Err(RowError::at_column(
                err.line() as u64,
                err.column(),
                message(&err),
            ))
        }
    }
}

/// The docket as the JSON export writes it: its fields, and whether the
/// private notes were left out (the docket's letters then have none).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Export {
    version: u32,
    #[serde(default)]
    private_notes: Option<Marker>,
    #[serde(default)]
    cities: Vec<City>,
    #[serde(default)]
    letters: Vec<Arc<Letter>>,
    #[serde(default)]
    retired_ids: Vec<String>,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// The export's `private_notes`: `omitted` or `included`.
#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Marker {
    Omitted,
    Included,
}

impl From<Export> for Docket {
    fn from(export: Export) -> Self {
        // A struct literal: a field added to the docket must be read here too.
        Docket {
            version: export.version,
            cities: export.cities,
            letters: export.letters,
            retired_ids: export.retired_ids,
            settings: export.settings,
            conflicts: export.conflicts,
        }
    }
}

/// Reads only the version, ignoring every other field.
#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

fn check_version(version: u32) -> Result<(), RowError> {
    if (1..=Docket::VERSION).contains(&version) {
        return Ok(());
    }
    Err(RowError::at_column(
        1,
        1,
        format!(
            "this is docket format version {version}; this build reads version {}",
            Docket::VERSION
        ),
    ))
}

/// `serde_json`'s message without its trailing ` at line L column C`.
fn message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
