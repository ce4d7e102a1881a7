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

/// Whether two names are one person's, as owners and `--by` are matched:
/// trimmed, case and accents folded (`JDoe` is `jdoe`).
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    fold(a) == fold(b)
}

/// `text` as the filter compares it: see [`fold_into`].
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(&mut out, text);
    out
}

/// Appends `text` as the filter compares it: in lower case, without its
/// accents and other combining marks (`Ofício` as `oficio`, `Straße` as
/// `straße`), a final `ς` as `σ`. Each character is folded on its own, so
/// that a text's parts fold to parts of the folded text.
pub fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            if HANGUL_SYLLABLES.contains(&lower) {
                // A syllable, not a letter with marks: kept whole.
                out.push(lower);
                continue;
            }
            unicode_normalization::char::decompose_canonical(lower, |part| {
                if !unicode_normalization::char::is_combining_mark(part) {
                    out.push(if part == 'ς' { 'σ' } else { part });
                }
            });
        }
    }
}

/// The precomposed Hangul syllables, which canonical decomposition splits
/// into their letters.
const HANGUL_SYLLABLES: std::ops::RangeInclusive<char> = '\u{AC00}'..='\u{D7A3}';

/// A city id proposed from its name: lowercase ASCII letters and digits,
/// accents folded as [`fold`] folds them, the letters that carry no accent
/// to drop spelled out (`ß` as `ss`), other runs as one `-` (`San José` ->
/// `san-jose`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        let spelled = match c {
            'a'..='z' | '0'..='9' => None,
            'ß' => Some("ss"),
            'æ' => Some("ae"),
            'œ' => Some("oe"),
            'ø' => Some("o"),
            'ł' => Some("l"),
            'đ' | 'ð' => Some("d"),
            'þ' => Some("th"),
            'ı' => Some("i"),
            _ => Some(""),
        };
        match spelled {
            None => out.push(c),
            Some("") => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
            Some(letters) => out.push_str(letters),
        }
    }
    out.trim_end_matches('-').to_owned()
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

    #[test]
    fn slugs_fold_accents_and_join_words() {
        assert_eq!(slug("San José"), "san-jose");
        assert_eq!(slug("  St. Paul "), "st-paul");
        assert_eq!(slug("Zürich 2"), "zurich-2");
        assert_eq!(slug(""), "");
    }
}
