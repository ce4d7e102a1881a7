//! A chronology per city in Markdown, for a story file or a memo: each
//! letter's parties, status, demands and dated events as of the date.

use crate::model::text::with_weekday;
use crate::model::{City, Date, Docket, Letter};

use super::events;
use super::text::{code, event_md, md, status_phrase};

/// The chronology as of `as_of`: cities by name, each with its letters sent
/// on or before the date (by sending date), each with its events in order.
pub fn to_markdown(docket: &Docket, as_of: Date) -> String {
    let mut out = format!("# Chronology as of {}\n", with_weekday(as_of));
    let mut cities: Vec<&City> = docket.cities.iter().collect();
    cities.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let mut any = false;
    for city in cities {
        let mut letters: Vec<&Letter> = docket
            .letters_of(&city.id)
            .filter(|l| l.is_sent(as_of))
            .collect();
        if letters.is_empty() {
            continue;
        }
        any = true;
        letters.sort_by(|a, b| (a.sent, &a.id).cmp(&(b.sent, &b.id)));
        out.push_str(&format!("\n## {}\n", place(city)));
        for letter in letters {
            push_letter(&mut out, letter, as_of);
        }
    }
    if !any {
        out.push_str(&format!("\nNo letters sent as of {as_of}.\n"));
    }
    out
}

fn place(city: &City) -> String {
    if city.state.trim().is_empty() {
        md(&city.name)
    } else {
        format!("{}, {}", md(&city.name), md(&city.state))
    }
}

fn push_letter(out: &mut String, letter: &Letter, as_of: Date) {
    out.push_str(&format!("\n### {}\n\n", md(&letter.subject)));
    out.push_str(&format!("- Letter: {}\n", code(&letter.id)));
    out.push_str(&format!("- From: {}\n", md(&letter.from)));
    out.push_str(&format!("- To: {}\n", md(&letter.to)));
    if let Some(program) = &letter.program {
        out.push_str(&format!("- Program: {}\n", md(program)));
    }
    out.push_str(&format!(
        "- Status: {}\n",
        md(&status_phrase(letter, as_of))
    ));
    if let Some(source) = &letter.source {
        out.push_str(&format!("- Source: {}\n", md(source)));
    }
    if !letter.summary.trim().is_empty() {
        out.push_str(&format!("\n{}\n", md(&letter.summary)));
    }
    if !letter.demands.is_empty() {
        out.push_str("\nDemands:\n\n");
        for demand in &letter.demands {
            out.push_str(&format!("- {}\n", md(demand)));
        }
    }
    out.push_str("\nChronology:\n\n");
    for event in events(letter, as_of) {
        out.push_str(&format!(
            "- **{}** {}\n",
            with_weekday(event.on),
            event_md(letter, &event)
        ));
    }
}
