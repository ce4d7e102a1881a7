//! `docket import`: letters from CSV, or a whole docket from JSON, added to
//! the data file under its write lock, all or nothing.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::Error;
use crate::import::{self, Imported, Refused, RowError};
use crate::model::Stamp;
use crate::model::text::{count, count_irregular};
use crate::store::Store;
use crate::text_safety::{say, warn};

/// Problems listed before the import gives up listing them.
const MAX_LISTED: usize = 20;

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Rows as `export --format csv` writes them; missing cities are created from `city`, `city_name` and `state`
    Csv,
    /// A whole docket as `export --format json` writes it
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(long, value_enum)]
    format: Format,
    /// Import the other records when some ids already exist, skipping those
    #[arg(long)]
    skip_existing: bool,
    /// Check everything and report, but write nothing
    #[arg(long)]
    dry_run: bool,
    /// The file to import (`-` for standard input)
    #[arg(value_name = "FILE")]
    input: PathBuf,
}

pub fn run(path: &Path, args: &ImportArgs, stamp: &Stamp) -> Result<(), Error> {
    let name = args.input.display().to_string();
    let text = read_input(&args.input)?;
    let file = args.input.file_name().map(|f| f.to_string_lossy());
    let stamp = match file {
        Some(file) if args.input != Path::new("-") => {
            stamp.clone().saying(format!("imported from {file}"))
        }
        _ => stamp.clone().saying("imported from standard input"),
    };
    let (mut store, existing) = Store::open(path)?;
    let creating = existing.is_none();
    let existing = existing.unwrap_or_default();
    let imported = match args.format {
        Format::Csv => import::import_csv(&existing, &text, args.skip_existing, &stamp),
        Format::Json => import::import_json(&existing, &text, args.skip_existing, &stamp),
    }
    .map_err(|refused| match refused {
        Refused::Invalid(errors) => refuse(&name, &errors),
        Refused::Clashes(clashes) => {
            let ids: Vec<String> = clashes
                .iter()
                .map(|c| format!("{} {}", c.record, c.id))
                .collect();
            Error::data(format!(
                "{name}: {} already in {}: {}; nothing was imported \
                 (--skip-existing imports the rest)",
                count_irregular(clashes.len() as i64, "record is", "records are"),
                path.display(),
                ids.join(", ")
            ))
        }
    })?;
    for note in &imported.notes {
        warn(&format!("note: {}", note.located(&name)));
    }
    // Nothing added (all skipped): leave the file and its backup alone.
    if !args.dry_run && !imported.added.is_empty() {
        store.save(&imported.docket)?;
        if creating {
            warn(&format!(
                "created {} with the imported records",
                path.display()
            ));
        }
    }
    report(&imported, &name, path, args.dry_run);
    Ok(())
}

fn read_input(input: &Path) -> Result<String, Error> {
    let mut bytes = Vec::new();
    let result = if input == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(input).map(|b| bytes = b)
    };
    result.map_err(|err| Error::data(format!("{}: could not read: {err}", input.display())))?;
    String::from_utf8(bytes)
        .map_err(|_| Error::data(format!("{}: is not UTF-8 text", input.display())))
}

/// Lists the problems on stderr (up to a limit) and gives the final line.
fn refuse(name: &str, errors: &[RowError]) -> Error {
    if let [only] = errors {
        return Error::data(format!("{}; nothing was imported", only.located(name)));
    }
    for error in errors.iter().take(MAX_LISTED) {
        warn(&error.located(name));
    }
    let more = errors.len().saturating_sub(MAX_LISTED);
    let unlisted = if more > 0 {
        format!(" ({more} not listed)")
    } else {
        String::new()
    };
    Error::data(format!(
        "{name}: {}{unlisted}; nothing was imported",
        count_irregular(errors.len() as i64, "problem", "problems")
    ))
}

/// One line per record added or skipped, then a summary.
fn report(imported: &Imported, name: &str, path: &Path, dry_run: bool) {
    let verb = if dry_run { "would add" } else { "added" };
    for (record, id) in &imported.added {
        say(&format!("{verb} {record} {id}"));
    }
    for clash in &imported.skipped {
        say(&format!(
            "skipped {} {}: {}",
            clash.record, clash.id, clash.reason
        ));
    }
    let letters = imported
        .added
        .iter()
        .filter(|(r, _)| *r == "letter")
        .count();
    let cities = imported.added.len() - letters;
    let into = if dry_run {
        "dry run, nothing written to"
    } else {
        "into"
    };
    say(&format!(
        "{name}: {} and {} imported {into} {}",
        count(letters as i64, "letter"),
        count_irregular(cities as i64, "city", "cities"),
        path.display()
    ));
}
