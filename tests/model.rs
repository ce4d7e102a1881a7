//! Table-driven tests of the pure model: status as of a date, countdowns,
//! extensions, closings, the business-day calendar and the docket as a whole.
//!
//! Every expected value here was worked out by hand (and cross-checked against
//! a day-by-day count), not copied from the model's output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use ::docket::model::*;
use chrono::NaiveDate;
use std::sync::Arc;
use support::letters::{self, LetterBuilder, date as d};

/// A letter to Baltimore from the Department of Justice sent on `sent`, with
/// no deadline, replies, extensions or closing.
fn letter(sent: &str) -> LetterBuilder {
    letters::letter(format!("baltimore-{sent}"), "baltimore", sent)
        .from("U.S. Department of Justice")
        .to("Baltimore Police Department")
        .subject("Public Safety Partnership")
}

/// The federal calendar's days off around the dates of these tests.
fn federal() -> Holidays {
    Calendar::default().holidays(2014..=2024)
}

fn is_business_day(date: NaiveDate) -> bool {
    federal().is_business_day(date)
}

fn business_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    federal().business_days_between(from, to)
}

/// The sample letter: sent 2017-08-03, due 2017-08-18.
fn sample() -> LetterBuilder {
    letter("2017-08-03").due("2017-08-18")
}

fn city(id: &str) -> City {
    City {
        id: id.to_owned(),
        name: id.to_owned(),
        state: String::new(),
        notes: String::new(),
        log: Vec::new(),
    }
}

/// Replies as (date, kind) rows.
type Replies = &'static [(&'static str, ReplyKind)];

/// Named letters, each with (as of, expected status) rows.
type Cases = [(&'static str, Letter, &'static [(&'static str, Status)])];

/// Asserts status, days left and business days left of `letter` as of each row.
#[track_caller]
fn assert_countdowns(letter: &Letter, table: &[(&str, Status, i64, i64)]) {
    for &(as_of, status, days, business) in table {
        let as_of = d(as_of);
        assert_eq!(letter.status(as_of), status, "status as of {as_of}");
        assert_eq!(
            letter.days_left(as_of),
            Some(days),
            "days left as of {as_of}"
        );
        assert_eq!(
            letter.business_days_left(as_of, &federal()),
            Some(business),
            "business days left as of {as_of}"
        );
    }
}

/// Asserts the status of `letter` as of each date.
#[track_caller]
fn assert_statuses(name: &str, letter: &Letter, table: &[(&str, Status)]) {
    for &(as_of, status) in table {
        assert_eq!(letter.status(d(as_of)), status, "{name}: as of {as_of}");
    }
}

// ---------------------------------------------------------------------------
// The sample scenario

#[test]
fn sample_letter_countdown() {
    let letter = sample().build();
    // (as of, status, days left, business days left)
    let table = [
        ("2017-08-03", Status::Open, 15, 11), // the day it was sent (Thu)
        ("2017-08-10", Status::Open, 8, 6),   // Thu
        ("2017-08-14", Status::Open, 4, 4),   // Mon, one day outside the window
        ("2017-08-15", Status::DueSoon, 3, 3), // Tue, window edge
        ("2017-08-16", Status::DueSoon, 2, 2),
        ("2017-08-17", Status::DueSoon, 1, 1),
        ("2017-08-18", Status::DueToday, 0, 0),  // Fri
        ("2017-08-19", Status::Overdue, -1, 0),  // Sat: no business day lost yet
        ("2017-08-20", Status::Overdue, -2, 0),  // Sun
        ("2017-08-21", Status::Overdue, -3, -1), // Mon
        ("2017-08-25", Status::Overdue, -7, -5), // Fri a week on
    ];
    assert_countdowns(&letter, &table);
}

#[test]
fn sample_letter_before_it_was_sent() {
    let letter = sample().build();
    for as_of in ["2017-08-02", "2017-07-01", "2016-08-03"] {
        assert_eq!(letter.status(d(as_of)), Status::NotYetSent, "{as_of}");
        assert!(!letter.is_sent(d(as_of)), "{as_of}");
    }
    assert!(letter.is_sent(d("2017-08-03")));
}

#[test]
fn sample_letter_span() {
    let (sent, due) = (d("2017-08-03"), d("2017-08-18"));
    assert_eq!((due - sent).num_days(), 15);
    assert_eq!(business_days_between(sent, due), 11);
}

// ---------------------------------------------------------------------------
// The due-soon window

#[test]
fn due_soon_default_window_is_three_days() {
    assert_eq!(DUE_SOON_DAYS, 3);
    let letter = sample().build();
    for as_of in d("2017-08-01").iter_days().take(30) {
        assert_eq!(
            letter.status(as_of),
            letter.status_with(as_of, &Settings::default()),
            "{as_of}"
        );
    }
}

#[test]
fn due_soon_window_boundaries() {
    let letter = sample().build(); // due 2017-08-18
    // (window in days, as of, status)
    let table = [
        (3, "2017-08-14", Status::Open),
        (3, "2017-08-15", Status::DueSoon),
        (3, "2017-08-17", Status::DueSoon),
        (3, "2017-08-18", Status::DueToday),
        (3, "2017-08-19", Status::Overdue),
        (0, "2017-08-17", Status::Open),
        (0, "2017-08-18", Status::DueToday),
        (0, "2017-08-19", Status::Overdue),
        (1, "2017-08-16", Status::Open),
        (1, "2017-08-17", Status::DueSoon),
        (7, "2017-08-10", Status::Open),
        (7, "2017-08-11", Status::DueSoon),
        (14, "2017-08-03", Status::Open),
        (14, "2017-08-04", Status::DueSoon),
        (30, "2017-08-03", Status::DueSoon),
        (30, "2017-08-18", Status::DueToday),
        (30, "2017-08-02", Status::NotYetSent),
    ];
    for (window, as_of, status) in table {
        assert_eq!(
            letter.status_with(
                d(as_of),
                &Settings {
                    due_soon_days: window,
                    ..Settings::default()
                }
            ),
            status,
            "window {window}, as of {as_of}"
        );
    }
}

// ---------------------------------------------------------------------------
// Answers

#[test]
fn reply_kinds_that_answer() {
    let table = [
        (ReplyKind::Acknowledges, false),
        (ReplyKind::Complies, true),
        (ReplyKind::Disputes, true),
        (ReplyKind::Refuses, true),
        (ReplyKind::AsksExtension, false),
        (ReplyKind::Other, true),
    ];
    assert_eq!(table.len(), ReplyKind::ALL.len());
    for (kind, answers) in table {
        assert_eq!(kind.answers(), answers, "{kind}");
    }
}

#[test]
fn answered_on_time_or_late() {
    use ReplyKind::*;
    // (name, replies in file order, as of, status); the letter is due 2017-08-18.
    #[rustfmt::skip]
    let table: &[(&str, Replies, &str, Status)] = &[
        ("complies early", &[("2017-08-10", Complies)], "2017-08-10", Status::Answered),
        ("complies early, seen later", &[("2017-08-10", Complies)], "2017-09-30", Status::Answered),
        ("reply after D is ignored", &[("2017-08-10", Complies)], "2017-08-09", Status::Open),
        ("on the due date is on time", &[("2017-08-18", Complies)], "2017-08-18", Status::Answered),
        ("refuses a day late", &[("2017-08-19", Refuses)], "2017-08-19", Status::AnsweredLate),
        ("late, before it came", &[("2017-08-21", Refuses)], "2017-08-20", Status::Overdue),
        ("late, when it came", &[("2017-08-21", Refuses)], "2017-08-21", Status::AnsweredLate),
        ("disputes", &[("2017-08-16", Disputes)], "2017-08-16", Status::Answered),
        ("other answers", &[("2017-08-10", Other)], "2017-08-12", Status::Answered),
        ("other, late", &[("2017-08-22", Other)], "2017-08-30", Status::AnsweredLate),
        ("acknowledges only", &[("2017-08-05", Acknowledges)], "2017-08-10", Status::Open),
        ("acknowledged, overdue", &[("2017-08-05", Acknowledges)], "2017-08-21", Status::Overdue),
        ("asks extension only", &[("2017-08-16", AsksExtension)], "2017-08-16", Status::DueSoon),
        ("asks extension, due", &[("2017-08-16", AsksExtension)], "2017-08-18", Status::DueToday),
        (
            "an acknowledgement is not the first answer",
            &[("2017-08-05", Acknowledges), ("2017-08-21", Complies)],
            "2017-08-21", Status::AnsweredLate,
        ),
        (
            "the first answer decides (on time, then a late refusal)",
            &[("2017-08-17", Complies), ("2017-08-25", Refuses)],
            "2017-08-30", Status::Answered,
        ),
        (
            "first by date, not by file order",
            &[("2017-08-25", Refuses), ("2017-08-17", Complies)],
            "2017-08-30", Status::Answered,
        ),
        (
            "a late first answer decides even if more follow",
            &[("2017-08-15", AsksExtension), ("2017-08-20", Disputes), ("2017-08-22", Complies)],
            "2017-08-30", Status::AnsweredLate,
        ),
        (
            "answers after D are ignored",
            &[("2017-08-16", Acknowledges), ("2017-08-19", Complies)],
            "2017-08-18", Status::DueToday,
        ),
    ];
    for &(name, replies, as_of, status) in table {
        let letter = replies
            .iter()
            .fold(sample(), |b, &(on, kind)| b.reply(on, kind))
            .build();
        assert_eq!(letter.status(d(as_of)), status, "{name}: as of {as_of}");
        assert!(
            !status.is_pending() || letter.first_answer(d(as_of)).is_none(),
            "{name}"
        );
    }
}

#[test]
fn first_answer_and_replies_as_of() {
    use ReplyKind::*;
    let letter = sample()
        .reply("2017-08-25", Refuses)
        .reply("2017-08-05", Acknowledges)
        .reply("2017-08-17", Complies)
        .reply("2017-08-16", AsksExtension)
        .build();
    // (as of, date of the first answer, dates of the replies seen, in order)
    let table: &[(&str, Option<&str>, &[&str])] = &[
        ("2017-08-04", None, &[]),
        ("2017-08-05", None, &["2017-08-05"]),
        ("2017-08-16", None, &["2017-08-05", "2017-08-16"]),
        (
            "2017-08-17",
            Some("2017-08-17"),
            &["2017-08-05", "2017-08-16", "2017-08-17"],
        ),
        (
            "2017-08-30",
            Some("2017-08-17"),
            &["2017-08-05", "2017-08-16", "2017-08-17", "2017-08-25"],
        ),
    ];
    for &(as_of, first, seen) in table {
        let as_of = d(as_of);
        assert_eq!(
            letter.first_answer(as_of).map(|r| r.on),
            first.map(d),
            "first answer as of {as_of}"
        );
        let got: Vec<NaiveDate> = letter.replies_as_of(as_of).iter().map(|r| r.on).collect();
        let want: Vec<NaiveDate> = seen.iter().map(|s| d(s)).collect();
        assert_eq!(got, want, "replies as of {as_of}");
    }
    assert_eq!(letter.first_answer(d("2017-08-30")).unwrap().kind, Complies);
}

// ---------------------------------------------------------------------------
// Extensions

#[test]
fn effective_due_follows_extensions_granted_by_d() {
    // Two extensions, listed out of order: granted 08-10 (to 08-25) and
    // granted 08-20 (to 09-08).
    let two = sample()
        .extension("2017-08-20", "2017-09-08")
        .extension("2017-08-10", "2017-08-25")
        .build();
    // The latest granted wins, even when it shortens the deadline.
    let shortened = sample()
        .extension("2017-08-10", "2017-09-15")
        .extension("2017-08-14", "2017-08-25")
        .build();
    // Granted after the original deadline had passed.
    let after_due = sample().extension("2017-08-21", "2017-08-31").build();
    let table: &[(&str, &Letter, &str, &str)] = &[
        ("two", &two, "2017-08-03", "2017-08-18"),
        ("two", &two, "2017-08-09", "2017-08-18"),
        ("two", &two, "2017-08-10", "2017-08-25"),
        ("two", &two, "2017-08-19", "2017-08-25"),
        ("two", &two, "2017-08-20", "2017-09-08"),
        ("two", &two, "2018-01-01", "2017-09-08"),
        ("shortened", &shortened, "2017-08-13", "2017-09-15"),
        ("shortened", &shortened, "2017-08-14", "2017-08-25"),
        ("after due", &after_due, "2017-08-20", "2017-08-18"),
        ("after due", &after_due, "2017-08-21", "2017-08-31"),
    ];
    for &(name, letter, as_of, due) in table {
        assert_eq!(
            letter.effective_due(d(as_of)),
            Some(d(due)),
            "{name}: as of {as_of}"
        );
    }
    let granted: Vec<NaiveDate> = two
        .extensions_as_of(d("2017-08-30"))
        .iter()
        .map(|e| e.granted_on)
        .collect();
    assert_eq!(granted, [d("2017-08-10"), d("2017-08-20")]);
    assert!(two.extensions_as_of(d("2017-08-09")).is_empty());
    assert_eq!(
        sample().build().effective_due(d("2017-08-10")),
        Some(d("2017-08-18"))
    );
}

#[test]
fn extension_countdowns() {
    let before_due = sample().extension("2017-08-15", "2017-09-01").build();
    assert_countdowns(
        &before_due,
        &[
            ("2017-08-14", Status::Open, 4, 4),   // not granted yet
            ("2017-08-15", Status::Open, 17, 13), // granted today
            ("2017-08-18", Status::Open, 14, 10), // the old deadline passes quietly
            ("2017-08-21", Status::Open, 11, 9),
            ("2017-08-29", Status::DueSoon, 3, 3),
            ("2017-09-01", Status::DueToday, 0, 0),
            ("2017-09-05", Status::Overdue, -4, -1), // over Labor Day
        ],
    );
    let after_due = sample().extension("2017-08-21", "2017-08-31").build();
    assert_countdowns(
        &after_due,
        &[
            ("2017-08-20", Status::Overdue, -2, 0),
            ("2017-08-21", Status::Open, 10, 8),
            ("2017-08-28", Status::DueSoon, 3, 3),
        ],
    );
}

#[test]
fn answers_against_the_extended_deadline() {
    use ReplyKind::*;
    let extended = || sample().extension("2017-08-15", "2017-09-01");
    let table: &Cases = &[
        (
            "after the old due date, before the new one: on time",
            extended().reply("2017-08-25", Complies).build(),
            &[
                ("2017-08-24", Status::Open),
                ("2017-08-25", Status::Answered),
                ("2017-09-30", Status::Answered),
            ],
        ),
        (
            "on the new due date: on time",
            extended().reply("2017-09-01", Refuses).build(),
            &[("2017-09-01", Status::Answered)],
        ),
        (
            "after the new due date: late",
            extended().reply("2017-09-05", Disputes).build(),
            &[
                ("2017-09-04", Status::Overdue),
                ("2017-09-05", Status::AnsweredLate),
            ],
        ),
        (
            // The effective due date is the one in force as of D, so an
            // extension granted after a late answer makes it on time from then.
            "extension granted after a late answer",
            sample()
                .reply("2017-08-21", Complies)
                .extension("2017-08-22", "2017-09-01")
                .build(),
            &[
                ("2017-08-21", Status::AnsweredLate),
                ("2017-08-22", Status::Answered),
            ],
        ),
        (
            "extension asked for, then granted",
            sample()
                .reply("2017-08-16", AsksExtension)
                .extension("2017-08-17", "2017-08-25")
                .build(),
            &[
                ("2017-08-16", Status::DueSoon),
                ("2017-08-17", Status::Open),
                ("2017-08-22", Status::DueSoon),
                ("2017-08-25", Status::DueToday),
                ("2017-08-26", Status::Overdue),
            ],
        ),
    ];
    for (name, letter, rows) in table {
        assert_statuses(name, letter, rows);
    }
}

// ---------------------------------------------------------------------------
// Closing and rule precedence

#[test]
fn closing_and_precedence() {
    use ReplyKind::*;
    let table: &Cases = &[
        (
            "closed before the deadline",
            sample().closed("2017-08-16").build(),
            &[
                ("2017-08-15", Status::DueSoon),
                ("2017-08-16", Status::Closed),
                ("2017-08-21", Status::Closed),
            ],
        ),
        (
            "closed after D does not count yet",
            sample().closed("2017-08-30").build(),
            &[
                ("2017-08-21", Status::Overdue),
                ("2017-08-29", Status::Overdue),
                ("2017-08-30", Status::Closed),
            ],
        ),
        (
            "closed beats answered",
            sample()
                .reply("2017-08-10", Complies)
                .closed("2017-08-12")
                .build(),
            &[
                ("2017-08-09", Status::Open),
                ("2017-08-11", Status::Answered),
                ("2017-08-12", Status::Closed),
            ],
        ),
        (
            "closed beats answered late",
            sample()
                .reply("2017-08-21", Refuses)
                .closed("2017-08-21")
                .build(),
            &[
                ("2017-08-20", Status::Overdue),
                ("2017-08-21", Status::Closed),
            ],
        ),
        (
            "closed beats no deadline",
            letter("2017-08-03").closed("2017-08-05").build(),
            &[
                ("2017-08-04", Status::NoDeadline),
                ("2017-08-05", Status::Closed),
            ],
        ),
        (
            "closed on the day it was sent",
            sample().closed("2017-08-03").build(),
            &[
                ("2017-08-02", Status::NotYetSent),
                ("2017-08-03", Status::Closed),
            ],
        ),
        (
            // Bad data (reply and closing before sending) must not matter
            // before the letter exists.
            "not yet sent beats everything",
            sample()
                .reply("2017-08-01", Complies)
                .extension("2017-08-01", "2017-09-01")
                .closed("2017-08-01")
                .build(),
            &[
                ("2017-08-01", Status::NotYetSent),
                ("2017-08-02", Status::NotYetSent),
                ("2017-08-03", Status::Closed),
            ],
        ),
    ];
    for (name, letter, rows) in table {
        assert_statuses(name, letter, rows);
    }
    let letter = sample().closed("2017-08-16").build();
    assert_eq!(letter.closed_as_of(d("2017-08-15")), None);
    assert_eq!(
        letter.closed_as_of(d("2017-08-16")).map(|c| c.on),
        Some(d("2017-08-16"))
    );
}

// ---------------------------------------------------------------------------
// No deadline

#[test]
fn no_deadline() {
    use ReplyKind::*;
    let table: &Cases = &[
        (
            "nothing yet",
            letter("2017-08-03").build(),
            &[
                ("2017-08-02", Status::NotYetSent),
                ("2017-08-03", Status::NoDeadline),
                ("2030-01-01", Status::NoDeadline),
            ],
        ),
        (
            "acknowledged only",
            letter("2017-08-03")
                .reply("2017-08-04", Acknowledges)
                .build(),
            &[("2017-08-10", Status::NoDeadline)],
        ),
        (
            "answered without a deadline is never late",
            letter("2017-08-03").reply("2017-09-30", Complies).build(),
            &[
                ("2017-09-29", Status::NoDeadline),
                ("2017-09-30", Status::Answered),
                ("2019-01-01", Status::Answered),
            ],
        ),
        (
            "refused without a deadline",
            letter("2017-08-03").reply("2018-03-01", Refuses).build(),
            &[("2018-03-01", Status::Answered)],
        ),
    ];
    for (name, letter, rows) in table {
        assert_statuses(name, letter, rows);
        for &(as_of, _) in *rows {
            assert_eq!(letter.effective_due(d(as_of)), None, "{name}: {as_of}");
            assert_eq!(letter.days_left(d(as_of)), None, "{name}: {as_of}");
            assert_eq!(
                letter.business_days_left(d(as_of), &federal()),
                None,
                "{name}: {as_of}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The calendar: month ends, year ends, leap days, weekends, holidays

#[test]
fn countdowns_across_the_calendar() {
    // (what, sent = as of, due, status, days left, business days left)
    #[rustfmt::skip]
    let table = [
        // Month ends.
        ("Jan 31 to Feb 28, Presidents' Day", "2017-01-31", "2017-02-28", Status::Open, 28, 19),
        ("April into May over a weekend", "2017-04-28", "2017-05-01", Status::DueSoon, 3, 1),
        ("June into July, Independence Day", "2017-06-30", "2017-07-05", Status::Open, 5, 2),
        // Year ends.
        ("year end, New Year's Day skipped", "2017-12-29", "2018-01-02", Status::Open, 4, 1),
        ("Christmas and New Year inside", "2017-12-20", "2018-01-10", Status::Open, 21, 13),
        ("2016-12-26 and 2017-01-02 observed", "2016-12-23", "2017-01-03", Status::Open, 11, 5),
        // Leap days.
        ("leap day Monday counts", "2016-02-26", "2016-03-01", Status::Open, 4, 2),
        ("due on leap day 2016", "2016-02-28", "2016-02-29", Status::DueSoon, 1, 1),
        ("due on leap day 2020, a Saturday", "2020-02-28", "2020-02-29", Status::DueSoon, 1, 0),
        ("February 2020 has 29 days", "2020-02-01", "2020-03-01", Status::Open, 29, 19),
        ("February 2019 has 28 days", "2019-02-01", "2019-03-01", Status::Open, 28, 19),
        ("a year over a leap day", "2016-02-01", "2017-02-01", Status::Open, 366, 252),
        ("a year without one", "2017-02-01", "2018-02-01", Status::Open, 365, 251),
        // Weekends.
        ("Friday to Monday", "2017-08-11", "2017-08-14", Status::DueSoon, 3, 1),
        ("Saturday to Monday", "2017-08-12", "2017-08-14", Status::DueSoon, 2, 1),
        ("due on a Saturday", "2017-08-18", "2017-08-19", Status::DueSoon, 1, 0),
        ("due on a Sunday", "2017-08-14", "2017-08-20", Status::Open, 6, 4),
        // Holidays inside the window.
        ("Labor Day 2017", "2017-09-01", "2017-09-05", Status::Open, 4, 1),
        ("Labor Day inside two weeks", "2017-08-28", "2017-09-08", Status::Open, 11, 8),
        ("Thanksgiving 2017", "2017-11-20", "2017-11-27", Status::Open, 7, 4),
        ("Christmas observed 2016-12-26", "2016-12-23", "2016-12-27", Status::Open, 4, 1),
        ("due on Christmas observed", "2016-12-23", "2016-12-26", Status::DueSoon, 3, 0),
    ];
    for (what, as_of, due, status, days, business) in table {
        let letter = letter(as_of).due(due).build();
        let as_of = d(as_of);
        assert_eq!(letter.status(as_of), status, "{what}");
        assert_eq!(letter.days_left(as_of), Some(days), "{what}: days");
        assert_eq!(
            letter.business_days_left(as_of, &federal()),
            Some(business),
            "{what}: business days"
        );
    }
}

#[test]
fn overdue_countdowns_across_the_calendar() {
    // (what, sent, due, as of, days left, business days left)
    #[rustfmt::skip]
    let table = [
        ("over a year boundary", "2017-12-01", "2017-12-29", "2018-01-02", -4, -1),
        ("after leap day 2016", "2016-02-01", "2016-02-29", "2016-03-01", -1, -1),
        ("after leap day 2020, a Saturday", "2020-02-01", "2020-02-29", "2020-03-02", -2, -1),
        ("over Labor Day", "2017-08-03", "2017-09-01", "2017-09-05", -4, -1),
        ("over Thanksgiving", "2017-11-01", "2017-11-22", "2017-11-27", -5, -2),
        ("over Christmas observed", "2016-12-01", "2016-12-23", "2016-12-27", -4, -1),
        ("over a weekend", "2017-08-03", "2017-08-18", "2017-08-21", -3, -1),
    ];
    for (what, sent, due, as_of, days, business) in table {
        let letter = letter(sent).due(due).build();
        let as_of = d(as_of);
        assert_eq!(letter.status(as_of), Status::Overdue, "{what}");
        assert_eq!(letter.days_left(as_of), Some(days), "{what}: days");
        assert_eq!(
            letter.business_days_left(as_of, &federal()),
            Some(business),
            "{what}: business days"
        );
    }
}

#[test]
fn business_day_calendar() {
    let table = [
        ("2016-02-29", true),  // leap day 2016, a Monday
        ("2020-02-29", false), // leap day 2020, a Saturday
        ("2016-12-25", false), // Christmas on a Sunday
        ("2016-12-26", false), // ... observed on the Monday
        ("2016-12-27", true),
        ("2017-01-02", false), // New Year's Day 2017 observed on the Monday
        ("2017-09-04", false), // Labor Day
        ("2017-09-05", true),
        ("2017-11-23", false), // Thanksgiving
        ("2017-11-24", true),  // the Friday after is a working day
        ("2017-12-25", false), // Christmas on a Monday
        ("2017-12-29", true),
        ("2018-01-01", false),
    ];
    for (date, expected) in table {
        assert_eq!(is_business_day(d(date)), expected, "{date}");
    }
    let holidays_2016: Vec<(NaiveDate, &str)> = observed_federal_holidays(2016);
    let want = [
        "2016-01-01",
        "2016-01-18",
        "2016-02-15",
        "2016-05-30",
        "2016-07-04",
        "2016-09-05",
        "2016-10-10",
        "2016-11-11",
        "2016-11-24",
        "2016-12-26",
    ];
    let got: Vec<NaiveDate> = holidays_2016.iter().map(|(date, _)| *date).collect();
    assert_eq!(got, want.map(d));
    assert_eq!(holidays_2016[8].1, "Thanksgiving Day");
    assert_eq!(holidays_2016[9].1, "Christmas Day");
}

#[test]
fn business_days_left_matches_a_day_by_day_count() {
    // Slide the as-of date over a window that crosses Labor Day, weekends and
    // the deadline itself, and count business days one at a time.
    let letter = letter("2017-08-03").due("2017-09-05").build();
    let due = d("2017-09-05");
    for as_of in d("2017-08-03").iter_days().take(50) {
        let (lo, hi, sign) = if as_of <= due {
            (as_of, due, 1)
        } else {
            (due, as_of, -1)
        };
        let slow = lo
            .iter_days()
            .skip(1)
            .take_while(|day| *day <= hi)
            .filter(|day| is_business_day(*day))
            .count() as i64;
        assert_eq!(
            letter.business_days_left(as_of, &federal()),
            Some(sign * slow),
            "{as_of}"
        );
        assert_eq!(
            letter.days_left(as_of),
            Some((due - as_of).num_days()),
            "{as_of}"
        );
    }
}

// ---------------------------------------------------------------------------
// The docket

#[test]
fn dated_after_counts_the_letters_and_entries_later_than_the_date() {
    use ReplyKind::*;
    let docket = Docket {
        version: Docket::VERSION,
        retired_ids: Vec::new(),
        cities: vec![city("baltimore")],
        letters: vec![
            letter("2017-08-03")
                .id("a")
                .due("2017-08-18")
                .reply("2017-08-10", Complies)
                .reply("2017-08-20", Refuses)
                .closed("2017-08-21")
                .build(),
            letter("2017-08-22")
                .id("future")
                .reply("2017-08-23", Complies)
                .build(),
        ]
        .into_iter()
        .map(Arc::new)
        .collect(),
        ..Docket::new()
    };
    let later = docket.dated_after(d("2017-08-14"));
    assert_eq!((later.letters, later.replies, later.closings), (1, 1, 1));
    assert_eq!(later.extensions, 0);
    assert!(docket.dated_after(d("2017-08-23")).is_empty());
    let later = docket.dated_after(d("2017-08-20"));
    assert_eq!((later.letters, later.replies, later.closings), (1, 0, 1));
}

#[test]
fn by_urgency_order() {
    use ReplyKind::*;
    let as_of = d("2017-08-21");
    let docket = Docket {
        version: Docket::VERSION,
        retired_ids: Vec::new(),
        cities: vec![city("baltimore")],
        letters: vec![
            letter("2017-08-03")
                .id("answered")
                .due("2017-08-18")
                .reply("2017-08-10", Complies)
                .build(),
            letter("2017-08-03")
                .id("closed")
                .due("2017-08-18")
                .closed("2017-08-20")
                .build(),
            letter("2017-08-22").id("future").due("2017-09-01").build(),
            letter("2017-08-03")
                .id("late")
                .due("2017-08-18")
                .reply("2017-08-21", Refuses)
                .build(),
            letter("2017-08-03").id("no-deadline").build(),
            letter("2017-08-03").id("open").due("2017-09-30").build(),
            letter("2017-08-03")
                .id("overdue-long")
                .due("2017-08-10")
                .build(),
            letter("2017-08-03")
                .id("overdue-short")
                .due("2017-08-18")
                .build(),
            letter("2017-08-03").id("soon-b").due("2017-08-24").build(),
            letter("2017-08-03").id("soon").due("2017-08-23").build(),
            letter("2017-08-03").id("soon-a").due("2017-08-24").build(),
            letter("2017-08-03")
                .id("open-near")
                .due("2017-08-26")
                .build(),
            letter("2017-08-03").id("today").due("2017-08-21").build(),
        ]
        .into_iter()
        .map(Arc::new)
        .collect(),
        ..Docket::new()
    };
    let order: Vec<&str> = docket
        .by_urgency(as_of)
        .iter()
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "overdue-long",  // -11 days
            "overdue-short", // -3 days
            "today",
            "soon",   // 2 days
            "soon-a", // 3 days, tie broken by id
            "soon-b",
            "open-near", // 5 days
            "open",      // 40 days
            "no-deadline",
            "late",
            "answered",
            "closed",
        ]
    );
    // The letter sent later appears once it exists.
    let later: Vec<&str> = docket
        .by_urgency(d("2017-08-22"))
        .iter()
        .map(|l| l.id.as_str())
        .filter(|id| *id == "future")
        .collect();
    assert_eq!(later, ["future"]);
    assert!(docket.by_urgency(d("2017-08-02")).is_empty());
}

#[test]
fn problems_of_a_clean_docket() {
    let docket = Docket {
        version: Docket::VERSION,
        retired_ids: Vec::new(),
        cities: vec![city("albuquerque"), city("baltimore")],
        letters: vec![
            sample()
                .reply("2017-08-03", ReplyKind::Acknowledges)
                .build(),
            sample()
                .id("albuquerque-2017-08-03")
                .city("albuquerque")
                .extension("2017-08-03", "2017-08-03")
                .closed("2017-08-03")
                .build(),
            letter("2017-08-03").id("no-due").due("2017-08-03").build(),
        ]
        .into_iter()
        .map(Arc::new)
        .collect(),
        ..Docket::new()
    };
    assert_eq!(docket.problems(), []);
    assert_eq!(Docket::new().problems(), []);
}

#[test]
fn problems_are_reported_with_place_and_message() {
    let docket = Docket {
        version: Docket::VERSION,
        retired_ids: Vec::new(),
        cities: vec![
            city("baltimore"),
            city("stockton"),
            city("baltimore"),
            city(" "),
        ],
        letters: vec![
            sample().id("dup").build(),
            sample().id("dup").build(),
            sample().id("lost").city("atlantis").build(),
            sample()
                .id("early-reply")
                .reply("2017-08-02", ReplyKind::Complies)
                .build(),
            letter("2017-08-03")
                .id("due-before")
                .due("2017-08-01")
                .build(),
            sample()
                .id("everything")
                .city("")
                .reply("2017-07-30", ReplyKind::Disputes)
                .extension("2017-07-31", "2017-09-01")
                .closed("2017-08-01")
                .build(),
            sample().id("").build(),
        ]
        .into_iter()
        .map(Arc::new)
        .collect(),
        ..Docket::new()
    };
    let got: Vec<String> = docket.problems().iter().map(ToString::to_string).collect();
    let want = [
        r#"city "baltimore": appears more than once"#,
        r#"city " ": has an empty id"#,
        r#"letter "dup": appears more than once"#,
        r#"letter "lost": names city "atlantis", which does not exist"#,
        r#"letter "early-reply": has a reply dated 2017-08-02, before the letter was sent on 2017-08-03"#,
        r#"letter "due-before": is due on 2017-08-01, before it was sent on 2017-08-03"#,
        r#"letter "everything": names city "", which does not exist"#,
        r#"letter "everything": has a reply dated 2017-07-30, before the letter was sent on 2017-08-03"#,
        r#"letter "everything": has an extension granted on 2017-07-31, before the letter was sent on 2017-08-03"#,
        r#"letter "everything": was closed on 2017-08-01, before it was sent on 2017-08-03"#,
        r#"letter "": has an empty id"#,
    ];
    assert_eq!(got, want);
    let first = &docket.problems()[0];
    assert_eq!((first.record, first.id.as_str()), ("city", "baltimore"));
    assert_eq!(first.message, "appears more than once");
}

#[test]
fn normalize_orders_everything() {
    use ReplyKind::*;
    let mut docket = Docket {
        version: Docket::VERSION,
        retired_ids: Vec::new(),
        cities: vec![
            city("stockton"),
            city("albuquerque"),
            city("san-bernardino"),
            city("baltimore"),
        ],
        letters: vec![
            sample().id("stockton-2017-08-03").city("stockton").build(),
            sample()
                .id("baltimore-2017-08-03")
                .reply("2017-08-21", Refuses)
                .reply("2017-08-05", Acknowledges)
                .reply("2017-08-16", AsksExtension)
                .reply("2017-08-05", Other)
                .extension("2017-08-20", "2017-09-08")
                .extension("2017-08-10", "2017-08-25")
                .build(),
            sample()
                .id("albuquerque-2017-08-03")
                .city("albuquerque")
                .build(),
        ]
        .into_iter()
        .map(Arc::new)
        .collect(),
        ..Docket::new()
    };
    docket.normalize();
    let cities: Vec<&str> = docket.cities.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        cities,
        ["albuquerque", "baltimore", "san-bernardino", "stockton"]
    );
    let letters: Vec<&str> = docket.letters.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        letters,
        [
            "albuquerque-2017-08-03",
            "baltimore-2017-08-03",
            "stockton-2017-08-03"
        ]
    );
    let baltimore = &docket.letters[1];
    let replies: Vec<(NaiveDate, ReplyKind)> =
        baltimore.replies.iter().map(|r| (r.on, r.kind)).collect();
    // Replies on the same day keep their file order (the sort is stable).
    assert_eq!(
        replies,
        [
            (d("2017-08-05"), Acknowledges),
            (d("2017-08-05"), Other),
            (d("2017-08-16"), AsksExtension),
            (d("2017-08-21"), Refuses),
        ]
    );
    let extensions: Vec<(NaiveDate, NaiveDate)> = baltimore
        .extensions
        .iter()
        .map(|e| (e.granted_on, e.new_due))
        .collect();
    assert_eq!(
        extensions,
        [
            (d("2017-08-10"), d("2017-08-25")),
            (d("2017-08-20"), d("2017-09-08")),
        ]
    );
    // Normalizing again changes nothing.
    let once = docket.clone();
    docket.normalize();
    assert_eq!(docket, once);
}

#[test]
fn docket_lookups() {
    let docket = Docket {
        version: Docket::VERSION,
        retired_ids: Vec::new(),
        cities: vec![City {
            name: "Baltimore".to_owned(),
            ..city("baltimore")
        }],
        letters: vec![
            sample().build(),
            sample().id("stockton-2017-08-03").city("stockton").build(),
        ]
        .into_iter()
        .map(Arc::new)
        .collect(),
        ..Docket::new()
    };
    assert_eq!(docket.city_name("baltimore"), "Baltimore");
    assert_eq!(docket.city_name("stockton"), "stockton");
    assert_eq!(
        docket
            .letter("stockton-2017-08-03")
            .map(|l| l.city.as_str()),
        Some("stockton")
    );
    assert_eq!(docket.letter("nope"), None);
    let of_baltimore: Vec<&str> = docket
        .letters_of("baltimore")
        .map(|l| l.id.as_str())
        .collect();
    assert_eq!(of_baltimore, ["baltimore-2017-08-03"]);
    assert_eq!(Docket::default(), Docket::new());
    assert_eq!(Docket::new().version, 2);
}

// ---------------------------------------------------------------------------
// Names: FromStr and Display

#[test]
fn reply_kind_names_round_trip() {
    let table = [
        (ReplyKind::Acknowledges, "acknowledges"),
        (ReplyKind::Complies, "complies"),
        (ReplyKind::Disputes, "disputes"),
        (ReplyKind::Refuses, "refuses"),
        (ReplyKind::AsksExtension, "asks-extension"),
        (ReplyKind::Other, "other"),
    ];
    assert_eq!(table.map(|(kind, _)| kind), ReplyKind::ALL);
    for (kind, name) in table {
        assert_eq!(kind.as_str(), name);
        assert_eq!(kind.to_string(), name);
        assert_eq!(name.parse::<ReplyKind>(), Ok(kind));
    }
}

#[test]
fn reply_kind_parse_errors() {
    let expected =
        "(expected one of acknowledges, complies, disputes, refuses, asks-extension, other)";
    for bad in ["", "agrees", "Complies", "asks_extension", " complies"] {
        assert_eq!(
            bad.parse::<ReplyKind>(),
            Err(format!("unknown reply kind {bad:?} {expected}")),
            "{bad:?}"
        );
    }
    assert_eq!(
        "agrees".parse::<ReplyKind>().unwrap_err(),
        r#"unknown reply kind "agrees" (expected one of acknowledges, complies, disputes, refuses, asks-extension, other)"#
    );
}

#[test]
fn status_names_round_trip() {
    // (status, name, label, pending, answered)
    let table = [
        (Status::Overdue, "overdue", "overdue", true, false),
        (Status::DueToday, "due-today", "due today", true, false),
        (Status::DueSoon, "due-soon", "due soon", true, false),
        (Status::Open, "open", "open", true, false),
        (
            Status::NoDeadline,
            "no-deadline",
            "no deadline",
            false,
            false,
        ),
        (
            Status::AnsweredLate,
            "answered-late",
            "answered late",
            false,
            true,
        ),
        (Status::Answered, "answered", "answered", false, true),
        (Status::Closed, "closed", "closed", false, false),
        (
            Status::NotYetSent,
            "not-yet-sent",
            "not yet sent",
            false,
            false,
        ),
    ];
    assert_eq!(table.map(|row| row.0), Status::ALL);
    for (status, name, label, pending, answered) in table {
        assert_eq!(status.as_str(), name);
        assert_eq!(status.label(), label);
        assert_eq!(status.to_string(), label);
        assert_eq!(name.parse::<Status>(), Ok(status));
        assert_eq!(status.is_pending(), pending, "{name}");
        assert_eq!(status.is_answered(), answered, "{name}");
        assert_eq!(serde_json::to_string(&status).unwrap(), format!("{name:?}"));
    }
    // ALL is most urgent first, which is also the derived order.
    assert!(Status::ALL.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn status_parse_errors() {
    let expected = "(expected one of overdue, due-today, due-soon, open, no-deadline, answered-late, answered, closed, not-yet-sent)";
    // Labels with spaces are for people, not for parsing.
    for bad in ["", "late", "due today", "Overdue", "not_yet_sent"] {
        assert_eq!(
            bad.parse::<Status>(),
            Err(format!("unknown status {bad:?} {expected}")),
            "{bad:?}"
        );
    }
    assert_eq!(
        "late".parse::<Status>().unwrap_err(),
        r#"unknown status "late" (expected one of overdue, due-today, due-soon, open, no-deadline, answered-late, answered, closed, not-yet-sent)"#
    );
}
