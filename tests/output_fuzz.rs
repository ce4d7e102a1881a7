//! Issue 12, point 6, fuzzed: whatever text the data file holds (arbitrary
//! bytes read as UTF-8, arbitrary strings, escape sequences), no control
//! character reaches the terminal through `list`, `due`, `show`, `digest`
//! or `export --format md`: no byte below 0x20 but `\n` (and `\t` where the
//! format has free text), no DEL, no C1 control, no bidi control.
//!
//! 64 dockets by default, a few seconds; `PROPTEST_CASES=5000 cargo test
//! --test output_fuzz` runs more.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::sync::Arc;

use chrono::Days;
use docket::model::{City, Closing, Date, Docket, Extension, Letter, Reply, ReplyKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use support::cli::docket;
use support::files::data_file;
use support::letters::date;

/// Cases to run: `PROPTEST_CASES`, else 64.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

/// Sequences a terminal acts on, whole, to splice into text.
const SEQUENCES: [&str; 10] = [
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x1b]0;owned\x1b\\",
    "\x1bc",
    "\x1b[2J\x1b[H",
    "\u{9b}31m",
    "\u{9d}0;title\u{9c}",
    "\u{202e}",
    "\u{2066}\u{2069}",
    "\r\n",
    "\x08\x08\x7f",
];

/// Text of every kind: the shared tricky characters, any string, arbitrary
/// bytes read as UTF-8, and escape sequences spliced into words.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => support::strategies::text(),
        1 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..40)
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
        1 => prop::collection::vec(
            prop_oneof![
                prop::sample::select(SEQUENCES.to_vec()).prop_map(str::to_owned),
                "[a-z #>*=+-]{0,6}",
            ],
            0..6,
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// A day of August 2017, when the sample's story happens.
fn day() -> impl Strategy<Value = Date> {
    (0_u64..40).prop_map(|n| date("2017-07-25") + Days::new(n))
}

fn reply() -> impl Strategy<Value = Reply> {
    (
        day(),
        text(),
        prop::sample::select(ReplyKind::ALL.to_vec()),
        text(),
    )
        .prop_map(|(on, from, kind, summary)| Reply {
            id: String::new(),
            source: None,
            on,
            from,
            kind,
            summary,
        })
}

fn letter() -> impl Strategy<Value = Letter> {
    (
        (text(), text(), text(), text(), prop::option::of(text())),
        (day(), prop::option::of(day())),
        (
            prop::collection::vec(text(), 0..3),
            text(),
            prop::option::of(text()),
            prop::collection::vec(text(), 0..3),
        ),
        (
            prop::collection::vec(reply(), 0..3),
            prop::collection::vec((day(), text()), 0..2),
            prop::option::of((day(), text())),
        ),
    )
        .prop_map(
            |(
                (id, from, to, subject, program),
                (sent, due),
                (demands, summary, source, tags),
                (replies, extensions, closed),
            )| {
                let extensions = extensions.into_iter().map(|(granted_on, note)| Extension {
                    id: String::new(),
                    granted_on: granted_on.max(sent),
                    new_due: granted_on.max(sent) + Days::new(7),
                    note,
                });
                support::letters::letter(id, "", sent)
                    .from(from)
                    .to(to)
                    .subject(subject)
                    .program(program)
                    .due(due.map(|due| due.max(sent)))
                    .demands(demands)
                    .summary(summary)
                    .source(source)
                    .tags(tags)
                    .replies(replies.into_iter().map(|r| Reply {
                        on: r.on.max(sent),
                        ..r
                    }))
                    .extensions(extensions)
                    .closing(closed.map(|(on, outcome)| Closing {
                        id: String::new(),
                        reopened_on: None,
                        on: on.max(sent),
                        outcome,
                    }))
                    .build()
            },
        )
}

/// One to three cities and one to four letters, ids unique and free of NUL
/// (an id is passed as an argument), each letter to one of the cities.
fn hostile_docket() -> impl Strategy<Value = Docket> {
    (
        prop::collection::vec((text(), text(), text(), text()), 1..4),
        prop::collection::vec((letter(), any::<prop::sample::Index>()), 1..5),
    )
        .prop_map(|(cities, letters)| {
            let cities: Vec<City> = (cities.into_iter().enumerate())
                .map(|(i, (id, name, state, notes))| City {
                    id: format!("{}#{i}", id.replace('\0', "")),
                    name,
                    state,
                    notes,
                    log: Vec::new(),
                })
                .collect();
            let letters = (letters.into_iter().enumerate())
                .map(|(i, (mut letter, which))| {
                    letter.id = format!("{}#{i}", letter.id.replace('\0', ""));
                    letter
                        .city
                        .clone_from(&cities[which.index(cities.len())].id);
                    Arc::new(letter)
                })
                .collect();
            let mut docket = Docket::new();
            docket.cities = cities;
            docket.letters = letters;
            docket
        })
}

/// Whether a terminal would act on `c` rather than show it.
fn hidden(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Runs docket and checks what it wrote on both streams.
fn check(file: &std::path::Path, args: &[&str], tab: bool) -> Result<String, TestCaseError> {
    let out = docket(file, args);
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8(bytes.clone())
            .map_err(|_| TestCaseError::fail(format!("{args:?}: {stream} is not UTF-8")))?;
        let allowed = |c: char| c == '\n' || (tab && c == '\t' && stream == "stdout");
        if let Some(c) = text.chars().find(|c| hidden(*c) && !allowed(*c)) {
            return Err(TestCaseError::fail(format!(
                "{args:?} writes {c:?} on {stream}:\n{text}"
            )));
        }
    }
    prop_assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout).unwrap())
}

proptest! {
    #![proptest_config(Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..Config::default()
    })]

    #[test]
    fn no_control_character_reaches_the_terminal(
        docket in hostile_docket(),
        as_of in day(),
        which in any::<prop::sample::Index>(),
    ) {
        let (_dir, file) = data_file(&docket::store::to_ron(&docket));
        let as_of = as_of.to_string();
        let letter = &docket.letters[which.index(docket.letters.len())];
        // As of the day it was sent and of a day picked at random.
        let sent = letter.sent.to_string();
        for day in [sent.as_str(), as_of.as_str()] {
            let list = check(&file, &["--as-of", day, "list"], false)?;
            // (Its letter at least is on the list.)
            prop_assert!(day != sent || list.lines().count() > 1, "{list}");
            check(&file, &["--as-of", day, "due", "--within", "30"], false)?;
            check(&file, &["--as-of", day, "digest"], true)?;
            check(&file, &["--as-of", day, "export", "--format", "md"], true)?;
        }
        check(&file, &["--as-of", "2017-09-30", "show", "--", &letter.id], true)?;
    }
}
