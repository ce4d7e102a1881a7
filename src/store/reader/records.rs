//! Cities and letters with what they hold, field by field as serde's
//! derived readers take them: in any order, each at most once, no unknown
//! one, the optional ones defaulted, the others required.

use super::cursor::{Cursor, Seen};
use crate::model::{
    City, Closing, Date, Document, DueFrom, DueRule, DueUnit, Extension, Letter, LogEntry, Reply,
    ReplyKind,
};

pub(super) fn city(c: &mut Cursor<'_>) -> Option<City> {
    let mut fields = c.open("City")?;
    let mut seen = Seen::default();
    let (mut id, mut name, mut state) = (None, None, None);
    let (mut notes, mut log) = (String::new(), Vec::new());
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "id" => (seen.first(0)?, id = Some(c.string()?)),
            "name" => (seen.first(1)?, name = Some(c.string()?)),
            "state" => (seen.first(2)?, state = Some(c.string()?)),
            "notes" => (seen.first(3)?, notes = c.string()?),
            "log" => (seen.first(4)?, log = c.list(log_entry)?),
            _ => return None,
        };
    }
    Some(City {
        id: id?,
        name: name?,
        state: state?,
        notes,
        log,
    })
}

/// A letter, version 1's `closed` read as its last closing.
pub(super) fn letter(c: &mut Cursor<'_>) -> Option<Letter> {
    let mut fields = c.open("Letter")?;
    let mut seen = Seen::default();
    let mut letter = Letter::new(String::new(), Date::MIN);
    let mut closed = None;
    while let Some(field) = c.field(&mut fields)? {
        if field == "closed" {
            seen.first(31)?;
            closed = c.option(closing)?;
        } else {
            letter_field(c, field, &mut seen, &mut letter)?;
        }
    }
    // id, city, from, to, subject and sent are required.
    if !seen.all(0b10_0001_1111) {
        return None;
    }
    letter.closings.extend(closed);
    Some(letter)
}

fn letter_field(c: &mut Cursor<'_>, field: &str, seen: &mut Seen, l: &mut Letter) -> Option<()> {
    let text = |c: &mut Cursor<'_>| c.string();
    match field {
        "id" => (seen.first(0)?, l.id = c.string()?),
        "city" => (seen.first(1)?, l.city = c.string()?),
        "from" => (seen.first(2)?, l.from = c.string()?),
        "to" => (seen.first(3)?, l.to = c.string()?),
        "subject" => (seen.first(4)?, l.subject = c.string()?),
        "program" => (seen.first(6)?, l.program = c.option(text)?),
        "sent" => (seen.first(9)?, l.sent = c.date()?),
        "received" => (seen.first(10)?, l.received = c.option(Cursor::date)?),
        "due" => (seen.first(11)?, l.due = c.option(Cursor::date)?),
        "due_rule" => (seen.first(12)?, l.due_rule = c.option(due_rule)?),
        "owner" => (seen.first(13)?, l.owner = c.option(text)?),
        "matter" => (seen.first(14)?, l.matter = c.option(text)?),
        "demands" => (seen.first(15)?, l.demands = c.list(text)?),
        "summary" => (seen.first(16)?, l.summary = c.string()?),
        "source" => (seen.first(17)?, l.source = c.option(text)?),
        "tags" => (seen.first(18)?, l.tags = c.list(text)?),
        "private_notes" => (seen.first(19)?, l.private_notes = c.string()?),
        "documents" => (seen.first(20)?, l.documents = c.list(document)?),
        "replies" => (seen.first(21)?, l.replies = c.list(reply)?),
        "extensions" => (seen.first(22)?, l.extensions = c.list(extension)?),
        "closings" => (seen.first(23)?, l.closings = c.list(closing)?),
        "log" => (seen.first(24)?, l.log = c.list(log_entry)?),
        "retired_ids" => (seen.first(25)?, l.retired_ids = c.list(text)?),
        _ => return None,
    };
    Some(())
}

fn reply(c: &mut Cursor<'_>) -> Option<Reply> {
    let mut fields = c.open("Reply")?;
    let mut seen = Seen::default();
    let (mut on, mut from, mut kind) = (None, None, None);
    let (mut id, mut summary, mut source) = (String::new(), String::new(), None);
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "id" => (seen.first(0)?, id = c.string()?),
            "on" => (seen.first(1)?, on = Some(c.date()?)),
            "from" => (seen.first(2)?, from = Some(c.string()?)),
            "kind" => (seen.first(3)?, kind = Some(reply_kind(c)?)),
            "summary" => (seen.first(4)?, summary = c.string()?),
            "source" => (seen.first(5)?, source = c.option(Cursor::string)?),
            _ => return None,
        };
    }
    Some(Reply {
        id,
        on: on?,
        from: from?,
        kind: kind?,
        summary,
        source,
    })
}

fn reply_kind(c: &mut Cursor<'_>) -> Option<ReplyKind> {
    Some(match c.ident()? {
        "Acknowledges" => ReplyKind::Acknowledges,
        "Complies" => ReplyKind::Complies,
        "Disputes" => ReplyKind::Disputes,
        "Refuses" => ReplyKind::Refuses,
        "AsksExtension" => ReplyKind::AsksExtension,
        "Other" => ReplyKind::Other,
        _ => return None,
    })
}

fn extension(c: &mut Cursor<'_>) -> Option<Extension> {
    let mut fields = c.open("Extension")?;
    let mut seen = Seen::default();
    let (mut granted_on, mut new_due) = (None, None);
    let (mut id, mut note) = (String::new(), String::new());
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "id" => (seen.first(0)?, id = c.string()?),
            "granted_on" => (seen.first(1)?, granted_on = Some(c.date()?)),
            "new_due" => (seen.first(2)?, new_due = Some(c.date()?)),
            "note" => (seen.first(3)?, note = c.string()?),
            _ => return None,
        };
    }
    Some(Extension {
        id,
        granted_on: granted_on?,
        new_due: new_due?,
        note,
    })
}

fn closing(c: &mut Cursor<'_>) -> Option<Closing> {
    let mut fields = c.open("Closing")?;
    let mut seen = Seen::default();
    let mut on = None;
    let (mut id, mut outcome, mut reopened_on) = (String::new(), String::new(), None);
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "id" => (seen.first(0)?, id = c.string()?),
            "on" => (seen.first(1)?, on = Some(c.date()?)),
            "outcome" => (seen.first(2)?, outcome = c.string()?),
            "reopened_on" => (seen.first(3)?, reopened_on = c.option(Cursor::date)?),
            _ => return None,
        };
    }
    Some(Closing {
        id,
        on: on?,
        outcome,
        reopened_on,
    })
}

fn due_rule(c: &mut Cursor<'_>) -> Option<DueRule> {
    let mut fields = c.open("DueRule")?;
    let mut seen = Seen::default();
    let (mut count, mut unit, mut from) = (None, None, None);
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "count" => {
                seen.first(0)?;
                count = Some(c.u32()?);
            }
            "unit" => {
                seen.first(1)?;
                unit = Some(match c.ident()? {
                    "Days" => DueUnit::Days,
                    "BusinessDays" => DueUnit::BusinessDays,
                    _ => return None,
                });
            }
            "from" => {
                seen.first(2)?;
                from = Some(match c.ident()? {
                    "Sent" => DueFrom::Sent,
                    "Received" => DueFrom::Received,
                    _ => return None,
                });
            }
            _ => return None,
        }
    }
    Some(DueRule {
        count: count?,
        unit: unit?,
        from: from?,
    })
}

fn document(c: &mut Cursor<'_>) -> Option<Document> {
    let mut fields = c.open("Document")?;
    let mut seen = Seen::default();
    let (mut label, mut target) = (None, None);
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "label" => (seen.first(0)?, label = Some(c.string()?)),
            "target" => (seen.first(1)?, target = Some(c.string()?)),
            _ => return None,
        };
    }
    Some(Document {
        label: label?,
        target: target?,
    })
}

/// A log entry, written `Change(...)`.
pub(super) fn log_entry(c: &mut Cursor<'_>) -> Option<LogEntry> {
    let mut fields = c.open("Change")?;
    let mut seen = Seen::default();
    let (mut at, mut by, mut what) = (None, None, None);
    while let Some(field) = c.field(&mut fields)? {
        match field {
            "at" => (seen.first(0)?, at = Some(c.date_time()?)),
            "by" => (seen.first(1)?, by = Some(c.string()?)),
            "what" => (seen.first(2)?, what = Some(c.string()?)),
            _ => return None,
        };
    }
    Some(LogEntry {
        at: at?,
        by: by?,
        what: what?,
    })
}
