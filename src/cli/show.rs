//! `docket show LETTER`: one letter in full with its thread, as of the date.

use std::path::Path;

use serde::Serialize;

use super::list::ListItem;
use super::{Error, json_failed, load_outgoing, table};
use crate::export::status_phrase;
use crate::model::text::with_weekday;
use crate::model::{
    Closing, Date, Docket, Document, DueNotes, DueRule, DueUnit, Extension, Holidays, Letter,
    LogEntry, Reply, Settings,
};

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The letter's id (see `docket list`)
    #[arg(value_name = "LETTER")]
    id: String,
    /// Print a JSON object instead of text
    #[arg(long)]
    json: bool,
    /// Show the letter's private notes too (left out otherwise)
    #[arg(long)]
    include_private: bool,
}

/// One letter as `show --json` prints it: the fields of `list --json` (where
/// `due` is the effective due date), then the rest of the letter, with the
/// replies, extensions and closing dated on or before the as-of date.
#[derive(Debug, Serialize)]
pub struct LetterView<'a> {
    #[serde(flatten)]
    pub item: ListItem<'a>,
    pub state: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub program: Option<&'a str>,
    pub received: Option<Date>,
    pub original_due: Option<Date>,
    /// The rule the original due date is computed by, if any.
    pub due_rule: Option<DueRuleView>,
    /// The roll-forward and the deadlines on days off, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub due_notes: Vec<String>,
    pub demands: &'a [String],
    pub summary: &'a str,
    pub source: Option<&'a str>,
    pub tags: &'a [String],
    /// The letter's documents: label and target (a path or URL).
    pub documents: &'a [Document],
    /// Only with `--include-private`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_notes: Option<&'a str>,
    /// The notes on the letter's city, empty if none.
    pub city_notes: &'a str,
    pub replies: Vec<ReplyView<'a>>,
    pub extensions: Vec<&'a Extension>,
    /// The closing in force as of the date.
    pub closed: Option<&'a Closing>,
    /// Every closing made by the date, its reopening if made by then.
    pub closings: Vec<ClosingView<'a>>,
    /// Who changed what, oldest first.
    pub log: &'a [LogEntry],
}

/// A due rule in `show --json`: `{"count": 11, "unit": "business-days", "from": "sent"}`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DueRuleView {
    pub count: u32,
    pub unit: &'static str,
    pub from: &'static str,
}

impl From<DueRule> for DueRuleView {
    fn from(rule: DueRule) -> Self {
        DueRuleView {
            count: rule.count,
            unit: match rule.unit {
                DueUnit::Days => "days",
                DueUnit::BusinessDays => "business-days",
            },
            from: rule.from.as_str(),
        }
    }
}

/// A closing in `show --json`, as it stood on the as-of date.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ClosingView<'a> {
    pub id: &'a str,
    pub on: Date,
    pub outcome: &'a str,
    pub reopened_on: Option<Date>,
}

/// A reply in `show --json`: its kind in kebab-case, and whether it answers.
#[derive(Debug, Serialize)]
pub struct ReplyView<'a> {
    pub id: &'a str,
    pub on: Date,
    pub from: &'a str,
    pub kind: &'static str,
    pub answers: bool,
    pub summary: &'a str,
    pub source: Option<&'a str>,
}

impl<'a> LetterView<'a> {
    pub fn new(docket: &'a Docket, letter: &'a Letter, as_of: Date, holidays: &Holidays) -> Self {
        let reply = |r: &'a Reply| ReplyView {
            id: &r.id,
            on: r.on,
            from: &r.from,
            kind: r.kind.as_str(),
            answers: r.kind.answers(),
            summary: &r.summary,
            source: r.source.as_deref(),
        };
        let closings = (letter.closings_by_date().into_iter())
            .filter(|c| c.on <= as_of)
            .map(|c| ClosingView {
                id: &c.id,
                on: c.on,
                outcome: &c.outcome,
                reopened_on: c.reopened_on.filter(|&r| r <= as_of),
            })
            .collect();
        LetterView {
            item: ListItem::new(docket, letter, as_of, holidays),
            state: docket.city(&letter.city).map_or("", |c| c.state.as_str()),
            from: &letter.from,
            to: &letter.to,
            program: letter.program.as_deref(),
            received: letter.received,
            original_due: letter.due,
            due_rule: letter.due_rule.map(DueRuleView::from),
            due_notes: notes_in_words(&letter.due_notes(as_of, &docket.settings)),
            demands: &letter.demands,
            summary: &letter.summary,
            source: letter.source.as_deref(),
            tags: &letter.tags,
            documents: &letter.documents,
            private_notes: None,
            city_notes: docket.city(&letter.city).map_or("", |c| c.notes.as_str()),
            replies: letter.replies_as_of(as_of).into_iter().map(reply).collect(),
            extensions: letter.extensions_as_of(as_of),
            closed: letter.closed_as_of(as_of),
            closings,
            log: &letter.log,
        }
    }
}

pub fn run(path: &Path, as_of: Date, args: &ShowArgs) -> Result<(), Error> {
    let docket = load_outgoing(path, args.include_private)?;
    let letter = docket.letter(&args.id).ok_or_else(|| {
        Error::data(format!(
            "{}: no letter with id {:?}",
            path.display(),
            args.id
        ))
    })?;
    if !letter.is_sent(as_of) {
        return Err(Error::data(format!(
            "letter {:?} was sent on {}, after the as-of date {as_of}",
            letter.id, letter.sent
        )));
    }
    let holidays = docket.settings.calendar.holidays_around(as_of);
    let view = LetterView {
        private_notes: args
            .include_private
            .then_some(letter.private_notes.as_str()),
        ..LetterView::new(&docket, letter, as_of, &holidays)
    };
    if args.json {
        let json = serde_json::to_string_pretty(&view).map_err(|err| json_failed(&err))?;
        println!("{json}");
    } else {
        print!(
            "{}",
            crate::text_safety::visible(&render(
                &view,
                letter,
                (as_of, &docket.settings, &holidays)
            ))
        );
    }
    Ok(())
}

/// The letter as text: its fields aligned, then demands, summary and thread.
fn render(view: &LetterView, letter: &Letter, counted: Counted) -> String {
    let mut out = table::render(&header_rows(view, letter, counted));
    let mut section = |title: &str, lines: Vec<String>| {
        out.push_str(&format!("\n{title}\n"));
        if lines.is_empty() {
            out.push_str("  (none)\n");
        }
        for line in lines {
            out.push_str(&format!("  {line}\n"));
        }
    };
    section(
        "Demands",
        view.demands
            .iter()
            .map(|d| format!("- {}", d.replace('\n', "\n    ")))
            .collect(),
    );
    section("Summary", view.summary.lines().map(str::to_owned).collect());
    let replies = view.replies.iter().map(|r| {
        // The sender's name stays on the entry's line.
        let from = crate::export::one_line(r.from);
        let r = &ReplyView { from: &from, ..*r };
        let summary = indented(r.summary);
        let source = r
            .source
            .map_or(String::new(), |s| indented(&format!("source: {s}")));
        format!(
            "{}  {}  {}  {}{summary}{source}",
            r.id,
            with_weekday(r.on),
            r.from,
            r.kind
        )
    });
    section("Replies", replies.collect());
    let extensions = view.extensions.iter().map(|e| {
        format!(
            "{}  {}  new due {}{}",
            e.id,
            with_weekday(e.granted_on),
            with_weekday(e.new_due),
            indented(&e.note)
        )
    });
    section("Extensions", extensions.collect());
    let closed = view.closings.iter().map(|c| {
        let reopened = c
            .reopened_on
            .map_or(String::new(), |r| format!("  reopened {}", with_weekday(r)));
        format!(
            "{}  {}{reopened}{}",
            c.id,
            with_weekday(c.on),
            indented(c.outcome)
        )
    });
    section("Closed", closed.collect());
    if !view.documents.is_empty() {
        let documents = view.documents.iter().map(|d| {
            format!(
                "{}: {}",
                crate::export::one_line(&d.label),
                crate::export::one_line(&d.target)
            )
        });
        section("Documents", documents.collect());
    }
    if let Some(notes) = view.private_notes {
        section(
            "Private notes (privileged: keep them in the office)",
            notes.lines().map(str::to_owned).collect(),
        );
    }
    if !view.city_notes.is_empty() {
        section(
            "City notes",
            view.city_notes.lines().map(str::to_owned).collect(),
        );
    }
    let history = view.log.iter().map(|entry| {
        let at = entry.at.format("%Y-%m-%d %H:%M");
        let by = crate::export::one_line(&entry.by);
        format!("{at}  {by}  {}", crate::export::one_line(&entry.what))
    });
    let history: Vec<String> = history.collect();
    if !history.is_empty() {
        section("History", history);
    }
    out
}

/// Text on the lines below an entry, indented under it.
fn indented(text: &str) -> String {
    text.lines().fold(String::new(), |mut out, line| {
        out += "\n    ";
        out += line;
        out
    })
}

/// The as-of date, the settings and the days off a countdown is counted with.
type Counted<'a> = (Date, &'a Settings, &'a Holidays);

/// The roll-forward, then each deadline on a day off, in words.
fn notes_in_words(notes: &DueNotes) -> Vec<String> {
    let closed = notes.closed.iter().map(ToString::to_string);
    notes.rolled.iter().cloned().chain(closed).collect()
}

fn header_rows(view: &LetterView, letter: &Letter, counted: Counted) -> Vec<Vec<String>> {
    let (as_of, settings, holidays) = counted;
    let city = match view.state {
        "" => view.item.city_name.to_owned(),
        state => format!("{}, {state}", view.item.city_name),
    };
    let due = match (view.item.due, view.original_due) {
        (Some(due), Some(original)) if due != original => {
            format!(
                "{}, extended from {}",
                with_weekday(due),
                with_weekday(original)
            )
        }
        (Some(due), _) => with_weekday(due),
        (None, _) => "none".to_owned(),
    };
    let rule = letter.due_notes(as_of, settings).rule;
    let due = match rule {
        Some(rule) => format!("{due}: {rule}"),
        None => due,
    };
    let mut rows = vec![
        ("Letter", view.item.id.to_owned()),
        ("City", city),
        ("From", view.from.to_owned()),
        ("To", view.to.to_owned()),
        ("Subject", view.item.subject.to_owned()),
    ];
    rows.extend(view.program.map(|p| ("Program", p.to_owned())));
    rows.extend(view.item.owner.map(|o| ("Owner", o.to_owned())));
    rows.push(("Sent", with_weekday(view.item.sent)));
    rows.extend(view.received.map(|r| ("Received", with_weekday(r))));
    rows.push(("Due", due));
    rows.extend(view.due_notes.iter().map(|note| ("", note.clone())));
    let status = status_phrase(letter, as_of, settings, holidays);
    rows.push(("Status", status));
    rows.extend(view.source.map(|s| ("Source", s.to_owned())));
    if !view.tags.is_empty() {
        rows.push(("Tags", view.tags.join(", ")));
    }
    rows.into_iter()
        .map(|(label, value)| vec![label.to_owned(), crate::export::one_line(&value)])
        .collect()
}
