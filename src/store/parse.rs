//! Parsing docket RON text: with docket's own reader, else with the ron
//! crate, whose errors are placed on the token at fault.

use serde::Deserialize;

use super::reader;
use crate::model::Docket;

/// A parse error with its 1-based position in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// How many bytes of the big file being loaded (or the last one) have been
/// parsed so far, for a progress bar; files under a few MiB do not count.
pub fn parsed_bytes() -> usize {
    reader::parsed_bytes()
}

/// Parses docket RON text (without a byte-order mark). Checks the version but
/// not the rules between records (see [`Docket::problems`]). docket's own
/// reader reads it (the letters of a big file on several threads); what it
/// does not take, the ron crate parses, and places the error if there is one.
pub fn parse(text: &str) -> Result<Docket, ParseError> {
    match reader::read(text) {
        Some(docket) => check_version(docket.version).map(|()| docket),
        None => parse_whole(text),
    }
    .map(Docket::migrated)
}

/// Parses with the ron crate alone, as [`parse`] does what its own reader
/// does not take: the reference the reader is tested and measured against.
pub fn parse_with_ron(text: &str) -> Result<Docket, ParseError> {
    parse_whole(text).map(Docket::migrated)
}

/// docket's own reader alone: the docket as the ron crate reads it (before
/// migration, its version unchecked), or `None` where it leaves the text to
/// the ron crate. For tests and benchmarks.
pub fn read_fast(text: &str) -> Option<Docket> {
    reader::read(text)
}

/// Parses the text in one piece: the reference, and the road to every error.
fn parse_whole(text: &str) -> Result<Docket, ParseError> {
    match ron::from_str::<Docket>(text) {
        Ok(docket) => check_version(docket.version).map(|()| docket),
        Err(err) => {
            // A newer file may fail on fields this build does not know: say so.
            if let Ok(probe) = ron::from_str::<VersionProbe>(text) {
                check_version(probe.version)?;
            }
            let (line, column) = skip_whitespace(text, err.span.start.line, err.span.start.col);
            Err(ParseError {
                line,
                column,
                message: sentence(&err.code.to_string()),
            })
        }
    }
}

/// Reads only the version, ignoring fields a newer docket may have added.
#[derive(Deserialize)]
#[serde(rename = "Docket")]
struct VersionProbe {
    version: u32,
}

fn check_version(version: u32) -> Result<(), ParseError> {
    let message = if version > Docket::VERSION {
        format!(
            "this file is docket format version {version}, newer than this build reads \
             (version {}); update docket to open it",
            Docket::VERSION
        )
    } else if version == 0 {
        format!(
            "version 0 is not a docket format version (this build reads version {})",
            Docket::VERSION
        )
    } else {
        return Ok(());
    };
    Err(ParseError {
        line: 1,
        column: 1,
        message,
    })
}

/// ron places some errors on the whitespace before the bad token (or before
/// trailing characters): move on to the token itself.
fn skip_whitespace(text: &str, line: usize, column: usize) -> (usize, usize) {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let (mut line, mut column) = (line, column);
    for c in text[start..].chars().skip(column.saturating_sub(1)) {
        match c {
            '\n' => (line, column) = (line + 1, 1),
            c if c.is_whitespace() => column += 1,
            _ => break,
        }
    }
    (line, column)
}

/// Lower-cases the first letter of ron's messages so they read as part of a sentence.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(|c| c.is_lowercase()) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_part_of_a_sentence() {
        assert_eq!(sentence("Unexpected end of RON"), "unexpected end of RON");
        assert_eq!(sentence("RON is odd"), "RON is odd");
    }
}
