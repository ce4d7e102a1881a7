//! The Letter pane: the selected letter in full, with its thread.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{countdown_words, fit, pane_block};
use crate::model::text::with_weekday;
use crate::model::{Date, Letter};
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
    let lines = letter_lines(letter, app.as_of(), app.theme());
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.details_scroll(), 0));
    frame.render_widget(paragraph, area);
}

/// The letter as of `as_of`: replies and extensions after it do not exist yet.
fn letter_lines<'a>(letter: &'a Letter, as_of: Date, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = fact_lines(letter, as_of, theme);
    if !letter.demands.is_empty() {
        lines.push(heading("Demands", theme.label));
        lines.extend(letter.demands.iter().map(|d| Line::raw(format!("- {d}"))));
    }
    if !letter.summary.is_empty() {
        lines.push(heading("Summary", theme.label));
        lines.extend(letter.summary.lines().map(|l| Line::raw(l.to_owned())));
    }
    lines.extend(thread_lines(letter, as_of, theme));
    lines
}

/// One labelled line a fact: parties, subject, program, dates, status, source.
fn fact_lines<'a>(letter: &'a Letter, as_of: Date, theme: &Theme) -> Vec<Line<'a>> {
    let status = letter.status(as_of);
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
    lines.push(field("Sent", Span::raw(with_weekday(letter.sent))));
    if let Some(due) = letter.effective_due(as_of) {
        let mut text = with_weekday(due);
        if let Some(words) = countdown_words(letter, as_of).filter(|_| status.is_pending()) {
            text = format!("{text} - {words}");
        }
        if letter.due.is_some_and(|original| original != due) {
            text = format!("{text} (extended)");
        }
        lines.push(field("Due", Span::raw(text)));
    }
    lines.push(field(
        "Status",
        Span::styled(status.label(), theme.status(status)),
    ));
    if let Some(source) = &letter.source {
        lines.push(field("Source", Span::raw(source.as_str())));
    }
    lines
}

/// The replies, extensions and closing as of `as_of`.
fn thread_lines<'a>(letter: &'a Letter, as_of: Date, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![heading("Replies", theme.label)];
    let replies = letter.replies_as_of(as_of);
    if replies.is_empty() {
        lines.push(Line::styled("none yet", theme.dim));
    }
    for reply in replies {
        lines.push(Line::from(vec![
            Span::raw(format!("{}  {} ", with_weekday(reply.on), reply.from)),
            Span::styled(format!("[{}]", reply.kind), theme.label),
        ]));
        lines.extend(reply.summary.lines().map(|l| Line::raw(format!("  {l}"))));
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
        lines.push(Line::raw(text));
    }
    if let Some(closed) = letter.closed_as_of(as_of) {
        lines.push(heading("Closed", theme.label));
        lines.push(Line::raw(format!(
            "{}  {}",
            with_weekday(closed.on),
            closed.outcome
        )));
    }
    lines
}

fn heading(text: &str, style: Style) -> Line<'_> {
    Line::styled(text, style)
}
