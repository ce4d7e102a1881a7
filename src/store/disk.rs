//! Reading files and following paths: bounded reads, what stands in the
//! way of a file, where a link leads, and the names docket uses beside one.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::{MAX_FILE_BYTES, StoreError};

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
