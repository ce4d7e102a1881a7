//! The pieces of RON text: lists, fields, indents, options, dates and
//! strings, as the ron crate's pretty serializer writes them.

use std::fmt::Write as _;

use crate::model::Date;

/// `[]`, or `[` then each item on its own line at `depth + 1`, then `]` at `depth`.
pub(super) fn list<T>(
    out: &mut String,
    items: &[T],
    depth: usize,
    item: fn(&mut String, &T, usize),
) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push_str("[\n");
    for value in items {
        items_entry(out, value, depth, item);
    }
    indent(out, depth);
    out.push(']');
}

pub(super) fn items_entry<T>(
    out: &mut String,
    value: &T,
    depth: usize,
    item: fn(&mut String, &T, usize),
) {
    indent(out, depth + 1);
    item(out, value, depth + 1);
    out.push_str(",\n");
}

pub(super) fn indent(out: &mut String, depth: usize) {
    const SPACES: &str = "                                ";
    let mut n = depth * 4;
    while n > SPACES.len() {
        out.push_str(SPACES);
        n -= SPACES.len();
    }
    out.push_str(&SPACES[..n]);
}

/// `name: ` at the field indent for a struct at `depth`.
pub(super) fn field(out: &mut String, depth: usize, name: &str) {
    indent(out, depth + 1);
    out.push_str(name);
    out.push_str(": ");
}

pub(super) fn end_field(out: &mut String) {
    out.push_str(",\n");
}

pub(super) fn str_field(out: &mut String, depth: usize, name: &str, value: &str) {
    field(out, depth, name);
    string(out, value);
    end_field(out);
}

pub(super) fn date_field(out: &mut String, depth: usize, name: &str, value: Date) {
    field(out, depth, name);
    date(out, value);
    end_field(out);
}

/// `name: Some(..)` or `name: None`, at the field indent for `depth`.
pub(super) fn option_field<T>(
    out: &mut String,
    depth: usize,
    name: &str,
    value: Option<T>,
    write: impl FnOnce(&mut String, T),
) {
    field(out, depth, name);
    option(out, value, write);
    end_field(out);
}

/// `name: [..]`, the items one level deeper.
pub(super) fn list_field<T>(
    out: &mut String,
    depth: usize,
    name: &str,
    items: &[T],
    item: fn(&mut String, &T, usize),
) {
    field(out, depth, name);
    list(out, items, depth + 1, item);
    end_field(out);
}

pub(super) fn close_struct(out: &mut String, depth: usize) {
    indent(out, depth);
    out.push(')');
}

pub(super) fn option<T>(out: &mut String, value: Option<T>, write: impl FnOnce(&mut String, T)) {
    match value {
        None => out.push_str("None"),
        Some(value) => {
            out.push_str("Some(");
            write(out, value);
            out.push(')');
        }
    }
}

/// A date as chrono writes it (`2017-08-03`), quoted.
pub(super) fn date(out: &mut String, date: Date) {
    use chrono::Datelike;
    let (year, month, day) = (date.year(), date.month(), date.day());
    if (0..=9999).contains(&year) {
        let digits = [
            year / 1000,
            year / 100 % 10,
            year / 10 % 10,
            year % 10,
            -1,
            month as i32 / 10,
            month as i32 % 10,
            -1,
            day as i32 / 10,
            day as i32 % 10,
        ];
        out.push('"');
        for d in digits {
            out.push(if d < 0 {
                '-'
            } else {
                char::from(b'0' + d as u8)
            });
        }
        out.push('"');
    } else {
        let _ = write!(out, "\"{date:?}\"");
    }
}

/// A string in double quotes, each character escaped as `char::escape_debug`
/// does, as the ron crate does it.
pub(super) fn string(out: &mut String, text: &str) {
    out.push('"');
    let bytes = text.as_bytes();
    let mut clean = 0;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b < 0x80 {
            if b >= 0x20 && b != 0x7f && b != b'"' && b != b'\'' && b != b'\\' {
                at += 1;
                continue;
            }
            out.push_str(&text[clean..at]);
            out.extend(char::from(b).escape_debug());
            at += 1;
            clean = at;
            continue;
        }
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let width = c.len_utf8();
        let mut escaped = c.escape_debug();
        if escaped.len() != 1 {
            out.push_str(&text[clean..at]);
            out.extend(&mut escaped);
            clean = at + width;
        }
        at += width;
    }
    out.push_str(&text[clean..]);
    out.push('"');
}
