//! A replaced file keeps its owner, group and mode.

use std::fs::{self, File, Metadata};
use std::io;
use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
use std::path::Path;

use super::StoreError;

/// Gives the new version (the open temporary file) the owner, group and
/// mode of the file it replaces. Docket may not always do so: only root
/// gives a file away, and only a member sets a group. A new version that
/// would take access away from the file's owner or group is refused.
pub(super) fn carry_access(file: &File, target: &Path, old: &Metadata) -> Result<(), StoreError> {
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
pub(super) fn share_like(file: &File, like: &Metadata) -> io::Result<()> {
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
