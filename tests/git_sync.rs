//! Git as the engine, end to end with real git in a temp folder: a bare
//! repository, two clones, `docket git setup` in each, edits made apart,
//! `docket sync` on both. Two replies to one letter, and an extension on
//! one side with an owner change on the other, merge cleanly; the same
//! field changed twice ends in a loadable file with one conflict, settled
//! with `docket resolve` and synced.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops loudly where it breaks"
)]

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::cli::{LETTER, docket, ok, stderr, stdout};
use support::files::load;
use support::skip::{can, has_tool};
use tempfile::TempDir;

/// Runs git in `dir`, which must succeed; its stdout.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A bare repository and two clones of it, each with its own identity and
/// docket set up as the merge driver, sharing the sample as `docket.ron`.
struct Office {
    _dir: TempDir,
    alice: PathBuf,
    bob: PathBuf,
}

impl Office {
    fn new() -> Office {
        let dir = TempDir::new().unwrap();
        let remote = dir.path().join("remote.git");
        git(
            dir.path(),
            &[
                "init",
                "-q",
                "--bare",
                "-b",
                "main",
                remote.to_str().unwrap(),
            ],
        );
        let clone = |name: &str| {
            let path = dir.path().join(name);
            git(dir.path(), &["clone", "-q", remote.to_str().unwrap(), name]);
            git(&path, &["config", "user.name", name]);
            git(
                &path,
                &["config", "user.email", &format!("{name}@example.org")],
            );
            git(&path, &["config", "commit.gpgsign", "false"]);
            git(&path, &["symbolic-ref", "HEAD", "refs/heads/main"]);
            path.join("docket.ron")
        };
        let alice = clone("alice");
        ok(&docket(&alice, &["init"]));
        let setup = ok(&docket(&alice, &["git", "setup"]));
        assert!(setup.contains("added `docket.ron merge=docket`"), "{setup}");
        assert!(
            setup.contains("git config merge.docket.driver: set to"),
            "{setup}"
        );
        let synced = ok(&docket(&alice, &["sync"]));
        assert!(synced.contains("committed: docket: "), "{synced}");
        assert!(synced.contains("pushed to origin"), "{synced}");
        let bob = clone("bob");
        let setup = ok(&docket(&bob, &["git", "setup"]));
        assert!(
            setup.contains("already has `docket.ron merge=docket`"),
            "{setup}"
        );
        Office {
            _dir: dir,
            alice,
            bob,
        }
    }
}

fn folder(file: &Path) -> &Path {
    file.parent().unwrap()
}

/// `docket sync`, which must succeed; what it said.
fn sync(file: &Path) -> String {
    ok(&docket(file, &["sync"]))
}

fn reply(file: &Path, on: &str, summary: &str) {
    ok(&docket(
        file,
        &[
            "add",
            "reply",
            LETTER,
            "--on",
            on,
            "--from",
            "Baltimore",
            "--kind",
            "disputes",
            "--summary",
            summary,
        ],
    ));
}

/// Both clones end with the same file, which loads, holds no conflict
/// and no line of a textual conflict.
fn assert_same_clean_file(office: &Office) {
    let (a, b) = (
        std::fs::read_to_string(&office.alice).unwrap(),
        std::fs::read_to_string(&office.bob).unwrap(),
    );
    assert_eq!(a, b, "the clones differ");
    assert!(!a.contains("<<<<<<<") && !a.contains(">>>>>>>"), "{a}");
    assert!(load(&office.alice).conflicts.is_empty());
    ok(&docket(&office.alice, &["check"]));
}

#[test]
fn two_replies_to_one_letter_merge_cleanly() {
    if !can("git", has_tool("git")) {
        return;
    }
    let office = Office::new();
    reply(&office.alice, "2017-08-09", "Alice's reply");
    reply(&office.bob, "2017-08-10", "Bob's reply");
    sync(&office.alice);
    let said = sync(&office.bob);
    assert!(said.contains("came in from origin: 1 change"), "{said}");
    assert!(said.contains(&format!("reply {LETTER} r")), "{said}");
    let said = sync(&office.alice);
    assert!(said.contains("came in from origin"), "{said}");
    assert_same_clean_file(&office);
    let letter = load(&office.alice).letter(LETTER).unwrap().clone();
    let mut summaries: Vec<(&str, &str)> = (letter.replies.iter())
        .map(|r| (r.id.as_str(), r.summary.as_str()))
        .collect();
    summaries.sort_unstable();
    // Bob merged: his reply kept its id, Alice's took the next.
    assert_eq!(summaries, [("r1", "Bob's reply"), ("r2", "Alice's reply")]);
    let log = git(folder(&office.alice), &["log", "--format=%s", "-3"]);
    assert!(
        log.contains(&format!("docket: reply {LETTER} r1 added")),
        "{log}"
    );
}

#[test]
fn an_extension_and_an_owner_change_merge_cleanly() {
    if !can("git", has_tool("git")) {
        return;
    }
    let office = Office::new();
    ok(&docket(
        &office.alice,
        &[
            "add",
            "extension",
            LETTER,
            "--granted-on",
            "2017-08-15",
            "--due",
            "2017-09-01",
        ],
    ));
    // The owner is set through the model (as the interface's form does).
    let mut bobs = load(&office.bob);
    let at = bobs.letters.iter().position(|l| l.id == LETTER).unwrap();
    bobs.letter_mut(at).owner = Some("bob".to_owned());
    std::fs::write(&office.bob, docket::store::to_ron(&bobs)).unwrap();
    sync(&office.alice);
    let said = sync(&office.bob);
    assert!(
        said.contains(&format!("extension {LETTER} x1 added")),
        "{said}"
    );
    sync(&office.alice);
    assert_same_clean_file(&office);
    let letter = load(&office.alice).letter(LETTER).unwrap().clone();
    assert_eq!(letter.owner.as_deref(), Some("bob"));
    assert_eq!(letter.extensions.len(), 1);
    let body = git(folder(&office.bob), &["log", "--format=%B"]);
    assert!(
        body.contains(&format!("letter {LETTER}: owner changed")),
        "{body}"
    );
}

#[test]
fn the_same_field_changed_twice_is_one_conflict_resolved_then_synced() {
    if !can("git", has_tool("git")) {
        return;
    }
    let office = Office::new();
    ok(&docket(
        &office.alice,
        &["edit", "letter", LETTER, "--subject", "Alice's subject"],
    ));
    ok(&docket(
        &office.bob,
        &["edit", "letter", LETTER, "--subject", "Bob's subject"],
    ));
    sync(&office.alice);
    let out = docket(&office.bob, &["sync"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 conflict from origin recorded in docket.ron"),
        "{}",
        stderr(&out)
    );

    // The file loads, keeps Bob's value, and lists the conflict.
    let text = std::fs::read_to_string(&office.bob).unwrap();
    assert!(!text.contains("<<<<<<<"), "{text}");
    let merged = load(&office.bob);
    assert_eq!(merged.letter(LETTER).unwrap().subject, "Bob's subject");
    let listed = ok(&docket(&office.bob, &["conflicts"]));
    assert!(
        listed.starts_with(&format!("letter {LETTER} subject\n")),
        "{listed}"
    );
    assert!(listed.contains("ours:   \"Bob's subject\""), "{listed}");
    assert!(listed.contains("theirs: \"Alice's subject\""), "{listed}");
    let json = ok(&docket(&office.bob, &["conflicts", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    let check = docket(&office.bob, &["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("1 conflict unresolved"),
        "{}",
        stderr(&check)
    );

    // A wrong name is told what there is.
    let wrong = docket(&office.bob, &["resolve", LETTER, "summary", "--theirs"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains(&format!("the conflicts are: letter {LETTER} subject")),
        "{}",
        stderr(&wrong)
    );

    let resolved = ok(&docket(
        &office.bob,
        &["resolve", LETTER, "subject", "--theirs"],
    ));
    assert!(resolved.contains("kept theirs"), "{resolved}");
    assert_eq!(
        load(&office.bob).letter(LETTER).unwrap().subject,
        "Alice's subject"
    );
    let said = sync(&office.bob);
    assert!(said.contains("committed: docket: merge"), "{said}");
    sync(&office.alice);
    assert_same_clean_file(&office);
    assert!(
        git(
            folder(&office.bob),
            &["status", "--porcelain", "--untracked-files=no"]
        )
        .is_empty()
    );
}

#[test]
fn sync_without_a_remote_only_commits_and_without_setup_refuses() {
    if !can("git", has_tool("git")) {
        return;
    }
    let dir = TempDir::new().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["config", "user.name", "carol"]);
    git(dir.path(), &["config", "user.email", "carol@example.org"]);
    let file = dir.path().join("docket.ron");
    ok(&docket(&file, &["init"]));
    let out = docket(&file, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("run `docket git setup` first"),
        "{}",
        stderr(&out)
    );
    ok(&docket(&file, &["git", "setup"]));
    let again = ok(&docket(&file, &["git", "setup"]));
    assert!(
        again.contains("already has") && again.contains("already `"),
        "{again}"
    );
    let said = sync(&file);
    assert!(said.contains("no remote: committed only"), "{said}");
    assert!(sync(&file).contains("nothing to commit"));
    let attributes = std::fs::read_to_string(dir.path().join(".gitattributes")).unwrap();
    assert_eq!(attributes, "docket.ron merge=docket\n");
}

#[test]
fn git_setup_outside_a_work_tree_says_so() {
    if !can("git", has_tool("git")) {
        return;
    }
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("docket.ron");
    let out = docket(&file, &["git", "setup"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not in a git work tree"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn merge_driver_exit_codes() {
    let dir = TempDir::new().unwrap();
    let base = dir.path().join("base.ron");
    ok(&docket(&base, &["init"]));
    let ours = dir.path().join("ours.ron");
    let theirs = dir.path().join("theirs.ron");
    std::fs::copy(&base, &ours).unwrap();
    std::fs::copy(&base, &theirs).unwrap();
    ok(&docket(
        &ours,
        &["edit", "letter", LETTER, "--subject", "ours"],
    ));
    ok(&docket(
        &theirs,
        &[
            "add",
            "reply",
            LETTER,
            "--on",
            "2017-08-09",
            "--from",
            "x",
            "--kind",
            "disputes",
        ],
    ));
    let args = |o: &Path| -> Vec<String> {
        [&base, o, &theirs]
            .iter()
            .map(|p| p.display().to_string())
            .collect()
    };
    let merge = |o: &Path| -> Output {
        let mut all = vec!["merge".to_owned()];
        all.extend(args(o));
        all.push("docket.ron".to_owned());
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        docket(o, &all)
    };
    ok(&merge(&ours));
    let merged = load(&ours);
    assert_eq!(merged.letter(LETTER).unwrap().subject, "ours");
    assert_eq!(merged.letter(LETTER).unwrap().replies.len(), 1);

    // The same field changed on both sides: 1, the file loads.
    ok(&docket(
        &theirs,
        &["edit", "letter", LETTER, "--subject", "theirs"],
    ));
    let out = merge(&ours);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(load(&ours).conflicts.len(), 1);

    // An input that does not load: 2, ours untouched.
    std::fs::write(&theirs, "<<<<<<< not a docket").unwrap();
    let before = std::fs::read(&ours).unwrap();
    let out = merge(&ours);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(&ours).unwrap(), before);
}
