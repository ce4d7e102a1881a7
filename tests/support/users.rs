//! Files of other users, and the real binary run as another user. Giving
//! files away and switching users needs root; a test checks with
//! [`is_root`] or [`can_switch_users`] first, which skip it where this
//! machine cannot, or fail it under CI (see [`super::skip`]).
//!
//! Users and groups are plain numeric ids: no account is needed.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, chown};
use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use super::cli::command_under;
use super::skip::{can, has_tool};

/// Whether this process runs as root.
pub fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Whether [`docket_as`] can run here: root, and `setpriv` (util-linux).
/// Where not, skips the test that calls this (see [`can`]): says so and
/// returns `false`, or panics under CI.
#[track_caller]
pub fn can_switch_users() -> bool {
    can("root", is_root()) && can("setpriv (util-linux)", has_tool("setpriv"))
}

/// `docket --file FILE ARGS...` as user `uid`, group `gid`, with these
/// supplementary groups (none if empty), run through `setpriv`; `HOME` is
/// `/nonexistent`, and otherwise as [`super::cli::command`].
pub fn docket_as(uid: u32, gid: u32, groups: &[u32], file: &Path, args: &[&str]) -> Output {
    let uid = format!("--reuid={uid}");
    let gid = format!("--regid={gid}");
    let groups = if groups.is_empty() {
        "--clear-groups".to_owned()
    } else {
        let list: Vec<String> = groups.iter().map(u32::to_string).collect();
        format!("--groups={}", list.join(","))
    };
    command_under(&["setpriv", &uid, &gid, &groups, "--"], file, args)
        .env("HOME", "/nonexistent")
        .output()
        .expect("setpriv runs")
}

/// A temp folder every user may enter (mode 755).
pub fn open_dir() -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// Makes the folder `path` with this owner, group and mode; its path.
pub fn folder(path: &Path, uid: u32, gid: u32, mode: u32) -> PathBuf {
    fs::create_dir(path).unwrap();
    chown(path, Some(uid), Some(gid)).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    path.to_owned()
}

/// Writes the file `path` with these contents, owner, group and mode; its
/// path.
pub fn file(path: &Path, contents: &str, uid: u32, gid: u32, mode: u32) -> PathBuf {
    fs::write(path, contents).unwrap();
    chown(path, Some(uid), Some(gid)).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    path.to_owned()
}

/// The permission bits of `path` (with set-id and sticky bits), not
/// following a symlink.
pub fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().mode() & 0o7777
}

/// The owner and group of `path`, not following a symlink.
pub fn owner(path: &Path) -> (u32, u32) {
    let meta = fs::symlink_metadata(path).unwrap();
    (meta.uid(), meta.gid())
}
