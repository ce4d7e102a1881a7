//! The cursor over RON text: whitespace and comments, punctuation,
//! identifiers, integers, and the commas between the fields of a struct and
//! the items of a list, read exactly as the ron crate reads them.
//!
//! Every method returns `None` where the ron crate would stop with an
//! error, and also wherever this reader is not sure to read what the ron
//! crate reads: the caller then gives up and lets the ron crate parse.

/// A position in RON text, and the extensions the file enabled.
pub(super) struct Cursor<'a> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    /// The byte offset of the next token (or whitespace).
    pub(super) at: usize,
    /// `#![enable(implicit_some)]`: an option's value may be written without `Some(..)`.
    pub(super) implicit_some: bool,
    /// `#![enable(explicit_struct_names)]`: every struct must be named.
    pub(super) explicit_names: bool,
}

/// Where a struct's fields or a list's items are being read: whether the
/// first has been read, and whether a comma followed the last.
pub(super) struct Items {
    started: bool,
    close: u8,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Cursor {
            text,
            bytes: text.as_bytes(),
            at: 0,
            implicit_some: false,
            explicit_names: false,
        }
    }

    /// The next byte, if any.
    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Takes `byte` if it is next.
    pub(super) fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        if next {
            self.at += 1;
        }
        next
    }

    /// Takes `byte`, which must be next.
    pub(super) fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// Skips whitespace and comments (`//` to the end of the line, and
    /// `/* */`, nested), as `ron::Parser::skip_ws` does; `None` for a comment
    /// that never ends or a `/` that starts none.
    pub(super) fn ws(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b'\n') => {
                    // A new line, then its indentation: docket writes four
                    // spaces a level, skipped eight at a time.
                    self.at += 1;
                    let rest = &self.bytes[self.at..];
                    let runs = rest.chunks_exact(8).take_while(|c| **c == [b' '; 8]);
                    self.at += 8 * runs.count();
                }
                Some(b' ' | b'\t' | b'\r' | 0x0b | 0x0c) => self.at += 1,
                Some(b'/') => self.comment()?,
                Some(0xc2 | 0xe2) => match unicode_space(&self.bytes[self.at..]) {
                    0 => return Some(()),
                    n => self.at += n,
                },
                _ => return Some(()),
            }
        }
    }

    fn comment(&mut self) -> Option<()> {
        match self.bytes.get(self.at + 1) {
            Some(b'/') => {
                // The line break is whitespace, skipped next.
                self.at = memchr::memchr(b'\n', &self.bytes[self.at..])
                    .map_or(self.bytes.len(), |n| self.at + n);
                Some(())
            }
            Some(b'*') => {
                self.at += 2;
                let mut level = 1_usize;
                while level > 0 {
                    self.at += memchr::memchr2(b'/', b'*', &self.bytes[self.at..])?;
                    let rest = &self.bytes[self.at..];
                    if rest.starts_with(b"/*") {
                        level += 1;
                        self.at += 2;
                    } else if rest.starts_with(b"*/") {
                        level -= 1;
                        self.at += 2;
                    } else {
                        self.at += 1;
                    }
                }
                Some(())
            }
            _ => None,
        }
    }

    /// Whitespace, a comma if there is one, whitespace: whether there was.
    pub(super) fn comma(&mut self) -> Option<bool> {
        self.ws()?;
        if self.eat(b',') {
            self.ws()?;
            Some(true)
        } else {
            Some(false)
        }
    }

    /// The identifier next, without taking it: ASCII letters, digits and
    /// `_`. `None` when there is none, or when what follows could make it
    /// something else to the ron crate (a raw identifier, a raw or byte
    /// string, a non-ASCII identifier character).
    pub(super) fn peek_ident(&self) -> Option<&'a str> {
        let start = self.at;
        let first = *self.bytes.get(start)?;
        if !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let len = self.bytes[start + 1..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(self.bytes.len() - start - 1);
        let end = start + 1 + len;
        match self.bytes.get(end) {
            Some(b'.' | b'+' | b'-' | b'#' | b'"' | b'\'') => None,
            Some(0x80..) if unicode_space(&self.bytes[end..]) == 0 => None,
            _ => Some(&self.text[start..end]),
        }
    }

    /// Takes the identifier next (see [`Cursor::peek_ident`]).
    pub(super) fn ident(&mut self) -> Option<&'a str> {
        let ident = self.peek_ident()?;
        self.at += ident.len();
        Some(ident)
    }

    /// Opens a struct named `name`, or unnamed: its name if written, then
    /// `(`. Read its fields with [`Cursor::field`].
    pub(super) fn open(&mut self, name: &str) -> Option<Items> {
        if let Some(found) = self.peek_ident() {
            if found != name {
                return None;
            }
            self.at += found.len();
            self.ws()?;
        } else if self.explicit_names {
            return None;
        }
        self.expect(b'(')?;
        Some(Items {
            started: false,
            close: b')',
        })
    }

    /// Opens a list: `[`. Read its items with [`Cursor::item`].
    pub(super) fn open_list(&mut self) -> Option<Items> {
        self.expect(b'[')?;
        Some(Items {
            started: false,
            close: b']',
        })
    }

    /// Moves to the next item of a list or struct, past the comma after the
    /// last: `true` when there is one, `false` past the closing bracket.
    pub(super) fn item(&mut self, items: &mut Items) -> Option<bool> {
        let had_comma = if items.started {
            self.comma()?
        } else {
            items.started = true;
            true
        };
        self.ws()?;
        if self.eat(items.close) {
            Some(false)
        } else {
            had_comma.then_some(true)
        }
    }

    /// The next field's name, the cursor on its value; `None` inside past
    /// the closing parenthesis.
    #[allow(clippy::option_option, reason = "giving up, or the field or none")]
    pub(super) fn field(&mut self, items: &mut Items) -> Option<Option<&'a str>> {
        if !self.item(items)? {
            return Some(None);
        }
        let name = self.ident()?;
        self.ws()?;
        self.expect(b':')?;
        self.ws()?;
        Some(Some(name))
    }

    /// A list of items each read by `item`.
    pub(super) fn list<T>(&mut self, item: impl Fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut items = self.open_list()?;
        let mut list = Vec::new();
        while self.item(&mut items)? {
            list.push(item(self)?);
        }
        if list.capacity() > list.len() {
            list.shrink_to_fit();
        }
        Some(list)
    }

    /// `None` or `Some(value)` (or, with `implicit_some`, the bare value).
    #[allow(clippy::option_option, reason = "giving up, or the value read")]
    pub(super) fn option<T>(
        &mut self,
        value: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Option<T>> {
        match self.peek_ident() {
            Some("None") => {
                self.at += "None".len();
                Some(None)
            }
            Some("Some") => {
                self.at += "Some".len();
                self.ws()?;
                self.expect(b'(')?;
                self.ws()?;
                let value = value(self)?;
                self.comma()?;
                self.expect(b')')?;
                Some(Some(value))
            }
            _ if self.implicit_some => value(self).map(Some),
            _ => None,
        }
    }

    /// A decimal number that fits in a `u64`, not followed by what would
    /// make it another number to the ron crate (a suffix, a digit of
    /// another base, `_`).
    fn digits(&mut self) -> Option<u64> {
        let rest = &self.bytes[self.at..];
        let len = rest.iter().position(|b| !b.is_ascii_digit())?;
        if len == 0 || rest[len].is_ascii_alphanumeric() || rest[len] == b'_' {
            return None;
        }
        let mut n = 0_u64;
        for d in &rest[..len] {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        }
        self.at += len;
        Some(n)
    }

    pub(super) fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.digits()?).ok()
    }

    pub(super) fn i64(&mut self) -> Option<i64> {
        if self.eat(b'-') {
            i64::try_from(-i128::from(self.digits()?)).ok()
        } else {
            i64::try_from(self.digits()?).ok()
        }
    }

    pub(super) fn bool(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

/// The length of the whitespace character (to the ron crate) that starts
/// `bytes` when it is not ASCII (U+85, U+200E, U+200F, U+2028, U+2029),
/// else 0.
fn unicode_space(bytes: &[u8]) -> usize {
    match bytes {
        [0xc2, 0x85, ..] => 2,
        [0xe2, 0x80, 0x8e | 0x8f | 0xa8 | 0xa9, ..] => 3,
        _ => 0,
    }
}

/// Notes each field of a struct as it is read, to refuse one read twice.
#[derive(Default)]
pub(super) struct Seen(u32);

impl Seen {
    /// Notes field number `bit`; `None` if it was already read.
    pub(super) fn first(&mut self, bit: u32) -> Option<()> {
        let mask = 1 << bit;
        if self.0 & mask != 0 {
            return None;
        }
        self.0 |= mask;
        Some(())
    }

    /// Whether every field whose bit is set in `mask` was read.
    pub(super) fn all(&self, mask: u32) -> bool {
        self.0 & mask == mask
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skipped(text: &str) -> Option<usize> {
        let mut cursor = Cursor::new(text);
        cursor.ws().map(|()| cursor.at)
    }

    #[test]
    fn whitespace_and_comments_are_skipped_as_ron_skips_them() {
        assert_eq!(skipped(" \t\r\n\x0b\x0cx"), Some(6));
        assert_eq!(skipped("\u{85}\u{200e}\u{200f}\u{2028}\u{2029}x"), Some(14));
        assert_eq!(skipped("\u{a0}x"), Some(0));
        assert_eq!(skipped("// a\n/* b /* c */ d */x"), Some(22));
        assert_eq!(skipped("// to the end"), Some(13));
        assert_eq!(skipped("/* /* */"), None);
        assert_eq!(skipped("/x"), None);
    }

    #[test]
    fn identifiers_that_ron_reads_otherwise_are_left() {
        fn ident(text: &str) -> Option<&str> {
            Cursor::new(text).peek_ident()
        }
        assert_eq!(ident("Letter("), Some("Letter"));
        assert_eq!(ident("id:"), Some("id"));
        assert_eq!(ident("r#id:"), None);
        assert_eq!(ident("r\"x\""), None);
        assert_eq!(ident("a-b"), None);
        assert_eq!(ident("né"), None);
        assert_eq!(ident("id\u{2028}:"), Some("id"));
        assert_eq!(ident("1a"), None);
    }

    #[test]
    fn numbers_are_plain_decimals() {
        let int = |text: &str| Cursor::new(text).i64();
        assert_eq!(int("42,"), Some(42));
        assert_eq!(int("-9223372036854775808)"), Some(i64::MIN));
        assert_eq!(int("9223372036854775808"), None);
        assert_eq!(int("-0009223372036854775807,"), Some(-i64::MAX));
        assert_eq!(int("0x10"), None);
        assert_eq!(int("1_000"), None);
        assert_eq!(int("3i64"), None);
        assert_eq!(Cursor::new("4294967296").u32(), None);
        assert_eq!(Cursor::new("+1").u32(), None);
    }
}
