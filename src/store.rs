//! Load, save, lock and back up the docket's RON file.
//!
//! Saving is atomic and durable: the new contents go to a temporary file in
//! the same folder, which is synced and renamed over the data file, and then
//! the folder is synced. The previous version is kept as `<file>.bak`. One
//! writer at a time holds an advisory lock on `<file>.lock`. A file that
//! failed to load cannot be written: a [`Store`] exists only after a
//! successful load.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::model::{City, Docket, Letter, Problem};

mod disk;
mod parse;
mod ron_writer;
mod split;

pub use self::disk::write_atomically;
use self::disk::{
    ContentHash, Fingerprint, Hashing, lock, no_file_in_the_way, parent, read_bounded,
    resolve_symlinks, temp_prefix, write_atomically_with,
};
use self::parse::parse_whole;
pub use self::parse::{ParseError, parse, parsed_bytes};

/// The sample docket compiled into the binary: the four letters of 2017-08-03.
pub const SAMPLE: &str = include_str!("../assets/sample.ron");

/// The bundled sample, parsed.
pub fn sample() -> Docket {
    #[allow(clippy::expect_used)] // A test proves the bundled sample parses.
    parse(SAMPLE).expect("the bundled sample is a valid docket")
}

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why the data file could not be loaded or saved. Each reads as one sentence
/// that names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not valid docket RON.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        /// The data file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The file cannot be used as it is (empty, too large, from a newer
    /// version, or its records break a rule).
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The data file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file operation failed.
    #[error("{}: could not {action}: {source}", path.display())]
    Io {
        /// The file the operation was on.
        path: PathBuf,
        /// What docket was doing, such as "write the temporary file".
        action: &'static str,
        /// The operating system's error.
        source: io::Error,
    },
    /// The file changed on disk since docket read it; it was not overwritten.
    #[error(
        "{} changed on disk since docket read it; not saved, so nothing of the other change is lost",
        path.display()
    )]
    Changed {
        /// The data file.
        path: PathBuf,
    },
    /// Another docket holds the write lock.
    #[error(
        "{} is open in another docket (it holds {}); close it there or open this one read-only",
        path.display(),
        lock.display()
    )]
    Locked {
        /// The data file.
        path: PathBuf,
        /// The lock file held by the other process.
        lock: PathBuf,
    },
}

impl StoreError {
    fn io(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError + use<> {
        let path = path.to_owned();
        move |source| StoreError::Io {
            path,
            action,
            source,
        }
    }

    fn invalid(path: &Path, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            path: path.to_owned(),
            message: message.into(),
        }
    }
}

/// The backup kept beside a data file: `<file>.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// The lock file beside a data file: `<file>.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    with_suffix(path, ".lock")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The docket as written: cities and letters by id, so that copies diff cleanly.
#[derive(Serialize)]
#[serde(rename = "Docket")]
struct Ordered<'a> {
    version: u32,
    cities: Vec<&'a City>,
    letters: Vec<&'a Letter>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    retired_ids: &'a [String],
}

/// Writes the docket as pretty RON in its stable order (cities and letters by
/// id), ending in a newline. A hand-written writer: the same bytes as
/// [`to_ron_serde`], several times faster.
pub fn to_ron(docket: &Docket) -> String {
    ron_writer::to_ron(docket)
}

/// The same text as [`to_ron`], written through serde by the ron crate's
/// pretty serializer: the reference the fast writer is tested against.
pub fn to_ron_serde(docket: &Docket) -> String {
    let mut cities: Vec<&City> = docket.cities.iter().collect();
    cities.sort_by(|a, b| a.id.cmp(&b.id));
    let mut letters: Vec<&Letter> = docket.letters.iter().map(|l| &**l).collect();
    letters.sort_by(|a, b| a.id.cmp(&b.id));
    let ordered = Ordered {
        version: docket.version,
        cities,
        letters,
        retired_ids: &docket.retired_ids,
    };
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let mut text = ron::ser::to_string_pretty(&ordered, config)
        .expect("a docket always serializes: it holds only strings, dates and lists");
    text.push('\n');
    text
}

/// Loads the data file without locking it, for reading. `Ok(None)` means the
/// file does not exist (a first run); anything else that is not a valid
/// docket is an error.
pub fn load(path: &Path) -> Result<Option<Docket>, StoreError> {
    read_if_there(path)?
        .map(|bytes| decode(path, &bytes))
        .transpose()
}

/// The docket and the file's fingerprint, for a store.
fn read(path: &Path) -> Result<Option<(Docket, Fingerprint)>, StoreError> {
    let Some(bytes) = read_if_there(path)? else {
        return Ok(None);
    };
    let docket = decode(path, &bytes)?;
    Ok(Some((docket, Fingerprint::of(path, &bytes))))
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
    // docket writes a NUL as \0, never raw: a raw one means damage.
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(damaged(
            at,
            "holds NUL bytes here (perhaps the disk or a copy failed); restore it from the .bak file",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let (line, column) = position_of(&bytes[..err.valid_up_to()]);
        StoreError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: "the file is not valid UTF-8 text".to_owned(),
        }
    })?;
    let docket = parse(text).map_err(|err| StoreError::Parse {
        path: path.to_owned(),
        line: err.line,
        column: err.column,
        message: err.message,
    })?;
    if let Some(problem) = docket.problems().first() {
        let (line, column) = locate_record(text, problem);
        return Err(StoreError::Parse {
            path: path.to_owned(),
            line,
            column,
            message: problem.to_string(),
        });
    }
    Ok(docket)
}

/// The 1-based line and column just after `prefix`.
fn position_of(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|b| **b == b'\n').count() + 1;
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

/// The data file, locked for writing by this process.
///
/// Only [`Store::open`] makes one, and only after the file loaded (or is
/// missing), so a file that failed to load is never written.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    target: PathBuf,
    seen: Option<Fingerprint>,
    _lock: File,
}

impl Store {
    /// Locks the data file for writing and loads it. Returns the store and
    /// the docket, or `None` when the file does not exist yet.
    pub fn open(path: &Path) -> Result<(Store, Option<Docket>), StoreError> {
        let target = resolve_symlinks(path)?;
        if let Some(dir) = parent(&target) {
            no_file_in_the_way(&target)?;
            fs::create_dir_all(dir).map_err(StoreError::io(dir, "create the data folder"))?;
        }
        let lock = lock(&target)?;
        let loaded = read(&target)?;
        let store = Store {
            path: path.to_owned(),
            target,
            seen: loaded.as_ref().map(|(_, seen)| seen.clone()),
            _lock: lock,
        };
        store.remove_stale_temporaries();
        Ok((store, loaded.map(|(docket, _)| docket)))
    }

    /// The data file's path as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves the docket atomically and durably, keeping the previous version
    /// as `<file>.bak`. Refused when the records break a rule, or when the
    /// file changed on disk since this store last read or wrote it (someone
    /// else's edit is never clobbered). On error the data file is unchanged.
    pub fn save(&mut self, docket: &Docket) -> Result<(), StoreError> {
        self.check(docket)?;
        self.write(|out| ron_writer::write(docket, out))
    }

    /// As [`Store::save`], for a snapshot shared with the interface (on a
    /// thread of the save's own): the save first takes a copy of its own
    /// (the letters are shared: this copies pointers) and lets the snapshot
    /// go, so that a change made in the interface meanwhile copies nothing.
    pub fn save_shared(&mut self, snapshot: Arc<Docket>) -> Result<(), StoreError> {
        let docket = Docket::clone(&snapshot);
        drop(snapshot);
        self.save(&docket)
    }

    /// The checks before a save.
    fn check(&mut self, docket: &Docket) -> Result<(), StoreError> {
        // Never write a file that would then fail to load.
        if let Some(problem) = docket.problems().first() {
            return Err(StoreError::invalid(
                &self.path,
                format!("not saved: {problem}"),
            ));
        }
        if self.changed_on_disk()? {
            return Err(StoreError::Changed {
                path: self.path.clone(),
            });
        }
        Ok(())
    }

    /// Writes the new version, remembering its fingerprint.
    fn write(
        &mut self,
        text: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), StoreError> {
        let mut hash = ContentHash::default();
        write_atomically_with(&self.target, true, |out| {
            text(&mut Hashing {
                out,
                hash: &mut hash,
            })
        })?;
        self.seen = Some(Fingerprint::hashed(&self.target, &hash));
        Ok(())
    }

    /// Reads the file again, for after someone else changed it.
    pub fn reload(&mut self) -> Result<Option<Docket>, StoreError> {
        let loaded = read(&self.target)?;
        self.seen = loaded.as_ref().map(|(_, seen)| seen.clone());
        Ok(loaded.map(|(docket, _)| docket))
    }

    /// Writes the docket beside the data file as `<file>.<suffix>` (for a
    /// copy that could not be saved over a changed file), returning its path.
    pub fn save_copy(&self, docket: &Docket, suffix: &str) -> Result<PathBuf, StoreError> {
        let copy = with_suffix(&self.target, &format!(".{suffix}"));
        write_atomically(&copy, to_ron(docket).as_bytes(), false)?;
        Ok(copy)
    }

    /// Whether the file differs from what this store last read or wrote: by
    /// size and modification time, confirmed by content hash (so a mere
    /// touch is not a change).
    pub fn changed_on_disk(&mut self) -> Result<bool, StoreError> {
        let meta = match fs::metadata(&self.target) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(self.seen.is_some()),
            Err(err) => {
                return Err(StoreError::io(&self.target, "read the data file's size")(
                    err,
                ));
            }
        };
        let Some(seen) = &mut self.seen else {
            return Ok(true);
        };
        if seen.len == meta.len() && seen.modified == meta.modified().ok() {
            return Ok(false);
        }
        let bytes = read_bounded(&self.target)?;
        if ContentHash::of(&bytes).finish() != seen.hash {
            return Ok(true);
        }
        seen.len = meta.len();
        seen.modified = meta.modified().ok();
        Ok(false)
    }

    /// Temporary files left by a save that was killed (the new version, or
    /// the backup being staged): we hold the lock, so no save of ours is
    /// under way and they can go.
    fn remove_stale_temporaries(&self) {
        let _ = fs::remove_file(with_suffix(&backup_path(&self.target), ".tmp"));
        let dir = parent(&self.target).unwrap_or(Path::new("."));
        let prefix = temp_prefix(&self.target);
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
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
