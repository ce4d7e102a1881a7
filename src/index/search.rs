//! The filter's text search over every letter, fast enough for a keystroke
//! at 100,000 letters.
//!
//! Every text of every letter (`Letter::texts`) is folded once (lower case,
//! no accents: `model::text::fold`), into one block of text, so each
//! keystroke is one substring search over it (memchr's, with
//! SIMD). The first keystroke, one ASCII character, is answered from the
//! set of bytes each letter's text holds, made with the text. Results are
//! kept per filter text: typing one more character searches only the
//! letters the shorter text matched, and a backspace finds its answer kept.

use std::collections::HashMap;
use std::sync::Arc;
use std::thread::JoinHandle;

use memchr::memmem::Finder;

use crate::model::text::fold_into;
use crate::model::{Docket, Letter};

/// Between fields, so that a match never spans two of them.
const SEPARATOR: char = '\0';
/// How many filter texts' results are kept.
const KEPT: usize = 16;

/// The folded text of every letter and the results of recent searches.
#[derive(Debug, Default)]
pub(super) struct Search {
    folded: Option<Folded>,
    /// The folded text being made in the background.
    making: Option<JoinHandle<Folded>>,
    /// The folded text of letters changed since `folded` was begun.
    changed: HashMap<usize, String>,
    kept: Vec<(String, Arc<[bool]>)>,
}

/// Above this much text, a search runs on two threads.
const PARALLEL_BYTES: usize = 8 << 20;
/// Below this many letters the text is folded when first needed: it
/// takes less than a frame.
const MAKE_AHEAD_LETTERS: usize = 5_000;
/// From this many letters on, the text is folded on two threads.
const PARALLEL_LETTERS: usize = 20_000;

/// Every letter's folded text, in consecutive parts of the letters.
#[derive(Debug)]
struct Folded {
    parts: Vec<Part>,
}

/// The folded text of consecutive letters.
#[derive(Debug)]
struct Part {
    /// The index of the part's first letter in `Docket::letters`.
    first: usize,
    text: String,
    /// Where each letter's text starts in `text`; one more entry than letters.
    starts: Vec<usize>,
    /// Which bytes each letter's text holds: a filter of one byte (one
    /// ASCII character: a filter's first keystroke) is answered from
    /// these, not from the text.
    bytes: Vec<ByteSet>,
}

/// A set of bytes: byte `b` is bit `b % 64` of word `b / 64`.
type ByteSet = [u64; 4];

fn holds(set: &ByteSet, byte: u8) -> bool {
    set[usize::from(byte >> 6)] & (1 << (byte & 63)) != 0
}

impl Search {
    /// Starts folding a big docket's text in the background, for the
    /// filter about to be typed.
    pub fn prepare(&mut self, docket: Arc<Docket>) {
        if self.folded.is_some()
            || self.making.is_some()
            || docket.letters.len() < MAKE_AHEAD_LETTERS
        {
            return;
        }
        let job = move || Folded::new(&docket);
        self.making = crate::background::spawn("docket-search", job).ok();
    }

    /// Waits for the text being folded in the background.
    fn finish(&mut self) {
        if let Some(making) = self.making.take() {
            self.folded = making.join().ok();
        }
    }

    /// Which letters mention `needle` (already trimmed and folded, not
    /// empty), as `Letter::mentions` decides.
    pub fn matches(&mut self, docket: &Docket, needle: &str) -> Arc<[bool]> {
        if let Some(at) = self.kept.iter().position(|(kept, _)| kept == needle) {
            let found = self.kept.remove(at);
            self.kept.push(found.clone());
            return found.1;
        }
        // Every letter that mentions `needle` mentions any part of it.
        let narrower = (self.kept.iter())
            .filter(|(kept, _)| needle.contains(kept.as_str()))
            .max_by_key(|(kept, _)| kept.len())
            .map(|(_, found)| Arc::clone(found));
        let found: Arc<[bool]> = if needle.contains(SEPARATOR) {
            let candidates = |i: usize| narrower.as_ref().is_none_or(|found| found[i]);
            (docket.letters.iter().enumerate())
                .map(|(i, letter)| candidates(i) && letter.mentions(needle))
                .collect()
        } else {
            self.finish();
            let folded = self.folded.get_or_insert_with(|| Folded::new(docket));
            folded.search(&Finder::new(needle), narrower.as_deref(), &self.changed)
        };
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        self.kept.push((needle.to_owned(), Arc::clone(&found)));
        found
    }
}

impl Search {
    /// Letter `i` was replaced by another with the same id: searches its
    /// new text from now on, and takes it into the results kept.
    pub fn replace(&mut self, letter: &Letter, i: usize) {
        let mut text = String::new();
        fold_letter(&mut text, letter);
        for (needle, found) in &mut self.kept {
            Arc::make_mut(found)[i] = if needle.contains(SEPARATOR) {
                letter.mentions(needle)
            } else {
                text.contains(needle.as_str())
            };
        }
        self.changed.insert(i, text);
    }
}

impl Folded {
    /// Folds the letters' text: in two parts, on two threads, for a big docket.
    fn new(docket: &Docket) -> Self {
        let letters = &docket.letters[..];
        let half = letters.len() / 2;
        if letters.len() < PARALLEL_LETTERS {
            return Folded {
                parts: vec![Part::new(letters, 0)],
            };
        }
        let (first, second) = letters.split_at(half);
        let parts = std::thread::scope(|scope| {
            let making = std::thread::Builder::new()
                .name("docket-search".into())
                .spawn_scoped(scope, || Part::new(second, half));
            let first = Part::new(first, 0);
            // Had the thread failed, the part is made here.
            let second = (making.ok().and_then(|making| making.join().ok()))
                .unwrap_or_else(|| Part::new(second, half));
            vec![first, second]
        });
        Folded { parts }
    }

    /// Which letters' text holds what `finder` looks for: among
    /// `candidates` only, if given; the letters in `changed` by their new text.
    fn search(
        &self,
        finder: &Finder,
        candidates: Option<&[bool]>,
        changed: &HashMap<usize, String>,
    ) -> Arc<[bool]> {
        let letters: usize = self.parts.iter().map(Part::len).sum();
        let bytes: usize = self.parts.iter().map(|part| part.text.len()).sum();
        let mut found = vec![false; letters];
        let mut work = Vec::with_capacity(self.parts.len());
        let mut rest = &mut found[..];
        for part in &self.parts {
            let (found, after) = rest.split_at_mut(part.len());
            work.push((part, found));
            rest = after;
        }
        if bytes < PARALLEL_BYTES {
            for (part, found) in work {
                part.mark(finder, candidates, found);
            }
        } else {
            // Each part on a thread of its own, the last on this one.
            std::thread::scope(|scope| {
                let last = work.pop();
                for (part, found) in work {
                    scope.spawn(|| part.mark(finder, candidates, found));
                }
                if let Some((part, found)) = last {
                    part.mark(finder, candidates, found);
                }
            });
        }
        for (&i, text) in changed {
            found[i] = candidates.is_none_or(|c| c[i]) && finder.find(text.as_bytes()).is_some();
        }
        found.into()
    }
}

impl Part {
    fn new(letters: &[Arc<Letter>], first: usize) -> Self {
        // Room for the text of letters like the first few; more is taken
        // if needed, and room never written takes no memory.
        let sample = &letters[..letters.len().min(64)];
        let sampled: usize = sample.iter().map(|l| text_len(l)).sum();
        let size = sampled * letters.len() / sample.len().max(1) * 5 / 4 + 4096;
        let mut text = String::with_capacity(size);
        let mut starts = Vec::with_capacity(letters.len() + 1);
        let mut bytes = Vec::with_capacity(letters.len());
        for letter in letters {
            let start = text.len();
            starts.push(start);
            push_letter(&mut text, letter);
            // The ASCII left in upper case, lowered while in the cache.
            text[start..].make_ascii_lowercase();
            let mut seen = [false; 256];
            for &byte in &text.as_bytes()[start..] {
                seen[usize::from(byte)] = true;
            }
            let mut set = ByteSet::default();
            for (byte, _) in seen.iter().enumerate().filter(|(_, seen)| **seen) {
                set[byte >> 6] |= 1 << (byte & 63);
            }
            bytes.push(set);
        }
        starts.push(text.len());
        Part {
            first,
            text,
            starts,
            bytes,
        }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// The text of letter `i` of the part.
    fn letter(&self, i: usize) -> &[u8] {
        &self.text.as_bytes()[self.starts[i]..self.starts[i + 1]]
    }

    /// Marks the part's letters (`found` holds one for each) whose text
    /// holds what `finder` looks for: among `candidates` only (indexed by
    /// `Docket::letters`), if given.
    fn mark(&self, finder: &Finder, candidates: Option<&[bool]>, found: &mut [bool]) {
        if let &[byte] = finder.needle() {
            let candidate = |i: usize| candidates.is_none_or(|c| c[self.first + i]);
            for (i, (found, set)) in found.iter_mut().zip(&self.bytes).enumerate() {
                *found = candidate(i) && holds(set, byte);
            }
            return;
        }
        match candidates {
            Some(candidates) => {
                for (i, found) in found.iter_mut().enumerate() {
                    *found = candidates[self.first + i] && finder.find(self.letter(i)).is_some();
                }
            }
            None => self.scan(finder, found),
        }
    }

    /// Marks the part's letters whose text holds what `finder` looks for:
    /// one pass over the text, on to the next letter after a match.
    fn scan(&self, finder: &Finder, found: &mut [bool]) {
        let (starts, text) = (&self.starts, self.text.as_bytes());
        let mut at = 0;
        while let Some(hit) = finder.find(&text[at..]) {
            let i = starts.partition_point(|&start| start <= at + hit) - 1;
            found[i] = true;
            at = starts[i + 1];
        }
    }
}

/// Appends the letter's texts folded, each ended by [`SEPARATOR`], but for
/// ASCII letters, which may be left in upper case.
fn push_letter(out: &mut String, letter: &Letter) {
    for text in letter.texts() {
        if text.is_ascii() {
            out.push_str(text);
        } else {
            fold_into(out, text);
        }
        out.push(SEPARATOR);
    }
}

/// Appends the letter's texts folded, each ended by [`SEPARATOR`].
fn fold_letter(out: &mut String, letter: &Letter) {
    let start = out.len();
    push_letter(out, letter);
    out[start..].make_ascii_lowercase();
}

fn text_len(letter: &Letter) -> usize {
    letter.texts().map(|text| text.len() + 1).sum()
}
