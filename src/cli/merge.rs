//! `docket merge BASE OURS THEIRS [PATH]`: git's merge driver for the data
//! file. Exit status 0: merged cleanly; 1: merged with conflicts recorded
//! in the file (it still loads); 2: an input does not load, and OURS is
//! left untouched so that git falls back to its own merge.

use std::path::{Path, PathBuf};

use clap::Args;

use super::Error;
use crate::merge;
use crate::model::Docket;
use crate::store;
use crate::text_safety::warn;

/// The three versions git hands a merge driver (`%O %A %B %P`).
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor's version (git's %O)
    base: PathBuf,
    /// Our version, where the merge is written (git's %A)
    ours: PathBuf,
    /// Their version (git's %B)
    theirs: PathBuf,
    /// The data file's path in the repository, for messages (git's %P)
    path: Option<String>,
}

/// Merges the three versions into OURS.
pub fn run(args: &MergeArgs) -> Result<(), Error> {
    let name = args
        .path
        .clone()
        .unwrap_or_else(|| args.ours.display().to_string());
    let base = load(&args.base, "base", &name, true)?;
    let ours = load(&args.ours, "our", &name, false)?;
    let theirs = load(&args.theirs, "their", &name, false)?;
    let merged = merge::merge(&base, &ours, &theirs);
    // Never write a file that would not load: git merges it instead.
    if let Some(problem) = merged.docket.problems().first() {
        return Err(Error::usage(format!(
            "{name}: the merge breaks a rule ({problem}); nothing merged"
        )));
    }
    let text = store::to_ron(&merged.docket);
    // A failed write leaves OURS as it was: git then merges line by line.
    store::write_atomically(&args.ours, text.as_bytes(), false)
        .map_err(|err| Error::usage(format!("{name}: the merge could not be written: {err}")))?;
    if merged.is_clean() {
        return Ok(());
    }
    for conflict in &merged.conflicts {
        warn(&format!("conflict: {}", merge::describe(conflict)));
    }
    Err(Error::data(format!(
        "{name}: merged with {} recorded in the file; `docket conflicts` lists them, \
         `docket resolve ID FIELD --ours|--theirs` settles each",
        crate::model::text::count(merged.conflicts.len() as i64, "conflict")
    )))
}

/// One version of the file. The base may be empty (git's empty ancestor
/// when both sides added the file): an empty docket. Anything that does
/// not load is a usage error (exit status 2), OURS untouched.
fn load(path: &Path, which: &str, name: &str, may_be_empty: bool) -> Result<Docket, Error> {
    if may_be_empty
        && std::fs::read(path).is_ok_and(|bytes| bytes.iter().all(u8::is_ascii_whitespace))
    {
        return Ok(Docket::new());
    }
    match store::load(path) {
        Ok(Some(docket)) => Ok(docket),
        Ok(None) => Err(Error::usage(format!(
            "{name}: {which} version ({}) does not exist; nothing merged",
            path.display()
        ))),
        Err(err) => Err(Error::usage(format!(
            "{name}: {which} version does not load, nothing merged (git merges it line by line): {err}"
        ))),
    }
}
