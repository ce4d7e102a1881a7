//! Letters sent together: one change adds a letter for each city, in one
//! matter, with a new matter id made from the subject and the date.

use super::plan::{MATTER_SLUG, Planned, is_slug, plan_add_letter};
use super::{Invalid, Put, Records, invalid};
use crate::model::{City, Date, Letter, Settings};

/// See [`Docket::new_matter_id`].
pub(super) fn new_matter_id(records: &impl Records, subject: &str, sent: Date) -> String {
    const MAX_WORDS: usize = 4;
    let slug = crate::model::text::slug(subject);
    let words: Vec<&str> = slug
        .split('-')
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .collect();
    let head = if words.is_empty() {
        "matter".to_owned()
    } else {
        words.join("-")
    };
    let base = format!("{head}-{sent}");
    if !records.has_matter(&base) {
        return base;
    }
    let mut n = 2;
    loop {
        let id = format!("{base}-{n}");
        if !records.has_matter(&id) {
            return id;
        }
        n += 1;
    }
}

/// The records with the letters of a change planned so far, so that the
/// next letter of the same change is checked against them too.
struct Adding<'a, R> {
    records: &'a R,
    added: Vec<Letter>,
}

impl<R: Records> Records for Adding<'_, R> {
    fn city(&self, id: &str) -> Option<&City> {
        self.records.city(id)
    }

    fn letter(&self, id: &str) -> Option<&Letter> {
        (self.added.iter().find(|l| l.id == id)).or_else(|| self.records.letter(id))
    }

    fn is_retired(&self, id: &str) -> bool {
        self.records.is_retired(id)
    }

    fn letters_of(&self, city: &str) -> Vec<&Letter> {
        let mut letters = self.records.letters_of(city);
        letters.extend(self.added.iter().filter(|l| l.city == city));
        letters
    }

    fn letters_with_rules(&self) -> Vec<&Letter> {
        let mut letters = self.records.letters_with_rules();
        letters.extend(self.added.iter().filter(|l| l.due_rule.is_some()));
        letters
    }

    fn settings(&self) -> &Settings {
        self.records.settings()
    }

    fn has_matter(&self, matter: &str) -> bool {
        self.records.has_matter(matter)
            || (self.added.iter()).any(|l| l.matter.as_deref() == Some(matter))
    }
}

/// Letters sent together: one a city, each checked as one letter is, all in
/// the letters' matter (the first one given), else a new one.
pub(super) fn plan_add_letters(
    r: &impl Records,
    mut letters: Vec<Letter>,
) -> Result<Planned, Invalid> {
    let Some(first) = letters.first() else {
        return Err(invalid("city", "at least one city is required"));
    };
    let matter = match letters.iter().find_map(|l| l.matter.clone()) {
        Some(matter) if matter.is_empty() || !is_slug(&matter) => {
            return Err(invalid("matter", MATTER_SLUG));
        }
        Some(matter) => matter,
        None => new_matter_id(r, &first.subject, first.sent),
    };
    for (at, letter) in letters.iter().enumerate() {
        if letters[..at].iter().any(|l| l.city == letter.city) {
            return Err(invalid(
                "city",
                format!("city {:?} is given twice", letter.city),
            ));
        }
    }
    let mut adding = Adding {
        records: r,
        added: Vec::with_capacity(letters.len()),
    };
    let mut puts = Vec::with_capacity(letters.len());
    for mut letter in letters.drain(..) {
        letter.matter = Some(matter.clone());
        let (_, _, planned) = plan_add_letter(&adding, letter)?;
        for put in planned {
            if let Put::Letter(_, Some(letter)) = &put {
                adding.added.push((**letter).clone());
            }
            puts.push(put);
        }
    }
    let id = adding
        .added
        .first()
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let description = format!(
        "{} of matter {matter}",
        crate::model::text::count(adding.added.len() as i64, "letter")
    );
    Ok((description, id, puts))
}
