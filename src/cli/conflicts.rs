//! `docket conflicts` lists the conflicts a merge recorded in the file;
//! `docket resolve ID [FIELD] --ours|--theirs` settles one.

use std::path::Path;

use clap::Args;

use super::{Error, json_failed};
use crate::merge::{self, Side};
use crate::model::Conflict;
use crate::store::{self, Store};
use crate::text_safety::say;

/// `docket conflicts`'s options.
#[derive(Debug, Args)]
pub struct ConflictsArgs {
    /// Print them as JSON: [{record, field, base, ours, theirs}], values as RON text
    #[arg(long)]
    json: bool,
}

/// `docket resolve`'s options.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("side").required(true).args(["ours", "theirs"]))]
pub struct ResolveArgs {
    /// The record, as `docket conflicts` names it (`letter baltimore-2017-08-03`,
    /// `reply baltimore-2017-08-03 r2`) or by its id alone (`baltimore-2017-08-03 r2`)
    record: String,
    /// The field; may be left out when the record has one conflict (a
    /// whole record's conflict has no field)
    field: Option<String>,
    /// Keep our value (the one the file holds now)
    #[arg(long)]
    ours: bool,
    /// Keep their value
    #[arg(long)]
    theirs: bool,
}

/// Lists the conflicts.
pub fn list(path: &Path, args: &ConflictsArgs) -> Result<(), Error> {
    let docket = store::load(path)?
        .ok_or_else(|| Error::data(format!("{}: no such file", path.display())))?;
    if args.json {
        let json = serde_json::to_string_pretty(&docket.conflicts).map_err(|e| json_failed(&e))?;
        // JSON escapes every control character itself.
        println!("{json}");
        return Ok(());
    }
    if docket.conflicts.is_empty() {
        say("no conflicts");
        return Ok(());
    }
    for conflict in &docket.conflicts {
        for line in shown(conflict) {
            say(&line);
        }
    }
    Ok(())
}

/// A value as people read it: a text in plain double quotes, anything
/// else as its RON text.
fn readable(text: &str) -> String {
    ron::from_str::<String>(text).map_or_else(|_| text.to_owned(), |s| format!("{s:?}"))
}

/// A conflict in a few lines: what, then each value.
fn shown(conflict: &Conflict) -> Vec<String> {
    let value = |v: &Option<String>| {
        v.as_deref()
            .map_or_else(|| "(none: deleted)".to_owned(), readable)
    };
    let what = merge::describe(conflict);
    let base = (conflict.base.as_deref()).map_or_else(|| "(none: added)".to_owned(), readable);
    vec![
        what,
        format!("  base:   {base}"),
        format!("  ours:   {}  (kept)", value(&conflict.ours)),
        format!("  theirs: {}", value(&conflict.theirs)),
    ]
}

/// Resolves one conflict and saves.
pub fn resolve(path: &Path, args: &ResolveArgs) -> Result<(), Error> {
    let (mut store, docket) = Store::open(path)?;
    let mut docket =
        docket.ok_or_else(|| Error::data(format!("{}: no such file", path.display())))?;
    let side = if args.theirs {
        Side::Theirs
    } else {
        Side::Ours
    };
    let conflict = merge::resolve(&mut docket, &args.record, args.field.as_deref(), side)
        .map_err(|err| Error::data(err.to_string()))?;
    if let Some(problem) = docket.problems().first() {
        return Err(Error::data(format!(
            "resolving {} that way breaks a rule: {problem}; nothing was written",
            merge::describe(&conflict)
        )));
    }
    store.save(&docket)?;
    let (kept, value) = match side {
        Side::Ours => ("ours", &conflict.ours),
        Side::Theirs => ("theirs", &conflict.theirs),
    };
    let value = value
        .as_deref()
        .map_or_else(|| "(none: deleted)".to_owned(), readable);
    say(&format!(
        "resolved {}: kept {kept}, {value}",
        merge::describe(&conflict)
    ));
    Ok(())
}
