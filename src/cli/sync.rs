//! `docket sync`: commits the data file with a message listing what
//! changed by record, pulls (the merge driver merges the file), pushes,
//! and says what came in. Without a remote it only commits; with a
//! conflict it says so and leaves it in the file to resolve.

use std::path::Path;

use super::Error;
use super::git::{Git, said};
use crate::merge::{self, Changed};
use crate::model::Docket;
use crate::model::text::count;
use crate::store;
use crate::text_safety::{say, warn};

/// How many changes a commit message or a report lists before `...`.
const LISTED: usize = 30;

/// Commits, pulls and pushes the data file.
pub fn run(path: &Path) -> Result<(), Error> {
    let git = Git::for_file(path)?;
    let name = (path.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::usage(format!("{} names no file", path.display())))?;
    let now = loaded(path)?;
    driver_is_set_up(&git, &name)?;
    commit(&git, &name, &now)?;
    let Some(remote) = remote(&git)? else {
        say("no remote: committed only");
        return Ok(());
    };
    let branch = git
        .ok(["symbolic-ref", "--short", "HEAD"])
        .map_err(|_| Error::data("HEAD is not on a branch: check one out to sync"))?;
    if !git
        .ok(["ls-remote", "--heads", &remote, &branch])?
        .is_empty()
    {
        pull(&git, path, &name, &remote, &branch, &now)?;
    }
    let pushed = git.output(["push", "-q", "-u", &remote, &branch])?;
    if !pushed.status.success() {
        return Err(Error::data(format!(
            "git push to {remote} failed: {}",
            said(&pushed)
        )));
    }
    say(&format!("pushed to {remote} ({branch})"));
    Ok(())
}

/// The data file, which must load: a file that does not is never committed.
fn loaded(path: &Path) -> Result<Docket, Error> {
    store::load(path)?.ok_or_else(|| Error::data(format!("{}: no such file", path.display())))
}

/// A pull without the driver would merge the file line by line.
fn driver_is_set_up(git: &Git, name: &str) -> Result<(), Error> {
    let attribute = git.ok(["check-attr", "merge", "--", name])?;
    if git.config("merge.docket.driver")?.is_none() || !attribute.ends_with(": docket") {
        return Err(Error::data(
            "docket is not git's merge driver for this file here: run `docket git setup` first",
        ));
    }
    Ok(())
}

/// Commits the data file (and the `.gitattributes` beside it) when it
/// changed, or concludes a merge under way.
fn commit(git: &Git, name: &str, now: &Docket) -> Result<(), Error> {
    let merging = git.succeeds(["rev-parse", "-q", "--verify", "MERGE_HEAD"])?;
    let mut paths = vec![name.to_owned()];
    if git.dir().join(".gitattributes").exists() {
        paths.push(".gitattributes".to_owned());
    }
    git.ok(["add", "--"]
        .into_iter()
        .map(str::to_owned)
        .chain(paths.clone()))?;
    let staged = !git.succeeds(["diff", "--cached", "--quiet", "--"])?;
    if !staged && !merging {
        say("nothing to commit");
        return Ok(());
    }
    let before = committed(git, name)?.unwrap_or_default();
    let changes = merge::changes(&before, now);
    let message = message(&changes, merging);
    let mut args = vec![
        "commit".to_owned(),
        "-q".to_owned(),
        "-m".to_owned(),
        message,
    ];
    if !merging {
        // Only docket's files, whatever else is staged.
        args.push("--".to_owned());
        args.extend(paths);
    }
    git.ok(args)?;
    let subject = git.ok(["log", "-1", "--format=%s"])?;
    say(&format!("committed: {subject}"));
    if !now.conflicts.is_empty() {
        warn(&format!(
            "{} committed unresolved (`docket conflicts` lists them)",
            count(now.conflicts.len() as i64, "conflict")
        ));
    }
    Ok(())
}

/// The data file as the last commit has it, if it has it.
fn committed(git: &Git, name: &str) -> Result<Option<Docket>, Error> {
    let shown = git.output(["show", &format!("HEAD:./{name}")])?;
    if !shown.status.success() {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&shown.stdout);
    Ok(store::parse(&text).ok())
}

/// A commit message: the changes by record, at most [`LISTED`] of them.
fn message(changes: &[Changed], merging: bool) -> String {
    let subject = match (merging, changes) {
        (true, _) => "docket: merge".to_owned(),
        (false, [one]) => format!("docket: {one}"),
        (false, _) => format!("docket: {}", count(changes.len() as i64, "change")),
    };
    let mut text = subject;
    if merging || changes.len() > 1 {
        text.push('\n');
        for line in listed(changes) {
            text.push('\n');
            text.push_str(&line);
        }
    }
    text
}

/// The changes, one a line, at most [`LISTED`], then how many more.
fn listed(changes: &[Changed]) -> Vec<String> {
    let mut lines: Vec<String> = changes
        .iter()
        .take(LISTED)
        .map(ToString::to_string)
        .collect();
    if changes.len() > LISTED {
        lines.push(format!("... and {} more", changes.len() - LISTED));
    }
    lines
}

/// The remote to sync with: the branch's, else `origin`, else the only one.
fn remote(git: &Git) -> Result<Option<String>, Error> {
    let remotes = git.ok(["remote"])?;
    let remotes: Vec<&str> = remotes.lines().collect();
    let branch = git.ok(["symbolic-ref", "--short", "HEAD"]).ok();
    let tracked = match branch {
        Some(branch) => git.config(&format!("branch.{branch}.remote"))?,
        None => None,
    };
    if let Some(remote) = tracked.filter(|r| remotes.contains(&r.as_str())) {
        return Ok(Some(remote));
    }
    if remotes.contains(&"origin") {
        return Ok(Some("origin".to_owned()));
    }
    Ok(remotes.first().map(|r| (*r).to_owned()))
}

/// Pulls (the merge driver merges the data file) and says what came in;
/// a conflict is said and left in the file.
fn pull(
    git: &Git,
    path: &Path,
    name: &str,
    remote: &str,
    branch: &str,
    ours: &Docket,
) -> Result<(), Error> {
    let pulled = git.output(["pull", "-q", "--no-rebase", "--no-edit", remote, branch])?;
    let after = store::load(path);
    if pulled.status.success() {
        let after = after?.unwrap_or_default();
        came_in(remote, &merge::changes(ours, &after));
        return Ok(());
    }
    let unmerged = !git.ok(["ls-files", "-u", "--", name])?.is_empty();
    match after {
        Ok(Some(after)) if unmerged && !after.conflicts.is_empty() => {
            came_in(remote, &merge::changes(ours, &after));
            Err(Error::data(format!(
                "{} from {remote} recorded in {name}: `docket conflicts` lists them; \
                 settle each with `docket resolve ID FIELD --ours|--theirs`, then `docket sync` again",
                count(after.conflicts.len() as i64, "conflict")
            )))
        }
        _ => Err(Error::data(format!(
            "git pull from {remote} failed: {}",
            said(&pulled)
        ))),
    }
}

/// Says what came in.
fn came_in(remote: &str, changes: &[Changed]) {
    if changes.is_empty() {
        say(&format!("nothing came in from {remote}"));
        return;
    }
    say(&format!(
        "came in from {remote}: {}",
        count(changes.len() as i64, "change")
    ));
    for line in listed(changes) {
        say(&format!("  {line}"));
    }
}
