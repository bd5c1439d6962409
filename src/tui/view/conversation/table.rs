//! Markdown tables drawn as tables: box lines, columns as wide as their widest cell, and cells
//! wrapped within their column when the pane is too narrow for that. Laid out at each width.

use pulldown_cmark::Alignment;

use super::grapheme::cell_width;
use super::rows::{Piece, Row, StyledLine};
use super::wrap::RowBreaker;
use crate::tui::theme::{Look, Tone};

/// Cells, the first row the header.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Table {
    pub alignments: Vec<Alignment>,
    pub rows: Vec<Vec<StyledLine>>,
}

/// Under this many cells of room per column, a table is listed row by row instead.
const NARROWEST_COLUMN: usize = 3;

impl Table {
    fn columns(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0).max(self.alignments.len())
    }

    /// Draws the table into rows of at most `room` cells, each after `prefix`.
    pub fn draw(&self, room: usize, prefix: &Row, out: &mut Vec<Row>) {
        let columns = self.columns();
        if columns == 0 {
            return;
        }
        let Some(widths) = column_widths(&self.natural_widths(columns), room) else {
            return self.draw_as_list(room, prefix, out);
        };
        let border = |left: &str, middle: &str, right: &str| {
            let mut row = prefix.clone();
            let lines: Vec<String> = widths.iter().map(|w| "─".repeat(w + 2)).collect();
            row.push(Piece::new(format!("{left}{}{right}", lines.join(middle)), Tone::Marker));
            row
        };
        out.push(border("┌", "┬", "┐"));
        for (number, cells) in self.rows.iter().enumerate() {
            if number == 1 {
                out.push(border("├", "┼", "┤"));
            }
            self.draw_row(cells, &widths, number == 0, prefix, out);
        }
        out.push(border("└", "┴", "┘"));
    }

    fn natural_widths(&self, columns: usize) -> Vec<usize> {
        let mut widths = vec![1; columns];
        for cells in &self.rows {
            for (width, cell) in widths.iter_mut().zip(cells) {
                *width = (*width).max(cell_width(&cell.text));
            }
        }
        widths
    }

    fn draw_row(&self, cells: &[StyledLine], widths: &[usize], header: bool, prefix: &Row, out: &mut Vec<Row>) {
        let empty = StyledLine::default();
        let wrapped: Vec<Vec<Row>> = widths
            .iter()
            .enumerate()
            .map(|(column, &width)| {
                let cell = cells.get(column).unwrap_or(&empty);
                let mut rows = Vec::new();
                for range in RowBreaker::new(&cell.text, width) {
                    let mut row = Row::new();
                    cell.slice_into(range, &mut row);
                    rows.push(row);
                }
                rows
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for line in 0..height {
            let mut row = prefix.clone();
            row.push(Piece::new("│", Tone::Marker));
            for (column, &width) in widths.iter().enumerate() {
                let pieces: Row = wrapped[column].get(line).cloned().unwrap_or_default();
                let used: usize = pieces.iter().map(|piece| cell_width(&piece.text)).sum();
                let pad = width.saturating_sub(used);
                let (before, after) = match self.alignments.get(column) {
                    Some(Alignment::Right) => (pad, 0),
                    Some(Alignment::Center) => (pad / 2, pad - pad / 2),
                    _ => (0, pad),
                };
                row.push(Piece::new(" ".repeat(before + 1), Tone::Marker));
                for mut piece in pieces {
                    if header {
                        piece.look = Look { tone: Tone::Heading, emphasis: piece.look.emphasis };
                    }
                    row.push(piece);
                }
                row.push(Piece::new(format!("{}│", " ".repeat(after + 1)), Tone::Marker));
            }
            out.push(row);
        }
    }

    /// Too narrow for columns: each row as its cells one under another, headed by the
    /// header's names, rows apart by a rule.
    fn draw_as_list(&self, room: usize, prefix: &Row, out: &mut Vec<Row>) {
        let header = self.rows.first();
        for (number, cells) in self.rows.iter().enumerate().skip(1) {
            if number > 1 {
                let mut rule = prefix.clone();
                rule.push(Piece::new("─".repeat(room), Tone::Marker));
                out.push(rule);
            }
            for (column, cell) in cells.iter().enumerate() {
                let mut line = cell.clone();
                let name = header.and_then(|h| h.get(column)).map_or(String::new(), |h| format!("{}: ", h.text));
                line.rest_prefix = prefix.clone();
                line.rest_prefix.push(Piece::new(" ".repeat(cell_width(&name)), Tone::Marker));
                line.first_prefix = prefix.clone();
                line.first_prefix.push(Piece::new(name, Tone::Heading));
                line.wrap(room + cell_width_of(prefix), out);
            }
        }
        if self.rows.len() == 1
            && let Some(header) = header
        {
            for cell in header {
                let mut line = cell.clone();
                line.first_prefix = prefix.clone();
                line.rest_prefix = prefix.clone();
                line.wrap(room + cell_width_of(prefix), out);
            }
        }
    }
}

fn cell_width_of(row: &Row) -> usize {
    row.iter().map(|piece| cell_width(&piece.text)).sum()
}

/// Column widths that fit `room` with the box lines: natural ones when they fit, else the
/// room shared out, narrow columns keeping their width and wide ones splitting the rest.
/// None when even `NARROWEST_COLUMN` per column does not fit.
fn column_widths(natural: &[usize], room: usize) -> Option<Vec<usize>> {
    let columns = natural.len();
    let lines = 3 * columns + 1;
    let content = room.checked_sub(lines)?;
    if natural.iter().sum::<usize>() <= content {
        return Some(natural.to_vec());
    }
    if content < columns * NARROWEST_COLUMN {
        return None;
    }
    let mut widths = vec![0; columns];
    let mut open: Vec<usize> = (0..columns).collect();
    let mut left = content;
    // Water-filling: columns narrower than an equal share get their width, the rest share.
    loop {
        let share = left / open.len().max(1);
        let (fits, wide): (Vec<usize>, Vec<usize>) = open.iter().copied().partition(|&c| natural[c] <= share);
        if fits.is_empty() {
            let extra = left - share * wide.len();
            for (index, &column) in wide.iter().enumerate() {
                widths[column] = share + usize::from(index < extra);
            }
            return Some(widths);
        }
        for column in fits {
            widths[column] = natural[column];
            left -= natural[column];
        }
        open = wide;
        if open.is_empty() {
            return Some(widths);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_natural_when_they_fit_and_shared_when_not() {
        assert_eq!(column_widths(&[3, 5], 20), Some(vec![3, 5]));
        // 40 of room, 10 for lines: 30 for text; the narrow column keeps its 4.
        assert_eq!(column_widths(&[4, 50, 50], 40), Some(vec![4, 13, 13]));
        assert_eq!(column_widths(&[10, 10, 10], 12), None);
    }
}
