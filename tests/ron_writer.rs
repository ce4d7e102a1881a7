//! The hand-written RON writer (`store::to_ron`) writes exactly the bytes the
//! ron crate's serializer writes (`store::to_ron_serde`), and the ron crate
//! reads them back to the same docket: on the sample, the story, a big
//! generated docket, and arbitrary dockets with hostile strings and dates.

#[path = "../benches/support/synth.rs"]
mod synth;

use docket::model::{City, Closing, Date, Docket, Extension, Letter, Reply, ReplyKind};
use docket::store;
use proptest::prelude::*;
use std::sync::Arc;

fn assert_same(docket: &Docket) {
    let fast = store::to_ron(docket);
    let reference = store::to_ron_serde(docket);
    if fast != reference {
        let at = fast
            .bytes()
            .zip(reference.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(fast.len().min(reference.len()));
        let from = at.saturating_sub(80);
        panic!(
            "differs at byte {at}:\nwriter: {:?}\nserde:  {:?}",
            &fast.get(from..(at + 80).min(fast.len())),
            &reference.get(from..(at + 80).min(reference.len()))
        );
    }
}

fn reads_back(docket: &Docket) {
    let mut expected = docket.clone();
    expected.cities.sort_by(|a, b| a.id.cmp(&b.id));
    expected.letters.sort_by(|a, b| a.id.cmp(&b.id));
    let parsed = store::parse(&store::to_ron(docket)).expect("the ron crate reads it");
    assert_eq!(parsed, expected);
}

#[test]
fn the_sample_and_the_empty_docket_are_written_byte_for_byte() {
    let sample = docket::cli::sample();
    assert_eq!(store::to_ron(&sample), docket::cli::SAMPLE);
    assert_same(&sample);
    assert_same(&Docket::new());
    reads_back(&Docket::new());
}

#[test]
fn a_big_generated_docket_is_written_byte_for_byte_by_two_threads() {
    // Above the size where the letters are written in two halves.
    let docket = synth::docket(20_000, 300, 11);
    assert_same(&docket);
    reads_back(&docket);
}

#[test]
fn a_docket_of_several_batches_is_written_byte_for_byte_by_one_thread() {
    // Above one batch of letters, below the size where two threads write.
    let docket = synth::docket(5_000, 80, 5);
    assert_same(&docket);
}

#[test]
fn unsorted_records_and_retired_ids_are_written_in_order() {
    let mut docket = synth::docket(50, 5, 3);
    docket.letters.reverse();
    docket.cities.reverse();
    docket.retired_ids = vec!["gone-2017-01-01".into(), "née \"x\"\n".into()];
    assert_same(&docket);
    reads_back(&docket);
}

/// Text that exercises every escape: quotes, backslashes, control
/// characters, combining marks, wide characters, emoji, NUL, DEL, BOM,
/// line and paragraph separators, private-use and unassigned code points.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "[a-zA-Z0-9 .,:;!?()-]{0,12}",
        Just("'".to_owned()),
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\n\r\t\0\u{7f}\u{1b}".to_owned()),
        Just("e\u{301}\u{200d}\u{fe0f}".to_owned()),
        Just("北京 🎉 café".to_owned()),
        Just("\u{feff}\u{2028}\u{2029}\u{e000}\u{10ffff}\u{ad}".to_owned()),
        any::<char>().prop_map(String::from),
        "\\PC{0,6}",
    ];
    proptest::collection::vec(pieces, 0..6).prop_map(|parts| parts.concat())
}

fn date() -> impl Strategy<Value = Date> {
    prop_oneof![
        8 => (1990i32..2040, 1u32..=12, 1u32..=28),
        1 => (-300i32..300, 1u32..=12, 1u32..=28),
        1 => (9990i32..10100, 1u32..=12, 1u32..=28),
    ]
    .prop_map(|(y, m, d)| Date::from_ymd_opt(y, m, d).expect("a valid date"))
}

fn kind() -> impl Strategy<Value = ReplyKind> {
    proptest::sample::select(ReplyKind::ALL.to_vec())
}

fn reply() -> impl Strategy<Value = Reply> {
    (date(), text(), kind(), text()).prop_map(|(on, from, kind, summary)| Reply {
        on,
        from,
        kind,
        summary,
    })
}

fn extension() -> impl Strategy<Value = Extension> {
    (date(), date(), text()).prop_map(|(granted_on, new_due, note)| Extension {
        granted_on,
        new_due,
        note,
    })
}

fn letter() -> impl Strategy<Value = Letter> {
    let texts = (text(), text(), text(), text(), text(), text());
    let options = (
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(date()),
    );
    let lists = (
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(reply(), 0..3),
        proptest::collection::vec(extension(), 0..3),
        proptest::option::of((date(), text()).prop_map(|(on, outcome)| Closing { on, outcome })),
    );
    (texts, options, date(), lists).prop_map(
        |((id, city, from, to, subject, summary), (program, source, due), sent, lists)| {
            let (demands, tags, replies, extensions, closed) = lists;
            Letter {
                id,
                city,
                from,
                to,
                subject,
                program,
                sent,
                due,
                demands,
                summary,
                source,
                tags,
                replies,
                extensions,
                closed,
            }
        },
    )
}

fn city() -> impl Strategy<Value = City> {
    (text(), text(), text(), text()).prop_map(|(id, name, state, notes)| City {
        id,
        name,
        state,
        notes,
    })
}

fn any_docket() -> impl Strategy<Value = Docket> {
    (
        1u32..4,
        proptest::collection::vec(city(), 0..4),
        proptest::collection::vec(letter(), 0..4),
        proptest::collection::vec(text(), 0..3),
    )
        .prop_map(|(version, cities, letters, retired_ids)| Docket {
            version,
            cities,
            letters: letters.into_iter().map(Arc::new).collect(),
            retired_ids,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_docket_is_written_as_the_ron_crate_writes_it(docket in any_docket()) {
        assert_same(&docket);
    }

    #[test]
    fn the_ron_crate_reads_any_docket_back(docket in any_docket()) {
        // Parsing checks the version: keep it one this build reads.
        let docket = Docket { version: 1, ..docket };
        reads_back(&docket);
    }
}
