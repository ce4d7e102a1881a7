//! The Letter pane: the selected letter in full, with its thread.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{conflicts_on, countdown_words, fit, pane_block};
use crate::model::text::with_weekday;
use crate::model::{Date, Letter, Settings};
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;

const LABEL_WIDTH: usize = 9;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let Some(letter) = app.selected_letter() else {
        let block = pane_block(" Letter ", Pane::Details, app);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(fit("no letter selected", inner.width as usize)),
            inner,
        );
        return;
    };
    let block = pane_block(format!(" Letter {} ", letter.id), Pane::Details, app);
    let notes = app
        .docket()
        .city(&letter.city)
        .map_or("", |c| c.notes.as_str());
    let settings = &app.docket().settings;
    let (mut lines, mut selected) = letter_lines(
        letter,
        (app.as_of(), settings),
        app.theme(),
        app.selected_entry(),
    );
    let conflicts = conflicts_on(app, letter);
    if conflicts > 0 {
        let marker = super::conflicts::marker(conflicts);
        lines.insert(0, Line::styled(marker, app.theme().overdue));
        selected = selected.map(|at| at + 1);
    }
    if !notes.is_empty() {
        lines.push(heading("City notes", app.theme().label));
        lines.extend(notes.lines().map(|l| Line::raw(l.to_owned())));
    }
    // The history, a line among the facts, unfolds when the pane has the focus.
    if app.focus() == Pane::Details {
        lines.extend(super::history::lines(&letter.log, app.theme()));
    }
    // Keep the selected entry of the thread in sight (counted in rows, as
    // the lines wrap); at the last one, show what follows it (the history)
    // as far as it fits.
    let inner = block.inner(area);
    let height = inner.height.max(1);
    let rows = |lines: &[Line]| {
        let paragraph = Paragraph::new(lines.to_vec()).wrap(Wrap { trim: false });
        u16::try_from(paragraph.line_count(inner.width)).unwrap_or(u16::MAX)
    };
    let mut scroll = app.details_scroll();
    if let Some(line) = selected {
        let at = rows(&lines[..line.min(lines.len())]);
        let last = letter.thread_as_of(app.as_of()).last().copied() == app.selected_entry();
        let lowest = if last {
            rows(&lines).saturating_sub(height).min(at)
        } else {
            0
        };
        scroll = scroll
            .min(at)
            .max(at.saturating_sub(height - 1))
            .max(lowest);
    }
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(paragraph, area);
}

/// The letter as of `as_of`: replies and extensions after it do not exist
/// yet. Also the line of the `selected` entry of the thread, if shown.
fn letter_lines<'a>(
    letter: &'a Letter,
    (as_of, settings): (Date, &Settings),
    theme: &Theme,
    selected: Option<&str>,
) -> (Vec<Line<'a>>, Option<usize>) {
    let mut lines = fact_lines(letter, (as_of, settings), theme);
    if !letter.demands.is_empty() {
        lines.push(heading("Demands", theme.label));
        lines.extend(letter.demands.iter().map(|d| Line::raw(format!("- {d}"))));
    }
    if !letter.summary.is_empty() {
        lines.push(heading("Summary", theme.label));
        lines.extend(letter.summary.lines().map(|l| Line::raw(l.to_owned())));
    }
    lines.extend(kept_lines(letter, theme));
    let start = lines.len();
    let (thread, at) = thread_lines(letter, as_of, theme, selected);
    lines.extend(thread);
    (lines, at.map(|at| start + at))
}

/// One labelled line a fact: parties, subject, program, dates, status, source.
fn fact_lines<'a>(
    letter: &'a Letter,
    (as_of, settings): (Date, &Settings),
    theme: &Theme,
) -> Vec<Line<'a>> {
    let status = letter.status_with(as_of, settings);
    let field = |label: &str, value: Span<'a>| {
        Line::from(vec![
            Span::styled(format!("{label:<LABEL_WIDTH$}"), theme.label),
            value,
        ])
    };
    let mut lines = vec![
        field("From", Span::raw(letter.from.as_str())),
        field("To", Span::raw(letter.to.as_str())),
        field("Subject", Span::raw(letter.subject.as_str())),
    ];
    if let Some(program) = &letter.program {
        lines.push(field("Program", Span::raw(program.as_str())));
    }
    if let Some(owner) = &letter.owner {
        lines.push(field("Owner", Span::raw(owner.as_str())));
    }
    if let Some(summary) = super::history::summary(&letter.log) {
        lines.push(field("History", Span::raw(summary)));
    }
    lines.push(field("Sent", Span::raw(with_weekday(letter.sent))));
    if let Some(received) = letter.received {
        lines.push(field("Received", Span::raw(with_weekday(received))));
    }
    lines.extend(due_lines(letter, (as_of, settings), theme));
    lines.push(field(
        "Status",
        Span::styled(status.label(), theme.status(status)),
    ));
    if let Some(source) = &letter.source {
        lines.push(field("Source", Span::raw(source.as_str())));
    }
    lines
}

/// The replies, extensions and closings as of `as_of`, each with its id
/// (the `selected` one marked), and the line of the selected one.
fn thread_lines<'a>(
    letter: &'a Letter,
    as_of: Date,
    theme: &Theme,
    selected: Option<&str>,
) -> (Vec<Line<'a>>, Option<usize>) {
    let mut lines = vec![heading("Replies", theme.label)];
    let mut at = None;
    let mut head = |lines: &mut Vec<Line<'a>>, id: &str, mut spans: Vec<Span<'a>>| {
        let mark = if selected == Some(id) {
            at = Some(lines.len());
            Span::styled(format!("> {id}  "), theme.selected)
        } else {
            Span::raw(format!("  {id}  "))
        };
        spans.insert(0, mark);
        lines.push(Line::from(spans));
    };
    let replies = letter.replies_as_of(as_of);
    if replies.is_empty() {
        lines.push(Line::styled("none yet", theme.dim));
    }
    for reply in replies {
        let spans = vec![
            Span::raw(format!("{}  {} ", with_weekday(reply.on), reply.from)),
            Span::styled(format!("[{}]", reply.kind), theme.label),
        ];
        head(&mut lines, &reply.id, spans);
        lines.extend(
            reply
                .summary
                .lines()
                .map(|l| Line::raw(format!("      {l}"))),
        );
        if let Some(source) = &reply.source {
            lines.push(Line::raw(format!("      source: {source}")));
        }
    }
    let extensions = letter.extensions_as_of(as_of);
    if !extensions.is_empty() {
        lines.push(heading("Extensions", theme.label));
    }
    for ext in extensions {
        let mut text = format!(
            "{}  due moved to {}",
            with_weekday(ext.granted_on),
            with_weekday(ext.new_due)
        );
        if !ext.note.is_empty() {
            text = format!("{text}: {}", ext.note);
        }
        head(&mut lines, &ext.id, vec![Span::raw(text)]);
    }
    let closings: Vec<_> = (letter.closings_by_date().into_iter())
        .filter(|c| c.on <= as_of)
        .collect();
    if !closings.is_empty() {
        lines.push(heading("Closed", theme.label));
    }
    for closing in closings {
        let mut text = format!("{}  {}", with_weekday(closing.on), closing.outcome);
        if let Some(reopened) = closing.reopened_on.filter(|&r| r <= as_of) {
            text = format!("{text} (reopened {})", with_weekday(reopened));
        }
        head(&mut lines, &closing.id, vec![Span::raw(text)]);
    }
    // What is dated after the as-of date is shown, dimmed, under `Later`:
    // recorded, not lost.
    let mut later: Vec<(Date, &str, String)> = Vec::new();
    for reply in letter.replies.iter().filter(|r| r.on > as_of) {
        let text = format!(
            "{}  reply {} [{}]",
            with_weekday(reply.on),
            reply.from,
            reply.kind
        );
        later.push((reply.on, &reply.id, text));
    }
    for ext in letter.extensions.iter().filter(|e| e.granted_on > as_of) {
        let text = format!(
            "{}  extension: due moved to {}",
            with_weekday(ext.granted_on),
            with_weekday(ext.new_due)
        );
        later.push((ext.granted_on, &ext.id, text));
    }
    for closing in letter.closings.iter().filter(|c| c.on > as_of) {
        let text = format!("{}  closed {}", with_weekday(closing.on), closing.outcome);
        later.push((closing.on, &closing.id, text));
    }
    later.sort_by_key(|(on, _, _)| *on);
    if !later.is_empty() {
        lines.push(heading("Later", theme.dim));
    }
    for (_, id, text) in later {
        head(&mut lines, id, vec![Span::raw(text)]);
        if let Some(line) = lines.last_mut() {
            line.style = theme.dim;
        }
    }
    (lines, at)
}

/// The deadline in force with its countdown and the rule that gave it,
/// then the roll-forward and the deadlines that fall on days off.
fn due_lines<'a>(
    letter: &Letter,
    (as_of, settings): (Date, &Settings),
    theme: &Theme,
) -> Vec<Line<'a>> {
    let notes = letter.due_notes(as_of, settings);
    let indent = || Span::raw(" ".repeat(LABEL_WIDTH));
    let mut lines = Vec::new();
    if let Some(due) = letter.effective_due(as_of) {
        let extended = letter.due.filter(|&original| original != due);
        let mut text = with_weekday(due);
        if let (Some(rule), None) = (&notes.rule, extended) {
            text = format!("{text}: {rule}");
        }
        let holidays = settings.calendar.holidays_around(as_of);
        let pending = letter.status_with(as_of, settings).is_pending();
        if let Some(words) = countdown_words(letter, as_of, &holidays).filter(|_| pending) {
            text = format!("{text} - {words}");
        }
        if extended.is_some() {
            text = format!("{text} (extended)");
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{:<LABEL_WIDTH$}", "Due"), theme.label),
            Span::raw(text),
        ]));
        if let (Some(rule), Some(original)) = (&notes.rule, extended) {
            let text = format!("first due {}: {rule}", with_weekday(original));
            lines.push(Line::from(vec![indent(), Span::raw(text)]));
        }
    }
    if let Some(rolled) = notes.rolled {
        lines.push(Line::from(vec![indent(), Span::raw(rolled)]));
    }
    for closed in notes.closed {
        let warning = Span::styled(format!("! {closed}"), theme.due_soon);
        lines.push(Line::from(vec![indent(), warning]));
    }
    lines
}

/// What the letter keeps beside its thread: its documents (`o` opens
/// one) and its private notes, marked as never leaving docket.
fn kept_lines<'a>(letter: &'a Letter, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    if !letter.documents.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Documents", theme.label),
            Span::styled("  (o opens)", theme.dim),
        ]));
        for document in &letter.documents {
            lines.push(Line::from(vec![
                Span::raw(format!("- {}: ", document.label)),
                Span::styled(document.target.as_str(), theme.dim),
            ]));
        }
    }
    if !letter.private_notes.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Private notes", theme.label),
            Span::styled("  [private: in no export]", theme.marker),
        ]));
        lines.extend(
            letter
                .private_notes
                .lines()
                .map(|l| Line::raw(l.to_owned())),
        );
    }
    lines
}

fn heading(text: &str, style: Style) -> Line<'_> {
    Line::styled(text, style)
}
