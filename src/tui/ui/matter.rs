//! The matter screen: one row per city of the letters sent together, with
//! what each had become as of the as-of date: sent, received, due, status,
//! replies, extensions, closings.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

use super::countdown;
use crate::model::Date;
use crate::model::text::{count, with_weekday};
use crate::story::{MatterRow, matter_row, status_counts};
use crate::tui::app::App;

/// What the keys do here, in the bottom border.
const HINTS: &str = " Enter: the letter · [ ]: a day · C: chronology · Esc: back ";

/// `Aug 3`: the year is in the title.
fn short(date: Date) -> String {
    date.format("%b %-d").to_string()
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let theme = app.theme();
    let Some((id, letters, selected)) = app.matter() else {
        return;
    };
    let (docket, as_of) = (app.docket(), app.as_of());
    let counts: Vec<String> = (status_counts(docket, letters, as_of).into_iter())
        .map(|(status, n)| format!("{n} {status}"))
        .collect();
    let title = format!(
        " Matter {id} · as of {} · {}: {} ",
        with_weekday(as_of),
        count(letters.len() as i64, "letter"),
        counts.join(", ")
    );
    let block = Block::bordered()
        .title(Line::from(title).style(theme.focused))
        .title_bottom(Line::from(HINTS).style(theme.dim).right_aligned())
        .border_style(theme.focused);
    let rows: Vec<MatterRow> = (letters.iter())
        .map(|&at| matter_row(docket, &docket.letters[at], as_of))
        .collect();
    let received = rows.iter().any(|r| r.received(as_of).is_some());
    let wide = area.width >= 110;
    let mut header = vec!["City", "Sent"];
    let mut widths = vec![
        Constraint::Length(if wide { 16 } else { 12 }),
        Constraint::Length(6),
    ];
    if received {
        header.push("Received");
        widths.push(Constraint::Length(8));
    }
    header.extend(["Due", "Status", "Replies", "Extensions", "Closed"]);
    widths.extend([
        Constraint::Length(6),
        Constraint::Length(if wide { 13 } else { 10 }),
        Constraint::Fill(2),
        Constraint::Length(if wide { 16 } else { 13 }),
        Constraint::Length(if wide { 20 } else { 6 }),
    ]);
    let table_rows = rows
        .iter()
        .map(|row| grid_row(row, as_of, received, wide, app));
    let table = Table::new(table_rows, widths)
        .header(Row::new(header).style(theme.label))
        .block(block)
        .row_highlight_style(theme.selected);
    let mut state = TableState::default().with_selected(Some(selected));
    frame.render_stateful_widget(table, area, &mut state);
}

fn grid_row<'a>(row: &MatterRow, as_of: Date, received: bool, wide: bool, app: &App) -> Row<'a> {
    let theme = app.theme();
    let sent = row.letter.is_sent(as_of);
    let date = |d: Option<Date>| d.map_or_else(|| "-".to_owned(), short);
    let lines = |items: Vec<String>| -> Text<'a> {
        if items.is_empty() {
            Text::from("-")
        } else {
            Text::from(items.into_iter().map(Line::from).collect::<Vec<_>>())
        }
    };
    let replies: Vec<String> = (row.replies.iter())
        .map(|r| format!("{} {}", short(r.on), r.kind))
        .collect();
    let extensions: Vec<String> = (row.extensions.iter())
        .map(|e| format!("{}→{}", short(e.granted_on), short(e.new_due)))
        .collect();
    let closings: Vec<String> = (row.closings.iter())
        .map(|c| match c.reopened_on.filter(|&d| d <= as_of) {
            Some(reopened) if wide => format!("{}, reopened {}", short(c.on), short(reopened)),
            Some(reopened) => format!("{}/{}", short(c.on), short(reopened)),
            None => short(c.on),
        })
        .collect();
    let height = [replies.len(), extensions.len(), closings.len(), 1]
        .into_iter()
        .max()
        .unwrap_or(1);
    let status = countdown(row.status, row.letter.days_left(as_of).filter(|_| sent));
    let mut cells = vec![
        Cell::from(row.city.to_owned()),
        Cell::from(if sent {
            short(row.letter.sent)
        } else {
            "-".to_owned()
        }),
    ];
    if received {
        cells.push(Cell::from(date(row.received(as_of))));
    }
    cells.extend([
        Cell::from(date(row.due)),
        Cell::from(status).style(theme.status(row.status)),
        Cell::from(lines(replies)),
        Cell::from(lines(extensions)),
        Cell::from(lines(closings)),
    ]);
    Row::new(cells).height(u16::try_from(height).unwrap_or(u16::MAX))
}
