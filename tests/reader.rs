//! docket's own reader (`store::read_fast`, the first road of
//! `store::parse`) against the ron crate: on what the writer writes, on
//! hand-edited variants of it, on damaged files, and on big files read on
//! several threads, it gives the same docket the ron crate gives, or it
//! leaves the text to the ron crate, and then `store::parse` refuses it
//! exactly as the ron crate does (the same error at the same position).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;
#[path = "../benches/support/synth.rs"]
mod synth;

use std::sync::Arc;

use docket::model::Docket;
use docket::store::{self, SAMPLE};
use proptest::prelude::*;
use support::hand_edit::{Edit, Rng, tree};
use support::strategies;

/// The ron crate's reading of the text: the reference.
fn reference(text: &str) -> Result<Docket, String> {
    ron::from_str::<Docket>(text).map_err(|e| e.to_string())
}

/// The reader gives what the ron crate gives, and takes all it takes:
/// `Some` and the same docket when the ron crate reads the text, `None`
/// when it refuses it. `store::parse` then gives what the ron crate alone
/// gives, docket or error.
fn same_as_ron(text: &str) -> Result<(), String> {
    let fast = store::read_fast(text);
    match (&fast, reference(text)) {
        (Some(fast), Ok(reference)) if *fast != reference => {
            return Err(format!("read another docket than ron from:\n{text}"));
        }
        (None, Ok(_)) => return Err(format!("left to ron a text it reads:\n{text}")),
        (Some(_), Err(err)) => return Err(format!("read a text ron refuses ({err}):\n{text}")),
        _ => {}
    }
    same_parse(text)
}

/// `store::parse` gives what the ron crate alone gives: the same docket or
/// the same error at the same position.
fn same_parse(text: &str) -> Result<(), String> {
    let (parsed, reference) = (store::parse(text), store::parse_with_ron(text));
    if parsed == reference {
        Ok(())
    } else {
        Err(format!(
            "parse gave {:.300} where ron gives {:.300} for:\n{text}",
            format!("{parsed:?}"),
            format!("{reference:?}")
        ))
    }
}

fn written(docket: &Docket) -> String {
    store::to_ron(docket)
}

#[test]
fn the_sample_the_story_and_the_fixtures_read_as_ron_reads_them() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut texts = vec![SAMPLE.to_owned(), written(&Docket::new())];
    for entry in std::fs::read_dir(fixtures).unwrap() {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    assert!(texts.len() > 8);
    for text in &texts {
        same_as_ron(text).unwrap();
    }
    assert!(store::read_fast(SAMPLE).is_some());
}

#[test]
fn a_generated_docket_reads_as_ron_reads_it() {
    same_as_ron(&written(&synth::docket(300, 20, 3))).unwrap();
}

/// Above a MiB or two the letters are read in runs on two threads or more
/// (on a machine with one core, in one piece): the same docket either way.
#[test]
fn a_big_docket_reads_in_runs_as_ron_reads_it() {
    let docket = synth::docket(1_500, 80, 5);
    let text = written(&docket);
    assert!(text.len() > 2 << 20, "{} bytes", text.len());
    let fast = store::read_fast(&text).expect("the reader reads what docket writes");
    assert_eq!(fast, reference(&text).unwrap());
    assert_eq!(store::parse(&text).unwrap(), docket);
}

/// Cuts between runs that fall inside strings or comments, where lines
/// look like the start of a letter: the runs do not meet, and the list is
/// read in one piece, to the same docket.
#[test]
fn cuts_inside_strings_and_comments_read_the_same_docket() {
    let mut docket = synth::docket(1_200, 40, 9);
    for (i, letter) in docket.letters.iter_mut().map(Arc::make_mut).enumerate() {
        letter.summary = format!("{}\n        Letter(\n", "x".repeat(i % 700));
    }
    // The writer escapes line breaks; a person may write them as they are.
    let text = written(&docket).replace("\\n        Letter(\\n", "\n        Letter(\n");
    assert!(text.matches("\n        Letter(\n").count() > 1_800);
    same_as_ron(&text).unwrap();
    let starts: Vec<usize> = (text.match_indices("\n        Letter(\n            id:"))
        .map(|(at, _)| at + 1)
        .collect();
    let commented = format!(
        "{}/*\n{}*/\n{}",
        &text[..starts[100]],
        &text[starts[100]..starts[1_100]],
        &text[starts[1_100]..]
    );
    same_as_ron(&commented).unwrap();
    assert_eq!(store::read_fast(&commented).unwrap().letters.len(), 200);
}

/// Texts the reader leaves to the ron crate, which reads them: they load
/// all the same, to what the ron crate reads.
#[test]
fn what_the_reader_leaves_to_ron_still_loads() {
    let cases = [
        SAMPLE.replacen("version: 2", "version: 0x2", 1),
        SAMPLE.replacen("version: 2", "version: 2u32", 1),
        SAMPLE.replacen("version: 2", "version: +2", 1),
        SAMPLE.replacen("id: \"albuquerque\"", "r#id: \"albuquerque\"", 1),
        SAMPLE.replacen("\"Albuquerque\"", "\"Albuquerqu\\xC3\\xA9\"", 1),
        SAMPLE.replacen("\"NM\"", "\"N\\u{4D}\"", 1),
        format!("#![enable(unwrap_newtypes)]\n{SAMPLE}"),
        format!("#![type = \"docket\"]\n{SAMPLE}"),
        SAMPLE.replacen("kind: Complies", "kind: r#Complies", 1),
    ];
    for text in &cases {
        same_parse(text).unwrap();
        let loaded = store::parse(text).unwrap_or_else(|e| panic!("{e:?}:\n{text}"));
        assert_eq!(loaded.cities.len(), 4);
    }
    for text in &cases[..5] {
        assert_eq!(store::read_fast(text), None, "{text}");
    }
    assert!(store::read_fast(&cases[5]).is_some(), "\\u{{..}} is read");
}

/// Texts both refuse: `store::parse` gives the ron crate's error, at the
/// ron crate's position.
#[test]
fn what_both_refuse_is_refused_with_rons_error_and_position() {
    let cases = [
        SAMPLE.replacen("version: 2,", "version: 2", 1),
        SAMPLE.replacen("state: \"NM\",", "state: \"NM\", state: \"NM\",", 1),
        SAMPLE.replacen("state: \"NM\",", "county: \"Bernalillo\",", 1),
        SAMPLE.replacen("sent: \"2017-08-03\"", "sent: \"2017-08-33\"", 1),
        SAMPLE.replacen("version: 2", "version: 3", 1),
        SAMPLE.replacen("program: Some(\"Public", "program: (\"Public", 1),
        SAMPLE.replacen("Letter(", "Letters(", 1),
        SAMPLE
            .replacen("due: Some(", "due: Some (", 1)
            .replacen(')', "/* ", 1),
        format!("{SAMPLE}]"),
        format!("#![enable(implicit_some)]\n{SAMPLE}").replacen(
            "Some(\"Public",
            "Some \"Public",
            1,
        ),
    ];
    for text in &cases {
        assert_eq!(
            store::read_fast(text).filter(|d| d.version <= 2),
            None,
            "{text}"
        );
        same_parse(text).unwrap();
        assert!(store::parse(text).is_err(), "{text}");
    }
}

#[test]
fn every_prefix_of_the_sample_is_read_or_refused_as_ron_does() {
    for cut in (0..=SAMPLE.len()).filter(|cut| SAMPLE.is_char_boundary(*cut)) {
        same_as_ron(&SAMPLE[..cut]).unwrap();
    }
}

/// The file written back with random liberties, a field in `drop_one_in`
/// left out (0: none).
fn edited(docket: &Docket, seed: u64, implicit_some: bool, drop_one_in: u64) -> String {
    let mut edit = Edit {
        rng: Rng::new(seed),
        implicit_some,
        drop_one_in,
    };
    edit.file(&tree(&written(docket)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_docket_as_written_reads_as_ron_reads_it(docket in strategies::docket()) {
        let text = written(&docket);
        prop_assert!(store::read_fast(&text).is_some());
        same_as_ron(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn any_docket_edited_by_hand_reads_as_ron_reads_it(
        docket in strategies::docket(),
        seed in any::<u64>(),
        implicit_some in any::<bool>(),
        drop in prop::sample::select(vec![0_u64, 0, 3, 12]),
    ) {
        let text = edited(&docket, seed, implicit_some, drop);
        same_as_ron(&text).map_err(TestCaseError::fail)?;
    }

    /// Random damage to an edited file: bytes changed, put in or taken
    /// out, or the file cut short.
    #[test]
    fn damaged_edited_files_are_read_or_refused_as_ron_does(
        docket in strategies::docket(),
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3_u8), 1..4),
    ) {
        let mut bytes = edited(&docket, seed, seed % 2 == 0, 0).into_bytes();
        for (at, byte, kind) in edits {
            let at = at.index(bytes.len() + 1);
            match kind {
                0 if at < bytes.len() => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => bytes.truncate(at),
            }
        }
        if let Ok(text) = std::str::from_utf8(&bytes) {
            same_as_ron(text).map_err(TestCaseError::fail)?;
        }
    }
}
