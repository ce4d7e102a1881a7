//! Every I/O failure is survivable (issue 6, item 2), through the real
//! binary: a write past the file size limit (EFBIG), a full file system, a
//! read-only one, and a data path under a regular file. Each time: exit
//! status 1, one sentence naming the file and what failed, the old file
//! byte-identical, no temporary file left, and a retry succeeds once the
//! cause is gone.
//!
//! (The store's own tests check the same failures through the library;
//! these check what a user of the command line sees.)

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(unix)]

mod support;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Output;

use docket::model::{Date, ReplyKind};
use support::cli::{LETTER, REPLY, command_under, docket, fails, ok};
use support::files::{load, sample_file, temp_files};
use support::tmpfs::Tmpfs;

/// The replies to Baltimore's letter in the file.
fn replies(file: &Path) -> Vec<(Date, ReplyKind)> {
    load(file)
        .letter(LETTER)
        .unwrap()
        .replies
        .iter()
        .map(|r| (r.on, r.kind))
        .collect()
}

fn the_reply() -> Vec<(Date, ReplyKind)> {
    vec![("2017-08-09".parse().unwrap(), ReplyKind::Disputes)]
}

/// `docket --file FILE ARGS...` with `RLIMIT_FSIZE` set to `limit` bytes,
/// SIGXFSZ ignored (so a write past the limit fails with EFBIG instead of
/// killing the process).
fn docket_with_file_size_limit(file: &Path, limit: u64, args: &[&str]) -> Output {
    let limit = limit.to_string();
    let script = r#"trap "" XFSZ; exec prlimit --fsize="$0" -- "$@""#;
    command_under(&["sh", "-c", script, &limit], file, args)
        .output()
        .expect("sh and prlimit run")
}

#[test]
fn a_write_past_the_file_size_limit_fails_cleanly_and_a_retry_succeeds() {
    let (dir, file) = sample_file();
    let before = fs::read(&file).unwrap();
    // Below the size of the file itself and below half of it: the new
    // version cannot be written, wherever the write stops.
    for limit in [1024, before.len() as u64 / 2, before.len() as u64] {
        let out = docket_with_file_size_limit(&file, limit, &REPLY);
        let err = fails(&out, 1);
        assert!(
            err.starts_with(&format!(
                "docket: {}: could not write the new version",
                file.display()
            )),
            "limit {limit}: {err}"
        );
        assert!(err.contains("File too large"), "limit {limit}: {err}");
        assert!(out.stdout.is_empty(), "{:?}", out.stdout);
        assert!(
            fs::read(&file).unwrap() == before,
            "limit {limit}: the old file changed"
        );
        assert_eq!(temp_files(dir.path()), Vec::<String>::new());
        assert!(!docket::store::backup_path(&file).exists());
    }

    // The limit is what failed: with room for the new version, it succeeds.
    let roomy = before.len() as u64 * 2;
    assert_eq!(
        ok(&docket_with_file_size_limit(&file, roomy, &REPLY)).trim(),
        LETTER
    );
    assert_eq!(replies(&file), the_reply());
    assert_eq!(fs::read(docket::store::backup_path(&file)).unwrap(), before);
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn a_full_file_system_fails_cleanly_and_a_retry_succeeds() {
    let Some(disk) = Tmpfs::mount("256k") else {
        return;
    };
    let file = disk.path().join("docket.ron");
    fs::write(&file, docket::store::SAMPLE).unwrap();
    // Fill the rest of the disk.
    let filler = disk.path().join("filler");
    {
        let mut out = fs::File::create(&filler).unwrap();
        let block = [b'x'; 4096];
        loop {
            match out.write(&block) {
                Ok(0) => break,
                Ok(_) => {}
                Err(err) if err.raw_os_error() == Some(28) => break, // ENOSPC
                Err(err) => panic!("filling the disk: {err}"),
            }
        }
    }

    let out = docket(&file, &REPLY);
    let err = fails(&out, 1);
    assert!(
        err.starts_with(&format!(
            "docket: {}: could not write the new version",
            file.display()
        )),
        "{err}"
    );
    assert!(err.contains("No space left on device"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), docket::store::SAMPLE);
    assert_eq!(temp_files(disk.path()), Vec::<String>::new());
    assert!(!docket::store::backup_path(&file).exists());

    fs::remove_file(&filler).unwrap();
    assert_eq!(ok(&docket(&file, &REPLY)).trim(), LETTER);
    assert_eq!(replies(&file), the_reply());
    assert_eq!(temp_files(disk.path()), Vec::<String>::new());
}

#[test]
fn a_read_only_file_system_fails_cleanly_and_a_retry_succeeds() {
    let Some(disk) = Tmpfs::mount("1m") else {
        return;
    };
    let file = disk.path().join("docket.ron");
    fs::write(&file, docket::store::SAMPLE).unwrap();

    // Before any docket ran there: not even the lock file can be made.
    disk.remount("ro");
    let err = fails(&docket(&file, &REPLY), 1);
    let lock = docket::store::lock_path(&file);
    assert!(
        err.starts_with(&format!(
            "docket: {}: could not create the lock file",
            lock.display()
        )),
        "{err}"
    );
    assert!(err.contains("Read-only file system"), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), docket::store::SAMPLE);

    // After a docket ran there (the lock file exists): the save fails.
    disk.remount("rw");
    ok(&docket(
        &file,
        &["add", "city", "--id", "boise", "--name", "Boise"],
    ));
    let before = fs::read(&file).unwrap();
    let backup = fs::read(docket::store::backup_path(&file)).unwrap();
    disk.remount("ro");
    let err = fails(&docket(&file, &REPLY), 1);
    assert!(
        err.starts_with(&format!("docket: {}: could not ", disk.path().display())),
        "names the folder it could not write to: {err}"
    );
    assert!(err.contains("Read-only file system"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before);
    assert_eq!(fs::read(docket::store::backup_path(&file)).unwrap(), backup);
    assert_eq!(temp_files(disk.path()), Vec::<String>::new());

    disk.remount("rw");
    assert_eq!(ok(&docket(&file, &REPLY)).trim(), LETTER);
    assert_eq!(replies(&file), the_reply());
    assert!(load(&file).city("boise").is_some());
}

#[test]
fn a_data_path_under_a_regular_file_is_one_clear_error() {
    let (dir, _) = sample_file();
    let plain = dir.path().join("plain");
    fs::write(&plain, "not a folder").unwrap();
    let file = plain.join("docket.ron");

    for args in [&REPLY[..], &["init"], &["list"]] {
        let err = fails(&docket(&file, args), 1);
        assert!(
            err.starts_with(&format!("docket: {}", plain.display())),
            "names the file or the folder: {args:?}: {err}"
        );
        assert_eq!(
            err.trim_end(),
            format!(
                "docket: {}: is a file, not a folder, so {} cannot be under it",
                plain.display(),
                file.display()
            ),
            "{args:?}"
        );
    }
    assert_eq!(fs::read_to_string(&plain).unwrap(), "not a folder");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}
