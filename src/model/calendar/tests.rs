//! The calendar's tables: federal holidays and their observed days,
//! business days, the office's own days off, due rules and roll-forward.

use chrono::Datelike;

use super::*;
use crate::model::Calendar;

fn is_business_day(date: Date) -> bool {
    Calendar::default().is_business_day(date)
}

fn business_days_between(from: Date, to: Date) -> i64 {
    Calendar::default().business_days_between(from, to)
}

#[test]
fn the_holiday_table_counts_as_the_calendar_does() {
    let start: Date = "2011-12-20".parse().unwrap();
    let dates: Vec<Date> = (0..6000)
        .step_by(7)
        .map(|n| add_days(start, n).unwrap())
        .collect();
    let holidays = Holidays::spanning(&Calendar::default(), dates.iter().copied());
    for &from in dates.iter().step_by(13) {
        for offset in [-400, -31, -7, -3, -1, 0, 1, 2, 3, 4, 5, 6, 7, 30, 365, 2000] {
            let Some(to) =
                add_days(from, offset).filter(|d| dates[0] <= *d && *d <= dates[dates.len() - 1])
            else {
                continue;
            };
            assert_eq!(
                holidays.business_days_between(from, to),
                business_days_between(from, to),
                "{from} {to}"
            );
        }
    }
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn observed_holidays_over_several_years() {
    // (year, expected observed dates), from the OPM federal holiday tables.
    let table: [(i32, &[&str]); 5] = [
        (
            2017,
            &[
                "2017-01-02",
                "2017-01-16",
                "2017-02-20",
                "2017-05-29",
                "2017-07-04",
                "2017-09-04",
                "2017-10-09",
                "2017-11-10",
                "2017-11-23",
                "2017-12-25",
            ],
        ),
        (
            2020,
            &[
                "2020-01-01",
                "2020-01-20",
                "2020-02-17",
                "2020-05-25",
                "2020-07-03",
                "2020-09-07",
                "2020-10-12",
                "2020-11-11",
                "2020-11-26",
                "2020-12-25",
            ],
        ),
        (
            2021,
            &[
                "2021-01-01",
                "2021-01-18",
                "2021-02-15",
                "2021-05-31",
                "2021-06-18",
                "2021-07-05",
                "2021-09-06",
                "2021-10-11",
                "2021-11-11",
                "2021-11-25",
                "2021-12-24",
                "2021-12-31",
            ],
        ),
        (
            2022,
            &[
                "2022-01-17",
                "2022-02-21",
                "2022-05-30",
                "2022-06-20",
                "2022-07-04",
                "2022-09-05",
                "2022-10-10",
                "2022-11-11",
                "2022-11-24",
                "2022-12-26",
            ],
        ),
        (
            2024,
            &[
                "2024-01-01",
                "2024-01-15",
                "2024-02-19",
                "2024-05-27",
                "2024-06-19",
                "2024-07-04",
                "2024-09-02",
                "2024-10-14",
                "2024-11-11",
                "2024-11-28",
                "2024-12-25",
            ],
        ),
    ];
    for (year, expected) in table {
        let got: Vec<Date> = observed_federal_holidays(year)
            .into_iter()
            .map(|(date, _)| date)
            .collect();
        let expected: Vec<Date> = expected.iter().map(|s| d(s)).collect();
        assert_eq!(got, expected, "{year}");
    }
}

#[test]
fn juneteenth_counts_only_from_2021() {
    assert!(is_business_day(d("2020-06-19")));
    assert!(!is_business_day(d("2021-06-18")), "observed on Friday");
    assert!(!is_business_day(d("2023-06-19")));
}

#[test]
fn business_day_table() {
    let table = [
        ("2017-08-18", true),  // Friday
        ("2017-08-19", false), // Saturday
        ("2017-08-20", false), // Sunday
        ("2017-09-04", false), // Labor Day
        ("2017-11-10", false), // Veterans Day observed (Sat 11th)
        ("2017-11-11", false), // Saturday
        ("2018-01-01", false), // New Year's Day
        ("2016-02-29", true),  // leap day, a Monday
        ("2016-12-26", false), // Christmas observed (Sun 25th)
        ("2021-12-31", false), // New Year's Day 2022 observed
        ("2022-01-03", true),  // not a holiday: observed on Dec 31
    ];
    for (date, expected) in table {
        assert_eq!(is_business_day(d(date)), expected, "{date}");
    }
}

#[test]
fn business_days_between_table() {
    let table = [
        ("2017-08-03", "2017-08-18", 11), // the sample: Thu to Fri two weeks on
        ("2017-08-10", "2017-08-18", 6),
        ("2017-08-16", "2017-08-18", 2),
        ("2017-08-18", "2017-08-21", 1), // over a weekend
        ("2017-08-18", "2017-08-18", 0),
        ("2017-08-21", "2017-08-18", 0),  // backwards is empty
        ("2017-09-01", "2017-09-05", 1),  // Labor Day Monday skipped
        ("2016-02-26", "2016-03-01", 2),  // leap day Monday counts
        ("2015-02-27", "2015-03-02", 1),  // no leap day
        ("2017-12-29", "2018-01-02", 1),  // year end, New Year's Day skipped
        ("2021-12-30", "2022-01-03", 1),  // Dec 31 observed for 2022
        ("2017-01-31", "2017-02-28", 19), // month end to month end, Presidents' Day
        ("2017-01-01", "2017-12-31", 250),
        ("2020-01-01", "2020-12-31", 252), // 2020-01-01 itself excluded
    ];
    for (from, to, expected) in table {
        assert_eq!(
            business_days_between(d(from), d(to)),
            expected,
            "{from}..{to}"
        );
    }
}

#[test]
fn weekday_count_matches_a_day_by_day_count() {
    let start = d("2017-07-01");
    for offset in 0..30 {
        let from = start + chrono::Days::new(offset);
        for len in 0..40 {
            let to = from + chrono::Days::new(len);
            let slow = from
                .iter_days()
                .skip(1)
                .take_while(|day| *day <= to)
                .filter(|day| is_business_day(*day))
                .count() as i64;
            assert_eq!(business_days_between(from, to), slow, "{from}..{to}");
        }
    }
}

use crate::model::{CalendarBase, DueFrom, DueRule, DueUnit, Holiday, Letter, Settings};

fn rule(count: u32, unit: DueUnit, from: DueFrom) -> DueRule {
    DueRule { count, unit, from }
}

fn holiday(on: &str, name: &str) -> Holiday {
    Holiday {
        on: d(on),
        name: name.to_owned(),
    }
}

/// Settings with these days off added and removed, rolling forward or not.
fn settings(extra: &[(&str, &str)], removed: &[&str], roll_forward: bool) -> Settings {
    Settings {
        roll_forward,
        calendar: Calendar {
            extra: extra.iter().map(|(on, name)| holiday(on, name)).collect(),
            removed: removed.iter().map(|on| d(on)).collect(),
            ..Calendar::default()
        },
        ..Settings::default()
    }
}

#[test]
fn rules_in_days_and_business_days_from_sent_and_received() {
    use DueFrom::{Received, Sent};
    use DueUnit::{BusinessDays, Days};
    // (what, sent, received, rule, counted, due with roll-forward)
    #[rustfmt::skip]
    let table = [
        ("15 days after the sample", "2017-08-03", None, rule(15, Days, Sent), "2017-08-18", "2017-08-18"),
        ("11 business days after the sample", "2017-08-03", None, rule(11, BusinessDays, Sent), "2017-08-18", "2017-08-18"),
        ("10 business days after a Thursday: Friday is day 1", "2017-08-10", None, rule(10, BusinessDays, Sent), "2017-08-24", "2017-08-24"),
        ("1 business day after a Friday", "2017-08-18", None, rule(1, BusinessDays, Sent), "2017-08-21", "2017-08-21"),
        ("1 business day after a Saturday", "2017-08-19", None, rule(1, BusinessDays, Sent), "2017-08-21", "2017-08-21"),
        ("10 business days after receipt on a Friday", "2017-08-03", Some("2017-08-04"), rule(10, BusinessDays, Received), "2017-08-18", "2017-08-18"),
        ("10 business days after receipt on a Monday", "2017-08-03", Some("2017-08-07"), rule(10, BusinessDays, Received), "2017-08-21", "2017-08-21"),
        ("7 days after receipt, onto a Monday", "2017-08-03", Some("2017-08-07"), rule(7, Days, Received), "2017-08-14", "2017-08-14"),
        ("receipt ignored when counted from sent", "2017-08-03", Some("2017-08-10"), rule(15, Days, Sent), "2017-08-18", "2017-08-18"),
        // Month and year ends, leap days.
        ("1 business day after June 30, a Friday", "2017-06-30", None, rule(1, BusinessDays, Sent), "2017-07-03", "2017-07-03"),
        ("2 business days after June 30, over July 4", "2017-06-30", None, rule(2, BusinessDays, Sent), "2017-07-05", "2017-07-05"),
        ("3 business days over New Year's Day", "2017-12-28", None, rule(3, BusinessDays, Sent), "2018-01-03", "2018-01-03"),
        ("onto December 31 observed for 2022", "2021-12-21", None, rule(10, Days, Sent), "2021-12-31", "2022-01-03"),
        ("31 days from January 31", "2017-01-31", None, rule(31, Days, Sent), "2017-03-03", "2017-03-03"),
        ("onto leap day 2016, a Monday", "2016-02-28", None, rule(1, Days, Sent), "2016-02-29", "2016-02-29"),
        ("onto leap day 2020, a Saturday", "2020-01-30", None, rule(30, Days, Sent), "2020-02-29", "2020-03-02"),
        ("2 business days over leap day 2020", "2020-02-27", None, rule(2, BusinessDays, Sent), "2020-03-02", "2020-03-02"),
        ("a year of days over a leap day", "2016-02-01", None, rule(366, Days, Sent), "2017-02-01", "2017-02-01"),
        // A rule whose start date is itself a holiday.
        ("5 business days after Labor Day", "2017-09-04", None, rule(5, BusinessDays, Sent), "2017-09-11", "2017-09-11"),
        ("7 days after Christmas, onto New Year's Day", "2017-12-25", None, rule(7, Days, Sent), "2018-01-01", "2018-01-02"),
        ("received on Thanksgiving", "2017-11-20", Some("2017-11-23"), rule(1, BusinessDays, Received), "2017-11-24", "2017-11-24"),
    ];
    for (what, sent, received, rule, counted, due) in table {
        let mut letter = Letter::new("baltimore", d(sent));
        letter.received = received.map(d);
        let rolled = rule.due_of(&letter, &Settings::default()).unwrap();
        assert_eq!(rolled.start, rule.start(&letter).unwrap(), "{what}");
        assert_eq!(rolled.counted, d(counted), "{what}: counted");
        assert_eq!(rolled.due, d(due), "{what}: rolled forward");
        let kept = rule.due_of(&letter, &settings(&[], &[], false)).unwrap();
        assert_eq!(kept.due, d(counted), "{what}: without roll-forward");
    }
}

#[test]
fn roll_forward_from_weekends_and_holidays() {
    // (what, counted, rolled to)
    let table = [
        ("Saturday", "2026-12-26", "2026-12-28"),
        ("Sunday", "2017-08-20", "2017-08-21"),
        ("a Monday holiday: Labor Day", "2017-09-04", "2017-09-05"),
        (
            "a Friday observed holiday: July 4 2020",
            "2020-07-03",
            "2020-07-06",
        ),
        ("the Saturday after it", "2020-07-04", "2020-07-06"),
        (
            "a Friday holiday: Christmas 2026",
            "2026-12-25",
            "2026-12-28",
        ),
        ("Thanksgiving, a Thursday", "2017-11-23", "2017-11-24"),
        ("a business day stays", "2017-08-18", "2017-08-18"),
    ];
    let calendar = Calendar::default();
    for (what, counted, rolled) in table {
        assert_eq!(
            calendar.next_business_day(d(counted)),
            Some(d(rolled)),
            "{what}"
        );
    }
    // The example: 15 days after 2026-12-10 is Christmas.
    let letter = Letter::new("baltimore", d("2026-12-10"));
    let due = rule(15, DueUnit::Days, DueFrom::Sent);
    let on = due.due_of(&letter, &Settings::default()).unwrap();
    assert_eq!((on.counted, on.due), (d("2026-12-25"), d("2026-12-28")));
    assert!(on.rolled());
    let off = due.due_of(&letter, &settings(&[], &[], false)).unwrap();
    assert_eq!((off.counted, off.due), (d("2026-12-25"), d("2026-12-25")));
    assert!(!off.rolled());
}

#[test]
fn each_federal_holiday_and_its_observed_day() {
    // (observed, name as listed), each holiday once, weekend ones moved.
    #[rustfmt::skip]
    let table = [
        ("2017-01-02", "New Year's Day (observed)"),        // Sunday Jan 1
        ("2021-12-31", "New Year's Day (observed)"),        // Saturday Jan 1 2022
        ("2017-01-16", "Birthday of Martin Luther King, Jr."),
        ("2017-02-20", "Washington's Birthday"),
        ("2017-05-29", "Memorial Day"),
        ("2021-06-18", "Juneteenth National Independence Day (observed)"), // Saturday
        ("2022-06-20", "Juneteenth National Independence Day (observed)"), // Sunday
        ("2023-06-19", "Juneteenth National Independence Day"),
        ("2020-07-03", "Independence Day (observed)"),      // Saturday
        ("2021-07-05", "Independence Day (observed)"),      // Sunday
        ("2017-07-04", "Independence Day"),
        ("2017-09-04", "Labor Day"),
        ("2017-10-09", "Columbus Day"),
        ("2017-11-10", "Veterans Day (observed)"),          // Saturday
        ("2018-11-12", "Veterans Day (observed)"),          // Sunday
        ("2019-11-11", "Veterans Day"),
        ("2017-11-23", "Thanksgiving Day"),
        ("2021-12-24", "Christmas Day (observed)"),         // Saturday
        ("2022-12-26", "Christmas Day (observed)"),         // Sunday
        ("2026-12-25", "Christmas Day"),
    ];
    let calendar = Calendar::default();
    for (on, name) in table {
        assert_eq!(calendar.holiday_on(d(on)).as_deref(), Some(name), "{on}");
        assert!(!calendar.is_business_day(d(on)), "{on}");
    }
    // The weekend days themselves are not named: the office is closed anyway.
    for on in ["2021-06-19", "2020-07-04", "2017-11-11", "2022-12-25"] {
        assert_eq!(calendar.holiday_on(d(on)), None, "{on}");
    }
    // Juneteenth only from 2021.
    assert_eq!(calendar.holiday_on(d("2020-06-19")), None);
    // Each year 2015-2035 has every holiday once (Juneteenth from 2021),
    // New Year's Day observed in the year before when on a Saturday.
    for year in 2015..=2035 {
        let days = federal_holidays(year);
        let expected = if year >= 2021 { 11 } else { 10 };
        let new_year_moved =
            Date::from_ymd_opt(year + 1, 1, 1).is_some_and(|d| d.weekday() == chrono::Weekday::Sat);
        let new_year_gone =
            Date::from_ymd_opt(year, 1, 1).is_some_and(|d| d.weekday() == chrono::Weekday::Sat);
        let count = expected + usize::from(new_year_moved) - usize::from(new_year_gone);
        assert_eq!(days.len(), count, "{year}");
        assert!(days.iter().all(|h| is_weekday(h.observed)), "{year}");
    }
}

#[test]
fn extra_and_removed_holidays() {
    use DueFrom::Sent;
    use DueUnit::{BusinessDays, Days};
    let closure = [("2017-08-14", "Office closure")];
    let weekend_extra = [("2017-08-12", "Saturday event")];
    let retreat = [("2017-08-18", "Office retreat")];
    // (what, settings, sent, rule, due)
    let table = [
        (
            "an office closure counts",
            settings(&closure, &[], true),
            "2017-08-03",
            rule(11, BusinessDays, Sent),
            "2017-08-21",
        ),
        (
            "a day off on a weekend changes nothing",
            settings(&weekend_extra, &[], true),
            "2017-08-03",
            rule(11, BusinessDays, Sent),
            "2017-08-18",
        ),
        (
            "a rule rolls past an office day off",
            settings(&retreat, &[], true),
            "2017-08-03",
            rule(15, Days, Sent),
            "2017-08-21",
        ),
        (
            "Labor Day worked",
            settings(&[], &["2017-09-04"], true),
            "2017-09-01",
            rule(1, BusinessDays, Sent),
            "2017-09-04",
        ),
        (
            "Labor Day kept",
            settings(&[], &[], true),
            "2017-09-01",
            rule(1, BusinessDays, Sent),
            "2017-09-05",
        ),
        (
            "Labor Day worked, a due date kept on it",
            settings(&[], &["2017-09-04"], true),
            "2017-08-31",
            rule(4, Days, Sent),
            "2017-09-04",
        ),
    ];
    for (what, settings, sent, rule, due) in table {
        let letter = Letter::new("baltimore", d(sent));
        let got = rule.due_of(&letter, &settings).unwrap().due;
        assert_eq!(got, d(due), "{what}");
    }
    let calendar = settings(&closure, &["2017-09-04"], true).calendar;
    assert!(!calendar.is_business_day(d("2017-08-14")));
    assert!(calendar.is_business_day(d("2017-09-04")));
    assert_eq!(
        calendar.business_days_between(d("2017-08-03"), d("2017-08-18")),
        10
    );
    let listed: Vec<(Date, Source)> = (calendar.days_off(2017).into_iter())
        .filter(|day| day.on.month() >= 8 && day.on.month() <= 9)
        .map(|day| (day.on, day.source))
        .collect();
    assert_eq!(
        listed,
        [
            (d("2017-08-14"), Source::Office),
            (d("2017-09-04"), Source::Removed)
        ]
    );
    // No base: only weekends and the office's own days.
    let none = Calendar {
        base: CalendarBase::NoHolidays,
        ..Calendar::default()
    };
    assert!(none.is_business_day(d("2017-12-25")));
    assert_eq!(
        none.next_business_day(d("2017-12-23")),
        Some(d("2017-12-25"))
    );
}

#[test]
fn a_rule_from_receipt_needs_the_receipt() {
    let letter = Letter::new("baltimore", d("2017-08-03"));
    let rule = rule(10, DueUnit::BusinessDays, DueFrom::Received);
    assert_eq!(
        rule.due_of(&letter, &Settings::default()),
        Err(RuleError::NotReceived)
    );
    let late = rule.due_from(d("9999-12-20"), &Settings::default());
    assert_eq!(late, Err(RuleError::OutOfRange));
}

#[test]
fn a_docket_derives_its_due_dates_from_rules() {
    let mut docket = crate::model::Docket::new();
    let mut letter = Letter::new("baltimore", d("2026-12-10"));
    letter.id = "a".to_owned();
    letter.due_rule = Some(rule(15, DueUnit::Days, DueFrom::Sent));
    letter.due = Some(d("2026-12-25"));
    docket.letters.push(letter.into());
    assert_eq!(docket.derive_due_dates(), 1);
    assert_eq!(docket.letters[0].due, Some(d("2026-12-28")));
    assert_eq!(docket.derive_due_dates(), 0);
    docket.settings.roll_forward = false;
    docket.derive_due_dates();
    assert_eq!(docket.letters[0].due, Some(d("2026-12-25")));
}

#[test]
fn closed_days_in_words() {
    let calendar = Calendar::default();
    let say = |on: &str| calendar.closed_on(d(on)).map(|c| c.to_string());
    assert_eq!(
        say("2026-12-25").as_deref(),
        Some("Friday 2026-12-25 is Christmas Day: offices are closed")
    );
    assert_eq!(
        say("2026-12-26").as_deref(),
        Some("Saturday 2026-12-26 is a weekend day: offices are closed")
    );
    assert_eq!(say("2026-12-28"), None);
}

#[test]
fn due_inputs_as_typed() {
    use crate::model::DueInput;
    let table = [
        ("+15d", Some((15, DueUnit::Days))),
        ("+2w", Some((14, DueUnit::Days))),
        ("+11bd", Some((11, DueUnit::BusinessDays))),
        ("+11BD", Some((11, DueUnit::BusinessDays))),
        (" +3 ", Some((3, DueUnit::Days))),
    ];
    for (text, want) in table {
        let got = text.parse::<DueInput>().unwrap();
        let (count, unit) = want.unwrap();
        assert_eq!(got, DueInput::After { count, unit }, "{text}");
    }
    assert_eq!(
        "2017-08-18".parse::<DueInput>(),
        Ok(DueInput::On(crate::model::DateSpec::On(d("2017-08-18"))))
    );
    for bad in ["+0d", "-3d", "+3x", "+bd", "soon", "+99999999999d"] {
        assert!(bad.parse::<DueInput>().is_err(), "{bad}");
    }
    let rule = rule(11, DueUnit::BusinessDays, DueFrom::Received);
    assert_eq!(rule.describe(), "11 business days after received");
    assert_eq!(rule.spec(), "+11bd");
}
