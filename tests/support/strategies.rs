//! Arbitrary dockets for property tests: hostile text (quotes, escapes,
//! control characters, combining marks, emoji, unassigned code points) and
//! dates anywhere chrono can go, with unique ids and letters naming cities
//! that exist, in no particular order.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use docket::model::{
    Calendar, CalendarBase, City, Closing, Conflict, Docket, Document, DueFrom, DueRule, DueUnit,
    Extension, Holiday, Letter, LogEntry, Reply, ReplyKind, Settings,
};
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
        version_2_fields(),
    )
        .prop_map(
            |(
                (id, from, to, subject, program),
                (sent, due),
                (demands, summary, source, tags),
                (replies, extensions, closings, retired),
                extra,
            )| {
                let letter = super::letters::letter(id, "", sent)
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
                    .build();
                extra.fill(letter)
            },
        )
}

/// The fields version 2 added to a letter.
#[derive(Debug, Clone)]
pub struct Version2Fields {
    received: Option<NaiveDate>,
    due_rule: Option<DueRule>,
    owner: Option<String>,
    matter: Option<String>,
    private_notes: String,
    documents: Vec<Document>,
    log: Vec<LogEntry>,
}

impl Version2Fields {
    fn fill(self, mut letter: Letter) -> Letter {
        letter.received = self.received;
        letter.due_rule = self.due_rule;
        letter.owner = self.owner;
        letter.matter = self.matter;
        letter.private_notes = self.private_notes;
        letter.documents = self.documents;
        letter.log = self.log;
        letter
    }
}

fn version_2_fields() -> impl Strategy<Value = Version2Fields> {
    (
        (prop::option::of(date()), prop::option::of(due_rule())),
        (prop::option::of(text()), prop::option::of(text()), text()),
        prop::collection::vec((text(), text()), 0..2),
        prop::collection::vec(log_entry(), 0..3),
    )
        .prop_map(
            |((received, due_rule), (owner, matter, private_notes), documents, log)| {
                Version2Fields {
                    received,
                    due_rule,
                    owner,
                    matter,
                    private_notes,
                    documents: (documents.into_iter())
                        .map(|(label, target)| Document { label, target })
                        .collect(),
                    log,
                }
            },
        )
}

pub fn due_rule() -> impl Strategy<Value = DueRule> {
    (any::<u32>(), any::<bool>(), any::<bool>()).prop_map(|(count, business, received)| DueRule {
        count,
        unit: if business {
            DueUnit::BusinessDays
        } else {
            DueUnit::Days
        },
        from: if received {
            DueFrom::Received
        } else {
            DueFrom::Sent
        },
    })
}

/// A log entry, at a time to the second (sometimes with a fraction).
pub fn log_entry() -> impl Strategy<Value = LogEntry> {
    (
        date(),
        0..86_400_u32,
        prop_oneof![3 => Just(0_u32), 1 => 0..1_000_000_000_u32],
        text(),
        text(),
    )
        .prop_map(|(day, secs, nanos, by, what)| LogEntry {
            at: day.and_time(
                chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos)
                    .expect("in a day"),
            ),
            by,
            what,
        })
}

/// Settings: mostly the defaults, which the file does not write.
pub fn settings() -> impl Strategy<Value = Settings> {
    let custom = (
        (
            any::<i64>(),
            prop::collection::vec(any::<i64>(), 0..3),
            any::<bool>(),
        ),
        any::<bool>(),
        prop::collection::vec((date(), text()), 0..3),
        prop::collection::vec(date(), 0..3),
    )
        .prop_map(
            |((due_soon_days, reminders, roll_forward), federal, extra, removed)| Settings {
                due_soon_days,
                reminders,
                roll_forward,
                calendar: Calendar {
                    base: if federal {
                        CalendarBase::UsFederal
                    } else {
                        CalendarBase::NoHolidays
                    },
                    extra: (extra.into_iter())
                        .map(|(on, name)| Holiday { on, name })
                        .collect(),
                    removed,
                },
            },
        );
    prop_oneof![1 => Just(Settings::default()), 1 => custom]
}

pub fn conflict() -> impl Strategy<Value = Conflict> {
    (
        (text(), text()),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
        ),
    )
        .prop_map(|((record, field), (base, ours, theirs))| Conflict {
            record,
            field,
            base,
            ours,
            theirs,
        })
}

pub fn city() -> impl Strategy<Value = City> {
    (
        (text(), text(), text(), text()),
        prop::collection::vec(log_entry(), 0..2),
    )
        .prop_map(|((id, name, state, notes), log)| City {
            id,
            name,
            state,
            notes,
            log,
        })
}

/// A docket with unique ids whose letters name cities that exist, in no
/// particular order.
pub fn docket() -> impl Strategy<Value = Docket> {
    (
        prop::collection::vec(city(), 0..4),
        prop::collection::vec((letter(), any::<prop::sample::Index>()), 0..5),
        settings(),
        prop::collection::vec(conflict(), 0..2),
    )
        .prop_map(|(mut cities, letters, settings, conflicts)| {
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
                settings,
                conflicts,
            }
        })
}
