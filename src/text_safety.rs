//! Text on its way to a terminal, made harmless: the characters a terminal
//! would act on instead of showing are written visibly, as escapes.
//!
//! A name, subject or id in the data file may hold an escape sequence (OSC 52
//! writes the user's clipboard, OSC 0 sets the window title, `ESC c` resets
//! the terminal) or a bidirectional override that makes a line read other
//! than it is. Everything docket writes for a person (the text commands'
//! standard output, every message on standard error) goes through
//! [`visible`] or [`visible_line`] once, at the point where it is written.
//! JSON, CSV and ICS are for programs and are written as they are.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a terminal acts on `c` rather than showing it: the C0 controls
/// (line feed and tab included: [`visible`] keeps those two), DEL, the C1
/// controls U+0080 to U+009F, and the bidirectional embeddings, overrides
/// and isolates U+202A to U+202E and U+2066 to U+2069.
pub fn is_hidden_control(c: char) -> bool {
    matches!(c, '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The text with every character [`is_hidden_control`] names written as an
/// escape (`\x1b`, `\r`, `\u{9b}`, `\u{202e}`), except line feeds and tabs,
/// which a text of several lines keeps. Borrowed when there is nothing to
/// escape.
pub fn visible(text: &str) -> Cow<'_, str> {
    escaped(text, false)
}

/// The text on one line, for a table cell, a header or a message: as
/// [`visible`], and line feeds and tabs are written as `\n` and `\t` too, so
/// that a field can never start a line of its own or shift a column.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    escaped(text, true)
}

/// [`visible`] for a text owned already: the same text when nothing is
/// escaped, with no copy.
pub fn visible_owned(text: String) -> String {
    match visible(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(shown) => shown,
    }
}

/// Writes `docket: MESSAGE` on standard error, the message on one line.
pub fn warn(message: &str) {
    eprintln!("docket: {}", visible_line(message));
}

/// Writes one line on standard output, the text on that one line.
pub fn say(line: &str) {
    println!("{}", visible_line(line));
}

fn escaped(text: &str, one_line: bool) -> Cow<'_, str> {
    let keep = |c: char| !is_hidden_control(c) || (!one_line && matches!(c, '\n' | '\t'));
    // Every character to escape starts with one of these bytes: a quick
    // look over the bytes spares the common case a walk over the characters.
    let suspect = |b: &u8| *b < 0x20 || *b == 0x7f || *b == 0xc2 || *b == 0xe2;
    let Some(first) = text.bytes().position(|b| suspect(&b)) else {
        return Cow::Borrowed(text);
    };
    let Some((at, _)) = text[first..].char_indices().find(|(_, c)| !keep(*c)) else {
        return Cow::Borrowed(text);
    };
    let at = first + at;
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..at]);
    for c in text[at..].chars() {
        match c {
            c if keep(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_as_escapes() {
        assert_eq!(
            visible("a\x1b]52;c;aGk=\x07b\x08\u{9b}31m\u{202e}x\u{2069}\x7f\0"),
            "a\\x1b]52;c;aGk=\\x07b\\x08\\u{9b}31m\\u{202e}x\\u{2069}\\x7f\\x00"
        );
        assert_eq!(visible("one\n\ttwo\r\n"), "one\n\ttwo\\r\n");
        assert_eq!(visible_line("one\n\ttwo\r\n"), "one\\n\\ttwo\\r\\n");
    }

    #[test]
    fn plain_text_is_borrowed() {
        for text in [
            "",
            "Baltimore",
            "北京 é ß 🦀 \u{a0}\u{200f}\u{2028}",
            "a\nb\tc",
        ] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text:?}");
        }
        assert!(matches!(visible_line("a b"), Cow::Borrowed(_)));
        assert!(matches!(visible_line("a\nb"), Cow::Owned(_)));
    }

    #[test]
    fn what_is_hidden() {
        for c in [
            '\0', '\x1b', '\x7f', '\u{80}', '\u{9b}', '\u{9f}', '\u{202a}',
        ] {
            assert!(is_hidden_control(c), "{c:?}");
        }
        for c in ['\u{202e}', '\u{2066}', '\u{2069}', '\n', '\t'] {
            assert!(is_hidden_control(c), "{c:?}");
        }
        for c in [
            ' ', '~', '\u{a0}', '\u{2029}', '\u{202f}', '\u{2065}', '\u{206a}',
        ] {
            assert!(!is_hidden_control(c), "{c:?}");
        }
    }
}
