//! The whole docket as JSON, lossless when the private notes are included:
//! `docket import --format json` reads it back into the same docket.

use std::sync::Arc;

use serde::Serialize;

use super::Outgoing;
use crate::model::{City, Conflict, Docket, Letter, Settings};

/// The JSON export: the docket's fields, and after the version whether the
/// letters' private notes were left out (`omitted`) or kept (`included`).
#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    private_notes: &'static str,
    cities: &'a [City],
    letters: &'a [Arc<Letter>],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    retired_ids: &'a [String],
    #[serde(skip_serializing_if = "Settings::is_default")]
    settings: &'a Settings,
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
}

/// Pretty JSON of every record, cities and letters in id order (the order the
/// data file keeps), ending with a newline. Not filtered by any date.
#[allow(
    clippy::expect_used,
    reason = "a docket holds only strings, dates and lists"
)]
pub fn to_json(docket: &Outgoing) -> String {
    let mut ordered = Docket::clone(docket);
    ordered.cities.sort_by(|a, b| a.id.cmp(&b.id));
    ordered.letters.sort_by(|a, b| a.id.cmp(&b.id));
    // Every field named: one added to the docket must be added here too.
    let Docket {
        version,
        cities,
        letters,
        retired_ids,
        settings,
        conflicts,
    } = &ordered;
    let export = Export {
        version: *version,
        private_notes: docket.private_notes().as_str(),
        cities,
        letters,
        retired_ids,
        settings,
        conflicts,
    };
    let mut text = serde_json::to_string_pretty(&export)
        .expect("a docket always serializes: it holds only strings, dates and lists");
    text.push('\n');
    text
}
