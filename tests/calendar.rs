//! Properties of the office calendar: counting business days forward and
//! back agree, and a roll-forward lands on the next business day.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

use ::docket::model::{Calendar, Holiday, add_days};
use chrono::NaiveDate;
use proptest::prelude::*;

fn date_in(from: &str, days: i64) -> NaiveDate {
    add_days(from.parse().unwrap(), days).unwrap()
}

/// A date from 1990 to 2060.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0_i64..(70 * 365)).prop_map(|n| date_in("1990-01-01", n))
}

/// The federal calendar, or it with up to 30 office days off near 2017.
fn any_calendar() -> impl Strategy<Value = Calendar> {
    prop::collection::vec((0_i64..3000, any::<bool>()), 0..30).prop_map(|days| {
        let mut calendar = Calendar::default();
        for (n, removed) in days {
            let on = date_in("2012-01-01", n);
            if removed {
                calendar.removed.push(on);
            } else if !calendar.extra.iter().any(|h| h.on == on) {
                calendar.extra.push(Holiday {
                    on,
                    name: format!("day {n}"),
                });
            }
        }
        calendar
    })
}

proptest! {
    #[test]
    fn counting_forward_then_between_gives_the_count_back(
        start in any_date(),
        count in 0_u32..800,
        calendar in any_calendar(),
    ) {
        let due = calendar.add_business_days(start, count).unwrap();
        prop_assert_eq!(calendar.business_days_between(start, due), i64::from(count));
        if count > 0 {
            prop_assert!(calendar.is_business_day(due), "{} is a day off", due);
        }
        // The fast table of the years agrees with the one-off count.
        let holidays = calendar.holidays(1989..=2070);
        prop_assert_eq!(holidays.business_days_between(start, due), i64::from(count));
        prop_assert_eq!(holidays.add_business_days(start, count), Some(due));
    }

    #[test]
    fn a_roll_forward_lands_on_the_next_business_day(date in any_date()) {
        let calendar = Calendar::default();
        let rolled = calendar.next_business_day(date).unwrap();
        prop_assert!(calendar.is_business_day(rolled));
        prop_assert!(rolled >= date);
        prop_assert!((rolled - date).num_days() <= 4, "{} -> {}", date, rolled);
        // Nothing between was a business day.
        for day in date.iter_days().take_while(|d| *d < rolled) {
            prop_assert!(!calendar.is_business_day(day), "{} skipped", day);
        }
    }

    #[test]
    fn a_roll_forward_on_any_calendar_is_never_earlier(
        date in any_date(),
        calendar in any_calendar(),
    ) {
        let rolled = calendar.next_business_day(date).unwrap();
        prop_assert!(calendar.is_business_day(rolled));
        prop_assert!(rolled >= date);
        prop_assert_eq!(calendar.business_days_between(date, rolled), i64::from(rolled != date));
    }
}
