//! Dates as people type them (`2017-08-18`, `today`, `+7d`, `-1w`),
//! checked when typed and resolved against a date passed in.

use std::str::FromStr;

use chrono::{Days, Months};

use super::{Date, calendar};

/// A date as people type it, checked but not yet resolved: `today` and
/// offsets need the date they count from, which [`DateSpec::resolve`] takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec {
    /// `YYYY-MM-DD`.
    On(Date),
    /// `+7d`, `-1w`, `+2m` (`today` is `+0d`).
    Offset {
        /// How many units.
        count: u32,
        /// `d`, `w` or `m`.
        unit: OffsetUnit,
        /// Before the date counted from.
        back: bool,
    },
}

/// The unit of an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Days.
    Days,
    /// Weeks of seven days.
    Weeks,
    /// Calendar months.
    Months,
}

impl DateSpec {
    /// The date meant, with `today` the date that `today` and offsets count
    /// from; a date outside 0001-01-01..9999-12-31 (see
    /// [`calendar::in_range`]) is refused, typed or reached by an offset.
    pub fn resolve(self, today: Date) -> Result<Date, String> {
        let (count, unit, back) = match self {
            DateSpec::On(date) => return calendar::check_range(date),
            DateSpec::Offset { count, unit, back } => (count, unit, back),
        };
        let moved = match (unit, back) {
            (OffsetUnit::Days, false) => today.checked_add_days(Days::new(count.into())),
            (OffsetUnit::Days, true) => today.checked_sub_days(Days::new(count.into())),
            (OffsetUnit::Weeks, false) => today.checked_add_days(Days::new(u64::from(count) * 7)),
            (OffsetUnit::Weeks, true) => today.checked_sub_days(Days::new(u64::from(count) * 7)),
            (OffsetUnit::Months, false) => today.checked_add_months(Months::new(count)),
            (OffsetUnit::Months, true) => today.checked_sub_months(Months::new(count)),
        };
        let what = || format!("{count} {unit:?} from {today}");
        let moved = moved.ok_or_else(|| format!("{} is {}", what(), calendar::OUTSIDE))?;
        calendar::check_range(moved).map_err(|err| format!("{}: {err}", what()))
    }
}

impl FromStr for DateSpec {
    type Err = String;

    /// `YYYY-MM-DD`, `today`, or an offset such as `+7d`, `-1w`, `+2m`
    /// (days, weeks, months; a bare number means days).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("today") {
            return Ok(DateSpec::Offset {
                count: 0,
                unit: OffsetUnit::Days,
                back: false,
            });
        }
        if let Some(sign) = text.chars().next().filter(|c| *c == '+' || *c == '-') {
            return parse_offset(&text[1..], sign == '-')
                .ok_or_else(|| format!("{text:?} is not an offset such as +7d, -1w or +2m"));
        }
        Date::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .filter(|_| text.len() >= 10)
            .map(DateSpec::On)
            .ok_or_else(|| {
                format!(
                    "{text:?} is not a date (expected YYYY-MM-DD, today, or an offset like +7d)"
                )
            })
    }
}

fn parse_offset(text: &str, back: bool) -> Option<DateSpec> {
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, "d"),
    };
    let count: u32 = number.parse().ok()?;
    let unit = match unit.to_ascii_lowercase().as_str() {
        "d" => OffsetUnit::Days,
        "w" => OffsetUnit::Weeks,
        "m" => OffsetUnit::Months,
        _ => return None,
    };
    Some(DateSpec::Offset { count, unit, back })
}

/// Parses a date as people type it (see [`DateSpec`]) and resolves it
/// against `today`, which is passed in: nothing here reads the clock.
pub fn parse_date_spec(text: &str, today: Date) -> Result<Date, String> {
    text.parse::<DateSpec>()?.resolve(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn date_specs_resolve_against_today() {
        let today = d("2017-08-10");
        let table = [
            ("2017-08-18", "2017-08-18"),
            ("today", "2017-08-10"),
            ("TODAY", "2017-08-10"),
            ("+7d", "2017-08-17"),
            ("-1w", "2017-08-03"),
            ("-2w", "2017-07-27"),
            ("+3", "2017-08-13"),
            ("+1m", "2017-09-10"),
            ("-0d", "2017-08-10"),
            (" 2016-02-29 ", "2016-02-29"),
        ];
        for (input, expected) in table {
            assert_eq!(parse_date_spec(input, today), Ok(d(expected)), "{input}");
        }
    }

    #[test]
    fn dates_outside_0001_to_9999_are_refused_typed_or_reached() {
        let table = [
            ("0000-12-31", "2017-08-10"),
            ("+1d", "9999-12-31"),
            ("-1d", "0001-01-01"),
            ("+1m", "9999-12-01"),
            ("+4294967295d", "2017-08-10"),
        ];
        for (input, today) in table {
            let err = parse_date_spec(input, d(today)).unwrap_err();
            assert!(err.contains(calendar::OUTSIDE), "{input}: {err}");
        }
        assert_eq!(parse_date_spec("+1d", d("9999-12-30")), Ok(d("9999-12-31")));
        assert_eq!(parse_date_spec("-1d", d("0001-01-02")), Ok(d("0001-01-01")));
    }

    #[test]
    fn bad_date_specs_are_rejected_with_the_input_named() {
        let today = d("2017-08-10");
        for input in [
            "2017-02-30",
            "2017-13-01",
            "yesterday",
            "+7x",
            "+",
            "-w",
            "",
            "17-8-1",
        ] {
            let err = parse_date_spec(input, today).unwrap_err();
            assert!(
                err.contains(&format!("{:?}", input.trim())),
                "{input}: {err}"
            );
        }
    }
}
