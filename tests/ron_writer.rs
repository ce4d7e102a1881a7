//! The hand-written RON writer (`store::to_ron`) writes exactly the bytes the
//! ron crate's serializer writes (`store::to_ron_serde`), and the ron crate
//! reads them back to the same docket: on the sample, the story, a big
//! generated docket, and arbitrary dockets with hostile strings and dates.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;
#[path = "../benches/support/synth.rs"]
mod synth;

use docket::model::Docket;
use docket::store;
use proptest::prelude::*;
use support::strategies;

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
    // Loading works the due dates of rules out again.
    expected.derive_due_dates();
    let parsed = store::parse(&store::to_ron(docket)).expect("the ron crate reads it");
    assert_eq!(parsed, expected);
}

#[test]
fn the_sample_and_the_empty_docket_are_written_byte_for_byte() {
    let sample = docket::store::sample();
    assert_eq!(store::to_ron(&sample), docket::store::SAMPLE);
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_docket_is_written_as_the_ron_crate_writes_it(docket in strategies::docket()) {
        assert_same(&docket);
    }

    #[test]
    fn the_ron_crate_reads_any_docket_back(docket in strategies::docket()) {
        reads_back(&docket);
    }
}
