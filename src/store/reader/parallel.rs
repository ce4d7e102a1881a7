//! The list of letters, read in runs on several threads when it is big.
//!
//! The list is cut into one run per core just before a line that starts
//! with `Letter(` (docket writes each letter so). Each run is read on its
//! own thread, up to the next cut; the runs are then checked to meet: the
//! reading of each run must have ended exactly at the next cut, between two
//! letters, and the last at the list's closing `]`. A run read from the
//! place where the run before it ended reads as it would have in one piece,
//! so the letters are the same. Any cut that falls elsewhere (inside a
//! string or a comment) or any run that fails gives up the runs, and the
//! list is read again in one piece.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use memchr::memmem;

use super::PARSED;
use super::cursor::Cursor;
use super::records::letter;
use crate::model::Letter;

/// Below this many bytes a run is not worth a thread.
const MIN_RUN_BYTES: usize = 512 << 10;
/// Letters read between two updates of the progress figure.
const PROGRESS_EVERY: usize = 64;

/// How a run of letters ended.
#[derive(Debug, PartialEq, Eq)]
enum End {
    /// At the cut where the next run starts.
    Cut,
    /// At the end of the list, past its `]`.
    Close,
}

/// The list of letters, `[...]`, in runs on several threads when it is big.
pub(super) fn letters(c: &mut Cursor<'_>) -> Option<Vec<Arc<Letter>>> {
    c.expect(b'[')?;
    let start = c.at;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let runs = threads.min((c.bytes.len() - start) / MIN_RUN_BYTES);
    if runs > 1 {
        let cuts = cuts(c.bytes, start, runs);
        if cuts.len() > 1 {
            if let Some(letters) = in_runs(c, &cuts) {
                return Some(letters);
            }
            c.at = start;
        }
    }
    match run(c, usize::MAX, &AtomicBool::new(false))? {
        (letters, End::Close) => Some(letters),
        (_, End::Cut) => None,
    }
}

/// Where each run starts: the first at `start`, the others at the first
/// line starting with `Letter(` after each equal share of the text.
fn cuts(bytes: &[u8], start: usize, runs: usize) -> Vec<usize> {
    let finder = memmem::Finder::new(b"Letter(");
    let share = (bytes.len() - start) / runs;
    let mut cuts = vec![start];
    for n in 1..runs {
        let mut from = (start + n * share).max(cuts[n - 1] + 1);
        loop {
            let Some(found) = finder.find(&bytes[from..]) else {
                return cuts;
            };
            let at = from + found;
            if starts_line(bytes, at) {
                cuts.push(at);
                break;
            }
            from = at + 1;
        }
    }
    cuts
}

/// Whether only spaces and tabs come between the line's start and `at`.
fn starts_line(bytes: &[u8], at: usize) -> bool {
    let before = &bytes[..at];
    let indent = (before.iter().rev())
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    before.len() > indent && before[before.len() - indent - 1] == b'\n'
}

/// The runs starting at `cuts`, read at once; `None` unless they meet.
fn in_runs(c: &mut Cursor<'_>, cuts: &[usize]) -> Option<Vec<Arc<Letter>>> {
    let give_up = AtomicBool::new(false);
    let (text, implicit_some, explicit_names) = (c.text, c.implicit_some, c.explicit_names);
    let (first, rest) = std::thread::scope(|scope| {
        let give_up = &give_up;
        let workers: Vec<_> = (1..cuts.len())
            .map(|k| {
                let (from, stop) = (cuts[k], cuts.get(k + 1).copied().unwrap_or(usize::MAX));
                scope.spawn(move || {
                    let mut c = Cursor::new(text);
                    (c.at, c.implicit_some, c.explicit_names) =
                        (from, implicit_some, explicit_names);
                    let letters = run(&mut c, stop, give_up);
                    letters.map(|(letters, end)| (letters, end, c.at))
                })
            })
            .collect();
        let first = run(c, cuts[1], give_up);
        let rest: Vec<_> = (workers.into_iter())
            .map(|worker| worker.join().ok().flatten())
            .collect();
        (first, rest)
    });
    let (mut letters, End::Cut) = first? else {
        return None;
    };
    let rest = rest.into_iter().collect::<Option<Vec<_>>>()?;
    let (last, middle) = rest.split_last()?;
    if middle.iter().any(|(_, end, _)| *end != End::Cut) || last.1 != End::Close {
        return None;
    }
    c.at = last.2;
    // The first run grows in place (a big block is remapped, not copied).
    letters.reserve_exact(rest.iter().map(|(run, ..)| run.len()).sum());
    for (run, ..) in rest {
        letters.extend(run);
    }
    Some(letters)
}

/// Letters from the cursor, which is right after `[` or after a comma, up
/// to the closing `]` or to `stop` between two letters; `None` at anything
/// else (then the other runs are told to give up), or when another run
/// gave up.
fn run(c: &mut Cursor<'_>, stop: usize, give_up: &AtomicBool) -> Option<(Vec<Arc<Letter>>, End)> {
    let letters = run_to(c, stop, give_up);
    if letters.is_none() {
        give_up.store(true, Ordering::Relaxed);
    }
    letters
}

fn run_to(
    c: &mut Cursor<'_>,
    stop: usize,
    give_up: &AtomicBool,
) -> Option<(Vec<Arc<Letter>>, End)> {
    let mut letters = Vec::new();
    let mut had_comma = true;
    let mut counted = c.at;
    let end = loop {
        c.ws()?;
        if c.eat(b']') {
            break End::Close;
        }
        if !had_comma || c.at > stop {
            return None;
        }
        if c.at == stop {
            break End::Cut;
        }
        letters.push(Arc::new(letter(c)?));
        had_comma = c.comma()?;
        if letters.len() % PROGRESS_EVERY == 0 {
            if give_up.load(Ordering::Relaxed) {
                return None;
            }
            PARSED.fetch_add(c.at - counted, Ordering::Relaxed);
            counted = c.at;
        }
    };
    PARSED.fetch_add(c.at - counted, Ordering::Relaxed);
    Some((letters, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Docket};

    #[test]
    fn a_big_list_is_read_in_runs_that_meet_or_not_at_all() {
        let mut docket = Docket::new();
        for i in 0..3_000 {
            let mut letter = Letter::new("baltimore", Date::MIN);
            letter.id = format!("baltimore-{i:05}");
            letter.summary = "x".repeat(i % 500);
            docket.letters.push(Arc::new(letter));
        }
        let text = crate::store::to_ron(&docket);
        let open = text.find("letters: [").unwrap() + "letters: [".len();
        let mut c = Cursor::new(&text);
        c.at = open;
        let cuts = cuts(c.bytes, open, 3);
        assert_eq!(cuts.len(), 3);
        let letters = in_runs(&mut c, &cuts).expect("the runs meet");
        assert_eq!(letters, docket.letters);
        assert!(text[c.at..].starts_with(",\n    retired_ids") || text[c.at..].starts_with(",\n)"));
        // A cut inside a letter: the run before it passes it, the run
        // after it starts inside a letter.
        c.at = open;
        assert_eq!(in_runs(&mut c, &[cuts[0], cuts[1] + 10, cuts[2]]), None);
    }

    #[test]
    fn runs_are_cut_at_lines_that_start_a_letter() {
        let text = b"[\n  Letter(a),\n x Letter(b), \"\n\tLetter(\"\n  Letter(c)]";
        assert_eq!(cuts(text, 1, 2), [1, 32], "a cut may fall in a string");
        assert_eq!(cuts(text, 1, 4).len(), 3);
        assert!(starts_line(text, 4));
        assert!(!starts_line(text, 18));
    }
}
