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

mod records;
mod text;

use records::{city, conflict, letter, settings};
use text::{end_field, field, indent, items_entry, list, string};

use crate::model::{Docket, Letter};

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
