//! Helpers shared by the command-line test files: run the real binary on a
//! temp copy of a fixture, and compare output with golden files.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use docket::model::Docket;

use tempfile::TempDir;

/// The sample's letter to Baltimore.
pub const LETTER: &str = "baltimore-2017-08-03";

/// `add reply` to Baltimore's letter, dated 2017-08-09: a change to save.
pub const REPLY: [&str; 11] = [
    "add",
    "reply",
    LETTER,
    "--on",
    "2017-08-09",
    "--from",
    "Baltimore Police Department",
    "--kind",
    "disputes",
    "--summary",
    "Disputes the conditions",
];

/// Runs `docket --file FILE ARGS...` with no docket variables from outside.
pub fn docket(file: &Path, args: &[&str]) -> Output {
    command(file, args)
        .output()
        .expect("the docket binary runs")
}

/// The command `docket` would run, for tests that need more control.
pub fn command(file: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_docket"));
    command
        .arg("--file")
        .arg(file)
        .args(args)
        .env_remove("DOCKET_AS_OF")
        .env_remove("DOCKET_FILE")
        .stdin(Stdio::null());
    command
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts success and returns stdout.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", stderr(out));
    stdout(out)
}

/// Asserts a failure with this exit code and a one-line message; returns it.
pub fn fails(out: &Output, code: i32) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("docket: "), "{err}");
    err
}

/// A temp folder holding `docket.ron` with the given contents.
pub fn data_file(contents: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("docket.ron");
    std::fs::write(&file, contents).unwrap();
    (dir, file)
}

/// The bundled sample: four letters sent 2017-08-03, due 2017-08-18.
pub fn sample_file() -> (TempDir, PathBuf) {
    data_file(docket::store::SAMPLE)
}

/// The sample with a thread: replies, an extension, a closing, a follow-up.
pub const STORY: &str = include_str!("../fixtures/story.ron");

pub fn story_file() -> (TempDir, PathBuf) {
    data_file(STORY)
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

// ---------------------------------------------------------------------------
// Import helpers
// ---------------------------------------------------------------------------

/// An empty data file made by `docket init --empty`.
pub fn empty_file(dir: &TempDir) -> PathBuf {
    let file = dir.path().join("empty.ron");
    ok(&docket(&file, &["init", "--empty"]));
    file
}

pub fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

pub fn import(file: &Path, format: &str, input: &Path, extra: &[&str]) -> std::process::Output {
    let args = [
        &["import", "--format", format][..],
        extra,
        &[input.to_str().unwrap()],
    ]
    .concat();
    docket(file, &args)
}

pub fn load(file: &Path) -> Docket {
    docket::store::load(file).unwrap().unwrap()
}

/// Runs an import that must be refused: exit status 1, and the data file and
/// its backup byte-identical to what they were before. Returns stderr.
pub fn import_refused(file: &Path, format: &str, input: &Path, extra: &[&str]) -> String {
    let backup = docket::store::backup_path(file);
    let before = (std::fs::read(file).ok(), std::fs::read(&backup).ok());
    let out = import(file, format, input, extra);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let after = (std::fs::read(file).ok(), std::fs::read(&backup).ok());
    assert!(
        before == after,
        "a refused import changed {}",
        file.display()
    );
    stderr(&out)
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

/// A tmpfs mounted on a fresh temp folder, unmounted when dropped (lazily
/// if something still uses it). Tests run as root; where mounting is
/// refused, [`Tmpfs::mount`] says so and returns `None`.
pub struct Tmpfs {
    dir: TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (such as `"1m"`).
    pub fn mount(size: &str) -> Option<Tmpfs> {
        let dir = TempDir::new().unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!("size={size}"))
            .arg("tmpfs")
            .arg(dir.path())
            .output()
            .expect("run mount");
        if out.status.success() {
            return Some(Tmpfs { dir });
        }
        let err = String::from_utf8_lossy(&out.stderr).to_lowercase();
        let refused = [
            "permission denied",
            "not permitted",
            "superuser",
            "must be root",
        ];
        if refused.iter().any(|s| err.contains(s)) {
            eprintln!(
                "note: skipped, mounting a tmpfs is refused here: {}",
                err.trim()
            );
            return None;
        }
        panic!("mount failed: {err}");
    }

    /// The mounted folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Remounts it `"ro"` or `"rw"`.
    pub fn remount(&self, mode: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(self.dir.path())
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "remount {mode}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let unmounted = Command::new("umount")
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !unmounted {
            let _ = Command::new("umount")
                .arg("-l")
                .arg(self.dir.path())
                .status();
        }
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
