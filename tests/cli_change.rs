//! `add`, `close`, `reopen` and `rm` through the real binary: each prints the
//! id it touched; each refusal is one line, exit 1 (usage errors 2), and
//! leaves the file byte-identical.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;

use docket::model::{ReplyKind, Status};
use support::cli::{docket, fails, ok};
use support::files::{hold_lock, load, sample_file};

const BALTIMORE: &str = "baltimore-2017-08-03";

/// Runs a change expected to be refused; checks the file did not change.
fn refused(file: &Path, args: &[&str], code: i32) -> String {
    let backup = docket::store::backup_path(file);
    let read = || (std::fs::read(file).unwrap(), std::fs::read(&backup).ok());
    let before = read();
    let err = fails(&docket(file, args), code);
    assert!(read() == before, "{args:?} changed the file or its backup");
    err
}

#[test]
fn add_reply_extension_close_reopen_and_rm_print_the_id_they_touched() {
    let (_dir, file) = sample_file();
    let reply = [
        "add",
        "reply",
        BALTIMORE,
        "--on",
        "2017-08-17",
        "--from",
        "Baltimore Police Department",
        "--kind",
        "disputes",
        "--summary",
        "We do not hold people for ICE.",
    ];
    assert_eq!(ok(&docket(&file, &reply)), format!("{BALTIMORE}\n"));
    let extension = [
        "add",
        "extension",
        "stockton-2017-08-03",
        "--granted-on",
        "2017-08-16",
        "--due",
        "2017-08-25",
        "--note",
        "asked for time",
    ];
    assert_eq!(ok(&docket(&file, &extension)), "stockton-2017-08-03\n");
    let close = [
        "close",
        "albuquerque-2017-08-03",
        "--on",
        "2017-08-20",
        "--outcome",
        "withdrawn",
    ];
    assert_eq!(ok(&docket(&file, &close)), "albuquerque-2017-08-03\n");

    let docket_now = load(&file);
    let baltimore = docket_now.letter(BALTIMORE).unwrap();
    assert_eq!(baltimore.replies[0].kind, ReplyKind::Disputes);
    assert_eq!(
        baltimore.status("2017-08-21".parse().unwrap()),
        Status::Answered
    );
    let stockton = docket_now.letter("stockton-2017-08-03").unwrap();
    assert_eq!(
        stockton.effective_due("2017-08-21".parse().unwrap()),
        Some("2017-08-25".parse().unwrap())
    );
    assert!(
        docket_now
            .letter("albuquerque-2017-08-03")
            .unwrap()
            .open_closing()
            .is_some()
    );

    assert_eq!(
        ok(&docket(&file, &["reopen", "albuquerque-2017-08-03"])),
        "albuquerque-2017-08-03\n"
    );
    assert!(
        load(&file)
            .letter("albuquerque-2017-08-03")
            .unwrap()
            .open_closing()
            .is_none()
    );
    assert_eq!(
        ok(&docket(&file, &["rm", "letter", "stockton-2017-08-03"])),
        "stockton-2017-08-03\n"
    );
    assert!(load(&file).letter("stockton-2017-08-03").is_none());
    assert_eq!(load(&file).retired_ids, ["stockton-2017-08-03"]);
}

#[test]
fn add_city_and_letter_with_generated_ids() {
    let (_dir, file) = sample_file();
    let city = [
        "add", "city", "--id", "gotham", "--name", "Gotham", "--state", "NJ",
    ];
    assert_eq!(ok(&docket(&file, &city)), "gotham\n");
    let letter = [
        "add",
        "letter",
        "--city",
        "gotham",
        "--sent",
        "2017-09-01",
        "--due",
        "2017-09-15",
        "--from",
        "U.S. Department of Justice",
        "--to",
        "Gotham Police Department",
        "--subject",
        "Cooperation",
        "--program",
        "Public Safety Partnership",
        "--demand",
        "Jail access.",
        "--demand",
        "Notice before release.",
        "--summary",
        "A second round.",
        "--source",
        "https://example.org/letter",
        "--tag",
        "immigration",
    ];
    assert_eq!(ok(&docket(&file, &letter)), "gotham-2017-09-01\n");
    assert_eq!(ok(&docket(&file, &letter)), "gotham-2017-09-01-2\n");
    let added = load(&file).letter("gotham-2017-09-01").cloned().unwrap();
    assert_eq!(added.demands, ["Jail access.", "Notice before release."]);
    assert_eq!(added.program.as_deref(), Some("Public Safety Partnership"));
    assert_eq!(added.source.as_deref(), Some("https://example.org/letter"));
    assert_eq!(added.tags, ["immigration"]);
    // A city with letters goes only with --with-letters.
    let err = refused(&file, &["rm", "city", "gotham"], 1);
    assert!(
        err.contains("Gotham still has 2 letters (--with-letters removes them too)"),
        "{err}"
    );
    assert_eq!(
        ok(&docket(&file, &["rm", "city", "gotham", "--with-letters"])),
        "gotham\n"
    );
    assert!(load(&file).city("gotham").is_none());
}

#[test]
fn each_rejection_is_one_line_and_writes_nothing() {
    let (_dir, file) = sample_file();
    let reply = |letter: &'static str, on: &'static str| {
        vec![
            "add", "reply", letter, "--on", on, "--from", "X", "--kind", "complies",
        ]
    };
    let table: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            reply("nope", "2017-08-17"),
            1,
            "refused: no letter with id \"nope\"; nothing was written",
        ),
        (
            reply(BALTIMORE, "2017-08-01"),
            1,
            "--on: has a reply dated 2017-08-01, before the letter was sent on 2017-08-03",
        ),
        (
            reply(BALTIMORE, "2017-02-30"),
            2,
            "\"2017-02-30\" is not a date",
        ),
        (
            vec![
                "add",
                "extension",
                BALTIMORE,
                "--granted-on",
                "2017-08-10",
                "--due",
                "2017-08-18",
            ],
            1,
            "--due: the deadline as of 2017-08-10 is already 2017-08-18; an extension must move it later",
        ),
        (
            vec!["add", "city", "--id", "baltimore", "--name", "B"],
            1,
            "refused: city id \"baltimore\" is already taken",
        ),
        (
            vec!["add", "city", "--id", "New York", "--name", "NY"],
            1,
            "refused: city id must be lower-case",
        ),
        (
            vec![
                "add",
                "letter",
                "--city",
                "gotham",
                "--sent",
                "2017-09-01",
                "--from",
                "a",
                "--to",
                "b",
                "--subject",
                "c",
            ],
            1,
            "--city: no city with id \"gotham\"",
        ),
        (
            vec![
                "add",
                "letter",
                "--city",
                "baltimore",
                "--sent",
                "2017-09-01",
                "--due",
                "2017-08-01",
                "--from",
                "a",
                "--to",
                "b",
                "--subject",
                "c",
            ],
            1,
            "--due: is due on 2017-08-01, before it was sent on 2017-09-01",
        ),
        (
            vec!["close", BALTIMORE, "--on", "2017-07-01"],
            1,
            "--on: was closed on 2017-07-01, before it was sent",
        ),
        (
            vec!["reopen", BALTIMORE],
            1,
            "refused: letter baltimore-2017-08-03 is not closed",
        ),
        (
            vec!["rm", "letter", "nope"],
            1,
            "refused: no letter with id \"nope\"",
        ),
        (
            vec![
                "add",
                "reply",
                BALTIMORE,
                "--on",
                "2017-08-17",
                "--from",
                "X",
            ],
            2,
            "--kind",
        ),
    ];
    for (args, code, message) in table {
        let err = refused(&file, &args, code);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn a_locked_file_refuses_changes() {
    let (_dir, file) = sample_file();
    let _holder = hold_lock(&docket::store::lock_path(&file));
    let err = refused(
        &file,
        &[
            "add",
            "reply",
            BALTIMORE,
            "--on",
            "2017-08-17",
            "--from",
            "X",
            "--kind",
            "complies",
        ],
        1,
    );
    assert!(err.contains("is open in another docket"), "{err}");
}

#[test]
fn a_missing_file_is_not_created_by_a_change() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("docket.ron");
    let err = fails(&docket(&file, &["reopen", BALTIMORE]), 1);
    assert!(
        err.contains("no such file; create it with `docket init`"),
        "{err}"
    );
    assert!(!file.exists());
}

fn extension(granted_on: &str, due: &str) -> Vec<String> {
    [
        "add",
        "extension",
        BALTIMORE,
        "--granted-on",
        granted_on,
        "--due",
        due,
    ]
    .map(str::to_owned)
    .to_vec()
}

#[test]
fn an_extension_must_move_the_deadline_later() {
    let (_dir, file) = sample_file();
    // A first extension, to 2017-08-25, so that there is a backup too.
    ok(&docket(
        &file,
        &strs(&extension("2017-08-10", "2017-08-25")),
    ));
    assert!(docket::store::backup_path(&file).exists());
    for due in ["2017-08-20", "2017-08-25", "2017-08-10"] {
        let err = refused(&file, &strs(&extension("2017-08-12", due)), 1);
        assert!(
            err.contains("--due: the deadline as of 2017-08-12 is already 2017-08-25")
                && err.contains("edit the letter's due date to correct a mistake"),
            "{due}: {err}"
        );
    }
    // Two granted the same day: the second moves the first one's date.
    let err = refused(&file, &strs(&extension("2017-08-10", "2017-08-25")), 1);
    assert!(err.contains("is already 2017-08-25"), "{err}");
    ok(&docket(
        &file,
        &strs(&extension("2017-08-10", "2017-08-26")),
    ));
}

#[test]
fn an_extension_cannot_be_due_before_the_day_it_was_granted() {
    let (_dir, file) = sample_file();
    // Due 2017-08-18; granted on 2017-08-30, to 2017-08-25: later than the
    // deadline, but already past on the day it was granted.
    let err = refused(&file, &strs(&extension("2017-08-30", "2017-08-25")), 1);
    assert!(
        err.contains("--due: an extension granted on 2017-08-30 cannot be due before that day"),
        "{err}"
    );
    ok(&docket(
        &file,
        &strs(&extension("2017-08-30", "2017-08-30")),
    ));
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}
