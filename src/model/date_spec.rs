use chrono::{Days, Months};

use super::Date;

/// Parses a date as people type it: `YYYY-MM-DD`, `today`, or an offset from
/// today such as `+7d`, `-1w`, `+2m` (days, weeks, months; a bare number means
/// days). `today` is passed in: nothing here reads the clock.
pub fn parse_date_spec(text: &str, today: Date) -> Result<Date, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    if let Some(sign) = text.chars().next().filter(|c| *c == '+' || *c == '-') {
        return parse_offset(&text[1..], sign == '-', today)
            .ok_or_else(|| format!("{text:?} is not an offset such as +7d, -1w or +2m"));
    }
    Date::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() >= 10)
        .ok_or_else(|| {
            format!("{text:?} is not a date (expected YYYY-MM-DD, today, or an offset like +7d)")
        })
}

fn parse_offset(text: &str, backwards: bool, today: Date) -> Option<Date> {
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, "d"),
    };
    let n: u32 = number.parse().ok()?;
    match (unit.to_ascii_lowercase().as_str(), backwards) {
        ("d", false) => today.checked_add_days(Days::new(n.into())),
        ("d", true) => today.checked_sub_days(Days::new(n.into())),
        ("w", false) => today.checked_add_days(Days::new(u64::from(n) * 7)),
        ("w", true) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        ("m", false) => today.checked_add_months(Months::new(n)),
        ("m", true) => today.checked_sub_months(Months::new(n)),
        _ => None,
    }
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
