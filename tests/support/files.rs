//! Data files in temp folders, golden files, and what a folder holds: the
//! files the tests run docket on and look at afterwards, special files
//! (named pipes, devices), and locks: one held by another process, and
//! whether one is held.

use std::fs::{File, TryLockError};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use docket::model::Docket;
use tempfile::TempDir;

use super::skip::skip_or_fail;

/// A temp folder holding `docket.ron` with the given contents.
pub fn data_file(contents: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("docket.ron");
    std::fs::write(&file, contents).unwrap();
    (dir, file)
}

/// A temp folder holding the bundled sample as `docket.ron`: four letters
/// sent 2017-08-03, due 2017-08-18.
pub fn sample_file() -> (TempDir, PathBuf) {
    data_file(docket::store::SAMPLE)
}

/// Writes the bundled sample as `docket.ron` in `dir`; its path.
pub fn sample_in(dir: &Path) -> PathBuf {
    let file = dir.join("docket.ron");
    std::fs::write(&file, docket::store::SAMPLE).unwrap();
    file
}

/// The sample with a thread: replies, an extension, a closing, a follow-up.
pub const STORY: &str = include_str!("../fixtures/story.ron");

/// A temp folder holding [`STORY`] as `docket.ron`.
pub fn story_file() -> (TempDir, PathBuf) {
    data_file(STORY)
}

/// Writes `text` as `name` in `dir`; its path.
pub fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The docket in `file`, which must exist and load.
pub fn load(file: &Path) -> Docket {
    docket::store::load(file).unwrap().unwrap()
}

/// How many replies the sample's letter to Baltimore ([`super::cli::LETTER`])
/// has in `file`, which must exist, load and hold that letter.
pub fn reply_count(file: &Path) -> usize {
    load(file).letter(super::cli::LETTER).unwrap().replies.len()
}

/// Compares `actual` with `tests/golden/NAME` exactly; with `UPDATE_GOLDEN=1`
/// writes it instead.
pub fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("{}: {err} (run with UPDATE_GOLDEN=1)", path.display()));
    if expected != actual {
        let line = expected
            .split_inclusive('\n')
            .zip(actual.split_inclusive('\n'))
            .position(|(e, a)| e != a)
            .map_or_else(|| "the length".to_owned(), |i| format!("line {}", i + 1));
        panic!(
            "{} differs at {line} (UPDATE_GOLDEN=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        );
    }
}

/// The names of the files in `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The names in a folder ending in `.tmp`: temporary files left behind.
pub fn temp_files(dir: &Path) -> Vec<String> {
    let mut names = names_in(dir);
    names.retain(|name| name.ends_with(".tmp"));
    names
}

/// Makes a named pipe at `path` with mkfifo(1). Where mkfifo is missing,
/// skips the test: says so and returns `None`, or panics under CI (see
/// [`super::skip`]). Any other failure panics.
#[track_caller]
pub fn named_pipe(path: &Path) -> Option<()> {
    match Command::new("mkfifo").arg(path).status() {
        Ok(status) if status.success() => Some(()),
        Ok(status) => panic!("mkfifo {}: {status}", path.display()),
        Err(err) => {
            skip_or_fail(&format!("mkfifo cannot run here ({err})"));
            None
        }
    }
}

/// Makes a device node at `path` with mknod(1): `kind` is `"c"` for a
/// character device, `"b"` for a block one. Only root may, so a test checks
/// first (see [`super::skip::can`] and [`super::users::is_root`]). Any
/// failure panics.
pub fn device_node(path: &Path, kind: &str, major: u32, minor: u32) {
    let out = Command::new("mknod")
        .arg(path)
        .args([kind, &major.to_string(), &minor.to_string()])
        .output()
        .expect("mknod runs");
    assert!(
        out.status.success(),
        "mknod {} {kind} {major} {minor}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A child process, killed and reaped when dropped.
pub struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Holds an exclusive flock(2) on `lock` in a child until dropped.
pub fn hold_lock(lock: &Path) -> ChildGuard {
    let mut child = Command::new("sh")
        .args([
            "-c",
            r#"exec 9>>"$1" && flock -x -n 9 && echo locked && exec sleep 30"#,
            "sh",
        ])
        .arg(lock)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start sh");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let guard = ChildGuard(child);
    assert_eq!(line.trim(), "locked", "the child could not take the lock");
    guard
}

/// Whether some process holds the lock on `file` (this process takes it and
/// lets it go at once if not).
pub fn is_locked(file: &Path) -> bool {
    let lock = File::open(docket::store::lock_path(file)).unwrap();
    match lock.try_lock() {
        Ok(()) => false,
        Err(TryLockError::WouldBlock) => true,
        Err(TryLockError::Error(err)) => panic!("trying the lock: {err}"),
    }
}
