//! Safe in shared folders and against hostile data (issue 12, points 1-5):
//! no fixed or predictable names written through, cleanup of docket's own
//! temporaries only, owner, group and mode kept across a save, `export -o`
//! onto special files and docket's own files, and no file written that
//! docket would refuse to read.
//!
//! The tests that need root, `mount`, `mknod`, `mkfifo` or a second user
//! (run through `setpriv` with numeric ids: no account is needed) skip with
//! a note when they cannot run here, and fail under `CI=true`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]
#![cfg(target_os = "linux")]

mod support;

use std::fs::{self, File};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, lchown, symlink};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use docket::model::Docket;
use docket::store::{self, MAX_FILE_BYTES, SAMPLE, Store, StoreError};
use support::cli::{REPLY, command, command_under, docket, fails_naming, ok, stderr};
use support::files::{device_node, named_pipe, names_in, reply_count, temp_files};
use support::skip::{can, has_tool};
use support::users::{can_switch_users, docket_as, file, folder, is_root, mode, open_dir, owner};
use tempfile::TempDir;

/// The owner of a shared file, and the one who plants links in a shared folder.
const OWNER: u32 = 51_001;
/// Another member of the owner's group, and the victim of planted links.
const MEMBER: u32 = 51_002;
/// The group the two share.
const GROUP: u32 = 51_500;

/// `docket --file FILE ARGS...` under `umask MASK`.
fn docket_with_umask(mask: &str, file: &Path, args: &[&str]) -> Output {
    command_under(
        &["sh", "-c", r#"umask "$0" && exec "$@""#, mask],
        file,
        args,
    )
    .output()
    .expect("sh runs")
}

// ---------------------------------------------------------------------------
// 1. No fixed or predictable names next to the data file
// ---------------------------------------------------------------------------

/// A sticky folder everyone may write in, owned by the one who plants links
/// (so the kernel's `protected_symlinks` lets others follow them): the victim
/// can neither remove nor rename what was planted there. Every fixed name
/// docket used beside the data file is a link to a file the victim owns.
#[test]
fn links_planted_beside_the_data_file_are_never_written_through() {
    if !can_switch_users() {
        return;
    }
    let tmp = open_dir();
    let shared = folder(&tmp.path().join("shared"), OWNER, OWNER, 0o1777);
    let home = folder(&tmp.path().join("home"), MEMBER, MEMBER, 0o755);
    let precious = file(
        &home.join("precious.txt"),
        "precious\n",
        MEMBER,
        MEMBER,
        0o644,
    );
    let data = file(&shared.join("docket.ron"), SAMPLE, MEMBER, MEMBER, 0o644);
    let planted = ["docket.ron.bak.tmp", "docket.ron.tmp", ".docket.ron.tmp"];
    for name in planted {
        let link = shared.join(name);
        symlink(&precious, &link).unwrap();
        lchown(&link, Some(OWNER), Some(OWNER)).unwrap();
    }

    let outs: Vec<Output> = (0..2)
        .map(|_| docket_as(MEMBER, MEMBER, &[], &data, &REPLY[..]))
        .collect();

    assert_eq!(fs::read_to_string(&precious).unwrap(), "precious\n");
    for out in &outs {
        assert!(out.status.success(), "{}", stderr(out));
    }
    for name in planted {
        let link = shared.join(name);
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink(), "{name}");
        assert_eq!(fs::read_link(&link).unwrap(), precious, "{name}");
    }
    assert_eq!(reply_count(&data), 2);
    assert_eq!(reply_count(&store::backup_path(&data)), 1);
    assert_eq!(owner(&data), (MEMBER, MEMBER));
}

/// An emergency copy's name holds the time: predictable. Whatever is planted
/// there stays as it is, and the copy goes to a name of its own.
#[test]
fn a_file_planted_at_an_emergency_copy_name_is_left_alone() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    let (store, docket) = Store::open(&data).unwrap();
    let docket = docket.unwrap();
    let planted = tmp.path().join("docket.ron.conflict-20170810-120000");
    fs::write(&planted, "someone else's\n").unwrap();
    let target = tmp.path().join("elsewhere.txt");
    fs::write(&target, "elsewhere\n").unwrap();
    let linked = tmp.path().join("docket.ron.save-20170810-120000");
    symlink(&target, &linked).unwrap();

    let first = store
        .save_copy(&docket, "conflict-20170810-120000")
        .unwrap();
    let second = store.save_copy(&docket, "save-20170810-120000").unwrap();

    assert_eq!(fs::read_to_string(&planted).unwrap(), "someone else's\n");
    assert_eq!(fs::read_to_string(&target).unwrap(), "elsewhere\n");
    assert_eq!(fs::read_link(&linked).unwrap(), target);
    for (copy, stem) in [(&first, "conflict"), (&second, "save")] {
        assert_ne!(copy, &planted);
        assert_ne!(copy, &linked);
        let name = copy.file_name().unwrap().to_string_lossy();
        assert!(
            name.starts_with(&format!("docket.ron.{stem}-20170810-120000")),
            "{name}"
        );
        assert_eq!(store::load(copy).unwrap(), Some(docket.clone()));
    }
    assert_eq!(temp_files(tmp.path()), Vec::<String>::new());
}

/// Two copies in the same second: the second does not replace the first.
#[test]
fn two_emergency_copies_in_one_second_are_both_kept() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    let (store, _) = Store::open(&data).unwrap();
    let first = store
        .save_copy(&Docket::new(), "save-20170810-120000")
        .unwrap();
    let second = store
        .save_copy(&docket::store::sample(), "save-20170810-120000")
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(store::load(&first).unwrap(), Some(Docket::new()));
    assert_eq!(store::load(&second).unwrap(), Some(store::sample()));
}

#[test]
fn a_dangling_symlink_at_the_lock_path_creates_nothing_at_its_target() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    fs::create_dir(tmp.path().join("elsewhere")).unwrap();
    let target = tmp.path().join("elsewhere/made-by-docket");
    let lock = store::lock_path(&data);
    symlink(&target, &lock).unwrap();

    let out = docket(&data, &REPLY);
    let message = fails_naming(&out, 1, &lock);
    assert!(message.contains("symlink"), "{message}");
    assert!(!target.exists(), "a file was created at the link's target");
    assert_eq!(fs::read_to_string(&data).unwrap(), SAMPLE);
    assert!(fs::symlink_metadata(&lock).unwrap().is_symlink());

    // A link to a file that exists is not followed either.
    fs::write(&target, "not a lock\n").unwrap();
    let out = docket(&data, &REPLY);
    fails_naming(&out, 1, &lock);
    assert_eq!(fs::read_to_string(&target).unwrap(), "not a lock\n");
    assert_eq!(fs::read_to_string(&data).unwrap(), SAMPLE);
}

#[test]
fn a_refused_data_file_leaves_no_lock_beside_it() {
    let tmp = TempDir::new().unwrap();
    // A symlink to a file that is not a docket.
    let notes = tmp.path().join("notes.txt");
    fs::write(&notes, "Shopping list: milk, bread.\n").unwrap();
    let link = tmp.path().join("docket.ron");
    symlink(&notes, &link).unwrap();
    let out = docket(&link, &REPLY);
    fails_naming(&out, 1, &notes);
    assert_eq!(
        names_in(tmp.path()),
        ["docket.ron", "notes.txt"],
        "no lock beside the file"
    );
    assert_eq!(
        fs::read_to_string(&notes).unwrap(),
        "Shopping list: milk, bread.\n"
    );

    // A named pipe, and a device.
    if !can("mkfifo and mknod as root", is_root() && has_tool("mkfifo")) {
        return;
    }
    let specials = tmp.path().join("specials");
    fs::create_dir(&specials).unwrap();
    let fifo = specials.join("fifo.ron");
    if named_pipe(&fifo).is_none() {
        return;
    }
    let null = specials.join("null.ron");
    device_node(&null, "c", 1, 3);
    for path in [&fifo, &null] {
        let out = docket(path, &REPLY);
        fails_naming(&out, 1, path);
        let out = docket(path, &["init"]);
        fails_naming(&out, 1, path);
    }
    assert_eq!(names_in(&specials), ["fifo.ron", "null.ron"]);
}

// ---------------------------------------------------------------------------
// 2. Cleanup removes only what docket made
// ---------------------------------------------------------------------------

#[test]
fn opening_the_store_leaves_other_writers_temporaries_alone() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    let others = [
        // An export to docket.ron.csv, under way.
        ".docket.ron.csv.Ab12Cd.tmp",
        // An emergency copy another docket is writing.
        ".docket.ron.save-20170810-120000.Xy34Zw.tmp",
        ".docket.ron.conflict-20170810-120000.Qr56St.tmp",
        // Another data file's save beside this one.
        ".docket.ron.old.Uv78Wx.tmp",
        // Not docket's naming at all.
        ".docket.ron.tmp",
        ".docket.ron.a-b.tmp",
    ];
    for name in others {
        fs::write(tmp.path().join(name), "being written").unwrap();
    }
    // This store's own abandoned temporary (a save killed mid-way).
    fs::write(tmp.path().join(".docket.ron.a1B2c3.tmp"), "half a docket").unwrap();

    let (mut store, _) = Store::open(&data).unwrap();
    store.save(&Docket::new()).unwrap();
    drop(store);
    let (_store, _) = Store::open(&data).unwrap();

    let mut expected: Vec<String> = others.iter().map(|n| (*n).to_owned()).collect();
    expected.sort();
    assert_eq!(temp_files(tmp.path()), expected);
    for name in others {
        assert_eq!(
            fs::read_to_string(tmp.path().join(name)).unwrap(),
            "being written"
        );
    }
}

/// Exports named after the data file (`docket.ron.<n>.csv`), written while
/// another docket opens it again and again: none fails.
#[test]
fn exports_beside_the_data_file_survive_other_dockets_opening_it() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let opener = {
        let (data, stop) = (data.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut opens = 0;
            while !stop.load(Ordering::Relaxed) {
                if let Ok((store, _)) = Store::open(&data) {
                    drop(store);
                    opens += 1;
                }
            }
            opens
        })
    };
    let mut failed = Vec::new();
    for round in 0..6 {
        let children: Vec<_> = (0..12)
            .map(|i| {
                let out = tmp.path().join(format!("docket.ron.{round}-{i}.csv"));
                command(&data, &["export", "--format", "csv", "-o"])
                    .arg(&out)
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            if !out.status.success() {
                failed.push(stderr(&out));
            }
        }
    }
    stop.store(true, Ordering::Relaxed);
    let opens = opener.join().unwrap();
    assert!(opens > 0);
    assert_eq!(
        failed,
        Vec::<String>::new(),
        "{} exports failed",
        failed.len()
    );
    assert_eq!(
        names_in(tmp.path())
            .iter()
            .filter(|n| n.ends_with(".csv"))
            .count(),
        72
    );
}

// ---------------------------------------------------------------------------
// 3. Ownership and permissions survive a save
// ---------------------------------------------------------------------------

#[test]
fn a_save_by_root_keeps_the_owner_group_and_mode() {
    if !can("root", is_root()) {
        return;
    }
    let tmp = TempDir::new().unwrap();
    let data = file(&tmp.path().join("docket.ron"), SAMPLE, OWNER, GROUP, 0o640);
    ok(&docket(&data, &REPLY));
    ok(&docket(&data, &REPLY));
    assert_eq!(reply_count(&data), 2);
    assert_eq!(owner(&data), (OWNER, GROUP));
    assert_eq!(mode(&data), 0o640, "mode {:o}", mode(&data));
    let backup = store::backup_path(&data);
    assert_eq!(owner(&backup), (OWNER, GROUP));
    assert_eq!(mode(&backup), 0o640, "mode {:o}", mode(&backup));
}

/// A file shared by a group, in a folder the group may write: a member's
/// save keeps the group, so the owner can still read and save it.
#[test]
fn a_save_by_a_group_member_keeps_the_group_so_the_owner_keeps_access() {
    if !can_switch_users() {
        return;
    }
    let tmp = open_dir();
    let shared = folder(&tmp.path().join("shared"), OWNER, GROUP, 0o770);
    let data = file(&shared.join("docket.ron"), SAMPLE, OWNER, GROUP, 0o660);

    ok(&docket_as(MEMBER, MEMBER, &[GROUP], &data, &REPLY));
    let (_, gid) = owner(&data);
    assert_eq!(gid, GROUP);
    assert_eq!(mode(&data), 0o660, "mode {:o}", mode(&data));
    // The owner reads it and saves again.
    ok(&docket_as(OWNER, GROUP, &[], &data, &["check"]));
    ok(&docket_as(OWNER, GROUP, &[], &data, &REPLY));
    assert_eq!(reply_count(&data), 2);
    assert_eq!(owner(&data), (OWNER, GROUP));
    assert_eq!(mode(&data), 0o660);
}

/// The owner may write the file, the group only read it: a member who may
/// write the folder could replace it, but the owner would then lose write
/// access. The save is refused and the file kept as it was.
#[test]
fn a_save_that_would_lock_the_owner_out_is_refused() {
    if !can_switch_users() {
        return;
    }
    let tmp = open_dir();
    let shared = folder(&tmp.path().join("shared"), OWNER, GROUP, 0o770);
    let data = file(&shared.join("docket.ron"), SAMPLE, OWNER, GROUP, 0o640);
    let inode = fs::metadata(&data).unwrap().ino();

    let out = docket_as(MEMBER, MEMBER, &[GROUP], &data, &REPLY);
    let message = fails_naming(&out, 1, &data);
    assert!(message.contains("owner"), "{message}");
    assert_eq!(fs::read_to_string(&data).unwrap(), SAMPLE);
    assert_eq!(fs::metadata(&data).unwrap().ino(), inode);
    assert_eq!(owner(&data), (OWNER, GROUP));
    assert!(!store::backup_path(&data).exists());
    assert_eq!(temp_files(&shared), Vec::<String>::new());
}

#[test]
fn new_files_respect_the_umask() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    ok(&docket_with_umask("077", &data, &["init"]));
    assert_eq!(mode(&data), 0o600, "init: {:o}", mode(&data));
    let csv = tmp.path().join("letters.csv");
    ok(&docket_with_umask(
        "077",
        &data,
        &["export", "--format", "csv", "-o", csv.to_str().unwrap()],
    ));
    assert_eq!(mode(&csv), 0o600, "export: {:o}", mode(&csv));

    let other = tmp.path().join("other.ron");
    ok(&docket_with_umask("027", &other, &["init", "--empty"]));
    assert_eq!(mode(&other), 0o640, "init: {:o}", mode(&other));
    // A save keeps the file's mode, whatever the umask.
    ok(&docket_with_umask(
        "077",
        &other,
        &["add", "city", "--id", "x", "--name", "X"],
    ));
    assert_eq!(mode(&other), 0o640);
}

/// The emergency copies (`.save-`, `.conflict-`) respect the umask (in a
/// child process of this test, under `umask 077`) and are never wider than
/// the data file.
#[test]
fn emergency_copies_respect_the_umask_and_the_data_files_mode() {
    const CHILD: &str = "DOCKET_TEST_UMASK_CHILD";
    if std::env::var_os(CHILD).is_some() {
        let tmp = TempDir::new().unwrap();
        let data = tmp.path().join("docket.ron");
        fs::write(&data, SAMPLE).unwrap();
        fs::set_permissions(&data, fs::Permissions::from_mode(0o644)).unwrap();
        let (store, _) = Store::open(&data).unwrap();
        let copy = store.save_copy(&Docket::new(), "save-1").unwrap();
        assert_eq!(mode(&copy), 0o600, "under umask 077: {:o}", mode(&copy));
        return;
    }
    let out = Command::new("sh")
        .args(["-c", r#"umask 077 && exec "$@""#, "sh"])
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "emergency_copies_respect_the_umask_and_the_data_files_mode",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("1 passed"),
        "{text}{}",
        stderr(&out)
    );

    // Here, whatever this process's umask: a private data file's copies are private.
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o600)).unwrap();
    let (store, _) = Store::open(&data).unwrap();
    let copy = store
        .save_copy(&Docket::new(), "conflict-20170810-120000")
        .unwrap();
    assert_eq!(
        mode(&copy) & !0o600,
        0,
        "wider than the data file: {:o}",
        mode(&copy)
    );
}

// ---------------------------------------------------------------------------
// 4. `export -o` writes only ordinary files it may replace
// ---------------------------------------------------------------------------

fn export_to_stdout(data: &Path) -> String {
    ok(&docket(data, &["export", "--format", "csv"]))
}

#[test]
fn export_into_a_named_pipe_writes_into_it() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    let fifo = tmp.path().join("pipe");
    if named_pipe(&fifo).is_none() {
        return;
    }
    // A second name for the pipe, to unblock the reader if the export
    // replaced the first one.
    let spare = tmp.path().join("spare-name");
    fs::hard_link(&fifo, &spare).unwrap();
    let (sent, received) = mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = File::open(&fifo).and_then(|mut f| f.read_to_string(&mut text));
            let _ = sent.send(text);
        });
    }

    let out = command(&data, &["export", "--format", "csv", "-o"])
        .arg(&fifo)
        .output()
        .unwrap();
    let text = received.recv_timeout(Duration::from_secs(20)).or_else(|_| {
        drop(fs::OpenOptions::new().write(true).open(&spare));
        received.recv_timeout(Duration::from_secs(20))
    });
    ok(&out);
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the pipe was replaced"
    );
    assert_eq!(text.unwrap(), export_to_stdout(&data));
    assert_eq!(temp_files(tmp.path()), Vec::<String>::new());
}

#[test]
fn export_onto_a_device_writes_into_it_or_refuses_and_never_replaces_it() {
    if !can("mknod as root", is_root() && has_tool("mknod")) {
        return;
    }
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    // A null device of our own, and a link to the system's.
    let null = tmp.path().join("null");
    device_node(&null, "c", 1, 3);
    let link = tmp.path().join("to-dev-null");
    symlink("/dev/null", &link).unwrap();
    for path in [&null, &link] {
        ok(&command(&data, &["export", "--format", "csv", "-o"])
            .arg(path)
            .output()
            .unwrap());
    }
    let meta = fs::symlink_metadata(&null).unwrap();
    assert!(meta.file_type().is_char_device(), "the device was replaced");
    assert_eq!(meta.rdev(), fs::metadata("/dev/null").unwrap().rdev());
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("/dev/null"));
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    // A block device (one no driver serves: nothing can be written to it).
    let block = tmp.path().join("disk");
    device_node(&block, "b", 240, 0);
    let out = command(&data, &["export", "--format", "csv", "-o"])
        .arg(&block)
        .output()
        .unwrap();
    let message = fails_naming(&out, 2, &block);
    assert!(message.contains("device"), "{message}");
    assert!(
        fs::symlink_metadata(&block)
            .unwrap()
            .file_type()
            .is_block_device()
    );
    assert_eq!(temp_files(tmp.path()), Vec::<String>::new());
}

#[test]
fn export_onto_the_backup_or_the_lock_is_refused() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    ok(&docket(&data, &REPLY));
    let backup = store::backup_path(&data);
    let lock = store::lock_path(&data);
    assert!(backup.exists() && lock.exists());
    let lock_bytes = fs::read(&lock).unwrap();
    // Also through a link to the data file, and by a relative path.
    let link = tmp.path().join("link.ron");
    symlink(&data, &link).unwrap();

    for (file, out) in [
        (&data, &backup),
        (&data, &lock),
        (&link, &backup),
        (&link, &lock),
    ] {
        let result = command(file, &["export", "--format", "csv", "-o"])
            .arg(out)
            .output()
            .unwrap();
        fails_naming(&result, 2, out);
    }
    let result = command(&data, &["export", "--format", "json", "-o"])
        .arg("docket.ron.bak")
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));

    assert_eq!(fs::read_to_string(&backup).unwrap(), SAMPLE);
    assert_eq!(fs::read(&lock).unwrap(), lock_bytes);
    assert_eq!(reply_count(&data), 1);
}

// ---------------------------------------------------------------------------
// 5. docket never writes a file it would refuse to read
// ---------------------------------------------------------------------------

/// A docket whose file would be just over the load limit.
fn too_big() -> Docket {
    let mut docket = store::sample();
    let letter = std::sync::Arc::make_mut(&mut docket.letters[0]);
    letter.summary = "x".repeat(usize::try_from(MAX_FILE_BYTES).unwrap());
    docket
}

#[test]
fn a_save_larger_than_the_load_limit_is_refused_and_writes_nothing() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    let (mut store, _) = Store::open(&data).unwrap();

    let err = store.save(&too_big()).unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
    assert!(
        message.starts_with(&format!("{}: ", data.display())),
        "{message}"
    );
    assert!(message.contains("256 MiB"), "{message}");
    assert!(!message.contains('\n'), "{message}");
    assert_eq!(fs::read_to_string(&data).unwrap(), SAMPLE);
    assert!(!store::backup_path(&data).exists());
    assert_eq!(temp_files(tmp.path()), Vec::<String>::new());

    // The store still saves what fits.
    store.save(&Docket::new()).unwrap();
    assert_eq!(store::load(&data).unwrap(), Some(Docket::new()));
}

/// An import that would make the file too large to load is refused, and
/// the file left as it was.
#[test]
fn an_import_that_would_make_the_file_too_large_is_refused() {
    let tmp = TempDir::new().unwrap();
    let data = tmp.path().join("docket.ron");
    fs::write(&data, SAMPLE).unwrap();
    let notes = "x".repeat(usize::try_from(MAX_FILE_BYTES).unwrap());
    let json = format!(
        r#"{{"version": 1, "cities": [{{"id": "big", "name": "Big", "state": "", "notes": "{notes}"}}], "letters": []}}"#
    );
    drop(notes);
    let input = tmp.path().join("big.json");
    fs::write(&input, json).unwrap();

    let out = command(&data, &["import", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    let message = fails_naming(&out, 1, &data);
    assert!(message.contains("256 MiB"), "{message}");
    assert_eq!(fs::read_to_string(&data).unwrap(), SAMPLE);
    assert!(!store::backup_path(&data).exists());
    assert_eq!(temp_files(tmp.path()), Vec::<String>::new());
}
