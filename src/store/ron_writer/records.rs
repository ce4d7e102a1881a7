//! Each record of a docket as RON text.

use std::fmt::Write as _;

use super::text::{
    close_struct, date, date_field, end_field, field, list, list_field, option, option_field,
    str_field, string,
};
use crate::model::{
    Calendar, CalendarBase, City, Closing, Conflict, Document, DueFrom, DueRule, DueUnit,
    Extension, Holiday, Letter, LogEntry, Reply, ReplyKind, Settings,
};

pub(super) fn city(out: &mut String, c: &City, depth: usize) {
    out.push_str("City(\n");
    str_field(out, depth, "id", &c.id);
    str_field(out, depth, "name", &c.name);
    str_field(out, depth, "state", &c.state);
    str_field(out, depth, "notes", &c.notes);
    log_field(out, depth, &c.log);
    close_struct(out, depth);
}

pub(super) fn letter(out: &mut String, l: &Letter, depth: usize) {
    out.push_str("Letter(\n");
    for (name, value) in [
        ("id", &l.id),
        ("city", &l.city),
        ("from", &l.from),
        ("to", &l.to),
        ("subject", &l.subject),
    ] {
        str_field(out, depth, name, value);
    }
    option_field(out, depth, "program", l.program.as_deref(), string);
    date_field(out, depth, "sent", l.sent);
    if l.received.is_some() {
        option_field(out, depth, "received", l.received, date);
    }
    option_field(out, depth, "due", l.due, date);
    if l.due_rule.is_some() {
        option_field(out, depth, "due_rule", l.due_rule, |out, r| {
            due_rule(out, r, depth + 1);
        });
    }
    for (name, value) in [("owner", &l.owner), ("matter", &l.matter)] {
        if value.is_some() {
            option_field(out, depth, name, value.as_deref(), string);
        }
    }
    list_field(out, depth, "demands", &l.demands, |out, d, _| {
        string(out, d);
    });
    str_field(out, depth, "summary", &l.summary);
    option_field(out, depth, "source", l.source.as_deref(), string);
    list_field(out, depth, "tags", &l.tags, |out, t, _| {
        string(out, t);
    });
    if !l.private_notes.is_empty() {
        str_field(out, depth, "private_notes", &l.private_notes);
    }
    if !l.documents.is_empty() {
        list_field(out, depth, "documents", &l.documents, document);
    }
    list_field(out, depth, "replies", &l.replies, reply);
    list_field(out, depth, "extensions", &l.extensions, extension);
    list_field(out, depth, "closings", &l.closings, closing);
    log_field(out, depth, &l.log);
    if !l.retired_ids.is_empty() {
        list_field(out, depth, "retired_ids", &l.retired_ids, |out, id, _| {
            string(out, id);
        });
    }
    close_struct(out, depth);
}

fn reply(out: &mut String, r: &Reply, depth: usize) {
    out.push_str("Reply(\n");
    str_field(out, depth, "id", &r.id);
    date_field(out, depth, "on", r.on);
    str_field(out, depth, "from", &r.from);
    field(out, depth, "kind");
    out.push_str(kind(r.kind));
    end_field(out);
    str_field(out, depth, "summary", &r.summary);
    field(out, depth, "source");
    option(out, r.source.as_ref(), |out, s| string(out, s));
    end_field(out);
    close_struct(out, depth);
}

fn kind(kind: ReplyKind) -> &'static str {
    match kind {
        ReplyKind::Acknowledges => "Acknowledges",
        ReplyKind::Complies => "Complies",
        ReplyKind::Disputes => "Disputes",
        ReplyKind::Refuses => "Refuses",
        ReplyKind::AsksExtension => "AsksExtension",
        ReplyKind::Other => "Other",
    }
}

fn extension(out: &mut String, e: &Extension, depth: usize) {
    out.push_str("Extension(\n");
    str_field(out, depth, "id", &e.id);
    date_field(out, depth, "granted_on", e.granted_on);
    date_field(out, depth, "new_due", e.new_due);
    str_field(out, depth, "note", &e.note);
    close_struct(out, depth);
}

fn closing(out: &mut String, c: &Closing, depth: usize) {
    out.push_str("Closing(\n");
    str_field(out, depth, "id", &c.id);
    date_field(out, depth, "on", c.on);
    str_field(out, depth, "outcome", &c.outcome);
    field(out, depth, "reopened_on");
    option(out, c.reopened_on, date);
    end_field(out);
    close_struct(out, depth);
}

fn due_rule(out: &mut String, r: DueRule, depth: usize) {
    out.push_str("DueRule(\n");
    field(out, depth, "count");
    let _ = write!(out, "{}", r.count);
    end_field(out);
    field(out, depth, "unit");
    out.push_str(match r.unit {
        DueUnit::Days => "Days",
        DueUnit::BusinessDays => "BusinessDays",
    });
    end_field(out);
    field(out, depth, "from");
    out.push_str(match r.from {
        DueFrom::Sent => "Sent",
        DueFrom::Received => "Received",
    });
    end_field(out);
    close_struct(out, depth);
}

fn document(out: &mut String, d: &Document, depth: usize) {
    out.push_str("Document(\n");
    str_field(out, depth, "label", &d.label);
    str_field(out, depth, "target", &d.target);
    close_struct(out, depth);
}

/// The `log` field of a record at `depth`, when it has entries.
fn log_field(out: &mut String, depth: usize, log: &[LogEntry]) {
    if !log.is_empty() {
        field(out, depth, "log");
        list(out, log, depth + 1, log_entry);
        end_field(out);
    }
}

fn log_entry(out: &mut String, e: &LogEntry, depth: usize) {
    out.push_str("Change(\n");
    field(out, depth, "at");
    let _ = write!(out, "\"{:?}\"", e.at);
    end_field(out);
    str_field(out, depth, "by", &e.by);
    str_field(out, depth, "what", &e.what);
    close_struct(out, depth);
}

pub(super) fn settings(out: &mut String, s: &Settings, depth: usize) {
    out.push_str("Settings(\n");
    field(out, depth, "due_soon_days");
    let _ = write!(out, "{}", s.due_soon_days);
    end_field(out);
    field(out, depth, "reminders");
    list(out, &s.reminders, depth + 1, |out, days, _| {
        let _ = write!(out, "{days}");
    });
    end_field(out);
    field(out, depth, "roll_forward");
    out.push_str(if s.roll_forward { "true" } else { "false" });
    end_field(out);
    field(out, depth, "calendar");
    calendar(out, &s.calendar, depth + 1);
    end_field(out);
    close_struct(out, depth);
}

fn calendar(out: &mut String, c: &Calendar, depth: usize) {
    out.push_str("Calendar(\n");
    field(out, depth, "base");
    out.push_str(match c.base {
        CalendarBase::UsFederal => "UsFederal",
        CalendarBase::NoHolidays => "NoHolidays",
    });
    end_field(out);
    field(out, depth, "extra");
    list(out, &c.extra, depth + 1, holiday);
    end_field(out);
    field(out, depth, "removed");
    list(out, &c.removed, depth + 1, |out, day, _| date(out, *day));
    end_field(out);
    close_struct(out, depth);
}

fn holiday(out: &mut String, h: &Holiday, depth: usize) {
    out.push_str("Holiday(\n");
    date_field(out, depth, "on", h.on);
    str_field(out, depth, "name", &h.name);
    close_struct(out, depth);
}

pub(super) fn conflict(out: &mut String, c: &Conflict, depth: usize) {
    out.push_str("Conflict(\n");
    str_field(out, depth, "record", &c.record);
    str_field(out, depth, "field", &c.field);
    for (name, value) in [("base", &c.base), ("ours", &c.ours), ("theirs", &c.theirs)] {
        field(out, depth, name);
        option(out, value.as_ref(), |out, v| string(out, v));
        end_field(out);
    }
    close_struct(out, depth);
}
