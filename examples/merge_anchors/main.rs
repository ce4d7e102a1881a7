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

#[path = "../../benches/support/synth.rs"]
mod synth;

mod edits;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use docket::export::Outgoing;
use docket::export::json::to_json;
use docket::merge;
use docket::model::Docket;
use docket::store;
use edits::{KINDS, random_edit, truly_conflict};
use synth::Rng;

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

/// One pair merged: the three versions, whether it truly conflicts, and
/// the right merge when it does not.
struct Pair<'a> {
    base: &'a Docket,
    ours: &'a Docket,
    theirs: &'a Docket,
    conflict: bool,
    expected: Option<&'a Docket>,
}

/// How each tool did on a pair (`None`: not run).
fn judge_all(pair: &Pair, dir: &Path, has_mergiraf: bool) -> [Option<Verdict>; 4] {
    let versions = [pair.base, pair.ours, pair.theirs];
    // A textual merge that reports a conflict made no docket to judge.
    let judged = |clean: bool, made: Option<Docket>| {
        let made = if clean { made } else { Some(Docket::new()) };
        judge(pair.conflict, pair.expected, clean, made)
    };
    let merged = merge::merge(pair.base, pair.ours, pair.theirs);
    let docket = judge(
        pair.conflict,
        pair.expected,
        merged.is_clean(),
        from_ron(&store::to_ron(&merged.docket)),
    );
    let ron = versions.map(store::to_ron);
    let (clean, text) = git_merge_file(dir, "ron", [&ron[0], &ron[1], &ron[2]]);
    let git_ron = judged(clean, from_ron(&text));
    // The whole record, private notes included, as the RON file holds it.
    let json = versions.map(|d| to_json(&Outgoing::including_private_notes(d.clone())));
    let (clean, text) = git_merge_file(dir, "json", [&json[0], &json[1], &json[2]]);
    let git_json = judged(clean, from_json(&text));
    let structural = has_mergiraf.then(|| {
        let (clean, text) = mergiraf(dir, [&json[0], &json[1], &json[2]]);
        judged(clean, from_json(&text))
    });
    [Some(docket), Some(git_ron), Some(git_json), structural]
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

        let verdict = judge_all(
            &Pair {
                base: &base,
                ours: &ours,
                theirs: &theirs,
                conflict,
                expected: expected.as_ref(),
            },
            dir.path(),
            has_mergiraf,
        );
        if !matches!(verdict[0], Some(Verdict::Right | Verdict::Flagged)) {
            eprintln!(
                "docket merge: {:?} on {ours_edit:?} / {theirs_edit:?}",
                verdict[0]
            );
        }
        verdicts.push(verdict);
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
