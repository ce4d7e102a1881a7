//! The real binary against temp files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use support::cli::{docket, stderr};
use support::files::sample_file;
use tempfile::TempDir;

fn list_json(file: &Path, as_of: &str) -> Vec<Value> {
    let out = docket(file, &["list", "--json", "--as-of", as_of]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn list_json_gives_the_sample_countdowns_as_of_each_date() {
    let (_dir, file) = sample_file();
    // (as of, status, days left, business days left)
    let table = [
        ("2017-08-03", "open", 15, 11),
        ("2017-08-10", "open", 8, 6),
        ("2017-08-15", "due-soon", 3, 3),
        ("2017-08-16", "due-soon", 2, 2),
        ("2017-08-18", "due-today", 0, 0),
        ("2017-08-19", "overdue", -1, 0),
        ("2017-08-21", "overdue", -3, -1),
    ];
    for (as_of, status, days, business) in table {
        let items = list_json(&file, as_of);
        assert_eq!(items.len(), 4, "{as_of}");
        for item in &items {
            assert_eq!(item["status"], status, "{as_of}: {item}");
            assert_eq!(item["days_left"], days, "{as_of}: {item}");
            assert_eq!(item["business_days_left"], business, "{as_of}: {item}");
            assert_eq!(item["due"], "2017-08-18");
            assert_eq!(item["sent"], "2017-08-03");
        }
    }
    let cities: Vec<String> = list_json(&file, "2017-08-10")
        .iter()
        .map(|item| item["city"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        cities,
        ["albuquerque", "baltimore", "san-bernardino", "stockton"]
    );
}

#[test]
fn nothing_is_listed_before_the_letters_were_sent() {
    let (_dir, file) = sample_file();
    assert!(list_json(&file, "2017-08-02").is_empty());
}

#[test]
fn list_status_not_yet_sent_lists_the_letters_sent_after_the_as_of_date() {
    // Issue #13 point 5: a letter dated after the as-of date is not lost.
    let (_dir, file) = sample_file();
    let out = docket(
        &file,
        &[
            "list",
            "--json",
            "--as-of",
            "2017-08-02",
            "--status",
            "not-yet-sent",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!items.is_empty());
    assert!(
        items.iter().all(|i| i["status"] == "not-yet-sent"),
        "{items:?}"
    );
    assert!(list_json(&file, "2017-08-02").is_empty());
}

#[test]
fn list_filters_by_city_and_status() {
    let (_dir, file) = sample_file();
    let out = docket(
        &file,
        &[
            "list",
            "--json",
            "--as-of",
            "2017-08-10",
            "--city",
            "baltimore",
        ],
    );
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], "baltimore-2017-08-03");

    let out = docket(
        &file,
        &[
            "list",
            "--json",
            "--as-of",
            "2017-08-10",
            "--status",
            "overdue",
        ],
    );
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(items.is_empty());

    let out = docket(&file, &["list", "--city", "gotham"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no city with id \"gotham\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn list_prints_an_aligned_table() {
    let (_dir, file) = sample_file();
    let out = docket(&file, &["list", "--as-of", "2017-08-21"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("ID "), "{text}");
    assert!(
        lines[2].starts_with(
            "baltimore-2017-08-03       Baltimore       overdue  2017-08-18  -3    -1"
        ),
        "{text}"
    );
}

#[test]
fn as_of_accepts_relative_dates_and_the_environment() {
    let (_dir, file) = sample_file();
    let out = Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["list", "--json", "--file"])
        .arg(&file)
        .env("DOCKET_AS_OF", "2017-08-18")
        .output()
        .unwrap();
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items[0]["status"], "due-today");

    let out = docket(&file, &["list", "--json", "--as-of", "+0d"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let (_dir, file) = sample_file();
    for args in [
        &["list", "--as-of", "2017-02-30"][..],
        &["list", "--status", "late"],
        &["list", "--bogus"],
        &["frobnicate"],
    ] {
        let out = docket(&file, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("docket: "), "{err}");
    }
    let err = stderr(&docket(&file, &["list", "--as-of", "2017-02-30"]));
    assert!(err.contains("\"2017-02-30\" is not a date"), "{err}");
}

#[test]
fn check_reports_ok_or_the_position_of_the_error() {
    let (dir, file) = sample_file();
    let out = docket(&file, &["check"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok, 4 cities, 4 letters"));

    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Docket(\n    version: 1,\n    cities: [\n        City(id: \"x\", nme: \"X\", state: \"MD\"),\n    ],\n)\n").unwrap();
    let before = std::fs::read(&broken).unwrap();
    let out = docket(&broken, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected_prefix = format!("docket: {}:4:", broken.display());
    assert!(err.starts_with(&expected_prefix), "{err}");
    assert!(err.contains("nme"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read(&broken).unwrap(), before);

    // A broken file is never replaced by `list` either.
    let out = docket(&broken, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&broken).unwrap(), before);

    let out = docket(&dir.path().join("missing.ron"), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such file"));
}

#[test]
fn first_run_read_only_commands_show_the_sample_and_write_nothing() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("sub").join("docket.ron");
    let out = docket(&file, &["list", "--json", "--as-of", "2017-08-10"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("no data file"), "{err}");
    assert!(err.contains("bundled sample"), "{err}");
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 4);
    for args in [
        &["due", "--as-of", "2017-08-17"][..],
        &["show", "baltimore-2017-08-03"],
        &["digest", "--date", "2017-08-03"],
        &["export", "--format", "csv"],
    ] {
        let out = docket(&file, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("bundled sample"), "{args:?}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    assert!(!file.exists(), "a read-only command wrote the data file");
    assert!(
        !dir.path().join("sub").exists(),
        "a read-only command made the folder"
    );

    // Once the file exists, nothing is said.
    let out = docket(&file, &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = docket(&file, &["list"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn init_empty_replaces_an_untouched_sample_keeping_it_as_bak() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("docket.ron");
    std::fs::write(&file, docket::store::SAMPLE).unwrap();
    let out = docket(&file, &["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(list_json(&file, "2017-08-10").is_empty());
    let backup = docket::store::backup_path(&file);
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        docket::store::SAMPLE
    );

    // The sample written otherwise (other spacing) but the same docket counts too.
    let file = dir.path().join("spaced.ron");
    std::fs::write(&file, docket::store::SAMPLE.replace("    ", "  ")).unwrap();
    let out = docket(&file, &["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(list_json(&file, "2017-08-10").is_empty());
}

#[test]
fn init_empty_refuses_a_changed_sample() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("docket.ron");
    std::fs::write(&file, docket::store::SAMPLE).unwrap();
    let out = docket(
        &file,
        &["close", "baltimore-2017-08-03", "--on", "2017-09-01"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let before = std::fs::read(&file).unwrap();
    let out = docket(&file, &["init", "--empty"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // `init` without --empty never replaces even the untouched sample.
    let file = dir.path().join("fresh.ron");
    std::fs::write(&file, docket::store::SAMPLE).unwrap();
    let out = docket(&file, &["init"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn init_empty_starts_blank_and_never_overwrites() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("docket.ron");
    let out = docket(&file, &["init", "--empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(list_json(&file, "2017-08-10").is_empty());
    let before = std::fs::read(&file).unwrap();
    let out = docket(&file, &["init"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn path_prints_data_backup_and_lock() {
    let (_dir, file) = sample_file();
    let out = docket(&file, &["path"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("data    {}", file.display())),
        "{text}"
    );
    assert!(
        text.contains(&format!("backup  {}.bak", file.display())),
        "{text}"
    );
    assert!(
        text.contains(&format!("lock    {}.lock", file.display())),
        "{text}"
    );
}
