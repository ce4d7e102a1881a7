//! The edits of the anchors' run: one person's edit of the base, what it
//! writes, and whether two edits can both be kept.

use docket::model::{
    Change, Closing, Date, Docket, Extension, Letter, LogEntry, Put, Reply, ReplyKind, add_days,
};

use crate::synth::Rng;

/// One person's edit, made from the base (its ids and values chosen there).
#[derive(Debug, Clone)]
pub enum Edit {
    AddReply(String, Reply),
    Subject(String, String),
    Owner(String, String),
    Summary(String, String),
    AddExtension(String, Extension),
    AddTag(String, String),
    ReplySummary(String, String, String),
    Close(String, Closing),
    RemoveLetter(String),
    AddLetter(Box<Letter>),
    CityNotes(String, String),
}

impl Edit {
    fn kind(&self) -> &'static str {
        match self {
            Edit::AddReply(..) => "add a reply",
            Edit::Subject(..) => "change a subject",
            Edit::Owner(..) => "change an owner",
            Edit::Summary(..) => "change a summary",
            Edit::AddExtension(..) => "add an extension",
            Edit::AddTag(..) => "add a tag",
            Edit::ReplySummary(..) => "change a reply's summary",
            Edit::Close(..) => "close a letter",
            Edit::RemoveLetter(..) => "delete a letter",
            Edit::AddLetter(..) => "add a letter",
            Edit::CityNotes(..) => "change a city's notes",
        }
    }

    /// What the edit writes, as (record, field): `+` adds to the record,
    /// `*` replaces it whole (a deletion).
    pub fn writes(&self) -> Vec<(String, String)> {
        let w = |record: String, field: &str| (record, field.to_owned());
        match self {
            Edit::AddReply(l, _)
            | Edit::AddExtension(l, _)
            | Edit::Close(l, _)
            | Edit::AddTag(l, _) => {
                vec![w(format!("letter {l}"), "+")]
            }
            Edit::Subject(l, _) => vec![w(format!("letter {l}"), "subject")],
            Edit::Owner(l, _) => vec![w(format!("letter {l}"), "owner")],
            Edit::Summary(l, _) => vec![w(format!("letter {l}"), "summary")],
            Edit::ReplySummary(l, r, _) => vec![
                w(format!("letter {l}"), "+"),
                w(format!("reply {l} {r}"), "summary"),
            ],
            Edit::RemoveLetter(l) => vec![w(format!("letter {l}"), "*")],
            Edit::AddLetter(_) => vec![],
            Edit::CityNotes(c, _) => vec![w(format!("city {c}"), "notes")],
        }
    }

    /// Makes the edit on `docket` as `by` would with docket: the change,
    /// then its line in the record's log (`Change(at, by, what)`).
    pub fn apply(&self, docket: &mut Docket, by: &str, n: u64) -> Result<(), String> {
        self.change(docket)?;
        let entry = LogEntry {
            at: "2026-12-01T09:00:00"
                .parse::<chrono::NaiveDateTime>()
                .unwrap()
                + chrono::Duration::seconds(n as i64),
            by: by.to_owned(),
            what: self.kind().to_owned(),
        };
        match self.writes().first() {
            Some((record, _)) if record.starts_with("city ") => {
                let id = &record["city ".len()..];
                let city = docket
                    .cities
                    .iter_mut()
                    .find(|c| c.id == id)
                    .ok_or("no city")?;
                city.log.push(entry);
            }
            Some((record, field)) if field != "*" => {
                let id = &record[record.find(' ').unwrap_or(0) + 1..];
                let id = id.split(' ').next().unwrap_or(id);
                let at = (docket.letters.iter().position(|l| l.id == id)).ok_or("no letter")?;
                docket.letter_mut(at).log.push(entry);
            }
            _ => {}
        }
        Ok(())
    }

    /// Makes the change on `docket` (the base, or ours for the expected
    /// result); `Err` when its record is gone.
    fn change(&self, docket: &mut Docket) -> Result<(), String> {
        let at = |docket: &Docket, id: &str| {
            (docket.letters.iter().position(|l| l.id == id))
                .ok_or_else(|| format!("no letter {id}"))
        };
        match self {
            Edit::AddReply(l, reply) => {
                docket
                    .apply(Change::AddReply(l.clone(), reply.clone()))
                    .map_err(|e| e.message)?;
            }
            Edit::Subject(l, text) => docket.letter_mut(at(docket, l)?).subject.clone_from(text),
            Edit::Owner(l, name) => docket.letter_mut(at(docket, l)?).owner = Some(name.clone()),
            Edit::Summary(l, text) => docket.letter_mut(at(docket, l)?).summary.clone_from(text),
            Edit::AddExtension(l, extension) => {
                let letter = docket.letter_mut(at(docket, l)?);
                let id = letter.next_entry_id('x');
                letter.extensions.push(Extension {
                    id,
                    ..extension.clone()
                });
            }
            Edit::AddTag(l, tag) => {
                let letter = docket.letter_mut(at(docket, l)?);
                if !letter.tags.contains(tag) {
                    letter.tags.push(tag.clone());
                }
            }
            Edit::ReplySummary(l, r, text) => {
                let letter = docket.letter_mut(at(docket, l)?);
                let reply = (letter.replies.iter_mut().find(|x| x.id == *r)).ok_or("no reply")?;
                reply.summary.clone_from(text);
            }
            Edit::Close(l, closing) => {
                let letter = docket.letter_mut(at(docket, l)?);
                let id = letter.next_entry_id('c');
                letter.closings.push(Closing {
                    id,
                    ..closing.clone()
                });
            }
            Edit::RemoveLetter(l) => {
                at(docket, l)?;
                docket.put(vec![Put::Letter(l.clone(), None)]);
            }
            Edit::AddLetter(letter) => {
                docket
                    .apply(Change::AddLetter(Letter::clone(letter)))
                    .map_err(|e| e.message)?;
            }
            Edit::CityNotes(c, text) => {
                let city = (docket.cities.iter_mut().find(|x| x.id == *c)).ok_or("no city")?;
                city.notes.clone_from(text);
            }
        }
        Ok(())
    }
}

fn day(date: Date, days: u64) -> Date {
    add_days(date, days as i64).unwrap()
}

/// How many kinds of edit [`random_edit`] makes.
pub const KINDS: u64 = 11;

/// An edit of `base` of this kind (`0..KINDS`), to `letter` when it needs one.
pub fn random_edit(base: &Docket, letter: &Letter, kind: u64, rng: &mut Rng, n: u64) -> Edit {
    let l = letter.id.clone();
    let text = |what: &str| format!("{what} {n}");
    match kind {
        0 => Edit::AddReply(
            l,
            Reply {
                id: String::new(),
                on: day(letter.sent, 1 + rng.below(20)),
                from: text("Office of the mayor"),
                kind: *rng.pick(&ReplyKind::ALL),
                summary: text("An answer"),
                source: None,
            },
        ),
        1 => Edit::Subject(l, text("A new subject")),
        2 => Edit::Owner(l, text("owner")),
        3 => Edit::Summary(l, text("A new summary")),
        4 => {
            let due = letter.effective_due(Date::MAX).unwrap_or(letter.sent);
            Edit::AddExtension(
                l,
                Extension {
                    id: String::new(),
                    granted_on: day(letter.sent, 1),
                    new_due: day(due, 1 + rng.below(30)),
                    note: text("Granted"),
                },
            )
        }
        5 => Edit::AddTag(l, text("tag")),
        6 if !letter.replies.is_empty() => {
            let reply = rng.pick(&letter.replies).id.clone();
            Edit::ReplySummary(l, reply, text("A corrected summary"))
        }
        7 => Edit::Close(
            l,
            Closing {
                id: String::new(),
                on: day(letter.sent, 30 + rng.below(30)),
                outcome: text("Settled"),
                reopened_on: None,
            },
        ),
        8 => Edit::RemoveLetter(l),
        9 => {
            let city = rng.pick(&base.cities).id.clone();
            let mut new = Letter::new(city, day("2026-01-05".parse().unwrap(), rng.below(20)));
            new.from = "Counsel".into();
            new.to = "Mayor".into();
            new.subject = text("A new letter");
            Edit::AddLetter(Box::new(new))
        }
        _ => Edit::CityNotes(rng.pick(&base.cities).id.clone(), text("Notes")),
    }
}

/// Whether two edits cannot both be kept: the same field, or a record
/// deleted on one side and touched on the other.
pub fn truly_conflict(ours: &Edit, theirs: &Edit) -> bool {
    let (a, b) = (ours.writes(), theirs.writes());
    a.iter().any(|(ra, fa)| {
        b.iter().any(|(rb, fb)| {
            // Deleting on both sides is one deletion.
            let both_delete = fa == "*" && fb == "*";
            ra == rb && !both_delete && ((fa == fb && fa != "+") || fa == "*" || fb == "*")
        })
    })
}
