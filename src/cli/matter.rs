//! `docket matter`: the letters sent together, one row per city, as of the
//! date; alone, every matter with its counts by status.

use std::path::Path;

use serde::Serialize;

use super::{Error, json_failed, load_or_sample, print_out, table};
use crate::model::text::count;
use crate::model::{Closing, Date, Docket, Extension, Reply, Status};
use crate::story::{MatterRow, matter_letters, matter_row, matters, status_counts};

#[derive(Debug, clap::Args)]
pub struct MatterArgs {
    /// The matter's id [default: list every matter]
    id: Option<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    json: bool,
}

pub fn run(path: &Path, as_of: Date, args: &MatterArgs) -> Result<(), Error> {
    let docket = load_or_sample(path)?;
    let text = match &args.id {
        None => list(&docket, as_of, args.json)?,
        Some(id) => {
            let letters = matter_letters(&docket, id);
            if letters.is_empty() {
                return Err(Error::data(format!(
                    "{}: no matter {id:?} (`docket matter` lists them)",
                    path.display()
                )));
            }
            let rows: Vec<MatterRow> = (letters.iter())
                .map(|&at| matter_row(&docket, &docket.letters[at], as_of))
                .collect();
            if args.json {
                grid_json(id, &rows, as_of)?
            } else {
                grid_table(id, &rows, as_of)
            }
        }
    };
    print_out(&text);
    Ok(())
}

/// One matter as the list prints it.
#[derive(Debug, Serialize)]
struct Listed<'a> {
    id: &'a str,
    letters: usize,
    first_sent: Option<Date>,
    subject: &'a str,
    counts: std::collections::BTreeMap<Status, usize>,
}

fn list(docket: &Docket, as_of: Date, json: bool) -> Result<String, Error> {
    let matters = matters(docket);
    let listed: Vec<Listed> = (matters.iter())
        .map(|(id, letters)| {
            let first = (letters.iter())
                .map(|&at| &docket.letters[at])
                .min_by_key(|l| (l.sent, &l.id));
            Listed {
                id,
                letters: letters.len(),
                first_sent: first.map(|l| l.sent),
                subject: first.map_or("", |l| l.subject.as_str()),
                counts: status_counts(docket, letters, as_of).into_iter().collect(),
            }
        })
        .collect();
    if json {
        let mut text = serde_json::to_string_pretty(&listed).map_err(|err| json_failed(&err))?;
        text.push('\n');
        return Ok(text);
    }
    if listed.is_empty() {
        return Ok(
            "no matters: letters sent together share one (`add letter --city A --city B`)\n"
                .to_owned(),
        );
    }
    let head = ["MATTER", "LETTERS", "SENT", "STATUS", "SUBJECT"].map(str::to_owned);
    let rows: Vec<[String; 5]> = std::iter::once(head)
        .chain(listed.iter().map(|m| {
            let counts: Vec<String> = (m.counts.iter())
                .map(|(status, n)| format!("{n} {status}"))
                .collect();
            [
                m.id.to_owned(),
                m.letters.to_string(),
                m.first_sent.map_or_else(String::new, |d| d.to_string()),
                counts.join(", "),
                m.subject.to_owned(),
            ]
        }))
        .collect();
    Ok(table::render(&rows))
}

/// The grid: a row per city, its replies, extensions and closings in
/// the last columns (`; ` between two).
fn grid_table(id: &str, rows: &[MatterRow], as_of: Date) -> String {
    let date = |d: Option<Date>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
    let joined = |items: Vec<String>| {
        if items.is_empty() {
            "-".to_owned()
        } else {
            items.join("; ")
        }
    };
    let head = [
        "CITY",
        "LETTER",
        "SENT",
        "RECEIVED",
        "DUE",
        "STATUS",
        "REPLIES",
        "EXTENSIONS",
        "CLOSED",
    ]
    .map(str::to_owned);
    let table_rows: Vec<[String; 9]> = std::iter::once(head)
        .chain(rows.iter().map(|row| {
            let sent = row.letter.is_sent(as_of);
            [
                row.city.to_owned(),
                row.letter.id.clone(),
                if sent {
                    row.letter.sent.to_string()
                } else {
                    "-".to_owned()
                },
                date(row.received(as_of)),
                date(row.due),
                row.status.label().to_owned(),
                joined(
                    row.replies
                        .iter()
                        .map(|r| format!("{} {}", r.on, r.kind))
                        .collect(),
                ),
                joined(
                    (row.extensions.iter())
                        .map(|e| format!("{} to {}", e.granted_on, e.new_due))
                        .collect(),
                ),
                joined(
                    row.closings
                        .iter()
                        .map(|c| closing_text(c, as_of))
                        .collect(),
                ),
            ]
        }))
        .collect();
    format!(
        "Matter {} as of {}: {}\n\n{}",
        crate::text_safety::visible_line(id),
        crate::model::text::with_weekday(as_of),
        count(rows.len() as i64, "letter"),
        table::render(&table_rows)
    )
}

/// `2017-08-18`, or `2017-08-18, reopened 2017-08-25` once reopened by `as_of`.
pub(crate) fn closing_text(closing: &Closing, as_of: Date) -> String {
    match closing.reopened_on.filter(|&d| d <= as_of) {
        Some(reopened) => format!("{}, reopened {reopened}", closing.on),
        None => closing.on.to_string(),
    }
}

/// One row of the grid in JSON.
#[derive(Debug, Serialize)]
struct GridRow<'a> {
    letter: &'a str,
    city: &'a str,
    city_name: &'a str,
    sent: Option<Date>,
    received: Option<Date>,
    original_due: Option<Date>,
    due: Option<Date>,
    status: Status,
    replies: Vec<JsonReply<'a>>,
    extensions: Vec<JsonExtension<'a>>,
    closings: Vec<JsonClosing<'a>>,
}

#[derive(Debug, Serialize)]
struct JsonReply<'a> {
    id: &'a str,
    on: Date,
    from: &'a str,
    kind: &'a str,
}

#[derive(Debug, Serialize)]
struct JsonExtension<'a> {
    id: &'a str,
    granted_on: Date,
    new_due: Date,
}

#[derive(Debug, Serialize)]
struct JsonClosing<'a> {
    id: &'a str,
    on: Date,
    outcome: &'a str,
    reopened_on: Option<Date>,
}

fn grid_json(id: &str, rows: &[MatterRow], as_of: Date) -> Result<String, Error> {
    #[derive(Serialize)]
    struct Grid<'a> {
        matter: &'a str,
        as_of: Date,
        letters: Vec<GridRow<'a>>,
    }
    let letters = rows.iter().map(|row| grid_row(row, as_of)).collect();
    let grid = Grid {
        matter: id,
        as_of,
        letters,
    };
    let mut text = serde_json::to_string_pretty(&grid).map_err(|err| json_failed(&err))?;
    text.push('\n');
    Ok(text)
}

fn grid_row<'a>(row: &MatterRow<'a>, as_of: Date) -> GridRow<'a> {
    let sent = row.letter.is_sent(as_of);
    let reply = |r: &&'a Reply| JsonReply {
        id: &r.id,
        on: r.on,
        from: &r.from,
        kind: r.kind.as_str(),
    };
    let extension = |e: &&'a Extension| JsonExtension {
        id: &e.id,
        granted_on: e.granted_on,
        new_due: e.new_due,
    };
    GridRow {
        letter: &row.letter.id,
        city: &row.letter.city,
        city_name: row.city,
        sent: sent.then_some(row.letter.sent),
        received: row.received(as_of),
        original_due: row.letter.due.filter(|_| sent),
        due: row.due,
        status: row.status,
        replies: row.replies.iter().map(reply).collect(),
        extensions: row.extensions.iter().map(extension).collect(),
        closings: (row.closings.iter())
            .map(|c| JsonClosing {
                id: &c.id,
                on: c.on,
                outcome: &c.outcome,
                reopened_on: c.reopened_on.filter(|&d| d <= as_of),
            })
            .collect(),
    }
}
