//! `edit` and the removal of replies and extensions: the record as it is,
//! with only the options given changed, through the same rules, lock and
//! atomic save as every change.

use clap::{Args, Subcommand};

use super::deadline::DeadlineArgs;
use super::{Error, resolve};
use crate::model::{Change, Date, DateSpec, Docket, Document, Letter, ReplyKind};

/// What to edit.
#[derive(Debug, Subcommand)]
#[allow(
    clippy::large_enum_variant,
    reason = "parsed once a run; a box would only cost clap's derive its simplicity"
)]
pub enum EditCommand {
    /// Edit a city's name, state or notes
    City(EditCity),
    /// Edit a letter, or move it to another city (its id stays)
    Letter(EditLetter),
    /// Edit a reply, by its id as `show` prints it (r1, r2...)
    Reply(EditReply),
    /// Edit an extension, by its id as `show` prints it (x1, x2...)
    Extension(EditExtension),
}

#[derive(Debug, Args)]
pub struct EditCity {
    /// The city's id
    id: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    state: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditLetter {
    /// The letter's id
    id: String,
    /// Move the letter to this city (its id stays)
    #[arg(long)]
    city: Option<String>,
    #[arg(long, value_name = "DATE")]
    sent: Option<DateSpec>,
    #[command(flatten)]
    deadline: DeadlineArgs,
    /// Remove the due date and its rule
    #[arg(long, conflicts_with = "due")]
    no_due: bool,
    /// Remove the date received
    #[arg(long, conflicts_with = "received")]
    no_received: bool,
    #[arg(long)]
    from: Option<String>,
    #[arg(long)]
    to: Option<String>,
    #[arg(long)]
    subject: Option<String>,
    /// The program; an empty one removes it
    #[arg(long)]
    program: Option<String>,
    /// One demand; repeat for several (they replace the letter's demands)
    #[arg(long = "demand", value_name = "TEXT")]
    demands: Vec<String>,
    #[arg(long)]
    summary: Option<String>,
    /// A URL or citation; an empty one removes it
    #[arg(long)]
    source: Option<String>,
    /// A tag; repeat for several (they replace the letter's tags)
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Who handles the letter; an empty one removes the owner
    #[arg(long, value_name = "NAME", conflicts_with = "no_owner")]
    owner: Option<String>,
    /// Remove the owner
    #[arg(long)]
    no_owner: bool,
    /// Put the letter in this matter; an empty one takes it out
    #[arg(long, value_name = "ID")]
    matter: Option<String>,
    /// Privileged notes (replace the letter's; an empty text removes them)
    #[arg(long, value_name = "TEXT")]
    private_notes: Option<String>,
    /// Add a document as LABEL=TARGET, or give a label a new target; repeat for several
    #[arg(long = "document", value_name = "LABEL=TARGET", value_parser = super::change::parse_document)]
    documents: Vec<Document>,
    /// Remove the document with this label; repeat for several
    #[arg(long = "rm-document", value_name = "LABEL")]
    rm_documents: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EditReply {
    /// The letter's id
    letter: String,
    /// The reply's id (r1, r2...)
    reply: String,
    #[arg(long, value_name = "DATE")]
    on: Option<DateSpec>,
    #[arg(long)]
    from: Option<String>,
    /// acknowledges, complies, disputes, refuses, asks-extension or other
    #[arg(long)]
    kind: Option<ReplyKind>,
    #[arg(long)]
    summary: Option<String>,
    /// A URL or citation; an empty one removes it
    #[arg(long)]
    source: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditExtension {
    /// The letter's id
    letter: String,
    /// The extension's id (x1, x2...)
    extension: String,
    #[arg(long, value_name = "DATE")]
    granted_on: Option<DateSpec>,
    /// The new due date
    #[arg(long, value_name = "DATE")]
    due: Option<DateSpec>,
    #[arg(long)]
    note: Option<String>,
}

/// An optional text: empty means none.
fn optional(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

fn letter_of<'a>(docket: &'a Docket, id: &str) -> Result<&'a Letter, Error> {
    docket.letter(id).ok_or_else(|| {
        Error::data(format!(
            "refused: no letter with id {id:?}; nothing was written"
        ))
    })
}

fn no_entry(what: &str, letter: &str, id: &str) -> Error {
    Error::data(format!(
        "refused: letter {letter} has no {what} {id:?} (`docket show {letter}` lists them); \
         nothing was written"
    ))
}

impl EditCommand {
    /// The change asked for, made on the record as `docket` holds it, and
    /// the id it touches.
    pub fn change(self, docket: &Docket, today: Date) -> Result<(Change, String), Error> {
        let set = |field: &mut String, value: Option<String>| {
            if let Some(value) = value {
                *field = value;
            }
        };
        Ok(match self {
            EditCommand::City(c) => {
                let mut city = (docket.city(&c.id).cloned()).ok_or_else(|| {
                    Error::data(format!(
                        "refused: no city with id {:?}; nothing was written",
                        c.id
                    ))
                })?;
                set(&mut city.name, c.name);
                set(&mut city.state, c.state);
                set(&mut city.notes, c.notes);
                (Change::EditCity(city), c.id)
            }
            EditCommand::Letter(l) => {
                let mut letter = letter_of(docket, &l.id)?.clone();
                set(&mut letter.city, l.city);
                if let Some(sent) = l.sent {
                    letter.sent = resolve(sent, today)?;
                }
                l.deadline.apply_to(&mut letter, today)?;
                if l.no_due {
                    letter.due = None;
                    letter.due_rule = None;
                }
                if l.no_received {
                    letter.received = None;
                }
                set(&mut letter.from, l.from);
                set(&mut letter.to, l.to);
                set(&mut letter.subject, l.subject);
                if let Some(program) = l.program {
                    letter.program = optional(program);
                }
                if !l.demands.is_empty() {
                    letter.demands = l.demands;
                }
                set(&mut letter.summary, l.summary);
                if let Some(source) = l.source {
                    letter.source = optional(source);
                }
                if !l.tags.is_empty() {
                    letter.tags = l.tags;
                }
                if let Some(owner) = l.owner {
                    letter.owner = super::change::owner_name(&owner);
                }
                if l.no_owner {
                    letter.owner = None;
                }
                if let Some(matter) = l.matter {
                    letter.matter = optional(matter);
                }
                set(&mut letter.private_notes, l.private_notes);
                edit_documents(&mut letter, l.rm_documents, l.documents)?;
                (Change::EditLetter(letter), l.id)
            }
            EditCommand::Reply(r) => {
                let letter = letter_of(docket, &r.letter)?;
                let mut reply = (letter.replies.iter().find(|x| x.id == r.reply).cloned())
                    .ok_or_else(|| no_entry("reply", &r.letter, &r.reply))?;
                if let Some(on) = r.on {
                    reply.on = resolve(on, today)?;
                }
                set(&mut reply.from, r.from);
                if let Some(kind) = r.kind {
                    reply.kind = kind;
                }
                set(&mut reply.summary, r.summary);
                if let Some(source) = r.source {
                    reply.source = optional(source);
                }
                (Change::EditReply(r.letter, reply), r.reply)
            }
            EditCommand::Extension(e) => {
                let letter = letter_of(docket, &e.letter)?;
                let mut extension = (letter
                    .extensions
                    .iter()
                    .find(|x| x.id == e.extension)
                    .cloned())
                .ok_or_else(|| no_entry("extension", &e.letter, &e.extension))?;
                if let Some(granted_on) = e.granted_on {
                    extension.granted_on = resolve(granted_on, today)?;
                }
                if let Some(due) = e.due {
                    extension.new_due = resolve(due, today)?;
                }
                set(&mut extension.note, e.note);
                (Change::EditExtension(e.letter, extension), e.extension)
            }
        })
    }
}

/// Removes the documents labelled `removed`, then adds `added` (a label
/// the letter has gets the new target, in its place).
fn edit_documents(
    letter: &mut Letter,
    removed: Vec<String>,
    added: Vec<Document>,
) -> Result<(), Error> {
    for label in removed {
        let at = (letter.documents.iter().position(|d| d.label == label)).ok_or_else(|| {
            Error::data(format!(
                "--rm-document: letter {} has no document labelled {label:?} \
                 (`docket show {}` lists them); nothing was written",
                letter.id, letter.id
            ))
        })?;
        letter.documents.remove(at);
    }
    for document in added {
        match letter
            .documents
            .iter_mut()
            .find(|d| d.label == document.label)
        {
            Some(existing) => *existing = document,
            None => letter.documents.push(document),
        }
    }
    Ok(())
}

/// The id a removal touches, checked first so a wrong one is named plainly.
pub fn removed_entry(docket: &Docket, change: &Change) -> Result<Option<String>, Error> {
    match change {
        Change::RemoveReply(letter, reply) => {
            let found = letter_of(docket, letter)?
                .replies
                .iter()
                .any(|r| &r.id == reply);
            found
                .then(|| Some(reply.clone()))
                .ok_or_else(|| no_entry("reply", letter, reply))
        }
        Change::RemoveExtension(letter, extension) => {
            let found = (letter_of(docket, letter)?.extensions.iter()).any(|e| &e.id == extension);
            found
                .then(|| Some(extension.clone()))
                .ok_or_else(|| no_entry("extension", letter, extension))
        }
        _ => Ok(None),
    }
}
