//! `docket import --format json`: the round trip with `export`, errors at
//! `serde_json`'s line and column, ids that already exist, the lock, dry runs.
//! Every refusal leaves the data file byte-identical.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use docket::model::Docket;
use std::sync::Arc;
use support::cli::{docket, empty_file, fails, import, import_refused, ok, stderr};
use support::files::{hold_lock, load, sample_file, story_file, write};

// ---------------------------------------------------------------------------
// Round trips

/// The docket in `file`, each record's log checked to be one entry saying
/// it came from `source`, then cleared: the rest must round-trip unchanged.
fn imported_from(file: &std::path::Path, source: &str) -> Docket {
    let mut docket = load(file);
    let what = format!("imported from {source}");
    for city in &mut docket.cities {
        let whats: Vec<&str> = city.log.iter().map(|e| e.what.as_str()).collect();
        assert_eq!(whats, [what.as_str()], "city {}", city.id);
        city.log.clear();
    }
    for letter in &mut docket.letters {
        let letter = Arc::make_mut(letter);
        let whats: Vec<&str> = letter.log.iter().map(|e| e.what.as_str()).collect();
        assert_eq!(whats, [what.as_str()], "letter {}", letter.id);
        letter.log.clear();
    }
    docket
}
// ---------------------------------------------------------------------------

#[test]
fn json_export_import_export_is_identical() {
    let (dir, story) = story_file();
    let exported = ok(&docket(&story, &["export", "--format", "json"]));
    let json = write(&dir, "story.json", &exported);
    let target = empty_file(&dir);
    let text = ok(&import(&target, "json", &json, &[]));
    assert!(
        text.contains("added letter stockton-2017-08-03\n"),
        "{text}"
    );
    assert!(
        text.ends_with(
            "5 letters and 4 cities imported into {}\n"
                .replace("{}", &target.display().to_string())
                .as_str()
        ),
        "{text}"
    );
    assert_eq!(imported_from(&target, "story.json"), load(&story));
}

#[test]
fn json_round_trip_keeps_retired_ids() {
    let (dir, story) = story_file();
    let mut docket_with_retired = load(&story);
    docket_with_retired.retired_ids = vec!["baltimore-2017-07-01".to_owned()];
    let source = write(
        &dir,
        "retired.ron",
        &docket::store::to_ron(&docket_with_retired),
    );
    let exported = ok(&docket(&source, &["export", "--format", "json"]));
    assert!(exported.contains("\"retired_ids\""), "{exported}");
    let json = write(&dir, "retired.json", &exported);
    let target = empty_file(&dir);
    ok(&import(&target, "json", &json, &[]));
    assert_eq!(imported_from(&target, "retired.json"), docket_with_retired);
}

/// Extensions are judged when granted (`add extension`, the form), not when a
/// letter comes in whole: a file written before that rule, with extensions
/// listed out of order or moving the deadline earlier, still round-trips.
#[test]
fn json_round_trip_keeps_extensions_as_they_are_stored() {
    let (dir, story) = story_file();
    let mut earlier = load(&story);
    let letter = Arc::make_mut(&mut earlier.letters[0]);
    let due = letter.due.unwrap_or(letter.sent);
    let extension = |days: u64, granted: u64| docket::model::Extension {
        id: String::new(),
        granted_on: letter.sent + chrono::Days::new(granted),
        new_due: due + chrono::Days::new(days),
        note: String::new(),
    };
    letter.extensions = vec![extension(1, 3), extension(9, 2), extension(9, 2)];
    letter.assign_entry_ids();
    let source = write(&dir, "earlier.ron", &docket::store::to_ron(&earlier));
    let exported = ok(&docket(&source, &["export", "--format", "json"]));
    let json = write(&dir, "earlier.json", &exported);
    let target = empty_file(&dir);
    ok(&import(&target, "json", &json, &[]));
    assert_eq!(imported_from(&target, "earlier.json"), earlier);
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

#[test]
fn bad_json_is_named_by_line_and_column() {
    let (dir, file) = story_file();
    let table = [
        (
            "{\"version\": 1,\n \"cities\": [\n  {\"id\": \"x\", \"nme\": \"X\"}]}",
            "3:19:",
            "unknown field `nme`",
        ),
        (
            "{\"version\": 1,\n \"cities\": [,]}",
            "2:13:",
            "expected value",
        ),
        ("{\"version\": 7, \"future\": true}", "1:1:", "version 7"),
        (
            "{\"version\": 1, \"letters\": [{\"id\": \"x\"}]}",
            "1:",
            "missing field",
        ),
    ];
    for (text, place, words) in table {
        let json = write(&dir, "bad.json", text);
        let err = import_refused(&file, "json", &json, &[]);
        let prefix = format!("docket: {}:{place}", json.display());
        assert!(
            err.starts_with(&prefix),
            "{text}: expected {prefix}..., got {err}"
        );
        assert!(err.contains(words), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn a_json_reply_before_sending_is_refused() {
    let (dir, file) = story_file();
    let mut incoming = Docket::new();
    let mut letter = load(&file).letter("baltimore-2017-08-03").unwrap().clone();
    letter.id = "baltimore-2017-09-01".to_owned();
    letter.sent = "2017-09-01".parse().unwrap();
    letter.due = None;
    incoming.letters.push(Arc::new(letter));
    let json = write(
        &dir,
        "early.json",
        &serde_json::to_string_pretty(&incoming).unwrap(),
    );
    let err = import_refused(&file, "json", &json, &[]);
    assert!(
        err.contains("letter \"baltimore-2017-09-01\": has a reply dated 2017-08-10, before the letter was sent on 2017-09-01"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// Ids that already exist
// ---------------------------------------------------------------------------

#[test]
fn existing_ids_refuse_the_import_unless_skipped() {
    let (dir, story) = story_file();
    let json = write(
        &dir,
        "story.json",
        &ok(&docket(&story, &["export", "--format", "json"])),
    );
    let (_sample_dir, sample) = sample_file();
    let err = import_refused(&sample, "json", &json, &[]);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("4 records are already in"), "{err}");
    for id in [
        "albuquerque-2017-08-03",
        "baltimore-2017-08-03",
        "san-bernardino-2017-08-03",
        "stockton-2017-08-03",
    ] {
        assert!(err.contains(&format!("letter {id}")), "{err}");
    }
    assert!(
        !err.contains("city "),
        "identical cities are not clashes: {err}"
    );

    let text = ok(&import(&sample, "json", &json, &["--skip-existing"]));
    assert!(
        text.starts_with("added letter albuquerque-2017-08-21\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "skipped letter baltimore-2017-08-03: letter \"baltimore-2017-08-03\" already exists\n"
        ),
        "{text}"
    );
    let docket = load(&sample);
    assert_eq!(docket.letters.len(), 5);
    assert!(
        docket
            .letter("baltimore-2017-08-03")
            .unwrap()
            .replies
            .is_empty(),
        "not overwritten"
    );
}

// ---------------------------------------------------------------------------
// The lock, dry runs, missing files
// ---------------------------------------------------------------------------

#[test]
fn a_data_file_locked_for_longer_than_a_write_refuses_the_import() {
    let (dir, story) = story_file();
    let json = write(
        &dir,
        "story.json",
        &ok(&docket(&story, &["export", "--format", "json"])),
    );
    let (_target_dir, target) = sample_file();
    let lock = docket::store::lock_path(&target);
    let guard = hold_lock(&lock);
    let err = import_refused(&target, "json", &json, &["--skip-existing"]);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("is being written by another process"), "{err}");
    drop(guard);
    ok(&import(&target, "json", &json, &["--skip-existing"]));
    assert_eq!(
        load(&target).letters.len(),
        5,
        "imports once the lock is free"
    );
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let (dir, story) = story_file();
    let json = write(
        &dir,
        "story.json",
        &ok(&docket(&story, &["export", "--format", "json"])),
    );
    let target = empty_file(&dir);
    let before = std::fs::read(&target).unwrap();
    let text = ok(&import(&target, "json", &json, &["--dry-run"]));
    assert!(
        text.contains("would add letter baltimore-2017-08-03\n"),
        "{text}"
    );
    assert!(text.contains("dry run, nothing written"), "{text}");
    assert_eq!(std::fs::read(&target).unwrap(), before);
}

#[test]
fn import_into_a_missing_file_creates_it_with_only_the_imported_records() {
    let (dir, story) = story_file();
    let json = write(
        &dir,
        "story.json",
        &ok(&docket(&story, &["export", "--format", "json"])),
    );
    let target = dir.path().join("new").join("docket.ron");
    let out = import(&target, "json", &json, &[]);
    ok(&out);
    assert!(stderr(&out).contains("created"), "{}", stderr(&out));
    assert_eq!(imported_from(&target, "story.json"), load(&story));
}

#[test]
fn import_usage_and_input_errors() {
    let (dir, file) = story_file();
    let before = std::fs::read(&file).unwrap();
    fails(&docket(&file, &["import", "story.json"]), 2);
    fails(
        &docket(&file, &["import", "--format", "xml", "story.json"]),
        2,
    );
    fails(&docket(&file, &["import", "--format", "json"]), 2);
    let missing = dir.path().join("missing.json");
    let err = fails(&import(&file, "json", &missing, &[]), 1);
    assert!(err.contains("missing.json: could not read"), "{err}");
    let binary = dir.path().join("binary.csv");
    std::fs::write(&binary, b"id\xff\xfe\n").unwrap();
    let err = fails(&import(&file, "csv", &binary, &[]), 1);
    assert!(err.contains("is not UTF-8 text"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn import_reads_standard_input_for_a_dash() {
    use std::io::Write;
    let (dir, story) = story_file();
    let exported = ok(&docket(&story, &["export", "--format", "json"]));
    let target = empty_file(&dir);
    let mut child = support::cli::command(&target, &["import", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(exported.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(ok(&out).ends_with(&format!(
        "-: 5 letters and 4 cities imported into {}\n",
        target.display()
    )));
    assert_eq!(imported_from(&target, "standard input"), load(&story));
}
