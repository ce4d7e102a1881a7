//! Arbitrary dockets for property tests: hostile text (quotes, escapes,
//! control characters, combining marks, emoji, unassigned code points) and
//! dates anywhere chrono can go, with unique ids and letters naming cities
//! that exist, in no particular order.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use docket::model::{City, Closing, Docket, Extension, Letter, Reply, ReplyKind};
use proptest::prelude::*;

/// Characters that are hard to write and read back.
pub fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::char::range(' ', '~'),
        2 => prop::sample::select(vec![
            '"', '\'', '\\', '\n', '\r', '\t', '\0', '\u{1}', '\u{1b}', '\u{7f}',
            '\u{85}', '\u{a0}', '\u{ad}', '\u{200b}', '\u{200d}', '\u{200e}',
            '\u{200f}', '\u{202e}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}',
            '\u{301}', 'é', 'ß', 'א', 'ب', '漢', '字', '東', '京', '한', '🦀', '👩',
            '🏽', '\u{10ffff}', '{', '}', '(', ')', '[', ']', ',', ':', '/', '*', '#',
            'r', '$',
        ]),
        1 => any::<char>(),
    ]
}

pub fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..24).prop_map(String::from_iter)
}

pub fn date() -> impl Strategy<Value = NaiveDate> {
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    prop_oneof![
        // Mostly everyday dates, some anywhere chrono can go.
        3 => 719_163..=767_000_i32, // 1970 .. 2100
        1 => min..=max,
    ]
    .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).expect("in range"))
}

pub fn reply() -> impl Strategy<Value = Reply> {
    (
        (text(), date(), text()),
        prop::sample::select(ReplyKind::ALL.to_vec()),
        text(),
        prop::option::of(text()),
    )
        .prop_map(|((id, on, from), kind, summary, source)| Reply {
            id,
            on,
            from,
            kind,
            summary,
            source,
        })
}

pub fn extension() -> impl Strategy<Value = Extension> {
    (text(), date(), date(), text()).prop_map(|(id, granted_on, new_due, note)| Extension {
        id,
        granted_on,
        new_due,
        note,
    })
}

pub fn closing() -> impl Strategy<Value = Closing> {
    (text(), date(), text(), prop::option::of(date())).prop_map(|(id, on, outcome, reopened_on)| {
        Closing {
            id,
            on,
            outcome,
            reopened_on,
        }
    })
}

/// A letter; its id and city are set by [`docket`].
pub fn letter() -> impl Strategy<Value = Letter> {
    (
        (text(), text(), text(), text(), prop::option::of(text())),
        (date(), prop::option::of(date())),
        (
            prop::collection::vec(text(), 0..3),
            text(),
            prop::option::of(text()),
            prop::collection::vec(text(), 0..3),
        ),
        (
            prop::collection::vec(reply(), 0..3),
            prop::collection::vec(extension(), 0..3),
            prop::collection::vec(closing(), 0..3),
            prop::collection::vec(text(), 0..2),
        ),
    )
        .prop_map(
            |(
                (id, from, to, subject, program),
                (sent, due),
                (demands, summary, source, tags),
                (replies, extensions, closings, retired),
            )| {
                super::letters::letter(id, "", sent)
                    .from(from)
                    .to(to)
                    .subject(subject)
                    .program(program)
                    .due(due)
                    .demands(demands)
                    .summary(summary)
                    .source(source)
                    .tags(tags)
                    .replies(replies)
                    .extensions(extensions)
                    .closings(closings)
                    .retired_ids(retired)
                    .build()
            },
        )
}

pub fn city() -> impl Strategy<Value = City> {
    (text(), text(), text(), text()).prop_map(|(id, name, state, notes)| City {
        id,
        name,
        state,
        notes,
    })
}

/// A docket with unique ids whose letters name cities that exist, in no
/// particular order.
pub fn docket() -> impl Strategy<Value = Docket> {
    (
        prop::collection::vec(city(), 0..4),
        prop::collection::vec((letter(), any::<prop::sample::Index>()), 0..5),
    )
        .prop_map(|(mut cities, letters)| {
            for (i, city) in cities.iter_mut().enumerate() {
                city.id = format!("{}#{i}", city.id);
            }
            let letters = if cities.is_empty() {
                Vec::new()
            } else {
                letters
                    .into_iter()
                    .enumerate()
                    .map(|(i, (mut letter, which))| {
                        letter.id = format!("{}#{i}", letter.id);
                        letter
                            .city
                            .clone_from(&cities[which.index(cities.len())].id);
                        letter
                    })
                    .collect()
            };
            Docket {
                version: Docket::VERSION,
                cities,
                letters: letters.into_iter().map(Arc::new).collect(),
                retired_ids: Vec::new(),
            }
        })
}
