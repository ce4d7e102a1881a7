//! Reading a docket back from JSON as `docket export --format json` writes it.

use serde::Deserialize;

use crate::model::Docket;

use super::RowError;

/// Parses the JSON of a whole docket; a problem names `serde_json`'s line and
/// column (the `RowError`'s line and, in place of a column name, the column
/// number).
pub fn parse(text: &str) -> Result<Docket, RowError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<Docket>(text) {
        Ok(docket) => check_version(docket.version).map(|()| docket),
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
