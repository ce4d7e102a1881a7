//! The filter's text search over every letter, fast enough for a keystroke
//! at 100,000 letters.
//!
//! The letters' searchable fields are lower-cased once, into one block of
//! text, so each keystroke is a plain substring search (which the standard
//! library does with SIMD). Results are kept per filter text: typing one more
//! character searches only the letters the shorter text matched, and a
//! backspace finds its answer kept.

use std::sync::Arc;
use std::thread::JoinHandle;

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
    kept: Vec<(String, Arc<[bool]>)>,
}

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
        let candidates = |i: usize| narrower.as_ref().is_none_or(|found| found[i]);
        let found: Arc<[bool]> = if needle.contains(SEPARATOR) {
            (docket.letters.iter().enumerate())
                .map(|(i, letter)| candidates(i) && letter.mentions(needle))
                .collect()
        } else {
            if let Some(making) = self.making.take() {
                self.folded = making.join().ok();
            }
            let folded = self.folded.get_or_insert_with(|| Folded::new(docket));
            (0..docket.letters.len())
                .map(|i| candidates(i) && folded.letter(i).contains(needle))
                .collect()
        };
        if self.kept.len() == KEPT {
            self.kept.remove(0);
        }
        self.kept.push((needle.to_owned(), Arc::clone(&found)));
        found
    }
}

impl Folded {
    fn new(docket: &Docket) -> Self {
        let size: usize = docket.letters.iter().map(|l| text_len(l) + 16).sum();
        let mut text = String::with_capacity(size);
        let mut starts = Vec::with_capacity(docket.letters.len() + 1);
        for letter in &docket.letters {
            starts.push(text.len());
            for field in fields(letter) {
                fold_into(&mut text, field);
                text.push(SEPARATOR);
            }
        }
        starts.push(text.len());
        Folded { text, starts }
    }

    fn letter(&self, i: usize) -> &str {
        &self.text[self.starts[i]..self.starts[i + 1]]
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
