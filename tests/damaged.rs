//! Damaged and hostile data files (issue 6, item 3).
//!
//! `tests/store.rs` checks hand-made broken files one by one, each with its
//! exact position. This file throws many damaged files at the store and
//! checks the same promise on every one of them:
//!
//! - the load returns, promptly and without a panic: a docket, or an error;
//! - an error reads as one line that starts with the file's path, and a
//!   parse error's line and column lie within the text (only an empty or
//!   all-NUL file may be refused without a position);
//! - a docket that loads keeps the rules, and writing it out with `to_ron`
//!   and parsing that again gives the same docket;
//! - a file that failed to open in a [`Store`] is left exactly as it was.
//!
//! The damage: every truncated prefix of the bundled sample and many of a
//! generated 50-letter docket; random byte changes, insertions and deletions;
//! arbitrary bytes; structured mutations (lines swapped, duplicated or
//! deleted, dates and reply kinds replaced, brackets nested); UTF-16, CR LF
//! line ends, a 10 MB field, a symlink loop, a named pipe, and damage to a
//! file big enough to be parsed in parts on several threads.
//!
//! Property tests run a fixed number of cases with a random seed each run
//! (set `PROPTEST_RNG_SEED` to repeat one). The whole file is kept to a few
//! seconds of work per test in a debug build, which is what CI runs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::LazyLock;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use chrono::{Days, NaiveDate};
use docket::model::{City, Closing, Docket, Extension, Reply, ReplyKind};
use docket::store::SAMPLE;
use docket::store::{self, Store, StoreError};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{TestCaseError, TestRunner};
use support::files::{named_pipe, names_in};
use support::letters::letter;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// The valid files that get damaged
// ---------------------------------------------------------------------------

/// The bundled sample, parsed.
fn sample() -> Docket {
    store::parse(SAMPLE).expect("the bundled sample parses")
}

/// Cities for the generated docket, with apostrophes and accents.
const CITIES: [(&str, &str, &str); 10] = [
    ("albuquerque", "Albuquerque", "NM"),
    ("anchorage", "Anchorage", "AK"),
    ("baltimore", "Baltimore", "MD"),
    ("canon-city", "Cañon City", "CO"),
    ("coeur-d-alene", "Coeur d'Alene", "ID"),
    ("espanola", "Española", "NM"),
    ("o-fallon", "O'Fallon", "MO"),
    ("san-bernardino", "San Bernardino", "CA"),
    ("stockton", "Stockton", "CA"),
    ("winston-salem", "Winston-Salem", "NC"),
];

/// A docket of `letters` letters (at most 50 make sense) over ten cities,
/// with replies of every kind, extensions, closings, programs, sources,
/// tags, retired ids, and strings with quotes, escapes and non-ASCII text.
/// The first letter in the file has a reply, two extensions and a closing.
fn generated(letters: usize) -> Docket {
    let cities = CITIES
        .iter()
        .enumerate()
        .map(|(i, &(id, name, state))| City {
            id: id.to_owned(),
            name: name.to_owned(),
            state: state.to_owned(),
            notes: if i % 3 == 1 {
                String::new()
            } else {
                format!("{name}: the mayor said \"we'll see\" \u{2014} 市長 🏛")
            },
            log: Vec::new(),
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2017, 1, 2).expect("a date");
    let letters = (0..letters)
        .map(|i| {
            let (city, name, _) = CITIES[i % CITIES.len()];
            let sent = start + Days::new(i as u64 * 5);
            let day = |n: usize| sent + Days::new(n as u64);
            let replies = if i % 5 == 4 { 0 } else { 1 + i % 3 };
            let extensions = [2, 0, 1, 0, 1, 0][i % 6];
            Arc::new(
                letter(format!("{city}-{sent}"), city, sent)
                    .from("U.S. Department of Justice")
                    .to(format!("{name} Police"))
                    .subject(format!("Letter {i} «PSP»"))
                    .program((i % 2 == 0).then(|| "Public Safety Partnership".to_owned()))
                    .due((i % 5 != 3).then(|| day(14)))
                    .demands((0..i % 3).map(|k| format!("Demand {k}: jails")))
                    .summary(format!("To {name}:\n\t\"comply\" \\ é 漢 🦀 {i}"))
                    .source((i % 3 == 0).then(|| format!("https://example.org/{i}?a=1&b=2")))
                    .tags((0..i % 3).map(|k| format!("tag-{k}")))
                    .replies((0..replies).map(|k| Reply {
                        id: String::new(),
                        source: None,
                        on: day(3 + 4 * k),
                        from: format!("{name} Police"),
                        kind: ReplyKind::ALL[(i + k) % ReplyKind::ALL.len()],
                        summary: if k == 0 {
                            format!("Reply {k}: «no»")
                        } else {
                            String::new()
                        },
                    }))
                    .extensions((0..extensions).map(|k| Extension {
                        id: String::new(),
                        granted_on: day(10 + k),
                        new_due: day(30 + 10 * k),
                        note: format!("Extension {k}"),
                    }))
                    .closing((i % 3 == 0).then(|| Closing {
                        id: String::new(),
                        reopened_on: (i % 6 == 0).then(|| day(70)),
                        on: day(60),
                        outcome: "Closed: complied.".to_owned(),
                    }))
                    .build(),
            )
        })
        .collect();
    let mut docket = Docket {
        cities,
        letters,
        retired_ids: vec![
            "gotham-2016-12-01".to_owned(),
            "metropolis-2016-12-02".to_owned(),
        ],
        ..Docket::new()
    };
    docket.normalize();
    docket
}

/// The generated 50-letter docket as written.
static BIG: LazyLock<String> = LazyLock::new(|| store::to_ron(&generated(50)));

/// A generated docket of a few letters: every kind of record in a few KB,
/// cheap enough for hundreds of mutations in a debug build.
static RICH: LazyLock<String> = LazyLock::new(|| store::to_ron(&generated(6)));

#[test]
fn the_generated_dockets_are_valid_and_varied() {
    for (text, letters) in [(&*BIG, 50), (&*RICH, 6)] {
        let docket = store::parse(text).expect("a generated docket parses");
        assert_eq!(docket.letters.len(), letters);
        assert_eq!(docket.problems(), []);
        assert_eq!(&store::to_ron(&docket), text, "written in canonical form");
        for kind in ReplyKind::ALL {
            assert!(
                docket
                    .letters
                    .iter()
                    .any(|l| l.replies.iter().any(|r| r.kind == kind)),
                "no {kind} reply"
            );
        }
        assert!(docket.letters.iter().any(|l| !l.closings.is_empty()));
        assert!(docket.letters.iter().any(|l| !l.extensions.is_empty()));
        assert!(
            !text.is_ascii(),
            "non-ASCII text, so cuts can split a character"
        );
    }
    let tmp = TempDir::new().unwrap();
    let path = tmp.path().join("big.ron");
    fs::write(&path, &*BIG).unwrap();
    assert_eq!(store::load(&path).unwrap(), Some(generated(50)));
    let first = first_letter(&BIG);
    let record = &BIG[first.clone()];
    for piece in [
        "Reply(",
        "Extension(",
        "Closing(",
        "reopened_on: Some(",
        "漢",
    ] {
        assert!(
            record.contains(piece),
            "first letter lacks {piece}: {record}"
        );
    }
}

/// The byte range of the first letter record in a written docket, from the
/// start of its line to the end of the line that closes it.
fn first_letter(text: &str) -> std::ops::Range<usize> {
    let start = text.find("        Letter(").expect("a letter");
    let end = start + text[start..].find("\n        ),\n").expect("its end") + 12;
    start..end
}

// ---------------------------------------------------------------------------
// The promise every load must keep
// ---------------------------------------------------------------------------

/// The file's bytes after a byte-order mark, as the store reads them.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Whether the store may refuse these bytes without a position: an empty,
/// blank or all-NUL file.
fn has_no_place(bytes: &[u8]) -> bool {
    let bytes = without_bom(bytes);
    bytes.iter().all(u8::is_ascii_whitespace) || bytes.iter().all(|b| *b == 0)
}

/// Checks that 1-based `line` and `column` (counted in characters) lie in
/// the text, or just after its last character.
fn position_in_text(bytes: &[u8], line: usize, column: usize) -> Result<(), String> {
    let text = String::from_utf8_lossy(without_bom(bytes));
    let lines: Vec<&str> = text.split('\n').collect();
    if line == 0 || column == 0 {
        return Err(format!("position {line}:{column} is not 1-based"));
    }
    let Some(at) = lines.get(line - 1) else {
        return Err(format!(
            "line {line} is past the end of the text ({} lines)",
            lines.len()
        ));
    };
    let width = at.chars().count();
    if column > width + 1 {
        return Err(format!(
            "column {column} is past the end of line {line} ({width} characters)"
        ));
    }
    Ok(())
}

/// Checks a message read by a person: one line, no control characters (a
/// hostile file must not reach the terminal), not empty.
fn one_clean_line(message: &str) -> Result<(), String> {
    if message.trim().is_empty() {
        return Err("empty message".to_owned());
    }
    if let Some(c) = message.chars().find(|c| c.is_control()) {
        return Err(format!("control character {c:?} in message {message:?}"));
    }
    Ok(())
}

/// Checks an error from loading `bytes` from `path`: it names the file
/// first, reads as one line, and has a position within the text unless the
/// file has no place to point at.
fn check_error(path: &Path, bytes: &[u8], err: &StoreError) -> Result<(), String> {
    let shown = err.to_string();
    one_clean_line(&shown)?;
    let named = format!("{}:", path.display());
    if !shown.starts_with(&named) {
        return Err(format!("{shown:?} does not start with {named:?}"));
    }
    match err {
        StoreError::Parse {
            line,
            column,
            message,
            ..
        } => {
            position_in_text(bytes, *line, *column).map_err(|e| format!("{e}: {shown}"))?;
            one_clean_line(message)?;
            let prefix = format!("{}:{line}:{column}: ", path.display());
            if !shown.starts_with(&prefix) {
                return Err(format!("{shown:?} does not start with {prefix:?}"));
            }
            Ok(())
        }
        StoreError::Invalid { .. } if has_no_place(bytes) => Ok(()),
        other => Err(format!(
            "expected a parse error with a position, got {other:?}"
        )),
    }
}

/// The docket as `to_ron` orders it: cities and letters by id.
fn in_file_order(mut docket: Docket) -> Docket {
    docket.cities.sort_by(|a, b| a.id.cmp(&b.id));
    docket.letters.sort_by(|a, b| a.id.cmp(&b.id));
    docket
}

/// Checks that a docket survives saving: `to_ron` then `parse` gives it
/// back (in file order), and writing that again gives the same text.
fn check_round_trip(docket: &Docket) -> Result<(), String> {
    let text = store::to_ron(docket);
    let back = store::parse(&text).map_err(|e| format!("saved text does not parse: {e:?}"))?;
    if back != in_file_order(docket.clone()) {
        return Err(format!("saving and parsing changed the docket:\n{text}"));
    }
    if store::to_ron(&back) != text {
        return Err("to_ron is not stable".to_owned());
    }
    Ok(())
}

/// Checks that docket's own reader, where it takes the text, reads the
/// docket the ron crate reads (`tests/reader.rs`). Where it leaves the text
/// to the ron crate, the load is the ron crate's: the same docket or error.
fn same_as_ron(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(without_bom(bytes)) else {
        return Ok(());
    };
    match (store::read_fast(text), ron::from_str::<Docket>(text)) {
        (None, _) => Ok(()),
        (Some(fast), Ok(reference)) if fast == reference => Ok(()),
        (Some(fast), reference) => Err(format!(
            "the reader read {} where the ron crate gives {}",
            brief(&fast),
            brief(&reference)
        )),
    }
}

/// Checks what loading `bytes` from `path` gave: a docket that keeps the
/// rules and survives saving, or an error that keeps the promise; and that
/// the ron crate alone parses the text the same.
fn check_load(
    path: &Path,
    bytes: &[u8],
    result: Result<Option<Docket>, StoreError>,
) -> Result<Option<Docket>, String> {
    same_as_ron(bytes)?;
    match result {
        Ok(None) => Err("a file that exists loaded as missing".to_owned()),
        Ok(Some(docket)) => {
            if let Some(problem) = docket.problems().first() {
                return Err(format!("loaded a docket that breaks a rule: {problem}"));
            }
            check_round_trip(&docket)?;
            Ok(Some(docket))
        }
        Err(err) => check_error(path, bytes, &err).map(|()| None),
    }
}

/// Checks `store::parse` on text, the in-memory path of a load.
fn check_parse(text: &str) -> Result<Option<Docket>, String> {
    same_as_ron(text.as_bytes())?;
    match store::parse(text) {
        Ok(docket) => check_round_trip(&docket).map(|()| Some(docket)),
        Err(err) => {
            position_in_text(text.as_bytes(), err.line, err.column)
                .map_err(|e| format!("{e}: {err:?}"))?;
            one_clean_line(&err.message)?;
            Ok(None)
        }
    }
}

/// A temporary folder with one data file, written over for each case.
struct Scratch {
    dir: TempDir,
    path: PathBuf,
}

impl Scratch {
    fn new() -> Self {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("docket.ron");
        Scratch { dir, path }
    }

    fn write(&self, bytes: &[u8]) {
        fs::write(&self.path, bytes)
            .unwrap_or_else(|e| panic!("write {}: {e}", self.path.display()));
    }

    /// Writes `bytes` and loads them with `store::load`.
    fn load(&self, bytes: &[u8]) -> Result<Option<Docket>, String> {
        self.write(bytes);
        check_load(&self.path, bytes, store::load(&self.path))
    }

    /// Writes `bytes` and opens them in a [`Store`] (taking the write lock),
    /// then checks that the file was not written over, or any other left
    /// beside it (a refused file leaves not even a lock file it made).
    fn open(&self, bytes: &[u8]) -> Result<Option<Docket>, String> {
        self.write(bytes);
        let locked_before = store::lock_path(&self.path).exists();
        let result = Store::open(&self.path).map(|(store, docket)| {
            drop(store);
            docket
        });
        let failed = result.is_err();
        let outcome = check_load(&self.path, bytes, result);
        if fs::read(&self.path).map_err(|e| e.to_string())? != bytes {
            return Err(format!("the file was written over (failed: {failed})"));
        }
        let names = names_in(self.dir.path());
        let expected: &[&str] = if failed && !locked_before {
            &["docket.ron"]
        } else {
            &["docket.ron", "docket.ron.lock"]
        };
        if names != expected {
            return Err(format!("files left beside the data file: {names:?}"));
        }
        outcome
    }
}

/// The start of a value's debug form, for a failure message.
fn brief(value: &impl std::fmt::Debug) -> String {
    format!("{value:?}").chars().take(300).collect()
}

/// The error loading `path` must give; a short panic if it loads.
fn load_error(path: &Path, what: &str) -> StoreError {
    match store::load(path) {
        Ok(docket) => panic!("{what}: loaded as {}", brief(&docket)),
        Err(err) => err,
    }
}

/// The error opening `path` in a [`Store`] must give; a short panic if it opens.
fn open_error(path: &Path, what: &str) -> StoreError {
    match Store::open(path) {
        Ok((_, docket)) => panic!("{what}: opened as {}", brief(&docket)),
        Err(err) => err,
    }
}

/// Runs a property over `cases` values of `strategy`, with a random seed
/// (proptest's `PROPTEST_RNG_SEED` repeats one) and no regression files.
fn check_cases<S: Strategy>(
    cases: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), String>,
) {
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    let mut runner = TestRunner::new(config);
    if let Err(err) = runner.run(&strategy, |value| {
        property(value).map_err(TestCaseError::fail)
    }) {
        panic!("{err}");
    }
}

// ---------------------------------------------------------------------------
// Truncated files
// ---------------------------------------------------------------------------

/// Every prefix of the sample, from empty to whole, through the full load
/// path on a real file; every 16th also through `Store::open`.
#[test]
fn every_truncated_prefix_of_the_sample_loads_or_says_where() {
    let scratch = Scratch::new();
    let bytes = SAMPLE.as_bytes();
    let mut loaded = 0;
    for cut in 0..=bytes.len() {
        let prefix = &bytes[..cut];
        let outcome = if cut % 16 == 0 {
            scratch.open(prefix)
        } else {
            scratch.load(prefix)
        };
        match outcome {
            Ok(Some(docket)) => {
                assert_eq!(
                    docket,
                    sample(),
                    "a prefix of {cut} bytes loaded as another docket"
                );
                loaded += 1;
            }
            Ok(None) => {}
            Err(e) => panic!("prefix of {cut} bytes: {e}"),
        }
    }
    // The whole file, and the whole file without its final line end.
    assert_eq!(loaded, 2);
}

/// Prefixes of the 50-letter docket: every cut through its first letter
/// (a reply, extensions, a closing, and multi-byte characters split in
/// two), 49 evenly spread cuts through the rest, and every cut in its last
/// lines (the end of the last letter and the retired ids). A failed parse of
/// the whole 60 KB text takes tens of milliseconds in a debug build, so not
/// every one of its 60 000 cuts is tried.
#[test]
fn truncated_prefixes_of_a_big_docket_load_or_say_where() {
    let scratch = Scratch::new();
    let bytes = BIG.as_bytes();
    let first = first_letter(&BIG);
    let mut cuts: Vec<usize> = (first.start - 64..=first.end + 64).collect();
    cuts.extend((0..=48).map(|k| bytes.len() * k / 48));
    cuts.extend(bytes.len() - 128..=bytes.len());
    cuts.sort_unstable();
    cuts.dedup();
    let inside_a_character = cuts
        .iter()
        .filter(|&&cut| !BIG.is_char_boundary(cut))
        .count();
    assert!(
        inside_a_character > 10,
        "only {inside_a_character} cuts split a character"
    );
    for cut in cuts {
        let prefix = &bytes[..cut];
        match scratch.load(prefix) {
            Ok(Some(docket)) => {
                assert!(cut + 1 >= bytes.len(), "a prefix of {cut} bytes loaded");
                assert_eq!(docket, generated(50));
            }
            Ok(None) => {}
            Err(e) => panic!("prefix of {cut} bytes: {e}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Random byte damage
// ---------------------------------------------------------------------------

/// Bytes that matter to RON, UTF-8 and the store, mixed with any byte.
fn damage_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(
            b"()[]{},:\"'\\/*#rb \n\r\t0123456789-+._eESomeNone\0\x7f\x80\xbf\xc3\xe6\xef\xbb\xff"
                .to_vec()
        ),
    ]
}

/// One byte change.
#[derive(Debug, Clone)]
enum ByteEdit {
    Set(Index, u8),
    Insert(Index, u8),
    Delete(Index),
}

fn byte_edit() -> impl Strategy<Value = ByteEdit> {
    prop_oneof![
        (any::<Index>(), damage_byte()).prop_map(|(at, b)| ByteEdit::Set(at, b)),
        (any::<Index>(), damage_byte()).prop_map(|(at, b)| ByteEdit::Insert(at, b)),
        any::<Index>().prop_map(ByteEdit::Delete),
    ]
}

fn apply_byte_edits(base: &[u8], edits: &[ByteEdit]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for edit in edits {
        match *edit {
            ByteEdit::Set(at, b) if !bytes.is_empty() => {
                let at = at.index(bytes.len());
                bytes[at] = b;
            }
            ByteEdit::Insert(at, b) => {
                let at = at.index(bytes.len() + 1);
                bytes.insert(at, b);
            }
            ByteEdit::Delete(at) if !bytes.is_empty() => {
                bytes.remove(at.index(bytes.len()));
            }
            _ => {}
        }
    }
    bytes
}

#[test]
fn single_byte_changes_of_the_sample_load_or_say_where() {
    let scratch = Scratch::new();
    check_cases(512, (any::<Index>(), damage_byte()), |(at, b)| {
        let bytes = apply_byte_edits(SAMPLE.as_bytes(), &[ByteEdit::Set(at, b)]);
        scratch.open(&bytes).map(drop)
    });
}

#[test]
fn single_byte_changes_of_a_big_docket_load_or_say_where() {
    let scratch = Scratch::new();
    check_cases(32, (any::<Index>(), damage_byte()), |(at, b)| {
        let bytes = apply_byte_edits(BIG.as_bytes(), &[ByteEdit::Set(at, b)]);
        scratch.open(&bytes).map(drop)
    });
}

#[test]
fn byte_insertions_and_deletions_load_or_say_where() {
    let scratch = Scratch::new();
    let strategy = (any::<bool>(), prop::collection::vec(byte_edit(), 1..=4));
    check_cases(512, strategy, |(rich, edits)| {
        let base = if rich { RICH.as_str() } else { SAMPLE };
        scratch
            .open(&apply_byte_edits(base.as_bytes(), &edits))
            .map(drop)
    });
}

#[test]
fn arbitrary_bytes_load_or_say_where() {
    let scratch = Scratch::new();
    check_cases(512, prop::collection::vec(any::<u8>(), 0..4096), |bytes| {
        scratch.open(&bytes).map(drop)
    });
}

/// A valid start cut off anywhere and followed by garbage: the torn write a
/// crash could leave on a file system without atomic renames.
#[test]
fn a_valid_start_followed_by_garbage_loads_or_says_where() {
    let scratch = Scratch::new();
    let garbage = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        prop::collection::vec(damage_byte(), 0..512),
        (0..4096_usize).prop_map(|n| vec![0; n]),
    ];
    check_cases(
        384,
        (any::<bool>(), any::<Index>(), garbage),
        |(rich, cut, garbage)| {
            let base = if rich {
                RICH.as_bytes()
            } else {
                SAMPLE.as_bytes()
            };
            let mut bytes = base[..cut.index(base.len() + 1)].to_vec();
            bytes.extend(garbage);
            scratch.open(&bytes).map(drop)
        },
    );
}

/// RON-shaped nonsense: the tokens of a docket file in random order, to get
/// past the first byte more often than random bytes do.
#[test]
fn token_soup_parses_or_says_where() {
    const TOKENS: &[&str] = &[
        "Docket",
        "City",
        "Letter",
        "Reply",
        "Extension",
        "Closing",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        " ",
        "\n",
        "version",
        "cities",
        "letters",
        "retired_ids",
        "id",
        "city",
        "sent",
        "due",
        "replies",
        "kind",
        "on",
        "Some",
        "None",
        "Complies",
        "1",
        "0",
        "2",
        "-1",
        "4294967296",
        "1e9",
        "\"2017-08-03\"",
        "\"x\"",
        "\"",
        "r#\"",
        "\"#",
        "'",
        "//",
        "/*",
        "*/",
        "#![enable(implicit_some)]",
        "\\",
        "true",
        "()",
        "é",
        "\u{feff}",
    ];
    let soup = prop::collection::vec(prop::sample::select(TOKENS), 0..160);
    let start = prop::sample::select(vec!["", "Docket(", "Docket(version: 1, "]);
    check_cases(512, (start, soup), |(start, tokens)| {
        let text = format!("{start}{}", tokens.concat());
        check_parse(&text).map(drop)
    });
}

// ---------------------------------------------------------------------------
// Structured mutations
// ---------------------------------------------------------------------------

/// A change a person, a bad merge or a broken tool could make to the text.
#[derive(Debug, Clone)]
enum Mutation {
    SwapLines(Index, Index),
    DuplicateLine(Index),
    DeleteLine(Index),
    /// Replace the text inside the quotes of one `"YYYY-MM-DD"` date.
    ReplaceDate(Index, String),
    /// Replace the identifier after one `kind: `.
    ReplaceKind(Index, String),
    /// Insert openers at one place and, perhaps, their closers at another.
    Nest(Index, Vec<(&'static str, &'static str)>, Option<Index>),
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "2017-02-30",
            "2017-13-01",
            "2017-00-10",
            "0000-01-01",
            "-0001-12-31",
            "+10000-01-01",
            "262142-12-31",
            "262143-01-01",
            "-262144-01-01",
            "2017-8-3",
            "2017-08-03T12:00:00",
            "2017-08-03 ",
            "",
            "2016-02-29",
            "2017-08-03\", x: \"",
            "\\u{41}",
            "\\",
        ])
        .prop_map(str::to_owned),
        "[0-9+-]{0,12}",
        "\\PC{0,12}",
    ]
}

fn identifier() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Complies",
            "complies",
            "AsksExtension",
            "asks-extension",
            "r#Other",
            "Other()",
            "Other(1)",
            "Other { }",
            "\"Other\"",
            "Some(Other)",
            "None",
            "Ignores",
            "",
        ])
        .prop_map(str::to_owned),
        "[A-Za-z_][A-Za-z0-9_]{0,12}",
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let bracket = prop::sample::select(vec![
        ("[", "]"),
        ("(", ")"),
        ("{", "}"),
        ("Some(", ")"),
        ("Letter(", ")"),
        ("(x: ", ")"),
    ]);
    prop_oneof![
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<Index>().prop_map(Mutation::DuplicateLine),
        any::<Index>().prop_map(Mutation::DeleteLine),
        (any::<Index>(), date_text()).prop_map(|(at, s)| Mutation::ReplaceDate(at, s)),
        (any::<Index>(), identifier()).prop_map(|(at, s)| Mutation::ReplaceKind(at, s)),
        (
            any::<Index>(),
            prop::collection::vec(bracket, 1..48),
            prop::option::of(any::<Index>()),
        )
            .prop_map(|(at, brackets, close)| Mutation::Nest(at, brackets, close)),
    ]
}

/// The byte offsets of the dates (`"YYYY-MM-DD"`, inside the quotes).
fn dates_in(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(11))
        .filter(|&i| {
            let s = &bytes[i..i + 12];
            s[0] == b'"'
                && s[11] == b'"'
                && s[5] == b'-'
                && s[8] == b'-'
                && [1, 2, 3, 4, 6, 7, 9, 10]
                    .iter()
                    .all(|&j| s[j].is_ascii_digit())
        })
        .map(|i| i + 1)
        .collect()
}

fn apply_mutation(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    match mutation {
        Mutation::SwapLines(a, b) if !lines.is_empty() => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
            lines.concat()
        }
        Mutation::DuplicateLine(at) if !lines.is_empty() => {
            let at = at.index(lines.len());
            lines.insert(at, lines[at]);
            lines.concat()
        }
        Mutation::DeleteLine(at) if !lines.is_empty() => {
            lines.remove(at.index(lines.len()));
            lines.concat()
        }
        Mutation::ReplaceDate(at, with) => {
            let dates = dates_in(text);
            if dates.is_empty() {
                return text.to_owned();
            }
            let start = dates[at.index(dates.len())];
            format!("{}{with}{}", &text[..start], &text[start + 10..])
        }
        Mutation::ReplaceKind(at, with) => {
            let kinds: Vec<usize> = text.match_indices("kind: ").map(|(i, _)| i + 6).collect();
            if kinds.is_empty() {
                return text.to_owned();
            }
            let start = kinds[at.index(kinds.len())];
            let len = text[start..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(text.len() - start);
            format!("{}{with}{}", &text[..start], &text[start + len..])
        }
        Mutation::Nest(at, brackets, close) => {
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let open_at = boundaries[at.index(boundaries.len())];
            let openers: String = brackets.iter().map(|(open, _)| *open).collect();
            let closers: String = brackets.iter().rev().map(|(_, close)| *close).collect();
            let mut out = format!("{}{openers}{}", &text[..open_at], &text[open_at..]);
            if let Some(close) = close {
                let after: Vec<usize> = boundaries
                    .iter()
                    .filter(|&&b| b >= open_at)
                    .map(|b| b + openers.len())
                    .collect();
                let close_at = after[close.index(after.len())];
                out.insert_str(close_at, &closers);
            }
            out
        }
        _ => text.to_owned(),
    }
}

/// The sample or the small generated docket, changed one to three times,
/// through the full load in a `Store`. Those that load keep the rules and
/// survive saving (checked in [`check_load`]).
#[test]
fn structured_mutations_load_or_say_where() {
    let scratch = Scratch::new();
    let strategy = (any::<bool>(), prop::collection::vec(mutation(), 1..=3));
    let loaded = std::cell::Cell::new(0);
    check_cases(768, strategy, |(rich, mutations)| {
        let base = if rich { RICH.as_str() } else { SAMPLE };
        let text = mutations
            .iter()
            .fold(base.to_owned(), |text, m| apply_mutation(&text, m));
        let docket = scratch.open(text.as_bytes())?;
        loaded.set(loaded.get() + usize::from(docket.is_some()));
        Ok(())
    });
    // Many mutations keep the file valid (fields swapped, a real reply kind
    // or date put in): those went through the round trip.
    assert!(loaded.get() > 0, "no mutated file loaded");
}

#[test]
fn structured_mutations_of_a_big_docket_load_or_say_where() {
    let scratch = Scratch::new();
    check_cases(32, mutation(), |mutation| {
        let text = apply_mutation(&BIG, &mutation);
        scratch.open(text.as_bytes()).map(drop)
    });
}

/// Mutations that keep the file valid must be seen to load: otherwise the
/// round-trip check above would never run.
#[test]
fn harmless_mutations_load_and_survive_saving() {
    let scratch = Scratch::new();
    // Two fields of one record swapped.
    let mut lines: Vec<&str> = RICH.split_inclusive('\n').collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with("name: "))
        .unwrap();
    lines.swap(at, at + 1);
    let swapped = lines.concat();
    let cases = [
        swapped,
        RICH.replacen("kind: Complies", "kind: Refuses", 1),
        RICH.replacen("on: \"2017-01-05\"", "on: \"2017-01-06\"", 1),
        RICH.replace('\n', "\r\n"),
    ];
    for (i, text) in cases.iter().enumerate() {
        assert_ne!(text, &*RICH, "case {i} changed nothing");
        let docket = scratch
            .open(text.as_bytes())
            .unwrap_or_else(|e| panic!("case {i}: {e}"));
        assert!(docket.is_some(), "case {i} did not load:\n{text}");
    }
}

// ---------------------------------------------------------------------------
// Hostile files
// ---------------------------------------------------------------------------

/// The sample in UTF-16, little- and big-endian, with and without a BOM.
fn utf16_samples() -> Vec<(&'static str, Vec<u8>)> {
    let le: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_be_bytes).collect();
    vec![
        ("UTF-16 LE with BOM", [&b"\xFF\xFE"[..], &le].concat()),
        ("UTF-16 LE", le),
        ("UTF-16 BE with BOM", [&b"\xFE\xFF"[..], &be].concat()),
        ("UTF-16 BE", be),
    ]
}

#[test]
fn utf16_files_are_errors_with_a_position_and_are_not_written_over() {
    let scratch = Scratch::new();
    for (name, bytes) in utf16_samples() {
        scratch.write(&bytes);
        let err = load_error(&scratch.path, name);
        check_error(&scratch.path, &bytes, &err).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            scratch
                .open(&bytes)
                .unwrap_or_else(|e| panic!("{name}: {e}")),
            None
        );
    }
}

#[test]
fn utf16_files_are_named_as_utf16() {
    let scratch = Scratch::new();
    for (name, bytes) in utf16_samples() {
        scratch.write(&bytes);
        let shown = load_error(&scratch.path, name).to_string();
        assert!(shown.contains("UTF-16"), "{name}: {shown}");
    }
}

#[test]
fn crlf_line_ends_load_the_same_docket() {
    let scratch = Scratch::new();
    let crlf = SAMPLE.replace('\n', "\r\n");
    assert_eq!(scratch.open(crlf.as_bytes()).unwrap(), Some(sample()));
    // With a BOM too, as Windows editors write it.
    let bom = format!("\u{feff}{crlf}");
    assert_eq!(scratch.open(bom.as_bytes()).unwrap(), Some(sample()));
    let big = BIG.replace('\n', "\r\n");
    assert_eq!(scratch.load(big.as_bytes()).unwrap(), Some(generated(50)));
}

#[test]
fn crlf_line_ends_do_not_shift_error_positions() {
    let scratch = Scratch::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in [
        "missing_comma.ron",
        "unknown_reply_kind.ron",
        "bad_date.ron",
    ] {
        let lf = fs::read_to_string(fixtures.join(name)).unwrap();
        let crlf = lf.replace('\n', "\r\n");
        let position = |text: &str| {
            scratch.write(text.as_bytes());
            let err = load_error(&scratch.path, name);
            check_error(&scratch.path, text.as_bytes(), &err)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            match err {
                StoreError::Parse { line, column, .. } => (line, column),
                other => panic!("{name}: {other:?}"),
            }
        };
        assert_eq!(position(&crlf), position(&lf), "{name}");
    }
}

#[test]
fn old_mac_cr_line_ends_load_or_say_where() {
    let scratch = Scratch::new();
    let cr = SAMPLE.replace('\n', "\r");
    // CR is whitespace to RON: the file reads as one long line.
    assert_eq!(scratch.open(cr.as_bytes()).unwrap(), Some(sample()));
    let broken = cr.replacen("version: 2,", "version: 2", 1);
    assert_eq!(scratch.open(broken.as_bytes()).unwrap(), None);
}

/// The sample with a 10 MB summary, written straight into the text (the
/// serializer takes seconds for that much in a debug build).
fn sample_with_huge_summary(chunk: &str) -> (String, Docket) {
    let summary = chunk.repeat((10 << 20) / chunk.len());
    let mut expected = sample();
    let old = &expected.letters[0].summary;
    let needle = format!("summary: \"{}\"", old.replace('\'', "\\'"));
    assert!(
        SAMPLE.contains(&needle),
        "the sample's first summary is not where expected"
    );
    let text = SAMPLE.replacen(&needle, &format!("summary: \"{summary}\""), 1);
    expected.letter_mut(0).summary = summary;
    (text, expected)
}

#[test]
fn a_ten_megabyte_string_field_loads() {
    let scratch = Scratch::new();
    for chunk in ["x", "é 漢 🦀 «quoted» "] {
        let (text, expected) = sample_with_huge_summary(chunk);
        scratch.write(text.as_bytes());
        let started = Instant::now();
        let loaded = store::load(&scratch.path);
        let took = started.elapsed();
        assert!(
            loaded.as_ref().unwrap().as_ref() == Some(&expected),
            "{chunk:?}: {:?}",
            loaded.err()
        );
        assert!(took < Duration::from_secs(5), "{chunk:?}: took {took:?}");
    }
}

#[test]
fn a_ten_megabyte_string_that_never_ends_is_an_error_with_a_position() {
    let scratch = Scratch::new();
    let (text, _) = sample_with_huge_summary("x");
    let start = text.find("summary: \"").unwrap() + "summary: ".len();
    let end = text[start + 1..].find('"').unwrap() + start + 1;
    // Cut off inside the string, and with the closing quote removed.
    for bytes in [
        &text.as_bytes()[..end - 1],
        &[&text.as_bytes()[..end], &text.as_bytes()[end + 1..]].concat(),
    ] {
        scratch.write(bytes);
        let started = Instant::now();
        let err = load_error(&scratch.path, "an unterminated string");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "took {:?}",
            started.elapsed()
        );
        check_error(&scratch.path, bytes, &err).unwrap();
        assert!(
            !err.to_string().contains("xxxx"),
            "the string is echoed: {:.200}",
            err.to_string()
        );
    }
}

#[test]
fn a_symlink_loop_is_a_clear_error_and_nothing_is_created() {
    let tmp = TempDir::new().unwrap();
    let a = tmp.path().join("a.ron");
    let b = tmp.path().join("b.ron");
    let me = tmp.path().join("me.ron");
    symlink("b.ron", &a).unwrap();
    symlink("a.ron", &b).unwrap();
    symlink("me.ron", &me).unwrap();
    let before = names_in(tmp.path());
    for path in [&a, &b, &me] {
        let err = load_error(path, "a loop cannot load");
        let shown = err.to_string();
        one_clean_line(&shown).unwrap();
        assert!(
            shown.starts_with(&format!("{}: ", path.display())),
            "{shown}"
        );

        let err = open_error(path, "a loop cannot open");
        let shown = err.to_string();
        one_clean_line(&shown).unwrap();
        assert!(
            shown.starts_with(&format!("{}: ", path.display())),
            "{shown}"
        );
        assert!(shown.contains("symlink loop"), "{shown}");
    }
    assert_eq!(
        names_in(tmp.path()),
        before,
        "no lock or other file was created"
    );
    for path in [&a, &b, &me] {
        assert!(fs::symlink_metadata(path).unwrap().file_type().is_symlink());
    }
}

/// Runs `check` on a thread and waits at most `limit` for it. `Err` if it is
/// still running then; a panic inside is passed on.
fn within<T: Send + 'static>(
    limit: Duration,
    check: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(check());
    });
    match rx.recv_timeout(limit) {
        Ok(value) => Ok(value),
        Err(RecvTimeoutError::Timeout) => Err(format!("still running after {limit:?}")),
        Err(RecvTimeoutError::Disconnected) => panic!("the check panicked"),
    }
}

/// Lets go of readers blocked in opening a pipe by opening its other end,
/// on a thread of its own: with no reader left, that open would wait too.
fn release_pipe(path: &Path) {
    let path = path.to_owned();
    thread::spawn(move || OpenOptions::new().write(true).open(path).map(drop));
}

/// Opening a pipe for reading waits for a writer, which may never come: a
/// load must refuse it (it is not a regular file), not wait.
#[test]
fn a_named_pipe_is_refused_promptly() {
    let tmp = TempDir::new().unwrap();
    let fifo = tmp.path().join("docket.ron");
    let Some(()) = named_pipe(&fifo) else {
        return;
    };
    let path = fifo.clone();
    let loaded = within(Duration::from_secs(5), move || {
        store::load(&path).map(drop).map_err(|e| e.to_string())
    });
    let path = fifo.clone();
    let opened = within(Duration::from_secs(5), move || {
        Store::open(&path).map(drop).map_err(|e| e.to_string())
    });
    let hung = loaded.is_err() || opened.is_err();
    if hung {
        // Let the stuck threads finish, so the test process can end cleanly.
        release_pipe(&fifo);
    }
    for (what, outcome) in [("store::load", loaded), ("Store::open", opened)] {
        let shown = outcome
            .unwrap_or_else(|e| panic!("{what} on a named pipe hung: {e}"))
            .expect_err("a pipe is not a docket file");
        one_clean_line(&shown).unwrap();
        assert!(
            shown.starts_with(&format!("{}: ", fifo.display())),
            "{what}: {shown}"
        );
    }
    let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced");
}

// ---------------------------------------------------------------------------
// Errors name the file; failed files are left alone
// ---------------------------------------------------------------------------

/// The sample with `bytes` put where a field name is expected: at the
/// start of the first `sent:` line.
fn between_fields(bytes: &[u8]) -> Vec<u8> {
    let at = SAMPLE.find("            sent: ").expect("a sent field");
    [&SAMPLE.as_bytes()[..at], bytes, &SAMPLE.as_bytes()[at..]].concat()
}

/// Damage seen in the wild, each through `store::load` and `Store::open`:
/// an error naming the file on one line, and the file untouched, down to its
/// modification time.
#[test]
fn damaged_files_are_refused_by_name_and_left_untouched() {
    let sample = SAMPLE.as_bytes();
    let nuls = vec![0_u8; 4096];
    let cases: Vec<(&str, Vec<u8>)> = vec![
        // A crash after the size grew but before the data landed.
        ("sample then NULs", [sample, &nuls].concat()),
        ("NULs then sample", [&nuls, sample].concat()),
        ("a NUL block between fields", between_fields(&nuls)),
        (
            "two BOMs",
            [&b"\xEF\xBB\xBF\xEF\xBB\xBF"[..], sample].concat(),
        ),
        ("a BOM between fields", between_fields(b"\xEF\xBB\xBF")),
        ("a lone surrogate (CESU-8)", between_fields(b"\xED\xA0\x80")),
        ("an overlong slash", between_fields(b"\xC0\xAF")),
        (
            "a terminal escape",
            between_fields(b"\x1b[2J\x1b]0;owned\x07"),
        ),
        ("two dockets", [sample, sample].concat()),
        (
            "half of a second docket",
            [sample, &sample[..3000]].concat(),
        ),
        (
            "a merge conflict",
            format!("<<<<<<< HEAD\n{SAMPLE}=======\n{SAMPLE}>>>>>>> theirs\n").into_bytes(),
        ),
        (
            "a gzip header",
            b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03".to_vec(),
        ),
        (
            "JSON",
            br#"{"version": 1, "cities": [], "letters": []}"#.to_vec(),
        ),
        ("a lone form feed", b"\x0c".to_vec()),
        (
            "version too large",
            b"Docket(version: 99999999999999999999)".to_vec(),
        ),
        (
            "negative version",
            b"Docket(version: -1, cities: [], letters: [])".to_vec(),
        ),
        (
            "10 MB of one line of spaces, then garbage",
            [vec![b' '; 10 << 20], b"?".to_vec()].concat(),
        ),
    ];
    let scratch = Scratch::new();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_501_718_400); // 2017-08-03
    for (name, bytes) in &cases {
        scratch.write(bytes);
        File::options()
            .write(true)
            .open(&scratch.path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let err = load_error(&scratch.path, name);
        check_error(&scratch.path, bytes, &err).unwrap_or_else(|e| panic!("{name}: {e}"));
        let err = open_error(&scratch.path, name);
        check_error(&scratch.path, bytes, &err).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            &fs::read(&scratch.path).unwrap(),
            bytes,
            "{name}: written over"
        );
        let modified = fs::metadata(&scratch.path).unwrap().modified().unwrap();
        assert_eq!(modified, old, "{name}: touched");
        // A refused file leaves nothing beside it, not even a lock file.
        assert_eq!(names_in(scratch.dir.path()), ["docket.ron"], "{name}");
    }
}

/// A block of NUL bytes inside a string: what a crash can leave where the
/// file system had allocated space but the data never landed. docket never
/// writes a raw NUL (`to_ron` escapes it as `\0`), so such a file is
/// damaged; yet it loads, the NULs become part of a summary, and the next
/// save makes them permanent.
#[test]
fn a_nul_block_inside_a_string_is_refused_with_its_position() {
    let mut with_nul = sample();
    with_nul.letter_mut(0).summary.push('\0');
    assert!(
        !store::to_ron(&with_nul).contains('\0'),
        "docket never writes a raw NUL"
    );
    let scratch = Scratch::new();
    let at = SAMPLE.find("Justice Department told").expect("a summary");
    let bytes = [
        &SAMPLE.as_bytes()[..at],
        &[0; 4096],
        &SAMPLE.as_bytes()[at..],
    ]
    .concat();
    scratch.write(&bytes);
    let err = load_error(&scratch.path, "a file with a NUL block");
    check_error(&scratch.path, &bytes, &err).unwrap();
    let line = SAMPLE[..at].matches('\n').count() + 1;
    let column = at - SAMPLE[..at].rfind('\n').unwrap();
    match err {
        StoreError::Parse {
            line: l, column: c, ..
        } => assert_eq!((l, c), (line, column), "{err}"),
        other => panic!("expected a parse error at the NULs, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Big files: the parse on several threads
// ---------------------------------------------------------------------------

/// A docket of 64 letters with 70 KB summaries, about 4.5 MB: big enough
/// for the store to parse it in parts on several threads. Each summary is
/// written straight into the text as a string of several lines, the last of
/// which looks like the start of a letter, so that wherever the text is cut
/// into parts, a cut can fall inside a string. Returns the text and the
/// docket it holds.
fn big_file() -> (String, Docket) {
    let mut docket = generated(64);
    let mut text = {
        let mut placeholders = docket.clone();
        for (i, letter) in placeholders
            .letters
            .iter_mut()
            .map(Arc::make_mut)
            .enumerate()
        {
            letter.summary = format!("@{i}@");
        }
        store::to_ron(&placeholders)
    };
    for (i, letter) in docket.letters.iter_mut().map(Arc::make_mut).enumerate() {
        letter.summary = format!(
            "{}\n        Letter(\n            id: \"not-a-letter-{i}\",\n",
            "x".repeat(70_000)
        );
        let quoted = format!("\"@{i}@\"");
        assert!(text.contains(&quoted));
        let written = letter.summary.replace('"', "\\\"");
        text = text.replacen(&quoted, &format!("\"{written}\""), 1);
    }
    assert!(text.len() > 4 << 20, "{} bytes", text.len());
    (text, docket)
}

/// The byte offsets of the lines that start a letter record.
fn letter_lines(text: &str) -> Vec<usize> {
    text.match_indices("\n        Letter(\n            id: \"")
        .map(|(at, _)| at + 1)
        .collect()
}

/// Big files must load exactly as small ones do: the same docket, or an
/// error at the same place. Each case here would be read differently by a
/// parse in parts that trusted the layout.
#[test]
fn a_big_file_loads_the_same_docket_or_error_as_parsed_whole() {
    let scratch = Scratch::new();
    let (text, docket) = big_file();
    let load = |bytes: &[u8]| {
        scratch.write(bytes);
        store::load(&scratch.path)
    };
    assert_eq!(
        load(text.as_bytes()).unwrap(),
        Some(docket.clone()),
        "with letter-like lines inside strings"
    );

    // Letters 10 to 49 commented out.
    let starts = letter_lines(&text);
    assert_eq!(starts.len(), 64);
    let commented = format!(
        "{}/*\n{}*/\n{}",
        &text[..starts[10]],
        &text[starts[10]..starts[50]],
        &text[starts[50]..]
    );
    let mut without = docket.clone();
    without.letters.drain(10..50);
    assert_eq!(load(commented.as_bytes()).unwrap(), Some(without));

    // A comma missing after letter 31 of 64: the error is at letter 32.
    let end_31 = starts[32] - ",\n".len();
    assert_eq!(&text[end_31..starts[32]], ",\n");
    let missing = format!("{}{}", &text[..end_31], &text[end_31 + 1..]);
    let line = text[..starts[32]].matches('\n').count() + 1;
    let bytes = missing.as_bytes();
    let err = load(bytes).map(|d| brief(&d)).expect_err("a missing comma");
    check_error(&scratch.path, bytes, &err).unwrap();
    match &err {
        StoreError::Parse {
            line: l,
            column,
            message,
            ..
        } => {
            assert_eq!((*l, *column), (line, 9), "{err}");
            assert!(message.contains("comma"), "{err}");
        }
        other => panic!("{other:?}"),
    }

    // Cut off after letter 31, as a torn write would leave it.
    let bytes = &text.as_bytes()[..starts[32]];
    let err = load(bytes).map(|d| brief(&d)).expect_err("a torn file");
    check_error(&scratch.path, bytes, &err).unwrap();
}
