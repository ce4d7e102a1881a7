//! The command line: clap definitions and the commands that need no terminal.

mod change;
mod chronology;
mod conflicts;
mod deadline;
mod digest;
mod due;
mod edit;
mod export;
mod git;
mod holidays;
mod import;
mod list;
mod log;
mod matter;
mod merge;
mod settings;
mod shell;
mod show;
mod sync;
mod table;
mod who;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::clock::Clock;
pub use crate::error::Error;
use crate::export::Outgoing;
use crate::model::{Change, Date, DateSpec, Docket, Stamp, Status};
use crate::store::{self, Store};
use crate::text_safety::{say, warn};

/// Track letters sent to cities, the deadlines they set and the replies that come back.
#[derive(Debug, Parser)]
#[command(name = "docket", version, about, long_about = None)]
pub struct Cli {
    /// The data file [default: docket.ron in the user's data folder; see `docket path`]
    #[arg(long, global = true, env = "DOCKET_FILE", value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// Compute everything as of this date: YYYY-MM-DD, today, +7d, -2w [default: today]
    #[arg(long, global = true, env = "DOCKET_AS_OF", value_name = "DATE")]
    pub as_of: Option<DateSpec>,

    /// Who makes the changes, for their log and --mine; with `log`, whose changes to list [default: `DOCKET_USER`, else git's user.name for the data file's folder, else the login name]
    #[arg(long, global = true, value_name = "NAME")]
    pub by: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands; with none, docket opens the terminal interface.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the letters sent as of the date, most urgent first
    List(list::ListArgs),
    /// The letters overdue or due within a few days, most urgent first
    Due(due::DueArgs),
    /// One letter in full, with its replies, extensions and closing as of the date
    Show(show::ShowArgs),
    /// A Markdown digest of one day: sent, replies, extensions, closings, due, overdue, next week
    Digest(digest::DigestArgs),
    /// The letters sent together, one row per city, as of the date; alone, every matter
    Matter(matter::MatterArgs),
    /// Every dated event across cities in date order (sent, received, replies, extensions, deadlines, closings)
    Chronology(chronology::ChronologyArgs),
    /// Write the docket as ICS, CSV, Markdown, JSON or an SVG timeline
    Export(export::ExportArgs),
    /// Add letters from CSV, or records from a JSON export, all or nothing
    Import(import::ImportArgs),
    /// Add a city, a letter, a reply or an extension
    #[command(subcommand)]
    Add(change::AddCommand),
    /// Edit a city, a letter, a reply or an extension: only the options given change
    #[command(subcommand)]
    Edit(edit::EditCommand),
    /// Close a letter
    Close(change::CloseArgs),
    /// Reopen a closed letter
    Reopen {
        /// The letter's id
        letter: String,
        /// The date it is reopened [default: the as-of date]
        #[arg(long, value_name = "DATE")]
        on: Option<DateSpec>,
    },
    /// Remove a city, a letter, a reply or an extension
    #[command(subcommand)]
    Rm(change::RmCommand),
    /// Who changed what: the changes logged, newest first, across letters and cities
    Log(log::LogArgs),
    /// The office calendar's days off; add, remove or import them
    Holidays(holidays::HolidaysArgs),
    /// How the rules are applied: due soon, reminders, roll-forward, calendar
    Settings(settings::SettingsArgs),
    /// Check that the data file loads and its records are consistent; warn of deadlines on days off
    Check,
    /// Print the data, backup, lock and config paths
    Path,
    /// Create the data file from the bundled sample, or empty with --empty
    Init {
        /// Start with no cities and no letters
        #[arg(long)]
        empty: bool,
    },
    /// Merge two versions of the data file from a common base (git's merge driver: %O %A %B %P)
    Merge(merge::MergeArgs),
    /// Set docket up in a git repository
    #[command(subcommand)]
    Git(git::GitCommand),
    /// Commit the data file, pull (docket merges it), push, and say what came in
    Sync,
    /// List the conflicts a merge recorded in the file
    Conflicts(conflicts::ConflictsArgs),
    /// Resolve a conflict, keeping our value or theirs
    Resolve(conflicts::ResolveArgs),
    /// Print a completion script: `source <(docket completions bash)`; bash and fish complete ids too
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: shell::CompletionShell,
    },
    /// Print the man page (roff): `docket man | man -l -`
    Man,
    /// The ids of the data file's letters, cities or matters, one a line (for completions)
    #[command(hide = true)]
    Ids {
        #[arg(value_enum)]
        kind: shell::IdKind,
    },
}

/// JSON that could not be written (docket's records always can be).
fn json_failed(err: &serde_json::Error) -> Error {
    Error::data(format!("could not write JSON: {err}"))
}

/// Prints a command's whole output; a closed pipe (`docket ... | head`)
/// is not an error worth a message.
fn print_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// A date typed on the command line, counted from `today`.
fn resolve(spec: DateSpec, today: Date) -> Result<Date, Error> {
    spec.resolve(today).map_err(Error::usage)
}

/// Runs the command line, with `clock` for today's date.
pub fn run(cli: Cli, clock: Clock) -> Result<(), Error> {
    let path = data_path(cli.file)?;
    let today = clock.today();
    let as_of = cli.as_of.map_or(Ok(today), |spec| resolve(spec, today))?;
    let by = cli.by.clone();
    let author = who::Author::new(cli.by, &path);
    let stamp = || Stamp::new(clock.now(), author.name());
    match cli.command {
        None => crate::tui::run(&path, as_of, clock, author.name()),
        Some(Command::List(args)) => list::run(&path, as_of, &args, &author),
        Some(Command::Due(args)) => due::run(&path, as_of, &args, &author),
        Some(Command::Show(args)) => show::run(&path, as_of, &args),
        Some(Command::Log(args)) => log::run(&path, today, &args, by.as_deref()),
        Some(Command::Digest(args)) => digest::run(&path, as_of, today, &args),
        Some(Command::Matter(args)) => matter::run(&path, as_of, &args),
        Some(Command::Chronology(args)) => chronology::run(&path, as_of, today, &args),
        Some(Command::Export(args)) => export::run(&path, as_of, today, &args),
        Some(Command::Import(args)) => import::run(&path, &args, &stamp()),
        Some(Command::Add(add)) => change::apply(&path, &stamp(), add.change(today)?),
        Some(Command::Edit(edit)) => change::apply_with(&path, &stamp(), |docket| {
            let (change, id) = edit.change(docket, today)?;
            Ok((change, Some(id)))
        }),
        Some(Command::Close(args)) => change::apply(&path, &stamp(), args.change(today)?),
        Some(Command::Reopen { letter, on }) => {
            let on = on.map_or(Ok(as_of), |on| resolve(on, today))?;
            change::apply(&path, &stamp(), Change::Reopen { id: letter, on })
        }
        Some(Command::Rm(rm)) => change::apply(&path, &stamp(), rm.change()),
        Some(Command::Holidays(args)) => holidays::run(&path, (as_of, today), &stamp(), args),
        Some(Command::Settings(args)) => settings::run(&path, &stamp(), args),
        Some(Command::Check) => check(&path),
        Some(Command::Path) => {
            print_paths(&path);
            Ok(())
        }
        Some(Command::Init { empty }) => init(&path, empty),
        Some(Command::Merge(args)) => merge::run(&args),
        Some(Command::Git(command)) => git::run(&path, &command),
        Some(Command::Sync) => sync::run(&path),
        Some(Command::Conflicts(args)) => conflicts::list(&path, &args),
        Some(Command::Resolve(args)) => conflicts::resolve(&path, &args),
        Some(Command::Completions { shell }) => {
            shell::completions(shell);
            Ok(())
        }
        Some(Command::Man) => shell::man(),
        Some(Command::Ids { kind }) => {
            shell::ids(&path, kind);
            Ok(())
        }
    }
}

/// The data file: `--file`, `DOCKET_FILE`, or `docket.ron` in the data folder.
pub fn data_path(file: Option<PathBuf>) -> Result<PathBuf, Error> {
    if let Some(file) = file {
        return Ok(file);
    }
    project_dirs()
        .map(|dirs| dirs.data_dir().join("docket.ron"))
        .ok_or_else(|| Error::usage("no home folder to keep data in; pass --file PATH"))
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "docket")
}

/// Loads the docket for an output, without the letters' private notes
/// (every command that prints records starts here). On a first run (no
/// file yet) it is the bundled sample, read in memory and never written:
/// stderr says so.
pub fn load_or_sample(path: &std::path::Path) -> Result<Outgoing, Error> {
    load_outgoing(path, false)
}

/// [`load_or_sample`], with the private notes when `include_private` is set
/// (`--include-private`).
pub fn load_outgoing(path: &std::path::Path, include_private: bool) -> Result<Outgoing, Error> {
    load_docket(path).map(|docket| Outgoing::new(docket, include_private))
}

fn load_docket(path: &std::path::Path) -> Result<Docket, Error> {
    if let Some(docket) = store::load(path)? {
        return Ok(docket);
    }
    warn(&format!(
        "no data file at {} yet; showing the bundled sample \
         (nothing written: `docket init` or `docket init --empty` creates it)",
        path.display()
    ));
    Ok(store::sample())
}

/// How many of `check`'s warnings name their letter: a big file's
/// thousands are counted after them.
const CHECK_WARNINGS_NAMED: usize = 20;

fn check(path: &std::path::Path) -> Result<(), Error> {
    let docket = store::load(path)?
        .ok_or_else(|| Error::data(format!("{}: no such file", path.display())))?;
    if !docket.conflicts.is_empty() {
        let listed: Vec<String> = docket
            .conflicts
            .iter()
            .map(crate::merge::describe)
            .collect();
        return Err(Error::data(format!(
            "{}: {} unresolved: {} (`docket conflicts` shows both values, \
             `docket resolve ID FIELD --ours|--theirs` settles one)",
            path.display(),
            crate::model::text::count(docket.conflicts.len() as i64, "conflict"),
            listed.join("; ")
        )));
    }
    say(&format!(
        "{}: ok, {} cities, {} letters",
        path.display(),
        docket.cities.len(),
        docket.letters.len()
    ));
    let warnings = (docket.letters.iter()).flat_map(|letter| {
        let notes = letter.due_notes(Date::MAX, &docket.settings);
        (notes.closed.into_iter()).map(move |closed| format!("letter {}: {closed}", letter.id))
    });
    let mut more = 0;
    for (at, warning) in warnings.enumerate() {
        if at < CHECK_WARNINGS_NAMED {
            warn(&format!("warning: {warning}"));
        } else {
            more += 1;
        }
    }
    if more > 0 {
        let deadlines = if more == 1 { "deadline" } else { "deadlines" };
        warn(&format!(
            "warning: and {more} more {deadlines} on a weekend or a holiday"
        ));
    }
    Ok(())
}

fn print_paths(path: &std::path::Path) {
    let config = project_dirs().map_or_else(
        || "(none: no home folder)".to_owned(),
        |dirs| dirs.config_dir().display().to_string(),
    );
    let rows = vec![
        vec!["data".to_owned(), path.display().to_string()],
        vec![
            "backup".to_owned(),
            store::backup_path(path).display().to_string(),
        ],
        vec![
            "lock".to_owned(),
            store::lock_path(path).display().to_string(),
        ],
        vec!["config".to_owned(), config],
    ];
    print!("{}", table::render(&rows));
}

fn init(path: &std::path::Path, empty: bool) -> Result<(), Error> {
    let (mut store, existing) = Store::open(path)?;
    // The untouched sample a first run wrote is no one's data: `--empty`
    // may replace it (the save keeps it as the backup).
    let replaces = match existing {
        Some(docket) if empty && docket == store::sample() => true,
        Some(_) => {
            return Err(Error::data(format!(
                "{} already exists; docket will not overwrite it (move it away first)",
                path.display()
            )));
        }
        None => false,
    };
    let docket = if empty {
        Docket::new()
    } else {
        store::sample()
    };
    store.save(&docket)?;
    if replaces {
        say(&format!(
            "{}: the untouched bundled sample replaced by an empty docket (the sample is kept in {})",
            path.display(),
            store::backup_path(path).display()
        ));
        return Ok(());
    }
    let what = if empty {
        "an empty docket"
    } else {
        "the bundled sample"
    };
    say(&format!("{}: created with {what}", path.display()));
    Ok(())
}

/// Parses a `--status` value.
pub(crate) fn parse_status(text: &str) -> Result<Status, String> {
    text.parse()
}
