//! The file system side of the store: atomic writes, bounded reads, the
//! lock, the backup, fingerprints.
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
use std::io::{self, BufWriter, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt, fchown};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tempfile::{NamedTempFile, TempPath};

use super::{MAX_FILE_BYTES, StoreError, backup_path, lock_path};

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

/// What a file that is not a regular file is, for a message.
pub(super) fn kind_of(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a symlink"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a regular file"
    }
}

/// Gives the new version (the open temporary file) the owner, group and
/// mode of the file it replaces. Docket may not always do so: only root
/// gives a file away, and only a member sets a group. A new version that
/// would take access away from the file's owner or group is refused.
fn carry_access(file: &File, target: &Path, old: &Metadata) -> Result<(), StoreError> {
    let (uid, gid, mode) = (old.uid(), old.gid(), old.mode() & 0o7777);
    let mine = file
        .metadata()
        .map_err(StoreError::io(target, "read the new version's owner"))?;
    let mut uid_kept = mine.uid() == uid;
    let mut gid_kept = mine.gid() == gid;
    if !(uid_kept && gid_kept) {
        match fchown(file, Some(uid), Some(gid)) {
            Ok(()) => (uid_kept, gid_kept) = (true, true),
            Err(err) if err.kind() == io::ErrorKind::PermissionDenied => {
                gid_kept = gid_kept || fchown(file, None, Some(gid)).is_ok();
            }
            Err(err) => {
                return Err(StoreError::io(
                    target,
                    "give the new version the file's owner and group",
                )(err));
            }
        }
    }
    // Read and write access of the owner (shift 6), the group (3), others (0).
    let rights = |shift: u32| (mode >> shift) & 0o6;
    if !uid_kept {
        // The owner keeps what the group may do (if docket could keep the
        // group: the owner of a group-shared file is in its group), and what
        // others may do.
        let owner_keeps = rights(0) | if gid_kept { rights(3) } else { 0 };
        if rights(6) & !owner_keeps != 0 {
            return Err(StoreError::invalid(
                target,
                format!(
                    "not saved, nothing was changed: the file belongs to user {uid}, only root \
                     may give a new version to that user, and with mode {:o} its owner would \
                     lose access (its owner may save it, or let the group write it: chmod g+rw)",
                    mode & 0o777
                ),
            ));
        }
    }
    if !gid_kept && rights(3) & !rights(0) != 0 {
        return Err(StoreError::invalid(
            target,
            format!(
                "not saved, nothing was changed: the file's group is {gid}, you are not in it, and \
                 with mode {:o} its members would lose access (a member of the group may save it)",
                mode & 0o777
            ),
        ));
    }
    // A setuid or setgid bit goes only to the file's own owner and group.
    let mode = if uid_kept && gid_kept {
        mode
    } else {
        mode & 0o1777
    };
    file.set_permissions(fs::Permissions::from_mode(mode))
        .map_err(StoreError::io(target, "set the new version's permissions"))
}

/// Gives a copy the owner and group of the file it copies, where allowed;
/// a copy whose group docket cannot set is closed to its group.
fn share_like(file: &File, like: &Metadata) -> io::Result<()> {
    let mine = file.metadata()?;
    if mine.gid() == like.gid() && mine.uid() == like.uid() {
        return Ok(());
    }
    if fchown(file, Some(like.uid()), Some(like.gid())).is_ok()
        || mine.gid() == like.gid()
        || fchown(file, None, Some(like.gid())).is_ok()
    {
        return Ok(());
    }
    file.set_permissions(fs::Permissions::from_mode(mine.mode() & 0o707))
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

/// Refuses, before anything is opened, locked or created beside it, a data
/// path that is a folder, named pipe, device or socket. A missing file, or
/// one that cannot be looked at, is left to the read that follows.
pub(super) fn not_special(path: &Path) -> Result<(), StoreError> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            Err(StoreError::invalid(path, "is a folder, not a docket file"))
        }
        Ok(meta) if !meta.is_file() => Err(StoreError::invalid(
            path,
            "is not a regular file (a named pipe, device or socket); docket reads only regular files",
        )),
        _ => Ok(()),
    }
}

/// The write lock: `<file>.lock`, held open read-only and locked.
#[derive(Debug)]
pub(super) struct Lock {
    file: File,
    path: PathBuf,
    /// This process made the lock file (it was not there).
    made: bool,
}

impl Lock {
    /// Removes the lock file if this process made it, for a data file that
    /// was then refused: a refused `--file` leaves nothing beside it. (Safe
    /// while the lock is held: a docket that opened the file meanwhile finds,
    /// once it has the lock, that the name no longer leads to it, and starts
    /// again.)
    pub fn remove_if_made(self) {
        if self.made && is_at(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether `path` names the open file `file` (and not a link to it).
fn is_at(file: &File, path: &Path) -> bool {
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
        _ => false,
    }
}

pub(super) fn lock(target: &Path) -> Result<Lock, StoreError> {
    let path = lock_path(target);
    // Each turn: open (or make) the lock file, lock it, and check that the
    // name still leads to it; a lock on a file no longer at the name locks
    // nothing.
    for _ in 0..32 {
        let Some((file, made)) = open_lock(&path)? else {
            continue;
        };
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: target.to_owned(),
                    lock: path,
                });
            }
            Err(fs::TryLockError::Error(source)) => {
                return Err(StoreError::Io {
                    path,
                    action: "lock the data file",
                    source,
                });
            }
        }
        if is_at(&file, &path) {
            return Ok(Lock { file, path, made });
        }
    }
    Err(StoreError::io(&path, "lock the data file")(
        io::Error::other("the lock file keeps being replaced"),
    ))
}

/// Opens the lock file, or makes it: held open read-only (a lock needs no
/// write access, and an open writer would keep the folder's file system from
/// being remounted read-only), never through a symlink, never waiting on a
/// named pipe. `None` when it appeared between the two tries.
fn open_lock(path: &Path) -> Result<Option<(File, bool)>, StoreError> {
    let flags = libc::O_NOFOLLOW | libc::O_NONBLOCK;
    let opened = OpenOptions::new().read(true).custom_flags(flags).open(path);
    let (file, made) = match opened {
        Ok(file) => (file, false),
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            let made = OpenOptions::new()
                .read(true)
                .custom_flags(flags | libc::O_CREAT | libc::O_EXCL)
                .mode(0o666)
                .open(path);
            match made {
                Ok(file) => (file, true),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => {
                    // Made by another docket meanwhile, or a link planted there.
                    return match fs::symlink_metadata(path) {
                        Ok(meta) if meta.is_symlink() => Err(symlinked_lock(path)),
                        _ => Ok(None),
                    };
                }
                Err(err) => return Err(StoreError::io(path, "create the lock file")(err)),
            }
        }
        Err(err) if err.raw_os_error() == Some(libc::ELOOP) => return Err(symlinked_lock(path)),
        Err(err) => return Err(StoreError::io(path, "open the lock file")(err)),
    };
    let meta = file
        .metadata()
        .map_err(StoreError::io(path, "open the lock file"))?;
    if !meta.is_file() {
        return Err(StoreError::invalid(
            path,
            format!(
                "is {}, not a regular file; docket's lock file must be one (remove it)",
                kind_of(&meta)
            ),
        ));
    }
    Ok(Some((file, made)))
}

fn symlinked_lock(path: &Path) -> StoreError {
    StoreError::invalid(
        path,
        "is a symlink, and docket never follows a link at its lock file; remove the link",
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

    #[test]
    fn the_hash_tells_apart_lengths_and_bytes() {
        assert_ne!(hash(b""), hash(b"\0"));
        assert_ne!(hash(b"abc"), hash(b"abc\0"));
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgi"));
    }
}
