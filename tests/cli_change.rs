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
fn a_file_locked_for_longer_than_a_write_refuses_changes() {
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
    assert!(
        err.contains("is being written by another process, which has held"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
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

/// `show`'s replies, as `id date from kind` lines.
fn reply_lines(file: &Path, letter: &str) -> Vec<String> {
    let shown = ok(&docket(file, &["--as-of", "2017-09-30", "show", letter]));
    let replies = shown.split("\nReplies\n").nth(1).unwrap();
    let replies = replies.split("\n\n").next().unwrap();
    replies.lines().map(|l| l.trim().to_owned()).collect()
}

#[test]
fn edit_reply_changes_its_kind_and_rm_reply_removes_it_for_good() {
    let (_dir, file) = sample_file();
    for (on, kind) in [("2017-08-10", "complies"), ("2017-08-17", "disputes")] {
        let add = [
            "add", "reply", BALTIMORE, "--on", on, "--from", "City", "--kind", kind,
        ];
        ok(&docket(&file, &add));
    }
    assert_eq!(
        reply_lines(&file, BALTIMORE),
        [
            "r1  2017-08-10 (Thu)  City  complies",
            "r2  2017-08-17 (Thu)  City  disputes"
        ]
    );
    let edit = [
        "edit",
        "reply",
        BALTIMORE,
        "r1",
        "--kind",
        "acknowledges",
        "--source",
        "https://example.org/r1",
    ];
    assert_eq!(ok(&docket(&file, &edit)), "r1\n");
    let letter = load(&file).letter(BALTIMORE).unwrap().clone();
    assert_eq!(letter.replies[0].id, "r1");
    assert_eq!(letter.replies[0].kind, ReplyKind::Acknowledges);
    assert_eq!(letter.replies[0].from, "City", "what was not given stays");
    assert_eq!(
        letter.replies[0].source.as_deref(),
        Some("https://example.org/r1")
    );
    // The answer is now the later reply.
    assert_eq!(
        letter
            .first_answer("2017-08-20".parse().unwrap())
            .unwrap()
            .id,
        "r2"
    );

    assert_eq!(
        ok(&docket(&file, &["rm", "reply", BALTIMORE, "r1"])),
        "r1\n"
    );
    assert_eq!(
        reply_lines(&file, BALTIMORE),
        ["r2  2017-08-17 (Thu)  City  disputes"]
    );
    let err = refused(&file, &["rm", "reply", BALTIMORE, "r1"], 1);
    assert!(err.contains("no reply \"r1\""), "{err}");
    let err = refused(
        &file,
        &["edit", "reply", BALTIMORE, "r9", "--kind", "other"],
        1,
    );
    assert!(err.contains("no reply \"r9\""), "{err}");
    // A new reply never takes a deleted one's id.
    let add = [
        "add",
        "reply",
        BALTIMORE,
        "--on",
        "2017-08-20",
        "--from",
        "City",
        "--kind",
        "other",
    ];
    ok(&docket(&file, &add));
    let ids: Vec<String> = (load(&file).letter(BALTIMORE).unwrap().replies.iter())
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids, ["r2", "r3"]);
}

#[test]
fn edit_and_rm_extension_and_a_refused_edit_writes_nothing() {
    let (_dir, file) = sample_file();
    let add = [
        "add",
        "extension",
        BALTIMORE,
        "--granted-on",
        "2017-08-16",
        "--due",
        "2017-08-25",
    ];
    ok(&docket(&file, &add));
    let edit = ["edit", "extension", BALTIMORE, "x1", "--due", "2017-09-01"];
    assert_eq!(ok(&docket(&file, &edit)), "x1\n");
    let letter = load(&file).letter(BALTIMORE).unwrap().clone();
    assert_eq!(letter.extensions[0].new_due.to_string(), "2017-09-01");
    let err = refused(
        &file,
        &["edit", "extension", BALTIMORE, "x1", "--due", "2017-08-01"],
        1,
    );
    assert!(err.contains("--due"), "{err}");
    assert_eq!(
        ok(&docket(&file, &["rm", "extension", BALTIMORE, "x1"])),
        "x1\n"
    );
    assert!(load(&file).letter(BALTIMORE).unwrap().extensions.is_empty());
}

#[test]
fn edit_city_and_letter_and_move_a_letter_to_another_city_keeping_its_id() {
    let (_dir, file) = sample_file();
    let edit = ["edit", "city", "baltimore", "--notes", "Charm City"];
    assert_eq!(ok(&docket(&file, &edit)), "baltimore\n");
    let docket_now = load(&file);
    let city = docket_now.city("baltimore").unwrap();
    assert_eq!(
        (city.name.as_str(), city.notes.as_str()),
        ("Baltimore", "Charm City")
    );

    let edit = [
        "edit",
        "letter",
        BALTIMORE,
        "--city",
        "stockton",
        "--subject",
        "Moved",
        "--due",
        "2017-08-21",
    ];
    assert_eq!(ok(&docket(&file, &edit)), format!("{BALTIMORE}\n"));
    let moved = load(&file).letter(BALTIMORE).unwrap().clone();
    assert_eq!(moved.city, "stockton");
    assert_eq!(moved.subject, "Moved");
    assert_eq!(moved.due.unwrap().to_string(), "2017-08-21");
    let err = refused(
        &file,
        &["edit", "letter", BALTIMORE, "--city", "atlantis"],
        1,
    );
    assert!(err.contains("--city"), "{err}");
}

#[test]
fn a_reopened_letter_still_shows_closed_when_replayed_on_its_closing_day() {
    let (_dir, file) = sample_file();
    let close = [
        "close",
        BALTIMORE,
        "--on",
        "2017-08-20",
        "--outcome",
        "withdrawn",
    ];
    ok(&docket(&file, &close));
    let early = refused(&file, &["reopen", BALTIMORE, "--on", "2017-08-19"], 1);
    assert!(early.contains("cannot be reopened before"), "{early}");
    let reopen = ["reopen", BALTIMORE, "--on", "2017-08-25"];
    assert_eq!(ok(&docket(&file, &reopen)), format!("{BALTIMORE}\n"));
    let letter = load(&file).letter(BALTIMORE).unwrap().clone();
    assert_eq!(letter.closings.len(), 1, "the closing is kept");
    assert_eq!(letter.status("2017-08-20".parse().unwrap()), Status::Closed);
    assert_eq!(
        letter.status("2017-08-25".parse().unwrap()),
        Status::Overdue
    );
    let status_on = |day: &str| {
        let json = ok(&docket(
            &file,
            &["--as-of", day, "show", BALTIMORE, "--json"],
        ));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        (
            value["status"].as_str().unwrap().to_owned(),
            value["closings"][0]["reopened_on"].clone(),
        )
    };
    assert_eq!(
        status_on("2017-08-20"),
        ("closed".to_owned(), serde_json::Value::Null)
    );
    assert_eq!(
        status_on("2017-08-25"),
        ("overdue".to_owned(), serde_json::json!("2017-08-25"))
    );
    let digest = ok(&docket(&file, &["digest", "--date", "2017-08-25"]));
    assert!(
        digest.contains("reopened (closing c1 of 2017-08-20 (Sun))"),
        "{digest}"
    );
    let closed_again = ["close", BALTIMORE, "--on", "2017-08-30"];
    ok(&docket(&file, &closed_again));
    let ids: Vec<String> = (load(&file).letter(BALTIMORE).unwrap().closings.iter())
        .map(|c| c.id.clone())
        .collect();
    assert_eq!(ids, ["c1", "c2"]);
}
