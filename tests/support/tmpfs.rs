//! A tmpfs of a test's own: small enough to fill up, and remountable
//! read-only while docket has a file open on it. Mounting needs root (the
//! tests run as root in CI); where it is refused the test skips, or fails
//! under CI (see [`super::skip`]).

use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::skip::skip_or_fail;

/// A tmpfs mounted on a fresh temp folder, unmounted when dropped (lazily
/// if something still uses it).
pub struct Tmpfs {
    dir: TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (such as `"1m"`). Where mounting is
    /// refused, skips the test: says so and returns `None`, or panics
    /// under CI. Any other failure to mount panics.
    #[track_caller]
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
        // mount's message, on one line.
        let err = String::from_utf8_lossy(&out.stderr)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let refused = [
            "permission denied",
            "not permitted",
            "superuser",
            "must be root",
        ];
        if refused.iter().any(|s| err.to_lowercase().contains(s)) {
            skip_or_fail(&format!("mounting a tmpfs is refused ({err})"));
            return None;
        }
        panic!("mount failed: {err}");
    }

    /// The mounted folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The bytes in use on it, as df(1) reports them.
    pub fn used(&self) -> u64 {
        let out = Command::new("df")
            .args(["--output=used", "-B1"])
            .arg(self.dir.path())
            .output()
            .expect("run df");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "df: {text}");
        text.lines()
            .nth(1)
            .and_then(|line| line.trim().parse().ok())
            .unwrap_or_else(|| panic!("df printed no bytes used: {text}"))
    }

    /// Waits until at most `bytes` are in use on it, or fails after 10 s.
    ///
    /// A file deleted while a process this test process started still has
    /// a copy of it (every child gets a copy of the open files until its
    /// exec closes them) keeps its room until then.
    #[track_caller]
    pub fn wait_until_used(&self, bytes: u64) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let used = self.used();
            if used <= bytes {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{used} bytes still in use on the tmpfs after 10 s, not {bytes} or fewer"
            );
            thread::sleep(Duration::from_millis(10));
        }
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
