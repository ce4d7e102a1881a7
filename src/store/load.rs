//! Reading the data file: its bytes checked for damage, parsed, and its
//! records checked, each refusal naming the place in the file.

use std::io;
use std::path::Path;

use super::disk::read_bounded;
use super::hash::Fingerprint;
use super::{StoreError, parse};
use crate::model::{Docket, Problem};

/// Loads the data file without locking it, for reading. `Ok(None)` means the
/// file does not exist (a first run); anything else that is not a valid
/// docket is an error.
pub fn load(path: &Path) -> Result<Option<Docket>, StoreError> {
    read_if_there(path)?
        .map(|bytes| decode(path, &bytes))
        .transpose()
}

/// The docket and the file's fingerprint, for a store.
pub(super) fn read(path: &Path) -> Result<Option<(Docket, Fingerprint)>, StoreError> {
    // The time is taken before the bytes are read: a version that replaces
    // them meanwhile then has another time, and is read at the next look.
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let Some(bytes) = read_if_there(path)? else {
        return Ok(None);
    };
    let docket = decode(path, &bytes)?;
    Ok(Some((docket, Fingerprint::read(modified, &bytes))))
}

/// The file's bytes, or `None` when it does not exist (a first run).
fn read_if_there(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match read_bounded(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(err),
    }
}

/// Turns the file's bytes into a docket, or an error naming the place.
fn decode(path: &Path, bytes: &[u8]) -> Result<Docket, StoreError> {
    let text = text_of(path, bytes)?;
    let at = |line, column, message| StoreError::Parse {
        path: path.to_owned(),
        line,
        column,
        message,
    };
    let docket = parse(text).map_err(|err| at(err.line, err.column, err.message))?;
    if let Some(problem) = docket.problems().first() {
        let (line, column) = locate_record(text, problem);
        return Err(at(line, column, problem.to_string()));
    }
    Ok(docket)
}

/// The file's text, unless it is empty or damaged: only NULs, UTF-16, a raw
/// NUL (docket writes one as `\0`), or not UTF-8.
fn text_of<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, StoreError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(StoreError::invalid(
            path,
            "is empty; a docket file starts with Docket(version: 1, ...). \
             Delete it to start from the sample, or run `docket init --empty`",
        ));
    }
    if bytes.iter().all(|b| *b == 0) {
        return Err(StoreError::invalid(
            path,
            "holds only NUL bytes (perhaps the disk or a copy failed); restore it from the .bak file",
        ));
    }
    let damaged = |at: usize, message: &str| {
        let (line, column) = position_of(&bytes[..at]);
        StoreError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: message.to_owned(),
        }
    };
    let utf16 = bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bytes.len() >= 4
            && (bytes[..4].iter().step_by(2).all(|b| *b == 0)
                || bytes[1..4].iter().step_by(2).all(|b| *b == 0));
    if utf16 {
        return Err(damaged(
            0,
            "the file is UTF-16 text; docket reads UTF-8 (convert it, e.g. with iconv -f UTF-16 -t UTF-8)",
        ));
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(damaged(
            at,
            "holds NUL bytes here (perhaps the disk or a copy failed); restore it from the .bak file",
        ));
    }
    std::str::from_utf8(bytes)
        .map_err(|err| damaged(err.valid_up_to(), "the file is not valid UTF-8 text"))
}

/// The 1-based line and column just after `prefix`.
fn position_of(prefix: &[u8]) -> (usize, usize) {
    let line = memchr::memchr_iter(b'\n', prefix).count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Where the record a problem concerns is in the text: the last place its id
/// appears as docket writes it (for a duplicate, the second copy), else the
/// start of the file.
fn locate_record(text: &str, problem: &Problem) -> (usize, usize) {
    let record = if problem.record == "city" {
        "City("
    } else {
        "Letter("
    };
    let quoted = ron::to_string(&problem.id).unwrap_or_default();
    let needle = format!("id: {quoted}");
    // The id is a record's first field, so its opener comes right before it.
    let best = text
        .match_indices(&needle)
        .map(|(at, _)| at)
        .filter(|at| text[..*at].trim_end().ends_with(record))
        .last();
    best.map_or((1, 1), |at| position_of(&text.as_bytes()[..at]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        assert_eq!(position_of(b""), (1, 1));
        assert_eq!(position_of(b"ab\ncd"), (2, 3));
        assert_eq!(position_of("é\n".as_bytes()), (2, 1));
    }
}
