//! `docket show LETTER`: one letter in full with its thread, as of the date.

use std::path::Path;

use serde::Serialize;

use super::list::ListItem;
use super::{Error, json_failed, load_outgoing, table};
use crate::export::status_phrase;
use crate::model::text::with_weekday;
use crate::model::{Closing, Date, Docket, Document, Extension, Letter, Reply};

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
    pub original_due: Option<Date>,
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
    pub fn new(docket: &'a Docket, letter: &'a Letter, as_of: Date) -> Self {
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
            item: ListItem::new(docket, letter, as_of),
            state: docket.city(&letter.city).map_or("", |c| c.state.as_str()),
            from: &letter.from,
            to: &letter.to,
            program: letter.program.as_deref(),
            original_due: letter.due,
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
    let view = LetterView {
        private_notes: args
            .include_private
            .then_some(letter.private_notes.as_str()),
        ..LetterView::new(&docket, letter, as_of)
    };
    if args.json {
        let json = serde_json::to_string_pretty(&view).map_err(|err| json_failed(&err))?;
        println!("{json}");
    } else {
        print!(
            "{}",
            crate::text_safety::visible(&render(&view, letter, as_of))
        );
    }
    Ok(())
}

/// The letter as text: its fields aligned, then demands, summary and thread.
fn render(view: &LetterView, letter: &Letter, as_of: Date) -> String {
    let mut out = table::render(&header_rows(view, letter, as_of));
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

fn header_rows(view: &LetterView, letter: &Letter, as_of: Date) -> Vec<Vec<String>> {
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
    let mut rows = vec![
        ("Letter", view.item.id.to_owned()),
        ("City", city),
        ("From", view.from.to_owned()),
        ("To", view.to.to_owned()),
        ("Subject", view.item.subject.to_owned()),
    ];
    rows.extend(view.program.map(|p| ("Program", p.to_owned())));
    rows.push(("Sent", with_weekday(view.item.sent)));
    rows.push(("Due", due));
    rows.push(("Status", status_phrase(letter, as_of)));
    rows.extend(view.source.map(|s| ("Source", s.to_owned())));
    if !view.tags.is_empty() {
        rows.push(("Tags", view.tags.join(", ")));
    }
    rows.into_iter()
        .map(|(label, value)| vec![label.to_owned(), crate::export::one_line(&value)])
        .collect()
}
