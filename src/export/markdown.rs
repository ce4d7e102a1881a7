//! A chronology per city in Markdown, for a story file or a memo: each
//! letter's parties, status, demands and dated events as of the date.

use crate::model::text::with_weekday;
use crate::model::{City, Date, Docket, DueNotes, Letter};

use super::events;
use super::text::{code, event_md, md, status_phrase};

/// The chronology as of `as_of`: cities by name, each with its letters sent
/// on or before the date (by sending date), each with its events in order.
pub fn to_markdown(docket: &Docket, as_of: Date) -> String {
    let mut out = format!("# Chronology as of {}\n", with_weekday(as_of));
    let mut cities: Vec<&City> = docket.cities.iter().collect();
    cities.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let mut any = false;
    let holidays = docket.holidays(as_of);
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
            let status = status_phrase(letter, as_of, &docket.settings, &holidays);
            push_letter(&mut out, letter, as_of, &status);
            let notes = letter.due_notes(as_of, &docket.settings);
            push_due_notes(&mut out, letter, &notes);
        }
    }
    if !any {
        out.push_str(&format!("\nNo letters sent as of {as_of}.\n"));
    }
    out
}

/// The receipt, the due rule, its roll-forward and the deadlines on days
/// off, after the letter's chronology.
fn push_due_notes(out: &mut String, letter: &Letter, notes: &DueNotes) {
    let mut lines: Vec<String> = Vec::new();
    lines.extend(
        letter
            .received
            .map(|r| format!("Received: {}", with_weekday(r))),
    );
    lines.extend(notes.rule.iter().map(|rule| format!("Due rule: {rule}")));
    lines.extend(notes.rolled.clone());
    lines.extend(notes.closed.iter().map(ToString::to_string));
    if lines.is_empty() {
        return;
    }
    out.push_str("\nDeadline:\n\n");
    for line in lines {
        out.push_str(&format!("- {}\n", md(&line)));
    }
}

fn place(city: &City) -> String {
    if city.state.trim().is_empty() {
        md(&city.name)
    } else {
        format!("{}, {}", md(&city.name), md(&city.state))
    }
}

fn push_letter(out: &mut String, letter: &Letter, as_of: Date, status: &str) {
    out.push_str(&format!("\n### {}\n\n", md(&letter.subject)));
    out.push_str(&format!("- Letter: {}\n", code(&letter.id)));
    out.push_str(&format!("- From: {}\n", md(&letter.from)));
    out.push_str(&format!("- To: {}\n", md(&letter.to)));
    if let Some(program) = &letter.program {
        out.push_str(&format!("- Program: {}\n", md(program)));
    }
    out.push_str(&format!("- Status: {}\n", md(status)));
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

/// Escaped Markdown text made to stay inline wherever it is put: at the
/// start of a line, of a list item or of a heading it cannot open a block of
/// its own. Leading spaces (indented code) go; a leading `#` (heading), `-`,
/// `+` (list item, rule), `=` (heading underline), `~` (fence) or the `.` or
/// `)` after leading digits and before a space (ordered list) is escaped, as is a `#` run at the
/// end after a space (a heading's closing sequence, which would be dropped).
/// `md` escapes the other markers (`*`, `_`, `>`, `` ` ``, `<`, `|`) anywhere.
pub(crate) fn inline(text: String) -> String {
    let body = text.trim_start();
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut after_digits = body[digits..].chars();
    let at = match after_digits.next() {
        Some('.' | ')') if digits > 0 && after_digits.next().is_none_or(char::is_whitespace) => {
            Some(digits)
        }
        Some('#' | '-' | '+' | '=' | '~') if digits == 0 => Some(0),
        _ => None,
    };
    let closing = body.trim_end().trim_end_matches('#');
    let closing = (closing.len() < body.trim_end().len()
        && closing.ends_with([' ', '\t'])
        && at != Some(closing.len()))
    .then_some(closing.len());
    if at.is_none() && closing.is_none() && body.len() == text.len() {
        return text;
    }
    let mut out = String::with_capacity(body.len() + 2);
    for (i, c) in body.char_indices() {
        if Some(i) == at || Some(i) == closing {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_open_a_block() {
        for (text, shown) in [
            ("# a", "\\# a"),
            ("- a", "\\- a"),
            ("+ a", "\\+ a"),
            ("---", "\\---"),
            ("===", "\\==="),
            ("~~~", "\\~~~"),
            ("1. a", "1\\. a"),
            ("12) a", "12\\) a"),
            ("    code", "code"),
            ("a #", "a \\#"),
            ("a ##  ", "a \\##  "),
            ("#", "\\#"),
            (" # ", "\\# "),
            ("C# and F#", "C# and F#"),
            ("2017-08-03", "2017-08-03"),
            ("1.5 million", "1.5 million"),
            ("1.", "1\\."),
            ("plain text", "plain text"),
            ("", ""),
        ] {
            assert_eq!(inline(text.to_owned()), shown, "{text:?}");
        }
    }
}
