//! The form of each change, filled from the records it edits.

use super::{Field, FieldKind, Form, FormKind};
use crate::model::{City, Closing, Date, Docket, Extension, Letter, Reply, ReplyKind};

use FieldKind::{Date as DateField, Lines, Text};

/// What a due rule counts from, as the letter form offers it.
fn due_from_choice() -> FieldKind {
    FieldKind::Choice(vec!["sent".to_owned(), "received".to_owned()])
}

impl Form {
    /// A form for a new city; its id follows the name until typed into.
    pub fn add_city() -> Self {
        let mut form = Self::city_form(FormKind::AddCity, "New city".to_owned(), None);
        form.id_follows_name = true;
        form
    }

    /// A form editing a city (its id stays).
    pub fn edit_city(city: &City) -> Self {
        let title = format!("Edit city {}", city.id);
        let mut form = Self::city_form(FormKind::EditCity(city.id.clone()), title, Some(city));
        form.fields.remove(0);
        form
    }

    fn city_form(kind: FormKind, title: String, city: Option<&City>) -> Self {
        let value = |f: fn(&City) -> &str| city.map_or("", f);
        let fields = vec![
            Field::new("id", "Id", Text, value(|c| &c.id)),
            Field::new("name", "Name", Text, value(|c| &c.name)),
            Field::new("state", "State", Text, value(|c| &c.state)),
            Field::new("notes", "Notes", Lines, value(|c| &c.notes)),
        ];
        Self::new(kind, title, fields)
    }

    /// A form for a new letter, to `city` by default.
    pub fn add_letter(docket: &Docket, city: Option<&str>, as_of: Date) -> Self {
        let mut ids: Vec<String> = docket.cities.iter().map(|c| c.id.clone()).collect();
        if let Some(at) = city.and_then(|c| ids.iter().position(|id| id == c)) {
            ids.rotate_left(at);
        }
        let first = ids.first().cloned().unwrap_or_default();
        let fields = vec![
            Field::new("city", "City", FieldKind::Choice(ids), &first),
            Field::new("sent", "Sent", DateField, &as_of.to_string()),
            Field::new("received", "Received", DateField, ""),
            Field::new("due", "Due", FieldKind::Due, ""),
            Field::new("due_from", "Counts from", due_from_choice(), "sent"),
            Field::new("from", "From", Text, ""),
            Field::new("to", "To", Text, ""),
            Field::new("subject", "Subject", Text, ""),
            Field::new("program", "Program", Text, ""),
            Field::new("demands", "Demands", Lines, ""),
            Field::new("summary", "Summary", Lines, ""),
            Field::new("source", "Source", Text, ""),
            Field::new("tags", "Tags", Text, ""),
            Field::new("owner", "Owner", Text, ""),
            Field::new("also", "Also to", Text, ""),
            Field::new("matter", "Matter", Text, ""),
        ];
        Self::new(
            FormKind::AddLetter,
            "New letter".to_owned(),
            kept(fields, None),
        )
    }

    /// A form editing a letter, its city among the choices (its id, thread
    /// and closings stay).
    pub fn edit_letter(docket: &Docket, letter: &Letter) -> Self {
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let mut ids: Vec<String> = docket.cities.iter().map(|c| c.id.clone()).collect();
        if let Some(at) = ids.iter().position(|id| *id == letter.city) {
            ids.rotate_left(at);
        }
        // A rule shows as typed (`+11bd`), so that it stays a rule.
        let due = letter
            .due_rule
            .map_or_else(|| date(letter.due), |rule| rule.spec());
        let from = letter.due_rule.map_or("sent", |rule| rule.from.as_str());
        let fields = vec![
            Field::new("city", "City", FieldKind::Choice(ids), &letter.city),
            Field::new("sent", "Sent", DateField, &letter.sent.to_string()),
            Field::new("received", "Received", DateField, &date(letter.received)),
            Field::new("due", "Due", FieldKind::Due, &due),
            Field::new("due_from", "Counts from", due_from_choice(), from),
            Field::new("from", "From", Text, &letter.from),
            Field::new("to", "To", Text, &letter.to),
            Field::new("subject", "Subject", Text, &letter.subject),
            Field::new(
                "program",
                "Program",
                Text,
                letter.program.as_deref().unwrap_or(""),
            ),
            Field::new("demands", "Demands", Lines, &letter.demands.join("\n")),
            Field::new("summary", "Summary", Lines, &letter.summary),
            Field::new(
                "source",
                "Source",
                Text,
                letter.source.as_deref().unwrap_or(""),
            ),
            Field::new("tags", "Tags", Text, &letter.tags.join(", ")),
            Field::new(
                "owner",
                "Owner",
                Text,
                letter.owner.as_deref().unwrap_or(""),
            ),
            Field::new(
                "matter",
                "Matter",
                Text,
                letter.matter.as_deref().unwrap_or(""),
            ),
        ];
        let title = format!("Edit letter {}", letter.id);
        let fields = kept(fields, Some(letter));
        Self::new(FormKind::EditLetter(letter.id.clone()), title, fields)
    }

    /// A form recording a reply to `letter`, dated `as_of` by default.
    pub fn reply(letter: &Letter, as_of: Date) -> Self {
        let kinds = ReplyKind::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect();
        let fields = vec![
            Field::new("on", "On", DateField, &as_of.to_string()),
            Field::new("from", "From", Text, &letter.to),
            Field::new("kind", "Kind", FieldKind::Choice(kinds), "acknowledges"),
            Field::new("summary", "Summary", Lines, ""),
            Field::new("source", "Source", Text, ""),
        ];
        let title = format!("Reply to {}", letter.id);
        Self::new(FormKind::Reply(letter.id.clone()), title, fields)
    }

    /// A form editing the reply with this id, filled in.
    pub fn edit_reply(letter: &Letter, reply: &Reply) -> Self {
        let kinds = ReplyKind::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect();
        let fields = vec![
            Field::new("on", "On", DateField, &reply.on.to_string()),
            Field::new("from", "From", Text, &reply.from),
            Field::new(
                "kind",
                "Kind",
                FieldKind::Choice(kinds),
                reply.kind.as_str(),
            ),
            Field::new("summary", "Summary", Lines, &reply.summary),
            Field::new(
                "source",
                "Source",
                Text,
                reply.source.as_deref().unwrap_or(""),
            ),
        ];
        let title = format!("Edit reply {} of {}", reply.id, letter.id);
        let kind = FormKind::EditReply(letter.id.clone(), reply.id.clone());
        Self::new(kind, title, fields)
    }

    /// A form editing the extension with this id, filled in.
    pub fn edit_extension(letter: &Letter, extension: &Extension) -> Self {
        let fields = vec![
            Field::new(
                "granted_on",
                "Granted on",
                DateField,
                &extension.granted_on.to_string(),
            ),
            Field::new(
                "new_due",
                "New due",
                DateField,
                &extension.new_due.to_string(),
            ),
            Field::new("note", "Note", Text, &extension.note),
        ];
        let title = format!("Edit extension {} of {}", extension.id, letter.id);
        let kind = FormKind::EditExtension(letter.id.clone(), extension.id.clone());
        Self::new(kind, title, fields)
    }

    /// A form extending `letter`'s deadline, granted `as_of` by default.
    pub fn extend(letter: &Letter, as_of: Date) -> Self {
        let fields = vec![
            Field::new("granted_on", "Granted on", DateField, &as_of.to_string()),
            Field::new("new_due", "New due", DateField, ""),
            Field::new("note", "Note", Text, ""),
        ];
        let title = format!("Extend {}", letter.id);
        Self::new(FormKind::Extend(letter.id.clone()), title, fields)
    }

    /// A form closing `letter`, on `as_of` by default.
    pub fn close(letter: &Letter, as_of: Date) -> Self {
        let fields = vec![
            Field::new("on", "On", DateField, &as_of.to_string()),
            Field::new("outcome", "Outcome", Lines, ""),
        ];
        let title = format!("Close {}", letter.id);
        Self::new(FormKind::Close(letter.id.clone()), title, fields)
    }

    /// A form editing the closing with this id, filled in.
    pub fn edit_closing(letter: &Letter, closing: &Closing) -> Self {
        let reopened = closing
            .reopened_on
            .map(|d| d.to_string())
            .unwrap_or_default();
        let fields = vec![
            Field::new("on", "On", DateField, &closing.on.to_string()),
            Field::new("outcome", "Outcome", Lines, &closing.outcome),
            Field::new("reopened_on", "Reopened", DateField, &reopened),
        ];
        let title = format!("Edit closing {} of {}", closing.id, letter.id);
        let kind = FormKind::EditClosing(letter.id.clone(), closing.id.clone());
        Self::new(kind, title, fields)
    }

    /// The chooser of `letter`'s document to open: its labels, cycled.
    pub fn open_document(letter: &Letter) -> Self {
        let labels: Vec<String> = letter.documents.iter().map(|d| d.label.clone()).collect();
        let first = labels.first().cloned().unwrap_or_default();
        let fields = vec![Field::new(
            "document",
            "Document",
            FieldKind::Choice(labels),
            &first,
        )];
        let title = format!("Open a document of {}", letter.id);
        Self::new(FormKind::OpenDocument(letter.id.clone()), title, fields)
    }

    /// A form reopening `letter` on a date, the as-of date by default (not
    /// before its closing); the closing stays, ended that day.
    pub fn reopen(letter: &Letter, as_of: Date) -> Self {
        let on = letter.open_closing().map_or(as_of, |c| as_of.max(c.on));
        let fields = vec![Field::new("on", "On", DateField, &on.to_string())];
        let title = format!("Reopen {}", letter.id);
        Self::new(FormKind::Reopen(letter.id.clone()), title, fields)
    }
}

/// A letter form's `fields`, then what the letter keeps beside its thread:
/// its documents, one a line as `label | target`, and its private notes.
fn kept(mut fields: Vec<Field>, letter: Option<&Letter>) -> Vec<Field> {
    let documents = letter.map_or_else(String::new, |l| {
        (l.documents.iter())
            .map(|d| format!("{} | {}", d.label, d.target))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let notes = letter.map_or("", |l| l.private_notes.as_str());
    fields.push(Field::new("documents", "Documents", Lines, &documents));
    fields.push(Field::new("private_notes", "Private", Lines, notes));
    fields
}
