//! The commands that change the docket: `add`, `close`, `reopen`, `rm`.
//! They validate like the interface's forms, take the same lock and save the
//! same atomic way; a refused change writes nothing.

use std::path::Path;

use clap::{Args, Subcommand};

use super::deadline::DeadlineArgs;
use super::{Error, resolve};
use crate::model::{
    Change, City, Closing, Date, DateSpec, Docket, Document, Extension, Invalid, Letter, Reply,
    ReplyKind, Stamp,
};
use crate::store::Store;
use crate::text_safety::say;

/// What to add.
#[derive(Debug, Subcommand)]
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once a run; a box would only cost clap's derive its simplicity"
)]
pub enum AddCommand {
    /// Add a city
    City(AddCity),
    /// Add a letter; its id is <city>-<sent> unless given. With several
    /// --city, one letter to each in one step, sharing a new matter
    Letter(AddLetter),
    /// Record a reply to a letter
    Reply(AddReply),
    /// Grant an extension of a letter's deadline
    Extension(AddExtension),
}

#[derive(Debug, Args)]
pub struct AddCity {
    /// A slug: lower-case letters, digits and dashes, like san-bernardino
    #[arg(long)]
    id: String,
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    state: String,
    #[arg(long, default_value = "")]
    notes: String,
}

#[derive(Debug, Args)]
pub struct AddLetter {
    /// The city's id; repeat for one letter to each city, in one matter
    #[arg(long = "city", value_name = "ID", required = true)]
    cities: Vec<String>,
    /// The matter the letter joins [default: with several --city, a new
    /// one made from the subject and the date]
    #[arg(long, value_name = "ID")]
    matter: Option<String>,
    #[arg(long, value_name = "DATE")]
    sent: DateSpec,
    #[command(flatten)]
    deadline: DeadlineArgs,
    #[arg(long)]
    from: String,
    #[arg(long)]
    to: String,
    #[arg(long)]
    subject: String,
    #[arg(long)]
    program: Option<String>,
    /// One demand; repeat for several
    #[arg(long = "demand", value_name = "TEXT")]
    demands: Vec<String>,
    #[arg(long, default_value = "")]
    summary: String,
    /// A URL or citation
    #[arg(long)]
    source: Option<String>,
    /// A tag; repeat for several
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// The letter's id [default: <city>-<sent>, then -2, -3...]
    #[arg(long)]
    id: Option<String>,
    /// Who handles the letter
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,
    /// Privileged notes: shown only in the interface and with --include-private, in no export
    #[arg(long, value_name = "TEXT", default_value = "")]
    private_notes: String,
    /// A document, as LABEL=TARGET (a path or URL); repeat for several
    #[arg(long = "document", value_name = "LABEL=TARGET", value_parser = parse_document)]
    documents: Vec<Document>,
}

/// A `--document LABEL=TARGET`: split at the first `=` (a URL's query may
/// hold more).
pub(super) fn parse_document(text: &str) -> Result<Document, String> {
    match text.split_once('=') {
        Some((label, target)) if !label.trim().is_empty() && !target.trim().is_empty() => {
            Ok(Document {
                label: label.trim().to_owned(),
                target: target.trim().to_owned(),
            })
        }
        _ => Err(format!(
            "expected LABEL=TARGET, like 'Letter (PDF)=letters/baltimore.pdf', not {text:?}"
        )),
    }
}

#[derive(Debug, Args)]
pub struct AddReply {
    /// The letter's id
    letter: String,
    #[arg(long, value_name = "DATE")]
    on: DateSpec,
    #[arg(long)]
    from: String,
    /// acknowledges, complies, disputes, refuses, asks-extension or other
    #[arg(long)]
    kind: ReplyKind,
    #[arg(long, default_value = "")]
    summary: String,
    /// A URL or citation
    #[arg(long)]
    source: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddExtension {
    /// The letter's id
    letter: String,
    #[arg(long, value_name = "DATE")]
    granted_on: DateSpec,
    /// The new due date
    #[arg(long, value_name = "DATE")]
    due: DateSpec,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The letter's id
    letter: String,
    #[arg(long, value_name = "DATE")]
    on: DateSpec,
    #[arg(long, default_value = "")]
    outcome: String,
}

/// What to remove.
#[derive(Debug, Subcommand)]
pub enum RmCommand {
    /// Remove a city (refused while it has letters, unless --with-letters)
    City {
        id: String,
        /// Remove its letters too
        #[arg(long)]
        with_letters: bool,
    },
    /// Remove a letter (its id is never given to another letter)
    Letter { id: String },
    /// Remove a reply, by its id as `show` prints it (never given again)
    Reply {
        /// The letter's id
        letter: String,
        /// The reply's id (r1, r2...)
        reply: String,
    },
    /// Remove an extension, by its id as `show` prints it (never given again)
    Extension {
        /// The letter's id
        letter: String,
        /// The extension's id (x1, x2...)
        extension: String,
    },
}

impl AddCommand {
    /// The change asked for, its dates counted from `today`.
    pub fn change(self, today: Date) -> Result<Change, Error> {
        Ok(match self {
            AddCommand::City(c) => Change::AddCity(City {
                id: c.id,
                name: c.name,
                state: c.state,
                notes: c.notes,
                log: Vec::new(),
            }),
            AddCommand::Letter(l) => l.change(today)?,
            AddCommand::Reply(r) => Change::AddReply(
                r.letter,
                Reply {
                    id: String::new(),
                    on: resolve(r.on, today)?,
                    from: r.from,
                    kind: r.kind,
                    summary: r.summary,
                    source: r.source,
                },
            ),
            AddCommand::Extension(e) => Change::AddExtension(
                e.letter,
                Extension {
                    id: String::new(),
                    granted_on: resolve(e.granted_on, today)?,
                    new_due: resolve(e.due, today)?,
                    note: e.note,
                },
            ),
        })
    }
}

impl AddLetter {
    /// One letter, or one to each city in one matter.
    fn change(self, today: Date) -> Result<Change, Error> {
        if self.cities.len() > 1 && self.id.is_some() {
            return Err(Error::usage(
                "--id names one letter; it cannot be given with several --city",
            ));
        }
        let mut letter = Letter {
            id: self.id.unwrap_or_default(),
            from: self.from,
            to: self.to,
            subject: self.subject,
            program: self.program,
            matter: self.matter,
            demands: self.demands,
            summary: self.summary,
            source: self.source,
            tags: self.tags,
            owner: self.owner.as_deref().and_then(owner_name),
            private_notes: self.private_notes,
            documents: self.documents,
            ..Letter::new(String::new(), resolve(self.sent, today)?)
        };
        self.deadline.apply_to(&mut letter, today)?;
        let mut letters: Vec<Letter> = (self.cities.into_iter())
            .map(|city| Letter {
                city,
                ..letter.clone()
            })
            .collect();
        Ok(match letters.len() {
            1 => Change::AddLetter(letters.remove(0)),
            _ => Change::AddLetters(letters),
        })
    }
}

impl CloseArgs {
    /// The change asked for, its date counted from `today`.
    pub fn change(self, today: Date) -> Result<Change, Error> {
        Ok(Change::Close(
            self.letter,
            Closing {
                id: String::new(),
                on: resolve(self.on, today)?,
                outcome: self.outcome,
                reopened_on: None,
            },
        ))
    }
}

impl RmCommand {
    /// The change asked for.
    pub fn change(self) -> Change {
        match self {
            RmCommand::City { id, with_letters } => Change::RemoveCity { id, with_letters },
            RmCommand::Letter { id } => Change::RemoveLetter(id),
            RmCommand::Reply { letter, reply } => Change::RemoveReply(letter, reply),
            RmCommand::Extension { letter, extension } => {
                Change::RemoveExtension(letter, extension)
            }
        }
    }
}

/// An owner's name as typed: trimmed; an empty one is no owner.
pub fn owner_name(name: &str) -> Option<String> {
    let trimmed = name.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Applies one change to the data file under its lock, saves it, and prints
/// the id it touched. A refused change writes nothing.
pub fn apply(path: &Path, stamp: &Stamp, change: Change) -> Result<(), Error> {
    apply_with(path, stamp, |docket| {
        let shown = super::edit::removed_entry(docket, &change)?;
        Ok((change, shown))
    })
}

/// Applies the change `build` makes from the docket as it is under the
/// lock, saves it, and prints the id it touched (the one `build` names, if
/// any, else the record's).
pub fn apply_with(
    path: &Path,
    stamp: &Stamp,
    build: impl FnOnce(&Docket) -> Result<(Change, Option<String>), Error>,
) -> Result<(), Error> {
    let (mut store, docket) = Store::open(path)?;
    let mut docket = docket.ok_or_else(|| {
        Error::data(format!(
            "{}: no such file; create it with `docket init` (the sample) or `docket init --empty`",
            path.display()
        ))
    })?;
    let (change, shown) = build(&docket)?;
    let several = matches!(change, Change::AddLetters(_));
    let applied = docket
        .apply_by(change, stamp)
        .map_err(|invalid| refused(&invalid))?;
    store.save(&docket)?;
    if several {
        say_added(&docket, &applied.undo);
    } else {
        say(shown.as_ref().unwrap_or(&applied.id));
    }
    Ok(())
}

/// Letters sent together: each id on a line, then `matter ID`.
fn say_added(docket: &Docket, undo: &[crate::model::Put]) {
    let mut matter = None;
    for put in undo.iter().rev() {
        if let crate::model::Put::Letter(id, None) = put {
            say(id);
            matter = matter.or_else(|| docket.letter(id).and_then(|l| l.matter.clone()));
        }
    }
    if let Some(matter) = matter {
        say(&format!("matter {matter}"));
    }
}

/// A refusal as one line naming the option at fault.
fn refused(invalid: &Invalid) -> Error {
    let (option, hint) = match invalid.field {
        "id" => ("refused".to_owned(), ""),
        "with_letters" => ("refused".to_owned(), " (--with-letters removes them too)"),
        "new_due" => ("--due".to_owned(), ""),
        "documents" => ("--document".to_owned(), ""),
        field => (format!("--{}", field.replace('_', "-")), ""),
    };
    Error::data(format!(
        "{option}: {}{hint}; nothing was written",
        invalid.message
    ))
}
