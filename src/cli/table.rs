//! Aligned plain-text tables for the terminal.

use unicode_width::UnicodeWidthStr;

use crate::text_safety::visible_line;

/// Renders rows as columns separated by two spaces, each padded to its widest
/// cell by display width; the last column is not padded. Each cell is shown
/// on one line, its line breaks and control characters written as escapes.
pub fn render<S: AsRef<str>>(rows: &[impl AsRef<[S]>]) -> String {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (c, cell) in row.as_ref().iter().enumerate() {
            if c == widths.len() {
                widths.push(0);
            }
            widths[c] = widths[c].max(visible_line(cell.as_ref()).width());
        }
    }
    let mut out = String::with_capacity(rows.len() * (widths.iter().sum::<usize>() + 16));
    for row in rows {
        let start = out.len();
        let row = row.as_ref();
        for (c, cell) in row.iter().enumerate() {
            let cell = visible_line(cell.as_ref());
            out.push_str(&cell);
            if c + 1 < row.len() {
                out.extend(std::iter::repeat_n(' ', widths[c] - cell.width() + 2));
            }
        }
        out.truncate(start + out[start..].trim_end().len());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let rows = vec![
            vec!["ID".to_owned(), "NAME".to_owned(), "X".to_owned()],
            vec!["北京".to_owned(), "a".to_owned(), "y".to_owned()],
        ];
        assert_eq!(render(&rows), "ID    NAME  X\n北京  a     y\n");
    }
}
