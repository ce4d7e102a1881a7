//! Writing files: atomically and durably, never more than the load limit,
//! keeping the backup.
//!
//! Every name docket makes beside a file is made exclusively: temporary
//! files and the staged backup have a random part and are created with
//! `O_EXCL` (or as a hard link, which never replaces anything), and a copy
//! takes a name nobody holds. So a link or file planted at any such name in a
//! shared folder is never written through nor replaced; the only fixed names
//! are the data file, its `.bak` (replaced by a rename, which replaces a
//! planted link rather than following it) and its `.lock` (opened without
//! following a link).

use std::ffi::OsStr;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempPath};

use super::access::{carry_access, share_like};
use super::disk::{kind_of, parent, temp_prefix};
use super::{MAX_FILE_BYTES, StoreError, backup_path};

/// Writes a file atomically and durably: a temporary file in the same
/// folder, written, synced, renamed over `target`, then the folder synced.
/// A file replaced keeps its owner, group and mode; a new file gets the
/// umask's mode. With `backup`, the previous version becomes
/// `<target>.bak`. On error `target` is unchanged. Only a regular file is
/// replaced, never a link, folder or device.
pub fn write_atomically(target: &Path, bytes: &[u8], backup: bool) -> Result<(), StoreError> {
    write_atomically_with(target, backup, None, |out| out.write_all(bytes))
}

/// As [`write_atomically`], with the new version written by `write`; with a
/// `limit`, a version that would be larger is refused and nothing written.
pub(super) fn write_atomically_with(
    target: &Path,
    backup: bool,
    limit: Option<u64>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StoreError> {
    let dir = parent(target).unwrap_or(Path::new("."));
    let existing = replaceable(target)?;
    // A file replaced: private until it has the old file's owner and mode.
    // A new one: the kernel applies the umask to 0666.
    let mode = if existing.is_some() { 0o600 } else { 0o666 };
    let mut temp = temporary(dir, target, mode)?;
    if let Some(old) = &existing {
        carry_access(temp.as_file(), target, old)?;
    }
    // Name the target: the temporary file is gone by the time anyone reads this.
    let mut out = BufWriter::with_capacity(1 << 16, temp.as_file_mut());
    let mut bounded = Bounded {
        out: &mut out,
        written: 0,
        limit: limit.unwrap_or(u64::MAX),
    };
    match write(&mut bounded).and_then(|()| bounded.flush()) {
        Ok(()) => {}
        Err(err) if err.get_ref().is_some_and(|e| e.is::<TooLarge>()) => {
            return Err(too_large(target));
        }
        Err(err) => {
            return Err(StoreError::io(
                target,
                "write the new version to a temporary file",
            )(err));
        }
    }
    drop(out);
    temp.as_file()
        .sync_all()
        .map_err(StoreError::io(target, "sync the new version to disk"))?;
    if backup && let Some(old) = &existing {
        keep_backup(target, dir, old)?;
    }
    let persisted = if existing.is_some() {
        temp.persist(target)
    } else {
        // Nothing was there when docket looked: nothing is replaced now.
        temp.persist_noclobber(target)
    };
    persisted.map_err(|err| StoreError::Io {
        path: target.to_owned(),
        action: "replace the file",
        source: err.error,
    })?;
    sync_dir(dir)
}

/// Writes `bytes` to a new file named `path`, or, when that name is taken
/// (by anything: a file, a link, a folder), `path` with a random part added;
/// never replaces nor writes through what is there. Its mode is the umask's,
/// never wider than `like`'s (the data file it copies), and it belongs to
/// `like`'s owner and group where docket may give it to them (else no group
/// may read it). Returns the name written.
pub(super) fn write_new(
    path: &Path,
    bytes: &[u8],
    like: Option<&Metadata>,
) -> Result<PathBuf, StoreError> {
    let dir = parent(path).unwrap_or(Path::new("."));
    let mode = 0o666 & like.map_or(0o666, |m| m.mode() & 0o777);
    let mut temp = temporary(dir, path, mode)?;
    if let Some(like) = like {
        share_like(temp.as_file(), like).map_err(StoreError::io(path, "set the copy's owner"))?;
    }
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(StoreError::io(path, "write the copy"))?;
    let written = persist_new(temp, path)?;
    sync_dir(dir)?;
    Ok(written)
}

/// Gives the temporary file its final name, `path` or, when taken, `path`
/// with a random part.
fn persist_new(temp: NamedTempFile, path: &Path) -> Result<PathBuf, StoreError> {
    let failed = StoreError::io(path, "write the copy");
    let temp = match temp.persist_noclobber(path) {
        Ok(_) => return Ok(path.to_owned()),
        Err(err) if err.error.kind() == io::ErrorKind::AlreadyExists => err.file,
        Err(err) => return Err(failed(err.error)),
    };
    let dir = parent(path).unwrap_or(Path::new("."));
    let mut prefix = path.file_name().unwrap_or_default().to_owned();
    prefix.push("-");
    let mut pending = Some(temp);
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix("")
        .rand_bytes(8)
        .make_in(dir, |name| {
            let temp = pending
                .take()
                .ok_or_else(|| io::Error::other("the copy was already written"))?;
            temp.persist_noclobber(name).map_err(|err| {
                pending = Some(err.file);
                err.error
            })
        })
        .and_then(|named| named.keep().map_err(io::Error::from))
        .map(|(_, name)| name)
        .map_err(failed)
}

/// A new, empty temporary file beside `target`, named `.<target>.<random>.tmp`
/// and created exclusively with this mode (less the umask).
fn temporary(dir: &Path, target: &Path, mode: u32) -> Result<NamedTempFile, StoreError> {
    tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(TEMP_SUFFIX)
        .permissions(fs::Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(StoreError::io(dir, "create a temporary file in the folder"))
}

const TEMP_SUFFIX: &str = ".tmp";

/// Whether `name` is one of the temporary files docket makes for the data
/// file named `data` (the new version or the staged backup):
/// `.<data>.<letters and digits>.tmp`. An export's or a copy's temporary
/// (`.<data>.csv.<random>.tmp`, `.<data>.save-<time>.<random>.tmp`) is not.
pub(super) fn is_own_temporary(name: &OsStr, data: &OsStr) -> bool {
    let random = name
        .as_bytes()
        .strip_prefix(b".")
        .and_then(|rest| rest.strip_prefix(data.as_bytes()))
        .and_then(|rest| rest.strip_prefix(b"."))
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX.as_bytes()));
    random.is_some_and(|r| !r.is_empty() && r.iter().all(u8::is_ascii_alphanumeric))
}

/// The file at `target` if it is one a save may replace (`None` when there
/// is none yet); a link, folder, pipe, device or socket is refused.
fn replaceable(target: &Path) -> Result<Option<Metadata>, StoreError> {
    match fs::symlink_metadata(target) {
        Ok(meta) if meta.is_file() => Ok(Some(meta)),
        Ok(meta) => Err(StoreError::invalid(
            target,
            format!(
                "is {}, not a regular file; docket replaces only regular files",
                kind_of(&meta)
            ),
        )),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(StoreError::io(target, "read the file's permissions")(err)),
    }
}

/// A writer that refuses to pass more than `limit` bytes on: the write that
/// would cross it fails, and nothing of it is written.
struct Bounded<'a> {
    out: &'a mut dyn Write,
    written: u64,
    limit: u64,
}

/// The error [`Bounded`] fails with.
#[derive(Debug)]
struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("larger than docket reads")
    }
}

impl std::error::Error for TooLarge {}

impl Write for Bounded<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.written.saturating_add(buf.len() as u64) > self.limit {
            return Err(io::Error::other(TooLarge));
        }
        let n = self.out.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The refusal of a version larger than docket reads.
pub(super) fn too_large(path: &Path) -> StoreError {
    StoreError::invalid(
        path,
        format!(
            "not saved: the new version would be larger than the {} MiB docket reads; \
             nothing was written",
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// Points `<file>.bak` at the current version with a hard link (no copy, and
/// atomic), falling back to a copy where links are not supported. Staged at
/// a random name made exclusively (a link never replaces or follows what is
/// there), then renamed over `<file>.bak`: a rename replaces whatever is at
/// that name, a planted link included, and never writes through it.
pub(super) fn keep_backup(target: &Path, dir: &Path, old: &Metadata) -> Result<(), StoreError> {
    let backup = backup_path(target);
    let linked = tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(TEMP_SUFFIX)
        .make_in(dir, |staged| fs::hard_link(target, staged));
    let staged: TempPath = match linked {
        Ok(linked) => linked.into_temp_path(),
        Err(_) => copy_for_backup(target, dir, old)?,
    };
    fs::rename(&staged, &backup).map_err(StoreError::io(&backup, "write the backup"))?;
    // Dropping the staged name removes it. Renaming one link of a file over
    // another link of the same file does nothing (after a save killed before
    // its rename, .bak is such a link), and leaves it behind.
    drop(staged);
    Ok(())
}

/// A copy of the current version, for a backup where hard links are not
/// supported: the data file's owner, group and mode, never wider.
fn copy_for_backup(target: &Path, dir: &Path, old: &Metadata) -> Result<TempPath, StoreError> {
    let backup = backup_path(target);
    let mut staged = temporary(dir, target, 0o600)?;
    carry_access(staged.as_file(), target, old)?;
    let mut current = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(target)
        .map_err(StoreError::io(
            target,
            "read the current version for the backup",
        ))?;
    io::copy(&mut current, staged.as_file_mut())
        .and_then(|_| staged.as_file().sync_all())
        .map_err(StoreError::io(&backup, "write the backup"))?;
    Ok(staged.into_temp_path())
}

pub(super) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(StoreError::io(dir, "sync the data folder to disk"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_temporaries_are_told_apart_from_other_writers() {
        let own = |name: &str| is_own_temporary(OsStr::new(name), OsStr::new("docket.ron"));
        assert!(own(".docket.ron.a1B2c3.tmp"));
        assert!(own(".docket.ron.zz.tmp"));
        // An export to docket.ron.csv, an emergency copy, another data file.
        assert!(!own(".docket.ron.csv.a1B2c3.tmp"));
        assert!(!own(".docket.ron.save-20170810-120000.a1B2c3.tmp"));
        assert!(!own(".docket.ron.old.a1B2c3.tmp"));
        assert!(!own(".docket.ron.tmp"));
        assert!(!own(".docket.ron..tmp"));
        assert!(!own(".docket.ron.a-b.tmp"));
        assert!(!own("docket.ron.a1B2c3.tmp"));
        assert!(!own(".docket.rona1B2c3.tmp"));
        assert!(!own(".other.ron.a1B2c3.tmp"));
    }

    #[test]
    fn a_bounded_writer_refuses_the_write_that_crosses_its_limit() {
        let mut sink = Vec::new();
        let mut bounded = Bounded {
            out: &mut sink,
            written: 0,
            limit: 10,
        };
        bounded.write_all(b"0123456").unwrap();
        let err = bounded.write_all(b"789A").unwrap_err();
        assert!(err.get_ref().is_some_and(|e| e.is::<TooLarge>()));
        bounded.write_all(b"789").unwrap();
        assert_eq!(sink, b"0123456789");
    }
}
