//! The status line: the as-of date, counts by status, messages, key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use crate::model::Status;
use crate::model::text::{count, count_irregular, with_weekday};
use crate::tui::app::App;
use crate::tui::keymap::Mode;

const HINTS: &str = "? help  q quit";
/// What stays of the hints when the line is short.
const SHORT_HINT: &str = " ? help";

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let width = area.width as usize;
    let mut as_of = format!(" as of {}", with_weekday(app.as_of()));
    let replay = app.as_of() != app.today();
    if replay {
        as_of.push_str(" [replay]");
    }
    if app.is_read_only() {
        as_of.push_str(" [read-only]");
    }
    if let Some(me) = app.mine() {
        as_of.push_str(&format!(" [mine: {me}]"));
    }
    if app.unsaved_count() > 0 {
        as_of.push_str(&format!(" [{} unsaved]", app.unsaved_count()));
    }
    let conflicts = app.docket().conflicts.len();
    if conflicts > 0 {
        as_of.push_str(&format!(" [! {}]", count(conflicts as i64, "conflict")));
    }
    let left_width = as_of.width().min(width);
    let rest = width - left_width;
    // Room for the counts beside `? help`.
    let room = rest.saturating_sub(3 + SHORT_HINT.width() + 1);
    let middle = match (app.mode(), app.message()) {
        (Mode::Filter, _) => format!("filter: {}_  (Enter keeps, Esc clears)", app.filter()),
        (_, Some(message)) => message.to_owned(),
        _ if !app.filter().is_empty() => {
            let filter = format!("filter: {}  ", app.filter());
            let counts = with_later(app, room.saturating_sub(filter.width()), |room| {
                counts(app, room)
            });
            format!("{filter}{counts}")
        }
        _ => with_later(app, room, |room| counts(app, room)),
    };
    // The whole hint when everything fits, else `? help` alone, the middle
    // cut to make room; nothing only on a screen too narrow for a middle.
    let hints = if rest >= middle.width() + HINTS.width() + 6 {
        HINTS
    } else if rest >= SHORT_HINT.width() + 16 {
        SHORT_HINT
    } else {
        ""
    };
    let hints_width = if hints.is_empty() {
        0
    } else {
        hints.width() + 1
    };
    let middle_width = rest - hints_width;
    let as_of_style = if replay { theme.marker } else { theme.label };
    let line = Line::from(vec![
        Span::styled(fit(&as_of, left_width), as_of_style),
        Span::raw(fit(&format!("   {middle}"), middle_width)),
        Span::styled(fit(hints, hints_width), theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The counts, then what is dated after the as-of date when there is any
/// (`1 reply dated after 2017-08-14 (t: today)`), the counts in fewer words
/// to make room for it.
fn with_later(app: &App, room: usize, counts: impl Fn(usize) -> String) -> String {
    let later = app.dated_after();
    if later.is_empty() {
        return counts(room);
    }
    let parts = [
        (later.letters, "letter", "letters"),
        (later.replies, "reply", "replies"),
        (later.extensions, "extension", "extensions"),
        (later.closings, "closing", "closings"),
    ];
    let parts: Vec<String> = (parts.iter())
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count_irregular(i64::try_from(*n).unwrap_or(i64::MAX), one, many))
        .collect();
    let to_today = if app.as_of() < app.today() {
        " (t: today)"
    } else {
        ""
    };
    let mut note = format!(
        "{} dated after {}{to_today}",
        parts.join(" · "),
        app.as_of()
    );
    if note.width() > room {
        note = format!("{} after {}{to_today}", parts.join(" "), app.as_of());
    }
    let counts = counts(room.saturating_sub(note.width() + 3));
    format!("{note} · {counts}")
}

/// The statuses counted, in this order, zero or not: the four still
/// waiting (open counts those with no deadline too), then those answered,
/// late or not. Each with its words, and shorter words for a narrow line.
const COUNTED: [(&[Status], &str, &str); 5] = [
    (&[Status::Overdue], "overdue", "overdue"),
    (&[Status::DueToday], "due today", "today"),
    (&[Status::DueSoon], "due soon", "soon"),
    (&[Status::Open, Status::NoDeadline], "open", "open"),
    (
        &[Status::Answered, Status::AnsweredLate],
        "answered",
        "answered",
    ),
];

/// `0 overdue · 1 due today · 0 due soon · 3 open · 2 answered`: the same
/// statuses always, in the same order; in fewer words when that would not
/// fit in `room` columns (`0 overdue 1 today 0 soon 3 open 2 answered`).
fn counts(app: &App, room: usize) -> String {
    let view = app.view();
    let line = |short: bool, separator: &str| {
        let parts = COUNTED.iter().map(|(statuses, long, brief)| {
            let n: usize = statuses.iter().map(|s| view.count(*s)).sum();
            format!("{n} {}", if short { brief } else { long })
        });
        parts.collect::<Vec<_>>().join(separator)
    };
    [line(false, " · "), line(true, " · "), line(true, " ")]
        .into_iter()
        .find(|l| l.width() <= room)
        .unwrap_or_else(|| line(true, " "))
}
