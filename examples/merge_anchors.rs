//! docket's merge against the anchors, over the same random edit pairs:
//! two people edit one generated docket apart, each making one edit, and
//! the two versions are merged by
//!
//! - `docket merge` (the library's `merge::merge`, written and read back
//!   through the data file's writer and parser, as the command does);
//! - `git merge-file`, git's default line merge, on the RON data file;
//! - `git merge-file` on the JSON export;
//! - `mergiraf`, a structural merge driver, on the JSON export, when it is
//!   on the PATH.
//!
//! ```sh
//! cargo run --example merge_anchors [-- --pairs 200 --letters 60 --seed 7]
//! ```
//!
//! Each pair is judged against what a careful person would make of it:
//! when the two edits touch different things, the right merge holds both
//! (the docket with ours applied, then theirs); when they change the same
//! field, or one deletes a letter the other edits, the right merge flags a
//! conflict. Prints a Markdown table.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark tool stops loudly where it breaks"
)]

#[path = "../benches/support/synth.rs"]
mod synth;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use docket::merge;
use docket::model::{
    Change, Closing, Date, Docket, Extension, Letter, LogEntry, Put, Reply, ReplyKind, add_days,
};
use docket::store;
use synth::Rng;

/// One person's edit, made from the base (its ids and values chosen there).
#[derive(Debug, Clone)]
enum Edit {
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
    fn writes(&self) -> Vec<(String, String)> {
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
    fn apply(&self, docket: &mut Docket, by: &str, n: u64) -> Result<(), String> {
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
const KINDS: u64 = 11;

/// An edit of `base` of this kind (`0..KINDS`), to `letter` when it needs one.
fn random_edit(base: &Docket, letter: &Letter, kind: u64, rng: &mut Rng, n: u64) -> Edit {
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
fn truly_conflict(ours: &Edit, theirs: &Edit) -> bool {
    let (a, b) = (ours.writes(), theirs.writes());
    a.iter().any(|(ra, fa)| {
        b.iter().any(|(rb, fb)| {
            // Deleting on both sides is one deletion.
            let both_delete = fa == "*" && fb == "*";
            ra == rb && !both_delete && ((fa == fb && fa != "+") || fa == "*" || fb == "*")
        })
    })
}

/// How a tool did on one pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Merged without conflict, and the result is the right one.
    Right,
    /// Flagged a conflict where there was one.
    Flagged,
    /// Flagged a conflict where both edits could be kept.
    NeedlessConflict,
    /// Merged without a word, but lost or mangled an edit (or merged a
    /// real conflict silently).
    SilentlyWrong,
    /// Merged into a file that does not load.
    Broken,
}

/// A docket compared by content: records in id order, entries by date.
fn normal(docket: &Docket) -> Docket {
    let mut docket = docket.clone();
    docket.normalize();
    for letter in &mut docket.letters {
        Arc::make_mut(letter).closings.sort_by_key(|c| c.on);
    }
    docket
}

/// Judges a merge's outcome: `clean` (no conflict said), and the docket
/// it made, if it made one that loads.
fn judge(conflict: bool, expected: Option<&Docket>, clean: bool, made: Option<Docket>) -> Verdict {
    match (clean, made) {
        (_, None) => Verdict::Broken,
        (false, Some(_)) if conflict => Verdict::Flagged,
        (false, Some(_)) => Verdict::NeedlessConflict,
        (true, Some(_)) if conflict => Verdict::SilentlyWrong,
        (true, Some(made)) => {
            if expected.is_some_and(|e| normal(e) == normal(&made)) {
                Verdict::Right
            } else {
                Verdict::SilentlyWrong
            }
        }
    }
}

/// A docket read from RON text, if it loads (parses and breaks no rule).
fn from_ron(text: &str) -> Option<Docket> {
    store::parse(text).ok().filter(|d| d.problems().is_empty())
}

/// A docket read from the JSON export, if it loads.
fn from_json(text: &str) -> Option<Docket> {
    (serde_json::from_str::<Docket>(text).ok())
        .map(Docket::migrated)
        .filter(|d| d.problems().is_empty())
}

/// `git merge-file` on three texts: clean, and the merged text.
fn git_merge_file(dir: &Path, ext: &str, [base, ours, theirs]: [&str; 3]) -> (bool, String) {
    let paths = ["base", "ours", "theirs"].map(|n| dir.join(format!("{n}.{ext}")));
    for (path, text) in paths.iter().zip([base, ours, theirs]) {
        std::fs::write(path, text).unwrap();
    }
    let out = Command::new("git")
        .args(["merge-file", "-p"])
        .args([&paths[1], &paths[0], &paths[2]])
        .output()
        .expect("git runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// `mergiraf merge` on three JSON texts: clean, and the merged text.
fn mergiraf(dir: &Path, [base, ours, theirs]: [&str; 3]) -> (bool, String) {
    let paths = ["base", "ours", "theirs"].map(|n| dir.join(format!("m-{n}.json")));
    for (path, text) in paths.iter().zip([base, ours, theirs]) {
        std::fs::write(path, text).unwrap();
    }
    let out = Command::new("mergiraf")
        .arg("merge")
        .args([&paths[0], &paths[1], &paths[2]])
        .output()
        .expect("mergiraf runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const TOOLS: [&str; 4] = [
    "`docket merge`",
    "`git merge-file` on the RON file",
    "`git merge-file` on the JSON export",
    "`mergiraf` on the JSON export",
];

fn args() -> (usize, usize, u64) {
    let args: Vec<String> = std::env::args().collect();
    let get = |name: &str, default: u64| {
        (args.iter().position(|a| a == name))
            .and_then(|at| args.get(at + 1)?.parse().ok())
            .unwrap_or(default)
    };
    (
        get("--pairs", 200) as usize,
        get("--letters", 60) as usize,
        get("--seed", 7),
    )
}

fn main() {
    let (pairs, letters, seed) = args();
    let base = synth::docket(letters, 12, seed);
    let mut rng = Rng::new(seed + 1);
    let dir = tempfile::TempDir::new().unwrap();
    let has_mergiraf = Command::new("mergiraf").arg("--version").output().is_ok();
    let mut verdicts: Vec<[Option<Verdict>; 4]> = Vec::new();
    let (mut true_conflicts, mut same_letter) = (0, 0);
    let mut n = 0;
    while verdicts.len() < pairs {
        n += 1;
        let first = rng.pick(&base.letters).clone();
        // A team works on the same few letters: a third of the pairs
        // edit the same letter.
        let second = if rng.chance(33) {
            first.clone()
        } else {
            rng.pick(&base.letters).clone()
        };
        // Two people on one letter often do the same kind of thing (both
        // set its owner, both record a reply).
        let ours_kind = rng.below(KINDS);
        let theirs_kind = if first.id == second.id && rng.chance(40) {
            ours_kind
        } else {
            rng.below(KINDS)
        };
        let ours_edit = random_edit(&base, &first, ours_kind, &mut rng, n);
        let theirs_edit = random_edit(&base, &second, theirs_kind, &mut rng, n + 1_000_000);
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        if ours_edit.apply(&mut ours, "alice", n).is_err()
            || theirs_edit.apply(&mut theirs, "bob", n + 1).is_err()
        {
            continue;
        }
        let conflict = truly_conflict(&ours_edit, &theirs_edit);
        let mut expected = ours.clone();
        let expected = (theirs_edit.apply(&mut expected, "bob", n + 1).is_ok()
            && expected.problems().is_empty())
        .then_some(expected);
        if !conflict && expected.is_none() {
            continue;
        }
        true_conflicts += usize::from(conflict);
        same_letter += usize::from(first.id == second.id);

        let merged = merge::merge(&base, &ours, &theirs);
        let docket = judge(
            conflict,
            expected.as_ref(),
            merged.is_clean(),
            from_ron(&store::to_ron(&merged.docket)),
        );

        if !matches!(docket, Verdict::Right | Verdict::Flagged) {
            eprintln!("docket merge: {docket:?} on {ours_edit:?} / {theirs_edit:?}");
        }

        let ron = [&base, &ours, &theirs].map(store::to_ron);
        let (clean, text) = git_merge_file(dir.path(), "ron", [&ron[0], &ron[1], &ron[2]]);
        let git_ron = judge(
            conflict,
            expected.as_ref(),
            clean,
            if clean {
                from_ron(&text)
            } else {
                Some(Docket::new())
            },
        );

        let json = [&base, &ours, &theirs].map(docket::export::json::to_json);
        let (clean, text) = git_merge_file(dir.path(), "json", [&json[0], &json[1], &json[2]]);
        let git_json = judge(
            conflict,
            expected.as_ref(),
            clean,
            if clean {
                from_json(&text)
            } else {
                Some(Docket::new())
            },
        );

        let structural = has_mergiraf.then(|| {
            let (clean, text) = mergiraf(dir.path(), [&json[0], &json[1], &json[2]]);
            judge(
                conflict,
                expected.as_ref(),
                clean,
                if clean {
                    from_json(&text)
                } else {
                    Some(Docket::new())
                },
            )
        });
        verdicts.push([Some(docket), Some(git_ron), Some(git_json), structural]);
    }
    report(
        &verdicts,
        pairs,
        letters,
        true_conflicts,
        same_letter,
        has_mergiraf,
    );
}

fn report(
    verdicts: &[[Option<Verdict>; 4]],
    pairs: usize,
    letters: usize,
    true_conflicts: usize,
    same_letter: usize,
    has_mergiraf: bool,
) {
    println!(
        "{pairs} edit pairs on a generated docket of {letters} letters ({same_letter} pairs edit the same letter; \
         {true_conflicts} are real conflicts, {} can be merged).\n",
        pairs - true_conflicts
    );
    println!(
        "| merged by | clean and right | real conflict flagged | needless conflict | silently wrong | file does not load |"
    );
    println!("|---|---|---|---|---|---|");
    for (at, tool) in TOOLS.iter().enumerate() {
        if at == 3 && !has_mergiraf {
            println!("| {tool} | not run: mergiraf is not installed here | | | | |");
            continue;
        }
        let count = |v: Verdict| verdicts.iter().filter(|row| row[at] == Some(v)).count();
        println!(
            "| {tool} | {} of {} | {} of {true_conflicts} | {} | {} | {} |",
            count(Verdict::Right),
            pairs - true_conflicts,
            count(Verdict::Flagged),
            count(Verdict::NeedlessConflict),
            count(Verdict::SilentlyWrong),
            count(Verdict::Broken),
        );
    }
}
