//! The domain's figures in words, the same on every screen and in every file.

use super::Date;

/// `1 day`, `-1 day`, `0 days`, `3 business days`: `word` with an `s` unless
/// `n` is one or minus one.
pub fn count(n: i64, word: &str) -> String {
    count_irregular(n, word, &format!("{word}s"))
}

/// [`count`] for words whose plural is not the singular with an `s`:
/// `count_irregular(2, "city", "cities")` is `2 cities`.
pub fn count_irregular(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n.abs() == 1 { one } else { many })
}

/// A date with its weekday: `2017-08-18 (Fri)`.
pub fn with_weekday(date: Date) -> String {
    date.format("%Y-%m-%d (%a)").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_only_for_one() {
        assert_eq!(count(1, "day"), "1 day");
        assert_eq!(count(-1, "day"), "-1 day");
        assert_eq!(count(0, "business day"), "0 business days");
        assert_eq!(count(3, "day"), "3 days");
        assert_eq!(
            count_irregular(1, "record is", "records are"),
            "1 record is"
        );
        assert_eq!(count_irregular(2, "city", "cities"), "2 cities");
    }

    #[test]
    fn dates_show_their_weekday() {
        let date: Date = "2017-08-18".parse().unwrap();
        assert_eq!(with_weekday(date), "2017-08-18 (Fri)");
    }
}
