//! The countdown timeline as a standalone SVG picture, to publish: one row
//! per letter (its city and the date sent), the bar from sending to the
//! deadline in force, the replies, extensions and closings marked with their
//! dates, the as-of line, a date axis, a title and the sources.
//!
//! Nothing outside the file: a generic font family, no scripts, no links.
//! Every text from the records is XML-escaped, on one line, its control and
//! bidirectional characters written as visible escapes. The same docket and
//! date give the same bytes.

mod axis;
mod row;

use std::fmt::Write as _;

use super::one_line;
use axis::Scale;

use crate::model::text::{count, count_irregular, with_weekday};
use crate::model::{Date, Docket, Letter, add_days};

/// Which letters the picture shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// Only the letters of this matter.
    pub matter: Option<String>,
    /// Only what happened on or after this day (the axis starts there).
    pub from: Option<Date>,
    /// Only what happened on or before this day (the axis ends there).
    pub to: Option<Date>,
}

/// The picture's width, in pixels.
pub const WIDTH: u32 = 960;
/// The label column, left of the axis.
const LEFT: f64 = 210.0;
/// Room right of the axis for the last `due` label.
const RIGHT: f64 = 96.0;
/// The axis' labels.
const AXIS_Y: f64 = 84.0;
/// The first row's top.
const ROWS_TOP: f64 = 96.0;
/// One letter's row.
pub const ROW_HEIGHT: u32 = 54;
/// A line of the notes below the rows.
const LINE: f64 = 16.0;

/// The timeline as of `as_of` of the letters `options` picks, as SVG text
/// ending with a newline.
pub fn to_svg(docket: &Docket, as_of: Date, options: &Options) -> String {
    let letters = shown(docket, as_of, options);
    let scale = scale(&letters, as_of, options);
    let sources = sources(&letters);
    let rows_bottom = ROWS_TOP + f64::from(ROW_HEIGHT) * letters.len().max(1) as f64;
    let height = rows_bottom + 40.0 + LINE * (sources.len() + 1) as f64;
    let mut out = String::new();
    head(&mut out, height, &title(&letters));
    let _ = writeln!(
        out,
        r#"<text class="title" x="16" y="32">{}</text>"#,
        xml(&clip(&title(&letters), 90))
    );
    let _ = writeln!(
        out,
        r#"<text class="sub" x="16" y="54">{}</text>"#,
        xml(&subtitle(&letters, as_of, options, scale.as_ref()))
    );
    match &scale {
        Some(scale) => {
            axis(&mut out, scale, rows_bottom);
            let holidays = docket.holidays(as_of);
            for (at, letter) in letters.iter().enumerate() {
                let top = ROWS_TOP + f64::from(ROW_HEIGHT) * at as f64;
                row::draw(&mut out, (docket, &holidays), letter, as_of, scale, top);
            }
            as_of_line(&mut out, scale, as_of, rows_bottom);
        }
        None => {
            let _ = writeln!(
                out,
                r#"<text class="sub" x="16" y="{:.1}">No letter sent by {} matches.</text>"#,
                ROWS_TOP + 24.0,
                with_weekday(as_of)
            );
        }
    }
    let mut y = rows_bottom + 28.0;
    row::legend(&mut out, 16.0, y);
    for source in &sources {
        y += LINE;
        let _ = writeln!(
            out,
            r#"<text class="note" x="16" y="{y:.1}">Source: {}</text>"#,
            xml(&clip(source, 150))
        );
    }
    y += LINE;
    let _ = writeln!(
        out,
        r#"<text class="note" x="16" y="{y:.1}">Made with docket from its records as of {}.</text>"#,
        with_weekday(as_of)
    );
    out.push_str("</svg>\n");
    out
}

/// The letters sent by `as_of` that `options` picks, by date sent, then
/// city, then id.
fn shown<'a>(docket: &'a Docket, as_of: Date, options: &Options) -> Vec<&'a Letter> {
    let mut letters: Vec<&Letter> = (docket.letters.iter())
        .map(|l| &**l)
        .filter(|l| l.is_sent(as_of))
        .filter(|l| (options.matter.as_ref()).is_none_or(|m| l.matter.as_ref() == Some(m)))
        .filter(|l| options.from.is_none_or(|from| live_until(l, as_of) >= from))
        .filter(|l| options.to.is_none_or(|to| l.sent <= to))
        .collect();
    letters.sort_by(|a, b| {
        (a.sent, docket.city_name(&a.city), &a.id).cmp(&(b.sent, docket.city_name(&b.city), &b.id))
    });
    letters
}

/// The last day a letter's row needs: its deadline in force or its latest
/// event as of `as_of`, whichever is later.
fn last_day(letter: &Letter, as_of: Date) -> Date {
    let events = super::events(letter, as_of);
    let latest = events.last().map_or(letter.sent, |e| e.on);
    letter
        .effective_due(as_of)
        .map_or(latest, |due| due.max(latest))
}

/// The last day a letter matters: [`last_day`], or the as-of date while
/// it waits for an answer (an overdue letter is still news).
fn live_until(letter: &Letter, as_of: Date) -> Date {
    let last = last_day(letter, as_of);
    if letter.status(as_of).is_pending() {
        last.max(as_of)
    } else {
        last
    }
}

/// The dates the axis shows: `from`..`to` where given, else from the first
/// letter sent to the last day a row needs (and the as-of date, when it is
/// near enough not to squeeze the rows). `None` with no letter to show.
fn scale(letters: &[&Letter], as_of: Date, options: &Options) -> Option<Scale> {
    let first = letters.iter().map(|l| l.sent).min()?;
    let last = letters.iter().map(|l| last_day(l, as_of)).max()?;
    let start = options.from.unwrap_or(first);
    let end = options.to.unwrap_or_else(|| {
        let span = (last - start).num_days().max(1);
        let after = (as_of - last).num_days();
        let end = if after > 0 && after <= (span / 4).max(7) {
            as_of
        } else {
            last
        };
        // A day after, for the last label.
        add_days(end, 1).unwrap_or(end)
    });
    Some(Scale {
        start,
        end: end.max(start),
        left: LEFT,
        width: f64::from(WIDTH) - LEFT - RIGHT,
    })
}

/// The shared subject when every letter has the same one, else a plain title.
fn title(letters: &[&Letter]) -> String {
    match letters.split_first() {
        Some((first, rest)) if rest.iter().all(|l| l.subject == first.subject) => {
            first.subject.clone()
        }
        _ => "Letters and their deadlines".to_owned(),
    }
}

/// `4 letters to 4 cities · as of 2017-08-18 (Fri) · matter psp-2017-08-03`.
fn subtitle(letters: &[&Letter], as_of: Date, options: &Options, scale: Option<&Scale>) -> String {
    let mut cities: Vec<&str> = letters.iter().map(|l| l.city.as_str()).collect();
    cities.sort_unstable();
    cities.dedup();
    let mut parts = vec![
        format!(
            "{} to {}",
            count(letters.len() as i64, "letter"),
            count_irregular(cities.len() as i64, "city", "cities")
        ),
        format!("as of {}", with_weekday(as_of)),
    ];
    if scale.is_some_and(|s| !s.shows(as_of)) {
        parts[1].push_str(" (outside the dates shown)");
    }
    if let Some(matter) = &options.matter {
        parts.push(format!("matter {matter}"));
    }
    match (options.from, options.to) {
        (Some(from), Some(to)) => parts.push(format!("{from} to {to}")),
        (Some(from), None) => parts.push(format!("from {from}")),
        (None, Some(to)) => parts.push(format!("up to {to}")),
        (None, None) => {}
    }
    one_line(&parts.join(" · "))
}

/// Each source cited by the letters and their replies, once, in row order.
fn sources(letters: &[&Letter]) -> Vec<String> {
    let mut sources: Vec<String> = Vec::new();
    let cited = letters
        .iter()
        .flat_map(|l| (l.source.iter()).chain(l.replies.iter().filter_map(|r| r.source.as_ref())));
    for source in cited {
        let source = one_line(source);
        if !source.trim().is_empty() && !sources.contains(&source) {
            sources.push(source);
        }
    }
    sources
}

/// The XML declaration, the root element with its size and the styles.
fn head(out: &mut String, height: f64, title: &str) {
    let height = height.ceil() as u32;
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif">"#
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&one_line(title)));
    out.push_str(concat!(
        "<style>\n",
        "text { font-family: sans-serif; fill: #1b1b1b; }\n",
        ".title { font-size: 18px; font-weight: bold; }\n",
        ".sub { font-size: 12px; fill: #424242; }\n",
        ".city { font-size: 13px; font-weight: bold; }\n",
        ".small, .note, .axis { font-size: 10.5px; fill: #424242; }\n",
        ".grid { stroke: #e0e0e0; stroke-width: 1; }\n",
        ".asof { stroke: #b71c1c; stroke-width: 1.5; stroke-dasharray: 5 3; }\n",
        "@media print { .grid { stroke: #bdbdbd; } }\n",
        "</style>\n",
    ));
    let _ = writeln!(
        out,
        r##"<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>"##
    );
}

/// The date labels over the rows and a light line down from each.
fn axis(out: &mut String, scale: &Scale, rows_bottom: f64) {
    out.push_str("<g class=\"axis-ticks\">\n");
    for tick in scale.ticks() {
        let x = scale.x(tick.on);
        let _ = writeln!(
            out,
            r#"<line class="grid" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{rows_bottom:.1}"/>"#,
            AXIS_Y + 4.0
        );
        let _ = writeln!(
            out,
            r#"<text class="axis" x="{x:.1}" y="{AXIS_Y:.1}">{}</text>"#,
            xml(&tick.label)
        );
    }
    out.push_str("</g>\n");
}

/// The as-of date: a dashed line down the rows, labelled, when shown.
fn as_of_line(out: &mut String, scale: &Scale, as_of: Date, rows_bottom: f64) {
    if !scale.shows(as_of) {
        return;
    }
    let x = scale.mid(as_of);
    let _ = writeln!(
        out,
        r#"<line class="asof" x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{rows_bottom:.1}"/>"#,
        ROWS_TOP - 6.0
    );
    let _ = writeln!(
        out,
        r##"<text class="small" x="{:.1}" y="{:.1}" fill="#b71c1c" style="fill: #b71c1c">as of {}</text>"##,
        x + 3.0,
        rows_bottom + 12.0,
        as_of.format("%Y-%m-%d")
    );
}

/// At most `max` characters, an ellipsis marking the cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(max - 1).collect();
    clipped.push('…');
    clipped
}

/// Text for an element or an attribute: on one line, the characters a
/// reader would not see (controls, bidirectional overrides) written as
/// visible escapes, as on a terminal; the two XML cannot hold (U+FFFE,
/// U+FFFF) replaced; `& < > " '` escaped.
fn xml(text: &str) -> String {
    let line = one_line(text);
    let shown = crate::text_safety::visible_line(&line);
    let mut out = String::with_capacity(shown.len());
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml_and_shown() {
        assert_eq!(
            xml("a<b>&\"c'\u{1b}]0;x\u{7}\u{202e}d\nE\u{ffff}"),
            "a&lt;b&gt;&amp;&quot;c&apos;\\x1b]0;x\\x07\\u{202e}d E\u{fffd}"
        );
    }

    #[test]
    fn clipping_counts_characters() {
        assert_eq!(clip("東京東京", 3), "東京…");
        assert_eq!(clip("abc", 3), "abc");
    }
}
