//! The whole docket as JSON, lossless: `docket import --format json` reads it
//! back into the same docket.

use crate::model::Docket;

/// Pretty JSON of every record, cities and letters in id order (the order the
/// data file keeps), ending with a newline. Not filtered by any date.
#[allow(
    clippy::expect_used,
    reason = "a docket holds only strings, dates and lists"
)]
pub fn to_json(docket: &Docket) -> String {
    let mut ordered = docket.clone();
    ordered.cities.sort_by(|a, b| a.id.cmp(&b.id));
    ordered.letters.sort_by(|a, b| a.id.cmp(&b.id));
    let mut text = serde_json::to_string_pretty(&ordered)
        .expect("a docket always serializes: it holds only strings, dates and lists");
    text.push('\n');
    text
}
