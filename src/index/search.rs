//! The filter's text search over every letter, fast enough for a keystroke
//! at 100,000 letters.
//!
//! The letters' searchable fields are lower-cased once, into one block of
//! text, so each keystroke is one substring search over it (memchr's, with
//! SIMD). Results are kept per filter text: typing one more character
//! searches only the letters the shorter text matched, and a backspace finds
//! its answer kept.

use std::collections::HashMap;
use std::sync::Arc;
use std::thread::JoinHandle;

use memchr::memmem::Finder;

use crate::model::{Docket, Letter};

/// Between fields, so that a match never spans two of them.
const SEPARATOR: char = '\0';
/// How many filter texts' results are kept.
const KEPT: usize = 16;

/// The lower-cased text of every letter and the results of recent searches.
#[derive(Debug, Default)]
pub(super) struct Search {
    folded: Option<Folded>,
    /// The lower-cased text being made in the background.
    making: Option<JoinHandle<Folded>>,
    /// The lower-cased text of letters changed since `folded` was begun.
    changed: HashMap<usize, String>,
    kept: Vec<(String, Arc<[bool]>)>,
}

/// Above this much text, a search runs on two threads.
const PARALLEL_BYTES: usize = 8 << 20;
/// Below this many letters the text is lower-cased when first needed: it
/// takes less than a frame.
const MAKE_AHEAD_LETTERS: usize = 5_000;

#[derive(Debug)]
struct Folded {
    text: String,
    /// Where each letter's text starts in `text`; one more entry than letters.
    starts: Vec<usize>,
}

impl Search {
    /// Starts lower-casing a big docket's text in the background, for the
    /// filter about to be typed.
    pub fn prepare(&mut self, docket: Arc<Docket>) {
        if self.folded.is_some()
            || self.making.is_some()
            || docket.letters.len() < MAKE_AHEAD_LETTERS
        {
            return;
        }
        let job = move || Folded::new(&docket);
        self.making = std::thread::Builder::new()
            .name("docket-search".into())
            .spawn(job)
            .ok();
    }

    /// Waits for the text being lower-cased in the background.
    fn finish(&mut self) {
        if let Some(making) = self.making.take() {
            self.folded = making.join().ok();
        }
    }

    /// Which letters mention `needle` (already trimmed and lower-case, not
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
    fn new(docket: &Docket) -> Self {
        let size: usize = docket.letters.iter().map(|l| text_len(l) + 16).sum();
        let mut text = String::with_capacity(size);
        let mut starts = Vec::with_capacity(docket.letters.len() + 1);
        for letter in &docket.letters {
            starts.push(text.len());
            fold_letter(&mut text, letter);
        }
        starts.push(text.len());
        Folded { text, starts }
    }

    fn letter(&self, i: usize) -> &[u8] {
        &self.text.as_bytes()[self.starts[i]..self.starts[i + 1]]
    }

    /// Marks the letters from `first` on (as many as `found` holds) whose
    /// text holds what `finder` looks for: one pass over their text, on to
    /// the next letter after a match.
    fn scan(&self, finder: &Finder, first: usize, found: &mut [bool]) {
        let starts = &self.starts[first..=first + found.len()];
        let text = &self.text.as_bytes()[..starts[found.len()]];
        let mut at = starts[0];
        while let Some(hit) = finder.find(&text[at..]) {
            let i = starts.partition_point(|&start| start <= at + hit) - 1;
            found[i] = true;
            at = starts[i + 1];
        }
    }

    /// Which letters' text holds what `finder` looks for: among
    /// `candidates` only, if given; the letters in `changed` by their new text.
    fn search(
        &self,
        finder: &Finder,
        candidates: Option<&[bool]>,
        changed: &HashMap<usize, String>,
    ) -> Arc<[bool]> {
        let letters = self.starts.len() - 1;
        let mark = |first: usize, found: &mut [bool]| match candidates {
            Some(candidates) => {
                for (i, found) in (first..).zip(found) {
                    *found = candidates[i] && finder.find(self.letter(i)).is_some();
                }
            }
            None => self.scan(finder, first, found),
        };
        let mut found = vec![false; letters];
        if self.text.len() < PARALLEL_BYTES {
            mark(0, &mut found);
        } else {
            // Two halves of the letters on two threads.
            let (first, second) = found.split_at_mut(letters / 2);
            std::thread::scope(|scope| {
                scope.spawn(|| mark(letters / 2, second));
                mark(0, first);
            });
        }
        for (&i, text) in changed {
            found[i] = candidates.is_none_or(|c| c[i]) && finder.find(text.as_bytes()).is_some();
        }
        found.into()
    }
}

/// Appends the letter's searchable fields in lower case, each ended by [`SEPARATOR`].
fn fold_letter(out: &mut String, letter: &Letter) {
    for field in fields(letter) {
        fold_into(out, field);
        out.push(SEPARATOR);
    }
}

/// The fields `Letter::mentions` searches.
fn fields(letter: &Letter) -> impl Iterator<Item = &String> {
    [
        &letter.subject,
        &letter.from,
        &letter.to,
        &letter.summary,
        &letter.id,
    ]
    .into_iter()
    .chain(letter.program.as_ref())
    .chain(letter.source.as_ref())
    .chain(letter.demands.iter())
    .chain(letter.tags.iter())
}

fn text_len(letter: &Letter) -> usize {
    fields(letter).map(|f| f.len() + 1).sum()
}

/// Appends `field` in lower case, as `str::to_lowercase` writes it.
fn fold_into(out: &mut String, field: &str) {
    if field.is_ascii() {
        let start = out.len();
        out.push_str(field);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&field.to_lowercase());
    }
}
