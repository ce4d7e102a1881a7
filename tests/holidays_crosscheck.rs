//! docket's business days against an outside reference: Python's
//! `holidays` package, over 2015-2035, day by day. The federal calendar as
//! built in, and two states' calendars (Maryland, California) entered as an
//! office enters them: their own days as `extra`, the federal days they
//! work as `removed`. Zero differences.
//!
//! Needs `python3` with `holidays` (`.ci/run` installs it); skipped where
//! missing, failing under CI.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::collections::BTreeMap;
use std::process::Command;

use ::docket::model::{Calendar, Date, Holiday, add_days, is_weekday};
use serde_json::Value;
use support::skip::skip_or_fail;

const STATES: [&str; 2] = ["MD", "CA"];

/// The reference's figures, or `None` (skipped) where it cannot run.
fn reference() -> Option<Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/holidays_crosscheck.py");
    let out = match Command::new("python3").arg(script).args(STATES).output() {
        Ok(out) => out,
        Err(err) => {
            skip_or_fail(&format!("python3 does not run ({err})"));
            return None;
        }
    };
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        skip_or_fail(&format!(
            "python3 with the holidays package is missing (pip install holidays): {}",
            why.lines().last().unwrap_or_default()
        ));
        return None;
    }
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn days_off(calendar: &Value) -> BTreeMap<Date, String> {
    (calendar["off"].as_object().unwrap().iter())
        .map(|(on, name)| (on.parse().unwrap(), name.as_str().unwrap().to_owned()))
        .collect()
}

/// Compares `ours` with the reference's counts day by day; the differences.
fn differences(ours: &Calendar, reference: &Value) -> Vec<String> {
    let first: Date = "2015-01-01".parse().unwrap();
    let holidays = ours.holidays(2015..=2035);
    let off = days_off(reference);
    let counts = reference["counts"].as_array().unwrap();
    assert_eq!(
        counts.len(),
        7670,
        "2015-01-01 to 2035-12-31: 21 years, 5 leap days"
    );
    let mut differences = Vec::new();
    for (n, count) in counts.iter().enumerate() {
        let day = add_days(first, n as i64).unwrap();
        let theirs_open = is_weekday(day) && !off.contains_key(&day);
        if holidays.is_business_day(day) != theirs_open || ours.is_business_day(day) != theirs_open
        {
            differences.push(format!(
                "{day}: business day {theirs_open} for the reference"
            ));
        }
        let count = count.as_i64().unwrap();
        if holidays.business_days_between(first, day) != count {
            differences.push(format!(
                "{day}: {count} business days since {first} for the reference"
            ));
        }
    }
    // Spans of every length from every month start, both ways of counting.
    for start in (0..counts.len()).step_by(29) {
        let from = add_days(first, start as i64).unwrap();
        for end in (start..counts.len()).step_by(97) {
            let to = add_days(first, end as i64).unwrap();
            let want = counts[end].as_i64().unwrap() - counts[start].as_i64().unwrap();
            if ours.business_days_between(from, to) != want {
                differences.push(format!(
                    "{from}..{to}: {want} business days for the reference"
                ));
            }
        }
    }
    differences
}

#[test]
fn the_federal_calendar_agrees_with_python_holidays_2015_to_2035() {
    let Some(reference) = reference() else {
        return;
    };
    let federal = Calendar::default();
    let differences = differences(&federal, &reference["federal"]);
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    // Each of the reference's days off on a weekday is one of ours, named alike.
    for (on, name) in days_off(&reference["federal"]) {
        if is_weekday(on) {
            let ours = federal.holiday_on(on).unwrap();
            let stem = |n: &str| n.replace(" (observed)", "").replace(['.', ','], "");
            let (a, b) = (stem(&ours), stem(&name));
            assert!(
                a.contains(&b) || b.contains(&a) || a.contains("Martin Luther King"),
                "{on}: {ours} / {name}"
            );
        }
    }
}

#[test]
fn two_states_entered_as_office_days_agree_with_python_holidays() {
    let Some(reference) = reference() else {
        return;
    };
    let federal = days_off(&reference["federal"]);
    for state in STATES {
        let theirs = &reference["states"][state];
        let state_days = days_off(theirs);
        // As an office would enter them: the state's own weekdays off, and
        // the federal weekdays off the state works.
        let extra: Vec<Holiday> = (state_days.iter())
            .filter(|(on, _)| is_weekday(**on) && !federal.contains_key(on))
            .map(|(on, name)| Holiday {
                on: *on,
                name: name.clone(),
            })
            .collect();
        let removed: Vec<Date> = (federal.keys())
            .filter(|on| is_weekday(**on) && !state_days.contains_key(on))
            .copied()
            .collect();
        assert!(
            extra.len() >= 21,
            "{state}: {} days of its own",
            extra.len()
        );
        let calendar = Calendar {
            extra,
            removed,
            ..Calendar::default()
        };
        let differences = differences(&calendar, theirs);
        assert!(
            differences.is_empty(),
            "{state}:\n{}",
            differences.join("\n")
        );
    }
}
