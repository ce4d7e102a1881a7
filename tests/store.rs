//! Integration tests of the RON store: parsing and writing, loading, the
//! atomic save with its backup, the write lock, and how every kind of broken
//! file is reported. Everything runs on real files in temporary folders.
//!
//! The positions in the malformed-file table were found by running the store
//! and then checked by hand to point at the offending token.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::fs::{self, File};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use docket::model::{Docket, Letter};
use docket::store::SAMPLE;
use docket::store::{self, MAX_FILE_BYTES, Store, StoreError};
use proptest::prelude::*;
use support::files::names_in;
use support::letters::date as d;
use support::strategies;
use support::tmpfs::Tmpfs;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The bundled sample, parsed.
fn sample() -> Docket {
    store::parse(SAMPLE).expect("the bundled sample parses")
}

/// A fixture under `tests/fixtures/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Writes `bytes` to `name` in `dir` and returns its path.
fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

/// The `(line, column, message)` of a parse error, or a panic saying what came instead.
fn parse_error(result: Result<Option<Docket>, StoreError>) -> (usize, usize, String) {
    match result {
        Err(StoreError::Parse {
            line,
            column,
            message,
            ..
        }) => (line, column, message),
        Err(other) => panic!("expected a parse error, got {other:?}"),
        Ok(_) => panic!("expected a parse error, got a docket"),
    }
}

/// The message of an `Invalid` error, or a panic saying what came instead.
fn invalid_message(result: Result<Option<Docket>, StoreError>) -> String {
    match result {
        Err(StoreError::Invalid { message, .. }) => message,
        Err(other) => panic!("expected an invalid-file error, got {other:?}"),
        Ok(_) => panic!("expected an invalid-file error, got a docket"),
    }
}

/// The sample with one more letter whose summary is `summary`.
fn sample_with_summary(summary: String) -> Docket {
    let mut docket = sample();
    let mut letter = Letter::clone(&docket.letters[0]);
    "baltimore-2017-09-01".clone_into(&mut letter.id);
    "baltimore".clone_into(&mut letter.city);
    letter.sent = d("2017-09-01");
    letter.due = Some(d("2017-09-15"));
    letter.summary = summary;
    docket.letters.push(Arc::new(letter));
    docket.normalize();
    docket
}

// ---------------------------------------------------------------------------
// Round trip
// ---------------------------------------------------------------------------

#[test]
fn sample_is_in_canonical_form() {
    assert_eq!(store::to_ron(&sample()), SAMPLE);
}

#[test]
fn sample_round_trips_through_the_store() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("docket.ron");

    let (mut store, docket) = Store::open(&path).unwrap();
    assert_eq!(docket, None, "no file yet");
    assert_eq!(store.path(), path);
    store.save(&sample()).unwrap();
    let first = fs::read(&path).unwrap();
    assert_eq!(first, SAMPLE.as_bytes(), "the sample is written as bundled");
    assert_eq!(store::load(&path).unwrap(), Some(sample()));

    store.save(&sample()).unwrap();
    let second = fs::read(&path).unwrap();
    assert_eq!(second, first, "a second save is byte-identical");
    drop(store);

    let (_store, again) = Store::open(&path).unwrap();
    assert_eq!(again, Some(sample()));
}

#[test]
fn open_creates_the_data_folder() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("a/b/docket.ron");
    let (mut store, docket) = Store::open(&path).unwrap();
    assert_eq!(docket, None);
    assert!(path.parent().unwrap().is_dir());
    assert!(!path.exists(), "opening does not write the data file");
    store.save(&Docket::new()).unwrap();
    assert_eq!(store::load(&path).unwrap(), Some(Docket::new()));
}

// ---------------------------------------------------------------------------
// Malformed files
// ---------------------------------------------------------------------------

/// (fixture, line, column, a piece of the message). Each position was checked
/// by hand against the fixture.
const MALFORMED: &[(&str, usize, usize, &str)] = &[
    // `state` on the line after `name: "Baltimore"` with no comma between.
    ("missing_comma.ron", 7, 13, "expected comma"),
    // The opening quote of a string that runs to the end of the file.
    ("unclosed_string.ron", 8, 20, "expected end of string"),
    // A string missing its closing quote ends at the next quote, on the line
    // after; the error is at the first token after that.
    (
        "unclosed_string_swallows_next_line.ron",
        7,
        21,
        "expected comma",
    ),
    ("unknown_city_field.ron", 8, 13, "`population` in `City`"),
    ("unknown_letter_field.ron", 18, 13, "`priority` in `Letter`"),
    // Inside the quotes of `due: Some("2017-02-30")`.
    ("bad_date.ron", 18, 24, "out of range"),
    (
        "unknown_reply_kind.ron",
        22,
        27,
        "`Ignores` in enum `ReplyKind`",
    ),
];

/// Fixtures whose reported position is not yet on the bad token: the store
/// passes on ron's position, which is just before the whitespace in front of
/// it. The positions here are where the bad token is.
const MALFORMED_POSITION_BUG: &[(&str, usize, usize, &str)] = &[
    // `demands: "..."` where a list is expected: the `"` is at column 22;
    // the store reports 18:21 (the space before it).
    ("wrong_type.ron", 18, 22, "expected opening `[`"),
    // Merge-conflict residue on the line after the closing `)`; the store
    // reports 10:2 (just after the `)`).
    ("trailing_garbage.ron", 11, 1, "trailing characters"),
];

fn check_malformed(table: &[(&str, usize, usize, &str)], check_position: bool) {
    for &(name, line, column, needle) in table {
        let path = fixture(name);
        let result = store::load(&path);
        let err = result.as_ref().err().map(ToString::to_string);
        let (got_line, got_column, message) = parse_error(result);
        assert!(
            message.contains(needle),
            "{name}: message {message:?} lacks {needle:?}"
        );
        if check_position {
            assert_eq!((got_line, got_column), (line, column), "{name}: {message}");
            let shown = err.unwrap();
            let prefix = format!("{}:{line}:{column}: ", path.display());
            assert!(shown.starts_with(&prefix), "{name}: {shown}");
        }
    }
}

#[test]
fn malformed_fixtures_report_line_and_column() {
    check_malformed(MALFORMED, true);
    // Still errors with the right message, whatever their position.
    check_malformed(MALFORMED_POSITION_BUG, false);
}

#[test]
fn malformed_positions_point_at_the_bad_token() {
    check_malformed(MALFORMED_POSITION_BUG, true);
}

#[test]
fn a_byte_order_mark_is_accepted_and_does_not_shift_positions() {
    let tmp = TempDir::new().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(SAMPLE.as_bytes());
    let path = write(tmp.path(), "bom.ron", &bytes);
    assert_eq!(store::load(&path).unwrap(), Some(sample()));

    let mut broken = b"\xEF\xBB\xBF".to_vec();
    broken.extend(fs::read(fixture("missing_comma.ron")).unwrap());
    let path = write(tmp.path(), "bom-broken.ron", &broken);
    let (line, column, _) = parse_error(store::load(&path));
    assert_eq!((line, column), (7, 13));
}

#[test]
fn empty_blank_and_nul_files_are_errors_not_empty_dockets() {
    let tmp = TempDir::new().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        ("empty.ron", b"", "is empty"),
        ("blank.ron", b" \n\t\r\n  \n", "is empty"),
        ("bom-only.ron", b"\xEF\xBB\xBF\n", "is empty"),
        ("nul.ron", &[0; 4096], "NUL bytes"),
        ("one-nul.ron", &[0], "NUL bytes"),
    ];
    for (name, bytes, needle) in cases {
        let path = write(tmp.path(), name, bytes);
        let message = invalid_message(store::load(&path));
        assert!(message.contains(needle), "{name}: {message}");
        let shown = Store::open(&path).unwrap_err().to_string();
        assert!(
            shown.starts_with(&format!("{}: ", path.display())),
            "{name}: {shown}"
        );
    }
}

#[test]
fn a_missing_file_is_none() {
    let tmp = TempDir::new().unwrap();
    assert_eq!(store::load(&tmp.path().join("nope.ron")).unwrap(), None);
}

#[test]
fn invalid_utf8_reports_line_and_column() {
    let tmp = TempDir::new().unwrap();
    // Latin-1 "é" (0xE9) in a comment on line 4, after a UTF-8 "é": the
    // column counts characters, not bytes.
    let bytes = b"Docket(\n    version: 1,\n    cities: [],\n    // caf\xC3\xA9 caf\xE9\n)\n";
    let path = write(tmp.path(), "latin1.ron", bytes);
    let (line, column, message) = parse_error(store::load(&path));
    assert_eq!((line, column), (4, 16), "{message}");
    assert!(message.contains("UTF-8"), "{message}");
}

// ---------------------------------------------------------------------------
// Versions
// ---------------------------------------------------------------------------

fn assert_refused_as_newer(text: &str) {
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "newer.ron", text);
    let result = store::load(&path);
    let shown = result.as_ref().unwrap_err().to_string();
    let (_, _, message) = parse_error(result);
    assert!(message.contains("version 3"), "{message}");
    let reads = format!("reads (version {})", Docket::VERSION);
    assert!(message.contains(&reads), "{message}");
    assert!(shown.contains(&path.display().to_string()), "{shown}");
}

#[test]
fn a_newer_version_is_refused_saying_which_version_this_build_reads() {
    assert_refused_as_newer("Docket(version: 3, cities: [], letters: [])\n");
}

/// A version 1 letter: replies and an extension out of date order, and
/// the single `closed` of version 1.
const VERSION_1: &str = r#"Docket(
    version: 1,
    cities: [City(id: "baltimore", name: "Baltimore", state: "MD", notes: "")],
    letters: [
        Letter(
            id: "baltimore-2017-08-03",
            city: "baltimore",
            from: "DOJ",
            to: "Police",
            subject: "Public Safety Partnership",
            sent: "2017-08-03",
            due: Some("2017-08-18"),
            replies: [
                Reply(on: "2017-08-17", from: "City", kind: Disputes, summary: ""),
                Reply(on: "2017-08-05", from: "City", kind: Acknowledges, summary: ""),
            ],
            extensions: [Extension(granted_on: "2017-08-10", new_due: "2017-08-25", note: "")],
            closed: Some(Closing(on: "2017-09-01", outcome: "resolved")),
        ),
    ],
)
"#;

#[test]
fn a_version_1_file_loads_with_ids_in_date_order_and_its_closing() {
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "docket.ron", VERSION_1);
    let docket = store::load(&path).unwrap().unwrap();
    assert_eq!(docket.version, 2);
    let letter = docket.letter("baltimore-2017-08-03").unwrap();
    let mut replies: Vec<(&str, String)> = (letter.replies.iter())
        .map(|r| (r.id.as_str(), r.on.to_string()))
        .collect();
    replies.sort();
    assert_eq!(
        replies,
        [
            ("r1", "2017-08-05".to_owned()),
            ("r2", "2017-08-17".to_owned())
        ]
    );
    assert_eq!(letter.extensions[0].id, "x1");
    assert_eq!(letter.closings.len(), 1);
    assert_eq!(letter.closings[0].id, "c1");
    assert_eq!(letter.closings[0].on, d("2017-09-01"));
    assert_eq!(letter.closings[0].reopened_on, None);
}

#[test]
fn the_first_save_of_a_version_1_file_writes_version_2_and_keeps_version_1_in_the_backup() {
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "docket.ron", VERSION_1);
    let (mut store, docket) = Store::open(&path).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        VERSION_1,
        "loading writes nothing"
    );
    store.save(&docket.unwrap()).unwrap();
    let written = fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("Docket(\n    version: 2,\n"),
        "{written}"
    );
    assert!(written.contains("closings: ["), "{written}");
    assert!(!written.contains("closed:"), "{written}");
    assert!(written.contains("id: \"r2\""), "{written}");
    let backup = fs::read_to_string(store::backup_path(&path)).unwrap();
    assert_eq!(backup, VERSION_1);
    let again = store::load(&path).unwrap().unwrap();
    assert_eq!(store::to_ron(&again), written, "version 2 round-trips");
}

#[test]
fn a_newer_version_with_an_unknown_field_is_refused_as_newer() {
    assert_refused_as_newer("Docket(version: 3, cities: [], letters: [], colour: \"red\")\n");
    assert_refused_as_newer("Docket(\n    version: 3,\n    archived: [],\n)\n");
}

#[test]
fn version_zero_is_refused() {
    let err = store::parse("Docket(version: 0, cities: [], letters: [])").unwrap_err();
    assert!(err.message.contains("version 0"), "{}", err.message);
    assert!(
        err.message
            .contains(&format!("reads version {}", Docket::VERSION)),
        "{}",
        err.message
    );
}

// ---------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------

/// A stack overflow would abort the whole test process, so passing at all
/// proves these are errors, not crashes.
#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    const DEPTH: usize = 100_000;
    let cases = [
        format!("Docket(version: 1, cities: {}", "[".repeat(DEPTH)),
        format!("Docket(version: 1, letters: {}", "[".repeat(DEPTH)),
        format!("Docket(version: 1, x: {}", "[".repeat(DEPTH)),
        format!("Docket(version: 1, x: {}", "(".repeat(DEPTH)),
        format!("Docket(version: 1, x: {}", "{".repeat(DEPTH)),
        format!("Docket(version: 1, x: {}", "Some(".repeat(DEPTH)),
        format!("Docket(version: 1, x: {}", "A(".repeat(DEPTH)),
        // A newer version makes the store read the file again for its version.
        format!("Docket(version: 3, x: {}", "[".repeat(DEPTH)),
        format!("Docket(version: 3, x: {}", "A(x: ".repeat(DEPTH)),
        format!("{}Docket(version: 1)", "[".repeat(DEPTH)),
    ];
    for text in &cases {
        let start: String = text.chars().take(30).collect();
        assert!(store::parse(text).is_err(), "{start}...");
    }
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "deep.ron", &cases[2]);
    parse_error(store::load(&path));
}

#[test]
fn an_oversize_file_is_refused_quickly() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("huge.ron");
    File::create(&path)
        .unwrap()
        .set_len(MAX_FILE_BYTES + 1)
        .unwrap();
    let started = Instant::now();
    let message = invalid_message(store::load(&path));
    let shown = Store::open(&path).unwrap_err().to_string();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}: the file was read",
        started.elapsed()
    );
    let limit = format!("{} MiB", MAX_FILE_BYTES >> 20);
    assert!(message.contains(&limit), "{message}");
    assert!(shown.contains(&limit), "{shown}");
}

#[test]
fn a_folder_is_not_a_docket_file() {
    let tmp = TempDir::new().unwrap();
    let message = invalid_message(store::load(tmp.path()));
    assert!(message.contains("folder"), "{message}");
}

// ---------------------------------------------------------------------------
// Records that break the docket's rules
// ---------------------------------------------------------------------------

const DUPLICATE_LETTER: &str = r#"Docket(
    version: 1,
    cities: [
        City(id: "baltimore", name: "Baltimore", state: "MD"),
    ],
    letters: [
        Letter(id: "baltimore-2017-08-03", city: "baltimore", from: "DOJ", to: "BPD", subject: "PSP", sent: "2017-08-03"),
        Letter(id: "baltimore-2017-08-03", city: "baltimore", from: "DOJ", to: "BPD", subject: "PSP again", sent: "2017-08-03"),
    ],
)
"#;

const DUPLICATE_CITY: &str = r#"Docket(
    version: 1,
    cities: [
        City(id: "baltimore", name: "Baltimore", state: "MD"),
        City(id: "stockton", name: "Stockton", state: "CA"),
        City(id: "baltimore", name: "Baltimore", state: "MD"),
    ],
)
"#;

const MISSING_CITY: &str = r#"Docket(
    version: 1,
    cities: [
        City(id: "baltimore", name: "Baltimore", state: "MD"),
    ],
    letters: [
        Letter(id: "baltimore-2017-08-03", city: "baltimore", from: "DOJ", to: "BPD", subject: "PSP", sent: "2017-08-03"),
        Letter(id: "gotham-2017-08-03", city: "gotham", from: "DOJ", to: "GCPD", subject: "PSP", sent: "2017-08-03"),
    ],
)
"#;

const EARLY_REPLY: &str = r#"Docket(
    version: 1,
    cities: [
        City(id: "baltimore", name: "Baltimore", state: "MD"),
    ],
    letters: [
        Letter(
            id: "baltimore-2017-08-03",
            city: "baltimore",
            from: "DOJ",
            to: "BPD",
            subject: "PSP",
            sent: "2017-08-03",
            replies: [
                Reply(on: "2017-08-01", from: "BPD", kind: Complies),
            ],
        ),
    ],
)
"#;

#[test]
fn records_that_break_rules_are_named_with_their_line() {
    // (name, text, line, column, pieces of the message)
    let table: [(&str, &str, usize, usize, &[&str]); 4] = [
        (
            "duplicate letter",
            DUPLICATE_LETTER,
            8,
            16,
            &[r#"letter "baltimore-2017-08-03""#, "more than once"],
        ),
        (
            "duplicate city",
            DUPLICATE_CITY,
            6,
            14,
            &[r#"city "baltimore""#, "more than once"],
        ),
        (
            "missing city",
            MISSING_CITY,
            8,
            16,
            &[
                r#"letter "gotham-2017-08-03""#,
                r#"names city "gotham", which does not exist"#,
            ],
        ),
        (
            "reply before sending",
            EARLY_REPLY,
            8,
            13,
            &[
                r#"letter "baltimore-2017-08-03""#,
                "reply dated 2017-08-01, before the letter was sent on 2017-08-03",
            ],
        ),
    ];
    let tmp = TempDir::new().unwrap();
    for (name, text, line, column, needles) in table {
        assert!(store::parse(text).is_ok(), "{name}: parse checks no rules");
        let path = write(tmp.path(), "rules.ron", text);
        let (got_line, got_column, message) = parse_error(store::load(&path));
        for needle in needles {
            assert!(
                message.contains(needle),
                "{name}: {message:?} lacks {needle:?}"
            );
        }
        assert_eq!((got_line, got_column), (line, column), "{name}: {message}");
    }
}

#[test]
fn a_record_whose_id_has_an_apostrophe_is_located() {
    let text = r#"Docket(
    version: 1,
    cities: [
        City(id: "o\'fallon", name: "O\'Fallon", state: "MO"),
        City(id: "o\'fallon", name: "O\'Fallon", state: "IL"),
    ],
)
"#;
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "apostrophe.ron", text);
    let (line, column, message) = parse_error(store::load(&path));
    assert!(message.contains("more than once"), "{message}");
    assert_eq!((line, column), (5, 14), "{message}");
}

// ---------------------------------------------------------------------------
// Saving: backup, permissions, symlinks
// ---------------------------------------------------------------------------

#[test]
fn the_backup_holds_the_previous_version() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("docket.ron");
    let backup = store::backup_path(&path);
    assert_eq!(backup, tmp.path().join("docket.ron.bak"));

    let (mut store, _) = Store::open(&path).unwrap();
    store.save(&Docket::new()).unwrap();
    assert!(!backup.exists(), "nothing to back up on the first save");
    let first = fs::read(&path).unwrap();

    store.save(&sample()).unwrap();
    assert_eq!(fs::read(&backup).unwrap(), first);
    assert_eq!(fs::read(&path).unwrap(), SAMPLE.as_bytes());

    let third = sample_with_summary("A third version.".to_owned());
    store.save(&third).unwrap();
    assert_eq!(fs::read(&backup).unwrap(), SAMPLE.as_bytes());
    assert_eq!(store::load(&path).unwrap(), Some(third));
    assert_eq!(store::load(&backup).unwrap(), Some(sample()));
}

#[test]
fn saving_keeps_the_file_mode() {
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "docket.ron", SAMPLE);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let (mut store, _) = Store::open(&path).unwrap();
    store.save(&Docket::new()).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "mode is {mode:o}");
    assert_eq!(store::load(&path).unwrap(), Some(Docket::new()));
}

#[test]
fn saving_through_a_symlink_replaces_the_target_and_keeps_the_link() {
    let tmp = TempDir::new().unwrap();
    fs::create_dir(tmp.path().join("real")).unwrap();
    let target = write(&tmp.path().join("real"), "docket.ron", SAMPLE);
    let link = tmp.path().join("docket.ron");
    symlink("real/docket.ron", &link).unwrap();

    let (mut store, docket) = Store::open(&link).unwrap();
    assert_eq!(docket, Some(sample()));
    assert_eq!(store.path(), link);
    store.save(&Docket::new()).unwrap();

    let meta = fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    assert_eq!(fs::read_link(&link).unwrap(), Path::new("real/docket.ron"));
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        store::to_ron(&Docket::new())
    );
    assert_eq!(
        fs::read(store::backup_path(&target)).unwrap(),
        SAMPLE.as_bytes(),
        "the backup sits beside the target"
    );
}

// ---------------------------------------------------------------------------
// The write lock
// ---------------------------------------------------------------------------

#[test]
fn a_lock_held_longer_than_a_write_refuses_the_store_until_it_dies() {
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "docket.ron", SAMPLE);
    let lock = store::lock_path(&path);
    assert_eq!(lock, tmp.path().join("docket.ron.lock"));

    let holder = support::files::hold_lock(&lock);
    match Store::open(&path) {
        Err(err @ StoreError::Locked { .. }) => {
            let message = err.to_string();
            assert!(
                message.starts_with(&format!(
                    "{} is being written by another process, which has held {} for over 3 seconds",
                    path.display(),
                    lock.display()
                )),
                "{message}"
            );
            assert!(message.contains(&lock.display().to_string()), "{message}");
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    assert_eq!(
        store::load(&path).unwrap(),
        Some(sample()),
        "reading needs no lock"
    );

    drop(holder); // killed and reaped
    let (_store, docket) = Store::open(&path).expect("a lock dies with its process");
    assert_eq!(docket, Some(sample()));
}

#[test]
fn a_command_holds_the_lock_until_its_store_goes() {
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("docket.ron");
    let (first, _) = Store::open(&path).unwrap();
    // A command reads, changes and writes under the lock: another waits, and
    // is refused when the lock stays held.
    assert!(matches!(Store::open(&path), Err(StoreError::Locked { .. })));
    drop(first);
    Store::open(&path).expect("the lock goes with the store");
}

// ---------------------------------------------------------------------------
// Failures leave the file alone
// ---------------------------------------------------------------------------

#[test]
fn a_load_failure_leaves_the_file_untouched() {
    let tmp = TempDir::new().unwrap();
    let bytes = fs::read(fixture("missing_comma.ron")).unwrap();
    let path = write(tmp.path(), "docket.ron", &bytes);
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_501_718_400); // 2017-08-03
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();

    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Parse { line: 7, .. }), "{err:?}");
    assert!(store::load(&path).is_err());

    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), old);
    assert!(!store::backup_path(&path).exists());
    assert!(
        names_in(tmp.path()).iter().all(|n| !n.ends_with(".tmp")),
        "{:?}",
        names_in(tmp.path())
    );
}

/// Saves a docket too large for a 64 KiB tmpfs over the sample, checks that
/// the old file is intact and still loads and that no temporary file is left,
/// and hands the error and the data file's path to `check`. Where a tmpfs
/// cannot be mounted the test skips (under CI it fails instead: see
/// [`Tmpfs::mount`]).
#[track_caller]
fn save_on_a_full_disk(check: impl FnOnce(&StoreError, &Path)) {
    let Some(mounted) = Tmpfs::mount("64k") else {
        return;
    };
    let disk = mounted.path();
    let path = write(disk, "docket.ron", SAMPLE);
    {
        let (mut store, docket) = Store::open(&path).unwrap();
        assert_eq!(docket, Some(sample()));
        let used = mounted.used();
        let big = sample_with_summary("x".repeat(200 * 1024));
        let err = store.save(&big).expect_err("200 KB cannot fit in 64 KiB");

        assert_eq!(
            fs::read(&path).unwrap(),
            SAMPLE.as_bytes(),
            "the old file is intact"
        );
        assert_eq!(store::load(&path).unwrap(), Some(sample()));
        let left: Vec<String> = names_in(disk)
            .into_iter()
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(left.is_empty(), "temporary files left behind: {left:?}");
        check(&err, &path);
        // The store still works once there is room. (The room comes back a
        // moment after the temporary file is gone when a process another
        // test started meanwhile got a copy of it, until its exec.)
        mounted.wait_until_used(used);
        store.save(&Docket::new()).unwrap();
        assert_eq!(store::load(&path).unwrap(), Some(Docket::new()));
    }
}

#[test]
fn a_failed_save_on_a_full_disk_keeps_the_old_file() {
    save_on_a_full_disk(|err, _| {
        let message = err.to_string();
        assert!(matches!(err, StoreError::Io { .. }), "{err:?}");
        assert!(message.contains("could not write"), "{message}");
        assert!(message.contains("No space left on device"), "{message}");
        assert!(!message.contains('\n'), "one sentence: {message}");
    });
}

#[test]
fn a_failed_save_names_the_data_file() {
    save_on_a_full_disk(|err, path| {
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("{}: ", path.display())),
            "{message}"
        );
    });
}

#[test]
fn a_data_path_under_a_file_is_a_clear_error() {
    let tmp = TempDir::new().unwrap();
    let file = write(tmp.path(), "somefile", "not a folder");
    let path = file.join("docket.ron");

    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: is a file, not a folder, so {} cannot be under it",
            file.display(),
            path.display()
        )
    );
    assert!(
        store::load(&path).is_err(),
        "not a first run: the file cannot exist there"
    );
    assert_eq!(fs::read(&file).unwrap(), b"not a folder");
}

#[test]
fn open_removes_stale_temporaries() {
    let tmp = TempDir::new().unwrap();
    let path = write(tmp.path(), "docket.ron", SAMPLE);
    write(tmp.path(), ".docket.ron.a1B2c3.tmp", "half a docket");
    write(tmp.path(), ".docket.ron.zz.tmp", "");
    // Not ours: another file's temporaries, and our own backup.
    write(tmp.path(), ".other.ron.a1B2c3.tmp", "");
    write(tmp.path(), "docket.ron.tmp", "");
    fs::write(store::backup_path(&path), SAMPLE).unwrap();

    let (_store, docket) = Store::open(&path).unwrap();
    assert_eq!(docket, Some(sample()));
    assert_eq!(
        names_in(tmp.path()),
        [
            ".other.ron.a1B2c3.tmp",
            "docket.ron",
            "docket.ron.bak",
            "docket.ron.lock",
            "docket.ron.tmp",
        ]
    );
}

// ---------------------------------------------------------------------------
// Property: any docket survives to_ron and parse
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_docket_survives_to_ron_and_parse(docket in strategies::docket()) {
        let text = store::to_ron(&docket);
        let back = store::parse(&text);
        prop_assert!(back.is_ok(), "{:?}\n{}", back, text);
        let mut back = back.unwrap();
        prop_assert_eq!(store::to_ron(&back), text.clone(), "to_ron is stable");
        let mut expected = docket;
        expected.normalize();
        back.normalize();
        prop_assert_eq!(back, expected, "{}", text);
    }
}
