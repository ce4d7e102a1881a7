//! A writer for docket's own fixed RON format.
//!
//! It writes, byte for byte, what the ron crate's pretty serializer writes
//! for a docket (`PrettyConfig::new().struct_names(true)`, four-space
//! indents, a trailing comma after every field and item, strings escaped
//! with `char::escape_debug`), several times faster: no serde machinery, no
//! formatter per value, written out a few MiB at a time, and big dockets
//! formatted by two threads. `tests/ron_writer.rs` property-tests the equality and that
//! the ron crate reads the text back to the same docket.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::model::{
    Calendar, CalendarBase, City, Closing, Conflict, Date, Docket, Document, DueFrom, DueRule,
    DueUnit, Extension, Holiday, Letter, LogEntry, Reply, ReplyKind, Settings,
};

/// Above this many letters, the letters are written by two threads.
const PARALLEL_LETTERS: usize = 8_000;
/// Letters formatted before their text goes out: a few MiB at a time, so a
/// save never holds a second copy of the whole file in memory.
const BATCH: usize = 2_048;

/// Writes the docket as pretty RON to `out`, cities and letters by id,
/// ending in a newline: the same text as [`super::to_ron_serde`]. The text
/// goes out a few MiB at a time.
pub fn write(docket: &Docket, out: &mut dyn Write) -> io::Result<()> {
    let cities = sorted(&docket.cities, |c| &c.id);
    let letters: Vec<&Letter> = sorted(&docket.letters, |l| &l.id)
        .into_iter()
        .map(|l| &**l)
        .collect();
    let mut text = String::new();
    text.push_str("Docket(\n    version: ");
    let _ = write!(text, "{}", docket.version);
    text.push_str(",\n    cities: ");
    list(&mut text, &cities, 1, |out, c, depth| city(out, c, depth));
    text.push_str(",\n    letters: ");
    if letters.is_empty() {
        text.push_str("[]");
    } else {
        text.push_str("[\n");
        write_letters(&mut text, &letters, out)?;
        indent(&mut text, 1);
        text.push(']');
    }
    text.push_str(",\n");
    if !docket.retired_ids.is_empty() {
        text.push_str("    retired_ids: ");
        let ids: Vec<&String> = docket.retired_ids.iter().collect();
        list(&mut text, &ids, 1, |out, id, _| string(out, id));
        text.push_str(",\n");
    }
    if !docket.settings.is_default() {
        field(&mut text, 0, "settings");
        settings(&mut text, &docket.settings, 1);
        end_field(&mut text);
    }
    if !docket.conflicts.is_empty() {
        field(&mut text, 0, "conflicts");
        list(&mut text, &docket.conflicts, 1, conflict);
        end_field(&mut text);
    }
    text.push_str(")\n");
    out.write_all(text.as_bytes())
}

/// The whole text in memory, as [`write`] writes it.
#[allow(clippy::expect_used, reason = "writing to memory cannot fail")]
pub fn to_ron(docket: &Docket) -> String {
    let mut bytes = Vec::with_capacity(estimate(docket));
    write(docket, &mut bytes).expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("the writer writes UTF-8")
}

/// Writes the letters' entries after what `text` holds, a batch at a time;
/// for many letters, two batches at once, the second on another thread.
fn write_letters(text: &mut String, letters: &[&Letter], out: &mut dyn Write) -> io::Result<()> {
    let entries = |text: &mut String, batch: &[&Letter]| {
        text.reserve(batch.iter().map(|l| letter_estimate(l)).sum());
        for l in batch {
            items_entry(text, l, 1, |out, l, depth| letter(out, l, depth));
        }
    };
    let parallel = letters.len() >= PARALLEL_LETTERS;
    let mut other = String::new();
    for batch in letters.chunks(if parallel { 2 * BATCH } else { BATCH }) {
        if parallel {
            let (first, second) = batch.split_at(batch.len() / 2);
            std::thread::scope(|scope| {
                let other = scope.spawn(|| entries(&mut other, second));
                entries(text, first);
                if let Err(panic) = other.join() {
                    std::panic::resume_unwind(panic);
                }
            });
        } else {
            entries(text, batch);
        }
        out.write_all(text.as_bytes())?;
        out.write_all(other.as_bytes())?;
        text.clear();
        other.clear();
    }
    Ok(())
}

/// The records by id, without sorting when they already are (as a
/// normalized docket's are).
fn sorted<T>(items: &[T], id: impl Fn(&T) -> &String) -> Vec<&T> {
    let mut refs: Vec<&T> = items.iter().collect();
    if !refs.is_sorted_by(|a, b| id(a) <= id(b)) {
        refs.sort_by(|a, b| id(a).cmp(id(b)));
    }
    refs
}

/// A close upper guess of the text's length, so the output is allocated once.
fn estimate(docket: &Docket) -> usize {
    let letters: usize = docket.letters.iter().map(|l| letter_estimate(l)).sum();
    let cities: usize = (docket.cities.iter())
        .map(|c| 160 + c.id.len() + c.name.len() + c.state.len() + c.notes.len())
        .sum();
    let retired: usize = docket.retired_ids.iter().map(|id| id.len() + 16).sum();
    (letters + cities + retired + 256) * 9 / 8
}

fn letter_estimate(l: &Letter) -> usize {
    let texts = l.id.len() + l.city.len() + l.from.len() + l.to.len() + l.subject.len();
    let options =
        l.program.as_ref().map_or(0, String::len) + l.source.as_ref().map_or(0, String::len);
    let lists: usize = l.demands.iter().chain(&l.tags).map(|s| s.len() + 24).sum();
    let replies: usize = l
        .replies
        .iter()
        .map(|r| {
            r.id.len()
                + r.from.len()
                + r.summary.len()
                + r.source.as_ref().map_or(0, String::len)
                + 240
        })
        .sum();
    let extensions: usize = (l.extensions.iter())
        .map(|e| e.id.len() + e.note.len() + 200)
        .sum();
    let closed: usize = (l.closings.iter())
        .map(|c| c.outcome.len() + c.id.len() + 150)
        .sum();
    let retired: usize = l.retired_ids.iter().map(|id| id.len() + 24).sum();
    let documents: usize = (l.documents.iter())
        .map(|d| d.label.len() + d.target.len() + 120)
        .sum();
    let log: usize = l.log.iter().map(|e| e.by.len() + e.what.len() + 160).sum();
    let replies = replies + retired + documents + log + l.private_notes.len();
    texts + options + lists + replies + extensions + closed + l.summary.len() + 520
}

/// `[]`, or `[` then each item on its own line at `depth + 1`, then `]` at `depth`.
fn list<T>(out: &mut String, items: &[T], depth: usize, item: fn(&mut String, &T, usize)) {
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

fn items_entry<T>(out: &mut String, value: &T, depth: usize, item: fn(&mut String, &T, usize)) {
    indent(out, depth + 1);
    item(out, value, depth + 1);
    out.push_str(",\n");
}

fn indent(out: &mut String, depth: usize) {
    const SPACES: &str = "                                ";
    let mut n = depth * 4;
    while n > SPACES.len() {
        out.push_str(SPACES);
        n -= SPACES.len();
    }
    out.push_str(&SPACES[..n]);
}

/// `name: ` at the field indent for a struct at `depth`.
fn field(out: &mut String, depth: usize, name: &str) {
    indent(out, depth + 1);
    out.push_str(name);
    out.push_str(": ");
}

fn end_field(out: &mut String) {
    out.push_str(",\n");
}

fn str_field(out: &mut String, depth: usize, name: &str, value: &str) {
    field(out, depth, name);
    string(out, value);
    end_field(out);
}

fn date_field(out: &mut String, depth: usize, name: &str, value: Date) {
    field(out, depth, name);
    date(out, value);
    end_field(out);
}

fn close_struct(out: &mut String, depth: usize) {
    indent(out, depth);
    out.push(')');
}

fn city(out: &mut String, c: &City, depth: usize) {
    out.push_str("City(\n");
    str_field(out, depth, "id", &c.id);
    str_field(out, depth, "name", &c.name);
    str_field(out, depth, "state", &c.state);
    str_field(out, depth, "notes", &c.notes);
    log_field(out, depth, &c.log);
    close_struct(out, depth);
}

fn letter(out: &mut String, l: &Letter, depth: usize) {
    out.push_str("Letter(\n");
    str_field(out, depth, "id", &l.id);
    str_field(out, depth, "city", &l.city);
    str_field(out, depth, "from", &l.from);
    str_field(out, depth, "to", &l.to);
    str_field(out, depth, "subject", &l.subject);
    field(out, depth, "program");
    option(out, l.program.as_ref(), |out, p| string(out, p));
    end_field(out);
    date_field(out, depth, "sent", l.sent);
    if let Some(received) = l.received {
        field(out, depth, "received");
        option(out, Some(received), date);
        end_field(out);
    }
    field(out, depth, "due");
    option(out, l.due, date);
    end_field(out);
    if let Some(rule) = &l.due_rule {
        field(out, depth, "due_rule");
        option(out, Some(*rule), |out, r| due_rule(out, r, depth + 1));
        end_field(out);
    }
    for (name, value) in [("owner", &l.owner), ("matter", &l.matter)] {
        if let Some(value) = value {
            field(out, depth, name);
            option(out, Some(value), |out, v| string(out, v));
            end_field(out);
        }
    }
    field(out, depth, "demands");
    list(out, &l.demands, depth + 1, |out, d, _| string(out, d));
    end_field(out);
    str_field(out, depth, "summary", &l.summary);
    field(out, depth, "source");
    option(out, l.source.as_ref(), |out, s| string(out, s));
    end_field(out);
    field(out, depth, "tags");
    list(out, &l.tags, depth + 1, |out, t, _| string(out, t));
    end_field(out);
    if !l.private_notes.is_empty() {
        str_field(out, depth, "private_notes", &l.private_notes);
    }
    if !l.documents.is_empty() {
        field(out, depth, "documents");
        list(out, &l.documents, depth + 1, document);
        end_field(out);
    }
    field(out, depth, "replies");
    list(out, &l.replies, depth + 1, reply);
    end_field(out);
    field(out, depth, "extensions");
    list(out, &l.extensions, depth + 1, extension);
    end_field(out);
    field(out, depth, "closings");
    list(out, &l.closings, depth + 1, closing);
    end_field(out);
    log_field(out, depth, &l.log);
    if !l.retired_ids.is_empty() {
        field(out, depth, "retired_ids");
        list(out, &l.retired_ids, depth + 1, |out, id, _| string(out, id));
        end_field(out);
    }
    close_struct(out, depth);
}

fn reply(out: &mut String, r: &Reply, depth: usize) {
    out.push_str("Reply(\n");
    str_field(out, depth, "id", &r.id);
    date_field(out, depth, "on", r.on);
    str_field(out, depth, "from", &r.from);
    field(out, depth, "kind");
    out.push_str(kind(r.kind));
    end_field(out);
    str_field(out, depth, "summary", &r.summary);
    field(out, depth, "source");
    option(out, r.source.as_ref(), |out, s| string(out, s));
    end_field(out);
    close_struct(out, depth);
}

fn kind(kind: ReplyKind) -> &'static str {
    match kind {
        ReplyKind::Acknowledges => "Acknowledges",
        ReplyKind::Complies => "Complies",
        ReplyKind::Disputes => "Disputes",
        ReplyKind::Refuses => "Refuses",
        ReplyKind::AsksExtension => "AsksExtension",
        ReplyKind::Other => "Other",
    }
}

fn extension(out: &mut String, e: &Extension, depth: usize) {
    out.push_str("Extension(\n");
    str_field(out, depth, "id", &e.id);
    date_field(out, depth, "granted_on", e.granted_on);
    date_field(out, depth, "new_due", e.new_due);
    str_field(out, depth, "note", &e.note);
    close_struct(out, depth);
}

fn closing(out: &mut String, c: &Closing, depth: usize) {
    out.push_str("Closing(\n");
    str_field(out, depth, "id", &c.id);
    date_field(out, depth, "on", c.on);
    str_field(out, depth, "outcome", &c.outcome);
    field(out, depth, "reopened_on");
    option(out, c.reopened_on, date);
    end_field(out);
    close_struct(out, depth);
}

fn due_rule(out: &mut String, r: DueRule, depth: usize) {
    out.push_str("DueRule(\n");
    field(out, depth, "count");
    let _ = write!(out, "{}", r.count);
    end_field(out);
    field(out, depth, "unit");
    out.push_str(match r.unit {
        DueUnit::Days => "Days",
        DueUnit::BusinessDays => "BusinessDays",
    });
    end_field(out);
    field(out, depth, "from");
    out.push_str(match r.from {
        DueFrom::Sent => "Sent",
        DueFrom::Received => "Received",
    });
    end_field(out);
    close_struct(out, depth);
}

fn document(out: &mut String, d: &Document, depth: usize) {
    out.push_str("Document(\n");
    str_field(out, depth, "label", &d.label);
    str_field(out, depth, "target", &d.target);
    close_struct(out, depth);
}

/// The `log` field of a record at `depth`, when it has entries.
fn log_field(out: &mut String, depth: usize, log: &[LogEntry]) {
    if !log.is_empty() {
        field(out, depth, "log");
        list(out, log, depth + 1, log_entry);
        end_field(out);
    }
}

fn log_entry(out: &mut String, e: &LogEntry, depth: usize) {
    out.push_str("Change(\n");
    field(out, depth, "at");
    let _ = write!(out, "\"{:?}\"", e.at);
    end_field(out);
    str_field(out, depth, "by", &e.by);
    str_field(out, depth, "what", &e.what);
    close_struct(out, depth);
}

fn settings(out: &mut String, s: &Settings, depth: usize) {
    out.push_str("Settings(\n");
    field(out, depth, "due_soon_days");
    let _ = write!(out, "{}", s.due_soon_days);
    end_field(out);
    field(out, depth, "reminders");
    list(out, &s.reminders, depth + 1, |out, days, _| {
        let _ = write!(out, "{days}");
    });
    end_field(out);
    field(out, depth, "roll_forward");
    out.push_str(if s.roll_forward { "true" } else { "false" });
    end_field(out);
    field(out, depth, "calendar");
    calendar(out, &s.calendar, depth + 1);
    end_field(out);
    close_struct(out, depth);
}

fn calendar(out: &mut String, c: &Calendar, depth: usize) {
    out.push_str("Calendar(\n");
    field(out, depth, "base");
    out.push_str(match c.base {
        CalendarBase::UsFederal => "UsFederal",
        CalendarBase::NoHolidays => "NoHolidays",
    });
    end_field(out);
    field(out, depth, "extra");
    list(out, &c.extra, depth + 1, holiday);
    end_field(out);
    field(out, depth, "removed");
    list(out, &c.removed, depth + 1, |out, day, _| date(out, *day));
    end_field(out);
    close_struct(out, depth);
}

fn holiday(out: &mut String, h: &Holiday, depth: usize) {
    out.push_str("Holiday(\n");
    date_field(out, depth, "on", h.on);
    str_field(out, depth, "name", &h.name);
    close_struct(out, depth);
}

fn conflict(out: &mut String, c: &Conflict, depth: usize) {
    out.push_str("Conflict(\n");
    str_field(out, depth, "record", &c.record);
    str_field(out, depth, "field", &c.field);
    for (name, value) in [("base", &c.base), ("ours", &c.ours), ("theirs", &c.theirs)] {
        field(out, depth, name);
        option(out, value.as_ref(), |out, v| string(out, v));
        end_field(out);
    }
    close_struct(out, depth);
}

fn option<T>(out: &mut String, value: Option<T>, write: impl FnOnce(&mut String, T)) {
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
fn date(out: &mut String, date: Date) {
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
fn string(out: &mut String, text: &str) {
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
