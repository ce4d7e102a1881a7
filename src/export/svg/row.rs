//! One letter's row of the timeline, and the legend of its marks.

use std::fmt::Write as _;

use super::axis::Scale;
use super::{LEFT, clip, xml};
use crate::export::status_phrase;
use crate::export::text::{EventKind, events};
use crate::model::{Date, Docket, Holidays, Letter, Status};

/// The bar's top within its row, and its height.
const BAR_TOP: f64 = 18.0;
const BAR_HEIGHT: f64 = 14.0;
/// The baselines of the labels above and below the bar.
const ABOVE: f64 = 13.0;
const BELOW: f64 = 45.0;
/// A label's width per character, roughly, at the small size.
const CHAR_WIDTH: f64 = 6.2;

/// The bar's colour for a status: red to blue by urgency, green answered,
/// grey closed; each also differs in lightness, for print in grey.
fn colour(status: Status) -> &'static str {
    match status {
        Status::Overdue => "#c62828",
        Status::DueToday => "#e65100",
        Status::DueSoon => "#f9a825",
        Status::Open => "#1565c0",
        Status::Answered => "#2e7d32",
        Status::AnsweredLate => "#827717",
        Status::Closed => "#757575",
        Status::NoDeadline | Status::NotYetSent => "#bdbdbd",
    }
}

/// A mark on a row: where, which shape, and its label.
struct Mark {
    on: Date,
    shape: Shape,
    label: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A reply that answers (filled) or only acknowledges or asks (hollow).
    Reply {
        answers: bool,
    },
    Extension,
    Closing,
    Reopening,
}

/// Draws `letter`'s row with its top at `top`.
pub(super) fn draw(
    out: &mut String,
    (docket, holidays): (&Docket, &Holidays),
    letter: &Letter,
    as_of: Date,
    scale: &Scale,
    top: f64,
) {
    let status = letter.status_with(as_of, &docket.settings);
    let _ = writeln!(
        out,
        r#"<g class="letter" id="{}">"#,
        xml(&format!("letter-{}", letter.id))
    );
    let _ = writeln!(
        out,
        "<title>{}</title>",
        xml(&format!(
            "{} — {}: {}",
            docket.city_name(&letter.city),
            letter.subject,
            status_phrase(letter, as_of, &docket.settings, holidays)
        ))
    );
    let _ = writeln!(
        out,
        r#"<text class="city" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
        LEFT - 10.0,
        top + 24.0,
        xml(&clip(docket.city_name(&letter.city), 26))
    );
    let _ = writeln!(
        out,
        r#"<text class="small" x="{:.1}" y="{:.1}" text-anchor="end">sent {}</text>"#,
        LEFT - 10.0,
        top + 39.0,
        letter.sent.format("%a %Y-%m-%d")
    );
    bar(out, letter, as_of, scale, top, status);
    let mut lanes = Lanes::default();
    for mark in marks(letter, as_of) {
        if scale.shows(mark.on) {
            draw_mark(out, &mark, scale, top, &mut lanes);
        }
    }
    out.push_str("</g>\n");
}

/// The bar from sending to the deadline in force (the due day included),
/// with the original deadline marked when extended; a thin line to the
/// axis' end when there is no deadline.
fn bar(out: &mut String, letter: &Letter, as_of: Date, scale: &Scale, top: f64, status: Status) {
    let x1 = scale.x(letter.sent);
    let y = top + BAR_TOP;
    let Some(due) = letter.effective_due(as_of) else {
        let _ = writeln!(
            out,
            r##"<line class="bar" x1="{x1:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#9e9e9e" stroke-width="2" stroke-dasharray="3 3"/>"##,
            y + BAR_HEIGHT / 2.0,
            scale.left + scale.width,
            y + BAR_HEIGHT / 2.0
        );
        return;
    };
    let x2 = scale.right(due);
    let _ = writeln!(
        out,
        r#"<rect class="bar" x="{x1:.1}" y="{y:.1}" width="{:.1}" height="{BAR_HEIGHT:.1}" rx="2" fill="{}" fill-opacity="0.85"/>"#,
        (x2 - x1).max(1.0),
        colour(status)
    );
    if let Some(original) = letter.due.filter(|d| *d != due && scale.shows(*d)) {
        let x = scale.right(original);
        let _ = writeln!(
            out,
            r##"<line class="original-due" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#1b1b1b" stroke-width="1" stroke-dasharray="2 2"/>"##,
            y - 3.0,
            y + BAR_HEIGHT + 3.0
        );
    }
    // Overdue: the countdown runs on past the deadline, to the as-of date.
    if status == Status::Overdue {
        let _ = writeln!(
            out,
            r#"<line class="overdue" x1="{x2:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="2" stroke-dasharray="4 3"/>"#,
            y + BAR_HEIGHT / 2.0,
            scale.mid(as_of).max(x2),
            y + BAR_HEIGHT / 2.0,
            colour(status)
        );
    }
    if scale.shows(due) {
        let _ = writeln!(
            out,
            r#"<text class="small" x="{:.1}" y="{:.1}">due {}</text>"#,
            x2 + 4.0,
            y + 11.0,
            due.format("%b %-d")
        );
    }
}

/// The replies, extensions, closings and reopenings as of `as_of`.
fn marks(letter: &Letter, as_of: Date) -> Vec<Mark> {
    let day = |on: Date| on.format("%b %-d").to_string();
    (events(letter, as_of).into_iter())
        .filter_map(|event| {
            let (shape, label) = match event.kind {
                EventKind::Sent => return None,
                EventKind::Reply(reply) => (
                    Shape::Reply {
                        answers: reply.kind.answers(),
                    },
                    format!("{} {}", day(reply.on), reply.kind),
                ),
                EventKind::Extension(extension, _) => (
                    Shape::Extension,
                    format!(
                        "{} extended to {}",
                        day(extension.granted_on),
                        day(extension.new_due)
                    ),
                ),
                EventKind::Closed(closing) => {
                    (Shape::Closing, format!("{} closed", day(closing.on)))
                }
                EventKind::Reopened(_) => (Shape::Reopening, format!("{} reopened", day(event.on))),
            };
            Some(Mark {
                on: event.on,
                shape,
                label,
            })
        })
        .collect()
}

/// Where the labels above and below the bar end so far.
#[derive(Default)]
struct Lanes {
    above: f64,
    below: f64,
}

fn draw_mark(out: &mut String, mark: &Mark, scale: &Scale, top: f64, lanes: &mut Lanes) {
    let x = scale.mid(mark.on);
    let y = top + BAR_TOP + BAR_HEIGHT / 2.0;
    let (class, shape) = match mark.shape {
        Shape::Reply { answers } => (
            "reply",
            format!(
                r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{}" stroke="#1b1b1b" stroke-width="1.5"/>"##,
                if answers { "#1b1b1b" } else { "#ffffff" }
            ),
        ),
        Shape::Extension => (
            "extension",
            format!(
                r##"<polygon points="{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}" fill="#ffb300" stroke="#1b1b1b" stroke-width="1"/>"##,
                y - 6.0,
                x + 6.0,
                y + 6.0,
                x - 6.0
            ),
        ),
        Shape::Closing | Shape::Reopening => (
            if mark.shape == Shape::Closing {
                "closing"
            } else {
                "reopening"
            },
            format!(
                r##"<rect x="{:.1}" y="{:.1}" width="9" height="9" fill="{}" stroke="#1b1b1b" stroke-width="1"/>"##,
                x - 4.5,
                y - 4.5,
                if mark.shape == Shape::Closing {
                    "#424242"
                } else {
                    "#ffffff"
                }
            ),
        ),
    };
    // Extensions above the bar, the rest below, unless that lane is taken
    // there already.
    let width = mark.label.chars().count() as f64 * CHAR_WIDTH;
    let start = x - 3.0;
    let prefer_above = mark.shape == Shape::Extension;
    let above = if prefer_above {
        lanes.above <= start || lanes.below > start
    } else {
        lanes.below > start && lanes.above <= start
    };
    let baseline = if above {
        lanes.above = start + width + 6.0;
        top + ABOVE
    } else {
        lanes.below = start + width + 6.0;
        top + BELOW
    };
    let _ = writeln!(
        out,
        r#"<g class="{class}">{shape}<text class="small" x="{start:.1}" y="{baseline:.1}">{}</text></g>"#,
        xml(&mark.label)
    );
}

/// What the colours and marks mean, on one line at `(x, y)`.
pub(super) fn legend(out: &mut String, x: f64, y: f64) {
    out.push_str("<g class=\"legend\">\n");
    let mut at = x;
    let statuses = [
        Status::Overdue,
        Status::DueToday,
        Status::DueSoon,
        Status::Open,
        Status::Answered,
        Status::AnsweredLate,
        Status::Closed,
    ];
    for status in statuses {
        let _ = writeln!(
            out,
            r#"<rect x="{at:.1}" y="{:.1}" width="14" height="9" fill="{}"/><text class="note" x="{:.1}" y="{y:.1}">{}</text>"#,
            y - 8.5,
            colour(status),
            at + 18.0,
            status.label()
        );
        at += 24.0 + status.label().len() as f64 * CHAR_WIDTH;
    }
    let marks = [
        (
            r##"<circle cx="{cx}" cy="{cy}" r="4.5" fill="#1b1b1b"/>"##,
            "reply",
        ),
        (
            r##"<circle cx="{cx}" cy="{cy}" r="4.5" fill="#ffffff" stroke="#1b1b1b"/>"##,
            "acknowledgment",
        ),
        (
            r##"<polygon points="{cx},{top} {right},{cy} {cx},{bottom} {left},{cy}" fill="#ffb300" stroke="#1b1b1b"/>"##,
            "extension",
        ),
        (
            r##"<rect x="{left}" y="{top}" width="9" height="9" fill="#424242"/>"##,
            "closing",
        ),
    ];
    for (shape, label) in marks {
        let cx = at + 5.0;
        let cy = y - 4.0;
        let shape = shape
            .replace("{cx}", &format!("{cx:.1}"))
            .replace("{cy}", &format!("{cy:.1}"))
            .replace("{top}", &format!("{:.1}", cy - 4.5))
            .replace("{bottom}", &format!("{:.1}", cy + 4.5))
            .replace("{left}", &format!("{:.1}", cx - 4.5))
            .replace("{right}", &format!("{:.1}", cx + 4.5));
        let _ = writeln!(
            out,
            r#"{shape}<text class="note" x="{:.1}" y="{y:.1}">{label}</text>"#,
            at + 14.0
        );
        at += 22.0 + label.len() as f64 * CHAR_WIDTH;
    }
    out.push_str("</g>\n");
}
