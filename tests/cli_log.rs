//! Who did what on the command line: the author (`--by`, then
//! `DOCKET_USER`, then git's `user.name`, then the login), `docket log`
//! and its filters, `show`'s History, owners in `add`, `edit`, `list` and
//! `due`, and `--mine`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;

use chrono::NaiveDateTime;
use docket::model::LogEntry;
use serde_json::Value;
use support::cli::{LETTER, REPLY, command, docket, fails, ok};
use support::files::{load, sample_file, sample_in};
use support::skip::{can, has_tool};

/// `docket --file FILE ARGS...` with git's global and system settings out
/// of the way, `USER` set to `login` and `LOGNAME` removed.
fn author_command(file: &Path, args: &[&str], login: &str) -> Command {
    let mut command = command(file, args);
    command
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", login)
        .env_remove("LOGNAME");
    command
}

fn run(mut command: Command) -> Output {
    command.output().unwrap()
}

/// Who made the latest change to the sample's letter to Baltimore.
fn last_by(file: &Path) -> String {
    let log = load(file).letter(LETTER).unwrap().log.clone();
    log.last().unwrap().by.clone()
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn the_author_is_by_then_docket_user_then_git_user_name_then_the_login() {
    if !can("git", has_tool("git")) {
        return;
    }
    let (dir, file) = sample_file();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["config", "user.name", "Git Person"]);
    let edit = |owner: &str, by: Option<&str>, user: Option<&str>| {
        let mut args = vec!["edit", "letter", LETTER, "--owner", owner];
        if let Some(by) = by {
            args.extend(["--by", by]);
        }
        let mut command = author_command(&file, &args, "loginname");
        if let Some(user) = user {
            command.env("DOCKET_USER", user);
        }
        ok(&run(command));
        last_by(&file)
    };
    assert_eq!(edit("a", Some("Alice"), Some("Bob")), "Alice");
    assert_eq!(edit("b", None, Some("Bob")), "Bob");
    assert_eq!(edit("c", None, None), "Git Person");
    // An empty name is no name.
    assert_eq!(edit("d", None, Some("  ")), "Git Person");

    // Outside a git work tree (and with no global name): the login.
    let (_other, elsewhere) = sample_file();
    let mut command = author_command(&elsewhere, &["add", "reply"], "loginname");
    command.args(&REPLY[2..]);
    ok(&run(command));
    assert_eq!(last_by(&elsewhere), "loginname");
}

#[test]
fn the_login_is_used_when_git_is_missing() {
    let (_dir, file) = sample_file();
    let mut command = author_command(&file, &["edit", "letter", LETTER, "--owner", "x"], "me");
    // No git on the path: no error, the login name.
    command.env("PATH", "/nonexistent");
    ok(&run(command));
    assert_eq!(last_by(&file), "me");
}

#[test]
fn every_command_that_changes_the_docket_logs_on_its_record() {
    let (_dir, file) = sample_file();
    let by = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--by", "jdoe"]);
        ok(&docket(&file, &all));
    };
    by(&REPLY);
    by(&[
        "add",
        "extension",
        LETTER,
        "--granted-on",
        "2017-08-10",
        "--due",
        "2017-09-01",
    ]);
    by(&[
        "edit",
        "letter",
        LETTER,
        "--due",
        "2017-08-21",
        "--subject",
        "New",
    ]);
    by(&["close", LETTER, "--on", "2017-09-05"]);
    by(&["reopen", LETTER, "--on", "2017-09-06"]);
    by(&["edit", "city", "baltimore", "--notes", "Call first"]);
    let saved = load(&file);
    let whats: Vec<&str> = (saved.letter(LETTER).unwrap().log.iter())
        .map(|e| e.what.as_str())
        .collect();
    assert_eq!(
        whats,
        [
            "reply r1 added (disputes)",
            "extension x1 granted to 2017-09-01",
            "due 2017-08-18 -> 2017-08-21; edited: subject",
            "closed (c1)",
            "reopened (c1)",
        ]
    );
    let city = &saved.city("baltimore").unwrap().log;
    assert_eq!(city.len(), 1);
    assert_eq!(city[0].what, "edited: notes");
    assert!(
        saved
            .letter(LETTER)
            .unwrap()
            .log
            .iter()
            .all(|e| e.by == "jdoe")
    );

    ok(&docket(&file, &["rm", "letter", LETTER, "--by", "asmith"]));
    let city = load(&file).city("baltimore").unwrap().log.clone();
    assert_eq!(city[1].what, format!("letter {LETTER} removed"));
    assert_eq!(city[1].by, "asmith");
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn entry(at_: &str, by: &str, what: &str) -> LogEntry {
    LogEntry {
        at: at(at_),
        by: by.into(),
        what: what.into(),
    }
}

/// The sample with a log written in: two changes on Baltimore's letter, one
/// on Stockton's, one on the city of Baltimore.
fn logged_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, file) = sample_file();
    let mut docket = load(&file);
    let baltimore = docket.letters.iter_mut().find(|l| l.id == LETTER).unwrap();
    Arc::make_mut(baltimore).log = vec![
        entry("2026-11-30 10:00", "jdoe", "reply r1 added (complies)"),
        entry("2026-12-02 09:14", "asmith", "due 2017-08-18 -> 2017-09-01"),
    ];
    let stockton = (docket.letters.iter_mut())
        .find(|l| l.id == "stockton-2017-08-03")
        .unwrap();
    Arc::make_mut(stockton).log = vec![entry("2026-12-01 16:30", "jdoe", "closed (c1)")];
    docket
        .cities
        .iter_mut()
        .find(|c| c.id == "baltimore")
        .unwrap()
        .log = vec![entry("2026-11-29 08:00", "asmith", "edited: notes")];
    std::fs::write(&file, docket::store::to_ron(&docket)).unwrap();
    (dir, file)
}

#[test]
fn log_lists_every_change_newest_first_and_filters_by_record_person_and_date() {
    let (_dir, file) = logged_sample();
    let all = ok(&docket(&file, &["log"]));
    assert_eq!(
        all,
        "AT                BY      RECORD                WHAT\n\
         2026-12-02 09:14  asmith  baltimore-2017-08-03  due 2017-08-18 -> 2017-09-01\n\
         2026-12-01 16:30  jdoe    stockton-2017-08-03   closed (c1)\n\
         2026-11-30 10:00  jdoe    baltimore-2017-08-03  reply r1 added (complies)\n\
         2026-11-29 08:00  asmith  baltimore             edited: notes\n"
    );
    // DOCKET_USER names who makes changes, not whose changes to list.
    let mut everyone = command(&file, &["log"]);
    everyone.env("DOCKET_USER", "jdoe");
    assert_eq!(ok(&run(everyone)), all);
    let records = |args: &[&str]| -> Vec<(String, String)> {
        let json: Value =
            serde_json::from_str(&ok(&docket(&file, &[&["log", "--json"], args].concat())))
                .unwrap();
        (json.as_array().unwrap().iter())
            .map(|e| {
                let field = |f: &str| e[f].as_str().unwrap().to_owned();
                (field("id"), field("at"))
            })
            .collect()
    };
    let pair = |id: &str, at: &str| (id.to_owned(), at.to_owned());
    assert_eq!(
        records(&[LETTER]),
        [
            pair(LETTER, "2026-12-02T09:14:00"),
            pair(LETTER, "2026-11-30T10:00:00")
        ]
    );
    assert_eq!(
        records(&["--by", "JDOE"]),
        [
            pair("stockton-2017-08-03", "2026-12-01T16:30:00"),
            pair(LETTER, "2026-11-30T10:00:00")
        ]
    );
    assert_eq!(
        records(&["--since", "2026-12-01"]),
        [
            pair(LETTER, "2026-12-02T09:14:00"),
            pair("stockton-2017-08-03", "2026-12-01T16:30:00")
        ]
    );
    assert_eq!(
        records(&["baltimore", "--by", "asmith"]),
        [
            pair(LETTER, "2026-12-02T09:14:00"),
            pair("baltimore", "2026-11-29T08:00:00")
        ]
    );
    assert_eq!(
        ok(&docket(&file, &["log", "--by", "nobody"])),
        "no changes logged\n"
    );
    let err = fails(&docket(&file, &["log", "nowhere"]), 1);
    assert!(
        err.contains("no letter or city with id \"nowhere\""),
        "{err}"
    );
}

#[test]
fn show_prints_the_history_and_its_json_has_the_log() {
    let (_dir, file) = logged_sample();
    let text = ok(&docket(&file, &["show", LETTER, "--as-of", "2017-08-20"]));
    assert!(
        text.ends_with(
            "\nHistory\n  \
             2026-11-30 10:00  jdoe  reply r1 added (complies)\n  \
             2026-12-02 09:14  asmith  due 2017-08-18 -> 2017-09-01\n"
        ),
        "{text}"
    );
    let json: Value = serde_json::from_str(&ok(&docket(
        &file,
        &["show", LETTER, "--json", "--as-of", "2017-08-20"],
    )))
    .unwrap();
    assert_eq!(json["log"][1]["by"], "asmith");
    assert_eq!(json["log"][1]["at"], "2026-12-02T09:14:00");
    assert_eq!(json["log"][1]["what"], "due 2017-08-18 -> 2017-09-01");
}

/// The ids `list`/`due` print as JSON with these arguments.
fn ids(file: &Path, args: &[&str], user: Option<&str>) -> Vec<String> {
    let mut command = command(file, &[args, &["--json", "--as-of", "2017-08-15"]].concat());
    if let Some(user) = user {
        command.env("DOCKET_USER", user);
    }
    let json: Value = serde_json::from_str(&ok(&run(command))).unwrap();
    (json.as_array().unwrap().iter())
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn owners_are_set_by_add_and_edit_and_filter_list_and_due() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path());
    let stockton = "stockton-2017-08-03";
    ok(&docket(
        &file,
        &["edit", "letter", LETTER, "--owner", " jdoe "],
    ));
    ok(&docket(
        &file,
        &["edit", "letter", stockton, "--owner", "asmith"],
    ));
    let added = ok(&docket(
        &file,
        &[
            "add",
            "letter",
            "--city",
            "baltimore",
            "--sent",
            "2017-08-10",
            "--due",
            "2017-08-17",
            "--from",
            "DOJ",
            "--to",
            "BPD",
            "--subject",
            "Follow-up",
            "--owner",
            "JDoe",
        ],
    ));
    assert_eq!(added, "baltimore-2017-08-10\n");
    let docket_now = load(&file);
    assert_eq!(
        docket_now.letter(LETTER).unwrap().owner.as_deref(),
        Some("jdoe")
    );

    let mine = ["baltimore-2017-08-10", LETTER];
    assert_eq!(ids(&file, &["list", "--owner", "jdoe"], None), mine);
    assert_eq!(ids(&file, &["list", "--mine"], Some("jdoe")), mine);
    assert_eq!(
        ids(&file, &["list", "--mine", "--by", "asmith"], Some("jdoe")),
        [stockton]
    );
    assert_eq!(ids(&file, &["due", "--mine"], Some("jdoe")), mine);
    assert_eq!(
        ids(&file, &["due", "--owner", "nobody"], None),
        Vec::<String>::new()
    );
    let json: Value = serde_json::from_str(&ok(&docket(
        &file,
        &[
            "list",
            "--json",
            "--owner",
            "asmith",
            "--as-of",
            "2017-08-15",
        ],
    )))
    .unwrap();
    assert_eq!(json[0]["owner"], "asmith");

    // The table grows an OWNER column when a letter listed has an owner.
    let table = ok(&docket(&file, &["list", "--as-of", "2017-08-15"]));
    let header: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        [
            "ID", "CITY", "STATUS", "DUE", "DAYS", "BIZ", "OWNER", "SUBJECT"
        ]
    );
    assert!(table.contains("  asmith  "), "{table}");
    let text = ok(&docket(
        &file,
        &["due", "--owner", "nobody", "--as-of", "2017-08-15"],
    ));
    assert_eq!(
        text,
        "nothing is overdue or due within 3 days as of 2017-08-15 for nobody\n"
    );

    // Cleared with an empty name or --no-owner; the log says so.
    ok(&docket(
        &file,
        &["edit", "letter", LETTER, "--owner", "", "--by", "x"],
    ));
    ok(&docket(
        &file,
        &["edit", "letter", stockton, "--no-owner", "--by", "x"],
    ));
    let after = load(&file);
    assert_eq!(after.letter(LETTER).unwrap().owner, None);
    assert_eq!(after.letter(stockton).unwrap().owner, None);
    let last = after
        .letter(stockton)
        .unwrap()
        .log
        .last()
        .unwrap()
        .what
        .clone();
    assert_eq!(last, "owner asmith -> none");
    let err = fails(
        &docket(
            &file,
            &["edit", "letter", LETTER, "--owner", "a", "--no-owner"],
        ),
        2,
    );
    assert!(err.contains("--no-owner"), "{err}");
    let shown = ok(&docket(
        &file,
        &["show", "baltimore-2017-08-10", "--as-of", "2017-08-15"],
    ));
    assert!(shown.contains("\nOwner    JDoe\n"), "{shown}");
}
