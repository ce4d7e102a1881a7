//! The three-way merge on arbitrary dockets and arbitrary edits from a
//! common base: (a) edits to different records or fields merge cleanly and
//! the result holds both; (b) merge(base, x, x) = x; (c) merge(base, base,
//! x) = x; (d) swapping ours and theirs gives the same records, the
//! conflicts mirrored; (e) every conflict keeps both values.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

#[path = "merge/edits.rs"]
mod edits;
mod support;

use std::sync::Arc;

use docket::merge::fields::{self, ron_text};
use docket::merge::{Entry, Record, Side, merge, resolve};
use docket::model::{Closing, Docket, Extension, Letter, Reply};
use edits::{base, edits, overlap, side};
use proptest::prelude::*;

/// A docket as a set of records: cities and letters by id, entries by
/// content (ids set aside: an entry added on both sides is renumbered),
/// sets sorted.
fn records(docket: &Docket) -> Docket {
    let mut docket = docket.clone();
    docket.cities.sort_by(|a, b| a.id.cmp(&b.id));
    for city in &mut docket.cities {
        city.log.sort();
    }
    docket.letters.sort_by(|a, b| a.id.cmp(&b.id));
    for letter in &mut docket.letters {
        let letter = Arc::make_mut(letter);
        entries_by_content::<Reply>(letter);
        entries_by_content::<Extension>(letter);
        entries_by_content::<Closing>(letter);
        for list in [
            &mut letter.demands,
            &mut letter.tags,
            &mut letter.retired_ids,
        ] {
            list.sort();
        }
        letter.documents.sort_by_key(ron_text);
        letter.log.sort();
    }
    docket.retired_ids.sort();
    docket.settings.reminders.sort_unstable();
    docket.settings.calendar.extra.sort_by_key(ron_text);
    docket.settings.calendar.removed.sort();
    docket.conflicts.sort_by_key(|c| format!("{c:?}"));
    docket
}

fn entries_by_content<E: Entry>(letter: &mut Letter) {
    let entries = E::of_mut(letter);
    for entry in entries.iter_mut() {
        entry.id_mut().clear();
    }
    entries.sort_by_key(ron_text);
}

/// The value of a conflict's record and field in a docket, as RON text.
fn value_in(docket: &Docket, record: &str, field: &str) -> Option<String> {
    let (kind, id) = record.split_once(' ').unwrap_or((record, ""));
    match kind {
        "settings" => (fields::SETTINGS.iter())
            .find(|f| f.name() == field)
            .map(|f| f.text(&docket.settings)),
        "city" => docket.city(id).and_then(|c| text_of(c, field)),
        "letter" => docket.letter(id).and_then(|l| text_of(l, field)),
        _ => {
            let (letter, entry) = id.rsplit_once(' ').unwrap();
            let letter = docket.letter(letter)?;
            match kind {
                "reply" => entry_text::<Reply>(letter, entry, field),
                "extension" => entry_text::<Extension>(letter, entry, field),
                _ => entry_text::<Closing>(letter, entry, field),
            }
        }
    }
}

fn text_of<R: Record>(record: &R, field: &str) -> Option<String> {
    if field.is_empty() {
        return Some(ron_text(record));
    }
    R::fields()
        .iter()
        .find(|f| f.name() == field)
        .map(|f| f.text(record))
}

fn entry_text<E: Entry>(letter: &Letter, id: &str, field: &str) -> Option<String> {
    E::of(letter)
        .iter()
        .find(|e| e.id() == id)
        .and_then(|e| text_of(e, field))
}

/// The merge breaks no rule that neither side broke already.
fn no_new_problems(merged: &Docket, ours: &Docket, theirs: &Docket) -> Result<(), TestCaseError> {
    let before: Vec<String> = (ours.problems().into_iter())
        .chain(theirs.problems())
        .map(|p| p.to_string())
        .collect();
    for problem in merged.problems() {
        prop_assert!(before.contains(&problem.to_string()), "new: {}", problem);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_edits_to_different_records_or_fields_merge_cleanly_and_both_are_kept(
        base in base(), ours in edits(), theirs in edits(),
    ) {
        let (o, o_touched, o_checks) = side(&base, &ours, "ours");
        let (t, t_touched, t_checks) = side(&base, &theirs, "theirs");
        prop_assume!(!overlap(&o_touched, &t_touched));
        let merged = merge(&base, &o, &t);
        prop_assert!(merged.conflicts.is_empty(), "conflicts: {:#?}", merged.conflicts);
        for (i, check) in o_checks.iter().chain(&t_checks).enumerate() {
            prop_assert!(check(&merged.docket), "edit {} is not in the merge", i);
        }
        no_new_problems(&merged.docket, &o, &t)?;
    }

    #[test]
    fn b_the_same_edits_on_both_sides_merge_to_them(base in base(), edits in edits()) {
        let (x, ..) = side(&base, &edits, "x");
        let merged = merge(&base, &x, &x);
        prop_assert!(merged.conflicts.is_empty(), "{:#?}", merged.conflicts);
        let mut expected = x.clone();
        expected.cities.sort_by(|a, b| a.id.cmp(&b.id));
        expected.letters.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(merged.docket, expected);
    }

    #[test]
    fn c_edits_on_one_side_only_merge_to_them(base in base(), edits in edits()) {
        let (x, ..) = side(&base, &edits, "x");
        let mut expected = x.clone();
        expected.cities.sort_by(|a, b| a.id.cmp(&b.id));
        expected.letters.sort_by(|a, b| a.id.cmp(&b.id));
        let merged = merge(&base, &base, &x);
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(&merged.docket, &expected);
        let merged = merge(&base, &x, &base);
        prop_assert!(merged.conflicts.is_empty());
        prop_assert_eq!(&merged.docket, &expected);
    }

    #[test]
    fn d_swapping_the_sides_gives_the_same_records_and_mirrored_conflicts(
        base in base(), ours in edits(), theirs in edits(),
    ) {
        let (o, ..) = side(&base, &ours, "ours");
        let (t, ..) = side(&base, &theirs, "theirs");
        let merged = merge(&base, &o, &t);
        let swapped = merge(&base, &t, &o);
        let mut mirrored: Vec<String> = (swapped.conflicts.iter())
            .map(|c| format!("{} {} {:?} {:?} {:?}", c.record, c.field, c.base, c.theirs, c.ours))
            .collect();
        let mut found: Vec<String> = (merged.conflicts.iter())
            .map(|c| format!("{} {} {:?} {:?} {:?}", c.record, c.field, c.base, c.ours, c.theirs))
            .collect();
        mirrored.sort();
        found.sort();
        prop_assert_eq!(found, mirrored);
        // Each conflict resolved for the other side in the swapped merge
        // gives the records of the merge.
        let mut resolved = swapped.docket.clone();
        for conflict in &swapped.conflicts {
            let field = Some(conflict.field.as_str());
            resolve(&mut resolved, &conflict.record, field, Side::Theirs).unwrap();
        }
        let mut kept = merged.docket.clone();
        kept.conflicts.retain(|c| !merged.conflicts.contains(c));
        prop_assert_eq!(records(&kept), records(&resolved));
    }

    #[test]
    fn e_every_conflict_keeps_both_values(base in base(), ours in edits(), theirs in edits()) {
        let (o, ..) = side(&base, &ours, "ours");
        let (t, ..) = side(&base, &theirs, "theirs");
        let merged = merge(&base, &o, &t);
        for c in &merged.conflicts {
            prop_assert_ne!(&c.ours, &c.theirs);
            prop_assert_eq!(&c.ours, &value_in(&o, &c.record, &c.field), "{:?}", c);
            prop_assert_eq!(&c.theirs, &value_in(&t, &c.record, &c.field), "{:?}", c);
            prop_assert_eq!(&c.base, &value_in(&base, &c.record, &c.field), "{:?}", c);
            // The merge holds ours.
            prop_assert_eq!(&c.ours, &value_in(&merged.docket, &c.record, &c.field), "{:?}", c);
            prop_assert!(merged.docket.conflicts.contains(c));
        }
        no_new_problems(&merged.docket, &o, &t)?;
    }
}
