//! Load, save, lock and back up the docket's RON file.
//!
//! Saving is atomic and durable: the new contents go to a temporary file in
//! the same folder, which is synced and renamed over the data file, and then
//! the folder is synced. The previous version is kept as `<file>.bak`. One
//! writer at a time holds an advisory lock on `<file>.lock`, only while it
//! writes (a command: while it reads, changes and writes); nobody holds it
//! to read. A file that failed to load cannot be written: a [`Store`] exists
//! only after a successful load.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::{City, Conflict, Docket, Letter, Settings};

mod access;
mod disk;
mod error;
mod hash;
mod live;
mod load;
mod lock;
mod parse;
mod reader;
mod ron_writer;
mod write;

use self::disk::{no_file_in_the_way, not_special, parent, read_bounded, resolve_symlinks};
pub use self::error::StoreError;
use self::hash::{ContentHash, Fingerprint, Hashing};
pub use self::live::Saved;
pub use self::load::load;
use self::load::read;
pub use self::lock::LOCK_WAIT;
use self::lock::{Lock, lock};
pub use self::parse::{ParseError, parse, parse_with_ron, parsed_bytes, read_fast};
pub use self::write::write_atomically;
use self::write::{is_own_temporary, too_large, write_atomically_with, write_new};

/// The sample docket compiled into the binary: the four letters of 2017-08-03.
pub const SAMPLE: &str = include_str!("../../assets/sample.ron");

/// The bundled sample, parsed.
pub fn sample() -> Docket {
    #[allow(clippy::expect_used)] // A test proves the bundled sample parses.
    parse(SAMPLE).expect("the bundled sample is a valid docket")
}

/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

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
    #[serde(skip_serializing_if = "Settings::is_default")]
    settings: &'a Settings,
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
}

/// Writes the docket as pretty RON in its stable order (cities and letters by
/// id), ending in a newline. A hand-written writer: the same bytes as
/// [`to_ron_serde`], several times faster.
pub fn to_ron(docket: &Docket) -> String {
    ron_writer::to_ron(docket)
}

/// The same text as [`to_ron`], written through serde by the ron crate's
/// pretty serializer: the reference the fast writer is tested against.
#[allow(
    clippy::expect_used,
    reason = "a docket holds only strings, dates and lists"
)]
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
        settings: &docket.settings,
        conflicts: &docket.conflicts,
    };
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let mut text = ron::ser::to_string_pretty(&ordered, config)
        .expect("a docket always serializes: it holds only strings, dates and lists");
    text.push('\n');
    text
}

/// The data file, as this process last read or wrote it.
///
/// Only [`Store::open`] and [`Store::open_shared`] make one, and only after
/// the file loaded (or is missing), so a file that failed to load is never
/// written.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    target: PathBuf,
    seen: Option<Fingerprint>,
    /// Held from [`Store::open`] until the store is dropped (a command's
    /// read, change and write); `None` for [`Store::open_shared`], whose
    /// saves take it for as long as they write.
    lock: Option<Lock>,
    /// The abandoned temporaries of a killed save were removed (under the lock).
    cleaned: bool,
}

impl Store {
    /// Locks the data file for writing (waiting up to [`LOCK_WAIT`] while
    /// another docket writes) and loads it, for a command that reads,
    /// changes and writes it at once: the lock is held until the store is
    /// dropped. Returns the store and the docket, or `None` when the file
    /// does not exist yet.
    pub fn open(path: &Path) -> Result<(Store, Option<Docket>), StoreError> {
        let target = resolve_symlinks(path)?;
        if let Some(dir) = parent(&target) {
            no_file_in_the_way(&target)?;
            fs::create_dir_all(dir).map_err(StoreError::io(dir, "create the data folder"))?;
        }
        // A folder, pipe or device is refused before a lock file is made beside it.
        not_special(&target)?;
        let lock = lock(&target)?;
        let loaded = match read(&target) {
            Ok(loaded) => loaded,
            Err(err) => {
                lock.remove_if_made();
                return Err(err);
            }
        };
        let mut store = Store {
            path: path.to_owned(),
            target,
            seen: loaded.as_ref().map(|(_, seen)| seen.clone()),
            lock: Some(lock),
            cleaned: false,
        };
        store.remove_stale_temporaries();
        Ok((store, loaded.map(|(docket, _)| docket)))
    }

    /// The data file's path as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Saves the docket atomically and durably, keeping the previous version
    /// as `<file>.bak`, under the lock. Refused when the records break a
    /// rule, or when the file changed on disk since this store last read or
    /// wrote it (someone else's edit is never clobbered: an interface saves
    /// with [`Store::save_merging`]). On error the data file is unchanged.
    pub fn save(&mut self, docket: &Docket) -> Result<(), StoreError> {
        self.locked(|store| {
            store.check(docket)?;
            store.write(|out| ron_writer::write(docket, out))
        })
    }

    /// The checks before a save.
    fn check(&mut self, docket: &Docket) -> Result<(), StoreError> {
        self.valid(docket)?;
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
        // Never write a file that would then be too large to load.
        write_atomically_with(&self.target, true, Some(MAX_FILE_BYTES), |out| {
            text(&mut Hashing {
                out,
                hash: &mut hash,
            })
        })?;
        self.seen = Some(Fingerprint::hashed(&self.target, &hash));
        Ok(())
    }

    /// Writes the docket beside the data file as a new file,
    /// `<file>.<suffix>`, or that name with a random part when it is taken
    /// (for a copy that could not be saved over a changed file), returning
    /// its path. Nothing already there is replaced or written through. The
    /// copy's mode is the umask's, never wider than the data file's.
    pub fn save_copy(&self, docket: &Docket, suffix: &str) -> Result<PathBuf, StoreError> {
        let copy = with_suffix(&self.target, &format!(".{suffix}"));
        let text = to_ron(docket);
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(too_large(&copy));
        }
        let like = fs::metadata(&self.target)
            .ok()
            .filter(fs::Metadata::is_file);
        write_new(&copy, text.as_bytes(), like.as_ref())
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
    /// the backup being staged): those named as this store names its own,
    /// `.<file>.<random>.tmp`, which only a save holding the lock makes. We
    /// hold it (called only under it), so no such save is under way and they
    /// can go. Other writers' temporaries (an export to `<file>.csv`, an
    /// emergency copy, another data file's save) are named otherwise and left
    /// alone.
    fn remove_stale_temporaries(&mut self) {
        if std::mem::replace(&mut self.cleaned, true) {
            return;
        }
        let dir = parent(&self.target).unwrap_or(Path::new("."));
        let Some(name) = self.target.file_name() else {
            return;
        };
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            if is_own_temporary(&entry.file_name(), name) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}
