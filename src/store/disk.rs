//! The file system side of the store: atomic writes, bounded reads, the
//! lock, the backup, fingerprints.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{MAX_FILE_BYTES, StoreError, backup_path, lock_path, with_suffix};

/// Writes a file atomically and durably: a temporary file in the same
/// folder, written, synced, renamed over `target`, then the folder synced.
/// The target's permissions are kept; with `backup`, its previous version
/// becomes `<target>.bak`. On error `target` is unchanged.
pub fn write_atomically(target: &Path, bytes: &[u8], backup: bool) -> Result<(), StoreError> {
    write_atomically_with(target, backup, |out| out.write_all(bytes))
}

/// As [`write_atomically`], with the new version written by `write`.
pub(super) fn write_atomically_with(
    target: &Path,
    backup: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StoreError> {
    let dir = parent(target).unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(target))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(StoreError::io(dir, "create a temporary file in the folder"))?;
    // Name the target: the temporary file is gone by the time anyone reads this.
    let mut out = BufWriter::with_capacity(1 << 16, temp.as_file_mut());
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(StoreError::io(
            target,
            "write the new version to a temporary file",
        ))?;
    drop(out);
    temp.as_file()
        .sync_all()
        .map_err(StoreError::io(target, "sync the new version to disk"))?;
    let existing = fs::metadata(target).ok();
    let permissions = existing.as_ref().map(|m| m.permissions());
    if let Some(permissions) = permissions.or_else(new_file_permissions) {
        temp.as_file()
            .set_permissions(permissions)
            .map_err(StoreError::io(target, "set the new version's permissions"))?;
    }
    if backup && existing.is_some() {
        keep_backup(target)?;
    }
    temp.persist(target).map_err(|err| StoreError::Io {
        path: target.to_owned(),
        action: "replace the file",
        source: err.error,
    })?;
    sync_dir(dir)
}

/// Refuses a data path under a file (`notes.txt/docket.ron`), naming the file.
pub(super) fn no_file_in_the_way(path: &Path) -> Result<(), StoreError> {
    let mut above = path.ancestors().skip(1);
    match above.find(|dir| fs::metadata(dir).is_ok_and(|m| !m.is_dir())) {
        Some(file) => Err(StoreError::invalid(
            file,
            format!(
                "is a file, not a folder, so {} cannot be under it",
                path.display()
            ),
        )),
        None => Ok(()),
    }
}

pub(super) fn read_bounded(path: &Path) -> Result<Vec<u8>, StoreError> {
    // Opening a named pipe would wait for a writer, and a device may never
    // end: only regular files (or folders, refused below) are opened.
    let kind = match fs::metadata(path) {
        Ok(meta) => meta.file_type(),
        Err(err) if err.kind() == io::ErrorKind::NotADirectory => {
            no_file_in_the_way(path)?;
            return Err(StoreError::io(path, "open the data file")(err));
        }
        Err(err) => return Err(StoreError::io(path, "open the data file")(err)),
    };
    if !kind.is_file() && !kind.is_dir() {
        return Err(StoreError::invalid(
            path,
            "is not a regular file (a named pipe, device or socket); docket reads only regular files",
        ));
    }
    let file = File::open(path).map_err(StoreError::io(path, "open the data file"))?;
    let meta = file
        .metadata()
        .map_err(StoreError::io(path, "read the data file's size"))?;
    if meta.is_dir() {
        return Err(StoreError::invalid(path, "is a folder, not a docket file"));
    }
    let too_large = || {
        StoreError::invalid(
            path,
            format!(
                "is larger than the {} MiB docket reads; refusing to load it",
                MAX_FILE_BYTES >> 20
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(StoreError::io(path, "read the data file"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// What the data file looked like when docket last read or wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fingerprint {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of the file at `path`, just read or written as `bytes`.
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        Self::hashed(path, &ContentHash::of(bytes))
    }

    /// The fingerprint of the file at `path`, just written through `hash`.
    pub fn hashed(path: &Path, hash: &ContentHash) -> Self {
        Fingerprint {
            len: hash.len,
            modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
            hash: hash.finish(),
        }
    }
}

/// A fast 64-bit content hash, eight bytes a step, fed in pieces of any
/// size: it only confirms, within this process, that a file whose size or
/// time changed holds other bytes.
#[derive(Debug, Default)]
pub(super) struct ContentHash {
    state: u64,
    len: u64,
    /// Bytes fed since the last whole word.
    tail: [u8; 8],
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl ContentHash {
    /// The hash of `bytes` fed at once.
    pub fn of(bytes: &[u8]) -> Self {
        let mut hash = ContentHash::default();
        hash.update(bytes);
        hash
    }

    /// Feeds the next bytes.
    pub fn update(&mut self, mut bytes: &[u8]) {
        let pending = (self.len % 8) as usize;
        self.len += bytes.len() as u64;
        if pending > 0 {
            let take = (8 - pending).min(bytes.len());
            self.tail[pending..pending + take].copy_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if pending + take < 8 {
                return;
            }
            self.word(self.tail);
        }
        let (words, rest) = bytes.as_chunks::<8>();
        for word in words {
            self.word(*word);
        }
        self.tail[..rest.len()].copy_from_slice(rest);
    }

    fn word(&mut self, word: [u8; 8]) {
        self.state = (self.state ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(29);
    }

    /// The hash of every byte fed.
    pub fn finish(&self) -> u64 {
        let mut tail = [0u8; 8];
        let pending = (self.len % 8) as usize;
        tail[..pending].copy_from_slice(&self.tail[..pending]);
        let h = (self.state ^ u64::from_le_bytes(tail) ^ self.len).wrapping_mul(K);
        h ^ (h >> 32)
    }
}

/// A writer that hashes what goes through it.
pub(super) struct Hashing<'a> {
    pub out: &'a mut dyn Write,
    pub hash: &'a mut ContentHash,
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A new data file is readable by others, like any file a user creates
/// (temporary files start private).
#[allow(clippy::unnecessary_wraps, reason = "there is no mode to set off Unix")]
pub(super) fn new_file_permissions() -> Option<fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

pub(super) fn temp_prefix(target: &Path) -> String {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    format!(".{name}.")
}

pub(super) fn parent(path: &Path) -> Option<&Path> {
    path.parent().filter(|p| !p.as_os_str().is_empty())
}

/// Follows symlinks so that a save replaces the link's target, not the link.
pub(super) fn resolve_symlinks(path: &Path) -> Result<PathBuf, StoreError> {
    let mut current = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link =
                    fs::read_link(&current).map_err(StoreError::io(path, "read the symlink"))?;
                current = match parent(&current) {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(StoreError::invalid(path, "is a symlink loop"))
}

pub(super) fn lock(target: &Path) -> Result<File, StoreError> {
    let lock_path = lock_path(target);
    // Held open read-only: a lock needs no write access, and an open writer
    // would keep the folder's file system from being remounted read-only.
    let file = File::open(&lock_path)
        .or_else(|err| match err.kind() {
            io::ErrorKind::NotFound => OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&lock_path)
                .and_then(|_| File::open(&lock_path)),
            _ => Err(err),
        })
        .map_err(StoreError::io(&lock_path, "create the lock file"))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
            path: target.to_owned(),
            lock: lock_path,
        }),
        Err(fs::TryLockError::Error(source)) => Err(StoreError::Io {
            path: lock_path,
            action: "lock the data file",
            source,
        }),
    }
}

/// Points `<file>.bak` at the current version with a hard link (no copy, and
/// atomic), falling back to a copy where links are not supported.
pub(super) fn keep_backup(target: &Path) -> Result<(), StoreError> {
    let backup = backup_path(target);
    let staged = with_suffix(&backup, ".tmp");
    let _ = fs::remove_file(&staged);
    if fs::hard_link(target, &staged).is_err() {
        fs::copy(target, &staged).map_err(StoreError::io(&backup, "write the backup"))?;
    }
    fs::rename(&staged, &backup).map_err(StoreError::io(&backup, "write the backup"))?;
    // Renaming one link of a file over another link of the same file does
    // nothing (after a save killed before its rename, .bak is such a link).
    let _ = fs::remove_file(&staged);
    Ok(())
}

pub(super) fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(StoreError::io(dir, "sync the data folder to disk"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(bytes: &[u8]) -> u64 {
        ContentHash::of(bytes).finish()
    }

    #[test]
    fn the_hash_is_the_same_whatever_the_pieces() {
        let bytes: Vec<u8> = (0..200u32).map(|i| (i * 37 % 251) as u8).collect();
        let whole = hash(&bytes);
        for piece in 1..20 {
            let mut pieces = ContentHash::default();
            for chunk in bytes.chunks(piece) {
                pieces.update(chunk);
            }
            assert_eq!(pieces.finish(), whole, "pieces of {piece}");
        }
        let mut split = ContentHash::default();
        split.update(&bytes[..3]);
        split.update(&[]);
        split.update(&bytes[3..]);
        assert_eq!(split.finish(), whole);
    }

    #[test]
    fn the_hash_tells_apart_lengths_and_bytes() {
        assert_ne!(hash(b""), hash(b"\0"));
        assert_ne!(hash(b"abc"), hash(b"abc\0"));
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgi"));
    }
}
