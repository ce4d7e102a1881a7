//! Strings (quoted with escapes, or raw), and the dates and times written
//! as strings, read as the ron crate and chrono's serde read them.

use std::borrow::Cow;

use chrono::NaiveDateTime;

use super::cursor::Cursor;
use crate::model::Date;

impl<'a> Cursor<'a> {
    /// A string, owned.
    pub(super) fn string(&mut self) -> Option<String> {
        self.str().map(Cow::into_owned)
    }

    /// A string: `"..."` with escapes, or raw, `r"..."` or `r#"..."#`.
    pub(super) fn str(&mut self) -> Option<Cow<'a, str>> {
        match self.peek()? {
            b'"' => self.quoted(),
            b'r' => self.raw(),
            _ => None,
        }
    }

    fn quoted(&mut self) -> Option<Cow<'a, str>> {
        let start = self.at + 1;
        let end = start + memchr::memchr2(b'"', b'\\', &self.bytes[start..])?;
        if self.bytes[end] == b'"' {
            self.at = end + 1;
            return Some(Cow::Borrowed(&self.text[start..end]));
        }
        // Escapes never make a string longer than its text to the next quote.
        let quote = memchr::memchr(b'"', &self.bytes[end..]).map_or(0, |n| end + n);
        let mut out = String::with_capacity(quote.saturating_sub(start));
        let mut at = start;
        loop {
            let stop = at + memchr::memchr2(b'"', b'\\', &self.bytes[at..])?;
            out.push_str(&self.text[at..stop]);
            if self.bytes[stop] == b'"' {
                self.at = stop + 1;
                if out.capacity() > out.len() {
                    out.shrink_to_fit();
                }
                return Some(Cow::Owned(out));
            }
            at = self.escape(stop + 1, &mut out)?;
        }
    }

    /// Reads the escape whose backslash ends before `at` onto `out`; where
    /// the string goes on.
    fn escape(&self, at: usize, out: &mut String) -> Option<usize> {
        let bytes = self.bytes;
        let c = match *bytes.get(at)? {
            b'\'' => '\'',
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            b'x' => {
                let byte = hex(*bytes.get(at + 1)?)? << 4 | hex(*bytes.get(at + 2)?)?;
                // A byte of a longer character: left to the ron crate.
                if byte >= 0x80 {
                    return None;
                }
                out.push(char::from(byte));
                return Some(at + 3);
            }
            b'u' => return self.unicode_escape(at + 1, out),
            b'\n' => return Some(continued(bytes, at + 1)),
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => return Some(continued(bytes, at + 2)),
            _ => return None,
        };
        out.push(c);
        Some(at + 1)
    }

    /// `{` and one to six hex digits then `}`, from `at`.
    fn unicode_escape(&self, at: usize, out: &mut String) -> Option<usize> {
        if self.bytes.get(at) != Some(&b'{') {
            return None;
        }
        let mut code = 0_u32;
        let mut end = at + 1;
        while end - at <= 6 {
            let byte = *self.bytes.get(end)?;
            if byte == b'}' {
                break;
            }
            code = code << 4 | u32::from(hex(byte)?);
            end += 1;
        }
        if end == at + 1 || self.bytes.get(end) != Some(&b'}') {
            return None;
        }
        out.push(char::from_u32(code)?);
        Some(end + 1)
    }

    /// `r"..."` or `r#"..."#` with any number of `#`: the text to the first
    /// quote followed by as many.
    fn raw(&mut self) -> Option<Cow<'a, str>> {
        let hashes = self.bytes[self.at + 1..]
            .iter()
            .take_while(|b| **b == b'#')
            .count();
        let start = self.at + 1 + hashes + 1;
        if self.bytes.get(start - 1) != Some(&b'"') {
            return None;
        }
        let mut from = start;
        loop {
            let quote = from + memchr::memchr(b'"', &self.bytes[from..])?;
            let after = quote + 1;
            if self.bytes[after..].len() >= hashes
                && self.bytes[after..after + hashes].iter().all(|b| *b == b'#')
            {
                self.at = after + hashes;
                return Some(Cow::Borrowed(&self.text[start..quote]));
            }
            from = after;
        }
    }

    /// A date as chrono reads it from a string: `"2017-08-03"` at once,
    /// any other form through chrono's own parser.
    pub(super) fn date(&mut self) -> Option<Date> {
        if let Some(&[b'"', y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1, b'"']) =
            self.bytes.get(self.at..self.at + 12)
        {
            let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
            if digits.iter().all(u8::is_ascii_digit) {
                let n = |d: &[u8]| d.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'));
                let date =
                    Date::from_ymd_opt(n(&digits[..4]) as i32, n(&digits[4..6]), n(&digits[6..]))?;
                self.at += 12;
                return Some(date);
            }
        }
        self.str()?.parse().ok()
    }

    /// A date and time as chrono reads it from a string.
    pub(super) fn date_time(&mut self) -> Option<NaiveDateTime> {
        self.str()?.parse().ok()
    }
}

/// The value of a hex digit.
fn hex(byte: u8) -> Option<u8> {
    char::from(byte).to_digit(16).map(|d| d as u8)
}

/// Where a string goes on after a backslash at the end of a line: past the
/// spaces, tabs and line breaks that start the next.
fn continued(bytes: &[u8], at: usize) -> usize {
    at + bytes[at..]
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, usize)> {
        let mut cursor = Cursor::new(text);
        cursor.string().map(|s| (s, cursor.at))
    }

    #[test]
    fn escapes_read_as_ron_reads_them() {
        let text = r#""a\'b\"c\\d\ne\rf\tg\0h\x41\u{e9}\u{1F980}" ,"#;
        assert_eq!(
            read(text),
            Some(("a'b\"c\\d\ne\rf\tg\0hAé🦀".to_owned(), text.len() - 2))
        );
        assert_eq!(read("\"a\\\n   \t b\""), Some(("ab".to_owned(), 11)));
        assert_eq!(read(r#""\x80""#), None);
        assert_eq!(read(r#""\u{}""#), None);
        assert_eq!(read(r#""\u{1234567}""#), None);
        assert_eq!(read(r#""\u{d800}""#), None);
        assert_eq!(read(r#""\q""#), None);
        assert_eq!(read(r#""never ends"#), None);
    }

    #[test]
    fn raw_strings_end_at_their_own_quote() {
        assert_eq!(read(r#"r"a\n""#), Some((r"a\n".to_owned(), 6)));
        assert_eq!(
            read("r##\"say \"#hi\"#\"##,"),
            Some((r##"say "#hi"#"##.to_owned(), 17))
        );
        assert_eq!(read(r#"r#"x""#), None);
        assert_eq!(read("rx"), None);
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        let date = |text: &str| Cursor::new(text).date();
        assert_eq!(date("\"2017-08-03\""), Date::from_ymd_opt(2017, 8, 3));
        assert_eq!(date("\"+10000-01-01\""), Date::from_ymd_opt(10000, 1, 1));
        assert_eq!(date("\"-0001-12-31\""), Date::from_ymd_opt(-1, 12, 31));
        assert_eq!(date("\"2017-02-30\""), None);
        assert_eq!(date("r\"2017-08-03\""), Date::from_ymd_opt(2017, 8, 3));
    }
}
