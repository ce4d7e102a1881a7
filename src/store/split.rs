//! Parsing a big data file on several threads, still with the ron crate.
//!
//! A file as docket writes it lists its letters one per block, each starting
//! with `        Letter(` on a line of its own. The letters are cut into one
//! run per core at such lines, and each run is parsed letter by letter by
//! the ron crate on its own thread, while the rest of the file (version,
//! cities, retired ids) is parsed as a docket with no letters.
//!
//! This is only a faster road to the same docket: any surprise (a file not
//! in docket's own layout, a cut that falls inside a string or a comment, a
//! missing comma, any parse error) gives up, and the caller parses the whole
//! text the ordinary way, which also gives the exact error and its position.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

use crate::model::{Docket, Letter};

/// Below this size one thread parses faster than several start.
const MIN_SPLIT_BYTES: usize = 4 << 20;
const LETTERS_OPEN: &str = "\n    letters: [\n";
const LETTER_LINE: &str = "\n        Letter(";

/// How many bytes of letters the parse under way has read, for a progress bar.
static PARSED: AtomicUsize = AtomicUsize::new(0);

/// How many bytes of letters the big parse under way (or the last one) has
/// read: a progress figure, shared by the whole process.
pub(super) fn parsed_bytes() -> usize {
    PARSED.load(Ordering::Relaxed)
}

/// The docket, parsed on several threads; `None` when the text is small, not
/// in docket's own layout, or fails to parse in parts (parse it whole then).
pub(super) fn parse(text: &str) -> Option<Docket> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if text.len() < MIN_SPLIT_BYTES || threads < 2 || !text.starts_with("Docket(\n") {
        return None;
    }
    PARSED.store(0, Ordering::Relaxed);
    let open = text.find(LETTERS_OPEN)? + LETTERS_OPEN.len();
    let runs = cut(text, open, threads)?;
    let last_start = *runs.last()?;
    let close = letters_close(text, open)?;
    if close <= last_start {
        return None;
    }
    let bounds: Vec<(usize, usize)> = runs
        .iter()
        .zip(runs.iter().skip(1).chain([&close]))
        .map(|(&from, &to)| (from, to))
        .collect();
    let (head, parts) = std::thread::scope(|scope| {
        let workers: Vec<_> = bounds[1..]
            .iter()
            .map(|&(from, to)| scope.spawn(move || letters(&text[from..to])))
            .collect();
        let first = letters(&text[bounds[0].0..bounds[0].1]);
        let head = rest_of_file(text, open, close);
        let mut parts = vec![first];
        parts.extend(workers.into_iter().map(|w| w.join().ok().flatten()));
        (head, parts)
    });
    let mut docket = head?;
    if !docket.letters.is_empty() {
        return None;
    }
    let mut parts = parts
        .into_iter()
        .collect::<Option<Vec<Vec<Arc<Letter>>>>>()?
        .into_iter();
    // Grow the first run in place (a big block is remapped, not copied), so
    // the letters are never held twice.
    let mut all = parts.next()?;
    all.reserve_exact(parts.as_slice().iter().map(Vec::len).sum());
    for part in parts {
        all.extend(part);
    }
    docket.letters = all;
    Some(docket)
}

/// Where each run of letters starts: the first right after `open`, the
/// others at the first letter line after each equal share of the text.
fn cut(text: &str, open: usize, threads: usize) -> Option<Vec<usize>> {
    if !text[open..].trim_start_matches(' ').starts_with("Letter(") {
        return None;
    }
    let share = (text.len() - open) / threads;
    let mut runs = vec![open];
    for n in 1..threads {
        let from = (open + n * share).max(*runs.last()? + 1);
        let Some(found) = text.get(from..).and_then(|rest| rest.find(LETTER_LINE)) else {
            break;
        };
        runs.push(from + found + 1);
    }
    Some(runs)
}

/// Where the list of letters that opens at `open` ends (at `\n    ],`): the
/// first line at the top level's indent after it, since in docket's layout
/// every line inside the list is indented deeper (strings hold no raw line
/// breaks). Retired ids, settings or conflicts may follow.
fn letters_close(text: &str, open: usize) -> Option<usize> {
    const LAST_ITEM: &str = "\n        ),";
    let close = open - 1 + text[open - 1..].find("\n    ],\n")?;
    text[..close].ends_with(LAST_ITEM).then_some(close)
}

/// The letters of one run: `Letter(...),` blocks separated by whitespace,
/// each read by the ron crate.
fn letters(mut run: &str) -> Option<Vec<Arc<Letter>>> {
    let mut letters = Vec::with_capacity(run.len() / 1500);
    loop {
        run = run.trim_start();
        if run.is_empty() {
            return Some(letters);
        }
        if !run.starts_with("Letter(") {
            return None;
        }
        let mut de = ron::Deserializer::from_str(run).ok()?;
        let mut letter = Letter::deserialize(&mut de).ok()?;
        fit_memory(&mut letter);
        letters.push(Arc::new(letter));
        let rest = de.remainder().trim_start().strip_prefix(',')?;
        PARSED.fetch_add(run.len() - rest.len(), Ordering::Relaxed);
        run = rest;
    }
}

/// Gives back the room the parser's growing buffers left in escaped strings
/// and short lists (a tenth of a big docket's memory), for the next letters
/// to use.
fn fit_memory(letter: &mut Letter) {
    letter.demands.shrink_to_fit();
    letter.tags.shrink_to_fit();
    letter.replies.shrink_to_fit();
    letter.extensions.shrink_to_fit();
    let fit = |s: &mut String| {
        if s.capacity() > s.len() {
            s.shrink_to_fit();
        }
    };
    for s in [
        &mut letter.from,
        &mut letter.to,
        &mut letter.subject,
        &mut letter.summary,
    ] {
        fit(s);
    }
    letter
        .program
        .iter_mut()
        .chain(&mut letter.source)
        .for_each(fit);
    letter
        .demands
        .iter_mut()
        .chain(&mut letter.tags)
        .for_each(fit);
    for reply in &mut letter.replies {
        fit(&mut reply.id);
        fit(&mut reply.from);
        fit(&mut reply.summary);
        reply.source.iter_mut().for_each(fit);
    }
    for extension in &mut letter.extensions {
        fit(&mut extension.id);
        fit(&mut extension.note);
    }
    for closing in &mut letter.closings {
        fit(&mut closing.id);
        fit(&mut closing.outcome);
    }
    letter.retired_ids.iter_mut().for_each(fit);
}

/// The file without its letters, parsed as a docket.
fn rest_of_file(text: &str, open: usize, close: usize) -> Option<Docket> {
    let mut rest = String::with_capacity(open + text.len() - close);
    rest.push_str(&text[..open]);
    rest.push_str(&text[close..]);
    super::parse_whole(&rest).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Conflict, Holiday, Letter};

    /// Settings and conflicts after the letters do not stop the parse in
    /// parts: the letters end at the first top-level `]`.
    #[test]
    fn the_letters_end_before_settings_and_conflicts() {
        let day = |d| crate::model::Date::from_ymd_opt(2017, 8, d).unwrap_or_default();
        let mut docket = Docket::new();
        docket.cities.push(crate::model::City {
            id: "baltimore".into(),
            name: "Baltimore".into(),
            state: "MD".into(),
            notes: String::new(),
            log: Vec::new(),
        });
        for i in 0..3 {
            let mut letter = Letter::new("baltimore", day(3));
            letter.id = format!("baltimore-{i}");
            docket.letters.push(Arc::new(letter));
        }
        docket.retired_ids.push("gone".into());
        docket.settings.calendar.extra.push(Holiday {
            on: day(14),
            name: "Closed".into(),
        });
        docket.conflicts.push(Conflict {
            record: "letter baltimore-1".into(),
            field: "subject".into(),
            base: None,
            ours: Some("\"a\"".into()),
            theirs: Some("\"b\"".into()),
        });
        let text = crate::store::to_ron(&docket);
        let open = text.find(LETTERS_OPEN).unwrap_or_default() + LETTERS_OPEN.len();
        let close = letters_close(&text, open).unwrap_or_default();
        assert!(
            text[close..].starts_with("\n    ],\n    retired_ids: ["),
            "{text}"
        );
        assert_eq!(letters(&text[open..close]).map(|l| l.len()), Some(3));
        assert_eq!(
            rest_of_file(&text, open, close),
            Some(Docket {
                letters: Vec::new(),
                ..docket
            })
        );
    }
}
