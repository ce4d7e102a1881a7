//! Who is making the changes: the name every log entry is stamped with, and
//! the one `--mine` means. Resolved once, at start-up.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Who is making the changes, looked up the first time it is asked for
/// (a command that changes nothing never runs git).
#[derive(Debug)]
pub struct Author {
    by: Option<String>,
    data: PathBuf,
    name: OnceCell<String>,
}

impl Author {
    /// The author for `--by` (or `DOCKET_USER`) and the data file.
    pub fn new(by: Option<String>, data: &Path) -> Self {
        Author {
            by,
            data: data.to_owned(),
            name: OnceCell::new(),
        }
    }

    /// The name, as [`author`] resolves it.
    pub fn name(&self) -> &str {
        self.name
            .get_or_init(|| author(self.by.as_deref(), &self.data))
    }
}

/// The name changes are made by: `--by NAME`, else `DOCKET_USER`, else
/// git's `user.name` for the data file's folder, else the login name, else
/// `unknown`. An empty name is no name.
pub fn author(by: Option<&str>, data: &Path) -> String {
    let named = |name: &str| Some(name.trim().to_owned()).filter(|n| !n.is_empty());
    let variable = std::env::var("DOCKET_USER").ok();
    by.and_then(named)
        .or_else(|| variable.as_deref().and_then(named))
        .or_else(|| git_user(data))
        .or_else(login_name)
        .unwrap_or_else(|| "unknown".to_owned())
}

/// `git -C <folder> config user.name`; `None` when git is missing, the
/// folder does not exist, or no name is set.
fn git_user(data: &Path) -> Option<String> {
    let folder = data.parent().filter(|p| !p.as_os_str().is_empty());
    let folder = folder.unwrap_or_else(|| Path::new("."));
    if !folder.is_dir() {
        return None;
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["config", "user.name"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let name = String::from_utf8(out.stdout).ok()?;
    let name = name.trim();
    (out.status.success() && !name.is_empty()).then(|| name.to_owned())
}

/// `USER`, `LOGNAME`, or the account's name in the password database.
fn login_name() -> Option<String> {
    ["USER", "LOGNAME"]
        .into_iter()
        .filter_map(std::env::var_os)
        .filter_map(|name| name.into_string().ok())
        .find(|name| !name.trim().is_empty())
        .or_else(account_name)
}

/// The name of the effective user's account, as `whoami` finds it.
fn account_name() -> Option<String> {
    let mut entry: libc::passwd = empty_passwd();
    let mut buffer = vec![0 as libc::c_char; 4096];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is to memory owned here and sized as passed;
    // getpwuid_r writes only within them.
    let status = unsafe {
        libc::getpwuid_r(
            libc::geteuid(),
            &raw mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &raw mut found,
        )
    };
    if status != 0 || found.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string in `buffer`.
    let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
    name.to_str()
        .ok()
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
}

/// A `passwd` with every field empty, for `getpwuid_r` to fill.
fn empty_passwd() -> libc::passwd {
    // SAFETY: `passwd` is plain data (integers and pointers): all zeroes is a valid value.
    unsafe { std::mem::zeroed() }
}
